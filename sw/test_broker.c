/* Unit test of the MSI vector lease broker against simulated devices (an
 * MSI-X table per driver: programmed and mask bits per vector, and the
 * per-vector hardware lease register of one adapter).  Expected outcomes are
 * worked out by hand from seed 004 ([0037], [0043]-[0048], claims 1-7);
 * after every step an invariant is checked: every vector is free or owned by
 * exactly one driver, the pool is conserved, and a vector is live (programmed
 * and unmasked) at most at its owner's device. */
#include <stdio.h>
#include <string.h>

#include "virq_broker.h"

#include "check.h"

#define NV 32u
#define ND 5u
#define NONE VIRQ_BROKER_NONE

typedef struct hw {
    bool bound[ND][NV]; /* MSI-X entry programmed with the vector */
    bool masked[ND][NV];
    struct {
        bool on;
        unsigned adapter, owner_fn;
        uint32_t ticks;
    } lease[NV];
    int fail_bind;      /* driver whose next bind fails after fail_skip more, -1 none */
    unsigned fail_skip;
    int fail_mask;      /* driver whose masks fail, -1 none */
    int fail_rebind;    /* driver whose binds all fail (a roll-back's too), -1 none */
    unsigned fail_lease_end; /* this many lease ends (ticks 0) fail */
} hw_t;

static int h_bind(void *ctx, unsigned drv, unsigned vec)
{
    hw_t *h = ctx;
    if ((int)drv == h->fail_bind && h->fail_skip-- == 0) {
        h->fail_bind = -1;
        return 1;
    }
    if ((int)drv == h->fail_rebind)
        return 1;
    h->bound[drv][vec] = true;
    h->masked[drv][vec] = false;
    return 0;
}

static int h_mask(void *ctx, unsigned drv, unsigned vec)
{
    hw_t *h = ctx;
    if ((int)drv == h->fail_mask)
        return 1;
    h->masked[drv][vec] = true;
    return 0;
}

static int h_lease(void *ctx, unsigned adapter, unsigned vec, unsigned owner_fn, uint32_t ticks)
{
    hw_t *h = ctx;
    if (ticks == 0 && h->fail_lease_end > 0) {
        h->fail_lease_end--;
        return 1;
    }
    h->lease[vec].on = ticks != 0;
    h->lease[vec].adapter = adapter;
    h->lease[vec].owner_fn = owner_fn;
    h->lease[vec].ticks = ticks;
    return 0;
}

static bool live(const hw_t *h, unsigned d, unsigned v)
{
    return h->bound[d][v] && !h->masked[d][v];
}

/* A driver whose offers are scripted: terms with lease_ticks 0 mean "the
 * time asked for"; nterms 0 declines. */
typedef struct drv {
    unsigned nterms;
    virq_broker_term_t term[VIRQ_BROKER_MAX_TERMS];
    unsigned load;
    unsigned asked, ask_count;
    uint32_t ask_ticks;
    unsigned ev[3]; /* LENT, RETURNED, EXPIRED */
} drv_t;

static int d_offer(void *ctx, unsigned self, unsigned borrower, unsigned count, uint32_t ticks,
                   virq_broker_offer_t *of)
{
    drv_t *d = ctx;
    (void)self;
    (void)borrower;
    d->asked++;
    d->ask_count = count;
    d->ask_ticks = ticks;
    of->nterms = d->nterms;
    of->load_pct = d->load;
    for (unsigned t = 0; t < d->nterms; t++) {
        of->term[t] = d->term[t];
        if (!of->term[t].lease_ticks)
            of->term[t].lease_ticks = ticks;
    }
    return 0;
}

static void d_notify(void *ctx, unsigned self, unsigned vec, unsigned peer, virq_broker_event_t ev)
{
    drv_t *d = ctx;
    (void)self;
    (void)vec;
    (void)peer;
    d->ev[ev]++;
}

static void offers(drv_t *d, unsigned n0, uint32_t t0, unsigned n1, uint32_t t1)
{
    d->nterms = (n0 != 0) + (n1 != 0);
    d->term[0] = (virq_broker_term_t){n0, t0};
    d->term[1] = (virq_broker_term_t){n1, t1};
}

/* The system of FIG. 4: drivers 422A, 422B, 422C, 422D on one host bridge.
 * A and C are functions 0 and 1 of adapter 7 (loans between them also set
 * the hardware lease register); B and D are devices of their own. */
enum { A, B, C, D };

typedef struct world {
    hw_t hw;
    virq_broker_t b;
    drv_t d[ND];
    unsigned num_vec;
} world_t;

/* Test-side invariant, from the broker's vector table and the devices. */
static bool inv(const world_t *w)
{
    const virq_broker_t *b = &w->b;
    unsigned free_n = 0, owned_sum = 0, home_sum = 0;
    for (unsigned v = 0; v < w->num_vec; v++) {
        unsigned home = b->vec[v].home, owner = b->vec[v].owner;
        if ((home == NONE) != (owner == NONE))
            return false;
        if (home == NONE) {
            free_n++;
        } else if (home >= b->num_drv || owner >= b->num_drv) {
            return false;
        }
        unsigned nlive = 0;
        for (unsigned d = 0; d < ND; d++) {
            if (live(&w->hw, d, v)) {
                nlive++;
                if (d != owner)
                    return false;
            }
        }
        if (nlive > 1)
            return false;
        bool loan = home != owner;
        if (loan && nlive != 1) /* a vector on loan is live at its borrower */
            return false;
        bool shared = loan && b->drv[home].desc.adapter != VIRQ_BROKER_NO_ADAPTER &&
                      b->drv[home].desc.adapter == b->drv[owner].desc.adapter;
        if (w->hw.lease[v].on != shared && !b->vec[v].unsure) /* an unsure vector's lease is unknown */
            return false;
        if (shared && w->hw.lease[v].owner_fn != b->drv[owner].desc.function)
            return false;
    }
    for (unsigned d = 0; d < b->num_drv; d++) {
        unsigned h, o;
        if (virq_broker_counts(b, d, &h, &o, NULL, NULL) != VIRQ_OK)
            return false;
        home_sum += h;
        owned_sum += o;
    }
    return free_n == virq_broker_free_count(b) && free_n + owned_sum == w->num_vec && free_n + home_sum == w->num_vec;
}

#define STEP(expr)       \
    do {                 \
        CHECK(expr);     \
        CHECK(inv(w));   \
    } while (0)

/* num_vec vectors; A, B, D get five each and C three ([0037]), in the order
 * A, B, C, D: A 0-4, B 5-9, C 10-12, D 13-17.  A, B, D cooperative (B
 * declines unless told otherwise); loads A 20 %, B 0 %, D 40 %. */
static void seed_world(world_t *w, unsigned num_vec)
{
    static const unsigned alloc[4] = {5, 5, 3, 5};
    memset(w, 0, sizeof(*w));
    w->num_vec = num_vec;
    w->hw.fail_bind = w->hw.fail_mask = w->hw.fail_rebind = -1;
    virq_broker_ops_t ops = {&w->hw, h_bind, h_mask, h_lease};
    CHECK(virq_broker_init(&w->b, &ops, num_vec) == VIRQ_OK);
    for (unsigned i = 0; i < 4; i++) {
        virq_broker_drv_desc_t desc = {VIRQ_BROKER_NO_ADAPTER, 0, 0, {&w->d[i], d_offer, d_notify}};
        if (i == A || i == C) {
            desc.adapter = 7;
            desc.function = i == A ? 0 : 1;
        }
        unsigned id = 99, got = 0;
        CHECK(virq_broker_add_driver(&w->b, &desc, &id) == VIRQ_OK && id == i);
        CHECK(virq_broker_alloc(&w->b, i, alloc[i], &got) == VIRQ_OK && got == alloc[i]);
        CHECK(inv(w));
    }
    w->d[A].load = 20;
    w->d[D].load = 40;
    CHECK(virq_broker_set_cooperative(&w->b, A, true) == VIRQ_OK);
    CHECK(virq_broker_set_cooperative(&w->b, B, true) == VIRQ_OK);
    CHECK(virq_broker_set_cooperative(&w->b, D, true) == VIRQ_OK);
}

/* FIG. 4's offers: A lends up to two, D up to one, B declines. */
static void fig4_world(world_t *w)
{
    seed_world(w, 18);
    offers(&w->d[A], 2, 0, 0, 0);
    offers(&w->d[D], 1, 0, 0, 0);
}

/* owned / lent / borrowed of driver d */
static bool counts(const world_t *w, unsigned d, unsigned owned, unsigned lent, unsigned borrowed)
{
    unsigned o, l, r;
    return virq_broker_counts(&w->b, d, NULL, &o, &l, &r) == VIRQ_OK && o == owned && l == lent && r == borrowed;
}

static bool item(const virq_broker_grant_t *g, unsigned i, unsigned vec, unsigned lender, uint32_t ticks)
{
    return i < g->n && g->item[i].vec == vec && g->item[i].lender == lender && g->item[i].lease_ticks == ticks;
}

/* The seed's example after the loans of FIG. 4: C borrowed 4, 3 from A and
 * 17 from D for 60 ticks; then expiry at tick 60 sends them home masked. */
static void check_fig4_and_expiry(world_t *w, const virq_broker_grant_t *g)
{
    CHECK(g->requested == 3 && g->from_pool == 0 && g->borrowed == 3 && g->n == 3);
    CHECK(item(g, 0, 4, A, 60) && item(g, 1, 3, A, 60) && item(g, 2, 17, D, 60));
    CHECK(counts(w, A, 3, 2, 0) && counts(w, B, 5, 0, 0) && counts(w, C, 6, 0, 3) && counts(w, D, 4, 1, 0));
    CHECK(w->hw.masked[A][3] && w->hw.masked[A][4] && w->hw.masked[D][17]);
    CHECK(live(&w->hw, C, 3) && live(&w->hw, C, 4) && live(&w->hw, C, 17));
    /* A and C share adapter 7: the lease registers of 3 and 4 name function 1 */
    CHECK(w->hw.lease[3].on && w->hw.lease[3].adapter == 7 && w->hw.lease[3].owner_fn == 1 &&
          w->hw.lease[3].ticks == 60 && w->hw.lease[4].on && !w->hw.lease[17].on);
    CHECK(w->d[A].ev[VIRQ_BROKER_LENT] == 2 && w->d[D].ev[VIRQ_BROKER_LENT] == 1 && w->d[B].ev[VIRQ_BROKER_LENT] == 0);

    STEP(virq_broker_advance(&w->b, 59) == VIRQ_OK);
    CHECK(counts(w, C, 6, 0, 3));
    STEP(virq_broker_advance(&w->b, 1) == VIRQ_OK);
    CHECK(counts(w, A, 5, 0, 0) && counts(w, B, 5, 0, 0) && counts(w, C, 3, 0, 0) && counts(w, D, 5, 0, 0));
    CHECK(w->b.vec[3].owner == A && w->b.vec[4].owner == A && w->b.vec[17].owner == D);
    /* masked at the borrower, home again masked, leases ended */
    CHECK(w->hw.masked[C][3] && w->hw.masked[C][4] && w->hw.masked[C][17]);
    CHECK(w->hw.masked[A][3] && w->hw.masked[A][4] && w->hw.masked[D][17]);
    CHECK(!w->hw.lease[3].on && !w->hw.lease[4].on && w->hw.lease[3].owner_fn == 0);
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 2 && w->d[D].ev[VIRQ_BROKER_RETURNED] == 1);
    CHECK(w->d[C].ev[VIRQ_BROKER_EXPIRED] == 3 && w->b.drv[C].stats.expired == 3);
    STEP(virq_broker_advance(&w->b, 1000) == VIRQ_OK);
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 2);
}

/* [0043]-[0044], [0048]: C asks for three for 60 ticks; A lends two, D one,
 * B declines.  A's offer comes first (load 20 % against D's 40 %) but
 * covers only two. */
static void test_seed_parallel(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    fig4_world(w);
    CHECK(virq_broker_free_count(&w->b) == 0);
    CHECK(w->b.vec[0].home == A && w->b.vec[9].home == B && w->b.vec[10].home == C && w->b.vec[17].home == D);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.asked == 3 && g.declined == 1);
    CHECK(w->d[A].asked == 1 && w->d[B].asked == 1 && w->d[D].asked == 1);
    CHECK(w->d[A].ask_count == 3 && w->d[B].ask_count == 3 && w->d[D].ask_ticks == 60);
    check_fig4_and_expiry(w, &g);
}

/* [0047]: one after another.  With equal priorities the order is A, B, D:
 * A lends two, B is asked for one and declines, D lends one.  With B of
 * higher priority the order is A, D, B and B is never asked. */
static void test_seed_sequential(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    fig4_world(w);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_SEQUENTIAL, &g) == VIRQ_OK);
    CHECK(g.asked == 3 && g.declined == 1);
    CHECK(w->d[A].ask_count == 3 && w->d[B].ask_count == 1 && w->d[D].ask_count == 1);
    check_fig4_and_expiry(w, &g);

    fig4_world(w);
    w->b.drv[B].desc.priority = 5;
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_SEQUENTIAL, &g) == VIRQ_OK);
    CHECK(g.asked == 2 && g.declined == 0 && w->d[B].asked == 0);
    check_fig4_and_expiry(w, &g);
}

/* FIG. 5 block 525: no cooperative driver, no free vector: denied, and C
 * keeps its old group.  All cooperative drivers declining: denied too. */
static void test_denied(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    seed_world(w, 18);
    for (unsigned d = 0; d < 4; d++)
        CHECK(virq_broker_set_cooperative(&w->b, d, false) == VIRQ_OK);
    offers(&w->d[A], 5, 0, 0, 0);
    hw_t h0 = w->hw;
    virq_broker_vec_t v0[NV];
    memcpy(v0, w->b.vec, sizeof(v0));
    for (unsigned m = 0; m < 2; m++) {
        STEP(virq_broker_request(&w->b, C, 3, 60, (virq_broker_mode_t)m, &g) == VIRQ_EDENIED);
        CHECK(g.n == 0 && g.asked == 0 && w->d[A].asked == 0);
    }
    CHECK(w->b.drv[C].stats.denied == 2 && w->b.drv[C].stats.requests == 2);

    offers(&w->d[A], 0, 0, 0, 0);
    for (unsigned d = 0; d < 4; d++)
        CHECK(virq_broker_set_cooperative(&w->b, d, true) == VIRQ_OK);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EDENIED);
    CHECK(g.n == 0 && g.asked == 3 && g.declined == 3);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_SEQUENTIAL, &g) == VIRQ_EDENIED);
    CHECK(g.asked == 3 && g.declined == 3 && w->b.drv[B].stats.declined == 2);
    CHECK(memcmp(&h0, &w->hw, sizeof(h0)) == 0 && memcmp(v0, w->b.vec, sizeof(v0)) == 0);
    CHECK(counts(w, C, 3, 0, 0));
}

/* [0046]: C asks for four; A lends two, D one, B none: three granted. */
static void test_partial(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    for (unsigned m = 0; m < 2; m++) {
        fig4_world(w);
        STEP(virq_broker_request(&w->b, C, 4, 60, (virq_broker_mode_t)m, &g) == VIRQ_OK);
        CHECK(g.requested == 4 && g.n == 3 && g.borrowed == 3 && w->b.drv[C].stats.partial == 1);
        CHECK(item(&g, 0, 4, A, 60) && item(&g, 1, 3, A, 60) && item(&g, 2, 17, D, 60));
        CHECK(counts(w, C, 6, 0, 3));
        STEP(virq_broker_advance(&w->b, 60) == VIRQ_OK);
        CHECK(counts(w, C, 3, 0, 0) && counts(w, A, 5, 0, 0) && counts(w, D, 5, 0, 0));
    }
}

/* [0045]: counter-offers.  C asks three for 60.  B offers three for 45, D
 * three for 30: B's three are closest.  Then A offers two for 60 and one
 * for 30: A's two and one of B's (45) are taken. */
static void test_counter_offers(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    seed_world(w, 18);
    offers(&w->d[B], 3, 45, 0, 0);
    offers(&w->d[D], 3, 30, 0, 0);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 3 && item(&g, 0, 9, B, 45) && item(&g, 1, 8, B, 45) && item(&g, 2, 7, B, 45));
    CHECK(g.asked == 3 && g.declined == 1 && counts(w, D, 5, 0, 0));
    CHECK(!w->hw.lease[9].on); /* B and C are not one adapter */
    STEP(virq_broker_advance(&w->b, 44) == VIRQ_OK);
    CHECK(counts(w, C, 6, 0, 3));
    STEP(virq_broker_advance(&w->b, 1) == VIRQ_OK);
    CHECK(counts(w, C, 3, 0, 0) && counts(w, B, 5, 0, 0) && w->d[B].ev[VIRQ_BROKER_RETURNED] == 3);

    seed_world(w, 18);
    offers(&w->d[A], 2, 60, 1, 30);
    offers(&w->d[B], 3, 45, 0, 0);
    offers(&w->d[D], 3, 30, 0, 0);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 3 && item(&g, 0, 4, A, 60) && item(&g, 1, 3, A, 60) && item(&g, 2, 9, B, 45));
    STEP(virq_broker_advance(&w->b, 45) == VIRQ_OK);
    CHECK(counts(w, C, 5, 0, 2) && counts(w, B, 5, 0, 0) && counts(w, A, 3, 2, 0));
    CHECK(w->hw.masked[C][9] && w->hw.masked[B][9] && live(&w->hw, C, 4));
    STEP(virq_broker_advance(&w->b, 15) == VIRQ_OK);
    CHECK(counts(w, C, 3, 0, 0) && counts(w, A, 5, 0, 0));

    /* sequential: each lender's longest term first, asked for what is left;
     * an offer longer than asked is held to the time asked */
    seed_world(w, 18);
    offers(&w->d[A], 1, 30, 1, 100);
    offers(&w->d[B], 3, 45, 0, 0);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_SEQUENTIAL, &g) == VIRQ_OK);
    CHECK(g.n == 3 && item(&g, 0, 4, A, 60) && item(&g, 1, 3, A, 30) && item(&g, 2, 9, B, 45));
    CHECK(w->d[B].ask_count == 1 && w->d[D].asked == 0);
    STEP(virq_broker_advance(&w->b, 30) == VIRQ_OK);
    CHECK(counts(w, C, 5, 0, 2) && w->b.vec[3].owner == A);
    STEP(virq_broker_advance(&w->b, 30) == VIRQ_OK);
    CHECK(counts(w, C, 3, 0, 0));
}

/* [0044], claims 4-5: more offered than asked; the choice goes by priority,
 * then load, then driver number. */
static void test_choice(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    seed_world(w, 18);
    offers(&w->d[A], 3, 0, 0, 0);
    offers(&w->d[D], 3, 0, 0, 0);
    w->b.drv[A].desc.priority = 1;
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 3 && item(&g, 0, 17, D, 60) && item(&g, 2, 15, D, 60) && counts(w, A, 5, 0, 0));

    seed_world(w, 18);
    offers(&w->d[A], 3, 0, 0, 0);
    offers(&w->d[D], 3, 0, 0, 0);
    w->d[A].load = 50;
    w->d[D].load = 10;
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 3 && item(&g, 0, 17, D, 60) && counts(w, D, 2, 3, 0));

    seed_world(w, 18);
    offers(&w->d[A], 2, 0, 0, 0);
    offers(&w->d[D], 2, 0, 0, 0);
    w->d[A].load = w->d[D].load = 0;
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 3 && item(&g, 0, 4, A, 60) && item(&g, 1, 3, A, 60) && item(&g, 2, 17, D, 60));
}

/* Claim 6, FIG. 5 block 515: free vectors first, and they stay.  Twenty
 * vectors: 18 and 19 are free. */
static void test_pool_first(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    seed_world(w, 20);
    offers(&w->d[A], 2, 0, 0, 0);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.from_pool == 2 && g.borrowed == 1 && g.n == 3);
    CHECK(item(&g, 0, 18, NONE, 0) && item(&g, 1, 19, NONE, 0) && item(&g, 2, 4, A, 60));
    CHECK(w->d[A].ask_count == 1 && live(&w->hw, C, 18));
    unsigned home = 0;
    CHECK(virq_broker_counts(&w->b, C, &home, NULL, NULL, NULL) == VIRQ_OK && home == 5);
    STEP(virq_broker_advance(&w->b, 60) == VIRQ_OK);
    CHECK(counts(w, C, 5, 0, 0) && counts(w, A, 5, 0, 0) && live(&w->hw, C, 19));
    /* the pool is empty now; with no lender a request is denied */
    CHECK(virq_broker_free_count(&w->b) == 0);
    unsigned got = 7;
    STEP(virq_broker_alloc(&w->b, B, 1, &got) == VIRQ_EDENIED && got == 7);

    /* a request the pool covers asks nobody */
    seed_world(w, 24);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_SEQUENTIAL, &g) == VIRQ_OK);
    CHECK(g.from_pool == 3 && g.asked == 0 && w->d[A].asked == 0 && counts(w, C, 6, 0, 0));
    /* initial allocation may be partial */
    STEP(virq_broker_alloc(&w->b, D, 4, &got) == VIRQ_OK && got == 3 && counts(w, D, 8, 0, 0));
}

/* The borrower may give a vector back early; only the borrower. */
static void test_return(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    fig4_world(w);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    STEP(virq_broker_return(&w->b, A, 4) == VIRQ_EINVAL);  /* the lender */
    STEP(virq_broker_return(&w->b, C, 10) == VIRQ_EINVAL); /* C's own */
    STEP(virq_broker_return(&w->b, C, 5) == VIRQ_EINVAL);  /* B's, not lent */
    STEP(virq_broker_return(&w->b, C, 4) == VIRQ_OK);
    CHECK(w->b.vec[4].owner == A && w->hw.masked[C][4] && w->hw.masked[A][4] && !w->hw.lease[4].on);
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 1 && w->d[C].ev[VIRQ_BROKER_EXPIRED] == 0);
    STEP(virq_broker_return(&w->b, C, 4) == VIRQ_EINVAL); /* not on loan any more */
    STEP(virq_broker_advance(&w->b, 60) == VIRQ_OK);
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 2 && w->d[C].ev[VIRQ_BROKER_EXPIRED] == 2);
}

/* The device ended a loan itself (virq_broker_expire): as at expiry, at
 * once, whatever the broker's clock says; the broker's own deadline then
 * finds nothing more to end. */
static void test_expire(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    fig4_world(w);
    STEP(virq_broker_request(&w->b, C, 3, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    STEP(virq_broker_advance(&w->b, 10) == VIRQ_OK);
    STEP(virq_broker_expire(&w->b, 10) == VIRQ_EINVAL); /* C's own */
    STEP(virq_broker_expire(&w->b, 5) == VIRQ_EINVAL);  /* B's, not lent */
    STEP(virq_broker_expire(&w->b, NV) == VIRQ_EINVAL);
    STEP(virq_broker_expire(NULL, 4) == VIRQ_EINVAL);
    STEP(virq_broker_expire(&w->b, 4) == VIRQ_OK);
    CHECK(w->b.vec[4].owner == A && w->hw.masked[C][4] && w->hw.masked[A][4] && !w->hw.lease[4].on);
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 1 && w->d[C].ev[VIRQ_BROKER_EXPIRED] == 1);
    CHECK(w->b.drv[C].stats.expired == 1 && counts(w, C, 5, 0, 2) && counts(w, A, 4, 1, 0));
    STEP(virq_broker_expire(&w->b, 4) == VIRQ_EINVAL); /* over */
    STEP(virq_broker_advance(&w->b, 50) == VIRQ_OK);    /* tick 60: the other two */
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 2 && w->d[D].ev[VIRQ_BROKER_RETURNED] == 1);
    CHECK(w->d[C].ev[VIRQ_BROKER_EXPIRED] == 3 && counts(w, C, 3, 0, 0));
}

/* Bad arguments: an error and nothing touched. */
static void test_refusals(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    virq_broker_t tmp;
    hw_t h;
    virq_broker_ops_t ok = {&h, h_bind, h_mask, NULL}, nobind = {&h, NULL, h_mask, NULL};
    CHECK(virq_broker_init(&tmp, NULL, 8) == VIRQ_EINVAL);
    CHECK(virq_broker_init(NULL, &ok, 8) == VIRQ_EINVAL);
    CHECK(virq_broker_init(&tmp, &nobind, 8) == VIRQ_EINVAL);
    CHECK(virq_broker_init(&tmp, &ok, 0) == VIRQ_EINVAL);
    CHECK(virq_broker_init(&tmp, &ok, VIRQ_BROKER_MAX_VEC + 1) == VIRQ_EINVAL);

    seed_world(w, 18);
    offers(&w->d[A], 2, 0, 0, 0);
    STEP(virq_broker_request(&w->b, C, 1, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    virq_broker_t b0;
    memcpy(&b0, &w->b, sizeof(b0));
    hw_t h0 = w->hw;
    drv_t d0[ND];
    memcpy(d0, w->d, sizeof(d0));
    unsigned id = 42, got = 42;
    virq_broker_drv_desc_t silent = {VIRQ_BROKER_NO_ADAPTER, 0, 0, {NULL, NULL, NULL}};
    STEP(virq_broker_add_driver(&w->b, NULL, &id) == VIRQ_EINVAL && id == 42);
    STEP(virq_broker_add_driver(&w->b, &silent, NULL) == VIRQ_EINVAL);
    STEP(virq_broker_alloc(&w->b, 4, 1, &got) == VIRQ_EINVAL && got == 42);
    STEP(virq_broker_alloc(&w->b, A, 0, &got) == VIRQ_EINVAL);
    STEP(virq_broker_alloc(&w->b, A, 19, &got) == VIRQ_EINVAL);
    STEP(virq_broker_set_cooperative(&w->b, 4, true) == VIRQ_EINVAL);
    STEP(virq_broker_request(&w->b, 4, 1, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EINVAL);
    STEP(virq_broker_request(&w->b, C, 0, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EINVAL);
    STEP(virq_broker_request(&w->b, C, 19, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EINVAL);
    STEP(virq_broker_request(&w->b, C, 1, 0, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EINVAL);
    STEP(virq_broker_request(&w->b, C, 1, 60, (virq_broker_mode_t)2, &g) == VIRQ_EINVAL);
    STEP(virq_broker_request(&w->b, C, 1, 60, VIRQ_BROKER_PARALLEL, NULL) == VIRQ_EINVAL);
    STEP(virq_broker_request(NULL, C, 1, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EINVAL);
    STEP(virq_broker_return(&w->b, C, NV) == VIRQ_EINVAL);
    STEP(virq_broker_return(&w->b, 4, 4) == VIRQ_EINVAL);
    STEP(virq_broker_advance(NULL, 1) == VIRQ_EINVAL);
    STEP(virq_broker_counts(&w->b, 4, NULL, NULL, NULL, NULL) == VIRQ_EINVAL);
    CHECK(memcmp(&b0, &w->b, sizeof(b0)) == 0);
    CHECK(memcmp(&h0, &w->hw, sizeof(h0)) == 0);
    CHECK(memcmp(d0, w->d, sizeof(d0)) == 0);

    /* a cooperative driver needs an offer callback; the table is finite */
    STEP(virq_broker_add_driver(&w->b, &silent, &id) == VIRQ_OK && id == 4);
    STEP(virq_broker_set_cooperative(&w->b, 4, true) == VIRQ_EINVAL);
    for (unsigned i = 5; i < VIRQ_BROKER_MAX_DRV; i++)
        CHECK(virq_broker_add_driver(&w->b, &silent, &id) == VIRQ_OK && id == i);
    STEP(virq_broker_add_driver(&w->b, &silent, &id) == VIRQ_EINVAL && id == VIRQ_BROKER_MAX_DRV - 1);
}

/* A lends up to two, and C's binding fails after skip more succeed. */
static void bind_fail_world(world_t *w, unsigned skip)
{
    seed_world(w, 18);
    offers(&w->d[A], 2, 0, 0, 0);
    w->hw.fail_bind = C;
    w->hw.fail_skip = skip;
}

/* Failed device accesses: a vector whose binding fails stays with its
 * lender, live there; a failed mask at expiry does not keep it away. */
static void test_bus_errors(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    bind_fail_world(w, 1); /* the second vector's binding at C fails */
    STEP(virq_broker_request(&w->b, C, 2, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EBUS);
    CHECK(g.n == 1 && item(&g, 0, 4, A, 60));
    CHECK(w->b.vec[3].owner == A && live(&w->hw, A, 3) && !w->hw.lease[3].on);
    CHECK(counts(w, A, 4, 1, 0) && counts(w, C, 4, 0, 1));
    /* C's mask fails at expiry: the vector goes home all the same (C's
     * entry stays live in the simulated device, which is why virq_top's
     * lease register masks it in hardware too) */
    w->hw.fail_mask = C;
    CHECK(virq_broker_advance(&w->b, 60) == VIRQ_EBUS);
    CHECK(w->b.vec[4].owner == A && counts(w, C, 3, 0, 0) && counts(w, A, 5, 0, 0));
    CHECK(w->d[A].ev[VIRQ_BROKER_RETURNED] == 1 && !w->hw.lease[4].on);
}

/* A roll-back whose own accesses fail: C's bind fails, then ending the
 * hardware lease and A's re-bind fail too.  Vector 4 stays A's but unsure:
 * not lent again, and each advance retries the roll-back until it works. */
static void test_unsure(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    bind_fail_world(w, 0);
    w->hw.fail_rebind = A;
    w->hw.fail_lease_end = 1;
    STEP(virq_broker_request(&w->b, C, 1, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_EBUS);
    CHECK(g.n == 0 && w->b.vec[4].owner == A && w->b.vec[4].unsure && w->b.drv[A].stats.unsure == 1);
    /* the device as the failed accesses left it: leased to C's function, masked at A */
    CHECK(w->hw.lease[4].on && w->hw.lease[4].owner_fn == 1 && !live(&w->hw, A, 4) && counts(w, A, 5, 0, 0));
    /* not lent again: C's next request gets vector 3 */
    STEP(virq_broker_request(&w->b, C, 1, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 1 && item(&g, 0, 3, A, 60) && counts(w, A, 4, 1, 0) && counts(w, C, 4, 0, 1));
    /* the first retry ends the lease but A's bind still fails */
    STEP(virq_broker_advance(&w->b, 0) == VIRQ_EBUS);
    CHECK(w->b.vec[4].unsure && !w->hw.lease[4].on && !live(&w->hw, A, 4));
    /* the second works: vector 4 is live at A and can be lent again */
    w->hw.fail_rebind = -1;
    STEP(virq_broker_advance(&w->b, 0) == VIRQ_OK);
    CHECK(!w->b.vec[4].unsure && live(&w->hw, A, 4) && w->b.drv[A].stats.unsure == 1);
    STEP(virq_broker_request(&w->b, C, 1, 60, VIRQ_BROKER_PARALLEL, &g) == VIRQ_OK);
    CHECK(g.n == 1 && item(&g, 0, 4, A, 60) && counts(w, A, 3, 2, 0));
}

/* Random requests, offers, returns and time: the invariant after every step,
 * and everything home once every lease has run out. */
static void test_random(void)
{
    world_t wb, *w = &wb;
    virq_broker_grant_t g;
    seed_world(w, 20);
    uint32_t x = 2024u;
    unsigned bad = 0, granted = 0, denied = 0;
    for (unsigned step = 0; step < 3000; step++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsigned who = x % 4, r = (x >> 4) % 8;
        for (unsigned d = 0; d < 4; d++)
            offers(&w->d[d], (x >> (8 + 2 * d)) % 4, (x >> (16 + d)) % 2 ? 0 : 1 + (x >> 20) % 50, 1, 5);
        if (r < 4) {
            int rc = virq_broker_request(&w->b, who, 1 + (x >> 24) % 6, 1 + (x >> 12) % 80,
                                         (virq_broker_mode_t)(r & 1), &g);
            granted += rc == VIRQ_OK;
            denied += rc == VIRQ_EDENIED;
            bad += rc != VIRQ_OK && rc != VIRQ_EDENIED;
        } else if (r < 6) {
            unsigned v = (x >> 9) % 20;
            unsigned owner = w->b.vec[v].owner;
            if (owner != NONE && owner != w->b.vec[v].home)
                bad += virq_broker_return(&w->b, owner, v) != VIRQ_OK;
        } else {
            bad += virq_broker_advance(&w->b, (x >> 7) % 20) != VIRQ_OK;
        }
        bad += !inv(w);
    }
    CHECK(bad == 0);
    CHECK(granted > 100 && denied > 10);
    CHECK(virq_broker_advance(&w->b, 1000) == VIRQ_OK && inv(w));
    unsigned lent_sum = 0;
    for (unsigned d = 0; d < 4; d++) {
        unsigned l, r;
        CHECK(virq_broker_counts(&w->b, d, NULL, NULL, &l, &r) == VIRQ_OK);
        lent_sum += l + r;
    }
    CHECK(lent_sum == 0);
}

int main(void)
{
    test_seed_parallel();
    test_seed_sequential();
    test_denied();
    test_partial();
    test_counter_offers();
    test_choice();
    test_pool_first();
    test_return();
    test_expire();
    test_refusals();
    test_bus_errors();
    test_unsure();
    test_random();
    printf("test_broker: %d checks passed, %d failed\n", check_passed, check_failed);
    return check_failed != 0;
}
