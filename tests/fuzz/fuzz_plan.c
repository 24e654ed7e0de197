/* fuzz_plan.c -- libFuzzer target for the readers of written plans. Plans come back from
 * outside (an MES, a planner editing plan.csv, a half-copied folder), so they are input too.
 * The first byte picks plan.csv, order_schedule.csv or summary.json; the rest replaces that
 * file in a valid plan (tests/fuzz/base_plan) of the scenario tests/fuzz/base. The plan
 * checker, the re-planning reader and the plan comparison then all read the result. */
#include "cosched.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef COSCHED_FUZZ_BASE_DIR
#define COSCHED_FUZZ_BASE_DIR "tests/fuzz/base"
#endif
#ifndef COSCHED_FUZZ_PLAN_DIR
#define COSCHED_FUZZ_PLAN_DIR "tests/fuzz/base_plan"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { N_FILES = 3 };
static const char *const files[N_FILES] = { "plan.csv", "order_schedule.csv", "summary.json" };

static cosched_scenario *scenario;
static char work_dir[64];
static char *base_text[N_FILES];
static size_t base_len[N_FILES];

static char *path_in(const char *dir, const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 4096 > cap) {
            cap = 2 * cap + 4096;
            char *b = realloc(buf, cap);
            if (b == NULL)
                abort();
            buf = b;
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    *len = n;
    return buf;
}

static void spill(const char *name, const void *bytes, size_t len)
{
    FILE *fp = fopen(path_in(work_dir, name), "wb");
    if (fp == NULL || fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0)
        abort(); /* the fuzzer's own temporary folder must be writable */
}

static void remove_work_dir(void)
{
    for (int i = 0; i < N_FILES; i++)
        unlink(path_in(work_dir, files[i]));
    rmdir(work_dir);
}

static void set_up(void)
{
    const char *base = getenv("COSCHED_FUZZ_BASE");
    const char *plan = getenv("COSCHED_FUZZ_PLAN");
    cosched_diags *d = cosched_diags_create(10);
    if (d == NULL ||
        cosched_scenario_load(base ? base : COSCHED_FUZZ_BASE_DIR, d, &scenario) != COSCHED_OK)
        abort();
    cosched_diags_free(d);
    for (int i = 0; i < N_FILES; i++) {
        base_text[i] = slurp(path_in(plan ? plan : COSCHED_FUZZ_PLAN_DIR, files[i]),
                             &base_len[i]);
        if (base_text[i] == NULL)
            abort();
    }
    snprintf(work_dir, sizeof work_dir, "/tmp/cosched-fuzz-plan-XXXXXX");
    if (mkdtemp(work_dir) == NULL)
        abort();
    atexit(remove_work_dir);
}

/* A rejected file always says why; out parameters are written only on success. */
static void expect_consistent(cosched_status st, const cosched_diags *d, const void *out)
{
    if (st != COSCHED_OK && out != NULL)
        abort();
    if (st == COSCHED_EINPUT && cosched_diags_n_errors(d) == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (scenario == NULL)
        set_up();
    if (size < 1)
        return 0;
    int pick = data[0] % N_FILES;
    for (int i = 0; i < N_FILES; i++) {
        if (i == pick)
            spill(files[i], data + 1, size - 1);
        else
            spill(files[i], base_text[i], base_len[i]);
    }

    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return 0;
    int n_violations = -1;
    cosched_status st = cosched_plan_check(scenario, work_dir, d, &n_violations);
    if (st != COSCHED_OK && st != COSCHED_EINPUT && st != COSCHED_ENOENT && st != COSCHED_ENOMEM)
        abort();
    expect_consistent(st, d, NULL);
    if (st == COSCHED_OK && n_violations < 0)
        abort();
    cosched_diags_free(d);

    d = cosched_diags_create(100);
    if (d == NULL)
        return 0;
    cosched_previous *prev = NULL;
    st = cosched_previous_load(scenario, work_dir, d, &prev);
    expect_consistent(st, d, prev);
    cosched_previous_free(prev);
    cosched_diags_free(d);

    d = cosched_diags_create(100);
    if (d == NULL)
        return 0;
    const char *plan = getenv("COSCHED_FUZZ_PLAN");
    cosched_comparison *cmp = NULL;
    st = cosched_compare_plans(plan ? plan : COSCHED_FUZZ_PLAN_DIR, work_dir, d, &cmp);
    expect_consistent(st, d, cmp);
    if (st == COSCHED_OK) {
        for (int f = COSCHED_FORMAT_MD; f <= COSCHED_FORMAT_JSON; f++)
            free(cosched_comparison_format(cmp, (cosched_format)f));
        cosched_comparison_free(cmp);
    }
    cosched_diags_free(d);
    return 0;
}
