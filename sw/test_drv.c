/* Tests of the driver core against the C model: discovery, unit conversion,
 * argument checks that touch nothing, one end-to-end moderation run, the
 * event-queue side, and the delivery and routing calls (function windows,
 * MSI-X, INTx, ownership and leases, keys, PRS and MVM) with expectations
 * from docs/registers.md, docs/msix.md and the published RSS suite. */
#include <stdio.h>
#include <string.h>

#include "virq/virq.h"
#include "virq_drv.h"
#include "virq_eq_drv.h"

#include "check.h"
#include "rss_suite.h"

/* The model as the bus, counting accesses. */
typedef struct mbus {
    virq_t *m;
    unsigned writes, reads;
    uint32_t fake_id; /* non-zero: pretend ID reads this */
    /* a bus fault: writes to refuse[i] (non-zero) from its skip[i]-th on
     * are refused before they reach the device */
    uint32_t refuse[2];
    unsigned skip[2];
} mbus_t;

static int m_read(void *ctx, uint32_t addr, uint32_t *v)
{
    mbus_t *b = ctx;
    b->reads++;
    unsigned r = virq_reg_read(b->m, addr, v);
    if (addr == VIRQ_ID_OFFSET && b->fake_id)
        *v = b->fake_id;
    return (int)r;
}

static int m_write(void *ctx, uint32_t addr, uint32_t v)
{
    mbus_t *b = ctx;
    b->writes++;
    for (unsigned i = 0; i < 2; i++)
        if (b->refuse[i] != 0 && addr == b->refuse[i] && b->skip[i]-- == 0) {
            b->skip[i] = 0;
            return (int)VIRQ_RESP_SLVERR;
        }
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
static unsigned run_ready(virq_t *m, tmem_t *mem, unsigned cycles, unsigned func, unsigned eq, unsigned code,
                          uint32_t param, unsigned vec, bool dma_ready)
{
    unsigned irqs = 0;
    bool offered = code != 0;
    for (unsigned c = 0; c < cycles; c++) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.m_dma_ready_i = dma_ready;
        in.s_evt_valid_i = offered;
        in.s_evt_func_i = func;
        in.s_evt_eq_i = eq;
        in.s_evt_code_i = code;
        in.s_evt_param_i = param;
        virq_step(m, &in, &out);
        if (offered && out.s_evt_ready_o)
            offered = false;
        if (out.m_dma_valid_o && dma_ready)
            t_wr(mem, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
        irqs += (out.guest_irq_o >> vec) & 1u;
    }
    return irqs;
}

static unsigned run(virq_t *m, tmem_t *mem, unsigned cycles, unsigned func, unsigned eq, unsigned code,
                    uint32_t param, unsigned vec)
{
    return run_ready(m, mem, cycles, func, eq, code, param, vec, true);
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

    /* a set-up of the queue in use is refused after one STATUS read,
     * before anything is written: not the other ring's memory (a code left
     * there stays), not *r, not a register */
    virq_eq_ring_t r2;
    memset(&r2, 0x5A, sizeof r2);
    mem.w[0x40] = 0xAB000001u;
    unsigned w0 = mb.writes, r0 = mb.reads;
    CHECK(virq_eq_setup(&d, &vm, &r2, 3, 1, 6, 0x80000100u, 3, 0, 0, true) == VIRQ_EBUSY);
    CHECK(mb.writes == w0 && mb.reads == r0 + 1 && mem.w[0x40] == 0xAB000001u && r2.eq == 0x5A5A5A5Au);
    CHECK(peek(&mb, VIRQ_EQ_BASE_LO(3)) == 0x80000000u);
    /* the doorbell's queue field holds 8 bits: queue 0x104 spills into
     * neither VALID nor ARM; a ring of a queue the instance lacks is
     * refused by the service without an access */
    CHECK(virq_eq_doorbell(0x104, false, 0, true) == ((4u << VIRQ_EQ_DB_DB_EQ_SHIFT) | VIRQ_EQ_DB_DB_ARM_MASK));
    r2 = r;
    r2.eq = 32;
    CHECK(virq_eq_service(&d, &r2, &vm, collect, &seen, 0, &n) == VIRQ_EINVAL && mb.writes == w0);

    /* retiring while an entry waits on a stalled DMA port (docs/eq.md:
     * DISABLE does not cancel it): BUSY after DISABLE, so VIRQ_EBUSY (the
     * bus takes no time here: nothing moves between the 3 reads); once the
     * port takes the entry it lands in the ring and the queue is free */
    CHECK(run_ready(mb.m, &mem, 12, 1, 3, 0x45, 9, 6, false) == 0);
    CHECK(virq_reg_read(mb.m, VIRQ_EQ_STATUS(3), &st) == VIRQ_RESP_OKAY && (st & VIRQ_EQ_STATUS_BUSY_MASK));
    r0 = mb.reads;
    CHECK(virq_eq_retire(&d, 3, 3) == VIRQ_EBUSY && mb.reads == r0 + 3);
    CHECK(virq_reg_read(mb.m, VIRQ_EQ_STATUS(3), &st) == VIRQ_RESP_OKAY &&
          st == (VIRQ_EQ_STATE_UNDEFINED | VIRQ_EQ_STATUS_BUSY_MASK));
    CHECK(virq_eq_setup(&d, &vm, &r2, 3, 1, 6, 0x80000100u, 3, 0, 0, true) == VIRQ_EBUSY); /* still busy */
    CHECK(mem.w[3] == 0 && run(mb.m, &mem, 4, 0, 0, 0, 0, 6) == 0 && mem.w[3] == 0x45000009u);
    CHECK(virq_eq_retire(&d, 3, 1) == VIRQ_OK && peek(&mb, VIRQ_EQ_STATUS(3)) == VIRQ_EQ_STATE_UNDEFINED);
    CHECK(virq_eq_retire(&d, 32, 1) == VIRQ_EINVAL);
    /* now the queue takes a new ring */
    CHECK(virq_eq_setup(&d, &vm, &r2, 3, 1, 6, 0x80000100u, 3, 0, 0, false) == VIRQ_OK && mem.w[0x40] == 0);
    CHECK(mem.bad == 0);
    virq_destroy(mb.m);
}

/* ---- interrupt delivery and routing ------------------------------------------ */

/* An MSI-X message seen on m_msi_* (handshake). */
typedef struct msg {
    uint64_t addr;
    uint32_t data;
    unsigned func, vec;
} msg_t;

/* A model with its bus, a host memory for DMA, and what its outputs did. */
typedef struct sim {
    mbus_t mb;
    virq_bus_t bus;
    tmem_t mem;
    virq_mem_t vm;
    msg_t msg[32];
    unsigned nmsg;
    bool intx; /* intx_o in the last cycle run */
    unsigned intx_cycles;
} sim_t;

static void sim_init(sim_t *s)
{
    virq_params_t p;
    virq_params_default(&p);
    memset(s, 0, sizeof *s);
    s->mb.m = virq_create(&p);
    s->bus = (virq_bus_t){&s->mb, m_read, m_write};
    s->vm = (virq_mem_t){&s->mem, t_rd, t_wr};
}

/* n cycles, evt_i = evt in the first; DMA writes land in s->mem. */
static void sim_run(sim_t *s, unsigned n, uint64_t evt)
{
    s->intx_cycles = 0;
    for (unsigned c = 0; c < n; c++) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.m_dma_ready_i = 1;
        in.m_msi_ready_i = 1;
        in.evt_i = c == 0 ? evt : 0;
        virq_step(s->mb.m, &in, &out);
        if (out.m_dma_valid_o)
            t_wr(&s->mem, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
        if (out.m_msi_valid_o && s->nmsg < 32)
            s->msg[s->nmsg++] = (msg_t){out.m_msi_addr_o, (uint32_t)out.m_msi_data_o, (unsigned)out.m_msi_func_o,
                                        (unsigned)out.m_msi_vec_o};
        s->intx = out.intx_o & 1u;
        s->intx_cycles += s->intx;
    }
}

static bool msg_is(const sim_t *s, unsigned i, uint64_t addr, uint32_t data, unsigned func, unsigned vec)
{
    return i < s->nmsg && s->msg[i].addr == addr && s->msg[i].data == data && s->msg[i].func == func &&
           s->msg[i].vec == vec;
}

/* A guest's bus: it reaches its own window and nothing else (an access
 * outside it is counted and refused before it reaches the device). */
typedef struct wbus {
    sim_t *s;
    unsigned f;
    unsigned outside;
} wbus_t;

static bool in_window(wbus_t *w, uint32_t a)
{
    bool in = a >= VIRQ_FN_WIN(w->f) && a < VIRQ_FN_WIN(w->f) + VIRQ_FN_WIN_STRIDE;
    w->outside += !in;
    return in;
}

static int w_read(void *ctx, uint32_t a, uint32_t *v)
{
    wbus_t *w = ctx;
    return in_window(w, a) ? m_read(&w->s->mb, a, v) : (int)VIRQ_RESP_DECERR;
}

static int w_write(void *ctx, uint32_t a, uint32_t v)
{
    wbus_t *w = ctx;
    return in_window(w, a) ? m_write(&w->s->mb, a, v) : (int)VIRQ_RESP_DECERR;
}

#define FNW(f, off) (VIRQ_FN_WIN(f) + (off))

/* Opening windows; each call refuses the other kind of handle without an
 * access. */
static void test_windows(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK);
    CHECK(!d.window && d.base == 0 && d.num_prs == 128 && d.num_cpu == 8); /* PARAMS2 of the default instance */
    wbus_t wb3 = {&s, 3, 0}, wb8 = {&s, 8, 0};
    virq_bus_t g3 = {&wb3, w_read, w_write}, g8 = {&wb8, w_read, w_write};
    virq_fn_t f3, x, x0;
    memset(&x, 0xA5, sizeof x);
    x0 = x;
    CHECK(virq_fn_open(&f3, &g3, 3) == VIRQ_OK);
    CHECK(f3.dev.window && f3.dev.func == 3 && f3.dev.base == 0x13000u && f3.dev.num_vec == 32);
    CHECK(virq_fn_open(&x, &g8, 8) == VIRQ_ENODEV); /* an 8-function instance has no window 8 (DECERR) */
    CHECK(virq_fn_open(&x, &g3, 2) == VIRQ_ENODEV); /* this bus does not reach window 2 */
    CHECK(virq_fn_open(&x, &s.bus, 16) == VIRQ_EINVAL);
    CHECK(virq_fn_open(NULL, &s.bus, 1) == VIRQ_EINVAL);
    CHECK(memcmp(&x, &x0, sizeof x) == 0);
    unsigned r = s.mb.reads, w = s.mb.writes;
    CHECK(virq_fn_attach(&x, &d, 5) == VIRQ_OK && x.dev.window && x.dev.func == 5 && x.dev.base == VIRQ_FN_WIN(5) &&
          x.dev.num_vec == 32);
    CHECK(virq_fn_attach(&x, &d, 8) == VIRQ_EINVAL);
    CHECK(virq_fn_attach(&x, &f3.dev, 1) == VIRQ_EINVAL); /* from a PF handle only */
    /* PF calls refuse a window handle; window calls refuse a PF handle */
    uint32_t v;
    bool b;
    virq_eq_ring_t ring;
    virq_fn_t pfh = {d};
    CHECK(virq_set_tick(&f3.dev, 250000000u, 1000) == VIRQ_EINVAL);
    CHECK(virq_bus_errors(&f3.dev, &v) == VIRQ_EINVAL);
    CHECK(virq_vec_lease(&f3.dev, 1, 2, 5) == VIRQ_EINVAL);
    CHECK(virq_vec_set_home(&f3.dev, 1, 2) == VIRQ_EINVAL);
    CHECK(virq_fnctl_intx_disable(&f3.dev, 1, true) == VIRQ_EINVAL);
    CHECK(virq_fnctl_intx_status(&f3.dev, 1, &b) == VIRQ_EINVAL);
    CHECK(virq_rss_ctrl(&f3.dev, 1, false) == VIRQ_EINVAL);
    CHECK(virq_eq_setup(&f3.dev, &s.vm, &ring, 1, 3, 1, 0x80000000u, 3, 0, 0, true) == VIRQ_EINVAL);
    CHECK(virq_fn_msix_mask(&pfh, 1, true) == VIRQ_EINVAL);
    CHECK(virq_fn_msix_ctrl(&pfh, true, false) == VIRQ_EINVAL);
    CHECK(virq_fn_intx_ack(&pfh) == VIRQ_EINVAL);
    CHECK(virq_fn_doorbell(&pfh, 0) == VIRQ_EINVAL);
    CHECK(virq_fn_set_tick(&pfh, 1000) == VIRQ_EINVAL);
    CHECK(virq_fn_set_tick(&f3, 0) == VIRQ_EINVAL);
    CHECK(s.mb.reads == r && s.mb.writes == w);
    CHECK(virq_fn_set_tick(&f3, 1000) == VIRQ_OK && f3.dev.tick_ns == 1000);
    CHECK(wb3.outside == 1 && wb8.outside == 0); /* only the probe of window 2 left window 3 */
    virq_destroy(s.mb.m);
}

/* MSI-X through the windows (docs/msix.md): masked -> pending -> unmask
 * sends once, a live entry re-programmed, the function mask, and a VF
 * touching a vector it does not own. */
static void test_msix(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK);
    wbus_t wb0 = {&s, 0, 0}, wb1 = {&s, 1, 0}, wb2 = {&s, 2, 0};
    virq_bus_t g0 = {&wb0, w_read, w_write}, g1 = {&wb1, w_read, w_write}, g2 = {&wb2, w_read, w_write};
    virq_fn_t pf0, vf1, vf2;
    CHECK(virq_fn_open(&pf0, &g0, 0) == VIRQ_OK && virq_fn_open(&vf1, &g1, 1) == VIRQ_OK &&
          virq_fn_open(&vf2, &g2, 2) == VIRQ_OK);
    CHECK(virq_set_tick(&d, 250000000u, 1000) == VIRQ_OK);
    CHECK(virq_fn_set_tick(&vf1, 1000) == VIRQ_OK && virq_fn_set_tick(&vf2, 1000) == VIRQ_OK);

    /* refused arguments: no access at all */
    unsigned r = s.mb.reads, w = s.mb.writes;
    CHECK(virq_fn_msix_program(&pf0, 1, 0x1FEE01002ull, 0x4041u) == VIRQ_EINVAL); /* address bits 1:0 */
    CHECK(virq_fn_msix_program(&pf0, 1, 0x1FEE01001ull, 0x4041u) == VIRQ_EINVAL);
    CHECK(virq_fn_msix_program(&pf0, 32, 0x1FEE01000ull, 0x4041u) == VIRQ_EINVAL);
    CHECK(virq_fn_msix_mask(&pf0, 32, false) == VIRQ_EINVAL);
    CHECK(virq_fn_msix_pending(&pf0, NULL) == VIRQ_EINVAL);
    CHECK(virq_fn_doorbell(&pf0, 1u << 27) == VIRQ_EINVAL);
    CHECK(s.mb.reads == r && s.mb.writes == w);

    /* vector 1 of the PF (home since reset), programmed while masked */
    uint64_t addr = 0, pend = 1;
    uint32_t data = 0;
    bool masked = false;
    CHECK(virq_fn_msix_program(&pf0, 1, 0x1FEE01000ull, 0x4041u) == VIRQ_OK);
    CHECK(s.mb.writes - w == 3); /* masked: address low, high, data */
    CHECK(virq_fn_msix_entry(&pf0, 1, &addr, &data, &masked) == VIRQ_OK);
    CHECK(addr == 0x1FEE01000ull && data == 0x4041u && masked); /* masked since reset (PCIe) */
    CHECK(peek(&s.mb, FNW(0, VIRQ_FN_MSIX_ADDR_HI(1))) == 1u && peek(&s.mb, FNW(0, VIRQ_FN_MSIX_DATA(1))) == 0x4041u);
    /* the guest state through the window's FN_MOD: the same unit as MOD[1] */
    CHECK(virq_mod_guest_state(&pf0.dev, 1, true) == VIRQ_OK);
    CHECK(peek(&s.mb, VIRQ_MOD_CTRL(1)) == VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK);
    CHECK(virq_fn_msix_ctrl(&pf0, true, false) == VIRQ_OK);
    virq_fnctl_state_t st;
    CHECK(virq_fnctl_state(&d, 0, &st) == VIRQ_OK && st.msix_en && !st.fmask && !st.intx.raw && st.intx.en);
    /* an interrupt of the masked vector: pending, nothing sent */
    sim_run(&s, 10, 1u << 1);
    CHECK(s.nmsg == 0);
    CHECK(virq_fn_msix_pending(&pf0, &pend) == VIRQ_OK && pend == 1u << 1);
    /* unmask: the message leaves once, with what was programmed */
    CHECK(virq_fn_msix_mask(&pf0, 1, false) == VIRQ_OK);
    sim_run(&s, 10, 0);
    CHECK(s.nmsg == 1 && msg_is(&s, 0, 0x1FEE01000ull, 0x4041u, 0, 1));
    CHECK(virq_fn_msix_pending(&pf0, &pend) == VIRQ_OK && pend == 0);
    /* re-programming a live entry masks it around the change */
    w = s.mb.writes;
    CHECK(virq_fn_msix_program(&pf0, 1, 0xFEE0F000ull, 0x5051u) == VIRQ_OK);
    CHECK(s.mb.writes - w == 5);
    CHECK(virq_fn_msix_entry(&pf0, 1, &addr, &data, &masked) == VIRQ_OK && addr == 0xFEE0F000ull &&
          data == 0x5051u && !masked);
    sim_run(&s, 10, 1u << 1);
    CHECK(s.nmsg == 2 && msg_is(&s, 1, 0xFEE0F000ull, 0x5051u, 0, 1));
    /* the function mask holds it; clearing it sends it */
    CHECK(virq_fn_msix_ctrl(&pf0, true, true) == VIRQ_OK);
    CHECK(virq_fnctl_state(&d, 0, &st) == VIRQ_OK && st.msix_en && st.fmask);
    sim_run(&s, 10, 1u << 1);
    CHECK(s.nmsg == 2 && virq_fn_msix_pending(&pf0, &pend) == VIRQ_OK && pend == 1u << 1);
    CHECK(virq_fn_msix_ctrl(&pf0, true, false) == VIRQ_OK);
    sim_run(&s, 10, 0);
    CHECK(s.nmsg == 3 && msg_is(&s, 2, 0xFEE0F000ull, 0x5051u, 0, 1));

    /* vector 3 moves home to VF 1; only VF 1's window reaches it */
    unsigned home = 9, owner = 9;
    uint32_t left = 9;
    w = s.mb.writes;
    CHECK(virq_vec_set_home(&d, 3, 8) == VIRQ_EINVAL && virq_vec_set_home(&d, 32, 1) == VIRQ_EINVAL);
    CHECK(s.mb.writes == w);
    CHECK(virq_vec_set_home(&d, 3, 1) == VIRQ_OK);
    CHECK(virq_vec_home(&d, 3, &home) == VIRQ_OK && home == 1);
    CHECK(virq_vec_lease_get(&d, 3, &owner, &left) == VIRQ_OK && owner == 1 && left == 0);
    CHECK(virq_fn_msix_program(&vf1, 3, 0xFEE03000ull, 0x4043u) == VIRQ_OK);
    CHECK(virq_mod_setup(&vf1.dev, 3, 0, 50, false) == VIRQ_OK); /* the VF's own unit, in its window */
    CHECK(peek(&s.mb, VIRQ_MOD_OVF_IVL(3)) == 50);
    uint32_t err2 = 0, err0 = 0, bus_err = 0, bus_err2 = 0;
    CHECK(virq_fnctl_err_count(&d, 2, &err2) == VIRQ_OK && err2 == 0);
    CHECK(virq_bus_errors(&d, &bus_err) == VIRQ_OK);
    uint32_t mod3[3] = {peek(&s.mb, VIRQ_MOD_LAT_IVL(3)), peek(&s.mb, VIRQ_MOD_OVF_IVL(3)),
                        peek(&s.mb, VIRQ_MOD_CTRL(3))};
    /* VF 2 touching vector 3: VIRQ_EBUS, one refused access each, nothing changes */
    CHECK(virq_fn_msix_program(&vf2, 3, 0xFEE0BAD0ull, 0xBADu) == VIRQ_EBUS);
    CHECK(virq_fn_msix_mask(&vf2, 3, false) == VIRQ_EBUS);
    CHECK(virq_fn_msix_entry(&vf2, 3, &addr, &data, &masked) == VIRQ_EBUS);
    CHECK(virq_mod_guest_state(&vf2.dev, 3, true) == VIRQ_EBUS);
    CHECK(virq_mod_done(&vf2.dev, 3) == VIRQ_EBUS);
    CHECK(virq_mod_setup(&vf2.dev, 3, 5, 10, true) == VIRQ_EBUS);
    CHECK(virq_fnctl_err_count(&d, 2, &err2) == VIRQ_OK && err2 == 6);
    CHECK(virq_bus_errors(&d, &bus_err2) == VIRQ_OK && bus_err2 == bus_err + 6);
    CHECK(virq_fn_msix_entry(&vf1, 3, &addr, &data, &masked) == VIRQ_OK && addr == 0xFEE03000ull &&
          data == 0x4043u && masked);
    CHECK(peek(&s.mb, VIRQ_MOD_LAT_IVL(3)) == mod3[0] && peek(&s.mb, VIRQ_MOD_OVF_IVL(3)) == mod3[1] &&
          peek(&s.mb, VIRQ_MOD_CTRL(3)) == mod3[2]);
    /* nor does the PF's window any more */
    CHECK(virq_fn_msix_mask(&pf0, 3, false) == VIRQ_EBUS);
    CHECK(virq_fnctl_err_count(&d, 0, &err0) == VIRQ_OK && err0 == 1);
    /* VF 1's message carries function 1; the PF's PBA never shows vector 3 */
    CHECK(virq_mod_guest_state(&vf1.dev, 3, true) == VIRQ_OK && virq_fn_msix_ctrl(&vf1, true, false) == VIRQ_OK);
    sim_run(&s, 10, 1u << 3);
    CHECK(s.nmsg == 3 && virq_fn_msix_pending(&vf1, &pend) == VIRQ_OK && pend == 1u << 3);
    CHECK(virq_fn_msix_pending(&pf0, &pend) == VIRQ_OK && pend == 0);
    CHECK(virq_fn_msix_mask(&vf1, 3, false) == VIRQ_OK);
    sim_run(&s, 10, 0);
    CHECK(s.nmsg == 4 && msg_is(&s, 3, 0xFEE03000ull, 0x4043u, 1, 3));
    CHECK(wb0.outside + wb1.outside + wb2.outside == 0);
    virq_destroy(s.mb.m);
}

/* INTx through the driver (seed 002 FIG. 5): the VF's view, the host's
 * view, Interrupt Disable, enable, acknowledge. */
static void test_intx(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_fn_t vf2;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK && virq_fn_attach(&vf2, &d, 2) == VIRQ_OK);
    CHECK(virq_vec_set_home(&d, 4, 2) == VIRQ_OK && virq_mod_guest_state(&vf2.dev, 4, true) == VIRQ_OK);
    virq_intx_state_t is;
    virq_fnctl_state_t st;
    bool asserting = true;
    CHECK(virq_fn_intx_state(&vf2, &is) == VIRQ_OK && !is.raw && is.en && !is.status && !is.disable && !is.line);
    CHECK(virq_fnctl_intx_status(&d, 2, &asserting) == VIRQ_OK && !asserting);
    /* MSI-X disabled: the vector interrupt latches the function's status */
    sim_run(&s, 6, 1u << 4);
    CHECK(s.intx && s.nmsg == 0);
    CHECK(virq_fn_intx_state(&vf2, &is) == VIRQ_OK && is.raw && is.en && is.status && !is.disable && is.line);
    CHECK(virq_fnctl_state(&d, 2, &st) == VIRQ_OK && st.intx.raw && st.intx.status && st.intx.line && !st.msix_en);
    /* the host masks it: off the line, status still readable */
    CHECK(virq_fnctl_intx_disable(&d, 2, true) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    CHECK(virq_fnctl_intx_status(&d, 2, &asserting) == VIRQ_OK && asserting);
    CHECK(virq_fn_intx_state(&vf2, &is) == VIRQ_OK && is.status && is.disable && !is.line);
    CHECK(virq_fnctl_state(&d, 2, &st) == VIRQ_OK && st.intx.disable && !st.intx.line);
    /* the function's enable gates the status (gate 520) */
    CHECK(virq_fn_intx_enable(&vf2, false) == VIRQ_OK);
    CHECK(virq_fnctl_intx_status(&d, 2, &asserting) == VIRQ_OK && !asserting);
    CHECK(virq_fn_intx_state(&vf2, &is) == VIRQ_OK && is.raw && !is.en && !is.status);
    CHECK(virq_fn_intx_enable(&vf2, true) == VIRQ_OK);
    /* unmasked again while asserting: back on the line */
    CHECK(virq_fnctl_intx_disable(&d, 2, false) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(s.intx);
    /* the guest acknowledges: the line drops */
    CHECK(virq_fn_intx_ack(&vf2) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    CHECK(virq_fn_intx_state(&vf2, &is) == VIRQ_OK && !is.raw && !is.status && !is.line);
    CHECK(virq_fnctl_intx_disable(&d, 8, true) == VIRQ_EINVAL && virq_fnctl_state(&d, 2, NULL) == VIRQ_EINVAL);
    virq_destroy(s.mb.m);
}

/* A lease in hardware: grant, use by the borrower, expiry (vector home,
 * masked and zeroed, the event in queue 0), the drop counter, an early end. */
static void test_lease(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_fn_t pf0, vf3;
    virq_eq_ring_t q0;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK && virq_fn_attach(&pf0, &d, 0) == VIRQ_OK &&
          virq_fn_attach(&vf3, &d, 3) == VIRQ_OK);
    CHECK(virq_set_tick(&d, 100000000u, 100) == VIRQ_OK); /* 10 cycles per tick */
    CHECK(virq_eq_setup(&d, &s.vm, &q0, 0, 0, 0, 0x80000000u, 3, 0, 0, false) == VIRQ_OK);
    unsigned w = s.mb.writes, owner = 9;
    uint32_t left = 9, cnt = 9;
    CHECK(virq_vec_lease(&d, 5, 8, 4) == VIRQ_EINVAL);     /* no function 8 */
    CHECK(virq_vec_lease(&d, 5, 3, 0) == VIRQ_EINVAL);     /* 0 is the end, not a grant */
    CHECK(virq_vec_lease(&d, 5, 3, 65536) == VIRQ_EINVAL); /* 16-bit count */
    CHECK(virq_vec_lease(&d, 32, 3, 4) == VIRQ_EINVAL);
    CHECK(s.mb.writes == w);
    CHECK(virq_vec_lease(&d, 5, 0, 4) == VIRQ_EBUS); /* to its own home: the device refuses */
    CHECK(virq_vec_lease(&d, 5, 3, 8) == VIRQ_OK);
    CHECK(virq_vec_lease_get(&d, 5, &owner, &left) == VIRQ_OK && owner == 3 && left == 8);
    CHECK(virq_vec_lease(&d, 5, 2, 8) == VIRQ_EBUS); /* already lent */
    CHECK(virq_vec_set_home(&d, 5, 1) == VIRQ_EBUS); /* no new home while lent */
    CHECK(virq_fn_msix_mask(&pf0, 5, true) == VIRQ_EBUS); /* the home's window no longer reaches it */
    /* the borrower uses it: its message carries function 3 */
    CHECK(virq_fn_msix_program(&vf3, 5, 0xFEE03000ull, 0x4043u) == VIRQ_OK &&
          virq_fn_msix_mask(&vf3, 5, false) == VIRQ_OK && virq_fn_msix_ctrl(&vf3, true, false) == VIRQ_OK &&
          virq_mod_guest_state(&vf3.dev, 5, true) == VIRQ_OK);
    sim_run(&s, 10, 1u << 5);
    CHECK(s.nmsg == 1 && msg_is(&s, 0, 0xFEE03000ull, 0x4043u, 3, 5));
    CHECK(virq_vec_lease_get(&d, 5, &owner, &left) == VIRQ_OK && owner == 3 && left == 7); /* one tick gone */
    CHECK(virq_lease_exp_count(&d, &cnt) == VIRQ_OK && cnt == 0);
    /* 8 ticks of 10 cycles: over after 80 cycles; the event reaches queue 0 */
    sim_run(&s, 90, 0);
    CHECK(virq_vec_lease_get(&d, 5, &owner, &left) == VIRQ_OK && owner == 0 && left == 0);
    CHECK(virq_lease_exp_count(&d, &cnt) == VIRQ_OK && cnt == 1);
    CHECK(s.mem.w[0] == ((uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 0u << 8 | 5u));
    uint64_t addr = 1;
    uint32_t data = 1;
    bool masked = false;
    CHECK(virq_fn_msix_entry(&vf3, 5, &addr, &data, &masked) == VIRQ_EBUS); /* the lease is over */
    CHECK(virq_fn_msix_entry(&pf0, 5, &addr, &data, &masked) == VIRQ_OK && addr == 0 && data == 0 && masked);
    /* the PF's vector 5 pending behind its mask; a new grant discards it */
    CHECK(virq_fn_msix_ctrl(&pf0, true, false) == VIRQ_OK);
    sim_run(&s, 10, 1u << 5);
    uint64_t pend = 0;
    CHECK(virq_fn_msix_pending(&pf0, &pend) == VIRQ_OK && pend == 1u << 5);
    CHECK(virq_vec_drop_count(&d, &cnt) == VIRQ_OK && cnt == 0);
    CHECK(virq_vec_lease(&d, 5, 2, 1000) == VIRQ_OK);
    CHECK(virq_vec_drop_count(&d, &cnt) == VIRQ_OK && cnt == 1);
    /* an early end: home at once, no event */
    CHECK(virq_vec_lease_end(&d, 5) == VIRQ_OK);
    CHECK(virq_vec_lease_get(&d, 5, &owner, &left) == VIRQ_OK && owner == 0 && left == 0);
    sim_run(&s, 20, 0);
    CHECK(virq_lease_exp_count(&d, &cnt) == VIRQ_OK && cnt == 1 && s.mem.w[1] == 0);
    CHECK(virq_vec_lease_end(&d, 5) == VIRQ_OK); /* nothing to end: harmless */
    CHECK(s.nmsg == 1 && s.mem.bad == 0);
    virq_destroy(s.mb.m);
}

/* The guest services its queue and re-arms it through its own window
 * (FN_DB), with the same event-queue code as the PF. */
static void test_window_doorbell(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_fn_t vf1, vf2;
    virq_eq_ring_t r;
    seen_t seen = {{0}, 0};
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK && virq_fn_attach(&vf1, &d, 1) == VIRQ_OK &&
          virq_fn_attach(&vf2, &d, 2) == VIRQ_OK);
    CHECK(virq_vec_set_home(&d, 6, 1) == VIRQ_OK);
    CHECK(virq_fn_msix_program(&vf1, 6, 0xFEE06000ull, 0x4046u) == VIRQ_OK &&
          virq_fn_msix_mask(&vf1, 6, false) == VIRQ_OK && virq_fn_msix_ctrl(&vf1, true, false) == VIRQ_OK &&
          virq_mod_guest_state(&vf1.dev, 6, true) == VIRQ_OK);
    CHECK(virq_eq_setup(&d, &s.vm, &r, 2, 1, 6, 0x80000100u, 3, 0, 0, true) == VIRQ_OK);
    CHECK(run(s.mb.m, &s.mem, 20, 1, 2, 0x42, 0x77, 6) == 1);
    CHECK(s.mem.w[0x40] == 0x42000077u);
    unsigned n = 0;
    CHECK(virq_eq_service(&vf2.dev, &r, &s.vm, collect, &seen, 0, &n) == VIRQ_EINVAL); /* not VF 2's queue */
    CHECK(seen.n == 0);
    CHECK(virq_eq_service(&vf1.dev, &r, &s.vm, collect, &seen, 0, &n) == VIRQ_OK);
    CHECK(n == 1 && seen.n == 1 && seen.e[0] == 0x42000077u);
    CHECK(peek(&s.mb, VIRQ_EQ_IDX(2)) == (1u << 16 | 1u) && peek(&s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_ARMED);
    /* VF 2 naming VF 1's queue in its own doorbell: refused */
    CHECK(virq_fn_doorbell(&vf2, virq_eq_doorbell(2, false, 0, false)) == VIRQ_EBUS);
    CHECK(peek(&s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_ARMED);
    CHECK(virq_fn_doorbell(&vf1, virq_eq_doorbell(2, false, 0, false)) == VIRQ_OK);
    CHECK(peek(&s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_UNARMED);
    CHECK(s.mem.bad == 0);
    virq_destroy(s.mb.m);
}

/* Routing (docs/route.md): the published key through the driver, a PRS
 * slice and an MVM entry (FIG. 7); one IPv4 event of the Microsoft suite
 * must show the published hash and land in the queue the tables name. */
static void test_routing(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_eq_ring_t r;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK);
    uint8_t back[VIRQ_RSS_KEY_LEN];
    unsigned w = s.mb.writes;
    CHECK(virq_rss_set_key(&d, NULL) == VIRQ_EINVAL);
    CHECK(virq_rss_ctrl(&d, 0x40, false) == VIRQ_EINVAL);
    CHECK(virq_func_rss(&d, 1, 121, 7) == VIRQ_EINVAL); /* 121 + 7 = 128 = NUM_PRS */
    CHECK(virq_func_rss(&d, 1, 0, 256) == VIRQ_EINVAL);
    CHECK(virq_func_rss(&d, 8, 0, 7) == VIRQ_EINVAL);
    CHECK(virq_func_default(&d, 1, 8, 0) == VIRQ_EINVAL);
    CHECK(virq_func_default(&d, 1, 0, 32) == VIRQ_EINVAL);
    CHECK(virq_prs_set(&d, 128, 0, 0) == VIRQ_EINVAL && virq_prs_set(&d, 0, 8, 0) == VIRQ_EINVAL);
    CHECK(virq_mvm_set(&d, 1, 5, 3, 32) == VIRQ_EINVAL && virq_mvm_set(&d, 1, 8, 3, 6) == VIRQ_EINVAL);
    CHECK(s.mb.writes == w);
    CHECK(virq_rss_set_key(&d, ms_key) == VIRQ_OK);
    CHECK(s.mb.writes - w == 11); /* ten key registers and the commit */
    CHECK(peek(&s.mb, VIRQ_RSS_KEY_KEY(0)) == 0x6d5a56dau && peek(&s.mb, VIRQ_RSS_KEY_KEY(9)) == 0xbeac01fau);
    CHECK(virq_rss_shadow_key(&d, back) == VIRQ_OK && memcmp(back, ms_key, sizeof back) == 0);
    CHECK(virq_rss_ctrl(&d, 1u << (VIRQ_HTYPE_IPV4 - 1), false) == VIRQ_OK); /* IPv4 only, FIG. 7 */
    CHECK(peek(&s.mb, VIRQ_RSS_CTRL_OFFSET) == 1u);
    CHECK(virq_func_rss(&d, 1, 16, 7) == VIRQ_OK && peek(&s.mb, VIRQ_FUNC_RSS_CFG(1)) == (16u << 16 | 7u));
    CHECK(virq_func_rss(&d, 2, 120, 7) == VIRQ_OK); /* the last slice that fits */
    CHECK(virq_func_default(&d, 1, 2, 4) == VIRQ_OK && peek(&s.mb, VIRQ_FUNC_DEF(1)) == (4u << 8 | 2u));
    uint32_t h = v4_rows[0].h_ip; /* published: 0x323e8fc2 */
    for (unsigned i = 0; i < 8; i++)
        CHECK(virq_prs_set(&d, 16 + i, i == (h & 7u) ? 5 : 1, 0) == VIRQ_OK);
    CHECK(peek(&s.mb, VIRQ_PRS_ENTRY(16 + (h & 7u))) == 5u);
    CHECK(virq_mvm_set(&d, 1, 5, 3, 6) == VIRQ_OK);
    CHECK(peek(&s.mb, VIRQ_MVM_ENTRY(1 * 8 + 5)) == (VIRQ_MVM_ENTRY_VEC_VALID_MASK | 6u << 8 | 3u));
    CHECK(virq_mvm_set(&d, 1, 1, 4, VIRQ_NO_VEC) == VIRQ_OK); /* legacy INTx */
    CHECK(peek(&s.mb, VIRQ_MVM_ENTRY(1 * 8 + 1)) == 4u);
    CHECK(virq_eq_setup(&d, &s.vm, &r, 3, 1, 0, 0x80000200u, 3, 0, 0, false) == VIRQ_OK);
    /* the event: function 1, IPv4, the suite's first tuple */
    virq_flow_t fl;
    uint8_t tuple[VIRQ_HASH_TUPLE_MAX_BYTES];
    virq_flow_ipv4(&fl, v4_rows[0].src, v4_rows[0].dst, v4_rows[0].sport, v4_rows[0].dport);
    CHECK(virq_hash_tuple(VIRQ_HASH_IPV4, &fl, tuple) == 8);
    bool offered = true;
    for (unsigned c = 0; c < 30; c++) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.m_dma_ready_i = 1;
        in.m_msi_ready_i = 1;
        in.s_evt_valid_i = offered;
        in.s_evt_func_i = 1;
        in.s_evt_htype_i = VIRQ_HTYPE_IPV4;
        in.s_evt_code_i = 0x21;
        in.s_evt_param_i = 0xABCDEF;
        memcpy(in.s_evt_tuple_i, tuple, sizeof tuple);
        virq_step(s.mb.m, &in, &out);
        if (offered && out.s_evt_ready_o)
            offered = false;
        if (out.m_dma_valid_o)
            t_wr(&s.mem, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
    }
    CHECK(!offered);
    CHECK(peek(&s.mb, VIRQ_RSS_LAST_OFFSET) == 0x323e8fc2u);
    CHECK(peek(&s.mb, VIRQ_RSS_LAST_INFO_OFFSET) ==
          ((16u + (h & 7u)) << 20 | 1u << 16 | 5u << 8 | (unsigned)VIRQ_HTYPE_IPV4));
    CHECK(s.mem.w[0x80] == 0x21ABCDEFu); /* queue 3, entry 0 */
    CHECK((peek(&s.mb, VIRQ_EQ_CFG(3)) & VIRQ_EQ_CFG_VEC_MASK) >> VIRQ_EQ_CFG_VEC_SHIFT == 6); /* MVM retarget */
    CHECK(s.mem.bad == 0);
    virq_destroy(s.mb.m);
}


/* GEV_LOST_CNT (docs/route.md, registers.md): gev_i[0] high for 65 546
 * cycles with the DMA port never ready.  The first pulse is counted at the
 * edge ending cycle 0 and injected in cycle 1; the pipeline holds 8 events
 * (the writer's output register, stages 1, 2, I, P, O, W and the skid) before
 * it stops, so after cycle c the input counts c + 1 - 8 waiting: 65 535 after
 * cycle 65 542, and the pulses of 65 543 .. 65 545 are lost: 3.  After the
 * release the port takes one global event (code 0xF0, parameter 0) per cycle
 * into queue 0, and nothing more is lost. */
static void test_gev_lost(void)
{
    enum { PULSES = 8 + 65535 + 3, HOLD = PULSES + 10, DRAIN = 20 };
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_eq_ring_t r;
    uint32_t n = 1;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK);
    CHECK(virq_gev_lost_count(&d, NULL) == VIRQ_EINVAL);
    CHECK(virq_gev_lost_count(&d, &n) == VIRQ_OK && n == 0);
    CHECK(virq_eq_setup(&d, &s.vm, &r, 0, 0, 0, 0x80000400u, 5, 0, 0, false) == VIRQ_OK);
    unsigned writes = 0;
    for (unsigned c = 0; c < HOLD + DRAIN; c++) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.m_msi_ready_i = 1;
        in.m_dma_ready_i = c >= HOLD;
        in.gev_i = c < PULSES;
        virq_step(s.mb.m, &in, &out);
        if (out.m_dma_valid_o && in.m_dma_ready_i) {
            CHECK(c == HOLD + writes); /* one per cycle from the release */
            t_wr(&s.mem, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
            writes++;
        }
        if (c == PULSES - 4) /* before the first loss */
            CHECK(virq_gev_lost_count(&d, &n) == VIRQ_OK && n == 0);
    }
    CHECK(virq_gev_lost_count(&d, &n) == VIRQ_OK && n == 3);
    CHECK(writes == DRAIN);
    for (unsigned i = 0; i < DRAIN; i++)
        CHECK(s.mem.w[0x100 + i] == (uint32_t)VIRQ_EVT_CODE_GLOBAL << 24);
    CHECK(s.mem.bad == 0);
    virq_destroy(s.mb.m);
}

/* ---- the platform hooks on the model: allocation and wait-for-interrupt -------- */

/* A bump allocator over the test's host memory (0x8000_0000, 4 KiB): only
 * the most recent block can be given back. */
typedef struct bump {
    uint64_t next, end;
    unsigned allocs, frees, refused;
} bump_t;

static int b_alloc(void *ctx, uint64_t bytes, uint64_t align, uint64_t *addr)
{
    bump_t *b = ctx;
    uint64_t a = (b->next + align - 1) & ~(align - 1);
    if (a < b->next || a > b->end || bytes > b->end - a) {
        b->refused++;
        return 1;
    }
    b->next = a + bytes;
    b->allocs++;
    *addr = a;
    return 0;
}

static void b_free(void *ctx, uint64_t addr, uint64_t bytes)
{
    bump_t *b = ctx;
    b->frees++;
    if (addr + bytes == b->next)
        b->next = addr;
}

/* A broken platform allocator: answers with an address 4 bytes off. */
static int b_alloc_off(void *ctx, uint64_t bytes, uint64_t align, uint64_t *addr)
{
    int e = b_alloc(ctx, bytes + 4, align, addr);
    *addr += 4;
    return e;
}

/* A platform allocator whose blocks start at address 0. */
typedef struct zero {
    unsigned allocs, frees;
} zero_t;

static int z_alloc(void *ctx, uint64_t bytes, uint64_t align, uint64_t *addr)
{
    (void)bytes;
    (void)align;
    ((zero_t *)ctx)->allocs++;
    *addr = 0;
    return 0;
}

static void z_free(void *ctx, uint64_t addr, uint64_t bytes)
{
    (void)addr;
    (void)bytes;
    ((zero_t *)ctx)->frees++;
}

/* The model behind wait_irq: events scheduled at cycles (offered on s_evt_*
 * with the handshake), DMA into s->mem, MSI-X messages recorded. */
typedef struct wevt {
    uint64_t cycle;
    unsigned func, eq, code;
    uint32_t param;
} wevt_t;

typedef struct wsim {
    sim_t s;
    uint64_t now;              /* cycles run */
    unsigned cycles_per_us;    /* 100: a 100 MHz clock */
    bool by_line;              /* wait on guest_irq_o instead of MSI-X messages */
    wevt_t ev[8];
    unsigned nev, next_ev;
    unsigned waits;
} wsim_t;

static int w_wait(void *ctx, unsigned vec, uint32_t timeout_us, uint64_t *fired)
{
    wsim_t *w = ctx;
    uint64_t end = w->now + (uint64_t)timeout_us * w->cycles_per_us;
    w->waits++;
    *fired = 0;
    while (w->now < end) {
        virq_in_t in = {0};
        virq_out_t out;
        in.rst_ni = 1;
        in.m_dma_ready_i = 1;
        in.m_msi_ready_i = 1;
        const wevt_t *e = w->next_ev < w->nev && w->ev[w->next_ev].cycle <= w->now ? &w->ev[w->next_ev] : NULL;
        if (e) {
            in.s_evt_valid_i = 1;
            in.s_evt_func_i = e->func;
            in.s_evt_eq_i = e->eq;
            in.s_evt_code_i = e->code;
            in.s_evt_param_i = e->param;
        }
        virq_step(w->s.mb.m, &in, &out);
        w->now++;
        if (e && out.s_evt_ready_o)
            w->next_ev++;
        if (out.m_dma_valid_o)
            t_wr(&w->s.mem, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
        if (out.m_msi_valid_o) {
            if (w->s.nmsg < 32)
                w->s.msg[w->s.nmsg++] = (msg_t){out.m_msi_addr_o, (uint32_t)out.m_msi_data_o,
                                                (unsigned)out.m_msi_func_o, (unsigned)out.m_msi_vec_o};
            if (!w->by_line)
                *fired |= 1ull << out.m_msi_vec_o;
        }
        if (w->by_line)
            *fired |= out.guest_irq_o;
        if (*fired >> vec & 1u)
            return VIRQ_OK;
    }
    return VIRQ_ETIMEDOUT;
}

static void test_alloc(void)
{
    bump_t bp = {0x80000000u, 0x80001000u, 0, 0, 0};
    virq_mem_alloc_t al = {&bp, b_alloc, b_free};
    tmem_t mem = {{0}, 0};
    virq_mem_t vm = {&mem, t_rd, t_wr};
    uint64_t a = 1;
    /* refusals: no hook, bad arguments (the platform is not asked) */
    virq_mem_alloc_t none = {NULL, NULL, NULL};
    CHECK(virq_mem_alloc(&none, 16, 4, &a) == VIRQ_ENOTSUP && virq_mem_alloc(NULL, 16, 4, &a) == VIRQ_ENOTSUP);
    CHECK(virq_mem_alloc(&al, 0, 4, &a) == VIRQ_EINVAL && virq_mem_alloc(&al, 16, 2, &a) == VIRQ_EINVAL &&
          virq_mem_alloc(&al, 16, 24, &a) == VIRQ_EINVAL && virq_mem_alloc(&al, 16, 0, &a) == VIRQ_EINVAL);
    CHECK(a == 1 && bp.allocs == 0 && bp.refused == 0);
    /* alignment: 12 bytes, then 64-aligned, then 4 KiB-aligned is past the end */
    CHECK(virq_mem_alloc(&al, 12, 4, &a) == VIRQ_OK && a == 0x80000000u);
    CHECK(virq_mem_alloc(&al, 8, 64, &a) == VIRQ_OK && a == 0x80000040u);
    CHECK(virq_mem_alloc(&al, 4, 4096, &a) == VIRQ_ENOMEM && a == 0x80000040u && bp.refused == 1);
    /* a ring: 2^3 entries = 32 bytes at a multiple of 32, codes cleared */
    virq_eq_ring_t r;
    memset(&r, 0xA5, sizeof r);
    mem.w[0x60 / 4] = 0xFF000001u;
    CHECK(virq_eq_ring_alloc(&r, &al, &vm, 5, 1, 0) == VIRQ_EINVAL && virq_eq_ring_alloc(&r, &al, &vm, 5, 1, 17) == VIRQ_EINVAL);
    CHECK(virq_eq_ring_alloc(&r, &al, &vm, 5, 1, 3) == VIRQ_OK);
    CHECK(r.base == 0x80000060u && r.eq == 5 && r.func == 1 && r.log2_size == 3 && r.ri == 0 && mem.w[0x60 / 4] == 0);
    CHECK(VIRQ_EQ_RING_ALIGN(3) == 32 && VIRQ_EQ_RING_ALIGN(10) == 4096 && VIRQ_EQ_RING_ALIGN(12) == 4096);
    /* exhaustion: a 4 KiB ring does not fit any more; *r untouched */
    virq_eq_ring_t r2 = r;
    CHECK(virq_eq_ring_alloc(&r2, &al, &vm, 6, 1, 10) == VIRQ_ENOMEM && r2.base == r.base && r2.eq == 5);
    /* the rest fits in small pieces, then nothing does */
    CHECK(virq_mem_alloc(&al, 0x80001000u - 0x80000080u, 4, &a) == VIRQ_OK && a == 0x80000080u);
    CHECK(virq_mem_alloc(&al, 4, 4, &a) == VIRQ_ENOMEM && bp.next == 0x80001000u);
    /* freeing the last block makes room again; the ring's free clears base */
    virq_mem_free(&al, 0x80000080u, 0x80001000u - 0x80000080u);
    virq_eq_ring_free(&r, &al);
    CHECK(r.base == 0 && bp.next == 0x80000060u && bp.frees == 2);
    /* a platform answering with a misaligned block: refused, the block given back */
    virq_mem_alloc_t off = {&bp, b_alloc_off, b_free};
    uint64_t n0 = bp.next;
    CHECK(virq_mem_alloc(&off, 16, 32, &a) == VIRQ_ENOMEM && bp.next == n0 + 4 && bp.frees == 3); /* freed as answered */
    /* one answering address 0 (virq_eq_ring_free's "no ring"): refused, freed */
    zero_t z = {0, 0};
    virq_mem_alloc_t zal = {&z, z_alloc, z_free};
    a = 7;
    CHECK(virq_mem_alloc(&zal, 16, 4, &a) == VIRQ_ENOMEM && a == 7 && z.allocs == 1 && z.frees == 1);
    /* queue and function numbers beyond the hardware's: no allocation */
    unsigned allocs = bp.allocs;
    CHECK(virq_eq_ring_alloc(&r, &al, &vm, 256, 1, 3) == VIRQ_EINVAL &&
          virq_eq_ring_alloc(&r, &al, &vm, 5, 16, 3) == VIRQ_EINVAL && bp.allocs == allocs);
    CHECK(mem.bad == 0);
}

/* The whole flow on the model with the platform hooks: allocate a ring, set
 * up VF 1's queue 2 on vector 6 (MSI-X, docs/msix.md), wait for the
 * interrupt, service and re-arm (docs/eq.md: the unit's firing disarms the
 * queue; entries written while unarmed are not signalled; the doorbell
 * hands them back and re-arms). */
static void test_wait_service(void)
{
    wsim_t w;
    memset(&w, 0, sizeof w);
    sim_init(&w.s);
    w.cycles_per_us = 100;
    bump_t bp = {0x80000100u, 0x80001000u, 0, 0, 0};
    virq_mem_alloc_t al = {&bp, b_alloc, b_free};
    virq_irq_t irq = {&w, w_wait};
    virq_dev_t d;
    virq_fn_t vf1;
    virq_eq_ring_t r;
    seen_t seen = {{0}, 0};
    unsigned n = 99;
    uint64_t fired = 0;
    CHECK(virq_probe(&d, &w.s.bus) == VIRQ_OK && virq_fn_attach(&vf1, &d, 1) == VIRQ_OK);
    CHECK(virq_vec_set_home(&d, 6, 1) == VIRQ_OK);
    CHECK(virq_fn_msix_program(&vf1, 6, 0xFEE06000ull, 0x4046u) == VIRQ_OK &&
          virq_fn_msix_mask(&vf1, 6, false) == VIRQ_OK && virq_fn_msix_ctrl(&vf1, true, false) == VIRQ_OK &&
          virq_mod_guest_state(&vf1.dev, 6, true) == VIRQ_OK);
    /* refused arguments allocate nothing and write nothing */
    unsigned wr = w.s.mb.writes;
    CHECK(virq_eq_create(&d, &al, &w.s.vm, &r, 2, 1, 6, 17, true) == VIRQ_EINVAL);
    CHECK(virq_eq_create(&d, &al, &w.s.vm, &r, 2, 1, d.num_vec, 3, true) == VIRQ_EINVAL);
    CHECK(virq_eq_create(&vf1.dev, &al, &w.s.vm, &r, 2, 1, 6, 3, true) == VIRQ_EINVAL);
    CHECK(w.s.mb.writes == wr && bp.allocs == 0);
    CHECK(virq_eq_create(&d, &al, &w.s.vm, &r, 2, 1, 6, 3, true) == VIRQ_OK);
    CHECK(r.base == 0x80000100u && bp.allocs == 1);
    CHECK(peek(&w.s.mb, VIRQ_EQ_BASE_LO(2)) == 0x80000100u && peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_ARMED);

    /* nothing happens: the wait times out after 5 us, nothing serviced */
    CHECK(virq_eq_wait_service(&vf1.dev, &irq, 6, 5, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_ETIMEDOUT);
    CHECK(n == 0 && fired == 0 && w.now == 500 && w.s.nmsg == 0 && seen.n == 0);
    CHECK(virq_eq_wait_service(&vf1.dev, NULL, 6, 5, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_ENOTSUP);
    CHECK(virq_eq_wait_service(&vf1.dev, &irq, d.num_vec, 5, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_EINVAL);
    CHECK(w.now == 500);

    /* two events for queue 2 at 600 and 610: the first is signalled (one
     * message, VF 1's entry), the queue disarms; both are handled in one
     * pass and one doorbell re-arms */
    w.ev[0] = (wevt_t){600, 1, 2, 0x42, 0x11};
    w.ev[1] = (wevt_t){610, 1, 2, 0x43, 0x22};
    w.nev = 2;
    CHECK(virq_eq_wait_service(&vf1.dev, &irq, 6, 10, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_OK);
    CHECK(fired == 1u << 6 && w.s.nmsg == 1 && msg_is(&w.s, 0, 0xFEE06000ull, 0x4046u, 1, 6));
    CHECK(w.now > 600 && w.now < 640);
    /* the handler may have run before the second entry landed: whatever
     * it took, the rest arrives and the re-armed queue signals again */
    if (n == 1) {
        CHECK(virq_eq_wait_service(&vf1.dev, &irq, 6, 10, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_OK);
        CHECK(n == 1 && w.s.nmsg == 2);
    }
    CHECK(seen.n == 2 && seen.e[0] == 0x42000011u && seen.e[1] == 0x43000022u && r.ri == 2);
    CHECK(w.s.mem.w[0x40] == 0x00000011u && w.s.mem.w[0x41] == 0x00000022u); /* codes cleared */
    CHECK(peek(&w.s.mb, VIRQ_EQ_IDX(2)) == (2u << 16 | 2u) && peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_ARMED);
    unsigned msgs = w.s.nmsg;

    /* nothing more: a timeout, the queue stays armed */
    CHECK(virq_eq_wait_service(&vf1.dev, &irq, 6, 2, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_ETIMEDOUT);
    CHECK(n == 0 && w.s.nmsg == msgs && seen.n == 2);

    /* the guest masks vector 6: an event is written and the queue disarms
     * when its unit fires, but no message leaves (pending bit, docs/msix.md):
     * the wait times out; unmasking sends the message, then the service */
    CHECK(virq_fn_msix_mask(&vf1, 6, true) == VIRQ_OK);
    w.ev[2] = (wevt_t){w.now + 10, 1, 2, 0x44, 0x33};
    w.nev = 3;
    CHECK(virq_eq_wait_service(&vf1.dev, &irq, 6, 2, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_ETIMEDOUT);
    uint64_t pend = 0;
    CHECK(w.s.nmsg == msgs && w.s.mem.w[0x42] == 0x44000033u && seen.n == 2);
    CHECK(virq_fn_msix_pending(&vf1, &pend) == VIRQ_OK && pend == 1u << 6);
    CHECK(peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == (VIRQ_EQ_STATE_UNARMED | VIRQ_EQ_STATUS_PENDING_MASK));
    CHECK(virq_fn_msix_mask(&vf1, 6, false) == VIRQ_OK);
    CHECK(virq_eq_wait_service(&vf1.dev, &irq, 6, 2, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_OK);
    CHECK(n == 1 && seen.n == 3 && seen.e[2] == 0x44000033u && w.s.nmsg == msgs + 1 &&
          msg_is(&w.s, msgs, 0xFEE06000ull, 0x4046u, 1, 6));
    CHECK(peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_ARMED);

    /* the same flow on the vector's line (guest_irq_o) with MSI-X off, from
     * the PF handle: the platform's choice, the driver code is the same */
    CHECK(virq_fn_msix_ctrl(&vf1, false, false) == VIRQ_OK);
    w.by_line = true;
    msgs = w.s.nmsg;
    w.ev[3] = (wevt_t){w.now + 10, 1, 2, 0x45, 0x44};
    w.nev = 4;
    CHECK(virq_eq_wait_service(&d, &irq, 6, 2, &r, &w.s.vm, collect, &seen, 0, &n, &fired) == VIRQ_OK);
    CHECK(n == 1 && seen.n == 4 && seen.e[3] == 0x45000044u && fired >> 6 & 1u && w.s.nmsg == msgs);
    CHECK(peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_ARMED);

    /* tear down: retire the queue, give the ring back */
    CHECK(virq_eq_retire(&d, 2, 1) == VIRQ_OK && peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_UNDEFINED);
    virq_eq_ring_free(&r, &al);
    CHECK(r.base == 0 && bp.next == 0x80000100u);

    /* the arming doorbell refused after INIT: the queue is retired and
     * the ring given back, *r untouched */
    virq_eq_ring_t r3 = r;
    unsigned frees = bp.frees;
    w.s.mb.refuse[0] = VIRQ_EQ_DB_DB(1);
    CHECK(virq_eq_create(&d, &al, &w.s.vm, &r3, 2, 1, 6, 3, true) == VIRQ_EBUS);
    CHECK(peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_UNDEFINED && bp.frees == frees + 1 &&
          bp.next == 0x80000100u && r3.base == 0);
    /* ... and when DISABLE is refused too (the second CMD write), the queue
     * stays defined on its ring: the ring stays allocated, in *r */
    w.s.mb.refuse[1] = VIRQ_EQ_CMD(2);
    w.s.mb.skip[1] = 1;
    CHECK(virq_eq_create(&d, &al, &w.s.vm, &r3, 2, 1, 6, 3, true) == VIRQ_EBUS);
    CHECK(peek(&w.s.mb, VIRQ_EQ_STATUS(2)) == VIRQ_EQ_STATE_UNARMED && bp.frees == frees + 1 &&
          r3.base == 0x80000100u && bp.next == 0x80000120u && r3.eq == 2);
    w.s.mb.refuse[0] = w.s.mb.refuse[1] = 0;
    CHECK(virq_eq_retire(&d, 2, 1) == VIRQ_OK);
    virq_eq_ring_free(&r3, &al);
    CHECK(r3.base == 0 && bp.next == 0x80000100u);
    CHECK(w.s.mem.bad == 0 && w.next_ev == w.nev);
    virq_destroy(w.s.mb.m);
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
    CHECK(d.version == 0x600); /* 0.6.0 */

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
    /* an instance without the moderation block: refused before any access */
    virq_dev_t nomod = d;
    nomod.features &= ~VIRQ_FEATURES_MOD_MASK;
    unsigned r = mb.reads;
    CHECK(virq_mod_setup(&nomod, 3, 20, 100, false) == VIRQ_ENOTSUP && virq_mod_guest_state(&nomod, 3, true) == VIRQ_ENOTSUP &&
          virq_mod_done(&nomod, 3) == VIRQ_ENOTSUP && virq_set_tick(&nomod, 250000000u, 1000) == VIRQ_ENOTSUP);
    CHECK(mb.writes == w && mb.reads == r);
    CHECK(peek(&mb, VIRQ_MOD_OVF_IVL(3)) == 100);

    /* the scheduler hook keeps the variant bit */
    CHECK(virq_mod_setup(&d, 4, 0, 50, true) == VIRQ_OK);
    CHECK(virq_mod_guest_state(&d, 4, true) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_CTRL(4)) == 0x3);
    CHECK(virq_mod_guest_state(&d, 4, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_CTRL(4)) == 0x2);

    /* rounding to the nearest tick: with 716 ns ticks (179 cycles at 250
     * MHz) 1 us is 1.397 ticks -> 1 and 2 us 2.793 -> 3; with 2 500 ns
     * ticks 1 us is 0.4 tick -> at least 1, 3 us 1.2 -> 1, 4 us 1.6 -> 2;
     * 0 stays 0 (no moderation) */
    CHECK(virq_set_tick(&d, 250000000u, 716) == VIRQ_OK && peek(&mb, VIRQ_TICK_DIV_OFFSET) == 178);
    CHECK(virq_mod_setup(&d, 5, 1, 2, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_LAT_IVL(5)) == 1 && peek(&mb, VIRQ_MOD_OVF_IVL(5)) == 3);
    CHECK(virq_set_tick(&d, 250000000u, 2500) == VIRQ_OK);
    CHECK(virq_mod_setup(&d, 5, 1, 0, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_LAT_IVL(5)) == 1 && peek(&mb, VIRQ_MOD_OVF_IVL(5)) == 0);
    CHECK(virq_mod_setup(&d, 5, 3, 4, false) == VIRQ_OK);
    CHECK(peek(&mb, VIRQ_MOD_LAT_IVL(5)) == 1 && peek(&mb, VIRQ_MOD_OVF_IVL(5)) == 2);
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
    static const int codes[] = {VIRQ_OK,     VIRQ_EBUS,      VIRQ_ENODEV, VIRQ_EVERSION,  VIRQ_EINVAL, VIRQ_ERANGE,
                                VIRQ_ENOTSUP, VIRQ_ETIMEDOUT, VIRQ_ENOMEM, VIRQ_EBUSY,     VIRQ_ENOTOWNER,
                                VIRQ_EDENIED};
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
    test_windows();
    test_msix();
    test_intx();
    test_lease();
    test_window_doorbell();
    test_routing();
    test_gev_lost();
    test_alloc();
    test_wait_service();
    printf("drv: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
