/* bound_lp.h -- a linear model grown column by column and row by row, for the bound
 * relaxations whose size is only known once they are built (bound_tardiness.c,
 * bound_setup.c); solved through the backend as a cs_lp_model. */
#ifndef CS_BOUND_LP_H
#define CS_BOUND_LP_H

#include "cosched.h"
#include "model/scenario.h"
#include "solve/backend.h"

#include <stdbool.h>

typedef struct {
    int n_cols;
    double *obj, *lb, *ub;
    size_t cap_obj, cap_lb, cap_ub;
    int n_rows;
    char *kind;
    double *rhs;
    size_t cap_kind, cap_rhs;
    long ne;
    int *er, *ec;
    double *ev;
    size_t cap_er, cap_ec, cap_ev;
    bool failed; /* an allocation failed: the model is incomplete */
} cs_lp_build;

/** An empty model (free it with cs_lp_build_free). */
void cs_lp_build_init(cs_lp_build *b);
void cs_lp_build_free(cs_lp_build *b);
/** A new column with objective @p obj and bounds [@p lb, @p ub]; its index, -1 on failure. */
int cs_lp_build_col(cs_lp_build *b, double obj, double lb, double ub);
/** A new row: kind 'L', 'G' or 'E' with right-hand side @p rhs; its index, -1 on failure. */
int cs_lp_build_row(cs_lp_build *b, char kind, double rhs);
/** Coefficient @p val of column @p col in row @p row (each pair at most once). */
void cs_lp_build_entry(cs_lp_build *b, int row, int col, double val);
/** The model as the backend takes it (valid until the next change). */
cs_lp_model cs_lp_build_model(const cs_lp_build *b);

/** One group's time-bucketed tardiness LP as bound_tardiness.c builds it, for the rows that
 *  bound_setup.c adds to it. */
typedef struct {
    const int *orders;     /* [n] the group's orders */
    int n;
    const int *lines;      /* [L] the group's lines */
    int L;
    int T;                 /* buckets */
    double width;          /* minutes per bucket (the last one has no end) */
    const int *xcol;       /* [(i * L + kk) * T + t] column of order i's minutes (or its
                            * fraction, when it takes no minutes) on line kk in bucket t; -1 */
    const double *xper;    /* [i * L + kk] fraction of the order per unit of such a column */
    const bool *xtime;     /* [i * L + kk] the columns are minutes (not a fraction) */
    const int *cap_row;    /* [kk * T + t] the bucket's capacity row */
} cs_setup_lp;

/** Add to the tardiness LP @p m the changeovers that its orders force: per line and period
 *  of buckets, which products run, which one the line is set up for, how many times each
 *  is entered, and the least changeover minutes of each entry taken from the line's
 *  working minutes up to the period's end (bound_setup.c).
 *  @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_bound_setup_rows(cs_lp_build *m, const cosched_scenario *sc,
                                   const cs_setup_lp *g);

#endif
