/* heur_line.c -- iterated local search for the sequence of a single line.
 * On one line every objective term but the makespan is a sum over the sequence (what each
 * order's lateness and each changeover cost), and the makespan is the time after the last
 * order; the timing is a walk of (time, previous order). The search keeps the walk's state
 * and cost after every position (prefix states). A move (or-opt: a block of orders moved
 * forward or backward; or a swap of two orders) rewrites a stretch of positions as a few
 * stretches of the old sequence, so it is evaluated from the stretch's first position:
 *  - shift mode (no downtime, no release after the line's start, as in Cicirello's instances):
 *    times only add up, so an old stretch that follows its old predecessor keeps its
 *    changeovers and moves in time as a whole by some d. Its tardiness is then two look-ups
 *    in per-suffix tables of lateness sorted with prefix sums of weights (built in O(n^2)
 *    after each applied move), or for a short stretch a direct sum; a look-up scans from
 *    the entry for d = 0, and a move's d mostly passes few entries, so a move costs about
 *    O(block) whatever its reach;
 *  - otherwise the walk steps order by order and stops where it rejoins the old timing.
 * Both stop as soon as the cost so far plus what the rest costs at least (a stretch that
 * starts no earlier than before costs at least what it did) reaches the current value.
 *
 * The descent looks at marked orders only: every order is marked for a full descent; a
 * change marks the orders around its new adjacencies, so after a kick a descent costs a
 * fraction of a full pass (a "don't look bit" scheme). Kicks are one to three random block
 * moves within a few places (a move across the line is mostly undone by the descent), new
 * local optima as good as the walk's current one are accepted, and after LINE_DROUGHT rounds
 * without progress the walk restarts from the best plan with a few moves of any reach.
 * Measured on Cicirello's instances (docs/benchmarks.md). With a tie-break on a shorter line,
 * a wider kick, whole-line or-opt blocks, simulated annealing instead of the kicks and
 * several walks at once it did no better on the same budget of move evaluations; nor, on
 * the same work limit, with an exact window step (the best order of 8-14 consecutive orders,
 * or of 6-10 stretches between random cuts, by dynamic programming over subsets: its local
 * optima are already optimal for nearly every such window), with descents restricted to
 * moves near the kick, with restarts from a crossover of elite plans, or with reversals of
 * 4-8 consecutive orders (more optima, a worse mean).
 *
 * cs_heur_ls_run uses it for a plant of one line: the mixed search of heur_localsearch.c
 * must also move orders between lines, and restricts its moves for large plants, which this
 * search does not need. The makespan alone keeps heur_cmax.c. */
#include "heur/heur.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Above this many orders the or-opt neighbourhood of every order costs too much per descent;
 * the mixed search with its restricted moves takes over. */
#define LINE_MAX_ORDERS 300
/* Longest block moved by or-opt: longer blocks cost more than they found (measured). */
#define LINE_BLOCK_MAX 20
/* Reach of a kick: the block lands at most this many places away. */
#define LINE_KICK_REACH 5
/* Rounds without a better local optimum after which the walk restarts from the best plan,
 * and the moves of any reach that start it off again. */
#define LINE_DROUGHT 100
#define LINE_RESTART_KICKS 6
/* Stretches of at most this many orders after their first are priced order by order rather
 * than by two table look-ups (measured: 8 and 24 cost more CPU time). */
#define LINE_SPAN_DIRECT 16

typedef struct {
    const cosched_scenario *sc;
    const cs_ls_params *par;
    const cs_line *ln;
    int n;
    bool cal;          /* the line has downtime: times go through its calendar */
    double w_mk;       /* weight of the makespan */
    int32_t *run;      /* [order] run minutes */
    int32_t *rel;      /* [order] release */
    int32_t *due;      /* [order] due */
    double *w_late;    /* [order] objective weight of a minute late */
    int32_t *su_min;   /* [(from + 1) * n + to] changeover minutes; row 0: from the start */
    double *su_cost;   /* same layout: what the changeover adds to the objective */
    /* The current sequence and its prefix states after the first i orders: time, cost (the
     * objective's sum terms) and the changeover part of that cost. */
    int *seq;
    int32_t *T;
    double *F;
    double *S;
    /* Shift mode: row m lists the lateness (completion - due) of the orders at positions m..
     * in decreasing order, with the weight of each and prefix sums of weights and of
     * weight x lateness. */
    bool shift;
    int32_t *late;     /* [m * (n + 1) + r] */
    double *late_w;    /* same layout */
    double *sw;        /* [m * (n + 1) + r]: weights of the first r of row m */
    double *swl;       /* same: weight x lateness */
    int *zero;         /* [m]: entries of row m with lateness > 0 (the look-up for d = 0) */
    int32_t *late_at;  /* [p]: lateness of the order at position p */
    double *w_at;      /* [p]: its weight */
    int *scratch;
    unsigned char *mark; /* [order] its moves are worth another look */
    long evals;
    double eval_steps; /* what one evaluation adds to par->work (see line_init) */
    bool stopped;
} line_ctx;

/* Positions from .. from + len - 1 of the current sequence. */
typedef struct {
    int from;
    int len;
} line_seg;

/* How much lower a cost must be to count as better (model/priorities.c). */
static double tol_of(const line_ctx *c, double v)
{
    return cs_improvement_tol(&c->sc->set, v);
}

bool cs_heur_line_applies(const cosched_scenario *sc)
{
    if (sc->n_lines != 1 || sc->n_orders < 2 || sc->n_orders > LINE_MAX_ORDERS)
        return false;
    if (sc->set.weight_late_orders > 0.0)
        return false; /* its tables price minutes late, not late orders */
    for (int o = 0; o < sc->n_orders; o++)
        if (cs_run_minutes(sc, o, 0) < 0)
            return false;
    /* cleanings and batches are not a walk of (time, previous order) */
    return cs_scenario_line_is_stepwise(sc, 0);
}

static bool line_stop(line_ctx *c)
{
    return cs_ls_stop(c->par, &c->evals, 255, &c->stopped, c->eval_steps);
}

/* Order @p o after order @p prev (-1: first on the line) from time *t: the timing rule of
 * plan.h for a line without cleanings and whole batches: the step of model/timing.h. */
static inline void line_step(const line_ctx *c, int prev, int o, int32_t *t, double *f)
{
    size_t at = (size_t)(prev + 1) * (size_t)c->n + (size_t)o;
    int32_t m = c->su_min[at];
    int32_t now = *t;
    *f += c->su_cost[at];
    if (c->cal)
        now = cs_timing_step(c->ln, now, m, c->rel[o], c->run[o]);
    else
        now = cs_timing_step_no_downtime(now, m, c->rel[o], c->run[o]);
    if (now > c->due[o])
        *f += c->w_late[o] * ((double)now - (double)c->due[o]);
    *t = now;
}

/* Suffix tardiness of positions m.. when every time there moves by @p d. The entries that
 * change sides are found from the row's count for d = 0 outwards: a move shifts times by
 * about one order's run, which few lateness values straddle, so this scan is cheaper than a
 * binary search over the row (measured). */
static double line_suffix_late(const line_ctx *c, int m, int32_t d)
{
    size_t row = (size_t)m * (size_t)(c->n + 1);
    const int32_t *l = c->late + row;
    int len = c->n - m;
    int at = c->zero[m]; /* count of lateness values > -d */
    if (d > 0) {
        while (at < len && l[at] + d > 0)
            at++;
    } else {
        while (at > 0 && l[at - 1] + d <= 0)
            at--;
    }
    return c->swl[row + at] + (double)d * c->sw[row + at];
}

/* Tardiness of positions x..y (few) when their times move by @p d, summed directly. */
static double line_span_late(const line_ctx *c, int x, int y, int32_t d)
{
    double s = 0.0;
    for (int p = x; p <= y; p++) {
        int32_t e = c->late_at[p] + d;
        s += e > 0 ? c->w_at[p] * (double)e : 0.0;
    }
    return s;
}

/* Rows from the last position back: row m is row m + 1 with position m's lateness inserted. */
static void line_shift_build(line_ctx *c)
{
    int n = c->n;
    size_t w = (size_t)n + 1;
    for (int m = n - 1; m >= 0; m--) {
        int32_t *dst = c->late + (size_t)m * w;
        double *dw = c->late_w + (size_t)m * w;
        const int32_t *src = c->late + (size_t)(m + 1) * w;
        const double *sw_src = c->late_w + (size_t)(m + 1) * w;
        int len = n - 1 - m; /* entries of row m + 1 */
        int o = c->seq[m];
        int32_t e = c->T[m + 1] - c->due[o];
        int at = 0;
        while (at < len && src[at] >= e)
            at++;
        memcpy(dst, src, (size_t)at * sizeof *dst);
        memcpy(dw, sw_src, (size_t)at * sizeof *dw);
        dst[at] = e;
        dw[at] = c->w_late[o];
        c->late_at[m] = e;
        c->w_at[m] = c->w_late[o];
        memcpy(dst + at + 1, src + at, (size_t)(len - at) * sizeof *dst);
        memcpy(dw + at + 1, sw_src + at, (size_t)(len - at) * sizeof *dw);
        double *sw = c->sw + (size_t)m * w;
        double *swl = c->swl + (size_t)m * w;
        sw[0] = 0.0;
        swl[0] = 0.0;
        for (int r = 0; r <= len; r++) {
            sw[r + 1] = sw[r] + dw[r];
            swl[r + 1] = swl[r] + dw[r] * (double)dst[r];
        }
        int z = 0;
        while (z <= len && dst[z] > 0)
            z++;
        c->zero[m] = z;
    }
}

static void line_prefix(line_ctx *c, int from)
{
    for (int i = from; i < c->n; i++) {
        int prev = i > 0 ? c->seq[i - 1] : -1;
        int32_t t = c->T[i];
        double f = c->F[i];
        line_step(c, prev, c->seq[i], &t, &f);
        c->T[i + 1] = t;
        c->F[i + 1] = f;
        c->S[i + 1] = c->S[i] + c->su_cost[(size_t)(prev + 1) * (size_t)c->n + (size_t)c->seq[i]];
    }
    if (c->shift)
        line_shift_build(c);
}

static double line_cost(const line_ctx *c)
{
    return c->F[c->n] + c->w_mk * (double)c->T[c->n];
}

/* Cost of the sequence that goes on from state (@p t, @p f, @p prev) with the old positions
 * of @p sg in turn, then the old orders from position @p rest on, in shift mode; false
 * (nothing stored) when it reaches @p limit. */
static bool line_eval_shift(const line_ctx *c, int32_t t, double f, int prev,
                            const line_seg *sg, int nsg, int rest, double limit, double *out)
{
    const int *q = c->seq;
    int n = c->n;
    for (int s = 0; s < nsg; s++) {
        int x = sg[s].from;
        int y = x + sg[s].len - 1;
        line_step(c, prev, q[x], &t, &f);
        if (y > x) {
            int32_t d = t - c->T[x + 1];
            /* Later than before: the stretch costs at least what it did. */
            if (d >= 0 && f + (c->F[y + 1] - c->F[x + 1]) +
                                  c->w_mk * (double)(c->T[y + 1] + d) >= limit)
                return false;
            f += c->S[y + 1] - c->S[x + 1] +
                 (y - x <= LINE_SPAN_DIRECT ? line_span_late(c, x + 1, y, d)
                                            : line_suffix_late(c, x + 1, d) -
                                                  line_suffix_late(c, y + 1, d));
            t = c->T[y + 1] + d;
        }
        prev = q[y];
        if (f + c->w_mk * (double)t >= limit)
            return false;
    }
    if (rest < n) {
        line_step(c, prev, q[rest], &t, &f);
        int32_t d = t - c->T[rest + 1];
        if (d >= 0 && f + (c->F[n] - c->F[rest + 1]) + c->w_mk * (double)(c->T[n] + d) >= limit)
            return false;
        f += c->S[n] - c->S[rest + 1] +
             (n - 1 - rest <= LINE_SPAN_DIRECT ? line_span_late(c, rest + 1, n - 1, d)
                                               : line_suffix_late(c, rest + 1, d));
        t = c->T[n] + d;
    }
    *out = f + c->w_mk * (double)t;
    return *out < limit;
}

/* As line_eval_shift for any line, order by order (releases and downtime may absorb a
 * delay): every term only grows along the walk, and an old rest started no earlier costs at
 * least what it did, so the walk stops at @p limit or where it rejoins the old timing. */
static bool line_eval(const line_ctx *c, int32_t t, double f, int prev, const line_seg *sg,
                      int nsg, int rest, double limit, double *out)
{
    if (c->shift)
        return line_eval_shift(c, t, f, prev, sg, nsg, rest, limit, out);
    const int *q = c->seq;
    int n = c->n;
    for (int s = 0; s < nsg; s++) {
        for (int i = sg[s].from; i < sg[s].from + sg[s].len; i++) {
            line_step(c, prev, q[i], &t, &f);
            prev = q[i];
        }
        if (f + c->w_mk * (double)t >= limit)
            return false;
    }
    for (int i = rest; i < n; i++) {
        line_step(c, prev, q[i], &t, &f);
        prev = q[i];
        if (t == c->T[i + 1]) { /* rejoined: the rest is the old one */
            f += c->F[n] - c->F[i + 1];
            t = c->T[n];
            break;
        }
        if (t > c->T[i + 1] ? f + (c->F[n] - c->F[i + 1]) + c->w_mk * (double)c->T[n] >= limit
                            : f + c->w_mk * (double)t >= limit)
            return false;
    }
    *out = f + c->w_mk * (double)t;
    return *out < limit;
}

/* Rewrite positions a.. with the old positions of @p sg (the same orders in a new order),
 * mark the orders on either side of every new adjacency, and refresh the prefix states. */
static void line_apply(line_ctx *c, int a, const line_seg *sg, int nsg)
{
    int w = 0;
    for (int s = 0; s < nsg; s++)
        for (int i = sg[s].from; i < sg[s].from + sg[s].len; i++)
            c->scratch[w++] = c->seq[i];
    memcpy(c->seq + a, c->scratch, (size_t)w * sizeof(int));
    int p = a;
    for (int s = 0; s <= nsg; s++) {
        if (p > 0)
            c->mark[c->seq[p - 1]] = 1;
        if (p < c->n)
            c->mark[c->seq[p]] = 1;
        if (s < nsg)
            p += sg[s].len;
    }
    line_prefix(c, a);
}

static double line_limit(const line_ctx *c)
{
    return line_cost(c) - tol_of(c, line_cost(c));
}

/* Or-opt of the block of @p len orders from position i: moved after position k (forward) or
 * before position j (backward); the first improvement is applied. */
static bool line_oropt_at(line_ctx *c, int i, int len)
{
    int n = c->n;
    double limit = line_limit(c);
    /* Forward: old[i+len..k], then the block; the first part grows by one order per k. */
    int32_t t = c->T[i];
    double f = c->F[i];
    int prev = i > 0 ? c->seq[i - 1] : -1;
    line_seg sg[2] = { { i, len }, { 0, 0 } };
    for (int k = i + len; k < n; k++) {
        if (line_stop(c))
            return false;
        line_step(c, prev, c->seq[k], &t, &f);
        prev = c->seq[k];
        if (f + c->w_mk * (double)t >= limit)
            break; /* only grows with k */
        double v;
        if (line_eval(c, t, f, prev, sg, 1, k + 1, limit, &v)) {
            line_seg ap[2] = { { i + len, k - i - len + 1 }, { i, len } };
            line_apply(c, i, ap, 2);
            return true;
        }
    }
    /* Backward: the block, then old[j..i-1]. */
    for (int j = i - 1; j >= 0; j--) {
        if (line_stop(c))
            return false;
        sg[1].from = j;
        sg[1].len = i - j;
        double v;
        if (line_eval(c, c->T[j], c->F[j], j > 0 ? c->seq[j - 1] : -1, sg, 2, i + len, limit,
                      &v)) {
            line_apply(c, j, sg, 2);
            return true;
        }
    }
    return false;
}

/* Swaps of the order at position i with one at least two places away (adjacent ones are
 * or-opt moves); the first improvement is applied. */
static bool line_swap_at(line_ctx *c, int i)
{
    int n = c->n;
    double limit = line_limit(c);
    for (int j = 0; j < n; j++) {
        if (j >= i - 1 && j <= i + 1)
            continue;
        if (line_stop(c))
            return false;
        int a = i < j ? i : j;
        int b = i < j ? j : i;
        line_seg sg[3] = { { b, 1 }, { a + 1, b - a - 1 }, { a, 1 } };
        double v;
        if (line_eval(c, c->T[a], c->F[a], a > 0 ? c->seq[a - 1] : -1, sg, 3, b + 1, limit,
                      &v)) {
            line_apply(c, a, sg, 3);
            return true;
        }
    }
    return false;
}

/* Descent over the marked orders: for each, or-opt of the blocks it starts, then swaps; an
 * order none of whose moves improves is unmarked. Ends when no order is marked. */
static void line_descend(line_ctx *c, cs_rng *rng)
{
    int n = c->n;
    int lmax = LINE_BLOCK_MAX < n - 1 ? LINE_BLOCK_MAX : n - 1;
    for (;;) {
        bool any = false;
        int start = cs_rng_below(rng, n);
        for (int r = 0; r < n; r++) {
            if (c->stopped)
                return;
            int i = (start + r) % n;
            int o = c->seq[i];
            if (!c->mark[o])
                continue;
            any = true;
            bool imp = false;
            for (int len = 1; len <= lmax && i + len <= n && !imp; len++)
                imp = line_oropt_at(c, i, len);
            if (!imp)
                imp = line_swap_at(c, i);
            if (!imp)
                c->mark[o] = 0;
        }
        if (!any)
            return;
    }
}

/* A random block of one to three orders moved at most @p reach places (0: anywhere). */
static void line_kick(line_ctx *c, cs_rng *rng, int reach)
{
    int n = c->n;
    int len = 1 + cs_rng_below(rng, n >= 6 ? 3 : 1);
    int i = cs_rng_below(rng, n - len + 1);
    int to; /* where the block starts afterwards */
    if (reach > 0) {
        to = i - reach + cs_rng_below(rng, 2 * reach + 1);
        to = to < 0 ? 0 : to > n - len ? n - len : to;
    } else {
        to = cs_rng_below(rng, n - len + 1);
    }
    if (to > i) {
        line_seg ap[2] = { { i + len, to - i }, { i, len } };
        line_apply(c, i, ap, 2);
    } else if (to < i) {
        line_seg ap[2] = { { i, len }, { to, i - to } };
        line_apply(c, to, ap, 2);
    }
}

static cosched_status line_init(line_ctx *c, const cosched_scenario *sc, const cs_ls_params *par)
{
    memset(c, 0, sizeof *c);
    int n = sc->n_orders;
    c->sc = sc;
    c->par = par;
    c->ln = &sc->lines[0];
    c->n = n;
    c->cal = c->ln->n_downtime > 0;
    c->w_mk = sc->set.weight_makespan;
    /* What one evaluation adds to the work meter (heur.h), measured against the other
     * searches' steps per CPU second: most walks stop after a few orders, where they rejoin
     * the old timing or pass the limit. 0.035 n before the suffix look-ups scanned from the
     * d = 0 count and short stretches were summed directly, which cut the CPU time of a
     * fixed number of rounds to 0.70-0.88 (wt_sds_1, 41, 81, 101; mean 0.80). */
    c->eval_steps = 0.028 * (double)n;
    size_t nn = (size_t)(n + 1) * (size_t)n;
    c->run = cs_calloc((size_t)n, sizeof *c->run);
    c->rel = cs_calloc((size_t)n, sizeof *c->rel);
    c->due = cs_calloc((size_t)n, sizeof *c->due);
    c->w_late = cs_calloc((size_t)n, sizeof *c->w_late);
    c->su_min = cs_calloc(nn, sizeof *c->su_min);
    c->su_cost = cs_calloc(nn, sizeof *c->su_cost);
    c->seq = cs_calloc((size_t)n, sizeof *c->seq);
    c->scratch = cs_calloc((size_t)n, sizeof *c->scratch);
    c->mark = cs_calloc((size_t)n, 1);
    c->T = cs_calloc((size_t)n + 1, sizeof *c->T);
    c->F = cs_calloc((size_t)n + 1, sizeof *c->F);
    c->S = cs_calloc((size_t)n + 1, sizeof *c->S);
    if (c->run == NULL || c->rel == NULL || c->due == NULL || c->w_late == NULL ||
        c->su_min == NULL || c->su_cost == NULL || c->seq == NULL || c->scratch == NULL ||
        c->mark == NULL || c->T == NULL || c->F == NULL || c->S == NULL)
        return COSCHED_ENOMEM;
    const cs_settings *set = &sc->set;
    c->shift = !c->cal && cs_scenario_line_all_released(sc, 0);
    for (int o = 0; o < n; o++) {
        c->run[o] = cs_run_minutes(sc, o, 0);
        c->rel[o] = sc->orders[o].release_at;
        c->due[o] = sc->orders[o].due_at;
        c->w_late[o] = set->weight_tardiness * sc->orders[o].weight;
    }
    for (int from = -1; from < n; from++) {
        int pf = from < 0 ? c->ln->initial_product : sc->orders[from].product;
        for (int to = 0; to < n; to++) {
            int pt = sc->orders[to].product;
            size_t at = (size_t)(from + 1) * (size_t)n + (size_t)to;
            if (pf < 0 || pf == pt)
                continue;
            c->su_min[at] = cs_co_minutes(sc, 0, pf, pt);
            c->su_cost[at] = set->weight_changeover_minutes * (double)c->su_min[at] +
                             set->weight_changeover_cost * cs_co_cost(sc, 0, pf, pt);
        }
    }
    if (c->shift) {
        size_t cells = (size_t)(n + 1) * (size_t)(n + 1);
        c->late = cs_calloc(cells, sizeof *c->late);
        c->late_w = cs_calloc(cells, sizeof *c->late_w);
        c->sw = cs_calloc(cells, sizeof *c->sw);
        c->swl = cs_calloc(cells, sizeof *c->swl);
        c->zero = cs_calloc((size_t)n + 1, sizeof *c->zero);
        c->late_at = cs_calloc((size_t)n, sizeof *c->late_at);
        c->w_at = cs_calloc((size_t)n, sizeof *c->w_at);
        if (c->late == NULL || c->late_w == NULL || c->sw == NULL || c->swl == NULL ||
            c->zero == NULL || c->late_at == NULL || c->w_at == NULL)
            return COSCHED_ENOMEM;
    }
    c->T[0] = c->ln->available_at;
    return COSCHED_OK;
}

static void line_destroy(line_ctx *c)
{
    free(c->run);
    free(c->rel);
    free(c->due);
    free(c->w_late);
    free(c->su_min);
    free(c->su_cost);
    free(c->seq);
    free(c->scratch);
    free(c->mark);
    free(c->T);
    free(c->F);
    free(c->S);
    free(c->late);
    free(c->late_w);
    free(c->sw);
    free(c->swl);
    free(c->zero);
    free(c->late_at);
    free(c->w_at);
}

/* Put @p q into @p s, evaluated by the plan module's own rule. */
static void line_store(const cosched_scenario *sc, const int *q, int n, cs_sol *s)
{
    memcpy(cs_sol_line(s, 0), q, (size_t)n * sizeof(int));
    s->len[0] = n;
    cs_sol_eval_line(sc, s, 0);
    s->objective = cs_objective_of(sc, s->ev, 1);
}

/* Load @p q as the current sequence. */
static void line_load(line_ctx *c, const int *q)
{
    memcpy(c->seq, q, (size_t)c->n * sizeof(int));
    line_prefix(c, 0);
}

/* A new best plan @p q goes into @p best when the plan module agrees that it is better. */
static void line_publish(const cosched_scenario *sc, const cs_ls_params *par, const int *q,
                         cs_sol *best, cs_sol *tmp)
{
    line_store(sc, q, sc->n_orders, tmp);
    if (cs_is_improvement(&sc->set, tmp->objective, best->objective)) {
        cs_sol_copy(best, tmp);
        if (par->on_improve != NULL)
            par->on_improve(par->improve_ud, best);
    }
}

cosched_status cs_heur_line_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                                const cs_ls_params *par, long *iterations)
{
    long iters = 0;
    if (iterations != NULL)
        *iterations = 0;
    int n = sc->n_orders;
    line_ctx c;
    cs_sol tmp = {0};
    int *walk = cs_calloc((size_t)n, sizeof *walk);
    int *bestq = cs_calloc((size_t)n, sizeof *bestq);
    cosched_status st = line_init(&c, sc, par);
    if (st == COSCHED_OK)
        st = cs_sol_init(&tmp, sc);
    if (st == COSCHED_OK && (walk == NULL || bestq == NULL))
        st = COSCHED_ENOMEM;
    if (st != COSCHED_OK)
        goto cleanup;

    /* Every applied move was evaluated, so even a descent cut short leaves a valid sequence. */
    line_load(&c, cs_sol_line(best, 0));
    memset(c.mark, 1, (size_t)n);
    line_descend(&c, rng);
    double best_v = line_cost(&c);
    memcpy(bestq, c.seq, (size_t)n * sizeof(int));
    line_publish(sc, par, bestq, best, &tmp);
    memcpy(walk, bestq, (size_t)n * sizeof(int));
    double walk_v = best_v;
    long drought = 0;
    while (!c.stopped && (par->iteration_limit < 0 || iters < par->iteration_limit)) {
        if (cs_ls_budget_spent(par))
            break;
        iters++;
        cs_work_add(par->work, (double)n); /* loading the walk and its prefix states */
        line_load(&c, walk);
        memset(c.mark, 0, (size_t)n);
        int kicks = 1 + cs_rng_below(rng, 3);
        for (int m = 0; m < kicks; m++)
            line_kick(&c, rng, LINE_KICK_REACH);
        line_descend(&c, rng);
        double v = line_cost(&c);
        if (v < best_v - tol_of(&c, best_v)) {
            best_v = v;
            memcpy(bestq, c.seq, (size_t)n * sizeof(int));
            line_publish(sc, par, bestq, best, &tmp);
        }
        drought = v < walk_v - tol_of(&c, walk_v) ? 0 : drought + 1;
        if (v <= walk_v + tol_of(&c, walk_v)) {
            memcpy(walk, c.seq, (size_t)n * sizeof(int));
            walk_v = v;
        }
        if (drought >= LINE_DROUGHT) {
            /* The walk is stuck in a basin: a new one, near the best plan. */
            drought = 0;
            line_load(&c, bestq);
            memset(c.mark, 0, (size_t)n);
            for (int m = 0; m < LINE_RESTART_KICKS; m++)
                line_kick(&c, rng, 0);
            line_descend(&c, rng);
            memcpy(walk, c.seq, (size_t)n * sizeof(int));
            walk_v = line_cost(&c);
            if (walk_v < best_v - tol_of(&c, best_v)) {
                best_v = walk_v;
                memcpy(bestq, c.seq, (size_t)n * sizeof(int));
                line_publish(sc, par, bestq, best, &tmp);
            }
        }
    }
    if (iterations != NULL)
        *iterations = iters;
cleanup:
    cs_sol_destroy(&tmp);
    free(walk);
    free(bestq);
    line_destroy(&c);
    return st;
}
