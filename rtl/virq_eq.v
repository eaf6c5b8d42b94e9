// virq_eq: event queues in host memory (seed 003 [0019]-[0034], FIG. 2-4).
//
// The event-queue writer posts 4-byte entries (code in byte 3, parameters in
// bytes 2..0) into circular queues in host memory through a DMA write-request
// port, keeps each queue's state (undefined / unarmed / armed), takes the
// driver's doorbells (structure state indicator), reports overflows, writes
// the write indicator back lazily, and tells each moderation unit when one of
// its armed queues holds unread entries.  docs/eq.md has the full contract.
//
// One DMA request per cycle at most, from a one-entry output register
// (dma_valid_o never depends on dma_ready_i).  Each cycle the writer serves,
// in priority order: a pending overflow notification (posted to queue 0), a
// pending write-back, the input event.  Posting to queue t:
//   refused (input events: queue out of range, not owned by the event's
//   function, code 0 or reserved)  -> counted in EVT_ERR, consumed
//   t undefined                    -> DROPS[t]++, consumed
//   t full (wi+1 == ri)            -> t undefined, DROPS[t]++, overflow
//                                     notification pending, EQ_OVF_CNT++
//   otherwise                      -> entry into the output register, wi+1
// A CSR write into the EQ context array stalls the writer for that cycle,
// so each context field has a single writer per cycle.
// A queue's PENDING bit (unread entries whose DMA writes have been accepted)
// is set by the accepted DMA write, so an interrupt never overtakes its entry.
`default_nettype none
`include "virq_regs.vh"

module virq_eq #(
    parameter integer NUM_EQ      = 32,  // event queues, 1..256
    parameter integer NUM_FUNC    = 8,   // functions (PF + VFs), 1..16
    parameter integer NUM_VEC     = 32,  // vectors = moderation units, 1..64
    parameter integer EQ_MAX_LOG2 = 16,  // largest queue: 2^EQ_MAX_LOG2 entries, 1..16
    parameter integer ADDR_W      = 16   // register address width
) (
    input  wire               clk_i,
    input  wire               rst_ni,        // synchronous, active low
    // event stream in
    input  wire               evt_valid_i,
    output reg                evt_ready_o,
    input  wire [3:0]         evt_func_i,
    input  wire [7:0]         evt_eq_i,
    input  wire [NUM_EQ-1:0]  evt_eq_oh_i,   // evt_eq_i one-hot, queue 0's bit when >= NUM_EQ (registered)
    input  wire [7:0]         evt_code_i,
    input  wire [23:0]        evt_param_i,
    input  wire               evt_sys_i,     // the engine's own event (queue 0): no code or owner check
    input  wire               evt_setvec_i,  // written entry retargets the queue (FIG. 7 routing)
    input  wire [5:0]         evt_vec_i,     //   to this vector
    input  wire               evt_legacy_i,  //   or to legacy INTx
    // DMA write requests: one 4-byte posted write each
    output wire               dma_valid_o,
    input  wire               dma_ready_i,
    output wire [63:0]        dma_addr_o,
    output wire [31:0]        dma_data_o,
    output wire [3:0]         dma_func_o,    // the owner of the queue written (the requester: its IOMMU context)
    // moderation units
    output reg  [NUM_VEC-1:0] mod_evt_o,     // an armed queue of the vector holds unread entries
    input  wire [NUM_VEC-1:0] mod_fire_i,    // the unit interrupts this cycle: disarm its queues
    output reg  [NUM_FUNC-1:0] intx_o,       // per function: an armed legacy queue of it holds unread entries
    // global counters (read through virq_top)
    output wire [31:0]        evt_err_cnt_o,
    output wire [31:0]        ovf_cnt_o,
    // registers (EQ_DB and EQ arrays): a request's address and data in its
    // handshake cycle h (decoded here and registered); a write is decided
    // in h + 1 (wr_en_i: the registered request is a write to this block;
    // wr_resp_o its response, combinational), a read answered in h + 1.
    // Writes are decided at most every third cycle (virq_axil_slave's
    // spacing): a doorbell's checks, made in h, rely on no write being
    // decided in h or h - 1, and on h not being a reset cycle (wr_en_i is
    // low in the cycle after reset: virq_top's request register is reset)
    input  wire               wr_en_i,       // h + 1: decide the write of h
    input  wire [ADDR_W-1:0]  wr_addr_i,     // h
    input  wire [31:0]        wr_data_i,     // h
    output reg  [1:0]         wr_resp_o,     // h + 1
    input  wire [ADDR_W-1:0]  rd_addr_i,     // h
    output reg  [31:0]        rd_data_o,     // h + 1
    output reg  [1:0]         rd_resp_o      // h + 1
);

    initial begin
        if (NUM_EQ < 1 || NUM_EQ > 256) begin
            $display("virq_eq: NUM_EQ must be 1..256, got %0d", NUM_EQ);
            $finish;
        end
        if (NUM_FUNC < 1 || NUM_FUNC > 16) begin
            $display("virq_eq: NUM_FUNC must be 1..16, got %0d", NUM_FUNC);
            $finish;
        end
        if (NUM_VEC < 1 || NUM_VEC > 64) begin
            $display("virq_eq: NUM_VEC must be 1..64, got %0d", NUM_VEC);
            $finish;
        end
        if (EQ_MAX_LOG2 < 1 || EQ_MAX_LOG2 > 16) begin
            $display("virq_eq: EQ_MAX_LOG2 must be 1..16, got %0d", EQ_MAX_LOG2);
            $finish;
        end
    end

    localparam [1:0] ST_UNDEF = `VIRQ_EQ_STATE_UNDEFINED;
    localparam [1:0] ST_UNARM = `VIRQ_EQ_STATE_UNARMED;
    localparam [1:0] ST_ARMED = `VIRQ_EQ_STATE_ARMED;
    localparam [7:0] CODE_OVF = `VIRQ_EVT_CODE_EQ_OVERFLOW;
    localparam [7:0] CODE_RSV = `VIRQ_EVT_CODE_RESERVED;
    localparam [7:0] CODE_REP = `VIRQ_EVT_CODE_REFUSED;
    localparam [31:0] NEQ = NUM_EQ;
    localparam [31:0] NFN = NUM_FUNC;
    localparam [31:0] NVC = NUM_VEC;
    localparam [31:0] MAXL = EQ_MAX_LOG2;
    localparam integer QW = (NUM_EQ > 1) ? $clog2(NUM_EQ) : 1;    // queue index width
    localparam integer VW = (NUM_VEC > 1) ? $clog2(NUM_VEC) : 1;  // vector index width

    // ---- state --------------------------------------------------------------
    // Context arrays: no reset, one write port each, so they map to RAM.
    // A per-queue valid bit (flops, reset) says whether a field was written
    // since reset; an unwritten field reads as 0 (the _v wires below).
    reg [29:0] blo_m    [0:NUM_EQ-1];   // ring base, address bits 31:2
    reg [31:0] bhi_m    [0:NUM_EQ-1];   // ring base, address bits 63:32
    reg [29:0] wlo_m    [0:NUM_EQ-1];   // write-back slot, bits 31:2
    reg [31:0] whi_m    [0:NUM_EQ-1];   // write-back slot, bits 63:32
    reg [4:0]  log2_m   [0:NUM_EQ-1];
    reg [15:0] mask_m   [0:NUM_EQ-1];   // size_mask(log2), written with it
    reg        wben_m   [0:NUM_EQ-1];
    reg [7:0]  wbevery_m[0:NUM_EQ-1];
    reg [7:0]  em1_m    [0:NUM_EQ-1];   // WB_EVERY - 1, written with CFG (cadence test)
    reg        wbon_m   [0:NUM_EQ-1];   // WB_EN && WB_EVERY != 0, written with CFG
    reg [7:0]  em2_m    [0:NUM_EQ-1];   // WB_EVERY - 2, written with CFG (cadence flag's next value)
    reg [15:0] wi_m     [0:NUM_EQ-1];
    reg [15:0] wi1_m    [0:NUM_EQ-1];   // (WI + 1) mod size, written with WI
    reg [15:0] wi2_m    [0:NUM_EQ-1];   // (WI + 2) mod size, written with WI (full after a write)
    reg [15:0] ri_m     [0:NUM_EQ-1];
    reg [31:0] drops_m  [0:NUM_EQ-1];
    reg [7:0]  wbcnt_m  [0:NUM_EQ-1];
    reg  [NUM_EQ-1:0] blov_q, bhiv_q, wlov_q, whiv_q, cfgv_q, idxv_q, drpv_q;
    wire [NUM_EQ-1:0] blov_d, bhiv_d, wlov_d, whiv_d, cfgv_d, idxv_d, drpv_d;
    reg  [6*NUM_EQ-1:0] vec_q;          // vector of each queue (read by all queues at once: flops)
    wire [6*NUM_EQ-1:0] vec_d;
    reg  [2*NUM_EQ-1:0] st_q;           // 2 bits per queue
    wire [2*NUM_EQ-1:0] st_d;
    reg  [NUM_EQ-1:0]   und_q;          // the queue is undefined (st == UNDEF), registered (timing)
    wire [NUM_EQ-1:0]   und_d;
    reg  [NUM_EQ-1:0]   wok_q;          // defined and not full (WI + 1 != RI), registered (timing)
    wire [NUM_EQ-1:0]   wok_d;
    reg  [NUM_EQ-1:0]   pend_q;         // committed unread entries
    wire [NUM_EQ-1:0]   pend_d;
    reg  [NUM_EQ-1:0]   wbp_q;          // write-back due
    wire [NUM_EQ-1:0]   wbp_d;
    reg  [NUM_EQ-1:0]   ovp_q;          // overflow notification due
    wire [NUM_EQ-1:0]   ovp_d;
    reg                 ovp_any_q;      // |ovp_q, kept registered (timing)
    reg                 ntf_q;          // ovp_any_q || rep_pend_q, kept registered (timing)
    reg                 drp_v_q;        // a DROPS + 1 decided at the previous edge, written now (timing)
    reg  [QW-1:0]       drp_q_q;        //   its queue
    reg  [QW-1:0]       wbq_q;          // lowest write-back due one edge ago (timing)
    reg                 wb_go_q;        // wbp_q[wbq_q], kept registered (timing)
    reg  [NUM_EQ-1:0]   leg_q;          // the queue signals legacy INTx, not its vector
    wire [NUM_EQ-1:0]   leg_d;
    reg  [4*NUM_EQ-1:0] func_q;         // owning function (flops, reset: 0 until CFG written)
    reg  [NUM_EQ-1:0]   big_q;          // LOG2_SIZE >= 2, written with CFG (INIT's WI + 2, flops)
    wire [NUM_EQ-1:0]   big_d;
    // the write-back cadence per queue, in flops (no reset: read only while
    // the queue is defined, and set by its CFG and INIT before): counting
    // on (wbon_m), WB_EVERY == 1 (a count of 0 reaches it), and the count
    // reaching WB_EVERY at the next entry (wbcnt_m == em1_m)
    reg  [NUM_EQ-1:0]   won_q, ev1_q, hit_q;
    wire [NUM_EQ-1:0]   won_d, ev1_d, hit_d;
    wire [4*NUM_EQ-1:0] func_d;
    reg        rep_pend_q, rep_pend_d;  // a refusal report is due (queue 0)
    reg [3:0]  rep_fn_q, rep_fn_d;      //   function and queue of the refused event
    reg [7:0]  rep_eq_q, rep_eq_d;
    reg        out_valid_q, out_valid_d;
    reg [63:0] out_addr_q, out_addr_d;
    reg [31:0] out_data_q, out_data_d;
    reg        out_entry_q, out_entry_d; // the request is a queue entry (not a write-back)
    reg [QW-1:0] out_eq_q, out_eq_d;
    reg [3:0]    out_func_q, out_func_d;    // the owner of out_eq_q at the request's issue
    reg [31:0] evt_err_q, evt_err_d;
    reg [31:0] ovf_cnt_q, ovf_cnt_d;

    // single write port per context array
    reg        ctx_we;      // CSR write of BASE/WB/CFG accepted this cycle
    reg [QW-1:0] ctx_wq;
    reg [3:0]  ctx_wsel;    // which register (offset / 4)
    // ... written into the RAMs at the next edge from registers (timing:
    // the accept, which reads the queue's state, ends at flip-flops): per
    // array group the enable (BASE_LO, BASE_HI, WB_LO, WB_HI, CFG fields;
    // the CFG enable also means "the halves get 0"), the queue, the data
    reg [4:0]  cw_en_q;
    reg [QW-1:0] cw_q_q;
    reg [31:0] cw_d_q;
    reg        wi_we, ri_we, drops_we, wbcnt_we;
    reg [QW-1:0] wi_wq, ri_wq, drops_wq, wbcnt_wq;
    reg [15:0] wi_wd, wi1_wd, wi2_wd, ri_wd;
    reg [31:0] drops_wd;
    reg [7:0]  wbcnt_wd;

    function [3:0] fn_of;
        input [4*NUM_EQ-1:0] v;
        input [QW-1:0] q;
        fn_of = v[4*q +: 4];
    endfunction

    function [1:0] st_of;
        input [2*NUM_EQ-1:0] v;
        input [QW-1:0] q;
        st_of = v[2*q +: 2];
    endfunction

    function [15:0] size_mask;
        input [4:0] l2;
        size_mask = (16'h1 << l2) - 16'h1;
    endfunction

    function [31:0] sat_inc;
        input [31:0] v;
        sat_inc = (v == 32'hFFFF_FFFF) ? v : v + 32'h1;
    endfunction

    // lowest set bit of a queue bit-vector, one-hot (0 when none): a carry
    // chain, not a priority chain over the queues
    function [NUM_EQ-1:0] lowest_oh;
        input [NUM_EQ-1:0] v;
        lowest_oh = v & (~v + {{(NUM_EQ-1){1'b0}}, 1'b1});
    endfunction

    // index of the lowest set bit (0 when none): a balanced tree of QW
    // levels, each node taking the lower half when it has a bit set
    localparam integer NP = 1 << QW;   // NUM_EQ padded to a power of two
    function [QW-1:0] lowest;
        input [NUM_EQ-1:0] v;
        reg   [NP-1:0]    any;     // per node of the current level: a bit set below it
        reg   [NP*QW-1:0] idx;     // per node: index of its lowest set bit, 0 if none (low l bits used)
        integer l, i;
        begin
            any = {NP{1'b0}};
            any[NUM_EQ-1:0] = v;
            idx = {NP*QW{1'b0}};
            for (l = 0; l < QW; l = l + 1) begin
                for (i = 0; i < (NP >> (l + 1)); i = i + 1) begin   // nodes at level l + 1
                    idx[i*QW +: QW] = any[2*i] ? idx[2*i*QW +: QW] : idx[(2*i+1)*QW +: QW];
                    idx[i*QW + l]   = !any[2*i] && any[2*i+1];
                    any[i]          = any[2*i] || any[2*i+1];
                end
            end
            lowest = idx[QW-1:0];
        end
    endfunction

    // one-hot decode of a queue index
    function [NUM_EQ-1:0] q_dec;
        input [QW-1:0] q;
        integer k;
        for (k = 0; k < NUM_EQ; k = k + 1)
            q_dec[k] = (q == k[QW-1:0]);
    endfunction

    // ---- register address decode ------------------------------------------
    // In the handshake cycle, from the address and data as accepted; the
    // results are registered (loaded at every edge: wr_en_i says when the
    // registered write is one for this block, and the engine takes rd_data_o
    // only for a read of it), so the write's decision and the read's answer
    // in the next cycle start from flip-flops, not from the address
    // compares and the data checks.
    wire [31:0] wa_n    = {{(32-ADDR_W){1'b0}}, wr_addr_i};
    wire [31:0] ra_n    = {{(32-ADDR_W){1'b0}}, rd_addr_i};
    wire [31:0] w_dbrel = wa_n - `VIRQ_EQ_DB_BASE;
    wire [31:0] w_eqrel = wa_n - `VIRQ_EQ_BASE;
    wire [31:0] r_eqrel = ra_n - `VIRQ_EQ_BASE;
    wire [31:0] r_dbrel = ra_n - `VIRQ_EQ_DB_BASE;
    reg           w_is_db, w_is_eq, r_is_db, r_is_eq;
    reg  [QW-1:0] w_q, r_q;
    reg  [5:0]    w_off6, r_off6;
    reg  [31:0]   wd;        // the write's data
    always @(posedge clk_i) begin
        w_is_db <= (wa_n >= `VIRQ_EQ_DB_BASE) && (wa_n < `VIRQ_EQ_BASE) && ((w_dbrel >> 2) < NFN);
        r_is_db <= (ra_n >= `VIRQ_EQ_DB_BASE) && (ra_n < `VIRQ_EQ_BASE) && ((r_dbrel >> 2) < NFN);
        w_is_eq <= (wa_n >= `VIRQ_EQ_BASE) && ((w_eqrel >> 6) < NEQ);
        r_is_eq <= (ra_n >= `VIRQ_EQ_BASE) && ((r_eqrel >> 6) < NEQ);
        w_q     <= w_eqrel[6 +: QW];
        r_q     <= r_eqrel[6 +: QW];
        w_off6  <= w_eqrel[5:0];
        r_off6  <= r_eqrel[5:0];
        wd      <= wr_data_i;
    end
    wire [31:0]   w_off  = {26'h0, w_off6};
    wire [31:0]   r_off  = {26'h0, r_off6};

    localparam [31:0] O_BLO = `VIRQ_EQ_BASE_LO_OFF;
    localparam [31:0] O_BHI = `VIRQ_EQ_BASE_HI_OFF;
    localparam [31:0] O_WLO = `VIRQ_EQ_WB_LO_OFF;
    localparam [31:0] O_WHI = `VIRQ_EQ_WB_HI_OFF;
    localparam [31:0] O_CFG = `VIRQ_EQ_CFG_OFF;
    localparam [31:0] O_CMD = `VIRQ_EQ_CMD_OFF;
    localparam [31:0] O_STA = `VIRQ_EQ_STATUS_OFF;
    localparam [31:0] O_IDX = `VIRQ_EQ_IDX_OFF;
    localparam [31:0] O_DRP = `VIRQ_EQ_DROPS_OFF;

    // ---- the writer's choice of this cycle -----------------------------------
    // Arranged for timing (docs/eq.md "Implementation"): the target queue
    // does not depend on the owner check, so the owner check, the context
    // read and the full test run side by side; the full test compares two
    // RAM reads for equality (WI + 1 is kept in its own array, wi1_m); each
    // per-queue update is a one-hot decode ANDed with one enable.
    wire stall    = wr_en_i && w_is_eq;   // a CSR write into the context array
    wire out_free = !out_valid_q || dma_ready_i;
    wire hs       = out_valid_q && dma_ready_i;
    wire ovp_any  = ovp_any_q;   // == |ovp_q
    // the write-back choice is registered: wbq_q is the lowest queue with
    // a write-back due at the previous edge; it is posted if still due
    // (docs/eq.md "Timing": a write-back goes out one cycle after it
    // becomes due at the earliest)
    wire wb_go    = wb_go_q;   // == wbp_q[wbq_q]
    wire [NUM_EQ-1:0] ov_oh = lowest_oh(ovp_q);
    wire [QW-1:0] ovq = lowest(ovp_q);
    wire [QW-1:0] wbq = wbq_q;
    wire [QW-1:0] wbq_n = lowest(wbp_q);   // loaded at every edge
    wire [NUM_EQ-1:0] wbn_oh = lowest_oh(wbp_q);   // its one-hot (0 when none)
    wire          wbp_any = |wbp_q;
    reg  [7:0]    ovq8;   // ovq as the parameter of the overflow event
    always @* begin
        ovq8 = 8'h0;
        ovq8[QW-1:0] = ovq;
    end
    wire          ev_qok = ({24'h0, evt_eq_i} < NEQ);
    wire [QW-1:0] ev_q   = ev_qok ? evt_eq_i[QW-1:0] : {QW{1'b0}};
    // the context RAMs' read address for the event: the queue's low bits
    // straight from the router's output register, without the range
    // check in front (an out-of-range queue reads whatever entry, or
    // nothing defined past NUM_EQ; such an event is refused and nothing
    // read for it is used)
    wire [QW-1:0] ev_ri  = evt_eq_i[QW-1:0];
    /* verilator lint_off UNUSEDSIGNAL */
    wire [3:0]    ev_fn  = fn_of(func_q, ev_q);  // owner of the event's queue (for the proof)
    /* verilator lint_on UNUSEDSIGNAL */

    // Priority: a pending overflow notification, a pending refusal report
    // (both posted to queue 0), a pending write-back, the input event.
    wire ntf      = ntf_q;   // == ovp_any || rep_pend_q
    wire ev_badp  = !evt_sys_i && (!ev_qok || evt_code_i == 8'h0 || evt_code_i >= CODE_RSV);
    // the event's queue one-hot, q_dec(ev_q), decoded by the router in the
    // stage before, so the owner match below starts at flops
    wire [NUM_EQ-1:0] ev_oh = evt_eq_oh_i;
    // The event's queue and its flags as sums of products, one LUT from the
    // flops to each term (ev_oh is one-hot): ev_sel is the event's queue if
    // the event may post to it (an engine event, or the queue's owner)
    wire [NUM_EQ-1:0] fnm_v;    // per queue: owned by the event's function (q_nx below)
    wire [NUM_EQ-1:0] ev_sel = ev_oh & ({NUM_EQ{evt_sys_i}} | fnm_v);
    wire ev_own   = |ev_sel;                       // !ev_bad apart from ev_badp
    wire ev_wok   = |(ev_sel & wok_q);             //   and writable
    wire ev_full  = |(ev_sel & ~und_q & ~wok_q);   //   and defined and full
    wire ev_undf  = |(ev_sel & und_q);             //   and undefined
    wire ev_bad   = ev_badp || !ev_own;
    wire ev_turn  = !stall && !ntf && !wb_go && evt_valid_i;  // the input event's turn
    wire post_ntf = !stall && ntf;          // post a notification (overflow event or refusal report)
    wire post_rep = post_ntf && !ovp_any;   //   it is the refusal report
    wire refuse   = ev_turn && ev_bad;      // the input event is refused
    wire ev_go    = ev_turn && !ev_badp;    // the input event posts if ev_own
    /* verilator lint_off UNUSEDSIGNAL */
    wire post     = post_ntf || (ev_turn && !ev_bad);   // something to post this cycle (for the proof)
    /* verilator lint_on UNUSEDSIGNAL */
    wire [QW-1:0] t = ntf ? {QW{1'b0}} : ev_q;  // target queue (meaningful when post)
    // its one-hot decode: the event's queue decoded before the choice
    wire [NUM_EQ-1:0] t_oh = ntf ? {{(NUM_EQ-1){1'b0}}, 1'b1} : ev_oh;
    // the target's owner: queue 0 (notifications, engine events) is the
    // PF's (a CFG naming another function is refused), an input event
    // posts only to a queue its function owns (ev_sel): no selection of
    // func_q on the event path
    wire [3:0]    t_fn  = (ntf || evt_sys_i) ? 4'h0 : evt_func_i;
    wire [31:0]   entry = ovp_any    ? {CODE_OVF, 16'h0, ovq8} :
                          rep_pend_q ? {CODE_REP, 8'h01, 4'h0, rep_fn_q, rep_eq_q} :  // one refusal per report
                                       {evt_code_i, evt_param_i};

    // context of the target, read for queue 0 and for the event's queue
    // apart, the notification's choice last (ev_q and 0 do not wait for
    // it).  Everything is read raw: written by CFG and INIT, so valid
    // while the target is defined, the only case in which it is used (CFG
    // writes 0 into a BASE or WB half never written, see below).
    wire [15:0] z_wi    = wi_m[0];
    wire [15:0] z_wi1   = wi1_m[0];
    wire [15:0] z_mask  = mask_m[0];
    wire [63:0] z_base  = {bhi_m[0], blo_m[0], 2'b00};
    wire [63:0] z_addr  = z_base + {46'h0, z_wi, 2'b00};       // the entry's address
    wire [15:0] z_wi2   = wi2_m[0];
    wire [15:0] z_ri    = ri_m[0];
    wire [15:0] z_wi3   = (z_wi2 + 16'h1) & z_mask;             // the next WI + 2
    wire [15:0] e_wi    = wi_m[ev_ri];
    wire [15:0] e_wi1   = wi1_m[ev_ri];
    wire [15:0] e_mask  = mask_m[ev_ri];
    wire [63:0] e_base  = {bhi_m[ev_ri], blo_m[ev_ri], 2'b00};
    wire [63:0] e_addr  = e_base + {46'h0, e_wi, 2'b00};
    wire [15:0] e_wi2   = wi2_m[ev_ri];
    wire [15:0] e_ri    = ri_m[ev_ri];
    wire [15:0] e_wi3   = (e_wi2 + 16'h1) & e_mask;
    wire [63:0] t_addr  = ntf ? z_addr : e_addr;
    wire [15:0] t_wi1   = ntf ? z_wi1  : e_wi1;
    wire [15:0] t_wi2   = ntf ? z_wi2  : e_wi2;
    wire [15:0] t_wi3   = ntf ? z_wi3  : e_wi3;
    // the target is full after this cycle's write: WI + 2 == RI
    wire        t_full2 = ntf ? (z_wi2 == z_ri) : (e_wi2 == e_ri);
    // undefined, and writable (defined and not full): registered per
    // queue, one bit each, selected for queue 0 and for the event's queue
    // apart, the notification's choice last
    /* verilator lint_off UNUSEDSIGNAL */
    wire        t_und   = ntf ? und_q[0] : und_q[ev_q];   // for the proof
    wire        t_wok   = ntf ? wok_q[0] : wok_q[ev_q];
    /* verilator lint_on UNUSEDSIGNAL */
    // the write-back cadence, likewise for queue 0 and the event's queue
    // apart and the choice last: counting on, the count reaching
    // WB_EVERY, and the next count
    // (raw reads: CFG and INIT have written them whenever the target is
    // defined, the only case in which they are used; count + 1 reaching
    // WB_EVERY is the count equal to WB_EVERY - 1, kept in em1_m)
    wire [7:0]  z_cnt    = wbcnt_m[0];
    wire        z_cnt_on = wbon_m[0];
    wire        z_hit    = z_cnt == em1_m[0];
    wire        z_hit2   = z_cnt == em2_m[0];     // count + 1 == WB_EVERY - 1
    wire [7:0]  z_cnt_nx = z_hit ? 8'h0 : z_cnt + 8'h1;
    wire [7:0]  e_cnt    = wbcnt_m[ev_ri];
    wire        e_cnt_on = wbon_m[ev_ri];
    wire        e_hit    = e_cnt == em1_m[ev_ri];
    wire        e_hit2   = e_cnt == em2_m[ev_ri];
    wire [7:0]  e_cnt_nx = e_hit ? 8'h0 : e_cnt + 8'h1;
    wire        t_cnt_on = ntf ? z_cnt_on : e_cnt_on;
    wire        t_hit2   = ntf ? z_hit2   : e_hit2;
    wire [7:0]  t_cnt_nx = ntf ? z_cnt_nx : e_cnt_nx;
    // DROPS + 1 is decided now and written at the next edge from a
    // registered queue (drp_v_q, drp_q_q); a read in between sees it
    // (the valid bit applied after the increment, not in front of it)
    wire [31:0] p_drops1 = drpv_q[drp_q_q] ? sat_inc(drops_m[drp_q_q]) : 32'h1;
    // post && t_und, post && !t_und && !t_wok, post && t_wok && out_free:
    wire        do_drop = post_ntf ? und_q[0] : ev_go && ev_undf;
    wire        do_ovf  = post_ntf ? !und_q[0] && !wok_q[0] : ev_go && ev_full;
    wire        do_wr   = out_free && (post_ntf ? wok_q[0] : ev_go && ev_wok);
    wire        do_wb   = !stall && !ntf && wb_go && out_free;
    wire [63:0] wb_addr = {whiv_q[wbq] ? whi_m[wbq] : 32'h0, wlov_q[wbq] ? wlo_m[wbq] : 30'h0, 2'b00};
    wire [15:0] wb_wi   = idxv_q[wbq] ? wi_m[wbq] : 16'h0;

    // ---- doorbell ---------------------------------------------------------------
    wire          db_val  = wd[`VIRQ_EQ_DB_DB_VALID_SHIFT];
    wire          db_arm  = wd[`VIRQ_EQ_DB_DB_ARM_SHIFT];
    wire          db_adv  = wd[`VIRQ_EQ_DB_DB_ADVANCE_SHIFT];
    // In the handshake cycle, from the data and the queue's context: the
    // queue as a safe index, the data checks (reserved bits, a queue the
    // block has), and the doorbell's arithmetic on the context as it is in
    // that cycle, registered for the decision cycle.  Between the two the
    // context changes only by an entry written at the handshake's edge
    // (WI + 1): no register write is decided in the handshake cycle or the
    // one before it (the AXI slave accepts a write every third cycle at
    // most: virq_axil_slave's proof asserts it, the proof below assumes
    // it), so RI, the size mask and a CFG write's context are settled.
    // The decision cycle adds that entry (db_inc) and an entry of the queue
    // in the output register (db_held, registered from that register's
    // next content) by selecting among registered compares; the owner and
    // "undefined" checks are registered too (db_nown, db_ovq).
    wire [7:0]    db_q_n   = wr_data_i[`VIRQ_EQ_DB_DB_EQ_SHIFT +: 8];
    wire          db_qok_n = ({24'h0, db_q_n} < NEQ);
    wire [QW-1:0] db_qs_n  = db_qok_n ? db_q_n[QW-1:0] : {QW{1'b0}};
    wire [15:0]   db_ri_n  = wr_data_i[15:0];
    wire          db_adv_n = wr_data_i[`VIRQ_EQ_DB_DB_ADVANCE_SHIFT];
    // context of the doorbell's queue, raw: a doorbell to an undefined queue
    // is refused whatever they hold, and a defined queue has all three written
    wire [15:0]   h_mask   = mask_m[db_qs_n];
    wire [15:0]   h_wi     = wi_m[db_qs_n];
    wire [15:0]   h_cri    = ri_m[db_qs_n];
    // unread entries (h_unread), the new RI, how far the doorbell moves RI
    // (h_dist), and the entries left after it (h_left), all of the
    // handshake cycle's WI
    wire [15:0]   h_unread = (h_wi - h_cri) & h_mask;
    wire [15:0]   h_new_ri = db_adv_n ? ((h_cri + db_ri_n) & h_mask) : db_ri_n;
    wire [15:0]   h_dist   = db_adv_n ? db_ri_n : ((db_ri_n - h_cri) & h_mask);
    wire [15:0]   h_left   = (h_wi - h_new_ri) & h_mask;
    reg  [QW-1:0] db_qs;     // the doorbell's queue, 0 if out of range
    reg           db_dbad;   // refused whatever the queue's state
    reg           db_nown;   // refused by the queue: another function's, or undefined
    reg           db_ovq;    // the queue overflowed at the handshake's edge (undefined now)
    reg  [15:0]   db_new_ri;
    reg           db_mv;     // the doorbell moves RI
    reg           db_beyond; // an absolute RI beyond the queue's size
    reg           db_gt0, db_ge0, db_gt1;  // h_dist > / >= h_unread, > h_unread + 1
    reg           db_lz, db_l1, db_lm;     // h_left == 0 / == 1 / == size - 1
    reg           db_inc;    // an entry of this queue written at the handshake's edge
    reg           db_held;   // the output register holds an entry of this queue in the decision cycle
    always @(posedge clk_i) begin
        db_qs     <= db_qs_n;
        db_dbad   <= (wr_data_i & ~`VIRQ_EQ_DB_DB_WMASK) != 32'h0 || !db_qok_n;
        db_nown   <= fn_of(func_q, db_qs_n) != w_dbrel[5:2] || und_q[db_qs_n];
        db_ovq    <= do_ovf && t == db_qs_n;
        db_new_ri <= h_new_ri;
        db_mv     <= h_new_ri != h_cri;
        db_beyond <= (db_ri_n & ~h_mask) != 16'h0;
        db_gt0    <= h_dist > h_unread;
        db_ge0    <= h_dist >= h_unread;
        db_gt1    <= {1'b0, h_dist} > {1'b0, h_unread} + 17'h1;
        db_lz     <= h_left == 16'h0;
        db_l1     <= h_left == 16'h1;
        db_lm     <= h_left == h_mask;
        db_inc    <= do_wr && t == db_qs_n;
        // the output register's next content (as out_*_d: a write-back or
        // an entry loads it, else it holds until taken; INIT / DISABLE is
        // a register write, not decided in this cycle)
        db_held   <= do_wb ? 1'b0 :
                     do_wr ? t == db_qs_n :
                     out_valid_q && !dma_ready_i && out_entry_q && out_eq_q == db_qs_n;
    end
    // the owner and "undefined" of the decision cycle: the owner is settled
    // (CFG is a register write), and an undefined queue becomes defined
    // only by INIT (a register write); a defined one becomes undefined
    // otherwise only by an overflow, one at the handshake's edge being
    // db_ovq (property 6)
    wire          db_refq = db_nown || db_ovq;
    // an entry still in the output register is not readable yet: the
    // unread entries are unread - db_held, those left after the doorbell
    // left - db_held (a defined queue with its entry held has at least one
    // unread entry, so neither wraps); with db_inc both are one more (the
    // queue was not full, so unread + 1 does not wrap; left + 1 wraps to 0
    // from size - 1)
    // db_dist > unread + db_inc - db_held
    wire          db_ahead = db_held ? (db_inc ? db_gt0 : db_ge0) : (db_inc ? db_gt1 : db_gt0);
    // unread entries left: left + db_inc != db_held (mod size)
    wire          db_pend  = db_inc ? (db_held ? !db_lz : !db_lm) : (db_held ? !db_l1 : !db_lz);

    // ---- write response -----------------------------------------------------------
    wire [4:0] cfg_l2  = wd[`VIRQ_EQ_CFG_LOG2_SIZE_SHIFT +: 5];
    wire [4:0] cw_l2   = cw_d_q[`VIRQ_EQ_CFG_LOG2_SIZE_SHIFT +: 5];   // the registered CFG write's
    wire [3:0] cfg_fn  = wd[`VIRQ_EQ_CFG_FUNC_SHIFT +: 4];
    wire [5:0] cfg_vec = wd[`VIRQ_EQ_CFG_VEC_SHIFT +: 6];
    wire [1:0] cmd     = wd[1:0];
    wire [7:0] cfg_every = wd[`VIRQ_EQ_CFG_WB_EVERY_SHIFT +: 8];
    wire       cfg_wbon  = wd[`VIRQ_EQ_CFG_WB_EN_SHIFT] && cfg_every != 8'h0;
    wire       cfg_ev1   = cfg_every == 8'h1;
    // the data checks of a BASE/WB/CFG write (w_ctx_data) and a command
    // (w_cmd_data, which includes the offset), made in the handshake cycle
    // from the offset and the data as accepted
    wire [31:0] w_off_n   = {26'h0, w_eqrel[5:0]};
    wire [4:0]  cfg_l2_n  = wr_data_i[`VIRQ_EQ_CFG_LOG2_SIZE_SHIFT +: 5];
    wire [3:0]  cfg_fn_n  = wr_data_i[`VIRQ_EQ_CFG_FUNC_SHIFT +: 4];
    wire [5:0]  cfg_vec_n = wr_data_i[`VIRQ_EQ_CFG_VEC_SHIFT +: 6];
    reg         w_ctx_data, w_cmd_data;
    always @(posedge clk_i) begin
        w_ctx_data <= !(w_off_n == O_BLO && (wr_data_i & ~`VIRQ_EQ_BASE_LO_WMASK) != 32'h0) &&
                      !(w_off_n == O_WLO && (wr_data_i & ~`VIRQ_EQ_WB_LO_WMASK) != 32'h0) &&
                      !(w_off_n == O_CFG &&
                        ((wr_data_i & ~`VIRQ_EQ_CFG_WMASK) != 32'h0 || cfg_l2_n == 5'h0 ||
                         {27'h0, cfg_l2_n} > MAXL || {28'h0, cfg_fn_n} >= NFN || {26'h0, cfg_vec_n} >= NVC ||
                         // queue 0 takes the engine's reports on every
                         // function: the PF's only
                         (w_eqrel[6 +: QW] == {QW{1'b0}} && cfg_fn_n != 4'h0)));
        w_cmd_data <= w_off_n == O_CMD && (wr_data_i & ~`VIRQ_EQ_CMD_WMASK) == 32'h0 && wr_data_i[1:0] != 2'b11;
    end
    wire       w_held  = out_valid_q && (out_eq_q == w_q);  // a request of this queue in flight
    // size >= 4, from flops: a LUT-RAM read here would share the read
    // port of the writer's context read (Yosys merges ports never used in
    // the same cycle), putting INIT's accept on its address
    wire       w_big   = big_q[w_q];

    always @* begin
        wr_resp_o = `VIRQ_RESP_DECERR;
        if (w_is_db) begin
            wr_resp_o = `VIRQ_RESP_OKAY;
            if (db_dbad)
                wr_resp_o = `VIRQ_RESP_SLVERR;
            else if (db_refq)
                wr_resp_o = `VIRQ_RESP_SLVERR;   // not its queue, or undefined
            else if (db_val && !db_adv && db_beyond)
                wr_resp_o = `VIRQ_RESP_SLVERR;   // beyond the queue
            else if (db_val && db_ahead)
                wr_resp_o = `VIRQ_RESP_SLVERR;   // ahead of the write indicator
        end else if (w_is_eq) begin
            case (w_off)
                O_BLO, O_BHI, O_WLO, O_WHI, O_CFG: begin
                    wr_resp_o = `VIRQ_RESP_OKAY;
                    if (!und_q[w_q] || w_held)
                        wr_resp_o = `VIRQ_RESP_SLVERR;  // only while undefined and idle
                    else if (!w_ctx_data)
                        wr_resp_o = `VIRQ_RESP_SLVERR;  // reserved bits, or an illegal CFG
                end
                O_CMD: begin
                    wr_resp_o = `VIRQ_RESP_OKAY;
                    if (!w_cmd_data || (cmd[0] && !cfgv_q[w_q]))   // INIT needs CFG (LOG2_SIZE != 0)
                        wr_resp_o = `VIRQ_RESP_SLVERR;
                end
                O_STA, O_IDX, O_DRP: wr_resp_o = `VIRQ_RESP_SLVERR;  // read-only
                default: wr_resp_o = `VIRQ_RESP_DECERR;
            endcase
        end
    end

    wire w_ok  = wr_en_i && (wr_resp_o == `VIRQ_RESP_OKAY);
    wire db_ok = w_ok && w_is_db;
    // eq_ok = w_ok && w_is_eq, arranged with the queue's state last: the
    // port-only checks of a BASE/WB/CFG write or a command, then "undefined
    // and idle" (BASE/WB/CFG) or "configured" (INIT) of queue w_q
    wire w_ctx_off  = w_off == O_BLO || w_off == O_BHI || w_off == O_WLO ||
                      w_off == O_WHI || w_off == O_CFG;
    wire w_pre      = wr_en_i && w_is_eq;
    wire eq_ok = (w_pre && w_ctx_off && w_ctx_data && und_q[w_q] && !w_held) ||
                 (w_pre && w_cmd_data && (!cmd[0] || cfgv_q[w_q]));

    // ---- signalling: kept apart from the next-state logic so that
    // event-driven simulators run the per-queue loops only when queue state
    // or the units' fire signals change (2.4x faster on Icarus) -----------

    // one-hot of a function number (func_q never holds one >= NUM_FUNC:
    // CFG refuses it)
    function [NUM_FUNC-1:0] fn_bit;
        input [3:0] f;
        integer b;
        for (b = 0; b < NUM_FUNC; b = b + 1)
            fn_bit[b] = f == b[3:0];
    endfunction

    // "armed with unread entries, not legacy" per queue, registered from
    // the queue's next state (ap_q == that of the current state,
    // asserted), so the per-vector OR below starts at one flop per queue
    // and the vector, not at the state's decode: the signal crosses to the
    // moderation units
    reg  [NUM_EQ-1:0] ap_q;
    wire [NUM_EQ-1:0] ap_d;

    integer j;
    always @* begin
        // signalling: armed queues with unread entries, not while disarming
        // (legacy queues drive the INTx level instead)
        mod_evt_o = {NUM_VEC{1'b0}};
        intx_o    = {NUM_FUNC{1'b0}};
        for (j = 0; j < NUM_EQ; j = j + 1) begin
            if (ap_q[j])
                mod_evt_o[vec_q[6*j +: VW]] = 1'b1;
            if (st_q[2*j +: 2] == ST_ARMED && pend_q[j] && leg_q[j])
                intx_o = intx_o | fn_bit(func_q[4*j +: 4]);
        end
        mod_evt_o = mod_evt_o & ~mod_fire_i;
    end

    // ---- next state -----------------------------------------------------------------
    // This cycle's updates, each one enable and (for per-queue state) one
    // decoded queue; the per-queue logic below applies them in the order:
    // disarm by the unit, entry handshake, doorbell (after the disarm: a
    // doorbell in the same cycle wins), writer (after the doorbell: an
    // overflow in the same cycle wins), configuration and commands (the
    // writer is stalled).
    wire [NUM_EQ-1:0] db_oh = q_dec(db_qs);
    wire [NUM_EQ-1:0] w_oh  = q_dec(w_q);
    wire [NUM_EQ-1:0] oe_oh = q_dec(out_eq_q);
    wire [NUM_EQ-1:0] wb_oh = q_dec(wbq_q);
    wire hs_ent   = hs && out_entry_q;      // an accepted entry write makes its entry visible
    wire db_pwe0  = db_ok && db_val;        // the doorbell writes RI
    wire db_pwe   = db_pwe0 && !(hs_ent && out_eq_q == db_qs);  // PENDING from the doorbell
    wire [1:0] db_st = db_arm ? ST_ARMED : ST_UNARM;
    // a notification leaves the writer whether written or lost (counted in
    // queue 0's DROPS); an input event is consumed likewise
    wire done     = do_drop || do_ovf || do_wr;
    wire ntf_done = done && post_ntf && !post_rep;          // the overflow notification of ovq
    wire setv0    = !post_ntf && evt_setvec_i;     // FIG. 7 retargeting of t, with do_wr
    wire [NUM_EQ-1:0] ovf_v, wr_v;   // do_ovf / do_wr per queue (t_oh applied)
    // INIT and DISABLE as far as the port says (the data checks); the
    // queue's state decides only INIT, which needs CFG.  Where the state
    // cannot matter, these stand for the accepted command without reading
    // it: a queue with a request in flight has been configured, and
    // INIT's RAM writes (WI, RI, count) into a queue never configured are
    // never read (its IDX reads 0 until an accepted INIT, and it stays
    // undefined); both asserted.
    wire pre_clr  = w_pre && w_cmd_data && cmd != 2'b00;
    wire pre_init = w_pre && w_cmd_data && cmd[0];
    wire [1:0] cmd_st = cmd[0] ? ST_UNARM : ST_UNDEF;
    // eq_ok per queue, for the per-queue state: each queue's accept takes
    // its own state (undefined and idle, or configured for INIT) instead
    // of the 32:1 selection at the written queue, so no selection stands
    // between a queue's flags and its next state (eq_ok_v == w_oh when
    // eq_ok, 0 otherwise; asserted).  eq_ok itself, with the selection,
    // drives only the deferred context write (cw_en_q, a register) and
    // the response.
    wire [NUM_EQ-1:0] held_v  = {NUM_EQ{out_valid_q}} & oe_oh;   // w_held per queue
    wire [NUM_EQ-1:0] eq_ok_v = w_oh & (({NUM_EQ{w_pre && w_ctx_off && w_ctx_data}} & und_q & ~held_v) |
                                        {NUM_EQ{w_pre && w_cmd_data && !cmd[0]}} |
                                        ({NUM_EQ{w_pre && w_cmd_data && cmd[0]}} & cfgv_q));
    wire [NUM_EQ-1:0] clr_v   = eq_ok_v & {NUM_EQ{w_off == O_CMD && cmd != 2'b00}};
    wire [NUM_EQ-1:0] init_v  = eq_ok_v & {NUM_EQ{w_off == O_CMD && cmd[0]}};
    wire [NUM_EQ-1:0] cfg_v   = eq_ok_v & {NUM_EQ{w_off == O_CFG}};

    // field valid bits
    // (CFG counts as a write of 0 into the BASE and WB halves not yet
    // written: a configured queue's addresses need no valid bit)
    assign blov_d = blov_q | ({NUM_EQ{w_off == O_BLO || w_off == O_CFG}} & eq_ok_v);
    assign bhiv_d = bhiv_q | ({NUM_EQ{w_off == O_BHI || w_off == O_CFG}} & eq_ok_v);
    assign wlov_d = wlov_q | ({NUM_EQ{w_off == O_WLO || w_off == O_CFG}} & eq_ok_v);
    assign whiv_d = whiv_q | ({NUM_EQ{w_off == O_WHI || w_off == O_CFG}} & eq_ok_v);
    assign cfgv_d = cfgv_q | cfg_v;
    assign idxv_d = idxv_q | init_v;
    assign drpv_d = drpv_q | ({NUM_EQ{drp_v_q}} & q_dec(drp_q_q));

    // wb_go at the next edge, wbp_d[wbq_n], with the late enables last:
    // with a write-back due, the lowest one (wbn_oh) stays due unless
    // INIT/DISABLE, an overflow or its own write-back clears it; with none
    // due, wbq_n is 0 and the bit is queue 0's next one
    wire wb_go_d = wbp_any ? !(|(clr_v & wbn_oh) ||
                               (do_ovf && |(t_oh & wbn_oh)) ||
                               (do_wb && |(wb_oh & wbn_oh)))
                           : wbp_d[0];

    // |ovp_d with the late enable (do_ovf from the full test) at the end,
    // not at the leaves
    wire ovp_any_d = do_ovf || (ntf_done ? |(ovp_q & ~ov_oh) : ovp_any_q);

    // Each queue's next state takes its own overflow and write decision,
    // computed from its own flags and owner (ovf_v, wr_v: the same as
    // do_ovf / do_wr with t == the queue), not the selected ones: no 32:1
    // selection in front of the per-queue state.  The single-bit state is
    // computed for all queues at once (bit vectors, one bit per queue);
    // what needs a queue's own fields (its 2-bit state, owner and vector)
    // is decoded per queue in q_nx below.
    genvar gq;
    wire [NUM_EQ-1:0] arm_v;    // armed (state this cycle)
    wire [NUM_EQ-1:0] mfire_v;  // the queue's unit fires (mod_fire_i at its vector)
    wire [NUM_EQ-1:0] fwb_v;    // configured with write-back enabled
    wire [NUM_EQ-1:0] stok_v;   // defined after this cycle (st_d != UNDEF)
    wire [NUM_EQ-1:0] sta_v;    // armed after this cycle (st_d == ARMED)
    wire [NUM_EQ-1:0] q0_v = {{(NUM_EQ-1){1'b0}}, 1'b1};
    // its unit interrupts: an armed queue with unread entries disarms and,
    // with write-back enabled, writes back its indicator
    wire [NUM_EQ-1:0] fire_v = arm_v & pend_q & ~leg_q & mfire_v;
    // the writer's decision for each queue (bad: refused for this queue)
    wire [NUM_EQ-1:0] bad_v  = {NUM_EQ{ev_badp}} | ({NUM_EQ{!evt_sys_i}} & ~fnm_v);
    wire [NUM_EQ-1:0] pst_v  = ({NUM_EQ{post_ntf}} & q0_v) | ({NUM_EQ{ev_turn}} & ev_oh & ~bad_v);
    assign ovf_v = pst_v & ~und_q & ~wok_q;                  // == do_ovf && t_oh
    assign wr_v  = pst_v & wok_q & {NUM_EQ{out_free}};       // == do_wr && t_oh
    // a doorbell that moves the queue's RI (it is not full after it)
    wire [NUM_EQ-1:0] dbmv_v = {NUM_EQ{db_pwe0 && db_mv}} & db_oh;
    // wok_d = defined && !full1, with the late full test (two RAM reads
    // compared) as the last input of one gate
    wire [NUM_EQ-1:0] wok_e_v = stok_v & (clr_v | dbmv_v | (~wr_v & wok_q));
    assign wok_d  = wok_e_v | (stok_v & wr_v & {NUM_EQ{!t_full2}});
    assign und_d  = ~stok_v;
    wire [NUM_EQ-1:0] gone_v = clr_v | ovf_v;                // INIT / DISABLE / overflow
    wire [NUM_EQ-1:0] dbp_v  = {NUM_EQ{db_pwe}} & db_oh;
    assign pend_d = ~gone_v & ((dbp_v & {NUM_EQ{db_pend}}) |
                               (~dbp_v & (({NUM_EQ{hs_ent}} & oe_oh) | pend_q)));
    assign ap_d   = sta_v & pend_d & ~leg_d;
    assign wbp_d  = ~gone_v & ~({NUM_EQ{do_wb}} & wb_oh) &
                    ((wr_v & won_q & hit_q) |                 // a write-back due
                     wbp_q | (fire_v & fwb_v));
    assign ovp_d  = ovf_v | (~({NUM_EQ{ntf_done}} & ov_oh) & ovp_q);
    wire [NUM_EQ-1:0] wrs_v  = wr_v & {NUM_EQ{setv0}};        // the entry retargets the queue
    assign leg_d  = (cfg_v & {NUM_EQ{wd[`VIRQ_EQ_CFG_LEGACY_SHIFT]}}) |
                    (~cfg_v & ((wrs_v & {NUM_EQ{evt_legacy_i}}) | (~wrs_v & leg_q)));
    assign big_d  = (cfg_v & {NUM_EQ{cfg_l2 >= 5'd2}}) | (~cfg_v & big_q);
    // the cadence flags: CFG sets WB_EVERY's; INIT starts the count at 0;
    // an entry written while counting moves it to 0 (it reached WB_EVERY)
    // or on by one (count == WB_EVERY - 2 before)
    assign won_d  = (cfg_v & {NUM_EQ{cfg_wbon}}) | (~cfg_v & won_q);
    assign ev1_d  = (cfg_v & {NUM_EQ{cfg_ev1}})  | (~cfg_v & ev1_q);
    wire [NUM_EQ-1:0] wrw_v  = wr_v & won_q;                  // an entry written while counting
    assign hit_d  = (init_v & ev1_q) |
                    (~init_v & ((wrw_v & ((hit_q & ev1_q) | (~hit_q & {NUM_EQ{t_hit2}}))) |
                                (~wrw_v & hit_q)));
    generate
        for (gq = 0; gq < NUM_EQ; gq = gq + 1) begin : q_nx
            wire [1:0] st = st_q[2*gq +: 2];
            assign arm_v[gq]   = st == ST_ARMED;
            assign fnm_v[gq]   = func_q[4*gq +: 4] == evt_func_i;
            assign mfire_v[gq] = mod_fire_i[vec_q[6*gq +: VW]];
            assign fwb_v[gq]   = cfgv_q[gq] && wben_m[gq];
            assign st_d[2*gq +: 2] = clr_v[gq]              ? cmd_st   :
                                     ovf_v[gq]              ? ST_UNDEF :
                                     db_ok && db_oh[gq]     ? db_st    :
                                     fire_v[gq]             ? ST_UNARM : st;
            assign stok_v[gq]  = st_d[2*gq +: 2] != ST_UNDEF;
            assign sta_v[gq]   = st_d[2*gq +: 2] == ST_ARMED;
`ifdef FORMAL
            // the arrangement is the plain rule: defined and not full after
            // this cycle (meaningful while defined: INIT clears it, a write
            // sets it when WI + 2 == RI, a doorbell that moves RI clears it)
            wire full0 = wr_v[gq] ? t_full2 : !wok_q[gq];
            wire full1 = clr_v[gq] ? 1'b0 : full0 && !dbmv_v[gq];
            always @(*)
                if (rst_ni)
                    assert(wok_d[gq] == (stok_v[gq] && !full1));
`endif
            assign vec_d[6*gq +: 6] = cfg_v[gq] ? cfg_vec :
                                      wrs_v[gq] ? evt_vec_i : vec_q[6*gq +: 6];
            assign func_d[4*gq +: 4] = cfg_v[gq] ? cfg_fn : func_q[4*gq +: 4];
        end
    endgenerate

    always @* begin
        rep_pend_d  = rep_pend_q;
        rep_fn_d    = rep_fn_q;
        rep_eq_d    = rep_eq_q;
        out_valid_d = out_valid_q && !dma_ready_i;
        out_addr_d  = out_addr_q;
        out_data_d  = out_data_q;
        out_entry_d = out_entry_q;
        out_eq_d    = out_eq_q;
        out_func_d  = out_func_q;
        evt_err_d   = refuse ? sat_inc(evt_err_q) : evt_err_q;
        ovf_cnt_d   = do_ovf ? sat_inc(ovf_cnt_q) : ovf_cnt_q;
        evt_ready_o = refuse || (done && !post_ntf);

        // context arrays: one write port each
        wi_we    = do_wr;          wi_wq    = t;     wi_wd = t_wi1;
        wi1_wd   = t_wi2;
        wi2_wd   = t_wi3;
        ri_we    = db_ok && db_val; ri_wq   = db_qs; ri_wd = db_new_ri;
        drops_we = drp_v_q;        drops_wq = drp_q_q; drops_wd = p_drops1;
        wbcnt_we = do_wr && t_cnt_on;
        wbcnt_wq = t;
        wbcnt_wd = t_cnt_nx;
        ctx_we   = eq_ok && (w_off == O_BLO || w_off == O_BHI || w_off == O_WLO ||
                             w_off == O_WHI || w_off == O_CFG);
        ctx_wq   = w_q;
        ctx_wsel = w_off[5:2];

        if (refuse) begin
            // reported on queue 0 (no report is waiting: a waiting report
            // has priority over the input)
            rep_pend_d = 1'b1;
            rep_fn_d   = evt_func_i;
            rep_eq_d   = evt_eq_i;
        end
        if (done && post_rep)
            rep_pend_d = 1'b0;
        if (do_wr) begin
            out_valid_d = 1'b1;
            out_addr_d  = t_addr;
            out_data_d  = entry;
            out_entry_d = 1'b1;
            out_eq_d    = t;
            out_func_d  = t_fn;
        end
        if (do_wb) begin
            out_valid_d = 1'b1;
            out_addr_d  = wb_addr;
            out_data_d  = {16'h0, wb_wi};
            out_entry_d = 1'b0;
            out_eq_d    = wbq;
            out_func_d  = fn_of(func_q, wbq);
        end
        // INIT / DISABLE (the writer is stalled)
        if (pre_clr && w_held)
            out_entry_d = 1'b0;  // its in-flight entry no longer counts
        if (pre_init) begin
            wi_we = 1'b1;    wi_wq = w_q;    wi_wd = 16'h0;  wi1_wd = 16'h1;  // log2 >= 1: 1 mod size = 1
            wi2_wd = {14'h0, w_big, 1'b0};                                      // 2 mod size
            ri_we = 1'b1;    ri_wq = w_q;    ri_wd = 16'h0;
            wbcnt_we = 1'b1; wbcnt_wq = w_q; wbcnt_wd = 8'h0;
        end
    end

    // ---- registers ------------------------------------------------------------------
    always @(posedge clk_i) begin
        if (!rst_ni) begin
            st_q        <= {2*NUM_EQ{1'b0}};
            und_q       <= {NUM_EQ{1'b1}};
            wok_q       <= {NUM_EQ{1'b0}};
            pend_q      <= {NUM_EQ{1'b0}};
            wbp_q       <= {NUM_EQ{1'b0}};
            ovp_q       <= {NUM_EQ{1'b0}};
            ovp_any_q   <= 1'b0;
            ntf_q       <= 1'b0;
            drp_v_q     <= 1'b0;
            cw_en_q     <= 5'h0;
            ap_q        <= {NUM_EQ{1'b0}};
            drp_q_q     <= {QW{1'b0}};
            wbq_q       <= {QW{1'b0}};
            wb_go_q     <= 1'b0;
            vec_q       <= {6*NUM_EQ{1'b0}};
            leg_q       <= {NUM_EQ{1'b0}};
            func_q      <= {4*NUM_EQ{1'b0}};
            big_q       <= {NUM_EQ{1'b0}};
            rep_pend_q  <= 1'b0;
            rep_fn_q    <= 4'h0;
            rep_eq_q    <= 8'h0;
            blov_q      <= {NUM_EQ{1'b0}};
            bhiv_q      <= {NUM_EQ{1'b0}};
            wlov_q      <= {NUM_EQ{1'b0}};
            whiv_q      <= {NUM_EQ{1'b0}};
            cfgv_q      <= {NUM_EQ{1'b0}};
            idxv_q      <= {NUM_EQ{1'b0}};
            drpv_q      <= {NUM_EQ{1'b0}};
            out_valid_q <= 1'b0;
            out_addr_q  <= 64'h0;
            out_data_q  <= 32'h0;
            out_entry_q <= 1'b0;
            out_eq_q    <= {QW{1'b0}};
            out_func_q  <= 4'h0;
            evt_err_q   <= 32'h0;
            ovf_cnt_q   <= 32'h0;
        end else begin
            st_q        <= st_d;
            und_q       <= und_d;
            wok_q       <= wok_d;
            pend_q      <= pend_d;
            wbp_q       <= wbp_d;
            ovp_q       <= ovp_d;
            ovp_any_q   <= ovp_any_d;
            ntf_q       <= ovp_any_d || rep_pend_d;
            drp_v_q     <= do_drop || do_ovf;
            drp_q_q     <= t;
            wbq_q       <= wbq_n;
            wb_go_q     <= wb_go_d;
            vec_q       <= vec_d;
            leg_q       <= leg_d;
            func_q      <= func_d;
            big_q       <= big_d;
            rep_pend_q  <= rep_pend_d;
            rep_fn_q    <= rep_fn_d;
            rep_eq_q    <= rep_eq_d;
            blov_q      <= blov_d;
            bhiv_q      <= bhiv_d;
            wlov_q      <= wlov_d;
            whiv_q      <= whiv_d;
            cfgv_q      <= cfgv_d;
            idxv_q      <= idxv_d;
            drpv_q      <= drpv_d;
            ap_q        <= ap_d;
            cw_en_q     <= {ctx_we && ctx_wsel == 4'd4,
                            ctx_we && (ctx_wsel == 4'd3 || (ctx_wsel == 4'd4 && !whiv_q[ctx_wq])),
                            ctx_we && (ctx_wsel == 4'd2 || (ctx_wsel == 4'd4 && !wlov_q[ctx_wq])),
                            ctx_we && (ctx_wsel == 4'd1 || (ctx_wsel == 4'd4 && !bhiv_q[ctx_wq])),
                            ctx_we && (ctx_wsel == 4'd0 || (ctx_wsel == 4'd4 && !blov_q[ctx_wq]))};
            out_valid_q <= out_valid_d;
            out_addr_q  <= out_addr_d;
            out_data_q  <= out_data_d;
            out_entry_q <= out_entry_d;
            out_eq_q    <= out_eq_d;
            out_func_q  <= out_func_d;
            evt_err_q   <= evt_err_d;
            ovf_cnt_q   <= ovf_cnt_d;
        end
    end

    // context arrays: one write port each, no reset (RAM)
    always @(posedge clk_i) begin
        // a BASE/WB/CFG write accepted at the previous edge (CFG writes 0
        // into the BASE and WB halves never written; their ports are free:
        // one register write per cycle)
        cw_q_q <= ctx_wq;
        cw_d_q <= wd;
        if (cw_en_q[0]) blo_m[cw_q_q] <= cw_en_q[4] ? 30'h0 : cw_d_q[31:2];
        if (cw_en_q[1]) bhi_m[cw_q_q] <= cw_en_q[4] ? 32'h0 : cw_d_q;
        if (cw_en_q[2]) wlo_m[cw_q_q] <= cw_en_q[4] ? 30'h0 : cw_d_q[31:2];
        if (cw_en_q[3]) whi_m[cw_q_q] <= cw_en_q[4] ? 32'h0 : cw_d_q;
        if (cw_en_q[4]) begin
            log2_m[cw_q_q]    <= cw_l2;
            mask_m[cw_q_q]    <= size_mask(cw_l2);
            wben_m[cw_q_q]    <= cw_d_q[`VIRQ_EQ_CFG_WB_EN_SHIFT];
            wbevery_m[cw_q_q] <= cw_d_q[`VIRQ_EQ_CFG_WB_EVERY_SHIFT +: 8];
            em1_m[cw_q_q]     <= cw_d_q[`VIRQ_EQ_CFG_WB_EVERY_SHIFT +: 8] - 8'h1;
            em2_m[cw_q_q]     <= cw_d_q[`VIRQ_EQ_CFG_WB_EVERY_SHIFT +: 8] - 8'h2;
            wbon_m[cw_q_q]    <= cw_d_q[`VIRQ_EQ_CFG_WB_EN_SHIFT] &&
                                 cw_d_q[`VIRQ_EQ_CFG_WB_EVERY_SHIFT +: 8] != 8'h0;
        end
        if (wi_we) begin
            wi_m[wi_wq]  <= wi_wd;
            wi1_m[wi_wq] <= wi1_wd;
            wi2_m[wi_wq] <= wi2_wd;
        end
        if (ri_we)    ri_m[ri_wq]       <= ri_wd;
        if (drops_we) drops_m[drops_wq] <= drops_wd;
        if (wbcnt_we) wbcnt_m[wbcnt_wq] <= wbcnt_wd;
        won_q <= won_d;
        ev1_q <= ev1_d;
        hit_q <= hit_d;
    end

    // ---- register read ----------------------------------------------------------------
    always @* begin
        rd_data_o = 32'h0;
        rd_resp_o = `VIRQ_RESP_DECERR;
        if (r_is_db) begin
            rd_resp_o = `VIRQ_RESP_OKAY;   // write-only: reads 0
        end else if (r_is_eq) begin
            rd_resp_o = `VIRQ_RESP_OKAY;
            case (r_off)
                O_BLO: rd_data_o = blov_q[r_q] ? {blo_m[r_q], 2'b00} : 32'h0;
                O_BHI: rd_data_o = bhiv_q[r_q] ? bhi_m[r_q] : 32'h0;
                O_WLO: rd_data_o = wlov_q[r_q] ? {wlo_m[r_q], 2'b00} : 32'h0;
                O_WHI: rd_data_o = whiv_q[r_q] ? whi_m[r_q] : 32'h0;
                O_CFG: rd_data_o = cfgv_q[r_q] ?
                                   {leg_q[r_q], 1'b0, vec_q[6*r_q +: 6], 4'h0, fn_of(func_q, r_q), wbevery_m[r_q],
                                    wben_m[r_q], 2'b00, log2_m[r_q]} : 32'h0;
                O_CMD: rd_data_o = 32'h0;
                O_STA: rd_data_o = {26'h0, out_valid_q && (out_eq_q == r_q), ovp_q[r_q], wbp_q[r_q],
                                    pend_q[r_q], st_q[2*r_q +: 2]};
                O_IDX: rd_data_o = idxv_q[r_q] ? {ri_m[r_q], wi_m[r_q]} : 32'h0;
                // a DROPS + 1 still to be written is read as written
                O_DRP: rd_data_o = (drp_v_q && drp_q_q == r_q) ? p_drops1 :
                                   drpv_q[r_q] ? drops_m[r_q] : 32'h0;
                default: rd_resp_o = `VIRQ_RESP_DECERR;
            endcase
        end
    end

    assign dma_valid_o   = out_valid_q;
    assign dma_addr_o    = out_addr_q;
    assign dma_data_o    = out_data_q;
    assign dma_func_o    = out_func_q;
    assign evt_err_cnt_o = evt_err_q;
    assign ovf_cnt_o     = ovf_cnt_q;

`ifdef FORMAL
    // ---- formal properties (SymbiYosys: formal/virq_eq.sby) ---------------
    // formal/README.md lists every property.  Proven with small parameters
    // (set in the .sby); everything below is written for any NUM_EQ.
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;

    // ---- assumptions: reset in the first cycle; all other inputs free ----
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);
    // the route block sends only vectors the instance has
    // (from the second cycle, as virq_route's proof asserts these of its
    // output: in the first cycle its registers have no value yet)
    always @(*)
        if (f_past_valid && evt_setvec_i)
            assume({26'h0, evt_vec_i} < NVC);
    // and the queue's one-hot beside its number (virq_route's proof
    // asserts it of m_eq_oh_o), and the engine's own events name queue 0
    // when offered (asserted there of m_valid_o && m_sys_o; the context
    // RAMs are read at the event's queue without the range check, ev_ri)
    always @(*)
        if (f_past_valid) begin
            assume(evt_eq_oh_i == q_dec(ev_q));
            if (evt_valid_i && evt_sys_i)
                assume(evt_eq_i == 8'h0);
        end

    // register writes are decided at most every third cycle (the AXI
    // slave's spacing, asserted in virq_axil_slave's proof): the doorbell's
    // context, registered in the handshake cycle, relies on it, and on the
    // handshake cycle not being a reset cycle (virq_top resets its
    // registered request)
    reg f_wen1 = 1'b0, f_wen2 = 1'b0, f_rst1 = 1'b0;
    always @(posedge clk_i) begin
        f_wen1 <= wr_en_i;
        f_wen2 <= f_wen1;
        f_rst1 <= rst_ni;
    end
    always @(*)
        if (wr_en_i)
            assume(!f_wen1 && !f_wen2 && f_rst1);

    // ---- what the writer does this cycle ----
    wire f_beat  = evt_valid_i && evt_ready_o;               // input beat consumed
    wire f_ntf   = post_ntf && (do_wr || do_drop || do_ovf);  // notification consumed
    wire f_issue = do_wr;                                     // entry into the output register
    wire f_drop  = do_drop || do_ovf;                         // some DROPS[q] + 1
    wire f_ref   = refuse;                                    // EVT_ERR_CNT + 1

    // f_kind: the request in the output register was issued as a queue
    // entry (1) or as a write-back (0); an entry orphaned by INIT/DISABLE
    // (out_entry_q cleared) keeps f_kind = 1.
    reg f_kind;
    always @(posedge clk_i)
        if (!rst_ni)
            f_kind <= 1'b0;
        else if (do_wr)
            f_kind <= 1'b1;
        else if (do_wb)
            f_kind <= 1'b0;

    // narrow global counters (wrap together; only differences matter)
    reg [4:0] f_n_beat, f_n_ovf, f_n_acct;
    always @(posedge clk_i)
        if (!rst_ni) begin
            f_n_beat <= 5'd0;
            f_n_ovf  <= 5'd0;
            f_n_acct <= 5'd0;
        end else begin
            f_n_beat <= f_n_beat + {4'd0, f_beat};
            // overflows and new refusal reports each post one notification
            f_n_ovf  <= f_n_ovf  + {4'd0, do_ovf} + {4'd0, refuse};
            f_n_acct <= f_n_acct + {4'd0, f_issue} + {4'd0, f_drop} + {4'd0, f_ref};
        end

    reg [4:0] f_ovp_n;   // pending overflow notifications
    integer fk;
    always @(*) begin
        f_ovp_n = 5'd0;
        for (fk = 0; fk < NUM_EQ; fk = fk + 1)
            f_ovp_n = f_ovp_n + {4'd0, ovp_q[fk]};
    end

    // for (7): the pending overflow notifications of the previous
    // cycle; the function and queue of the last refused input event (its
    // report is the only one pending: one report per refusal, asserted);
    // WI of the registered write-back choice, read as IDX reads it
    reg [NUM_EQ-1:0] f_ovp_p;
    reg [3:0]        f_rep_fn;
    reg [7:0]        f_rep_eq;
    always @(posedge clk_i) begin
        f_ovp_p <= ovp_q;
        if (refuse) begin
            f_rep_fn <= evt_func_i;
            f_rep_eq <= evt_eq_i;
        end
    end
    wire [15:0] f_wb_wi = idxv_q[wbq_q] ? wi_m[wbq_q] : 16'h0;

    // context of the queue of the output register
    wire [4:0]  f_o_l2   = cfgv_q[out_eq_q] ? log2_m[out_eq_q] : 5'h0;
    wire [63:0] f_o_base = {bhiv_q[out_eq_q] ? bhi_m[out_eq_q] : 32'h0,
                            blov_q[out_eq_q] ? blo_m[out_eq_q] : 30'h0, 2'b00};
    wire [63:0] f_o_wb   = {whiv_q[out_eq_q] ? whi_m[out_eq_q] : 32'h0,
                            wlov_q[out_eq_q] ? wlo_m[out_eq_q] : 30'h0, 2'b00};
    wire [63:0] f_o_off  = out_addr_q - f_o_base;        // modulo 2^64
    wire [63:0] f_o_size = 64'd4 << f_o_l2;              // ring bytes

    always @(*)
        if (f_past_valid) begin
            // (2)/(5) conservation, per cycle: a consumed input beat causes
            // exactly one of {entry issued, some DROPS + 1, EVT_ERR + 1}; a
            // consumed overflow notification exactly one of {entry issued,
            // DROPS + 1}; nothing is issued, dropped or refused otherwise.
            if (evt_ready_o)
                assert(evt_valid_i);
            assert($onehot0({f_issue, f_drop, f_ref}));
            if (f_beat)
                assert(!post_ntf && $onehot({f_issue, f_drop, f_ref}));
            if (f_ntf)
                assert(!evt_ready_o && $onehot({f_issue, f_drop}));
            if (f_issue || f_drop || f_ref)
                assert(f_beat || f_ntf);
            assert(!(do_wr && do_wb));
            // an overflow never merges into a notification already pending
            // (only queue 0 overflowing while its own notification is taken)
            if (do_ovf && ovp_q[t])
                assert(post_ntf && ovq == t);
            // (2) global: beats + overflows + reports = issued + drops +
            // refusals + notifications still pending (every overflow and
            // every report posts one event)
            assert(f_n_beat + f_n_ovf == f_n_acct + f_ovp_n + {4'd0, rep_pend_q});
            // one report per refusal: a waiting report has priority over
            // the input, so a refusal never meets one
            if (refuse)
                assert(!rep_pend_q);

            // registered copies kept for timing
            assert(ovp_any_q == |ovp_q);
            // a BASE/WB/CFG write accepted at the previous edge and written
            // now: its queue is undefined, idle (no request in flight, no
            // write-back due), so nothing reads the fields it writes
            // before they land; a CFG write's data is legal and already in
            // the flip-flop fields
            if (cw_en_q != 5'h0) begin
                assert(und_q[cw_q_q] && !wbp_q[cw_q_q]);
                assert(!(out_valid_q && out_eq_q == cw_q_q));
            end
            if (cw_en_q[4]) begin
                assert(cfgv_q[cw_q_q] && blov_q[cw_q_q] && bhiv_q[cw_q_q] &&
                       wlov_q[cw_q_q] && whiv_q[cw_q_q]);
                assert(cw_l2 != 5'h0 && {27'h0, cw_l2} <= MAXL);
                assert(big_q[cw_q_q] == (cw_l2 >= 5'd2));
            end
            assert(ntf_q == (ovp_any_q || rep_pend_q));
            // the pending report is the last refused event's
            if (rep_pend_q)
                assert(rep_fn_q == f_rep_fn && rep_eq_q == f_rep_eq);
            assert({{(32-QW){1'b0}}, drp_q_q} < NEQ);
            assert({{(32-QW){1'b0}}, wbq_q} < NEQ);
            assert(wb_go_q == wbp_q[wbq_q]);
            // the accepted register write, arranged for timing, is the
            // one the response says
            assert(eq_ok == (w_ok && w_is_eq));
            // and per queue, each with its own state: the written queue's
            // bit when accepted, no bit otherwise
            assert(eq_ok_v == ({NUM_EQ{eq_ok}} & w_oh));
            // the decisions as sums of products are the plain ones
            assert(do_drop == (post && t_und));
            assert(do_ovf  == (post && !t_und && !t_wok));
            assert(do_wr   == (post && t_wok && out_free));
            assert(ev_bad  == (!evt_sys_i && (!ev_qok || evt_code_i == 8'h0 ||
                                              evt_code_i >= CODE_RSV || ev_fn != evt_func_i)));
            // the per-queue decisions are the writer's, decoded
            assert(ovf_v == ({NUM_EQ{do_ovf}} & t_oh));
            assert(wr_v  == ({NUM_EQ{do_wr}} & t_oh));

            // (1) the output register
            if (out_valid_q)
                assert({{(32-QW){1'b0}}, out_eq_q} < NEQ);
            if (out_entry_q)
                assert(f_kind);
            if (out_valid_q && f_kind) begin
                // an entry (also an orphaned one) lies in its configured ring
                assert(cfgv_q[out_eq_q]);
                assert(f_o_off < f_o_size);
                assert(f_o_off[1:0] == 2'b00);
            end
            if (out_valid_q && out_entry_q)
                assert(f_o_off < f_o_size);     // property 1 as stated
            if (out_valid_q && !f_kind) begin
                // a write-back goes to the queue's write-back slot
                assert(!out_entry_q);
                assert(out_addr_q == f_o_wb);
            end
        end

    always @(posedge clk_i)
        if (f_past_valid && $past(rst_ni)) begin
            // counters move only as the writer says (saturating)
            if ($past(refuse))
                assert(evt_err_q == sat_inc($past(evt_err_q)));
            else
                assert(evt_err_q == $past(evt_err_q));
            if ($past(do_ovf)) begin
                assert(ovf_cnt_q == sat_inc($past(ovf_cnt_q)));
                assert(ovp_q[$past(t)]);
            end else
                assert(ovf_cnt_q == $past(ovf_cnt_q));
            // an issued entry is the event (or notification) in the register
            if ($past(do_wr))
                assert(out_valid_q && out_entry_q && out_eq_q == $past(t)
                       && out_data_q == $past(entry));
            // (7) the entry's content, from the ports and the pending
            // notifications of its cycle (docs/eq.md, "The writer"): an
            // input event posts {code, param}; an overflow notification
            // {0xFF, 0x0000, queue} names a queue whose notification was
            // pending and is no longer; a refusal report {0xFE, 0x01, 0,
            // function, queue} names the refused event (f_rep_*)
            if ($past(do_wr && !post_ntf))
                assert(out_data_q == {$past(evt_code_i), $past(evt_param_i)});
            if ($past(do_wr && post_ntf && ovp_any_q)) begin
                assert(out_data_q[31:8] == {CODE_OVF, 16'h0});
                assert({24'h0, out_data_q[7:0]} < NEQ);
                assert(f_ovp_p[out_data_q[QW-1:0]] && !ovp_q[out_data_q[QW-1:0]]);
            end
            if ($past(do_wr && post_ntf && !ovp_any_q))
                assert(out_data_q == {CODE_REP, 8'h01, 4'h0, f_rep_fn, f_rep_eq});
            // (7) a write-back carries {0x0000, WI} of its queue, WI as it
            // is in the cycle the write-back is issued (no entry can be
            // issued in that cycle)
            if ($past(do_wb))
                assert(out_valid_q && !out_entry_q && out_eq_q == $past(wbq_q)
                       && out_data_q == {16'h0, $past(f_wb_wi)});
            // a request stays on the port unchanged until accepted
            if ($past(out_valid_q && !dma_ready_i))
                assert(out_valid_q && out_addr_q == $past(out_addr_q)
                       && out_data_q == $past(out_data_q) && out_func_q == $past(out_func_q));
        end

    // ---- per queue ----
    wire [NUM_EQ-1:0] f_armp;      // armed with PENDING
    wire [NUM_EQ-1:0] f_cov_arm;   // cover: armed while PENDING, then signalled
    wire [NUM_EQ-1:0] f_cov_pu;    // cover: PENDING on an undefined queue
    wire [NUM_EQ-1:0] f_cov_wbc;   // cover: a write-back due by count (WB_EVERY = 2)
    wire [NUM_EQ-1:0] f_cov_wbs;   // cover: a write-back due by the queue's signal
    genvar g;
    generate
        for (g = 0; g < NUM_EQ; g = g + 1) begin : f_q
            wire [1:0]    st    = st_q[2*g +: 2];
            wire [5:0]    vec   = vec_q[6*g +: 6];
            wire [VW-1:0] vs    = vec[VW-1:0];
            wire [4:0]    l2    = cfgv_q[g] ? log2_m[g] : 5'h0;
            wire [15:0]   mask  = size_mask(l2);
            wire [15:0]   wi    = idxv_q[g] ? wi_m[g] : 16'h0;
            wire [15:0]   ri    = idxv_q[g] ? ri_m[g] : 16'h0;
            // DROPS as read: the RAM, plus a + 1 still to be written
            wire [31:0]   draw  = drpv_q[g] ? drops_m[g] : 32'h0;
            wire [31:0]   drops = (drp_v_q && drp_q_q == g) ? sat_inc(draw) : draw;
            // accepted register writes and queue events of this cycle
            wire cmd_ok = wr_en_i && w_is_eq && w_q == g && w_off == O_CMD
                          && wr_resp_o == `VIRQ_RESP_OKAY;
            wire init   = cmd_ok && wd[1:0] == 2'b01;
            wire dis    = cmd_ok && wd[1:0] == 2'b10;
            wire db     = wr_en_i && w_is_db && wr_resp_o == `VIRQ_RESP_OKAY
                          && db_qs == g;
            wire db_arm = db && wd[`VIRQ_EQ_DB_DB_ARM_SHIFT];
            wire db_un  = db && !wd[`VIRQ_EQ_DB_DB_ARM_SHIFT];
            wire ovf    = do_ovf && t == g;
            wire fire   = st == ST_ARMED && pend_q[g] && !leg_q[g] && mod_fire_i[vs];

            // armed with unread entries, signalling a vector (not legacy)
            assign f_armp[g] = st == ST_ARMED && pend_q[g] && !leg_q[g];

            always @(*)
                if (f_past_valid) begin
                    // (3) legal state
                    assert(st != 2'b11);
                    // context invariants
                    assert({26'h0, vec} < NVC);
                    // (the CFG fields land in the RAMs one edge after the
                    // write: meanwhile the pending write holds them, below)
                    if (cfgv_q[g] && !(cw_en_q[4] && cw_q_q == g)) begin
                        assert(log2_m[g] != 5'h0 && {27'h0, log2_m[g]} <= MAXL);
                        assert(mask_m[g] == size_mask(log2_m[g]));
                        assert(big_q[g] == (log2_m[g] >= 5'd2));
                        assert(blov_q[g] && bhiv_q[g] && wlov_q[g] && whiv_q[g]);
                        assert(em1_m[g] == wbevery_m[g] - 8'h1);
                        assert(em2_m[g] == wbevery_m[g] - 8'h2);
                        assert(wbon_m[g] == (wben_m[g] && wbevery_m[g] != 8'h0));
                        assert(won_q[g] == wbon_m[g]);
                        assert(ev1_q[g] == (wbevery_m[g] == 8'h1));
                    end else if (!cfgv_q[g]) begin
                        assert(func_q[4*g +: 4] == 4'h0);
                        // INIT's RAM writes do not wait for its accept: a
                        // queue never configured never had an INIT accepted
                        // (its IDX reads 0), nor a request issued
                        assert(!idxv_q[g]);
                        assert(!(out_valid_q && out_eq_q == g));
                    end
                    if (st != ST_UNDEF) begin
                        assert(cfgv_q[g] && idxv_q[g]);
                        // the cadence flag: the count reaches WB_EVERY at the next entry
                        assert(hit_q[g] == (wbcnt_m[g] == em1_m[g]));
                        assert((wi & ~mask) == 16'h0);
                        assert((ri & ~mask) == 16'h0);
                        // WI + 1 and WI + 2, kept beside WI
                        assert(wi1_m[g] == ((wi + 16'h1) & mask));
                        assert(wi2_m[g] == ((wi + 16'h2) & mask));
                        // writable: not full
                        assert(wok_q[g] == (wi1_m[g] != ri_m[g]));
                    end else
                        assert(!wok_q[g]);
                    // PENDING: an unread entry whose DMA write was accepted (the interrupt
                    // never overtakes its entry; docs/eq.md)
                    if (st != ST_UNDEF)
                        assert(pend_q[g] == (((wi - ri) & mask) !=
                               {15'h0, out_valid_q && out_entry_q && out_eq_q == g}));
                    // registered per-queue flags of the writer's decision
                    assert(und_q[g] == (st == ST_UNDEF));
                    // no write-back is due for an undefined queue (INIT,
                    // DISABLE and overflow clear it; it is set only by a
                    // write or a signal, which need a defined queue)
                    if (st == ST_UNDEF)
                        assert(!wbp_q[g]);
                    // an entry in flight to a defined queue is its last one
                    // written (slot WI - 1), so it is never handed back by a
                    // doorbell: at least one unread entry
                    if (out_valid_q && out_entry_q && out_eq_q == g && st != ST_UNDEF) begin
                        assert(((wi - ri) & mask) != 16'h0);
                        assert(out_addr_q == f_o_base + {46'h0, (wi - 16'h1) & mask, 2'b00});
                    end
                    // DROPS reads as counted (a + 1 not yet in the RAM included)
                    if (r_is_eq && r_q == g && r_off == O_DRP)
                        assert(rd_data_o == drops);
                    // (4) an armed queue with PENDING signals its vector
                    // unless the vector fires this cycle
                    if (f_armp[g] && !mod_fire_i[vs])
                        assert(mod_evt_o[vs]);
                end

            always @(posedge clk_i)
                if (f_past_valid && $past(rst_ni)) begin
                    // (3) transitions, forward
                    if ($past(init))
                        assert(st == ST_UNARM);
                    if ($past(dis || ovf))
                        assert(st == ST_UNDEF);
                    if ($past(db_arm && !ovf))
                        assert(st == ST_ARMED);
                    if ($past(db_un && !ovf))
                        assert(st == ST_UNARM);
                    if ($past(fire && !db && !init && !dis && !ovf))
                        assert(st == ST_UNARM);
                    // (3) transitions, backward: every change has its cause
                    if ($past(st) == ST_UNDEF && st != ST_UNDEF)
                        assert($past(init) && st == ST_UNARM);
                    if ($past(st) != ST_ARMED && st == ST_ARMED)
                        assert($past(db_arm) && $past(st) != ST_UNDEF);
                    if ($past(st) == ST_ARMED && st == ST_UNARM)
                        assert($past(db_un || fire || init));
                    if ($past(st) != ST_UNDEF && st == ST_UNDEF)
                        assert($past(ovf || dis));
                    // (4) a firing unit disarms its armed pending queues
                    // unless a doorbell re-arms them in that cycle
                    if ($past(fire) && st == ST_ARMED)
                        assert($past(db_arm));
                    // (2) DROPS[g] moves only by a drop on g, by one (saturating)
                    if ($past((do_drop || do_ovf) && t == g))
                        assert(drops == sat_inc($past(drops)));
                    else
                        assert(drops == $past(drops));
                end

            // (8) the write-back cadence (docs/eq.md, "Lazy write
            // indicator"): f_wbc counts the entries written to g since its
            // INIT, modulo WB_EVERY, while counting is on (WB_EN and
            // WB_EVERY != 0, the fields as CFG reads them); the entry that
            // brings it to WB_EVERY makes a write-back due, and so does the
            // queue's signal (its unit's fire applied) with WB_EN
            reg  [7:0] f_wbc;
            wire       f_on      = wben_m[g] && wbevery_m[g] != 8'h0;
            wire       f_ent     = do_wr && t == g;
            wire       f_cnt_due = f_ent && f_on && f_wbc + 8'h1 == wbevery_m[g];
            wire       f_sig_due = fire && wben_m[g];
            always @(posedge clk_i)
                if (init)
                    f_wbc <= 8'h0;
                else if (f_ent && f_on)
                    f_wbc <= f_cnt_due ? 8'h0 : f_wbc + 8'h1;
            always @(*)
                if (f_past_valid && st != ST_UNDEF) begin
                    // the RAM count is this count
                    assert(wbcnt_m[g] == f_wbc);
                    if (f_on)
                        assert(f_wbc < wbevery_m[g]);
                end
            always @(posedge clk_i)
                if (f_past_valid && $past(rst_ni) && rst_ni) begin
                    // due after every WB_EVERY entries
                    if ($past(f_cnt_due))
                        assert(wbp_q[g]);
                    // due when the queue signals, unless INIT, DISABLE or
                    // an overflow ends the queue in that cycle; a write-back
                    // of g issued in that very cycle carries the same WI
                    // (no entry is issued beside it) and stands for it
                    if ($past(f_sig_due && !init && !dis && !ovf))
                        assert(wbp_q[g] || $past(do_wb && wbq_q == g));
                    // due by nothing else
                    if (!$past(wbp_q[g]) && wbp_q[g])
                        assert($past(f_cnt_due || f_sig_due));
                    // no longer due only by its write-back, INIT, DISABLE
                    // or an overflow
                    if ($past(wbp_q[g]) && !wbp_q[g])
                        assert($past((do_wb && wbq_q == g) || init || dis || ovf));
                end

            assign f_cov_wbc[g] = f_cnt_due && wbevery_m[g] == 8'd2;
            assign f_cov_wbs[g] = f_sig_due;

            // a doorbell armed the queue while it held PENDING (last cycle)
            reg arm_pend;
            always @(posedge clk_i)
                arm_pend <= rst_ni && db_arm && pend_q[g] && st != ST_ARMED;
            assign f_cov_arm[g] = arm_pend && mod_evt_o[vs];
            assign f_cov_pu[g]  = pend_q[g] && st == ST_UNDEF;
        end
    endgenerate

    // (4) a vector is signalled only for an armed pending queue of it, and
    // not in the cycle it fires
    reg [NUM_VEC-1:0] f_want;
    always @(*) begin
        f_want = {NUM_VEC{1'b0}};
        for (fk = 0; fk < NUM_EQ; fk = fk + 1)
            if (f_armp[fk])
                f_want[vec_q[6*fk +: VW]] = 1'b1;
        if (f_past_valid) begin
            assert(mod_evt_o == (f_want & ~mod_fire_i));
            // the registered per-queue flag is that of the current state
            assert(ap_q == f_armp);
        end
    end

    // legacy INTx: the level is exactly "some armed legacy queue holds
    // unread entries"
    reg [NUM_FUNC-1:0] f_intx;
    integer fl;
    always @(*) begin
        f_intx = {NUM_FUNC{1'b0}};
        for (fl = 0; fl < NUM_EQ; fl = fl + 1)
            if (st_q[2*fl +: 2] == ST_ARMED && pend_q[fl] && leg_q[fl])
                f_intx[func_q[4*fl +: 4]] = 1'b1;
        if (f_past_valid)
            assert(intx_o == f_intx);
    end

    // isolation: an entry of a stream event goes only into a queue its
    // function owns.  The owner of one symbolic queue is tracked here from
    // the CFG writes (independently of func_q); engine events (global) go
    // only where they name, queue 0 in virq_top.
    (* anyconst *) reg [QW-1:0] f_iq;
    reg       f_own_v;
    reg [3:0] f_own;
    always @(*)
        assume({{(32-QW){1'b0}}, f_iq} < NEQ);
    always @(posedge clk_i)
        if (!rst_ni)
            f_own_v <= 1'b0;
        else if (eq_ok && w_off == O_CFG && w_q == f_iq) begin
            f_own_v <= 1'b1;
            f_own   <= wd[`VIRQ_EQ_CFG_FUNC_SHIFT +: 4];
        end
    always @(*)
        if (f_past_valid && cfgv_q[f_iq])
            assert(f_own_v && f_own == fn_of(func_q, f_iq));
    always @(*)
        if (f_past_valid && do_wr && !post_ntf && t == f_iq) begin
            if (evt_sys_i)
                assert(ev_q == f_iq);
            else
                assert(f_own_v && f_own == evt_func_i);
        end
    // queue 0 is the PF's (a CFG naming another function is refused)
    always @(*)
        if (f_past_valid) begin
            assert(fn_of(func_q, {QW{1'b0}}) == 4'h0);
            if (f_iq == {QW{1'b0}} && f_own_v)
                assert(f_own == 4'h0);
        end
    // the DMA request names the owner of the queue it writes (an entry or
    // a write-back), as configured when the request is issued
    always @(posedge clk_i)
        if (f_past_valid && rst_ni && $past(rst_ni) &&
            (($past(do_wr) && $past(t) == f_iq) || ($past(do_wb) && $past(wbq) == f_iq)))
            assert($past(f_own_v) && out_func_q == $past(f_own));

    // ---- (6) the doorbell's registered arithmetic ----
    // The doorbell's checks and results, registered in the handshake cycle
    // with the entry written at its edge added in the decision cycle, equal
    // the same arithmetic on the decision cycle's context (a defined queue;
    // an undefined one is refused whatever they give).
    wire [15:0] f_db_m   = mask_m[db_qs];
    wire [15:0] f_db_w   = wi_m[db_qs];
    wire [15:0] f_db_c   = ri_m[db_qs];
    wire [15:0] f_db_ri  = wd[15:0];
    wire [15:0] f_db_unr = (f_db_w - f_db_c) & f_db_m;
    wire [15:0] f_db_nri = db_adv ? ((f_db_c + f_db_ri) & f_db_m) : f_db_ri;
    wire [15:0] f_db_dst = db_adv ? f_db_ri : ((f_db_ri - f_db_c) & f_db_m);
    wire [15:0] f_db_lft = (f_db_w - f_db_nri) & f_db_m;
    // the doorbell's function, as the address said (the owner check is
    // registered in the handshake cycle: db_nown)
    reg  [3:0] f_dbfn;
    always @(posedge clk_i)
        f_dbfn <= w_dbrel[5:2];
    always @(*)
        if (f_past_valid && rst_ni && wr_en_i && w_is_db && !db_dbad) begin
            assert(db_refq == (fn_of(func_q, db_qs) != f_dbfn || und_q[db_qs]));
            assert(db_held == (out_valid_q && out_entry_q && out_eq_q == db_qs));
        end
    always @(*)
        if (f_past_valid && rst_ni && wr_en_i && w_is_db && !db_dbad && !und_q[db_qs]) begin
            assert(db_new_ri == f_db_nri);
            assert(db_mv == (f_db_nri != f_db_c));
            assert(db_beyond == ((f_db_ri & ~f_db_m) != 16'h0));
            assert(db_ahead == (db_held ? f_db_dst >= f_db_unr : f_db_dst > f_db_unr));
            assert(db_pend == (f_db_lft != {15'h0, db_held}));
        end

    // isolation: an accepted doorbell comes from the queue's owner, to a
    // defined queue
    always @(*)
        if (f_past_valid && rst_ni && db_ok)
            assert(f_dbfn == fn_of(func_q, db_qs) && !und_q[db_qs]);
    // ---- covers ----
    always @(posedge clk_i)
        if (f_past_valid && rst_ni && $past(rst_ni)) begin
            // overflow: an input event into a full queue
            cover(do_ovf && !post_ntf);
            // arm with PENDING, then the vector is signalled
            cover(|f_cov_arm);
            // wrap-around: entry into the last slot, WI back to 0
            cover(do_wr && !post_ntf && e_wi == e_mask);
            // a write-back request accepted on the DMA port
            cover(out_valid_q && !f_kind && dma_ready_i);
            // an overflow notification written to queue 0
            cover(do_wr && post_ntf && !post_rep);
            // a refusal report written to queue 0
            cover(do_wr && post_rep);
            // FIG. 7 retarget to legacy, then the INTx level
            cover(intx_o != {NUM_FUNC{1'b0}});
            // an entry orphaned by INIT/DISABLE, still written
            cover(out_valid_q && f_kind && !out_entry_q && dma_ready_i);
            // write-backs made due by the cadence: the second entry with
            // WB_EVERY = 2, and the queue's signal
            cover(|f_cov_wbc);
            cover(|f_cov_wbs);
            // PENDING on an undefined queue (overflow while its entry was in
            // the output register, entry accepted afterwards)
            cover(|f_cov_pu);
        end
`endif // FORMAL

endmodule

`default_nettype wire
