/* load_capabilities.c -- capabilities.csv: which line makes which product (or family:NAME)
 * and how fast. A product row beats a family row for the same line, in whatever order they
 * come. The rate is kept in the form given (units_per_hour or minutes_per_unit), since the
 * contract rounds the two differently. Rows naming products or families no order uses are
 * master data and are skipped; a row given twice for the same line and product is an error. */
#include "input/input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_LINE, C_PRODUCT, C_UPH, C_MPU, C_BATCH, N_COLS };

static const char family_prefix[] = "family:";

/* Records one resolved rate for product p on line l at precedence @p level (2 product row,
 * 1 family row), unless a more specific row already set it. */
static void apply(cosched_scenario *sc, unsigned char *level, int p, int l, unsigned char lev,
                  double uph, double mpu, double batch)
{
    size_t k = (size_t)p * sc->n_lines + l;
    if (level[k] > lev)
        return;
    level[k] = lev;
    sc->units_per_hour[k] = mpu > 0 ? 60.0 / mpu : uph;
    sc->minutes_per_unit[k] = mpu;
    sc->max_batch[k] = batch;
}

cosched_status cs_load_capabilities(cs_loader *L, const cs_csvtab *t)
{
    static const cs_colspec spec[N_COLS] = {
        {"line_id", true},           {"product_id", true}, {"units_per_hour", false},
        {"minutes_per_unit", false}, {"max_batch", false},
    };
    cosched_scenario *sc = L->sc;
    size_t n_cells = (size_t)sc->n_products * (size_t)sc->n_lines;
    sc->units_per_hour = cs_calloc(n_cells, sizeof *sc->units_per_hour);
    sc->minutes_per_unit = cs_calloc(n_cells, sizeof *sc->minutes_per_unit);
    sc->max_batch = cs_calloc(n_cells, sizeof *sc->max_batch);
    unsigned char *level = cs_calloc(n_cells, 1);
    bool *named = cs_calloc((size_t)sc->n_lines + 1, sizeof *named);
    cs_strmap *seen = cs_strmap_create();
    /* Products of each family as linked lists: family rows touch only their products. */
    int *fam_head = malloc(((size_t)sc->n_families + 1) * sizeof *fam_head);
    int *fam_next = malloc(((size_t)sc->n_products + 1) * sizeof *fam_next);
    char *key = NULL;
    cosched_status st = COSCHED_OK;
    if (sc->units_per_hour == NULL || sc->minutes_per_unit == NULL || sc->max_batch == NULL ||
        level == NULL || named == NULL || seen == NULL || fam_head == NULL || fam_next == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    for (int f = 0; f < sc->n_families; f++)
        fam_head[f] = -1;
    for (int p = sc->n_products - 1; p >= 0; p--) {
        int f = sc->products[p].family;
        fam_next[p] = f >= 0 ? fam_head[f] : -1;
        if (f >= 0)
            fam_head[f] = p;
    }

    int col[N_COLS];
    if (!cs_load_columns(L, t, spec, N_COLS, col))
        goto cleanup;
    if (col[C_UPH] < 0 && col[C_MPU] < 0) {
        cs_diag_addc(L->d, "E_MISSING_COLUMN", COSCHED_SEV_ERROR, cs_csvtab_display(t), 1,
                     "units_per_hour",
                     "column 'units_per_hour' or 'minutes_per_unit': required column is missing");
        goto cleanup;
    }
    for (int r = 0; r < cs_csvtab_n_rows(t) && st == COSCHED_OK; r++) {
        const char *lid, *prod;
        bool ok = cs_load_id(L, t, r, &spec[C_LINE], col[C_LINE], &lid);
        int l = -1;
        if (ok && (l = cs_strmap_get(L->line_map, lid)) < 0) {
            cs_load_bad(L, t, r, "line_id", "a line_id defined in lines.csv", lid);
            ok = false;
        }
        if (l >= 0)
            named[l] = true;
        ok &= cs_load_id(L, t, r, &spec[C_PRODUCT], col[C_PRODUCT], &prod);
        const char *uph_text = cs_csvtab_get(t, r, col[C_UPH]);
        const char *mpu_text = cs_csvtab_get(t, r, col[C_MPU]);
        double uph = 0, mpu = 0, batch = 0;
        if (*uph_text != '\0' && *mpu_text != '\0') {
            cs_load_errorc(L, "E_BAD_VALUE", t, r, "units_per_hour",
                           "column 'units_per_hour': give either "
                           "units_per_hour or minutes_per_unit, not both");
            ok = false;
        } else if (*uph_text == '\0' && *mpu_text == '\0') {
            cs_load_errorc(L, "E_BAD_VALUE", t, r, "units_per_hour",
                           "column 'units_per_hour': expected a "
                           "number > 0 (or minutes_per_unit), got ''");
            ok = false;
        } else if (*uph_text != '\0') {
            ok &= cs_load_number(L, t, r, &spec[C_UPH], col[C_UPH], true, 0, &uph);
        } else {
            ok &= cs_load_number(L, t, r, &spec[C_MPU], col[C_MPU], true, 0, &mpu);
        }
        ok &= cs_load_number(L, t, r, &spec[C_BATCH], col[C_BATCH], true, 0, &batch);
        if (!ok)
            continue;
        size_t klen = strlen(lid) + strlen(prod) + 2;
        char *k2 = realloc(key, klen);
        if (k2 == NULL) {
            st = COSCHED_ENOMEM;
            break;
        }
        key = k2;
        snprintf(key, klen, "%s,%s", lid, prod); /* ids hold no commas */
        int prev = cs_strmap_get(seen, key);
        if (prev >= 0) {
            cs_load_errorc(L, "E_DUPLICATE_ID", t, r, "product_id",
                           "column 'product_id': line '%s' and '%s' are "
                           "given twice (first at line %d)", lid, prod, prev);
            continue;
        }
        st = cs_strmap_put(seen, key, (int)cs_csvtab_line(t, r));
        if (strncmp(prod, family_prefix, sizeof family_prefix - 1) == 0) {
            const char *fname = prod + sizeof family_prefix - 1;
            int f = cs_strmap_get(L->family_map, fname);
            for (int p = f >= 0 ? fam_head[f] : -1; p >= 0; p = fam_next[p])
                apply(sc, level, p, l, 1, uph, mpu, batch);
        } else {
            int p = cs_strmap_get(L->product_map, prod);
            if (p >= 0)
                apply(sc, level, p, l, 2, uph, mpu, batch);
        }
    }
    /* A line that no row names is legal (master data may list every line) but usually a
     * mistake in capabilities.csv: say so, without refusing the scenario. */
    for (int l = 0; l < sc->n_lines && st == COSCHED_OK && !cs_diag_full(L->d); l++)
        if (!named[l])
            cs_diag_addc(L->d, "W_LINE_WITHOUT_CAPABILITY", COSCHED_SEV_WARNING, L->lines_file,
                         sc->lines[l].src_line,
                         "line_id", "column 'line_id': line '%s' can make nothing (no row of "
                         "%s names it)", sc->lines[l].id, cs_csvtab_display(t));

cleanup:
    free(key);
    free(fam_next);
    free(fam_head);
    cs_strmap_free(seen);
    free(level);
    free(named);
    return st;
}
