// virq_msix: interrupt delivery (docs/msix.md).
//
// Takes the vector interrupts of the moderation units and delivers them as
// MSI-X messages (PCIe table entry and pending bit per vector, MSI-X Enable
// and Function Mask per function), or, for a function with MSI-X disabled,
// as its INTx status (seed 002 FIG. 5: status AND enable gives INTx Status,
// INTx Status AND NOT Interrupt Disable drives the shared line).  Holds the
// ownership of every vector (home function, current owner, lease count in
// ticks: seed 004 on one adapter) and posts a lease-expired event when a
// lease runs out.
//
// Register port: virq_top has already refused unaligned and partial
// accesses, and sends here the PF-window registers VEC_DROP_CNT,
// LEASE_EXP_CNT, FN_CTL[] and VEC[], and every function-window address
// except FN_DB and FN_MOD[] (which virq_top forwards to the event queues and
// the moderation units after its own ownership check).  A write's response
// is combinational, in the cycle of wr_en_i (the decision); an accepted write
// (wr_en_i high, wr_resp_o OKAY) is registered and takes effect one edge
// later (the apply cycle), so the table enables come from a register and
// not from the response.  The decision covers what can change in between:
// writes come at most every other cycle (the AXI slave's rate; no write is
// decided in an apply cycle), and a window write to a vector whose lease
// ends at this edge or the next (tick_next_i) is refused.
// A read of rd_addr_i in its answer cycle c is answered from the state of
// c in c + 1: rd_data_o from a register loaded at the edge ending c, and
// rd_resp_o from the owner of the addressed vector registered at that edge,
// so neither the owner multiplexer nor the table runs into the register
// file's response or error accounting in c.  rd_addr_i is held through
// c + 1 (virq_top keeps it until the next read handshake, c + 3 at the
// earliest).  A refused read's data is 0.
//
// Timing: an interrupt in cycle t sets the pending bit at edge t; the
// round robin picks the vector at edge t+1 at the earliest (a registered
// pick), and the message is loaded into the output register at edge t+2
// (m_valid_o high from cycle t+3) if the vector may still send then.
// Round-robin between vectors; one message per cycle under m_ready_i = 1.
`default_nettype none
`include "virq_regs.vh"

module virq_msix #(
    parameter integer NUM_VEC  = 32,  // vectors, 1..64
    parameter integer NUM_FUNC = 8,   // functions, 1..16
    parameter integer ADDR_W   = 17   // register address width
) (
    input  wire                  clk_i,
    input  wire                  rst_ni,        // synchronous, active low
    input  wire                  tick_i,        // moderation time base (leases count it)
    input  wire                  tick_next_i,   // tick_i of the next cycle (no TICK_DIV write now)
    input  wire [NUM_VEC-1:0]    irq_i,         // vector interrupts (moderation guest interrupts)
    input  wire [NUM_FUNC-1:0]   leg_i,         // per function: an armed legacy queue has unread entries
    // MSI-X messages: one 4-byte posted write per beat
    output reg                   m_valid_o,
    input  wire                  m_ready_i,
    output reg  [63:0]           m_addr_o,
    output reg  [31:0]           m_data_o,
    output reg  [3:0]            m_func_o,      // the requester: the vector's owner when the message left
    output reg  [5:0]            m_vec_o,
    // shared INTx line: OR over the functions
    output wire                  intx_o,
    // lease-expired events, to event queue 0 through the route block
    output wire                  lev_valid_o,
    input  wire                  lev_ready_i,
    output wire [23:0]           lev_param_o,   // {8'h0, home, vector}
    // current owner of every vector, 4 bits each (window checks in virq_top)
    output wire [4*NUM_VEC-1:0]  owner_o,
    // FN_MOD[] window writes (checked in virq_top): the addressed vector,
    // and whether its lease ends at this edge or the next (lease_busy)
    input  wire [5:0]            fmv_i,
    output wire                  fmv_busy_o,
    output wire [NUM_VEC-1:0]    busy_v_o,      // lease_busy of every vector (FN_MOD[] write enables)
    // refused accesses through a function window, for FN_CTL[f].ERR_CNT
    input  wire                  werr_i,
    input  wire [3:0]            werr_fn_i,
    input  wire                  rerr_i,
    input  wire [3:0]            rerr_fn_i,
    // register write
    input  wire                  wr_en_i,
    input  wire [ADDR_W-1:0]     wr_addr_i,
    input  wire [31:0]           wr_data_i,
    output reg  [1:0]            wr_resp_o,
    // register read, answered in the cycle after the answer cycle c (held
    // rd_addr_i; VEC_DROP_CNT and LEASE_EXP_CNT: OKAY with data 0 on
    // rd_data_o; their value as of c is on drop_cnt_o / lexp_cnt_o in
    // c + 1, the counters' own registers)
    input  wire [ADDR_W-1:0]     rd_addr_i,
    output wire [31:0]           rd_data_o,     // c + 1
    output reg  [1:0]            rd_resp_o,     // c + 1
    output wire [31:0]           drop_cnt_o,
    output wire [31:0]           lexp_cnt_o
);

    initial begin
        if (NUM_VEC < 1 || NUM_VEC > 64) begin
            $display("virq_msix: NUM_VEC must be 1..64, got %0d", NUM_VEC);
            $finish;
        end
        if (NUM_FUNC < 1 || NUM_FUNC > 16) begin
            $display("virq_msix: NUM_FUNC must be 1..16, got %0d", NUM_FUNC);
            $finish;
        end
        if (ADDR_W < 17) begin
            $display("virq_msix: the function windows need ADDR_W >= 17, got %0d", ADDR_W);
            $finish;
        end
    end

    localparam [31:0] NVEC = NUM_VEC;
    localparam [31:0] NFN  = NUM_FUNC;

    // ---- state --------------------------------------------------------------------
    // Storage is sized for the largest instance (64 vectors, 16 functions)
    // so that every 6-bit vector and 4-bit function index is in range;
    // entries beyond NUM_VEC / NUM_FUNC keep their reset value and
    // synthesis removes them.
    localparam integer MV = 64;
    localparam integer MF = 16;
    // The MSI-X table: one array per field, one write port each, no reset,
    // NUM_VEC entries, so that synthesis maps them to RAM (LUT RAM on ECP5
    // and 7-series, one copy per read: the register read and the launch).
    // A valid bit per entry and field (flops, reset) says whether the field
    // was written since reset or the vector's last hand-over; an unwritten
    // field reads as 0, the reset value of a table entry.
    localparam integer VW = (NUM_VEC > 1) ? $clog2(NUM_VEC) : 1;  // table index width
    reg [29:0]   alo_m  [0:NUM_VEC-1];   // message address bits 31:2
    reg [31:0]   ahi_m  [0:NUM_VEC-1];
    reg [31:0]   dat_m  [0:NUM_VEC-1];
    reg [MV-1:0] alov_q, ahiv_q, datv_q;
    reg [MV-1:0] mask_q, pba_q, exp_q;
    reg [4*MV-1:0] home_q, own_q;
    reg [15:0]   lcnt_q [0:MV-1];   // ticks left of a lease, 0 = not lent
    reg [MF-1:0] msix_en_q, fmask_q, intx_en_q, intx_dis_q, lat_q;
    reg [31:0]   ferr_q [0:MF-1];
    // VEC_DROP_CNT and LEASE_EXP_CNT: the vectors counted at an edge are
    // kept as a mask (drop_m_q, lexp_m_q) and added at the next edge; a
    // read adds the mask's count, so the value seen is the same as
    // counting at the edge (cnt_q lags the register by exactly the mask,
    // and saturation composes).  The read value is the count's next
    // value: one popcount and one adder from flip-flops to the read port.
    reg [31:0]         drop_cnt_q, lexp_cnt_q;
    reg [MV-1:0]       drop_m_q, lexp_m_q;

    // population count of a vector mask, as a balanced adder tree (level
    // L holds 64 >> L sums of L + 1 bits, packed)
    function [6:0] popcount;
        input [MV-1:0] m;
        reg [63:0] c2;    // 32 x 2 bits
        reg [47:0] c4;    // 16 x 3 bits
        reg [31:0] c8;    //  8 x 4 bits
        reg [19:0] c16;   //  4 x 5 bits
        reg [11:0] c32;   //  2 x 6 bits
        integer ic;
        begin
            // level 1 with whole-vector operations (a simulator otherwise
            // adds the 32 pairs one at a time; same sums): m[2i] + m[2i+1]
            // is {m[2i] & m[2i+1], m[2i] ^ m[2i+1]}
            c2 = ((m ^ (m >> 1)) & {32{2'b01}}) | (((m & (m >> 1)) & {32{2'b01}}) << 1);
            for (ic = 0; ic < 16; ic = ic + 1)
                c4[3*ic +: 3] = {1'b0, c2[4*ic +: 2]} + {1'b0, c2[4*ic+2 +: 2]};
            for (ic = 0; ic < 8; ic = ic + 1)
                c8[4*ic +: 4] = {1'b0, c4[6*ic +: 3]} + {1'b0, c4[6*ic+3 +: 3]};
            for (ic = 0; ic < 4; ic = ic + 1)
                c16[5*ic +: 5] = {1'b0, c8[8*ic +: 4]} + {1'b0, c8[8*ic+4 +: 4]};
            for (ic = 0; ic < 2; ic = ic + 1)
                c32[6*ic +: 6] = {1'b0, c16[10*ic +: 5]} + {1'b0, c16[10*ic+5 +: 5]};
            popcount = {1'b0, c32[5:0]} + {1'b0, c32[11:6]};
        end
    endfunction

    function [31:0] sat_add;
        input [31:0] a;
        input [7:0]  b;
        reg   [32:0] s;
        begin
            s = {1'b0, a} + {25'h0, b};
            sat_add = s[32] ? 32'hFFFF_FFFF : s[31:0];
        end
    endfunction

    // the registers' values: cnt_v in a cycle is what a read answered in
    // it returns; the counters load it at every edge, so a read's value is
    // cnt_q in the cycle after its answer cycle, and the engine takes it
    // from there (drop_cnt_o, lexp_cnt_o): the popcount and the adder are
    // in front of the counters only, not of the read data
    wire [31:0] drop_cnt_v = sat_add(drop_cnt_q, {1'b0, popcount(drop_m_q)});
    wire [31:0] lexp_cnt_v = sat_add(lexp_cnt_q, {1'b0, popcount(lexp_m_q)});
    assign drop_cnt_o = drop_cnt_q;
    assign lexp_cnt_o = lexp_cnt_q;

    assign owner_o = own_q[4*NUM_VEC-1:0];

    // a vector whose lease ends at this edge takes no window write: the
    // hardware resets it to hand it home, and the borrower's write must not
    // survive that (virq_top applies the same rule to FN_MOD[])
    // (last_q: the lease count is 1, lent_q: it is not 0; both registered
    // with the count, so that the expiry is one gate after the tick and the
    // write checks do not compare 16-bit counts)
    reg  [MV-1:0] last_q, lent_q;
    wire [MV-1:0] expiring = tick_i ? last_q : {MV{1'b0}};
    // a write decided now takes effect at the next edge: a window write is
    // refused also if the lease ends at that edge (count 1 then, i.e. 2 now
    // with a tick now or 1 now without, and a tick then); two_q: count is 2
    reg  [MV-1:0] two_q;
    // (a window write accepted now takes effect at the next edge, here and
    // in virq_moderation, so a lease ending at either edge refuses it:
    // expiring | ends_next, ends_next = tick_next ? (tick ? two_q : last_q)
    // : 0, kept in the formal section).  For one vector the checks select its last_q
    // and two_q first (by address) and apply the two tick strobes last,
    // so the time base reaches a write's response through one gate:
    function lease_busy;
        input last, two, tk, tk_next;
        lease_busy = tk ? (last || (tk_next && two)) : (tk_next && last);
    endfunction
    assign fmv_busy_o = lease_busy(last_q[fmv_i], two_q[fmv_i], tick_i, tick_next_i);
    // every vector's, the same expression on whole vectors (one function
    // call per vector costs a simulator 32 calls a cycle)
    wire [NUM_VEC-1:0] last_n = last_q[NUM_VEC-1:0], two_n = two_q[NUM_VEC-1:0];
    assign busy_v_o = tick_i ? (last_n | ({NUM_VEC{tick_next_i}} & two_n))
                             : ({NUM_VEC{tick_next_i}} & last_n);

    // ---- INTx (seed 002 FIG. 5) -------------------------------------------------------
    wire [MF-1:0] leg_w       = {{(MF-NUM_FUNC){1'b0}}, leg_i};
    wire [MF-1:0] intx_raw    = lat_q | leg_w;
    wire [MF-1:0] intx_status = intx_raw & intx_en_q;
    // a function with MSI-X enabled does not use its INTx pin (PCIe: MSI-X
    // Enable prohibits INTx), whatever its status says
    wire [MF-1:0] intx_line   = intx_status & ~intx_dis_q & ~msix_en_q;
    assign intx_o = |intx_line;

    // ---- which vectors may send ---------------------------------------------------------
    integer iv, ip, ir, ix, is;  // one loop variable per always block
    // Registered, from the next-state values (below), so they always equal
    // the same expressions of the current state: the owner-indexed lookups
    // of MSI-X Enable and Function Mask are off the arbiter's path.
    reg  [MV-1:0] may_send_q;   // owner has MSI-X enabled, function and vector unmasked
    reg  [MV-1:0] msix_on_q;    // owner has MSI-X enabled
    wire [MV-1:0] may_send = may_send_q;
    wire [MV-1:0] msix_on  = msix_on_q;
    wire [MV-1:0] cand = pba_q & may_send;

    // The lowest set bit of a vector mask, one-hot: m & -m (one carry
    // chain; a priority loop would be a chain of NUM_VEC multiplexers).
    function [MV-1:0] lowest;
        input [MV-1:0] m;
        reg   [MV-1:0] mm;
        begin
            mm     = m & {{(MV-NUM_VEC){1'b0}}, {NUM_VEC{1'b1}}};
            lowest = mm & (~mm + {{(MV-1){1'b0}}, 1'b1});
        end
    endfunction
    // the index of a one-hot mask: each index bit is the OR of the
    // positions that have it
    // (written with one constant mask per index bit, ENC_M[b]: the
    // positions k < NUM_VEC whose index has bit b set, so that a simulator
    // evaluates six AND-ORs of the whole mask instead of a loop over the
    // vectors; the same ORs)
    function [MV-1:0] enc_mask;
        input integer b;
        integer k;
        begin
            enc_mask = {MV{1'b0}};
            for (k = 0; k < NUM_VEC; k = k + 1)
                enc_mask[k] = ((k >> b) & 1) != 0;
        end
    endfunction
    localparam [MV-1:0] ENC_M0 = enc_mask(0), ENC_M1 = enc_mask(1), ENC_M2 = enc_mask(2),
                        ENC_M3 = enc_mask(3), ENC_M4 = enc_mask(4), ENC_M5 = enc_mask(5);
    function [5:0] encode;
        input [MV-1:0] oh;
        encode = {|(oh & ENC_M5), |(oh & ENC_M4), |(oh & ENC_M3),
                  |(oh & ENC_M2), |(oh & ENC_M1), |(oh & ENC_M0)};
    endfunction

    // Two stages (docs/msix.md, "Timing" and "Registered pick"):
    //
    // P, the round-robin pick: the first candidate at or after rr (the
    // vector after the last pick), else the first, into pk_oh_q (one-hot;
    // 0 = none).  rr_ge_q holds the vectors at or after rr (bit v = v >=
    // rr), so the pick is two find-first-set and no compare.  P moves
    // whenever the output register is free (it holds its pick while the
    // output waits on m_ready_i) and leaves out the vector in pk_oh_q: that
    // one is loaded at this very edge (or may not send, see L).  rr moves
    // at the pick.
    //
    // L, the load: when the output register is free, the vector in pk_oh_q
    // is loaded if it is still a candidate in the current state (pending,
    // unmasked, owner enabled, function unmasked), from its current table
    // entry and owner, and its pending bit clears at the same edge.  A pick
    // that may no longer send (masked, function-masked, MSI-X disabled,
    // pending bit dropped by a hand-over, between P and L) is not loaded:
    // a cycle without a message, the vector stays as its state says.
    reg  [MV-1:0] pk_oh_q;
    reg  [MV-1:0] rr_ge_q;
    wire          out_free = !m_valid_o || m_ready_i;
    // L
    wire          launch   = out_free && |(pk_oh_q & cand);
    wire [5:0]    pick     = encode(pk_oh_q);   // the loaded vector (m_vec_o)
    // the loaded vector's table entry and owner: AND-OR over the one-hot pick
    // (the entry: a table read at the encoded pick, its fields' valid bits
    // an AND-OR over the one-hot pick; with no pick nothing is loaded)
    wire [VW-1:0] pick_ix  = pick[VW-1:0];
    wire [93:0]   pick_ent = {|(pk_oh_q & ahiv_q) ? ahi_m[pick_ix] : 32'h0,
                              |(pk_oh_q & alov_q) ? alo_m[pick_ix] : 30'h0,
                              |(pk_oh_q & datv_q) ? dat_m[pick_ix] : 32'h0};
    reg  [3:0]    pick_own;
    always @* begin
        pick_own = 4'h0;
        for (ip = 0; ip < NUM_VEC; ip = ip + 1)
            if (pk_oh_q[ip])
                pick_own = pick_own | own_q[4*ip +: 4];
    end
    // P: cand without the registered pick.  One subtraction m - 1 per
    // search gives both the lowest set bit, m & ~(m - 1), and the vectors
    // after it, ~(m ^ (m - 1)): the next rr_ge_q (all of them when the
    // next rr wraps to 0)
    localparam [MV-1:0] VMASK = {{(MV-NUM_VEC){1'b0}}, {NUM_VEC{1'b1}}};
    localparam [MV-1:0] ONE   = {{(MV-1){1'b0}}, 1'b1};
    wire [MV-1:0] p_lo    = cand & ~pk_oh_q & VMASK;
    wire [MV-1:0] p_hi    = p_lo & rr_ge_q;
    wire [MV-1:0] p_lo_m1 = p_lo - ONE;
    wire [MV-1:0] p_hi_m1 = p_hi - ONE;
    wire          p_use_hi = |p_hi;
    wire          pick_v  = |p_lo;
    wire [MV-1:0] pick_oh = p_use_hi ? (p_hi & ~p_hi_m1) : (p_lo & ~p_lo_m1);
    wire [MV-1:0] rr_ge_d = pick_oh[NUM_VEC-1] ? {MV{1'b1}} :
                            p_use_hi ? ~(p_hi ^ p_hi_m1) : ~(p_lo ^ p_lo_m1);

    // ---- lease-expired events: the lowest vector first ------------------------------------
    wire       lev_any = |exp_q;
    wire [5:0] lev_v   = encode(lowest(exp_q));
    assign lev_valid_o = lev_any;
    assign lev_param_o = {8'h0, 4'h0, home_q[4*lev_v +: 4], 2'b00, lev_v};

    // ---- register decode ---------------------------------------------------------------------
    // PF window: counters, FN_CTL[f] (f = a[7:4], register a[3:2]), VEC[v]
    // (v = a[8:3], register a[2]); function window f = a[15:12], offset
    // a[11:0]: the function's control registers, PBA, MSI-X table
    // (v = a[9:4], register a[3:2]).
    wire [31:0] wa = {{(32-ADDR_W){1'b0}}, wr_addr_i};
    wire [31:0] ra = {{(32-ADDR_W){1'b0}}, rd_addr_i};

    function is_fnctl;  input [31:0] a; is_fnctl = a >= `VIRQ_FN_CTL_BASE && a < `VIRQ_FN_CTL_BASE + 32'h100; endfunction
    function is_vec;    input [31:0] a; is_vec   = a >= `VIRQ_VEC_BASE && a < `VIRQ_VEC_BASE + 32'h200; endfunction
    function is_win;    input [15:0] a_hi; is_win = a_hi == 16'h1; endfunction

    // write response
    wire [3:0]  w_fc  = wa[7:4];       // FN_CTL function
    wire [5:0]  w_vv  = wa[8:3];       // VEC vector
    wire [3:0]  w_wf  = wa[15:12];     // window function
    wire [11:0] w_off = wa[11:0];
    wire [5:0]  w_mv  = wa[9:4];       // MSI-X table vector
    wire        w_busy = lease_busy(last_q[w_mv], two_q[w_mv], tick_i, tick_next_i);  // its lease ends at this edge or the next
    wire        w_lease_grant = wr_data_i[15:0] != 16'h0;
    always @* begin
        wr_resp_o = `VIRQ_RESP_DECERR;
        if (wa == `VIRQ_VEC_DROP_CNT_OFFSET || wa == `VIRQ_LEASE_EXP_CNT_OFFSET) begin
            wr_resp_o = `VIRQ_RESP_SLVERR;
        end else if (is_fnctl(wa)) begin
            if ({28'h0, w_fc} < NFN) begin
                case (wa[3:2])
                    2'd0: wr_resp_o = (wr_data_i & ~`VIRQ_FN_CTL_INTX_WMASK) == 32'h0 ?
                                      `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    2'd1, 2'd2: wr_resp_o = `VIRQ_RESP_SLVERR;
                    default: wr_resp_o = `VIRQ_RESP_DECERR;
                endcase
            end
        end else if (is_vec(wa)) begin
            if ({26'h0, w_vv} < NVEC) begin
                wr_resp_o = `VIRQ_RESP_SLVERR;
                if (!wa[2]) begin
                    // HOME: a function of the instance, not while lent
                    if ((wr_data_i & ~`VIRQ_VEC_HOME_WMASK) == 32'h0 &&
                        {28'h0, wr_data_i[3:0]} < NFN && !lent_q[w_vv])
                        wr_resp_o = `VIRQ_RESP_OKAY;
                end else if ((wr_data_i & ~`VIRQ_VEC_LEASE_WMASK) == 32'h0) begin
                    // LEASE: grant to another function while not lent; end
                    if (!w_lease_grant)
                        wr_resp_o = `VIRQ_RESP_OKAY;
                    else if (!lent_q[w_vv] && {28'h0, wr_data_i[19:16]} < NFN &&
                             wr_data_i[19:16] != home_q[4*w_vv +: 4])
                        wr_resp_o = `VIRQ_RESP_OKAY;
                end
            end
        end else if (is_win(wa[31:16]) && {28'h0, w_wf} < NFN) begin
            if ({20'h0, w_off} >= `VIRQ_FN_MSIX_BASE && {20'h0, w_off} < `VIRQ_FN_MSIX_BASE + 32'h400) begin
                if ({26'h0, w_mv} < NVEC) begin
                    if (own_q[4*w_mv +: 4] != w_wf || w_busy)
                        wr_resp_o = `VIRQ_RESP_SLVERR;   // not (or not when applied) the vector's owner
                    else case (wa[3:2])
                        2'd0: wr_resp_o = (wr_data_i & ~`VIRQ_FN_MSIX_ADDR_LO_WMASK) == 32'h0 ?
                                          `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                        2'd3: wr_resp_o = (wr_data_i & ~`VIRQ_FN_MSIX_VCTRL_WMASK) == 32'h0 ?
                                          `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                        default: wr_resp_o = `VIRQ_RESP_OKAY;
                    endcase
                end
            end else begin
                case ({20'h0, w_off})
                    `VIRQ_FN_INFO_OFFSET, `VIRQ_FN_INTX_STATE_OFFSET:
                        wr_resp_o = `VIRQ_RESP_SLVERR;
                    `VIRQ_FN_INTX_CTRL_OFFSET:
                        wr_resp_o = (wr_data_i & ~`VIRQ_FN_INTX_CTRL_WMASK) == 32'h0 ?
                                    `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_FN_INTX_ACK_OFFSET:
                        wr_resp_o = (wr_data_i & ~`VIRQ_FN_INTX_ACK_WMASK) == 32'h0 ?
                                    `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_FN_MSIX_CTRL_OFFSET:
                        wr_resp_o = (wr_data_i & ~`VIRQ_FN_MSIX_CTRL_WMASK) == 32'h0 ?
                                    `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    `VIRQ_FN_PBA_BASE:
                        wr_resp_o = `VIRQ_RESP_SLVERR;
                    `VIRQ_FN_PBA_BASE + 32'h4:
                        wr_resp_o = NUM_VEC > 32 ? `VIRQ_RESP_SLVERR : `VIRQ_RESP_DECERR;
                    default:
                        wr_resp_o = `VIRQ_RESP_DECERR;
                endcase
            end
        end
    end
    // The accepted write, decoded per register class from the checks that
    // apply to that class alone (the response above is their union, and
    // formal (6) ties each class to it), so that no register behind the
    // decision waits for a check it does not need: only a table write
    // (a_msix_q) waits for the window owner check.
    //
    // VEC[v] writes, per vector, at the decision, so that a vector's
    // hand-over (its entry's reset and clock enables, about 100 flip-flops
    // per vector) starts at a flip-flop: a HOME write that moves v, a LEASE
    // grant of v, a LEASE end of v (a hand-over if v is still lent when
    // applied).  Each vector's bit uses v's own lent_q and home_q (no
    // lookup by the address).  home_q cannot change between the decision
    // and the apply (no write is applied in a decision cycle), so the HOME
    // compare can be made at the decision.
    wire w_vec_a   = wr_en_i && is_vec(wa);
    wire w_home_d  = (wr_data_i & ~`VIRQ_VEC_HOME_WMASK) == 32'h0 && {28'h0, wr_data_i[3:0]} < NFN;
    wire w_lease_d = (wr_data_i & ~`VIRQ_VEC_LEASE_WMASK) == 32'h0;
    wire w_grant_d = w_lease_d && w_lease_grant && {28'h0, wr_data_i[19:16]} < NFN;
    reg  [MV-1:0] w_home, w_grant, w_lend, w_xw;
    integer iw;
    always @* begin
        w_home  = {MV{1'b0}};
        w_grant = {MV{1'b0}};
        w_lend  = {MV{1'b0}};
        w_xw    = {MV{1'b0}};
        iw      = 0;
        if (w_vec_a)   // (a simulator visits the vectors only with a VEC write)
        for (iw = 0; iw < NUM_VEC; iw = iw + 1)
            if (w_vv == iw[5:0]) begin
                w_home[iw]  = !wa[2] && w_home_d && !lent_q[iw] && wr_data_i[3:0] != home_q[4*iw +: 4];
                w_grant[iw] = wa[2] && w_grant_d && !lent_q[iw] && wr_data_i[19:16] != home_q[4*iw +: 4];
                w_lend[iw]  = wa[2] && w_lease_d && !w_lease_grant;
                // the write hands v over when applied: a move, a grant, or
                // an end of a lease that is not over by then (a lease can
                // end in between only by this edge's expiry)
                w_xw[iw]    = w_home[iw] || w_grant[iw] || (w_lend[iw] && lent_q[iw] && !expiring[iw]);
            end
    end
    // FN_CTL[f].INTX (the only writable FN_CTL register)
    wire w_fnctl_ok = wr_en_i && is_fnctl(wa) && {28'h0, w_fc} < NFN && wa[3:2] == 2'd0 &&
                      (wr_data_i & ~`VIRQ_FN_CTL_INTX_WMASK) == 32'h0;
    // a function window: the table (owner and lease checks), or one of the
    // function's writable control registers (no owner check)
    wire w_win_a = wr_en_i && is_win(wa[31:16]) && {28'h0, w_wf} < NFN;
    wire w_tab   = {20'h0, w_off} >= `VIRQ_FN_MSIX_BASE && {20'h0, w_off} < `VIRQ_FN_MSIX_BASE + 32'h400;
    reg  w_ctl_d, w_tab_d;   // the data checks of the register addressed
    always @* begin
        case ({20'h0, w_off})
            `VIRQ_FN_INTX_CTRL_OFFSET: w_ctl_d = (wr_data_i & ~`VIRQ_FN_INTX_CTRL_WMASK) == 32'h0;
            `VIRQ_FN_INTX_ACK_OFFSET:  w_ctl_d = (wr_data_i & ~`VIRQ_FN_INTX_ACK_WMASK) == 32'h0;
            `VIRQ_FN_MSIX_CTRL_OFFSET: w_ctl_d = (wr_data_i & ~`VIRQ_FN_MSIX_CTRL_WMASK) == 32'h0;
            default:                   w_ctl_d = 1'b0;
        endcase
        case (wa[3:2])
            2'd0:    w_tab_d = (wr_data_i & ~`VIRQ_FN_MSIX_ADDR_LO_WMASK) == 32'h0;
            2'd3:    w_tab_d = (wr_data_i & ~`VIRQ_FN_MSIX_VCTRL_WMASK) == 32'h0;
            default: w_tab_d = 1'b1;
        endcase
    end
    wire w_win_ok  = w_win_a && !w_tab && w_ctl_d;
    // ... registered per function (one-hot): the function's flags are
    // written from a flip-flop, not from the registered address's decode
    reg  [MF-1:0] w_mctl, w_ictl, w_ack, w_dis;
    integer iq;
    always @* begin
        w_mctl = {MF{1'b0}};
        w_ictl = {MF{1'b0}};
        w_ack  = {MF{1'b0}};
        w_dis  = {MF{1'b0}};
        iq     = 0;
        if (w_win_ok || w_fnctl_ok)   // (visited only with such a write)
        for (iq = 0; iq < NUM_FUNC; iq = iq + 1) begin
            w_mctl[iq] = w_win_ok && w_wf == iq[3:0] && {20'h0, w_off} == `VIRQ_FN_MSIX_CTRL_OFFSET;
            w_ictl[iq] = w_win_ok && w_wf == iq[3:0] && {20'h0, w_off} == `VIRQ_FN_INTX_CTRL_OFFSET;
            w_ack[iq]  = w_win_ok && w_wf == iq[3:0] && {20'h0, w_off} == `VIRQ_FN_INTX_ACK_OFFSET &&
                         wr_data_i[0];
            w_dis[iq]  = w_fnctl_ok && w_fc == iq[3:0];
        end
    end
    wire w_msix_ok = w_win_a && w_tab && {26'h0, w_mv} < NVEC && w_tab_d &&
                     own_q[4*w_mv +: 4] == w_wf && !w_busy;

    // the accepted write, registered: applied at the next edge (a_*)
    reg         a_msix_q;
    reg  [MF-1:0] a_mctl_q, a_ictl_q, a_ack_q, a_dis_q;
    reg  [9:2]  a_addr_q;
    reg  [31:0] a_data_q;
    reg  [MV-1:0] a_home_q, a_grant_q, a_lend_q, a_xw_q;
    always @(posedge clk_i) begin
        if (!rst_ni) begin
            a_home_q  <= {MV{1'b0}};
            a_grant_q <= {MV{1'b0}};
            a_lend_q  <= {MV{1'b0}};
            a_xw_q    <= {MV{1'b0}};
            a_mctl_q  <= {MF{1'b0}};
            a_ictl_q  <= {MF{1'b0}};
            a_ack_q   <= {MF{1'b0}};
            a_dis_q   <= {MF{1'b0}};
            a_msix_q  <= 1'b0;
            a_addr_q  <= 8'h0;
            a_data_q  <= 32'h0;
        end else begin
            a_home_q  <= w_home;
            a_grant_q <= w_grant;
            a_lend_q  <= w_lend;
            a_xw_q    <= w_xw;
            a_mctl_q  <= w_mctl;
            a_ictl_q  <= w_ictl;
            a_ack_q   <= w_ack;
            a_dis_q   <= w_dis;
            a_msix_q  <= w_msix_ok;
            a_addr_q  <= wa[9:2];
            a_data_q  <= wr_data_i;
        end
    end
    // a_mctl_q[f]: MSIX_CTRL of window f; a_ictl_q[f]: INTX_CTRL of window
    // f; a_ack_q[f]: INTX_ACK of window f with bit 0 set; a_dis_q[f]:
    // FN_CTL[f].INTX (DISABLE)
    wire        a_msix  = a_msix_q;               // window table entry a_mv
    wire [5:0]  a_mv    = a_addr_q[9:4];
    wire [1:0]  a_reg   = a_addr_q[3:2];
    wire [VW-1:0] a_ix  = a_mv[VW-1:0];
    // the table field a write sets valid: [0] ADDR_LO, [1] ADDR_HI, [2] DATA
    wire [MV-1:0] a_oh  = {{(MV-1){1'b0}}, 1'b1} << a_mv;
    wire [MV-1:0] a_wtab [0:2];
    assign a_wtab[0] = (a_msix && a_reg == 2'd0) ? a_oh : {MV{1'b0}};
    assign a_wtab[1] = (a_msix && a_reg == 2'd1) ? a_oh : {MV{1'b0}};
    assign a_wtab[2] = (a_msix && a_reg == 2'd2) ? a_oh : {MV{1'b0}};

    // read data (of the answer cycle c, registered at its end) and
    // response (in c + 1, from the owner of the read vector as of c,
    // registered at the same edge; the rest of the decision is the held
    // address's)
    wire [3:0]  r_fc  = ra[7:4];
    wire [5:0]  r_vv  = ra[8:3];
    wire [3:0]  r_wf  = ra[15:12];
    wire [11:0] r_off = ra[11:0];
    wire [5:0]  r_mv  = ra[9:4];
    reg  [63:0] r_pba;
    always @* begin
        r_pba = 64'h0;  // MV bits
        for (ir = 0; ir < NUM_VEC; ir = ir + 1)
            if (({20'h0, r_off} & ~32'h4) == `VIRQ_FN_PBA_BASE)   // FN_PBA[0/1] (read there only)
                r_pba[ir] = pba_q[ir] && own_q[4*ir +: 4] == r_wf;
    end
    // the addressed table entry: a table read at the registered read
    // vector (a vector at or above NUM_VEC has no valid bit set: 0).  Before
    // the table was RAM this was a multiplexer over a packed copy of the
    // flip-flop entries, and before that an AND-OR over constant indices,
    // which router2 could not route (docs/design.md items 32, 34, 35)
    wire [VW-1:0] r_ix  = r_mv[VW-1:0];
    wire [93:0]   r_ent = {ahiv_q[r_mv] ? ahi_m[r_ix] : 32'h0,
                           alov_q[r_mv] ? alo_m[r_ix] : 30'h0,
                           datv_q[r_mv] ? dat_m[r_ix] : 32'h0};
    reg  [31:0] rd_data_c;   // the data in c, before the owner check
    reg  [3:0]  r_own_q;     // the owner of the read vector, as of c
    reg  [31:0] rd_data_q;
    always @(posedge clk_i) begin
        r_own_q   <= own_q[4*r_mv +: 4];
        rd_data_q <= rd_data_c;
    end
    assign rd_data_o = rd_resp_o == `VIRQ_RESP_OKAY ? rd_data_q : 32'h0;
    always @* begin
        rd_data_c = 32'h0;
        rd_resp_o = `VIRQ_RESP_DECERR;
        if (ra == `VIRQ_VEC_DROP_CNT_OFFSET || ra == `VIRQ_LEASE_EXP_CNT_OFFSET) begin
            rd_resp_o = `VIRQ_RESP_OKAY;   // the value: drop_cnt_o / lexp_cnt_o, one cycle later
        end else if (is_fnctl(ra)) begin
            if ({28'h0, r_fc} < NFN) begin
                rd_resp_o = `VIRQ_RESP_OKAY;
                case (ra[3:2])
                    2'd0: rd_data_c = {31'h0, intx_dis_q[r_fc]};
                    2'd1: rd_data_c = {22'h0, fmask_q[r_fc], msix_en_q[r_fc], 4'h0, intx_line[r_fc],
                                       intx_status[r_fc], intx_en_q[r_fc], intx_raw[r_fc]};
                    2'd2: rd_data_c = ferr_q[r_fc];
                    default: rd_resp_o = `VIRQ_RESP_DECERR;
                endcase
            end
        end else if (is_vec(ra)) begin
            if ({26'h0, r_vv} < NVEC) begin
                rd_resp_o = `VIRQ_RESP_OKAY;
                if (!ra[2])
                    rd_data_c = {28'h0, home_q[4*r_vv +: 4]};
                else
                    rd_data_c = {12'h0, own_q[4*r_vv +: 4], lcnt_q[r_vv]};
            end
        end else if (is_win(ra[31:16]) && {28'h0, r_wf} < NFN) begin
            if ({20'h0, r_off} >= `VIRQ_FN_MSIX_BASE && {20'h0, r_off} < `VIRQ_FN_MSIX_BASE + 32'h400) begin
                if ({26'h0, r_mv} < NVEC) begin
                    rd_resp_o = r_own_q == r_wf ? `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
                    case (ra[3:2])
                        2'd0: rd_data_c = {r_ent[61:32], 2'b00};
                        2'd1: rd_data_c = r_ent[93:62];
                        2'd2: rd_data_c = r_ent[31:0];
                        default: rd_data_c = {31'h0, mask_q[r_mv]};
                    endcase
                end
            end else begin
                rd_resp_o = `VIRQ_RESP_OKAY;
                case ({20'h0, r_off})
                    `VIRQ_FN_INFO_OFFSET:       rd_data_c = {8'h0, NVEC[7:0], 12'h0, r_wf};
                    `VIRQ_FN_INTX_CTRL_OFFSET:  rd_data_c = {31'h0, intx_en_q[r_wf]};
                    `VIRQ_FN_INTX_STATE_OFFSET: rd_data_c = {28'h0, intx_line[r_wf], intx_dis_q[r_wf],
                                                             intx_status[r_wf], intx_raw[r_wf]};
                    `VIRQ_FN_INTX_ACK_OFFSET:   rd_data_c = 32'h0;   // write-only
                    `VIRQ_FN_MSIX_CTRL_OFFSET:  rd_data_c = {30'h0, fmask_q[r_wf], msix_en_q[r_wf]};
                    `VIRQ_FN_PBA_BASE:          rd_data_c = r_pba[31:0];
                    `VIRQ_FN_PBA_BASE + 32'h4: begin
                        rd_data_c = r_pba[63:32];
                        if (NUM_VEC <= 32)
                            rd_resp_o = `VIRQ_RESP_DECERR;
                    end
                    default:                    rd_resp_o = `VIRQ_RESP_DECERR;
                endcase
            end
        end
    end

    // ---- next state ------------------------------------------------------------------------
    // INTx latches set by this cycle's vector interrupts with MSI-X off,
    // per function: an OR over the vectors it owns (a decode of each
    // owner, not a write to a bit indexed by it)
    function [MV-1:0] owned_by;
        input [4*MV-1:0] o;
        input [3:0]      f;
        integer k;
        begin
            owned_by = {MV{1'b0}};
            for (k = 0; k < NUM_VEC; k = k + 1)
                owned_by[k] = o[4*k +: 4] == f;
        end
    endfunction
    wire [MV-1:0] irq_w = {{(MV-NUM_VEC){1'b0}}, irq_i};
    // the vector interrupts that latch INTx (MSI-X off) this cycle; the
    // owner decodes below are evaluated (by a simulator) only in a cycle
    // that has one: with none, every term of the OR is 0 anyway
    wire [MV-1:0] lat_irq = irq_w & ~msix_on;
    reg  [MF-1:0] lat_set;
    integer il;
    always @* begin
        lat_set = {MF{1'b0}};
        for (il = 0; il < NUM_FUNC; il = il + 1)
            if (lat_irq != {MV{1'b0}})
                lat_set[il] = |(lat_irq & owned_by(own_q, il[3:0]));
    end
    reg [MV-1:0]   mask_d, pba_d, exp_d, xfer;
    reg [4*MV-1:0] home_d, own_d;
    reg [MF-1:0]   lat_d, msix_en_d, fmask_d;
    reg [MV-1:0]   may_send_d, msix_on_d;
    reg [MV-1:0]   drop_m, lexp_m;   // vectors whose pending bit is dropped / lease expired
    reg [15:0]     lcnt_d [0:MV-1];
    reg [MV-1:0]   last_d, lent_d, two_d;
    // The ownership update of each vector takes at most one of these cases,
    // in this priority (registered writes first, then the lease's tick);
    // one bit per vector, so that the single-bit state below is updated
    // with whole-vector operations (a simulator otherwise re-tests the
    // cases for every vector and every state bit each cycle; same logic):
    //   o_home   a HOME write that moves v
    //   o_grant  a LEASE grant of v
    //   o_end    a LEASE end of v while v is still lent
    //   o_tick   a tick while v is lent (o_exp: the lease's last tick)
    // (a LEASE end of a vector that is not lent changes nothing)
    wire [MV-1:0] o_home  = a_home_q & VMASK;
    wire [MV-1:0] o_grant = a_grant_q & ~a_home_q & VMASK;
    wire [MV-1:0] o_end   = a_lend_q & ~a_grant_q & ~a_home_q & lent_q & VMASK;
    wire [MV-1:0] o_tick  = {MV{tick_i}} & lent_q & ~a_lend_q & ~a_grant_q & ~a_home_q & VMASK;
    wire [MV-1:0] o_exp   = o_tick & last_q;
    wire [MV-1:0] o_cnt   = o_grant | o_end | o_tick;   // the count and its flags change
    wire          g_one   = a_data_q[15:0] == 16'h1;    // a grant's count is 1 / 2
    wire          g_two   = a_data_q[15:0] == 16'h2;
    reg  [MV-1:0] cnt3;   // a counting lease's count is 3 (o_tick vectors only)
    always @* begin
        mask_d = mask_q;
        home_d = home_q;
        own_d  = own_q;
        exp_d  = exp_q;
        lat_d  = lat_q;
        msix_en_d = (msix_en_q & ~a_mctl_q) | (a_mctl_q & {MF{a_data_q[0]}});
        fmask_d   = (fmask_q   & ~a_mctl_q) | (a_mctl_q & {MF{a_data_q[1]}});
        for (ix = 0; ix < MV; ix = ix + 1)
            lcnt_d[ix] = lcnt_q[ix];
        // pending bits: the launched one clears, interrupts set; a vector
        // interrupt of a function with MSI-X disabled latches its INTx status
        // (an acknowledge and a new interrupt in one cycle: the interrupt stays)
        pba_d = pba_q;
        if (launch)
            pba_d = pba_d & ~pk_oh_q;
        lat_d = lat_d & ~a_ack_q;
        pba_d = pba_d | (irq_w & msix_on);
        lat_d = lat_d | lat_set;
        // the event taken is the lowest waiting vector (one-hot, no index)
        if (lev_valid_o && lev_ready_i)
            exp_d = exp_d & ~lowest(exp_q);
        // ownership: register writes, then lease expiry on a tick
        // (a HOME write that does not move v, and a LEASE end or a grant,
        // find v not lent, so the expiry branch is idle for them too)
        // The flags of the next count (1, 2, not 0) come from the current
        // flags and a compare of the current count with 3, not from the
        // decremented count: a tick moves "is 2" to "is 1", "is 3" to "is
        // 2", and clears "not 0" after "is 1".
        // hand-over: by the applied write (registered at the decision,
        // a_xw_q) or by the expiry (a lent vector is not written HOME or
        // granted, so a_lend_q is the only write to exclude)
        xfer   = (a_xw_q | ({MV{tick_i}} & last_q)) & VMASK;
        exp_d  = exp_d | o_exp;
        lexp_m = o_exp;
        cnt3   = {MV{1'b0}};
        if (o_tick != {MV{1'b0}})
            for (ix = 0; ix < NUM_VEC; ix = ix + 1)
                if (o_tick[ix])
                    cnt3[ix] = lcnt_q[ix] == 16'h3;
        last_d = (last_q & ~o_cnt) | (o_grant & {MV{g_one}}) | (o_tick & two_q);
        two_d  = (two_q  & ~o_cnt) | (o_grant & {MV{g_two}}) | (o_tick & cnt3);
        lent_d = (lent_q & ~o_end & ~o_exp) | o_grant;   // a grant has TICKS != 0
        // (the per-vector cases are visited, by a simulator, only in a
        // cycle that has one: without, no branch below is taken)
        if ((o_home | o_grant | o_end | o_tick) != {MV{1'b0}})
        for (ix = 0; ix < NUM_VEC; ix = ix + 1)
            if (o_home[ix]) begin
                home_d[4*ix +: 4] = a_data_q[3:0];
                own_d[4*ix +: 4]  = a_data_q[3:0];
            end else if (o_grant[ix]) begin
                own_d[4*ix +: 4] = a_data_q[19:16];
                lcnt_d[ix] = a_data_q[15:0];
            end else if (o_end[ix]) begin
                own_d[4*ix +: 4] = home_q[4*ix +: 4];
                lcnt_d[ix] = 16'h0;
            end else if (o_tick[ix]) begin
                lcnt_d[ix] = lcnt_q[ix] - 16'h1;
                if (last_q[ix])
                    own_d[4*ix +: 4] = home_q[4*ix +: 4];
            end
        // a vector changes hands in its reset state
        mask_d = mask_d | xfer;
        drop_m = pba_d & xfer;
        pba_d  = pba_d & ~xfer;
        if (a_msix && a_reg == 2'd3)
            mask_d[a_mv] = a_data_q[0];
    end
    // (each owner selected once, in place: through a function a simulator
    // copies the whole 256-bit argument for every vector)
    reg [3:0] ow_d;
    always @* begin
        may_send_d = {MV{1'b0}};
        msix_on_d  = {MV{1'b0}};
        ow_d       = 4'h0;
        for (iv = 0; iv < NUM_VEC; iv = iv + 1) begin
            ow_d           = own_d[4*iv +: 4];
            msix_on_d[iv]  = msix_en_d[ow_d];
            may_send_d[iv] = msix_en_d[ow_d] && !fmask_d[ow_d];
        end
        may_send_d = may_send_d & ~mask_d;
    end

    always @(posedge clk_i) begin
        if (!rst_ni) begin
            mask_q     <= {MV{1'b1}};
            pba_q      <= {MV{1'b0}};
            exp_q      <= {MV{1'b0}};
            home_q     <= {4*MV{1'b0}};
            own_q      <= {4*MV{1'b0}};
            msix_en_q  <= {MF{1'b0}};
            fmask_q    <= {MF{1'b0}};
            may_send_q <= {MV{1'b0}};
            msix_on_q  <= {MV{1'b0}};
            last_q     <= {MV{1'b0}};
            lent_q     <= {MV{1'b0}};
            two_q      <= {MV{1'b0}};
            intx_en_q  <= {MF{1'b1}};
            intx_dis_q <= {MF{1'b0}};
            lat_q      <= {MF{1'b0}};
            drop_cnt_q <= 32'h0;
            lexp_cnt_q <= 32'h0;
            drop_m_q   <= {MV{1'b0}};
            lexp_m_q   <= {MV{1'b0}};
            rr_ge_q    <= {MV{1'b1}};
            pk_oh_q    <= {MV{1'b0}};
            m_valid_o  <= 1'b0;
            m_addr_o   <= 64'h0;
            m_data_o   <= 32'h0;
            m_func_o   <= 4'h0;
            m_vec_o    <= 6'h0;
            alov_q     <= {MV{1'b0}};
            ahiv_q     <= {MV{1'b0}};
            datv_q     <= {MV{1'b0}};
            for (is = 0; is < MV; is = is + 1)
                lcnt_q[is] <= 16'h0;
            for (is = 0; is < MF; is = is + 1)
                ferr_q[is] <= 32'h0;
        end else begin
            mask_q     <= mask_d;
            pba_q      <= pba_d;
            exp_q      <= exp_d;
            home_q     <= home_d;
            own_q      <= own_d;
            lat_q      <= lat_d;
            msix_en_q  <= msix_en_d;
            fmask_q    <= fmask_d;
            may_send_q <= may_send_d;
            msix_on_q  <= msix_on_d;
            last_q     <= last_d;
            lent_q     <= lent_d;
            two_q      <= two_d;
            drop_m_q   <= drop_m;
            lexp_m_q   <= lexp_m;
            drop_cnt_q <= drop_cnt_v;
            lexp_cnt_q <= lexp_cnt_v;
            for (is = 0; is < NUM_VEC; is = is + 1)
                lcnt_q[is] <= lcnt_d[is];
            // a hand-over resets the vector's table entry (its fields read
            // as 0); a table write in the same cycle is applied after it
            alov_q     <= (alov_q & ~xfer) | a_wtab[0];
            ahiv_q     <= (ahiv_q & ~xfer) | a_wtab[1];
            datv_q     <= (datv_q & ~xfer) | a_wtab[2];
            intx_en_q  <= (intx_en_q  & ~a_ictl_q) | (a_ictl_q & {MF{a_data_q[0]}});
            intx_dis_q <= (intx_dis_q & ~a_dis_q)  | (a_dis_q  & {MF{a_data_q[0]}});
            // (counted only in a cycle with a refusal: adding 0 holds)
            if (werr_i || rerr_i)
                for (is = 0; is < NUM_FUNC; is = is + 1)
                    ferr_q[is] <= sat_add(ferr_q[is], {7'h0, werr_i && werr_fn_i == is[3:0]} +
                                                    {7'h0, rerr_i && rerr_fn_i == is[3:0]});
            // stage P: a new pick whenever the output register is free
            if (out_free) begin
                pk_oh_q <= pick_oh;
                if (pick_v)
                    rr_ge_q <= rr_ge_d;
            end
            // stage L: the output register
            if (launch) begin
                m_valid_o <= 1'b1;
                m_addr_o  <= {pick_ent[93:32], 2'b00};
                m_data_o  <= pick_ent[31:0];
                m_func_o  <= pick_own;
                m_vec_o   <= pick;
            end else if (m_ready_i) begin
                m_valid_o <= 1'b0;
            end
        end
    end

    // the MSI-X table arrays: one write port each, no reset (RAM)
    always @(posedge clk_i) begin
        if (a_msix && a_reg == 2'd0) alo_m[a_ix] <= a_data_q[31:2];
        if (a_msix && a_reg == 2'd1) ahi_m[a_ix] <= a_data_q;
        if (a_msix && a_reg == 2'd2) dat_m[a_ix] <= a_data_q;
    end

`ifdef FORMAL
    // ---- formal properties (SymbiYosys: formal/virq_msix.sby) -------------
    // formal/README.md lists every property.  Proven on a small instance
    // (set in the .sby); everything below is written for any parameters.
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // ---- assumptions: reset in the first cycle; the write rate and the
    // tick lookahead of virq_top; all other inputs free ----
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);
    // after a write is decided: no write in the apply cycle (the AXI slave
    // accepts at most every other cycle), and tick_next_i was that cycle's
    // tick (virq_tick's lookahead; DIV is not written while this block's
    // write is decided)
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && $past(wr_en_i)) begin
            assume(!wr_en_i);
            assume(tick_i == $past(tick_next_i));
        end

    // a symbolic function k and vector v of the instance
    (* anyconst *) reg [3:0] f_k;
    (* anyconst *) reg [5:0] f_v;
    always @(*) begin
        assume({28'h0, f_k} < NFN);
        assume({26'h0, f_v} < NVEC);
    end
    wire [MF-1:0] f_kbit = {{(MF-1){1'b0}}, 1'b1} << f_k;

    // accepted writes, decoded from the ports (the low two address bits
    // are ignored: virq_top refuses unaligned accesses before this block)
    wire [31:0] f_wa = {wa[31:2], 2'b00};
    wire f_wok    = wr_en_i && wr_resp_o == `VIRQ_RESP_OKAY;
    wire f_win_k  = wr_en_i && wa[31:16] == 16'h1 && wa[15:12] == f_k;  // any write through window k
    // the write decided in the previous cycle (from the ports): it takes
    // effect at the edge ending this cycle, the apply cycle
    reg        f_ap_ok, f_ap_wk;
    reg [31:0] f_ap_a, f_ap_d;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_ap_ok <= 1'b0;
            f_ap_wk <= 1'b0;
            f_ap_a  <= 32'h0;
            f_ap_d  <= 32'h0;
        end else begin
            f_ap_ok <= f_wok;
            f_ap_wk <= f_win_k;
            f_ap_a  <= f_wa;
            f_ap_d  <= wr_data_i;
        end
    wire f_vlease = f_ap_ok && f_ap_a == `VIRQ_VEC_BASE + {23'h0, f_v, 3'b100};
    wire [11:0] f_ap_off = f_ap_a[11:0];
    wire f_ap_win = f_ap_a[31:16] == 16'h1;
    wire f_ap_tab = f_ap_win && {20'h0, f_ap_off} >= `VIRQ_FN_MSIX_BASE
                    && {20'h0, f_ap_off} < `VIRQ_FN_MSIX_BASE + 32'h400;

    // vector v's state
    wire [3:0]  f_own  = own_q[4*f_v +: 4];
    wire [3:0]  f_home = home_q[4*f_v +: 4];
    wire [15:0] f_lcnt = lcnt_q[f_v];
    wire [29:0] f_alo  = alov_q[f_v] ? alo_m[f_v[VW-1:0]] : 30'h0;
    wire [31:0] f_ahi  = ahiv_q[f_v] ? ahi_m[f_v[VW-1:0]] : 32'h0;
    wire [31:0] f_data = datv_q[f_v] ? dat_m[f_v[VW-1:0]] : 32'h0;
    wire        f_zero = f_alo == 30'h0 && f_ahi == 32'h0 && f_data == 32'h0;

    // ---- (1) a masked vector never sends; the output register ----
    // "loaded": the output register took a new message at the last edge
    // (m_valid_o rose, or a new beat followed a handshake)
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni)) begin
            if ($past(!m_valid_o || m_ready_i) && m_valid_o) begin
                assert({26'h0, m_vec_o} < NVEC);
                assert({28'h0, m_func_o} < NFN);
            end
            if ($past(!m_valid_o || m_ready_i) && m_valid_o && m_vec_o == f_v) begin
                // pending, unmasked, owner enabled and not function-masked
                assert($past(pba_q[f_v]));
                assert(!$past(mask_q[f_v]));
                assert($past(msix_en_q[f_own]));
                assert(!$past(fmask_q[f_own]));
                // the message is that cycle's entry, from that cycle's owner
                assert(m_addr_o == {$past(f_ahi), $past(f_alo), 2'b00});
                assert(m_data_o == $past(f_data));
                assert(m_func_o == $past(f_own));
            end
            // AXI-style: held and stable until the handshake
            if ($past(m_valid_o && !m_ready_i))
                assert(m_valid_o && m_addr_o == $past(m_addr_o) && m_data_o == $past(m_data_o)
                       && m_func_o == $past(m_func_o) && m_vec_o == $past(m_vec_o));
            // a beat leaves only by a handshake
            if ($past(m_valid_o) && !m_valid_o)
                assert($past(m_ready_i));
        end
    always @(posedge clk_i)
        if (f_past_valid && !$past(rst_ni))
            assert(!m_valid_o && !lev_valid_o);

    // ---- (2) a pending vector that may send leaves within NUM_VEC + 1 cycles ----
    // f_wait: cycles so far in which v was a candidate (pending and may
    // send) and the output register could take a message (out_free: empty,
    // or its message taken in that cycle), and v was not loaded.  Cycles in
    // which the output waits on m_ready_i hold the count (the pick stage
    // and rr hold too), so intermittent backpressure is covered; the count
    // restarts when v stops being a candidate (masked, ownership change,
    // pending bit gone) or is loaded.  With the registered pick, v is
    // picked within NUM_VEC such cycles and loaded in the next one: the
    // bound is NUM_VEC (was NUM_VEC - 1).  (Before, the count restarted
    // in any cycle with m_ready_i low: proven only under continuous ready.)
    wire f_fair = cand[f_v] && out_free;
    wire f_sent = launch && pk_oh_q[f_v];
    reg [6:0] f_wait;
    always @(posedge clk_i)
        if (!rst_ni || !cand[f_v])
            f_wait <= 7'd0;
        else if (!out_free)
            f_wait <= f_wait;
        else if (!f_sent)
            f_wait <= f_wait + 7'd1;
        else
            f_wait <= 7'd0;
    // the round-robin position rr (the vector after the last pick, 0
    // after reset), kept here only: the RTL holds it as the thermometer
    // rr_ge_q, which must stay equal to {v >= rr}
    wire [5:0] f_pick = encode(pick_oh);
    reg  [5:0] f_rr;
    always @(posedge clk_i)
        if (!rst_ni)
            f_rr <= 6'd0;
        else if (out_free && pick_v)
            f_rr <= ({26'h0, f_pick} + 32'd1 >= NVEC) ? 6'd0 : f_pick + 6'd1;
    // the registered pick: one vector of the instance or none
    integer fp;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fp = 0;
        else begin
            assert((pk_oh_q & (pk_oh_q - {{(MV-1){1'b0}}, 1'b1})) == {MV{1'b0}});
            for (fp = NUM_VEC; fp < MV; fp = fp + 1)
                assert(!pk_oh_q[fp]);
        end
    // the registered lookups equal their expressions of the current state
    integer fm;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fm = 0;
        else
            for (fm = 0; fm < NUM_VEC; fm = fm + 1) begin
                assert(msix_on_q[fm] == msix_en_q[own_q[4*fm +: 4]]);
                assert(may_send_q[fm] == (msix_en_q[own_q[4*fm +: 4]] && !fmask_q[own_q[4*fm +: 4]] && !mask_q[fm]));
            end
    integer fl;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fl = 0;
        else
            for (fl = 0; fl < NUM_VEC; fl = fl + 1)
            begin
                assert(last_q[fl] == (lcnt_q[fl] == 16'h1));
                assert(lent_q[fl] == (lcnt_q[fl] != 16'h0));
                assert(two_q[fl] == (lcnt_q[fl] == 16'h2));
            end
    integer fr;
    always @(*)
        if (!(f_past_valid && rst_ni))  // every path assigns the loop variable: no latch
            fr = 0;
        else
            for (fr = 0; fr < NUM_VEC; fr = fr + 1)
                assert(rr_ge_q[fr] == (fr[5:0] >= f_rr));
    // round-robin distance from rr to v
    wire [6:0] f_dist = f_v >= f_rr ? {1'b0, f_v - f_rr} : {1'b0, f_v} + NVEC[6:0] - {1'b0, f_rr};
    // Each cycle of the window picks v or a vector between rr and v (v is a
    // candidate and not left out: left out is only the registered pick,
    // which is loaded in such a cycle), so rr comes one closer to v; once
    // v is the registered pick, it is loaded in the next such cycle.
    always @(*)
        if (f_past_valid) begin
            assert({26'h0, f_rr} < NVEC);
            assert({25'h0, f_wait} <= NVEC);
            if (f_wait != 7'd0 && !pk_oh_q[f_v])
                assert({25'h0, f_wait} + {25'h0, f_dist} < NVEC);
            if (f_fair && {25'h0, f_wait} == NVEC)
                assert(f_sent);
        end
    // on the ports: a loaded message is in the output register one cycle
    // later, and the pending bit is clear (unless a new interrupt set it
    // again): cleared once per message
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && $past(f_sent))
            assert(m_valid_o && m_vec_o == f_v && (!pba_q[f_v] || $past(irq_i[f_v] && msix_on[f_v])));
    // no lost message: a pending bit falls only by its message's load or by
    // a hand-over (counted in VEC_DROP_CNT); and it rises only by an
    // interrupt of a vector whose owner has MSI-X enabled
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni) begin
            if ($past(pba_q[f_v]) && !pba_q[f_v])
                assert($past(f_sent) || $past(xfer[f_v]));
            if (!$past(pba_q[f_v]) && pba_q[f_v])
                assert($past(irq_i[f_v] && msix_on[f_v]));
        end

    // ---- (3) a write through window k changes only k's state ----
    // INTx latches set by vector interrupts this cycle, per function
    reg [MF-1:0] f_lat_set;
    integer fa;
    always @(*) begin
        f_lat_set = {MF{1'b0}};
        for (fa = 0; fa < NUM_VEC; fa = fa + 1)
            if (irq_i[fa] && !msix_on[fa])
                f_lat_set[own_q[4*fa +: 4]] = 1'b1;
    end
    // (the edge of the decision and the edge of the apply)
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && ($past(f_win_k) || $past(f_ap_wk))) begin
            // a vector that k does not own: entry, mask, owner and home
            // unchanged (unless its lease ran out at that edge: reset state),
            // pending bit as interrupts and launches make it
            if ($past(f_own != f_k)) begin
                if ($past(expiring[f_v])) begin
                    assert(f_zero && mask_q[f_v] && f_own == f_home);
                end else begin
                    assert(f_alo == $past(f_alo) && f_ahi == $past(f_ahi) && f_data == $past(f_data));
                    assert(mask_q[f_v] == $past(mask_q[f_v]));
                    assert(f_own == $past(f_own));
                end
                assert(f_home == $past(f_home));
                assert(pba_q[f_v] == ((($past(pba_q[f_v]) && !$past(f_sent)) ||
                                       $past(irq_i[f_v] && msix_on[f_v])) && !$past(expiring[f_v])));
            end
            // the registers of every other function: unchanged, INTx latch
            // only set by its vectors' interrupts
            assert((msix_en_q & ~f_kbit) == ($past(msix_en_q) & ~f_kbit));
            assert((fmask_q   & ~f_kbit) == ($past(fmask_q)   & ~f_kbit));
            assert((intx_en_q & ~f_kbit) == ($past(intx_en_q) & ~f_kbit));
            assert((lat_q     & ~f_kbit) == (($past(lat_q) | $past(f_lat_set)) & ~f_kbit));
            // the host's Interrupt Disable is not reachable from a window
            assert(intx_dis_q == $past(intx_dis_q));
        end

    // ---- (7) the INTx line (docs/msix.md, "INTx", FIG. 5) ----
    // Formal copies of every function's INTx state, kept from the decided
    // writes (f_ap_*, applied at the edge ending the apply cycle) and the
    // vector interrupts alone: MSI-X Enable, INTx enable (reset 1),
    // Interrupt Disable (FN_CTL[f].INTX, PF window), and the latch (set by
    // an interrupt of a vector f owns while f has MSI-X disabled, cleared
    // by an INTX_ACK write with ACK = 1, the interrupt winning a tie).
    // intx_o is the OR over the functions of (latch OR legacy level) AND
    // enable AND NOT Disable AND NOT MSI-X Enable, of this cycle: a write
    // decided in w changes the line in w + 2, an interrupt in t in t + 1,
    // the legacy level (leg_i) in its own cycle.
    reg [NUM_FUNC-1:0] f_xmen, f_xien, f_xdis, f_xlat;
    reg [NUM_FUNC-1:0] f_xset;
    integer fx, fxv, fxw;   // one loop variable per always block
    always @(*) begin
        f_xset = {NUM_FUNC{1'b0}};
        for (fx = 0; fx < NUM_FUNC; fx = fx + 1)
            for (fxv = 0; fxv < NUM_VEC; fxv = fxv + 1)
                if (irq_i[fxv] && own_q[4*fxv +: 4] == fx && !f_xmen[fx])
                    f_xset[fx] = 1'b1;
    end
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_xmen <= {NUM_FUNC{1'b0}};
            f_xien <= {NUM_FUNC{1'b1}};
            f_xdis <= {NUM_FUNC{1'b0}};
            f_xlat <= {NUM_FUNC{1'b0}};
        end else
            for (fxw = 0; fxw < NUM_FUNC; fxw = fxw + 1) begin
                if (f_ap_ok && f_ap_a == `VIRQ_FN_WIN_BASE + 32'h1000 * fxw + `VIRQ_FN_MSIX_CTRL_OFFSET)
                    f_xmen[fxw] <= f_ap_d[0];
                if (f_ap_ok && f_ap_a == `VIRQ_FN_WIN_BASE + 32'h1000 * fxw + `VIRQ_FN_INTX_CTRL_OFFSET)
                    f_xien[fxw] <= f_ap_d[0];
                if (f_ap_ok && f_ap_a == `VIRQ_FN_CTL_BASE + 32'h10 * fxw)
                    f_xdis[fxw] <= f_ap_d[0];
                if (f_xset[fxw])
                    f_xlat[fxw] <= 1'b1;
                else if (f_ap_ok && f_ap_a == `VIRQ_FN_WIN_BASE + 32'h1000 * fxw + `VIRQ_FN_INTX_ACK_OFFSET
                         && f_ap_d[0])
                    f_xlat[fxw] <= 1'b0;
            end
    always @(*)
        if (f_past_valid) begin
            assert(intx_o == |((f_xlat | leg_i) & f_xien & ~f_xdis & ~f_xmen));
            // the registers are the copies (invariant for the induction)
            assert(msix_en_q[NUM_FUNC-1:0]  == f_xmen);
            assert(intx_en_q[NUM_FUNC-1:0]  == f_xien);
            assert(intx_dis_q[NUM_FUNC-1:0] == f_xdis);
            assert(lat_q[NUM_FUNC-1:0]      == f_xlat);
        end
    // covers, with k's MSI-X Enable 0 and no legacy level since reset: a
    // latched interrupt of k on the line, then Interrupt Disable taking
    // the line down while k's status stays, then (second cover) its
    // clearing bringing the line back
    reg f_c_xon, f_c_xdis;
    always @(posedge clk_i)
        if (!rst_ni || msix_en_q[f_k] || leg_i != {NUM_FUNC{1'b0}}) begin
            f_c_xon  <= 1'b0;
            f_c_xdis <= 1'b0;
        end else begin
            if (intx_o && intx_line[f_k] && lat_q[f_k])
                f_c_xon <= 1'b1;
            if (f_c_xon && !intx_o && intx_dis_q[f_k] && intx_status[f_k])
                f_c_xdis <= 1'b1;
        end
    always @(posedge clk_i)
        if (f_past_valid && rst_ni && $past(rst_ni)) begin
            cover(f_c_xdis && !msix_en_q[f_k]);
            cover(f_c_xdis && !msix_en_q[f_k] && leg_i == {NUM_FUNC{1'b0}} && intx_o && !intx_dis_q[f_k]);
        end

    // ---- (4) leases; (5) invariants of every vector ----
    genvar gv;
    generate
        for (gv = 0; gv < NUM_VEC; gv = gv + 1) begin : f_vec
            wire [3:0] own   = own_q[4*gv +: 4];
            wire [3:0] home  = home_q[4*gv +: 4];
            wire [31:0] va   = `VIRQ_VEC_BASE + 32'd8 * gv;
            wire lease_wr    = f_ap_ok && f_ap_a == va + 32'd4;   // VEC[gv].LEASE applied
            wire home_wr     = f_ap_ok && f_ap_a == va;           // VEC[gv].HOME applied
            always @(*)
                if (f_past_valid) begin
                    // the per-vector VEC[] decode registered at the decision
                    // is the decided write (home unchanged in between)
                    assert(a_home_q[gv]  == (home_wr && f_ap_d[3:0] != home));
                    assert(a_grant_q[gv] == (lease_wr && f_ap_d[15:0] != 16'h0));
                    assert(a_lend_q[gv]  == (lease_wr && f_ap_d[15:0] == 16'h0));
                    // the hand-over registered at the decision, and the
                    // hand-over of the next state
                    assert(a_xw_q[gv] == (a_home_q[gv] || a_grant_q[gv] || (a_lend_q[gv] && lent_q[gv])));
                    assert(xfer[gv] == (a_home_q[gv] || a_grant_q[gv] || (a_lend_q[gv] && lent_q[gv]) ||
                                        (tick_i && lent_q[gv] && last_q[gv])));
                    assert({28'h0, own} < NFN);
                    assert({28'h0, home} < NFN);
                    // not lent <-> at home
                    assert((lcnt_q[gv] == 16'h0) == (own == home));
                    assert(owner_o[4*gv +: 4] == own);
                end
            always @(posedge clk_i)
                if (f_past_valid && $past(rst_ni)) begin
                    // expiry returns the vector home in its reset state, with
                    // the event waiting
                    if ($past(tick_i && lcnt_q[gv] == 16'h1 && !lease_wr)) begin
                        assert(own == home && home == $past(home));
                        assert(owner_o[4*gv +: 4] == $past(home));
                        assert(lcnt_q[gv] == 16'h0);
                        assert(mask_q[gv] && !pba_q[gv] && exp_q[gv]);
                        assert(!alov_q[gv] && !ahiv_q[gv] && !datv_q[gv]);   // the entry reads as 0
                    end
                    // the lease count: loaded only by an accepted LEASE write
                    // (TICKS; 0 ends it), else one down per tick, else held
                    // (begin/end: an `else` right after an immediate assert
                    // would be its fail action in SystemVerilog)
                    if ($past(lease_wr)) begin
                        assert(lcnt_q[gv] == $past(f_ap_d[15:0]));
                    end else if ($past(tick_i && lcnt_q[gv] != 16'h0)) begin
                        assert(lcnt_q[gv] == $past(lcnt_q[gv]) - 16'h1);
                    end else begin
                        assert(lcnt_q[gv] == $past(lcnt_q[gv]));
                    end
                    // it rises only by a PF LEASE grant, and only from 0
                    if (lcnt_q[gv] > $past(lcnt_q[gv]))
                        assert($past(lease_wr) && $past(lcnt_q[gv]) == 16'h0);
                    // the owner changes only by a VEC write or an expiry
                    if (own != $past(own))
                        assert($past(lease_wr || home_wr || (tick_i && lcnt_q[gv] == 16'h1)));
                    // the expired event is posted only by an expiry, and
                    // withdrawn only when taken
                    if (exp_q[gv] && !$past(exp_q[gv]))
                        assert($past(tick_i && lcnt_q[gv] == 16'h1 && !lease_wr));
                    if (!exp_q[gv] && $past(exp_q[gv]))
                        assert($past(lev_valid_o && lev_ready_i) && $past(lev_param_o[5:0]) == gv);
                end
        end
    endgenerate

    // a lease never lasts longer than its ticks: for v, f_lg = TICKS of the
    // last grant, f_lu = ticks counted since; while lent f_lu + lcnt == f_lg
    reg [15:0] f_lg, f_lu;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_lg <= 16'h0;
            f_lu <= 16'h0;
        end else if (f_vlease) begin
            f_lg <= f_ap_d[15:0];
            f_lu <= 16'h0;
        end else if (tick_i && f_lcnt != 16'h0)
            f_lu <= f_lu + 16'h1;
    always @(*)
        if (f_past_valid && f_lcnt != 16'h0)
            assert(f_lu < f_lg && f_lu + f_lcnt == f_lg);

    // the lease-expired event names a waiting vector and its home
    always @(*)
        if (f_past_valid) begin
            assert(lev_valid_o == (exp_q[NUM_VEC-1:0] != {NUM_VEC{1'b0}}));
            if (lev_valid_o)
                assert(exp_q[lev_v] && {26'h0, lev_v} < NVEC
                       && lev_param_o == {12'h0, home_q[4*lev_v +: 4], 2'b00, lev_v});
        end

    // ---- (5) state beyond the instance keeps its reset value ----
    integer fz;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fz = 0;
        else begin
            if (m_valid_o)
                assert({26'h0, m_vec_o} < NVEC && {28'h0, m_func_o} < NFN);
            for (fz = NUM_VEC; fz < MV; fz = fz + 1) begin
                assert(!a_home_q[fz] && !a_grant_q[fz] && !a_lend_q[fz] && !a_xw_q[fz]);
                assert(own_q[4*fz +: 4] == 4'h0 && home_q[4*fz +: 4] == 4'h0);
                assert(mask_q[fz] && !pba_q[fz] && !exp_q[fz]);
                assert(lcnt_q[fz] == 16'h0);
                assert(!alov_q[fz] && !ahiv_q[fz] && !datv_q[fz]);
            end
        end
    integer fy;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fy = 0;
        else
            for (fy = NUM_FUNC; fy < MF; fy = fy + 1) begin
                assert(!msix_en_q[fy] && !fmask_q[fy] && intx_en_q[fy] && !intx_dis_q[fy] && !lat_q[fy]);
                assert(ferr_q[fy] == 32'h0);
            end

    // ---- VEC_DROP_CNT and LEASE_EXP_CNT read as if counted at the edge ----
    // (f_drop, f_lexp: saturating counts of the dropped / expired vectors,
    // added at the edge they happen; the RTL adds them two edges later)
    reg [31:0] f_drop, f_lexp;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_drop <= 32'h0;
            f_lexp <= 32'h0;
        end else begin
            f_drop <= sat_add(f_drop, {1'b0, popcount(drop_m)});
            f_lexp <= sat_add(f_lexp, {1'b0, popcount(lexp_m)});
        end
    always @(*)
        if (f_past_valid) begin
            assert(drop_cnt_v == f_drop);
            assert(lexp_cnt_v == f_lexp);
        end
    // the counters' registers, which the engine's reads take one cycle
    // after the answer cycle, hold the value the answer cycle had
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni)) begin
            assert(drop_cnt_o == $past(f_drop));
            assert(lexp_cnt_o == $past(f_lexp));
        end

    // ---- (6) a write applied one edge after its decision ----
    // Each class's accept, decoded from that class's checks alone, is the
    // response's OKAY for an address of the class (combinational, every
    // cycle; the per-vector VEC[] accepts are tied below through a_home_q,
    // a_grant_q, a_lend_q).
    always @(*)
        if (f_past_valid) begin
            assert(w_fnctl_ok == (f_wok && is_fnctl(wa)));
            assert(w_win_ok   == (f_wok && is_win(wa[31:16]) && !w_tab));
            assert(w_msix_ok  == (f_wok && is_win(wa[31:16]) && w_tab));
        end
    // The registered accept is the decided write (invariant for induction).
    always @(*)
        if (f_past_valid) begin
            assert(a_msix_q  == (f_ap_ok && f_ap_tab));
            if (f_ap_ok)
                assert(a_addr_q[9:2] == f_ap_a[9:2] && a_data_q == f_ap_d);
            // no write is decided in an apply cycle
            if (f_ap_ok)
                assert(!wr_en_i);
        end
    // the per-function decode registered at the decision: the decided
    // write to that function's register (0 beyond the instance)
    integer fd;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fd = 0;
        else
            for (fd = 0; fd < MF; fd = fd + 1) begin
                assert(a_mctl_q[fd] == (f_ap_ok && f_ap_a == `VIRQ_FN_WIN_BASE + 32'h1000 * fd + `VIRQ_FN_MSIX_CTRL_OFFSET));
                assert(a_ictl_q[fd] == (f_ap_ok && f_ap_a == `VIRQ_FN_WIN_BASE + 32'h1000 * fd + `VIRQ_FN_INTX_CTRL_OFFSET));
                assert(a_ack_q[fd]  == (f_ap_ok && f_ap_a == `VIRQ_FN_WIN_BASE + 32'h1000 * fd + `VIRQ_FN_INTX_ACK_OFFSET
                                        && f_ap_d[0]));
                assert(a_dis_q[fd]  == (f_ap_ok && f_ap_a == `VIRQ_FN_CTL_BASE + 32'h10 * fd));
            end
    // What the decision checked still holds in the apply cycle, so the
    // OKAY already sent describes the write that takes effect: a table
    // write goes to a vector the window's function owns and whose lease
    // does not end at this edge (a lease end at this edge would reset the
    // entry over it); HOME and a LEASE grant find the vector not lent (and
    // the grant a function other than the home).
    wire [5:0] f_ap_mv = f_ap_off[9:4];
    // the window write's lease check, selected first and gated last, is
    // the vector's expiring | ends_next (the rule per vector, the
    // description's form)
    wire [MV-1:0] ends_next = tick_next_i ? (tick_i ? two_q : last_q) : {MV{1'b0}};
    integer f_bv;
    always @(*) begin
        assert(w_busy == (expiring[w_mv] || ends_next[w_mv]));
        assert(fmv_busy_o == (expiring[fmv_i] || ends_next[fmv_i]));
        for (f_bv = 0; f_bv < NUM_VEC; f_bv = f_bv + 1)
            assert(busy_v_o[f_bv] == (expiring[f_bv] || ends_next[f_bv]));
    end
    wire       f_ap_vec = f_ap_ok && f_ap_a >= `VIRQ_VEC_BASE && f_ap_a < `VIRQ_VEC_BASE + 32'h200;
    wire [5:0] f_ap_vv = f_ap_a[8:3];
    always @(*)
        if (f_past_valid && rst_ni && f_ap_ok) begin
            if (f_ap_tab) begin
                assert(own_q[4*f_ap_mv +: 4] == f_ap_a[15:12]);
                assert(!expiring[f_ap_mv]);
            end
            if (f_ap_vec && !f_ap_a[2])
                assert(!lent_q[f_ap_vv]);
            if (f_ap_vec && f_ap_a[2] && f_ap_d[15:0] != 16'h0)
                assert(!lent_q[f_ap_vv] && f_ap_d[19:16] != home_q[4*f_ap_vv +: 4]);
        end
    // and the write is what the next state holds: a table write to v
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni && $past(f_ap_ok && f_ap_tab && f_ap_mv == f_v)) begin
            case ($past(f_ap_a[3:2]))
                2'd0: assert(f_alo == $past(f_ap_d[31:2]));
                2'd1: assert(f_ahi == $past(f_ap_d));
                2'd2: assert(f_data == $past(f_ap_d));
                default: assert(mask_q[f_v] == $past(f_ap_d[0]));
            endcase
        end

    // read isolation: an OKAY read of v's table entry through
    // window k (address held, as virq_top holds it) finds k owning v
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni && rd_addr_i == $past(rd_addr_i) &&
            ra[31:16] == 16'h1 && ra[15:12] == f_k && {20'h0, ra[11:0]} >= `VIRQ_FN_MSIX_BASE &&
            {20'h0, ra[11:0]} < `VIRQ_FN_MSIX_BASE + 32'h400 && ra[9:4] == f_v &&
            rd_resp_o == `VIRQ_RESP_OKAY)
            assert($past(f_own) == f_k);
    // ---- covers ----
    // v's wait of (2) held by a stall of the output (since the count last
    // restarted)
    reg f_c_stall;
    always @(posedge clk_i)
        if (!rst_ni || !cand[f_v] || f_sent)
            f_c_stall <= 1'b0;
        else if (!out_free && f_wait != 7'd0)
            f_c_stall <= 1'b1;
    // masked -> pending -> unmasked (window VCTRL write) -> sent
    wire f_unmask_v = a_msix && a_reg == 2'd3 && a_mv == f_v && !a_data_q[0];
    reg f_c_um;
    always @(posedge clk_i)
        if (!rst_ni)
            f_c_um <= 1'b0;
        else if (f_unmask_v && mask_q[f_v] && pba_q[f_v])
            f_c_um <= 1'b1;
    // a lease granted, used by the borrower (an accepted table write
    // through its window), expired; then the event is taken
    reg f_c_g, f_c_u, f_c_e;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_c_g <= 1'b0;
            f_c_u <= 1'b0;
            f_c_e <= 1'b0;
        end else begin
            if (f_vlease && f_ap_d[15:0] != 16'h0)
                f_c_g <= 1'b1;
            if (f_c_g && a_msix && a_mv == f_v && f_lcnt != 16'h0 && f_ap_a[15:12] == f_own && f_own != f_home)
                f_c_u <= 1'b1;
            if (f_c_u && expiring[f_v] && !f_vlease)
                f_c_e <= 1'b1;
        end
    always @(posedge clk_i)
        if (f_past_valid && rst_ni && $past(rst_ni)) begin
            cover(f_c_um && m_valid_o && m_vec_o == f_v && m_ready_i);
            cover(f_c_e && exp_q[f_v] && lev_valid_o && lev_ready_i && lev_v == f_v);
            // INTx from a latched vector interrupt on the line (DISABLE clear)
            cover(intx_o && leg_i == {NUM_FUNC{1'b0}} && !intx_dis_q[f_k] && intx_line[f_k]);
            // INTx status readable through window k with DISABLE set: LINE 0,
            // DISABLE 1, STATUS 1, RAW 1, and nothing on the shared line
            // (the read answered in the previous cycle, its address held)
            cover(rd_addr_i == (`VIRQ_FN_WIN_BASE + {16'h0, f_k, 12'h0} + `VIRQ_FN_INTX_STATE_OFFSET)
                  && $past(rd_addr_i) == rd_addr_i
                  && rd_resp_o == `VIRQ_RESP_OKAY && rd_data_o == 32'h7 && !$past(intx_o));
            // the bound of (2) is reached: v waited NUM_VEC cycles
            cover(f_fair && {25'h0, f_wait} == NVEC);
            // ... with a stall of the output (m_ready_i low, count held)
            // inside the wait
            cover(f_c_stall && f_fair && {25'h0, f_wait} == NVEC);
            // a registered pick that may no longer send is not loaded
            // (masked, function-masked, disabled or dropped after the pick)
            cover(out_free && pk_oh_q[f_v] && !cand[f_v] && pba_q[f_v]);
            cover(out_free && pk_oh_q[f_v] && !pba_q[f_v]);
            // a borrower's table write refused in the cycle its lease ends
            cover(wr_en_i && f_wa == `VIRQ_FN_WIN_BASE + {16'h0, f_own, 12'h0} + `VIRQ_FN_MSIX_BASE + {22'h0, f_v, 4'h8}
                  && f_own != f_home && expiring[f_v] && wr_resp_o == `VIRQ_RESP_SLVERR);
            // ... and in the cycle before (its lease ends at the apply edge)
            cover(wr_en_i && f_wa == `VIRQ_FN_WIN_BASE + {16'h0, f_own, 12'h0} + `VIRQ_FN_MSIX_BASE + {22'h0, f_v, 4'h8}
                  && f_own != f_home && !expiring[f_v] && ends_next[f_v] && wr_resp_o == `VIRQ_RESP_SLVERR);
            // a borrower's table write decided one cycle before its lease's
            // last tick is applied (the entry changes, then resets)
            cover(f_ap_ok && f_ap_tab && f_ap_off[9:4] == f_v && f_lcnt == 16'h1 && !tick_i
                  && f_own != f_home);
        end
`endif // FORMAL

endmodule

`default_nettype wire
