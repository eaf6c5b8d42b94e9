/* Model of rtl/virq_msix.v: interrupt delivery (MSI-X table and pending
 * bits, per-function INTx of seed 002 FIG. 5, vector ownership and leases).
 * docs/msix.md describes the block; the comments of the RTL apply here. */
#include <string.h>

#include "virq_internal.h"

#define BIT(v) (1ull << (v))

void msix_reset(msix_q_t *q)
{
    memset(q, 0, sizeof *q);
    q->mask = ~0ull;
    q->intx_en = 0xFFFFu;
}

static bool fbit(uint16_t v, unsigned f)
{
    return (v >> f) & 1u;
}

static bool msix_on(const msix_q_t *q, unsigned v)
{
    return fbit(q->msix_en, q->own[v]);
}

static bool may_send(const msix_q_t *q, unsigned v)
{
    return msix_on(q, v) && !fbit(q->fmask, q->own[v]) && !((q->mask >> v) & 1u);
}

/* The lease ends at this edge (expiring in the RTL). */
static bool ends_now(const msix_q_t *q, bool tick, unsigned v)
{
    return tick && q->lcnt[v] == 1;
}

/* The lease ends at the next edge (ends_next in the RTL): count 1 then. */
static bool ends_next(const msix_q_t *q, bool tick, bool tick_next, unsigned v)
{
    return tick_next && q->lcnt[v] == (tick ? 2 : 1);
}

bool msix_busy(const msix_q_t *q, bool tick, bool tick_next, unsigned v)
{
    return ends_now(q, tick, v) || ends_next(q, tick, tick_next, v);
}

/* INTx of every function: raw (FIG. 5 block 500), status (gate 520) and
 * line (gate 530), one bit per function. */
static void intx_bits(const msix_q_t *q, uint32_t leg, uint16_t *raw, uint16_t *status, uint16_t *line)
{
    *raw = (uint16_t)(q->lat | leg);
    *status = *raw & q->intx_en;
    /* a function with MSI-X enabled does not use its INTx pin (PCIe) */
    *line = *status & (uint16_t)~q->intx_dis & (uint16_t)~q->msix_en;
}

bool msix_intx(const msix_q_t *q, uint32_t leg)
{
    uint16_t raw, st, line;
    intx_bits(q, leg, &raw, &st, &line);
    return line != 0;
}

void msix_lev(const msix_q_t *q, bool *valid, uint32_t *param)
{
    /* the lowest expired vector */
    *valid = q->exp != 0;
    *param = 0;
    if (q->exp != 0) {
        unsigned v = (unsigned)__builtin_ctzll(q->exp);
        *param = ((uint32_t)q->home[v] << 8) | v;
    }
}

static bool cand(const msix_q_t *q, unsigned v)
{
    return ((q->pba >> v) & 1u) && may_send(q, v);
}

/* Stage P, the round-robin pick: the first candidate at or after rr, else
 * the first, leaving out the registered pick (it is loaded at this edge,
 * or may not send). */
static uint64_t vec_mask(const virq_params_t *p)
{
    return p->num_vec >= 64 ? ~0ull : (1ull << p->num_vec) - 1;
}

static bool pick(const msix_q_t *q, const virq_params_t *p, unsigned *v)
{
    /* the candidates as a mask (only pending vectors can be one), then the
     * first in the order rr, rr + 1, ..., num_vec - 1, 0, ..., rr - 1 */
    uint64_t m = 0;
    for (uint64_t pend = q->pba & vec_mask(p); pend != 0; pend &= pend - 1) {
        unsigned k = (unsigned)__builtin_ctzll(pend);
        if (may_send(q, k) && !(q->pk_valid && q->pk == k))
            m |= BIT(k);
    }
    if (m == 0)
        return false;
    uint64_t after = m & (~0ull << (q->rr % p->num_vec));
    *v = (unsigned)__builtin_ctzll(after != 0 ? after : m);
    return true;
}

static bool is_fnctl(uint32_t a)
{
    return a >= VIRQ_FN_CTL_BASE && a < VIRQ_FN_CTL_BASE + 0x100u;
}

static bool is_vec(uint32_t a)
{
    return a >= VIRQ_VEC_BASE && a < VIRQ_VEC_BASE + 0x200u;
}

static bool is_win(uint32_t a)
{
    return (a >> 16) == 1u;
}

static bool is_msix_tab(uint32_t off)
{
    return off >= VIRQ_FN_MSIX_BASE && off < VIRQ_FN_MSIX_BASE + 0x400u;
}

bool msix_in_region(uint32_t a)
{
    return a == VIRQ_VEC_DROP_CNT_OFFSET || a == VIRQ_LEASE_EXP_CNT_OFFSET || is_fnctl(a) || is_vec(a) ||
           (a >= VIRQ_FN_WIN_BASE && a < VIRQ_FN_WIN_BASE + 0x10000u);
}

static unsigned ok_if(bool ok)
{
    return ok ? VIRQ_RESP_OKAY : VIRQ_RESP_SLVERR;
}

unsigned msix_wresp(const msix_q_t *q, const virq_params_t *p, bool tick, bool tick_next, uint32_t a, uint32_t d)
{
    if (a == VIRQ_VEC_DROP_CNT_OFFSET || a == VIRQ_LEASE_EXP_CNT_OFFSET)
        return VIRQ_RESP_SLVERR;
    if (is_fnctl(a)) {
        unsigned f = (a >> 4) & 0xFu;
        if (f >= p->num_func)
            return VIRQ_RESP_DECERR;
        switch ((a >> 2) & 3u) {
        case 0: return ok_if((d & ~VIRQ_FN_CTL_INTX_WMASK) == 0);
        case 1:
        case 2: return VIRQ_RESP_SLVERR;
        default: return VIRQ_RESP_DECERR;
        }
    }
    if (is_vec(a)) {
        unsigned v = (a >> 3) & 0x3Fu;
        if (v >= p->num_vec)
            return VIRQ_RESP_DECERR;
        if (!(a & 4u))
            return ok_if((d & ~VIRQ_VEC_HOME_WMASK) == 0 && (d & 0xFu) < p->num_func && q->lcnt[v] == 0);
        if (d & ~VIRQ_VEC_LEASE_WMASK)
            return VIRQ_RESP_SLVERR;
        if ((d & 0xFFFFu) == 0)
            return VIRQ_RESP_OKAY;
        unsigned to = (d >> 16) & 0xFu;
        return ok_if(q->lcnt[v] == 0 && to < p->num_func && to != q->home[v]);
    }
    if (is_win(a) && ((a >> 12) & 0xFu) < p->num_func) {
        unsigned f = (a >> 12) & 0xFu, off = a & 0xFFFu;
        if (is_msix_tab(off)) {
            unsigned v = (off >> 4) & 0x3Fu;
            if (v >= p->num_vec)
                return VIRQ_RESP_DECERR;
            if (q->own[v] != f || msix_busy(q, tick, tick_next, v))
                return VIRQ_RESP_SLVERR;
            switch ((a >> 2) & 3u) {
            case 0: return ok_if((d & ~VIRQ_FN_MSIX_ADDR_LO_WMASK) == 0);
            case 3: return ok_if((d & ~VIRQ_FN_MSIX_VCTRL_WMASK) == 0);
            default: return VIRQ_RESP_OKAY;
            }
        }
        switch (off) {
        case VIRQ_FN_INFO_OFFSET:
        case VIRQ_FN_INTX_STATE_OFFSET: return VIRQ_RESP_SLVERR;
        case VIRQ_FN_INTX_CTRL_OFFSET: return ok_if((d & ~VIRQ_FN_INTX_CTRL_WMASK) == 0);
        case VIRQ_FN_INTX_ACK_OFFSET: return ok_if((d & ~VIRQ_FN_INTX_ACK_WMASK) == 0);
        case VIRQ_FN_MSIX_CTRL_OFFSET: return ok_if((d & ~VIRQ_FN_MSIX_CTRL_WMASK) == 0);
        case VIRQ_FN_PBA_BASE: return VIRQ_RESP_SLVERR;
        case VIRQ_FN_PBA_BASE + 4u: return p->num_vec > 32 ? VIRQ_RESP_SLVERR : VIRQ_RESP_DECERR;
        default: return VIRQ_RESP_DECERR;
        }
    }
    return VIRQ_RESP_DECERR;
}

unsigned msix_read(const msix_q_t *q, const virq_params_t *p, uint32_t leg, uint32_t a, uint32_t *data)
{
    uint16_t raw, st, line;
    intx_bits(q, leg, &raw, &st, &line);
    *data = 0;
    if (a == VIRQ_VEC_DROP_CNT_OFFSET) {
        *data = q->drop_cnt;
        return VIRQ_RESP_OKAY;
    }
    if (a == VIRQ_LEASE_EXP_CNT_OFFSET) {
        *data = q->lexp_cnt;
        return VIRQ_RESP_OKAY;
    }
    if (is_fnctl(a)) {
        unsigned f = (a >> 4) & 0xFu;
        if (f >= p->num_func)
            return VIRQ_RESP_DECERR;
        switch ((a >> 2) & 3u) {
        case 0: *data = fbit(q->intx_dis, f); break;
        case 1:
            *data = (uint32_t)fbit(raw, f) << VIRQ_FN_CTL_STATE_INTX_RAW_SHIFT |
                    (uint32_t)fbit(q->intx_en, f) << VIRQ_FN_CTL_STATE_INTX_EN_SHIFT |
                    (uint32_t)fbit(st, f) << VIRQ_FN_CTL_STATE_INTX_STATUS_SHIFT |
                    (uint32_t)fbit(line, f) << VIRQ_FN_CTL_STATE_INTX_LINE_SHIFT |
                    (uint32_t)fbit(q->msix_en, f) << VIRQ_FN_CTL_STATE_MSIX_EN_SHIFT |
                    (uint32_t)fbit(q->fmask, f) << VIRQ_FN_CTL_STATE_FMASK_SHIFT;
            break;
        case 2: *data = q->ferr[f]; break;
        default: return VIRQ_RESP_DECERR;
        }
        return VIRQ_RESP_OKAY;
    }
    if (is_vec(a)) {
        unsigned v = (a >> 3) & 0x3Fu;
        if (v >= p->num_vec)
            return VIRQ_RESP_DECERR;
        *data = (a & 4u) ? ((uint32_t)q->own[v] << VIRQ_VEC_LEASE_TO_SHIFT | q->lcnt[v]) : q->home[v];
        return VIRQ_RESP_OKAY;
    }
    if (is_win(a) && ((a >> 12) & 0xFu) < p->num_func) {
        unsigned f = (a >> 12) & 0xFu, off = a & 0xFFFu;
        if (is_msix_tab(off)) {
            unsigned v = (off >> 4) & 0x3Fu;
            if (v >= p->num_vec)
                return VIRQ_RESP_DECERR;
            if (q->own[v] != f)
                return VIRQ_RESP_SLVERR;
            switch ((a >> 2) & 3u) {
            case 0: *data = q->alo[v]; break;
            case 1: *data = q->ahi[v]; break;
            case 2: *data = q->data[v]; break;
            default: *data = (q->mask >> v) & 1u; break;
            }
            return VIRQ_RESP_OKAY;
        }
        uint64_t pba = 0;
        for (unsigned v = 0; v < p->num_vec; v++)
            if (q->own[v] == f)
                pba |= q->pba & BIT(v);
        switch (off) {
        case VIRQ_FN_INFO_OFFSET: *data = f | p->num_vec << VIRQ_FN_INFO_NUM_VEC_SHIFT; break;
        case VIRQ_FN_INTX_CTRL_OFFSET: *data = fbit(q->intx_en, f); break;
        case VIRQ_FN_INTX_STATE_OFFSET:
            *data = (uint32_t)fbit(raw, f) << VIRQ_FN_INTX_STATE_RAW_SHIFT |
                    (uint32_t)fbit(st, f) << VIRQ_FN_INTX_STATE_STATUS_SHIFT |
                    (uint32_t)fbit(q->intx_dis, f) << VIRQ_FN_INTX_STATE_DISABLE_SHIFT |
                    (uint32_t)fbit(line, f) << VIRQ_FN_INTX_STATE_LINE_SHIFT;
            break;
        case VIRQ_FN_INTX_ACK_OFFSET: break;
        case VIRQ_FN_MSIX_CTRL_OFFSET:
            *data = (uint32_t)fbit(q->msix_en, f) << VIRQ_FN_MSIX_CTRL_ENABLE_SHIFT |
                    (uint32_t)fbit(q->fmask, f) << VIRQ_FN_MSIX_CTRL_FMASK_SHIFT;
            break;
        case VIRQ_FN_PBA_BASE: *data = (uint32_t)pba; break;
        case VIRQ_FN_PBA_BASE + 4u:
            if (p->num_vec <= 32)
                return VIRQ_RESP_DECERR;
            *data = (uint32_t)(pba >> 32);
            break;
        default: return VIRQ_RESP_DECERR;
        }
        return VIRQ_RESP_OKAY;
    }
    return VIRQ_RESP_DECERR;
}

static uint32_t sat_add(uint32_t a, unsigned b)
{
    uint64_t s = (uint64_t)a + b;
    return s > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)s;
}

void msix_commit(msix_q_t *q, const virq_params_t *p, const msix_in_t *in)
{
    /* Everything below sees the state before this edge without a copy of
     * it: each field is read before it is written (the launched vector's
     * entry and owner are taken first; the per-vector updates read vector
     * v's fields only before writing them). */
    /* stage L: the registered pick is loaded if it may still send now;
     * stage P: a new pick whenever the output register is free */
    bool out_free = !in->hold && (!q->o_valid || in->m_ready);
    unsigned pv = q->pk, np = 0;
    bool launch = out_free && q->pk_valid && cand(q, pv);
    uint64_t l_addr = 0;
    uint32_t l_data = 0;
    uint8_t l_func = 0;
    if (launch) {
        l_addr = (uint64_t)q->ahi[pv] << 32 | q->alo[pv];
        l_data = q->data[pv];
        l_func = q->own[pv];
    }
    if (out_free) {
        bool pk_valid = pick(q, p, &np);
        q->pk_valid = pk_valid;
        q->pk = pk_valid ? (uint8_t)np : 0;
        if (pk_valid)
            q->rr = np + 1 >= p->num_vec ? 0 : np + 1;
    }
    /* the write applied at this edge: the one accepted in the previous
     * cycle (the zero-time helper applies its own at once) */
    bool ap_ok = in->hold ? in->w_ok : q->ap_ok;
    uint32_t waddr = in->hold ? in->waddr : q->ap_addr, wdata = in->hold ? in->wdata : q->ap_data;
    if (!in->hold) {
        q->ap_ok = in->w_ok;
        q->ap_addr = in->waddr;
        q->ap_data = in->wdata;
    }
    bool w_win = ap_ok && is_win(waddr);
    unsigned w_off = waddr & 0xFFFu, w_wf = (waddr >> 12) & 0xFu;
    bool w_tab = w_win && is_msix_tab(w_off);
    unsigned w_mv = (w_off >> 4) & 0x3Fu;
    bool w_vec = ap_ok && is_vec(waddr);
    unsigned w_vv = (waddr >> 3) & 0x3Fu;
    bool grant = (wdata & 0xFFFFu) != 0;

    /* pending bits and the INTx latch (an acknowledge loses to a new interrupt) */
    uint64_t pba = q->pba;
    if (launch)
        pba &= ~BIT(pv);
    if (w_win && !w_tab && w_off == VIRQ_FN_INTX_ACK_OFFSET && (wdata & 1u))
        q->lat &= (uint16_t) ~(1u << w_wf);
    for (uint64_t irq = in->irq & vec_mask(p); irq != 0; irq &= irq - 1) {
        unsigned v = (unsigned)__builtin_ctzll(irq);
        if (msix_on(q, v))
            pba |= BIT(v);
        else
            q->lat |= (uint16_t)(1u << q->own[v]);
    }
    if (in->lev_take) {
        bool lv;
        uint32_t lp;
        msix_lev(q, &lv, &lp);
        q->exp &= ~BIT(lp & 0x3Fu);
    }
    /* ownership: register writes, then lease expiry on a tick (nothing to
     * do without a VEC write or a tick) */
    unsigned n_drop = 0, n_exp = 0;
    for (unsigned v = 0; (w_vec || in->tick) && v < p->num_vec; v++) {
        bool xfer = false;
        if (w_vec && w_vv == v && !(waddr & 4u)) {
            unsigned h = wdata & 0xFu;
            if (h != q->home[v]) {
                q->home[v] = (uint8_t)h;
                q->own[v] = (uint8_t)h;
                xfer = true;
            }
        } else if (w_vec && w_vv == v) {
            if (grant) {
                q->own[v] = (uint8_t)((wdata >> 16) & 0xFu);
                q->lcnt[v] = (uint16_t)(wdata & 0xFFFFu);
                xfer = true;
            } else if (q->lcnt[v] != 0) {
                q->own[v] = q->home[v];
                q->lcnt[v] = 0;
                xfer = true;
            }
        } else if (in->tick && q->lcnt[v] != 0) {
            unsigned left = q->lcnt[v];
            q->lcnt[v] = (uint16_t)(left - 1u);
            if (left == 1) {
                q->own[v] = q->home[v];
                q->exp |= BIT(v);
                xfer = true;
                n_exp++;
            }
        }
        if (xfer) {
            q->mask |= BIT(v);
            if ((pba >> v) & 1u)
                n_drop++;
            pba &= ~BIT(v);
            q->alo[v] = q->ahi[v] = q->data[v] = 0;
        }
    }
    q->pba = pba;
    if (w_tab) {
        switch ((waddr >> 2) & 3u) {
        case 0: q->alo[w_mv] = wdata & ~3u; break;
        case 1: q->ahi[w_mv] = wdata; break;
        case 2: q->data[w_mv] = wdata; break;
        default: q->mask = (q->mask & ~BIT(w_mv)) | ((uint64_t)(wdata & 1u) << w_mv); break;
        }
    }
    q->drop_cnt = sat_add(q->drop_cnt, n_drop);
    q->lexp_cnt = sat_add(q->lexp_cnt, n_exp);
    if (w_win && !w_tab) {
        if (w_off == VIRQ_FN_INTX_CTRL_OFFSET)
            q->intx_en = (uint16_t)((q->intx_en & ~(1u << w_wf)) | (wdata & 1u) << w_wf);
        if (w_off == VIRQ_FN_MSIX_CTRL_OFFSET) {
            q->msix_en = (uint16_t)((q->msix_en & ~(1u << w_wf)) | (wdata & 1u) << w_wf);
            q->fmask = (uint16_t)((q->fmask & ~(1u << w_wf)) | ((wdata >> 1) & 1u) << w_wf);
        }
    }
    if (ap_ok && is_fnctl(waddr) && ((waddr >> 2) & 3u) == 0) {
        unsigned f = (waddr >> 4) & 0xFu;
        q->intx_dis = (uint16_t)((q->intx_dis & ~(1u << f)) | (wdata & 1u) << f);
    }
    if (in->werr || in->rerr)
        for (unsigned f = 0; f < 16; f++)
            q->ferr[f] = sat_add(q->ferr[f], (unsigned)(in->werr && in->werr_fn == f) + (in->rerr && in->rerr_fn == f));
    /* the output register */
    if (launch) {
        q->o_valid = true;
        q->o_addr = l_addr;
        q->o_data = l_data;
        q->o_func = l_func;
        q->o_vec = (uint8_t)pv;
    } else if (in->m_ready && !in->hold) {
        q->o_valid = false;
    }
}

/* The accepted write waiting for the next edge (ap_*): one msix_wresp
 * took, so its address names a register of the instance and its data
 * passes the write check.  What the check read of the state then (a
 * vector's lease count, home and owner, the lease's end) may have changed
 * since (a zero-time helper write in between), so it is made against a
 * state that lets the write through. */
static bool ap_state_ok(const msix_q_t *q, const virq_params_t *p)
{
    if (!q->ap_ok)
        return true;
    static const msix_q_t z; /* all zero: no lease, every vector home at function 0 */
    msix_q_t w = z;
    uint32_t a = q->ap_addr, d = q->ap_data;
    if (is_win(a))
        w.own[(a >> 4) & 0x3Fu] = (uint8_t)((a >> 12) & 0xFu);
    if (is_vec(a))
        w.home[(a >> 3) & 0x3Fu] = (uint8_t)(((d >> 16) + 1u) & 0xFu); /* not the lease's function */
    return msix_wresp(&w, p, false, false, a, d) == VIRQ_RESP_OKAY;
}

bool msix_state_ok(const msix_q_t *q, const virq_params_t *p)
{
    if (!bool_ok(&q->pk_valid) || !bool_ok(&q->o_valid) || !bool_ok(&q->ap_ok))
        return false;
    uint64_t vm = vec_mask(p);
    uint16_t fm = (uint16_t)((1u << p->num_func) - 1u);
    /* a vector of the instance: its home and owner are functions of the
     * instance, the owner the home while no lease runs, the table
     * address's bits 1:0 clear; entries beyond the instance keep their
     * reset values.  (A lease may run with the owner its home: a bus
     * write of VEC[v].LEASE is applied one edge after its check, and a
     * zero-time helper write of VEC[v].HOME in between can move the home
     * to the lease's function, or the other way round.) */
    for (unsigned v = 0; v < 64; v++) {
        bool ok = v < p->num_vec ? q->home[v] < p->num_func && q->own[v] < p->num_func &&
                                       (q->lcnt[v] != 0 || q->own[v] == q->home[v]) && (q->alo[v] & 3u) == 0
                                 : (q->alo[v] | q->ahi[v] | q->data[v] | q->home[v] | q->own[v] | q->lcnt[v]) == 0;
        if (!ok)
            return false;
    }
    if (!ap_state_ok(q, p))
        return false;
    /* per-vector and per-function bits beyond the instance as reset left
     * them; the round-robin position, the pick and the message's vector,
     * function and address */
    return ((q->pba | q->exp) & ~vm) == 0 && (q->mask | vm) == ~0ull &&
           ((q->msix_en | q->fmask | q->intx_dis | q->lat) & ~fm) == 0 && (q->intx_en | fm) == 0xFFFFu &&
           q->rr < p->num_vec && q->pk < p->num_vec && q->o_func < p->num_func && q->o_vec < p->num_vec &&
           (q->o_addr & 3u) == 0;
}
