/* plan_check_impl.h -- the independent plan checker's parts, private to engine/plan/:
 * plan_check.c (the driver and the shared helpers), plan_check_blocks.c (plan.csv row by row
 * and line by line, cleaning crews), plan_check_orders.c (figures recomputed from the blocks,
 * every order produced, order_schedule.csv), plan_check_summary.c (summary.json) and
 * plan_check_run.c (summary.json's search, EDD figures and run record). The
 * files are read through plan_file.h; the rules are the checker's own and share no code
 * with cs_plan_build. */
#ifndef CS_PLAN_CHECK_IMPL_H
#define CS_PLAN_CHECK_IMPL_H

#include "plan/plan.h"
#include "plan/plan_file.h"

#include <stdbool.h>
#include <stdint.h>

#define CS_CHECK_REL_TOL 1e-6

typedef struct {
    const cosched_scenario *sc;
    cosched_diags *diags;
    int n; /* violations, counted also past the sink's cap */
} cs_checker;

/* A row of plan.csv as read and resolved against the scenario. */
typedef struct {
    long src;         /* physical line in plan.csv */
    int line;         /* -1: unknown */
    long seq;         /* -1: unreadable */
    int kind;         /* cs_block_kind, -1: unreadable */
    int order;        /* -1: none or unknown */
    int product;      /* -1: empty or unknown */
    int from_product; /* -1: empty or unknown */
    double quantity;
    bool timed;       /* start and end parsed */
    int32_t start_at;
    int32_t end_at;
    long minutes;     /* -1: unreadable */
    double cost;
    bool continues;   /* production that resumes the line's previous production block's
                       * order after cleanings only (a run divided by sanitation) */
} cs_check_row;

typedef struct {
    int n_blocks;
    double qty;
    int32_t start_at;
    int32_t end_at;
    long first_src;
    bool timed;      /* every block timed */
    int32_t tardiness;
} cs_check_order_fig;

/* Figures recomputed from the blocks. */
typedef struct {
    cosched_kpis k;
    double *prod_minutes;      /* [n_lines] */
    cs_check_order_fig *of;    /* [n_orders] */
    int *by_order;             /* production rows grouped by order: rows of o are */
    int *by_order_first;       /* by_order[by_order_first[o] .. by_order_first[o + 1]) */
} cs_check_figures;

/* ---- plan_check.c ---- */
void cs_check_violation(cs_checker *c, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool cs_check_close_enough(double a, double b);
/* Product id, "(none)" for -1. */
const char *cs_check_pid(const cosched_scenario *sc, int product);
double cs_check_max_batch_of(const cosched_scenario *sc, int product, int line);
/* True when max_batch forces order @p o into several blocks on @p line. */
bool cs_check_batch_limited(const cosched_scenario *sc, int o, int line);

/* ---- plan_check_blocks.c ---- */
/* Read row @p r of plan.csv and check what can be checked from the row alone. */
void cs_check_read_row(cs_checker *c, const cs_plan_table *pt, int r, cs_check_row *w);
/* Replay line @p l's rows (@p idx, in file order): seq, overlaps, changeovers, sanitation. */
void cs_check_line(cs_checker *c, const char *file, int l, cs_check_row *rows, const int *idx,
                   int n);
/* The order in progress on line @p l, if any, is its first block, at its first minute. */
void cs_check_in_progress(cs_checker *c, const char *file, int l, const cs_check_row *rows,
                          const int *idx, int n);
/* At most cleaning_crews changeover and cleaning blocks at any minute. */
cosched_status cs_check_crews(cs_checker *c, const char *file, const cs_check_row *rows, int n);

/* ---- plan_check_orders.c ---- */
cosched_status cs_check_figures_compute(const cosched_scenario *sc, const cs_check_row *rows,
                                        int n, cs_check_figures *fg);
void cs_check_figures_free(cs_check_figures *fg);
/* Every order produced, in full, on lines allowed to divide it. */
void cs_check_orders(cs_checker *c, const char *file, const cs_check_row *rows,
                     const cs_check_figures *fg);
cosched_status cs_check_schedule(cs_checker *c, const cs_plan_table *pt,
                                 const cs_check_row *rows, const cs_check_figures *fg);

/* ---- plan_check_summary.c ---- */
/* True when the summary's status says the plan has blocks (not infeasible or no_solution). */
bool cs_check_summary_has_plan(const cs_plan_summary *s);
void cs_check_summary(cs_checker *c, const cs_plan_summary *s, const cs_check_row *rows,
                      const cs_check_figures *fg, bool has_blocks);
/* The objective of KPIs @p k under the scenario's weights, without the stability term (the
 * checker's own formula, for the plan's objective and the EDD rule's). */
double cs_check_objective(const cs_settings *set, const cosched_kpis *k);

/* ---- plan_check_run.c ---- */
/* summary.json's "search", "edd" and "run", when present; a run.input_sha256 other than
 * the scenario's digest is a warning (W_INPUT_CHANGED), not a violation. */
void cs_check_summary_run(cs_checker *c, const cs_plan_summary *s);

#endif
