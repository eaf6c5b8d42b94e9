/* drv: the driver code of sw/ run end to end against the DUT.
 *
 * Every register access of the driver (sw/virq_drv.c, sw/virq_eq_drv.c),
 * the shared-INTx monitor and the lease broker bound to the device
 * (sw/virq_intx_mon.c, sw/virq_broker.c, sw/virq_hv_bind.c) goes through the
 * AXI4-Lite BFM to the DUT, and every value the driver reads comes from the
 * DUT (the RTL on Verilator and Icarus; a second model instance in the
 * model-only runner).  Nothing is precomputed on a model.
 *
 * How synchronous driver calls run against a cycle-based simulation,
 * without threads or coroutines: each scripted step is one driver call (or a
 * few).  It runs against a replay bus.  When the call makes an access that
 * has not happened yet, the bus stops the call (longjmp back to the step
 * machine) and the BFM performs that access on the DUT; when it completes,
 * the call is run again from the start, with the state it touches (the
 * "world": device handles, monitor, broker, their callbacks' records)
 * restored to what it was before the step, and the bus answers the accesses
 * already made from their log (checking that the call repeats them exactly,
 * as a deterministic driver must).  A call with n accesses runs n + 1 times;
 * the last run is the one that completes, with every value it read taken
 * from the DUT, in order, one access at a time.  Steps that touch host
 * memory (polling a queue) are not replayed: they are separate steps
 * without register accesses.
 *
 * Checks, all against values from outside the model: the message address,
 * data and function the scenario programmed on m_msi_* (at e + MSG_LAT = e +
 * 5 for an event on evt_i in e with the entry live, docs/msix.md; within a window
 * after a call that unmasks or a routed event); intx_o at e + 3 after a
 * vector interrupt of a function with MSI-X disabled, and its level after
 * each step of the monitor's mask / deliver / acknowledge / EOI sequence;
 * which virtual machine the monitor delivers to; a legacy queue's INTx level
 * (armed with unread entries) through acknowledge, EOI and doorbells; the
 * entries' codes and parameters; the queue-0 entries of the
 * hardware's lease expiry; the published RSS hash of the Microsoft suite;
 * the return codes and the refusal counts documented in docs/registers.md.
 * Every DMA write must land in a ring the scenario set up. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axil_bfm.h"
#include "hostmem.h"
#include "rss_suite.h"
#include "tb.h"
#include "virq/virq_toeplitz.h"
#include "virq_eq_drv.h"
#include "virq_hv_bind.h"
#include "virq_test_lender.h"

#define MAX_ACC 512   /* register accesses of one step */
#define MAX_EXP 16    /* expected MSI-X messages */
#define MAX_LEVELS 32 /* intx_o levels at chosen cycles */
#define TIMEOUT 200000u

/* ---- what the driver calls touch (restored before each run of a call) ---- */

enum { DRV_A, DRV_C, DRV_B, NDRV }; /* broker drivers: PF (function 0), VF 1, VF 2 */
#define ADAPTER 1u
#define BROKER_VEC 8u
#define HW_PER_TICK 5u /* device ticks per broker tick */
#define Q0_BASE 0x80000000ull
#define Q3_BASE 0x80001000ull
#define Q2_BASE 0x80002000ull
#define LEG_FN 3u   /* part F: the function with the legacy queue, VM 0's */
#define LEG_EQ 2u   /* its queue */
#define LEG_CODE 0x33u

typedef virq_test_lender_t drv_rec_t;

typedef struct world {
    virq_dev_t pf;
    virq_fn_t fn[4];
    virq_intx_bind_t ib;
    virq_intx_mon_t mon;
    virq_broker_bind_t bb;
    virq_broker_ops_t bops;
    virq_broker_t br;
    drv_rec_t dr[NDRV];
    struct {
        unsigned vm, fn;
    } got[16];
    unsigned ngot;
    virq_eq_ring_t q0, q3, q2;
    uint32_t ents[16];
    unsigned nents;
    uint32_t db;
    unsigned refused; /* accesses the DUT should have refused so far */
    /* checks of the current call */
    unsigned checks, fails;
    char why[200];
} world_t;

/* ---- scenario state ---- */

typedef struct acc {
    bool write;
    uint32_t addr, data; /* write data, or the value read */
    unsigned resp;
} acc_t;

typedef struct scn scn_t;
enum kind { K_CALL, K_DO, K_WAIT, K_UNTIL };
typedef struct step {
    enum kind kind;
    const char *name;
    void (*call)(scn_t *s, world_t *w); /* K_CALL: replayed; K_DO: run once */
    bool (*cond)(scn_t *s);             /* K_UNTIL */
    unsigned n;                         /* K_WAIT cycles, K_UNTIL timeout */
} step_t;

typedef struct msi_exp {
    uint64_t addr;
    uint32_t data;
    unsigned func, vec;
    uint64_t lo, hi; /* handshake cycle window */
} msi_exp_t;

struct scn {
    virq_params_t p;
    axil_bfm_t bfm;
    hostmem_t *mem;
    virq_mem_t vmem;
    virq_bus_t rbus;
    world_t w, snap;
    /* replay of the current call */
    acc_t log[MAX_ACC];
    unsigned nlog, pos;
    jmp_buf jb;
    acc_t want;
    bool in_flight, started;
    /* script */
    unsigned cur;
    uint64_t c, t0;
    /* the event stream beat on offer */
    bool ev_valid;
    unsigned leg_sent, leg_want; /* part F's direct events taken so far, and offered */
    uint8_t ev_tuple[VIRQ_HASH_TUPLE_MAX_BYTES];
    uint64_t evt; /* evt_i for the next drive */
    uint64_t last_evt;
    /* expectations */
    msi_exp_t exp[MAX_EXP];
    unsigned nexp, nmatched;
    struct {
        uint64_t cycle;
        bool level;
    } lev[MAX_LEVELS];
    unsigned nlev, nlev_checked;
    bool intx; /* intx_o in the last cycle observed */
    /* figures */
    unsigned calls, runs, accesses, checks, msgs, dma;
    int failed;
};

static const step_t steps[];
static const unsigned nsteps;

/* ---- checks inside a call (kept in the world: only the completing run counts) ---- */

#define EXPECT(w, cond) expect_((w), (cond), __LINE__, #cond)

static void expect_(world_t *w, bool ok, int line, const char *what)
{
    w->checks++;
    if (!ok && w->fails++ == 0)
        snprintf(w->why, sizeof w->why, "line %d: %s", line, what);
}

/* ---- the replay bus ---- */

enum { RUN_DONE, RUN_ACCESS, RUN_BROKEN };

static int replay(scn_t *s, bool write, uint32_t addr, uint32_t *data)
{
    if (s->pos < s->nlog) {
        const acc_t *a = &s->log[s->pos++];
        if (a->write != write || a->addr != addr || (write && a->data != *data)) {
            fprintf(stderr, "drv: step %u (%s): the call did not repeat its accesses (%s 0x%05x, logged %s 0x%05x)\n",
                    s->cur, steps[s->cur].name, write ? "write" : "read", addr, a->write ? "write" : "read", a->addr);
            longjmp(s->jb, RUN_BROKEN);
        }
        if (!write)
            *data = a->data;
        return (int)a->resp;
    }
    if (s->nlog == MAX_ACC) {
        fprintf(stderr, "drv: step %u (%s): more than %d accesses\n", s->cur, steps[s->cur].name, MAX_ACC);
        longjmp(s->jb, RUN_BROKEN);
    }
    s->want = (acc_t){.write = write, .addr = addr, .data = write ? *data : 0};
    longjmp(s->jb, RUN_ACCESS);
}

static int rb_read(void *ctx, uint32_t addr, uint32_t *v)
{
    return replay(ctx, false, addr, v);
}

static int rb_write(void *ctx, uint32_t addr, uint32_t v)
{
    return replay(ctx, true, addr, &v);
}

/* One run of the current call from the state before the step. */
static int run_call(scn_t *s, void (*call)(scn_t *, world_t *))
{
    s->w = s->snap;
    s->pos = 0;
    s->runs++;
    int r = setjmp(s->jb);
    if (r != 0)
        return r;
    call(s, &s->w);
    return RUN_DONE;
}

static void on_b(void *ctx, uint64_t tag, unsigned resp, uint64_t hs, uint64_t c)
{
    scn_t *s = ctx;
    (void)tag;
    (void)hs;
    (void)c;
    s->log[s->nlog++] = (acc_t){.write = true, .addr = s->want.addr, .data = s->want.data, .resp = resp};
    s->in_flight = false;
}

static void on_r(void *ctx, uint64_t tag, unsigned resp, uint32_t data, uint64_t hs, uint64_t c)
{
    scn_t *s = ctx;
    (void)tag;
    (void)hs;
    (void)c;
    s->log[s->nlog++] = (acc_t){.write = false, .addr = s->want.addr, .data = data, .resp = resp};
    s->in_flight = false;
}

/* ---- host memory ---- */

static uint32_t m_rd(void *ctx, uint64_t a)
{
    return hostmem_read(ctx, a);
}

static void m_wr(void *ctx, uint64_t a, uint32_t v)
{
    (void)hostmem_write(ctx, a, v);
}

/* ---- expectations (registered by K_DO steps, before what causes them) ---- */

static void expect_msi(scn_t *s, uint64_t addr, uint32_t data, unsigned func, unsigned vec, uint64_t lo, uint64_t hi)
{
    if (s->nexp == MAX_EXP) {
        fprintf(stderr, "drv: too many expected messages\n");
        s->failed = 1;
        return;
    }
    s->exp[s->nexp++] = (msi_exp_t){addr, data, func, vec, lo, hi};
}

static void expect_level(scn_t *s, uint64_t cycle, bool level)
{
    if (s->nlev == MAX_LEVELS) {
        fprintf(stderr, "drv: too many intx_o checks\n");
        s->failed = 1;
        return;
    }
    s->lev[s->nlev].cycle = cycle;
    s->lev[s->nlev++].level = level;
}

/* an event on evt_i in this cycle (the step machine runs in drive()) */
/* event on evt_i in e -> guest interrupt e + 2 (interval 0) -> pending bit
 * at its edge, the registered pick at the edge ending e + 3, the output
 * register at the edge ending e + 4: the message's handshake in e + 5
 * (docs/msix.md "Timing": interrupt t -> message t + 3) */
#define MSG_LAT (2u + 3u)

static void pulse(scn_t *s, uint64_t mask)
{
    s->evt |= mask;
    s->last_evt = s->c;
}

/* ---- what the hypervisor and the drivers supply ---- */

static uint64_t msg_addr(unsigned drv)
{
    return 0xFEE00000u + ((uint64_t)drv << 12);
}

static uint32_t msg_data(unsigned drv, unsigned vec)
{
    return 0x4000u | drv << 8 | vec;
}

static int message(void *ctx, unsigned drv, unsigned vec, uint64_t *addr, uint32_t *data)
{
    (void)ctx;
    *addr = msg_addr(drv);
    *data = msg_data(drv, vec);
    return 0;
}

static void deliver(void *ctx, unsigned vm, unsigned fn)
{
    world_t *w = ctx;
    if (w->ngot < 16) {
        w->got[w->ngot].vm = vm;
        w->got[w->ngot].fn = fn;
    }
    w->ngot++;
}

static void collect(void *ctx, unsigned eq, uint32_t e)
{
    world_t *w = ctx;
    (void)eq;
    if (w->nents < 16)
        w->ents[w->nents] = e;
    w->nents++;
}

/* ---- the script: calls ---- */

static void c_setup(scn_t *s, world_t *w)
{
    EXPECT(w, virq_probe(&w->pf, &s->rbus) == VIRQ_OK);
    EXPECT(w, w->pf.version == VIRQ_VERSION_RESET && (w->pf.features & 0xFu) == 0xFu);
    EXPECT(w, w->pf.num_vec == s->p.num_vec && w->pf.num_func == s->p.num_func && w->pf.num_eq == s->p.num_eq &&
                  w->pf.num_prs == s->p.num_prs && w->pf.num_cpu == s->p.num_cpu);
    for (unsigned f = 0; f < 4; f++)
        EXPECT(w, virq_fn_attach(&w->fn[f], &w->pf, f) == VIRQ_OK);
    EXPECT(w, virq_set_tick(&w->pf, 100000000u, 100) == VIRQ_OK); /* a tick every 10 cycles */
    uint32_t div = 0;
    EXPECT(w, virq_read(&w->pf, VIRQ_TICK_DIV_OFFSET, &div) == VIRQ_OK && div == 9);
    EXPECT(w, virq_eq_setup(&w->pf, &s->vmem, &w->q0, 0, 0, 0, Q0_BASE, 4, 0, 0, false) == VIRQ_OK);
    EXPECT(w, virq_intx_bind(&w->ib, &w->mon, &w->pf, 2, deliver, w) == VIRQ_OK);
    EXPECT(w, virq_broker_bind(&w->bb, &w->bops, &w->br, &w->pf, ADAPTER, HW_PER_TICK, message, NULL) == VIRQ_OK);
}

/* A: MSI-X in the PF's window */
static void c_a_program(scn_t *s, world_t *w)
{
    (void)s;
    uint64_t addr = 0;
    uint32_t data = 0;
    bool masked = false;
    EXPECT(w, virq_fn_msix_program(&w->fn[0], 1, 0x1FEE01002ull, 0x4041u) == VIRQ_EINVAL);
    EXPECT(w, virq_fn_msix_program(&w->fn[0], 1, 0x1FEE01000ull, 0x4041u) == VIRQ_OK);
    EXPECT(w, virq_fn_msix_entry(&w->fn[0], 1, &addr, &data, &masked) == VIRQ_OK);
    EXPECT(w, addr == 0x1FEE01000ull && data == 0x4041u && masked);
    EXPECT(w, virq_mod_guest_state(&w->fn[0].dev, 1, true) == VIRQ_OK); /* FN_MOD[1] */
    EXPECT(w, virq_fn_msix_ctrl(&w->fn[0], true, false) == VIRQ_OK);
    virq_fnctl_state_t st;
    EXPECT(w, virq_fnctl_state(&w->pf, 0, &st) == VIRQ_OK && st.msix_en && !st.fmask);
}

static void c_a_pending1(scn_t *s, world_t *w)
{
    (void)s;
    uint64_t pend = 0;
    EXPECT(w, virq_fn_msix_pending(&w->fn[0], &pend) == VIRQ_OK && pend == 1u << 1);
}

static void c_a_unmask(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, virq_fn_msix_mask(&w->fn[0], 1, false) == VIRQ_OK);
}

static void c_a_pending0(scn_t *s, world_t *w)
{
    (void)s;
    uint64_t pend = 1;
    EXPECT(w, virq_fn_msix_pending(&w->fn[0], &pend) == VIRQ_OK && pend == 0);
}

/* B: a VF touching a vector it does not own */
static void c_b_refuse(scn_t *s, world_t *w)
{
    (void)s;
    uint64_t addr = 0;
    uint32_t data = 0, err = 0;
    bool masked = false;
    unsigned home = 9;
    EXPECT(w, virq_vec_set_home(&w->pf, 3, 1) == VIRQ_OK && virq_vec_set_home(&w->pf, 4, 2) == VIRQ_OK);
    EXPECT(w, virq_vec_home(&w->pf, 3, &home) == VIRQ_OK && home == 1);
    EXPECT(w, virq_fn_msix_program(&w->fn[1], 3, 0xFEE03000ull, 0x4043u) == VIRQ_OK);
    EXPECT(w, virq_fn_msix_program(&w->fn[2], 3, 0xFEE0BAD0ull, 0xBADu) == VIRQ_EBUS);
    EXPECT(w, virq_fn_msix_mask(&w->fn[2], 3, false) == VIRQ_EBUS);
    EXPECT(w, virq_mod_guest_state(&w->fn[2].dev, 3, true) == VIRQ_EBUS);
    w->refused += 3;
    EXPECT(w, virq_fn_msix_entry(&w->fn[1], 3, &addr, &data, &masked) == VIRQ_OK);
    EXPECT(w, addr == 0xFEE03000ull && data == 0x4043u && masked);
    EXPECT(w, virq_fnctl_err_count(&w->pf, 2, &err) == VIRQ_OK && err == 3);
    EXPECT(w, virq_mod_guest_state(&w->fn[1].dev, 3, true) == VIRQ_OK);
    EXPECT(w, virq_mod_guest_state(&w->fn[2].dev, 4, true) == VIRQ_OK);
}

/* C: the bound INTx monitor; functions 1 (VM 0) and 2 (VM 1) share the line */
static void c_c_assign(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9;
    EXPECT(w, virq_intx_assign(&w->mon, 1, 0) == VIRQ_OK && virq_intx_assign(&w->mon, 2, 1) == VIRQ_OK);
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 0 && w->mon.spurious == 1);
}

static void c_c_line(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9;
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 2);
    EXPECT(w, w->ngot == 2 && w->got[0].vm == 0 && w->got[0].fn == 1 && w->got[1].vm == 1 && w->got[1].fn == 2);
    virq_fnctl_state_t st;
    EXPECT(w, virq_fnctl_state(&w->pf, 1, &st) == VIRQ_OK && st.intx.status && st.intx.disable && !st.intx.line);
}

static void c_c_vm0(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, virq_intx_eoi(&w->mon, 1, 1) == VIRQ_ENOTOWNER); /* VM 1 does not own function 1 */
    EXPECT(w, virq_fn_intx_ack(&w->fn[1]) == VIRQ_OK);
    EXPECT(w, virq_intx_eoi(&w->mon, 0, 1) == VIRQ_OK);
    virq_intx_state_t is;
    EXPECT(w, virq_fn_intx_state(&w->fn[1], &is) == VIRQ_OK && !is.raw && !is.disable && !is.line);
}

static void c_c_vm1_early(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, virq_intx_eoi(&w->mon, 1, 2) == VIRQ_OK); /* before servicing */
}

static void c_c_line2(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9;
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 1);
    EXPECT(w, w->ngot == 3 && w->got[2].vm == 1 && w->got[2].fn == 2);
}

static void c_c_vm1(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, virq_fn_intx_ack(&w->fn[2]) == VIRQ_OK && virq_intx_eoi(&w->mon, 1, 2) == VIRQ_OK);
}

/* VF 2's own enable (FIG. 5 block 510) keeps a latched interrupt off the
 * line and out of the monitor's sight; enabling it brings it to VM 1 */
static void c_c_gate_off(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, virq_fn_intx_enable(&w->fn[2], false) == VIRQ_OK);
}

static void c_c_gated(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9;
    bool asserting = true;
    virq_intx_state_t is;
    EXPECT(w, virq_fn_intx_state(&w->fn[2], &is) == VIRQ_OK && is.raw && !is.en && !is.status && !is.line);
    EXPECT(w, virq_fnctl_intx_status(&w->pf, 2, &asserting) == VIRQ_OK && !asserting);
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 0 && w->mon.spurious == 2 && w->ngot == 3);
    EXPECT(w, virq_fn_intx_enable(&w->fn[2], true) == VIRQ_OK);
}

static void c_c_line3(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9;
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 1);
    EXPECT(w, w->ngot == 4 && w->got[3].vm == 1 && w->got[3].fn == 2);
    EXPECT(w, virq_fn_intx_ack(&w->fn[2]) == VIRQ_OK && virq_intx_eoi(&w->mon, 1, 2) == VIRQ_OK);
    EXPECT(w, w->mon.vm_stats[0].delivered == 1 && w->mon.vm_stats[1].delivered == 3 &&
                  w->mon.vm_stats[1].eoi_refused == 1 && w->mon.bus_errors == 0);
}

/* D: the bound broker and a lease the hardware ends */
static bool counts(const world_t *w, unsigned drv, unsigned owned, unsigned lent, unsigned borrowed)
{
    unsigned o, l, r;
    return virq_broker_counts(&w->br, drv, NULL, &o, &l, &r) == VIRQ_OK && o == owned && l == lent && r == borrowed;
}

/* vec's entry holds drv's message and is unmasked in function fn's window */
static bool live_at(world_t *w, unsigned fn, unsigned drv, unsigned vec)
{
    uint64_t addr;
    uint32_t data;
    bool masked;
    return virq_fn_msix_entry(&w->fn[fn], vec, &addr, &data, &masked) == VIRQ_OK && addr == msg_addr(drv) &&
           data == msg_data(drv, vec) && !masked;
}

static void c_d_alloc(scn_t *s, world_t *w)
{
    (void)s;
    static const unsigned fn_of[NDRV] = {0, 1, 2}, count[NDRV] = {4, 2, 2};
    EXPECT(w, virq_broker_init(&w->br, &w->bops, BROKER_VEC) == VIRQ_OK);
    for (unsigned i = 0; i < NDRV; i++) {
        virq_broker_drv_desc_t desc = {ADAPTER, fn_of[i], 0, {&w->dr[i], virq_test_lender_offer, virq_test_lender_notify}};
        unsigned id = 99, got = 0;
        EXPECT(w, virq_broker_add_driver(&w->br, &desc, &id) == VIRQ_OK && id == i);
        EXPECT(w, virq_broker_alloc(&w->br, i, count[i], &got) == VIRQ_OK && got == count[i]);
    }
    /* A 0-3 (vector 3 moves home from VF 1), C 4-5 (4 from VF 2), B 6-7 */
    for (unsigned v = 0; v < BROKER_VEC; v++) {
        unsigned drv = v < 4 ? DRV_A : v < 6 ? DRV_C : DRV_B, home = 99;
        EXPECT(w, virq_vec_home(&w->pf, v, &home) == VIRQ_OK && home == fn_of[drv] && live_at(w, fn_of[drv], drv, v));
    }
    w->dr[DRV_A].lend = 2;
    EXPECT(w, virq_broker_set_cooperative(&w->br, DRV_A, true) == VIRQ_OK);
    EXPECT(w, virq_broker_set_cooperative(&w->br, DRV_B, true) == VIRQ_OK); /* asked, declines */
}

static void c_d_request(scn_t *s, world_t *w)
{
    (void)s;
    virq_broker_grant_t g;
    unsigned owner3 = 9, owner2 = 9;
    uint32_t left3 = 0, left2 = 0;
    EXPECT(w, virq_broker_request(&w->br, DRV_C, 2, 4, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    EXPECT(w, g.n == 2 && g.borrowed == 2 && g.asked == 2 && g.declined == 1);
    EXPECT(w, g.item[0].vec == 3 && g.item[1].vec == 2 && g.item[0].lender == DRV_A && g.item[0].lease_ticks == 4);
    /* 4 broker ticks = 20 device ticks, counting down since each grant (3
     * was granted first; the accesses since took some ticks) */
    EXPECT(w, virq_vec_lease_get(&w->pf, 3, &owner3, &left3) == VIRQ_OK && owner3 == 1);
    EXPECT(w, virq_vec_lease_get(&w->pf, 2, &owner2, &left2) == VIRQ_OK && owner2 == 1);
    EXPECT(w, left3 >= 10 && left3 <= left2 && left2 <= 20);
    EXPECT(w, live_at(w, 1, DRV_C, 3) && live_at(w, 1, DRV_C, 2));
    EXPECT(w, counts(w, DRV_A, 2, 2, 0) && counts(w, DRV_C, 4, 0, 2) && w->dr[DRV_A].ev[VIRQ_BROKER_LENT] == 2);
    EXPECT(w, virq_fn_msix_ctrl(&w->fn[1], true, false) == VIRQ_OK);
}

static void c_d_running(scn_t *s, world_t *w)
{
    (void)s;
    unsigned owner = 9;
    uint32_t cnt = 9;
    EXPECT(w, virq_vec_lease_get(&w->pf, 3, &owner, NULL) == VIRQ_OK && owner == 1);
    EXPECT(w, virq_lease_exp_count(&w->pf, &cnt) == VIRQ_OK && cnt == 0);
}

static void c_d_expired(scn_t *s, world_t *w)
{
    (void)s;
    unsigned owner = 9;
    uint32_t cnt = 9, left = 9;
    bool ended = false;
    EXPECT(w, virq_lease_exp_count(&w->pf, &cnt) == VIRQ_OK && cnt == 2);
    EXPECT(w, virq_vec_lease_get(&w->pf, 3, &owner, &left) == VIRQ_OK && owner == 0 && left == 0);
    EXPECT(w, counts(w, DRV_C, 4, 0, 2)); /* the broker learns it from queue 0 */
    EXPECT(w, w->nents == 2);
    for (unsigned i = 0; i < w->nents && i < 2; i++)
        EXPECT(w, virq_broker_bind_event(&w->bb, &w->br, w->ents[i], &ended) == VIRQ_OK && ended);
    EXPECT(w, counts(w, DRV_A, 4, 0, 0) && counts(w, DRV_C, 2, 0, 0) && w->bb.not_owned == 2);
    EXPECT(w, w->dr[DRV_A].ev[VIRQ_BROKER_RETURNED] == 2 && w->dr[DRV_C].ev[VIRQ_BROKER_EXPIRED] == 2);
    EXPECT(w, virq_broker_bind_event(&w->bb, &w->br, w->ents[0], &ended) == VIRQ_OK && !ended &&
                  w->bb.stale_events == 1);
    EXPECT(w, virq_fn_msix_mask(&w->fn[1], 3, true) == VIRQ_EBUS); /* the borrower's lease is over */
    w->refused++;
    /* back home masked and zeroed: the lender programs it again */
    uint64_t addr = 1;
    uint32_t data = 1;
    bool masked = false;
    EXPECT(w, virq_fn_msix_entry(&w->fn[0], 3, &addr, &data, &masked) == VIRQ_OK && addr == 0 && data == 0 && masked);
    EXPECT(w, w->bops.bind(w->bops.ctx, DRV_A, 3) == 0 && live_at(w, 0, DRV_A, 3));
}

/* E: routing from the driver to a message */
static void c_e_setup(scn_t *s, world_t *w)
{
    uint32_t h = v4_rows[0].h_ip;
    uint8_t back[VIRQ_RSS_KEY_LEN];
    EXPECT(w, virq_rss_set_key(&w->pf, ms_key) == VIRQ_OK);
    EXPECT(w, virq_rss_shadow_key(&w->pf, back) == VIRQ_OK && memcmp(back, ms_key, sizeof back) == 0);
    EXPECT(w, virq_rss_ctrl(&w->pf, 1u << (VIRQ_HTYPE_IPV4 - 1), false) == VIRQ_OK);
    EXPECT(w, virq_func_rss(&w->pf, 1, 16, 7) == VIRQ_OK);
    EXPECT(w, virq_func_rss(&w->pf, 1, s->p.num_prs - 7, 7) == VIRQ_EINVAL); /* refused before the bus */
    for (unsigned i = 0; i < 8; i++)
        EXPECT(w, virq_prs_set(&w->pf, 16 + i, i == (h & 7u) ? 5 : 1, 0) == VIRQ_OK);
    EXPECT(w, virq_mvm_set(&w->pf, 1, 5, 3, 5) == VIRQ_OK);
    EXPECT(w, virq_eq_setup(&w->pf, &s->vmem, &w->q3, 3, 1, 0, Q3_BASE, 3, 0, 0, true) == VIRQ_OK);
    /* vector 5 is C's (VF 1) since the broker's allocation: live, MSI-X on */
    EXPECT(w, live_at(w, 1, DRV_C, 5) && virq_mod_guest_state(&w->fn[1].dev, 5, true) == VIRQ_OK);
}

static void c_e_check(scn_t *s, world_t *w)
{
    (void)s;
    uint32_t h = v4_rows[0].h_ip, v = 0;
    EXPECT(w, virq_read(&w->pf, VIRQ_RSS_LAST_OFFSET, &v) == VIRQ_OK && v == 0x323e8fc2u); /* published */
    EXPECT(w, virq_read(&w->pf, VIRQ_RSS_LAST_INFO_OFFSET, &v) == VIRQ_OK &&
                  v == ((16u + (h & 7u)) << 20 | 1u << 16 | 5u << 8 | (unsigned)VIRQ_HTYPE_IPV4));
    EXPECT(w, virq_read(&w->pf, VIRQ_EQ_CFG(3), &v) == VIRQ_OK &&
                  (v & VIRQ_EQ_CFG_VEC_MASK) >> VIRQ_EQ_CFG_VEC_SHIFT == 5); /* the MVM entry's vector */
}

static void c_e_doorbell(scn_t *s, world_t *w)
{
    (void)s;
    uint32_t v = 0;
    EXPECT(w, virq_fn_doorbell(&w->fn[2], w->db) == VIRQ_EBUS); /* VF 2 naming VF 1's queue */
    w->refused++;
    EXPECT(w, virq_fn_doorbell(&w->fn[1], w->db) == VIRQ_OK);
    EXPECT(w, virq_read(&w->pf, VIRQ_EQ_IDX(3), &v) == VIRQ_OK && v == (1u << 16 | 1u));
    EXPECT(w, virq_read(&w->pf, VIRQ_EQ_STATUS(3), &v) == VIRQ_OK &&
                  (v & VIRQ_EQ_STATUS_STATE_MASK) == VIRQ_EQ_STATE_ARMED);
}

/* F: a legacy queue (CFG.LEGACY, set up with VIRQ_NO_VEC) behind the
 * monitor.  Function 3 (MSI-X disabled, given to VM 0) owns queue 2; its
 * INTx Status is a level while the queue is armed with unread entries
 * (docs/msix.md, status indicator 500): an acknowledge does not end it, an
 * EOI before the hand-back brings the line back, a doorbell handing back
 * two of three entries keeps it, the one handing back the last ends it. */
static bool leg_status(world_t *w)
{
    bool a = false;
    EXPECT(w, virq_fnctl_intx_status(&w->pf, LEG_FN, &a) == VIRQ_OK);
    return a;
}

static void c_f_setup(scn_t *s, world_t *w)
{
    uint32_t v = 0;
    EXPECT(w, virq_intx_assign(&w->mon, LEG_FN, 0) == VIRQ_OK);
    EXPECT(w, virq_eq_setup(&w->pf, &s->vmem, &w->q2, LEG_EQ, LEG_FN, VIRQ_NO_VEC, Q2_BASE, 3, 0, 0, true) == VIRQ_OK);
    EXPECT(w, virq_read(&w->pf, VIRQ_EQ_CFG(LEG_EQ), &v) == VIRQ_OK &&
                  v == (VIRQ_EQ_CFG_LEGACY_MASK | LEG_FN << VIRQ_EQ_CFG_FUNC_SHIFT | 3u << VIRQ_EQ_CFG_LOG2_SIZE_SHIFT));
    EXPECT(w, !leg_status(w));
}

static void c_f_line(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9, before = w->ngot;
    EXPECT(w, leg_status(w));
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 1 && w->ngot == before + 1 && before < 16 &&
                  w->got[before].vm == 0 && w->got[before].fn == LEG_FN);
}

static void c_f_ack_eoi(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, virq_fn_intx_ack(&w->fn[LEG_FN]) == VIRQ_OK);
    EXPECT(w, leg_status(w)); /* the unread entries hold it */
    EXPECT(w, virq_intx_eoi(&w->mon, 0, LEG_FN) == VIRQ_OK);
}

/* the doorbell of the last poll (hands back what it read, re-arms): the
 * level stays exactly while an entry the scenario sent is still unread
 * (the ring holds 8 and gets at most 4: the read indicator does not wrap) */
static void c_f_db(scn_t *s, world_t *w)
{
    EXPECT(w, virq_fn_doorbell(&w->fn[LEG_FN], w->db) == VIRQ_OK);
    EXPECT(w, leg_status(w) == (s->leg_sent != w->q2.ri));
    EXPECT(w, virq_intx_eoi(&w->mon, 0, LEG_FN) == VIRQ_OK);
}

static void c_f_quiet(scn_t *s, world_t *w)
{
    (void)s;
    unsigned n = 9;
    uint64_t sp = w->mon.spurious;
    EXPECT(w, virq_intx_line(&w->mon, &n) == VIRQ_OK && n == 0 && w->mon.spurious == sp + 1);
    EXPECT(w, w->mon.fn_stats[LEG_FN].delivered == 3 && w->mon.fn_stats[LEG_FN].eoi == 3);
    /* disarmed: an entry that comes now holds no level */
    EXPECT(w, virq_fn_doorbell(&w->fn[LEG_FN], virq_eq_doorbell(LEG_EQ, false, 0, false)) == VIRQ_OK);
}

/* arming (a doorbell without a read indicator) with the entry unread */
static void c_f_arm(scn_t *s, world_t *w)
{
    (void)s;
    EXPECT(w, !leg_status(w));
    EXPECT(w, virq_fn_doorbell(&w->fn[LEG_FN], virq_eq_doorbell(LEG_EQ, false, 0, true)) == VIRQ_OK);
    EXPECT(w, leg_status(w));
}

static void c_final(scn_t *s, world_t *w)
{
    (void)s;
    uint32_t n = 0;
    EXPECT(w, virq_bus_errors(&w->pf, &n) == VIRQ_OK && n == w->refused);
    EXPECT(w, virq_vec_drop_count(&w->pf, &n) == VIRQ_OK && n == 0);
}

/* ---- the script: actions without register accesses ---- */

static void a_evt1_masked(scn_t *s, world_t *w)
{
    (void)w;
    pulse(s, 1u << 1); /* masked: nothing may leave */
}

static void a_exp_unmask(scn_t *s, world_t *w)
{
    (void)w;
    expect_msi(s, 0x1FEE01000ull, 0x4041u, 0, 1, s->c, s->c + 40);
}

static void a_evt1_live(scn_t *s, world_t *w)
{
    (void)w;
    pulse(s, 1u << 1);
    expect_msi(s, 0x1FEE01000ull, 0x4041u, 0, 1, s->c + MSG_LAT, s->c + MSG_LAT);
}

static void a_evt_intx(scn_t *s, world_t *w)
{
    (void)w;
    pulse(s, 1u << 3 | 1u << 4);
    expect_level(s, s->c + 2, false);
    expect_level(s, s->c + 3, true);
}

static void a_evt4_gated(scn_t *s, world_t *w)
{
    (void)w;
    pulse(s, 1u << 4);
    expect_level(s, s->c + 3, false);
    expect_level(s, s->c + 5, false);
}

static void a_low(scn_t *s, world_t *w)
{
    (void)w;
    expect_level(s, s->c, false);
}

static void a_high(scn_t *s, world_t *w)
{
    (void)w;
    expect_level(s, s->c, true);
}

static void a_evt3_borrower(scn_t *s, world_t *w)
{
    (void)w;
    pulse(s, 1u << 3);
    expect_msi(s, msg_addr(DRV_C), msg_data(DRV_C, 3), 1, 3, s->c + MSG_LAT, s->c + MSG_LAT);
}

static void a_poll_q0(scn_t *s, world_t *w)
{
    w->nents = 0;
    (void)virq_eq_poll(&w->q0, &s->vmem, collect, w, 0, &w->db);
    /* the two lease-expired entries (home 0), in the order the count ran
     * out: a tick may have passed between the two grants */
    uint32_t e2 = (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 2u, e3 = e2 + 1;
    if (w->nents != 2 || !((w->ents[0] == e2 && w->ents[1] == e3) || (w->ents[0] == e3 && w->ents[1] == e2))) {
        fprintf(stderr, "drv: queue 0 holds %u entries (0x%08x 0x%08x), expected the lease-expired entries of "
                        "vectors 2 and 3\n",
                w->nents, w->ents[0], w->ents[1]);
        s->failed = 1;
    }
}

static void a_evt3_home(scn_t *s, world_t *w)
{
    (void)w;
    pulse(s, 1u << 3);
    expect_msi(s, msg_addr(DRV_A), msg_data(DRV_A, 3), 0, 3, s->c + MSG_LAT, s->c + MSG_LAT);
}

static void a_route_event(scn_t *s, world_t *w)
{
    (void)w;
    virq_flow_t fl;
    virq_flow_ipv4(&fl, v4_rows[0].src, v4_rows[0].dst, v4_rows[0].sport, v4_rows[0].dport);
    (void)virq_hash_tuple(VIRQ_HASH_IPV4, &fl, s->ev_tuple);
    s->ev_valid = true;
    /* entry in queue 3 -> armed queue signals vector 5 -> VF 1's message */
    expect_msi(s, msg_addr(DRV_C), msg_data(DRV_C, 5), 1, 5, s->c, s->c + 40);
}

static void a_poll_q3(scn_t *s, world_t *w)
{
    w->nents = 0;
    (void)virq_eq_poll(&w->q3, &s->vmem, collect, w, 0, &w->db);
    if (w->nents != 1 || w->ents[0] != 0x21ABCDEFu) {
        fprintf(stderr, "drv: queue 3 holds %u entries (0x%08x), expected 0x21abcdef\n", w->nents, w->ents[0]);
        s->failed = 1;
    }
}

static void a_legacy_events(scn_t *s, world_t *w)
{
    (void)w;
    s->leg_want = 3;
}

static void a_legacy_one_more(scn_t *s, world_t *w)
{
    (void)w;
    s->leg_want = 4;
}

/* part F's ring: budget entries from the read indicator on, in order */
static void leg_poll(scn_t *s, world_t *w, unsigned budget, unsigned first)
{
    w->nents = 0;
    (void)virq_eq_poll(&w->q2, &s->vmem, collect, w, budget, &w->db);
    for (unsigned i = 0; i < budget; i++)
        if (w->nents != budget || w->ents[i] != (LEG_CODE << 24 | (0x300u + first + i))) {
            fprintf(stderr, "drv: queue %u gave %u entries (the first 0x%08x), expected %u from 0x%08x\n", LEG_EQ,
                    w->nents, w->nents ? w->ents[0] : 0u, budget, LEG_CODE << 24 | (0x300u + first));
            s->failed = 1;
            return;
        }
}

static void a_poll_q2_two(scn_t *s, world_t *w)
{
    leg_poll(s, w, 2, 0);
}

static void a_poll_q2_rest(scn_t *s, world_t *w)
{
    leg_poll(s, w, 1, 2);
}

static void a_poll_q2_last(scn_t *s, world_t *w)
{
    leg_poll(s, w, 1, 3);
}

static bool u_intx(scn_t *s)
{
    return s->intx;
}

static bool u_q0_two(scn_t *s)
{
    return (hostmem_read(s->mem, Q0_BASE) >> 24) != 0 && (hostmem_read(s->mem, Q0_BASE + 4) >> 24) != 0;
}

static bool u_q2_all(scn_t *s)
{
    return s->leg_sent == s->leg_want && (hostmem_read(s->mem, Q2_BASE + 4u * (s->leg_want - 1)) >> 24) != 0;
}

static bool u_q3_one(scn_t *s)
{
    return !s->ev_valid && (hostmem_read(s->mem, Q3_BASE) >> 24) != 0;
}

#define CALL(f) {K_CALL, #f, f, NULL, 0}
#define DO(f) {K_DO, #f, f, NULL, 0}
#define WAIT(n) {K_WAIT, "wait", NULL, NULL, n}
#define UNTIL(f, t) {K_UNTIL, #f, NULL, f, t}

static const step_t steps[] = {
    CALL(c_setup),
    /* A: masked -> pending -> unmask sends once; then straight through */
    CALL(c_a_program), DO(a_evt1_masked), WAIT(8), CALL(c_a_pending1), DO(a_exp_unmask), CALL(c_a_unmask), WAIT(8),
    CALL(c_a_pending0), DO(a_evt1_live), WAIT(8),
    /* B: ownership */
    CALL(c_b_refuse),
    /* C: two functions on the shared line, the monitor's sequence */
    CALL(c_c_assign), DO(a_evt_intx), UNTIL(u_intx, 10), CALL(c_c_line), WAIT(2), DO(a_low), CALL(c_c_vm0), WAIT(2),
    DO(a_low), CALL(c_c_vm1_early), WAIT(2), DO(a_high), CALL(c_c_line2), WAIT(2), DO(a_low), CALL(c_c_vm1), WAIT(2),
    DO(a_low), CALL(c_c_gate_off), DO(a_evt4_gated), WAIT(6), CALL(c_c_gated), WAIT(2), DO(a_high), CALL(c_c_line3),
    WAIT(2), DO(a_low),
    /* D: a loan through the broker, ended by the hardware */
    CALL(c_d_alloc), CALL(c_d_request), DO(a_evt3_borrower), WAIT(8), CALL(c_d_running), UNTIL(u_q0_two, 400),
    DO(a_poll_q0), CALL(c_d_expired), DO(a_evt3_home), WAIT(8),
    /* E: key, PRS, MVM; a packet's event becomes VF 1's message */
    CALL(c_e_setup), DO(a_route_event), UNTIL(u_q3_one, 60), WAIT(30), CALL(c_e_check), DO(a_poll_q3),
    CALL(c_e_doorbell),
    /* F: a legacy queue's level through the monitor */
    DO(a_low), CALL(c_f_setup), DO(a_low), DO(a_legacy_events), UNTIL(u_q2_all, 60), WAIT(2), DO(a_high),
    CALL(c_f_line), WAIT(2), DO(a_low), CALL(c_f_ack_eoi), WAIT(2), DO(a_high), CALL(c_f_line), WAIT(2), DO(a_low),
    DO(a_poll_q2_two), CALL(c_f_db), WAIT(2), DO(a_high), CALL(c_f_line), WAIT(2), DO(a_low),
    DO(a_poll_q2_rest), CALL(c_f_db), WAIT(2), DO(a_low), CALL(c_f_quiet), DO(a_legacy_one_more),
    UNTIL(u_q2_all, 60), WAIT(2), DO(a_low), CALL(c_f_arm), WAIT(2), DO(a_high), CALL(c_f_line), WAIT(2), DO(a_low),
    DO(a_poll_q2_last), CALL(c_f_db), WAIT(2), DO(a_low), CALL(c_final), WAIT(20)};
static const unsigned nsteps = sizeof steps / sizeof steps[0];

/* ---- the step machine ---- */

static void step_done(scn_t *s)
{
    const step_t *st = &steps[s->cur];
    if (st->kind == K_CALL) {
        s->calls++;
        s->accesses += s->nlog;
        s->checks += s->w.checks;
        if (s->w.fails) {
            fprintf(stderr, "drv: step %u (%s) at cycle %" PRIu64 ": %u of %u checks failed, first %s\n", s->cur,
                    st->name, s->c, s->w.fails, s->w.checks, s->w.why);
            s->failed = 1;
        }
        s->w.checks = s->w.fails = 0;
        s->w.why[0] = '\0';
    }
    s->cur++;
    s->started = false;
}

static void advance(scn_t *s)
{
    while (s->cur < nsteps && !s->failed) {
        const step_t *st = &steps[s->cur];
        if (!s->started) {
            s->started = true;
            s->t0 = s->c;
            s->snap = s->w;
            s->nlog = 0;
        }
        switch (st->kind) {
        case K_DO:
            st->call(s, &s->w);
            step_done(s);
            continue;
        case K_WAIT:
            if (s->c < s->t0 + st->n)
                return;
            step_done(s);
            continue;
        case K_UNTIL:
            if (!st->cond(s)) {
                if (s->c >= s->t0 + st->n) {
                    fprintf(stderr, "drv: step %u (%s): not reached within %u cycles\n", s->cur, st->name, st->n);
                    s->failed = 1;
                }
                return;
            }
            step_done(s);
            continue;
        case K_CALL:
            if (s->in_flight)
                return;
            switch (run_call(s, st->call)) {
            case RUN_DONE:
                step_done(s);
                continue;
            case RUN_ACCESS: {
                bool ok = s->want.write ? axil_bfm_write(&s->bfm, s->c, s->want.addr, s->want.data, 0xF, 0, 0, 0)
                                        : axil_bfm_read(&s->bfm, s->c, s->want.addr, 0, 0);
                if (!ok) {
                    fprintf(stderr, "drv: the BFM is busy at cycle %" PRIu64 "\n", s->c);
                    s->failed = 1;
                }
                s->in_flight = true;
                return;
            }
            default:
                s->failed = 1;
                return;
            }
        }
    }
}

static void *create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < BROKER_VEC || p->num_func < 4 || p->num_eq < 4 || p->eq_max_log2 < 4 || p->num_prs < 24 ||
        p->num_cpu < 6) {
        fprintf(stderr, "drv: needs num_vec >= 8, num_func >= 4, num_eq >= 4, eq_max_log2 >= 4, num_prs >= 24, "
                        "num_cpu >= 6\n");
        return NULL;
    }
    scn_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->p = *p;
    s->mem = hostmem_create(12);
    if (s->mem == NULL) {
        free(s);
        return NULL;
    }
    s->vmem = (virq_mem_t){s->mem, m_rd, m_wr};
    s->rbus = (virq_bus_t){s, rb_read, rb_write};
    s->bfm.ctx = s;
    s->bfm.on_b = on_b;
    s->bfm.on_r = on_r;
    return s;
}

static void drive(void *sv, uint64_t c, virq_in_t *in)
{
    scn_t *s = sv;
    s->c = c;
    s->evt = 0;
    advance(s);
    in->evt_i = s->evt;
    in->m_dma_ready_i = 1;
    in->m_msi_ready_i = 1;
    if (s->leg_sent < s->leg_want) {
        in->s_evt_valid_i = 1;
        in->s_evt_func_i = LEG_FN;
        in->s_evt_htype_i = 0; /* direct: the event names its queue */
        in->s_evt_eq_i = LEG_EQ;
        in->s_evt_code_i = LEG_CODE;
        in->s_evt_param_i = 0x300u + s->leg_sent;
    } else if (s->ev_valid) {
        in->s_evt_valid_i = 1;
        in->s_evt_func_i = 1;
        in->s_evt_htype_i = VIRQ_HTYPE_IPV4;
        in->s_evt_code_i = 0x21;
        in->s_evt_param_i = 0xABCDEF;
        memcpy(in->s_evt_tuple_i, s->ev_tuple, sizeof s->ev_tuple);
    }
    axil_bfm_drive(&s->bfm, c, in, true, true);
}

static int observe(void *sv, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    scn_t *s = sv;
    axil_bfm_observe(&s->bfm, c, in, out);
    if (in->s_evt_valid_i && out->s_evt_ready_o) {
        if (in->s_evt_func_i == LEG_FN && in->s_evt_htype_i == 0)
            s->leg_sent++;
        else
            s->ev_valid = false;
    }
    s->intx = out->intx_o & 1u;
    for (unsigned i = 0; i < s->nlev; i++) {
        if (s->lev[i].cycle == c) {
            s->nlev_checked++;
            if (s->intx != s->lev[i].level) {
                fprintf(stderr, "drv: intx_o is %u at cycle %" PRIu64 ", expected %u\n", (unsigned)s->intx, c,
                        (unsigned)s->lev[i].level);
                s->failed = 1;
            }
        }
    }
    if (out->m_dma_valid_o && in->m_dma_ready_i) {
        uint64_t a = out->m_dma_addr_o;
        bool in_q0 = a >= Q0_BASE && a < Q0_BASE + 4u * 16u, in_q3 = a >= Q3_BASE && a < Q3_BASE + 4u * 8u,
             in_q2 = a >= Q2_BASE && a < Q2_BASE + 4u * 8u;
        /* the requester is the queue's owner: queue 0 the PF's, 3 VF 1's, 2 function 3's */
        unsigned owner = in_q3 ? 1u : in_q2 ? LEG_FN : 0u;
        if ((in_q0 || in_q3 || in_q2) && out->m_dma_func_o != owner) {
            fprintf(stderr, "drv: DMA write to 0x%016" PRIx64 " at cycle %" PRIu64 " names function %u, not %u\n", a, c,
                    (unsigned)out->m_dma_func_o, owner);
            s->failed = 1;
        }
        if (!in_q0 && !in_q3 && !in_q2) {
            fprintf(stderr, "drv: DMA write to 0x%016" PRIx64 " at cycle %" PRIu64 ", outside the rings\n", a, c);
            s->failed = 1;
        }
        hostmem_write(s->mem, a, (uint32_t)out->m_dma_data_o);
        s->dma++;
    }
    if (out->m_msi_valid_o && in->m_msi_ready_i) {
        s->msgs++;
        const msi_exp_t *e = s->nmatched < s->nexp ? &s->exp[s->nmatched] : NULL;
        if (e == NULL || e->addr != out->m_msi_addr_o || e->data != (uint32_t)out->m_msi_data_o ||
            e->func != out->m_msi_func_o || e->vec != out->m_msi_vec_o || c < e->lo || c > e->hi) {
            fprintf(stderr,
                    "drv: MSI-X message [0x%" PRIx64 "] = 0x%08x (function %u, vector %u) at cycle %" PRIu64
                    " was not expected",
                    out->m_msi_addr_o, (uint32_t)out->m_msi_data_o, (unsigned)out->m_msi_func_o,
                    (unsigned)out->m_msi_vec_o, c);
            if (e)
                fprintf(stderr, "; next expected [0x%" PRIx64 "] = 0x%08x (function %u, vector %u) in cycles %" PRIu64
                                "..%" PRIu64,
                        e->addr, e->data, e->func, e->vec, e->lo, e->hi);
            fprintf(stderr, "\n");
            s->failed = 1;
        } else {
            s->nmatched++;
        }
    }
    if (s->nmatched < s->nexp && c > s->exp[s->nmatched].hi) {
        const msi_exp_t *e = &s->exp[s->nmatched];
        fprintf(stderr, "drv: MSI-X message [0x%" PRIx64 "] = 0x%08x (function %u, vector %u) missing by cycle %" PRIu64
                        "\n",
                e->addr, e->data, e->func, e->vec, e->hi);
        s->failed = 1;
    }
    if (c >= TIMEOUT) {
        fprintf(stderr, "drv: still at step %u (%s) after %u cycles\n", s->cur, steps[s->cur].name, TIMEOUT);
        s->failed = 1;
    }
    if (s->failed)
        return TB_FAIL;
    return s->cur == nsteps && !s->in_flight ? TB_PASS : TB_RUN;
}

static int finish(void *sv, uint64_t c)
{
    scn_t *s = sv;
    if (s->cur != nsteps || s->nmatched != s->nexp || s->nlev_checked != s->nlev) {
        fprintf(stderr, "drv: ended at step %u of %u, %u of %u messages, %u of %u intx_o levels\n", s->cur, nsteps,
                s->nmatched, s->nexp, s->nlev_checked, s->nlev);
        s->failed = 1;
    }
    if (!s->failed)
        printf("drv: %u driver steps, %u register accesses through the BFM (%u runs of the calls), %u checks in the "
               "calls; %u MSI-X messages and %u intx_o levels as expected, %u DMA writes, %" PRIu64 " cycles\n",
               s->calls, s->accesses, s->runs, s->checks, s->msgs, s->nlev, s->dma, c);
    return s->failed ? TB_FAIL : TB_PASS;
}

static void destroy(void *sv)
{
    scn_t *s = sv;
    hostmem_destroy(s->mem);
    free(s);
}

const tb_scenario_t tb_scn_drv = {"drv",
                                  "the sw/ driver, INTx monitor and lease broker end to end through the bus (replayed "
                                  "calls): MSI-X, INTx, leases, routing",
                                  0, create, drive, observe, finish, destroy};
