/* plan_check_summary.c -- the checker's rules for summary.json: status, objective and every
 * KPI recomputed from plan.csv, the objective's terms and priority levels, a re-plan's
 * orders moved and frozen orders, bound and gap, "late", "warnings" and "utilization". */
#include "plan/plan_check_impl.h"

#include "base/base.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cs_checker *c;
    const char *file;
    const cs_plan_summary *s;
} json_ctx;

/* Line of @p key in the summary's text (see cs_plan_summary_key_line). */
static long key_line(const json_ctx *j, const char *key, const char **from)
{
    return cs_plan_summary_key_line(j->s, key, from);
}

/* The number under @p key; false (with a violation) when missing or not a number. */
static bool json_num(json_ctx *j, json_t *obj, const char *key, const char *where, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v)) {
        cs_check_violation(j->c, j->file, key_line(j, where ? where : key, NULL),
                           "\"%s\" is missing or not a number", key);
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static void expect_num(json_ctx *j, json_t *obj, const char *key, double want)
{
    double got;
    if (json_num(j, obj, key, NULL, &got) && !cs_check_close_enough(got, want))
        cs_check_violation(j->c, j->file, key_line(j, key, NULL),
                           "\"%s\" is %.15g, the plan gives %.15g", key, got, want);
}

/* Orders moved off their previous line, from the summary's "replan" object; frozen orders
 * must all stand on their previous line. */
static int replan_moved(json_ctx *j, json_t *rp, const cs_check_row *rows,
                        const cs_check_figures *fg)
{
    cs_checker *c = j->c;
    const cosched_scenario *sc = c->sc;
    json_t *prev = json_object_get(rp, "previous_lines");
    if (!json_is_object(prev)) {
        cs_check_violation(c, j->file, key_line(j, "replan", NULL),
                           "\"replan\" has no \"previous_lines\" object");
        return 0;
    }
    int moved = 0;
    const char *key;
    json_t *v;
    json_object_foreach(prev, key, v)
    {
        int o = cs_scenario_find_order(sc, key);
        const char *lid = json_string_value(v);
        int pl = lid != NULL ? cs_scenario_find_line(sc, lid) : -1;
        if (o < 0 || pl < 0) {
            cs_check_violation(c, j->file, key_line(j, key, NULL),
                               "previous line of '%s': unknown order or line", key);
            continue;
        }
        for (int i = fg->by_order_first[o]; i < fg->by_order_first[o + 1]; i++) {
            if (rows[fg->by_order[i]].line != pl) {
                moved++;
                break;
            }
        }
    }
    json_t *frozen = json_object_get(rp, "frozen");
    size_t k;
    json_array_foreach(frozen, k, v)
    {
        const char *id = json_string_value(v);
        int o = id != NULL ? cs_scenario_find_order(sc, id) : -1;
        const char *lid = id != NULL ? json_string_value(json_object_get(prev, id)) : NULL;
        int pl = lid != NULL ? cs_scenario_find_line(sc, lid) : -1;
        if (o < 0 || pl < 0) {
            cs_check_violation(c, j->file, key_line(j, "frozen", NULL),
                               "frozen order '%s' has no previous line", id != NULL ? id : "?");
            continue;
        }
        for (int i = fg->by_order_first[o]; i < fg->by_order_first[o + 1]; i++) {
            const cs_check_row *w = &rows[fg->by_order[i]];
            if (w->line != pl) {
                cs_check_violation(
                    c, j->file, key_line(j, "frozen", NULL),
                    "frozen order '%s' moved from line '%s' to '%s' (plan.csv line %ld)", id, lid,
                    w->line >= 0 ? sc->lines[w->line].id : "?", w->src);
                break;
            }
        }
    }
    return moved;
}

/* objective_terms, when present: every term's value and weight as the plan and the
 * settings give them, and contributions that add up to the objective. */
static void check_terms(json_ctx *j, json_t *root, const cs_settings *set, const cosched_kpis *k,
                        int moved)
{
    json_t *terms = json_object_get(root, "objective_terms");
    if (terms == NULL)
        return;
    if (!json_is_object(terms)) {
        cs_check_violation(j->c, j->file, key_line(j, "objective_terms", NULL),
                           "\"objective_terms\" is not an object");
        return;
    }
    cosched_kpis km = *k;
    km.orders_moved = moved;
    for (int t = 0; t < CS_N_TERMS; t++) {
        json_t *e = json_object_get(terms, cs_term_names[t]);
        if (!json_is_object(e)) {
            cs_check_violation(j->c, j->file, key_line(j, "objective_terms", NULL),
                               "objective_terms.%s is missing", cs_term_names[t]);
            continue;
        }
        expect_num(j, e, "value", cs_term_value(&km, (cs_term)t));
        expect_num(j, e, "weight", cs_term_weight(set, (cs_term)t));
        expect_num(j, e, "contribution", cs_term_contribution(set, &km, (cs_term)t));
    }
    /* With priorities, each level's value is its term's. */
    json_t *levels = json_object_get(root, "levels");
    if (set->n_levels > 0 &&
        (!json_is_array(levels) || json_array_size(levels) != (size_t)set->n_levels)) {
        cs_check_violation(j->c, j->file, 1, "\"levels\" must list the %d priority levels",
                           set->n_levels);
        return;
    }
    for (int l = 0; l < set->n_levels; l++) {
        json_t *e = json_array_get(levels, (size_t)l);
        const char *term = json_string_value(json_object_get(e, "term"));
        int t = set->level_term[l];
        if (term == NULL || strcmp(term, cs_level_term_name(t)) != 0)
            cs_check_violation(j->c, j->file, key_line(j, "levels", NULL), "level %d must be '%s'",
                               l + 1, cs_level_term_name(t));
        else
            expect_num(j, e, "value", cs_term_value(&km, (cs_term)t));
    }
}

/* The parts of summary.json that are not single numbers: "late" names exactly the late
 * orders, "gap" follows from objective and bound, "warnings" is a list of sentences, and
 * "utilization" names no line the scenario lacks. */
static void check_summary_lists(json_ctx *j, json_t *root, const cs_check_figures *fg,
                                bool with_plan, double objective)
{
    cs_checker *c = j->c;
    const cosched_scenario *sc = c->sc;
    /* Optional (plans converted from elsewhere lack it), but right when present. */
    json_t *late = json_object_get(root, "late");
    if (late != NULL && !json_is_array(late)) {
        cs_check_violation(c, j->file, key_line(j, "late", NULL), "\"late\" is not a list");
    } else if (late != NULL && with_plan) {
        char *named = cs_calloc((size_t)sc->n_orders + 1, 1);
        for (size_t i = 0; named != NULL && i < json_array_size(late); i++) {
            const char *id = json_string_value(json_array_get(late, i));
            int o = id != NULL ? cs_scenario_find_order(sc, id) : -1;
            if (o < 0 || fg->of[o].tardiness <= 0 || named[o])
                cs_check_violation(c, j->file, key_line(j, "late", NULL),
                                   "\"late\" lists '%s', which is %s",
                                   id != NULL ? id : "(not a string)",
                                   o < 0      ? "no order of the scenario"
                                   : named[o] ? "listed twice"
                                              : "not late in plan.csv");
            else
                named[o] = 1;
        }
        for (int o = 0; named != NULL && o < sc->n_orders; o++)
            if (fg->of[o].tardiness > 0 && !named[o])
                cs_check_violation(c, j->file, key_line(j, "late", NULL),
                                   "\"late\" does not list '%s', which is %ld minutes late",
                                   sc->orders[o].id, (long)fg->of[o].tardiness);
        free(named);
    }
    json_t *jg = json_object_get(root, "gap");
    json_t *jb = json_object_get(root, "bound");
    if (with_plan && json_is_number(jg)) {
        if (!json_is_number(jb)) {
            cs_check_violation(c, j->file, key_line(j, "gap", NULL),
                               "\"gap\" is a number but \"bound\" is null");
        } else {
            double g = (objective - json_number_value(jb)) / fmax(fabs(objective), 1e-9);
            g = g > 0.0 ? g : 0.0;
            if (!cs_check_close_enough(json_number_value(jg), g))
                cs_check_violation(c, j->file, key_line(j, "gap", NULL),
                                   "\"gap\" is %.15g, objective and bound give %.15g",
                                   json_number_value(jg), g);
        }
    } else if (with_plan && json_is_null(jg) && json_is_number(jb)) {
        cs_check_violation(c, j->file, key_line(j, "gap", NULL),
                           "\"gap\" is null but \"bound\" is a number");
    }
    json_t *w = json_object_get(root, "warnings");
    if (w != NULL) {
        bool ok = json_is_array(w);
        for (size_t i = 0; ok && i < json_array_size(w); i++)
            ok = json_is_string(json_array_get(w, i));
        if (!ok)
            cs_check_violation(c, j->file, key_line(j, "warnings", NULL),
                               "\"warnings\" is not a list of strings");
    }
    json_t *u = json_object_get(json_object_get(root, "kpis"), "utilization");
    const char *key;
    json_t *value;
    json_object_foreach(u, key, value)
    {
        (void)value;
        if (cs_scenario_find_line(sc, key) < 0) {
            const char *from = strstr(j->s->text, "\"utilization\"");
            cs_check_violation(c, j->file, key_line(j, key, &from),
                               "utilization names line '%s', which the scenario does not have",
                               key);
        }
    }
}

double cs_check_objective(const cs_settings *set, const cosched_kpis *k)
{
    return set->weight_late_orders * (double)k->late_orders +
           set->weight_tardiness * k->weighted_tardiness_minutes +
           set->weight_changeover_minutes * (double)(k->changeover_minutes + k->cleaning_minutes) +
           set->weight_changeover_cost * (k->changeover_cost + k->cleaning_cost) +
           set->weight_makespan * (double)k->makespan_minutes;
}

void cs_check_summary(cs_checker *c, const cs_plan_summary *s, const cs_check_row *rows,
                      const cs_check_figures *fg, bool has_blocks)
{
    const cosched_scenario *sc = c->sc;
    const char *path = s->path;
    json_t *root = s->root;
    json_ctx j = { c, path, s };
    if (root == NULL || !json_is_object(root)) {
        if (root == NULL)
            cs_check_violation(c, path, s->err.line > 0 ? s->err.line : 0, "not valid JSON: %s",
                               s->err.text);
        else
            cs_check_violation(c, path, 1, "is not a JSON object");
        return;
    }

    const char *status = json_string_value(json_object_get(root, "status"));
    bool with_plan = true;
    if (status == NULL ||
        (strcmp(status, "optimal") != 0 && strcmp(status, "feasible") != 0 &&
         strcmp(status, "infeasible") != 0 && strcmp(status, "no_solution") != 0)) {
        cs_check_violation(c, path, key_line(&j, "status", NULL),
                           "\"status\" must be \"optimal\", \"feasible\", \"infeasible\" or "
                           "\"no_solution\"");
    } else if (strcmp(status, "infeasible") == 0 || strcmp(status, "no_solution") == 0) {
        with_plan = false;
        if (has_blocks)
            cs_check_violation(c, path, key_line(&j, "status", NULL),
                               "status \"%s\" but plan.csv has blocks", status);
    }

    const cs_settings *set = &sc->set;
    const cosched_kpis *k = &fg->k;
    double obj = cs_check_objective(set, k);
    json_t *rp = json_object_get(root, "replan");
    if (rp != NULL && !json_is_object(rp))
        cs_check_violation(c, path, key_line(&j, "replan", NULL), "\"replan\" is not an object");
    int moved = 0;
    if (with_plan && json_is_object(rp)) {
        moved = replan_moved(&j, rp, rows, fg);
        if (set->weight_stability > 0.0 && moved > 0)
            obj += set->weight_stability * (double)moved;
    }
    if (with_plan) {
        expect_num(&j, root, "objective", obj);
        check_terms(&j, root, set, k, moved);
        json_t *kp = json_object_get(root, "kpis");
        if (!json_is_object(kp)) {
            cs_check_violation(c, path, key_line(&j, "kpis", NULL), "\"kpis\" is missing");
        } else {
            expect_num(&j, kp, "weighted_tardiness_minutes", k->weighted_tardiness_minutes);
            expect_num(&j, kp, "late_orders", k->late_orders);
            expect_num(&j, kp, "changeovers", k->changeovers);
            expect_num(&j, kp, "changeover_minutes", (double)k->changeover_minutes);
            expect_num(&j, kp, "changeover_cost", k->changeover_cost);
            expect_num(&j, kp, "makespan_minutes", (double)k->makespan_minutes);
            if (json_is_object(rp) || json_object_get(kp, "orders_moved") != NULL)
                expect_num(&j, kp, "orders_moved", moved);
            if (json_object_get(kp, "done_orders") != NULL || sc->n_done > 0)
                expect_num(&j, kp, "done_orders", sc->n_done);
            /* Extension KPIs are optional, but must be right when present. */
            if (json_object_get(kp, "cleanings") != NULL || k->cleanings > 0)
                expect_num(&j, kp, "cleanings", k->cleanings);
            if (json_object_get(kp, "cleaning_minutes") != NULL || k->cleanings > 0)
                expect_num(&j, kp, "cleaning_minutes", (double)k->cleaning_minutes);
            if (json_object_get(kp, "cleaning_cost") != NULL)
                expect_num(&j, kp, "cleaning_cost", k->cleaning_cost);
            json_t *u = json_object_get(kp, "utilization");
            if (!json_is_object(u)) {
                cs_check_violation(c, path, key_line(&j, "utilization", NULL),
                                   "\"utilization\" is missing or not an object");
            } else {
                for (int l = 0; l < sc->n_lines; l++) {
                    int32_t span = (int32_t)k->makespan_minutes;
                    int32_t avail = cs_calendar_working_between(&sc->lines[l], 0, span);
                    double want = avail > 0 ? fg->prod_minutes[l] / avail : 0.0;
                    const char *from = strstr(s->text, "\"utilization\"");
                    double got;
                    json_t *v = json_object_get(u, sc->lines[l].id);
                    long at = key_line(&j, sc->lines[l].id, &from);
                    if (!json_is_number(v)) {
                        cs_check_violation(c, path, at, "utilization of line '%s' is missing",
                                           sc->lines[l].id);
                        continue;
                    }
                    got = json_number_value(v);
                    if (!cs_check_close_enough(got, want))
                        cs_check_violation(
                            c, path, at, "utilization of line '%s' is %.15g, the plan gives %.15g",
                            sc->lines[l].id, got, want);
                }
            }
        }
    }

    json_t *jb = json_object_get(root, "bound");
    double objective = obj;
    json_t *jo = json_object_get(root, "objective");
    if (json_is_number(jo))
        objective = json_number_value(jo);
    bool has_bound = json_is_number(jb);
    if (jb != NULL && !json_is_null(jb) && !has_bound)
        cs_check_violation(c, path, key_line(&j, "bound", NULL),
                           "\"bound\" must be a number or null");
    if (jb == NULL)
        cs_check_violation(c, path, 1, "\"bound\" is missing (null when unknown)");
    if (with_plan && has_bound) {
        double bound = json_number_value(jb);
        if (bound > objective + CS_CHECK_REL_TOL * fmax(1.0, fabs(objective)))
            cs_check_violation(c, path, key_line(&j, "bound", NULL),
                               "bound %.15g exceeds the objective %.15g", bound, objective);
    }
    json_t *jg = json_object_get(root, "gap");
    if (jg == NULL)
        cs_check_violation(c, path, 1, "\"gap\" is missing (null when unknown)");
    else if (!json_is_null(jg) && !json_is_number(jg))
        cs_check_violation(c, path, key_line(&j, "gap", NULL), "\"gap\" must be a number or null");
    json_t *js = json_object_get(root, "solve_seconds");
    if (!json_is_number(js))
        cs_check_violation(c, path, key_line(&j, "solve_seconds", NULL),
                           "\"solve_seconds\" is missing or not a number");

    if (with_plan && status != NULL && strcmp(status, "optimal") == 0) {
        /* The run's own mip_gap when it reports one (a command-line override), else the
         * scenario's. */
        double mip_gap = set->mip_gap;
        json_t *jm = json_object_get(root, "mip_gap");
        if (json_is_number(jm) && json_number_value(jm) >= 0)
            mip_gap = json_number_value(jm);
        if (!has_bound) {
            cs_check_violation(c, path, key_line(&j, "status", NULL),
                               "status \"optimal\" without a bound");
        } else {
            double bound = json_number_value(jb);
            double gap = (objective - bound) / fmax(fabs(objective), 1e-9);
            if (gap > mip_gap + CS_CHECK_REL_TOL)
                cs_check_violation(c, path, key_line(&j, "status", NULL),
                                   "status \"optimal\" but the gap is %.6g (mip_gap %.6g)", gap,
                                   mip_gap);
        }
    }
    check_summary_lists(&j, root, fg, with_plan, objective);
    cs_check_summary_run(c, s);
}

bool cs_check_summary_has_plan(const cs_plan_summary *s)
{
    /* An infeasible/no_solution summary with an empty plan is consistent: no order checks
     * then. The summary's own check reports the other mismatch. */
    const char *st = json_string_value(json_object_get(s->root, "status"));
    return st == NULL || (strcmp(st, "infeasible") != 0 && strcmp(st, "no_solution") != 0);
}
