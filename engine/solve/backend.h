/* backend.h -- the MIP of the sequencing problem without downtime, behind a solver-neutral
 * interface (backend_glpk.c is the one implementation and the only user of glpk.h).
 * Downtime only delays work, so the optimum of this model is a lower bound of the true
 * objective; its sequences are rebuilt with downtime by the caller. */
#ifndef CS_BACKEND_H
#define CS_BACKEND_H

#include "cosched.h"
#include "heur/heur.h"
#include "model/scenario.h"

#include <stdbool.h>

typedef struct {
    double time_limit_s; /* budget of this call (LP and branch-and-cut together) */
    double mip_gap;      /* relative gap at which the search may stop */
    int (*should_stop)(void *ud);
    void *stop_ud;
    const cs_sol *start; /* complete warm start, or NULL */
} cs_backend_params;

typedef struct {
    bool has_solution; /* the output sequences hold an integer solution */
    bool finished;     /* the search ended: optimal within mip_gap for this model */
    bool has_bound;
    double bound;      /* valid lower bound of this model's objective */
    double objective;  /* model objective of the returned solution */
    long n_arcs;       /* sequencing variables of the model */
} cs_backend_result;

/** Number of sequencing (arc) variables the model of @p sc would have, to decide whether
 *  building it is worthwhile. */
long cs_backend_n_arcs(const cosched_scenario *sc);

/** Build and solve the model. Whole orders only (no split, no cleaning): the caller decides
 *  whether the model is a relaxation of the scenario.
 *  @param[out] out receives the sequences when res->has_solution (not evaluated)
 *  @param[out] res always written on COSCHED_OK
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER (the backend failed; @p out and
 *          @p res are then meaningless and the caller keeps its own plan). */
cosched_status cs_backend_solve(const cosched_scenario *sc, const cs_backend_params *par,
                                cs_sol *out, cs_backend_result *res);

/** Lower bound of the makespan (minutes from the horizon start) of every whole-order plan:
 *  the LP relaxation of assigning orders to lines, each line's load being its run minutes
 *  plus the cheapest changeover into each of its orders (none before the first on a clean
 *  line). Valid with downtime, releases, cleanings and crews (they only add time); not with
 *  split orders or batches that could beat whole orders. Solved with the simplex method
 *  within @p time_limit_s.
 *  @param[out] has_bound false when the LP was not solved in time
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER. */
cosched_status cs_backend_cmax_bound(const cosched_scenario *sc, double time_limit_s,
                                     bool *has_bound, double *bound);

/** A small linear model in solver-neutral arrays (0-based), for the bound relaxations
 *  (bound_*.c) that build their models apart from the solver. */
typedef struct {
    int n_cols;
    const double *obj;      /* [n_cols] minimised */
    const double *lb;       /* [n_cols] */
    const double *ub;       /* [n_cols], HUGE_VAL: none */
    const bool *integer;    /* [n_cols] or NULL: all continuous */
    int n_rows;
    const char *row_kind;   /* [n_rows] 'E' (=), 'L' (<=) or 'G' (>=) */
    const double *rhs;      /* [n_rows] */
    long ne;
    const int *ne_row;      /* [ne] */
    const int *ne_col;      /* [ne] */
    const double *ne_val;   /* [ne] */
} cs_lp_model;

/** A lower bound of the model's minimum: its LP optimum, raised by branch-and-cut over the
 *  integer columns while @p time_limit_s lasts (the best node bound, or the optimum when
 *  the search finishes). A model GLPK proves infeasible gives no bound.
 *  @param[out] x when not NULL, [n_cols] the LP (or integer, when *integral) solution
 *  @param[out] integral the bound is the proven integer optimum and @p x holds it
 *  @return COSCHED_OK (see *has_bound), COSCHED_ENOMEM or COSCHED_ESOLVER. */
cosched_status cs_backend_lp_bound(const cs_lp_model *mdl, double time_limit_s,
                                   bool *has_bound, double *bound, double *x, bool *integral);

#endif
