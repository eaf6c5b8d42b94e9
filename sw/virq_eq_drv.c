/* Event-queue side of the virq driver: see virq_eq_drv.h. */
#include "virq_eq_drv.h"

#include <stddef.h>

#include "../include/virq_regs.h"

#define EQ_CODE(entry) ((entry) >> 24)

void virq_eq_ring_init(virq_eq_ring_t *r, const virq_mem_t *mem, unsigned eq, unsigned func, uint64_t base,
                       unsigned log2_size)
{
    *r = (virq_eq_ring_t){.eq = eq, .func = func, .base = base, .log2_size = log2_size, .ri = 0};
    for (uint32_t i = 0; i < (1u << log2_size); i++)
        mem->write32(mem->ctx, base + 4u * i, 0);
}

uint32_t virq_eq_doorbell(unsigned eq, bool valid, uint16_t ri, bool arm)
{
    /* the queue number kept to its field: never spills into VALID/ARM */
    return (((uint32_t)eq << VIRQ_EQ_DB_DB_EQ_SHIFT) & VIRQ_EQ_DB_DB_EQ_MASK) | (valid ? VIRQ_EQ_DB_DB_VALID_MASK : 0) |
           (arm ? VIRQ_EQ_DB_DB_ARM_MASK : 0) | (valid ? ri : 0);
}

uint32_t virq_eq_db_addr(const virq_eq_ring_t *r)
{
    return VIRQ_EQ_DB_DB(r->func);
}

unsigned virq_eq_poll(virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx, unsigned budget,
                      uint32_t *doorbell)
{
    uint16_t mask = (uint16_t)((1u << r->log2_size) - 1u);
    unsigned n = 0;
    while (budget == 0 || n < budget) {
        uint64_t a = r->base + 4u * r->ri;
        uint32_t e = mem->read32(mem->ctx, a);
        if (EQ_CODE(e) == 0)
            break;
        handle(ctx, r->eq, e);
        mem->write32(mem->ctx, a, e & 0x00FFFFFFu); /* clear the code: the entry is free */
        r->ri = (uint16_t)((r->ri + 1u) & mask);
        n++;
    }
    *doorbell = virq_eq_doorbell(r->eq, true, r->ri, true);
    return n;
}

/* virq_eq_setup's argument checks. */
static int setup_args(const virq_dev_t *d, unsigned eq, unsigned func, unsigned vec, uint64_t base,
                      unsigned log2_size, uint64_t wb_addr, unsigned wb_every)
{
    if (d->window)
        return VIRQ_EINVAL; /* queue contexts live in the PF window */
    if (!(d->features & VIRQ_FEATURES_EQ_MASK))
        return VIRQ_ENOTSUP;
    if (eq >= d->num_eq || func >= d->num_func || (vec >= d->num_vec && vec != VIRQ_NO_VEC) || log2_size < 1 ||
        log2_size > d->eq_max_log2 || (base & 3u) || (wb_addr & 3u) || wb_every > 255)
        return VIRQ_EINVAL;
    return VIRQ_OK;
}

/* STATUS of queue eq: VIRQ_EBUSY unless it is undefined and no DMA write
 * of it waits (*busy: that write). */
static int eq_idle(virq_dev_t *d, unsigned eq, bool undefined, bool *busy)
{
    uint32_t st = 0;
    int e = virq_read(d, VIRQ_EQ_STATUS(eq), &st);
    if (e != VIRQ_OK)
        return e;
    *busy = (st & VIRQ_EQ_STATUS_BUSY_MASK) != 0;
    if (*busy || (undefined && (st & VIRQ_EQ_STATUS_STATE_MASK) != VIRQ_EQ_STATE_UNDEFINED))
        return VIRQ_EBUSY;
    return VIRQ_OK;
}

/* virq_eq_setup; *inited: CMD.INIT was accepted (the queue is defined and
 * the device may write the ring from then on). */
static int eq_setup(virq_dev_t *d, const virq_mem_t *mem, virq_eq_ring_t *r, unsigned eq, unsigned func,
                    unsigned vec, uint64_t base, unsigned log2_size, uint64_t wb_addr, unsigned wb_every, bool arm,
                    bool *inited)
{
    *inited = false;
    int e = setup_args(d, eq, func, vec, base, log2_size, wb_addr, wb_every);
    if (e != VIRQ_OK)
        return e;
    /* a queue in use is refused before the ring is touched */
    bool busy;
    if ((e = eq_idle(d, eq, true, &busy)) != VIRQ_OK)
        return e;
    virq_eq_ring_init(r, mem, eq, func, base, log2_size);
    uint32_t cfg = (log2_size << VIRQ_EQ_CFG_LOG2_SIZE_SHIFT) | (wb_addr ? VIRQ_EQ_CFG_WB_EN_MASK : 0) |
                   (wb_every << VIRQ_EQ_CFG_WB_EVERY_SHIFT) | (func << VIRQ_EQ_CFG_FUNC_SHIFT) |
                   (vec == VIRQ_NO_VEC ? VIRQ_EQ_CFG_LEGACY_MASK : vec << VIRQ_EQ_CFG_VEC_SHIFT);
    if ((e = virq_write(d, VIRQ_EQ_BASE_LO(eq), (uint32_t)base)) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_EQ_BASE_HI(eq), (uint32_t)(base >> 32))) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_EQ_WB_LO(eq), (uint32_t)wb_addr)) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_EQ_WB_HI(eq), (uint32_t)(wb_addr >> 32))) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_EQ_CFG(eq), cfg)) != VIRQ_OK || (e = virq_write(d, VIRQ_EQ_CMD(eq), VIRQ_EQ_CMD_INIT_MASK)) != VIRQ_OK)
        return e;
    *inited = true;
    if (arm)
        return virq_write(d, virq_eq_db_addr(r), virq_eq_doorbell(eq, false, 0, true));
    return VIRQ_OK;
}

int virq_eq_setup(virq_dev_t *d, const virq_mem_t *mem, virq_eq_ring_t *r, unsigned eq, unsigned func, unsigned vec,
                  uint64_t base, unsigned log2_size, uint64_t wb_addr, unsigned wb_every, bool arm)
{
    bool inited;
    return eq_setup(d, mem, r, eq, func, vec, base, log2_size, wb_addr, wb_every, arm, &inited);
}

int virq_eq_retire(virq_dev_t *d, unsigned eq, unsigned polls)
{
    if (d == NULL || d->window)
        return VIRQ_EINVAL;
    if (!(d->features & VIRQ_FEATURES_EQ_MASK))
        return VIRQ_ENOTSUP;
    if (eq >= d->num_eq)
        return VIRQ_EINVAL;
    int e = virq_write(d, VIRQ_EQ_CMD(eq), VIRQ_EQ_CMD_DISABLE_MASK);
    if (e != VIRQ_OK)
        return e;
    bool busy = true;
    for (unsigned i = 0; i < (polls ? polls : 1u) && busy; i++)
        if ((e = eq_idle(d, eq, false, &busy)) != VIRQ_OK && e != VIRQ_EBUSY)
            return e;
    return busy ? VIRQ_EBUSY : VIRQ_OK;
}

int virq_eq_service(virq_dev_t *d, virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx,
                    unsigned budget, unsigned *handled)
{
    if (d->window && d->func != r->func)
        return VIRQ_EINVAL; /* a window rings its own function's doorbell only */
    if (r->eq >= d->num_eq || r->func >= d->num_func)
        return VIRQ_EINVAL; /* a ring of another instance: its doorbell would name another register */
    uint32_t db;
    unsigned n = virq_eq_poll(r, mem, handle, ctx, budget, &db);
    if (handled != NULL)
        *handled = n;
    return virq_write(d, d->window ? VIRQ_FN_DB_OFFSET : virq_eq_db_addr(r), db);
}

/* ---- allocation and waiting ---------------------------------------------------- */

int virq_mem_alloc(const virq_mem_alloc_t *a, uint64_t bytes, uint64_t align, uint64_t *addr)
{
    if (a == NULL || a->alloc == NULL)
        return VIRQ_ENOTSUP;
    if (addr == NULL || bytes == 0 || align < 4 || (align & (align - 1)) != 0)
        return VIRQ_EINVAL;
    uint64_t x = 0;
    if (a->alloc(a->ctx, bytes, align, &x) != 0)
        return VIRQ_ENOMEM;
    if (x == 0 || (x & (align - 1))) {
        /* the platform ignored align, or answered address 0, which
         * virq_eq_ring_free reads as "no ring": not usable */
        virq_mem_free(a, x, bytes);
        return VIRQ_ENOMEM;
    }
    *addr = x;
    return VIRQ_OK;
}

void virq_mem_free(const virq_mem_alloc_t *a, uint64_t addr, uint64_t bytes)
{
    if (a != NULL && a->free != NULL)
        a->free(a->ctx, addr, bytes);
}

int virq_eq_ring_alloc(virq_eq_ring_t *r, const virq_mem_alloc_t *a, const virq_mem_t *mem, unsigned eq,
                       unsigned func, unsigned log2_size)
{
    /* the hardware's limits: 256 queues, 16 functions, 2^16 entries */
    if (r == NULL || mem == NULL || eq > 255 || func > 15 || log2_size < 1 || log2_size > 16)
        return VIRQ_EINVAL;
    uint64_t base;
    int e = virq_mem_alloc(a, VIRQ_EQ_RING_BYTES(log2_size), VIRQ_EQ_RING_ALIGN(log2_size), &base);
    if (e != VIRQ_OK)
        return e;
    virq_eq_ring_init(r, mem, eq, func, base, log2_size);
    return VIRQ_OK;
}

void virq_eq_ring_free(virq_eq_ring_t *r, const virq_mem_alloc_t *a)
{
    if (r == NULL || r->base == 0)
        return;
    virq_mem_free(a, r->base, VIRQ_EQ_RING_BYTES(r->log2_size));
    r->base = 0;
}

int virq_eq_create(virq_dev_t *d, const virq_mem_alloc_t *a, const virq_mem_t *mem, virq_eq_ring_t *r, unsigned eq,
                   unsigned func, unsigned vec, unsigned log2_size, bool arm)
{
    if (d == NULL || r == NULL || mem == NULL)
        return VIRQ_EINVAL;
    int e = setup_args(d, eq, func, vec, 0, log2_size, 0, 0);
    if (e != VIRQ_OK)
        return e;
    virq_eq_ring_t nr;
    if ((e = virq_eq_ring_alloc(&nr, a, mem, eq, func, log2_size)) != VIRQ_OK)
        return e;
    bool inited;
    if ((e = eq_setup(d, mem, &nr, eq, func, vec, nr.base, log2_size, 0, 0, arm, &inited)) != VIRQ_OK) {
        /* Once INIT is accepted the device may write the ring: it goes back
         * only after DISABLE with no DMA write of the queue waiting; else
         * *r keeps it (still allocated) for the caller to retire later. */
        if (!inited || virq_eq_retire(d, eq, VIRQ_EQ_RETIRE_POLLS) == VIRQ_OK)
            virq_eq_ring_free(&nr, a);
        else
            *r = nr;
        return e;
    }
    *r = nr;
    return VIRQ_OK;
}

int virq_eq_wait_service(virq_dev_t *d, const virq_irq_t *irq, unsigned vec, uint32_t timeout_us,
                         virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx,
                         unsigned budget, unsigned *handled, uint64_t *fired)
{
    if (d == NULL || r == NULL || mem == NULL || handle == NULL || vec >= d->num_vec ||
        (d->window && d->func != r->func))
        return VIRQ_EINVAL;
    if (handled != NULL)
        *handled = 0;
    int e = virq_wait_irq(irq, vec, timeout_us, fired);
    if (e != VIRQ_OK)
        return e;
    return virq_eq_service(d, r, mem, handle, ctx, budget, handled);
}
