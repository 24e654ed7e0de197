/* load_actuals.c -- what happened before `now`, for the nightly loop: the command line's
 * --now, each order's status (open, in_progress, done), what it produced and the line it runs
 * on. The loaders apply it to the scenario itself, so that every solver, bound and the checker
 * see one model: lines become available at now, done orders are not in the order table, an
 * in-progress order is pinned to its line (which is set up for its product) with what is left
 * to make. That it runs first there is the solve's job (solve/replan.c). */
#include "input/input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_load_now_override(cs_loader *L)
{
    const char *v = L->lo != NULL ? L->lo->now : NULL;
    if (v == NULL || !L->have_horizon)
        return;
    int64_t m;
    int sec;
    char q[128];
    if (!cs_datetime_parse(v, &m, &sec)) {
        cs_diag_addc(L->d, "E_BAD_VALUE", COSCHED_SEV_ERROR, "--now", 0, NULL,
                     "expected a datetime YYYY-MM-DDTHH:MM[:SS], got '%s'",
                     cs_load_quote(v, q, sizeof q));
        return;
    }
    int64_t rel = m + (sec > 0) - L->sc->horizon_epoch_min;
    if (rel < 0 || rel > CS_MAX_MINUTES) {
        cs_diag_addc(L->d, "E_BAD_VALUE", COSCHED_SEV_ERROR, "--now", 0, NULL,
                     rel < 0 ? "now lies before horizon_start, got '%s'"
                            : "now lies more than 10000000 minutes after horizon_start, got '%s'",
                     cs_load_quote(v, q, sizeof q));
        return;
    }
    L->sc->set.has_now = true;
    L->sc->set.now_at = (int32_t)rel;
}

void cs_load_apply_now(cs_loader *L)
{
    cosched_scenario *sc = L->sc;
    if (!sc->set.has_now)
        return;
    for (int l = 0; l < sc->n_lines; l++)
        if (sc->lines[l].available_at < sc->set.now_at)
            sc->lines[l].available_at = sc->set.now_at;
}

/* An empty status is the default, open. */
static bool parse_status(const char *v, cosched_order_status *out)
{
    if (*v == '\0') {
        *out = COSCHED_ORDER_OPEN;
        return true;
    }
    return cs_order_status_parse(v, out);
}

/* The caller's actual for order @p id, or NULL. The map is built on first use. */
static const cosched_actual *caller_actual(cs_loader *L, const char *id)
{
    if (L->lo == NULL || L->lo->n_actuals <= 0 || id == NULL)
        return NULL;
    if (L->actual_map == NULL) {
        L->actual_map = cs_strmap_create();
        if (L->actual_map == NULL)
            return NULL;
        for (int i = 0; i < L->lo->n_actuals; i++)
            if (L->lo->actuals[i].order_id != NULL &&
                cs_strmap_put(L->actual_map, L->lo->actuals[i].order_id, i) != COSCHED_OK)
                return NULL;
    }
    int i = cs_strmap_get(L->actual_map, id);
    return i >= 0 ? &L->lo->actuals[i] : NULL;
}

/* Keep a copy of a state the caller supplied, for summary.json. */
static bool record_applied(cosched_scenario *sc, const char *id, const cs_actual *a)
{
    cosched_actual *v = cs_reallocarray(sc->applied, (size_t)sc->n_applied + 1, sizeof *v);
    if (v == NULL)
        return false;
    sc->applied = v;
    cosched_actual *e = &v[sc->n_applied];
    *e = (cosched_actual){cs_strdup(id), a->status, a->produced, NULL};
    if (a->line >= 0)
        e->line_id = cs_strdup(sc->lines[a->line].id);
    sc->n_applied++;
    return e->order_id != NULL && (a->line < 0 || e->line_id != NULL);
}

bool cs_load_actual(cs_loader *L, const cs_csvtab *t, int row, int c_status, int c_produced,
                    int c_line, const char *id, double quantity, cs_actual *out)
{
    static const cs_colspec produced_spec = {"produced", false};
    static const cs_colspec line_spec = {"line_id", false};
    *out = (cs_actual){COSCHED_ORDER_OPEN, 0.0, -1, false};
    bool ok = true;
    const char *sv = cs_csvtab_get(t, row, c_status);
    if (!parse_status(sv, &out->status)) {
        cs_load_bad(L, t, row, "status", "open, in_progress or done", sv);
        ok = false;
    }
    double produced = 0.0;
    const char *pv = cs_csvtab_get(t, row, c_produced);
    if (!cs_load_number(L, t, row, &produced_spec, c_produced, false, 0, &produced)) {
        ok = false;
    } else if (out->status != COSCHED_ORDER_DONE && quantity > 0.0 && produced >= quantity) {
        char what[96];
        snprintf(what, sizeof what, "a number < the quantity %g (a finished order is done)",
                 quantity);
        cs_load_bad(L, t, row, "produced", what, pv);
        ok = false;
    }
    const char *lid = NULL;
    int line = -1;
    if (!cs_load_id(L, t, row, &line_spec, c_line, &lid)) {
        ok = false;
    } else if (lid != NULL) {
        line = cs_strmap_get(L->line_map, lid);
        if (line < 0 && L->line_map != NULL) {
            cs_load_bad(L, t, row, "line_id", "a line_id of lines.csv", lid);
            ok = false;
        }
    }
    if (!ok)
        return false;
    const cosched_actual *ca = out->status == COSCHED_ORDER_OPEN ? caller_actual(L, id) : NULL;
    if (ca != NULL && ca->status != COSCHED_ORDER_OPEN) {
        /* The previous plan says more than the file: take its state whole. */
        out->status = ca->status;
        out->from_caller = true;
        produced = ca->produced > 0.0 ? ca->produced : 0.0;
        line = ca->line_id != NULL ? cs_strmap_get(L->line_map, ca->line_id) : -1;
    } else if (ca != NULL && ca->produced > produced) {
        out->from_caller = true;
        produced = ca->produced;
    }
    if (quantity > 0.0 && produced >= quantity)
        out->status = COSCHED_ORDER_DONE;
    if (out->status == COSCHED_ORDER_IN_PROGRESS && line < 0) {
        cs_load_errorc(L, "E_BAD_VALUE", t, row, "line_id",
                       "column 'line_id': an in_progress order needs the "
                       "line it runs on, got '%s'", lid != NULL ? lid : "");
        return false;
    }
    out->produced = out->status == COSCHED_ORDER_DONE ? 0.0 : produced;
    out->line = out->status == COSCHED_ORDER_IN_PROGRESS ? line : -1;
    if (out->from_caller && !record_applied(L->sc, id, out))
        L->oom = true;
    return true;
}

cosched_status cs_load_done(cs_loader *L, const cs_csvtab *t, int row, const char *id)
{
    cosched_scenario *sc = L->sc;
    if (L->done_map == NULL && (L->done_map = cs_strmap_create()) == NULL)
        return COSCHED_ENOMEM;
    if (cs_strmap_get(L->done_map, id) >= 0 || cs_strmap_get(L->order_map, id) >= 0) {
        cs_load_errorc(L, "E_DUPLICATE_ID", t, row, "order_id",
                       "column 'order_id': order '%s' is defined twice",
                       id);
        return COSCHED_OK;
    }
    char **ids = cs_reallocarray(sc->done_ids, (size_t)sc->n_done + 1, sizeof *ids);
    if (ids == NULL)
        return COSCHED_ENOMEM;
    sc->done_ids = ids;
    if ((ids[sc->n_done] = cs_strdup(id)) == NULL)
        return COSCHED_ENOMEM;
    CS_TRY(cs_strmap_put(L->done_map, id, sc->n_done));
    sc->n_done++;
    return COSCHED_OK;
}

void cs_load_actuals_check(cs_loader *L, const char *orders_file)
{
    cosched_scenario *sc = L->sc;
    for (int o = 0; o < sc->n_orders; o++) {
        cs_order *od = &sc->orders[o];
        if (od->status != CS_ORDER_IN_PROGRESS)
            continue;
        int l = od->progress_line;
        cs_line *ln = &sc->lines[l];
        if (!(sc->units_per_hour[(size_t)od->product * sc->n_lines + l] > 0.0)) {
            cs_diag_addc(L->d, "E_NO_CAPABLE_LINE", COSCHED_SEV_ERROR, orders_file, od->src_line,
                         "line_id",
                         "column 'line_id': line '%s' cannot make product '%s' of in-progress "
                         "order '%s', got '%s'", ln->id, sc->products[od->product].id, od->id,
                         ln->id);
            continue;
        }
        bool twice = false;
        for (int e = 0; e < o && !twice; e++) {
            const cs_order *oe = &sc->orders[e];
            if (oe->status == CS_ORDER_IN_PROGRESS && oe->progress_line == l) {
                cs_diag_addc(L->d, "E_LINE_BUSY", COSCHED_SEV_ERROR, orders_file, od->src_line,
                             "line_id",
                             "column 'line_id': line '%s' already runs in-progress order '%s' "
                             "(line %ld), got '%s'", ln->id, oe->id, oe->src_line, ln->id);
                twice = true;
            }
        }
        if (twice)
            continue;
        if (ln->initial_product >= 0 && ln->initial_product != od->product)
            cs_diag_addc(L->d, "W_INITIAL_PRODUCT", COSCHED_SEV_WARNING, L->lines_file,
                         ln->src_line,
                         "initial_product", "column 'initial_product': line '%s' runs "
                         "in-progress order '%s' of product '%s', so it is set up for that "
                         "product, not for '%s'", ln->id, od->id, sc->products[od->product].id,
                         sc->products[ln->initial_product].id);
        ln->initial_product = od->product;
        /* It is already running: its release lies behind it. */
        od->release_at = 0;
        od->has_pinned_start = false;
        od->has_pinned_line = true;
        od->pinned_line = l;
    }
}
