/* heur_window.c -- the best order of a window of consecutive orders on one line, with the
 * rest of the line as it is: dynamic programming over the subsets of the window's orders.
 * A state is (the orders done, the last of them); it keeps every label (time, cost so far)
 * that no other label of the state beats on both (a Pareto list): the rest of the line
 * costs no less when it starts later after the same order, so an earlier and cheaper label
 * makes a state's other labels useless, but an earlier and dearer one does not. Each label
 * of the full window is then finished with the cost of the rest of the line (the caller's
 * finish hook), and the cheapest sequence is the window's optimum for the given prefix and
 * suffix. States are done in increasing order of their subset, so every state's
 * predecessors are final when its labels are pulled from them.
 *
 * Labels whose cost so far plus a lower bound of what is still to come reaches the limit
 * are dropped: each remaining order ends no earlier than the label's time plus its run and
 * its least changeover in, and the rest of the line starts no earlier than the label's time
 * plus all of those (the caller's rest_lb hook prices that). The caps on labels (per state
 * and in all) keep a window's memory and time bounded whatever the data: a capped state
 * keeps a spread of its front, so the result is then the best found, not a proven optimum;
 * over the cap in all the window gives up. */
#include "heur/heur.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    double f;       /* cost so far */
    int32_t t;      /* time after the last order */
    int32_t parent; /* label of the state before, -1: the window's start */
    int last;       /* window index of the state's last order */
} win_label;

struct cs_window_dp {
    int kmax;
    int per_state;    /* labels kept per state */
    long max_labels;  /* labels kept in all */
    int32_t *first;   /* [mask * kmax + last]: first label of the state in pool */
    int32_t *count;   /* same layout: its labels */
    int64_t *dur_sum; /* [mask]: sum of min_dur over the mask */
    uint16_t *alive;  /* [mask]: the lasts whose states of the mask kept labels */
    win_label *pool;
    win_label *cand;  /* [kmax * per_state]: a state's labels before the Pareto filter */
};

cs_window_dp *cs_window_dp_create(int kmax, int per_state, long max_labels)
{
    if (kmax < 2 || kmax > CS_WINDOW_MAX || per_state < 1 || max_labels < 1)
        return NULL;
    cs_window_dp *w = cs_calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    size_t states = ((size_t)1 << kmax) * (size_t)kmax;
    w->kmax = kmax;
    w->per_state = per_state;
    w->max_labels = max_labels;
    w->first = cs_calloc(states, sizeof *w->first);
    w->count = cs_calloc(states, sizeof *w->count);
    w->dur_sum = cs_calloc((size_t)1 << kmax, sizeof *w->dur_sum);
    w->alive = cs_calloc((size_t)1 << kmax, sizeof *w->alive);
    w->pool = cs_calloc((size_t)max_labels, sizeof *w->pool);
    w->cand = cs_calloc((size_t)kmax * (size_t)per_state, sizeof *w->cand);
    if (w->first == NULL || w->count == NULL || w->dur_sum == NULL || w->alive == NULL ||
        w->pool == NULL ||
        w->cand == NULL) {
        cs_window_dp_free(w);
        return NULL;
    }
    return w;
}

void cs_window_dp_free(cs_window_dp *w)
{
    if (w == NULL)
        return;
    free(w->first);
    free(w->count);
    free(w->dur_sum);
    free(w->alive);
    free(w->pool);
    free(w->cand);
    free(w);
}

static int label_cmp(const void *pa, const void *pb)
{
    const win_label *a = pa;
    const win_label *b = pb;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    if (a->f != b->f)
        return a->f < b->f ? -1 : 1;
    return 0;
}

/* Least cost still to come after label (t, f) of a state with the orders of @p mask done:
 * each remaining order's lateness when it ends as early as it can, and the rest of the
 * line started after all of them. */
static double label_bound(const cs_window_dp *w, const cs_window_problem *p, int mask,
                          int32_t t, double f)
{
    double lb = f;
    int full = (1 << p->k) - 1;
    if (p->min_dur != NULL && p->due != NULL) {
        for (int i = 0; i < p->k; i++) {
            if (mask & (1 << i))
                continue;
            int64_t end = (int64_t)t + p->min_dur[i];
            if (end > p->due[i])
                lb += p->w_late[i] * (double)(end - p->due[i]);
        }
    }
    if (p->rest_lb != NULL) {
        int64_t rest_at = (int64_t)t + (w->dur_sum[full] - w->dur_sum[mask]);
        lb += p->rest_lb(p->ud, rest_at > INT32_MAX ? INT32_MAX : (int32_t)rest_at);
    }
    return lb;
}

/* Sort the @p n candidates of a state, keep its Pareto front (time up, cost strictly down),
 * drop what the bound rules out and, over the cap, keep a spread of the front from its
 * earliest to its cheapest label. Returns the labels kept, at the front of cand. */
static int state_filter(cs_window_dp *w, const cs_window_problem *p, int mask, int n)
{
    win_label *c = w->cand;
    if (n > 16) {
        qsort(c, (size_t)n, sizeof *c, label_cmp);
    } else {
        for (int i = 1; i < n; i++) {
            win_label x = c[i];
            int j = i;
            for (; j > 0 && label_cmp(&c[j - 1], &x) > 0; j--)
                c[j] = c[j - 1];
            c[j] = x;
        }
    }
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (kept > 0 && c[i].f >= c[kept - 1].f)
            continue; /* as late or later and no cheaper */
        if (label_bound(w, p, mask, c[i].t, c[i].f) >= p->limit)
            continue;
        c[kept++] = c[i];
    }
    int cap = w->per_state;
    if (kept > cap) {
        for (int r = 0; r < cap; r++) /* indices 0 .. kept - 1 spread, increasing */
            c[r] = c[cap > 1 ? (int)((long)r * (kept - 1) / (cap - 1)) : kept - 1];
        kept = cap;
    }
    return kept;
}

bool cs_window_dp_solve(cs_window_dp *w, const cs_window_problem *p, int *perm, double *value,
                     double *work)
{
    int k = p->k;
    if (k < 2 || k > w->kmax)
        return false;
    int full = (1 << k) - 1;
    w->dur_sum[0] = 0;
    for (int mask = 1; mask <= full; mask++) {
        int low = __builtin_ctz((unsigned)mask);
        w->dur_sum[mask] = w->dur_sum[mask & (mask - 1)] + (p->min_dur ? p->min_dur[low] : 0);
    }
    long used = 0;
    double steps = 0.0;
    w->alive[0] = 1; /* the start */
    for (int mask = 1; mask <= full; mask++) {
        w->alive[mask] = 0;
        for (int last = 0; last < k; last++) {
            int before = mask ^ (1 << last);
            if (!(mask & (1 << last)) || w->alive[before] == 0)
                continue;
            size_t s = (size_t)mask * (size_t)w->kmax + (size_t)last;
            int o = p->orders[last];
            int n = 0;
            if (before == 0) {
                int32_t t = p->t0;
                double f = p->f0;
                p->step(p->ud, p->prev0, o, &t, &f);
                steps += 1.0;
                if (f < p->limit)
                    w->cand[n++] = (win_label){ f, t, -1, last };
            } else {
                for (int j = 0; j < k; j++) {
                    if (!(w->alive[before] & (1 << j)))
                        continue;
                    size_t ps = (size_t)before * (size_t)w->kmax + (size_t)j;
                    int32_t at = w->first[ps];
                    for (int32_t l = at; l < at + w->count[ps]; l++) {
                        int32_t t = w->pool[l].t;
                        double f = w->pool[l].f;
                        p->step(p->ud, p->orders[j], o, &t, &f);
                        steps += 1.0;
                        if (f < p->limit)
                            w->cand[n++] = (win_label){ f, t, l, last };
                    }
                }
            }
            int kept = state_filter(w, p, mask, n);
            steps += 1.0 + (double)n;
            if (used + kept > w->max_labels) {
                *work += steps;
                return false; /* the window is too rich for the caps */
            }
            memcpy(w->pool + used, w->cand, (size_t)kept * sizeof *w->pool);
            w->first[s] = (int32_t)used;
            w->count[s] = kept;
            used += kept;
            if (kept > 0)
                w->alive[mask] |= (uint16_t)(1 << last);
        }
    }
    /* Finish every label of the full window with the rest of the line. */
    double best = p->limit;
    int32_t best_l = -1;
    for (int last = 0; last < k; last++) {
        size_t s = (size_t)full * (size_t)w->kmax + (size_t)last;
        if (!(w->alive[full] & (1 << last)))
            continue;
        for (int32_t l = w->first[s]; l < w->first[s] + w->count[s]; l++) {
            double v;
            steps += p->finish_steps;
            if (p->finish(p->ud, p->orders[last], w->pool[l].t, w->pool[l].f, best, &v) &&
                v < best) {
                best = v;
                best_l = l;
            }
        }
    }
    *work += steps;
    if (best_l < 0)
        return false;
    for (int i = k - 1, l = best_l; i >= 0; i--, l = w->pool[l].parent)
        perm[i] = p->orders[w->pool[l].last];
    *value = best;
    return true;
}
