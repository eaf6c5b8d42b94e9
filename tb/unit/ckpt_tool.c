/* A checkpoint carried from one build of the model to another
 * (tb/unit/test_ckpt_build.sh).  "save FILE": a checkpoint of an instance
 * at the defaults with unit 3's latency interval written and 1 000 cycles
 * stepped; "restore FILE": that checkpoint restored into a fresh instance.
 * Exit 0: saved, or restored with the cycle count and the interval it
 * carried; 3: refused with EINVAL; 1: anything else; 2: usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virq/virq.h"

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "save") != 0 && strcmp(argv[1], "restore") != 0)) {
        fprintf(stderr, "usage: %s save|restore FILE\n", argv[0]);
        return 2;
    }
    virq_params_t p;
    virq_params_default(&p);
    virq_t *m = virq_create(&p);
    if (m == NULL)
        return 1;
    size_t need = virq_save(m, NULL, 0);
    unsigned char *buf = malloc(need + 1);
    if (buf == NULL)
        return 1;
    int rc = 1;
    FILE *f = fopen(argv[2], strcmp(argv[1], "save") == 0 ? "wb" : "rb");
    if (f == NULL) {
        perror(argv[2]);
    } else if (strcmp(argv[1], "save") == 0) {
        virq_in_t in;
        virq_out_t out;
        memset(&in, 0, sizeof in);
        in.rst_ni = 1;
        virq_reg_write(m, VIRQ_MOD_LAT_IVL(3), 7);
        for (unsigned c = 0; c < 1000; c++)
            virq_step(m, &in, &out);
        rc = virq_save(m, buf, need) == need && fwrite(buf, 1, need, f) == need ? 0 : 1;
    } else {
        size_t n = fread(buf, 1, need + 1, f);
        uint32_t ivl = 0;
        if (virq_restore(m, buf, n) == 0)
            rc = virq_cycle(m) == 1000 && virq_reg_read(m, VIRQ_MOD_LAT_IVL(3), &ivl) == VIRQ_RESP_OKAY && ivl == 7
                     ? 0
                     : 1;
        else
            rc = errno == EINVAL ? 3 : 1;
    }
    if (f != NULL)
        fclose(f);
    free(buf);
    virq_destroy(m);
    return rc;
}
