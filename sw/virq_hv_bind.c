/* The hypervisor modules bound to a virq instance: see virq_hv_bind.h and
 * docs/hypervisor.md. */
#include "virq_hv_bind.h"

#include <stddef.h>

#include "../include/virq_regs.h"

/* ---- shared-INTx monitor ---------------------------------------------------- */

static int intx_read_status(void *ctx, unsigned fn, bool *asserting)
{
    virq_intx_bind_t *b = ctx;
    return virq_fnctl_intx_status(b->pf, fn, asserting) != VIRQ_OK;
}

static int intx_set_disable(void *ctx, unsigned fn, bool disable)
{
    virq_intx_bind_t *b = ctx;
    return virq_fnctl_intx_disable(b->pf, fn, disable) != VIRQ_OK;
}

static void intx_deliver(void *ctx, unsigned vm, unsigned fn)
{
    virq_intx_bind_t *b = ctx;
    b->deliver(b->ctx, vm, fn);
}

int virq_intx_bind(virq_intx_bind_t *b, virq_intx_mon_t *m, virq_dev_t *pf, unsigned num_vm,
                   void (*deliver)(void *ctx, unsigned vm, unsigned fn), void *ctx)
{
    if (b == NULL || m == NULL || pf == NULL || pf->window || deliver == NULL ||
        !(pf->features & VIRQ_FEATURES_MSIX_MASK) || pf->num_func == 0 || pf->num_func > VIRQ_INTX_MAX_FUNC ||
        num_vm == 0 || num_vm > VIRQ_INTX_MAX_VM)
        return VIRQ_EINVAL;
    *b = (virq_intx_bind_t){.pf = pf, .ctx = ctx, .deliver = deliver};
    virq_intx_ops_t ops = {.ctx = b, .read_status = intx_read_status, .set_disable = intx_set_disable,
                           .deliver = intx_deliver};
    return virq_intx_init(m, &ops, pf->num_func, num_vm);
}

/* ---- vector lease broker -------------------------------------------------------- */

/* drv's function on this instance, or false if drv is not one of its
 * functions (or vec is not one of its vectors). */
static bool drv_fn(const virq_broker_bind_t *bb, unsigned drv, unsigned vec, unsigned *fn)
{
    const virq_broker_t *b = bb->broker;
    if (drv >= b->num_drv || !b->drv[drv].used || vec >= bb->pf->num_vec)
        return false;
    const virq_broker_drv_desc_t *d = &b->drv[drv].desc;
    if (d->adapter != bb->adapter || d->function >= bb->pf->num_func)
        return false;
    *fn = d->function;
    return true;
}

static int br_bind(void *ctx, unsigned drv, unsigned vec)
{
    virq_broker_bind_t *bb = ctx;
    unsigned fn, owner;
    uint32_t left;
    uint64_t addr;
    uint32_t data;
    virq_fn_t w;
    if (!drv_fn(bb, drv, vec, &fn) || bb->message(bb->ctx, drv, vec, &addr, &data) != 0)
        return 1;
    if (virq_vec_lease_get(bb->pf, vec, &owner, &left) != VIRQ_OK)
        return 1;
    if (owner != fn) {
        if (left != 0)
            return 1; /* lent to another function: not fn's to program */
        if (virq_vec_set_home(bb->pf, vec, fn) != VIRQ_OK)
            return 1;
    }
    if (virq_fn_attach(&w, bb->pf, fn) != VIRQ_OK || virq_fn_msix_program(&w, vec, addr, data) != VIRQ_OK ||
        virq_fn_msix_mask(&w, vec, false) != VIRQ_OK)
        return 1;
    return 0;
}

static int br_mask(void *ctx, unsigned drv, unsigned vec)
{
    virq_broker_bind_t *bb = ctx;
    unsigned fn, owner;
    virq_fn_t w;
    if (!drv_fn(bb, drv, vec, &fn) || virq_vec_lease_get(bb->pf, vec, &owner, NULL) != VIRQ_OK)
        return 1;
    if (owner != fn) {
        bb->not_owned++; /* the device took it back, masked and zeroed */
        return 0;
    }
    return virq_fn_attach(&w, bb->pf, fn) != VIRQ_OK || virq_fn_msix_mask(&w, vec, true) != VIRQ_OK;
}

static int br_hw_lease(void *ctx, unsigned adapter, unsigned vec, unsigned owner_fn, uint32_t ticks)
{
    virq_broker_bind_t *bb = ctx;
    if (adapter != bb->adapter || vec >= bb->pf->num_vec)
        return 1;
    if (ticks == 0)
        return virq_vec_lease_end(bb->pf, vec) != VIRQ_OK;
    uint64_t hw = (uint64_t)ticks * bb->hw_per_tick;
    if (hw > (VIRQ_VEC_LEASE_TICKS_MASK >> VIRQ_VEC_LEASE_TICKS_SHIFT))
        return 1; /* longer than the device can count */
    return virq_vec_lease(bb->pf, vec, owner_fn, (uint32_t)hw) != VIRQ_OK;
}

int virq_broker_bind(virq_broker_bind_t *bb, virq_broker_ops_t *ops, const virq_broker_t *b, virq_dev_t *pf,
                     unsigned adapter, uint32_t hw_per_tick, virq_broker_msg_fn message, void *ctx)
{
    if (bb == NULL || ops == NULL || b == NULL || pf == NULL || pf->window || message == NULL || hw_per_tick == 0 ||
        adapter == VIRQ_BROKER_NO_ADAPTER || !(pf->features & VIRQ_FEATURES_MSIX_MASK) || pf->num_vec == 0 ||
        pf->num_vec > VIRQ_BROKER_MAX_VEC)
        return VIRQ_EINVAL;
    *bb = (virq_broker_bind_t){.pf = pf, .broker = b, .adapter = adapter, .hw_per_tick = hw_per_tick,
                               .message = message, .ctx = ctx};
    *ops = (virq_broker_ops_t){.ctx = bb, .bind = br_bind, .mask = br_mask, .hw_lease = br_hw_lease};
    return VIRQ_OK;
}

int virq_broker_bind_event(virq_broker_bind_t *bb, virq_broker_t *b, uint32_t entry, bool *ended)
{
    unsigned vec = entry & 0xFFu;
    if (bb == NULL || b == NULL || b != bb->broker || (entry >> 24) != VIRQ_EVT_CODE_LEASE_EXPIRED ||
        vec >= b->num_vec)
        return VIRQ_EINVAL;
    if (ended)
        *ended = false;
    const virq_broker_vec_t *v = &b->vec[vec];
    if (v->home == VIRQ_BROKER_NONE || v->owner == v->home) {
        bb->stale_events++; /* the broker's own deadline (or a return) came first */
        return VIRQ_OK;
    }
    uint32_t left;
    int e = virq_vec_lease_get(bb->pf, vec, NULL, &left);
    if (e != VIRQ_OK)
        return e;
    if (left != 0) {
        bb->stale_events++; /* an event of an earlier lease: the device runs a new one */
        return VIRQ_OK;
    }
    e = virq_broker_expire(b, vec);
    if (ended)
        *ended = true;
    return e;
}
