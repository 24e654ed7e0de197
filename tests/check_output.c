/* check_output.c -- the "output" suite: plan.csv, order_schedule.csv and summary.json text
 * for the hand-worked plan of plan_fixture.h, number formatting and CSV quoting, atomic
 * writes (including failures that must leave nothing behind) and the printed summary. */
#include "plan_fixture.h"
#include "test_util.h"

#include "output/output.h"

#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names in @p dir joined by ' ' in sorted order ("" when empty). */
static void list_dir(const char *dir, char *out, size_t size)
{
    char names[16][256];
    int n = 0;
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        ck_assert_int_lt(n, 16);
        snprintf(names[n++], sizeof names[0], "%s", e->d_name);
    }
    closedir(d);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[256];
            strcpy(t, names[j]);
            strcpy(names[j], names[j - 1]);
            strcpy(names[j - 1], t);
        }
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        int w = snprintf(out + used, size - used, "%s%s", i > 0 ? " " : "", names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void rm_rf(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (d != NULL) {
            for (struct dirent *e; (e = readdir(d)) != NULL;) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char sub[4096];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                rm_rf(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* ---- numbers and CSV text ---------------------------------------------------------------- */

START_TEST(test_format_number)
{
    char b[40];
    cs_output_format_number(60.0, b, sizeof b);
    ck_assert_str_eq(b, "60");
    cs_output_format_number(2.5, b, sizeof b);
    ck_assert_str_eq(b, "2.5");
    cs_output_format_number(0.1, b, sizeof b);
    ck_assert_str_eq(b, "0.1");
    cs_output_format_number(-0.0, b, sizeof b);
    ck_assert_str_eq(b, "0");
    cs_output_format_number(1234567.125, b, sizeof b);
    ck_assert_str_eq(b, "1234567.125");
    cs_output_format_number(-3.75, b, sizeof b);
    ck_assert_str_eq(b, "-3.75");
    /* 1/3 needs 17 digits to read back exactly. */
    cs_output_format_number(1.0 / 3.0, b, sizeof b);
    ck_assert_double_eq(strtod(b, NULL), 1.0 / 3.0);
    ck_assert_str_eq(b, "0.33333333333333331");
}
END_TEST

/* The fast formatters give exactly printf's bytes: checked against snprintf on values of
 * every magnitude, halves and near-ties (where a fast path could round the other way),
 * negative values rounding to zero, and datetimes from before 1970 to past 9999. */
static uint64_t lcg(uint64_t *x)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return *x >> 11;
}

START_TEST(test_fast_formatters_match_printf)
{
    uint64_t seed = 12345;
    char fast[512], ref[512];
    for (int i = 0; i < 30000; i++) {
        double v;
        switch (i % 5) {
        case 0: v = (double)(lcg(&seed) % 2000001) / 1000.0 - 1000.0; break; /* 3 decimals */
        case 1: v = ((double)(lcg(&seed) % 20001) - 10000.0) / 20.0; break;  /* halves, .05s */
        case 2: v = (double)(lcg(&seed) % 1000000) * 1e-3 + 0.0005; break;  /* near ties */
        case 3: v = ldexp((double)(lcg(&seed) % 1000000), (int)(lcg(&seed) % 80) - 40); break;
        default: v = -(double)(lcg(&seed) % 1000) * 1e-6; break;            /* -0.000x */
        }
        for (int d = 0; d <= 3; d++) {
            int n = cs_output_fmt_fixed(fast, sizeof fast, v, d);
            snprintf(ref, sizeof ref, "%.*f", d, v);
            ck_assert_msg(strcmp(fast, ref) == 0, "%%.%df of %.17g: '%s', printf '%s'", d, v,
                          fast, ref);
            ck_assert_int_eq(n, (int)strlen(ref));
        }
        cs_output_fmt_g17(fast, sizeof fast, v);
        snprintf(ref, sizeof ref, "%.17g", v);
        ck_assert_str_eq(fast, ref);
        long long w = (long long)(lcg(&seed) % 4000000000ULL) - 2000000000LL;
        cs_output_fmt_long(fast, w);
        snprintf(ref, sizeof ref, "%lld", w);
        ck_assert_str_eq(fast, ref);
    }
    const double edge[] = { 0.0, -0.0, 1e15, -1e15, 1e300, -1e-300, 0.5, 1.5, 2.5, -2.5,
                            0.125, 0.0625, 999999999.5, 1e9 + 0.5, INFINITY, -INFINITY, NAN };
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        for (int d = 0; d <= 3; d++) {
            cs_output_fmt_fixed(fast, sizeof fast, edge[i], d);
            snprintf(ref, sizeof ref, "%.*f", d, edge[i]);
            ck_assert_str_eq(fast, ref);
        }
        cs_output_fmt_g17(fast, sizeof fast, edge[i]);
        snprintf(ref, sizeof ref, "%.17g", edge[i]);
        ck_assert_str_eq(fast, ref);
    }
    const long long ledge[] = { 0, -1, LLONG_MAX, LLONG_MIN };
    for (size_t i = 0; i < sizeof ledge / sizeof ledge[0]; i++) {
        cs_output_fmt_long(fast, ledge[i]);
        snprintf(ref, sizeof ref, "%lld", ledge[i]);
        ck_assert_str_eq(fast, ref);
    }

    /* Datetimes: the cache by day must not mix up days that share a slot. */
    cs_output_buf b = { 0 };
    char *expect = NULL;
    size_t expect_len = 0;
    FILE *fp = open_memstream(&expect, &expect_len);
    ck_assert_ptr_nonnull(fp);
    for (int i = 0; i < 20000; i++) {
        int64_t at = (int64_t)(lcg(&seed) % 8000000000ULL) - 1000000000LL; /* 1068..17180 */
        if (i % 7 == 0)
            at = (int64_t)(i / 7) * 1440 * 4096 + (int64_t)(lcg(&seed) % 1440); /* same slot */
        char sep = i % 2 ? 'T' : ' ';
        cs_output_buf_datetime(&b, at, sep);
        cs_output_buf_add(&b, "\n", 1);
        char one[48];
        cs_datetime_format(at, one, sizeof one);
        char *t = strchr(one, 'T');
        if (t != NULL)
            *t = sep;
        fprintf(fp, "%s\n", one);
    }
    fclose(fp);
    char *got = cs_output_buf_finish(&b);
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, expect);
    free(got);
    free(expect);
}
END_TEST

START_TEST(test_plan_csv_text)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char *s = cs_output_plan_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, FX_PLAN_CSV);
    free(s);
    s = cs_output_order_schedule_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, FX_SCHEDULE_CSV);
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_csv_quoting_and_split_lines)
{
    cosched_scenario *sc = fx_scenario();
    free(sc->lines[FX_L1].id);
    sc->lines[FX_L1].id = fx_dup("L,1");
    free(sc->orders[FX_O1].id);
    sc->orders[FX_O1].id = fx_dup("say \"hi\"");
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    /* o1 in two parts: 30 units on L1 (30 min, 0-30) and 30 on L2 (60 min, 60-120). */
    ck_assert_int_eq(cs_plan_append(p, FX_L1, FX_O1, 30), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, FX_L2, FX_O1, 30), COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    char *s = cs_output_plan_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,"
                        "minutes,cost\n"
                        "\"L,1\",1,production,\"say \"\"hi\"\"\",A,,30,2027-03-01T06:00,"
                        "2027-03-01T06:30,30,0\n"
                        "L2,1,production,\"say \"\"hi\"\"\",A,,30,2027-03-01T07:00,"
                        "2027-03-01T08:00,60,0\n");
    free(s);
    s = cs_output_order_schedule_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    /* Unscheduled orders keep their row with empty times. */
    ck_assert_str_eq(s, "order_id,line_id,start,end,due,tardiness_minutes,status,reason\n"
                        "\"say \"\"hi\"\"\",\"L,1|L2\",2027-03-01T06:00,2027-03-01T08:00,"
                        "2027-03-01T08:00,0,open,\n"
                        "o2,,,,2027-03-01T07:40,,open,\n"
                        "o3,,,,2027-03-01T09:00,,open,\n"
                        "o4,,,,2027-03-01T22:40,,open,\n"
                        "o5,,,,2027-03-02T06:00,,open,\n");
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- summary.json ------------------------------------------------------------------------ */

START_TEST(test_summary_json_text)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    p->result.solve_seconds = 1.5;
    p->result.stopped_by = COSCHED_STOP_WORK_LIMIT;
    p->result.repeatable = true;
    p->result.work_units = 1.25;
    p->result.work_limit_units = 1.25;
    p->has_term_bound[CS_TERM_TARDINESS] = true; /* unknown term bounds are null */
    p->term_bound[CS_TERM_TARDINESS] = 40.0;
    ck_assert_int_eq(cs_plan_warn(p, "step %d \"failed\"", 2), COSCHED_OK);
    /* The rule's figures and the run record come last. */
    p->has_edd = true;
    p->edd_objective = 480.25;
    p->edd_kpis = p->kpis;
    p->edd_kpis.late_orders = 3;
    p->edd_kpis.weighted_tardiness_minutes = 200.0;
    for (int i = 0; i < 32; i++)
        sc->input_sha256[i] = (uint8_t)(i * 8 + 1);
    cosched_options opt;
    cosched_options_init(&opt);
    opt.iteration_limit = 500;
    cs_plan_set_run(p, &opt, 1804000000);
    char *s = cosched_plan_summary_json(sc, p);
    ck_assert_ptr_nonnull(s);
    /* 330/1020 = 0.32352941176470588..., printed to 15 significant digits. The terms add
     * up to the objective: 90 + 50 + 0.5 x 25 + 0.1 x 1500 = 302.5. */
    ck_assert_str_eq(s, "{\n"
                        "  \"schema_version\": 1,\n"
                        "  \"cosched_version\": \"" COSCHED_VERSION "\",\n"
                        "  \"status\": \"feasible\",\n"
                        "  \"objective\": 302.5,\n"
                        "  \"bound\": null,\n"
                        "  \"gap\": null,\n"
                        "  \"solve_seconds\": 1.5,\n"
                        "  \"method\": \"test\",\n"
                        "  \"mip_complete\": false,\n"
                        "  \"seed\": 7,\n"
                        "  \"time_limit_s\": 10.0,\n"
                        "  \"mip_gap\": 0.0,\n"
                        "  \"kpis\": {\n"
                        "    \"weighted_tardiness_minutes\": 90.0,\n"
                        "    \"late_orders\": 2,\n"
                        "    \"changeovers\": 2,\n"
                        "    \"changeover_minutes\": 50,\n"
                        "    \"changeover_cost\": 25.0,\n"
                        "    \"cleanings\": 0,\n"
                        "    \"cleaning_minutes\": 0,\n"
                        "    \"cleaning_cost\": 0.0,\n"
                        "    \"makespan_minutes\": 1500,\n"
                        "    \"done_orders\": 0,\n"
                        "    \"utilization\": {\n"
                        "      \"L1\": 0.323529411764706,\n"
                        "      \"L2\": 0.04\n"
                        "    }\n"
                        "  },\n"
                        "  \"objective_terms\": {\n"
                        "    \"late_orders\": {\n"
                        "      \"weight\": 0.0,\n"
                        "      \"value\": 2.0,\n"
                        "      \"contribution\": 0.0,\n"
                        "      \"share\": 0.0\n"
                        "    },\n"
                        "    \"weighted_tardiness\": {\n"
                        "      \"weight\": 1.0,\n"
                        "      \"value\": 90.0,\n"
                        "      \"contribution\": 90.0,\n"
                        "      \"share\": 0.297520661157025\n"
                        "    },\n"
                        "    \"changeover_minutes\": {\n"
                        "      \"weight\": 1.0,\n"
                        "      \"value\": 50.0,\n"
                        "      \"contribution\": 50.0,\n"
                        "      \"share\": 0.165289256198347\n"
                        "    },\n"
                        "    \"changeover_cost\": {\n"
                        "      \"weight\": 0.5,\n"
                        "      \"value\": 25.0,\n"
                        "      \"contribution\": 12.5,\n"
                        "      \"share\": 0.0413223140495868\n"
                        "    },\n"
                        "    \"makespan\": {\n"
                        "      \"weight\": 0.1,\n"
                        "      \"value\": 1500.0,\n"
                        "      \"contribution\": 150.0,\n"
                        "      \"share\": 0.495867768595041\n"
                        "    },\n"
                        "    \"stability\": {\n"
                        "      \"weight\": 0.0,\n"
                        "      \"value\": 0.0,\n"
                        "      \"contribution\": 0.0,\n"
                        "      \"share\": 0.0\n"
                        "    }\n"
                        "  },\n"
                        "  \"bound_terms\": {\n"
                        "    \"late_orders\": null,\n"
                        "    \"weighted_tardiness\": 40.0,\n"
                        "    \"changeover_minutes\": null,\n"
                        "    \"changeover_cost\": null,\n"
                        "    \"makespan\": null,\n"
                        "    \"stability\": null\n"
                        "  },\n"
                        "  \"late\": [\n"
                        "    \"o2\",\n"
                        "    \"o5\"\n"
                        "  ],\n"
                        "  \"warnings\": [\n"
                        "    \"step 2 \\\"failed\\\"\"\n"
                        "  ],\n"
                        "  \"now\": \"2027-03-01T06:00\",\n"
                        "  \"done\": [],\n"
                        "  \"in_progress\": {},\n"
                        "  \"edd\": {\n"
                        "    \"objective\": 480.25,\n"
                        "    \"weighted_tardiness_minutes\": 200.0,\n"
                        "    \"late_orders\": 3,\n"
                        "    \"changeovers\": 2,\n"
                        "    \"changeover_minutes\": 50,\n"
                        "    \"changeover_cost\": 25.0,\n"
                        "    \"cleanings\": 0,\n"
                        "    \"cleaning_minutes\": 0,\n"
                        "    \"cleaning_cost\": 0.0,\n"
                        "    \"makespan_minutes\": 1500\n"
                        "  },\n"
                        "  \"run\": {\n"
                        "    \"scenario\": \"fixture\",\n"
                        "    \"input_sha256\": "
                        "\"0109111921293139414951596169717981899199a1a9b1b9c1c9d1d9e1e9f1f9\",\n"
                        "    \"started_at\": \"2027-03-02T15:06:40Z\",\n"
                        "    \"options\": {\n"
                        "      \"time_limit_s\": 10.0,\n"
                        "      \"seed\": 7,\n"
                        "      \"mip_gap\": 0.0,\n"
                        "      \"iteration_limit\": 500,\n"
                        "      \"work_limit\": 1.25,\n"
                        "      \"now\": \"2027-03-01T06:00\",\n"
                        "      \"previous\": null,\n"
                        "      \"freeze_hours\": null,\n"
                        "      \"actuals_from_previous\": false\n"
                        "    }\n"
                        "  },\n"
                        "  \"search\": {\n"
                        "    \"stopped_by\": \"work_limit\",\n"
                        "    \"repeatable\": true,\n"
                        "    \"work_units\": 1.25,\n"
                        "    \"work_limit\": 1.25\n"
                        "  }\n"
                        "}");
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* A long warning is cut where a character starts, so summary.json stays valid UTF-8. */
START_TEST(test_long_warning_keeps_utf8_whole)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char text[901];
    for (int i = 0; i < 300; i++)
        memcpy(text + 3 * i, "\xE2\x82\xAC", 3); /* U+20AC, three bytes */
    text[900] = '\0';
    for (int lead = 0; lead < 3; lead++) {
        /* 0-2 ASCII bytes first shift where the 511-byte cut falls inside a character. */
        ck_assert_int_eq(cs_plan_warn(p, "%.*s%s", lead, "ab", text), COSCHED_OK);
        const char *w = cosched_plan_warning(p, lead);
        ck_assert_ptr_nonnull(w);
        size_t n = strlen(w);
        ck_assert_uint_le(n, 511);
        ck_assert_uint_ge(n, 509);
        ck_assert_uint_eq((n - (size_t)lead) % 3, 0);
    }
    ck_assert_int_eq(cosched_plan_n_warnings(p), 3);
    ck_assert_ptr_null(cosched_plan_warning(p, 3));
    char *s = cosched_plan_summary_json(sc, p);
    ck_assert_ptr_nonnull(s);
    json_error_t err;
    json_t *root = json_loads(s, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(json_array_size(json_object_get(root, "warnings")), 3);
    json_decref(root);
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_summary_json_bound_and_overrides)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    p->result.outcome = COSCHED_OUTCOME_OPTIMAL;
    p->result.has_bound = true;
    p->result.bound = 302.5;
    p->result.mip_complete = true;
    p->seed = 42;
    p->time_limit_s = 3.0;
    p->mip_gap = 0.01;
    char *s = cosched_plan_summary_json(sc, p);
    ck_assert_ptr_nonnull(s);
    json_error_t err;
    json_t *root = json_loads(s, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "status")), "optimal");
    ck_assert(json_is_real(json_object_get(root, "objective")));
    ck_assert_double_eq(json_real_value(json_object_get(root, "bound")), 302.5);
    ck_assert_double_eq(json_real_value(json_object_get(root, "gap")), 0.0);
    ck_assert(json_is_true(json_object_get(root, "mip_complete")));
    ck_assert_int_eq(json_integer_value(json_object_get(root, "seed")), 42);
    ck_assert_double_eq(json_real_value(json_object_get(root, "time_limit_s")), 3.0);
    ck_assert_double_eq(json_real_value(json_object_get(root, "mip_gap")), 0.01);
    json_decref(root);
    free(s);

    /* Without a plan there is no objective, gap or late list. */
    p->result.outcome = COSCHED_OUTCOME_NO_SOLUTION;
    p->result.has_bound = false;
    s = cosched_plan_summary_json(sc, p);
    ck_assert_ptr_nonnull(s);
    root = json_loads(s, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "status")), "no_solution");
    ck_assert(json_is_null(json_object_get(root, "objective")));
    ck_assert(json_is_null(json_object_get(root, "bound")));
    ck_assert(json_is_null(json_object_get(root, "gap")));
    ck_assert_uint_eq(json_array_size(json_object_get(root, "late")), 0);
    json_decref(root);
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- atomic writes ----------------------------------------------------------------------- */

START_TEST(test_atomic_write_replaces)
{
    char *dir = test_tmpdir();
    cosched_diags *d = cosched_diags_create(10);
    ck_assert_int_eq(cs_atomic_write(dir, "x.txt", "old\n", 4, d), COSCHED_OK);
    ck_assert_int_eq(cs_atomic_write(dir, "x.txt", "new text\n", 9, d), COSCHED_OK);
    char *s = test_read_file(dir, "x.txt");
    ck_assert_str_eq(s, "new text\n");
    free(s);
    char names[1024];
    list_dir(dir, names, sizeof names);
    ck_assert_str_eq(names, "x.txt"); /* no temporary file left */
    ck_assert_int_eq(cosched_diags_count(d), 0);

    /* A missing directory (two levels) is created. */
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    ck_assert_int_eq(cs_atomic_write(sub, "y.txt", "y", 1, d), COSCHED_OK);
    s = test_read_file(sub, "y.txt");
    ck_assert_str_eq(s, "y");
    free(s);
    cosched_diags_free(d);
    rm_rf(dir);
    free(dir);
}
END_TEST

START_TEST(test_atomic_write_failure)
{
    char *dir = test_tmpdir();
    test_write_file(dir, "file", "not a directory");
    char bad[4096];
    snprintf(bad, sizeof bad, "%s/file/sub", dir);
    cosched_diags *d = cosched_diags_create(10);
    ck_assert_int_eq(cs_atomic_write(bad, "x.txt", "x", 1, d), COSCHED_EWRITE);
    ck_assert_int_eq(cosched_diags_n_errors(d), 1);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_ptr_nonnull(strstr(g->file, "/file"));
    ck_assert_ptr_nonnull(strstr(g->message, "Not a directory"));
    char names[1024];
    list_dir(dir, names, sizeof names);
    ck_assert_str_eq(names, "file");
    cosched_diags_free(d);
    rm_rf(dir);
    free(dir);
}
END_TEST

/* ---- the plan directory ------------------------------------------------------------------ */

START_TEST(test_plan_write_files)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char *tmp = test_tmpdir();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/out", tmp);
    cosched_diags *d = cosched_diags_create(10);
    ck_assert_int_eq(cosched_plan_write(sc, p, dir, d), COSCHED_OK);
    char names[1024];
    list_dir(dir, names, sizeof names);
    ck_assert_str_eq(names, "dispatch.csv dispatch.html order_schedule.csv plan.csv report.html "
                            "summary.json");
    char *s = test_read_file(dir, "plan.csv");
    ck_assert_str_eq(s, FX_PLAN_CSV);
    free(s);
    s = test_read_file(dir, "order_schedule.csv");
    ck_assert_str_eq(s, FX_SCHEDULE_CSV);
    free(s);
    s = test_read_file(dir, "summary.json");
    char *expect = cosched_plan_summary_json(sc, p);
    ck_assert_ptr_nonnull(expect);
    ck_assert_uint_eq(strlen(s), strlen(expect) + 1);
    ck_assert_int_eq(strncmp(s, expect, strlen(expect)), 0);
    ck_assert_int_eq(s[strlen(expect)], '\n');
    free(expect);
    free(s);

    /* Written files are readable by others, like any output file. */
    char path[8192];
    snprintf(path, sizeof path, "%s/plan.csv", dir);
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 0777, 0644);

    int nv = -1;
    ck_assert_int_eq(cosched_plan_check(sc, dir, d, &nv), COSCHED_OK);
    ck_assert_int_eq(nv, 0);
    cosched_diags_free(d);
    rm_rf(tmp);
    free(tmp);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_plan_write_failure_leaves_nothing)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char *tmp = test_tmpdir();
    cosched_diags *d = cosched_diags_create(10);

    /* The output path runs through a regular file: nothing can be created. */
    test_write_file(tmp, "file", "x");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/file/out", tmp);
    ck_assert_int_eq(cosched_plan_write(sc, p, dir, d), COSCHED_EWRITE);
    ck_assert_int_ge(cosched_diags_n_errors(d), 1);
    char names[1024];
    list_dir(tmp, names, sizeof names);
    ck_assert_str_eq(names, "file");

    /* plan.csv is a non-empty directory, so its rename fails: the other files must not
     * appear either, and no temporary file may stay. */
    snprintf(dir, sizeof dir, "%s/out", tmp);
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    char blocker[8192];
    snprintf(blocker, sizeof blocker, "%s/plan.csv", dir);
    ck_assert_int_eq(mkdir(blocker, 0777), 0);
    test_write_file(blocker, "keep", "x");
    cosched_diags_free(d);
    d = cosched_diags_create(10);
    ck_assert_int_eq(cosched_plan_write(sc, p, dir, d), COSCHED_EWRITE);
    ck_assert_int_eq(cosched_diags_n_errors(d), 1);
    ck_assert_str_eq(cosched_diags_get(d, 0)->file, blocker);
    list_dir(dir, names, sizeof names);
    ck_assert_str_eq(names, "plan.csv");

    cosched_diags_free(d);
    rm_rf(tmp);
    free(tmp);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_print_summary)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    p->result.has_bound = true;
    p->result.bound = 242.0;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    cosched_plan_print_summary(sc, p, fp);
    fclose(fp);
    ck_assert_ptr_nonnull(strstr(buf, "status: feasible (test,"));
    ck_assert_ptr_nonnull(strstr(buf, "objective: 302.5"));
    ck_assert_ptr_nonnull(strstr(buf, "bound: 242"));
    ck_assert_ptr_nonnull(strstr(buf, "gap: 20.00%")); /* 60.5 / 302.5 */
    ck_assert_ptr_nonnull(strstr(buf, "late orders: 2 of 5"));
    ck_assert_ptr_nonnull(strstr(buf, "changeovers: 2 (50 min, cost 25)"));
    ck_assert_ptr_nonnull(strstr(buf, "makespan: 1500 min"));
    ck_assert_ptr_nonnull(strstr(buf, "o2  30 min late"));
    ck_assert_ptr_nonnull(strstr(buf, "o5  60 min late"));
    ck_assert_ptr_null(strstr(buf, "o1 "));
    int lines = 0;
    for (const char *c = buf; *c; c++)
        lines += *c == '\n';
    ck_assert_int_le(lines, 20);
    free(buf);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("text");
    /* The formatter comparison runs 50,000 values: under ASan, beside another suite, it
     * needs more than Check's default of 4 s. */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_format_number);
    tcase_add_test(tc, test_plan_csv_text);
    tcase_add_test(tc, test_csv_quoting_and_split_lines);
    tcase_add_test(tc, test_fast_formatters_match_printf);
    tcase_add_test(tc, test_summary_json_text);
    tcase_add_test(tc, test_long_warning_keeps_utf8_whole);
    tcase_add_test(tc, test_summary_json_bound_and_overrides);
    suite_add_tcase(s, tc);

    tc = tcase_create("files");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_atomic_write_replaces);
    tcase_add_test(tc, test_atomic_write_failure);
    tcase_add_test(tc, test_plan_write_files);
    tcase_add_test(tc, test_plan_write_failure_leaves_nothing);
    tcase_add_test(tc, test_print_summary);
    suite_add_tcase(s, tc);
    return s;
}
