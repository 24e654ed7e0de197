/* plan_check_run.c -- the checker's rules for summary.json's parts that describe the run
 * rather than the plan: "search" (what stopped it, and whether the plan is repeatable
 * follows from that), "edd" (the earliest-due-date rule's objective is its KPIs weighted as
 * the plan's objective is) and "run" (whose input digest is compared with the scenario's
 * files: a mismatch is a warning, since the plan may have been made from files that have
 * changed since, which is worth knowing but breaks no rule of the plan). All three are
 * optional (a plan converted from elsewhere lacks them), but must be right when present. */
#include "plan/plan_check_impl.h"

#include "base/base.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Line of @p key after the first @p section key (the text's start when @p section is NULL). */
static long line_in(const cs_plan_summary *s, const char *section, const char *key)
{
    const char *from = section != NULL ? strstr(s->text, section) : NULL;
    return cs_plan_summary_key_line(s, key, from != NULL ? &from : NULL);
}

/* Line of member @p key of object @p obj, summary.json's @p section; the section's own line
 * when the member is missing. */
static long member_line(const cs_plan_summary *s, const char *section, json_t *obj,
                        const char *key)
{
    char quoted[32];
    snprintf(quoted, sizeof quoted, "\"%s\"", section);
    return json_object_get(obj, key) != NULL ? line_in(s, quoted, key)
                                             : line_in(s, NULL, section);
}

static void check_search(cs_checker *c, const cs_plan_summary *s, json_t *search)
{
    static const char *const names[] = { "complete", "work_limit", "iteration_limit",
                                         "time_limit", "interrupted" };
    const char *path = s->path;
    if (!json_is_object(search)) {
        cs_check_violation(c, path, line_in(s, NULL, "search"), "\"search\" is not an object");
        return;
    }
    const char *by = json_string_value(json_object_get(search, "stopped_by"));
    bool known = false;
    for (size_t i = 0; by != NULL && i < sizeof names / sizeof names[0]; i++)
        known = known || strcmp(by, names[i]) == 0;
    if (!known)
        cs_check_violation(c, path, member_line(s, "search", search, "stopped_by"),
                           "search.stopped_by must be \"complete\", \"work_limit\", "
                           "\"iteration_limit\", \"time_limit\" or \"interrupted\"");
    json_t *rep = json_object_get(search, "repeatable");
    if (!json_is_boolean(rep)) {
        cs_check_violation(c, path, member_line(s, "search", search, "repeatable"),
                           "search.repeatable is missing or not true or false");
    } else if (known) {
        /* Only the clock or an interruption makes the stop depend on the machine. */
        bool want = strcmp(by, "time_limit") != 0 && strcmp(by, "interrupted") != 0;
        if (json_is_true(rep) != want)
            cs_check_violation(c, path, member_line(s, "search", search, "repeatable"),
                               "search.repeatable is %s, but a search stopped by \"%s\" %s",
                               json_is_true(rep) ? "true" : "false", by,
                               want ? "gives the same plan on any machine"
                                    : "may give another plan on another run");
    }
    json_t *wu = json_object_get(search, "work_units");
    if (!json_is_number(wu) || json_number_value(wu) < 0.0)
        cs_check_violation(c, path, member_line(s, "search", search, "work_units"),
                           "search.work_units must be a number >= 0");
    json_t *wl = json_object_get(search, "work_limit");
    if (!json_is_null(wl) && (!json_is_number(wl) || json_number_value(wl) < 0.0))
        cs_check_violation(c, path, member_line(s, "search", search, "work_limit"),
                           "search.work_limit must be a number >= 0 or null");
}

/* The figure @p key of the EDD object as a number >= 0, with a violation when it is not. */
static bool edd_figure(cs_checker *c, const cs_plan_summary *s, json_t *edd, const char *key,
                       double *out)
{
    json_t *v = json_object_get(edd, key);
    if (!json_is_number(v) || json_number_value(v) < 0.0) {
        cs_check_violation(c, s->path, member_line(s, "edd", edd, key),
                           "edd.%s is missing or not a number >= 0", key);
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static void check_edd(cs_checker *c, const cs_plan_summary *s, json_t *edd)
{
    if (json_is_null(edd))
        return;
    if (!json_is_object(edd)) {
        cs_check_violation(c, s->path, line_in(s, NULL, "edd"),
                           "\"edd\" is not an object or null");
        return;
    }
    double late, tard, co_min, co_cost, cl_min, cl_cost, makespan, objective;
    bool ok = edd_figure(c, s, edd, "late_orders", &late);
    ok = edd_figure(c, s, edd, "weighted_tardiness_minutes", &tard) && ok;
    ok = edd_figure(c, s, edd, "changeover_minutes", &co_min) && ok;
    ok = edd_figure(c, s, edd, "changeover_cost", &co_cost) && ok;
    ok = edd_figure(c, s, edd, "cleaning_minutes", &cl_min) && ok;
    ok = edd_figure(c, s, edd, "cleaning_cost", &cl_cost) && ok;
    ok = edd_figure(c, s, edd, "makespan_minutes", &makespan) && ok;
    json_t *jo = json_object_get(edd, "objective");
    if (!json_is_number(jo)) {
        cs_check_violation(c, s->path, member_line(s, "edd", edd, "objective"),
                           "edd.objective is missing or not a number");
        return;
    }
    objective = json_number_value(jo);
    if (!ok)
        return;
    cosched_kpis k = { 0 };
    k.late_orders = (int)late;
    k.weighted_tardiness_minutes = tard;
    k.changeover_minutes = (int64_t)co_min;
    k.changeover_cost = co_cost;
    k.cleaning_minutes = (int64_t)cl_min;
    k.cleaning_cost = cl_cost;
    k.makespan_minutes = (int64_t)makespan;
    double want = cs_check_objective(&c->sc->set, &k);
    if (!cs_check_close_enough(objective, want))
        cs_check_violation(c, s->path, member_line(s, "edd", edd, "objective"),
                           "edd.objective is %.15g, its KPIs weighted by the scenario's "
                           "weights give %.15g",
                           objective, want);
}

static void check_run(cs_checker *c, const cs_plan_summary *s, json_t *run)
{
    if (!json_is_object(run)) {
        cs_check_violation(c, s->path, line_in(s, NULL, "run"), "\"run\" is not an object");
        return;
    }
    json_t *jd = json_object_get(run, "input_sha256");
    const char *digest = json_string_value(jd);
    if (!json_is_null(jd) && (digest == NULL || strlen(digest) != 2 * CS_SHA256_BYTES ||
                              strspn(digest, "0123456789abcdef") != 2 * CS_SHA256_BYTES)) {
        cs_check_violation(c, s->path, member_line(s, "run", run, "input_sha256"),
                           "run.input_sha256 must be 64 lower-case hex digits or null");
        return;
    }
    const cosched_scenario *sc = c->sc;
    bool has_files = false;
    for (size_t i = 0; i < sizeof sc->input_sha256; i++)
        has_files = has_files || sc->input_sha256[i] != 0;
    if (digest == NULL || !has_files)
        return;
    char hex[2 * CS_SHA256_BYTES + 1];
    cs_sha256_hex(sc->input_sha256, hex);
    if (strcmp(hex, digest) != 0)
        cs_diag_addc(c->diags, "W_INPUT_CHANGED", COSCHED_SEV_WARNING, s->path,
                     member_line(s, "run", run, "input_sha256"), NULL,
                     "run.input_sha256 is %.12s..., the scenario's files give %.12s...: the "
                     "plan was made from other input files, or they changed since",
                     digest, hex);
}

void cs_check_summary_run(cs_checker *c, const cs_plan_summary *s)
{
    json_t *root = s->root;
    json_t *v;
    if ((v = json_object_get(root, "search")) != NULL)
        check_search(c, s, v);
    if ((v = json_object_get(root, "edd")) != NULL)
        check_edd(c, s, v);
    if ((v = json_object_get(root, "run")) != NULL)
        check_run(c, s, v);
}
