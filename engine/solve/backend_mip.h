/* backend_mip.h -- the sequencing MIP as solver-neutral arrays (backend_mip.c), private to
 * engine/solve/: backend_glpk.c hands them to GLPK. Columns, rows and entries are 0-based;
 * the GLPK file alone converts them to GLPK's 1-based indices. */
#ifndef CS_BACKEND_MIP_H
#define CS_BACKEND_MIP_H

#include "solve/backend.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { CS_ROW_EQ, CS_ROW_LE, CS_ROW_GE } cs_mip_row_kind;

typedef struct {
    double obj;
    double lb;
    double ub;
    bool bin;
} cs_mip_col;

typedef struct {
    cs_mip_row_kind kind;
    double rhs;
} cs_mip_row;

typedef struct {
    int row;
    int col;
    double val;
} cs_mip_entry;

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
    cs_mip_col *cols;
    size_t col_cap;
    /* rows and entries */
    int n_rows;
    cs_mip_row *rows;
    size_t row_cap;
    long ne;
    cs_mip_entry *nz;
    size_t ne_cap;
    double *lbc;      /* [n] lower bound of C_j */
    double *ubc;      /* [n] upper bound of C_j */
} cs_mip_model;


/** Build the model of @p sc (a complete warm start @p start, or NULL, tightens its bounds).
 *  @return COSCHED_OK or COSCHED_ENOMEM; free @p m with cs_mip_free() on every path. */
cosched_status cs_mip_build(cs_mip_model *m, const cosched_scenario *sc, const cs_sol *start);
void cs_mip_free(cs_mip_model *m);
/** The column vector (0-based, n_cols slots) of a complete solution, timed without
 *  downtime; false when it violates a row (it is then not offered to the solver). */
bool cs_mip_start_vector(const cs_mip_model *m, const cs_sol *s, double *x);
/** Sequences from an integer solution @p x (0-based). */
void cs_mip_extract(const cs_mip_model *m, const double *x, cs_sol *out);
/** Per line k and order j, the fewest changeover minutes that can precede j on k
 *  (smin[k * n_orders + j]); first_free[k] when line k starts clean. false on ENOMEM. */
bool cs_mip_min_setups(const cosched_scenario *sc, int32_t *smin, unsigned char *first_free);

#endif
