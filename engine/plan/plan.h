/* plan.h -- a plan: per-line sequences of jobs (the decision) and everything derived from
 * them by cs_plan_build(): timed blocks, order completions, KPIs and the objective.
 *
 * Timing rule (the one definition used by the heuristics, the MIP start, the writers and
 * the checker's recomputation). It has two steps; step 2's code is model/timing.h, which
 * everything but the independent checker (plan_check.c) uses.
 *
 * 1. Shape. Each line's jobs become a list of blocks that does not depend on time. The line
 *    starts with its initial_product and a production count of 0 (working minutes of
 *    production since available_at, the last changeover or the last cleaning). For each job:
 *    - if the line's product differs from the job's product (and the line is not clean), a
 *      changeover block with the rule's minutes and cost; it resets the count to 0;
 *    - the job's quantity q is cut into n = ceil(q / max_batch) batches when the line's
 *      max_batch for the product is below q (whole units: n = ceil(q / floor(max_batch)),
 *      sizes differ by at most one unit, larger first; otherwise q / n each); else n = 1.
 *      For a split order on a line with max_run_minutes, the batch limit is also the most
 *      units one whole interval holds (so no part needs cutting below min_split).
 *      Batches are consecutive production blocks of the order, with no changeover between;
 *    - a batch whose run minutes would take the count past the line's max_run_minutes is
 *      divided: the first part is the most units (whole units when the batch is whole) whose
 *      run minutes fit the rest of the limit, then a cleaning block (cleaning_minutes,
 *      cleaning_cost, product = from_product = the product on the line) resets the count,
 *      and the rest continues the same way. When no part fits, the cleaning comes first.
 *      For a split order no part (nor the rest) is cut below min_split: the cleaning comes
 *      first instead, unless not even a clean line holds min_split units.
 *      A cleaning is placed only before more production of the same product: when a
 *      changeover comes next anyway, it resets the count and no cleaning is needed.
 *    Every production block's minutes are the contract's run-minutes formula for its own
 *    quantity (so dividing may cost a minute of rounding).
 * 2. Time. t is the end of the line's previous block (available_at at first). A changeover
 *    or cleaning starts at the first working minute >= t; a production block at the first
 *    working minute >= max(t, the order's release). Each lasts its minutes of working time,
 *    pausing over downtime, so end = start + minutes + the downtime inside.
 *    Cleaning crews (settings cleaning_crews = c > 0): at most c changeover and cleaning
 *    blocks may be in progress at any minute across all lines, a block being in progress
 *    over [start, end) (downtime pause included; a 0-minute block needs no crew). Lines are
 *    then timed together, event by event: the line whose next block could start earliest
 *    (ties: lower line index) places it next; a changeover or cleaning takes the earliest
 *    start s >= its earliest as above, s a working minute, such that fewer than c placed
 *    crew blocks are in progress at every minute of [s, end(s)). The line idles while it
 *    waits for a crew. Production never needs a crew. With unlimited crews every line is
 *    timed alone.
 * An order's start is its first production block's start, its completion the end of its
 * last one (it may stand in several jobs, on several lines). */
#ifndef CS_PLAN_H
#define CS_PLAN_H

#include "cosched.h"
#include "model/scenario.h"

#include <stdint.h>

typedef enum { CS_BLOCK_CHANGEOVER = 0, CS_BLOCK_PRODUCTION, CS_BLOCK_CLEANING } cs_block_kind;

typedef struct {
    cs_block_kind kind;
    int line;
    int seq;          /* 1-based per line, over all blocks */
    int order;        /* production: the order; else -1 */
    int product;      /* production: its product; changeover: the next product; cleaning:
                       * the product on the line */
    int from_product; /* changeover: previous product; cleaning: the product on the line; else -1 */
    double quantity;  /* production: units; else 0 */
    int32_t start_at;
    int32_t end_at;
    int32_t minutes;  /* working minutes, downtime excluded */
    double cost;
} cs_block;

/** One entry of a line's sequence: (part of) an order. */
typedef struct {
    int order;
    double quantity;
} cs_job;

typedef struct {
    cs_job *jobs;
    int n;
    size_t cap;
} cs_seq;

typedef struct {
    int32_t start_at;  /* first production block's start */
    int32_t end_at;    /* last production block's end (completion) */
    int32_t tardiness; /* max(0, end_at - due_at) */
    bool scheduled;
    int n_lines;       /* lines it is produced on (more than one when split) */
    int first_line;    /* the lowest of them; -1 when not scheduled */
    int last_line;     /* the highest of them; -1 when not scheduled */
} cs_order_result;

/** What a re-plan started from (solve/replan.c fills it); reported in summary.json and
 *  re-checked from there by the checker. */
typedef struct {
    int *prev_line;         /* [n_orders] line in the previous plan, -1: none (new order) */
    bool *frozen;           /* [n_orders] kept line, sequence and times */
    int n_frozen;
    int n_retimed;          /* frozen orders whose times differ from the previous plan */
    char *previous_dir;     /* as the caller named it */
    bool has_frozen_until;
    int32_t frozen_until_at;
} cs_replan_info;

/* ---- the objective's terms (objective.c) ---- */

/** The terms the objective adds up, in summary.json's order. */
typedef enum {
    CS_TERM_LATE_ORDERS = 0, /* weight_late_orders x orders that end after their due date */
    CS_TERM_TARDINESS,     /* weight_tardiness x sum of order weight x minutes late */
    CS_TERM_CO_MINUTES,    /* weight_changeover_minutes x changeover and cleaning minutes */
    CS_TERM_CO_COST,       /* weight_changeover_cost x changeover and cleaning cost */
    CS_TERM_MAKESPAN,      /* weight_makespan x makespan minutes */
    CS_TERM_STABILITY,     /* weight_stability x orders moved off their previous line */
    CS_N_TERMS
} cs_term;

struct cosched_plan {
    int n_lines;
    cs_seq *seq;             /* [n_lines] the decision */
    cs_block *blocks;        /* ordered by line then seq; filled by cs_plan_build */
    int n_blocks;
    size_t cap_blocks;       /* allocated entries of blocks */
    cs_order_result *orders; /* [n_orders] */
    int n_orders;
    cosched_kpis kpis;
    double *utilization;     /* [n_lines] production minutes / (makespan - downtime inside it) */
    double objective;        /* recomputed by cs_plan_build */
    cosched_result result;   /* filled by the solver; result.objective mirrors objective */
    char method[32];         /* storage for result.method */
    /* The run's effective settings, reported in summary.json; negative = the scenario's
     * settings.csv value (cs_plan_create sets them so). */
    long seed;
    double time_limit_s;
    double mip_gap;
    /* Re-planning: owned, NULL for a plan made from scratch. With it, cs_plan_build counts
     * orders moved from replan->prev_line (else from the scenario's, which a derived
     * scenario borrows from this record). */
    cs_replan_info *replan;
    char **warnings;         /* owned: what went wrong on the way, each a full sentence */
    int n_warnings;
    size_t cap_warnings;
    /* Lower bound of each term's value (unweighted) where one was proven, for summary.json
     * beside objective_terms; filled by the solver with result.bound. */
    bool has_term_bound[CS_N_TERMS];
    /* The earliest-due-date rule's plan of the same scenario (what a planner's rule of thumb
     * gives), evaluated as this plan is: summary.json shows it beside this plan's figures.
     * Set by the solver after the rule ran (cs_heur_edd_keep); false in a re-plan, where the
     * rule planned only the orders that were not frozen. */
    bool has_edd;
    double term_bound[CS_N_TERMS];
    cosched_kpis edd_kpis;
    double edd_objective;
    /* The run, for summary.json's "run" record (cs_plan_set_run): when the solve started
     * (UTC seconds since 1970), the iteration limit and frozen hours asked for (< 0: none). */
    int64_t started_unix_s;
    long iteration_limit;
    double freeze_hours;
};

/** The terms' names in summary.json ("weighted_tardiness", ...). */
extern const char *const *const cs_term_names;
double cs_term_weight(const cs_settings *set, cs_term t);
/** The plan's value of term @p t, unweighted. */
double cs_term_value(const cosched_kpis *k, cs_term t);
/** weight x value (0 when the weight is 0). */
double cs_term_contribution(const cs_settings *set, const cosched_kpis *k, cs_term t);
/** The objective: the sum of every term's contribution. */
double cs_objective_from_kpis(const cs_settings *set, const cosched_kpis *k);

/** A plan with @p n_lines empty sequences and no blocks. NULL on ENOMEM. */
cosched_plan *cs_plan_create(const cosched_scenario *sc);
cosched_plan *cs_plan_clone(const cosched_plan *p);
/** Append a job to line @p line's sequence.
 *  @return COSCHED_OK, COSCHED_ENOMEM, or COSCHED_EINTERNAL for a line or order out of
 *          range or a quantity <= 0 (the engine's callers never pass one). */
cosched_status cs_plan_append(cosched_plan *p, int line, int order, double quantity);
/** Remove all jobs (keeps capacity). */
void cs_plan_clear(cosched_plan *p);
/** Derive blocks, order results, KPIs, utilisation and objective from the sequences.
 *  @return COSCHED_OK, COSCHED_ENOMEM, or COSCHED_EINTERNAL when @p p is not of @p sc's
 *          shape or a job cannot run where the sequence puts it (no rate, no changeover
 *          rule): the heuristics only build runnable sequences, so this is a bug. */
cosched_status cs_plan_build(const cosched_scenario *sc, cosched_plan *p);
/** Record the run's start (UTC seconds since 1970) and the options @p opt asked for. */
void cs_plan_set_run(cosched_plan *p, const cosched_options *opt, int64_t started_unix_s);
/** Set result.method (copied, truncated to 31 bytes). */
void cs_plan_set_method(cosched_plan *p, const char *method);
/** Add a warning to the plan (formatted, at most 511 bytes).
 *  @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_plan_warn(cosched_plan *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** Append @p src's warnings to @p dst's. @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_plan_copy_warnings(cosched_plan *dst, const cosched_plan *src);

/** Figures of one line's sequence, computed without allocating. */
typedef struct {
    double weighted_tardiness; /* sum weight * minutes late (without weight_tardiness) */
    int late;                  /* orders that end late here */
    int changeovers;
    int64_t changeover_minutes;
    double changeover_cost;
    int cleanings;
    int64_t cleaning_minutes;
    double cleaning_cost;
    int32_t last_end_at;       /* end of the last production block; -1 when empty */
    int moved;                 /* orders here whose previous line (cs_scenario_prev_line) differs */
} cs_line_eval;

/** Evaluate whole orders @p orders[0..n-1] run in that order on @p line (timing rule above:
 *  batches and cleanings included). With unlimited cleaning crews the figures are exactly
 *  those cs_plan_build gives the line. With limited crews they ignore waits for a crew, so
 *  they are optimistic (times may only get later in the built plan, never earlier); KPIs
 *  and the objective of a plan always come from cs_plan_build. */
void cs_line_evaluate(const cosched_scenario *sc, int line, const int *orders, int n,
                      cs_line_eval *out);
/** As cs_line_evaluate, for jobs that may hold part of an order. An order standing in
 *  several jobs of the sequence counts its tardiness once, at the end of its last job here;
 *  an order also produced on other lines completes at the latest of its lines' ends, which
 *  the caller has to combine (cs_plan_build does). */
void cs_line_evaluate_jobs(const cosched_scenario *sc, int line, const cs_job *jobs, int n,
                           cs_line_eval *out);
/** The contract's objective from per-line figures (makespan = max last_end_at, at least 0;
 *  cleaning minutes and cost count with the changeover weights), plus weight_stability per
 *  order moved (0 unless re-planning). */
double cs_objective_of(const cosched_scenario *sc, const cs_line_eval *lines, int n_lines);

/** Free a re-plan record (NULL is a no-op). */
void cs_replan_info_free(cs_replan_info *ri);
/** Deep copy of @p ri for a plan of @p n_orders orders; NULL on ENOMEM (or when ri is NULL). */
cs_replan_info *cs_replan_info_clone(const cs_replan_info *ri, int n_orders);

/** Number of batches and the largest batch that a job of @p quantity units of @p order
 *  becomes on @p line (rule step 1); 1 and @p quantity when nothing limits it. */
int cs_plan_batches(const cosched_scenario *sc, int order, int line, double quantity,
                    double *largest);

#endif
