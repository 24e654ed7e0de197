/* objective.c -- the objective as a sum of named terms: each term's plan value, its weight
 * from settings.csv and what it adds. One table, so that the objective, summary.json's
 * objective_terms, the printed summary and the checker agree on what the objective is made
 * of. */
#include "plan/plan.h"

/* The model owns the names and where each weight sits (model/priorities.c): the terms are
 * the levels a planner can name. */
_Static_assert((int)CS_N_TERMS == CS_N_LEVEL_TERMS, "one list of objective terms");
const char *const *const cs_term_names = cs_level_terms;

double cs_term_weight(const cs_settings *set, cs_term t)
{
    return cs_settings_term_weight(set, (int)t);
}

/* Cleanings count with changeovers: both are time and money lost to cleaning the line. */
double cs_term_value(const cosched_kpis *k, cs_term t)
{
    switch (t) {
    case CS_TERM_LATE_ORDERS: return (double)k->late_orders;
    case CS_TERM_TARDINESS: return k->weighted_tardiness_minutes;
    case CS_TERM_CO_MINUTES: return (double)(k->changeover_minutes + k->cleaning_minutes);
    case CS_TERM_CO_COST: return k->changeover_cost + k->cleaning_cost;
    case CS_TERM_MAKESPAN: return (double)k->makespan_minutes;
    case CS_TERM_STABILITY: return (double)k->orders_moved;
    case CS_N_TERMS: break;
    }
    return 0.0;
}

double cs_term_contribution(const cs_settings *set, const cosched_kpis *k, cs_term t)
{
    double w = cs_term_weight(set, t);
    /* A term with weight 0 adds nothing, whatever its value (no 0 x inf). */
    return w != 0.0 ? w * cs_term_value(k, t) : 0.0;
}

double cs_objective_from_kpis(const cs_settings *set, const cosched_kpis *k)
{
    double v = 0.0;
    for (int t = 0; t < CS_N_TERMS; t++)
        v += cs_term_contribution(set, k, (cs_term)t);
    return v;
}
