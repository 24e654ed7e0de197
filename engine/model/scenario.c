/* scenario.c -- the loaded scenario: freeing it, counts, id lookups (hashed when the loader
 * built the maps, a scan for hand-built scenarios) and run-minute arithmetic. */
#include "model/scenario.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cosched_scenario_free(cosched_scenario *sc)
{
    if (sc == NULL)
        return;
    if (sc->derived) {
        cs_scenario_derived_free(sc);
        return;
    }
    free(sc->dir);
    for (int i = 0; i < sc->n_lines; i++) {
        free(sc->lines[i].id);
        free(sc->lines[i].name);
        free(sc->lines[i].downtime);
    }
    free(sc->lines);
    for (int i = 0; i < sc->n_products; i++)
        free(sc->products[i].id);
    free(sc->products);
    for (int i = 0; i < sc->n_families; i++)
        free(sc->families[i]);
    free(sc->families);
    for (int i = 0; i < sc->n_orders; i++)
        free(sc->orders[i].id);
    free(sc->orders);
    for (int i = 0; i < sc->n_done; i++)
        free(sc->done_ids[i]);
    free(sc->done_ids);
    cs_strmap_free(sc->done_index);
    cosched_actuals_free(sc->applied, sc->n_applied);
    free(sc->run_minutes);
    free(sc->units_per_hour);
    free(sc->max_batch);
    free(sc->co_minutes);
    free(sc->co_cost);
    free(sc->minutes_per_unit);
    cs_strmap_free(sc->line_index);
    cs_strmap_free(sc->product_index);
    cs_strmap_free(sc->order_index);
    for (int i = 0; i < sc->n_load_warnings; i++)
        free(sc->load_warnings[i]);
    free(sc->load_warnings);
    free(sc);
}

int cosched_scenario_n_orders(const cosched_scenario *sc) { return sc->n_orders; }
int cosched_scenario_n_lines(const cosched_scenario *sc) { return sc->n_lines; }

static const char *const status_names[] = {
    [COSCHED_ORDER_OPEN] = "open",
    [COSCHED_ORDER_IN_PROGRESS] = "in_progress",
    [COSCHED_ORDER_DONE] = "done",
};

const char *cs_order_status_name(cosched_order_status st)
{
    return (size_t)st < sizeof status_names / sizeof status_names[0] ? status_names[st] : "open";
}

bool cs_order_status_parse(const char *name, cosched_order_status *out)
{
    for (size_t k = 0; name != NULL && k < sizeof status_names / sizeof status_names[0]; k++) {
        if (strcmp(name, status_names[k]) == 0) {
            *out = (cosched_order_status)k;
            return true;
        }
    }
    return false;
}

bool cs_scenario_has_in_progress(const cosched_scenario *sc)
{
    for (int o = 0; o < sc->n_orders; o++)
        if (sc->orders[o].status == CS_ORDER_IN_PROGRESS)
            return true;
    return false;
}

bool cs_scenario_has_downtime(const cosched_scenario *sc)
{
    for (int k = 0; k < sc->n_lines; k++)
        if (sc->lines[k].n_downtime > 0)
            return true;
    return false;
}

bool cs_scenario_has_delay_extensions(const cosched_scenario *sc)
{
    if (sc->set.cleaning_crews > 0)
        return true;
    for (int k = 0; k < sc->n_lines; k++)
        if (sc->lines[k].max_run_minutes > 0)
            return true;
    return false;
}

bool cs_scenario_has_split_extensions(const cosched_scenario *sc)
{
    for (int o = 0; o < sc->n_orders; o++) {
        if (sc->orders[o].split)
            return true;
        for (int k = 0; k < sc->n_lines; k++) {
            double mb = sc->max_batch[(size_t)sc->orders[o].product * sc->n_lines + k];
            if (mb > 0.0 && sc->orders[o].quantity > mb)
                return true;
        }
    }
    return false;
}

bool cs_scenario_line_is_stepwise(const cosched_scenario *sc, int line)
{
    if (sc->lines[line].max_run_minutes > 0)
        return false; /* cleanings come between the steps */
    for (int o = 0; o < sc->n_orders; o++) {
        if (cs_run_minutes(sc, o, line) < 0)
            continue;
        double q = sc->orders[o].quantity;
        double largest;
        if (!(q > 0.0) ||
            cs_scenario_batch_count(q, cs_scenario_batch_limit(sc, o, line, q), &largest) != 1)
            return false;
    }
    return true;
}

bool cs_scenario_line_all_released(const cosched_scenario *sc, int line)
{
    for (int o = 0; o < sc->n_orders; o++)
        if (cs_run_minutes(sc, o, line) >= 0 &&
            sc->orders[o].release_at > sc->lines[line].available_at)
            return false;
    return true;
}

int cs_scenario_find_line(const cosched_scenario *sc, const char *id)
{
    if (sc->line_index != NULL)
        return cs_strmap_get(sc->line_index, id);
    for (int i = 0; i < sc->n_lines; i++) {
        if (strcmp(sc->lines[i].id, id) == 0)
            return i;
    }
    return -1;
}

int cs_scenario_find_product(const cosched_scenario *sc, const char *id)
{
    if (sc->product_index != NULL)
        return cs_strmap_get(sc->product_index, id);
    for (int i = 0; i < sc->n_products; i++) {
        if (strcmp(sc->products[i].id, id) == 0)
            return i;
    }
    return -1;
}

int cs_scenario_find_order(const cosched_scenario *sc, const char *id)
{
    if (sc->order_index != NULL)
        return cs_strmap_get(sc->order_index, id);
    for (int i = 0; i < sc->n_orders; i++) {
        if (strcmp(sc->orders[i].id, id) == 0)
            return i;
    }
    return -1;
}

cosched_status cs_scenario_index(cosched_scenario *sc)
{
    cs_strmap *m[3] = {cs_strmap_create(), cs_strmap_create(), cs_strmap_create()};
    cosched_status st = COSCHED_OK;
    if (m[0] == NULL || m[1] == NULL || m[2] == NULL)
        st = COSCHED_ENOMEM;
    for (int i = 0; i < sc->n_lines && st == COSCHED_OK; i++)
        st = cs_strmap_put(m[0], sc->lines[i].id, i);
    for (int i = 0; i < sc->n_products && st == COSCHED_OK; i++)
        st = cs_strmap_put(m[1], sc->products[i].id, i);
    for (int i = 0; i < sc->n_orders && st == COSCHED_OK; i++)
        st = cs_strmap_put(m[2], sc->orders[i].id, i);
    if (st != COSCHED_OK) {
        for (int k = 0; k < 3; k++)
            cs_strmap_free(m[k]);
        return st;
    }
    cs_strmap_free(sc->line_index);
    cs_strmap_free(sc->product_index);
    cs_strmap_free(sc->order_index);
    sc->line_index = m[0];
    sc->product_index = m[1];
    sc->order_index = m[2];
    return COSCHED_OK;
}

int32_t cs_scenario_run_minutes_for(const cosched_scenario *sc, int product, int line,
                                    double quantity)
{
    size_t k = (size_t)product * sc->n_lines + line;
    double mpu = sc->minutes_per_unit != NULL ? sc->minutes_per_unit[k] : 0.0;
    double uph = sc->units_per_hour[k];
    double m;
    /* The contract's formulas, including the 1e-6 that keeps 2.0000000001 from costing a
     * whole extra minute after floating-point noise. */
    if (mpu > 0)
        m = ceil(quantity * mpu - 1e-6);
    else if (uph > 0)
        m = ceil(quantity * 60.0 / uph - 1e-6);
    else
        return -1;
    if (!(m <= CS_MAX_MINUTES))
        return -1;
    return m < 0 ? 0 : (int32_t)m;
}

int cs_scenario_batch_count(double quantity, double limit, double *largest)
{
    int n = 1;
    double big = quantity;
    if (limit > 0.0 && quantity > limit * (1.0 + 1e-9)) {
        if (fabs(quantity - floor(quantity + 0.5)) < 1e-9 && limit >= 1.0) {
            double whole = floor(limit + 1e-9);
            n = (int)ceil(quantity / whole - 1e-9);
            big = ceil(floor(quantity + 0.5) / n - 1e-9);
        } else {
            n = (int)ceil(quantity / limit - 1e-9);
            big = quantity / n;
        }
    }
    *largest = big;
    return n;
}

/* Minutes per unit of @p product on @p line (> 0 when the line can make it). */
static double minutes_per_unit(const cosched_scenario *sc, int product, int line)
{
    size_t k = (size_t)product * sc->n_lines + line;
    if (sc->minutes_per_unit != NULL && sc->minutes_per_unit[k] > 0.0)
        return sc->minutes_per_unit[k];
    return sc->units_per_hour[k] > 0.0 ? 60.0 / sc->units_per_hour[k] : 0.0;
}

double cs_scenario_fit_units(const cosched_scenario *sc, int line, int product, double rem,
                             int32_t allow, bool whole)
{
    double mpu = minutes_per_unit(sc, product, line);
    if (allow <= 0 || !(mpu > 0.0))
        return 0.0;
    if (whole) {
        double q = floor(fmin((double)allow / mpu, rem) + 1e-9);
        while (q > 0.0 && cs_scenario_run_minutes_for(sc, product, line, q) > allow)
            q -= 1.0;
        while (q + 1.0 < rem - 1e-9 &&
               cs_scenario_run_minutes_for(sc, product, line, q + 1.0) <= allow)
            q += 1.0;
        return q;
    }
    /* Thousandths of a unit keep the written quantities short and their minutes stable. */
    double q = floor((double)allow / mpu * 1000.0) / 1000.0;
    if (!(q > 0.0) || cs_scenario_run_minutes_for(sc, product, line, q) > allow)
        q = ((double)allow - 0.5) / mpu;
    return q < rem ? q : 0.0;
}

double cs_scenario_batch_limit(const cosched_scenario *sc, int order, int line, double quantity)
{
    const cs_order *o = &sc->orders[order];
    const cs_line *ln = &sc->lines[line];
    double limit = sc->max_batch != NULL ? sc->max_batch[(size_t)o->product * sc->n_lines + line]
                                         : 0.0;
    if (o->split && ln->max_run_minutes > 0) {
        bool whole = fabs(quantity - floor(quantity + 0.5)) < 1e-9;
        double cap = cs_scenario_fit_units(sc, line, o->product, quantity + 1.0,
                                           ln->max_run_minutes, whole);
        if (cap > 0.0 && (limit <= 0.0 || cap < limit))
            limit = cap;
    }
    return limit;
}
