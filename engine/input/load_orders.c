/* load_orders.c -- orders.csv, which also defines the products (in order of first
 * appearance) and their families: all orders of one product must agree on the family, and
 * with products.csv when it gives one. Then the initial products of lines.csv that no order
 * makes are added. A header-only orders.csv is valid: the scenario is trivial (an empty plan).
 * Times: release rounds up to the minute, due rounds down, so neither gets looser.
 * Re-planning pins: pinned_line must name a line of lines.csv (whether it can make the
 * product is checked by cs_load_pins once capabilities are known); pinned_start rounds up
 * and raises the order's release (production starts no earlier than it).
 * Actuals (status, produced, line_id; or the caller's cosched_load_options for orders the file
 * leaves open): a done order is counted and its id kept, but it never enters the order table;
 * an open or in-progress order keeps quantity - produced; line_id is checked against
 * lines.csv here and against capabilities by cs_load_actuals_check (load_actuals.c). */
#include "input/input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_ID, C_PRODUCT, C_QTY, C_DUE, C_RELEASE, C_WEIGHT, C_FAMILY, C_SPLIT, C_MINSPLIT,
       C_PIN_LINE, C_PIN_START, C_STATUS, C_PRODUCED, C_LINE, N_COLS };

/* Index of product @p id, added (without family) when new; -1 on ENOMEM. */
static int add_product(cs_loader *L, const char *id)
{
    int p = cs_strmap_get(L->product_map, id);
    if (p >= 0)
        return p;
    cosched_scenario *sc = L->sc;
    cs_product *pr = cs_reallocarray(sc->products, (size_t)sc->n_products + 1, sizeof *pr);
    if (pr == NULL)
        return -1;
    sc->products = pr;
    pr[sc->n_products] = (cs_product){.id = cs_strdup(id), .family = -1, .has_orders = false};
    if (pr[sc->n_products].id == NULL)
        return -1;
    if (cs_strmap_put(L->product_map, id, sc->n_products) != COSCHED_OK) {
        free(pr[sc->n_products].id);
        return -1;
    }
    int m = cs_strmap_get(L->master_map, id);
    if (m >= 0)
        pr[sc->n_products].family = L->master_family[m];
    return sc->n_products++;
}

/* An open order due before the plan can begin (horizon_start, or now when given) is late
 * whatever the plan does: most often a typing error in the date, so it is said at its line.
 * An order in progress or done is past news. */
static void warn_past_due(cs_loader *L, const cs_csvtab *t, int row, int col, int64_t due)
{
    const cosched_scenario *sc = L->sc;
    bool before_now = sc->set.has_now && due < sc->set.now_at;
    if (!L->have_horizon || (due >= 0 && !before_now))
        return;
    char q[128], at[COSCHED_DATETIME_SIZE];
    cs_datetime_format(sc->horizon_epoch_min + (due < 0 ? 0 : sc->set.now_at), at, sizeof at);
    cs_diag_addc(L->d, "W_DUE_IN_PAST", COSCHED_SEV_WARNING, cs_csvtab_display(t),
                 cs_csvtab_line(t, row), "due",
                 "column 'due': '%s' lies before %s '%s': the order is late before the plan "
                 "begins", cs_load_quote(cs_csvtab_get(t, row, col), q, sizeof q),
                 due < 0 ? "horizon_start" : "now", at);
}

cosched_status cs_load_orders(cs_loader *L, const cs_csvtab *t)
{
    static const cs_colspec spec[N_COLS] = {
        {"order_id", true}, {"product_id", true}, {"quantity", true},
        {"due", true},      {"release", false},   {"weight", false},
        {"family", false},  {"split", false},     {"min_split", false},
        {"pinned_line", false}, {"pinned_start", false},
        {"status", false},  {"produced", false},  {"line_id", false},
    };
    int col[N_COLS];
    if (!cs_load_columns(L, t, spec, N_COLS, col))
        return COSCHED_OK;
    cosched_scenario *sc = L->sc;
    int n = cs_csvtab_n_rows(t);
    sc->orders = cs_calloc((size_t)n, sizeof *sc->orders);
    /* [product] line of orders.csv that first gave the product's family (0 = none yet). */
    long *fam_line = cs_calloc((size_t)n, sizeof *fam_line);
    if (sc->orders == NULL || fam_line == NULL) {
        free(fam_line);
        return COSCHED_ENOMEM;
    }
    cosched_status st = COSCHED_OK;
    for (int r = 0; r < n && st == COSCHED_OK; r++) {
        const char *id, *prod, *fam;
        bool ok = cs_load_id(L, t, r, &spec[C_ID], col[C_ID], &id);
        if (ok) {
            int prev = cs_strmap_get(L->order_map, id);
            if (prev >= 0) {
                cs_load_errorc(L, "E_DUPLICATE_ID", t, r, "order_id",
                               "column 'order_id': order '%s' is defined "
                               "twice (first at line %ld)", id, sc->orders[prev].src_line);
                ok = false;
            } else if (L->done_map != NULL && cs_strmap_get(L->done_map, id) >= 0) {
                cs_load_errorc(L, "E_DUPLICATE_ID", t, r, "order_id",
                               "column 'order_id': order '%s' is defined "
                               "twice", id);
                ok = false;
            }
        }
        bool prod_ok = cs_load_id(L, t, r, &spec[C_PRODUCT], col[C_PRODUCT], &prod);
        if (prod_ok && (strcmp(prod, "*") == 0 || strncmp(prod, "family:", 7) == 0)) {
            /* Both would read as patterns in capabilities.csv and changeovers.csv. */
            cs_load_bad(L, t, r, "product_id", "a product id other than '*' or 'family:...'",
                        prod);
            prod_ok = false;
        }
        ok &= prod_ok;
        /* Values are all checked, so one run reports every bad one; the order is kept when
         * its id and product are usable, so other files are checked against it too. */
        double qty = 1, weight = 1, min_split = 1;
        int64_t due = 0, release = 0;
        bool present, has_qty, has_due;
        long split = 0;
        has_qty = cs_load_number(L, t, r, &spec[C_QTY], col[C_QTY], true, 0, &qty);
        has_due = cs_load_time(L, t, r, &spec[C_DUE], col[C_DUE], false, &present, &due);
        cs_load_time(L, t, r, &spec[C_RELEASE], col[C_RELEASE], true, &present, &release);
        cs_load_number(L, t, r, &spec[C_WEIGHT], col[C_WEIGHT], false, 1, &weight);
        cs_load_integer(L, t, r, &spec[C_SPLIT], col[C_SPLIT], 0, 1, 0, &split);
        const char *ms_text = cs_csvtab_get(t, r, col[C_MINSPLIT]);
        if (cs_load_number(L, t, r, &spec[C_MINSPLIT], col[C_MINSPLIT], true, 1, &min_split) &&
            has_qty) {
            if (*ms_text == '\0') {
                min_split = min_split < qty ? min_split : qty;
            } else if (min_split > qty) {
                char what[96];
                snprintf(what, sizeof what, "a number <= the quantity %g", qty);
                cs_load_bad(L, t, r, "min_split", what, ms_text);
            }
        }
        bool fam_ok = cs_load_id(L, t, r, &spec[C_FAMILY], col[C_FAMILY], &fam);
        const char *pin_id;
        int pin_line = -1;
        if (cs_load_id(L, t, r, &spec[C_PIN_LINE], col[C_PIN_LINE], &pin_id) &&
            pin_id != NULL) {
            pin_line = cs_strmap_get(L->line_map, pin_id);
            if (pin_line < 0 && L->line_map != NULL)
                cs_load_bad(L, t, r, "pinned_line", "a line_id of lines.csv", pin_id);
        }
        bool has_pin_start = false;
        int64_t pin_start = 0;
        cs_load_time(L, t, r, &spec[C_PIN_START], col[C_PIN_START], true, &has_pin_start,
                     &pin_start);
        cs_actual act;
        if (!cs_load_actual(L, t, r, col[C_STATUS], col[C_PRODUCED], col[C_LINE],
                            ok ? id : NULL, has_qty ? qty : -1.0, &act))
            ok = false;
        if (ok && act.status == COSCHED_ORDER_DONE) {
            st = cs_load_done(L, t, r, id);
            continue;
        }
        if (!ok)
            continue;
        int p = add_product(L, prod);
        if (p < 0) {
            st = COSCHED_ENOMEM;
            break;
        }
        cs_product *pr = &sc->products[p];
        pr->has_orders = true;
        pr->n_orders++;
        if (fam_ok && fam != NULL) {
            int f = cs_load_family(L, fam);
            if (f < 0) {
                st = COSCHED_ENOMEM;
                break;
            }
            int m = cs_strmap_get(L->master_map, prod);
            if (m >= 0 && L->master_family[m] >= 0 && L->master_family[m] != f) {
                cs_load_errorc(L, "E_FAMILY_CONFLICT", t, r, "family",
                               "column 'family': product '%s' has family "
                               "'%s' in products.csv (line %ld), got '%s'", prod,
                               sc->families[L->master_family[m]], L->master_line[m], fam);
            } else if (fam_line[p] > 0 && pr->family != f) {
                cs_load_errorc(L, "E_FAMILY_CONFLICT", t, r, "family",
                               "column 'family': product '%s' has family "
                               "'%s' (line %ld), got '%s'", prod, sc->families[pr->family],
                               fam_line[p], fam);
            } else if (fam_line[p] == 0) {
                pr->family = f;
                fam_line[p] = cs_csvtab_line(t, r);
            }
        }
        int o = sc->n_orders++;
        cs_order *od = &sc->orders[o];
        od->product = p;
        od->src_line = cs_csvtab_line(t, r);
        od->id = cs_strdup(id);
        if (od->id == NULL) {
            st = COSCHED_ENOMEM;
            break;
        }
        od->quantity = qty - act.produced;
        od->produced = act.produced;
        od->status = act.status == COSCHED_ORDER_IN_PROGRESS ? CS_ORDER_IN_PROGRESS
                                                             : CS_ORDER_OPEN;
        od->progress_line = act.line;
        if (has_due && od->status == CS_ORDER_OPEN)
            warn_past_due(L, t, r, col[C_DUE], due);
        od->status_from_previous = act.from_caller;
        /* Nothing is produced before minute 0; a due date before it just means late. */
        od->release_at = (int32_t)(release > 0 ? release : 0);
        od->due_at = (int32_t)(has_due ? due : 0);
        od->weight = weight;
        od->split = split == 1;
        od->min_split = min_split < od->quantity ? min_split : od->quantity;
        od->has_pinned_line = pin_line >= 0;
        od->pinned_line = pin_line;
        if (has_pin_start) {
            od->has_pinned_start = true;
            od->pinned_start_at = (int32_t)(pin_start > 0 ? pin_start : 0);
            if (od->pinned_start_at > od->release_at)
                od->release_at = od->pinned_start_at;
        }
        st = cs_strmap_put(L->order_map, id, o);
    }
    free(fam_line);
    return st;
}

cosched_status cs_load_initial_products(cs_loader *L)
{
    cosched_scenario *sc = L->sc;
    if (L->initial_names == NULL)
        return COSCHED_OK;
    for (int i = 0; i < sc->n_lines; i++) {
        if (L->initial_names[i] == NULL)
            continue;
        int p = add_product(L, L->initial_names[i]);
        if (p < 0)
            return COSCHED_ENOMEM;
        sc->lines[i].initial_product = p;
    }
    return COSCHED_OK;
}

cosched_status cs_load_pins(cosched_scenario *sc, const char *orders_file, cosched_diags *d)
{
    size_t nl = (size_t)sc->n_lines;
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *od = &sc->orders[o];
        if (!od->has_pinned_line)
            continue;
        int32_t *rm = sc->run_minutes + (size_t)o * nl;
        if (rm[od->pinned_line] < 0) {
            cs_diag_addc(d, "E_NO_CAPABLE_LINE", COSCHED_SEV_ERROR, orders_file, od->src_line,
                         "pinned_line",
                         "column 'pinned_line': line '%s' cannot make product '%s' of order "
                         "'%s', got '%s'", sc->lines[od->pinned_line].id,
                         sc->products[od->product].id, od->id, sc->lines[od->pinned_line].id);
            continue;
        }
        for (size_t l = 0; l < nl; l++)
            if ((int)l != od->pinned_line)
                rm[l] = -1;
    }
    return COSCHED_OK;
}
