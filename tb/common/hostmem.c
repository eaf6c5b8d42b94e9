/* Host memory stand-in: open addressing on the word address. */
#include "hostmem.h"

#include <stdlib.h>

struct hostmem {
    uint64_t mask;
    uint64_t *key; /* word address + 1; 0 = free */
    uint32_t *val;
};

hostmem_t *hostmem_create(unsigned log2_words)
{
    hostmem_t *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->mask = (1ull << log2_words) - 1;
    m->key = calloc(m->mask + 1, sizeof *m->key);
    m->val = calloc(m->mask + 1, sizeof *m->val);
    if (m->key == NULL || m->val == NULL) {
        hostmem_destroy(m);
        return NULL;
    }
    return m;
}

void hostmem_destroy(hostmem_t *m)
{
    if (m == NULL)
        return;
    free(m->key);
    free(m->val);
    free(m);
}

static uint64_t slot(uint64_t w)
{
    return (w * 0x9E3779B97F4A7C15ull) >> 17;
}

bool hostmem_write(hostmem_t *m, uint64_t addr, uint32_t v)
{
    uint64_t w = (addr >> 2) + 1;
    for (uint64_t i = slot(w), n = 0; n <= m->mask; i++, n++) {
        uint64_t *k = &m->key[i & m->mask];
        if (*k == w || *k == 0) {
            *k = w;
            m->val[i & m->mask] = v;
            return true;
        }
    }
    return false;
}

uint32_t hostmem_read(const hostmem_t *m, uint64_t addr)
{
    uint64_t w = (addr >> 2) + 1;
    for (uint64_t i = slot(w), n = 0; n <= m->mask; i++, n++) {
        uint64_t k = m->key[i & m->mask];
        if (k == w)
            return m->val[i & m->mask];
        if (k == 0)
            return 0;
    }
    return 0;
}
