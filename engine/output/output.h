/* output.h -- turning a built plan into the contract's files: CSV and JSON text
 * (write_csv.c, write_json.c) and atomic file replacement (atomic.c). The text builders
 * allocate; the caller frees their result with free(). */
#ifndef CS_OUTPUT_H
#define CS_OUTPUT_H

#include "cosched.h"
#include "plan/plan.h"

#include <stddef.h>

/** plan.csv of a built plan (rows ordered by line then seq). NULL on ENOMEM. */
char *cs_output_plan_csv(const cosched_scenario *sc, const cosched_plan *p);
/** order_schedule.csv, one row per order in scenario order. NULL on ENOMEM. */
char *cs_output_order_schedule_csv(const cosched_scenario *sc, const cosched_plan *p);
/** A number in the shortest "%.15g"-style form that reads back to the same double
 *  ("60", "2.5", "0.1"); -0 prints as "0". @p buf holds at least 32 bytes. */
void cs_output_format_number(double v, char *buf, size_t size);

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

#endif
