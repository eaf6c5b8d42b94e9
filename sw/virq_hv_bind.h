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
 * virq_broker_bind: one broker for one virq instance (several instances in
 * one pool: virq_broker_mbind below).  The broker's vectors are the instance's
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
    unsigned vec_base;           /* broker vector of the instance's vector 0 (0: virq_broker_bind) */
    unsigned num_vec;            /* the instance's vectors in the broker (pf->num_vec: virq_broker_bind) */
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

/* ---- one broker over several virq instances ------------------------------------
 *
 * The broker's pool is the host bridge's: the vectors of several adapters
 * (virq instances), one after another.  Adapter i (in the order given)
 * contributes its vectors 0..num_vec-1 as broker vectors
 * ad[i].vec_base..ad[i].vec_base+num_vec-1; a vector belongs to its adapter
 * for good (it is a row of that instance's MSI-X table, VEC[] and MOD[]).
 * message(ctx, drv, vec) is asked with the broker vector, the host bridge's
 * vector number.  Each adapter's ops behave as virq_broker_bind's above, on
 * that adapter's PF handle and with its local vector number.
 *
 * Loans inside one adapter (lender and borrower functions of one instance)
 * use that instance's lease registers, as above.  Loans between adapters
 * are refused: a vector cannot move between instances (the borrower's
 * device has no entry, no moderation unit and no event-queue path for it),
 * and what seed 004 moves between devices -- the vector's message, its
 * host-bridge vector number -- would need the lender's device never to send
 * it again and the borrower's device to have a spare entry to program it
 * into, with no hardware to end the loan.  So:
 *   - virq_broker_mbind_alloc / virq_broker_mbind_request take free vectors
 *     only from the driver's own adapter and ask only cooperative drivers of
 *     that adapter (the others are left out for the call): a request that
 *     only another adapter could satisfy answers VIRQ_EDENIED (counted in
 *     cross_denied when a cooperative driver of another adapter had
 *     vectors at home), a partial grant likewise;
 *   - the ops refuse (non-zero) any driver/vector pair of two adapters, so
 *     plain virq_broker_alloc / virq_broker_request on this broker never
 *     bind across adapters either: the broker rolls back and answers
 *     VIRQ_EBUS (counted in cross_refused).
 * Queue 0 of each adapter reports that adapter's lease ends:
 * virq_broker_mbind_event(.., adapter, entry, ..). */
#define VIRQ_BROKER_MAX_ADAPTERS 4u

typedef struct virq_broker_adapter {
    virq_dev_t *pf;   /* the instance's PF handle (kept, not copied) */
    unsigned adapter; /* its number in the drivers' desc.adapter */
    unsigned num_vec; /* its vectors 0..num_vec-1 join the pool; 0: all (pf->num_vec) */
} virq_broker_adapter_t;

typedef struct virq_broker_mbind {
    const virq_broker_t *broker;
    unsigned num_adapters;
    unsigned num_vec;       /* the pool: the sum of the adapters' vectors */
    virq_broker_bind_t ad[VIRQ_BROKER_MAX_ADAPTERS]; /* per adapter: not_owned, stale_events, vec_base */
    uint64_t cross_refused; /* ops refused for a driver and a vector of two adapters */
    uint64_t cross_denied;  /* requests not fully granted while cooperative drivers of other adapters were left out */
} virq_broker_mbind_t;

/* Fill *mb and *ops for the broker *b (initialized after this call with
 * virq_broker_init(b, ops, mb->num_vec)) over n adapters (1..
 * VIRQ_BROKER_MAX_ADAPTERS, distinct numbers, none VIRQ_BROKER_NO_ADAPTER,
 * PF handles with MSI-X, at most VIRQ_BROKER_MAX_VEC vectors in all).
 * hw_per_tick >= 1, the same for every adapter (one broker clock). */
int virq_broker_mbind(virq_broker_mbind_t *mb, virq_broker_ops_t *ops, const virq_broker_t *b,
                      const virq_broker_adapter_t *ads, unsigned n, uint32_t hw_per_tick, virq_broker_msg_fn message,
                      void *ctx);

/* The map: broker vector -> (adapter number, its vector), and back. */
int virq_broker_mbind_vec(const virq_broker_mbind_t *mb, unsigned bvec, unsigned *adapter, unsigned *vec);
int virq_broker_mbind_bvec(const virq_broker_mbind_t *mb, unsigned adapter, unsigned vec, unsigned *bvec);

/* virq_broker_alloc and virq_broker_request restricted to drv's adapter (see
 * above): same answers, VIRQ_EDENIED when the adapter has nothing free (and,
 * for a request, no lender on it) whatever other adapters have.
 * VIRQ_EINVAL for a driver whose adapter is not bound. */
int virq_broker_mbind_alloc(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned drv, unsigned count, unsigned *got);
int virq_broker_mbind_request(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned drv, unsigned count,
                              uint32_t lease_ticks, virq_broker_mode_t mode, virq_broker_grant_t *g);

/* An entry read from event queue 0 of adapter `adapter` (its vector numbers):
 * as virq_broker_bind_event. */
int virq_broker_mbind_event(virq_broker_mbind_t *mb, virq_broker_t *b, unsigned adapter, uint32_t entry,
                            bool *ended);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_HV_BIND_H */
