/* actuals.c -- the state of the orders at `now` for plants without an MES feed: taken from
 * the previous plan as if it had run exactly (--actuals-from-previous), and read back from a
 * written plan's summary.json so that `cosched check` sees the scenario as the plan did. */
#include "solve/replan.h"

#include "base/base.h"
#include "model/scenario.h"
#include "plan/plan_file.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void cosched_actuals_free(cosched_actual *a, int n)
{
    if (a == NULL)
        return;
    for (int i = 0; i < n; i++) {
        free((void *)a[i].order_id);
        free((void *)a[i].line_id);
    }
    free(a);
}

/* Units of row @p r made by @p now: all of a finished row, a share of a running one in
 * proportion to its working minutes, nothing of one not started. */
static double made_by(const cosched_scenario *sc, const prev_row *r, int32_t now)
{
    if (r->end_at <= now)
        return r->quantity;
    if (r->start_at >= now)
        return 0.0;
    const cs_line *ln = &sc->lines[r->line];
    int32_t total = cs_calendar_working_between(ln, r->start_at, r->end_at);
    int32_t worked = cs_calendar_working_between(ln, r->start_at, now);
    return total > 0 ? r->quantity * (double)worked / (double)total : 0.0;
}

cosched_status cosched_previous_actuals(const cosched_scenario *sc,
                                        const cosched_previous *prev, cosched_actual **out,
                                        int *n_out)
{
    if (sc == NULL || prev == NULL || out == NULL || n_out == NULL ||
        prev->n_orders != sc->n_orders || prev->n_lines != sc->n_lines)
        return COSCHED_EINVAL;
    int32_t now = sc->set.now_at;
    size_t no = (size_t)(sc->n_orders > 0 ? sc->n_orders : 1);
    size_t nl = (size_t)(sc->n_lines > 0 ? sc->n_lines : 1);
    double *planned = cs_calloc(no, sizeof *planned);
    double *made = cs_calloc(no, sizeof *made);
    int *running_on = cs_calloc(no, sizeof *running_on);
    bool *line_busy = cs_calloc(nl, sizeof *line_busy); /* runs an order the file has in progress */
    cosched_actual *acts = cs_calloc(no, sizeof *acts);
    cosched_status st = COSCHED_ENOMEM;
    int n = 0;
    if (planned == NULL || made == NULL || running_on == NULL || line_busy == NULL ||
        acts == NULL)
        goto cleanup;
    for (int o = 0; o < sc->n_orders; o++) {
        running_on[o] = -1;
        if (sc->orders[o].status == CS_ORDER_IN_PROGRESS)
            line_busy[sc->orders[o].progress_line] = true;
    }
    for (int i = 0; i < prev->n_rows; i++) {
        const prev_row *r = &prev->rows[i];
        planned[r->order] += r->quantity;
        made[r->order] += made_by(sc, r, now);
        if (r->start_at < now && r->end_at > now && running_on[r->order] < 0)
            running_on[r->order] = r->line;
    }
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *od = &sc->orders[o];
        if (od->status != CS_ORDER_OPEN || (prev->line[o] < 0 && !prev->done[o]))
            continue;
        /* What the previous plan still had to make after now, against the order's whole
         * quantity: what was made before the previous plan counts too. Rounded down. */
        double whole = od->quantity + od->produced;
        double left = planned[o] - made[o];
        double produced = floor(whole - left + 1e-9);
        if (produced < 0.0)
            produced = 0.0;
        cosched_actual a = {NULL, COSCHED_ORDER_OPEN, produced, NULL};
        if (prev->done[o] || prev->end_at[o] <= now || produced >= whole) {
            a.status = COSCHED_ORDER_DONE;
            a.produced = 0.0;
        } else if (running_on[o] >= 0 && !line_busy[running_on[o]]) {
            a.status = COSCHED_ORDER_IN_PROGRESS;
            a.line_id = cs_strdup(sc->lines[running_on[o]].id);
            if (a.line_id == NULL)
                goto cleanup;
        } else if (!(produced > od->produced)) {
            continue; /* untouched: stays as the file has it */
        }
        a.order_id = cs_strdup(od->id);
        acts[n++] = a;
        if (a.order_id == NULL)
            goto cleanup;
    }
    *out = acts;
    *n_out = n;
    acts = NULL;
    st = COSCHED_OK;
cleanup:
    cosched_actuals_free(acts, n);
    free(line_busy);
    free(running_on);
    free(made);
    free(planned);
    return st;
}

void cosched_load_options_clear(cosched_load_options *lo)
{
    if (lo == NULL)
        return;
    free((void *)lo->now);
    cosched_actuals_free((cosched_actual *)lo->actuals, lo->n_actuals);
    cosched_load_options_init(lo);
}

cosched_status cosched_plan_load_options(const char *plan_dir, cosched_diags *diags,
                                         cosched_load_options *lo)
{
    if (plan_dir == NULL || diags == NULL || lo == NULL)
        return COSCHED_EINVAL;
    cosched_load_options_init(lo);
    cs_plan_summary sum;
    cosched_status st = cs_plan_summary_load(plan_dir, NULL, &sum);
    json_t *root = sum.root;
    if (st == COSCHED_ENOMEM || root == NULL) {
        /* The checker reports a missing or broken summary.json itself. */
        cs_plan_summary_clear(&sum);
        return st == COSCHED_ENOMEM ? st : COSCHED_OK;
    }
    const char *path = sum.path;
    const char *now = json_string_value(json_object_get(root, "now"));
    json_t *orders = json_object_get(json_object_get(root, "actuals"), "orders");
    size_t n = json_array_size(orders);
    cosched_actual *acts = n > 0 ? cs_calloc(n, sizeof *acts) : NULL;
    if ((now != NULL && (lo->now = cs_strdup(now)) == NULL) || (n > 0 && acts == NULL)) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    lo->actuals = acts;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(orders, i);
        const char *id = json_string_value(json_object_get(e, "order_id"));
        const char *line = json_string_value(json_object_get(e, "line_id"));
        json_t *produced = json_object_get(e, "produced");
        cosched_actual *a = &acts[lo->n_actuals];
        const char *status = json_string_value(json_object_get(e, "status"));
        if (id == NULL || !cs_order_status_parse(status, &a->status) ||
            (produced != NULL && !json_is_number(produced))) {
            cs_diag_add(diags, COSCHED_SEV_ERROR, path, 0, "actuals",
                        "actuals entry %zu: expected order_id, status (open, in_progress or "
                        "done), produced and line_id", i + 1);
            st = COSCHED_EINPUT;
            continue;
        }
        a->produced = produced != NULL ? json_number_value(produced) : 0.0;
        a->order_id = cs_strdup(id);
        a->line_id = line != NULL ? cs_strdup(line) : NULL;
        lo->n_actuals++;
        if (a->order_id == NULL || (line != NULL && a->line_id == NULL)) {
            st = COSCHED_ENOMEM;
            goto cleanup;
        }
    }
cleanup:
    cs_plan_summary_clear(&sum);
    if (st != COSCHED_OK)
        cosched_load_options_clear(lo);
    return st;
}
