// Icarus glue of the lockstep harness: virq_top driven cycle by cycle from
// the shared C side through the VPI module virq_tb.vpi (tb/icarus/virq_vpi.c).
// Every port of the DUT has a same-named reg/wire here; the VPI code reaches
// them by name.  +wave=FILE dumps an FST (run vvp with -fst).
`timescale 1ns/1ps
`default_nettype none

module tb_top;
    parameter integer NUM_VEC     = 32;
    parameter integer NUM_EQ      = 32;
    parameter integer NUM_FUNC    = 8;
    parameter integer EQ_MAX_LOG2 = 16;
    parameter integer ADDR_W      = 16;

    reg                clk_i = 1'b0;
    reg                rst_ni;
    reg  [ADDR_W-1:0]  s_axil_awaddr_i;
    reg                s_axil_awvalid_i;
    wire               s_axil_awready_o;
    reg  [31:0]        s_axil_wdata_i;
    reg  [3:0]         s_axil_wstrb_i;
    reg                s_axil_wvalid_i;
    wire               s_axil_wready_o;
    wire [1:0]         s_axil_bresp_o;
    wire               s_axil_bvalid_o;
    reg                s_axil_bready_i;
    reg  [ADDR_W-1:0]  s_axil_araddr_i;
    reg                s_axil_arvalid_i;
    wire               s_axil_arready_o;
    wire [31:0]        s_axil_rdata_o;
    wire [1:0]         s_axil_rresp_o;
    wire               s_axil_rvalid_o;
    reg                s_axil_rready_i;
    reg                s_evt_valid_i;
    wire               s_evt_ready_o;
    reg  [3:0]         s_evt_func_i;
    reg  [7:0]         s_evt_eq_i;
    reg  [7:0]         s_evt_code_i;
    reg  [23:0]        s_evt_param_i;
    wire               m_dma_valid_o;
    reg                m_dma_ready_i;
    wire [63:0]        m_dma_addr_o;
    wire [31:0]        m_dma_data_o;
    reg  [NUM_VEC-1:0] evt_i;
    wire [NUM_VEC-1:0] guest_irq_o;
    wire [NUM_VEC-1:0] wake_irq_o;

    virq_top #(
        .NUM_VEC     (NUM_VEC),
        .NUM_EQ      (NUM_EQ),
        .NUM_FUNC    (NUM_FUNC),
        .EQ_MAX_LOG2 (EQ_MAX_LOG2),
        .ADDR_W      (ADDR_W)
    ) dut (
        .clk_i            (clk_i),
        .rst_ni           (rst_ni),
        .s_axil_awaddr_i  (s_axil_awaddr_i),
        .s_axil_awvalid_i (s_axil_awvalid_i),
        .s_axil_awready_o (s_axil_awready_o),
        .s_axil_wdata_i   (s_axil_wdata_i),
        .s_axil_wstrb_i   (s_axil_wstrb_i),
        .s_axil_wvalid_i  (s_axil_wvalid_i),
        .s_axil_wready_o  (s_axil_wready_o),
        .s_axil_bresp_o   (s_axil_bresp_o),
        .s_axil_bvalid_o  (s_axil_bvalid_o),
        .s_axil_bready_i  (s_axil_bready_i),
        .s_axil_araddr_i  (s_axil_araddr_i),
        .s_axil_arvalid_i (s_axil_arvalid_i),
        .s_axil_arready_o (s_axil_arready_o),
        .s_axil_rdata_o   (s_axil_rdata_o),
        .s_axil_rresp_o   (s_axil_rresp_o),
        .s_axil_rvalid_o  (s_axil_rvalid_o),
        .s_axil_rready_i  (s_axil_rready_i),
        .s_evt_valid_i    (s_evt_valid_i),
        .s_evt_ready_o    (s_evt_ready_o),
        .s_evt_func_i     (s_evt_func_i),
        .s_evt_eq_i       (s_evt_eq_i),
        .s_evt_code_i     (s_evt_code_i),
        .s_evt_param_i    (s_evt_param_i),
        .m_dma_valid_o    (m_dma_valid_o),
        .m_dma_ready_i    (m_dma_ready_i),
        .m_dma_addr_o     (m_dma_addr_o),
        .m_dma_data_o     (m_dma_data_o),
        .evt_i            (evt_i),
        .guest_irq_o      (guest_irq_o),
        .wake_irq_o       (wake_irq_o)
    );

    integer status;
    reg [8*512-1:0] wave;

    initial begin
        if ($value$plusargs("wave=%s", wave)) begin
            $dumpfile(wave);
            $dumpvars(0, tb_top);
        end
        status = $virq_tb_init;
        if (status != 0) begin
            $virq_tb_exit;
            #1 $finish;
        end
        forever begin
            $virq_tb_apply;         // inputs of this cycle
            #1;                     // combinational logic settles
            status = $virq_tb_check; // compare outputs, step the model
            if (status != 0) begin
                $virq_tb_exit;      // prints the result, ends with its exit code
                #1 $finish;
            end
            clk_i = 1'b1;
            #1;
            clk_i = 1'b0;
            #1;
        end
    end
endmodule

`default_nettype wire
