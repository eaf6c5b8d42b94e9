/* eq_random: event queues under random traffic with a real driver and a
 * scoreboard.
 *
 * Queues 1..8 carry data events (random sizes 2..32 entries, owners, vectors
 * 1..4, write-back settings); queue 0 (function 0, vector 0) receives the
 * overflow events and the refusal reports.  The driver (sw/virq_eq_drv.c) services each vector some
 * cycles after its interrupt: it reads entries by code field, clears them and
 * hands them back with one doorbell; on an overflow event it clears the
 * queue's ring, re-initializes and re-arms it.  The scenario offers legal and
 * hostile events and hostile doorbells, and throttles the DMA port.
 *
 * Checks, all from outside the model:
 *   - every DMA write lands inside a configured ring or write-back slot, and
 *     every ring write carries a non-zero code;
 *   - every entry the driver reads was posted to that queue, in order (a
 *     queue's entries are a subsequence of what was posted to it);
 *   - conservation at the end: legal events posted = entries read + entries
 *     lost, and entries lost = sum of DROPS + entries discarded at re-inits;
 *     refused events = hostile events posted (EVT_ERR_CNT) = the counts of
 *     the refusal reports read from queue 0; overflow events
 *     read = EQ_OVF_CNT; DROPS of queue 0 = 0;
 *   - hostile doorbells are all refused;
 *   - the driver's own doorbells are refused exactly when their queue has
 *     overflowed since its INIT: the scenario replays, in cycle order, the
 *     legal events the writer took for each data queue, its INITs and the
 *     accepted doorbells' read indicators, and so knows when each queue
 *     became full and overflowed (docs/eq.md: a doorbell's decision cycle
 *     is the one after its handshake; an overflow at the handshake's edge
 *     refuses it, one in its decision cycle wins over it). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axil_bfm.h"
#include "hostmem.h"
#include "rng.h"
#include "tb.h"
#include "virq_eq_drv.h"

#define NQ 9          /* queue 0 + 8 data queues */
#define FIFO_CAP 4096 /* posted, not yet read entries per queue */
#define MAX_OPS 256

enum expect { EXP_OK, EXP_SLV, EXP_DB, EXP_READ };

typedef struct op {
    bool write;
    uint32_t addr, data;
    enum expect exp;
    unsigned tag; /* EXP_READ: index of the final register read */
    unsigned init_q; /* 1 + queue for the INIT write of a re-initialization, else 0 */
} op_t;

typedef struct qcfg {
    unsigned func, vec, log2, every;
    uint64_t base, wb;
    bool wben;
} qcfg_t;

typedef struct fifo {
    uint32_t v[FIFO_CAP];
    uint64_t at[FIFO_CAP]; /* cycle the writer took the event */
    unsigned head, n;
} fifo_t;

/* Shadow of the route pipeline (TB_ROUTE_LAT stages between s_evt_* and the
 * writer, then the skid): it advances exactly when s_evt_ready_o is 1 (no
 * global events here: s_evt_ready_o is the pipeline's ce = "the skid is
 * empty").  An event leaves its last stage in a cycle c where it advances;
 * the writer takes it in c if the skid stays empty (ready in c + 1), else it
 * waits in the skid and is taken in the cycle before ready returns.  Either
 * way: taken in the cycle before the next cycle with s_evt_ready_o = 1. */
/* The doorbell check's record of one data queue, and what changes it, in
 * the order the device applies them within a cycle: the writer's take
 * first (it reads the read indicator of the edge before), then INIT (its
 * edge ends the cycle: events taken up to then go to the old ring), then
 * a doorbell's decision. */
enum qev_kind { QE_TAKE, QE_INIT, QE_DB_OK, QE_DB_REFUSED };
typedef struct qev {
    uint64_t at;
    enum qev_kind kind;
    unsigned q;
    uint32_t v; /* QE_DB_*: the doorbell */
} qev_t;
#define QEV_CAP 64
/* A take is known the cycle after it, a doorbell's decision (hs + 1) with
 * its B in hs + 2, an INIT (hs) with its B two cycles later: that holds
 * because this scenario never stalls B (BREADY = 1); a B held k cycles
 * would need QEV_LAG > k + 2, and qev_push reports it if it is not. */
#define QEV_LAG 3

typedef struct qstate {
    uint64_t unread; /* legal entries taken since INIT, less those handed back */
    bool ovf;        /* overflowed since INIT (undefined) */
    uint64_t ovf_at; /* the cycle of that take */
    unsigned ri;     /* the read indicator of the last accepted doorbell */
} qstate_t;

typedef struct shadow {
    bool valid, legal;
    unsigned eq;
    uint32_t entry;
} shadow_t;

enum { PH_SETUP, PH_TRAFFIC, PH_QUIET, PH_FINAL, PH_DONE };
enum { RD_DROPS0 = 0, RD_EVT_ERR = NQ, RD_OVF_CNT = NQ + 1, NRD = NQ + 2 };

typedef struct eqr {
    virq_params_t p;
    rng_t r;
    uint64_t cycles;
    axil_bfm_t bfm;
    hostmem_t *mem;
    virq_mem_t vmem;
    qcfg_t q[NQ];
    virq_eq_ring_t ring[NQ];
    fifo_t fifo[NQ];
    qstate_t qs[NQ];
    qev_t qev[QEV_CAP];
    unsigned qev_n;
    uint64_t qev_done; /* replayed up to this cycle */
    uint64_t qev_ovf, qev_drops; /* overflows and dropped entries the replay found */
    shadow_t pipe[TB_ROUTE_LAT];
    shadow_t out; /* left the last stage; taken in the cycle before the next ready */
    op_t ops[MAX_OPS];
    unsigned op_head, op_n;
    op_t cur_w, cur_r;
    uint64_t svc_due[8]; /* per vector: cycle of the driver's service, 0 = none */
    int phase;
    uint64_t phase_end;
    unsigned evt_pct, dma_pct;
    /* the event-stream beat on offer */
    bool ev_valid, ev_legal;
    unsigned ev_func, ev_eq, ev_code;
    uint32_t ev_param;
    /* counts */
    uint64_t legal_posted, hostile_posted, read, lost, discarded, notif_read, reinits, refused_reported;
    uint64_t dma_writes, irqs, db_refused, hostile_db, dma_stalls;
    uint32_t final_rd[NRD];
    unsigned final_done;
    int failed;
} eqr_t;

static uint32_t m_rd(void *ctx, uint64_t a)
{
    return hostmem_read(ctx, a);
}

static void m_wr(void *ctx, uint64_t a, uint32_t v)
{
    (void)hostmem_write(ctx, a, v);
}

static void push_op(eqr_t *s, op_t op)
{
    if (s->op_n == MAX_OPS) {
        fprintf(stderr, "eq_random: driver operation queue overflow\n");
        s->failed = 1;
        return;
    }
    s->ops[(s->op_head + s->op_n++) % MAX_OPS] = op;
}

static void wr_op(eqr_t *s, uint32_t addr, uint32_t data, enum expect e)
{
    push_op(s, (op_t){.write = true, .addr = addr, .data = data, .exp = e});
}

static void fifo_push(eqr_t *s, unsigned q, uint32_t v, uint64_t at)
{
    fifo_t *f = &s->fifo[q];
    if (f->n == FIFO_CAP) {
        fprintf(stderr, "eq_random: scoreboard of queue %u full\n", q);
        s->failed = 1;
        return;
    }
    f->at[(f->head + f->n) % FIFO_CAP] = at;
    f->v[(f->head + f->n++) % FIFO_CAP] = v;
}

/* Entries the driver handles: data entries against the scoreboard,
 * overflow events on queue 0 by re-initializing the queue they name. */
static void reinit(eqr_t *s, unsigned x);

static void on_entry(void *ctx, unsigned eq, uint32_t e)
{
    eqr_t *s = ctx;
    if (eq == 0 && (e >> 24) == VIRQ_EVT_CODE_REFUSED) {
        /* a report of refused events: the count is in bits 23:16 */
        s->refused_reported += (e >> 16) & 0xFFu;
        return;
    }
    if (eq == 0) {
        unsigned x = e & 0xFFu;
        if ((e >> 24) != VIRQ_EVT_CODE_EQ_OVERFLOW || x == 0 || x >= NQ) {
            fprintf(stderr, "eq_random: queue 0 holds 0x%08x, not an overflow event of a data queue\n", e);
            s->failed = 1;
            return;
        }
        s->notif_read++;
        if (s->phase < PH_FINAL)
            reinit(s, x);
        return;
    }
    fifo_t *f = &s->fifo[eq];
    while (f->n > 0) {
        uint32_t v = f->v[f->head];
        f->head = (f->head + 1) % FIFO_CAP;
        f->n--;
        if (v == e) {
            s->read++;
            return;
        }
        s->lost++;
    }
    fprintf(stderr, "eq_random: queue %u: entry 0x%08x was never posted (or out of order)\n", eq, e);
    s->failed = 1;
}

static void reinit(eqr_t *s, unsigned x)
{
    const qcfg_t *c = &s->q[x];
    for (uint32_t i = 0; i < (1u << c->log2); i++)
        if (hostmem_read(s->mem, c->base + 4u * i) >> 24)
            s->discarded++;
    virq_eq_ring_init(&s->ring[x], &s->vmem, x, c->func, c->base, c->log2);
    s->reinits++;
    /* the scoreboard forgets the queue's entries when INIT takes effect */
    push_op(s, (op_t){.write = true, .addr = VIRQ_EQ_CMD(x), .data = VIRQ_EQ_CMD_INIT_MASK, .exp = EXP_OK,
                      .init_q = x + 1});
    wr_op(s, virq_eq_db_addr(&s->ring[x]), virq_eq_doorbell(x, false, 0, true), EXP_DB);
}

static void service(eqr_t *s, unsigned vec)
{
    for (unsigned q = 0; q < NQ; q++) {
        if (s->q[q].vec != vec)
            continue;
        uint32_t db;
        virq_eq_poll(&s->ring[q], &s->vmem, on_entry, s, 0, &db);
        if (s->phase < PH_FINAL)
            wr_op(s, virq_eq_db_addr(&s->ring[q]), db, EXP_DB);
    }
}

static void qev_push(eqr_t *s, uint64_t at, enum qev_kind kind, unsigned q, uint32_t v)
{
    if (q == 0 || q >= NQ)
        return; /* queue 0 takes only the engine's reports (its DROPS = 0 is checked) */
    if (s->qev_n == QEV_CAP || at <= s->qev_done) {
        fprintf(stderr, "eq_random: doorbell check: %s (cycle %" PRIu64 ")\n",
                s->qev_n == QEV_CAP ? "record full" : "an answer came later than QEV_LAG", at);
        s->failed = 1;
        return;
    }
    s->qev[s->qev_n++] = (qev_t){.at = at, .kind = kind, .q = q, .v = v};
}

static void qev_apply(eqr_t *s, const qev_t *e)
{
    qstate_t *t = &s->qs[e->q];
    unsigned size = 1u << s->q[e->q].log2;
    bool ovf_before = t->ovf && t->ovf_at < e->at;
    switch (e->kind) {
    case QE_TAKE:
        if (t->ovf) {
            s->qev_drops++; /* undefined: dropped */
        } else if (t->unread >= size - 1) {
            t->ovf = true; /* full: this one overflows it */
            t->ovf_at = e->at;
            s->qev_ovf++;
            s->qev_drops++;
        } else {
            t->unread++;
        }
        break;
    case QE_INIT: *t = (qstate_t){0}; break;
    case QE_DB_OK:
        if (ovf_before) {
            fprintf(stderr, "eq_random: doorbell 0x%08x decided in cycle %" PRIu64 " accepted, but queue %u "
                            "overflowed in cycle %" PRIu64 "\n", e->v, e->at, e->q, t->ovf_at);
            s->failed = 1;
        } else if (!t->ovf && (e->v & VIRQ_EQ_DB_DB_VALID_MASK)) {
            unsigned ri = e->v & VIRQ_EQ_DB_DB_RI_MASK, n = (ri - t->ri) & (size - 1);
            if (n > t->unread) {
                fprintf(stderr, "eq_random: doorbell 0x%08x decided in cycle %" PRIu64 " hands back %u entries "
                                "of queue %u, which holds %" PRIu64 "\n", e->v, e->at, n, e->q, t->unread);
                s->failed = 1;
            }
            t->unread -= n;
            t->ri = ri;
        }
        break;
    case QE_DB_REFUSED:
        if (!ovf_before) {
            fprintf(stderr, "eq_random: doorbell 0x%08x decided in cycle %" PRIu64 " refused, but queue %u (size %u, "
                            "%" PRIu64 " unread) has not overflowed\n", e->v, e->at, e->q, size, t->unread);
            s->failed = 1;
        }
        break;
    }
}

/* Replays the record up to cycle upto, in cycle order and, within a cycle,
 * in the order of enum qev_kind. */
static void qev_run(eqr_t *s, uint64_t upto)
{
    for (;;) {
        unsigned best = s->qev_n;
        for (unsigned i = 0; i < s->qev_n; i++)
            if (s->qev[i].at <= upto &&
                (best == s->qev_n || s->qev[i].at < s->qev[best].at ||
                 (s->qev[i].at == s->qev[best].at && s->qev[i].kind < s->qev[best].kind)))
                best = i;
        if (best == s->qev_n)
            break;
        qev_t e = s->qev[best];
        s->qev[best] = s->qev[--s->qev_n];
        qev_apply(s, &e);
    }
    if (upto > s->qev_done)
        s->qev_done = upto;
}

static void on_b(void *ctx, uint64_t tag, unsigned resp, uint64_t hs, uint64_t c)
{
    eqr_t *s = ctx;
    (void)tag;
    const op_t *o = &s->cur_w;
    if (o->init_q != 0 && resp == VIRQ_RESP_OKAY) {
        /* INIT took effect at the edge ending cycle hs, while the writer was
         * stalled: events it took up to then are gone with the old ring
         * (dropped or discarded), later ones are in the new ring */
        fifo_t *f = &s->fifo[o->init_q - 1];
        while (f->n > 0 && f->at[f->head] <= hs) {
            f->head = (f->head + 1) % FIFO_CAP;
            f->n--;
            s->lost++;
        }
        qev_push(s, hs, QE_INIT, o->init_q - 1, 0);
    }
    bool ok = (o->exp == EXP_OK && resp == VIRQ_RESP_OKAY) || (o->exp == EXP_SLV && resp == VIRQ_RESP_SLVERR) ||
              (o->exp == EXP_DB && (resp == VIRQ_RESP_OKAY || resp == VIRQ_RESP_SLVERR));
    if (o->exp == EXP_DB) {
        unsigned q = (o->data >> VIRQ_EQ_DB_DB_EQ_SHIFT) & 0xFFu;
        qev_push(s, hs + 1, resp == VIRQ_RESP_OKAY ? QE_DB_OK : QE_DB_REFUSED, q, o->data);
        if (resp == VIRQ_RESP_SLVERR)
            s->db_refused++; /* checked against the replay: the queue overflowed before the doorbell */
    }
    if (!ok) {
        fprintf(stderr, "eq_random: write [0x%04x] = 0x%08x answered %u at cycle %" PRIu64 " (expected %s)\n", o->addr,
                o->data, resp, c, o->exp == EXP_OK ? "OKAY" : "SLVERR");
        s->failed = 1;
    }
}

static void on_r(void *ctx, uint64_t tag, unsigned resp, uint32_t data, uint64_t hs, uint64_t c)
{
    eqr_t *s = ctx;
    (void)tag;
    (void)hs;
    (void)c;
    if (resp != VIRQ_RESP_OKAY) {
        fprintf(stderr, "eq_random: read of 0x%04x refused\n", s->cur_r.addr);
        s->failed = 1;
    }
    s->final_rd[s->cur_r.tag] = data;
    s->final_done++;
}

static void *create(const virq_params_t *p, uint64_t seed, uint64_t cycles)
{
    if (p->num_eq < NQ || p->num_vec < 5 || p->num_func < 2 || p->eq_max_log2 < 6 || cycles < 20000) {
        fprintf(stderr, "eq_random: needs num_eq >= 9, num_vec >= 5, num_func >= 2, eq_max_log2 >= 6, 20000 cycles\n");
        return NULL;
    }
    eqr_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->p = *p;
    s->r.s = seed;
    s->cycles = cycles;
    s->mem = hostmem_create(16);
    if (s->mem == NULL) {
        free(s);
        return NULL;
    }
    s->vmem = (virq_mem_t){s->mem, m_rd, m_wr};
    s->bfm.ctx = s;
    s->bfm.on_b = on_b;
    s->bfm.on_r = on_r;
    /* queue 0: overflow events; queues 1..8: data */
    s->q[0] = (qcfg_t){.func = 0, .vec = 0, .log2 = 6, .base = 0x0000000080000000ull};
    for (unsigned q = 1; q < NQ; q++) {
        qcfg_t *c = &s->q[q];
        c->func = q % p->num_func;
        c->vec = 1 + q % 4;
        c->log2 = 1 + rng_below(&s->r, 5);
        c->base = (rng_pct(&s->r, 50) ? 0x0000123400000000ull : 0) + 0x40000000ull + 0x10000ull * q;
        c->wben = rng_pct(&s->r, 70);
        c->every = c->wben ? rng_below(&s->r, 4) : 0;
        c->wb = c->wben ? 0x70000000ull + 0x40ull * q : 0;
    }
    wr_op(s, VIRQ_TICK_DIV_OFFSET, 0, EXP_OK);
    for (unsigned v = 0; v < 5; v++) {
        wr_op(s, VIRQ_MOD_CTRL(v), 1, EXP_OK);
        wr_op(s, VIRQ_MOD_LAT_IVL(v), rng_below(&s->r, 30), EXP_OK);
    }
    for (unsigned q = 0; q < NQ; q++) {
        const qcfg_t *c = &s->q[q];
        virq_eq_ring_init(&s->ring[q], &s->vmem, q, c->func, c->base, c->log2);
        wr_op(s, VIRQ_EQ_BASE_LO(q), (uint32_t)c->base, EXP_OK);
        wr_op(s, VIRQ_EQ_BASE_HI(q), (uint32_t)(c->base >> 32), EXP_OK);
        wr_op(s, VIRQ_EQ_WB_LO(q), (uint32_t)c->wb, EXP_OK);
        wr_op(s, VIRQ_EQ_CFG(q),
              c->log2 | (c->wben ? VIRQ_EQ_CFG_WB_EN_MASK : 0) | c->every << VIRQ_EQ_CFG_WB_EVERY_SHIFT |
                  c->func << VIRQ_EQ_CFG_FUNC_SHIFT | c->vec << VIRQ_EQ_CFG_VEC_SHIFT,
              EXP_OK);
        wr_op(s, VIRQ_EQ_CMD(q), VIRQ_EQ_CMD_INIT_MASK, EXP_OK);
        wr_op(s, virq_eq_db_addr(&s->ring[q]), virq_eq_doorbell(q, false, 0, true), EXP_OK);
    }
    return s;
}

/* A new beat for the event stream: mostly legal, some hostile. */
static void new_event(eqr_t *s)
{
    rng_t *r = &s->r;
    unsigned q = 1 + rng_below(r, NQ - 1);
    s->ev_valid = true;
    s->ev_legal = true;
    s->ev_eq = q;
    s->ev_func = s->q[q].func;
    s->ev_code = 1 + rng_below(r, VIRQ_EVT_CODE_RESERVED - 1);
    s->ev_param = (uint32_t)rng_next(r) & 0xFFFFFFu;
    if (rng_pct(r, 8)) {
        s->ev_legal = false;
        switch (rng_below(r, 5)) {
        case 0: s->ev_func = (s->ev_func + 1 + rng_below(r, s->p.num_func - 1)) % s->p.num_func; break;
        case 1: s->ev_code = 0; break;
        case 2: s->ev_code = VIRQ_EVT_CODE_RESERVED + rng_below(r, 256 - VIRQ_EVT_CODE_RESERVED); break;
        case 3: /* a queue past NUM_EQ; with 256 queues there is none: code 0 */
            if (s->p.num_eq < 256)
                s->ev_eq = s->p.num_eq + rng_below(r, 256 - s->p.num_eq);
            else
                s->ev_code = 0;
            break;
        default: s->ev_eq = 0; s->ev_func = 1 + rng_below(r, s->p.num_func - 1); break;
        }
    }
}

static void drive(void *sv, uint64_t c, virq_in_t *in)
{
    eqr_t *s = sv;
    rng_t *r = &s->r;

    if (s->phase == PH_SETUP && s->op_n == 0 && !s->bfm.w_busy)
        s->phase = PH_TRAFFIC;
    if (s->phase == PH_TRAFFIC && c + 8000 >= s->cycles)
        s->phase = PH_QUIET;
    if (s->phase == PH_QUIET && c + 3000 >= s->cycles && s->op_n == 0 && !s->bfm.w_busy && !s->ev_valid) {
        /* the final drain: everything posted is in memory by now */
        s->phase = PH_FINAL;
        for (unsigned v = 0; v < 5; v++)
            service(s, v);
        for (unsigned q = 0; q < NQ; q++)
            push_op(s, (op_t){.addr = VIRQ_EQ_DROPS(q), .exp = EXP_READ, .tag = RD_DROPS0 + q});
        push_op(s, (op_t){.addr = VIRQ_EVT_ERR_CNT_OFFSET, .exp = EXP_READ, .tag = RD_EVT_ERR});
        push_op(s, (op_t){.addr = VIRQ_EQ_OVF_CNT_OFFSET, .exp = EXP_READ, .tag = RD_OVF_CNT});
    }
    if (c >= s->phase_end) {
        static const unsigned evt[] = {2, 10, 30, 60, 100};
        s->evt_pct = evt[rng_below(r, 5)];
        s->dma_pct = rng_pct(r, 40) ? 100 : 20 + rng_below(r, 80);
        s->phase_end = c + 300 + rng_below(r, 3000);
    }
    /* the driver services vectors whose interrupt came in */
    for (unsigned v = 0; v < 5; v++) {
        if (s->svc_due[v] != 0 && c >= s->svc_due[v] && s->phase < PH_FINAL) {
            s->svc_due[v] = 0;
            service(s, v);
        }
    }
    /* hostile doorbells, always refused */
    if (s->phase == PH_TRAFFIC && s->op_n < 8 && rng_below(r, 2000) == 0) {
        unsigned q = 1 + rng_below(r, NQ - 1), f = (s->q[q].func + 1) % s->p.num_func;
        uint32_t v = rng_pct(r, 50) ? virq_eq_doorbell(q, false, 0, true) : (1u << 30) | virq_eq_doorbell(q, true, 0, true);
        wr_op(s, VIRQ_EQ_DB_DB(f), v, EXP_SLV);
        s->hostile_db++;
    }
    /* register operations, in order */
    if (s->op_n > 0) {
        op_t *o = &s->ops[s->op_head];
        bool issued = o->write ? axil_bfm_write(&s->bfm, c, o->addr, o->data, 0xF, 0, 0, 0)
                               : axil_bfm_read(&s->bfm, c, o->addr, 0, 0);
        if (issued) {
            if (o->write)
                s->cur_w = *o;
            else
                s->cur_r = *o;
            s->op_head = (s->op_head + 1) % MAX_OPS;
            s->op_n--;
        }
    }
    /* the event stream */
    if (!s->ev_valid && s->phase == PH_TRAFFIC && rng_pct(r, s->evt_pct))
        new_event(s);
    in->s_evt_valid_i = s->ev_valid;
    in->s_evt_func_i = s->ev_func;
    in->s_evt_eq_i = s->ev_eq;
    in->s_evt_code_i = s->ev_code;
    in->s_evt_param_i = s->ev_param;
    in->m_dma_ready_i = s->phase >= PH_QUIET || rng_pct(r, s->dma_pct);
    axil_bfm_drive(&s->bfm, c, in, true, true);
}

static bool in_ring(const qcfg_t *c, uint64_t a)
{
    return a >= c->base && a < c->base + 4ull * (1u << c->log2);
}

static int observe(void *sv, uint64_t c, const virq_in_t *in, const virq_out_t *out)
{
    eqr_t *s = sv;
    axil_bfm_observe(&s->bfm, c, in, out);
    if (out->s_evt_ready_o) {
        if (s->out.valid && s->out.legal) {
            fifo_push(s, s->out.eq, s->out.entry, c - 1);
            qev_push(s, c - 1, QE_TAKE, s->out.eq, 0);
        }
        s->out = s->pipe[TB_ROUTE_LAT - 1];
        memmove(&s->pipe[1], &s->pipe[0], (TB_ROUTE_LAT - 1) * sizeof s->pipe[0]);
        s->pipe[0] = (shadow_t){.valid = in->s_evt_valid_i & 1u,
                                .legal = s->ev_legal,
                                .eq = s->ev_eq,
                                .entry = (uint32_t)s->ev_code << 24 | s->ev_param};
    }
    if (in->s_evt_valid_i && out->s_evt_ready_o) {
        s->ev_valid = false;
        if (s->ev_legal)
            s->legal_posted++;
        else
            s->hostile_posted++;
    }
    if (out->m_dma_valid_o && !in->m_dma_ready_i)
        s->dma_stalls++;
    if (out->m_dma_valid_o && in->m_dma_ready_i) {
        uint64_t a = out->m_dma_addr_o;
        uint32_t d = (uint32_t)out->m_dma_data_o;
        bool ok = false;
        unsigned owner = 0;
        for (unsigned q = 0; q < NQ && !ok; q++) {
            if (in_ring(&s->q[q], a))
                ok = (d >> 24) != 0;
            else if (s->q[q].wben && a == s->q[q].wb)
                ok = d < (1u << s->q[q].log2);
            owner = s->q[q].func;
        }
        if (!ok) {
            fprintf(stderr, "eq_random: DMA write [%016" PRIx64 "] = %08x at cycle %" PRIu64
                            " is outside every ring and write-back slot, or carries no code\n",
                    a, d, c);
            s->failed = 1;
        } else if (out->m_dma_func_o != owner) {
            /* the requester is the function that owns the queue written */
            fprintf(stderr, "eq_random: DMA write [%016" PRIx64 "] = %08x at cycle %" PRIu64
                            " names function %u, its queue's owner is %u\n",
                    a, d, c, (unsigned)out->m_dma_func_o, owner);
            s->failed = 1;
        }
        hostmem_write(s->mem, a, d);
        s->dma_writes++;
    }
    for (unsigned v = 0; v < 5; v++) {
        if ((out->guest_irq_o >> v) & 1u) {
            s->irqs++;
            if (s->svc_due[v] == 0)
                s->svc_due[v] = c + 1 + rng_below(&s->r, 40);
        }
    }
    if (c >= QEV_LAG)
        qev_run(s, c - QEV_LAG);
    return s->failed ? TB_FAIL : TB_RUN;
}

static int finish(void *sv, uint64_t c)
{
    eqr_t *s = sv;
    uint64_t drops = 0;
    qev_run(s, UINT64_MAX);
    for (unsigned q = 1; q < NQ; q++)
        drops += s->final_rd[RD_DROPS0 + q];
    /* entries still on the scoreboard after the final drain were lost too */
    for (unsigned q = 1; q < NQ; q++)
        s->lost += s->fifo[q].n;
    printf("eq_random: %" PRIu64 " cycles: events posted %" PRIu64 " legal + %" PRIu64 " hostile; entries read %" PRIu64
           ", lost %" PRIu64 " (drops %" PRIu64 " + discarded at re-init %" PRIu64 "); overflows %" PRIu64
           ", re-inits %" PRIu64 "; DMA writes %" PRIu64 " (%" PRIu64 " stalled cycles); interrupts %" PRIu64
           "; doorbells refused after overflow %" PRIu64 ", hostile %" PRIu64 "\n",
           c, s->legal_posted, s->hostile_posted, s->read, s->lost, drops, s->discarded, s->notif_read, s->reinits,
           s->dma_writes, s->dma_stalls, s->irqs, s->db_refused, s->hostile_db);
    if (s->final_done != NRD) {
        fprintf(stderr, "eq_random: the final register reads did not complete (%u of %d)\n", s->final_done, NRD);
        return TB_FAIL;
    }
    if (s->legal_posted != s->read + s->lost) {
        fprintf(stderr, "eq_random: %" PRIu64 " legal events posted but %" PRIu64 " read + %" PRIu64 " lost\n",
                s->legal_posted, s->read, s->lost);
        s->failed = 1;
    }
    if (s->lost != drops + s->discarded) {
        fprintf(stderr, "eq_random: %" PRIu64 " entries lost but the queues count %" PRIu64 " drops + %" PRIu64
                        " discarded\n",
                s->lost, drops, s->discarded);
        s->failed = 1;
    }
    if (s->final_rd[RD_EVT_ERR] != s->hostile_posted) {
        fprintf(stderr, "eq_random: EVT_ERR_CNT %u, hostile events posted %" PRIu64 "\n", s->final_rd[RD_EVT_ERR],
                s->hostile_posted);
        s->failed = 1;
    }
    if (s->refused_reported != s->hostile_posted) {
        fprintf(stderr, "eq_random: %" PRIu64 " refusals reported on queue 0, hostile events posted %" PRIu64 "\n",
                s->refused_reported, s->hostile_posted);
        s->failed = 1;
    }
    if (s->final_rd[RD_OVF_CNT] != s->notif_read) {
        fprintf(stderr, "eq_random: EQ_OVF_CNT %u, overflow events read %" PRIu64 "\n", s->final_rd[RD_OVF_CNT],
                s->notif_read);
        s->failed = 1;
    }
    if (s->qev_ovf != s->final_rd[RD_OVF_CNT] || s->qev_drops != drops) {
        fprintf(stderr, "eq_random: the doorbell check's replay finds %" PRIu64 " overflows and %" PRIu64
                        " dropped entries, the device counts %u and %" PRIu64 "\n",
                s->qev_ovf, s->qev_drops, s->final_rd[RD_OVF_CNT], drops);
        s->failed = 1;
    }
    if (s->final_rd[RD_DROPS0] != 0) {
        fprintf(stderr, "eq_random: queue 0 lost %u overflow events\n", s->final_rd[RD_DROPS0]);
        s->failed = 1;
    }
    if (c >= 200000 && (s->read == 0 || s->notif_read == 0 || drops == 0 || s->irqs == 0 || s->hostile_posted == 0 ||
                        s->hostile_db == 0 || s->dma_stalls == 0)) {
        fprintf(stderr, "eq_random: coverage hole: a mechanism was never exercised\n");
        s->failed = 1;
    }
    return s->failed ? TB_FAIL : TB_PASS;
}

static void destroy(void *sv)
{
    eqr_t *s = sv;
    hostmem_destroy(s->mem);
    free(s);
}

const tb_scenario_t tb_scn_eq_random = {"eq_random",
                                        "event queues, random traffic, driver and scoreboard (conservation)",
                                        300000, create, drive, observe, finish, destroy};
