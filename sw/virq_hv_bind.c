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

/* drv's function on bb's instance, or false if drv is not one of its
 * functions (or vec is not one of its vectors in the broker). */
static bool drv_fn(const virq_broker_bind_t *bb, unsigned drv, unsigned vec, unsigned *fn)
{
    const virq_broker_t *b = bb->broker;
    if (drv >= b->num_drv || !b->drv[drv].used || vec >= bb->num_vec)
        return false;
    const virq_broker_drv_desc_t *d = &b->drv[drv].desc;
    if (d->adapter != bb->adapter || d->function >= bb->pf->num_func)
        return false;
    *fn = d->function;
    return true;
}

/* The ops on one instance: vec is the instance's vector, bvec the broker's. */
static int bind_at(virq_broker_bind_t *bb, unsigned drv, unsigned vec, unsigned bvec)
{
    unsigned fn, owner;
    uint32_t left;
    uint64_t addr;
    uint32_t data;
    virq_fn_t w;
    if (!drv_fn(bb, drv, vec, &fn) || bb->message(bb->ctx, drv, bvec, &addr, &data) != 0)
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

static int mask_at(virq_broker_bind_t *bb, unsigned drv, unsigned vec)
{
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

static int lease_at(virq_broker_bind_t *bb, unsigned vec, unsigned owner_fn, uint32_t ticks)
{
    if (vec >= bb->num_vec)
        return 1;
    if (ticks == 0)
        return virq_vec_lease_end(bb->pf, vec) != VIRQ_OK;
    uint64_t hw = (uint64_t)ticks * bb->hw_per_tick;
    if (hw > (VIRQ_VEC_LEASE_TICKS_MASK >> VIRQ_VEC_LEASE_TICKS_SHIFT))
        return 1; /* longer than the device can count */
    return virq_vec_lease(bb->pf, vec, owner_fn, (uint32_t)hw) != VIRQ_OK;
}

/* A lease-expired entry of bb's instance for its vector vec (broker vector
 * bvec). */
static int event_at(virq_broker_bind_t *bb, virq_broker_t *b, unsigned vec, unsigned bvec, bool *ended)
{
    if (ended)
        *ended = false;
    const virq_broker_vec_t *v = &b->vec[bvec];
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
    e = virq_broker_expire(b, bvec);
    if (ended)
        *ended = true;
    return e;
}

static int br_bind(void *ctx, unsigned drv, unsigned vec)
{
    return bind_at(ctx, drv, vec, vec);
}

static int br_mask(void *ctx, unsigned drv, unsigned vec)
{
    return mask_at(ctx, drv, vec);
}

static int br_hw_lease(void *ctx, unsigned adapter, unsigned vec, unsigned owner_fn, uint32_t ticks)
{
    virq_broker_bind_t *bb = ctx;
    if (adapter != bb->adapter)
        return 1;
    return lease_at(bb, vec, owner_fn, ticks);
}

static bool pf_ok(const virq_dev_t *pf)
{
    return pf != NULL && !pf->window && (pf->features & VIRQ_FEATURES_MSIX_MASK) && pf->num_vec != 0 &&
           pf->num_vec <= VIRQ_BROKER_MAX_VEC;
}

int virq_broker_bind(virq_broker_bind_t *bb, virq_broker_ops_t *ops, const virq_broker_t *b, virq_dev_t *pf,
                     unsigned adapter, uint32_t hw_per_tick, virq_broker_msg_fn message, void *ctx)
{
    if (bb == NULL || ops == NULL || b == NULL || !pf_ok(pf) || message == NULL || hw_per_tick == 0 ||
        adapter == VIRQ_BROKER_NO_ADAPTER)
        return VIRQ_EINVAL;
    *bb = (virq_broker_bind_t){.pf = pf, .broker = b, .adapter = adapter, .hw_per_tick = hw_per_tick,
                               .message = message, .ctx = ctx, .vec_base = 0, .num_vec = pf->num_vec};
    *ops = (virq_broker_ops_t){.ctx = bb, .bind = br_bind, .mask = br_mask, .hw_lease = br_hw_lease};
    return VIRQ_OK;
}

int virq_broker_bind_event(virq_broker_bind_t *bb, virq_broker_t *b, uint32_t entry, bool *ended)
{
    unsigned vec = entry & 0xFFu;
    if (bb == NULL || b == NULL || b != bb->broker || (entry >> 24) != VIRQ_EVT_CODE_LEASE_EXPIRED ||
        vec >= b->num_vec || vec >= bb->num_vec)
        return VIRQ_EINVAL;
    return event_at(bb, b, vec, vec, ended);
}

/* ---- one broker over several instances --------------------------------------------- */

#define HIDDEN 0xFFFEu /* a free vector of another adapter, for the length of one call */

/* The adapter slot of broker vector bvec (its vector in *vec), or NULL. */
static virq_broker_bind_t *slot_of_bvec(virq_broker_mbind_t *mb, unsigned bvec, unsigned *vec)
{
    for (unsigned i = 0; i < mb->num_adapters; i++) {
        virq_broker_bind_t *bb = &mb->ad[i];
        if (bvec >= bb->vec_base && bvec - bb->vec_base < bb->num_vec) {
            *vec = bvec - bb->vec_base;
            return bb;
        }
    }
    return NULL;
}

static int slot_of_adapter(const virq_broker_mbind_t *mb, unsigned adapter)
{
    for (unsigned i = 0; i < mb->num_adapters; i++)
        if (mb->ad[i].adapter == adapter)
            return (int)i;
    return -1;
}

/* bvec's slot, if drv is a driver of that adapter; a driver of another
 * adapter is counted in cross_refused. */
static virq_broker_bind_t *slot_for(virq_broker_mbind_t *mb, unsigned drv, unsigned bvec, unsigned *vec)
{
    virq_broker_bind_t *bb = slot_of_bvec(mb, bvec, vec);
    const virq_broker_t *b = mb->broker;
    if (bb == NULL || drv >= b->num_drv || !b->drv[drv].used)
        return NULL;
    if (b->drv[drv].desc.adapter != bb->adapter) {
        mb->cross_refused++;
        return NULL;
    }
    return bb;
}

static int mb_bind(void *ctx, unsigned drv, unsigned bvec)
{
    unsigned vec;
    virq_broker_bind_t *bb = slot_for(ctx, drv, bvec, &vec);
    return bb == NULL ? 1 : bind_at(bb, drv, vec, bvec);
}

static int mb_mask(void *ctx, unsigned drv, unsigned bvec)
{
    unsigned vec;
    virq_broker_bind_t *bb = slot_for(ctx, drv, bvec, &vec);
    return bb == NULL ? 1 : mask_at(bb, drv, vec);
}

static int mb_hw_lease(void *ctx, unsigned adapter, unsigned bvec, unsigned owner_fn, uint32_t ticks)
{
    unsigned vec;
    virq_broker_bind_t *bb = slot_of_bvec(ctx, bvec, &vec);
    if (bb == NULL || bb->adapter != adapter)
        return 1;
    return lease_at(bb, vec, owner_fn, ticks);
}

int virq_broker_mbind(virq_broker_mbind_t *mb, virq_broker_ops_t *ops, const virq_broker_t *b,
                      const virq_broker_adapter_t *ads, unsigned n, uint32_t hw_per_tick, virq_broker_msg_fn message,
                      void *ctx)
{
    if (mb == NULL || ops == NULL || b == NULL || ads == NULL || n == 0 || n > VIRQ_BROKER_MAX_ADAPTERS ||
        message == NULL || hw_per_tick == 0)
        return VIRQ_EINVAL;
    unsigned total = 0;
    for (unsigned i = 0; i < n; i++) {
        const virq_broker_adapter_t *a = &ads[i];
        if (!pf_ok(a->pf) || a->adapter == VIRQ_BROKER_NO_ADAPTER || a->num_vec > a->pf->num_vec)
            return VIRQ_EINVAL;
        for (unsigned j = 0; j < i; j++)
            if (ads[j].adapter == a->adapter || ads[j].pf == a->pf)
                return VIRQ_EINVAL;
        total += a->num_vec ? a->num_vec : a->pf->num_vec;
    }
    if (total > VIRQ_BROKER_MAX_VEC)
        return VIRQ_EINVAL;
    *mb = (virq_broker_mbind_t){.broker = b, .num_adapters = n, .num_vec = total};
    unsigned base = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned nv = ads[i].num_vec ? ads[i].num_vec : ads[i].pf->num_vec;
        mb->ad[i] = (virq_broker_bind_t){.pf = ads[i].pf, .broker = b, .adapter = ads[i].adapter,
                                         .hw_per_tick = hw_per_tick, .message = message, .ctx = ctx,
                                         .vec_base = base, .num_vec = nv};
        base += nv;
    }
    *ops = (virq_broker_ops_t){.ctx = mb, .bind = mb_bind, .mask = mb_mask, .hw_lease = mb_hw_lease};
    return VIRQ_OK;
}

int virq_broker_mbind_vec(const virq_broker_mbind_t *mb, unsigned bvec, unsigned *adapter, unsigned *vec)
{
    if (mb == NULL)
        return VIRQ_EINVAL;
    unsigned v;
    const virq_broker_bind_t *bb = slot_of_bvec((virq_broker_mbind_t *)mb, bvec, &v);
    if (bb == NULL)
        return VIRQ_EINVAL;
    if (adapter)
        *adapter = bb->adapter;
    if (vec)
        *vec = v;
    return VIRQ_OK;
}

int virq_broker_mbind_bvec(const virq_broker_mbind_t *mb, unsigned adapter, unsigned vec, unsigned *bvec)
{
    int i = mb == NULL ? -1 : slot_of_adapter(mb, adapter);
    if (i < 0 || vec >= mb->ad[i].num_vec || bvec == NULL)
        return VIRQ_EINVAL;
    *bvec = mb->ad[i].vec_base + vec;
    return VIRQ_OK;
}

/* For the length of one broker call, the pool is drv's adapter's: free
 * vectors of the others are hidden, cooperative drivers of the others are
 * not cooperative.  *left_out: one of those had vectors at home. */
typedef struct scope {
    bool hidden[VIRQ_BROKER_MAX_VEC];
    bool uncoop[VIRQ_BROKER_MAX_DRV];
} scope_t;

static int scope_enter(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned drv, scope_t *sc, bool *left_out)
{
    if (mb == NULL || b == NULL || b != mb->broker || b->num_vec != mb->num_vec || drv >= b->num_drv ||
        !b->drv[drv].used)
        return VIRQ_EINVAL;
    int i = slot_of_adapter(mb, b->drv[drv].desc.adapter);
    if (i < 0)
        return VIRQ_EINVAL;
    const virq_broker_bind_t *own = &mb->ad[i];
    *sc = (scope_t){{false}, {false}};
    *left_out = false;
    for (unsigned v = 0; v < b->num_vec; v++) {
        if (b->vec[v].home == VIRQ_BROKER_NONE && (v < own->vec_base || v - own->vec_base >= own->num_vec)) {
            b->vec[v].home = b->vec[v].owner = HIDDEN;
            sc->hidden[v] = true;
        }
    }
    for (unsigned d = 0; d < b->num_drv; d++) {
        if (b->drv[d].used && b->drv[d].cooperative && b->drv[d].desc.adapter != own->adapter) {
            b->drv[d].cooperative = false;
            sc->uncoop[d] = true;
            for (unsigned v = 0; v < b->num_vec && !*left_out; v++)
                *left_out = b->vec[v].home == d && b->vec[v].owner == d && !b->vec[v].unsure; /* lendable */
        }
    }
    return VIRQ_OK;
}

static void scope_leave(virq_broker_t *b, const scope_t *sc)
{
    for (unsigned v = 0; v < b->num_vec; v++)
        if (sc->hidden[v])
            b->vec[v].home = b->vec[v].owner = VIRQ_BROKER_NONE;
    for (unsigned d = 0; d < b->num_drv; d++)
        if (sc->uncoop[d])
            b->drv[d].cooperative = true;
}

int virq_broker_mbind_alloc(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned drv, unsigned count, unsigned *got)
{
    scope_t sc;
    bool left_out;
    if (b == NULL || count == 0 || count > b->num_vec)
        return VIRQ_EINVAL;
    int e = scope_enter(mb, b, drv, &sc, &left_out);
    if (e != VIRQ_OK)
        return e;
    e = virq_broker_alloc(b, drv, count, got);
    scope_leave(b, &sc);
    return e;
}

int virq_broker_mbind_request(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned drv, unsigned count,
                              uint32_t lease_ticks, virq_broker_mode_t mode, virq_broker_grant_t *g)
{
    scope_t sc;
    bool left_out;
    if (b == NULL || g == NULL || count == 0 || count > b->num_vec || lease_ticks == 0 ||
        (mode != VIRQ_BROKER_PARALLEL && mode != VIRQ_BROKER_SEQUENTIAL))
        return VIRQ_EINVAL;
    int e = scope_enter(mb, b, drv, &sc, &left_out);
    if (e != VIRQ_OK)
        return e;
    e = virq_broker_request(b, drv, count, lease_ticks, mode, g);
    scope_leave(b, &sc);
    if (left_out && g->n < count)
        mb->cross_denied++;
    return e;
}

int virq_broker_mbind_event(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned adapter, uint32_t entry,
                            bool *ended)
{
    unsigned vec = entry & 0xFFu;
    int i = mb == NULL ? -1 : slot_of_adapter(mb, adapter);
    if (i < 0 || b == NULL || b != mb->broker || b->num_vec != mb->num_vec ||
        (entry >> 24) != VIRQ_EVT_CODE_LEASE_EXPIRED || vec >= mb->ad[i].num_vec)
        return VIRQ_EINVAL;
    return event_at(&mb->ad[i], b, vec, mb->ad[i].vec_base + vec, ended);
}
