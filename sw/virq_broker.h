/* MSI vector lease broker (seed 004 FIG. 3-6, claims 1-7): the hypervisor
 * side that shares the MSI vectors of one PCI host bridge among the devices
 * behind it.
 *
 * One broker per host bridge holds the bridge's vectors (0..num_vec-1).  A
 * vector is either in the free pool or allocated to a driver, its home; while
 * it is on loan its owner is the borrower, otherwise its home.  A driver is
 * one device, or one function of an adapter (a virq instance, or a PF/VF of
 * one).
 *
 *  - Initial allocation (FIG. 6) takes vectors from the free pool and binds
 *    them to the driver's device; they stay its own, with no lease.
 *  - A driver may declare itself cooperative (FIG. 6 block 620): it answers
 *    lease requests through its offer callback.
 *  - A request names a count and a lease time in ticks (FIG. 3 block 310).
 *    The broker gives free vectors first (FIG. 5 block 515, claim 6), then
 *    negotiates the rest with the cooperative drivers (block 530), all at
 *    once (PARALLEL: ask all, then choose) or one after another (SEQUENTIAL:
 *    until satisfied).  A lender answers with an offer: the whole request,
 *    fewer vectors, a shorter lease, several lease times for different
 *    vectors, or nothing.  No cooperative driver and no free vector: denied
 *    (block 525).  Fewer than asked: a partial grant ([0046]).
 *  - Choice among offers (PARALLEL): closest lease time to the one asked for
 *    first, then the lender of lowest priority, then the lowest load the
 *    lender reported, then the lowest driver number.  docs/hypervisor.md
 *    says why.
 *  - Binding (block 540): the lent vector is masked at the lender's device,
 *    the hardware lease register is set when lender and borrower are
 *    functions of one adapter, and the vector is programmed into the
 *    borrower's MSI-X table.
 *  - Expiry: the caller advances the broker's time; a vector whose lease has
 *    run out is masked at the borrower's device, its hardware lease ended,
 *    and it returns home masked.  Lender and borrower are told.  A device
 *    that ends the lease itself (virq) reports it: virq_broker_expire().
 *
 * Bus-agnostic: device actions go through virq_broker_ops_t, driver dialogue
 * through virq_broker_drv_ops_t.  No global state.  Every function returns
 * VIRQ_OK (0) or a negative VIRQ_E* code; arguments are checked before
 * anything is touched, so a refused call changes neither the broker nor any
 * device.  Callbacks must not call back into the broker. */
#ifndef VIRQ_BROKER_H
#define VIRQ_BROKER_H

#include <stdbool.h>
#include <stdint.h>

#include "virq_drv.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VIRQ_BROKER_MAX_VEC 128u  /* vectors of one host bridge */
#define VIRQ_BROKER_MAX_DRV 16u   /* drivers behind it */
#define VIRQ_BROKER_MAX_TERMS 4u  /* parts of one offer */
#define VIRQ_BROKER_NONE 0xFFFFu  /* no driver: the free pool */
#define VIRQ_BROKER_NO_ADAPTER 0xFFFFu

typedef enum {
    VIRQ_BROKER_PARALLEL = 0,  /* ask every cooperative driver, then choose */
    VIRQ_BROKER_SEQUENTIAL = 1 /* ask one after another until satisfied */
} virq_broker_mode_t;

/* Device-side actions.  drv is a driver number from virq_broker_add_driver,
 * vec a vector of the host bridge; the binding knows each vector's message
 * address and data and each driver's device.
 *
 * bind: write vec's message address and data into an MSI-X table entry of
 *   drv's device and unmask it.
 * mask: set the mask bit of vec's entry in drv's device (a masked vector
 *   never sends: PCIe keeps its pending bit).
 * hw_lease (may be NULL when no two drivers share an adapter): vector vec
 *   of adapter `adapter` belongs to function owner_fn for ticks; ticks 0 ends
 *   the lease and owner_fn is then the home function.  virq's hardware
 *   enforces the lease itself in its own ticks (virq_hv_bind.h); the loan
 *   ends at whichever deadline comes first.
 * Each returns 0, or non-zero when the device refused (VIRQ_EBUS). */
typedef struct virq_broker_ops {
    void *ctx;
    int (*bind)(void *ctx, unsigned drv, unsigned vec);
    int (*mask)(void *ctx, unsigned drv, unsigned vec);
    int (*hw_lease)(void *ctx, unsigned adapter, unsigned vec, unsigned owner_fn, uint32_t ticks);
} virq_broker_ops_t;

/* An offer: count vectors for lease_ticks each, per term (FIG. 3 block 315,
 * claim 1: a lease time for each vector).  nterms 0 declines.  load_pct is
 * the lender's own load (share of its vectors in use, 0..100), which the
 * choice uses after lease time and priority. */
typedef struct virq_broker_term {
    unsigned count;
    uint32_t lease_ticks;
} virq_broker_term_t;

typedef struct virq_broker_offer {
    unsigned nterms;
    virq_broker_term_t term[VIRQ_BROKER_MAX_TERMS];
    unsigned load_pct;
} virq_broker_offer_t;

typedef enum {
    VIRQ_BROKER_LENT,     /* to the lender: vec (masked) now serves peer */
    VIRQ_BROKER_RETURNED, /* to the lender: vec is home again, masked */
    VIRQ_BROKER_EXPIRED   /* to the borrower: vec's lease ran out, it is masked */
} virq_broker_event_t;

/* The driver's side of the dialogue.  offer (required for a cooperative
 * driver): borrower asks for count vectors for lease_ticks; fill *offer
 * (zeroed by the broker) and return 0; a non-zero return declines.  The
 * broker trims an offer to what was asked and to the vectors the driver has
 * at home.  notify (may be NULL): the events above. */
typedef struct virq_broker_drv_ops {
    void *ctx;
    int (*offer)(void *ctx, unsigned self, unsigned borrower, unsigned count, uint32_t lease_ticks,
                 virq_broker_offer_t *offer);
    void (*notify)(void *ctx, unsigned self, unsigned vec, unsigned peer, virq_broker_event_t ev);
} virq_broker_drv_ops_t;

typedef struct virq_broker_drv_desc {
    unsigned adapter;  /* adapter it is a function of, or VIRQ_BROKER_NO_ADAPTER */
    unsigned function; /* its function number on that adapter */
    unsigned priority; /* higher: its vectors are borrowed last */
    virq_broker_drv_ops_t ops;
} virq_broker_drv_desc_t;

typedef struct virq_broker_drv_stats {
    uint64_t requests, denied, partial; /* as a borrower */
    uint64_t asked, declined;           /* as a lender: requests received, answered with nothing */
    uint64_t lent, borrowed, expired;   /* vectors */
    uint64_t unsure;                    /* as a lender: roll-backs whose own access failed */
} virq_broker_drv_stats_t;

typedef struct virq_broker_vec {
    uint16_t home;     /* VIRQ_BROKER_NONE: in the free pool */
    uint16_t owner;    /* home, or the borrower while on loan */
    uint32_t lease_ticks; /* of the current loan */
    uint64_t expires;  /* broker time at which the loan ends */
    bool unsure;       /* a roll-back's access failed: retried by virq_broker_advance, not lent till then */
    uint16_t peer;     /* unsure: the borrower of the failed loan */
} virq_broker_vec_t;

typedef struct virq_broker_drv {
    bool used;
    bool cooperative;
    virq_broker_drv_desc_t desc;
    virq_broker_drv_stats_t stats;
} virq_broker_drv_t;

typedef struct virq_broker {
    virq_broker_ops_t ops;
    unsigned num_vec;
    unsigned num_drv;
    uint64_t now; /* ticks */
    virq_broker_vec_t vec[VIRQ_BROKER_MAX_VEC];
    virq_broker_drv_t drv[VIRQ_BROKER_MAX_DRV];
} virq_broker_t;

/* What a request obtained, one item per vector in the order granted:
 * lender VIRQ_BROKER_NONE and lease_ticks 0 for a vector from the free pool
 * (now the borrower's own). */
typedef struct virq_broker_item {
    uint16_t vec;
    uint16_t lender;
    uint32_t lease_ticks;
} virq_broker_item_t;

typedef struct virq_broker_grant {
    unsigned requested;
    unsigned from_pool; /* vectors from the free pool */
    unsigned borrowed;  /* vectors on loan */
    unsigned asked;     /* cooperative drivers asked */
    unsigned declined;  /* of those, the ones that offered nothing */
    unsigned n;         /* from_pool + borrowed */
    virq_broker_item_t item[VIRQ_BROKER_MAX_VEC];
} virq_broker_grant_t;

/* A broker for a host bridge with num_vec vectors (1..VIRQ_BROKER_MAX_VEC),
 * all free, time 0.  ops.bind and ops.mask are required. */
int virq_broker_init(virq_broker_t *b, const virq_broker_ops_t *ops, unsigned num_vec);

/* Register a driver (not cooperative yet); *id receives its number. */
int virq_broker_add_driver(virq_broker_t *b, const virq_broker_drv_desc_t *desc, unsigned *id);

/* Initial allocation (FIG. 6 blocks 605-625): up to count vectors from the
 * free pool, lowest numbers first, bound to drv's device; *got (may be NULL)
 * = how many.  VIRQ_EDENIED if the pool is empty. */
int virq_broker_alloc(virq_broker_t *b, unsigned drv, unsigned count, unsigned *got);

/* Declare drv willing (or no longer willing) to lend (FIG. 6 block 620).
 * A cooperative driver needs an offer callback. */
int virq_broker_set_cooperative(virq_broker_t *b, unsigned drv, bool cooperative);

/* Driver drv asks for count more vectors (1..num_vec) for lease_ticks (> 0)
 * (FIG. 3 / FIG. 5).  *g describes what was granted; VIRQ_OK when at least
 * one vector was granted (g->n < count is a partial grant), VIRQ_EDENIED
 * when none (g says whether anyone was asked).  A failed device access while
 * binding leaves that vector with its lender (rolled back) and the request
 * answers VIRQ_EBUS with *g describing what was granted all the same.  If
 * an access of the roll-back fails too (ending the hardware lease, or
 * binding the vector at the lender again), the vector stays the lender's
 * but is "unsure" (vec[].unsure, the lender's stats.unsure + 1): it is not
 * lent again, and every virq_broker_advance retries the roll-back until it
 * succeeds. */
int virq_broker_request(virq_broker_t *b, unsigned drv, unsigned count, uint32_t lease_ticks,
                        virq_broker_mode_t mode, virq_broker_grant_t *g);

/* The borrower gives a vector back before its lease ends: as at expiry. */
int virq_broker_return(virq_broker_t *b, unsigned drv, unsigned vec);

/* The device has ended vec's loan itself (a hardware lease ran out; see
 * virq_hv_bind.h): end it in the broker now, as at expiry (the borrower is
 * told EXPIRED, the lender RETURNED, the ops are called as at expiry and
 * find the vector already home).  VIRQ_EINVAL if vec is not on loan. */
int virq_broker_expire(virq_broker_t *b, unsigned vec);

/* Advance broker time by ticks (0 is allowed), retry the roll-back of every
 * unsure vector, and end every loan whose time has come, in vector order.
 * A failed device access does not keep a vector from going home; the answer
 * is then VIRQ_EBUS, as it is while a retried roll-back still fails. */
int virq_broker_advance(virq_broker_t *b, uint32_t ticks);

/* Read-only views: counts for drv (any pointer may be NULL) -- vectors
 * allocated to it (home), currently usable by it (owned), lent out, borrowed;
 * and the number of free vectors. */
int virq_broker_counts(const virq_broker_t *b, unsigned drv, unsigned *home, unsigned *owned, unsigned *lent,
                       unsigned *borrowed);
unsigned virq_broker_free_count(const virq_broker_t *b);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_BROKER_H */
