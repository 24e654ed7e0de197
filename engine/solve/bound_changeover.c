/* bound_changeover.c -- a lower bound of the changeover terms from the products alone.
 * Orders of one product can run back to back, so what a plan must pay is what it takes to
 * bring every product that has orders onto some line that can make it. Each line's work is
 * a walk over products from its initial product; with changeovers closed under shortest
 * paths (through products the line can make), the walk costs at least the path through the
 * first visit of each of its products. The relaxation: per line, arcs between its products
 * and from its start, every product entered on at least one line, at most once per line,
 * left at most as often as entered, the start left at most once (subtours are cut while
 * time lasts). Its integer optimum, LP value or best node bound are all valid; when the
 * model is too large, each product's cheapest way in is. Cleanings only add.
 * With deadlines (cs_bound_changeover_deadlines, for bound_tradeoff.c) every order is also
 * assigned to one line that enters its product and can end it by its deadline, and the work
 * released from R and due by D on a line fits its working minutes between R and D; a missed
 * order or an overrun minute costs a large penalty instead of making the model infeasible,
 * so the model bounds the changeovers of every plan that keeps the deadlines. */
#include "solve/bound.h"

#include "base/base.h"
#include "model/timing.h"
#include "solve/backend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest models: arcs for the LP, and for branch-and-cut (GLPK proves tens of products on
 * a few lines in milliseconds; beyond this the LP value is what there is time for). The
 * closure costs m^3 per line. */
#define CO_MAX_LP_ARCS 150000L
#define CO_MAX_MIP_ARCS 6000L
#define CO_MAX_CLOSURE_NODES 150
#define CO_MAX_SUBTOUR_ROUNDS 30
#define CO_MAX_DEADLINE_MIP_COLS 1500L

/* Can order @p o be made (in part) on line @p k? A split order may use a line where its
 * whole quantity would be too long, unless it is pinned. */
static bool order_can(const cosched_scenario *sc, int o, int k)
{
    if (cs_run_minutes(sc, o, k) >= 0)
        return true;
    const cs_order *od = &sc->orders[o];
    return od->split && !od->has_pinned_line && od->status != CS_ORDER_IN_PROGRESS &&
           sc->units_per_hour[(size_t)od->product * sc->n_lines + k] > 0.0;
}

/* Per line: its products (prod[0 .. m-1]) and the closed costs dist[a * m + b]
 * from node a (0 = start, 1 + i = prod[i]) to product b. */
typedef struct {
    int m;
    int *prod;
    double *dist;
} line_graph;

static double *dist_at(const line_graph *g, int a, int b)
{
    return &g->dist[(size_t)a * (size_t)g->m + (size_t)b];
}

static bool build_graph(const cosched_scenario *sc, int k, const unsigned char *can, double wm,
                        double wc, line_graph *g)
{
    int P = sc->n_products;
    int L = sc->n_lines;
    g->m = 0;
    for (int p = 0; p < P; p++)
        g->m += can[(size_t)p * L + k];
    g->prod = cs_calloc((size_t)(g->m > 0 ? g->m : 1), sizeof *g->prod);
    g->dist = cs_calloc((size_t)(g->m + 1) * (size_t)(g->m > 0 ? g->m : 1), sizeof *g->dist);
    if (g->prod == NULL || g->dist == NULL)
        return false;
    int m = 0;
    for (int p = 0; p < P; p++)
        if (can[(size_t)p * L + k])
            g->prod[m++] = p;
    int init = sc->lines[k].initial_product;
    for (int b = 0; b < m; b++) {
        *dist_at(g, 0, b) = cs_co_weighted(sc, k, init, g->prod[b], wm, wc);
        for (int a = 0; a < m; a++)
            *dist_at(g, a + 1, b) = cs_co_weighted(sc, k, g->prod[a], g->prod[b], wm, wc);
    }
    /* Floyd-Warshall through the line's products (the start is never passed through). */
    for (int i = 0; i < m; i++)
        for (int a = 0; a <= m; a++) {
            double da = *dist_at(g, a, i);
            for (int b = 0; b < m; b++) {
                double v = da + *dist_at(g, i + 1, b);
                if (v < *dist_at(g, a, b))
                    *dist_at(g, a, b) = v;
            }
        }
    return true;
}

/* Each product's cheapest way in over the lines that can make it: valid with or without
 * the closure (the first visit of a product is entered by some arc of the walk). */
static double cheapest_in(const cosched_scenario *sc, const unsigned char *need,
                          const line_graph *g)
{
    double total = 0.0;
    for (int p = 0; p < sc->n_products; p++) {
        if (!need[p])
            continue;
        double best = -1.0;
        for (int k = 0; k < sc->n_lines; k++) {
            int b = -1;
            for (int i = 0; i < g[k].m; i++)
                if (g[k].prod[i] == p)
                    b = i;
            if (b < 0)
                continue;
            for (int a = 0; a <= g[k].m; a++) {
                if (a == b + 1)
                    continue;
                double v = *dist_at(&g[k], a, b);
                if (best < 0.0 || v < best)
                    best = v;
            }
        }
        if (best > 0.0)
            total += best;
    }
    return total;
}

/* Another product than @p product that line @p line makes (can[q * n_lines + line]). */
typedef struct {
    const unsigned char *can;
    int n_lines;
    int line;
    int product;
} other_arg;

static bool other_product_runs(const void *ud, int q)
{
    const other_arg *a = ud;
    return q != a->product && a->can[(size_t)q * a->n_lines + a->line];
}

/* The same without the matrices, for lines with too many products to close: each product's
 * cheapest changeover in from the line's initial product or another product of the line. */
static double cheapest_in_direct(const cosched_scenario *sc, const unsigned char *need,
                                 const unsigned char *can, double wm, double wc)
{
    int P = sc->n_products;
    int L = sc->n_lines;
    double total = 0.0;
    for (int p = 0; p < P; p++) {
        if (!need[p])
            continue;
        double best = -1.0;
        for (int k = 0; k < L && best != 0.0; k++) {
            if (!can[(size_t)p * L + k])
                continue;
            other_arg a = {can, L, k, p};
            double c = cs_least_changeover_into(sc, k, p, true, other_product_runs, &a, wm, wc);
            if (best < 0.0 || c < best)
                best = c;
        }
        if (best > 0.0)
            total += best;
    }
    return total;
}

/* The relaxation's model in growing arrays. */
typedef struct {
    int n_cols;
    double *obj, *lb, *ub;
    bool *integer;
    int *col_line, *col_from, *col_to; /* line, node (0 = start), product position */
    int n_rows;
    char *kind;
    double *rhs;
    long ne;
    int *er, *ec;
    double *ev;
    size_t cap_rows, cap_ne;
} co_model;

static void co_model_free(co_model *cm)
{
    free(cm->obj);
    free(cm->lb);
    free(cm->ub);
    free(cm->integer);
    free(cm->col_line);
    free(cm->col_from);
    free(cm->col_to);
    free(cm->kind);
    free(cm->rhs);
    free(cm->er);
    free(cm->ec);
    free(cm->ev);
}

static int co_row(co_model *cm, char kind, double rhs)
{
    if ((size_t)cm->n_rows + 1 > cm->cap_rows) {
        size_t cap = cm->cap_rows > 0 ? 2 * cm->cap_rows : 256;
        char *k2 = realloc(cm->kind, cap);
        if (k2 == NULL)
            return -1;
        cm->kind = k2;
        double *r2 = realloc(cm->rhs, cap * sizeof *r2);
        if (r2 == NULL)
            return -1;
        cm->rhs = r2;
        cm->cap_rows = cap;
    }
    cm->kind[cm->n_rows] = kind;
    cm->rhs[cm->n_rows] = rhs;
    return cm->n_rows++;
}

static bool co_nz(co_model *cm, int row, int col, double v)
{
    if ((size_t)cm->ne + 1 > cm->cap_ne) {
        size_t cap = cm->cap_ne > 0 ? 2 * cm->cap_ne : 1024;
        int *r2 = realloc(cm->er, cap * sizeof *r2);
        if (r2 == NULL)
            return false;
        cm->er = r2;
        int *c2 = realloc(cm->ec, cap * sizeof *c2);
        if (c2 == NULL)
            return false;
        cm->ec = c2;
        double *v2 = realloc(cm->ev, cap * sizeof *v2);
        if (v2 == NULL)
            return false;
        cm->ev = v2;
        cm->cap_ne = cap;
    }
    cm->er[cm->ne] = row;
    cm->ec[cm->ne] = col;
    cm->ev[cm->ne] = v;
    cm->ne++;
    return true;
}

/* Column of arc (a -> b) on line k: base[k] + a * m + b, or -1 for a loop. */
static long arc_col(const long *base, const line_graph *g, int k, int a, int b)
{
    if (a == b + 1)
        return -1;
    return base[k] + (long)a * g[k].m + b;
}

/* Deadline points per line: at most this many (the orders' deadlines at even ranks), and
 * as many release points. */
#define CO_MAX_DEADLINE_POINTS 24
#define CO_MAX_RELEASE_POINTS 4

/* A deadline missed or a line's minutes overrun costs this much per order or minute in the
 * model: every plan that keeps the deadlines has neither, so the model still bounds its
 * changeovers, and deadlines no plan can keep show as a bound above any changeover cost. */
#define CO_DEADLINE_PENALTY 1e5

/* With deadlines: columns a[j,k] (order j on line k) after the arcs, for whole orders, then
 * one slack per order and per (line, release point, deadline point). */
static long n_assign_cols(const cosched_scenario *sc, const double *deadline)
{
    if (deadline == NULL)
        return 0;
    return (long)sc->n_orders * (sc->n_lines + 1) +
           (long)sc->n_lines * CO_MAX_RELEASE_POINTS * CO_MAX_DEADLINE_POINTS;
}

static bool add_deadline_rows(const cosched_scenario *sc, const line_graph *g, const long *base,
                              const double *deadline, co_model *cm);

static bool build_model(const cosched_scenario *sc, const unsigned char *need,
                        const line_graph *g, const long *base, bool integer,
                        const double *deadline, co_model *cm)
{
    int L = sc->n_lines;
    long n = base[L] + n_assign_cols(sc, deadline);
    cm->n_cols = (int)n;
    size_t nc = (size_t)(n > 0 ? n : 1);
    cm->obj = cs_calloc(nc, sizeof *cm->obj);
    cm->lb = cs_calloc(nc, sizeof *cm->lb);
    cm->ub = cs_calloc(nc, sizeof *cm->ub);
    cm->integer = cs_calloc(nc, sizeof *cm->integer);
    cm->col_line = cs_calloc(nc, sizeof *cm->col_line);
    cm->col_from = cs_calloc(nc, sizeof *cm->col_from);
    cm->col_to = cs_calloc(nc, sizeof *cm->col_to);
    if (!cm->obj || !cm->lb || !cm->ub || !cm->integer || !cm->col_line || !cm->col_from ||
        !cm->col_to)
        return false;
    for (int k = 0; k < L; k++)
        for (int a = 0; a <= g[k].m; a++)
            for (int b = 0; b < g[k].m; b++) {
                long c = base[k] + (long)a * g[k].m + b;
                cm->col_line[c] = k;
                cm->col_from[c] = a;
                cm->col_to[c] = b;
                cm->integer[c] = integer;
                /* A loop stays a column fixed at 0, which keeps the indexing plain. */
                cm->ub[c] = a == b + 1 ? 0.0 : 1.0;
                cm->obj[c] = a == b + 1 ? 0.0 : *dist_at(&g[k], a, b);
            }
    long slack0 = base[L] + (long)sc->n_orders * L;
    for (long c = base[L]; c < n; c++) {
        cm->col_line[c] = -1; /* an assignment or a slack, not an arc */
        cm->integer[c] = integer && c < slack0;
        cm->ub[c] = c < slack0 ? 1.0 : 0.0; /* slacks open where their row is made */
    }
    /* Every product that must be made is entered on some line. */
    for (int p = 0; p < sc->n_products; p++) {
        if (!need[p])
            continue;
        int r = co_row(cm, 'G', 1.0);
        if (r < 0)
            return false;
        for (int k = 0; k < L; k++)
            for (int b = 0; b < g[k].m; b++)
                if (g[k].prod[b] == p)
                    for (int a = 0; a <= g[k].m; a++)
                        if (a != b + 1 && !co_nz(cm, r, (int)arc_col(base, g, k, a, b), 1.0))
                            return false;
    }
    for (int k = 0; k < L; k++) {
        int m = g[k].m;
        if (m == 0)
            continue;
        int r = co_row(cm, 'L', 1.0); /* the start is left once */
        if (r < 0)
            return false;
        for (int b = 0; b < m; b++)
            if (!co_nz(cm, r, (int)arc_col(base, g, k, 0, b), 1.0))
                return false;
        for (int b = 0; b < m; b++) {
            int rin = co_row(cm, 'L', 1.0);  /* entered at most once on the line */
            int rout = co_row(cm, 'L', 0.0); /* left at most as often as entered */
            if (rin < 0 || rout < 0)
                return false;
            for (int a = 0; a <= m; a++) {
                if (a == b + 1)
                    continue;
                int c = (int)arc_col(base, g, k, a, b);
                if (!co_nz(cm, rin, c, 1.0) || !co_nz(cm, rout, c, -1.0))
                    return false;
            }
            for (int d = 0; d < m; d++)
                if (d != b && !co_nz(cm, rout, (int)arc_col(base, g, k, b + 1, d), 1.0))
                    return false;
        }
        /* No two products follow each other both ways on one path. */
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++) {
                int r2 = co_row(cm, 'L', 1.0);
                if (r2 < 0 || !co_nz(cm, r2, (int)arc_col(base, g, k, a + 1, b), 1.0) ||
                    !co_nz(cm, r2, (int)arc_col(base, g, k, b + 1, a), 1.0))
                    return false;
            }
    }
    return deadline == NULL || add_deadline_rows(sc, g, base, deadline, cm);
}

/* Position of product p among line k's products, or -1. */
static int prod_pos(const line_graph *g, int p)
{
    for (int i = 0; i < g->m; i++)
        if (g->prod[i] == p)
            return i;
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Every order on one line that can make it by its deadline, and only on a line where its
 * product is entered; per line, the orders released from R and due by D fit into the line's
 * working minutes between R and D. */
static bool add_deadline_rows(const cosched_scenario *sc, const line_graph *g, const long *base,
                              const double *deadline, co_model *cm)
{
    int n = sc->n_orders;
    int L = sc->n_lines;
    double *pts = cs_calloc((size_t)n + 1, sizeof *pts);
    double *rel = cs_calloc((size_t)n + 1, sizeof *rel);
    if (pts == NULL || rel == NULL) {
        free(pts);
        free(rel);
        return false;
    }
    bool ok = true;
    long slack = base[L] + (long)n * L;
    for (int j = 0; ok && j < n; j++) {
        const cs_order *o = &sc->orders[j];
        int r = co_row(cm, 'G', 1.0);
        ok = r >= 0 && co_nz(cm, r, (int)slack, 1.0);
        cm->ub[slack] = 1.0;
        cm->obj[slack++] = CO_DEADLINE_PENALTY;
        for (int k = 0; ok && k < L; k++) {
            long c = base[L] + (long)j * L + k;
            int32_t p = cs_run_minutes(sc, j, k);
            int b = prod_pos(&g[k], o->product);
            const cs_line *ln = &sc->lines[k];
            int32_t ready = o->release_at > ln->available_at ? o->release_at : ln->available_at;
            if (p < 0 || b < 0 ||
                cs_calendar_advance(ln, cs_calendar_next_working(ln, ready), p) > deadline[j]) {
                cm->ub[c] = 0.0;
                continue;
            }
            int ra = co_row(cm, 'L', 0.0); /* a[j,k] <= product entered on k */
            ok = ra >= 0 && co_nz(cm, r, (int)c, 1.0) && co_nz(cm, ra, (int)c, 1.0);
            for (int a = 0; ok && a <= g[k].m; a++)
                if (a != b + 1)
                    ok = co_nz(cm, ra, (int)arc_col(base, g, k, a, b), -1.0);
        }
    }
    int np = 0;
    int nr = 0;
    for (int j = 0; j < n; j++) {
        if (isfinite(deadline[j]))
            pts[np++] = deadline[j];
        rel[nr++] = sc->orders[j].release_at;
    }
    qsort(pts, (size_t)np, sizeof *pts, cmp_double);
    qsort(rel, (size_t)nr, sizeof *rel, cmp_double);
    for (int k = 0; ok && k < L; k++) {
        const cs_line *ln = &sc->lines[k];
        for (int ri = 0; ok && ri < CO_MAX_RELEASE_POINTS && nr > 0; ri++) {
            double R = ri == 0 ? 0.0 : rel[(size_t)ri * (size_t)(nr - 1) / (CO_MAX_RELEASE_POINTS - 1)];
            if (ri > 0 && R <= rel[0])
                continue;
            for (int di = 0; ok && di < CO_MAX_DEADLINE_POINTS && np > 0; di++) {
                double D = pts[(size_t)di * (size_t)(np - 1) / (CO_MAX_DEADLINE_POINTS - 1)];
                double from = fmax(R, (double)ln->available_at);
                if (D > 2e9 || from >= D)
                    continue;
                double cap = cs_calendar_working_between(ln, (int32_t)from, (int32_t)D);
                int r = co_row(cm, 'L', cap);
                ok = r >= 0 && co_nz(cm, r, (int)slack, -1.0);
                cm->ub[slack] = HUGE_VAL;
                cm->obj[slack++] = CO_DEADLINE_PENALTY;
                for (int j = 0; ok && j < n; j++) {
                    long c = base[L] + (long)j * L + k;
                    int32_t p = cs_run_minutes(sc, j, k);
                    if (p > 0 && cm->ub[c] > 0.0 && deadline[j] <= D &&
                        sc->orders[j].release_at >= R)
                        ok = co_nz(cm, r, (int)c, (double)p);
                }
            }
        }
    }
    free(pts);
    free(rel);
    return ok;
}

/* Cycles of an integer solution that the start does not reach: each gets the row "fewer
 * arcs inside than products" (a path visits them in a chain). @return rows added, -1 on
 * ENOMEM. */
static int cut_subtours(co_model *cm, const line_graph *g, const long *base, int L,
                        const double *x)
{
    int added = 0;
    for (int k = 0; k < L; k++) {
        int m = g[k].m;
        if (m == 0)
            continue;
        int *succ = cs_calloc((size_t)m + 1, sizeof *succ);
        unsigned char *seen = cs_calloc((size_t)m + 1, 1);
        int *cyc = cs_calloc((size_t)m + 1, sizeof *cyc);
        if (succ == NULL || seen == NULL || cyc == NULL) {
            free(succ);
            free(seen);
            free(cyc);
            return -1;
        }
        for (int a = 0; a <= m; a++) {
            succ[a] = -1;
            for (int b = 0; b < m; b++)
                if (a != b + 1 && x[arc_col(base, g, k, a, b)] > 0.5)
                    succ[a] = b + 1;
        }
        for (int v = 0; v >= 0 && v <= m && !seen[v]; v = succ[v])
            seen[v] = 1;
        for (int s = 1; s <= m; s++) {
            if (seen[s] || succ[s] < 0)
                continue;
            int n = 0;
            int v = s;
            while (v >= 0 && !seen[v]) {
                seen[v] = 1;
                cyc[n++] = v;
                v = succ[v];
            }
            if (v != s || n < 2)
                continue; /* a chain ending in a product seen before, not a cycle */
            int r = co_row(cm, 'L', (double)n - 1.0);
            bool ok = r >= 0;
            for (int i = 0; ok && i < n; i++)
                for (int j = 0; ok && j < n; j++)
                    if (i != j)
                        ok = co_nz(cm, r, (int)arc_col(base, g, k, cyc[i], cyc[j] - 1), 1.0);
            if (!ok) {
                free(succ);
                free(seen);
                free(cyc);
                return -1;
            }
            added++;
        }
        free(succ);
        free(seen);
        free(cyc);
    }
    return added;
}

static cosched_status solve_model(const cosched_scenario *sc, const unsigned char *need,
                                  const line_graph *g, const double *due, bool lp_only,
                                  double deadline, bool *solved, double *bound)
{
    int L = sc->n_lines;
    long *base = cs_calloc((size_t)L + 1, sizeof *base);
    if (base == NULL)
        return COSCHED_ENOMEM;
    for (int k = 0; k < L; k++)
        base[k + 1] = base[k] + (long)(g[k].m + 1) * g[k].m;
    if (base[L] == 0 || base[L] > CO_MAX_LP_ARCS) {
        free(base);
        return COSCHED_OK;
    }
    /* With deadlines the assignments make the tree far larger: the LP and its rounds. */
    bool integer = base[L] + n_assign_cols(sc, due) <=
                   (due != NULL ? (lp_only ? 0 : CO_MAX_DEADLINE_MIP_COLS) : CO_MAX_MIP_ARCS);
    co_model cm;
    memset(&cm, 0, sizeof cm);
    cosched_status st = COSCHED_ENOMEM;
    double *x = NULL;
    if (!build_model(sc, need, g, base, integer, due, &cm))
        goto done;
    x = cs_calloc((size_t)cm.n_cols, sizeof *x);
    if (x == NULL)
        goto done;
    st = COSCHED_OK;
    for (int round = 0; round <= CO_MAX_SUBTOUR_ROUNDS && cs_now() < deadline; round++) {
        cs_lp_model mdl = { cm.n_cols, cm.obj, cm.lb, cm.ub, cm.integer, cm.n_rows, cm.kind,
                            cm.rhs, cm.ne, cm.er, cm.ec, cm.ev };
        bool has = false;
        bool integral = false;
        double b = 0.0;
        st = cs_backend_lp_bound(&mdl, deadline - cs_now(), &has, &b, x, &integral);
        if (st != COSCHED_OK || !has)
            break;
        *solved = true;
        /* Each round only adds rows, so every round's bound is valid; the last is highest. */
        if (b > *bound)
            *bound = b;
        if (!integral)
            break;
        int cuts = cut_subtours(&cm, g, base, L, x);
        if (cuts < 0) {
            st = COSCHED_ENOMEM;
            break;
        }
        if (cuts == 0)
            break;
    }
done:
    free(x);
    co_model_free(&cm);
    free(base);
    return st;
}

static cosched_status changeover_bound(const cosched_scenario *sc, double wm, double wc,
                                       const double *due, bool lp_only, double time_limit_s,
                                       bool *solved, double *bound);

cosched_status cs_bound_changeover(const cosched_scenario *sc, double wm, double wc,
                                   double time_limit_s, double *bound)
{
    bool solved = false;
    return changeover_bound(sc, wm, wc, NULL, false, time_limit_s, &solved, bound);
}

cosched_status cs_bound_changeover_deadlines(const cosched_scenario *sc, double wm, double wc,
                                             const double *deadline, bool lp_only,
                                             double time_limit_s, bool *has, double *bound)
{
    *has = false;
    double b = 0.0;
    cosched_status st = changeover_bound(sc, wm, wc, deadline, lp_only, time_limit_s, has, &b);
    *bound = *has ? b : 0.0;
    return st;
}

static cosched_status changeover_bound(const cosched_scenario *sc, double wm, double wc,
                                       const double *due, bool lp_only, double time_limit_s,
                                       bool *solved, double *bound)
{
    *bound = 0.0;
    if (!(wm > 0.0) && !(wc > 0.0))
        return COSCHED_OK;
    int P = sc->n_products;
    int L = sc->n_lines;
    double deadline = cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0);
    unsigned char *need = cs_calloc((size_t)(P > 0 ? P : 1), 1);
    unsigned char *can = cs_calloc((size_t)(P > 0 ? P : 1) * (size_t)(L > 0 ? L : 1), 1);
    line_graph *g = cs_calloc((size_t)(L > 0 ? L : 1), sizeof *g);
    cosched_status st = COSCHED_ENOMEM;
    if (need == NULL || can == NULL || g == NULL)
        goto done;
    for (int o = 0; o < sc->n_orders; o++) {
        need[sc->orders[o].product] = 1;
        for (int k = 0; k < L; k++)
            if (order_can(sc, o, k))
                can[(size_t)sc->orders[o].product * L + k] = 1;
    }
    bool close = true;
    for (int k = 0; k < L; k++) {
        int m = 0;
        for (int p = 0; p < P; p++)
            m += can[(size_t)p * L + k];
        if (m > CO_MAX_CLOSURE_NODES)
            close = false;
    }
    if (!close) {
        *bound = due != NULL ? 0.0 : cheapest_in_direct(sc, need, can, wm, wc);
        st = COSCHED_OK;
        goto done;
    }
    for (int k = 0; k < L; k++)
        if (!build_graph(sc, k, can, wm, wc, &g[k]))
            goto done;
    *bound = due != NULL ? 0.0 : cheapest_in(sc, need, g);
    double b = *bound;
    st = solve_model(sc, need, g, due, lp_only, deadline, solved, &b);
    if (b > *bound)
        *bound = b;
done:
    /* The LP carries rounding noise of its size: never claim more than was proven. */
    *bound = fmax(0.0, *bound - 1e-6 * fmax(1.0, *bound));
    for (int k = 0; g != NULL && k < L; k++) {
        free(g[k].prod);
        free(g[k].dist);
    }
    free(g);
    free(can);
    free(need);
    return st;
}
