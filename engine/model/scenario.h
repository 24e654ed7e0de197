/* scenario.h -- the validated scenario as dense 0-based tables.
 * Everything here is filled by the input module and never changed afterwards, so solver,
 * plan and output code may read it from several places without copying. Ids are unique.
 * Invariants after a successful cosched_scenario_load():
 *  - every order can run on at least one line (run_minutes >= 0 somewhere);
 *  - every changeover pair that can occur on a line has a resolved rule (co_minutes >= 0);
 *  - downtime windows of a line are sorted, merged, non-empty and lie at >= 0. */
#ifndef CS_SCENARIO_H
#define CS_SCENARIO_H

#include "cosched.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Longest duration or time the engine represents (about 19 years of minutes). Larger
 *  values are input errors, so sums of a few of them never overflow int32_t arithmetic
 *  done in int64_t. */
#define CS_MAX_MINUTES 10000000

/** Latest minute, from horizon_start, that a written plan may reach: the range `cosched
 *  check` reads back. A plan that ends later is refused by the writer (write_plan.c). */
#define CS_MAX_PLAN_MINUTES (4 * CS_MAX_MINUTES)

/** Most working minutes all orders together may need, each on its slowest line, one after
 *  another: beyond it a plan's times could leave int32_t (validate.c). */
#define CS_MAX_WORK_MINUTES 1000000000

/** Most blocks (batches, parts between cleanings, cleanings) one order may need on one line,
 *  and all orders together (each on the line where it needs most). More is an input error:
 *  a plan that size could not be built in memory, nor written or read in reasonable time
 *  (490,000 blocks take about 3 s and 460 MB to write; 5,000,000 took minutes and 5 GB). */
#define CS_MAX_BLOCKS_PER_ORDER 10000
#define CS_MAX_BLOCKS 500000

/** Most (line, from product, to product) pairs of the dense changeover tables. */
#define CS_MAX_CHANGEOVER_PAIRS 50000000

typedef struct {
    int32_t start_at; /* first minute of downtime */
    int32_t end_at;   /* first working minute after it */
} cs_window;

typedef struct {
    char *id;
    char *name;              /* display name, may be NULL */
    int32_t available_at;    /* >= 0 */
    int initial_product;     /* product index, -1 = line is clean */
    cs_window *downtime;     /* sorted, merged; pauses work */
    int n_downtime;
    int32_t max_run_minutes; /* extension: 0 = no sanitation interval */
    int32_t cleaning_minutes;
    double cleaning_cost;
    long src_line;           /* record line in lines.csv */
} cs_line;

typedef struct {
    char *id;
    int family;       /* index into families, -1 = unknown */
    bool has_orders;  /* some order makes it */
    int n_orders;     /* how many orders make it */
} cs_product;

/** Where an order stands at `now` (orders.csv `status`). Done orders never reach the
 *  scenario's order table: the loader counts them and keeps their ids (done_ids). */
typedef enum { CS_ORDER_OPEN = 0, CS_ORDER_IN_PROGRESS } cs_order_status;

typedef struct {
    char *id;
    int product;
    double quantity;   /* > 0: what is left to make (orders.csv quantity - produced) */
    int32_t release_at; /* production may not start before it (>= 0) */
    int32_t due_at;     /* may be negative: due before horizon_start */
    double weight;      /* >= 0 */
    bool split;         /* extension: may be produced in several blocks */
    double min_split;
    long src_line;      /* record line in orders.csv */
    /* Re-planning pins (orders.csv pinned_line, pinned_start). A pinned line is enforced
     * through run_minutes (every other line is -1); a pinned start is folded into
     * release_at (production starts no earlier than it) and kept here for messages. */
    bool has_pinned_line;
    int pinned_line;
    bool has_pinned_start;
    int32_t pinned_start_at;
    /* Actuals (orders.csv status, produced, line_id): an in-progress order runs first on
     * progress_line from the line's availability, with no changeover before it; the loader
     * pins it there, sets the line up for its product and clears its release. */
    cs_order_status status;
    int progress_line;          /* -1 unless in progress */
    double produced;            /* units made before now (quantity is what is left) */
    bool status_from_previous;  /* status taken from the previous plan (--actuals-from-previous) */
} cs_order;

typedef struct {
    double weight_late_orders; /* per order that ends after its due date */
    /* Planner priorities (priorities.c): the terms of each level, highest first (indices of
     * cs_level_term_name), and the weight each got; the weights of named terms above are
     * those weights once cs_priorities_apply ran. */
    int n_levels;
    int level_term[6];
    double level_weight[6];
    double level_below[6]; /* the most every level below this one can add together */
    double level_step; /* the finest step any level moves the weighted sum by */
    double weight_tardiness;
    double weight_changeover_minutes;
    double weight_changeover_cost;
    double weight_makespan;
    double time_limit_s;
    double work_limit; /* < 0: from the time limit (solve/solve.c) */
    double mip_gap;
    long seed;
    int cleaning_crews; /* extension: 0 = unlimited */
    /* Re-planning: objective weight per order moved off its previous plan's line, and the
     * frozen horizon (orders starting before it keep line, sequence and times). */
    double weight_stability;
    bool has_frozen_until;
    int32_t frozen_until_at;
    /* Rolling re-planning: nothing starts before now_at (>= 0); the loader has already
     * raised every line's available_at to it. 0 when not given (= horizon_start). */
    bool has_now;
    int32_t now_at;
} cs_settings;

/* ---- planner priorities (priorities.c) ---- */

/** Terms a priority level may name: late_orders, weighted_tardiness, changeover_minutes,
 *  changeover_cost, makespan, stability (the objective's terms, in its order). */
#define CS_N_LEVEL_TERMS 6
/** Their names, as summary.json and `priorities` spell them; plan/objective.c's terms. */
extern const char *const cs_level_terms[CS_N_LEVEL_TERMS];
const char *cs_level_term_name(int term);
/** The weight settings.csv gives term @p term (0 <= term < CS_N_LEVEL_TERMS). */
double cs_settings_term_weight(const cs_settings *set, int term);
/** Read "a > b > c" into set->level_term; false with a message in @p err when a term is
 *  unknown or named twice. */
bool cs_priorities_parse(const char *text, cs_settings *set, char *err, size_t err_size);
/** Turn the levels into weights for the complete scenario @p sc (see priorities.c). No
 *  levels: nothing changes. */
void cs_priorities_apply(cosched_scenario *sc);
/** How much lower than @p v an objective must be to count as better: 10^-9 of it, but with
 *  levels never more than half the finest step of any level. */
double cs_improvement_tol(const cs_settings *set, double v);
/** True when @p v is better than @p ref by more than cs_improvement_tol(@p ref): the one test
 *  every search uses to keep a plan. */
bool cs_is_improvement(const cs_settings *set, double v, double ref);
/** True when plans of at most @p objective compare exactly level by level (a double holds
 *  every step of the weighted sum there); always without levels. */
bool cs_priorities_exact(const cs_settings *set, double objective);

/* ---- the settings table (settings.c) ---- */

typedef enum {
    CS_SETTING_REAL,     /* a finite number, stored as double */
    CS_SETTING_LONG,     /* a whole number, stored as long */
    CS_SETTING_INT,      /* a whole number, stored as int */
    CS_SETTING_DATETIME, /* converted by the loader (relative to horizon_start) */
    CS_SETTING_TEXT
} cs_setting_type;

/** One setting: its key in settings.csv and for cosched_options_set(), its range (numbers,
 *  inclusive), its default, and where it may be given. */
typedef struct {
    const char *key;
    cs_setting_type type;
    bool in_file;     /* settings.csv */
    bool in_options;  /* cosched_options_set() and the command line */
    double min, max;
    double dflt;      /* numbers; -1 for an option that is unset by default */
    size_t field;     /* offset in cs_settings of a number given in settings.csv */
    const char *help;
} cs_setting_spec;

/** Entries of the table at most (loaders keep a small array per entry). */
#define CS_MAX_SETTINGS 64
extern const cs_setting_spec cs_settings_table[];
extern const int cs_n_settings;
/** The setting named @p key, or NULL. */
const cs_setting_spec *cs_setting_find(const char *key);
/** Read a number or whole number within the setting's range; false when it is not one. */
bool cs_setting_parse(const cs_setting_spec *s, const char *text, double *out);
/** "a number in [0, 1e+09]": what a valid value is, for messages. */
const char *cs_setting_expected(const cs_setting_spec *s, char *buf, size_t size);
/** Store @p v in the field of @p set that a settings.csv number goes to. */
void cs_setting_store(const cs_setting_spec *s, cs_settings *set, double v);
/** Every settings.csv number at its default; no datetimes. */
void cs_settings_init(cs_settings *set);

struct cosched_scenario {
    char *dir;                 /* as the caller named it */
    int64_t horizon_epoch_min; /* minute 0 in minutes since 1970 (plant-local) */

    /* The tables; their counts stand together below (n_lines, ...), which keeps the
     * struct free of padding. */
    cs_line *lines;       /* [n_lines] */
    cs_product *products; /* [n_products] */
    char **families;      /* [n_families] */
    cs_order *orders;     /* [n_orders] */
    /* [n_done] Orders that orders.csv (or the previous plan) says are done: not planned,
     * counted in kpis.done_orders and listed in summary.json. */
    char **done_ids;
    /* [n_applied] States the caller supplied and the load applied (--actuals-from-previous),
     * owned copies: summary.json lists them so that the checker can see the scenario the
     * same. */
    cosched_actual *applied;
    struct cs_strmap *done_index; /* done id -> index into done_ids */

    /* [order * n_lines + line]: working minutes of the order's whole quantity on the line,
     * -1 when the line cannot make the product. */
    int32_t *run_minutes;
    /* [product * n_lines + line]: units per hour after capability resolution, 0 = cannot. */
    double *units_per_hour;
    /* [product * n_lines + line]: extension max_batch, 0 = unlimited. */
    double *max_batch;
    /* [(line * n_products + from) * n_products + to]: changeover minutes and cost from product
     * `from` to product `to` on the line; 0 when from == to; -1 minutes where no rule matched
     * (the validator guarantees such a pair can never occur). */
    int32_t *co_minutes;
    double *co_cost;
    /* [product * n_lines + line]: minutes per unit when the capability row gave
     * minutes_per_unit (run minutes then use ceil(q * minutes_per_unit - 1e-6), exactly as
     * the contract says), 0 when it gave units_per_hour. May be NULL (all units_per_hour). */
    double *minutes_per_unit;
    /* id -> index maps behind cs_scenario_find_*; NULL in a hand-built scenario (the
     * lookups then scan). Owned by the scenario. */
    struct cs_strmap *line_index;
    struct cs_strmap *product_index;
    struct cs_strmap *order_index;
    /* Line of each order in a previous plan (-1: none), or NULL; read it through
     * cs_scenario_prev_line(). Set only on the derived scenario of a re-plan (derive.c),
     * where it drives the stability term: borrowed from the re-plan record of the plan
     * (plan.h cs_replan_info, the one copy), so indexed by the original scenario's orders,
     * which orig_order maps to. */
    const int *prev_line;
    /* [n_orders] index of each order in the scenario this one is derived from (owned);
     * NULL unless derived. */
    int *orig_order;
    /* [n_load_warnings] Warnings of loading ("FILE:LINE: message": an unknown column, a line
     * that can make nothing), owned; summary.json and report.html repeat them, so that
     * --quiet and --json runs keep them too. A derived scenario shares them. */
    char **load_warnings;

    cs_settings set;

    /* SHA-256 of the input files read (cs_csvtab_digest_add), for summary.json's run record;
     * all zero in a hand-built scenario. */
    uint8_t input_sha256[32];

    int n_lines;
    int n_products;
    int n_families;
    int n_orders;
    int n_done;
    int n_applied;
    int n_load_warnings;
    /* A derived scenario (derive.c) borrows most tables of the one it came from:
     * cosched_scenario_free() frees only what it owns. */
    bool derived;
};

/** Index lookups; -1 when absent. Linear or hashed, callers must not assume which. */
int cs_scenario_find_line(const cosched_scenario *sc, const char *id);
int cs_scenario_find_product(const cosched_scenario *sc, const char *id);
int cs_scenario_find_order(const cosched_scenario *sc, const char *id);

/** Changeover minutes/cost from product @p from (-1 = clean line: 0) to @p to on @p line. */
static inline int32_t cs_co_minutes(const cosched_scenario *sc, int line, int from, int to)
{
    if (from < 0 || from == to)
        return 0;
    return sc->co_minutes[((size_t)line * sc->n_products + from) * sc->n_products + to];
}
static inline double cs_co_cost(const cosched_scenario *sc, int line, int from, int to)
{
    if (from < 0 || from == to)
        return 0.0;
    return sc->co_cost[((size_t)line * sc->n_products + from) * sc->n_products + to];
}
/** Line of @p order in the previous plan of a re-plan; -1 when none (or no previous plan). */
static inline int cs_scenario_prev_line(const cosched_scenario *sc, int order)
{
    if (sc->prev_line == NULL)
        return -1;
    return sc->prev_line[sc->orig_order != NULL ? sc->orig_order[order] : order];
}
static inline int32_t cs_run_minutes(const cosched_scenario *sc, int order, int line)
{
    return sc->run_minutes[(size_t)order * sc->n_lines + line];
}

/** An order status as orders.csv and summary.json spell it: "open", "in_progress", "done". */
const char *cs_order_status_name(cosched_order_status st);
/** Read such a name (NULL or another text: false). */
bool cs_order_status_parse(const char *name, cosched_order_status *out);

/* ---- what a scenario uses (scenario.c): the searches, bounds and the MIP pick by these ---- */

/** True when some order is in progress (it must run first on its line). */
bool cs_scenario_has_in_progress(const cosched_scenario *sc);
/** True when some line has downtime. */
bool cs_scenario_has_downtime(const cosched_scenario *sc);
/** True when cleanings or crews may delay a plan: limited cleaning crews, or a line with a
 *  sanitation interval (max_run_minutes). They only add time and cost. */
bool cs_scenario_has_delay_extensions(const cosched_scenario *sc);
/** True when an order may be produced in several blocks: a split order, or one above a
 *  line's max_batch. Such plans can beat every whole-order plan. */
bool cs_scenario_has_split_extensions(const cosched_scenario *sc);
/** True when line @p line times every order it makes as one step of the timing rule
 *  (model/timing.h): no sanitation interval, and each such order one batch there. */
bool cs_scenario_line_is_stepwise(const cosched_scenario *sc, int line);
/** True when no order that line @p line makes is released after the line's availability. */
bool cs_scenario_line_all_released(const cosched_scenario *sc, int line);

/** Run minutes of @p quantity units of @p product on @p line:
 *  ceil(q * 60 / units_per_hour - 1e-6), or ceil(q * minutes_per_unit - 1e-6) when the
 *  capability was given per unit; -1 when the line cannot make it, or when the result would
 *  exceed CS_MAX_MINUTES. */
int32_t cs_scenario_run_minutes_for(const cosched_scenario *sc, int product, int line,
                                    double quantity);

/** The fewest balanced batches of @p quantity units under a batch limit of @p limit units
 *  (0: none): their count, and in @p largest the largest. Whole quantities under a limit of
 *  at least one unit become whole batches that differ by at most one unit, larger first;
 *  others q / n each. The quantity must need at most CS_MAX_BLOCKS_PER_ORDER batches (the
 *  validator guarantees it for every order and line). */
int cs_scenario_batch_count(double quantity, double limit, double *largest);

/** The most units, below @p rem, of @p product whose run minutes on @p line fit in @p allow
 *  minutes: whole units when @p whole (0 when not even one fits), else any amount (> 0 when
 *  allow >= 1). */
double cs_scenario_fit_units(const cosched_scenario *sc, int line, int product, double rem,
                             int32_t allow, bool whole);

/** The most units one batch of @p quantity units of @p order may hold on @p line; 0 = no
 *  limit. max_batch, and for a split order on a line with a sanitation interval also what one
 *  interval holds, so that no part needs cutting below min_split. */
double cs_scenario_batch_limit(const cosched_scenario *sc, int order, int line, double quantity);

/* ---- building a scenario (scenario.c, changeover.c, validate.c) ---- */

/** Kinds of a changeover rule's from/to token; the value is its specificity. */
typedef enum { CS_TOK_ANY = 0, CS_TOK_FAMILY = 1, CS_TOK_PRODUCT = 2 } cs_token_kind;

/** One row of changeovers.csv, with ids already resolved to indices. */
typedef struct {
    int line; /* -1: all lines */
    cs_token_kind from_kind;
    int from; /* product or family index; -1 for CS_TOK_ANY */
    cs_token_kind to_kind;
    int to;
    int32_t minutes;
    double cost;
    long src_line; /* record line in changeovers.csv */
} cs_co_rule;

/** Fill co_minutes/co_cost from @p rules (see changeover.c for the resolution order).
 *  Ambiguous rules, and (when @p report_missing) pairs that can occur without a matching rule,
 *  are errors in @p d naming @p file. Needs units_per_hour and initial products filled.
 *  Past @p deadline (a cs_now() value; 0: none) it stops, the tables left unset.
 *  @return COSCHED_OK (errors, if any, are in @p d), COSCHED_ETIMEOUT (no diagnostic
 *          added) or COSCHED_ENOMEM. */
cosched_status cs_changeover_resolve(cosched_scenario *sc, const cs_co_rule *rules,
                                     int n_rules, bool report_missing, const char *file,
                                     double deadline, cosched_diags *d);

/** Fill run_minutes for every order and line, and check what no single file can: every
 *  order can be made somewhere (reported only when @p report_unmade: after errors in
 *  capabilities.csv it would repeat them), run minutes stay within CS_MAX_MINUTES, a split
 *  order's min_split fits the max_batch of every line that can make it, and (on a scenario
 *  otherwise clean) no order needs more than CS_MAX_BLOCKS_PER_ORDER blocks, all together
 *  no more than CS_MAX_BLOCKS, nor more than CS_MAX_WORK_MINUTES of work.
 *  Errors name @p orders_file and the order's line. Past @p deadline (a cs_now() value; 0:
 *  none) it stops. @return COSCHED_OK, COSCHED_ETIMEOUT (no diagnostic added) or
 *  COSCHED_ENOMEM. */
cosched_status cs_scenario_validate(cosched_scenario *sc, bool report_unmade,
                                    const char *orders_file, double deadline, cosched_diags *d);

/** Add the id -> index maps of lines, products and orders (after the tables are complete).
 *  @return COSCHED_OK or COSCHED_ENOMEM. */
cosched_status cs_scenario_index(cosched_scenario *sc);

/* ---- derived scenarios for re-planning (derive.c) ---- */

/** What a derived scenario changes: which orders it keeps (and with what quantity), each
 *  line's state at its start, and each order's previous line. */
typedef struct {
    const bool *keep;             /* [n_orders] the order stays */
    const double *quantity;       /* [n_orders] its quantity there; NULL: unchanged */
    const int32_t *available_at;  /* [n_lines] */
    const int *initial_product;   /* [n_lines] -1: clean */
    const int *prev_line;         /* [n_orders] of @p sc, -1: none; NULL: no previous plan;
                                   * borrowed by the derived scenario */
} cs_derive_spec;

/** A scenario that shares @p sc's tables (lines' ids and downtime, products, changeovers,
 *  capabilities, settings) but holds only the kept orders, in their original relative order,
 *  and lines with the given start state. Run minutes of an order whose quantity changed are
 *  recomputed; lines it could not use stay unusable (pins). @p sc and @p spec->prev_line
 *  must outlive it.
 *  @param[out] out       free with cosched_scenario_free() (or cs_scenario_derived_free(),
 *                        the same for a derived scenario)
 *  @param[out] orig_of   [out->n_orders] index in @p sc of each derived order; caller frees
 *  @return COSCHED_OK, COSCHED_ENOMEM, or COSCHED_EINTERNAL when a changed quantity has no
 *          run minutes on a line that ran the whole order (quantities only shrink here). */
cosched_status cs_scenario_derive(const cosched_scenario *sc, const cs_derive_spec *spec,
                                  cosched_scenario **out, int **orig_of);
void cs_scenario_derived_free(cosched_scenario *d);

/* ---- working-minute arithmetic on a line's calendar (calendar.c) ---- */

/** The first working minute >= @p t on @p line (skips a downtime window containing t). */
int32_t cs_calendar_next_working(const cs_line *line, int32_t t);
/** The end of a block that starts at @p start (already a working minute) and needs
 *  @p minutes working minutes, pausing over downtime. minutes == 0 returns start. */
int32_t cs_calendar_advance(const cs_line *line, int32_t start, int32_t minutes);
/** Working minutes of @p line in [from, to). */
int32_t cs_calendar_working_between(const cs_line *line, int32_t from, int32_t to);

#endif
