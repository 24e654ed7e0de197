/* timing.c -- the least changeover into a product (timing.h). The step itself is inline in
 * timing.h. */
#include "model/timing.h"

int32_t cs_least_changeover_into(const cosched_scenario *sc, int line, int product,
                                 bool from_initial, cs_may_precede_fn may_precede,
                                 const void *ud)
{
    int32_t best = from_initial ? cs_co_minutes(sc, line, sc->lines[line].initial_product,
                                                product)
                                : -1;
    /* Over products rather than orders: callers with thousands of orders stay linear. */
    for (int q = 0; q < sc->n_products && best != 0; q++) {
        if (!may_precede(ud, q))
            continue;
        int32_t m = cs_co_minutes(sc, line, q, product);
        if (m >= 0 && (best < 0 || m < best))
            best = m;
    }
    return best;
}
