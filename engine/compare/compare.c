/* compare.c -- two written plans side by side (cosched compare): the KPIs and objective terms
 * of summary.json (cleanings included) with their deltas, and the orders of
 * order_schedule.csv that changed line (or set of lines, for split orders), moved by more
 * than an hour, or became late or on time, those that change the objective most first.
 * Plans are read from their files only (through plan/plan_file.h), so plans of different
 * scenarios (what-if variants) compare as long as order ids match. The verdict is compare_verdict.c's, the text
 * compare_format.c's. */
#include "compare/compare_impl.h"

#include "base/base.h"
#include "base/csvtab.h"
#include "plan/plan_file.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (strncmp(name, "utilization ", 12) == 0)
        snprintf(k->line, sizeof k->line, "%s", name + 12);
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

/* objective_terms of one side; a plan without them (an older one) has none. */
static void read_terms(side_terms *t, json_t *terms)
{
    t->has = json_is_object(terms);
    for (int k = 0; t->has && k < CS_N_TERMS; k++) {
        json_t *e = json_object_get(terms, cs_term_names[k]);
        json_t *w = json_object_get(e, "weight");
        json_t *v = json_object_get(e, "value");
        if (!json_is_number(w) || !json_is_number(v)) {
            t->has = false;
            break;
        }
        t->weight[k] = json_number_value(w);
        t->value[k] = json_number_value(v);
    }
}

static cosched_status read_summary(reader *r, int side)
{
    static const char *const top[] = { "objective", "bound", "gap" };
    static const char *const kpis[] = { "late_orders", "weighted_tardiness_minutes",
                                        "changeovers", "changeover_minutes", "changeover_cost",
                                        "cleanings", "cleaning_minutes", "cleaning_cost",
                                        "makespan_minutes", "done_orders" };
    cosched_comparison *c = r->c;
    cs_plan_report rep = { r->d, NULL, 0 };
    cs_plan_summary sum;
    cosched_status st = cs_plan_summary_load(c->dir[side], &rep, &sum);
    json_t *root = sum.root;
    if (st != COSCHED_OK)
        goto done;
    if (root == NULL || !json_is_object(root)) {
        cs_diag_add(r->d, COSCHED_SEV_ERROR, sum.path, root == NULL ? sum.err.line : 0, NULL,
                    "%s", root == NULL ? sum.err.text : "expected a JSON object");
        st = COSCHED_EINPUT;
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
    read_terms(&c->terms[side], json_object_get(root, "objective_terms"));
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
    cs_plan_summary_clear(&sum);
    return st;
}

static cosched_status read_schedule(reader *r, int side)
{
    cosched_comparison *c = r->c;
    cs_plan_report rep = { r->d, NULL, 0 };
    cs_plan_table pt;
    unsigned need = (1u << CS_SC_ORDER) | (1u << CS_SC_LINE) | (1u << CS_SC_START) |
                    (1u << CS_SC_END) | (1u << CS_SC_TARDINESS);
    cosched_status st = cs_plan_table_load(c->dir[side], CS_ORDER_SCHEDULE_CSV, need, &rep, &pt);
    if (st == COSCHED_OK && !pt.complete)
        st = COSCHED_EINPUT;
    for (int row = 0; st == COSCHED_OK && row < cs_plan_table_n_rows(&pt); row++) {
        cs_sched_record w;
        if (!cs_sched_record_read(&pt, row, &rep, &w)) {
            st = COSCHED_EINPUT;
            break;
        }
        const char *id = w.f[CS_SC_ORDER];
        order_row *o = order_at(r, id);
        if (o == NULL) {
            st = COSCHED_ENOMEM;
            break;
        }
        if (o->in[side]) {
            cs_diag_addc(r->d, "E_DUPLICATE_ID", COSCHED_SEV_ERROR, pt.path, w.src, "order_id",
                         "column 'order_id': order '%s' is listed twice", id);
            st = COSCHED_EINPUT;
            break;
        }
        o->in[side] = true;
        o->line[side] = cs_strdup(w.f[CS_SC_LINE]);
        if (o->line[side] == NULL) {
            st = COSCHED_ENOMEM;
            break;
        }
        o->scheduled[side] = w.has_start && w.has_end;
        o->start[side] = w.start;
        o->end[side] = w.end;
        o->tardiness[side] = w.has_tardiness ? w.tardiness : 0;
    }
    cs_plan_table_clear(&pt);
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

/* Changed orders first, those whose lateness changed most (they explain the difference in
 * the objective) before those that only moved; ties keep the plans' order. */
static double effect_of(const order_row *o)
{
    if (o->changes == 0)
        return -1.0;
    return fabs((double)(o->tardiness[1] - o->tardiness[0]));
}

static int cmp_effect(const void *a, const void *b)
{
    const order_row *x = a;
    const order_row *y = b;
    double ex = effect_of(x), ey = effect_of(y);
    if (ex != ey)
        return ex > ey ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static void sort_by_effect(cosched_comparison *c)
{
    for (int i = 0; i < c->n_orders; i++)
        c->orders[i].pos = i;
    if (c->n_orders > 1)
        qsort(c->orders, (size_t)c->n_orders, sizeof *c->orders, cmp_effect);
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
    sort_by_effect(c);
    CS_TRY_GOTO(st, cs_compare_verdict(c), cleanup);
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
        free(c->scenario[s]);
        free(c->status[s]);
    }
    for (int i = 0; i < c->n_input_diff; i++)
        free(c->input_diff[i]);
    free(c->input_diff);
    free(c->verdict);
    free(c);
}

cosched_status cosched_comparison_set_noise(cosched_comparison *c,
                                            const cosched_comparison *noise)
{
    if (c == NULL || noise == NULL)
        return COSCHED_EINVAL;
    cs_strmap *moved = cs_strmap_create();
    if (moved == NULL)
        return COSCHED_ENOMEM;
    for (int i = 0; i < noise->n_orders; i++)
        if (noise->orders[i].changes & (CH_LINE | CH_MOVED | CH_LATE | CH_ON_TIME))
            if (cs_strmap_put(moved, noise->orders[i].id, i) != COSCHED_OK) {
                cs_strmap_free(moved);
                return COSCHED_ENOMEM;
            }
    c->n_noise = 0;
    for (int i = 0; i < c->n_orders; i++) {
        order_row *o = &c->orders[i];
        o->changes &= ~(unsigned)CH_NOISE;
        if ((o->changes & (CH_LINE | CH_MOVED | CH_LATE | CH_ON_TIME)) != 0 &&
            cs_strmap_get(moved, o->id) >= 0) {
            o->changes |= CH_NOISE;
            c->n_noise++;
        }
    }
    cs_strmap_free(moved);
    return COSCHED_OK;
}

const char *cosched_comparison_verdict(const cosched_comparison *c)
{
    return c->verdict != NULL ? c->verdict : "";
}

int cosched_comparison_n_changed(const cosched_comparison *c)
{
    return c->n_changed;
}
