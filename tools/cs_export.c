/* cs_export.c -- a plan directory as one Excel workbook, for planners who live in Excel and
 * MES imports that take .xlsx: sheets Plan (plan.csv), Orders (order_schedule.csv), KPIs
 * (summary.json: the plan's figures beside the earliest-due-date rule's, the run record and
 * how the search ended) and one sheet per line with its sequence. Times are real Excel dates
 * (serial numbers shown as yyyy-mm-dd hh:mm), numbers are numbers. Built only where
 * libxlsxwriter is installed (Debian libxlsxwriter-dev).
 *
 *   cs_export PLAN_DIR OUT.xlsx
 *
 * The workbook is written to a temporary name next to OUT.xlsx and renamed onto it, so a
 * reader never sees half a file. Exit codes as cosched's: 0, 64 usage, 65 a plan file that
 * does not read, 66 plan files missing, 70 internal error, 73 OUT cannot be written. */
#include "cosched_internal.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { EXIT_USAGE = 64, EXIT_DATAERR = 65, EXIT_NOINPUT = 66, EXIT_SOFTWARE = 70,
       EXIT_CANTCREAT = 73 };

typedef struct {
    lxw_format *bold;
    lxw_format *date;
} formats;

/* Days from 1970-01-01 to Y-M-D in the proleptic Gregorian calendar (H. Hinnant). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* "YYYY-MM-DDTHH:MM" as seconds since 1970 of plant-local time (Excel dates have no time
 * zone, so the wall clock is what is kept). */
static bool parse_datetime(const char *s, long long *out)
{
    int y, mo, d, h, mi, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || s[n] != '\0' ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
        return false;
    *out = (days_from_civil(y, (unsigned)mo, (unsigned)d) * 1440 + h * 60 + mi) * 60;
    return true;
}

static bool parse_number(const char *s, double *out)
{
    char *end;
    if (*s == '\0')
        return false;
    errno = 0;
    *out = strtod(s, &end);
    return *end == '\0' && errno == 0;
}

static bool is_time_column(const char *name)
{
    return strcmp(name, "start") == 0 || strcmp(name, "end") == 0 || strcmp(name, "due") == 0;
}

/* Header row, then the rows of @p t (all, or those whose column @p key_col is @p key): a
 * datetime column as an Excel date, a number as a number, the rest as text. */
static void write_table(lxw_worksheet *ws, const cs_csvtab *t, const formats *f, int key_col,
                        const char *key)
{
    int n_cols = cs_csvtab_n_cols(t);
    for (int c = 0; c < n_cols; c++) {
        const char *name = cs_csvtab_col_name(t, c);
        worksheet_write_string(ws, 0, (lxw_col_t)c, name, f->bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             is_time_column(name) ? 17 : strcmp(name, "reason") == 0 ? 60 : 12,
                             NULL);
    }
    lxw_row_t row = 0;
    for (int r = 0; r < cs_csvtab_n_rows(t); r++) {
        if (key != NULL && strcmp(cs_csvtab_get(t, r, key_col), key) != 0)
            continue;
        row++;
        for (int c = 0; c < n_cols; c++) {
            const char *v = cs_csvtab_get(t, r, c);
            long long secs;
            double num;
            if (*v == '\0')
                continue;
            const char *name = cs_csvtab_col_name(t, c);
            size_t len = strlen(name);
            bool is_id = len >= 3 && strcmp(name + len - 3, "_id") == 0; /* "007" stays text */
            if (is_time_column(name) && parse_datetime(v, &secs))
                worksheet_write_unixtime(ws, row, (lxw_col_t)c, secs, f->date);
            else if (!is_id && parse_number(v, &num))
                worksheet_write_number(ws, row, (lxw_col_t)c, num, NULL);
            else
                worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (row > 0)
        worksheet_autofilter(ws, 0, 0, row, (lxw_col_t)(n_cols > 0 ? n_cols - 1 : 0));
}

/* One row: @p name, then @p v in column 1 (a number, text or a boolean; null leaves the
 * cell empty). */
static void kpi_row(lxw_worksheet *ws, lxw_row_t *row, const char *name, json_t *v)
{
    worksheet_write_string(ws, *row, 0, name, NULL);
    if (json_is_number(v))
        worksheet_write_number(ws, *row, 1, json_number_value(v), NULL);
    else if (json_is_string(v))
        worksheet_write_string(ws, *row, 1, json_string_value(v), NULL);
    else if (json_is_boolean(v))
        worksheet_write_boolean(ws, *row, 1, json_is_true(v), NULL);
    (*row)++;
}

/* The earliest-due-date rule's figure beside the plan's on the row just written, and the
 * plan's less the rule's (negative: the plan does better), when summary.json's "edd" has
 * @p key. */
static void edd_cells(lxw_worksheet *ws, lxw_row_t row, json_t *edd, const char *key,
                      json_t *plan)
{
    json_t *e = json_object_get(edd, key);
    if (!json_is_number(e))
        return;
    worksheet_write_number(ws, row, 2, json_number_value(e), NULL);
    if (json_is_number(plan))
        worksheet_write_number(ws, row, 3, json_number_value(plan) - json_number_value(e), NULL);
}

/* Every member of object @p obj as a row named "PREFIX KEY" (objects nested once more as
 * "PREFIX KEY MEMBER"): the run record and the search's end, for an MES to file. */
static void object_rows(lxw_worksheet *ws, lxw_row_t *row, const char *prefix, json_t *obj)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char name[160];
        snprintf(name, sizeof name, "%s %s", prefix, key);
        if (json_is_object(v))
            object_rows(ws, row, name, v);
        else
            kpi_row(ws, row, name, v);
    }
}

/* The plan's figures (column value) beside the earliest-due-date rule's (column "edd rule",
 * with the difference) where summary.json has them, then the run record and the search. */
static void write_kpis(lxw_worksheet *ws, json_t *summary, const formats *f)
{
    static const char *const top[] = { "status", "objective", "bound", "gap", "method",
                                       "solve_seconds", "now" };
    json_t *edd = json_object_get(summary, "edd");
    worksheet_write_string(ws, 0, 0, "kpi", f->bold);
    worksheet_write_string(ws, 0, 1, "value", f->bold);
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, 1, 18, NULL);
    if (json_is_object(edd)) {
        worksheet_write_string(ws, 0, 2, "edd rule", f->bold);
        worksheet_write_string(ws, 0, 3, "difference", f->bold);
        worksheet_set_column(ws, 2, 3, 14, NULL);
    }
    lxw_row_t row = 1;
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) {
        json_t *v = json_object_get(summary, top[i]);
        kpi_row(ws, &row, top[i], v);
        edd_cells(ws, row - 1, edd, top[i], v);
    }
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(summary, "kpis"), key, v) {
        if (!json_is_object(v)) {
            kpi_row(ws, &row, key, v);
            edd_cells(ws, row - 1, edd, key, v);
            continue;
        }
        const char *line;
        json_t *u;
        json_object_foreach(v, line, u) {
            char name[160];
            snprintf(name, sizeof name, "%s %s", key, line);
            kpi_row(ws, &row, name, u);
        }
    }
    object_rows(ws, &row, "run", json_object_get(summary, "run"));
    object_rows(ws, &row, "search", json_object_get(summary, "search"));
    worksheet_freeze_panes(ws, 1, 0);
}

/* "Line ID" as a worksheet name: Excel allows 31 characters and none of []:*?/\ and
 * compares names without case; an id that had to be changed gets its position appended. */
static void sheet_name(const char *id, int index, char *out, size_t size)
{
    char clean[32];
    size_t n = 0;
    bool changed = false;
    for (const char *p = id; *p != '\0'; p++) {
        if (n == 20) {
            changed = true;
            break;
        }
        bool bad = strchr("[]:*?/\\'", *p) != NULL || (unsigned char)*p >= 0x80;
        changed |= bad;
        clean[n++] = bad ? '_' : *p;
    }
    clean[n] = '\0';
    if (changed)
        snprintf(out, size, "Line %s~%d", clean, index + 1);
    else
        snprintf(out, size, "Line %s", clean);
}

static cs_csvtab *load(const char *dir, const char *name, cosched_diags *d, int *rc)
{
    char *path = cs_path_join(dir, name);
    cs_csvtab *t = NULL;
    cosched_status st = path != NULL ? cs_csvtab_load(path, path, d, &t) : COSCHED_ENOMEM;
    free(path);
    if (st != COSCHED_OK && *rc == 0)
        *rc = st == COSCHED_ENOENT ? EXIT_NOINPUT : st == COSCHED_ENOMEM ? EXIT_SOFTWARE
                                                                          : EXIT_DATAERR;
    return st == COSCHED_OK ? t : NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: cs_export PLAN_DIR OUT.xlsx\n");
        return EXIT_USAGE;
    }
    const char *dir = argv[1];
    const char *out = argv[2];
    int rc = 0;
    cosched_diags *d = cosched_diags_create(20);
    if (d == NULL)
        return EXIT_SOFTWARE;
    cs_csvtab *plan = load(dir, "plan.csv", d, &rc);
    cs_csvtab *orders = load(dir, "order_schedule.csv", d, &rc);
    char *sum_path = cs_path_join(dir, "summary.json");
    json_error_t jerr;
    json_t *summary = sum_path != NULL ? json_load_file(sum_path, 0, &jerr) : NULL;
    if (summary == NULL && rc == 0) {
        fprintf(stderr, "%s:%d: error: %s\n", sum_path ? sum_path : "summary.json", jerr.line,
                jerr.text);
        rc = sum_path != NULL && access(sum_path, F_OK) != 0 ? EXIT_NOINPUT : EXIT_DATAERR;
    }
    cosched_diags_print(d, stderr);
    char *tmp = NULL;
    if (rc == 0) {
        size_t len = strlen(out) + 16;
        tmp = malloc(len);
        if (tmp == NULL) {
            rc = EXIT_SOFTWARE;
        } else {
            snprintf(tmp, len, "%s.tmp%ld", out, (long)getpid());
        }
    }
    if (rc == 0) {
        lxw_workbook *wb = workbook_new(tmp);
        if (wb == NULL) {
            fprintf(stderr, "cs_export: %s: cannot create the workbook\n", out);
            rc = EXIT_CANTCREAT;
        } else {
            formats f;
            f.bold = workbook_add_format(wb);
            format_set_bold(f.bold);
            f.date = workbook_add_format(wb);
            format_set_num_format(f.date, "yyyy-mm-dd hh:mm");
            write_table(workbook_add_worksheet(wb, "Plan"), plan, &f, -1, NULL);
            write_table(workbook_add_worksheet(wb, "Orders"), orders, &f, -1, NULL);
            write_kpis(workbook_add_worksheet(wb, "KPIs"), summary, &f);
            /* one sheet per line, in the order of plan.csv */
            int line_col = cs_csvtab_col(plan, "line_id");
            const char *last = NULL;
            for (int r = 0, n_lines = 0; r < cs_csvtab_n_rows(plan) && line_col >= 0; r++) {
                const char *id = cs_csvtab_get(plan, r, line_col);
                if (last != NULL && strcmp(id, last) == 0)
                    continue;
                last = id;
                char name[40];
                sheet_name(id, n_lines++, name, sizeof name);
                lxw_worksheet *ws = workbook_add_worksheet(wb, name);
                if (ws == NULL) { /* a name equal to another but for case */
                    snprintf(name, sizeof name, "Line ~%d", n_lines);
                    ws = workbook_add_worksheet(wb, name);
                }
                if (ws != NULL)
                    write_table(ws, plan, &f, line_col, id);
            }
            lxw_error err = workbook_close(wb);
            if (err != LXW_NO_ERROR) {
                fprintf(stderr, "cs_export: %s: %s\n", out, lxw_strerror(err));
                rc = EXIT_CANTCREAT;
            } else if (rename(tmp, out) != 0) {
                fprintf(stderr, "cs_export: %s: %s\n", out, strerror(errno));
                rc = EXIT_CANTCREAT;
            }
            if (rc != 0)
                unlink(tmp);
        }
    }
    free(tmp);
    json_decref(summary);
    free(sum_path);
    cs_csvtab_free(orders);
    cs_csvtab_free(plan);
    cosched_diags_free(d);
    return rc;
}
