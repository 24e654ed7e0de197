/* plan_file.c -- the plan files' columns, datetime policy and readers (see plan_file.h).
 * A reader reports only what cannot be read: a missing file or column, a value of the wrong
 * form, at FILE:LINE with the column; every caller gives its own meaning to what it reads.
 * The only file of plan/ that reads CSV through input/'s reader. */
#include "plan/plan_file.h"

#include "base/base.h"
#include "base/csvtab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

_Static_assert((int)CS_SC_N <= (int)CS_PC_N, "cs_plan_table.col holds the columns of either file");

/* The most a plan file may hold, as for every input file. */
#define MAX_FILE_BYTES (128L * 1024 * 1024)

const char *const cs_plan_col_names[CS_PC_N] = {
    "line_id", "seq", "kind", "order_id", "product_id", "from_product_id",
    "quantity", "start", "end", "minutes", "cost",
};

const char *const cs_sched_col_names[CS_SC_N] = {
    "order_id", "line_id", "start", "end", "due", "tardiness_minutes", "status", "reason",
};

const char *cs_plan_file_kind_name(cs_block_kind k)
{
    switch (k) {
    case CS_BLOCK_CHANGEOVER:
        return "changeover";
    case CS_BLOCK_PRODUCTION:
        return "production";
    case CS_BLOCK_CLEANING:
        return "cleaning";
    }
    return "";
}

static int parse_kind(const char *s)
{
    static const cs_block_kind kinds[] = { CS_BLOCK_PRODUCTION, CS_BLOCK_CHANGEOVER,
                                           CS_BLOCK_CLEANING };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, cs_plan_file_kind_name(kinds[i])) == 0)
            return (int)kinds[i];
    return -1;
}

bool cs_plan_file_parse_time(const char *s, int64_t *epoch_min)
{
    int sec;
    return cs_datetime_parse(s, epoch_min, &sec) && sec == 0;
}

bool cs_plan_file_parse_at(int64_t horizon_epoch_min, const char *s, int32_t *at)
{
    int64_t epoch;
    if (!cs_plan_file_parse_time(s, &epoch))
        return false;
    int64_t m = epoch - horizon_epoch_min;
    if (m < -(int64_t)CS_MAX_PLAN_MINUTES || m > (int64_t)CS_MAX_PLAN_MINUTES)
        return false;
    *at = (int32_t)m;
    return true;
}

static void report(cs_plan_report *rep, const char *code, const char *file, long line,
                   const char *column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* A problem with what the file holds: the caller's code, when it gives one. */
static void report(cs_plan_report *rep, const char *code, const char *file, long line,
                   const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vaddc(rep->d, rep->code != NULL ? rep->code : code, COSCHED_SEV_ERROR, file, line,
                  column, fmt, ap);
    va_end(ap);
    rep->n++;
}

/* A file that cannot be read at all (missing, not a regular file, too large): an input
 * problem with its own code, whoever reads it. */
static void report_file(cs_plan_report *rep, const char *code, const char *file,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report_file(cs_plan_report *rep, const char *code, const char *file,
                        const char *fmt, ...)
{
    if (rep == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vaddc(rep->d, code, COSCHED_SEV_ERROR, file, 0, NULL, fmt, ap);
    va_end(ap);
}

cosched_status cs_plan_table_load(const char *dir, const char *name, unsigned required,
                                  cs_plan_report *rep, cs_plan_table *pt)
{
    memset(pt, 0, sizeof *pt);
    for (size_t i = 0; i < sizeof pt->col / sizeof pt->col[0]; i++)
        pt->col[i] = -1;
    bool is_plan = strcmp(name, CS_PLAN_CSV) == 0;
    const char *const *names = is_plan ? cs_plan_col_names : cs_sched_col_names;
    int n = is_plan ? CS_PC_N : CS_SC_N;
    pt->path = cs_path_join(dir, name);
    if (pt->path == NULL)
        return COSCHED_ENOMEM;
    cosched_status st = cs_csvtab_load(pt->path, pt->path, rep->d, &pt->t);
    if (st == COSCHED_ENOENT)
        report_file(rep, "E_FILE_MISSING", pt->path, "file is missing");
    if (st != COSCHED_OK)
        return st;
    pt->complete = true;
    for (int i = 0; i < n; i++) {
        pt->col[i] = cs_csvtab_col(pt->t, names[i]);
        if (pt->col[i] < 0 && (required & (1u << i)) != 0) {
            report(rep, "E_MISSING_COLUMN", pt->path, 1, names[i],
                   "column '%s': required column is missing", names[i]);
            pt->complete = false;
        }
    }
    return COSCHED_OK;
}

void cs_plan_table_clear(cs_plan_table *pt)
{
    cs_csvtab_free(pt->t);
    free(pt->path);
    pt->t = NULL;
    pt->path = NULL;
}

int cs_plan_table_n_rows(const cs_plan_table *pt)
{
    return pt->t != NULL ? cs_csvtab_n_rows(pt->t) : 0;
}

/* The fields of row @p r by column; "" for an absent column. */
static long read_fields(const cs_plan_table *pt, int r, int n, const char **f)
{
    for (int i = 0; i < n; i++)
        f[i] = cs_csvtab_get(pt->t, r, pt->col[i]);
    return cs_csvtab_line(pt->t, r);
}

static bool present(const cs_plan_table *pt, int col)
{
    return pt->col[col] >= 0;
}

bool cs_plan_record_read(const cs_plan_table *pt, int64_t horizon_epoch_min, int r,
                         cs_plan_report *rep, cs_plan_record *w)
{
    memset(w, 0, sizeof *w);
    long ln = w->src = read_fields(pt, r, CS_PC_N, w->f);
    const char *file = pt->path;
    const char *const *f = w->f;
    int before = rep->n;
    w->seq = -1;
    w->kind = -1;
    w->minutes = -1;
    if (present(pt, CS_PC_SEQ) && !cs_parse_long(f[CS_PC_SEQ], 1, 100000000L, &w->seq)) {
        report(rep, "E_BAD_VALUE", file, ln, "seq",
               "column 'seq': expected a whole number >= 1, got '%s'", f[CS_PC_SEQ]);
        w->seq = -1;
    }
    if (present(pt, CS_PC_KIND) && (w->kind = parse_kind(f[CS_PC_KIND])) < 0)
        report(rep, "E_BAD_VALUE", file, ln, "kind",
               "column 'kind': expected production, changeover or cleaning, got '%s'",
               f[CS_PC_KIND]);
    if (present(pt, CS_PC_QUANTITY) && !cs_parse_double(f[CS_PC_QUANTITY], &w->quantity)) {
        report(rep, "E_BAD_VALUE", file, ln, "quantity",
               "column 'quantity': expected a number, got '%s'", f[CS_PC_QUANTITY]);
        w->quantity = 0.0;
    }
    bool s_ok = present(pt, CS_PC_START) &&
                cs_plan_file_parse_at(horizon_epoch_min, f[CS_PC_START], &w->start_at);
    bool e_ok = present(pt, CS_PC_END) &&
                cs_plan_file_parse_at(horizon_epoch_min, f[CS_PC_END], &w->end_at);
    if (present(pt, CS_PC_START) && !s_ok)
        report(rep, "E_BAD_VALUE", file, ln, "start",
               "column 'start': expected a datetime YYYY-MM-DDTHH:MM within the plan's range "
               "of horizon_start, got '%s'",
               f[CS_PC_START]);
    if (present(pt, CS_PC_END) && !e_ok)
        report(rep, "E_BAD_VALUE", file, ln, "end",
               "column 'end': expected a datetime YYYY-MM-DDTHH:MM within the plan's range of "
               "horizon_start, got '%s'",
               f[CS_PC_END]);
    w->timed = s_ok && e_ok;
    if (w->timed && w->end_at < w->start_at) {
        report(rep, "E_BAD_VALUE", file, ln, "end",
               "column 'end': the block ends before it starts (%s), got '%s'", f[CS_PC_START],
               f[CS_PC_END]);
        w->timed = false;
    }
    if (present(pt, CS_PC_MINUTES) &&
        !cs_parse_long(f[CS_PC_MINUTES], 0, CS_MAX_MINUTES, &w->minutes)) {
        report(rep, "E_BAD_VALUE", file, ln, "minutes",
               "column 'minutes': expected a whole number >= 0, got '%s'", f[CS_PC_MINUTES]);
        w->minutes = -1;
    }
    if (present(pt, CS_PC_COST) && !cs_parse_double(f[CS_PC_COST], &w->cost)) {
        report(rep, "E_BAD_VALUE", file, ln, "cost", "column 'cost': expected a number, got '%s'",
               f[CS_PC_COST]);
        w->cost = 0.0;
    }
    return rep->n == before;
}

/* An optional time: "" is absent; anything else must read. */
static bool read_time(cs_plan_report *rep, const char *file, long ln, const char *column,
                      const char *v, int64_t *at)
{
    if (*v == '\0')
        return false;
    if (cs_plan_file_parse_time(v, at))
        return true;
    report(rep, "E_BAD_VALUE", file, ln, column,
           "column '%s': expected a datetime YYYY-MM-DDTHH:MM, got '%s'", column, v);
    return false;
}

bool cs_sched_record_read(const cs_plan_table *pt, int r, cs_plan_report *rep,
                          cs_sched_record *w)
{
    memset(w, 0, sizeof *w);
    long ln = w->src = read_fields(pt, r, CS_SC_N, w->f);
    const char *file = pt->path;
    int before = rep->n;
    w->has_start = read_time(rep, file, ln, "start", w->f[CS_SC_START], &w->start);
    w->has_end = read_time(rep, file, ln, "end", w->f[CS_SC_END], &w->end);
    if (present(pt, CS_SC_DUE)) {
        w->has_due = cs_plan_file_parse_time(w->f[CS_SC_DUE], &w->due);
        if (!w->has_due)
            report(rep, "E_BAD_VALUE", file, ln, "due",
                   "column 'due': expected a datetime YYYY-MM-DDTHH:MM, got '%s'",
                   w->f[CS_SC_DUE]);
    }
    const char *tv = w->f[CS_SC_TARDINESS];
    if (*tv != '\0') {
        w->has_tardiness = cs_parse_long(tv, 0, INT32_MAX, &w->tardiness);
        if (!w->has_tardiness)
            report(rep, "E_BAD_VALUE", file, ln, "tardiness_minutes",
                   "column 'tardiness_minutes': expected a whole number >= 0, got '%s'", tv);
    }
    return rep->n == before;
}

/* The whole of an open regular file, NUL-terminated; NULL on a read error (*@p read_error
 * set) or ENOMEM. */
static char *read_all(FILE *fp, size_t size, bool *read_error)
{
    char *buf = malloc(size + 1);
    if (buf == NULL)
        return NULL;
    size_t len = fread(buf, 1, size, fp);
    if (ferror(fp)) {
        *read_error = true;
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

cosched_status cs_plan_summary_load(const char *dir, cs_plan_report *rep, cs_plan_summary *s)
{
    memset(s, 0, sizeof *s);
    s->path = cs_path_join(dir, CS_SUMMARY_JSON);
    if (s->path == NULL)
        return COSCHED_ENOMEM;
    struct stat sb;
    if (stat(s->path, &sb) != 0) {
        report_file(rep, "E_FILE_MISSING", s->path, "file is missing");
        return COSCHED_ENOENT;
    }
    if (!S_ISREG(sb.st_mode)) {
        report_file(rep, "E_FILE_UNREADABLE", s->path,
                    "not a regular file (a directory, a FIFO or a device): refused");
        return COSCHED_EIO;
    }
    if (sb.st_size > MAX_FILE_BYTES) {
        report_file(rep, "E_FILE_TOO_LARGE", s->path,
                    "the file has %lld bytes, more than the %ld an input file may have",
                    (long long)sb.st_size, MAX_FILE_BYTES);
        return COSCHED_EINPUT;
    }
    FILE *fp = fopen(s->path, "rb");
    if (fp == NULL) {
        report_file(rep, "E_FILE_UNREADABLE", s->path, "cannot be read");
        return COSCHED_EIO;
    }
    bool read_error = false;
    s->text = read_all(fp, (size_t)sb.st_size, &read_error);
    fclose(fp);
    if (read_error) {
        report_file(rep, "E_FILE_UNREADABLE", s->path, "cannot be read");
        return COSCHED_EIO;
    }
    if (s->text == NULL)
        return COSCHED_ENOMEM;
    s->root = json_loads(s->text, 0, &s->err);
    return COSCHED_OK;
}

void cs_plan_summary_clear(cs_plan_summary *s)
{
    json_decref(s->root);
    free(s->text);
    free(s->path);
    memset(s, 0, sizeof *s);
}

long cs_plan_summary_key_line(const cs_plan_summary *s, const char *key, const char **from)
{
    if (s->text == NULL)
        return 1;
    char pat[160];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *start = (from != NULL && *from != NULL) ? *from : s->text;
    const char *hit = strstr(start, pat);
    if (hit == NULL)
        return 1;
    if (from != NULL)
        *from = hit;
    long line = 1;
    for (const char *p = s->text; p < hit; p++)
        line += *p == '\n';
    return line;
}
