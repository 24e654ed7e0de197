/* output.h -- turning a built plan into the contract's files: CSV and JSON text
 * (write_csv.c, write_json.c) and atomic file replacement (atomic.c). The text builders
 * allocate; the caller frees their result with free(). */
#ifndef CS_OUTPUT_H
#define CS_OUTPUT_H

#include "cosched.h"
#include "plan/plan.h"

#include <stddef.h>
#include <string.h>

typedef struct cs_late_ctx cs_late_ctx; /* late reasons of one plan (late_reason.c) */

/** The run record of summary.json's "run" and report.html's footer: the input digest,
 *  when the solve started, and the limits and seed in effect (the command line's, else the
 *  scenario's settings). */
typedef struct {
    bool has_digest;        /* false: the scenario was not read from files */
    bool has_started;
    bool has_work_limit;
    char digest[65];        /* SHA-256 of the input files, 64 hex digits */
    char started_at[24];    /* "YYYY-MM-DDTHH:MM:SSZ" (UTC) */
    double time_limit_s;
    double work_limit;      /* work units, when has_work_limit */
    long seed;
} cs_run_record;
void cs_output_run_record(const cosched_scenario *sc, const cosched_plan *p, cs_run_record *out);

/** plan.csv of a built plan (rows ordered by line then seq). NULL on ENOMEM. */
char *cs_output_plan_csv(const cosched_scenario *sc, const cosched_plan *p);
/** order_schedule.csv, one row per order in scenario order. NULL on ENOMEM. */
char *cs_output_order_schedule_csv(const cosched_scenario *sc, const cosched_plan *p);
/** The same with the late reasons of @p late (see cs_late_ctx below; NULL: made here). */
char *cs_output_order_schedule_csv_late(const cosched_scenario *sc, const cosched_plan *p,
                                        cs_late_ctx *late);
/** A number in the shortest "%.15g"-style form that reads back to the same double
 *  ("60", "2.5", "0.1"); -0 prints as "0". @p buf holds at least 32 bytes. */
void cs_output_format_number(double v, char *buf, size_t size);

/** True when a file system is mounted on @p target or anywhere below it (a tmpfs, a bind
 *  mount, a container volume), read from /proc/self/mountinfo; without /proc, when
 *  @p target is on another device than @p parent (atomic_mount.c). */
bool cs_atomic_mount_at_or_below(const char *target, const char *parent);

/** A file written to a temporary name next to its final name, not yet renamed. */
typedef struct {
    char *path; /* DIR/NAME */
    char *tmp;  /* DIR/.NAME.XXXXXX, NULL once committed or discarded */
} cs_atomic_file;

/** Create @p dir (and missing parents) when it does not exist. @p created is set to true
 *  when the last component was made here. @return COSCHED_OK or COSCHED_EWRITE. */
cosched_status cs_atomic_mkdir(const char *dir, bool *created, cosched_diags *diags);
/** Write @p len bytes to a new temporary file in @p dir, flushed and fsync'ed.
 *  On success @p f holds both names; on failure nothing is left on disk and a diagnostic
 *  names the path. @return COSCHED_OK, COSCHED_EWRITE or COSCHED_ENOMEM. */
cosched_status cs_atomic_prepare(const char *dir, const char *name, const char *buf,
                                 size_t len, cosched_diags *diags, cs_atomic_file *f);
/** Rename the temporary file onto its final name. @return COSCHED_OK or COSCHED_EWRITE
 *  (the temporary file is removed). The names are released either way. */
cosched_status cs_atomic_commit(cs_atomic_file *f, cosched_diags *diags);
/** Remove the temporary file (if any) and release the names. Safe to call twice. */
void cs_atomic_discard(cs_atomic_file *f);
/** prepare + commit: replace DIR/NAME with @p buf so a reader sees the old or the new file. */
cosched_status cs_atomic_write(const char *dir, const char *name, const char *buf, size_t len,
                               cosched_diags *diags);

/** A set of files that replaces the plan files of a directory all at once (atomic.c): they
 *  are written into a fresh hidden sibling directory, other entries of the old directory are
 *  carried over, and the two directories are swapped with one renameat2(RENAME_EXCHANGE)
 *  (or one rename when the directory is new). A reader of DIR sees the complete old set or
 *  the complete new one. Where the swap is impossible (DIR is a mount point or the file
 *  system lacks RENAME_EXCHANGE) the files are renamed one by one in the order added. */
typedef struct cs_atomic_set cs_atomic_set;

/** Start a set for @p dir (created with missing parents at commit when absent).
 *  @return COSCHED_OK, COSCHED_EWRITE (diagnostic added) or COSCHED_ENOMEM. */
cosched_status cs_atomic_set_begin(const char *dir, cosched_diags *diags, cs_atomic_set **out);
/** Write file @p name of the set (flushed and fsync'ed into the staging directory).
 *  @return COSCHED_OK, COSCHED_EWRITE, COSCHED_ENOMEM, or COSCHED_EINTERNAL when the set
 *          is full or @p name is a path or already in it (a bug of the caller). */
cosched_status cs_atomic_set_add(cs_atomic_set *s, const char *name, const char *buf,
                                 size_t len);
/** Swap the set in and release @p s. On failure DIR is as it was and nothing is left.
 *  @return COSCHED_OK or COSCHED_EWRITE. */
cosched_status cs_atomic_set_commit(cs_atomic_set *s);
/** Drop an uncommitted set: the staging directory is removed. NULL is a no-op. */
void cs_atomic_set_abort(cs_atomic_set *s);

/* ---- lines of each order (write_csv.c) ---- */

/** The lines each order is produced on, in plan order (blocks are ordered by line), as
 *  compressed rows: the lines of order o are used[first[o] .. first[o + 1]). */
typedef struct {
    int *first; /* [n_orders + 1] */
    int *used;
} cs_order_lines;

/** @return COSCHED_OK or COSCHED_ENOMEM (nothing to free then). */
cosched_status cs_output_order_lines(const cosched_scenario *sc, const cosched_plan *p,
                                     cs_order_lines *out);
void cs_output_order_lines_free(cs_order_lines *ol);

/* ---- text buffers (textbuf.c) ---- */

/** A growable text buffer; zero-initialise it. After a failed allocation further appends
 *  are ignored and cs_output_buf_finish() returns NULL. */
typedef struct {
    char *s;
    size_t n;
    size_t cap;
    bool failed;
    struct cs_output_dates *dates; /* cache of cs_output_buf_datetime(), freed by finish */
} cs_output_buf;

/** Make room for @p n more bytes and the NUL; false (and nothing changed) once an
 *  allocation failed. */
bool cs_output_buf_grow(cs_output_buf *b, size_t n);

/* Inline: a report appends millions of short pieces. */
static inline void cs_output_buf_add(cs_output_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap && !cs_output_buf_grow(b, n))
        return;
    if (b->failed)
        return;
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}
void cs_output_buf_str(cs_output_buf *b, const char *s);
void cs_output_buf_printf(cs_output_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** The text (the caller frees it), or NULL when an allocation failed (nothing to free).
 *  Call it on every buffer, also one whose text is not wanted: it releases the caches. */
char *cs_output_buf_finish(cs_output_buf *b);

/* The formatters below give exactly printf's bytes (they fall back to it where a fast path
 * could differ); the cs_output_fmt_ ones write into @p buf and return the length. */

/** "%lld"; @p buf holds at least 24 bytes. */
int cs_output_fmt_long(char *buf, long long v);
/** "%.*f" with @p decimals; @p buf holds at least 32 bytes (longer results are cut at
 *  @p size as snprintf does). */
int cs_output_fmt_fixed(char *buf, size_t size, double v, int decimals);
/** "%.17g"; @p buf holds at least 24 bytes. */
int cs_output_fmt_g17(char *buf, size_t size, double v);
void cs_output_buf_long(cs_output_buf *b, long long v);
void cs_output_buf_fixed(cs_output_buf *b, double v, int decimals);
void cs_output_buf_g17(cs_output_buf *b, double v);
/** Append CSV field @p s (NULL: nothing), quoted (RFC 4180) when it holds a comma, quote or
 *  line break. */
void cs_output_buf_csv_field(cs_output_buf *b, const char *s);
/** Append @p s (NULL: nothing) with & < > " ' as HTML entities, for element content and
 *  attribute values alike. */
void cs_output_buf_html(cs_output_buf *b, const char *s);
/** The datetime @p epoch_min as cs_datetime_format() writes it, with its 'T' replaced by
 *  @p sep; dates are cached in the buffer. */
void cs_output_buf_datetime(cs_output_buf *b, int64_t epoch_min, char sep);

/* ---- why an order is late (late_reason.c) ---- */

/** The facts behind an order's lateness. */
typedef struct {
    bool late;               /* scheduled and tardiness > 0 */
    bool unavoidable;        /* no plan can end it by its due date */
    int32_t earliest_end_at; /* lower bound of its end over all plans; INT32_MAX: unknown */
    int earliest_line;       /* the line of that bound, -1 when unknown */
    int line;                /* line of its last production block, -1 when unscheduled */
    int n_ahead;             /* orders produced before it on that line */
    bool waited;             /* its production started later than its release allowed */
} cs_late_info;

/** Analyse order @p order of the built plan @p p. The earliest end is its release plus the
 *  fastest eligible line's run time plus the least changeover it could need there, on that
 *  line's calendar; an order that may be split is never called unavoidable. */
void cs_output_late_info(const cosched_scenario *sc, const cosched_plan *p, int order,
                         cs_late_info *out);
/** The reason text of a late order ("" when on time): "unavoidable: ...", "line L1 is busy:
 *  3 orders ahead of it: A, B, C; ..." when it waited for them, or "line L1 is a poor choice:
 *  ..." when it started at its release there and still ends late. NULL on ENOMEM. */
char *cs_output_late_reason(const cosched_scenario *sc, const cosched_plan *p, int order);

/** What the late reasons of one plan share: each order's last block, the orders ahead of it
 *  and the crew waits, found in one pass over the blocks, and the reasons already written.
 *  The two functions above cost a pass over the plan each; writers of many orders build one
 *  context instead. The plan must not change while the context lives. */
/** NULL on ENOMEM. */
cs_late_ctx *cs_output_late_ctx_new(const cosched_scenario *sc, const cosched_plan *p);
void cs_output_late_ctx_free(cs_late_ctx *ctx);
/** As cs_output_late_info(). */
void cs_output_late_ctx_info(cs_late_ctx *ctx, int order, cs_late_info *out);
/** As cs_output_late_reason(), but the text belongs to @p ctx (written once per order).
 *  NULL on ENOMEM. */
const char *cs_output_late_ctx_reason(cs_late_ctx *ctx, int order);

/* ---- report.html (write_html.c) ---- */

/** report.html of a built plan: one self-contained page (inline CSS and SVG, no scripts
 *  from elsewhere, no fonts to fetch) with KPI cards, a Gantt chart and the order table.
 *  NULL on ENOMEM. */
char *cs_output_report_html(const cosched_scenario *sc, const cosched_plan *p);
/** The same with the late reasons of @p late (NULL: made here). */
char *cs_output_report_html_late(const cosched_scenario *sc, const cosched_plan *p,
                                 cs_late_ctx *late);

/* ---- dispatch lists (write_dispatch.c) ---- */

/** dispatch.csv: every plan block once, in plan order, with its line's shift (the working
 *  period between two downtime windows of the line, or the calendar day when the line has
 *  none), its step within the shift and a note (downtime pauses, part of a divided order,
 *  lateness). NULL on ENOMEM. */
char *cs_output_dispatch_csv(const cosched_scenario *sc, const cosched_plan *p);
/** dispatch.html: the same as one printable page per line, a table per shift. NULL on
 *  ENOMEM. */
char *cs_output_dispatch_html(const cosched_scenario *sc, const cosched_plan *p);

#endif
