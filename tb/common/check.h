/* The CHECK macro of the C unit tests: counts passed and failed checks and
 * names the failing expression; a test's main() ends with
 *   printf("NAME: %d passed, %d failed\n", check_passed, check_failed);
 * One translation unit per test program includes it. */
#ifndef VIRQ_CHECK_H
#define VIRQ_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            check_passed++;                                                          \
        } else {                                                                     \
            check_failed++;                                                          \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

#endif /* VIRQ_CHECK_H */
