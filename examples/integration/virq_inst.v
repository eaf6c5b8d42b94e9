// virq_inst: an example of dropping virq_top into a NIC or FPGA design,
// written for docs/integration.md (which shows an excerpt of it).
// `make lint` checks it with `verilator --lint-only -Wall` (check
// lint-virq_inst), so it follows virq_top's ports and parameters.
//
// What it shows besides the instance itself:
// - the reset: an asynchronous active-low reset from the board or PCIe
//   core, brought into clk_i's domain by two flip-flops; virq_top takes
//   the second one's output as its synchronous rst_ni (it needs no fan-out
//   tree: it registers rst_ni itself, once per block);
// - the register bus: the interconnect decodes virq's 2^ADDR_W-byte
//   region and hands over the low ADDR_W address bits, the offset inside
//   it (virq_top decodes every bit it gets: a nonzero offset above its
//   windows answers DECERR);
// - global events: gev_i counts one event per cycle high, so status
//   levels (synchronized by two flip-flops) become one-cycle pulses here
//   (link: either edge; the others: rising edge);
// - intx_o: combinational logic over many flip-flops inside virq_top
//   (a level), registered once here before it goes anywhere else.
// Everything runs on clk_i: virq_top has one clock and no clock-domain
// crossing inside.
`default_nettype none

module virq_inst #(
    // sizes of this example: a four-function NIC (PF + 3 VFs) with
    // 16 vectors and 64 event queues of up to 4096 entries
    parameter integer NUM_VEC     = 16,
    parameter integer NUM_EQ      = 64,
    parameter integer NUM_FUNC    = 4,
    parameter integer EQ_MAX_LOG2 = 12,
    parameter integer ADDR_W      = 17,   // 128 KiB: PF window + four 4 KiB function windows
    parameter integer NUM_PRS     = 64,
    parameter integer NUM_CPU     = 16
) (
    input  wire               clk_i,
    input  wire               arst_ni,        // asynchronous, active low (board / PCIe core)
    // AXI4-Lite from the interconnect: full 32-bit addresses, virq's
    // region aligned to 2^ADDR_W bytes
    input  wire [31:0]        s_axil_awaddr_i,
    input  wire               s_axil_awvalid_i,
    output wire               s_axil_awready_o,
    input  wire [31:0]        s_axil_wdata_i,
    input  wire [3:0]         s_axil_wstrb_i,
    input  wire               s_axil_wvalid_i,
    output wire               s_axil_wready_o,
    output wire [1:0]         s_axil_bresp_o,
    output wire               s_axil_bvalid_o,
    input  wire               s_axil_bready_i,
    input  wire [31:0]        s_axil_araddr_i,
    input  wire               s_axil_arvalid_i,
    output wire               s_axil_arready_o,
    output wire [31:0]        s_axil_rdata_o,
    output wire [1:0]         s_axil_rresp_o,
    output wire               s_axil_rvalid_o,
    input  wire               s_axil_rready_i,
    // receive-side events from the NIC's datapath
    input  wire               rx_evt_valid_i,
    output wire               rx_evt_ready_o,
    input  wire [3:0]         rx_evt_func_i,
    input  wire [7:0]         rx_evt_eq_i,
    input  wire [7:0]         rx_evt_code_i,
    input  wire [23:0]        rx_evt_param_i,
    input  wire [2:0]         rx_evt_htype_i,
    input  wire [287:0]       rx_evt_tuple_i,
    input  wire [NUM_VEC-1:0] rx_pkt_i,       // a packet for vector v's guest (strobe)
    // status levels, turned into global events
    input  wire               link_up_i,
    input  wire               ecc_err_i,
    input  wire               gpio_i,
    input  wire               ext_irq_i,
    // posted 4-byte writes to host memory, to the DMA engine / PCIe core
    output wire               dma_wr_valid_o,
    input  wire               dma_wr_ready_i,
    output wire [63:0]        dma_wr_addr_o,
    output wire [31:0]        dma_wr_data_o,
    output wire [3:0]         dma_wr_func_o,  // requester: the function whose queue is written
    // MSI-X messages, to the PCIe core's MSI-X interface
    output wire               msix_valid_o,
    input  wire               msix_ready_i,
    output wire [63:0]        msix_addr_o,
    output wire [31:0]        msix_data_o,
    output wire [3:0]         msix_func_o,
    // interrupt side bands
    output wire [NUM_VEC-1:0] guest_irq_o,
    output wire [NUM_VEC-1:0] wake_irq_o,     // to the hypervisor's wake-up input (each cycle high: one wake-up)
    output reg                intx_o          // shared INTx level, registered
);

    // ---- reset: two flip-flops in clk_i's domain ------------------------------
    // Low while arst_ni is low (from the second edge), high two edges after
    // it rises; the clock must run meanwhile (virq's reset is synchronous).
    reg [1:0] rst_sync_q;
    always @(posedge clk_i)
        rst_sync_q <= {rst_sync_q[0], arst_ni};
    wire rst_n = rst_sync_q[1];

    // ---- global events from levels ----------------------------------------------
    // The levels may come from a pin or another clock: two flip-flops bring
    // them into clk_i's domain, and the edge detector compares the second
    // with a third, so gev_i is a gate over flip-flops
    reg  [3:0] lvl_s_q, lvl_q, lvl_d_q;
    always @(posedge clk_i) begin
        lvl_s_q <= {ext_irq_i, gpio_i, ecc_err_i, link_up_i};
        lvl_q   <= lvl_s_q;
        lvl_d_q <= lvl_q;
    end
    wire [3:0] gev = {lvl_q[3:1] & ~lvl_d_q[3:1],   // external, GPIO, ECC: rising edge
                      lvl_q[0] ^ lvl_d_q[0]};       // link: any change

    // ---- the engine ----------------------------------------------------------------
    wire intx;
    /* verilator lint_off UNUSEDSIGNAL */  // the address bits above ADDR_W: the interconnect's decode
    wire [31:0] awaddr = s_axil_awaddr_i;
    wire [31:0] araddr = s_axil_araddr_i;
    /* verilator lint_on UNUSEDSIGNAL */
    /* verilator lint_off PINCONNECTEMPTY */  // m_msi_vec_o: for tracing only
    virq_top #(
        .NUM_VEC     (NUM_VEC),
        .NUM_EQ      (NUM_EQ),
        .NUM_FUNC    (NUM_FUNC),
        .EQ_MAX_LOG2 (EQ_MAX_LOG2),
        .ADDR_W      (ADDR_W),
        .NUM_PRS     (NUM_PRS),
        .NUM_CPU     (NUM_CPU)
    ) u_virq (
        .clk_i            (clk_i),
        .rst_ni           (rst_n),
        .s_axil_awaddr_i  (awaddr[ADDR_W-1:0]),
        .s_axil_awvalid_i (s_axil_awvalid_i),
        .s_axil_awready_o (s_axil_awready_o),
        .s_axil_wdata_i   (s_axil_wdata_i),
        .s_axil_wstrb_i   (s_axil_wstrb_i),
        .s_axil_wvalid_i  (s_axil_wvalid_i),
        .s_axil_wready_o  (s_axil_wready_o),
        .s_axil_bresp_o   (s_axil_bresp_o),
        .s_axil_bvalid_o  (s_axil_bvalid_o),
        .s_axil_bready_i  (s_axil_bready_i),
        .s_axil_araddr_i  (araddr[ADDR_W-1:0]),
        .s_axil_arvalid_i (s_axil_arvalid_i),
        .s_axil_arready_o (s_axil_arready_o),
        .s_axil_rdata_o   (s_axil_rdata_o),
        .s_axil_rresp_o   (s_axil_rresp_o),
        .s_axil_rvalid_o  (s_axil_rvalid_o),
        .s_axil_rready_i  (s_axil_rready_i),
        .s_evt_valid_i    (rx_evt_valid_i),
        .s_evt_ready_o    (rx_evt_ready_o),
        .s_evt_func_i     (rx_evt_func_i),
        .s_evt_eq_i       (rx_evt_eq_i),
        .s_evt_code_i     (rx_evt_code_i),
        .s_evt_param_i    (rx_evt_param_i),
        .s_evt_htype_i    (rx_evt_htype_i),
        .s_evt_tuple_i    (rx_evt_tuple_i),
        .gev_i            (gev),
        .m_dma_valid_o    (dma_wr_valid_o),
        .m_dma_ready_i    (dma_wr_ready_i),
        .m_dma_addr_o     (dma_wr_addr_o),
        .m_dma_data_o     (dma_wr_data_o),
        .m_dma_func_o     (dma_wr_func_o),
        .evt_i            (rx_pkt_i),
        .guest_irq_o      (guest_irq_o),
        .wake_irq_o       (wake_irq_o),
        .m_msi_valid_o    (msix_valid_o),
        .m_msi_ready_i    (msix_ready_i),
        .m_msi_addr_o     (msix_addr_o),
        .m_msi_data_o     (msix_data_o),
        .m_msi_func_o     (msix_func_o),
        .m_msi_vec_o      (),
        .intx_o           (intx)
    );
    /* verilator lint_on PINCONNECTEMPTY */

    always @(posedge clk_i)
        if (!rst_n)
            intx_o <= 1'b0;
        else
            intx_o <= intx;

endmodule

`default_nettype wire
