// virq_axil_slave: AXI4-Lite slave front end for the virq register file.
//
// One write and one read in flight at a time, independent of each other.
// Write: AWREADY = WREADY = AWVALID && WVALID && !BVALID (the slave waits for
// both address and data, which AXI permits); the register file sees the write
// in that handshake cycle (reg_wr_o) and answers combinationally with the
// response, which is registered onto B in the next cycle.  A write is
// accepted at most every other cycle.
// Read: ARREADY = !RVALID; the register file answers the read combinationally
// in the handshake cycle; data and response appear on R in the next cycle.
// The register file commits a write only if its response is OKAY.
`default_nettype none

module virq_axil_slave #(
    parameter integer ADDR_W = 16  // AXI address width in bits
) (
    input  wire              clk_i,
    input  wire              rst_ni,            // synchronous, active low
    // AXI4-Lite slave
    input  wire [ADDR_W-1:0] s_axil_awaddr_i,
    input  wire              s_axil_awvalid_i,
    output wire              s_axil_awready_o,
    input  wire [31:0]       s_axil_wdata_i,
    input  wire [3:0]        s_axil_wstrb_i,
    input  wire              s_axil_wvalid_i,
    output wire              s_axil_wready_o,
    output wire [1:0]        s_axil_bresp_o,
    output wire              s_axil_bvalid_o,
    input  wire              s_axil_bready_i,
    input  wire [ADDR_W-1:0] s_axil_araddr_i,
    input  wire              s_axil_arvalid_i,
    output wire              s_axil_arready_o,
    output wire [31:0]       s_axil_rdata_o,
    output wire [1:0]        s_axil_rresp_o,
    output wire              s_axil_rvalid_o,
    input  wire              s_axil_rready_i,
    // register file
    output wire              reg_wr_o,     // write handshake this cycle
    output wire [ADDR_W-1:0] reg_waddr_o,
    output wire [31:0]       reg_wdata_o,
    output wire [3:0]        reg_wstrb_o,
    input  wire [1:0]        reg_wresp_i,  // response for reg_waddr_o/wdata/wstrb
    output wire              reg_rd_o,     // read handshake this cycle
    output wire [ADDR_W-1:0] reg_raddr_o,
    input  wire [31:0]       reg_rdata_i,
    input  wire [1:0]        reg_rresp_i
);

    reg        bvalid_q, bvalid_d;
    reg [1:0]  bresp_q, bresp_d;
    reg        rvalid_q, rvalid_d;
    reg [1:0]  rresp_q, rresp_d;
    reg [31:0] rdata_q, rdata_d;

    wire wr_hs = s_axil_awvalid_i && s_axil_wvalid_i && !bvalid_q;
    wire rd_hs = s_axil_arvalid_i && !rvalid_q;

    always @* begin
        bvalid_d = bvalid_q && !s_axil_bready_i;
        bresp_d  = bresp_q;
        if (wr_hs) begin
            bvalid_d = 1'b1;
            bresp_d  = reg_wresp_i;
        end
        rvalid_d = rvalid_q && !s_axil_rready_i;
        rresp_d  = rresp_q;
        rdata_d  = rdata_q;
        if (rd_hs) begin
            rvalid_d = 1'b1;
            rresp_d  = reg_rresp_i;
            rdata_d  = reg_rdata_i;
        end
    end

    always @(posedge clk_i) begin
        if (!rst_ni) begin
            bvalid_q <= 1'b0;
            bresp_q  <= 2'b00;
            rvalid_q <= 1'b0;
            rresp_q  <= 2'b00;
            rdata_q  <= 32'h0;
        end else begin
            bvalid_q <= bvalid_d;
            bresp_q  <= bresp_d;
            rvalid_q <= rvalid_d;
            rresp_q  <= rresp_d;
            rdata_q  <= rdata_d;
        end
    end

    assign s_axil_awready_o = wr_hs;
    assign s_axil_wready_o  = wr_hs;
    assign s_axil_bvalid_o  = bvalid_q;
    assign s_axil_bresp_o   = bresp_q;
    assign s_axil_arready_o = !rvalid_q;
    assign s_axil_rvalid_o  = rvalid_q;
    assign s_axil_rresp_o   = rresp_q;
    assign s_axil_rdata_o   = rdata_q;

    assign reg_wr_o    = wr_hs;
    assign reg_waddr_o = s_axil_awaddr_i;
    assign reg_wdata_o = s_axil_wdata_i;
    assign reg_wstrb_o = s_axil_wstrb_i;
    assign reg_rd_o    = rd_hs;
    assign reg_raddr_o = s_axil_araddr_i;

endmodule

`default_nettype wire
