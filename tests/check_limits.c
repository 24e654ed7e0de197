/* check_limits.c -- the "limits" suite: what loading may take. A table's record cap stops the
 * read at the record beyond it (named by the line it starts on), a deadline stops it with
 * COSCHED_ETIMEOUT, a load's time limit bounds cosched_scenario_load_with(), and warnings
 * given to a plan (as about a previous plan) join its own. */
#include "base/base.h"
#include "base/csvtab.h"
#include "test_util.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_record_cap_names_the_record_beyond_it)
{
    /* The second record spans two lines: the third starts on line 5. */
    const char text[] = "a,b\n1,2\n\"x\ny\",3\n4,5\n";
    cosched_diags *d = cosched_diags_create(10);
    cs_csvtab *t = NULL;
    cs_csvtab_bounds b = {.max_rows = 2, .what = "orders"};
    ck_assert_int_eq(cs_csvtab_load_buffer_bounded(text, strlen(text), "o.csv", &b, d, &t),
                     COSCHED_EINPUT);
    ck_assert_ptr_null(t);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->line, 5);
    ck_assert_str_eq(g->code, "E_TOO_LARGE");
    ck_assert_ptr_nonnull(strstr(g->message, "more than 2 orders"));
    cosched_diags_free(d);
    /* At the cap itself the table is read whole. */
    d = cosched_diags_create(10);
    b.max_rows = 3;
    ck_assert_int_eq(cs_csvtab_load_buffer_bounded(text, strlen(text), "o.csv", &b, d, &t),
                     COSCHED_OK);
    ck_assert_int_eq(cs_csvtab_n_rows(t), 3);
    cs_csvtab_free(t);
    cosched_diags_free(d);
}
END_TEST

START_TEST(test_past_deadline_stops_the_read)
{
    const char text[] = "a,b\n1,2\n";
    cosched_diags *d = cosched_diags_create(10);
    cs_csvtab *t = NULL;
    cs_csvtab_bounds b = {.deadline = 1e-9}; /* long past on a monotonic clock */
    ck_assert_int_eq(cs_csvtab_load_buffer_bounded(text, strlen(text), "o.csv", &b, d, &t),
                     COSCHED_ETIMEOUT);
    ck_assert_ptr_null(t);
    ck_assert_str_eq(cosched_diags_get(d, 0)->code, "E_TIME_LIMIT");
    ck_assert_int_eq(cosched_diags_get(d, 0)->line, 1);
    cosched_diags_free(d);
    ck_assert_str_eq(cosched_status_str(COSCHED_ETIMEOUT), "time limit reached");
}
END_TEST

START_TEST(test_load_time_limit)
{
    cosched_load_options lo;
    cosched_load_options_init(&lo);
    ck_assert(lo.time_limit_s == 0.0); /* no limit unless asked */
    lo.time_limit_s = 1e-9;
    cosched_diags *d = cosched_diags_create(10);
    cosched_scenario *sc = NULL;
    ck_assert_int_eq(cosched_scenario_load_with(test_path("scenarios/demo"), &lo, d, &sc),
                     COSCHED_ETIMEOUT);
    ck_assert_ptr_null(sc);
    ck_assert_int_eq(cosched_diags_n_errors(d), 1);
    ck_assert_str_eq(cosched_diags_get(d, 0)->code, "E_TIME_LIMIT");
    cosched_diags_free(d);
    /* A minute is plenty, and so is the scenario's own limit (< 0). */
    for (int i = 0; i < 2; i++) {
        lo.time_limit_s = i == 0 ? 60.0 : -1.0;
        d = cosched_diags_create(10);
        ck_assert_int_eq(cosched_scenario_load_with(test_path("scenarios/demo"), &lo, d, &sc),
                         COSCHED_OK);
        cosched_scenario_free(sc);
        cosched_diags_free(d);
    }
}
END_TEST

START_TEST(test_plan_add_warnings)
{
    cosched_scenario *sc = test_load("tests/data/hand2x5");
    cosched_options opt;
    cosched_options_init(&opt);
    opt.iteration_limit = 10;
    opt.time_limit_s = 5;
    cosched_plan *plan = NULL;
    ck_assert_int_eq(cosched_solve(sc, &opt, &plan), COSCHED_OK);
    int before = cosched_plan_n_warnings(plan);
    cosched_diags *d = cosched_diags_create(10);
    /* What cosched_previous_load() adds: warnings at a line of plan.csv (or of none); its
     * errors are not warnings and stay out. */
    cs_diag_add(d, COSCHED_SEV_WARNING, "prev/plan.csv", 4, "order_id",
                "order 'o3' is no longer in the scenario; dropped");
    cs_diag_add(d, COSCHED_SEV_ERROR, "prev/plan.csv", 5, "start", "not a warning");
    cs_diag_add(d, COSCHED_SEV_WARNING, "prev", 0, NULL, "a warning about the directory");
    ck_assert_int_eq(cosched_plan_add_warnings(NULL, d), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_add_warnings(plan, NULL), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_add_warnings(plan, d), COSCHED_OK);
    ck_assert_int_eq(cosched_plan_n_warnings(plan), before + 2);
    ck_assert_str_eq(cosched_plan_warning(plan, before),
                     "prev/plan.csv:4: order 'o3' is no longer in the scenario; dropped");
    ck_assert_str_eq(cosched_plan_warning(plan, before + 1), "prev: a warning about the directory");
    cosched_diags_free(d);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("limits");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_record_cap_names_the_record_beyond_it);
    tcase_add_test(tc, test_past_deadline_stops_the_read);
    tcase_add_test(tc, test_load_time_limit);
    tcase_add_test(tc, test_plan_add_warnings);
    suite_add_tcase(s, tc);
    return s;
}
