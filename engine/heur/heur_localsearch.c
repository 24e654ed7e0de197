/* heur_localsearch.c -- descent and iterated local search on the full objective.
 * Neighbourhoods: relocate an order (same or another line, best position), swap two orders,
 * reverse a stretch of a line (2-opt). A move is judged by re-evaluating only the lines it
 * changes against the cached evaluation of the others. The iterated search perturbs with
 * seeded random relocations and swaps, so a run is reproducible for a seed and an
 * iteration limit (the clock only matters when it runs out first). */
#include "heur/heur.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const cosched_scenario *sc;
    const cs_ls_params *par;
    cs_sol *s;
    int *a;              /* scratch line buffers */
    int *b;
    int *best_b;
    cs_line_eval *evs;   /* scratch copy of s->ev */
    int *where_line;     /* [order] */
    int *where_pos;      /* [order] */
    long evals;
    bool stopped;
} ls_ctx;

static bool ls_stop(ls_ctx *c)
{
    if (c->stopped)
        return true;
    if ((++c->evals & 31) != 0)
        return false;
    if (cs_now() >= c->par->deadline ||
        (c->par->should_stop != NULL && c->par->should_stop(c->par->stop_ud) != 0))
        c->stopped = true;
    return c->stopped;
}

static double tol_of(double obj)
{
    return 1e-9 * (fabs(obj) > 1.0 ? fabs(obj) : 1.0);
}

static void locate_line(ls_ctx *c, int k)
{
    const int *q = cs_sol_line(c->s, k);
    for (int p = 0; p < c->s->len[k]; p++) {
        c->where_line[q[p]] = k;
        c->where_pos[q[p]] = p;
    }
}

static void locate_all(ls_ctx *c)
{
    for (int k = 0; k < c->s->n_lines; k++)
        locate_line(c, k);
}

/* Objective when line k1 (and k2 >= 0) take the given evaluations. */
static double obj_with(ls_ctx *c, int k1, const cs_line_eval *e1, int k2, const cs_line_eval *e2)
{
    memcpy(c->evs, c->s->ev, (size_t)c->s->n_lines * sizeof *c->evs);
    c->evs[k1] = *e1;
    if (k2 >= 0)
        c->evs[k2] = *e2;
    return cs_objective_of(c->sc, c->evs, c->s->n_lines);
}

static void set_line(ls_ctx *c, int k, const int *q, int n, const cs_line_eval *ev)
{
    memcpy(cs_sol_line(c->s, k), q, (size_t)n * sizeof(int));
    c->s->len[k] = n;
    c->s->ev[k] = *ev;
    locate_line(c, k);
}

static void commit(ls_ctx *c)
{
    c->s->objective = cs_objective_of(c->sc, c->s->ev, c->s->n_lines);
}

/* Best relocation of order @p o; applied when it improves. */
static bool relocate_order(ls_ctx *c, int o)
{
    const cosched_scenario *sc = c->sc;
    cs_sol *s = c->s;
    int k1 = c->where_line[o];
    int p1 = c->where_pos[o];
    const int *q1 = cs_sol_line(s, k1);
    int n1 = s->len[k1];
    memcpy(c->a, q1, (size_t)p1 * sizeof(int));
    memcpy(c->a + p1, q1 + p1 + 1, (size_t)(n1 - p1 - 1) * sizeof(int));
    cs_line_eval ea;
    cs_line_evaluate(sc, k1, c->a, n1 - 1, &ea);

    double best = s->objective - tol_of(s->objective);
    int best_k = -1;
    int best_n = 0;
    cs_line_eval best_ev = {0};
    for (int k2 = 0; k2 < s->n_lines; k2++) {
        if (cs_run_minutes(sc, o, k2) < 0)
            continue;
        const int *base = k2 == k1 ? c->a : cs_sol_line(s, k2);
        int nb = k2 == k1 ? n1 - 1 : s->len[k2];
        for (int p2 = 0; p2 <= nb; p2++) {
            if (k2 == k1 && p2 == p1)
                continue;
            if (ls_stop(c))
                return false;
            memcpy(c->b, base, (size_t)p2 * sizeof(int));
            c->b[p2] = o;
            memcpy(c->b + p2 + 1, base + p2, (size_t)(nb - p2) * sizeof(int));
            cs_line_eval eb;
            cs_line_evaluate(sc, k2, c->b, nb + 1, &eb);
            double v = k2 == k1 ? obj_with(c, k1, &eb, -1, NULL) : obj_with(c, k1, &ea, k2, &eb);
            if (v < best) {
                best = v;
                best_k = k2;
                best_n = nb + 1;
                best_ev = eb;
                memcpy(c->best_b, c->b, (size_t)best_n * sizeof(int));
            }
        }
    }
    if (best_k < 0)
        return false;
    if (best_k != k1)
        set_line(c, k1, c->a, n1 - 1, &ea);
    set_line(c, best_k, c->best_b, best_n, &best_ev);
    commit(c);
    return true;
}

static bool relocate_pass(ls_ctx *c, int start)
{
    bool improved = false;
    int n = c->s->n_orders;
    for (int t = 0; t < n && !c->stopped; t++)
        improved |= relocate_order(c, (start + t) % n);
    return improved;
}

static bool try_swap(ls_ctx *c, int o1, int o2)
{
    const cosched_scenario *sc = c->sc;
    cs_sol *s = c->s;
    int k1 = c->where_line[o1];
    int k2 = c->where_line[o2];
    int p1 = c->where_pos[o1];
    int p2 = c->where_pos[o2];
    if (sc->orders[o1].product == sc->orders[o2].product && k1 == k2 && abs(p1 - p2) == 1 &&
        sc->orders[o1].release_at == sc->orders[o2].release_at &&
        sc->orders[o1].due_at == sc->orders[o2].due_at)
        return false; /* cannot change anything that matters */
    if (k1 != k2 && (cs_run_minutes(sc, o1, k2) < 0 || cs_run_minutes(sc, o2, k1) < 0))
        return false;
    if (ls_stop(c))
        return false;
    double v;
    cs_line_eval ea;
    cs_line_eval eb;
    memcpy(c->a, cs_sol_line(s, k1), (size_t)s->len[k1] * sizeof(int));
    if (k1 == k2) {
        c->a[p1] = o2;
        c->a[p2] = o1;
        cs_line_evaluate(sc, k1, c->a, s->len[k1], &ea);
        v = obj_with(c, k1, &ea, -1, NULL);
    } else {
        memcpy(c->b, cs_sol_line(s, k2), (size_t)s->len[k2] * sizeof(int));
        c->a[p1] = o2;
        c->b[p2] = o1;
        cs_line_evaluate(sc, k1, c->a, s->len[k1], &ea);
        cs_line_evaluate(sc, k2, c->b, s->len[k2], &eb);
        v = obj_with(c, k1, &ea, k2, &eb);
    }
    if (!(v < s->objective - tol_of(s->objective)))
        return false;
    set_line(c, k1, c->a, s->len[k1], &ea);
    if (k1 != k2)
        set_line(c, k2, c->b, s->len[k2], &eb);
    commit(c);
    return true;
}

static bool swap_pass(ls_ctx *c, int start)
{
    bool improved = false;
    int n = c->s->n_orders;
    for (int t = 0; t < n && !c->stopped; t++) {
        int o1 = (start + t) % n;
        for (int o2 = o1 + 1; o2 < n && !c->stopped; o2++)
            improved |= try_swap(c, o1, o2);
    }
    return improved;
}

/* Reversal of positions i..j on line k, for j >= i + 2 (adjacent pairs are swaps). */
static bool twoopt_line(ls_ctx *c, int k)
{
    bool improved = false;
    cs_sol *s = c->s;
    int n = s->len[k];
    for (int i = 0; i + 2 < n && !c->stopped; i++) {
        for (int j = i + 2; j < n; j++) {
            if (ls_stop(c))
                return improved;
            const int *q = cs_sol_line(s, k);
            memcpy(c->a, q, (size_t)n * sizeof(int));
            for (int x = i, y = j; x < y; x++, y--) {
                int t = c->a[x];
                c->a[x] = c->a[y];
                c->a[y] = t;
            }
            cs_line_eval ea;
            cs_line_evaluate(c->sc, k, c->a, n, &ea);
            double v = obj_with(c, k, &ea, -1, NULL);
            if (v < s->objective - tol_of(s->objective)) {
                set_line(c, k, c->a, n, &ea);
                commit(c);
                improved = true;
            }
        }
    }
    return improved;
}

static cosched_status ctx_init(ls_ctx *c, const cosched_scenario *sc, const cs_ls_params *par)
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
    if (c->a == NULL || c->b == NULL || c->best_b == NULL ||
        c->evs == NULL || c->where_line == NULL || c->where_pos == NULL)
        return COSCHED_ENOMEM;
    return COSCHED_OK;
}

static void ctx_destroy(ls_ctx *c)
{
    free(c->a);
    free(c->b);
    free(c->best_b);
    free(c->evs);
    free(c->where_line);
    free(c->where_pos);
}

static bool descend(ls_ctx *c, cs_sol *s, int start)
{
    c->s = s;
    locate_all(c);
    for (;;) {
        bool imp = relocate_pass(c, start);
        if (!c->stopped)
            imp |= swap_pass(c, start);
        for (int k = 0; k < s->n_lines && !c->stopped; k++)
            imp |= twoopt_line(c, k);
        if (!imp || c->stopped)
            break;
    }
    return c->stopped;
}

/* A random relocation or swap that keeps every order on an eligible line. */
static void perturb_once(const cosched_scenario *sc, cs_sol *s, cs_rng *rng, ls_ctx *c,
                         unsigned char *touched)
{
    int n = s->n_orders;
    int o = cs_rng_below(rng, n);
    int k1 = c->where_line[o];
    if (cs_rng_below(rng, 2) == 0) {
        int elig = 0;
        for (int k = 0; k < s->n_lines; k++)
            elig += cs_run_minutes(sc, o, k) >= 0;
        if (elig == 0)
            return;
        int pick = cs_rng_below(rng, elig);
        int k2 = 0;
        for (int k = 0; k < s->n_lines; k++) {
            if (cs_run_minutes(sc, o, k) >= 0 && pick-- == 0) {
                k2 = k;
                break;
            }
        }
        int *q1 = cs_sol_line(s, k1);
        int p1 = c->where_pos[o];
        memmove(q1 + p1, q1 + p1 + 1, (size_t)(s->len[k1] - p1 - 1) * sizeof(int));
        s->len[k1]--;
        int *q2 = cs_sol_line(s, k2);
        int p2 = cs_rng_below(rng, s->len[k2] + 1);
        memmove(q2 + p2 + 1, q2 + p2, (size_t)(s->len[k2] - p2) * sizeof(int));
        q2[p2] = o;
        s->len[k2]++;
        locate_line(c, k1);
        locate_line(c, k2);
        touched[k1] = touched[k2] = 1;
    } else {
        int o2 = cs_rng_below(rng, n);
        int k2 = c->where_line[o2];
        if (o2 == o || cs_run_minutes(sc, o, k2) < 0 || cs_run_minutes(sc, o2, k1) < 0)
            return;
        cs_sol_line(s, k1)[c->where_pos[o]] = o2;
        cs_sol_line(s, k2)[c->where_pos[o2]] = o;
        locate_line(c, k1);
        locate_line(c, k2);
        touched[k1] = touched[k2] = 1;
    }
}

cosched_status cs_heur_ls_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                              const cs_ls_params *par, long *iterations)
{
    if (cs_heur_cmax_applies(sc))
        return cs_heur_cmax_run(sc, best, rng, par, iterations);
    long iters = 0;
    if (iterations != NULL)
        *iterations = 0;
    if (sc->n_orders == 0)
        return COSCHED_OK;
    ls_ctx c;
    cs_sol walk = {0};
    cs_sol cur = {0};
    unsigned char *touched = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), 1);
    cosched_status st = ctx_init(&c, sc, par);
    if (st == COSCHED_OK)
        st = cs_sol_init(&walk, sc);
    if (st == COSCHED_OK)
        st = cs_sol_init(&cur, sc);
    if (st == COSCHED_OK && touched == NULL)
        st = COSCHED_ENOMEM;
    if (st != COSCHED_OK)
        goto cleanup;

    /* Every committed move was evaluated, so even a descent cut short leaves a valid cur. */
    cs_sol_copy(&cur, best);
    descend(&c, &cur, 0);
    if (cur.objective < best->objective - tol_of(best->objective)) {
        cs_sol_copy(best, &cur);
        if (par->on_improve != NULL)
            par->on_improve(par->improve_ud, best);
    }
    cs_sol_copy(&walk, best);
    long since_best = 0;
    int n = sc->n_orders;
    int strength_max = n / 8 > 1 ? n / 8 : 1;
    while (!c.stopped && (par->iteration_limit < 0 || iters < par->iteration_limit)) {
        if (cs_now() >= par->deadline ||
            (par->should_stop != NULL && par->should_stop(par->stop_ud) != 0))
            break;
        iters++;
        cs_sol_copy(&cur, &walk);
        c.s = &cur;
        locate_all(&c);
        memset(touched, 0, (size_t)sc->n_lines);
        int moves = 2 + cs_rng_below(rng, strength_max);
        for (int m = 0; m < moves; m++)
            perturb_once(sc, &cur, rng, &c, touched);
        for (int k = 0; k < sc->n_lines; k++)
            if (touched[k])
                cs_sol_eval_line(sc, &cur, k);
        cur.objective = cs_objective_of(sc, cur.ev, sc->n_lines);
        descend(&c, &cur, cs_rng_below(rng, n));
        if (cur.objective < best->objective - tol_of(best->objective)) {
            cs_sol_copy(best, &cur);
            since_best = 0;
            if (par->on_improve != NULL)
                par->on_improve(par->improve_ud, best);
        } else {
            since_best++;
        }
        /* Accept sideways and better moves; fall back to the best after a long drought. */
        if (cur.objective <= walk.objective + tol_of(walk.objective))
            cs_sol_copy(&walk, &cur);
        if (since_best > 0 && since_best % 64 == 0)
            cs_sol_copy(&walk, best);
    }
    if (iterations != NULL)
        *iterations = iters;
cleanup:
    free(touched);
    cs_sol_destroy(&cur);
    cs_sol_destroy(&walk);
    ctx_destroy(&c);
    return st;
}
