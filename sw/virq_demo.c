/* virq_demo: four guests, two CPUs, one virq -- a first program after `make sim`.
 *
 * WHAT IT RUNS
 *   The C model of virq (libvirq) is driven cycle by cycle (virq_step) and
 *   programmed through the driver core (sw/virq_drv.c, sw/virq_eq_drv.c) over
 *   a zero-time register bus, exactly as sw/test_drv.c does.  Around it the
 *   guest simulation (sw/virq_guestsim.c, shared with the multi-VM benchmark
 *   tb/bench/multivm.c) plays everybody else; this file picks its parameters,
 *   programs the moderation units and prints the result:
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
 * SELF-CHECKS (exit status 1 if any fails; each failure is a gs_violation() call)
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
 *              cycle 1 mod 250 in gs_run() and you get hundreds, all handled.
 *
 * usage: virq_demo [--seed N] [--ms N] [--slice-us N] [--help]
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "virq_guestsim.h"

/* ---- parameters ------------------------------------------------------------ */
#define NGUEST 4
#define NCPU 2
#define CLK_HZ 250000000u /* 250 MHz: 1 us = 250 cycles = one moderation tick */
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

static void print_row(const gs_sim_t *s, const char *label, const gs_guest_t *g, uint64_t inring, uint64_t drops,
                      const gs_vec_t *lat)
{
    printf("%-17s%7" PRIu64 "  %9" PRIu64 "  %6" PRIu64 "  %7" PRIu64 "  %5" PRIu64 "  %5" PRIu64 "  %5" PRIu64
           "  %3" PRIu64 "  %6u  %6.1f  %6.1f\n",
           label, g->arrived, g->processed, inring, drops, g->guest_irqs, g->wakes, g->sched_in, g->overflows,
           g->max_occ, gs_pct_us(s, lat, 50), gs_pct_us(s, lat, 99));
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
        if ((r = gs_opt_num("virq_demo", argc, argv, &i, "--seed", 0, UINT64_MAX, &seed)) ||
            (r = gs_opt_num("virq_demo", argc, argv, &i, "--ms", 1, 1000, &ms)) ||
            (r = gs_opt_num("virq_demo", argc, argv, &i, "--slice-us", 1, 1000000, &slice_us))) {
            if (r < 0) {
                usage(stderr);
                return 2;
            }
            continue;
        }
        fprintf(stderr, "virq_demo: unknown option '%s'\n", argv[i]);
        usage(stderr);
        return 2;
    }

    /* the hypervisor drives the guest state (variant A) and runs a guest at
     * once when an interrupt (or an overflow report) comes while it is out */
    const gs_config_t cfg = {
        .nguest = NGUEST, .ncpu = NCPU, .clk_hz = CLK_HZ, .ring_log2 = RING_LOG2,
        .proc_delay_us = PROC_DELAY_US, .min_run_us = MIN_RUN_US, .slice_us = slice_us,
        .burst_on_us = BURST_ON_US, .burst_off_us = BURST_OFF_US, .gap_us = GAP_US, .seed = seed,
        .guest_state = true, .wake_on_irq = true, .wake_on_overflow = true, .irq_check = GS_CHECK_SCHED,
    };
    gs_sim_t *s = gs_create(&cfg, NULL);
    if (s == NULL)
        return 1;
    for (unsigned i = 0; i < NGUEST; i++)
        gs_drv(virq_mod_setup(&s->dev, s->g[i].vec, LAT_US, OVF_US, false), "guest vector");

    printf("virq_demo: %u guests on %u CPUs, C model at %u MHz, 1 us ticks, %" PRIu64 " ms, seed %" PRIu64 "\n",
           NGUEST, NCPU, CLK_HZ / 1000000u, ms, seed);
    printf("  slice %" PRIu64 " us; ring %u entries; latency interval %u us; overflow interval %u us; "
           "handler delay %u us\n",
           slice_us, RING_N, LAT_US, OVF_US, PROC_DELAY_US);
    printf("  traffic per guest: bursts of ~%u us every ~%u us, a packet every ~%u us in a burst\n\n", BURST_ON_US,
           BURST_ON_US + BURST_OFF_US, GAP_US);

    uint64_t end = ms * 1000u * s->cyc_per_us;
    gs_run(s, end);
    gs_finish(s);

    gs_guest_t tot = {0};
    uint64_t tot_inring = 0, tot_drops = 0;
    printf("guest func/eq/vec  arrived  processed  inring  dropped  g_irq   wake  sched  ovf  maxocc  p50_us  p99_us\n");
    for (unsigned i = 0; i < NGUEST; i++) {
        const gs_guest_t *g = &s->g[i];
        char label[32];
        snprintf(label, sizeof label, "%5u     %u/%u/%u", i, g->func, g->eq, g->vec);
        print_row(s, label, g, g->inring, g->drops, &g->lat);
        tot.arrived += g->arrived;
        tot.processed += g->processed;
        tot.guest_irqs += g->guest_irqs;
        tot.wakes += g->wakes;
        tot.late_irqs += g->late_irqs;
        tot.sched_in += g->sched_in;
        tot.overflows += g->overflows;
        if (g->max_occ > tot.max_occ)
            tot.max_occ = g->max_occ;
        tot_inring += g->inring;
        tot_drops += g->drops;
    }
    print_row(s, "total", &tot, tot_inring, tot_drops, &s->lat_all);
    printf("\nguest irqs that came in the cycle after a schedule-out (allowed, see check 3): %" PRIu64 "\n",
           tot.late_irqs);
    printf("EQ_OVF_CNT %" PRIu32 ", EVT_ERR_CNT %" PRIu32 ", BUS_ERR_CNT %" PRIu32 "\n", s->ovf_cnt, s->evt_err,
           s->bus_err);

    unsigned violations = s->violations;
    gs_destroy(s);
    if (violations) {
        printf("virq_demo: FAILED, %u check violation(s) (first ones above on stderr)\n", violations);
        return 1;
    }
    printf("virq_demo: all checks passed (order, conservation, irq vs schedule), %.1f ms simulated\n",
           (double)end / (CLK_HZ / 1000000u) / 1000.0);
    return 0;
}
