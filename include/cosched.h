/* cosched.h -- the public C API of libcosched, a changeover-aware production scheduler.
 *
 * A caller loads a scenario directory (CSV files, see README "Input files"), solves it and
 * writes or inspects the plan. The library never prints, exits or aborts: problems in the
 * input go into a diagnostics sink, progress goes to an optional log callback.
 * Ownership: whatever a *_create / *_load / cosched_solve returns belongs to the caller and
 * is released with the matching *_free (NULL is a no-op). Out parameters are written only
 * on success.
 * Statuses: each function that returns a cosched_status lists the ones it can return.
 * COSCHED_EINVAL always means the call was wrong (a NULL argument, a bad value);
 * COSCHED_EINTERNAL means the library failed on a valid call (a bug, worth reporting). */
#ifndef COSCHED_H
#define COSCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define COSCHED_VERSION "0.1.0"
/** Version of the JSON schemas in docs/schema/ that every JSON object written follows
 *  (`schema_version`); it changes only when a key is removed or renamed or a type changes. */
#define COSCHED_SCHEMA_VERSION 1

/** Result of a call. An infeasible scenario is not an error: see cosched_outcome. */
typedef enum {
    COSCHED_OK = 0,
    COSCHED_ENOMEM,  /**< out of memory */
    COSCHED_EIO,     /**< a file could not be read */
    COSCHED_ENOENT,  /**< a required input file or directory is missing */
    COSCHED_EINPUT,  /**< the input has errors; the diagnostics say which */
    COSCHED_EWRITE,  /**< an output file could not be written */
    COSCHED_ESOLVER, /**< the MIP backend failed (the engine falls back to heuristics) */
    COSCHED_EINVAL,  /**< a caller passed an invalid argument (bad option value, ...) */
    COSCHED_EINTERNAL, /**< an internal failure: a bug of the library, not of the input or
                        *   of the call (the CLI exits 70) */
    COSCHED_ETIMEOUT  /**< the time limit given to the call passed before it finished; it
                       *   produced nothing (the diagnostics say where it stopped) */
} cosched_status;

/** What a solve achieved, as reported in summary.json "status". */
typedef enum {
    COSCHED_OUTCOME_OPTIMAL = 0, /**< proven optimal for the whole model (within mip_gap) */
    COSCHED_OUTCOME_FEASIBLE,    /**< a valid plan, optimality not proven */
    COSCHED_OUTCOME_INFEASIBLE,  /**< proven that no plan exists */
    COSCHED_OUTCOME_NO_SOLUTION  /**< no plan found, infeasibility not proven */
} cosched_outcome;

/** Text of a status ("ok", "out of memory", ...). Static storage. */
const char *cosched_status_str(cosched_status st);
/** "optimal", "feasible", "infeasible" or "no_solution". Static storage. */
const char *cosched_outcome_str(cosched_outcome oc);

/* ---- diagnostics ------------------------------------------------------------------------ */

typedef enum { COSCHED_SEV_ERROR = 0, COSCHED_SEV_WARNING } cosched_severity;

/** One problem found in the input or in a plan. Strings are owned by the sink. */
typedef struct {
    cosched_severity severity;
    const char *file;    /**< path as the caller named it, e.g. "scenarios/demo/orders.csv" */
    long line;           /**< 1-based physical line of the record (header = 1); 0 = whole file */
    const char *column;  /**< column name, or NULL */
    const char *message; /**< full text without the FILE:LINE prefix */
    const char *code;    /**< stable machine code, "E_..." for an error, "W_..." for a
                          *   warning (README "Diagnostic codes"); static storage */
} cosched_diag;

typedef struct cosched_diags cosched_diags;

/** A sink that keeps up to @p max_errors errors (warnings are kept up to the same number). */
cosched_diags *cosched_diags_create(int max_errors);
void cosched_diags_free(cosched_diags *d);
/** Number of entries kept (errors and warnings). */
int cosched_diags_count(const cosched_diags *d);
int cosched_diags_n_errors(const cosched_diags *d);
/** True when more errors were found than the sink keeps. */
bool cosched_diags_truncated(const cosched_diags *d);
/** Entry @p i (0-based, in the order found), borrowed. */
const cosched_diag *cosched_diags_get(const cosched_diags *d, int i);
/** Write every entry as "FILE:LINE: error: message" (GNU style) to @p fp. */
void cosched_diags_print(const cosched_diags *d, FILE *fp);

/** "Did you mean": the one of @p candidates[0..n) that @p word most likely stands for, for
 *  a hint after an unknown column, option or command. A candidate qualifies when it equals
 *  @p word but for case and the separators '_', '-' and ' ' ("Order_ID" for "order_id"),
 *  lies within 2 edits of it (1 for words of up to 4 letters, none for 2: "relese" for
 *  "release"), or is it with one more word joined by a separator ("due_date" for "due");
 *  the closest wins, the first of equals. @return a pointer from @p candidates, or NULL when
 *  none qualifies (or @p word is one of them). */
const char *cosched_suggest(const char *word, const char *const *candidates, int n);

/* ---- scenario --------------------------------------------------------------------------- */

typedef struct cosched_scenario cosched_scenario;

/** Load and validate the scenario directory @p dir.
 *  @param diags    receives every input problem (required)
 *  @param[out] out on COSCHED_OK, a new scenario owned by the caller.
 *  @return COSCHED_OK, COSCHED_ENOENT (directory or required file missing), COSCHED_EINPUT
 *          (see @p diags; also a file beyond its record cap, README "Limits today"),
 *          COSCHED_EIO (a file cannot be read), COSCHED_ENOMEM, or COSCHED_EINVAL (@p dir,
 *          @p diags or @p out is NULL). */
cosched_status cosched_scenario_load(const char *dir, cosched_diags *diags,
                                     cosched_scenario **out);
void cosched_scenario_free(cosched_scenario *sc);

/** Where an order stands at `now` (orders.csv `status`, see README "The nightly loop"). */
typedef enum {
    COSCHED_ORDER_OPEN = 0,    /**< to plan, its remaining quantity (quantity - produced) */
    COSCHED_ORDER_IN_PROGRESS, /**< running now on line_id: it continues first there */
    COSCHED_ORDER_DONE         /**< finished: not planned, counted in kpis.done_orders */
} cosched_order_status;

/** The state of one order at `now`, as given by a caller instead of orders.csv. */
typedef struct {
    const char *order_id;
    cosched_order_status status;
    double produced;     /**< units made before now (0 <= produced < quantity) */
    const char *line_id; /**< the line an in-progress order runs on, else NULL */
} cosched_actual;

/** What a load takes besides the scenario's files. Fill with cosched_load_options_init(). */
typedef struct {
    /** "YYYY-MM-DDTHH:MM": replaces settings.csv `now` (the command line's --now); NULL: keep. */
    const char *now;
    /** Seconds the load may take (cosched plan gives what is left of its time limit):
     *  past them it stops with COSCHED_ETIMEOUT, checked while files are read and while the
     *  scenario is derived from them. < 0: the scenario's own time_limit_s (settings.csv,
     *  else its default); 0: no limit (the default, and the meaning of a time limit of 0,
     *  "the first plan found"). */
    double time_limit_s;
    /** Statuses for orders that orders.csv leaves `open` (a status orders.csv gives
     *  explicitly wins). Orders not named keep theirs. Borrowed for the call. */
    const cosched_actual *actuals;
    int n_actuals;
} cosched_load_options;

void cosched_load_options_init(cosched_load_options *lo);
/** cosched_scenario_load() with @p lo applied (NULL: none). An error in lo->now is reported
 *  as "--now: error: ..."; an actual naming an order orders.csv does not have is ignored.
 *  @return as cosched_scenario_load(), or COSCHED_ETIMEOUT (lo->time_limit_s passed; the
 *          diagnostic E_TIME_LIMIT says where). */
cosched_status cosched_scenario_load_with(const char *dir, const cosched_load_options *lo,
                                          cosched_diags *diags, cosched_scenario **out);
int cosched_scenario_n_orders(const cosched_scenario *sc);
int cosched_scenario_n_lines(const cosched_scenario *sc);

/* ---- options ---------------------------------------------------------------------------- */

typedef enum { COSCHED_LOG_ERROR = 0, COSCHED_LOG_INFO, COSCHED_LOG_DEBUG } cosched_log_level;

/** Solve options. Fill with cosched_options_init(); a field left "unset" (negative) takes
 *  the scenario's settings.csv value. */
typedef struct {
    double time_limit_s;   /**< wall-clock budget of the whole solve; < 0: from settings */
    /** Search effort in machine-independent work units (about a second of search each on
     *  the reference machine); the searches stop there, so the plan does not depend on the
     *  machine or its load, unless the time limit comes first. < 0: from settings (whose
     *  default is a share of the time limit). Ignored with only an iteration limit. */
    double work_limit;
    double mip_gap;        /**< relative gap at which the MIP may stop; < 0: from settings */
    long seed;             /**< seed of randomised search; < 0: from settings */
    long iteration_limit;  /**< local-search iterations, a machine-independent work limit; < 0: default */
    void (*log)(void *ud, cosched_log_level level, const char *msg); /**< may be NULL */
    void *log_ud;
    cosched_log_level log_level; /**< the most detailed level passed to @c log */
    /** Polled during the search; a non-zero answer stops it with the best plan so far. */
    int (*should_stop)(void *ud);
    void *stop_ud;
    /** Re-planning: the previous plan to start from (see cosched_previous_load), borrowed,
     *  or NULL. With it the solve keeps frozen orders and counts orders moved. */
    const struct cosched_previous *previous;
    /** Frozen horizon as hours after horizon_start (used with @c previous when the
     *  scenario's settings give no frozen_until, and overriding it when >= 0); < 0: unset. */
    double freeze_hours;
    /** Seconds of the time limit the caller spends outside the solve (loading the scenario
     *  before it, writing the plan after it), so that the whole run keeps the limit: the
     *  searches stop that much earlier, but never before half the limit. 0: none. */
    double reserve_s;
} cosched_options;

void cosched_options_init(cosched_options *opt);
/** Set option @p key ("time_limit_s", "work_limit", "mip_gap", "seed", "iteration_limit",
 *  "freeze_hours") from text.
 *  @return COSCHED_OK, or COSCHED_EINVAL for an unknown key, a bad value or a NULL
 *          argument (@p opt is then unchanged). */
cosched_status cosched_options_set(cosched_options *opt, const char *key, const char *value);

/** One settings key as help texts show it: the one table that settings.csv and
 *  cosched_options_set() follow. */
typedef struct {
    const char *key;   /**< e.g. "time_limit_s" (static storage) */
    const char *help;  /**< one line (static storage) */
    char range[64];    /**< "a number in [0, 1]", "a datetime YYYY-MM-DDTHH:MM", "text" */
    char dflt[32];     /**< the default as text; "" when there is none */
    bool in_file;      /**< may be given in settings.csv */
    bool in_options;   /**< may be given to cosched_options_set() (so on the command line) */
} cosched_setting_doc;

/** Number of settings keys. */
int cosched_settings_count(void);
/** Describe settings key @p i (0-based, < cosched_settings_count()) into @p out.
 *  @return COSCHED_OK, or COSCHED_EINVAL (@p i out of range, @p out NULL). */
cosched_status cosched_setting_doc_get(int i, cosched_setting_doc *out);

/* ---- plan ------------------------------------------------------------------------------- */

typedef struct cosched_plan cosched_plan;

/** Headline figures of a plan; they are also written to summary.json. */
typedef struct {
    double weighted_tardiness_minutes; /**< sum of order weight x minutes late */
    int late_orders;
    int changeovers;
    int64_t changeover_minutes;
    double changeover_cost;
    int cleanings;
    int64_t cleaning_minutes;
    double cleaning_cost;
    int64_t makespan_minutes; /**< horizon_start to the end of the last production block */
    int orders_moved; /**< re-planning: orders now on another line than in the previous plan */
} cosched_kpis;

/** What ended the search for a plan. */
typedef enum {
    COSCHED_STOP_COMPLETE = 0,    /**< nothing left to search: proven, or a search finished */
    COSCHED_STOP_WORK_LIMIT,      /**< the work limit: the same plan on any machine */
    COSCHED_STOP_ITERATION_LIMIT, /**< the iteration limit: the same plan on any machine */
    COSCHED_STOP_TIME_LIMIT,      /**< the clock, before the work or iteration limit: another
                                       run may give another plan */
    COSCHED_STOP_INTERRUPTED      /**< should_stop answered non-zero (a signal in the CLI) */
} cosched_stop;

/** "complete", "work_limit", "iteration_limit", "time_limit", "interrupted". */
const char *cosched_stop_name(cosched_stop stop);

typedef struct {
    cosched_outcome outcome;
    cosched_stop stopped_by; /**< what ended the search */
    double objective;     /**< meaningful when a plan exists */
    bool has_bound;
    double bound;         /**< best proven lower bound of the objective */
    double solve_seconds; /**< wall time of the solve */
    const char *method;   /**< what found the final plan ("mip", "local-search", ...) */
    bool mip_complete;    /**< the MIP covered the whole model (no part of it relaxed) */
    /** True when the plan does not depend on the machine or its load: no clock or
     *  interruption decided when the search stopped (stopped_by is not time_limit or
     *  interrupted). */
    bool repeatable;
    double work_units;       /**< search effort spent, in work units */
    double work_limit_units; /**< the work limit in work units; < 0: none */
} cosched_result;

/** Plan @p sc. Always yields a plan object; check cosched_plan_result()->outcome. A failure
 *  of the MIP backend is no error: the plan then comes from the heuristics and says so in
 *  its warnings. @p opt may be NULL (defaults and settings.csv).
 *  @return COSCHED_OK, COSCHED_ENOMEM, COSCHED_EINVAL (@p sc or @p out is NULL, or
 *          opt->previous was read for a scenario with other orders or lines), or
 *          COSCHED_EINTERNAL. */
cosched_status cosched_solve(const cosched_scenario *sc, const cosched_options *opt,
                             cosched_plan **out);
void cosched_plan_free(cosched_plan *plan);
const cosched_result *cosched_plan_result(const cosched_plan *plan);
const cosched_kpis *cosched_plan_kpis(const cosched_plan *plan);
/** Relative gap (objective - bound) / max(|objective|, 1e-9); returns false when unknown. */
bool cosched_plan_gap(const cosched_plan *plan, double *gap);
/** Warnings of the run that made the plan: a solver step that failed and was stepped around,
 *  orders that re-planning could not keep frozen. Also written to summary.json "warnings". */
int cosched_plan_n_warnings(const cosched_plan *plan);
/** Warning @p i (0-based, < cosched_plan_n_warnings()), owned by the plan. */
const char *cosched_plan_warning(const cosched_plan *plan, int i);
/** Add the warnings of @p diags (its errors are ignored) to the plan's, as "FILE:LINE:
 *  message": those cosched_previous_load() gave about the previous plan (orders and lines
 *  the scenario no longer has), so that summary.json keeps them.
 *  @return COSCHED_OK, COSCHED_EINVAL (an argument is NULL) or COSCHED_ENOMEM. */
cosched_status cosched_plan_add_warnings(cosched_plan *plan, const cosched_diags *diags);

/** Write plan.csv, order_schedule.csv, report.html, dispatch.csv, dispatch.html and
 *  summary.json into @p dir (created if needed), as one set swapped in at once, so a reader
 *  never sees a partial file or a mix of two plans.
 *  Nothing is written for a plan that ends after CS_MAX_PLAN_MINUTES (40,000,000 minutes)
 *  or in the year 10000 (COSCHED_EINPUT), nor for one that lacks an order (COSCHED_ESOLVER).
 *  @return COSCHED_OK, COSCHED_EWRITE, COSCHED_EINPUT, COSCHED_ESOLVER, COSCHED_ENOMEM or
 *          COSCHED_EINTERNAL (the message goes to @p diags; files already in @p dir are left
 *          as they were). */
cosched_status cosched_plan_write(const cosched_scenario *sc, const cosched_plan *plan,
                                  const char *dir, cosched_diags *diags);
/** summary.json as a NUL-terminated string; the caller frees it with free(). NULL on ENOMEM. */
char *cosched_plan_summary_json(const cosched_scenario *sc, const cosched_plan *plan);
/** Print a human-readable summary (status, objective, bound, gap, KPIs, late orders). */
void cosched_plan_print_summary(const cosched_scenario *sc, const cosched_plan *plan, FILE *fp);

/** Make sure cosched_plan_write() could write into @p dir, before a long solve: missing
 *  parents are created and a probe file is written where the plan files would be staged,
 *  then removed. @p dir itself is not created and an existing @p dir is left as it was.
 *  @return COSCHED_OK or COSCHED_EWRITE (the message, naming the path, goes to @p diags),
 *          COSCHED_ENOMEM. */
cosched_status cosched_plan_dir_check(const char *dir, cosched_diags *diags);

/** Verify the plan files in @p plan_dir against @p sc: every order exactly once, eligibility,
 *  run minutes, releases, overlaps, downtime, changeovers, and the figures in summary.json.
 *  Every violation goes to @p diags as an error naming the plan file and line.
 *  @param[out] n_violations number of violations found
 *  @return COSCHED_OK (even with violations), COSCHED_ENOENT (a plan file is missing),
 *          COSCHED_EINPUT (plan files malformed), COSCHED_EIO (a plan file cannot be
 *          read) or COSCHED_ENOMEM. */
cosched_status cosched_plan_check(const cosched_scenario *sc, const char *plan_dir,
                                  cosched_diags *diags, int *n_violations);

/* ---- comparing two plans -------------------------------------------------------------- */

/** The differences between two written plans: their KPIs side by side, and the orders that
 *  changed line, moved by more than an hour, or became late or on time. */
typedef struct cosched_comparison cosched_comparison;

/** Output formats of cosched_comparison_format(). */
typedef enum {
    COSCHED_FORMAT_MD = 0, /**< Markdown tables, for people and READMEs */
    COSCHED_FORMAT_CSV,    /**< one table: kind,id,a,b,delta,a_line,b_line,... */
    COSCHED_FORMAT_JSON    /**< one JSON object */
} cosched_format;

/** Read the plan directories @p plan_a and @p plan_b (summary.json and order_schedule.csv,
 *  as cosched_plan_write() leaves them) and compare them. Orders are matched by id.
 *  @param diags    receives a message naming the file when one is missing or unreadable
 *  @param[out] out on COSCHED_OK a new comparison owned by the caller.
 *  @return COSCHED_OK, COSCHED_ENOENT, COSCHED_EINPUT (a file is malformed), COSCHED_EIO
 *          (a file cannot be read), COSCHED_ENOMEM, or COSCHED_EINVAL (an argument is
 *          NULL). */
cosched_status cosched_compare_plans(const char *plan_a, const char *plan_b,
                                     cosched_diags *diags, cosched_comparison **out);
void cosched_comparison_free(cosched_comparison *cmp);
/** Name the scenarios the plans were made from (either may be NULL: a plan given as is), and
 *  whether the plan directories outlive the comparison (@p plans_kept; else the output names
 *  only the scenarios). With both scenarios, they are loaded and what B's inputs change
 *  against A's (settings, lines and downtime, orders, rates, changeover rules) is listed
 *  in the output; their problems go to @p diags (may be NULL: no input list then).
 *  @return COSCHED_OK, COSCHED_EINVAL, COSCHED_ENOMEM, or a load status of a scenario. */
cosched_status cosched_comparison_set_inputs(cosched_comparison *cmp, const char *scenario_a,
                                             const char *scenario_b, bool plans_kept,
                                             cosched_diags *diags);
/** Mark the orders of @p cmp that also changed in @p noise (the same plan A against A planned
 *  again with another seed): their change may be search noise, not the what-if. The
 *  output then says so ("may be search noise").
 *  @return COSCHED_OK, COSCHED_EINVAL (an argument is NULL) or COSCHED_ENOMEM. */
cosched_status cosched_comparison_set_noise(cosched_comparison *cmp,
                                            const cosched_comparison *noise);
/** The verdict: which plan is better under which weights and what makes the difference, one
 *  sentence, borrowed. */
const char *cosched_comparison_verdict(const cosched_comparison *cmp);
/** Number of orders listed as changed. */
int cosched_comparison_n_changed(const cosched_comparison *cmp);
/** The comparison as text in @p format; the caller frees it with free(). NULL on ENOMEM. */
char *cosched_comparison_format(const cosched_comparison *cmp, cosched_format format);

/* ---- re-planning from a previous plan ------------------------------------------------ */

/** A previous plan read for re-planning: each order's line, sequence and times. */
typedef struct cosched_previous cosched_previous;

/** Read PLAN_DIR/plan.csv (as cosched_plan_write() leaves it) against @p sc. Orders of the
 *  previous plan that @p sc no longer has are dropped with a warning naming their line of
 *  plan.csv; so are rows of lines @p sc no longer has. Orders new in @p sc have no previous
 *  line. Pass the result as cosched_options.previous; it must outlive the solve.
 *  @param diags    receives errors and warnings as PLAN_DIR/plan.csv:LINE: ...
 *  @param[out] out on COSCHED_OK, a new object owned by the caller; free it with
 *                  cosched_previous_free().
 *  @return COSCHED_OK, COSCHED_ENOENT (no plan.csv), COSCHED_EINPUT (malformed; see
 *          @p diags), COSCHED_EIO, COSCHED_ENOMEM, or COSCHED_EINVAL (an argument is
 *          NULL). */
cosched_status cosched_previous_load(const cosched_scenario *sc, const char *plan_dir,
                                     cosched_diags *diags, cosched_previous **out);
void cosched_previous_free(cosched_previous *prev);

/** The state of the orders of @p sc at its `now` as if @p prev had run exactly: an order
 *  whose production ended by now, or that the previous plan's summary.json lists as done, is
 *  done; one with a production block running at now is in progress on that line with
 *  `produced` pro rata of the block's working minutes (rounded down); one partly made is open
 *  with what was made as `produced`; the rest are open. Orders that @p sc already has in
 *  progress keep their state and are not listed.
 *  @param[out] out     [*n_out] entries; free with cosched_actuals_free()
 *  @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cosched_previous_actuals(const cosched_scenario *sc,
                                        const cosched_previous *prev, cosched_actual **out,
                                        int *n_out);
void cosched_actuals_free(cosched_actual *a, int n);

/** The load options that a written plan was made with: summary.json "now", and the
 *  statuses it lists under "actuals" (taken from a previous plan), so that checking the plan
 *  sees the scenario as the plan did. Strings are owned: release with
 *  cosched_load_options_clear(). A plan without them gives empty options.
 *  @return COSCHED_OK, COSCHED_EINPUT (summary.json malformed; see @p diags) or
 *          COSCHED_ENOMEM. A missing summary.json is not an error here. */
cosched_status cosched_plan_load_options(const char *plan_dir, cosched_diags *diags,
                                         cosched_load_options *lo);
/** Free what cosched_plan_load_options() allocated in @p lo and re-initialise it. */
void cosched_load_options_clear(cosched_load_options *lo);

/* ---- reading a plan without files --------------------------------------------------- */

/** Kind of a plan block (plan.csv column `kind`). */
typedef enum {
    COSCHED_BLOCK_CHANGEOVER = 0, /**< the line changes to another product */
    COSCHED_BLOCK_PRODUCTION,     /**< (a batch or part of) an order */
    COSCHED_BLOCK_CLEANING        /**< a cleaning after max_run_minutes of production */
} cosched_block_kind;

/** Bytes of a datetime text "YYYY-MM-DDTHH:MM" with its NUL, as plan.csv writes it. */
#define COSCHED_DATETIME_SIZE 24

/** One row of plan.csv. Strings are borrowed from the scenario: valid until it is freed.
 *  Times are minutes after the scenario's horizon_start and the same plant-local datetime
 *  as text. */
typedef struct {
    const char *line_id;
    int seq;                     /**< 1-based position on its line, over all blocks */
    cosched_block_kind kind;
    const char *order_id;        /**< production: the order; else NULL */
    const char *product_id;      /**< production: its product; changeover: the next product;
                                  *   cleaning: the product on the line */
    const char *from_product_id; /**< changeover: the previous product (NULL when the line
                                  *   had none); cleaning: the product on the line;
                                  *   production: NULL */
    double quantity;             /**< production: units; else 0 */
    int32_t start_minutes;
    int32_t end_minutes;         /**< start + minutes + the downtime inside */
    char start[COSCHED_DATETIME_SIZE];
    char end[COSCHED_DATETIME_SIZE];
    int32_t minutes;             /**< working minutes, downtime excluded */
    double cost;                 /**< changeover or cleaning cost; production: 0 */
} cosched_block;

/** One row of order_schedule.csv (without the late reason). */
typedef struct {
    const char *order_id;           /**< borrowed from the scenario */
    bool scheduled;                 /**< false only when the plan has no solution */
    int n_lines;                    /**< lines it is produced on: 1, more when split, 0
                                     *   when not scheduled; see cosched_plan_order_line() */
    const char *line_id;            /**< its first line (in the scenario's line order), NULL
                                     *   when not scheduled */
    int32_t start_minutes;          /**< start of its first production block */
    int32_t end_minutes;            /**< completion: end of its last production block */
    int32_t due_minutes;
    char start[COSCHED_DATETIME_SIZE]; /**< "" when not scheduled */
    char end[COSCHED_DATETIME_SIZE];   /**< "" when not scheduled */
    char due[COSCHED_DATETIME_SIZE];
    int32_t tardiness_minutes;      /**< max(0, end - due); 0 when not scheduled */
} cosched_order_result;

/** Number of blocks of @p plan (rows of plan.csv), ordered by line, then seq. */
int cosched_plan_n_blocks(const cosched_plan *plan);
/** Block @p i (0-based, < cosched_plan_n_blocks()) of @p plan, which cosched_solve() made
 *  from @p sc.
 *  @param[out] out filled on COSCHED_OK
 *  @return COSCHED_OK, or COSCHED_EINVAL when an argument is NULL, @p i is out of range or
 *          @p plan was not made from a scenario of @p sc's shape. */
cosched_status cosched_plan_get_block(const cosched_scenario *sc, const cosched_plan *plan,
                                      int i, cosched_block *out);
/** Number of orders of @p plan (rows of order_schedule.csv), in the scenario's order. */
int cosched_plan_n_orders(const cosched_plan *plan);
/** Result of order @p i (0-based, < cosched_plan_n_orders()), as in order_schedule.csv.
 *  @param[out] out filled on COSCHED_OK
 *  @return COSCHED_OK or COSCHED_EINVAL (as cosched_plan_get_block()). */
cosched_status cosched_plan_get_order(const cosched_scenario *sc, const cosched_plan *plan,
                                      int i, cosched_order_result *out);
/** Id of the @p j-th line (0-based, < n_lines of cosched_plan_get_order()) order @p i is
 *  produced on, in the scenario's line order (order_schedule.csv joins them with '|').
 *  Borrowed from the scenario; NULL when an argument is out of range. Constant time for
 *  the first and the last line, else it walks the plan's blocks. */
const char *cosched_plan_order_line(const cosched_scenario *sc, const cosched_plan *plan,
                                    int i, int j);

#ifdef __cplusplus
}
#endif
#endif
