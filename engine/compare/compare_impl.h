/* compare_impl.h -- what compare.c reads from two plans and compare_format.c writes: the KPIs
 * side by side, the objective's terms of each side, the orders that changed, the verdict and
 * (for two scenarios) what their inputs differ in. Private to engine/compare/. */
#ifndef CS_COMPARE_IMPL_H
#define CS_COMPARE_IMPL_H

#include "cosched.h"

#include "plan/plan.h"

#include <stdbool.h>
#include <stdint.h>

enum { MOVE_MINUTES = 60 }; /* a start or end shifted by more than this counts as moved */

enum {
    CH_LINE = 1,     /* produced on another line */
    CH_MOVED = 2,    /* start or end moved by more than an hour */
    CH_LATE = 4,     /* on time in A, late in B */
    CH_ON_TIME = 8,  /* late in A, on time in B */
    CH_ONLY_A = 16,  /* the order is not in B */
    CH_ONLY_B = 32,  /* the order is not in A */
    CH_DONE_B = 64,  /* done by B's now: B leaves it out */
    CH_DONE_A = 128, /* done by A's now, planned again in B */
    CH_RUNNING = 256, /* in progress at B's now (said with its other changes) */
    CH_NOISE = 512    /* A planned again with another seed changes it too */
};

typedef struct {
    char name[96];
    char line[72]; /* per-line KPI (utilisation): the line id, else "" */
    bool has[2];
    double v[2];
} kpi_row;

typedef struct {
    char *id;
    bool in[2];
    bool scheduled[2];
    char *line[2];
    int64_t start[2], end[2]; /* epoch minutes */
    long tardiness[2];
    bool done[2];    /* summary.json lists it as done */
    bool running[2]; /* summary.json lists it as in progress */
    unsigned changes;
    int pos; /* where the plans list it, to keep ties in that order */
} order_row;

/* One side's objective as summary.json's objective_terms give it. */
typedef struct {
    bool has; /* the plan lists its terms */
    double weight[CS_N_TERMS];
    double value[CS_N_TERMS];
} side_terms;

struct cosched_comparison {
    char *dir[2];
    char *scenario[2]; /* the scenarios planned, when known (NULL: plans given) */
    bool plans_kept;   /* dir[] still exist after the comparison */
    char *status[2];
    kpi_row *kpis;
    int n_kpis;
    side_terms terms[2];
    order_row *orders; /* changed orders first, by their effect on the objective */
    int n_orders;
    int n_changed;
    int n_noise;       /* changed orders that may be search noise (CH_NOISE) */
    char *verdict;     /* one sentence: which plan is better and why */
    char **input_diff; /* what the inputs of two scenarios differ in, one line each */
    int n_input_diff;
};

/** The verdict of @p c (sets c->verdict). @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_compare_verdict(cosched_comparison *c);
/** The objective of @p values under @p weights. */
double cs_compare_score(const side_terms *weights, const side_terms *values);
/** True when both sides list their terms with the same weights. */
bool cs_compare_same_weights(const cosched_comparison *c);

#endif
