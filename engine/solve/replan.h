/* replan.h -- re-planning from a previous plan (replan.c): frozen orders keep their line,
 * sequence and times; the rest is planned by cs_solve_model on a derived scenario. */
#ifndef CS_REPLAN_H
#define CS_REPLAN_H

#include "cosched.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int order;
    double quantity;
    int32_t start_at; /* first block's start */
    int32_t end_at;   /* last block's end */
    long src;         /* line of its first row in plan.csv */
} prev_job;

typedef struct {
    prev_job *v; /* in sequence */
    int n;
} prev_line_jobs;

/* One production row of the previous plan.csv. */
typedef struct {
    int line;
    long seq;
    int order;
    double quantity;
    int32_t start_at;
    int32_t end_at;
    long src; /* physical line in plan.csv */
} prev_row;

/* A previous plan as cosched_previous_load() read it. */
struct cosched_previous {
    char *dir;
    int n_orders;
    int n_lines;
    int *line;             /* [n_orders] line of the order's earliest job, -1: not in it */
    int32_t *start_at;     /* [n_orders] */
    int32_t *end_at;       /* [n_orders] end of its last production block */
    prev_line_jobs *lines; /* [n_lines] */
    prev_row *rows;        /* production rows, by line then seq */
    int n_rows;
    bool *done;            /* [n_orders] the previous plan's summary.json lists it as done */
    char **warnings;       /* what reading it found, "FILE:LINE: message", for the new plan */
    int n_warnings;
};




/** cosched_solve with opt->previous set: freeze the orders of the previous plan that start
 *  before the frozen horizon (opt->freeze_hours, else the scenario's frozen_until; none
 *  without either), plan the others from each line's state after its frozen orders, and
 *  build the whole plan on @p sc. Same contract as cosched_solve. */
cosched_status cs_replan_solve(const cosched_scenario *sc, const cosched_options *opt,
                               cosched_plan **out);

#endif
