/* Unit tests of libvirq through its public API only.  Expected values come
 * from the register reference (docs/registers.md) and the timing contract
 * (docs/moderation.md), not from running the model. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "virq/virq.h"

#include "check.h"

static uint32_t rd(virq_t *m, uint32_t addr)
{
    uint32_t v = 0xBADBADu;
    CHECK(virq_reg_read(m, addr, &v) == VIRQ_RESP_OKAY);
    return v;
}

static void test_params(void)
{
    virq_params_t p;
    char err[128];
    virq_params_default(&p);
    CHECK(p.num_vec == 32 && p.num_eq == 32 && p.num_func == 8 && p.eq_max_log2 == 16 && p.addr_w == 17);
    CHECK(virq_params_check(&p, err, sizeof err) == 0);
    p.num_vec = 0;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "num_vec") != NULL);
    CHECK(virq_create(&p) == NULL);
    p.num_vec = 65;
    CHECK(virq_params_check(&p, err, sizeof err) != 0);
    p.num_vec = 64;
    p.addr_w = 16; /* the function windows start at 0x10000 */
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "addr_w") != NULL);
    p.addr_w = 17;
    CHECK(virq_params_check(&p, err, sizeof err) == 0);
    p.num_eq = 257;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "num_eq") != NULL);
    p.num_eq = 1;
    p.num_func = 17;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "num_func") != NULL);
    p.num_func = 1;
    p.eq_max_log2 = 17;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "eq_max_log2") != NULL);
    CHECK(virq_params_check(NULL, err, sizeof err) != 0);
    CHECK(strcmp(virq_version(), "0.6.0") == 0);
}

static void test_identification(void)
{
    virq_params_t p;
    virq_params_default(&p);
    p.num_vec = 7;
    p.num_eq = 12;
    p.num_func = 3;
    p.eq_max_log2 = 10;
    virq_t *m = virq_create(&p);
    CHECK(m != NULL);
    if (m == NULL)
        return;
    CHECK(rd(m, 0x000) == 0x56495251u); /* "VIRQ" */
    CHECK(rd(m, 0x004) == 0x00000600u); /* 0.6.0 */
    CHECK(rd(m, 0x008) == 0xFu);        /* moderation, event queues, routing, delivery */
    CHECK(rd(m, 0x00C) == (12u << 16 | 7u));
    CHECK(rd(m, 0x01C) == (10u << 8 | 3u));
    virq_destroy(m);
}

static void test_instances_independent(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *a = virq_create(&p), *b = virq_create(&p);
    CHECK(a != NULL && b != NULL);
    CHECK(virq_reg_write(a, 0x010, 0x11111111u) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(b, 0x010, 0x22222222u) == VIRQ_RESP_OKAY);
    CHECK(rd(a, 0x010) == 0x11111111u);
    CHECK(rd(b, 0x010) == 0x22222222u);
    virq_destroy(a);
    virq_destroy(b);
    virq_destroy(NULL);
}

static void test_refused_writes_change_nothing(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    CHECK(virq_reg_write(m, 0x100, 0x1234) == VIRQ_RESP_OKAY); /* MOD[0].LAT_IVL */
    CHECK(virq_reg_write(m, 0x100, 0x10000) == VIRQ_RESP_SLVERR);
    CHECK(rd(m, 0x100) == 0x1234);
    CHECK(virq_reg_write(m, 0x000, 1) == VIRQ_RESP_SLVERR);
    CHECK(virq_reg_write(m, 0x102, 1) == VIRQ_RESP_SLVERR);
    CHECK(virq_reg_write(m, 0x100 + 32 * 0x20, 1) == VIRQ_RESP_DECERR);
    uint32_t v = 7;
    CHECK(virq_reg_read(m, 0x0FC, &v) == VIRQ_RESP_DECERR && v == 0);
    CHECK(rd(m, 0x014) == 5);                                         /* BUS_ERR_CNT */
    CHECK(rd(m, 0x018) == ((3u << 28) | 0x0FC));                      /* last: read DECERR */
    virq_destroy(m);
}

/* One step with only events; returns the interrupt outputs of that cycle. */
static void step_evt(virq_t *m, uint64_t evt, uint64_t *guest, uint64_t *wake)
{
    virq_in_t in = {0};
    virq_out_t out;
    in.rst_ni = 1;
    in.evt_i = evt;
    virq_step(m, &in, &out);
    *guest = out.guest_irq_o;
    *wake = out.wake_irq_o;
}

/* Variant A on the zero-time helpers: tick every cycle, latency 4. */
static void test_latency_interval(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    uint64_t g, w;
    CHECK(virq_reg_write(m, 0x108, 1) == VIRQ_RESP_OKAY); /* MOD[0] guest active */
    CHECK(virq_reg_write(m, 0x100, 4) == VIRQ_RESP_OKAY); /* latency 4: counter 4 now */
    /* cycle 0..3: ticks take the counter 4 -> 0 (0 visible in cycle 4).
     * event in cycle 0 -> flag from cycle 1; fire in cycle 4; irq in 5. */
    int first = -1;
    for (int c = 0; c < 12; c++) {
        step_evt(m, c == 0 ? 1 : 0, &g, &w);
        CHECK(w == 0);
        if (g && first < 0)
            first = c;
    }
    CHECK(first == 5);
    /* Now an event: counter reloaded to 4 at the interrupt (cycle 4) and run
     * out by cycle 8, so an event in cycle 12 interrupts at once: irq 14. */
    int at = -1;
    for (int c = 12; c < 20; c++) {
        step_evt(m, c == 12 ? 1 : 0, &g, &w);
        if (g && at < 0)
            at = c;
    }
    CHECK(at == 14);
    CHECK(rd(m, 0x114) == 0x2); /* STATUS: flag clear, latency path enabled */
    virq_destroy(m);
}

/* The zero-time helpers and the bus reach the same state: configure one
 * instance through virq_reg_write and another through AXI cycles, then feed
 * both the same events; they must interrupt identically. */
static void test_helper_matches_bus(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *a = virq_create(&p), *b = virq_create(&p);
    static const uint32_t cfg[][2] = {{0x020, 2}, {0x100 + 3 * 0x20, 7}, {0x104 + 3 * 0x20, 30}, {0x108 + 3 * 0x20, 1}};
    for (unsigned i = 0; i < 4; i++) {
        CHECK(virq_reg_write(a, cfg[i][0], cfg[i][1]) == VIRQ_RESP_OKAY);
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
        in.s_axil_awaddr_i = cfg[i][0];
        in.s_axil_wdata_i = cfg[i][1];
        in.s_axil_wstrb_i = 0xF;
        in.s_axil_bready_i = 1;
        virq_step(b, &in, &out);
        CHECK(out.s_axil_awready_o == 1);
        memset(&in, 0, sizeof in);
        in.rst_ni = 1;
        in.s_axil_bready_i = 1;
        virq_step(b, &in, &out); /* the decision cycle: B not yet valid */
        CHECK(out.s_axil_bvalid_o == 0 && out.s_axil_awready_o == 0);
        virq_step(b, &in, &out);
        CHECK(out.s_axil_bvalid_o == 1 && out.s_axil_bresp_o == VIRQ_RESP_OKAY);
    }
    /* b has run 12 cycles with ticks; restart the counters in both so they
     * are in step, through the helper (prescaler too). */
    CHECK(virq_reg_write(a, 0x020, 2) == VIRQ_RESP_OKAY && virq_reg_write(b, 0x020, 2) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(a, 0x10C + 3 * 0x20, 3) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(b, 0x10C + 3 * 0x20, 3) == VIRQ_RESP_OKAY);
    int same = 1, irqs = 0;
    for (int c = 0; c < 400; c++) {
        uint64_t ga, wa, gb, wb, e = (c % 13 == 0) ? (1u << 3) : 0;
        step_evt(a, e, &ga, &wa);
        step_evt(b, e, &gb, &wb);
        same &= ga == gb && wa == wb;
        irqs += ga != 0;
    }
    CHECK(same);
    CHECK(irqs > 0);
    virq_destroy(a);
    virq_destroy(b);
}

/* The bus timing of docs/registers.md ("Bus timing"), cycle by cycle on the
 * cycle API: a write accepted in h is decided in h + 1 (AR is refused
 * there), B is valid in h + 2; a read accepted in h + 2 is answered from
 * the state of h + 3 and R is valid in h + 5 with the written value. */
static void test_bus_timing(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    virq_in_t in;
    virq_out_t out;
    memset(&in, 0, sizeof in);
    virq_step(m, &in, &out); /* rst_ni low */
    in.rst_ni = 1;
    in.s_axil_bready_i = in.s_axil_rready_i = 1;
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
    in.s_axil_awaddr_i = VIRQ_SCRATCH_OFFSET;
    in.s_axil_wdata_i = 0xA5A5F00Du;
    in.s_axil_wstrb_i = 0xF;
    in.s_axil_arvalid_i = 0;
    /* the engine's reset cycle (rst_ni is registered, docs/design.md
     * "Reset"): the write offered is not taken */
    virq_step(m, &in, &out);
    CHECK(out.s_axil_awready_o == 0 && out.s_axil_wready_o == 0 && out.s_axil_arready_o == 0);
    CHECK(out.s_evt_ready_o == 0);
    virq_step(m, &in, &out); /* h */
    CHECK(out.s_axil_awready_o == 1 && out.s_axil_wready_o == 1 && out.s_axil_bvalid_o == 0);
    CHECK(out.s_axil_arready_o == 1); /* a read could be accepted with the write */
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 0;
    in.s_axil_arvalid_i = 1;
    in.s_axil_araddr_i = VIRQ_SCRATCH_OFFSET;
    virq_step(m, &in, &out); /* h + 1: the decision cycle */
    CHECK(out.s_axil_bvalid_o == 0);
    CHECK(out.s_axil_arready_o == 0); /* AR waits in the decision cycle */
    virq_step(m, &in, &out); /* h + 2 */
    CHECK(out.s_axil_bvalid_o == 1 && out.s_axil_bresp_o == VIRQ_RESP_OKAY);
    CHECK(out.s_axil_arready_o == 1); /* the read is accepted here */
    in.s_axil_arvalid_i = 0;
    unsigned c;
    for (c = 3; c < 10; c++) {
        virq_step(m, &in, &out);
        if (out.s_axil_rvalid_o)
            break;
        CHECK(out.s_axil_arready_o == 0); /* one read at a time */
    }
    CHECK(c == 5); /* R three cycles after the AR handshake in h + 2 */
    CHECK(out.s_axil_rresp_o == VIRQ_RESP_OKAY && out.s_axil_rdata_o == 0xA5A5F00Du);
    virq_destroy(m);
}

/* The reset contract of docs/design.md "Reset" on the cycle API: a new
 * instance is out of reset (a zero-time write survives the next edge);
 * rst_ni low in cycle c resets the state at the edge ending c + 1, so a
 * write between the two is undone, and one after the reset edge stays. */
static void test_reset(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    virq_in_t in;
    virq_out_t out;
    uint32_t v = 0;
    memset(&in, 0, sizeof in);
    in.rst_ni = 1;
    CHECK(virq_reg_write(m, VIRQ_SCRATCH_OFFSET, 0x11111111u) == VIRQ_RESP_OKAY);
    virq_step(m, &in, &out);
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == 0x11111111u);
    in.rst_ni = 0;
    virq_step(m, &in, &out); /* c: the engine still runs */
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == 0x11111111u);
    CHECK(virq_reg_write(m, VIRQ_SCRATCH_OFFSET, 0x22222222u) == VIRQ_RESP_OKAY);
    in.rst_ni = 1;
    /* c + 1: its edge resets; a write offered there is not taken (AWREADY
     * follows AWVALID && WVALID, so offer one for the check to mean it) */
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
    in.s_axil_awaddr_i = VIRQ_SCRATCH_OFFSET;
    in.s_axil_wdata_i = 0x44444444u;
    in.s_axil_wstrb_i = 0xF;
    virq_step(m, &in, &out);
    CHECK(out.s_axil_awready_o == 0 && out.s_axil_wready_o == 0);
    CHECK(out.s_axil_arready_o == 0 && out.s_evt_ready_o == 0);
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 0;
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == VIRQ_SCRATCH_RESET);
    CHECK(virq_reg_write(m, VIRQ_SCRATCH_OFFSET, 0x33333333u) == VIRQ_RESP_OKAY);
    virq_step(m, &in, &out);
    CHECK(out.s_evt_ready_o == 1);
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == 0x33333333u);
    virq_destroy(m);
}

/* NULL handles and pointers are refused with a code, never dereferenced;
 * an instance next to the refused calls is left as it was; virq_create
 * says in errno why it refused. */
static void test_bad_arguments(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_params_default(NULL);
    virq_t *m = virq_create(&p);
    CHECK(m != NULL);
    if (m == NULL)
        return;
    virq_in_t in;
    memset(&in, 0, sizeof in);
    in.rst_ni = 1;
    virq_out_t out;
    memset(&out, 0x5A, sizeof out);
    uint32_t v = 7;
    CHECK(virq_step(NULL, &in, &out) == -1);
    CHECK(virq_step(m, NULL, &out) == -1);
    CHECK(virq_eval(NULL, &in, &out) == -1);
    CHECK(virq_eval(m, NULL, &out) == -1);
    CHECK(virq_eval(m, &in, NULL) == -1);
    CHECK(out.intx_o == 0x5A5A5A5A5A5A5A5Aull); /* untouched */
    CHECK(virq_reset(NULL) == -1);
    CHECK(virq_reg_write(NULL, VIRQ_SCRATCH_OFFSET, 1) == VIRQ_RESP_BADARG);
    CHECK(virq_reg_read(NULL, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_BADARG && v == 7);
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, NULL) == VIRQ_RESP_BADARG);
    CHECK(virq_reg_read(m, 0x0FC, NULL) == VIRQ_RESP_BADARG); /* not counted as a bus error */
    CHECK(virq_params(NULL) == NULL);
    CHECK(virq_cycle(NULL) == 0);
    CHECK(virq_port_width(NULL, VIRQ_W_ADDR) == 0);
    CHECK(virq_port_width(&p, VIRQ_W_ADDR) == 17 && virq_port_width(&p, 24) == 24);
    CHECK(virq_port_width(&p, -7) == 0);
    CHECK(virq_cycle(m) == 0);                      /* no edge was taken */
    CHECK(rd(m, VIRQ_BUS_ERR_CNT_OFFSET) == 0);     /* nothing counted */
    CHECK(virq_step(m, &in, &out) == 0 && virq_cycle(m) == 1);
    CHECK(virq_eval(m, &in, &out) == 0 && out.intx_o == 0);
    CHECK(virq_reset(m) == 0);
    virq_destroy(m);
    errno = 0;
    CHECK(virq_create(NULL) == NULL && errno == EINVAL);
    p.num_prs = 2049;
    errno = 0;
    CHECK(virq_create(&p) == NULL && errno == EINVAL);
}

/* ---- ABI guard ---------------------------------------------------------------
 * The layout the installed header promises under VIRQ_ABI_VERSION (the
 * soname): every member's name, offset and size of the public structs,
 * and the values that cross the interface (enumerators, width codes,
 * array sizes, VIRQ_RESP_BADARG), hashed (FNV-1a; the same on ILP32 and LP64: only members whose offsets
 * do not depend on the data model are hashed by offset).  If this check
 * fails, a struct or the port list changed: raise VIRQ_ABI_VERSION in
 * include/virq/virq_model.h and record the new hash here under it.
 * ABI 1 is the layout the twenty-fifth session landed with (its
 * virq_out_t has m_dma_func_o); the hash was recorded anew within that
 * session, before ABI 1 reached main. */
#define ABI_LAYOUT_VERSION 1
#define ABI_LAYOUT_HASH 0xDCF9F55Fu

/* a and b go in as 8 bytes whatever size_t's width: shifting a 32-bit
 * size_t by 32..56 would be undefined (x86 takes the count mod 32, so an
 * ILP32 build hashed each value's low bytes twice and got 0xDD2C4163) */
static uint32_t fnv(uint32_t h, const char *name, size_t a, size_t b)
{
    for (const char *c = name; *c; c++)
        h = (h ^ (uint8_t)*c) * 16777619u;
    for (unsigned k = 0; k < 8; k++)
        h = (h ^ (uint8_t)((uint64_t)a >> (8 * k))) * 16777619u;
    for (unsigned k = 0; k < 8; k++)
        h = (h ^ (uint8_t)((uint64_t)b >> (8 * k))) * 16777619u;
    return h;
}

static uint32_t abi_layout_hash(void)
{
    uint32_t h = 2166136261u;
#define MEMBER(T, name) h = fnv(h, #T "." #name, offsetof(T, name), sizeof(((T *)0)->name));
#define IN_(name, w) MEMBER(virq_in_t, name)
#define OUT_(name, w) MEMBER(virq_out_t, name)
    VIRQ_TOP_INPUTS(IN_)
    VIRQ_TOP_BYTE_INPUTS(IN_)
    VIRQ_TOP_OUTPUTS(OUT_)
#undef IN_
#undef OUT_
    MEMBER(virq_params_t, num_vec)
    MEMBER(virq_params_t, num_eq)
    MEMBER(virq_params_t, num_func)
    MEMBER(virq_params_t, eq_max_log2)
    MEMBER(virq_params_t, addr_w)
    MEMBER(virq_params_t, num_prs)
    MEMBER(virq_params_t, num_cpu)
    h = fnv(h, "virq_params_t", sizeof(virq_params_t), 0);
    MEMBER(virq_flow_t, src_addr)
    MEMBER(virq_flow_t, dst_addr)
    MEMBER(virq_flow_t, src_port)
    MEMBER(virq_flow_t, dst_port)
    h = fnv(h, "virq_flow_t", sizeof(virq_flow_t), 0);
    /* npos is a size_t: the table's offset and the struct's size are the
     * data model's, the table's size is not; what lies around the table
     * beside npos (nothing: 0 on ILP32 and LP64) is */
    h = fnv(h, "virq_toeplitz_ctx_t.tab", sizeof(((virq_toeplitz_ctx_t *)0)->tab), 0);
    h = fnv(h, "virq_toeplitz_ctx_t.npos", offsetof(virq_toeplitz_ctx_t, npos),
            sizeof(((virq_toeplitz_ctx_t *)0)->npos) == sizeof(size_t));
    h = fnv(h, "virq_toeplitz_ctx_t.pad", offsetof(virq_toeplitz_ctx_t, tab) - sizeof(size_t),
            sizeof(virq_toeplitz_ctx_t) - sizeof(size_t) - sizeof(((virq_toeplitz_ctx_t *)0)->tab));
#undef MEMBER
    /* values passed across the interface: the hash types, the width codes,
     * the array sizes the functions read or write, the helpers' refusal */
#define VALUE(name) h = fnv(h, #name, (uint32_t)(name), 0);
    VALUE(VIRQ_HASH_IPV4)
    VALUE(VIRQ_HASH_IPV4_TCP)
    VALUE(VIRQ_HASH_IPV4_UDP)
    VALUE(VIRQ_HASH_IPV6)
    VALUE(VIRQ_HASH_IPV6_TCP)
    VALUE(VIRQ_HASH_IPV6_UDP)
    VALUE(sizeof(virq_hash_type_t))
    VALUE(VIRQ_W_ADDR)
    VALUE(VIRQ_W_NVEC)
    VALUE(VIRQ_TOEPLITZ_KEY_BYTES)
    VALUE(VIRQ_TOEPLITZ_KEY_REGS)
    VALUE(VIRQ_HASH_TUPLE_MAX_BYTES)
    VALUE(VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES)
    VALUE(VIRQ_RESP_BADARG)
#undef VALUE
    return h;
}

/* The signatures under VIRQ_ABI_VERSION: a changed one fails here. */
#define SIG(f, T) CHECK(_Generic(&f, T: 1, default: 0))
static void test_abi(void)
{
    uint32_t h = abi_layout_hash();
    if (VIRQ_ABI_VERSION != ABI_LAYOUT_VERSION || h != ABI_LAYOUT_HASH)
        fprintf(stderr, "test_model: VIRQ_ABI_VERSION %d with layout hash 0x%08X; recorded: ABI %d, 0x%08X "
                        "(a public struct changed: raise VIRQ_ABI_VERSION and record the hash here)\n",
                VIRQ_ABI_VERSION, h, ABI_LAYOUT_VERSION, ABI_LAYOUT_HASH);
    CHECK(VIRQ_ABI_VERSION == ABI_LAYOUT_VERSION);
    CHECK(h == ABI_LAYOUT_HASH);
    CHECK(virq_abi_version() == VIRQ_ABI_VERSION);
    SIG(virq_params_default, void (*)(virq_params_t *));
    SIG(virq_params_check, int (*)(const virq_params_t *, char *, size_t));
    SIG(virq_create, virq_t *(*)(const virq_params_t *));
    SIG(virq_destroy, void (*)(virq_t *));
    SIG(virq_params, const virq_params_t *(*)(const virq_t *));
    SIG(virq_reset, int (*)(virq_t *));
    SIG(virq_eval, int (*)(const virq_t *, const virq_in_t *, virq_out_t *));
    SIG(virq_step, int (*)(virq_t *, const virq_in_t *, virq_out_t *));
    SIG(virq_cycle, uint64_t (*)(const virq_t *));
    SIG(virq_reg_write, unsigned (*)(virq_t *, uint32_t, uint32_t));
    SIG(virq_reg_read, unsigned (*)(virq_t *, uint32_t, uint32_t *));
    SIG(virq_port_width, unsigned (*)(const virq_params_t *, int));
    SIG(virq_version, const char *(*)(void));
    SIG(virq_abi_version, int (*)(void));
    SIG(virq_toeplitz, uint32_t (*)(const uint8_t *, size_t, const uint8_t *, size_t));
    SIG(virq_toeplitz_impl, const char *(*)(void));
    SIG(virq_toeplitz_bitserial, uint32_t (*)(const uint8_t *, size_t, const uint8_t *, size_t));
    SIG(virq_toeplitz_init, int (*)(virq_toeplitz_ctx_t *, const uint8_t *, size_t));
    SIG(virq_toeplitz_hash, uint32_t (*)(const virq_toeplitz_ctx_t *, const uint8_t *, size_t));
    SIG(virq_toeplitz_key_to_regs, void (*)(const uint8_t *, uint32_t *));
    SIG(virq_toeplitz_regs_to_key, void (*)(const uint32_t *, uint8_t *));
    SIG(virq_flow_ipv4, void (*)(virq_flow_t *, uint32_t, uint32_t, uint16_t, uint16_t));
    SIG(virq_hash_tuple_len, size_t (*)(virq_hash_type_t));
    SIG(virq_hash_tuple, size_t (*)(virq_hash_type_t, const virq_flow_t *, uint8_t *));
    SIG(virq_flow_hash, uint32_t (*)(const virq_toeplitz_ctx_t *, virq_hash_type_t, const virq_flow_t *));
}
#undef SIG

int main(void)
{
    test_params();
    test_identification();
    test_instances_independent();
    test_refused_writes_change_nothing();
    test_latency_interval();
    test_helper_matches_bus();
    test_bus_timing();
    test_reset();
    test_bad_arguments();
    test_abi();
    printf("unit: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
