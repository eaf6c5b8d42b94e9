/* Model of rtl/virq_eq.v: event queues in host memory.  The contract is in
 * docs/eq.md; the comments of the RTL explain each decision.  eq_comb()
 * computes from the state and the inputs everything the RTL's always @*
 * blocks compute; eq_commit() applies it in the RTL's priority order
 * (disarm, entry handshake, doorbell, writer, configuration). */
#include "virq_internal.h"

#include <string.h>

static uint16_t size_mask(unsigned log2)
{
    return (uint16_t)((1u << log2) - 1u);
}

static uint32_t sat_inc(uint32_t v)
{
    return v == 0xFFFFFFFFu ? v : v + 1u;
}

static bool any(const eq_q_t *q, unsigned n, size_t field_off, unsigned *lowest)
{
    for (unsigned k = 0; k < n; k++) {
        if (*(const bool *)((const char *)&q->ctx[k] + field_off)) {
            *lowest = k;
            return true;
        }
    }
    *lowest = 0;
    return false;
}

void eq_reset(eq_q_t *q, unsigned num_eq)
{
    eq_ctx_t *ctx = q->ctx;
    memset(ctx, 0, num_eq * sizeof *ctx);
    *q = (eq_q_t){.ctx = ctx};
}

/* Register decode of the EQ_DB and EQ arrays. */
static bool is_db(const virq_params_t *p, uint32_t a, unsigned *fn)
{
    if (a < VIRQ_EQ_DB_BASE || a >= VIRQ_EQ_BASE || (a - VIRQ_EQ_DB_BASE) / VIRQ_EQ_DB_STRIDE >= p->num_func)
        return false;
    *fn = (a - VIRQ_EQ_DB_BASE) / VIRQ_EQ_DB_STRIDE;
    return true;
}

static bool is_eq(const virq_params_t *p, uint32_t a, unsigned *qn, uint32_t *off)
{
    if (a < VIRQ_EQ_BASE || (a - VIRQ_EQ_BASE) / VIRQ_EQ_STRIDE >= p->num_eq)
        return false;
    *qn = (a - VIRQ_EQ_BASE) / VIRQ_EQ_STRIDE;
    *off = (a - VIRQ_EQ_BASE) % VIRQ_EQ_STRIDE;
    return true;
}

#define FIELD(v, name) (((v) & VIRQ_##name##_MASK) >> VIRQ_##name##_SHIFT)

void eq_comb(const eq_q_t *q, const virq_params_t *p, const eq_in_t *in, eq_comb_t *c)
{
    memset(c, 0, sizeof *c);
    unsigned fn = 0, wq = 0;
    uint32_t off = 0;
    bool w_db = is_db(p, in->wr_addr, &fn);
    bool w_eq = is_eq(p, in->wr_addr, &wq, &off);
    c->w_q = wq;

    /* ---- doorbell ---- */
    uint32_t d = in->wr_data;
    unsigned db_q = FIELD(d, EQ_DB_DB_EQ);
    uint16_t db_ri = (uint16_t)FIELD(d, EQ_DB_DB_RI);
    bool db_val = FIELD(d, EQ_DB_DB_VALID), db_adv = FIELD(d, EQ_DB_DB_ADVANCE);
    bool db_qok = db_q < p->num_eq;
    unsigned dq = db_qok ? db_q : 0;
    const eq_ctx_t *dc = &q->ctx[dq];
    uint16_t db_mask = size_mask(dc->log2);
    bool db_held = q->out_valid && q->out_entry && q->out_eq == dq;
    uint16_t db_unread = (uint16_t)(((dc->wi - dc->ri) & db_mask) - db_held);
    uint16_t db_new_ri = db_adv ? (uint16_t)((dc->ri + db_ri) & db_mask) : db_ri;
    uint16_t db_dist = db_adv ? db_ri : (uint16_t)((db_ri - dc->ri) & db_mask);
    c->db_q = dq;
    c->db_new_ri = db_new_ri;
    c->db_left = (uint16_t)(((dc->wi - db_new_ri) & db_mask) - db_held);

    /* ---- write response ---- */
    unsigned cmd = d & 3u;
    bool w_held = q->out_valid && q->out_eq == wq;
    c->wr_resp = VIRQ_RESP_DECERR;
    if (w_db) {
        c->wr_resp = VIRQ_RESP_OKAY;
        if ((d & ~VIRQ_EQ_DB_DB_WMASK) || !db_qok)
            c->wr_resp = VIRQ_RESP_SLVERR;
        else if (dc->func != fn || dc->st == EQ_ST_UNDEF)
            c->wr_resp = VIRQ_RESP_SLVERR;
        else if (db_val && !db_adv && (db_ri & ~db_mask))
            c->wr_resp = VIRQ_RESP_SLVERR;
        else if (db_val && db_dist > db_unread)
            c->wr_resp = VIRQ_RESP_SLVERR;
    } else if (w_eq) {
        const eq_ctx_t *wc = &q->ctx[wq];
        switch (off) {
        case VIRQ_EQ_BASE_LO_OFF:
        case VIRQ_EQ_BASE_HI_OFF:
        case VIRQ_EQ_WB_LO_OFF:
        case VIRQ_EQ_WB_HI_OFF:
        case VIRQ_EQ_CFG_OFF:
            c->wr_resp = VIRQ_RESP_OKAY;
            if (wc->st != EQ_ST_UNDEF || w_held)
                c->wr_resp = VIRQ_RESP_SLVERR;
            else if (off == VIRQ_EQ_BASE_LO_OFF && (d & ~VIRQ_EQ_BASE_LO_WMASK))
                c->wr_resp = VIRQ_RESP_SLVERR;
            else if (off == VIRQ_EQ_WB_LO_OFF && (d & ~VIRQ_EQ_WB_LO_WMASK))
                c->wr_resp = VIRQ_RESP_SLVERR;
            else if (off == VIRQ_EQ_CFG_OFF &&
                     ((d & ~VIRQ_EQ_CFG_WMASK) || FIELD(d, EQ_CFG_LOG2_SIZE) == 0 ||
                      FIELD(d, EQ_CFG_LOG2_SIZE) > p->eq_max_log2 || FIELD(d, EQ_CFG_FUNC) >= p->num_func ||
                      FIELD(d, EQ_CFG_VEC) >= p->num_vec ||
                      (wq == 0 && FIELD(d, EQ_CFG_FUNC) != 0))) /* queue 0: the PF's (its reports) */
                c->wr_resp = VIRQ_RESP_SLVERR;
            break;
        case VIRQ_EQ_CMD_OFF:
            c->wr_resp = VIRQ_RESP_OKAY;
            if ((d & ~VIRQ_EQ_CMD_WMASK) || cmd == 3u || ((cmd & 1u) && wc->log2 == 0))
                c->wr_resp = VIRQ_RESP_SLVERR;
            break;
        case VIRQ_EQ_STATUS_OFF:
        case VIRQ_EQ_IDX_OFF:
        case VIRQ_EQ_DROPS_OFF: c->wr_resp = VIRQ_RESP_SLVERR; break;
        default: c->wr_resp = VIRQ_RESP_DECERR; break;
        }
    }
    bool w_ok = in->wr_en && c->wr_resp == VIRQ_RESP_OKAY;
    c->db_ok = w_ok && w_db;
    c->eq_ok = w_ok && w_eq;
    c->db_pend_keep = q->out_valid && in->dma_ready && q->out_entry && q->out_eq == dq;

    /* ---- the writer's choice ---- */
    c->stall = in->wr_en && w_eq;
    bool out_free = !q->out_valid || in->dma_ready;
    c->hs = q->out_valid && in->dma_ready;
    bool has_ovp = any(q, p->num_eq, offsetof(eq_ctx_t, ovp), &c->ovq);
    (void)any(q, p->num_eq, offsetof(eq_ctx_t, wbp), &c->wb_low);
    c->wbq = q->wb_pick;
    bool has_wbp = q->ctx[q->wb_pick].wbp; /* the registered choice is still due */
    if (!c->stall && has_ovp) {
        c->post = c->post_ntf = true;
        c->t = 0;
        c->entry = ((uint32_t)VIRQ_EVT_CODE_EQ_OVERFLOW << 24) | c->ovq;
    } else if (!c->stall && q->rep_pend) {
        c->post = c->post_ntf = c->post_rep = true;
        c->t = 0;
        c->entry = ((uint32_t)VIRQ_EVT_CODE_REFUSED << 24) | (1u << 16) |
                   ((uint32_t)q->rep_func << 8) | q->rep_eq;
    } else if (!c->stall && !has_wbp && in->evt_valid) {
        bool qok = in->evt_eq < p->num_eq;
        unsigned owner = qok ? q->ctx[in->evt_eq].func : q->ctx[0].func;
        if (!in->evt_sys &&
            (!qok || in->evt_code == 0 || in->evt_code >= VIRQ_EVT_CODE_RESERVED || owner != in->evt_func)) {
            c->refuse = true;
        } else {
            c->post = true;
            c->t = in->evt_eq;
            c->entry = ((uint32_t)in->evt_code << 24) | (in->evt_param & 0xFFFFFFu);
        }
    }
    const eq_ctx_t *tc = &q->ctx[c->t];
    uint16_t t_mask = size_mask(tc->log2);
    c->t_wi1 = (uint16_t)((tc->wi + 1u) & t_mask);
    bool t_full = c->t_wi1 == tc->ri;
    c->do_drop = c->post && tc->st == EQ_ST_UNDEF;
    c->do_ovf = c->post && tc->st != EQ_ST_UNDEF && t_full;
    c->do_wr = c->post && tc->st != EQ_ST_UNDEF && !t_full && out_free;
    c->do_wb = !c->stall && !has_ovp && !q->rep_pend && has_wbp && out_free;
    c->evt_ready = c->refuse || (!c->post_ntf && (c->do_drop || c->do_ovf || c->do_wr));
}

void eq_comb_writer_off(eq_comb_t *c)
{
    c->refuse = c->post = c->post_ntf = c->post_rep = false;
    c->do_drop = c->do_ovf = c->do_wr = c->do_wb = c->hs = false;
    c->evt_ready = false;
    c->wb_hold = true;
}

uint64_t eq_mod_evt(const eq_q_t *q, const virq_params_t *p, uint64_t mod_fire)
{
    uint64_t v = 0;
    for (unsigned k = 0; k < p->num_eq; k++) {
        const eq_ctx_t *x = &q->ctx[k];
        if (x->st == EQ_ST_ARMED && x->pend && !x->legacy && !((mod_fire >> x->vec) & 1u))
            v |= 1ull << x->vec;
    }
    return v;
}

uint32_t eq_intx(const eq_q_t *q, const virq_params_t *p)
{
    uint32_t f = 0;
    for (unsigned k = 0; k < p->num_eq; k++) {
        const eq_ctx_t *x = &q->ctx[k];
        if (x->st == EQ_ST_ARMED && x->pend && x->legacy)
            f |= 1u << x->func;
    }
    return f;
}

void eq_commit(eq_q_t *q, const virq_params_t *p, const eq_in_t *in, const eq_comb_t *c)
{
    eq_ctx_t *ctx = q->ctx;
    /* the pre-state of the output register */
    bool out_valid = q->out_valid, out_entry = q->out_entry;
    unsigned out_eq = q->out_eq;

    /* a moderation unit interrupts: disarm its armed queues with unread entries */
    for (unsigned k = 0; k < p->num_eq; k++) {
        eq_ctx_t *x = &ctx[k];
        if (x->st == EQ_ST_ARMED && x->pend && !x->legacy && ((in->mod_fire >> x->vec) & 1u)) {
            x->st = EQ_ST_UNARM;
            if (x->wben)
                x->wbp = true;
        }
    }
    /* an accepted entry write makes its entry visible */
    if (c->hs && out_entry)
        ctx[out_eq].pend = true;
    q->out_valid = out_valid && !in->dma_ready;

    /* doorbell */
    if (c->db_ok) {
        eq_ctx_t *x = &ctx[c->db_q];
        x->st = FIELD(in->wr_data, EQ_DB_DB_ARM) ? EQ_ST_ARMED : EQ_ST_UNARM;
        if (FIELD(in->wr_data, EQ_DB_DB_VALID)) {
            x->ri = c->db_new_ri;
            if (!c->db_pend_keep)
                x->pend = c->db_left != 0;
        }
    }

    /* writer */
    eq_ctx_t *tc = &ctx[c->t];
    if (c->refuse) {
        q->evt_err = sat_inc(q->evt_err);
        /* no report is waiting: a waiting one has priority over the input */
        q->rep_pend = true;
        q->rep_func = (uint8_t)in->evt_func;
        q->rep_eq = (uint8_t)in->evt_eq;
    }
    /* a notification leaves the writer whether written or lost (counted in
     * queue 0's DROPS) */
    bool ntf_done = c->post_ntf && (c->do_drop || c->do_ovf || c->do_wr);
    if (ntf_done && c->post_rep)
        q->rep_pend = false;
    else if (ntf_done)
        ctx[c->ovq].ovp = false;
    if (c->do_drop || c->do_ovf)
        tc->drops = sat_inc(tc->drops);
    if (c->do_ovf) {
        tc->st = EQ_ST_UNDEF;
        tc->pend = false;
        tc->wbp = false;
        tc->ovp = true;
        q->ovf_cnt = sat_inc(q->ovf_cnt);
    }
    if (c->do_wr) {
        uint64_t base = ((uint64_t)tc->bhi << 32) | tc->blo;
        q->out_valid = true;
        q->out_addr = base + 4u * (uint64_t)tc->wi;
        q->out_data = c->entry;
        q->out_entry = true;
        q->out_eq = c->t;
        q->out_func = tc->func;
        tc->wi = c->t_wi1;
        if (!c->post_ntf && in->evt_setvec) {
            tc->vec = (uint8_t)in->evt_vec;
            tc->legacy = in->evt_legacy;
        }
        if (tc->wben && tc->wbevery != 0) {
            if ((uint8_t)(tc->wbcnt + 1u) == tc->wbevery) {
                tc->wbcnt = 0;
                tc->wbp = true;
            } else {
                tc->wbcnt++;
            }
        }
    }
    if (c->do_wb) {
        eq_ctx_t *w = &ctx[c->wbq];
        q->out_valid = true;
        q->out_addr = ((uint64_t)w->whi << 32) | w->wlo;
        q->out_data = w->wi;
        q->out_entry = false;
        q->out_eq = c->wbq;
        q->out_func = w->func;
        w->wbp = false;
    }

    /* configuration and commands (the writer was stalled) */
    if (c->eq_ok) {
        eq_ctx_t *x = &ctx[c->w_q];
        uint32_t d = in->wr_data;
        switch ((in->wr_addr - VIRQ_EQ_BASE) % VIRQ_EQ_STRIDE) {
        case VIRQ_EQ_BASE_LO_OFF: x->blo = d; break;
        case VIRQ_EQ_BASE_HI_OFF: x->bhi = d; break;
        case VIRQ_EQ_WB_LO_OFF: x->wlo = d; break;
        case VIRQ_EQ_WB_HI_OFF: x->whi = d; break;
        case VIRQ_EQ_CFG_OFF:
            x->log2 = (uint8_t)FIELD(d, EQ_CFG_LOG2_SIZE);
            x->wben = (uint8_t)FIELD(d, EQ_CFG_WB_EN);
            x->wbevery = (uint8_t)FIELD(d, EQ_CFG_WB_EVERY);
            x->func = (uint8_t)FIELD(d, EQ_CFG_FUNC);
            x->vec = (uint8_t)FIELD(d, EQ_CFG_VEC);
            x->legacy = FIELD(d, EQ_CFG_LEGACY);
            break;
        case VIRQ_EQ_CMD_OFF:
            if (d & 3u) {
                x->st = (d & VIRQ_EQ_CMD_INIT_MASK) ? EQ_ST_UNARM : EQ_ST_UNDEF;
                x->pend = false;
                x->wbp = false;
                if (out_valid && out_eq == c->w_q)
                    q->out_entry = false; /* its in-flight entry no longer counts */
            }
            if (d & VIRQ_EQ_CMD_INIT_MASK) {
                x->wi = 0;
                x->ri = 0;
                x->wbcnt = 0;
            }
            break;
        default: break;
        }
    }
    if (!c->wb_hold)
        q->wb_pick = c->wb_low;
}

unsigned eq_read(const eq_q_t *q, const virq_params_t *p, uint32_t addr, uint32_t *data)
{
    unsigned fn, qn;
    uint32_t off;
    *data = 0;
    if (is_db(p, addr, &fn))
        return VIRQ_RESP_OKAY; /* write-only */
    if (!is_eq(p, addr, &qn, &off))
        return VIRQ_RESP_DECERR;
    const eq_ctx_t *x = &q->ctx[qn];
    switch (off) {
    case VIRQ_EQ_BASE_LO_OFF: *data = x->blo; break;
    case VIRQ_EQ_BASE_HI_OFF: *data = x->bhi; break;
    case VIRQ_EQ_WB_LO_OFF: *data = x->wlo; break;
    case VIRQ_EQ_WB_HI_OFF: *data = x->whi; break;
    case VIRQ_EQ_CFG_OFF:
        *data = ((uint32_t)x->log2 << VIRQ_EQ_CFG_LOG2_SIZE_SHIFT) | ((uint32_t)x->wben << VIRQ_EQ_CFG_WB_EN_SHIFT) |
                ((uint32_t)x->wbevery << VIRQ_EQ_CFG_WB_EVERY_SHIFT) | ((uint32_t)x->func << VIRQ_EQ_CFG_FUNC_SHIFT) |
                ((uint32_t)x->vec << VIRQ_EQ_CFG_VEC_SHIFT) | ((uint32_t)x->legacy << VIRQ_EQ_CFG_LEGACY_SHIFT);
        break;
    case VIRQ_EQ_CMD_OFF: break;
    case VIRQ_EQ_STATUS_OFF:
        *data = ((uint32_t)x->st << VIRQ_EQ_STATUS_STATE_SHIFT) | ((uint32_t)x->pend << VIRQ_EQ_STATUS_PENDING_SHIFT) |
                ((uint32_t)x->wbp << VIRQ_EQ_STATUS_WB_PEND_SHIFT) | ((uint32_t)x->ovp << VIRQ_EQ_STATUS_OVF_PEND_SHIFT) |
                ((uint32_t)(q->out_valid && q->out_eq == qn) << VIRQ_EQ_STATUS_BUSY_SHIFT);
        break;
    case VIRQ_EQ_IDX_OFF: *data = ((uint32_t)x->ri << VIRQ_EQ_IDX_RI_SHIFT) | x->wi; break;
    case VIRQ_EQ_DROPS_OFF: *data = x->drops; break;
    default: return VIRQ_RESP_DECERR;
    }
    return VIRQ_RESP_OKAY;
}

bool eq_state_ok(const eq_q_t *q, const virq_params_t *p)
{
    if (!bool_ok(&q->out_valid) || !bool_ok(&q->out_entry) || !bool_ok(&q->rep_pend))
        return false;
    /* the request's queue and its owner, entry and write-back addresses
     * 4-byte aligned; a refused event's function (4 bits; its queue is any
     * 8-bit number); the registered write-back choice */
    return q->out_eq < p->num_eq && q->out_func < p->num_func && (q->out_addr & 3u) == 0 && q->rep_func <= 0xFu &&
           q->wb_pick < p->num_eq;
}

bool eq_ctx_ok(const eq_ctx_t *x, const virq_params_t *p, unsigned k)
{
    if (!bool_ok(&x->legacy) || !bool_ok(&x->pend) || !bool_ok(&x->wbp) || !bool_ok(&x->ovp))
        return false;
    /* CFG's fields as its write check allows them (LOG2_SIZE 0 only as
     * reset left it; queue 0 is the PF's), the indices within the largest
     * queue, the addresses' bits 1:0 clear; a queue not UNDEFINED was
     * initialized (CMD.INIT: a size, both indices 0) and its size has not
     * changed since (CFG is written only while UNDEFINED), so its indices
     * are within it: else its next entry would go outside the queue */
    uint32_t idx_end = 1u << p->eq_max_log2;
    return x->log2 <= p->eq_max_log2 && x->wben <= 1u && x->func < p->num_func && (k != 0 || x->func == 0) &&
           x->vec < p->num_vec && x->st <= EQ_ST_ARMED && x->wi < idx_end && x->ri < idx_end && (x->blo & 3u) == 0 &&
           (x->wlo & 3u) == 0 &&
           (x->st == EQ_ST_UNDEF || (x->log2 != 0 && (x->wi | x->ri) <= size_mask(x->log2)));
}
