/* virq driver: the register-level core shared by the guest driver and the
 * hypervisor side.  Bus-agnostic: the caller supplies 32-bit register read
 * and write functions (an MMIO mapping on hardware, libvirq's zero-time
 * helpers on the model, the lockstep harness on the RTL).
 *
 * Every function returns VIRQ_OK (0) or a negative VIRQ_E* code; arguments
 * are checked before anything is written, so a refused call touches nothing. */
#ifndef VIRQ_DRV_H
#define VIRQ_DRV_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct virq_bus {
    void *ctx;
    /* return 0, or the bus response code of a refused access */
    int (*read32)(void *ctx, uint32_t addr, uint32_t *val);
    int (*write32)(void *ctx, uint32_t addr, uint32_t val);
} virq_bus_t;

enum {
    VIRQ_OK = 0,
    VIRQ_EBUS = -1,     /* the device refused an access */
    VIRQ_ENODEV = -2,   /* no virq at this address (ID mismatch) */
    VIRQ_EVERSION = -3, /* register interface major version not supported */
    VIRQ_EINVAL = -4,   /* argument out of range for this instance */
    VIRQ_ERANGE = -5,   /* time does not fit the hardware's counters */
    VIRQ_ENOTSUP = -6,  /* the instance lacks the block (or the platform a hook) */
    VIRQ_ETIMEDOUT = -7, /* the interrupt waited for did not come in time (virq_wait_irq) */
    VIRQ_ENOMEM = -8,   /* the platform could not allocate host memory (virq_mem_alloc) */
    VIRQ_EBUSY = -9,    /* the queue is in use: defined, or a DMA write of it still waiting */
    /* -20..-29: the hypervisor side (virq_intx_mon.h, virq_broker.h) */
    VIRQ_ENOTOWNER = -20, /* the virtual machine does not own the function (INTx monitor) */
    VIRQ_EDENIED = -21    /* nothing could be granted: no free vector and no lender (lease broker) */
};

/* Wait-for-interrupt, the platform's third service beside register access
 * (virq_bus_t) and host memory (virq_mem_t, virq_mem_alloc_t in
 * virq_eq_drv.h).  A separate struct, so that the existing positional
 * initializers of virq_bus_t stay complete.
 *
 * wait_irq: wait until vector vec's interrupt arrives -- its MSI-X message on
 * a platform that sees messages, or the vector's interrupt line where the
 * platform has one (the model's guest_irq_o) -- or until timeout_us
 * microseconds have passed (0: only what has already arrived).  *fired (never
 * NULL) gets bit v set for every vector whose interrupt arrived
 * while waiting, vec's included when it came; the platform may return as
 * soon as vec's has.  Returns VIRQ_OK when vec's interrupt came,
 * VIRQ_ETIMEDOUT when it did not, another VIRQ_E* code on a platform failure.
 * On the C model it steps the model; on the RTL harness it runs the clock;
 * on hardware it sleeps on the vector's interrupt (an eventfd, a UIO read). */
typedef struct virq_irq {
    void *ctx;
    int (*wait_irq)(void *ctx, unsigned vec, uint32_t timeout_us, uint64_t *fired);
} virq_irq_t;

#define VIRQ_MAX_WAIT_VEC 64u /* vectors a wait can name (bits of *fired); PARAMS0.NUM_VEC is at most 64 */

/* Argument-checked wait_irq: VIRQ_ENOTSUP without a hook, VIRQ_EINVAL for vec
 * >= VIRQ_MAX_WAIT_VEC; fired may be NULL. */
int virq_wait_irq(const virq_irq_t *irq, unsigned vec, uint32_t timeout_us, uint64_t *fired);

/* A handle on the device's registers: the PF window (virq_probe), or one
 * function's 4 KiB window (virq_fn_open / virq_fn_attach, inside a
 * virq_fn_t).  A zero-initialized handle is a PF handle. */
typedef struct virq_dev {
    virq_bus_t bus;
    uint32_t version;  /* VERSION register (0 in a window handle opened by virq_fn_open) */
    uint32_t features; /* FEATURES register (ditto) */
    unsigned num_vec;  /* PARAMS0.NUM_VEC (a window: FN_INFO.NUM_VEC) */
    unsigned num_eq;   /* PARAMS0.NUM_EQ */
    unsigned num_func; /* PARAMS1.NUM_FUNC */
    unsigned eq_max_log2; /* PARAMS1.EQ_MAX_LOG2 */
    uint32_t tick_ns;  /* moderation tick length, 0 until set */
    unsigned num_prs;  /* PARAMS2.NUM_PRS (0 without the route block) */
    unsigned num_cpu;  /* PARAMS2.NUM_CPU (0 without the route block) */
    bool window;       /* true: function func's window, registers at base + offset */
    unsigned func;     /* the window's function (FN_INFO.FUNC); 0 for the PF handle */
    uint32_t base;     /* added to every register address: 0, or VIRQ_FN_WIN(func) */
} virq_dev_t;

/* One register access through the bus at d->base + addr: VIRQ_OK, or
 * VIRQ_EBUS when the device refused it.  Every other call of the driver goes
 * through these. */
int virq_read(virq_dev_t *d, uint32_t addr, uint32_t *val);
int virq_write(virq_dev_t *d, uint32_t addr, uint32_t val);

/* Discover the instance through the PF window: checks ID and
 * VERSION.MAJOR, reads the parameters (PARAMS2 too when it has the route
 * block). */
int virq_probe(virq_dev_t *d, const virq_bus_t *bus);

/* Moderation time base: one tick every tick_ns for a clock of clk_hz.
 * The tick must be a whole number of cycles, 1 to 65536.  PF only. */
int virq_set_tick(virq_dev_t *d, uint32_t clk_hz, uint32_t tick_ns);

/* Moderation.  On a PF handle these reach MOD[vec]; on a window handle
 * (&fn->dev) the same code reaches FN_MOD[vec] of the window, which answers
 * only for vectors the function owns (VIRQ_EBUS otherwise, nothing changed).
 *
 * virq_mod_setup: program vector vec's moderation unit: latency and overflow
 * intervals in microseconds (0 = no moderation), converted to ticks rounding
 * to the nearest tick and at least 1 tick for a non-zero time; variant B
 * selects the implicit guest state (the guest driver calls virq_mod_done()).
 * Needs d->tick_ns (virq_set_tick, or virq_fn_set_tick on a window).
 * These three calls answer VIRQ_EINVAL for a vector the handle lacks and, on
 * a PF handle of an instance without the moderation block, VIRQ_ENOTSUP,
 * both before any access. */
int virq_mod_setup(virq_dev_t *d, unsigned vec, uint32_t lat_us, uint32_t ovf_us, bool variant_b);

/* Hypervisor scheduler hook (seed 000 FIG. 3B), or the guest driver
 * becoming active: guest of vec scheduled in (active) or out.  Keeps the
 * unit's variant. */
int virq_mod_guest_state(virq_dev_t *d, unsigned vec, bool active);

/* Guest driver finished processing (FIG. 4B, 470/475): restart the latency
 * and overflow counters with one register write. */
int virq_mod_done(virq_dev_t *d, unsigned vec);

/* Number of refused register accesses the device has counted.  PF only. */
int virq_bus_errors(virq_dev_t *d, uint32_t *count);

/* ---- interrupt delivery, function side (docs/msix.md) ---------------------
 *
 * A function's window: function f's registers at VIRQ_FN_WIN(f).  The
 * handle is a virq_dev_t with window = true and base = VIRQ_FN_WIN(f), so
 * virq_read/virq_write and the moderation calls work on &fn->dev with
 * window-relative offsets (VIRQ_FN_*).  The bus sees device addresses
 * (base + offset) as for the PF; a guest whose mapping starts at its window
 * subtracts VIRQ_FN_WIN(f) in its bus functions.
 *
 * Vectors keep their global numbers in every window.  An access to a vector
 * the function does not own is refused by the device: the call answers
 * VIRQ_EBUS and the vector's state is unchanged (the refusal is counted in
 * FN_CTL[f].ERR_CNT).  PF-only calls on a window handle answer VIRQ_EINVAL
 * without an access, and the window calls on a PF handle likewise. */
typedef struct virq_fn {
    virq_dev_t dev;
} virq_fn_t;

/* The INTx state of a function (seed 002 FIG. 5). */
typedef struct virq_intx_state {
    bool raw;     /* interrupt status indicator (block 500) */
    bool en;      /* interrupt enable (block 510), the function's FN_INTX_CTRL.EN */
    bool status;  /* INTx Status = raw AND en (gate 520, PCI Status bit 3) */
    bool disable; /* the host's Interrupt Disable (PCI Command bit 10) */
    bool line;    /* the function drives the shared line (gate 530) */
} virq_intx_state_t;

/* Open function f's window on bus (the guest's, or the host's): reads
 * FN_INFO and checks it names f.  VIRQ_ENODEV when the window does not
 * answer or names another function; *fn is written only on success. */
int virq_fn_open(virq_fn_t *fn, const virq_bus_t *bus, unsigned f);

/* The host's handle on function f's window through the PF handle's bus
 * (the hypervisor reaches every window): no register access; the
 * parameters and the tick come from the PF handle. */
int virq_fn_attach(virq_fn_t *fn, const virq_dev_t *pf, unsigned f);

/* The moderation tick the PF programmed (virq_set_tick), for
 * virq_mod_setup(&fn->dev, ...): the window has no TICK_DIV, the guest learns
 * the tick from the hypervisor.  No register access. */
int virq_fn_set_tick(virq_fn_t *fn, uint32_t tick_ns);

/* Program vector vec's MSI-X entry: message address (4-byte aligned, else
 * VIRQ_EINVAL before any access) and data.  The mask bit is kept; an
 * unmasked entry is masked while its address and data change and unmasked
 * again after (so no message leaves with half an update). */
int virq_fn_msix_program(virq_fn_t *fn, unsigned vec, uint64_t addr, uint32_t data);

/* Set (true) or clear vector vec's mask bit.  Clearing it with the pending
 * bit set sends the message once. */
int virq_fn_msix_mask(virq_fn_t *fn, unsigned vec, bool masked);

/* Read vector vec's entry back (any pointer may be NULL). */
int virq_fn_msix_entry(virq_fn_t *fn, unsigned vec, uint64_t *addr, uint32_t *data, bool *masked);

/* MSI-X Enable and Function Mask of the function (FN_MSIX_CTRL). */
int virq_fn_msix_ctrl(virq_fn_t *fn, bool enable, bool fmask);

/* The function's pending bits (PBA): bit v = vector v (only vectors it owns). */
int virq_fn_msix_pending(virq_fn_t *fn, uint64_t *pending);

/* The function's INTx enable (FIG. 5 block 510, reset 1). */
int virq_fn_intx_enable(virq_fn_t *fn, bool enable);

/* Acknowledge the function's INTx: clears the latched vector interrupt
 * (an armed legacy queue with unread entries keeps it until read). */
int virq_fn_intx_ack(virq_fn_t *fn);

/* The function's INTx state as it sees it (FN_INTX_STATE and FN_INTX_CTRL). */
int virq_fn_intx_state(virq_fn_t *fn, virq_intx_state_t *st);

/* The function's event-queue doorbell (FN_DB = EQ_DB[f]); value as built
 * by virq_eq_doorbell().  A value with reserved bits set is VIRQ_EINVAL. */
int virq_fn_doorbell(virq_fn_t *fn, uint32_t value);

/* ---- interrupt delivery, host side (PF window) ---------------------------- */

/* The host's view of function f (FN_CTL[f]). */
typedef struct virq_fnctl_state {
    virq_intx_state_t intx;
    bool msix_en; /* the function's MSI-X Enable */
    bool fmask;   /* its Function Mask */
} virq_fnctl_state_t;

/* Set or clear function f's Interrupt Disable (FN_CTL[f].INTX.DISABLE). */
int virq_fnctl_intx_disable(virq_dev_t *d, unsigned f, bool disable);

/* Function f's INTx Status (gate 520), whatever Interrupt Disable is: one
 * read of FN_CTL[f].STATE (what a host monitor needs per function). */
int virq_fnctl_intx_status(virq_dev_t *d, unsigned f, bool *asserting);

/* Everything FN_CTL[f] shows (STATE and INTX). */
int virq_fnctl_state(virq_dev_t *d, unsigned f, virq_fnctl_state_t *st);

/* Refused accesses through function f's window (FN_CTL[f].ERR_CNT). */
int virq_fnctl_err_count(virq_dev_t *d, unsigned f, uint32_t *count);

/* Vector vec's home function (VEC[vec].HOME).  Setting it moves a vector
 * that is not lent (refused by the device while it is: VIRQ_EBUS); a new
 * home gets the vector in its reset state (entry zero, masked). */
int virq_vec_set_home(virq_dev_t *d, unsigned vec, unsigned func);
int virq_vec_home(virq_dev_t *d, unsigned vec, unsigned *func);

/* Lend vector vec to function to for ticks moderation ticks (1..65535).
 * The device refuses (VIRQ_EBUS) a grant while vec is lent or to its home.
 * When the count runs out the device gives the vector back to its home,
 * masked and zeroed, and posts VIRQ_EVT_CODE_LEASE_EXPIRED to queue 0. */
int virq_vec_lease(virq_dev_t *d, unsigned vec, unsigned to, uint32_t ticks);

/* End vec's lease now (no event; no effect if it is not lent). */
int virq_vec_lease_end(virq_dev_t *d, unsigned vec);

/* Vec's current owner and the ticks left of its lease (0: not lent);
 * either pointer may be NULL. */
int virq_vec_lease_get(virq_dev_t *d, unsigned vec, unsigned *owner, uint32_t *ticks_left);

/* Counters: pending messages discarded at hand-overs (VEC_DROP_CNT), leases
 * that ran out (LEASE_EXP_CNT). */
int virq_vec_drop_count(virq_dev_t *d, uint32_t *count);
int virq_lease_exp_count(virq_dev_t *d, uint32_t *count);

/* ---- routing (docs/route.md), PF window ------------------------------------ */

#define VIRQ_RSS_KEY_LEN 40u
#define VIRQ_NO_VEC 0xFFFFu /* virq_mvm_set, virq_eq_setup / _create: no vector, the queue signals legacy INTx */

/* Write the 40-byte Toeplitz key (published byte order) to the shadow
 * RSS_KEY registers, then RSS_CMD.COMMIT: the hash switches to the whole new
 * key at one edge.  The conversion is libvirq's virq_toeplitz_key_to_regs()
 * (cmodel/toeplitz.c: pure functions, link it or libvirq). */
int virq_rss_set_key(virq_dev_t *d, const uint8_t key[VIRQ_RSS_KEY_LEN]);

/* Read the shadow key back (the key last written, committed or not). */
int virq_rss_shadow_key(virq_dev_t *d, uint8_t key[VIRQ_RSS_KEY_LEN]);

/* RSS_CTRL: hash types enabled (bit t-1 = type t, VIRQ_HTYPE_IPV4 ..), and
 * the MVM variant: false = by function x processor (FIG. 7), true = by
 * queue (FIG. 12). */
int virq_rss_ctrl(virq_dev_t *d, unsigned htype_en, bool mvm_by_queue);

/* Global events (gev_i pulses) lost because their input already had 65 535
 * waiting (GEV_LOST_CNT, saturating; docs/route.md).  Non-zero means the
 * event path was held (DMA not ready) long enough to lose link, ECC, GPIO
 * or external notifications: the platform should re-read their sources. */
int virq_gev_lost_count(virq_dev_t *d, uint32_t *count);

/* Function f's PRS slice: index = base + (hash AND mask); mask <= 255 and
 * base + mask < num_prs. */
int virq_func_rss(virq_dev_t *d, unsigned f, unsigned base, unsigned mask);

/* Function f's defaults for events that are not hashed: processor (FIG. 7
 * mode) and queue (FIG. 12 mode). */
int virq_func_default(virq_dev_t *d, unsigned f, unsigned cpu, unsigned eq);

/* PRS entry idx: processor and queue (the queue is used in FIG. 12 mode). */
int virq_prs_set(virq_dev_t *d, unsigned idx, unsigned cpu, unsigned eq);

/* MVM entry of function f and processor cpu (FIG. 7 mode): queue and vector,
 * or vec = VIRQ_NO_VEC for legacy INTx. */
int virq_mvm_set(virq_dev_t *d, unsigned f, unsigned cpu, unsigned eq, unsigned vec);

const char *virq_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_DRV_H */
