/* solve.h -- the solve strategy (solve.c): its phases in order, and their tunables in one
 * parameter struct with named defaults (cs_solve_params_init), as GLPK's glp_smcp. */
#ifndef CS_SOLVE_H
#define CS_SOLVE_H

#include "cosched.h"

/** Tunables of cs_solve_model_with(). cs_solve_params_init() sets each to the default that
 *  solve.c's comment at it explains; cs_solve_model() uses those. */
typedef struct {
    double default_time_limit_s; /* when neither options nor settings give one */
    /* Term bounds (bound_*.c): this share of the time limit, at most so many seconds. */
    double bound_share;
    double bound_max_seconds;
    /* Work units (heur.h cs_work): steps per unit, and the default work limit as units per
     * second of the time limit. */
    double work_steps_per_unit;
    double work_share_of_limit;
    /* The searches stop early enough to finish the plan: at most these shares of the
     * limit for finishing, and for finishing and the caller's reserve together. */
    double finish_max_share;
    double reserve_max_share;
    /* Exact DP (heur_exact.c). */
    int exact_max_orders;
    long exact_max_work;
    long exact_max_labels;
    /* Insertion constructions (heur_insert.c). */
    int insert_max_orders;
    int regret_max_orders;
    /* Makespan bound's assignment LP: largest order x line count, seconds, and share of the
     * search time left. */
    long cmax_lp_max_cells;
    double cmax_lp_max_seconds;
    double cmax_lp_share;
    /* Sequencing MIP (backend_mip.c): largest number of arc variables. */
    long mip_max_arcs;
    /* The split and crew step's own work limit (heur_split.c). */
    long split_max_work;
    /* With fewer cleaning crews than lines: the share of the work limit that the search on
     * the built objective gets (heur_crew.c), and its work steps when the run has no work
     * limit (an iteration limit). */
    double crew_work_share;
    double crew_max_steps;
} cs_solve_params;

/** Fill @p par with the defaults. */
void cs_solve_params_init(cs_solve_params *par);

/** Plan @p sc from scratch: heuristics, the exact DP, local search and the MIP (solve.c).
 *  Ignores opt->previous and orders in progress; cosched_solve() dispatches here, and
 *  cs_replan_solve() plans the rest of a re-plan with it. Same contract as cosched_solve. */
cosched_status cs_solve_model(const cosched_scenario *sc, const cosched_options *opt,
                              cosched_plan **out);
/** cs_solve_model() with tunables @p par (initialised by cs_solve_params_init). */
cosched_status cs_solve_model_with(const cosched_scenario *sc, const cosched_options *opt,
                                   const cs_solve_params *par, cosched_plan **out);

#endif
