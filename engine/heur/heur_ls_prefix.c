/* heur_ls_prefix.c -- the local search's context (heur_ls.h) and its prefix states: a
 * changed line is evaluated from the first changed position. */
#include "heur/heur_ls.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- prefix states: evaluate a changed line from the first changed position ------------
 * On a line without cleanings (no max_run_minutes) whose orders are never cut into batches,
 * the timing rule of plan.h is a walk of (time, product) over the orders: a changeover block
 * when the product changes, then the production block, each at the first working minute.
 * For such lines the state and the accumulated figures after every position are kept, so a
 * move that changes the line from position p on starts there; it stops early when the walk
 * meets the old timing again (the rest is then unchanged), or when the figures so far
 * already exceed what the move may cost. Other lines use cs_line_evaluate. Both give the
 * same figures (tests/check_solve.c compares them). */

double cs_ls_sum_terms(const cs_settings *set, const cs_line_eval *e)
{
    return set->weight_late_orders * (double)e->late +
           set->weight_tardiness * e->weighted_tardiness +
           set->weight_changeover_minutes * (double)(e->changeover_minutes + e->cleaning_minutes) +
           set->weight_changeover_cost * (e->changeover_cost + e->cleaning_cost) +
           (set->weight_stability > 0.0 ? set->weight_stability * (double)e->moved : 0.0);
}

/* One order after state (t, product) on line k. */
static void pf_step(const cosched_scenario *sc, int k, int o, int32_t *t, int *prod,
                    cs_line_eval *e)
{
    const cs_order *ord = &sc->orders[o];
    int32_t m = 0;
    if (*prod >= 0 && *prod != ord->product) {
        m = cs_co_minutes(sc, k, *prod, ord->product);
        e->changeovers++;
        e->changeover_minutes += m;
        e->changeover_cost += cs_co_cost(sc, k, *prod, ord->product);
    }
    *prod = ord->product;
    *t = cs_timing_step(&sc->lines[k], *t, m, ord->release_at, cs_run_minutes(sc, o, k));
    e->last_end_at = *t;
    if (*t > ord->due_at) {
        e->weighted_tardiness += ord->weight * (double)((int64_t)*t - ord->due_at);
        e->late++;
    }
    int prev_line = cs_scenario_prev_line(sc, o);
    if (prev_line >= 0 && prev_line != k)
        e->moved++;
}

/* Refresh the prefix states of line k of c->s. */
void cs_ls_pf_build(ls_ctx *c, int k)
{
    if (c->simple == NULL || !c->simple[k])
        return;
    const cosched_scenario *sc = c->sc;
    const int *q = cs_sol_line(c->s, k);
    cs_line_eval e;
    memset(&e, 0, sizeof e);
    e.last_end_at = -1;
    int32_t t = sc->lines[k].available_at;
    int prod = sc->lines[k].initial_product;
    size_t b = cs_ls_pf_at(c, k, 0);
    c->pf_t[b] = t;
    c->pf_ev[b] = e;
    c->pf_sum[b] = 0.0;
    for (int i = 0; i < c->s->len[k]; i++) {
        pf_step(sc, k, q[i], &t, &prod, &e);
        c->pf_t[b + i + 1] = t;
        c->pf_ev[b + i + 1] = e;
        c->pf_sum[b + i + 1] = cs_ls_sum_terms(&sc->set, &e);
    }
}

/* Figures of line k when its first @p pre orders are kept, then mid[0..nmid-1] run, then
 * the old orders from position @p from on. False (*out then holds the figures so far) when
 * the line's sum-type terms reach @p limit first. */
bool cs_ls_pf_splice(ls_ctx *c, int k, int pre, const int *mid, int nmid, int from,
                      double limit, cs_line_eval *out)
{
    const cosched_scenario *sc = c->sc;
    const cs_settings *set = &sc->set;
    const int *q = cs_sol_line(c->s, k);
    int n = c->s->len[k];
    size_t b = cs_ls_pf_at(c, k, 0);
    cs_line_eval e = c->pf_ev[b + pre];
    int32_t t = c->pf_t[b + pre];
    int prod = pre > 0 ? sc->orders[q[pre - 1]].product : sc->lines[k].initial_product;
    for (int i = 0; i < nmid; i++)
        pf_step(sc, k, mid[i], &t, &prod, &e);
    *out = e; /* partial figures when cut short */
    if (cs_ls_sum_terms(set, &e) >= limit)
        return false;
    for (int i = from; i < n; i++) {
        pf_step(sc, k, q[i], &t, &prod, &e);
        if (t == c->pf_t[b + i + 1] && i + 1 < n) {
            /* Same state as before from here on: add the old rest. */
            const cs_line_eval *at = &c->pf_ev[b + i + 1];
            const cs_line_eval *all = &c->pf_ev[b + n];
            e.weighted_tardiness += all->weighted_tardiness - at->weighted_tardiness;
            e.late += all->late - at->late;
            e.changeovers += all->changeovers - at->changeovers;
            e.changeover_minutes += all->changeover_minutes - at->changeover_minutes;
            e.changeover_cost += all->changeover_cost - at->changeover_cost;
            e.moved += all->moved - at->moved;
            e.last_end_at = all->last_end_at;
            break;
        }
        /* The rest of the line is the old one started no earlier: it costs at least what
         * it did (all weights are non-negative, later never finishes sooner), so the
         * evaluation can stop as soon as that much more reaches the limit. */
        if (t >= c->pf_t[b + i + 1] &&
            cs_ls_sum_terms(set, &e) + (c->pf_sum[b + n] - c->pf_sum[b + i + 1]) >= limit) {
            *out = e;
            return false;
        }
        if ((i & 7) == 0 && cs_ls_sum_terms(set, &e) >= limit) {
            *out = e;
            return false;
        }
    }
    *out = e;
    return true;
}

/* Figures of line k running seq[0..n-1], a sequence of the line's own length that differs
 * from the current one only at positions lo..hi. */
void cs_ls_eval_changed(ls_ctx *c, int k, const int *seq, int n, int lo, int hi,
                         cs_line_eval *out)
{
    if (cs_ls_is_simple(c, k) && n == c->s->len[k])
        (void)cs_ls_pf_splice(c, k, lo, seq + lo, hi - lo + 1, hi + 1, INFINITY, out);
    else
        cs_line_evaluate(c->sc, k, seq, n, out);
}

/* What one evaluation adds to the work meter (heur.h): a move re-times about half a line
 * from its prefix state where the line is simple, the whole line with its blocks built
 * otherwise (about five times the cost), and the objective sums the lines. */
static double eval_steps(const ls_ctx *c)
{
    const cosched_scenario *sc = c->sc;
    int lines = sc->n_lines > 0 ? sc->n_lines : 1;
    int simple = 0;
    for (int k = 0; k < sc->n_lines; k++)
        simple += cs_ls_is_simple(c, k);
    double per_line = (double)sc->n_orders / lines;
    double share = (double)simple / lines;
    return 1.0 + per_line * (0.5 * share + 2.5 * (1.0 - share)) + (double)lines;
}

cosched_status cs_ls_ctx_init(ls_ctx *c, const cosched_scenario *sc, const cs_ls_params *par)
{
    memset(c, 0, sizeof *c);
    c->sc = sc;
    c->par = par;
    size_t n = (size_t)sc->n_orders + 1;
    c->a = cs_calloc(n, sizeof(int));
    c->b = cs_calloc(n, sizeof(int));
    c->best_b = cs_calloc(n, sizeof(int));
    c->evs = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *c->evs);
    c->where_line = cs_calloc(n, sizeof(int));
    c->where_pos = cs_calloc(n, sizeof(int));
    c->cand = cs_calloc(n + 1, 1);
    c->mid = cs_calloc(n, sizeof(int));
    c->look = cs_calloc(n, 1);
    c->dirty = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), 1);
    c->big = sc->n_orders > LS_FULL_MAX;
    if (c->cand == NULL || c->mid == NULL || c->look == NULL || c->dirty == NULL)
        return COSCHED_ENOMEM;
    size_t cells = (size_t)(sc->n_lines > 0 ? sc->n_lines : 1) * n;
    if (cells <= LS_PREFIX_MAX_CELLS) {
        c->simple = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), 1);
        c->pf_t = cs_calloc(cells, sizeof *c->pf_t);
        c->pf_sum = cs_calloc(cells, sizeof *c->pf_sum);
        c->pf_ev = cs_calloc(cells, sizeof *c->pf_ev);
        if (c->simple == NULL || c->pf_t == NULL || c->pf_sum == NULL || c->pf_ev == NULL)
            return COSCHED_ENOMEM;
        for (int k = 0; k < sc->n_lines; k++)
            c->simple[k] = cs_scenario_line_is_stepwise(sc, k);
    }
    c->eval_steps = eval_steps(c);
    if (c->a == NULL || c->b == NULL || c->best_b == NULL ||
        c->evs == NULL || c->where_line == NULL || c->where_pos == NULL)
        return COSCHED_ENOMEM;
    return COSCHED_OK;
}

void cs_ls_ctx_destroy(ls_ctx *c)
{
    free(c->a);
    free(c->b);
    free(c->best_b);
    free(c->evs);
    free(c->where_line);
    free(c->where_pos);
    free(c->cand);
    free(c->mid);
    free(c->look);
    free(c->dirty);
    free(c->simple);
    free(c->pf_t);
    free(c->pf_sum);
    free(c->pf_ev);
}
