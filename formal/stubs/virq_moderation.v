// Formal-only stand-in for rtl/virq_moderation.v, for formal/virq_top.sby
// (the proof of virq_top's glue).  Same name, parameters and ports; every
// output is free in every cycle (anyseq), constrained only by the contract
// facts the glue's properties use, each asserted by the real block's own
// proof.  Never part of a build: the Makefile's RTL_SRC does not list it.
`default_nettype none

module virq_moderation #(
    parameter integer NUM_VEC = 32,
    parameter integer ADDR_W  = 16
) (
    input  wire               clk_i,
    input  wire               rst_ni,
    input  wire               tick_i,
    input  wire [NUM_VEC-1:0] evt_i,
    output wire [NUM_VEC-1:0] guest_irq_o,
    output wire [NUM_VEC-1:0] wake_irq_o,
    output wire [NUM_VEC-1:0] fire_o,
    input  wire               wr_en_i,
    input  wire [NUM_VEC-1:0] wr_unit_ok_i,
    input  wire [ADDR_W-1:0]  wr_addr_i,
    input  wire [31:0]        wr_data_i,
    output wire [1:0]         wr_resp_o,
    input  wire [ADDR_W-1:0]  rd_addr_i,
    output wire [31:0]        rd_data_o,
    output wire [1:0]         rd_resp_o
);
    (* anyseq *) reg [NUM_VEC-1:0] f_guest, f_wake, f_fire;
    (* anyseq *) reg [1:0]         f_wresp, f_rresp;
    (* anyseq *) reg [31:0]        f_rdata;
    assign guest_irq_o = f_guest;
    assign wake_irq_o  = f_wake;
    assign fire_o      = f_fire;
    assign wr_resp_o   = f_wresp;
    assign rd_resp_o   = f_rresp;
    assign rd_data_o   = f_rdata;

    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // the block's own proof starts from reset (virq_moderation.sby)
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    // Contract: a unit's interrupt output (guest or wake) is high in cycle
    // c + 1 exactly when the unit fired in c (fire_o), and low in the cycle
    // after a reset cycle.  Each unit is a virq_mod_unit whose fire_o is
    // fire_guest || fire_wake; virq_mod_unit.sby asserts (property 1)
    // guest_irq_o == $past(f_fire_guest), wake_irq_o == $past(f_fire_wake)
    // with fire_guest == f_fire_guest, fire_wake == f_fire_wake, and
    // !guest_irq_o && !wake_irq_o after a reset cycle ("reset state").
    // virq_moderation passes fire_o, guest_irq_o and wake_irq_o of unit i
    // straight to bit i of its ports.
    always @(posedge clk_i)
        if (f_past_valid) begin
            if (!$past(rst_ni))
                assume(guest_irq_o == {NUM_VEC{1'b0}} && wake_irq_o == {NUM_VEC{1'b0}});
            else
                assume((guest_irq_o | wake_irq_o) == $past(fire_o));
        end

    /* verilator lint_off UNUSEDSIGNAL */
    wire f_unused = &{1'b0, tick_i, evt_i, wr_en_i, wr_unit_ok_i, wr_addr_i, wr_data_i, rd_addr_i};
    /* verilator lint_on UNUSEDSIGNAL */
endmodule

`default_nettype wire
