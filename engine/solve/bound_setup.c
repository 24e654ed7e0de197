/* bound_setup.c -- the changeovers that due dates force, inside the tardiness LP.
 * Orders of one product run back to back with no changeover, so the tardiness LP alone
 * lets every line make every product in every bucket for free. In a plan, a line is set up
 * for one product at a time: say it is in state P at the start of a period of buckets when
 * the last minute it produced before was of product P (its initial product before any;
 * on a clean line, the first product it will make, which needs no changeover). A product
 * that runs in a period where the line is not in its state is entered there at least once,
 * and every entry takes at least the least changeover minutes into the product on the line
 * (from any other product), before the period ends. So, per line and period, with
 *   z_P = 1 when P runs (at least the fraction of each of its orders made there),
 *   s_P = 1 when the line starts in state P (at most one product; the initial one first),
 *   e_P = the entries into P,
 * e_P >= z_P - s_P, the next period's s_P <= s_P + e_P, and the minutes made plus the
 * entries' changeover minutes fit into the working minutes up to the period's end (a
 * carry y takes what a period leaves unused to the next). Every plan gives such values,
 * so the LP stays a lower bound; its fractional states are weak, but where many products
 * are due within a period they cost capacity, and so tardiness. */
#include "solve/bound_lp.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdlib.h>

/* Minutes per period: about a day, measured on generated plants against half and double
 * (shorter periods let the fractional states cover more products, longer ones count fewer
 * entries). */
#ifndef SETUP_PERIOD_MINUTES
#define SETUP_PERIOD_MINUTES 1440.0
#endif

static bool other_product(const void *ud, int q)
{
    return q != *(const int *)ud;
}

cosched_status cs_bound_setup_rows(cs_lp_build *m, const cosched_scenario *sc,
                                   const cs_setup_lp *g)
{
    int L = g->L;
    int T = g->T;
    int NPd = sc->n_products;
    /* At least four periods: a short horizon still has states that carry over. */
    int M = (int)fmax(1.0, fmin(round(SETUP_PERIOD_MINUTES / g->width), floor(T / 4.0)));
    int NP = (T + M - 1) / M;
    /* Product-line pairs with orders, and their least changeover minutes in. */
    int *pl = cs_calloc((size_t)NPd * (size_t)L, sizeof *pl);
    double *sigma = cs_calloc((size_t)NPd * (size_t)L, sizeof *sigma);
    int *zcol = cs_calloc((size_t)NPd * (size_t)L, sizeof *zcol); /* first z of the pair */
    cosched_status st = COSCHED_ENOMEM;
    if (!pl || !sigma || !zcol)
        goto done;
    for (size_t q = 0; q < (size_t)NPd * (size_t)L; q++)
        pl[q] = -1;
    for (int i = 0; i < g->n; i++) {
        int P = sc->orders[g->orders[i]].product;
        for (int kk = 0; kk < L; kk++) {
            if (g->xper[(size_t)i * L + kk] == 0.0 || pl[(size_t)P * L + kk] >= 0)
                continue;
            double s = cs_least_changeover_into(sc, g->lines[kk], P, false, other_product, &P,
                                                1.0, 0.0);
            if (s > 0.0) {
                pl[(size_t)P * L + kk] = 1;
                sigma[(size_t)P * L + kk] = s;
            }
        }
    }
    for (int kk = 0; kk < L; kk++) {
        const cs_line *ln = &sc->lines[g->lines[kk]];
        bool any = false;
        for (int P = 0; P < NPd; P++)
            any = any || pl[(size_t)P * L + kk] >= 0;
        if (!any)
            continue;
        /* Per period: the state row (at most one product), the capacity row and the carry
         * out of it. */
        int state0 = m->n_rows;
        for (int tau = 0; tau < NP; tau++)
            cs_lp_build_row(m, 'L', 1.0);
        int cap0 = m->n_rows;
        for (int tau = 0; tau < NP; tau++) {
            double cap = 0.0;
            for (int t = tau * M; t < T && t < (tau + 1) * M; t++)
                cap += m->rhs[g->cap_row[kk * T + t]];
            cs_lp_build_row(m, 'L', cap);
        }
        for (int tau = 0; tau + 1 < NP; tau++) {
            int y = cs_lp_build_col(m, 0.0, 0.0, HUGE_VAL);
            cs_lp_build_entry(m, cap0 + tau, y, 1.0);
            cs_lp_build_entry(m, cap0 + tau + 1, y, -1.0);
        }
        for (int i = 0; i < g->n; i++) {
            if (!g->xtime[(size_t)i * L + kk])
                continue;
            for (int t = 0; t < T; t++) {
                int c = g->xcol[((size_t)i * L + kk) * T + t];
                if (c >= 0)
                    cs_lp_build_entry(m, cap0 + t / M, c, 1.0);
            }
        }
        for (int P = 0; P < NPd; P++) {
            size_t q = (size_t)P * L + kk;
            if (pl[q] < 0)
                continue;
            /* z, s, e of each period; the entry row e + s - z >= 0 and the transition row
             * s' - s - e <= 0 to the next period. */
            zcol[q] = m->n_cols;
            int entry0 = m->n_rows;
            for (int tau = 0; tau < NP; tau++)
                cs_lp_build_row(m, 'G', 0.0);
            int trans0 = m->n_rows;
            for (int tau = 0; tau + 1 < NP; tau++)
                cs_lp_build_row(m, 'L', 0.0);
            for (int tau = 0; tau < NP; tau++) {
                double s_ub = 1.0;
                if (tau == 0 && ln->initial_product >= 0 && ln->initial_product != P)
                    s_ub = 0.0;
                int z = cs_lp_build_col(m, 0.0, 0.0, 1.0);
                int s = cs_lp_build_col(m, 0.0, 0.0, s_ub);
                int e = cs_lp_build_col(m, 0.0, 0.0, HUGE_VAL);
                cs_lp_build_entry(m, entry0 + tau, e, 1.0);
                cs_lp_build_entry(m, entry0 + tau, s, 1.0);
                cs_lp_build_entry(m, entry0 + tau, z, -1.0);
                cs_lp_build_entry(m, state0 + tau, s, 1.0);
                cs_lp_build_entry(m, cap0 + tau, e, sigma[q]);
                if (tau + 1 < NP) {
                    cs_lp_build_entry(m, trans0 + tau, s, -1.0);
                    cs_lp_build_entry(m, trans0 + tau, e, -1.0);
                }
                if (tau > 0)
                    cs_lp_build_entry(m, trans0 + tau - 1, s, 1.0);
            }
        }
        /* Each order's fraction made on the line in a period is at most its product's z. */
        for (int i = 0; i < g->n; i++) {
            int P = sc->orders[g->orders[i]].product;
            size_t q = (size_t)P * L + kk;
            if (pl[q] < 0)
                continue;
            double per = g->xper[(size_t)i * L + kk];
            for (int tau = 0; tau < NP; tau++) {
                int row = -1;
                for (int t = tau * M; t < T && t < (tau + 1) * M; t++) {
                    int c = g->xcol[((size_t)i * L + kk) * T + t];
                    if (c < 0)
                        continue;
                    if (row < 0) {
                        row = cs_lp_build_row(m, 'L', 0.0);
                        cs_lp_build_entry(m, row, zcol[q] + 3 * tau, -1.0);
                    }
                    cs_lp_build_entry(m, row, c, per);
                }
            }
        }
    }
    st = m->failed ? COSCHED_ENOMEM : COSCHED_OK;
done:
    free(pl);
    free(sigma);
    free(zcol);
    return st;
}
