/* input.h -- the scenario loaders. They read CSV tables through base/csvtab.h, which keeps
 * every record with the physical line it starts on, so every message can name FILE:LINE. */
#ifndef CS_INPUT_H
#define CS_INPUT_H

#include "base/csvtab.h"
#include "cosched.h"

#include <stddef.h>

/** Load one in-memory file of a scenario directory with the others read from @p dir
 *  (fuzzing entry point): @p name is e.g. "orders.csv". */
cosched_status cs_scenario_load_with_override(const char *dir, const char *name,
                                              const char *buf, size_t len,
                                              cosched_diags *diags, cosched_scenario **out);

/* ---- scenario loaders (load_*.c share these; scenario_load.c runs them) ---- */

#include "base/base.h"
#include "model/scenario.h"

#include <stdbool.h>

/** What the loaders share while one scenario is built. Each loader takes an already-read
 *  table, reports every problem to @c d and keeps going; only ENOMEM stops it. */
typedef struct {
    cosched_scenario *sc;
    cosched_diags *d;
    bool have_horizon;       /* settings gave a valid horizon_start: times can be converted */
    cs_strmap *line_map;     /* line id -> index */
    cs_strmap *product_map;  /* product id -> index */
    cs_strmap *order_map;    /* order id -> index */
    cs_strmap *family_map;   /* family name -> index */
    char **initial_names;    /* [n_lines] initial_product text, NULL when empty */
    long *initial_rows;      /* [n_lines] row of lines.csv that named it */
    const char *lines_file;  /* display names, for messages that point into other files */
    /* products.csv: master product id -> family index (-1 = none given), and its line */
    cs_strmap *master_map;
    int *master_family;
    long *master_line;
    int n_master;
    cs_co_rule *rules;       /* changeovers.csv, resolved */
    int n_rules;
    const cosched_load_options *lo; /* the caller's now and actuals, or NULL */
    cs_strmap *actual_map;   /* order id -> index into lo->actuals */
    cs_strmap *done_map;     /* done order id -> index into sc->done_ids */
    bool oom;                /* a loader step that cannot return a status ran out of memory */
    double started;          /* cs_now() when the load began */
    double deadline;         /* cs_now() past which the load stops; 0: none */
} cs_loader;

/* ---- limits (load_limits.c; README "Limits today") ---- */

/** Records a file may have: orders.csv, lines.csv, products.csv, and each of
 *  capabilities.csv, changeovers.csv and calendar.csv. */
#define CS_MAX_ORDERS 200000
#define CS_MAX_LINES 1000
#define CS_MAX_PRODUCTS 100000
#define CS_MAX_TABLE_ROWS 1000000

/** How input file @p file (e.g. "orders.csv") is read: its record cap and the deadline. */
cs_csvtab_bounds cs_load_file_bounds(const cs_loader *L, const char *file);
/** Set the load's deadline from the caller's time limit, or (when that is < 0) from
 *  time_limit_s in the settings chain @p settings[0..n) (the what-if first). */
void cs_load_deadline_init(cs_loader *L, cs_csvtab *const *settings, int n_settings);
/** COSCHED_ETIMEOUT, with an error naming the scenario directory and what the load was
 *  @p doing ("resolving the changeover rules"), once the deadline has passed; else
 *  COSCHED_OK. */
cosched_status cs_load_check_deadline(cs_loader *L, const char *doing);
/** The row of @p key in the settings chain @p settings[0..n) (the what-if first, as the
 *  merge reads it). */
bool cs_load_find_setting(cs_csvtab *const *settings, int n, const char *key,
                          const cs_csvtab **t, int *row);
/** Weights and costs above 1e12 are input errors at their rows. */
void cs_load_check_factors(cs_loader *L, cs_csvtab *const *settings, int n_settings,
                           const char *orders_file, const char *changeovers_file);

/** An order's state at now as the loader resolved it (orders.csv, or the caller's). */
typedef struct {
    cosched_order_status status;
    double produced; /* 0 for done orders */
    int line;        /* in progress: its line index, else -1 */
    bool from_caller;
} cs_actual;

/** Column of a table a loader reads: its name and whether it is required. */
typedef struct {
    const char *name;
    bool required;
} cs_colspec;

/** Find the columns @p spec[0..n) in @p t into @p idx (-1 when absent). Missing required
 *  columns are errors at line 1, unknown columns warnings, records wider than the header
 *  errors. @return false when a required column is missing (the loader then skips rows). */
bool cs_load_columns(cs_loader *L, const cs_csvtab *t, const cs_colspec *spec, int n, int *idx);
/** Error at the record of @p row: "column 'COL': expected WHAT, got 'VALUE'" (VALUE truncated
 *  and with control characters escaped). */
void cs_load_bad(cs_loader *L, const cs_csvtab *t, int row, const char *col, const char *what,
                 const char *value);
/** Error at the record of @p row, message given in full (column may be NULL). */
void cs_load_error(cs_loader *L, const cs_csvtab *t, int row, const char *col, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));
/** cs_load_error() with the stable diagnostic code @p code (static storage). */
void cs_load_errorc(cs_loader *L, const char *code, const cs_csvtab *t, int row, const char *col,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/** Quote @p value for a message: at most about 60 bytes, "..." appended when cut, control
 *  characters as \xNN. Writes into @p buf. */
const char *cs_load_quote(const char *value, char *buf, size_t size);
/** True when @p s is a valid identifier (1..64 bytes, no comma, no control character, no
 *  U+0085, U+2028 or U+2029, no space at either end). */
bool cs_load_is_id(const char *s);
/** Read an identifier in column @p spec[k]; "" (absent and optional) gives NULL. Reports bad
 *  or missing values and returns false then. */
bool cs_load_id(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                const char **out);
/** Read a finite number; @p positive: must be > 0, else >= 0. An empty optional value gives
 *  @p dflt. Reports and returns false on a bad value. */
bool cs_load_number(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                    bool positive, double dflt, double *out);
/** Read an integer in [lo, hi]; an empty optional value gives @p dflt. */
bool cs_load_integer(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                     long lo, long hi, long dflt, long *out);
/** Read a datetime as minutes from horizon_start, seconds rounded up when @p round_up, else
 *  down. Empty optional value: returns true with *present = false. Values more than
 *  CS_MAX_MINUTES away from horizon_start are errors. Without a horizon (settings broken) the
 *  format is still checked and *out is 0. */
bool cs_load_time(cs_loader *L, const cs_csvtab *t, int row, const cs_colspec *c, int idx,
                  bool round_up, bool *present, int64_t *out);

cosched_status cs_load_settings(cs_loader *L, const cs_csvtab *t);
/** Settings along a chain of what-if scenarios: @p tabs[0] is the scenario's own
 *  settings.csv, tabs[i + 1] that of the base of tabs[i]. Keys merge one by one; a variant's
 *  value replaces its base's. cs_load_settings() is the chain of one. */
cosched_status cs_load_settings_chain(cs_loader *L, const cs_csvtab *const *tabs, int n);
/** The `base` entry of a settings table, if any: its value (borrowed) and record line. */
bool cs_load_settings_base(const cs_csvtab *t, const char **value, long *line);
cosched_status cs_load_lines(cs_loader *L, const cs_csvtab *t);
cosched_status cs_load_products(cs_loader *L, const cs_csvtab *t);
cosched_status cs_load_orders(cs_loader *L, const cs_csvtab *t);
/** After orders: add initial products that no order makes, with their products.csv family. */
cosched_status cs_load_initial_products(cs_loader *L);
cosched_status cs_load_capabilities(cs_loader *L, const cs_csvtab *t);
cosched_status cs_load_changeovers(cs_loader *L, const cs_csvtab *t);
cosched_status cs_load_calendar(cs_loader *L, const cs_csvtab *t);
/** After cs_scenario_validate: restrict each order with a pinned_line to that line (other
 *  lines' run_minutes become -1); a pinned line that cannot make the order's product is an
 *  error at the order's line of @p orders_file. @return COSCHED_OK. */
cosched_status cs_load_pins(cosched_scenario *sc, const char *orders_file, cosched_diags *d);
/* ---- actuals (load_actuals.c) ---- */

/** After settings: apply the caller's --now (lo->now), errors reported as "--now: ...". */
void cs_load_now_override(cs_loader *L);
/** After lines: raise every line's available_at to now. */
void cs_load_apply_now(cs_loader *L);
/** Read the status, produced and line_id of orders.csv record @p row (columns -1 when
 *  absent), then let the caller's actual for @p id (NULL: unknown) replace an open status.
 *  @p quantity is the order's valid quantity, or < 0 when it was bad. Reports bad values;
 *  returns false then. */
bool cs_load_actual(cs_loader *L, const cs_csvtab *t, int row, int c_status, int c_produced,
                    int c_line, const char *id, double quantity, cs_actual *out);
/** Record done order @p id (duplicates are errors at @p row). @return OK or ENOMEM. */
cosched_status cs_load_done(cs_loader *L, const cs_csvtab *t, int row, const char *id);
/** After capabilities, before changeovers are resolved: an in-progress order's line must make
 *  its product, a line runs at most one, and the line is set up for its product (a different
 *  initial_product is a warning naming lines.csv). Its release no longer applies. */
void cs_load_actuals_check(cs_loader *L, const char *orders_file);

/** Family index of @p name, added when new. -1 on ENOMEM. */
int cs_load_family(cs_loader *L, const char *name);

#endif
