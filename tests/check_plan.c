/* check_plan.c -- the "plan" suite: working-minute arithmetic, building blocks from
 * sequences, KPIs and objective against hand-computed values, the allocation-free line
 * evaluation, and the plan checker on a correct plan and on corrupted copies of it. */
#include "plan_fixture.h"
#include "test_util.h"

#include "output/output.h"
#include "plan/plan_file.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- calendar ---------------------------------------------------------------------------- */

static cs_line night_line(cs_window *w, int n)
{
    cs_line l;
    memset(&l, 0, sizeof l);
    l.id = "N";
    l.initial_product = -1;
    l.downtime = w;
    l.n_downtime = n;
    return l;
}

START_TEST(test_calendar_pause_over_night)
{
    /* 06:00 is minute 0; 20:00 = 840, downtime 22:00-06:00 = [960, 1440). */
    cs_window w[] = { { 960, 1440 } };
    cs_line l = night_line(w, 1);
    int32_t end = cs_calendar_advance(&l, 840, 180);
    ck_assert_int_eq(end, 1500); /* 07:00 next day: 120 before the night, 60 after */
    ck_assert_int_eq(cs_calendar_working_between(&l, 840, end), 180);
    /* Ending exactly when the downtime starts does not jump over it. */
    ck_assert_int_eq(cs_calendar_advance(&l, 900, 60), 960);
    ck_assert_int_eq(cs_calendar_advance(&l, 900, 61), 1441);
    ck_assert_int_eq(cs_calendar_advance(&l, 900, 0), 900);
}
END_TEST

START_TEST(test_calendar_next_working)
{
    cs_window w[] = { { 10, 20 }, { 20, 30 }, { 50, 60 } }; /* touching windows */
    cs_line l = night_line(w, 3);
    ck_assert_int_eq(cs_calendar_next_working(&l, 5), 5);
    ck_assert_int_eq(cs_calendar_next_working(&l, 10), 30);
    ck_assert_int_eq(cs_calendar_next_working(&l, 25), 30);
    ck_assert_int_eq(cs_calendar_next_working(&l, 30), 30);
    ck_assert_int_eq(cs_calendar_next_working(&l, 59), 60);
    ck_assert_int_eq(cs_calendar_next_working(&l, 60), 60);
    /* A start inside downtime moves to its end before counting. */
    ck_assert_int_eq(cs_calendar_advance(&l, 15, 5), 35);
    ck_assert_int_eq(cs_calendar_working_between(&l, 15, 15), 0);
    ck_assert_int_eq(cs_calendar_working_between(&l, 20, 10), 0);
}
END_TEST

START_TEST(test_calendar_several_windows)
{
    cs_window w[] = { { 100, 110 }, { 120, 130 } };
    cs_line l = night_line(w, 2);
    /* 95-100 (5), 110-120 (10), 130-145 (15) */
    ck_assert_int_eq(cs_calendar_advance(&l, 95, 30), 145);
    ck_assert_int_eq(cs_calendar_working_between(&l, 95, 145), 30);
    ck_assert_int_eq(cs_calendar_working_between(&l, 0, 200), 180);
    ck_assert_int_eq(cs_calendar_working_between(&l, 105, 125), 10);
    ck_assert_int_eq(cs_calendar_working_between(&l, 100, 110), 0);
    ck_assert_int_eq(cs_calendar_advance(&l, 0, 200), 220);
}
END_TEST

START_TEST(test_calendar_many_nights)
{
    enum { DAYS = 400 };
    cs_window *w = malloc(DAYS * sizeof *w);
    ck_assert_ptr_nonnull(w);
    for (int d = 0; d < DAYS; d++)
        w[d] = (cs_window){ 960 + 1440 * d, 1440 + 1440 * d };
    cs_line l = night_line(w, DAYS);
    /* Each day offers 960 working minutes; k full days end where night k starts. */
    for (int k = 1; k <= DAYS; k += 37)
        ck_assert_int_eq(cs_calendar_advance(&l, 0, 960 * k), 960 + 1440 * (k - 1));
    ck_assert_int_eq(cs_calendar_advance(&l, 0, 960 * 5 + 1), 1440 * 5 + 1);
    ck_assert_int_eq(cs_calendar_working_between(&l, 0, 1440 * DAYS), 960 * DAYS);
    ck_assert_int_eq(cs_calendar_working_between(&l, 1440 * 100 + 1000, 1440 * 101 + 100),
                     100);
    ck_assert_int_eq(cs_calendar_next_working(&l, 1440 * 250 + 1000), 1440 * 251);
    free(w);
}
END_TEST

/* ---- building ---------------------------------------------------------------------------- */

/* One block as the builder must lay it out; order and from_product -1 where none. */
typedef struct {
    cs_block_kind kind;
    int line, seq, order, product, from;
    int32_t start, end, minutes;
    double cost;
} want_block;

/* The blocks of @p p are exactly @p want, in order. */
static void assert_blocks(const cosched_plan *p, const want_block *want, int n)
{
    ck_assert_int_eq(p->n_blocks, n);
    for (int i = 0; i < n; i++) {
        const cs_block *b = &p->blocks[i];
        const want_block *w = &want[i];
        ck_assert_msg(b->kind == w->kind, "block %d: kind %d, expected %d", i, (int)b->kind,
                      (int)w->kind);
        ck_assert_int_eq(b->line, w->line);
        ck_assert_int_eq(b->seq, w->seq);
        ck_assert_int_eq(b->order, w->order);
        ck_assert_int_eq(b->product, w->product);
        ck_assert_int_eq(b->from_product, w->from);
        ck_assert_int_eq(b->start_at, w->start);
        ck_assert_int_eq(b->end_at, w->end);
        ck_assert_int_eq(b->minutes, w->minutes);
        ck_assert_double_eq_tol(b->cost, w->cost, 1e-12);
    }
}

START_TEST(test_build_reference_plan)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, FX_L1, 1, FX_O1, FX_A, -1, 0, 60, 60, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L1, 2, -1, FX_B, FX_A, 60, 70, 10, 5 },
        { CS_BLOCK_PRODUCTION, FX_L1, 3, FX_O2, FX_B, -1, 70, 130, 60, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L1, 4, -1, FX_A, FX_B, 130, 170, 40, 20 },
        { CS_BLOCK_PRODUCTION, FX_L1, 5, FX_O4, FX_A, -1, 170, 200, 30, 0 },
        { CS_BLOCK_PRODUCTION, FX_L1, 6, FX_O5, FX_A, -1, 840, 1500, 180, 0 },
        { CS_BLOCK_PRODUCTION, FX_L2, 1, FX_O3, FX_C, -1, 100, 160, 60, 0 },
    };
    assert_blocks(p, want, TEST_COUNT(want));
    ck_assert_double_eq(p->blocks[5].quantity, 180);

    ck_assert(p->orders[FX_O2].scheduled);
    ck_assert_int_eq(p->orders[FX_O2].start_at, 70);
    ck_assert_int_eq(p->orders[FX_O2].end_at, 130);
    ck_assert_int_eq(p->orders[FX_O2].tardiness, 30);
    ck_assert_int_eq(p->orders[FX_O5].tardiness, 60);
    ck_assert_int_eq(p->orders[FX_O3].tardiness, 0);

    const cosched_kpis *k = cosched_plan_kpis(p);
    ck_assert_double_eq_tol(k->weighted_tardiness_minutes, 90.0, 1e-9);
    ck_assert_int_eq(k->late_orders, 2);
    ck_assert_int_eq(k->changeovers, 2);
    ck_assert_int_eq(k->changeover_minutes, 50);
    ck_assert_double_eq_tol(k->changeover_cost, 25.0, 1e-9);
    ck_assert_int_eq(k->makespan_minutes, 1500);
    ck_assert_int_eq(k->cleanings, 0);
    ck_assert_double_eq_tol(p->utilization[FX_L1], 330.0 / 1020.0, 1e-12);
    ck_assert_double_eq_tol(p->utilization[FX_L2], 0.04, 1e-12);
    ck_assert_double_eq_tol(p->objective, 302.5, 1e-9);
    ck_assert_double_eq_tol(cosched_plan_result(p)->objective, 302.5, 1e-9);
    ck_assert_str_eq(cosched_plan_result(p)->method, "test");
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_build_same_product_and_initial_changeover)
{
    cosched_scenario *sc = fx_scenario();
    /* L1 starts set up for A, so B first needs A->B; then B->A once, and nothing between
     * the two A orders. L2 is clean: its first run (A) needs no changeover, then A->C 30. */
    static const fx_step steps[] = {
        { FX_L1, FX_O2, 30 }, { FX_L1, FX_O1, 60 },  { FX_L1, FX_O4, 30 },
        { FX_L2, FX_O5, 180 }, { FX_L2, FX_O3, 60 },
    };
    cosched_plan *p = fx_build(sc, steps, TEST_COUNT(steps));
    static const want_block want[] = {
        { CS_BLOCK_CHANGEOVER, FX_L1, 1, -1, FX_B, FX_A, 0, 10, 10, 5 },
        { CS_BLOCK_PRODUCTION, FX_L1, 2, FX_O2, FX_B, -1, 10, 70, 60, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L1, 3, -1, FX_A, FX_B, 70, 110, 40, 20 },
        { CS_BLOCK_PRODUCTION, FX_L1, 4, FX_O1, FX_A, -1, 110, 170, 60, 0 },
        { CS_BLOCK_PRODUCTION, FX_L1, 5, FX_O4, FX_A, -1, 170, 200, 30, 0 },
        /* o5 on L2: release 840, 30 u/h -> 360 minutes, L2 never stops: 840-1200. */
        { CS_BLOCK_PRODUCTION, FX_L2, 1, FX_O5, FX_A, -1, 840, 1200, 360, 0 },
        /* A->C 1200-1230, then o3 (released long ago) 1230-1290. */
        { CS_BLOCK_CHANGEOVER, FX_L2, 2, -1, FX_C, FX_A, 1200, 1230, 30, 0 },
        { CS_BLOCK_PRODUCTION, FX_L2, 3, FX_O3, FX_C, -1, 1230, 1290, 60, 0 },
    };
    assert_blocks(p, want, TEST_COUNT(want));
    ck_assert_int_eq(p->kpis.changeovers, 3);
    ck_assert_int_eq(p->kpis.changeover_minutes, 80);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_build_changeover_waits_for_downtime)
{
    cosched_scenario *sc = fx_scenario();
    static const fx_step steps[] = {
        { FX_L1, FX_O5, 180 }, { FX_L1, FX_O2, 30 }, { FX_L2, FX_O3, 60 },
        { FX_L2, FX_O1, 60 },  { FX_L2, FX_O4, 30 },
    };
    cosched_plan *p = fx_build(sc, steps, TEST_COUNT(steps));
    static const want_block want[] = {
        /* o5 (A) 840-1500 across the night, then A->B 10 (1500-1510), o2 60 (1510-1570). */
        { CS_BLOCK_PRODUCTION, FX_L1, 1, FX_O5, FX_A, -1, 840, 1500, 180, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L1, 2, -1, FX_B, FX_A, 1500, 1510, 10, 5 },
        { CS_BLOCK_PRODUCTION, FX_L1, 3, FX_O2, FX_B, -1, 1510, 1570, 60, 0 },
        /* L2: o3 100-160, C->A 30 160-190, o1 (120 min on L2) 190-310, o4 (60) 310-370. */
        { CS_BLOCK_PRODUCTION, FX_L2, 1, FX_O3, FX_C, -1, 100, 160, 60, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L2, 2, -1, FX_A, FX_C, 160, 190, 30, 0 },
        { CS_BLOCK_PRODUCTION, FX_L2, 3, FX_O1, FX_A, -1, 190, 310, 120, 0 },
        { CS_BLOCK_PRODUCTION, FX_L2, 4, FX_O4, FX_A, -1, 310, 370, 60, 0 },
    };
    assert_blocks(p, want, TEST_COUNT(want));
    /* tardiness: o5 60*0.5, o2 (1570-100)*2, o1 310-120 = 190 */
    ck_assert_double_eq_tol(p->kpis.weighted_tardiness_minutes, 30 + 2940 + 190, 1e-9);
    ck_assert_int_eq(p->kpis.late_orders, 3);
    ck_assert_int_eq(p->kpis.makespan_minutes, 1570);
    /* L1 works 1570 - 480 = 1090 minutes of the makespan, produces 240. */
    ck_assert_double_eq_tol(p->utilization[FX_L1], 240.0 / 1090.0, 1e-12);
    ck_assert_double_eq_tol(p->utilization[FX_L2], 240.0 / 1570.0, 1e-12);
    ck_assert_double_eq_tol(p->objective, 3160 + 40 + 0.5 * 5 + 157.0, 1e-9);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_build_partial_quantities)
{
    cosched_scenario *sc = fx_scenario();
    /* o1 in two parts on L1 with o2 between: 20 units = 20 min, 40 units = 40 min. */
    static const fx_step steps[] = { { FX_L1, FX_O1, 20 }, { FX_L1, FX_O2, 30 },
                                     { FX_L1, FX_O1, 40 } };
    cosched_plan *p = fx_build(sc, steps, TEST_COUNT(steps));
    static const want_block want[] = {
        { CS_BLOCK_PRODUCTION, FX_L1, 1, FX_O1, FX_A, -1, 0, 20, 20, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L1, 2, -1, FX_B, FX_A, 20, 30, 10, 5 },
        { CS_BLOCK_PRODUCTION, FX_L1, 3, FX_O2, FX_B, -1, 30, 90, 60, 0 },
        { CS_BLOCK_CHANGEOVER, FX_L1, 4, -1, FX_A, FX_B, 90, 130, 40, 20 },
        { CS_BLOCK_PRODUCTION, FX_L1, 5, FX_O1, FX_A, -1, 130, 170, 40, 0 },
    };
    assert_blocks(p, want, TEST_COUNT(want));
    ck_assert_int_eq(p->orders[FX_O1].start_at, 0);
    ck_assert_int_eq(p->orders[FX_O1].end_at, 170);
    ck_assert_int_eq(p->orders[FX_O1].tardiness, 50);
    ck_assert(!p->orders[FX_O3].scheduled);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_build_rejects_impossible_sequence)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_plan_append(p, FX_L1, FX_O3, 60), COSCHED_OK); /* C on L1 */
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_EINTERNAL);
    ck_assert_int_eq(cs_plan_append(p, 2, FX_O1, 60), COSCHED_EINTERNAL);
    ck_assert_int_eq(cs_plan_append(p, FX_L1, 5, 60), COSCHED_EINTERNAL);
    ck_assert_int_eq(cs_plan_append(p, FX_L1, FX_O1, 0), COSCHED_EINTERNAL);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_build_empty_plan)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    ck_assert_int_eq(p->n_blocks, 0);
    ck_assert_int_eq(p->kpis.makespan_minutes, 0);
    ck_assert_double_eq(p->utilization[FX_L1], 0.0);
    ck_assert_double_eq(p->objective, 0.0);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_clone_and_clear)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    cosched_plan *q = cs_plan_clone(p);
    ck_assert_ptr_nonnull(q);
    ck_assert_int_eq(q->n_blocks, p->n_blocks);
    ck_assert_str_eq(cosched_plan_result(q)->method, "test");
    ck_assert_ptr_eq(cosched_plan_result(q)->method, q->method);
    cs_plan_clear(p);
    ck_assert_int_eq(p->seq[FX_L1].n, 0);
    ck_assert_int_eq(q->seq[FX_L1].n, 4);
    ck_assert_int_eq(cs_plan_build(sc, q), COSCHED_OK);
    ck_assert_double_eq_tol(q->objective, 302.5, 1e-9);
    cs_plan_set_method(q, "a-method-name-that-is-much-longer-than-the-buffer");
    ck_assert_uint_eq(strlen(q->method), sizeof q->method - 1);
    cosched_plan_free(q);
    cosched_plan_free(p);
    cosched_plan_free(NULL);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_gap)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    double gap = -1;
    ck_assert(!cosched_plan_gap(p, &gap));
    p->result.has_bound = true;
    p->result.bound = 100.0;
    ck_assert(cosched_plan_gap(p, &gap));
    ck_assert_double_eq_tol(gap, 202.5 / 302.5, 1e-12);
    p->result.outcome = COSCHED_OUTCOME_NO_SOLUTION;
    ck_assert(!cosched_plan_gap(p, &gap));
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_line_evaluate_matches_build)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    int l1[] = { FX_O1, FX_O2, FX_O4, FX_O5 };
    int l2[] = { FX_O3 };
    cs_line_eval ev[2];
    cs_line_evaluate(sc, FX_L1, l1, 4, &ev[0]);
    cs_line_evaluate(sc, FX_L2, l2, 1, &ev[1]);
    ck_assert_double_eq_tol(ev[0].weighted_tardiness, 90.0, 1e-9);
    ck_assert_int_eq(ev[0].changeovers, 2);
    ck_assert_int_eq(ev[0].changeover_minutes, 50);
    ck_assert_double_eq_tol(ev[0].changeover_cost, 25.0, 1e-12);
    ck_assert_int_eq(ev[0].last_end_at, 1500);
    ck_assert_double_eq(ev[1].weighted_tardiness, 0.0);
    ck_assert_int_eq(ev[1].last_end_at, 160);
    ck_assert_double_eq_tol(cs_objective_of(sc, ev, 2), p->objective, 1e-9);

    cs_line_evaluate(sc, FX_L2, NULL, 0, &ev[1]);
    ck_assert_int_eq(ev[1].last_end_at, -1);
    ck_assert_int_eq(ev[1].changeovers, 0);
    /* Without o3, makespan and the rest come from L1 alone. */
    ck_assert_double_eq_tol(cs_objective_of(sc, ev, 2), 302.5, 1e-9);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* ---- checker ----------------------------------------------------------------------------- */

typedef struct {
    cosched_scenario *sc;
    char *dir;
} written;

static written write_reference(void)
{
    written w;
    w.sc = fx_scenario();
    cosched_plan *p = fx_plan(w.sc);
    w.dir = test_tmpdir();
    cosched_diags *d = cosched_diags_create(20);
    ck_assert_int_eq(cosched_plan_write(w.sc, p, w.dir, d), COSCHED_OK);
    cosched_diags_free(d);
    cosched_plan_free(p);
    return w;
}

static void remove_written(written *w)
{
    test_remove_dir(w->dir);
    cosched_scenario_free(w->sc);
}

static int run_check(const written *w, cosched_diags *d)
{
    int nv = -1;
    ck_assert_int_eq(cosched_plan_check(w->sc, w->dir, d, &nv), COSCHED_OK);
    return nv;
}

/* True when @p d holds an error on DIR/NAME:LINE whose message contains @p text. */
static bool has_diag(const cosched_diags *d, const char *dir, const char *name, long line,
                     const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (g->severity == COSCHED_SEV_ERROR && strcmp(g->file, path) == 0 &&
            g->line == line && strstr(g->message, text) != NULL)
            return true;
    }
    cosched_diags_print(d, stderr);
    return false;
}

START_TEST(test_check_reference_plan_passes)
{
    written w = write_reference();
    /* The files are the hand-derived text, so the checker is judged on known input. */
    char *plan = test_read_file(w.dir, "plan.csv");
    ck_assert_str_eq(plan, FX_PLAN_CSV);
    free(plan);
    cosched_diags *d = cosched_diags_create(50);
    int nv = run_check(&w, d);
    if (nv != 0)
        cosched_diags_print(d, stderr);
    ck_assert_int_eq(nv, 0);
    ck_assert_int_eq(cosched_diags_count(d), 0);
    cosched_diags_free(d);
    remove_written(&w);
}
END_TEST

/* summary.json's "edd" object with the reference plan's own KPIs (objective 302.5 under the
 * fixture's weights) and objective @p obj, on one line so that its line is the key's. */
#define FX_EDD_KPIS(obj)                                                                       \
    "{\"objective\": " obj ", \"weighted_tardiness_minutes\": 90, \"late_orders\": 2, "             \
    "\"changeovers\": 2, \"changeover_minutes\": 50, \"changeover_cost\": 25, \"cleanings\": 0, " \
    "\"cleaning_minutes\": 0, \"cleaning_cost\": 0, \"makespan_minutes\": 1500}"

/* Corrupted copies of the reference files (FX_PLAN_CSV and its summary.json and
 * order_schedule.csv): each row edits one file, in order, and names the error the checker
 * must then report on that file. "exact" rows expect exactly that many violations, the
 * others at least that many. */
static const struct {
    const char *what;
    const char *file;
    struct {
        const char *old, *repl;
    } edits[5];
    int violations;
    bool exact;
    long line;
    const char *text;
} corruptions[] = {
    { "o4 moved to start at 08:40, while the B->A changeover runs until 08:50", "plan.csv",
      { { "o4,A,,30,2027-03-01T08:50,2027-03-01T09:20,30",
          "o4,A,,30,2027-03-01T08:40,2027-03-01T09:10,30" } },
      1, false, 6, "overlaps" },
    { "the A->B changeover dropped and the rows renumbered", "plan.csv",
      { { "L1,2,changeover,,B,A,0,2027-03-01T07:00,2027-03-01T07:10,10,5\n", "" },
        { "L1,3,", "L1,2," },
        { "L1,4,", "L1,3," },
        { "L1,5,", "L1,4," },
        { "L1,6,", "L1,5," } },
      1, false, 3, "missing changeover" },
    { "the B->A changeover shortened to 10 minutes", "plan.csv",
      { { "2027-03-01T08:10,2027-03-01T08:50,40,20", "2027-03-01T08:10,2027-03-01T08:20,10,20" } },
      1, false, 5, "the rule needs 40" },
    { "a changeover A -> A before o5 (stretched into the idle time 09:20-09:50)", "plan.csv",
      { { "L1,6,production",
          "L1,6,changeover,,A,A,0,2027-03-01T09:20,2027-03-01T09:50,30,0\nL1,7,production" } },
      1, false, 7, "not needed" },
    { "o4 claims 40 minutes", "plan.csv",
      { { "o4,A,,30,2027-03-01T08:50,2027-03-01T09:20,30",
          "o4,A,,30,2027-03-01T08:50,2027-03-01T09:30,40" } },
      1, false, 6, "take 30 minutes" },
    { "claiming 660 minutes for o5 ignores the night: the line works only 180 of them",
      "plan.csv", { { "2027-03-02T07:00,180,", "2027-03-02T07:00,660," } },
      1, false, 7, "works 180 minutes" },
    { "o3 starts 10 minutes before its release", "plan.csv",
      { { "o3,C,,60,2027-03-01T07:40,2027-03-01T08:40",
          "o3,C,,60,2027-03-01T07:30,2027-03-01T08:30" } },
      1, false, 8, "before its release" },
    { "o3's row dropped", "plan.csv",
      { { "L2,1,production,o3,C,,60,2027-03-01T07:40,2027-03-01T08:40,60,0\n", "" } },
      1, false, 1, "'o3' (orders.csv:4) is not produced" },
    { "o3 produced a second time after the first", "plan.csv",
      { { "2027-03-01T08:40,60,0\n",
          "2027-03-01T08:40,60,0\nL2,2,production,o3,C,,60,2027-03-01T08:40,2027-03-01T09:40,"
          "60,0\n" } },
      1, false, 9, "produced twice" },
    { "plan.csv without its cost column", "plan.csv", { { ",minutes,cost\n", ",minutes\n" } },
      1, false, 1, "column 'cost': required column is missing" },
    { "a wrong objective", "summary.json", { { "\"objective\": 302.5", "\"objective\": 300.0" } },
      1, true, 5, "\"objective\" is 300" },
    { "a wrong KPI, and \"optimal\" claimed with a bound leaving a gap", "summary.json",
      { { "\"late_orders\": 2", "\"late_orders\": 1" },
        { "\"status\": \"feasible\"", "\"status\": \"optimal\"" },
        { "\"bound\": null", "\"bound\": 250.0" } },
      3, true, 4, "gap" },
    { "\"late\" names an order on time instead of a late one", "summary.json",
      { { "\"o5\"", "\"o1\"" } },
      2, true, 76, "\"late\" lists 'o1', which is not late" },
    { "a gap that objective and bound do not give", "summary.json",
      { { "\"bound\": null", "\"bound\": 250.0" }, { "\"gap\": null", "\"gap\": 0.5" } },
      1, true, 7, "\"gap\" is 0.5" },
    { "utilization of a line the scenario lacks", "summary.json",
      { { "\"utilization\": {", "\"utilization\": {\"L9\": 0.5, " } },
      1, true, 25, "line 'L9', which the scenario does not have" },
    { "a search stopped by the clock claimed repeatable", "summary.json",
      { { "\"stopped_by\": \"complete\"", "\"stopped_by\": \"time_limit\"" } },
      1, true, 103, "search.repeatable is true, but a search stopped by \"time_limit\"" },
    { "a search stopped by something unknown", "summary.json",
      { { "\"stopped_by\": \"complete\"", "\"stopped_by\": \"luck\"" } },
      1, true, 102, "search.stopped_by must be" },
    { "negative search work", "summary.json",
      { { "\"work_units\": 0.0", "\"work_units\": -1.0" } },
      1, true, 104, "search.work_units must be a number >= 0" },
    { "an EDD objective its KPIs do not give (they give 302.5)", "summary.json",
      { { "\"edd\": null", "\"edd\": " FX_EDD_KPIS("300.0") } },
      1, true, 84, "edd.objective is 300, its KPIs weighted by the scenario's weights give 302.5" },
    { "EDD figures without the makespan", "summary.json",
      { { "\"edd\": null", "\"edd\": " FX_EDD_KPIS("302.5") },
        { ", \"makespan_minutes\": 1500}", "}" } },
      1, true, 84, "edd.makespan_minutes is missing" },
    { "o5's tardiness given as 0", "order_schedule.csv",
      { { "2027-03-02T06:00,60", "2027-03-02T06:00,0" } },
      1, true, 6, "expected max(0, end - due) = 60" },
    { "o5's start left empty although it is produced", "order_schedule.csv",
      { { "o5,L1,2027-03-01T20:00,", "o5,L1,," } },
      1, true, 6, "start is empty, but 'o5' is produced" },
    { "o5's end given with seconds", "order_schedule.csv",
      { { "2027-03-02T07:00,2027-03-02T06:00,60", "2027-03-02T07:00:30,2027-03-02T06:00,60" } },
      1, true, 6, "column 'end': expected a datetime YYYY-MM-DDTHH:MM, got '2027-03-02T07:00:30'" },
};

START_TEST(test_check_corrupted)
{
    written w = write_reference();
    const char *file = corruptions[_i].file;
    for (int e = 0; e < 5 && corruptions[_i].edits[e].old != NULL; e++)
        test_replace_in_file(w.dir, file, corruptions[_i].edits[e].old,
                             corruptions[_i].edits[e].repl);
    cosched_diags *d = cosched_diags_create(50);
    int nv = run_check(&w, d);
    int want = corruptions[_i].violations;
    ck_assert_msg(corruptions[_i].exact ? nv == want : nv >= want,
                  "%s: %d violations, expected %s%d", corruptions[_i].what, nv,
                  corruptions[_i].exact ? "" : "at least ", want);
    ck_assert_msg(has_diag(d, w.dir, file, corruptions[_i].line, corruptions[_i].text),
                  "%s: no error on %s:%ld with '%s'", corruptions[_i].what, file,
                  corruptions[_i].line, corruptions[_i].text);
    cosched_diags_free(d);
    remove_written(&w);
}
END_TEST

/* Right EDD figures pass; run.input_sha256 other than the digest of the scenario's files is
 * a warning (the plan may be older than the files), not a violation; a malformed one is. */
START_TEST(test_check_edd_and_input_digest)
{
    written w = write_reference();
    for (int i = 0; i < 32; i++)
        w.sc->input_sha256[i] = (uint8_t)(0x10 + i);
    char own[65];
    cs_sha256_hex(w.sc->input_sha256, own);
    char field[96];
    snprintf(field, sizeof field, "\"input_sha256\": \"%s\"", own);
    test_replace_in_file(w.dir, "summary.json", "\"edd\": null", "\"edd\": " FX_EDD_KPIS("302.5"));
    test_replace_in_file(w.dir, "summary.json", "\"input_sha256\": null", field);
    cosched_diags *d = cosched_diags_create(50);
    ck_assert_int_eq(run_check(&w, d), 0);
    ck_assert_int_eq(cosched_diags_count(d), 0);
    cosched_diags_free(d);

    /* the files changed since: one warning on run.input_sha256's line, no violation */
    char other[96];
    snprintf(other, sizeof other, "\"input_sha256\": \"%064d\"", 0);
    test_replace_in_file(w.dir, "summary.json", field, other);
    d = cosched_diags_create(50);
    ck_assert_int_eq(run_check(&w, d), 0);
    ck_assert_int_eq(cosched_diags_count(d), 1);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_int_eq(g->severity, COSCHED_SEV_WARNING);
    ck_assert_str_eq(g->code, "W_INPUT_CHANGED");
    ck_assert_int_eq(g->line, 87);
    ck_assert_str_eq(g->message, "run.input_sha256 is 000000000000..., the scenario's files give "
                                 "101112131415...: the plan was made from other input files, "
                                 "or they changed since");
    cosched_diags_free(d);

    test_replace_in_file(w.dir, "summary.json", other, "\"input_sha256\": \"ABC\"");
    d = cosched_diags_create(50);
    ck_assert_int_eq(run_check(&w, d), 1);
    ck_assert(has_diag(d, w.dir, "summary.json", 87, "run.input_sha256 must be 64 lower-case"));
    cosched_diags_free(d);
    remove_written(&w);
}
END_TEST

START_TEST(test_check_counts_past_cap)
{
    written w = write_reference();
    /* Every row names an unknown line: 7 violations at least, the sink keeps 2. */
    char *plan = test_read_file(w.dir, "plan.csv");
    for (char *p = plan; (p = strstr(p, "\nL")) != NULL; p++)
        p[1] = 'X';
    test_write_file(w.dir, "plan.csv", plan);
    free(plan);
    cosched_diags *d = cosched_diags_create(2);
    ck_assert_int_ge(run_check(&w, d), 7);
    ck_assert_int_le(cosched_diags_count(d), 2);
    ck_assert(cosched_diags_truncated(d));
    cosched_diags_free(d);
    remove_written(&w);
}
END_TEST

START_TEST(test_check_missing_summary)
{
    written w = write_reference();
    char path[4096];
    snprintf(path, sizeof path, "%s/summary.json", w.dir);
    unlink(path);
    cosched_diags *d = cosched_diags_create(50);
    int nv = -7;
    ck_assert_int_eq(cosched_plan_check(w.sc, w.dir, d, &nv), COSCHED_ENOENT);
    ck_assert_int_eq(nv, -7);
    cosched_diags_free(d);
    remove_written(&w);
}
END_TEST

/* tests/data/hand2x5 through the loader: two of the optimal plans its README derives by hand
 * (objective 70), written out and accepted by the checker. */
START_TEST(test_hand2x5_optimal_plans)
{
    cosched_scenario *sc = test_load("tests/data/hand2x5");
    int l1 = cs_scenario_find_line(sc, "L1");
    int l2 = cs_scenario_find_line(sc, "L2");
    int o[5];
    for (int i = 0; i < 5; i++) {
        char id[4];
        snprintf(id, sizeof id, "o%d", i + 1);
        o[i] = cs_scenario_find_order(sc, id);
        ck_assert_int_ge(o[i], 0);
    }
    /* Plan 1: L1 = o3, o1, A->B 10, o2 (ends 160, 60 late); L2 = o4, o5 (clean, no change).
     * Plan 2: L1 = o1, A->B, o2 (ends 130, 30 late); L2 = o3, A->C 30, o4, o5. 0-based
     * order numbers, -1 ends a line. */
    static const int plans[2][2][4] = { { { 2, 0, 1, -1 }, { 3, 4, -1, -1 } },
                                        { { 0, 1, -1, -1 }, { 2, 3, 4, -1 } } };
    int lines[2] = { l1, l2 };
    for (int v = 0; v < 2; v++) {
        cosched_plan *p = cs_plan_create(sc);
        ck_assert_ptr_nonnull(p);
        for (int l = 0; l < 2; l++) {
            for (int k = 0; k < 4 && plans[v][l][k] >= 0; k++) {
                int x = o[plans[v][l][k]];
                ck_assert_int_eq(cs_plan_append(p, lines[l], x, sc->orders[x].quantity),
                                 COSCHED_OK);
            }
        }
        ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
        ck_assert_double_eq_tol(p->objective, 70.0, 1e-9);
        ck_assert_int_eq(p->kpis.changeover_minutes, v == 0 ? 10 : 40);
        ck_assert_double_eq_tol(p->kpis.weighted_tardiness_minutes, v == 0 ? 60 : 30, 1e-9);
        p->result.outcome = COSCHED_OUTCOME_FEASIBLE;
        test_remove_dir(test_write_checked(sc, p));
        cosched_plan_free(p);
    }
    cosched_scenario_free(sc);
}
END_TEST

/* The one datetime rule of plan files: whole minutes, a space or a T, within the range a
 * plan may span either side of horizon_start. */
START_TEST(test_plan_file_datetimes)
{
    int64_t h;
    ck_assert(cs_plan_file_parse_time("2027-03-01T06:00", &h));
    int64_t e;
    ck_assert(cs_plan_file_parse_time("2027-03-01 07:30", &e));
    ck_assert_int_eq(e - h, 90);
    ck_assert(!cs_plan_file_parse_time("2027-03-01T07:30:15", &e));
    ck_assert(cs_plan_file_parse_time("2027-03-01T07:30:00", &e)); /* the same minute */
    ck_assert_int_eq(e - h, 90);
    ck_assert(!cs_plan_file_parse_time("", &e));
    ck_assert(!cs_plan_file_parse_time("yesterday", &e));
    int32_t at = 7;
    ck_assert(cs_plan_file_parse_at(h, "2027-02-28T06:00", &at));
    ck_assert_int_eq(at, -1440);
    char s[32];
    cs_datetime_format(h + CS_MAX_PLAN_MINUTES, s, sizeof s);
    ck_assert(cs_plan_file_parse_at(h, s, &at));
    ck_assert_int_eq(at, CS_MAX_PLAN_MINUTES);
    cs_datetime_format(h + CS_MAX_PLAN_MINUTES + 1, s, sizeof s);
    ck_assert(!cs_plan_file_parse_at(h, s, &at));
    ck_assert_int_eq(at, CS_MAX_PLAN_MINUTES); /* left alone on failure */
}
END_TEST

/* The checker reads plan.csv through the same reader: a value of the wrong form is a
 * violation at its line and column. */
START_TEST(test_check_bad_values)
{
    written w = write_reference();
    test_replace_in_file(w.dir, "plan.csv", "L2,1,production,o3,C,,60,2027-03-01T07:40,",
                         "L2,1,production,o3,C,,60,2027-03-01T07:40:30,");
    cosched_diags *d = cosched_diags_create(50);
    ck_assert_int_ge(run_check(&w, d), 1);
    ck_assert(has_diag(d, w.dir, "plan.csv", 8,
                       "column 'start': expected a datetime YYYY-MM-DDTHH:MM"));
    cosched_diags_free(d);
    remove_written(&w);
}
END_TEST

Suite *plan_suite(void)
{
    Suite *s = suite_create("plan");
    TCase *tc = tcase_create("calendar");
    tcase_add_test(tc, test_calendar_pause_over_night);
    tcase_add_test(tc, test_calendar_next_working);
    tcase_add_test(tc, test_calendar_several_windows);
    tcase_add_test(tc, test_calendar_many_nights);
    suite_add_tcase(s, tc);

    tc = tcase_create("build");
    tcase_add_test(tc, test_build_reference_plan);
    tcase_add_test(tc, test_build_same_product_and_initial_changeover);
    tcase_add_test(tc, test_build_changeover_waits_for_downtime);
    tcase_add_test(tc, test_build_partial_quantities);
    tcase_add_test(tc, test_build_rejects_impossible_sequence);
    tcase_add_test(tc, test_build_empty_plan);
    tcase_add_test(tc, test_clone_and_clear);
    tcase_add_test(tc, test_gap);
    tcase_add_test(tc, test_line_evaluate_matches_build);
    suite_add_tcase(s, tc);

    tc = tcase_create("check");
    tcase_add_test(tc, test_check_reference_plan_passes);
    tcase_add_loop_test(tc, test_check_corrupted, 0, TEST_COUNT(corruptions));
    tcase_add_test(tc, test_check_edd_and_input_digest);
    tcase_add_test(tc, test_check_counts_past_cap);
    tcase_add_test(tc, test_check_missing_summary);
    tcase_add_test(tc, test_plan_file_datetimes);
    tcase_add_test(tc, test_check_bad_values);
    tcase_add_test(tc, test_hand2x5_optimal_plans);
    suite_add_tcase(s, tc);
    return s;
}
