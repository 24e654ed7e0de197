/* plan_file.h -- the written plan's files in one place (plan_file.c): the names and columns of
 * plan.csv and order_schedule.csv, the datetime policy of plan files, and the readers that
 * the checker (plan_check*.c), re-planning (solve/replan.c, solve/actuals.c) and compare
 * (compare/compare.c) share. The readers report what cannot be read (a missing column, a
 * value of the wrong form) at FILE:LINE; what a value means is the caller's business, so the
 * checker keeps its own rules. The writer (output/write_csv.c) writes the same columns. */
#ifndef CS_PLAN_FILE_H
#define CS_PLAN_FILE_H

#include "cosched.h"

#include "plan/plan.h"

#include <jansson.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct cs_csvtab cs_csvtab; /* base/csvtab.h: the CSV reader */

#define CS_PLAN_CSV "plan.csv"
#define CS_ORDER_SCHEDULE_CSV "order_schedule.csv"
#define CS_SUMMARY_JSON "summary.json"

/** plan.csv's columns, in the order they are written. */
typedef enum {
    CS_PC_LINE,
    CS_PC_SEQ,
    CS_PC_KIND,
    CS_PC_ORDER,
    CS_PC_PRODUCT,
    CS_PC_FROM_PRODUCT,
    CS_PC_QUANTITY,
    CS_PC_START,
    CS_PC_END,
    CS_PC_MINUTES,
    CS_PC_COST,
    CS_PC_N
} cs_plan_col;

/** order_schedule.csv's columns, in the order they are written (status and reason are
 *  optional on reading: plans of older versions and published solutions lack them). */
typedef enum {
    CS_SC_ORDER,
    CS_SC_LINE,
    CS_SC_START,
    CS_SC_END,
    CS_SC_DUE,
    CS_SC_TARDINESS,
    CS_SC_STATUS,
    CS_SC_REASON,
    CS_SC_N
} cs_sched_col;

extern const char *const cs_plan_col_names[CS_PC_N];
extern const char *const cs_sched_col_names[CS_SC_N];

/** The name of block kind @p k as plan.csv writes it. */
const char *cs_plan_file_kind_name(cs_block_kind k);

/* ---- datetime policy ---------------------------------------------------------------------- */

/** A plan file's datetime: "YYYY-MM-DDTHH:MM" (a space may replace the T) as epoch minutes.
 *  A plan's times are whole minutes: seconds other than :00 are refused. */
bool cs_plan_file_parse_time(const char *s, int64_t *epoch_min);
/** The same as minutes from @p horizon_epoch_min, within CS_MAX_PLAN_MINUTES either way (the
 *  range every written plan stays in). */
bool cs_plan_file_parse_at(int64_t horizon_epoch_min, const char *s, int32_t *at);

/* ---- readers ------------------------------------------------------------------------------ */

/** Where a reader's problems go. Each is an error at FILE:LINE with the column it concerns.
 *  A file that cannot be read at all keeps its own code (E_FILE_MISSING, E_FILE_UNREADABLE,
 *  E_FILE_TOO_LARGE); for what a file holds, @p code NULL gives each problem its own code
 *  (E_MISSING_COLUMN, E_BAD_VALUE) and a code overrides them (the checker's
 *  E_PLAN_VIOLATION), and each such problem is counted in @p n. */
typedef struct {
    cosched_diags *d;
    const char *code;
    int n; /* problems with what a file holds (counted also past the sink's cap) */
} cs_plan_report;

/** One of a plan's CSV files, read, with its columns found. */
typedef struct {
    char *path;    /* DIR/NAME, as diagnostics name it */
    cs_csvtab *t;
    int col[CS_PC_N]; /* by cs_plan_col or cs_sched_col (fewer); -1: absent */
    bool complete; /* every required column is there */
} cs_plan_table;

/** Read @p dir/@p name (CS_PLAN_CSV or CS_ORDER_SCHEDULE_CSV) and find its columns: those
 *  in the mask @p required (bit i: column i) missing are reported (pt->complete false).
 *  A missing file is reported as E_FILE_MISSING whatever rep->code says.
 *  @return COSCHED_OK (also with columns missing), COSCHED_ENOENT (reported: the file is
 *          missing), COSCHED_EINPUT or COSCHED_EIO (the CSV reader's diagnostics), or
 *          COSCHED_ENOMEM. Free @p pt with cs_plan_table_clear() on every path. */
cosched_status cs_plan_table_load(const char *dir, const char *name, unsigned required,
                                  cs_plan_report *rep, cs_plan_table *pt);
void cs_plan_table_clear(cs_plan_table *pt);
/** Data rows (the header excluded). */
int cs_plan_table_n_rows(const cs_plan_table *pt);

/** Every column of plan.csv is required for the checker; re-planning reads these. */
#define CS_PC_ALL ((1u << CS_PC_N) - 1u)
#define CS_PC_PREVIOUS                                                                          \
    ((1u << CS_PC_LINE) | (1u << CS_PC_SEQ) | (1u << CS_PC_KIND) | (1u << CS_PC_ORDER) |       \
     (1u << CS_PC_QUANTITY) | (1u << CS_PC_START) | (1u << CS_PC_END))

/** order_schedule.csv's required columns: all but status and reason. */
#define CS_SC_REQUIRED ((1u << CS_SC_STATUS) - 1u)

/** A row of plan.csv as written. Fields of absent columns read as "". */
typedef struct {
    const char *f[CS_PC_N]; /* the fields, borrowed from the table */
    long src;               /* physical line in the file */
    long seq;               /* -1: unreadable */
    int kind;               /* cs_block_kind, -1: unreadable */
    bool timed;             /* start and end read, end not before start */
    double quantity;        /* 0 when unreadable */
    double cost;            /* 0 when unreadable */
    long minutes;           /* -1: unreadable */
    int32_t start_at;       /* from horizon_start */
    int32_t end_at;
} cs_plan_record;

/** Read row @p r of a plan.csv table: values of the wrong form are reported.
 *  @return true when the row had no such problem. */
bool cs_plan_record_read(const cs_plan_table *pt, int64_t horizon_epoch_min, int r,
                         cs_plan_report *rep, cs_plan_record *w);

/** A row of order_schedule.csv as written; an empty start, end or tardiness (an order the
 *  plan could not schedule) is absent, not wrong. */
typedef struct {
    const char *f[CS_SC_N];
    long src;
    bool has_start; /* start given and read */
    bool has_end;
    bool has_due;
    bool has_tardiness;
    int64_t start; /* epoch minutes */
    int64_t end;
    int64_t due;
    long tardiness;
} cs_sched_record;

bool cs_sched_record_read(const cs_plan_table *pt, int r, cs_plan_report *rep,
                          cs_sched_record *w);

/** summary.json of a plan, read once: its text (for the line of a key: jansson keeps no
 *  positions) and its JSON. */
typedef struct {
    char *path;
    char *text;   /* NULL until read */
    json_t *root; /* NULL when the text is not JSON (err says why) */
    json_error_t err;
} cs_plan_summary;

/** Read @p dir/summary.json; only a regular file is read (a FIFO or a device would block or
 *  never end). With @p rep, a file that is missing, not regular or too large is reported.
 *  @return COSCHED_OK (root NULL when not JSON), COSCHED_ENOENT (missing), COSCHED_EIO (not
 *          a regular file, unreadable), COSCHED_EINPUT (too large) or COSCHED_ENOMEM.
 *          Free with cs_plan_summary_clear() on every path. */
cosched_status cs_plan_summary_load(const char *dir, cs_plan_report *rep, cs_plan_summary *s);
void cs_plan_summary_clear(cs_plan_summary *s);
/** Line of the first "key" at or after *@p from (the text's start when @p from is NULL or
 *  *from NULL; *from is moved to it), 1 when not found. */
long cs_plan_summary_key_line(const cs_plan_summary *s, const char *key, const char **from);

#endif
