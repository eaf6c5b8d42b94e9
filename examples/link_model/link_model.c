/* link_model: a tool linking libvirq, the cycle-accurate C model of virq,
 * from an installed copy (see the Makefile next to this file):
 *
 *     cc $(pkg-config --cflags virq) link_model.c $(pkg-config --libs virq)
 *
 * Scenario: event queue 1 of function 2 signals moderation unit 3, whose
 * guest is running, with a latency interval of 20 ticks (TICK_DIV is 0 at
 * reset: one tick per cycle).  Two events come in on the event stream.  The
 * model must write each entry into the ring by DMA and interrupt the guest
 * twice, the second time held back by the latency interval.  Every DMA write
 * and interrupt is printed and checked against cycles worked out from
 * docs/eq.md and docs/moderation.md; the exit status is 0 when all match. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <virq/virq.h>

#define UNIT 3 /* moderation unit = interrupt vector */
#define EQ 1   /* event queue */
#define FUNC 2 /* PCI function that owns the queue */
#define LAT 20 /* latency interval in ticks = cycles */
#define RING 0x00000010ABC00000ull /* ring base in host memory */
#define DB_AT 40 /* cycle the guest hands the first entry back and re-arms */
#define END 100

static const struct { uint64_t cycle; unsigned code; uint32_t param; } events[] = {
    {30, 0x42, 0x00BEEF},
    {42, 0x43, 0x00CAFE},
};
#define NEVT (sizeof events / sizeof events[0])

static int errors;

static void check(int ok, const char *what, uint64_t cycle)
{
    if (!ok) {
        printf("  MISMATCH at cycle %" PRIu64 ": %s\n", cycle, what);
        errors++;
    }
}

static void reg_write(virq_t *m, uint32_t addr, uint32_t data)
{
    check(virq_reg_write(m, addr, data) == VIRQ_RESP_OKAY, "register write refused", virq_cycle(m));
}

/* The cycle of the guest interrupt for an event accepted on the stream in
 * cycle e, when the unit's latency counter was last (re)started in cycle r.
 * docs/route.md, Timing: the route pipeline hands the event to the queue
 * writer in e+ROUTE_LAT; docs/eq.md: the writer puts the entry on the DMA
 * port one cycle later (m_dma_ready_i is always high here, so it is accepted
 * at once: a = e+ROUTE_LAT+1); the queue signals its unit from a+1, and
 * virq_top registers that signal, so the unit's flag is set from a+3.
 * docs/moderation.md: a counter restarted in cycle
 * r with LAT is expired from r+LAT (one tick per cycle); the unit fires when
 * the flag is set and the counter expired, and guest_irq_o is high in the
 * next cycle, from which the latency counter restarts. */
#define ROUTE_LAT 6  /* stages 1, 2, I, P, O, W */
static uint64_t irq_cycle(uint64_t e, uint64_t r)
{
    uint64_t fire = e + ROUTE_LAT + 4; /* a + 3 */
    if (fire < r + LAT)
        fire = r + LAT;
    return fire + 1;
}

int main(void)
{
    char version[16];
    snprintf(version, sizeof version, "%u.%u.%u", (VIRQ_VERSION_RESET >> 16) & 0xFFu,
             (VIRQ_VERSION_RESET >> 8) & 0xFFu, VIRQ_VERSION_RESET & 0xFFu);
    printf("libvirq %s (headers %s)\n", virq_version(), version);
    check(strcmp(virq_version(), version) == 0, "library and headers differ in version", 0);
    check(virq_abi_version() == VIRQ_ABI_VERSION, "library and headers differ in ABI", 0);

    /* expected: each entry at RING + 4*index holding code<<24 | param (docs/eq.md) */
    uint64_t want_irq[NEVT], restart = 0; /* LAT is written before cycle 0 */
    for (unsigned i = 0; i < NEVT; i++)
        restart = want_irq[i] = irq_cycle(events[i].cycle, restart);

    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    if (m == NULL)
        return 1;

    /* zero-time set-up, before cycle 0 */
    reg_write(m, VIRQ_MOD_LAT_IVL(UNIT), LAT);
    reg_write(m, VIRQ_MOD_CTRL(UNIT), VIRQ_MOD_CTRL_GUEST_ACTIVE_MASK); /* variant A, guest running */
    reg_write(m, VIRQ_EQ_BASE_LO(EQ), (uint32_t)RING);
    reg_write(m, VIRQ_EQ_BASE_HI(EQ), (uint32_t)(RING >> 32));
    reg_write(m, VIRQ_EQ_CFG(EQ), 4u << VIRQ_EQ_CFG_LOG2_SIZE_SHIFT /* 16 entries */
                                      | FUNC << VIRQ_EQ_CFG_FUNC_SHIFT | UNIT << VIRQ_EQ_CFG_VEC_SHIFT);
    reg_write(m, VIRQ_EQ_CMD(EQ), VIRQ_EQ_CMD_INIT_MASK);                                    /* unarmed, empty */
    reg_write(m, VIRQ_EQ_DB_DB(FUNC), VIRQ_EQ_DB_DB_ARM_MASK | EQ << VIRQ_EQ_DB_DB_EQ_SHIFT); /* armed */

    unsigned ndma = 0, nirq = 0;
    for (uint64_t c = 0; c < END; c++) {
        virq_in_t in = {.rst_ni = 1, .m_dma_ready_i = 1};
        virq_out_t out;
        if (c == DB_AT) /* the guest read entry 0: RI = 1, and re-arm, in one doorbell write */
            reg_write(m, VIRQ_EQ_DB_DB(FUNC), VIRQ_EQ_DB_DB_VALID_MASK | VIRQ_EQ_DB_DB_ARM_MASK |
                                                  EQ << VIRQ_EQ_DB_DB_EQ_SHIFT | 1u);
        for (unsigned i = 0; i < NEVT; i++) {
            if (events[i].cycle == c) {
                in.s_evt_valid_i = 1;
                in.s_evt_func_i = FUNC;
                in.s_evt_eq_i = EQ;
                in.s_evt_code_i = events[i].code;
                in.s_evt_param_i = events[i].param;
                printf("cycle %3" PRIu64 ": event code 0x%02x param 0x%06" PRIx32 " on queue %d\n", c,
                       events[i].code, events[i].param, EQ);
            }
        }
        virq_step(m, &in, &out);

        if (in.s_evt_valid_i)
            check(out.s_evt_ready_o == 1, "event not accepted", c);
        if (out.m_dma_valid_o) {
            printf("cycle %3" PRIu64 ": DMA write 0x%016" PRIx64 " <- 0x%08" PRIx32 "\n", c, out.m_dma_addr_o,
                   (uint32_t)out.m_dma_data_o);
            check(ndma < NEVT, "unexpected DMA write", c);
            if (ndma < NEVT) {
                check(c == events[ndma].cycle + ROUTE_LAT + 1, "DMA write not ROUTE_LAT + 1 cycles after the event", c);
                check(out.m_dma_addr_o == RING + 4 * ndma, "DMA address is not the next ring entry", c);
                check(out.m_dma_data_o == ((uint32_t)events[ndma].code << 24 | events[ndma].param),
                      "DMA data is not code<<24 | param", c);
            }
            ndma++;
        }
        if (out.guest_irq_o || out.wake_irq_o) {
            printf("cycle %3" PRIu64 ": %s interrupt, vectors 0x%" PRIx64 "\n", c,
                   out.guest_irq_o ? "guest" : "wake", out.guest_irq_o | out.wake_irq_o);
            check(out.guest_irq_o == 1u << UNIT && out.wake_irq_o == 0, "not a guest interrupt on vector 3", c);
            check(nirq < NEVT && c == want_irq[nirq], "interrupt in an unexpected cycle", c);
            nirq++;
        }
    }
    check(ndma == NEVT && nirq == NEVT, "missing DMA writes or interrupts", END);
    printf("expected interrupts at cycles %" PRIu64 " and %" PRIu64 "; DMA writes %u, interrupts %u\n",
           want_irq[0], want_irq[1], ndma, nirq);
    virq_destroy(m);
    printf("link_model: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
