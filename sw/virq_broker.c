/* MSI vector lease broker: see virq_broker.h and docs/hypervisor.md. */
#include "virq_broker.h"

#include <string.h>

/* One part of one lender's offer, as the choice sees it. */
typedef struct lot {
    unsigned lender;
    unsigned count;
    uint32_t ticks;
    unsigned priority;
    unsigned load;
} lot_t;

#define MAX_LOTS (VIRQ_BROKER_MAX_DRV * VIRQ_BROKER_MAX_TERMS)

static bool drv_ok(const virq_broker_t *b, unsigned d)
{
    return d < b->num_drv && b->drv[d].used;
}

static bool on_loan(const virq_broker_vec_t *v)
{
    return v->home != VIRQ_BROKER_NONE && v->owner != v->home;
}

/* A vector d could lend now: its own, at home, not unsure. */
static bool lendable_vec(const virq_broker_t *b, unsigned v, unsigned d)
{
    return b->vec[v].home == d && b->vec[v].owner == d && !b->vec[v].unsure;
}

static unsigned lendable(const virq_broker_t *b, unsigned d)
{
    unsigned n = 0;
    for (unsigned v = 0; v < b->num_vec; v++)
        n += lendable_vec(b, v, d);
    return n;
}

/* Adapter shared by two drivers, or VIRQ_BROKER_NO_ADAPTER. */
static unsigned shared_adapter(const virq_broker_t *b, unsigned x, unsigned y)
{
    unsigned a = b->drv[x].desc.adapter;
    if (a == VIRQ_BROKER_NO_ADAPTER || a != b->drv[y].desc.adapter || !b->ops.hw_lease)
        return VIRQ_BROKER_NO_ADAPTER;
    return a;
}

static void notify(const virq_broker_t *b, unsigned d, unsigned vec, unsigned peer, virq_broker_event_t ev)
{
    const virq_broker_drv_ops_t *o = &b->drv[d].desc.ops;
    if (o->notify)
        o->notify(o->ctx, d, vec, peer, ev);
}

static void add_item(virq_broker_grant_t *g, unsigned vec, unsigned lender, uint32_t ticks)
{
    g->item[g->n].vec = (uint16_t)vec;
    g->item[g->n].lender = (uint16_t)lender;
    g->item[g->n].lease_ticks = ticks;
    g->n++;
}

int virq_broker_init(virq_broker_t *b, const virq_broker_ops_t *ops, unsigned num_vec)
{
    if (!b || !ops || !ops->bind || !ops->mask || num_vec == 0 || num_vec > VIRQ_BROKER_MAX_VEC)
        return VIRQ_EINVAL;
    memset(b, 0, sizeof(*b));
    b->ops = *ops;
    b->num_vec = num_vec;
    for (unsigned v = 0; v < num_vec; v++)
        b->vec[v].home = b->vec[v].owner = VIRQ_BROKER_NONE;
    return VIRQ_OK;
}

int virq_broker_add_driver(virq_broker_t *b, const virq_broker_drv_desc_t *desc, unsigned *id)
{
    if (!b || !desc || !id || b->num_drv >= VIRQ_BROKER_MAX_DRV)
        return VIRQ_EINVAL;
    virq_broker_drv_t *d = &b->drv[b->num_drv];
    memset(d, 0, sizeof(*d));
    d->used = true;
    d->desc = *desc;
    *id = b->num_drv++;
    return VIRQ_OK;
}

/* Up to count free vectors, lowest first, become d's own and are bound. */
static int take_free(virq_broker_t *b, unsigned d, unsigned count, virq_broker_grant_t *g, unsigned *got)
{
    *got = 0;
    for (unsigned v = 0; v < b->num_vec && *got < count; v++) {
        if (b->vec[v].home != VIRQ_BROKER_NONE)
            continue;
        if (b->ops.bind(b->ops.ctx, d, v) != 0)
            return VIRQ_EBUS;
        b->vec[v].home = b->vec[v].owner = (uint16_t)d;
        (*got)++;
        if (g)
            add_item(g, v, VIRQ_BROKER_NONE, 0);
    }
    return VIRQ_OK;
}

int virq_broker_alloc(virq_broker_t *b, unsigned drv, unsigned count, unsigned *got)
{
    if (!b || !drv_ok(b, drv) || count == 0 || count > b->num_vec)
        return VIRQ_EINVAL;
    if (virq_broker_free_count(b) == 0)
        return VIRQ_EDENIED;
    unsigned n;
    int err = take_free(b, drv, count, NULL, &n);
    if (got)
        *got = n;
    return err;
}

int virq_broker_set_cooperative(virq_broker_t *b, unsigned drv, bool cooperative)
{
    if (!b || !drv_ok(b, drv) || (cooperative && !b->drv[drv].desc.ops.offer))
        return VIRQ_EINVAL;
    b->drv[drv].cooperative = cooperative;
    return VIRQ_OK;
}

/* Undo a loan of v from lender to borrower that failed at the borrower's
 * bind (lease_set: the hardware lease had been set): end the hardware lease,
 * bind v at the lender again.  0 when both accesses succeeded. */
static int roll_back(virq_broker_t *b, unsigned lender, unsigned borrower, unsigned v, bool lease_set)
{
    const virq_broker_ops_t *o = &b->ops;
    unsigned ad = shared_adapter(b, lender, borrower);
    int err = 0;
    if (lease_set && ad != VIRQ_BROKER_NO_ADAPTER && o->hw_lease(o->ctx, ad, v, b->drv[lender].desc.function, 0) != 0)
        err = 1;
    if (o->bind(o->ctx, lender, v) != 0)
        err = 1;
    return err;
}

static void rolled_back(virq_broker_t *b, unsigned lender, unsigned borrower, unsigned v, int err)
{
    if (err == 0)
        return;
    b->vec[v].unsure = true;
    b->vec[v].peer = (uint16_t)borrower;
    b->drv[lender].stats.unsure++;
}

/* Lend one of lender's vectors (the highest-numbered one at home) to
 * borrower for ticks: mask it at the lender, set the hardware lease if they
 * share an adapter, program it at the borrower.  A failed step undoes the
 * ones before it; a failed undo leaves the vector unsure. */
static int lend_one(virq_broker_t *b, unsigned lender, unsigned borrower, uint32_t ticks, unsigned *vec)
{
    unsigned v = b->num_vec;
    while (v-- > 0)
        if (lendable_vec(b, v, lender))
            break;
    if (v >= b->num_vec)
        return VIRQ_EINVAL; /* nothing at home: ask() trims offers so this cannot happen */
    const virq_broker_ops_t *o = &b->ops;
    unsigned ad = shared_adapter(b, lender, borrower);
    if (o->mask(o->ctx, lender, v) != 0)
        return VIRQ_EBUS;
    if (ad != VIRQ_BROKER_NO_ADAPTER && o->hw_lease(o->ctx, ad, v, b->drv[borrower].desc.function, ticks) != 0) {
        rolled_back(b, lender, borrower, v, roll_back(b, lender, borrower, v, false));
        return VIRQ_EBUS;
    }
    if (o->bind(o->ctx, borrower, v) != 0) {
        rolled_back(b, lender, borrower, v, roll_back(b, lender, borrower, v, true));
        return VIRQ_EBUS;
    }
    b->vec[v].owner = (uint16_t)borrower;
    b->vec[v].lease_ticks = ticks;
    b->vec[v].expires = b->now + ticks;
    b->drv[lender].stats.lent++;
    b->drv[borrower].stats.borrowed++;
    notify(b, lender, v, borrower, VIRQ_BROKER_LENT);
    *vec = v;
    return VIRQ_OK;
}

/* End vector v's loan: mask it at the borrower, end the hardware lease, and
 * give it back to its home, masked.  Goes on after a failed access. */
static int give_back(virq_broker_t *b, unsigned v, bool expired)
{
    const virq_broker_ops_t *o = &b->ops;
    unsigned home = b->vec[v].home, borrower = b->vec[v].owner;
    unsigned ad = shared_adapter(b, home, borrower);
    int err = VIRQ_OK;
    if (o->mask(o->ctx, borrower, v) != 0)
        err = VIRQ_EBUS;
    if (ad != VIRQ_BROKER_NO_ADAPTER && o->hw_lease(o->ctx, ad, v, b->drv[home].desc.function, 0) != 0)
        err = VIRQ_EBUS;
    b->vec[v].owner = (uint16_t)home;
    b->vec[v].lease_ticks = 0;
    b->vec[v].expires = 0;
    notify(b, home, v, borrower, VIRQ_BROKER_RETURNED);
    if (expired) {
        b->drv[borrower].stats.expired++;
        notify(b, borrower, v, home, VIRQ_BROKER_EXPIRED);
    }
    return err;
}

/* The choice among offers: closest lease time first (shorter or equal to
 * the one asked, so the longest), then lower lender priority, then lower
 * load, then lower driver number. */
static bool lot_before(const lot_t *x, const lot_t *y)
{
    if (x->ticks != y->ticks)
        return x->ticks > y->ticks;
    if (x->priority != y->priority)
        return x->priority < y->priority;
    if (x->load != y->load)
        return x->load < y->load;
    return x->lender < y->lender;
}

static void sort_lots(lot_t *l, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        lot_t t = l[i];
        unsigned j = i;
        for (; j > 0 && lot_before(&t, &l[j - 1]); j--)
            l[j] = l[j - 1];
        l[j] = t;
    }
}

/* Ask lender for need vectors for ticks; its offer, trimmed to what was
 * asked and to what it has at home, longest lease first, goes to out.
 * Returns the number of lots (0: declined). */
static unsigned ask(virq_broker_t *b, unsigned lender, unsigned borrower, unsigned need, uint32_t ticks,
                    lot_t out[VIRQ_BROKER_MAX_TERMS])
{
    virq_broker_drv_t *d = &b->drv[lender];
    virq_broker_offer_t of;
    memset(&of, 0, sizeof(of));
    d->stats.asked++;
    unsigned n = 0;
    if (d->desc.ops.offer(d->desc.ops.ctx, lender, borrower, need, ticks, &of) == 0) {
        unsigned nt = of.nterms < VIRQ_BROKER_MAX_TERMS ? of.nterms : VIRQ_BROKER_MAX_TERMS;
        for (unsigned t = 0; t < nt; t++) {
            const virq_broker_term_t *tm = &of.term[t];
            if (tm->count == 0 || tm->lease_ticks == 0)
                continue;
            out[n].lender = lender;
            out[n].count = tm->count;
            out[n].ticks = tm->lease_ticks < ticks ? tm->lease_ticks : ticks;
            out[n].priority = d->desc.priority;
            out[n].load = of.load_pct;
            n++;
        }
    }
    sort_lots(out, n);
    unsigned avail = lendable(b, lender);
    need = need < avail ? need : avail;
    unsigned kept = 0;
    for (unsigned i = 0; i < n && need > 0; i++) {
        out[kept] = out[i];
        if (out[kept].count > need)
            out[kept].count = need;
        need -= out[kept].count;
        kept++;
    }
    if (kept == 0)
        d->stats.declined++;
    return kept;
}

/* Take up to *need vectors of one lot. */
static int take_lot(virq_broker_t *b, unsigned borrower, const lot_t *l, unsigned *need, virq_broker_grant_t *g)
{
    for (unsigned i = 0; i < l->count && *need > 0; i++) {
        unsigned v;
        int err = lend_one(b, l->lender, borrower, l->ticks, &v);
        if (err)
            return err;
        add_item(g, v, l->lender, l->ticks);
        g->borrowed++;
        (*need)--;
    }
    return VIRQ_OK;
}

/* Cooperative drivers other than the borrower with something at home, by
 * priority, then number: the order of the sequential mode. */
static unsigned lenders(const virq_broker_t *b, unsigned borrower, unsigned out[VIRQ_BROKER_MAX_DRV])
{
    unsigned n = 0;
    for (unsigned d = 0; d < b->num_drv; d++) {
        if (d == borrower || !b->drv[d].cooperative || lendable(b, d) == 0)
            continue;
        unsigned j = n++;
        for (; j > 0 && b->drv[out[j - 1]].desc.priority > b->drv[d].desc.priority; j--)
            out[j] = out[j - 1];
        out[j] = d;
    }
    return n;
}

static int negotiate(virq_broker_t *b, unsigned borrower, unsigned need, uint32_t ticks, virq_broker_mode_t mode,
                     virq_broker_grant_t *g)
{
    unsigned who[VIRQ_BROKER_MAX_DRV];
    unsigned nl = lenders(b, borrower, who);
    lot_t lots[MAX_LOTS];
    unsigned nlots = 0;
    for (unsigned i = 0; i < nl && need > 0; i++) {
        unsigned k = ask(b, who[i], borrower, need, ticks, &lots[nlots]);
        g->asked++;
        g->declined += k == 0;
        if (mode == VIRQ_BROKER_PARALLEL) {
            nlots += k;
            continue;
        }
        for (unsigned j = 0; j < k; j++) {
            int err = take_lot(b, borrower, &lots[j], &need, g);
            if (err)
                return err;
        }
    }
    sort_lots(lots, nlots);
    for (unsigned i = 0; i < nlots && need > 0; i++) {
        int err = take_lot(b, borrower, &lots[i], &need, g);
        if (err)
            return err;
    }
    return VIRQ_OK;
}

int virq_broker_request(virq_broker_t *b, unsigned drv, unsigned count, uint32_t lease_ticks,
                        virq_broker_mode_t mode, virq_broker_grant_t *g)
{
    if (!b || !g || !drv_ok(b, drv) || count == 0 || count > b->num_vec || lease_ticks == 0)
        return VIRQ_EINVAL;
    if (mode != VIRQ_BROKER_PARALLEL && mode != VIRQ_BROKER_SEQUENTIAL)
        return VIRQ_EINVAL;
    memset(g, 0, sizeof(*g));
    g->requested = count;
    virq_broker_drv_stats_t *st = &b->drv[drv].stats;
    st->requests++;
    int err = take_free(b, drv, count, g, &g->from_pool);
    if (err == VIRQ_OK && g->from_pool < count)
        err = negotiate(b, drv, count - g->from_pool, lease_ticks, mode, g);
    if (g->n == 0) {
        st->denied++;
        return err ? err : VIRQ_EDENIED;
    }
    if (g->n < count)
        st->partial++;
    return err;
}

int virq_broker_return(virq_broker_t *b, unsigned drv, unsigned vec)
{
    if (!b || !drv_ok(b, drv) || vec >= b->num_vec || !on_loan(&b->vec[vec]) || b->vec[vec].owner != drv)
        return VIRQ_EINVAL;
    return give_back(b, vec, false);
}

int virq_broker_expire(virq_broker_t *b, unsigned vec)
{
    if (!b || vec >= b->num_vec || !on_loan(&b->vec[vec]))
        return VIRQ_EINVAL;
    return give_back(b, vec, true);
}

int virq_broker_advance(virq_broker_t *b, uint32_t ticks)
{
    if (!b)
        return VIRQ_EINVAL;
    b->now += ticks;
    int err = VIRQ_OK;
    for (unsigned v = 0; v < b->num_vec; v++) {
        virq_broker_vec_t *x = &b->vec[v];
        if (x->unsure) { /* the lease may have been set: end it again too */
            if (roll_back(b, x->home, x->peer, v, true) == 0)
                x->unsure = false;
            else
                err = VIRQ_EBUS;
        }
        if (on_loan(&b->vec[v]) && b->vec[v].expires <= b->now && give_back(b, v, true) != VIRQ_OK)
            err = VIRQ_EBUS;
    }
    return err;
}

int virq_broker_counts(const virq_broker_t *b, unsigned drv, unsigned *home, unsigned *owned, unsigned *lent,
                       unsigned *borrowed)
{
    if (!b || !drv_ok(b, drv))
        return VIRQ_EINVAL;
    unsigned h = 0, o = 0, l = 0, r = 0;
    for (unsigned v = 0; v < b->num_vec; v++) {
        const virq_broker_vec_t *x = &b->vec[v];
        h += x->home == drv;
        o += x->owner == drv;
        l += x->home == drv && x->owner != drv;
        r += x->owner == drv && x->home != drv;
    }
    if (home)
        *home = h;
    if (owned)
        *owned = o;
    if (lent)
        *lent = l;
    if (borrowed)
        *borrowed = r;
    return VIRQ_OK;
}

unsigned virq_broker_free_count(const virq_broker_t *b)
{
    unsigned n = 0;
    for (unsigned v = 0; b && v < b->num_vec; v++)
        n += b->vec[v].home == VIRQ_BROKER_NONE;
    return n;
}
