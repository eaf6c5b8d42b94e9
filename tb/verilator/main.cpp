// Verilator glue of the lockstep harness: drives Vvirq_top from the shared
// C side (tb/common/tb.h) one cycle at a time, with an FST trace when asked.
#include <cstdio>
#include <memory>

#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vvirq_top.h"
#include "tb.h"

int main(int argc, char **argv)
{
    int code = 0;
    tb_ls_t *ls = tb_create("verilator", argc, argv, &code);
    if (ls == nullptr)
        return code;
    const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    ctx->commandArgs(argc, argv);
    const std::unique_ptr<Vvirq_top> top{new Vvirq_top{ctx.get(), "virq_top"}};
    std::unique_ptr<VerilatedFstC> fst;
    if (tb_wave(ls) != nullptr) {
        ctx->traceEverOn(true);
        fst.reset(new VerilatedFstC);
        top->trace(fst.get(), 99);
        fst->open(tb_wave(ls));
    }
    uint64_t t = 0;
    int r = TB_RUN;
    top->clk_i = 0;
    while (r == TB_RUN) {
        virq_in_t in;
        virq_out_t out;
        tb_begin_cycle(ls, &in);
#define APPLY_(n, w) top->n = in.n;
        VIRQ_TOP_INPUTS(APPLY_)
#undef APPLY_
#define APPLY_BYTES_(n, b) tb_bytes_to_words(in.n, b, top->n.data());
        VIRQ_TOP_BYTE_INPUTS(APPLY_BYTES_)
#undef APPLY_BYTES_
        top->clk_i = 0; // the falling edge and this cycle's inputs: one evaluation
        top->eval();
        if (fst)
            fst->dump(t);
#define SAMPLE_(n, w) out.n = top->n;
        VIRQ_TOP_OUTPUTS(SAMPLE_)
#undef SAMPLE_
        r = tb_end_cycle(ls, &out, nullptr);
        top->clk_i = 1;
        top->eval();
        if (fst)
            fst->dump(t + 5);
        t += 10;
    }
    if (fst) {
        fst->dump(t);
        fst->close();
    }
    top->final();
    return tb_finish(ls);
}
