/* Toeplitz hash of RSS (seed 003): reference for rtl/virq_toeplitz.v.
 * Definitions, byte order and the long-data rule: include/virq/virq_toeplitz.h. */
#include "virq/virq_toeplitz.h"

#include <string.h>

/* x86-64 with GCC or Clang: the full-window words of virq_toeplitz() use the
 * carry-less multiply instruction when the CPU has it (checked at run time);
 * everything else, and every build with -DVIRQ_TOEPLITZ_PORTABLE, uses the
 * portable table code.  Both are checked against the bit-serial reference by
 * tb/unit/test_toeplitz.c (built both ways by tb/toeplitz/build.sh). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(VIRQ_TOEPLITZ_PORTABLE)
#define TZ_CLMUL 1
#include <immintrin.h>
#else
#define TZ_CLMUL 0
#endif

/* Big-endian 64-bit key window: key bytes off..off+7, zeros past key_len. */
static uint64_t key_window64(const uint8_t *key, size_t key_len, size_t off)
{
    uint64_t w = 0;
    for (unsigned k = 0; k < 8u; k++) {
        size_t pos = off + k;
        w = (w << 8) | (pos < key_len ? key[pos] : 0u);
    }
    return w;
}

/* Big-endian 32-bit data word: bytes off..off+3, zeros at and past n. */
static uint32_t data_word32(const uint8_t *data, size_t n, size_t off)
{
    if (off + 4u <= n)
        return (uint32_t)data[off] << 24 | (uint32_t)data[off + 1] << 16 |
               (uint32_t)data[off + 2] << 8 | (uint32_t)data[off + 3];
    uint32_t w = 0;
    for (unsigned k = 0; k < 4u; k++) {
        size_t pos = off + k;
        w = (w << 8) | (pos < n ? data[pos] : 0u);
    }
    return w;
}

/* Contribution of one 32-bit data word d whose first bit is input bit 8*off.
 * Input bit q of d (q = 0 is d's bit 31) selects key bits 8*off+q ..
 * 8*off+q+31, which are the top 32 bits of (kw << q) for the 64-bit window
 * kw at byte off (q + 31 <= 62, so the window always suffices).  With
 * q = 4m + s: t[n] = XOR of (kw << s) over the bits s of nibble n (s = 0 is
 * the nibble's bit 3), and nibble m contributes top32(t[nibble] << 4m).
 * One 16-entry table serves all 8 nibbles of the word. */
static uint32_t word_contrib(uint64_t kw, uint32_t d)
{
    uint64_t t[16];
    t[0] = 0;
    t[8] = kw;
    t[4] = kw << 1;
    t[2] = kw << 2;
    t[1] = kw << 3;
    t[12] = t[8] ^ t[4];
    t[10] = t[8] ^ t[2];
    t[9] = t[8] ^ t[1];
    t[6] = t[4] ^ t[2];
    t[5] = t[4] ^ t[1];
    t[3] = t[2] ^ t[1];
    t[14] = t[12] ^ t[2];
    t[13] = t[12] ^ t[1];
    t[11] = t[10] ^ t[1];
    t[7] = t[6] ^ t[1];
    t[15] = t[14] ^ t[1];
    uint64_t acc = t[d >> 28] ^ (t[(d >> 24) & 15u] << 4) ^ (t[(d >> 20) & 15u] << 8) ^
                   (t[(d >> 16) & 15u] << 12) ^ (t[(d >> 12) & 15u] << 16) ^
                   (t[(d >> 8) & 15u] << 20) ^ (t[(d >> 4) & 15u] << 24) ^ (t[d & 15u] << 28);
    return (uint32_t)(acc >> 32);
}

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return __builtin_bswap64(w);
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return w;
#else
    w = 0;
    for (unsigned k = 0; k < 8u; k++)
        w = (w << 8) | p[k];
    return w;
#endif
}

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

#if TZ_CLMUL
/* Reverse the bit order inside every byte of x. */
static uint64_t brev_bytes64(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
    x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
    return x;
}

/* word_contrib(kw, d) is top32((kw (x) r) mod 2^64), (x) the carry-less
 * product and r = d with its 32 bits reversed (bit q of r = input bit q of
 * the word, see word_contrib): one PCLMULQDQ per data word.  A raw
 * little-endian load of the data with the bits of each byte reversed is r. */
__attribute__((target("pclmul"))) static uint32_t clmul_words(const uint8_t *key,
                                                              const uint8_t *data,
                                                              size_t nwords)
{
    uint32_t h = 0;
    size_t w = 0;
    for (; w + 2u <= nwords; w += 2u) {
        uint64_t raw;
        memcpy(&raw, data + 4u * w, sizeof raw);
        uint64_t r = brev_bytes64(raw);
        __m128i p0 = _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)load_be64(key + 4u * w)),
                                          _mm_cvtsi64_si128((long long)(r & 0xffffffffu)), 0);
        __m128i p1 = _mm_clmulepi64_si128(
            _mm_cvtsi64_si128((long long)load_be64(key + 4u * w + 4u)),
            _mm_cvtsi64_si128((long long)(r >> 32)), 0);
        h ^= (uint32_t)((uint64_t)_mm_cvtsi128_si64(_mm_xor_si128(p0, p1)) >> 32);
    }
    if (w < nwords) {
        uint32_t raw;
        memcpy(&raw, data + 4u * w, sizeof raw);
        uint64_t r = brev_bytes64(raw);
        __m128i p = _mm_clmulepi64_si128(_mm_cvtsi64_si128((long long)load_be64(key + 4u * w)),
                                         _mm_cvtsi64_si128((long long)r), 0);
        h ^= (uint32_t)((uint64_t)_mm_cvtsi128_si64(p) >> 32);
    }
    return h;
}
#endif

static int use_clmul(void)
{
#if TZ_CLMUL
    return __builtin_cpu_supports("pclmul");
#else
    return 0;
#endif
}

const char *virq_toeplitz_impl(void)
{
    return use_clmul() ? "pclmul" : "portable";
}

uint32_t virq_toeplitz(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len)
{
    /* data bytes at positions >= key_len see an all-zero window */
    size_t n = len < key_len ? len : key_len;
    uint32_t h = 0;
    size_t off = 0;
    /* whole data words whose 8-byte key window lies inside the key */
    size_t nfull = n / 4u;
    size_t kfull = key_len >= 8u ? (key_len - 8u) / 4u + 1u : 0u;
    if (nfull > kfull)
        nfull = kfull;
#if TZ_CLMUL
    if (use_clmul()) {
        h = clmul_words(key, data, nfull);
        off = 4u * nfull;
    }
#endif
    for (; off < 4u * nfull; off += 4u)
        h ^= word_contrib(load_be64(key + off), load_be32(data + off));
    /* the rest: a partial data word and/or a window running past the key */
    for (; off < n; off += 4u)
        h ^= word_contrib(key_window64(key, key_len, off), data_word32(data, n, off));
    return h;
}

/* Key bit i (bit 0 = bit 7 of key byte 0); 0 past the key. */
static uint32_t key_bit(const uint8_t *key, size_t key_len, size_t i)
{
    return i / 8u < key_len ? (uint32_t)(key[i / 8u] >> (7u - i % 8u)) & 1u : 0u;
}

uint32_t virq_toeplitz_bitserial(const uint8_t *key, size_t key_len, const uint8_t *data,
                                 size_t len)
{
    size_t next = 0;  /* index of the next key bit to shift into the window */
    uint32_t win = 0; /* leftmost 32 bits of K */
    for (unsigned k = 0; k < 32u; k++)
        win = (win << 1) | key_bit(key, key_len, next++);
    uint32_t h = 0;
    for (size_t i = 0; i < len; i++) {
        for (unsigned b = 0; b < 8u; b++) {
            if ((data[i] >> (7u - b)) & 1u)
                h ^= win;
            win = (win << 1) | key_bit(key, key_len, next++);
        }
    }
    return h;
}

int virq_toeplitz_init(virq_toeplitz_ctx_t *ctx, const uint8_t *key, size_t key_len)
{
    if (ctx == NULL || key_len > VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES || (key == NULL && key_len > 0))
        return -1;
    ctx->npos = key_len;
    for (size_t i = 0; i < key_len; i++) {
        uint64_t kw = key_window64(key, key_len, i);
        uint32_t w[8]; /* w[b]: window of bit b of the byte (b = 0 is bit 7) */
        for (unsigned b = 0; b < 8u; b++)
            w[b] = (uint32_t)((kw << b) >> 32);
        /* t[v | 1 << k] = t[v] ^ window of value bit k, for all v < 1 << k */
        uint32_t *t = ctx->tab[i];
        t[0] = 0;
        for (unsigned k = 0; k < 8u; k++)
            for (unsigned v = 0; v < (1u << k); v++)
                t[v | (1u << k)] = t[v] ^ w[7u - k];
    }
    /* positions past the key contribute nothing and are never looked up */
    return 0;
}

uint32_t virq_toeplitz_hash(const virq_toeplitz_ctx_t *ctx, const uint8_t *data, size_t len)
{
    size_t n = len < ctx->npos ? len : ctx->npos;
    uint32_t h = 0;
    for (size_t i = 0; i < n; i++)
        h ^= ctx->tab[i][data[i]];
    return h;
}

void virq_toeplitz_key_to_regs(const uint8_t key[VIRQ_TOEPLITZ_KEY_BYTES],
                               uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS])
{
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++)
        regs[j] = (uint32_t)key[4u * j] << 24 | (uint32_t)key[4u * j + 1u] << 16 |
                  (uint32_t)key[4u * j + 2u] << 8 | (uint32_t)key[4u * j + 3u];
}

void virq_toeplitz_regs_to_key(const uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS],
                               uint8_t key[VIRQ_TOEPLITZ_KEY_BYTES])
{
    for (unsigned j = 0; j < VIRQ_TOEPLITZ_KEY_REGS; j++)
        for (unsigned k = 0; k < 4u; k++)
            key[4u * j + k] = (uint8_t)(regs[j] >> (24u - 8u * k));
}

void virq_flow_ipv4(virq_flow_t *flow, uint32_t src_addr, uint32_t dst_addr, uint16_t src_port,
                    uint16_t dst_port)
{
    memset(flow, 0, sizeof *flow);
    for (unsigned k = 0; k < 4u; k++) {
        flow->src_addr[k] = (uint8_t)(src_addr >> (24u - 8u * k));
        flow->dst_addr[k] = (uint8_t)(dst_addr >> (24u - 8u * k));
    }
    flow->src_port = src_port;
    flow->dst_port = dst_port;
}

size_t virq_hash_tuple_len(virq_hash_type_t type)
{
    switch (type) {
    case VIRQ_HASH_IPV4:
        return 8u;
    case VIRQ_HASH_IPV4_TCP:
    case VIRQ_HASH_IPV4_UDP:
        return 12u;
    case VIRQ_HASH_IPV6:
        return 32u;
    case VIRQ_HASH_IPV6_TCP:
    case VIRQ_HASH_IPV6_UDP:
        return 36u;
    }
    return 0u;
}

size_t virq_hash_tuple(virq_hash_type_t type, const virq_flow_t *flow,
                       uint8_t out[VIRQ_HASH_TUPLE_MAX_BYTES])
{
    memset(out, 0, VIRQ_HASH_TUPLE_MAX_BYTES);
    size_t len = virq_hash_tuple_len(type);
    if (len == 0u || flow == NULL)
        return 0u;
    size_t alen = (len == 8u || len == 12u) ? 4u : 16u; /* address bytes */
    memcpy(out, flow->src_addr, alen);
    memcpy(out + alen, flow->dst_addr, alen);
    if (len > 2u * alen) {
        out[2u * alen] = (uint8_t)(flow->src_port >> 8);
        out[2u * alen + 1u] = (uint8_t)flow->src_port;
        out[2u * alen + 2u] = (uint8_t)(flow->dst_port >> 8);
        out[2u * alen + 3u] = (uint8_t)flow->dst_port;
    }
    return len;
}

uint32_t virq_flow_hash(const virq_toeplitz_ctx_t *ctx, virq_hash_type_t type,
                        const virq_flow_t *flow)
{
    uint8_t tuple[VIRQ_HASH_TUPLE_MAX_BYTES];
    size_t len = virq_hash_tuple(type, flow, tuple);
    return virq_toeplitz_hash(ctx, tuple, len);
}
