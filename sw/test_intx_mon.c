/* Unit test of the shared-INTx host monitor against a simulated device whose
 * functions each have a status, an enable and an Interrupt Disable bit, and
 * whose line is the OR over functions of (status AND enable AND NOT disable)
 * (seed 002 FIG. 5).  Expected values are worked out by hand from the seed,
 * not from the monitor. */
#include <stdio.h>
#include <string.h>

#include "virq_intx_mon.h"

#include "check.h"

#define NF 4u
#define LOG_MAX 64u

typedef struct sim {
    bool status[NF], enable[NF], disable[NF];
    int fail_read;  /* function whose status read fails, -1 none */
    int fail_write; /* function whose disable write fails, -1 none */
    /* deliveries, in order */
    unsigned n;
    unsigned vm[LOG_MAX], fn[LOG_MAX];
    /* auto_eoi: the guest handler runs inside deliver(): services the
     * function (status cleared) and signals EOI */
    bool auto_eoi;
    virq_intx_mon_t *mon;
    int auto_eoi_rc;
} sim_t;

static bool line(const sim_t *s)
{
    bool l = false;
    for (unsigned f = 0; f < NF; f++)
        l |= s->status[f] && s->enable[f] && !s->disable[f];
    return l;
}

static int s_read(void *ctx, unsigned fn, bool *asserting)
{
    sim_t *s = ctx;
    if ((int)fn == s->fail_read)
        return 1;
    *asserting = s->status[fn] && s->enable[fn];
    return 0;
}

static int s_disable(void *ctx, unsigned fn, bool disable)
{
    sim_t *s = ctx;
    if ((int)fn == s->fail_write)
        return 1;
    s->disable[fn] = disable;
    return 0;
}

static void s_deliver(void *ctx, unsigned vm, unsigned fn)
{
    sim_t *s = ctx;
    if (s->n < LOG_MAX) {
        s->vm[s->n] = vm;
        s->fn[s->n] = fn;
    }
    s->n++;
    if (s->auto_eoi) {
        s->status[fn] = false;
        s->auto_eoi_rc = virq_intx_eoi(s->mon, vm, fn);
    }
}

static void sim_init(sim_t *s, virq_intx_mon_t *m, unsigned num_vm)
{
    memset(s, 0, sizeof(*s));
    for (unsigned f = 0; f < NF; f++)
        s->enable[f] = true;
    s->fail_read = s->fail_write = -1;
    s->mon = m;
    virq_intx_ops_t ops = {s, s_read, s_disable, s_deliver};
    CHECK(virq_intx_init(m, &ops, NF, num_vm) == VIRQ_OK);
}

/* The interrupt controller: call the monitor while the level line is high.
 * Returns the number of calls, or PUMP_BAD if a call failed or the line
 * stayed high (a monitor that fails to mask would spin). */
#define PUMP_BAD 99u
static unsigned pump_raw(sim_t *s, virq_intx_mon_t *m)
{
    unsigned calls = 0;
    while (line(s) && calls < 8) {
        if (virq_intx_line(m, NULL) != VIRQ_OK)
            return PUMP_BAD;
        calls++;
    }
    return line(s) ? PUMP_BAD : calls;
}

static unsigned pump(sim_t *s, virq_intx_mon_t *m)
{
    unsigned calls = pump_raw(s, m);
    CHECK(calls != PUMP_BAD);
    return calls;
}

/* A guest services its function (clears the device status) and signals EOI. */
static int service(sim_t *s, virq_intx_mon_t *m, unsigned vm, unsigned fn)
{
    s->status[fn] = false;
    return virq_intx_eoi(m, vm, fn);
}

/* FIG. 5 for one function: INTx Status = status AND enable (gate 520),
 * INTx = INTx Status AND NOT Interrupt Disable (gate 530).  Rows with the
 * disable bit set are reached the way they occur in operation: the monitor
 * masked the asserting function, then the device's status or enable changed
 * before the EOI.  Columns after the inputs, worked out by hand:
 *   st   INTx Status as read by the monitor
 *   ln   the line
 *   dl   interrupts delivered when the monitor is called on the line
 *        (called whatever the line, so a low line counts as spurious)
 *   sp   spurious count of that call
 *   eo   interrupts delivered after the owner's EOI (disable rows only):
 *        only 1,1,1 still asserts, so the unmasked line comes back */
static void test_truth_table(void)
{
    static const struct {
        bool s, e, d;
        bool st, ln;
        unsigned dl, sp, eo;
    } row[8] = {
        {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 1, 0, 0, 0, 1, 0}, {0, 1, 0, 0, 0, 0, 1, 0}, {0, 1, 1, 0, 0, 0, 1, 0},
        {1, 0, 0, 0, 0, 0, 1, 0}, {1, 0, 1, 0, 0, 0, 1, 0}, {1, 1, 0, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 0, 0, 1, 1},
    };
    for (unsigned i = 0; i < 8; i++) {
        sim_t s;
        virq_intx_mon_t m;
        sim_init(&s, &m, 1);
        CHECK(virq_intx_assign(&m, 0, 0) == VIRQ_OK);
        if (row[i].d) {
            s.status[0] = s.enable[0] = true;
            CHECK(pump(&s, &m) == 1 && s.n == 1 && s.disable[0] && virq_intx_is_masked(&m, 0));
            s.n = 0;
        }
        s.status[0] = row[i].s;
        s.enable[0] = row[i].e;
        CHECK(s.disable[0] == row[i].d);
        bool st = !row[i].st;
        CHECK(s_read(&s, 0, &st) == 0 && st == row[i].st);
        CHECK(line(&s) == row[i].ln);
        unsigned dl = 99;
        uint64_t sp0 = m.spurious;
        CHECK(virq_intx_line(&m, &dl) == VIRQ_OK);
        CHECK(dl == row[i].dl && s.n == row[i].dl);
        CHECK(m.spurious - sp0 == row[i].sp);
        CHECK(!line(&s)); /* whatever asserted is masked now */
        if (row[i].dl) {
            CHECK(s.vm[0] == 0 && s.fn[0] == 0 && s.disable[0]);
        }
        if (row[i].d) {
            CHECK(virq_intx_eoi(&m, 0, 0) == VIRQ_OK && !s.disable[0]);
            CHECK(line(&s) == (row[i].eo != 0));
            s.n = 0;
            pump(&s, &m);
            CHECK(s.n == row[i].eo);
        }
    }
}

/* Four functions on one line: f0 -> VM0, f1 and f2 -> VM1, f3 -> VM2. */
static void assign4(virq_intx_mon_t *m)
{
    static const unsigned owner[NF] = {0, 1, 1, 2};
    for (unsigned f = 0; f < NF; f++)
        CHECK(virq_intx_assign(m, f, owner[f]) == VIRQ_OK);
}

/* A monitor over the four functions of assign4, three virtual machines. */
static void shared4(sim_t *s, virq_intx_mon_t *m)
{
    sim_init(s, m, 3);
    assign4(m);
}

static void test_shared_line(void)
{
    sim_t s;
    virq_intx_mon_t m;
    shared4(&s, &m);
    /* f1 and f3 assert together: VM1 gets f1, VM2 gets f3, VM0 nothing */
    s.status[1] = s.status[3] = true;
    CHECK(line(&s));
    unsigned dl = 0;
    CHECK(virq_intx_line(&m, &dl) == VIRQ_OK && dl == 2);
    CHECK(s.n == 2 && s.vm[0] == 1 && s.fn[0] == 1 && s.vm[1] == 2 && s.fn[1] == 3);
    CHECK(s.disable[1] && s.disable[3] && !s.disable[0] && !s.disable[2]);
    CHECK(!line(&s));
    CHECK(m.vm_stats[0].delivered == 0 && m.vm_stats[1].delivered == 1 && m.vm_stats[2].delivered == 1);

    /* a VM's EOI for a function it does not own is refused and changes nothing */
    CHECK(virq_intx_eoi(&m, 0, 1) == VIRQ_ENOTOWNER);
    CHECK(virq_intx_eoi(&m, 2, 1) == VIRQ_ENOTOWNER);
    CHECK(s.disable[1] && virq_intx_is_masked(&m, 1));
    CHECK(m.vm_stats[0].eoi_refused == 1 && m.vm_stats[2].eoi_refused == 1);

    /* owners service and EOI: unmasked, line stays low */
    CHECK(service(&s, &m, 1, 1) == VIRQ_OK && !s.disable[1]);
    CHECK(!line(&s));
    CHECK(service(&s, &m, 2, 3) == VIRQ_OK && !s.disable[3]);
    CHECK(!line(&s));
    /* a second EOI has nothing outstanding: harmless, counted */
    CHECK(virq_intx_eoi(&m, 1, 1) == VIRQ_OK && m.vm_stats[1].eoi_idle == 1 && !s.disable[1]);
    CHECK(m.fn_stats[1].eoi == 1 && m.fn_stats[3].eoi == 1 && m.vm_stats[1].eoi == 1);

    /* a line with nothing asserting is spurious */
    CHECK(virq_intx_line(&m, &dl) == VIRQ_OK && dl == 0 && m.spurious == 1);
    CHECK(s.n == 2);
    CHECK(m.lines == 2);
}

/* f2 re-asserts before its EOI: nothing is lost and nothing duplicated. */
static void test_burst(void)
{
    sim_t s;
    virq_intx_mon_t m;
    shared4(&s, &m);
    s.status[2] = true; /* event 1 on f2 */
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 1 && s.vm[0] == 1 && s.fn[0] == 2);
    /* while f2 is masked, f0 asserts: only f0 is delivered, f2 not again */
    s.status[0] = true;
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 2 && s.vm[1] == 0 && s.fn[1] == 0);
    /* VM1's handler services event 1, then event 2 arrives before the EOI */
    s.status[2] = false;
    s.status[2] = true;
    CHECK(!line(&s)); /* still masked */
    CHECK(virq_intx_eoi(&m, 1, 2) == VIRQ_OK);
    CHECK(line(&s)); /* level: the unmasked function asserts again */
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 3 && s.vm[2] == 1 && s.fn[2] == 2);
    CHECK(service(&s, &m, 1, 2) == VIRQ_OK);
    CHECK(service(&s, &m, 0, 0) == VIRQ_OK);
    CHECK(!line(&s));
    CHECK(m.fn_stats[2].asserted == 2 && m.fn_stats[2].delivered == 2 && m.fn_stats[2].eoi == 2);
    CHECK(m.fn_stats[0].delivered == 1 && m.vm_stats[2].delivered == 0);

    /* the guest handler may EOI from inside deliver() */
    s.auto_eoi = true;
    s.status[3] = true;
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 4 && s.vm[3] == 2 && s.fn[3] == 3 && s.auto_eoi_rc == VIRQ_OK);
    CHECK(!s.disable[3] && !virq_intx_is_masked(&m, 3));
}

/* An unassigned function is masked and held; its new owner gets it.  A
 * reassigned function's interrupt goes to the new owner, the old one's EOI
 * is refused. */
static void test_ownership(void)
{
    sim_t s;
    virq_intx_mon_t m;
    sim_init(&s, &m, 3);
    CHECK(virq_intx_owner(&m, 3) == VIRQ_INTX_NO_VM);
    s.status[3] = true;
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 0 && s.disable[3] && m.fn_stats[3].unowned == 1);
    CHECK(virq_intx_assign(&m, 3, 2) == VIRQ_OK);
    CHECK(!s.disable[3] && line(&s));
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 1 && s.vm[0] == 2 && s.fn[0] == 3);

    CHECK(virq_intx_assign(&m, 3, 0) == VIRQ_OK); /* VM2's interrupt outstanding */
    CHECK(pump(&s, &m) == 1);
    CHECK(s.n == 2 && s.vm[1] == 0 && s.fn[1] == 3);
    CHECK(virq_intx_eoi(&m, 2, 3) == VIRQ_ENOTOWNER && s.disable[3]);
    CHECK(service(&s, &m, 0, 3) == VIRQ_OK && !s.disable[3]);

    /* taking a function away keeps a held interrupt masked */
    s.status[1] = true;
    CHECK(virq_intx_assign(&m, 1, 1) == VIRQ_OK);
    CHECK(pump(&s, &m) == 1 && s.n == 3);
    CHECK(virq_intx_assign(&m, 1, VIRQ_INTX_NO_VM) == VIRQ_OK);
    CHECK(s.disable[1] && !line(&s));
    CHECK(virq_intx_eoi(&m, 1, 1) == VIRQ_ENOTOWNER && s.disable[1]);
}

/* Bad arguments touch nothing; failed device accesses lose nothing. */
static void test_refusals(void)
{
    sim_t s;
    virq_intx_mon_t m, snap;
    virq_intx_ops_t ops = {&s, s_read, s_disable, s_deliver};
    virq_intx_ops_t no_read = {&s, NULL, s_disable, s_deliver};
    CHECK(virq_intx_init(&m, NULL, NF, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_init(NULL, &ops, NF, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_init(&m, &no_read, NF, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_init(&m, &ops, 0, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_init(&m, &ops, VIRQ_INTX_MAX_FUNC + 1, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_init(&m, &ops, NF, 0) == VIRQ_EINVAL);
    CHECK(virq_intx_init(&m, &ops, NF, VIRQ_INTX_MAX_VM + 1) == VIRQ_EINVAL);

    shared4(&s, &m);
    s.status[1] = true;
    CHECK(pump(&s, &m) == 1);
    sim_t s0 = s;
    memcpy(&snap, &m, sizeof(m));
    CHECK(virq_intx_assign(&m, NF, 0) == VIRQ_EINVAL);
    CHECK(virq_intx_assign(&m, 0, 3) == VIRQ_EINVAL);
    CHECK(virq_intx_assign(NULL, 0, 0) == VIRQ_EINVAL);
    CHECK(virq_intx_eoi(&m, 3, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_eoi(&m, 1, NF) == VIRQ_EINVAL);
    CHECK(virq_intx_eoi(NULL, 1, 1) == VIRQ_EINVAL);
    CHECK(virq_intx_line(NULL, NULL) == VIRQ_EINVAL);
    CHECK(memcmp(&snap, &m, sizeof(m)) == 0);
    CHECK(memcmp(&s0, &s, sizeof(s)) == 0);
    CHECK(virq_intx_owner(&m, NF) == VIRQ_INTX_NO_VM && !virq_intx_is_masked(&m, NF));

    /* the EOI's write fails: still masked, the EOI can be repeated */
    s.fail_write = 1;
    CHECK(virq_intx_eoi(&m, 1, 1) == VIRQ_EBUS);
    CHECK(s.disable[1] && virq_intx_is_masked(&m, 1) && m.bus_errors == 1);
    s.fail_write = -1;
    CHECK(service(&s, &m, 1, 1) == VIRQ_OK && !s.disable[1]);

    /* f1's status read fails while f1 and f2 assert: f2 is handled, f1 stays
     * unmasked and comes back on the next call */
    s.status[1] = s.status[2] = true;
    s.fail_read = 1;
    unsigned dl = 0;
    CHECK(virq_intx_line(&m, &dl) == VIRQ_EBUS && dl == 1);
    CHECK(s.fn[s.n - 1] == 2 && !s.disable[1] && line(&s));
    /* alone on the line, the unreadable f1 is an error, not a spurious line */
    uint64_t sp0 = m.spurious;
    CHECK(virq_intx_line(&m, &dl) == VIRQ_EBUS && dl == 0 && m.spurious == sp0);
    s.fail_read = -1;
    CHECK(pump(&s, &m) == 1);
    CHECK(s.fn[s.n - 1] == 1 && s.vm[s.n - 1] == 1);
    /* the mask write fails: nothing is delivered, the level brings it back */
    CHECK(service(&s, &m, 1, 1) == VIRQ_OK);
    s.status[1] = true;
    s.fail_write = 1;
    unsigned n0 = s.n;
    CHECK(virq_intx_line(&m, &dl) == VIRQ_EBUS && dl == 0 && s.n == n0 && line(&s));
    s.fail_write = -1;
    CHECK(pump(&s, &m) == 1 && s.n == n0 + 1);
}

/* Random events and guest handlers: every delivery goes to the owner, and
 * once the guests have serviced what they got, nothing is left asserting. */
static void test_random(void)
{
    static const unsigned owner[NF] = {0, 1, 1, 2};
    sim_t s;
    virq_intx_mon_t m;
    shared4(&s, &m);
    uint32_t x = 12345u;
    unsigned raised[NF] = {0}, handled = 0, wrong = 0;
    bool got[NF] = {false};
    for (unsigned step = 0; step < 20000; step++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsigned fn = x % NF;
        if ((x >> 8) % 3 == 0) {
            if (!s.status[fn])
                raised[fn]++;
            s.status[fn] = true; /* events coalesce while the status is set */
        } else if (got[fn] && (x >> 8) % 3 == 1) {
            got[fn] = false;
            handled++;
            wrong += service(&s, &m, owner[fn], fn) != VIRQ_OK;
        }
        unsigned n0 = s.n;
        wrong += pump_raw(&s, &m) > 1;
        for (unsigned i = n0; i < s.n && i < LOG_MAX; i++) {
            wrong += s.vm[i] != owner[s.fn[i]] || got[s.fn[i]];
            got[s.fn[i]] = true;
        }
        s.n = 0;
    }
    for (unsigned f = 0; f < NF; f++) {
        if (got[f])
            CHECK(service(&s, &m, owner[f], f) == VIRQ_OK);
        CHECK(!s.status[f] && !s.disable[f]);
        CHECK(m.fn_stats[f].delivered == raised[f]);
    }
    CHECK(wrong == 0);
    CHECK(handled > 1000);
    CHECK(!line(&s));
}

int main(void)
{
    test_truth_table();
    test_shared_line();
    test_burst();
    test_ownership();
    test_refusals();
    test_random();
    printf("test_intx_mon: %d checks passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
