// virq_tick: the moderation time base. One tick every DIV+1 clock cycles.
//
// tick_o is high in every cycle in which the prescaler counter is zero.
// Writing DIV (wr_i) loads the counter with the new value, so the first tick
// after a write comes DIV+1 cycles after the write cycle; afterwards every
// DIV+1 cycles.  Reset: DIV = 0 and counter = 0 (a tick every cycle).
`default_nettype none

module virq_tick #(
    parameter integer DIV_W = 16  // width of the divider register
) (
    input  wire             clk_i,
    input  wire             rst_ni,   // synchronous, active low
    input  wire             wr_i,     // write DIV this cycle
    input  wire [DIV_W-1:0] wdata_i,  // new DIV
    output wire [DIV_W-1:0] div_o,    // current DIV (register read-back)
    output wire             tick_o    // one-cycle tick strobe
);

    initial begin
        if (DIV_W < 1 || DIV_W > 32) begin
            $display("virq_tick: DIV_W must be 1..32, got %0d", DIV_W);
            $finish;
        end
    end

    reg [DIV_W-1:0] div_q, div_d;
    reg [DIV_W-1:0] cnt_q, cnt_d;

    assign tick_o = (cnt_q == {DIV_W{1'b0}});
    assign div_o  = div_q;

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
            div_q <= {DIV_W{1'b0}};
            cnt_q <= {DIV_W{1'b0}};
        end else begin
            div_q <= div_d;
            cnt_q <= cnt_d;
        end
    end

endmodule

`default_nettype wire
