/* plan_fixture.h -- a small scenario built by hand (no loader involved) for the plan and
 * output suites, and the plan whose blocks, KPIs and files are worked out by hand below.
 *
 * minute 0 = 2027-03-01T06:00. Weights: tardiness 1, changeover minutes 1, changeover
 * cost 0.5, makespan 0.1; mip_gap 0, seed 7, time limit 10.
 * Lines: L1 available at 0, set up for A, down every night 22:00-06:00 (minutes 960-1440,
 *        2400-2880); makes A at 60 u/h and B at 30 u/h.
 *        L2 available at 60 (07:00), clean, no downtime; makes A at 30 u/h and C at 60 u/h.
 * Changeovers (both lines): A->B 10 min cost 5, B->A 40 min cost 20, any other pair 30, 0.
 * Orders:  o1 A 60  due 120 (08:00)            -> L1 60 min, L2 120 min
 *          o2 B 30  due 100 (07:40) weight 2   -> L1 60 min
 *          o3 C 60  due 180 (09:00) release 100 (07:40) -> L2 60 min
 *          o4 A 30  due 1000                   -> L1 30 min, L2 60 min
 *          o5 A 180 due 1440 (next 06:00) release 840 (20:00) weight 0.5 -> L1 180 min
 *
 * The reference plan: L1 = o1, o2, o4, o5; L2 = o3.
 *   L1: o1 0-60; A->B 60-70 (10, cost 5); o2 70-130 (30 late, weight 2: 60);
 *       B->A 130-170 (40, cost 20); o4 170-200; o5 starts at its release 840, works 120
 *       minutes to 960, pauses for the night and ends at 1500 (07:00 next day): 60 late,
 *       weight 0.5: 30.
 *   L2: o3 waits for its release: 100-160, on time.
 *   KPIs: weighted tardiness 90, late 2, changeovers 2 (50 min, cost 25), makespan 1500.
 *   utilization L1 = 330 / (1500 - 480) = 330/1020, L2 = 60/1500 = 0.04.
 *   objective = 90 + 50 + 0.5 * 25 + 0.1 * 1500 = 302.5.
 *   Late reasons: o2 waited for o1 on L1, and alone there (A->B 10, run 60) would end at 70
 *   (07:10); o5 starts at its release on L1 and pauses for the night, while on L2 (clean,
 *   360 min, no downtime) it could end at 840 + 360 = 1200 (02:00). */
#ifndef CS_PLAN_FIXTURE_H
#define CS_PLAN_FIXTURE_H

#include "base/base.h"
#include "model/scenario.h"
#include "plan/plan.h"
#include "test_util.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FX_A = 0, FX_B = 1, FX_C = 2 };
enum { FX_L1 = 0, FX_L2 = 1 };
enum { FX_O1 = 0, FX_O2, FX_O3, FX_O4, FX_O5 };

static inline char *fx_dup(const char *s)
{
    char *d = cs_strdup(s);
    ck_assert_ptr_nonnull(d);
    return d;
}

static inline void *fx_calloc(size_t n, size_t size)
{
    void *p = cs_calloc(n, size);
    ck_assert_ptr_nonnull(p);
    return p;
}

static inline void fx_set_co(cosched_scenario *sc, int from, int to, int32_t m, double cost)
{
    for (int l = 0; l < sc->n_lines; l++) {
        size_t k = ((size_t)l * sc->n_products + from) * sc->n_products + to;
        sc->co_minutes[k] = m;
        sc->co_cost[k] = cost;
    }
}

/** The scenario described above; free with cosched_scenario_free(). */
static inline cosched_scenario *fx_scenario(void)
{
    cosched_scenario *sc = fx_calloc(1, sizeof *sc);
    int sec;
    ck_assert(cs_datetime_parse("2027-03-01T06:00", &sc->horizon_epoch_min, &sec));
    sc->dir = fx_dup("fixture");
    sc->set.weight_tardiness = 1.0;
    sc->set.weight_changeover_minutes = 1.0;
    sc->set.weight_changeover_cost = 0.5;
    sc->set.weight_makespan = 0.1;
    sc->set.time_limit_s = 10.0;
    sc->set.mip_gap = 0.0;
    sc->set.seed = 7;

    sc->n_lines = 2;
    sc->lines = fx_calloc(2, sizeof *sc->lines);
    sc->lines[FX_L1].id = fx_dup("L1");
    sc->lines[FX_L1].initial_product = FX_A;
    sc->lines[FX_L1].n_downtime = 2;
    sc->lines[FX_L1].downtime = fx_calloc(2, sizeof(cs_window));
    sc->lines[FX_L1].downtime[0] = (cs_window){ 960, 1440 };
    sc->lines[FX_L1].downtime[1] = (cs_window){ 2400, 2880 };
    sc->lines[FX_L1].src_line = 2;
    sc->lines[FX_L2].id = fx_dup("L2");
    sc->lines[FX_L2].available_at = 60;
    sc->lines[FX_L2].initial_product = -1;
    sc->lines[FX_L2].src_line = 3;

    static const char *const pids[] = { "A", "B", "C" };
    sc->n_products = 3;
    sc->products = fx_calloc(3, sizeof *sc->products);
    for (int p = 0; p < 3; p++) {
        sc->products[p].id = fx_dup(pids[p]);
        sc->products[p].family = -1;
        sc->products[p].has_orders = true;
    }

    static const struct {
        const char *id;
        int product;
        double qty;
        int32_t release, due;
        double weight;
    } ord[] = {
        { "o1", FX_A, 60, 0, 120, 1.0 },  { "o2", FX_B, 30, 0, 100, 2.0 },
        { "o3", FX_C, 60, 100, 180, 1.0 }, { "o4", FX_A, 30, 0, 1000, 1.0 },
        { "o5", FX_A, 180, 840, 1440, 0.5 },
    };
    sc->n_orders = 5;
    sc->orders = fx_calloc(5, sizeof *sc->orders);
    for (int o = 0; o < 5; o++) {
        cs_order *x = &sc->orders[o];
        x->id = fx_dup(ord[o].id);
        x->product = ord[o].product;
        x->quantity = ord[o].qty;
        x->release_at = ord[o].release;
        x->due_at = ord[o].due;
        x->weight = ord[o].weight;
        x->min_split = 1.0;
        x->src_line = o + 2;
    }

    sc->units_per_hour = fx_calloc(3 * 2, sizeof(double));
    sc->max_batch = fx_calloc(3 * 2, sizeof(double));
    sc->units_per_hour[FX_A * 2 + FX_L1] = 60;
    sc->units_per_hour[FX_B * 2 + FX_L1] = 30;
    sc->units_per_hour[FX_A * 2 + FX_L2] = 30;
    sc->units_per_hour[FX_C * 2 + FX_L2] = 60;
    sc->run_minutes = fx_calloc(5 * 2, sizeof(int32_t));
    for (int o = 0; o < 5; o++) {
        for (int l = 0; l < 2; l++) {
            double uph = sc->units_per_hour[sc->orders[o].product * 2 + l];
            sc->run_minutes[o * 2 + l] =
                uph > 0 ? (int32_t)ceil(sc->orders[o].quantity * 60.0 / uph - 1e-6) : -1;
        }
    }

    sc->co_minutes = fx_calloc(2 * 3 * 3, sizeof(int32_t));
    sc->co_cost = fx_calloc(2 * 3 * 3, sizeof(double));
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            fx_set_co(sc, a, b, a == b ? 0 : 30, 0.0);
    fx_set_co(sc, FX_A, FX_B, 10, 5.0);
    fx_set_co(sc, FX_B, FX_A, 40, 20.0);
    return sc;
}

/** One cs_plan_append(): @p qty units of order @p order at the end of line @p line. */
typedef struct {
    int line, order;
    double qty;
} fx_step;

/** A new plan of @p steps, appended in order (each must be accepted) and built. */
static inline cosched_plan *fx_build(const cosched_scenario *sc, const fx_step *steps, int n)
{
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(cs_plan_append(p, steps[i].line, steps[i].order, steps[i].qty),
                         COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    return p;
}

/** The reference plan (built, outcome feasible, method "test"). */
static inline cosched_plan *fx_plan(const cosched_scenario *sc)
{
    static const fx_step steps[] = {
        { FX_L1, FX_O1, 60 }, { FX_L1, FX_O2, 30 },  { FX_L1, FX_O4, 30 },
        { FX_L1, FX_O5, 180 }, { FX_L2, FX_O3, 60 },
    };
    cosched_plan *p = fx_build(sc, steps, TEST_COUNT(steps));
    p->result.outcome = COSCHED_OUTCOME_FEASIBLE;
    cs_plan_set_method(p, "test");
    return p;
}

/** plan.csv of the reference plan, written out by hand from the timeline above. */
#define FX_PLAN_CSV                                                                            \
    "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,minutes,cost\n"   \
    "L1,1,production,o1,A,,60,2027-03-01T06:00,2027-03-01T07:00,60,0\n"                        \
    "L1,2,changeover,,B,A,0,2027-03-01T07:00,2027-03-01T07:10,10,5\n"                          \
    "L1,3,production,o2,B,,30,2027-03-01T07:10,2027-03-01T08:10,60,0\n"                        \
    "L1,4,changeover,,A,B,0,2027-03-01T08:10,2027-03-01T08:50,40,20\n"                         \
    "L1,5,production,o4,A,,30,2027-03-01T08:50,2027-03-01T09:20,30,0\n"                        \
    "L1,6,production,o5,A,,180,2027-03-01T20:00,2027-03-02T07:00,180,0\n"                      \
    "L2,1,production,o3,C,,60,2027-03-01T07:40,2027-03-01T08:40,60,0\n"

#define FX_SCHEDULE_CSV                                                                        \
    "order_id,line_id,start,end,due,tardiness_minutes,status,reason\n"                         \
    "o1,L1,2027-03-01T06:00,2027-03-01T07:00,2027-03-01T08:00,0,open,\n"                       \
    "o2,L1,2027-03-01T07:10,2027-03-01T08:10,2027-03-01T07:40,30,open,line L1 is busy: 1 "     \
    "order ahead of it: o1; it could end by 2027-03-01T07:10 on L1\n"                          \
    "o3,L2,2027-03-01T07:40,2027-03-01T08:40,2027-03-01T09:00,0,open,\n"                       \
    "o4,L1,2027-03-01T08:50,2027-03-01T09:20,2027-03-01T22:40,0,open,\n"                       \
    "o5,L1,2027-03-01T20:00,2027-03-02T07:00,2027-03-02T06:00,60,open,\"line L1 is a poor "    \
    "choice: started there as early as it could, it still ends after its due date; it could " \
    "end by 2027-03-02T02:00 on L2\"\n"

#endif
