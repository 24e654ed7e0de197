/* bound_tardiness.c -- bounds of weighted tardiness and makespan from each order alone:
 * no plan can finish an order before it would end alone on the line where it ends first
 * (its release, the line's availability and downtime included). Valid for whole orders
 * only: parts of a split order on several lines can end sooner.
 * Orders also compete for lines: the time-bucketed LP gives each line its working minutes
 * per bucket, lets every order take minutes in any bucket after its release on a line that
 * can make it (preempted, fractional), and charges each part the tardiness of an order
 * that ends no earlier than the part's bucket starts, and no earlier than it would end alone
 * on that line. Every plan is such an assignment, and its tardiness is at least that
 * charge, so the LP's value is a bound, for split orders too. Lines that share no order
 * get LPs of their own (smaller, so finer buckets in the same time), and once the buckets
 * are fine the LP also counts the changeovers that due dates force (bound_setup.c). */
#include "solve/bound.h"

#include "base/base.h"
#include "model/timing.h"
#include "solve/backend.h"
#include "solve/bound_lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double cs_bound_order_alone_end(const cosched_scenario *sc, int j)
{
    const cs_order *o = &sc->orders[j];
    double best = -1.0;
    for (int k = 0; k < sc->n_lines; k++) {
        int32_t p = cs_run_minutes(sc, j, k);
        if (p < 0)
            continue;
        const cs_line *ln = &sc->lines[k];
        double end = cs_timing_step(ln, ln->available_at, 0, o->release_at, p);
        if (best < 0.0 || end < best)
            best = end;
    }
    return best;
}

void cs_bound_order_alone(const cosched_scenario *sc, double *tardiness, double *makespan,
                          double *late_orders)
{
    double tard = 0.0;
    double cmax = 0.0;
    double late = 0.0; /* orders that end late even alone on their fastest line */
    for (int j = 0; j < sc->n_orders; j++) {
        const cs_order *o = &sc->orders[j];
        double best = cs_bound_order_alone_end(sc, j);
        if (best < 0.0)
            continue;
        if (best > o->due_at) {
            tard += o->weight * (best - o->due_at);
            late += 1.0;
        }
        if (best > cmax)
            cmax = best;
    }
    *tardiness = tard;
    *makespan = cmax;
    *late_orders = late;
}

/* ---- the time-bucketed LP ---- */

/* Buckets of a group's LP: TB_FIRST_BUCKETS, doubled level by level up to TB_SETUP_AFTER
 * (finer buckets raise the bound: their starts are where parts are charged), then with
 * the changeovers' rows (bound_setup.c) from TB_SETUP_FIRST buckets, doubled again, while
 * the columns (orders x eligible lines x buckets) stay within TB_MAX_COLUMNS. Measured on
 * generated plants: per second, finer buckets raise the bound as much as the changeovers'
 * rows do up to about 192 buckets, which take some seconds; beyond, the rows raise it
 * more (on the 150-order plant, 96 buckets with them 11,761, 384 without 10,411).
 * Repeatable runs solve the first TB_REPEATABLE_LEVELS levels whatever the time; others
 * go on while the time left is TB_GROWTH times what the group's last LP of the kind took
 * (a doubling took two to three times as long: a finer LP is tried when it may finish, as
 * the time it was given is the tardiness bound's), or TB_SETUP_COST times the last plain
 * LP's before the first with changeovers. */
#define TB_FIRST_BUCKETS 12
#define TB_SETUP_AFTER 192
#define TB_SETUP_FIRST 48
#define TB_LEVELS 8
#define TB_REPEATABLE_LEVELS 3
#define TB_MAX_COLUMNS 160000L
#define TB_GROWTH 2.0
#define TB_SETUP_COST 3.0
/* Growth of the buckets after the even ones, each this many times as wide as the last. */
#ifndef TB_TAIL_GROWTH
#define TB_TAIL_GROWTH 1.25
#endif

/* Orders whose parts may end on several lines or in several batches: only their bucket
 * times bound them, not their completion alone on a line. */
static bool order_in_parts(const cosched_scenario *sc, int j)
{
    const cs_order *o = &sc->orders[j];
    if (o->split)
        return true;
    for (int k = 0; k < sc->n_lines; k++) {
        double mb = sc->max_batch[(size_t)o->product * sc->n_lines + k];
        if (mb > 0.0 && o->quantity > mb)
            return true;
    }
    return false;
}

/* A split order that could run on a line where the whole order has no run minutes cannot
 * be measured in this LP's units. */
static bool order_unmeasured(const cosched_scenario *sc, int j)
{
    const cs_order *o = &sc->orders[j];
    if (!o->split || o->has_pinned_line)
        return false;
    for (int k = 0; k < sc->n_lines; k++)
        if (cs_run_minutes(sc, j, k) < 0 &&
            sc->units_per_hour[(size_t)o->product * sc->n_lines + k] > 0.0)
            return true;
    return false;
}

static int find_root(int *parent, int a)
{
    while (parent[a] != a)
        a = parent[a] = parent[parent[a]];
    return a;
}

/* The LP of one group of lines (@p lines, @p L of them) and the orders that only they can
 * make (@p orders, @p n), with @p T buckets; with the changeovers it forces when
 * @p setups (bound_setup.c). */
static cosched_status group_lp(const cosched_scenario *sc, const int *orders, int n,
                               const int *lines, int L, int T_even, bool setups, double deadline,
                               bool *solved, double *bound)
{
    *bound = 0.0;
    *solved = false;
    double start = 0.0;
    double work = 0.0;
    double late = 0.0; /* the last release */
    for (int i = 0; i < n; i++) {
        int j = orders[i];
        double pmin = -1.0;
        for (int kk = 0; kk < L; kk++) {
            int32_t p = cs_run_minutes(sc, j, lines[kk]);
            if (p >= 0 && (pmin < 0.0 || p < pmin))
                pmin = p;
        }
        work += pmin > 0.0 ? pmin : 0.0;
        late = fmax(late, (double)sc->orders[j].release_at);
    }
    for (int kk = 0; kk < L; kk++)
        start = fmax(start, (double)sc->lines[lines[kk]].available_at);
    /* Buckets where the tardiness is decided: the last bucket has no end, so any horizon is
     * valid; half the least work per line after the last release measured best on
     * generated plants (finer buckets early count more than room for the last orders). */
    double horizon = fmax(start, late) + 0.5 * work / L + 1.0;
    double width = ceil(horizon / T_even);
    /* After the even buckets, wider and wider ones up to twice the least work per line:
     * the orders that end there are charged from their bucket's start, not from the start
     * of one open bucket (on a single overloaded line the last orders are the latest;
     * measured on Cicirello's instances). */
    double reach = fmax(start, late) + 2.0 * work / L + 1.0;
    int T = T_even;
    double tail_end = T_even * width;
    double w = TB_TAIL_GROWTH * width;
    while (tail_end < reach) {
        T++;
        tail_end += w;
        w *= TB_TAIL_GROWTH;
    }
    double *bstart = cs_calloc((size_t)T + 1, sizeof *bstart);
    if (bstart == NULL)
        return COSCHED_ENOMEM;
    for (int t = 0; t <= T; t++)
        bstart[t] = t <= T_even ? t * width
                                : bstart[t - 1] + TB_TAIL_GROWTH * (bstart[t - 1] - bstart[t - 2]);
    size_t cells = (size_t)n * (size_t)L * (size_t)T;
    int *xcol = cs_calloc(cells, sizeof *xcol);
    double *xper = cs_calloc((size_t)n * (size_t)L, sizeof *xper);
    bool *xtime = cs_calloc((size_t)n * (size_t)L, sizeof *xtime);
    int *cap_row = cs_calloc((size_t)L * (size_t)T, sizeof *cap_row);
    cs_lp_build m;
    cs_lp_build_init(&m);
    cosched_status st = COSCHED_ENOMEM;
    if (!xcol || !xper || !xtime || !cap_row)
        goto done;
    /* Rows i: the whole order is made; n + i: T_j >= each part's lateness, averaged over
     * the parts; 2n + i (whole orders): T_j >= C_j - d_j with C_j at least the parts' mean
     * time plus half the order's minutes (a non-preemptive order's mean busy time is its
     * completion less half its processing). Column i: T_j (objective weight x T_j). */
    for (int i = 0; i < n; i++)
        cs_lp_build_row(&m, 'G', 1.0);
    for (int i = 0; i < n; i++)
        cs_lp_build_row(&m, 'G', 0.0);
    for (int i = 0; i < n; i++)
        cs_lp_build_row(&m, 'G', -(double)sc->orders[orders[i]].due_at);
    for (int i = 0; i < n; i++) {
        int c = cs_lp_build_col(&m, sc->orders[orders[i]].weight, 0.0, HUGE_VAL);
        cs_lp_build_entry(&m, n + i, c, 1.0);
        cs_lp_build_entry(&m, 2 * n + i, c, 1.0);
    }
    for (int kk = 0; kk < L; kk++)
        for (int t = 0; t < T; t++) {
            const cs_line *ln = &sc->lines[lines[kk]];
            double b0 = bstart[t];
            double cap = 1e9; /* the open last bucket */
            if (t + 1 < T) {
                double from = fmax(b0, (double)ln->available_at);
                double to = bstart[t + 1];
                cap = from < to ? cs_calendar_working_between(ln, (int32_t)from, (int32_t)to)
                                : 0.0;
            }
            cap_row[kk * T + t] = cs_lp_build_row(&m, 'L', cap);
        }
    /* Columns: minutes of order j on line k in bucket t. */
    for (int i = 0; i < n; i++) {
        int j = orders[i];
        const cs_order *o = &sc->orders[j];
        bool parts = order_in_parts(sc, j);
        for (int kk = 0; kk < L; kk++) {
            int32_t p = cs_run_minutes(sc, j, lines[kk]);
            int *cols = xcol + ((size_t)i * L + kk) * T;
            for (int t = 0; t < T; t++)
                cols[t] = -1;
            if (p < 0)
                continue;
            const cs_line *ln = &sc->lines[lines[kk]];
            double ready = fmax((double)o->release_at, (double)ln->available_at);
            double alone = -1.0;
            if (!parts)
                alone = cs_timing_step(ln, ln->available_at, 0, o->release_at, p);
            /* A part of a split order takes at least its share of the rounded minutes, less
             * the rounding. */
            double minutes = parts ? fmax((double)p - 1.0, 0.0) : (double)p;
            /* Zero minutes: the column is the order's fraction placed here. */
            double per = minutes > 0.0 ? 1.0 / minutes : 1.0;
            xper[(size_t)i * L + kk] = per;
            xtime[(size_t)i * L + kk] = minutes > 0.0;
            for (int t = 0; t < T; t++) {
                double b0 = bstart[t];
                if (t + 1 < T && bstart[t + 1] <= ready)
                    continue;
                double at = fmax(fmax(b0, ready), alone);
                double lateness = fmax(0.0, at - o->due_at);
                int c = cs_lp_build_col(&m, 0.0, 0.0, minutes > 0.0 ? minutes : 1.0);
                cols[t] = c;
                cs_lp_build_entry(&m, i, c, per);
                if (lateness > 0.0)
                    cs_lp_build_entry(&m, n + i, c, -lateness * per);
                if (!parts)
                    cs_lp_build_entry(&m, 2 * n + i, c, -(fmax(b0, ready) + 0.5 * minutes) * per);
                if (minutes > 0.0)
                    cs_lp_build_entry(&m, cap_row[kk * T + t], c, 1.0);
            }
        }
    }
    if (setups) {
        cs_setup_lp sl = { orders, n, lines, L, T, width, xcol, xper, xtime, cap_row };
        if (cs_bound_setup_rows(&m, sc, &sl) != COSCHED_OK)
            goto done;
    }
    if (m.failed)
        goto done;
    cs_lp_model mdl = cs_lp_build_model(&m);
    bool has = false;
    double b = 0.0;
    st = cs_backend_lp_bound(&mdl, deadline - cs_now(), &has, &b, NULL, NULL);
    if (st == COSCHED_OK && has)
        *bound = fmax(0.0, b - 1e-6 * fmax(1.0, b));
    *solved = st == COSCHED_OK && has;
done:
    cs_lp_build_free(&m);
    free(bstart);
    free(xcol);
    free(xper);
    free(xtime);
    free(cap_row);
    return st;
}

/* A group of lines and the orders only they can make, with what is known of its bound. */
typedef struct {
    int *orders;
    int n;
    int *lines;
    int L;
    long pairs;   /* (order, line) pairs that can run */
    bool whole;   /* every order is bounded by its completion alone */
    double best;  /* the best bound so far: the LPs' and the orders' alone */
    int plain_T;  /* buckets of the last LP without the changeovers' rows (0: none) */
    double plain_took; /* and its seconds */
    int setup_T;  /* buckets of the last LP with them (0: none) */
    double setup_took;
    bool done;    /* no finer LP: too large, or one was stopped */
} tb_group;

/* The changeovers' rows need every order open: an order in progress starts its line with
 * no changeover, whatever the line was set up for. */
static bool setups_ok(const cosched_scenario *sc, const tb_group *G)
{
    for (int i = 0; i < G->n; i++)
        if (sc->orders[G->orders[i]].status != CS_ORDER_OPEN)
            return false;
    return true;
}

/* Group the lines that share orders (union-find), each order with the lines it can run
 * on. @p gr receives the groups (their arrays point into @p order_buf and @p line_buf);
 * returns how many. */
static int make_groups(const cosched_scenario *sc, int *parent, int *order_buf, int *line_buf,
                       tb_group *gr)
{
    int n = sc->n_orders;
    int L = sc->n_lines;
    for (int k = 0; k < L; k++)
        parent[k] = k;
    for (int j = 0; j < n; j++) {
        int first = -1;
        for (int k = 0; k < L; k++) {
            if (cs_run_minutes(sc, j, k) < 0)
                continue;
            if (first < 0)
                first = k;
            else
                parent[find_root(parent, k)] = find_root(parent, first);
        }
    }
    int ng = 0;
    int no = 0;
    int nl = 0;
    for (int g = 0; g < L; g++) {
        if (find_root(parent, g) != g)
            continue;
        tb_group *G = &gr[ng];
        memset(G, 0, sizeof *G);
        G->whole = true;
        G->lines = line_buf + nl;
        for (int k = 0; k < L; k++)
            if (find_root(parent, k) == g)
                line_buf[nl + G->L++] = k;
        G->orders = order_buf + no;
        for (int j = 0; j < n; j++) {
            long pairs = 0;
            for (int kk = 0; kk < G->L; kk++)
                pairs += cs_run_minutes(sc, j, G->lines[kk]) >= 0;
            if (pairs == 0)
                continue;
            order_buf[no + G->n++] = j;
            G->pairs += pairs;
            G->whole = G->whole && !order_in_parts(sc, j);
            double end = cs_bound_order_alone_end(sc, j);
            if (end > sc->orders[j].due_at)
                G->best += sc->orders[j].weight * (end - sc->orders[j].due_at);
        }
        if (!G->whole)
            G->best = 0.0; /* parts can end sooner than the whole order alone */
        if (G->n == 0)
            continue;
        no += G->n;
        nl += G->L;
        ng++;
    }
    return ng;
}

/* Orders of lines that share no order never compete: the LP falls apart into one per group
 * of lines, each small enough for finer buckets. Every group's coarsest LP first (the time
 * shared by their sizes), then finer ones, the groups with the largest bounds first: where
 * the tardiness is, finer buckets find more of it. */
cosched_status cs_bound_tardiness_lp(const cosched_scenario *sc, double time_limit_s,
                                     bool repeatable, double *bound, bool *cut_short)
{
    *bound = 0.0;
    *cut_short = false;
    int n = sc->n_orders;
    int L = sc->n_lines;
    if (n == 0 || L == 0)
        return COSCHED_OK;
    for (int j = 0; j < n; j++)
        if (order_unmeasured(sc, j))
            return COSCHED_OK; /* no bound rather than a wrong one */
    double deadline = cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0);
    int *parent = cs_calloc((size_t)L, sizeof *parent);
    int *order_buf = cs_calloc((size_t)n, sizeof *order_buf);
    int *line_buf = cs_calloc((size_t)L, sizeof *line_buf);
    tb_group *gr = cs_calloc((size_t)L, sizeof *gr);
    int *by_bound = cs_calloc((size_t)L, sizeof *by_bound);
    cosched_status st = COSCHED_ENOMEM;
    if (!parent || !order_buf || !line_buf || !gr || !by_bound)
        goto done;
    int ng = make_groups(sc, parent, order_buf, line_buf, gr);
    long pairs_left = 0;
    for (int g = 0; g < ng; g++)
        pairs_left += gr[g].pairs;
    st = COSCHED_OK;
    int levels = repeatable ? TB_REPEATABLE_LEVELS : TB_LEVELS;
    for (int level = 0; level < levels && st == COSCHED_OK; level++) {
        /* The order of this level: by bound, largest first (insertion sort: few groups). */
        for (int g = 0; g < ng; g++) {
            int i = g;
            for (; i > 0 && gr[by_bound[i - 1]].best < gr[g].best; i--)
                by_bound[i] = by_bound[i - 1];
            by_bound[i] = g;
        }
        for (int i = 0; i < ng && st == COSCHED_OK; i++) {
            tb_group *G = &gr[level == 0 ? i : by_bound[i]];
            /* A group whose LPs find no tardiness waits while another's do: finer LPs
             * pay where there is tardiness. */
            if (G->done || (level > 0 && !(G->best > 0.0) && gr[by_bound[0]].best > 0.0))
                continue;
            double until = deadline;
            double left = deadline - cs_now();
            int T = TB_FIRST_BUCKETS;
            bool setups = false;
            if (level == 0) {
                until = cs_now() + left * (double)G->pairs / (double)pairs_left;
                pairs_left -= G->pairs;
            } else {
                /* Finer buckets up to TB_SETUP_AFTER, then the changeovers' rows where
                 * they may be added (else finer buckets again); each only when its LP is
                 * likely to finish in the time left. */
                int Ts = G->setup_T > 0 ? 2 * G->setup_T : TB_SETUP_FIRST;
                double need_s = G->setup_took > 0.0 ? TB_GROWTH * G->setup_took
                                                    : TB_SETUP_COST * G->plain_took;
                int Tp = 2 * G->plain_T;
                bool fit_s = G->plain_T >= TB_SETUP_AFTER && setups_ok(sc, G) &&
                             G->pairs * Ts <= TB_MAX_COLUMNS;
                bool fit_p = G->pairs * Tp <= TB_MAX_COLUMNS;
                if (fit_s && (repeatable || left >= need_s)) {
                    T = Ts;
                    setups = true;
                } else if (fit_p && (G->plain_T < TB_SETUP_AFTER || !fit_s) &&
                           (repeatable || left >= TB_GROWTH * G->plain_took)) {
                    T = Tp;
                } else {
                    *cut_short = !repeatable && (fit_s || fit_p);
                    continue; /* a finer LP would raise the bound with more time */
                }
            }
            if (G->pairs * T > TB_MAX_COLUMNS) {
                G->done = true;
                continue;
            }
            double t0 = cs_now();
            bool solved = false;
            double b = 0.0;
            st = group_lp(sc, G->orders, G->n, G->lines, G->L, T, setups, until, &solved, &b);
            if (setups) {
                G->setup_took = cs_now() - t0;
                G->setup_T = T;
            } else {
                G->plain_took = cs_now() - t0;
                G->plain_T = T;
            }
            G->best = fmax(G->best, b);
            if (st == COSCHED_OK && !solved) {
                *cut_short = !repeatable;
                G->done = true;
            }
        }
    }
    if (st == COSCHED_OK)
        for (int g = 0; g < ng; g++)
            *bound += gr[g].best;
done:
    free(parent);
    free(order_buf);
    free(line_buf);
    free(gr);
    free(by_bound);
    return st;
}
