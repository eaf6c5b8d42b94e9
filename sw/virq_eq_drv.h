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

/* Host-memory allocation, the platform's: bytes (> 0) at an address that is
 * a multiple of align (a power of two, >= 4) that the device can reach by
 * DMA and the driver through virq_mem_t.  alloc returns 0 and sets *addr, or
 * non-zero when it cannot; free (may be NULL: memory is never given back)
 * takes what alloc gave, with the same size.  On hardware: coherent DMA
 * memory (dma_alloc_coherent, a hugepage pool); on the model and the RTL
 * harness: an allocator over the test's host-memory array.  A separate
 * struct, so that the existing positional initializers of virq_mem_t stay
 * complete. */
typedef struct virq_mem_alloc {
    void *ctx;
    int (*alloc)(void *ctx, uint64_t bytes, uint64_t align, uint64_t *addr);
    void (*free)(void *ctx, uint64_t addr, uint64_t bytes);
} virq_mem_alloc_t;

/* Argument-checked alloc: VIRQ_ENOTSUP without a hook, VIRQ_EINVAL for
 * bytes 0 or a bad align, VIRQ_ENOMEM when the platform refuses or answers
 * with a misaligned address or address 0 (that block is freed again);
 * *addr is written only on success. */
int virq_mem_alloc(const virq_mem_alloc_t *a, uint64_t bytes, uint64_t align, uint64_t *addr);
void virq_mem_free(const virq_mem_alloc_t *a, uint64_t addr, uint64_t bytes);

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

/* Doorbell value: optionally set the read indicator, arm or disarm.  eq is
 * kept to the field's 8 bits (a larger number cannot name a queue). */
uint32_t virq_eq_doorbell(unsigned eq, bool valid, uint16_t ri, bool arm);

/* Program and initialize a queue through the register bus: ring,
 * write-back slot (wb_every 0 = write back only when the queue signals;
 * wb_addr 0 = no write-back), owner, vector (vec = VIRQ_NO_VEC: the queue
 * signals legacy INTx, CFG.LEGACY, as an MVM entry without a vector does:
 * the owner's INTx Status is up while the queue is armed with unread
 * entries, docs/msix.md); then INIT and, if arm, arm it.
 * Reads EQ_STATUS first: VIRQ_EBUSY, with the ring and *r untouched, unless
 * the queue is undefined with no DMA write of it waiting (virq_eq_retire
 * gets it there).  Then clears the ring's codes.  PF handle only. */
int virq_eq_setup(virq_dev_t *d, const virq_mem_t *mem, virq_eq_ring_t *r, unsigned eq, unsigned func, unsigned vec,
                  uint64_t base, unsigned log2_size, uint64_t wb_addr, unsigned wb_every, bool arm);

/* Poll, then write the doorbell (buses whose writes complete at once): the
 * owning function's EQ_DB through a PF handle, FN_DB through the owning
 * function's window handle (&fn->dev; another function's is VIRQ_EINVAL,
 * and so is a ring whose queue or function the instance does not have).
 *
 * Ordering: the poll clears each entry's code with a plain memory write
 * and the doorbell then hands the entries back.  On a host whose memory
 * writes can pass a device register write, the platform's write32 must
 * order the doorbell after them (Linux: writel, not writel_relaxed), or a
 * late clear could wipe an entry the device wrote after the doorbell. */
int virq_eq_service(virq_dev_t *d, virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx,
                    unsigned budget, unsigned *handled);

/* ---- rings in allocated memory, and waiting for the queue's interrupt ---- */

/* Bytes of a ring of 2^log2_size entries, and the alignment
 * virq_eq_ring_alloc asks for: the ring's size up to 4 KiB (a ring never
 * crosses a page), the hardware needs only 4. */
#define VIRQ_EQ_RING_BYTES(log2_size) (4ull << (log2_size))
#define VIRQ_EQ_RING_ALIGN(log2_size) ((log2_size) >= 10 ? 4096ull : VIRQ_EQ_RING_BYTES(log2_size))

/* Allocate a ring of 2^log2_size entries (1..16) and describe it as
 * virq_eq_ring_init does (every code cleared).  No register access; *r is
 * written only on success (VIRQ_EINVAL also for a queue above 255 or a
 * function above 15, the hardware's limits; VIRQ_ENOTSUP, VIRQ_ENOMEM as
 * virq_mem_alloc). */
int virq_eq_ring_alloc(virq_eq_ring_t *r, const virq_mem_alloc_t *a, const virq_mem_t *mem, unsigned eq,
                       unsigned func, unsigned log2_size);

/* Give an allocated ring's memory back (the queue must no longer use it:
 * virq_eq_retire first).  r->base becomes 0. */
void virq_eq_ring_free(virq_eq_ring_t *r, const virq_mem_alloc_t *a);

/* Take queue eq out of use: CMD.DISABLE, then read EQ_STATUS until no DMA
 * write of the queue waits on the port (BUSY = 0), at most polls times
 * (0 counts as 1).  DISABLE does not cancel such a write: it still lands in
 * the ring as configured (docs/eq.md), so a ring is freed or reused only
 * after VIRQ_OK.  VIRQ_EBUSY: still busy after the last read (the DMA port
 * is stalled; call again).  PF handle only. */
int virq_eq_retire(virq_dev_t *d, unsigned eq, unsigned polls);

/* The reads virq_eq_create's clean-up gives virq_eq_retire. */
#define VIRQ_EQ_RETIRE_POLLS 1000u

/* virq_eq_setup on a freshly allocated ring, no write-back: arguments are
 * checked first (nothing allocated, nothing written on refusal).  If a
 * later access fails: before INIT the ring is freed again; after INIT (the
 * arming doorbell refused) the queue is retired and the ring freed, or, if
 * it cannot be retired, left allocated and described in *r (r->base != 0)
 * for the caller to retire and free.  *r is otherwise written only on
 * success.  PF handle only. */
int virq_eq_create(virq_dev_t *d, const virq_mem_alloc_t *a, const virq_mem_t *mem, virq_eq_ring_t *r, unsigned eq,
                   unsigned func, unsigned vec, unsigned log2_size, bool arm);

/* Wait (virq_wait_irq) up to timeout_us for vector vec's interrupt, then
 * service the ring (virq_eq_service: handle, clear, hand back and re-arm
 * with one doorbell).  VIRQ_ETIMEDOUT without touching the ring or the
 * device when the interrupt did not come; *handled (may be NULL) = entries
 * handled (0 then), *fired (may be NULL) as virq_wait_irq's.  vec is the
 * vector the queue signals (EQ_CFG.VEC); the handle is the PF's or the
 * owning function's window, as for virq_eq_service. */
int virq_eq_wait_service(virq_dev_t *d, const virq_irq_t *irq, unsigned vec, uint32_t timeout_us,
                         virq_eq_ring_t *r, const virq_mem_t *mem, virq_eq_handler_t handle, void *ctx,
                         unsigned budget, unsigned *handled, uint64_t *fired);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_EQ_DRV_H */
