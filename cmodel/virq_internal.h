/* Internal structure of the libvirq model: one state struct and one
 * next-state function per RTL module, mirroring rtl/ file for file.
 * Convention: *_q is the registered state, a *_next() computes the _d value
 * from the _q state and the cycle's inputs, exactly as the RTL's always @*. */
#ifndef VIRQ_INTERNAL_H
#define VIRQ_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "virq/virq.h"

/* ---- virq_tick.v ---- */
typedef struct tick_q {
    uint16_t div;
    uint16_t cnt;
} tick_q_t;

void tick_reset(tick_q_t *q);
bool tick_out(const tick_q_t *q);
tick_q_t tick_next(const tick_q_t *q, bool wr, uint16_t wdata);
void tick_apply_write(tick_q_t *d, uint16_t wdata);

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
    uint32_t evt_err, ovf_cnt;
} eq_q_t;

/* Inputs of virq_eq.v in one cycle. */
typedef struct eq_in {
    bool evt_valid;
    unsigned evt_func, evt_eq, evt_code;
    uint32_t evt_param;
    bool dma_ready;
    const bool *mod_fire; /* num_vec entries */
    bool wr_en;           /* register write handshake into the EQ region */
    uint32_t wr_addr, wr_data;
} eq_in_t;

/* Everything virq_eq.v decides in one cycle from its state and inputs. */
typedef struct eq_comb {
    unsigned wr_resp;
    bool evt_ready;
    bool stall, refuse, post, post_ntf, do_drop, do_ovf, do_wr, do_wb, hs;
    unsigned t, ovq, wbq;
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
uint64_t eq_mod_evt(const eq_q_t *q, const virq_params_t *p, const bool *mod_fire);
void eq_commit(eq_q_t *q, const virq_params_t *p, const eq_in_t *in, const eq_comb_t *c);
/* Keep only the register write of a cycle's decisions (zero-time helper). */
void eq_comb_writer_off(eq_comb_t *c);
unsigned eq_read(const eq_q_t *q, const virq_params_t *p, uint32_t addr, uint32_t *data);

/* ---- virq_axil_slave.v ---- */
typedef struct axil_q {
    bool bvalid, rvalid;
    uint8_t bresp, rresp;
    uint32_t rdata;
} axil_q_t;

/* ---- virq_top.v ---- */
struct virq {
    virq_params_t p;
    uint64_t cycle;
    axil_q_t axil;
    uint32_t scratch, err_cnt, err_info;
    tick_q_t tick;
    eq_q_t eq;
    mod_unit_q_t *units; /* p.num_vec entries */
};

#endif /* VIRQ_INTERNAL_H */
