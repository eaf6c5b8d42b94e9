/* The hypervisor modules bound to a virq instance: the shared-INTx monitor
 * (virq_intx_mon.h) and the MSI vector lease broker (virq_broker.h) drive
 * the registers of docs/msix.md through the driver core (virq_drv.h).
 * docs/hypervisor.md has the binding tables and where the broker's
 * semantics and the hardware's differ.
 *
 * Both bindings keep a pointer to the caller's PF handle; a binding struct
 * must stay where it is while the module that uses its ops lives (the ops'
 * ctx points to it).  Every function returns VIRQ_OK or a negative VIRQ_E*
 * code and checks its arguments before anything is touched. */
#ifndef VIRQ_HV_BIND_H
#define VIRQ_HV_BIND_H

#include <stdbool.h>
#include <stdint.h>

#include "virq_broker.h"
#include "virq_drv.h"
#include "virq_intx_mon.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- shared-INTx monitor ------------------------------------------------------
 *
 * Monitor function index fn = the instance's function fn (the monitor is
 * set up for pf->num_func functions):
 *   read_status = FN_CTL[fn].STATE.INTX_STATUS (one read; the status shows
 *                 whatever Interrupt Disable is, as the monitor requires)
 *   set_disable = FN_CTL[fn].INTX.DISABLE
 *   deliver     = the hypervisor's injection callback, unchanged.
 * The hypervisor calls virq_intx_line() when intx_o is asserted; the guest
 * acknowledges its function's INTx in its window (virq_fn_intx_ack) before
 * its EOI reaches virq_intx_eoi(). */
typedef struct virq_intx_bind {
    virq_dev_t *pf;
    void *ctx; /* the hypervisor's, passed to deliver */
    void (*deliver)(void *ctx, unsigned vm, unsigned fn);
} virq_intx_bind_t;

/* Fill *b and *ops, then set up *m for pf->num_func functions and num_vm
 * virtual machines (virq_intx_init).  The caller starts with every
 * function's Interrupt Disable clear (its reset value). */
int virq_intx_bind(virq_intx_bind_t *b, virq_intx_mon_t *m, virq_dev_t *pf, unsigned num_vm,
                   void (*deliver)(void *ctx, unsigned vm, unsigned fn), void *ctx);

/* ---- vector lease broker --------------------------------------------------------
 *
 * One broker for one virq instance: the broker's vectors are the instance's
 * vectors (num_vec = pf->num_vec) and every driver registered with the
 * broker is a function of this instance (desc.adapter = the binding's
 * adapter number, desc.function = its function).  A driver of another
 * adapter makes every op refuse (non-zero), so the broker rolls back.
 *
 *   bind(drv, vec)  the vector must be drv's function's (lent to it, or not
 *                   lent: then VEC[vec].HOME is set to the function first,
 *                   which moves it in its reset state); then the message
 *                   address and data of message() are programmed into the
 *                   entry through the function's window and it is unmasked.
 *                   The function's MSI-X Enable is its driver's business.
 *   mask(drv, vec)  VCTRL.MASK = 1 through drv's window; if drv's function
 *                   no longer owns vec (the device ended the lease and gave
 *                   it back, masked and zeroed) there is nothing to mask:
 *                   answered 0 without a write, counted in not_owned.
 *   hw_lease(.., vec, fn, ticks)  VEC[vec].LEASE = {fn, ticks * hw_per_tick}
 *                   (refused when that exceeds the 16-bit count); ticks 0
 *                   ends the lease (no event; nothing if already over).
 *
 * Two clocks: the device counts the lease in its own moderation ticks and
 * ends it itself, posting VIRQ_EVT_CODE_LEASE_EXPIRED to event queue 0;
 * the broker ends it at its own deadline (virq_broker_advance).  Whichever
 * comes first ends the loan: feed queue 0's lease-expired entries to
 * virq_broker_bind_event(), which ends the loan in the broker. */
typedef int (*virq_broker_msg_fn)(void *ctx, unsigned drv, unsigned vec, uint64_t *addr, uint32_t *data);

typedef struct virq_broker_bind {
    virq_dev_t *pf;
    const virq_broker_t *broker; /* for each driver's adapter and function */
    unsigned adapter;
    uint32_t hw_per_tick;        /* device lease ticks per broker tick */
    virq_broker_msg_fn message;  /* the message address and data of vec at drv */
    void *ctx;                   /* passed to message */
    uint64_t not_owned;          /* mask calls for a vector the device had already taken back */
    uint64_t stale_events;       /* lease-expired entries for loans already ended */
} virq_broker_bind_t;

/* Fill *bb and *ops for the broker *b (initialized after this call with
 * virq_broker_init(b, ops, pf->num_vec)).  hw_per_tick >= 1. */
int virq_broker_bind(virq_broker_bind_t *bb, virq_broker_ops_t *ops, const virq_broker_t *b, virq_dev_t *pf,
                     unsigned adapter, uint32_t hw_per_tick, virq_broker_msg_fn message, void *ctx);

/* An entry read from event queue 0.  A lease-expired entry whose loan the
 * broker still holds (and whose vector the device has not lent again) ends
 * it in the broker as at expiry (virq_broker_expire): *ended = true.  An
 * entry for a loan already ended (the broker's own deadline came first) is
 * counted in stale_events.  VIRQ_EINVAL for any other entry. */
int virq_broker_bind_event(virq_broker_bind_t *bb, virq_broker_t *b, uint32_t entry, bool *ended);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_HV_BIND_H */
