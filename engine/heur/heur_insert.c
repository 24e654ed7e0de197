/* heur_insert.c -- construction by insertion with exact evaluation of every position.
 * Cheapest insertion takes orders by due date; regret insertion takes next the order whose
 * best placement beats its second best by most (orders with few good options go first).
 * The best placement of each order on each line is cached and recomputed only for the line
 * that changed, or for all lines when the makespan term moved. A splittable order skips
 * lines that would cut it below min_split (cs_sol_part_fits) unless every line would. */
#include "heur/heur.h"

#include "base/base.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const cosched_scenario *sc;
    cs_sol *sol;
    int *buf;               /* a line with one order inserted */
    cs_line_eval *evs;      /* scratch copy of sol->ev */
    double *best;           /* [o * L + k] objective after the best insertion on line k */
    double *second;         /* [o * L + k] second-best objective on line k */
    int *best_pos;          /* [o * L + k] */
    unsigned char *dirty;   /* [o * L + k] */
    unsigned char *avoid;   /* [o * L + k] the line would cut a split order below min_split */
} ins_ctx;

/* Best and second-best objective over positions of inserting @p o into line @p k. */
static void scan_line(ins_ctx *c, int o, int k)
{
    const cosched_scenario *sc = c->sc;
    cs_sol *s = c->sol;
    size_t at = (size_t)o * s->n_lines + k;
    c->best[at] = DBL_MAX;
    c->second[at] = DBL_MAX;
    c->best_pos[at] = -1;
    c->dirty[at] = 0;
    if (cs_run_minutes(sc, o, k) < 0 || c->avoid[at])
        return;
    const int *q = cs_sol_line(s, k);
    int n = s->len[k];
    memcpy(c->evs, s->ev, (size_t)s->n_lines * sizeof *c->evs);
    for (int p = 0; p <= n; p++) {
        memcpy(c->buf, q, (size_t)p * sizeof(int));
        c->buf[p] = o;
        memcpy(c->buf + p + 1, q + p, (size_t)(n - p) * sizeof(int));
        cs_line_evaluate(sc, k, c->buf, n + 1, &c->evs[k]);
        double v = cs_objective_of(sc, c->evs, s->n_lines);
        if (v < c->best[at]) {
            c->second[at] = c->best[at];
            c->best[at] = v;
            c->best_pos[at] = p;
        } else if (v < c->second[at]) {
            c->second[at] = v;
        }
    }
}

static int32_t makespan_of(const cs_sol *s)
{
    int32_t m = 0;
    for (int k = 0; k < s->n_lines; k++)
        if (s->ev[k].last_end_at > m)
            m = s->ev[k].last_end_at;
    return m;
}

static cosched_status insert_all(const cosched_scenario *sc, cs_sol *out, bool regret,
                                 const int *order_rank)
{
    int n = sc->n_orders;
    int L = sc->n_lines;
    size_t nl = (size_t)(n > 0 ? n : 1) * (size_t)(L > 0 ? L : 1);
    ins_ctx c = {.sc = sc, .sol = out};
    unsigned char *done = cs_calloc((size_t)(n > 0 ? n : 1), 1);
    c.buf = cs_calloc((size_t)n + 1, sizeof *c.buf);
    c.evs = cs_calloc((size_t)(L > 0 ? L : 1), sizeof *c.evs);
    c.best = cs_calloc(nl, sizeof *c.best);
    c.second = cs_calloc(nl, sizeof *c.second);
    c.best_pos = cs_calloc(nl, sizeof *c.best_pos);
    c.dirty = cs_calloc(nl, 1);
    c.avoid = cs_calloc(nl, 1);
    cosched_status st = COSCHED_ENOMEM;
    if (done == NULL || c.buf == NULL || c.evs == NULL || c.best == NULL || c.second == NULL ||
        c.best_pos == NULL || c.dirty == NULL || c.avoid == NULL)
        goto cleanup;
    /* A split order avoids lines that would cut it below min_split, unless all would. */
    for (int o = 0; o < n; o++) {
        if (!sc->orders[o].split)
            continue;
        bool fits_somewhere = false;
        for (int k = 0; k < L; k++) {
            bool fits = cs_sol_part_fits(sc, o, k, sc->orders[o].quantity);
            c.avoid[(size_t)o * L + k] = !fits;
            fits_somewhere = fits_somewhere || fits;
        }
        if (!fits_somewhere)
            memset(c.avoid + (size_t)o * L, 0, (size_t)L);
    }

    cs_sol_clear(out);
    cs_sol_eval(sc, out);
    memset(c.dirty, 1, nl);
    for (int round = 0; round < n; round++) {
        int pick = -1;
        double pick_key = 0.0;
        double pick_best = 0.0;
        for (int r = 0; r < n; r++) {
            int o = order_rank[r];
            if (done[o])
                continue;
            double b1 = DBL_MAX;
            double b2 = DBL_MAX;
            for (int k = 0; k < L; k++) {
                size_t at = (size_t)o * L + k;
                if (c.dirty[at])
                    scan_line(&c, o, k);
                double v = c.best[at];
                double w = c.second[at];
                if (v < b1) {
                    b2 = b1 < w ? b1 : w;
                    b1 = v;
                } else if (v < b2) {
                    b2 = v;
                }
            }
            if (b1 == DBL_MAX)
                continue; /* no eligible line: cannot happen after validation */
            if (!regret) {
                pick = o;
                pick_best = b1;
                break;
            }
            /* Regret: the later orders would lose most if this one waited. An order with a
             * single option gets the largest key; ties keep the earlier rank. */
            double key = b2 == DBL_MAX ? DBL_MAX : b2 - b1;
            if (pick < 0 || key > pick_key) {
                pick = o;
                pick_key = key;
                pick_best = b1;
            }
        }
        if (pick < 0)
            break;
        int line = -1;
        for (int k = 0; k < L; k++) {
            size_t at = (size_t)pick * L + k;
            if (c.best_pos[at] >= 0 && c.best[at] == pick_best) {
                line = k;
                break;
            }
        }
        int pos = c.best_pos[(size_t)pick * L + line];
        int32_t before = makespan_of(out);
        int *q = cs_sol_line(out, line);
        memmove(q + pos + 1, q + pos, (size_t)(out->len[line] - pos) * sizeof(int));
        q[pos] = pick;
        out->len[line]++;
        cs_sol_eval_line(sc, out, line);
        out->objective = cs_objective_of(sc, out->ev, L);
        done[pick] = 1;
        bool all = sc->set.weight_makespan > 0.0 && makespan_of(out) != before;
        for (int o = 0; o < n; o++) {
            if (done[o])
                continue;
            if (all) {
                memset(c.dirty + (size_t)o * L, 1, (size_t)L);
            } else {
                c.dirty[(size_t)o * L + line] = 1;
            }
        }
    }
    cs_sol_eval(sc, out);
    st = COSCHED_OK;
cleanup:
    free(c.avoid);
    free(c.dirty);
    free(c.best_pos);
    free(c.second);
    free(c.best);
    free(c.evs);
    free(c.buf);
    free(done);
    return st;
}

typedef struct {
    int n_lines;  /* eligible lines: fewer first */
    int32_t due_at;
    int order;
} ins_key;

static int ins_cmp(const void *a, const void *b)
{
    const ins_key *x = a;
    const ins_key *y = b;
    if (x->due_at != y->due_at)
        return x->due_at < y->due_at ? -1 : 1;
    if (x->n_lines != y->n_lines)
        return x->n_lines < y->n_lines ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

cosched_status cs_heur_insert_run(const cosched_scenario *sc, cs_sol *out, bool regret)
{
    int n = sc->n_orders;
    ins_key *keys = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
    int *rank = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *rank);
    cosched_status st = COSCHED_ENOMEM;
    if (keys == NULL || rank == NULL)
        goto cleanup;
    for (int o = 0; o < n; o++) {
        keys[o].order = o;
        keys[o].due_at = sc->orders[o].due_at;
        for (int k = 0; k < sc->n_lines; k++)
            keys[o].n_lines += cs_run_minutes(sc, o, k) >= 0;
    }
    qsort(keys, (size_t)n, sizeof *keys, ins_cmp);
    for (int i = 0; i < n; i++)
        rank[i] = keys[i].order;
    st = insert_all(sc, out, regret, rank);
cleanup:
    free(rank);
    free(keys);
    return st;
}
