// Formal-only stand-in for rtl/virq_route.v, for formal/virq_top.sby (the
// proof of virq_top's glue).  Same name, parameters and ports; every output
// is free in every cycle (anyseq): the event path, the lease-expired
// handshake and the register answers are any values at all, but for three
// facts of the output word that virq_eq's proof assumes of its input
// (asserted by the virq_eq stand-in, so the wiring between the two is
// proven to carry them).
// Never part of a build: the Makefile's RTL_SRC does not list it.
`default_nettype none

module virq_route #(
    parameter integer NUM_FUNC = 8,
    parameter integer NUM_EQ   = 32,
    parameter integer NUM_VEC  = 32,
    parameter integer NUM_PRS  = 128,
    parameter integer NUM_CPU  = 8,
    parameter integer ADDR_W   = 16
) (
    input  wire              clk_i,
    input  wire              rst_ni,
    input  wire              s_valid_i,
    output wire              s_ready_o,
    input  wire [3:0]        s_func_i,
    input  wire [7:0]        s_eq_i,
    input  wire [7:0]        s_code_i,
    input  wire [23:0]       s_param_i,
    input  wire [2:0]        s_htype_i,
    input  wire [287:0]      s_tuple_i,
    input  wire [3:0]        gev_i,
    output wire [31:0]       gev_lost_o,
    input  wire              lev_valid_i,
    output wire              lev_ready_o,
    input  wire [23:0]       lev_param_i,
    output wire              m_valid_o,
    input  wire              m_ready_i,
    output wire [3:0]        m_func_o,
    output wire [7:0]        m_eq_o,
    output wire [NUM_EQ-1:0] m_eq_oh_o,
    output wire [7:0]        m_code_o,
    output wire [23:0]       m_param_o,
    output wire              m_sys_o,
    output wire              m_setvec_o,
    output wire [5:0]        m_vec_o,
    output wire              m_legacy_o,
    output wire [2:0]        m_htype_o,
    output wire [31:0]       m_hash_o,
    output wire [7:0]        m_cpu_o,
    input  wire              wr_en_i,
    input  wire [ADDR_W-1:0] wr_addr_i,
    input  wire [31:0]       wr_data_i,
    output wire [1:0]        wr_resp_o,
    input  wire [ADDR_W-1:0] rd_addr_i,
    output wire [31:0]       rd_data_o,
    output wire [1:0]        rd_resp_o
);
    (* anyseq *) reg              f_s_ready, f_lev_ready, f_m_valid, f_m_sys, f_m_setvec, f_m_legacy;
    (* anyseq *) reg [31:0]       f_gev_lost, f_m_hash, f_rdata;
    (* anyseq *) reg [3:0]        f_m_func;
    (* anyseq *) reg [7:0]        f_m_eq, f_m_code, f_m_cpu;
    (* anyseq *) reg [NUM_EQ-1:0] f_m_eq_oh;
    (* anyseq *) reg [23:0]       f_m_param;
    (* anyseq *) reg [5:0]        f_m_vec;
    (* anyseq *) reg [2:0]        f_m_htype;
    (* anyseq *) reg [1:0]        f_wresp, f_rresp;
    assign s_ready_o   = f_s_ready;
    assign gev_lost_o  = f_gev_lost;
    assign lev_ready_o = f_lev_ready;
    assign m_valid_o   = f_m_valid;
    assign m_func_o    = f_m_func;
    assign m_eq_o      = f_m_eq;
    assign m_eq_oh_o   = f_m_eq_oh;
    assign m_code_o    = f_m_code;
    assign m_param_o   = f_m_param;
    assign m_sys_o     = f_m_sys;
    assign m_setvec_o  = f_m_setvec;
    assign m_vec_o     = f_m_vec;
    assign m_legacy_o  = f_m_legacy;
    assign m_htype_o   = f_m_htype;
    assign m_hash_o    = f_m_hash;
    assign m_cpu_o     = f_m_cpu;
    assign wr_resp_o   = f_wresp;
    assign rd_data_o   = f_rdata;
    assign rd_resp_o   = f_rresp;

    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // the block's own proof starts from reset (virq_route.sby)
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    // Contract (virq_route.sby asserts each, rtl/virq_route.v formal
    // section): the queue one-hot beside the output word is the decoded
    // queue, queue 0's bit for a queue past NUM_EQ, and a word that
    // retargets a queue names a vector the instance has; an engine's own
    // event offered names queue 0 (with m_valid_o).  From the second cycle
    // only, as virq_route.sby asserts them (under f_past_valid): in the
    // first cycle its registers have no value yet.
`include "virq_stub_word.vh"
    always @(*) begin
        if (f_past_valid) begin
            assume(m_eq_oh_o == f_q_oh(m_eq_o));
            if (m_setvec_o)
                assume({26'h0, m_vec_o} < NUM_VEC);
            if (m_valid_o && m_sys_o)
                assume(m_eq_o == 8'h0);
        end
    end
endmodule

`default_nettype wire
