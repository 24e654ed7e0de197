/* heur_sol.c -- the heuristics' solution arrays (cs_sol) and their PRNG.
 * A cs_sol keeps one row of n_orders slots per line, so moving an order between lines never
 * reallocates; the per-line evaluation cache is refreshed by the code that changes a line. */
#include "heur/heur.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

cosched_status cs_sol_init(cs_sol *s, const cosched_scenario *sc)
{
    memset(s, 0, sizeof *s);
    s->n_lines = sc->n_lines;
    s->n_orders = sc->n_orders;
    size_t slots = (size_t)sc->n_lines * (size_t)(sc->n_orders > 0 ? sc->n_orders : 1);
    s->seq = cs_calloc(slots, sizeof *s->seq);
    s->len = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *s->len);
    s->ev = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *s->ev);
    if (s->seq == NULL || s->len == NULL || s->ev == NULL) {
        cs_sol_destroy(s);
        return COSCHED_ENOMEM;
    }
    for (int k = 0; k < s->n_lines; k++)
        s->ev[k].last_end_at = -1;
    return COSCHED_OK;
}

void cs_sol_destroy(cs_sol *s)
{
    free(s->seq);
    free(s->len);
    free(s->ev);
    memset(s, 0, sizeof *s);
}

void cs_sol_copy(cs_sol *dst, const cs_sol *src)
{
    for (int k = 0; k < src->n_lines; k++) {
        memcpy(cs_sol_line(dst, k), cs_sol_line(src, k), (size_t)src->len[k] * sizeof(int));
        dst->len[k] = src->len[k];
        dst->ev[k] = src->ev[k];
    }
    dst->objective = src->objective;
}

void cs_sol_clear(cs_sol *s)
{
    for (int k = 0; k < s->n_lines; k++) {
        s->len[k] = 0;
        memset(&s->ev[k], 0, sizeof s->ev[k]);
        s->ev[k].last_end_at = -1;
    }
    s->objective = 0.0;
}

void cs_sol_eval_line(const cosched_scenario *sc, cs_sol *s, int line)
{
    cs_line_evaluate(sc, line, cs_sol_line(s, line), s->len[line], &s->ev[line]);
}

void cs_sol_eval(const cosched_scenario *sc, cs_sol *s)
{
    for (int k = 0; k < s->n_lines; k++)
        cs_sol_eval_line(sc, s, k);
    s->objective = cs_objective_of(sc, s->ev, s->n_lines);
}

bool cs_sol_is_complete(const cosched_scenario *sc, const cs_sol *s)
{
    int total = 0;
    bool ok = true;
    unsigned char *seen = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), 1);
    if (seen == NULL)
        return false;
    for (int k = 0; k < s->n_lines && ok; k++) {
        const int *q = cs_sol_line(s, k);
        for (int p = 0; p < s->len[k]; p++) {
            int o = q[p];
            if (o < 0 || o >= sc->n_orders || seen[o] || cs_run_minutes(sc, o, k) < 0) {
                ok = false;
                break;
            }
            seen[o] = 1;
            total++;
        }
    }
    free(seen);
    return ok && total == sc->n_orders;
}

bool cs_sol_find(const cs_sol *s, int o, int *line, int *pos)
{
    for (int k = 0; k < s->n_lines; k++) {
        const int *row = cs_sol_line(s, k);
        for (int j = 0; j < s->len[k]; j++)
            if (row[j] == o) {
                *line = k;
                *pos = j;
                return true;
            }
    }
    return false;
}

int cs_sol_take(cs_sol *s, int line, int pos)
{
    int *row = cs_sol_line(s, line);
    int o = row[pos];
    memmove(row + pos, row + pos + 1, (size_t)(s->len[line] - pos - 1) * sizeof *row);
    s->len[line]--;
    return o;
}

void cs_sol_put(cs_sol *s, int line, int pos, int o)
{
    int *row = cs_sol_line(s, line);
    memmove(row + pos + 1, row + pos, (size_t)(s->len[line] - pos) * sizeof *row);
    row[pos] = o;
    s->len[line]++;
}

cosched_status cs_sol_to_plan(const cosched_scenario *sc, const cs_sol *s, cosched_plan *p)
{
    cs_plan_clear(p);
    for (int k = 0; k < s->n_lines; k++) {
        const int *q = cs_sol_line(s, k);
        for (int i = 0; i < s->len[k]; i++)
            CS_TRY(cs_plan_append(p, k, q[i], sc->orders[q[i]].quantity));
    }
    return COSCHED_OK;
}

bool cs_sol_part_fits(const cosched_scenario *sc, int order, int line, double quantity)
{
    if (cs_run_minutes(sc, order, line) < 0)
        return false;
    const cs_order *o = &sc->orders[order];
    if (!o->split)
        return true;
    double least = o->min_split * (1.0 - 1e-9);
    bool whole_order = fabs(quantity - o->quantity) <= 1e-9 * fmax(1.0, o->quantity);
    if (!whole_order && quantity < least)
        return false;
    int n = cs_plan_batches(sc, order, line, quantity, NULL);
    if (n <= 1)
        return true;
    /* Batches differ by at most one unit (whole quantities) or are equal. */
    bool whole = fabs(quantity - floor(quantity + 0.5)) < 1e-9;
    double smallest = whole ? floor(floor(quantity + 0.5) / n) : quantity / n;
    return smallest >= least;
}

bool cs_ls_budget_spent(const cs_ls_params *par)
{
    return cs_work_spent(par->work) || cs_now() >= par->deadline ||
           (par->should_stop != NULL && par->should_stop(par->stop_ud) != 0);
}

bool cs_ls_stop(const cs_ls_params *par, long *evals, long mask, bool *stopped,
                double eval_steps)
{
    if (*stopped)
        return true;
    cs_work_add(par->work, eval_steps);
    if ((++*evals & mask) != 0)
        return false;
    if (cs_ls_budget_spent(par))
        *stopped = true;
    return *stopped;
}

void cs_rng_seed(cs_rng *r, uint64_t seed)
{
    r->state = seed ^ 0x9e3779b97f4a7c15ULL;
}

uint64_t cs_rng_next(cs_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int cs_rng_below(cs_rng *r, int n)
{
    /* The modulo bias is below 2^-32 for the n used here; irrelevant for a search. */
    return (int)(cs_rng_next(r) % (uint64_t)n);
}
