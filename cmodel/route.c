/* Model of rtl/virq_route.v: event routing in front of the event-queue
 * writer (seed 003 FIG. 5-8, 10-12).  Contract and timing in docs/route.md.
 *
 * Pipeline (one event per clock, all stages advance together when ce):
 *   accept  -> s1: the Toeplitz hash is computed with the committed key
 *   s1 -> s2:     (the RTL combines its partial hashes here)
 *   s2 -> i:      PRS index BASE + (hash & MASK) (FUNC.RSS_CFG read here)
 *   i  -> p:      PRS entry read at that index (hashed) or the function's
 *                 defaults (FUNC.DEF read here); RSS_LAST / RSS_LAST_INFO
 *   p  -> o:      MVM lookup; o (the output register) drives the EQ
 *                 writer's event input
 * and a skid k behind o: ce = k is not in use (a register), so the writer's
 * ready reaches the skid and o but no pipeline stage; when the writer
 * refuses o's event at an edge with ce, o keeps it and p's result goes into
 * k, which o loads when its event is taken. */
#include <stdlib.h>
#include <string.h>

#include "virq/virq_toeplitz.h"
#include "virq_internal.h"

#define FIELD(v, name) (((v) & VIRQ_##name##_MASK) >> VIRQ_##name##_SHIFT)

static unsigned num_mvm(const virq_params_t *p)
{
    return p->num_func * p->num_cpu;
}

int route_alloc(route_q_t *r, const virq_params_t *p)
{
    memset(r, 0, sizeof *r);
    r->prs = calloc(p->num_prs, sizeof *r->prs);
    r->mvm = calloc(num_mvm(p), sizeof *r->mvm);
    r->fcfg = calloc(p->num_func, sizeof *r->fcfg);
    r->fdef = calloc(p->num_func, sizeof *r->fdef);
    return (r->prs && r->mvm && r->fcfg && r->fdef) ? 0 : -1;
}

void route_free(route_q_t *r)
{
    free(r->prs);
    free(r->mvm);
    free(r->fcfg);
    free(r->fdef);
}

void route_reset(route_q_t *r, const virq_params_t *p)
{
    route_q_t keep = *r;
    memset(keep.prs, 0, p->num_prs * sizeof *keep.prs);
    memset(keep.mvm, 0, num_mvm(p) * sizeof *keep.mvm);
    memset(keep.fcfg, 0, p->num_func * sizeof *keep.fcfg);
    memset(keep.fdef, 0, p->num_func * sizeof *keep.fdef);
    *r = (route_q_t){.prs = keep.prs, .mvm = keep.mvm, .fcfg = keep.fcfg, .fdef = keep.fdef};
}

/* ---- register decode ---- */
enum { R_NONE, R_PARAMS2, R_CTRL, R_CMD, R_LAST, R_LAST_INFO, R_KEY, R_FCFG, R_FDEF, R_PRS, R_MVM };

bool route_in_region(uint32_t a)
{
    return (a >= VIRQ_PARAMS2_OFFSET && a < VIRQ_RSS_KEY_BASE + 10u * VIRQ_RSS_KEY_STRIDE) ||
           (a >= VIRQ_FUNC_BASE && a < VIRQ_FUNC_BASE + 0x80u) || (a >= VIRQ_PRS_BASE && a < VIRQ_FN_WIN_BASE);
}

static int decode(const virq_params_t *p, uint32_t a, unsigned *idx)
{
    *idx = 0;
    switch (a) {
    case VIRQ_PARAMS2_OFFSET: return R_PARAMS2;
    case VIRQ_RSS_CTRL_OFFSET: return R_CTRL;
    case VIRQ_RSS_CMD_OFFSET: return R_CMD;
    case VIRQ_RSS_LAST_OFFSET: return R_LAST;
    case VIRQ_RSS_LAST_INFO_OFFSET: return R_LAST_INFO;
    default: break;
    }
    if (a >= VIRQ_RSS_KEY_BASE && a < VIRQ_RSS_KEY_BASE + 10u * VIRQ_RSS_KEY_STRIDE) {
        *idx = (a - VIRQ_RSS_KEY_BASE) / VIRQ_RSS_KEY_STRIDE;
        return R_KEY;
    }
    if (a >= VIRQ_FUNC_BASE && a < VIRQ_FUNC_BASE + p->num_func * VIRQ_FUNC_STRIDE) {
        *idx = (a - VIRQ_FUNC_BASE) / VIRQ_FUNC_STRIDE;
        return ((a - VIRQ_FUNC_BASE) % VIRQ_FUNC_STRIDE) == VIRQ_FUNC_RSS_CFG_OFF ? R_FCFG : R_FDEF;
    }
    if (a >= VIRQ_PRS_BASE && a < VIRQ_PRS_BASE + p->num_prs * VIRQ_PRS_STRIDE) {
        *idx = (a - VIRQ_PRS_BASE) / VIRQ_PRS_STRIDE;
        return R_PRS;
    }
    if (a >= VIRQ_MVM_BASE && a < VIRQ_MVM_BASE + num_mvm(p) * VIRQ_MVM_STRIDE) {
        *idx = (a - VIRQ_MVM_BASE) / VIRQ_MVM_STRIDE;
        return R_MVM;
    }
    return R_NONE;
}

unsigned route_wresp(const route_q_t *r, const virq_params_t *p, uint32_t a, uint32_t d)
{
    (void)r;
    unsigned idx;
    switch (decode(p, a, &idx)) {
    case R_PARAMS2:
    case R_LAST:
    case R_LAST_INFO: return VIRQ_RESP_SLVERR;
    case R_CTRL: return (d & ~VIRQ_RSS_CTRL_WMASK) ? VIRQ_RESP_SLVERR : VIRQ_RESP_OKAY;
    case R_CMD: return (d & ~VIRQ_RSS_CMD_WMASK) ? VIRQ_RESP_SLVERR : VIRQ_RESP_OKAY;
    case R_KEY: return VIRQ_RESP_OKAY;
    case R_FCFG:
        if (d & ~VIRQ_FUNC_RSS_CFG_WMASK)
            return VIRQ_RESP_SLVERR;
        return FIELD(d, FUNC_RSS_CFG_BASE) + FIELD(d, FUNC_RSS_CFG_MASK) >= p->num_prs ? VIRQ_RESP_SLVERR
                                                                                       : VIRQ_RESP_OKAY;
    case R_FDEF:
        if ((d & ~VIRQ_FUNC_DEF_WMASK) || FIELD(d, FUNC_DEF_CPU) >= p->num_cpu || FIELD(d, FUNC_DEF_EQ) >= p->num_eq)
            return VIRQ_RESP_SLVERR;
        return VIRQ_RESP_OKAY;
    case R_PRS:
        if ((d & ~VIRQ_PRS_ENTRY_WMASK) || FIELD(d, PRS_ENTRY_CPU) >= p->num_cpu ||
            FIELD(d, PRS_ENTRY_EQ) >= p->num_eq)
            return VIRQ_RESP_SLVERR;
        return VIRQ_RESP_OKAY;
    case R_MVM:
        if ((d & ~VIRQ_MVM_ENTRY_WMASK) || FIELD(d, MVM_ENTRY_EQ) >= p->num_eq || FIELD(d, MVM_ENTRY_VEC) >= p->num_vec)
            return VIRQ_RESP_SLVERR;
        return VIRQ_RESP_OKAY;
    default: return VIRQ_RESP_DECERR;
    }
}

unsigned route_read(const route_q_t *r, const virq_params_t *p, uint32_t a, uint32_t *d)
{
    unsigned idx;
    *d = 0;
    switch (decode(p, a, &idx)) {
    case R_PARAMS2:
        *d = (p->num_prs << VIRQ_PARAMS2_NUM_PRS_SHIFT) | (p->num_cpu << VIRQ_PARAMS2_NUM_CPU_SHIFT);
        break;
    case R_CTRL: *d = r->ctrl; break;
    case R_CMD: break;
    case R_LAST: *d = r->last_hash; break;
    case R_LAST_INFO: *d = r->last_info; break;
    case R_KEY: *d = r->key_sh[idx]; break;
    case R_FCFG: *d = r->fcfg[idx]; break;
    case R_FDEF: *d = r->fdef[idx]; break;
    case R_PRS: *d = r->prs[idx]; break;
    case R_MVM: *d = r->mvm[idx]; break;
    default: return VIRQ_RESP_DECERR;
    }
    return VIRQ_RESP_OKAY;
}

/* ---- event path ---- */
void route_eq_in(const route_q_t *r, eq_in_t *e)
{
    const rt_out_t *o = &r->w;
    e->evt_valid = o->e.valid;
    e->evt_func = o->e.func;
    e->evt_eq = o->e.eq;
    e->evt_code = o->e.code;
    e->evt_param = o->e.param;
    e->evt_sys = o->e.kind == RT_GLOBAL;
    e->evt_setvec = o->setvec;
    e->evt_vec = o->vec;
    e->evt_legacy = o->legacy;
}

bool route_ce(const route_q_t *r)
{
    return !r->k_full;
}

/* Hash type actually used for an event of type t with the enables en:
 * t itself, else the 2-tuple type of its IP version, else 0 (not hashed). */
static uint8_t eff_htype(unsigned t, unsigned en)
{
    if (t < 1 || t > 6)
        return 0;
    if (en >> (t - 1) & 1u)
        return (uint8_t)t;
    unsigned base = t <= 3 ? 1u : 4u;
    return (t != base && (en >> (base - 1) & 1u)) ? (uint8_t)base : 0;
}

static size_t htype_len(unsigned t)
{
    static const uint8_t len[8] = {0, 8, 12, 12, 32, 36, 36, 0};
    return len[t & 7u];
}

void route_comb(const route_q_t *r, const virq_in_t *in, bool ce, bool lev_valid, uint32_t lev_param,
                route_comb_t *c)
{
    memset(c, 0, sizeof *c);
    for (unsigned k = 0; k < VIRQ_NUM_GEV; k++) {
        if (r->gev_pend[k] != 0) {
            c->gev_any = true;
            c->gev_k = k;
            break;
        }
    }
    /* global events first, then the lease-expired events, then the stream */
    c->inject = c->gev_any || lev_valid;
    c->lev_ready = ce && !c->gev_any;
    c->lev_param = lev_param & 0xFFFFFFu;
    c->accept = ce && !c->inject && (in->s_evt_valid_i & 1u);
    c->htype = eff_htype((unsigned)(in->s_evt_htype_i & 7u), FIELD(r->ctrl, RSS_CTRL_HTYPE_EN));
}

/* p's result: the MVM lookup (the tables before this edge's write) */
static rt_out_t mvm_lookup(const route_q_t *r, const virq_params_t *p)
{
    const rt_evt_t *pe = &r->p;
    rt_out_t d = {.e = *pe};
    if (pe->kind == RT_GLOBAL) {
        d.e.func = 0;
        d.e.eq = 0;
    } else if (pe->kind != RT_DIRECT) {
        if (FIELD(r->ctrl, RSS_CTRL_MVM_MODE) == 0) {
            uint32_t e = r->mvm[pe->func * p->num_cpu + r->p_cpu];
            d.e.eq = (uint8_t)FIELD(e, MVM_ENTRY_EQ);
            d.vec = (uint8_t)FIELD(e, MVM_ENTRY_VEC);
            d.legacy = !FIELD(e, MVM_ENTRY_VEC_VALID);
            d.setvec = true;
        } else {
            d.e.eq = r->p_eq;
        }
    }
    return d;
}

void route_out(route_q_t *r, const virq_params_t *p, bool m_ready)
{
    /* w loads when free or taken: from the skid if it is in use, else from
     * o; the skid loads o's event at every edge with ce, and is in use from
     * an edge where w's event is refused to the edge where it is taken; o
     * loads p's result (the MVM lookup) at every edge with ce */
    bool ce = !r->k_full;
    bool w_take = !r->w.e.valid || m_ready;
    bool k_full = r->w.e.valid && !m_ready;
    if (ce)
        r->k = r->o;
    if (w_take)
        r->w = r->k;
    if (ce)
        r->o = mvm_lookup(r, p);
    r->k_full = k_full;
}

void route_commit(route_q_t *r, const virq_params_t *p, const virq_in_t *in, bool ce, const route_comb_t *c,
                  bool w_ok, uint32_t waddr, uint32_t wdata)
{
    /* global event counts: each cycle gev_i[k] is 1 is one event; one that
     * would take a count past 65 535 is lost and counted (saturating) */
    for (unsigned k = 0; k < VIRQ_NUM_GEV; k++) {
        int v = r->gev_pend[k] + (int)((in->gev_i >> k) & 1u) - (int)(ce && c->gev_any && c->gev_k == k);
        if (v > 0xFFFF) {
            v = 0xFFFF;
            if (r->gev_lost != UINT32_MAX)
                r->gev_lost++;
        }
        r->gev_pend[k] = (uint16_t)v;
    }
    if (ce) {
        /* (p -> the skid and o: route_out, at the same edge) */
        /* i -> p: the PRS entry at the registered index (the table before
         * this edge's write) or the function's defaults */
        const rt_evt_t *ie = &r->i;
        r->p = *ie;
        r->p_hash = r->i_hash;
        if (ie->valid && ie->kind == RT_HASHED) {
            uint16_t e = r->prs[r->i_idx];
            r->p_cpu = (uint8_t)(e & 0xFFu);
            r->p_eq = (uint8_t)(e >> 8);
            r->last_hash = r->i_hash;
            r->last_info = ((uint32_t)ie->htype << VIRQ_RSS_LAST_INFO_HTYPE_SHIFT) |
                           ((uint32_t)r->p_cpu << VIRQ_RSS_LAST_INFO_CPU_SHIFT) |
                           ((uint32_t)ie->func << VIRQ_RSS_LAST_INFO_FUNC_SHIFT) |
                           ((uint32_t)r->i_idx << VIRQ_RSS_LAST_INFO_IDX_SHIFT);
        } else if (ie->valid && ie->kind == RT_DEFAULT) {
            uint32_t d = r->fdef[ie->func];
            r->p_cpu = (uint8_t)FIELD(d, FUNC_DEF_CPU);
            r->p_eq = (uint8_t)FIELD(d, FUNC_DEF_EQ);
        }
        /* s2 -> i: the PRS index, from the function's RSS_CFG of this edge */
        const rt_evt_t *s = &r->s2;
        r->i = *s;
        r->i_hash = r->h2;
        if (s->valid && s->kind == RT_HASHED) {
            uint32_t cfg = r->fcfg[s->func];
            r->i_idx = (uint16_t)(FIELD(cfg, FUNC_RSS_CFG_BASE) + (r->h2 & FIELD(cfg, FUNC_RSS_CFG_MASK)));
        }
        /* s1 -> s2 */
        r->s2 = r->s1;
        if (r->s1.valid)
            r->h2 = r->h1;
        /* accept -> s1: hash with the key committed before this edge */
        rt_evt_t n = {0};
        if (c->gev_any) {
            n = (rt_evt_t){.valid = true, .kind = RT_GLOBAL, .code = (uint8_t)(VIRQ_EVT_CODE_GLOBAL + c->gev_k)};
        } else if (c->inject) {
            n = (rt_evt_t){.valid = true, .kind = RT_GLOBAL, .code = VIRQ_EVT_CODE_LEASE_EXPIRED,
                           .param = c->lev_param};
        } else if (c->accept) {
            unsigned f = (unsigned)(in->s_evt_func_i & 0xFu), t = (unsigned)(in->s_evt_htype_i & 7u);
            n = (rt_evt_t){.valid = true,
                           .func = (uint8_t)f,
                           .eq = (uint8_t)(in->s_evt_eq_i & 0xFFu),
                           .code = (uint8_t)(in->s_evt_code_i & 0xFFu),
                           .param = (uint32_t)(in->s_evt_param_i & 0xFFFFFFu),
                           .htype = c->htype};
            /* an event of a function the instance lacks keeps its queue
             * number and is refused by the writer's owner check */
            n.kind = (t == VIRQ_HTYPE_DIRECT || f >= p->num_func) ? RT_DIRECT : c->htype ? RT_HASHED : RT_DEFAULT;
            if (n.kind != RT_HASHED)
                n.htype = 0;
        }
        r->s1 = n;
        if (n.valid) {
            r->h1 = 0;
            if (n.kind == RT_HASHED) { /* the key bytes only for a hashed event */
                uint8_t key[VIRQ_TOEPLITZ_KEY_BYTES];
                virq_toeplitz_regs_to_key(r->key, key);
                r->h1 = virq_toeplitz(key, sizeof key, in->s_evt_tuple_i, htype_len(n.htype));
            }
        }
    }
    /* register write */
    if (w_ok) {
        unsigned idx;
        switch (decode(p, waddr, &idx)) {
        case R_CTRL: r->ctrl = wdata; break;
        case R_CMD:
            if (wdata & VIRQ_RSS_CMD_COMMIT_MASK)
                memcpy(r->key, r->key_sh, sizeof r->key);
            break;
        case R_KEY: r->key_sh[idx] = wdata; break;
        case R_FCFG: r->fcfg[idx] = wdata; break;
        case R_FDEF: r->fdef[idx] = wdata; break;
        case R_PRS: r->prs[idx] = (uint16_t)wdata; break;
        case R_MVM: r->mvm[idx] = wdata; break;
        default: break;
        }
    }
}

/* An event in the pipeline: its kind and the fields that kind carries
 * (route_commit's accept: a hashed or default-routed event is of an
 * existing function, only a hashed one has a hash type; the engine's own
 * events name function 0, queue 0) */
static bool evt_ok(const rt_evt_t *e, const virq_params_t *p)
{
    if (!bool_ok(&e->valid) || e->param > 0xFFFFFFu || e->func > 0xFu)
        return false;
    switch (e->kind) {
    case RT_DIRECT: return e->htype == 0;
    case RT_HASHED: return e->func < p->num_func && e->htype >= 1 && e->htype <= 6;
    case RT_DEFAULT: return e->func < p->num_func && e->htype == 0;
    case RT_GLOBAL: return e->htype == 0 && e->func == 0 && e->eq == 0;
    default: return false;
    }
}

static bool out_ok(const rt_out_t *o, const virq_params_t *p)
{
    return evt_ok(&o->e, p) && bool_ok(&o->setvec) && bool_ok(&o->legacy) && o->vec < p->num_vec;
}

bool route_table_ok(const virq_params_t *p, uint32_t addr, uint32_t v)
{
    return route_wresp(NULL, p, addr, v) == VIRQ_RESP_OKAY;
}

bool route_state_ok(const route_q_t *r, const virq_params_t *p)
{
    const rt_evt_t *ev[] = {&r->s1, &r->s2, &r->i, &r->p};
    for (unsigned k = 0; k < sizeof ev / sizeof ev[0]; k++)
        if (!evt_ok(ev[k], p))
            return false;
    if (!out_ok(&r->o, p) || !out_ok(&r->w, p) || !out_ok(&r->k, p) || !bool_ok(&r->k_full))
        return false;
    uint32_t li = r->last_info;
    const uint32_t li_mask = VIRQ_RSS_LAST_INFO_HTYPE_MASK | VIRQ_RSS_LAST_INFO_CPU_MASK |
                             VIRQ_RSS_LAST_INFO_FUNC_MASK | VIRQ_RSS_LAST_INFO_IDX_MASK;
    /* the PRS index and the entry read at it (or the function's defaults),
     * RSS_LAST_INFO as a hashed event's stage P writes it */
    return route_table_ok(p, VIRQ_RSS_CTRL_OFFSET, r->ctrl) && r->i_idx < p->num_prs && r->p_cpu < p->num_cpu &&
           r->p_eq < p->num_eq && (li & ~li_mask) == 0 && FIELD(li, RSS_LAST_INFO_HTYPE) <= 6 &&
           FIELD(li, RSS_LAST_INFO_CPU) < p->num_cpu && FIELD(li, RSS_LAST_INFO_FUNC) < p->num_func &&
           FIELD(li, RSS_LAST_INFO_IDX) < p->num_prs;
}
