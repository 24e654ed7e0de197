/* load_calendar.c -- the optional calendar.csv: downtime windows per line ('*' = every line).
 * Rounding keeps downtime conservative: start rounds down and end rounds up to the minute.
 * Windows are clipped to minute 0 (dropped when nothing is left), then sorted and merged per
 * line when they overlap or touch. */
#include "input/input.h"

#include <stdlib.h>
#include <string.h>

enum { C_LINE, C_START, C_END, C_REASON, N_COLS };

typedef struct {
    int line; /* -1: all lines */
    cs_window w;
} raw_window;

static int cmp_window(const void *a, const void *b)
{
    const cs_window *x = a, *y = b;
    if (x->start_at != y->start_at)
        return x->start_at < y->start_at ? -1 : 1;
    return (x->end_at > y->end_at) - (x->end_at < y->end_at);
}

static cosched_status build_line(cosched_scenario *sc, int l, const raw_window *raw, int n)
{
    cs_window *w = cs_calloc((size_t)n, sizeof *w);
    if (w == NULL)
        return COSCHED_ENOMEM;
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (raw[i].line == l || raw[i].line < 0)
            w[k++] = raw[i].w;
    }
    qsort(w, (size_t)k, sizeof *w, cmp_window);
    int m = 0;
    for (int i = 0; i < k; i++) {
        if (m > 0 && w[i].start_at <= w[m - 1].end_at) {
            if (w[i].end_at > w[m - 1].end_at)
                w[m - 1].end_at = w[i].end_at;
        } else {
            w[m++] = w[i];
        }
    }
    sc->lines[l].downtime = w;
    sc->lines[l].n_downtime = m;
    return COSCHED_OK;
}

cosched_status cs_load_calendar(cs_loader *L, const cs_csvtab *t)
{
    static const cs_colspec spec[N_COLS] = {
        {"line_id", true}, {"start", true}, {"end", true}, {"reason", false},
    };
    int col[N_COLS];
    if (!cs_load_columns(L, t, spec, N_COLS, col))
        return COSCHED_OK;
    int n = cs_csvtab_n_rows(t);
    raw_window *raw = cs_calloc((size_t)n, sizeof *raw);
    if (raw == NULL)
        return COSCHED_ENOMEM;
    int n_raw = 0;
    for (int r = 0; r < n; r++) {
        const char *lid;
        int line = -1;
        bool ok = cs_load_id(L, t, r, &spec[C_LINE], col[C_LINE], &lid);
        if (ok && strcmp(lid, "*") != 0 && (line = cs_strmap_get(L->line_map, lid)) < 0) {
            cs_load_bad(L, t, r, "line_id", "a line_id defined in lines.csv or '*'", lid);
            ok = false;
        }
        bool has_start, has_end;
        int64_t start = 0, end = 0;
        bool start_ok = cs_load_time(L, t, r, &spec[C_START], col[C_START], false, &has_start,
                                     &start);
        bool end_ok = cs_load_time(L, t, r, &spec[C_END], col[C_END], true, &has_end, &end);
        if (!start_ok || !end_ok || !ok)
            continue;
        /* Compare the datetimes as written, to the second. */
        const char *sv = cs_csvtab_get(t, r, col[C_START]);
        const char *ev = cs_csvtab_get(t, r, col[C_END]);
        int64_t sm, em;
        int ss, es;
        cs_datetime_parse(sv, &sm, &ss);
        cs_datetime_parse(ev, &em, &es);
        if (em * 60 + es <= sm * 60 + ss) {
            char q[128];
            cs_load_errorc(L, "E_BAD_VALUE", t, r, "end",
                           "column 'end': expected a datetime after start '%s', "
                           "got '%s'", sv, cs_load_quote(ev, q, sizeof q));
            continue;
        }
        if (start < 0)
            start = 0;
        if (end <= start)
            continue; /* wholly before horizon_start */
        raw[n_raw++] = (raw_window){line, {(int32_t)start, (int32_t)end}};
    }
    cosched_status st = COSCHED_OK;
    for (int l = 0; l < L->sc->n_lines && st == COSCHED_OK; l++) {
        free(L->sc->lines[l].downtime);
        st = build_line(L->sc, l, raw, n_raw);
    }
    free(raw);
    return st;
}
