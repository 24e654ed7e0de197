/* derive.c -- derived scenarios for re-planning: a view of a loaded scenario with a subset
 * of its orders (some with a smaller quantity) and lines that start later, in another setup.
 * It owns only its lines, orders, run minutes and the map to the original orders; every
 * other table is borrowed from the scenario it was derived from, and the previous lines
 * from the caller's spec, which must outlive it. */
#include "model/scenario.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

void cs_scenario_derived_free(cosched_scenario *d)
{
    if (d == NULL)
        return;
    free(d->lines);
    free(d->orders);
    free(d->run_minutes);
    free(d->orig_order);
    free(d);
}

cosched_status cs_scenario_derive(const cosched_scenario *sc, const cs_derive_spec *spec,
                                  cosched_scenario **out, int **orig_of)
{
    cosched_scenario *d = calloc(1, sizeof *d);
    if (d == NULL)
        return COSCHED_ENOMEM;
    *d = *sc;
    d->derived = true;
    d->lines = NULL;
    d->orders = NULL;
    d->run_minutes = NULL;
    d->prev_line = spec->prev_line;
    d->orig_order = NULL;
    /* Order indices change, so the id map of orders no longer applies (lookups scan). */
    d->order_index = NULL;
    int n = 0;
    for (int o = 0; o < sc->n_orders; o++)
        n += spec->keep[o] ? 1 : 0;
    size_t nl = (size_t)sc->n_lines;
    int *map = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *map);
    d->lines = cs_calloc(nl > 0 ? nl : 1, sizeof *d->lines);
    d->orders = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *d->orders);
    d->run_minutes = cs_calloc((size_t)(n > 0 ? n : 1) * (nl > 0 ? nl : 1),
                               sizeof *d->run_minutes);
    d->orig_order = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *d->orig_order);
    if (map == NULL || d->lines == NULL || d->orders == NULL || d->run_minutes == NULL ||
        d->orig_order == NULL) {
        free(map);
        cs_scenario_derived_free(d);
        return COSCHED_ENOMEM;
    }
    for (size_t l = 0; l < nl; l++) {
        d->lines[l] = sc->lines[l];
        d->lines[l].available_at = spec->available_at[l];
        d->lines[l].initial_product = spec->initial_product[l];
    }
    d->n_orders = n;
    int k = 0;
    for (int o = 0; o < sc->n_orders; o++) {
        if (!spec->keep[o])
            continue;
        cs_order *od = &d->orders[k];
        *od = sc->orders[o];
        bool changed = spec->quantity != NULL && spec->quantity[o] != od->quantity;
        if (changed) {
            od->quantity = spec->quantity[o];
            if (od->min_split > od->quantity)
                od->min_split = od->quantity;
        }
        for (size_t l = 0; l < nl; l++) {
            int32_t m = cs_run_minutes(sc, o, (int)l);
            if (changed && m >= 0) {
                m = cs_scenario_run_minutes_for(sc, od->product, (int)l, od->quantity);
                if (m < 0) {
                    free(map);
                    cs_scenario_derived_free(d);
                    return COSCHED_EINTERNAL; /* the line made the whole order */
                }
            }
            d->run_minutes[(size_t)k * nl + l] = m;
        }
        d->orig_order[k] = o;
        map[k++] = o;
    }
    *out = d;
    *orig_of = map;
    return COSCHED_OK;
}
