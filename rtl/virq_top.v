// virq_top: the virq interrupt engine.
//
// The whole engine: the register interface (AXI4-Lite, a PF window and one
// window per function), event routing (Toeplitz hash, PRS, MVM, global
// events), NUM_EQ event queues in host memory, the moderation time base,
// NUM_VEC cooperated interrupt moderation units and interrupt delivery
// (MSI-X table and pending bits, shared INTx, vector ownership and leases).
// docs/design.md describes the engine; FEATURES tells software the same at
// run time.
`default_nettype none
`include "virq_regs.vh"

module virq_top #(
    parameter integer NUM_VEC     = 32,  // interrupt vectors (moderation units), 1..64
    parameter integer NUM_EQ      = 32,  // event queues, 1..256
    parameter integer NUM_FUNC    = 8,   // PCI functions (PF + VFs), 1..16
    parameter integer EQ_MAX_LOG2 = 16,  // largest event queue, log2 of entries, 1..16
    parameter integer ADDR_W      = 17,  // AXI4-Lite address width, 17..32 (function windows from 0x10000)
    parameter integer NUM_PRS     = 128, // PRS entries shared by the functions, 1..2048
    parameter integer NUM_CPU     = 8    // processors the PRS and MVM name, 1..64
) (
    input  wire               clk_i,
    input  wire               rst_ni,            // synchronous, active low; registered (the reset tree below)
    // AXI4-Lite register slave
    input  wire [ADDR_W-1:0]  s_axil_awaddr_i,
    input  wire               s_axil_awvalid_i,
    output wire               s_axil_awready_o,
    input  wire [31:0]        s_axil_wdata_i,
    input  wire [3:0]         s_axil_wstrb_i,
    input  wire               s_axil_wvalid_i,
    output wire               s_axil_wready_o,
    output wire [1:0]         s_axil_bresp_o,
    output wire               s_axil_bvalid_o,
    input  wire               s_axil_bready_i,
    input  wire [ADDR_W-1:0]  s_axil_araddr_i,
    input  wire               s_axil_arvalid_i,
    output wire               s_axil_arready_o,
    output wire [31:0]        s_axil_rdata_o,
    output wire [1:0]         s_axil_rresp_o,
    output wire               s_axil_rvalid_o,
    input  wire               s_axil_rready_i,
    // event stream: one event per beat, routed to an event queue (docs/route.md)
    input  wire               s_evt_valid_i,
    output wire               s_evt_ready_o,
    input  wire [3:0]         s_evt_func_i,      // function the event belongs to
    input  wire [7:0]         s_evt_eq_i,        // event queue (s_evt_htype_i = 0)
    input  wire [7:0]         s_evt_code_i,      // event code (1..0xEF)
    input  wire [23:0]        s_evt_param_i,     // event parameters
    input  wire [2:0]         s_evt_htype_i,     // 0 direct, 1..6 hash type, 7 no data
    input  wire [287:0]       s_evt_tuple_i,     // hash input, byte 0 in bits 287:280
    input  wire [3:0]         gev_i,             // global events: link, ECC, GPIO, external; each cycle high is one event (pulse, not level)
    // DMA write requests to host memory: one 4-byte posted write per beat
    output wire               m_dma_valid_o,
    input  wire               m_dma_ready_i,
    output wire [63:0]        m_dma_addr_o,
    output wire [31:0]        m_dma_data_o,
    output wire [3:0]         m_dma_func_o,      // the function whose queue is written (its requester ID / IOMMU context)
    // direct per-vector events (a packet for the vector's guest) and interrupts
    input  wire [NUM_VEC-1:0] evt_i,             // per-vector event strobes
    output wire [NUM_VEC-1:0] guest_irq_o,       // per-vector guest interrupt pulses (also sent as MSI-X / INTx)
    output wire [NUM_VEC-1:0] wake_irq_o,        // per-vector hypervisor wake pulses
    // MSI-X messages: one 4-byte posted write per beat (docs/msix.md)
    output wire               m_msi_valid_o,
    input  wire               m_msi_ready_i,
    output wire [63:0]        m_msi_addr_o,
    output wire [31:0]        m_msi_data_o,
    output wire [3:0]         m_msi_func_o,      // requester function (the vector's owner)
    output wire [5:0]         m_msi_vec_o,       // vector, for tracing
    output wire               intx_o             // shared INTx line (PCI 2.3), OR over the functions
);

    // impossible parameter sets stop with a message in simulation and in
    // Yosys (tools that evaluate initial blocks; a simulator may also fail
    // earlier on a width the set makes impossible, before this runs)
    initial begin
        if (NUM_VEC < 1 || NUM_VEC > 64) begin
            $display("virq_top: NUM_VEC must be 1..64, got %0d", NUM_VEC);
            $finish;
        end
        if (NUM_EQ < 1 || NUM_EQ > 256) begin
            $display("virq_top: NUM_EQ must be 1..256, got %0d", NUM_EQ);
            $finish;
        end
        if (NUM_FUNC < 1 || NUM_FUNC > 16) begin
            $display("virq_top: NUM_FUNC must be 1..16, got %0d", NUM_FUNC);
            $finish;
        end
        if (EQ_MAX_LOG2 < 1 || EQ_MAX_LOG2 > 16) begin
            $display("virq_top: EQ_MAX_LOG2 must be 1..16, got %0d", EQ_MAX_LOG2);
            $finish;
        end
        if (ADDR_W < 17 || ADDR_W > 32) begin
            $display("virq_top: ADDR_W must be 17..32 (function windows start at 0x10000), got %0d", ADDR_W);
            $finish;
        end
        if (NUM_PRS < 1 || NUM_PRS > 2048) begin
            $display("virq_top: NUM_PRS must be 1..2048, got %0d", NUM_PRS);
            $finish;
        end
        // with NUM_FUNC <= 16 the MVM has at most 1 024 entries (0x7000-0x7FFF)
        if (NUM_CPU < 1 || NUM_CPU > 64) begin
            $display("virq_top: NUM_CPU must be 1..64, got %0d", NUM_CPU);
            $finish;
        end
    end

    // ---- reset tree ----------------------------------------------------------
    // rst_ni is registered once, in one copy per block (the engine's own
    // registers with the AXI slave and the time base, moderation, routing,
    // event queues, delivery), so no net runs from the reset input to the
    // thousands of flip-flops' reset pins: the input reaches five
    // flip-flops, and each copy the flip-flops of one block.  rst_ni low
    // in cycle c therefore resets the engine at the edge ending c + 1 (one
    // cycle later than rst_ni alone would), and the engine leaves reset one
    // cycle after rst_ni rises.  In a cycle whose edge resets the engine (rst_*_q low)
    // the input handshakes are held off: AWREADY, WREADY, ARREADY and
    // s_evt_ready_o are 0, so no write, read or event is taken only to be
    // lost (docs/design.md "Reset").  Each copy is marked to be kept:
    // without it synthesis merges the identical flip-flops into one.  Yosys
    // reads (* keep *) on the always block (onto the flip-flop); on the
    // declarations, keep and dont_touch are Vivado's, preserve Quartus's.
    (* keep = "true", dont_touch = "true", preserve *) reg rst_g_q;    // virq_top's own registers, virq_axil_slave, virq_tick
    (* keep = "true", dont_touch = "true", preserve *) reg rst_mod_q;  // virq_moderation and its units
    (* keep = "true", dont_touch = "true", preserve *) reg rst_rt_q;   // virq_route (with its Toeplitz unit)
    (* keep = "true", dont_touch = "true", preserve *) reg rst_eq_q;   // virq_eq
    (* keep = "true", dont_touch = "true", preserve *) reg rst_mx_q;   // virq_msix
    (* keep *) always @(posedge clk_i) rst_g_q   <= rst_ni;
    (* keep *) always @(posedge clk_i) rst_mod_q <= rst_ni;
    (* keep *) always @(posedge clk_i) rst_rt_q  <= rst_ni;
    (* keep *) always @(posedge clk_i) rst_eq_q  <= rst_ni;
    (* keep *) always @(posedge clk_i) rst_mx_q  <= rst_ni;

    // ---- AXI4-Lite front end ----------------------------------------------
    wire              reg_wr, reg_rd;
    wire [ADDR_W-1:0] reg_waddr, reg_raddr;
    wire [31:0]       reg_wdata;
    wire [3:0]        reg_wstrb;
    reg  [1:0]        reg_wresp, reg_rresp;
    reg  [31:0]       reg_rdata;
    wire              ax_awready, ax_wready, ax_arready;
    wire              ax_bvalid, ax_rvalid;
    assign s_axil_awready_o = ax_awready && rst_g_q;   // no handshake in a reset cycle
    assign s_axil_wready_o  = ax_wready && rst_g_q;
    assign s_axil_arready_o = ax_arready && rst_g_q;
    // No response or request valid while rst_ni is low, nor in the cycle
    // after (the engine's reset cycle): AXI has a slave drive BVALID and
    // RVALID low during reset, and a master its request valids.  Whatever
    // such a cycle would have shown is cleared by the reset edge that
    // follows it (docs/design.md "Reset").
    assign s_axil_bvalid_o  = ax_bvalid && rst_ni && rst_g_q;
    assign s_axil_rvalid_o  = ax_rvalid && rst_ni && rst_g_q;

    virq_axil_slave #(
        .ADDR_W (ADDR_W)
    ) u_axil (
        .clk_i            (clk_i),
        .rst_ni           (rst_g_q),
        .s_axil_awaddr_i  (s_axil_awaddr_i),
        .s_axil_awvalid_i (s_axil_awvalid_i),
        .s_axil_awready_o (ax_awready),
        .s_axil_wdata_i   (s_axil_wdata_i),
        .s_axil_wstrb_i   (s_axil_wstrb_i),
        .s_axil_wvalid_i  (s_axil_wvalid_i),
        .s_axil_wready_o  (ax_wready),
        .s_axil_bresp_o   (s_axil_bresp_o),
        .s_axil_bvalid_o  (ax_bvalid),
        .s_axil_bready_i  (s_axil_bready_i),
        .s_axil_araddr_i  (s_axil_araddr_i),
        .s_axil_arvalid_i (s_axil_arvalid_i),
        .s_axil_arready_o (ax_arready),
        .s_axil_rdata_o   (s_axil_rdata_o),
        .s_axil_rresp_o   (s_axil_rresp_o),
        .s_axil_rvalid_o  (ax_rvalid),
        .s_axil_rready_i  (s_axil_rready_i),
        .reg_wr_o         (reg_wr),
        .reg_waddr_o      (reg_waddr),
        .reg_wdata_o      (reg_wdata),
        .reg_wstrb_o      (reg_wstrb),
        .reg_wresp_i      (reg_wresp),
        .reg_rd_o         (reg_rd),
        .reg_raddr_o      (reg_raddr),
        .reg_rdata_i      (reg_rdata),
        .reg_rresp_i      (reg_rresp)
    );

    // ---- global registers ---------------------------------------------------
    reg [31:0] scratch_q, scratch_d;
    reg [31:0] err_cnt_q, err_cnt_d;
    reg [31:0] err_info_q, err_info_d;

    wire [31:0] waddr_in = {{(32-ADDR_W){1'b0}}, reg_waddr};
    wire [31:0] raddr_in = {{(32-ADDR_W){1'b0}}, reg_raddr};
    wire w_aligned = (reg_waddr[1:0] == 2'b00) && (reg_wstrb == 4'hF);
    wire r_aligned = (reg_raddr[1:0] == 2'b00);
    localparam [31:0] P_NUM_VEC = NUM_VEC;
    localparam [31:0] P_NUM_EQ  = NUM_EQ;
    localparam [31:0] P_NUM_FN  = NUM_FUNC;
    localparam [31:0] P_MAXL    = EQ_MAX_LOG2;

    // Function windows (docs/msix.md): FN_DB goes to the function's doorbell
    // EQ_DB[f], FN_MOD[v] to MOD[v] if the function owns vector v (and, for
    // a write, the vector's lease ends neither at the edge ending its
    // decision cycle nor at the next, where the write takes effect:
    // w_fmv_bz); the rest of a window goes to the delivery block, which
    // checks ownership itself.  waddr / raddr are the addresses after this
    // translation.  A write is translated and decoded in its handshake cycle
    // and the result registered (below, "the write request"); the ownership
    // and lease checks are made in its decision cycle, one later.
    wire [4*NUM_VEC-1:0] vec_owner;
    wire                 w_fmv_bz;            // its lease ends at this edge or the next (virq_msix)
    function [3:0] owner_of;
        input [4*NUM_VEC-1:0] o;
        input [5:0] v;
        integer k;
        begin
            owner_of = 4'h0;
            for (k = 0; k < NUM_VEC; k = k + 1)
                if (v == k[5:0])
                    owner_of = o[4*k +: 4];
        end
    endfunction

    wire        w_fn_ok  = (waddr_in[31:16] == 16'h1) && ({28'h0, waddr_in[15:12]} < P_NUM_FN);
    wire [3:0]  w_fn     = waddr_in[15:12];
    wire [31:0] w_off    = {20'h0, waddr_in[11:0]};
    wire        w_fdb    = w_fn_ok && w_off == `VIRQ_FN_DB_OFFSET;
    wire        w_fmod   = w_fn_ok && w_off >= `VIRQ_FN_MOD_BASE;
    wire [5:0]  w_fmv    = waddr_in[10:5];
    wire        w_fmv_in = {26'h0, w_fmv} < P_NUM_VEC;
    /* verilator lint_off UNUSEDSIGNAL */  // (bits above ADDR_W: 0)
    wire [31:0] waddr    = w_fdb  ? `VIRQ_EQ_DB_BASE + {26'h0, w_fn, 2'b00} :
                           w_fmod ? `VIRQ_MOD_BASE + (w_off - `VIRQ_FN_MOD_BASE) : waddr_in;

    wire        r_fn_ok  = (raddr_in[31:16] == 16'h1) && ({28'h0, raddr_in[15:12]} < P_NUM_FN);
    wire [3:0]  r_fn     = raddr_in[15:12];
    wire [31:0] r_off    = {20'h0, raddr_in[11:0]};
    wire        r_fdb    = r_fn_ok && r_off == `VIRQ_FN_DB_OFFSET;
    wire        r_fmod   = r_fn_ok && r_off >= `VIRQ_FN_MOD_BASE;
    wire [5:0]  r_fmv    = raddr_in[10:5];
    wire        r_fmv_in = {26'h0, r_fmv} < P_NUM_VEC;
    wire [31:0] raddr    = r_fdb  ? `VIRQ_EQ_DB_BASE + {26'h0, r_fn, 2'b00} :
                           r_fmod ? `VIRQ_MOD_BASE + (r_off - `VIRQ_FN_MOD_BASE) : raddr_in;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [ADDR_W-1:0] reg_waddr_x = waddr[ADDR_W-1:0];
    wire [ADDR_W-1:0] reg_raddr_x = raddr[ADDR_W-1:0];

    // regions of the (translated) address: delivery (its PF registers and
    // the function windows), routing (part of the global block, FUNC, PRS,
    // MVM), event queues, moderation units; the rest of the global block here
    function in_mx;
        input [31:0] a;
        in_mx = a == `VIRQ_VEC_DROP_CNT_OFFSET || a == `VIRQ_LEASE_EXP_CNT_OFFSET ||
                (a >= `VIRQ_FN_CTL_BASE && a < `VIRQ_FN_CTL_BASE + 32'h100) ||
                (a >= `VIRQ_VEC_BASE && a < `VIRQ_VEC_BASE + 32'h200) ||
                (a >= `VIRQ_FN_WIN_BASE && a < `VIRQ_FN_WIN_BASE + 32'h10000);
    endfunction
    function in_route;
        input [31:0] a;
        in_route = (a >= `VIRQ_PARAMS2_OFFSET && a < `VIRQ_RSS_KEY_BASE + 32'd40) ||
                   (a >= `VIRQ_FUNC_BASE && a < `VIRQ_FUNC_BASE + 32'h80) ||
                   (a >= `VIRQ_PRS_BASE && a < `VIRQ_FN_WIN_BASE);
    endfunction
    function in_eq;
        input [31:0] a;
        in_eq = (a >= `VIRQ_EQ_DB_BASE && a < `VIRQ_EQ_DB_BASE + 32'h40) ||
                (a >= `VIRQ_EQ_BASE && a < `VIRQ_PRS_BASE);
    endfunction
    function in_mod;
        input [31:0] a;
        in_mod = (a >= `VIRQ_MOD_BASE) && (a < `VIRQ_FUNC_BASE);
    endfunction
    // The regions of the translated address, computed from the address
    // before the translation beside it (not behind its multiplexer): a
    // translated address lies in the event-queue region (FN_DB: EQ_DB[f],
    // f < NUM_FUNC) or the moderation region (FN_MOD: MOD_BASE + 0x000 to
    // 0x7FF), any other is the address itself, and the window region (where
    // every translated address comes from) is the delivery block's only.
    wire w_mx  = !w_fdb && !w_fmod && in_mx(waddr_in);
    wire r_mx  = !r_fdb && !r_fmod && in_mx(raddr_in);
    wire w_rt  = in_route(waddr_in);
    wire r_rt  = in_route(raddr_in);
    wire w_eq  = w_fdb || in_eq(waddr_in);
    wire r_eq  = r_fdb || in_eq(raddr_in);
    wire w_mod = w_fmod || in_mod(waddr_in);
    wire r_mod = r_fmod || in_mod(raddr_in);
    // TICK_DIV's data check (its response and its write enable below)
    wire w_tick_d = (reg_wdata & ~`VIRQ_TICK_DIV_WMASK) == 32'h0;
    // The global register at a (translated) address, for writes and reads
    // alike (LS_NONE: none); registered with the request.
    localparam [3:0] LS_NONE = 4'd0, LS_ID = 4'd1, LS_VERSION = 4'd2, LS_FEATURES = 4'd3,
                     LS_PARAMS0 = 4'd4, LS_PARAMS1 = 4'd5, LS_EVT_ERR = 4'd6, LS_EQ_OVF = 4'd7,
                     LS_SCRATCH = 4'd8, LS_ERR_CNT = 4'd9, LS_ERR_INFO = 4'd10, LS_TICK_DIV = 4'd11,
                     LS_GEV_LOST = 4'd12;
    function [3:0] gsel_of;
        input [31:0] a;
        case (a)
            `VIRQ_ID_OFFSET:           gsel_of = LS_ID;
            `VIRQ_VERSION_OFFSET:      gsel_of = LS_VERSION;
            `VIRQ_FEATURES_OFFSET:     gsel_of = LS_FEATURES;
            `VIRQ_PARAMS0_OFFSET:      gsel_of = LS_PARAMS0;
            `VIRQ_PARAMS1_OFFSET:      gsel_of = LS_PARAMS1;
            `VIRQ_EVT_ERR_CNT_OFFSET:  gsel_of = LS_EVT_ERR;
            `VIRQ_EQ_OVF_CNT_OFFSET:   gsel_of = LS_EQ_OVF;
            `VIRQ_SCRATCH_OFFSET:      gsel_of = LS_SCRATCH;
            `VIRQ_BUS_ERR_CNT_OFFSET:  gsel_of = LS_ERR_CNT;
            `VIRQ_BUS_ERR_INFO_OFFSET: gsel_of = LS_ERR_INFO;
            `VIRQ_TICK_DIV_OFFSET:     gsel_of = LS_TICK_DIV;
            `VIRQ_GEV_LOST_CNT_OFFSET: gsel_of = LS_GEV_LOST;
            default:                   gsel_of = LS_NONE;
        endcase
    endfunction
    // (no global register is a translation target: the address before it)
    wire [3:0] w_gsel = gsel_of(waddr_in);
    wire [3:0] r_gsel = gsel_of(raddr_in);
    // the regions as the responses order them (delivery, w_mx / r_mx,
    // first; then event queues, routing, moderation): one block per request
    wire w_seq = !w_mx && w_eq, w_srt = !w_mx && !w_eq && w_rt, w_smod = !w_mx && !w_eq && !w_rt && w_mod;
    wire r_seq = !r_mx && r_eq, r_srt = !r_mx && !r_eq && r_rt, r_smod = !r_mx && !r_eq && !r_rt && r_mod;

    // ---- the write request --------------------------------------------------
    // Decoded in the handshake cycle h and registered at the edge ending h:
    // the decision (response, write enables) is made in h + 1 from these
    // registers, so no path runs from the AXI ports through the address
    // translation and the region compares into a block's checks and write
    // enables (docs/registers.md "Bus timing").  virq_msix gets its own
    // copy of the address and the data, loaded only for a request to it (so
    // synthesis keeps it apart and the placer can put it next to the
    // block).  virq_eq, virq_moderation and virq_route take the request of
    // the handshake cycle and register it decoded themselves (register kind
    // or offset, index or unit, data checks).  virq_eq and
    // virq_moderation get the translated address (a window's FN_DB is its
    // EQ_DB[f], its FN_MOD[v] MOD[v]); the route region is never the target
    // of a translation, so for a write or read that reaches it the address
    // before the translation (reg_waddr, reg_raddr) is the translated one.
    reg                wq_v;                  // a write is decided this cycle
    reg                wq_aligned, wq_fmod, wq_fmv_in, wq_fn_ok;
    reg  [3:0]         wq_fn;
    reg  [5:0]         wq_fmv;
    reg  [19:0]        wq_ain;                // its bus address, for BUS_ERR_INFO
    reg                wq_mx, wq_eq, wq_rt, wq_mod, wq_tick_d;
    reg  [3:0]         wq_gsel;
    reg  [ADDR_W-1:0]  mx_wa_q;
    reg  [31:0]        mx_wd_q, g_wd_q;
    wire               w_ok_al = reg_wr && w_aligned;
    always @(posedge clk_i) begin
        if (!rst_g_q)
            wq_v <= 1'b0;
        else
            wq_v <= reg_wr;
        if (reg_wr) begin
            wq_aligned <= w_aligned;
            wq_fmod    <= w_fmod;
            wq_fmv_in  <= w_fmv_in;
            wq_fn_ok   <= w_fn_ok;
            wq_fn      <= w_fn;
            wq_fmv     <= w_fmv;
            wq_ain     <= waddr_in[19:0];
            wq_mx      <= w_mx;
            wq_eq      <= w_seq;
            wq_rt      <= w_srt;
            wq_mod     <= w_smod;
            wq_gsel    <= w_gsel;
            wq_tick_d  <= w_tick_d;
        end
        if (w_ok_al && w_mx) begin
            mx_wa_q <= reg_waddr;   // (the delivery region is never a translation target)
            mx_wd_q <= reg_wdata;
        end
        if (w_ok_al && (w_gsel == LS_SCRATCH || w_gsel == LS_TICK_DIV))
            g_wd_q <= reg_wdata;
    end
    // the decision cycle's ownership check of an FN_MOD[] write: selected
    // at the written vector for the response; per vector for the write
    // enables (w_unit_ok: virq_moderation applies it to the unit the
    // write addresses, so the enables need no selection at the vector;
    // for a direct MOD[] write every unit may be written)
    wire w_fmv_ok = owner_of(vec_owner, wq_fmv) == wq_fn && !w_fmv_bz;
    wire [NUM_VEC-1:0] w_busy_v;       // lease_busy per vector (virq_msix)
    reg  [NUM_VEC-1:0] w_unit_ok;
    integer ku;
    always @*
        for (ku = 0; ku < NUM_VEC; ku = ku + 1)
            w_unit_ok[ku] = !wq_fmod || (vec_owner[4*ku +: 4] == wq_fn && !w_busy_v[ku]);
    wire wd_al    = wq_v && wq_aligned;

    // ---- the read request ---------------------------------------------------
    // Decoded in the handshake cycle r and registered like a write: the
    // read is answered in r + 1 (its answer cycle) from these registers, the
    // blocks' read multiplexers fed by their own copy of the translated
    // address (virq_eq, virq_moderation, virq_route: their own decoded
    // copy, as for a write).
    reg                rq_v;                  // a read is answered this cycle
    reg                rq_aligned, rq_fmod, rq_fmv_in, rq_fn_ok;
    reg  [3:0]         rq_fn, rq_gsel;
    reg  [5:0]         rq_fmv;
    reg  [19:0]        rq_ain;                // its bus address, for BUS_ERR_INFO
    reg                rq_mx, rq_eq, rq_rt, rq_mod;
    reg  [1:0]         rq_cnt;                // {LEASE_EXP_CNT, VEC_DROP_CNT} read
    reg  [ADDR_W-1:0]  mx_ra_q;
    always @(posedge clk_i) begin
        if (!rst_g_q)
            rq_v <= 1'b0;
        else
            rq_v <= reg_rd;
        if (reg_rd) begin
            rq_aligned <= r_aligned;
            rq_fmod    <= r_fmod;
            rq_fmv_in  <= r_fmv_in;
            rq_fn_ok   <= r_fn_ok;
            rq_fn      <= r_fn;
            rq_fmv     <= r_fmv;
            rq_ain     <= raddr_in[19:0];
            rq_mx      <= r_mx;
            rq_eq      <= r_seq;
            rq_rt      <= r_srt;
            rq_mod     <= r_smod;
            rq_gsel    <= r_gsel;
            rq_cnt     <= {raddr_in == `VIRQ_LEASE_EXP_CNT_OFFSET, raddr_in == `VIRQ_VEC_DROP_CNT_OFFSET};
        end
        if (reg_rd && r_mx)
            mx_ra_q <= reg_raddr;
    end
    wire [15:0] tick_div;
    wire        tick, tick_next;
    wire [1:0]  mod_wresp, mod_rresp, eq_wresp, eq_rresp, rt_wresp, rt_rresp, mx_wresp, mx_rresp;
    wire [31:0] mod_rdata, eq_rdata, rt_rdata, mx_rdata, mx_drop_cnt, mx_lexp_cnt;
    wire [31:0] evt_err_cnt, eq_ovf_cnt, gev_lost_cnt;
    localparam [31:0] PARAMS0 = {P_NUM_EQ[15:0], P_NUM_VEC[15:0]};
    localparam [31:0] PARAMS1 = {16'h0, P_MAXL[7:0], P_NUM_FN[7:0]};

    // write response, in the decision cycle (the slave takes it only then)
    always @* begin
        if (!wq_aligned)
            reg_wresp = `VIRQ_RESP_SLVERR;
        else if (wq_fmod && !wq_fmv_in)
            reg_wresp = `VIRQ_RESP_DECERR;
        else if (wq_fmod && !w_fmv_ok)
            reg_wresp = `VIRQ_RESP_SLVERR;  // a vector the function does not own
        else if (wq_mx)
            reg_wresp = mx_wresp;
        else if (wq_eq)
            reg_wresp = eq_wresp;
        else if (wq_rt)
            reg_wresp = rt_wresp;
        else if (wq_mod)
            reg_wresp = mod_wresp;
        else if (wq_gsel == LS_SCRATCH)
            reg_wresp = `VIRQ_RESP_OKAY;
        else if (wq_gsel == LS_TICK_DIV)
            reg_wresp = wq_tick_d ? `VIRQ_RESP_OKAY : `VIRQ_RESP_SLVERR;
        else if (wq_gsel != LS_NONE)
            reg_wresp = `VIRQ_RESP_SLVERR;  // read-only
        else
            reg_wresp = `VIRQ_RESP_DECERR;
    end
    // The global registers' write enables, decided from their own address
    // and data (the same condition under which reg_wresp above is OKAY for
    // them), not from reg_wresp, which is a mux over every block's response
    // and would put the window lease checks in front of the time base.
    wire w_scratch_ok = wd_al && wq_gsel == LS_SCRATCH;
    wire w_tick_ok    = wd_al && wq_gsel == LS_TICK_DIV && wq_tick_d;

    // read response and read data, both in the cycle after the answer
    // cycle c (R three cycles after AR; docs/registers.md "Bus timing"):
    // every source's read value and response, and the choice between them,
    // are registered at the edge ending c, and reg_rdata / reg_rresp select
    // among the registers, so no block's read multiplexer runs into the
    // next one's or into the AXI slave's R register.  The two ownership
    // checks (a window's table read in virq_msix, an FN_MOD[] read here)
    // select the owner of the read vector in c and compare it in c + 1,
    // so the owner multiplexers do not run into the response either.
    localparam [2:0] RS_ZERO = 3'd0, RS_MX = 3'd1, RS_EQ = 3'd2, RS_RT = 3'd3,
                     RS_MOD = 3'd4, RS_LOC = 3'd5, RS_DROP = 3'd6, RS_LEXP = 3'd7;
    reg  [2:0]  rsel;
    reg  [31:0] rloc;   // the global registers' read value
    reg  [1:0]  rresp;  // the response, unless virq_msix's or an FN_MOD[] owner's
    reg         rs_mx;  // virq_msix's response (in c + 1)
    reg         rs_own; // an FN_MOD[] read of a vector in range: its owner decides
    always @* begin
        rsel   = RS_ZERO;
        rloc   = 32'h0;
        rresp  = `VIRQ_RESP_OKAY;
        rs_mx  = 1'b0;
        rs_own = 1'b0;
        if (!rq_aligned)
            rresp = `VIRQ_RESP_SLVERR;
        else if (rq_fmod && !rq_fmv_in)
            rresp = `VIRQ_RESP_DECERR;
        else if (rq_mx) begin
            // VEC_DROP_CNT / LEASE_EXP_CNT: the counter's register holds
            // the value of c in c + 1 (virq_msix); the response is
            // virq_msix's, in c + 1
            rsel  = rq_cnt[0] ? RS_DROP : rq_cnt[1] ? RS_LEXP : RS_MX;
            rs_mx = 1'b1;
        end else if (rq_eq) begin
            rsel  = RS_EQ;
            rresp = eq_rresp;
        end else if (rq_rt) begin
            rsel  = RS_RT;
            rresp = rt_rresp;
        end else if (rq_mod) begin
            rsel   = RS_MOD;
            rresp  = mod_rresp;
            rs_own = rq_fmod;
        end else begin
            rsel = RS_LOC;
            case (rq_gsel)
                LS_ID:       rloc = `VIRQ_ID_RESET;
                LS_VERSION:  rloc = `VIRQ_VERSION_RESET;
                LS_FEATURES: rloc = `VIRQ_FEATURES_RESET;
                LS_PARAMS0:  rloc = PARAMS0;
                LS_PARAMS1:  rloc = PARAMS1;
                LS_EVT_ERR:  rloc = evt_err_cnt;
                LS_EQ_OVF:   rloc = eq_ovf_cnt;
                LS_SCRATCH:  rloc = scratch_q;
                LS_ERR_CNT:  rloc = err_cnt_q;
                LS_ERR_INFO: rloc = err_info_q;
                LS_TICK_DIV: rloc = {16'h0, tick_div};
                LS_GEV_LOST: rloc = gev_lost_cnt;
                default:     rresp = `VIRQ_RESP_DECERR;
            endcase
        end
    end
    reg [2:0]  rsel_q;
    reg [1:0]  rresp_q;
    reg        rmx_q, rfmod_q, rs_v_q;
    reg [3:0]  r_fown_q;   // the owner of the FN_MOD[] read's vector, as of c
    reg [31:0] rd_eq_q, rd_rt_q, rd_mod_q, rd_loc_q;
    always @(posedge clk_i) begin
        // loaded at every edge (the slave takes reg_rdata and reg_rresp
        // only in the cycle after a read's answer cycle); no reset but
        // rs_v_q's: R carries them only after a handshake has loaded them
        rs_v_q   <= rst_g_q && rq_v;
        rsel_q   <= rsel;
        rresp_q  <= rresp;
        rmx_q    <= rs_mx;
        rfmod_q  <= rs_own;
        r_fown_q <= owner_of(vec_owner, rq_fmv);
        rd_eq_q  <= eq_rdata;
        rd_rt_q  <= rt_rdata;
        rd_mod_q <= mod_rdata;
        rd_loc_q <= rloc;
    end
    // c + 1: the FN_MOD[] read is refused if the function did not own the
    // vector in c (data 0)
    wire r_fown_no = rfmod_q && r_fown_q != rq_fn;
    always @* begin
        if (r_fown_no)
            reg_rresp = `VIRQ_RESP_SLVERR;
        else if (rmx_q)
            reg_rresp = mx_rresp;
        else
            reg_rresp = rresp_q;
        case (r_fown_no ? RS_ZERO : rsel_q)
            RS_MX:   reg_rdata = mx_rdata;
            RS_EQ:   reg_rdata = rd_eq_q;
            RS_RT:   reg_rdata = rd_rt_q;
            RS_MOD:  reg_rdata = rd_mod_q;
            RS_LOC:  reg_rdata = rd_loc_q;
            RS_DROP: reg_rdata = mx_drop_cnt;
            RS_LEXP: reg_rdata = mx_lexp_cnt;
            default: reg_rdata = 32'h0;
        endcase
    end

    // error accounting: every refused access is counted (saturating).
    // A write refused in its decision cycle c is registered at the edge
    // ending c (err_w_q), a read refused in its answer cycle c at the edge
    // ending c + 1, when its response is known (err_r_q); both are counted,
    // in BUS_ERR_CNT / BUS_ERR_INFO here and in the function's
    // FN_CTL[f].ERR_CNT in virq_msix, at the edge after, so that the
    // response (which waits for the lease check of a window write) feeds a
    // few flip-flops instead of the 32-bit counters' carry chains.
    // BUS_ERR_INFO keeps the write where a write and a read are refused in
    // the same cycle c (err_rtie_q: the read's information is not taken).
    // No bus read sees the difference: AR waits in a write's decision cycle
    // c, so the next read is answered in c + 2 at the earliest; after a read
    // answered in c R is valid in c + 2 and AR waits until it is taken, so
    // the next read is answered in c + 4 at the earliest
    // (docs/registers.md, "Bus timing").
    wire        w_err = wq_v && (reg_wresp != `VIRQ_RESP_OKAY);
    wire        r_err = rs_v_q && (reg_rresp != `VIRQ_RESP_OKAY);
    reg         err_w_q, err_r_q;          // a write refused in the previous cycle / a read in the one before
    reg         err_rtie_q;                // ... and a write in the same cycle as that read
    reg  [31:0] err_winfo_q, err_rinfo_q;  // its BUS_ERR_INFO value
    reg         err_wfn_q, err_rfn_q;      // ... through function window err_*fn_q
    reg  [3:0]  err_wf_q, err_rf_q;
    wire [32:0] err_sum = {1'b0, err_cnt_q} + {32'h0, err_w_q} + {32'h0, err_r_q};
    always @* begin
        scratch_d  = scratch_q;
        err_cnt_d  = err_sum[32] ? 32'hFFFF_FFFF : err_sum[31:0];
        err_info_d = err_info_q;
        if (w_scratch_ok)
            scratch_d = g_wd_q;
        if (err_w_q)
            err_info_d = err_winfo_q;
        else if (err_r_q && !err_rtie_q)
            err_info_d = err_rinfo_q;
    end

    always @(posedge clk_i) begin
        if (!rst_g_q) begin
            scratch_q   <= `VIRQ_SCRATCH_RESET;
            err_cnt_q   <= 32'h0;
            err_info_q  <= 32'h0;
            err_w_q     <= 1'b0;
            err_r_q     <= 1'b0;
            err_rtie_q  <= 1'b0;
            err_winfo_q <= 32'h0;
            err_rinfo_q <= 32'h0;
            err_wfn_q   <= 1'b0;
            err_rfn_q   <= 1'b0;
            err_wf_q    <= 4'h0;
            err_rf_q    <= 4'h0;
        end else begin
            scratch_q   <= scratch_d;
            err_cnt_q   <= err_cnt_d;
            err_info_q  <= err_info_d;
            err_w_q     <= w_err;
            err_r_q     <= r_err;
            err_rtie_q  <= err_w_q;
            err_winfo_q <= {1'b1, 1'b0, reg_wresp, 8'h0, wq_ain};
            err_rinfo_q <= {1'b0, 1'b0, reg_rresp, 8'h0, rq_ain};
            err_wfn_q   <= w_err && wq_fn_ok;
            err_rfn_q   <= r_err && rq_fn_ok;
            err_wf_q    <= wq_fn;
            err_rf_q    <= rq_fn;
        end
    end

    // ---- time base and moderation -----------------------------------------
    virq_tick #(
        .DIV_W (16)
    ) u_tick (
        .clk_i   (clk_i),
        .rst_ni  (rst_g_q),
        .wr_i    (w_tick_ok),
        .wdata_i (g_wd_q[15:0]),
        .div_o       (tick_div),
        .tick_o      (tick),
        .tick_next_o (tick_next)
    );

    wire [NUM_VEC-1:0] eq_mod_evt, mod_fire, vec_irq;
    assign guest_irq_o = vec_irq;

    // The crossings between virq_eq and the units go through registers in
    // both directions, so no path runs from one block's state through the
    // other's decisions in one cycle (the engine's worst routed paths,
    // design.md items 44 and 47):
    // - virq_eq's signal to the units ("an armed queue of vector v holds
    //   unread entries", masked in the cycles its firing is applied) is
    //   registered (eq_evt_q): the units see it one cycle later;
    // - the units' fire reaches virq_eq registered (mod_fire_q): a unit
    //   that fires in f disarms its queues, and makes their signalling
    //   write-back due, at the edge ending f + 1, the cycle its interrupt
    //   is on guest_irq_o / wake_irq_o.
    // The units therefore take the registered signal masked with their
    // fire of this cycle and of the one before: in f the bit comes from
    // f - 1 and in f + 1 from f, both from queues that the firing
    // disarms (or that no longer wait) (docs/eq.md "Timing").  evt_i, the
    // engine's per-vector strobe input, reaches the units unregistered.
    reg  [NUM_VEC-1:0] eq_evt_q, mod_fire_q;
    always @(posedge clk_i) begin
        if (!rst_mod_q) begin
            eq_evt_q   <= {NUM_VEC{1'b0}};
            mod_fire_q <= {NUM_VEC{1'b0}};
        end else begin
            eq_evt_q   <= eq_mod_evt;
            mod_fire_q <= mod_fire;
        end
    end

    virq_moderation #(
        .NUM_VEC (NUM_VEC),
        .ADDR_W  (ADDR_W)
    ) u_mod (
        .clk_i       (clk_i),
        .rst_ni      (rst_mod_q),
        .tick_i      (tick),
        .evt_i       (evt_i | (eq_evt_q & ~mod_fire & ~mod_fire_q)),
        .guest_irq_o (vec_irq),
        .wake_irq_o  (wake_irq_o),
        .fire_o      (mod_fire),
        .wr_en_i     (wd_al && wq_mod),
        .wr_unit_ok_i(w_unit_ok),
        .wr_addr_i   (reg_waddr_x),
        .wr_data_i   (reg_wdata),
        .wr_resp_o   (mod_wresp),
        .rd_addr_i   (reg_raddr_x),
        .rd_data_o   (mod_rdata),
        .rd_resp_o   (mod_rresp)
    );

    // ---- event routing ---------------------------------------------------------
    wire        rt_valid, rt_ready, rt_sys, rt_setvec, rt_legacy;
    wire        lev_valid, lev_ready;   // lease-expired events, virq_msix -> virq_route
    wire [23:0] lev_param;
    wire [3:0]  rt_func;
    wire [7:0]  rt_eq, rt_code, rt_cpu;
    wire [NUM_EQ-1:0] rt_eq_oh;
    wire [23:0] rt_param;
    wire [5:0]  rt_vec;
    wire [2:0]  rt_htype;
    wire [31:0] rt_hash;
    wire        rt_s_ready;
    assign s_evt_ready_o = rt_s_ready && rst_rt_q;   // no event taken in a reset cycle

    virq_route #(
        .NUM_FUNC (NUM_FUNC),
        .NUM_EQ   (NUM_EQ),
        .NUM_VEC  (NUM_VEC),
        .NUM_PRS  (NUM_PRS),
        .NUM_CPU  (NUM_CPU),
        .ADDR_W   (ADDR_W)
    ) u_route (
        .clk_i      (clk_i),
        .rst_ni     (rst_rt_q),
        .s_valid_i  (s_evt_valid_i),
        .s_ready_o  (rt_s_ready),
        .s_func_i   (s_evt_func_i),
        .s_eq_i     (s_evt_eq_i),
        .s_code_i   (s_evt_code_i),
        .s_param_i  (s_evt_param_i),
        .s_htype_i  (s_evt_htype_i),
        .s_tuple_i  (s_evt_tuple_i),
        .gev_i      (gev_i),
        .gev_lost_o (gev_lost_cnt),
        .lev_valid_i (lev_valid),
        .lev_ready_o (lev_ready),
        .lev_param_i (lev_param),
        .m_valid_o  (rt_valid),
        .m_ready_i  (rt_ready),
        .m_func_o   (rt_func),
        .m_eq_o     (rt_eq),
        .m_eq_oh_o  (rt_eq_oh),
        .m_code_o   (rt_code),
        .m_param_o  (rt_param),
        .m_sys_o    (rt_sys),
        .m_setvec_o (rt_setvec),
        .m_vec_o    (rt_vec),
        .m_legacy_o (rt_legacy),
        .m_htype_o  (rt_htype),
        .m_hash_o   (rt_hash),
        .m_cpu_o    (rt_cpu),
        .wr_en_i    (wd_al && wq_rt),
        .wr_addr_i  (reg_waddr),
        .wr_data_i  (reg_wdata),
        .wr_resp_o  (rt_wresp),
        .rd_addr_i  (reg_raddr),
        .rd_data_o  (rt_rdata),
        .rd_resp_o  (rt_rresp)
    );
    // the hash type, hash and processor travel with the event to here; the
    // entry format has no room for them (a NIC would put them in its
    // receive descriptor)
    /* verilator lint_off UNUSEDSIGNAL */
    wire unused_rt = &{1'b0, rt_htype, rt_hash, rt_cpu};
    /* verilator lint_on UNUSEDSIGNAL */

    wire [NUM_FUNC-1:0] eq_intx;
    wire                eq_dma_valid, mx_msi_valid;

    virq_eq #(
        .NUM_EQ      (NUM_EQ),
        .NUM_FUNC    (NUM_FUNC),
        .NUM_VEC     (NUM_VEC),
        .EQ_MAX_LOG2 (EQ_MAX_LOG2),
        .ADDR_W      (ADDR_W)
    ) u_eq (
        .clk_i         (clk_i),
        .rst_ni        (rst_eq_q),
        .evt_valid_i   (rt_valid),
        .evt_ready_o   (rt_ready),
        .evt_func_i    (rt_func),
        .evt_eq_i      (rt_eq),
        .evt_eq_oh_i   (rt_eq_oh),
        .evt_code_i    (rt_code),
        .evt_param_i   (rt_param),
        .evt_sys_i     (rt_sys),
        .evt_setvec_i  (rt_setvec),
        .evt_vec_i     (rt_vec),
        .evt_legacy_i  (rt_legacy),
        .dma_valid_o   (eq_dma_valid),
        .dma_ready_i   (m_dma_ready_i),
        .dma_addr_o    (m_dma_addr_o),
        .dma_data_o    (m_dma_data_o),
        .dma_func_o    (m_dma_func_o),
        .mod_evt_o     (eq_mod_evt),
        .mod_fire_i    (mod_fire_q),
        .intx_o        (eq_intx),
        .evt_err_cnt_o (evt_err_cnt),
        .ovf_cnt_o     (eq_ovf_cnt),
        .wr_en_i       (wd_al && wq_eq),
        .wr_addr_i     (reg_waddr_x),
        .wr_data_i     (reg_wdata),
        .wr_resp_o     (eq_wresp),
        .rd_addr_i     (reg_raddr_x),
        .rd_data_o     (eq_rdata),
        .rd_resp_o     (eq_rresp)
    );

    assign m_dma_valid_o = eq_dma_valid && rst_ni && rst_eq_q;   // see s_axil_bvalid_o

    // ---- interrupt delivery -----------------------------------------------------------
    virq_msix #(
        .NUM_VEC  (NUM_VEC),
        .NUM_FUNC (NUM_FUNC),
        .ADDR_W   (ADDR_W)
    ) u_msix (
        .clk_i       (clk_i),
        .rst_ni      (rst_mx_q),
        .tick_i      (tick),
        .tick_next_i (tick_next),
        .irq_i       (vec_irq),
        .leg_i       (eq_intx),
        .m_valid_o   (mx_msi_valid),
        .m_ready_i   (m_msi_ready_i),
        .m_addr_o    (m_msi_addr_o),
        .m_data_o    (m_msi_data_o),
        .m_func_o    (m_msi_func_o),
        .m_vec_o     (m_msi_vec_o),
        .intx_o      (intx_o),
        .lev_valid_o (lev_valid),
        .lev_ready_i (lev_ready),
        .lev_param_o (lev_param),
        .owner_o     (vec_owner),
        .fmv_i       (wq_fmv),
        .fmv_busy_o  (w_fmv_bz),
        .busy_v_o    (w_busy_v),
        .werr_i      (err_wfn_q),
        .werr_fn_i   (err_wf_q),
        .rerr_i      (err_rfn_q),
        .rerr_fn_i   (err_rf_q),
        .wr_en_i     (wd_al && wq_mx),
        .wr_addr_i   (mx_wa_q),
        .wr_data_i   (mx_wd_q),
        .wr_resp_o   (mx_wresp),
        .rd_addr_i   (mx_ra_q),
        .rd_data_o   (mx_rdata),
        .rd_resp_o   (mx_rresp),
        .drop_cnt_o  (mx_drop_cnt),
        .lexp_cnt_o  (mx_lexp_cnt)
    );

    assign m_msi_valid_o = mx_msi_valid && rst_ni && rst_mx_q;   // see s_axil_bvalid_o

endmodule

`default_nettype wire
