/* Reproducible random numbers for the scenarios (splitmix64). */
#ifndef VIRQ_TB_RNG_H
#define VIRQ_TB_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rng {
    uint64_t s;
} rng_t;

static inline uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline uint32_t rng_below(rng_t *r, uint32_t n)
{
    return (uint32_t)(rng_next(r) % n);
}

static inline bool rng_pct(rng_t *r, unsigned pct)
{
    return rng_below(r, 100) < pct;
}

#endif /* VIRQ_TB_RNG_H */
