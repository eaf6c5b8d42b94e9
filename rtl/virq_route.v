// virq_route: event routing in front of the event-queue writer (seed 003
// FIG. 5-8 and 10-12): Toeplitz hash, processor redirection structure (PRS),
// message vector mapping (MVM), global events.  docs/route.md is the
// contract; cmodel/route.c is the model.
//
// Each accepted event takes one of four routes (kind):
//   DIRECT   s_htype_i = 0, or a function the instance lacks: the event's
//            own queue (s_eq_i), the queue's own vector
//   HASHED   a data event whose hash type (or its 2-tuple fallback) is
//            enabled: cpu (, eq) = PRS[FUNC[f].BASE + (hash & FUNC[f].MASK)]
//   DEFAULT  any other routed event: cpu, eq = FUNC[f].DEF
//   GLOBAL   a global event input: queue 0, function 0, code 0xF0 + k
// then, for HASHED and DEFAULT, the MVM: in MVM_MODE 0 (FIG. 7) queue and
// vector from MVM[f*NUM_CPU + cpu], which retarget the queue's signalling;
// in MVM_MODE 1 (FIG. 12) the queue from the PRS entry / DEF.EQ and the
// vector stays the queue's own (EQ[q].CFG.VEC / LEGACY).
//
// Pipeline: six stages, the last (W) the output register with a one-entry
// skid behind it, one event per clock; all stages up to O advance together
// (ce) whenever the skid is empty:
//   accept -> stage 1 (Toeplitz partial hashes, key read here only)
//          -> stage 2 (hash)  -> stage I (PRS index: BASE + (hash & MASK))
//          -> stage P (PRS entry or FUNC.DEF)  -> stage O (MVM lookup)
//          -> stage W (the writer's input: O's word and its queue one-hot)
// An event accepted in cycle e with ce = 1 throughout is on m_* in e + 6.
// When the writer refuses W's event (m_ready_i = 0) at an edge with ce, W
// keeps it and O's event moves into the skid (ce = 0 until W is taken, and
// W then loads the skid's), so the writer's ready reaches no pipeline enable
// and m_* come straight from flip-flops (docs/route.md).  W has no logic in
// front of it but the skid's multiplexer and the one-hot decode, so it can
// sit beside the writer, whose decision reads it (design.md item 50).
// Pending global events take the input slot before stream events
// (s_ready_o = 0 in that cycle), so they are never lost; each input counts
// one event per cycle it is 1, up to 65535 waiting per input.
`default_nettype none
`include "virq_regs.vh"

module virq_route #(
    parameter integer NUM_FUNC = 8,    // functions (PF + VFs), 1..16
    parameter integer NUM_EQ   = 32,   // event queues, 1..256
    parameter integer NUM_VEC  = 32,   // vectors, 1..64
    parameter integer NUM_PRS  = 128,  // PRS entries, 1..2048
    parameter integer NUM_CPU  = 8,    // processors, 1..64 (so the MVM has at most 16 x 64 entries)
    parameter integer ADDR_W   = 16    // register address width
) (
    input  wire              clk_i,
    input  wire              rst_ni,       // synchronous, active low
    // event stream
    input  wire              s_valid_i,
    output wire              s_ready_o,
    input  wire [3:0]        s_func_i,
    input  wire [7:0]        s_eq_i,
    input  wire [7:0]        s_code_i,
    input  wire [23:0]       s_param_i,
    input  wire [2:0]        s_htype_i,    // VIRQ_HTYPE_*
    input  wire [287:0]      s_tuple_i,    // tuple byte 0 in bits 287:280
    input  wire [3:0]        gev_i,        // global events, one per cycle high
    output wire [31:0]       gev_lost_o,   // GEV_LOST_CNT: pulses lost at a full count
    input  wire              lev_valid_i,  // the engine's own event for queue 0 (lease expired)
    output wire              lev_ready_o,
    input  wire [23:0]       lev_param_i,
    // to the event-queue writer
    output wire              m_valid_o,
    input  wire              m_ready_i,
    output wire [3:0]        m_func_o,
    output wire [7:0]        m_eq_o,
    output wire [NUM_EQ-1:0] m_eq_oh_o,    // m_eq_o one-hot (queue 0's bit when m_eq_o >= NUM_EQ)
    output wire [7:0]        m_code_o,
    output wire [23:0]       m_param_o,
    output wire              m_sys_o,      // global event
    output wire              m_setvec_o,   // FIG. 7: retarget the queue to m_vec_o / m_legacy_o
    output wire [5:0]        m_vec_o,
    output wire              m_legacy_o,
    output wire [2:0]        m_htype_o,    // hash type used (0: not hashed)
    output wire [31:0]       m_hash_o,     // its hash
    output wire [7:0]        m_cpu_o,      // processor chosen (HASHED, DEFAULT)
    // registers: a request's address and data in its handshake cycle h
    // (decoded here and registered); a write is decided in h + 1 (wr_en_i:
    // the registered request is a write to this block; wr_resp_o its
    // response), a read answered in h + 1 (rd_data_o, rd_resp_o)
    input  wire              wr_en_i,      // h + 1: decide the write of h
    input  wire [ADDR_W-1:0] wr_addr_i,    // h
    input  wire [31:0]       wr_data_i,    // h
    output reg  [1:0]        wr_resp_o,    // h + 1
    input  wire [ADDR_W-1:0] rd_addr_i,    // h
    output reg  [31:0]       rd_data_o,    // h + 1
    output reg  [1:0]        rd_resp_o     // h + 1
);

    localparam integer NUM_MVM = NUM_FUNC * NUM_CPU;
    localparam [31:0] P_NUM_PRS = NUM_PRS;
    localparam [31:0] P_NUM_CPU = NUM_CPU;
    localparam integer LGC = $clog2(NUM_CPU);           // processor number bits (0 for one)
    localparam [7:0]  CPU_M = (8'h1 << LGC) - 8'h1;     // their mask
    localparam integer CI  = (LGC > 0) ? LGC : 1;       // a row index's width
    localparam        POW2_CPU = (NUM_CPU & (NUM_CPU - 1)) == 0;
    localparam [31:0] P_NUM_EQ  = NUM_EQ;
    localparam [31:0] P_NUM_VEC = NUM_VEC;
    localparam [31:0] P_NUM_FN  = NUM_FUNC;
    localparam [31:0] P_NUM_MVM = NUM_MVM;
    localparam [1:0] K_DIRECT = 2'd0, K_HASHED = 2'd1, K_DEFAULT = 2'd2, K_GLOBAL = 2'd3;
    localparam integer UW = 49;  // metadata through the hash stages
    // index widths of the tables
    localparam integer FW = (NUM_FUNC > 1) ? $clog2(NUM_FUNC) : 1;
    localparam integer PW = (NUM_PRS > 1) ? $clog2(NUM_PRS) : 1;
    localparam integer MW = (NUM_MVM > 1) ? $clog2(NUM_MVM) : 1;

    initial begin
        if (NUM_PRS < 1 || NUM_PRS > 2048 || NUM_CPU < 1 || NUM_CPU > 64 || NUM_FUNC < 1 || NUM_FUNC > 16) begin
            $display("virq_route: need NUM_PRS 1..2048, NUM_CPU 1..64, NUM_FUNC 1..16");
            $finish;
        end
    end

    // ---- configuration state ------------------------------------------------------
    reg [31:0]  key_sh_q [0:9];      // shadow key (the RSS_KEY registers)
    reg [319:0] key_q;               // committed key, byte 0 in bits 319:312
    reg [8:0]   ctrl_q;              // RSS_CTRL: MVM_MODE bit 8, HTYPE_EN 5:0
    reg [19:0]  fcfg_q [0:NUM_FUNC-1];  // {BASE[11:0], MASK[7:0]}
    reg [15:0]  fdef_q [0:NUM_FUNC-1];  // {EQ, CPU}
    reg [15:0]  prs_m  [0:NUM_PRS-1];   // {EQ, CPU}, reset-free RAM
    reg [NUM_PRS-1:0] prs_v_q;          // entry written since reset
    reg [16:0]  mvm_m  [0:NUM_MVM-1];   // register bits 16:0, reset-free RAM
    reg [NUM_MVM-1:0] mvm_v_q;
    reg [31:0]  last_hash_q, last_info_q;
    reg [15:0]  gev_q [0:3];
    reg [31:0]  gev_lost_q;          // GEV_LOST_CNT, saturating

    // ---- register decode ------------------------------------------------------------
    wire [31:0] wa = {{(32-ADDR_W){1'b0}}, wr_addr_i};
    wire [31:0] ra = {{(32-ADDR_W){1'b0}}, rd_addr_i};

    // kind of register at address a: 0 none, 1 PARAMS2, 2 CTRL, 3 CMD, 4 LAST,
    // 5 LAST_INFO, 6 KEY, 7 FUNC.RSS_CFG, 8 FUNC.DEF, 9 PRS, 10 MVM; idx its index
    function [3:0] kind_of;
        input [31:0] a;
        begin
            kind_of = 4'd0;
            if (a == `VIRQ_PARAMS2_OFFSET)            kind_of = 4'd1;
            else if (a == `VIRQ_RSS_CTRL_OFFSET)      kind_of = 4'd2;
            else if (a == `VIRQ_RSS_CMD_OFFSET)       kind_of = 4'd3;
            else if (a == `VIRQ_RSS_LAST_OFFSET)      kind_of = 4'd4;
            else if (a == `VIRQ_RSS_LAST_INFO_OFFSET) kind_of = 4'd5;
            else if (a >= `VIRQ_RSS_KEY_BASE && a < `VIRQ_RSS_KEY_BASE + 32'd40)
                kind_of = 4'd6;
            else if (a >= `VIRQ_FUNC_BASE && a < `VIRQ_FUNC_BASE + P_NUM_FN * `VIRQ_FUNC_STRIDE)
                kind_of = a[2] ? 4'd8 : 4'd7;
            else if (a >= `VIRQ_PRS_BASE && a < `VIRQ_PRS_BASE + P_NUM_PRS * 32'd4)
                kind_of = 4'd9;
            else if (a >= `VIRQ_MVM_BASE && a < `VIRQ_MVM_BASE + P_NUM_MVM * 32'd4)
                kind_of = 4'd10;
        end
    endfunction

    // array index of address a for its kind (offset from the array base / stride)
    /* verilator lint_off UNUSEDSIGNAL */
    function [10:0] idx_of;
        input [31:0] a;
        input [3:0]  k;
        reg   [31:0] off;
        begin
            case (k)
                4'd6:       off = (a - `VIRQ_RSS_KEY_BASE) >> 2;
                4'd7, 4'd8: off = (a - `VIRQ_FUNC_BASE) >> 3;
                4'd9:       off = (a - `VIRQ_PRS_BASE) >> 2;
                4'd10:      off = (a - `VIRQ_MVM_BASE) >> 2;
                default:    off = 32'h0;
            endcase
            idx_of = off[10:0];
        end
    endfunction
    /* verilator lint_on UNUSEDSIGNAL */

    // the write response for register kind k and data v: the kind's
    // read-only and data checks (docs/route.md)
    function [1:0] resp_of;
        input [3:0]  k;
        input [31:0] v;
        begin
            case (k)
                4'd1, 4'd4, 4'd5: resp_of = `VIRQ_RESP_SLVERR;
                4'd2: resp_of = ((v & ~`VIRQ_RSS_CTRL_WMASK) != 32'h0) ? `VIRQ_RESP_SLVERR : `VIRQ_RESP_OKAY;
                4'd3: resp_of = ((v & ~`VIRQ_RSS_CMD_WMASK) != 32'h0) ? `VIRQ_RESP_SLVERR : `VIRQ_RESP_OKAY;
                4'd6: resp_of = `VIRQ_RESP_OKAY;
                4'd7: resp_of = ((v & ~`VIRQ_FUNC_RSS_CFG_WMASK) != 32'h0 ||
                                 {20'h0, v[27:16]} + {24'h0, v[7:0]} >= P_NUM_PRS) ?
                                `VIRQ_RESP_SLVERR : `VIRQ_RESP_OKAY;
                4'd8: resp_of = ((v & ~`VIRQ_FUNC_DEF_WMASK) != 32'h0 || {24'h0, v[7:0]} >= P_NUM_CPU ||
                                 {24'h0, v[15:8]} >= P_NUM_EQ) ? `VIRQ_RESP_SLVERR : `VIRQ_RESP_OKAY;
                4'd9: resp_of = ((v & ~`VIRQ_PRS_ENTRY_WMASK) != 32'h0 || {24'h0, v[7:0]} >= P_NUM_CPU ||
                                 {24'h0, v[15:8]} >= P_NUM_EQ) ? `VIRQ_RESP_SLVERR : `VIRQ_RESP_OKAY;
                4'd10: resp_of = ((v & ~`VIRQ_MVM_ENTRY_WMASK) != 32'h0 || {24'h0, v[7:0]} >= P_NUM_EQ ||
                                  {26'h0, v[13:8]} >= P_NUM_VEC) ? `VIRQ_RESP_SLVERR : `VIRQ_RESP_OKAY;
                default: resp_of = `VIRQ_RESP_DECERR;
            endcase
        end
    endfunction

    // The request is decoded in its handshake cycle and the result
    // registered, so a write's decision (wr_resp_o, the write enables) and a
    // read's answer (rd_data_o) in the next cycle start from flip-flops that
    // already hold the register kind, the array index and the data checks.
    // Loaded at every edge: wr_en_i says when the registered write is one
    // for this block, and the engine selects rd_data_o only for a read of it.
    wire [3:0]  wk_n = kind_of(wa);
    wire [3:0]  rk_n = kind_of(ra);
    reg  [3:0]  wk, rk;
    reg  [10:0] widx, ridx;
    reg  [31:0] d;
    always @(posedge clk_i) begin
        wk        <= wk_n;
        widx      <= idx_of(wa, wk_n);
        d         <= wr_data_i;
        wr_resp_o <= resp_of(wk_n, wr_data_i);
        rk        <= rk_n;
        ridx      <= idx_of(ra, rk_n);
    end
    wire [3:0]    wkey = widx[3:0];   // RSS_KEY index
    wire [3:0]    rkey = ridx[3:0];
    wire [FW-1:0] wfn  = widx[FW-1:0];  // FUNC index
    wire [FW-1:0] rfn  = ridx[FW-1:0];
    wire [PW-1:0] wprs = widx[PW-1:0];
    wire [PW-1:0] rprs = ridx[PW-1:0];
    wire [MW-1:0] wmvm = widx[MW-1:0];
    wire [MW-1:0] rmvm = ridx[MW-1:0];

    wire w_ok = wr_en_i && (wr_resp_o == `VIRQ_RESP_OKAY);

    // MVM entries are kept as the register's bits 16:0: {VEC_VALID, 2'b00,
    // VEC, EQ} (bits 15:14 are refused on write, so always 0)

    always @* begin
        rd_data_o = 32'h0;
        rd_resp_o = `VIRQ_RESP_OKAY;
        case (rk)
            4'd1: rd_data_o = {8'h0, P_NUM_CPU[7:0], P_NUM_PRS[15:0]};
            4'd2: rd_data_o = {23'h0, ctrl_q};
            4'd3: rd_data_o = 32'h0;
            4'd4: rd_data_o = last_hash_q;
            4'd5: rd_data_o = last_info_q;
            4'd6: rd_data_o = key_sh_q[rkey];
            4'd7: rd_data_o = {4'h0, fcfg_q[rfn][19:8], 8'h0, fcfg_q[rfn][7:0]};
            4'd8: rd_data_o = {16'h0, fdef_q[rfn]};
            4'd9: rd_data_o = prs_v_q[rprs] ? {16'h0, prs_m[rprs]} : 32'h0;
            4'd10: rd_data_o = mvm_v_q[rmvm] ? {15'h0, mvm_m[rmvm]} : 32'h0;
            default: rd_resp_o = `VIRQ_RESP_DECERR;
        endcase
    end

    // ---- input stage -------------------------------------------------------------------
    reg         o_valid_q, w_valid_q;
    // stage W is the output register (m_* come from its flip-flops alone),
    // with a skid behind it (k_*): the pipeline advances whenever the skid
    // is empty, a register, so the writer's ready reaches the skid's full
    // bit and W's enable but none of the pipeline's.  When the writer
    // refuses W's event at an edge with ce, W keeps it and O's event goes
    // into the skid (k_full_q, the skid in use; k_valid_q, it holds an
    // event); ce = 0 until W is taken, and W then loads the skid's word.
    reg         k_full_q, k_valid_q;
    wire        ce = !k_full_q;
    // gev_nz_q[k] = (gev_q[k] != 0), kept in a register beside the counter
    // (updated from the same next-state cases), so the injection decision
    // does not wait for four 16-bit zero tests
    reg  [3:0]  gev_nz_q;
    wire        gev_any = |gev_nz_q;
    // global events first, then the lease-expired events, then the stream
    wire        inject = gev_any || lev_valid_i;
    assign lev_ready_o = ce && !gev_any;
    reg [1:0]   gev_k;
    always @* begin
        if (gev_nz_q[0])      gev_k = 2'd0;
        else if (gev_nz_q[1]) gev_k = 2'd1;
        else if (gev_nz_q[2]) gev_k = 2'd2;
        else                  gev_k = 2'd3;
    end
    assign s_ready_o = ce && !inject;
    // a pulse that finds its input's count at 65 535 and is not offset by a
    // take in the same cycle is lost: counted in GEV_LOST_CNT (up to four
    // per cycle), never silently
    reg [3:0]   gev_take, gev_full;
    reg [2:0]   gev_nlost;
    integer     gl;
    always @* begin
        gev_nlost = 3'd0;
        for (gl = 0; gl < 4; gl = gl + 1) begin
            gev_take[gl] = ce && gev_any && gev_k == gl[1:0];
            gev_full[gl] = gev_q[gl] == 16'hFFFF;
            gev_nlost = gev_nlost + {2'b00, gev_i[gl] && !gev_take[gl] && gev_full[gl]};
        end
    end
    wire [32:0] gev_lost_sum = {1'b0, gev_lost_q} + {30'h0, gev_nlost};
    assign gev_lost_o = gev_lost_q;

    // hash type used: the event's, else its 2-tuple type, else none
    wire [5:0] en = ctrl_q[5:0];
    reg  [2:0] htype;
    always @* begin
        htype = 3'd0;
        if (s_htype_i >= 3'd1 && s_htype_i <= 3'd6) begin
            if (en[s_htype_i - 3'd1])
                htype = s_htype_i;
            else if (s_htype_i == 3'd2 || s_htype_i == 3'd3)
                htype = en[0] ? 3'd1 : 3'd0;
            else if (s_htype_i == 3'd5 || s_htype_i == 3'd6)
                htype = en[3] ? 3'd4 : 3'd0;
        end
    end
    reg [5:0] tlen;
    always @* begin
        case (htype)
            3'd1:       tlen = 6'd8;
            3'd2, 3'd3: tlen = 6'd12;
            3'd4:       tlen = 6'd32;
            3'd5, 3'd6: tlen = 6'd36;
            default:    tlen = 6'd0;
        endcase
    end
    wire        fn_ok = ({28'h0, s_func_i} < P_NUM_FN);
    wire [1:0]  in_kind = (s_htype_i == `VIRQ_HTYPE_DIRECT || !fn_ok) ? K_DIRECT :
                          (htype != 3'd0) ? K_HASHED : K_DEFAULT;
    wire [UW-1:0] in_user = inject ?
        (gev_any ? {K_GLOBAL, 4'h0, 8'h0, 8'd`VIRQ_EVT_CODE_GLOBAL + {6'h0, gev_k}, 24'h0, 3'd0} :
                   {K_GLOBAL, 4'h0, 8'h0, 8'd`VIRQ_EVT_CODE_LEASE_EXPIRED, lev_param_i, 3'd0}) :
        {in_kind, s_func_i, s_eq_i, s_code_i, s_param_i, (in_kind == K_HASHED) ? htype : 3'd0};
    // The hashed length is 0, 8, 12, 32 or 36 bytes: whole 32-bit words of
    // the hash unit.  It runs with WORD_LEN = 1, so the length (which
    // depends on the global-event injection and the hash type) goes into a
    // register beside the tuple and drops whole words in stage 2; it reaches
    // no stage-1 XOR tree.  A non-hashed event hashes 0 bytes.
    wire        in_hashed = !inject && in_kind == K_HASHED;

    // ---- stages 1, 2: the hash ---------------------------------------------------------------
    // The valid bits of stages 1 and 2 are kept here, and the instance
    // takes in_valid_i = 1: its registers then load at every edge with ce,
    // so their enables are ce alone and not the injection decision
    // (gev_nz_q, lev_valid_i) and s_valid_i, which fanned out to all the
    // stage registers.  An idle slot carries don't-care data behind a 0
    // valid bit; a valid event's data moves exactly as before (the instance
    // and hv_q advance on the same edges).
    reg  [1:0]    hv_q;
    wire          h_valid = hv_q[1];
    wire [31:0]   h_hash;
    wire [UW-1:0] h_user;
    /* verilator lint_off UNUSEDSIGNAL */
    wire          z_valid;  // 1 after the first two edges with ce: hv_q is the valid
    /* verilator lint_on UNUSEDSIGNAL */
`ifdef FORMAL
    wire [1:0]    f_tz_vld;     // the hash unit's stage valid bits, stage 1's
    wire [UW-1:0] f_tz_user1;   // sideband and length (for the proof only)
    wire [5:0]    f_tz_len1;
`endif
    virq_toeplitz #(
        .USER_W   (UW),
        .WORD_LEN (1)
    ) u_hash (
        .clk_i       (clk_i),
        .rst_ni      (rst_ni),
        .ce_i        (ce),
        .key_i       (key_q),
        .in_valid_i  (1'b1),
        .in_data_i   (s_tuple_i),
        .in_len_i    (in_hashed ? tlen : 6'd0),
        .in_user_i   (in_user),
        .out_valid_o (z_valid),
        .out_hash_o  (h_hash),
        .out_user_o  (h_user)
`ifdef FORMAL
        ,
        .f_vld_o     (f_tz_vld),
        .f_user1_o   (f_tz_user1),
        .f_len1_o    (f_tz_len1)
`endif
    );
    wire [FW-1:0] h_fn = h_user[43+FW-1:43];  // function index (FUNC.RSS_CFG)

    // ---- stage I: PRS index ----------------------------------------------------------------------
    // The index (FUNC.RSS_CFG read here) is registered, and the PRS RAM is
    // read from the register one cycle later: the mask, the
    // BASE adder and the RAM read and bank mux no longer share one cycle.
    wire [19:0] h_cfg  = fcfg_q[h_fn];
    wire [12:0] prs_i  = {1'b0, h_cfg[19:8]} + {5'h0, h_hash[7:0] & h_cfg[7:0]};  // < NUM_PRS
    reg           i_valid_q;
    reg [UW-1:0]  i_user_q;
    reg [31:0]    i_hash_q;
    reg [PW-1:0]  i_prs_q;
    reg           i_hsh_q;   // i_kind == K_HASHED, registered beside it
    // The PRS entry's written-since-reset bit, selected in two parts around
    // the index register (the 128:1 selection of prs_v_q from i_prs_q was
    // the critical path): at the edge that loads i_prs_q, the index's LW
    // low bits (the adder's first carry cell) pick one bit from each group
    // of 2**LW consecutive entries into i_pvr_q (the index's "row": bit b
    // is entry b * 2**LW + the low bits); stage P picks one of those with
    // the high bits.  The row holds prs_v_q as it is after each edge (a
    // PRS write in that cycle included), also while the stage holds, so
    // i_pvr_q[b] == prs_v_q[b * 2**LW + i_prs_q's low bits] always (formal
    // invariant) and prs_e is the same as with prs_v_q[i_prs_q].
    localparam integer LW = (PW > 2) ? 2 : 1;  // index bits selected before the register
    localparam integer NB = 1 << (PW - LW);    // entries in a row
    reg  [NB-1:0] i_pvr_q;
    wire          prs_we = w_ok && wk == 4'd9;
    // the row's next value: with ce the new index's (the selection after
    // the adder is one 2**LW:1 multiplexer, the write's match beside it),
    // else the held row with a write to one of its entries
    wire [31:0]   i_lo_n = {{(32-LW){1'b0}}, prs_i[LW-1:0]};
    wire [31:0]   i_lo_q = {{(32-LW){1'b0}}, i_prs_q[LW-1:0]};
    wire [31:0]   w_e    = {{(32-PW){1'b0}}, wprs};
    reg  [NB-1:0] i_pvr_n;
    integer       b;
    always @* begin
        for (b = 0; b < NB; b = b + 1)
            if (ce)
                i_pvr_n[b] = (b * (1 << LW) + i_lo_n < NUM_PRS) &&
                             (prs_v_q[b * (1 << LW) + i_lo_n] || (prs_we && w_e == b * (1 << LW) + i_lo_n));
            else
                i_pvr_n[b] = i_pvr_q[b] || (prs_we && w_e == b * (1 << LW) + i_lo_q);
    end
    wire [1:0]  i_kind = i_user_q[48:47];
    wire [3:0]  i_func = i_user_q[46:43];
    wire [2:0]  i_type = i_user_q[2:0];
    wire [11:0] i_idx  = {{(12-PW){1'b0}}, i_prs_q};

    // ---- stage P: PRS entry (or the function's defaults) ---------------------------------------
    localparam integer HW = (PW > LW) ? PW - LW : 1;
    wire [PW-1:0] i_hi   = i_prs_q >> LW;    // the high bits: the entry in the row
    wire [HW-1:0] i_bank = i_hi[HW-1:0];
    wire          i_pv   = i_pvr_q[i_bank];  // == prs_v_q[i_prs_q]
    wire [15:0] prs_e  = i_pv ? prs_m[i_prs_q] : 16'h0;
    wire [15:0] i_def  = fdef_q[i_func[FW-1:0]];
    // the processor: the PRS entry's (HASHED) or DEF.CPU
    wire [7:0]  i_cpu   = i_hsh_q ? prs_e[7:0] : i_def[7:0];
    // the queue of an event that does not use the MVM, but for the PRS
    // entry: DEFAULT -> DEF.EQ, DIRECT -> its own, GLOBAL -> 0 (from
    // registers only, so that after the RAM read one LUT picks between it
    // and the entry)
    wire [7:0]  i_eq_nh = (i_kind == K_DEFAULT) ? i_def[15:8] :
                          (i_kind == K_DIRECT) ? i_user_q[42:35] : 8'h0;
    // The MVM entry's written-since-reset bit, as for the PRS above: the
    // edge that loads stage P also loads the valid bits of its function's
    // row (p_mvr_q[c]: entry f * NUM_CPU + c, for the 2**LGC processor
    // numbers p_cpu_q can hold), with an MVM write of that cycle, and the
    // row follows MVM writes while the stage holds; stage P then picks one
    // of them with the processor (a 2**LGC:1 selection instead of
    // NUM_MVM:1 after the index).  p_mvr_q[c] == mvm_v_q[that entry]
    // always (0 past the table's end; formal invariant).
    localparam integer RW = 1 << LGC;            // processor numbers in a row
    reg  [RW-1:0] p_mvr_q, p_mvr_n;
    wire          mvm_we = w_ok && wk == 4'd10;
    /* verilator lint_off UNUSEDSIGNAL */   // (the index wraps at MW bits, as mvm_i's)
    function [MW:0] mvm_ent;   // {past the table's end, entry}: MVM[f * NUM_CPU + c]
        input [3:0]  f;
        input [31:0] c;
        reg   [31:0] e;
        begin
            e = {28'h0, f} * P_NUM_CPU + c;
            mvm_ent = {{{(32-MW){1'b0}}, e[MW-1:0]} >= P_NUM_MVM, e[MW-1:0]};
        end
    endfunction
    /* verilator lint_on UNUSEDSIGNAL */
    integer       mc;
    reg   [MW:0]  m_ent;
    always @* begin
        for (mc = 0; mc < RW; mc = mc + 1) begin
            m_ent = mvm_ent(ce ? i_func : p_user_q[46:43], mc);
            if (ce)
                p_mvr_n[mc] = !m_ent[MW] && (mvm_v_q[m_ent[MW-1:0]] || (mvm_we && wmvm == m_ent[MW-1:0]));
            else
                p_mvr_n[mc] = p_mvr_q[mc] || (!m_ent[MW] && mvm_we && wmvm == m_ent[MW-1:0]);
        end
    end
    reg           p_valid_q;
    reg [UW-1:0]  p_user_q;
    reg [31:0]    p_hash_q;
    // p_cpu_q: the processor (PRS entry or DEF.CPU; meaningful for HASHED
    // and DEFAULT).  p_eq_q: the queue unless the MVM gives it (PRS entry,
    // DEF.EQ, the event's own queue, or 0 for GLOBAL).  p_rt_q: HASHED or
    // DEFAULT, the kinds that go through the MVM in MVM_MODE 0.
    reg [7:0]     p_cpu_q, p_eq_q;
    reg           p_rt_q;

    // ---- stage O: MVM lookup ----------------------------------------------------------------------
    wire        p_use_mvm = p_rt_q && !ctrl_q[8];
    wire [3:0]  p_func = p_user_q[46:43];
    // MVM[f * NUM_CPU + cpu]; p_cpu_q < 2^LGC (it holds LGC bits of a
    // processor number, below), so for a power-of-two NUM_CPU the index is
    // the function and the processor side by side, no adder in front of
    // the MVM's read address
    wire [10:0] mvm_i  = POW2_CPU ? (({7'h0, p_func} << LGC) | {3'h0, p_cpu_q})
                                  : ({7'h0, p_func} * P_NUM_CPU[10:0] + {3'h0, p_cpu_q});
    wire [16:0] mvm_e  = p_mvr_q[p_cpu_q[CI-1:0]] ? mvm_m[mvm_i[MW-1:0]] : 17'h0;
    // P's result as stage O's word: user bits, hash, cpu, and the queue
    // and vector the MVM gives (GLOBAL: queue 0; DIRECT: its own;
    // HASHED, DEFAULT: MVM in MVM_MODE 0, the PRS entry / DEF.EQ in 1)
    localparam integer OW = UW + 32 + 8 + 8 + 1 + 1 + 6;
    wire [7:0]    d_eq = p_use_mvm ? mvm_e[7:0] : p_eq_q;
    wire [OW-1:0] d_word = {p_user_q, p_hash_q, p_cpu_q,
                            d_eq,                              // eq
                            p_use_mvm,                         // setvec
                            p_use_mvm && !mvm_e[16],           // legacy
                            p_use_mvm ? mvm_e[13:8] : 6'h0};   // vec
    reg  [OW-1:0] o_word_q, w_word_q, k_word_q;
    // ---- stage W: the writer's input ----------------------------------------------------------
    // the queue one-hot beside the word, decoded here from O's queue (the
    // MVM's or the entry's) so that the writer's owner match starts at
    // flops: the writer's own decode, a queue past NUM_EQ as queue 0
    // (refused there as out of range)
    wire [7:0]        o_eq = o_word_q[15:8];
    reg  [NUM_EQ-1:0] o_oh, w_oh_q, k_oh_q;
    integer qd;
    always @* begin
        o_oh = {NUM_EQ{1'b0}};   // (Verilator unrolls no loop past 64: without it, LATCH for NUM_EQ 65..255)
        for (qd = 0; qd < NUM_EQ; qd = qd + 1)
            o_oh[qd] = ({24'h0, o_eq} == qd);
        if ({24'h0, o_eq} >= NUM_EQ)
            o_oh[0] = 1'b1;
    end
    wire          w_take = !w_valid_q || m_ready_i;   // W loads at this edge
    wire [OW-1:0] m_word = w_word_q;
    wire [UW-1:0] m_user = m_word[OW-1:OW-UW];

    // An RSS_KEY write lands in the shadow key one edge after its
    // decision cycle w, from registers (kw_*_q), so the 320 shadow bits'
    // enables start at flip-flops instead of the write's decision (one
    // group of the engine's late pins, design.md item 46).  Nothing can
    // tell: the shadow is read only by a register read of RSS_KEY, which
    // is answered in w + 2 at the earliest (virq_axil_slave holds AR off in
    // w), and by the commit (RSS_CMD), a write decided in w + 3 at the
    // earliest (writes every third cycle at most).
    reg         kw_q;
    reg  [3:0]  kw_idx_q;
    reg  [31:0] kw_d_q;
    always @(posedge clk_i) begin
        kw_q     <= rst_ni && w_ok && wk == 4'd6;
        kw_idx_q <= wkey;
        kw_d_q   <= d;
    end

    integer i;
    always @(posedge clk_i) begin
        if (!rst_ni) begin
            for (i = 0; i < 10; i = i + 1)
                key_sh_q[i] <= 32'h0;
            key_q   <= 320'h0;
            ctrl_q  <= 9'h0;
            for (i = 0; i < NUM_FUNC; i = i + 1) begin
                fcfg_q[i] <= 20'h0;
                fdef_q[i] <= 16'h0;
            end
            prs_v_q     <= {NUM_PRS{1'b0}};
            mvm_v_q     <= {NUM_MVM{1'b0}};
            last_hash_q <= 32'h0;
            last_info_q <= 32'h0;
            for (i = 0; i < 4; i = i + 1)
                gev_q[i] <= 16'h0;
            gev_nz_q   <= 4'h0;
            gev_lost_q <= 32'h0;
            hv_q       <= 2'b00;
            i_valid_q  <= 1'b0;
            i_user_q   <= {UW{1'b0}};
            i_hash_q   <= 32'h0;
            i_prs_q    <= {PW{1'b0}};
            i_hsh_q    <= 1'b0;
            i_pvr_q    <= {NB{1'b0}};
            p_mvr_q    <= {RW{1'b0}};
            p_valid_q  <= 1'b0;
            p_rt_q     <= 1'b0;
            p_user_q   <= {UW{1'b0}};
            p_hash_q   <= 32'h0;
            p_cpu_q    <= 8'h0;
            p_eq_q     <= 8'h0;
            o_valid_q  <= 1'b0;
            o_word_q   <= {OW{1'b0}};
            w_valid_q  <= 1'b0;
            w_word_q   <= {OW{1'b0}};
            w_oh_q     <= {{(NUM_EQ-1){1'b0}}, 1'b1};   // queue 0, as the word
            k_full_q   <= 1'b0;
            k_valid_q  <= 1'b0;
            k_word_q   <= {OW{1'b0}};
            k_oh_q     <= {{(NUM_EQ-1){1'b0}}, 1'b1};
        end else begin
            // W (the output register): loads when free or taken, from the
            // skid if it is in use, else from O; otherwise keeps its event.
            // The skid: in use from an edge where W's event is refused to
            // the edge where it is taken; loads O's event at every edge
            // with ce (so it holds O's event, valid or not, from the edge
            // that filled it)
            k_full_q <= w_valid_q && !m_ready_i;
            if (w_take) begin
                w_valid_q <= k_full_q ? k_valid_q : o_valid_q;
                w_word_q  <= k_full_q ? k_word_q : o_word_q;
                w_oh_q    <= k_full_q ? k_oh_q : o_oh;
            end
            if (ce) begin
                k_valid_q <= o_valid_q;
                k_word_q  <= o_word_q;
                k_oh_q    <= o_oh;
                // P -> O: the MVM lookup
                o_valid_q <= p_valid_q;
                o_word_q  <= d_word;
            end
            // global event counts
            for (i = 0; i < 4; i = i + 1) begin
                if (gev_i[i] && !gev_take[i]) begin
                    if (!gev_full[i])
                        gev_q[i] <= gev_q[i] + 16'h1;
                    gev_nz_q[i] <= 1'b1;
                end else if (!gev_i[i] && gev_take[i]) begin
                    gev_q[i]    <= gev_q[i] - 16'h1;
                    gev_nz_q[i] <= (gev_q[i] != 16'h1);
                end
            end
            gev_lost_q <= gev_lost_sum[32] ? 32'hFFFF_FFFF : gev_lost_sum[31:0];
            // the PRS valid bits of the index's row (with or without ce)
            i_pvr_q <= i_pvr_n;
            // the MVM valid bits of P's function's row (with or without ce)
            p_mvr_q <= p_mvr_n;
            if (ce) begin
                // (P -> O, O -> W or the skid: above)
                // I -> P: PRS entry or the function's defaults
                p_valid_q <= i_valid_q;
                p_user_q  <= i_user_q;
                p_hash_q  <= i_hash_q;
                p_rt_q    <= (i_kind == K_HASHED || i_kind == K_DEFAULT);
                // (every PRS entry and DEF.CPU written is < NUM_CPU, the
                // write checks: its low LGC bits are the whole number)
                p_cpu_q   <= i_cpu & CPU_M;
                p_eq_q    <= i_hsh_q ? prs_e[15:8] : i_eq_nh;
                if (i_valid_q && i_hsh_q) begin
                    last_hash_q <= i_hash_q;
                    last_info_q <= {i_idx, i_func, prs_e[7:0], 5'h0, i_type};
                end
                // accept -> stage 1 -> stage 2: the valid bits of the hash stages
                hv_q <= {hv_q[0], inject || s_valid_i};
                // stage 2 -> I: PRS index (FUNC.RSS_CFG read here)
                i_valid_q <= h_valid;
                i_user_q  <= h_user;
                i_hash_q  <= h_hash;
                i_prs_q   <= prs_i[PW-1:0];
                i_hsh_q   <= (h_user[48:47] == K_HASHED);
            end
            if (kw_q)
                key_sh_q[kw_idx_q] <= kw_d_q;
            // register writes
            if (w_ok) begin
                case (wk)
                    4'd2: ctrl_q <= d[8:0];  // bits 7:6 are refused on write
                    4'd3: if (d[0]) key_q <= {key_sh_q[0], key_sh_q[1], key_sh_q[2], key_sh_q[3],
                                              key_sh_q[4], key_sh_q[5], key_sh_q[6], key_sh_q[7],
                                              key_sh_q[8], key_sh_q[9]};
                    4'd6: ;   // RSS_KEY: one edge later, from kw_*_q (below)
                    4'd7: fcfg_q[wfn] <= {d[27:16], d[7:0]};
                    4'd8: fdef_q[wfn] <= d[15:0];
                    4'd9: prs_v_q[wprs] <= 1'b1;  // (prs_we; also in i_pvr_n)
                    4'd10: mvm_v_q[wmvm] <= 1'b1;
                    default: ;
                endcase
            end
        end
    end

    // table RAMs: one write port each, no reset
    always @(posedge clk_i) begin
        if (w_ok && wk == 4'd9)
            prs_m[wprs] <= d[15:0];
        if (w_ok && wk == 4'd10)
            mvm_m[wmvm] <= d[16:0];
    end

    // bits the decode and the range checks leave unused (indices narrower
    // than their carriers: above bit 3, the widest index (PRS, MVM) decides
    // which are used; the user word's queue field is replaced by O's eq)
    /* verilator lint_off UNUSEDSIGNAL */
    wire unused_bits = &{1'b0, widx[10:4], ridx[10:4], prs_i[12:PW], i_hi, mvm_i, mvm_e[15:14], m_user[42:35]};
    /* verilator lint_on UNUSEDSIGNAL */

    assign m_valid_o  = w_valid_q;
    assign m_func_o   = m_user[46:43];
    assign m_eq_o     = m_word[15:8];
    assign m_eq_oh_o  = w_oh_q;
    assign m_code_o   = m_user[34:27];
    assign m_param_o  = m_user[26:3];
    assign m_sys_o    = m_user[48:47] == K_GLOBAL;
    assign m_setvec_o = m_word[7];
    assign m_vec_o    = m_word[5:0];
    assign m_legacy_o = m_word[6];
    assign m_htype_o  = m_user[2:0];
    assign m_hash_o   = m_word[55:24];
    assign m_cpu_o    = m_word[23:16];


`ifdef FORMAL
    function [NUM_EQ-1:0] f_oh;
        input [7:0] q;
        integer b;
        for (b = 0; b < NUM_EQ; b = b + 1)
            f_oh[b] = {24'h0, q} == b || (b == 0 && {24'h0, q} >= NUM_EQ);
    endfunction
    // O's fields by name (for the properties)
    wire [UW-1:0] o_user_q   = o_word_q[OW-1:OW-UW];
    wire [7:0]    o_eq_q     = o_word_q[15:8];
    wire          o_setvec_q = o_word_q[7];
    // ---- formal properties (formal/virq_route.sby) -------------------------
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    // the PRS lookup returns exactly the entry last written at a symbolic
    // index (0 if never written since reset); the same for the MVM
    (* anyconst *) reg [PW-1:0] f_pi;
    (* anyconst *) reg [MW-1:0] f_mi;
    always @(*) begin
        assume({{(32-PW){1'b0}}, f_pi} < P_NUM_PRS);
        assume({{(32-MW){1'b0}}, f_mi} < P_NUM_MVM);
    end
    reg [15:0] f_pe;
    reg [16:0] f_me;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_pe <= 16'h0;
            f_me <= 17'h0;
        end else begin
            if (w_ok && wk == 4'd9 && wprs == f_pi)
                f_pe <= d[15:0];
            if (w_ok && wk == 4'd10 && wmvm == f_mi)
                f_me <= d[16:0];
        end
    integer fvm;
    wire [1:0] h_kind = h_user[48:47];
    wire [1:0] p_kind = p_user_q[48:47];
    wire [2:0] h_type = h_user[2:0];
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fvm = 0;
        else begin
            if (i_valid_q && i_kind == K_HASHED && i_prs_q == f_pi)
                assert(prs_e == f_pe);
            if (p_valid_q && (p_kind == K_HASHED || p_kind == K_DEFAULT) && mvm_i[MW-1:0] == f_mi)
                assert(mvm_e == f_me);
            // the index stays inside the function's slice of the table, when
            // it is computed and in the index register the RAM is read from
            if (h_valid && h_kind == K_HASHED)
                assert({19'h0, prs_i} < P_NUM_PRS);
            if (i_valid_q && i_kind == K_HASHED)
                assert({{(32-PW){1'b0}}, i_prs_q} < P_NUM_PRS);
            // global events go to queue 0, as the engine's own events (in
            // stage O, in the skid, which holds O's event, and in W)
            if (o_valid_q && o_user_q[48:47] == K_GLOBAL)
                assert(o_eq_q == 8'h0 && !o_setvec_q);
            if (k_valid_q && k_word_q[OW-1:OW-2] == K_GLOBAL)  // the kind, user bits 48:47
                assert(k_word_q[15:8] == 8'h0 && !k_word_q[7]);
            if (m_valid_o && m_sys_o)
                assert(m_eq_o == 8'h0 && !m_setvec_o);
            // the queue one-hot beside W's and the skid's word is the
            // decoded queue of that word (queue 0 past NUM_EQ), at all times
            assert(m_eq_oh_o == f_oh(m_eq_o));
            // every vector handed on exists (virq_eq.sby assumes it of its input)
            if (m_setvec_o)
                assert({26'h0, m_vec_o} < P_NUM_VEC);
            assert({26'h0, f_me[13:8]} < P_NUM_VEC);
            if (o_word_q[7]) assert({26'h0, o_word_q[5:0]} < P_NUM_VEC);
            if (k_word_q[7]) assert({26'h0, k_word_q[5:0]} < P_NUM_VEC);
            for (fvm = 0; fvm < NUM_MVM; fvm = fvm + 1)
                if (mvm_v_q[fvm]) assert({26'h0, mvm_m[fvm][13:8]} < P_NUM_VEC);
            assert(k_oh_q == f_oh(k_word_q[15:8]));
        end
    // inductive invariants: the tables hold what the shadows say, and every
    // function's slice lies inside the table
    always @(*)
        if (f_past_valid) begin
            assert((prs_v_q[f_pi] ? prs_m[f_pi] : 16'h0) == f_pe);
            assert((mvm_v_q[f_mi] ? mvm_m[f_mi] : 17'h0) == f_me);
        end
    // the flags registered beside the kind agree with it (the P -> O choice
    // reads them instead of decoding the kind after the RAM reads)
    always @(*)
        if (f_past_valid) begin
            assert(i_hsh_q == (i_kind == K_HASHED));
            assert(p_rt_q == (p_kind == K_HASHED || p_kind == K_DEFAULT));
            if (p_kind == K_GLOBAL)
                assert(p_eq_q == 8'h0);
            if (p_kind == K_DIRECT)
                assert(p_eq_q == p_user_q[42:35]);
        end
    // the PRS valid bits of the index's row: each one is the entry's
    // written-since-reset bit (0 past the table's end), at all times, so
    // the one stage P picks is prs_v_q[i_prs_q]
    integer fb;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fb = 0;
        else begin
            for (fb = 0; fb < NB; fb = fb + 1)
                assert(i_pvr_q[fb] == ((fb * (1 << LW) + {{(32-LW){1'b0}}, i_prs_q[LW-1:0]} < NUM_PRS) &&
                                       prs_v_q[fb * (1 << LW) + {{(32-LW){1'b0}}, i_prs_q[LW-1:0]}]));
            if ({{(32-PW){1'b0}}, i_prs_q} < P_NUM_PRS)
                assert(i_pv == prs_v_q[i_prs_q]);
        end
    // the MVM valid bits of P's function's row: each one is the entry's
    // written-since-reset bit (0 past the table's end), at all times, so
    // the one stage P picks is mvm_v_q[mvm_i]
    integer fr;
    reg [MW:0] f_me_ix;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            begin fr = 0; f_me_ix = 0; end
        else
            for (fr = 0; fr < RW; fr = fr + 1) begin
                f_me_ix = mvm_ent(p_func, fr);
                assert(p_mvr_q[fr] == (!f_me_ix[MW] && mvm_v_q[f_me_ix[MW-1:0]]));
            end
    // the registered non-zero flags of the global event counts
    integer fg;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fg = 0;
        else
            for (fg = 0; fg < 4; fg = fg + 1)
                assert(gev_nz_q[fg] == (gev_q[fg] != 16'h0));
    // every global event pulse is counted exactly once at the edge ending
    // its cycle: as waiting (its input's count up), as lost (GEV_LOST_CNT
    // up), or offsetting the event injected in that cycle; an injection
    // without a pulse counts its input down.  Each count moves by at most
    // one per edge, and GEV_LOST_CNT by at most four, so the balance holds
    // exactly when it holds modulo 16 (its terms span less than 16): the
    // counts' changes + the lost ones + the injection = the pulses, below
    // GEV_LOST_CNT's saturation.  (Modulo 16 keeps the proof at seconds;
    // the same sum over the whole counters took minutes.)
    reg  [3:0]  f_gbal;
    integer     fgi;
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni) begin
            f_gbal = gev_lost_q[3:0] - $past(gev_lost_q[3:0]) + {3'h0, $past(ce && gev_any)};
            for (fgi = 0; fgi < 4; fgi = fgi + 1) begin
                assert(gev_q[fgi] == $past(gev_q[fgi]) || gev_q[fgi] == $past(gev_q[fgi]) + 16'h1 ||
                       gev_q[fgi] == $past(gev_q[fgi]) - 16'h1);
                f_gbal = f_gbal + gev_q[fgi][3:0] - $past(gev_q[fgi][3:0]) - {3'h0, $past(gev_i[fgi])};
            end
            if ($past(gev_lost_q[31:3]) != {29{1'b1}})
                assert(f_gbal == 4'h0);
        end
    integer fq;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fq = 0;
        else
            for (fq = 0; fq < NUM_FUNC; fq = fq + 1)
                assert({1'b0, fcfg_q[fq][19:8]} + {5'h0, fcfg_q[fq][7:0]} < P_NUM_PRS[12:0]);
    // every processor number in the tables is below NUM_CPU (the write
    // checks), so the LGC bits stage P keeps of it are the whole number;
    // and the MVM index is f * NUM_CPU + cpu
    integer fc;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fc = 0;
        else begin
            assert({24'h0, f_pe[7:0]} < P_NUM_CPU);
            for (fc = 0; fc < NUM_FUNC; fc = fc + 1)
                assert({24'h0, fdef_q[fc][7:0]} < P_NUM_CPU);
            assert((p_cpu_q & ~CPU_M) == 8'h0);
            assert(mvm_i == {7'h0, p_func} * P_NUM_CPU[10:0] + {3'h0, p_cpu_q});
        end

    // backpressure: the stages after the hash (I, P, O, then the skid) form
    // a shift register with one enable.  An edge with ce = 0 changes none of
    // them (every event behind the one waiting in W stays where it is); an
    // edge with ce = 1 moves each stage's event, all its fields, into the
    // next one (O's into the skid, and into W when W is free, below).  So no event is lost or duplicated
    // between stage 2 and the writer.  (The Toeplitz stages 1 and 2 take the
    // same ce; they have no properties of their own here.)
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni) begin
            if (!$past(ce)) begin
                assert(i_valid_q == $past(i_valid_q) && i_user_q == $past(i_user_q) &&
                       i_hash_q == $past(i_hash_q) && i_prs_q == $past(i_prs_q));
                assert(p_valid_q == $past(p_valid_q) && p_user_q == $past(p_user_q) &&
                       p_hash_q == $past(p_hash_q) && p_cpu_q == $past(p_cpu_q) && p_eq_q == $past(p_eq_q));
                assert(o_valid_q == $past(o_valid_q) && o_word_q == $past(o_word_q));
                assert(k_valid_q == $past(k_valid_q) && k_word_q == $past(k_word_q));
            end else begin
                assert(i_valid_q == $past(h_valid) && i_user_q == $past(h_user) &&
                       i_hash_q == $past(h_hash) && i_prs_q == $past(prs_i[PW-1:0]));
                assert(p_valid_q == $past(i_valid_q) && p_user_q == $past(i_user_q) &&
                       p_hash_q == $past(i_hash_q));
                // P's event, with its user bits, hash and cpu, into O; O's
                // into the skid
                assert(o_valid_q == $past(p_valid_q) && o_word_q == $past(d_word) &&
                       o_word_q[OW-1:16] == $past({p_user_q, p_hash_q, p_cpu_q}));
                assert(k_valid_q == $past(o_valid_q) && k_word_q == $past(o_word_q));
            end
        end

    // W and the skid: an event the writer refuses stays on m_*, all its
    // fields, until taken; the skid fills (with O's event, valid or not)
    // at an edge where W's event is refused, and the event after W's is
    // then the skid's (order kept); otherwise W takes O's event.  With the
    // shift register above: no event is lost, duplicated or reordered
    // between stage 2 and the writer.
    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni) && rst_ni) begin
            if ($past(m_valid_o && !m_ready_i))
                assert(m_valid_o && m_word == $past(m_word));
            if ($past(k_full_q && m_ready_i))
                assert(!k_full_q && m_valid_o == $past(k_valid_q) &&
                       (!m_valid_o || m_word == $past(k_word_q)));
            if ($past(!k_full_q && w_valid_q && !m_ready_i))
                assert(k_full_q && k_valid_q == $past(o_valid_q) && k_word_q == $past(o_word_q));
            if ($past(!k_full_q && w_take))
                assert(!k_full_q && w_valid_q == $past(o_valid_q) && m_word == $past(o_word_q));
        end
    // the skid is in use only behind a refused event in W
    always @(*)
        if (f_past_valid)
            assert(!k_full_q || w_valid_q);

    // covers: each hash type through the PRS, both MVM variants, a global
    // event beside a waiting stream event
    genvar gt;
    generate
        for (gt = 1; gt <= 6; gt = gt + 1) begin : g_cov_type
            always @(posedge clk_i)
                if (f_past_valid && rst_ni)
                    cover(ce && h_valid && h_kind == K_HASHED && h_type == gt);
        end
    endgenerate
    always @(posedge clk_i)
        if (f_past_valid && rst_ni) begin
            cover(m_valid_o && m_setvec_o && !m_legacy_o);            // FIG. 7
            cover(m_valid_o && m_setvec_o && m_legacy_o);             // FIG. 7, no vector
            cover(m_valid_o && ctrl_q[8] && m_user[48:47] == K_HASHED); // FIG. 12
            cover(m_valid_o && m_sys_o);
            cover(inject && s_valid_i);
            cover(k_full_q && k_valid_q && w_valid_q && o_valid_q);   // skid and W full
            // a full pipeline held by the writer: a hashed event waiting in
            // the new index stage, P, O and W occupied, m_ready_i = 0
            cover(!ce && i_valid_q && i_kind == K_HASHED && p_valid_q && o_valid_q && w_valid_q);
        end
    // the PRS valid bits of stage I's row: a write to the entry being
    // indexed in the cycle it is loaded into stage I, and one while stage I
    // holds a hashed event (the entry it waits to read)
    always @(posedge clk_i)
        if (f_past_valid && rst_ni) begin
            cover(ce && h_valid && h_kind == K_HASHED && prs_we && wprs == prs_i[PW-1:0]);
            cover(!ce && i_valid_q && i_kind == K_HASHED && prs_we && wprs == i_prs_q && !i_pv);
        end
    // ... and that event leaving the index stage when the writer takes again
    always @(posedge clk_i)
        if (f_past_valid && rst_ni && $past(rst_ni))
            cover($past(!ce && i_valid_q && i_kind == K_HASHED) && ce && p_valid_q &&
                  p_user_q[48:47] == K_HASHED);
    // W's refused event taken and the skid's following it on the next cycle
    always @(posedge clk_i)
        if (f_past_valid && rst_ni && $past(rst_ni))
            cover($past(k_full_q && k_valid_q && m_ready_i) && m_valid_o && !k_full_q && m_ready_i);
    // ==== the output word is right, not only carried =========================
    // A formal reference of docs/route.md, written from the documentation and
    // not from the RTL's expressions: the routing registers as a driver sees
    // them, kept from the accepted writes (f_ctrl, f_cfg, f_def, f_prs,
    // f_mvm: the register values, reset 0, so an entry never written reads
    // 0), and a shadow of every event in flight, a record per stage (f_r*,
    // valid f_v*) filled in stage by stage from the documented rule and the
    // registers as they are in the cycle the event leaves that stage (the
    // table before that edge's write): HTYPE_EN at accept, FUNC[f].RSS_CFG
    // when it leaves stage 2, the PRS entry and FUNC[f].DEF when it leaves
    // stage I, the MVM entry and MVM_MODE when it leaves stage P.  The
    // records move with the stages (ce; W from the skid or O as the
    // backpressure properties above prove) and every stage's registers are
    // asserted equal to its record; at W, the ports m_* are.  The hash value
    // itself is free (taken from stage 2); what is checked is its use: the
    // index, and that it travels to m_hash_o and RSS_LAST.

    // -- the registers, from the write port: a write handshaken in h
    // (address and data registered here) is decided in h + 1 and, with an
    // OKAY response, applied at the edge ending h + 1 (registers.md "Bus
    // timing")
    reg [ADDR_W-1:0] f_wa;
    reg [31:0]       f_wd;
    always @(posedge clk_i) begin
        f_wa <= wr_addr_i;
        f_wd <= wr_data_i;
    end
    wire [31:0] f_wa32 = {{(32-ADDR_W){1'b0}}, f_wa};
    wire        f_wacc = wr_en_i && wr_resp_o == `VIRQ_RESP_OKAY;
    wire [31:0] f_wfo  = f_wa32 - `VIRQ_FUNC_BASE;   // offsets into the arrays
    wire [31:0] f_wpo  = f_wa32 - `VIRQ_PRS_BASE;
    wire [31:0] f_wmo  = f_wa32 - `VIRQ_MVM_BASE;
    wire        f_w_ctrl = f_wa32 == `VIRQ_RSS_CTRL_OFFSET;
    wire        f_w_fn   = f_wa32 >= `VIRQ_FUNC_BASE && f_wfo < P_NUM_FN * `VIRQ_FUNC_STRIDE;
    wire        f_w_prs  = f_wa32 >= `VIRQ_PRS_BASE && f_wpo < P_NUM_PRS * `VIRQ_PRS_STRIDE;
    wire        f_w_mvm  = f_wa32 >= `VIRQ_MVM_BASE && f_wmo < P_NUM_MVM * `VIRQ_MVM_STRIDE;
    // element index (strides 8, 4 and 4) and FUNC's register (DEF at + 4)
    wire [31:0] f_wfi  = f_wfo >> 3;
    wire        f_wdef = (f_wfo & 32'h7) >= `VIRQ_FUNC_DEF_OFF;
    wire [31:0] f_wpi  = f_wpo >> 2;
    wire [31:0] f_wmi  = f_wmo >> 2;
    reg  [31:0] f_ctrl;
    reg  [31:0] f_cfg [0:NUM_FUNC-1];
    reg  [31:0] f_def [0:NUM_FUNC-1];
    reg  [31:0] f_prs [0:NUM_PRS-1];
    reg  [31:0] f_mvm [0:NUM_MVM-1];
    integer ft;   // (this clocked loop's own variable)
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_ctrl <= 32'h0;
            for (ft = 0; ft < NUM_FUNC; ft = ft + 1) begin
                f_cfg[ft] <= 32'h0;
                f_def[ft] <= 32'h0;
            end
            for (ft = 0; ft < NUM_PRS; ft = ft + 1)
                f_prs[ft] <= 32'h0;
            for (ft = 0; ft < NUM_MVM; ft = ft + 1)
                f_mvm[ft] <= 32'h0;
        end else if (f_wacc) begin
            if (f_w_ctrl)            f_ctrl <= f_wd;
            if (f_w_fn && !f_wdef)   f_cfg[f_wfi[FW-1:0]] <= f_wd;
            if (f_w_fn && f_wdef)    f_def[f_wfi[FW-1:0]] <= f_wd;
            if (f_w_prs)             f_prs[f_wpi[PW-1:0]] <= f_wd;
            if (f_w_mvm)             f_mvm[f_wmi[MW-1:0]] <= f_wd;
        end

    // -- the rule
    // hash type used (route.md "Routes" 2, registers.md RSS_CTRL.HTYPE_EN):
    // bit t-1 enables type t; a disabled TCP/UDP type (2, 3 / 5, 6) falls
    // back to its IP version's 2-tuple type (1 / 4) if that is enabled;
    // otherwise none (0)
    function [2:0] f_used;
        input [2:0] t;
        input [5:0] hen;
        begin
            f_used = 3'd0;
            case (t)
                3'd1, 3'd4: if (hen[t - 3'd1]) f_used = t;
                3'd2, 3'd3: f_used = hen[t - 3'd1] ? t : hen[0] ? 3'd1 : 3'd0;
                3'd5, 3'd6: f_used = hen[t - 3'd1] ? t : hen[3] ? 3'd4 : 3'd0;
                default: f_used = 3'd0;
            endcase
        end
    endfunction
    // the hashed length of a type (registers.md VIRQ_HTYPE_*): 8, 12, 32, 36 bytes
    function [5:0] f_len;
        input [2:0] t;
        case (t)
            3'd1:       f_len = 6'd8;
            3'd2, 3'd3: f_len = 6'd12;
            3'd4:       f_len = 6'd32;
            3'd5, 3'd6: f_len = 6'd36;
            default:    f_len = 6'd0;
        endcase
    endfunction
    // a record: the event as accepted (kind, function, own queue, code,
    // parameters, hash type used), then the hash and the PRS index (stage
    // I), processor and queue from PRS / DEF (P), and the MVM's result (O)
    localparam integer R_KIND = 0, R_FUNC = 2, R_EQ = 6, R_CODE = 14, R_PARAM = 22, R_HT = 46,
                       R_HASH = 49, R_IDX = 81, R_CPU = 94, R_Q = 102, R_SV = 110, R_LG = 111,
                       R_VEC = 112, R_OEQ = 118, FRW = 126;
    // the user bits the RTL carries for a record (its layout, for the
    // stage invariants)
    function [UW-1:0] f_user;
        input [FRW-1:0] r;
        f_user = {r[R_KIND +: 2], r[R_FUNC +: 4], r[R_EQ +: 8], r[R_CODE +: 8], r[R_PARAM +: 24], r[R_HT +: 3]};
    endfunction
    // global events pending: the lowest input with a waiting count first
    wire       f_gp = gev_q[0] != 16'h0 || gev_q[1] != 16'h0 || gev_q[2] != 16'h0 || gev_q[3] != 16'h0;
    wire [1:0] f_gk = (gev_q[0] != 16'h0) ? 2'd0 : (gev_q[1] != 16'h0) ? 2'd1 :
                      (gev_q[2] != 16'h0) ? 2'd2 : 2'd3;
    // the event entering at this edge (if ce): a global event, else the
    // lease-expired event offered, else the stream's; for the stream,
    // route.md's kind: DIRECT for htype 0 or a function the instance lacks,
    // HASHED when a hash type is used (HTYPE_EN of this cycle), else DEFAULT
    wire [2:0] f_in_ht = f_used(s_htype_i, f_ctrl[5:0]);
    reg  [FRW-1:0] f_in_r;
    reg            f_in_v;
    always @(*) begin
        f_in_r = {FRW{1'b0}};
        f_in_v = 1'b1;
        if (f_gp) begin
            f_in_r[R_KIND +: 2] = K_GLOBAL;
            f_in_r[R_CODE +: 8] = `VIRQ_EVT_CODE_GLOBAL + {6'h0, f_gk};
        end else if (lev_valid_i) begin
            f_in_r[R_KIND +: 2]  = K_GLOBAL;
            f_in_r[R_CODE +: 8]  = `VIRQ_EVT_CODE_LEASE_EXPIRED;
            f_in_r[R_PARAM +: 24] = lev_param_i;
        end else begin
            f_in_v = s_valid_i;
            f_in_r[R_FUNC +: 4]   = s_func_i;
            f_in_r[R_EQ +: 8]     = s_eq_i;
            f_in_r[R_CODE +: 8]   = s_code_i;
            f_in_r[R_PARAM +: 24] = s_param_i;
            if (s_htype_i == `VIRQ_HTYPE_DIRECT || {28'h0, s_func_i} >= P_NUM_FN)
                f_in_r[R_KIND +: 2] = K_DIRECT;
            else if (f_in_ht != 3'd0) begin
                f_in_r[R_KIND +: 2] = K_HASHED;
                f_in_r[R_HT +: 3]   = f_in_ht;
            end else
                f_in_r[R_KIND +: 2] = K_DEFAULT;
        end
    end
    reg [FRW-1:0] f_r1, f_r2, f_rI, f_rP, f_rO, f_rK, f_rW;
    reg           f_v1, f_v2, f_vI, f_vP, f_vO, f_vK, f_vW;
    // stage 2 -> I: index = FUNC[f].RSS_CFG.BASE + (hash AND MASK)
    wire [3:0]  f2_fn  = f_r2[R_FUNC +: 4];
    wire [31:0] f2_cfg = f_cfg[f2_fn[FW-1:0]];
    wire [12:0] f2_idx = {1'b0, f2_cfg[27:16]} + {5'h0, h_hash[7:0] & f2_cfg[7:0]};  // BASE 27:16, MASK 7:0
    reg  [FRW-1:0] f2_n;
    always @(*) begin
        f2_n = f_r2;
        f2_n[R_HASH +: 32] = h_hash;
        f2_n[R_IDX +: 13]  = (f_r2[R_KIND +: 2] == K_HASHED) ? f2_idx : 13'h0;
    end
    // I -> P: HASHED: processor and queue of PRS[index]; DEFAULT: of
    // FUNC[f].DEF; DIRECT: its own queue; GLOBAL: queue 0
    wire [1:0]  fI_k   = f_rI[R_KIND +: 2];
    wire [3:0]  fI_fn  = f_rI[R_FUNC +: 4];
    wire [12:0] fI_idx = f_rI[R_IDX +: 13];
    wire [31:0] fI_prs = f_prs[fI_idx[PW-1:0]];
    wire [31:0] fI_def = f_def[fI_fn[FW-1:0]];
    reg  [FRW-1:0] fI_n;
    always @(*) begin
        fI_n = f_rI;
        fI_n[R_CPU +: 8] = 8'h0;
        case (fI_k)
            K_HASHED:  begin fI_n[R_CPU +: 8] = fI_prs[7:0]; fI_n[R_Q +: 8] = fI_prs[15:8]; end  // CPU 7:0, EQ 15:8
            K_DEFAULT: begin fI_n[R_CPU +: 8] = fI_def[7:0]; fI_n[R_Q +: 8] = fI_def[15:8]; end
            K_DIRECT:  fI_n[R_Q +: 8] = f_rI[R_EQ +: 8];
            default:   fI_n[R_Q +: 8] = 8'h0;
        endcase
    end
    // P -> O: HASHED and DEFAULT in MVM_MODE 0: queue and vector of
    // MVM[f * NUM_CPU + cpu], legacy when its VEC_VALID is 0, and the
    // queue retargeted (setvec); in MVM_MODE 1, and for DIRECT and
    // GLOBAL, the queue from P and no retarget
    wire [1:0]  fP_k   = f_rP[R_KIND +: 2];
    wire        fP_rt  = fP_k == K_HASHED || fP_k == K_DEFAULT;
    wire [31:0] fP_mi  = {28'h0, f_rP[R_FUNC +: 4]} * P_NUM_CPU + {24'h0, f_rP[R_CPU +: 8]};
    wire [31:0] fP_mvm = f_mvm[fP_mi[MW-1:0]];
    wire        fP_m0  = !f_ctrl[8];   // RSS_CTRL.MVM_MODE
    reg  [FRW-1:0] fP_n;
    always @(*) begin
        fP_n = f_rP;
        fP_n[R_SV]       = 1'b0;
        fP_n[R_LG]       = 1'b0;
        fP_n[R_VEC +: 6] = 6'h0;
        fP_n[R_OEQ +: 8] = f_rP[R_Q +: 8];
        if (fP_rt && fP_m0) begin
            fP_n[R_SV]       = 1'b1;
            fP_n[R_OEQ +: 8] = fP_mvm[7:0];      // EQ 7:0
            fP_n[R_VEC +: 6] = fP_mvm[13:8];     // VEC 13:8
            fP_n[R_LG]       = !fP_mvm[16];      // VEC_VALID 16
        end
    end
    always @(posedge clk_i)
        if (!rst_ni) begin
            {f_v1, f_v2, f_vI, f_vP, f_vO, f_vK, f_vW} <= 7'h0;
            {f_r1, f_r2, f_rI, f_rP, f_rO, f_rK, f_rW} <= {7*FRW{1'b0}};
        end else begin
            if (w_take) begin
                f_vW <= k_full_q ? f_vK : f_vO;
                f_rW <= k_full_q ? f_rK : f_rO;
            end
            if (ce) begin
                f_v1 <= f_in_v; f_r1 <= f_in_r;
                f_v2 <= f_v1;   f_r2 <= f_r1;
                f_vI <= f_v2;   f_rI <= f2_n;
                f_vP <= f_vI;   f_rP <= fI_n;
                f_vO <= f_vP;   f_rO <= fP_n;
                f_vK <= f_vO;   f_rK <= f_rO;
            end
        end
    // RSS_LAST / RSS_LAST_INFO: the hash, index, function, PRS processor
    // and hash type of the last hashed event to enter stage P
    reg [31:0] f_lh, f_li;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_lh <= 32'h0;
            f_li <= 32'h0;
        end else if (ce && f_vI && fI_k == K_HASHED) begin
            f_lh <= f_rI[R_HASH +: 32];
            f_li <= ({19'h0, fI_idx} << `VIRQ_RSS_LAST_INFO_IDX_SHIFT) |
                    ({28'h0, fI_fn} << `VIRQ_RSS_LAST_INFO_FUNC_SHIFT) |
                    ({24'h0, fI_prs[7:0]} << `VIRQ_RSS_LAST_INFO_CPU_SHIFT) |
                    ({29'h0, f_rI[R_HT +: 3]} << `VIRQ_RSS_LAST_INFO_HTYPE_SHIFT);
        end

    // a record the rule can give, from stage s on (0: as accepted, 1: with
    // hash and index, 2: with processor and queue, 3: with the MVM's
    // result): a routed kind's function exists, a global event is function
    // 0's for queue 0, only a hashed event has a hash type (1..6), a hash
    // (the hash of no bytes is 0) and an index, which is inside the table;
    // the processor is below NUM_CPU; a retargeted vector below NUM_VEC
    function f_wf;
        input [FRW-1:0] r;
        input integer   st;
        reg   [1:0]     k;
        begin
            k = r[R_KIND +: 2];
            f_wf = 1'b1;
            if ((k == K_HASHED || k == K_DEFAULT) && {28'h0, r[R_FUNC +: 4]} >= P_NUM_FN)
                f_wf = 1'b0;
            if (k == K_GLOBAL && (r[R_FUNC +: 4] != 4'h0 || r[R_EQ +: 8] != 8'h0))
                f_wf = 1'b0;
            if (k == K_HASHED ? (r[R_HT +: 3] == 3'd0 || r[R_HT +: 3] == 3'd7) : r[R_HT +: 3] != 3'd0)
                f_wf = 1'b0;
            if (st >= 1 && k == K_HASHED && {19'h0, r[R_IDX +: 13]} >= P_NUM_PRS)
                f_wf = 1'b0;
            if (st >= 1 && k != K_HASHED && r[R_HASH +: 32] != 32'h0)
                f_wf = 1'b0;
            if (st >= 2 && (k == K_HASHED || k == K_DEFAULT) && {24'h0, r[R_CPU +: 8]} >= P_NUM_CPU)
                f_wf = 1'b0;
            if (st >= 3 && r[R_SV] && {26'h0, r[R_VEC +: 6]} >= P_NUM_VEC)
                f_wf = 1'b0;
        end
    endfunction

    // -- the properties
    // the output port: every field of the event on m_* is the rule's
    always @(*)
        if (f_past_valid) begin
            assert(m_valid_o == f_vW);
            if (f_vW) begin
                assert(m_func_o  == f_rW[R_FUNC +: 4]);
                assert(m_code_o  == f_rW[R_CODE +: 8]);
                assert(m_param_o == f_rW[R_PARAM +: 24]);
                assert(m_sys_o   == (f_rW[R_KIND +: 2] == K_GLOBAL));
                assert(m_eq_o    == f_rW[R_OEQ +: 8]);
                assert(m_setvec_o == f_rW[R_SV]);
                if (f_rW[R_SV])
                    assert(m_vec_o == f_rW[R_VEC +: 6] && m_legacy_o == f_rW[R_LG]);
                assert(m_htype_o == f_rW[R_HT +: 3]);
                assert(m_hash_o  == f_rW[R_HASH +: 32]);
                if (f_rW[R_KIND +: 2] == K_HASHED || f_rW[R_KIND +: 2] == K_DEFAULT)
                    assert(m_cpu_o == f_rW[R_CPU +: 8]);
            end
            // the input's ready: no global event pending, no lease-expired
            // event offered, the skid free
            assert(s_ready_o == (ce && !f_gp && !lev_valid_i));
            assert(lev_ready_o == (ce && !f_gp));
            assert(last_hash_q == f_lh && last_info_q == f_li);
        end
    // every stage holds its record (inductive invariants)
    always @(*)
        if (f_past_valid) begin
            if (f_v1) assert(f_wf(f_r1, 0));
            if (f_v2) assert(f_wf(f_r2, 0));
            if (f_vI) assert(f_wf(f_rI, 1));
            if (f_vP) assert(f_wf(f_rP, 2));
            if (f_vO) assert(f_wf(f_rO, 3));
            if (f_vK) assert(f_wf(f_rK, 3));
            if (f_vW) assert(f_wf(f_rW, 3));
            // stages 1 and 2 (the hash unit): the length hashed is the type's
            // for a hashed event and 0 otherwise, so an event not hashed
            // carries hash 0
            assert(hv_q[0] == f_v1 && hv_q[1] == f_v2);
            if (f_v1)
                assert(f_tz_vld[0] && f_tz_user1 == f_user(f_r1) &&
                       f_tz_len1 == ((f_r1[R_KIND +: 2] == K_HASHED) ? f_len(f_r1[R_HT +: 3]) : 6'd0));
            if (f_v2)
                assert(f_tz_vld[1] && h_user == f_user(f_r2) &&
                       (f_r2[R_KIND +: 2] == K_HASHED || h_hash == 32'h0));
            // stage I: the index, inside the table
            assert(i_valid_q == f_vI);
            if (f_vI) begin
                assert(i_user_q == f_user(f_rI) && i_hash_q == f_rI[R_HASH +: 32]);
                if (fI_k == K_HASHED)
                    assert({19'h0, fI_idx} < P_NUM_PRS && i_prs_q == fI_idx[PW-1:0]);
            end
            // stage P: processor and queue
            assert(p_valid_q == f_vP);
            if (f_vP) begin
                assert(p_user_q == f_user(f_rP) && p_hash_q == f_rP[R_HASH +: 32] && p_eq_q == f_rP[R_Q +: 8]);
                if (fP_rt)
                    assert(p_cpu_q == f_rP[R_CPU +: 8] && fP_mi < P_NUM_MVM);
            end
            // stage O and the skid: the word
            assert(o_valid_q == f_vO && k_valid_q == f_vK);
            if (f_vO) begin
                assert(o_word_q[OW-1:OW-UW] == f_user(f_rO) && o_word_q[OW-UW-1:24] == f_rO[R_HASH +: 32] &&
                       o_word_q[15:8] == f_rO[R_OEQ +: 8] && o_word_q[7] == f_rO[R_SV]);
                if (f_rO[R_SV])
                    assert(o_word_q[6] == f_rO[R_LG] && o_word_q[5:0] == f_rO[R_VEC +: 6]);
                if (f_rO[R_KIND +: 2] == K_HASHED || f_rO[R_KIND +: 2] == K_DEFAULT)
                    assert(o_word_q[23:16] == f_rO[R_CPU +: 8]);
            end
            if (f_vK) begin
                assert(k_word_q[OW-1:OW-UW] == f_user(f_rK) && k_word_q[OW-UW-1:24] == f_rK[R_HASH +: 32] &&
                       k_word_q[15:8] == f_rK[R_OEQ +: 8] && k_word_q[7] == f_rK[R_SV]);
                if (f_rK[R_SV])
                    assert(k_word_q[6] == f_rK[R_LG] && k_word_q[5:0] == f_rK[R_VEC +: 6]);
                if (f_rK[R_KIND +: 2] == K_HASHED || f_rK[R_KIND +: 2] == K_DEFAULT)
                    assert(k_word_q[23:16] == f_rK[R_CPU +: 8]);
            end
        end
    // the RTL's tables hold the register values (an entry not written
    // since reset reads 0), and the values obey the write checks: no
    // reserved bit, every slice inside the PRS, processors below NUM_CPU,
    // queues below NUM_EQ, vectors below NUM_VEC
    integer fe;
    always @(*)
        if (!(f_past_valid))  // every path assigns the loop variable: no latch
            fe = 0;
        else begin
            assert(ctrl_q == f_ctrl[8:0] && (f_ctrl & ~`VIRQ_RSS_CTRL_WMASK) == 32'h0);
            for (fe = 0; fe < NUM_FUNC; fe = fe + 1) begin
                assert(fcfg_q[fe] == {f_cfg[fe][27:16], f_cfg[fe][7:0]} &&
                       (f_cfg[fe] & ~`VIRQ_FUNC_RSS_CFG_WMASK) == 32'h0 &&
                       {20'h0, f_cfg[fe][27:16]} + {24'h0, f_cfg[fe][7:0]} < P_NUM_PRS);
                assert(fdef_q[fe] == f_def[fe][15:0] && (f_def[fe] & ~`VIRQ_FUNC_DEF_WMASK) == 32'h0 &&
                       {24'h0, f_def[fe][7:0]} < P_NUM_CPU && {24'h0, f_def[fe][15:8]} < P_NUM_EQ);
            end
            for (fe = 0; fe < NUM_PRS; fe = fe + 1)
                assert((prs_v_q[fe] ? prs_m[fe] : 16'h0) == f_prs[fe][15:0] &&
                       (f_prs[fe] & ~`VIRQ_PRS_ENTRY_WMASK) == 32'h0 &&
                       {24'h0, f_prs[fe][7:0]} < P_NUM_CPU && {24'h0, f_prs[fe][15:8]} < P_NUM_EQ);
            for (fe = 0; fe < NUM_MVM; fe = fe + 1)
                assert((mvm_v_q[fe] ? mvm_m[fe] : 17'h0) == f_mvm[fe][16:0] &&
                       (f_mvm[fe] & ~`VIRQ_MVM_ENTRY_WMASK) == 32'h0 &&
                       {24'h0, f_mvm[fe][7:0]} < P_NUM_EQ && {26'h0, f_mvm[fe][13:8]} < P_NUM_VEC);
        end
`endif

endmodule

`default_nettype wire
