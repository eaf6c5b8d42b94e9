// Verilator testbench of rtl/virq_toeplitz.v against virq_toeplitz() of libvirq.
//
//   Vtb_toeplitz [--seed N] [--tuples N]
//
// Drives the Microsoft RSS verification suite (every IPv4/IPv4+TCP and
// IPv6/IPv6+TCP row, also checked against the published hashes), then
// random tuples with random keys and lengths (mostly 8/12/32/36, sometimes
// any 0..63, garbage in the bytes past the length), random ce_i stalls,
// gaps, key changes between tuples and during stalls, back-to-back tuples
// under a key that changes every cycle, and a few resets in mid-traffic.
//
// Scoreboard: every accepted tuple (rising edge with ce_i && in_valid_i)
// queues its expected hash and sideband, computed with the key of that edge,
// and the index of that enabled edge.  After every edge the outputs must be:
// out_valid_o = 1 exactly when the queue head was accepted LAT-1 enabled
// edges earlier (the accepting edge being the first), then hash and user
// equal the head's; otherwise the last valid hash/user (0 after reset).
// On a stalled edge nothing may change.  LAT comes from the RTL's localparam
// (build.sh passes -DVIRQ_TOEPLITZ_LAT).  Prints "toeplitz-rtl: N passed,
// N failed"; exit status 0 only if nothing failed.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>

#include <verilated.h>

#include "Vvirq_toeplitz.h"
#include "rss_suite.h"
#include "virq/virq_toeplitz.h"

#ifndef VIRQ_TOEPLITZ_LAT
#error "compile with -DVIRQ_TOEPLITZ_LAT=<LAT of rtl/virq_toeplitz.v>"
#endif
#ifndef USER_W
#error "compile with -DUSER_W=<the USER_W the RTL was built with>"
#endif
static_assert(USER_W >= 1 && USER_W <= 32, "the testbench handles USER_W 1..32");

namespace {

constexpr int LAT = VIRQ_TOEPLITZ_LAT;
constexpr uint32_t USER_MASK = USER_W == 32 ? 0xffffffffu : ((1u << USER_W) - 1u);
constexpr size_t KEY_BYTES = 40;
constexpr size_t TUPLE_BYTES = 36;

// The Microsoft suite (key and rows): tb/common/rss_suite.h, shared with
// the C unit test and the lockstep route scenario.

uint64_t rnd_state;
uint64_t rnd()
{
    rnd_state ^= rnd_state >> 12;
    rnd_state ^= rnd_state << 25;
    rnd_state ^= rnd_state >> 27;
    return rnd_state * 0x2545F4914F6CDD1Dull;
}
// true with probability num/den
bool chance(unsigned num, unsigned den) { return rnd() % den < num; }

// One tuple as driven on the inputs.
struct Tuple {
    uint8_t data[TUPLE_BYTES];
    unsigned len;       // in_len_i, 0..63
    uint32_t user;
    uint32_t published; // published hash (MS suite), else 0
    bool has_published;
};

struct Expect {
    uint32_t hash, user, published;
    bool has_published;
    uint64_t edge;      // enabled-edge index that accepted the tuple
};

class Bench {
  public:
    Bench(int argc, char **argv)
    {
        ctx_.reset(new VerilatedContext);
        ctx_->commandArgs(argc, argv);
        top_.reset(new Vvirq_toeplitz{ctx_.get(), "virq_toeplitz"});
        memcpy(key_, ms_key, KEY_BYTES);
        top_->clk_i = 0;
        top_->rst_ni = 0;
        top_->ce_i = 0;
        top_->in_valid_i = 0;
        top_->in_len_i = 0;
        top_->in_user_i = 0;
        drive_key();
        top_->eval();
    }
    ~Bench() { top_->final(); }

    // One clock cycle with the given inputs (key_ as currently set).
    void cycle(bool rst, bool ce, const Tuple *t)
    {
        top_->rst_ni = rst ? 0 : 1;
        top_->ce_i = ce ? 1 : 0;
        top_->in_valid_i = t != nullptr ? 1 : 0;
        Tuple junk{};
        if (t == nullptr) { // an idle cycle still carries random data
            for (auto &b : junk.data)
                b = static_cast<uint8_t>(rnd());
            junk.len = static_cast<unsigned>(rnd() % 64u);
            junk.user = static_cast<uint32_t>(rnd());
        }
        const Tuple &in = t != nullptr ? *t : junk;
        drive_key();
        for (size_t b = 0; b < TUPLE_BYTES; b++) {
            size_t pos = 8u * (TUPLE_BYTES - 1u - b);
            uint32_t &word = top_->in_data_i[pos / 32u];
            word = (word & ~(0xffu << (pos % 32u))) | (uint32_t)in.data[b] << (pos % 32u);
        }
        top_->in_len_i = in.len & 63u;
        top_->in_user_i = in.user & USER_MASK;
        top_->clk_i = 0;
        top_->eval();
        const uint32_t prev_valid = top_->out_valid_o, prev_hash = top_->out_hash_o,
                       prev_user = top_->out_user_o;

        // what the edge does, by the contract
        if (rst) {
            q_.clear();
            last_hash_ = 0;
            last_user_ = 0;
        } else if (ce) {
            edges_++;
            if (t != nullptr) {
                size_t n = t->len < TUPLE_BYTES ? t->len : TUPLE_BYTES;
                Expect e;
                e.hash = virq_toeplitz(key_, KEY_BYTES, t->data, n);
                e.user = t->user & USER_MASK;
                e.published = t->published;
                e.has_published = t->has_published;
                e.edge = edges_;
                q_.push_back(e);
            }
        }
        top_->clk_i = 1;
        top_->eval();
        cycles_++;
        check(rst, ce, prev_valid, prev_hash, prev_user);
    }

    void set_key(const uint8_t *k) { memcpy(key_, k, KEY_BYTES); }
    void random_key()
    {
        for (auto &b : key_)
            b = static_cast<uint8_t>(rnd());
    }
    void flip_key_bit()
    {
        unsigned bit = static_cast<unsigned>(rnd() % (8u * KEY_BYTES));
        key_[bit / 8u] ^= static_cast<uint8_t>(0x80u >> (bit % 8u));
    }

    size_t pending() const { return q_.size(); }
    long passed() const { return passed_; }
    long failed() const { return failed_; }
    uint64_t cycles() const { return cycles_; }
    long published_checked() const { return published_; }

  private:
    void drive_key()
    {
        for (size_t b = 0; b < KEY_BYTES; b++) {
            size_t pos = 8u * (KEY_BYTES - 1u - b);
            uint32_t &word = top_->key_i[pos / 32u];
            word = (word & ~(0xffu << (pos % 32u))) | (uint32_t)key_[b] << (pos % 32u);
        }
    }

    // Print one mismatch (the first few); fail() also counts a failed check.
    void report(const char *what, uint32_t got, uint32_t exp)
    {
        if (failed_ < 10)
            fprintf(stderr,
                    "toeplitz-rtl: cycle %" PRIu64 ": %s: got 0x%08x, expected 0x%08x\n",
                    cycles_, what, got, exp);
    }
    void fail(const char *what, uint32_t got, uint32_t exp)
    {
        report(what, got, exp);
        failed_++;
    }

    void check(bool rst, bool ce, uint32_t prev_valid, uint32_t prev_hash, uint32_t prev_user)
    {
        const uint32_t valid = top_->out_valid_o, hash = top_->out_hash_o,
                       user = top_->out_user_o;
        if (rst) {
            if (valid != 0 || hash != 0 || user != 0)
                fail("outputs after reset (valid|hash|user)", valid | hash | user, 0);
            return;
        }
        if (!ce) { // a stalled edge changes nothing
            if (valid != prev_valid || hash != prev_hash || user != prev_user)
                fail("output changed during a stall", hash, prev_hash);
            return;
        }
        const bool due = !q_.empty() && edges_ - q_.front().edge == (uint64_t)(LAT - 1);
        if (!q_.empty() && edges_ - q_.front().edge > (uint64_t)(LAT - 1)) {
            fail("result overdue (latency)", valid, 1);
            q_.pop_front();
            return;
        }
        if (valid != (due ? 1u : 0u)) {
            fail("out_valid_o (latency)", valid, due ? 1u : 0u);
            if (due)
                q_.pop_front();
            return;
        }
        if (!due) {
            if (hash != last_hash_ || user != last_user_)
                fail("idle output does not hold the last result", hash, last_hash_);
            return;
        }
        const Expect e = q_.front();
        q_.pop_front();
        bool ok = true;
        if (hash != e.hash) {
            report("out_hash_o vs virq_toeplitz()", hash, e.hash);
            ok = false;
        }
        if (user != e.user) {
            report("out_user_o", user, e.user);
            ok = false;
        }
        if (e.has_published) {
            published_++;
            if (hash != e.published) {
                report("out_hash_o vs the published RSS value", hash, e.published);
                ok = false;
            }
        }
        if (ok)
            passed_++;
        else
            failed_++;
        last_hash_ = hash;
        last_user_ = user;
    }

    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<Vvirq_toeplitz> top_;
    uint8_t key_[KEY_BYTES];
    std::deque<Expect> q_;
    uint64_t edges_ = 0, cycles_ = 0;
    uint32_t last_hash_ = 0, last_user_ = 0;
    long passed_ = 0, failed_ = 0, published_ = 0;
};

Tuple make_tuple(const uint8_t *bytes, unsigned len, uint32_t published)
{
    Tuple t;
    for (auto &b : t.data) // garbage past the length: must be ignored
        b = static_cast<uint8_t>(rnd());
    memcpy(t.data, bytes, len);
    t.len = len;
    t.user = static_cast<uint32_t>(rnd());
    t.published = published;
    t.has_published = true;
    return t;
}

// One row of the Microsoft suite: the tuple built here from the row (source
// address, destination address, ports, network order), hashed as addresses
// only and with the ports, optionally with a stall cycle between the two.
static void ms_row(Bench &b, const uint8_t *src, const uint8_t *dst, unsigned alen, uint16_t sport, uint16_t dport,
                   uint32_t h_ip, uint32_t h_tcp, bool stall)
{
    uint8_t t[36];
    memcpy(t, src, alen);
    memcpy(t + alen, dst, alen);
    t[2 * alen] = static_cast<uint8_t>(sport >> 8);
    t[2 * alen + 1] = static_cast<uint8_t>(sport);
    t[2 * alen + 2] = static_cast<uint8_t>(dport >> 8);
    t[2 * alen + 3] = static_cast<uint8_t>(dport);
    Tuple a = make_tuple(t, 2 * alen, h_ip), c = make_tuple(t, 2 * alen + 4, h_tcp);
    b.cycle(false, true, &a);
    if (stall)
        b.cycle(false, false, nullptr);
    b.cycle(false, true, &c);
}

// The Microsoft suite, each tuple twice: back to back, then with stalls.
void ms_suite(Bench &b)
{
    b.set_key(ms_key);
    for (int pass = 0; pass < 2; pass++) {
        for (const auto &r : v4_rows) {
            const uint8_t src[4] = {static_cast<uint8_t>(r.src >> 24), static_cast<uint8_t>(r.src >> 16),
                                    static_cast<uint8_t>(r.src >> 8), static_cast<uint8_t>(r.src)};
            const uint8_t dst[4] = {static_cast<uint8_t>(r.dst >> 24), static_cast<uint8_t>(r.dst >> 16),
                                    static_cast<uint8_t>(r.dst >> 8), static_cast<uint8_t>(r.dst)};
            ms_row(b, src, dst, 4, r.sport, r.dport, r.h_ip, r.h_tcp, pass == 1);
        }
        for (const auto &r : v6_rows)
            ms_row(b, r.src, r.dst, 16, r.sport, r.dport, r.h_ip, r.h_tcp, pass == 1);
    }
    for (int k = 0; k < LAT + 2; k++)
        b.cycle(false, true, nullptr);
}

Tuple random_tuple()
{
    static const unsigned rss_lens[] = {8, 12, 32, 36};
    Tuple t;
    for (auto &x : t.data)
        x = static_cast<uint8_t>(rnd());
    t.len = chance(3, 4) ? rss_lens[rnd() % 4u] : static_cast<unsigned>(rnd() % 64u);
    if (chance(1, 16)) { // sparse data: single bits reach every key window edge
        memset(t.data, 0, sizeof t.data);
        unsigned bit = static_cast<unsigned>(rnd() % (8u * TUPLE_BYTES));
        t.data[bit / 8u] = static_cast<uint8_t>(0x80u >> (bit % 8u));
        t.len = 36;
    }
    t.user = static_cast<uint32_t>(rnd());
    t.published = 0;
    t.has_published = false;
    return t;
}

} // namespace

int main(int argc, char **argv)
{
    uint64_t seed = 1;
    long ntuples = 200000;
    // a number: digits only (no sign, no blanks), in range
    auto number = [](const char *s, uint64_t max, uint64_t *v) {
        char *end = nullptr;
        errno = 0;
        if (!isdigit(static_cast<unsigned char>(*s)))
            return false;
        unsigned long long x = strtoull(s, &end, 0);
        if (*end != '\0' || errno == ERANGE || x > max)
            return false;
        *v = x;
        return true;
    };
    for (int i = 1; i < argc; i++) {
        uint64_t v = 0;
        bool is_seed = strcmp(argv[i], "--seed") == 0, is_tuples = strcmp(argv[i], "--tuples") == 0;
        if ((is_seed || is_tuples) && i + 1 < argc) {
            if (!number(argv[i + 1], is_seed ? UINT64_MAX : 100000000u, &v)) {
                fprintf(stderr, "%s: %s needs a number%s, got '%s'\n", argv[0], argv[i],
                        is_tuples ? " up to 100000000" : "", argv[i + 1]);
                return 2;
            }
            if (is_seed)
                seed = v;
            else
                ntuples = static_cast<long>(v);
            i++;
        } else if (strncmp(argv[i], "+verilator+", 11) != 0) { // Verilator's options pass through
            fprintf(stderr, "%s: unexpected '%s'; usage: %s [--seed N] [--tuples N]\n", argv[0], argv[i],
                    argv[0]);
            return 2;
        }
    }
    // LAT comes from the RTL's localparam (build.sh); the latency itself is
    // part of the block's contract (its header: "fixed latency LAT = 2",
    // and virq_route's stage timing), so it is checked against that here
    if (LAT != 2) {
        fprintf(stderr, "toeplitz-rtl: the RTL's LAT is %d, the documented latency is 2\n", LAT);
        return 1;
    }
    rnd_state = seed * 0x9E3779B97F4A7C15ull + 1u;
    printf("toeplitz-rtl: seed %" PRIu64 ", %ld random tuples, LAT %d, USER_W %d\n", seed,
           ntuples, LAT, USER_W);

    Bench b(argc, argv);
    b.cycle(true, true, nullptr);
    b.cycle(true, false, nullptr);
    ms_suite(b);

    // Random traffic in phases of a few hundred cycles with their own rates.
    long sent = 0;
    unsigned p_valid = 3, p_stall = 1, p_key = 1, phase_left = 0;
    bool key_every_cycle = false;
    while (sent < ntuples) {
        if (phase_left == 0) {
            phase_left = 100u + static_cast<unsigned>(rnd() % 500u);
            p_valid = static_cast<unsigned>(rnd() % 5u);   // of 4: 4 = always
            p_stall = static_cast<unsigned>(rnd() % 4u);   // of 8
            p_key = static_cast<unsigned>(rnd() % 3u);     // of 8
            key_every_cycle = chance(1, 6);
        }
        phase_left--;
        if (chance(1, 20000)) { // reset in mid-traffic
            b.cycle(true, chance(1, 2), nullptr);
            continue;
        }
        bool ce = !chance(p_stall, 8);
        if (key_every_cycle || chance(p_key, 8)) {
            if (chance(1, 2))
                b.random_key();
            else
                b.flip_key_bit();
        }
        if (chance(p_valid, 4)) {
            Tuple t = random_tuple();
            b.cycle(false, ce, &t);
            if (ce)
                sent++;
        } else {
            b.cycle(false, ce, nullptr);
        }
    }
    for (int k = 0; k < LAT + 2; k++) // drain
        b.cycle(false, true, nullptr);

    long failed = b.failed();
    if (b.pending() != 0) {
        fprintf(stderr, "toeplitz-rtl: %zu results never came out\n", b.pending());
        failed += static_cast<long>(b.pending());
    }
    if (b.published_checked() != 2 * 2 * 5 + 2 * 2 * 3) {
        fprintf(stderr, "toeplitz-rtl: only %ld published values checked\n",
                b.published_checked());
        failed++;
    }
    printf("toeplitz-rtl: Microsoft suite: %ld published values checked; %" PRIu64
           " cycles in all\n",
           b.published_checked(), b.cycles());
    printf("toeplitz-rtl: %ld passed, %ld failed\n", b.passed(), failed);
    return failed == 0 ? 0 : 1;
}
