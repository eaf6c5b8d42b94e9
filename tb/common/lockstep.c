/* The shared side of the lockstep harness: options, reset sequence,
 * comparison of every output every cycle against the C model. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tb.h"

#define PORT_IN_(n, w) {#n, w, offsetof(virq_in_t, n)},
#define PORT_OUT_(n, w) {#n, w, offsetof(virq_out_t, n)},
const tb_port_t tb_in_ports[] = {VIRQ_TOP_INPUTS(PORT_IN_)};
const size_t tb_num_in_ports = sizeof tb_in_ports / sizeof tb_in_ports[0];
const tb_port_t tb_out_ports[] = {VIRQ_TOP_OUTPUTS(PORT_OUT_)};
const size_t tb_num_out_ports = sizeof tb_out_ports / sizeof tb_out_ports[0];
#define PORT_BYTES_(n, b) {#n, 8 * (b), offsetof(virq_in_t, n)},
const tb_port_t tb_byte_in_ports[] = {VIRQ_TOP_BYTE_INPUTS(PORT_BYTES_)};
const size_t tb_num_byte_in_ports = sizeof tb_byte_in_ports / sizeof tb_byte_in_ports[0];

void tb_bytes_to_words(const uint8_t *bytes, unsigned nbytes, uint32_t *words)
{
    /* byte b is bits 8 * (nbytes - 1 - b) + 7 .. 8 * (nbytes - 1 - b): word w
     * holds the four bytes that end 4w bytes before the string's end, the
     * first of them in its top byte; a shorter word of the first nbytes % 4
     * bytes last (whole words at a time: this runs every cycle) */
    unsigned nw = nbytes / 4u, rem = nbytes % 4u;
    for (unsigned w = 0; w < nw; w++) {
        const uint8_t *p = bytes + nbytes - 4u * (w + 1u);
        words[w] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
    }
    if (rem != 0) {
        uint32_t v = 0;
        for (unsigned b = 0; b < rem; b++)
            v = v << 8 | bytes[b];
        words[nw] = v;
    }
}

/* Cycles before scenario cycle 0: rst_ni is low in the first RESET_LOW and
 * high in the last, whose edge is the engine's last reset edge (virq_top
 * registers rst_ni), so the scenario starts out of reset, in the reset
 * state.  Outputs are compared from cycle FIRST_CMP: the edges before it
 * reset the engine from the simulator's power-up state (X in Icarus), the
 * first of them through a reset register that is itself still X. */
enum { RESET_LOW = 2, RESET_CYCLES = RESET_LOW + 1, FIRST_CMP = 2 };

struct tb_ls {
    const char *sim;
    const tb_scenario_t *scn;
    void *scn_state;
    virq_params_t p;
    virq_t *model;
    uint64_t seed, cycles, cycle;
    const char *wave;
    virq_in_t in;
    int status;
    bool no_model; /* --no-model: bench only, nothing is compared */
    /* each port's value mask, resolved once from the parameters */
    uint64_t in_mask[sizeof tb_in_ports / sizeof tb_in_ports[0]];
    uint64_t out_mask[sizeof tb_out_ports / sizeof tb_out_ports[0]];
    struct timespec t0, cpu0;
};

static uint64_t field(const void *base, size_t off)
{
    return *(const uint64_t *)((const char *)base + off);
}

static uint64_t width_mask(unsigned w)
{
    return w >= 64 ? ~0ull : (1ull << w) - 1;
}

static const char *opt_value(const char *arg, const char *key, int *i, int argc, char *const *argv)
{
    size_t n = strlen(key);
    const char *a = arg;
    if (a[0] == '+')
        a += 1;
    else if (a[0] == '-' && a[1] == '-')
        a += 2;
    else
        return NULL;
    if (strncmp(a, key, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    /* "--key value": a next word that is itself an option is not a value */
    if (a[n] == '\0' && arg[0] == '-' && *i + 1 < argc && argv[*i + 1][0] != '-' && argv[*i + 1][0] != '+')
        return argv[++*i];
    return NULL;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    /* decimal digits only: strtoull would take a sign (and wrap a negative
     * number) or leading blanks; no leading zero, which Verilator's -G and
     * C read as octal */
    if (s == NULL || !isdigit((unsigned char)*s) || (s[0] == '0' && s[1] != '\0'))
        return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return -1;
    *v = x;
    return 0;
}



/* The configuration: each of virq_top's parameters, its option and its
 * field of the model's parameters. */
static const struct {
    const char *rtl, *opt;
    size_t off;
} params[] = {
    {"NUM_VEC", "num-vec", offsetof(virq_params_t, num_vec)},
    {"NUM_EQ", "num-eq", offsetof(virq_params_t, num_eq)},
    {"NUM_FUNC", "num-func", offsetof(virq_params_t, num_func)},
    {"EQ_MAX_LOG2", "eq-max-log2", offsetof(virq_params_t, eq_max_log2)},
    {"ADDR_W", "addr-w", offsetof(virq_params_t, addr_w)},
    {"NUM_PRS", "num-prs", offsetof(virq_params_t, num_prs)},
    {"NUM_CPU", "num-cpu", offsetof(virq_params_t, num_cpu)},
};
enum { NUM_PARAMS = sizeof params / sizeof params[0] };

const char *tb_param_name(size_t i)
{
    return i < NUM_PARAMS ? params[i].rtl : NULL;
}

static unsigned *param(virq_params_t *p, size_t i)
{
    return (unsigned *)((char *)p + params[i].off);
}

static unsigned param_of(const virq_params_t *p, size_t i)
{
    return *(const unsigned *)((const char *)p + params[i].off);
}

/* the index of the parameter option arg names (its value in *val), or -1 */
/* An option the harness knows, given without its value ("--seed" last on
 * the line, or "+seed" as a plusarg): say so, rather than "unknown". */
static bool known_bare(const char *a)
{
    static const char *const names[] = {"scenario", "seed", "cycles", "wave"};
    const char *n = a[0] == '+' ? a + 1 : (a[0] == '-' && a[1] == '-') ? a + 2 : NULL;
    if (n == NULL)
        return false;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(n, names[k]) == 0)
            return true;
    for (size_t k = 0; k < NUM_PARAMS; k++)
        if (strcmp(n, params[k].opt) == 0)
            return true;
    return false;
}

static int param_opt(const char *arg, const char **val, int *i, int argc, char *const *argv)
{
    for (size_t k = 0; k < NUM_PARAMS; k++)
        if ((*val = opt_value(arg, params[k].opt, i, argc, argv)) != NULL)
            return (int)k;
    return -1;
}

/* "NAME=VALUE,NAME=VALUE" (the simulator's build, see tb_create) onto p;
 * -1 with a message on anything else */
static int parse_built(const char *sim, const char *built, virq_params_t *p)
{
    for (const char *s = built; *s != '\0';) {
        size_t n = strcspn(s, ","), i, k = strcspn(s, "=");
        char val[24];
        for (i = 0; i < NUM_PARAMS; i++)
            if (k < n && strlen(params[i].rtl) == k && strncmp(s, params[i].rtl, k) == 0)
                break;
        uint64_t v = 0;
        if (i == NUM_PARAMS || n - k - 1 >= sizeof val) {
            fprintf(stderr, "%s: cannot read the build's parameters '%s'\n", sim, built);
            return -1;
        }
        memcpy(val, s + k + 1, n - k - 1);
        val[n - k - 1] = '\0';
        if (parse_u64(val, &v) != 0 || v > 100000) {
            fprintf(stderr, "%s: cannot read the build's parameters '%s'\n", sim, built);
            return -1;
        }
        *param(p, i) = (unsigned)v;
        s += n + (s[n] == ',');
    }
    return 0;
}

/* NAME=VALUE ..., or as options (--num-vec=N ...) */
static void print_params(FILE *f, const virq_params_t *p, bool opts)
{
    for (size_t i = 0; i < NUM_PARAMS; i++)
        fprintf(f, opts ? "%s--%s=%u" : "%s%s=%u", i ? " " : "", opts ? params[i].opt : params[i].rtl, param_of(p, i));
}

static void usage(FILE *f)
{
    fprintf(f, "options: --scenario NAME  --seed N  --cycles N  --wave FILE.fst  --list\n"
               "         the configuration (virq_top's parameters; a simulator runs the one it was built\n"
               "         with, the model any): --num-vec N  --num-eq N  --num-func N  --eq-max-log2 N\n"
               "                                --addr-w N  --num-prs N  --num-cpu N\n"
               "         --no-model  (make bench only: run the scenario on the simulator alone, without\n"
               "                     the reference model; outputs are NOT compared, the run is UNCHECKED)\n"
               "         (+key=value works too, for simulators that pass plusargs)\nscenarios:\n");
    for (const tb_scenario_t *const *s = tb_scenarios; *s; s++)
        fprintf(f, "  %-12s %s\n", (*s)->name, (*s)->desc);
}

tb_ls_t *tb_create(const char *sim, int argc, char *const *argv, const char *built, int *exit_code)
{
    tb_ls_t *ls = calloc(1, sizeof *ls);
    if (ls == NULL) {
        *exit_code = TB_EXIT_USAGE;
        return NULL;
    }
    ls->sim = sim;
    virq_params_default(&ls->p);
    const char *scn_name = "random";
    uint64_t v;
    int k;
    unsigned given = 0; /* the parameters the options set */
    bool have_seed = false, have_cycles = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val;
        if (strcmp(a, "--list") == 0 || strcmp(a, "+list") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            *exit_code = TB_EXIT_PASS;
            free(ls);
            return NULL;
        } else if ((val = opt_value(a, "scenario", &i, argc, argv)) != NULL) {
            scn_name = val;
        } else if ((val = opt_value(a, "seed", &i, argc, argv)) != NULL) {
            if (parse_u64(val, &ls->seed) != 0)
                goto bad_number;
            have_seed = true;
        } else if ((val = opt_value(a, "cycles", &i, argc, argv)) != NULL) {
            if (parse_u64(val, &ls->cycles) != 0)
                goto bad_number;
            have_cycles = true;
        } else if ((k = param_opt(a, &val, &i, argc, argv)) >= 0) {
            if (parse_u64(val, &v) != 0 || v > 100000)
                goto bad_number;
            *param(&ls->p, (size_t)k) = (unsigned)v;
            given |= 1u << k;
        } else if ((val = opt_value(a, "wave", &i, argc, argv)) != NULL) {
            ls->wave = val;
        } else if (strcmp(a, "--no-model") == 0 || strcmp(a, "+no-model") == 0) {
            ls->no_model = true;
        } else if (strncmp(a, "+verilator+", 11) == 0) {
            continue; /* Verilator's own runtime options */
        } else if (known_bare(a)) {
            fprintf(stderr, "%s: option '%s' needs a value ('%s=VALUE'%s)\n", sim, a, a,
                    a[0] == '-' ? " or followed by one" : "");
            goto fail;
        } else {
            fprintf(stderr, "%s: unknown option '%s'\n", sim, a);
            usage(stderr);
            goto fail;
        }
        continue;
    bad_number:
        fprintf(stderr, "%s: option '%s' needs a decimal number in range, without leading zeros\n", sim, a);
        goto fail;
    }
    if (built != NULL) {
        /* a simulator runs the configuration it was built with: options
         * may name it, not ask for another */
        virq_params_t b;
        virq_params_default(&b);
        if (parse_built(sim, built, &b) != 0)
            goto fail;
        for (size_t j = 0; j < NUM_PARAMS; j++) {
            if ((given >> j & 1u) && param_of(&ls->p, j) != param_of(&b, j)) {
                fprintf(stderr, "%s: this simulator was built with %s=%u, not --%s=%u (make sim PARAMS='...' builds another)\n",
                        sim, params[j].rtl, param_of(&b, j), params[j].opt, param_of(&ls->p, j));
                goto fail;
            }
        }
        ls->p = b;
    }
    ls->scn = tb_find_scenario(scn_name);
    if (ls->scn == NULL) {
        fprintf(stderr, "%s: no scenario '%s'\n", sim, scn_name);
        usage(stderr);
        goto fail;
    }
    char err[160];
    if (virq_params_check(&ls->p, err, sizeof err) != 0) {
        fprintf(stderr, "%s: bad parameters: %s\n", sim, err);
        goto fail;
    }
    if (!have_seed) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ls->seed = ((uint64_t)ts.tv_sec * 1000003u) ^ (uint64_t)ts.tv_nsec;
    }
    if (!have_cycles)
        ls->cycles = ls->scn->default_cycles;
    if (ls->cycles == 0 && ls->scn->default_cycles != 0) {
        /* 0 means "the scenario's own end": this one has none */
        fprintf(stderr, "%s: scenario '%s' runs for --cycles (default %" PRIu64 "); 0 would never end\n", sim,
                ls->scn->name, ls->scn->default_cycles);
        goto fail;
    }
    if (ls->wave != NULL) {
        /* a waveform the run cannot write is refused before the run, not
         * found missing after a failure; the last refusal, and the test
         * neither truncates an existing file nor leaves one behind */
        FILE *w = NULL;
        bool existed = ls->wave[0] != '\0' && access(ls->wave, F_OK) == 0;
        if (strcmp(sim, "model") == 0) {
            fprintf(stderr, "%s: the model alone writes no waveform (--wave is for verilator and icarus)\n", sim);
            goto fail;
        }
        if (ls->wave[0] == '\0' || (w = fopen(ls->wave, "ab")) == NULL) {
            fprintf(stderr, "%s: cannot write the waveform '%s'%s%s\n", sim, ls->wave, ls->wave[0] ? ": " : "",
                    ls->wave[0] ? strerror(errno) : "");
            goto fail;
        }
        fclose(w);
        if (!existed)
            remove(ls->wave);
    }
    for (size_t i = 0; i < tb_num_in_ports; i++)
        ls->in_mask[i] = width_mask(virq_port_width(&ls->p, tb_in_ports[i].width));
    for (size_t i = 0; i < tb_num_out_ports; i++)
        ls->out_mask[i] = width_mask(virq_port_width(&ls->p, tb_out_ports[i].width));
    ls->model = ls->no_model ? NULL : virq_create(&ls->p);
    if (ls->model == NULL && !ls->no_model) {
        fprintf(stderr, "%s: the model could not be created\n", sim);
        goto fail;
    }
    ls->scn_state = ls->scn->create(&ls->p, ls->seed, ls->cycles);
    if (ls->scn_state == NULL) {
        /* the scenario has said what it needs */
        fprintf(stderr, "%s: scenario %s could not start with these parameters\n", sim, ls->scn->name);
        virq_destroy(ls->model);
        free(ls);
        *exit_code = TB_EXIT_UNFIT;
        return NULL;
    }
    printf("%s: scenario=%s seed=%" PRIu64 " cycles=%" PRIu64 " ", sim, ls->scn->name, ls->seed, ls->cycles);
    print_params(stdout, &ls->p, false);
    printf("%s\n", ls->no_model ? " NO MODEL: outputs not compared (bench only)" : "");
    fflush(stdout);
    clock_gettime(CLOCK_MONOTONIC, &ls->t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ls->cpu0);
    return ls;
fail:
    virq_destroy(ls->model);
    free(ls);
    *exit_code = TB_EXIT_USAGE;
    return NULL;
}

const virq_params_t *tb_params(const tb_ls_t *ls)
{
    return &ls->p;
}

const char *tb_wave(const tb_ls_t *ls)
{
    return ls->wave;
}

int tb_begin_cycle(tb_ls_t *ls, virq_in_t *in)
{
    memset(&ls->in, 0, sizeof ls->in);
    ls->in.rst_ni = ls->cycle >= RESET_LOW;
    if (ls->cycle >= RESET_CYCLES)
        ls->scn->drive(ls->scn_state, ls->cycle - RESET_CYCLES, &ls->in);
    /* never drive bits beyond a port's width */
    for (size_t i = 0; i < tb_num_in_ports; i++) {
        uint64_t *f = (uint64_t *)((char *)&ls->in + tb_in_ports[i].offset);
        *f &= ls->in_mask[i];
    }
    *in = ls->in;
    return TB_RUN;
}

static void replay_hint(const tb_ls_t *ls)
{
    fprintf(stderr, "%s: replay: --scenario=%s --seed=%" PRIu64 " --cycles=%" PRIu64 " ", ls->sim, ls->scn->name,
            ls->seed, ls->cycles);
    print_params(stderr, &ls->p, true);
    fprintf(stderr, "\n");
}

int tb_end_cycle(tb_ls_t *ls, const virq_out_t *out, const virq_out_t *xz)
{
    virq_out_t exp;
    if (ls->model != NULL)
        virq_step(ls->model, &ls->in, &exp);
    if (ls->cycle >= FIRST_CMP && ls->model != NULL) {
        for (size_t i = 0; i < tb_num_out_ports; i++) {
            const tb_port_t *pt = &tb_out_ports[i];
            uint64_t m = ls->out_mask[i];
            uint64_t e = field(&exp, pt->offset) & m, a = field(out, pt->offset) & m;
            uint64_t x = xz ? field(xz, pt->offset) & m : 0;
            if (e != a || x != 0) {
                fprintf(stderr,
                        "%s: MISMATCH at cycle %" PRIu64 ": %s expected 0x%" PRIx64 " actual 0x%" PRIx64 "%s\n",
                        ls->sim, ls->cycle, pt->name, e, a, x ? " (with X/Z bits)" : "");
                if (x)
                    fprintf(stderr, "%s:   X/Z bit mask 0x%" PRIx64 "\n", ls->sim, x);
                replay_hint(ls);
                ls->status = TB_EXIT_MISMATCH;
                ls->cycle++;
                return TB_FAIL;
            }
        }
    }
    int r = TB_RUN;
    if (ls->cycle >= RESET_CYCLES) {
        uint64_t c = ls->cycle - RESET_CYCLES;
        r = ls->scn->observe(ls->scn_state, c, &ls->in, out);
        if (r == TB_RUN && ls->cycles != 0 && c + 1 >= ls->cycles)
            r = TB_PASS;
        if (r == TB_PASS)
            r = ls->scn->finish(ls->scn_state, c + 1) == TB_PASS ? TB_PASS : TB_FAIL;
        if (r == TB_FAIL) {
            fprintf(stderr, "%s: scenario check failed at cycle %" PRIu64 " (scenario cycle %" PRIu64 ")\n", ls->sim,
                    ls->cycle, c);
            replay_hint(ls);
            ls->status = TB_EXIT_CHECK;
        }
    }
    ls->cycle++;
    return r;
}

int tb_finish(tb_ls_t *ls)
{
    struct timespec t1, cpu1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
    double s = (double)(t1.tv_sec - ls->t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - ls->t0.tv_nsec);
    double cpu = (double)(cpu1.tv_sec - ls->cpu0.tv_sec) + 1e-9 * (double)(cpu1.tv_nsec - ls->cpu0.tv_nsec);
    int code = ls->status;
    /* The wall-clock rate is what a user waits for; the CPU-time rate (this
     * process's own CPU time) is what make bench reports, steadier on a
     * shared machine. */
    printf("%s: %s: %s after %" PRIu64 " cycles, %.3f s, %.0f cycles/s; cpu %.3f s, %.0f cycles/s\n", ls->sim,
           ls->scn->name,
           code != TB_EXIT_PASS ? "FAIL"
           : ls->no_model       ? "DONE, UNCHECKED (--no-model)"
                                : "PASS",
           ls->cycle, s, s > 0 ? (double)ls->cycle / s : 0.0, cpu, cpu > 0 ? (double)ls->cycle / cpu : 0.0);
    fflush(stdout);
    ls->scn->destroy(ls->scn_state);
    virq_destroy(ls->model);
    free(ls);
    return code;
}
