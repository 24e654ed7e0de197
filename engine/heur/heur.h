/* heur.h -- the heuristics' working representation of a plan and the heuristics themselves.
 * A cs_sol holds per-line sequences of whole orders as int arrays plus a cache of each line's
 * cs_line_eval, so a move re-evaluates only the lines it changes. Every heuristic is
 * deterministic for given inputs (randomness comes from cs_rng, seeded by the caller). */
#ifndef CS_HEUR_H
#define CS_HEUR_H

#include "cosched.h"
#include "model/scenario.h"
#include "plan/plan.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int n_lines;
    int n_orders;
    int *seq;          /* [line * n_orders + pos]: order indices */
    int *len;          /* [n_lines] */
    cs_line_eval *ev;  /* [n_lines] cached evaluation of each line */
    double objective;  /* cs_objective_of(ev) */
} cs_sol;

/** Allocate an empty solution for @p sc (all lines empty, not evaluated). */
cosched_status cs_sol_init(cs_sol *s, const cosched_scenario *sc);
void cs_sol_destroy(cs_sol *s);
/** Copy @p src into @p dst (both initialised for the same scenario). */
void cs_sol_copy(cs_sol *dst, const cs_sol *src);
/** Empty every line. */
void cs_sol_clear(cs_sol *s);
static inline int *cs_sol_line(const cs_sol *s, int line)
{
    return s->seq + (size_t)line * s->n_orders;
}
/** Re-evaluate line @p line into the cache (objective is not updated). */
void cs_sol_eval_line(const cosched_scenario *sc, cs_sol *s, int line);
/** Re-evaluate every line and the objective. */
void cs_sol_eval(const cosched_scenario *sc, cs_sol *s);
/** True when every order stands exactly once on a line that can make it. */
bool cs_sol_is_complete(const cosched_scenario *sc, const cs_sol *s);
/** Fill @p p's sequences (whole orders) from @p s; does not build the plan. */
cosched_status cs_sol_to_plan(const cosched_scenario *sc, const cs_sol *s, cosched_plan *p);

/** True when a block of @p quantity units of @p order may stand on @p line: the line makes
 *  it and, for a splittable order, every batch the quantity becomes there (cs_plan_batches)
 *  holds at least min_split units, as does a part below the whole order. False means a
 *  sanitation interval or max_batch would cut it below min_split. */
bool cs_sol_part_fits(const cosched_scenario *sc, int order, int line, double quantity);

/** A small deterministic PRNG (splitmix64); never rand(). */
typedef struct {
    uint64_t state;
} cs_rng;
void cs_rng_seed(cs_rng *r, uint64_t seed);
uint64_t cs_rng_next(cs_rng *r);
/** Uniform in [0, n), n > 0. */
int cs_rng_below(cs_rng *r, int n);

/** Earliest-due-date dispatch: orders by due (then release, then index), each onto the
 *  eligible line where it would finish first. Always complete. */
cosched_status cs_heur_edd_run(const cosched_scenario *sc, cs_sol *out);
/** Keep the figures (KPIs, objective) of the rule's plan @p edd in @p p, for summary.json
 *  beside @p p's own; @p p's sequences are left alone. @return COSCHED_OK, COSCHED_ENOMEM
 *  or COSCHED_EINTERNAL (from cs_plan_build). */
cosched_status cs_heur_edd_keep(const cosched_scenario *sc, const cs_sol *edd, cosched_plan *p);

/** Insertion with exact evaluation of every position: cheapest insertion in order of due
 *  date, or (@p regret) regret-2 insertion. Always complete. */
cosched_status cs_heur_insert_run(const cosched_scenario *sc, cs_sol *out, bool regret);

/** Limits of the exact dynamic program. The caps make completion independent of the
 *  machine; the deadline is only a safety net. */
typedef struct {
    double deadline;  /* cs_now() value at which to give up */
    long max_work;    /* label extensions and combinations */
    long max_labels;  /* labels kept at once */
    long *work_done;  /* out, may be NULL */
} cs_exact_params;

/** Exact optimum over whole-order plans by subset dynamic programming (at most 16 orders),
 *  for the timing rule of plan.h with releases and downtime, without the extensions
 *  (cleaning, crews, split orders). @p solved is true when it completed: @p out then holds
 *  an optimal plan (evaluated); otherwise @p out is unspecified.
 *  @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_heur_exact_run(const cosched_scenario *sc, const cs_exact_params *par,
                                 cs_sol *out, bool *solved);

/** Search effort counted in steps, about one per order an evaluation times: every search
 *  adds what its evaluations cost, so a search that stops on a work limit takes the same
 *  steps, and gives the same plan, on any machine and under any load. */
typedef struct {
    double done;  /* steps so far */
    double limit; /* stop once done reaches it; < 0: no limit */
} cs_work;

/** True when @p w (may be NULL) has a limit and reached it. */
static inline bool cs_work_spent(const cs_work *w)
{
    return w != NULL && w->limit >= 0.0 && w->done >= w->limit;
}

/** Add @p steps to @p w (may be NULL). */
static inline void cs_work_add(cs_work *w, double steps)
{
    if (w != NULL)
        w->done += steps;
}

/** Limits and hooks of a local-search run. */
typedef struct {
    double deadline;       /* cs_now() value at which to stop: a safety net when @c work has
                              a limit, else the limit */
    long iteration_limit;  /* perturbation rounds; < 0: unlimited */
    cs_work *work;         /* effort meter shared by a solve's searches, may be NULL */
    int (*should_stop)(void *ud);
    void *stop_ud;
    /* called after each improvement of the best solution */
    void (*on_improve)(void *ud, const cs_sol *best);
    void *improve_ud;
} cs_ls_params;

/** True when the run must end: its work limit is spent, its deadline has passed or the
 *  caller asks to stop. The searches ask between rounds and, through cs_ls_stop, during
 *  them. */
bool cs_ls_budget_spent(const cs_ls_params *par);

/** The searches' stop test during a round, counting one move evaluation in @p *evals and
 *  its cost @p eval_steps on the work meter: true once @p *stopped; otherwise every
 *  (@p mask + 1)-th evaluation (mask = 2^k - 1) asks cs_ls_budget_spent and sets
 *  @p *stopped when it says so. The clock is asked that rarely because an evaluation can
 *  cost less than reading it; the work limit is checked as rarely, which is as repeatable. */
bool cs_ls_stop(const cs_ls_params *par, long *evals, long mask, bool *stopped,
                double eval_steps);

/** Iterated local search from @p best (complete, evaluated), improving it in place.
 *  @param rng the caller's generator (advanced), so a later call continues the stream.
 *  @param[out] iterations perturbation rounds done (may be NULL)
 *  @return COSCHED_OK or COSCHED_ENOMEM (then @p best is unchanged). */
cosched_status cs_heur_ls_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                              const cs_ls_params *par, long *iterations);

/** True when the plant is one line that heur_line.c's search covers: no cleanings, every
 *  order one batch there, at most a few hundred orders. */
bool cs_heur_line_applies(const cosched_scenario *sc);

/** Iterated local search over the sequence of a single line (see heur_line.c), from @p best
 *  (complete, evaluated), improving it in place; same contract as cs_heur_ls_run, which calls
 *  it when cs_heur_line_applies() (and the objective is not the makespan alone). */
cosched_status cs_heur_line_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                                const cs_ls_params *par, long *iterations);

/** True when the objective is the makespan alone (the other terms weigh nothing). */
bool cs_heur_cmax_applies(const cosched_scenario *sc);

/** Iterated greedy for the makespan alone (see heur_cmax.c), from @p best (complete,
 *  evaluated), improving it in place; same contract as cs_heur_ls_run, which calls it when
 *  cs_heur_cmax_applies(). */
cosched_status cs_heur_cmax_run(const cosched_scenario *sc, cs_sol *best, cs_rng *rng,
                                const cs_ls_params *par, long *iterations);

/** Limits of the final step. */
typedef struct {
    long max_work;      /* job evaluations and built blocks; makes the result repeatable */
    bool use_deadline;  /* also stop at deadline (only when results may vary anyway) */
    double deadline;    /* cs_now() value */
    long *work_done;    /* out, may be NULL */
    bool *timed_out;    /* out, may be NULL: the deadline stopped it before max_work */
} cs_split_params;

/** The final step of a solve (heur_split.c), from @p best (complete, evaluated): moves
 *  splittable orders off lines that cannot hold min_split; with limited cleaning crews
 *  compares @p best with the whole-order constructions by their built objective (crew
 *  waits included) and tries swaps; spreads late splittable orders (and those on the line
 *  that sets the makespan when it weighs) over several lines. Only changes that lower the
 *  built objective are kept. @p plan receives the sequences and is built.
 *  @param[out] what "split" or "crew-repair" when that changed the plan, else NULL.
 *  @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_heur_split_run(const cosched_scenario *sc, const cs_sol *best,
                                 const cs_split_params *par, cosched_plan *plan,
                                 const char **what);

#endif
