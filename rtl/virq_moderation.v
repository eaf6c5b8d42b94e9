// virq_moderation: NUM_VEC cooperated interrupt moderation units (one per
// interrupt vector) and the decode of their register array MOD[i].
//
// Register port: the caller has already refused unaligned and partial
// accesses and routes here every address >= VIRQ_MOD_BASE.  A request's
// address and data come in its handshake cycle h and are decoded and
// registered here; a write is decided in h + 1 (accepted when wr_en_i is
// high and wr_resp_o, registered, is OKAY) and takes effect one edge later,
// from registered accept, unit, register and data: the response and the
// caller's checks reach one flip-flop, not every unit's write enables
// (docs/moderation.md, "Register timing"); a read is answered in h + 1.  No
// unit state decides a response, so nothing the response checked changes
// in between.  The one caller check that depends on the unit (FN_MOD[]
// ownership and lease) comes per unit in wr_unit_ok_i and gates only that
// unit's enables, so no selection at the written unit stands in front of
// them.
`default_nettype none
`include "virq_regs.vh"

module virq_moderation #(
    parameter integer NUM_VEC = 32,  // number of vectors = moderation units (1..64)
    parameter integer ADDR_W  = 16   // register address width in bits
) (
    input  wire               clk_i,
    input  wire               rst_ni,     // synchronous, active low
    input  wire               tick_i,     // time base strobe (virq_tick)
    input  wire [NUM_VEC-1:0] evt_i,      // per-vector event strobes
    output wire [NUM_VEC-1:0] guest_irq_o,// per-vector guest interrupt pulses
    output wire [NUM_VEC-1:0] wake_irq_o, // per-vector hypervisor wake pulses
    output wire [NUM_VEC-1:0] fire_o,     // per-vector: the unit interrupts this cycle
    // register write
    input  wire               wr_en_i,
    input  wire [NUM_VEC-1:0] wr_unit_ok_i, // per unit: a write decided now may reach it
    input  wire [ADDR_W-1:0]  wr_addr_i,
    input  wire [31:0]        wr_data_i,
    output reg  [1:0]         wr_resp_o,
    // register read
    input  wire [ADDR_W-1:0]  rd_addr_i,
    output reg  [31:0]        rd_data_o,
    output reg  [1:0]         rd_resp_o
);

    localparam integer CNT_W      = `VIRQ_CNT_WIDTH;
    localparam integer STRIDE_LG2 = 5;

    initial begin
        if (NUM_VEC < 1 || NUM_VEC > 64) begin
            $display("virq_moderation: NUM_VEC must be 1..64, got %0d", NUM_VEC);
            $finish;
        end
        if ((1 << STRIDE_LG2) != `VIRQ_MOD_STRIDE || (`VIRQ_MOD_BASE & ((1 << STRIDE_LG2) - 1)) != 0) begin
            $display("virq_moderation: register stride does not match virq_regs.vh");
            $finish;
        end
        // the last unit's last byte below 2^ADDR_W, tested without 1 << ADDR_W
        // (0 in a 32-bit expression for ADDR_W = 32)
        if (((`VIRQ_MOD_BASE + NUM_VEC * `VIRQ_MOD_STRIDE - 1) >> ADDR_W) != 0) begin
            $display("virq_moderation: %0d units do not fit in %0d address bits", NUM_VEC, ADDR_W);
            $finish;
        end
    end

    // ---- address decode ---------------------------------------------------
    // Addresses are compared as 32-bit values against the generated map.
    localparam [31:0] BASE_HI = `VIRQ_MOD_BASE >> STRIDE_LG2;
    // The request is decoded in its handshake cycle (wr_addr_i, wr_data_i,
    // rd_addr_i as accepted there) and registered, loaded at every edge
    // (wr_en_i says when the registered write is one for this block; the
    // caller takes rd_data_o only for a read of it): the unit as a one-hot
    // of compares of the address's high bits with constants, the register
    // within the unit, the response (from the address and the data alone),
    // and the data.
    wire [31:0] w_addr = {{(32-ADDR_W){1'b0}}, wr_addr_i};
    wire [31:0] r_addr = {{(32-ADDR_W){1'b0}}, rd_addr_i};
    reg  [NUM_VEC-1:0] w_sel_n, r_sel_n;
    integer ks;
    always @* begin
        for (ks = 0; ks < NUM_VEC; ks = ks + 1) begin
            w_sel_n[ks] = w_addr[31:STRIDE_LG2] == BASE_HI[31-STRIDE_LG2:0] + ks[31-STRIDE_LG2:0];
            r_sel_n[ks] = r_addr[31:STRIDE_LG2] == BASE_HI[31-STRIDE_LG2:0] + ks[31-STRIDE_LG2:0];
        end
    end
    wire [STRIDE_LG2-1:0] w_off_n = w_addr[STRIDE_LG2-1:0];  // MOD_BASE is stride-aligned
    localparam [31:0] O_LAT_32 = `VIRQ_MOD_LAT_IVL_OFF;
    localparam [STRIDE_LG2-1:0] O_LAT = O_LAT_32[STRIDE_LG2-1:0];
    localparam [31:0] O_OVF_32 = `VIRQ_MOD_OVF_IVL_OFF;
    localparam [STRIDE_LG2-1:0] O_OVF = O_OVF_32[STRIDE_LG2-1:0];
    localparam [31:0] O_CTL_32 = `VIRQ_MOD_CTRL_OFF;
    localparam [STRIDE_LG2-1:0] O_CTL = O_CTL_32[STRIDE_LG2-1:0];
    localparam [31:0] O_CMD_32 = `VIRQ_MOD_CMD_OFF;
    localparam [STRIDE_LG2-1:0] O_CMD = O_CMD_32[STRIDE_LG2-1:0];
    localparam [31:0] O_CNT_32 = `VIRQ_MOD_CNT_OFF;
    localparam [STRIDE_LG2-1:0] O_CNT = O_CNT_32[STRIDE_LG2-1:0];
    localparam [31:0] O_STA_32 = `VIRQ_MOD_STATUS_OFF;
    localparam [STRIDE_LG2-1:0] O_STA = O_STA_32[STRIDE_LG2-1:0];

    // Write response: which register, and are only its defined bits set?
    reg [31:0] w_wmask;
    reg [1:0]  w_resp_n;
    always @* begin
        w_wmask  = 32'h0;
        w_resp_n = `VIRQ_RESP_DECERR;
        if (|w_sel_n) begin
            case (w_off_n)
                O_LAT: begin w_wmask = `VIRQ_MOD_LAT_IVL_WMASK; w_resp_n = `VIRQ_RESP_OKAY; end
                O_OVF: begin w_wmask = `VIRQ_MOD_OVF_IVL_WMASK; w_resp_n = `VIRQ_RESP_OKAY; end
                O_CTL: begin w_wmask = `VIRQ_MOD_CTRL_WMASK;    w_resp_n = `VIRQ_RESP_OKAY; end
                O_CMD: begin w_wmask = `VIRQ_MOD_CMD_WMASK;     w_resp_n = `VIRQ_RESP_OKAY; end
                O_CNT, O_STA: w_resp_n = `VIRQ_RESP_SLVERR;   // read-only
                default: w_resp_n = `VIRQ_RESP_DECERR;
            endcase
            if (w_resp_n == `VIRQ_RESP_OKAY && (wr_data_i & ~w_wmask) != 32'h0)
                w_resp_n = `VIRQ_RESP_SLVERR;                // reserved bits set
        end
    end
    reg  [NUM_VEC-1:0]    w_sel, r_sel;
    reg  [3:0]            w_reg;     // {CMD, CTRL, OVF_IVL, LAT_IVL}
    reg  [STRIDE_LG2-1:0] r_off;
    reg  [CNT_W-1:0]      w_data;
    reg                   w_zero, w_one;
    always @(posedge clk_i) begin
        w_sel     <= w_sel_n;
        w_reg     <= {w_off_n == O_CMD, w_off_n == O_CTL, w_off_n == O_OVF, w_off_n == O_LAT};
        wr_resp_o <= w_resp_n;
        w_data    <= wr_data_i[CNT_W-1:0];
        w_zero    <= wr_data_i[CNT_W-1:0] == {CNT_W{1'b0}};
        w_one     <= wr_data_i[CNT_W-1:0] == {{(CNT_W-1){1'b0}}, 1'b1};
        r_sel     <= r_sel_n;
        r_off     <= r_addr[STRIDE_LG2-1:0];
    end
    wire r_in = |r_sel;
    wire w_ok = wr_en_i && (wr_resp_o == `VIRQ_RESP_OKAY);

    // the accepted write, applied at the next edge: one registered enable
    // per unit and register (decoded before the register, so each unit's
    // enables start at its own flip-flops), and the data bits a unit uses
    reg [4*NUM_VEC-1:0]  a_we_q;     // unit i: {CMD, CTRL, OVF_IVL, LAT_IVL}
    reg [CNT_W-1:0]      a_data_q;
    reg                  a_zero_q, a_one_q;  // a_data_q == 0 / == 1, tested once here
    // (the unit decode is evaluated, by a simulator, only in a cycle with
    // an accepted write: without one every enable is 0 anyway)
    wire       w_go  = rst_ni && w_ok;
    integer wi;
    always @(posedge clk_i) begin
        a_we_q <= {4*NUM_VEC{1'b0}};
        if (w_go)
            for (wi = 0; wi < NUM_VEC; wi = wi + 1)
                if (w_sel[wi] && wr_unit_ok_i[wi])
                    a_we_q[4*wi +: 4] <= w_reg;
        a_data_q <= w_data;
        a_zero_q <= w_zero;
        a_one_q  <= w_one;
    end

    // ---- the units ----------------------------------------------------------
    wire [CNT_W-1:0] lat_ivl [0:NUM_VEC-1];
    wire [CNT_W-1:0] ovf_ivl [0:NUM_VEC-1];
    wire [CNT_W-1:0] lat_cnt [0:NUM_VEC-1];
    wire [CNT_W-1:0] ovf_cnt [0:NUM_VEC-1];
    // (arrays, not packed vectors: the read mux picks one element, and a
    // simulator then copies each unit's bit instead of merging 32 bits
    // into a vector every cycle)
    wire active [0:NUM_VEC-1];
    wire variant_b [0:NUM_VEC-1];
    wire flag [0:NUM_VEC-1];
    wire lat_run [0:NUM_VEC-1];

    genvar i;
    generate
        for (i = 0; i < NUM_VEC; i = i + 1) begin : g_unit
            virq_mod_unit #(
                .CNT_W (CNT_W)
            ) u_unit (
                .clk_i            (clk_i),
                .rst_ni           (rst_ni),
                .tick_i           (tick_i),
                .evt_i            (evt_i[i]),
                .wr_lat_ivl_i     (a_we_q[4*i + 0]),
                .wr_ovf_ivl_i     (a_we_q[4*i + 1]),
                .wr_ctrl_i        (a_we_q[4*i + 2]),
                .wr_cmd_i         (a_we_q[4*i + 3]),
                .wr_ivl_i         (a_data_q),
                .wr_ivl_zero_i    (a_zero_q),
                .wr_ivl_one_i     (a_one_q),
                .wr_active_i      (a_data_q[`VIRQ_MOD_CTRL_GUEST_ACTIVE_SHIFT]),
                .wr_variant_b_i   (a_data_q[`VIRQ_MOD_CTRL_VARIANT_B_SHIFT]),
                .wr_lat_restart_i (a_data_q[`VIRQ_MOD_CMD_LAT_RESTART_SHIFT]),
                .wr_ovf_restart_i (a_data_q[`VIRQ_MOD_CMD_OVF_RESTART_SHIFT]),
                .lat_ivl_o        (lat_ivl[i]),
                .ovf_ivl_o        (ovf_ivl[i]),
                .lat_cnt_o        (lat_cnt[i]),
                .ovf_cnt_o        (ovf_cnt[i]),
                .active_o         (active[i]),
                .variant_b_o      (variant_b[i]),
                .flag_o           (flag[i]),
                .lat_run_o        (lat_run[i]),
                .guest_irq_o      (guest_irq_o[i]),
                .wake_irq_o       (wake_irq_o[i]),
                .fire_o           (fire_o[i])
            );
        end
    endgenerate

    // ---- read mux -----------------------------------------------------------
    integer k;
    reg [CNT_W-1:0] r_lat_ivl, r_ovf_ivl, r_lat_cnt, r_ovf_cnt;
    reg r_active, r_variant_b, r_flag, r_lat_run;
    always @* begin
        r_lat_ivl = {CNT_W{1'b0}};
        r_ovf_ivl = {CNT_W{1'b0}};
        r_lat_cnt = {CNT_W{1'b0}};
        r_ovf_cnt = {CNT_W{1'b0}};
        r_active = 1'b0;
        r_variant_b = 1'b0;
        r_flag = 1'b0;
        r_lat_run = 1'b0;
        // AND-OR over the one-hot select
        for (k = 0; k < NUM_VEC; k = k + 1) begin
            r_lat_ivl   = r_lat_ivl   | ({CNT_W{r_sel[k]}} & lat_ivl[k]);
            r_ovf_ivl   = r_ovf_ivl   | ({CNT_W{r_sel[k]}} & ovf_ivl[k]);
            r_lat_cnt   = r_lat_cnt   | ({CNT_W{r_sel[k]}} & lat_cnt[k]);
            r_ovf_cnt   = r_ovf_cnt   | ({CNT_W{r_sel[k]}} & ovf_cnt[k]);
            r_active    = r_active    | (r_sel[k] & active[k]);
            r_variant_b = r_variant_b | (r_sel[k] & variant_b[k]);
            r_flag      = r_flag      | (r_sel[k] & flag[k]);
            r_lat_run   = r_lat_run   | (r_sel[k] & lat_run[k]);
        end
        rd_data_o = 32'h0;
        rd_resp_o = `VIRQ_RESP_DECERR;
        if (r_in) begin
            rd_resp_o = `VIRQ_RESP_OKAY;
            case (r_off)
                O_LAT: rd_data_o = {{(32-CNT_W){1'b0}}, r_lat_ivl};
                O_OVF: rd_data_o = {{(32-CNT_W){1'b0}}, r_ovf_ivl};
                O_CTL: rd_data_o = {30'h0, r_variant_b, r_active};
                O_CMD: rd_data_o = 32'h0;                     // write-only
                O_CNT: rd_data_o = {r_ovf_cnt, r_lat_cnt};
                O_STA: rd_data_o = {30'h0, r_lat_run, r_flag};
                default: rd_resp_o = `VIRQ_RESP_DECERR;
            endcase
        end
    end

`ifdef FORMAL
    // ---- formal properties (SymbiYosys: formal/virq_moderation.sby) -------
    // formal/README.md lists every property.  The decode is restated by
    // arithmetic on the address (unit = (a - MOD_BASE) / STRIDE, offset =
    // the low five bits) instead of this file's per-unit compares, and
    // checked for one symbolic unit f_u: the write response, the write
    // strobes each unit sees, the end-to-end effect of a write on the unit's
    // registers (and that a refused write has none), and the read answer.
    // The sby turns virq_mod_unit's input assumptions into assertions, so
    // this decode is also proven to give the units what they assume.
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    (* anyconst *) reg [5:0] f_u;   // the unit looked at
    always @(*)
        assume({26'h0, f_u} < NUM_VEC);

    localparam [31:0] F_BASE = `VIRQ_MOD_BASE;
    localparam [31:0] F_END  = `VIRQ_MOD_BASE + NUM_VEC * `VIRQ_MOD_STRIDE;

    // is address a inside unit u's 32 bytes?
    function f_hit;
        input [31:0] a;
        input [5:0]  u;
        f_hit = a >= F_BASE + {26'h0, u} * `VIRQ_MOD_STRIDE &&
                a <  F_BASE + ({26'h0, u} + 32'd1) * `VIRQ_MOD_STRIDE;
    endfunction

    // the write response the register map gives address a and data d
    function [1:0] f_wresp;
        input [31:0] a;
        input [31:0] d;
        begin
            if (a < F_BASE || a >= F_END)
                f_wresp = `VIRQ_RESP_DECERR;
            else
                case ({27'h0, a[4:0]})
                    `VIRQ_MOD_LAT_IVL_OFF: f_wresp = (d & ~`VIRQ_MOD_LAT_IVL_WMASK) == 0 ? `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_MOD_OVF_IVL_OFF: f_wresp = (d & ~`VIRQ_MOD_OVF_IVL_WMASK) == 0 ? `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_MOD_CTRL_OFF:    f_wresp = (d & ~`VIRQ_MOD_CTRL_WMASK)    == 0 ? `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_MOD_CMD_OFF:     f_wresp = (d & ~`VIRQ_MOD_CMD_WMASK)     == 0 ? `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_MOD_CNT_OFF, `VIRQ_MOD_STATUS_OFF:
                                           f_wresp = `VIRQ_RESP_SLVERR;
                    default:               f_wresp = `VIRQ_RESP_DECERR;
                endcase
        end
    endfunction

    // the request of the previous cycle (the handshake cycle h, seen in h + 1)
    reg [31:0] f_wa, f_wd, f_ra;
    always @(posedge clk_i) begin
        f_wa <= w_addr;
        f_wd <= wr_data_i;
        f_ra <= r_addr;
    end
    wire [4:0] f_woff = f_wa[4:0];

    // a write decided in this cycle (h + 1) that reaches unit f_u, and the
    // same one cycle later (the strobe cycle), then applied at its edge
    wire f_d_we = rst_ni && wr_en_i && wr_resp_o == `VIRQ_RESP_OKAY &&
                  f_hit(f_wa, f_u) && wr_unit_ok_i[f_u];
    reg        f_a_we;
    reg [4:0]  f_a_off;
    reg [31:0] f_a_data;
    always @(posedge clk_i) begin
        f_a_we   <= f_d_we;
        f_a_off  <= f_woff;
        f_a_data <= f_wd;
    end
    wire f_a_lat = f_a_we && {27'h0, f_a_off} == `VIRQ_MOD_LAT_IVL_OFF;
    wire f_a_ovf = f_a_we && {27'h0, f_a_off} == `VIRQ_MOD_OVF_IVL_OFF;
    wire f_a_ctl = f_a_we && {27'h0, f_a_off} == `VIRQ_MOD_CTRL_OFF;
    wire f_a_cmd = f_a_we && {27'h0, f_a_off} == `VIRQ_MOD_CMD_OFF;

    // the unit's fields, for the end-to-end checks and the read answer
    wire [CNT_W-1:0] f_lat_ivl = lat_ivl[f_u];
    wire [CNT_W-1:0] f_ovf_ivl = ovf_ivl[f_u];
    wire             f_active  = active[f_u];
    wire             f_var_b   = variant_b[f_u];

    always @(*) begin
        if (f_past_valid) begin
            // (1) the write response of the request of the previous cycle
            assert(wr_resp_o == f_wresp(f_wa, f_wd));
            // (2) unit f_u's write strobes: exactly the accepted write to it
            //     of the previous cycle, one strobe for its register; the
            //     data it sees, with the zero and one tests
            assert(a_we_q[4*f_u +: 4] == {f_a_cmd, f_a_ctl, f_a_ovf, f_a_lat});
            if (f_a_we) begin
                assert(a_data_q == f_a_data[CNT_W-1:0]);
                assert(a_zero_q == (f_a_data[CNT_W-1:0] == {CNT_W{1'b0}}));
                assert(a_one_q  == (f_a_data[CNT_W-1:0] == {{(CNT_W-1){1'b0}}, 1'b1}));
            end
            // (4) the read answer of the request of the previous cycle
            if (f_ra >= F_BASE && f_ra < F_END &&
                {27'h0, f_ra[4:0]} <= `VIRQ_MOD_STATUS_OFF && f_ra[1:0] == 2'b00)
                assert(rd_resp_o == `VIRQ_RESP_OKAY);
            else
                assert(rd_resp_o == `VIRQ_RESP_DECERR && rd_data_o == 32'h0);
            if (f_hit(f_ra, f_u))
                case ({27'h0, f_ra[4:0]})
                    `VIRQ_MOD_LAT_IVL_OFF: assert(rd_data_o == {{(32-CNT_W){1'b0}}, f_lat_ivl});
                    `VIRQ_MOD_OVF_IVL_OFF: assert(rd_data_o == {{(32-CNT_W){1'b0}}, f_ovf_ivl});
                    `VIRQ_MOD_CTRL_OFF:    assert(rd_data_o == {30'h0, f_var_b, f_active});
                    `VIRQ_MOD_CMD_OFF:     assert(rd_data_o == 32'h0);
                    `VIRQ_MOD_CNT_OFF:     assert(rd_data_o == {ovf_cnt[f_u], lat_cnt[f_u]});
                    `VIRQ_MOD_STATUS_OFF:  assert(rd_data_o == {30'h0, lat_run[f_u], flag[f_u]});
                    default: ;
                endcase
        end
    end

    // (3) end to end: unit f_u's configuration changes only by a write to it
    // that this block accepted two cycles earlier (its data, its register),
    // or by reset: a refused write (error response, another unit, wr_en_i
    // low, FN_MOD[] not allowed) changes nothing
    always @(posedge clk_i)
        if (f_past_valid && $past(f_past_valid)) begin
            if (!$past(rst_ni)) begin
                assert(f_lat_ivl == 0 && f_ovf_ivl == 0 && !f_active && !f_var_b);
            end else begin
                assert(f_lat_ivl == ($past(f_a_lat) ? $past(f_a_data[CNT_W-1:0]) : $past(f_lat_ivl)));
                assert(f_ovf_ivl == ($past(f_a_ovf) ? $past(f_a_data[CNT_W-1:0]) : $past(f_ovf_ivl)));
                assert(f_active  == ($past(f_a_ctl) ? $past(f_a_data[`VIRQ_MOD_CTRL_GUEST_ACTIVE_SHIFT]) : $past(f_active)));
                assert(f_var_b   == ($past(f_a_ctl) ? $past(f_a_data[`VIRQ_MOD_CTRL_VARIANT_B_SHIFT])    : $past(f_var_b)));
            end
        end

    // covers: a write reaching the unit; a refused write (reserved bits,
    // read-only register); one the caller did not allow; a read of a
    // running count
    always @(*)
        if (f_past_valid) begin
            cover(f_a_lat && f_u == 6'd2 && a_data_q == 16'h0123);
            cover(f_a_ctl && a_data_q[1:0] == 2'b11);
            cover(wr_en_i && f_hit(f_wa, f_u) && wr_resp_o == `VIRQ_RESP_SLVERR &&
                  {27'h0, f_woff} == `VIRQ_MOD_CTRL_OFF);
            cover(wr_en_i && f_hit(f_wa, f_u) && wr_resp_o == `VIRQ_RESP_SLVERR &&
                  {27'h0, f_woff} == `VIRQ_MOD_CNT_OFF);
            cover(wr_en_i && f_hit(f_wa, f_u) && wr_resp_o == `VIRQ_RESP_OKAY && !wr_unit_ok_i[f_u]);
            cover(f_hit(f_ra, f_u) && {27'h0, f_ra[4:0]} == `VIRQ_MOD_CNT_OFF &&
                  rd_data_o[CNT_W-1:0] != 0 && rd_data_o[CNT_W-1:0] != f_lat_ivl);
        end
`endif

endmodule

`default_nettype wire
