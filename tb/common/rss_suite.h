/* The Microsoft "Verifying the RSS Hash Calculation" suite (also in the
 * Intel 82599 datasheet, 7.1.2.8.3): key and rows with their published
 * hashes.  The published table lists the DESTINATION first; the rows here
 * are written source first, as the tuple is built.  Shared by the C unit
 * test (tb/unit/test_toeplitz.c) and the lockstep route scenario
 * (tb/common/scenarios.c). */
#ifndef VIRQ_RSS_SUITE_H
#define VIRQ_RSS_SUITE_H

#include <stdint.h>

/* The verification key, 6d5a56da 255b0ec2 ... 01fa. */
static const uint8_t ms_key[40] = {
    0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
    0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
    0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* IPv4 rows: source, destination, IPv4 hash, IPv4 with TCP hash. */
static const struct {
    uint32_t src, dst;
    uint16_t sport, dport;
    uint32_t h_ip, h_tcp;
} v4_rows[] = {
    {IP4(66, 9, 149, 187), IP4(161, 142, 100, 80), 2794, 1766, 0x323e8fc2u, 0x51ccc178u},
    {IP4(199, 92, 111, 2), IP4(65, 69, 140, 83), 14230, 4739, 0xd718262au, 0xc626b0eau},
    {IP4(24, 19, 198, 95), IP4(12, 22, 207, 184), 12898, 38024, 0xd2d0a5deu, 0x5c2b394au},
    {IP4(38, 27, 205, 30), IP4(209, 142, 163, 6), 48228, 2217, 0x82989176u, 0xafc7327fu},
    {IP4(153, 39, 163, 191), IP4(202, 188, 127, 2), 44251, 1303, 0x5d1809c5u, 0x10e828a2u},
};

/* IPv6 rows. */
static const struct {
    const char *src_txt, *dst_txt;
    uint8_t src[16], dst[16];
    uint16_t sport, dport;
    uint32_t h_ip, h_tcp;
} v6_rows[] = {
    {"3ffe:2501:200:1fff::7", "3ffe:2501:200:3::1",
     {0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x07},
     {0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0, 0, 0, 0x01},
     2794, 1766, 0x2cc18cd5u, 0x40207d3du},
    {"3ffe:501:8::260:97ff:fe40:efab", "ff02::1",
     {0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0x00, 0x00, 0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab},
     {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01},
     14230, 4739, 0x0f0c461cu, 0xdde51bbfu},
    {"3ffe:1900:4545:3:200:f8ff:fe21:67cf", "fe80::200:f8ff:fe21:67cf",
     {0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf},
     {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf},
     44251, 38024, 0x4b61e985u, 0x02d1feefu},
};

#endif /* VIRQ_RSS_SUITE_H */
