/* The hypervisor modules bound to the C model (sw/virq_hv_bind.c): the
 * shared-INTx monitor handling two functions on the line end to end, and
 * the lease broker lending vectors between the PF and a VF with the lease
 * enforced by the hardware.  Expectations come from docs/msix.md and
 * docs/hypervisor.md (who is delivered what, which entry holds which
 * message, when the device gives a vector back), not from the model. */
#include <stdio.h>
#include <string.h>

#include "virq/virq.h"
#include "virq_eq_drv.h"
#include "virq_hv_bind.h"
#include "virq_test_lender.h"

#include "check.h"

/* ---- the model as the device --------------------------------------------------- */

typedef struct msg {
    uint64_t addr;
    uint32_t data;
    unsigned func, vec;
} msg_t;

typedef struct sim {
    virq_t *m;
    virq_bus_t bus;
    unsigned reads, writes;
    uint32_t mem[1024]; /* host memory at 0x8000_0000 */
    unsigned bad_dma;
    virq_mem_t vm;
    msg_t msg[64];
    unsigned nmsg;
    bool intx; /* intx_o in the last cycle run */
} sim_t;

static int s_read(void *ctx, uint32_t a, uint32_t *v)
{
    sim_t *s = ctx;
    s->reads++;
    return (int)virq_reg_read(s->m, a, v);
}

static int s_write(void *ctx, uint32_t a, uint32_t v)
{
    sim_t *s = ctx;
    s->writes++;
    return (int)virq_reg_write(s->m, a, v);
}

static uint32_t mem_rd(void *ctx, uint64_t a)
{
    sim_t *s = ctx;
    return a >= 0x80000000u && a < 0x80001000u ? s->mem[(a - 0x80000000u) / 4] : 0;
}

static void mem_wr(void *ctx, uint64_t a, uint32_t v)
{
    sim_t *s = ctx;
    if (a >= 0x80000000u && a < 0x80001000u)
        s->mem[(a - 0x80000000u) / 4] = v;
    else
        s->bad_dma++;
}

static uint32_t peek(sim_t *s, uint32_t a)
{
    uint32_t v = 0;
    virq_reg_read(s->m, a, &v);
    return v;
}

static void sim_init(sim_t *s)
{
    virq_params_t p;
    virq_params_default(&p);
    memset(s, 0, sizeof *s);
    s->m = virq_create(&p);
    s->bus = (virq_bus_t){s, s_read, s_write};
    s->vm = (virq_mem_t){s, mem_rd, mem_wr};
}

/* One cycle with DMA and MSI-X ready: DMA writes land in memory, messages
 * are recorded, the INTx line is kept; returns the cycle's outputs. */
static virq_out_t sim_step(sim_t *s, virq_in_t *in)
{
    virq_out_t out;
    in->rst_ni = 1;
    in->m_dma_ready_i = 1;
    in->m_msi_ready_i = 1;
    virq_step(s->m, in, &out);
    if (out.m_dma_valid_o)
        mem_wr(s, out.m_dma_addr_o, (uint32_t)out.m_dma_data_o);
    if (out.m_msi_valid_o && s->nmsg < 64)
        s->msg[s->nmsg++] = (msg_t){out.m_msi_addr_o, (uint32_t)out.m_msi_data_o, (unsigned)out.m_msi_func_o,
                                    (unsigned)out.m_msi_vec_o};
    s->intx = out.intx_o & 1u;
    return out;
}

static void sim_run(sim_t *s, unsigned n, uint64_t evt)
{
    for (unsigned c = 0; c < n; c++) {
        virq_in_t in = {0};
        in.evt_i = c == 0 ? evt : 0;
        sim_step(s, &in);
    }
}

static bool last_msg(const sim_t *s, unsigned n, uint64_t addr, uint32_t data, unsigned func, unsigned vec)
{
    const msg_t *m = &s->msg[n - 1];
    return s->nmsg == n && m->addr == addr && m->data == data && m->func == func && m->vec == vec;
}

/* ---- the INTx monitor ----------------------------------------------------------- */

typedef struct hv {
    struct {
        unsigned vm, fn;
    } got[32];
    unsigned n;
} hv_t;

static void deliver(void *ctx, unsigned vm, unsigned fn)
{
    hv_t *h = ctx;
    if (h->n < 32) {
        h->got[h->n].vm = vm;
        h->got[h->n].fn = fn;
    }
    h->n++;
}

static bool disabled(sim_t *s, unsigned f)
{
    return peek(s, VIRQ_FN_CTL_INTX(f)) & VIRQ_FN_CTL_INTX_DISABLE_MASK;
}

/* Functions 1 (VM 0) and 2 (VM 1) share the line: vectors 3 and 4, MSI-X
 * disabled, so their interrupts latch INTx (docs/msix.md). */
static void test_intx_bound(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_fn_t vf1, vf2, vf3;
    virq_intx_bind_t ib;
    virq_intx_mon_t mon;
    hv_t hv = {0};
    unsigned n = 99;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK);
    CHECK(virq_fn_attach(&vf1, &d, 1) == VIRQ_OK && virq_fn_attach(&vf2, &d, 2) == VIRQ_OK &&
          virq_fn_attach(&vf3, &d, 3) == VIRQ_OK);
    CHECK(virq_vec_set_home(&d, 3, 1) == VIRQ_OK && virq_vec_set_home(&d, 4, 2) == VIRQ_OK &&
          virq_vec_set_home(&d, 7, 3) == VIRQ_OK);
    CHECK(virq_mod_guest_state(&vf1.dev, 3, true) == VIRQ_OK && virq_mod_guest_state(&vf2.dev, 4, true) == VIRQ_OK &&
          virq_mod_guest_state(&vf3.dev, 7, true) == VIRQ_OK);
    CHECK(virq_intx_bind(&ib, &mon, &d, 2, NULL, &hv) == VIRQ_EINVAL);
    CHECK(virq_intx_bind(&ib, &mon, &vf1.dev, 2, deliver, &hv) == VIRQ_EINVAL); /* a window is not the PF */
    CHECK(virq_intx_bind(&ib, &mon, &d, 0, deliver, &hv) == VIRQ_EINVAL);
    CHECK(virq_intx_bind(&ib, &mon, &d, 2, deliver, &hv) == VIRQ_OK);
    CHECK(mon.num_func == 8 && mon.num_vm == 2);
    CHECK(virq_intx_assign(&mon, 1, 0) == VIRQ_OK && virq_intx_assign(&mon, 2, 1) == VIRQ_OK);

    /* nothing asserting: spurious, one status read per function, no write */
    unsigned r = s.reads, w = s.writes;
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 0 && mon.spurious == 1);
    CHECK(s.reads - r == 8 && s.writes == w);

    /* both functions interrupt: the line rises */
    sim_run(&s, 6, 1u << 3 | 1u << 4);
    CHECK(s.intx);
    r = s.reads, w = s.writes;
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 2);
    CHECK(s.reads - r == 8 && s.writes - w == 2); /* 8 status reads, 2 Interrupt Disables */
    CHECK(hv.n == 2 && hv.got[0].vm == 0 && hv.got[0].fn == 1 && hv.got[1].vm == 1 && hv.got[1].fn == 2);
    CHECK(disabled(&s, 1) && disabled(&s, 2) && !disabled(&s, 3));
    sim_run(&s, 2, 0);
    CHECK(!s.intx); /* both masked: the line is down, their INTx Status stays */
    bool a1 = false, a2 = false;
    CHECK(virq_fnctl_intx_status(&d, 1, &a1) == VIRQ_OK && a1 && virq_fnctl_intx_status(&d, 2, &a2) == VIRQ_OK && a2);
    /* VM 1's EOI for function 1 is refused and changes nothing */
    CHECK(virq_intx_eoi(&mon, 1, 1) == VIRQ_ENOTOWNER && disabled(&s, 1));
    /* VM 0 services function 1 (acknowledge in its window), then EOI */
    CHECK(virq_fn_intx_ack(&vf1) == VIRQ_OK && virq_intx_eoi(&mon, 0, 1) == VIRQ_OK);
    CHECK(!disabled(&s, 1));
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    /* VM 1 signals EOI before servicing: function 2 still asserts, the
     * line comes back and the next call delivers it to VM 1 only */
    CHECK(virq_intx_eoi(&mon, 1, 2) == VIRQ_OK && !disabled(&s, 2));
    sim_run(&s, 2, 0);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 3 && hv.got[2].vm == 1 && hv.got[2].fn == 2);
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    CHECK(virq_fn_intx_ack(&vf2) == VIRQ_OK && virq_intx_eoi(&mon, 1, 2) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(!s.intx && !disabled(&s, 2));
    CHECK(virq_intx_eoi(&mon, 1, 2) == VIRQ_OK && mon.vm_stats[1].eoi_idle == 1); /* nothing outstanding */

    /* function 3 has no owner: masked and held, then delivered once assigned */
    sim_run(&s, 6, 1u << 7);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 0 && hv.n == 3 && mon.fn_stats[3].unowned == 1);
    sim_run(&s, 2, 0);
    CHECK(!s.intx && disabled(&s, 3));
    CHECK(virq_intx_assign(&mon, 3, 0) == VIRQ_OK && !disabled(&s, 3));
    sim_run(&s, 2, 0);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 4 && hv.got[3].vm == 0 && hv.got[3].fn == 3);
    CHECK(virq_fn_intx_ack(&vf3) == VIRQ_OK && virq_intx_eoi(&mon, 0, 3) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    /* the function's own enable gates INTx Status (gate 520): with it off
     * the latch does not reach the line and the monitor finds nothing */
    CHECK(virq_fn_intx_enable(&vf3, false) == VIRQ_OK);
    sim_run(&s, 6, 1u << 7);
    CHECK(!s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 0 && mon.spurious == 2 && !disabled(&s, 3));
    CHECK(virq_fn_intx_enable(&vf3, true) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 5 && hv.got[4].vm == 0 && hv.got[4].fn == 3);
    CHECK(virq_fn_intx_ack(&vf3) == VIRQ_OK && virq_intx_eoi(&mon, 0, 3) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    CHECK(mon.vm_stats[0].delivered == 3 && mon.vm_stats[1].delivered == 2 && mon.vm_stats[1].eoi_refused == 1);
    CHECK(mon.bus_errors == 0 && s.nmsg == 0);
    virq_destroy(s.m);
}

/* Offer n direct events (htype 0) of function func for queue eq, one at a
 * time with the stream handshake, then let the writer finish. */
static void sim_events(sim_t *s, unsigned func, unsigned eq, unsigned n, uint8_t code)
{
    unsigned sent = 0;
    for (unsigned c = 0; c < 200 && sent < n; c++) {
        virq_in_t in = {0};
        in.s_evt_valid_i = 1;
        in.s_evt_func_i = func;
        in.s_evt_eq_i = eq;
        in.s_evt_code_i = code;
        in.s_evt_param_i = 0x100u + sent;
        if (sim_step(s, &in).s_evt_ready_o)
            sent++;
    }
    CHECK(sent == n);
    sim_run(s, 20, 0);
}

/* the entries a guest handler is given, in order (the first 16) */
typedef struct ents {
    uint32_t e[16];
    unsigned n;
} ents_t;

static void take(void *ctx, unsigned eq, uint32_t e)
{
    ents_t *x = ctx;
    (void)eq;
    if (x->n < 16)
        x->e[x->n++] = e;
}

static bool asserting(virq_dev_t *d, unsigned f)
{
    bool a = false;
    return virq_fnctl_intx_status(d, f, &a) == VIRQ_OK && a;
}

/* A legacy queue (CFG.LEGACY, virq_eq_setup with VIRQ_NO_VEC) behind the
 * monitor: function 1 (VM 0) owns queue 5 and keeps MSI-X disabled.  Its
 * INTx Status is a level while the queue is armed with unread entries
 * (docs/msix.md, status indicator 500), so an acknowledge does not end it
 * and an EOI before the entries are handed back brings the line back; the
 * doorbell that hands every entry back ends it; entries left unread (a
 * handler budget) keep it and come back through the line. */
static void test_intx_legacy_queue(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_fn_t vf1;
    virq_intx_bind_t ib;
    virq_intx_mon_t mon;
    virq_eq_ring_t r;
    hv_t hv = {0};
    ents_t got = {0};
    unsigned n = 99, handled = 99;
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK && virq_fn_attach(&vf1, &d, 1) == VIRQ_OK);
    CHECK(virq_intx_bind(&ib, &mon, &d, 1, deliver, &hv) == VIRQ_OK && virq_intx_assign(&mon, 1, 0) == VIRQ_OK);
    /* a vector the instance lacks is still refused; VIRQ_NO_VEC is legacy */
    CHECK(virq_eq_setup(&d, &s.vm, &r, 5, 1, d.num_vec, 0x80000100u, 3, 0, 0, true) == VIRQ_EINVAL);
    CHECK(virq_eq_setup(&d, &s.vm, &r, 5, 1, VIRQ_NO_VEC, 0x80000100u, 3, 0, 0, true) == VIRQ_OK);
    CHECK(peek(&s, VIRQ_EQ_CFG(5)) == (VIRQ_EQ_CFG_LEGACY_MASK | 1u << VIRQ_EQ_CFG_FUNC_SHIFT |
                                        3u << VIRQ_EQ_CFG_LOG2_SIZE_SHIFT));
    sim_run(&s, 4, 0);
    CHECK(!s.intx && !asserting(&d, 1));

    /* three entries: the level rises; the monitor masks and delivers once */
    sim_events(&s, 1, 5, 3, 0x31);
    CHECK(s.intx && asserting(&d, 1));
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 1 && hv.got[0].vm == 0 && hv.got[0].fn == 1);
    sim_run(&s, 2, 0);
    CHECK(!s.intx && disabled(&s, 1));
    /* the acknowledge clears only the latch: the unread entries hold the
     * level, so an EOI now brings the line back and it is delivered again */
    CHECK(virq_fn_intx_ack(&vf1) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(asserting(&d, 1));
    CHECK(virq_intx_eoi(&mon, 0, 1) == VIRQ_OK && !disabled(&s, 1));
    sim_run(&s, 2, 0);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 2 && hv.got[1].fn == 1);
    /* the guest services two of them (a budget): the third stays unread and
     * the re-armed queue keeps the level */
    CHECK(virq_eq_service(&vf1.dev, &r, &s.vm, take, &got, 2, &handled) == VIRQ_OK && handled == 2);
    CHECK(got.n == 2 && got.e[0] == 0x31000100u && got.e[1] == 0x31000101u && r.ri == 2);
    sim_run(&s, 4, 0);
    CHECK(asserting(&d, 1));
    CHECK(virq_intx_eoi(&mon, 0, 1) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 3);
    /* the rest: the doorbell hands every entry back and the level ends */
    CHECK(virq_eq_service(&vf1.dev, &r, &s.vm, take, &got, 0, &handled) == VIRQ_OK && handled == 1);
    CHECK(got.n == 3 && got.e[2] == 0x31000102u && r.ri == 3);
    sim_run(&s, 4, 0);
    CHECK(!asserting(&d, 1));
    CHECK(virq_intx_eoi(&mon, 0, 1) == VIRQ_OK && !disabled(&s, 1));
    sim_run(&s, 2, 0);
    CHECK(!s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 0 && mon.spurious == 1 && hv.n == 3);

    /* an unarmed legacy queue with unread entries holds no level; arming it
     * (a doorbell without a new read indicator) raises it */
    CHECK(virq_write(&vf1.dev, VIRQ_FN_DB_OFFSET, virq_eq_doorbell(5, false, 0, false)) == VIRQ_OK);
    sim_events(&s, 1, 5, 2, 0x32);
    CHECK(!s.intx && !asserting(&d, 1));
    CHECK(virq_write(&vf1.dev, VIRQ_FN_DB_OFFSET, virq_eq_doorbell(5, false, 0, true)) == VIRQ_OK);
    sim_run(&s, 4, 0);
    CHECK(s.intx && asserting(&d, 1));
    /* with MSI-X enabled the function does not drive the line (gate 530),
     * though its status still shows the level */
    CHECK(virq_fn_msix_ctrl(&vf1, true, false) == VIRQ_OK);
    sim_run(&s, 4, 0);
    CHECK(!s.intx && asserting(&d, 1));
    CHECK(virq_fn_msix_ctrl(&vf1, false, false) == VIRQ_OK);
    sim_run(&s, 4, 0);
    CHECK(s.intx);
    CHECK(virq_intx_line(&mon, &n) == VIRQ_OK && n == 1 && hv.n == 4);
    CHECK(virq_eq_service(&vf1.dev, &r, &s.vm, take, &got, 0, &handled) == VIRQ_OK && handled == 2);
    CHECK(got.n == 5 && got.e[3] == 0x32000100u && got.e[4] == 0x32000101u);
    sim_run(&s, 4, 0);
    CHECK(virq_intx_eoi(&mon, 0, 1) == VIRQ_OK);
    sim_run(&s, 2, 0);
    CHECK(!s.intx && !asserting(&d, 1));
    CHECK(mon.vm_stats[0].delivered == 4 && mon.bus_errors == 0 && s.nmsg == 0 && s.bad_dma == 0);
    virq_destroy(s.m);
}

/* ---- the lease broker ---------------------------------------------------------------- */

enum { A, C, B, D }; /* A = PF (function 0), C = VF 1, B = VF 2; D on another adapter */
#define ADAPTER 1u

typedef virq_test_lender_t drv_t;

/* The hypervisor's message for vector vec at driver drv. */
static uint64_t msg_addr(unsigned drv)
{
    return 0xFEE00000u + ((uint64_t)drv << 12);
}

static uint32_t msg_data(unsigned drv, unsigned vec)
{
    return 0x4000u | drv << 8 | vec;
}

static int message(void *ctx, unsigned drv, unsigned vec, uint64_t *addr, uint32_t *data)
{
    (void)ctx;
    *addr = msg_addr(drv);
    *data = msg_data(drv, vec);
    return 0;
}

/* vec's entry holds drv's message and is unmasked, in function fn's window */
static bool live_at(virq_dev_t *d, unsigned fn, unsigned drv, unsigned vec)
{
    virq_fn_t w;
    uint64_t addr;
    uint32_t data;
    bool masked;
    return virq_fn_attach(&w, d, fn) == VIRQ_OK && virq_fn_msix_entry(&w, vec, &addr, &data, &masked) == VIRQ_OK &&
           addr == msg_addr(drv) && data == msg_data(drv, vec) && !masked;
}

static bool owner_is(virq_dev_t *d, unsigned vec, unsigned fn, uint32_t ticks)
{
    unsigned o;
    uint32_t left;
    return virq_vec_lease_get(d, vec, &o, &left) == VIRQ_OK && o == fn && left == ticks;
}

static bool counts(const virq_broker_t *b, unsigned drv, unsigned owned, unsigned lent, unsigned borrowed)
{
    unsigned o, l, r;
    return virq_broker_counts(b, drv, NULL, &o, &l, &r) == VIRQ_OK && o == owned && l == lent && r == borrowed;
}

static void test_broker_bound(void)
{
    sim_t s;
    sim_init(&s);
    virq_dev_t d;
    virq_fn_t pf0, vf1;
    virq_eq_ring_t q0;
    virq_broker_t b;
    virq_broker_bind_t bb;
    virq_broker_ops_t ops;
    virq_broker_grant_t g;
    drv_t dr[4] = {{0}};
    CHECK(virq_probe(&d, &s.bus) == VIRQ_OK && virq_fn_attach(&pf0, &d, 0) == VIRQ_OK &&
          virq_fn_attach(&vf1, &d, 1) == VIRQ_OK);
    CHECK(virq_set_tick(&d, 100000000u, 100) == VIRQ_OK); /* a device tick every 10 cycles */
    CHECK(virq_eq_setup(&d, &s.vm, &q0, 0, 0, 0, 0x80000000u, 3, 0, 0, false) == VIRQ_OK);
    CHECK(virq_broker_bind(&bb, &ops, &b, &d, ADAPTER, 0, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_bind(&bb, &ops, &b, &vf1.dev, ADAPTER, 10, message, NULL) == VIRQ_EINVAL);
    /* a broker tick is 10 device ticks (100 cycles) */
    CHECK(virq_broker_bind(&bb, &ops, &b, &d, ADAPTER, 10, message, NULL) == VIRQ_OK);
    CHECK(virq_broker_init(&b, &ops, d.num_vec) == VIRQ_OK);
    static const unsigned fn_of[4] = {0, 1, 2, 3};
    for (unsigned i = 0; i < 4; i++) {
        virq_broker_drv_desc_t desc = {i == D ? 2u : ADAPTER, fn_of[i], 0, {&dr[i], virq_test_lender_offer, virq_test_lender_notify}};
        unsigned id = 99;
        CHECK(virq_broker_add_driver(&b, &desc, &id) == VIRQ_OK && id == i);
    }
    /* initial allocation: A 0-15, C 16-23, B 24-31; each vector's home
     * moves to the driver's function, programmed and unmasked there */
    unsigned got = 0;
    CHECK(virq_broker_alloc(&b, A, 16, &got) == VIRQ_OK && got == 16);
    CHECK(virq_broker_alloc(&b, C, 8, &got) == VIRQ_OK && got == 8);
    CHECK(virq_broker_alloc(&b, B, 8, &got) == VIRQ_OK && got == 8);
    unsigned ok = 0;
    for (unsigned v = 0; v < 32; v++) {
        unsigned drv = v < 16 ? A : v < 24 ? C : B, fn = fn_of[drv], home = 99;
        ok += virq_vec_home(&d, v, &home) == VIRQ_OK && home == fn && live_at(&d, fn, drv, v);
    }
    CHECK(ok == 32);
    dr[A].lend = 2;
    CHECK(virq_broker_set_cooperative(&b, A, true) == VIRQ_OK && virq_broker_set_cooperative(&b, B, true) == VIRQ_OK);
    CHECK(virq_fn_msix_ctrl(&pf0, true, false) == VIRQ_OK && virq_fn_msix_ctrl(&vf1, true, false) == VIRQ_OK);
    CHECK(virq_mod_guest_state(&pf0.dev, 15, true) == VIRQ_OK);

    /* C asks for two for 5 broker ticks: A lends 15 and 14 (its highest),
     * B declines; the device lease is 50 ticks, to function 1 */
    CHECK(virq_broker_request(&b, C, 2, 5, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 2 && g.borrowed == 2 && g.asked == 2 && g.declined == 1);
    CHECK(g.item[0].vec == 15 && g.item[0].lender == A && g.item[1].vec == 14 && g.item[0].lease_ticks == 5);
    CHECK(owner_is(&d, 15, 1, 50) && owner_is(&d, 14, 1, 50));
    CHECK(live_at(&d, 1, C, 15) && live_at(&d, 1, C, 14));
    CHECK(virq_fn_msix_mask(&pf0, 15, false) == VIRQ_EBUS); /* the lender's window no longer reaches it */
    CHECK(counts(&b, A, 14, 2, 0) && counts(&b, C, 10, 0, 2) && dr[A].ev[VIRQ_BROKER_LENT] == 2);
    /* C uses vector 15: its message, function 1 as requester */
    CHECK(virq_mod_guest_state(&vf1.dev, 15, true) == VIRQ_OK);
    sim_run(&s, 10, 1u << 15);
    CHECK(last_msg(&s, 1, msg_addr(C), msg_data(C, 15), 1, 15));

    /* the device's count runs out first (50 ticks = 500 cycles): both come
     * home masked and zeroed, two lease-expired entries in queue 0 */
    sim_run(&s, 520, 0);
    uint32_t cnt = 0;
    CHECK(virq_lease_exp_count(&d, &cnt) == VIRQ_OK && cnt == 2);
    CHECK(owner_is(&d, 15, 0, 0) && owner_is(&d, 14, 0, 0) && !live_at(&d, 0, A, 15));
    CHECK(counts(&b, C, 10, 0, 2)); /* the broker does not know yet */
    ents_t q = {{0}, 0};
    uint32_t db;
    CHECK(virq_eq_poll(&q0, &s.vm, take, &q, 0, &db) == 2);
    CHECK(q.e[0] == ((uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 14u) &&
          q.e[1] == ((uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 15u));
    bool ended = false;
    CHECK(virq_broker_bind_event(&bb, &b, 0x42000000u, &ended) == VIRQ_EINVAL); /* not a lease-expired entry */
    unsigned w = s.writes;
    for (unsigned i = 0; i < q.n; i++)
        CHECK(virq_broker_bind_event(&bb, &b, q.e[i], &ended) == VIRQ_OK && ended);
    CHECK(s.writes - w == 2); /* only the two lease ends (no-ops); no mask: the vectors were home already */
    CHECK(counts(&b, A, 16, 0, 0) && counts(&b, C, 8, 0, 0) && bb.not_owned == 2);
    CHECK(dr[A].ev[VIRQ_BROKER_RETURNED] == 2 && dr[C].ev[VIRQ_BROKER_EXPIRED] == 2 && b.drv[C].stats.expired == 2);
    CHECK(virq_broker_bind_event(&bb, &b, q.e[1], &ended) == VIRQ_OK && !ended && bb.stale_events == 1);
    /* the lender re-programs what it got back; the broker's own deadline
     * later finds nothing to end */
    CHECK(ops.bind(ops.ctx, A, 15) == 0 && live_at(&d, 0, A, 15));
    sim_run(&s, 10, 1u << 15);
    CHECK(last_msg(&s, 2, msg_addr(A), msg_data(A, 15), 0, 15));
    CHECK(virq_broker_advance(&b, 5) == VIRQ_OK && dr[A].ev[VIRQ_BROKER_RETURNED] == 2);

    /* the broker's deadline first: lend 15 for 3 broker ticks (30 device
     * ticks), advance the broker: masked at C, the device lease ended
     * early, no event */
    CHECK(virq_broker_request(&b, C, 1, 3, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK && g.n == 1 && g.item[0].vec == 15);
    CHECK(owner_is(&d, 15, 1, 30) && live_at(&d, 1, C, 15));
    sim_run(&s, 100, 0);
    CHECK(virq_broker_advance(&b, 3) == VIRQ_OK);
    CHECK(owner_is(&d, 15, 0, 0) && counts(&b, C, 8, 0, 0) && bb.not_owned == 2);
    sim_run(&s, 400, 0);
    CHECK(virq_lease_exp_count(&d, &cnt) == VIRQ_OK && cnt == 2 && s.mem[2] == 0);
    CHECK(dr[A].ev[VIRQ_BROKER_RETURNED] == 3 && dr[C].ev[VIRQ_BROKER_EXPIRED] == 3);
    CHECK(ops.bind(ops.ctx, A, 15) == 0);

    /* a late entry: the device ends a loan, the hypervisor reads queue 0
     * only after the broker's deadline ended it too and 15 was lent again;
     * the entry belongs to the old loan and must not end the new one */
    CHECK(virq_broker_request(&b, C, 1, 3, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK && g.item[0].vec == 15);
    sim_run(&s, 320, 0);
    CHECK(owner_is(&d, 15, 0, 0) && virq_lease_exp_count(&d, &cnt) == VIRQ_OK && cnt == 3);
    CHECK(virq_broker_advance(&b, 3) == VIRQ_OK && bb.not_owned == 3 && counts(&b, C, 8, 0, 0));
    CHECK(virq_broker_request(&b, C, 1, 3, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK && g.item[0].vec == 15);
    q.n = 0;
    CHECK(virq_eq_poll(&q0, &s.vm, take, &q, 0, &db) == 1 && q.e[0] == ((uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 15u));
    CHECK(virq_broker_bind_event(&bb, &b, q.e[0], &ended) == VIRQ_OK && !ended && bb.stale_events == 2);
    CHECK(counts(&b, C, 9, 0, 1) && owner_is(&d, 15, 1, 30) && live_at(&d, 1, C, 15));
    CHECK(virq_broker_return(&b, C, 15) == VIRQ_OK && owner_is(&d, 15, 0, 0) && counts(&b, A, 16, 0, 0));
    CHECK(ops.bind(ops.ctx, A, 15) == 0);

    /* longer than the device can count (7000 x 10 > 65535): refused, rolled
     * back, the vector live at A again */
    CHECK(virq_broker_request(&b, C, 1, 7000, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EBUS && g.n == 0);
    CHECK(owner_is(&d, 15, 0, 0) && live_at(&d, 0, A, 15) && counts(&b, A, 16, 0, 0));
    /* a driver of another adapter: nothing of this instance is bound to it */
    CHECK(virq_broker_request(&b, D, 1, 5, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EBUS && g.n == 0);
    CHECK(owner_is(&d, 15, 0, 0) && live_at(&d, 0, A, 15) && counts(&b, A, 16, 0, 0) && counts(&b, D, 0, 0, 0));
    CHECK(s.bad_dma == 0);
    virq_destroy(s.m);
}


/* ---- one broker over two instances ------------------------------------------------------ */

/* Two virq instances behind one host bridge: adapter 1 (broker vectors
 * 0-31) and adapter 2 (32-63).  Drivers: P1 = PF and V1 = VF 1 of adapter 1,
 * P2 = PF and V2 = VF 2 of adapter 2, E2 = VF 3 of adapter 2.  The message
 * of a vector is keyed by its broker (host-bridge) vector number. */
enum { P1, V1, P2, V2, E2 };

/* broker vector bvec's entry, its vector vec on d, holds drv's message, unmasked, in fn's window */
static bool live_bv(virq_dev_t *d, unsigned fn, unsigned drv, unsigned vec, unsigned bvec)
{
    virq_fn_t w;
    uint64_t addr;
    uint32_t data;
    bool masked;
    return virq_fn_attach(&w, d, fn) == VIRQ_OK && virq_fn_msix_entry(&w, vec, &addr, &data, &masked) == VIRQ_OK &&
           addr == msg_addr(drv) && data == msg_data(drv, bvec) && !masked;
}

static void test_broker_two_adapters(void)
{
    sim_t s1, s2;
    sim_init(&s1);
    sim_init(&s2);
    virq_dev_t d1, d2;
    virq_fn_t vf1, vf2;
    virq_eq_ring_t q1, q2;
    virq_broker_t b;
    virq_broker_mbind_t mb;
    virq_broker_ops_t ops;
    virq_broker_grant_t g;
    drv_t dr[5] = {{0}};
    CHECK(virq_probe(&d1, &s1.bus) == VIRQ_OK && virq_probe(&d2, &s2.bus) == VIRQ_OK);
    CHECK(d1.num_vec == 32 && d2.num_vec == 32);
    CHECK(virq_fn_attach(&vf1, &d1, 1) == VIRQ_OK && virq_fn_attach(&vf2, &d2, 2) == VIRQ_OK);
    CHECK(virq_set_tick(&d1, 100000000u, 100) == VIRQ_OK && virq_set_tick(&d2, 100000000u, 100) == VIRQ_OK);
    CHECK(virq_eq_setup(&d1, &s1.vm, &q1, 0, 0, 0, 0x80000000u, 3, 0, 0, false) == VIRQ_OK);
    CHECK(virq_eq_setup(&d2, &s2.vm, &q2, 0, 0, 0, 0x80000000u, 3, 0, 0, false) == VIRQ_OK);

    /* refused bindings */
    virq_broker_adapter_t ads[2] = {{&d1, 1, 0}, {&d2, 2, 0}};
    virq_broker_adapter_t dup[2] = {{&d1, 1, 0}, {&d2, 1, 0}};
    virq_broker_adapter_t same[2] = {{&d1, 1, 0}, {&d1, 2, 0}};
    virq_broker_adapter_t big[2] = {{&d1, 1, 33}, {&d2, 2, 0}};
    virq_broker_adapter_t win[2] = {{&d1, 1, 0}, {&vf2.dev, 2, 0}};
    virq_broker_adapter_t noad[1] = {{&d1, VIRQ_BROKER_NO_ADAPTER, 0}};
    CHECK(virq_broker_mbind(&mb, &ops, &b, dup, 2, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, same, 2, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, big, 2, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, win, 2, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, noad, 1, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, ads, 0, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, ads, 5, 10, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, ads, 2, 0, message, NULL) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind(&mb, &ops, &b, ads, 2, 10, message, NULL) == VIRQ_OK);
    CHECK(mb.num_adapters == 2 && mb.num_vec == 64 && mb.ad[1].vec_base == 32);
    CHECK(virq_broker_init(&b, &ops, mb.num_vec) == VIRQ_OK);
    /* the map */
    unsigned ad = 0, v = 0, bv = 0;
    CHECK(virq_broker_mbind_vec(&mb, 5, &ad, &v) == VIRQ_OK && ad == 1 && v == 5);
    CHECK(virq_broker_mbind_vec(&mb, 37, &ad, &v) == VIRQ_OK && ad == 2 && v == 5);
    CHECK(virq_broker_mbind_vec(&mb, 64, &ad, &v) == VIRQ_EINVAL);
    CHECK(virq_broker_mbind_bvec(&mb, 2, 31, &bv) == VIRQ_OK && bv == 63);
    CHECK(virq_broker_mbind_bvec(&mb, 2, 32, &bv) == VIRQ_EINVAL && virq_broker_mbind_bvec(&mb, 3, 0, &bv) == VIRQ_EINVAL);

    static const unsigned ad_of[5] = {1, 1, 2, 2, 2}, fn_of[5] = {0, 1, 0, 2, 3};
    for (unsigned i = 0; i < 5; i++) {
        virq_broker_drv_desc_t desc = {ad_of[i], fn_of[i], 0, {&dr[i], virq_test_lender_offer, virq_test_lender_notify}};
        unsigned id = 99;
        CHECK(virq_broker_add_driver(&b, &desc, &id) == VIRQ_OK && id == i);
    }
    virq_broker_drv_desc_t stray = {7, 0, 0, {NULL, NULL, NULL}};
    unsigned sid = 99;
    CHECK(virq_broker_add_driver(&b, &stray, &sid) == VIRQ_OK && sid == 5);

    /* initial allocation across the instances: each driver's vectors come
     * from its own adapter, lowest first, whatever is free on the other */
    unsigned got = 0;
    CHECK(virq_broker_mbind_alloc(&mb, &b, sid, 1, &got) == VIRQ_EINVAL); /* adapter 7 is not bound */
    CHECK(virq_broker_mbind_alloc(&mb, &b, P2, 8, &got) == VIRQ_OK && got == 8);   /* 32-39 = d2 0-7 */
    CHECK(virq_broker_mbind_alloc(&mb, &b, P1, 8, &got) == VIRQ_OK && got == 8);   /* 0-7 = d1 0-7 */
    CHECK(virq_broker_mbind_alloc(&mb, &b, V1, 4, &got) == VIRQ_OK && got == 4);   /* 8-11 */
    CHECK(virq_broker_mbind_alloc(&mb, &b, V2, 4, &got) == VIRQ_OK && got == 4);   /* 40-43 = d2 8-11 */
    CHECK(virq_broker_mbind_alloc(&mb, &b, P2, 40, &got) == VIRQ_OK && got == 20); /* the rest of adapter 2 */
    CHECK(virq_broker_free_count(&b) == 20);
    /* adapter 2 is full: E2 gets nothing although adapter 1 has 20 free */
    got = 99;
    CHECK(virq_broker_mbind_alloc(&mb, &b, E2, 1, &got) == VIRQ_EDENIED && virq_broker_free_count(&b) == 20);
    unsigned ok = 0;
    for (unsigned x = 0; x < 12; x++) {
        unsigned drv = x < 8 ? P1 : V1, home = 99;
        ok += virq_vec_home(&d1, x, &home) == VIRQ_OK && home == fn_of[drv] && live_bv(&d1, fn_of[drv], drv, x, x);
    }
    for (unsigned x = 0; x < 32; x++) {
        unsigned drv = x >= 8 && x < 12 ? V2 : P2, home = 99;
        ok += virq_vec_home(&d2, x, &home) == VIRQ_OK && home == fn_of[drv] &&
              live_bv(&d2, fn_of[drv], drv, x, 32 + x);
    }
    CHECK(ok == 44);
    CHECK(counts(&b, P2, 28, 0, 0) && counts(&b, V2, 4, 0, 0) && counts(&b, P1, 8, 0, 0));
    /* the plain broker call on this broker: the lowest free vector (12) is
     * adapter 1's, E2 is adapter 2's: the op refuses, nothing bound */
    CHECK(virq_broker_alloc(&b, E2, 1, &got) == VIRQ_EBUS && got == 0 && mb.cross_refused == 1);
    CHECK(counts(&b, E2, 0, 0, 0) && virq_broker_free_count(&b) == 20);
    /* P1 takes the rest of adapter 1 */
    CHECK(virq_broker_mbind_alloc(&mb, &b, P1, 20, &got) == VIRQ_OK && got == 20 && virq_broker_free_count(&b) == 0);

    dr[P1].lend = 2;
    dr[P2].lend = 2;
    CHECK(virq_broker_set_cooperative(&b, P1, true) == VIRQ_OK && virq_broker_set_cooperative(&b, P2, true) == VIRQ_OK);
    CHECK(virq_fn_msix_ctrl(&vf1, true, false) == VIRQ_OK && virq_fn_msix_ctrl(&vf2, true, false) == VIRQ_OK);

    /* a same-adapter loan on each adapter: V1 borrows P1's highest (broker
     * 31 = d1 31), V2 P2's (broker 63 = d2 31); only the own adapter's
     * lender is asked; each instance's lease register is set (5 broker
     * ticks = 50 device ticks) and the borrower's entry holds its message */
    unsigned w2 = s2.writes;
    CHECK(virq_broker_mbind_request(&mb, &b, V1, 1, 5, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 1 && g.borrowed == 1 && g.asked == 1 && g.item[0].vec == 31 && g.item[0].lender == P1);
    CHECK(s2.writes == w2 && b.drv[P2].stats.asked == 0); /* adapter 2 untouched, its lender not asked */
    CHECK(owner_is(&d1, 31, 1, 50) && live_bv(&d1, 1, V1, 31, 31));
    CHECK(virq_broker_mbind_request(&mb, &b, V2, 1, 5, VIRQ_BROKER_SEQUENTIAL, &g) == VIRQ_OK);
    CHECK(g.n == 1 && g.asked == 1 && g.item[0].vec == 63 && g.item[0].lender == P2);
    CHECK(owner_is(&d2, 31, 2, 50) && live_bv(&d2, 2, V2, 31, 63) && owner_is(&d1, 31, 1, 50));
    CHECK(counts(&b, V1, 5, 0, 1) && counts(&b, V2, 5, 0, 1) && counts(&b, P1, 27, 1, 0) && counts(&b, P2, 27, 1, 0));
    CHECK(mb.cross_denied == 0);
    /* each borrower's interrupt: its message, its function as requester */
    CHECK(virq_mod_guest_state(&vf1.dev, 31, true) == VIRQ_OK && virq_mod_guest_state(&vf2.dev, 31, true) == VIRQ_OK);
    sim_run(&s1, 10, 1u << 31);
    sim_run(&s2, 10, 1u << 31);
    CHECK(last_msg(&s1, 1, msg_addr(V1), msg_data(V1, 31), 1, 31) &&
          last_msg(&s2, 1, msg_addr(V2), msg_data(V2, 63), 2, 31));

    /* the hardware ends both loans (50 device ticks): each instance's queue
     * 0 has one lease-expired entry with its own vector number (31); fed
     * with its adapter, it ends the right broker vector */
    sim_run(&s1, 520, 0);
    sim_run(&s2, 520, 0);
    CHECK(owner_is(&d1, 31, 0, 0) && owner_is(&d2, 31, 0, 0));
    ents_t e1 = {{0}, 0}, e2 = {{0}, 0};
    uint32_t db;
    CHECK(virq_eq_poll(&q1, &s1.vm, take, &e1, 0, &db) == 1 && virq_eq_poll(&q2, &s2.vm, take, &e2, 0, &db) == 1);
    const uint32_t lexp31 = (uint32_t)VIRQ_EVT_CODE_LEASE_EXPIRED << 24 | 31u;
    CHECK(e1.e[0] == lexp31 && e2.e[0] == lexp31);
    bool ended = false;
    CHECK(virq_broker_mbind_event(&mb, &b, 3, e2.e[0], &ended) == VIRQ_EINVAL);         /* no adapter 3 */
    CHECK(virq_broker_mbind_event(&mb, &b, 2, 0x42000000u, &ended) == VIRQ_EINVAL);      /* not lease-expired */
    CHECK(virq_broker_mbind_event(&mb, &b, 2, lexp31 + 1, &ended) == VIRQ_EINVAL);       /* d2 has no vector 32 */
    CHECK(virq_broker_mbind_event(&mb, &b, 2, e2.e[0], &ended) == VIRQ_OK && ended);
    CHECK(counts(&b, V2, 4, 0, 0) && counts(&b, P2, 28, 0, 0) && counts(&b, V1, 5, 0, 1)); /* only adapter 2's */
    CHECK(virq_broker_mbind_event(&mb, &b, 1, e1.e[0], &ended) == VIRQ_OK && ended);
    CHECK(counts(&b, V1, 4, 0, 0) && counts(&b, P1, 28, 0, 0));
    CHECK(mb.ad[0].not_owned == 1 && mb.ad[1].not_owned == 1); /* each vector was home already */
    CHECK(virq_broker_mbind_event(&mb, &b, 1, e1.e[0], &ended) == VIRQ_OK && !ended && mb.ad[0].stale_events == 1);
    CHECK(dr[P1].ev[VIRQ_BROKER_RETURNED] == 1 && dr[P2].ev[VIRQ_BROKER_RETURNED] == 1 &&
          dr[V1].ev[VIRQ_BROKER_EXPIRED] == 1 && dr[V2].ev[VIRQ_BROKER_EXPIRED] == 1);
    CHECK(ops.bind(ops.ctx, P1, 31) == 0 && ops.bind(ops.ctx, P2, 63) == 0);
    CHECK(live_bv(&d1, 0, P1, 31, 31) && live_bv(&d2, 0, P2, 31, 63));

    /* a cross-adapter request: V2 asks for 3; adapter 2 has no free vector
     * and P2 lends 2; P1 (adapter 1, cooperative, 28 at home) is left out:
     * a partial grant, counted in cross_denied */
    unsigned w1 = s1.writes;
    CHECK(virq_broker_mbind_request(&mb, &b, V2, 3, 5, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 2 && g.asked == 1 && g.item[0].lender == P2 && g.item[1].lender == P2 && mb.cross_denied == 1);
    CHECK(s1.writes == w1 && b.drv[P1].stats.asked == 1 && b.drv[P1].cooperative);
    CHECK(virq_broker_return(&b, V2, g.item[0].vec) == VIRQ_OK && virq_broker_return(&b, V2, g.item[1].vec) == VIRQ_OK);
    CHECK(ops.bind(ops.ctx, P2, 63) == 0 && ops.bind(ops.ctx, P2, 62) == 0);
    /* only adapter 1 could lend: denied, nothing touched on either */
    dr[P2].lend = 0;
    w1 = s1.writes;
    w2 = s2.writes;
    CHECK(virq_broker_mbind_request(&mb, &b, V2, 1, 5, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EDENIED);
    CHECK(g.n == 0 && g.asked == 1 && g.declined == 1 && mb.cross_denied == 2);
    CHECK(s1.writes == w1 && s2.writes == w2 && counts(&b, P1, 28, 0, 0) && counts(&b, V2, 4, 0, 0));
    CHECK(b.drv[V2].stats.denied == 1);
    /* the plain broker call reaches P1, whose vector cannot be bound at V2:
     * the op refuses, the broker rolls back, the vector is live at P1 again */
    CHECK(virq_broker_request(&b, V2, 1, 5, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EBUS && g.n == 0);
    CHECK(mb.cross_refused == 2 && counts(&b, P1, 28, 0, 0) && live_bv(&d1, 0, P1, 31, 31) && owner_is(&d1, 31, 0, 0));
    CHECK(s1.bad_dma == 0 && s2.bad_dma == 0);
    virq_destroy(s1.m);
    virq_destroy(s2.m);
}

int main(void)
{
    test_intx_bound();
    test_intx_legacy_queue();
    test_broker_bound();
    test_broker_two_adapters();
    printf("test_hv_bind: %d checks passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
