/* virq driver core: see virq_drv.h. */
#include "virq_drv.h"

#include "../include/virq_regs.h"

#define FIELD(v, name) (((v) & name##_MASK) >> name##_SHIFT)

int virq_read(virq_dev_t *d, uint32_t addr, uint32_t *v)
{
    return d->bus.read32(d->bus.ctx, addr, v) ? VIRQ_EBUS : VIRQ_OK;
}

int virq_write(virq_dev_t *d, uint32_t addr, uint32_t v)
{
    return d->bus.write32(d->bus.ctx, addr, v) ? VIRQ_EBUS : VIRQ_OK;
}

int virq_probe(virq_dev_t *d, const virq_bus_t *bus)
{
    uint32_t id, params, params1;
    int e;
    *d = (virq_dev_t){.bus = *bus};
    if ((e = virq_read(d, VIRQ_ID_OFFSET, &id)) != VIRQ_OK)
        return e;
    if (id != VIRQ_ID_RESET)
        return VIRQ_ENODEV;
    if ((e = virq_read(d, VIRQ_VERSION_OFFSET, &d->version)) != VIRQ_OK ||
        (e = virq_read(d, VIRQ_FEATURES_OFFSET, &d->features)) != VIRQ_OK ||
        (e = virq_read(d, VIRQ_PARAMS0_OFFSET, &params)) != VIRQ_OK || (e = virq_read(d, VIRQ_PARAMS1_OFFSET, &params1)) != VIRQ_OK)
        return e;
    if (FIELD(d->version, VIRQ_VERSION_MAJOR) != FIELD(VIRQ_VERSION_RESET, VIRQ_VERSION_MAJOR))
        return VIRQ_EVERSION;
    d->num_vec = FIELD(params, VIRQ_PARAMS0_NUM_VEC);
    d->num_eq = FIELD(params, VIRQ_PARAMS0_NUM_EQ);
    d->num_func = FIELD(params1, VIRQ_PARAMS1_NUM_FUNC);
    d->eq_max_log2 = FIELD(params1, VIRQ_PARAMS1_EQ_MAX_LOG2);
    return VIRQ_OK;
}

int virq_set_tick(virq_dev_t *d, uint32_t clk_hz, uint32_t tick_ns)
{
    if (!(d->features & VIRQ_FEATURES_MOD_MASK))
        return VIRQ_ENOTSUP;
    uint64_t num = (uint64_t)clk_hz * tick_ns;
    if (clk_hz == 0 || num % 1000000000u != 0)
        return VIRQ_ERANGE; /* not a whole number of cycles */
    uint64_t cycles = num / 1000000000u;
    if (cycles < 1 || cycles > (1u << VIRQ_CNT_WIDTH))
        return VIRQ_ERANGE;
    int e = virq_write(d, VIRQ_TICK_DIV_OFFSET, (uint32_t)(cycles - 1));
    if (e == VIRQ_OK)
        d->tick_ns = tick_ns;
    return e;
}

static int us_to_ticks(const virq_dev_t *d, uint32_t us, uint32_t *ticks)
{
    uint64_t t = ((uint64_t)us * 1000u + d->tick_ns / 2) / d->tick_ns;
    if (us != 0 && t == 0)
        t = 1;
    if (t >= (1u << VIRQ_CNT_WIDTH))
        return VIRQ_ERANGE;
    *ticks = (uint32_t)t;
    return VIRQ_OK;
}

int virq_mod_setup(virq_dev_t *d, unsigned vec, uint32_t lat_us, uint32_t ovf_us, bool variant_b)
{
    uint32_t lat, ovf, ctrl;
    int e;
    if (vec >= d->num_vec || d->tick_ns == 0)
        return VIRQ_EINVAL;
    if ((e = us_to_ticks(d, lat_us, &lat)) != VIRQ_OK || (e = us_to_ticks(d, ovf_us, &ovf)) != VIRQ_OK)
        return e;
    if ((e = virq_read(d, VIRQ_MOD_CTRL(vec), &ctrl)) != VIRQ_OK)
        return e;
    ctrl = (ctrl & ~VIRQ_MOD_CTRL_VARIANT_B_MASK) | (variant_b ? VIRQ_MOD_CTRL_VARIANT_B_MASK : 0);
    if ((e = virq_write(d, VIRQ_MOD_CTRL(vec), ctrl)) != VIRQ_OK || (e = virq_write(d, VIRQ_MOD_LAT_IVL(vec), lat)) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_MOD_OVF_IVL(vec), ovf)) != VIRQ_OK)
        return e;
    return VIRQ_OK;
}

int virq_mod_guest_state(virq_dev_t *d, unsigned vec, bool active)
{
    uint32_t ctrl;
    int e;
    if (vec >= d->num_vec)
        return VIRQ_EINVAL;
    if ((e = virq_read(d, VIRQ_MOD_CTRL(vec), &ctrl)) != VIRQ_OK)
        return e;
    ctrl = (ctrl & ~VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK) | (active ? VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK : 0);
    return virq_write(d, VIRQ_MOD_CTRL(vec), ctrl);
}

int virq_mod_done(virq_dev_t *d, unsigned vec)
{
    if (vec >= d->num_vec)
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_MOD_CMD(vec), VIRQ_MOD_CMD_LAT_RESTART_MASK | VIRQ_MOD_CMD_OVF_RESTART_MASK);
}

int virq_bus_errors(virq_dev_t *d, uint32_t *count)
{
    return virq_read(d, VIRQ_BUS_ERR_CNT_OFFSET, count);
}

const char *virq_strerror(int err)
{
    switch (err) {
    case VIRQ_OK: return "ok";
    case VIRQ_EBUS: return "the device refused a register access";
    case VIRQ_ENODEV: return "no virq device (identification mismatch)";
    case VIRQ_EVERSION: return "unsupported register interface version";
    case VIRQ_EINVAL: return "argument out of range for this instance";
    case VIRQ_ERANGE: return "time does not fit the hardware counters";
    case VIRQ_ENOTSUP: return "the instance lacks this block";
    case VIRQ_ENOTOWNER: return "the virtual machine does not own the function";
    case VIRQ_EDENIED: return "no vector could be granted (no free vector, no lender)";
    default: return "unknown error";
    }
}
