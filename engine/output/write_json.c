/* write_json.c -- summary.json: outcome, objective, bound, gap, run settings and KPIs, with
 * the contract's key names in a fixed order. Reals are printed with 15 significant digits,
 * which reads back within far less than the checker's tolerance and keeps 0.1 as "0.1".
 * Without a plan (infeasible, no_solution) objective, gap and the late list are null/empty.
 * A re-plan adds kpis.orders_moved and a "replan" object: the previous plan, the frozen
 * horizon, weight_stability, each order's previous line and the frozen orders, so that the
 * checker can recompute orders_moved without the previous plan's files. */
#include "output/output.h"

#include "base/base.h"

#include <jansson.h>
#include <stdlib.h>

static bool has_plan(const cosched_plan *p)
{
    return p->result.outcome == COSCHED_OUTCOME_OPTIMAL ||
           p->result.outcome == COSCHED_OUTCOME_FEASIBLE;
}

/* json_object_set_new that remembers a failed allocation instead of leaking. */
static void put(json_t *obj, const char *key, json_t *v, bool *ok)
{
    if (v == NULL || json_object_set_new(obj, key, v) != 0)
        *ok = false;
}

static json_t *kpis_json(const cosched_scenario *sc, const cosched_plan *p, bool *ok)
{
    const cosched_kpis *k = &p->kpis;
    json_t *o = json_object();
    json_t *u = json_object();
    if (o == NULL || u == NULL) {
        json_decref(o);
        json_decref(u);
        *ok = false;
        return NULL;
    }
    put(o, "weighted_tardiness_minutes", json_real(k->weighted_tardiness_minutes), ok);
    put(o, "late_orders", json_integer(k->late_orders), ok);
    put(o, "changeovers", json_integer(k->changeovers), ok);
    put(o, "changeover_minutes", json_integer(k->changeover_minutes), ok);
    put(o, "changeover_cost", json_real(k->changeover_cost), ok);
    put(o, "cleanings", json_integer(k->cleanings), ok);
    put(o, "cleaning_minutes", json_integer(k->cleaning_minutes), ok);
    put(o, "cleaning_cost", json_real(k->cleaning_cost), ok);
    put(o, "makespan_minutes", json_integer(k->makespan_minutes), ok);
    if (p->replan != NULL)
        put(o, "orders_moved", json_integer(k->orders_moved), ok);
    for (int l = 0; l < sc->n_lines; l++)
        put(u, sc->lines[l].id, json_real(p->utilization[l]), ok);
    put(o, "utilization", u, ok);
    return o;
}

static json_t *replan_json(const cosched_scenario *sc, const cosched_plan *p, bool *ok)
{
    const cs_replan_info *ri = p->replan;
    json_t *o = json_object();
    json_t *prev = json_object();
    json_t *frozen = json_array();
    if (o == NULL || prev == NULL || frozen == NULL) {
        json_decref(o);
        json_decref(prev);
        json_decref(frozen);
        *ok = false;
        return NULL;
    }
    put(o, "previous_plan", json_string(ri->previous_dir != NULL ? ri->previous_dir : ""), ok);
    if (ri->has_frozen_until) {
        char buf[32];
        cs_datetime_format(sc->horizon_epoch_min + ri->frozen_until_at, buf, sizeof buf);
        put(o, "frozen_until", json_string(buf), ok);
    } else {
        put(o, "frozen_until", json_null(), ok);
    }
    put(o, "weight_stability", json_real(sc->set.weight_stability), ok);
    put(o, "frozen_orders", json_integer(ri->n_frozen), ok);
    put(o, "frozen_retimed", json_integer(ri->n_retimed), ok);
    for (int i = 0; i < sc->n_orders && i < p->n_orders; i++) {
        if (ri->prev_line[i] >= 0)
            put(prev, sc->orders[i].id, json_string(sc->lines[ri->prev_line[i]].id), ok);
        if (ri->frozen[i] && json_array_append_new(frozen, json_string(sc->orders[i].id)) != 0)
            *ok = false;
    }
    put(o, "previous_lines", prev, ok);
    put(o, "frozen", frozen, ok);
    return o;
}

char *cosched_plan_summary_json(const cosched_scenario *sc, const cosched_plan *p)
{
    const cosched_result *r = &p->result;
    bool ok = true;
    double gap = 0.0;
    bool plan = has_plan(p);
    json_t *root = json_object();
    json_t *late = json_array();
    if (root == NULL || late == NULL) {
        json_decref(root);
        json_decref(late);
        return NULL;
    }
    put(root, "status", json_string(cosched_outcome_str(r->outcome)), &ok);
    put(root, "objective", plan ? json_real(p->objective) : json_null(), &ok);
    put(root, "bound", r->has_bound ? json_real(r->bound) : json_null(), &ok);
    put(root, "gap", plan && cosched_plan_gap(p, &gap) ? json_real(gap) : json_null(), &ok);
    put(root, "solve_seconds", json_real(r->solve_seconds), &ok);
    put(root, "method", json_string(r->method != NULL ? r->method : ""), &ok);
    put(root, "mip_complete", json_boolean(r->mip_complete), &ok);
    put(root, "seed", json_integer(p->seed >= 0 ? p->seed : sc->set.seed), &ok);
    put(root, "time_limit_s",
        json_real(p->time_limit_s >= 0 ? p->time_limit_s : sc->set.time_limit_s), &ok);
    put(root, "mip_gap", json_real(p->mip_gap >= 0 ? p->mip_gap : sc->set.mip_gap), &ok);
    put(root, "kpis", kpis_json(sc, p, &ok), &ok);
    if (plan) {
        for (int o = 0; o < sc->n_orders && o < p->n_orders; o++) {
            if (p->orders[o].scheduled && p->orders[o].tardiness > 0 &&
                json_array_append_new(late, json_string(sc->orders[o].id)) != 0)
                ok = false;
        }
    }
    put(root, "late", late, &ok);
    json_t *warnings = json_array();
    for (int i = 0; warnings != NULL && i < sc->n_load_warnings; i++)
        if (json_array_append_new(warnings, json_string(sc->load_warnings[i])) != 0)
            ok = false;
    for (int i = 0; warnings != NULL && i < p->n_warnings; i++)
        if (json_array_append_new(warnings, json_string(p->warnings[i])) != 0)
            ok = false;
    put(root, "warnings", warnings, &ok);
    if (p->replan != NULL)
        put(root, "replan", replan_json(sc, p, &ok), &ok);
    char *s = ok ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                        JSON_REAL_PRECISION(15))
                 : NULL;
    json_decref(root);
    return s;
}
