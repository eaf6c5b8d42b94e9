/* Internal structure of the libvirq model: one state struct and one
 * next-state function per RTL module, mirroring rtl/ file for file.
 * Convention: *_q is the registered state, a *_next() computes the _d value
 * from the _q state and the cycle's inputs, exactly as the RTL's always @*. */
#ifndef VIRQ_INTERNAL_H
#define VIRQ_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "virq/virq.h"

/* Checkpoint checks (virq_restore, top.c): each block's *_state_ok says
 * whether a state read from a checkpoint is one its registers can hold:
 * every field within its register's width and the instance's sizes (an
 * index names an existing queue, vector, function, entry), every bool 0
 * or 1, and the invariants the block's proof asserts.  They read copies,
 * never the instance.  bool_ok: a bool member's byte is 0 or 1 (any other
 * byte is not a bool value, and reading it as one is undefined). */
static inline bool bool_ok(const bool *b)
{
    unsigned char c;
    memcpy(&c, b, 1);
    return c <= 1u;
}

/* ---- virq_tick.v ---- */
typedef struct tick_q {
    uint16_t div;
    uint16_t cnt;
} tick_q_t;

void tick_reset(tick_q_t *q);
bool tick_out(const tick_q_t *q);
/* tick_next_o: tick_out of the next cycle if DIV is not written now */
bool tick_out_next(const tick_q_t *q);
tick_q_t tick_next(const tick_q_t *q, bool wr, uint16_t wdata);
void tick_apply_write(tick_q_t *d, uint16_t wdata);
bool tick_state_ok(const tick_q_t *q);

/* ---- virq_mod_unit.v ---- */
typedef struct mod_unit_q {
    uint16_t lat_ivl, ovf_ivl, lat_cnt, ovf_cnt;
    bool active, variant_b, flag, lat_run;
    bool guest_irq, wake_irq;
} mod_unit_q_t;

/* Register write strobes into one unit (the wr_*_i ports). */
typedef struct mod_unit_wr {
    bool lat_ivl, ovf_ivl, ctrl, cmd;
    uint32_t data;
} mod_unit_wr_t;

void mod_unit_reset(mod_unit_q_t *q);
/* Whether the unit interrupts this cycle (fire_o of virq_mod_unit.v). */
bool mod_unit_fire(const mod_unit_q_t *q);
/* Dynamics (events, ticks, interrupts) then the register write overrides. */
mod_unit_q_t mod_unit_next(const mod_unit_q_t *q, bool tick, bool evt, const mod_unit_wr_t *wr);
/* Only the register write overrides (zero-time register helper). */
void mod_unit_apply_write(mod_unit_q_t *d, const mod_unit_q_t *q, const mod_unit_wr_t *wr);
bool mod_unit_state_ok(const mod_unit_q_t *q);
/* a decoded write (virq_moderation's registered accept): at most one strobe */
bool mod_unit_wr_ok(const mod_unit_wr_t *wr);

/* ---- virq_moderation.v: decode of the MOD[] array ---- */
/* Which unit register a write targets: sets *idx and *wr (strobes and data)
 * and returns the response; addr is >= VIRQ_MOD_BASE and aligned. */
unsigned mod_decode_write(unsigned num_vec, uint32_t addr, uint32_t data, unsigned *idx, mod_unit_wr_t *wr);
unsigned mod_read(const mod_unit_q_t *units, unsigned num_vec, uint32_t addr, uint32_t *data);

/* ---- virq_eq.v ---- */
enum { EQ_ST_UNDEF = VIRQ_EQ_STATE_UNDEFINED, EQ_ST_UNARM = VIRQ_EQ_STATE_UNARMED, EQ_ST_ARMED = VIRQ_EQ_STATE_ARMED };

/* One queue's context.  The RTL keeps the wide fields in reset-free RAM
 * with per-field valid bits that make unwritten fields read 0; zeroing them
 * at reset, as the model does, is observably the same. */
typedef struct eq_ctx {
    uint32_t blo, bhi, wlo, whi; /* addresses; blo/wlo have bits 1:0 clear */
    uint8_t log2, wben, wbevery, func, vec;
    bool legacy;
    uint16_t wi, ri;
    uint32_t drops;
    uint8_t wbcnt;
    uint8_t st;
    bool pend, wbp, ovp;
} eq_ctx_t;

typedef struct eq_q {
    eq_ctx_t *ctx; /* num_eq entries */
    bool out_valid, out_entry;
    uint64_t out_addr;
    uint32_t out_data;
    unsigned out_eq;
    uint8_t out_func; /* the owner of out_eq when the request was issued */
    uint32_t evt_err, ovf_cnt;
    /* the refusal report waiting for queue 0 */
    bool rep_pend;
    uint8_t rep_func, rep_eq;
    /* the write-back choice, registered: the lowest queue with a write-back
     * due at the previous edge (posted if still due) */
    unsigned wb_pick;
} eq_q_t;

/* Inputs of virq_eq.v in one cycle. */
typedef struct eq_in {
    bool evt_valid;
    unsigned evt_func, evt_eq, evt_code;
    uint32_t evt_param;
    bool evt_sys;    /* the engine's own event (global): no code or owner check */
    bool evt_setvec; /* FIG. 7 routing: the queue signals evt_vec / evt_legacy from now on */
    unsigned evt_vec;
    bool evt_legacy;
    bool dma_ready;
    uint64_t mod_fire;    /* bit v: unit v's firing is applied this cycle (mod_fire_i) */
    bool wr_en;           /* register write handshake into the EQ region */
    uint32_t wr_addr, wr_data;
} eq_in_t;

/* Everything virq_eq.v decides in one cycle from its state and inputs. */
typedef struct eq_comb {
    unsigned wr_resp;
    bool evt_ready;
    bool stall, refuse, post, post_ntf, post_rep, do_drop, do_ovf, do_wr, do_wb, hs;
    unsigned t, ovq, wbq;
    unsigned wb_low; /* lowest queue with a write-back due now: wb_pick at the edge */
    bool wb_hold;    /* zero-time helper: wb_pick keeps its value */
    uint32_t entry;
    uint16_t t_wi1;
    bool db_ok, eq_ok;
    unsigned db_q, w_q;
    uint16_t db_new_ri, db_left;
    bool db_pend_keep; /* an entry handshake of db_q this cycle keeps PENDING set */
} eq_comb_t;

void eq_reset(eq_q_t *q, unsigned num_eq);
void eq_comb(const eq_q_t *q, const virq_params_t *p, const eq_in_t *in, eq_comb_t *c);
/* mod_evt_o of virq_eq.v: bit v set if an armed queue of vector v holds
 * unread entries and unit v does not fire. */
uint64_t eq_mod_evt(const eq_q_t *q, const virq_params_t *p, uint64_t mod_fire);
void eq_commit(eq_q_t *q, const virq_params_t *p, const eq_in_t *in, const eq_comb_t *c);
/* Keep only the register write of a cycle's decisions (zero-time helper). */
void eq_comb_writer_off(eq_comb_t *c);
unsigned eq_read(const eq_q_t *q, const virq_params_t *p, uint32_t addr, uint32_t *data);
/* the block's registers but the contexts; eq_ctx_ok: queue k's context */
bool eq_state_ok(const eq_q_t *q, const virq_params_t *p);
bool eq_ctx_ok(const eq_ctx_t *x, const virq_params_t *p, unsigned k);

/* intx_o of virq_eq.v: bit f set if an armed legacy queue of function f
 * holds unread entries. */
uint32_t eq_intx(const eq_q_t *q, const virq_params_t *p);

/* ---- virq_route.v ---- */
enum { RT_DIRECT = 0, RT_HASHED = 1, RT_DEFAULT = 2, RT_GLOBAL = 3 };

/* What travels with an event through the route pipeline. */
typedef struct rt_evt {
    bool valid;
    uint8_t kind; /* RT_* */
    uint8_t func, eq, code, htype;
    uint32_t param;
} rt_evt_t;

/* An event leaving the pipeline: what the EQ writer sees. */
typedef struct rt_out {
    rt_evt_t e;
    bool setvec, legacy;
    uint8_t vec;
} rt_out_t;

typedef struct route_q {
    uint32_t key_sh[10], key[10];
    uint32_t ctrl;
    uint16_t *prs;              /* num_prs entries: cpu | eq << 8 */
    uint32_t *mvm;              /* num_func * num_cpu entries, register format */
    uint32_t *fcfg, *fdef;      /* num_func entries each, register format */
    uint16_t gev_pend[VIRQ_NUM_GEV];
    uint32_t gev_lost;          /* GEV_LOST_CNT: pulses that found their count at 65 535 */
    rt_evt_t s1, s2;            /* hash pipeline (virq_toeplitz stages 1 and 2) */
    uint32_t h1, h2;            /* hash of s1 (computed at accept), of s2 */
    rt_evt_t i;                 /* after the PRS index (stage I) */
    uint32_t i_hash;
    uint16_t i_idx;             /* FUNC[f].BASE + (hash & MASK), < num_prs (hashed) */
    rt_evt_t p;                 /* after the PRS entry read (stage P) */
    uint32_t p_hash;
    uint8_t p_cpu, p_eq;
    rt_out_t o;                 /* after the MVM lookup (stage O) */
    rt_out_t w;                 /* the writer's input (stage W, the output register) */
    rt_out_t k;                 /* skid: O's event at the last edge with ce */
    bool k_full;                /* the skid is in use: W's event was refused at an edge with ce */
    uint32_t last_hash, last_info;
} route_q_t;

typedef struct route_comb {
    bool inject, accept;
    bool gev_any;         /* a global event is waiting: it goes first */
    bool lev_ready;       /* lev_ready_o: the lease-expired event is taken when offered */
    uint32_t lev_param;
    unsigned gev_k;
    uint8_t htype; /* effective type of the input event, 0 if not hashed */
} route_comb_t;

int route_alloc(route_q_t *r, const virq_params_t *p);
void route_free(route_q_t *r);
void route_reset(route_q_t *r, const virq_params_t *p);
bool route_in_region(uint32_t addr);
unsigned route_wresp(const route_q_t *r, const virq_params_t *p, uint32_t addr, uint32_t data);
unsigned route_read(const route_q_t *r, const virq_params_t *p, uint32_t addr, uint32_t *data);
/* The EQ writer's event inputs: stage W's. */
void route_eq_in(const route_q_t *r, eq_in_t *e);
/* ce: the pipeline up to O advances at this edge (the skid is empty; a
 * register, so the writer's ready does not reach the pipeline's enables). */
bool route_ce(const route_q_t *r);
/* Input-stage decisions; ce = the pipeline advances this cycle; lev_* =
 * the lease-expired event offered by the delivery block. */
void route_comb(const route_q_t *r, const virq_in_t *in, bool ce, bool lev_valid, uint32_t lev_param,
                route_comb_t *c);
/* One rising edge of stages O and W and the skid, before route_commit: m_ready =
 * the writer takes the event route_eq_in offers. */
void route_out(route_q_t *r, const virq_params_t *p, bool m_ready);
/* One rising edge: pipeline up to P (when ce), global pending counts, and the
 * accepted register write (w_ok: addr is in the route region, response OKAY). */
void route_commit(route_q_t *r, const virq_params_t *p, const virq_in_t *in, bool ce, const route_comb_t *c,
                  bool w_ok, uint32_t waddr, uint32_t wdata);
/* the block's registers but the tables; route_table_ok: the value of the
 * table entry at register address addr (PRS, MVM, FUNC[].RSS_CFG,
 * FUNC[].DEF), valid if a write of it there would be taken */
bool route_state_ok(const route_q_t *r, const virq_params_t *p);
bool route_table_ok(const virq_params_t *p, uint32_t addr, uint32_t v);

/* ---- virq_msix.v ---- */
/* Sized for the largest instance like the RTL's storage (64 vectors, 16
 * functions); entries beyond the instance keep their reset values. */
typedef struct msix_q {
    uint32_t alo[64], ahi[64], data[64]; /* alo has bits 1:0 clear */
    uint64_t mask, pba, exp;
    uint8_t home[64], own[64];
    uint16_t lcnt[64];
    uint16_t msix_en, fmask, intx_en, intx_dis, lat; /* one bit per function */
    uint32_t ferr[16];
    uint32_t drop_cnt, lexp_cnt;
    unsigned rr;    /* round-robin position: the vector after the last pick */
    bool pk_valid;  /* the registered pick (stage P; pk_oh_q in the RTL) */
    uint8_t pk;
    bool o_valid;
    uint64_t o_addr;
    uint32_t o_data;
    uint8_t o_func, o_vec;
    /* the write accepted in the previous cycle, applied at this edge */
    bool ap_ok;
    uint32_t ap_addr, ap_data;
} msix_q_t;

/* Inputs of virq_msix.v in one cycle. */
typedef struct msix_in {
    bool tick;
    uint64_t irq;  /* vector interrupts */
    uint32_t leg;  /* per function: an armed legacy queue has unread entries */
    bool m_ready;
    bool lev_take; /* the lease-expired event is taken this cycle */
    bool hold;     /* zero-time register helper: no pick, no message is launched
                      or taken, and the write (w_ok) takes effect at once */
    bool werr, rerr;
    unsigned werr_fn, rerr_fn;
    bool w_ok;     /* register write into the block's region accepted this
                      cycle (response OKAY): applied at the next edge */
    uint32_t waddr, wdata;
} msix_in_t;

void msix_reset(msix_q_t *q);
bool msix_in_region(uint32_t addr);
/* busy_o: the vector's lease ends at this edge or at the next (tick_next:
 * virq_tick's lookahead); window writes are refused, as a write accepted
 * now takes effect at the next edge. */
bool msix_busy(const msix_q_t *q, bool tick, bool tick_next, unsigned v);
bool msix_intx(const msix_q_t *q, uint32_t leg);
void msix_lev(const msix_q_t *q, bool *valid, uint32_t *param);
/* tick_next: the tick of the next cycle (virq_tick's lookahead), for a
 * window write decided now and applied at the next edge. */
unsigned msix_wresp(const msix_q_t *q, const virq_params_t *p, bool tick, bool tick_next, uint32_t addr,
                    uint32_t data);
unsigned msix_read(const msix_q_t *q, const virq_params_t *p, uint32_t leg, uint32_t addr, uint32_t *data);
void msix_commit(msix_q_t *q, const virq_params_t *p, const msix_in_t *in);
bool msix_state_ok(const msix_q_t *q, const virq_params_t *p);

/* ---- virq_axil_slave.v ---- */
typedef struct axil_q {
    bool bvalid, rvalid;
    /* the write request registered at its handshake (virq_top's decoded
     * copy): it is decided in the next cycle, when wq_v is set */
    bool wq_v;
    uint32_t wq_addr, wq_data;
    uint8_t wq_strb;
    /* the read request registered at its handshake: answered in the next
     * cycle, when rq_v is set */
    bool rq_v;
    uint32_t rq_addr;
    bool rpend;  /* a read was answered in the previous cycle: its answer goes onto R at this edge */
    uint8_t bresp, rresp, rp_resp;
    uint32_t rdata, rp_data; /* rp_*: the answer of the read accepted in the previous cycle */
} axil_q_t;

/* ---- virq_top.v ---- */

/* a refused access waiting to be counted (virq_top's err_*_q) */
typedef struct {
    bool on;       /* refused */
    bool fn;       /* through a function window ... */
    unsigned f;    /* ... this function's (FN_CTL[f].ERR_CNT) */
    uint32_t info; /* its BUS_ERR_INFO value */
} err_ref_t;

/* virq_run's copy of the whole state before a cycle (top.c) */
struct virq_snap;

struct virq {
    virq_params_t p;
    uint64_t cycle;
    struct virq_snap *snap; /* allocated by the first virq_run; NULL before */
    /* virq_top's registered reset (rst_*_q, all copies equal): rst_ni of the
     * previous cycle; false: this cycle's edge resets the engine */
    bool rst_q;
    axil_q_t axil;
    uint32_t scratch, err_cnt, err_info;
    tick_q_t tick;
    eq_q_t eq;
    route_q_t rt;
    msix_q_t mx;
    /* the moderation write accepted in the previous cycle (virq_moderation's
     * registered accept): applied at this edge */
    struct {
        bool ok;
        unsigned idx;
        mod_unit_wr_t wr;
    } modw;
    mod_unit_q_t *units; /* p.num_vec entries */
    /* Derived from units[], one bit per unit, and brought up to
     * date by every change of a unit (top.c, unit_bits): fire_o,
     * guest_irq_o, wake_irq_o; busy: the event flag or an interrupt output
     * is set; cnt: a counter is not 0.  The cycle then needs no pass over
     * all the units. */
    uint64_t u_fire, u_guest, u_wake, u_busy, u_cnt;
    /* virq_eq's signal to the units (eq_mod_evt) of the previous cycle:
     * virq_top's eq_evt_q register; the units take it masked with this
     * cycle's fire_o and the previous one's */
    uint64_t eq_evt_q;
    /* the units' fire_o of the previous cycle (virq_top's mod_fire_q):
     * virq_eq's fire input */
    uint64_t fire_q;
    /* the refused write of the previous cycle (w) and read of the one
     * before (r), counted at this edge (virq_top's err_*_q): BUS_ERR_CNT,
     * BUS_ERR_INFO, FN_CTL[f].ERR_CNT; r0: the read refused in the
     * previous cycle, whose response virq_top composes in the cycle after
     * (err_r_q's input); rtie: a write was refused in r's cycle (it keeps
     * BUS_ERR_INFO) */
    struct {
        err_ref_t w, r, r0;
        bool rtie;
    } errp;
};

#endif /* VIRQ_INTERNAL_H */
