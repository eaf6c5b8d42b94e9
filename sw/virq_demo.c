/* virq_demo: four guests, two CPUs, one virq -- a first program after `make sim`.
 *
 * WHAT IT RUNS
 *   The C model of virq (libvirq) is driven cycle by cycle (virq_step) and
 *   programmed through the driver core (sw/virq_drv.c, sw/virq_eq_drv.c) over
 *   a zero-time register bus, exactly as sw/test_drv.c does.  Around it the
 *   guest simulation (sw/virq_guestsim.c, shared with the multi-VM benchmark
 *   tb/bench/multivm.c) plays everybody else; this file picks its parameters,
 *   programs the moderation units, plays the hypervisor's INTx monitor and
 *   lease broker (sw/virq_hv_bind.c) and prints the result:
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
 *                   overflows and lease expiries, and services it at once.
 *
 *   A running guest that gets its guest interrupt (or was woken) runs its
 *   handler PROC_DELAY_US of *running* time later: FIG. 9, virq_eq_poll()
 *   hands over every entry, then one doorbell write (FN_DB, in its window)
 *   gives them back and re-arms the queue.  A guest that is not running
 *   processes nothing; an interrupt it was given waits until it runs again.
 *   After a ring overflow (reported on queue 0) the guest's next handler
 *   drains what is in the ring, re-initializes the queue (EQ CMD.INIT) and
 *   re-arms it.
 *
 * HOW INTERRUPTS ARE DELIVERED (docs/msix.md, docs/hypervisor.md)
 *   - MSI-X: the hypervisor moves each guest's vector home to the guest's
 *     function (VEC[].HOME); the guest opens its function's window
 *     (virq_fn_open), programs its entry (address 0xFEE00000 + 0x1000 x
 *     function, data function << 16 | vector), unmasks it and enables
 *     MSI-X.  Guests 0, 1 and 2 get their interrupts as the messages on
 *     m_msi_* (always ready), each checked: the requester function is the
 *     guest's, address and data are what it programmed.  Vector 0 (queue 0)
 *     reaches the hypervisor the same way in the PF's window.
 *   - INTx: guest 3 is a legacy guest.  Its function keeps MSI-X disabled,
 *     so its vector's interrupts latch the function's INTx status and drive
 *     the shared line intx_o.  The hypervisor's INTx monitor
 *     (sw/virq_intx_mon.c bound to FN_CTL[] by virq_intx_bind) reads the
 *     functions' INTx Status, masks the asserting one (Interrupt Disable) and
 *     delivers to its owner, VM 3, only; the guest's handler reads its INTx
 *     Status in its window and acknowledges it (FN_INTX_ACK) before it reads
 *     its ring; after the handler the guest's EOI unmasks the function.
 *   - A lease: the hypervisor keeps vector 0 and the spare vectors
 *     (NGUEST+1 .. 31) in the lease broker (sw/virq_broker.c bound by
 *     virq_broker_bind; each guest's vector is its function's there too) and
 *     lends spares.  Guest 1 wants a second vector for its bursts: when a
 *     handler pass takes BURST_MIN entries or more it asks the broker for
 *     one for LEASE_US (the hypervisor serves requests at its broker tick,
 *     every microsecond at mid-tick).  The broker masks the spare at the PF,
 *     writes VEC[v].LEASE = {function 2, LEASE_US ticks} and programs guest
 *     1's message into it through function 2's window.  Guest 1 points its
 *     ring's watermark at it: the device raises the vector (evt_i, no
 *     moderation) when WATERMARK entries are unread, so a guest that is not
 *     running is woken before its overflow interval.  The hardware counts
 *     the lease down and, at 0, gives the vector back to the PF masked and
 *     zeroed and posts a lease-expired entry to queue 0; the hypervisor
 *     passes it to virq_broker_bind_event(), which ends the loan in the
 *     broker (guest 1 is told EXPIRED, the PF RETURNED).  The broker's own
 *     deadline is the same length but its clock ticks half a microsecond
 *     after the device's, so the device always ends the loan first.  The
 *     device raises the watermark only while the vector is still the guest's
 *     with 2 ticks or more to go, so every raise is one message.
 *
 * HOW TO READ THE OUTPUT
 *   First table, one row per guest:
 *     arrived    packets the engine accepted on the event stream
 *     processed  entries the guest's handler took from its ring
 *     inring     entries still in the ring at the end (not yet handled)
 *     dropped    the queue's DROPS register (overflowing entry + entries
 *                posted while the queue was undefined after an overflow)
 *     g_irq      guest interrupts (guest_irq_o) on the guest's vector, the
 *                moderation unit's decisions; each became one MSI-X message
 *                or one INTx latch
 *     wake       wake interrupts (wake_irq_o) to the hypervisor
 *     sched      times the guest was scheduled in
 *     ovf        ring overflows (events on queue 0 naming this queue)
 *     maxocc     most unread entries seen in the ring (63 = full)
 *     p50/p99    latency in us from "event accepted by the engine" to "the
 *                guest handled the entry"
 *   Latency is mostly the latency interval (moderation) while a guest runs,
 *   and the wait for the scheduler while it does not: with a long slice and
 *   no wake interrupts it would be up to a whole slice; the overflow interval
 *   bounds it instead (and, for guest 1 while it holds a lent vector, the
 *   watermark).
 *   Second table, delivery per guest:
 *     msix_msg   MSI-X messages on the guest's own vector (function checked)
 *     intx       INTx deliveries by the host monitor; ack: handler passes
 *                that found the INTx Status set and acknowledged it; eoi:
 *                EOIs that unmasked the function
 *     leases     vectors lent to the guest; hw_exp: loans the hardware
 *                ended, seen as lease-expired entries on queue 0
 *     wm_msg     messages on the lent vector (the watermark)
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
 *   4. delivery: every message names the vector's owner and carries what it
 *              programmed, and none comes from the INTx guest's function;
 *              per MSI-X guest, messages + coalesced = guest interrupts; the
 *              monitor delivers only function 4 to VM 3, never finds the
 *              line idle (spurious) or an unowned function asserting; every
 *              EOI follows an acknowledge; INTx deliveries = EOIs (+ one
 *              outstanding); every lease is ended by the hardware, its
 *              queue-0 entry names the PF and the lent vector and ends the
 *              loan in the broker (none stale), LEASE_EXP_CNT = those
 *              entries, VEC_DROP_CNT = 0, watermark raises = messages on the
 *              lent vector, no request denied.
 *
 * usage: virq_demo [--seed N] [--ms N] [--slice-us N] [--help]
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq_guestsim.h"
#include "virq_hv_bind.h"

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

/* Delivery: the legacy guest, the guest that borrows, and its lease. */
#define INTX_GUEST 3u  /* function 4: MSI-X disabled, INTx through the host monitor */
#define BURST_GUEST 1u /* function 2: borrows a second vector for its bursts */
#define BURST_MIN 4u   /* entries in one handler pass that tell a burst is on */
#define LEASE_US 250u  /* the lease asked for: about one burst */
#define WATERMARK 16u  /* unread entries that raise the lent vector */
#define ADAPTER 1u     /* the broker's number for this virq instance */
#define NO_VEC 0xFFFFu

#define DEFAULT_SEED 1u
#define DEFAULT_MS 20u
#define DEFAULT_SLICE_US 1000u

/* ---- the hypervisor's INTx monitor and lease broker, and the device's watermark */
typedef struct guest_x {
    unsigned drv;          /* the guest's driver number in the broker */
    /* INTx (the legacy guest) */
    uint64_t intx_dlv, intx_eoi;
    bool intx_out;         /* delivered, EOI outstanding */
    uint64_t acks_seen;    /* g->intx_acks at the last EOI */
    /* lease (the borrower) */
    bool want;             /* asked for a vector; served at the next broker tick */
    unsigned vec;          /* the lent vector, or NO_VEC */
    bool wm_armed;         /* the watermark may raise again (re-armed below it) */
    uint64_t requests, leases, denied, expired, wm_raised, wm_msgs;
    uint64_t l_grant, l_first, l_msgs; /* the current lease: granted, first message, messages */
} guest_x_t;

typedef struct hv {
    gs_sim_t *s;
    virq_intx_mon_t mon;
    virq_intx_bind_t ib;
    virq_broker_t br;
    virq_broker_ops_t bops;
    virq_broker_bind_t bb;
    unsigned drv_pf;
    guest_x_t gx[NGUEST];
    uint64_t lines;                 /* line interrupts (intx_o seen high) */
    uint64_t lent, returned;        /* the PF's notifications as lender */
    uint64_t q0_lease, hw_ended;    /* lease-expired entries on queue 0; loans they ended */
    unsigned spare_lo;              /* first spare vector */
    /* the first lease that carried a message (else the first), for the example line */
    bool ex_set;
    unsigned ex_guest, ex_vec;
    uint64_t ex_grant, ex_first, ex_msgs, ex_entry;
} hv_t;

/* the message function f programs for vector v (GS_DELIVER_MSIX's scheme) */
static int hv_message(void *ctx, unsigned drv, unsigned vec, uint64_t *addr, uint32_t *data)
{
    const hv_t *h = ctx;
    unsigned f = h->br.drv[drv].desc.function;
    *addr = GS_MSI_ADDR(f);
    *data = GS_MSI_DATA(f, vec);
    return 0;
}

/* the PF lends its spares for the time asked */
static int pf_offer(void *ctx, unsigned self, unsigned borrower, unsigned count, uint32_t ticks,
                    virq_broker_offer_t *of)
{
    (void)ctx;
    (void)self;
    (void)borrower;
    of->nterms = 1;
    of->term[0] = (virq_broker_term_t){count, ticks};
    return 0;
}

static void notify(void *ctx, unsigned self, unsigned vec, unsigned peer, virq_broker_event_t ev)
{
    hv_t *h = ctx;
    (void)peer;
    if (self == h->drv_pf) {
        /* a returned spare stays masked at the PF until it is lent again */
        if (ev == VIRQ_BROKER_LENT)
            h->lent++;
        else if (ev == VIRQ_BROKER_RETURNED)
            h->returned++;
        return;
    }
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_x_t *x = &h->gx[i];
        if (x->drv != self || ev != VIRQ_BROKER_EXPIRED)
            continue;
        if (x->vec != vec)
            gs_violation(h->s, i, "lease of vector %u expired, the guest holds %u", vec, x->vec);
        x->expired++;
        x->vec = NO_VEC; /* the guest's watermark goes back to nothing */
    }
}

/* the monitor's injection: VM vm gets function fn's INTx */
static void intx_deliver(void *ctx, unsigned vm, unsigned fn)
{
    hv_t *h = ctx;
    gs_sim_t *s = h->s;
    if (vm != INTX_GUEST || fn != s->g[INTX_GUEST].func) {
        gs_violation(s, vm, "INTx of function %u delivered to VM %u", fn, vm);
        return;
    }
    h->gx[vm].intx_dlv++;
    h->gx[vm].intx_out = true;
    gs_interrupt(s, &s->g[vm], false);
}

/* every microsecond, half a tick after the device's: the broker's clock,
 * then the lease requests that came since the last one */
static void broker_tick(hv_t *h)
{
    gs_sim_t *s = h->s;
    gs_drv(virq_broker_advance(&h->br, 1), "broker advance");
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_x_t *x = &h->gx[i];
        if (!x->want)
            continue;
        x->want = false;
        virq_broker_grant_t g;
        int e = virq_broker_request(&h->br, x->drv, 1, LEASE_US, VIRQ_BROKER_PARALLEL, &g);
        if (e == VIRQ_EDENIED) {
            x->denied++;
            continue;
        }
        gs_drv(e, "lease request");
        if (g.n != 1 || g.item[0].lender != h->drv_pf || g.item[0].lease_ticks != LEASE_US ||
            g.item[0].vec < h->spare_lo) {
            gs_violation(s, i, "lease grant: %u vectors, vector %u from driver %u for %" PRIu32 " ticks", g.n,
                         g.item[0].vec, g.item[0].lender, g.item[0].lease_ticks);
            continue;
        }
        x->vec = g.item[0].vec;
        x->wm_armed = true;
        x->leases++;
        x->l_grant = s->now;
        x->l_msgs = 0;
    }
}

/* the device's watermark on the borrower's lent vector */
static void watermark(hv_t *h, virq_in_t *in)
{
    gs_sim_t *s = h->s;
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_x_t *x = &h->gx[i];
        const gs_guest_t *g = &s->g[i];
        if (x->vec == NO_VEC)
            continue;
        if (g->occ < WATERMARK) {
            x->wm_armed = true;
            continue;
        }
        if (!x->wm_armed)
            continue;
        unsigned owner;
        uint32_t left;
        gs_drv(virq_vec_lease_get(&s->dev, x->vec, &owner, &left), "lease state");
        if (owner != g->func || left < 2)
            continue; /* the hardware is about to take it back */
        in->evt_i |= 1ull << x->vec;
        x->wm_armed = false;
        x->wm_raised++;
    }
}

static void hook_input(void *ctx, gs_sim_t *s, virq_in_t *in)
{
    hv_t *h = ctx;
    if (s->now % s->cyc_per_us == s->cyc_per_us / 2)
        broker_tick(h);
    watermark(h, in);
}

static void hook_output(void *ctx, gs_sim_t *s, const virq_out_t *out)
{
    hv_t *h = ctx;
    (void)s;
    if (out->intx_o) {
        h->lines++;
        gs_drv(virq_intx_line(&h->mon, NULL), "INTx line");
    }
}

/* a message on a lent vector */
static bool hook_msi(void *ctx, gs_sim_t *s, const virq_out_t *out)
{
    hv_t *h = ctx;
    const unsigned f = (unsigned)out->m_msi_func_o, v = (unsigned)out->m_msi_vec_o;
    for (unsigned i = 0; i < NGUEST; i++) {
        guest_x_t *x = &h->gx[i];
        gs_guest_t *g = &s->g[i];
        if (x->vec != v)
            continue;
        if (f != g->func || out->m_msi_addr_o != GS_MSI_ADDR(f) || (uint32_t)out->m_msi_data_o != GS_MSI_DATA(f, v))
            return false;
        x->wm_msgs++;
        if (x->l_msgs++ == 0)
            x->l_first = s->now;
        gs_interrupt(s, g, false);
        return true;
    }
    return false;
}

/* a queue-0 entry that is not an overflow report */
static bool hook_hv_entry(void *ctx, gs_sim_t *s, uint32_t entry)
{
    hv_t *h = ctx;
    if ((entry >> 24) != VIRQ_EVT_CODE_LEASE_EXPIRED)
        return false;
    unsigned vec = entry & 0xFFu, home = (entry >> 8) & 0xFFu;
    h->q0_lease++;
    int holder = -1;
    for (unsigned i = 0; i < NGUEST; i++)
        if (h->gx[i].vec == vec)
            holder = (int)i;
    if (home != 0 || holder < 0)
        gs_violation(s, 0, "lease-expired entry %#" PRIx32 ": home %u, vector %u not lent", entry, home, vec);
    if (holder >= 0 && (!h->ex_set || (h->ex_msgs == 0 && h->gx[holder].l_msgs != 0))) {
        const guest_x_t *x = &h->gx[holder];
        h->ex_set = true;
        h->ex_guest = (unsigned)holder;
        h->ex_vec = vec;
        h->ex_grant = x->l_grant;
        h->ex_first = x->l_first;
        h->ex_msgs = x->l_msgs;
        h->ex_entry = s->now;
    }
    bool ended = false; /* the broker tells the guest EXPIRED (notify) */
    gs_drv(virq_broker_bind_event(&h->bb, &h->br, entry, &ended), "lease-expired entry");
    h->hw_ended += ended;
    return true;
}

/* after a handler pass: the legacy guest's EOI, the borrower's request */
static void hook_handled(void *ctx, gs_sim_t *s, gs_guest_t *g, unsigned n)
{
    hv_t *h = ctx;
    guest_x_t *x = &h->gx[g->idx];
    if (x->intx_out) {
        if (g->intx_acks == x->acks_seen)
            gs_violation(s, g->idx, "EOI without an INTx acknowledge in the handler");
        x->acks_seen = g->intx_acks;
        x->intx_out = false;
        gs_drv(virq_intx_eoi(&h->mon, g->idx, g->func), "INTx EOI");
        x->intx_eoi++;
    }
    if (g->idx == BURST_GUEST && n >= BURST_MIN && x->vec == NO_VEC && !x->want) {
        x->want = true;
        x->requests++;
    }
}

/* The monitor for the shared line and the broker for the vectors. */
static void hv_setup(hv_t *h, gs_sim_t *s)
{
    memset(h, 0, sizeof *h);
    h->s = s;
    for (unsigned i = 0; i < NGUEST; i++)
        h->gx[i].vec = NO_VEC;
    /* INTx: the legacy guest's function belongs to its VM; the others have
     * MSI-X on and never assert */
    gs_drv(virq_intx_bind(&h->ib, &h->mon, &s->dev, NGUEST, intx_deliver, h), "INTx monitor");
    gs_drv(virq_intx_assign(&h->mon, s->g[INTX_GUEST].func, INTX_GUEST), "INTx owner");
    /* the broker: every vector in its map, so a request can only borrow.
     * Allocation takes the lowest free vectors: vector 0 to the PF, each
     * guest's vector to its function (the binding writes the entry again
     * with the message the guest programmed), the rest to the PF as spares. */
    gs_drv(virq_broker_bind(&h->bb, &h->bops, &h->br, &s->dev, ADAPTER, 1, hv_message, h), "broker binding");
    gs_drv(virq_broker_init(&h->br, &h->bops, s->dev.num_vec), "broker");
    const virq_broker_drv_desc_t pf = {ADAPTER, 0, 0, {h, pf_offer, notify}};
    gs_drv(virq_broker_add_driver(&h->br, &pf, &h->drv_pf), "broker PF driver");
    for (unsigned i = 0; i < NGUEST; i++) {
        const virq_broker_drv_desc_t d = {ADAPTER, s->g[i].func, 1, {h, NULL, notify}};
        gs_drv(virq_broker_add_driver(&h->br, &d, &h->gx[i].drv), "broker guest driver");
    }
    unsigned got;
    gs_drv(virq_broker_alloc(&h->br, h->drv_pf, 1, &got), "vector 0");
    for (unsigned i = 0; i < NGUEST; i++)
        gs_drv(virq_broker_alloc(&h->br, h->gx[i].drv, 1, &got), "guest vector");
    h->spare_lo = NGUEST + 1;
    gs_drv(virq_broker_alloc(&h->br, h->drv_pf, s->dev.num_vec - h->spare_lo, &got), "spare vectors");
    gs_drv(virq_broker_set_cooperative(&h->br, h->drv_pf, true), "PF lends");
    for (unsigned i = 0; i < NGUEST; i++)
        if (h->br.vec[s->g[i].vec].home != h->gx[i].drv) {
            fprintf(stderr, "virq_demo: broker gave vector %u to driver %u\n", s->g[i].vec,
                    h->br.vec[s->g[i].vec].home);
            exit(1);
        }
    /* the spares' moderation units: no moderation, always active (a lent
     * one interrupts on every watermark raise) */
    for (unsigned v = h->spare_lo; v < s->dev.num_vec; v++) {
        gs_drv(virq_mod_setup(&s->dev, v, 0, 0, false), "spare vector");
        gs_drv(virq_mod_guest_state(&s->dev, v, true), "spare vector active");
    }
    const gs_dev_hooks_t dh = {.ctx = h, .input = hook_input, .output = hook_output, .msi = hook_msi,
                               .hv_entry = hook_hv_entry};
    gs_set_dev_hooks(s, &dh);
}

/* End-of-run checks of the delivery (check 4). */
static void hv_finish(hv_t *h)
{
    gs_sim_t *s = h->s;
    const virq_intx_mon_t *m = &h->mon;
    uint32_t lexp, vdrop;
    gs_drv(virq_lease_exp_count(&s->dev, &lexp), "LEASE_EXP_CNT");
    gs_drv(virq_vec_drop_count(&s->dev, &vdrop), "VEC_DROP_CNT");
    if (m->spurious != 0 || m->bus_errors != 0)
        gs_violation(s, INTX_GUEST, "INTx monitor: %" PRIu64 " spurious line calls, %" PRIu64 " failed accesses",
                     m->spurious, m->bus_errors);
    for (unsigned f = 0; f < m->num_func; f++)
        if (m->fn_stats[f].unowned != 0)
            gs_violation(s, 0, "function %u asserted INTx unowned %" PRIu64 " times", f, m->fn_stats[f].unowned);
    for (unsigned i = 0; i < NGUEST; i++) {
        const guest_x_t *x = &h->gx[i];
        if (x->intx_dlv != x->intx_eoi + x->intx_out || x->intx_dlv > s->g[i].guest_irqs)
            gs_violation(s, i, "INTx: %" PRIu64 " delivered, %" PRIu64 " EOIs, %" PRIu64 " guest interrupts",
                         x->intx_dlv, x->intx_eoi, s->g[i].guest_irqs);
        if (x->leases != x->expired + (x->vec != NO_VEC) || x->denied != 0 || x->wm_raised != x->wm_msgs)
            gs_violation(s, i,
                         "leases: %" PRIu64 " granted, %" PRIu64 " expired, %" PRIu64 " denied; watermark %" PRIu64
                         " raised, %" PRIu64 " messages",
                         x->leases, x->expired, x->denied, x->wm_raised, x->wm_msgs);
    }
    uint64_t expired = 0;
    for (unsigned i = 0; i < NGUEST; i++)
        expired += h->gx[i].expired;
    if (h->q0_lease != lexp || h->hw_ended != expired || h->hw_ended != h->q0_lease || h->bb.stale_events != 0 ||
        vdrop != 0)
        gs_violation(s, 0,
                     "leases: LEASE_EXP_CNT %" PRIu32 ", %" PRIu64 " entries on queue 0 (%" PRIu64
                     " ended a loan, %" PRIu64 " stale), %" PRIu64 " expired in the broker, VEC_DROP_CNT %" PRIu32,
                     lexp, h->q0_lease, h->hw_ended, h->bb.stale_events, expired, vdrop);
}

/* ---- command line -------------------------------------------------------------- */
static void usage(FILE *f)
{
    fprintf(f, "usage: virq_demo [--seed N] [--ms N] [--slice-us N] [--help]\n"
               "  --seed N      PRNG seed of the packet arrivals (default %u)\n"
               "  --ms N        simulated time in milliseconds, 1..1000 (default %u)\n"
               "  --slice-us N  scheduler time slice in microseconds, 1..1000000 (default %u)\n"
               "Runs 4 guests on 2 CPUs against the virq C model (MSI-X, one INTx guest, a\n"
               "vector lease) and checks invariants; exit status 0 ok, 1 a check failed,\n"
               "2 bad command line.\n",
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

/* a count, or "-" where it does not apply */
static const char *num(char *buf, size_t n, bool applies, uint64_t v)
{
    if (applies)
        snprintf(buf, n, "%" PRIu64, v);
    else
        snprintf(buf, n, "-");
    return buf;
}

static void print_delivery(const hv_t *h)
{
    const gs_sim_t *s = h->s;
    char b[8][24];
    printf("\nguest func/vec  path    msix_msg  intx   ack   eoi  leases  hw_exp  wm_msg\n");
    for (unsigned i = 0; i < NGUEST; i++) {
        const gs_guest_t *g = &s->g[i];
        const guest_x_t *x = &h->gx[i];
        const bool lease = x->requests != 0 || i == BURST_GUEST;
        printf("%5u    %u/%-3u  %-6s  %8s  %4s  %4s  %4s  %6s  %6s  %6s\n", i, g->func, g->vec,
               g->intx ? "INTx" : "MSI-X", num(b[0], sizeof b[0], !g->intx, g->msix_msgs),
               num(b[1], sizeof b[1], g->intx, x->intx_dlv), num(b[2], sizeof b[2], g->intx, g->intx_acks),
               num(b[3], sizeof b[3], g->intx, x->intx_eoi), num(b[4], sizeof b[4], lease, x->leases),
               num(b[5], sizeof b[5], lease, x->expired), num(b[6], sizeof b[6], lease, x->wm_msgs));
    }
    printf("hv       0/0    MSI-X   %8" PRIu64 "  (queue 0: %" PRIu64 " lease-expired entries)\n", s->hv_msgs,
           h->q0_lease);
    if (h->ex_set) {
        const unsigned f = s->g[h->ex_guest].func;
        const double us = s->cyc_per_us;
        char msg[96] = "the ring never reached the watermark during it";
        if (h->ex_msgs != 0)
            snprintf(msg, sizeof msg, "its first watermark message (function %u) came at %.2f us", f,
                     h->ex_first / us);
        printf("a lease: at %.2f us the broker lent vector %u of the PF to guest %u (function %u) for %u us; %s; "
               "the hardware took the vector back and the hypervisor served its lease-expired entry on queue 0 at "
               "%.2f us\n",
               h->ex_grant / us, h->ex_vec, h->ex_guest, f, LEASE_US, msg, h->ex_entry / us);
    }
    printf("broker: the PF lent %" PRIu64 " and got %" PRIu64 " back; loans ended by queue-0 entries %" PRIu64
           " (stale entries %" PRIu64 ", masks that found the vector home already %" PRIu64 ")\n",
           h->lent, h->returned, h->hw_ended, h->bb.stale_events, h->bb.not_owned);
}

static void print_summary(const hv_t *h)
{
    const gs_sim_t *s = h->s;
    uint64_t msgs = 0, dlv = 0, acks = 0, eoi = 0, leases = 0, wm = 0;
    for (unsigned i = 0; i < NGUEST; i++) {
        msgs += s->g[i].msix_msgs;
        dlv += h->gx[i].intx_dlv;
        acks += s->g[i].intx_acks;
        eoi += h->gx[i].intx_eoi;
        leases += h->gx[i].leases;
        wm += h->gx[i].wm_msgs;
    }
    uint32_t lexp = 0, vdrop = 0;
    gs_drv(virq_lease_exp_count(&h->s->dev, &lexp), "LEASE_EXP_CNT");
    gs_drv(virq_vec_drop_count(&h->s->dev, &vdrop), "VEC_DROP_CNT");
    printf("delivery: %" PRIu64 " MSI-X messages from the guests' functions + %" PRIu64 " on lent vectors + %" PRIu64
           " to the hypervisor; %" PRIu64 " INTx deliveries by the monitor (%" PRIu64 " line calls, %" PRIu64
           " acks, %" PRIu64 " EOIs, %" PRIu64 " spurious); %" PRIu64 " leases, %" PRIu64
           " taken back by the hardware (LEASE_EXP_CNT %" PRIu32 ", VEC_DROP_CNT %" PRIu32 ")\n",
           msgs, wm, s->hv_msgs, dlv, h->lines, acks, eoi, h->mon.spurious, leases, h->hw_ended, lexp, vdrop);
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
     * once when an interrupt (or an overflow report) comes while it is out;
     * interrupts are MSI-X messages, INTx for the legacy guest */
    static hv_t hv;
    const gs_config_t cfg = {
        .nguest = NGUEST, .ncpu = NCPU, .clk_hz = CLK_HZ, .ring_log2 = RING_LOG2,
        .proc_delay_us = PROC_DELAY_US, .min_run_us = MIN_RUN_US, .slice_us = slice_us,
        .burst_on_us = BURST_ON_US, .burst_off_us = BURST_OFF_US, .gap_us = GAP_US, .seed = seed,
        .guest_state = true, .wake_on_irq = true, .wake_on_overflow = true, .irq_check = GS_CHECK_SCHED,
        .delivery = GS_DELIVER_MSIX, .intx_guests = 1u << INTX_GUEST,
    };
    const gs_hooks_t hooks = {.ctx = &hv, .handled = hook_handled};
    gs_sim_t *s = gs_create(&cfg, &hooks);
    if (s == NULL)
        return 1;
    for (unsigned i = 0; i < NGUEST; i++)
        gs_drv(virq_mod_setup(&s->dev, s->g[i].vec, LAT_US, OVF_US, false), "guest vector");
    hv_setup(&hv, s);

    printf("virq_demo: %u guests on %u CPUs, C model at %u MHz, 1 us ticks, %" PRIu64 " ms, seed %" PRIu64 "\n",
           NGUEST, NCPU, CLK_HZ / 1000000u, ms, seed);
    printf("  slice %" PRIu64 " us; ring %u entries; latency interval %u us; overflow interval %u us; "
           "handler delay %u us\n",
           slice_us, RING_N, LAT_US, OVF_US, PROC_DELAY_US);
    printf("  traffic per guest: bursts of ~%u us every ~%u us, a packet every ~%u us in a burst\n", BURST_ON_US,
           BURST_ON_US + BURST_OFF_US, GAP_US);
    printf("  delivery: MSI-X (guests 0-2, the hypervisor), INTx on the shared line for guest %u; guest %u borrows "
           "a spare vector for %u us when a handler pass takes %u+ entries (raised at %u unread)\n\n",
           INTX_GUEST, BURST_GUEST, LEASE_US, BURST_MIN, WATERMARK);

    uint64_t end = ms * 1000u * s->cyc_per_us;
    gs_run(s, end);
    gs_finish(s);
    hv_finish(&hv);

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
    print_delivery(&hv);
    printf("\nguest irqs that came in the cycle after a schedule-out (allowed, see check 3): %" PRIu64 "\n",
           tot.late_irqs);
    printf("EQ_OVF_CNT %" PRIu32 ", EVT_ERR_CNT %" PRIu32 ", BUS_ERR_CNT %" PRIu32 "\n", s->ovf_cnt, s->evt_err,
           s->bus_err);
    print_summary(&hv);

    unsigned violations = s->violations;
    gs_destroy(s);
    if (violations) {
        printf("virq_demo: FAILED, %u check violation(s) (first ones above on stderr)\n", violations);
        return 1;
    }
    printf("virq_demo: all checks passed (order, conservation, irq vs schedule, delivery), %.1f ms simulated\n",
           (double)end / (CLK_HZ / 1000000u) / 1000.0);
    return 0;
}
