/* Model of rtl/virq_top.v and rtl/virq_axil_slave.v: the register front end,
 * global registers and the cycle API of libvirq. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq_internal.h"

void virq_params_default(virq_params_t *p)
{
    p->num_vec = VIRQ_DEFAULT_NUM_VEC;
    p->addr_w = VIRQ_DEFAULT_ADDR_W;
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
    } else if (p->addr_w < 12 || p->addr_w > 32) {
        snprintf(buf, sizeof buf, "addr_w must be 12..32, got %u", p->addr_w);
        why = buf;
    } else if ((uint64_t)VIRQ_MOD_BASE + (uint64_t)p->num_vec * VIRQ_MOD_STRIDE > (1ull << p->addr_w)) {
        snprintf(buf, sizeof buf, "%u vectors do not fit in %u address bits", p->num_vec, p->addr_w);
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
    switch (w) {
    case VIRQ_W_ADDR: return p->addr_w;
    case VIRQ_W_NVEC: return p->num_vec;
    default: return (unsigned)w;
    }
}

const char *virq_version(void)
{
    static const char v[] = {'0' + ((VIRQ_VERSION_RESET >> 16) & 0xFF), '.', '0' + ((VIRQ_VERSION_RESET >> 8) & 0xFF),
                             '.', '0' + (VIRQ_VERSION_RESET & 0xFF), '\0'};
    return v;
}

virq_t *virq_create(const virq_params_t *p)
{
    if (virq_params_check(p, NULL, 0) != 0)
        return NULL;
    virq_t *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->p = *p;
    m->units = calloc(p->num_vec, sizeof *m->units);
    m->units_d = calloc(p->num_vec, sizeof *m->units_d);
    if (m->units == NULL || m->units_d == NULL) {
        virq_destroy(m);
        return NULL;
    }
    virq_reset(m);
    return m;
}

void virq_destroy(virq_t *m)
{
    if (m == NULL)
        return;
    free(m->units);
    free(m->units_d);
    free(m);
}

const virq_params_t *virq_params(const virq_t *m)
{
    return &m->p;
}

uint64_t virq_cycle(const virq_t *m)
{
    return m->cycle;
}

void virq_reset(virq_t *m)
{
    m->axil = (axil_q_t){0};
    m->scratch = VIRQ_SCRATCH_RESET;
    m->err_cnt = 0;
    m->err_info = 0;
    tick_reset(&m->tick);
    for (unsigned i = 0; i < m->p.num_vec; i++)
        mod_unit_reset(&m->units[i]);
}

static uint64_t mask_bits(unsigned w)
{
    return w >= 64 ? ~0ull : ((1ull << w) - 1);
}

/* Write response of the register file for one access (always @* in
 * virq_top.v and virq_moderation.v). */
static unsigned reg_wresp(const virq_t *m, uint32_t addr, uint32_t data, unsigned strb)
{
    unsigned idx;
    mod_unit_wr_t wr;
    if ((addr & 3u) != 0 || strb != 0xFu)
        return VIRQ_RESP_SLVERR;
    if (addr >= VIRQ_MOD_BASE)
        return mod_decode_write(m->p.num_vec, addr, data, &idx, &wr);
    switch (addr) {
    case VIRQ_SCRATCH_OFFSET: return VIRQ_RESP_OKAY;
    case VIRQ_TICK_DIV_OFFSET: return (data & ~VIRQ_TICK_DIV_WMASK) ? VIRQ_RESP_SLVERR : VIRQ_RESP_OKAY;
    case VIRQ_ID_OFFSET:
    case VIRQ_VERSION_OFFSET:
    case VIRQ_FEATURES_OFFSET:
    case VIRQ_PARAMS0_OFFSET:
    case VIRQ_BUS_ERR_CNT_OFFSET:
    case VIRQ_BUS_ERR_INFO_OFFSET: return VIRQ_RESP_SLVERR;
    default: return VIRQ_RESP_DECERR;
    }
}

static unsigned reg_read(const virq_t *m, uint32_t addr, uint32_t *data)
{
    *data = 0;
    if ((addr & 3u) != 0)
        return VIRQ_RESP_SLVERR;
    if (addr >= VIRQ_MOD_BASE)
        return mod_read(m->units, m->p.num_vec, addr, data);
    switch (addr) {
    case VIRQ_ID_OFFSET: *data = VIRQ_ID_RESET; break;
    case VIRQ_VERSION_OFFSET: *data = VIRQ_VERSION_RESET; break;
    case VIRQ_FEATURES_OFFSET: *data = VIRQ_FEATURES_RESET; break;
    case VIRQ_PARAMS0_OFFSET: *data = m->p.num_vec & VIRQ_PARAMS0_NUM_VEC_MASK; break;
    case VIRQ_SCRATCH_OFFSET: *data = m->scratch; break;
    case VIRQ_BUS_ERR_CNT_OFFSET: *data = m->err_cnt; break;
    case VIRQ_BUS_ERR_INFO_OFFSET: *data = m->err_info; break;
    case VIRQ_TICK_DIV_OFFSET: *data = m->tick.div; break;
    default: return VIRQ_RESP_DECERR;
    }
    return VIRQ_RESP_OKAY;
}

static uint32_t err_info(bool write, unsigned resp, uint32_t addr)
{
    return (write ? VIRQ_BUS_ERR_INFO_WRITE_MASK : 0) | ((uint32_t)resp << VIRQ_BUS_ERR_INFO_RESP_SHIFT) |
           (addr & VIRQ_BUS_ERR_INFO_ADDR_MASK);
}

/* Error accounting of one cycle (virq_top.v): saturating count, write wins. */
static void account_errors(virq_t *m, bool w_err, unsigned wresp, uint32_t waddr, bool r_err, unsigned rresp,
                           uint32_t raddr)
{
    uint64_t sum = (uint64_t)m->err_cnt + w_err + r_err;
    m->err_cnt = sum > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)sum;
    if (w_err)
        m->err_info = err_info(true, wresp, waddr);
    else if (r_err)
        m->err_info = err_info(false, rresp, raddr);
}

/* Next state of everything but the front end; a write (wr) commits only when
 * its response is OKAY.  Reads have no side effects. */
static void commit(virq_t *m, bool tick, uint64_t evt, bool wr, uint32_t waddr, uint32_t wdata, unsigned wresp)
{
    bool w_ok = wr && wresp == VIRQ_RESP_OKAY;
    bool w_glob = w_ok && waddr < VIRQ_MOD_BASE;
    unsigned idx = 0;
    mod_unit_wr_t mw = {0};
    if (w_ok && waddr >= VIRQ_MOD_BASE)
        (void)mod_decode_write(m->p.num_vec, waddr, wdata, &idx, &mw);

    static const mod_unit_wr_t none = {0};
    for (unsigned i = 0; i < m->p.num_vec; i++)
        m->units_d[i] = mod_unit_next(&m->units[i], tick, (evt >> i) & 1u, (w_ok && i == idx) ? &mw : &none);
    for (unsigned i = 0; i < m->p.num_vec; i++)
        m->units[i] = m->units_d[i];

    m->tick = tick_next(&m->tick, w_glob && waddr == VIRQ_TICK_DIV_OFFSET, (uint16_t)wdata);
    if (w_glob && waddr == VIRQ_SCRATCH_OFFSET)
        m->scratch = wdata;
}

void virq_eval(const virq_t *m, const virq_in_t *in, virq_out_t *out)
{
    bool wr_hs = in->s_axil_awvalid_i && in->s_axil_wvalid_i && !m->axil.bvalid;
    out->s_axil_awready_o = wr_hs;
    out->s_axil_wready_o = wr_hs;
    out->s_axil_bresp_o = m->axil.bresp;
    out->s_axil_bvalid_o = m->axil.bvalid;
    out->s_axil_arready_o = !m->axil.rvalid;
    out->s_axil_rdata_o = m->axil.rdata;
    out->s_axil_rresp_o = m->axil.rresp;
    out->s_axil_rvalid_o = m->axil.rvalid;
    uint64_t g = 0, w = 0;
    for (unsigned i = 0; i < m->p.num_vec; i++) {
        g |= (uint64_t)m->units[i].guest_irq << i;
        w |= (uint64_t)m->units[i].wake_irq << i;
    }
    out->guest_irq_o = g;
    out->wake_irq_o = w;
}

void virq_step(virq_t *m, const virq_in_t *in, virq_out_t *out)
{
    virq_out_t o;
    virq_eval(m, in, &o);
    if (out != NULL)
        *out = o;
    m->cycle++;
    if (!(in->rst_ni & 1u)) {
        virq_reset(m);
        return;
    }
    uint64_t amask = mask_bits(m->p.addr_w);
    uint32_t waddr = (uint32_t)(in->s_axil_awaddr_i & amask);
    uint32_t raddr = (uint32_t)(in->s_axil_araddr_i & amask);
    uint32_t wdata = (uint32_t)in->s_axil_wdata_i;
    bool wr_hs = o.s_axil_awready_o;
    bool rd_hs = (in->s_axil_arvalid_i & 1u) && !m->axil.rvalid;
    unsigned wresp = reg_wresp(m, waddr, wdata, (unsigned)(in->s_axil_wstrb_i & 0xFu));
    uint32_t rdata;
    unsigned rresp = reg_read(m, raddr, &rdata);

    /* front end (virq_axil_slave.v) */
    axil_q_t a = m->axil;
    a.bvalid = m->axil.bvalid && !(in->s_axil_bready_i & 1u);
    if (wr_hs) {
        a.bvalid = true;
        a.bresp = (uint8_t)wresp;
    }
    a.rvalid = m->axil.rvalid && !(in->s_axil_rready_i & 1u);
    if (rd_hs) {
        a.rvalid = true;
        a.rresp = (uint8_t)rresp;
        a.rdata = rdata;
    }

    bool tick = tick_out(&m->tick);
    account_errors(m, wr_hs && wresp != VIRQ_RESP_OKAY, wresp, waddr, rd_hs && rresp != VIRQ_RESP_OKAY, rresp,
                   raddr);
    commit(m, tick, in->evt_i & mask_bits(m->p.num_vec), wr_hs, waddr, wdata, wresp);
    m->axil = a;
}

unsigned virq_reg_write(virq_t *m, uint32_t addr, uint32_t data)
{
    unsigned resp = reg_wresp(m, addr, data, 0xFu);
    account_errors(m, resp != VIRQ_RESP_OKAY, resp, addr, false, 0, 0);
    if (resp != VIRQ_RESP_OKAY)
        return resp;
    if (addr >= VIRQ_MOD_BASE) {
        unsigned idx;
        mod_unit_wr_t wr;
        (void)mod_decode_write(m->p.num_vec, addr, data, &idx, &wr);
        mod_unit_q_t q = m->units[idx];
        mod_unit_apply_write(&m->units[idx], &q, &wr);
    } else if (addr == VIRQ_TICK_DIV_OFFSET) {
        tick_apply_write(&m->tick, (uint16_t)data);
    } else if (addr == VIRQ_SCRATCH_OFFSET) {
        m->scratch = data;
    }
    return resp;
}

unsigned virq_reg_read(virq_t *m, uint32_t addr, uint32_t *data)
{
    unsigned resp = reg_read(m, addr, data);
    account_errors(m, false, 0, 0, resp != VIRQ_RESP_OKAY, resp, addr);
    return resp;
}
