// virq_top_glue: formal-only wrapper around virq_top for formal/virq_top.sby,
// the proof of virq_top's own glue (formal/README.md, "virq_top").
//
// The wrapper has virq_top's ports and passes them through; the properties
// below speak of those ports and of the ports of virq_top's sub-blocks.
// virq_top.v itself is not changed.  The big sub-blocks are the stand-ins
// of formal/stubs/ (outputs free, only the contract facts the glue relies
// on assumed, each asserted by that block's own proof); virq_axil_slave and
// virq_tick are the real ones, with their own formal sections.
//
// The f_sb_* wires are the sub-blocks' ports inside virq_top.  Verilog gives
// the wrapper no way to name them (Yosys reads no hierarchical reference),
// so they have no driver here: virq_top.sby connects each one after
// `flatten` (`connect -set f_sb_... u_top.<instance>.<port>`), and a name
// that does not exist there stops Yosys with an error.  Read without that
// script they are free inputs, and the assertions fail rather than pass.
//
// The rules are stated from the register map and the documents by
// arithmetic on the bus address (window = (a - FN_WIN_BASE) / FN_WIN_STRIDE,
// offset = the remainder, vector = (offset - FN_MOD_BASE) / FN_MOD_STRIDE),
// not with virq_top's bit slices and compares.
`default_nettype none
`include "virq_regs.vh"

module virq_top_glue #(
    parameter integer NUM_VEC     = 3,
    parameter integer NUM_EQ      = 3,
    parameter integer NUM_FUNC    = 3,
    parameter integer EQ_MAX_LOG2 = 2,
    parameter integer ADDR_W      = 18,
    parameter integer NUM_PRS     = 6,
    parameter integer NUM_CPU     = 3
) (
    input  wire               clk_i,
    input  wire               rst_ni,
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
    input  wire               s_evt_valid_i,
    output wire               s_evt_ready_o,
    input  wire [3:0]         s_evt_func_i,
    input  wire [7:0]         s_evt_eq_i,
    input  wire [7:0]         s_evt_code_i,
    input  wire [23:0]        s_evt_param_i,
    input  wire [2:0]         s_evt_htype_i,
    input  wire [287:0]       s_evt_tuple_i,
    input  wire [3:0]         gev_i,
    output wire               m_dma_valid_o,
    input  wire               m_dma_ready_i,
    output wire [63:0]        m_dma_addr_o,
    output wire [31:0]        m_dma_data_o,
    input  wire [NUM_VEC-1:0] evt_i,
    output wire [NUM_VEC-1:0] guest_irq_o,
    output wire [NUM_VEC-1:0] wake_irq_o,
    output wire               m_msi_valid_o,
    input  wire               m_msi_ready_i,
    output wire [63:0]        m_msi_addr_o,
    output wire [31:0]        m_msi_data_o,
    output wire [3:0]         m_msi_func_o,
    output wire [5:0]         m_msi_vec_o,
    output wire               intx_o
);

    virq_top #(
        .NUM_VEC     (NUM_VEC),
        .NUM_EQ      (NUM_EQ),
        .NUM_FUNC    (NUM_FUNC),
        .EQ_MAX_LOG2 (EQ_MAX_LOG2),
        .ADDR_W      (ADDR_W),
        .NUM_PRS     (NUM_PRS),
        .NUM_CPU     (NUM_CPU)
    ) u_top (
        .clk_i            (clk_i),
        .rst_ni           (rst_ni),
        .s_axil_awaddr_i  (s_axil_awaddr_i),
        .s_axil_awvalid_i (s_axil_awvalid_i),
        .s_axil_awready_o (s_axil_awready_o),
        .s_axil_wdata_i   (s_axil_wdata_i),
        .s_axil_wstrb_i   (s_axil_wstrb_i),
        .s_axil_wvalid_i  (s_axil_wvalid_i),
        .s_axil_wready_o  (s_axil_wready_o),
        .s_axil_bresp_o   (s_axil_bresp_o),
        .s_axil_bvalid_o  (s_axil_bvalid_o),
        .s_axil_bready_i  (s_axil_bready_i),
        .s_axil_araddr_i  (s_axil_araddr_i),
        .s_axil_arvalid_i (s_axil_arvalid_i),
        .s_axil_arready_o (s_axil_arready_o),
        .s_axil_rdata_o   (s_axil_rdata_o),
        .s_axil_rresp_o   (s_axil_rresp_o),
        .s_axil_rvalid_o  (s_axil_rvalid_o),
        .s_axil_rready_i  (s_axil_rready_i),
        .s_evt_valid_i    (s_evt_valid_i),
        .s_evt_ready_o    (s_evt_ready_o),
        .s_evt_func_i     (s_evt_func_i),
        .s_evt_eq_i       (s_evt_eq_i),
        .s_evt_code_i     (s_evt_code_i),
        .s_evt_param_i    (s_evt_param_i),
        .s_evt_htype_i    (s_evt_htype_i),
        .s_evt_tuple_i    (s_evt_tuple_i),
        .gev_i            (gev_i),
        .m_dma_valid_o    (m_dma_valid_o),
        .m_dma_ready_i    (m_dma_ready_i),
        .m_dma_addr_o     (m_dma_addr_o),
        .m_dma_data_o     (m_dma_data_o),
        .evt_i            (evt_i),
        .guest_irq_o      (guest_irq_o),
        .wake_irq_o       (wake_irq_o),
        .m_msi_valid_o    (m_msi_valid_o),
        .m_msi_ready_i    (m_msi_ready_i),
        .m_msi_addr_o     (m_msi_addr_o),
        .m_msi_data_o     (m_msi_data_o),
        .m_msi_func_o     (m_msi_func_o),
        .m_msi_vec_o      (m_msi_vec_o),
        .intx_o           (intx_o)
    );

    // ---- the sub-blocks' ports (connected by virq_top.sby, see above) ------
    // reset inputs
    wire                 f_sb_ax_rst, f_sb_tk_rst, f_sb_mod_rst, f_sb_rt_rst, f_sb_eq_rst, f_sb_mx_rst;
    // virq_axil_slave's handshake outputs (before virq_top's reset gates)
    wire                 f_sb_ax_awready, f_sb_ax_wready, f_sb_ax_arready, f_sb_ax_bvalid, f_sb_ax_rvalid;
    // virq_route
    wire                 f_sb_rt_sready, f_sb_rt_wen;
    // virq_moderation
    wire [NUM_VEC-1:0]   f_sb_mod_evt, f_sb_mod_guest, f_sb_mod_wake, f_sb_mod_fire, f_sb_mod_wok;
    wire                 f_sb_mod_wen;
    wire [ADDR_W-1:0]    f_sb_mod_wa, f_sb_mod_ra;
    wire [31:0]          f_sb_mod_wd, f_sb_mod_rdata;
    wire [1:0]           f_sb_mod_wresp, f_sb_mod_rresp;
    // virq_eq
    wire [NUM_VEC-1:0]   f_sb_eq_mevt, f_sb_eq_fire;
    wire [NUM_FUNC-1:0]  f_sb_eq_intx;
    wire                 f_sb_eq_dma_valid, f_sb_eq_wen;
    wire [ADDR_W-1:0]    f_sb_eq_wa, f_sb_eq_ra;
    wire [31:0]          f_sb_eq_wd, f_sb_eq_rdata;
    wire [1:0]           f_sb_eq_wresp, f_sb_eq_rresp;
    // virq_msix
    wire [NUM_VEC-1:0]   f_sb_mx_irq, f_sb_mx_busy;
    wire [NUM_FUNC-1:0]  f_sb_mx_leg;
    wire                 f_sb_mx_intx, f_sb_mx_m_valid, f_sb_mx_wen;
    wire [4*NUM_VEC-1:0] f_sb_mx_owner;

    // ---- environment ---------------------------------------------------------
    // reset in the first cycle (every block's proof starts from reset; the
    // AXI master's rules come with virq_axil_slave's formal section)
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk_i)
        f_past_valid <= 1'b1;
    always @(*)
        if (!f_past_valid)
            assume(!rst_ni);

    (* anyconst *) reg [5:0] f_u;   // the moderation unit (vector) looked at
    always @(*)
        assume({26'h0, f_u} < NUM_VEC);

    // ---- the register map, by arithmetic --------------------------------------
    localparam [31:0] F_WIN_END = `VIRQ_FN_WIN_BASE + NUM_FUNC * `VIRQ_FN_WIN_STRIDE;
    // a is in the window of a function the instance has
    function f_in_win;
        input [31:0] a;
        f_in_win = a >= `VIRQ_FN_WIN_BASE && a < F_WIN_END;
    endfunction
    function [31:0] f_fn_of;      // its function
        input [31:0] a;
        f_fn_of = (a - `VIRQ_FN_WIN_BASE) / `VIRQ_FN_WIN_STRIDE;
    endfunction
    function [31:0] f_off_of;     // its offset in the window
        input [31:0] a;
        f_off_of = (a - `VIRQ_FN_WIN_BASE) % `VIRQ_FN_WIN_STRIDE;
    endfunction
    // FN_MOD[v]: window offsets FN_MOD_BASE .. the window's end, v = the
    // stride index (v >= NUM_VEC maps no register)
    function [31:0] f_fmv_of;
        input [31:0] a;
        f_fmv_of = (f_off_of(a) - `VIRQ_FN_MOD_BASE) / `VIRQ_FN_MOD_STRIDE;
    endfunction
    // the same register of MOD[v] in the PF window
    function [31:0] f_mod_of;
        input [31:0] a;
        f_mod_of = `VIRQ_MOD_BASE + (f_off_of(a) - `VIRQ_FN_MOD_BASE);
    endfunction
    // is a inside MOD[u] (PF window)?
    function f_hit;
        input [31:0] a;
        input [5:0]  u;
        f_hit = a >= `VIRQ_MOD_BASE + {26'h0, u} * `VIRQ_MOD_STRIDE &&
                a <  `VIRQ_MOD_BASE + ({26'h0, u} + 32'd1) * `VIRQ_MOD_STRIDE;
    endfunction
    // owner and lease state of vector v, as virq_msix shows them this cycle
    function [3:0] f_own_of;
        input [4*NUM_VEC-1:0] o;
        input [31:0] v;
        integer k;
        begin
            f_own_of = 4'h0;
            for (k = 0; k < NUM_VEC; k = k + 1)
                if (v == k)
                    f_own_of = o[4*k +: 4];
        end
    endfunction
    function f_bit_of;
        input [NUM_VEC-1:0] b;
        input [31:0] v;
        integer k;
        begin
            f_bit_of = 1'b0;
            for (k = 0; k < NUM_VEC; k = k + 1)
                if (v == k)
                    f_bit_of = b[k];
        end
    endfunction

    // ---- the write on the bus, in its decision cycle ------------------------
    // f_wdec: an AW+W handshake on virq_top's ports in the previous cycle,
    // so this is its decision cycle w (docs/registers.md "Bus timing");
    // f_wa / f_wd / f_ws its address, data and strobes.
    wire f_aw_hs = s_axil_awvalid_i && s_axil_awready_o && s_axil_wvalid_i && s_axil_wready_o;
    wire f_ar_hs = s_axil_arvalid_i && s_axil_arready_o;
    reg         f_wdec = 1'b0, f_rans = 1'b0;
    reg  [31:0] f_wa, f_wd, f_ra;
    reg  [3:0]  f_ws;
    // what the blocks took in the handshake cycle (they register it)
    reg  [31:0] f_mod_wa_h, f_mod_wd_h, f_eq_wa_h, f_eq_wd_h, f_mod_ra_h, f_eq_ra_h;
    always @(posedge clk_i) begin
        f_wdec     <= f_aw_hs;
        f_wa       <= {{(32-ADDR_W){1'b0}}, s_axil_awaddr_i};
        f_wd       <= s_axil_wdata_i;
        f_ws       <= s_axil_wstrb_i;
        f_rans     <= f_ar_hs;
        f_ra       <= {{(32-ADDR_W){1'b0}}, s_axil_araddr_i};
        f_mod_wa_h <= {{(32-ADDR_W){1'b0}}, f_sb_mod_wa};
        f_mod_wd_h <= f_sb_mod_wd;
        f_eq_wa_h  <= {{(32-ADDR_W){1'b0}}, f_sb_eq_wa};
        f_eq_wd_h  <= f_sb_eq_wd;
        f_mod_ra_h <= {{(32-ADDR_W){1'b0}}, f_sb_mod_ra};
        f_eq_ra_h  <= {{(32-ADDR_W){1'b0}}, f_sb_eq_ra};
    end

    wire        f_w_al   = f_wa[1:0] == 2'b00 && f_ws == 4'hF;   // 32 bits, aligned
    wire [31:0] f_w_fn   = f_fn_of(f_wa);
    wire        f_w_fdb  = f_in_win(f_wa) && f_off_of(f_wa) == `VIRQ_FN_DB_OFFSET;
    wire        f_w_fmod = f_in_win(f_wa) && f_off_of(f_wa) >= `VIRQ_FN_MOD_BASE;
    wire [31:0] f_w_fv   = f_fmv_of(f_wa);
    wire        f_w_fvin = f_w_fv < NUM_VEC;
    // the window's function owns the vector, and its lease ends neither at
    // the edge ending w nor at the next (virq_msix's lease_busy of it)
    wire        f_w_own  = {28'h0, f_own_of(f_sb_mx_owner, f_w_fv)} == f_w_fn;
    wire        f_w_busy = f_bit_of(f_sb_mx_busy, f_w_fv);
    // EQ_DB[f], the doorbell register of the window's function
    wire [31:0] f_w_db   = `VIRQ_EQ_DB_BASE + f_w_fn * `VIRQ_EQ_DB_STRIDE;

    // the write's response (docs/registers.md: access rules, FN_MOD[],
    // FN_DB, "Bus timing"), for the window's FN_DB and FN_MOD[] offsets
    wire [1:0] f_w_exp =
        !f_w_al                ? `VIRQ_RESP_SLVERR :
        f_w_fdb                ? f_sb_eq_wresp     :   // EQ_DB[f]'s own response
        !f_w_fvin              ? `VIRQ_RESP_DECERR :   // FN_MOD[v], v >= NUM_VEC: no register
        (!f_w_own || f_w_busy) ? `VIRQ_RESP_SLVERR :   // not the owner, or its lease ends
                                 f_sb_mod_wresp;       // MOD[v]'s own response

    // a write that virq_moderation applies to unit f_u: decided now
    // (wr_en_i) and allowed for the unit (wr_unit_ok_i), with an address
    // of the handshake cycle inside MOD[f_u] (virq_moderation.sby property
    // 2: the unit's strobes are exactly this, with an OKAY response)
    wire f_reach_u = f_sb_mod_wen && f_sb_mod_wok[f_u] && f_hit(f_mod_wa_h, f_u);

    // ---- the read on the bus, in its answer cycle ----------------------------
    wire        f_r_al   = f_ra[1:0] == 2'b00;
    wire [31:0] f_r_fn   = f_fn_of(f_ra);
    wire        f_r_fdb  = f_in_win(f_ra) && f_off_of(f_ra) == `VIRQ_FN_DB_OFFSET;
    wire        f_r_fmod = f_in_win(f_ra) && f_off_of(f_ra) >= `VIRQ_FN_MOD_BASE;
    wire [31:0] f_r_fv   = f_fmv_of(f_ra);
    wire        f_r_own  = {28'h0, f_own_of(f_sb_mx_owner, f_r_fv)} == f_r_fn;
    // the read's response and data, from the blocks' answers of the answer
    // cycle; R carries them two cycles later (docs/registers.md "Bus timing")
    reg  [1:0]  f_r_exp;
    reg  [31:0] f_r_dexp;
    reg         f_r_dchk;   // the data is checked too
    always @(*) begin
        f_r_dchk = 1'b1;
        f_r_dexp = 32'h0;
        if (!f_r_al) begin
            f_r_exp  = `VIRQ_RESP_SLVERR;
            f_r_dchk = 1'b0;
        end else if (f_r_fdb) begin
            f_r_exp  = f_sb_eq_rresp;
            f_r_dexp = f_sb_eq_rdata;
        end else if (f_r_fv >= NUM_VEC) begin
            f_r_exp  = `VIRQ_RESP_DECERR;              // no register: data 0
        end else if (!f_r_own) begin
            f_r_exp  = `VIRQ_RESP_SLVERR;              // not the owner: data 0
        end else begin
            f_r_exp  = f_sb_mod_rresp;
            f_r_dexp = f_sb_mod_rdata;
        end
    end
    reg        f_rchk1 = 1'b0, f_rchk2 = 1'b0, f_rdc1, f_rdc2;
    reg [1:0]  f_rexp1, f_rexp2;
    reg [31:0] f_rdexp1, f_rdexp2;
    reg        f_bchk = 1'b0;
    reg [1:0]  f_bexp;
    always @(posedge clk_i) begin
        f_rchk1  <= f_rans && (f_r_fdb || f_r_fmod);
        f_rexp1  <= f_r_exp;
        f_rdexp1 <= f_r_dexp;
        f_rdc1   <= f_r_dchk;
        f_rchk2  <= f_rchk1;
        f_rexp2  <= f_rexp1;
        f_rdexp2 <= f_rdexp1;
        f_rdc2   <= f_rdc1;
        f_bchk   <= f_wdec && (f_w_fdb || f_w_fmod);
        f_bexp   <= f_w_exp;
    end

    // ---- the units' event input -------------------------------------------
    // virq_eq's signal of the previous cycle (0 after a reset cycle of the
    // moderation side, which holds the register)
    reg [NUM_VEC-1:0] f_eqp = {NUM_VEC{1'b0}};
    always @(posedge clk_i)
        f_eqp <= f_sb_mod_rst ? f_sb_eq_mevt : {NUM_VEC{1'b0}};

    // ---- properties ---------------------------------------------------------
    // (labels as in formal/README.md, "virq_top")
    always @(*)
        if (f_past_valid) begin
            // (C1) FN_MOD[] ownership and lease gating, and MOD[]: a write
            //      reaches unit f_u exactly when it is a decided, aligned
            //      write to MOD[f_u] in the PF window, or to FN_MOD[f_u] in
            //      the window of the function that owns f_u now (cycle w)
            //      and whose lease ends neither at the edge ending w nor at
            //      the next (docs/registers.md FN_MOD[] and "Bus timing",
            //      docs/msix.md, docs/moderation.md "Register timing")
            assert(f_reach_u == (f_wdec && f_w_al &&
                                 (f_hit(f_wa, f_u) ||
                                  (f_w_fmod && f_w_fv == {26'h0, f_u} && f_w_own && !f_w_busy))));
            // (C2) every write virq_moderation decides is the bus's write,
            //      its address translated from FN_MOD[v] to MOD[v] (same
            //      register), else unchanged, and its data
            if (f_sb_mod_wen)
                assert(f_wdec && f_w_al && f_mod_wd_h == f_wd &&
                       f_mod_wa_h == (f_w_fmod ? f_mod_of(f_wa) : f_wa));
            // (D1) FN_DB of window f is EQ_DB[f]: such a write goes to
            //      virq_eq, at EQ_DB[f], with its data, and to no other block
            if (f_wdec && f_w_al && f_w_fdb)
                assert(f_sb_eq_wen && f_eq_wa_h == f_w_db && f_eq_wd_h == f_wd &&
                       !f_sb_mod_wen && !f_sb_rt_wen && !f_sb_mx_wen);
            // (D2) every write virq_eq decides is the bus's write, its
            //      address unchanged but for FN_DB -> EQ_DB[f] of the
            //      window's own function (no window reaches another
            //      function's doorbell), and its data
            if (f_sb_eq_wen)
                assert(f_wdec && f_w_al && f_eq_wd_h == f_wd &&
                       f_eq_wa_h == (f_w_fdb ? f_w_db : f_wa));
            // (B1) one block per write: at most one write enable
            assert($onehot0({f_sb_eq_wen, f_sb_mod_wen, f_sb_rt_wen, f_sb_mx_wen}));
            // (C3) a window FN_MOD[v] read reaches virq_moderation (in its
            //      handshake cycle) as MOD[v], the same register
            if (f_rans && f_r_fmod)
                assert(f_mod_ra_h == f_mod_of(f_ra));
            // (D3) a window FN_DB read reaches virq_eq as EQ_DB[f]
            if (f_rans && f_r_fdb)
                assert(f_eq_ra_h == `VIRQ_EQ_DB_BASE + f_r_fn * `VIRQ_EQ_DB_STRIDE);
            // (C4) the B response of a window FN_MOD[] or FN_DB write: B
            //      is valid from w + 1 with the response of w (f_w_exp)
            if (f_bchk && s_axil_bvalid_o)
                assert(s_axil_bresp_o == f_bexp);
            // (C5) the R response of a window FN_MOD[] or FN_DB read: R is
            //      valid from a + 2 with what was decided from the answer
            //      cycle a (FN_MOD[]: the owner in a; f_r_exp)
            if (f_rchk2 && s_axil_rvalid_o)
                assert(s_axil_rresp_o == f_rexp2);
            // (C6) ... and its data: 0 for a vector the function does not
            //      own (nothing of another function's unit leaks) or one
            //      the instance lacks, else the block's answer of a
            if (f_rchk2 && s_axil_rvalid_o && f_rdc2)
                assert(s_axil_rdata_o == f_rdexp2);
            // (E1) the units' event input: the per-vector strobe evt_i as
            //      it comes, OR virq_eq's signal of the previous cycle,
            //      which is masked in the cycle f a unit fires and in f + 1,
            //      the cycle its interrupt is on guest_irq_o / wake_irq_o
            //      (docs/eq.md, "State machine" and the signal paragraph)
            assert(f_sb_mod_evt == (evt_i | (f_eqp & ~f_sb_mod_fire & ~(f_sb_mod_guest | f_sb_mod_wake))));
            // (E2) virq_eq is told of a unit's firing (mod_fire_i) in the
            //      cycle its interrupt is on guest_irq_o / wake_irq_o
            assert(f_sb_eq_fire == (f_sb_mod_guest | f_sb_mod_wake));
        end

    always @(*) begin
        // (E3) the units' interrupts reach the ports and virq_msix
        //      unchanged, in their own cycle
        assert(f_sb_mx_irq == f_sb_mod_guest && guest_irq_o == f_sb_mod_guest &&
               wake_irq_o == f_sb_mod_wake);
        // (E4) virq_eq's legacy level reaches virq_msix, and virq_msix's
        //      INTx line the port, unchanged
        assert(f_sb_mx_leg == f_sb_eq_intx && intx_o == f_sb_mx_intx);
        // (A4) no valid while rst_ni is low (docs/design.md "Reset")
        if (!rst_ni)
            assert(!s_axil_bvalid_o && !s_axil_rvalid_o && !m_dma_valid_o && !m_msi_valid_o);
    end

    always @(posedge clk_i)
        if (f_past_valid) begin
            // (A1) rst_ni is registered once: every block is in reset in
            //      the cycle after rst_ni is low, and only then
            assert({f_sb_ax_rst, f_sb_tk_rst, f_sb_mod_rst, f_sb_rt_rst, f_sb_eq_rst, f_sb_mx_rst} ==
                   {6{$past(rst_ni)}});
            // (A2) in a cycle whose edge resets the engine the input
            //      handshakes are held off
            if (!$past(rst_ni))
                assert(!s_axil_awready_o && !s_axil_wready_o && !s_axil_arready_o && !s_evt_ready_o);
            // (A3) in other cycles they are the blocks' own
            if ($past(rst_ni))
                assert(s_axil_awready_o == f_sb_ax_awready && s_axil_wready_o == f_sb_ax_wready &&
                       s_axil_arready_o == f_sb_ax_arready && s_evt_ready_o == f_sb_rt_sready);
            // (A5) no valid in the cycle after rst_ni is low either
            if (!$past(rst_ni))
                assert(!s_axil_bvalid_o && !s_axil_rvalid_o && !m_dma_valid_o && !m_msi_valid_o);
            // (A6) in every other cycle each valid is its block's
            if ($past(rst_ni) && rst_ni)
                assert(s_axil_bvalid_o == f_sb_ax_bvalid && s_axil_rvalid_o == f_sb_ax_rvalid &&
                       m_dma_valid_o == f_sb_eq_dma_valid && m_msi_valid_o == f_sb_mx_m_valid);
        end

    // ---- covers -----------------------------------------------------------------
    reg f_c_busy = 1'b0, f_c_nown = 1'b0, f_c_ok = 1'b0, f_c_rnown = 1'b0, f_c_rnown2 = 1'b0;
    reg f_c_rst1 = 1'b0, f_c_rst2 = 1'b0, f_c_req = 1'b0;
    always @(posedge clk_i) begin
        // the owner's window write, refused because the lease ends
        f_c_busy   <= f_wdec && f_w_al && f_w_fmod && f_w_fvin && f_w_own && f_w_busy;
        // a window write to a vector another function owns
        f_c_nown   <= f_wdec && f_w_al && f_w_fmod && f_w_fvin && !f_w_own;
        // a window write through function 2's window that reaches f_u
        f_c_ok     <= f_reach_u && f_w_fmod && f_w_fn == 32'd2;
        // a window read of a vector another function owns
        f_c_rnown  <= f_rans && f_r_al && f_r_fmod && f_r_fv < NUM_VEC && !f_r_own;
        f_c_rnown2 <= f_c_rnown;
        f_c_rst1   <= !rst_ni;
        f_c_rst2   <= f_c_rst1;
        // a write offered in the engine's reset cycle
        f_c_req    <= f_c_rst1 && s_axil_awvalid_i && s_axil_wvalid_i;
    end
    always @(*)
        if (f_past_valid) begin
            cover(f_c_ok && s_axil_bvalid_o && s_axil_bresp_o == `VIRQ_RESP_OKAY);
            cover(f_c_busy && s_axil_bvalid_o && s_axil_bresp_o == `VIRQ_RESP_SLVERR);
            cover(f_c_nown && s_axil_bvalid_o && s_axil_bresp_o == `VIRQ_RESP_SLVERR);
            cover(f_wdec && f_w_al && f_w_fdb && f_w_fn == 32'd2 && f_sb_eq_wen);
            cover(f_c_rnown2 && s_axil_rvalid_o && s_axil_rresp_o == `VIRQ_RESP_SLVERR);
            // virq_eq's signal held off in a firing cycle and in the next
            cover(f_eqp[f_u] && f_sb_mod_fire[f_u] && !evt_i[f_u] && !f_sb_mod_evt[f_u]);
            cover(f_eqp[f_u] && f_sb_mod_guest[f_u] && !evt_i[f_u] && !f_sb_mod_evt[f_u]);
            // and let through otherwise
            cover(f_eqp[f_u] && !evt_i[f_u] && f_sb_mod_evt[f_u]);
            // a write offered in the reset cycle is taken in the next one
            cover(f_c_req && f_aw_hs && f_c_rst2);
        end

endmodule

`default_nettype wire
