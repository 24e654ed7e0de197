/* compare_format.c -- a comparison as text: Markdown for people, CSV for spreadsheets, JSON
 * (through jansson) for programs. Each starts with the verdict. */
#include "compare/compare_impl.h"

#include "base/base.h"
#include "output/output.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Text goes into the output module's buffer, numbers through its one formatter (the shortest
 * form that reads back to the same value) and CSV fields through its one quoter. */
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
              { CH_RUNNING, "in progress in B" }, { CH_NOISE, "may be search noise" } };
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

static void format_md(const cosched_comparison *c, cs_output_buf *t)
{
    char a[64], b[64], d[64], w[96], sa[32], sb[32];
    bool same = cs_compare_same_weights(c);
    cs_output_buf_printf(t, "**%s.**\n\n", c->verdict != NULL ? c->verdict : "no verdict");
    if (c->n_input_diff > 0) {
        cs_output_buf_printf(t, "What B's inputs change:\n\n");
        for (int i = 0; i < c->n_input_diff; i++)
            cs_output_buf_printf(t, "- %s\n", c->input_diff[i]);
        cs_output_buf_printf(t, "\n");
    }
    cs_output_buf_printf(t, "| KPI | A | B | delta |\n|---|---:|---:|---:|\n");
    cs_output_buf_printf(t, "| status | %s | %s | |\n", c->status[0], c->status[1]);
    for (int i = 0; i < c->n_kpis; i++) {
        const kpi_row *k = &c->kpis[i];
        bool pct = strcmp(k->name, "gap") == 0 || strncmp(k->name, "utilization ", 12) == 0;
        double f = pct ? 100.0 : 1.0;
        if (k->has[0])
            cs_output_format_number(k->v[0] * f, a, sizeof a);
        if (k->has[1])
            cs_output_format_number(k->v[1] * f, b, sizeof b);
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
            cs_output_format_number(fabs(delta), n, sizeof n);
            if (pct)
                snprintf(n, sizeof n, "%.1f pt", fabs(delta));
            snprintf(d, sizeof d, "%s%s", delta > 0 ? "+" : delta < 0 ? "-" : "", n);
            /* Objectives under different weights do not compare: the verdict scores both
             * under each side's weights instead. */
            if (!same && strcmp(k->name, "objective") == 0 && c->terms[0].has &&
                c->terms[1].has)
                snprintf(d, sizeof d, "%s", "(weights differ)");
        }
        cs_output_buf_printf(t, "| %s | %s | %s | %s |\n", k->name, k->has[0] ? a : "-", k->has[1] ? b : "-", d);
    }
    cs_output_buf_printf(t, "\n%d of %d orders changed", c->n_changed, c->n_orders);
    if (c->n_noise > 0)
        cs_output_buf_printf(t, " (%d of them change too when A alone is planned again with another seed: "
               "those may be search noise, not the what-if)", c->n_noise);
    if (c->n_changed == 0) {
        cs_output_buf_printf(t, ".\n");
        return;
    }
    cs_output_buf_printf(t, ":\n\n| order | line A | line B | start A | start B | shift (min) | late A (min) | "
           "late B (min) | change |\n|---|---|---|---|---|---:|---:|---:|---|\n");
    for (int i = 0; i < c->n_orders; i++) {
        const order_row *o = &c->orders[i];
        if (o->changes == 0)
            continue;
        fmt_time(sa, sizeof sa, o, 0);
        fmt_time(sb, sizeof sb, o, 1);
        char la[256], lb[256];
        cs_output_buf_printf(t, "| %s | %s | %s | %s | %s | %+lld | %ld | %ld | %s |\n", o->id,
            o->in[0] ? md_cell(o->line[0], la, sizeof la) : "-",
            o->in[1] ? md_cell(o->line[1], lb, sizeof lb) : "-", sa, sb, shift(o),
            o->tardiness[0], o->tardiness[1], change_words(o->changes, w, sizeof w));
    }
}

static void format_csv(const cosched_comparison *c, cs_output_buf *t)
{
    char a[64], b[64], d[64], w[96], sa[32], sb[32];
    cs_output_buf_printf(t, "kind,id,a,b,delta,a_line,b_line,a_start,b_start,a_tardiness,b_tardiness,change\n");
    cs_output_buf_printf(t, "verdict,,,,,,,,,,,");
    cs_output_buf_csv_field(t, c->verdict != NULL ? c->verdict : "");
    cs_output_buf_printf(t, "\n");
    for (int i = 0; i < c->n_input_diff; i++) {
        cs_output_buf_printf(t, "input,,,,,,,,,,,");
        cs_output_buf_csv_field(t, c->input_diff[i]);
        cs_output_buf_printf(t, "\n");
    }
    cs_output_buf_printf(t, "kpi,status,%s,%s,,,,,,,,\n", c->status[0], c->status[1]);
    for (int i = 0; i < c->n_kpis; i++) {
        const kpi_row *k = &c->kpis[i];
        cs_output_format_number(k->v[0], a, sizeof a);
        cs_output_format_number(k->v[1], b, sizeof b);
        cs_output_format_number(k->v[1] - k->v[0], d, sizeof d);
        cs_output_buf_printf(t, "kpi,");
        cs_output_buf_csv_field(t, k->name);
        cs_output_buf_printf(t, ",%s,%s,%s,,,,,,,\n", k->has[0] ? a : "", k->has[1] ? b : "",
            k->has[0] && k->has[1] ? d : "");
    }
    for (int i = 0; i < c->n_orders; i++) {
        const order_row *o = &c->orders[i];
        if (o->changes == 0)
            continue;
        fmt_time(sa, sizeof sa, o, 0);
        fmt_time(sb, sizeof sb, o, 1);
        cs_output_buf_printf(t, "order,");
        cs_output_buf_csv_field(t, o->id);
        cs_output_buf_printf(t, ",,,%lld,", shift(o));
        cs_output_buf_csv_field(t, o->in[0] ? o->line[0] : "");
        cs_output_buf_printf(t, ",");
        cs_output_buf_csv_field(t, o->in[1] ? o->line[1] : "");
        cs_output_buf_printf(t, ",%s,%s,%ld,%ld,", sa, sb, o->tardiness[0], o->tardiness[1]);
        cs_output_buf_csv_field(t, change_words(o->changes, w, sizeof w));
        cs_output_buf_printf(t, "\n");
    }
}

/* JSON: the inputs by name, the verdict, KPIs keyed by name (per-line ones under
 * "utilization", keyed by line), each side's objective terms, and the changed orders. */
static json_t *side_json(const cosched_comparison *c, int s)
{
    json_t *o = json_object();
    json_object_set_new(o, "plan", c->plans_kept || c->scenario[s] == NULL
                                       ? json_string(c->dir[s])
                                       : json_null());
    json_object_set_new(o, "scenario",
                        c->scenario[s] != NULL ? json_string(c->scenario[s]) : json_null());
    json_object_set_new(o, "status", json_string(c->status[s]));
    return o;
}

static json_t *num_or_null(bool has, double v)
{
    return has ? json_real(v) : json_null();
}

static json_t *kpi_json(const kpi_row *k)
{
    json_t *o = json_object();
    json_object_set_new(o, "a", num_or_null(k->has[0], k->v[0]));
    json_object_set_new(o, "b", num_or_null(k->has[1], k->v[1]));
    json_object_set_new(o, "delta", num_or_null(k->has[0] && k->has[1], k->v[1] - k->v[0]));
    return o;
}

static json_t *terms_json(const cosched_comparison *c)
{
    json_t *o = json_object();
    for (int k = 0; k < CS_N_TERMS; k++) {
        json_t *e = json_object();
        for (int s = 0; s < 2; s++) {
            json_t *t = json_object();
            json_object_set_new(t, "weight", num_or_null(c->terms[s].has, c->terms[s].weight[k]));
            json_object_set_new(t, "value", num_or_null(c->terms[s].has, c->terms[s].value[k]));
            json_object_set_new(e, s ? "b" : "a", t);
        }
        json_object_set_new(o, cs_term_names[k], e);
    }
    return o;
}

static json_t *order_json(const order_row *o)
{
    char sa[32], w[160];
    json_t *e = json_object();
    json_object_set_new(e, "order_id", json_string(o->id));
    for (int s = 0; s < 2; s++) {
        if (!o->in[s]) {
            json_object_set_new(e, s ? "b" : "a", json_null());
            continue;
        }
        fmt_time(sa, sizeof sa, o, s);
        json_t *side = json_object();
        json_object_set_new(side, "line_id", json_string(o->line[s]));
        json_object_set_new(side, "start", json_string(sa));
        json_object_set_new(side, "tardiness_minutes", json_integer(o->tardiness[s]));
        json_object_set_new(e, s ? "b" : "a", side);
    }
    json_object_set_new(e, "shift_minutes", json_integer(shift(o)));
    json_object_set_new(e, "tardiness_delta_minutes",
                        json_integer(o->in[0] && o->in[1] ? o->tardiness[1] - o->tardiness[0]
                                                          : 0));
    json_t *words = json_array();
    change_words(o->changes, w, sizeof w);
    for (const char *p = w; *p != '\0';) {
        size_t len = strcspn(p, ",");
        json_array_append_new(words, json_stringn(p, len));
        p += len;
        p += strspn(p, ", ");
    }
    json_object_set_new(e, "changes", words);
    return e;
}

static void format_json(const cosched_comparison *c, cs_output_buf *t)
{
    json_t *root = json_object();
    json_object_set_new(root, "schema_version", json_integer(COSCHED_SCHEMA_VERSION));
    json_object_set_new(root, "cosched_version", json_string(COSCHED_VERSION));
    json_object_set_new(root, "a", side_json(c, 0));
    json_object_set_new(root, "b", side_json(c, 1));
    json_object_set_new(root, "verdict", json_string(c->verdict != NULL ? c->verdict : ""));
    json_object_set_new(root, "same_weights", json_boolean(cs_compare_same_weights(c)));
    json_t *kpis = json_object();
    json_t *util = json_object();
    for (int i = 0; i < c->n_kpis; i++) {
        const kpi_row *k = &c->kpis[i];
        json_object_set_new(k->line[0] != '\0' ? util : kpis,
                            k->line[0] != '\0' ? k->line : k->name, kpi_json(k));
    }
    json_object_set_new(kpis, "utilization", util);
    json_object_set_new(root, "kpis", kpis);
    json_object_set_new(root, "objective_terms", terms_json(c));
    json_t *diff = json_array();
    for (int i = 0; i < c->n_input_diff; i++)
        json_array_append_new(diff, json_string(c->input_diff[i]));
    json_object_set_new(root, "input_changes", diff);
    json_object_set_new(root, "n_orders", json_integer(c->n_orders));
    json_object_set_new(root, "n_changed", json_integer(c->n_changed));
    json_object_set_new(root, "n_noise", json_integer(c->n_noise));
    json_t *orders = json_array();
    for (int i = 0; i < c->n_orders; i++)
        if (c->orders[i].changes != 0)
            json_array_append_new(orders, order_json(&c->orders[i]));
    json_object_set_new(root, "orders", orders);
    char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (s == NULL) {
        t->failed = true;
        return;
    }
    cs_output_buf_printf(t, "%s\n", s);
    free(s);
}

char *cosched_comparison_format(const cosched_comparison *c, cosched_format format)
{
    cs_output_buf t = {0};
    switch (format) {
    case COSCHED_FORMAT_MD: format_md(c, &t); break;
    case COSCHED_FORMAT_CSV: format_csv(c, &t); break;
    case COSCHED_FORMAT_JSON: format_json(c, &t); break;
    }
    return cs_output_buf_finish(&t);
}
