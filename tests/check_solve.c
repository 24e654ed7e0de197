/* check_solve.c -- the solver: proven optimum on the hand-solved instance, honest bounds and
 * status with downtime, never worse than EDD, repeatable with a seed and an iteration limit,
 * every plan valid for the checker, and the option setter. */
#include "base/base.h"
#include "heur/heur.h"
#include "model/scenario.h"
#include "plan/plan.h"
#include "test_util.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const solve_cases[] = {
    "tests/data/hand2x5",   /* 5 orders, 2 lines, optimum 70 (README) */
    "tests/data/solve_small", /* 10 orders, 3 lines, releases, initial products */
    "tests/data/solve_down",  /* 9 orders, 2 lines, downtime, makespan and cost weights */
    "tests/data/solve_mid",   /* 50 orders, 4 lines */
    "tests/data/solve_mid_down", /* 50 orders, 4 lines, downtime */
};

static cosched_plan *solve_with(const cosched_scenario *sc, double time_limit, long iters,
                                long seed)
{
    cosched_options opt;
    cosched_options_init(&opt);
    opt.time_limit_s = time_limit;
    opt.iteration_limit = iters;
    opt.seed = seed;
    cosched_plan *plan = NULL;
    ck_assert_int_eq(cosched_solve(sc, &opt, &plan), COSCHED_OK);
    ck_assert_ptr_nonnull(plan);
    return plan;
}

/* The plan files written and read back by the independent checker: no violation. */
static void assert_plan_checks(const cosched_scenario *sc, const cosched_plan *plan)
{
    char *dir = test_tmpdir();
    cosched_diags *d = cosched_diags_create(50);
    ck_assert_int_eq(cosched_plan_write(sc, plan, dir, d), COSCHED_OK);
    int n_viol = -1;
    ck_assert_int_eq(cosched_plan_check(sc, dir, d, &n_viol), COSCHED_OK);
    if (n_viol != 0)
        cosched_diags_print(d, stderr);
    ck_assert_int_eq(n_viol, 0);
    cosched_diags_free(d);
    static const char *const files[] = {"plan.csv", "order_schedule.csv", "summary.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = cs_path_join(dir, files[i]);
        remove(p);
        free(p);
    }
    remove(dir);
    free(dir);
}

/* The EDD baseline's objective, evaluated through the plan module (not the solver). */
static double edd_objective(const cosched_scenario *sc)
{
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &s), COSCHED_OK);
    ck_assert(cs_sol_is_complete(sc, &s));
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_sol_to_plan(sc, &s, p), COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    /* The heuristics' cached evaluation and the plan builder must agree. */
    ck_assert_double_eq_tol(p->objective, s.objective, 1e-6);
    double obj = p->objective;
    cosched_plan_free(p);
    cs_sol_destroy(&s);
    return obj;
}

static void assert_sane_result(const cosched_plan *plan)
{
    const cosched_result *r = cosched_plan_result(plan);
    ck_assert(r->outcome == COSCHED_OUTCOME_OPTIMAL || r->outcome == COSCHED_OUTCOME_FEASIBLE);
    ck_assert_double_eq_tol(r->objective, plan->objective, 1e-9);
    ck_assert(r->has_bound);
    ck_assert_msg(r->bound <= r->objective + 1e-6 * fmax(1.0, fabs(r->objective)),
                  "bound %g above objective %g", r->bound, r->objective);
    if (r->outcome == COSCHED_OUTCOME_OPTIMAL)
        ck_assert_msg(r->objective <= r->bound + 1e-6 * fmax(1.0, fabs(r->objective)),
                      "optimal claimed with objective %g and bound %g", r->objective, r->bound);
    ck_assert_ptr_nonnull(r->method);
}

START_TEST(test_hand_optimum)
{
    cosched_scenario *sc = test_load("tests/data/hand2x5");
    double t0 = cs_now();
    cosched_plan *plan = solve_with(sc, 10.0, -1, -1);
    double took = cs_now() - t0;
    const cosched_result *r = cosched_plan_result(plan);
    ck_assert_int_eq(r->outcome, COSCHED_OUTCOME_OPTIMAL);
    ck_assert_double_eq_tol(r->objective, 70.0, 1e-6);
    ck_assert(r->has_bound);
    ck_assert_double_eq_tol(r->bound, 70.0, 1e-6);
    ck_assert(r->mip_complete);
    ck_assert_msg(took < 2.0, "proving the optimum took %.2f s", took);
    double gap = -1.0;
    ck_assert(cosched_plan_gap(plan, &gap));
    ck_assert_double_eq_tol(gap, 0.0, 1e-6);
    assert_plan_checks(sc, plan);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_downtime_never_claims_unproven)
{
    cosched_scenario *sc = test_load("tests/data/solve_down");
    cosched_plan *plan = solve_with(sc, 1.0, -1, 3);
    const cosched_result *r = cosched_plan_result(plan);
    assert_sane_result(plan);
    /* Downtime lies outside the MIP, so its optimum is only a bound here. */
    ck_assert(!r->mip_complete);
    ck_assert(r->bound > 0.0);
    assert_plan_checks(sc, plan);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_not_worse_than_edd)
{
    cosched_scenario *sc = test_load(solve_cases[_i]);
    double edd = edd_objective(sc);
    double t0 = cs_now();
    cosched_plan *plan = solve_with(sc, 1.0, -1, 1);
    double took = cs_now() - t0;
    assert_sane_result(plan);
    const cosched_result *r = cosched_plan_result(plan);
    ck_assert_msg(r->objective <= edd + 1e-6, "%s: %g worse than EDD %g", solve_cases[_i],
                  r->objective, edd);
    ck_assert_msg(took < 1.0 + 1.5, "%s: %.2f s for a 1 s budget", solve_cases[_i], took);
    ck_assert_double_eq_tol(r->solve_seconds, took, 0.1);
    assert_plan_checks(sc, plan);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_local_search_improves_mid)
{
    /* On 50 orders EDD ignores changeovers; the search must find a clearly better plan. */
    cosched_scenario *sc = test_load("tests/data/solve_mid");
    double edd = edd_objective(sc);
    cosched_plan *plan = solve_with(sc, 2.0, -1, 1);
    ck_assert_msg(cosched_plan_result(plan)->objective < 0.5 * edd, "%g vs EDD %g",
                  cosched_plan_result(plan)->objective, edd);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

static void assert_same_sequences(const cosched_plan *a, const cosched_plan *b)
{
    ck_assert_int_eq(a->n_lines, b->n_lines);
    for (int k = 0; k < a->n_lines; k++) {
        ck_assert_int_eq(a->seq[k].n, b->seq[k].n);
        for (int i = 0; i < a->seq[k].n; i++)
            ck_assert_int_eq(a->seq[k].jobs[i].order, b->seq[k].jobs[i].order);
    }
    ck_assert_double_eq_tol(a->objective, b->objective, 1e-9);
}

START_TEST(test_repeatable)
{
    /* The iteration limit must end the search before the clock does: solve_mid_down is too
     * large for the MIP, so a generous budget still ends after 15 rounds; solve_small runs
     * its 15 rounds quickly and the MIP, unfinished in a second, only contributes a bound. */
    const char *dir = _i == 0 ? "tests/data/solve_mid_down" : "tests/data/solve_small";
    double budget = _i == 0 ? 60.0 : 1.0;
    cosched_scenario *sc = test_load(dir);
    cosched_plan *a = solve_with(sc, budget, 15, 5);
    cosched_plan *b = solve_with(sc, budget, 15, 5);
    assert_same_sequences(a, b);
    cosched_plan_free(a);
    cosched_plan_free(b);
    cosched_scenario_free(sc);
}
END_TEST

static int stop_now(void *ud)
{
    (void)ud;
    return 1;
}

START_TEST(test_should_stop)
{
    cosched_scenario *sc = test_load("tests/data/solve_mid");
    double edd = edd_objective(sc);
    cosched_options opt;
    cosched_options_init(&opt);
    opt.time_limit_s = 30.0;
    opt.should_stop = stop_now;
    cosched_plan *plan = NULL;
    double t0 = cs_now();
    ck_assert_int_eq(cosched_solve(sc, &opt, &plan), COSCHED_OK);
    ck_assert_msg(cs_now() - t0 < 1.0, "a stop request took %.2f s", cs_now() - t0);
    ck_assert_int_eq(cosched_plan_result(plan)->outcome, COSCHED_OUTCOME_FEASIBLE);
    ck_assert(cosched_plan_result(plan)->objective <= edd + 1e-6);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

static int n_log_lines;
static void count_log(void *ud, cosched_log_level lvl, const char *msg)
{
    (void)ud;
    ck_assert_int_le(lvl, COSCHED_LOG_INFO);
    ck_assert_ptr_nonnull(strstr(msg, "obj "));
    n_log_lines++;
}

START_TEST(test_progress_log)
{
    cosched_scenario *sc = test_load("tests/data/solve_small");
    cosched_options opt;
    cosched_options_init(&opt);
    opt.time_limit_s = 0.5;
    opt.log = count_log;
    opt.log_level = COSCHED_LOG_INFO;
    n_log_lines = 0;
    cosched_plan *plan = NULL;
    ck_assert_int_eq(cosched_solve(sc, &opt, &plan), COSCHED_OK);
    ck_assert_int_ge(n_log_lines, 1);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_options)
{
    cosched_options o;
    cosched_options_init(&o);
    ck_assert(o.time_limit_s < 0 && o.mip_gap < 0 && o.seed < 0 && o.iteration_limit < 0);
    ck_assert(o.log == NULL);
    ck_assert(o.should_stop == NULL);
    ck_assert_int_eq(cosched_options_set(&o, "time_limit_s", "2.5"), COSCHED_OK);
    ck_assert_double_eq(o.time_limit_s, 2.5);
    ck_assert_int_eq(cosched_options_set(&o, "mip_gap", "0.01"), COSCHED_OK);
    ck_assert_double_eq(o.mip_gap, 0.01);
    ck_assert_int_eq(cosched_options_set(&o, "seed", "42"), COSCHED_OK);
    ck_assert_int_eq(o.seed, 42);
    ck_assert_int_eq(cosched_options_set(&o, "iteration_limit", "1000"), COSCHED_OK);
    ck_assert_int_eq(o.iteration_limit, 1000);
    static const char *const bad[][2] = {
        {"time_limit_s", "-1"}, {"time_limit_s", "abc"}, {"time_limit_s", "nan"},
        {"time_limit_s", ""},   {"mip_gap", "-0.1"},     {"mip_gap", "2"},
        {"seed", "1.5"},        {"seed", "-3"},          {"iteration_limit", "x"},
        {"no_such_key", "1"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(cosched_options_set(&o, bad[i][0], bad[i][1]) == COSCHED_EINVAL,
                      "%s=%s accepted", bad[i][0], bad[i][1]);
    }
    /* A rejected value leaves the option as it was. */
    ck_assert_double_eq(o.time_limit_s, 2.5);
    ck_assert_int_eq(o.seed, 42);
}
END_TEST

START_TEST(test_heuristics_complete)
{
    cosched_scenario *sc = test_load(solve_cases[_i]);
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    for (int regret = 0; regret < 2; regret++) {
        ck_assert_int_eq(cs_heur_insert_run(sc, &s, regret != 0), COSCHED_OK);
        ck_assert(cs_sol_is_complete(sc, &s));
        double cached = s.objective;
        cs_sol_eval(sc, &s);
        ck_assert_double_eq_tol(s.objective, cached, 1e-9);
    }
    cs_sol_destroy(&s);
    cosched_scenario_free(sc);
}
END_TEST

Suite *solve_suite(void)
{
    Suite *s = suite_create("solve");
    TCase *tc = tcase_create("solve");
    tcase_set_timeout(tc, 120);
    int n_cases = (int)(sizeof solve_cases / sizeof solve_cases[0]);
    tcase_add_test(tc, test_hand_optimum);
    tcase_add_test(tc, test_downtime_never_claims_unproven);
    tcase_add_loop_test(tc, test_not_worse_than_edd, 0, n_cases);
    tcase_add_test(tc, test_local_search_improves_mid);
    tcase_add_loop_test(tc, test_repeatable, 0, 2);
    tcase_add_test(tc, test_should_stop);
    tcase_add_test(tc, test_progress_log);
    tcase_add_test(tc, test_options);
    tcase_add_loop_test(tc, test_heuristics_complete, 0, n_cases);
    suite_add_tcase(s, tc);
    return s;
}
