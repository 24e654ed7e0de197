/* timing.c -- the weight of a changeover and the least changeover into a product
 * (timing.h). The step itself is inline in timing.h. */
#include "model/timing.h"

double cs_co_weighted(const cosched_scenario *sc, int line, int from, int to, double wm,
                      double wc)
{
    int32_t m = cs_co_minutes(sc, line, from, to);
    double c = cs_co_cost(sc, line, from, to);
    double v = 0.0;
    if (wm > 0.0 && m > 0)
        v += wm * m;
    if (wc > 0.0 && c > 0.0)
        v += wc * c;
    return v;
}

double cs_least_changeover_into(const cosched_scenario *sc, int line, int product,
                                bool from_initial, cs_may_precede_fn may_precede,
                                const void *ud, double wm, double wc)
{
    double best = -1.0;
    if (from_initial && cs_co_minutes(sc, line, sc->lines[line].initial_product, product) >= 0)
        best = cs_co_weighted(sc, line, sc->lines[line].initial_product, product, wm, wc);
    /* Over products rather than orders: callers with thousands of orders stay linear. */
    for (int q = 0; q < sc->n_products && best != 0.0; q++) {
        if (!may_precede(ud, q) || cs_co_minutes(sc, line, q, product) < 0)
            continue;
        double v = cs_co_weighted(sc, line, q, product, wm, wc);
        if (best < 0.0 || v < best)
            best = v;
    }
    return best;
}
