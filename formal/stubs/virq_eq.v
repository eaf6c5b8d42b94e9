// Formal-only stand-in for rtl/virq_eq.v, for formal/virq_top.sby (the
// proof of virq_top's glue).  Same name, parameters and ports; every output
// is free in every cycle (anyseq): no glue property depends on what the
// event-queue block answers or signals.  Turned around, the assumptions of
// the real block's proof on its inputs (rtl/virq_eq.v, formal section) are
// asserted here where virq_top provides them: the register port's spacing
// ("register writes are decided at most every third cycle ... and on the
// handshake cycle not being a reset cycle") and the three facts of the
// event word that the route stand-in assumes (virq_route's proof asserts
// them): the queue one-hot, a retargeting word's vector, and an engine's
// own event (evt_sys_i) offered naming queue 0 (only with evt_valid_i, as
// virq_route's proof asserts it of m_valid_o && m_sys_o).  So the
// composition is proven to give virq_eq what its proof assumes.
// Never part of a build: the Makefile's RTL_SRC does not list it.
`default_nettype none

module virq_eq #(
    parameter integer NUM_EQ      = 32,
    parameter integer NUM_FUNC    = 8,
    parameter integer NUM_VEC     = 32,
    parameter integer EQ_MAX_LOG2 = 16,
    parameter integer ADDR_W      = 16
) (
    input  wire               clk_i,
    input  wire               rst_ni,
    input  wire               evt_valid_i,
    output wire               evt_ready_o,
    input  wire [3:0]         evt_func_i,
    input  wire [7:0]         evt_eq_i,
    input  wire [NUM_EQ-1:0]  evt_eq_oh_i,
    input  wire [7:0]         evt_code_i,
    input  wire [23:0]        evt_param_i,
    input  wire               evt_sys_i,
    input  wire               evt_setvec_i,
    input  wire [5:0]         evt_vec_i,
    input  wire               evt_legacy_i,
    output wire               dma_valid_o,
    input  wire               dma_ready_i,
    output wire [63:0]        dma_addr_o,
    output wire [31:0]        dma_data_o,
    output wire [3:0]         dma_func_o,
    output wire [NUM_VEC-1:0] mod_evt_o,
    input  wire [NUM_VEC-1:0] mod_fire_i,
    output wire [NUM_FUNC-1:0] intx_o,
    output wire [31:0]        evt_err_cnt_o,
    output wire [31:0]        ovf_cnt_o,
    input  wire               wr_en_i,
    input  wire [ADDR_W-1:0]  wr_addr_i,
    input  wire [31:0]        wr_data_i,
    output wire [1:0]         wr_resp_o,
    input  wire [ADDR_W-1:0]  rd_addr_i,
    output wire [31:0]        rd_data_o,
    output wire [1:0]         rd_resp_o
);
    (* anyseq *) reg                f_evt_ready, f_dma_valid;
    (* anyseq *) reg [63:0]         f_dma_addr;
    (* anyseq *) reg [3:0]          f_dma_func;
    (* anyseq *) reg [31:0]         f_dma_data, f_err_cnt, f_ovf_cnt, f_rdata;
    (* anyseq *) reg [NUM_VEC-1:0]  f_mod_evt;
    (* anyseq *) reg [NUM_FUNC-1:0] f_intx;
    (* anyseq *) reg [1:0]          f_wresp, f_rresp;
    assign evt_ready_o   = f_evt_ready;
    assign dma_valid_o   = f_dma_valid;
    assign dma_addr_o    = f_dma_addr;
    assign dma_data_o    = f_dma_data;
    assign dma_func_o    = f_dma_func;
    assign mod_evt_o     = f_mod_evt;
    assign intx_o        = f_intx;
    assign evt_err_cnt_o = f_err_cnt;
    assign ovf_cnt_o     = f_ovf_cnt;
    assign wr_resp_o     = f_wresp;
    assign rd_data_o     = f_rdata;
    assign rd_resp_o     = f_rresp;

    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // the block's own proof starts from reset (virq_eq.sby)
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    // (B2) What virq_eq.sby assumes of the register port, asserted: a write is
    // decided (wr_en_i) neither in the two cycles after another nor in the
    // cycle after a reset cycle.  From the second cycle on: the first is
    // the power-on cycle whose edge resets the block (virq_top's request
    // register has no value before its first reset; virq_eq's proof lets
    // its reset-free RAMs start with any contents, which covers whatever a
    // write in that cycle could leave in them).
    reg f_wen1 = 1'b0, f_wen2 = 1'b0, f_rst1 = 1'b0;
    always @(posedge clk_i) begin
        f_wen1 <= wr_en_i;
        f_wen2 <= f_wen1;
        f_rst1 <= rst_ni;
    end
    always @(*)
        if (f_past_valid && wr_en_i)
            assert(!f_wen1 && !f_wen2 && f_rst1);

    // (B5) the queue one-hot is the decoded queue (queue 0's bit past
    //      NUM_EQ), (B6) a retargeting word names a vector < NUM_VEC
`include "virq_stub_word.vh"
    always @(*) begin
        // (from the second cycle: virq_route's proof asserts the three
        // from there, and virq_eq's proof assumes them from there)
        if (f_past_valid) begin
            // (B5)
            assert(evt_eq_oh_i == f_q_oh(evt_eq_i));
            // (B6)
            if (evt_setvec_i)
                assert({26'h0, evt_vec_i} < NUM_VEC);
            // (B7) an engine's own event offered names queue 0
            if (evt_valid_i && evt_sys_i)
                assert(evt_eq_i == 8'h0);
        end
    end

    /* verilator lint_off UNUSEDSIGNAL */
    wire f_unused = &{1'b0, evt_valid_i, evt_func_i, evt_eq_i, evt_eq_oh_i, evt_code_i, evt_param_i,
                      evt_sys_i, evt_setvec_i, evt_vec_i, evt_legacy_i, dma_ready_i, mod_fire_i,
                      wr_addr_i, wr_data_i, rd_addr_i};
    /* verilator lint_on UNUSEDSIGNAL */
endmodule

`default_nettype wire
