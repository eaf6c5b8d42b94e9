// virq_mod_unit: one cooperated interrupt moderation unit (seed 000/001).
//
// State: latency interval + counter, overflow interval + counter, event flag,
// guest state (variant A), variant select, latency-path enable (variant B).
// Counters hold the ticks left until their interval expires; 0 = expired.
// Every tick decrements a non-zero counter; a restart loads the interval.
//
// Cycle timing (docs/moderation.md has the worked examples):
//   evt_i in cycle c             -> event flag set in cycle c+1
//   flag set and governing interval expired in cycle f -> fire in cycle f,
//                                   irq output high in cycle f+1 (one cycle)
//   register write in cycle w    -> visible in cycle w+1
//   an interval of N ticks restarted in cycle r expires in the cycle after
//   the N-th tick that follows r.
//
// Variant A (VARIANT_B = 0, seed FIG. 3A/3B): the guest-state bit selects the
// governing interval.  Active: flag && latency expired -> guest interrupt,
// latency counter restarts.  Inactive: flag && overflow expired -> wake
// interrupt to the hypervisor, overflow counter restarts.  Writing the guest
// state from active to inactive restarts the overflow counter.
// Variant B (VARIANT_B = 1, FIG. 4A/4B): no guest state.  The latency path is
// enabled by the guest driver restarting the latency counter (LAT_RESTART or
// a write of LAT_IVL) and disabled by every interrupt.  flag && latency path
// enabled && latency expired -> guest interrupt; otherwise flag && overflow
// expired -> wake interrupt.  Every interrupt restarts the overflow counter.
// In both variants an event arriving in the cycle of an interrupt sets the
// flag again, so no event is ever left without a following interrupt.
`default_nettype none

module virq_mod_unit #(
    parameter integer CNT_W = 16  // width of intervals and counters, in ticks
) (
    input  wire             clk_i,
    input  wire             rst_ni,          // synchronous, active low
    input  wire             tick_i,          // time base strobe
    input  wire             evt_i,           // an event for this vector
    // register writes (one-cycle strobes, data already checked)
    input  wire             wr_lat_ivl_i,    // write LAT_IVL
    input  wire             wr_ovf_ivl_i,    // write OVF_IVL
    input  wire             wr_ctrl_i,       // write CTRL
    input  wire             wr_cmd_i,        // write CMD
    input  wire [CNT_W-1:0] wr_ivl_i,        // interval value for LAT/OVF_IVL
    input  wire             wr_active_i,     // CTRL.GUEST_ACTIVE
    input  wire             wr_variant_b_i,  // CTRL.VARIANT_B
    input  wire             wr_lat_restart_i,// CMD.LAT_RESTART
    input  wire             wr_ovf_restart_i,// CMD.OVF_RESTART
    // state for register reads
    output wire [CNT_W-1:0] lat_ivl_o,
    output wire [CNT_W-1:0] ovf_ivl_o,
    output wire [CNT_W-1:0] lat_cnt_o,
    output wire [CNT_W-1:0] ovf_cnt_o,
    output wire             active_o,
    output wire             variant_b_o,
    output wire             flag_o,
    output wire             lat_run_o,
    // interrupts (registered, one-cycle pulses)
    output wire             guest_irq_o,     // to the guest's vector
    output wire             wake_irq_o       // to the hypervisor: wake this guest
);

    localparam [CNT_W-1:0] ZERO = {CNT_W{1'b0}};
    localparam [CNT_W-1:0] ONE  = {{(CNT_W-1){1'b0}}, 1'b1};

    reg [CNT_W-1:0] lat_ivl_q, lat_ivl_d;
    reg [CNT_W-1:0] ovf_ivl_q, ovf_ivl_d;
    reg [CNT_W-1:0] lat_cnt_q, lat_cnt_d;
    reg [CNT_W-1:0] ovf_cnt_q, ovf_cnt_d;
    reg             active_q, active_d;
    reg             variant_b_q, variant_b_d;
    reg             flag_q, flag_d;
    reg             lat_run_q, lat_run_d;
    reg             guest_irq_q, wake_irq_q;

    wire lat_exp = (lat_cnt_q == ZERO);
    wire ovf_exp = (ovf_cnt_q == ZERO);

    // Which interrupt fires this cycle.
    reg fire_guest, fire_wake;
    always @* begin
        if (variant_b_q) begin
            fire_guest = flag_q && lat_run_q && lat_exp;
            fire_wake  = flag_q && ovf_exp && !(lat_run_q && lat_exp);
        end else begin
            fire_guest = flag_q && active_q && lat_exp;
            fire_wake  = flag_q && !active_q && ovf_exp;
        end
    end
    wire fire = fire_guest || fire_wake;

    always @* begin
        // Dynamics: events, ticks and interrupts.
        lat_ivl_d   = lat_ivl_q;
        ovf_ivl_d   = ovf_ivl_q;
        active_d    = active_q;
        variant_b_d = variant_b_q;
        flag_d      = evt_i || (flag_q && !fire);
        lat_run_d   = lat_run_q && !(variant_b_q && fire);

        if (!variant_b_q && fire_guest)
            lat_cnt_d = lat_ivl_q;
        else if (tick_i && !lat_exp)
            lat_cnt_d = lat_cnt_q - ONE;
        else
            lat_cnt_d = lat_cnt_q;

        if (fire_wake || (variant_b_q && fire))
            ovf_cnt_d = ovf_ivl_q;
        else if (tick_i && !ovf_exp)
            ovf_cnt_d = ovf_cnt_q - ONE;
        else
            ovf_cnt_d = ovf_cnt_q;

        // Register writes override the dynamics.
        if (wr_lat_ivl_i) begin
            lat_ivl_d = wr_ivl_i;
            lat_cnt_d = wr_ivl_i;
            lat_run_d = 1'b1;
        end
        if (wr_ovf_ivl_i) begin
            ovf_ivl_d = wr_ivl_i;
            ovf_cnt_d = wr_ivl_i;
        end
        if (wr_ctrl_i) begin
            active_d    = wr_active_i;
            variant_b_d = wr_variant_b_i;
            if (active_q && !wr_active_i && !wr_variant_b_i)
                ovf_cnt_d = ovf_ivl_q;  // scheduled out: start the overflow interval
        end
        if (wr_cmd_i) begin
            if (wr_lat_restart_i) begin
                lat_cnt_d = lat_ivl_q;
                lat_run_d = 1'b1;
            end
            if (wr_ovf_restart_i)
                ovf_cnt_d = ovf_ivl_q;
        end
    end

    always @(posedge clk_i) begin
        if (!rst_ni) begin
            lat_ivl_q   <= ZERO;
            ovf_ivl_q   <= ZERO;
            lat_cnt_q   <= ZERO;
            ovf_cnt_q   <= ZERO;
            active_q    <= 1'b0;
            variant_b_q <= 1'b0;
            flag_q      <= 1'b0;
            lat_run_q   <= 1'b1;
            guest_irq_q <= 1'b0;
            wake_irq_q  <= 1'b0;
        end else begin
            lat_ivl_q   <= lat_ivl_d;
            ovf_ivl_q   <= ovf_ivl_d;
            lat_cnt_q   <= lat_cnt_d;
            ovf_cnt_q   <= ovf_cnt_d;
            active_q    <= active_d;
            variant_b_q <= variant_b_d;
            flag_q      <= flag_d;
            lat_run_q   <= lat_run_d;
            guest_irq_q <= fire_guest;
            wake_irq_q  <= fire_wake;
        end
    end

    assign lat_ivl_o   = lat_ivl_q;
    assign ovf_ivl_o   = ovf_ivl_q;
    assign lat_cnt_o   = lat_cnt_q;
    assign ovf_cnt_o   = ovf_cnt_q;
    assign active_o    = active_q;
    assign variant_b_o = variant_b_q;
    assign flag_o      = flag_q;
    assign lat_run_o   = lat_run_q;
    assign guest_irq_o = guest_irq_q;
    assign wake_irq_o  = wake_irq_q;

endmodule

`default_nettype wire
