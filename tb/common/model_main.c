/* Model-only runner: the scenarios against a second, independent instance
 * of the C model standing in for the RTL.  It checks the directed
 * scenarios' hand-computed expectations against the model in milliseconds
 * and is the reference point for the simulator glues.  With --no-model
 * (make bench) the harness drops its reference instance: this runner is then
 * the model alone, one instance, nothing compared. */
#include <stdio.h>

#include "tb.h"

int main(int argc, char **argv)
{
    int code = 0;
    tb_ls_t *ls = tb_create("model", argc, argv, NULL, &code);
    if (ls == NULL)
        return code;
    virq_t *dut = virq_create(tb_params(ls));
    if (dut == NULL)
        return TB_EXIT_USAGE;
    int r = TB_RUN;
    while (r == TB_RUN) {
        virq_in_t in;
        virq_out_t out;
        tb_begin_cycle(ls, &in);
        virq_step(dut, &in, &out);
        r = tb_end_cycle(ls, &out, NULL);
    }
    virq_destroy(dut);
    return tb_finish(ls);
}
