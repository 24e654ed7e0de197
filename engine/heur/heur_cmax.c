/* heur_cmax.c -- iterated greedy for scenarios whose objective is the makespan alone.
 * A plateau-free local criterion drives the descent: a move between two lines is taken when
 * it lowers the later of their two finishes, or keeps it and lowers their sum (the global
 * makespan can then never rise). Moves: insertion of an order on another line, exchange of
 * two orders between lines, and reinsertion within a line. Since a move is judged on its two
 * lines alone, the descent rescans only lines changed since their last fruitless scan.
 * Without downtime and with no release after a line's availability, a line's finish is a
 * sum, so moves are judged in constant time; otherwise the changed line is re-timed by the
 * plan module. Perturbation removes a few orders (half of them from the latest line) and
 * reinserts each where its line would finish first; a worse result is kept with an
 * annealing probability at constant temperature. Seeded, so a run is repeatable for a seed
 * and an iteration limit. */
#include "heur/heur.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Longest line on which within-line reinsertion is tried when lines must be re-timed. */
#define CM_INTRA_MAX_LEN 60
#ifndef CM_TEMP_FACTOR
#define CM_TEMP_FACTOR 1.0
#endif


typedef struct {
    const cosched_scenario *sc;
    const cs_ls_params *par;
    bool additive;
    int32_t *fin; /* [line] finish (-1 empty) of the solution being changed */
    int *buf;
    int *removed;
    unsigned char *dirty; /* [line] changed since it was last scanned without success */
    long evals;
    double eval_steps; /* what one evaluation adds to par->work */
    bool stopped;
} cm_ctx;

static bool cm_stop(cm_ctx *c)
{
    return cs_ls_stop(c->par, &c->evals, 1023, &c->stopped, c->eval_steps);
}

static inline int pr(const cosched_scenario *sc, int o)
{
    return sc->orders[o].product;
}

static inline int32_t co(const cosched_scenario *sc, int k, int from, int to)
{
    return cs_co_minutes(sc, k, from, to);
}

static inline int32_t pos0(int32_t f)
{
    return f > 0 ? f : 0;
}

/* Finish of line k running q[0..n-1]. */
static int32_t line_fin(cm_ctx *c, int k, const int *q, int n)
{
    const cosched_scenario *sc = c->sc;
    if (n == 0)
        return -1;
    if (c->additive) {
        /* The step without downtime; no release waits, so the deltas below hold. */
        int32_t t = sc->lines[k].available_at;
        int prev = sc->lines[k].initial_product;
        for (int i = 0; i < n; i++) {
            t = cs_timing_step_no_downtime(t, co(sc, k, prev, pr(sc, q[i])),
                                           sc->orders[q[i]].release_at,
                                           cs_run_minutes(sc, q[i], k));
            prev = pr(sc, q[i]);
        }
        return t;
    }
    cs_line_eval ev;
    cs_line_evaluate(sc, k, q, n, &ev);
    return ev.last_end_at;
}

/* Finish of line k without position i. */
static int32_t fin_remove(cm_ctx *c, const cs_sol *s, int k, int i)
{
    const cosched_scenario *sc = c->sc;
    const int *q = cs_sol_line(s, k);
    int n = s->len[k];
    if (n == 1)
        return -1;
    if (!c->additive) {
        memcpy(c->buf, q, (size_t)i * sizeof(int));
        memcpy(c->buf + i, q + i + 1, (size_t)(n - i - 1) * sizeof(int));
        return line_fin(c, k, c->buf, n - 1);
    }
    int prev = i > 0 ? pr(sc, q[i - 1]) : sc->lines[k].initial_product;
    int pi = pr(sc, q[i]);
    int64_t d = -(int64_t)co(sc, k, prev, pi) - cs_run_minutes(sc, q[i], k);
    if (i < n - 1) {
        int next = pr(sc, q[i + 1]);
        d += co(sc, k, prev, next) - co(sc, k, pi, next);
    }
    return (int32_t)(c->fin[k] + d);
}

/* Finish of line k with order o inserted before position p. */
static int32_t fin_insert(cm_ctx *c, const cs_sol *s, int k, int o, int p)
{
    const cosched_scenario *sc = c->sc;
    const int *q = cs_sol_line(s, k);
    int n = s->len[k];
    if (!c->additive) {
        memcpy(c->buf, q, (size_t)p * sizeof(int));
        c->buf[p] = o;
        memcpy(c->buf + p + 1, q + p, (size_t)(n - p) * sizeof(int));
        return line_fin(c, k, c->buf, n + 1);
    }
    int prev = p > 0 ? pr(sc, q[p - 1]) : sc->lines[k].initial_product;
    int po = pr(sc, o);
    int64_t base = n > 0 ? c->fin[k] : sc->lines[k].available_at;
    int64_t d = (int64_t)co(sc, k, prev, po) + cs_run_minutes(sc, o, k);
    if (p < n) {
        int next = pr(sc, q[p]);
        d += co(sc, k, po, next) - co(sc, k, prev, next);
    }
    return (int32_t)(base + d);
}

/* Finish of line k with position i holding order o instead. */
static int32_t fin_replace(cm_ctx *c, const cs_sol *s, int k, int i, int o)
{
    const cosched_scenario *sc = c->sc;
    const int *q = cs_sol_line(s, k);
    int n = s->len[k];
    if (!c->additive) {
        memcpy(c->buf, q, (size_t)n * sizeof(int));
        c->buf[i] = o;
        return line_fin(c, k, c->buf, n);
    }
    int prev = i > 0 ? pr(sc, q[i - 1]) : sc->lines[k].initial_product;
    int pi = pr(sc, q[i]);
    int po = pr(sc, o);
    int64_t d = (int64_t)co(sc, k, prev, po) + cs_run_minutes(sc, o, k) -
                co(sc, k, prev, pi) - cs_run_minutes(sc, q[i], k);
    if (i < n - 1) {
        int next = pr(sc, q[i + 1]);
        d += co(sc, k, po, next) - co(sc, k, pi, next);
    }
    return (int32_t)(c->fin[k] + d);
}

static void do_remove(cs_sol *s, int k, int i)
{
    int *q = cs_sol_line(s, k);
    memmove(q + i, q + i + 1, (size_t)(s->len[k] - i - 1) * sizeof(int));
    s->len[k]--;
}

static void do_insert(cs_sol *s, int k, int o, int p)
{
    int *q = cs_sol_line(s, k);
    memmove(q + p + 1, q + p, (size_t)(s->len[k] - p) * sizeof(int));
    q[p] = o;
    s->len[k]++;
}

/* (max, sum) of a pair of finishes, lexicographically: a before b. */
static bool pair_better(int32_t a1, int32_t a2, int32_t b1, int32_t b2)
{
    int32_t ma = pos0(a1) > pos0(a2) ? pos0(a1) : pos0(a2);
    int32_t mb = pos0(b1) > pos0(b2) ? pos0(b1) : pos0(b2);
    if (ma != mb)
        return ma < mb;
    return (int64_t)pos0(a1) + pos0(a2) < (int64_t)pos0(b1) + pos0(b2);
}

static void mark(cm_ctx *c, int k)
{
    c->dirty[k] = 1;
}

/* Best move of order d[i] to another line, applied when the pair criterion improves. */
static bool move_out(cm_ctx *c, cs_sol *s, int k1, int i)
{
    const cosched_scenario *sc = c->sc;
    int o = cs_sol_line(s, k1)[i];
    int32_t r1 = fin_remove(c, s, k1, i);
    int bk = -1;
    int bp = -1;
    int32_t b1 = c->fin[k1];
    int32_t b2 = 0;
    for (int k2 = 0; k2 < s->n_lines && !c->stopped; k2++) {
        if (k2 == k1 || cs_run_minutes(sc, o, k2) < 0)
            continue;
        for (int p = 0; p <= s->len[k2]; p++) {
            if (cm_stop(c))
                break;
            int32_t f2 = fin_insert(c, s, k2, o, p);
            /* Against the current pair, then against the best move so far. */
            if (!pair_better(r1, f2, c->fin[k1], c->fin[k2]))
                continue;
            if (bk >= 0 && !pair_better(r1, f2, b1, b2))
                continue;
            bk = k2;
            bp = p;
            b1 = r1;
            b2 = f2;
        }
    }
    if (bk < 0 || c->stopped)
        return false;
    do_remove(s, k1, i);
    c->fin[k1] = r1;
    do_insert(s, bk, o, bp);
    c->fin[bk] = b2;
    mark(c, bk);
    return true;
}

/* Best move of order k2[j] into line d, applied when the pair criterion improves. */
static bool move_in(cm_ctx *c, cs_sol *s, int d, int k2, int j)
{
    int o = cs_sol_line(s, k2)[j];
    if (cs_run_minutes(c->sc, o, d) < 0)
        return false;
    int32_t r2 = fin_remove(c, s, k2, j);
    int bp = -1;
    int32_t bf = 0;
    for (int p = 0; p <= s->len[d]; p++) {
        if (cm_stop(c))
            return false;
        int32_t f = fin_insert(c, s, d, o, p);
        if (!pair_better(f, r2, c->fin[d], c->fin[k2]))
            continue;
        if (bp >= 0 && f >= bf)
            continue;
        bp = p;
        bf = f;
    }
    if (bp < 0)
        return false;
    do_remove(s, k2, j);
    c->fin[k2] = r2;
    do_insert(s, d, o, bp);
    c->fin[d] = bf;
    mark(c, k2);
    return true;
}

/* Exchange of two orders between lines d and k, in place, first improvement. */
static bool swap_lines(cm_ctx *c, cs_sol *s, int d, int k)
{
    const cosched_scenario *sc = c->sc;
    bool improved = false;
    for (int i = 0; i < s->len[d] && !c->stopped; i++) {
        for (int j = 0; j < s->len[k]; j++) {
            if (cm_stop(c))
                break;
            int o1 = cs_sol_line(s, d)[i];
            int o2 = cs_sol_line(s, k)[j];
            if (cs_run_minutes(sc, o1, k) < 0 || cs_run_minutes(sc, o2, d) < 0)
                continue;
            int32_t f1 = fin_replace(c, s, d, i, o2);
            int32_t f2 = fin_replace(c, s, k, j, o1);
            if (!pair_better(f1, f2, c->fin[d], c->fin[k]))
                continue;
            cs_sol_line(s, d)[i] = o2;
            cs_sol_line(s, k)[j] = o1;
            c->fin[d] = f1;
            c->fin[k] = f2;
            mark(c, k);
            improved = true;
        }
    }
    return improved;
}

/* Reinsertion of each order of line k within the line at its best position. */
static bool intra_line(cm_ctx *c, cs_sol *s, int k)
{
    bool improved = false;
    int n = s->len[k];
    if (n < 2 || (!c->additive && n > CM_INTRA_MAX_LEN))
        return false;
    for (int i = 0; i < n && !c->stopped; i++) {
        int *q = cs_sol_line(s, k);
        int o = q[i];
        int32_t r = fin_remove(c, s, k, i);
        int32_t keep = c->fin[k];
        /* Judge insertions into the line without i: temporarily remove it. */
        do_remove(s, k, i);
        c->fin[k] = r;
        int bp = i;
        int32_t bf = keep;
        for (int p = 0; p <= n - 1; p++) {
            if (p == i || cm_stop(c))
                continue;
            int32_t f = fin_insert(c, s, k, o, p);
            if (f < bf) {
                bf = f;
                bp = p;
            }
        }
        do_insert(s, k, o, bp);
        c->fin[k] = bf;
        if (bp != i)
            improved = true;
    }
    return improved;
}

/* Every move between line d and the others, and within d. */
static bool scan_line(cm_ctx *c, cs_sol *s, int d)
{
    bool improved = false;
    int i = 0;
    while (i < s->len[d] && !c->stopped) {
        if (move_out(c, s, d, i))
            improved = true;
        else
            i++;
    }
    for (int k = 0; k < s->n_lines && !c->stopped; k++) {
        if (k == d)
            continue;
        int j = 0;
        while (j < s->len[k] && !c->stopped) {
            if (move_in(c, s, d, k, j))
                improved = true;
            else
                j++;
        }
    }
    for (int k = 0; k < s->n_lines && !c->stopped; k++)
        if (k != d)
            improved |= swap_lines(c, s, d, k);
    if (!c->stopped)
        improved |= intra_line(c, s, d);
    return improved;
}

/* Descent to a local optimum of all the moves. Every move involves one or two lines and is
 * judged on them alone, so a pair of lines neither of which changed since one of them was
 * scanned without success holds no improving move: only changed ("dirty") lines are
 * scanned, until none is left. */
static void descend(cm_ctx *c, cs_sol *s)
{
    bool any = true;
    while (any && !c->stopped) {
        any = false;
        for (int d = 0; d < s->n_lines && !c->stopped; d++) {
            if (!c->dirty[d])
                continue;
            any = true;
            if (!scan_line(c, s, d) && !c->stopped)
                c->dirty[d] = 0;
        }
    }
}

static void load_fin(cm_ctx *c, const cs_sol *s)
{
    for (int k = 0; k < s->n_lines; k++)
        c->fin[k] = s->ev[k].last_end_at;
}

static int32_t cmax_of(const cs_sol *s)
{
    int32_t m = 0;
    for (int k = 0; k < s->n_lines; k++)
        if (s->ev[k].last_end_at > m)
            m = s->ev[k].last_end_at;
    return m;
}

static int64_t sum_of(const cs_sol *s)
{
    int64_t t = 0;
    for (int k = 0; k < s->n_lines; k++)
        t += pos0(s->ev[k].last_end_at);
    return t;
}

/* Remove d orders (about half from the latest line) and reinsert each where its line would
 * finish first. */
static void perturb(cm_ctx *c, cs_sol *s, cs_rng *rng, int d)
{
    const cosched_scenario *sc = c->sc;
    int nr = 0;
    for (int t = 0; t < d; t++) {
        int k = 0;
        if (t % 2 == 0) {
            for (int x = 1; x < s->n_lines; x++)
                if (c->fin[x] > c->fin[k])
                    k = x;
        } else {
            k = cs_rng_below(rng, s->n_lines);
        }
        if (s->len[k] == 0)
            continue;
        int i = cs_rng_below(rng, s->len[k]);
        int o = cs_sol_line(s, k)[i];
        int32_t r = fin_remove(c, s, k, i);
        do_remove(s, k, i);
        c->fin[k] = r;
        mark(c, k);
        c->removed[nr++] = o;
    }
    for (int t = 0; t < nr; t++) {
        int o = c->removed[t];
        int bk = -1;
        int bp = 0;
        int32_t bf = 0;
        int64_t bd = 0;
        for (int k = 0; k < s->n_lines; k++) {
            if (cs_run_minutes(sc, o, k) < 0)
                continue;
            for (int p = 0; p <= s->len[k]; p++) {
                int32_t f = fin_insert(c, s, k, o, p);
                int64_t dd = (int64_t)f - pos0(c->fin[k]);
                if (bk < 0 || f < bf || (f == bf && dd < bd)) {
                    bk = k;
                    bp = p;
                    bf = f;
                    bd = dd;
                }
            }
        }
        do_insert(s, bk, o, bp);
        c->fin[bk] = bf;
        mark(c, bk);
    }
}

/* Ruiz and Stuetzle's constant temperature for iterated greedy: a fraction of the mean
 * run minutes of an order on a line, divided by 10. */
static double cm_temperature(const cosched_scenario *sc)
{
    double sum = 0.0;
    long cnt = 0;
    for (int o = 0; o < sc->n_orders; o++)
        for (int k = 0; k < sc->n_lines; k++)
            if (cs_run_minutes(sc, o, k) >= 0) {
                sum += cs_run_minutes(sc, o, k);
                cnt++;
            }
    return cnt > 0 ? CM_TEMP_FACTOR * sum / (double)cnt / 10.0 : 0.0;
}

bool cs_heur_cmax_applies(const cosched_scenario *sc)
{
    const cs_settings *set = &sc->set;
    if (!(set->weight_makespan > 0.0) || set->weight_changeover_minutes != 0.0 ||
        set->weight_changeover_cost != 0.0 || set->weight_late_orders != 0.0)
        return false;
    /* Re-planning with a price on moved orders is not the makespan alone. */
    if (set->weight_stability > 0.0 && sc->prev_line != NULL)
        return false;
    if (set->weight_tardiness != 0.0)
        for (int o = 0; o < sc->n_orders; o++)
            if (sc->orders[o].weight != 0.0)
                return false;
    return true;
}

cosched_status cs_heur_cmax_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                                const cs_ls_params *par, long *iterations)
{
    long iters = 0;
    if (iterations != NULL)
        *iterations = 0;
    int n = sc->n_orders;
    int nl = sc->n_lines;
    if (n == 0)
        return COSCHED_OK;
    cm_ctx c = {.sc = sc, .par = par, .additive = true};
    /* What one evaluation adds to the work meter (heur.h), measured against the other
     * searches' steps per CPU second: a line's end from its prefix state, half a step. */
    c.eval_steps = 0.55;
    for (int k = 0; k < nl && c.additive; k++)
        c.additive = sc->lines[k].n_downtime == 0 && cs_scenario_line_all_released(sc, k);
    cs_sol cur = {0};
    cs_sol work = {0};
    c.fin = cs_calloc((size_t)nl, sizeof *c.fin);
    c.buf = cs_calloc((size_t)n + 1, sizeof *c.buf);
    c.removed = cs_calloc((size_t)n + 1, sizeof *c.removed);
    c.dirty = cs_calloc((size_t)nl, 1);
    cosched_status st = COSCHED_ENOMEM;
    if (c.fin == NULL || c.buf == NULL || c.removed == NULL || c.dirty == NULL)
        goto cleanup;
    if (cs_sol_init(&cur, sc) != COSCHED_OK || cs_sol_init(&work, sc) != COSCHED_OK)
        goto cleanup;
    st = COSCHED_OK;

    cs_sol_copy(&cur, best);
    load_fin(&c, &cur);
    memset(c.dirty, 1, (size_t)nl);
    descend(&c, &cur);
    cs_sol_eval(sc, &cur);
    if (cur.objective < best->objective) {
        cs_sol_copy(best, &cur);
        if (par->on_improve != NULL)
            par->on_improve(par->improve_ud, best);
    }
    long since_best = 0;
    double temp = cm_temperature(sc);
    while (!c.stopped && (par->iteration_limit < 0 || iters < par->iteration_limit)) {
        if (cs_ls_budget_spent(par))
            break;
        iters++;
        cs_work_add(par->work, (double)n); /* the copy and the evaluation of the result */
        cs_sol_copy(&work, &cur);
        load_fin(&c, &work);
        /* cur is a local optimum: only what the perturbation changes needs scanning. */
        memset(c.dirty, 0, (size_t)nl);
        int d = 2 + cs_rng_below(rng, 4);
        if (d > n)
            d = n;
        perturb(&c, &work, rng, d);
        descend(&c, &work);
        cs_sol_eval(sc, &work);
        if (work.objective < best->objective) {
            cs_sol_copy(best, &work);
            since_best = 0;
            if (par->on_improve != NULL)
                par->on_improve(par->improve_ud, best);
        } else {
            since_best++;
        }
        int32_t mw = cmax_of(&work);
        int32_t mc = cmax_of(&cur);
        bool take = mw < mc || (mw == mc && sum_of(&work) <= sum_of(&cur)) ||
                    (mw == mc && cs_rng_below(rng, 4) == 0);
        if (!take && mw > mc && temp > 0.0) {
            /* A worse makespan is taken with the probability of a constant-temperature
             * annealing step, to leave deep local optima. */
            double u = (double)(cs_rng_next(rng) >> 11) * 0x1.0p-53;
            take = u < exp(-(double)(mw - mc) / temp);
        }
        if (take)
            cs_sol_copy(&cur, &work);
        if (since_best > 0 && since_best % 500 == 0)
            cs_sol_copy(&cur, best);
    }
    if (iterations != NULL)
        *iterations = iters;
cleanup:
    cs_sol_destroy(&work);
    cs_sol_destroy(&cur);
    free(c.dirty);
    free(c.removed);
    free(c.buf);
    free(c.fin);
    return st;
}
