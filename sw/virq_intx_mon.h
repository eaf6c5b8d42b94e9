/* Shared-INTx host monitor (seed 002 FIG. 4 and FIG. 6): the hypervisor side
 * of a level-triggered interrupt line shared by several PCI functions that
 * belong to different virtual machines.
 *
 * On the line, the monitor reads each function's INTx Status (PCI 2.3 Status
 * bit 3: status AND enable), sets Interrupt Disable (Command bit 10) of every
 * asserting function it has not masked yet, and delivers the interrupt, with
 * the function's identity, only to the virtual machine that owns the
 * function.  The owner's end of interrupt (EOI) clears Interrupt Disable
 * again; if the function still asserts, the line comes back and the next
 * call handles it, so nothing is lost.  This is the check-and-mask /
 * unmask-on-EOI scheme of Linux VFIO for INTx, done for all functions on the
 * line at once.
 *
 * Bus-agnostic: the device-side actions go through virq_intx_ops_t, bound to
 * whatever holds the two bits (configuration space on a real adapter,
 * virq_top's FN_CTL[f] through sw/virq_hv_bind.h, a simulated device in the
 * unit test).  No global state: everything lives in virq_intx_mon_t.
 *
 * Every function returns VIRQ_OK (0) or a negative VIRQ_E* code; arguments
 * are checked before anything is touched, so a refused call changes neither
 * the monitor nor the device (a refused EOI only counts the refusal). */
#ifndef VIRQ_INTX_MON_H
#define VIRQ_INTX_MON_H

#include <stdbool.h>
#include <stdint.h>

#include "virq_drv.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VIRQ_INTX_MAX_FUNC 32u /* functions sharing one line */
#define VIRQ_INTX_MAX_VM 32u   /* virtual machines */
#define VIRQ_INTX_NO_VM 0xFFFFu /* owner of an unassigned function */

/* Device-side actions.  fn is the function's index on the line
 * (0..num_func-1); the binding maps it to a device and function.
 *
 * read_status: *asserting = INTx Status of fn, i.e. its interrupt status
 *   AND its interrupt enable (FIG. 5 gate 520).  It must read the status
 *   whatever Interrupt Disable is: the monitor relies on that.
 * set_disable: set (true) or clear (false) fn's Interrupt Disable bit, which
 *   gates INTx Status onto the line (FIG. 5 gate 530).
 * deliver: inject the interrupt of function fn into virtual machine vm (the
 *   identity of FIG. 6 block 630).  It may call virq_intx_eoi() for the same
 *   function before it returns: the monitor's state is already updated.
 * read_status and set_disable return 0, or non-zero when the access failed
 * (the monitor then answers VIRQ_EBUS). */
typedef struct virq_intx_ops {
    void *ctx;
    int (*read_status)(void *ctx, unsigned fn, bool *asserting);
    int (*set_disable)(void *ctx, unsigned fn, bool disable);
    void (*deliver)(void *ctx, unsigned vm, unsigned fn);
} virq_intx_ops_t;

typedef struct virq_intx_fn_stats {
    uint64_t asserted;  /* found asserting and masked by the monitor */
    uint64_t delivered; /* interrupts delivered to the owner */
    uint64_t eoi;       /* EOIs that unmasked the function */
    uint64_t unowned;   /* asserted while no virtual machine owned it */
} virq_intx_fn_stats_t;

typedef struct virq_intx_vm_stats {
    uint64_t delivered;   /* interrupts received */
    uint64_t eoi;         /* EOIs that unmasked a function */
    uint64_t eoi_idle;    /* EOIs for an own function with nothing outstanding */
    uint64_t eoi_refused; /* EOIs for a function it does not own */
} virq_intx_vm_stats_t;

typedef struct virq_intx_mon {
    virq_intx_ops_t ops;
    unsigned num_func;
    unsigned num_vm;
    uint16_t owner[VIRQ_INTX_MAX_FUNC]; /* VIRQ_INTX_NO_VM when unassigned */
    bool masked[VIRQ_INTX_MAX_FUNC];    /* Interrupt Disable set by the monitor */
    bool waiting[VIRQ_INTX_MAX_FUNC];   /* delivered, owner's EOI outstanding */
    virq_intx_fn_stats_t fn_stats[VIRQ_INTX_MAX_FUNC];
    virq_intx_vm_stats_t vm_stats[VIRQ_INTX_MAX_VM];
    uint64_t lines;      /* line interrupts handled */
    uint64_t spurious;   /* line interrupts with no asserting, unmasked function */
    uint64_t bus_errors; /* failed read_status / set_disable calls */
} virq_intx_mon_t;

/* Set up a monitor for num_func functions (1..VIRQ_INTX_MAX_FUNC) and num_vm
 * virtual machines (1..VIRQ_INTX_MAX_VM); all functions start unassigned and
 * unmasked.  No device access: the caller starts with every function's
 * Interrupt Disable clear.  read_status and set_disable are required, deliver
 * may be NULL only if nothing is ever assigned. */
int virq_intx_init(virq_intx_mon_t *m, const virq_intx_ops_t *ops, unsigned num_func, unsigned num_vm);

/* Give function fn to virtual machine vm, or take it away (VIRQ_INTX_NO_VM).
 * An outstanding interrupt of the previous owner is dropped (its EOI will be
 * refused); if the function is masked and now has an owner, Interrupt
 * Disable is cleared so a still-asserting function reaches the new owner
 * through the line.  Interrupts of an unassigned function are masked and
 * counted, never delivered. */
int virq_intx_assign(virq_intx_mon_t *m, unsigned fn, unsigned vm);

/* The shared line is asserted (FIG. 6 blocks 610-630): read the INTx Status
 * of every function not masked by the monitor, and for each one asserting
 * set its Interrupt Disable and deliver to its owner (or only mask it when it
 * has none).  *delivered (may be NULL) = interrupts delivered by this call; a
 * call that finds no asserting function counts as spurious.  A failed device
 * access skips that function (it stays unmasked, so its level brings the line
 * back) and the others are still handled; the answer is then VIRQ_EBUS. */
int virq_intx_line(virq_intx_mon_t *m, unsigned *delivered);

/* End of interrupt from virtual machine vm for function fn: clear Interrupt
 * Disable if the monitor masked it for this virtual machine.  A virtual
 * machine that does not own fn gets VIRQ_ENOTOWNER and nothing changes but
 * its refusal count; an EOI with no interrupt outstanding is a harmless
 * no-op (VIRQ_OK, counted as idle).  If the device access fails the function
 * stays masked and the EOI can be repeated (VIRQ_EBUS). */
int virq_intx_eoi(virq_intx_mon_t *m, unsigned vm, unsigned fn);

/* Read-only views. */
unsigned virq_intx_owner(const virq_intx_mon_t *m, unsigned fn); /* VIRQ_INTX_NO_VM if none or fn invalid */
bool virq_intx_is_masked(const virq_intx_mon_t *m, unsigned fn);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_INTX_MON_H */
