/* diag.c -- the diagnostics sink: every input problem or plan violation, in the order found,
 * with file, line and column, printed GNU style ("FILE:LINE: error: message"). The sink caps
 * the number of errors it keeps so a broken 100,000-line file does not flood the caller. */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cosched_diags {
    cosched_diag *items;
    int n;
    size_t cap;
    int max_errors;
    int n_errors;   /* counted even when not kept */
    int n_warnings;
    bool truncated;
};

cosched_diags *cosched_diags_create(int max_errors)
{
    cosched_diags *d = calloc(1, sizeof *d);
    if (d != NULL)
        d->max_errors = max_errors > 0 ? max_errors : 1;
    return d;
}

void cosched_diags_free(cosched_diags *d)
{
    if (d == NULL)
        return;
    for (int i = 0; i < d->n; i++) {
        free((char *)d->items[i].file);
        free((char *)d->items[i].column);
        free((char *)d->items[i].message);
    }
    free(d->items);
    free(d);
}

int cosched_diags_count(const cosched_diags *d) { return d->n; }
int cosched_diags_n_errors(const cosched_diags *d) { return d->n_errors; }
bool cosched_diags_truncated(const cosched_diags *d) { return d->truncated; }
bool cs_diag_full(const cosched_diags *d) { return d->n_errors >= d->max_errors; }

const cosched_diag *cosched_diags_get(const cosched_diags *d, int i)
{
    return (i >= 0 && i < d->n) ? &d->items[i] : NULL;
}

void cs_diag_vadd(cosched_diags *d, cosched_severity sev, const char *file, long line,
                  const char *column, const char *fmt, va_list ap)
{
    cs_diag_vaddc(d, NULL, sev, file, line, column, fmt, ap);
}

void cs_diag_vaddc(cosched_diags *d, const char *code, cosched_severity sev, const char *file,
                   long line, const char *column, const char *fmt, va_list ap)
{
    if (d == NULL)
        return;
    int *count = sev == COSCHED_SEV_ERROR ? &d->n_errors : &d->n_warnings;
    if (*count >= d->max_errors) {
        (*count)++;
        d->truncated = true;
        return;
    }
    (*count)++;
    cosched_diag *items = cs_grow(d->items, sizeof *items, (size_t)d->n + 1, &d->cap, 16);
    if (items == NULL) {
        d->truncated = true;
        return;
    }
    d->items = items;
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    cosched_diag *g = &d->items[d->n];
    g->severity = sev;
    g->line = line;
    g->file = cs_strdup(file ? file : "");
    g->column = column ? cs_strdup(column) : NULL;
    g->message = cs_strdup(buf);
    g->code = code != NULL ? code : sev == COSCHED_SEV_ERROR ? "E_OTHER" : "W_OTHER";
    if (g->file == NULL || g->message == NULL || (column && g->column == NULL)) {
        free((char *)g->file);
        free((char *)g->column);
        free((char *)g->message);
        d->truncated = true;
        return;
    }
    d->n++;
}

void cs_diag_add(cosched_diags *d, cosched_severity sev, const char *file, long line,
                 const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vadd(d, sev, file, line, column, fmt, ap);
    va_end(ap);
}

void cs_diag_addc(cosched_diags *d, const char *code, cosched_severity sev, const char *file,
                  long line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vaddc(d, code, sev, file, line, column, fmt, ap);
    va_end(ap);
}

void cosched_diags_print(const cosched_diags *d, FILE *fp)
{
    for (int i = 0; i < d->n; i++) {
        const cosched_diag *g = &d->items[i];
        const char *sev = g->severity == COSCHED_SEV_ERROR ? "error" : "warning";
        if (g->line > 0)
            fprintf(fp, "%s:%ld: %s: %s\n", g->file, g->line, sev, g->message);
        else
            fprintf(fp, "%s: %s: %s\n", g->file, sev, g->message);
    }
    if (d->truncated)
        fprintf(fp, "cosched: %d errors and %d warnings in all; only the first %d of each "
                    "are shown\n", d->n_errors, d->n_warnings, d->max_errors);
}
