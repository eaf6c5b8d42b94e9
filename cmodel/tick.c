/* Model of rtl/virq_tick.v: the moderation time base. */
#include "virq_internal.h"

void tick_reset(tick_q_t *q)
{
    q->div = 0;
    q->cnt = 0;
}

bool tick_out(const tick_q_t *q)
{
    return q->cnt == 0;
}

bool tick_out_next(const tick_q_t *q)
{
    return tick_out(q) ? q->div == 0 : q->cnt == 1;
}

void tick_apply_write(tick_q_t *d, uint16_t wdata)
{
    d->div = wdata;
    d->cnt = wdata;
}

tick_q_t tick_next(const tick_q_t *q, bool wr, uint16_t wdata)
{
    tick_q_t d = *q;
    d.cnt = tick_out(q) ? q->div : (uint16_t)(q->cnt - 1u);
    if (wr)
        tick_apply_write(&d, wdata);
    return d;
}

bool tick_state_ok(const tick_q_t *q)
{
    return q->cnt <= q->div; /* the count runs from DIV down to 0 (virq_tick.sby) */
}
