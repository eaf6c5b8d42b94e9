// virq_tick: the moderation time base. One tick every DIV+1 clock cycles.
//
// tick_o is high in every cycle in which the prescaler counter is zero.
// Writing DIV (wr_i) loads the counter with the new value, so the first tick
// after a write comes DIV+1 cycles after the write cycle; afterwards every
// DIV+1 cycles.  Reset: DIV = 0 and counter = 0 (a tick every cycle).
// tick_next_o is tick_o of the next cycle, provided DIV is not written in
// this one (virq_msix looks one edge ahead with it, docs/msix.md).
`default_nettype none

module virq_tick #(
    parameter integer DIV_W = 16  // width of the divider register
) (
    input  wire             clk_i,
    input  wire             rst_ni,   // synchronous, active low
    input  wire             wr_i,     // write DIV this cycle
    input  wire [DIV_W-1:0] wdata_i,  // new DIV
    output wire [DIV_W-1:0] div_o,    // current DIV (register read-back)
    output wire             tick_o,   // one-cycle tick strobe
    output wire             tick_next_o // tick_o of the next cycle if wr_i is low now
);

    initial begin
        if (DIV_W < 1 || DIV_W > 32) begin
            $display("virq_tick: DIV_W must be 1..32, got %0d", DIV_W);
            $finish;
        end
    end

    reg [DIV_W-1:0] div_q, div_d;
    reg [DIV_W-1:0] cnt_q, cnt_d;
    // tick_q == (cnt_q == 0), kept in a register (computed from the next
    // counter value) so the strobe that reaches every moderation unit and
    // the lease logic starts at a flip-flop, not at a DIV_W-bit zero test
    reg             tick_q;

    // tn_q == (tick_q ? DIV == 0 : counter == 1), tick_o of the next cycle
    // with no write now, also a register (computed from this cycle's next
    // values), so virq_msix's lease look-ahead and the window write checks
    // behind it start at a flip-flop, not at two DIV_W-bit compares
    reg             tn_q;
    localparam [DIV_W-1:0] ONE = {{(DIV_W-1){1'b0}}, 1'b1};

    assign tick_o = tick_q;
    assign div_o  = div_q;
    assign tick_next_o = tn_q;

    always @* begin
        div_d = div_q;
        cnt_d = tick_o ? div_q : cnt_q - {{(DIV_W-1){1'b0}}, 1'b1};
        if (wr_i) begin
            div_d = wdata_i;
            cnt_d = wdata_i;
        end
    end

    always @(posedge clk_i) begin
        if (!rst_ni) begin
            div_q  <= {DIV_W{1'b0}};
            cnt_q  <= {DIV_W{1'b0}};
            tick_q <= 1'b1;
            tn_q   <= 1'b1;
        end else begin
            div_q  <= div_d;
            cnt_q  <= cnt_d;
            // (cnt_d == 0), from the lookahead without the subtraction
            tick_q <= wr_i ? (wdata_i == {DIV_W{1'b0}}) : tick_next_o;
            // the next cycle's look-ahead, (tick_q ? div_q == 0 : cnt_q == 1)
            // of the values loaded at this edge, without the subtraction:
            // after a write, a tick (DIV 0) or a counter of 1 (DIV 1); else
            // a tick next cycle finds DIV, none finds the counter less one
            tn_q   <= wr_i  ? (wdata_i <= ONE) :
                      tn_q  ? (div_q == {DIV_W{1'b0}}) :
                      tick_q ? (div_q == ONE) : (cnt_q == ONE + ONE);
        end
    end


`ifdef FORMAL
    // ---- formal properties (SymbiYosys: formal/virq_tick.sby) -------------
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // Start from reset.
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    // f_cyc: cycles since the last tick, DIV write or reset (1 in the cycle
    // right after it).  f_nticks: ticks since the last DIV write (saturates).
    reg [DIV_W:0] f_cyc;
    reg [1:0]     f_nticks;
    always @(posedge clk_i)
        if (!rst_ni || wr_i || tick_o)
            f_cyc <= {{DIV_W{1'b0}}, 1'b1};
        else
            f_cyc <= f_cyc + 1'b1;
    always @(posedge clk_i)
        if (!rst_ni || wr_i)
            f_nticks <= 2'd0;
        else if (tick_o && f_nticks != 2'd3)
            f_nticks <= f_nticks + 2'd1;

    always @(*) begin
        if (f_past_valid) begin
            // tick_o iff the prescaler counter is zero (tick_q is the
            // registered zero test; arbitrary before the first reset)
            assert(tick_o == (cnt_q == {DIV_W{1'b0}}));
            // tn_q is the registered look-ahead
            assert(tn_q == (tick_o ? (div_q == {DIV_W{1'b0}}) : (cnt_q == ONE)));
            // the counter never exceeds DIV
            assert(cnt_q <= div_q);
            // exact schedule: f_cyc + counter == DIV + 1, so with no write a
            // tick comes exactly DIV+1 cycles after the previous tick/write
            assert(f_cyc + {1'b0, cnt_q} == {1'b0, div_q} + 1'b1);
            if (tick_o)
                assert(f_cyc == {1'b0, div_q} + 1'b1);
            else
                assert(f_cyc <= {1'b0, div_q});
        end
    end

    always @(posedge clk_i)
        if (f_past_valid) begin
            if (!$past(rst_ni)) begin
                // reset: DIV = 0, counter = 0 (a tick every cycle)
                assert(div_q == {DIV_W{1'b0}});
                assert(cnt_q == {DIV_W{1'b0}});
            end else if ($past(wr_i)) begin
                // a write loads DIV and the counter
                assert(div_q == $past(wdata_i));
                assert(cnt_q == $past(wdata_i));
            end else begin
                // the lookahead was right
                assert(tick_o == $past(tick_next_o));
                assert(div_q == $past(div_q));
                if ($past(tick_o))
                    assert(cnt_q == $past(div_q));
                else
                    assert(cnt_q == $past(cnt_q) - 1'b1);
            end
        end

    // Two ticks DIV+1 = 4 cycles apart with DIV = 3 (both after the write).
    always @(posedge clk_i)
        if (f_past_valid && rst_ni) begin
            cover(tick_o && div_q == 3 && f_nticks >= 2'd1 && f_cyc == 4);
            cover(tick_o && div_q == 3 && f_nticks >= 2'd2);
        end
`endif // FORMAL

endmodule

`default_nettype wire
