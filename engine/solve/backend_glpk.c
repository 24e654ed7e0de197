/* backend_glpk.c -- the sequencing MIP on GLPK (the only file that includes glpk.h).
 * Model per line k: binary arcs x(i,j,k) "j directly follows i" over the line's eligible
 * orders plus a start node (carrying available_at and the initial product); completions C
 * linked by big-M constraints whose M is the tightest one the column bounds allow.
 * Columns and rows are built 0-based in our own arrays and handed to GLPK through one
 * index helper. GLPK's fatal errors are caught with its error hook and a longjmp that never
 * leaves this file, and COSCHED_ESOLVER is returned. GLPK's environment is freed only when
 * this file created it, never a host program's (glpk_guarded). The same
 * file solves the assignment LP that bounds the makespan (cs_backend_cmax_bound).
 * In the test build (COSCHED_FAULT_INJECTION), COSCHED_FAULT=glpk in the environment hands
 * GLPK a malformed matrix on purpose, so that tests can show a real GLPK error being caught
 * and stepped around. */
#include "solve/backend.h"

#include "base/base.h"
#include "model/timing.h"

#include <float.h>
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ROW_EQ, ROW_LE, ROW_GE } row_kind;

typedef struct {
    double obj;
    double lb;
    double ub;
    bool bin;
} col_def;

typedef struct {
    row_kind kind;
    double rhs;
} row_def;

typedef struct {
    int row;
    int col;
    double val;
} matrix_entry;

typedef struct {
    const cosched_scenario *sc;
    int n;            /* orders */
    int L;            /* lines */
    /* eligible orders per line */
    int *elig;        /* [L * n] */
    int *n_elig;      /* [L] */
    int *loc;         /* [L * n] local index on the line, -1 = not eligible */
    long *arc_base;   /* [L] first slot of line k in arc_col */
    int *arc_col;     /* [slot] column of arc (a, b) of a line, -1 = none */
    /* columns */
    int n_cols;
    int n_arcs;
    int *arc_from;    /* [arc] order or -1 for the start node */
    int *arc_to;
    int *arc_line;
    int c0;           /* column of C_0; C_j = c0 + j */
    int *tcol;        /* [n] column of T_j or -1 */
    int cmax;         /* column of Cmax or -1 */
    col_def *cols;
    size_t col_cap;
    /* rows and entries */
    int n_rows;
    row_def *rows;
    size_t row_cap;
    long ne;
    matrix_entry *nz;
    size_t ne_cap;
    double *lbc;      /* [n] lower bound of C_j */
    double *ubc;      /* [n] upper bound of C_j */
} model;

/* GLPK counts rows, columns and entries from 1; our arrays from 0. */
static int glpk_index(int zero_based)
{
    return zero_based + 1;
}

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

static int add_col(model *m, double lb, double ub, double cost, bool bin)
{
    col_def *c = cs_grow(m->cols, sizeof *c, (size_t)m->n_cols + 1, &m->col_cap, 256);
    if (c == NULL)
        return -1;
    m->cols = c;
    m->cols[m->n_cols] = (col_def){ cost, lb, ub, bin };
    return m->n_cols++;
}

static int add_row(model *m, row_kind kind, double rhs)
{
    row_def *r = cs_grow(m->rows, sizeof *r, (size_t)m->n_rows + 1, &m->row_cap, 256);
    if (r == NULL)
        return -1;
    m->rows = r;
    m->rows[m->n_rows] = (row_def){ kind, rhs };
    return m->n_rows++;
}

static bool add_nz(model *m, int row, int col, double val)
{
    matrix_entry *e = cs_grow(m->nz, sizeof *e, (size_t)m->ne + 1, &m->ne_cap, 1024);
    if (e == NULL)
        return false;
    m->nz = e;
    m->nz[m->ne++] = (matrix_entry){ row, col, val };
    return true;
}

static void model_free(model *m)
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
static int arc_column(const model *m, int k, int from, int to)
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
static void completion_bounds(model *m)
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
static void cutoff_bounds(model *m, double z0)
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

static cosched_status build(model *m, const cosched_scenario *sc, const cs_sol *start)
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
        ROW(r, ROW_EQ, 1.0);
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
            ROW(r, ROW_LE, 0.0);
            NZ(r, arc_column(m, k, -1, j), -1.0);
            for (int f = 0; f < ne; f++) {
                if (f == e)
                    continue;
                NZ(r, arc_column(m, k, el[f], j), -1.0);
                NZ(r, arc_column(m, k, j, el[f]), 1.0);
            }
        }
        ROW(r, ROW_LE, 1.0);
        for (int e = 0; e < ne; e++)
            NZ(r, arc_column(m, k, -1, el[e]), 1.0);
        /* Two orders cannot follow each other both ways. */
        for (int e = 0; e < ne; e++) {
            for (int f = e + 1; f < ne; f++) {
                ROW(r, ROW_LE, 1.0);
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
            ROW(r, ROW_GE, m->lbc[j]);
            NZ(r, cj, 1.0);
            NZ(r, a, -big);
        } else {
            double big = m->ubc[i] + need - m->lbc[j];
            if (big <= 0.0)
                continue;
            ROW(r, ROW_GE, need - big);
            NZ(r, cj, 1.0);
            NZ(r, m->c0 + i, -1.0);
            NZ(r, a, -big);
        }
    }
    /* Release and availability: C_j >= max(r_j, avail_k) + p_jk on the line it runs on. */
    for (int j = 0; j < n; j++) {
        ROW(r, ROW_GE, 0.0);
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
            ROW(r, ROW_GE, -(double)sc->orders[j].due_at);
            NZ(r, m->tcol[j], 1.0);
            NZ(r, m->c0 + j, -1.0);
        }
        if (m->cmax >= 0) {
            ROW(r, ROW_GE, 0.0);
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
static bool start_vector(const model *m, const cs_sol *s, double *x)
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
        case ROW_EQ:
            ok = fabs(v - rhs) <= tol;
            break;
        case ROW_LE:
            ok = v <= rhs + tol;
            break;
        case ROW_GE:
            ok = v >= rhs - tol;
            break;
        }
    }
    free(act);
    return ok;
}

/* GLPK's 1-based triplets. Allocated before setjmp by the caller, so that a GLPK error
 * leaves nothing of ours to leak. */
typedef struct {
    int *ia;
    int *ja;
    double *ar;
} matrix_buf;

typedef struct {
    jmp_buf jump;
    const cs_backend_params *par;
    const double *start;  /* 1-based start vector or NULL */
    bool start_offered;
    bool has_bound;
    double bound;
} glpk_ctx;

static void on_glpk_error(void *info)
{
    glpk_ctx *c = info;
    longjmp(c->jump, 1);
}

static int on_glpk_output(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1; /* swallow: stdout belongs to the caller */
}

/* Run @p body with GLPK's fatal errors caught: the error hook jumps back here and false is
 * returned. The jump never crosses a frame of ours that holds memory: callers allocate
 * before. Terminal output is swallowed, as stdout belongs to the caller.
 * GLPK keeps one environment per thread, holding every GLPK object. When this call creates
 * it (glp_init_env() returns 0), it frees it again afterwards, also after an error (GLPK's
 * recovery). When the host program already had one (it uses GLPK itself), glp_free_env()
 * would invalidate all its objects, so the environment is left alone: the terminal flag
 * is restored and the hooks are reset to none (GLPK cannot report the host's hooks to put
 * them back); after a GLPK error our problem object stays in it, freed with it. */
static bool glpk_guarded(glpk_ctx *c, void (*body)(glpk_ctx *c, void *arg), void *arg)
{
    int init = glp_init_env();
    if (init != 0 && init != 1)
        return false; /* out of memory, or a GLPK built for another programming model */
    bool own_env = init == 0;
    int term_was = glp_term_out(GLP_OFF);
    glp_term_hook(on_glpk_output, NULL);
    bool ok = true;
    if (setjmp(c->jump) == 0) {
        glp_error_hook(on_glpk_error, c);
        body(c, arg);
    } else {
        ok = false;
    }
    glp_error_hook(NULL, NULL);
    if (own_env) {
        glp_free_env();
    } else {
        glp_term_hook(NULL, NULL);
        glp_term_out(term_was);
    }
    return ok;
}

/* The test hook: true when COSCHED_FAULT names "glpk". It is compiled only into the test
 * program cosched-fault (COSCHED_FAULT_INJECTION); the library never reads the variable. */
static bool fault_requested(void)
{
#ifdef COSCHED_FAULT_INJECTION
    const char *f = getenv("COSCHED_FAULT");
    return f != NULL && strstr(f, "glpk") != NULL;
#else
    return false;
#endif
}

static void note_bound(glpk_ctx *c, double b)
{
    if (!c->has_bound || b > c->bound) {
        c->bound = b;
        c->has_bound = true;
    }
}

static void on_glpk_tree(glp_tree *tree, void *info)
{
    glpk_ctx *c = info;
    const cs_backend_params *par = c->par;
    if (par->should_stop != NULL && par->should_stop(par->stop_ud) != 0) {
        glp_ios_terminate(tree);
        return;
    }
    int node = glp_ios_best_node(tree);
    if (node != 0) {
        /* The smallest local bound over the active nodes, capped by the incumbent. */
        double b = glp_ios_node_bound(tree, node);
        glp_prob *p = glp_ios_get_prob(tree);
        if (glp_mip_status(p) == GLP_FEAS && glp_mip_obj_val(p) < b)
            b = glp_mip_obj_val(p);
        if (b > -DBL_MAX)
            note_bound(c, b);
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && !c->start_offered && c->start != NULL) {
        c->start_offered = true;
        glp_ios_heur_sol(tree, c->start);
    }
}

static int ms_left(double deadline)
{
    /* GLPK looks at the clock between steps: leave it a margin to finish the last one. */
    double left = 0.95 * (deadline - cs_now()) - 0.02;
    if (left <= 0.0)
        return 1;
    if (left > 2e6)
        return 2000000000;
    return (int)(left * 1000.0) + 1;
}

/* Load the model and run simplex plus branch-and-cut. On return, @p x (1-based, n_cols + 1
 * slots) holds the integer solution when *has_sol. GLPK errors longjmp out of here. */
static void run_glpk(const model *m, glpk_ctx *c, double deadline, const matrix_buf *mb,
                     double *x, bool *has_sol, bool *finished, double *objective)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, m->n_cols);
    glp_add_rows(lp, m->n_rows);
    for (int j = 0; j < m->n_cols; j++) {
        int gj = glpk_index(j);
        glp_set_obj_coef(lp, gj, m->cols[j].obj);
        if (m->cols[j].lb == m->cols[j].ub)
            glp_set_col_bnds(lp, gj, GLP_FX, m->cols[j].lb, m->cols[j].ub);
        else
            glp_set_col_bnds(lp, gj, GLP_DB, m->cols[j].lb, m->cols[j].ub);
        if (m->cols[j].bin)
            glp_set_col_kind(lp, gj, GLP_BV);
    }
    for (int r = 0; r < m->n_rows; r++) {
        int type = m->rows[r].kind == ROW_EQ ? GLP_FX : m->rows[r].kind == ROW_LE ? GLP_UP : GLP_LO;
        glp_set_row_bnds(lp, glpk_index(r), type, m->rows[r].rhs, m->rows[r].rhs);
    }
    for (long e = 0; e < m->ne; e++) {
        mb->ia[e + 1] = glpk_index(m->nz[e].row);
        mb->ja[e + 1] = glpk_index(m->nz[e].col);
        mb->ar[e + 1] = m->nz[e].val;
    }
    if (fault_requested() && m->ne >= 2) {
        /* GLPK rejects duplicate elements with a fatal error: the test hook's way in. */
        mb->ia[m->ne] = mb->ia[1];
        mb->ja[m->ne] = mb->ja[1];
    }
    glp_load_matrix(lp, (int)m->ne, mb->ia, mb->ja, mb->ar);

    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.tm_lim = ms_left(deadline);
    if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT) {
        glp_delete_prob(lp);
        return;
    }
    note_bound(c, glp_get_obj_val(lp));

    /* The MIP presolver would hand the callback a transformed problem whose columns no longer
     * match the start vector, so branch-and-cut runs on the model as built. */
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = GLP_MSG_OFF;
    iocp.presolve = GLP_OFF;
    iocp.mip_gap = c->par->mip_gap;
    iocp.tm_lim = ms_left(deadline);
    iocp.cb_func = on_glpk_tree;
    iocp.cb_info = c;
    /* Measured on small sequencing instances: pseudocost branching with MIR cuts proves
     * optimality several times faster than the defaults; GMI cuts slowed it down. On large
     * models the root cut loop ignores the time limit, so MIR is kept to small ones. */
    iocp.br_tech = GLP_BR_PCH;
    iocp.mir_cuts = m->n_arcs <= 1000 ? GLP_ON : GLP_OFF;
    int ret = glp_intopt(lp, &iocp);
    int ms = glp_mip_status(lp);
    if (ms == GLP_OPT || ms == GLP_FEAS) {
        *has_sol = true;
        *objective = glp_mip_obj_val(lp);
        for (int j = 0; j < m->n_cols; j++)
            x[glpk_index(j)] = glp_mip_col_val(lp, glpk_index(j));
        if ((ret == 0 && ms == GLP_OPT) || ret == GLP_EMIPGAP) {
            *finished = true;
            if (ret == 0) {
                /* Proven optimal: the optimum is the bound (node bounds carry LP noise). */
                c->bound = *objective;
                c->has_bound = true;
            }
        }
    }
    glp_delete_prob(lp);
}

typedef struct {
    const model *m;
    double deadline;
    const matrix_buf *mb;
    double *x;
    bool has_sol;
    bool finished;
    double objective;
} mip_run;

static void mip_body(glpk_ctx *c, void *arg)
{
    mip_run *r = arg;
    run_glpk(r->m, c, r->deadline, r->mb, r->x, &r->has_sol, &r->finished, &r->objective);
}

/* Sequences from the arcs: follow successors from each line's start; an order left on a
 * zero-length cycle (possible only with zero run and changeover minutes) goes last. */
static void extract(const model *m, const double *x, cs_sol *out)
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
            if (m->arc_line[a] != k || x[glpk_index(a)] < 0.5)
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

cosched_status cs_backend_solve(const cosched_scenario *sc, const cs_backend_params *par,
                                cs_sol *out, cs_backend_result *res)
{
    model m;
    memset(&m, 0, sizeof m);
    double deadline = cs_now() + (par->time_limit_s > 0.0 ? par->time_limit_s : 0.0);
    cosched_status st = build(&m, sc, par->start);
    double *start = NULL;
    double *x = NULL;
    matrix_buf mb = { NULL, NULL, NULL };
    if (st != COSCHED_OK)
        goto cleanup;
    st = COSCHED_ENOMEM;
    x = cs_calloc((size_t)m.n_cols + 1, sizeof *x);
    mb.ia = cs_calloc((size_t)m.ne + 1, sizeof *mb.ia);
    mb.ja = cs_calloc((size_t)m.ne + 1, sizeof *mb.ja);
    mb.ar = cs_calloc((size_t)m.ne + 1, sizeof *mb.ar);
    if (x == NULL || mb.ia == NULL || mb.ja == NULL || mb.ar == NULL)
        goto cleanup;
    if (par->start != NULL) {
        start = cs_calloc((size_t)m.n_cols + 1, sizeof *start);
        if (start == NULL)
            goto cleanup;
        if (!start_vector(&m, par->start, start + 1)) {
            free(start);
            start = NULL;
        }
    }

    glpk_ctx c;
    memset(&c, 0, sizeof c);
    c.par = par;
    c.start = start;
    mip_run run = { &m, deadline, &mb, x, false, false, 0.0 };
    if (!glpk_guarded(&c, mip_body, &run)) {
        st = COSCHED_ESOLVER;
        goto cleanup;
    }
    memset(res, 0, sizeof *res);
    res->n_arcs = m.n_arcs;
    res->has_bound = c.has_bound;
    res->bound = c.bound;
    res->has_solution = run.has_sol;
    res->finished = run.finished;
    res->objective = run.objective;
    if (run.has_sol)
        extract(&m, x, out);
    st = COSCHED_OK;
cleanup:
    free(mb.ar);
    free(mb.ja);
    free(mb.ia);
    free(start);
    free(x);
    model_free(&m);
    return st;
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
static bool min_setups(const cosched_scenario *sc, int32_t *smin, unsigned char *first_free)
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

/* The assignment LP: x(j,k) shares of order j on line k, f(j,k) <= x(j,k) the share that
 * runs first on a clean line (no changeover before it), at most one per line; every line
 * ends by C after available_at, its run minutes and the cheapest changeover into each order. */
static double run_cmax_lp(const cosched_scenario *sc, const int32_t *smin,
                          const unsigned char *first_free, double deadline, int *ci, double *cv)
{
    int n = sc->n_orders;
    int L = sc->n_lines;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    int colC = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, colC, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp, colC, 1.0);
    int rows_assign = glp_add_rows(lp, n);
    for (int j = 0; j < n; j++)
        glp_set_row_bnds(lp, rows_assign + j, GLP_FX, 1.0, 1.0);
    int rows_load = glp_add_rows(lp, L);
    int rows_first = glp_add_rows(lp, L);
    for (int k = 0; k < L; k++) {
        /* available_at + load - C <= 0 */
        glp_set_row_bnds(lp, rows_load + k, GLP_UP, 0.0, -(double)sc->lines[k].available_at);
        glp_set_row_bnds(lp, rows_first + k, GLP_UP, 0.0, 1.0);
    }
    int ind[4];
    double val[4];
    /* C's column: -1 in every load row. */
    for (int k = 0; k < L; k++) {
        ci[k + 1] = rows_load + k;
        cv[k + 1] = -1.0;
    }
    glp_set_mat_col(lp, colC, L, ci, cv);
    bool fault = fault_requested();
    for (int j = 0; j < n; j++) {
        for (int k = 0; k < L; k++) {
            int32_t p = cs_run_minutes(sc, j, k);
            if (p < 0)
                continue;
            double s = smin[(size_t)k * n + j];
            int x = glp_add_cols(lp, 1);
            glp_set_col_bnds(lp, x, GLP_LO, 0.0, 0.0);
            ind[1] = rows_assign + j;
            val[1] = 1.0;
            ind[2] = rows_load + k;
            val[2] = (double)p + s;
            int nz = 2;
            int fr = 0;
            if (first_free[k] && s > 0.0) {
                fr = glp_add_rows(lp, 1); /* f - x <= 0 */
                glp_set_row_bnds(lp, fr, GLP_UP, 0.0, 0.0);
                ind[3] = fr;
                val[3] = -1.0;
                nz = 3;
            }
            if (fault)
                ind[2] = ind[1]; /* duplicate row: GLPK's fatal error, for the test hook */
            glp_set_mat_col(lp, x, nz, ind, val);
            if (fr > 0) {
                int f = glp_add_cols(lp, 1);
                glp_set_col_bnds(lp, f, GLP_LO, 0.0, 0.0);
                ind[1] = rows_load + k;
                val[1] = -s;
                ind[2] = rows_first + k;
                val[2] = 1.0;
                ind[3] = fr;
                val[3] = 1.0;
                glp_set_mat_col(lp, f, 3, ind, val);
            }
        }
    }
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.tm_lim = ms_left(deadline);
    double v = -1.0;
    if (glp_simplex(lp, &smcp) == 0 && glp_get_status(lp) == GLP_OPT)
        v = glp_get_obj_val(lp);
    glp_delete_prob(lp);
    return v;
}

typedef struct {
    const cosched_scenario *sc;
    const int32_t *smin;
    const unsigned char *first_free;
    double deadline;
    int *ci;
    double *cv;
    double value; /* the LP's optimum, or -1 */
} cmax_run;

static void cmax_body(glpk_ctx *c, void *arg)
{
    (void)c;
    cmax_run *r = arg;
    r->value = run_cmax_lp(r->sc, r->smin, r->first_free, r->deadline, r->ci, r->cv);
}

cosched_status cs_backend_cmax_bound(const cosched_scenario *sc, double time_limit_s,
                                     bool *has_bound, double *bound)
{
    *has_bound = false;
    int n = sc->n_orders;
    int L = sc->n_lines;
    if (n == 0 || L == 0)
        return COSCHED_OK;
    int32_t *smin = cs_calloc((size_t)n * (size_t)L, sizeof *smin);
    unsigned char *first_free = cs_calloc((size_t)L, 1);
    int *ci = cs_calloc((size_t)L + 1, sizeof *ci);
    double *cv = cs_calloc((size_t)L + 1, sizeof *cv);
    cosched_status st = COSCHED_ENOMEM;
    if (smin == NULL || first_free == NULL || ci == NULL || cv == NULL ||
        !min_setups(sc, smin, first_free))
        goto cleanup;
    double deadline = cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0);
    glpk_ctx c;
    memset(&c, 0, sizeof c);
    cmax_run run = { sc, smin, first_free, deadline, ci, cv, -1.0 };
    if (!glpk_guarded(&c, cmax_body, &run)) {
        st = COSCHED_ESOLVER;
        goto cleanup;
    }
    double v = run.value;
    if (v >= 0.0) {
        /* Every time in the model is whole minutes; the small margin absorbs LP noise. */
        *bound = ceil(v - 1e-6 * fmax(1.0, v));
        *has_bound = true;
    }
    st = COSCHED_OK;
cleanup:
    free(cv);
    free(ci);
    free(first_free);
    free(smin);
    return st;
}

/* ---- small relaxation models (cs_backend_lp_bound) ---- */

/* The model must be well formed before GLPK sees it: GLPK stops the process on what it
 * cannot read (its error hook is the last resort, not the check). */
static bool lp_model_valid(const cs_lp_model *mdl)
{
    if (mdl->n_cols <= 0 || mdl->n_rows < 0 || mdl->ne < 0 || mdl->obj == NULL ||
        mdl->lb == NULL || mdl->ub == NULL || (mdl->n_rows > 0 && (mdl->row_kind == NULL ||
                                                                     mdl->rhs == NULL)) ||
        (mdl->ne > 0 && (mdl->ne_row == NULL || mdl->ne_col == NULL || mdl->ne_val == NULL)))
        return false;
    for (int j = 0; j < mdl->n_cols; j++)
        if (!isfinite(mdl->obj[j]) || !isfinite(mdl->lb[j]) || isnan(mdl->ub[j]) ||
            mdl->lb[j] > mdl->ub[j])
            return false;
    for (int r = 0; r < mdl->n_rows; r++)
        if (!isfinite(mdl->rhs[r]) ||
            (mdl->row_kind[r] != 'E' && mdl->row_kind[r] != 'L' && mdl->row_kind[r] != 'G'))
            return false;
    for (long e = 0; e < mdl->ne; e++)
        if (mdl->ne_row[e] < 0 || mdl->ne_row[e] >= mdl->n_rows || mdl->ne_col[e] < 0 ||
            mdl->ne_col[e] >= mdl->n_cols || !isfinite(mdl->ne_val[e]))
            return false;
    return true;
}

typedef struct {
    const cs_lp_model *mdl;
    double deadline;
    const matrix_buf *mb;
    double *x;         /* 0-based, or NULL */
    bool solved;       /* the LP was solved: c->bound holds at least its value */
    bool integral;     /* branch-and-cut proved the integer optimum */
} lp_bound_run;

static void lp_bound_body(glpk_ctx *c, void *arg)
{
    lp_bound_run *r = arg;
    const cs_lp_model *mdl = r->mdl;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, mdl->n_cols);
    if (mdl->n_rows > 0)
        glp_add_rows(lp, mdl->n_rows);
    bool any_int = false;
    for (int j = 0; j < mdl->n_cols; j++) {
        int gj = glpk_index(j);
        glp_set_obj_coef(lp, gj, mdl->obj[j]);
        int type = isinf(mdl->ub[j]) ? GLP_LO : mdl->lb[j] == mdl->ub[j] ? GLP_FX : GLP_DB;
        glp_set_col_bnds(lp, gj, type, mdl->lb[j], isinf(mdl->ub[j]) ? 0.0 : mdl->ub[j]);
        if (mdl->integer != NULL && mdl->integer[j]) {
            glp_set_col_kind(lp, gj, GLP_IV);
            any_int = true;
        }
    }
    for (int i = 0; i < mdl->n_rows; i++) {
        int type = mdl->row_kind[i] == 'E' ? GLP_FX : mdl->row_kind[i] == 'L' ? GLP_UP : GLP_LO;
        glp_set_row_bnds(lp, glpk_index(i), type, mdl->rhs[i], mdl->rhs[i]);
    }
    for (long e = 0; e < mdl->ne; e++) {
        r->mb->ia[e + 1] = glpk_index(mdl->ne_row[e]);
        r->mb->ja[e + 1] = glpk_index(mdl->ne_col[e]);
        r->mb->ar[e + 1] = mdl->ne_val[e];
    }
    glp_load_matrix(lp, (int)mdl->ne, r->mb->ia, r->mb->ja, r->mb->ar);
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.tm_lim = ms_left(r->deadline);
    if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT) {
        glp_delete_prob(lp);
        return;
    }
    r->solved = true;
    note_bound(c, glp_get_obj_val(lp));
    if (r->x != NULL)
        for (int j = 0; j < mdl->n_cols; j++)
            r->x[j] = glp_get_col_prim(lp, glpk_index(j));
    if (any_int && cs_now() < r->deadline) {
        glp_iocp iocp;
        glp_init_iocp(&iocp);
        iocp.msg_lev = GLP_MSG_OFF;
        iocp.presolve = GLP_OFF;
        iocp.tm_lim = ms_left(r->deadline);
        iocp.cb_func = on_glpk_tree;
        iocp.cb_info = c;
        iocp.br_tech = GLP_BR_PCH;
        iocp.gmi_cuts = GLP_ON;
        int ret = glp_intopt(lp, &iocp);
        if (ret == 0 && glp_mip_status(lp) == GLP_OPT) {
            /* Proven: the optimum is the bound (node bounds carry LP noise). */
            c->bound = glp_mip_obj_val(lp);
            c->has_bound = true;
            r->integral = true;
            if (r->x != NULL)
                for (int j = 0; j < mdl->n_cols; j++)
                    r->x[j] = glp_mip_col_val(lp, glpk_index(j));
        } else if (ret == 0 && glp_mip_status(lp) == GLP_NOFEAS) {
            r->solved = false;
        }
    }
    glp_delete_prob(lp);
}

cosched_status cs_backend_lp_bound(const cs_lp_model *mdl, double time_limit_s,
                                   bool *has_bound, double *bound, double *x, bool *integral)
{
    *has_bound = false;
    *bound = 0.0;
    if (integral != NULL)
        *integral = false;
    if (!lp_model_valid(mdl))
        return COSCHED_EINTERNAL;
    matrix_buf mb;
    mb.ia = cs_calloc((size_t)mdl->ne + 1, sizeof *mb.ia);
    mb.ja = cs_calloc((size_t)mdl->ne + 1, sizeof *mb.ja);
    mb.ar = cs_calloc((size_t)mdl->ne + 1, sizeof *mb.ar);
    cosched_status st = COSCHED_ENOMEM;
    if (mb.ia == NULL || mb.ja == NULL || mb.ar == NULL)
        goto cleanup;
    cs_backend_params par;
    memset(&par, 0, sizeof par);
    glpk_ctx c;
    memset(&c, 0, sizeof c);
    c.par = &par;
    lp_bound_run run = { mdl, cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0), &mb, x,
                         false, false };
    if (!glpk_guarded(&c, lp_bound_body, &run)) {
        st = COSCHED_ESOLVER;
        goto cleanup;
    }
    if (run.solved && c.has_bound) {
        *has_bound = true;
        *bound = c.bound;
        if (integral != NULL)
            *integral = run.integral;
    }
    st = COSCHED_OK;
cleanup:
    free(mb.ar);
    free(mb.ja);
    free(mb.ia);
    return st;
}
