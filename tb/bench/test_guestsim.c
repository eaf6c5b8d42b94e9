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

    printf("test_guestsim: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
