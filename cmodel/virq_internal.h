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
/* Dynamics (events, ticks, interrupts) then the register write overrides. */
mod_unit_q_t mod_unit_next(const mod_unit_q_t *q, bool tick, bool evt, const mod_unit_wr_t *wr);
/* Only the register write overrides (zero-time register helper). */
void mod_unit_apply_write(mod_unit_q_t *d, const mod_unit_q_t *q, const mod_unit_wr_t *wr);

/* ---- virq_moderation.v: decode of the MOD[] array ---- */
/* Which unit register a write targets: sets *idx and *wr (strobes and data)
 * and returns the response; addr is >= VIRQ_MOD_BASE and aligned. */
unsigned mod_decode_write(unsigned num_vec, uint32_t addr, uint32_t data, unsigned *idx, mod_unit_wr_t *wr);
unsigned mod_read(const mod_unit_q_t *units, unsigned num_vec, uint32_t addr, uint32_t *data);

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
    mod_unit_q_t *units; /* p.num_vec entries */
    mod_unit_q_t *units_d; /* scratch space for the next state */
};

#endif /* VIRQ_INTERNAL_H */
