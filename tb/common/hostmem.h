/* Host memory stand-in for the testbenches: a sparse map of 32-bit words,
 * written by the device's DMA requests and read and written by the driver. */
#ifndef VIRQ_HOSTMEM_H
#define VIRQ_HOSTMEM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct hostmem hostmem_t;

hostmem_t *hostmem_create(unsigned log2_words); /* capacity 2^log2_words words */
void hostmem_destroy(hostmem_t *m);
/* false when the map is full */
bool hostmem_write(hostmem_t *m, uint64_t addr, uint32_t v);
uint32_t hostmem_read(const hostmem_t *m, uint64_t addr); /* 0 if never written */

#endif /* VIRQ_HOSTMEM_H */
