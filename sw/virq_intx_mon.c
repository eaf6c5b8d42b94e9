/* Shared-INTx host monitor: see virq_intx_mon.h and docs/hypervisor.md. */
#include "virq_intx_mon.h"

#include <string.h>

/* Write fn's Interrupt Disable bit; a refused access is counted. */
static int set_disable(virq_intx_mon_t *m, unsigned fn, bool disable)
{
    if (m->ops.set_disable(m->ops.ctx, fn, disable) != 0) {
        m->bus_errors++;
        return VIRQ_EBUS;
    }
    m->masked[fn] = disable;
    return VIRQ_OK;
}

int virq_intx_init(virq_intx_mon_t *m, const virq_intx_ops_t *ops, unsigned num_func, unsigned num_vm)
{
    if (!m || !ops || !ops->read_status || !ops->set_disable)
        return VIRQ_EINVAL;
    if (num_func == 0 || num_func > VIRQ_INTX_MAX_FUNC || num_vm == 0 || num_vm > VIRQ_INTX_MAX_VM)
        return VIRQ_EINVAL;
    memset(m, 0, sizeof(*m));
    m->ops = *ops;
    m->num_func = num_func;
    m->num_vm = num_vm;
    for (unsigned f = 0; f < num_func; f++)
        m->owner[f] = VIRQ_INTX_NO_VM;
    return VIRQ_OK;
}

int virq_intx_assign(virq_intx_mon_t *m, unsigned fn, unsigned vm)
{
    if (!m || fn >= m->num_func || (vm >= m->num_vm && vm != VIRQ_INTX_NO_VM))
        return VIRQ_EINVAL;
    if (vm != VIRQ_INTX_NO_VM && !m->ops.deliver)
        return VIRQ_EINVAL;
    /* a held interrupt reaches the new owner through the line */
    if (m->masked[fn] && vm != VIRQ_INTX_NO_VM && set_disable(m, fn, false) != VIRQ_OK)
        return VIRQ_EBUS;
    m->waiting[fn] = false;
    m->owner[fn] = (uint16_t)vm;
    return VIRQ_OK;
}

/* One function found asserting: mask it, then deliver to its owner. */
static int take(virq_intx_mon_t *m, unsigned fn)
{
    if (set_disable(m, fn, true) != VIRQ_OK)
        return VIRQ_EBUS;
    m->fn_stats[fn].asserted++;
    unsigned vm = m->owner[fn];
    if (vm == VIRQ_INTX_NO_VM) {
        m->fn_stats[fn].unowned++;
        return VIRQ_OK;
    }
    /* state first: the owner may EOI from inside deliver() */
    m->waiting[fn] = true;
    m->fn_stats[fn].delivered++;
    m->vm_stats[vm].delivered++;
    m->ops.deliver(m->ops.ctx, vm, fn);
    return 1;
}

int virq_intx_line(virq_intx_mon_t *m, unsigned *delivered)
{
    if (!m)
        return VIRQ_EINVAL;
    int err = VIRQ_OK;
    unsigned found = 0, sent = 0;
    m->lines++;
    for (unsigned fn = 0; fn < m->num_func; fn++) {
        bool asserting = false;
        if (m->masked[fn])
            continue; /* Interrupt Disable set: it cannot be driving the line */
        if (m->ops.read_status(m->ops.ctx, fn, &asserting) != 0) {
            m->bus_errors++;
            err = VIRQ_EBUS;
            continue;
        }
        if (!asserting)
            continue;
        found++;
        int r = take(m, fn);
        if (r < 0)
            err = r;
        else
            sent += (unsigned)r;
    }
    if (found == 0 && err == VIRQ_OK)
        m->spurious++;
    if (delivered)
        *delivered = sent;
    return err;
}

int virq_intx_eoi(virq_intx_mon_t *m, unsigned vm, unsigned fn)
{
    if (!m || fn >= m->num_func || vm >= m->num_vm)
        return VIRQ_EINVAL;
    if (m->owner[fn] != vm) {
        m->vm_stats[vm].eoi_refused++;
        return VIRQ_ENOTOWNER;
    }
    if (!m->waiting[fn]) {
        m->vm_stats[vm].eoi_idle++;
        return VIRQ_OK;
    }
    if (set_disable(m, fn, false) != VIRQ_OK)
        return VIRQ_EBUS;
    m->waiting[fn] = false;
    m->fn_stats[fn].eoi++;
    m->vm_stats[vm].eoi++;
    return VIRQ_OK;
}

unsigned virq_intx_owner(const virq_intx_mon_t *m, unsigned fn)
{
    if (!m || fn >= m->num_func)
        return VIRQ_INTX_NO_VM;
    return m->owner[fn];
}

bool virq_intx_is_masked(const virq_intx_mon_t *m, unsigned fn)
{
    return m && fn < m->num_func && m->masked[fn];
}
