/* Model of rtl/virq_top.v and rtl/virq_axil_slave.v: the register front end,
 * global registers and the cycle API of libvirq. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq_internal.h"

void virq_params_default(virq_params_t *p)
{
    if (p == NULL)
        return;
    p->num_vec = VIRQ_DEFAULT_NUM_VEC;
    p->num_eq = VIRQ_DEFAULT_NUM_EQ;
    p->num_func = VIRQ_DEFAULT_NUM_FUNC;
    p->eq_max_log2 = VIRQ_DEFAULT_EQ_MAX_LOG2;
    p->addr_w = VIRQ_DEFAULT_ADDR_W;
    p->num_prs = VIRQ_DEFAULT_NUM_PRS;
    p->num_cpu = VIRQ_DEFAULT_NUM_CPU;
}

int virq_params_check(const virq_params_t *p, char *err, size_t errlen)
{
    const char *why = NULL;
    char buf[128];
    if (p == NULL) {
        why = "no parameters given";
    } else if (p->num_vec < 1 || p->num_vec > 64) {
        snprintf(buf, sizeof buf, "num_vec must be 1..64, got %u", p->num_vec);
        why = buf;
    } else if (p->num_eq < 1 || p->num_eq > 256) {
        snprintf(buf, sizeof buf, "num_eq must be 1..256, got %u", p->num_eq);
        why = buf;
    } else if (p->num_func < 1 || p->num_func > 16) {
        snprintf(buf, sizeof buf, "num_func must be 1..16, got %u", p->num_func);
        why = buf;
    } else if (p->eq_max_log2 < 1 || p->eq_max_log2 > 16) {
        snprintf(buf, sizeof buf, "eq_max_log2 must be 1..16, got %u", p->eq_max_log2);
        why = buf;
    } else if (p->addr_w < 17 || p->addr_w > 32) {
        snprintf(buf, sizeof buf, "addr_w must be 17..32 (function windows start at 0x10000), got %u", p->addr_w);
        why = buf;
    } else if (p->num_prs < 1 || p->num_prs > 2048) {
        snprintf(buf, sizeof buf, "num_prs must be 1..2048, got %u", p->num_prs);
        why = buf;
    } else if (p->num_cpu < 1 || p->num_cpu > 64) {
        /* with num_func <= 16 the MVM has at most 1 024 entries (0x7000-0x7FFF) */
        snprintf(buf, sizeof buf, "num_cpu must be 1..64, got %u", p->num_cpu);
        why = buf;
    }
    if (why == NULL)
        return 0;
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "%s", why);
    return -1;
}

unsigned virq_port_width(const virq_params_t *p, int w)
{
    if (p == NULL)
        return 0;
    switch (w) {
    case VIRQ_W_ADDR: return p->addr_w;
    case VIRQ_W_NVEC: return p->num_vec;
    default: return w < 0 ? 0 : (unsigned)w;
    }
}

const char *virq_version(void)
{
    return VIRQ_VERSION_STRING;
}

int virq_abi_version(void)
{
    return VIRQ_ABI_VERSION;
}

static void reset_state(virq_t *m);

virq_t *virq_create(const virq_params_t *p)
{
    if (virq_params_check(p, NULL, 0) != 0) {
        errno = EINVAL;
        return NULL;
    }
    virq_t *m = calloc(1, sizeof *m);
    if (m == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    m->p = *p;
    m->units = calloc(p->num_vec, sizeof *m->units);
    m->eq.ctx = calloc(p->num_eq, sizeof *m->eq.ctx);
    if (route_alloc(&m->rt, p) != 0 || m->units == NULL || m->eq.ctx == NULL) {
        virq_destroy(m);
        errno = ENOMEM;
        return NULL;
    }
    reset_state(m);
    m->rst_q = true; /* out of reset, in the reset state */
    return m;
}

void virq_destroy(virq_t *m)
{
    if (m == NULL)
        return;
    free(m->snap);
    free(m->units);
    free(m->eq.ctx);
    route_free(&m->rt);
    free(m);
}

const virq_params_t *virq_params(const virq_t *m)
{
    return m == NULL ? NULL : &m->p;
}

uint64_t virq_cycle(const virq_t *m)
{
    return m == NULL ? 0 : m->cycle;
}

/* Bring unit i's bits of the derived per-unit masks (struct virq) up to
 * date with the unit's state u. */
static void unit_bits_of(virq_t *m, const mod_unit_q_t *u, unsigned i)
{
    uint64_t b = 1ull << i;
    m->u_fire = (m->u_fire & ~b) | (mod_unit_fire(u) ? b : 0);
    m->u_guest = (m->u_guest & ~b) | (u->guest_irq ? b : 0);
    m->u_wake = (m->u_wake & ~b) | (u->wake_irq ? b : 0);
    m->u_busy = (m->u_busy & ~b) | (u->flag || u->guest_irq || u->wake_irq ? b : 0);
    m->u_cnt = (m->u_cnt & ~b) | (u->lat_cnt != 0 || u->ovf_cnt != 0 ? b : 0);
}

/* the same with units[i]; called after every change of a unit */
static void unit_bits(virq_t *m, unsigned i)
{
    unit_bits_of(m, &m->units[i], i);
}

/* virq_reset without the argument check (create, the reset edge) */
static void reset_state(virq_t *m)
{
    m->axil = (axil_q_t){0};
    m->scratch = VIRQ_SCRATCH_RESET;
    m->err_cnt = 0;
    m->err_info = 0;
    tick_reset(&m->tick);
    eq_reset(&m->eq, m->p.num_eq);
    route_reset(&m->rt, &m->p);
    msix_reset(&m->mx);
    m->u_fire = m->u_guest = m->u_wake = m->u_busy = m->u_cnt = 0;
    m->eq_evt_q = m->fire_q = 0;
    for (unsigned i = 0; i < m->p.num_vec; i++) {
        mod_unit_reset(&m->units[i]);
        unit_bits(m, i);
    }
    m->modw.ok = false;
    memset(&m->errp, 0, sizeof m->errp); /* refusals not yet counted are lost */
}

int virq_reset(virq_t *m)
{
    if (m == NULL)
        return -1;
    reset_state(m);
    return 0;
}

static uint64_t mask_bits(unsigned w)
{
    return w >= 64 ? ~0ull : ((1ull << w) - 1);
}

/* The combinational decisions of one cycle (the always @* blocks of
 * virq_top.v and of the blocks below it). */
typedef struct top_comb {
    bool wr_hs, rd_hs;
    bool wdec;                   /* the write registered at its handshake is decided */
    bool rans;                   /* the read registered at its handshake is answered */
    uint32_t waddr_in, raddr_in; /* as on the bus, of the write decided and the read answered */
    uint32_t waddr, raddr;       /* after the function-window translation */
    bool w_fn_ok, r_fn_ok;
    unsigned w_fn, r_fn;
    bool tick, tick_next;        /* tick_next: virq_tick's lookahead */
    uint32_t leg;                /* eq intx_o */
    bool lev_valid;
    uint32_t lev_param;
    uint32_t wdata;
    unsigned wresp, rresp;
    uint32_t rdata;
    eq_in_t eqi;
    eq_comb_t eqc;
    route_comb_t rtc;
    bool ce;
    uint64_t mod_evt;
    bool out_ok;                 /* rst_ni high and no reset cycle: valids may show */
} top_comb_t;

/* Address regions of a (translated) address, checked in this order:
 * delivery (its PF registers and the function windows), event queues,
 * routing, moderation units; the rest of the global block in top. */
static bool in_eq(uint32_t a)
{
    return (a >= VIRQ_EQ_DB_BASE && a < VIRQ_EQ_DB_BASE + 0x40u) || (a >= VIRQ_EQ_BASE && a < VIRQ_PRS_BASE);
}

/* Function windows (virq_top.v): FN_DB goes to EQ_DB[f], FN_MOD[v] to
 * MOD[v] if the function owns v (and, for a write, v's lease does not end at
 * this edge).  Returns the translated address; *pre is the response decided
 * here (0 if none), *fn_ok / *fn say whether the access is in an existing
 * function's window. */
static uint32_t xlate(const virq_t *m, uint32_t a, bool write, bool tick, bool tick_next, unsigned *pre, bool *fn_ok,
                      unsigned *fn)
{
    *pre = 0;
    *fn = (a >> 12) & 0xFu;
    *fn_ok = (a >> 16) == 1u && *fn < m->p.num_func;
    if (!*fn_ok)
        return a;
    uint32_t off = a & 0xFFFu;
    if (off == VIRQ_FN_DB_OFFSET)
        return VIRQ_EQ_DB_BASE + 4u * *fn;
    if (off < VIRQ_FN_MOD_BASE)
        return a;
    unsigned v = (off >> 5) & 0x3Fu;
    if (v >= m->p.num_vec)
        *pre = VIRQ_RESP_DECERR;
    else if (m->mx.own[v] != *fn || (write && msix_busy(&m->mx, tick, tick_next, v)))
        *pre = VIRQ_RESP_SLVERR;
    return VIRQ_MOD_BASE + (off - VIRQ_FN_MOD_BASE);
}

static bool in_mod(uint32_t a)
{
    return a >= VIRQ_MOD_BASE && a < VIRQ_FUNC_BASE;
}

/* Write response of the global registers and the moderation array. */
static unsigned glob_mod_wresp(const virq_t *m, bool tick, bool tick_next, uint32_t addr, uint32_t data)
{
    unsigned idx;
    mod_unit_wr_t wr;
    if (msix_in_region(addr))
        return msix_wresp(&m->mx, &m->p, tick, tick_next, addr, data);
    if (route_in_region(addr))
        return route_wresp(&m->rt, &m->p, addr, data);
    if (in_mod(addr))
        return mod_decode_write(m->p.num_vec, addr, data, &idx, &wr);
    switch (addr) {
    case VIRQ_SCRATCH_OFFSET: return VIRQ_RESP_OKAY;
    case VIRQ_TICK_DIV_OFFSET: return (data & ~VIRQ_TICK_DIV_WMASK) ? VIRQ_RESP_SLVERR : VIRQ_RESP_OKAY;
    case VIRQ_ID_OFFSET:
    case VIRQ_VERSION_OFFSET:
    case VIRQ_FEATURES_OFFSET:
    case VIRQ_PARAMS0_OFFSET:
    case VIRQ_PARAMS1_OFFSET:
    case VIRQ_BUS_ERR_CNT_OFFSET:
    case VIRQ_BUS_ERR_INFO_OFFSET:
    case VIRQ_EVT_ERR_CNT_OFFSET:
    case VIRQ_EQ_OVF_CNT_OFFSET:
    case VIRQ_GEV_LOST_CNT_OFFSET: return VIRQ_RESP_SLVERR;
    default: return VIRQ_RESP_DECERR;
    }
}

static unsigned reg_read(const virq_t *m, uint32_t addr_in, uint32_t *data)
{
    *data = 0;
    if ((addr_in & 3u) != 0)
        return VIRQ_RESP_SLVERR;
    unsigned pre, fn;
    bool fn_ok;
    uint32_t addr = xlate(m, addr_in, false, false, false, &pre, &fn_ok, &fn);
    if (pre != 0)
        return pre;
    if (msix_in_region(addr))
        return msix_read(&m->mx, &m->p, eq_intx(&m->eq, &m->p), addr, data);
    if (in_eq(addr))
        return eq_read(&m->eq, &m->p, addr, data);
    if (route_in_region(addr))
        return route_read(&m->rt, &m->p, addr, data);
    if (in_mod(addr))
        return mod_read(m->units, m->p.num_vec, addr, data);
    switch (addr) {
    case VIRQ_ID_OFFSET: *data = VIRQ_ID_RESET; break;
    case VIRQ_VERSION_OFFSET: *data = VIRQ_VERSION_RESET; break;
    case VIRQ_FEATURES_OFFSET: *data = VIRQ_FEATURES_RESET; break;
    case VIRQ_PARAMS0_OFFSET:
        *data = (m->p.num_vec << VIRQ_PARAMS0_NUM_VEC_SHIFT) | (m->p.num_eq << VIRQ_PARAMS0_NUM_EQ_SHIFT);
        break;
    case VIRQ_PARAMS1_OFFSET:
        *data = (m->p.num_func << VIRQ_PARAMS1_NUM_FUNC_SHIFT) | (m->p.eq_max_log2 << VIRQ_PARAMS1_EQ_MAX_LOG2_SHIFT);
        break;
    case VIRQ_SCRATCH_OFFSET: *data = m->scratch; break;
    case VIRQ_BUS_ERR_CNT_OFFSET: *data = m->err_cnt; break;
    case VIRQ_BUS_ERR_INFO_OFFSET: *data = m->err_info; break;
    case VIRQ_TICK_DIV_OFFSET: *data = m->tick.div; break;
    case VIRQ_EVT_ERR_CNT_OFFSET: *data = m->eq.evt_err; break;
    case VIRQ_EQ_OVF_CNT_OFFSET: *data = m->eq.ovf_cnt; break;
    case VIRQ_GEV_LOST_CNT_OFFSET: *data = m->rt.gev_lost; break;
    default: return VIRQ_RESP_DECERR;
    }
    return VIRQ_RESP_OKAY;
}

/* AR can be accepted: no read being answered or waiting for R, no write
 * being decided (virq_axil_slave.v) */
static bool ar_ok(const virq_t *m)
{
    return !m->axil.rvalid && !m->axil.rq_v && !m->axil.rpend && !m->axil.wq_v;
}

static void top_comb(const virq_t *m, const virq_in_t *in, top_comb_t *c)
{
    /* a write is registered at its handshake and decided in the next
     * cycle, from the registered request (virq_top.v "the write request");
     * a read likewise answered in the next cycle ("the read request") */
    c->out_ok = m->rst_q && (in->rst_ni & 1u);
    c->wdec = m->axil.wq_v;
    c->waddr_in = m->axil.wq_addr;
    c->rans = m->axil.rq_v;
    c->raddr_in = m->axil.rq_addr;
    c->wdata = m->axil.wq_data;
    c->wr_hs = (in->s_axil_awvalid_i & 1u) && (in->s_axil_wvalid_i & 1u) && !m->axil.bvalid && !m->axil.wq_v;
    c->rd_hs = (in->s_axil_arvalid_i & 1u) && ar_ok(m);
    c->tick = tick_out(&m->tick);
    c->tick_next = tick_out_next(&m->tick);
    bool w_aligned = (c->waddr_in & 3u) == 0 && m->axil.wq_strb == 0xFu;
    unsigned w_pre, r_pre;
    c->waddr = xlate(m, c->waddr_in, true, c->tick, c->tick_next, &w_pre, &c->w_fn_ok, &c->w_fn);
    c->raddr = xlate(m, c->raddr_in, false, c->tick, c->tick_next, &r_pre, &c->r_fn_ok, &c->r_fn);

    bool w_eq_region = !msix_in_region(c->waddr) && in_eq(c->waddr);
    c->eqi = (eq_in_t){
        .dma_ready = in->m_dma_ready_i & 1u,
        .mod_fire = m->fire_q, /* virq_top's mod_fire_q */
        .wr_en = c->wdec && w_aligned && w_eq_region,
        .wr_addr = c->waddr,
        .wr_data = c->wdata,
    };
    route_eq_in(&m->rt, &c->eqi);
    eq_comb(&m->eq, &m->p, &c->eqi, &c->eqc);
    c->mod_evt = eq_mod_evt(&m->eq, &m->p, m->fire_q);
    c->leg = eq_intx(&m->eq, &m->p);
    msix_lev(&m->mx, &c->lev_valid, &c->lev_param);
    /* the route pipeline advances when its skid is empty */
    c->ce = route_ce(&m->rt);
    route_comb(&m->rt, in, c->ce, c->lev_valid, c->lev_param, &c->rtc);

    /* The responses and the read data are used only in a write's decision
     * cycle or a read's answer cycle (virq_step: under wdec / rans), so
     * they are decoded only then; otherwise they are OKAY and 0, never
     * looked at. */
    c->wresp = VIRQ_RESP_OKAY;
    c->rresp = VIRQ_RESP_OKAY;
    c->rdata = 0;
    if (c->wdec) {
        if (!w_aligned)
            c->wresp = VIRQ_RESP_SLVERR;
        else if (w_pre != 0)
            c->wresp = w_pre;
        else if (w_eq_region)
            c->wresp = c->eqc.wr_resp;
        else
            c->wresp = glob_mod_wresp(m, c->tick, c->tick_next, c->waddr, c->wdata);
    }
    if (c->rans)
        c->rresp = reg_read(m, c->raddr_in, &c->rdata);
}

static uint32_t err_info(bool write, unsigned resp, uint32_t addr)
{
    return (write ? VIRQ_BUS_ERR_INFO_WRITE_MASK : 0) | ((uint32_t)resp << VIRQ_BUS_ERR_INFO_RESP_SHIFT) |
           (addr & VIRQ_BUS_ERR_INFO_ADDR_MASK);
}

/* BUS_ERR_CNT += n, saturating */
static void err_cnt_add(virq_t *m, unsigned n)
{
    uint64_t sum = (uint64_t)m->err_cnt + n;
    m->err_cnt = sum > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)sum;
}

static err_ref_t err_ref(bool err, bool write, unsigned resp, uint32_t addr, bool fn_ok, unsigned fn)
{
    return (err_ref_t){.on = err, .fn = err && fn_ok, .f = fn, .info = err_info(write, resp, addr)};
}

/* Error accounting (virq_top.v): the refused write of the previous cycle
 * and read of the one before are counted at this edge (saturating;
 * BUS_ERR_INFO: the later refusal, the write where a write and a read were
 * refused in the same cycle), and this cycle's write w and read r0 become
 * the pending ones (a read one edge later).  *fw / *fr: the write and read
 * counted here, whose function counts (FN_CTL[f].ERR_CNT) the caller makes
 * at the same edge. */
static void account_errors(virq_t *m, err_ref_t w, err_ref_t r0, err_ref_t *fw, err_ref_t *fr)
{
    *fw = m->errp.w;
    *fr = m->errp.r;
    err_cnt_add(m, (unsigned)m->errp.w.on + m->errp.r.on);
    if (m->errp.w.on)
        m->err_info = m->errp.w.info;
    else if (m->errp.r.on && !m->errp.rtie)
        m->err_info = m->errp.r.info;
    m->errp.rtie = m->errp.w.on;
    m->errp.r = m->errp.r0;
    m->errp.r0 = r0;
    m->errp.w = w;
}

/* A write into the global registers or the moderation array that is
 * accepted this cycle; the units' next state is computed with it. */
static void commit_units(virq_t *m, bool tick, uint64_t evt, bool w_ok, uint32_t waddr, uint32_t wdata)
{
    /* a unit write takes effect one edge after its acceptance
     * (virq_moderation's registered accept) */
    bool uw = m->modw.ok;
    unsigned idx = m->modw.idx;
    mod_unit_wr_t mw = m->modw.wr;
    m->modw.ok = w_ok && in_mod(waddr) && !msix_in_region(waddr);
    if (m->modw.ok)
        (void)mod_decode_write(m->p.num_vec, waddr, wdata, &m->modw.idx, &m->modw.wr);
    static const mod_unit_wr_t none = {0};
    /* each unit's next state depends on that unit only: update in place.
     * A quiet unit (no flag, no interrupt output, no event, no write, and
     * no counter that this tick decrements) keeps its state: mod_unit_next
     * would return it unchanged, so it is skipped (most units, most cycles).
     * The others are the set bits of `need' (from the derived per-unit
     * bits, before any unit changes), in ascending order. */
    uint64_t need = evt | m->u_busy | (tick ? m->u_cnt : 0);
    if (uw)
        need |= 1ull << idx;
    need &= mask_bits(m->p.num_vec);
    while (need != 0) {
        unsigned i = (unsigned)__builtin_ctzll(need);
        need &= need - 1;
        mod_unit_q_t *u = &m->units[i];
        bool e = (evt >> i) & 1u, w = uw && i == idx;
        *u = mod_unit_next(u, tick, e, w ? &mw : &none);
        unit_bits(m, i);
    }
    bool w_glob = w_ok && waddr < VIRQ_MOD_BASE;
    m->tick = tick_next(&m->tick, w_glob && waddr == VIRQ_TICK_DIV_OFFSET, (uint16_t)wdata);
    if (w_glob && waddr == VIRQ_SCRATCH_OFFSET)
        m->scratch = wdata;
}

static void outputs(const virq_t *m, const top_comb_t *c, virq_out_t *out)
{
    /* no input handshake in a cycle whose edge resets the engine */
    out->s_axil_awready_o = c->wr_hs && m->rst_q;
    out->s_axil_wready_o = c->wr_hs && m->rst_q;
    out->s_axil_bresp_o = m->axil.bresp;
    /* no response or request valid while rst_ni is low or in the reset
     * cycle after it (AXI: low during reset); the reset edge that follows
     * clears whatever it would have shown */
    out->s_axil_bvalid_o = m->axil.bvalid && c->out_ok;
    out->s_axil_arready_o = ar_ok(m) && m->rst_q;
    out->s_axil_rdata_o = m->axil.rdata;
    out->s_axil_rresp_o = m->axil.rresp;
    out->s_axil_rvalid_o = m->axil.rvalid && c->out_ok;
    out->s_evt_ready_o = c->ce && !c->rtc.inject && m->rst_q;
    out->m_dma_valid_o = m->eq.out_valid && c->out_ok;
    out->m_dma_addr_o = m->eq.out_addr;
    out->m_dma_data_o = m->eq.out_data;
    out->m_dma_func_o = m->eq.out_func;
    out->guest_irq_o = m->u_guest;
    out->wake_irq_o = m->u_wake;
    out->m_msi_valid_o = m->mx.o_valid && c->out_ok;
    out->m_msi_addr_o = m->mx.o_addr;
    out->m_msi_data_o = m->mx.o_data;
    out->m_msi_func_o = m->mx.o_func;
    out->m_msi_vec_o = m->mx.o_vec;
    out->intx_o = msix_intx(&m->mx, c->leg);
}

int virq_eval(const virq_t *m, const virq_in_t *in, virq_out_t *out)
{
    if (m == NULL || in == NULL || out == NULL)
        return -1;
    top_comb_t c;
    top_comb(m, in, &c);
    outputs(m, &c, out);
    return 0;
}

/* The rising edge that ends a cycle whose decisions top_comb made. */
static void commit(virq_t *m, const virq_in_t *in, const top_comb_t *c)
{
    m->cycle++;
    /* virq_top's reset tree: rst_ni is registered, so rst_ni low in cycle c
     * resets the engine at the edge ending c + 1 */
    bool in_reset = !m->rst_q;
    m->rst_q = in->rst_ni & 1u;
    if (in_reset) {
        reset_state(m);
        return;
    }
    /* front end (virq_axil_slave.v) */
    axil_q_t a = m->axil;
    a.bvalid = m->axil.bvalid && !(in->s_axil_bready_i & 1u);
    if (c->wdec) {
        a.bvalid = true;
        a.bresp = (uint8_t)c->wresp;
    }
    a.wq_v = c->wr_hs;
    if (c->wr_hs) {
        a.wq_addr = (uint32_t)(in->s_axil_awaddr_i & mask_bits(m->p.addr_w));
        a.wq_data = (uint32_t)in->s_axil_wdata_i;
        a.wq_strb = (uint8_t)(in->s_axil_wstrb_i & 0xFu);
    }
    /* a read is registered at its handshake and answered from the state of
     * the next cycle; the answer is registered at that edge and goes onto R
     * one edge later */
    a.rvalid = m->axil.rvalid && !(in->s_axil_rready_i & 1u);
    a.rq_v = c->rd_hs;
    if (c->rd_hs)
        a.rq_addr = (uint32_t)(in->s_axil_araddr_i & mask_bits(m->p.addr_w));
    a.rpend = c->rans;
    if (c->rans) {
        a.rp_resp = (uint8_t)c->rresp;
        a.rp_data = c->rdata;
    }
    if (m->axil.rpend) {
        a.rvalid = true;
        a.rresp = m->axil.rp_resp;
        a.rdata = m->axil.rp_data;
    }
    bool tick = c->tick;
    bool w_ok = c->wdec && c->wresp == VIRQ_RESP_OKAY;
    bool w_err = c->wdec && c->wresp != VIRQ_RESP_OKAY, r_err = c->rans && c->rresp != VIRQ_RESP_OKAY;
    err_ref_t fw, fr; /* counted at this edge */
    account_errors(m, err_ref(w_err, true, c->wresp, c->waddr_in, c->w_fn_ok, c->w_fn),
                   err_ref(r_err, false, c->rresp, c->raddr_in, c->r_fn_ok, c->r_fn), &fw, &fr);
    bool w_mx = msix_in_region(c->waddr);
    bool w_rt = !w_mx && route_in_region(c->waddr);
    bool w_eq = !w_mx && in_eq(c->waddr);
    msix_in_t mi = {
        .tick = tick,
        .irq = m->u_guest, /* guest_irq_o: the units' guest interrupts, into delivery too */
        .leg = c->leg,
        .m_ready = in->m_msi_ready_i & 1u,
        .lev_take = c->lev_valid && c->rtc.lev_ready,
        .werr = fw.fn,
        .werr_fn = fw.f,
        .rerr = fr.fn,
        .rerr_fn = fr.f,
        .w_ok = w_ok && w_mx,
        .waddr = c->waddr,
        .wdata = c->wdata,
    };
    msix_commit(&m->mx, &m->p, &mi);
    /* the units take evt_i and virq_eq's signal of the previous cycle
     * (virq_top's eq_evt_q), masked in the cycle the unit fires and the
     * one after (virq_eq applies a firing one cycle later, from
     * mod_fire_q) */
    uint64_t evt = (in->evt_i | (m->eq_evt_q & ~m->u_fire & ~m->fire_q)) & mask_bits(m->p.num_vec);
    m->eq_evt_q = c->mod_evt;
    m->fire_q = m->u_fire;
    commit_units(m, tick, evt, w_ok && !w_eq && !w_rt && !w_mx, c->waddr, c->wdata);
    eq_commit(&m->eq, &m->p, &c->eqi, &c->eqc);
    route_out(&m->rt, &m->p, c->eqc.evt_ready);
    route_commit(&m->rt, &m->p, in, c->ce, &c->rtc, w_ok && w_rt, c->waddr, c->wdata);
    m->axil = a;
}

int virq_step(virq_t *m, const virq_in_t *in, virq_out_t *out)
{
    if (m == NULL || in == NULL)
        return -1;
    top_comb_t c;
    top_comb(m, in, &c);
    if (out != NULL)
        outputs(m, &c, out);
    commit(m, in, &c);
    return 0;
}

/* A refused access through function fn's window (zero-time helpers). */
static void count_fn_err(virq_t *m, bool fn_ok, unsigned fn)
{
    if (fn_ok && m->mx.ferr[fn] != 0xFFFFFFFFu)
        m->mx.ferr[fn]++;
}

/* Zero-time helpers: count the refusals still pending from the last cycles
 * first, so that the helper's own refusal is counted after them (and its
 * BUS_ERR_INFO is the one left), as the next edge would have. */
static void flush_errors(virq_t *m)
{
    for (int stage = 0; stage < 2; stage++) { /* a read's refusal waits two edges */
        err_ref_t fw, fr;
        account_errors(m, (err_ref_t){0}, (err_ref_t){0}, &fw, &fr);
        count_fn_err(m, fw.fn, fw.f);
        count_fn_err(m, fr.fn, fr.f);
    }
}

/* A refused zero-time access, counted at once. */
static void count_err_now(virq_t *m, uint32_t info)
{
    err_cnt_add(m, 1);
    m->err_info = info;
}

unsigned virq_reg_write(virq_t *m, uint32_t addr_in, uint32_t data)
{
    unsigned resp, pre, fn;
    bool fn_ok;
    if (m == NULL)
        return VIRQ_RESP_BADARG;
    flush_errors(m);
    uint32_t addr = xlate(m, addr_in, true, false, false, &pre, &fn_ok, &fn);
    if ((addr_in & 3u) != 0) {
        resp = VIRQ_RESP_SLVERR;
    } else if (pre != 0) {
        resp = pre;
    } else if (msix_in_region(addr)) {
        resp = msix_wresp(&m->mx, &m->p, false, false, addr, data);
        if (resp == VIRQ_RESP_OKAY) {
            /* the register effect alone: no interrupts, no message leaves */
            msix_in_t mi = {.leg = eq_intx(&m->eq, &m->p), .hold = true, .w_ok = true, .waddr = addr, .wdata = data};
            msix_commit(&m->mx, &m->p, &mi);
        }
    } else if (in_eq(addr)) {
        /* the register effect alone: no events, no DMA, no interrupts */
        eq_in_t ei = {.mod_fire = 0, .wr_en = true, .wr_addr = addr, .wr_data = data};
        eq_comb_t ec;
        eq_comb(&m->eq, &m->p, &ei, &ec);
        resp = ec.wr_resp;
        if (resp == VIRQ_RESP_OKAY) {
            eq_comb_writer_off(&ec);
            eq_commit(&m->eq, &m->p, &ei, &ec);
        }
    } else {
        resp = glob_mod_wresp(m, false, false, addr, data);
        if (resp == VIRQ_RESP_OKAY) {
            if (route_in_region(addr)) {
                static const virq_in_t idle = {0};
                route_comb_t rc = {0};
                route_commit(&m->rt, &m->p, &idle, false, &rc, true, addr, data);
            } else if (in_mod(addr)) {
                unsigned idx;
                mod_unit_wr_t wr;
                (void)mod_decode_write(m->p.num_vec, addr, data, &idx, &wr);
                mod_unit_q_t q = m->units[idx];
                mod_unit_apply_write(&m->units[idx], &q, &wr);
                unit_bits(m, idx);
            } else if (addr == VIRQ_TICK_DIV_OFFSET) {
                tick_apply_write(&m->tick, (uint16_t)data);
            } else if (addr == VIRQ_SCRATCH_OFFSET) {
                m->scratch = data;
            }
        }
    }
    if (resp != VIRQ_RESP_OKAY) {
        count_err_now(m, err_info(true, resp, addr_in));
        count_fn_err(m, fn_ok, fn);
    }
    return resp;
}

unsigned virq_reg_read(virq_t *m, uint32_t addr, uint32_t *data)
{
    if (m == NULL || data == NULL)
        return VIRQ_RESP_BADARG;
    flush_errors(m);
    unsigned resp = reg_read(m, addr, data);
    if (resp != VIRQ_RESP_OKAY) {
        count_err_now(m, err_info(false, resp, addr));
        count_fn_err(m, (addr >> 16) == 1u && ((addr >> 12) & 0xFu) < m->p.num_func, (addr >> 12) & 0xFu);
    }
    return resp;
}

/* ---- virq_run: cycles with held inputs, idle ones skipped ----------------
 *
 * The next state is a function of the state and the cycle's inputs in
 * which the time base's count (tick.cnt) enters only through tick_out
 * (cnt = 0) and tick_out_next (cnt = 1, or cnt = 0 and DIV = 0), and the
 * cycle count not at all.  So with the inputs held, every cycle with
 * cnt >= 2 makes the same transition from the same state.  A cycle that
 * leaves the state as it found it (but for cnt and the cycle count) and
 * decides no register write (which could load cnt) is a fixed point: the
 * cycles after it with cnt >= 2 are fixed points as well and need no
 * evaluation; a whole prescaler period of fixed points (a cycle of each
 * kind: cnt >= 2, 1, 0) makes every later cycle one.  Whether a cycle is a
 * fixed point is seen by copying the state before it and comparing after
 * it, bytes for bytes (padding included: a difference only there costs a
 * skip, never exactness). */

enum { SNAP_SPANS = 6 };

typedef struct {
    void *p;
    size_t n;
} span_t;

/* The state outside struct virq: what the instance's arrays hold. */
static void state_spans(const virq_t *m, span_t s[SNAP_SPANS])
{
    const virq_params_t *p = &m->p;
    s[0] = (span_t){m->units, p->num_vec * sizeof *m->units};
    s[1] = (span_t){m->eq.ctx, p->num_eq * sizeof *m->eq.ctx};
    s[2] = (span_t){m->rt.prs, p->num_prs * sizeof *m->rt.prs};
    s[3] = (span_t){m->rt.mvm, (size_t)p->num_func * p->num_cpu * sizeof *m->rt.mvm};
    s[4] = (span_t){m->rt.fcfg, p->num_func * sizeof *m->rt.fcfg};
    s[5] = (span_t){m->rt.fdef, p->num_func * sizeof *m->rt.fdef};
}

struct virq_snap {
    struct virq top;
    unsigned char arrays[]; /* the spans, one after the other */
};

static struct virq_snap *snap_get(virq_t *m)
{
    if (m->snap == NULL) {
        span_t s[SNAP_SPANS];
        size_t n = 0;
        state_spans(m, s);
        for (unsigned k = 0; k < SNAP_SPANS; k++)
            n += s[k].n;
        m->snap = malloc(sizeof *m->snap + n); /* NULL: no skipping, still exact */
    }
    return m->snap;
}

static void snap_take(const virq_t *m, struct virq_snap *sn)
{
    span_t s[SNAP_SPANS];
    unsigned char *b = sn->arrays;
    memcpy(&sn->top, m, sizeof *m);
    state_spans(m, s);
    for (unsigned k = 0; k < SNAP_SPANS; k++) {
        memcpy(b, s[k].p, s[k].n);
        b += s[k].n;
    }
}

/* The state equals the snapshot's but for the time base's count and the
 * cycle count, which moved by one edge without a write.  (The snapshot is
 * moved by that edge itself: it is not used again.) */
static bool snap_same(const virq_t *m, struct virq_snap *sn)
{
    span_t s[SNAP_SPANS];
    const unsigned char *b = sn->arrays;
    sn->top.tick = tick_next(&sn->top.tick, false, 0);
    sn->top.cycle++;
    if (memcmp(&sn->top, m, sizeof *m) != 0)
        return false;
    state_spans(m, s);
    for (unsigned k = 0; k < SNAP_SPANS; k++) {
        if (memcmp(b, s[k].p, s[k].n) != 0)
            return false;
        b += s[k].n;
    }
    return true;
}

/* The time base's count after n more edges without a write. */
static uint16_t tick_after(const tick_q_t *t, uint64_t n)
{
    uint64_t period = (uint64_t)t->div + 1u, pos = (uint64_t)(t->div - t->cnt); /* 0 at cnt = div */
    return (uint16_t)(t->div - (pos + n) % period);
}

/* a cycle that was not a fixed point is followed by this many evaluated
 * cycles before the next comparison (bounds the cost of comparing while
 * the engine is busy) */
#define RUN_RETRY 16u

uint64_t virq_run(virq_t *m, const virq_in_t *in, uint64_t max, virq_out_t *out)
{
    if (m == NULL || in == NULL)
        return 0;
    virq_out_t first, o;
    top_comb_t c;
    uint64_t n = 0, fixed = 0; /* fixed: consecutive fixed points just made */
    unsigned wait = 1;         /* no copy in the first cycle: a run stopped by its
                                  second cycle's outputs (a busy engine) costs what
                                  a virq_step does */
    struct virq_snap *sn = snap_get(m);
    while (n < max) {
        top_comb(m, in, &c);
        outputs(m, &c, n == 0 ? &first : &o);
        if (n > 0 && memcmp(&o, &first, sizeof o) != 0)
            break;
        if (fixed > m->tick.div) { /* a whole period: every later cycle too */
            m->tick.cnt = tick_after(&m->tick, max - n);
            m->cycle += max - n;
            n = max;
            break;
        }
        bool look = sn != NULL && !c.wdec && (fixed > 0 || wait == 0) && n + 1u < max;
        bool plain = !c.tick && !c.tick_next; /* cnt >= 2 */
        if (look)
            snap_take(m, sn);
        commit(m, in, &c);
        n++;
        if (look && snap_same(m, sn)) {
            fixed++;
            if (plain && m->tick.cnt >= 2) {
                /* the cycles with cnt = tick.cnt .. 2 are this one again */
                uint64_t k = m->tick.cnt - 1u;
                if (k > max - n)
                    k = max - n;
                m->tick.cnt = (uint16_t)(m->tick.cnt - k);
                m->cycle += k;
                n += k;
                fixed += k;
            }
        } else {
            fixed = 0;
            wait = look ? RUN_RETRY : (wait > 0 ? wait - 1 : 0);
        }
    }
    if (out != NULL && n > 0) {
        *out = first;
    } else if (out != NULL) { /* max 0: this cycle's outputs, as virq_eval */
        top_comb(m, in, &c);
        outputs(m, &c, out);
    }
    return n;
}

/* ---- checkpoints: virq_save / virq_restore -------------------------------
 *
 * A checkpoint is a header and the instance's state as it is in memory:
 * struct virq, then the spans of state_spans().  The pointers inside struct
 * virq are the saving instance's and are replaced by the restoring one's;
 * everything else is plain data.  So a checkpoint is good for an instance
 * of the same parameters in a program linked with the same libvirq (the
 * header holds the version, the build identity, the ABI and the sizes, and
 * a mismatch is refused), not across versions, builds or machines. */

#define CKPT_MAGIC "virqckpt"
#define CKPT_FORMAT 2u /* 2: the build identity */

/* The build identity: a hash of the model's sources, which the Makefile
 * passes (MODEL_ID); a build without it has "" and takes the checkpoints
 * of other such builds of the same version and layout. */
#ifndef VIRQ_MODEL_ID
#define VIRQ_MODEL_ID ""
#endif

typedef struct {
    char magic[8];
    uint32_t format, abi;
    char version[16];
    char build[24];
    uint32_t top_size, total; /* sizeof(struct virq), the whole checkpoint's bytes */
    virq_params_t p;
    uint32_t sum; /* FNV-1a of everything after the header: a damaged copy is refused */
} ckpt_hdr_t;

static uint32_t fnv1a(const unsigned char *b, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static size_t ckpt_size(const virq_t *m)
{
    span_t s[SNAP_SPANS];
    size_t n = sizeof(ckpt_hdr_t) + sizeof(struct virq);
    state_spans(m, s);
    for (unsigned k = 0; k < SNAP_SPANS; k++)
        n += s[k].n;
    return n;
}

static ckpt_hdr_t ckpt_hdr(const virq_t *m)
{
    ckpt_hdr_t h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, CKPT_MAGIC, sizeof h.magic);
    h.format = CKPT_FORMAT;
    h.abi = VIRQ_ABI_VERSION;
    snprintf(h.version, sizeof h.version, "%s", VIRQ_VERSION_STRING);
    snprintf(h.build, sizeof h.build, "%s", VIRQ_MODEL_ID);
    h.top_size = (uint32_t)sizeof(struct virq);
    h.total = (uint32_t)ckpt_size(m);
    h.p = m->p;
    return h;
}

size_t virq_save(const virq_t *m, void *buf, size_t len)
{
    if (m == NULL)
        return 0;
    size_t need = ckpt_size(m);
    if (buf == NULL || len < need)
        return need;
    ckpt_hdr_t h = ckpt_hdr(m);
    unsigned char *b = (unsigned char *)buf + sizeof h;
    span_t s[SNAP_SPANS];
    memcpy(b, m, sizeof *m);
    b += sizeof *m;
    state_spans(m, s);
    for (unsigned k = 0; k < SNAP_SPANS; k++) {
        memcpy(b, s[k].p, s[k].n);
        b += s[k].n;
    }
    h.sum = fnv1a((unsigned char *)buf + sizeof h, need - sizeof h);
    memcpy(buf, &h, sizeof h);
    return need;
}

/* BUS_ERR_INFO's fields: any other bit is one the register cannot hold */
static const uint32_t info_mask =
    VIRQ_BUS_ERR_INFO_WRITE_MASK | VIRQ_BUS_ERR_INFO_RESP_MASK | VIRQ_BUS_ERR_INFO_ADDR_MASK;

static bool err_ref_ok(const err_ref_t *e, const virq_params_t *p)
{
    return bool_ok(&e->on) && bool_ok(&e->fn) && e->f <= 0xFu && (!e->fn || (e->on && e->f < p->num_func)) &&
           (e->info & ~info_mask) == 0;
}

/* Whether a checkpoint's state is one the engine's registers can hold:
 * t is its struct virq (a copy), b its arrays in state_spans' order, read
 * element by element (b need not be aligned).  The blocks' *_state_ok,
 * the tables' entries as their write checks let them in, and the derived
 * per-unit masks equal to what the units give.  Every bool is checked
 * before it is read as one. */
static bool body_ok(const struct virq *t, const unsigned char *b)
{
    const virq_params_t *p = &t->p;
    const axil_q_t *a = &t->axil;
    uint64_t am = mask_bits(p->addr_w), vm = mask_bits(p->num_vec);
    if (!bool_ok(&t->rst_q) || !bool_ok(&a->bvalid) || !bool_ok(&a->rvalid) || !bool_ok(&a->wq_v) ||
        !bool_ok(&a->rq_v) || !bool_ok(&a->rpend) || !bool_ok(&t->modw.ok) || !bool_ok(&t->errp.rtie))
        return false;
    if ((a->wq_addr & ~am) != 0 || (a->rq_addr & ~am) != 0 || a->wq_strb > 0xFu || a->bresp > 3u ||
        a->rresp > 3u || a->rp_resp > 3u || (t->err_info & ~info_mask) != 0 || !err_ref_ok(&t->errp.w, p) ||
        !err_ref_ok(&t->errp.r, p) || !err_ref_ok(&t->errp.r0, p) || !mod_unit_wr_ok(&t->modw.wr) ||
        t->modw.idx >= p->num_vec || ((t->eq_evt_q | t->fire_q) & ~vm) != 0)
        return false;
    if (!tick_state_ok(&t->tick) || !eq_state_ok(&t->eq, p) || !route_state_ok(&t->rt, p) ||
        !msix_state_ok(&t->mx, p))
        return false;
    struct virq d = *t; /* the derived masks, from the units */
    d.u_fire = d.u_guest = d.u_wake = d.u_busy = d.u_cnt = 0;
    for (unsigned i = 0; i < p->num_vec; i++, b += sizeof(mod_unit_q_t)) {
        mod_unit_q_t u;
        memcpy(&u, b, sizeof u);
        if (!mod_unit_state_ok(&u))
            return false;
        unit_bits_of(&d, &u, i);
    }
    if (d.u_fire != t->u_fire || d.u_guest != t->u_guest || d.u_wake != t->u_wake || d.u_busy != t->u_busy ||
        d.u_cnt != t->u_cnt)
        return false;
    for (unsigned k = 0; k < p->num_eq; k++, b += sizeof(eq_ctx_t)) {
        eq_ctx_t x;
        memcpy(&x, b, sizeof x);
        if (!eq_ctx_ok(&x, p, k))
            return false;
    }
    for (unsigned i = 0; i < p->num_prs; i++, b += sizeof(uint16_t)) {
        uint16_t v;
        memcpy(&v, b, sizeof v);
        if (!route_table_ok(p, VIRQ_PRS_ENTRY(i), v))
            return false;
    }
    /* MVM, then FUNC[].RSS_CFG, then FUNC[].DEF: 32-bit entries */
    const unsigned n_mvm = p->num_func * p->num_cpu;
    for (unsigned i = 0; i < n_mvm + 2u * p->num_func; i++, b += sizeof(uint32_t)) {
        uint32_t v;
        memcpy(&v, b, sizeof v);
        uint32_t addr = i < n_mvm                 ? VIRQ_MVM_ENTRY(i)
                        : i < n_mvm + p->num_func ? VIRQ_FUNC_RSS_CFG(i - n_mvm)
                                                  : VIRQ_FUNC_DEF(i - n_mvm - p->num_func);
        if (!route_table_ok(p, addr, v))
            return false;
    }
    return true;
}

int virq_restore(virq_t *m, const void *buf, size_t len)
{
    if (m == NULL || buf == NULL || len < sizeof(ckpt_hdr_t)) {
        errno = EINVAL;
        return -1;
    }
    ckpt_hdr_t h, want = ckpt_hdr(m);
    memcpy(&h, buf, sizeof h);
    /* the whole header: magic, format, ABI, version, sizes, parameters and
     * the body's sum */
    if (len != want.total)
        want.sum = ~h.sum;
    else
        want.sum = fnv1a((const unsigned char *)buf + sizeof h, len - sizeof h);
    if (memcmp(&h, &want, sizeof h) != 0) {
        errno = EINVAL;
        return -1;
    }
    const unsigned char *b = (const unsigned char *)buf + sizeof h;
    struct virq t;
    memcpy(&t, b, sizeof t);
    b += sizeof t;
    /* the body's own copy of the parameters: the arrays below are copied
     * at this instance's sizes, which a body of other parameters (put
     * together by hand, another build) would overrun */
    if (memcmp(&t.p, &m->p, sizeof t.p) != 0 || !body_ok(&t, b)) {
        errno = EINVAL;
        return -1;
    }
    /* this instance's storage */
    t.units = m->units;
    t.eq.ctx = m->eq.ctx;
    t.rt.prs = m->rt.prs;
    t.rt.mvm = m->rt.mvm;
    t.rt.fcfg = m->rt.fcfg;
    t.rt.fdef = m->rt.fdef;
    t.snap = m->snap;
    *m = t;
    span_t s[SNAP_SPANS];
    state_spans(m, s);
    for (unsigned k = 0; k < SNAP_SPANS; k++) {
        memcpy(s[k].p, b, s[k].n);
        b += s[k].n;
    }
    return 0;
}
