/* virq lockstep harness: the narrow interface between a simulator glue
 * (Verilator C++ main, Icarus VPI module, or the model-only runner) and the
 * shared C side (options, scenarios, reference model, comparison).
 *
 * Per clock cycle the glue does:
 *   tb_begin_cycle(ls, &in)      -> inputs for this cycle; apply them to the DUT
 *   settle combinational logic, sample every output into out (and, for
 *   4-state simulators, the X/Z bits of every output into xz)
 *   tb_end_cycle(ls, &out, &xz)  -> compares with the model, steps the model;
 *                                   returns TB_RUN, TB_PASS or TB_FAIL
 *   rising clock edge on the DUT
 * and finally exit(tb_finish(ls)).  The first mismatch stops the run with
 * the cycle, port, expected and actual value.  A glue may ask for the next
 * cycle's inputs (tb_begin_cycle) before it applies the rising edge, as long
 * as the DUT's flops take this cycle's inputs at that edge: the Verilator
 * glue does, with the inputs registered in a wrapper (tb/verilator/main.cpp).
 * --no-model (make bench only) runs without the reference model: nothing is
 * compared, the result says UNCHECKED. */
#ifndef VIRQ_TB_H
#define VIRQ_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virq/virq.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { TB_RUN = 0, TB_PASS = 1, TB_FAIL = 2 };

/* Cycles from accepting an event on s_evt_* to the event-queue writer taking
 * it (the route pipeline of rtl/virq_route.v, docs/route.md): stages 1, 2
 * (hash), I (PRS index), P (PRS entry), O (MVM), W (the writer's input) = 6. */
enum { TB_ROUTE_LAT = 6 };

/* Cycles from a register write's AW+W handshake to the cycle the register
 * file decides it (virq_top registers the decoded request;
 * docs/registers.md "Bus timing"). */
enum { TB_WDEC_LAT = 1 };

/* Cycles from a register read's AR handshake to the cycle whose state it
 * returns (its answer cycle; docs/registers.md "Bus timing"). */
enum { TB_RANS_LAT = 1 };

/* exit codes; TB_EXIT_UNFIT: the scenario refused the configuration (its
 * needs, printed; scripts/lockstep.sh skips it with SKIP_UNFIT set) */
enum { TB_EXIT_PASS = 0, TB_EXIT_CHECK = 1, TB_EXIT_USAGE = 2, TB_EXIT_MISMATCH = 3, TB_EXIT_UNFIT = 4 };

/* One port of virq_top, from virq_ports.h. */
typedef struct tb_port {
    const char *name;
    int width; /* bits, or VIRQ_W_* */
    size_t offset; /* in virq_in_t or virq_out_t */
} tb_port_t;

extern const tb_port_t tb_in_ports[];
extern const size_t tb_num_in_ports;
extern const tb_port_t tb_out_ports[];
extern const size_t tb_num_out_ports;
/* Inputs wider than 64 bits (VIRQ_TOP_BYTE_INPUTS): width in bits, offset of
 * the byte array in virq_in_t. */
extern const tb_port_t tb_byte_in_ports[];
extern const size_t tb_num_byte_in_ports;
/* A byte-array port value (byte 0 most significant) as 32-bit words, word 0
 * holding bits 31:0 -- the layout of Verilator's VlWide and of VPI vectors. */
void tb_bytes_to_words(const uint8_t *bytes, unsigned nbytes, uint32_t *words);

typedef struct tb_ls tb_ls_t;

/* Parse options (argv as given to the program; "--key=value", "--key value"
 * and "+key=value" all work) and create the session.  sim names the
 * simulator in messages.  built is the configuration the simulator was
 * built with, "NAME=VALUE,..." in virq_top's parameter names (those not
 * named at their defaults); the session runs it, and an option asking for
 * another value is a usage error.  NULL for the model runner, which runs
 * the configuration the options give.  NULL after printing a usage error
 * (*exit_code set). */
tb_ls_t *tb_create(const char *sim, int argc, char *const *argv, const char *built, int *exit_code);
/* virq_top's parameter names in tb_create's order (NUM_VEC, NUM_EQ, ...);
 * NULL past the last */
const char *tb_param_name(size_t i);
const virq_params_t *tb_params(const tb_ls_t *ls);
/* Waveform file requested with --wave (NULL if none). */
const char *tb_wave(const tb_ls_t *ls);

int tb_begin_cycle(tb_ls_t *ls, virq_in_t *in);
int tb_end_cycle(tb_ls_t *ls, const virq_out_t *out, const virq_out_t *xz);
/* Prints the result and returns the process exit code; frees the session. */
int tb_finish(tb_ls_t *ls);

/* ---- scenarios (tb/common/scenarios.c) ---- */
typedef struct tb_scenario {
    const char *name;
    const char *desc;
    uint64_t default_cycles; /* 0: the scenario ends itself */
    void *(*create)(const virq_params_t *p, uint64_t seed, uint64_t cycles);
    /* inputs for scenario cycle c (rst_ni preset to 1) */
    void (*drive)(void *s, uint64_t c, virq_in_t *in);
    /* outputs of cycle c: TB_RUN, TB_PASS (finished) or TB_FAIL (after
     * printing what was expected) */
    int (*observe)(void *s, uint64_t c, const virq_in_t *in, const virq_out_t *out);
    /* end of run: final checks and figures; TB_PASS or TB_FAIL */
    int (*finish)(void *s, uint64_t c);
    void (*destroy)(void *s);
} tb_scenario_t;

extern const tb_scenario_t *const tb_scenarios[];
const tb_scenario_t *tb_find_scenario(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_TB_H */
