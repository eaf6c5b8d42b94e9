/* virq_guestsim: guests time-sliced on CPUs around one virq C model.
 *
 * The simulation shared by sw/virq_demo.c and the multi-VM benchmark
 * (tb/bench/multivm.c).  The C model (libvirq) is stepped cycle by cycle and
 * programmed through the driver (sw/virq_drv.c, sw/virq_eq_drv.c) over its
 * zero-time register bus.  Around it this module plays everybody else:
 *
 *   - the device side: bursty packet arrivals per guest (seeded splitmix64,
 *     on/off bursts of uniformly +-50 % varied lengths, drawn in 4 ns steps
 *     whatever the clock), offered on the event stream s_evt_* with the
 *     guest's function and queue; the entry code is 1..0xEF and the
 *     parameter a per-guest sequence number;
 *   - host memory: one region per guest and one for the hypervisor that
 *     receive the engine's DMA writes (m_dma_*, always ready);
 *   - guests: guest g is VF function g+1, owns event queue g+1 (its receive
 *     ring, 2^ring_log2 entries in its memory), signalled on vector g+1;
 *   - a hypervisor: round-robin over ncpu CPUs with a time slice, checked
 *     every microsecond.  A guest with a wake request (see gs_interrupt())
 *     runs at the next microsecond, preempting the guest that has run longest
 *     (if it ran at least min_run_us).  No guest is scheduled out between an
 *     interrupt and its handler (the unit's firing disarmed its queue; only
 *     the handler's doorbell re-arms it).  The hypervisor owns queue 0
 *     (function 0, vector 0, no moderation), where the engine reports ring
 *     overflows, and serves it in the cycle its interrupt comes.
 *
 * A guest given an interrupt runs its handler after proc_delay_us of
 * *running* time: FIG. 9 of seed 003, virq_eq_poll() takes every entry, one
 * doorbell write hands them back and re-arms the queue.  A guest that is not
 * running processes nothing.  After an overflow the guest's next handler
 * drains the ring, re-initializes the queue (EQ CMD.INIT) and re-arms it.
 *
 * Delivery (gs_config_t.delivery): by default a guest's interrupt is the
 * guest_irq_o pulse of its vector and the vectors stay the PF's.  With
 * GS_DELIVER_MSIX it is the device's MSI-X message (docs/msix.md): gs_create()
 * moves each guest's vector home to its function (VEC[].HOME, PF window);
 * the guest opens its function's window (virq_fn_open), programs its entry
 * (GS_MSI_ADDR / GS_MSI_DATA), unmasks it and enables MSI-X there; the
 * hypervisor does the same for vector 0 (queue 0) in the PF's window.  The
 * guest's doorbell then goes through its window (FN_DB).  Every message on
 * m_msi_* (always ready) must name a vector's owner and carry what it
 * programmed; queue 0's is served at once, a guest's goes where gs_interrupt()
 * sends it, any other goes to gs_dev_hooks_t.msi or is a violation.  The
 * guest_irq_o pulses are still counted and checked (check 3); every message
 * of a guest must cover at least one pulse (several while its pending bit
 * stayed set: coalesced) and no pulse may be left without one.  Guests in
 * intx_guests keep MSI-X disabled: their vector's interrupts latch the
 * function's INTx (seed 002 FIG. 5); the caller handles intx_o (a host
 * monitor, gs_dev_hooks_t.output) and calls gs_interrupt(); the guest's
 * handler reads its INTx status in its window and acknowledges it
 * (FN_INTX_ACK) before it reads its ring.
 *
 * The caller programs the moderation unit of each guest's vector after
 * gs_create() (the policy), may hook interrupts, handler completion and a
 * microsecond tick (gs_hooks_t) and the model's ports (gs_dev_hooks_t), then
 * calls gs_run(), gs_finish() and gs_destroy().
 *
 * Self-checks (each failure is counted in sim->violations, the first ten are
 * printed on stderr):
 *   1. order: every handled entry is the next event the engine accepted for
 *      that guest, except events the engine dropped; the number skipped
 *      equals the queue's DROPS register at the end;
 *   2. count: accepted = handled + still in the ring + DROPS per guest; no
 *      refused event (EVT_ERR_CNT), no refused register access (BUS_ERR_CNT),
 *      no DMA write outside a ring, EQ_OVF_CNT = overflow reports seen; no
 *      packet lost before the engine (gs_guest_t.lost: generated while
 *      GS_PEND_MAX packets already waited for the event stream, which takes
 *      at most one per cycle; callers should refuse traffic that offers more
 *      than one packet per cycle in total, see gs_rate_ok());
 *   3. interrupts vs schedule (irq_check): see gs_irq_check_t. */
#ifndef VIRQ_GUESTSIM_H
#define VIRQ_GUESTSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virq/virq.h"
#include "virq_drv.h"
#include "virq_eq_drv.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GS_MAX_GUEST 7u        /* VF functions 1..7 of the default instance */
#define GS_MAX_CPU 8u
#define GS_REGION_WORDS 1024u  /* 4 KiB of host memory per region: rings up to 2^10 */
#define GS_PEND_MAX 4096u      /* packets generated but not yet accepted (more: lost, a violation) */

/* growable array of uint64_t */
typedef struct gs_vec {
    uint64_t *v;
    size_t n, cap;
} gs_vec_t;

void gs_vec_push(gs_vec_t *a, uint64_t x);

/* Check 3: which interrupts the scheduler state allows.  A unit decides to
 * fire in cycle f from the state it holds in cycle f and the pulse shows in
 * cycle f+1, so the state that counts is GUEST_ACTIVE during cycle c-1. */
typedef enum gs_irq_check {
    GS_CHECK_NONE,     /* variant B: no guest state in the device */
    GS_CHECK_SCHED,    /* variant A driven by the scheduler: guest_irq only if
                          the guest was scheduled in during the deciding cycle,
                          wake_irq only if it was not */
    GS_CHECK_NO_WAKE   /* GUEST_ACTIVE held 1: never a wake_irq */
} gs_irq_check_t;

/* How guest interrupts reach the guests; see the top of this file. */
typedef enum gs_delivery {
    GS_DELIVER_PORT, /* guest_irq_o pulses (default); the vectors stay the PF's */
    GS_DELIVER_MSIX  /* MSI-X messages on m_msi_*, INTx for intx_guests */
} gs_delivery_t;

/* The message a function programs for vector vec with GS_DELIVER_MSIX: one
 * interrupt page per function, the data names function and vector. */
#define GS_MSI_ADDR(func) (0xFEE00000ull + 0x1000ull * (uint64_t)(func))
#define GS_MSI_DATA(func, vec) ((uint32_t)(func) << 16 | (uint32_t)(vec))

/* What the trace hook reports (arg: see each). */
typedef enum gs_event {
    GS_EV_ARRIVE,    /* the engine accepted a packet (arg: sequence number) */
    GS_EV_DROP,      /* an accepted packet turned out dropped; cycle = its arrival */
    GS_EV_SCHED_IN,  /* arg: CPU */
    GS_EV_SCHED_OUT, /* arg: CPU */
    GS_EV_GUEST_IRQ, /* an interrupt reached the guest while it runs (arg 0) */
    GS_EV_HV_IRQ,    /* an interrupt reached the hypervisor (arg 1: a wake_irq) */
    GS_EV_WAKEUP,    /* scheduled in because of a wake request (arg: CPU) */
    GS_EV_HANDLER    /* the handler ran (arg: entries handled) */
} gs_event_t;

typedef struct gs_config {
    unsigned nguest, ncpu;
    uint32_t clk_hz;       /* model clock; one moderation tick is 1 us */
    unsigned ring_log2;    /* guest rings (and queue 0): 2^ring_log2 entries */
    unsigned proc_delay_us; /* from interrupt to handler, in running time */
    unsigned min_run_us;   /* a wake never preempts a guest that ran less */
    unsigned wake_slice_us; /* 0: a guest scheduled in by a wake-up keeps the CPU
                               like any other (until its slice ends).  N: it keeps
                               it N us and at least until its handler has run,
                               then the guest it preempted gets the CPU back
                               with the rest of its slice, and the woken guest
                               its old place in the run queue */
    uint64_t slice_us;     /* scheduler time slice */
    /* traffic per guest: bursts of burst_on_us, silences of burst_off_us,
     * a packet every gap_us inside a burst (each uniform 0.5..1.5 x) */
    unsigned burst_on_us, burst_off_us, gap_us;
    uint64_t seed;
    bool guest_state;      /* the hypervisor writes GUEST_ACTIVE at schedule in/out */
    bool wake_on_irq;      /* an interrupt for a guest that is not running makes
                              the hypervisor run it (seed 000 FIG. 3B 360, FIG. 4B) */
    bool wake_on_overflow; /* so does an overflow report for its queue */
    gs_irq_check_t irq_check;
    gs_delivery_t delivery;
    uint32_t intx_guests;  /* GS_DELIVER_MSIX: guests (bit i = guest i) whose function
                              keeps MSI-X disabled and signals INTx */
    bool every_cycle;      /* step the model cycle by cycle throughout; false: the
                              quiet stretches (no packet waiting, no output
                              active, no arrival, handler or scheduler tick
                              due) go through virq_run in one call each.  The
                              results are the same (tb/bench/test_guestsim.c
                              checks it); only the time differs */
} gs_config_t;

typedef struct gs_sim gs_sim_t;
typedef struct gs_guest gs_guest_t;

typedef struct gs_hooks {
    void *ctx;
    /* a model interrupt on g's vector (wake: wake_irq_o, else guest_irq_o);
     * NULL: gs_interrupt(s, g, wake) */
    void (*irq)(void *ctx, gs_sim_t *s, gs_guest_t *g, bool wake);
    /* g's handler took n entries and wrote its doorbell */
    void (*handled)(void *ctx, gs_sim_t *s, gs_guest_t *g, unsigned n);
    /* every microsecond, after the scheduler */
    void (*tick)(void *ctx, gs_sim_t *s);
    /* everything that happens to a guest (GS_EV_*) */
    void (*trace)(void *ctx, gs_sim_t *s, unsigned guest, gs_event_t ev, uint64_t cycle, uint64_t arg);
} gs_hooks_t;

/* The model's ports, for callers that play more of the host (set with
 * gs_set_dev_hooks() after gs_create(); every member may be NULL). */
typedef struct gs_dev_hooks {
    void *ctx;
    /* before every model cycle, after the event stream is filled in: the
     * caller may add inputs (evt_i) */
    void (*input)(void *ctx, gs_sim_t *s, virq_in_t *in);
    /* after the cycle's DMA write and message were handled, before the
     * guests' interrupt pulses and handlers (s->now is still that cycle):
     * intx_o, say */
    void (*output)(void *ctx, gs_sim_t *s, const virq_out_t *out);
    /* an MSI-X message that is neither queue 0's nor a guest's own vector's;
     * true if the caller expected it (false: a violation) */
    bool (*msi)(void *ctx, gs_sim_t *s, const virq_out_t *out);
    /* an entry of queue 0 that is not a guest's ring overflow; true if the
     * caller expected it (false: a violation) */
    bool (*hv_entry)(void *ctx, gs_sim_t *s, uint32_t entry);
} gs_dev_hooks_t;

struct gs_guest {
    gs_sim_t *sim;
    unsigned idx, func, eq, vec;
    virq_eq_ring_t ring;
    /* traffic */
    uint64_t rng;
    bool burst_on;
    uint64_t next_toggle, next_arrival; /* in 4 ns steps */
    uint32_t next_seq; /* sequence number of the next packet generated */
    /* expected FIFO: accepted events, (seq << 40 | accept cycle), in order */
    gs_vec_t expect;
    size_t expect_head;
    uint64_t skipped; /* accepted events that never reached the ring */
    /* scheduling */
    int cpu;            /* -1: not running */
    bool was_active;    /* scheduled in during the previous cycle */
    bool wake_req;      /* hypervisor: run me soon */
    bool boosted;       /* wake_slice_us: running on a wake-up's short slice */
    int boost_victim;   /* ... the guest it preempted (-1: none), */
    uint64_t victim_ran; /* ... how long that one had run, */
    unsigned boost_pos; /* ... and where the woken guest was in the run queue */
    bool irq_pending;   /* interrupt delivered, handler not yet run */
    uint64_t work_left; /* running cycles until the handler runs */
    bool need_reset;    /* the ring overflowed: recover in the handler */
    /* statistics */
    uint64_t arrived, processed;
    uint64_t lost; /* packets generated while GS_PEND_MAX waited: never offered (check 2) */
    uint64_t guest_irqs, wakes; /* guest_irq_o / wake_irq_o pulses */
    uint64_t late_irqs;         /* guest_irq_o while not scheduled in */
    uint64_t hv_irqs;           /* interrupts that reached the hypervisor */
    uint64_t handler_runs;      /* interrupts the guest took (handler passes) */
    uint64_t sched_in, wakeups, overflows;
    uint64_t boost_returns; /* wake_slice_us: CPUs handed back to the preempted guest */
    unsigned occ, max_occ;
    gs_vec_t lat; /* cycles from accept to handling, one per handled entry */
    /* GS_DELIVER_MSIX */
    bool intx;              /* MSI-X disabled: legacy INTx */
    virq_fn_t fn;           /* the guest's handle on its function's window */
    uint64_t msix_msgs;     /* messages on its vector */
    uint64_t msi_coalesced; /* pulses that shared a message with an earlier one (pending bit still set) */
    uint64_t msi_due;       /* pulses not yet covered by a message */
    uint64_t msi_last;      /* cycle of the last pulse */
    uint64_t intx_acks;     /* handler passes that found its INTx Status set and acknowledged it */
    /* filled by gs_finish() */
    uint64_t inring, drops;
};

struct gs_sim {
    gs_config_t cfg;
    gs_hooks_t hooks;
    gs_dev_hooks_t dev_hooks;
    unsigned cyc_per_us;
    virq_t *m;
    virq_dev_t dev;
    virq_mem_t mem;
    uint64_t now; /* cycle */
    uint64_t quiet_cycles; /* cycles advanced by virq_run in quiet stretches */
    uint32_t (*region)[GS_REGION_WORDS]; /* [nguest + 1]: 0 is the hypervisor's */
    uint64_t bad_dma, bad_mem;
    gs_guest_t g[GS_MAX_GUEST];
    int cpu_guest[GS_MAX_CPU];      /* -1: idle */
    uint64_t cpu_since[GS_MAX_CPU]; /* cycle the current guest was scheduled in */
    int runq[GS_MAX_GUEST];         /* waiting guests, oldest first */
    unsigned runq_n;
    virq_eq_ring_t hv_ring; /* queue 0 */
    uint64_t hv_ovf_events;
    virq_fn_t hv_fn;  /* GS_DELIVER_MSIX: the PF's own window (vector 0) */
    uint64_t hv_msgs; /* GS_DELIVER_MSIX: messages on vector 0 */
    uint64_t pend[GS_PEND_MAX]; /* guest << 32 | seq */
    unsigned pend_head, pend_n;
    unsigned violations;
    /* filled by gs_finish() */
    gs_vec_t lat_all; /* every guest's latencies, sorted */
    uint32_t evt_err, ovf_cnt, bus_err;
};

/* Create the model and the world, probe, set 1 us ticks, set up queue 0 and
 * every guest's queue (armed, vector unprogrammed).  Every guest starts in
 * the run queue, in a silence.  Returns NULL (message on stderr) on error. */
gs_sim_t *gs_create(const gs_config_t *cfg, const gs_hooks_t *hooks);
void gs_destroy(gs_sim_t *s);

/* Hook the model's ports (see gs_dev_hooks_t); NULL removes the hooks. */
void gs_set_dev_hooks(gs_sim_t *s, const gs_dev_hooks_t *h);

/* Run until cycle end (arrivals, scheduler, one model cycle at a time, or a
 * quiet stretch at once: gs_config_t.every_cycle), then 16 cycles without
 * new arrivals so the last DMA writes land. */
void gs_run(gs_sim_t *s, uint64_t end);

/* End-of-run checks 1 and 2 (and, with GS_DELIVER_MSIX, one message per
 * guest interrupt pulse of every MSI-X guest); fills inring/drops per guest
 * and the sorted latencies.  Returns s->violations. */
unsigned gs_finish(gs_sim_t *s);

/* An interrupt for g reaches the host: to the guest if it runs, else to the
 * hypervisor (which pends it and, with wake_on_irq, runs the guest soon); a
 * wake interrupt always goes to the hypervisor.  The guest's handler runs
 * proc_delay_us of running time later. */
void gs_interrupt(gs_sim_t *s, gs_guest_t *g, bool wake);

/* A failed self-check: count it, print the first few. */
__attribute__((format(printf, 3, 4))) void gs_violation(gs_sim_t *s, unsigned guest, const char *fmt, ...);

/* Exit with a message if a driver call failed. */
void gs_drv(int err, const char *what);

/* Whether the traffic of cfg offers at most one packet per model cycle in
 * total during bursts (every guest in a burst at once): nguest / gap_us
 * packets per us against clk_hz / 10^6 cycles per us, the most the event
 * stream takes (one per cycle).  More can only fill the GS_PEND_MAX packets
 * that wait for the stream and lose the rest (check 2). */
bool gs_rate_ok(const gs_config_t *cfg);

/* Register read through the driver (exits on a refused access). */
uint32_t gs_reg(gs_sim_t *s, uint32_t addr);

/* Percentile (nearest rank) of a sorted array of cycles, in microseconds. */
double gs_pct_us(const gs_sim_t *s, const gs_vec_t *sorted, unsigned pct);

/* Command line: "--name N" or "--name=N" at argv[*i]; returns 1 matched (and
 * advances *i past a separate value), 0 not this option, -1 error (message
 * on stderr, prefixed with prog). */
int gs_opt_num(const char *prog, int argc, char **argv, int *i, const char *name, uint64_t lo, uint64_t hi,
               uint64_t *val);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_GUESTSIM_H */
