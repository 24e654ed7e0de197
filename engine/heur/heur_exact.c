/* heur_exact.c -- exact subset dynamic programming for small scenarios (whole orders).
 * Per line, states (set of orders done, product set up) carry Pareto labels (cost, finish):
 * the timing rule is monotone (a later start never ends earlier, tardiness never falls as
 * completion grows), so a label beaten on both is beaten on every completion. Lines are then
 * combined over disjoint order sets with Pareto labels (cost, latest finish). Work and labels
 * are capped, so whether it completes does not depend on the machine. */
#include "heur/heur.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most orders the DP accepts (sets are bit masks; 3^n grows fast beyond). */
#define EX_MAX_ORDERS 16

typedef struct {
    double cost;
    int32_t fin;  /* end of the last production block; -1 for an empty line */
    int32_t prev; /* line labels: predecessor label, -1 at the start; combined: line-(k-1) label */
    int32_t aux;  /* line labels: the local order; front: line label; combined: line-k front label */
    uint32_t set; /* combined labels: the orders given to line k (global mask) */
} ex_label;

typedef struct {
    ex_label *v;
    size_t n;
    size_t cap;
} ex_pool;

/* What a label set keeps: both criteria, or only the best label by one of them (the other
 * cannot matter for the objective). */
typedef enum { EX_PARETO = 0, EX_MIN_FIN, EX_MIN_COST } ex_mode;

typedef struct {
    const cosched_scenario *sc;
    const cs_exact_params *par;
    ex_mode line_mode;   /* labels inside a line: finish matters for tardiness and makespan */
    ex_mode comb_mode;   /* fronts and combined labels: finish matters only for makespan */
    long work;
    long labels;
    bool aborted;
    ex_pool scratch;
} ex_ctx;

typedef struct {
    int nk;              /* eligible orders */
    int ord[EX_MAX_ORDERS];
    int np;              /* distinct products among them */
    int pl[EX_MAX_ORDERS]; /* local product of each local order */
    int prod[EX_MAX_ORDERS]; /* global product of each local product */
    uint32_t gmask;      /* eligible orders as a global mask */
    ex_pool lab;         /* all state labels */
    int32_t *st_off;     /* [S * np + p] */
    int32_t *st_cnt;
    ex_pool front;       /* per local set: Pareto front over the last product */
    int32_t *fr_off;     /* [S] */
    int32_t *fr_cnt;
} ex_line;

static bool ex_budget(ex_ctx *c, long w)
{
    c->work += w;
    if (c->work > c->par->max_work || c->labels > c->par->max_labels)
        c->aborted = true;
    else if ((c->work & 0xffff) < w && cs_now() >= c->par->deadline)
        c->aborted = true;
    return !c->aborted;
}

static bool pool_push(ex_ctx *c, ex_pool *p, const ex_label *l)
{
    ex_label *v = cs_grow(p->v, sizeof *v, p->n + 1, &p->cap, 256);
    if (v == NULL)
        return false;
    p->v = v;
    p->v[p->n++] = *l;
    if (p != &c->scratch)
        c->labels++;
    return true;
}

static int lab_cmp(const void *a, const void *b)
{
    const ex_label *x = a;
    const ex_label *y = b;
    if (x->fin != y->fin)
        return x->fin < y->fin ? -1 : 1;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    if (x->prev != y->prev)
        return x->prev < y->prev ? -1 : 1;
    if (x->aux != y->aux)
        return x->aux < y->aux ? -1 : 1;
    return (x->set > y->set) - (x->set < y->set);
}

static bool better_scalar(ex_mode mode, const ex_label *a, const ex_label *b)
{
    if (mode == EX_MIN_FIN ? a->fin != b->fin : a->cost != b->cost)
        return mode == EX_MIN_FIN ? a->fin < b->fin : a->cost < b->cost;
    return lab_cmp(a, b) < 0;
}

/* A candidate label for the set being built: scalar modes keep only the best one. */
static bool add_cand(ex_ctx *c, ex_mode mode, const ex_label *l)
{
    ex_pool *s = &c->scratch;
    if (mode != EX_PARETO && s->n > 0) {
        if (better_scalar(mode, l, &s->v[0]))
            s->v[0] = *l;
        return true;
    }
    return pool_push(c, s, l);
}

/* Move the candidates' front (minimal cost and finish) to @p dst.
 * @return labels appended, or -1 on ENOMEM. */
static long pareto_flush(ex_ctx *c, ex_pool *dst, ex_mode mode)
{
    ex_pool *s = &c->scratch;
    long kept = 0;
    if (s->n == 0)
        return 0;
    if (mode != EX_PARETO) {
        if (!pool_push(c, dst, &s->v[0]))
            return -1;
        s->n = 0;
        return 1;
    }
    qsort(s->v, s->n, sizeof *s->v, lab_cmp);
    double best_cost = 0.0;
    for (size_t i = 0; i < s->n; i++) {
        /* Sorted by finish, then cost: a label survives when it is strictly cheaper than
         * every label that finishes no later. */
        if (i == 0 || cs_is_improvement(&c->sc->set, s->v[i].cost, best_cost)) {
            best_cost = s->v[i].cost;
            if (!pool_push(c, dst, &s->v[i]))
                return -1;
            kept++;
        }
    }
    s->n = 0;
    return kept;
}

/* Run order @p o (global) after a line at time @p t with product @p cur (-1 clean).
 * The timing step of model/timing.h, with the objective terms it adds. */
static void ex_step(const cosched_scenario *sc, int line, int32_t t, int cur, int o,
                    double *cost, int32_t *end)
{
    const cs_settings *set = &sc->set;
    const cs_line *ln = &sc->lines[line];
    const cs_order *od = &sc->orders[o];
    double add = 0.0;
    int32_t m = cs_co_minutes(sc, line, cur, od->product); /* 0 without a changeover */
    if (cur >= 0 && cur != od->product)
        add += set->weight_changeover_minutes * (double)m +
               set->weight_changeover_cost * cs_co_cost(sc, line, cur, od->product);
    int32_t e = cs_timing_step(ln, t, m, od->release_at, cs_run_minutes(sc, o, line));
    if (e > od->due_at)
        add += set->weight_late_orders +
               set->weight_tardiness * od->weight * (double)((int64_t)e - od->due_at);
    *cost += add;
    *end = e;
}

static void line_free(ex_line *L)
{
    free(L->lab.v);
    free(L->st_off);
    free(L->st_cnt);
    free(L->front.v);
    free(L->fr_off);
    free(L->fr_cnt);
}

/* The per-line DP: every subset of the line's eligible orders, every last product. */
static cosched_status line_dp(ex_ctx *c, int k, ex_line *L)
{
    const cosched_scenario *sc = c->sc;
    const cs_line *ln = &sc->lines[k];
    int nk = L->nk;
    int np = L->np;
    size_t ns = (size_t)1 << nk;
    L->st_off = cs_calloc(ns * (size_t)(np > 0 ? np : 1), sizeof *L->st_off);
    L->st_cnt = cs_calloc(ns * (size_t)(np > 0 ? np : 1), sizeof *L->st_cnt);
    L->fr_off = cs_calloc(ns, sizeof *L->fr_off);
    L->fr_cnt = cs_calloc(ns, sizeof *L->fr_cnt);
    if (L->st_off == NULL || L->st_cnt == NULL || L->fr_off == NULL || L->fr_cnt == NULL)
        return COSCHED_ENOMEM;
    ex_label empty = {.cost = 0.0, .fin = -1, .prev = -1, .aux = -1, .set = 0};
    L->fr_off[0] = 0;
    L->fr_cnt[0] = 1;
    if (!pool_push(c, &L->front, &empty))
        return COSCHED_ENOMEM;
    for (size_t S = 1; S < ns && !c->aborted; S++) {
        for (int p = 0; p < np; p++) {
            for (int i = 0; i < nk; i++) {
                if (!(S >> i & 1) || L->pl[i] != p)
                    continue;
                size_t prev = S & ~((size_t)1 << i);
                int o = L->ord[i];
                if (prev == 0) {
                    ex_label l = {.prev = -1, .aux = i};
                    ex_step(sc, k, ln->available_at, ln->initial_product, o, &l.cost, &l.fin);
                    if (!add_cand(c, c->line_mode, &l))
                        return COSCHED_ENOMEM;
                    continue;
                }
                for (int q = 0; q < np; q++) {
                    size_t at = prev * (size_t)np + (size_t)q;
                    int32_t off = L->st_off[at];
                    int32_t cnt = L->st_cnt[at];
                    if (!ex_budget(c, cnt + 1))
                        return COSCHED_OK;
                    for (int32_t j = 0; j < cnt; j++) {
                        const ex_label *from = &L->lab.v[off + j];
                        ex_label l = {.cost = from->cost, .prev = off + j, .aux = i};
                        ex_step(sc, k, from->fin, L->prod[q], o, &l.cost, &l.fin);
                        if (!add_cand(c, c->line_mode, &l))
                            return COSCHED_ENOMEM;
                    }
                }
            }
            size_t at = S * (size_t)np + (size_t)p;
            L->st_off[at] = (int32_t)L->lab.n;
            long kept = pareto_flush(c, &L->lab, c->line_mode);
            if (kept < 0)
                return COSCHED_ENOMEM;
            L->st_cnt[at] = (int32_t)kept;
        }
        /* The line's front for S, over every last product. */
        for (int p = 0; p < np; p++) {
            size_t at = S * (size_t)np + (size_t)p;
            for (int32_t j = 0; j < L->st_cnt[at]; j++) {
                const ex_label *from = &L->lab.v[L->st_off[at] + j];
                ex_label l = {.cost = from->cost, .fin = from->fin, .prev = -1,
                              .aux = L->st_off[at] + j};
                if (!add_cand(c, c->comb_mode, &l))
                    return COSCHED_ENOMEM;
            }
        }
        L->fr_off[S] = (int32_t)L->front.n;
        long kept = pareto_flush(c, &L->front, c->comb_mode);
        if (kept < 0)
            return COSCHED_ENOMEM;
        L->fr_cnt[S] = (int32_t)kept;
    }
    return COSCHED_OK;
}

/* Local set of line L from a global mask (only eligible bits count). */
static uint32_t to_local(const ex_line *L, uint32_t g)
{
    uint32_t m = 0;
    for (int i = 0; i < L->nk; i++)
        if (g >> L->ord[i] & 1)
            m |= 1u << i;
    return m;
}

static uint32_t to_global(const ex_line *L, uint32_t m)
{
    uint32_t g = 0;
    for (int i = 0; i < L->nk; i++)
        if (m >> i & 1)
            g |= 1u << L->ord[i];
    return g;
}

/* Combined labels of lines 0..k for every global set (only the full set on the last line). */
typedef struct {
    ex_pool lab;
    int32_t *off; /* [S] */
    int32_t *cnt;
} ex_comb;

static double final_value(const cosched_scenario *sc, const ex_label *l)
{
    return l->cost + sc->set.weight_makespan * (double)(l->fin > 0 ? l->fin : 0);
}

static cosched_status combine(ex_ctx *c, ex_line *lines, ex_comb *F, int n)
{
    const cosched_scenario *sc = c->sc;
    int nl = sc->n_lines;
    uint32_t all = n == 32 ? 0xffffffffu : (1u << n) - 1u;
    size_t ns = (size_t)1 << n;
    for (int k = 0; k < nl && !c->aborted; k++) {
        ex_line *L = &lines[k];
        F[k].off = cs_calloc(ns, sizeof *F[k].off);
        F[k].cnt = cs_calloc(ns, sizeof *F[k].cnt);
        if (F[k].off == NULL || F[k].cnt == NULL)
            return COSCHED_ENOMEM;
        uint32_t *glob = cs_calloc((size_t)1 << L->nk, sizeof *glob);
        if (glob == NULL)
            return COSCHED_ENOMEM;
        for (uint32_t t = 0; t < (1u << L->nk); t++)
            glob[t] = to_global(L, t);
        for (size_t S = (k == nl - 1 ? all : 0); S < ns && !c->aborted; S++) {
            uint32_t lm = to_local(L, (uint32_t)S);
            if (k == 0) {
                /* Only sets the first line can make alone. */
                if (glob[lm] == (uint32_t)S) {
                    for (int32_t j = 0; j < L->fr_cnt[lm]; j++) {
                        const ex_label *b = &L->front.v[L->fr_off[lm] + j];
                        ex_label l = {.cost = b->cost, .fin = b->fin, .prev = -1,
                                      .aux = L->fr_off[lm] + j, .set = (uint32_t)S};
                        if (!add_cand(c, c->comb_mode, &l)) {
                            free(glob);
                            return COSCHED_ENOMEM;
                        }
                    }
                }
            } else {
                /* Every subset t of what line k can make goes to line k. */
                uint32_t t = lm;
                for (;;) {
                    uint32_t T = glob[t];
                    uint32_t R = (uint32_t)S & ~T;
                    int32_t ca = F[k - 1].cnt[R];
                    int32_t cb = L->fr_cnt[t];
                    if (ca > 0 && cb > 0) {
                        if (!ex_budget(c, (long)ca * cb + 1))
                            break;
                        for (int32_t a = 0; a < ca; a++) {
                            const ex_label *la = &F[k - 1].lab.v[F[k - 1].off[R] + a];
                            for (int32_t b = 0; b < cb; b++) {
                                const ex_label *lb = &L->front.v[L->fr_off[t] + b];
                                ex_label l = {.cost = la->cost + lb->cost,
                                              .fin = la->fin > lb->fin ? la->fin : lb->fin,
                                              .prev = F[k - 1].off[R] + a,
                                              .aux = L->fr_off[t] + b,
                                              .set = T};
                                if (!add_cand(c, c->comb_mode, &l)) {
                                    free(glob);
                                    return COSCHED_ENOMEM;
                                }
                            }
                        }
                    } else if (!ex_budget(c, 1)) {
                        break;
                    }
                    if (t == 0)
                        break;
                    t = (t - 1) & lm;
                }
            }
            F[k].off[S] = (int32_t)F[k].lab.n;
            long kept = pareto_flush(c, &F[k].lab, c->comb_mode);
            if (kept < 0) {
                free(glob);
                return COSCHED_ENOMEM;
            }
            F[k].cnt[S] = (int32_t)kept;
        }
        free(glob);
    }
    return COSCHED_OK;
}

/* Rebuild the sequences of the best full-set label into @p out. */
static void rebuild(const cosched_scenario *sc, ex_line *lines, ex_comb *F, int32_t best,
                    cs_sol *out)
{
    cs_sol_clear(out);
    int32_t at = best;
    for (int k = sc->n_lines - 1; k >= 0; k--) {
        const ex_label *cl = &F[k].lab.v[at];
        ex_line *L = &lines[k];
        const ex_label *fr = &L->front.v[cl->aux];
        int n = 0;
        int *q = cs_sol_line(out, k);
        if (fr->aux >= 0) {
            int32_t li = fr->aux;
            while (li >= 0) {
                q[n++] = L->ord[L->lab.v[li].aux];
                li = L->lab.v[li].prev;
            }
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                int tmp = q[i];
                q[i] = q[j];
                q[j] = tmp;
            }
        }
        out->len[k] = n;
        at = cl->prev;
    }
    cs_sol_eval(sc, out);
}

cosched_status cs_heur_exact_run(const cosched_scenario *sc, const cs_exact_params *par,
                                 cs_sol *out, bool *solved)
{
    *solved = false;
    int n = sc->n_orders;
    int nl = sc->n_lines;
    if (n <= 0 || n > EX_MAX_ORDERS || nl <= 0)
        return COSCHED_OK;
    const cs_settings *set = &sc->set;
    bool any_weight = false;
    for (int o = 0; o < n; o++)
        any_weight |= sc->orders[o].weight > 0.0;
    ex_ctx c = {.sc = sc, .par = par};
    /* Lateness costs when some order has a tardiness weight, or late orders have a price. */
    bool late_costs = (set->weight_tardiness > 0.0 && any_weight) ||
                      set->weight_late_orders > 0.0;
    bool fin_line = late_costs || set->weight_makespan > 0.0;
    bool fin_comb = set->weight_makespan > 0.0;
    bool has_cost = late_costs ||
                    set->weight_changeover_minutes > 0.0 || set->weight_changeover_cost > 0.0;
    c.line_mode = !has_cost ? EX_MIN_FIN : fin_line ? EX_PARETO : EX_MIN_COST;
    c.comb_mode = !has_cost ? EX_MIN_FIN : fin_comb ? EX_PARETO : EX_MIN_COST;

    ex_line *lines = cs_calloc((size_t)nl, sizeof *lines);
    ex_comb *F = cs_calloc((size_t)nl, sizeof *F);
    cosched_status st = COSCHED_ENOMEM;
    if (lines == NULL || F == NULL)
        goto done;
    for (int k = 0; k < nl; k++) {
        ex_line *L = &lines[k];
        for (int o = 0; o < n; o++) {
            if (cs_run_minutes(sc, o, k) < 0)
                continue;
            int p = -1;
            for (int i = 0; i < L->np && p < 0; i++)
                if (L->prod[i] == sc->orders[o].product)
                    p = i;
            if (p < 0) {
                p = L->np++;
                L->prod[p] = sc->orders[o].product;
            }
            L->pl[L->nk] = p;
            L->ord[L->nk++] = o;
            L->gmask |= 1u << o;
        }
    }
    st = COSCHED_OK;
    for (int k = 0; k < nl && !c.aborted; k++) {
        st = line_dp(&c, k, &lines[k]);
        if (st != COSCHED_OK)
            goto done;
    }
    if (!c.aborted) {
        st = combine(&c, lines, F, n);
        if (st != COSCHED_OK)
            goto done;
    }
    if (!c.aborted) {
        uint32_t all = (1u << n) - 1u;
        const ex_comb *last = &F[nl - 1];
        int32_t best = -1;
        double best_v = HUGE_VAL;
        for (int32_t j = 0; j < last->cnt[all]; j++) {
            double v = final_value(sc, &last->lab.v[last->off[all] + j]);
            if (v < best_v) {
                best_v = v;
                best = last->off[all] + j;
            }
        }
        if (best >= 0) {
            rebuild(sc, lines, F, best, out);
            /* The DP mirrors the timing rule; a disagreement would be a bug, never a claim. */
            *solved = cs_sol_is_complete(sc, out) &&
                      fabs(out->objective - best_v) <= 1e-6 * fmax(1.0, fabs(best_v));
        }
    }
done:
    if (lines != NULL)
        for (int k = 0; k < nl; k++)
            line_free(&lines[k]);
    if (F != NULL)
        for (int k = 0; k < nl; k++) {
            free(F[k].lab.v);
            free(F[k].off);
            free(F[k].cnt);
        }
    free(c.scratch.v);
    free(F);
    free(lines);
    if (par->work_done != NULL)
        *par->work_done = c.work;
    return st;
}
