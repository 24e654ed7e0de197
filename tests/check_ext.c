/* check_ext.c -- the "ext" suite: the contract's extensions (sanitation intervals, cleaning
 * crews, max_batch, split orders). Each case in tests/data/ext_<rule>/ is worked out by hand
 * in its README.md; it is planned through cosched_solve, written, and must pass the
 * independent checker, and its blocks and KPIs are compared with the hand figures. Corrupted
 * copies of the plans must fail the new checks. */
#include "base/base.h"
#include "heur/heur.h"
#include "model/scenario.h"
#include "plan/plan.h"
#include "test_util.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------ */

static cosched_plan *solve_with(const cosched_scenario *sc, double time_limit, long iterations)
{
    cosched_options opt;
    cosched_options_init(&opt);
    opt.time_limit_s = time_limit;
    opt.iteration_limit = iterations;
    opt.seed = 1;
    cosched_plan *plan = NULL;
    ck_assert_int_eq(cosched_solve(sc, &opt, &plan), COSCHED_OK);
    ck_assert_ptr_nonnull(plan);
    return plan;
}

static cosched_plan *solve_short(const cosched_scenario *sc)
{
    return solve_with(sc, 5.0, 2000);
}

/* Runs the checker; true when it reports an error on DIR/NAME:LINE containing @p text. */
static bool check_reports(const cosched_scenario *sc, const char *dir, const char *name,
                          long line, const char *text)
{
    cosched_diags *d = cosched_diags_create(100);
    int nv = -1;
    ck_assert_int_eq(cosched_plan_check(sc, dir, d, &nv), COSCHED_OK);
    ck_assert_int_gt(nv, 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    bool found = false;
    for (int i = 0; i < cosched_diags_count(d) && !found; i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        found = g->severity == COSCHED_SEV_ERROR && strcmp(g->file, path) == 0 &&
                g->line == line && strstr(g->message, text) != NULL;
    }
    if (!found)
        cosched_diags_print(d, stderr);
    cosched_diags_free(d);
    return found;
}

/* One block as the plan must hold it: @p order_id NULL for none; [start, end) in minutes,
 * @p minutes of them working. */
typedef struct {
    cs_block_kind kind;
    const char *line_id, *order_id;
    double qty;
    int32_t start, end, minutes;
} want_block;

static void assert_block(const cosched_scenario *sc, const cosched_plan *p, int i,
                         const want_block *w)
{
    ck_assert_int_lt(i, p->n_blocks);
    const cs_block *b = &p->blocks[i];
    ck_assert_msg(b->kind == w->kind, "block %d: kind %d, expected %d", i, (int)b->kind,
                  (int)w->kind);
    ck_assert_str_eq(sc->lines[b->line].id, w->line_id);
    if (w->order_id == NULL)
        ck_assert_int_eq(b->order, -1);
    else
        ck_assert_str_eq(sc->orders[b->order].id, w->order_id);
    ck_assert_double_eq_tol(b->quantity, w->qty, 1e-9);
    ck_assert_int_eq(b->start_at, w->start);
    ck_assert_int_eq(b->end_at, w->end);
    ck_assert_int_eq(b->minutes, w->minutes);
}

/* The blocks of @p p are exactly @p want, in order. */
static void assert_blocks(const cosched_scenario *sc, const cosched_plan *p,
                          const want_block *want, int n)
{
    ck_assert_int_eq(p->n_blocks, n);
    for (int i = 0; i < n; i++)
        assert_block(sc, p, i, &want[i]);
}

static int find(const cosched_scenario *sc, const char *kind, const char *id)
{
    int i = strcmp(kind, "line") == 0      ? cs_scenario_find_line(sc, id)
            : strcmp(kind, "order") == 0   ? cs_scenario_find_order(sc, id)
                                           : cs_scenario_find_product(sc, id);
    ck_assert_int_ge(i, 0);
    return i;
}

/* ---- sanitation interval (tests/data/ext_cleaning/README.md) ------------------------------ */

START_TEST(test_cleaning_divides_runs)
{
    cosched_scenario *sc = test_load("tests/data/ext_cleaning");
    cosched_plan *p = solve_short(sc);
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, "F1", "A", 120, 0, 120, 120 },
        { CS_BLOCK_CLEANING, "F1", NULL, 0, 120, 150, 30 },
        { CS_BLOCK_PRODUCTION, "F1", "A", 120, 150, 270, 120 },
        /* The count is exactly at the limit, but a changeover comes anyway: no cleaning. */
        { CS_BLOCK_CHANGEOVER, "F1", NULL, 0, 270, 290, 20 },
        { CS_BLOCK_PRODUCTION, "F1", "B", 120, 290, 410, 120 },
        { CS_BLOCK_CLEANING, "F1", NULL, 0, 410, 440, 30 },
        { CS_BLOCK_PRODUCTION, "F1", "B", 30, 440, 470, 30 },
    };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    ck_assert_double_eq_tol(p->blocks[1].cost, 50.0, 1e-9);
    ck_assert_int_eq(p->blocks[1].product, find(sc, "product", "P"));
    ck_assert_int_eq(p->blocks[1].from_product, find(sc, "product", "P"));
    ck_assert_int_eq(p->blocks[5].product, find(sc, "product", "Q"));

    const cosched_kpis *k = cosched_plan_kpis(p);
    ck_assert_int_eq(k->cleanings, 2);
    ck_assert_int_eq(k->cleaning_minutes, 60);
    ck_assert_double_eq_tol(k->cleaning_cost, 100.0, 1e-9);
    ck_assert_int_eq(k->changeovers, 1);
    ck_assert_int_eq(k->changeover_minutes, 20);
    ck_assert_int_eq(k->makespan_minutes, 470);
    ck_assert_int_eq(k->late_orders, 0);
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 135.0, 1e-9);
    int a = find(sc, "order", "A");
    ck_assert_int_eq(p->orders[a].start_at, 0);
    ck_assert_int_eq(p->orders[a].end_at, 270);

    /* The search's per-line figure is the same as the built plan's (crews unlimited). */
    int seq[2] = { a, find(sc, "order", "B") };
    cs_line_eval ev;
    cs_line_evaluate(sc, 0, seq, 2, &ev);
    ck_assert_int_eq(ev.cleanings, 2);
    ck_assert_int_eq(ev.cleaning_minutes, 60);
    ck_assert_double_eq_tol(ev.cleaning_cost, 100.0, 1e-9);
    ck_assert_int_eq(ev.last_end_at, 470);
    ck_assert_double_eq_tol(cs_objective_of(sc, &ev, 1), 135.0, 1e-9);

    char *dir = test_write_checked(sc, p);
    char *csv = test_read_file(dir, "plan.csv");
    ck_assert_ptr_nonnull(strstr(csv, "F1,2,cleaning,,P,P,0,2027-03-01T08:00,2027-03-01T08:30,"
                                      "30,50\n"));
    free(csv);
    char *sum = test_read_file(dir, "summary.json");
    ck_assert_ptr_nonnull(strstr(sum, "\"cleanings\": 2"));
    ck_assert_ptr_nonnull(strstr(sum, "\"cleaning_minutes\": 60"));
    free(sum);

    /* Without the first cleaning, A runs 240 minutes in one stretch. */
    test_replace_in_file(dir, "plan.csv",
            "F1,2,cleaning,,P,P,0,2027-03-01T08:00,2027-03-01T08:30,30,50\n"
            "F1,3,production,A,P,,120,2027-03-01T08:30,2027-03-01T10:30,120,0\n",
            "F1,2,production,A,P,,120,2027-03-01T08:30,2027-03-01T10:30,120,0\n");
    ck_assert(check_reports(sc, dir, "plan.csv", 3, "240 minutes of production without"));
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_cleaning_wrong_minutes_fail)
{
    cosched_scenario *sc = test_load("tests/data/ext_cleaning");
    cosched_plan *p = solve_short(sc);
    char *dir = test_write_checked(sc, p);
    test_replace_in_file(dir, "plan.csv", "2027-03-01T08:00,2027-03-01T08:30,30,50",
            "2027-03-01T08:00,2027-03-01T08:20,20,40");
    ck_assert(check_reports(sc, dir, "plan.csv", 3, "cleaning takes 20 minutes"));
    ck_assert(check_reports(sc, dir, "plan.csv", 3, "cleaning cost is 40"));
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- max_batch (tests/data/ext_batch/README.md) ------------------------------------------- */

START_TEST(test_batches)
{
    cosched_scenario *sc = test_load("tests/data/ext_batch");
    int m1 = find(sc, "line", "M1");
    int ox = find(sc, "order", "X");
    double largest = 0;
    ck_assert_int_eq(cs_plan_batches(sc, ox, m1, 250, &largest), 3);
    ck_assert_double_eq_tol(largest, 84, 1e-9);
    ck_assert_int_eq(cs_plan_batches(sc, ox, m1, 100, &largest), 1);
    ck_assert_int_eq(cs_plan_batches(sc, ox, m1, 201, &largest), 3);
    ck_assert_double_eq_tol(largest, 67, 1e-9);

    cosched_plan *p = solve_short(sc);
    /* Balanced batches, back to back, no changeover between them. */
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, "M1", "X", 84, 0, 84, 84 },
        { CS_BLOCK_PRODUCTION, "M1", "X", 83, 84, 167, 83 },
        { CS_BLOCK_PRODUCTION, "M1", "X", 83, 167, 250, 83 },
        { CS_BLOCK_PRODUCTION, "M1", "Y", 50, 250, 300, 50 },
    };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    const cosched_kpis *k = cosched_plan_kpis(p);
    ck_assert_int_eq(k->changeovers, 0);
    ck_assert_int_eq(k->late_orders, 0);
    ck_assert_int_eq(k->makespan_minutes, 300);
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 0.0, 1e-9);
    int x = find(sc, "order", "X");
    ck_assert_int_eq(p->orders[x].start_at, 0);
    ck_assert_int_eq(p->orders[x].end_at, 250);

    char *dir = test_write_checked(sc, p);
    char *sched = test_read_file(dir, "order_schedule.csv");
    ck_assert_ptr_nonnull(strstr(sched, "X,M1,2027-03-01T06:00,2027-03-01T10:10,"));
    free(sched);
    /* One block over max_batch fails. */
    test_replace_in_file(dir, "plan.csv",
            "M1,1,production,X,P,,84,2027-03-01T06:00,2027-03-01T07:24,84,0\n"
            "M1,2,production,X,P,,83,2027-03-01T07:24,2027-03-01T08:47,83,0\n",
            "M1,1,production,X,P,,167,2027-03-01T06:00,2027-03-01T08:47,167,0\n"
            "M1,2,production,X,P,,0.5,2027-03-01T08:47,2027-03-01T08:47,0,0\n");
    ck_assert(check_reports(sc, dir, "plan.csv", 2, "exceeds max_batch 100"));
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- cleaning crews (tests/data/ext_crews/README.md) -------------------------------------- */

START_TEST(test_crews_wait)
{
    cosched_scenario *sc = test_load("tests/data/ext_crews");
    cosched_plan *p = solve_short(sc);
    static const want_block want[] = {
        /* L1's changeover pauses over its 10-minute stop and holds the one crew until 40. */
        { CS_BLOCK_CHANGEOVER, "L1", NULL, 0, 0, 40, 30 },
        { CS_BLOCK_PRODUCTION, "L1", "OB", 60, 40, 100, 60 },
        { CS_BLOCK_CHANGEOVER, "L2", NULL, 0, 40, 70, 30 },
        { CS_BLOCK_PRODUCTION, "L2", "OC", 60, 70, 130, 60 },
        { CS_BLOCK_CHANGEOVER, "L3", NULL, 0, 70, 100, 30 },
        { CS_BLOCK_PRODUCTION, "L3", "OD", 60, 100, 160, 60 },
    };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    const cosched_kpis *k = cosched_plan_kpis(p);
    ck_assert_double_eq_tol(k->weighted_tardiness_minutes, 120.0, 1e-9);
    ck_assert_int_eq(k->late_orders, 3);
    ck_assert_int_eq(k->changeover_minutes, 90);
    ck_assert_int_eq(k->makespan_minutes, 160);
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 210.0, 1e-9);

    /* The per-line evaluation ignores crew waits: optimistic for L2 (ends 90, not 130). */
    int oc = find(sc, "order", "OC");
    cs_line_eval ev;
    cs_line_evaluate(sc, find(sc, "line", "L2"), &oc, 1, &ev);
    ck_assert_int_eq(ev.last_end_at, 90);
    ck_assert_double_eq_tol(ev.weighted_tardiness, 0.0, 1e-9);

    char *dir = test_write_checked(sc, p);
    /* L2's changeover moved to 06:30 overlaps L1's, which runs until 06:40. */
    test_replace_in_file(dir, "plan.csv",
            "L2,1,changeover,,C,A,0,2027-03-01T06:40,2027-03-01T07:10",
            "L2,1,changeover,,C,A,0,2027-03-01T06:30,2027-03-01T07:00");
    ck_assert(check_reports(sc, dir, "plan.csv", 4, "cleaning_crews is 1"));
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* The same sequences with two crews, and with unlimited crews, built directly. */
START_TEST(test_crews_two_and_unlimited)
{
    cosched_scenario *sc = test_load("tests/data/ext_crews");
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    const char *orders[] = { "OB", "OC", "OD" };
    for (int l = 0; l < 3; l++) {
        int o = find(sc, "order", orders[l]);
        ck_assert_int_eq(cs_plan_append(p, l, o, sc->orders[o].quantity), COSCHED_OK);
    }
    sc->set.cleaning_crews = 2;
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    /* L1 [0,40) and L2 [0,30) take both crews; L3 waits for L2's to end at 30. */
    static const want_block two[] = {
        { CS_BLOCK_CHANGEOVER, "L1", NULL, 0, 0, 40, 30 },
        { CS_BLOCK_PRODUCTION, "L1", "OB", 60, 40, 100, 60 },
        { CS_BLOCK_CHANGEOVER, "L2", NULL, 0, 0, 30, 30 },
        { CS_BLOCK_PRODUCTION, "L2", "OC", 60, 30, 90, 60 },
        { CS_BLOCK_CHANGEOVER, "L3", NULL, 0, 30, 60, 30 },
        { CS_BLOCK_PRODUCTION, "L3", "OD", 60, 60, 120, 60 },
    };
    assert_blocks(sc, p, two, TEST_COUNT(two));
    /* Tardiness 10 (OB) + 0 (OC) + 30 (OD); changeovers 90. */
    ck_assert_double_eq_tol(p->objective, 130.0, 1e-9);
    p->result.outcome = COSCHED_OUTCOME_FEASIBLE;
    test_remove_dir(test_write_checked(sc, p));

    sc->set.cleaning_crews = 0;
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    assert_block(sc, p, 4, &(want_block){ CS_BLOCK_CHANGEOVER, "L3", NULL, 0, 0, 30, 30 });
    /* With unlimited crews the per-line figures are exact. */
    cs_line_eval ev[3];
    for (int l = 0; l < 3; l++) {
        int o = find(sc, "order", orders[l]);
        cs_line_evaluate(sc, l, &o, 1, &ev[l]);
    }
    ck_assert_double_eq_tol(cs_objective_of(sc, ev, 3), p->objective, 1e-9);
    ck_assert_double_eq_tol(p->objective, 100.0, 1e-9);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- split orders (tests/data/ext_split/README.md) ---------------------------------------- */

START_TEST(test_split_min_split_at_cleaning)
{
    cosched_scenario *sc = test_load("tests/data/ext_split");
    cosched_plan *p = solve_short(sc);
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, "S1", "W", 100, 0, 100, 100 },
        /* One interval holds 120 units, so Z (150) becomes two batches of 75. 20 minutes are
         * left after W, but 20 units are below min_split 50: clean first. */
        { CS_BLOCK_CLEANING, "S1", NULL, 0, 100, 115, 15 },
        { CS_BLOCK_PRODUCTION, "S1", "Z", 75, 115, 190, 75 },
        /* 45 minutes left: cutting 45 would leave 30 < 50, 25 is below 50 too: clean first. */
        { CS_BLOCK_CLEANING, "S1", NULL, 0, 190, 205, 15 },
        { CS_BLOCK_PRODUCTION, "S1", "Z", 75, 205, 280, 75 },
    };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    int z = find(sc, "order", "Z");
    double largest = 0;
    ck_assert_int_eq(cs_plan_batches(sc, z, find(sc, "line", "S1"), 150, &largest), 2);
    ck_assert_double_eq_tol(largest, 75, 1e-9);
    ck_assert_int_eq(cs_plan_batches(sc, z, find(sc, "line", "S2"), 150, &largest), 1);
    ck_assert_int_eq(cosched_plan_kpis(p)->cleanings, 2);
    ck_assert_int_eq(cosched_plan_kpis(p)->cleaning_minutes, 30);
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 30.0, 1e-9);
    test_remove_dir(test_write_checked(sc, p));
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* A split order in jobs on two lines: completion, start and the line list. */
START_TEST(test_split_over_two_lines)
{
    cosched_scenario *sc = test_load("tests/data/ext_split");
    int s1 = find(sc, "line", "S1");
    int s2 = find(sc, "line", "S2");
    int w = find(sc, "order", "W");
    int z = find(sc, "order", "Z");
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_plan_append(p, s1, w, 100), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, s1, z, 100), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, s2, z, 50), COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, "S1", "W", 100, 0, 100, 100 },
        { CS_BLOCK_CLEANING, "S1", NULL, 0, 100, 115, 15 },
        { CS_BLOCK_PRODUCTION, "S1", "Z", 100, 115, 215, 100 },
        { CS_BLOCK_PRODUCTION, "S2", "Z", 50, 1440, 1490, 50 },
    };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    ck_assert_int_eq(p->orders[z].start_at, 115);
    ck_assert_int_eq(p->orders[z].end_at, 1490);
    ck_assert_int_eq(p->orders[z].tardiness, 1130);
    ck_assert_double_eq_tol(p->objective, 1130.0 + 15.0, 1e-9);

    cs_job jobs[2] = { { w, 100 }, { z, 100 } };
    cs_line_eval ev;
    cs_line_evaluate_jobs(sc, s1, jobs, 2, &ev);
    ck_assert_int_eq(ev.cleanings, 1);
    ck_assert_int_eq(ev.last_end_at, 215);

    p->result.outcome = COSCHED_OUTCOME_FEASIBLE;
    char *dir = test_write_checked(sc, p);
    char *sched = test_read_file(dir, "order_schedule.csv");
    ck_assert_ptr_nonnull(strstr(sched, "Z,S1|S2,2027-03-01T07:55,2027-03-02T06:50,"
                                        "2027-03-01T12:00,1130"));
    free(sched);
    /* A block of a split order below min_split fails. */
    test_replace_in_file(dir, "plan.csv",
            "S1,3,production,Z,P,,100,2027-03-01T07:55,2027-03-01T09:35,100",
            "S1,3,production,Z,P,,40,2027-03-01T07:55,2027-03-01T08:35,40");
    ck_assert(check_reports(sc, dir, "plan.csv", 4, "below min_split 50"));
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* An order that may not be split, divided by a cleaning where the limit is not reached. */
START_TEST(test_needless_division_fails)
{
    cosched_scenario *sc = test_load("tests/data/ext_split");
    cosched_plan *p = solve_short(sc);
    char *dir = test_write_checked(sc, p);
    test_replace_in_file(dir, "plan.csv",
            "S1,1,production,W,P,,100,2027-03-01T06:00,2027-03-01T07:40,100,0\n"
            "S1,2,cleaning,,P,P,0,2027-03-01T07:40,2027-03-01T07:55,15,0\n"
            "S1,3,production,Z,P,,75,2027-03-01T07:55,2027-03-01T09:10,75,0\n"
            "S1,4,cleaning,,P,P,0,2027-03-01T09:10,2027-03-01T09:25,15,0\n"
            "S1,5,production,Z,P,,75,2027-03-01T09:25,2027-03-01T10:40,75,0\n",
            "S1,1,production,W,P,,40,2027-03-01T06:00,2027-03-01T06:40,40,0\n"
            "S1,2,cleaning,,P,P,0,2027-03-01T06:40,2027-03-01T06:55,15,0\n"
            "S1,3,production,W,P,,60,2027-03-01T06:55,2027-03-01T07:55,60,0\n"
            "S1,4,cleaning,,P,P,0,2027-03-01T07:55,2027-03-01T08:10,15,0\n"
            "S1,5,production,Z,P,,75,2027-03-01T08:10,2027-03-01T09:25,75,0\n"
            "S1,6,cleaning,,P,P,0,2027-03-01T09:25,2027-03-01T09:40,15,0\n"
            "S1,7,production,Z,P,,75,2027-03-01T09:40,2027-03-01T10:55,75,0\n");
    ck_assert(check_reports(sc, dir, "plan.csv", 4, "although the line's limit"));
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- the solver exploits splits (tests/data/ext_split_lines/README.md) ------------------ */

START_TEST(test_split_over_lines_found)
{
    cosched_scenario *sc = test_load("tests/data/ext_split_lines");
    /* Whole orders only: S on L1 is the best, 80 late with makespan 200. */
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &s), COSCHED_OK);
    ck_assert_double_eq_tol(s.objective, 280.0, 1e-9);
    cs_sol_destroy(&s);

    cosched_plan *p = solve_short(sc);
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 130.0, 1e-9);
    ck_assert_str_eq(cosched_plan_result(p)->method, "split");
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, "L1", "S", 110, 0, 110, 110 },
        { CS_BLOCK_CHANGEOVER, "L2", NULL, 0, 0, 20, 20 },
        { CS_BLOCK_PRODUCTION, "L2", "S", 90, 20, 110, 90 },
    };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    const cosched_kpis *k = cosched_plan_kpis(p);
    ck_assert_int_eq(k->late_orders, 0);
    ck_assert_int_eq(k->makespan_minutes, 110);
    char *dir = test_write_checked(sc, p);
    char *sched = test_read_file(dir, "order_schedule.csv");
    ck_assert_ptr_nonnull(strstr(sched, "S,L1|L2,2027-03-01T06:00,2027-03-01T07:50,"));
    free(sched);
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- min_split above what an interval holds (tests/data/ext_min_split/README.md) -------- */

START_TEST(test_min_split_line_avoided)
{
    cosched_scenario *sc = test_load("tests/data/ext_min_split");
    int m1 = find(sc, "line", "M1");
    int m2 = find(sc, "line", "M2");
    int z = find(sc, "order", "Z");
    ck_assert(!cs_sol_part_fits(sc, z, m1, 150)); /* 50 + 50 + 50 */
    ck_assert(!cs_sol_part_fits(sc, z, m1, 60));  /* one interval, but below 80 */
    ck_assert(!cs_sol_part_fits(sc, z, m1, 90));  /* 45 + 45 */
    ck_assert(cs_sol_part_fits(sc, z, m2, 150));
    ck_assert(cs_sol_part_fits(sc, z, m2, 80));
    ck_assert(!cs_sol_part_fits(sc, z, m2, 70));

    /* M1 would end Z first (170 against 300), yet no constructor puts it there. */
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &s), COSCHED_OK);
    ck_assert_int_eq(s.len[m1], 0);
    ck_assert_int_eq(s.len[m2], 1);
    for (int regret = 0; regret < 2; regret++) {
        ck_assert_int_eq(cs_heur_insert_run(sc, &s, regret == 1), COSCHED_OK);
        ck_assert_int_eq(s.len[m1], 0);
        ck_assert_int_eq(s.len[m2], 1);
    }
    cs_sol_destroy(&s);

    /* The search sees M1 as better (on time); the plan still keeps Z off it. */
    cosched_plan *p = solve_short(sc);
    static const want_block want[] = { { CS_BLOCK_PRODUCTION, "M2", "Z", 150, 0, 300, 300 } };
    assert_blocks(sc, p, want, TEST_COUNT(want));
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 100.0, 1e-9);
    test_remove_dir(test_write_checked(sc, p));
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- limited crews: the returned plan is the built one, the best of the candidates ------ */

static double built_objective(const cosched_scenario *sc, const cs_sol *s)
{
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_sol_to_plan(sc, s, p), COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    double v = p->objective;
    cosched_plan_free(p);
    return v;
}

START_TEST(test_crews_plan_objective_is_written)
{
    cosched_scenario *sc = test_load("scenarios/plant-ext");
    ck_assert_int_eq(sc->set.cleaning_crews, 1);
    cosched_plan *p = solve_with(sc, 30.0, 50);
    double obj = cosched_plan_result(p)->objective;

    /* Reported = built = rebuilt from the sequences = summary.json. */
    ck_assert_double_eq_tol(obj, p->objective, 1e-9);
    cosched_plan *q = cs_plan_clone(p);
    ck_assert_ptr_nonnull(q);
    ck_assert_int_eq(cs_plan_build(sc, q), COSCHED_OK);
    ck_assert_double_eq_tol(q->objective, obj, 1e-9);
    cosched_plan_free(q);
    char *dir = test_write_checked(sc, p);
    char *sum = test_read_file(dir, "summary.json");
    char want[64];
    snprintf(want, sizeof want, "\"objective\": %.1f", obj);
    ck_assert_msg(strstr(sum, want) != NULL, "summary.json lacks %s", want);
    free(sum);
    test_remove_dir(dir);

    /* No worse than any whole-order construction built with the crew waits. */
    cs_sol s;
    ck_assert_int_eq(cs_sol_init(&s, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &s), COSCHED_OK);
    ck_assert(obj <= built_objective(sc, &s) + 1e-9);
    for (int regret = 0; regret < 2; regret++) {
        ck_assert_int_eq(cs_heur_insert_run(sc, &s, regret == 1), COSCHED_OK);
        ck_assert(obj <= built_objective(sc, &s) + 1e-9);
    }
    cs_sol_destroy(&s);
    /* 3027: the written plan of this scenario without the crew comparison and swaps
     * (seed 1, 50 iterations, measured with them switched off); they must do better. */
    ck_assert_msg(obj < 3027.0, "objective %g, 3027 without the crew step", obj);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* The search on the built objective (heur_crew.c): from two starts it returns a complete
 * plan no worse, built, than either, its figure is the plan's built objective, and the same
 * work limit gives the same plan. */
static int crew_improvements;

static void count_improvement(void *ud, const cs_sol *best)
{
    (void)ud;
    (void)best;
    crew_improvements++;
}

START_TEST(test_crew_search_no_worse_and_repeatable)
{
    cosched_scenario *sc = test_load("scenarios/plant-ext");
    cs_sol edd;
    cs_sol ins;
    cs_sol again;
    ck_assert_int_eq(cs_sol_init(&edd, sc), COSCHED_OK);
    ck_assert_int_eq(cs_sol_init(&ins, sc), COSCHED_OK);
    ck_assert_int_eq(cs_sol_init(&again, sc), COSCHED_OK);
    ck_assert_int_eq(cs_heur_edd_run(sc, &edd), COSCHED_OK);
    ck_assert_int_eq(cs_heur_insert_run(sc, &ins, false), COSCHED_OK);
    double start = fmin(built_objective(sc, &edd), built_objective(sc, &ins));
    cs_sol_copy(&again, &edd);

    double built[2];
    for (int run = 0; run < 2; run++) {
        cs_work w = { 0.0, 3e6 };
        cs_ls_params lp = { .deadline = cs_now() + 600.0, .iteration_limit = -1, .work = &w,
                            .on_improve = count_improvement };
        cs_rng rng;
        cs_rng_seed(&rng, 7);
        crew_improvements = 0;
        cs_sol *s = run == 0 ? &edd : &again;
        ck_assert_int_eq(cs_heur_crew_run(sc, s, &ins, &built[run], &rng, &lp), COSCHED_OK);
        ck_assert(cs_sol_is_complete(sc, s));
        ck_assert(w.done >= w.limit); /* it stopped on its work limit */
        ck_assert_double_eq_tol(built[run], built_objective(sc, s), 1e-9);
        ck_assert_msg(built[run] <= start + 1e-9, "built %g, start %g", built[run], start);
        ck_assert_int_gt(crew_improvements, 0);
    }
    ck_assert_double_eq(built[0], built[1]);
    for (int k = 0; k < sc->n_lines; k++) {
        ck_assert_int_eq(edd.len[k], again.len[k]);
        ck_assert_mem_eq(cs_sol_line(&edd, k), cs_sol_line(&again, k),
                         (size_t)edd.len[k] * sizeof(int));
    }
    cs_sol_destroy(&again);
    cs_sol_destroy(&ins);
    cs_sol_destroy(&edd);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- late reasons name a wait for a crew (tests/data/ext_crews/README.md) --------------- */

START_TEST(test_crews_late_reason)
{
    cosched_scenario *sc = test_load("tests/data/ext_crews");
    cosched_plan *p = solve_short(sc);
    char *dir = test_write_checked(sc, p);
    char *sched = test_read_file(dir, "order_schedule.csv");
    /* OC and OD start at their lines' first minute but for the crew, with no order ahead. */
    ck_assert_ptr_nonnull(strstr(sched, "line L2 waited 40 minutes for a cleaning crew"));
    ck_assert_ptr_nonnull(strstr(sched, "line L3 waited 70 minutes for a cleaning crew"));
    ck_assert_ptr_null(strstr(sched, "poor choice"));
    free(sched);
    test_remove_dir(dir);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

Suite *ext_suite(void)
{
    Suite *s = suite_create("ext");
    TCase *tc = tcase_create("ext");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_cleaning_divides_runs);
    tcase_add_test(tc, test_cleaning_wrong_minutes_fail);
    tcase_add_test(tc, test_batches);
    tcase_add_test(tc, test_crews_wait);
    tcase_add_test(tc, test_crews_two_and_unlimited);
    tcase_add_test(tc, test_split_min_split_at_cleaning);
    tcase_add_test(tc, test_split_over_two_lines);
    tcase_add_test(tc, test_needless_division_fails);
    tcase_add_test(tc, test_split_over_lines_found);
    tcase_add_test(tc, test_min_split_line_avoided);
    tcase_add_test(tc, test_crews_plan_objective_is_written);
    tcase_add_test(tc, test_crews_late_reason);
    tcase_add_test(tc, test_crew_search_no_worse_and_repeatable);
    suite_add_tcase(s, tc);
    return s;
}
