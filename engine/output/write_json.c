/* write_json.c -- summary.json: outcome, objective, bound, gap, run settings and KPIs, with
 * the contract's key names in a fixed order. Reals are printed with 15 significant digits,
 * which reads back within far less than the checker's tolerance and keeps 0.1 as "0.1".
 * Without a plan (infeasible, no_solution) objective, gap and the late list are null/empty.
 * A re-plan adds kpis.orders_moved and a "replan" object: the previous plan, the frozen
 * horizon, weight_stability, each order's previous line and the frozen orders, so that the
 * checker can recompute orders_moved without the previous plan's files. Last come the
 * earliest-due-date rule's figures ("edd") and the run record ("run"). */
#include "output/output.h"

#include "base/base.h"

#include <jansson.h>
#include <math.h>
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

/* The KPIs a plan and the EDD rule's plan share, under the names of "kpis". */
static void put_kpi_figures(json_t *o, const cosched_kpis *k, bool *ok)
{
    put(o, "weighted_tardiness_minutes", json_real(k->weighted_tardiness_minutes), ok);
    put(o, "late_orders", json_integer(k->late_orders), ok);
    put(o, "changeovers", json_integer(k->changeovers), ok);
    put(o, "changeover_minutes", json_integer(k->changeover_minutes), ok);
    put(o, "changeover_cost", json_real(k->changeover_cost), ok);
    put(o, "cleanings", json_integer(k->cleanings), ok);
    put(o, "cleaning_minutes", json_integer(k->cleaning_minutes), ok);
    put(o, "cleaning_cost", json_real(k->cleaning_cost), ok);
    put(o, "makespan_minutes", json_integer(k->makespan_minutes), ok);
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
    put_kpi_figures(o, k, ok);
    if (p->replan != NULL)
        put(o, "orders_moved", json_integer(k->orders_moved), ok);
    put(o, "done_orders", json_integer(sc->n_done), ok);
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

/* What the objective is made of: each term's weight, value, contribution (weight x value)
 * and share of the objective, so that a planner reads 2,042 as 1,062 minutes of weighted
 * tardiness plus 570 changeover minutes plus 410 for changeover cost. */
static json_t *terms_json(const cosched_scenario *sc, const cosched_plan *p, bool *ok)
{
    json_t *o = json_object();
    for (int t = 0; o != NULL && t < CS_N_TERMS; t++) {
        double c = cs_term_contribution(&sc->set, &p->kpis, (cs_term)t);
        json_t *e = json_object();
        put(e, "weight", json_real(cs_term_weight(&sc->set, (cs_term)t)), ok);
        put(e, "value", json_real(cs_term_value(&p->kpis, (cs_term)t)), ok);
        put(e, "contribution", json_real(c), ok);
        put(e, "share", json_real(p->objective > 0.0 ? c / p->objective : 0.0), ok);
        put(o, cs_term_names[t], e, ok);
    }
    if (o == NULL)
        *ok = false;
    return o;
}

/* With priorities, each level's term and value, and a proven bound: every level's own value
 * when the plan is optimal; else, for the first level, what the bound of the weighted sum
 * says of it (the levels below add at most level_below); else null. */
static json_t *levels_json(const cosched_scenario *sc, const cosched_plan *p, bool *ok)
{
    const cs_settings *set = &sc->set;
    const cosched_result *r = &p->result;
    bool optimal = r->outcome == COSCHED_OUTCOME_OPTIMAL;
    json_t *a = json_array();
    for (int l = 0; a != NULL && l < set->n_levels; l++) {
        int t = set->level_term[l];
        double v = cs_term_value(&p->kpis, (cs_term)t);
        json_t *e = json_object();
        put(e, "term", json_string(cs_level_term_name(t)), ok);
        put(e, "value", json_real(v), ok);
        json_t *b = json_null();
        if (optimal) {
            json_decref(b);
            b = json_real(v);
        } else {
            /* A term's own bound holds for every plan, the optimum included; the first
             * level also gets what the bound of the weighted sum proves. */
            double lb = p->has_term_bound[t] ? p->term_bound[t] : -1.0;
            if (l == 0 && r->has_bound)
                lb = fmax(lb, floor((r->bound - set->level_below[0]) / set->level_weight[0] +
                                    1e-9));
            if (lb >= 0.0) {
                json_decref(b);
                b = json_real(lb);
            }
        }
        put(e, "bound", b, ok);
        if (e == NULL || json_array_append_new(a, e) != 0)
            *ok = false;
    }
    if (a == NULL)
        *ok = false;
    return a;
}

/* Each term's proven lower bound (unweighted, in the unit of objective_terms' value), null
 * where none is known: beside the plan's values it shows where a gap lies. */
static json_t *bound_terms_json(const cosched_plan *p, bool *ok)
{
    json_t *o = json_object();
    for (int t = 0; o != NULL && t < CS_N_TERMS; t++)
        put(o, cs_term_names[t], p->has_term_bound[t] ? json_real(p->term_bound[t]) : json_null(),
            ok);
    if (o == NULL)
        *ok = false;
    return o;
}

/* The state at now: the done orders, the orders in progress and their lines, and the
 * statuses taken from a previous plan (--actuals-from-previous), which the checker needs to
 * see the scenario as this plan did. */
static void put_actuals(json_t *root, const cosched_scenario *sc, bool *ok)
{
    char buf[32];
    cs_datetime_format(sc->horizon_epoch_min + sc->set.now_at, buf, sizeof buf);
    put(root, "now", json_string(buf), ok);
    json_t *done = json_array();
    for (int i = 0; done != NULL && i < sc->n_done; i++)
        if (json_array_append_new(done, json_string(sc->done_ids[i])) != 0)
            *ok = false;
    put(root, "done", done, ok);
    json_t *running = json_object();
    for (int o = 0; running != NULL && o < sc->n_orders; o++)
        if (sc->orders[o].status == CS_ORDER_IN_PROGRESS)
            put(running, sc->orders[o].id,
                json_string(sc->lines[sc->orders[o].progress_line].id), ok);
    put(root, "in_progress", running, ok);
    if (sc->n_applied == 0)
        return;
    json_t *act = json_object();
    json_t *list = json_array();
    for (int i = 0; list != NULL && i < sc->n_applied; i++) {
        const cosched_actual *a = &sc->applied[i];
        json_t *e = json_object();
        put(e, "order_id", json_string(a->order_id), ok);
        put(e, "status", json_string(cs_order_status_name(a->status)), ok);
        put(e, "produced", json_real(a->produced), ok);
        put(e, "line_id", a->line_id != NULL ? json_string(a->line_id) : json_null(), ok);
        if (e == NULL || json_array_append_new(list, e) != 0)
            *ok = false;
    }
    put(act, "source", json_string("previous_plan"), ok);
    put(act, "orders", list, ok);
    put(root, "actuals", act, ok);
}

/* What stopped the search, and whether the plan depends on the machine. */
static json_t *search_json(const cosched_result *r, bool *ok)
{
    json_t *o = json_object();
    put(o, "stopped_by", json_string(cosched_stop_name(r->stopped_by)), ok);
    put(o, "repeatable", json_boolean(r->repeatable), ok);
    put(o, "work_units", json_real(r->work_units), ok);
    put(o, "work_limit", r->work_limit_units >= 0.0 ? json_real(r->work_limit_units) : json_null(),
        ok);
    return o;
}

/* The earliest-due-date rule's plan beside this one: its objective and KPIs (the names of
 * "kpis"), or null when it was not kept (a re-plan, a scenario without orders). */
static json_t *edd_json(const cosched_plan *p, bool *ok)
{
    if (!p->has_edd)
        return json_null();
    const cosched_kpis *k = &p->edd_kpis;
    json_t *o = json_object();
    if (o == NULL) {
        *ok = false;
        return NULL;
    }
    put(o, "objective", json_real(p->edd_objective), ok);
    put_kpi_figures(o, k, ok);
    return o;
}

/* What an MES needs to file the plan: which inputs (the scenario as named, and the digest
 * of its files: cs_csvtab_digest_add), when the solve started (UTC) and every option that
 * shapes the plan, whether it came from the command line or settings.csv. */
static json_t *run_json(const cosched_scenario *sc, const cosched_plan *p, bool *ok)
{
    json_t *o = json_object();
    json_t *opt = json_object();
    if (o == NULL || opt == NULL) {
        json_decref(o);
        json_decref(opt);
        *ok = false;
        return NULL;
    }
    cs_run_record rr;
    cs_output_run_record(sc, p, &rr);
    put(o, "scenario", sc->dir != NULL ? json_string(sc->dir) : json_null(), ok);
    put(o, "input_sha256", rr.has_digest ? json_string(rr.digest) : json_null(), ok);
    put(o, "started_at", rr.has_started ? json_string(rr.started_at) : json_null(), ok);
    put(opt, "time_limit_s", json_real(rr.time_limit_s), ok);
    put(opt, "seed", json_integer(rr.seed), ok);
    put(opt, "mip_gap", json_real(p->mip_gap >= 0 ? p->mip_gap : sc->set.mip_gap), ok);
    put(opt, "iteration_limit",
        p->iteration_limit >= 0 ? json_integer(p->iteration_limit) : json_null(), ok);
    put(opt, "work_limit", rr.has_work_limit ? json_real(rr.work_limit) : json_null(), ok);
    char at[32];
    cs_datetime_format(sc->horizon_epoch_min + sc->set.now_at, at, sizeof at);
    put(opt, "now", json_string(at), ok);
    const char *prev = p->replan != NULL ? p->replan->previous_dir : NULL;
    put(opt, "previous", prev != NULL ? json_string(prev) : json_null(), ok);
    put(opt, "freeze_hours", p->freeze_hours >= 0 ? json_real(p->freeze_hours) : json_null(), ok);
    put(opt, "actuals_from_previous", json_boolean(sc->n_applied > 0), ok);
    put(o, "options", opt, ok);
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
    put(root, "schema_version", json_integer(COSCHED_SCHEMA_VERSION), &ok);
    put(root, "cosched_version", json_string(COSCHED_VERSION), &ok);
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
    if (plan)
        put(root, "objective_terms", terms_json(sc, p, &ok), &ok);
    put(root, "bound_terms", bound_terms_json(p, &ok), &ok);
    if (plan && sc->set.n_levels > 0)
        put(root, "levels", levels_json(sc, p, &ok), &ok);
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
    put_actuals(root, sc, &ok);
    if (p->replan != NULL)
        put(root, "replan", replan_json(sc, p, &ok), &ok);
    put(root, "edd", edd_json(p, &ok), &ok);
    put(root, "run", run_json(sc, p, &ok), &ok);
    put(root, "search", search_json(r, &ok), &ok);
    char *s = ok ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                        JSON_REAL_PRECISION(15))
                 : NULL;
    json_decref(root);
    return s;
}
