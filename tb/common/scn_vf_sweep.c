/* vf_sweep: a VF that writes every address of its register window changes
 * nothing outside its own state.
 *
 * 1. Set-up, as the host (PF window, and each function's own window for its
 *    MSI-X control and table): VF k (drawn from the seed) owns vector v
 *    (VEC[v].HOME = k), borrows vector u from VF j (VEC[u].LEASE = TO k,
 *    0xFFFF ticks) and owns event queue q (CFG.FUNC = k, INIT: unarmed).
 *    Around it, state of the others that k could corrupt: a vector of k's
 *    home lent away to VF j2 (k must not reach it while lent), pending MSI-X
 *    messages of the PF and of VF j held by a vector mask, an unmasked entry
 *    of j whose moderation unit holds an event behind a 123-tick latency
 *    counter, VF j2's latched INTx driving the shared line, MSI-X enable and
 *    function mask of VF j3, host INTx disables, armed queues of the PF (queue
 *    0) and of j, an undefined but configured queue of j3, moderation
 *    intervals, RSS key, PRS/MVM/FUNC entries, SCRATCH, TICK_DIV.
 * 2. Snapshot A: (response, data) of every 4-byte address of the PF window
 *    (0x0000..0xFFFC) and of every function window f != k.
 * 3. The hostile sweep, through window k only: every offset 0x000..0xFFC with
 *    0xFFFFFFFF, then a seed-random value per address, then a seed-random
 *    value with a random number of leading zero bits (so that narrow fields
 *    take values too), then targeted writes (a doorbell naming every queue,
 *    both arm and unarm; restart and unmask of every vector; an INTx
 *    acknowledge), then 0.
 * 4. Snapshot B, the same reads, compared with A address by address.
 *    Window k itself is not read: all of it is k's own state (its MSI-X
 *    entries of v and u, its controls), and the PF view shows what of it
 *    matters to the others.
 *
 * What may differ between A and B (k's own state as the PF sees it):
 *   - MOD[v], MOD[u] (LAT_IVL .. STATUS): the moderation units of the vectors
 *     k owns, written through FN_MOD;
 *   - EQ[q].STATUS and EQ[q].IDX: k's queue, through k's doorbell (its BASE,
 *     WB, CFG and DROPS must not change: k has no register that writes them);
 *   - FN_CTL[k].STATE: k's FN_INTX_CTRL, FN_MSIX_CTRL and INTx acknowledge.
 * Registers that change because of the scenario's own refused accesses are
 * not compared A against B but checked exactly, at every read, against the
 * scenario's count of refused responses: BUS_ERR_CNT (every refused access,
 * including the DECERR/SLVERR reads of the snapshots), BUS_ERR_INFO (the
 * last refused access) and FN_CTL[f].ERR_CNT of every function (refused
 * accesses through window f: the sweep for k, the snapshot reads for the
 * others).  Everything else -- VEC_DROP_CNT, EVT_ERR_CNT, LEASE_EXP_CNT,
 * VEC[*], FN_CTL[k].INTX, other functions' MSI-X tables and PBAs -- must be
 * identical.
 *
 * Time: nothing in this scenario changes with time alone.  No events are
 * offered after the set-up, and the moderation tick never fires after the
 * first write: TICK_DIV = 0xFFFF and the host rewrites it (same value) at
 * least every 2048 register accesses outside the sweep (a write restarts
 * the prescaler; ~2 cycles per access, so < 10 000 cycles between rewrites
 * against 65 536), and the sweep is ~4 200 writes.  So MOD[*].CNT and the
 * lease counters of u and x are static.  To make sure, the last reads of
 * the run read VEC[u].LEASE, VEC[x].LEASE and MOD[w2].CNT again: a lease
 * count only goes down, by one per tick, so if they still hold their
 * set-up values no tick happened during the whole run (should one slip
 * through, the run fails rather than passing by luck of the read order).
 *
 * Also checked while the scenario runs: every sweep write to another
 * function's vector (FN_MSIX, FN_MOD) or a doorbell naming a queue k does
 * not own is refused; no MSI-X message except from k's vectors; no guest or
 * wake interrupt of a vector k does not own after the set-up; intx_o
 * constant after the set-up (k's line is disabled by the host); no DMA write
 * outside k's ring and write-back slot (m_dma_ready_i and m_msi_ready_i 1). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axil_bfm.h"
#include "rng.h"
#include "tb.h"

enum { OP_WR, OP_RD, OP_EVT, OP_WAIT };
enum { PH_SETUP, PH_SNAP_A, PH_SWEEP, PH_SNAP_B, PH_NUM };

#define KEEPALIVE_EVERY 2048u /* host accesses between two TICK_DIV rewrites */
#define TICK_DIV_MAX 0xFFFFu
#define LEASE_TICKS 0xFFFFu
#define MAX_MSGS 40

typedef struct op {
    uint8_t kind, phase;
    uint32_t addr, data; /* OP_EVT: the evt_i mask, high word in addr; OP_WAIT: cycles in data */
    uint32_t slot;       /* OP_RD in a snapshot: index into the snapshot arrays (>= nslots: a tail read) */
} op_t;

typedef struct snap {
    uint8_t *resp;
    uint32_t *data;
} snap_t;

/* A value expected in snapshot A or B (set-up took effect / the sweep
 * reached k's own state). */
typedef struct expect {
    uint8_t which; /* 0: A, 1: B */
    uint32_t addr, mask, value;
    const char *what;
} expect_t;

#define MAX_EXPECT 32
#define NTAIL 3

typedef struct vfs {
    virq_params_t p;
    rng_t r;
    axil_bfm_t bfm;
    op_t *ops;
    size_t nops, cap, next;
    op_t cur;
    bool busy;
    uint64_t wait_until;
    int phase;
    /* the cast */
    unsigned k, j, j2, j3;                  /* functions: the hostile VF and three others */
    unsigned v, u, x, w, w2, y, p0, pv2;    /* vectors (see the header) */
    unsigned q, q2, q3;                     /* queues: k's, j's, j3's undefined one */
    uint64_t q_base, q_wb;
    unsigned q_log2;
    /* snapshots */
    uint32_t nslots, *slot_addr;
    snap_t sn[2];
    expect_t ex[MAX_EXPECT];
    unsigned nex;
    uint32_t tail_addr[NTAIL], tail_want[NTAIL], tail_data[NTAIL];
    uint8_t tail_resp[NTAIL];
    /* what the scenario knows of the bus error registers */
    uint64_t err_total, fn_err[16];
    uint32_t last_info;
    uint64_t bus_err_read[2], bus_err_pred[2];
    /* figures */
    uint64_t reads[PH_NUM], writes[PH_NUM], refused[PH_NUM];
    uint64_t sw_ok, sw_slv, sw_dec, exact_checked, keepalives;
    uint64_t msi_k, dma, irq_setup;
    int intx_ref; /* -1 until the set-up ends */
    unsigned nmsg;
    int failed;
} vfs_t;

static void fail(vfs_t *s, const char *fmt, ...)
{
    s->failed = 1;
    if (s->nmsg++ >= MAX_MSGS) {
        if (s->nmsg == MAX_MSGS + 1)
            fprintf(stderr, "vf_sweep: (further messages suppressed)\n");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("vf_sweep: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static bool push(vfs_t *s, op_t o)
{
    if (s->nops == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        op_t *n = realloc(s->ops, cap * sizeof *n);
        if (n == NULL)
            return false;
        s->ops = n;
        s->cap = cap;
    }
    s->ops[s->nops++] = o;
    return true;
}

static void wr(vfs_t *s, int phase, uint32_t addr, uint32_t data)
{
    if (!push(s, (op_t){.kind = OP_WR, .phase = (uint8_t)phase, .addr = addr, .data = data}))
        s->failed = 1;
}

static void expect(vfs_t *s, int which, uint32_t addr, uint32_t mask, uint32_t value, const char *what)
{
    if (s->nex < MAX_EXPECT)
        s->ex[s->nex++] = (expect_t){(uint8_t)which, addr, mask, value, what};
}

/* ---- register names, for the messages ---------------------------------- */

static void reg_name(const vfs_t *s, uint32_t a, char *buf, size_t n)
{
    const virq_params_t *p = &s->p;
    static const char *const mod_reg[8] = {"LAT_IVL", "OVF_IVL", "CTRL", "CMD", "CNT", "STATUS", "+0x18", "+0x1C"};
    static const char *const msix_reg[4] = {"ADDR_LO", "ADDR_HI", "DATA", "VCTRL"};
    if (a >= VIRQ_FN_WIN_BASE) {
        unsigned f = (a - VIRQ_FN_WIN_BASE) / VIRQ_FN_WIN_STRIDE, off = a & 0xFFFu;
        static const char *const fn_reg[] = {"FN_INFO", "FN_INTX_CTRL", "FN_INTX_STATE", "FN_INTX_ACK",
                                             "FN_MSIX_CTRL", "FN_DB"};
        if (off < 0x18u)
            snprintf(buf, n, "FN[%u].%s", f, fn_reg[off / 4]);
        else if (off == VIRQ_FN_PBA_BITS(0) || off == VIRQ_FN_PBA_BITS(1))
            snprintf(buf, n, "FN[%u].FN_PBA[%u]", f, (off - VIRQ_FN_PBA_BASE) / 4);
        else if (off >= VIRQ_FN_MSIX_BASE && off < VIRQ_FN_MOD_BASE)
            snprintf(buf, n, "FN[%u].FN_MSIX[%u].%s", f, (off - VIRQ_FN_MSIX_BASE) / VIRQ_FN_MSIX_STRIDE,
                     msix_reg[(off >> 2) & 3u]);
        else if (off >= VIRQ_FN_MOD_BASE)
            snprintf(buf, n, "FN[%u].FN_MOD[%u].%s", f, (off - VIRQ_FN_MOD_BASE) / VIRQ_FN_MOD_STRIDE,
                     mod_reg[(off >> 2) & 7u]);
        else
            snprintf(buf, n, "FN[%u]+0x%03x (unmapped)", f, off);
        return;
    }
    static const struct {
        uint32_t a;
        const char *name;
    } glob[] = {{VIRQ_ID_OFFSET, "ID"},
                {VIRQ_VERSION_OFFSET, "VERSION"},
                {VIRQ_FEATURES_OFFSET, "FEATURES"},
                {VIRQ_PARAMS0_OFFSET, "PARAMS0"},
                {VIRQ_SCRATCH_OFFSET, "SCRATCH"},
                {VIRQ_BUS_ERR_CNT_OFFSET, "BUS_ERR_CNT"},
                {VIRQ_BUS_ERR_INFO_OFFSET, "BUS_ERR_INFO"},
                {VIRQ_PARAMS1_OFFSET, "PARAMS1"},
                {VIRQ_TICK_DIV_OFFSET, "TICK_DIV"},
                {VIRQ_EVT_ERR_CNT_OFFSET, "EVT_ERR_CNT"},
                {VIRQ_EQ_OVF_CNT_OFFSET, "EQ_OVF_CNT"},
                {VIRQ_PARAMS2_OFFSET, "PARAMS2"},
                {VIRQ_RSS_CTRL_OFFSET, "RSS_CTRL"},
                {VIRQ_RSS_CMD_OFFSET, "RSS_CMD"},
                {VIRQ_RSS_LAST_OFFSET, "RSS_LAST"},
                {VIRQ_RSS_LAST_INFO_OFFSET, "RSS_LAST_INFO"},
                {VIRQ_VEC_DROP_CNT_OFFSET, "VEC_DROP_CNT"},
                {VIRQ_LEASE_EXP_CNT_OFFSET, "LEASE_EXP_CNT"},
                {VIRQ_GEV_LOST_CNT_OFFSET, "GEV_LOST_CNT"}};
    for (size_t i = 0; i < sizeof glob / sizeof glob[0]; i++) {
        if (glob[i].a == a) {
            snprintf(buf, n, "%s", glob[i].name);
            return;
        }
    }
    static const char *const eq_reg[] = {"BASE_LO", "BASE_HI", "WB_LO", "WB_HI", "CFG",
                                         "CMD",     "STATUS",  "IDX",   "DROPS"};
    static const char *const fnctl_reg[] = {"INTX", "STATE", "ERR_CNT", "+0xC"};
    if (a >= VIRQ_RSS_KEY_BASE && a < VIRQ_RSS_KEY_BASE + 40u)
        snprintf(buf, n, "RSS_KEY[%u]", (a - VIRQ_RSS_KEY_BASE) / 4);
    else if (a >= VIRQ_MOD_BASE && a < VIRQ_MOD_BASE + p->num_vec * VIRQ_MOD_STRIDE)
        snprintf(buf, n, "MOD[%u].%s", (a - VIRQ_MOD_BASE) / VIRQ_MOD_STRIDE, mod_reg[(a >> 2) & 7u]);
    else if (a >= VIRQ_FUNC_BASE && a < VIRQ_FUNC_BASE + p->num_func * VIRQ_FUNC_STRIDE)
        snprintf(buf, n, "FUNC[%u].%s", (a - VIRQ_FUNC_BASE) / VIRQ_FUNC_STRIDE, (a & 4u) ? "DEF" : "RSS_CFG");
    else if (a >= VIRQ_EQ_DB_BASE && a < VIRQ_EQ_DB_BASE + p->num_func * VIRQ_EQ_DB_STRIDE)
        snprintf(buf, n, "EQ_DB[%u]", (a - VIRQ_EQ_DB_BASE) / 4);
    else if (a >= VIRQ_FN_CTL_BASE && a < VIRQ_FN_CTL_BASE + p->num_func * VIRQ_FN_CTL_STRIDE)
        snprintf(buf, n, "FN_CTL[%u].%s", (a - VIRQ_FN_CTL_BASE) / VIRQ_FN_CTL_STRIDE, fnctl_reg[(a >> 2) & 3u]);
    else if (a >= VIRQ_VEC_BASE && a < VIRQ_VEC_BASE + p->num_vec * VIRQ_VEC_STRIDE)
        snprintf(buf, n, "VEC[%u].%s", (a - VIRQ_VEC_BASE) / VIRQ_VEC_STRIDE, (a & 4u) ? "LEASE" : "HOME");
    else if (a >= VIRQ_EQ_BASE && a < VIRQ_EQ_BASE + p->num_eq * VIRQ_EQ_STRIDE &&
             ((a - VIRQ_EQ_BASE) % VIRQ_EQ_STRIDE) / 4 < 9)
        snprintf(buf, n, "EQ[%u].%s", (a - VIRQ_EQ_BASE) / VIRQ_EQ_STRIDE,
                 eq_reg[((a - VIRQ_EQ_BASE) % VIRQ_EQ_STRIDE) / 4]);
    else if (a >= VIRQ_PRS_BASE && a < VIRQ_PRS_BASE + 4u * p->num_prs)
        snprintf(buf, n, "PRS[%u]", (a - VIRQ_PRS_BASE) / 4);
    else if (a >= VIRQ_MVM_BASE && a < VIRQ_MVM_BASE + 4u * p->num_func * p->num_cpu)
        snprintf(buf, n, "MVM[%u]", (a - VIRQ_MVM_BASE) / 4);
    else
        snprintf(buf, n, "0x%04x (unmapped)", a);
}

/* ---- what may differ, what is checked exactly -------------------------- */

/* Registers of k's own state in the PF view: the reason, or NULL. */
static const char *allowed(const vfs_t *s, uint32_t a)
{
    const unsigned own[2] = {s->v, s->u};
    for (unsigned i = 0; i < 2; i++)
        if (a >= VIRQ_MOD_LAT_IVL(own[i]) && a <= VIRQ_MOD_STATUS(own[i]))
            return "moderation unit of a vector k owns";
    if (a == VIRQ_EQ_STATUS(s->q) || a == VIRQ_EQ_IDX(s->q))
        return "k's event queue, through its doorbell";
    if (a == VIRQ_FN_CTL_STATE(s->k))
        return "k's INTx enable, MSI-X control and INTx acknowledge";
    return NULL;
}

static bool in_win(const vfs_t *s, uint32_t a, unsigned *f)
{
    *f = (a >> 12) & 0xFu;
    return (a >> 16) == 1u && *f < s->p.num_func;
}

static uint32_t sat32(uint64_t v)
{
    return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)v;
}

/* Registers the scenario's own refused accesses change: the value expected
 * now (true), or false for any other address. */
static bool exact(const vfs_t *s, uint32_t a, uint32_t *v)
{
    if (a == VIRQ_BUS_ERR_CNT_OFFSET) {
        *v = sat32(s->err_total);
        return true;
    }
    if (a == VIRQ_BUS_ERR_INFO_OFFSET) {
        *v = s->last_info;
        return true;
    }
    for (unsigned f = 0; f < s->p.num_func; f++) {
        if (a == VIRQ_FN_CTL_ERR_CNT(f)) {
            *v = sat32(s->fn_err[f]);
            return true;
        }
    }
    return false;
}

/* A refused access: what BUS_ERR_CNT, BUS_ERR_INFO and FN_CTL[f].ERR_CNT
 * must show from now on. */
static void account(vfs_t *s, bool write, unsigned resp, uint32_t addr)
{
    if (resp == VIRQ_RESP_OKAY)
        return;
    unsigned f;
    s->err_total++;
    s->last_info = (write ? VIRQ_BUS_ERR_INFO_WRITE_MASK : 0) | ((uint32_t)resp << VIRQ_BUS_ERR_INFO_RESP_SHIFT) |
                   (addr & VIRQ_BUS_ERR_INFO_ADDR_MASK);
    if (in_win(s, addr, &f))
        s->fn_err[f]++;
    s->refused[s->cur.phase]++;
}

/* ---- bus completions --------------------------------------------------- */

static void on_b(void *ctx, uint64_t tag, unsigned resp, uint64_t hs, uint64_t c)
{
    vfs_t *s = ctx;
    const op_t *o = &s->cur;
    (void)tag;
    (void)hs;
    s->busy = false;
    s->writes[o->phase]++;
    if (o->phase != PH_SWEEP && resp != VIRQ_RESP_OKAY) {
        char n[64];
        reg_name(s, o->addr, n, sizeof n);
        fail(s, "host write %s [0x%05x] = 0x%08x answered %u at cycle %" PRIu64 " (set-up or TICK_DIV rewrite)", n,
             o->addr, o->data, resp, c);
    }
    if (o->phase == PH_SWEEP) {
        if (resp == VIRQ_RESP_OKAY)
            s->sw_ok++;
        else if (resp == VIRQ_RESP_SLVERR)
            s->sw_slv++;
        else
            s->sw_dec++;
        /* direct isolation checks on the response */
        uint32_t off = o->addr & 0xFFFu;
        int vec = -1;
        if (off >= VIRQ_FN_MSIX_BASE && off < VIRQ_FN_MOD_BASE)
            vec = (int)((off - VIRQ_FN_MSIX_BASE) / VIRQ_FN_MSIX_STRIDE);
        else if (off >= VIRQ_FN_MOD_BASE)
            vec = (int)((off - VIRQ_FN_MOD_BASE) / VIRQ_FN_MOD_STRIDE);
        bool other_vec = vec >= 0 && (unsigned)vec < s->p.num_vec && (unsigned)vec != s->v && (unsigned)vec != s->u;
        bool other_q = off == VIRQ_FN_DB_OFFSET && ((o->data >> 16) & 0xFFu) != s->q;
        if (resp == VIRQ_RESP_OKAY && (other_vec || other_q)) {
            char n[64];
            reg_name(s, o->addr, n, sizeof n);
            fail(s, "VF %u wrote %s [0x%05x] = 0x%08x and it was accepted (%s) at cycle %" PRIu64, s->k, n, o->addr,
                 o->data, other_vec ? "a vector it does not own" : "a doorbell of a queue it does not own", c);
        }
    }
    account(s, true, resp, o->addr);
}

static void on_r(void *ctx, uint64_t tag, unsigned resp, uint32_t data, uint64_t hs, uint64_t c)
{
    vfs_t *s = ctx;
    const op_t *o = &s->cur;
    (void)tag;
    (void)hs;
    s->busy = false;
    s->reads[o->phase]++;
    if (o->phase == PH_SNAP_B && o->slot >= s->nslots) {
        s->tail_resp[o->slot - s->nslots] = (uint8_t)resp;
        s->tail_data[o->slot - s->nslots] = data;
    } else if (o->phase == PH_SNAP_A || o->phase == PH_SNAP_B) {
        unsigned b = o->phase == PH_SNAP_B;
        s->sn[b].resp[o->slot] = (uint8_t)resp;
        s->sn[b].data[o->slot] = data;
        uint32_t want;
        if (exact(s, o->addr, &want)) {
            s->exact_checked++;
            if (o->addr == VIRQ_BUS_ERR_CNT_OFFSET) {
                s->bus_err_read[b] = data;
                s->bus_err_pred[b] = s->err_total;
            }
            if (resp != VIRQ_RESP_OKAY || data != want) {
                char n[64];
                reg_name(s, o->addr, n, sizeof n);
                fail(s, "snapshot %c: %s reads resp %u 0x%08x at cycle %" PRIu64
                        ", expected 0x%08x from the refused accesses so far",
                     b ? 'B' : 'A', n, resp, data, c, want);
            }
        }
    }
    account(s, false, resp, o->addr);
}

/* ---- set-up ------------------------------------------------------------- */

static void shuffle(rng_t *r, unsigned *a, unsigned n)
{
    for (unsigned i = n - 1; i > 0; i--) {
        unsigned t = rng_below(r, i + 1), x = a[i];
        a[i] = a[t];
        a[t] = x;
    }
}

/* An MSI-X entry of vector vec through the window of its owner f. */
static void msix_entry(vfs_t *s, unsigned f, unsigned vec, bool masked)
{
    uint32_t win = VIRQ_FN_WIN(f);
    wr(s, PH_SETUP, win + VIRQ_FN_MSIX_ADDR_LO(vec), 0xFEE00000u | (f << 12) | (vec << 4));
    wr(s, PH_SETUP, win + VIRQ_FN_MSIX_ADDR_HI(vec), f);
    wr(s, PH_SETUP, win + VIRQ_FN_MSIX_DATA(vec), 0x4000u + (f << 8) + vec);
    wr(s, PH_SETUP, win + VIRQ_FN_MSIX_VCTRL(vec), masked ? 1u : 0u);
}

static void setup(vfs_t *s)
{
    const virq_params_t *p = &s->p;
    rng_t *r = &s->r;
    const uint32_t ACTIVE = VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK, VAR_B = VIRQ_MOD_CTRL_VARIANT_B_MASK;

    /* first, so that no tick runs a counter or a lease down from here on */
    wr(s, PH_SETUP, VIRQ_TICK_DIV_OFFSET, TICK_DIV_MAX);
    wr(s, PH_SETUP, VIRQ_SCRATCH_OFFSET, (uint32_t)rng_next(r));

    /* ownership */
    wr(s, PH_SETUP, VIRQ_VEC_HOME(s->v), s->k);
    wr(s, PH_SETUP, VIRQ_VEC_HOME(s->u), s->j);
    wr(s, PH_SETUP, VIRQ_VEC_HOME(s->x), s->k);
    wr(s, PH_SETUP, VIRQ_VEC_HOME(s->w), s->j);
    wr(s, PH_SETUP, VIRQ_VEC_HOME(s->w2), s->j);
    wr(s, PH_SETUP, VIRQ_VEC_HOME(s->y), s->j2);
    wr(s, PH_SETUP, VIRQ_VEC_LEASE(s->u), s->k << VIRQ_VEC_LEASE_TO_SHIFT | LEASE_TICKS);
    wr(s, PH_SETUP, VIRQ_VEC_LEASE(s->x), s->j2 << VIRQ_VEC_LEASE_TO_SHIFT | LEASE_TICKS);

    /* MSI-X control and tables, each function through its own window; k's
     * MSI-X stays disabled (its vector interrupt latches its INTx) */
    wr(s, PH_SETUP, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_CTRL_OFFSET, VIRQ_FN_MSIX_CTRL_ENABLE_MASK);
    wr(s, PH_SETUP, VIRQ_FN_WIN(s->j) + VIRQ_FN_MSIX_CTRL_OFFSET, VIRQ_FN_MSIX_CTRL_ENABLE_MASK);
    wr(s, PH_SETUP, VIRQ_FN_WIN(s->j3) + VIRQ_FN_MSIX_CTRL_OFFSET,
       VIRQ_FN_MSIX_CTRL_ENABLE_MASK | VIRQ_FN_MSIX_CTRL_FMASK_MASK);
    wr(s, PH_SETUP, VIRQ_FN_WIN(s->j3) + VIRQ_FN_INTX_CTRL_OFFSET, 0);
    msix_entry(s, 0, s->p0, true);
    msix_entry(s, 0, s->pv2, false);
    msix_entry(s, s->j, s->w, true);
    msix_entry(s, s->j, s->w2, false);
    msix_entry(s, s->j2, s->x, false); /* x is k's, lent to j2 */

    /* host INTx disables: k's line (so k's own INTx never shows on intx_o),
     * and j3's */
    wr(s, PH_SETUP, VIRQ_FN_CTL_INTX(s->k), 1);
    wr(s, PH_SETUP, VIRQ_FN_CTL_INTX(s->j3), 1);

    /* one interrupt each now (guest active, intervals 0): p0 and w leave a
     * pending bit behind their mask, y latches j2's INTx, v latches k's;
     * w2 keeps its event behind a latency counter of 123 ticks */
    const unsigned once[] = {s->v, s->w, s->y, s->p0};
    uint64_t mask = 1ull << s->w2;
    for (unsigned i = 0; i < 4; i++) {
        wr(s, PH_SETUP, VIRQ_MOD_CTRL(once[i]), ACTIVE);
        mask |= 1ull << once[i];
    }
    wr(s, PH_SETUP, VIRQ_MOD_CTRL(s->w2), ACTIVE);
    wr(s, PH_SETUP, VIRQ_MOD_LAT_IVL(s->w2), 123);
    wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(s->w2), 456);
    if (!push(s, (op_t){.kind = OP_EVT, .phase = PH_SETUP, .addr = (uint32_t)(mask >> 32), .data = (uint32_t)mask}) ||
        !push(s, (op_t){.kind = OP_WAIT, .phase = PH_SETUP, .data = 20}))
        s->failed = 1;

    /* moderation state of every kind, on k's units and on the others' */
    wr(s, PH_SETUP, VIRQ_MOD_LAT_IVL(s->v), 40);
    wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(s->v), 300);
    wr(s, PH_SETUP, VIRQ_MOD_LAT_IVL(s->u), 50);
    wr(s, PH_SETUP, VIRQ_MOD_CTRL(s->u), VAR_B);
    wr(s, PH_SETUP, VIRQ_MOD_LAT_IVL(s->x), 77);
    wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(s->x), 777);
    wr(s, PH_SETUP, VIRQ_MOD_CTRL(s->x), ACTIVE);
    wr(s, PH_SETUP, VIRQ_MOD_LAT_IVL(s->w), 1000);
    wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(s->y), 2000);
    wr(s, PH_SETUP, VIRQ_MOD_CTRL(s->y), VAR_B);
    wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(s->p0), 999);
    wr(s, PH_SETUP, VIRQ_MOD_LAT_IVL(s->pv2), 1 + rng_below(r, 0xFFFF));
    wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(s->pv2), 1 + rng_below(r, 0xFFFF));
    for (unsigned i = 0; i < p->num_vec; i += 5) /* and a few more units of the PF */
        if (i != s->v && i != s->u && i != s->x && i != s->w && i != s->w2 && i != s->y && i != s->p0 && i != s->pv2)
            wr(s, PH_SETUP, VIRQ_MOD_OVF_IVL(i), 1 + rng_below(r, 0xFFFF));

    /* event queues: the PF's queue 0 armed; k's queue q unarmed, with a
     * write-back slot; j's queue q2 armed through j's own doorbell; j3's q3
     * configured but undefined */
    const uint32_t CFG_FUNC = VIRQ_EQ_CFG_FUNC_SHIFT, CFG_VEC = VIRQ_EQ_CFG_VEC_SHIFT;
    wr(s, PH_SETUP, VIRQ_EQ_BASE_LO(0), 0x80000000u);
    wr(s, PH_SETUP, VIRQ_EQ_CFG(0), 6u | 0u << CFG_FUNC | s->p0 << CFG_VEC);
    wr(s, PH_SETUP, VIRQ_EQ_CMD(0), VIRQ_EQ_CMD_INIT_MASK);
    wr(s, PH_SETUP, VIRQ_EQ_DB_DB(0), VIRQ_EQ_DB_DB_ARM_MASK | 0u << VIRQ_EQ_DB_DB_EQ_SHIFT);
    wr(s, PH_SETUP, VIRQ_EQ_BASE_LO(s->q), (uint32_t)s->q_base);
    wr(s, PH_SETUP, VIRQ_EQ_BASE_HI(s->q), (uint32_t)(s->q_base >> 32));
    wr(s, PH_SETUP, VIRQ_EQ_WB_LO(s->q), (uint32_t)s->q_wb);
    wr(s, PH_SETUP, VIRQ_EQ_WB_HI(s->q), (uint32_t)(s->q_wb >> 32));
    wr(s, PH_SETUP, VIRQ_EQ_CFG(s->q),
       s->q_log2 | VIRQ_EQ_CFG_WB_EN_MASK | 2u << VIRQ_EQ_CFG_WB_EVERY_SHIFT | s->k << CFG_FUNC | s->v << CFG_VEC);
    wr(s, PH_SETUP, VIRQ_EQ_CMD(s->q), VIRQ_EQ_CMD_INIT_MASK);
    wr(s, PH_SETUP, VIRQ_EQ_BASE_LO(s->q2), 0x50000000u + 0x1000u * s->q2);
    wr(s, PH_SETUP, VIRQ_EQ_CFG(s->q2), 5u | s->j << CFG_FUNC | s->w2 << CFG_VEC);
    wr(s, PH_SETUP, VIRQ_EQ_CMD(s->q2), VIRQ_EQ_CMD_INIT_MASK);
    wr(s, PH_SETUP, VIRQ_FN_WIN(s->j) + VIRQ_FN_DB_OFFSET, VIRQ_EQ_DB_DB_ARM_MASK | s->q2 << VIRQ_EQ_DB_DB_EQ_SHIFT);
    wr(s, PH_SETUP, VIRQ_EQ_BASE_LO(s->q3), 0x60000000u + 0x1000u * s->q3);
    wr(s, PH_SETUP, VIRQ_EQ_WB_LO(s->q3), 0x68000000u);
    wr(s, PH_SETUP, VIRQ_EQ_CFG(s->q3),
       3u | VIRQ_EQ_CFG_WB_EN_MASK | s->j3 << CFG_FUNC | s->pv2 << CFG_VEC);

    /* routing */
    for (unsigned i = 0; i < 10; i++)
        wr(s, PH_SETUP, VIRQ_RSS_KEY_KEY(i), (uint32_t)rng_next(r));
    wr(s, PH_SETUP, VIRQ_RSS_CMD_OFFSET, VIRQ_RSS_CMD_COMMIT_MASK);
    for (unsigned i = 0; i < 10; i++) /* a shadow key different from the committed one */
        if (i % 3 == 0)
            wr(s, PH_SETUP, VIRQ_RSS_KEY_KEY(i), (uint32_t)rng_next(r));
    wr(s, PH_SETUP, VIRQ_RSS_CTRL_OFFSET, VIRQ_RSS_CTRL_MVM_MODE_MASK | (uint32_t)rng_below(r, 64));
    unsigned slice = 16;
    while (slice > 1 && slice * p->num_func > p->num_prs)
        slice /= 2;
    for (unsigned f = 0; f < p->num_func; f++) {
        wr(s, PH_SETUP, VIRQ_FUNC_RSS_CFG(f), (f * slice) << 16 | (slice - 1));
        wr(s, PH_SETUP, VIRQ_FUNC_DEF(f), rng_below(r, p->num_eq) << 8 | rng_below(r, p->num_cpu));
    }
    for (unsigned i = 0; i < p->num_prs && i < 48; i++)
        wr(s, PH_SETUP, VIRQ_PRS_ENTRY(i), rng_below(r, p->num_eq) << 8 | rng_below(r, p->num_cpu));
    for (unsigned i = 0; i < p->num_func * p->num_cpu && i < 48; i++)
        wr(s, PH_SETUP, VIRQ_MVM_ENTRY(i),
           (rng_pct(r, 70) ? VIRQ_MVM_ENTRY_VEC_VALID_MASK : 0) | rng_below(r, p->num_vec) << 8 |
               rng_below(r, p->num_eq));

    /* the set-up took effect (snapshot A) */
    expect(s, 0, VIRQ_TICK_DIV_OFFSET, ~0u, TICK_DIV_MAX, "TICK_DIV");
    expect(s, 0, VIRQ_VEC_HOME(s->v), ~0u, s->k, "v's home is k");
    expect(s, 0, VIRQ_VEC_LEASE(s->v), ~0u, s->k << 16, "v owned by k, not lent");
    expect(s, 0, VIRQ_VEC_LEASE(s->u), ~0u, s->k << 16 | LEASE_TICKS, "u lent to k, no tick yet");
    expect(s, 0, VIRQ_VEC_LEASE(s->x), ~0u, s->j2 << 16 | LEASE_TICKS, "x lent to j2, no tick yet");
    expect(s, 0, VIRQ_LEASE_EXP_CNT_OFFSET, ~0u, 0, "no lease expired");
    expect(s, 0, VIRQ_FN_WIN(s->j) + VIRQ_FN_PBA_BITS(s->w / 32), 1u << (s->w % 32), 1u << (s->w % 32),
           "w's message pending behind its mask");
    expect(s, 0, VIRQ_FN_WIN(0) + VIRQ_FN_PBA_BITS(s->p0 / 32), 1u << (s->p0 % 32), 1u << (s->p0 % 32),
           "p0's message pending behind its mask");
    expect(s, 0, VIRQ_FN_CTL_STATE(s->j2), 0xFu, 0xFu, "j2's INTx latched and on the line");
    expect(s, 0, VIRQ_FN_CTL_STATE(s->k), 0xFu, 0x7u, "k's INTx latched, line disabled by the host");
    expect(s, 0, VIRQ_MOD_STATUS(s->w2), VIRQ_MOD_STATUS_EVENT_FLAG_MASK, VIRQ_MOD_STATUS_EVENT_FLAG_MASK,
           "w2 holds an event");
    expect(s, 0, VIRQ_MOD_CNT(s->w2), ~0u, 456u << 16 | 123u, "w2's counters");
    expect(s, 0, VIRQ_EQ_STATUS(0), VIRQ_EQ_STATUS_STATE_MASK, VIRQ_EQ_STATE_ARMED, "queue 0 armed");
    expect(s, 0, VIRQ_EQ_STATUS(s->q2), VIRQ_EQ_STATUS_STATE_MASK, VIRQ_EQ_STATE_ARMED, "j's queue armed");
    expect(s, 0, VIRQ_EQ_STATUS(s->q), VIRQ_EQ_STATUS_STATE_MASK, VIRQ_EQ_STATE_UNARMED, "k's queue unarmed");
    /* the sweep reached k's own state (snapshot B): the allow-list is not
     * a blank cheque for registers nobody wrote */
    expect(s, 1, VIRQ_EQ_STATUS(s->q), VIRQ_EQ_STATUS_STATE_MASK, VIRQ_EQ_STATE_ARMED, "k armed its queue");
    expect(s, 1, VIRQ_MOD_LAT_IVL(s->v), ~0u, 0, "k cleared v's latency interval");
    expect(s, 1, VIRQ_MOD_CTRL(s->u), ~0u, 0, "k cleared u's control");
    expect(s, 1, VIRQ_FN_CTL_STATE(s->k), ~0u, 0, "k's INTx acknowledged and disabled, MSI-X off");
}

/* TICK_DIV rewritten with its value: restarts the prescaler, so no tick. */
static void keepalive(vfs_t *s, int phase)
{
    wr(s, phase, VIRQ_TICK_DIV_OFFSET, TICK_DIV_MAX);
    s->keepalives++;
}

static void snapshot(vfs_t *s, int phase)
{
    for (uint32_t i = 0; i < s->nslots; i++) {
        if (i % KEEPALIVE_EVERY == 0)
            keepalive(s, phase);
        if (!push(s, (op_t){.kind = OP_RD, .phase = (uint8_t)phase, .addr = s->slot_addr[i], .slot = i}))
            s->failed = 1;
    }
}

static void sweep(vfs_t *s)
{
    rng_t *r = &s->r;
    uint32_t win = VIRQ_FN_WIN(s->k);
    for (unsigned pass = 0; pass < 3; pass++) {
        for (uint32_t off = 0; off < VIRQ_FN_WIN_STRIDE; off += 4) {
            uint32_t d = pass == 0 ? 0xFFFFFFFFu : (uint32_t)rng_next(r);
            if (pass == 2)
                d >>= rng_below(r, 32);
            wr(s, PH_SWEEP, win + off, d);
        }
    }
    /* targeted: k's doorbell naming every queue (arm with RI valid, then
     * unarm), restart and unmask of every vector, an INTx acknowledge; k's
     * own queue ends armed */
    unsigned nq = s->p.num_eq < 256 ? s->p.num_eq + 1 : 256;
    for (unsigned e = 0; e < nq; e++) {
        unsigned qq = e < s->p.num_eq ? e : 255;
        wr(s, PH_SWEEP, win + VIRQ_FN_DB_OFFSET,
           VIRQ_EQ_DB_DB_ARM_MASK | VIRQ_EQ_DB_DB_VALID_MASK | qq << VIRQ_EQ_DB_DB_EQ_SHIFT);
        wr(s, PH_SWEEP, win + VIRQ_FN_DB_OFFSET, qq << VIRQ_EQ_DB_DB_EQ_SHIFT);
    }
    for (unsigned i = 0; i < s->p.num_vec; i++) {
        wr(s, PH_SWEEP, win + VIRQ_FN_MOD_CMD(i), VIRQ_MOD_CMD_LAT_RESTART_MASK | VIRQ_MOD_CMD_OVF_RESTART_MASK);
        wr(s, PH_SWEEP, win + VIRQ_FN_MSIX_VCTRL(i), 0);
    }
    wr(s, PH_SWEEP, win + VIRQ_FN_INTX_ACK_OFFSET, VIRQ_FN_INTX_ACK_ACK_MASK);
    wr(s, PH_SWEEP, win + VIRQ_FN_DB_OFFSET, VIRQ_EQ_DB_DB_ARM_MASK | s->q << VIRQ_EQ_DB_DB_EQ_SHIFT);
    for (uint32_t off = 0; off < VIRQ_FN_WIN_STRIDE; off += 4)
        wr(s, PH_SWEEP, win + off, 0);
}

static void destroy(void *sv)
{
    vfs_t *s = sv;
    if (s == NULL)
        return;
    free(s->ops);
    free(s->slot_addr);
    for (unsigned b = 0; b < 2; b++) {
        free(s->sn[b].resp);
        free(s->sn[b].data);
    }
    free(s);
}

static void *create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)cycles;
    /* each function gets a PRS slice of its own, one entry at least */
    if (p->num_func < 5 || p->num_vec < 8 || p->num_eq < 4 || p->eq_max_log2 < 6 || p->num_prs < p->num_func) {
        fprintf(stderr, "vf_sweep: needs num_func >= 5, num_vec >= 8, num_eq >= 4, eq_max_log2 >= 6, num_prs >= num_func\n");
        return NULL;
    }
    vfs_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->p = *p;
    s->r.s = seed;
    s->intx_ref = -1;
    s->bfm.ctx = s;
    s->bfm.on_b = on_b;
    s->bfm.on_r = on_r;

    /* the cast, from the seed */
    unsigned fn[16], vec[64], eq[256];
    for (unsigned i = 0; i + 1 < p->num_func; i++)
        fn[i] = i + 1;
    shuffle(&s->r, fn, p->num_func - 1);
    s->k = fn[0], s->j = fn[1], s->j2 = fn[2], s->j3 = fn[3];
    for (unsigned i = 0; i < p->num_vec; i++)
        vec[i] = i;
    shuffle(&s->r, vec, p->num_vec);
    s->v = vec[0], s->u = vec[1], s->x = vec[2], s->w = vec[3], s->w2 = vec[4], s->y = vec[5], s->p0 = vec[6],
    s->pv2 = vec[7];
    for (unsigned i = 0; i + 1 < p->num_eq; i++)
        eq[i] = i + 1;
    shuffle(&s->r, eq, p->num_eq - 1);
    s->q = eq[0], s->q2 = eq[1], s->q3 = eq[2];
    s->q_log2 = 4;
    s->q_base = 0x0000001240000000ull + 0x1000ull * s->q;
    s->q_wb = 0x0000001270000000ull + 0x40ull * s->q;

    /* the snapshot addresses: the PF window, then every window but k's */
    s->nslots = 0x10000u / 4 + (p->num_func - 1) * (VIRQ_FN_WIN_STRIDE / 4);
    s->slot_addr = malloc(s->nslots * sizeof *s->slot_addr);
    for (unsigned b = 0; b < 2; b++) {
        s->sn[b].resp = malloc(s->nslots);
        s->sn[b].data = malloc(s->nslots * sizeof(uint32_t));
    }
    if (s->slot_addr == NULL || s->sn[0].resp == NULL || s->sn[0].data == NULL || s->sn[1].resp == NULL ||
        s->sn[1].data == NULL) {
        destroy(s);
        return NULL;
    }
    uint32_t n = 0;
    for (uint32_t a = 0; a < 0x10000u; a += 4)
        s->slot_addr[n++] = a;
    for (unsigned f = 0; f < p->num_func; f++)
        if (f != s->k)
            for (uint32_t off = 0; off < VIRQ_FN_WIN_STRIDE; off += 4)
                s->slot_addr[n++] = VIRQ_FN_WIN(f) + off;

    setup(s);
    snapshot(s, PH_SNAP_A);
    keepalive(s, PH_SNAP_A); /* the sweep starts with a fresh prescaler */
    sweep(s);
    snapshot(s, PH_SNAP_B);
    /* the tail: no tick happened (see the header) */
    s->tail_addr[0] = VIRQ_VEC_LEASE(s->u);
    s->tail_want[0] = s->k << 16 | LEASE_TICKS;
    s->tail_addr[1] = VIRQ_VEC_LEASE(s->x);
    s->tail_want[1] = s->j2 << 16 | LEASE_TICKS;
    s->tail_addr[2] = VIRQ_MOD_CNT(s->w2);
    s->tail_want[2] = 456u << 16 | 123u;
    for (unsigned i = 0; i < NTAIL; i++)
        if (!push(s, (op_t){.kind = OP_RD, .phase = PH_SNAP_B, .addr = s->tail_addr[i], .slot = s->nslots + i}))
            s->failed = 1;
    if (s->failed) {
        destroy(s);
        return NULL;
    }
    return s;
}

/* ---- per cycle ------------------------------------------------------------ */

static void drive(void *sv, uint64_t c, virq_in_t *in)
{
    vfs_t *s = sv;
    in->m_dma_ready_i = 1;
    in->m_msi_ready_i = 1;
    if (!s->busy && c >= s->wait_until && s->next < s->nops) {
        const op_t *o = &s->ops[s->next++];
        s->phase = o->phase;
        switch (o->kind) {
        case OP_WR:
            s->cur = *o;
            s->busy = axil_bfm_write(&s->bfm, c, o->addr, o->data, 0xF, 0, 0, 0);
            break;
        case OP_RD:
            s->cur = *o;
            s->busy = axil_bfm_read(&s->bfm, c, o->addr, 0, 0);
            break;
        case OP_EVT: in->evt_i = (uint64_t)o->addr << 32 | o->data; break;
        default: s->wait_until = c + o->data; break;
        }
    }
    axil_bfm_drive(&s->bfm, c, in, true, true);
}

static int observe(void *sv, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    vfs_t *s = sv;
    axil_bfm_observe(&s->bfm, c, in, out);
    uint64_t own = 1ull << s->v | 1ull << s->u;
    if (out->m_msi_valid_o && in->m_msi_ready_i) {
        if (out->m_msi_func_o != s->k || !((own >> out->m_msi_vec_o) & 1u))
            fail(s, "MSI-X message of function %" PRIu64 " vector %" PRIu64 " [%016" PRIx64 "] = %08" PRIx64
                    " at cycle %" PRIu64 " (only VF %u's vectors %u and %u may send)",
                 out->m_msi_func_o, out->m_msi_vec_o, out->m_msi_addr_o, out->m_msi_data_o, c, s->k, s->v, s->u);
        else
            s->msi_k++;
    }
    if (out->m_dma_valid_o && in->m_dma_ready_i) {
        uint64_t a = out->m_dma_addr_o;
        bool ok = (a >= s->q_base && a < s->q_base + (4ull << s->q_log2)) || a == s->q_wb;
        if (!ok)
            fail(s, "DMA write [%016" PRIx64 "] = %08" PRIx64 " at cycle %" PRIu64 " outside VF %u's queue %u", a,
                 out->m_dma_data_o, c, s->k, s->q);
        s->dma++;
    }
    uint64_t irq = out->guest_irq_o | out->wake_irq_o;
    if (s->phase == PH_SETUP) {
        s->irq_setup += (uint64_t)__builtin_popcountll(irq);
    } else {
        if (irq & ~own)
            fail(s, "interrupt of vector(s) 0x%" PRIx64 " (guest 0x%" PRIx64 ", wake 0x%" PRIx64 ") at cycle %" PRIu64
                    " after the set-up",
                 irq & ~own, out->guest_irq_o, out->wake_irq_o, c);
        if (s->intx_ref < 0)
            s->intx_ref = (int)(out->intx_o & 1u);
        else if ((int)(out->intx_o & 1u) != s->intx_ref) {
            fail(s, "intx_o changed to %u at cycle %" PRIu64 " (j2 drives it; k's line is disabled by the host)",
                 (unsigned)(out->intx_o & 1u), c);
            s->intx_ref = (int)(out->intx_o & 1u);
        }
    }
    if (s->failed && s->nmsg > MAX_MSGS)
        return TB_FAIL;
    return s->next >= s->nops && !s->busy ? TB_PASS : TB_RUN;
}

static int finish(void *sv, uint64_t c)
{
    vfs_t *s = sv;
    if (s->next < s->nops || s->busy) {
        fail(s, "run ended after %" PRIu64 " cycles with %zu of %zu operations done", c, s->next, s->nops);
        return TB_FAIL;
    }
    char n[64];
    for (unsigned i = 0; i < s->nex; i++) {
        const expect_t *e = &s->ex[i];
        uint32_t slot = UINT32_MAX;
        for (uint32_t t = 0; t < s->nslots; t++)
            if (s->slot_addr[t] == e->addr)
                slot = t;
        if (slot == UINT32_MAX)
            continue;
        uint32_t d = s->sn[e->which].data[slot];
        if (s->sn[e->which].resp[slot] != VIRQ_RESP_OKAY || (d & e->mask) != e->value) {
            reg_name(s, e->addr, n, sizeof n);
            fail(s, "snapshot %c: %s = 0x%08x (resp %u), expected 0x%08x under mask 0x%08x: %s", e->which ? 'B' : 'A',
                 n, d, s->sn[e->which].resp[slot], e->value, e->mask, e->what);
        }
    }
    for (unsigned i = 0; i < NTAIL; i++) {
        if (s->tail_resp[i] != VIRQ_RESP_OKAY || s->tail_data[i] != s->tail_want[i]) {
            reg_name(s, s->tail_addr[i], n, sizeof n);
            fail(s, "last read: %s = 0x%08x (resp %u), set up as 0x%08x: a moderation tick happened during the run "
                    "(TICK_DIV rewrites too far apart?)",
                 n, s->tail_data[i], s->tail_resp[i], s->tail_want[i]);
        }
    }
    uint64_t same = 0, allowed_diff = 0, bad = 0, exact_diff = 0;
    for (uint32_t t = 0; t < s->nslots; t++) {
        uint32_t a = s->slot_addr[t], da = s->sn[0].data[t], db = s->sn[1].data[t];
        unsigned ra = s->sn[0].resp[t], rb = s->sn[1].resp[t];
        uint32_t dummy;
        if (ra == rb && da == db) {
            same++;
            continue;
        }
        if (exact(s, a, &dummy)) {
            exact_diff++; /* checked at each read against the refused accesses */
            continue;
        }
        const char *why = allowed(s, a);
        if (why != NULL) {
            allowed_diff++;
            continue;
        }
        bad++;
        reg_name(s, a, n, sizeof n);
        fail(s, "%s [0x%05x] changed: before resp %u data 0x%08x, after resp %u data 0x%08x", n, a, ra, da, rb, db);
    }
    /* FN_CTL[k].ERR_CNT = the refused sweep writes (nothing else goes
     * through window k); BUS_ERR_CNT grew by the refused accesses between
     * its two reads */
    uint64_t sweep_refused = s->sw_slv + s->sw_dec;
    uint32_t slot_k = 0;
    for (uint32_t t = 0; t < s->nslots; t++)
        if (s->slot_addr[t] == VIRQ_FN_CTL_ERR_CNT(s->k))
            slot_k = t;
    if (s->sn[1].data[slot_k] != sweep_refused || s->sn[0].data[slot_k] != 0)
        fail(s, "FN_CTL[%u].ERR_CNT: %u before, %u after the sweep; %" PRIu64 " sweep writes were refused", s->k,
             s->sn[0].data[slot_k], s->sn[1].data[slot_k], sweep_refused);
    if (s->writes[PH_SWEEP] != s->sw_ok + sweep_refused)
        fail(s, "sweep: %" PRIu64 " writes, %" PRIu64 " answered", s->writes[PH_SWEEP], s->sw_ok + sweep_refused);
    if (s->failed) {
        fprintf(stderr, "vf_sweep: %" PRIu64 " addresses differ outside k's own state, %" PRIu64 " allowed\n", bad,
                allowed_diff);
        return TB_FAIL;
    }
    uint64_t reads = s->reads[PH_SNAP_A] + s->reads[PH_SNAP_B];
    printf("vf_sweep: VF %u (vector %u home, %u lent by VF %u; queue %u): %" PRIu64 " snapshot reads (%" PRIu64
           " refused), %" PRIu64 " host writes (%" PRIu64 " TICK_DIV rewrites), %" PRIu64
           " sweep writes through window %u: %" PRIu64 " refused (%" PRIu64 " SLVERR, %" PRIu64 " DECERR), %" PRIu64
           " accepted; BUS_ERR_CNT %" PRIu64 " -> %" PRIu64 " (+%" PRIu64 " refused sweep writes +%" PRIu64
           " refused snapshot reads in between), FN_CTL[%u].ERR_CNT %" PRIu64 "; %" PRIu64
           " addresses compared: %" PRIu64 " identical, %" PRIu64 " differ in k's own state (allowed), %" PRIu64
           " error counters checked exactly (%" PRIu64 " reads); MSI-X from k %" PRIu64 ", DMA writes %" PRIu64
           ", set-up interrupts %" PRIu64 "\n",
           s->k, s->v, s->u, s->j, s->q, reads, s->refused[PH_SNAP_A] + s->refused[PH_SNAP_B],
           s->writes[PH_SETUP] + s->writes[PH_SNAP_A] + s->writes[PH_SNAP_B], s->keepalives, s->writes[PH_SWEEP], s->k,
           sweep_refused, s->sw_slv, s->sw_dec, s->sw_ok, s->bus_err_read[0], s->bus_err_read[1], sweep_refused,
           s->bus_err_pred[1] - s->bus_err_pred[0] - sweep_refused, s->k, sweep_refused,
           (uint64_t)s->nslots, same, allowed_diff, exact_diff, s->exact_checked, s->msi_k, s->dma, s->irq_setup);
    return TB_PASS;
}

const tb_scenario_t tb_scn_vf_sweep = {"vf_sweep",
                                       "a VF writes every address of its window: nothing outside its own state changes",
                                       0, create, drive, observe, finish, destroy};
