/* bound_cleaning.c -- cleanings that max_run_minutes forces inside one order's run. A
 * whole order of p working minutes on a line with a sanitation interval M runs without a
 * changeover, so at least ceil(p / M) - 1 cleanings stand inside its run, whatever comes
 * before it. Each order is charged the cheapest line it can run on (a line without an
 * interval costs nothing). Orders that may be made in parts are not charged: parts on
 * several lines may each stay under the interval. These cleanings lie inside orders, so
 * they add to the changeovers' bound, which counts only changes between orders. */
#include "solve/bound.h"

void cs_bound_cleanings(const cosched_scenario *sc, double wm, double wc, double *bound)
{
    double total = 0.0;
    for (int j = 0; j < sc->n_orders; j++) {
        const cs_order *o = &sc->orders[j];
        bool parts = o->split;
        for (int k = 0; k < sc->n_lines && !parts; k++) {
            double mb = sc->max_batch[(size_t)o->product * sc->n_lines + k];
            parts = mb > 0.0 && o->quantity > mb;
        }
        if (parts)
            continue;
        double best = -1.0;
        for (int k = 0; k < sc->n_lines && best != 0.0; k++) {
            int32_t p = cs_run_minutes(sc, j, k);
            if (p < 0)
                continue;
            const cs_line *ln = &sc->lines[k];
            double c = 0.0;
            if (ln->max_run_minutes > 0 && p > ln->max_run_minutes) {
                long n = (p + ln->max_run_minutes - 1) / ln->max_run_minutes - 1;
                double each = 0.0;
                if (wm > 0.0)
                    each += wm * ln->cleaning_minutes;
                if (wc > 0.0 && ln->cleaning_cost > 0.0)
                    each += wc * ln->cleaning_cost;
                c = (double)n * each;
            }
            if (best < 0.0 || c < best)
                best = c;
        }
        if (best > 0.0)
            total += best;
    }
    *bound = total;
}
