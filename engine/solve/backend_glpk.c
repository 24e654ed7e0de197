/* backend_glpk.c -- the GLPK runner (the only file that includes glpk.h): the sequencing
 * MIP that backend_mip.c builds, the assignment LP that bounds the makespan
 * (cs_backend_cmax_bound) and the bound relaxations' small models (cs_backend_lp_bound).
 * Columns and rows are built 0-based in our own arrays and handed to GLPK through one
 * index helper. GLPK's fatal errors are caught with its error hook and a longjmp that never
 * leaves this file, and COSCHED_ESOLVER is returned. GLPK's environment is freed only when
 * this file created it, never a host program's (glpk_guarded).
 * In the test build (COSCHED_FAULT_INJECTION), COSCHED_FAULT=glpk in the environment hands
 * GLPK a malformed matrix on purpose, so that tests can show a real GLPK error being caught
 * and stepped around. */
#include "solve/backend.h"
#include "solve/backend_mip.h"

#include "base/base.h"

#include <float.h>
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* GLPK counts rows, columns and entries from 1; our arrays from 0. */
static int glpk_index(int zero_based)
{
    return zero_based + 1;
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
static void run_glpk(const cs_mip_model *m, glpk_ctx *c, double deadline, const matrix_buf *mb,
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
        int type = m->rows[r].kind == CS_ROW_EQ   ? GLP_FX
                   : m->rows[r].kind == CS_ROW_LE ? GLP_UP
                                                  : GLP_LO;
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
    const cs_mip_model *m;
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

cosched_status cs_backend_solve(const cosched_scenario *sc, const cs_backend_params *par,
                                cs_sol *out, cs_backend_result *res)
{
    cs_mip_model m;
    memset(&m, 0, sizeof m);
    double deadline = cs_now() + (par->time_limit_s > 0.0 ? par->time_limit_s : 0.0);
    cosched_status st = cs_mip_build(&m, sc, par->start);
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
        if (!cs_mip_start_vector(&m, par->start, start + 1)) {
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
        cs_mip_extract(&m, x + 1, out); /* x is 1-based */
    st = COSCHED_OK;
cleanup:
    free(mb.ar);
    free(mb.ja);
    free(mb.ia);
    free(start);
    free(x);
    cs_mip_free(&m);
    return st;
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
        !cs_mip_min_setups(sc, smin, first_free))
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

