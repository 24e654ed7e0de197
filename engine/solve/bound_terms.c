/* bound_terms.c -- the objective's bound term by term: what each relaxation proves about
 * its own term, kept apart so that summary.json can show where a gap lies, and added with
 * the settings' weights into a bound of the whole objective. */
#include "solve/bound.h"

#include "base/base.h"

#include <math.h>
#include <string.h>

cosched_status cs_bound_terms(const cosched_scenario *sc, bool split, double time_limit_s,
                              bool repeatable,
                              cs_term_bounds *tb)
{
    memset(tb, 0, sizeof *tb);
    if (!split) {
        cs_bound_order_alone(sc, &tb->value[CS_TERM_TARDINESS], &tb->value[CS_TERM_MAKESPAN],
                             &tb->value[CS_TERM_LATE_ORDERS]);
        tb->has[CS_TERM_LATE_ORDERS] = true;
        tb->has[CS_TERM_TARDINESS] = true;
        tb->has[CS_TERM_MAKESPAN] = true;
    }
    tb->has[CS_TERM_STABILITY] = true; /* nothing better than 0 is known */
    double wm = sc->set.weight_changeover_minutes;
    double wc = sc->set.weight_changeover_cost;
    /* The changeover terms first, with an eighth of the time (GLPK milliseconds on most
     * plants, and the demo's exact optimum needs them whole); then the tardiness LP, up
     * to half the time (it refines its buckets while the time lasts); tardiness and
     * changeovers together (bound_tradeoff.c) the rest: its models are the slowest. */
    bool tradeoff = !split && sc->set.weight_tardiness > 0.0 && (wm > 0.0 || wc > 0.0);
    double end = cs_now() + (time_limit_s > 0.0 ? time_limit_s : 0.0);
    double tard_s = 0.5 * time_limit_s;
    time_limit_s *= tradeoff || sc->set.weight_tardiness > 0.0 ? 0.125 : 1.0;
    bool both = wm > 0.0 && wc > 0.0;
    /* Both weights: each term alone (a quarter of the time each) for the report, and the
     * weighted sum in one model (half), which can be more than the two added. */
    double share = both ? 0.25 * time_limit_s : time_limit_s;
    cosched_status st = COSCHED_OK;
    double b = 0.0;
    double clean = 0.0;
    if (wm > 0.0) {
        st = cs_bound_changeover(sc, 1.0, 0.0, share, &b);
        cs_bound_cleanings(sc, 1.0, 0.0, &clean);
        b += clean;
        tb->has[CS_TERM_CO_MINUTES] = true;
        tb->value[CS_TERM_CO_MINUTES] = b;
        tb->changeovers += wm * b;
    }
    if (wc > 0.0 && st == COSCHED_OK) {
        st = cs_bound_changeover(sc, 0.0, 1.0, share, &b);
        cs_bound_cleanings(sc, 0.0, 1.0, &clean);
        b += clean;
        tb->has[CS_TERM_CO_COST] = true;
        tb->value[CS_TERM_CO_COST] = b;
        tb->changeovers += wc * b;
    }
    if (both && st == COSCHED_OK) {
        st = cs_bound_changeover(sc, wm, wc, 2.0 * share, &b);
        cs_bound_cleanings(sc, wm, wc, &clean);
        tb->changeovers = fmax(tb->changeovers, b + clean);
    }
    /* A changeover model that failed leaves its bound as it stood; the tardiness LP runs
     * still, the tradeoff (which builds on both) not. */
    bool tard_short = false;
    if (sc->set.weight_tardiness > 0.0) {
        double lp = 0.0;
        cosched_status tst = cs_bound_tardiness_lp(sc, fmin(tard_s, end - cs_now()), repeatable,
                                                   &lp, &tard_short);
        if (tst == COSCHED_ENOMEM)
            return tst;
        if (lp > tb->value[CS_TERM_TARDINESS] || !tb->has[CS_TERM_TARDINESS]) {
            tb->value[CS_TERM_TARDINESS] = fmax(lp, tb->value[CS_TERM_TARDINESS]);
            tb->has[CS_TERM_TARDINESS] = true;
        }
    }
    tb->cut_short = tard_short;
    if (st != COSCHED_OK)
        return st;
    if (tradeoff) {
        bool short_joint = false;
        st = cs_bound_tradeoff(sc, tb, fmax(0.0, end - cs_now()), repeatable, &tb->has_joint,
                               &tb->joint, &short_joint);
        tb->cut_short = tb->cut_short || short_joint;
    }
    return st;
}

void cs_bound_merge(cs_term_bounds *into, const cs_term_bounds *other)
{
    for (int t = 0; t < CS_N_TERMS; t++) {
        if (other->has[t] && (!into->has[t] || other->value[t] > into->value[t]))
            into->value[t] = other->value[t];
        into->has[t] = into->has[t] || other->has[t];
    }
    into->changeovers = fmax(into->changeovers, other->changeovers);
    if (other->has_joint && (!into->has_joint || other->joint > into->joint))
        into->joint = other->joint;
    into->has_joint = into->has_joint || other->has_joint;
    into->cut_short = other->cut_short;
}

double cs_bound_objective(const cosched_scenario *sc, const cs_term_bounds *tb)
{
    /* Tardiness and changeovers: their bounds added, or both together when that is more. */
    double v = tb->changeovers;
    double wt = cs_term_weight(&sc->set, CS_TERM_TARDINESS);
    if (tb->has[CS_TERM_TARDINESS] && wt > 0.0)
        v += wt * tb->value[CS_TERM_TARDINESS];
    if (tb->has_joint && tb->joint > v)
        v = tb->joint;
    const cs_term others[] = { CS_TERM_LATE_ORDERS, CS_TERM_MAKESPAN, CS_TERM_STABILITY };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        double w = cs_term_weight(&sc->set, others[i]);
        if (tb->has[others[i]] && w > 0.0)
            v += w * tb->value[others[i]];
    }
    return v;
}
