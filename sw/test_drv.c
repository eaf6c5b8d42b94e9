/* Tests of the driver core against the C model: discovery, unit conversion,
 * argument checks that touch nothing, and one end-to-end moderation run. */
#include <stdio.h>
#include <string.h>

#include "virq/virq.h"
#include "virq_drv.h"
#include "virq_eq_drv.h"

#include "check.h"

/* The model as the bus, counting writes. */
typedef struct mbus {
    virq_t *m;
    unsigned writes;
    uint32_t fake_id; /* non-zero: pretend ID reads this */
} mbus_t;

static int m_read(void *ctx, uint32_t addr, uint32_t *v)
{
    mbus_t *b = ctx;
    unsigned r = virq_reg_read(b->m, addr, v);
    if (addr == VIRQ_ID_OFFSET && b->fake_id)
        *v = b->fake_id;
    return (int)r;
}

static int m_write(void *ctx, uint32_t addr, uint32_t v)
{
    mbus_t *b = ctx;
    b->writes++;
    return (int)virq_reg_write(b->m, addr, v);
}

static uint32_t peek(mbus_t *b, uint32_t addr)
{
    uint32_t v = 0;
    virq_reg_read(b->m, addr, &v);
    return v;
}

/* A tiny host memory for the event-queue test: 4 KiB at 0x8000_0000. */
typedef struct tmem {
    uint32_t w[1024];
    unsigned bad;
} tmem_t;

static uint32_t t_rd(void *ctx, uint64_t a)
{
    tmem_t *m = ctx;
    if (a < 0x80000000u || a >= 0x80001000u) {
        m->bad++;
        return 0;
    }
    return m->w[(a - 0x80000000u) / 4];
}

static void t_wr(void *ctx, uint64_t a, uint32_t v)
{
    tmem_t *m = ctx;
    if (a < 0x80000000u || a >= 0x80001000u) {
        m->bad++;
        return;
    }
    m->w[(a - 0x80000000u) / 4] = v;
}

typedef struct seen {
    uint32_t e[16];
    unsigned n;
} seen_t;

static void collect(void *ctx, unsigned eq, uint32_t e)
{
    seen_t *s = ctx;
    (void)eq;
    if (s->n < 16)
        s->e[s->n] = e;
    s->n++;
}

/* Cycles of the model with one event beat offered at cycle 0 (if code != 0)
 * and DMA writes delivered into the test memory; returns guest irqs of vec. */
static unsigned run(virq_t *m, tmem_t *mem, unsigned cycles, unsigned func, unsigned eq, unsigned code,
                    uint32_t param, unsigned vec)
{
    unsigned irqs = 0;
    bool offered = code != 0;
    for (unsigned c = 0; c < cycles; c++) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.m_dma_ready_i = 1;
        in.s_evt_valid_i = offered;
        in.s_evt_func_i = func;
        in.s_evt_eq_i = eq;
        in.s_evt_code_i = code;
        in.s_evt_param_i = param;
        virq_step(m, &in, &out);
        if (offered && out.s_evt_ready_o)
            offered = false;
        if (out.m_dma_valid_o)
            t_wr(mem, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
        irqs += (out.guest_irq_o >> vec) & 1u;
    }
    return irqs;
}

/* The event-queue driver on the model: set-up, FIG. 9 service, re-arm. */
static void test_eq_driver(void)
{
    virq_params_t p;
    virq_params_default(&p);
    mbus_t mb = {.m = virq_create(&p)};
    virq_bus_t bus = {&mb, m_read, m_write};
    tmem_t mem = {{0}, 0};
    virq_mem_t vm = {&mem, t_rd, t_wr};
    virq_dev_t d;
    virq_eq_ring_t r;
    seen_t seen = {{0}, 0};
    mem.w[5] = 0xDEADBEEFu; /* stale data in the ring: setup must clear codes */
    CHECK(virq_probe(&d, &bus) == VIRQ_OK);
    CHECK(d.num_eq == 32 && d.num_func == 8 && d.eq_max_log2 == 16);
    CHECK(virq_set_tick(&d, 250000000u, 1000) == VIRQ_OK);
    CHECK(virq_mod_guest_state(&d, 6, true) == VIRQ_OK);
    /* refused arguments touch nothing */
    unsigned w = mb.writes;
    CHECK(virq_eq_setup(&d, &vm, &r, 32, 1, 6, 0x80000000u, 3, 0, 0, true) == VIRQ_EINVAL);
    CHECK(virq_eq_setup(&d, &vm, &r, 3, 8, 6, 0x80000000u, 3, 0, 0, true) == VIRQ_EINVAL);
    CHECK(virq_eq_setup(&d, &vm, &r, 3, 1, 6, 0x80000002u, 3, 0, 0, true) == VIRQ_EINVAL);
    CHECK(virq_eq_setup(&d, &vm, &r, 3, 1, 6, 0x80000000u, 17, 0, 0, true) == VIRQ_EINVAL);
    CHECK(mb.writes == w);
    /* queue 3: 8 entries at 0x8000_0000, function 1, vector 6, armed */
    CHECK(virq_eq_setup(&d, &vm, &r, 3, 1, 6, 0x80000000u, 3, 0, 0, true) == VIRQ_OK);
    CHECK(mem.w[5] == 0); /* setup zeroes every entry, so every code reads "empty" */
    uint32_t st = 0;
    CHECK(virq_reg_read(mb.m, VIRQ_EQ_STATUS(3), &st) == VIRQ_RESP_OKAY && st == VIRQ_EQ_STATE_ARMED);
    /* one event: written at entry 0, and the armed queue interrupts once */
    CHECK(run(mb.m, &mem, 20, 1, 3, 0x42, 0x123456, 6) == 1);
    CHECK(mem.w[0] == 0x42123456u);
    /* a second event while unarmed: written, no interrupt */
    CHECK(run(mb.m, &mem, 20, 1, 3, 0x43, 7, 6) == 0);
    /* FIG. 9: both entries handled in order, codes cleared, one doorbell */
    unsigned n = 0;
    CHECK(virq_eq_service(&d, &r, &vm, collect, &seen, 0, &n) == VIRQ_OK);
    CHECK(n == 2 && seen.n == 2 && seen.e[0] == 0x42123456u && seen.e[1] == 0x43000007u);
    CHECK(mem.w[0] == 0x00123456u && mem.w[1] == 0x00000007u);
    CHECK(r.ri == 2);
    uint32_t idx = 0;
    CHECK(virq_reg_read(mb.m, VIRQ_EQ_IDX(3), &idx) == VIRQ_RESP_OKAY && idx == (2u << 16 | 2u));
    CHECK(virq_reg_read(mb.m, VIRQ_EQ_STATUS(3), &st) == VIRQ_RESP_OKAY && st == VIRQ_EQ_STATE_ARMED);
    /* re-armed and empty: the next event interrupts again */
    CHECK(run(mb.m, &mem, 20, 1, 3, 0x44, 8, 6) == 1);
    CHECK(mem.w[2] == 0x44000008u);
    CHECK(mem.bad == 0);
    virq_destroy(mb.m);
}

int main(void)
{
    virq_params_t p;
    virq_params_default(&p);
    p.num_vec = 8;
    mbus_t mb = {.m = virq_create(&p)};
    virq_bus_t bus = {&mb, m_read, m_write};
    virq_dev_t d;

    mb.fake_id = 0x12345678u;
    CHECK(virq_probe(&d, &bus) == VIRQ_ENODEV);
    mb.fake_id = 0;
    CHECK(virq_probe(&d, &bus) == VIRQ_OK);
    CHECK(d.num_vec == 8);
    CHECK(d.version == 0x400); /* 0.4.0 */

    /* 250 MHz, 1 us ticks -> TICK_DIV 249; 3 ns at 250 MHz is not whole */
    CHECK(virq_set_tick(&d, 250000000u, 3) == VIRQ_ERANGE);
    CHECK(virq_set_tick(&d, 250000000u, 1000000u) == VIRQ_ERANGE); /* 250000 cycles > 65536 */
    CHECK(virq_set_tick(&d, 250000000u, 1000) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_TICK_DIV_OFFSET) == 249);

    /* 20 us latency, 100 us overflow on vector 3 */
    CHECK(virq_mod_setup(&d, 3, 20, 100, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_LAT_IVL(3)) == 20);
    CHECK(peek(&mb, VIRQ_MOD_OVF_IVL(3)) == 100);

    /* refused arguments write nothing */
    unsigned w = mb.writes;
    CHECK(virq_mod_setup(&d, 8, 20, 100, false) == VIRQ_EINVAL);
    CHECK(virq_mod_setup(&d, 3, 20, 70000, false) == VIRQ_ERANGE); /* 70000 ticks > 65535 */
    CHECK(virq_mod_guest_state(&d, 9, true) == VIRQ_EINVAL);
    CHECK(virq_mod_done(&d, 8) == VIRQ_EINVAL);
    CHECK(mb.writes == w);
    CHECK(peek(&mb, VIRQ_MOD_OVF_IVL(3)) == 100);

    /* the scheduler hook keeps the variant bit */
    CHECK(virq_mod_setup(&d, 4, 0, 50, true) == VIRQ_OK);
    CHECK(virq_mod_guest_state(&d, 4, true) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_CTRL(4)) == 0x3);
    CHECK(virq_mod_guest_state(&d, 4, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_CTRL(4)) == 0x2);

    /* 1.4 us rounds to 1 tick, 0.4 us to at least 1 tick, 0 stays 0 */
    CHECK(virq_set_tick(&d, 250000000u, 1000) == VIRQ_OK);
    CHECK(virq_mod_setup(&d, 5, 0, 1, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_LAT_IVL(5)) == 0 && peek(&mb, VIRQ_MOD_OVF_IVL(5)) == 1);

    /* end to end: vector 3 active, 20 us latency at 1 us ticks (250 cycles).
     * The zero-time TICK_DIV write above left the prescaler at 249, so ticks
     * fall in cycles 249 + 250j of this loop.  virq_mod_done loads the
     * latency counter with 20: the 20th tick is cycle 4999, the counter is 0
     * from 5000; the flag is set (event at cycle 0), so the unit fires in
     * 5000 and the guest irq shows in cycle 5001.  Each interrupt restarts 20
     * ticks = 5000 cycles: irqs at 5001, 10001, 15001 (20001 is past the
     * end).  Events every 10 cycles all fold into those three. */
    CHECK(virq_mod_guest_state(&d, 3, true) == VIRQ_OK);
    CHECK(virq_mod_done(&d, 3) == VIRQ_OK);
    unsigned guest = 0, wake = 0;
    long first = -1, last = -100000, min_gap = 1000000;
    for (long c = 0; c < 20000; c++) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.evt_i = (c % 10 == 0) ? (1u << 3) : 0;
        virq_step(mb.m, &in, &out);
        if (out.guest_irq_o & (1u << 3)) {
            guest++;
            if (first < 0)
                first = c;
            if (c - last < min_gap)
                min_gap = c - last;
            last = c;
        }
        wake += (out.wake_irq_o >> 3) & 1u;
    }
    CHECK(first == 5001);
    CHECK(guest == 3);
    CHECK(min_gap == 20 * 250);
    CHECK(wake == 0);

    uint32_t errs = 1;
    CHECK(virq_bus_errors(&d, &errs) == VIRQ_OK && errs == 0);
    CHECK(strcmp(virq_strerror(VIRQ_ERANGE), "time does not fit the hardware counters") == 0);
    /* every code has its own message, the hypervisor side's included */
    static const int codes[] = {VIRQ_OK,    VIRQ_EBUS,    VIRQ_ENODEV,    VIRQ_EVERSION, VIRQ_EINVAL,
                                VIRQ_ERANGE, VIRQ_ENOTSUP, VIRQ_ENOTOWNER, VIRQ_EDENIED};
    const unsigned ncodes = sizeof codes / sizeof codes[0];
    CHECK(VIRQ_ENOTOWNER == -20 && VIRQ_EDENIED == -21);
    CHECK(strcmp(virq_strerror(VIRQ_ENOTOWNER), "the virtual machine does not own the function") == 0);
    CHECK(strcmp(virq_strerror(VIRQ_EDENIED), "no vector could be granted (no free vector, no lender)") == 0);
    for (unsigned i = 0; i < ncodes; i++) {
        CHECK(strcmp(virq_strerror(codes[i]), "unknown error") != 0);
        for (unsigned j = i + 1; j < ncodes; j++)
            CHECK(strcmp(virq_strerror(codes[i]), virq_strerror(codes[j])) != 0);
    }
    CHECK(strcmp(virq_strerror(-22), "unknown error") == 0);

    virq_destroy(mb.m);
    test_eq_driver();
    printf("drv: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
