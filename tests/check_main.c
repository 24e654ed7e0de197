/* check_main.c -- runs every Check suite; CK_RUN_SUITE=<name> selects one (CTest does). */
#include "check_suites.h"

#include <stdlib.h>

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define X(fn) srunner_add_suite(sr, fn());
    COSCHED_SUITES
#undef X
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
