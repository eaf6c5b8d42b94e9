/* Unit tests of libvirq through its public API only, but for the
 * checkpoint tests, which know the layout top.c writes (and one of them
 * the state's, virq_internal.h).  Expected values come from the register
 * reference (docs/registers.md) and the timing contract
 * (docs/moderation.md), not from running the model. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq/virq.h"

#include "check.h"
#include "rng.h"
#include "virq_internal.h" /* test_checkpoint_fields only */

static uint32_t rd(virq_t *m, uint32_t addr)
{
    uint32_t v = 0xBADBADu;
    CHECK(virq_reg_read(m, addr, &v) == VIRQ_RESP_OKAY);
    return v;
}

static void test_params(void)
{
    virq_params_t p;
    char err[128];
    virq_params_default(&p);
    CHECK(p.num_vec == 32 && p.num_eq == 32 && p.num_func == 8 && p.eq_max_log2 == 16 && p.addr_w == 17);
    CHECK(virq_params_check(&p, err, sizeof err) == 0);
    p.num_vec = 0;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "num_vec") != NULL);
    CHECK(virq_create(&p) == NULL);
    p.num_vec = 65;
    CHECK(virq_params_check(&p, err, sizeof err) != 0);
    p.num_vec = 64;
    p.addr_w = 16; /* the function windows start at 0x10000 */
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "addr_w") != NULL);
    p.addr_w = 17;
    CHECK(virq_params_check(&p, err, sizeof err) == 0);
    p.num_eq = 257;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "num_eq") != NULL);
    p.num_eq = 1;
    p.num_func = 17;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "num_func") != NULL);
    p.num_func = 1;
    p.eq_max_log2 = 17;
    CHECK(virq_params_check(&p, err, sizeof err) != 0 && strstr(err, "eq_max_log2") != NULL);
    CHECK(virq_params_check(NULL, err, sizeof err) != 0);
    CHECK(strcmp(virq_version(), "0.6.0") == 0);
}

static void test_identification(void)
{
    virq_params_t p;
    virq_params_default(&p);
    p.num_vec = 7;
    p.num_eq = 12;
    p.num_func = 3;
    p.eq_max_log2 = 10;
    virq_t *m = virq_create(&p);
    CHECK(m != NULL);
    if (m == NULL)
        return;
    CHECK(rd(m, 0x000) == 0x56495251u); /* "VIRQ" */
    CHECK(rd(m, 0x004) == 0x00000600u); /* 0.6.0 */
    CHECK(rd(m, 0x008) == 0xFu);        /* moderation, event queues, routing, delivery */
    CHECK(rd(m, 0x00C) == (12u << 16 | 7u));
    CHECK(rd(m, 0x01C) == (10u << 8 | 3u));
    virq_destroy(m);
}

static void test_instances_independent(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *a = virq_create(&p), *b = virq_create(&p);
    CHECK(a != NULL && b != NULL);
    CHECK(virq_reg_write(a, 0x010, 0x11111111u) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(b, 0x010, 0x22222222u) == VIRQ_RESP_OKAY);
    CHECK(rd(a, 0x010) == 0x11111111u);
    CHECK(rd(b, 0x010) == 0x22222222u);
    virq_destroy(a);
    virq_destroy(b);
    virq_destroy(NULL);
}

static void test_refused_writes_change_nothing(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    CHECK(virq_reg_write(m, 0x100, 0x1234) == VIRQ_RESP_OKAY); /* MOD[0].LAT_IVL */
    CHECK(virq_reg_write(m, 0x100, 0x10000) == VIRQ_RESP_SLVERR);
    CHECK(rd(m, 0x100) == 0x1234);
    CHECK(virq_reg_write(m, 0x000, 1) == VIRQ_RESP_SLVERR);
    CHECK(virq_reg_write(m, 0x102, 1) == VIRQ_RESP_SLVERR);
    CHECK(virq_reg_write(m, 0x100 + 32 * 0x20, 1) == VIRQ_RESP_DECERR);
    uint32_t v = 7;
    CHECK(virq_reg_read(m, 0x0FC, &v) == VIRQ_RESP_DECERR && v == 0);
    CHECK(rd(m, 0x014) == 5);                                         /* BUS_ERR_CNT */
    CHECK(rd(m, 0x018) == ((3u << 28) | 0x0FC));                      /* last: read DECERR */
    virq_destroy(m);
}

/* One step with only events; returns the interrupt outputs of that cycle. */
static void step_evt(virq_t *m, uint64_t evt, uint64_t *guest, uint64_t *wake)
{
    virq_in_t in = {0};
    virq_out_t out;
    in.rst_ni = 1;
    in.evt_i = evt;
    virq_step(m, &in, &out);
    *guest = out.guest_irq_o;
    *wake = out.wake_irq_o;
}

/* Variant A on the zero-time helpers: tick every cycle, latency 4. */
static void test_latency_interval(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    uint64_t g, w;
    CHECK(virq_reg_write(m, 0x108, 1) == VIRQ_RESP_OKAY); /* MOD[0] guest active */
    CHECK(virq_reg_write(m, 0x100, 4) == VIRQ_RESP_OKAY); /* latency 4: counter 4 now */
    /* cycle 0..3: ticks take the counter 4 -> 0 (0 visible in cycle 4).
     * event in cycle 0 -> flag from cycle 1; fire in cycle 4; irq in 5. */
    int first = -1;
    for (int c = 0; c < 12; c++) {
        step_evt(m, c == 0 ? 1 : 0, &g, &w);
        CHECK(w == 0);
        if (g && first < 0)
            first = c;
    }
    CHECK(first == 5);
    /* Now an event: counter reloaded to 4 at the interrupt (cycle 4) and run
     * out by cycle 8, so an event in cycle 12 interrupts at once: irq 14. */
    int at = -1;
    for (int c = 12; c < 20; c++) {
        step_evt(m, c == 12 ? 1 : 0, &g, &w);
        if (g && at < 0)
            at = c;
    }
    CHECK(at == 14);
    CHECK(rd(m, 0x114) == 0x2); /* STATUS: flag clear, latency path enabled */
    virq_destroy(m);
}

/* virq_run against the timing contract (docs/moderation.md "Time base",
 * "Counters"): a TICK_DIV = D written by the helper before cycle 0 puts the
 * ticks at cycles D + k(D+1); a latency interval L written then is expired
 * from the cycle after the L-th tick; an event in cycle E sets the flag from
 * E + 1, the unit fires in the first cycle with the flag set and the
 * interval expired, and guest_irq_o is high in the cycle after. */
static uint64_t nth_tick_from(uint64_t from, unsigned d, unsigned nth)
{
    uint64_t p = (uint64_t)d + 1u, t = from + (d + p - from % p) % p; /* the first t >= from with t = D mod (D+1) */
    return t + (uint64_t)(nth - 1u) * p;
}

static void test_run_timing(unsigned d)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    const unsigned lat = 4;
    virq_in_t in = {0};
    virq_out_t out;
    CHECK(virq_reg_write(m, VIRQ_TICK_DIV_OFFSET, d) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(m, VIRQ_MOD_CTRL(0), VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(m, VIRQ_MOD_LAT_IVL(0), lat) == VIRQ_RESP_OKAY);
    in.rst_ni = 1;
    in.evt_i = 1; /* cycle 0 */
    virq_step(m, &in, &out);
    in.evt_i = 0;
    /* the L-th tick from cycle 0 ends the interval: the interrupt follows 2 cycles later */
    uint64_t irq = nth_tick_from(0, d, lat) + 2u;
    CHECK(irq == 4u * d + 5u);
    /* runs shorter than the interval end where asked, whatever the
     * prescaler's phase (lengths 1, 2, 3, ...), then one stops before the
     * interrupt's cycle */
    uint64_t n, asked = 1, short_ok = 0, short_runs = 0;
    for (; virq_cycle(m) + asked < irq; asked++, short_runs++) {
        uint64_t at0 = virq_cycle(m);
        n = virq_run(m, &in, asked, &out);
        short_ok += n == asked && virq_cycle(m) == at0 + asked && out.guest_irq_o == 0;
    }
    CHECK(short_runs >= 2 && short_ok == short_runs);
    n = virq_run(m, &in, 1u << 30, &out);
    CHECK(n == irq - (asked - 1u) * asked / 2u - 1u);
    CHECK(virq_cycle(m) == irq && out.guest_irq_o == 0 && out.wake_irq_o == 0);
    virq_step(m, &in, &out);
    CHECK(out.guest_irq_o == 1u);
    /* nothing waits for a tick: a long run is one stretch, as long as asked */
    const uint64_t far = 3000000000ull;
    uint64_t at = virq_cycle(m);
    CHECK(virq_run(m, &in, far, &out) == far);
    CHECK(virq_cycle(m) == at + far && out.guest_irq_o == 0);
    /* ... and leaves the time base where the ticks say: an event at E finds
     * the interval expired (interrupt at E + 2), restarts it in E + 1, and a
     * second event at E + 3 is signalled 2 cycles after the L-th tick from
     * E + 2 */
    uint64_t e = virq_cycle(m);
    in.evt_i = 1;
    virq_step(m, &in, &out);
    in.evt_i = 0;
    virq_step(m, &in, &out);
    CHECK(out.guest_irq_o == 0);
    virq_step(m, &in, &out);
    CHECK(out.guest_irq_o == 1u); /* E + 2 */
    in.evt_i = 1;
    virq_step(m, &in, &out); /* E + 3 */
    in.evt_i = 0;
    uint64_t irq2 = nth_tick_from(e + 2u, d, lat) + 2u;
    n = virq_run(m, &in, far, &out);
    CHECK(virq_cycle(m) == irq2 && n == irq2 - (e + 4u));
    CHECK(virq_eval(m, &in, &out) == 0 && out.guest_irq_o == 1u);
    CHECK(virq_run(m, &in, 0, &out) == 0 && out.guest_irq_o == 1u && virq_cycle(m) == irq2);
    CHECK(virq_run(NULL, &in, 5, &out) == 0 && virq_run(m, NULL, 5, &out) == 0 && virq_cycle(m) == irq2);
    virq_destroy(m);
}

/* virq_run against virq_step: two instances, the same random configuration
 * (helper writes) and the same inputs; one steps every cycle, the other
 * runs the stretches of held inputs.  Every cycle a run advanced must have
 * the outputs it reported, a run shorter than asked must stop where the
 * outputs change, and the two must stay equal (outputs, cycle count, every
 * register).  The engine is busy in random phases (events on every port,
 * random readies, bus cycles, resets) and idle in others, with moderation
 * and lease counters, write-backs and backpressure left running. */
static void rand_write(virq_t *const ms[2], rng_t *r, const virq_params_t *p)
{
    uint32_t a, v, f = rng_below(r, p->num_func), q = rng_below(r, p->num_eq), u = rng_below(r, p->num_vec);
    switch (rng_below(r, 12)) {
    case 0: a = VIRQ_MOD_LAT_IVL(u); v = rng_below(r, 12); break;
    case 1: a = VIRQ_MOD_OVF_IVL(u); v = rng_below(r, 40); break;
    case 2: a = VIRQ_MOD_CTRL(u); v = rng_below(r, 4); break;
    case 3: a = VIRQ_MOD_CMD(u); v = rng_below(r, 4); break;
    case 4: /* a queue of 4..16 entries, set up and armed */
        v = (2u + rng_below(r, 3)) | (rng_pct(r, 50) ? VIRQ_EQ_CFG_WB_EN_MASK : 0) |
            rng_below(r, 4) << VIRQ_EQ_CFG_WB_EVERY_SHIFT | f << VIRQ_EQ_CFG_FUNC_SHIFT | u << VIRQ_EQ_CFG_VEC_SHIFT |
            (rng_pct(r, 15) ? VIRQ_EQ_CFG_LEGACY_MASK : 0);
        for (int k = 0; k < 2; k++) {
            virq_reg_write(ms[k], VIRQ_EQ_BASE_LO(q), 0x10000u * (q + 1u));
            virq_reg_write(ms[k], VIRQ_EQ_WB_LO(q), 0x8000u + 8u * q);
            virq_reg_write(ms[k], VIRQ_EQ_CFG(q), v);
        }
        a = VIRQ_EQ_CMD(q);
        v = VIRQ_EQ_CMD_INIT_MASK;
        break;
    case 5: /* a doorbell: hand back, arm */
        a = VIRQ_EQ_DB_DB(f);
        v = rng_below(r, 16) | q << VIRQ_EQ_DB_DB_EQ_SHIFT | (uint32_t)rng_below(r, 8) << VIRQ_EQ_DB_DB_VALID_SHIFT;
        break;
    case 6: a = VIRQ_VEC_HOME(u); v = f; break;
    case 7: a = VIRQ_VEC_LEASE(u); v = (1u + rng_below(r, 20)) | f << VIRQ_VEC_LEASE_TO_SHIFT; break;
    case 8: a = VIRQ_FN_WIN_BASE + 0x1000u * f + VIRQ_FN_MSIX_CTRL_OFFSET; v = rng_below(r, 4); break;
    case 9:
        a = VIRQ_FN_WIN_BASE + 0x1000u * f + VIRQ_FN_MSIX_VCTRL(u);
        v = rng_below(r, 2);
        for (int k = 0; k < 2; k++)
            virq_reg_write(ms[k], VIRQ_FN_WIN_BASE + 0x1000u * f + VIRQ_FN_MSIX_DATA(u), u);
        break;
    case 10: a = VIRQ_FN_WIN_BASE + 0x1000u * f + VIRQ_FN_INTX_CTRL_OFFSET; v = rng_below(r, 2); break;
    default: /* anywhere */
        a = (p->addr_w >= 32 ? (uint32_t)rng_next(r) : rng_below(r, 1u << p->addr_w)) & ~3u;
        v = (uint32_t)rng_next(r);
        break;
    }
    for (int k = 0; k < 2; k++)
        virq_reg_write(ms[k], a, v);
}

static void rand_inputs(virq_in_t *in, rng_t *r, const virq_params_t *p, bool idle)
{
    memset(in, 0, sizeof *in);
    in->rst_ni = !rng_pct(r, idle ? 2 : 1);
    in->m_dma_ready_i = rng_pct(r, 80);
    in->m_msi_ready_i = rng_pct(r, 80);
    in->s_axil_bready_i = rng_pct(r, 80);
    in->s_axil_rready_i = rng_pct(r, 80);
    if (rng_pct(r, idle ? 5 : 40)) { /* an event offer (held: backpressure, or one per cycle) */
        in->s_evt_valid_i = 1;
        in->s_evt_func_i = rng_below(r, p->num_func + 1u);
        in->s_evt_eq_i = rng_below(r, p->num_eq + 1u);
        in->s_evt_code_i = rng_below(r, 256);
        in->s_evt_param_i = rng_below(r, 1u << 24);
        in->s_evt_htype_i = rng_below(r, 8);
        for (unsigned b = 0; b < sizeof in->s_evt_tuple_i; b++)
            in->s_evt_tuple_i[b] = (uint8_t)rng_next(r);
    }
    if (rng_pct(r, idle ? 3 : 20))
        in->evt_i = rng_next(r) & rng_next(r) & ((p->num_vec >= 64 ? 0 : 1ull << p->num_vec) - 1u);
    if (rng_pct(r, idle ? 2 : 10))
        in->gev_i = rng_below(r, 16);
    if (rng_pct(r, idle ? 2 : 10)) { /* a bus access (random address: many refused) */
        in->s_axil_awvalid_i = in->s_axil_wvalid_i = rng_pct(r, 50);
        in->s_axil_arvalid_i = rng_pct(r, 50);
        in->s_axil_awaddr_i = rng_below(r, 0x2000) & ~3u;
        in->s_axil_araddr_i = rng_below(r, 0x2000) & ~3u;
        in->s_axil_wdata_i = (uint32_t)rng_next(r);
        in->s_axil_wstrb_i = rng_pct(r, 90) ? 0xFu : rng_below(r, 16);
    }
}

/* Every register of a and b equal?  Each is read once, whatever the
 * answer (a refused read counts in the instance's error registers, so the
 * reads made in a must not depend on b). */
static int same_registers(virq_t *a, virq_t *b, const virq_params_t *p)
{
    int same = 1;
    for (uint32_t addr = 0; addr < 0x8000u; addr += 4) { /* the PF window */
        uint32_t x = 0, y = 0;
        if (virq_reg_read(a, addr, &x) != virq_reg_read(b, addr, &y) || x != y)
            same = 0;
    }
    for (uint32_t f = 0; f < p->num_func; f++)
        for (uint32_t o = 0; o < 0x1000u; o += 4) {
            uint32_t x = 0, y = 0, addr = VIRQ_FN_WIN_BASE + 0x1000u * f + o;
            if (virq_reg_read(a, addr, &x) != virq_reg_read(b, addr, &y) || x != y)
                same = 0;
        }
    return same;
}

static void test_run_matches_step(const virq_params_t *p, uint64_t seed)
{
    rng_t r = {seed};
    virq_t *a = virq_create(p), *b = virq_create(p);
    virq_t *const ms[2] = {a, b};
    unsigned bad_out = 0, bad_stop = 0, runs = 0, short_runs = 0;
    uint64_t advanced = 0;
    CHECK(a != NULL && b != NULL);
    if (a == NULL || b == NULL)
        return;
    static const unsigned divs[] = {0, 1, 2, 5, 24, 249};
    for (int k = 0; k < 2; k++)
        virq_reg_write(ms[k], VIRQ_TICK_DIV_OFFSET, divs[seed % 6]);
    for (unsigned i = 0; i < 40; i++)
        rand_write(ms, &r, p);
    for (unsigned phase = 0; phase < 300; phase++) {
        virq_in_t in;
        virq_out_t oa, ob;
        for (unsigned i = rng_below(&r, 3); i > 0; i--)
            rand_write(ms, &r, p);
        for (unsigned c = rng_below(&r, 60); c > 0; c--) { /* busy */
            rand_inputs(&in, &r, p, false);
            virq_step(a, &in, &oa);
            virq_step(b, &in, &ob);
            bad_out += memcmp(&oa, &ob, sizeof oa) != 0;
        }
        rand_inputs(&in, &r, p, true); /* held */
        uint64_t left = rng_pct(&r, 10) ? 20000u : rng_below(&r, 3000);
        while (left > 0) {
            uint64_t n = virq_run(b, &in, left, &ob);
            runs++;
            bad_stop += n > left;
            if (n > left)
                break;
            advanced += n;
            for (uint64_t i = 0; i < n; i++) {
                virq_step(a, &in, &oa);
                bad_out += memcmp(&oa, &ob, sizeof oa) != 0;
            }
            left -= n;
            if (left > 0) { /* stopped early: the next cycle's outputs differ */
                short_runs++;
                virq_eval(a, &in, &oa);
                bad_stop += n == 0 || memcmp(&oa, &ob, sizeof oa) == 0;
                virq_step(a, &in, &oa); /* and both take that cycle */
                virq_step(b, &in, &ob);
                bad_out += memcmp(&oa, &ob, sizeof oa) != 0;
                left--;
            }
        }
        bad_out += virq_cycle(a) != virq_cycle(b);
        if (phase % 50 == 49 && !same_registers(a, b, p))
            bad_out++;
        if (bad_out + bad_stop != 0)
            break;
    }
    if (bad_out + bad_stop != 0)
        fprintf(stderr, "test_run_matches_step: seed %llu: %u output and %u stop mismatches at cycle %llu\n",
                (unsigned long long)seed, bad_out, bad_stop, (unsigned long long)virq_cycle(a));
    CHECK(bad_out == 0);
    CHECK(bad_stop == 0);
    CHECK(same_registers(a, b, p));
    /* the runs did stop on output changes and did cover long stretches */
    CHECK(short_runs > 50 && advanced > 100000u);
    printf("run vs step, seed %llu: %u runs (%u stopped by an output change), %llu cycles, TICK_DIV %u\n",
           (unsigned long long)seed, runs, short_runs, (unsigned long long)advanced, divs[seed % 6]);
    virq_destroy(a);
    virq_destroy(b);
}

/* Random route tables (PRS, MVM, FUNC[].RSS_CFG, FUNC[].DEF), which
 * rand_write leaves at reset values (and rst_ni low clears), a random
 * key and RSS on for random hash types, alike in both of ms */
static void rand_tables(virq_t *const ms[2], uint64_t seed, const virq_params_t *p)
{
    for (int k = 0; k < 2; k++) {
        rng_t rr = {seed};
        for (uint32_t i = 0; i < p->num_prs; i++)
            virq_reg_write(ms[k], VIRQ_PRS_ENTRY(i),
                           rng_below(&rr, p->num_cpu) | rng_below(&rr, p->num_eq) << VIRQ_PRS_ENTRY_EQ_SHIFT);
        for (uint32_t i = 0; i < p->num_func * p->num_cpu; i++)
            virq_reg_write(ms[k], VIRQ_MVM_ENTRY(i),
                           rng_below(&rr, p->num_eq) | rng_below(&rr, p->num_vec) << VIRQ_MVM_ENTRY_VEC_SHIFT |
                               (rng_pct(&rr, 80) ? VIRQ_MVM_ENTRY_VEC_VALID_MASK : 0));
        for (uint32_t f = 0; f < p->num_func; f++) {
            virq_reg_write(ms[k], VIRQ_FUNC_RSS_CFG(f), rng_below(&rr, p->num_prs) << VIRQ_FUNC_RSS_CFG_BASE_SHIFT);
            virq_reg_write(ms[k], VIRQ_FUNC_DEF(f),
                           rng_below(&rr, p->num_cpu) | rng_below(&rr, p->num_eq) << VIRQ_FUNC_DEF_EQ_SHIFT);
        }
        for (uint32_t i = 0; i < 10; i++)
            virq_reg_write(ms[k], VIRQ_RSS_KEY_KEY(i), (uint32_t)rng_next(&rr));
        virq_reg_write(ms[k], VIRQ_RSS_CMD_OFFSET, VIRQ_RSS_CMD_COMMIT_MASK);
        virq_reg_write(ms[k], VIRQ_RSS_CTRL_OFFSET,
                       rng_below(&rr, 64) | (rng_pct(&rr, 30) ? VIRQ_RSS_CTRL_MVM_MODE_MASK : 0));
    }
}

/* 20 000 cycles of random inputs (no reset) into ms[0], with a random register write
 * into both of ms every 500; with diff, ms[1] takes the same inputs and
 * *diff counts the cycles whose outputs differ.  Returns a digest of
 * ms[0]'s outputs. */
static uint64_t random_cycles(virq_t *const ms[2], rng_t *r, const virq_params_t *p, unsigned *diff)
{
    virq_in_t in;
    virq_out_t oa, ob;
    uint64_t trace = 0;
    for (unsigned c = 0; c < 20000; c++) {
        if (c % 500 == 0)
            rand_write(ms, r, p);
        rand_inputs(&in, r, p, c % 1000 > 600);
        in.rst_ni = 1; /* a reset would wipe what the checkpoint carried */
        virq_step(ms[0], &in, &oa);
        if (diff != NULL) {
            virq_step(ms[1], &in, &ob);
            *diff += memcmp(&oa, &ob, sizeof oa) != 0;
        }
        trace = trace * 31u + oa.m_dma_addr_o + oa.guest_irq_o + oa.m_msi_data_o + oa.s_axil_rdata_o;
    }
    return trace;
}

/* A checkpoint's layout as top.c writes it: the header ends with the
 * parameters and the body's FNV-1a sum, the body starts with struct virq,
 * whose first member is the parameters.  ckpt_body: the body's offset in
 * ck (0 if that layout is not found); ckpt_resum: the header's sum made to
 * fit a changed body. */
static size_t ckpt_body(const unsigned char *ck, size_t need, const virq_params_t *p)
{
    size_t hp = 0;
    bool seen = false;
    for (size_t i = 0; i + sizeof *p <= need; i++) {
        if (memcmp(ck + i, p, sizeof *p) != 0)
            continue;
        if (seen)
            return i == hp + sizeof *p + 4 ? i : 0;
        hp = i;
        seen = true;
    }
    return 0;
}

static void ckpt_resum(unsigned char *ck, size_t need, size_t body)
{
    uint32_t h = 2166136261u;
    for (size_t i = body; i < need; i++)
        h = (h ^ ck[i]) * 16777619u;
    memcpy(ck + body - 4, &h, 4);
}

/* Checkpoints: a state saved in the middle of a random run (queues,
 * leases, counters, events in the pipeline, a bus access under way) and
 * restored into a fresh instance, or into the same one after it went on
 * (a rewind), goes on as the saved instance does; a checkpoint of other
 * parameters, a damaged or cut one is refused and changes nothing. */
static void test_checkpoint(const virq_params_t *p, uint64_t seed)
{
    rng_t r = {seed};
    virq_t *a = virq_create(p), *b = virq_create(p);
    virq_t *const ms[2] = {a, b};
    virq_in_t in;
    virq_out_t oa, ob;
    CHECK(a != NULL && b != NULL);
    if (a == NULL || b == NULL)
        return;
    for (int k = 0; k < 2; k++)
        virq_reg_write(ms[k], VIRQ_TICK_DIV_OFFSET, 2);
    for (unsigned i = 0; i < 60; i++)
        rand_write(ms, &r, p);
    virq_t *d = virq_create(p); /* takes the writes meant for a alone */
    virq_t *const only_a[2] = {a, d};
    CHECK(d != NULL);
    if (d == NULL)
        return;
    /* b has a snapshot buffer of its own (virq_run), a one too */
    memset(&in, 0, sizeof in);
    in.rst_ni = 1;
    CHECK(virq_run(b, &in, 0, &ob) == 0);
    for (unsigned c = 0; c < 5000; c++) { /* a alone: b stays as configured */
        if (c % 100 == 0)
            rand_write(only_a, &r, p);
        rand_inputs(&in, &r, p, c % 1000 > 700);
        if (c % 7 == 0)
            virq_run(a, &in, 1, &oa);
        else
            virq_step(a, &in, &oa);
    }
    /* the route arrays written last: a's differ from b's, so a
     * checkpoint that left one out shows */
    rand_tables(only_a, seed + 100, p);
    CHECK(!same_registers(a, b, p));
    size_t need = virq_save(a, NULL, 0);
    CHECK(need > 1000 && virq_save(NULL, NULL, 0) == 0);
    unsigned char *ck = malloc(need + 1), *bad = malloc(need + 1);
    CHECK(ck != NULL && bad != NULL);
    if (ck == NULL || bad == NULL)
        return;
    memset(ck, 0x5A, need + 1);
    CHECK(virq_save(a, ck, need - 1) == need && ck[0] == 0x5A); /* too small: nothing written */
    CHECK(virq_save(a, ck, need) == need && ck[need] == 0x5A);
    /* refusals change nothing in b (its cycle count, a register) */
    uint64_t bcyc = virq_cycle(b);
    uint32_t s0 = rd(b, VIRQ_SCRATCH_OFFSET);
    CHECK(virq_restore(b, ck, need - 1) == -1 && errno == EINVAL);
    CHECK(virq_restore(b, ck, need + 1) == -1 && errno == EINVAL);
    CHECK(virq_restore(b, NULL, need) == -1 && virq_restore(NULL, ck, need) == -1);
    for (size_t at = 0; at < need; at += need / 7 + 1) { /* one damaged byte anywhere */
        memcpy(bad, ck, need);
        bad[at] ^= 0x10;
        CHECK(virq_restore(b, bad, need) == -1 && errno == EINVAL);
    }
    virq_params_t other = *p;
    other.num_eq = p->num_eq > 1 ? p->num_eq - 1 : 2;
    virq_t *o = virq_create(&other);
    CHECK(o != NULL && virq_restore(o, ck, need) == -1 && virq_cycle(o) == 0);
    virq_destroy(o);
    /* other parameters whose checkpoint has the same size (a vector fewer,
     * PRS entries more): refused all the same */
    unsigned same_size = 0;
    for (unsigned k = 1; k <= 64 && same_size == 0; k++) {
        other = *p;
        other.num_vec = p->num_vec - 1;
        other.num_prs = p->num_prs + k;
        o = virq_create(&other);
        if (o != NULL && virq_save(o, NULL, 0) == need) {
            same_size++;
            CHECK(virq_restore(o, ck, need) == -1 && errno == EINVAL && virq_cycle(o) == 0);
        }
        virq_destroy(o);
    }
    CHECK(same_size == 1);
    /* a body that names other parameters than its header (the header's sum
     * made to fit: a checkpoint put together by hand or by another build):
     * refused, not taken as b's parameters (the arrays would be copied at
     * the body's sizes) */
    {
        size_t body = ckpt_body(ck, need, p);
        CHECK(body != 0);
        if (body != 0) {
            memcpy(bad, ck, need);
            virq_params_t q = *p;
            q.num_eq = p->num_eq < 256 ? 256 : 1;
            memcpy(bad + body, &q, sizeof q);
            ckpt_resum(bad, need, body);
            CHECK(virq_restore(b, bad, need) == -1 && errno == EINVAL);
            CHECK(virq_params(b)->num_eq == p->num_eq);
        }
    }
    CHECK(virq_cycle(b) == bcyc && rd(b, VIRQ_SCRATCH_OFFSET) == s0);
    /* restored: b goes on as a does */
    CHECK(virq_restore(b, ck, need) == 0 && virq_cycle(b) == virq_cycle(a));
    CHECK(same_registers(a, b, p));
    free(bad);
    rng_t r2 = r;
    unsigned diff = 0;
    uint64_t trace = random_cycles(ms, &r, p, &diff);
    CHECK(diff == 0 && same_registers(a, b, p));
    /* virq_run on both, held idle inputs: the same stretches skipped */
    memset(&in, 0, sizeof in);
    in.rst_ni = in.m_dma_ready_i = in.m_msi_ready_i = in.s_axil_bready_i = in.s_axil_rready_i = 1;
    for (unsigned k = 0; k < 50; k++) {
        uint64_t na = virq_run(a, &in, 5000, &oa), nb = virq_run(b, &in, 5000, &ob);
        diff += na != nb || memcmp(&oa, &ob, sizeof oa) != 0 || virq_cycle(a) != virq_cycle(b);
    }
    CHECK(diff == 0 && same_registers(a, b, p));
    /* a rewind: a back to the checkpoint, the same reads (same_registers
     * counts a's refused ones in a's error registers), inputs and writes
     * again: the same outputs */
    CHECK(virq_restore(a, ck, need) == 0);
    (void)same_registers(a, d, p);
    CHECK(random_cycles(only_a, &r2, p, NULL) == trace);
    free(ck);
    virq_destroy(a);
    virq_destroy(b);
    virq_destroy(d);
}

/* Genuine checkpoints: a random run of ms[0] (random writes into both,
 * random route tables, a reset every 5 000 cycles, not every 100), its
 * checkpoint every 250 cycles restored into ms[1]: each must be taken.
 * busiest (NULL, or the checkpoint's size): the checkpoint taken when
 * most outputs were busy. */
static void genuine_checkpoints(virq_t *const ms[2], rng_t *r, const virq_params_t *p, uint64_t seed,
                                unsigned char *busiest)
{
    size_t need = virq_save(ms[0], NULL, 0);
    unsigned char *ck = malloc(need);
    CHECK(ck != NULL);
    if (ck == NULL)
        return;
    virq_reg_write(ms[0], VIRQ_TICK_DIV_OFFSET, 3);
    for (unsigned i = 0; i < 60; i++)
        rand_write(ms, r, p);
    rand_tables(ms, seed, p);
    virq_in_t in;
    virq_out_t out;
    unsigned genuine = 0, taken = 0, best = 0;
    for (unsigned cyc = 0; cyc < 30000; cyc++) {
        if (cyc % 400 == 0)
            rand_write(ms, r, p);
        if (cyc % 5000 == 2501) /* after the reset below (its edge is the next cycle's) */
            rand_tables(ms, seed + cyc, p);
        rand_inputs(&in, r, p, cyc % 1000 > 600);
        in.rst_ni = cyc % 5000 != 2499;
        virq_step(ms[0], &in, &out);
        if (cyc % 250 == 249) {
            genuine++;
            taken += virq_save(ms[0], ck, need) == need && virq_restore(ms[1], ck, need) == 0;
            unsigned busy = 1u + (unsigned)out.m_dma_valid_o + (unsigned)out.m_msi_valid_o +
                            (unsigned)out.s_axil_bvalid_o + (unsigned)out.s_axil_rvalid_o +
                            (unsigned)!out.s_evt_ready_o + (out.guest_irq_o != 0) + (out.wake_irq_o != 0);
            if (busy > best && busiest != NULL) {
                memcpy(busiest, ck, need);
                best = busy;
            }
        }
    }
    CHECK(genuine == 120 && taken == genuine);
    CHECK(busiest == NULL || best >= 3); /* two outputs busy at least */
    if (taken != genuine)
        fprintf(stderr, "genuine checkpoints: %u of %u refused (NUM_VEC %u NUM_EQ %u NUM_FUNC %u)\n",
                genuine - taken, genuine, p->num_vec, p->num_eq, p->num_func);
    free(ck);
}

/* Checkpoints made up, as a simulator's user might by hand or another
 * program by mistake: any byte of a checkpoint's state changed, the sum
 * made to fit.  virq_restore refuses it, and the instance's own
 * checkpoint is the same byte for byte after the refusal, or it takes a
 * state the engine can run from: random inputs, a virq_run and, every
 * sixteenth time, every register read, which build/asan/test_model runs under
 * ASan and UBSan (an index out of its array, a bool that is not 0 or 1, a
 * shift past its width stop it).  Every byte of the state is changed, to
 * 0xFF and to a random other value, in the busiest of the genuine
 * checkpoints and in one built to be busy. */
static void test_checkpoint_made_up(const virq_params_t *p, uint64_t seed)
{
    rng_t r = {seed};
    virq_t *a = virq_create(p), *c = virq_create(p);
    virq_t *const ms[2] = {a, c};
    CHECK(a != NULL && c != NULL);
    if (a == NULL || c == NULL)
        return;
    size_t need = virq_save(a, NULL, 0);
    unsigned char *base[2] = {malloc(need), malloc(need)}, *bad = malloc(need), *before = malloc(need),
                  *after = malloc(need);
    CHECK(base[0] != NULL && base[1] != NULL && bad != NULL && before != NULL && after != NULL);
    if (base[0] == NULL || base[1] == NULL || bad == NULL || before == NULL || after == NULL)
        return;
    genuine_checkpoints(ms, &r, p, seed, base[1]);
    virq_in_t in;
    virq_out_t out;
    /* base[0]: hashed events in every stage of the route pipeline, held
     * there by a DMA request the host does not take, moderation events,
     * a bus write and a read under way */
    virq_reg_write(a, VIRQ_RSS_CTRL_OFFSET, VIRQ_RSS_CTRL_HTYPE_EN_MASK);
    virq_reg_write(a, VIRQ_EQ_CMD(0), VIRQ_EQ_CMD_DISABLE_MASK); /* queue 0 takes the reports of refusals */
    virq_reg_write(a, VIRQ_EQ_BASE_LO(0), 0x40000u);
    virq_reg_write(a, VIRQ_EQ_CFG(0), 4u << VIRQ_EQ_CFG_LOG2_SIZE_SHIFT);
    virq_reg_write(a, VIRQ_EQ_CMD(0), VIRQ_EQ_CMD_INIT_MASK);
    for (unsigned cyc = 0; cyc < 16; cyc++) {
        rand_inputs(&in, &r, p, false);
        in.rst_ni = 1;
        in.s_evt_valid_i = 1;
        in.s_evt_func_i = rng_below(&r, p->num_func);
        in.s_evt_eq_i = rng_below(&r, p->num_eq);
        in.s_evt_code_i = 1u + rng_below(&r, 100);
        in.s_evt_htype_i = 1u + rng_below(&r, 6);
        in.m_dma_ready_i = 0;
        in.gev_i = cyc == 0;
        in.s_axil_awvalid_i = in.s_axil_wvalid_i = in.s_axil_arvalid_i = cyc == 14;
        in.s_axil_awaddr_i = VIRQ_MOD_LAT_IVL(rng_below(&r, p->num_vec));
        in.s_axil_wdata_i = rng_below(&r, 30);
        in.s_axil_wstrb_i = 0xFu;
        in.s_axil_araddr_i = VIRQ_EQ_IDX(rng_below(&r, p->num_eq));
        virq_step(a, &in, &out);
    }
    CHECK(out.m_dma_valid_o && !out.s_evt_ready_o && virq_save(a, base[0], need) == need);
    size_t body = ckpt_body(base[0], need, p);
    CHECK(body != 0);
    /* each byte of the state in turn set to 0xFF (an index past any
     * array, a bool that is not one) in base[0], then to a random other
     * value in base[1] */
    unsigned refused = 0, accepted = 0, unchanged = 0, saved = 0;
    for (size_t k = 0; body != 0 && k < 2 * (need - body); k++) {
        size_t at = body + k / 2;
        const unsigned char *ck = base[k % 2];
        memcpy(bad, ck, need);
        bad[at] = k % 2 == 0 ? 0xFFu : (unsigned char)(ck[at] ^ (1u + rng_below(&r, 255)));
        if (bad[at] == ck[at])
            continue;
        ckpt_resum(bad, need, body);
        saved += virq_save(c, before, need) == need;
        if (virq_restore(c, bad, need) != 0) {
            refused++;
            unchanged += errno == EINVAL && virq_save(c, after, need) == need && memcmp(before, after, need) == 0;
            continue;
        }
        accepted++;
        for (unsigned cyc = 0; cyc < 200; cyc++) {
            rand_inputs(&in, &r, p, cyc > 100);
            in.rst_ni = 1;
            virq_step(c, &in, &out);
        }
        memset(&in, 0, sizeof in);
        in.rst_ni = in.m_dma_ready_i = in.m_msi_ready_i = in.s_axil_bready_i = in.s_axil_rready_i = 1;
        (void)virq_run(c, &in, 100000, &out);
        if (accepted % 16 == 0)
            (void)same_registers(c, a, p);
    }
    CHECK(saved == refused + accepted && refused == unchanged);
    CHECK(refused > 100 && accepted > 100);
    printf("made-up checkpoints: %u changed: %u refused, %u taken and run\n", refused + accepted, refused,
           accepted);
    free(base[0]);
    free(base[1]);
    free(bad);
    free(before);
    free(after);
    virq_destroy(a);
    virq_destroy(c);
}

/* One field of a genuine checkpoint's state set to a value the engine's
 * registers cannot hold there (the sum made to fit): each is refused.  Most
 * would not crash the model (test_checkpoint_made_up finds those that
 * would); they are states no run reaches, which a restore must not take
 * either.  The same field written back with its own value is taken. */
static void test_checkpoint_fields(const virq_params_t *p, uint64_t seed)
{
    rng_t r = {seed};
    virq_t *a = virq_create(p), *c = virq_create(p);
    virq_t *const ms[2] = {a, c};
    size_t need = virq_save(a, NULL, 0);
    unsigned char *ck = malloc(need), *bad = malloc(need);
    CHECK(a != NULL && c != NULL && ck != NULL && bad != NULL);
    if (a == NULL || c == NULL || ck == NULL || bad == NULL)
        return;
    for (unsigned i = 0; i < 60; i++)
        rand_write(ms, &r, p);
    rand_tables(ms, seed, p);
    virq_in_t in;
    virq_out_t out;
    for (unsigned cyc = 0; cyc < 3000; cyc++) {
        rand_inputs(&in, &r, p, false);
        in.rst_ni = 1;
        virq_step(a, &in, &out);
    }
    CHECK(virq_save(a, ck, need) == need);
    size_t body = ckpt_body(ck, need, p);
    CHECK(body != 0);
    if (body == 0)
        return;
    struct virq t0;
    memcpy(&t0, ck + body, sizeof t0);
    /* the arrays after struct virq, in top.c's order */
    size_t o_units = body + sizeof t0, o_ctx = o_units + p->num_vec * sizeof(mod_unit_q_t),
           o_prs = o_ctx + p->num_eq * sizeof(eq_ctx_t), o_mvm = o_prs + p->num_prs * sizeof(uint16_t),
           o_fcfg = o_mvm + p->num_func * p->num_cpu * sizeof(uint32_t);
    mod_unit_q_t u0;
    memcpy(&u0, ck + o_units, sizeof u0);
    eq_ctx_t x1;
    memcpy(&x1, ck + o_ctx + (p->num_eq > 1 ? sizeof x1 : 0), sizeof x1);
    unsigned cases = 0, refused = 0;
    /* edit: a statement on t (struct virq), u (unit 0), x (queue
     * min(1, NUM_EQ - 1)'s context) or the bytes of bad */
#define EDIT(stmt)                                                                                                     \
    do {                                                                                                               \
        struct virq t = t0;                                                                                            \
        mod_unit_q_t u = u0;                                                                                           \
        eq_ctx_t x = x1;                                                                                               \
        memcpy(bad, ck, need);                                                                                         \
        stmt;                                                                                                          \
        memcpy(bad + body, &t, sizeof t);                                                                              \
        memcpy(bad + o_units, &u, sizeof u);                                                                           \
        memcpy(bad + o_ctx + (p->num_eq > 1 ? sizeof x : 0), &x, sizeof x);                                           \
        ckpt_resum(bad, need, body);                                                                                   \
        cases++;                                                                                                       \
        refused += virq_restore(c, bad, need) == -1 && errno == EINVAL;                                                \
    } while (0)
    EDIT(t.u_busy ^= 1u);                                 /* the derived masks are the units' */
    EDIT(t.u_fire ^= 1u << (p->num_vec - 1));
    EDIT(u.lat_ivl = 5; u.lat_cnt = 6);                   /* a counter past its interval */
    EDIT(u.guest_irq = u.wake_irq = true);                /* both interrupts at once */
    EDIT(t.tick.div = 3; t.tick.cnt = 4);                 /* the prescaler past DIV */
    EDIT(t.mx.lcnt[0] = 0; t.mx.own[0] = (uint8_t)(p->num_func > 1 && t.mx.home[0] == 0)); /* a lease without a count */
    EDIT(t.mx.home[0] = t.mx.own[0] = (uint8_t)p->num_func; t.mx.lcnt[0] = 0); /* a function the instance lacks */
    EDIT(t.mx.alo[63] = p->num_vec < 64 ? 4u : 1u);       /* a vector beyond the instance, or bits 1:0 */
    EDIT(t.mx.intx_en = 0);                               /* INTx enables beyond the functions */
    EDIT(t.mx.rr = (unsigned)p->num_vec);
    EDIT(t.mx.ap_ok = true; t.mx.ap_addr = VIRQ_VEC_HOME(0); t.mx.ap_data = p->num_func); /* a write waiting for the
                                                                                          next edge, of a function too many */
    EDIT(x.st = EQ_ST_UNARM; x.log2 = 1; x.wi = 2; x.ri = 0); /* an initialized queue's index past its size */
    EDIT(x.func = (uint8_t)p->num_func);                  /* a queue of a function the instance lacks */
    EDIT(x.vec = (uint8_t)p->num_vec);
    EDIT(x.log2 = (uint8_t)(p->eq_max_log2 + 1u));
    EDIT(x.st = 3);
    EDIT(x.blo |= 2u);
    EDIT(t.eq.wb_pick = p->num_eq);
    EDIT(t.eq.out_eq = p->num_eq);
    EDIT(t.rt.i_idx = (uint16_t)p->num_prs);
    EDIT(t.rt.p_cpu = (uint8_t)p->num_cpu);
    EDIT(t.rt.p.kind = 4);
    EDIT(t.rt.s1.kind = RT_HASHED; t.rt.s1.func = 0; t.rt.s1.htype = 0); /* hashed without a hash type */
    EDIT(t.rt.w.vec = (uint8_t)p->num_vec);
    EDIT(t.rt.ctrl |= 0x80u);                             /* RSS_CTRL's reserved bits */
    EDIT(t.rt.last_info |= 0x8u);                         /* RSS_LAST_INFO's */
    EDIT(t.modw.idx = p->num_vec);
    EDIT(t.modw.wr.lat_ivl = t.modw.wr.cmd = true);       /* two unit registers in one write */
    EDIT(t.axil.bresp = 4);
    EDIT(t.axil.wq_addr = 1u << p->addr_w);               /* past the address width */
    EDIT(t.errp.w.on = t.errp.w.fn = true; t.errp.w.f = p->num_func);
    EDIT(t.err_info = 0x01000000u);                       /* BUS_ERR_INFO's reserved bits */
    if (p->num_vec < 64)
        EDIT(t.fire_q = 1ull << p->num_vec);              /* a vector beyond the instance */
    if (p->num_func > 1 && p->num_eq > 1) { /* queue 0 given to a VF */
        eq_ctx_t x0;
        memcpy(&x0, ck + o_ctx, sizeof x0);
        x0.func = 1;
        EDIT(memcpy(bad + o_ctx, &x0, sizeof x0));
    }
    {
        uint16_t e = (uint16_t)(p->num_eq << VIRQ_PRS_ENTRY_EQ_SHIFT); /* a PRS entry naming a queue too many */
        EDIT(memcpy(bad + o_prs, &e, sizeof e));
        uint32_t f = p->num_prs; /* FUNC[0].RSS_CFG: BASE 0, MASK past the table */
        EDIT(memcpy(bad + o_fcfg, &f, sizeof f));
    }
    bool bad_bool = false;
    EDIT(memset((unsigned char *)&t.rt.k_full, 2, 1); bad_bool = true); /* a bool that is not one */
    CHECK(bad_bool && refused == cases);
    EDIT((void)0); /* nothing changed: taken */
    CHECK(refused == cases - 1 && virq_cycle(c) == virq_cycle(a));
#undef EDIT
    printf("checkpoint fields: %u made-up values refused\n", refused);
    free(ck);
    free(bad);
    virq_destroy(a);
    virq_destroy(c);
}

/* A bus write of VEC[v] is applied one edge after its check; a zero-time
 * helper write of the vector's other VEC register in between leaves a lease
 * counting with the owner the home (the helper moves the home to the
 * lease's function, or grants a lease the bus write's new home then
 * meets).  The instance's checkpoint is taken, and stays taken as the lease
 * runs out. */
static void test_checkpoint_helper_race(void)
{
    virq_params_t p;
    virq_params_default(&p);
    static const uint32_t ops[2][4] = {
        /* bus address, data; helper address, data */
        {VIRQ_VEC_LEASE(0), 1u << VIRQ_VEC_LEASE_TO_SHIFT | 100u, VIRQ_VEC_HOME(0), 1u},
        {VIRQ_VEC_HOME(0), 2u, VIRQ_VEC_LEASE(0), 1u << VIRQ_VEC_LEASE_TO_SHIFT | 100u},
    };
    for (unsigned k = 0; k < 2; k++) {
        virq_t *a = virq_create(&p), *c = virq_create(&p);
        size_t need = virq_save(a, NULL, 0);
        unsigned char *ck = malloc(need);
        CHECK(a != NULL && c != NULL && ck != NULL);
        if (a == NULL || c == NULL || ck == NULL)
            return;
        virq_in_t in;
        virq_out_t out;
        memset(&in, 0, sizeof in);
        in.rst_ni = in.s_axil_bready_i = 1;
        in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
        in.s_axil_awaddr_i = ops[k][0];
        in.s_axil_wdata_i = ops[k][1];
        in.s_axil_wstrb_i = 0xF;
        virq_step(a, &in, &out); /* the handshake */
        CHECK(out.s_axil_awready_o == 1);
        in.s_axil_awvalid_i = in.s_axil_wvalid_i = 0;
        virq_step(a, &in, &out); /* the decision: applied at the next edge */
        CHECK(virq_reg_write(a, ops[k][2], ops[k][3]) == VIRQ_RESP_OKAY);
        virq_step(a, &in, &out);
        CHECK(out.s_axil_bvalid_o == 1 && out.s_axil_bresp_o == VIRQ_RESP_OKAY);
        uint32_t home = 0, lease = 0;
        virq_reg_read(a, VIRQ_VEC_HOME(0), &home);
        virq_reg_read(a, VIRQ_VEC_LEASE(0), &lease);
        CHECK((lease & 0xFFFFu) != 0 && lease >> VIRQ_VEC_LEASE_TO_SHIFT == home); /* counting, owner the home */
        unsigned taken = 0;
        for (unsigned i = 0; i < 4; i++) {
            taken += virq_save(a, ck, need) == need && virq_restore(c, ck, need) == 0;
            for (unsigned j = 0; j < 40; j++)
                virq_step(a, &in, &out);
        }
        CHECK(taken == 4);
        free(ck);
        virq_destroy(a);
        virq_destroy(c);
    }
}

/* The zero-time helpers and the bus reach the same state: configure one
 * instance through virq_reg_write and another through AXI cycles, then feed
 * both the same events; they must interrupt identically. */
static void test_helper_matches_bus(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *a = virq_create(&p), *b = virq_create(&p);
    static const uint32_t cfg[][2] = {{0x020, 2}, {0x100 + 3 * 0x20, 7}, {0x104 + 3 * 0x20, 30}, {0x108 + 3 * 0x20, 1}};
    for (unsigned i = 0; i < 4; i++) {
        CHECK(virq_reg_write(a, cfg[i][0], cfg[i][1]) == VIRQ_RESP_OKAY);
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
        in.s_axil_awaddr_i = cfg[i][0];
        in.s_axil_wdata_i = cfg[i][1];
        in.s_axil_wstrb_i = 0xF;
        in.s_axil_bready_i = 1;
        virq_step(b, &in, &out);
        CHECK(out.s_axil_awready_o == 1);
        memset(&in, 0, sizeof in);
        in.rst_ni = 1;
        in.s_axil_bready_i = 1;
        virq_step(b, &in, &out); /* the decision cycle: B not yet valid */
        CHECK(out.s_axil_bvalid_o == 0 && out.s_axil_awready_o == 0);
        virq_step(b, &in, &out);
        CHECK(out.s_axil_bvalid_o == 1 && out.s_axil_bresp_o == VIRQ_RESP_OKAY);
    }
    /* b has run 12 cycles with ticks; restart the counters in both so they
     * are in step, through the helper (prescaler too). */
    CHECK(virq_reg_write(a, 0x020, 2) == VIRQ_RESP_OKAY && virq_reg_write(b, 0x020, 2) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(a, 0x10C + 3 * 0x20, 3) == VIRQ_RESP_OKAY);
    CHECK(virq_reg_write(b, 0x10C + 3 * 0x20, 3) == VIRQ_RESP_OKAY);
    int same = 1, irqs = 0;
    for (int c = 0; c < 400; c++) {
        uint64_t ga, wa, gb, wb, e = (c % 13 == 0) ? (1u << 3) : 0;
        step_evt(a, e, &ga, &wa);
        step_evt(b, e, &gb, &wb);
        same &= ga == gb && wa == wb;
        irqs += ga != 0;
    }
    CHECK(same);
    CHECK(irqs > 0);
    virq_destroy(a);
    virq_destroy(b);
}

/* The bus timing of docs/registers.md ("Bus timing"), cycle by cycle on the
 * cycle API: a write accepted in h is decided in h + 1 (AR is refused
 * there), B is valid in h + 2; a read accepted in h + 2 is answered from
 * the state of h + 3 and R is valid in h + 5 with the written value. */
static void test_bus_timing(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    virq_in_t in;
    virq_out_t out;
    memset(&in, 0, sizeof in);
    virq_step(m, &in, &out); /* rst_ni low */
    in.rst_ni = 1;
    in.s_axil_bready_i = in.s_axil_rready_i = 1;
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
    in.s_axil_awaddr_i = VIRQ_SCRATCH_OFFSET;
    in.s_axil_wdata_i = 0xA5A5F00Du;
    in.s_axil_wstrb_i = 0xF;
    in.s_axil_arvalid_i = 0;
    /* the engine's reset cycle (rst_ni is registered, docs/design.md
     * "Reset"): the write offered is not taken */
    virq_step(m, &in, &out);
    CHECK(out.s_axil_awready_o == 0 && out.s_axil_wready_o == 0 && out.s_axil_arready_o == 0);
    CHECK(out.s_evt_ready_o == 0);
    virq_step(m, &in, &out); /* h */
    CHECK(out.s_axil_awready_o == 1 && out.s_axil_wready_o == 1 && out.s_axil_bvalid_o == 0);
    CHECK(out.s_axil_arready_o == 1); /* a read could be accepted with the write */
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 0;
    in.s_axil_arvalid_i = 1;
    in.s_axil_araddr_i = VIRQ_SCRATCH_OFFSET;
    virq_step(m, &in, &out); /* h + 1: the decision cycle */
    CHECK(out.s_axil_bvalid_o == 0);
    CHECK(out.s_axil_arready_o == 0); /* AR waits in the decision cycle */
    virq_step(m, &in, &out); /* h + 2 */
    CHECK(out.s_axil_bvalid_o == 1 && out.s_axil_bresp_o == VIRQ_RESP_OKAY);
    CHECK(out.s_axil_arready_o == 1); /* the read is accepted here */
    in.s_axil_arvalid_i = 0;
    unsigned c;
    for (c = 3; c < 10; c++) {
        virq_step(m, &in, &out);
        if (out.s_axil_rvalid_o)
            break;
        CHECK(out.s_axil_arready_o == 0); /* one read at a time */
    }
    CHECK(c == 5); /* R three cycles after the AR handshake in h + 2 */
    CHECK(out.s_axil_rresp_o == VIRQ_RESP_OKAY && out.s_axil_rdata_o == 0xA5A5F00Du);
    virq_destroy(m);
}

/* The reset contract of docs/design.md "Reset" on the cycle API: a new
 * instance is out of reset (a zero-time write survives the next edge);
 * rst_ni low in cycle c resets the state at the edge ending c + 1, so a
 * write between the two is undone, and one after the reset edge stays. */
static void test_reset(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    virq_in_t in;
    virq_out_t out;
    uint32_t v = 0;
    memset(&in, 0, sizeof in);
    in.rst_ni = 1;
    CHECK(virq_reg_write(m, VIRQ_SCRATCH_OFFSET, 0x11111111u) == VIRQ_RESP_OKAY);
    virq_step(m, &in, &out);
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == 0x11111111u);
    in.rst_ni = 0;
    virq_step(m, &in, &out); /* c: the engine still runs */
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == 0x11111111u);
    CHECK(virq_reg_write(m, VIRQ_SCRATCH_OFFSET, 0x22222222u) == VIRQ_RESP_OKAY);
    in.rst_ni = 1;
    /* c + 1: its edge resets; a write offered there is not taken (AWREADY
     * follows AWVALID && WVALID, so offer one for the check to mean it) */
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 1;
    in.s_axil_awaddr_i = VIRQ_SCRATCH_OFFSET;
    in.s_axil_wdata_i = 0x44444444u;
    in.s_axil_wstrb_i = 0xF;
    virq_step(m, &in, &out);
    CHECK(out.s_axil_awready_o == 0 && out.s_axil_wready_o == 0);
    CHECK(out.s_axil_arready_o == 0 && out.s_evt_ready_o == 0);
    in.s_axil_awvalid_i = in.s_axil_wvalid_i = 0;
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == VIRQ_SCRATCH_RESET);
    CHECK(virq_reg_write(m, VIRQ_SCRATCH_OFFSET, 0x33333333u) == VIRQ_RESP_OKAY);
    virq_step(m, &in, &out);
    CHECK(out.s_evt_ready_o == 1);
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_OKAY && v == 0x33333333u);
    virq_destroy(m);
}

/* NULL handles and pointers are refused with a code, never dereferenced;
 * an instance next to the refused calls is left as it was; virq_create
 * says in errno why it refused. */
static void test_bad_arguments(void)
{
    virq_params_t p;
    virq_params_default(&p);
    virq_params_default(NULL);
    virq_t *m = virq_create(&p);
    CHECK(m != NULL);
    if (m == NULL)
        return;
    virq_in_t in;
    memset(&in, 0, sizeof in);
    in.rst_ni = 1;
    virq_out_t out;
    memset(&out, 0x5A, sizeof out);
    uint32_t v = 7;
    CHECK(virq_step(NULL, &in, &out) == -1);
    CHECK(virq_step(m, NULL, &out) == -1);
    CHECK(virq_eval(NULL, &in, &out) == -1);
    CHECK(virq_eval(m, NULL, &out) == -1);
    CHECK(virq_eval(m, &in, NULL) == -1);
    CHECK(out.intx_o == 0x5A5A5A5A5A5A5A5Aull); /* untouched */
    CHECK(virq_reset(NULL) == -1);
    CHECK(virq_reg_write(NULL, VIRQ_SCRATCH_OFFSET, 1) == VIRQ_RESP_BADARG);
    CHECK(virq_reg_read(NULL, VIRQ_SCRATCH_OFFSET, &v) == VIRQ_RESP_BADARG && v == 7);
    CHECK(virq_reg_read(m, VIRQ_SCRATCH_OFFSET, NULL) == VIRQ_RESP_BADARG);
    CHECK(virq_reg_read(m, 0x0FC, NULL) == VIRQ_RESP_BADARG); /* not counted as a bus error */
    CHECK(virq_params(NULL) == NULL);
    CHECK(virq_cycle(NULL) == 0);
    CHECK(virq_port_width(NULL, VIRQ_W_ADDR) == 0);
    CHECK(virq_port_width(&p, VIRQ_W_ADDR) == 17 && virq_port_width(&p, 24) == 24);
    CHECK(virq_port_width(&p, -7) == 0);
    CHECK(virq_cycle(m) == 0);                      /* no edge was taken */
    CHECK(rd(m, VIRQ_BUS_ERR_CNT_OFFSET) == 0);     /* nothing counted */
    CHECK(virq_step(m, &in, &out) == 0 && virq_cycle(m) == 1);
    CHECK(virq_eval(m, &in, &out) == 0 && out.intx_o == 0);
    CHECK(virq_reset(m) == 0);
    virq_destroy(m);
    errno = 0;
    CHECK(virq_create(NULL) == NULL && errno == EINVAL);
    p.num_prs = 2049;
    errno = 0;
    CHECK(virq_create(&p) == NULL && errno == EINVAL);
}

/* ---- ABI guard ---------------------------------------------------------------
 * The layout the installed header promises under VIRQ_ABI_VERSION (the
 * soname): every member's name, offset and size of the public structs,
 * and the values that cross the interface (enumerators, width codes,
 * array sizes, VIRQ_RESP_BADARG), hashed (FNV-1a; the same on ILP32 and LP64: only members whose offsets
 * do not depend on the data model are hashed by offset).  If this check
 * fails, a struct or the port list changed: raise VIRQ_ABI_VERSION in
 * include/virq/virq_model.h and record the new hash here under it.
 * ABI 1 is the layout the twenty-fifth session landed with (its
 * virq_out_t has m_dma_func_o); the hash was recorded anew within that
 * session, before ABI 1 reached main. */
#define ABI_LAYOUT_VERSION 1
#define ABI_LAYOUT_HASH 0xDCF9F55Fu

/* a and b go in as 8 bytes whatever size_t's width: shifting a 32-bit
 * size_t by 32..56 would be undefined (x86 takes the count mod 32, so an
 * ILP32 build hashed each value's low bytes twice and got 0xDD2C4163) */
static uint32_t fnv(uint32_t h, const char *name, size_t a, size_t b)
{
    for (const char *c = name; *c; c++)
        h = (h ^ (uint8_t)*c) * 16777619u;
    for (unsigned k = 0; k < 8; k++)
        h = (h ^ (uint8_t)((uint64_t)a >> (8 * k))) * 16777619u;
    for (unsigned k = 0; k < 8; k++)
        h = (h ^ (uint8_t)((uint64_t)b >> (8 * k))) * 16777619u;
    return h;
}

static uint32_t abi_layout_hash(void)
{
    uint32_t h = 2166136261u;
#define MEMBER(T, name) h = fnv(h, #T "." #name, offsetof(T, name), sizeof(((T *)0)->name));
#define IN_(name, w) MEMBER(virq_in_t, name)
#define OUT_(name, w) MEMBER(virq_out_t, name)
    VIRQ_TOP_INPUTS(IN_)
    VIRQ_TOP_BYTE_INPUTS(IN_)
    VIRQ_TOP_OUTPUTS(OUT_)
#undef IN_
#undef OUT_
    MEMBER(virq_params_t, num_vec)
    MEMBER(virq_params_t, num_eq)
    MEMBER(virq_params_t, num_func)
    MEMBER(virq_params_t, eq_max_log2)
    MEMBER(virq_params_t, addr_w)
    MEMBER(virq_params_t, num_prs)
    MEMBER(virq_params_t, num_cpu)
    h = fnv(h, "virq_params_t", sizeof(virq_params_t), 0);
    MEMBER(virq_flow_t, src_addr)
    MEMBER(virq_flow_t, dst_addr)
    MEMBER(virq_flow_t, src_port)
    MEMBER(virq_flow_t, dst_port)
    h = fnv(h, "virq_flow_t", sizeof(virq_flow_t), 0);
    /* npos is a size_t: the table's offset and the struct's size are the
     * data model's, the table's size is not; what lies around the table
     * beside npos (nothing: 0 on ILP32 and LP64) is */
    h = fnv(h, "virq_toeplitz_ctx_t.tab", sizeof(((virq_toeplitz_ctx_t *)0)->tab), 0);
    h = fnv(h, "virq_toeplitz_ctx_t.npos", offsetof(virq_toeplitz_ctx_t, npos),
            sizeof(((virq_toeplitz_ctx_t *)0)->npos) == sizeof(size_t));
    h = fnv(h, "virq_toeplitz_ctx_t.pad", offsetof(virq_toeplitz_ctx_t, tab) - sizeof(size_t),
            sizeof(virq_toeplitz_ctx_t) - sizeof(size_t) - sizeof(((virq_toeplitz_ctx_t *)0)->tab));
#undef MEMBER
    /* values passed across the interface: the hash types, the width codes,
     * the array sizes the functions read or write, the helpers' refusal */
#define VALUE(name) h = fnv(h, #name, (uint32_t)(name), 0);
    VALUE(VIRQ_HASH_IPV4)
    VALUE(VIRQ_HASH_IPV4_TCP)
    VALUE(VIRQ_HASH_IPV4_UDP)
    VALUE(VIRQ_HASH_IPV6)
    VALUE(VIRQ_HASH_IPV6_TCP)
    VALUE(VIRQ_HASH_IPV6_UDP)
    VALUE(sizeof(virq_hash_type_t))
    VALUE(VIRQ_W_ADDR)
    VALUE(VIRQ_W_NVEC)
    VALUE(VIRQ_TOEPLITZ_KEY_BYTES)
    VALUE(VIRQ_TOEPLITZ_KEY_REGS)
    VALUE(VIRQ_HASH_TUPLE_MAX_BYTES)
    VALUE(VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES)
    VALUE(VIRQ_RESP_BADARG)
#undef VALUE
    return h;
}

/* The signatures under VIRQ_ABI_VERSION: a changed one fails here. */
#define SIG(f, T) CHECK(_Generic(&f, T: 1, default: 0))
static void test_abi(void)
{
    uint32_t h = abi_layout_hash();
    if (VIRQ_ABI_VERSION != ABI_LAYOUT_VERSION || h != ABI_LAYOUT_HASH)
        fprintf(stderr, "test_model: VIRQ_ABI_VERSION %d with layout hash 0x%08X; recorded: ABI %d, 0x%08X "
                        "(a public struct changed: raise VIRQ_ABI_VERSION and record the hash here)\n",
                VIRQ_ABI_VERSION, h, ABI_LAYOUT_VERSION, ABI_LAYOUT_HASH);
    CHECK(VIRQ_ABI_VERSION == ABI_LAYOUT_VERSION);
    CHECK(h == ABI_LAYOUT_HASH);
    CHECK(virq_abi_version() == VIRQ_ABI_VERSION);
    SIG(virq_params_default, void (*)(virq_params_t *));
    SIG(virq_params_check, int (*)(const virq_params_t *, char *, size_t));
    SIG(virq_create, virq_t *(*)(const virq_params_t *));
    SIG(virq_destroy, void (*)(virq_t *));
    SIG(virq_params, const virq_params_t *(*)(const virq_t *));
    SIG(virq_reset, int (*)(virq_t *));
    SIG(virq_eval, int (*)(const virq_t *, const virq_in_t *, virq_out_t *));
    SIG(virq_step, int (*)(virq_t *, const virq_in_t *, virq_out_t *));
    SIG(virq_cycle, uint64_t (*)(const virq_t *));
    SIG(virq_run, uint64_t (*)(virq_t *, const virq_in_t *, uint64_t, virq_out_t *));
    SIG(virq_save, size_t (*)(const virq_t *, void *, size_t));
    SIG(virq_restore, int (*)(virq_t *, const void *, size_t));
    SIG(virq_reg_write, unsigned (*)(virq_t *, uint32_t, uint32_t));
    SIG(virq_reg_read, unsigned (*)(virq_t *, uint32_t, uint32_t *));
    SIG(virq_port_width, unsigned (*)(const virq_params_t *, int));
    SIG(virq_version, const char *(*)(void));
    SIG(virq_abi_version, int (*)(void));
    SIG(virq_toeplitz, uint32_t (*)(const uint8_t *, size_t, const uint8_t *, size_t));
    SIG(virq_toeplitz_impl, const char *(*)(void));
    SIG(virq_toeplitz_bitserial, uint32_t (*)(const uint8_t *, size_t, const uint8_t *, size_t));
    SIG(virq_toeplitz_init, int (*)(virq_toeplitz_ctx_t *, const uint8_t *, size_t));
    SIG(virq_toeplitz_hash, uint32_t (*)(const virq_toeplitz_ctx_t *, const uint8_t *, size_t));
    SIG(virq_toeplitz_key_to_regs, void (*)(const uint8_t *, uint32_t *));
    SIG(virq_toeplitz_regs_to_key, void (*)(const uint32_t *, uint8_t *));
    SIG(virq_flow_ipv4, void (*)(virq_flow_t *, uint32_t, uint32_t, uint16_t, uint16_t));
    SIG(virq_hash_tuple_len, size_t (*)(virq_hash_type_t));
    SIG(virq_hash_tuple, size_t (*)(virq_hash_type_t, const virq_flow_t *, uint8_t *));
    SIG(virq_flow_hash, uint32_t (*)(const virq_toeplitz_ctx_t *, virq_hash_type_t, const virq_flow_t *));
}
#undef SIG

int main(void)
{
    test_params();
    test_identification();
    test_instances_independent();
    test_refused_writes_change_nothing();
    test_latency_interval();
    test_helper_matches_bus();
    {
        virq_params_t dp, sp = {.num_vec = 5, .num_eq = 6, .num_func = 3, .eq_max_log2 = 4, .addr_w = 17,
                                .num_prs = 8, .num_cpu = 2};
        virq_params_default(&dp);
        test_checkpoint(&dp, 11);
        test_checkpoint(&sp, 12);
        test_checkpoint_made_up(&dp, 13);
        test_checkpoint_made_up(&sp, 14);
        test_checkpoint_fields(&dp, 15);
        test_checkpoint_fields(&sp, 16);
        test_checkpoint_helper_race();
        /* make test's fixed configurations (Makefile, TEST_CONFIGS): a
         * checkpoint of a reachable state is taken at every range end */
        static const virq_params_t cfgs[] = {
            {.num_vec = 1, .num_eq = 1, .num_func = 1, .eq_max_log2 = 1, .addr_w = 17, .num_prs = 1, .num_cpu = 1},
            {.num_vec = 6, .num_eq = 16, .num_func = 2, .eq_max_log2 = 6, .addr_w = 18, .num_prs = 2, .num_cpu = 2},
            {.num_vec = 8, .num_eq = 12, .num_func = 5, .eq_max_log2 = 8, .addr_w = 17, .num_prs = 32, .num_cpu = 8},
            {.num_vec = 7, .num_eq = 9, .num_func = 5, .eq_max_log2 = 7, .addr_w = 20, .num_prs = 6, .num_cpu = 3},
            {.num_vec = 64, .num_eq = 256, .num_func = 16, .eq_max_log2 = 16, .addr_w = 32, .num_prs = 2048,
             .num_cpu = 64},
        };
        for (unsigned k = 0; k < sizeof cfgs / sizeof cfgs[0]; k++) {
            virq_t *g[2] = {virq_create(&cfgs[k]), virq_create(&cfgs[k])};
            rng_t r = {20 + k};
            CHECK(g[0] != NULL && g[1] != NULL);
            if (g[0] != NULL && g[1] != NULL)
                genuine_checkpoints(g, &r, &cfgs[k], 20 + k, NULL);
            virq_destroy(g[0]);
            virq_destroy(g[1]);
        }
    }
    test_run_timing(0);
    test_run_timing(6);
    test_run_timing(249);
    {
        virq_params_t dp, sp = {.num_vec = 5, .num_eq = 6, .num_func = 3, .eq_max_log2 = 4, .addr_w = 17,
                                .num_prs = 8, .num_cpu = 2};
        virq_params_default(&dp);
        for (uint64_t seed = 1; seed <= 6; seed++)
            test_run_matches_step(seed % 2 ? &dp : &sp, seed);
    }
    test_bus_timing();
    test_reset();
    test_bad_arguments();
    test_abi();
    printf("unit: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
