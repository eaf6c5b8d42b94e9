/* Unit tests of the Toeplitz hash (include/virq/virq_toeplitz.h).
 *
 * Expected values come from outside the implementation: the Microsoft
 * "Verifying the RSS Hash Calculation" suite (the same table is in the Intel
 * 82599 datasheet, 7.1.2.8.3).  That table lists the DESTINATION first; the
 * rows below are written source first, as the tuple is built.  All three
 * implementations (one-shot, context, bit-serial) are checked on every row,
 * then against each other on random keys, data and lengths 0..36 (and on
 * data longer than the key, where the zero-extension rule applies). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq/virq_toeplitz.h"

#include "check.h"

#define CHECK_HASH(what, got, exp)                                                     \
    do {                                                                               \
        uint32_t got_ = (got), exp_ = (exp);                                           \
        if (got_ == exp_) {                                                            \
            check_passed++;                                                                  \
        } else {                                                                       \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s: got 0x%08x, expected 0x%08x\n", __FILE__,      \
                    __LINE__, (what), (unsigned)got_, (unsigned)exp_);                 \
        }                                                                              \
    } while (0)

#include "rss_suite.h"

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

/* Check all three implementations on one tuple against a published value. */
static void check_all(const virq_toeplitz_ctx_t *ctx, const char *what, const uint8_t *t,
                      size_t len, uint32_t exp)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s one-shot", what);
    CHECK_HASH(buf, virq_toeplitz(ms_key, sizeof ms_key, t, len), exp);
    snprintf(buf, sizeof buf, "%s ctx", what);
    CHECK_HASH(buf, virq_toeplitz_hash(ctx, t, len), exp);
    snprintf(buf, sizeof buf, "%s bit-serial", what);
    CHECK_HASH(buf, virq_toeplitz_bitserial(ms_key, sizeof ms_key, t, len), exp);
}

static void test_ms_suite(void)
{
    static virq_toeplitz_ctx_t ctx;
    CHECK(virq_toeplitz_init(&ctx, ms_key, sizeof ms_key) == 0);
    char what[96];
    uint8_t t[VIRQ_HASH_TUPLE_MAX_BYTES];
    for (size_t r = 0; r < NROWS(v4_rows); r++) {
        virq_flow_t f;
        virq_flow_ipv4(&f, v4_rows[r].src, v4_rows[r].dst, v4_rows[r].sport, v4_rows[r].dport);
        snprintf(what, sizeof what, "IPv4 row %zu", r);
        CHECK(virq_hash_tuple(VIRQ_HASH_IPV4, &f, t) == 8u);
        check_all(&ctx, what, t, 8, v4_rows[r].h_ip);
        CHECK_HASH(what, virq_flow_hash(&ctx, VIRQ_HASH_IPV4, &f), v4_rows[r].h_ip);
        snprintf(what, sizeof what, "IPv4+TCP row %zu", r);
        CHECK(virq_hash_tuple(VIRQ_HASH_IPV4_TCP, &f, t) == 12u);
        check_all(&ctx, what, t, 12, v4_rows[r].h_tcp);
        CHECK_HASH(what, virq_flow_hash(&ctx, VIRQ_HASH_IPV4_TCP, &f), v4_rows[r].h_tcp);
        /* UDP uses the same 4-tuple */
        snprintf(what, sizeof what, "IPv4+UDP row %zu", r);
        CHECK_HASH(what, virq_flow_hash(&ctx, VIRQ_HASH_IPV4_UDP, &f), v4_rows[r].h_tcp);
    }
    for (size_t r = 0; r < NROWS(v6_rows); r++) {
        virq_flow_t f;
        memset(&f, 0, sizeof f);
        memcpy(f.src_addr, v6_rows[r].src, 16);
        memcpy(f.dst_addr, v6_rows[r].dst, 16);
        f.src_port = v6_rows[r].sport;
        f.dst_port = v6_rows[r].dport;
        snprintf(what, sizeof what, "IPv6 %s -> %s", v6_rows[r].src_txt, v6_rows[r].dst_txt);
        CHECK(virq_hash_tuple(VIRQ_HASH_IPV6, &f, t) == 32u);
        check_all(&ctx, what, t, 32, v6_rows[r].h_ip);
        CHECK_HASH(what, virq_flow_hash(&ctx, VIRQ_HASH_IPV6, &f), v6_rows[r].h_ip);
        snprintf(what, sizeof what, "IPv6+TCP %s -> %s", v6_rows[r].src_txt, v6_rows[r].dst_txt);
        CHECK(virq_hash_tuple(VIRQ_HASH_IPV6_TCP, &f, t) == 36u);
        check_all(&ctx, what, t, 36, v6_rows[r].h_tcp);
        CHECK_HASH(what, virq_flow_hash(&ctx, VIRQ_HASH_IPV6_TCP, &f), v6_rows[r].h_tcp);
        CHECK_HASH(what, virq_flow_hash(&ctx, VIRQ_HASH_IPV6_UDP, &f), v6_rows[r].h_tcp);
    }
}

/* Tuple layout, key registers and argument checks. */
static void test_helpers(void)
{
    virq_flow_t f;
    uint8_t t[VIRQ_HASH_TUPLE_MAX_BYTES];
    virq_flow_ipv4(&f, IP4(66, 9, 149, 187), IP4(161, 142, 100, 80), 2794, 1766);
    static const uint8_t exp12[12] = {66, 9, 149, 187, 161, 142, 100, 80, 0x0a, 0xea, 0x06, 0xe6};
    memset(t, 0xAA, sizeof t);
    CHECK(virq_hash_tuple(VIRQ_HASH_IPV4_UDP, &f, t) == 12u);
    CHECK(memcmp(t, exp12, 12) == 0);
    int zero_tail = 1;
    for (size_t k = 12; k < sizeof t; k++)
        zero_tail &= t[k] == 0;
    CHECK(zero_tail);
    CHECK(virq_hash_tuple(VIRQ_HASH_IPV4, &f, t) == 8u && memcmp(t, exp12, 8) == 0 && t[8] == 0);
    CHECK(virq_hash_tuple_len(VIRQ_HASH_IPV4) == 8u);
    CHECK(virq_hash_tuple_len(VIRQ_HASH_IPV4_TCP) == 12u);
    CHECK(virq_hash_tuple_len(VIRQ_HASH_IPV4_UDP) == 12u);
    CHECK(virq_hash_tuple_len(VIRQ_HASH_IPV6) == 32u);
    CHECK(virq_hash_tuple_len(VIRQ_HASH_IPV6_TCP) == 36u);
    CHECK(virq_hash_tuple_len(VIRQ_HASH_IPV6_UDP) == 36u);
    CHECK(virq_hash_tuple_len((virq_hash_type_t)VIRQ_HASH_NTYPES) == 0u);
    memset(t, 0xAA, sizeof t);
    CHECK(virq_hash_tuple((virq_hash_type_t)17, &f, t) == 0u && t[0] == 0 && t[35] == 0);
    CHECK(virq_hash_tuple(VIRQ_HASH_IPV4, NULL, t) == 0u);

    uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS];
    uint8_t back[VIRQ_TOEPLITZ_KEY_BYTES];
    virq_toeplitz_key_to_regs(ms_key, regs);
    CHECK(regs[0] == 0x6d5a56dau && regs[1] == 0x255b0ec2u && regs[9] == 0xbeac01fau);
    virq_toeplitz_regs_to_key(regs, back);
    CHECK(memcmp(back, ms_key, sizeof back) == 0);

    static virq_toeplitz_ctx_t ctx;
    CHECK(virq_toeplitz_init(NULL, ms_key, 40) == -1);
    CHECK(virq_toeplitz_init(&ctx, NULL, 4) == -1);
    CHECK(virq_toeplitz_init(&ctx, ms_key, VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES + 1u) == -1);
    CHECK(virq_toeplitz_init(&ctx, NULL, 0) == 0);
    CHECK(virq_toeplitz_hash(&ctx, t, 12) == 0u);
    /* empty input, empty key */
    CHECK(virq_toeplitz(ms_key, 40, NULL, 0) == 0u);
    CHECK(virq_toeplitz(NULL, 0, t, 0) == 0u);
    CHECK(virq_toeplitz_bitserial(ms_key, 40, NULL, 0) == 0u);
    /* a single leading 1 bit selects the first 32 key bits */
    uint8_t one = 0x80;
    CHECK(virq_toeplitz(ms_key, 40, &one, 1) == 0x6d5a56dau);
    one = 0x01; /* bit 7 of the input: key bits 7..38 */
    CHECK(virq_toeplitz(ms_key, 40, &one, 1) == (uint32_t)((0x6d5a56da255bull >> 9) & 0xffffffffu));
    /* zero extension: with a 4-byte key, byte 0 bit 0 (the input's 8th bit)
     * sees key bits 7..31 followed by 7 zeros */
    CHECK(virq_toeplitz(ms_key, 4, &one, 1) == (0x6d5a56dau << 7));
    CHECK(virq_toeplitz(ms_key, 4, &one, 1) == virq_toeplitz_bitserial(ms_key, 4, &one, 1));
}

/* xorshift64*: deterministic random numbers for the agreement tests. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

static void test_random_agreement(void)
{
    static virq_toeplitz_ctx_t ctx;
    uint64_t s = 0x5eed0003ull;
    uint8_t key[VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES];
    uint8_t data[64];
    int bad = 0;
    long n = 0;
    for (int round = 0; round < 400; round++) {
        /* mostly 40-byte keys; sometimes shorter ones, and a sparse kind of
         * data (single bits, zero words) to reach the edge cases */
        size_t key_len = (round % 4 == 3) ? (size_t)(rnd(&s) % 41u) : 40u;
        for (size_t k = 0; k < sizeof key; k++)
            key[k] = (uint8_t)rnd(&s);
        if (virq_toeplitz_init(&ctx, key, key_len) != 0) {
            bad++;
            continue;
        }
        for (int rep = 0; rep < 8; rep++) {
            for (size_t k = 0; k < sizeof data; k++) {
                uint64_t r = rnd(&s);
                data[k] = (rep & 1) ? (uint8_t)r : ((r >> 8) % 5u == 0 ? (uint8_t)(1u << (r & 7u)) : 0u);
            }
            /* all lengths 0..36; past the key (zero extension) up to 44 */
            for (size_t len = 0; len <= 44u; len++) {
                uint32_t ref = virq_toeplitz_bitserial(key, key_len, data, len);
                uint32_t a = virq_toeplitz(key, key_len, data, len);
                uint32_t c = virq_toeplitz_hash(&ctx, data, len);
                n++;
                if (a != ref || c != ref) {
                    if (bad < 10)
                        fprintf(stderr,
                                "random: key_len %zu len %zu: bit-serial 0x%08x one-shot 0x%08x ctx 0x%08x\n",
                                key_len, len, (unsigned)ref, (unsigned)a, (unsigned)c);
                    bad++;
                }
            }
        }
    }
    /* keys longer than a context takes (e.g. 52 bytes) and data up to past
     * their end: one-shot against bit-serial */
    for (int rep = 0; rep < 200; rep++) {
        uint8_t lkey[64];
        size_t key_len = 41u + (size_t)(rnd(&s) % 24u);
        for (size_t k = 0; k < sizeof lkey; k++)
            lkey[k] = (uint8_t)rnd(&s);
        for (size_t k = 0; k < sizeof data; k++)
            data[k] = (uint8_t)rnd(&s);
        for (size_t len = 0; len <= sizeof data; len++) {
            n++;
            if (virq_toeplitz(lkey, key_len, data, len) !=
                virq_toeplitz_bitserial(lkey, key_len, data, len)) {
                if (bad < 10)
                    fprintf(stderr, "random: long key %zu, len %zu differs\n", key_len, len);
                bad++;
            }
        }
    }
    /* the ms key, independent check of linearity: h(a ^ b) = h(a) ^ h(b) */
    for (int rep = 0; rep < 1000; rep++) {
        uint8_t a[36], b[36], x[36];
        for (int k = 0; k < 36; k++) {
            a[k] = (uint8_t)rnd(&s);
            b[k] = (uint8_t)rnd(&s);
            x[k] = a[k] ^ b[k];
        }
        n++;
        if (virq_toeplitz(ms_key, 40, x, 36) !=
            (virq_toeplitz(ms_key, 40, a, 36) ^ virq_toeplitz(ms_key, 40, b, 36)))
            bad++;
    }
    printf("toeplitz: random agreement of one-shot, ctx and bit-serial on %ld hashes, %d differ\n",
           n, bad);
    CHECK(bad == 0);
}

int main(void)
{
    test_ms_suite();
    test_helpers();
    test_random_agreement();
    printf("toeplitz: one-shot code tested: %s\n", virq_toeplitz_impl());
    printf("toeplitz: %d passed, %d failed\n", check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}
