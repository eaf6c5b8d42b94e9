/* Model of rtl/virq_mod_unit.v (one cooperated interrupt moderation unit)
 * and rtl/virq_moderation.v (the MOD[] register array decode).  The timing
 * contract is documented in docs/moderation.md and in the RTL header. */
#include "virq_internal.h"

void mod_unit_reset(mod_unit_q_t *q)
{
    *q = (mod_unit_q_t){.lat_run = true};
}

static void fire(const mod_unit_q_t *q, bool *guest, bool *wake)
{
    bool lat_exp = q->lat_cnt == 0;
    bool ovf_exp = q->ovf_cnt == 0;
    if (q->variant_b) {
        *guest = q->flag && q->lat_run && lat_exp;
        *wake = q->flag && ovf_exp && !(q->lat_run && lat_exp);
    } else {
        *guest = q->flag && q->active && lat_exp;
        *wake = q->flag && !q->active && ovf_exp;
    }
}

void mod_unit_apply_write(mod_unit_q_t *d, const mod_unit_q_t *q, const mod_unit_wr_t *wr)
{
    uint16_t ivl = (uint16_t)(wr->data & VIRQ_MOD_LAT_IVL_TICKS_MASK);
    if (wr->lat_ivl) {
        d->lat_ivl = ivl;
        d->lat_cnt = ivl;
        d->lat_run = true;
    }
    if (wr->ovf_ivl) {
        d->ovf_ivl = ivl;
        d->ovf_cnt = ivl;
    }
    if (wr->ctrl) {
        bool active = (wr->data & VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK) != 0;
        bool variant_b = (wr->data & VIRQ_MOD_CTRL_VARIANT_B_MASK) != 0;
        d->active = active;
        d->variant_b = variant_b;
        if (q->active && !active && !variant_b)
            d->ovf_cnt = q->ovf_ivl; /* scheduled out: start the overflow interval */
    }
    if (wr->cmd) {
        if (wr->data & VIRQ_MOD_CMD_LAT_RESTART_MASK) {
            d->lat_cnt = q->lat_ivl;
            d->lat_run = true;
        }
        if (wr->data & VIRQ_MOD_CMD_OVF_RESTART_MASK)
            d->ovf_cnt = q->ovf_ivl;
    }
}

bool mod_unit_fire(const mod_unit_q_t *q)
{
    bool g, w;
    fire(q, &g, &w);
    return g || w;
}

mod_unit_q_t mod_unit_next(const mod_unit_q_t *q, bool tick, bool evt, const mod_unit_wr_t *wr)
{
    bool fire_guest, fire_wake;
    fire(q, &fire_guest, &fire_wake);
    bool any = fire_guest || fire_wake;
    mod_unit_q_t d = *q;

    d.flag = evt || (q->flag && !any);
    d.lat_run = q->lat_run && !(q->variant_b && any);
    if (!q->variant_b && fire_guest)
        d.lat_cnt = q->lat_ivl;
    else if (tick && q->lat_cnt != 0)
        d.lat_cnt = (uint16_t)(q->lat_cnt - 1u);
    if (fire_wake || (q->variant_b && any))
        d.ovf_cnt = q->ovf_ivl;
    else if (tick && q->ovf_cnt != 0)
        d.ovf_cnt = (uint16_t)(q->ovf_cnt - 1u);
    d.guest_irq = fire_guest;
    d.wake_irq = fire_wake;

    if (wr->lat_ivl || wr->ovf_ivl || wr->ctrl || wr->cmd)
        mod_unit_apply_write(&d, q, wr);
    return d;
}

/* Position of addr in the array: 0 if it maps a unit (idx, off set). */
static bool mod_locate(unsigned num_vec, uint32_t addr, unsigned *idx, uint32_t *off)
{
    if (addr < VIRQ_MOD_BASE)
        return false;
    uint32_t rel = addr - VIRQ_MOD_BASE;
    if (rel / VIRQ_MOD_STRIDE >= num_vec)
        return false;
    *idx = rel / VIRQ_MOD_STRIDE;
    *off = rel % VIRQ_MOD_STRIDE;
    return true;
}

unsigned mod_decode_write(unsigned num_vec, uint32_t addr, uint32_t data, unsigned *idx, mod_unit_wr_t *wr)
{
    uint32_t off, wmask;
    *wr = (mod_unit_wr_t){.data = data};
    if (!mod_locate(num_vec, addr, idx, &off))
        return VIRQ_RESP_DECERR;
    switch (off) {
    case VIRQ_MOD_LAT_IVL_OFF: wmask = VIRQ_MOD_LAT_IVL_WMASK; wr->lat_ivl = true; break;
    case VIRQ_MOD_OVF_IVL_OFF: wmask = VIRQ_MOD_OVF_IVL_WMASK; wr->ovf_ivl = true; break;
    case VIRQ_MOD_CTRL_OFF: wmask = VIRQ_MOD_CTRL_WMASK; wr->ctrl = true; break;
    case VIRQ_MOD_CMD_OFF: wmask = VIRQ_MOD_CMD_WMASK; wr->cmd = true; break;
    case VIRQ_MOD_CNT_OFF:
    case VIRQ_MOD_STATUS_OFF: *wr = (mod_unit_wr_t){0}; return VIRQ_RESP_SLVERR;
    default: *wr = (mod_unit_wr_t){0}; return VIRQ_RESP_DECERR;
    }
    if (data & ~wmask) {
        *wr = (mod_unit_wr_t){0};
        return VIRQ_RESP_SLVERR;
    }
    return VIRQ_RESP_OKAY;
}

unsigned mod_read(const mod_unit_q_t *units, unsigned num_vec, uint32_t addr, uint32_t *data)
{
    unsigned idx;
    uint32_t off;
    *data = 0;
    if (!mod_locate(num_vec, addr, &idx, &off))
        return VIRQ_RESP_DECERR;
    const mod_unit_q_t *u = &units[idx];
    switch (off) {
    case VIRQ_MOD_LAT_IVL_OFF: *data = u->lat_ivl; break;
    case VIRQ_MOD_OVF_IVL_OFF: *data = u->ovf_ivl; break;
    case VIRQ_MOD_CTRL_OFF:
        *data = (u->active ? VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK : 0) | (u->variant_b ? VIRQ_MOD_CTRL_VARIANT_B_MASK : 0);
        break;
    case VIRQ_MOD_CMD_OFF: *data = 0; break;
    case VIRQ_MOD_CNT_OFF:
        *data = ((uint32_t)u->lat_cnt << VIRQ_MOD_CNT_LAT_SHIFT) | ((uint32_t)u->ovf_cnt << VIRQ_MOD_CNT_OVF_SHIFT);
        break;
    case VIRQ_MOD_STATUS_OFF:
        *data = (u->flag ? VIRQ_MOD_STATUS_EVENT_FLAG_MASK : 0) | (u->lat_run ? VIRQ_MOD_STATUS_LAT_RUN_MASK : 0);
        break;
    default: return VIRQ_RESP_DECERR;
    }
    return VIRQ_RESP_OKAY;
}

bool mod_unit_state_ok(const mod_unit_q_t *q)
{
    if (!bool_ok(&q->active) || !bool_ok(&q->variant_b) || !bool_ok(&q->flag) || !bool_ok(&q->lat_run) ||
        !bool_ok(&q->guest_irq) || !bool_ok(&q->wake_irq))
        return false;
    /* virq_mod_unit.sby: the counters within their intervals, never both
     * interrupt outputs */
    return q->lat_cnt <= q->lat_ivl && q->ovf_cnt <= q->ovf_ivl && !(q->guest_irq && q->wake_irq);
}

bool mod_unit_wr_ok(const mod_unit_wr_t *wr)
{
    if (!bool_ok(&wr->lat_ivl) || !bool_ok(&wr->ovf_ivl) || !bool_ok(&wr->ctrl) || !bool_ok(&wr->cmd))
        return false;
    uint32_t wmask = wr->lat_ivl   ? VIRQ_MOD_LAT_IVL_WMASK
                     : wr->ovf_ivl ? VIRQ_MOD_OVF_IVL_WMASK
                     : wr->ctrl    ? VIRQ_MOD_CTRL_WMASK
                     : wr->cmd     ? VIRQ_MOD_CMD_WMASK
                                   : ~0u;
    /* one register per write, and only data its write check lets through */
    return (unsigned)wr->lat_ivl + wr->ovf_ivl + wr->ctrl + wr->cmd <= 1u && (wr->data & ~wmask) == 0;
}
