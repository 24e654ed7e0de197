/* bound_lp.c -- the growable linear model of bound_lp.h. */
#include "solve/bound_lp.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

void cs_lp_build_init(cs_lp_build *b)
{
    memset(b, 0, sizeof *b);
}

void cs_lp_build_free(cs_lp_build *b)
{
    free(b->obj);
    free(b->lb);
    free(b->ub);
    free(b->kind);
    free(b->rhs);
    free(b->er);
    free(b->ec);
    free(b->ev);
    memset(b, 0, sizeof *b);
}

/* Make room for @p need elements in *@p arr (cs_grow, first 256); false, and the model
 * marked failed, when memory runs out. */
static bool room(cs_lp_build *b, void *arr, size_t size, size_t need, size_t *cap)
{
    void **p = arr;
    void *q = cs_grow(*p, size, need, cap, 256);
    if (q == NULL) {
        b->failed = true;
        return false;
    }
    *p = q;
    return true;
}

int cs_lp_build_col(cs_lp_build *b, double obj, double lb, double ub)
{
    size_t need = (size_t)b->n_cols + 1;
    if (b->failed || !room(b, &b->obj, sizeof *b->obj, need, &b->cap_obj) ||
        !room(b, &b->lb, sizeof *b->lb, need, &b->cap_lb) ||
        !room(b, &b->ub, sizeof *b->ub, need, &b->cap_ub))
        return -1;
    b->obj[b->n_cols] = obj;
    b->lb[b->n_cols] = lb;
    b->ub[b->n_cols] = ub;
    return b->n_cols++;
}

int cs_lp_build_row(cs_lp_build *b, char kind, double rhs)
{
    size_t need = (size_t)b->n_rows + 1;
    if (b->failed || !room(b, &b->kind, sizeof *b->kind, need, &b->cap_kind) ||
        !room(b, &b->rhs, sizeof *b->rhs, need, &b->cap_rhs))
        return -1;
    b->kind[b->n_rows] = kind;
    b->rhs[b->n_rows] = rhs;
    return b->n_rows++;
}

void cs_lp_build_entry(cs_lp_build *b, int row, int col, double val)
{
    size_t need = (size_t)b->ne + 1;
    if (b->failed || row < 0 || col < 0 || !room(b, &b->er, sizeof *b->er, need, &b->cap_er) ||
        !room(b, &b->ec, sizeof *b->ec, need, &b->cap_ec) ||
        !room(b, &b->ev, sizeof *b->ev, need, &b->cap_ev))
        return;
    b->er[b->ne] = row;
    b->ec[b->ne] = col;
    b->ev[b->ne++] = val;
}

cs_lp_model cs_lp_build_model(const cs_lp_build *b)
{
    cs_lp_model m = { b->n_cols, b->obj, b->lb, b->ub, NULL, b->n_rows, b->kind, b->rhs,
                      b->ne, b->er, b->ec, b->ev };
    return m;
}
