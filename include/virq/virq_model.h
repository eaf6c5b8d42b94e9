/* libvirq: cycle-accurate C model of the virq interrupt engine.
 *
 * One virq_t is one instance of the RTL module virq_top with the same
 * parameters.  The model holds no global state: create as many instances as
 * you like, from any number of threads (one thread per instance at a time).
 *
 * Cycle API: fill a virq_in_t with the values of the input ports for this
 * clock cycle, call virq_step(); it returns in virq_out_t the values the
 * output ports have during that cycle (before the rising edge) and then
 * advances the state by one rising edge.  virq_eval() gives the same outputs
 * without advancing.  Field names are the Verilog port names (virq_ports.h);
 * every field is a uint64_t holding the port's value in its low bits, except
 * the ports wider than 64 bits (VIRQ_TOP_BYTE_INPUTS), which are byte arrays
 * in network order.
 *
 * Register helpers: virq_reg_read()/virq_reg_write() perform one access with
 * the exact decode, checks and side effects of a bus access, but in zero
 * time, for tools that do not model bus timing.
 *
 * Ownership: virq_create() allocates the instance, virq_destroy() frees
 * it; the library keeps no pointer to any struct the caller passes in
 * (params, inputs, outputs), and virq_params() points into the instance
 * (valid until virq_destroy()).
 *
 * NULL handles and pointers: no function dereferences a NULL it is given;
 * each says below what it does instead (nothing is changed). */
#ifndef VIRQ_MODEL_H
#define VIRQ_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "virq_ports.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's binary interface (ABI): the layout of virq_params_t,
 * virq_in_t, virq_out_t and of the types in virq_toeplitz.h, and the
 * functions' signatures.  Raised whenever one of them changes
 * incompatibly (a port added to virq_top changes virq_in_t or virq_out_t),
 * whatever the register interface's version does.  It is the shared
 * library's soname (libvirq.so.VIRQ_ABI_VERSION), so a program built
 * against another ABI does not load this library; tb/unit/test_model.c
 * fails when the layout or a signature changes and this number does not. */
#define VIRQ_ABI_VERSION 1

/* Parameters of an instance: the RTL parameters of virq_top. */
typedef struct virq_params_s { /* the tag is not virq_params: C++ would see the getter virq_params() hide it */
    unsigned num_vec;     /* NUM_VEC: interrupt vectors = moderation units, 1..64 */
    unsigned num_eq;      /* NUM_EQ: event queues, 1..256 */
    unsigned num_func;    /* NUM_FUNC: PCI functions (PF + VFs), 1..16 */
    unsigned eq_max_log2; /* EQ_MAX_LOG2: largest event queue, log2 of entries, 1..16 */
    unsigned addr_w;      /* ADDR_W: AXI4-Lite address width in bits, 17..32 */
    unsigned num_prs;     /* NUM_PRS: PRS entries shared by all functions, 1..2048 */
    unsigned num_cpu;     /* NUM_CPU: processors, 1..64 (the MVM: num_func * num_cpu <= 1024 entries) */
} virq_params_t;

/* The defaults of virq_top. */
#define VIRQ_DEFAULT_NUM_VEC 32u
#define VIRQ_DEFAULT_NUM_EQ 32u
#define VIRQ_DEFAULT_NUM_FUNC 8u
#define VIRQ_DEFAULT_EQ_MAX_LOG2 16u
#define VIRQ_DEFAULT_ADDR_W 17u
#define VIRQ_DEFAULT_NUM_PRS 128u
#define VIRQ_DEFAULT_NUM_CPU 8u

#define VIRQ_PORT_FIELD_(name, width) uint64_t name;
#define VIRQ_PORT_BYTES_(name, bytes) uint8_t name[bytes];
/* Input ports of one cycle. */
typedef struct virq_in {
    VIRQ_TOP_INPUTS(VIRQ_PORT_FIELD_)
    VIRQ_TOP_BYTE_INPUTS(VIRQ_PORT_BYTES_)
} virq_in_t;
/* Output ports of one cycle. */
typedef struct virq_out {
    VIRQ_TOP_OUTPUTS(VIRQ_PORT_FIELD_)
} virq_out_t;
#undef VIRQ_PORT_FIELD_
#undef VIRQ_PORT_BYTES_

typedef struct virq virq_t;

/* Fill *p with the defaults of virq_top (p NULL: nothing). */
void virq_params_default(virq_params_t *p);

/* Check a parameter set; returns 0 if the RTL accepts it, else -1 and, when
 * err is not NULL, a message of at most errlen bytes saying what is wrong. */
int virq_params_check(const virq_params_t *p, char *err, size_t errlen);

/* Create an instance in its reset state, out of reset (as after virq_top's
 * last reset edge); NULL with errno EINVAL if p is NULL or the parameters
 * are rejected (virq_params_check says which and why), NULL with errno
 * ENOMEM if memory is short. */
virq_t *virq_create(const virq_params_t *p);

/* Free an instance (NULL is accepted). */
void virq_destroy(virq_t *m);

/* The parameters the instance was created with (NULL if m is NULL). */
const virq_params_t *virq_params(const virq_t *m);

/* Put the instance into its reset state at once.  (rst_ni = 0 through
 * virq_step does the same one edge later: virq_top registers rst_ni, so
 * rst_ni low in the step of cycle c resets the state at the end of the step
 * of cycle c + 1, whose input handshakes are held off; docs/design.md
 * "Reset".)  Returns 0, or -1 if m is NULL. */
int virq_reset(virq_t *m);

/* Output ports during the current cycle for inputs *in; no state change.
 * Returns 0, or -1 (*out untouched) if m, in or out is NULL. */
int virq_eval(const virq_t *m, const virq_in_t *in, virq_out_t *out);

/* One clock cycle: *out receives the outputs during the cycle (as
 * virq_eval), then the state advances by one rising edge.  out may be NULL.
 * Returns 0, or -1 if m or in is NULL: no edge, nothing changed. */
int virq_step(virq_t *m, const virq_in_t *in, virq_out_t *out);

/* Up to max clock cycles with the inputs *in held in every one of them:
 * the same as that many virq_step(m, in, ...) calls, except that the run
 * stops before the first cycle whose outputs differ in any port from those
 * of the run's first cycle, and that cycles which leave the state as they
 * found it are not evaluated one by one (an idle engine between two tick
 * edges, or for good when nothing waits for a tick; docs/design.md
 * "Skipping idle cycles").  Returns the number of cycles advanced: max, or
 * fewer if the outputs were about to change (then the next cycle's
 * outputs differ; virq_eval shows them, virq_step or another virq_run
 * advances it).  Every cycle advanced had the outputs left in *out: a
 * valid output whose ready input is held high was taken in each of them,
 * and an interrupt output high in *out was high in each (one interrupt per
 * cycle).  max 0: nothing advances, *out gets the current cycle's outputs.
 * out may be NULL.  Returns 0 (nothing changed) if m or in is NULL. */
uint64_t virq_run(virq_t *m, const virq_in_t *in, uint64_t max, virq_out_t *out);

/* Checkpoints: the instance's whole state (registers, counters, queues'
 * contexts, pipelines, the cycle count) as bytes, for a simulator that
 * saves and restores its devices, or to start several runs from one
 * configured state.  virq_save returns the checkpoint's size and, if len
 * is at least that, writes it into buf (buf NULL or len too small: only
 * the size); 0 if m is NULL.  virq_restore puts the state of a checkpoint
 * into m, which must have been created with the same parameters; the
 * checkpoint must come from the same libvirq version and build (it is the
 * state as laid out in memory, not a portable format).  Returns 0, or -1
 * with errno EINVAL and m unchanged if m or buf is NULL, len is not the
 * checkpoint's size, the header (virq_version(), the build's identity: a
 * hash of the model's sources, the ABI, the state's size, the parameters,
 * a sum of the rest) or the parameters in the state do not match, or the
 * state holds what the engine's registers cannot (a field beyond its
 * register's width or the instance's sizes, a bool that is not 0 or 1, a
 * broken invariant of a block's proof).  That catches a damaged or foreign
 * checkpoint, one of other model sources, and a made-up one with such a
 * value; not every made-up state no run reaches (docs/design.md
 * "Checkpoints" lists what is not checked).  Stepping the restored
 * instance gives what stepping the saved one from the moment of the save
 * gives. */
size_t virq_save(const virq_t *m, void *buf, size_t len);
int virq_restore(virq_t *m, const void *buf, size_t len);

/* Number of rising edges since creation (reset does not clear it); 0 if m
 * is NULL. */
uint64_t virq_cycle(const virq_t *m);

/* Zero-time register access.  Return the AXI response code
 * (VIRQ_RESP_OKAY, VIRQ_RESP_SLVERR or VIRQ_RESP_DECERR from virq_regs.h);
 * a refused access changes nothing but the bus error registers
 * (BUS_ERR_CNT, BUS_ERR_INFO and, through a function window, that
 * function's FN_CTL[f].ERR_CNT).  Mixed with bus traffic: a bus write to a
 * moderation unit (MOD[], FN_MOD[]) or to the delivery registers (VEC[],
 * FN_CTL[], the MSI-X tables) takes effect one edge after its B response
 * is decided, as in the RTL; a helper write to the same register between
 * those two edges is overwritten by it at the next virq_step (the helper
 * still answers OKAY).  Refusals the bus made in the last two cycles, not
 * yet counted, are counted by any helper call first, up to two edges
 * earlier than virq_step would count them.  A write
 * made after a virq_step with rst_ni low is undone by the reset at the next
 * virq_step (the engine's reset edge), like any state of that cycle.
 * VIRQ_RESP_BADARG (not an AXI code) if m is NULL, or data is NULL for a
 * read: no access is made, nothing is counted. */
#define VIRQ_RESP_BADARG 0x100u
unsigned virq_reg_write(virq_t *m, uint32_t addr, uint32_t data);
unsigned virq_reg_read(virq_t *m, uint32_t addr, uint32_t *data);

/* Width in bits of a port whose X-macro width is w (a count or VIRQ_W_*);
 * 0 if p is NULL or w is negative but not a VIRQ_W_* code. */
unsigned virq_port_width(const virq_params_t *p, int w);

/* Library version as "major.minor.patch" of the register interface. */
const char *virq_version(void);

/* The VIRQ_ABI_VERSION the library was built with: a program that loads
 * it by other means than its soname (dlopen of a path, a static copy
 * from elsewhere) compares it with the header's. */
int virq_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_MODEL_H */
