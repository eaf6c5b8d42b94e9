/* AXI4-Lite master bus-functional model in C, cycle based: one write and
 * one read in flight, AW and W valid raised independently after chosen
 * delays and held until their handshakes, BREADY/RREADY chosen per cycle by
 * the caller.  Completions are reported through callbacks. */
#ifndef VIRQ_AXIL_BFM_H
#define VIRQ_AXIL_BFM_H

#include <stdbool.h>
#include <stdint.h>

#include "virq/virq.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct axil_bfm {
    /* write */
    bool w_busy, aw_done, w_done;
    uint32_t waddr, wdata;
    uint8_t wstrb;
    uint64_t aw_at, w_at, w_tag, w_hs_cycle;
    /* read */
    bool r_busy, ar_done;
    uint32_t raddr;
    uint64_t ar_at, r_tag, r_hs_cycle;
    /* completions */
    void *ctx;
    void (*on_b)(void *ctx, uint64_t tag, unsigned resp, uint64_t hs_cycle, uint64_t cycle);
    void (*on_r)(void *ctx, uint64_t tag, unsigned resp, uint32_t data, uint64_t hs_cycle, uint64_t cycle);
} axil_bfm_t;

void axil_bfm_reset(axil_bfm_t *b);
/* Start a write at cycle c: AWVALID from cycle c+aw_delay, WVALID from
 * c+w_delay.  false if a write is still in flight. */
bool axil_bfm_write(axil_bfm_t *b, uint64_t c, uint32_t addr, uint32_t data, uint8_t strb, uint64_t tag,
                    unsigned aw_delay, unsigned w_delay);
bool axil_bfm_read(axil_bfm_t *b, uint64_t c, uint32_t addr, uint64_t tag, unsigned delay);
/* Drive the master side of the bus for cycle c. */
void axil_bfm_drive(const axil_bfm_t *b, uint64_t c, virq_in_t *in, bool bready, bool rready);
/* Observe the cycle's outputs: handshakes and completions. */
void axil_bfm_observe(axil_bfm_t *b, uint64_t c, const virq_in_t *in, const virq_out_t *out);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_AXIL_BFM_H */
