// virq_axil_slave: AXI4-Lite slave front end for the virq register file.
//
// One write and one read in flight at a time.  The register file registers
// each request in its handshake cycle (virq_top keeps the decoded request)
// and answers it in the next, so no path runs from the AXI ports into the
// register file's checks, write enables or read multiplexers.
// Write: AWREADY = WREADY = AWVALID && WVALID && !BVALID && no write being
// decided (the slave waits for both address and data, which AXI permits).
// A write accepted in h (reg_wr_o) is decided in h + 1, its decision cycle,
// where the register file answers with reg_wresp_i, registered onto B: B is
// valid from h + 2, and the next write can be accepted in h + 3.
// The register file commits a write only if its response is OKAY; most
// blocks commit at the edge ending h + 1, virq_msix and the moderation
// units one edge later (from a registered accept).
// Read: ARREADY = !RVALID && no read being answered && no write being
// decided.  A read accepted in r (reg_rd_o) is answered from the register
// file's state of r + 1, its answer cycle: data and response come from the
// register file's own registers in the next cycle (reg_rdata_i,
// reg_rresp_i, registered at the edge ending r + 1, so no read multiplexer
// or ownership check runs into this block's R register); they appear on R
// in r + 3.  Holding AR off in a write's decision cycle means
// that a read is answered either before the write's decision or after its
// last effect: a read accepted in a later cycle than a write sees it, a
// read in the same cycle does not.
`default_nettype none

module virq_axil_slave #(
    parameter integer ADDR_W = 16  // AXI address width in bits, 1..32
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
    input  wire [1:0]        reg_wresp_i,  // response of the write handshake of the previous cycle
    output wire              reg_rd_o,     // read handshake this cycle
    output wire [ADDR_W-1:0] reg_raddr_o,
    input  wire [31:0]       reg_rdata_i,  // data of the read answered in the previous cycle
    input  wire [1:0]        reg_rresp_i   // its response
);

    initial begin
        if (ADDR_W < 1 || ADDR_W > 32) begin
            $display("virq_axil_slave: ADDR_W must be 1..32, got %0d", ADDR_W);
            $finish;
        end
    end

    reg        bvalid_q, bvalid_d;
    reg [1:0]  bresp_q, bresp_d;
    reg        rvalid_q, rvalid_d;
    reg        rans_q;     // a read was accepted in the previous cycle (its answer cycle)
    reg        rpend_q;    // a read was answered in the previous cycle
    reg [1:0]  rresp_q, rresp_d;
    reg [31:0] rdata_q, rdata_d;
    reg        wpend_q;    // a write was accepted in the previous cycle (its decision cycle)

    wire wr_hs = rst_ni && s_axil_awvalid_i && s_axil_wvalid_i && !bvalid_q && !wpend_q;
    wire ar_ok = rst_ni && !rvalid_q && !rans_q && !rpend_q && !wpend_q;
    wire rd_hs = s_axil_arvalid_i && ar_ok;

    always @* begin
        bvalid_d = bvalid_q && !s_axil_bready_i;
        bresp_d  = bresp_q;
        if (wpend_q) begin
            bvalid_d = 1'b1;
            bresp_d  = reg_wresp_i;
        end
        rvalid_d = rvalid_q && !s_axil_rready_i;
        rresp_d  = rresp_q;
        rdata_d  = rdata_q;
        if (rpend_q) begin
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
            rans_q   <= 1'b0;
            rpend_q  <= 1'b0;
            rresp_q  <= 2'b00;
            rdata_q  <= 32'h0;
            wpend_q  <= 1'b0;
        end else begin
            wpend_q  <= wr_hs;
            bvalid_q <= bvalid_d;
            bresp_q  <= bresp_d;
            rvalid_q <= rvalid_d;
            rans_q   <= rd_hs;
            rpend_q  <= rans_q;
            rresp_q  <= rresp_d;
            rdata_q  <= rdata_d;
        end
    end

    assign s_axil_awready_o = wr_hs;
    assign s_axil_wready_o  = wr_hs;
    assign s_axil_bvalid_o  = bvalid_q;
    assign s_axil_bresp_o   = bresp_q;
    assign s_axil_arready_o = ar_ok;
    assign s_axil_rvalid_o  = rvalid_q;
    assign s_axil_rresp_o   = rresp_q;
    assign s_axil_rdata_o   = rdata_q;

    assign reg_wr_o    = wr_hs;
    assign reg_waddr_o = s_axil_awaddr_i;
    assign reg_wdata_o = s_axil_wdata_i;
    assign reg_wstrb_o = s_axil_wstrb_i;
    assign reg_rd_o    = rd_hs;
    assign reg_raddr_o = s_axil_araddr_i;


`ifdef FORMAL
    // ---- formal properties (SymbiYosys: formal/virq_axil_slave.sby) -------
    // formal/README.md lists every property.
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    wire f_aw_hs = s_axil_awvalid_i && s_axil_awready_o;
    wire f_w_hs  = s_axil_wvalid_i  && s_axil_wready_o;
    wire f_b_hs  = s_axil_bvalid_o  && s_axil_bready_i;
    wire f_ar_hs = s_axil_arvalid_i && s_axil_arready_o;
    wire f_r_hs  = s_axil_rvalid_o  && s_axil_rready_i;

    // ---- assumptions: AXI4-Lite master rules ----
    always @(*) begin
        // start from reset
        if (!f_past_valid)
            assume(!rst_ni);
    end

    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni) begin
            // VALID held until READY, payload stable meanwhile
            if ($past(s_axil_awvalid_i && !s_axil_awready_o)) begin
                assume(s_axil_awvalid_i);
                assume(s_axil_awaddr_i == $past(s_axil_awaddr_i));
            end
            if ($past(s_axil_wvalid_i && !s_axil_wready_o)) begin
                assume(s_axil_wvalid_i);
                assume(s_axil_wdata_i == $past(s_axil_wdata_i));
                assume(s_axil_wstrb_i == $past(s_axil_wstrb_i));
            end
            if ($past(s_axil_arvalid_i && !s_axil_arready_o)) begin
                assume(s_axil_arvalid_i);
                assume(s_axil_araddr_i == $past(s_axil_araddr_i));
            end
        end

    // VALID is low in the cycle before each reset cycle of the slave: in
    // virq_top the slave's reset is the external one registered, so that
    // cycle is the master's own reset, which holds VALID low (AXI).  In
    // the slave's reset cycle VALID may already be high (a master out of
    // reset, registers.md "Bus timing"): the slave takes nothing then
    // (wr_hs and ar_ok need rst_ni).
    always @(posedge clk_i)
        if (f_past_valid && !rst_ni) begin
            assume(!$past(s_axil_awvalid_i));
            assume(!$past(s_axil_wvalid_i));
            assume(!$past(s_axil_arvalid_i));
        end

    // ---- outstanding transactions (accepted minus answered) ----
    reg [1:0] f_wr_out, f_rd_out;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_wr_out <= 2'd0;
            f_rd_out <= 2'd0;
        end else begin
            f_wr_out <= f_wr_out + (f_aw_hs ? 2'd1 : 2'd0) - (f_b_hs ? 2'd1 : 2'd0);
            f_rd_out <= f_rd_out + (f_ar_hs ? 2'd1 : 2'd0) - (f_r_hs ? 2'd1 : 2'd0);
        end

    // write handshakes of the last two cycles
    reg f_wr1 = 1'b0, f_wr2 = 1'b0;
    always @(posedge clk_i) begin
        f_wr1 <= reg_wr_o;
        f_wr2 <= f_wr1;
    end

    // ---- assertions: AXI4-Lite slave rules ----
    always @(*) begin
        // AW and W are accepted together, only with both VALIDs
        if (s_axil_awready_o)
            assert(s_axil_awvalid_i && s_axil_wvalid_i);
        if (s_axil_wready_o)
            assert(s_axil_awvalid_i && s_axil_wvalid_i);
        assert(f_aw_hs == f_w_hs);
        // the register file sees a write exactly at the AW+W handshake and
        // a read exactly at the AR handshake, with the bus payload
        assert(reg_wr_o == (f_aw_hs && f_w_hs));
        // a write handshake at most every third cycle (the register file's
        // blocks rely on it: virq_eq's doorbell context)
        if (reg_wr_o)
            assert(!f_wr1 && !f_wr2);
        assert(reg_rd_o == f_ar_hs);
        assert(reg_waddr_o == s_axil_awaddr_i);
        assert(reg_wdata_o == s_axil_wdata_i);
        assert(reg_wstrb_o == s_axil_wstrb_i);
        assert(reg_raddr_o == s_axil_araddr_i);
        if (f_past_valid) begin
            // one response per accepted request: at most one outstanding,
            // and a response is pending exactly when one is outstanding
            assert(f_wr_out <= 2'd1);
            assert(f_rd_out <= 2'd1);
            assert((s_axil_bvalid_o || wpend_q) == (f_wr_out == 2'd1));
            assert(!(s_axil_bvalid_o && wpend_q));
            assert((s_axil_rvalid_o || rans_q || rpend_q) == (f_rd_out == 2'd1));
            assert(!(s_axil_rvalid_o && rpend_q) && !(s_axil_rvalid_o && rans_q) && !(rans_q && rpend_q));
            // no new request is accepted while its response is pending
            if (s_axil_bvalid_o || wpend_q)
                assert(!s_axil_awready_o && !s_axil_wready_o);
            if (s_axil_rvalid_o || rans_q || rpend_q)
                assert(!s_axil_arready_o);
        end
    end
    // no read is accepted in the cycle after a write handshake (the
    // write's decision cycle), and that is the only extra wait
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni) begin
            if ($past(f_aw_hs))
                assert(!s_axil_arready_o);
            if (!$past(f_aw_hs) && !s_axil_rvalid_o && !rans_q && !rpend_q)
                assert(s_axil_arready_o);
        end

    always @(posedge clk_i)
        if (f_past_valid) begin
            if (!$past(rst_ni)) begin
                // reset clears the VALIDs
                assert(!s_axil_bvalid_o);
                assert(!s_axil_rvalid_o);
            end else begin
                // VALID held until READY, response/data stable meanwhile
                if ($past(s_axil_bvalid_o && !s_axil_bready_i)) begin
                    assert(s_axil_bvalid_o);
                    assert(s_axil_bresp_o == $past(s_axil_bresp_o));
                end
                if ($past(s_axil_rvalid_o && !s_axil_rready_i)) begin
                    assert(s_axil_rvalid_o);
                    assert(s_axil_rresp_o == $past(s_axil_rresp_o));
                    assert(s_axil_rdata_o == $past(s_axil_rdata_o));
                end
                // a response appears only after its request, and carries the
                // register file's answer of the handshake cycle
                if (s_axil_bvalid_o && !$past(s_axil_bvalid_o))
                    assert($past(wpend_q));
                if (s_axil_rvalid_o && !$past(s_axil_rvalid_o))
                    assert($past(rpend_q));
                if (rans_q)
                    assert($past(f_ar_hs));
                if (rpend_q)
                    assert($past(rans_q));
                // the write's response from the register file in the cycle
                // after the handshake (its decision cycle), on B in the next
                if ($past(f_aw_hs))
                    assert(wpend_q && !s_axil_bvalid_o);
                if ($past(wpend_q))
                    assert(s_axil_bvalid_o && s_axil_bresp_o == $past(reg_wresp_i));
                if (wpend_q)
                    assert($past(f_aw_hs));
                // the read's answer cycle is the one after the handshake;
                // its data and response from the register file in the cycle
                // after that, on R in the next
                if ($past(f_ar_hs))
                    assert(rans_q && !rpend_q && !s_axil_rvalid_o);
                if ($past(rans_q))
                    assert(rpend_q && !s_axil_rvalid_o);
                if ($past(rpend_q))
                    assert(s_axil_rvalid_o && s_axil_rresp_o == $past(reg_rresp_i)
                           && s_axil_rdata_o == $past(reg_rdata_i));
            end
        end

    // ---- covers ----
    reg f_past2;
    initial f_past2 = 1'b0;
    always @(posedge clk_i)
        f_past2 <= f_past_valid;

    always @(posedge clk_i)
        if (f_past2 && rst_ni && $past(rst_ni)) begin
            // a write completes (B handshake), also with an error response
            cover(f_b_hs);
            cover(f_b_hs && s_axil_bresp_o == 2'b10);
            // a read completes (R handshake)
            cover(f_r_hs);
            // back-to-back writes at the maximum rate (every third cycle)
            cover(f_aw_hs && $past(f_aw_hs, 3) && $past(rst_ni, 3));
            // two B handshakes in consecutive write slots
            cover(f_b_hs && $past(f_b_hs, 3) && $past(rst_ni, 3));
            // back-to-back reads (every fourth cycle) and a write and a read
            // in the same cycle
            cover(f_ar_hs && $past(f_ar_hs, 4) && $past(rst_ni, 4));
            cover(f_aw_hs && f_ar_hs);
            // a read held off for the cycle after a write handshake
            cover(s_axil_arvalid_i && !s_axil_arready_o && !s_axil_rvalid_o);
            // a response held under backpressure
            cover(s_axil_bvalid_o && $past(s_axil_bvalid_o && !s_axil_bready_i)
                  && s_axil_bready_i);
        end
`endif // FORMAL

endmodule

`default_nettype wire
