/* Event-queue side of the virq driver (seed 003 FIG. 2-4, FIG. 9, [0034]).
 *
 * A ring lives in the guest's memory; the driver reads entries by their code
 * field (0 = empty), clears each code after handling it, and hands the
 * entries back and re-arms the queue with one doorbell write.  Memory access
 * goes through virq_mem_t so the same code runs on real memory, on the C
 * model's host-memory stand-in and inside the lockstep harness. */
#ifndef VIRQ_EQ_DRV_H
#define VIRQ_EQ_DRV_H

#include <stdbool.h>
#include <stdint.h>

#include "virq_drv.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct virq_mem {
    void *ctx;
    uint32_t (*read32)(void *ctx, uint64_t addr);
    void (*write32)(void *ctx, uint64_t addr, uint32_t val);
} virq_mem_t;

typedef struct virq_eq_ring {
    unsigned eq;        /* queue number */
    unsigned func;      /* owning function: whose doorbell is rung */
    uint64_t base;      /* ring address (4-byte aligned) */
    unsigned log2_size; /* 2^log2_size entries of 4 bytes */
    uint16_t ri;        /* next entry to read */
} virq_eq_ring_t;

/* Event handler: called once per entry, in order. */
typedef void (*virq_eq_handler_t)(void *ctx, unsigned eq, uint32_t entry);

/* Describe a ring and clear every code field in memory ([0034]: codes are
 * cleared when the queue is created).  No register access. */
void virq_eq_ring_init(virq_eq_ring_t *r, const virq_mem_t *mem, unsigned eq, unsigned func, uint64_t base,
                       unsigned log2_size);

/* Interrupt handling (FIG. 9): from r->ri on, hand every entry whose code is
 * non-zero to handle(), clear its code, advance r->ri; stop at the first
 * empty entry or after budget entries (0 = no limit).  Returns the number
 * handled and sets *doorbell to the value that hands them back and re-arms
 * the queue (write it to virq_eq_db_addr()). */
unsigned virq_eq_poll(virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx, unsigned budget,
                      uint32_t *doorbell);

/* Register address of the ring's doorbell (the owning function's). */
uint32_t virq_eq_db_addr(const virq_eq_ring_t *r);

/* Doorbell value: optionally set the read indicator, arm or disarm. */
uint32_t virq_eq_doorbell(unsigned eq, bool valid, uint16_t ri, bool arm);

/* Program and initialize a queue through the register bus (the queue must be
 * undefined): ring, write-back slot (wb_every 0 = write back only when the
 * queue signals; wb_addr 0 = no write-back), owner, vector; then INIT and,
 * if arm, arm it.  Clears the ring's codes first.  PF handle only. */
int virq_eq_setup(virq_dev_t *d, const virq_mem_t *mem, virq_eq_ring_t *r, unsigned eq, unsigned func, unsigned vec,
                  uint64_t base, unsigned log2_size, uint64_t wb_addr, unsigned wb_every, bool arm);

/* Poll, then write the doorbell (buses whose writes complete at once): the
 * owning function's EQ_DB through a PF handle, FN_DB through the owning
 * function's window handle (&fn->dev; another function's is VIRQ_EINVAL). */
int virq_eq_service(virq_dev_t *d, virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx,
                    unsigned budget, unsigned *handled);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_EQ_DRV_H */
