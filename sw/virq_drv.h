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
    VIRQ_ENOTSUP = -6,  /* the instance lacks the block */
    /* -20..-29: the hypervisor side (virq_intx_mon.h, virq_broker.h) */
    VIRQ_ENOTOWNER = -20, /* the virtual machine does not own the function (INTx monitor) */
    VIRQ_EDENIED = -21    /* nothing could be granted: no free vector and no lender (lease broker) */
};

typedef struct virq_dev {
    virq_bus_t bus;
    uint32_t version;  /* VERSION register */
    uint32_t features; /* FEATURES register */
    unsigned num_vec;  /* PARAMS0.NUM_VEC */
    unsigned num_eq;   /* PARAMS0.NUM_EQ */
    unsigned num_func; /* PARAMS1.NUM_FUNC */
    unsigned eq_max_log2; /* PARAMS1.EQ_MAX_LOG2 */
    uint32_t tick_ns;  /* moderation tick length, 0 until set */
} virq_dev_t;

/* One register access through the bus: VIRQ_OK, or VIRQ_EBUS when the
 * device refused it.  Every other call of the driver goes through these. */
int virq_read(virq_dev_t *d, uint32_t addr, uint32_t *val);
int virq_write(virq_dev_t *d, uint32_t addr, uint32_t val);

/* Discover the instance: checks ID and VERSION.MAJOR, reads the parameters. */
int virq_probe(virq_dev_t *d, const virq_bus_t *bus);

/* Moderation time base: one tick every tick_ns for a clock of clk_hz.
 * The tick must be a whole number of cycles, 1 to 65536. */
int virq_set_tick(virq_dev_t *d, uint32_t clk_hz, uint32_t tick_ns);

/* Program vector vec's moderation unit: latency and overflow intervals in
 * microseconds (0 = no moderation), converted to ticks rounding to the
 * nearest tick and at least 1 tick for a non-zero time; variant B selects the
 * implicit guest state (the guest driver calls virq_mod_done()). */
int virq_mod_setup(virq_dev_t *d, unsigned vec, uint32_t lat_us, uint32_t ovf_us, bool variant_b);

/* Hypervisor scheduler hook (seed 000 FIG. 3B): guest of vec scheduled in
 * (active) or out.  Keeps the unit's variant. */
int virq_mod_guest_state(virq_dev_t *d, unsigned vec, bool active);

/* Guest driver finished processing (FIG. 4B, 470/475): restart the latency
 * and overflow counters with one register write. */
int virq_mod_done(virq_dev_t *d, unsigned vec);

/* Number of refused register accesses the device has counted. */
int virq_bus_errors(virq_dev_t *d, uint32_t *count);

const char *virq_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_DRV_H */
