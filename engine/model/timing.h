/* timing.h -- step 2 of the timing rule (plan/plan.h) and the least changeover into a
 * product: the one definition that the plan builder, the heuristics, the bounds and the
 * late reasons use. The functions are called in the searches' innermost loops, so the step
 * is inline here over the calendar arithmetic (calendar.c), which is already cheap on a line
 * without downtime. (A shortcut for such lines here cost more on lines with downtime than
 * it saved: measured with callgrind on scenarios/plant-ext.)
 *
 * plan/plan_check.c times a plan again on its own, on purpose: it is the independent
 * oracle that catches a mistake made here. */
#ifndef CS_TIMING_H
#define CS_TIMING_H

#include "model/scenario.h"

#include <stdbool.h>
#include <stdint.h>

/** Start of a changeover or cleaning on @p ln when its previous block ends at @p t: the
 *  first working minute >= t. */
static inline int32_t cs_timing_setup_start(const cs_line *ln, int32_t t)
{
    return cs_calendar_next_working(ln, t);
}

/** Start of production of an order released at @p release_at on @p ln when its previous
 *  block ends at @p t: the first working minute >= max(t, release_at). */
static inline int32_t cs_timing_production_start(const cs_line *ln, int32_t t,
                                                 int32_t release_at)
{
    return cs_timing_setup_start(ln, release_at > t ? release_at : t);
}

/** End of a block that starts at @p start (a working minute) and needs @p minutes working
 *  minutes: it pauses over downtime (cs_calendar_advance). */
static inline int32_t cs_timing_end(const cs_line *ln, int32_t start, int32_t minutes)
{
    return cs_calendar_advance(ln, start, minutes);
}

/** The step of one order: on @p ln, free from @p t, a changeover of @p co_minutes (0: none)
 *  at the next working minute, then production of @p run_minutes from max(t, release_at),
 *  each advancing over downtime. Returns the end of production. (A 0-minute changeover
 *  changes nothing: production starts at the first working minute after t either way.) */
static inline int32_t cs_timing_step(const cs_line *ln, int32_t t, int32_t co_minutes,
                                     int32_t release_at, int32_t run_minutes)
{
    if (co_minutes > 0)
        t = cs_timing_end(ln, cs_timing_setup_start(ln, t), co_minutes);
    return cs_timing_end(ln, cs_timing_production_start(ln, t, release_at), run_minutes);
}

/** The same step with time running without downtime: the MIP's view of a line, and the
 *  search of a single line without downtime (heur_line.c). */
static inline int32_t cs_timing_step_no_downtime(int32_t t, int32_t co_minutes,
                                                 int32_t release_at, int32_t run_minutes)
{
    t += co_minutes;
    return (release_at > t ? release_at : t) + run_minutes;
}

/** Which products may run right before another on a line, for cs_least_changeover_into:
 *  nonzero when product @p from may. */
typedef bool (*cs_may_precede_fn)(const void *ud, int from);

/** What the changeover from product @p from (-1: a clean line) to @p to on @p line weighs:
 *  @p wm per minute plus @p wc per unit of cost, negative parts left out. With wm = 1 and
 *  wc = 0 it is the changeover's minutes. */
double cs_co_weighted(const cosched_scenario *sc, int line, int from, int to, double wm,
                      double wc);

/** The least changeover (weighed by cs_co_weighted with @p wm, @p wc; wm = 1, wc = 0: its
 *  minutes) that production of @p product on @p line can be preceded by: from the line's
 *  initial state when @p from_initial (a clean line, or one set up for the product: 0), or
 *  from any product q for which @p may_precede says so (q == product: 0, another order of
 *  the product runs first). Pairs without a changeover rule never occur (the loader
 *  resolves every pair of products that a line makes) and are left out. -1 when nothing
 *  may precede it. */
double cs_least_changeover_into(const cosched_scenario *sc, int line, int product,
                                bool from_initial, cs_may_precede_fn may_precede,
                                const void *ud, double wm, double wc);

#endif
