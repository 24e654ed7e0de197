/* load_changeovers.c -- changeovers.csv: the rules, with line, from and to resolved to
 * indices. Resolution into per-pair tables happens in model/changeover.c once capabilities
 * are known. A rule naming a product or family that no order or line uses is master data: it
 * can never match, so it is dropped here. */
#include "input/input.h"

#include <string.h>

enum { C_LINE, C_FROM, C_TO, C_MINUTES, C_COST, N_COLS };

static const char family_prefix[] = "family:";

/* Parses a from/to token. @return false on a bad token (reported); *idx = -1 when it names
 * something unknown (the rule can never match). */
static bool token(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int col,
                  cs_token_kind *kind, int *idx)
{
    const char *v;
    if (!cs_load_id(L, t, row, c, col, &v))
        return false;
    if (strcmp(v, "*") == 0) {
        *kind = CS_TOK_ANY;
        *idx = 0;
    } else if (strncmp(v, family_prefix, sizeof family_prefix - 1) == 0) {
        *kind = CS_TOK_FAMILY;
        *idx = cs_strmap_get(L->family_map, v + sizeof family_prefix - 1);
    } else {
        *kind = CS_TOK_PRODUCT;
        *idx = cs_strmap_get(L->product_map, v);
    }
    return true;
}

cosched_status cs_load_changeovers(cs_loader *L, const cs_csvtab *t)
{
    static const cs_colspec spec[N_COLS] = {
        {"line_id", false}, {"from", true}, {"to", true}, {"minutes", true}, {"cost", false},
    };
    int col[N_COLS];
    if (!cs_load_columns(L, t, spec, N_COLS, col))
        return COSCHED_OK;
    int n = cs_csvtab_n_rows(t);
    L->rules = cs_calloc((size_t)n, sizeof *L->rules);
    if (L->rules == NULL)
        return COSCHED_ENOMEM;
    for (int r = 0; r < n; r++) {
        bool ok = true;
        int line = -1;
        const char *lid = cs_csvtab_get(t, r, col[C_LINE]);
        if (*lid != '\0' && strcmp(lid, "*") != 0) {
            ok = cs_load_id(L, t, r, &spec[C_LINE], col[C_LINE], &lid);
            if (ok && (line = cs_strmap_get(L->line_map, lid)) < 0) {
                cs_load_bad(L, t, r, "line_id", "a line_id defined in lines.csv, '*' or empty",
                            lid);
                ok = false;
            }
        }
        cs_co_rule rule = {.line = line, .src_line = cs_csvtab_line(t, r)};
        int from = 0, to = 0;
        ok &= token(L, t, r, &spec[C_FROM], col[C_FROM], &rule.from_kind, &from);
        ok &= token(L, t, r, &spec[C_TO], col[C_TO], &rule.to_kind, &to);
        long minutes = 0;
        ok &= cs_load_integer(L, t, r, &spec[C_MINUTES], col[C_MINUTES], 0, CS_MAX_MINUTES, 0,
                              &minutes);
        ok &= cs_load_number(L, t, r, &spec[C_COST], col[C_COST], false, 0, &rule.cost);
        if (!ok || from < 0 || to < 0)
            continue;
        rule.from = rule.from_kind == CS_TOK_ANY ? -1 : from;
        rule.to = rule.to_kind == CS_TOK_ANY ? -1 : to;
        rule.minutes = (int32_t)minutes;
        L->rules[L->n_rules++] = rule;
    }
    return COSCHED_OK;
}
