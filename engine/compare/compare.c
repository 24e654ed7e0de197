/* compare.c -- two written plans side by side (cosched compare): the KPIs of summary.json
 * (cleanings included) with their deltas, and the orders of order_schedule.csv that changed
 * line (or set of lines, for split orders), moved by more than an hour, or became late or on
 * time. Plans are read from their files only, so plans
 * of different scenarios (what-if variants) compare as long as order ids match. */
#include "cosched.h"

#include "base/base.h"
#include "input/input.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MOVE_MINUTES = 60 }; /* a start or end shifted by more than this counts as moved */

enum {
    CH_LINE = 1,    /* produced on another line */
    CH_MOVED = 2,   /* start or end moved by more than an hour */
    CH_LATE = 4,    /* on time in A, late in B */
    CH_ON_TIME = 8, /* late in A, on time in B */
    CH_ONLY_A = 16, /* the order is not in B */
    CH_ONLY_B = 32, /* the order is not in A */
    CH_DONE_B = 64, /* done by B's now: B leaves it out */
    CH_DONE_A = 128, /* done by A's now, planned again in B */
    CH_RUNNING = 256 /* in progress at B's now (said with its other changes) */
};

typedef struct {
    char name[96];
    bool has[2];
    double v[2];
} kpi_row;

typedef struct {
    char *id;
    bool in[2];
    bool scheduled[2];
    char *line[2];
    int64_t start[2], end[2]; /* epoch minutes */
    long tardiness[2];
    bool done[2];    /* summary.json lists it as done */
    bool running[2]; /* summary.json lists it as in progress */
    unsigned changes;
} order_row;

struct cosched_comparison {
    char *dir[2];
    char *status[2];
    kpi_row *kpis;
    int n_kpis;
    order_row *orders; /* every order of A then those only in B */
    int n_orders;
    int n_changed;
};

typedef struct {
    cosched_comparison *c;
    cs_strmap *order_map;
    cosched_diags *d;
} reader;

static kpi_row *kpi_find(cosched_comparison *c, const char *name, bool add)
{
    for (int i = 0; i < c->n_kpis; i++) {
        if (strcmp(c->kpis[i].name, name) == 0)
            return &c->kpis[i];
    }
    if (!add)
        return NULL;
    kpi_row *k = cs_reallocarray(c->kpis, (size_t)c->n_kpis + 1, sizeof *k);
    if (k == NULL)
        return NULL;
    c->kpis = k;
    k = &c->kpis[c->n_kpis++];
    memset(k, 0, sizeof *k);
    snprintf(k->name, sizeof k->name, "%s", name);
    return k;
}

static cosched_status put_kpi(cosched_comparison *c, int side, const char *name, json_t *v)
{
    kpi_row *k = kpi_find(c, name, true);
    if (k == NULL)
        return COSCHED_ENOMEM;
    if (json_is_number(v)) {
        k->has[side] = true;
        k->v[side] = json_number_value(v);
    }
    return COSCHED_OK;
}

/* The row of order @p id, added when new; NULL on ENOMEM. */
static order_row *order_at(reader *r, const char *id)
{
    cosched_comparison *c = r->c;
    int k = cs_strmap_get(r->order_map, id);
    if (k >= 0)
        return &c->orders[k];
    order_row *o = cs_reallocarray(c->orders, (size_t)c->n_orders + 1, sizeof *o);
    if (o == NULL)
        return NULL;
    c->orders = o;
    k = c->n_orders;
    memset(&o[k], 0, sizeof o[k]);
    o[k].id = cs_strdup(id);
    if (o[k].id == NULL || cs_strmap_put(r->order_map, id, k) != COSCHED_OK) {
        free(o[k].id);
        return NULL;
    }
    c->n_orders++;
    return &o[k];
}

/* The orders a plan of the nightly loop left out as done, and those in progress at its now. */
static cosched_status read_state(reader *r, int side, json_t *root)
{
    size_t i;
    json_t *v;
    const char *id;
    json_array_foreach(json_object_get(root, "done"), i, v) {
        order_row *o = json_is_string(v) ? order_at(r, json_string_value(v)) : NULL;
        if (json_is_string(v) && o == NULL)
            return COSCHED_ENOMEM;
        if (o != NULL)
            o->done[side] = true;
    }
    json_object_foreach(json_object_get(root, "in_progress"), id, v) {
        order_row *o = order_at(r, id);
        if (o == NULL)
            return COSCHED_ENOMEM;
        o->running[side] = true;
    }
    return COSCHED_OK;
}

static cosched_status read_summary(reader *r, int side)
{
    static const char *const top[] = { "objective", "bound", "gap" };
    static const char *const kpis[] = { "late_orders", "weighted_tardiness_minutes",
                                        "changeovers", "changeover_minutes", "changeover_cost",
                                        "cleanings", "cleaning_minutes", "cleaning_cost",
                                        "makespan_minutes", "done_orders" };
    cosched_comparison *c = r->c;
    char *path = cs_path_join(c->dir[side], "summary.json");
    if (path == NULL)
        return COSCHED_ENOMEM;
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    cosched_status st = COSCHED_OK;
    if (root == NULL || !json_is_object(root)) {
        FILE *probe = fopen(path, "rb");
        bool exists = probe != NULL;
        if (probe != NULL)
            fclose(probe);
        cs_diag_add(r->d, COSCHED_SEV_ERROR, path, exists && root == NULL ? err.line : 0, NULL,
                    "%s", !exists ? "file is missing" : root == NULL ? err.text
                                                                     : "expected a JSON object");
        st = exists ? COSCHED_EINPUT : COSCHED_ENOENT;
        goto done;
    }
    const char *status = json_string_value(json_object_get(root, "status"));
    c->status[side] = cs_strdup(status != NULL ? status : "?");
    if (c->status[side] == NULL) {
        st = COSCHED_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < sizeof top / sizeof top[0] && st == COSCHED_OK; i++)
        st = put_kpi(c, side, top[i], json_object_get(root, top[i]));
    json_t *k = json_object_get(root, "kpis");
    for (size_t i = 0; i < sizeof kpis / sizeof kpis[0] && st == COSCHED_OK; i++)
        st = put_kpi(c, side, kpis[i], json_object_get(k, kpis[i]));
    if (st == COSCHED_OK)
        st = read_state(r, side, root);
    json_t *util = json_object_get(k, "utilization");
    const char *line;
    json_t *v;
    json_object_foreach(util, line, v)
    {
        char name[96];
        snprintf(name, sizeof name, "utilization %s", line);
        if (st == COSCHED_OK)
            st = put_kpi(c, side, name, v);
    }
done:
    json_decref(root);
    free(path);
    return st;
}

static bool parse_time(const char *s, int64_t *out)
{
    int sec;
    return *s != '\0' && cs_datetime_parse(s, out, &sec);
}

static cosched_status read_schedule(reader *r, int side)
{
    cosched_comparison *c = r->c;
    char *path = cs_path_join(c->dir[side], "order_schedule.csv");
    if (path == NULL)
        return COSCHED_ENOMEM;
    cs_csvtab *t = NULL;
    cosched_status st = cs_csvtab_load(path, path, r->d, &t);
    if (st == COSCHED_ENOENT)
        cs_diag_add(r->d, COSCHED_SEV_ERROR, path, 0, NULL, "file is missing");
    if (st != COSCHED_OK)
        goto done;
    static const char *const names[] = { "order_id", "line_id", "start", "end",
                                         "tardiness_minutes" };
    int col[5];
    for (int i = 0; i < 5; i++) {
        col[i] = cs_csvtab_col(t, names[i]);
        if (col[i] < 0) {
            cs_diag_add(r->d, COSCHED_SEV_ERROR, path, 1, names[i],
                        "column '%s': required column is missing", names[i]);
            st = COSCHED_EINPUT;
        }
    }
    for (int row = 0; row < cs_csvtab_n_rows(t) && st == COSCHED_OK; row++) {
        const char *id = cs_csvtab_get(t, row, col[0]);
        order_row *o = order_at(r, id);
        if (o == NULL) {
            st = COSCHED_ENOMEM;
            break;
        }
        if (o->in[side]) {
            cs_diag_add(r->d, COSCHED_SEV_ERROR, path, cs_csvtab_line(t, row), "order_id",
                        "column 'order_id': order '%s' is listed twice", id);
            st = COSCHED_EINPUT;
            break;
        }
        o->in[side] = true;
        o->line[side] = cs_strdup(cs_csvtab_get(t, row, col[1]));
        if (o->line[side] == NULL) {
            st = COSCHED_ENOMEM;
            break;
        }
        o->scheduled[side] = parse_time(cs_csvtab_get(t, row, col[2]), &o->start[side]) &&
                             parse_time(cs_csvtab_get(t, row, col[3]), &o->end[side]);
        long tard = 0;
        const char *tv = cs_csvtab_get(t, row, col[4]);
        if (*tv != '\0' && !cs_parse_long(tv, 0, 2147483647L, &tard)) {
            cs_diag_add(r->d, COSCHED_SEV_ERROR, path, cs_csvtab_line(t, row),
                        "tardiness_minutes",
                        "column 'tardiness_minutes': expected a whole number >= 0");
            st = COSCHED_EINPUT;
            break;
        }
        o->tardiness[side] = tard;
    }
done:
    cs_csvtab_free(t);
    free(path);
    return st;
}

/* True when the '|'-separated line lists @p a and @p b name the same lines in any order (an
 * order split over several lines lists them all). */
static bool same_lines(const char *a, const char *b)
{
    for (int pass = 0; pass < 2; pass++) {
        const char *x = pass == 0 ? a : b;
        const char *y = pass == 0 ? b : a;
        for (const char *p = x; *p != '\0';) {
            size_t len = strcspn(p, "|");
            bool found = false;
            for (const char *q = y; *q != '\0' && !found;) {
                size_t qlen = strcspn(q, "|");
                found = qlen == len && strncmp(p, q, len) == 0;
                q += qlen + (q[qlen] == '|');
            }
            if (!found)
                return false;
            p += len + (p[len] == '|');
        }
    }
    return true;
}

static void classify(cosched_comparison *c)
{
    c->n_changed = 0;
    for (int i = 0; i < c->n_orders; i++) {
        order_row *o = &c->orders[i];
        unsigned ch = 0;
        if (!o->in[0] && !o->in[1])
            ch = 0; /* done in both */
        else if (!o->in[1])
            ch |= o->done[1] ? CH_DONE_B : CH_ONLY_A;
        else if (!o->in[0])
            ch |= o->done[0] ? CH_DONE_A : CH_ONLY_B;
        else {
            if (!same_lines(o->line[0], o->line[1]))
                ch |= CH_LINE;
            if (o->scheduled[0] != o->scheduled[1] ||
                (o->scheduled[0] && (llabs((long long)(o->start[1] - o->start[0])) > MOVE_MINUTES ||
                                     llabs((long long)(o->end[1] - o->end[0])) > MOVE_MINUTES)))
                ch |= CH_MOVED;
            if (o->tardiness[0] == 0 && o->tardiness[1] > 0)
                ch |= CH_LATE;
            if (o->tardiness[0] > 0 && o->tardiness[1] == 0)
                ch |= CH_ON_TIME;
        }
        if (ch != 0 && o->running[1])
            ch |= CH_RUNNING;
        o->changes = ch;
        if (ch != 0)
            c->n_changed++;
    }
}

cosched_status cosched_compare_plans(const char *plan_a, const char *plan_b,
                                     cosched_diags *diags, cosched_comparison **out)
{
    if (plan_a == NULL || plan_b == NULL || diags == NULL || out == NULL)
        return COSCHED_EINVAL;
    cosched_status st = COSCHED_OK;
    cosched_comparison *c = calloc(1, sizeof *c);
    reader r = { c, cs_strmap_create(), diags };
    if (c == NULL || r.order_map == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    c->dir[0] = cs_strdup(plan_a);
    c->dir[1] = cs_strdup(plan_b);
    if (c->dir[0] == NULL || c->dir[1] == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    /* Both sides are read even when one fails, so every problem is reported at once. */
    for (int side = 0; side < 2; side++) {
        cosched_status s1 = read_summary(&r, side);
        cosched_status s2 = s1 == COSCHED_ENOMEM ? s1 : read_schedule(&r, side);
        cosched_status worst = s1 != COSCHED_OK ? s1 : s2;
        if (worst == COSCHED_ENOMEM || (st == COSCHED_OK && worst != COSCHED_OK))
            st = worst;
        if (st == COSCHED_ENOMEM)
            goto cleanup;
    }
    if (st != COSCHED_OK)
        goto cleanup;
    classify(c);
    *out = c;
    c = NULL;
cleanup:
    cs_strmap_free(r.order_map);
    cosched_comparison_free(c);
    return st;
}

void cosched_comparison_free(cosched_comparison *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n_orders; i++) {
        free(c->orders[i].id);
        free(c->orders[i].line[0]);
        free(c->orders[i].line[1]);
    }
    free(c->orders);
    free(c->kpis);
    for (int s = 0; s < 2; s++) {
        free(c->dir[s]);
        free(c->status[s]);
    }
    free(c);
}

int cosched_comparison_n_changed(const cosched_comparison *c)
{
    return c->n_changed;
}

/* ---- formatting ---- */

typedef struct {
    char *s;
    size_t n, cap;
    bool failed;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = t->cap - t->n;
        int k = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? room : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            t->failed = true;
            return;
        }
        if (t->s != NULL && (size_t)k < room) {
            t->n += (size_t)k;
            return;
        }
        size_t cap = t->cap ? t->cap * 2 : 4096;
        while (cap < t->n + (size_t)k + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (p == NULL) {
            t->failed = true;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
}

static void num(char *buf, size_t size, double v)
{
    if (v == 0.0)
        v = 0.0;
    if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.10g", v);
}

static void fmt_time(char *buf, size_t size, const order_row *o, int side)
{
    if (o->in[side] && o->scheduled[side])
        cs_datetime_format(o->start[side], buf, size);
    else
        snprintf(buf, size, "%s", "");
}

static const char *change_words(unsigned ch, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *word;
    } w[] = { { CH_LINE, "line" },        { CH_MOVED, "moved" },    { CH_LATE, "now late" },
              { CH_ON_TIME, "now on time" }, { CH_ONLY_A, "only in A" }, { CH_ONLY_B, "only in B" },
              { CH_DONE_B, "done in B" }, { CH_DONE_A, "done in A, planned again in B" },
              { CH_RUNNING, "in progress in B" } };
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        if (ch & w[i].bit)
            k += (size_t)snprintf(buf + k, k < size ? size - k : 0, "%s%s", k ? ", " : "",
                                  w[i].word);
    }
    return buf;
}

static long long shift(const order_row *o)
{
    if (!o->in[0] || !o->in[1] || !o->scheduled[0] || !o->scheduled[1])
        return 0;
    return (long long)(o->start[1] - o->start[0]);
}

/* CSV field: quoted when it holds a comma, quote or line break. */
static void add_field(text *t, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        add(t, "%s", s);
        return;
    }
    add(t, "\"");
    for (const char *q = s; *q; q++)
        add(t, *q == '"' ? "\"\"" : "%c", *q);
    add(t, "\"");
}

static void add_json_string(text *t, const char *s)
{
    json_t *j = json_string(s);
    char *e = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    add(t, "%s", e != NULL ? e : "null");
    free(e);
    json_decref(j);
}

/* A line list for a Markdown table cell: '|' (between the lines of a split order) is
 * escaped so that it does not end the cell. */
static const char *md_cell(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *p = s; *p != '\0' && n + 3 < size; p++) {
        if (*p == '|')
            buf[n++] = '\\';
        buf[n++] = *p;
    }
    buf[n] = '\0';
    return buf;
}

static void format_md(const cosched_comparison *c, text *t)
{
    char a[64], b[64], d[64], w[96], sa[32], sb[32];
    add(t, "| KPI | A | B | delta |\n|---|---:|---:|---:|\n");
    add(t, "| status | %s | %s | |\n", c->status[0], c->status[1]);
    for (int i = 0; i < c->n_kpis; i++) {
        const kpi_row *k = &c->kpis[i];
        bool pct = strcmp(k->name, "gap") == 0 || strncmp(k->name, "utilization ", 12) == 0;
        double f = pct ? 100.0 : 1.0;
        if (k->has[0])
            num(a, sizeof a, k->v[0] * f);
        if (k->has[1])
            num(b, sizeof b, k->v[1] * f);
        if (pct) {
            if (k->has[0])
                snprintf(a, sizeof a, "%.1f%%", k->v[0] * 100.0);
            if (k->has[1])
                snprintf(b, sizeof b, "%.1f%%", k->v[1] * 100.0);
        }
        d[0] = '\0';
        if (k->has[0] && k->has[1]) {
            double delta = (k->v[1] - k->v[0]) * f;
            char n[48];
            num(n, sizeof n, fabs(delta));
            if (pct)
                snprintf(n, sizeof n, "%.1f pt", fabs(delta));
            snprintf(d, sizeof d, "%s%s", delta > 0 ? "+" : delta < 0 ? "-" : "", n);
        }
        add(t, "| %s | %s | %s | %s |\n", k->name, k->has[0] ? a : "-", k->has[1] ? b : "-", d);
    }
    add(t, "\n%d of %d orders changed", c->n_changed, c->n_orders);
    if (c->n_changed == 0) {
        add(t, ".\n");
        return;
    }
    add(t, ":\n\n| order | line A | line B | start A | start B | shift (min) | late A (min) | "
           "late B (min) | change |\n|---|---|---|---|---|---:|---:|---:|---|\n");
    for (int i = 0; i < c->n_orders; i++) {
        const order_row *o = &c->orders[i];
        if (o->changes == 0)
            continue;
        fmt_time(sa, sizeof sa, o, 0);
        fmt_time(sb, sizeof sb, o, 1);
        char la[256], lb[256];
        add(t, "| %s | %s | %s | %s | %s | %+lld | %ld | %ld | %s |\n", o->id,
            o->in[0] ? md_cell(o->line[0], la, sizeof la) : "-",
            o->in[1] ? md_cell(o->line[1], lb, sizeof lb) : "-", sa, sb, shift(o),
            o->tardiness[0], o->tardiness[1], change_words(o->changes, w, sizeof w));
    }
}

static void format_csv(const cosched_comparison *c, text *t)
{
    char a[64], b[64], d[64], w[96], sa[32], sb[32];
    add(t, "kind,id,a,b,delta,a_line,b_line,a_start,b_start,a_tardiness,b_tardiness,change\n");
    add(t, "kpi,status,%s,%s,,,,,,,,\n", c->status[0], c->status[1]);
    for (int i = 0; i < c->n_kpis; i++) {
        const kpi_row *k = &c->kpis[i];
        num(a, sizeof a, k->v[0]);
        num(b, sizeof b, k->v[1]);
        num(d, sizeof d, k->v[1] - k->v[0]);
        add(t, "kpi,");
        add_field(t, k->name);
        add(t, ",%s,%s,%s,,,,,,,\n", k->has[0] ? a : "", k->has[1] ? b : "",
            k->has[0] && k->has[1] ? d : "");
    }
    for (int i = 0; i < c->n_orders; i++) {
        const order_row *o = &c->orders[i];
        if (o->changes == 0)
            continue;
        fmt_time(sa, sizeof sa, o, 0);
        fmt_time(sb, sizeof sb, o, 1);
        add(t, "order,");
        add_field(t, o->id);
        add(t, ",,,%lld,", shift(o));
        add_field(t, o->in[0] ? o->line[0] : "");
        add(t, ",");
        add_field(t, o->in[1] ? o->line[1] : "");
        add(t, ",%s,%s,%ld,%ld,", sa, sb, o->tardiness[0], o->tardiness[1]);
        add_field(t, change_words(o->changes, w, sizeof w));
        add(t, "\n");
    }
}

static void format_json(const cosched_comparison *c, text *t)
{
    char v[64], w[96], sa[32], sb[32];
    add(t, "{\"a\": ");
    add_json_string(t, c->dir[0]);
    add(t, ", \"b\": ");
    add_json_string(t, c->dir[1]);
    add(t, ",\n \"status\": {\"a\": ");
    add_json_string(t, c->status[0]);
    add(t, ", \"b\": ");
    add_json_string(t, c->status[1]);
    add(t, "},\n \"kpis\": [");
    for (int i = 0; i < c->n_kpis; i++) {
        const kpi_row *k = &c->kpis[i];
        add(t, "%s\n  {\"name\": ", i ? "," : "");
        add_json_string(t, k->name);
        for (int s = 0; s < 2; s++) {
            num(v, sizeof v, k->v[s]);
            add(t, ", \"%s\": %s", s ? "b" : "a", k->has[s] ? v : "null");
        }
        num(v, sizeof v, k->v[1] - k->v[0]);
        add(t, ", \"delta\": %s}", k->has[0] && k->has[1] ? v : "null");
    }
    add(t, "],\n \"n_orders\": %d, \"n_changed\": %d,\n \"orders\": [", c->n_orders,
        c->n_changed);
    bool first = true;
    for (int i = 0; i < c->n_orders; i++) {
        const order_row *o = &c->orders[i];
        if (o->changes == 0)
            continue;
        add(t, "%s\n  {\"order_id\": ", first ? "" : ",");
        first = false;
        add_json_string(t, o->id);
        fmt_time(sa, sizeof sa, o, 0);
        fmt_time(sb, sizeof sb, o, 1);
        for (int s = 0; s < 2; s++) {
            add(t, ", \"%s\": ", s ? "b" : "a");
            if (!o->in[s]) {
                add(t, "null");
                continue;
            }
            add(t, "{\"line_id\": ");
            add_json_string(t, o->line[s]);
            add(t, ", \"start\": ");
            add_json_string(t, s ? sb : sa);
            add(t, ", \"tardiness_minutes\": %ld}", o->tardiness[s]);
        }
        add(t, ", \"shift_minutes\": %lld, \"changes\": [", shift(o));
        change_words(o->changes, w, sizeof w);
        /* the words again, as an array */
        const char *p = w;
        bool f2 = true;
        while (*p) {
            const char *e = strstr(p, ", ");
            size_t len = e ? (size_t)(e - p) : strlen(p);
            add(t, "%s\"%.*s\"", f2 ? "" : ", ", (int)len, p);
            f2 = false;
            p += len + (e ? 2 : 0);
        }
        add(t, "]}");
    }
    add(t, "]}\n");
}

char *cosched_comparison_format(const cosched_comparison *c, cosched_format format)
{
    text t = { NULL, 0, 0, false };
    switch (format) {
    case COSCHED_FORMAT_MD: format_md(c, &t); break;
    case COSCHED_FORMAT_CSV: format_csv(c, &t); break;
    case COSCHED_FORMAT_JSON: format_json(c, &t); break;
    }
    if (!t.failed && t.s == NULL)
        add(&t, "%s", "");
    if (t.failed) {
        free(t.s);
        return NULL;
    }
    return t.s;
}
