/* replan.h -- re-planning from a previous plan (replan.c): frozen orders keep their line,
 * sequence and times; the rest is planned by cosched_solve on a derived scenario. */
#ifndef CS_REPLAN_H
#define CS_REPLAN_H

#include "cosched.h"

/** cosched_solve with opt->previous set: freeze the orders of the previous plan that start
 *  before the frozen horizon (opt->freeze_hours, else the scenario's frozen_until; none
 *  without either), plan the others from each line's state after its frozen orders, and
 *  build the whole plan on @p sc. Same contract as cosched_solve. */
cosched_status cs_replan_solve(const cosched_scenario *sc, const cosched_options *opt,
                               cosched_plan **out);

#endif
