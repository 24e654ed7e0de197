/* objective.c -- the objective as a sum of named terms: each term's plan value, its weight
 * from settings.csv and what it adds. One table, so that the objective, summary.json's
 * objective_terms, the printed summary and the checker agree on what the objective is made
 * of. */
#include "plan/plan.h"

const char *const cs_term_names[CS_N_TERMS] = {
    [CS_TERM_LATE_ORDERS] = "late_orders",
    [CS_TERM_TARDINESS] = "weighted_tardiness",
    [CS_TERM_CO_MINUTES] = "changeover_minutes",
    [CS_TERM_CO_COST] = "changeover_cost",
    [CS_TERM_MAKESPAN] = "makespan",
    [CS_TERM_STABILITY] = "stability",
};

double cs_term_weight(const cs_settings *set, cs_term t)
{
    switch (t) {
    case CS_TERM_LATE_ORDERS: return set->weight_late_orders;
    case CS_TERM_TARDINESS: return set->weight_tardiness;
    case CS_TERM_CO_MINUTES: return set->weight_changeover_minutes;
    case CS_TERM_CO_COST: return set->weight_changeover_cost;
    case CS_TERM_MAKESPAN: return set->weight_makespan;
    case CS_TERM_STABILITY: return set->weight_stability;
    case CS_N_TERMS: break;
    }
    return 0.0;
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
