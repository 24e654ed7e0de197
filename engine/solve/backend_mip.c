/* backend_mip.c -- the sequencing MIP built in our own 0-based arrays, without a solver
 * (backend_glpk.c runs it). Model per line k: binary arcs x(i,j,k) "j directly follows i"
 * over the line's eligible orders plus a start node (carrying available_at and the initial
 * product); completions C linked by big-M constraints whose M is the tightest one the
 * column bounds allow. Also the warm start's column vector, the sequences read back from a
 * solution, and the fewest changeover minutes into each order (for the makespan LP). */
#include "solve/backend_mip.h"

#include "base/base.h"
#include "model/timing.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int32_t setup_min(const cosched_scenario *sc, int k, int from, int to)
{
    int32_t s = cs_co_minutes(sc, k, from, to);
    return s > 0 ? s : 0;
}

static double arc_cost(const cosched_scenario *sc, int k, int from, int to)
{
    double c = cs_co_cost(sc, k, from, to);
    return sc->set.weight_changeover_minutes * setup_min(sc, k, from, to) +
           sc->set.weight_changeover_cost * (c > 0.0 ? c : 0.0);
}

static int add_col(cs_mip_model *m, double lb, double ub, double cost, bool bin)
{
    cs_mip_col *c = cs_grow(m->cols, sizeof *c, (size_t)m->n_cols + 1, &m->col_cap, 256);
    if (c == NULL)
        return -1;
    m->cols = c;
    m->cols[m->n_cols] = (cs_mip_col){ cost, lb, ub, bin };
    return m->n_cols++;
}

static int add_row(cs_mip_model *m, cs_mip_row_kind kind, double rhs)
{
    cs_mip_row *r = cs_grow(m->rows, sizeof *r, (size_t)m->n_rows + 1, &m->row_cap, 256);
    if (r == NULL)
        return -1;
    m->rows = r;
    m->rows[m->n_rows] = (cs_mip_row){ kind, rhs };
    return m->n_rows++;
}

static bool add_nz(cs_mip_model *m, int row, int col, double val)
{
    cs_mip_entry *e = cs_grow(m->nz, sizeof *e, (size_t)m->ne + 1, &m->ne_cap, 1024);
    if (e == NULL)
        return false;
    m->nz = e;
    m->nz[m->ne++] = (cs_mip_entry){ row, col, val };
    return true;
}

void cs_mip_free(cs_mip_model *m)
{
    free(m->elig);
    free(m->n_elig);
    free(m->loc);
    free(m->arc_base);
    free(m->arc_col);
    free(m->arc_from);
    free(m->arc_to);
    free(m->arc_line);
    free(m->tcol);
    free(m->cols);
    free(m->rows);
    free(m->nz);
    free(m->lbc);
    free(m->ubc);
}

long cs_backend_n_arcs(const cosched_scenario *sc)
{
    long total = 0;
    for (int k = 0; k < sc->n_lines; k++) {
        long e = 0;
        for (int j = 0; j < sc->n_orders; j++)
            e += cs_run_minutes(sc, j, k) >= 0;
        total += e * e; /* e start arcs plus e * (e - 1) order pairs */
    }
    return total;
}

/* Column of arc (from, to) on line k; from = -1 is the start node. */
static int arc_column(const cs_mip_model *m, int k, int from, int to)
{
    int ne = m->n_elig[k];
    int a = from < 0 ? 0 : m->loc[(size_t)k * m->n + from] + 1;
    int b = m->loc[(size_t)k * m->n + to];
    if (a < 0 || b < 0)
        return -1;
    return m->arc_col[m->arc_base[k] + (long)a * ne + b];
}

/* Completion bounds valid for every semi-active schedule without downtime: the earliest a
 * job can end anywhere, and the latest the last job of any line can end. */
static void completion_bounds(cs_mip_model *m)
{
    const cosched_scenario *sc = m->sc;
    for (int j = 0; j < m->n; j++) {
        m->lbc[j] = DBL_MAX;
        m->ubc[j] = 0.0;
    }
    for (int k = 0; k < m->L; k++) {
        const cs_line *ln = &sc->lines[k];
        double t0 = ln->available_at;
        double work = 0.0;
        for (int e = 0; e < m->n_elig[k]; e++) {
            int j = m->elig[(size_t)k * m->n + e];
            int pj = sc->orders[j].product;
            if (sc->orders[j].release_at > t0)
                t0 = sc->orders[j].release_at;
            int32_t worst = setup_min(sc, k, ln->initial_product, pj);
            for (int f = 0; f < m->n_elig[k]; f++) {
                int i = m->elig[(size_t)k * m->n + f];
                int32_t s = setup_min(sc, k, sc->orders[i].product, pj);
                if (i != j && s > worst)
                    worst = s;
            }
            work += (double)cs_run_minutes(sc, j, k) + worst;
        }
        double uk = t0 + work;
        for (int e = 0; e < m->n_elig[k]; e++) {
            int j = m->elig[(size_t)k * m->n + e];
            double lb = cs_timing_step_no_downtime(ln->available_at, 0, sc->orders[j].release_at,
                                                   cs_run_minutes(sc, j, k));
            if (lb < m->lbc[j])
                m->lbc[j] = lb;
            if (uk > m->ubc[j])
                m->ubc[j] = uk;
        }
    }
}

/* Objective of a complete solution timed without downtime (the model's view of it). */
static double start_objective(const cosched_scenario *sc, const cs_sol *s)
{
    const cs_settings *set = &sc->set;
    double tard = 0.0;
    double co = 0.0;
    int32_t cmax = 0;
    for (int k = 0; k < sc->n_lines; k++) {
        const int *q = cs_sol_line(s, k);
        int32_t t = sc->lines[k].available_at;
        int prod = sc->lines[k].initial_product;
        for (int p = 0; p < s->len[k]; p++) {
            const cs_order *o = &sc->orders[q[p]];
            co += arc_cost(sc, k, prod, o->product);
            t = cs_timing_step_no_downtime(t, setup_min(sc, k, prod, o->product), o->release_at,
                                           cs_run_minutes(sc, q[p], k));
            if (t > o->due_at)
                tard += o->weight * (double)(t - o->due_at);
            if (t > cmax)
                cmax = t;
            prod = o->product;
        }
    }
    return set->weight_tardiness * tard + co + set->weight_makespan * cmax;
}

/* Tighten completion upper bounds with an incumbent of objective @p z0: a solution at least as
 * good has every weighted tardiness and the weighted makespan at most z0, and the warm start
 * itself stays feasible. */
static void cutoff_bounds(cs_mip_model *m, double z0)
{
    const cosched_scenario *sc = m->sc;
    double slack = 1e-6 * (fabs(z0) > 1.0 ? fabs(z0) : 1.0);
    for (int j = 0; j < m->n; j++) {
        double w = sc->set.weight_tardiness * sc->orders[j].weight;
        if (w > 0.0) {
            double ub = sc->orders[j].due_at + floor((z0 + slack) / w);
            if (ub < m->ubc[j])
                m->ubc[j] = ub;
        }
        if (sc->set.weight_makespan > 0.0) {
            double ub = floor((z0 + slack) / sc->set.weight_makespan);
            if (ub < m->ubc[j])
                m->ubc[j] = ub;
        }
        if (m->ubc[j] < m->lbc[j])
            m->ubc[j] = m->lbc[j];
    }
}

cosched_status cs_mip_build(cs_mip_model *m, const cosched_scenario *sc, const cs_sol *start)
{
    const cs_settings *set = &sc->set;
    int n = sc->n_orders;
    int L = sc->n_lines;
    m->sc = sc;
    m->n = n;
    m->L = L;
    m->cmax = -1;
    size_t nl = (size_t)n * (size_t)L;
    m->elig = cs_calloc(nl, sizeof *m->elig);
    m->loc = cs_calloc(nl, sizeof *m->loc);
    m->n_elig = cs_calloc((size_t)L, sizeof *m->n_elig);
    m->arc_base = cs_calloc((size_t)L + 1, sizeof *m->arc_base);
    m->tcol = cs_calloc((size_t)n, sizeof *m->tcol);
    m->lbc = cs_calloc((size_t)n, sizeof *m->lbc);
    m->ubc = cs_calloc((size_t)n, sizeof *m->ubc);
    if (!m->elig || !m->loc || !m->n_elig || !m->arc_base || !m->tcol || !m->lbc || !m->ubc)
        return COSCHED_ENOMEM;
    for (int k = 0; k < L; k++) {
        for (int j = 0; j < n; j++) {
            m->loc[(size_t)k * n + j] = -1;
            if (cs_run_minutes(sc, j, k) >= 0) {
                m->loc[(size_t)k * n + j] = m->n_elig[k];
                m->elig[(size_t)k * n + m->n_elig[k]++] = j;
            }
        }
        long e = m->n_elig[k];
        m->arc_base[k + 1] = m->arc_base[k] + (e + 1) * e;
    }
    long slots = m->arc_base[L];
    m->arc_col = cs_calloc((size_t)(slots > 0 ? slots : 1), sizeof *m->arc_col);
    long n_arcs = cs_backend_n_arcs(sc);
    m->arc_from = cs_calloc((size_t)(n_arcs > 0 ? n_arcs : 1), sizeof *m->arc_from);
    m->arc_to = cs_calloc((size_t)(n_arcs > 0 ? n_arcs : 1), sizeof *m->arc_to);
    m->arc_line = cs_calloc((size_t)(n_arcs > 0 ? n_arcs : 1), sizeof *m->arc_line);
    if (!m->arc_col || !m->arc_from || !m->arc_to || !m->arc_line)
        return COSCHED_ENOMEM;
    for (long s = 0; s < slots; s++)
        m->arc_col[s] = -1;
    completion_bounds(m);
    if (start != NULL)
        cutoff_bounds(m, start_objective(sc, start));

    /* Columns: arcs first (column = arc number), then C, T, Cmax. */
    for (int k = 0; k < L; k++) {
        int ne = m->n_elig[k];
        const int *el = m->elig + (size_t)k * n;
        int init = sc->lines[k].initial_product;
        for (int a = 0; a <= ne; a++) {
            int from = a == 0 ? -1 : el[a - 1];
            for (int b = 0; b < ne; b++) {
                int to = el[b];
                if (from == to)
                    continue;
                int pf = from < 0 ? init : sc->orders[from].product;
                int col = add_col(m, 0.0, 1.0, arc_cost(sc, k, pf, sc->orders[to].product), true);
                if (col < 0)
                    return COSCHED_ENOMEM;
                m->arc_col[m->arc_base[k] + (long)a * ne + b] = col;
                m->arc_from[col] = from;
                m->arc_to[col] = to;
                m->arc_line[col] = k;
                m->n_arcs++;
            }
        }
    }
    m->c0 = m->n_cols;
    for (int j = 0; j < n; j++)
        if (add_col(m, m->lbc[j], m->ubc[j], 0.0, false) < 0)
            return COSCHED_ENOMEM;
    for (int j = 0; j < n; j++) {
        m->tcol[j] = -1;
        double w = set->weight_tardiness * sc->orders[j].weight;
        if (w > 0.0) {
            double ub = m->ubc[j] - sc->orders[j].due_at;
            m->tcol[j] = add_col(m, 0.0, ub > 0.0 ? ub : 0.0, w, false);
            if (m->tcol[j] < 0)
                return COSCHED_ENOMEM;
        }
    }
    if (set->weight_makespan > 0.0) {
        double ub = 0.0;
        for (int j = 0; j < n; j++)
            ub = m->ubc[j] > ub ? m->ubc[j] : ub;
        m->cmax = add_col(m, 0.0, ub, set->weight_makespan, false);
        if (m->cmax < 0)
            return COSCHED_ENOMEM;
    }

#define ROW(var, kind, rhs)                                                                    \
    do {                                                                                       \
        if (((var) = add_row(m, (kind), (rhs))) < 0)                                           \
            return COSCHED_ENOMEM;                                                             \
    } while (0)
#define NZ(row, col, val)                                                                      \
    do {                                                                                       \
        if (!add_nz(m, (row), (col), (val)))                                                   \
            return COSCHED_ENOMEM;                                                             \
    } while (0)

    int r;
    /* Every order has exactly one predecessor (an order or a line's start). */
    for (int j = 0; j < n; j++) {
        ROW(r, CS_ROW_EQ, 1.0);
        for (int k = 0; k < L; k++) {
            if (m->loc[(size_t)k * n + j] < 0)
                continue;
            NZ(r, arc_column(m, k, -1, j), 1.0);
            for (int e = 0; e < m->n_elig[k]; e++) {
                int i = m->elig[(size_t)k * n + e];
                if (i != j)
                    NZ(r, arc_column(m, k, i, j), 1.0);
            }
        }
    }
    /* An order has a successor on line k only if it runs on k; one first order per line. */
    for (int k = 0; k < L; k++) {
        int ne = m->n_elig[k];
        const int *el = m->elig + (size_t)k * n;
        if (ne == 0)
            continue;
        for (int e = 0; e < ne; e++) {
            int j = el[e];
            ROW(r, CS_ROW_LE, 0.0);
            NZ(r, arc_column(m, k, -1, j), -1.0);
            for (int f = 0; f < ne; f++) {
                if (f == e)
                    continue;
                NZ(r, arc_column(m, k, el[f], j), -1.0);
                NZ(r, arc_column(m, k, j, el[f]), 1.0);
            }
        }
        ROW(r, CS_ROW_LE, 1.0);
        for (int e = 0; e < ne; e++)
            NZ(r, arc_column(m, k, -1, el[e]), 1.0);
        /* Two orders cannot follow each other both ways. */
        for (int e = 0; e < ne; e++) {
            for (int f = e + 1; f < ne; f++) {
                ROW(r, CS_ROW_LE, 1.0);
                NZ(r, arc_column(m, k, el[e], el[f]), 1.0);
                NZ(r, arc_column(m, k, el[f], el[e]), 1.0);
            }
        }
    }
    /* Sequencing: C_j >= C_i + s + p_j when x = 1, relaxed by the smallest M that keeps the
     * row slack for every pair of column values when x = 0. */
    for (int a = 0; a < m->n_arcs; a++) {
        int i = m->arc_from[a];
        int j = m->arc_to[a];
        int k = m->arc_line[a];
        const cs_line *ln = &sc->lines[k];
        int pi = i < 0 ? ln->initial_product : sc->orders[i].product;
        double need = (double)setup_min(sc, k, pi, sc->orders[j].product) +
                      cs_run_minutes(sc, j, k);
        int cj = m->c0 + j;
        if (i < 0) {
            /* C_j >= avail + s + p when x = 1, and C_j >= lb always: one row. */
            double rhs = ln->available_at + need;
            double big = rhs - m->lbc[j];
            if (big <= 0.0)
                continue;
            ROW(r, CS_ROW_GE, m->lbc[j]);
            NZ(r, cj, 1.0);
            NZ(r, a, -big);
        } else {
            double big = m->ubc[i] + need - m->lbc[j];
            if (big <= 0.0)
                continue;
            ROW(r, CS_ROW_GE, need - big);
            NZ(r, cj, 1.0);
            NZ(r, m->c0 + i, -1.0);
            NZ(r, a, -big);
        }
    }
    /* Release and availability: C_j >= max(r_j, avail_k) + p_jk on the line it runs on. */
    for (int j = 0; j < n; j++) {
        ROW(r, CS_ROW_GE, 0.0);
        NZ(r, m->c0 + j, 1.0);
        for (int a = 0; a < m->n_arcs; a++) {
            if (m->arc_to[a] != j)
                continue;
            int k = m->arc_line[a];
            double rel = sc->orders[j].release_at > sc->lines[k].available_at
                             ? sc->orders[j].release_at
                             : sc->lines[k].available_at;
            NZ(r, a, -(rel + cs_run_minutes(sc, j, k)));
        }
    }
    for (int j = 0; j < n; j++) {
        if (m->tcol[j] >= 0) {
            ROW(r, CS_ROW_GE, -(double)sc->orders[j].due_at);
            NZ(r, m->tcol[j], 1.0);
            NZ(r, m->c0 + j, -1.0);
        }
        if (m->cmax >= 0) {
            ROW(r, CS_ROW_GE, 0.0);
            NZ(r, m->cmax, 1.0);
            NZ(r, m->c0 + j, -1.0);
        }
    }
#undef ROW
#undef NZ
    return COSCHED_OK;
}

/* The column vector of a complete solution, timed without downtime. @p x has n_cols slots.
 * @return false when the vector violates a row (it is then not offered to the solver). */
bool cs_mip_start_vector(const cs_mip_model *m, const cs_sol *s, double *x)
{
    const cosched_scenario *sc = m->sc;
    memset(x, 0, (size_t)m->n_cols * sizeof *x);
    double cmax = 0.0;
    for (int k = 0; k < m->L; k++) {
        const int *q = cs_sol_line(s, k);
        int32_t t = sc->lines[k].available_at;
        int prod = sc->lines[k].initial_product;
        int prev = -1;
        for (int p = 0; p < s->len[k]; p++) {
            int j = q[p];
            int col = arc_column(m, k, prev, j);
            if (col < 0)
                return false;
            x[col] = 1.0;
            t = cs_timing_step_no_downtime(t, setup_min(sc, k, prod, sc->orders[j].product),
                                           sc->orders[j].release_at, cs_run_minutes(sc, j, k));
            x[m->c0 + j] = t;
            if (m->tcol[j] >= 0)
                x[m->tcol[j]] = t > sc->orders[j].due_at ? (double)t - sc->orders[j].due_at : 0.0;
            if (t > cmax)
                cmax = t;
            prod = sc->orders[j].product;
            prev = j;
        }
    }
    if (m->cmax >= 0)
        x[m->cmax] = cmax;
    for (int c = 0; c < m->n_cols; c++)
        if (x[c] < m->cols[c].lb - 1e-6 || x[c] > m->cols[c].ub + 1e-6)
            return false;
    double *act = cs_calloc((size_t)(m->n_rows > 0 ? m->n_rows : 1), sizeof *act);
    if (act == NULL)
        return false;
    for (long e = 0; e < m->ne; e++)
        act[m->nz[e].row] += m->nz[e].val * x[m->nz[e].col];
    bool ok = true;
    for (int r = 0; r < m->n_rows && ok; r++) {
        double v = act[r];
        double rhs = m->rows[r].rhs;
        double tol = 1e-6 * (fabs(rhs) > 1.0 ? fabs(rhs) : 1.0);
        switch (m->rows[r].kind) {
        case CS_ROW_EQ:
            ok = fabs(v - rhs) <= tol;
            break;
        case CS_ROW_LE:
            ok = v <= rhs + tol;
            break;
        case CS_ROW_GE:
            ok = v >= rhs - tol;
            break;
        }
    }
    free(act);
    return ok;
}


/* Sequences from the arcs: follow successors from each line's start; an order left on a
 * zero-length cycle (possible only with zero run and changeover minutes) goes last. */
void cs_mip_extract(const cs_mip_model *m, const double *x, cs_sol *out)
{
    cs_sol_clear(out);
    int n = m->n;
    int *succ = cs_calloc((size_t)n + 1, sizeof *succ);
    int *line_of = cs_calloc((size_t)n + 1, sizeof *line_of);
    unsigned char *placed = cs_calloc((size_t)n + 1, 1);
    if (succ == NULL || line_of == NULL || placed == NULL)
        goto done;
    for (int k = 0; k < m->L; k++) {
        int first = -1;
        for (int j = 0; j < n; j++)
            succ[j] = -1;
        for (int a = 0; a < m->n_arcs; a++) {
            if (m->arc_line[a] != k || x[a] < 0.5)
                continue;
            line_of[m->arc_to[a]] = k;
            if (m->arc_from[a] < 0)
                first = m->arc_to[a];
            else
                succ[m->arc_from[a]] = m->arc_to[a];
        }
        int *q = cs_sol_line(out, k);
        for (int j = first; j >= 0 && !placed[j]; j = succ[j]) {
            placed[j] = 1;
            q[out->len[k]++] = j;
        }
    }
    for (int j = 0; j < n; j++) {
        if (!placed[j]) {
            int k = line_of[j];
            cs_sol_line(out, k)[out->len[k]++] = j;
            placed[j] = 1;
        }
    }
done:
    free(placed);
    free(line_of);
    free(succ);
}

/* Products of other orders that line k can make than order j: count[p] orders of product p
 * run on k, j among them when it runs there too. */
typedef struct {
    const int *count;
    int product;   /* j's */
    bool eligible; /* j runs on k */
} others_arg;

static bool other_order_makes(const void *ud, int p)
{
    const others_arg *a = ud;
    return a->count[p] - (p == a->product && a->eligible ? 1 : 0) > 0;
}

/* Per line k and order j, the fewest changeover minutes that can precede j on k: from the
 * line's initial product, or from any other order that k can make. first_free[k] is set when
 * the line starts clean, so its first order needs no changeover at all. */
bool cs_mip_min_setups(const cosched_scenario *sc, int32_t *smin, unsigned char *first_free)
{
    int n = sc->n_orders;
    int P = sc->n_products;
    int *count = cs_calloc((size_t)(P > 0 ? P : 1), sizeof *count);
    if (count == NULL)
        return false;
    for (int k = 0; k < sc->n_lines; k++) {
        memset(count, 0, (size_t)(P > 0 ? P : 1) * sizeof *count);
        for (int j = 0; j < n; j++)
            if (cs_run_minutes(sc, j, k) >= 0)
                count[sc->orders[j].product]++;
        int init = sc->lines[k].initial_product;
        first_free[k] = init < 0;
        for (int j = 0; j < n; j++) {
            others_arg a = {count, sc->orders[j].product, cs_run_minutes(sc, j, k) >= 0};
            int32_t best = (int32_t)cs_least_changeover_into(sc, k, a.product, init >= 0,
                                                             other_order_makes, &a, 1.0, 0.0);
            /* Alone on a clean line: the first-order rebate below covers it. */
            smin[(size_t)k * n + j] = best > 0 ? best : 0;
        }
    }
    free(count);
    return true;
}

