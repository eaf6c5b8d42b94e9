/* virq driver core: see virq_drv.h. */
#include "virq_drv.h"

#include <stddef.h>

#include "../include/virq/virq_toeplitz.h"
#include "../include/virq_regs.h"

#define FIELD(v, name) (((v) & name##_MASK) >> name##_SHIFT)

/* The moderation code serves MOD[] (PF) and FN_MOD[] (window) alike. */
_Static_assert(VIRQ_FN_MOD_STRIDE == VIRQ_MOD_STRIDE && VIRQ_FN_MOD_LAT_IVL_OFF == VIRQ_MOD_LAT_IVL_OFF &&
                   VIRQ_FN_MOD_OVF_IVL_OFF == VIRQ_MOD_OVF_IVL_OFF && VIRQ_FN_MOD_CTRL_OFF == VIRQ_MOD_CTRL_OFF &&
                   VIRQ_FN_MOD_CMD_OFF == VIRQ_MOD_CMD_OFF,
               "FN_MOD has MOD's layout");
_Static_assert(VIRQ_TOEPLITZ_KEY_BYTES == VIRQ_RSS_KEY_LEN && VIRQ_TOEPLITZ_KEY_REGS == 10, "40-byte key");

/* Address of register off of vector vec's moderation unit in d's window. */
static uint32_t mod_reg(const virq_dev_t *d, unsigned vec, uint32_t off)
{
    return (d->window ? VIRQ_FN_MOD_BASE : VIRQ_MOD_BASE) + (uint32_t)vec * VIRQ_MOD_STRIDE + off;
}

int virq_read(virq_dev_t *d, uint32_t addr, uint32_t *v)
{
    return d->bus.read32(d->bus.ctx, d->base + addr, v) ? VIRQ_EBUS : VIRQ_OK;
}

int virq_write(virq_dev_t *d, uint32_t addr, uint32_t v)
{
    return d->bus.write32(d->bus.ctx, d->base + addr, v) ? VIRQ_EBUS : VIRQ_OK;
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
    if (d->features & VIRQ_FEATURES_ROUTE_MASK) {
        uint32_t params2;
        if ((e = virq_read(d, VIRQ_PARAMS2_OFFSET, &params2)) != VIRQ_OK)
            return e;
        d->num_prs = FIELD(params2, VIRQ_PARAMS2_NUM_PRS);
        d->num_cpu = FIELD(params2, VIRQ_PARAMS2_NUM_CPU);
    }
    return VIRQ_OK;
}

int virq_set_tick(virq_dev_t *d, uint32_t clk_hz, uint32_t tick_ns)
{
    if (d->window)
        return VIRQ_EINVAL;
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

/* Argument checks of the moderation calls: a vector of the handle, and on a
 * PF handle an instance with the moderation block (a window handle opened by
 * virq_fn_open cannot read FEATURES; its FN_MOD[] answers for itself). */
static int mod_check(const virq_dev_t *d, unsigned vec)
{
    if (d == NULL || vec >= d->num_vec)
        return VIRQ_EINVAL;
    return (d->window || (d->features & VIRQ_FEATURES_MOD_MASK)) ? VIRQ_OK : VIRQ_ENOTSUP;
}

int virq_mod_setup(virq_dev_t *d, unsigned vec, uint32_t lat_us, uint32_t ovf_us, bool variant_b)
{
    uint32_t lat, ovf, ctrl;
    int e;
    if ((e = mod_check(d, vec)) != VIRQ_OK)
        return e;
    if (d->tick_ns == 0)
        return VIRQ_EINVAL;
    if ((e = us_to_ticks(d, lat_us, &lat)) != VIRQ_OK || (e = us_to_ticks(d, ovf_us, &ovf)) != VIRQ_OK)
        return e;
    if ((e = virq_read(d, mod_reg(d, vec, VIRQ_MOD_CTRL_OFF), &ctrl)) != VIRQ_OK)
        return e;
    ctrl = (ctrl & ~VIRQ_MOD_CTRL_VARIANT_B_MASK) | (variant_b ? VIRQ_MOD_CTRL_VARIANT_B_MASK : 0);
    if ((e = virq_write(d, mod_reg(d, vec, VIRQ_MOD_CTRL_OFF), ctrl)) != VIRQ_OK || (e = virq_write(d, mod_reg(d, vec, VIRQ_MOD_LAT_IVL_OFF), lat)) != VIRQ_OK ||
        (e = virq_write(d, mod_reg(d, vec, VIRQ_MOD_OVF_IVL_OFF), ovf)) != VIRQ_OK)
        return e;
    return VIRQ_OK;
}

int virq_mod_guest_state(virq_dev_t *d, unsigned vec, bool active)
{
    uint32_t ctrl;
    int e;
    if ((e = mod_check(d, vec)) != VIRQ_OK)
        return e;
    if ((e = virq_read(d, mod_reg(d, vec, VIRQ_MOD_CTRL_OFF), &ctrl)) != VIRQ_OK)
        return e;
    ctrl = (ctrl & ~VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK) | (active ? VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK : 0);
    return virq_write(d, mod_reg(d, vec, VIRQ_MOD_CTRL_OFF), ctrl);
}

int virq_mod_done(virq_dev_t *d, unsigned vec)
{
    int e;
    if ((e = mod_check(d, vec)) != VIRQ_OK)
        return e;
    return virq_write(d, mod_reg(d, vec, VIRQ_MOD_CMD_OFF), VIRQ_MOD_CMD_LAT_RESTART_MASK | VIRQ_MOD_CMD_OVF_RESTART_MASK);
}

int virq_bus_errors(virq_dev_t *d, uint32_t *count)
{
    if (d->window)
        return VIRQ_EINVAL;
    return virq_read(d, VIRQ_BUS_ERR_CNT_OFFSET, count);
}

/* ---- function windows ---------------------------------------------------- */

/* Window offsets lie below 0x1000 and VIRQ_FN_WIN(f) below 0x20000. */
#define MAX_WINDOWS 16u

int virq_fn_open(virq_fn_t *fn, const virq_bus_t *bus, unsigned f)
{
    if (fn == NULL || bus == NULL || f >= MAX_WINDOWS)
        return VIRQ_EINVAL;
    virq_dev_t w = {.bus = *bus, .window = true, .func = f, .base = VIRQ_FN_WIN(f)};
    uint32_t info;
    if (virq_read(&w, VIRQ_FN_INFO_OFFSET, &info) != VIRQ_OK || FIELD(info, VIRQ_FN_INFO_FUNC) != f)
        return VIRQ_ENODEV;
    w.num_vec = FIELD(info, VIRQ_FN_INFO_NUM_VEC);
    fn->dev = w;
    return VIRQ_OK;
}

int virq_fn_attach(virq_fn_t *fn, const virq_dev_t *pf, unsigned f)
{
    if (fn == NULL || pf == NULL || pf->window || f >= pf->num_func || f >= MAX_WINDOWS)
        return VIRQ_EINVAL;
    fn->dev = *pf;
    fn->dev.window = true;
    fn->dev.func = f;
    fn->dev.base = VIRQ_FN_WIN(f);
    return VIRQ_OK;
}

int virq_fn_set_tick(virq_fn_t *fn, uint32_t tick_ns)
{
    if (fn == NULL || !fn->dev.window || tick_ns == 0)
        return VIRQ_EINVAL;
    fn->dev.tick_ns = tick_ns;
    return VIRQ_OK;
}

static bool is_fn(const virq_fn_t *fn)
{
    return fn != NULL && fn->dev.window;
}

static bool fn_vec_ok(const virq_fn_t *fn, unsigned vec)
{
    return is_fn(fn) && vec < fn->dev.num_vec;
}

int virq_fn_msix_program(virq_fn_t *fn, unsigned vec, uint64_t addr, uint32_t data)
{
    if (!fn_vec_ok(fn, vec) || (addr & 3u) != 0)
        return VIRQ_EINVAL;
    virq_dev_t *d = &fn->dev;
    uint32_t vctrl;
    int e;
    if ((e = virq_read(d, VIRQ_FN_MSIX_VCTRL(vec), &vctrl)) != VIRQ_OK)
        return e;
    bool live = !(vctrl & VIRQ_FN_MSIX_VCTRL_MASK_MASK);
    if (live && (e = virq_write(d, VIRQ_FN_MSIX_VCTRL(vec), VIRQ_FN_MSIX_VCTRL_MASK_MASK)) != VIRQ_OK)
        return e;
    if ((e = virq_write(d, VIRQ_FN_MSIX_ADDR_LO(vec), (uint32_t)addr)) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_FN_MSIX_ADDR_HI(vec), (uint32_t)(addr >> 32))) != VIRQ_OK ||
        (e = virq_write(d, VIRQ_FN_MSIX_DATA(vec), data)) != VIRQ_OK)
        return e;
    return live ? virq_write(d, VIRQ_FN_MSIX_VCTRL(vec), 0) : VIRQ_OK;
}

int virq_fn_msix_mask(virq_fn_t *fn, unsigned vec, bool masked)
{
    if (!fn_vec_ok(fn, vec))
        return VIRQ_EINVAL;
    return virq_write(&fn->dev, VIRQ_FN_MSIX_VCTRL(vec), masked ? VIRQ_FN_MSIX_VCTRL_MASK_MASK : 0);
}

int virq_fn_msix_entry(virq_fn_t *fn, unsigned vec, uint64_t *addr, uint32_t *data, bool *masked)
{
    if (!fn_vec_ok(fn, vec))
        return VIRQ_EINVAL;
    uint32_t lo, hi, dt, vc;
    int e;
    if ((e = virq_read(&fn->dev, VIRQ_FN_MSIX_ADDR_LO(vec), &lo)) != VIRQ_OK ||
        (e = virq_read(&fn->dev, VIRQ_FN_MSIX_ADDR_HI(vec), &hi)) != VIRQ_OK ||
        (e = virq_read(&fn->dev, VIRQ_FN_MSIX_DATA(vec), &dt)) != VIRQ_OK ||
        (e = virq_read(&fn->dev, VIRQ_FN_MSIX_VCTRL(vec), &vc)) != VIRQ_OK)
        return e;
    if (addr)
        *addr = (uint64_t)hi << 32 | lo;
    if (data)
        *data = dt;
    if (masked)
        *masked = (vc & VIRQ_FN_MSIX_VCTRL_MASK_MASK) != 0;
    return VIRQ_OK;
}

int virq_fn_msix_ctrl(virq_fn_t *fn, bool enable, bool fmask)
{
    if (!is_fn(fn))
        return VIRQ_EINVAL;
    return virq_write(&fn->dev, VIRQ_FN_MSIX_CTRL_OFFSET,
                      (enable ? VIRQ_FN_MSIX_CTRL_ENABLE_MASK : 0) | (fmask ? VIRQ_FN_MSIX_CTRL_FMASK_MASK : 0));
}

int virq_fn_msix_pending(virq_fn_t *fn, uint64_t *pending)
{
    if (!is_fn(fn) || pending == NULL)
        return VIRQ_EINVAL;
    uint32_t lo, hi = 0;
    int e;
    if ((e = virq_read(&fn->dev, VIRQ_FN_PBA_BITS(0), &lo)) != VIRQ_OK)
        return e;
    if (fn->dev.num_vec > 32 && (e = virq_read(&fn->dev, VIRQ_FN_PBA_BITS(1), &hi)) != VIRQ_OK)
        return e;
    *pending = (uint64_t)hi << 32 | lo;
    return VIRQ_OK;
}

int virq_fn_intx_enable(virq_fn_t *fn, bool enable)
{
    if (!is_fn(fn))
        return VIRQ_EINVAL;
    return virq_write(&fn->dev, VIRQ_FN_INTX_CTRL_OFFSET, enable ? VIRQ_FN_INTX_CTRL_EN_MASK : 0);
}

int virq_fn_intx_ack(virq_fn_t *fn)
{
    if (!is_fn(fn))
        return VIRQ_EINVAL;
    return virq_write(&fn->dev, VIRQ_FN_INTX_ACK_OFFSET, VIRQ_FN_INTX_ACK_ACK_MASK);
}

int virq_fn_intx_state(virq_fn_t *fn, virq_intx_state_t *st)
{
    if (!is_fn(fn) || st == NULL)
        return VIRQ_EINVAL;
    uint32_t v, ctrl;
    int e;
    if ((e = virq_read(&fn->dev, VIRQ_FN_INTX_STATE_OFFSET, &v)) != VIRQ_OK ||
        (e = virq_read(&fn->dev, VIRQ_FN_INTX_CTRL_OFFSET, &ctrl)) != VIRQ_OK)
        return e;
    st->raw = (v & VIRQ_FN_INTX_STATE_RAW_MASK) != 0;
    st->en = (ctrl & VIRQ_FN_INTX_CTRL_EN_MASK) != 0;
    st->status = (v & VIRQ_FN_INTX_STATE_STATUS_MASK) != 0;
    st->disable = (v & VIRQ_FN_INTX_STATE_DISABLE_MASK) != 0;
    st->line = (v & VIRQ_FN_INTX_STATE_LINE_MASK) != 0;
    return VIRQ_OK;
}

int virq_fn_doorbell(virq_fn_t *fn, uint32_t value)
{
    if (!is_fn(fn) || (value & ~VIRQ_FN_DB_WMASK) != 0)
        return VIRQ_EINVAL;
    return virq_write(&fn->dev, VIRQ_FN_DB_OFFSET, value);
}

/* ---- interrupt delivery, host side ------------------------------------------- */

/* Argument checks of the PF calls: VIRQ_OK, VIRQ_EINVAL or VIRQ_ENOTSUP. */
static int pf_check(const virq_dev_t *d, uint32_t feature)
{
    if (d == NULL || d->window)
        return VIRQ_EINVAL;
    return (d->features & feature) ? VIRQ_OK : VIRQ_ENOTSUP;
}

static int fnctl_check(const virq_dev_t *d, unsigned f, bool out_ok)
{
    int e = pf_check(d, VIRQ_FEATURES_MSIX_MASK);
    return e != VIRQ_OK ? e : (f >= d->num_func || !out_ok) ? VIRQ_EINVAL : VIRQ_OK;
}

static int vec_check(const virq_dev_t *d, unsigned vec)
{
    int e = pf_check(d, VIRQ_FEATURES_MSIX_MASK);
    return e != VIRQ_OK ? e : vec >= d->num_vec ? VIRQ_EINVAL : VIRQ_OK;
}

int virq_fnctl_intx_disable(virq_dev_t *d, unsigned f, bool disable)
{
    int e = fnctl_check(d, f, true);
    if (e != VIRQ_OK)
        return e;
    return virq_write(d, VIRQ_FN_CTL_INTX(f), disable ? VIRQ_FN_CTL_INTX_DISABLE_MASK : 0);
}

int virq_fnctl_intx_status(virq_dev_t *d, unsigned f, bool *asserting)
{
    int e = fnctl_check(d, f, asserting != NULL);
    uint32_t v;
    if (e != VIRQ_OK || (e = virq_read(d, VIRQ_FN_CTL_STATE(f), &v)) != VIRQ_OK)
        return e;
    *asserting = (v & VIRQ_FN_CTL_STATE_INTX_STATUS_MASK) != 0;
    return VIRQ_OK;
}

int virq_fnctl_state(virq_dev_t *d, unsigned f, virq_fnctl_state_t *st)
{
    int e = fnctl_check(d, f, st != NULL);
    uint32_t v, intx;
    if (e != VIRQ_OK || (e = virq_read(d, VIRQ_FN_CTL_STATE(f), &v)) != VIRQ_OK ||
        (e = virq_read(d, VIRQ_FN_CTL_INTX(f), &intx)) != VIRQ_OK)
        return e;
    st->intx.raw = (v & VIRQ_FN_CTL_STATE_INTX_RAW_MASK) != 0;
    st->intx.en = (v & VIRQ_FN_CTL_STATE_INTX_EN_MASK) != 0;
    st->intx.status = (v & VIRQ_FN_CTL_STATE_INTX_STATUS_MASK) != 0;
    st->intx.disable = (intx & VIRQ_FN_CTL_INTX_DISABLE_MASK) != 0;
    st->intx.line = (v & VIRQ_FN_CTL_STATE_INTX_LINE_MASK) != 0;
    st->msix_en = (v & VIRQ_FN_CTL_STATE_MSIX_EN_MASK) != 0;
    st->fmask = (v & VIRQ_FN_CTL_STATE_FMASK_MASK) != 0;
    return VIRQ_OK;
}

int virq_fnctl_err_count(virq_dev_t *d, unsigned f, uint32_t *count)
{
    int e = fnctl_check(d, f, count != NULL);
    return e != VIRQ_OK ? e : virq_read(d, VIRQ_FN_CTL_ERR_CNT(f), count);
}

int virq_vec_set_home(virq_dev_t *d, unsigned vec, unsigned func)
{
    int e = vec_check(d, vec);
    if (e != VIRQ_OK)
        return e;
    if (func >= d->num_func)
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_VEC_HOME(vec), func);
}

int virq_vec_home(virq_dev_t *d, unsigned vec, unsigned *func)
{
    int e = vec_check(d, vec);
    uint32_t v;
    if (e == VIRQ_OK && func == NULL)
        e = VIRQ_EINVAL;
    if (e != VIRQ_OK || (e = virq_read(d, VIRQ_VEC_HOME(vec), &v)) != VIRQ_OK)
        return e;
    *func = FIELD(v, VIRQ_VEC_HOME_FUNC);
    return VIRQ_OK;
}

int virq_vec_lease(virq_dev_t *d, unsigned vec, unsigned to, uint32_t ticks)
{
    int e = vec_check(d, vec);
    if (e != VIRQ_OK)
        return e;
    if (to >= d->num_func || ticks == 0 || ticks > (VIRQ_VEC_LEASE_TICKS_MASK >> VIRQ_VEC_LEASE_TICKS_SHIFT))
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_VEC_LEASE(vec), (uint32_t)to << VIRQ_VEC_LEASE_TO_SHIFT | ticks);
}

int virq_vec_lease_end(virq_dev_t *d, unsigned vec)
{
    int e = vec_check(d, vec);
    return e != VIRQ_OK ? e : virq_write(d, VIRQ_VEC_LEASE(vec), 0);
}

int virq_vec_lease_get(virq_dev_t *d, unsigned vec, unsigned *owner, uint32_t *ticks_left)
{
    int e = vec_check(d, vec);
    uint32_t v;
    if (e != VIRQ_OK || (e = virq_read(d, VIRQ_VEC_LEASE(vec), &v)) != VIRQ_OK)
        return e;
    if (owner)
        *owner = FIELD(v, VIRQ_VEC_LEASE_TO);
    if (ticks_left)
        *ticks_left = FIELD(v, VIRQ_VEC_LEASE_TICKS);
    return VIRQ_OK;
}

/* A global counter of the PF's space, in an instance with `feature' */
static int pf_count(virq_dev_t *d, uint32_t feature, uint32_t addr, uint32_t *count)
{
    int e = pf_check(d, feature);
    if (e == VIRQ_OK && count == NULL)
        e = VIRQ_EINVAL;
    return e != VIRQ_OK ? e : virq_read(d, addr, count);
}

int virq_vec_drop_count(virq_dev_t *d, uint32_t *count)
{
    return pf_count(d, VIRQ_FEATURES_MSIX_MASK, VIRQ_VEC_DROP_CNT_OFFSET, count);
}

int virq_lease_exp_count(virq_dev_t *d, uint32_t *count)
{
    return pf_count(d, VIRQ_FEATURES_MSIX_MASK, VIRQ_LEASE_EXP_CNT_OFFSET, count);
}

int virq_gev_lost_count(virq_dev_t *d, uint32_t *count)
{
    return pf_count(d, VIRQ_FEATURES_ROUTE_MASK, VIRQ_GEV_LOST_CNT_OFFSET, count);
}

/* ---- routing ------------------------------------------------------------------- */

int virq_rss_set_key(virq_dev_t *d, const uint8_t key[VIRQ_RSS_KEY_LEN])
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (key == NULL)
        return VIRQ_EINVAL;
    uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS];
    virq_toeplitz_key_to_regs(key, regs);
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++)
        if ((e = virq_write(d, VIRQ_RSS_KEY_KEY(j), regs[j])) != VIRQ_OK)
            return e;
    return virq_write(d, VIRQ_RSS_CMD_OFFSET, VIRQ_RSS_CMD_COMMIT_MASK);
}

int virq_rss_shadow_key(virq_dev_t *d, uint8_t key[VIRQ_RSS_KEY_LEN])
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (key == NULL)
        return VIRQ_EINVAL;
    uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS];
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++)
        if ((e = virq_read(d, VIRQ_RSS_KEY_KEY(j), &regs[j])) != VIRQ_OK)
            return e;
    virq_toeplitz_regs_to_key(regs, key);
    return VIRQ_OK;
}

int virq_rss_ctrl(virq_dev_t *d, unsigned htype_en, bool mvm_by_queue)
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (htype_en > (VIRQ_RSS_CTRL_HTYPE_EN_MASK >> VIRQ_RSS_CTRL_HTYPE_EN_SHIFT))
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_RSS_CTRL_OFFSET,
                      htype_en << VIRQ_RSS_CTRL_HTYPE_EN_SHIFT | (mvm_by_queue ? VIRQ_RSS_CTRL_MVM_MODE_MASK : 0));
}

int virq_func_rss(virq_dev_t *d, unsigned f, unsigned base, unsigned mask)
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (f >= d->num_func || mask > (VIRQ_FUNC_RSS_CFG_MASK_MASK >> VIRQ_FUNC_RSS_CFG_MASK_SHIFT) ||
        base >= d->num_prs || mask >= d->num_prs - base)
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_FUNC_RSS_CFG(f),
                      (uint32_t)base << VIRQ_FUNC_RSS_CFG_BASE_SHIFT | mask << VIRQ_FUNC_RSS_CFG_MASK_SHIFT);
}

int virq_func_default(virq_dev_t *d, unsigned f, unsigned cpu, unsigned eq)
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (f >= d->num_func || cpu >= d->num_cpu || eq >= d->num_eq)
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_FUNC_DEF(f), eq << VIRQ_FUNC_DEF_EQ_SHIFT | cpu << VIRQ_FUNC_DEF_CPU_SHIFT);
}

int virq_prs_set(virq_dev_t *d, unsigned idx, unsigned cpu, unsigned eq)
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (idx >= d->num_prs || cpu >= d->num_cpu || eq >= d->num_eq)
        return VIRQ_EINVAL;
    return virq_write(d, VIRQ_PRS_ENTRY(idx), eq << VIRQ_PRS_ENTRY_EQ_SHIFT | cpu << VIRQ_PRS_ENTRY_CPU_SHIFT);
}

int virq_mvm_set(virq_dev_t *d, unsigned f, unsigned cpu, unsigned eq, unsigned vec)
{
    int e = pf_check(d, VIRQ_FEATURES_ROUTE_MASK);
    if (e != VIRQ_OK)
        return e;
    if (f >= d->num_func || cpu >= d->num_cpu || eq >= d->num_eq || (vec != VIRQ_NO_VEC && vec >= d->num_vec))
        return VIRQ_EINVAL;
    uint32_t v = eq << VIRQ_MVM_ENTRY_EQ_SHIFT;
    if (vec != VIRQ_NO_VEC)
        v |= VIRQ_MVM_ENTRY_VEC_VALID_MASK | vec << VIRQ_MVM_ENTRY_VEC_SHIFT;
    return virq_write(d, VIRQ_MVM_ENTRY(f * d->num_cpu + cpu), v);
}

int virq_wait_irq(const virq_irq_t *irq, unsigned vec, uint32_t timeout_us, uint64_t *fired)
{
    if (irq == NULL || irq->wait_irq == NULL)
        return VIRQ_ENOTSUP;
    if (vec >= VIRQ_MAX_WAIT_VEC)
        return VIRQ_EINVAL;
    uint64_t f = 0;
    int e = irq->wait_irq(irq->ctx, vec, timeout_us, &f);
    if (e == VIRQ_OK)
        f |= 1ull << vec; /* a platform that answers only for vec */
    if (fired != NULL)
        *fired = f;
    return e;
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
    case VIRQ_ETIMEDOUT: return "the interrupt did not come in time";
    case VIRQ_ENOMEM: return "no host memory could be allocated";
    case VIRQ_EBUSY: return "the event queue is in use (defined, or a DMA write of it still waiting)";
    case VIRQ_ENOTOWNER: return "the virtual machine does not own the function";
    case VIRQ_EDENIED: return "no vector could be granted (no free vector, no lender)";
    default: return "unknown error";
    }
}
