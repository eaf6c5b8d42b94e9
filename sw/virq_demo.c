/* virq_demo: four guests, two CPUs, one virq -- a first program after `make sim`.
 *
 * WHAT IT RUNS
 *   The C model of virq (libvirq) is driven cycle by cycle (virq_step) and
 *   programmed through the driver core (sw/virq_drv.c, sw/virq_eq_drv.c) over
 *   a zero-time register bus, exactly as sw/test_drv.c does.  Around it this
 *   file plays everybody else:
 *
 *   - the device:   bursty packet arrivals per guest (seeded PRNG, on/off
 *                   bursts) offered on the event stream s_evt_* with the
 *                   guest's function and queue; codes 1..0xEF, the parameter
 *                   is a per-guest sequence number;
 *   - host memory:  one small array per guest (and one for the hypervisor)
 *                   receiving the engine's DMA writes (m_dma_*, always ready);
 *   - 4 guests:     guest g (0..3) is VF function g+1, owns event queue g+1
 *                   (a 64-entry ring in its memory) signalled on vector g+1,
 *                   whose moderation unit runs variant A (explicit guest state);
 *   - a hypervisor: 2 physical CPUs, round-robin with a time slice
 *                   (--slice-us), so at most 2 guests run at a time.  It calls
 *                   virq_mod_guest_state() at every schedule in/out.  A wake
 *                   interrupt (wake_irq_o bit of a guest's vector) for a guest
 *                   that is not running makes the scheduler run that guest at
 *                   its next 1 us tick, preempting the guest that has been
 *                   running longest (if it ran at least MIN_RUN_US).  It never
 *                   schedules a guest out between an interrupt and its
 *                   handler (see can_switch()).  It also owns queue 0
 *                   (function 0, vector 0), where the engine reports ring
 *                   overflows, and services it at once.
 *
 *   A running guest that gets its guest interrupt (or was woken) runs its
 *   handler PROC_DELAY_US of *running* time later: FIG. 9, virq_eq_poll()
 *   hands over every entry, then one doorbell write gives them back and
 *   re-arms the queue.  A guest that is not running processes nothing; an
 *   interrupt it was given waits until it runs again.  After a ring overflow
 *   (reported on queue 0) the guest's next handler drains what is in the ring,
 *   re-initializes the queue (EQ CMD.INIT) and re-arms it.
 *
 * HOW TO READ THE OUTPUT
 *   One row per guest:
 *     arrived    packets the engine accepted on the event stream
 *     processed  entries the guest's handler took from its ring
 *     inring     entries still in the ring at the end (not yet handled)
 *     dropped    the queue's DROPS register (overflowing entry + entries
 *                posted while the queue was undefined after an overflow)
 *     g_irq      guest interrupts (guest_irq_o) on the guest's vector
 *     wake       wake interrupts (wake_irq_o) to the hypervisor
 *     sched      times the guest was scheduled in
 *     ovf        ring overflows (events on queue 0 naming this queue)
 *     maxocc     most unread entries seen in the ring (63 = full)
 *     p50/p99    latency in us from "event accepted by the engine" to "the
 *                guest handled the entry"
 *   Latency is mostly the latency interval (moderation) while a guest runs,
 *   and the wait for the scheduler while it does not: with a long slice and
 *   no wake interrupts it would be up to a whole slice; the overflow interval
 *   bounds it instead.
 *
 * SELF-CHECKS (exit status 1 if any fails; each failure is a violation() call)
 *   1. order:  every processed entry is the next event that was accepted for
 *              that guest, except events the engine dropped; the number
 *              skipped equals the DROPS register at the end.
 *   2. count:  arrived = processed + in ring + DROPS, per guest; and no
 *              refused event (EVT_ERR_CNT), no refused register access
 *              (BUS_ERR_CNT), no DMA write outside a ring, EQ_OVF_CNT = the
 *              overflow events the hypervisor saw on queue 0.
 *   3. irq vs schedule: a unit decides to fire in cycle f from the guest state
 *              it holds in cycle f, and the pulse shows in cycle f+1.  So a
 *              guest_irq seen in cycle c is legal iff the guest was scheduled
 *              in (GUEST_ACTIVE = 1) during cycle c-1; the one cycle in flight
 *              at schedule-out is allowed (counted as "late", treated like a
 *              wake: the handler runs when the guest runs again).  Likewise a
 *              wake_irq in cycle c needs GUEST_ACTIVE = 0 in cycle c-1.
 *              Late ones are rare here: the scheduler switches just before
 *              cycle 0 mod 250 and the timer-driven fires are decided in that
 *              very cycle (ticks end in cycles 249 mod 250), so only a packet
 *              arriving at the wrong cycle makes one.  Move the scheduler to
 *              cycle 1 mod 250 in main() and you get hundreds, all handled.
 *
 * usage: virq_demo [--seed N] [--ms N] [--slice-us N] [--help]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq/virq.h"
#include "virq_drv.h"
#include "virq_eq_drv.h"

/* ---- parameters ------------------------------------------------------------ */
#define NGUEST 4
#define NCPU 2
#define CLK_HZ 250000000u /* 250 MHz ... */
#define CYC_PER_US 250u   /* ... so 1 us = 250 cycles = one moderation tick */
#define RING_LOG2 6u      /* 64 entries: at most 63 unread */
#define RING_N (1u << RING_LOG2)
#define LAT_US 20u        /* latency interval: at most one guest irq per 20 us */
#define PROC_DELAY_US 2u  /* from interrupt to handler, in running time */
#define MIN_RUN_US 20u    /* a wake never preempts a guest that ran less */

/* Traffic, per guest: bursts of BURST_ON_US (+-50%) separated by silences of
 * BURST_OFF_US (+-50%); inside a burst a packet every GAP_US on average
 * (uniform 0.5..1.5 x).  Mean rate 1/GAP_US * ON/(ON+OFF) = 50 kpkt/s. */
#define BURST_ON_US 300u
#define BURST_OFF_US 1200u
#define GAP_US 4u

/* Overflow interval, from the ring size and the arrival rate: during a burst
 * a ring of 63 usable entries fills in 63 x GAP_US = 252 us.  The wake
 * interrupt has to come well before that: the scheduler reacts at its next
 * 1 us tick (or after MIN_RUN_US if both CPUs just switched), the guest
 * handles PROC_DELAY_US later, and the ring may not have been empty when the
 * counter started (at schedule-out).  Half the fill time leaves that margin:
 * 126 us. */
#ifndef OVF_US /* cc -DOVF_US=400 ...: longer than the fill time, to see overflows */
#define OVF_US ((RING_N - 1u) * GAP_US / 2u)
#endif

#define DEFAULT_SEED 1u
#define DEFAULT_MS 20u
#define DEFAULT_SLICE_US 1000u

/* host memory: region 0 is the hypervisor's (queue 0), region 1+g guest g's */
#define NREGION (NGUEST + 1)
#define REGION_BASE(r) (0x100000000ull + (uint64_t)(r) * 0x10000u)
#define REGION_WORDS 1024u /* 4 KiB each; the ring is at its start */

/* ---- a tiny PRNG (splitmix64), one stream per guest ---------------------- */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* uniform in [mean/2, 3*mean/2], in cycles, at least 1 */
static uint64_t rng_around(uint64_t *s, uint64_t mean_cycles)
{
    uint64_t lo = mean_cycles / 2, span = mean_cycles + 1;
    uint64_t v = lo + rng_next(s) % span;
    return v ? v : 1;
}

/* ---- growable arrays ------------------------------------------------------- */
typedef struct {
    uint64_t *v;
    size_t n, cap;
} vec_t;

static void vec_push(vec_t *a, uint64_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 1024;
        a->v = realloc(a->v, a->cap * sizeof *a->v);
        if (a->v == NULL) {
            fprintf(stderr, "virq_demo: out of memory\n");
            exit(1);
        }
    }
    a->v[a->n++] = x;
}

/* ---- the world ------------------------------------------------------------- */
typedef struct sim sim_t;

typedef struct guest {
    sim_t *sim;
    unsigned idx, func, eq, vec;
    virq_eq_ring_t ring;
    /* traffic */
    uint64_t rng;
    bool burst_on;
    uint64_t next_toggle, next_arrival;
    uint32_t next_seq; /* sequence number of the next packet generated */
    /* expected FIFO: accepted events, (seq << 40 | accept cycle), in order */
    vec_t expect;
    size_t expect_head;
    uint64_t skipped; /* accepted events that never reached the ring */
    /* scheduling */
    int cpu;              /* -1: not running */
    bool was_active;      /* GUEST_ACTIVE during the previous cycle */
    bool wake_req;        /* hypervisor: run me soon */
    bool irq_pending;     /* interrupt delivered, handler not yet run */
    uint64_t work_left;   /* running cycles until the handler runs */
    bool need_reset;      /* the ring overflowed: recover in the handler */
    /* statistics */
    uint64_t arrived, processed, guest_irqs, wakes, late_irqs, sched_in, overflows;
    unsigned occ, max_occ;
    vec_t lat; /* cycles, one per processed entry */
} guest_t;

struct sim {
    virq_t *m;
    virq_dev_t dev;
    uint64_t now; /* cycle */
    uint32_t mem[NREGION][REGION_WORDS];
    uint64_t bad_dma, bad_mem;
    guest_t g[NGUEST];
    int cpu_guest[NCPU];       /* -1: idle */
    uint64_t cpu_since[NCPU];  /* cycle the current guest was scheduled in */
    int runq[NGUEST];          /* waiting guests, oldest first */
    unsigned runq_n;
    virq_eq_ring_t hv_ring;    /* queue 0 */
    uint64_t hv_ovf_events;
    /* the event stream: packets generated but not yet accepted */
    uint64_t pend[4096]; /* guest << 32 | seq */
    unsigned pend_head, pend_n;
    unsigned violations;
};

/* ---- buses: the model's registers, and the host memory ------------------- */
static int bus_read(void *ctx, uint32_t addr, uint32_t *v)
{
    return (int)virq_reg_read(((sim_t *)ctx)->m, addr, v);
}

static int bus_write(void *ctx, uint32_t addr, uint32_t v)
{
    return (int)virq_reg_write(((sim_t *)ctx)->m, addr, v);
}

static uint32_t *mem_word(sim_t *s, uint64_t a)
{
    for (unsigned r = 0; r < NREGION; r++)
        if (a >= REGION_BASE(r) && a < REGION_BASE(r) + 4u * REGION_WORDS && (a & 3u) == 0)
            return &s->mem[r][(a - REGION_BASE(r)) / 4];
    return NULL;
}

static uint32_t mem_rd(void *ctx, uint64_t a)
{
    sim_t *s = ctx;
    uint32_t *w = mem_word(s, a);
    if (w == NULL) {
        s->bad_mem++;
        return 0;
    }
    return *w;
}

static void mem_wr(void *ctx, uint64_t a, uint32_t v)
{
    sim_t *s = ctx;
    uint32_t *w = mem_word(s, a);
    if (w == NULL) {
        s->bad_mem++;
        return;
    }
    *w = v;
}

/* a failed self-check: count it, print the first few */
__attribute__((format(printf, 3, 4))) static void violation(sim_t *s, unsigned g, const char *fmt, ...)
{
    if (s->violations++ < 10) {
        va_list ap;
        fprintf(stderr, "CHECK FAILED at cycle %" PRIu64 " (%.1f us), guest %u: ", s->now,
                (double)s->now / CYC_PER_US, g);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
}

static void drv(int err, const char *what)
{
    if (err != VIRQ_OK) {
        fprintf(stderr, "virq_demo: %s: %s\n", what, virq_strerror(err));
        exit(1);
    }
}

/* entry layout: code in bits 31:24, parameter (sequence number) in 23:0 */
static unsigned code_of(uint32_t seq)
{
    return 1u + seq % 0xEFu; /* 1..0xEF */
}

/* ---- check 1: match an entry against the guest's expected FIFO ------------ */
static bool match_expected(guest_t *g, uint32_t entry, uint64_t *accept_cycle)
{
    uint32_t seq = entry & 0xFFFFFFu;
    if ((entry >> 24) != code_of(seq)) {
        violation(g->sim, g->idx, "entry %#" PRIx32 " has a wrong code (seq %" PRIu32 ")", entry, seq);
        return false;
    }
    /* skip over accepted events that never reached the ring (dropped) */
    while (g->expect_head < g->expect.n) {
        uint64_t e = g->expect.v[g->expect_head++];
        if ((e >> 40) == seq) {
            *accept_cycle = e & 0xFFFFFFFFFFull;
            return true;
        }
        g->skipped++;
    }
    violation(g->sim, g->idx, "entry seq %" PRIu32 " was never posted, or is out of order", seq);
    return false;
}

/* virq_eq_poll() calls this for every entry the guest takes from its ring */
static void guest_handle(void *ctx, unsigned eq, uint32_t entry)
{
    guest_t *g = ctx;
    uint64_t acc = 0;
    (void)eq;
    if (match_expected(g, entry, &acc))
        vec_push(&g->lat, g->sim->now - acc);
    g->processed++;
    g->occ--;
}

/* The guest's interrupt handler (FIG. 9), or overflow recovery. */
static void guest_handler(sim_t *s, guest_t *g)
{
    virq_mem_t mem = {s, mem_rd, mem_wr};
    uint32_t db;
    if (g->need_reset) {
        /* the queue is undefined: take what is in the ring (no doorbell: it
         * would be refused), then INIT (WI = RI = 0) and arm again */
        virq_eq_poll(&g->ring, &mem, guest_handle, g, 0, &db);
        virq_eq_ring_init(&g->ring, &mem, g->eq, g->func, REGION_BASE(g->idx + 1), RING_LOG2);
        drv(bus_write(s, VIRQ_EQ_CMD(g->eq), VIRQ_EQ_CMD_INIT_MASK) ? VIRQ_EBUS : VIRQ_OK, "queue INIT");
        db = virq_eq_doorbell(g->eq, false, 0, true);
        g->need_reset = false;
    } else {
        virq_eq_poll(&g->ring, &mem, guest_handle, g, 0, &db);
    }
    drv(bus_write(s, virq_eq_db_addr(&g->ring), db) ? VIRQ_EBUS : VIRQ_OK, "doorbell");
}

/* an interrupt for g (guest irq, wake, or an overflow report): run the handler
 * after PROC_DELAY_US of running time */
static void deliver(guest_t *g)
{
    if (!g->irq_pending) {
        g->irq_pending = true;
        g->work_left = PROC_DELAY_US * CYC_PER_US;
    }
}

/* ---- the hypervisor: queue 0 and the scheduler ---------------------------- */
static void hv_handle(void *ctx, unsigned eq, uint32_t entry)
{
    sim_t *s = ctx;
    unsigned q = entry & 0xFFFFFFu;
    (void)eq;
    if ((entry >> 24) != VIRQ_EVT_CODE_EQ_OVERFLOW || q < 1 || q > NGUEST) {
        violation(s, 0, "unexpected entry %#" PRIx32 " on queue 0", entry);
        return;
    }
    guest_t *g = &s->g[q - 1];
    s->hv_ovf_events++;
    g->overflows++;
    g->need_reset = true;
    deliver(g);
    if (g->cpu < 0)
        g->wake_req = true;
}

static void sched_in(sim_t *s, int cpu, guest_t *g)
{
    for (unsigned i = 0; i < s->runq_n; i++)
        if (s->runq[i] == (int)g->idx) {
            memmove(&s->runq[i], &s->runq[i + 1], (s->runq_n - i - 1) * sizeof s->runq[0]);
            s->runq_n--;
            break;
        }
    s->cpu_guest[cpu] = (int)g->idx;
    s->cpu_since[cpu] = s->now;
    g->cpu = cpu;
    g->wake_req = false;
    g->sched_in++;
    drv(virq_mod_guest_state(&s->dev, g->vec, true), "schedule in");
}

static void sched_out(sim_t *s, int cpu)
{
    guest_t *g = &s->g[s->cpu_guest[cpu]];
    drv(virq_mod_guest_state(&s->dev, g->vec, false), "schedule out");
    g->cpu = -1;
    s->cpu_guest[cpu] = -1;
    s->runq[s->runq_n++] = (int)g->idx;
}

/* the next guest to run: a woken one first (lowest number), else the oldest
 * in the run queue; NULL if none waits */
static guest_t *pick(sim_t *s, bool woken_only)
{
    for (unsigned i = 0; i < s->runq_n; i++)
        if (s->g[s->runq[i]].wake_req)
            return &s->g[s->runq[i]];
    return (!woken_only && s->runq_n) ? &s->g[s->runq[0]] : NULL;
}

/* May the guest on CPU c be scheduled out now?  Not before it ran min_cycles,
 * and never between an interrupt and its handler: its queue was disarmed
 * when the unit fired and is re-armed only by the handler's doorbell, so a
 * guest scheduled out there could get no wake interrupt and would wait a
 * whole round of slices (try it: drop the irq_pending test). */
static bool can_switch(const sim_t *s, int c, uint64_t min_cycles)
{
    return s->now - s->cpu_since[c] >= min_cycles && !s->g[s->cpu_guest[c]].irq_pending;
}

/* every microsecond */
static void scheduler_tick(sim_t *s, uint64_t slice_cycles)
{
    guest_t *n;
    /* idle CPUs take the next guest */
    for (int c = 0; c < NCPU; c++)
        if (s->cpu_guest[c] < 0 && (n = pick(s, false)) != NULL)
            sched_in(s, c, n);
    /* woken guests preempt the guest that has run longest */
    while ((n = pick(s, true)) != NULL) {
        int victim = -1;
        for (int c = 0; c < NCPU; c++)
            if (can_switch(s, c, MIN_RUN_US * CYC_PER_US) && (victim < 0 || s->cpu_since[c] < s->cpu_since[victim]))
                victim = c;
        if (victim < 0)
            break; /* try again at the next tick */
        sched_out(s, victim);
        sched_in(s, victim, n);
    }
    /* round robin: a guest whose slice is over yields to the oldest waiter */
    for (int c = 0; c < NCPU; c++)
        if (s->runq_n && can_switch(s, c, slice_cycles)) {
            n = &s->g[s->runq[0]];
            sched_out(s, c);
            sched_in(s, c, n);
        }
}

/* ---- traffic --------------------------------------------------------------- */
static void traffic(sim_t *s, guest_t *g)
{
    if (s->now >= g->next_toggle) {
        g->burst_on = !g->burst_on;
        g->next_toggle = s->now + rng_around(&g->rng, (uint64_t)(g->burst_on ? BURST_ON_US : BURST_OFF_US) * CYC_PER_US);
        g->next_arrival = s->now + rng_around(&g->rng, (uint64_t)GAP_US * CYC_PER_US);
    }
    if (g->burst_on && s->now >= g->next_arrival) {
        g->next_arrival = s->now + rng_around(&g->rng, (uint64_t)GAP_US * CYC_PER_US);
        if (s->pend_n == sizeof s->pend / sizeof s->pend[0])
            return; /* cannot happen at these rates: the stream takes one per cycle */
        s->pend[(s->pend_head + s->pend_n++) % (sizeof s->pend / sizeof s->pend[0])] =
            (uint64_t)g->idx << 32 | g->next_seq++;
    }
}

/* ---- one clock cycle --------------------------------------------------------- */
static void cycle(sim_t *s, bool offer)
{
    virq_in_t in = {0};
    virq_out_t out;
    uint64_t head = s->pend[s->pend_head];
    guest_t *hg = &s->g[head >> 32];
    uint32_t seq = (uint32_t)head;

    in.rst_ni = 1;
    in.m_dma_ready_i = 1;
    if (offer && s->pend_n) {
        in.s_evt_valid_i = 1;
        in.s_evt_func_i = hg->func;
        in.s_evt_eq_i = hg->eq;
        in.s_evt_code_i = code_of(seq);
        in.s_evt_param_i = seq & 0xFFFFFFu;
    }
    virq_step(s->m, &in, &out);

    /* event accepted: it has arrived, remember it in the expected FIFO */
    if (in.s_evt_valid_i && out.s_evt_ready_o) {
        vec_push(&hg->expect, (uint64_t)seq << 40 | s->now);
        hg->arrived++;
        s->pend_head = (s->pend_head + 1) % (sizeof s->pend / sizeof s->pend[0]);
        s->pend_n--;
    }
    /* DMA write into host memory; it must land inside a ring */
    if (out.m_dma_valid_o) {
        uint64_t a = out.m_dma_addr_o;
        bool in_ring = false;
        for (unsigned r = 0; r < NREGION; r++)
            if (a >= REGION_BASE(r) && a < REGION_BASE(r) + 4u * RING_N) {
                in_ring = true;
                if (r > 0 && (out.m_dma_data_o >> 24) != 0) {
                    guest_t *g = &s->g[r - 1];
                    if (++g->occ > g->max_occ)
                        g->max_occ = g->occ;
                }
            }
        if (!in_ring)
            s->bad_dma++;
        mem_wr(s, a, (uint32_t)out.m_dma_data_o);
    }
    /* the hypervisor's queue 0 (vector 0, no moderation): serve it at once */
    if (out.guest_irq_o & 1u) {
        virq_mem_t mem = {s, mem_rd, mem_wr};
        drv(virq_eq_service(&s->dev, &s->hv_ring, &mem, hv_handle, s, 0, NULL), "queue 0 service");
    }
    /* interrupts on the guests' vectors; check 3 */
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_t *g = &s->g[i];
        bool gi = (out.guest_irq_o >> g->vec) & 1u, wk = (out.wake_irq_o >> g->vec) & 1u;
        if (gi) {
            g->guest_irqs++;
            if (!g->was_active)
                violation(s, i, "guest irq, but not scheduled in during the deciding cycle");
            if (g->cpu < 0) { /* the one cycle in flight at schedule-out */
                g->late_irqs++;
                g->wake_req = true;
            }
            deliver(g);
        }
        if (wk) {
            g->wakes++;
            if (g->was_active)
                violation(s, i, "wake irq, but scheduled in during the deciding cycle");
            if (g->cpu < 0)
                g->wake_req = true;
            deliver(g);
        }
        g->was_active = g->cpu >= 0;
        /* a running guest works towards its handler */
        if (g->irq_pending && g->cpu >= 0 && --g->work_left == 0) {
            g->irq_pending = false;
            guest_handler(s, g);
        }
    }
    s->now++;
}

/* ---- command line -------------------------------------------------------------- */
static void usage(FILE *f)
{
    fprintf(f, "usage: virq_demo [--seed N] [--ms N] [--slice-us N] [--help]\n"
               "  --seed N      PRNG seed of the packet arrivals (default %u)\n"
               "  --ms N        simulated time in milliseconds, 1..1000 (default %u)\n"
               "  --slice-us N  scheduler time slice in microseconds, 1..1000000 (default %u)\n"
               "Runs 4 guests on 2 CPUs against the virq C model and checks invariants;\n"
               "exit status 0 ok, 1 a check failed, 2 bad command line.\n",
            DEFAULT_SEED, DEFAULT_MS, DEFAULT_SLICE_US);
}

static int bad_option(const char *fmt, const char *arg)
{
    fprintf(stderr, "virq_demo: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    usage(stderr);
    return 2;
}

/* "--name N" or "--name=N"; returns 1 matched, 0 not this option, -1 error */
static int opt_num(int argc, char **argv, int *i, const char *name, uint64_t lo, uint64_t hi, uint64_t *val)
{
    size_t len = strlen(name);
    const char *a = argv[*i], *v;
    if (strncmp(a, name, len) != 0)
        return 0;
    if (a[len] == '=')
        v = a + len + 1;
    else if (a[len] == '\0') {
        if (*i + 1 >= argc) {
            bad_option("%s needs a value", name);
            return -1;
        }
        v = argv[++*i];
    } else
        return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*v < '0' || *v > '9' || *end != '\0' || errno == ERANGE || n < lo || n > hi) {
        fprintf(stderr, "virq_demo: %s: '%s' is not a number in %" PRIu64 "..%" PRIu64 "\n", name, v, lo, hi);
        usage(stderr);
        return -1;
    }
    *val = n;
    return 1;
}

static double pct_us(vec_t *l, unsigned pct)
{
    if (l->n == 0)
        return 0.0;
    size_t k = (l->n * pct + 99) / 100; /* nearest rank */
    return (double)l->v[k ? k - 1 : 0] / CYC_PER_US;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static uint32_t reg(sim_t *s, uint32_t addr)
{
    uint32_t v = 0;
    drv(bus_read(s, addr, &v) ? VIRQ_EBUS : VIRQ_OK, "register read");
    return v;
}

int main(int argc, char **argv)
{
    uint64_t seed = DEFAULT_SEED, ms = DEFAULT_MS, slice_us = DEFAULT_SLICE_US;
    for (int i = 1; i < argc; i++) {
        int r;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
        if ((r = opt_num(argc, argv, &i, "--seed", 0, UINT64_MAX, &seed)) ||
            (r = opt_num(argc, argv, &i, "--ms", 1, 1000, &ms)) ||
            (r = opt_num(argc, argv, &i, "--slice-us", 1, 1000000, &slice_us))) {
            if (r < 0)
                return 2;
            continue;
        }
        return bad_option("unknown option '%s'", argv[i]);
    }

    static sim_t sim; /* large (host memory): not on the stack */
    sim_t *s = &sim;
    virq_params_t p;
    virq_params_default(&p);
    s->m = virq_create(&p);
    if (s->m == NULL) {
        fprintf(stderr, "virq_demo: virq_create failed\n");
        return 1;
    }
    virq_bus_t bus = {s, bus_read, bus_write};
    virq_mem_t mem = {s, mem_rd, mem_wr};
    drv(virq_probe(&s->dev, &bus), "probe");
    drv(virq_set_tick(&s->dev, CLK_HZ, 1000), "tick"); /* 1 us ticks */

    /* hypervisor: queue 0 (function 0, vector 0), always active, no moderation */
    drv(virq_mod_setup(&s->dev, 0, 0, 0, false), "vector 0");
    drv(virq_mod_guest_state(&s->dev, 0, true), "vector 0 active");
    drv(virq_eq_setup(&s->dev, &mem, &s->hv_ring, 0, 0, 0, REGION_BASE(0), RING_LOG2, 0, 0, true), "queue 0");

    for (unsigned i = 0; i < NCPU; i++)
        s->cpu_guest[i] = -1;
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_t *g = &s->g[i];
        *g = (guest_t){.sim = s, .idx = i, .func = i + 1, .eq = i + 1, .vec = i + 1, .cpu = -1};
        g->rng = seed * 0x100000001B3ull + i;
        g->next_toggle = rng_around(&g->rng, (uint64_t)BURST_OFF_US * CYC_PER_US); /* start in a silence */
        drv(virq_mod_setup(&s->dev, g->vec, LAT_US, OVF_US, false), "guest vector");
        drv(virq_eq_setup(&s->dev, &mem, &g->ring, g->eq, g->func, g->vec, REGION_BASE(i + 1), RING_LOG2, 0, 0,
                             true),
            "guest queue");
        s->runq[s->runq_n++] = (int)i;
    }

    printf("virq_demo: %u guests on %u CPUs, C model at %u MHz, 1 us ticks, %" PRIu64 " ms, seed %" PRIu64 "\n",
           NGUEST, NCPU, CLK_HZ / 1000000u, ms, seed);
    printf("  slice %" PRIu64 " us; ring %u entries; latency interval %u us; overflow interval %u us; "
           "handler delay %u us\n",
           slice_us, RING_N, LAT_US, OVF_US, PROC_DELAY_US);
    printf("  traffic per guest: bursts of ~%u us every ~%u us, a packet every ~%u us in a burst\n\n", BURST_ON_US,
           BURST_ON_US + BURST_OFF_US, GAP_US);

    uint64_t end = ms * 1000u * CYC_PER_US;
    while (s->now < end) {
        if (s->now % CYC_PER_US == 0)
            scheduler_tick(s, slice_us * CYC_PER_US);
        for (unsigned i = 0; i < NGUEST; i++)
            traffic(s, &s->g[i]);
        cycle(s, true);
    }
    for (unsigned k = 0; k < 16; k++) /* no new events: let the last DMA writes land */
        cycle(s, false);

    /* ---- end-of-run checks -------------------------------------------------- */
    guest_t tot = {0};
    uint64_t tot_inring = 0, tot_drops = 0;
    vec_t all = {0};
    uint64_t inring[NGUEST], drops[NGUEST];
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_t *g = &s->g[i];
        /* what is still in the ring, from RI on, must continue the FIFO too */
        uint16_t ri = g->ring.ri;
        inring[i] = 0;
        for (unsigned k = 0; k < RING_N; k++) {
            uint32_t e = s->mem[i + 1][(ri + k) % RING_N];
            uint64_t acc;
            if ((e >> 24) == 0)
                break;
            match_expected(g, e, &acc);
            inring[i]++;
        }
        g->skipped += g->expect.n - g->expect_head; /* dropped after the last written one */
        drops[i] = reg(s, VIRQ_EQ_DROPS(g->eq));
        if (g->skipped != drops[i])
            violation(s, i, "%" PRIu64 " accepted events never reached the ring, DROPS says %" PRIu64, g->skipped,
                      drops[i]);
        if (g->arrived != g->processed + inring[i] + drops[i])
            violation(s, i, "arrived %" PRIu64 " != processed + in ring + dropped (%" PRIu64 ")", g->arrived,
                      g->processed + inring[i] + drops[i]);
        qsort(g->lat.v, g->lat.n, sizeof *g->lat.v, cmp_u64);
        for (size_t k = 0; k < g->lat.n; k++)
            vec_push(&all, g->lat.v[k]);
        tot.arrived += g->arrived;
        tot.processed += g->processed;
        tot.guest_irqs += g->guest_irqs;
        tot.wakes += g->wakes;
        tot.late_irqs += g->late_irqs;
        tot.sched_in += g->sched_in;
        tot.overflows += g->overflows;
        if (g->max_occ > tot.max_occ)
            tot.max_occ = g->max_occ;
        tot_inring += inring[i];
        tot_drops += drops[i];
    }
    qsort(all.v, all.n, sizeof *all.v, cmp_u64);
    uint32_t evt_err = reg(s, VIRQ_EVT_ERR_CNT_OFFSET), ovf_cnt = reg(s, VIRQ_EQ_OVF_CNT_OFFSET), bus_err = 0;
    drv(virq_bus_errors(&s->dev, &bus_err), "BUS_ERR_CNT");
    if (evt_err != 0)
        violation(s, 0, "EVT_ERR_CNT = %" PRIu32, evt_err);
    if (bus_err != 0)
        violation(s, 0, "BUS_ERR_CNT = %" PRIu32, bus_err);
    if (s->bad_dma != 0 || s->bad_mem != 0)
        violation(s, 0, "%" PRIu64 " DMA writes outside a ring, %" PRIu64 " bad memory accesses", s->bad_dma,
                  s->bad_mem);
    if (ovf_cnt != s->hv_ovf_events)
        violation(s, 0, "EQ_OVF_CNT = %" PRIu32 ", overflow events seen on queue 0: %" PRIu64, ovf_cnt,
                  s->hv_ovf_events);

    printf("guest func/eq/vec  arrived  processed  inring  dropped  g_irq   wake  sched  ovf  maxocc  p50_us  p99_us\n");
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_t *g = &s->g[i];
        printf("%5u     %u/%u/%u  %7" PRIu64 "  %9" PRIu64 "  %6" PRIu64 "  %7" PRIu64 "  %5" PRIu64 "  %5" PRIu64
               "  %5" PRIu64 "  %3" PRIu64 "  %6u  %6.1f  %6.1f\n",
               i, g->func, g->eq, g->vec, g->arrived, g->processed, inring[i], drops[i], g->guest_irqs, g->wakes,
               g->sched_in, g->overflows, g->max_occ, pct_us(&g->lat, 50), pct_us(&g->lat, 99));
    }
    printf("total            %7" PRIu64 "  %9" PRIu64 "  %6" PRIu64 "  %7" PRIu64 "  %5" PRIu64 "  %5" PRIu64
           "  %5" PRIu64 "  %3" PRIu64 "  %6u  %6.1f  %6.1f\n",
           tot.arrived, tot.processed, tot_inring, tot_drops, tot.guest_irqs, tot.wakes, tot.sched_in, tot.overflows,
           tot.max_occ, pct_us(&all, 50), pct_us(&all, 99));
    printf("\nguest irqs that came in the cycle after a schedule-out (allowed, see check 3): %" PRIu64 "\n",
           tot.late_irqs);
    printf("EQ_OVF_CNT %" PRIu32 ", EVT_ERR_CNT %" PRIu32 ", BUS_ERR_CNT %" PRIu32 "\n", ovf_cnt, evt_err, bus_err);

    for (unsigned i = 0; i < NGUEST; i++) {
        free(s->g[i].expect.v);
        free(s->g[i].lat.v);
    }
    free(all.v);
    virq_destroy(s->m);
    if (s->violations) {
        printf("virq_demo: FAILED, %u check violation(s) (first ones above on stderr)\n", s->violations);
        return 1;
    }
    printf("virq_demo: all checks passed (order, conservation, irq vs schedule), %.1f ms simulated\n",
           (double)end / CYC_PER_US / 1000.0);
    return 0;
}
