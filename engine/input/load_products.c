/* load_products.c -- the optional products.csv (product_id,family and any attribute columns):
 * master data. It gives the family of products, including an initial_product that no order
 * makes. Rows for products no order uses are not errors; they simply do not come into play. */
#include "input/input.h"

#include <string.h>

cosched_status cs_load_products(cs_loader *L, const cs_csvtab *t)
{
    static const cs_colspec spec[2] = {{"product_id", true}, {"family", false}};
    int col[2];
    /* Extra attribute columns are allowed here: warn only about the two we read being absent,
     * not about the others. */
    col[0] = cs_csvtab_col(t, "product_id");
    col[1] = cs_csvtab_col(t, "family");
    if (col[0] < 0) {
        cs_diag_addc(L->d, "E_MISSING_COLUMN", COSCHED_SEV_ERROR, cs_csvtab_display(t), 1,
                     "product_id",
                     "column 'product_id': required column is missing");
        return COSCHED_OK;
    }
    int n = cs_csvtab_n_rows(t);
    L->master_family = cs_calloc((size_t)n, sizeof *L->master_family);
    L->master_line = cs_calloc((size_t)n, sizeof *L->master_line);
    if (L->master_family == NULL || L->master_line == NULL)
        return COSCHED_ENOMEM;
    for (int r = 0; r < n; r++) {
        if (cs_csvtab_row_width(t, r) != cs_csvtab_n_cols(t))
            cs_load_errorc(L, "E_RECORD_WIDTH", t, r, NULL,
                           "record has %d fields, the header has %d",
                           cs_csvtab_row_width(t, r), cs_csvtab_n_cols(t));
        const char *id, *fam;
        if (!cs_load_id(L, t, r, &spec[0], col[0], &id))
            continue;
        int prev = cs_strmap_get(L->master_map, id);
        if (prev >= 0) {
            cs_load_errorc(L, "E_DUPLICATE_ID", t, r, "product_id",
                           "column 'product_id': product '%s' is defined "
                           "twice (first at line %ld)", id, L->master_line[prev]);
            continue;
        }
        if (!cs_load_id(L, t, r, &spec[1], col[1], &fam))
            continue;
        int f = -1;
        if (fam != NULL && (f = cs_load_family(L, fam)) < 0)
            return COSCHED_ENOMEM;
        L->master_family[L->n_master] = f;
        L->master_line[L->n_master] = cs_csvtab_line(t, r);
        CS_TRY(cs_strmap_put(L->master_map, id, L->n_master));
        L->n_master++;
    }
    return COSCHED_OK;
}
