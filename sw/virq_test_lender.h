/* A lending guest driver for tests of the bound lease broker
 * (sw/test_hv_bind.c on the model, tb/common/scn_drv.c on the RTL): it lends
 * up to `lend` vectors for the time asked (0 declines) and counts the
 * broker's notifications by kind.  Test code only. */
#ifndef VIRQ_TEST_LENDER_H
#define VIRQ_TEST_LENDER_H

#include "virq_broker.h"

typedef struct virq_test_lender {
    unsigned lend;  /* vectors offered, 0 declines */
    unsigned ev[3]; /* notifications by virq_broker_event_t */
} virq_test_lender_t;

static inline int virq_test_lender_offer(void *ctx, unsigned self, unsigned borrower, unsigned count,
                                         uint32_t ticks, virq_broker_offer_t *of)
{
    virq_test_lender_t *d = ctx;
    (void)self;
    (void)borrower;
    if (d->lend == 0)
        return 1;
    of->nterms = 1;
    of->term[0] = (virq_broker_term_t){count < d->lend ? count : d->lend, ticks};
    return 0;
}

static inline void virq_test_lender_notify(void *ctx, unsigned self, unsigned vec, unsigned peer,
                                           virq_broker_event_t ev)
{
    virq_test_lender_t *d = ctx;
    (void)self;
    (void)vec;
    (void)peer;
    d->ev[ev]++;
}

#endif /* VIRQ_TEST_LENDER_H */
