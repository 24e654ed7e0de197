/* check_replan.c -- the "replan" suite: pins in orders.csv, the stability term of the
 * objective, derived scenarios, and re-planning from a written plan through the public API
 * (a plan frozen as a whole comes back with the same times; weight_stability keeps lines). */
#include "test_util.h"

#include "plan/plan.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define PINS "tests/data/replan_pins"

static int order_of(const cosched_scenario *sc, const char *id)
{
    int o = cs_scenario_find_order(sc, id);
    ck_assert_int_ge(o, 0);
    return o;
}

START_TEST(test_pins_loaded)
{
    cosched_scenario *sc = test_load(PINS);
    int o1 = order_of(sc, "o1");
    int o3 = order_of(sc, "o3");
    int l1 = cs_scenario_find_line(sc, "L1");
    int l2 = cs_scenario_find_line(sc, "L2");
    /* o1 (pinned to L2) may no longer use L1, which can make A; 120 A at 60/h on L2. */
    ck_assert(sc->orders[o1].has_pinned_line);
    ck_assert_int_eq(sc->orders[o1].pinned_line, l2);
    ck_assert_int_eq(cs_run_minutes(sc, o1, l1), -1);
    ck_assert_int_eq(cs_run_minutes(sc, o1, l2), 120);
    /* o3 is unpinned on lines: both stay usable. Its pinned_start 10:00 is minute 240 and
     * becomes its release. */
    ck_assert_int_eq(cs_run_minutes(sc, o3, l1), 30);
    ck_assert_int_eq(cs_run_minutes(sc, o3, l2), 60);
    ck_assert(sc->orders[o3].has_pinned_start);
    ck_assert_int_eq(sc->orders[o3].pinned_start_at, 240);
    ck_assert_int_eq(sc->orders[o3].release_at, 240);
    ck_assert(!sc->orders[order_of(sc, "o2")].has_pinned_line);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_stability_term)
{
    cosched_scenario *sc = test_load(PINS);
    int l1 = cs_scenario_find_line(sc, "L1");
    int l2 = cs_scenario_find_line(sc, "L2");
    int o2 = order_of(sc, "o2");
    int o4 = order_of(sc, "o4");
    bool keep[4] = {true, true, true, true};
    int32_t avail[2] = {0, 0};
    int init[2] = {-1, -1};
    int prev[4];
    for (int o = 0; o < 4; o++)
        prev[o] = -1;
    prev[o2] = l2; /* o2 ran on L2 before, o4 on L1; o1 and o3 are new */
    prev[o4] = l1;
    cs_derive_spec spec = {keep, NULL, avail, init, prev};
    cosched_scenario *d = NULL;
    int *orig = NULL;
    ck_assert_int_eq(cs_scenario_derive(sc, &spec, &d, &orig), COSCHED_OK);
    ck_assert_int_eq(d->n_orders, 4);
    ck_assert_int_eq(cs_scenario_prev_line(d, o2), l2); /* through the map to sc's orders */
    ck_assert_int_eq(cs_scenario_prev_line(d, o4), l1);
    ck_assert_int_eq(cs_scenario_prev_line(sc, o2), -1); /* the loaded scenario has none */
    int seq[2] = {o2, o4};
    cs_line_eval ev[2];
    cs_line_evaluate(d, l1, seq, 2, &ev[0]);
    cs_line_evaluate(d, l2, NULL, 0, &ev[1]);
    ck_assert_int_eq(ev[0].moved, 1); /* o2 left L2, o4 stayed */
    /* 120 B + 60 B on L1 at 120/h from 06:00, no changeover: both on time, makespan 90. */
    double base = cs_objective_of(d, ev, 2);
    ck_assert_double_eq_tol(base, 0.0, 1e-9);
    d->set.weight_stability = 7.0;
    ck_assert_double_eq_tol(cs_objective_of(d, ev, 2), 7.0, 1e-9);
    /* The built plan counts the same, once per order. */
    cosched_plan *p = cs_plan_create(d);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_plan_append(p, l1, o2, 120), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, l1, o4, 60), COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(d, p), COSCHED_OK);
    ck_assert_int_eq(p->kpis.orders_moved, 1);
    ck_assert_double_eq_tol(p->objective, 7.0, 1e-9);
    cosched_plan_free(p);
    free(orig);
    cs_scenario_derived_free(d);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_derive_subset)
{
    cosched_scenario *sc = test_load(PINS);
    int o2 = order_of(sc, "o2");
    int o3 = order_of(sc, "o3");
    bool keep[4] = {false, false, false, false};
    double qty[4] = {0, 0, 0, 0};
    keep[o2] = keep[o3] = true;
    qty[o2] = 60; /* half of it is left */
    qty[o3] = sc->orders[o3].quantity;
    int32_t avail[2] = {100, 5};
    int init[2] = {sc->orders[o2].product, -1};
    cs_derive_spec spec = {keep, qty, avail, init, NULL};
    cosched_scenario *d = NULL;
    int *orig = NULL;
    ck_assert_int_eq(cs_scenario_derive(sc, &spec, &d, &orig), COSCHED_OK);
    ck_assert_int_eq(d->n_orders, 2);
    ck_assert_int_eq(orig[0], o2);
    ck_assert_int_eq(orig[1], o3);
    ck_assert_double_eq_tol(d->orders[0].quantity, 60, 1e-9);
    ck_assert_int_eq(cs_run_minutes(d, 0, 0), 30); /* 60 B at 120/h */
    ck_assert_int_eq(cs_run_minutes(d, 0, 1), 60);
    ck_assert_int_eq(d->lines[0].available_at, 100);
    ck_assert_int_eq(d->lines[0].initial_product, sc->orders[o2].product);
    ck_assert_int_eq(sc->lines[0].available_at, 0); /* the original is untouched */
    ck_assert_ptr_null(d->prev_line);
    ck_assert_int_eq(d->orig_order[1], o3);
    free(orig);
    cs_scenario_derived_free(d);
    cosched_scenario_free(sc);
}
END_TEST

static cosched_plan *solve_with(const cosched_scenario *sc, const cosched_previous *prev,
                                double freeze_hours)
{
    cosched_options opt;
    cosched_options_init(&opt);
    ck_assert_int_eq(cosched_options_set(&opt, "time_limit_s", "2"), COSCHED_OK);
    ck_assert_int_eq(cosched_options_set(&opt, "iteration_limit", "500"), COSCHED_OK);
    opt.previous = prev;
    opt.freeze_hours = freeze_hours;
    cosched_plan *p = NULL;
    ck_assert_int_eq(cosched_solve(sc, &opt, &p), COSCHED_OK);
    return p;
}

START_TEST(test_freeze_all_keeps_times)
{
    cosched_scenario *sc = test_load("tests/data/solve_small");
    cosched_plan *night = solve_with(sc, NULL, -1);
    char *dir = test_tmpdir();
    cosched_diags *d = cosched_diags_create(20);
    ck_assert_int_eq(cosched_plan_write(sc, night, dir, d), COSCHED_OK);
    cosched_previous *prev = NULL;
    ck_assert_int_eq(cosched_previous_load(sc, dir, d, &prev), COSCHED_OK);
    ck_assert_int_eq(cosched_diags_count(d), 0);
    /* Frozen for a week: every order keeps its line, place and times. */
    cosched_plan *again = solve_with(sc, prev, 168);
    ck_assert_ptr_nonnull(again->replan);
    ck_assert_int_eq(again->replan->n_frozen, sc->n_orders);
    ck_assert_int_eq(again->replan->n_retimed, 0);
    ck_assert_int_eq(again->kpis.orders_moved, 0);
    for (int o = 0; o < sc->n_orders; o++) {
        ck_assert_int_eq(again->orders[o].start_at, night->orders[o].start_at);
        ck_assert_int_eq(again->orders[o].end_at, night->orders[o].end_at);
    }
    for (int l = 0; l < sc->n_lines; l++) {
        ck_assert_int_eq(again->seq[l].n, night->seq[l].n);
        for (int k = 0; k < night->seq[l].n; k++)
            ck_assert_int_eq(again->seq[l].jobs[k].order, night->seq[l].jobs[k].order);
    }
    ck_assert_double_eq_tol(again->objective, night->objective, 1e-9);
    /* A fixed plan proves nothing about the whole scenario. */
    ck_assert_int_eq(cosched_plan_result(again)->outcome, COSCHED_OUTCOME_FEASIBLE);
    ck_assert(!cosched_plan_result(again)->has_bound);
    /* The written re-plan passes the checker, which recomputes orders_moved. */
    test_remove_dir(test_write_checked(sc, again));
    cosched_plan_free(again);
    cosched_previous_free(prev);
    cosched_plan_free(night);
    cosched_diags_free(d);
    test_remove_dir(dir);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_previous_missing)
{
    cosched_scenario *sc = test_load(PINS);
    char *dir = test_tmpdir();
    cosched_diags *d = cosched_diags_create(20);
    cosched_previous *prev = NULL;
    ck_assert_int_eq(cosched_previous_load(sc, dir, d, &prev), COSCHED_ENOENT);
    ck_assert_ptr_null(prev);
    ck_assert_int_eq(cosched_diags_n_errors(d), 1);
    /* A plan row of an unknown order is a warning; a bad quantity an error at its line. */
    test_write_file(dir, "plan.csv",
                    "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,"
                    "minutes,cost\n"
                    "L1,1,production,gone,A,,10,2027-03-01T06:00,2027-03-01T06:05,5,0\n"
                    "L1,2,production,o2,B,,-4,2027-03-01T06:05,2027-03-01T07:05,60,0\n");
    cosched_diags *d2 = cosched_diags_create(20);
    ck_assert_int_eq(cosched_previous_load(sc, dir, d2, &prev), COSCHED_EINPUT);
    ck_assert_int_eq(cosched_diags_count(d2), 2);
    ck_assert_int_eq(cosched_diags_get(d2, 0)->severity, COSCHED_SEV_WARNING);
    ck_assert_int_eq(cosched_diags_get(d2, 0)->line, 2);
    ck_assert_int_eq(cosched_diags_get(d2, 1)->severity, COSCHED_SEV_ERROR);
    ck_assert_int_eq(cosched_diags_get(d2, 1)->line, 3);
    ck_assert_str_eq(cosched_diags_get(d2, 1)->column, "quantity");
    cosched_diags_free(d2);
    cosched_diags_free(d);
    test_remove_dir(dir);
    cosched_scenario_free(sc);
}
END_TEST

/* Duplicates in a previous plan: a seq twice on one line is an error at the later row (the
 * sequence is undefined); an order that may not be split standing twice is a warning at its
 * second run, and the plan still loads. */
START_TEST(test_previous_duplicates)
{
    cosched_scenario *sc = test_load(PINS);
    char *dir = test_tmpdir();
    const char *head = "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,"
                       "end,minutes,cost\n";
    char text[1024];
    snprintf(text, sizeof text, "%s%s", head,
             "L1,1,production,o2,B,,120,2027-03-01T06:00,2027-03-01T07:00,60,0\n"
             "L1,2,changeover,,A,B,0,2027-03-01T07:00,2027-03-01T07:10,10,0\n"
             "L1,2,production,o3,A,,60,2027-03-01T10:00,2027-03-01T10:30,30,0\n");
    test_write_file(dir, "plan.csv", text);
    cosched_diags *d = cosched_diags_create(20);
    cosched_previous *prev = NULL;
    ck_assert_int_eq(cosched_previous_load(sc, dir, d, &prev), COSCHED_EINPUT);
    ck_assert_ptr_null(prev);
    ck_assert_int_eq(cosched_diags_count(d), 1);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_int_eq(g->severity, COSCHED_SEV_ERROR);
    ck_assert_int_eq(g->line, 4);
    ck_assert_str_eq(g->column, "seq");
    ck_assert_ptr_nonnull(strstr(g->message, "line 'L1' has seq 2 twice (also on line 3)"));
    cosched_diags_free(d);

    snprintf(text, sizeof text, "%s%s", head,
             "L1,1,production,o2,B,,120,2027-03-01T06:00,2027-03-01T07:00,60,0\n"
             "L1,2,production,o4,B,,60,2027-03-01T07:00,2027-03-01T07:30,30,0\n"
             "L1,3,production,o2,B,,120,2027-03-01T07:30,2027-03-01T08:30,60,0\n");
    test_write_file(dir, "plan.csv", text);
    d = cosched_diags_create(20);
    ck_assert_int_eq(cosched_previous_load(sc, dir, d, &prev), COSCHED_OK);
    ck_assert_int_eq(cosched_diags_count(d), 1);
    g = cosched_diags_get(d, 0);
    ck_assert_int_eq(g->severity, COSCHED_SEV_WARNING);
    ck_assert_str_eq(g->code, "W_PREVIOUS_PLAN");
    ck_assert_int_eq(g->line, 4);
    ck_assert_ptr_nonnull(strstr(g->message, "order 'o2' is planned again here (also on line 2)"));
    /* The warning reaches the new plan, and the order is planned once. */
    cosched_options opt;
    cosched_options_init(&opt);
    opt.previous = prev;
    opt.iteration_limit = 50;
    opt.time_limit_s = 5.0;
    cosched_plan *plan = NULL;
    ck_assert_int_eq(cosched_solve(sc, &opt, &plan), COSCHED_OK);
    bool warned = false;
    for (int i = 0; i < cosched_plan_n_warnings(plan); i++)
        warned = warned || strstr(cosched_plan_warning(plan, i), "plan.csv:4: order 'o2'") != NULL;
    ck_assert(warned);
    char *out = test_write_checked(sc, plan); /* written and passed by the checker */
    test_remove_dir(out);
    cosched_plan_free(plan);
    cosched_previous_free(prev);
    cosched_diags_free(d);
    test_remove_dir(dir);
    cosched_scenario_free(sc);
}
END_TEST

Suite *replan_suite(void)
{
    Suite *s = suite_create("replan");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_pins_loaded);
    tcase_add_test(tc, test_stability_term);
    tcase_add_test(tc, test_derive_subset);
    tcase_add_test(tc, test_freeze_all_keeps_times);
    tcase_add_test(tc, test_previous_missing);
    tcase_add_test(tc, test_previous_duplicates);
    suite_add_tcase(s, tc);
    return s;
}
