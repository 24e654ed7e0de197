/* bound_tradeoff.c -- tardiness and changeovers bounded together, where they compete.
 * The term bounds are each proven alone: the changeover relaxation may make every product
 * in one campaign on the cheapest lines, the tardiness bounds ignore changeovers. A plan
 * that keeps to the cheapest campaigns pays tardiness, one that meets due dates pays
 * changeovers. The argument: every order j is late by at least L_j (alone on its best line),
 * so the weighted tardiness is at least A = sum w_j L_j. For a margin delta, either it is at
 * least A + delta, or each order's own excess w_j (T_j - L_j) stays below delta, so order j
 * ends before its deadline D_j = due_j + L_j + delta / w_j; then the changeovers are at least
 * what the path relaxation needs with every order on a line that enters its product and the
 * work due by each deadline within each line's working minutes (cs_bound_changeover_deadlines).
 * The bound of the two terms together is the smaller of the two cases, for every delta. */
#include "solve/bound.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>

/* Margins tried: the bound is the smaller of two cases, one growing with the margin and one
 * shrinking, so the margin is searched by doubling and then halving the interval. */
#define MAX_MARGINS 8

cosched_status cs_bound_tradeoff(const cosched_scenario *sc, const cs_term_bounds *tb,
                                 double time_limit_s, bool repeatable, bool *has, double *bound,
                                 bool *cut_short)
{
    *has = false;
    *bound = 0.0;
    *cut_short = false;
    int n = sc->n_orders;
    double wt = sc->set.weight_tardiness;
    double wm = sc->set.weight_changeover_minutes;
    double wc = sc->set.weight_changeover_cost;
    if (n == 0 || !(wt > 0.0) || (!(wm > 0.0) && !(wc > 0.0)) || !tb->has[CS_TERM_TARDINESS])
        return COSCHED_OK;
    for (int j = 0; j < n; j++)
        if (sc->orders[j].status != CS_ORDER_OPEN)
            return COSCHED_OK; /* an order in progress starts its line with no changeover */
    double deadline = cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0);
    double *late = cs_calloc((size_t)n, sizeof *late);
    double *due = cs_calloc((size_t)n, sizeof *due);
    if (late == NULL || due == NULL) {
        free(late);
        free(due);
        return COSCHED_ENOMEM;
    }
    double A = 0.0;
    for (int j = 0; j < n; j++) {
        double end = cs_bound_order_alone_end(sc, j);
        late[j] = end > sc->orders[j].due_at ? end - sc->orders[j].due_at : 0.0;
        A += sc->orders[j].weight * late[j];
    }
    double tard = tb->value[CS_TERM_TARDINESS];
    double co = tb->changeovers;
    double clean = 0.0;
    cs_bound_cleanings(sc, wm, wc, &clean);
    double delta = fmax(0.0, tard - A) + fmax(co, 1.0);
    double lo = 0.0;
    double hi = HUGE_VAL;
    cosched_status st = COSCHED_OK;
    for (int i = 0; i < MAX_MARGINS && st == COSCHED_OK; i++) {
        double left = deadline - cs_now();
        if (left <= 0.0) {
            *cut_short = !repeatable;
            break;
        }
        for (int j = 0; j < n; j++) {
            double w = sc->orders[j].weight;
            due[j] = w > 0.0 ? sc->orders[j].due_at + late[j] + delta / w : HUGE_VAL;
        }
        bool solved = false;
        double b = 0.0;
        double share = left / fmin(3.0, (double)(MAX_MARGINS - i));
        double t0 = cs_now();
        st = cs_bound_changeover_deadlines(sc, wm, wc, due, repeatable, share, &solved, &b);
        /* A model that took its whole share was stopped: its bound may be short. */
        if (!repeatable && cs_now() - t0 >= 0.9 * share)
            *cut_short = true;
        if (st != COSCHED_OK || !solved)
            break;
        double late_case = wt * fmax(A + delta, tard) + co;
        double met_case = wt * tard + fmax(co, b + clean);
        double v = fmin(late_case, met_case);
        if (v > *bound) {
            *bound = v;
            *has = true;
        }
        if (met_case >= late_case)
            lo = delta; /* the deadlines cost more than the margin: a larger one */
        else
            hi = delta;
        delta = isinf(hi) ? 2.0 * delta : 0.5 * (lo + hi);
    }
    free(late);
    free(due);
    return st;
}
