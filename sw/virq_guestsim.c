/* virq_guestsim: guests time-sliced on CPUs around one virq C model.  See
 * virq_guestsim.h. */
#include "virq_guestsim.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGION_BASE(r) (0x100000000ull + (uint64_t)(r) * 0x10000u)

static void trace(gs_sim_t *s, unsigned guest, gs_event_t ev, uint64_t cycle, uint64_t arg)
{
    if (s->hooks.trace != NULL)
        s->hooks.trace(s->hooks.ctx, s, guest, ev, cycle, arg);
}

/* ---- a tiny PRNG (splitmix64), one stream per guest ---------------------- */
static uint64_t rng_next(uint64_t *st)
{
    uint64_t z = (*st += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Traffic runs on its own time base of 4 ns steps (a cycle of the demo's
 * 250 MHz clock): every model clock sees the same arrivals, each in the first
 * cycle that reaches its step. */
#define STEPS_PER_US 250u

static uint64_t now_steps(const gs_sim_t *s)
{
    return s->now * STEPS_PER_US / s->cyc_per_us;
}

/* uniform in [mean/2, 3*mean/2] for a mean of mean_us, in steps, at least 1 */
static uint64_t rng_around(uint64_t *st, uint64_t mean_us)
{
    uint64_t mean = mean_us * STEPS_PER_US, lo = mean / 2, span = mean + 1;
    uint64_t v = lo + rng_next(st) % span;
    return v ? v : 1;
}

void gs_vec_push(gs_vec_t *a, uint64_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 1024;
        a->v = realloc(a->v, a->cap * sizeof *a->v);
        if (a->v == NULL) {
            fprintf(stderr, "virq_guestsim: out of memory\n");
            exit(1);
        }
    }
    a->v[a->n++] = x;
}

void gs_drv(int err, const char *what)
{
    if (err != VIRQ_OK) {
        fprintf(stderr, "virq_guestsim: %s: %s\n", what, virq_strerror(err));
        exit(1);
    }
}

void gs_violation(gs_sim_t *s, unsigned guest, const char *fmt, ...)
{
    if (s->violations++ < 10) {
        va_list ap;
        fprintf(stderr, "CHECK FAILED at cycle %" PRIu64 " (%.1f us), guest %u: ", s->now,
                (double)s->now / s->cyc_per_us, guest);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
}

/* ---- buses: the model's registers, and the host memory ------------------- */
static int bus_read(void *ctx, uint32_t addr, uint32_t *v)
{
    return (int)virq_reg_read(((gs_sim_t *)ctx)->m, addr, v);
}

static int bus_write(void *ctx, uint32_t addr, uint32_t v)
{
    return (int)virq_reg_write(((gs_sim_t *)ctx)->m, addr, v);
}

static uint32_t *mem_word(gs_sim_t *s, uint64_t a)
{
    for (unsigned r = 0; r <= s->cfg.nguest; r++)
        if (a >= REGION_BASE(r) && a < REGION_BASE(r) + 4u * GS_REGION_WORDS && (a & 3u) == 0)
            return &s->region[r][(a - REGION_BASE(r)) / 4];
    return NULL;
}

static uint32_t mem_rd(void *ctx, uint64_t a)
{
    gs_sim_t *s = ctx;
    uint32_t *w = mem_word(s, a);
    if (w == NULL) {
        s->bad_mem++;
        return 0;
    }
    return *w;
}

static void mem_wr(void *ctx, uint64_t a, uint32_t v)
{
    gs_sim_t *s = ctx;
    uint32_t *w = mem_word(s, a);
    if (w == NULL) {
        s->bad_mem++;
        return;
    }
    *w = v;
}

uint32_t gs_reg(gs_sim_t *s, uint32_t addr)
{
    uint32_t v = 0;
    gs_drv(virq_read(&s->dev, addr, &v), "register read");
    return v;
}

static void reg_write(gs_sim_t *s, uint32_t addr, uint32_t v, const char *what)
{
    gs_drv(virq_write(&s->dev, addr, v), what);
}

/* entry layout: code in bits 31:24, parameter (sequence number) in 23:0 */
static unsigned code_of(uint32_t seq)
{
    return 1u + seq % 0xEFu; /* 1..0xEF */
}

/* ---- check 1: match an entry against the guest's expected FIFO ------------ */
static bool match_expected(gs_guest_t *g, uint32_t entry, uint64_t *accept_cycle)
{
    gs_sim_t *s = g->sim;
    uint32_t seq = entry & 0xFFFFFFu;
    if ((entry >> 24) != code_of(seq)) {
        gs_violation(s, g->idx, "entry %#" PRIx32 " has a wrong code (seq %" PRIu32 ")", entry, seq);
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
        trace(s, g->idx, GS_EV_DROP, e & 0xFFFFFFFFFFull, e >> 40);
    }
    gs_violation(s, g->idx, "entry seq %" PRIu32 " was never posted, or is out of order", seq);
    return false;
}

/* virq_eq_poll() calls this for every entry the guest takes from its ring */
static void guest_handle(void *ctx, unsigned eq, uint32_t entry)
{
    gs_guest_t *g = ctx;
    uint64_t acc = 0;
    (void)eq;
    if (match_expected(g, entry, &acc))
        gs_vec_push(&g->lat, g->sim->now - acc);
    g->processed++;
    g->occ--;
}

static bool msix_mode(const gs_sim_t *s)
{
    return s->cfg.delivery == GS_DELIVER_MSIX;
}

/* The guest's doorbell: through its window with GS_DELIVER_MSIX (FN_DB),
 * else EQ_DB in the PF window. */
static void guest_doorbell(gs_sim_t *s, gs_guest_t *g, uint32_t db)
{
    if (msix_mode(s))
        gs_drv(virq_fn_doorbell(&g->fn, db), "doorbell (window)");
    else
        reg_write(s, virq_eq_db_addr(&g->ring), db, "doorbell");
}

/* The guest's interrupt handler (FIG. 9), or overflow recovery. */
static void guest_handler(gs_sim_t *s, gs_guest_t *g)
{
    uint32_t db;
    unsigned n;
    if (g->intx) {
        /* a legacy handler on a shared line: is it ours?  Then acknowledge
         * before reading the ring, so an entry after the read interrupts again */
        virq_intx_state_t st;
        gs_drv(virq_fn_intx_state(&g->fn, &st), "INTx state");
        if (st.status) {
            gs_drv(virq_fn_intx_ack(&g->fn), "INTx acknowledge");
            g->intx_acks++;
        }
    }
    if (g->need_reset) {
        /* the queue is undefined: take what is in the ring (no doorbell: it
         * would be refused), then INIT (WI = RI = 0) and arm again */
        n = virq_eq_poll(&g->ring, &s->mem, guest_handle, g, 0, &db);
        virq_eq_ring_init(&g->ring, &s->mem, g->eq, g->func, REGION_BASE(g->idx + 1), s->cfg.ring_log2);
        reg_write(s, VIRQ_EQ_CMD(g->eq), VIRQ_EQ_CMD_INIT_MASK, "queue INIT");
        db = virq_eq_doorbell(g->eq, false, 0, true);
        g->need_reset = false;
    } else {
        n = virq_eq_poll(&g->ring, &s->mem, guest_handle, g, 0, &db);
    }
    guest_doorbell(s, g, db);
    g->handler_runs++;
    trace(s, g->idx, GS_EV_HANDLER, s->now, n);
    if (s->hooks.handled != NULL)
        s->hooks.handled(s->hooks.ctx, s, g, n);
}

/* the handler runs after proc_delay_us of running time */
static void deliver(gs_guest_t *g)
{
    if (!g->irq_pending) {
        g->irq_pending = true;
        g->work_left = (uint64_t)g->sim->cfg.proc_delay_us * g->sim->cyc_per_us;
    }
}

void gs_interrupt(gs_sim_t *s, gs_guest_t *g, bool wake)
{
    if (wake || g->cpu < 0) {
        g->hv_irqs++;
        trace(s, g->idx, GS_EV_HV_IRQ, s->now, wake);
        if (g->cpu < 0 && s->cfg.wake_on_irq)
            g->wake_req = true;
    } else {
        trace(s, g->idx, GS_EV_GUEST_IRQ, s->now, 0);
    }
    deliver(g);
}

/* ---- the hypervisor: queue 0 and the scheduler ---------------------------- */
static void hv_handle(void *ctx, unsigned eq, uint32_t entry)
{
    gs_sim_t *s = ctx;
    unsigned q = entry & 0xFFFFFFu;
    (void)eq;
    if ((entry >> 24) != VIRQ_EVT_CODE_EQ_OVERFLOW || q < 1 || q > s->cfg.nguest) {
        if (s->dev_hooks.hv_entry == NULL || !s->dev_hooks.hv_entry(s->dev_hooks.ctx, s, entry))
            gs_violation(s, 0, "unexpected entry %#" PRIx32 " on queue 0", entry);
        return;
    }
    gs_guest_t *g = &s->g[q - 1];
    s->hv_ovf_events++;
    g->overflows++;
    g->need_reset = true;
    deliver(g);
    if (g->cpu < 0 && s->cfg.wake_on_overflow)
        g->wake_req = true;
}

static void guest_state(gs_sim_t *s, gs_guest_t *g, bool active)
{
    if (s->cfg.guest_state)
        gs_drv(virq_mod_guest_state(&s->dev, g->vec, active), active ? "schedule in" : "schedule out");
}

/* returns where g was in the run queue */
static unsigned sched_in(gs_sim_t *s, int cpu, gs_guest_t *g)
{
    unsigned pos = s->runq_n;
    for (unsigned i = 0; i < s->runq_n; i++)
        if (s->runq[i] == (int)g->idx) {
            memmove(&s->runq[i], &s->runq[i + 1], (s->runq_n - i - 1) * sizeof s->runq[0]);
            s->runq_n--;
            pos = i;
            break;
        }
    s->cpu_guest[cpu] = (int)g->idx;
    s->cpu_since[cpu] = s->now;
    g->cpu = cpu;
    if (g->wake_req) {
        g->wakeups++;
        trace(s, g->idx, GS_EV_WAKEUP, s->now, (uint64_t)cpu);
    }
    g->wake_req = false;
    g->sched_in++;
    trace(s, g->idx, GS_EV_SCHED_IN, s->now, (uint64_t)cpu);
    guest_state(s, g, true);
    return pos;
}

static void sched_out(gs_sim_t *s, int cpu)
{
    gs_guest_t *g = &s->g[s->cpu_guest[cpu]];
    guest_state(s, g, false);
    trace(s, g->idx, GS_EV_SCHED_OUT, s->now, (uint64_t)cpu);
    g->cpu = -1;
    g->boosted = false;
    s->cpu_guest[cpu] = -1;
    s->runq[s->runq_n++] = (int)g->idx;
}

/* wake_slice_us: the woken guest on CPU c has had its short slice and its
 * handler; the guest it preempted gets the CPU back if it still waits (with
 * the rest of its slice), and the woken guest goes back to its old place in
 * the run queue.  If the preempted guest runs elsewhere by now, the woken
 * guest simply keeps the CPU as after any schedule-in. */
static void boost_end(gs_sim_t *s, int c)
{
    gs_guest_t *g = &s->g[s->cpu_guest[c]];
    int v = g->boost_victim;
    unsigned pos = g->boost_pos;
    uint64_t ran = g->victim_ran;
    g->boosted = false;
    if (v < 0 || s->g[v].cpu >= 0)
        return;
    sched_out(s, c);
    /* sched_out appended g: move it back to where it waited */
    if (pos < s->runq_n - 1) {
        memmove(&s->runq[pos + 1], &s->runq[pos], (s->runq_n - 1 - pos) * sizeof s->runq[0]);
        s->runq[pos] = (int)g->idx;
    }
    sched_in(s, c, &s->g[v]);
    s->cpu_since[c] = s->now - ran;
    g->boost_returns++;
}

/* the next guest to run: a woken one first (lowest number), else the oldest
 * in the run queue; NULL if none waits */
static gs_guest_t *pick(gs_sim_t *s, bool woken_only)
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
static bool can_switch(const gs_sim_t *s, int c, uint64_t min_cycles)
{
    return s->now - s->cpu_since[c] >= min_cycles && !s->g[s->cpu_guest[c]].irq_pending;
}

/* every microsecond */
static void scheduler_tick(gs_sim_t *s)
{
    const int ncpu = (int)s->cfg.ncpu;
    const uint64_t slice_cycles = s->cfg.slice_us * s->cyc_per_us;
    gs_guest_t *n;
    /* idle CPUs take the next guest */
    for (int c = 0; c < ncpu; c++)
        if (s->cpu_guest[c] < 0 && (n = pick(s, false)) != NULL)
            sched_in(s, c, n);
    /* woken guests preempt the guest that has run longest */
    while ((n = pick(s, true)) != NULL) {
        int victim = -1;
        for (int c = 0; c < ncpu; c++)
            if (can_switch(s, c, (uint64_t)s->cfg.min_run_us * s->cyc_per_us) &&
                (victim < 0 || s->cpu_since[c] < s->cpu_since[victim]))
                victim = c;
        if (victim < 0)
            break; /* try again at the next tick */
        int vg = s->cpu_guest[victim];
        uint64_t ran = s->now - s->cpu_since[victim];
        bool victim_boosted = s->g[vg].boosted;
        sched_out(s, victim);
        unsigned pos = sched_in(s, victim, n);
        if (s->cfg.wake_slice_us != 0) {
            n->boosted = true;
            n->boost_victim = victim_boosted ? -1 : vg; /* a preempted short slice is simply over */
            n->victim_ran = ran;
            n->boost_pos = pos;
        }
    }
    /* short slices of woken guests that are over: the preempted guest runs again */
    for (int c = 0; c < ncpu; c++)
        if (s->cpu_guest[c] >= 0 && s->g[s->cpu_guest[c]].boosted &&
            can_switch(s, c, (uint64_t)s->cfg.wake_slice_us * s->cyc_per_us))
            boost_end(s, c);
    /* round robin: a guest whose slice is over yields to the oldest waiter */
    for (int c = 0; c < ncpu; c++)
        if (s->runq_n && can_switch(s, c, slice_cycles)) {
            n = &s->g[s->runq[0]];
            sched_out(s, c);
            sched_in(s, c, n);
        }
}

/* ---- traffic --------------------------------------------------------------- */
/* the packet due at g->next_arrival: offer it on the event stream */
static void arrival(gs_sim_t *s, gs_guest_t *g)
{
    g->next_arrival += rng_around(&g->rng, s->cfg.gap_us);
    if (s->pend_n == GS_PEND_MAX) {
        g->lost++; /* offered faster than the stream takes them (one per cycle): check 2 */
        return;
    }
    s->pend[(s->pend_head + s->pend_n++) % GS_PEND_MAX] = (uint64_t)g->idx << 32 | g->next_seq++;
}

/* Every cycle.  Times are kept on the step grid (each one from the one before,
 * not from the cycle it was seen in), so a coarse clock does not drift. */
static void traffic(gs_sim_t *s, gs_guest_t *g)
{
    const uint64_t t = now_steps(s);
    if (g->burst_on && t >= g->next_arrival && g->next_arrival < g->next_toggle) {
        arrival(s, g); /* due before the burst ends (the toggle waits a cycle) */
        return;
    }
    if (t >= g->next_toggle) {
        uint64_t at = g->next_toggle;
        g->burst_on = !g->burst_on;
        g->next_toggle = at + rng_around(&g->rng, g->burst_on ? s->cfg.burst_on_us : s->cfg.burst_off_us);
        g->next_arrival = at + rng_around(&g->rng, s->cfg.gap_us);
    }
    if (g->burst_on && t >= g->next_arrival)
        arrival(s, g);
}

/* check 3 for one pulse */
static void check_irq(gs_sim_t *s, gs_guest_t *g, bool wake)
{
    switch (s->cfg.irq_check) {
    case GS_CHECK_SCHED:
        if (!wake && !g->was_active)
            gs_violation(s, g->idx, "guest irq, but not scheduled in during the deciding cycle");
        if (wake && g->was_active)
            gs_violation(s, g->idx, "wake irq, but scheduled in during the deciding cycle");
        break;
    case GS_CHECK_NO_WAKE:
        if (wake)
            gs_violation(s, g->idx, "wake irq, but GUEST_ACTIVE is held 1");
        break;
    case GS_CHECK_NONE:
        break;
    }
}

static void route_irq(gs_sim_t *s, gs_guest_t *g, bool wake)
{
    if (s->hooks.irq != NULL)
        s->hooks.irq(s->hooks.ctx, s, g, wake);
    else
        gs_interrupt(s, g, wake);
}

/* queue 0: the hypervisor serves it at once */
static void serve_queue0(gs_sim_t *s)
{
    gs_drv(virq_eq_service(&s->dev, &s->hv_ring, &s->mem, hv_handle, s, 0, NULL), "queue 0 service");
}

/* GS_DELIVER_MSIX: the message on m_msi_* this cycle (always ready: taken now) */
static void msi_message(gs_sim_t *s, const virq_out_t *out)
{
    const unsigned f = (unsigned)out->m_msi_func_o, v = (unsigned)out->m_msi_vec_o;
    const uint64_t addr = out->m_msi_addr_o;
    const uint32_t data = (uint32_t)out->m_msi_data_o;
    gs_guest_t *g = NULL;
    for (unsigned i = 0; i < s->cfg.nguest; i++)
        if (s->g[i].vec == v)
            g = &s->g[i];
    if (v == 0 || g != NULL) {
        const unsigned owner = g != NULL ? g->func : 0;
        if (f != owner || addr != GS_MSI_ADDR(owner) || data != GS_MSI_DATA(owner, v) || (g != NULL && g->intx)) {
            gs_violation(s, g != NULL ? g->idx : 0,
                         "message of vector %u from function %u, address %#" PRIx64 ", data %#" PRIx32
                         "; expected function %u's message%s",
                         v, f, addr, data, owner, g != NULL && g->intx ? " (none: MSI-X is off)" : "");
            return;
        }
        if (g == NULL) {
            s->hv_msgs++;
            serve_queue0(s);
            return;
        }
        /* loaded at the edge of the cycle before: it covers every pulse up
         * to the cycle before that (a pulse in the loading cycle sets the
         * pending bit again and gets a message of its own) */
        uint64_t keep = g->msi_due != 0 && g->msi_last + 1 == s->now ? 1 : 0;
        g->msix_msgs++;
        if (g->msi_due - keep == 0)
            gs_violation(s, g->idx, "message on vector %u without a guest interrupt", v);
        else
            g->msi_coalesced += g->msi_due - keep - 1;
        g->msi_due = keep;
        route_irq(s, g, false);
        return;
    }
    if (s->dev_hooks.msi == NULL || !s->dev_hooks.msi(s->dev_hooks.ctx, s, out))
        gs_violation(s, 0, "unexpected message: vector %u, function %u, address %#" PRIx64 ", data %#" PRIx32, v, f,
                     addr, data);
}

/* ---- one clock cycle --------------------------------------------------------- */
/* The model's inputs in a cycle without an event offer or a port hook. */
static void idle_inputs(const gs_sim_t *s, virq_in_t *in)
{
    *in = (virq_in_t){0};
    in->rst_ni = 1;
    in->m_dma_ready_i = 1;
    in->m_msi_ready_i = msix_mode(s) ? 1u : 0u;
}

/* The end of a guest's cycle: a running guest works towards its handler. */
static void guest_work(gs_sim_t *s, gs_guest_t *g)
{
    g->was_active = g->cpu >= 0;
    if (g->irq_pending && g->cpu >= 0 && --g->work_left == 0) {
        g->irq_pending = false;
        guest_handler(s, g);
    }
}

static void cycle(gs_sim_t *s, bool offer)
{
    virq_in_t in;
    virq_out_t out;
    uint64_t head = s->pend[s->pend_head];
    gs_guest_t *hg = &s->g[head >> 32];
    uint32_t seq = (uint32_t)head;
    const unsigned ring_n = 1u << s->cfg.ring_log2;

    idle_inputs(s, &in);
    if (offer && s->pend_n) {
        in.s_evt_valid_i = 1;
        in.s_evt_func_i = hg->func;
        in.s_evt_eq_i = hg->eq;
        in.s_evt_code_i = code_of(seq);
        in.s_evt_param_i = seq & 0xFFFFFFu;
    }
    if (s->dev_hooks.input != NULL)
        s->dev_hooks.input(s->dev_hooks.ctx, s, &in);
    virq_step(s->m, &in, &out);

    /* event accepted: it has arrived, remember it in the expected FIFO */
    if (in.s_evt_valid_i && out.s_evt_ready_o) {
        gs_vec_push(&hg->expect, (uint64_t)seq << 40 | s->now);
        hg->arrived++;
        trace(s, hg->idx, GS_EV_ARRIVE, s->now, seq);
        s->pend_head = (s->pend_head + 1) % GS_PEND_MAX;
        s->pend_n--;
    }
    /* DMA write into host memory; it must land inside a ring */
    if (out.m_dma_valid_o) {
        uint64_t a = out.m_dma_addr_o;
        bool in_ring = false;
        for (unsigned r = 0; r <= s->cfg.nguest; r++)
            if (a >= REGION_BASE(r) && a < REGION_BASE(r) + 4u * ring_n) {
                in_ring = true;
                if (r > 0 && (out.m_dma_data_o >> 24) != 0) {
                    gs_guest_t *g = &s->g[r - 1];
                    if (++g->occ > g->max_occ)
                        g->max_occ = g->occ;
                }
            }
        if (!in_ring)
            s->bad_dma++;
        mem_wr(s, a, (uint32_t)out.m_dma_data_o);
    }
    /* the hypervisor's queue 0 (vector 0, no moderation): serve it at once;
     * with GS_DELIVER_MSIX on its message, as every guest's interrupt */
    if (msix_mode(s)) {
        if (out.m_msi_valid_o)
            msi_message(s, &out);
    } else if (out.guest_irq_o & 1u) {
        serve_queue0(s);
    }
    /* the caller's view of the ports (an INTx monitor delivers before the
     * handlers of this cycle run, like the message above) */
    if (s->dev_hooks.output != NULL)
        s->dev_hooks.output(s->dev_hooks.ctx, s, &out);
    /* interrupts on the guests' vectors; check 3 */
    for (unsigned i = 0; i < s->cfg.nguest; i++) {
        gs_guest_t *g = &s->g[i];
        bool gi = (out.guest_irq_o >> g->vec) & 1u, wk = (out.wake_irq_o >> g->vec) & 1u;
        if (gi) {
            g->guest_irqs++;
            check_irq(s, g, false);
            if (g->cpu < 0) /* with GS_CHECK_SCHED: the one cycle in flight at schedule-out */
                g->late_irqs++;
            if (!msix_mode(s)) {
                route_irq(s, g, false);
            } else if (!g->intx) { /* its message comes 2 cycles later (msi_message) */
                g->msi_due++;
                g->msi_last = s->now;
            }
        }
        if (wk) {
            g->wakes++;
            check_irq(s, g, true);
            route_irq(s, g, true);
        }
        guest_work(s, g);
    }
    s->now++;
}

/* The first cycle c with now_steps(c) >= steps. */
static uint64_t cycle_at(const gs_sim_t *s, uint64_t steps)
{
    return (steps * s->cyc_per_us + STEPS_PER_US - 1u) / STEPS_PER_US;
}

/* A quiet stretch: when no packet waits to be offered, no port hook looks
 * at the cycles and the outputs show nothing to take (no DMA write, no
 * message, no interrupt), cycle() would only count down the running
 * handlers' work.  Run the model with cycle()'s idle inputs up to the
 * next cycle that has something to do (an arrival or burst edge of
 * traffic(), the scheduler's microsecond, a handler's last cycle, end);
 * virq_run stops earlier if an output is about to change.  Returns false,
 * having done nothing, if this cycle is not quiet. */
static bool quiet_run(gs_sim_t *s, uint64_t end)
{
    if (s->cfg.every_cycle || s->pend_n != 0 || s->dev_hooks.input != NULL || s->dev_hooks.output != NULL)
        return false;
    uint64_t until = (s->now / s->cyc_per_us + 1u) * s->cyc_per_us;
    if (until > end)
        until = end;
    for (unsigned i = 0; i < s->cfg.nguest; i++) {
        const gs_guest_t *g = &s->g[i];
        uint64_t t = cycle_at(s, g->next_toggle);
        if (g->burst_on && cycle_at(s, g->next_arrival) < t)
            t = cycle_at(s, g->next_arrival);
        if (g->irq_pending && g->cpu >= 0 && s->now + g->work_left < t)
            t = s->now + g->work_left; /* the handler runs after the cycle before t */
        if (t < until)
            until = t;
    }
    if (until <= s->now + 1u) /* nothing to gain over cycle() */
        return false;
    virq_in_t in;
    virq_out_t out;
    idle_inputs(s, &in);
    virq_eval(s->m, &in, &out);
    if (out.m_dma_valid_o || out.m_msi_valid_o || out.guest_irq_o || out.wake_irq_o)
        return false;
    uint64_t n = virq_run(s->m, &in, until - s->now, NULL);
    s->quiet_cycles += n;
    s->now += n - 1u; /* the last cycle's own number, as cycle() has it until its end */
    /* cycle()'s per-guest part (no interrupt in these cycles): the first
     * n - 1 count down the running handlers' work and change nothing else;
     * the last is cycle()'s own loop, where a handler whose work ends runs
     * and the guests after it see what it changed */
    for (unsigned i = 0; i < s->cfg.nguest; i++)
        if (s->g[i].irq_pending && s->g[i].cpu >= 0)
            s->g[i].work_left -= n - 1u;
    for (unsigned i = 0; i < s->cfg.nguest; i++)
        guest_work(s, &s->g[i]);
    s->now++;
    return true;
}

void gs_run(gs_sim_t *s, uint64_t end)
{
    while (s->now < end) {
        if (s->now % s->cyc_per_us == 0) {
            scheduler_tick(s);
            if (s->hooks.tick != NULL)
                s->hooks.tick(s->hooks.ctx, s);
        }
        for (unsigned i = 0; i < s->cfg.nguest; i++)
            traffic(s, &s->g[i]);
        if (!quiet_run(s, end))
            cycle(s, true);
    }
    for (unsigned k = 0; k < 16; k++) /* no new events: let the last DMA writes land */
        cycle(s, false);
}

/* ---- setup ------------------------------------------------------------------- */
gs_sim_t *gs_create(const gs_config_t *cfg, const gs_hooks_t *hooks)
{
    if (cfg->nguest < 1 || cfg->nguest > GS_MAX_GUEST || cfg->ncpu < 1 || cfg->ncpu > GS_MAX_CPU ||
        cfg->ring_log2 < 1 || (1u << cfg->ring_log2) > GS_REGION_WORDS || cfg->clk_hz % 1000000u != 0 ||
        cfg->clk_hz == 0 || cfg->proc_delay_us == 0 || cfg->gap_us == 0 ||
        (cfg->delivery != GS_DELIVER_PORT && cfg->delivery != GS_DELIVER_MSIX) ||
        (cfg->intx_guests != 0 && cfg->delivery != GS_DELIVER_MSIX) || (cfg->intx_guests >> cfg->nguest) != 0) {
        fprintf(stderr, "virq_guestsim: configuration out of range\n");
        return NULL;
    }
    gs_sim_t *s = calloc(1, sizeof *s);
    if (s == NULL || (s->region = calloc(cfg->nguest + 1u, sizeof *s->region)) == NULL) {
        fprintf(stderr, "virq_guestsim: out of memory\n");
        free(s);
        return NULL;
    }
    s->cfg = *cfg;
    if (hooks != NULL)
        s->hooks = *hooks;
    s->cyc_per_us = cfg->clk_hz / 1000000u;
    s->mem = (virq_mem_t){s, mem_rd, mem_wr};
    virq_params_t p;
    virq_params_default(&p);
    s->m = virq_create(&p);
    if (s->m == NULL) {
        fprintf(stderr, "virq_guestsim: virq_create failed\n");
        gs_destroy(s);
        return NULL;
    }
    virq_bus_t bus = {s, bus_read, bus_write};
    gs_drv(virq_probe(&s->dev, &bus), "probe");
    if (cfg->nguest + 1u > s->dev.num_func || cfg->nguest + 1u > s->dev.num_eq || cfg->nguest + 1u > s->dev.num_vec) {
        fprintf(stderr, "virq_guestsim: %u guests need %u functions, queues and vectors\n", cfg->nguest,
                cfg->nguest + 1u);
        gs_destroy(s);
        return NULL;
    }
    gs_drv(virq_set_tick(&s->dev, cfg->clk_hz, 1000), "tick"); /* 1 us ticks */

    /* hypervisor: queue 0 (function 0, vector 0), always active, no moderation */
    gs_drv(virq_mod_setup(&s->dev, 0, 0, 0, false), "vector 0");
    gs_drv(virq_mod_guest_state(&s->dev, 0, true), "vector 0 active");
    gs_drv(virq_eq_setup(&s->dev, &s->mem, &s->hv_ring, 0, 0, 0, REGION_BASE(0), cfg->ring_log2, 0, 0, true),
           "queue 0");

    for (unsigned i = 0; i < GS_MAX_CPU; i++)
        s->cpu_guest[i] = -1;
    for (unsigned i = 0; i < cfg->nguest; i++) {
        gs_guest_t *g = &s->g[i];
        *g = (gs_guest_t){.sim = s, .idx = i, .func = i + 1, .eq = i + 1, .vec = i + 1, .cpu = -1};
        g->rng = cfg->seed * 0x100000001B3ull + i;
        g->next_toggle = rng_around(&g->rng, cfg->burst_off_us); /* start in a silence */
        gs_drv(virq_eq_setup(&s->dev, &s->mem, &g->ring, g->eq, g->func, g->vec, REGION_BASE(i + 1), cfg->ring_log2,
                             0, 0, true),
               "guest queue");
        s->runq[s->runq_n++] = (int)i;
    }
    if (cfg->delivery == GS_DELIVER_MSIX) {
        /* the hypervisor: vector 0 in the PF's own window */
        if (!(s->dev.features & VIRQ_FEATURES_MSIX_MASK)) {
            fprintf(stderr, "virq_guestsim: MSI-X delivery needs the delivery block\n");
            gs_destroy(s);
            return NULL;
        }
        gs_drv(virq_fn_attach(&s->hv_fn, &s->dev, 0), "PF window");
        gs_drv(virq_fn_msix_program(&s->hv_fn, 0, GS_MSI_ADDR(0), GS_MSI_DATA(0, 0)), "vector 0 entry");
        gs_drv(virq_fn_msix_mask(&s->hv_fn, 0, false), "vector 0 unmask");
        gs_drv(virq_fn_msix_ctrl(&s->hv_fn, true, false), "PF MSI-X enable");
        for (unsigned i = 0; i < cfg->nguest; i++) {
            gs_guest_t *g = &s->g[i];
            g->intx = (cfg->intx_guests >> i) & 1u;
            /* the hypervisor gives the vector to the guest's function; the
             * guest driver finds its window and programs its own entry */
            gs_drv(virq_vec_set_home(&s->dev, g->vec, g->func), "vector home");
            gs_drv(virq_fn_open(&g->fn, &bus, g->func), "guest window");
            if (g->intx)
                continue; /* MSI-X stays disabled (reset): INTx, enabled at reset */
            gs_drv(virq_fn_msix_program(&g->fn, g->vec, GS_MSI_ADDR(g->func), GS_MSI_DATA(g->func, g->vec)),
                   "guest entry");
            gs_drv(virq_fn_msix_mask(&g->fn, g->vec, false), "guest unmask");
            gs_drv(virq_fn_msix_ctrl(&g->fn, true, false), "guest MSI-X enable");
        }
    }
    return s;
}

void gs_set_dev_hooks(gs_sim_t *s, const gs_dev_hooks_t *h)
{
    s->dev_hooks = h != NULL ? *h : (gs_dev_hooks_t){0};
}

void gs_destroy(gs_sim_t *s)
{
    if (s == NULL)
        return;
    for (unsigned i = 0; i < GS_MAX_GUEST; i++) {
        free(s->g[i].expect.v);
        free(s->g[i].lat.v);
    }
    free(s->lat_all.v);
    free(s->region);
    virq_destroy(s->m);
    free(s);
}

/* ---- end of run ------------------------------------------------------------- */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

unsigned gs_finish(gs_sim_t *s)
{
    const unsigned ring_n = 1u << s->cfg.ring_log2;
    for (unsigned i = 0; i < s->cfg.nguest; i++) {
        gs_guest_t *g = &s->g[i];
        /* what is still in the ring, from RI on, must continue the FIFO too */
        uint16_t ri = g->ring.ri;
        g->inring = 0;
        for (unsigned k = 0; k < ring_n; k++) {
            uint32_t e = s->region[i + 1][(ri + k) % ring_n];
            uint64_t acc;
            if ((e >> 24) == 0)
                break;
            match_expected(g, e, &acc);
            g->inring++;
        }
        /* dropped after the last written one */
        for (; g->expect_head < g->expect.n; g->expect_head++) {
            uint64_t e = g->expect.v[g->expect_head];
            g->skipped++;
            trace(s, g->idx, GS_EV_DROP, e & 0xFFFFFFFFFFull, e >> 40);
        }
        g->drops = gs_reg(s, VIRQ_EQ_DROPS(g->eq));
        if (g->skipped != g->drops)
            gs_violation(s, i, "%" PRIu64 " accepted events never reached the ring, DROPS says %" PRIu64, g->skipped,
                         g->drops);
        if (g->lost != 0)
            gs_violation(s, i,
                         "%" PRIu64 " packets lost before the engine: generated while %u waited for the event stream",
                         g->lost, GS_PEND_MAX);
        if (g->arrived != g->processed + g->inring + g->drops)
            gs_violation(s, i, "arrived %" PRIu64 " != processed + in ring + dropped (%" PRIu64 ")", g->arrived,
                         g->processed + g->inring + g->drops);
        if (msix_mode(s) && !g->intx && (g->msi_due != 0 || g->msix_msgs + g->msi_coalesced != g->guest_irqs))
            gs_violation(s, i,
                         "%" PRIu64 " guest interrupts, %" PRIu64 " messages + %" PRIu64 " coalesced (%" PRIu64
                         " not out)",
                         g->guest_irqs, g->msix_msgs, g->msi_coalesced, g->msi_due);
        if (g->lat.n != 0) /* else lat.v is NULL, which qsort may not take */
            qsort(g->lat.v, g->lat.n, sizeof *g->lat.v, cmp_u64);
        for (size_t k = 0; k < g->lat.n; k++)
            gs_vec_push(&s->lat_all, g->lat.v[k]);
    }
    if (s->lat_all.n != 0)
        qsort(s->lat_all.v, s->lat_all.n, sizeof *s->lat_all.v, cmp_u64);
    s->evt_err = gs_reg(s, VIRQ_EVT_ERR_CNT_OFFSET);
    s->ovf_cnt = gs_reg(s, VIRQ_EQ_OVF_CNT_OFFSET);
    gs_drv(virq_bus_errors(&s->dev, &s->bus_err), "BUS_ERR_CNT");
    if (s->evt_err != 0)
        gs_violation(s, 0, "EVT_ERR_CNT = %" PRIu32, s->evt_err);
    if (s->bus_err != 0)
        gs_violation(s, 0, "BUS_ERR_CNT = %" PRIu32, s->bus_err);
    if (s->bad_dma != 0 || s->bad_mem != 0)
        gs_violation(s, 0, "%" PRIu64 " DMA writes outside a ring, %" PRIu64 " bad memory accesses", s->bad_dma,
                     s->bad_mem);
    if (s->ovf_cnt != s->hv_ovf_events)
        gs_violation(s, 0, "EQ_OVF_CNT = %" PRIu32 ", overflow events seen on queue 0: %" PRIu64, s->ovf_cnt,
                     s->hv_ovf_events);
    return s->violations;
}

bool gs_rate_ok(const gs_config_t *cfg)
{
    /* nguest / gap_us <= clk_hz / 10^6, in integers */
    return cfg->gap_us != 0 && (uint64_t)cfg->nguest * 1000000u <= (uint64_t)cfg->gap_us * cfg->clk_hz;
}

double gs_pct_us(const gs_sim_t *s, const gs_vec_t *sorted, unsigned pct)
{
    if (sorted->n == 0)
        return 0.0;
    size_t k = (sorted->n * pct + 99) / 100; /* nearest rank */
    return (double)sorted->v[k ? k - 1 : 0] / s->cyc_per_us;
}

/* ---- command line -------------------------------------------------------------- */
int gs_opt_num(const char *prog, int argc, char **argv, int *i, const char *name, uint64_t lo, uint64_t hi,
               uint64_t *val)
{
    size_t len = strlen(name);
    const char *a = argv[*i], *v;
    if (strncmp(a, name, len) != 0)
        return 0;
    if (a[len] == '=')
        v = a + len + 1;
    else if (a[len] == '\0') {
        if (*i + 1 >= argc) {
            fprintf(stderr, "%s: %s needs a value\n", prog, name);
            return -1;
        }
        v = argv[++*i];
    } else
        return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*v < '0' || *v > '9' || *end != '\0' || errno == ERANGE || n < lo || n > hi) {
        fprintf(stderr, "%s: %s: '%s' is not a number in %" PRIu64 "..%" PRIu64 "\n", prog, name, v, lo, hi);
        return -1;
    }
    *val = n;
    return 1;
}
