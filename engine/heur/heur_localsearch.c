/* heur_localsearch.c -- descent and iterated local search on the full objective.
 * Moves: relocate an order (or a run of one product), swap two orders at about the same
 * time, reverse a stretch of a line (2-opt), restricted to promising positions on large
 * scenarios. A move re-times only the lines it changes, from the first changed position
 * where prefix states allow. Don't-look bits keep a descent on the orders next to what
 * changed. Seeded perturbations make a run reproducible for a seed and an iteration limit.
 * A plant of one line goes to heur_line.c, the makespan alone to heur_cmax.c. */
#include "heur/heur_ls.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool ls_stop(ls_ctx *c)
{
    return cs_ls_stop(c->par, &c->evals, 31, &c->stopped, c->eval_steps);
}

/* How much lower an objective must be to count as better (model/priorities.c). */
static double tol_of(const cosched_scenario *sc, double obj)
{
    return cs_improvement_tol(&sc->set, obj);
}

static void locate_line(ls_ctx *c, int k)
{
    cs_ls_pf_build(c, k);
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

/* Orders this many places on either side of a change are looked at again: a move changes
 * their changeovers and start times most. */
#define LS_LOOK_REACH 2

/* Positions lo .. hi of line k changed: the orders there and nearby get looked at again,
 * and the line's reversals too. */
static void look_around(ls_ctx *c, int k, int lo, int hi)
{
    const int *q = cs_sol_line(c->s, k);
    int n = c->s->len[k];
    int a = lo - LS_LOOK_REACH < 0 ? 0 : lo - LS_LOOK_REACH;
    int b = hi + LS_LOOK_REACH >= n ? n - 1 : hi + LS_LOOK_REACH;
    for (int p = a; p <= b; p++)
        c->look[q[p]] = 1;
    c->dirty[k] = 1;
}

/* The place of a line of @p n_to places at the same share as place @p p of @p n_from: about
 * the same time, without timing either line. */
static int same_share(int p, int n_from, int n_to)
{
    return n_from > 0 ? (int)((long)p * n_to / n_from) : 0;
}

/* Order @p o (-1: none) moved or got a new neighbour. */
static void look_near(ls_ctx *c, int o)
{
    if (o >= 0)
        look_around(c, c->where_line[o], c->where_pos[o], c->where_pos[o]);
}

/* Restricted mode: mark the insertion positions of order @p o into q[0..n-1] worth trying:
 * around the first order due later than o, and on both sides of each order of o's product. */
static void mark_candidates(ls_ctx *c, int o, const int *q, int n)
{
    const cosched_scenario *sc = c->sc;
    memset(c->cand, 0, (size_t)n + 1);
    int32_t due = sc->orders[o].due_at;
    int prod = sc->orders[o].product;
    int at = n;
    for (int p = 0; p < n; p++) {
        if (at == n && sc->orders[q[p]].due_at > due)
            at = p;
        if (sc->orders[q[p]].product == prod) {
            c->cand[p] = 1;
            c->cand[p + 1] = 1;
        }
    }
    int lo = at - LS_DUE_WINDOW > 0 ? at - LS_DUE_WINDOW : 0;
    int hi = at + LS_DUE_WINDOW < n ? at + LS_DUE_WINDOW : n;
    for (int p = lo; p <= hi; p++)
        c->cand[p] = 1;
    c->cand[n] = 1;
}

/* The three largest line ends of s (at least 0) and their lines. */
static void top_ends(const cs_sol *s, int32_t top[3], int idx[3])
{
    top[0] = top[1] = top[2] = 0;
    idx[0] = idx[1] = idx[2] = -1;
    for (int k = 0; k < s->n_lines; k++) {
        int32_t v = s->ev[k].last_end_at;
        for (int r = 0; r < 3; r++) {
            if (idx[r] < 0 || v > top[r]) {
                for (int u = 2; u > r; u--) {
                    top[u] = top[u - 1];
                    idx[u] = idx[u - 1];
                }
                top[r] = v > 0 ? v : 0;
                idx[r] = k;
                break;
            }
        }
    }
}

/* Largest line end outside lines a and b. */
static int32_t end_without(const int32_t top[3], const int idx[3], int a, int b)
{
    for (int r = 0; r < 3; r++)
        if (idx[r] >= 0 && idx[r] != a && idx[r] != b)
            return top[r];
    return 0;
}

/* Best relocation of the @p len orders from order @p o on (an order, or a short segment of
 * its line kept in its order: moving a pair or three together can save the changeovers
 * that moving them one by one would first add); applied when it improves. */
static bool relocate_segment(ls_ctx *c, int o, int len)
{
    const cosched_scenario *sc = c->sc;
    const cs_settings *set = &sc->set;
    cs_sol *s = c->s;
    int k1 = c->where_line[o];
    int p1 = c->where_pos[o];
    const int *q1 = cs_sol_line(s, k1);
    int n1 = s->len[k1];
    if (p1 + len > n1)
        return false;
    const int *seg = q1 + p1;
    for (int i = 1; i < len; i++)
        if (sc->orders[seg[i]].product != sc->orders[o].product)
            return false; /* a run of one product: the batch a changeover serves */
    memcpy(c->a, q1, (size_t)p1 * sizeof(int));
    memcpy(c->a + p1, q1 + p1 + len, (size_t)(n1 - p1 - len) * sizeof(int));
    cs_line_eval ea;
    if (cs_ls_is_simple(c, k1))
        (void)cs_ls_pf_splice(c, k1, p1, NULL, 0, p1 + len, INFINITY, &ea);
    else
        cs_line_evaluate(sc, k1, c->a, n1 - len, &ea);

    /* For the bound that cuts evaluations short: the sum-type terms of all lines and the
     * largest line ends. */
    double s_all = 0.0;
    for (int k = 0; k < s->n_lines; k++)
        s_all += cs_ls_sum_terms(set, &s->ev[k]);
    int32_t top[3];
    int idx[3];
    top_ends(s, top, idx);
    double s_rest1 = s_all - cs_ls_sum_terms(set, &s->ev[k1]) + cs_ls_sum_terms(set, &ea);

    double best = s->objective - tol_of(c->sc, s->objective);
    int best_k = -1;
    int best_p = -1;
    cs_line_eval best_ev = {0};
    for (int k2 = 0; k2 < s->n_lines; k2++) {
        bool eligible = true;
        for (int i = 0; i < len && eligible; i++)
            eligible = cs_run_minutes(sc, seg[i], k2) >= 0;
        if (!eligible)
            continue;
        const int *base = k2 == k1 ? c->a : cs_sol_line(s, k2);
        int nb = k2 == k1 ? n1 - len : s->len[k2];
        bool fast = k2 != k1 && cs_ls_is_simple(c, k2);
        double s_rest = s_rest1 - (k2 != k1 ? cs_ls_sum_terms(set, &s->ev[k2]) : 0.0);
        int32_t m_rest = end_without(top, idx, k1, k2);
        if (ea.last_end_at > m_rest)
            m_rest = ea.last_end_at;
        if (c->big)
            mark_candidates(c, o, base, nb);
        for (int p2 = 0; p2 <= nb; p2++) {
            if (k2 == k1 && p2 == p1)
                continue;
            if (c->big && !c->cand[p2])
                continue;
            if (ls_stop(c))
                return false;
            cs_line_eval eb;
            if (fast) {
                double limit = best - s_rest - set->weight_makespan * (double)m_rest;
                if (!cs_ls_pf_splice(c, k2, p2, seg, len, p2, limit, &eb))
                    continue;
            } else {
                memcpy(c->b, base, (size_t)p2 * sizeof(int));
                memcpy(c->b + p2, seg, (size_t)len * sizeof(int));
                memcpy(c->b + p2 + len, base + p2, (size_t)(nb - p2) * sizeof(int));
                if (k2 == k1) {
                    int lo = p1 < p2 ? p1 : p2;
                    int hi = (p1 > p2 ? p1 : p2) + len - 1;
                    cs_ls_eval_changed(c, k1, c->b, n1, lo, hi, &eb);
                } else {
                    cs_line_evaluate(sc, k2, c->b, nb + len, &eb);
                }
            }
            double v = k2 == k1 ? obj_with(c, k1, &eb, -1, NULL) : obj_with(c, k1, &ea, k2, &eb);
            if (v < best) {
                best = v;
                best_k = k2;
                best_p = p2;
                best_ev = eb;
            }
        }
    }
    if (best_k < 0)
        return false;
    const int *base = best_k == k1 ? c->a : cs_sol_line(s, best_k);
    int nb = best_k == k1 ? n1 - len : s->len[best_k];
    int left = p1 > 0 ? q1[p1 - 1] : -1;          /* the orders the run leaves */
    int right = p1 + len < n1 ? q1[p1 + len] : -1;
    int last = seg[len - 1];
    memcpy(c->best_b, base, (size_t)best_p * sizeof(int));
    memcpy(c->best_b + best_p, seg, (size_t)len * sizeof(int));
    memcpy(c->best_b + best_p + len, base + best_p, (size_t)(nb - best_p) * sizeof(int));
    if (best_k != k1)
        set_line(c, k1, c->a, n1 - len, &ea);
    set_line(c, best_k, c->best_b, nb + len, &best_ev);
    commit(c);
    look_near(c, left);
    look_near(c, right);
    look_near(c, o);
    look_near(c, last);
    return true;
}

/* On large plants one descent can take the whole limit: every half second, a plan better
 * than the best goes out as the new best, so progress shows as it is made. The end of the
 * descent then replaces it with the same or a better plan (see cs_heur_ls_run). */
static void maybe_publish(ls_ctx *c)
{
    if (c->best == NULL || c->par->on_improve == NULL)
        return;
    double now = cs_now();
    if (now < c->next_publish)
        return;
    c->next_publish = now + 0.5;
    if (cs_is_improvement(&c->sc->set, c->s->objective, c->best->objective)) {
        cs_sol_copy(c->best, c->s);
        c->published = true;
        c->par->on_improve(c->par->improve_ud, c->best);
    }
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
        cs_ls_eval_changed(c, k1, c->a, s->len[k1], p1 < p2 ? p1 : p2, p1 < p2 ? p2 : p1, &ea);
        v = obj_with(c, k1, &ea, -1, NULL);
    } else {
        memcpy(c->b, cs_sol_line(s, k2), (size_t)s->len[k2] * sizeof(int));
        c->a[p1] = o2;
        c->b[p2] = o1;
        cs_ls_eval_changed(c, k1, c->a, s->len[k1], p1, p1, &ea);
        cs_ls_eval_changed(c, k2, c->b, s->len[k2], p2, p2, &eb);
        v = obj_with(c, k1, &ea, k2, &eb);
    }
    if (!cs_is_improvement(&c->sc->set, v, s->objective))
        return false;
    set_line(c, k1, c->a, s->len[k1], &ea);
    if (k1 != k2)
        set_line(c, k2, c->b, s->len[k2], &eb);
    commit(c);
    look_near(c, o1);
    look_near(c, o2);
    return true;
}

/* Swaps reach this many places on either side of the same share of each line (about the
 * same time): a swap across more of the plan moves two orders far from their due dates.
 * Measured (tools/bench-gen-work, sums at 6 units): swaps with every order 318,098, reach 12
 * 317,476, 6 315,661, 3 319,473; with --extensions every order 413,907, reach 6 409,655.
 * Large plants too: with swaps only among the near neighbours on the order's own line the
 * 500-order plant ended 10 to 14 % higher (docs/benchmarks.md, "Near swaps on every line
 * of a large plant"); a swap between lines trades two orders' places in their campaigns. */
#define LS_SWAP_REACH 6

/* Swaps of order @p o1 with the orders near its time on every line; the first that
 * improves is applied. */
static bool swaps_of(ls_ctx *c, int o1)
{
    int k1 = c->where_line[o1];
    for (int k = 0; k < c->s->n_lines && !c->stopped; k++) {
        int len = c->s->len[k];
        int at = same_share(c->where_pos[o1], c->s->len[k1], len);
        int lo = at - LS_SWAP_REACH < 0 ? 0 : at - LS_SWAP_REACH;
        int hi = at + LS_SWAP_REACH >= len ? len - 1 : at + LS_SWAP_REACH;
        for (int p = lo; p <= hi && !c->stopped; p++) {
            int o2 = cs_sol_line(c->s, k)[p];
            if (o2 != o1 && try_swap(c, o1, o2))
                return true;
        }
    }
    return false;
}

/* Or-opt on runs of one product that start at @p o: two or three orders. */
static bool segments_of(ls_ctx *c, int o)
{
    for (int len = 2; len <= LS_SEGMENT_MAX && !c->stopped; len++)
        if (relocate_segment(c, o, len))
            return true;
    return false;
}

/* Reversal of positions i..j on line k, for j >= i + 2 (adjacent pairs are swaps). */
static bool twoopt_line(ls_ctx *c, int k)
{
    bool improved = false;
    cs_sol *s = c->s;
    int n = s->len[k];
    for (int i = 0; i + 2 < n && !c->stopped; i++) {
        int last = c->big && i + LS_NEAR + 1 < n ? i + LS_NEAR + 1 : n - 1;
        for (int j = i + 2; j <= last; j++) {
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
            cs_ls_eval_changed(c, k, c->a, n, i, j, &ea);
            double v = obj_with(c, k, &ea, -1, NULL);
            if (cs_is_improvement(&c->sc->set, v, s->objective)) {
                set_line(c, k, c->a, n, &ea);
                commit(c);
                look_around(c, k, i, i);
                look_around(c, k, j, j);
                improved = true;
            }
        }
    }
    return improved;
}

/* Descent over the orders marked to be looked at: for each, its best relocation, else a swap,
 * else moving the run of its product it starts (runs only where single moves found nothing:
 * they cost more); an order none of whose moves improves is unmarked. Then reversals on the
 * lines that changed. Ends when nothing is marked. */
static bool descend(ls_ctx *c, cs_sol *s, int start)
{
    c->s = s;
    locate_all(c);
    int n = s->n_orders;
    for (;;) {
        bool any = false;
        for (int t = 0; t < n && !c->stopped; t++) {
            int o = (start + t) % n;
            if ((t & 63) == 63)
                maybe_publish(c);
            if (!c->look[o])
                continue;
            any = true;
            if (!relocate_segment(c, o, 1) && !swaps_of(c, o) && !segments_of(c, o))
                c->look[o] = 0;
        }
        for (int k = 0; k < s->n_lines && !c->stopped; k++) {
            if (c->dirty[k]) {
                c->dirty[k] = 0;
                any |= twoopt_line(c, k);
            }
        }
        if (!any || c->stopped)
            break;
    }
    return c->stopped;
}

/* A kick is LS_KICK_MIN to LS_KICK_MAX random relocations or swaps; a relocation lands at
 * most LS_KICK_REACH places from the order's time on the new line. Measured on six generated
 * plants (60-500 orders, a 10 s run's work; docs/benchmarks.md, "Mixed search: don't-look
 * bits and small kicks"): with the don't-look bits, kicks of 2 to n / 8 moves anywhere gave
 * no gain on the sum (one seed), 2-3 moves anywhere -3.6 % (three seeds), landing near the
 * order's time -4.2 %: a kick the descent repairs in a few moves leaves most of a good plan
 * alone. */
#define LS_KICK_MIN 2
#define LS_KICK_MAX 3
#define LS_KICK_REACH 8

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
        int p1 = c->where_pos[o];
        cs_sol_take(s, k1, p1);
        /* Near the place of the same share of the line: about the same time (insertion
         * places: one more than orders). */
        int at = same_share(p1, s->len[k1] + 1, s->len[k2] + 1);
        int p2 = at - LS_KICK_REACH + cs_rng_below(rng, 2 * LS_KICK_REACH + 1);
        p2 = p2 < 0 ? 0 : p2 > s->len[k2] ? s->len[k2] : p2;
        cs_sol_put(s, k2, p2, o);
        locate_line(c, k1);
        locate_line(c, k2);
        touched[k1] = touched[k2] = 1;
        look_around(c, k1, p1 - 1, p1); /* the orders it left (look_around clamps) */
        look_near(c, o);
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
        look_near(c, o);
        look_near(c, o2);
    }
}

cosched_status cs_heur_ls_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                              const cs_ls_params *par, long *iterations)
{
    if (cs_heur_cmax_applies(sc))
        return cs_heur_cmax_run(sc, best, rng, par, iterations);
    if (cs_heur_line_applies(sc))
        return cs_heur_line_run(sc, best, rng, par, iterations);
    long iters = 0;
    if (iterations != NULL)
        *iterations = 0;
    if (sc->n_orders == 0)
        return COSCHED_OK;
    ls_ctx c;
    cs_sol walk = {0};
    cs_sol cur = {0};
    unsigned char *touched = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), 1);
    cosched_status st = cs_ls_ctx_init(&c, sc, par);
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
    c.best = best;
    c.next_publish = cs_now() + 0.5;
    c.published = false;
    memset(c.look, 1, (size_t)sc->n_orders);
    memset(c.dirty, 1, (size_t)sc->n_lines);
    descend(&c, &cur, 0);
    /* A published plan is one the descent went on from: its end is as good or better. */
    if (cs_is_improvement(&sc->set, cur.objective, best->objective) ||
        (c.published && cur.objective <= best->objective)) {
        cs_sol_copy(best, &cur);
        if (par->on_improve != NULL)
            par->on_improve(par->improve_ud, best);
    }
    cs_sol_copy(&walk, best);
    long since_best = 0;
    int n = sc->n_orders;
    while (!c.stopped && (par->iteration_limit < 0 || iters < par->iteration_limit)) {
        if (cs_ls_budget_spent(par))
            break;
        iters++;
        cs_work_add(par->work, (double)n); /* the copy, the kicks and re-timing their lines */
        cs_sol_copy(&cur, &walk);
        c.s = &cur;
        locate_all(&c);
        memset(touched, 0, (size_t)sc->n_lines);
        memset(c.look, 0, (size_t)n);
        memset(c.dirty, 0, (size_t)sc->n_lines);
        int moves = LS_KICK_MIN + cs_rng_below(rng, LS_KICK_MAX - LS_KICK_MIN + 1);
        for (int m = 0; m < moves; m++)
            perturb_once(sc, &cur, rng, &c, touched);
        for (int k = 0; k < sc->n_lines; k++)
            if (touched[k])
                cs_sol_eval_line(sc, &cur, k);
        cur.objective = cs_objective_of(sc, cur.ev, sc->n_lines);
        c.published = false;
        descend(&c, &cur, cs_rng_below(rng, n));
        if (cs_is_improvement(&sc->set, cur.objective, best->objective) ||
            (c.published && cur.objective <= best->objective)) {
            cs_sol_copy(best, &cur);
            since_best = 0;
            if (par->on_improve != NULL)
                par->on_improve(par->improve_ud, best);
        } else {
            since_best++;
        }
        /* Accept sideways and better moves; fall back to the best after a long drought. */
        if (cur.objective <= walk.objective + tol_of(sc, walk.objective))
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
    cs_ls_ctx_destroy(&c);
    return st;
}
