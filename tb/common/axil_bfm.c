/* AXI4-Lite master BFM: see axil_bfm.h. */
#include "axil_bfm.h"

void axil_bfm_reset(axil_bfm_t *b)
{
    b->w_busy = b->aw_done = b->w_done = false;
    b->r_busy = b->ar_done = false;
}

bool axil_bfm_write(axil_bfm_t *b, uint64_t c, uint32_t addr, uint32_t data, uint8_t strb, uint64_t tag,
                    unsigned aw_delay, unsigned w_delay)
{
    if (b->w_busy)
        return false;
    b->w_busy = true;
    b->aw_done = b->w_done = false;
    b->waddr = addr;
    b->wdata = data;
    b->wstrb = strb;
    b->aw_at = c + aw_delay;
    b->w_at = c + w_delay;
    b->w_tag = tag;
    return true;
}

bool axil_bfm_read(axil_bfm_t *b, uint64_t c, uint32_t addr, uint64_t tag, unsigned delay)
{
    if (b->r_busy)
        return false;
    b->r_busy = true;
    b->ar_done = false;
    b->raddr = addr;
    b->ar_at = c + delay;
    b->r_tag = tag;
    return true;
}

void axil_bfm_drive(const axil_bfm_t *b, uint64_t c, virq_in_t *in, bool bready, bool rready)
{
    in->s_axil_awvalid_i = b->w_busy && !b->aw_done && c >= b->aw_at;
    in->s_axil_awaddr_i = b->waddr;
    in->s_axil_wvalid_i = b->w_busy && !b->w_done && c >= b->w_at;
    in->s_axil_wdata_i = b->wdata;
    in->s_axil_wstrb_i = b->wstrb;
    in->s_axil_bready_i = bready;
    in->s_axil_arvalid_i = b->r_busy && !b->ar_done && c >= b->ar_at;
    in->s_axil_araddr_i = b->raddr;
    in->s_axil_rready_i = rready;
}

void axil_bfm_observe(axil_bfm_t *b, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    if (!(in->rst_ni & 1u)) {
        axil_bfm_reset(b);
        return;
    }
    if (in->s_axil_awvalid_i && out->s_axil_awready_o) {
        b->aw_done = true;
        b->w_hs_cycle = c;
    }
    if (in->s_axil_wvalid_i && out->s_axil_wready_o)
        b->w_done = true;
    if (b->w_busy && b->aw_done && b->w_done && out->s_axil_bvalid_o && in->s_axil_bready_i) {
        b->w_busy = false;
        if (b->on_b)
            b->on_b(b->ctx, b->w_tag, (unsigned)out->s_axil_bresp_o, b->w_hs_cycle, c);
    }
    if (b->r_busy && b->ar_done && out->s_axil_rvalid_o && in->s_axil_rready_i) {
        b->r_busy = false;
        if (b->on_r)
            b->on_r(b->ctx, b->r_tag, (unsigned)out->s_axil_rresp_o, (uint32_t)out->s_axil_rdata_o, b->r_hs_cycle,
                    c);
    }
    if (in->s_axil_arvalid_i && out->s_axil_arready_o) {
        b->ar_done = true;
        b->r_hs_cycle = c;
    }
}
