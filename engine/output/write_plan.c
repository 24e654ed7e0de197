/* write_plan.c -- the plan directory as a whole and the human summary.
 * The plan files are written as one set (cs_atomic_set in atomic.c): into a staging
 * directory that is swapped with DIR in a single rename, so a reader, or a run killed at
 * any moment, sees the complete previous plan or the complete new one, never a mix. */
#include "output/output.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { N_FILES = 6 };

/* Last checks before anything is written: a plan that lacks an order (a bug somewhere
 * upstream) or ends beyond what a plan file holds (CS_MAX_PLAN_MINUTES, the year 9999)
 * is refused rather than written for `cosched check` to reject. */
static cosched_status plan_is_writable(const cosched_scenario *sc, const cosched_plan *plan,
                                       const char *dir, cosched_diags *diags)
{
    double *made = cs_calloc((size_t)sc->n_orders + 1, sizeof *made);
    if (made == NULL)
        return COSCHED_ENOMEM;
    int32_t last_end = 0;
    for (int i = 0; i < plan->n_blocks; i++) {
        const cs_block *b = &plan->blocks[i];
        if (b->kind == CS_BLOCK_PRODUCTION && b->order >= 0 && b->order < sc->n_orders)
            made[b->order] += b->quantity;
        if (b->end_at > last_end)
            last_end = b->end_at;
    }
    cosched_status st = COSCHED_OK;
    for (int o = 0; o < sc->n_orders && st == COSCHED_OK; o++) {
        double q = sc->orders[o].quantity;
        if (fabs(made[o] - q) > 1e-6 * (q > 1.0 ? q : 1.0)) {
            cs_diag_add(diags, COSCHED_SEV_ERROR, dir, 0, NULL,
                        "internal error: the plan makes %.15g of the %.15g units of order "
                        "'%s'; nothing written", made[o], q, sc->orders[o].id);
            st = COSCHED_ESOLVER;
        }
    }
    free(made);
    int64_t last_ok = 0;
    int sec = 0;
    (void)cs_datetime_parse("9999-12-31T23:59", &last_ok, &sec);
    if (st == COSCHED_OK &&
        (last_end > CS_MAX_PLAN_MINUTES || sc->horizon_epoch_min + last_end > last_ok)) {
        char when[32];
        cs_datetime_format(sc->horizon_epoch_min + last_end, when, sizeof when);
        cs_diag_add(diags, COSCHED_SEV_ERROR, dir, 0, NULL,
                    "the plan ends at %s, %ld minutes after horizon_start: a plan may end at "
                    "most %d minutes after it and before the year 10000; nothing written",
                    when, (long)last_end, CS_MAX_PLAN_MINUTES);
        st = COSCHED_EINPUT;
    }
    return st;
}

cosched_status cosched_plan_write(const cosched_scenario *sc, const cosched_plan *plan,
                                  const char *dir, cosched_diags *diags)
{
    /* summary.json last: where the files are renamed one by one it says the set is whole */
    static const char *const names[N_FILES] = { "plan.csv",      "order_schedule.csv",
                                                "report.html",   "dispatch.csv",
                                                "dispatch.html", "summary.json" };
    enum { SUMMARY = N_FILES - 1 };
    char *text[N_FILES] = { NULL };
    cs_atomic_set *set = NULL;
    cosched_status st = COSCHED_OK;

    CS_TRY(plan_is_writable(sc, plan, dir, diags));
    /* one analysis of the late orders serves order_schedule.csv and both places in the
     * report that give the reasons */
    cs_late_ctx *late = cs_output_late_ctx_new(sc, plan);
    if (late == NULL)
        return COSCHED_ENOMEM;
    text[0] = cs_output_plan_csv(sc, plan);
    text[1] = cs_output_order_schedule_csv_late(sc, plan, late);
    text[2] = cs_output_report_html_late(sc, plan, late);
    cs_output_late_ctx_free(late);
    text[3] = cs_output_dispatch_csv(sc, plan);
    text[4] = cs_output_dispatch_html(sc, plan);
    char *json = cosched_plan_summary_json(sc, plan);
    if (json != NULL) {
        size_t n = strlen(json);
        text[SUMMARY] = malloc(n + 2);
        if (text[SUMMARY] != NULL) {
            memcpy(text[SUMMARY], json, n);
            text[SUMMARY][n] = '\n';
            text[SUMMARY][n + 1] = '\0';
        }
        free(json);
    }
    for (int i = 0; i < N_FILES; i++) {
        if (text[i] == NULL) {
            st = COSCHED_ENOMEM;
            goto cleanup;
        }
    }
    CS_TRY_GOTO(st, cs_atomic_set_begin(dir, diags, &set), cleanup);
    for (int i = 0; i < N_FILES; i++)
        CS_TRY_GOTO(st, cs_atomic_set_add(set, names[i], text[i], strlen(text[i])), cleanup);
    st = cs_atomic_set_commit(set);
    set = NULL;

cleanup:
    cs_atomic_set_abort(set);
    for (int i = 0; i < N_FILES; i++)
        free(text[i]);
    return st;
}

cosched_status cosched_plan_dir_check(const char *dir, cosched_diags *diags)
{
    /* The same staging as a real write, so whatever would stop it (a file named DIR, an
     * unwritable parent and DIR, a read-only or full file system) stops the probe. */
    cs_atomic_set *set = NULL;
    cosched_status st = cs_atomic_set_begin(dir, diags, &set);
    if (st != COSCHED_OK)
        return st;
    static const char probe[] = "cosched write probe\n";
    st = cs_atomic_set_add(set, ".write-probe", probe, sizeof probe - 1);
    cs_atomic_set_abort(set);
    return st;
}

/* What stopped the search: a planner who re-runs a plan must know whether to expect the
 * same one. */
static void print_search_stop(const cosched_result *r, FILE *fp)
{
    static const char *const said[] = {
        [COSCHED_STOP_COMPLETE] = "complete",
        [COSCHED_STOP_WORK_LIMIT] = "stopped by the work limit",
        [COSCHED_STOP_ITERATION_LIMIT] = "stopped by the iteration limit",
        [COSCHED_STOP_TIME_LIMIT] = "stopped by the time limit",
        [COSCHED_STOP_INTERRUPTED] = "interrupted",
    };
    fprintf(fp, "search: %s", said[r->stopped_by]);
    if (r->work_limit_units >= 0.0)
        fprintf(fp, ", %.3g of %.3g work units", r->work_units, r->work_limit_units);
    if (r->repeatable)
        fputs(" (repeatable: the same plan on any machine)\n", fp);
    else if (r->stopped_by == COSCHED_STOP_TIME_LIMIT)
        fputs(" (not repeatable: the clock stopped the search first; give more time or a "
              "smaller --work-limit)\n", fp);
    else
        fputs(" (not repeatable)\n", fp);
}

void cosched_plan_print_summary(const cosched_scenario *sc, const cosched_plan *plan, FILE *fp)
{
    enum { MAX_LATE = 12 };
    const cosched_result *r = &plan->result;
    const cosched_kpis *k = &plan->kpis;
    bool has_plan = r->outcome == COSCHED_OUTCOME_OPTIMAL ||
                    r->outcome == COSCHED_OUTCOME_FEASIBLE;
    double gap;

    fprintf(fp, "status: %s", cosched_outcome_str(r->outcome));
    if (r->method != NULL && r->method[0] != '\0')
        fprintf(fp, " (%s, %.2f s)\n", r->method, r->solve_seconds);
    else
        fprintf(fp, " (%.2f s)\n", r->solve_seconds);
    if (!has_plan)
        return;
    print_search_stop(r, fp);
    fprintf(fp, "objective: %.10g", plan->objective);
    if (r->has_bound)
        fprintf(fp, "   bound: %.10g", r->bound);
    if (cosched_plan_gap(plan, &gap))
        fprintf(fp, "   gap: %.2f%%", 100.0 * gap);
    fputc('\n', fp);
    /* What it is made of: only the terms that add something. */
    const char *sep = "  = ";
    for (int t = 0; t < CS_N_TERMS; t++) {
        double c = cs_term_contribution(&sc->set, k, (cs_term)t);
        if (c == 0.0)
            continue;
        double w = cs_term_weight(&sc->set, (cs_term)t);
        fprintf(fp, "%s%.10g %s", sep, c, cs_term_names[t]);
        if (w != 1.0)
            fprintf(fp, " (%.10g x %.10g)", w, cs_term_value(k, (cs_term)t));
        sep = " + ";
    }
    if (sep[1] == '+')
        fputc('\n', fp);
    for (int l = 0; l < sc->set.n_levels; l++) {
        int t = sc->set.level_term[l];
        fprintf(fp, "%s%s %.10g", l == 0 ? "levels: " : " > ", cs_level_term_name(t),
                cs_term_value(k, (cs_term)t));
    }
    if (sc->set.n_levels > 0)
        fprintf(fp, "%s\n", r->outcome == COSCHED_OUTCOME_OPTIMAL ? " (every level proven)" : "");
    fprintf(fp, "weighted tardiness: %.10g min   late orders: %d of %d\n",
            k->weighted_tardiness_minutes, k->late_orders, sc->n_orders);
    fprintf(fp, "changeovers: %d (%lld min, cost %.10g)", k->changeovers,
            (long long)k->changeover_minutes, k->changeover_cost);
    if (k->cleanings > 0)
        fprintf(fp, "   cleanings: %d (%lld min)", k->cleanings, (long long)k->cleaning_minutes);
    fputc('\n', fp);
    fprintf(fp, "makespan: %lld min\n", (long long)k->makespan_minutes);
    if (plan->has_edd) {
        /* What the planner's rule of thumb gives, so the plan's value shows at a glance. */
        const cosched_kpis *e = &plan->edd_kpis;
        fprintf(fp, "EDD rule: %d late, tardiness %.10g min, changeovers %lld min, makespan %lld "
                    "min, objective %.10g -> plan: %d late, tardiness %.10g min, changeovers "
                    "%lld min, makespan %lld min, objective %.10g\n",
                e->late_orders, e->weighted_tardiness_minutes, (long long)e->changeover_minutes,
                (long long)e->makespan_minutes, plan->edd_objective, k->late_orders,
                k->weighted_tardiness_minutes, (long long)k->changeover_minutes,
                (long long)k->makespan_minutes, plan->objective);
    }
    fputs("utilization:", fp);
    for (int l = 0; l < sc->n_lines && l < 8; l++)
        fprintf(fp, " %s %.1f%%", sc->lines[l].id, 100.0 * plan->utilization[l]);
    if (sc->n_lines > 8)
        fprintf(fp, " ... (%d lines)", sc->n_lines);
    fputc('\n', fp);

    int shown = 0;
    for (int o = 0; o < sc->n_orders && o < plan->n_orders; o++) {
        const cs_order_result *res = &plan->orders[o];
        if (!res->scheduled || res->tardiness <= 0)
            continue;
        if (shown == 0)
            fputs("late orders:\n", fp);
        if (shown < MAX_LATE)
            fprintf(fp, "  %s  %d min late\n", sc->orders[o].id, (int)res->tardiness);
        shown++;
    }
    if (shown > MAX_LATE)
        fprintf(fp, "  ... and %d more\n", shown - MAX_LATE);
}
