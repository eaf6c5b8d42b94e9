/* test_guestsim: the guest simulation (sw/virq_guestsim.c) reports traffic
 * it cannot offer.  The event stream takes at most one packet per model
 * cycle; packets generated faster wait in a buffer of GS_PEND_MAX and the rest
 * are lost before the engine.  gs_rate_ok() tells a caller which traffic
 * stays within one packet per cycle; a run that loses packets counts them
 * (gs_guest_t.lost) and fails a self-check instead of losing them silently.
 * The CHECK FAILED lines on stderr from the overloaded run are expected. */
#include <inttypes.h>
#include <stdio.h>

#include "check.h"
#include "virq_guestsim.h"

static gs_config_t config(unsigned nguest, unsigned gap_us, unsigned clk_mhz)
{
    return (gs_config_t){
        .nguest = nguest, .ncpu = 1, .clk_hz = clk_mhz * 1000000u, .ring_log2 = 8, .proc_delay_us = 2,
        .min_run_us = 20, .slice_us = 2000, .burst_on_us = 10000000, .burst_off_us = 1, .gap_us = gap_us,
        .seed = 1, .irq_check = GS_CHECK_NO_WAKE,
    };
}

static bool rate_ok(unsigned nguest, unsigned gap_us, unsigned clk_mhz)
{
    const gs_config_t c = config(nguest, gap_us, clk_mhz);
    return gs_rate_ok(&c);
}

/* per-packet moderation on every guest, run for us microseconds; the total
 * number of lost packets; the violations in *viol, the packets accepted in
 * *arrived */
static uint64_t run(const gs_config_t *cfg, uint64_t us, unsigned *viol, uint64_t *arrived)
{
    gs_sim_t *s = gs_create(cfg, NULL);
    CHECK(s != NULL);
    if (s == NULL)
        return 0;
    for (unsigned i = 0; i < cfg->nguest; i++) {
        gs_drv(virq_mod_setup(&s->dev, s->g[i].vec, 0, 0, false), "vector");
        gs_drv(virq_mod_guest_state(&s->dev, s->g[i].vec, true), "guest active");
    }
    gs_run(s, us * s->cyc_per_us);
    *viol = gs_finish(s);
    uint64_t lost = 0;
    *arrived = 0;
    for (unsigned i = 0; i < cfg->nguest; i++) {
        lost += s->g[i].lost;
        *arrived += s->g[i].arrived;
        /* every packet generated was accepted, is still waiting, or is lost */
        CHECK(s->g[i].next_seq >= s->g[i].arrived);
    }
    gs_destroy(s);
    return lost;
}

/* One run with the model's quiet stretches through virq_run and one
 * stepped every cycle must agree on everything the simulation counts and
 * on every latency: virq_run is exact, and quiet_run() in the guest
 * simulation does in one call what cycle() would do cycle by cycle.
 * Cooperated moderation (variant A with guest state and wake-ups, or
 * variant B), running handlers, scheduler ticks and bursts all fall inside
 * or at the edges of the quiet stretches. */
static void same_as_every_cycle(gs_config_t c, uint32_t lat_us, uint32_t ovf_us, bool variant_b, uint64_t us)
{
    gs_sim_t *s[2];
    for (int k = 0; k < 2; k++) {
        c.every_cycle = k == 1;
        s[k] = gs_create(&c, NULL);
        CHECK(s[k] != NULL);
        if (s[k] == NULL)
            return;
        for (unsigned i = 0; i < c.nguest; i++)
            gs_drv(virq_mod_setup(&s[k]->dev, s[k]->g[i].vec, lat_us, ovf_us, variant_b), "vector");
        gs_run(s[k], us * s[k]->cyc_per_us);
        CHECK(gs_finish(s[k]) == 0);
    }
    unsigned diff = 0;
    uint64_t handled = 0;
    for (unsigned i = 0; i < c.nguest; i++) {
        const gs_guest_t *a = &s[0]->g[i], *b = &s[1]->g[i];
#define SAME(f) diff += a->f != b->f
        SAME(arrived); SAME(processed); SAME(guest_irqs); SAME(wakes); SAME(late_irqs); SAME(hv_irqs);
        SAME(handler_runs); SAME(sched_in); SAME(wakeups); SAME(overflows); SAME(boost_returns);
        SAME(max_occ); SAME(msix_msgs); SAME(msi_coalesced); SAME(intx_acks); SAME(inring); SAME(drops);
        SAME(lat.n);
#undef SAME
        for (size_t k = 0; k < a->lat.n && k < b->lat.n; k++)
            diff += a->lat.v[k] != b->lat.v[k];
        handled += a->processed;
    }
    diff += s[0]->now != s[1]->now || s[0]->hv_msgs != s[1]->hv_msgs;
    printf("quiet runs against every cycle (%u guests, %s, delivery %d): %" PRIu64 " packets handled, %.0f %% of "
           "%" PRIu64 " cycles in quiet runs, %u differences\n",
           c.nguest, variant_b ? "variant B" : "variant A", (int)c.delivery, handled,
           100.0 * (double)s[0]->quiet_cycles / (double)s[0]->now, s[0]->now, diff);
    CHECK(diff == 0);
    CHECK(handled > 1000);
    CHECK(s[0]->quiet_cycles > s[0]->now / 2 && s[1]->quiet_cycles == 0);
    gs_destroy(s[0]);
    gs_destroy(s[1]);
}

int main(void)
{
    /* the rule: nguest / gap_us <= clk_mhz */
    CHECK(!rate_ok(7, 1, 1)); /* 7 per cycle */
    CHECK(rate_ok(7, 7, 1));  /* exactly one per cycle */
    CHECK(!rate_ok(7, 6, 1));
    CHECK(!rate_ok(6, 1, 5));
    CHECK(rate_ok(5, 1, 5));
    CHECK(rate_ok(4, 5, 25)); /* multivm's defaults */
    CHECK(!rate_ok(4, 0, 25));

    /* 7 packets per cycle for 3 ms: the buffer fills in ~700 cycles, the
     * rest is lost, counted and a failed self-check */
    unsigned viol;
    uint64_t arrived;
    printf("the overloaded run's CHECK FAILED lines below are expected: this test asks for them\n");
    fflush(stdout);
    gs_config_t c = config(7, 1, 1);
    uint64_t lost = run(&c, 3000, &viol, &arrived);
    printf("overloaded: %" PRIu64 " accepted, %" PRIu64 " lost, %u violations\n", arrived, lost, viol);
    CHECK(lost > 10000);
    CHECK(viol > 0);
    CHECK(arrived > 2900 && arrived <= 3000); /* about one per cycle */

    /* one packet per cycle at most: nothing lost, no violation */
    c = config(7, 7, 1);
    lost = run(&c, 3000, &viol, &arrived);
    printf("at the limit: %" PRIu64 " accepted, %" PRIu64 " lost, %u violations\n", arrived, lost, viol);
    CHECK(lost == 0);
    CHECK(viol == 0);
    CHECK(arrived > 2000);

    /* bursty traffic, 4 guests on 2 CPUs, cooperated moderation */
    gs_config_t q = {
        .nguest = 4, .ncpu = 2, .clk_hz = 25000000, .ring_log2 = 8, .proc_delay_us = 2, .min_run_us = 20,
        .slice_us = 2000, .burst_on_us = 1000, .burst_off_us = 4000, .gap_us = 5, .seed = 3,
        .guest_state = true, .wake_on_irq = true, .irq_check = GS_CHECK_SCHED,
    };
    same_as_every_cycle(q, 50, 600, false, 60000);
    q.clk_hz = 250000000; /* the engine's own clock, where most cycles are quiet */
    q.wake_slice_us = 20;
    same_as_every_cycle(q, 50, 600, false, 20000);
    q = (gs_config_t){.nguest = 3, .ncpu = 1, .clk_hz = 50000000, .ring_log2 = 6, .proc_delay_us = 3,
                      .min_run_us = 20, .slice_us = 1000, .burst_on_us = 800, .burst_off_us = 3000, .gap_us = 7,
                      .seed = 9, .wake_on_irq = true, .irq_check = GS_CHECK_NONE,
                      .delivery = GS_DELIVER_MSIX, .intx_guests = 2};
    same_as_every_cycle(q, 40, 300, true, 40000);
    /* packets less than a microsecond after a burst starts: the burst edge,
     * not the scheduler's microsecond, must end the quiet stretch before it */
    q = (gs_config_t){.nguest = 4, .ncpu = 2, .clk_hz = 25000000, .ring_log2 = 8, .proc_delay_us = 2,
                      .min_run_us = 20, .slice_us = 2000, .burst_on_us = 4, .burst_off_us = 150, .gap_us = 1,
                      .seed = 5, .guest_state = true, .wake_on_irq = true, .irq_check = GS_CHECK_SCHED};
    same_as_every_cycle(q, 50, 600, false, 60000);

    printf("test_guestsim: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
