/* load_lines.c -- lines.csv: the production lines, their availability, the product they are
 * set up for, and the sanitation-interval extension (max_run_minutes, cleaning_*).
 * initial_product is kept as text here and resolved once orders are known, since it may name
 * a product that no order makes. */
#include "input/input.h"

#include <stdlib.h>
#include <string.h>

enum { C_ID, C_NAME, C_AVAIL, C_INIT, C_MAXRUN, C_CLEANMIN, C_CLEANCOST, N_COLS };

cosched_status cs_load_lines(cs_loader *L, const cs_csvtab *t)
{
    static const cs_colspec spec[N_COLS] = {
        {"line_id", true},          {"name", false},             {"available_from", false},
        {"initial_product", false}, {"max_run_minutes", false},  {"cleaning_minutes", false},
        {"cleaning_cost", false},
    };
    int col[N_COLS];
    if (!cs_load_columns(L, t, spec, N_COLS, col))
        return COSCHED_OK;
    cosched_scenario *sc = L->sc;
    int n = cs_csvtab_n_rows(t);
    sc->lines = cs_calloc((size_t)n, sizeof *sc->lines);
    L->initial_names = cs_calloc((size_t)n, sizeof *L->initial_names);
    L->initial_rows = cs_calloc((size_t)n, sizeof *L->initial_rows);
    if (sc->lines == NULL || L->initial_names == NULL || L->initial_rows == NULL)
        return COSCHED_ENOMEM;
    for (int r = 0; r < n; r++) {
        const char *id, *init;
        bool ok = cs_load_id(L, t, r, &spec[C_ID], col[C_ID], &id);
        if (ok && strcmp(id, "*") == 0) {
            /* '*' means every line in calendar.csv and changeovers.csv. */
            cs_load_bad(L, t, r, "line_id", "a line id other than '*'", id);
            ok = false;
        }
        if (ok) {
            int prev = cs_strmap_get(L->line_map, id);
            if (prev >= 0) {
                cs_load_errorc(L, "E_DUPLICATE_ID", t, r, "line_id",
                               "column 'line_id': line '%s' is defined twice "
                               "(first at line %ld)", id, sc->lines[prev].src_line);
                ok = false;
            }
        }
        /* A record with a bad value still defines its line (the load fails anyway), so that
         * other files naming the line are not reported as well. */
        bool present;
        int64_t avail = 0;
        cs_load_time(L, t, r, &spec[C_AVAIL], col[C_AVAIL], true, &present, &avail);
        if (!cs_load_id(L, t, r, &spec[C_INIT], col[C_INIT], &init))
            init = NULL;
        long maxrun = 0, cleanmin = 0;
        double cleancost = 0;
        cs_load_integer(L, t, r, &spec[C_MAXRUN], col[C_MAXRUN], 1, CS_MAX_MINUTES, 0, &maxrun);
        cs_load_integer(L, t, r, &spec[C_CLEANMIN], col[C_CLEANMIN], 0, CS_MAX_MINUTES, -1,
                        &cleanmin);
        cs_load_number(L, t, r, &spec[C_CLEANCOST], col[C_CLEANCOST], false, 0, &cleancost);
        if (maxrun > 0 && cleanmin < 0 && *cs_csvtab_get(t, r, col[C_CLEANMIN]) == '\0') {
            cs_load_errorc(L, "E_BAD_VALUE", t, r, "cleaning_minutes",
                           "column 'cleaning_minutes': required "
                           "when max_run_minutes is set, got ''");
        }
        if (!ok)
            continue;
        int li = sc->n_lines++;
        cs_line *ln = &sc->lines[li];
        ln->initial_product = -1;
        ln->src_line = cs_csvtab_line(t, r);
        L->initial_rows[li] = ln->src_line;
        ln->id = cs_strdup(id);
        const char *name = cs_csvtab_get(t, r, col[C_NAME]);
        ln->name = *name ? cs_strdup(name) : NULL;
        if (ln->id == NULL || (*name && ln->name == NULL))
            return COSCHED_ENOMEM;
        /* Work cannot start before minute 0, whatever the plant says. */
        ln->available_at = (int32_t)(avail > 0 ? avail : 0);
        ln->max_run_minutes = (int32_t)maxrun;
        ln->cleaning_minutes = (int32_t)(maxrun > 0 && cleanmin > 0 ? cleanmin : 0);
        ln->cleaning_cost = maxrun > 0 ? cleancost : 0;
        if (init != NULL && (L->initial_names[li] = cs_strdup(init)) == NULL)
            return COSCHED_ENOMEM;
        CS_TRY(cs_strmap_put(L->line_map, id, li));
    }
    return COSCHED_OK;
}
