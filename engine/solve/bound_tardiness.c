/* bound_tardiness.c -- bounds of weighted tardiness and makespan from each order alone:
 * no plan can finish an order before it would end alone on the line where it ends first
 * (its release, the line's availability and downtime included). Valid for whole orders
 * only: parts of a split order on several lines can end sooner. */
#include "solve/bound.h"

void cs_bound_order_alone(const cosched_scenario *sc, double *tardiness, double *makespan)
{
    double tard = 0.0;
    double cmax = 0.0;
    for (int j = 0; j < sc->n_orders; j++) {
        const cs_order *o = &sc->orders[j];
        double best = -1.0;
        for (int k = 0; k < sc->n_lines; k++) {
            int32_t p = cs_run_minutes(sc, j, k);
            if (p < 0)
                continue;
            const cs_line *ln = &sc->lines[k];
            int32_t t = o->release_at > ln->available_at ? o->release_at : ln->available_at;
            t = cs_calendar_next_working(ln, t);
            double end = cs_calendar_advance(ln, t, p);
            if (best < 0.0 || end < best)
                best = end;
        }
        if (best < 0.0)
            continue;
        if (best > o->due_at)
            tard += o->weight * (best - o->due_at);
        if (best > cmax)
            cmax = best;
    }
    *tardiness = tard;
    *makespan = cmax;
}
