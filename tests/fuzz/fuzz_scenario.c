/* fuzz_scenario.c -- libFuzzer target for the whole scenario reader and validator: the first
 * byte picks one of the seven files, the rest replaces it in the valid scenario under
 * tests/fuzz/base (COSCHED_FUZZ_BASE overrides the directory). With COSCHED_FUZZ_SOLVE=1
 * whatever loads is also planned briefly, so validation gaps that only the solver would trip
 * over show up too. */
#include "cosched.h"
#include "input/input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef COSCHED_FUZZ_BASE_DIR
#define COSCHED_FUZZ_BASE_DIR "tests/fuzz/base"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = { "settings.csv",    "lines.csv",  "capabilities.csv",
                                     "changeovers.csv", "orders.csv", "calendar.csv",
                                     "products.csv" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *base = getenv("COSCHED_FUZZ_BASE");
    if (base == NULL)
        base = COSCHED_FUZZ_BASE_DIR;
    const char *name = files[data[0] % (sizeof files / sizeof files[0])];
    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return 0;
    cosched_scenario *sc = NULL;
    cosched_status st = cs_scenario_load_with_override(base, name, (const char *)data + 1,
                                                       size - 1, d, &sc);
    if (st != COSCHED_OK && sc != NULL)
        abort(); /* out parameters are written only on success */
    if (st == COSCHED_EINPUT && cosched_diags_n_errors(d) == 0)
        abort(); /* a rejected scenario always says why */
    if (st == COSCHED_OK && cosched_diags_n_errors(d) != 0)
        abort(); /* an accepted scenario has no errors */
    static int solve = -1;
    if (solve < 0)
        solve = getenv("COSCHED_FUZZ_SOLVE") != NULL && strcmp(getenv("COSCHED_FUZZ_SOLVE"), "1") == 0;
    if (solve && st == COSCHED_OK && cosched_scenario_n_orders(sc) <= 64) {
        /* A short, machine-independent solve of what loaded: EDD and a few moves. */
        cosched_options opt;
        cosched_options_init(&opt);
        opt.time_limit_s = 0.05;
        opt.iteration_limit = 20;
        cosched_plan *plan = NULL;
        if (cosched_solve(sc, &opt, &plan) == COSCHED_OK) {
            char *json = cosched_plan_summary_json(sc, plan);
            free(json);
            cosched_plan_free(plan);
        }
    }
    cosched_scenario_free(sc);
    cosched_diags_free(d);
    return 0;
}
