/* priorities.c -- planner priorities (settings.csv `priorities`, e.g.
 * "late_orders > weighted_tardiness > changeover_minutes"): plans compare level by level, a
 * better higher level wins whatever the lower ones say, and the weights price only the terms
 * not named, as one last level.
 * Every search in the engine minimises one weighted sum, so the levels become weights: each
 * level's weight makes one step of its term (its resolution: 1 for counts and minutes, the
 * finest decimal of the order weights or costs) worth more than the most the levels below
 * could ever add up to (an upper bound over every plan the engine can write). The order of
 * two plans by that sum is then exactly their order level by level, as long as the double
 * holds every step: a plan whose sum passes 2^53 steps is never called optimal. */
#include "model/scenario.h"

#include "base/base.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The terms a level may name, in the objective's term order (plan/objective.c). */
const char *const cs_level_terms[CS_N_LEVEL_TERMS] = {
    "late_orders", "weighted_tardiness", "changeover_minutes", "changeover_cost", "makespan",
    "stability",
};

const char *cs_level_term_name(int term)
{
    return term >= 0 && term < CS_N_LEVEL_TERMS ? cs_level_terms[term] : "?";
}

bool cs_priorities_parse(const char *text, cs_settings *set, char *err, size_t err_size)
{
    set->n_levels = 0;
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strcspn(p, ">");
        size_t n = len;
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        int term = -1;
        for (int t = 0; t < CS_N_LEVEL_TERMS && term < 0; t++)
            if (strlen(cs_level_terms[t]) == n && strncmp(p, cs_level_terms[t], n) == 0)
                term = t;
        if (term < 0) {
            snprintf(err, err_size, "'%.*s' is not a term: use late_orders, weighted_tardiness, "
                     "changeover_minutes, changeover_cost, makespan or stability, separated "
                     "by '>'", (int)(n < 64 ? n : 64), p);
            return false;
        }
        for (int l = 0; l < set->n_levels; l++) {
            if (set->level_term[l] == term) {
                snprintf(err, err_size, "'%s' is named twice", cs_level_terms[term]);
                return false;
            }
        }
        set->level_term[set->n_levels++] = term;
        if (p[len] != '>')
            return true;
        p += len + 1;
    }
}

/* Decimals of @p x, up to 6: sums of such values move in steps of 10^-decimals. */
static int decimals(double x)
{
    int d = 0;
    x = fabs(x);
    while (d < 6 && fabs(x * pow(10.0, d) - round(x * pow(10.0, d))) > 1e-9 * fmax(1.0, x))
        d++;
    return d;
}

/* Upper bounds of every term over the plans the engine can write, and their resolutions. */
static void term_bounds(const cosched_scenario *sc, double *ub, double *res)
{
    double total_run = 0.0, max_co = 0.0, max_co_cost = 0.0, max_clean = 0.0, max_clean_cost = 0;
    int dec_weight = 0, dec_cost = 0;
    double start = 0.0, down = 0.0, min_run_limit = HUGE_VAL;
    for (int o = 0; o < sc->n_orders; o++) {
        double worst = 0.0;
        for (int l = 0; l < sc->n_lines; l++)
            worst = fmax(worst, (double)cs_run_minutes(sc, o, l));
        total_run += worst;
        start = fmax(start, (double)sc->orders[o].release_at);
        int d = decimals(sc->orders[o].weight);
        dec_weight = d > dec_weight ? d : dec_weight;
    }
    for (int l = 0; l < sc->n_lines; l++) {
        const cs_line *ln = &sc->lines[l];
        start = fmax(start, (double)ln->available_at);
        for (int w = 0; w < ln->n_downtime; w++)
            down += (double)(ln->downtime[w].end_at - ln->downtime[w].start_at);
        max_clean = fmax(max_clean, (double)ln->cleaning_minutes);
        max_clean_cost = fmax(max_clean_cost, ln->cleaning_cost);
        int dc = decimals(ln->cleaning_cost);
        dec_cost = dc > dec_cost ? dc : dec_cost;
        if (ln->max_run_minutes > 0)
            min_run_limit = fmin(min_run_limit, (double)ln->max_run_minutes);
        for (int a = 0; a < sc->n_products; a++)
            for (int b = 0; b < sc->n_products; b++) {
                max_co = fmax(max_co, (double)cs_co_minutes(sc, l, a, b));
                double c = cs_co_cost(sc, l, a, b);
                max_co_cost = fmax(max_co_cost, c);
                int dr = decimals(c);
                dec_cost = dr > dec_cost ? dr : dec_cost;
            }
    }
    double n = (double)sc->n_orders;
    /* Blocks: every order may be cut by splits, batches and cleanings; bounded generously by
     * a changeover before each and a cleaning after each stretch of the shortest limit. */
    double cleanings = isfinite(min_run_limit) ? total_run / min_run_limit + 2.0 * n : 0.0;
    double setups = (2.0 * n + (double)sc->n_lines) * max_co + cleanings * max_clean;
    /* Crew waits hold a line no longer than all setups of the plant together. */
    double t_max = start + total_run + 2.0 * setups + down;
    double tard = 0.0;
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *od = &sc->orders[o];
        tard += od->weight * fmax(0.0, t_max - (double)od->due_at);
    }
    ub[0] = n;
    ub[1] = tard;
    ub[2] = setups;
    ub[3] = (2.0 * n + (double)sc->n_lines) * max_co_cost + cleanings * max_clean_cost;
    ub[4] = t_max;
    ub[5] = n;
    res[0] = res[2] = res[4] = res[5] = 1.0;
    res[1] = pow(10.0, -dec_weight);
    res[3] = pow(10.0, -dec_cost);
}

/* Where each term's weight sits in the settings, in the terms' order. */
static const size_t weight_field[CS_N_LEVEL_TERMS] = {
    offsetof(cs_settings, weight_late_orders),     offsetof(cs_settings, weight_tardiness),
    offsetof(cs_settings, weight_changeover_minutes), offsetof(cs_settings, weight_changeover_cost),
    offsetof(cs_settings, weight_makespan),        offsetof(cs_settings, weight_stability),
};

double cs_settings_term_weight(const cs_settings *set, int term)
{
    double w;
    memcpy(&w, (const char *)set + weight_field[term], sizeof w);
    return w;
}

static double *weight_of(cs_settings *set, int term)
{
    return (double *)(void *)((char *)set + weight_field[term]);
}

void cs_priorities_apply(cosched_scenario *sc)
{
    cs_settings *set = &sc->set;
    if (set->n_levels == 0)
        return;
    double ub[CS_N_LEVEL_TERMS], res[CS_N_LEVEL_TERMS];
    term_bounds(sc, ub, res);
    bool named[CS_N_LEVEL_TERMS] = {false};
    for (int l = 0; l < set->n_levels; l++)
        named[set->level_term[l]] = true;
    /* The last level: the terms not named, at their weights. */
    double below = 0.0;
    for (int t = 0; t < CS_N_LEVEL_TERMS; t++)
        if (!named[t])
            below += *weight_of(set, t) * ub[t];
    for (int l = set->n_levels - 1; l >= 0; l--) {
        int t = set->level_term[l];
        double w = (below + 1.0) / res[t];
        *weight_of(set, t) = w;
        set->level_weight[l] = w;
        set->level_below[l] = below;
        below += w * ub[t];
    }
    /* The finest step any level (or the weighted rest) can move the sum by. */
    double step = HUGE_VAL;
    for (int l = 0; l < set->n_levels; l++)
        step = fmin(step, set->level_weight[l] * res[set->level_term[l]]);
    for (int t = 0; t < CS_N_LEVEL_TERMS; t++)
        if (!named[t] && *weight_of(set, t) > 0.0)
            step = fmin(step, *weight_of(set, t) * res[t]);
    set->level_step = step;
}

double cs_improvement_tol(const cs_settings *set, double v)
{
    double tol = 1e-9 * (fabs(v) > 1.0 ? fabs(v) : 1.0);
    /* With levels a sum near 10^14 still moves by a changeover minute's step: a relative
     * tolerance would ignore the lowest levels. */
    return set->n_levels > 0 ? fmin(tol, 0.5 * set->level_step) : tol;
}

bool cs_is_improvement(const cs_settings *set, double v, double ref)
{
    return v < ref - cs_improvement_tol(set, ref);
}

bool cs_priorities_exact(const cs_settings *set, double objective)
{
    /* Below 2^53 steps a double holds every step of the sum, so two plans of at most this
     * objective compare exactly level by level. */
    return set->n_levels == 0 || objective <= 9007199254740992.0 * set->level_step;
}
