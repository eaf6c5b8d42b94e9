/* Icarus VPI glue of the lockstep harness (see tb/common/tb.h).
 * System tasks/functions used by tb/icarus/tb_top.v:
 *   $virq_tb_init   -> 0, or the exit code if the options are wrong
 *   $virq_tb_apply     puts this cycle's inputs on tb_top's input regs
 *   $virq_tb_check  -> 0 to go on; else the run is over
 *   $virq_tb_exit      prints the result and exits vvp with the harness code
 * Options come from plusargs: +scenario=NAME +seed=N +cycles=N ... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vpi_user.h>

#include "tb.h"

#define MAX_PORTS 32
#define MAX_ARGS 64

static tb_ls_t *g_ls; /* one session per simulation: vvp runs one */
static vpiHandle g_in[MAX_PORTS], g_out[MAX_PORTS], g_bin[MAX_PORTS];
static int g_code;

static vpiHandle port(const char *name)
{
    char full[128];
    snprintf(full, sizeof full, "tb_top.%s", name);
    vpiHandle h = vpi_handle_by_name(full, NULL);
    if (h == NULL)
        vpi_printf("icarus: no signal %s in the testbench\n", full);
    return h;
}

static void put_int(vpiHandle systf, int v)
{
    s_vpi_value val = {.format = vpiIntVal};
    val.value.integer = v;
    vpi_put_value(systf, &val, NULL, vpiNoDelay);
}

static PLI_INT32 size32(PLI_BYTE8 *ud)
{
    (void)ud;
    return 32;
}

static PLI_INT32 init_calltf(PLI_BYTE8 *ud)
{
    (void)ud;
    vpiHandle self = vpi_handle(vpiSysTfCall, NULL);
    s_vpi_vlog_info info;
    char *args[MAX_ARGS] = {"icarus"};
    int n = 1;
    if (vpi_get_vlog_info(&info)) {
        /* vvp hands the design's arguments from the .vvp file on
         * (argv[0]): plusargs for the harness, '-' options of vvp's own
         * (-fst, -lxt2-speed, -sdf-warn, ...); any other word, such as a
         * '--name=value' typed as for Verilator, is refused, not left out */
        for (int i = 1; i < info.argc; i++) {
            const char *a = info.argv[i];
            if (a[0] == '+' && n < MAX_ARGS) {
                args[n++] = info.argv[i];
            } else if (a[0] != '-' || a[1] == '-') {
                vpi_printf("icarus: argument '%s' is %s\n", a,
                           a[0] == '+' ? "one plusarg too many"
                                       : "not a plusarg (+name=value; scripts/lockstep.sh turns --name=value into "
                                         "+name=value)");
                g_code = TB_EXIT_USAGE;
                put_int(self, g_code);
                return 0;
            }
        }
    }
    /* the configuration tb_top was compiled with (iverilog -P), as
     * tb_create takes it */
    char built[256] = "";
    const char *name;
    for (size_t i = 0; (name = tb_param_name(i)) != NULL; i++) {
        vpiHandle h = port(name);
        if (h == NULL) {
            g_code = TB_EXIT_USAGE;
            put_int(self, g_code);
            return 0;
        }
        s_vpi_value val = {.format = vpiIntVal};
        vpi_get_value(h, &val);
        size_t len = strlen(built);
        snprintf(built + len, sizeof built - len, "%s%s=%d", i ? "," : "", name, (int)val.value.integer);
    }
    g_ls = tb_create("icarus", n, args, built, &g_code);
    if (g_ls == NULL) {
        put_int(self, g_code == 0 ? -1 : g_code);
        return 0;
    }
    int bad = 0;
    for (size_t i = 0; i < tb_num_in_ports && i < MAX_PORTS; i++)
        bad |= (g_in[i] = port(tb_in_ports[i].name)) == NULL;
    for (size_t i = 0; i < tb_num_out_ports && i < MAX_PORTS; i++)
        bad |= (g_out[i] = port(tb_out_ports[i].name)) == NULL;
    for (size_t i = 0; i < tb_num_byte_in_ports && i < MAX_PORTS; i++)
        bad |= (g_bin[i] = port(tb_byte_in_ports[i].name)) == NULL;
    if (bad) {
        g_code = TB_EXIT_USAGE;
        put_int(self, g_code);
        return 0;
    }
    put_int(self, 0);
    return 0;
}

static PLI_INT32 apply_calltf(PLI_BYTE8 *ud)
{
    (void)ud;
    virq_in_t in;
    tb_begin_cycle(g_ls, &in);
    for (size_t i = 0; i < tb_num_in_ports; i++) {
        uint64_t v = *(const uint64_t *)((const char *)&in + tb_in_ports[i].offset);
        s_vpi_vecval vec[2] = {{(PLI_INT32)(uint32_t)v, 0}, {(PLI_INT32)(uint32_t)(v >> 32), 0}};
        s_vpi_value val = {.format = vpiVectorVal};
        val.value.vector = vec;
        vpi_put_value(g_in[i], &val, NULL, vpiNoDelay);
    }
    for (size_t i = 0; i < tb_num_byte_in_ports; i++) {
        enum { MAXW = 16 };
        uint32_t w[MAXW];
        s_vpi_vecval vec[MAXW];
        unsigned nbytes = (unsigned)tb_byte_in_ports[i].width / 8u, nw = (nbytes + 3u) / 4u;
        if (nw > MAXW)
            nw = MAXW, nbytes = 4u * MAXW;
        tb_bytes_to_words((const uint8_t *)&in + tb_byte_in_ports[i].offset, nbytes, w);
        for (unsigned k = 0; k < nw; k++)
            vec[k] = (s_vpi_vecval){(PLI_INT32)w[k], 0};
        s_vpi_value val = {.format = vpiVectorVal};
        val.value.vector = vec;
        vpi_put_value(g_bin[i], &val, NULL, vpiNoDelay);
    }
    return 0;
}

static PLI_INT32 check_calltf(PLI_BYTE8 *ud)
{
    (void)ud;
    virq_out_t out, xz;
    for (size_t i = 0; i < tb_num_out_ports; i++) {
        s_vpi_value val = {.format = vpiVectorVal};
        vpi_get_value(g_out[i], &val);
        int words = (vpi_get(vpiSize, g_out[i]) + 31) / 32;
        uint64_t a = (uint32_t)val.value.vector[0].aval, b = (uint32_t)val.value.vector[0].bval;
        if (words > 1) {
            a |= (uint64_t)(uint32_t)val.value.vector[1].aval << 32;
            b |= (uint64_t)(uint32_t)val.value.vector[1].bval << 32;
        }
        *(uint64_t *)((char *)&out + tb_out_ports[i].offset) = a;
        *(uint64_t *)((char *)&xz + tb_out_ports[i].offset) = b;
    }
    int r = tb_end_cycle(g_ls, &out, &xz);
    put_int(vpi_handle(vpiSysTfCall, NULL), r == TB_RUN ? 0 : 1);
    return 0;
}

/* vvp exits with status 0 after $finish; once it has closed its dump files
 * (so the FST is complete) this handler replaces that with the harness's
 * exit code. */
static void force_exit_code(void)
{
    fflush(NULL);
    _exit(g_code);
}

static PLI_INT32 exit_calltf(PLI_BYTE8 *ud)
{
    (void)ud;
    if (g_ls != NULL)
        g_code = tb_finish(g_ls);
    g_ls = NULL;
    fflush(NULL);
    atexit(force_exit_code);
    vpi_control(vpiFinish, 0);
    return 0;
}

static void register_all(void)
{
    s_vpi_systf_data f = {0};
    f.type = vpiSysFunc;
    f.sysfunctype = vpiSysFuncInt;
    f.sizetf = size32;
    f.tfname = "$virq_tb_init";
    f.calltf = init_calltf;
    vpi_register_systf(&f);
    f.tfname = "$virq_tb_check";
    f.calltf = check_calltf;
    vpi_register_systf(&f);
    s_vpi_systf_data t = {0};
    t.type = vpiSysTask;
    t.tfname = "$virq_tb_apply";
    t.calltf = apply_calltf;
    vpi_register_systf(&t);
    t.tfname = "$virq_tb_exit";
    t.calltf = exit_calltf;
    vpi_register_systf(&t);
}

void (*vlog_startup_routines[])(void) = {register_all, NULL};
