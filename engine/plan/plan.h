/* plan.h -- a plan: per-line sequences of jobs (the decision) and everything derived from
 * them by cs_plan_build(): timed blocks, order completions, KPIs and the objective.
 *
 * Timing rule (the one definition used by the heuristics, the MIP start, the writers and
 * the checker's recomputation): a line starts at its available_at with its initial_product.
 * For each job in order: if the line's current product differs from the job's product (and
 * the line is not clean), a changeover block starts at the first working minute >= t and
 * lasts the rule's minutes, pausing over downtime; then production starts at the first
 * working minute >= max(t, release) and lasts the job's run minutes, pausing over downtime.
 * t is always the end of the previous block. Same product back to back: no changeover. */
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
    int product;      /* production: its product; changeover: the next product; cleaning: the product on the line */
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
    int cap;
} cs_seq;

typedef struct {
    int32_t start_at;  /* first production block's start */
    int32_t end_at;    /* last production block's end (completion) */
    int32_t tardiness; /* max(0, end_at - due_at) */
    bool scheduled;
} cs_order_result;

struct cosched_plan {
    int n_lines;
    cs_seq *seq;             /* [n_lines] the decision */
    cs_block *blocks;        /* ordered by line then seq; filled by cs_plan_build */
    int n_blocks;
    int cap_blocks;          /* allocated entries of blocks */
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
};

/** A plan with @p n_lines empty sequences and no blocks. NULL on ENOMEM. */
cosched_plan *cs_plan_create(const cosched_scenario *sc);
cosched_plan *cs_plan_clone(const cosched_plan *p);
/** Append a job to line @p line's sequence. */
cosched_status cs_plan_append(cosched_plan *p, int line, int order, double quantity);
/** Remove all jobs (keeps capacity). */
void cs_plan_clear(cosched_plan *p);
/** Derive blocks, order results, KPIs, utilisation and objective from the sequences. */
cosched_status cs_plan_build(const cosched_scenario *sc, cosched_plan *p);
/** Set result.method (copied, truncated to 31 bytes). */
void cs_plan_set_method(cosched_plan *p, const char *method);

/** Figures of one line's sequence of whole orders, computed without allocating. */
typedef struct {
    double weighted_tardiness; /* sum weight * minutes late (without weight_tardiness) */
    int changeovers;
    int64_t changeover_minutes;
    double changeover_cost;
    int32_t last_end_at;       /* end of the last production block; -1 when empty */
} cs_line_eval;

/** Evaluate whole orders @p orders[0..n-1] run in that order on @p line (timing rule above). */
void cs_line_evaluate(const cosched_scenario *sc, int line, const int *orders, int n,
                      cs_line_eval *out);
/** The contract's objective from per-line figures (makespan = max last_end_at, at least 0). */
double cs_objective_of(const cosched_scenario *sc, const cs_line_eval *lines, int n_lines);

#endif
