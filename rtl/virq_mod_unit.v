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
    parameter integer CNT_W = 16  // width of intervals and counters, in ticks, 2..32
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
    input  wire             wr_ivl_zero_i,   // wr_ivl_i == 0 (computed once, registered,
    input  wire             wr_ivl_one_i,    // wr_ivl_i == 1  by virq_moderation)
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
    output wire             wake_irq_o,      // to the hypervisor: wake this guest
    output wire             fire_o           // the unit interrupts this cycle (combinational)
);

    initial begin
        if (CNT_W < 2 || CNT_W > 32) begin
            $display("virq_mod_unit: CNT_W must be 2..32, got %0d", CNT_W);
            $finish;
        end
    end

    localparam [CNT_W-1:0] ZERO = {CNT_W{1'b0}};
    localparam [CNT_W-1:0] ONE  = {{(CNT_W-1){1'b0}}, 1'b1};
    localparam [CNT_W-1:0] TWO  = {{(CNT_W-2){1'b0}}, 2'b10};  // CNT_W >= 2

    reg [CNT_W-1:0] lat_ivl_q, lat_ivl_d;
    reg [CNT_W-1:0] ovf_ivl_q, ovf_ivl_d;
    reg [CNT_W-1:0] lat_cnt_q, lat_cnt_d;
    reg [CNT_W-1:0] ovf_cnt_q, ovf_cnt_d;
    reg             active_q, active_d;
    reg             variant_b_q, variant_b_d;
    reg             flag_q, flag_d;
    reg             lat_run_q, lat_run_d;
    reg             guest_irq_q, wake_irq_q;

    // lat_exp = (lat_cnt_q == 0), ovf_exp = (ovf_cnt_q == 0), kept in
    // registers beside the counters: each next-state case of a counter also
    // gives the flag's next value without a zero test of the new count
    // (reload: the interval is 0; decrement: the count is 1 now; write: the
    // written value is 0; hold: unchanged).  The firing decision is then one
    // LUT level from the flags instead of a 16-bit zero test.
    reg  lat_exp_q, lat_exp_d;
    reg  ovf_exp_q, ovf_exp_d;
    wire lat_exp = lat_exp_q;
    wire ovf_exp = ovf_exp_q;
    // the same for the intervals (updated by their writes), and the
    // "expires at the next tick" tests of the counters
    reg  lat_ivl_zero_q, ovf_ivl_zero_q;
    wire lat_ivl_zero = lat_ivl_zero_q;
    wire ovf_ivl_zero = ovf_ivl_zero_q;
    wire wr_ivl_zero  = wr_ivl_zero_i;
    // "expires at the next tick": lat_one_q = (lat_cnt_q == 1), likewise
    // ovf_one_q and the intervals' ivl_one flags, kept the same way, so the
    // expiry flags' next value needs no 16-bit compare either
    reg  lat_one_q, lat_one_d, ovf_one_q, ovf_one_d;
    reg  lat_ivl_one_q, ovf_ivl_one_q;
    wire wr_ivl_one   = wr_ivl_one_i;

    // Which interrupt fires this cycle:
    //   A: guest = flag && active && lat_exp, wake = flag && !active && ovf_exp
    //   B: guest = flag && lat_run && lat_exp,
    //      wake  = flag && ovf_exp && !(lat_run && lat_exp)
    // Both decisions are registered: computed from the next-state values
    // (below), so fire_guest_q/fire_wake_q equal these conditions on the
    // current state, and the counters' reload choice starts at a register.
    reg  fire_guest_q, fire_wake_q;
    wire fire_guest = fire_guest_q;
    wire fire_wake  = fire_wake_q;
    wire fire = fire_guest || fire_wake;
    // The counters' reloads by an interrupt, registered the same way
    // (lat_rl_q == !variant_b_q && fire_guest, ovf_rl_q == fire_wake ||
    // (variant_b_q && fire); asserted): each starts the counter's reload
    // choice at a flip-flop of its own instead of at the fire decision,
    // which also fans out to the flag and to virq_eq.
    reg  lat_rl_q, ovf_rl_q;

    always @* begin
        // Dynamics: events, ticks and interrupts.
        lat_ivl_d   = lat_ivl_q;
        ovf_ivl_d   = ovf_ivl_q;
        active_d    = active_q;
        variant_b_d = variant_b_q;
        flag_d      = evt_i || (flag_q && !fire);
        lat_run_d   = lat_run_q && !(variant_b_q && fire);

        if (lat_rl_q) begin
            lat_cnt_d = lat_ivl_q;
            lat_exp_d = lat_ivl_zero;
            lat_one_d = lat_ivl_one_q;
        end else begin
            lat_cnt_d = (tick_i && !lat_exp) ? lat_cnt_q - ONE : lat_cnt_q;
            lat_one_d = (tick_i && !lat_exp) ? (lat_cnt_q == TWO) : lat_one_q;
            // expired, or expires at this tick (count 1): one level after
            // the count-is-one test
            lat_exp_d = lat_exp_q || (tick_i && lat_one_q);
        end

        if (ovf_rl_q) begin
            ovf_cnt_d = ovf_ivl_q;
            ovf_exp_d = ovf_ivl_zero;
            ovf_one_d = ovf_ivl_one_q;
        end else begin
            ovf_cnt_d = (tick_i && !ovf_exp) ? ovf_cnt_q - ONE : ovf_cnt_q;
            ovf_one_d = (tick_i && !ovf_exp) ? (ovf_cnt_q == TWO) : ovf_one_q;
            ovf_exp_d = ovf_exp_q || (tick_i && ovf_one_q);
        end

        // Register writes override the dynamics.
        if (wr_lat_ivl_i) begin
            lat_ivl_d = wr_ivl_i;
            lat_cnt_d = wr_ivl_i;
            lat_exp_d = wr_ivl_zero;
            lat_one_d = wr_ivl_one;
            lat_run_d = 1'b1;
        end
        if (wr_ovf_ivl_i) begin
            ovf_ivl_d = wr_ivl_i;
            ovf_cnt_d = wr_ivl_i;
            ovf_exp_d = wr_ivl_zero;
            ovf_one_d = wr_ivl_one;
        end
        if (wr_ctrl_i) begin
            active_d    = wr_active_i;
            variant_b_d = wr_variant_b_i;
            if (active_q && !wr_active_i && !wr_variant_b_i) begin
                ovf_cnt_d = ovf_ivl_q;  // scheduled out: start the overflow interval
                ovf_exp_d = ovf_ivl_zero;
                ovf_one_d = ovf_ivl_one_q;
            end
        end
        if (wr_cmd_i) begin
            if (wr_lat_restart_i) begin
                lat_cnt_d = lat_ivl_q;
                lat_exp_d = lat_ivl_zero;
                lat_one_d = lat_ivl_one_q;
                lat_run_d = 1'b1;
            end
            if (wr_ovf_restart_i) begin
                ovf_cnt_d = ovf_ivl_q;
                ovf_exp_d = ovf_ivl_zero;
                ovf_one_d = ovf_ivl_one_q;
            end
        end
    end

    // the latency interval governs (A: guest active; B: path enabled)
    // Each decision is "the next flag" AND a condition of the other next
    // state, with the event (evt_i: the per-vector OR over virq_eq's
    // queues, the latest input) into the last gate only.
    wire lat_gov_d    = variant_b_d ? lat_run_d : active_d;
    wire g_cond       = lat_gov_d && lat_exp_d;
    wire w_cond       = ovf_exp_d && !(lat_gov_d && (lat_exp_d || !variant_b_d));
    wire fire_guest_d = flag_d && g_cond;
    wire fire_wake_d  = flag_d && w_cond;
    wire lat_rl_d     = flag_d && !variant_b_d && g_cond;
    wire ovf_rl_d     = flag_d && (w_cond || (variant_b_d && g_cond));

    always @(posedge clk_i) begin
        if (!rst_ni) begin
            fire_guest_q <= 1'b0;  // the flag is clear
            fire_wake_q  <= 1'b0;
            lat_rl_q     <= 1'b0;
            ovf_rl_q     <= 1'b0;
            lat_ivl_zero_q <= 1'b1;
            ovf_ivl_zero_q <= 1'b1;
            lat_ivl_one_q  <= 1'b0;
            ovf_ivl_one_q  <= 1'b0;
            lat_one_q      <= 1'b0;
            ovf_one_q      <= 1'b0;
            lat_ivl_q   <= ZERO;
            ovf_ivl_q   <= ZERO;
            lat_cnt_q   <= ZERO;
            ovf_cnt_q   <= ZERO;
            lat_exp_q   <= 1'b1;
            ovf_exp_q   <= 1'b1;
            active_q    <= 1'b0;
            variant_b_q <= 1'b0;
            flag_q      <= 1'b0;
            lat_run_q   <= 1'b1;
            guest_irq_q <= 1'b0;
            wake_irq_q  <= 1'b0;
        end else begin
            fire_guest_q <= fire_guest_d;
            fire_wake_q  <= fire_wake_d;
            lat_rl_q     <= lat_rl_d;
            ovf_rl_q     <= ovf_rl_d;
            if (wr_lat_ivl_i) begin
                lat_ivl_zero_q <= wr_ivl_zero;
                lat_ivl_one_q  <= wr_ivl_one;
            end
            if (wr_ovf_ivl_i) begin
                ovf_ivl_zero_q <= wr_ivl_zero;
                ovf_ivl_one_q  <= wr_ivl_one;
            end
            lat_one_q <= lat_one_d;
            ovf_one_q <= ovf_one_d;
            lat_ivl_q   <= lat_ivl_d;
            ovf_ivl_q   <= ovf_ivl_d;
            lat_cnt_q   <= lat_cnt_d;
            ovf_cnt_q   <= ovf_cnt_d;
            lat_exp_q   <= lat_exp_d;
            ovf_exp_q   <= ovf_exp_d;
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
    assign fire_o      = fire;


`ifdef FORMAL
    // ---- formal properties (SymbiYosys: formal/virq_mod_unit.sby) ---------
    // formal/README.md lists every property.
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // ---- assumptions (inputs) ----
    always @(*) begin
        // start from reset
        if (!f_past_valid)
            assume(!rst_ni);
        // Out of reset (a reset cycle ignores the writes), virq_moderation
        // decodes one register offset per write: at most one of the write
        // strobes is high in a cycle, and an interval write comes with the
        // interval's zero and one tests (only those writes use them).
        // virq_moderation.sby proves these of its decode.
        if (rst_ni) begin
            assume($onehot0({wr_lat_ivl_i, wr_ovf_ivl_i, wr_ctrl_i, wr_cmd_i}));
            if (wr_lat_ivl_i || wr_ovf_ivl_i) begin
                assume(wr_ivl_zero_i == (wr_ivl_i == ZERO));
                assume(wr_ivl_one_i == (wr_ivl_i == ONE));
            end
        end
    end

    // the expiry conditions from the counters themselves (the design uses
    // its registered flags; the invariant below ties them together)
    wire f_lat_exp = (lat_cnt_q == ZERO);
    wire f_ovf_exp = (ovf_cnt_q == ZERO);

    wire f_wr = wr_lat_ivl_i || wr_ovf_ivl_i || wr_ctrl_i || wr_cmd_i;
    // the writes that restart each counter, per the register map (any
    // other write leaves the counters running: property 3b)
    wire f_wr_l = wr_lat_ivl_i || (wr_cmd_i && wr_lat_restart_i);
    wire f_wr_o = wr_ovf_ivl_i || (wr_cmd_i && wr_ovf_restart_i) ||
                  (wr_ctrl_i && active_q && !wr_active_i && !wr_variant_b_i);

    // Governing counter(s) and the exact firing conditions.
    wire f_a_act   = !variant_b_q &&  active_q;  // A, guest active: latency
    wire f_a_inact = !variant_b_q && !active_q;  // A, guest inactive: overflow
    wire f_b_lat   =  variant_b_q &&  lat_run_q; // B, latency path enabled
    wire f_fire_guest = flag_q && f_lat_exp && (variant_b_q ? lat_run_q : active_q);
    wire f_fire_wake  = flag_q && f_ovf_exp && (variant_b_q ? !(lat_run_q && f_lat_exp)
                                                          : !active_q);

    // f_wait: ticks seen while the flag is set and no interrupt has fired,
    // since the last write to the unit (which may change the mode or restart
    // a counter).  0 whenever the flag is clear.  CNT_W+1 bits: no overflow.
    reg [CNT_W:0] f_wait;
    always @(posedge clk_i)
        if (!rst_ni || f_wr || fire || !flag_q)
            f_wait <= {(CNT_W+1){1'b0}};
        else if (tick_i)
            f_wait <= f_wait + 1'b1;

    wire [CNT_W:0] f_lat_ivl = {1'b0, lat_ivl_q};
    wire [CNT_W:0] f_ovf_ivl = {1'b0, ovf_ivl_q};
    wire [CNT_W:0] f_lat_cnt = {1'b0, lat_cnt_q};
    wire [CNT_W:0] f_ovf_cnt = {1'b0, ovf_cnt_q};

    always @(*) begin
        if (f_past_valid) begin
            // the registered expiry flags are the counters' zero tests
            // (from the first reset on: before it the registers are free)
            assert(lat_exp_q == (lat_cnt_q == ZERO));
            assert(ovf_exp_q == (ovf_cnt_q == ZERO));
            assert(lat_ivl_zero_q == (lat_ivl_q == ZERO));
            assert(ovf_ivl_zero_q == (ovf_ivl_q == ZERO));
            assert(lat_ivl_one_q == (lat_ivl_q == ONE));
            assert(ovf_ivl_one_q == (ovf_ivl_q == ONE));
            assert(lat_one_q == (lat_cnt_q == ONE));
            assert(ovf_one_q == (ovf_cnt_q == ONE));
            // (1) the firing logic is exactly the documented condition, and
            //     at most one interrupt fires per cycle
            assert(fire_guest == f_fire_guest);
            assert(fire_wake  == f_fire_wake);
            assert(!(fire_guest && fire_wake));
            // (1) never both outputs at once
            assert(!(guest_irq_o && wake_irq_o));
            // (2) counters never exceed their intervals
            assert(lat_cnt_q <= lat_ivl_q);
            assert(ovf_cnt_q <= ovf_ivl_q);
            // (3c) bound: ticks waited + governing counter <= governing
            //      interval, so once f_wait reaches the interval the counter
            //      is 0 and (3a) fires in this cycle (irq next cycle)
            if (!flag_q)
                assert(f_wait == {(CNT_W+1){1'b0}});
            if (f_a_act)
                assert(f_wait + f_lat_cnt <= f_lat_ivl);
            if (f_a_inact || variant_b_q)
                assert(f_wait + f_ovf_cnt <= f_ovf_ivl);
            if (f_b_lat)
                assert(f_wait + f_lat_cnt <= f_lat_ivl);
            if (flag_q && f_a_act && f_wait == f_lat_ivl)
                assert(fire_guest);
            if (flag_q && f_a_inact && f_wait == f_ovf_ivl)
                assert(fire_wake);
            if (flag_q && variant_b_q && f_wait == f_ovf_ivl)
                assert(fire);
            if (flag_q && f_b_lat && f_wait == f_lat_ivl)
                assert(fire_guest);
        end
    end

    // the registered reload decisions equal those of the current state
    always @(*)
        if (f_past_valid) begin
            assert(lat_rl_q == (!variant_b_q && fire_guest));
            assert(ovf_rl_q == (fire_wake || (variant_b_q && fire)));
        end

    always @(posedge clk_i)
        if (f_past_valid) begin
            if (!$past(rst_ni)) begin
                // reset state
                assert(lat_ivl_q == ZERO && ovf_ivl_q == ZERO);
                assert(lat_cnt_q == ZERO && ovf_cnt_q == ZERO);
                assert(!active_q && !variant_b_q && !flag_q && lat_run_q);
                assert(!guest_irq_o && !wake_irq_o);
            end else begin
                // (1) an interrupt only with the event flag, and exactly when
                //     the previous cycle met the firing condition
                if (guest_irq_o || wake_irq_o)
                    assert($past(flag_q));
                assert(guest_irq_o == $past(flag_q && f_lat_exp &&
                          (variant_b_q ? lat_run_q : active_q)));
                assert(wake_irq_o  == $past(flag_q && f_ovf_exp &&
                          (variant_b_q ? !(lat_run_q && f_lat_exp) : !active_q)));
                // (3a) flag set and governing counter expired -> interrupt
                //      in the next cycle
                if ($past(flag_q && f_a_act && f_lat_exp))
                    assert(guest_irq_o);
                if ($past(flag_q && f_a_inact && f_ovf_exp))
                    assert(wake_irq_o);
                if ($past(flag_q && f_b_lat && f_lat_exp))
                    assert(guest_irq_o);
                if ($past(flag_q && variant_b_q && f_ovf_exp))
                    assert(guest_irq_o || wake_irq_o);
                // the flag: set by an event, cleared only by an interrupt
                assert(flag_q == ($past(evt_i) || ($past(flag_q) && !($past(fire)))));
                // (3b) progress: a tick decrements a non-zero counter by one
                //      unless a write or a restarting interrupt intervenes;
                //      without a tick it holds
                if (!$past(f_wr_l) && !$past(!variant_b_q && fire_guest)) begin
                    if ($past(tick_i) && $past(lat_cnt_q) != ZERO)
                        assert(lat_cnt_q == $past(lat_cnt_q) - ONE);
                    else
                        assert(lat_cnt_q == $past(lat_cnt_q));
                end
                if (!$past(f_wr_o) && !$past(fire_wake || (variant_b_q && fire))) begin
                    if ($past(tick_i) && $past(ovf_cnt_q) != ZERO)
                        assert(ovf_cnt_q == $past(ovf_cnt_q) - ONE);
                    else
                        assert(ovf_cnt_q == $past(ovf_cnt_q));
                end
                // restarts by interrupts (no write in that cycle)
                if (!$past(f_wr)) begin
                    if ($past(!variant_b_q && fire_guest))
                        assert(lat_cnt_q == $past(lat_ivl_q));
                    if ($past(fire_wake || (variant_b_q && fire)))
                        assert(ovf_cnt_q == $past(ovf_ivl_q));
                    if ($past(variant_b_q && fire))
                        assert(!lat_run_q);
                    else
                        assert(lat_run_q == $past(lat_run_q));
                    assert(lat_ivl_q == $past(lat_ivl_q));
                    assert(ovf_ivl_q == $past(ovf_ivl_q));
                    assert(active_q == $past(active_q));
                    assert(variant_b_q == $past(variant_b_q));
                end
                // register writes
                if ($past(wr_lat_ivl_i))
                    assert(lat_ivl_q == $past(wr_ivl_i) && lat_cnt_q == $past(wr_ivl_i)
                           && lat_run_q);
                if ($past(wr_ovf_ivl_i))
                    assert(ovf_ivl_q == $past(wr_ivl_i) && ovf_cnt_q == $past(wr_ivl_i));
                if ($past(wr_ctrl_i)) begin
                    assert(active_q == $past(wr_active_i));
                    assert(variant_b_q == $past(wr_variant_b_i));
                    // schedule-out (variant A, active 1 -> 0) restarts overflow
                    if ($past(active_q && !wr_active_i && !wr_variant_b_i))
                        assert(ovf_cnt_q == $past(ovf_ivl_q));
                end
                if ($past(wr_cmd_i && wr_lat_restart_i))
                    assert(lat_cnt_q == $past(lat_ivl_q) && lat_run_q);
                if ($past(wr_cmd_i && wr_ovf_restart_i))
                    assert(ovf_cnt_q == $past(ovf_ivl_q));
            end
        end

    // ---- covers ----
    // f_g_n: variant-A guest fires since the last write (saturating);
    // f_g_ticks: ticks since the last guest interrupt output.
    reg [1:0] f_g_n;
    reg [3:0] f_g_ticks;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_g_n     <= 2'd0;
            f_g_ticks <= 4'd0;
        end else begin
            if (f_wr)
                f_g_n <= 2'd0;
            else if (!variant_b_q && fire_guest && f_g_n != 2'd3)
                f_g_n <= f_g_n + 2'd1;
            if (guest_irq_o)
                f_g_ticks <= tick_i ? 4'd1 : 4'd0;
            else if (tick_i && f_g_ticks != 4'hf)
                f_g_ticks <= f_g_ticks + 4'd1;
        end

    reg f_past2;
    initial f_past2 = 1'b0;
    always @(posedge clk_i)
        f_past2 <= f_past_valid;

    always @(posedge clk_i)
        if (f_past2 && rst_ni && $past(rst_ni)) begin
            // A: latency (guest) interrupt after a real countdown
            cover(guest_irq_o && !$past(variant_b_q) && $past(lat_ivl_q) == 2);
            // A: overflow (wake) interrupt after a real countdown
            cover(wake_irq_o && !$past(variant_b_q) && $past(ovf_ivl_q) == 2);
            // B: latency (guest) interrupt
            cover(guest_irq_o && $past(variant_b_q) && $past(lat_ivl_q) == 2);
            // B: overflow (wake) interrupt while the latency path is disabled
            cover(wake_irq_o && $past(variant_b_q) && !$past(lat_run_q)
                  && $past(ovf_ivl_q) == 2);
            // B: overflow expires first while the latency path is enabled
            cover(wake_irq_o && $past(variant_b_q && lat_run_q));
            // interval 0: event -> interrupt two cycles later
            cover(guest_irq_o && $past(evt_i, 2) && !$past(flag_q, 2)
                  && $past(lat_ivl_q) == ZERO);
            // schedule-out restarts a partly elapsed overflow counter
            cover($past(wr_ctrl_i && active_q && !wr_active_i && !wr_variant_b_i)
                  && $past(ovf_cnt_q) == ONE && ovf_cnt_q == 3'd3);
            // two guest interrupts exactly lat_ivl = 2 ticks apart, variant A
            // (both fires and everything between without a write)
            cover(guest_irq_o && f_g_n == 2'd2 && lat_ivl_q == 2
                  && f_g_ticks == 4'd2);
        end
`endif // FORMAL

endmodule

`default_nettype wire
