// Formal-only stand-in for rtl/virq_msix.v, for formal/virq_top.sby (the
// proof of virq_top's glue).  Same name, parameters and ports; every output
// is free in every cycle (anyseq): any owner of any vector, any lease state,
// any answer.  One contract fact is assumed (below, with the assertion of
// the real block's proof that gives it), and the real block's proof's
// assumptions on its register port and tick inputs are asserted, so the
// composition is proven to give virq_msix what its proof assumes.
// Never part of a build: the Makefile's RTL_SRC does not list it.
`default_nettype none

module virq_msix #(
    parameter integer NUM_VEC  = 32,
    parameter integer NUM_FUNC = 8,
    parameter integer ADDR_W   = 17
) (
    input  wire                  clk_i,
    input  wire                  rst_ni,
    input  wire                  tick_i,
    input  wire                  tick_next_i,
    input  wire [NUM_VEC-1:0]    irq_i,
    input  wire [NUM_FUNC-1:0]   leg_i,
    output wire                  m_valid_o,
    input  wire                  m_ready_i,
    output wire [63:0]           m_addr_o,
    output wire [31:0]           m_data_o,
    output wire [3:0]            m_func_o,
    output wire [5:0]            m_vec_o,
    output wire                  intx_o,
    output wire                  lev_valid_o,
    input  wire                  lev_ready_i,
    output wire [23:0]           lev_param_o,
    output wire [4*NUM_VEC-1:0]  owner_o,
    input  wire [5:0]            fmv_i,
    output wire                  fmv_busy_o,
    output wire [NUM_VEC-1:0]    busy_v_o,
    input  wire                  werr_i,
    input  wire [3:0]            werr_fn_i,
    input  wire                  rerr_i,
    input  wire [3:0]            rerr_fn_i,
    input  wire                  wr_en_i,
    input  wire [ADDR_W-1:0]     wr_addr_i,
    input  wire [31:0]           wr_data_i,
    output wire [1:0]            wr_resp_o,
    input  wire [ADDR_W-1:0]     rd_addr_i,
    output wire [31:0]           rd_data_o,
    output wire [1:0]            rd_resp_o,
    output wire [31:0]           drop_cnt_o,
    output wire [31:0]           lexp_cnt_o
);
    (* anyseq *) reg                 f_m_valid, f_intx, f_lev_valid, f_fmv_busy;
    (* anyseq *) reg [63:0]          f_m_addr;
    (* anyseq *) reg [31:0]          f_m_data, f_rdata, f_drop, f_lexp;
    (* anyseq *) reg [3:0]           f_m_func;
    (* anyseq *) reg [5:0]           f_m_vec;
    (* anyseq *) reg [23:0]          f_lev_param;
    (* anyseq *) reg [4*NUM_VEC-1:0] f_owner;
    (* anyseq *) reg [NUM_VEC-1:0]   f_busy_v;
    (* anyseq *) reg [1:0]           f_wresp, f_rresp;
    assign m_valid_o   = f_m_valid;
    assign m_addr_o    = f_m_addr;
    assign m_data_o    = f_m_data;
    assign m_func_o    = f_m_func;
    assign m_vec_o     = f_m_vec;
    assign intx_o      = f_intx;
    assign lev_valid_o = f_lev_valid;
    assign lev_param_o = f_lev_param;
    assign owner_o     = f_owner;
    assign fmv_busy_o  = f_fmv_busy;
    assign busy_v_o    = f_busy_v;
    assign wr_resp_o   = f_wresp;
    assign rd_data_o   = f_rdata;
    assign rd_resp_o   = f_rresp;
    assign drop_cnt_o  = f_drop;
    assign lexp_cnt_o  = f_lexp;

    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // the block's own proof starts from reset (virq_msix.sby)
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    // Contract: the lease check virq_top's FN_MOD[] response takes for the
    // vector it names (fmv_i -> fmv_busy_o) is the same rule as that
    // vector's bit of the per-unit write enables (busy_v_o): "its lease
    // ends at the edge ending this cycle or the next".  virq_msix.sby
    // asserts both (rtl/virq_msix.v, property 6: fmv_busy_o ==
    // (expiring[fmv_i] || ends_next[fmv_i]) and busy_v_o[v] == (expiring[v]
    // || ends_next[v]) for every v < NUM_VEC).
    always @(*)
        if ({26'h0, fmv_i} < NUM_VEC)
            assume(fmv_busy_o == f_busy_v[fmv_i]);

    // What virq_msix.sby assumes of its inputs, asserted: in the cycle
    // after a write is decided (out of reset) no write is decided, and
    // tick_i is the previous cycle's tick_next_i.
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && $past(wr_en_i)) begin
            // (B3) no write decided
            assert(!wr_en_i);
            // (B4) the tick is the previous cycle's lookahead
            assert(tick_i == $past(tick_next_i));
        end

    /* verilator lint_off UNUSEDSIGNAL */
    wire f_unused = &{1'b0, irq_i, leg_i, m_ready_i, lev_ready_i, werr_i, werr_fn_i, rerr_i, rerr_fn_i,
                      wr_addr_i, wr_data_i, rd_addr_i};
    /* verilator lint_on UNUSEDSIGNAL */
endmodule

`default_nettype wire
