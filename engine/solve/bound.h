/* bound.h -- lower bounds of the objective's terms. Each is valid for every plan of the
 * scenario (downtime, calendars, cleanings and crews only add to a term), so weighted and
 * added they bound the whole objective, which is a sum of non-negative terms. */
#ifndef CS_BOUND_H
#define CS_BOUND_H

#include "cosched.h"
#include "model/scenario.h"
#include "plan/plan.h"

#include <stdbool.h>

/** A lower bound per term, in the term's own unit (unweighted), and their weighted sum. */
typedef struct {
    bool has[CS_N_TERMS];
    double value[CS_N_TERMS];
    double changeovers; /* lower bound of the two changeover terms' weighted sum together */
} cs_term_bounds;

/** Lower bound of wm x (changeover + cleaning minutes) + wc x (changeover + cleaning cost)
 *  of every plan, whole orders or split: a multi-line path relaxation over the products
 *  that must be made (each line's initial product its start, changeovers closed under
 *  shortest paths), solved with the backend within @p time_limit_s; its LP, or each
 *  product's cheapest way in, when the model is too large or time runs out.
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER (*bound then still holds the
 *          cheap part of the bound). */
cosched_status cs_bound_changeover(const cosched_scenario *sc, double wm, double wc,
                                   double time_limit_s, double *bound);

/** Lower bound of wm x cleaning minutes + wc x cleaning cost: the cleanings that
 *  max_run_minutes forces inside whole orders' runs (bound_cleaning.c). */
void cs_bound_cleanings(const cosched_scenario *sc, double wm, double wc, double *bound);

/** Weighted tardiness, makespan and late orders of every whole-order plan, from each order alone on the
 *  line where it ends first (releases, availability and downtime included). */
void cs_bound_order_alone(const cosched_scenario *sc, double *tardiness, double *makespan,
                          double *late_orders);

/** Weighted tardiness of every plan, split orders included, from the time-bucketed LP
 *  (bound_tardiness.c) solved within @p time_limit_s; 0 when it is too large or not solved.
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER. */
cosched_status cs_bound_tardiness_lp(const cosched_scenario *sc, double time_limit_s,
                                     double *bound);

/** Every term's bound that the scenario allows: tardiness and makespan only for whole
 *  orders (@p split false), changeovers always, stability 0. @p time_limit_s is the budget
 *  of the changeover models.
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER (the bounds then hold what the
 *          cheap steps found). */
cosched_status cs_bound_terms(const cosched_scenario *sc, bool split, double time_limit_s,
                              cs_term_bounds *tb);

/** The weighted sum of the term bounds: a lower bound of the objective. */
double cs_bound_objective(const cosched_scenario *sc, const cs_term_bounds *tb);

#endif
