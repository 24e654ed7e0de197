/* check_solve.c -- the solver: proven optimum on the hand-solved instance, honest bounds and
 * status with downtime, never worse than EDD, repeatable with a seed and an iteration limit,
 * every plan valid for the checker, and the option setter. */
#include "base/base.h"
#include "heur/heur.h"
#include "model/scenario.h"
#include "model/timing.h"
#include "plan/plan.h"
#include "test_util.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const solve_cases[] = {
    "tests/data/hand2x5",   /* 5 orders, 2 lines, optimum 70 (README) */
    "tests/data/solve_small", /* 10 orders, 3 lines, releases, initial products */
    "tests/data/solve_down",  /* 9 orders, 2 lines, downtime, makespan and cost weights */
    "tests/data/solve_mid",   /* 50 orders, 4 lines */
    "tests/data/solve_mid_down", /* 50 orders, 4 lines, downtime */
};

static cosched_plan *solve_opts(const cosched_scenario *sc, const cosched_options *opt)
{
    cosched_plan *plan = NULL;
    ck_assert_int_eq(cosched_solve(sc, opt, &plan), COSCHED_OK);
    ck_assert_ptr_nonnull(plan);
    return plan;
}

static cosched_plan *solve_with(const cosched_scenario *sc, double time_limit, long iters,
                                long seed)
{
    cosched_options opt;
    cosched_options_init(&opt);
    opt.time_limit_s = time_limit;
    opt.iteration_limit = iters;
    opt.seed = seed;
    return solve_opts(sc, &opt);
}

/* The plan files written and read back by the independent checker: no violation. */
static void assert_plan_checks(const cosched_scenario *sc, const cosched_plan *plan)
{
    test_remove_dir(test_write_checked(sc, plan));
}

/* The objective cached in @p s is what evaluating its sequences anew gives. */
static void assert_cached_objective(const cosched_scenario *sc, cs_sol *s, double tol)
{
    double cached = s->objective;
    cs_sol_eval(sc, s);
    ck_assert_double_eq_tol(s->objective, cached, tol);
}

/* @p a and @p b hold the same sequence on every line. */
static void assert_same_sols(const cosched_scenario *sc, const cs_sol *a, const cs_sol *b)
{
    for (int k = 0; k < sc->n_lines; k++) {
        ck_assert_int_eq(a->len[k], b->len[k]);
        for (int i = 0; i < a->len[k]; i++)
            ck_assert_int_eq(cs_sol_line(a, k)[i], cs_sol_line(b, k)[i]);
    }
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

/* Proof claims with downtime. solve_down (9 orders) is within the exact DP, which covers
 * downtime, so the optimum is proven for the whole model. solve_mid_down (50 orders) is
 * beyond the DP, and the MIP ignores downtime, so nothing proves optimality there. Either
 * plan must still pass the independent checker. */
static const struct {
    const char *dir;
    double time_limit;
    cosched_outcome outcome;
    bool mip_complete;
    const char *method; /* NULL: any */
} downtime_cases[] = {
    {"tests/data/solve_down", 5.0, COSCHED_OUTCOME_OPTIMAL, true, "exact-dp"},
    {"tests/data/solve_mid_down", 1.0, COSCHED_OUTCOME_FEASIBLE, false, NULL},
};

START_TEST(test_downtime_claims)
{
    cosched_scenario *sc = test_load(downtime_cases[_i].dir);
    cosched_plan *plan = solve_with(sc, downtime_cases[_i].time_limit, -1, 3);
    const cosched_result *r = cosched_plan_result(plan);
    assert_sane_result(plan);
    ck_assert_int_eq(r->outcome, downtime_cases[_i].outcome);
    if (downtime_cases[_i].method != NULL)
        ck_assert_str_eq(r->method, downtime_cases[_i].method);
    ck_assert(r->mip_complete == downtime_cases[_i].mip_complete);
    if (r->outcome == COSCHED_OUTCOME_OPTIMAL)
        ck_assert_double_eq_tol(r->bound, r->objective, 1e-6);
    assert_plan_checks(sc, plan);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- the exact DP against brute force on random tiny scenarios ---------------------------- */

static void *rt_calloc(size_t n, size_t size)
{
    void *p = cs_calloc(n, size);
    ck_assert_ptr_nonnull(p);
    return p;
}

static char *rt_id(char prefix, int i)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%c%d", prefix, i);
    char *d = cs_strdup(buf);
    ck_assert_ptr_nonnull(d);
    return d;
}

/* A random scenario of @p n orders on @p nl lines built without the loader: releases, due
 * dates, weights, eligibility, initial products, availability and downtime all vary, and
 * @p weights picks which objective terms count. Only whole orders, no extensions. */
static cosched_scenario *random_scenario(cs_rng *r, int n, int nl, int weights)
{
    cosched_scenario *sc = rt_calloc(1, sizeof *sc);
    sc->dir = cs_strdup("random");
    sc->set.weight_tardiness = (weights & 1) ? 1.0 + cs_rng_below(r, 3) : 0.0;
    sc->set.weight_changeover_minutes = (weights & 2) ? 1.0 : 0.0;
    sc->set.weight_changeover_cost = (weights & 2) ? 0.5 : 0.0;
    sc->set.weight_makespan = (weights & 4) ? 0.5 + cs_rng_below(r, 3) : 0.0;
    sc->set.weight_late_orders = (weights & 8) ? 30.0 + cs_rng_below(r, 60) : 0.0;
    sc->set.time_limit_s = 10.0;
    int np = 2 + cs_rng_below(r, 3);
    sc->n_products = np;
    sc->products = rt_calloc((size_t)np, sizeof *sc->products);
    for (int p = 0; p < np; p++) {
        sc->products[p].id = rt_id('P', p);
        sc->products[p].family = -1;
    }
    sc->n_lines = nl;
    sc->lines = rt_calloc((size_t)nl, sizeof *sc->lines);
    for (int k = 0; k < nl; k++) {
        cs_line *ln = &sc->lines[k];
        ln->id = rt_id('L', k);
        ln->available_at = cs_rng_below(r, 3) == 0 ? cs_rng_below(r, 40) : 0;
        ln->initial_product = cs_rng_below(r, np + 1) - 1;
        int nd = cs_rng_below(r, 3);
        ln->downtime = rt_calloc(2, sizeof *ln->downtime);
        int32_t t = 0;
        for (int w = 0; w < nd; w++) {
            int32_t a = t + 10 + cs_rng_below(r, 80);
            int32_t b = a + 5 + cs_rng_below(r, 60);
            ln->downtime[ln->n_downtime++] = (cs_window){a, b};
            t = b;
        }
    }
    sc->n_orders = n;
    sc->orders = rt_calloc((size_t)n, sizeof *sc->orders);
    sc->run_minutes = rt_calloc((size_t)n * nl, sizeof *sc->run_minutes);
    sc->units_per_hour = rt_calloc((size_t)np * nl, sizeof *sc->units_per_hour);
    sc->max_batch = rt_calloc((size_t)np * nl, sizeof *sc->max_batch);
    for (int o = 0; o < n; o++) {
        cs_order *od = &sc->orders[o];
        od->id = rt_id('O', o);
        od->product = cs_rng_below(r, np);
        od->quantity = 1.0;
        od->min_split = 1.0;
        od->release_at = cs_rng_below(r, 2) == 0 ? cs_rng_below(r, 120) : 0;
        od->due_at = 20 + cs_rng_below(r, 200);
        static const double wts[] = {0.0, 0.5, 1.0, 2.0, 3.0};
        od->weight = wts[cs_rng_below(r, 5)];
        sc->products[od->product].has_orders = true;
        int must = cs_rng_below(r, nl);
        for (int k = 0; k < nl; k++) {
            bool can = k == must || cs_rng_below(r, 4) != 0;
            sc->run_minutes[(size_t)o * nl + k] = can ? 5 + cs_rng_below(r, 56) : -1;
            if (can)
                sc->units_per_hour[(size_t)od->product * nl + k] = 60.0;
        }
    }
    size_t nco = (size_t)nl * np * np;
    sc->co_minutes = rt_calloc(nco, sizeof *sc->co_minutes);
    sc->co_cost = rt_calloc(nco, sizeof *sc->co_cost);
    for (int k = 0; k < nl; k++)
        for (int a = 0; a < np; a++)
            for (int b = 0; b < np; b++) {
                size_t at = ((size_t)k * np + a) * np + b;
                sc->co_minutes[at] = a == b ? 0 : cs_rng_below(r, 40);
                sc->co_cost[at] = a == b ? 0.0 : (double)cs_rng_below(r, 10);
            }
    return sc;
}

typedef struct {
    const cosched_scenario *sc;
    int *perm;
    bool *used;
    int *cut;            /* line boundaries in perm */
    cs_line_eval *ev;
    double best;
    double best_levels[3]; /* late orders, weighted tardiness, changeover minutes */
} brute_ctx;

/* Late orders, weighted tardiness, changeover minutes of a plan's line figures. */
static void levels_of(const cs_line_eval *ev, int n_lines, double *v)
{
    v[0] = v[1] = v[2] = 0.0;
    for (int k = 0; k < n_lines; k++) {
        v[0] += ev[k].late;
        v[1] += ev[k].weighted_tardiness;
        v[2] += (double)ev[k].changeover_minutes;
    }
}

static bool levels_below(const double *a, const double *b)
{
    for (int i = 0; i < 3; i++)
        if (fabs(a[i] - b[i]) > 1e-9)
            return a[i] < b[i];
    return false;
}

/* Every permutation of the orders, cut into consecutive line sequences every possible way:
 * all whole-order plans, evaluated line by line through the plan module. */
static void brute_cut(brute_ctx *b, int k, int from)
{
    const cosched_scenario *sc = b->sc;
    int n = sc->n_orders;
    int nl = sc->n_lines;
    int last = k == nl - 1;
    for (int to = last ? n : from; to <= n; to++) {
        bool ok = true;
        for (int i = from; i < to && ok; i++)
            ok = cs_run_minutes(sc, b->perm[i], k) >= 0;
        if (!ok)
            break; /* a longer stretch still holds the ineligible order */
        cs_line_evaluate(sc, k, b->perm + from, to - from, &b->ev[k]);
        if (last) {
            double v = cs_objective_of(sc, b->ev, nl);
            if (v < b->best)
                b->best = v;
            double lv[3];
            levels_of(b->ev, nl, lv);
            if (levels_below(lv, b->best_levels))
                memcpy(b->best_levels, lv, sizeof lv);
        } else {
            brute_cut(b, k + 1, to);
        }
    }
}

static void brute_perm(brute_ctx *b, int depth)
{
    int n = b->sc->n_orders;
    if (depth == n) {
        brute_cut(b, 0, 0);
        return;
    }
    for (int o = 0; o < n; o++) {
        if (b->used[o])
            continue;
        b->used[o] = true;
        b->perm[depth] = o;
        brute_perm(b, depth + 1);
        b->used[o] = false;
    }
}

static double brute_force_levels(const cosched_scenario *sc, double *levels)
{
    brute_ctx b = {.sc = sc, .best = HUGE_VAL, .best_levels = {HUGE_VAL, HUGE_VAL, HUGE_VAL}};
    b.perm = rt_calloc((size_t)sc->n_orders, sizeof *b.perm);
    b.used = rt_calloc((size_t)sc->n_orders, sizeof *b.used);
    b.ev = rt_calloc((size_t)sc->n_lines, sizeof *b.ev);
    brute_perm(&b, 0);
    free(b.perm);
    free(b.used);
    free(b.ev);
    if (levels != NULL)
        memcpy(levels, b.best_levels, sizeof b.best_levels);
    return b.best;
}

static double brute_force(const cosched_scenario *sc)
{
    return brute_force_levels(sc, NULL);
}

/* The exact DP with room enough to finish on the small random scenarios: it must. */
static void solve_exactly(const cosched_scenario *sc, cs_sol *s)
{
    ck_assert_int_eq(cs_sol_init(s, sc), COSCHED_OK);
    bool solved = false;
    cs_exact_params ep = {.deadline = cs_now() + 60.0, .max_work = 100000000L,
                          .max_labels = 2000000L};
    ck_assert_int_eq(cs_heur_exact_run(sc, &ep, s, &solved), COSCHED_OK);
    ck_assert(solved);
}

START_TEST(test_exact_matches_brute_force)
{
    /* Each loop index is one seed: objective mix, line count and data all follow from it. */
    cs_rng r;
    cs_rng_seed(&r, 1000u + (uint64_t)_i);
    static const int mixes[] = {1, 2, 4, 3, 5, 6, 7, 9, 10, 11};
    int weights = mixes[_i % 10];
    int nl = 2 + _i % 2;
    int n = 6;
    cosched_scenario *sc = random_scenario(&r, n, nl, weights);
    double want = brute_force(sc);
    ck_assert(want < HUGE_VAL);

    cs_sol s;
    solve_exactly(sc, &s);
    ck_assert(cs_sol_is_complete(sc, &s));
    assert_cached_objective(sc, &s, 1e-9);
    ck_assert_msg(fabs(s.objective - want) <= 1e-6 * fmax(1.0, fabs(want)),
                  "seed %d: DP %.6f, brute force %.6f", _i, s.objective, want);
    cs_sol_destroy(&s);

    /* The solver claims exactly that optimum, and its plan builds to the same objective. */
    cosched_plan *plan = solve_with(sc, 10.0, -1, 1);
    const cosched_result *res = cosched_plan_result(plan);
    ck_assert_int_eq(res->outcome, COSCHED_OUTCOME_OPTIMAL);
    ck_assert_double_eq_tol(res->objective, want, 1e-6 * fmax(1.0, fabs(want)));
    ck_assert_double_eq_tol(res->bound, want, 1e-6 * fmax(1.0, fabs(want)));
    ck_assert_double_eq_tol(plan->objective, want, 1e-6 * fmax(1.0, fabs(want)));
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_priorities_lexicographic)
{
    /* Levels late_orders > weighted_tardiness > changeover_minutes become weights; the exact
     * DP under them must find the lexicographic optimum that brute force finds among all
     * plans, level by level, whatever the cost and makespan weights say. */
    cs_rng r;
    cs_rng_seed(&r, 4242u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, 6, 2 + _i % 2, 7);
    char err[128];
    ck_assert(cs_priorities_parse("late_orders > weighted_tardiness > changeover_minutes",
                                  &sc->set, err, sizeof err));
    cs_priorities_apply(sc);
    double want[3];
    brute_force_levels(sc, want);
    cs_sol s;
    solve_exactly(sc, &s);
    double got[3];
    levels_of(s.ev, sc->n_lines, got);
    ck_assert_msg(!levels_below(want, got) && !levels_below(got, want),
                  "seed %d: DP levels %g/%g/%g, brute force %g/%g/%g", _i, got[0], got[1],
                  got[2], want[0], want[1], want[2]);
    cs_sol_destroy(&s);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_exact_gives_up_honestly)
{
    /* A work cap far too small must end the DP without a claim; the solver then falls back
     * to the search and keeps "feasible" unless a bound proves more. */
    cs_rng r;
    cs_rng_seed(&r, 77);
    cosched_scenario *sc = random_scenario(&r, 10, 3, 7);
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    bool solved = true;
    long work = 0;
    cs_exact_params ep = {.deadline = cs_now() + 60.0, .max_work = 1000, .max_labels = 2000000L,
                          .work_done = &work};
    ck_assert_int_eq(cs_heur_exact_run(sc, &ep, &s, &solved), COSCHED_OK);
    ck_assert(!solved);
    ck_assert_int_gt(work, 1000);
    /* With enough room the same scenario is solved, and a second run gives the same plan. */
    ep.max_work = 100000000L;
    ck_assert_int_eq(cs_heur_exact_run(sc, &ep, &s, &solved), COSCHED_OK);
    ck_assert(solved);
    cs_sol t;
    ck_assert_int_eq(cs_sol_init(&t, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_exact_run(sc, &ep, &t, &solved), COSCHED_OK);
    ck_assert(solved);
    assert_same_sols(sc, &s, &t);
    cs_sol_destroy(&t);
    cs_sol_destroy(&s);
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

static cosched_plan *solve_with_work(const cosched_scenario *sc, double time_limit,
                                     double work_limit)
{
    cosched_options opt;
    cosched_options_init(&opt);
    opt.time_limit_s = time_limit;
    opt.work_limit = work_limit;
    return solve_opts(sc, &opt);
}

/* The work limit, not the clock, ends the search: two runs take the same steps. A clock
 * that comes first is reported, and the plan is then not called repeatable. */
START_TEST(test_work_limit)
{
    cosched_scenario *sc = test_load("tests/data/solve_mid_down");
    cosched_plan *a = solve_with_work(sc, 120.0, 0.05);
    cosched_plan *b = solve_with_work(sc, 120.0, 0.05);
    const cosched_result *r = cosched_plan_result(a);
    ck_assert_int_eq(r->stopped_by, COSCHED_STOP_WORK_LIMIT);
    ck_assert(r->repeatable);
    ck_assert_double_eq(r->work_limit_units, 0.05);
    ck_assert(r->work_units >= 0.05 && r->work_units < 0.06);
    ck_assert_double_eq(r->work_units, cosched_plan_result(b)->work_units);
    assert_same_sequences(a, b);
    assert_plan_checks(sc, a);
    cosched_plan_free(a);
    cosched_plan_free(b);

    cosched_plan *c = solve_with_work(sc, 0.3, 1000.0);
    r = cosched_plan_result(c);
    ck_assert_int_eq(r->stopped_by, COSCHED_STOP_TIME_LIMIT);
    ck_assert(!r->repeatable);
    ck_assert(r->work_units < 1000.0);
    assert_plan_checks(sc, c);
    cosched_plan_free(c);

    /* Without a work limit of its own a run gets 0.6 units per second of its time limit. */
    cosched_plan *d = solve_with_work(sc, 0.5, -1.0);
    ck_assert_double_eq_tol(cosched_plan_result(d)->work_limit_units, 0.3, 1e-12);
    cosched_plan_free(d);
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
    ck_assert_int_eq(cosched_plan_result(plan)->stopped_by, COSCHED_STOP_INTERRUPTED);
    ck_assert(!cosched_plan_result(plan)->repeatable);
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
    ck_assert(o.work_limit < 0);
    ck_assert_int_eq(cosched_options_set(&o, "work_limit", "2.5"), COSCHED_OK);
    ck_assert_double_eq(o.work_limit, 2.5);
    static const char *const bad[][2] = {
        {"time_limit_s", "-1"}, {"time_limit_s", "abc"}, {"time_limit_s", "nan"},
        {"time_limit_s", ""},   {"mip_gap", "-0.1"},     {"mip_gap", "2"},
        {"seed", "1.5"},        {"seed", "-3"},          {"iteration_limit", "x"},
        {"work_limit", "-1"},   {"work_limit", "1e8"},
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
        assert_cached_objective(sc, &s, 1e-9);
    }
    cs_sol_destroy(&s);
    cosched_scenario_free(sc);
}
END_TEST

/* How the local search is run and judged by search_twice_from_edd(). */
typedef struct {
    long iterations;       /* the iteration limit */
    uint64_t seed;         /* of the search's generator, the same for both runs */
    bool count_iterations; /* each run must report exactly @c iterations */
    bool line_figures;     /* each line's cached figures must be the plan module's */
    double tol;            /* on cached against recomputed figures */
} search_spec;

/* The local search run twice from the EDD plan of @p sc with the same seed: each run keeps a
 * complete plan whose cached objective is the plan module's and is no worse than EDD's, the
 * first run improves on EDD, and both runs end with the same plan. */
static void search_twice_from_edd(const cosched_scenario *sc, const search_spec *spec)
{
    cs_sol a;
    cs_sol b;
    ck_assert_int_eq(cs_sol_init(&a, sc), COSCHED_OK);
    ck_assert_int_eq(cs_sol_init(&b, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &a), COSCHED_OK);
    double start = a.objective;
    cs_sol_copy(&b, &a);
    cs_ls_params lp = {.deadline = cs_now() + 60.0, .iteration_limit = spec->iterations};
    for (int run = 0; run < 2; run++) {
        cs_sol *s = run == 0 ? &a : &b;
        cs_rng g;
        cs_rng_seed(&g, spec->seed);
        long it = 0;
        ck_assert_int_eq(cs_heur_ls_run(sc, s, &g, &lp, spec->count_iterations ? &it : NULL),
                         COSCHED_OK);
        if (spec->count_iterations)
            ck_assert_int_eq(it, spec->iterations);
        ck_assert(cs_sol_is_complete(sc, s));
        for (int k = 0; spec->line_figures && k < sc->n_lines; k++) {
            cs_line_eval e;
            cs_line_evaluate(sc, k, cs_sol_line(s, k), s->len[k], &e);
            const cs_line_eval *c = &s->ev[k];
            ck_assert_double_eq_tol(c->weighted_tardiness, e.weighted_tardiness, spec->tol);
            ck_assert_int_eq(c->changeovers, e.changeovers);
            ck_assert_int_eq(c->changeover_minutes, e.changeover_minutes);
            ck_assert_double_eq_tol(c->changeover_cost, e.changeover_cost, spec->tol);
            ck_assert_int_eq(c->last_end_at, e.last_end_at);
            ck_assert_int_eq(c->moved, e.moved);
        }
        assert_cached_objective(sc, s, spec->tol);
        ck_assert(s->objective <= start);
    }
    ck_assert_msg(a.objective < start, "no improvement on EDD's %g", start);
    assert_same_sols(sc, &a, &b);
    cs_sol_destroy(&b);
    cs_sol_destroy(&a);
}

START_TEST(test_cmax_search)
{
    /* Makespan alone on 40 orders: _i == 0 without downtime or releases (finishes judged as
     * sums), _i == 1 with them (lines re-timed). The search must keep a complete plan whose
     * cached objective is the plan module's, never worse than its start, and repeat itself
     * for a seed and an iteration limit. */
    cs_rng r;
    cs_rng_seed(&r, 4242u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, 40, 4, 4);
    if (_i == 0) {
        for (int k = 0; k < sc->n_lines; k++) {
            sc->lines[k].n_downtime = 0;
            sc->lines[k].available_at = 0;
        }
        for (int o = 0; o < sc->n_orders; o++)
            sc->orders[o].release_at = 0;
    }
    ck_assert(cs_heur_cmax_applies(sc));
    search_twice_from_edd(sc, &(search_spec){.iterations = 30, .seed = 9,
                                             .count_iterations = true, .tol = 1e-9});
    cosched_scenario_free(sc);
}
END_TEST

/* Drop downtime and releases after the line's start: the single-line search then times
 * stretches as whole shifts (heur_line.c's shift mode) instead of walking the calendar. */
static void make_shift_mode(cosched_scenario *sc)
{
    for (int k = 0; k < sc->n_lines; k++)
        sc->lines[k].n_downtime = 0;
    for (int o = 0; o < sc->n_orders; o++)
        sc->orders[o].release_at = 0;
}

START_TEST(test_line_search_optimum)
{
    /* One line, 7 orders: the single-line search (heur_line.c) from the EDD plan reaches the
     * brute-force optimum for each objective mix, in shift mode (_i even) and with downtime
     * and releases (_i odd), and counts exactly the iterations it was given. */
    static const int mixes[] = {1, 3, 5, 7, 1, 3, 5, 7};
    cs_rng r;
    cs_rng_seed(&r, 9100u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, 7, 1, mixes[_i % 8]);
    if (_i % 2 == 0)
        make_shift_mode(sc);
    ck_assert(cs_heur_line_applies(sc));
    double want = brute_force(sc);
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &s), COSCHED_OK);
    cs_rng g;
    cs_rng_seed(&g, 3);
    cs_ls_params lp = {.deadline = cs_now() + 60.0, .iteration_limit = 200};
    long it = 0;
    ck_assert_int_eq(cs_heur_ls_run(sc, &s, &g, &lp, &it), COSCHED_OK);
    ck_assert_int_eq(it, 200);
    ck_assert(cs_sol_is_complete(sc, &s));
    assert_cached_objective(sc, &s, 1e-9);
    ck_assert_msg(fabs(s.objective - want) <= 1e-6 * fmax(1.0, fabs(want)),
                  "seed %d: line search %.6f, brute force %.6f", _i, s.objective, want);
    cs_sol_destroy(&s);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_line_search_figures)
{
    /* One line, 60 orders (weighted tardiness, then every term with re-planning stability):
     * the single-line search keeps a complete plan whose line figures are the plan module's,
     * improves on EDD and repeats itself for a seed and an iteration limit, in shift mode
     * (_i < 2) and walking the calendar. */
    static const int mixes[] = {1, 7};
    cs_rng r;
    cs_rng_seed(&r, 5150u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, 60, 1, mixes[_i % 2]);
    if (_i < 2)
        make_shift_mode(sc);
    int *prev_line = NULL;
    if (_i % 2 == 1) {
        prev_line = rt_calloc((size_t)sc->n_orders, sizeof *prev_line);
        for (int o = 0; o < sc->n_orders; o++)
            prev_line[o] = cs_rng_below(&r, 2) - 1;
        sc->prev_line = prev_line;
        sc->set.weight_stability = 7.0;
    }
    ck_assert(cs_heur_line_applies(sc));
    search_twice_from_edd(sc, &(search_spec){.iterations = 20, .seed = 4,
                                             .count_iterations = true, .line_figures = true,
                                             .tol = 1e-6});
    sc->prev_line = NULL;
    free(prev_line);
    cosched_scenario_free(sc);
}
END_TEST

static int order_of(const cosched_scenario *sc, const char *id)
{
    for (int o = 0; o < sc->n_orders; o++)
        if (strcmp(sc->orders[o].id, id) == 0)
            return o;
    return -1;
}

/* tests/data/ls_pair (README): from A1 B1 B2 on L1 and B3 on L2, no single relocation,
 * swap or reversal lowers the 100 changeover minutes; moving the run B1 B2 to L2 reaches
 * the optimum 0. One descent (no iterations) must find it. */
START_TEST(test_ls_moves_runs)
{
    cosched_scenario *sc = test_load("tests/data/ls_pair");
    int a1 = order_of(sc, "A1"), b1 = order_of(sc, "B1");
    int b2 = order_of(sc, "B2"), b3 = order_of(sc, "B3");
    ck_assert(a1 >= 0 && b1 >= 0 && b2 >= 0 && b3 >= 0);
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    int *l1 = cs_sol_line(&s, 0);
    l1[0] = a1;
    l1[1] = b1;
    l1[2] = b2;
    s.len[0] = 3;
    cs_sol_line(&s, 1)[0] = b3;
    s.len[1] = 1;
    cs_sol_eval(sc, &s);
    ck_assert_double_eq(s.objective, 100.0);
    cs_rng g;
    cs_rng_seed(&g, 1);
    cs_ls_params lp = {.deadline = cs_now() + 60.0, .iteration_limit = 0};
    ck_assert_int_eq(cs_heur_ls_run(sc, &s, &g, &lp, NULL), COSCHED_OK);
    ck_assert_double_eq(s.objective, 0.0);
    ck_assert_int_eq(s.len[0], 1);
    ck_assert_int_eq(cs_sol_line(&s, 0)[0], a1);
    ck_assert_int_eq(s.len[1], 3);
    assert_cached_objective(sc, &s, 1e-9);
    cs_sol_destroy(&s);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_ls_cached_figures)
{
    /* The local search times lines from a changed position on (prefix states, early stop
     * when the old timing is met again, cut-offs), restricting its moves above 300 orders.
     * Whatever it caches must be exactly what the plan module computes for the same
     * sequences, with downtime, releases and re-planning stability (moved orders) too. */
    static const int sizes[][4] = {
        /* orders, lines, weights, previous lines */
        {40, 4, 3, 0},
        {40, 3, 7, 1},
        {310, 6, 3, 0},
        {310, 5, 1, 1},
        {40, 4, 11, 0},  /* with a price per late order */
        {310, 6, 9, 1},
    };
    const int *z = sizes[_i];
    cs_rng r;
    cs_rng_seed(&r, 777u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, z[0], z[1], z[2]);
    int *prev_line = NULL;
    if (z[3]) {
        prev_line = rt_calloc((size_t)sc->n_orders, sizeof *prev_line);
        for (int o = 0; o < sc->n_orders; o++)
            prev_line[o] = cs_rng_below(&r, sc->n_lines + 1) - 1;
        sc->prev_line = prev_line;
        sc->set.weight_stability = 7.0;
    }
    ck_assert(!cs_heur_cmax_applies(sc));
    search_twice_from_edd(sc, &(search_spec){.iterations = 3, .seed = 5, .line_figures = true,
                                             .tol = 1e-6});
    sc->prev_line = NULL;
    free(prev_line);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- the shared timing step and least changeover (model/timing.h) ------------------------ */

/* The timing rule minute by minute, as plan.h states it, for the test below. */
static bool naive_down(const cs_line *ln, int32_t t)
{
    for (int w = 0; w < ln->n_downtime; w++)
        if (ln->downtime[w].start_at <= t && t < ln->downtime[w].end_at)
            return true;
    return false;
}

static int32_t naive_block(const cs_line *ln, int32_t t, int32_t minutes)
{
    while (naive_down(ln, t))
        t++;
    for (; minutes > 0; t++)
        if (!naive_down(ln, t))
            minutes--;
    return t;
}

START_TEST(test_timing_step_matches_plan)
{
    /* Random whole-order plans with releases and downtime: walking each line with
     * cs_timing_step gives every order the end that a minute-by-minute walk of the rule
     * gives it, and so does the built plan. */
    cs_rng r;
    cs_rng_seed(&r, 8080u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, 14, 3, 7);
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    for (int o = 0; o < sc->n_orders; o++) {
        int k;
        do
            k = cs_rng_below(&r, sc->n_lines);
        while (cs_run_minutes(sc, o, k) < 0);
        ck_assert_int_eq(cs_plan_append(p, k, o, sc->orders[o].quantity), COSCHED_OK);
    }
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    int steps = 0;
    for (int k = 0; k < sc->n_lines; k++) {
        ck_assert(cs_scenario_line_is_stepwise(sc, k));
        int32_t t = sc->lines[k].available_at;
        int prod = sc->lines[k].initial_product;
        for (int i = 0; i < p->seq[k].n; i++) {
            int o = p->seq[k].jobs[i].order;
            const cs_order *od = &sc->orders[o];
            const cs_line *ln = &sc->lines[k];
            int32_t co = cs_co_minutes(sc, k, prod, od->product);
            int32_t run = cs_run_minutes(sc, o, k);
            int32_t naive = co > 0 ? naive_block(ln, t, co) : t;
            naive = naive_block(ln, naive > od->release_at ? naive : od->release_at, run);
            t = cs_timing_step(ln, t, co, od->release_at, run);
            ck_assert_int_eq(t, naive);
            ck_assert_int_eq(t, p->orders[o].end_at);
            prod = od->product;
            steps++;
        }
        /* A sanitation interval puts cleanings between the steps. */
        sc->lines[k].max_run_minutes = 30;
        ck_assert(!cs_scenario_line_is_stepwise(sc, k));
        sc->lines[k].max_run_minutes = 0;
    }
    ck_assert_int_eq(steps, sc->n_orders);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

static bool any_other(const void *ud, int q)
{
    return q != *(const int *)ud;
}

static bool none(const void *ud, int q)
{
    (void)ud;
    (void)q;
    return false;
}

START_TEST(test_least_changeover_into)
{
    cs_rng r;
    cs_rng_seed(&r, 31u + (uint64_t)_i);
    cosched_scenario *sc = random_scenario(&r, 6, 2, 3);
    for (int k = 0; k < sc->n_lines; k++) {
        int init = sc->lines[k].initial_product;
        for (int p = 0; p < sc->n_products; p++) {
            /* Minutes, and minutes plus half the cost, from another product or the start. */
            int32_t least = cs_co_minutes(sc, k, init, p);
            double least_w = cs_co_minutes(sc, k, init, p) + 0.5 * cs_co_cost(sc, k, init, p);
            for (int q = 0; q < sc->n_products; q++) {
                if (q == p)
                    continue;
                if (cs_co_minutes(sc, k, q, p) < least)
                    least = cs_co_minutes(sc, k, q, p);
                least_w = fmin(least_w, cs_co_minutes(sc, k, q, p) + 0.5 * cs_co_cost(sc, k, q, p));
            }
            ck_assert_int_eq((int32_t)cs_least_changeover_into(sc, k, p, true, any_other, &p,
                                                               1.0, 0.0),
                             least);
            ck_assert_double_eq_tol(cs_least_changeover_into(sc, k, p, true, any_other, &p, 1.0,
                                                             0.5),
                                    least_w, 1e-9);
            /* Nothing before it: the start alone, or nothing at all. */
            ck_assert_int_eq((int32_t)cs_least_changeover_into(sc, k, p, true, none, NULL, 1.0,
                                                               0.0),
                             cs_co_minutes(sc, k, init, p));
            ck_assert_double_eq(cs_least_changeover_into(sc, k, p, false, none, NULL, 1.0, 0.0),
                                -1.0);
        }
    }
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
    tcase_add_loop_test(tc, test_timing_step_matches_plan, 0, 8);
    tcase_add_loop_test(tc, test_least_changeover_into, 0, 4);
    tcase_add_loop_test(tc, test_downtime_claims, 0, TEST_COUNT(downtime_cases));
    tcase_add_loop_test(tc, test_exact_matches_brute_force, 0, 30);
    tcase_add_loop_test(tc, test_priorities_lexicographic, 0, 12);
    tcase_add_test(tc, test_exact_gives_up_honestly);
    tcase_add_loop_test(tc, test_cmax_search, 0, 2);
    tcase_add_loop_test(tc, test_ls_cached_figures, 0, 6);
    tcase_add_loop_test(tc, test_line_search_optimum, 0, 16);
    tcase_add_loop_test(tc, test_line_search_figures, 0, 4);
    tcase_add_test(tc, test_ls_moves_runs);
    tcase_add_loop_test(tc, test_not_worse_than_edd, 0, n_cases);
    tcase_add_test(tc, test_local_search_improves_mid);
    tcase_add_loop_test(tc, test_repeatable, 0, 2);
    tcase_add_test(tc, test_should_stop);
    tcase_add_test(tc, test_work_limit);
    tcase_add_test(tc, test_progress_log);
    tcase_add_test(tc, test_options);
    tcase_add_loop_test(tc, test_heuristics_complete, 0, n_cases);
    suite_add_tcase(s, tc);
    return s;
}
