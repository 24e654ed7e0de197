/* bound_lp.c -- the growable linear model of bound_lp.h. */
#include "solve/bound_lp.h"

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

/* Grow @p *p (elements of @p size) to hold @p need, doubling; false on failure. */
static bool grow(void **p, long *cap, long need, size_t size)
{
    if (need <= *cap)
        return true;
    long c = *cap > 0 ? *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (q == NULL)
        return false;
    *p = q;
    *cap = c;
    return true;
}

int cs_lp_build_col(cs_lp_build *b, double obj, double lb, double ub)
{
    if (b->failed)
        return -1;
    long cap = b->cap_cols;
    long c1 = cap, c2 = cap;
    if (!grow((void **)&b->obj, &cap, b->n_cols + 1L, sizeof *b->obj) ||
        !grow((void **)&b->lb, &c1, b->n_cols + 1L, sizeof *b->lb) ||
        !grow((void **)&b->ub, &c2, b->n_cols + 1L, sizeof *b->ub)) {
        b->failed = true;
        return -1;
    }
    b->cap_cols = (int)cap;
    b->obj[b->n_cols] = obj;
    b->lb[b->n_cols] = lb;
    b->ub[b->n_cols] = ub;
    return b->n_cols++;
}

int cs_lp_build_row(cs_lp_build *b, char kind, double rhs)
{
    if (b->failed)
        return -1;
    long cap = b->cap_rows;
    long c1 = cap;
    if (!grow((void **)&b->kind, &cap, b->n_rows + 1L, sizeof *b->kind) ||
        !grow((void **)&b->rhs, &c1, b->n_rows + 1L, sizeof *b->rhs)) {
        b->failed = true;
        return -1;
    }
    b->cap_rows = (int)cap;
    b->kind[b->n_rows] = kind;
    b->rhs[b->n_rows] = rhs;
    return b->n_rows++;
}

void cs_lp_build_entry(cs_lp_build *b, int row, int col, double val)
{
    if (b->failed || row < 0 || col < 0)
        return;
    long cap = b->cap_ne;
    long c1 = cap, c2 = cap;
    if (!grow((void **)&b->er, &cap, b->ne + 1, sizeof *b->er) ||
        !grow((void **)&b->ec, &c1, b->ne + 1, sizeof *b->ec) ||
        !grow((void **)&b->ev, &c2, b->ne + 1, sizeof *b->ev)) {
        b->failed = true;
        return;
    }
    b->cap_ne = cap;
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
