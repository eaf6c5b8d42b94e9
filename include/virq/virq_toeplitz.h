/* libvirq: the Toeplitz hash of receive-side scaling (seed 003, [0058]).
 *
 * Definition (Microsoft "RSS hashing functions"; the RTL, rtl/virq_toeplitz.v,
 * computes the same function):
 *
 *     result = 0
 *     for each bit b of data[0..len-1], left to right (data[0] bit 7 first):
 *         if b == 1: result ^= leftmost 32 bits of K
 *         shift K left one bit position
 *
 * Byte order.  Everything is big-endian, left to right.  Key byte 0 is the
 * most significant (leftmost) key byte and its bit 7 is key bit 0; data
 * byte 0 bit 7 is the first input bit.  Input bit i (counted from 0 at the
 * left) therefore selects key bits i .. i+31, and the first key bit of that
 * window is bit 31 of the 32-bit result.
 *
 * Key registers (CSR convention of the RTL): the 40-byte hardware key is held
 * in 10 32-bit registers; register j (j = 0..9) holds key bytes 4j..4j+3
 * with byte 4j in bits 31:24 and byte 4j+3 in bits 7:0, i.e. register j is
 * the big-endian word at key offset 4j.  The RTL port key_i[319:0] is the
 * concatenation {reg0, reg1, ..., reg9}: key byte 0 in bits 319:312.
 * virq_toeplitz_key_to_regs() and virq_toeplitz_regs_to_key() convert.
 *
 * Data length versus key length.  A key of key_len bytes fully covers
 * len <= key_len - 4 data bytes (each input bit needs 32 key bits).  For
 * longer data every function here applies the pseudocode above literally to
 * a K register of 8 * key_len bits, which shifts in zeros: the key is
 * zero-extended to the right.  The last key_len - 4 < i < key_len data bytes
 * see a partly zero window and data bytes at i >= key_len contribute
 * nothing.  We chose this over returning 0 because 0 is an ordinary hash
 * value (a sentinel could not be told from a result), because it keeps the
 * function total and identical in all three implementations, and because
 * it is exactly what the published pseudocode computes.  Such hashes are of
 * course weaker; keep len <= key_len - 4 (36 bytes for the 40-byte RSS key).
 *
 * All functions are pure: no global mutable state, no allocation, any number
 * of threads.  NULL pointers are accepted only together with a length 0. */
#ifndef VIRQ_TOEPLITZ_H
#define VIRQ_TOEPLITZ_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Size of the hardware key in bytes (10 CSRs of 32 bits, seed [0059]). */
#define VIRQ_TOEPLITZ_KEY_BYTES 40u
/* Number of 32-bit key registers. */
#define VIRQ_TOEPLITZ_KEY_REGS 10u
/* Longest RSS input tuple in bytes (IPv6 addresses + ports). */
#define VIRQ_HASH_TUPLE_MAX_BYTES 36u

/* ---- the hash ------------------------------------------------------------ */

/* Toeplitz hash of data[0..len-1] with key[0..key_len-1] (lengths in bytes).
 * Processes 32 input bits per step with a 64-bit key window: one carry-less
 * multiply where available, else a 16-entry nibble table built on the fly
 * (see virq_toeplitz_impl(); tb/bench/bench_toeplitz.c measures both).
 * Exact for len <= key_len - 4; beyond that the key is zero-extended. */
uint32_t virq_toeplitz(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len);

/* Which code virq_toeplitz() runs on this machine: "pclmul" (x86-64 with
 * the carry-less multiply instruction, one instruction per 32 input bits)
 * or "portable" (all other cases, and builds with -DVIRQ_TOEPLITZ_PORTABLE). */
const char *virq_toeplitz_impl(void);

/* The same function, one bit at a time: the pseudocode above written out,
 * with a 32-bit window into K that shifts in the next key bit (zeros past
 * the end).  Reference only: it is slow (see tb/bench). */
uint32_t virq_toeplitz_bitserial(const uint8_t *key, size_t key_len, const uint8_t *data,
                                 size_t len);

/* ---- precomputed context: many hashes with one key ------------------------- */

/* Longest key a context accepts, in bytes.  A context holds one 256-entry
 * table per data byte position that the key reaches (up to this many), so
 * hashing costs one table look-up and one XOR per data byte. */
#define VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES 40u

/* Caller-allocated (static, stack or heap), about 40 KiB; fill it with
 * virq_toeplitz_init().  Treat the members as private. */
typedef struct virq_toeplitz_ctx {
    size_t npos; /* byte positions with a table = key length in bytes */
    /* tab[i][v]: contribution of data byte value v at position i */
    uint32_t tab[VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES][256];
} virq_toeplitz_ctx_t;

/* Build the tables for key[0..key_len-1].  Returns 0, or -1 (ctx untouched)
 * if ctx is NULL, key_len > VIRQ_TOEPLITZ_CTX_MAX_KEY_BYTES, or key is NULL
 * with key_len > 0.  Cost: about 10 000 table entries, a few microseconds. */
int virq_toeplitz_init(virq_toeplitz_ctx_t *ctx, const uint8_t *key, size_t key_len);

/* virq_toeplitz(key, key_len, data, len) for the key of virq_toeplitz_init(). */
uint32_t virq_toeplitz_hash(const virq_toeplitz_ctx_t *ctx, const uint8_t *data, size_t len);

/* ---- key registers ----------------------------------------------------------- */

/* key[0..39] -> regs[0..9]: regs[j] = key[4j] << 24 | key[4j+1] << 16 |
 * key[4j+2] << 8 | key[4j+3] (the CSR convention above). */
void virq_toeplitz_key_to_regs(const uint8_t key[VIRQ_TOEPLITZ_KEY_BYTES],
                               uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS]);
/* The inverse of virq_toeplitz_key_to_regs(). */
void virq_toeplitz_regs_to_key(const uint32_t regs[VIRQ_TOEPLITZ_KEY_REGS],
                               uint8_t key[VIRQ_TOEPLITZ_KEY_BYTES]);

/* ---- RSS input tuples ----------------------------------------------------------- */

/* Hash types (the NDIS_HASH_* types without IPv6 extension headers).  The
 * input tuple is the packet's fields concatenated in network byte order:
 *
 *   type               tuple                                          bytes
 *   VIRQ_HASH_IPV4     src addr (4), dst addr (4)                          8
 *   VIRQ_HASH_IPV4_TCP src addr, dst addr, src port (2), dst port (2)     12
 *   VIRQ_HASH_IPV4_UDP as IPV4_TCP, with the UDP ports                    12
 *   VIRQ_HASH_IPV6     src addr (16), dst addr (16)                       32
 *   VIRQ_HASH_IPV6_TCP src addr, dst addr, src port, dst port             36
 *   VIRQ_HASH_IPV6_UDP as IPV6_TCP, with the UDP ports                    36
 *
 * TCP and UDP tuples are byte-for-byte the same; the type only says which
 * packets qualify (e.g. an IP fragment must be hashed as IPV4/IPV6). */
typedef enum virq_hash_type {
    VIRQ_HASH_IPV4 = 0,
    VIRQ_HASH_IPV4_TCP = 1,
    VIRQ_HASH_IPV4_UDP = 2,
    VIRQ_HASH_IPV6 = 3,
    VIRQ_HASH_IPV6_TCP = 4,
    VIRQ_HASH_IPV6_UDP = 5
} virq_hash_type_t;

/* Number of hash types (valid types are 0 .. VIRQ_HASH_NTYPES-1). */
#define VIRQ_HASH_NTYPES 6

/* A flow as seen in a received packet.  Addresses are kept as on the wire
 * (network byte order); an IPv4 address occupies src_addr[0..3] /
 * dst_addr[0..3] and the rest is ignored.  Ports are host-order integers
 * (2794, not 0xea0a); they are ignored by VIRQ_HASH_IPV4 and VIRQ_HASH_IPV6. */
typedef struct virq_flow {
    uint8_t src_addr[16];
    uint8_t dst_addr[16];
    uint16_t src_port;
    uint16_t dst_port;
} virq_flow_t;

/* Fill *flow for IPv4 with addresses as host-order integers, a.b.c.d being
 * (a << 24 | b << 16 | c << 8 | d); unused address bytes are zeroed. */
void virq_flow_ipv4(virq_flow_t *flow, uint32_t src_addr, uint32_t dst_addr, uint16_t src_port,
                    uint16_t dst_port);

/* Tuple length in bytes of a hash type (8, 12, 32 or 36); 0 if type is not
 * a virq_hash_type_t. */
size_t virq_hash_tuple_len(virq_hash_type_t type);

/* Write the input tuple of *flow for type into out and return its length
 * (virq_hash_tuple_len(type)).  All VIRQ_HASH_TUPLE_MAX_BYTES bytes of out
 * are written, the ones past the tuple with zeros, so out is also the RTL's
 * in_data_i (byte 0 in bits 287:280) with in_len_i = the return value.  An
 * invalid type (or a NULL flow) gives 0 and an all-zero out. */
size_t virq_hash_tuple(virq_hash_type_t type, const virq_flow_t *flow,
                       uint8_t out[VIRQ_HASH_TUPLE_MAX_BYTES]);

/* Convenience: the RSS hash of *flow for type with a prepared context
 * (0 for an invalid type, which is also the hash of an empty tuple). */
uint32_t virq_flow_hash(const virq_toeplitz_ctx_t *ctx, virq_hash_type_t type,
                        const virq_flow_t *flow);

#ifdef __cplusplus
}
#endif

#endif /* VIRQ_TOEPLITZ_H */
