/* Lockstep scenarios, written once in C and run on every simulator.
 *
 * The directed scenarios carry their own expectations, worked out by hand
 * from seed 000/001 and the timing contract in docs/moderation.md (the
 * comments show the arithmetic).  They check the DUT outputs, so a mistake
 * made the same way in the RTL and in the model still fails them.  The
 * random scenario relies on the lockstep comparison and checks coverage. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axil_bfm.h"
#include "rng.h"
#include "tb.h"
#include "virq/virq_toeplitz.h"
#include "rss_suite.h"

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* directed scenarios: a list of timed steps and the complete list of the    */
/* interrupts expected                                                       */

enum step_kind { ST_WRITE, ST_READ, ST_EVT, ST_SEVT, ST_GEV, ST_RST };
enum irq_kind { IRQ_GUEST, IRQ_WAKE };

typedef struct step {
    enum step_kind kind;
    uint64_t at;
    uint32_t addr, data; /* write data / expected read data */
    uint64_t evt;
    unsigned func, eq, code; /* ST_SEVT: one beat on the event stream */
    unsigned htype;          /*   with its hash type and tuple */
    uint8_t tuple[VIRQ_HASH_TUPLE_MAX_BYTES];
    unsigned gev;            /* ST_GEV: global event inputs high this cycle */
    uint8_t strb;
    unsigned resp; /* expected response */
    unsigned hold; /* a write, read or stream beat offered this many cycles
                    * before the cycle it must be taken in (d_hold) */
    bool lost;     /* a write or read a reset cuts off: no response (d_lost) */
    bool done;
} step_t;

typedef struct irq_ev {
    uint64_t cycle;
    unsigned unit;
    enum irq_kind kind;
} irq_ev_t;

#define MAX_STEPS 256
#define MAX_IRQS 256
#define MAX_DMA 128

typedef struct dma_ev {
    uint64_t cycle, addr;
    uint32_t data;
} dma_ev_t;

/* An MSI-X message: the cycle of its handshake on m_msi_*. */
typedef struct msi_ev {
    uint64_t cycle, addr;
    uint32_t data;
    unsigned func, vec;
} msi_ev_t;

#define MAX_MSI 32
#define MAX_LEVELS 64
#define MAX_STALLS 8

/* The engine's output request ports (m_dma_*, m_msi_*): the scenario
 * holds a port's ready low in [from, to] windows, and names cycles in which
 * a request must be waiting there (valid high, ready low). */
enum oport { OP_DMA, OP_MSI, NUM_OPORTS };
typedef struct port_sched {
    struct { uint64_t from, to; } stall[MAX_STALLS];
    unsigned nstall;
    uint64_t wait[MAX_STALLS];
    unsigned nwait;
} port_sched_t;

typedef struct directed {
    const char *name;
    virq_params_t p;
    axil_bfm_t bfm;
    step_t steps[MAX_STEPS];
    unsigned nsteps;
    irq_ev_t expect[MAX_IRQS], seen[MAX_IRQS];
    unsigned nexpect, nseen;
    dma_ev_t dexpect[MAX_DMA], dseen[MAX_DMA];
    unsigned ndexpect, ndseen;
    bool check_dma; /* the scenario lists every DMA write it expects */
    msi_ev_t mexpect[MAX_MSI], mseen[MAX_MSI]; /* every MSI-X message, always checked */
    unsigned nmexpect, nmseen;
    struct { uint64_t cycle; bool level; } intx[MAX_LEVELS]; /* intx_o at chosen cycles */
    unsigned nintx;
    port_sched_t port[NUM_OPORTS]; /* the output request ports' stalls and waits */
    uint64_t end;
    int failed;
} directed_t;

/* A register write that the register file decides in cycle `at' (the
 * cycle its effects are counted from in the expectations): the harness
 * issues it TB_WDEC_LAT cycles earlier, and it must be accepted then. */
static void d_write(directed_t *d, uint64_t at, uint32_t addr, uint32_t data, uint8_t strb, unsigned resp)
{
    d->steps[d->nsteps++] = (step_t){.kind = ST_WRITE, .at = at, .addr = addr, .data = data, .strb = strb, .resp = resp};
}

/* A register read that returns the registers as they are in cycle `at' (its
 * answer cycle): the harness issues it TB_RANS_LAT cycles earlier. */
static void d_read(directed_t *d, uint64_t at, uint32_t addr, unsigned resp, uint32_t data)
{
    d->steps[d->nsteps++] = (step_t){.kind = ST_READ, .at = at, .addr = addr, .data = data, .resp = resp};
}

static void d_evt(directed_t *d, uint64_t at, uint64_t mask)
{
    d->steps[d->nsteps++] = (step_t){.kind = ST_EVT, .at = at, .evt = mask};
}

static void d_sevt(directed_t *d, uint64_t at, unsigned func, unsigned eq, unsigned code, uint32_t param)
{
    d->steps[d->nsteps++] = (step_t){.kind = ST_SEVT, .at = at, .func = func, .eq = eq, .code = code, .data = param};
}

/* A data event with hash type htype (VIRQ_HTYPE_*) and its tuple. */
static void d_sevt_rss(directed_t *d, uint64_t at, unsigned func, unsigned code, uint32_t param, unsigned htype,
                       const uint8_t tuple[VIRQ_HASH_TUPLE_MAX_BYTES])
{
    step_t *s = &d->steps[d->nsteps++];
    *s = (step_t){.kind = ST_SEVT, .at = at, .func = func, .code = code, .data = param, .htype = htype};
    memcpy(s->tuple, tuple, VIRQ_HASH_TUPLE_MAX_BYTES);
}

static void d_gev(directed_t *d, uint64_t at, unsigned mask)
{
    d->steps[d->nsteps++] = (step_t){.kind = ST_GEV, .at = at, .gev = mask};
}

/* rst_ni = 0 in cycle `at': the engine resets at the edge ending at + 1
 * (virq_top registers rst_ni, docs/design.md "Reset"). */
static void d_reset(directed_t *d, uint64_t at)
{
    d->steps[d->nsteps++] = (step_t){.kind = ST_RST, .at = at};
}

/* The last step (a write, read or stream beat) is offered `cycles' cycles
 * before the cycle it is due to be taken in, and must be refused until then
 * (the input held off by a reset cycle). */
static void d_hold(directed_t *d, unsigned cycles)
{
    d->steps[d->nsteps - 1].hold = cycles;
}

/* The last step is a write or read that a reset takes effect on before its
 * response: it must get none. */
static void d_lost(directed_t *d)
{
    d->steps[d->nsteps - 1].lost = true;
}

static void d_dma(directed_t *d, uint64_t cycle, uint64_t addr, uint32_t data)
{
    d->check_dma = true;
    d->dexpect[d->ndexpect++] = (dma_ev_t){cycle, addr, data};
}

static void d_msi(directed_t *d, uint64_t cycle, uint64_t addr, uint32_t data, unsigned func, unsigned vec)
{
    d->mexpect[d->nmexpect++] = (msi_ev_t){cycle, addr, data, func, vec};
}

static void d_intx(directed_t *d, uint64_t cycle, bool level)
{
    d->intx[d->nintx].cycle = cycle;
    d->intx[d->nintx++].level = level;
}

/* Port op's ready low in [from, to]. */
static void d_stall(directed_t *d, enum oport op, uint64_t from, uint64_t to)
{
    port_sched_t *ps = &d->port[op];
    ps->stall[ps->nstall].from = from;
    ps->stall[ps->nstall++].to = to;
}

/* A request waits on port op in `cycle' (valid high, ready low: the
 * scenario stalls the port there). */
static void d_wait(directed_t *d, enum oport op, uint64_t cycle)
{
    d->port[op].wait[d->port[op].nwait++] = cycle;
}

static bool port_ready(const port_sched_t *ps, uint64_t c)
{
    for (unsigned i = 0; i < ps->nstall; i++)
        if (c >= ps->stall[i].from && c <= ps->stall[i].to)
            return false;
    return true;
}

/* Any response or request valid on the ports (none may show in a reset
 * cycle: docs/design.md "Reset"); the message names them. */
static bool reset_valids(const char *who, uint64_t c, const virq_out_t *out)
{
    if (!(out->s_axil_bvalid_o || out->s_axil_rvalid_o || out->m_dma_valid_o || out->m_msi_valid_o))
        return false;
    fprintf(stderr, "%s: cycle %" PRIu64 ": valid B %u, R %u, DMA %u, MSI-X %u with rst_ni low in this cycle or the one "
                    "before; expected none\n",
            who, c, (unsigned)(out->s_axil_bvalid_o & 1u), (unsigned)(out->s_axil_rvalid_o & 1u),
            (unsigned)(out->m_dma_valid_o & 1u), (unsigned)(out->m_msi_valid_o & 1u));
    return true;
}

static void d_irq(directed_t *d, uint64_t cycle, unsigned unit, enum irq_kind kind)
{
    d->expect[d->nexpect++] = (irq_ev_t){cycle, unit, kind};
}

static const char *kind_name(enum irq_kind k)
{
    return k == IRQ_GUEST ? "guest" : "wake";
}

static void d_on_b(void *ctx, uint64_t tag, unsigned resp, uint64_t hs, uint64_t c)
{
    directed_t *d = ctx;
    step_t *s = &d->steps[tag];
    s->done = true;
    if (s->lost) {
        fprintf(stderr, "%s: write 0x%03x cut off by a reset got a response (cycle %" PRIu64 ")\n", d->name, s->addr, c);
        d->failed = 1;
    }
    if (hs + TB_WDEC_LAT != s->at) {
        fprintf(stderr, "%s: write 0x%03x to be decided at cycle %" PRIu64 " was accepted at %" PRIu64 "\n", d->name,
                s->addr, s->at, hs);
        d->failed = 1;
    }
    if (resp != s->resp) {
        fprintf(stderr, "%s: write 0x%03x data 0x%08x (cycle %" PRIu64 "): response %u, expected %u\n", d->name,
                s->addr, s->data, c, resp, s->resp);
        d->failed = 1;
    }
}

static void d_on_r(void *ctx, uint64_t tag, unsigned resp, uint32_t data, uint64_t hs, uint64_t c)
{
    directed_t *d = ctx;
    step_t *s = &d->steps[tag];
    s->done = true;
    if (s->lost) {
        fprintf(stderr, "%s: read 0x%03x cut off by a reset got a response (cycle %" PRIu64 ")\n", d->name, s->addr, c);
        d->failed = 1;
    }
    if (hs + TB_RANS_LAT != s->at) {
        fprintf(stderr, "%s: read 0x%03x to be answered at cycle %" PRIu64 " was accepted at %" PRIu64 "\n", d->name,
                s->addr, s->at, hs);
        d->failed = 1;
    }
    if (resp != s->resp || data != s->data) {
        fprintf(stderr, "%s: read 0x%03x (cycle %" PRIu64 "): got resp %u data 0x%08x, expected resp %u data 0x%08x\n",
                d->name, s->addr, c, resp, data, s->resp, s->data);
        d->failed = 1;
    }
}

static directed_t *d_new(const char *name, const virq_params_t *p, uint64_t end)
{
    directed_t *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->name = name;
    d->p = *p;
    d->end = end;
    d->bfm.ctx = d;
    d->bfm.on_b = d_on_b;
    d->bfm.on_r = d_on_r;
    return d;
}

static void d_drive(void *sv, uint64_t c, virq_in_t *in)
{
    directed_t *d = sv;
    for (unsigned i = 0; i < d->nsteps; i++) {
        step_t *s = &d->steps[i];
        uint64_t issue = s->kind == ST_WRITE ? s->at - TB_WDEC_LAT : s->kind == ST_READ ? s->at - TB_RANS_LAT : s->at;
        issue -= s->hold;
        /* a held stream beat stays on the port until its cycle */
        bool on = s->kind == ST_SEVT ? c >= issue && c <= s->at : issue == c;
        if (!on)
            continue;
        bool ok = true;
        if (s->kind == ST_WRITE)
            ok = axil_bfm_write(&d->bfm, c, s->addr, s->data, s->strb, i, 0, 0);
        else if (s->kind == ST_READ)
            ok = axil_bfm_read(&d->bfm, c, s->addr, i, 0);
        else if (s->kind == ST_SEVT) {
            in->s_evt_valid_i = 1;
            in->s_evt_func_i = s->func;
            in->s_evt_eq_i = s->eq;
            in->s_evt_code_i = s->code;
            in->s_evt_param_i = s->data;
            in->s_evt_htype_i = s->htype;
            memcpy(in->s_evt_tuple_i, s->tuple, sizeof s->tuple);
        } else if (s->kind == ST_GEV)
            in->gev_i |= s->gev;
        else if (s->kind == ST_RST)
            in->rst_ni = 0;
        else
            in->evt_i |= s->evt;
        if (!ok) {
            fprintf(stderr, "%s: step %u at cycle %" PRIu64 ": bus still busy (scenario timing error)\n", d->name, i, c);
            d->failed = 1;
        }
    }
    in->m_dma_ready_i = port_ready(&d->port[OP_DMA], c);
    in->m_msi_ready_i = port_ready(&d->port[OP_MSI], c);
    axil_bfm_drive(&d->bfm, c, in, true, true);
}

static int d_observe(void *sv, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    directed_t *d = sv;
    /* no response or request valid in a cycle with rst_ni low or in the
     * engine's reset cycle after it (docs/design.md "Reset") */
    bool rst_cyc = false;
    for (unsigned i = 0; i < d->nsteps; i++)
        rst_cyc |= d->steps[i].kind == ST_RST && (c == d->steps[i].at || c == d->steps[i].at + 1);
    if (rst_cyc && reset_valids(d->name, c, out))
        d->failed = 1;
    axil_bfm_observe(&d->bfm, c, in, out);
    bool held = false; /* the beat on the port is held until a later cycle */
    for (unsigned i = 0; i < d->nsteps; i++)
        held |= d->steps[i].kind == ST_SEVT && c + d->steps[i].hold >= d->steps[i].at && c < d->steps[i].at;
    if (in->s_evt_valid_i && !out->s_evt_ready_o && !held) {
        fprintf(stderr, "%s: event stream beat at cycle %" PRIu64 " not accepted\n", d->name, c);
        d->failed = 1;
    }
    if (in->s_evt_valid_i && out->s_evt_ready_o && held) {
        fprintf(stderr, "%s: event stream beat accepted at cycle %" PRIu64 ", before its cycle\n", d->name, c);
        d->failed = 1;
    }
    if (out->m_msi_valid_o && in->m_msi_ready_i) {
        if (d->nmseen < MAX_MSI)
            d->mseen[d->nmseen] = (msi_ev_t){c, out->m_msi_addr_o, (uint32_t)out->m_msi_data_o,
                                             (unsigned)out->m_msi_func_o, (unsigned)out->m_msi_vec_o};
        d->nmseen++;
    }
    static const char *const port_name[NUM_OPORTS] = {"m_dma_*", "m_msi_*"};
    const bool waiting[NUM_OPORTS] = {out->m_dma_valid_o && !in->m_dma_ready_i,
                                      out->m_msi_valid_o && !in->m_msi_ready_i};
    for (unsigned op = 0; op < NUM_OPORTS; op++)
        for (unsigned i = 0; i < d->port[op].nwait; i++)
            if (d->port[op].wait[i] == c && !waiting[op]) {
                fprintf(stderr, "%s: cycle %" PRIu64 ": no request waiting on %s\n", d->name, c, port_name[op]);
                d->failed = 1;
            }
    for (unsigned i = 0; i < d->nintx; i++) {
        if (d->intx[i].cycle == c && (bool)(out->intx_o & 1u) != d->intx[i].level) {
            fprintf(stderr, "%s: intx_o at cycle %" PRIu64 " is %u, expected %u\n", d->name, c,
                    (unsigned)(out->intx_o & 1u), (unsigned)d->intx[i].level);
            d->failed = 1;
        }
    }
    if (out->m_dma_valid_o && in->m_dma_ready_i) {
        if (d->ndseen < MAX_DMA)
            d->dseen[d->ndseen] = (dma_ev_t){c, out->m_dma_addr_o, (uint32_t)out->m_dma_data_o};
        d->ndseen++;
    }
    for (unsigned u = 0; u < d->p.num_vec; u++) {
        for (int k = 0; k < 2; k++) {
            uint64_t v = k == 0 ? out->guest_irq_o : out->wake_irq_o;
            if (!((v >> u) & 1u))
                continue;
            if (d->nseen < MAX_IRQS)
                d->seen[d->nseen] = (irq_ev_t){c, u, k == 0 ? IRQ_GUEST : IRQ_WAKE};
            d->nseen++;
        }
    }
    if (d->failed)
        return TB_FAIL;
    return c + 1 >= d->end ? TB_PASS : TB_RUN;
}

static int d_finish(void *sv, uint64_t c)
{
    directed_t *d = sv;
    (void)c;
    for (unsigned i = 0; i < d->nsteps; i++) {
        if ((d->steps[i].kind == ST_WRITE || d->steps[i].kind == ST_READ) && !d->steps[i].done && !d->steps[i].lost) {
            fprintf(stderr, "%s: bus step %u (at %" PRIu64 ") never completed\n", d->name, i, d->steps[i].at);
            d->failed = 1;
        }
    }
    unsigned n = d->nseen < d->nexpect ? d->nseen : d->nexpect;
    for (unsigned i = 0; i < n; i++) {
        irq_ev_t *e = &d->expect[i], *s = &d->seen[i];
        if (e->cycle != s->cycle || e->unit != s->unit || e->kind != s->kind) {
            fprintf(stderr, "%s: interrupt #%u: expected %s irq of unit %u at cycle %" PRIu64 ", got %s irq of unit %u at cycle %" PRIu64 "\n",
                    d->name, i, kind_name(e->kind), e->unit, e->cycle, kind_name(s->kind), s->unit, s->cycle);
            d->failed = 1;
            break;
        }
    }
    if (d->nseen != d->nexpect) {
        fprintf(stderr, "%s: %u interrupts expected, %u seen\n", d->name, d->nexpect, d->nseen);
        for (unsigned i = n; i < d->nexpect; i++)
            fprintf(stderr, "%s:   missing: %s irq of unit %u at cycle %" PRIu64 "\n", d->name,
                    kind_name(d->expect[i].kind), d->expect[i].unit, d->expect[i].cycle);
        for (unsigned i = n; i < d->nseen && i < MAX_IRQS; i++)
            fprintf(stderr, "%s:   extra: %s irq of unit %u at cycle %" PRIu64 "\n", d->name,
                    kind_name(d->seen[i].kind), d->seen[i].unit, d->seen[i].cycle);
        d->failed = 1;
    }
    if (d->check_dma) {
        unsigned m = d->ndseen < d->ndexpect ? d->ndseen : d->ndexpect;
        for (unsigned i = 0; i < m; i++) {
            dma_ev_t *e = &d->dexpect[i], *s = &d->dseen[i];
            if (e->cycle != s->cycle || e->addr != s->addr || e->data != s->data) {
                fprintf(stderr, "%s: DMA write #%u: expected [%016" PRIx64 "] = %08x at cycle %" PRIu64
                                ", got [%016" PRIx64 "] = %08x at cycle %" PRIu64 "\n",
                        d->name, i, e->addr, e->data, e->cycle, s->addr, s->data, s->cycle);
                d->failed = 1;
                break;
            }
        }
        if (d->ndseen != d->ndexpect) {
            fprintf(stderr, "%s: %u DMA writes expected, %u seen\n", d->name, d->ndexpect, d->ndseen);
            d->failed = 1;
        }
    }
    unsigned mm = d->nmseen < d->nmexpect ? d->nmseen : d->nmexpect;
    for (unsigned i = 0; i < mm; i++) {
        msi_ev_t *e = &d->mexpect[i], *s = &d->mseen[i];
        if (e->cycle != s->cycle || e->addr != s->addr || e->data != s->data || e->func != s->func ||
            e->vec != s->vec) {
            fprintf(stderr, "%s: MSI-X message #%u: expected [%016" PRIx64 "] = %08x (function %u, vector %u) at cycle %" PRIu64
                            ", got [%016" PRIx64 "] = %08x (function %u, vector %u) at cycle %" PRIu64 "\n",
                    d->name, i, e->addr, e->data, e->func, e->vec, e->cycle, s->addr, s->data, s->func, s->vec, s->cycle);
            d->failed = 1;
            break;
        }
    }
    if (d->nmseen != d->nmexpect) {
        fprintf(stderr, "%s: %u MSI-X messages expected, %u seen\n", d->name, d->nmexpect, d->nmseen);
        d->failed = 1;
    }
    if (!d->failed)
        printf("%s: %u interrupts, %u DMA writes and %u MSI-X messages at the hand-computed cycles, %u intx_o levels, "
               "%u bus steps as expected\n",
               d->name, d->nseen, d->ndseen, d->nmseen, d->nintx, d->nsteps);
    return d->failed ? TB_FAIL : TB_PASS;
}

static void d_destroy(void *sv)
{
    free(sv);
}

#define OK VIRQ_RESP_OKAY
#define SLV VIRQ_RESP_SLVERR
#define DEC VIRQ_RESP_DECERR
#define FULL 0xFu
#define CTRL_ACTIVE 0x1u
#define CTRL_VARIANT_B 0x2u
#define CMD_LAT 0x1u
#define CMD_OVF 0x2u

/* Variant A (seed 000 FIG. 3A/3B).  Unit 3: latency 20 ticks, overflow 100
 * ticks, one tick every 10 cycles.  Unit 0: no moderation.
 * A write decided at cycle w (d_write; the harness issues it at w-1, see
 * TB_WDEC_LAT) takes effect: TICK_DIV from w+1, a unit register from w+2 (virq_moderation applies it at the edge after the
 * accept, docs/moderation.md "Register timing"); an event at
 * cycle e sets the flag at e+1; an interrupt fires in the first cycle f with
 * the flag set and the governing counter at 0 and shows on the port at f+1. */
static void *scn_mod_a_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < 4) {
        fprintf(stderr, "mod_a: needs num_vec >= 4\n");
        return NULL;
    }
    directed_t *d = d_new("mod_a", p, 3000);
    if (d == NULL)
        return NULL;
    /* TICK_DIV=9 at cycle 10: prescaler = 9 at 11, reaches 0 at 20; ticks at
     * cycles 10 + 10k, k >= 1 ("tick k"). */
    d_write(d, 10, VIRQ_TICK_DIV_OFFSET, 9, FULL, OK);
    /* Unit 3 overflow interval 100: counter 100 from cycle 15, 100 - k after
     * tick k, 0 from cycle 1011 (after tick 100 at cycle 1010). */
    d_write(d, 13, VIRQ_MOD_OVF_IVL(3), 100, FULL, OK);
    /* Unit 3 latency interval 20: 0 from cycle 211 (after tick 20). */
    d_write(d, 16, VIRQ_MOD_LAT_IVL(3), 20, FULL, OK);
    /* Unit 0: guest active, intervals 0 = every event interrupts. */
    d_write(d, 19, VIRQ_MOD_CTRL(0), CTRL_ACTIVE, FULL, OK);
    /* Unit 0: events at 100, 101, 102 -> flag at 101, 102, 103 -> irqs at
     * 102, 103, 104 (an event in the cycle of an interrupt sets the flag
     * again, so each event gets its interrupt). */
    d_evt(d, 100, 1u << 0);
    d_evt(d, 101, 1u << 0);
    d_evt(d, 102, 1u << 0);
    d_irq(d, 102, 0, IRQ_GUEST);
    d_irq(d, 103, 0, IRQ_GUEST);
    d_irq(d, 104, 0, IRQ_GUEST);
    /* Guest 3 inactive (reset state); its first packet at tick 3 (cycle 40). */
    d_evt(d, 40, 1u << 3);
    /* At cycle 1005 (after tick 99): overflow counter 1, latency 0, flag set,
     * latency path enabled. */
    d_read(d, 1005, VIRQ_MOD_CNT(3), OK, 1u << 16);
    d_read(d, 1009, VIRQ_MOD_STATUS(3), OK, 0x3);
    /* Overflow interval expires: fire at 1011, wake interrupt at 1012 (tick
     * 100 + 2 cycles), overflow counter restarts. */
    d_irq(d, 1012, 3, IRQ_WAKE);
    /* The hypervisor schedules guest 3 in at cycle 1100 (FIG. 3B, 355),
     * active from 1102. */
    d_write(d, 1100, VIRQ_MOD_CTRL(3), CTRL_ACTIVE, FULL, OK);
    /* Event at 1200: latency expired long ago (cycle 211): fire at 1201,
     * guest irq at 1202; latency counter 20 from 1202, 0 after the 20th tick
     * following, which is at cycle 1400: 0 from 1401. */
    d_evt(d, 1200, 1u << 3);
    d_irq(d, 1202, 3, IRQ_GUEST);
    /* Burst at 1250 and 1300: one interrupt when the latency interval
     * expires: fire at 1401, irq at 1402; counter 0 again from 1601. */
    d_evt(d, 1250, 1u << 3);
    d_evt(d, 1300, 1u << 3);
    d_irq(d, 1402, 3, IRQ_GUEST);
    /* Event at 1650 after the interval expired: irq at 1652. */
    d_evt(d, 1650, 1u << 3);
    d_irq(d, 1652, 3, IRQ_GUEST);
    /* Scheduled out at 1700: overflow counter restarts (100 from 1702).
     * Ticks from 1710; the 100th is at 2700: 0 from 2701.  Event at 1720:
     * the latency interval expires at 1851 but the guest is inactive, so no
     * guest irq; the wake irq comes at 2702. */
    d_write(d, 1700, VIRQ_MOD_CTRL(3), 0, FULL, OK);
    d_evt(d, 1720, 1u << 3);
    d_irq(d, 2702, 3, IRQ_WAKE);
    return d;
}

/* Variant B (seed 000 FIG. 4A/4B).  Unit 5, one tick per cycle (TICK_DIV 0). */
static void *scn_mod_b_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < 6) {
        fprintf(stderr, "mod_b: needs num_vec >= 6\n");
        return NULL;
    }
    directed_t *d = d_new("mod_b", p, 300);
    if (d == NULL)
        return NULL;
    d_write(d, 10, VIRQ_MOD_CTRL(5), CTRL_VARIANT_B, FULL, OK);
    /* latency 10: counter 10 at 15, 0 from 25; latency path enabled */
    d_write(d, 13, VIRQ_MOD_LAT_IVL(5), 10, FULL, OK);
    /* overflow 50: counter 50 at 18, 0 from 68 */
    d_write(d, 16, VIRQ_MOD_OVF_IVL(5), 50, FULL, OK);
    /* Event at 30: latency expired and enabled -> fire 31, guest irq 32;
     * the interrupt restarts the overflow counter (50 at 32) and disables
     * the latency path (FIG. 4A, 425). */
    d_evt(d, 30, 1u << 5);
    d_irq(d, 32, 5, IRQ_GUEST);
    /* Event at 40: the driver has not restarted the latency counter (guest
     * not running), so only the overflow interval can fire: 0 from 82, fire
     * 82, wake irq 83, overflow 50 from 83. */
    d_evt(d, 40, 1u << 5);
    d_irq(d, 83, 5, IRQ_WAKE);
    /* Guest driver done processing at 100 (FIG. 4B, 470 and 475): restart
     * both, applied at the edge ending 101; latency 10 from 102, 0 from
     * 112.  Event at 105 -> flag from 106, fire 112, guest irq 113, overflow
     * restarts (50 from 113). */
    d_write(d, 100, VIRQ_MOD_CMD(5), CMD_LAT | CMD_OVF, FULL, OK);
    d_evt(d, 105, 1u << 5);
    d_irq(d, 113, 5, IRQ_GUEST);
    /* Latency-only restart at 120: 10 from 122, 0 from 132.  Event at 125
     * -> fire 132, guest irq 133; overflow 50 from 133. */
    d_write(d, 120, VIRQ_MOD_CMD(5), CMD_LAT, FULL, OK);
    d_evt(d, 125, 1u << 5);
    d_irq(d, 133, 5, IRQ_GUEST);
    /* Event at 140, no restart: overflow 0 from 183 -> fire 183, wake irq
     * 184, 50 from 184. */
    d_evt(d, 140, 1u << 5);
    d_irq(d, 184, 5, IRQ_WAKE);
    /* In variant B the guest-state bit has no effect: scheduling out at 203
     * does not restart the overflow counter.  Event at 210: overflow 0 from
     * 184 + 50 = 234 -> wake irq 235 (a restart, applied at the edge ending
     * 204, would have given 50 from 205, 0 from 255, irq 256). */
    d_write(d, 200, VIRQ_MOD_CTRL(5), CTRL_VARIANT_B | CTRL_ACTIVE, FULL, OK);
    d_write(d, 203, VIRQ_MOD_CTRL(5), CTRL_VARIANT_B, FULL, OK);
    d_evt(d, 210, 1u << 5);
    d_irq(d, 235, 5, IRQ_WAKE);
    return d;
}

/* Reset (docs/design.md "Reset"): virq_top registers rst_ni, so a reset
 * cycle on rst_ni in cycle 30 resets the engine at the edge ending 31, and
 * in cycle 31 the engine takes no handshake.  A write, a read and a stream
 * beat offered from cycle 31 (as by a master leaving the same reset) are
 * taken in 32, after the reset, not lost to it.  Values from
 * docs/registers.md: SCRATCH, MOD[1].LAT_IVL and EQ[0].DROPS reset to 0. */
static void *scn_reset_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < 2) {
        fprintf(stderr, "reset: needs num_vec >= 2\n");
        return NULL;
    }
    directed_t *d = d_new("reset", p, 105);
    if (d == NULL)
        return NULL;
    /* state to be reset: SCRATCH, a unit's latency interval, and queue 0's
     * DROPS (an event from function 0, queue 0's owner at reset, to the
     * undefined queue 0 is dropped and counted) */
    d_write(d, 10, VIRQ_SCRATCH_OFFSET, 0x12345678u, FULL, OK);
    d_sevt(d, 12, 0, 0, 1, 0x000001u);
    d_write(d, 13, VIRQ_MOD_LAT_IVL(1), 7, FULL, OK);
    d_read(d, 16, VIRQ_SCRATCH_OFFSET, OK, 0x12345678u);
    d_read(d, 20, VIRQ_MOD_LAT_IVL(1), OK, 7);
    d_read(d, 24, VIRQ_EQ_DROPS(0), OK, 1);
    /* a refused read (a hole: DECERR) answered in 28: its R is due in 30,
     * the cycle rst_ni is low, where RVALID must be 0 (AXI: low during
     * reset; d_observe checks every valid in 30 and 31), so it gets no
     * response, and the reset clears its count: BUS_ERR_CNT reads 0 after
     * the reset (below) */
    d_read(d, 28, 0x074, DEC, 0);
    d_lost(d);
    /* a write decided in 30 (SCRATCH, overwritten by the reset): its B is
     * due in 31, the engine's reset cycle, where BVALID must be 0 */
    d_write(d, 30, VIRQ_SCRATCH_OFFSET, 0x5A5A5A5Au, FULL, OK);
    d_lost(d);
    d_reset(d, 30);
    /* offered in 31 (the engine's reset cycle), taken in 32: the write is
     * decided in 33, the read answered in 33 (before the write's effect) */
    d_write(d, 33, VIRQ_SCRATCH_OFFSET, 0xCAFEF00Du, FULL, OK);
    d_hold(d, 1);
    d_read(d, 33, VIRQ_SCRATCH_OFFSET, OK, 0);
    d_hold(d, 1);
    d_sevt(d, 32, 0, 0, 1, 0x000002u);
    d_hold(d, 1);
    d_read(d, 37, VIRQ_MOD_LAT_IVL(1), OK, 0);
    /* the write held over the reset cycle took effect */
    d_read(d, 41, VIRQ_SCRATCH_OFFSET, OK, 0xCAFEF00Du);
    /* the count restarted at 0, and the held beat was counted once */
    d_read(d, 45, VIRQ_EQ_DROPS(0), OK, 1);
    d_read(d, 49, VIRQ_BUS_ERR_CNT_OFFSET, OK, 0);

    /* A message waiting on m_msi_* and a DMA write waiting on m_dma_* when
     * rst_ni falls.  Vector 0 of the PF (guest active, latency interval 0
     * since the reset), unmasked, MSI-X on: its event in e interrupts in
     * e + 2 and the message is on the port from e + 5 (docs/msix.md:
     * interrupt i, message i + 3); m_msi_ready_i is low from e + 3.  Queue
     * 0 (function 0, 2 entries, unarmed): a stream event accepted in e is
     * written in e + TB_ROUTE_LAT + 1 = e + 7 if the port is ready; it is
     * not from e on.  rst_ni low in e + 10: no valid in e + 10 and e + 11,
     * and the reset at the edge ending e + 11 drops both (no DMA write and
     * no MSI-X message at all: d_observe checks both lists). */
    const uint64_t e = 80;
    d->check_dma = true; /* every DMA write is listed: none */
    d_write(d, 52, VIRQ_EQ_BASE_LO(0), 0x00E00000u, FULL, OK);
    d_write(d, 55, VIRQ_EQ_CFG(0), 1u, FULL, OK);    /* 2 entries (any EQ_MAX_LOG2), function 0 */
    d_write(d, 58, VIRQ_EQ_CMD(0), 1u, FULL, OK);    /* INIT */
    d_write(d, 61, VIRQ_MOD_CTRL(0), CTRL_ACTIVE, FULL, OK);
    d_write(d, 64, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_ADDR_LO(0), 0xFEE02000u, FULL, OK);
    d_write(d, 67, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_DATA(0), 0x4050u, FULL, OK);
    d_write(d, 70, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_VCTRL(0), 0u, FULL, OK);
    d_write(d, 73, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_CTRL_OFFSET, 1u, FULL, OK);
    d_evt(d, e, 1u << 0);
    d_irq(d, e + 2, 0, IRQ_GUEST);
    d_sevt(d, e, 0, 0, 0x21, 0x000005u);
    d_stall(d, OP_MSI, e + 3, e + 13);
    d_stall(d, OP_DMA, e, e + 13);
    d_wait(d, OP_MSI, e + 5);
    d_wait(d, OP_MSI, e + 9);
    d_wait(d, OP_DMA, e + TB_ROUTE_LAT + 1);
    d_wait(d, OP_DMA, e + 9);
    d_reset(d, e + 10);
    d_read(d, e + 16, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_CTRL_OFFSET, OK, 0); /* MSI-X off again */
    d_read(d, e + 20, VIRQ_EQ_STATUS(0), OK, 0);                          /* undefined, not busy */
    return d;
}

/* Register interface: identification, access rules, refused accesses.
 * Expected values come from docs/registers.md, written out literally. */
/* What a read-only register reads straight after reset and a refused
 * write to it (regs scenario): its reset value in the register map, but
 * the parameters for PARAMS0..2 (the map has 0: the configuration sets
 * them), the refusals counted so far for BUS_ERR_CNT, and for BUS_ERR_INFO
 * the refused write to BUS_ERR_INFO itself. */
static uint32_t ro_value(const virq_params_t *p, uint32_t addr, uint32_t reset, unsigned refused)
{
    switch (addr) {
    case VIRQ_PARAMS0_OFFSET:
        return p->num_eq << VIRQ_PARAMS0_NUM_EQ_SHIFT | p->num_vec << VIRQ_PARAMS0_NUM_VEC_SHIFT;
    case VIRQ_PARAMS1_OFFSET:
        return p->eq_max_log2 << VIRQ_PARAMS1_EQ_MAX_LOG2_SHIFT | p->num_func << VIRQ_PARAMS1_NUM_FUNC_SHIFT;
    case VIRQ_PARAMS2_OFFSET:
        return p->num_cpu << VIRQ_PARAMS2_NUM_CPU_SHIFT | p->num_prs << VIRQ_PARAMS2_NUM_PRS_SHIFT;
    case VIRQ_BUS_ERR_CNT_OFFSET: return refused;
    case VIRQ_BUS_ERR_INFO_OFFSET:
        return VIRQ_BUS_ERR_INFO_WRITE_MASK | (uint32_t)VIRQ_RESP_SLVERR << VIRQ_BUS_ERR_INFO_RESP_SHIFT |
               VIRQ_BUS_ERR_INFO_OFFSET;
    default: return reset;
    }
}

static void *scn_regs_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < 3) {
        fprintf(stderr, "regs: needs num_vec >= 3 (it writes MOD[2])\n");
        return NULL;
    }
    directed_t *d = d_new("regs", p, 200);
    if (d == NULL)
        return NULL;
    uint64_t t = 1; /* the first read is issued at 0 (TB_RANS_LAT) */
#define R(addr, resp, data) (d_read(d, t, (addr), (resp), (data)), t += 4)
#define W(addr, data, strb, resp) (d_write(d, t, (addr), (data), (strb), (resp)), t += 3)
    unsigned refused = 0;
    /* Every read-only register of the PF's address space (the list the
     * generator takes from include/virq_regs.toml; arrays: element 0),
     * straight after reset: a write of all ones is refused with SLVERR and
     * the register still reads its reset value from the map; where the map
     * gives 0 for a value the configuration sets (PARAMS0..2), the
     * configuration's; BUS_ERR_CNT counts the refusals so far (a write
     * refused in w is counted at the edge ending w + 1, the read answered
     * in w + 3), and BUS_ERR_INFO names the write to itself. */
#define RO_CHECK(name, addr, reset)                                                                   \
    do {                                                                                             \
        W((addr), 0xFFFFFFFFu, FULL, SLV);                                                           \
        refused++;                                                                                   \
        R((addr), OK, ro_value(p, (addr), (reset), refused));                                        \
    } while (0);
    VIRQ_RO_REGS(RO_CHECK)
#undef RO_CHECK
    R(0x000, OK, 0x56495251u);          /* ID: "VIRQ" */
    R(0x004, OK, 0x00000600u);          /* VERSION 0.6.0 */
    R(0x008, OK, 0x0000000Fu);          /* FEATURES: moderation, event queues, routing, delivery */
    R(0x00C, OK, p->num_eq << 16 | p->num_vec); /* PARAMS0 */
    R(0x01C, OK, p->eq_max_log2 << 8 | p->num_func); /* PARAMS1 */
    R(0x020, OK, 0);                    /* TICK_DIV reset */
    W(0x010, 0xDEADBEEFu, FULL, OK);    /* SCRATCH */
    R(0x010, OK, 0xDEADBEEFu);
    W(0x010, 0x12345678u, 0x3, SLV);    /* partial write refused */
    refused++;
    R(0x010, OK, 0xDEADBEEFu);          /* ... and changed nothing */
    W(0x000, 0, FULL, SLV);             /* ID is read-only */
    refused++;
    R(0x000, OK, 0x56495251u);
    W(0x011, 1, FULL, SLV);             /* unaligned */
    refused++;
    R(0x012, SLV, 0);                   /* unaligned read */
    refused++;
    W(0x074, 1, FULL, DEC);             /* hole in the global block */
    refused++;
    R(0x074, DEC, 0);
    refused++;
    W(0x020, 0x10000, FULL, SLV);       /* TICK_DIV has 16 bits */
    refused++;
    R(0x020, OK, 0);
    W(0x020, 5, FULL, OK);
    R(0x020, OK, 5);
    W(0x100 + 2 * 0x20, 0x10000, FULL, SLV); /* MOD[2].LAT_IVL: 16 bits */
    refused++;
    R(0x100 + 2 * 0x20, OK, 0);
    W(0x100 + 2 * 0x20, 0x1234, FULL, OK);
    R(0x100 + 2 * 0x20, OK, 0x1234);
    W(0x108, 0x4, FULL, SLV);           /* MOD[0].CTRL bit 2 reserved */
    refused++;
    R(0x108, OK, 0);
    W(0x108, 0x3, FULL, OK);
    R(0x108, OK, 0x3);
    W(0x10C, 0x4, FULL, SLV);           /* MOD[0].CMD bit 2 reserved */
    refused++;
    R(0x10C, OK, 0);                    /* CMD reads 0 */
    W(0x110, 0, FULL, SLV);             /* MOD[0].CNT read-only */
    refused++;
    W(0x114, 0, FULL, SLV);             /* MOD[0].STATUS read-only */
    refused++;
    W(0x118, 0, FULL, DEC);             /* MOD[0] + 0x18: no register */
    refused++;
    R(0x11C, DEC, 0);
    refused++;
    /* one past the last unit is a hole, unless 64 units fill their block
     * (they end at 0x900, FUNC[0]); then the global block's hole again */
    const uint32_t past = p->num_vec < 64 ? 0x100 + p->num_vec * 0x20 : 0x074;
    W(past, 0, FULL, DEC);
    refused++;
    R(past + 4, DEC, 0);
    refused++;
    /* BUS_ERR_CNT, answered four cycles after the refused read above: the
     * closest a read can follow another (R valid three cycles after AR, AR
     * held until R is taken); a read's refusal is counted at the edge
     * ending the second cycle after its answer cycle (registers.md "Bus
     * timing"), the cycle before this read's answer cycle, so it must see
     * it. */
    R(0x014, OK, refused);
    /* BUS_ERR_INFO: the last refused access was the read of past + 4 with
     * DECERR: WRITE=0, RESP=3 (bits 29:28), ADDR. */
    R(0x018, OK, (3u << 28) | ((past + 4) & 0xFFFFF));
    W(0x018, 0, FULL, SLV);             /* a refused write, decided in w ... */
    t -= 1;                             /* ... read back at w + 2, the earliest (AR waits in w: handshake w + 1) */
    R(0x018, OK, 0x80000000u | (2u << 28) | 0x018);
    refused++;
    /* a write and a read refused in the same cycle t (both accepted in
     * t - 1): both are counted, and BUS_ERR_INFO keeps the write (the
     * write to ID, SLVERR), not the read of the hole (DECERR) */
    d_write(d, t, 0x000, 0, FULL, SLV);
    d_read(d, t, 0x074, DEC, 0);
    refused += 2;
    t += 4;
    R(0x018, OK, 0x80000000u | (2u << 28) | 0x000);
    R(0x014, OK, refused);
#undef R
#undef W
    d->end = t + 10;
    return d;
}

/* Event queues (seed 003 FIG. 2-4).  Queue 2: 4 entries (3 usable) at
 * 0x10_00ABC000, owned by function 1, vector 4, write-back every 2 entries
 * to 0x10_00D00040.  Queue 0: 8 entries at 0xE00000, function 0, vector 0,
 * receives overflow events.  Units 0 and 4: guest active, no moderation.
 * DMA is always ready.  An event the writer takes in cycle e is in the
 * output register in e+1, where the DMA write is accepted; the queue shows
 * PENDING from e+2.  Each refused event is reported on queue 0 (code 0xFE,
 * parameters: count 1, function, queue) two cycles later.  The expected DMA writes and interrupts are complete lists. */
#define EQ_REG(q, off) (0x1000u + (q) * 0x40u + (off))
/* An event offered in cycle e reaches the writer in e + TB_ROUTE_LAT (the
 * route pipeline, docs/route.md); the cycles below are the writer's. */
#define AT_WRITER(w) ((w) - TB_ROUTE_LAT)
#define DB(f) (0xA00u + 4u * (f))
#define DB_VALID (1u << 24)
#define DB_ARM (1u << 25)
#define DB_ADV (1u << 26)
#define DB_EQ(q) ((uint32_t)(q) << 16)
static void *scn_eq_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < 5 || p->num_eq != 32 || p->num_func != 8 || p->eq_max_log2 != 16) {
        fprintf(stderr, "eq: needs the default event-queue parameters and num_vec >= 5\n");
        return NULL;
    }
    directed_t *d = d_new("eq", p, 230);
    if (d == NULL)
        return NULL;
    const uint64_t b2 = 0x0000001000ABC000ull, wb2 = 0x0000001000D00040ull;
    /* set-up: FIG. 3 undefined -> unarmed by "initialize" */
    d_write(d, 2, EQ_REG(2, 0x00), 0x00ABC000u, FULL, OK);
    d_write(d, 5, EQ_REG(2, 0x04), 0x10u, FULL, OK);
    d_write(d, 8, EQ_REG(2, 0x08), 0x00D00040u, FULL, OK);
    d_write(d, 11, EQ_REG(2, 0x0C), 0x10u, FULL, OK);
    /* LOG2_SIZE 2, WB_EN, WB_EVERY 2, FUNC 1, VEC 4 */
    d_write(d, 14, EQ_REG(2, 0x10), 2u | 0x80u | 2u << 8 | 1u << 16 | 4u << 24, FULL, OK);
    d_write(d, 17, EQ_REG(2, 0x14), 1u, FULL, OK); /* INIT */
    d_write(d, 20, EQ_REG(0, 0x00), 0x00E00000u, FULL, OK);
    d_write(d, 23, EQ_REG(0, 0x10), 3u, FULL, OK);
    d_write(d, 26, EQ_REG(0, 0x14), 1u, FULL, OK);
    d_write(d, 29, VIRQ_MOD_CTRL(4), CTRL_ACTIVE, FULL, OK);
    d_write(d, 32, VIRQ_MOD_CTRL(0), CTRL_ACTIVE, FULL, OK);
    d_read(d, 34, EQ_REG(2, 0x18), OK, 1u); /* STATUS: unarmed */
    /* unarmed: entries are written, nothing is signalled */
    d_sevt(d, AT_WRITER(40), 1, 2, 0x11, 0xABCDEF);
    d_dma(d, 41, b2 + 0, 0x11ABCDEFu);
    /* in cycle 41 the entry is on the DMA port: STATUS = unarmed | BUSY */
    d_read(d, 41, EQ_REG(2, 0x18), OK, 1u | 0x20u);
    d_sevt(d, AT_WRITER(44), 1, 2, 0x12, 0x000001);
    d_dma(d, 45, b2 + 4, 0x12000001u);
    /* 2nd entry since INIT: lazy write-back of WI = 2, due at the edge
     * ending 44 (WB_PEND from 45), chosen at the edge ending 45 (the
     * registered write-back choice), issued 46, on the port 47 */
    d_dma(d, 47, wb2, 2u);
    /* arming a queue that holds unread entries signals at once (interval 0):
     * armed at 51, the queue's signal to unit 4 in 51, registered at the
     * edge ending 51 (virq_top's eq_evt_q), the unit's input in 52, flag
     * and fire 53, irq 54; virq_eq takes the firing registered
     * (virq_top's mod_fire_q): the queue disarms at the edge ending 54,
     * and the interrupt writes WI back (due from 55, chosen at the edge
     * ending 55, issued 56, on the bus 57) */
    d_write(d, 50, DB(1), DB_ARM | DB_EQ(2), FULL, OK);
    d_irq(d, 54, 4, IRQ_GUEST);
    /* armed with unread entries in 51 .. 54, but not legacy: INTx stays
     * low (the legacy level is the msix scenario's part G) */
    for (uint64_t c = 51; c <= 54; c++)
        d_intx(d, c, false);
    d_dma(d, 57, wb2, 2u);
    /* unarmed, PENDING, and WB_PEND: the write-back is due, not yet on
     * the DMA port */
    d_read(d, 56, EQ_REG(2, 0x18), OK, 1u | 4u | 8u);
    /* the driver hands back both entries and re-arms with one write */
    d_write(d, 60, DB(1), DB_VALID | DB_ARM | DB_EQ(2) | 2u, FULL, OK);
    d_read(d, 62, EQ_REG(2, 0x18), OK, 2u); /* armed, nothing pending */
    /* armed: a new entry signals (DMA 71, PENDING and the queue's signal
     * 72, the unit's input 73, flag and fire 74, irq 75, the queue
     * disarmed at the edge ending 75); its write-back is due from 76,
     * issued 77, on the port 78 */
    d_sevt(d, AT_WRITER(70), 1, 2, 0x13, 3);
    d_dma(d, 71, b2 + 8, 0x13000003u);
    d_irq(d, 75, 4, IRQ_GUEST);
    d_dma(d, 78, wb2, 3u);
    /* unarmed again; RI = 2.  Fill: WI 3 -> 0 -> 1, then full (1 + 1 = RI) */
    d_sevt(d, AT_WRITER(80), 1, 2, 0x14, 4);
    d_dma(d, 81, b2 + 12, 0x14000004u);
    d_dma(d, 83, wb2, 0u); /* 2nd entry since the last cadence write-back: due from 81, port 83 */
    d_sevt(d, AT_WRITER(84), 1, 2, 0x15, 5);
    d_dma(d, 85, b2 + 0, 0x15000005u); /* wrapped */
    /* overflow at 88: queue 2 undefined, the entry counted as a drop, and
     * the overflow event (code 0xFF, parameter 2) posted to queue 0 */
    d_sevt(d, AT_WRITER(88), 1, 2, 0x16, 6);
    d_dma(d, 90, 0x00E00000u, 0xFF000002u);
    /* a doorbell whose handshake is the overflow's cycle is decided at 89,
     * when queue 2 is undefined: refused, and nothing changes */
    d_write(d, 89, DB(1), DB_ARM | DB_EQ(2), FULL, SLV);
    d_sevt(d, AT_WRITER(92), 1, 2, 0x17, 7);   /* undefined queue: counted drop */
    d_sevt(d, AT_WRITER(94), 0, 2, 0x18, 8);   /* not function 0's queue: refused */
    d_sevt(d, AT_WRITER(96), 1, 2, 0x00, 9);   /* code 0 means "empty": refused */
    d_sevt(d, AT_WRITER(98), 1, 2, 0xF0, 10);  /* reserved code: refused */
    d_sevt(d, AT_WRITER(100), 1, 40, 0x19, 11); /* no queue 40: refused */
    /* the reports: refused in w, posted in w+1, on the DMA port in w+2 */
    d_dma(d, 96, 0x00E00004u, 0xFE010002u);
    d_dma(d, 98, 0x00E00008u, 0xFE010102u);
    d_dma(d, 100, 0x00E0000Cu, 0xFE010102u);
    d_dma(d, 102, 0x00E00010u, 0xFE010128u);
    d_read(d, 104, EQ_REG(2, 0x18), OK, 0u);            /* undefined */
    d_read(d, 108, EQ_REG(2, 0x20), OK, 2u);            /* DROPS */
    d_read(d, 112, EQ_REG(2, 0x1C), OK, 2u << 16 | 1u); /* RI 2, WI 1 */
    d_read(d, 116, VIRQ_EVT_ERR_CNT_OFFSET, OK, 4u);
    d_read(d, 120, VIRQ_EQ_OVF_CNT_OFFSET, OK, 1u);
    d_read(d, 124, EQ_REG(0, 0x1C), OK, 5u); /* overflow event + 4 reports */
    d_read(d, 128, EQ_REG(0, 0x18), OK, 1u | 4u);
    /* refused doorbells change nothing */
    d_write(d, 129, DB(1), DB_ARM | DB_EQ(2), FULL, SLV);             /* undefined */
    d_write(d, 132, DB(1), DB_ARM | DB_EQ(0), FULL, SLV);             /* not its queue */
    d_write(d, 135, DB(0), DB_VALID | DB_EQ(0) | 6u, FULL, SLV);      /* beyond WI */
    d_write(d, 138, DB(0), DB_VALID | DB_EQ(0) | 9u, FULL, SLV);      /* beyond the queue */
    d_write(d, 141, DB(0), (1u << 27) | DB_EQ(0), FULL, SLV);         /* reserved bit */
    d_write(d, 144, DB(0), DB_EQ(200), FULL, SLV);                    /* no queue 200 */
    d_write(d, 147, DB(0), DB_VALID | DB_ADV | DB_EQ(0) | 1u, FULL, OK); /* advance by 1 */
    d_read(d, 149, EQ_REG(0, 0x1C), OK, 1u << 16 | 5u);
    d_read(d, 153, EQ_REG(0, 0x18), OK, 1u | 4u); /* 4 entries still unread */
    /* refused configuration */
    d_write(d, 154, EQ_REG(0, 0x10), 3u, FULL, SLV);            /* queue 0 is defined */
    d_write(d, 157, EQ_REG(2, 0x14), 3u, FULL, SLV);            /* INIT and DISABLE */
    d_write(d, 160, EQ_REG(5, 0x14), 1u, FULL, SLV);            /* INIT without CFG */
    d_write(d, 163, EQ_REG(5, 0x10), 17u, FULL, SLV);           /* size 2^17 */
    d_write(d, 166, EQ_REG(5, 0x10), 1u | 8u << 16, FULL, SLV); /* function 8 */
    d_write(d, 169, EQ_REG(5, 0x10), 1u | 32u << 24, FULL, SLV); /* vector 32 */
    d_write(d, 172, EQ_REG(5, 0x00), 2u, FULL, SLV);            /* unaligned base */
    d_write(d, 175, EQ_REG(5, 0x18), 0u, FULL, SLV);            /* STATUS is read-only */
    d_write(d, 178, EQ_REG(5, 0x24), 0u, FULL, DEC);            /* no register */
    d_write(d, 181, EQ_REG(32, 0x00), 0u, FULL, DEC);           /* no queue 32 */
    /* the remaining transitions of FIG. 3 */
    d_write(d, 184, EQ_REG(2, 0x14), 1u, FULL, OK); /* undefined -> unarmed */
    d_read(d, 186, EQ_REG(2, 0x1C), OK, 0u);
    d_write(d, 187, DB(1), DB_ARM | DB_EQ(2), FULL, OK); /* unarmed -> armed */
    d_read(d, 190, EQ_REG(2, 0x18), OK, 2u);
    d_write(d, 191, DB(1), DB_EQ(2), FULL, OK); /* armed -> unarmed */
    d_read(d, 194, EQ_REG(2, 0x18), OK, 1u);
    d_write(d, 195, EQ_REG(2, 0x14), 2u, FULL, OK); /* -> undefined */
    d_read(d, 198, EQ_REG(2, 0x18), OK, 0u);
    /* queue 0 takes the engine's reports on every function: undefined
     * again, it still takes only function 0 (docs/eq.md) */
    d_write(d, 199, EQ_REG(0, 0x14), 2u, FULL, OK);                   /* DISABLE */
    d_write(d, 202, EQ_REG(0, 0x10), 4u | 1u << 16, FULL, SLV);       /* function 1 */
    d_write(d, 205, EQ_REG(0, 0x10), 4u, FULL, OK);                   /* function 0, 16 entries */
    d_read(d, 208, EQ_REG(0, 0x10), OK, 4u);
    d_read(d, 212, VIRQ_BUS_ERR_CNT_OFFSET, OK, 18u);
    return d;
}

/* Event routing (seed 003 FIG. 6-8, 10-12; docs/route.md).  Expected values
 * come from the Microsoft RSS suite (published hashes) and from hand
 * arithmetic on them: the PRS index is FUNC[1].BASE 16 + (hash & 7), and
 * PRS[16 + k] names processor k.  An event offered in cycle t (accepted at
 * the edge ending t) has its hash in stage 2 in t + 2, its PRS index
 * registered at the edge ending t + 2 (stage I, t + 3) and the PRS entry read
 * at the edge ending t + 3 (stage P, t + 4), so RSS_LAST shows its hash from
 * t + 4; the MVM stage holds it in t + 5, the writer's input stage W in
 * t + 6 = t + TB_ROUTE_LAT, and its entry is on the DMA port in t + 7.
 * Each step after an event starts at t + 8, one cycle after that DMA write
 * (a read answered at t + 8 is the next after the one at t + 4; t + 7
 * until reads were answered a cycle after their handshake), so every read
 * of the writer's state comes after the event's write.  Queue 3 (function 1, 32 entries)
 * takes the suite's events, queue 4 (function 1) the defaults and FIG. 7
 * lookups, queue 5 belongs to function 2, queue 0 (function 0) the refusal
 * report and the global events.  DMA is always ready; no queue is armed. */
#define Q0_BASE 0x00E00000u
#define QBASE(q) (0x00100000u * (q))
typedef struct route_plan {
    directed_t *d;
    uint64_t t;
    unsigned wi[8]; /* entries written per queue so far (hand count) */
} route_plan_t;

static void rp_write(route_plan_t *r, uint32_t addr, uint32_t data, unsigned resp)
{
    d_write(r->d, r->t, addr, data, FULL, resp);
    r->t += 3; /* a write accepted every third cycle (registers.md "Bus timing") */
}

static void rp_read(route_plan_t *r, uint32_t addr, uint32_t data)
{
    d_read(r->d, r->t, addr, OK, data);
    r->t += 4; /* R three cycles after AR: the next read four cycles later */
}

/* One data event of function 1 with the RSS suite tuple; its entry lands in
 * queue q (by the routing worked out by the caller), and RSS_LAST must show
 * hash (skipped when check_hash is false). */
static void rp_event(route_plan_t *r, unsigned htype, const uint8_t *tuple, unsigned q, bool check_hash,
                     uint32_t hash)
{
    uint64_t t = r->t;
    unsigned code = 0x20u + (r->d->nsteps & 0x3Fu);
    uint32_t param = (uint32_t)t & 0xFFFFFFu;
    d_sevt_rss(r->d, t, 1, code, param, htype, tuple);
    if (check_hash)
        d_read(r->d, t + 4, VIRQ_RSS_LAST_OFFSET, OK, hash); /* PRS entry read at the edge ending t + 3 */
    uint32_t base = q == 0 ? Q0_BASE : QBASE(q);
    d_dma(r->d, t + TB_ROUTE_LAT + 1, base + 4u * r->wi[q]++, code << 24 | param); /* writer t + 6, DMA + 1 */
    r->t = t + 8; /* a read at t + 8 is four cycles after the one at t + 4 */
}

/* A first write to a table entry against a function-1 event that reads it:
 * the event offered in t = r->t (code, param), the write of `data' to
 * `addr' decided in t + at.  When the event sees the write, its entry lands
 * in queue 4 (the entries written name it) on the DMA port in t + 7
 * (TB_ROUTE_LAT + 1); otherwise it reads the never-written entry's 0, queue
 * 0 (function 0's), and is refused and reported on queue 0 in t + 8 (count
 * 1, function 1, queue 0).  The next step starts at t + 11. */
static void rp_first_write(route_plan_t *r, const uint8_t *tuple, unsigned code, uint32_t param, uint32_t addr,
                           uint32_t data, unsigned at, bool seen)
{
    uint64_t t = r->t;
    d_sevt_rss(r->d, t, 1, code, param, VIRQ_HTYPE_IPV4 + 1, tuple);
    d_write(r->d, t + at, addr, data, FULL, OK);
    if (seen)
        d_dma(r->d, t + TB_ROUTE_LAT + 1, QBASE(4) + 4u * r->wi[4]++, code << 24 | param);
    else
        d_dma(r->d, t + TB_ROUTE_LAT + 2, Q0_BASE + 4u * r->wi[0]++,
              (uint32_t)VIRQ_EVT_CODE_REFUSED << 24 | 1u << 16 | 1u << 8 | 0u);
    r->t = t + 11;
}

static void v4_tuple(unsigned row, bool ports, uint8_t out[VIRQ_HASH_TUPLE_MAX_BYTES])
{
    virq_flow_t f;
    virq_flow_ipv4(&f, v4_rows[row].src, v4_rows[row].dst, v4_rows[row].sport, v4_rows[row].dport);
    virq_hash_tuple(ports ? VIRQ_HASH_IPV4_TCP : VIRQ_HASH_IPV4, &f, out);
}

static void v6_tuple(unsigned row, bool ports, uint8_t out[VIRQ_HASH_TUPLE_MAX_BYTES])
{
    virq_flow_t f;
    memcpy(f.src_addr, v6_rows[row].src, 16);
    memcpy(f.dst_addr, v6_rows[row].dst, 16);
    f.src_port = v6_rows[row].sport;
    f.dst_port = v6_rows[row].dport;
    virq_hash_tuple(ports ? VIRQ_HASH_IPV6_TCP : VIRQ_HASH_IPV6, &f, out);
}

static void rp_queue(route_plan_t *r, unsigned q, unsigned log2, unsigned func, unsigned vec)
{
    rp_write(r, EQ_REG(q, 0x00), q == 0 ? Q0_BASE : QBASE(q), OK);
    rp_write(r, EQ_REG(q, 0x10), log2 | func << 16 | vec << 24, OK);
    rp_write(r, EQ_REG(q, 0x14), 1u, OK); /* INIT */
}

static void *scn_route_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_eq < 6 || p->num_func < 3 || p->num_vec < 8 || p->num_cpu != 8 || p->num_prs < 32 || p->eq_max_log2 < 5) {
        fprintf(stderr, "route: needs 6 queues, 3 functions, 8 vectors, 8 processors, 32 PRS entries and 32-entry queues\n");
        return NULL;
    }
    route_plan_t r = {.d = d_new("route", p, 0), .t = 10};
    if (r.d == NULL)
        return NULL;
    const uint32_t all = 0x3Fu, fig12 = VIRQ_RSS_CTRL_MVM_MODE_MASK;
    uint32_t key[VIRQ_TOEPLITZ_KEY_REGS];
    virq_toeplitz_key_to_regs(ms_key, key);
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++)
        rp_write(&r, VIRQ_RSS_KEY_KEY(j), key[j], OK);
    rp_write(&r, VIRQ_RSS_CMD_OFFSET, 1u, OK); /* commit */
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, all | fig12, OK);
    rp_queue(&r, 0, 4, 0, 0);
    rp_queue(&r, 3, 5, 1, 5);
    rp_queue(&r, 4, 4, 1, 6);
    rp_queue(&r, 5, 2, 2, 7);
    rp_write(&r, VIRQ_FUNC_RSS_CFG(1), 16u << 16 | 7u, OK);
    rp_write(&r, VIRQ_FUNC_DEF(1), 4u << 8 | 1u, OK); /* default: queue 4, processor 1 */
    for (unsigned k = 0; k < 8; k++)
        rp_write(&r, VIRQ_PRS_ENTRY(16 + k), 3u << 8 | k, OK);
    /* refused configuration: PRS slice past the table, processor 8, queue
     * beyond NUM_EQ, vector beyond NUM_VEC, reserved bits, hole */
    rp_write(&r, VIRQ_FUNC_RSS_CFG(2), (p->num_prs - 7u) << 16 | 7u, SLV);
    rp_write(&r, VIRQ_PRS_ENTRY(0), 8u, SLV);
    rp_write(&r, VIRQ_PRS_ENTRY(0), p->num_eq << 8, SLV);
    rp_write(&r, VIRQ_MVM_ENTRY(0), (uint32_t)p->num_vec << 8, SLV);
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, 1u << 6, SLV);
    rp_write(&r, VIRQ_RSS_LAST_OFFSET, 0, SLV);
    rp_write(&r, VIRQ_PRS_BASE + 4u * p->num_prs, 0, DEC);
    rp_read(&r, VIRQ_PRS_ENTRY(16 + 5), 3u << 8 | 5u);
    rp_read(&r, VIRQ_FUNC_RSS_CFG(1), 16u << 16 | 7u);
    rp_read(&r, VIRQ_PARAMS2_OFFSET, p->num_cpu << 16 | p->num_prs);

    /* the Microsoft suite, all four columns, through the pipeline */
    uint8_t tu[VIRQ_HASH_TUPLE_MAX_BYTES];
    for (unsigned i = 0; i < NROWS(v4_rows); i++) {
        v4_tuple(i, false, tu);
        rp_event(&r, VIRQ_HTYPE_IPV4, tu, 3, true, v4_rows[i].h_ip);
        v4_tuple(i, true, tu);
        rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 3, true, v4_rows[i].h_tcp);
    }
    for (unsigned i = 0; i < NROWS(v6_rows); i++) {
        v6_tuple(i, false, tu);
        rp_event(&r, VIRQ_HTYPE_IPV4 + 3, tu, 3, true, v6_rows[i].h_ip);
        v6_tuple(i, true, tu);
        rp_event(&r, VIRQ_HTYPE_IPV4 + 4, tu, 3, true, v6_rows[i].h_tcp);
    }
    /* what the lookup of the last one used: IPv6+TCP, processor and index
     * from the published hash */
    uint32_t h = v6_rows[NROWS(v6_rows) - 1].h_tcp;
    rp_read(&r, VIRQ_RSS_LAST_INFO_OFFSET, (16u + (h & 7u)) << 20 | 1u << 16 | (h & 7u) << 8 | 5u);
    /* the same tuple as UDP: same bytes, same hash */
    rp_event(&r, VIRQ_HTYPE_IPV4 + 5, tu, 3, true, h);

    /* fallback: IPv4+TCP disabled -> hashed as IPv4 2-tuple */
    v4_tuple(0, true, tu);
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, (all & ~2u) | fig12, OK);
    rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 3, true, v4_rows[0].h_ip);
    rp_read(&r, VIRQ_RSS_LAST_INFO_OFFSET, (16u + (v4_rows[0].h_ip & 7u)) << 20 | 1u << 16 |
                                               (v4_rows[0].h_ip & 7u) << 8 | 1u);
    /* nothing enabled: the function's default queue 4; RSS_LAST unchanged */
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, fig12, OK);
    rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 4, true, v4_rows[0].h_ip);
    rp_event(&r, VIRQ_HTYPE_NODATA, tu, 4, false, 0);

    /* key update: new shadow key (all zero) is not used before the commit */
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, all | fig12, OK);
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++) {
        rp_write(&r, VIRQ_RSS_KEY_KEY(j), 0, OK);
        if (j == 4)
            rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 3, true, v4_rows[0].h_tcp);
    }
    rp_read(&r, VIRQ_RSS_KEY_KEY(0), 0);
    rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 3, true, v4_rows[0].h_tcp);
    rp_write(&r, VIRQ_RSS_CMD_OFFSET, 1u, OK);
    /* the zero key hashes everything to 0: index 16, processor 0 */
    rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 3, true, 0);
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++)
        rp_write(&r, VIRQ_RSS_KEY_KEY(j), key[j], OK);
    rp_write(&r, VIRQ_RSS_CMD_OFFSET, 1u, OK);

    /* FIG. 7: MVM[1 * 8 + cpu] gives queue and vector.  Row 0 TCP hash
     * 0x51ccc178: processor 0.  The entry retargets queue 4 to vector 3. */
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, all, OK);
    rp_write(&r, VIRQ_MVM_ENTRY(1 * 8 + (v4_rows[0].h_tcp & 7u)), 1u << 16 | 3u << 8 | 4u, OK);
    rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 4, true, v4_rows[0].h_tcp);
    rp_read(&r, EQ_REG(4, 0x10), 4u | 1u << 16 | 3u << 24);
    /* no valid vector: legacy INTx ([0044]) */
    rp_write(&r, VIRQ_MVM_ENTRY(1 * 8 + (v4_rows[0].h_tcp & 7u)), 3u << 8 | 4u, OK);
    rp_event(&r, VIRQ_HTYPE_IPV4 + 1, tu, 4, true, v4_rows[0].h_tcp);
    rp_read(&r, EQ_REG(4, 0x10), 4u | 1u << 16 | 3u << 24 | 1u << 31);

    /* isolation: a PRS entry naming queue 5 (function 2's) refuses function
     * 1's event and reports it on queue 0: count 1, function 1, queue 5 */
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, all | fig12, OK);
    rp_write(&r, VIRQ_PRS_ENTRY(16 + (v4_rows[0].h_tcp & 7u)), 5u << 8, OK);
    uint64_t t = r.t;
    d_sevt_rss(r.d, t, 1, 0x33, 0x5, VIRQ_HTYPE_IPV4 + 1, tu);
    /* refused at the writer in t + 6 (t + TB_ROUTE_LAT), the report posted
     * in t + 7, on the DMA port in t + 8; the count read 4 cycles after the
     * refusal, t + 10, the next step 6 after it, t + 12 (t + 9 and t + 11
     * for the refusal in t + 5 before the writer's input stage W) */
    d_dma(r.d, t + TB_ROUTE_LAT + 2, Q0_BASE + 4u * r.wi[0]++, (uint32_t)VIRQ_EVT_CODE_REFUSED << 24 | 1u << 16 | 1u << 8 | 5u);
    d_read(r.d, t + 10, VIRQ_EVT_ERR_CNT_OFFSET, OK, 1u);
    r.t = t + 12;

    /* the first write to a PRS entry against an event that reads it (the
     * table above: the PRS entry is read at the edge ending e + 3, a table
     * write takes effect at the edge ending its decision cycle): a write
     * decided in e + 2 is seen, one in e + 3 is not, and a write to another entry is
     * not.  An entry never written reads as 0 (queue 0, processor 0); with
     * MVM_MODE queue 0 is the event's queue, function 0's, so function 1's
     * event is refused and reported on queue 0 in e + 7 (as above).  An
     * RSS_CFG mask of 0 makes the index the base: each case reads an entry
     * not written before.  Written entries name queue 4 (function 1's).
     * The cases: entry 24 written in e + 2; 25 written in e + 3; 27 read
     * while 26 (the neighbour) is written in e + 2; 29 read while 25 (two
     * low bits the same) is written in e + 2. */
    static const struct { unsigned rd, wr, at; bool seen; } fw[] = {
        {24, 24, 2, true}, {25, 25, 3, false}, {27, 26, 2, false}, {29, 25, 2, false}};
    for (unsigned i = 0; i < NROWS(fw); i++) {
        rp_write(&r, VIRQ_FUNC_RSS_CFG(1), fw[i].rd << 16, OK);
        rp_first_write(&r, tu, 0x35u + i, 0x70u + i, VIRQ_PRS_ENTRY(fw[i].wr), 4u << 8 | 2u, fw[i].at, fw[i].seen);
    }
    rp_write(&r, VIRQ_FUNC_RSS_CFG(1), 16u << 16 | 7u, OK);

    /* the same for the first write to an MVM entry (MVM_MODE 0, FIG. 7): the
     * event is in stage P in e + 4 and stage O takes its queue at the edge
     * ending e + 4, so a write decided in e + 3 is seen, one in e + 4 is not,
     * and a write to another entry is not.  The PRS entry the event reads
     * (index 16 + 0, as above) names processor c, so the event reads MVM[1 *
     * 8 + c]; an entry never written reads as 0 (queue 0, function 0's): the
     * event is refused and reported on queue 0 in e + 7.  Written entries
     * name queue 4 and vector 3 without VALID, queue 4's state since FIG. 7
     * above.  The cases: c = 1 written in e + 3; c = 2 written in e + 4;
     * c = 4 read while c = 3 (the neighbour) is written in e + 3. */
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, all, OK);
    static const struct { unsigned rd, wr, at; bool seen; } mw[] = {
        {1, 1, 3, true}, {2, 2, 4, false}, {4, 3, 3, false}};
    for (unsigned i = 0; i < NROWS(mw); i++) {
        rp_write(&r, VIRQ_PRS_ENTRY(16 + (v4_rows[0].h_tcp & 7u)), 5u << 8 | mw[i].rd, OK);
        rp_first_write(&r, tu, 0x3Au + i, 0x7Au + i, VIRQ_MVM_ENTRY(1 * 8 + mw[i].wr), 3u << 8 | 4u, mw[i].at,
                       mw[i].seen);
    }
    rp_write(&r, VIRQ_RSS_CTRL_OFFSET, all | fig12, OK);

    /* global events: ECC (1) and GPIO (2) in the cycle a stream event is
     * accepted; they take the next two input slots, t + 1 and t + 2 (stream
     * not ready then), and land in queue 0 with codes 0xF1, 0xF2: each is
     * on the DMA port TB_ROUTE_LAT + 1 = 7 cycles after its slot, so the
     * stream event in t + 7, the globals in t + 8 and t + 9; the reads
     * start 3 cycles after the last DMA write, t + 12 (t + 11 before the
     * writer's input stage W) */
    rp_write(&r, VIRQ_PRS_ENTRY(16 + (v4_rows[0].h_tcp & 7u)), 3u << 8, OK);
    t = r.t;
    d_gev(r.d, t, 0x6u);
    d_sevt_rss(r.d, t, 1, 0x34, 0x6, VIRQ_HTYPE_IPV4 + 1, tu);
    d_dma(r.d, t + TB_ROUTE_LAT + 1, QBASE(3) + 4u * r.wi[3]++, 0x34000006u);
    d_dma(r.d, t + TB_ROUTE_LAT + 2, Q0_BASE + 4u * r.wi[0]++, (uint32_t)(VIRQ_EVT_CODE_GLOBAL + 1) << 24);
    d_dma(r.d, t + TB_ROUTE_LAT + 3, Q0_BASE + 4u * r.wi[0]++, (uint32_t)(VIRQ_EVT_CODE_GLOBAL + 2) << 24);
    r.t = t + 12;
    rp_read(&r, EQ_REG(0, 0x1C), r.wi[0]);
    rp_read(&r, EQ_REG(3, 0x1C), r.wi[3]);
    rp_read(&r, EQ_REG(4, 0x1C), r.wi[4]);
    r.d->end = r.t + 10;
    return r.d;
}

/* Throughput and latency of the event path (docs/eq.md "Timing"): queue 1
 * (function 1, vector 2, 2^16 entries, no write-back) takes one event per
 * clock for 50 000 cycles with the DMA port always ready: every beat must be
 * accepted in the cycle it is offered (1.00 event per clock) and written
 * TB_ROUTE_LAT + 1 cycles later (route pipeline, then the writer's output
 * register).  Then, with the queue armed, the unit at interval 0 (moderation
 * off) and vector 2's MSI-X entry unmasked with MSI-X enabled for its owner
 * (the PF, its home since reset), one more event; the cycles below are the
 * documented stage timings added up by hand:
 *
 *   e       event accepted on the stream              (docs/route.md "Timing")
 *   e + 6   the writer's input: e + TB_ROUTE_LAT      (docs/route.md: stages
 *           1, 2, I, P, O, W)
 *   e + 7   DMA write a = writer input + 1 (port always ready)  (docs/eq.md "Timing")
 *   e + 8   PENDING a + 1, the queue's signal to its unit;  e + 9 the
 *           signal registered (virq_top's eq_evt_q), the unit's input a + 2;
 *           e + 10 moderation flag and fire a + 3                (docs/eq.md)
 *   e + 11  guest interrupt a + 4 (interval 0)                   (docs/eq.md)
 *           STREAM_IRQ_LAT = TB_ROUTE_LAT + 1 + 4 = 6 + 5 = 11
 *   e + 14  MSI-X message on m_msi_* (m_msi_valid_o): guest interrupt t sets
 *           the pending bit at the edge of t, the round robin picks the
 *           vector at the edge ending t + 1 (the registered pick), the
 *           output register loads it at the edge ending t + 2, and the
 *           message is on the port from t + 3           (docs/msix.md "Timing")
 *           STREAM_MSIX_LAT = STREAM_IRQ_LAT + 3 = 11 + 3 = 14
 *
 * Then a DMA stall (docs/route.md "Timing", backpressure): from STALL_AT the
 * port is not ready for STALL_LEN cycles while events (code 0x21, parameter
 * = a sequence number that moves only on acceptance) are offered for
 * STALL_OFFER cycles.  The first event goes into the writer's output
 * register; the writer then refuses (output register full), so the next
 * one waits in stage W and the one after it moves from stage O into the
 * route skid while the pipeline moves on; five more fill stages 1, 2, I, P
 * and O; then s_evt_ready_o is 0:
 *   accepted while stalled  STALL_PRE = 1 + 1 + 1 + 5 = 8
 * At the release cycle R the port takes event 1 and the writer takes W's
 * event in R, W loading the skid's, so the skid is empty from R + 1:
 * s_evt_ready_o is 1 again in R + 1, and the offers R + 1 .. STALL_AT +
 * STALL_OFFER - 1 are accepted:  STALL_TOTAL = 8 + (25 - 20 - 1) = 12.  The port writes them in
 * sequence order, none lost, none twice.
 *
 * virq_eq and virq_msix are being retimed: when their documented timing
 * changes by a cycle, change STREAM_EQ_IRQ (the writer's input to the
 * interrupt) or STREAM_MSIX_DELAY (interrupt to message) here; the run fails
 * whenever the measured latency differs from the constant. */
#define STREAM_N 50000u
enum {
    STALL_AT = 100 + STREAM_N + 10, /* first stalled cycle, 10 after the stream */
    STALL_LEN = 20,                 /* m_dma_ready_i = 0 in STALL_AT .. STALL_AT + 19 */
    STALL_OFFER = 25,               /* events offered in STALL_AT .. STALL_AT + 24 */
    STALL_PRE = 1 + TB_ROUTE_LAT + 1, /* the writer's output register, stages 1, 2, I, P, O, W, the skid */
    STALL_TOTAL = STALL_PRE + (STALL_OFFER - STALL_LEN - 1),
    STALL_CODE = 0x21
};
enum {
    STREAM_EQ_IRQ = 1 + 4,   /* writer input -> DMA write (1) -> interrupt (a + 4) */
    STREAM_MSIX_DELAY = 1 + 1 + 1, /* guest interrupt t -> pending (edge t) -> pick (edge t + 1)
                                      -> output register (edge t + 2): m_msi_valid_o in t + 3 */
    STREAM_IRQ_LAT = TB_ROUTE_LAT + STREAM_EQ_IRQ,      /* 6 + 5 = 11 */
    STREAM_MSIX_LAT = STREAM_IRQ_LAT + STREAM_MSIX_DELAY /* 11 + 3 = 14 */
};
/* vector 2's MSI-X entry (PF window) */
#define STREAM_MSI_ADDR 0xFEE02000u
#define STREAM_MSI_DATA 0x00004042u
typedef struct stream {
    directed_t *d;
    uint64_t start, accepted, dma, lat_max, first_beat, last_beat, irq_evt, irq_at;
    uint64_t msi_at, nmsi; /* first cycle with m_msi_valid_o; messages taken */
    uint64_t pending[16]; /* accept cycles not yet written (FIFO; latency 7: at most 8 entries) */
    unsigned ph, pt;
    /* the stall phase: next sequence number offered, next expected on the
     * port, accepted before the release and in all, first ready after it */
    uint32_t st_seq, st_next;
    uint64_t st_pre, st_acc, st_ready_back, st_dma;
} stream_t;

static void *scn_stream_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_eq < 2 || p->num_func < 2 || p->num_vec < 3 || p->eq_max_log2 < 16) {
        fprintf(stderr, "stream: needs 2 queues, 2 functions, 3 vectors and 2^16-entry queues\n");
        return NULL;
    }
    stream_t *s = calloc(1, sizeof *s);
    directed_t *d = d_new("stream", p, STREAM_N + 260);
    if (s == NULL || d == NULL) {
        free(s);
        free(d);
        return NULL;
    }
    s->d = d;
    d_write(d, 10, EQ_REG(1, 0x00), 0x00100000u, FULL, OK);
    d_write(d, 13, EQ_REG(1, 0x10), 16u | 1u << 16 | 2u << 24, FULL, OK);
    d_write(d, 16, EQ_REG(1, 0x14), 1u, FULL, OK);
    d_write(d, 19, VIRQ_MOD_CTRL(2), CTRL_ACTIVE, FULL, OK);
    /* vector 2's MSI-X entry in the window of its owner, the PF: address,
     * data, unmask, then MSI-X Enable */
    d_write(d, 22, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_ADDR_LO(2), STREAM_MSI_ADDR, FULL, OK);
    d_write(d, 25, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_DATA(2), STREAM_MSI_DATA, FULL, OK);
    d_write(d, 28, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_VCTRL(2), 0u, FULL, OK);
    d_write(d, 31, VIRQ_FN_WIN(0) + VIRQ_FN_MSIX_CTRL_OFFSET, 1u, FULL, OK);
    s->start = 100;
    s->irq_evt = STALL_AT + 100;
    /* arm after the stream and the stall: the queue holds unread entries, so
     * arming alone interrupts; drain them first with a doorbell that hands
     * all back */
    d_write(d, s->irq_evt - 20, DB(1), DB_VALID | DB_EQ(1) | ((STREAM_N + STALL_TOTAL) & 0xFFFFu), FULL, OK);
    d_write(d, s->irq_evt - 10, DB(1), DB_ARM | DB_EQ(1), FULL, OK);
    return s;
}

static void scn_stream_drive(void *sv, uint64_t c, virq_in_t *in)
{
    stream_t *s = sv;
    d_drive(s->d, c, in);
    if ((c >= s->start && c < s->start + STREAM_N) || c == s->irq_evt) {
        in->s_evt_valid_i = 1;
        in->s_evt_func_i = 1;
        in->s_evt_eq_i = 1;
        in->s_evt_code_i = 0x20;
        in->s_evt_param_i = (uint32_t)c & 0xFFFFFFu;
    }
    if (c >= STALL_AT && c < STALL_AT + STALL_OFFER) {
        in->s_evt_valid_i = 1;
        in->s_evt_func_i = 1;
        in->s_evt_eq_i = 1;
        in->s_evt_code_i = STALL_CODE;
        in->s_evt_param_i = s->st_seq;
    }
    if (c >= STALL_AT && c < STALL_AT + STALL_LEN)
        in->m_dma_ready_i = 0;
}

static int scn_stream_observe(void *sv, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    stream_t *s = sv;
    bool stall_phase = c >= STALL_AT && c < STALL_AT + STALL_OFFER;
    if (stall_phase && c >= STALL_AT + STALL_LEN && out->s_evt_ready_o && s->st_ready_back == 0)
        s->st_ready_back = c;
    if (stall_phase && out->s_evt_ready_o) {
        s->st_seq++;
        s->st_acc++;
        s->st_pre += c < STALL_AT + STALL_LEN;
    } else if (in->s_evt_valid_i && out->s_evt_ready_o) {
        if (c >= s->start && c < s->start + STREAM_N) {
            if (s->accepted == 0)
                s->first_beat = c;
            s->last_beat = c;
            s->accepted++;
        }
        s->pending[s->pt++ % 16] = c;
    }
    if (out->m_dma_valid_o && in->m_dma_ready_i && (uint32_t)out->m_dma_data_o >> 24 == STALL_CODE) {
        uint32_t seq = (uint32_t)out->m_dma_data_o & 0xFFFFFFu;
        if (seq != s->st_next) {
            fprintf(stderr, "stream: stall phase: DMA write of event %u at cycle %" PRIu64 ", expected event %u\n",
                    seq, c, s->st_next);
            s->d->failed = 1;
        }
        s->st_next = seq + 1;
        s->st_dma++;
    } else if (out->m_dma_valid_o && in->m_dma_ready_i) {
        uint64_t a = s->pending[s->ph++ % 16];
        if (c - a > s->lat_max)
            s->lat_max = c - a;
        s->dma++;
    }
    if (((out->guest_irq_o >> 2) & 1u) && s->irq_at == 0)
        s->irq_at = c;
    if (out->m_msi_valid_o) {
        if (s->msi_at == 0)
            s->msi_at = c;
        if (out->m_msi_addr_o != STREAM_MSI_ADDR || (uint32_t)out->m_msi_data_o != STREAM_MSI_DATA ||
            out->m_msi_func_o != 0 || out->m_msi_vec_o != 2) {
            fprintf(stderr,
                    "stream: MSI-X message at cycle %" PRIu64 ": [%016" PRIx64 "] = %08x (function %u, vector %u), "
                    "expected [%016" PRIx64 "] = %08x (function 0, vector 2)\n",
                    c, out->m_msi_addr_o, (uint32_t)out->m_msi_data_o, (unsigned)out->m_msi_func_o,
                    (unsigned)out->m_msi_vec_o, (uint64_t)STREAM_MSI_ADDR, STREAM_MSI_DATA);
            s->d->failed = 1;
        }
        if (in->m_msi_ready_i)
            s->nmsi++;
    }
    /* the directed engine drives and checks the set-up writes (responses,
     * acceptance cycles); this scenario counts beats and writes itself */
    directed_t *d = s->d;
    axil_bfm_observe(&d->bfm, c, in, out);
    if (d->failed)
        return TB_FAIL;
    return c + 1 >= d->end ? TB_PASS : TB_RUN;
}

static int scn_stream_finish(void *sv, uint64_t c)
{
    stream_t *s = sv;
    (void)c;
    double epc = s->accepted ? (double)s->accepted / (double)(s->last_beat - s->first_beat + 1) : 0.0;
    printf("stream: %" PRIu64 " events in %" PRIu64 " cycles: %.3f events per clock; accept -> DMA write %" PRIu64
           " cycle(s) at most; accept -> guest interrupt %" PRId64 " cycles; accept -> MSI-X message %" PRId64
           " cycles (moderation off)\n",
           s->accepted, s->last_beat - s->first_beat + 1, epc, s->lat_max,
           s->irq_at ? (int64_t)(s->irq_at - s->irq_evt) : (int64_t)-1,
           s->msi_at ? (int64_t)(s->msi_at - s->irq_evt) : (int64_t)-1);
    int ok = 1;
    if (s->accepted != STREAM_N || s->last_beat - s->first_beat + 1 != STREAM_N) {
        fprintf(stderr, "stream: not one event per clock\n");
        ok = 0;
    }
    if (s->dma != STREAM_N + 1 || s->lat_max != TB_ROUTE_LAT + 1) {
        fprintf(stderr, "stream: %" PRIu64 " DMA writes, latency %" PRIu64 " (expected %u and %u)\n", s->dma,
                s->lat_max, STREAM_N + 1, TB_ROUTE_LAT + 1);
        ok = 0;
    }
    if (s->st_pre != STALL_PRE || s->st_acc != STALL_TOTAL || s->st_dma != STALL_TOTAL ||
        s->st_ready_back != STALL_AT + STALL_LEN + 1) {
        fprintf(stderr,
                "stream: DMA stall: %" PRIu64 " events accepted while stalled, %" PRIu64 " in all, %" PRIu64
                " written, ready again at %" PRIu64 " (expected %d, %d, %d, %d)\n",
                s->st_pre, s->st_acc, s->st_dma, s->st_ready_back, (int)STALL_PRE, (int)STALL_TOTAL,
                (int)STALL_TOTAL, (int)(STALL_AT + STALL_LEN + 1));
        ok = 0;
    }
    if (s->irq_at != s->irq_evt + STREAM_IRQ_LAT) {
        fprintf(stderr, "stream: guest interrupt at %" PRIu64 ", expected %" PRIu64 " (accept + STREAM_IRQ_LAT %d)\n",
                s->irq_at, s->irq_evt + STREAM_IRQ_LAT, (int)STREAM_IRQ_LAT);
        ok = 0;
    }
    if (s->msi_at != s->irq_evt + STREAM_MSIX_LAT || s->nmsi != 1) {
        fprintf(stderr,
                "stream: MSI-X message at %" PRIu64 " (%" PRIu64 " taken), expected one at %" PRIu64
                " (accept + STREAM_MSIX_LAT %d)\n",
                s->msi_at, s->nmsi, s->irq_evt + STREAM_MSIX_LAT, (int)STREAM_MSIX_LAT);
        ok = 0;
    }
    for (unsigned i = 0; i < s->d->nsteps; i++) {
        if (s->d->steps[i].kind == ST_WRITE && !s->d->steps[i].done) {
            fprintf(stderr, "stream: set-up write %u never completed\n", i);
            ok = 0;
        }
    }
    return ok && !s->d->failed ? TB_PASS : TB_FAIL;
}

static void scn_stream_destroy(void *sv)
{
    stream_t *s = sv;
    free(s->d);
    free(s);
}

/* ------------------------------------------------------------------------ */
/* random: events, legal and hostile register traffic, bus backpressure,     */
/* occasional resets; the lockstep comparison is the check                   */

typedef struct rnd {
    virq_params_t p;
    rng_t r;
    axil_bfm_t bfm;
    uint64_t cycles, phase_end;
    unsigned evt_rate_ppm, bready_pct, rready_pct, bus_pct, sevt_pct, dma_pct;
    uint64_t guest_irqs, wake_irqs, resets;
    unsigned rst_left; /* further cycles of the current reset with rst_ni low */
    bool rst_prev;     /* rst_ni was low in the previous cycle */
    bool pend_prev;    /* a valid output waited for its ready in the previous cycle */
    bool forced_rst;   /* the reset after such a cycle was made (once per run) */
    uint64_t valid_cut; /* resets that began with such a valid waiting */
    uint64_t sevt_withdrawn, sevt_changed; /* event offers withdrawn / changed before taken */
    uint64_t wresp[4], rresp[4];
    uint64_t sevt_beats, dma_writes;
    /* the event-stream beat being offered (held until accepted) */
    bool sevt_valid;
    unsigned sevt_func, sevt_eq, sevt_code, sevt_htype;
    uint32_t sevt_param;
    uint8_t sevt_tuple[VIRQ_HASH_TUPLE_MAX_BYTES];
    unsigned gev_ppm;
    uint64_t htype_beats[8], gev_pulses;
    unsigned msi_pct;
    bool xpay; /* this phase drives random payloads while their valid is low */
    uint64_t msi_msgs, intx_cycles, lease_events;
    unsigned q0_step; /* the next write of the queue-0 refresh sequence */
    unsigned qs[8];   /* the queues most queue traffic goes to: queue 0 and
                       * seven drawn per run over the whole range (all the
                       * queues when there are at most eight) */
    unsigned fn[3];   /* the functions most delivery traffic goes to: the PF
                       * and two drawn per run (any VF, so that VFs 4-15 own
                       * vectors and send messages too) */
} rnd_t;

static void rnd_on_b(void *ctx, uint64_t tag, unsigned resp, uint64_t hs, uint64_t c)
{
    rnd_t *s = ctx;
    (void)tag;
    (void)hs;
    (void)c;
    s->wresp[resp & 3]++;
}

static void rnd_on_r(void *ctx, uint64_t tag, unsigned resp, uint32_t data, uint64_t hs, uint64_t c)
{
    rnd_t *s = ctx;
    (void)tag;
    (void)data;
    (void)hs;
    (void)c;
    s->rresp[resp & 3]++;
}

static void *scn_random_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    rnd_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->p = *p;
    s->r.s = seed;
    s->cycles = cycles;
    s->bfm.ctx = s;
    s->bfm.on_b = rnd_on_b;
    s->bfm.on_r = rnd_on_r;
    for (unsigned i = 1; i < 3; i++)
        s->fn[i] = p->num_func > 1 ? 1 + rng_below(&s->r, p->num_func - 1) : 0;
    for (unsigned i = 0; i < 8; i++)
        s->qs[i] = p->num_eq <= 8 ? i % p->num_eq : i == 0 ? 0 : 1 + rng_below(&s->r, p->num_eq - 1);
    return s;
}

static uint32_t rnd_interval(rng_t *r)
{
    unsigned k = rng_below(r, 100);
    if (k < 15)
        return 0;
    if (k < 80)
        return rng_below(r, 40);
    if (k < 97)
        return rng_below(r, 400);
    return rng_below(r, 0x10000);
}

/* A routing register and a value for it: mostly legal, so lookups hit
 * programmed entries; sometimes out of range (refused). */
static uint32_t rnd_route_write(rnd_t *s, uint32_t *data)
{
    rng_t *r = &s->r;
    const virq_params_t *p = &s->p;
    unsigned f = rng_below(r, p->num_func);
    bool wild = rng_pct(r, 5);
    switch (rng_below(r, 8)) {
    case 0:
        *data = (uint32_t)rng_next(r);
        return VIRQ_RSS_KEY_KEY(rng_below(r, VIRQ_TOEPLITZ_KEY_REGS));
    case 1: *data = rng_pct(r, 90) ? 1u : rng_below(r, 4); return VIRQ_RSS_CMD_OFFSET;
    case 2:
        *data = wild ? (uint32_t)rng_next(r) : (rng_below(r, 64) | (rng_pct(r, 50) ? VIRQ_RSS_CTRL_MVM_MODE_MASK : 0));
        return VIRQ_RSS_CTRL_OFFSET;
    case 3: {
        unsigned mask = rng_pct(r, 50) ? (1u << rng_below(r, 5)) - 1u : rng_below(r, 256);
        unsigned base = wild ? rng_below(r, 4096) : rng_below(r, p->num_prs);
        *data = base << 16 | mask;
        return VIRQ_FUNC_RSS_CFG(f);
    }
    case 4:
        *data = (wild ? rng_below(r, 256) : s->qs[rng_below(r, 8)]) << 8 | rng_below(r, p->num_cpu + (wild ? 4 : 0));
        return VIRQ_FUNC_DEF(f);
    case 5:
    case 6:
        *data = (wild ? rng_below(r, 256) : s->qs[rng_below(r, 8)]) << 8 | rng_below(r, p->num_cpu + (wild ? 4 : 0));
        return VIRQ_PRS_ENTRY(rng_below(r, p->num_prs));
    default:
        *data = (rng_pct(r, 80) ? 1u << 16 : 0) | rng_below(r, p->num_vec + (wild ? 4 : 0)) << 8 |
                (wild ? rng_below(r, 256) : s->qs[rng_below(r, 8)]);
        return VIRQ_MVM_ENTRY(rng_below(r, p->num_func * p->num_cpu));
    }
}

/* A queue for a context write, a doorbell or an event: one of the run's
 * eight three times in four (so events meet defined queues), else any. */
static unsigned rnd_queue(rnd_t *s)
{
    return rng_pct(&s->r, 75) ? s->qs[rng_below(&s->r, 8)] : rng_below(&s->r, s->p.num_eq);
}

/* Interrupt delivery: function windows (mostly the run's three functions
 * s->fn and vectors 0..5, so that ownership matches often enough for writes
 * to land) and the PF's vector ownership, leases and INTx disable bits. */
static uint32_t rnd_delivery_write(rnd_t *s, uint32_t *data)
{
    rng_t *r = &s->r;
    const virq_params_t *p = &s->p;
    unsigned nf = p->num_func < 3 ? p->num_func : 3, nv = p->num_vec < 6 ? p->num_vec : 6;
    unsigned f = rng_pct(r, 90) ? s->fn[rng_below(r, nf)] : rng_below(r, p->num_func + 2);
    unsigned v = rng_pct(r, 90) ? rng_below(r, nv) : rng_below(r, p->num_vec + 2);
    uint32_t win = VIRQ_FN_WIN(f);
    switch (rng_below(r, 14)) {
    case 0: *data = (uint32_t)rng_next(r) & (rng_pct(r, 95) ? ~3u : ~0u); return win + VIRQ_FN_MSIX_ADDR_LO(v);
    case 1: *data = (uint32_t)rng_next(r); return win + VIRQ_FN_MSIX_ADDR_HI(v);
    case 2: *data = (uint32_t)rng_next(r); return win + VIRQ_FN_MSIX_DATA(v);
    case 3:
    case 4: *data = rng_pct(r, 60) ? 0u : rng_pct(r, 95) ? 1u : 2u; return win + VIRQ_FN_MSIX_VCTRL(v);
    case 5: *data = rng_pct(r, 70) ? 1u : rng_below(r, 5); return win + VIRQ_FN_MSIX_CTRL_OFFSET;
    case 6: *data = rng_pct(r, 80) ? 1u : rng_below(r, 3); return win + VIRQ_FN_INTX_CTRL_OFFSET;
    case 7: *data = rng_pct(r, 90) ? 1u : rng_below(r, 3); return win + VIRQ_FN_INTX_ACK_OFFSET;
    case 8: /* the guest driver's moderation writes through its window */
        *data = rng_pct(r, 50) ? rnd_interval(r) : rng_below(r, 4);
        return win + VIRQ_FN_MOD_BASE + v * VIRQ_FN_MOD_STRIDE + 4 * rng_below(r, 6);
    case 9: /* its doorbell */
        *data = rng_below(r, 8) << 24 | rnd_queue(s) << 16 | rng_below(r, 16);
        return win + VIRQ_FN_DB_OFFSET;
    case 10: *data = (uint32_t)rng_next(r); return win + 4 * rng_below(r, 1024); /* anywhere in the window */
    case 11: *data = rng_pct(r, 95) ? s->fn[rng_below(r, nf)] : rng_below(r, 32); return VIRQ_VEC_HOME(v);
    case 12: /* leases of a few ticks (TICK_DIV is small in this scenario) */
        *data = rng_pct(r, 20) ? 0u : (s->fn[rng_below(r, nf)] << 16 | (1 + rng_below(r, rng_pct(r, 80) ? 40 : 2000)));
        return VIRQ_VEC_LEASE(v);
    default: *data = rng_pct(r, 90) ? rng_below(r, 2) : rng_below(r, 4); return VIRQ_FN_CTL_INTX(f);
    }
}

static uint32_t rnd_legal_addr(rnd_t *s)
{
    static const uint32_t glob[] = {0x000, 0x004, 0x008, 0x00C, 0x010, 0x014, 0x018, 0x020,
                                    0x02C, 0x030, 0x034, 0x038, 0x03C};
    uint32_t unused;
    if (rng_pct(&s->r, 10))
        return rnd_route_write(s, &unused);
    if (rng_pct(&s->r, 15)) {
        static const uint32_t fn_ro[] = {VIRQ_FN_INFO_OFFSET, VIRQ_FN_INTX_STATE_OFFSET, VIRQ_FN_PBA_BITS(0),
                                         VIRQ_FN_PBA_BITS(1)};
        unsigned f = s->fn[rng_below(&s->r, s->p.num_func < 3 ? s->p.num_func : 3)];
        switch (rng_below(&s->r, 4)) {
        case 0: return VIRQ_FN_WIN(f) + fn_ro[rng_below(&s->r, 4)];
        case 1: return VIRQ_FN_CTL_STATE(f);
        case 2: return VIRQ_VEC_LEASE(rng_below(&s->r, s->p.num_vec < 6 ? s->p.num_vec : 6));
        default: return rnd_delivery_write(s, &unused);
        }
    }
    if (rng_pct(&s->r, 20))
        return glob[rng_below(&s->r, sizeof glob / sizeof glob[0])];
    return 0x100 + rng_below(&s->r, s->p.num_vec) * 0x20 + 4 * rng_below(&s->r, 6);
}

/* Any readable register of the map, each block about equally often, at
 * any index of its array (any queue, PRS and MVM entry, function, vector):
 * lockstep then compares state the traffic changes but the other reads
 * rarely show (the error and drop counters, the queues' STATUS, IDX and
 * DROPS, every function's window); the holes between registers answer
 * DECERR. */
static uint32_t rnd_any_read(rnd_t *s)
{
    rng_t *r = &s->r;
    const virq_params_t *p = &s->p;
    unsigned f = rng_below(r, p->num_func), v = rng_below(r, p->num_vec), q = rng_below(r, p->num_eq);
    uint32_t win = VIRQ_FN_WIN(f);
    switch (rng_below(r, 12)) {
    case 0: return 4 * rng_below(r, VIRQ_GEV_LOST_CNT_OFFSET / 4 + 1); /* the global registers and the key */
    case 1: return VIRQ_EQ_BASE + q * VIRQ_EQ_STRIDE + 4 * rng_below(r, VIRQ_EQ_DROPS_OFF / 4 + 1);
    case 2: return VIRQ_MOD_BASE + v * VIRQ_MOD_STRIDE + 4 * rng_below(r, VIRQ_MOD_STATUS_OFF / 4 + 1);
    case 3: return VIRQ_PRS_ENTRY(rng_below(r, p->num_prs));
    case 4: return VIRQ_MVM_ENTRY(rng_below(r, p->num_func * p->num_cpu));
    case 5: return rng_pct(r, 50) ? VIRQ_FUNC_RSS_CFG(f) : VIRQ_FUNC_DEF(f);
    case 6: return VIRQ_FN_CTL_BASE + f * VIRQ_FN_CTL_STRIDE + 4 * rng_below(r, VIRQ_FN_CTL_STRIDE / 4);
    case 7: return rng_pct(r, 50) ? VIRQ_VEC_HOME(v) : VIRQ_VEC_LEASE(v);
    case 8: return win + 4 * rng_below(r, VIRQ_FN_PBA_BASE / 4); /* the window's own registers */
    case 9: return win + VIRQ_FN_PBA_BITS(rng_below(r, 2));
    case 10: return win + VIRQ_FN_MSIX_BASE + v * VIRQ_FN_MSIX_STRIDE + 4 * rng_below(r, VIRQ_FN_MSIX_STRIDE / 4);
    default: return win + VIRQ_FN_MOD_BASE + v * VIRQ_FN_MOD_STRIDE + 4 * rng_below(r, VIRQ_FN_MOD_STRIDE / 4);
    }
}

static void rnd_start_write(rnd_t *s, uint64_t c)
{
    rng_t *r = &s->r;
    uint32_t addr, data = 0;
    uint8_t strb = 0xF;
    unsigned u = rng_below(r, s->p.num_vec);
    unsigned k = rng_below(r, 100);
    if (rng_pct(r, 3)) {
        /* now and then (re)define queue 0, where the engine posts its own
         * events (overflows, refusals, globals, expired leases), so they
         * reach host memory rather than all being dropped */
        static const uint32_t q0_addr[] = {0x1000u, 0x1010u, 0x1014u};
        /* base; 256 entries (fewer if EQ_MAX_LOG2 is smaller: queue 0 fills
         * with refusal reports, and with 16 entries the lease-expired
         * entries behind them were often lost), function 0, vector 0; INIT */
        const uint32_t q0_data[] = {0x00F00000u, s->p.eq_max_log2 < 8 ? s->p.eq_max_log2 : 8u, 1u};
        addr = q0_addr[s->q0_step];
        data = q0_data[s->q0_step];
        s->q0_step = (s->q0_step + 1) % 3;
    } else if (k < 20) {
        addr = VIRQ_MOD_LAT_IVL(u);
        data = rnd_interval(r);
    } else if (k < 38) {
        addr = VIRQ_MOD_OVF_IVL(u);
        data = rnd_interval(r);
    } else if (k < 55) {
        addr = VIRQ_MOD_CTRL(u); /* guest scheduled in/out, variant switch */
        data = rng_pct(r, 85) ? (uint32_t)(rng_below(r, 2) | (rng_pct(r, 50) ? CTRL_VARIANT_B : 0)) : rng_below(r, 4);
    } else if (k < 67) {
        addr = VIRQ_MOD_CMD(u); /* driver restarts */
        data = rng_below(r, 4);
    } else if (k < 72) {
        addr = VIRQ_TICK_DIV_OFFSET;
        data = rng_pct(r, 90) ? rng_below(r, 4) : rng_below(r, 64);
    } else if (k < 75) {
        addr = VIRQ_SCRATCH_OFFSET;
        data = (uint32_t)rng_next(r);
    } else if (k < 78) {
        /* event-queue context: mostly plausible values, so queues come
         * alive; mostly the run's eight queues (events find them defined),
         * now and then any (the high queue numbers' decodes); some legacy
         * (CFG.LEGACY: the queue holds its function's INTx instead of
         * signalling its vector) */
        unsigned q = rnd_queue(s);
        unsigned off = 4 * rng_below(r, 6);
        addr = 0x1000u + q * 0x40u + off;
        if (off == 0x10) /* mostly small rings and cadences, now and then any size (and one too big) */
            data = (rng_pct(r, 70) ? 1 + rng_below(r, 4) : 1 + rng_below(r, s->p.eq_max_log2 + 1)) |
                   (rng_pct(r, 50) ? 0x80u : 0) | (rng_pct(r, 80) ? rng_below(r, 4) : rng_below(r, 256)) << 8 |
                   rng_below(r, s->p.num_func) << 16 | rng_below(r, s->p.num_vec) << 24 |
                   (rng_pct(r, 20) ? VIRQ_EQ_CFG_LEGACY_MASK : 0);
        else if (off == 0x14)
            data = rng_pct(r, 80) ? 1u : rng_below(r, 4);
        else if (off == 0x00 || off == 0x08)
            data = (uint32_t)rng_next(r) & ~3u; /* the low halves are word aligned */
        else
            data = (uint32_t)rng_next(r); /* BASE_HI / WB_HI: all 32 bits (address bits 63:32) */
    } else if (k < 82) {
        /* doorbells: arm, hand back, advance; some refused */
        addr = 0xA00u + 4 * rng_below(r, s->p.num_func);
        data = rng_below(r, 8) << 24 | rnd_queue(s) << 16 | (rng_pct(r, 70) ? rng_below(r, 16) : rng_below(r, 0x10000));
        if (rng_pct(r, 5))
            data = (uint32_t)rng_next(r);
    } else if (k < 85) {
        addr = rnd_route_write(s, &data); /* routing: key, commit, PRS, MVM, functions */
    } else if (k < 92 - 4) {
        addr = rnd_delivery_write(s, &data); /* MSI-X, INTx, ownership, leases */
    } else if (k < 92) {
        addr = rnd_legal_addr(s); /* partial or unaligned */
        data = (uint32_t)rng_next(r);
        if (rng_pct(r, 50))
            strb = (uint8_t)rng_below(r, 15);
        else
            addr |= 1 + rng_below(r, 3);
    } else {
        addr = (uint32_t)rng_next(r); /* anywhere */
        data = (uint32_t)rng_next(r);
        strb = rng_pct(r, 80) ? 0xF : (uint8_t)rng_below(r, 16);
    }
    addr &= (uint32_t)((1ull << s->p.addr_w) - 1);
    axil_bfm_write(&s->bfm, c, addr, data, strb, 0, rng_pct(r, 70) ? 0 : rng_below(r, 4),
                   rng_pct(r, 70) ? 0 : rng_below(r, 4));
}

static unsigned popcount64(uint64_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* a stream event's fields, drawn */
static void rnd_event_payload(rnd_t *s)
{
    rng_t *r = &s->r;
    /* now and then a function the instance lacks (the port has 4 bits) */
    s->sevt_func = rng_pct(r, 95) ? rng_below(r, s->p.num_func) : rng_below(r, 16);
    s->sevt_eq = rng_pct(r, 95) ? rnd_queue(s) : rng_below(r, 256);
    s->sevt_code = rng_pct(r, 95) ? 1 + rng_below(r, 0xEF) : rng_below(r, 256);
    s->sevt_param = (uint32_t)rng_next(r) & 0xFFFFFFu;
    /* routed events (hash types, no-data) as often as direct ones */
    s->sevt_htype = rng_pct(r, 50) ? 0 : rng_below(r, 8);
    for (unsigned b = 0; b < VIRQ_HASH_TUPLE_MAX_BYTES; b++)
        s->sevt_tuple[b] = (uint8_t)rng_next(r);
}

static void rnd_drive(void *sv, uint64_t c, virq_in_t *in)
{
    rnd_t *s = sv;
    rng_t *r = &s->r;
    if (c >= s->phase_end) {
        /* a new traffic phase: event rate, bus activity, backpressure */
        static const unsigned rates_ppm[] = {0, 200, 2000, 20000, 200000};
        s->evt_rate_ppm = rates_ppm[rng_below(r, 5)];
        s->bus_pct = 1 + rng_below(r, 30);
        s->bready_pct = rng_pct(r, 50) ? 100 : 20 + rng_below(r, 80);
        s->rready_pct = rng_pct(r, 50) ? 100 : 20 + rng_below(r, 80);
        s->sevt_pct = rng_pct(r, 30) ? 0 : rng_below(r, 60);
        s->dma_pct = rng_pct(r, 50) ? 100 : rng_below(r, 100);
        s->gev_ppm = rng_pct(r, 50) ? 0 : rng_below(r, 20000);
        s->msi_pct = rng_pct(r, 50) ? 100 : rng_below(r, 100);
        s->xpay = rng_pct(r, 25);
        s->phase_end = c + 500 + rng_below(r, 5000);
    }
    /* Drawn resets (1 in 200 000 cycles) seldom find a valid waiting for
     * its ready, so once per run, from cycle 50 000 on, a reset also
     * begins in the first cycle after one waited (no draw: the random
     * stream up to it is unchanged) */
    bool forced = !s->forced_rst && c >= 50000 && s->pend_prev && s->rst_left == 0;
    s->forced_rst |= forced;
    if (forced || s->rst_left > 0 || rng_below(r, 200000) == 0) {
        /* a reset in the middle of traffic: rst_ni low for 1, 2, 3, 1, ...
         * cycles (in turn, not drawn, so that the random stream up to the
         * first reset is the one of single-cycle resets) */
        if (s->rst_left > 0) {
            s->rst_left--;
        } else {
            s->rst_left = (unsigned)(s->resets % 3);
            s->resets++;
        }
        in->rst_ni = 0;
        axil_bfm_reset(&s->bfm);
        s->sevt_valid = false;
        return;
    }
    /* the event stream: a beat is held until accepted, but in the phases
     * with random idle payloads an offer still waiting is now and then
     * withdrawn or changed (outside stream discipline: the engine samples
     * the payload only in the handshake cycle and its ready never looks at
     * the valid, docs/integration.md "Event stream"; nothing may differ
     * from the model, and a withdrawn beat is not an event) */
    if (s->xpay && s->sevt_valid && rng_pct(r, 5)) {
        if (rng_pct(r, 50)) {
            s->sevt_valid = false;
            s->sevt_withdrawn++;
        } else {
            rnd_event_payload(s);
            s->sevt_changed++;
        }
    }
    if (!s->sevt_valid && rng_pct(r, s->sevt_pct)) {
        s->sevt_valid = true;
        rnd_event_payload(s);
    }
    for (unsigned k = 0; k < VIRQ_NUM_GEV; k++)
        if (rng_below(r, 1000000) < s->gev_ppm)
            in->gev_i |= 1u << k;
    s->gev_pulses += popcount64(in->gev_i);
    in->s_evt_htype_i = s->sevt_htype;
    memcpy(in->s_evt_tuple_i, s->sevt_tuple, sizeof s->sevt_tuple);
    in->s_evt_valid_i = s->sevt_valid;
    in->s_evt_func_i = s->sevt_func;
    in->s_evt_eq_i = s->sevt_eq;
    in->s_evt_code_i = s->sevt_code;
    in->s_evt_param_i = s->sevt_param;
    in->m_dma_ready_i = rng_pct(r, s->dma_pct);
    in->m_msi_ready_i = rng_pct(r, s->msi_pct);
    for (unsigned n = 0; n < 3; n++)
        if (rng_below(r, 1000000) < s->evt_rate_ppm)
            in->evt_i |= 1ull << rng_below(r, s->p.num_vec);
    if (!s->bfm.w_busy && rng_pct(r, s->bus_pct))
        rnd_start_write(s, c);
    if (!s->bfm.r_busy && rng_pct(r, s->bus_pct)) {
        uint32_t a = rng_pct(r, 30)   ? rnd_any_read(s)
                     : rng_pct(r, 80) ? rnd_legal_addr(s)
                                      : (uint32_t)rng_next(r);
        axil_bfm_read(&s->bfm, c, a & (uint32_t)((1ull << s->p.addr_w) - 1), 0, rng_pct(r, 70) ? 0 : rng_below(r, 4));
    }
    axil_bfm_drive(&s->bfm, c, in, rng_pct(r, s->bready_pct), rng_pct(r, s->rready_pct));
    /* a payload whose valid is low is don't-care: random in a quarter of
     * the phases, not the last transaction's, so that logic using one
     * without its valid differs from the model (the harness masks each
     * port to its width; in every phase it made Icarus 2.3 x slower) */
    if (!s->xpay)
        return;
    if (!in->s_axil_awvalid_i)
        in->s_axil_awaddr_i = rng_next(r);
    if (!in->s_axil_wvalid_i) {
        in->s_axil_wdata_i = rng_next(r);
        in->s_axil_wstrb_i = rng_next(r);
    }
    if (!in->s_axil_arvalid_i)
        in->s_axil_araddr_i = rng_next(r);
    if (!in->s_evt_valid_i) {
        in->s_evt_func_i = rng_next(r);
        in->s_evt_eq_i = rng_next(r);
        in->s_evt_code_i = rng_next(r);
        in->s_evt_param_i = rng_next(r);
        in->s_evt_htype_i = rng_next(r);
        for (unsigned b = 0; b < VIRQ_HASH_TUPLE_MAX_BYTES; b++)
            in->s_evt_tuple_i[b] = (uint8_t)rng_next(r);
    }
}

static int rnd_observe(void *sv, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    rnd_t *s = sv;
    /* No response or request valid in a cycle with rst_ni low or in the
     * cycle after (AXI: low during reset; docs/design.md "Reset"), even
     * when one was waiting for its ready as the reset began. */
    bool rst_now = !(in->rst_ni & 1u);
    if ((rst_now || s->rst_prev) && reset_valids("random", c, out))
        return TB_FAIL;
    s->valid_cut += rst_now && !s->rst_prev && s->pend_prev;
    s->rst_prev = rst_now;
    s->pend_prev = (out->s_axil_bvalid_o && !in->s_axil_bready_i) || (out->s_axil_rvalid_o && !in->s_axil_rready_i) ||
                   (out->m_dma_valid_o && !in->m_dma_ready_i) || (out->m_msi_valid_o && !in->m_msi_ready_i);
    axil_bfm_observe(&s->bfm, c, in, out);
    if (in->rst_ni && in->s_evt_valid_i && out->s_evt_ready_o) {
        s->sevt_valid = false;
        s->sevt_beats++;
        s->htype_beats[s->sevt_htype & 7u]++;
    }
    s->dma_writes += in->rst_ni && out->m_dma_valid_o && in->m_dma_ready_i;
    s->msi_msgs += in->rst_ni && out->m_msi_valid_o && in->m_msi_ready_i;
    /* lease-expired events reaching queue 0 (the entry's code byte) */
    s->lease_events += in->rst_ni && out->m_dma_valid_o && in->m_dma_ready_i &&
                       (out->m_dma_data_o >> 24) == VIRQ_EVT_CODE_LEASE_EXPIRED;
    s->intx_cycles += out->intx_o & 1u;
    s->guest_irqs += popcount64(out->guest_irq_o);
    s->wake_irqs += popcount64(out->wake_irq_o);
    return TB_RUN;
}

static int rnd_finish(void *sv, uint64_t c)
{
    rnd_t *s = sv;
    printf("random: %" PRIu64 " cycles: guest irqs %" PRIu64 ", wake irqs %" PRIu64 ", resets %" PRIu64
           "; writes okay/slverr/decerr %" PRIu64 "/%" PRIu64 "/%" PRIu64 ", reads %" PRIu64 "/%" PRIu64 "/%" PRIu64
           "; event beats %" PRIu64 ", DMA writes %" PRIu64 ", global event pulses %" PRIu64 ", MSI-X messages %" PRIu64
           ", cycles with INTx asserted %" PRIu64 ", lease-expired entries %" PRIu64
           ", resets with a valid waiting %" PRIu64 ", event offers withdrawn %" PRIu64 " / changed %" PRIu64 "\n",
           c, s->guest_irqs, s->wake_irqs, s->resets, s->wresp[0], s->wresp[2], s->wresp[3], s->rresp[0], s->rresp[2],
           s->rresp[3], s->sevt_beats, s->dma_writes, s->gev_pulses, s->msi_msgs, s->intx_cycles, s->lease_events,
           s->valid_cut, s->sevt_withdrawn, s->sevt_changed);
    /* from 200 000 cycles (make test's shortest random runs): at 100 000,
     * 2 of 100 seeds of the default configuration and 6 of the max one
     * had sent no MSI-X message yet */
    const uint64_t cover_from = 200000;
    for (unsigned t = 0; t < 8; t++) {
        if (c >= cover_from && s->htype_beats[t] == 0) {
            fprintf(stderr, "random: coverage hole: no event of hash type %u\n", t);
            return TB_FAIL;
        }
    }
    /* A long run that never reached a mechanism has tested nothing there.
     * A lease needs a function besides the vector's home (docs/msix.md):
     * with one function there is none to reach. */
    const struct {
        const char *what;
        uint64_t n;
        bool possible;
    } cov[] = {
        {"guest interrupts", s->guest_irqs, true},    {"wake interrupts", s->wake_irqs, true},
        {"OKAY writes", s->wresp[0], true},           {"SLVERR writes", s->wresp[2], true},
        {"DECERR writes", s->wresp[3], true},         {"OKAY reads", s->rresp[0], true},
        {"SLVERR reads", s->rresp[2], true},          {"DECERR reads", s->rresp[3], true},
        {"event beats", s->sevt_beats, true},         {"DMA writes", s->dma_writes, true},
        {"global event pulses", s->gev_pulses, true}, {"MSI-X messages", s->msi_msgs, true},
        {"INTx", s->intx_cycles, true},               {"lease-expired entries", s->lease_events, s->p.num_func >= 2},
        {"resets with a valid waiting", s->valid_cut, true},
        {"withdrawn event offers", s->sevt_withdrawn, true}, {"changed event offers", s->sevt_changed, true},
    };
    int hole = 0;
    for (size_t i = 0; c >= cover_from && i < sizeof cov / sizeof cov[0]; i++) {
        if (cov[i].possible && cov[i].n == 0) {
            fprintf(stderr, "random: coverage hole: no %s\n", cov[i].what);
            hole = 1;
        }
    }
    return hole ? TB_FAIL : TB_PASS;
}

/* ------------------------------------------------------------------------ */

static const tb_scenario_t scn_random = {"random", "random events, legal and hostile register traffic, backpressure",
                                         200000, scn_random_create, rnd_drive, rnd_observe, rnd_finish, d_destroy};
static const tb_scenario_t scn_mod_a = {"mod_a", "moderation variant A (guest state), hand-computed interrupt times",
                                        0, scn_mod_a_create, d_drive, d_observe, d_finish, d_destroy};
static const tb_scenario_t scn_mod_b = {"mod_b", "moderation variant B (driver restarts), hand-computed interrupt times",
                                        0, scn_mod_b_create, d_drive, d_observe, d_finish, d_destroy};
static const tb_scenario_t scn_reset = {"reset", "reset through virq_top's reset tree: state cleared, inputs held off, no valid shown in reset, nothing lost",
                                        0, scn_reset_create, d_drive, d_observe, d_finish, d_destroy};
static const tb_scenario_t scn_regs = {"regs", "identification, access rules and refused register accesses", 0,
                                       scn_regs_create, d_drive, d_observe, d_finish, d_destroy};

static const tb_scenario_t scn_route = {"route", "routing: RSS suite through the pipeline, PRS, MVM both variants, isolation, globals", 0,
                                        scn_route_create, d_drive, d_observe, d_finish, d_destroy};
static const tb_scenario_t scn_eq = {"eq", "event queues: FIG. 3 transitions, doorbells, overflow, write-back, hand-computed", 0,
                                     scn_eq_create, d_drive, d_observe, d_finish, d_destroy};

/* Interrupt delivery (docs/msix.md; seeds 002 and 004): MSI-X masked ->
 * pending -> unmask delivers exactly once, the function mask, messages held
 * under backpressure, the INTx truth table of seed 002 FIG. 5 with two
 * functions on the line, and a lease granted, used, expired and returned.
 * Timing (hand arithmetic from the RTL's timing contract): an event on
 * evt_i[v] in cycle e gives the guest interrupt in e + 2 (unit at interval
 * 0, guest active), the pending bit at edge e + 2, the round robin's
 * registered pick at edge e + 3, the message in the output register from
 * e + 5 (loaded at the edge ending e + 4; handshake at e + 5 with
 * m_msi_ready_i = 1): e + 2 + 3 (docs/msix.md "Timing"); an INTx latch set
 * by that interrupt shows on intx_o from e + 3.  A write to the delivery
 * block decided in w (accepted at w - 1, TB_WDEC_LAT) is applied at the edge ending w + 1
 * (the registered accept, docs/msix.md "Timing"), so it acts from w + 2: a
 * write that makes a pending vector sendable lets the pick see it in w + 2
 * (picked at the edge ending w + 2), the message is loaded at the edge
 * ending w + 3 and is on the port in w + 4 (handshake there,
 * m_msi_ready_i = 1), and the pending bit reads 0 from w + 4 (cleared at
 * the load); an INTx enable, Interrupt Disable or
 * acknowledge written at w moves intx_o (combinational from the registers)
 * in w + 2.  Writes to the other blocks (FN_MOD, TICK_DIV, queues) still act
 * from w + 1.  A read answered in cycle r (R macro and d_read: the cycle
 * after its handshake) sees the state after edge r - 1; the bus holds AR
 * off in w, so every read below is answered at w + 2 or later; writes are
 * decided every third cycle at most, reads answered every fourth. */
#define FNW(f, off) (VIRQ_FN_WIN(f) + (off))
#define FN_STATE(raw, en, st, line) ((raw) | (en) << 1 | (st) << 2 | (line) << 3)
static void *scn_msix_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->num_vec < 7 || p->num_func < 4 || p->num_eq < 2 || p->eq_max_log2 < 3) {
        fprintf(stderr, "msix: needs num_vec >= 7 (it writes VEC[6]), num_func >= 4, num_eq >= 2 (part G's legacy "
                        "queue), eq_max_log2 >= 3\n");
        return NULL;
    }
    directed_t *d = d_new("msix", p, 0);
    if (d == NULL)
        return NULL;
    uint64_t t = 10, e, w;
    unsigned refused = 0, err_fn2 = 0, err_fn3 = 0;
#define R(addr, resp, data) (d_read(d, t, (addr), (resp), (data)), t += 4)
#define W(addr, data, resp) (d_write(d, t, (addr), (data), FULL, (resp)), t += 3)
    const uint32_t MSI_EN = 1u << 8, FMASK = 1u << 9;

    /* ---- A: vector 1 of the PF (home 0 since reset): masked -> pending ->
     * unmask sends exactly once ---- */
    W(FNW(0, VIRQ_FN_MOD_CTRL(1)), CTRL_ACTIVE, OK); /* FN_MOD forwards to MOD[1] */
    R(VIRQ_MOD_CTRL(1), OK, CTRL_ACTIVE);
    W(FNW(0, VIRQ_FN_MSIX_ADDR_LO(1)), 0xFEE01000u, OK);
    W(FNW(0, VIRQ_FN_MSIX_ADDR_LO(1)), 0xFEE01002u, SLV); /* address bits 1:0 */
    refused++;
    W(FNW(0, VIRQ_FN_MSIX_ADDR_HI(1)), 0x1u, OK);
    W(FNW(0, VIRQ_FN_MSIX_DATA(1)), 0x4041u, OK);
    R(FNW(0, VIRQ_FN_MSIX_VCTRL(1)), OK, 1u); /* masked since reset (PCIe) */
    W(FNW(0, VIRQ_FN_MSIX_VCTRL(1)), 2u, SLV); /* reserved bit */
    refused++;
    W(FNW(0, VIRQ_FN_MSIX_CTRL_OFFSET), 1u, OK); /* MSI-X Enable */
    R(FNW(0, VIRQ_FN_INFO_OFFSET), OK, 0u | p->num_vec << 16);
    e = t;
    d_evt(d, e, 1u << 1);
    d_irq(d, e + 2, 1, IRQ_GUEST);
    t = e + 6;
    R(FNW(0, VIRQ_FN_PBA_BITS(0)), OK, 1u << 1); /* pending, nothing sent */
    R(VIRQ_FN_CTL_STATE(0), OK, MSI_EN | FN_STATE(0, 1, 0, 0));
    w = t;
    W(FNW(0, VIRQ_FN_MSIX_VCTRL(1)), 0u, OK); /* unmask, decided in w: applied at the edge ending w + 1 */
    d_msi(d, w + 4, 0x1FEE01000ull, 0x4041u, 0, 1); /* picked at the edge ending w + 2, loaded w + 3: 1 + 1 + 1 + 1 */
    t -= 1; /* the earliest read after the write: AR waits in w, handshake w + 1, answer w + 2 */
    R(FNW(0, VIRQ_FN_PBA_BITS(0)), OK, 1u << 1); /* w + 2: still pending, picked at this edge */
    R(FNW(0, VIRQ_FN_PBA_BITS(0)), OK, 0u); /* w + 6: cleared at the edge ending w + 3, when the message loaded */
    t += 4;
    e = t; /* unmasked: straight through */
    d_evt(d, e, 1u << 1);
    d_irq(d, e + 2, 1, IRQ_GUEST);
    d_msi(d, e + 5, 0x1FEE01000ull, 0x4041u, 0, 1); /* interrupt e + 2, then + 3 */
    t = e + 8;

    /* ---- B: the function mask holds every vector of the function ---- */
    W(FNW(0, VIRQ_FN_MSIX_CTRL_OFFSET), 3u, OK);
    e = t;
    d_evt(d, e, 1u << 1);
    d_irq(d, e + 2, 1, IRQ_GUEST);
    t = e + 6;
    R(FNW(0, VIRQ_FN_PBA_BITS(0)), OK, 1u << 1);
    R(VIRQ_FN_CTL_STATE(0), OK, MSI_EN | FMASK | FN_STATE(0, 1, 0, 0));
    w = t;
    W(FNW(0, VIRQ_FN_MSIX_CTRL_OFFSET), 1u, OK); /* function mask off: applied at the edge ending w + 1 */
    d_msi(d, w + 4, 0x1FEE01000ull, 0x4041u, 0, 1); /* picked w + 2, loaded w + 3, on the port w + 4 */
    t += 6;

    /* ---- C: backpressure.  Vector 2 joins; both fire in one cycle while
     * m_msi_ready_i is low for 11 cycles (e .. e + 10).  Round robin: the
     * last pick was vector 1, so vector 2 goes first: pending at edge
     * e + 2, picked at e + 3, loaded at e + 4 (the output register is
     * empty), on the port from e + 5; vector 1 is picked at e + 4 and
     * waits in the pick register while the output waits.  Ready returns in
     * e + 11: vector 2's handshake, vector 1 loaded at that edge, its
     * handshake in e + 12 (the same cycles as without the registered pick:
     * the extra stage is hidden behind the stall).  Nothing is lost. ---- */
    W(FNW(0, VIRQ_FN_MOD_CTRL(2)), CTRL_ACTIVE, OK);
    W(FNW(0, VIRQ_FN_MSIX_ADDR_LO(2)), 0xFEE02000u, OK);
    W(FNW(0, VIRQ_FN_MSIX_DATA(2)), 0x4042u, OK);
    W(FNW(0, VIRQ_FN_MSIX_VCTRL(2)), 0u, OK);
    e = t;
    d_stall(d, OP_MSI, e, e + 10);
    d_evt(d, e, 1u << 1 | 1u << 2);
    d_irq(d, e + 2, 1, IRQ_GUEST);
    d_irq(d, e + 2, 2, IRQ_GUEST);
    d_msi(d, e + 11, 0xFEE02000ull, 0x4042u, 0, 2);
    d_msi(d, e + 12, 0x1FEE01000ull, 0x4041u, 0, 1);
    t = e + 5; /* the state after the edge ending e + 4 */
    R(FNW(0, VIRQ_FN_PBA_BITS(0)), OK, 1u << 1); /* vector 2 is on the port, 1 waits */
    t = e + 16;

    /* ---- D: INTx (seed 002 FIG. 5).  Vectors 3 and 4 move home to VFs 1
     * and 2, whose MSI-X is disabled: their interrupts latch the function's
     * interrupt status.  All eight (status, enable, disable) combinations on
     * function 1, then both functions on the shared line. ---- */
    W(VIRQ_VEC_HOME(3), 1u, OK);
    W(VIRQ_VEC_HOME(4), 2u, OK);
    W(VIRQ_VEC_HOME(4), p->num_func, SLV); /* no such function */
    refused++;
    R(VIRQ_VEC_LEASE(3), OK, 1u << 16); /* owner 1, not lent */
    W(FNW(1, VIRQ_FN_MOD_CTRL(3)), CTRL_ACTIVE, OK);
    W(FNW(2, VIRQ_FN_MOD_CTRL(3)), CTRL_ACTIVE, SLV); /* function 2 does not own vector 3 */
    refused++, err_fn2++;
    R(FNW(2, VIRQ_FN_MSIX_ADDR_LO(3)), SLV, 0);
    refused++, err_fn2++;
    W(FNW(2, VIRQ_FN_MOD_CTRL(4)), CTRL_ACTIVE, OK);
    /* (status 0, enable 1, disable 0): nothing */
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(0, 1, 0, 0));
    d_intx(d, t, false);
    /* (0, 1, 1) */
    W(VIRQ_FN_CTL_INTX(1), 1u, OK);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(0, 1, 0, 0));
    R(FNW(1, VIRQ_FN_INTX_STATE_OFFSET), OK, 1u << 2); /* the VF sees the host's DISABLE */
    /* (0, 0, 1) */
    W(FNW(1, VIRQ_FN_INTX_CTRL_OFFSET), 0u, OK);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(0, 0, 0, 0));
    /* (0, 0, 0) */
    W(VIRQ_FN_CTL_INTX(1), 0u, OK);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(0, 0, 0, 0));
    d_intx(d, t, false);
    /* (1, 0, 0): the status is set but not enabled: no INTx Status, no line */
    e = t;
    d_evt(d, e, 1u << 3);
    d_irq(d, e + 2, 3, IRQ_GUEST);
    d_intx(d, e + 3, false);
    t = e + 4;
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(1, 0, 0, 0));
    /* (1, 1, 0): the function drives the line from the second cycle after
     * the write (EN set at the edge ending w + 1) */
    w = t;
    W(FNW(1, VIRQ_FN_INTX_CTRL_OFFSET), 1u, OK);
    d_intx(d, w, false);
    d_intx(d, w + 1, false);
    d_intx(d, w + 2, true);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(1, 1, 1, 1));
    /* (1, 1, 1): Interrupt Disable takes it off the line; INTx Status stays */
    w = t;
    W(VIRQ_FN_CTL_INTX(1), 1u, OK);
    d_intx(d, w, true);
    d_intx(d, w + 1, true);
    d_intx(d, w + 2, false);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(1, 1, 1, 0));
    R(FNW(1, VIRQ_FN_INTX_STATE_OFFSET), OK, 1u | 1u << 1 | 1u << 2);
    /* (1, 0, 1) */
    W(FNW(1, VIRQ_FN_INTX_CTRL_OFFSET), 0u, OK);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(1, 0, 0, 0));
    /* two functions on the line: 1 asserting again, then 2 as well */
    W(FNW(1, VIRQ_FN_INTX_CTRL_OFFSET), 1u, OK);
    w = t;
    W(VIRQ_FN_CTL_INTX(1), 0u, OK);
    d_intx(d, w + 1, false); /* DISABLE still set until the edge ending w + 1 */
    d_intx(d, w + 2, true);
    e = t;
    d_evt(d, e, 1u << 4);
    d_irq(d, e + 2, 4, IRQ_GUEST);
    t = e + 4;
    R(VIRQ_FN_CTL_STATE(2), OK, FN_STATE(1, 1, 1, 1));
    /* the host monitor masks both (FIG. 6): the line drops only with the
     * second; both stay identifiable by their INTx Status */
    w = t;
    W(VIRQ_FN_CTL_INTX(1), 1u, OK);
    d_intx(d, w + 2, true); /* function 2 still drives it */
    w = t;
    W(VIRQ_FN_CTL_INTX(2), 1u, OK);
    d_intx(d, w + 1, true); /* DISABLE of 2 applied at the edge ending w + 1 */
    d_intx(d, w + 2, false);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(1, 1, 1, 0));
    R(VIRQ_FN_CTL_STATE(2), OK, FN_STATE(1, 1, 1, 0));
    /* function 1's driver acknowledges; function 2 is untouched */
    W(FNW(1, VIRQ_FN_INTX_ACK_OFFSET), 2u, SLV); /* reserved bit */
    refused++;
    W(FNW(1, VIRQ_FN_INTX_ACK_OFFSET), 1u, OK);
    R(VIRQ_FN_CTL_STATE(1), OK, FN_STATE(0, 1, 0, 0));
    R(VIRQ_FN_CTL_STATE(2), OK, FN_STATE(1, 1, 1, 0));
    w = t;
    W(VIRQ_FN_CTL_INTX(1), 0u, OK); /* EOI of function 1: nothing pending */
    d_intx(d, w + 2, false);
    w = t;
    W(VIRQ_FN_CTL_INTX(2), 0u, OK); /* EOI of function 2: still asserting */
    d_intx(d, w + 1, false);
    d_intx(d, w + 2, true);
    w = t;
    W(FNW(2, VIRQ_FN_INTX_ACK_OFFSET), 1u, OK);
    d_intx(d, w + 1, true); /* the latch clears at the edge ending w + 1 */
    d_intx(d, w + 2, false);
    R(FNW(2, VIRQ_FN_INTX_STATE_OFFSET), OK, 0u);

    /* ---- E: a lease (seed 004 on one adapter).  Queue 0 receives the
     * lease-expired event.  TICK_DIV 9 at t0: ticks in cycles t0 + 10k.
     * Vector 5 (home: the PF) is lent to VF 3 for 8 ticks by a write
     * accepted at t0 + 2 (applied at the edge ending t0 + 3): the count goes 8 -> 0 at the ticks of t0 + 10 .. t0 + 80; at the edge of
     * t0 + 80 the vector returns home, masked and reset; the event leaves
     * the delivery block in t0 + 81 (taken by the route block like a global
     * event: its accept cycle) and reaches host memory TB_ROUTE_LAT + 1 =
     * 6 + 1 = 7 cycles later, t0 + 88 (route stages 1, 2, I, P, O, W:
     * writer input t0 + 87; DMA write one cycle after). ---- */
    W(EQ_REG(0, 0x00), 0x00E00000u, OK);
    W(EQ_REG(0, 0x10), 3u, OK); /* 8 entries, function 0, vector 0 */
    W(EQ_REG(0, 0x14), 1u, OK); /* INIT: unarmed */
    uint64_t t0 = t;
    W(VIRQ_TICK_DIV_OFFSET, 9u, OK);
    W(VIRQ_VEC_LEASE(5), 3u << 16 | 8u, OK);
    R(VIRQ_VEC_LEASE(5), OK, 3u << 16 | 8u);
    W(VIRQ_VEC_LEASE(5), 2u << 16 | 5u, SLV); /* already lent */
    refused++;
    W(VIRQ_VEC_HOME(5), 1u, SLV); /* no new home while lent */
    refused++;
    W(VIRQ_VEC_LEASE(6), 0u << 16 | 5u, SLV); /* to its own home */
    refused++;
    W(FNW(0, VIRQ_FN_MSIX_ADDR_LO(5)), 0xFEE00000u, SLV); /* the PF's window no longer reaches it */
    refused++;
    W(FNW(3, VIRQ_FN_MSIX_ADDR_LO(5)), 0xFEE03000u, OK);
    W(FNW(3, VIRQ_FN_MSIX_DATA(5)), 0x4043u, OK);
    W(FNW(3, VIRQ_FN_MSIX_CTRL_OFFSET), 1u, OK);
    W(FNW(3, VIRQ_FN_MSIX_VCTRL(5)), 0u, OK);
    W(FNW(3, VIRQ_FN_MOD_CTRL(5)), CTRL_ACTIVE, OK);
    e = t;
    d_evt(d, e, 1u << 5);
    d_irq(d, e + 2, 5, IRQ_GUEST);
    d_msi(d, e + 5, 0xFEE03000ull, 0x4043u, 3, 5); /* the borrower is the requester; e + 2 + 3 */
    t = e + 6;
    /* tick k (cycle t0 + 10k) has happened before a read in t0 + 10k + 1 */
    t = t0 + 41;
    R(VIRQ_VEC_LEASE(5), OK, 3u << 16 | 4u);
    if (t > t0 + 76) {
        fprintf(stderr, "msix: lease part too long for its 8 ticks (scenario timing error)\n");
        free(d);
        return NULL;
    }
    /* The borrower's table writes around the end: the count is 1 from the
     * tick of t0 + 70, the last tick is t0 + 80.  A write decided at
     * t0 + 76 is applied at the edge ending t0 + 77, while the lease
     * still runs (tick_next in t0 + 76 is 0): OKAY; the entry is reset at t0 + 80
     * anyway.  A write decided at t0 + 79 would be applied at the edge
     * ending t0 + 80, the edge that ends the lease (count 1, no tick in
     * t0 + 79, a tick in t0 + 80): refused, SLVERR, nothing written. */
    t = t0 + 76;
    W(FNW(3, VIRQ_FN_MSIX_DATA(5)), 0x5555u, OK);
    t = t0 + 79;
    W(FNW(3, VIRQ_FN_MSIX_DATA(5)), 0x6666u, SLV);
    refused++, err_fn3++;
    t = t0 + 82;
    d_dma(d, t0 + 81 + TB_ROUTE_LAT + 1, 0x00E00000u, (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 0u << 8 | 5u);
    R(VIRQ_VEC_LEASE(5), OK, 0u); /* home, not lent */
    R(VIRQ_LEASE_EXP_CNT_OFFSET, OK, 1u);
    W(FNW(3, VIRQ_FN_MSIX_ADDR_LO(5)), 0xFEE03100u, SLV); /* the lease is over */
    refused++, err_fn3++;
    R(FNW(3, VIRQ_FN_MOD_CTRL(5)), SLV, 0);
    refused++, err_fn3++;
    R(FNW(0, VIRQ_FN_MSIX_ADDR_LO(5)), OK, 0u); /* back in its reset state */
    R(FNW(0, VIRQ_FN_MSIX_DATA(5)), OK, 0u);
    R(FNW(0, VIRQ_FN_MSIX_VCTRL(5)), OK, 1u);
    R(EQ_REG(0, 0x1C), OK, 1u); /* WI = 1 */
    /* an interrupt of vector 5 now is the PF's: pending behind the mask */
    e = t;
    d_evt(d, e, 1u << 5);
    d_irq(d, e + 2, 5, IRQ_GUEST);
    t = e + 6;
    R(FNW(0, VIRQ_FN_PBA_BITS(0)), OK, 1u << 5);
    /* lend it again and end the lease early: no event; the pending message
     * of the PF is discarded at the hand-over and counted */
    W(VIRQ_VEC_LEASE(5), 2u << 16 | 100u, OK);
    R(VIRQ_VEC_DROP_CNT_OFFSET, OK, 1u);
    W(VIRQ_VEC_LEASE(5), 0u, OK);
    R(VIRQ_VEC_LEASE(5), OK, 0u);
    R(VIRQ_LEASE_EXP_CNT_OFFSET, OK, 1u);
    /* A borrower's moderation writes around the end of a lease (FN_MOD,
     * applied one edge after the accept like the table writes, so refused
     * when the lease ends at that edge too): function 2 borrows vector 5
     * for one tick, lent at T - 7 (applied at the edge ending T - 6, count
     * 1), where T is a tick.  At T - 4 (no tick in T - 3) its write is
     * applied at the edge ending T - 3 while the lease runs: OKAY.  At
     * T - 1 it would be applied at the edge ending T, which ends the lease
     * (count 1, tick in T): SLVERR, nothing written.  The lease-expired
     * event is on the DMA port at T + 8 (docs/msix.md), queue 0's second
     * entry. */
    uint64_t tk = t0 + 10u * ((t + 7u - t0 + 9u) / 10u); /* first tick at or after t + 7 */
    t = tk - 7u;
    W(VIRQ_VEC_LEASE(5), 2u << 16 | 1u, OK);
    W(FNW(2, VIRQ_FN_MOD_LAT_IVL(5)), 7u, OK);
    W(FNW(2, VIRQ_FN_MOD_LAT_IVL(5)), 9u, SLV);
    refused++, err_fn2++;
    d_dma(d, tk + 1u + TB_ROUTE_LAT + 1u, 0x00E00004u, (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 0u << 8 | 5u);
    t = tk + 9u;
    R(VIRQ_MOD_LAT_IVL(5), OK, 7u);
    R(VIRQ_LEASE_EXP_CNT_OFFSET, OK, 2u);
    R(VIRQ_FN_CTL_ERR_CNT(2), OK, err_fn2);
    R(VIRQ_FN_CTL_ERR_CNT(3), OK, err_fn3);
    R(VIRQ_BUS_ERR_CNT_OFFSET, OK, refused);

    /* ---- F: a lease that ends one edge after a write's apply edge with
     * ticks in consecutive cycles (docs/msix.md "Register writes": a write
     * decided in w is refused if the lease ends at the edge ending w + 1,
     * which with a tick in w and in w + 1 means count 2 in w).  TICK_DIV 0
     * decided in tf: a tick in every cycle from tf + 1 (virq_tick: the first
     * tick DIV + 1 cycles after the write).  A VEC[] write decided in w is
     * applied at the edge ending w + 1 and the written count wins over that
     * edge's tick, so a lease of N decided in w has count N in w + 2, N - 1
     * in w + 3, ..., 1 in w + N + 1, and ends (count 0, the vector home) at
     * the edge ending w + N + 1 =: T; its lease-expired entry is on the
     * DMA port in T + 8 (offered to the route block in T + 1, the writer's
     * input T + 7).  Each lease lends vector 5 to function 2, whose window
     * writes come in w + 3, the next write slot:
     *   1. N = 4 in tf + 3: FN_MOD[5].LAT_IVL = 11 in tf + 6 with count 3:
     *      applied at the edge ending tf + 7 (count 2 then, the lease ends
     *      at the edge ending tf + 8): OKAY.  T = tf + 8.
     *   2. N = 3 in tf + 9: FN_MOD[5].LAT_IVL = 13 in tf + 12 with count 2:
     *      it would be applied at the edge ending tf + 13, which ends the
     *      lease (count 1, tick): SLVERR, nothing written.  T = tf + 13.
     *   3. N = 3 in tf + 15: the table write MSIX_DATA[5] in tf + 18 with
     *      count 2, the same rule for a window table write: SLVERR.
     *      T = tf + 19.
     * The unit keeps its interval across hand-overs (11), and the three
     * entries land in queue 0 after the two of part E. */
    uint64_t tf = t;
    W(VIRQ_TICK_DIV_OFFSET, 0u, OK);
    W(VIRQ_VEC_LEASE(5), 2u << 16 | 4u, OK);
    W(FNW(2, VIRQ_FN_MOD_LAT_IVL(5)), 11u, OK);
    W(VIRQ_VEC_LEASE(5), 2u << 16 | 3u, OK);
    W(FNW(2, VIRQ_FN_MOD_LAT_IVL(5)), 13u, SLV);
    refused++, err_fn2++;
    W(VIRQ_VEC_LEASE(5), 2u << 16 | 3u, OK);
    W(FNW(2, VIRQ_FN_MSIX_DATA(5)), 0x7777u, SLV);
    refused++, err_fn2++;
    const uint64_t t_dma = 1u + TB_ROUTE_LAT + 1u; /* T -> the entry on the DMA port: T + 8 */
    d_dma(d, tf + 8 + t_dma, 0x00E00008u, (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 0u << 8 | 5u);
    d_dma(d, tf + 13 + t_dma, 0x00E0000Cu, (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 0u << 8 | 5u);
    d_dma(d, tf + 19 + t_dma, 0x00E00010u, (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 0u << 8 | 5u);
    t = tf + 28;
    R(VIRQ_MOD_LAT_IVL(5), OK, 11u);
    R(VIRQ_VEC_LEASE(5), OK, 0u);
    R(VIRQ_LEASE_EXP_CNT_OFFSET, OK, 5u);
    R(EQ_REG(0, 0x1C), OK, 5u); /* WI = 5 */
    R(VIRQ_FN_CTL_ERR_CNT(2), OK, err_fn2);
    R(VIRQ_BUS_ERR_CNT_OFFSET, OK, refused);

    /* ---- G: a legacy queue end to end (seed 003 [0044], seed 002 FIG. 5):
     * queue QL = NUM_EQ - 1 (the highest queue number: 31, 11, 8 or 255 in
     * the configurations that run this), function 3, CFG.LEGACY.  It
     * signals no moderation unit (no interrupt is expected below); while it
     * is armed and holds unread entries it holds function 3's INTX_RAW,
     * a level that FN_INTX_ACK does not clear and the doorbell that hands
     * the entries back does (docs/msix.md "INTx").  Function 3 has MSI-X
     * enabled since part E: it is turned off first, since a function with
     * MSI-X enabled does not use its INTx pin (PCIe; G9 checks that).
     * Timing: an event accepted in e is written to the ring in a = e +
     * TB_ROUTE_LAT + 1 (port always ready) and the queue's PENDING is set
     * at the edge ending a (docs/eq.md "Timing": PENDING a + 1); virq_eq's
     * per-function level and the INTx gates after it are combinational
     * from registers, so intx_o follows in a + 1.  A doorbell decided in w
     * changes the queue at the edge ending w: intx_o from w + 1.  An
     * Interrupt Disable, enable or acknowledge written in w: w + 2, as in
     * part D. */
    const unsigned QL = p->num_eq - 1;
    const uint32_t QL_BASE = 0x00D00000u;
    W(EQ_REG(QL, 0x00), QL_BASE, OK);
    W(EQ_REG(QL, 0x10), VIRQ_EQ_CFG_LEGACY_MASK | 3u << 16 | 3u, OK); /* legacy, function 3, 8 entries */
    W(EQ_REG(QL, 0x14), 1u, OK);                  /* INIT: unarmed, empty */
    W(FNW(3, VIRQ_FN_MSIX_CTRL_OFFSET), 0u, OK);  /* MSI-X off: INTx */
    /* G1: an entry while unarmed raises nothing */
    e = t;
    d_sevt(d, e, 3, QL, 0x31, 0x000001u);
    d_dma(d, e + TB_ROUTE_LAT + 1, QL_BASE, 0x31000001u);
    d_intx(d, e + TB_ROUTE_LAT + 2, false);
    t = e + TB_ROUTE_LAT + 3;
    R(EQ_REG(QL, 0x18), OK, VIRQ_EQ_STATE_UNARMED | 1u << 2); /* PENDING, unarmed */
    /* G2: arming with the unread entry raises the level at once */
    w = t;
    W(DB(3), DB_ARM | DB_EQ(QL), OK);
    d_intx(d, w, false);
    d_intx(d, w + 1, true);
    R(VIRQ_FN_CTL_STATE(3), OK, FN_STATE(1, 1, 1, 1));
    R(FNW(3, VIRQ_FN_INTX_STATE_OFFSET), OK, 0xBu); /* LINE (3), STATUS (1), RAW (0); not DISABLE (2) */
    /* G3: the host monitor masks it: the line drops, the status stays */
    w = t;
    W(VIRQ_FN_CTL_INTX(3), 1u, OK);
    d_intx(d, w + 1, true);
    d_intx(d, w + 2, false);
    R(VIRQ_FN_CTL_STATE(3), OK, FN_STATE(1, 1, 1, 0));
    /* G4: the function's acknowledge does not clear a level */
    W(FNW(3, VIRQ_FN_INTX_ACK_OFFSET), 1u, OK);
    R(VIRQ_FN_CTL_STATE(3), OK, FN_STATE(1, 1, 1, 0));
    /* G5: unmasked again: the line returns, still asserted */
    w = t;
    W(VIRQ_FN_CTL_INTX(3), 0u, OK);
    d_intx(d, w + 1, false);
    d_intx(d, w + 2, true);
    /* G6: the driver hands the entry back and re-arms in one doorbell */
    w = t;
    W(DB(3), DB_VALID | DB_ARM | DB_EQ(QL) | 1u, OK);
    d_intx(d, w, true);
    d_intx(d, w + 1, false);
    R(VIRQ_FN_CTL_STATE(3), OK, FN_STATE(0, 1, 0, 0));
    /* G7: a second entry while armed: the level rises with PENDING */
    e = t;
    d_sevt(d, e, 3, QL, 0x32, 0x000002u);
    d_dma(d, e + TB_ROUTE_LAT + 1, QL_BASE + 4u, 0x32000002u);
    d_intx(d, e + TB_ROUTE_LAT + 1, false);
    d_intx(d, e + TB_ROUTE_LAT + 2, true);
    t = e + TB_ROUTE_LAT + 3;
    R(EQ_REG(QL, 0x1C), OK, 1u << 16 | 2u); /* RI 1, WI 2 */
    /* G8: unarmed by a doorbell that leaves the entry unread: the level
     * goes, the entry stays */
    w = t;
    W(DB(3), DB_EQ(QL), OK);
    d_intx(d, w, true);
    d_intx(d, w + 1, false);
    R(EQ_REG(QL, 0x18), OK, VIRQ_EQ_STATE_UNARMED | 1u << 2);
    R(VIRQ_FN_CTL_STATE(3), OK, FN_STATE(0, 1, 0, 0));
    /* G9: armed again with the entry unread (the level up in w + 1);
     * MSI-X enabled from the window (applied at the edge ending w + 1, as
     * EN in part D): the line drops in w + 2 while RAW and STATUS stay
     * (PCIe: MSI-X Enable prohibits INTx); MSI-X off again: back in w + 2 */
    w = t;
    W(DB(3), DB_ARM | DB_EQ(QL), OK);
    d_intx(d, w + 1, true);
    w = t;
    W(FNW(3, VIRQ_FN_MSIX_CTRL_OFFSET), 1u, OK);
    d_intx(d, w + 1, true);
    d_intx(d, w + 2, false);
    R(VIRQ_FN_CTL_STATE(3), OK, MSI_EN | FN_STATE(1, 1, 1, 0));
    R(FNW(3, VIRQ_FN_INTX_STATE_OFFSET), OK, 0x3u); /* STATUS (1), RAW (0); not LINE (3) */
    w = t;
    W(FNW(3, VIRQ_FN_MSIX_CTRL_OFFSET), 0u, OK);
    d_intx(d, w + 1, false);
    d_intx(d, w + 2, true);
    R(VIRQ_FN_CTL_STATE(3), OK, FN_STATE(1, 1, 1, 1));
    R(VIRQ_BUS_ERR_CNT_OFFSET, OK, refused);
#undef R
#undef W
    d->end = t + 10;
    return d;
}

/* Global events held up (docs/route.md: each input counts up to 65 535
 * waiting events; GEV_LOST_CNT counts the ones beyond).  Queue 0 (function
 * 0, 2^6 entries, unarmed) is defined at set-up.  From GEV_AT the DMA port
 * is not ready for GEV_HOLD cycles.  gev_i[0] is high in GEV_AT .. GEV_AT +
 * GEV_N0 - 1; its first pulse is counted at the edge ending GEV_AT and
 * injected in GEV_AT + 1, and, as in the stream scenario's stall, the
 * pipeline takes GEV_PRE = 8 events (GEV_AT + 1 .. GEV_AT + 8: the writer's
 * output register, stages 1, 2, I, P, O, W and the skid) before it is
 * full.  So input 0's count, after the edge ending cycle c, is c - GEV_AT +
 * 1 - 8: it reaches 65 535 with the pulse of GEV_AT + 8 + 65 534, and the
 * pulses from G1 = GEV_AT + 8 + 65 535 on are lost: GEV_LOST0 = 5 of them.
 * gev_i[3] is high in the last GEV_N3 = 65 535 + 3 of those cycles and
 * never taken (input 0 goes first): its last GEV_LOST3 = 3 pulses are
 * lost, in the cycles G1 + 2 .. G1 + 4, where both inputs lose one
 * (GEV_LOST_CNT + 2).  A read answered in cycle x sees the losses of the
 * cycles before x:
 *   x = G1      0
 *   x = G1 + 4  1 + 1 + 2 + 2 = 6       (G1, G1 + 1: input 0; G1 + 2, + 3: both)
 *   x = G1 + 8  5 + 3 = 8               (after the last pulse, G1 + 4)
 * At the release cycle GEV_R = GEV_AT + GEV_HOLD the port takes the first
 * global event and then one per cycle (the 8 in the pipeline, then input
 * 0's waiting ones, injected from GEV_R + 1): write i, 0 <= i < GEV_DRAIN,
 * in GEV_R + i, code 0xF0 (VIRQ_EVT_CODE_GLOBAL + 0) with parameter 0, to
 * queue 0's entry i.  The pipeline moves again from GEV_R + 1 (the skid is
 * free after the edge ending GEV_R), so gev_i[0] high again in GEV_R + 1 ..
 * GEV_R + GEV_KEEP finds input 0's count at 65 535 in cycles that take one
 * of its events: those pulses are kept, not lost (the count stays at
 * 65 535), and GEV_LOST_CNT still reads 8 in GEV_R + GEV_DRAIN - 4.  No
 * interrupt: queue 0 is not armed. */
enum {
    GEV_AT = 50,                     /* the first stalled cycle, after the set-up */
    GEV_PRE = 1 + TB_ROUTE_LAT + 1,  /* events the held pipeline takes: output register, 6 stages, skid */
    GEV_LIMIT = 0xFFFF,              /* waiting events an input counts */
    GEV_LOST0 = 5, GEV_LOST3 = 3,    /* pulses lost on inputs 0 and 3 */
    GEV_N0 = GEV_PRE + GEV_LIMIT + GEV_LOST0, /* cycles gev_i[0] is high */
    GEV_N3 = GEV_LIMIT + GEV_LOST3,  /* cycles gev_i[3] is high, ending with input 0's */
    GEV_G1 = GEV_AT + GEV_PRE + GEV_LIMIT, /* input 0's first lost pulse */
    GEV_HOLD = GEV_N0 + 20,          /* m_dma_ready_i = 0 in GEV_AT .. GEV_AT + GEV_HOLD - 1 */
    GEV_R = GEV_AT + GEV_HOLD,       /* the release */
    GEV_DRAIN = 40,                  /* writes checked after it; the run ends at GEV_R + GEV_DRAIN */
    GEV_KEEP = 3                     /* gev_i[0] high again in GEV_R + 1 .. GEV_R + GEV_KEEP */
};
static void *scn_gev_create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    (void)seed;
    (void)cycles;
    if (p->eq_max_log2 < 6) {
        fprintf(stderr, "gev: needs eq_max_log2 >= 6 (queue 0 takes %d entries)\n", (int)GEV_DRAIN);
        return NULL;
    }
    directed_t *d = d_new("gev", p, GEV_R + GEV_DRAIN);
    if (d == NULL)
        return NULL;
    d_write(d, 10, EQ_REG(0, 0x00), Q0_BASE, FULL, OK);
    d_write(d, 13, EQ_REG(0, 0x10), 6u, FULL, OK); /* 64 entries, function 0, vector 0 */
    d_write(d, 16, EQ_REG(0, 0x14), 1u, FULL, OK); /* INIT: unarmed */
    /* GEV_LOST_CNT before, during and after the losses, and after the
     * drain has started */
    d_read(d, 20, VIRQ_GEV_LOST_CNT_OFFSET, OK, 0u);
    d_read(d, GEV_G1 - 8, VIRQ_GEV_LOST_CNT_OFFSET, OK, 0u);
    d_read(d, GEV_G1, VIRQ_GEV_LOST_CNT_OFFSET, OK, 0u);
    d_read(d, GEV_G1 + 4, VIRQ_GEV_LOST_CNT_OFFSET, OK, 6u);
    d_read(d, GEV_G1 + 8, VIRQ_GEV_LOST_CNT_OFFSET, OK, GEV_LOST0 + GEV_LOST3);
    d_read(d, GEV_R + GEV_DRAIN - 4, VIRQ_GEV_LOST_CNT_OFFSET, OK, GEV_LOST0 + GEV_LOST3);
    for (unsigned i = 0; i < GEV_DRAIN; i++)
        d_dma(d, GEV_R + i, Q0_BASE + 4u * i, (uint32_t)VIRQ_EVT_CODE_GLOBAL << 24);
    return d;
}

static void scn_gev_drive(void *sv, uint64_t c, virq_in_t *in)
{
    d_drive(sv, c, in);
    if ((c >= GEV_AT && c < GEV_AT + GEV_N0) || (c > GEV_R && c <= GEV_R + GEV_KEEP))
        in->gev_i |= 1u;
    if (c >= GEV_AT + GEV_N0 - GEV_N3 && c < GEV_AT + GEV_N0)
        in->gev_i |= 1u << 3;
    if (c >= GEV_AT && c < GEV_R)
        in->m_dma_ready_i = 0;
}

static const tb_scenario_t scn_gev = {"gev", "global events held up: counts saturate, GEV_LOST_CNT, the drain", 0,
                                      scn_gev_create, scn_gev_drive, d_observe, d_finish, d_destroy};

static const tb_scenario_t scn_msix = {"msix", "interrupt delivery: MSI-X mask/pending, INTx FIG. 5, leases", 0,
                                       scn_msix_create, d_drive, d_observe, d_finish, d_destroy};

static const tb_scenario_t scn_stream = {"stream", "one event per clock through the event path, and its latencies", 0,
                                         scn_stream_create, scn_stream_drive, scn_stream_observe, scn_stream_finish,
                                         scn_stream_destroy};

extern const tb_scenario_t tb_scn_eq_random;
extern const tb_scenario_t tb_scn_vf_sweep;
extern const tb_scenario_t tb_scn_drv;

const tb_scenario_t *const tb_scenarios[] = {&scn_mod_a,  &scn_mod_b,  &scn_regs,         &scn_reset,        &scn_eq,
                                             &scn_route,  &scn_stream, &scn_gev,          &scn_msix,         &scn_random,
                                             &tb_scn_eq_random, &tb_scn_vf_sweep, &tb_scn_drv, NULL};

const tb_scenario_t *tb_find_scenario(const char *name)
{
    for (const tb_scenario_t *const *s = tb_scenarios; *s; s++)
        if (strcmp((*s)->name, name) == 0)
            return *s;
    return NULL;
}
