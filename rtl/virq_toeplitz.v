// virq_toeplitz: pipelined Toeplitz hash of RSS (seed 003, [0058]-[0059]).
//
// Function: the Microsoft RSS Toeplitz hash of the first in_len_i bytes of
// the tuple with the 40-byte key, bit for bit virq_toeplitz() of libvirq
// (include/virq/virq_toeplitz.h, cmodel/toeplitz.c).  Byte order is network
// order, left to right: key byte 0 in key_i[319:312] (key_i is the 10 key
// CSRs concatenated, {reg0, ..., reg9}, register j holding key bytes
// 4j..4j+3 with byte 4j in bits 31:24); tuple byte 0 in in_data_i[287:280].
// Input bit i (i = 0 is in_data_i[287]) selects the key window of key bits
// i..i+31, i.e. key_i[319-i -: 32]; the hash is the XOR of the windows of
// all set input bits.  Bytes at positions >= in_len_i are treated as zero
// (absent), so the value of in_data_i there does not matter; in_len_i > 36
// hashes all 36 bytes.  RSS uses 8 (IPv4), 12 (IPv4 + TCP/UDP ports),
// 32 (IPv6) and 36 (IPv6 + ports); every length 0..36 is exact.  Key bit
// 319 (key_i[0]) is never needed for 36 bytes and is ignored.
//
// Pipeline: one tuple per clock, fixed latency LAT = 2 enabled clock edges.
//   stage 1 (edge 1): length mask, AND with the key windows and XOR of each
//                     32-bit tuple word's 32 windows -> 9 partial hashes
//   stage 2 (edge 2): XOR of the 9 partial hashes -> out_hash_o
// A tuple is accepted at a rising edge where ce_i && in_valid_i; its hash is
// on out_hash_o with out_valid_o = 1 (and its in_user_i on out_user_o) from
// the LAT-th rising edge with ce_i = 1 after that, counting the accepting
// edge as the first.  With ce_i = 1 all the time: in_valid_i in cycle c ->
// out_valid_o in cycle c + 2.  ce_i = 0 freezes the whole pipeline (every
// register holds, inputs are ignored), so a stalled downstream can hold
// the output; the output counts as taken at each edge with ce_i = 1.
// When out_valid_o = 0, out_hash_o/out_user_o keep the last valid value
// (0 after reset).  Reset (synchronous, rst_ni = 0) empties the pipeline.
//
// Key atomicity: key_i is read in exactly one place, the combinational
// logic that feeds the stage-1 registers.  Everything later works on the
// registered partial hashes only.  So each tuple's hash is computed wholly
// with the key present at the edge that accepted it; key_i may change at
// any edge (between two back-to-back tuples, or during a stall) without a
// hash ever mixing old and new key bits.  Software updating the 10 key CSRs
// one at a time still sees a mix across registers; making that atomic is
// the register block's job (shadow copy, committed by the last write).
//
// Area: 288 x 32 AND gates and XOR trees (9 x 32 XOR-32 in stage 1, 32 XOR-9
// in stage 2); registers 9 x 32 partial + 32 hash + 2 valid + 2 x USER_W.
// Yosys 0.70, USER_W = 8: 338 FFs and 7094 LUT4 (synth; abc -lut 4), 7917
// LUT4 (synth_ecp5 -nowidelut; plain synth_ecp5 maps XOR trees poorly into
// wide LUTs: 17094 LUT4 + 6622 PFUMX), about 5800 LUTs (synth_xilinx xc7).
// Logic depth: 3 LUT4 levels in stage 1, 2 in stage 2.
`default_nettype none

module virq_toeplitz #(
    parameter integer USER_W   = 8,  // width of the sideband carried with each tuple, >= 1
    // WORD_LEN = 1: in_len_i is a multiple of 4 (RSS: 0, 8, 12, 32, 36), and
    // instead of masking bytes before stage 1 the length is registered with
    // the tuple and whole words at or beyond it are dropped in stage 2, so
    // the length reaches no stage-1 logic (a late length, as virq_route's
    // hash type and global-event choice are).  Same hash for such lengths.
    parameter integer WORD_LEN = 0
) (
    input  wire              clk_i,
    input  wire              rst_ni,      // synchronous, active low
    input  wire              ce_i,        // clock enable: 0 stalls the whole pipeline
    input  wire [319:0]      key_i,       // key byte 0 in bits 319:312
    input  wire              in_valid_i,  // a tuple this cycle (taken when ce_i)
    input  wire [287:0]      in_data_i,   // tuple byte 0 in bits 287:280
    input  wire [5:0]        in_len_i,    // tuple length in bytes (bytes >= len are zero)
    input  wire [USER_W-1:0] in_user_i,   // sideband, returned with the hash
    output wire              out_valid_o, // out_hash_o/out_user_o hold a result
    output wire [31:0]       out_hash_o,  // Toeplitz hash of the tuple
    output wire [USER_W-1:0] out_user_o   // in_user_i of that tuple
`ifdef FORMAL
    ,
    // formal only (virq_route.sby): stage 1's valid bits, sideband and
    // length, so virq_route's proof can tie its shadow of the event in
    // stage 1 to them (Yosys reads no hierarchical references)
    output wire [1:0]        f_vld_o,
    output wire [USER_W-1:0] f_user1_o,
    output wire [5:0]        f_len1_o
`endif
);

    // Pipeline latency in enabled clock edges (see the header): the number of
    // register stages below (part_q, hash_q); tb/toeplitz/build.sh reads it.
    localparam integer LAT = 2;
    // Tuple size: bytes, and 32-bit words (one partial hash per word).
    localparam integer NBYTES = 36;
    localparam integer NWORDS = NBYTES / 4;
    localparam integer NBITS  = 8 * NBYTES;

    initial begin
        if (USER_W < 1) begin
            $display("virq_toeplitz: USER_W must be >= 1, got %0d", USER_W);
            $finish;
        end
        if (WORD_LEN != 0 && WORD_LEN != 1) begin
            $display("virq_toeplitz: WORD_LEN must be 0 or 1, got %0d", WORD_LEN);
            $finish;
        end
    end

    // ---- state -----------------------------------------------------------------------
    // stage 1: partial hashes, sideband; stage 2: hash, sideband
    // vld_q[s]: stage s+1 holds a tuple (bit LAT-1 is out_valid_o)
    reg [LAT-1:0]       vld_q, vld_d;
    reg [32*NWORDS-1:0] part_q, part_d;
    reg [USER_W-1:0]    user1_q, user1_d;
    reg [5:0]           len1_q, len1_d;   // WORD_LEN = 1: the tuple's length
    reg [31:0]          hash_q, hash_d;
    reg [USER_W-1:0]    user2_q, user2_d;

    // ---- stage 1: the only place where key_i is used ----------------------
    // byte_en[k] enables tuple byte 35-k (in_data_i[8k +: 8]): byte b is
    // present iff b < in_len_i.
    // (WORD_LEN = 1: every byte here, the length applies in stage 2)
    wire [NBYTES-1:0] byte_en = WORD_LEN != 0 ? {NBYTES{1'b1}} : ~({NBYTES{1'b1}} >> in_len_i);

    reg [NBITS-1:0]     data_m;      // tuple with absent bytes zeroed
    reg [32*NWORDS-1:0] part_calc;   // partial hash of each tuple word
    reg [31:0]          acc;         // one word's partial hash
    reg [62:0]          kw;          // the key bits under one word's windows
    integer k, j, w1;
    always @* begin
        // (WORD_LEN = 1: every byte is present here, nothing to mask; a
        // constant condition, so the simulator copies the tuple as whole
        // words instead of merging 36 masked bytes every cycle)
        if (WORD_LEN != 0) begin
            data_m = in_data_i;
        end else begin
            data_m = {NBITS{1'b0}};
            for (k = 0; k < NBYTES; k = k + 1)
                data_m[8*k +: 8] = in_data_i[8*k +: 8] & {8{byte_en[k]}};
        end
        // Data bit j (input bit 287-j) selects key_i[j+1 +: 32]; word w of
        // part_calc XORs the windows of data bits 32w .. 32w+31, which all
        // lie in the 63 key bits key_i[32w+1 +: 63] (kw: window j of the
        // word is kw[j +: 32]).
        // (Two loops with constant bounds rather than one over j with j/32,
        // so that the simulator unrolls them into straight-line code instead
        // of running a 288-pass loop with divisions every cycle; and the
        // word's key bits taken once into kw, so that each window is one
        // 64-bit shift in the simulator instead of two 32-bit word
        // extractions from the 320-bit key; same logic.)
        part_calc = {32*NWORDS{1'b0}};
        for (w1 = 0; w1 < NWORDS; w1 = w1 + 1) begin
            kw  = key_i[32*w1+1 +: 63];
            acc = 32'd0;
            for (j = 0; j < 32; j = j + 1)
                acc = acc ^ (kw[j +: 32] & {32{data_m[32*w1+j]}});
            part_calc[32*w1 +: 32] = acc;
        end
    end

    // key_i[0] (key bit 319) would serve input bit 288, which does not exist.
    wire unused_key_lsb = key_i[0];

    // ---- stage 2: combine the partial hashes ---------------------------------
    // (WORD_LEN = 1: word w holds tuple bytes 4(8-w)..4(8-w)+3 and counts
    // iff they all lie below the length: 4(9-w) <= len)
    reg [31:0] hash_calc;
    integer w;
    always @* begin
        hash_calc = 32'd0;
        for (w = 0; w < NWORDS; w = w + 1)
            if (WORD_LEN == 0 || {26'd0, len1_q} >= 32'd4 * (NWORDS - w))
                hash_calc = hash_calc ^ part_q[32*w +: 32];
    end

    // ---- next state ----------------------------------------------------------------
    always @* begin
        // default: hold (stall, or no new tuple)
        vld_d   = vld_q;
        part_d  = part_q;
        user1_d = user1_q;
        len1_d  = len1_q;
        hash_d  = hash_q;
        user2_d = user2_q;
        if (ce_i) begin
            vld_d = {vld_q[LAT-2:0], in_valid_i};
            if (in_valid_i) begin
                part_d  = part_calc;
                user1_d = in_user_i;
                len1_d  = WORD_LEN != 0 ? in_len_i : 6'd0;
            end
            if (vld_q[0]) begin
                hash_d  = hash_calc;
                user2_d = user1_q;
            end
        end
    end

    always @(posedge clk_i) begin
        if (!rst_ni) begin
            vld_q   <= {LAT{1'b0}};
            part_q  <= {32*NWORDS{1'b0}};
            user1_q <= {USER_W{1'b0}};
            len1_q  <= 6'd0;
            hash_q  <= 32'd0;
            user2_q <= {USER_W{1'b0}};
        end else begin
            vld_q   <= vld_d;
            part_q  <= part_d;
            user1_q <= user1_d;
            len1_q  <= len1_d;
            hash_q  <= hash_d;
            user2_q <= user2_d;
        end
    end

`ifdef FORMAL
    assign f_vld_o   = vld_q;
    assign f_user1_o = user1_q;
    assign f_len1_o  = len1_q;
`endif
    assign out_valid_o = vld_q[LAT-1];
    assign out_hash_o  = hash_q;
    assign out_user_o  = user2_q;

endmodule

`default_nettype wire
