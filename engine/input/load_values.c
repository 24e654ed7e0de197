/* load_values.c -- the value readers every loader shares (columns by name, ids, numbers,
 * integers, datetimes, families), so that every message has the same shape:
 *   FILE:LINE: error: column 'quantity': expected a number > 0, got '-3'
 * A loader reports and goes on; scenario_load.c runs the loaders. */
#include "input/input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cs_load_quote(const char *value, char *buf, size_t size)
{
    enum { MAX_SHOWN = 60 };
    size_t k = 0, shown = 0;
    const unsigned char *v = (const unsigned char *)value;
    for (; *v && k + 8 < size; v++) {
        /* Cut only at the start of a UTF-8 sequence, so no character is split. */
        if (shown >= MAX_SHOWN && (*v & 0xC0) != 0x80)
            break;
        if (*v < 0x20 || *v == 0x7F) {
            k += (size_t)snprintf(buf + k, size - k, "\\x%02X", *v);
        } else {
            buf[k++] = (char)*v;
        }
        shown++;
    }
    if (*v != '\0' && k + 4 <= size) {
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k < size ? k : size - 1] = '\0';
    return buf;
}

void cs_load_error(cs_loader *L, const cs_csvtab *t, int row, const char *col, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vadd(L->d, COSCHED_SEV_ERROR, cs_csvtab_display(t), cs_csvtab_line(t, row), col,
                 fmt, ap);
    va_end(ap);
}

void cs_load_errorc(cs_loader *L, const char *code, const cs_csvtab *t, int row, const char *col,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vaddc(L->d, code, COSCHED_SEV_ERROR, cs_csvtab_display(t), cs_csvtab_line(t, row),
                  col, fmt, ap);
    va_end(ap);
}

void cs_load_bad(cs_loader *L, const cs_csvtab *t, int row, const char *col, const char *what,
                 const char *value)
{
    char q[128];
    cs_load_errorc(L, "E_BAD_VALUE", t, row, col, "column '%s': expected %s, got '%s'", col, what,
                   cs_load_quote(value, q, sizeof q));
}

/* True when the header of @p t is one field that holds column names of @p spec separated by
 * semicolons: a "CSV" saved by a spreadsheet set to a European locale. */
static bool semicolon_header(const cs_csvtab *t, const cs_colspec *spec, int n)
{
    const char *h = cs_csvtab_col_name(t, 0);
    if (strchr(h, ';') == NULL)
        return false;
    for (const char *p = h;; p++) {
        const char *end = strchr(p, ';');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        for (int k = 0; k < n; k++) {
            if (strlen(spec[k].name) == len && strncmp(p, spec[k].name, len) == 0)
                return true;
        }
        if (end == NULL)
            return false;
        p = end;
    }
}

bool cs_load_columns(cs_loader *L, const cs_csvtab *t, const cs_colspec *spec, int n, int *idx)
{
    if (semicolon_header(t, spec, n)) {
        /* Every column would be missing and every row one field: say why once. */
        char q[128];
        cs_diag_addc(L->d, "E_SEMICOLON_CSV", COSCHED_SEV_ERROR, cs_csvtab_display(t), 1, NULL,
                     "the file looks semicolon-separated; save as comma-separated CSV (the "
                     "header is one column, '%s')",
                     cs_load_quote(cs_csvtab_col_name(t, 0), q, sizeof q));
        for (int k = 0; k < n; k++)
            idx[k] = -1;
        return false;
    }
    int n_cols = cs_csvtab_n_cols(t);
    /* Names of the header's unknown columns, and of the spec's columns the header lacks:
     * each is the other's "did you mean". */
    const char **unknown = calloc((size_t)n_cols + 1, sizeof *unknown);
    const char **absent = calloc((size_t)n + 1, sizeof *absent);
    int n_unknown = 0, n_absent = 0;
    if (unknown == NULL || absent == NULL)
        L->oom = true;
    for (int c = 0; c < n_cols && unknown != NULL; c++) {
        const char *name = cs_csvtab_col_name(t, c);
        bool known = false;
        for (int k = 0; k < n && !known; k++)
            known = strcmp(name, spec[k].name) == 0;
        if (!known)
            unknown[n_unknown++] = name;
    }
    bool ok = true;
    for (int k = 0; k < n; k++) {
        idx[k] = cs_csvtab_col(t, spec[k].name);
        if (idx[k] < 0 && absent != NULL)
            absent[n_absent++] = spec[k].name;
        if (idx[k] < 0 && spec[k].required) {
            const char *guess = cosched_suggest(spec[k].name, unknown, n_unknown);
            char q[128];
            if (guess != NULL)
                cs_diag_addc(L->d, "E_MISSING_COLUMN", COSCHED_SEV_ERROR, cs_csvtab_display(t), 1,
                             spec[k].name,
                             "column '%s': required column is missing; did you mean '%s'?",
                             spec[k].name, cs_load_quote(guess, q, sizeof q));
            else
                cs_diag_addc(L->d, "E_MISSING_COLUMN", COSCHED_SEV_ERROR, cs_csvtab_display(t), 1,
                             spec[k].name,
                             "column '%s': required column is missing", spec[k].name);
            ok = false;
        }
    }
    for (int u = 0; u < n_unknown; u++) {
        const char *guess = cosched_suggest(unknown[u], absent, n_absent);
        char q[128];
        cs_diag_addc(L->d, "W_UNKNOWN_COLUMN", COSCHED_SEV_WARNING, cs_csvtab_display(t), 1,
                     unknown[u],
                     "column '%s': unknown column, ignored%s%s%s",
                     cs_load_quote(unknown[u], q, sizeof q), guess ? "; did you mean '" : "",
                     guess ? guess : "", guess ? "'?" : "");
    }
    free(unknown);
    free(absent);
    for (int r = 0; r < cs_csvtab_n_rows(t); r++) {
        if (cs_csvtab_row_width(t, r) != n_cols)
            cs_load_errorc(L, "E_RECORD_WIDTH", t, r, NULL,
                           "record has %d fields, the header has %d",
                           cs_csvtab_row_width(t, r), n_cols);
    }
    return ok;
}

bool cs_load_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    /* A space at either end is invisible in most viewers and lost by many tools that
     * re-read the plan (an MES, a spreadsheet): " O2 " and "O2" must not be two orders. */
    if (s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == ',' || *c < 0x20 || *c == 0x7F)
            return false;
        /* Unicode line breaks, which line-oriented readers split records at: U+0085 (NEL),
         * U+2028 and U+2029 (line and paragraph separators). */
        if ((c[0] == 0xC2 && c[1] == 0x85) ||
            (c[0] == 0xE2 && c[1] == 0x80 && (c[2] == 0xA8 || c[2] == 0xA9)))
            return false;
    }
    return true;
}

bool cs_load_id(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                const char **out)
{
    const char *v = cs_csvtab_get(t, row, idx);
    if (*v == '\0' && !c->required) {
        *out = NULL;
        return true;
    }
    if (!cs_load_is_id(v)) {
        cs_load_bad(L, t, row, c->name,
                    "an identifier (1-64 bytes, no commas, control characters or line "
                    "separators, no space at either end)", v);
        return false;
    }
    *out = v;
    return true;
}

bool cs_load_number(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                    bool positive, double dflt, double *out)
{
    const char *v = cs_csvtab_get(t, row, idx);
    if (*v == '\0' && !c->required) {
        *out = dflt;
        return true;
    }
    double x;
    if (!cs_parse_double(v, &x) || (positive ? !(x > 0) : !(x >= 0))) {
        cs_load_bad(L, t, row, c->name, positive ? "a number > 0" : "a number >= 0", v);
        return false;
    }
    *out = x == 0 ? 0.0 : x; /* no negative zero */
    return true;
}

bool cs_load_integer(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                     long lo, long hi, long dflt, long *out)
{
    const char *v = cs_csvtab_get(t, row, idx);
    if (*v == '\0' && !c->required) {
        *out = dflt;
        return true;
    }
    if (!cs_parse_long(v, lo, hi, out)) {
        char what[80];
        snprintf(what, sizeof what, "an integer from %ld to %ld", lo, hi);
        cs_load_bad(L, t, row, c->name, what, v);
        return false;
    }
    return true;
}

bool cs_load_time(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                  bool round_up, bool *present, int64_t *out)
{
    const char *v = cs_csvtab_get(t, row, idx);
    *present = false;
    *out = 0;
    if (*v == '\0' && !c->required)
        return true;
    int64_t m;
    int sec;
    if (!cs_datetime_parse(v, &m, &sec)) {
        cs_load_bad(L, t, row, c->name, "a datetime YYYY-MM-DDTHH:MM[:SS]", v);
        return false;
    }
    *present = true;
    if (!L->have_horizon)
        return true;
    m += round_up && sec > 0;
    int64_t rel = m - L->sc->horizon_epoch_min;
    /* A due date far ahead (2099-12-31, 9999-12-31: the usual "no due date") cannot make an
     * order late, since no plan ends after CS_MAX_PLAN_MINUTES: it is kept as that minute
     * at the latest. */
    if (rel > CS_MAX_MINUTES && strcmp(c->name, "due") == 0) {
        *out = rel < CS_MAX_PLAN_MINUTES ? rel : CS_MAX_PLAN_MINUTES;
        return true;
    }
    if (rel > CS_MAX_MINUTES || rel < -(int64_t)CS_MAX_MINUTES) {
        char q[128];
        cs_load_errorc(L, "E_OUT_OF_RANGE", t, row, c->name,
                       "column '%s': '%s' lies more than %d minutes (about 19 years) from "
                       "horizon_start",
                       c->name, cs_load_quote(v, q, sizeof q), CS_MAX_MINUTES);
        return false;
    }
    *out = rel;
    return true;
}

int cs_load_family(cs_loader *L, const char *name)
{
    int f = cs_strmap_get(L->family_map, name);
    if (f >= 0)
        return f;
    cosched_scenario *sc = L->sc;
    char **fam = cs_reallocarray(sc->families, (size_t)sc->n_families + 1, sizeof *fam);
    if (fam == NULL)
        return -1;
    sc->families = fam;
    fam[sc->n_families] = cs_strdup(name);
    if (fam[sc->n_families] == NULL)
        return -1;
    if (cs_strmap_put(L->family_map, name, sc->n_families) != COSCHED_OK) {
        free(fam[sc->n_families]);
        return -1;
    }
    return sc->n_families++;
}

