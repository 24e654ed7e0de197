/* bound_tardiness.c -- bounds of weighted tardiness and makespan from each order alone:
 * no plan can finish an order before it would end alone on the line where it ends first
 * (its release, the line's availability and downtime included). Valid for whole orders
 * only: parts of a split order on several lines can end sooner.
 * Orders also compete for lines: the time-bucketed LP gives each line its working minutes
 * per bucket, lets every order take minutes in any bucket after its release on a line that
 * can make it (preempted, fractional), and charges each part the tardiness of an order
 * that ends no earlier than the part's bucket starts, and no earlier than it would end alone
 * on that line. Every plan is such an assignment, and its tardiness is at least that
 * charge, so the LP's value is a bound, for split orders too. */
#include "solve/bound.h"

#include "base/base.h"
#include "model/timing.h"
#include "solve/backend.h"

#include <math.h>
#include <stdlib.h>

double cs_bound_order_alone_end(const cosched_scenario *sc, int j)
{
    const cs_order *o = &sc->orders[j];
    double best = -1.0;
    for (int k = 0; k < sc->n_lines; k++) {
        int32_t p = cs_run_minutes(sc, j, k);
        if (p < 0)
            continue;
        const cs_line *ln = &sc->lines[k];
        double end = cs_timing_step(ln, ln->available_at, 0, o->release_at, p);
        if (best < 0.0 || end < best)
            best = end;
    }
    return best;
}

void cs_bound_order_alone(const cosched_scenario *sc, double *tardiness, double *makespan,
                          double *late_orders)
{
    double tard = 0.0;
    double cmax = 0.0;
    double late = 0.0; /* orders that end late even alone on their fastest line */
    for (int j = 0; j < sc->n_orders; j++) {
        const cs_order *o = &sc->orders[j];
        double best = cs_bound_order_alone_end(sc, j);
        if (best < 0.0)
            continue;
        if (best > o->due_at) {
            tard += o->weight * (best - o->due_at);
            late += 1.0;
        }
        if (best > cmax)
            cmax = best;
    }
    *tardiness = tard;
    *makespan = cmax;
    *late_orders = late;
}

/* ---- the time-bucketed LP ---- */

/* Buckets of the LP; columns at most (orders x eligible lines x buckets). Measured: GLPK's
 * simplex solves 40,000 columns in a few tenths of a second. */
#define TB_MAX_BUCKETS 48
#define TB_MIN_BUCKETS 4
#define TB_MAX_COLUMNS 20000L

/* Orders whose parts may end on several lines or in several batches: only their bucket
 * times bound them, not their completion alone on a line. */
static bool order_in_parts(const cosched_scenario *sc, int j)
{
    const cs_order *o = &sc->orders[j];
    if (o->split)
        return true;
    for (int k = 0; k < sc->n_lines; k++) {
        double mb = sc->max_batch[(size_t)o->product * sc->n_lines + k];
        if (mb > 0.0 && o->quantity > mb)
            return true;
    }
    return false;
}

cosched_status cs_bound_tardiness_lp(const cosched_scenario *sc, double time_limit_s,
                                     double *bound)
{
    *bound = 0.0;
    int n = sc->n_orders;
    int L = sc->n_lines;
    if (n == 0 || L == 0)
        return COSCHED_OK;
    double deadline = cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0);
    /* Split orders on a line where the whole order has no run minutes cannot be measured
     * in this LP's units: no bound rather than a wrong one. */
    long pairs = 0;
    double start = 0.0;
    double work = 0.0;
    double late = 0.0; /* the last release */
    for (int j = 0; j < n; j++) {
        const cs_order *o = &sc->orders[j];
        double pmin = -1.0;
        for (int k = 0; k < L; k++) {
            int32_t p = cs_run_minutes(sc, j, k);
            if (p < 0) {
                if (o->split && !o->has_pinned_line &&
                    sc->units_per_hour[(size_t)o->product * L + k] > 0.0)
                    return COSCHED_OK;
                continue;
            }
            pairs++;
            if (pmin < 0.0 || p < pmin)
                pmin = p;
        }
        work += pmin > 0.0 ? pmin : 0.0;
        late = fmax(late, (double)o->release_at);
    }
    for (int k = 0; k < L; k++)
        start = fmax(start, (double)sc->lines[k].available_at);
    /* Buckets where the work is: the last bucket has no end, so any horizon is valid; one
     * and a half times the least work per line after the last release measured best. */
    double horizon = fmax(start, late) + 1.5 * work / L + 1.0;
    int T = (int)fmin(TB_MAX_BUCKETS, (double)TB_MAX_COLUMNS / (double)(pairs > 0 ? pairs : 1));
    if (T < TB_MIN_BUCKETS)
        return COSCHED_OK;
    double width = ceil(horizon / T);
    /* Columns: minutes of order j on line k in bucket t (the last bucket has no end). */
    /* Rows: each order made, each bucket's capacity, two tardiness rows per order. Columns:
     * the parts, then each order's tardiness T_j (the objective: weight x T_j). */
    size_t maxc = (size_t)pairs * (size_t)T + (size_t)n;
    size_t maxr = 3 * (size_t)n + (size_t)L * (size_t)T;
    double *obj = cs_calloc(maxc, sizeof *obj);
    double *lb = cs_calloc(maxc, sizeof *lb);
    double *ub = cs_calloc(maxc, sizeof *ub);
    char *kind = cs_calloc(maxr, 1);
    double *rhs = cs_calloc(maxr, sizeof *rhs);
    int *er = cs_calloc(4 * maxc, sizeof *er);
    int *ec = cs_calloc(4 * maxc, sizeof *ec);
    double *ev = cs_calloc(4 * maxc, sizeof *ev);
    cosched_status st = COSCHED_ENOMEM;
    if (!obj || !lb || !ub || !kind || !rhs || !er || !ec || !ev)
        goto done;
    int nr = 0;
    int nc = 0;
    long ne = 0;
    /* Row j: the whole order is made. Row n + j: T_j >= each part's lateness, averaged over
     * the parts. Row 2n + j (whole orders): T_j >= C_j - d_j with C_j at least the parts'
     * mean time plus half the order's minutes (a non-preemptive order's mean busy time is
     * its completion less half its processing). */
    for (int j = 0; j < n; j++) {
        kind[nr] = 'G';
        rhs[nr++] = 1.0;
    }
    for (int j = 0; j < n; j++) {
        kind[nr] = 'G';
        rhs[nr++] = 0.0;
    }
    for (int j = 0; j < n; j++) {
        kind[nr] = 'G';
        rhs[nr++] = -(double)sc->orders[j].due_at;
    }
    for (int j = 0; j < n; j++) {
        obj[nc] = sc->orders[j].weight;
        lb[nc] = 0.0;
        ub[nc] = HUGE_VAL;
        er[ne] = n + j;
        ec[ne] = nc;
        ev[ne++] = 1.0;
        er[ne] = 2 * n + j;
        ec[ne] = nc;
        ev[ne++] = 1.0;
        nc++;
    }
    int cap_row0 = nr;
    for (int k = 0; k < L; k++)
        for (int t = 0; t < T; t++) {
            const cs_line *ln = &sc->lines[k];
            double b0 = t * width;
            double cap = 1e9; /* the open last bucket */
            if (t + 1 < T) {
                double from = fmax(b0, (double)ln->available_at);
                double to = b0 + width;
                cap = from < to ? cs_calendar_working_between(ln, (int32_t)from, (int32_t)to)
                                : 0.0;
            }
            kind[nr] = 'L';
            rhs[nr++] = cap;
        }
    for (int j = 0; j < n; j++) {
        const cs_order *o = &sc->orders[j];
        bool parts = order_in_parts(sc, j);
        for (int k = 0; k < L; k++) {
            int32_t p = cs_run_minutes(sc, j, k);
            if (p < 0)
                continue;
            const cs_line *ln = &sc->lines[k];
            double ready = fmax((double)o->release_at, (double)ln->available_at);
            double alone = -1.0;
            if (!parts) {
                alone = cs_timing_step(ln, ln->available_at, 0, o->release_at, p);
            }
            /* A part of a split order takes at least its share of the rounded minutes, less
             * the rounding. */
            double minutes = parts ? fmax((double)p - 1.0, 0.0) : (double)p;
            for (int t = 0; t < T; t++) {
                double b0 = t * width;
                if (t + 1 < T && b0 + width <= ready)
                    continue;
                double at = fmax(fmax(b0, ready), alone);
                double lateness = fmax(0.0, at - o->due_at);
                /* Zero minutes: the column is the order's fraction placed here. */
                double per = minutes > 0.0 ? 1.0 / minutes : 1.0;
                lb[nc] = 0.0;
                ub[nc] = minutes > 0.0 ? minutes : 1.0;
                er[ne] = j;
                ec[ne] = nc;
                ev[ne++] = per;
                if (lateness > 0.0) {
                    er[ne] = n + j;
                    ec[ne] = nc;
                    ev[ne++] = -lateness * per;
                }
                if (!parts) {
                    er[ne] = 2 * n + j;
                    ec[ne] = nc;
                    ev[ne++] = -(fmax(b0, ready) + 0.5 * minutes) * per;
                }
                if (minutes > 0.0) {
                    er[ne] = cap_row0 + k * T + t;
                    ec[ne] = nc;
                    ev[ne++] = 1.0;
                }
                nc++;
            }
        }
    }
    cs_lp_model mdl = { nc, obj, lb, ub, NULL, nr, kind, rhs, ne, er, ec, ev };
    bool has = false;
    double b = 0.0;
    st = cs_backend_lp_bound(&mdl, deadline - cs_now(), &has, &b, NULL, NULL);
    if (st == COSCHED_OK && has)
        *bound = fmax(0.0, b - 1e-6 * fmax(1.0, b));
done:
    free(obj);
    free(lb);
    free(ub);
    free(kind);
    free(rhs);
    free(er);
    free(ec);
    free(ev);
    return st;
}
