/* scenario_diff.c -- what a what-if scenario changes against its base, read from the two
 * loaded scenarios (so a variant that names a `base` compares by what it means, not by its
 * files): settings, lines and their downtime, orders, rates and changeover rules. One line
 * per kind of change, naming the first few changes, for the comparison's "what B's inputs
 * change" list. */
#include "compare/compare_impl.h"

#include "base/base.h"
#include "model/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NAMED = 5 };

/* One line of the list being put together: "KIND: first, second, ... (N changes)". */
typedef struct {
    char text[1024];
    size_t n;
    int count;
} diff_line;

static void note(diff_line *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(diff_line *d, const char *fmt, ...)
{
    d->count++;
    if (d->count > MAX_NAMED || d->n + 8 >= sizeof d->text)
        return;
    if (d->count > 1)
        d->n += (size_t)snprintf(d->text + d->n, sizeof d->text - d->n, "; ");
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(d->text + d->n, sizeof d->text - d->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        d->n += (size_t)k < sizeof d->text - d->n ? (size_t)k : sizeof d->text - d->n - 1;
}

static cosched_status flush(cosched_comparison *c, const char *kind, const diff_line *d)
{
    if (d->count == 0)
        return COSCHED_OK;
    char line[1200];
    if (d->count > MAX_NAMED)
        snprintf(line, sizeof line, "%s: %s; ... (%d changes)", kind, d->text, d->count);
    else
        snprintf(line, sizeof line, "%s: %s", kind, d->text);
    char **v = cs_reallocarray(c->input_diff, (size_t)c->n_input_diff + 1, sizeof *v);
    if (v == NULL)
        return COSCHED_ENOMEM;
    c->input_diff = v;
    if ((v[c->n_input_diff] = cs_strdup(line)) == NULL)
        return COSCHED_ENOMEM;
    c->n_input_diff++;
    return COSCHED_OK;
}

static bool differ(double a, double b)
{
    return fabs(a - b) > 1e-9 * fmax(1.0, fabs(a));
}

static void diff_settings(const cosched_scenario *a, const cosched_scenario *b, diff_line *d)
{
    const struct {
        const char *name;
        double va, vb;
    } keys[] = {
        {"weight_tardiness", a->set.weight_tardiness, b->set.weight_tardiness},
        {"weight_changeover_minutes", a->set.weight_changeover_minutes,
         b->set.weight_changeover_minutes},
        {"weight_changeover_cost", a->set.weight_changeover_cost, b->set.weight_changeover_cost},
        {"weight_makespan", a->set.weight_makespan, b->set.weight_makespan},
        {"weight_stability", a->set.weight_stability, b->set.weight_stability},
        {"cleaning_crews", a->set.cleaning_crews, b->set.cleaning_crews},
        {"time_limit_s", a->set.time_limit_s, b->set.time_limit_s},
        {"seed", (double)a->set.seed, (double)b->set.seed},
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (differ(keys[k].va, keys[k].vb))
            note(d, "%s %.10g -> %.10g", keys[k].name, keys[k].va, keys[k].vb);
    if (a->horizon_epoch_min != b->horizon_epoch_min)
        note(d, "horizon_start moved %+lld min",
             (long long)(b->horizon_epoch_min - a->horizon_epoch_min));
    if (a->set.now_at + a->horizon_epoch_min != b->set.now_at + b->horizon_epoch_min)
        note(d, "now moved %+lld min",
             (long long)(b->set.now_at + b->horizon_epoch_min - a->set.now_at -
                         a->horizon_epoch_min));
}

static int32_t downtime_minutes(const cs_line *l)
{
    int32_t m = 0;
    for (int w = 0; w < l->n_downtime; w++)
        m += l->downtime[w].end_at - l->downtime[w].start_at;
    return m;
}

static void diff_lines(const cosched_scenario *a, const cosched_scenario *b, diff_line *d,
                       diff_line *down)
{
    for (int l = 0; l < a->n_lines; l++)
        if (cs_scenario_find_line(b, a->lines[l].id) < 0)
            note(d, "%s removed", a->lines[l].id);
    for (int l = 0; l < b->n_lines; l++) {
        const cs_line *lb = &b->lines[l];
        int k = cs_scenario_find_line(a, lb->id);
        if (k < 0) {
            note(d, "%s added", lb->id);
            continue;
        }
        const cs_line *la = &a->lines[k];
        if (la->available_at + a->horizon_epoch_min != lb->available_at + b->horizon_epoch_min)
            note(d, "%s available %+lld min", lb->id,
                 (long long)(lb->available_at + b->horizon_epoch_min - la->available_at -
                             a->horizon_epoch_min));
        if (la->max_run_minutes != lb->max_run_minutes ||
            la->cleaning_minutes != lb->cleaning_minutes)
            note(d, "%s sanitation %d/%d -> %d/%d min", lb->id, (int)la->max_run_minutes,
                 (int)la->cleaning_minutes, (int)lb->max_run_minutes, (int)lb->cleaning_minutes);
        int32_t ma = downtime_minutes(la), mb = downtime_minutes(lb);
        if (la->n_downtime != lb->n_downtime || ma != mb)
            note(down, "%s %d windows (%d min) -> %d windows (%d min)", lb->id, la->n_downtime,
                 (int)ma, lb->n_downtime, (int)mb);
    }
}

static void diff_orders(const cosched_scenario *a, const cosched_scenario *b, diff_line *d)
{
    for (int o = 0; o < a->n_orders; o++)
        if (cs_scenario_find_order(b, a->orders[o].id) < 0)
            note(d, "%s removed", a->orders[o].id);
    for (int o = 0; o < b->n_orders; o++) {
        const cs_order *ob = &b->orders[o];
        int k = cs_scenario_find_order(a, ob->id);
        if (k < 0) {
            note(d, "%s added", ob->id);
            continue;
        }
        const cs_order *oa = &a->orders[k];
        if (strcmp(a->products[oa->product].id, b->products[ob->product].id) != 0)
            note(d, "%s product %s -> %s", ob->id, a->products[oa->product].id,
                 b->products[ob->product].id);
        if (differ(oa->quantity, ob->quantity))
            note(d, "%s quantity %.10g -> %.10g", ob->id, oa->quantity, ob->quantity);
        if (oa->due_at + a->horizon_epoch_min != ob->due_at + b->horizon_epoch_min)
            note(d, "%s due %+lld min", ob->id,
                 (long long)(ob->due_at + b->horizon_epoch_min - oa->due_at -
                             a->horizon_epoch_min));
        if (differ(oa->weight, ob->weight))
            note(d, "%s weight %.10g -> %.10g", ob->id, oa->weight, ob->weight);
    }
}

/* Rates and changeover rules for the lines and products both scenarios have. */
static void diff_rules(const cosched_scenario *a, const cosched_scenario *b, diff_line *rates,
                       diff_line *cos)
{
    int *pa = cs_calloc((size_t)(b->n_products > 0 ? b->n_products : 1), sizeof *pa);
    if (pa == NULL)
        return;
    for (int p = 0; p < b->n_products; p++)
        pa[p] = cs_scenario_find_product(a, b->products[p].id);
    for (int l = 0; l < b->n_lines; l++) {
        int la = cs_scenario_find_line(a, b->lines[l].id);
        if (la < 0)
            continue;
        for (int p = 0; p < b->n_products; p++) {
            if (pa[p] < 0)
                continue;
            double ua = a->units_per_hour[(size_t)pa[p] * a->n_lines + la];
            double ub = b->units_per_hour[(size_t)p * b->n_lines + l];
            if (differ(ua, ub))
                note(rates, "%s %s %.10g -> %.10g units/h", b->lines[l].id, b->products[p].id,
                     ua, ub);
            for (int q = 0; q < b->n_products; q++) {
                if (pa[q] < 0 || q == p || !(ua > 0) || !(ub > 0))
                    continue;
                int32_t ma = cs_co_minutes(a, la, pa[q], pa[p]);
                int32_t mb = cs_co_minutes(b, l, q, p);
                if (ma >= 0 && mb >= 0 &&
                    (ma != mb || differ(cs_co_cost(a, la, pa[q], pa[p]), cs_co_cost(b, l, q, p))))
                    note(cos, "%s %s->%s %d -> %d min", b->lines[l].id, b->products[q].id,
                         b->products[p].id, (int)ma, (int)mb);
            }
        }
    }
    free(pa);
}

cosched_status cosched_comparison_set_inputs(cosched_comparison *c, const char *scenario_a,
                                             const char *scenario_b, bool plans_kept,
                                             cosched_diags *diags)
{
    if (c == NULL)
        return COSCHED_EINVAL;
    c->plans_kept = plans_kept;
    const char *names[2] = {scenario_a, scenario_b};
    for (int s = 0; s < 2; s++) {
        free(c->scenario[s]);
        c->scenario[s] = NULL;
        if (names[s] != NULL && (c->scenario[s] = cs_strdup(names[s])) == NULL)
            return COSCHED_ENOMEM;
    }
    if (scenario_a == NULL || scenario_b == NULL || diags == NULL)
        return COSCHED_OK;
    cosched_scenario *sa = NULL, *sb = NULL;
    cosched_status st = cosched_scenario_load(scenario_a, diags, &sa);
    if (st == COSCHED_OK)
        st = cosched_scenario_load(scenario_b, diags, &sb);
    if (st == COSCHED_OK) {
        diff_line set = {0}, lines = {0}, down = {0}, orders = {0}, rates = {0}, cos = {0};
        diff_settings(sa, sb, &set);
        diff_lines(sa, sb, &lines, &down);
        diff_orders(sa, sb, &orders);
        diff_rules(sa, sb, &rates, &cos);
        if ((st = flush(c, "settings", &set)) == COSCHED_OK &&
            (st = flush(c, "lines", &lines)) == COSCHED_OK &&
            (st = flush(c, "downtime", &down)) == COSCHED_OK &&
            (st = flush(c, "orders", &orders)) == COSCHED_OK &&
            (st = flush(c, "rates", &rates)) == COSCHED_OK)
            st = flush(c, "changeovers", &cos);
    }
    cosched_scenario_free(sb);
    cosched_scenario_free(sa);
    return st;
}
