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
    bool has_joint; /* joint holds a bound */
    bool cut_short; /* a model ran out of time: a round with more time may raise the bound */
    double value[CS_N_TERMS];
    double changeovers; /* lower bound of the two changeover terms' weighted sum together */
    double joint; /* lower bound of weighted tardiness and changeovers together (weighted) */
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

/** Lower bound of wm x (changeover + cleaning minutes) + wc x (changeover + cleaning cost)
 *  of the whole-order plans where every order j ends by @p deadline[j] (minutes; infinite:
 *  none): the path relaxation of cs_bound_changeover with each order assigned to one line
 *  that enters its product and can end it in time, and per line the orders released from R
 *  and due by D within the line's working minutes between R and D. @p lp_only: the LP and
 *  its subtour rounds, no branching (the same bound on every machine when it finishes).
 *  *has is false when the model was not solved (too large, infeasible or out of time).
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER. */
cosched_status cs_bound_changeover_deadlines(const cosched_scenario *sc, double wm, double wc,
                                             const double *deadline, bool lp_only,
                                             double time_limit_s, bool *has, double *bound);

/** Where order @p j ends at the earliest, alone on the line where it ends first (releases,
 *  availability and downtime included); -1 when no line can make it whole. */
double cs_bound_order_alone_end(const cosched_scenario *sc, int j);

/** Lower bound of weight_tardiness x weighted tardiness + the changeover terms, where they
 *  compete (bound_tradeoff.c): for a margin delta, either the weighted tardiness exceeds its
 *  orders-alone bound by delta, or every order ends by a deadline that margin gives it, and
 *  then the changeovers are bounded with those deadlines. The best of a few margins within
 *  @p time_limit_s; @p tb holds the terms' own bounds. *has false: nothing better found;
 *  *cut_short: a model was stopped by the time limit (more time may help). @p repeatable:
 *  LPs only and every margin, so that the bound does not depend on the machine's speed
 *  (as long as each LP finishes); cut_short then stays false.
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER. */
cosched_status cs_bound_tradeoff(const cosched_scenario *sc, const cs_term_bounds *tb,
                                 double time_limit_s, bool repeatable, bool *has, double *bound,
                                 bool *cut_short);

/** @p into becomes the stronger of two sets of term bounds of one scenario, term by term
 *  (each is valid alone, so the larger is). */
void cs_bound_merge(cs_term_bounds *into, const cs_term_bounds *other);

/** Weighted tardiness, makespan and late orders of every whole-order plan, from each order alone on the
 *  line where it ends first (releases, availability and downtime included). */
void cs_bound_order_alone(const cosched_scenario *sc, double *tardiness, double *makespan,
                          double *late_orders);

/** Weighted tardiness of every plan, split orders included, from the time-bucketed LP
 *  (bound_tardiness.c), one per group of lines that share orders, solved within
 *  @p time_limit_s, each group at least its orders alone where they are whole; 0 when an
 *  order cannot be measured. Finer buckets level by level, then the changeovers that due
 *  dates force (bound_setup.c). @p repeatable: the same first levels whatever the time,
 *  so that the bound does not depend on the machine's speed (as long as each LP
 *  finishes); otherwise finer LPs while the time lasts, and *cut_short when one was
 *  stopped by the time limit or had no time.
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER. */
cosched_status cs_bound_tardiness_lp(const cosched_scenario *sc, double time_limit_s,
                                     bool repeatable, double *bound, bool *cut_short);

/** Every term's bound that the scenario allows: tardiness and makespan only for whole
 *  orders (@p split false), changeovers always, stability 0. @p time_limit_s is the budget
 *  of the models; @p repeatable: the same bounds on every machine where the models finish
 *  (cs_bound_tradeoff).
 *  @return COSCHED_OK, COSCHED_ENOMEM or COSCHED_ESOLVER (the bounds then hold what the
 *          cheap steps found). */
cosched_status cs_bound_terms(const cosched_scenario *sc, bool split, double time_limit_s,
                              bool repeatable,
                              cs_term_bounds *tb);

/** The weighted sum of the term bounds: a lower bound of the objective. */
double cs_bound_objective(const cosched_scenario *sc, const cs_term_bounds *tb);

#endif
