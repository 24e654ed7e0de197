/* csvtab.h -- reading CSV tables (csvtab.c, the only user of libcsv). A table keeps every
 * record with the physical line it starts on, so every message can name FILE:LINE. It knows
 * nothing of scenarios: the loaders (input/), the plan checker, --previous and compare read
 * their files through it. */
#ifndef CS_CSVTAB_H
#define CS_CSVTAB_H

#include "base/base.h"
#include "cosched.h"

#include <stddef.h>

typedef struct cs_csvtab cs_csvtab;

/** Read the CSV file @p path (RFC 4180, UTF-8, optional BOM, LF or CRLF). @p display is the
 *  name used in messages (usually the same path). Blank trailing lines are skipped; unquoted
 *  fields are trimmed; duplicate header names are an error.
 *  @return COSCHED_OK, COSCHED_ENOENT (no such file; no diagnostic added), COSCHED_EINPUT
 *          (malformed; diagnostics added), COSCHED_EIO or COSCHED_ENOMEM. */
cosched_status cs_csvtab_load(const char *path, const char *display, cosched_diags *d,
                              cs_csvtab **out);
/** Same, from a memory buffer (used by tests and fuzzers). */
cosched_status cs_csvtab_load_buffer(const char *buf, size_t len, const char *display,
                                     cosched_diags *d, cs_csvtab **out);
void cs_csvtab_free(cs_csvtab *t);

/** What one read may take. Past a bound the read stops at the line reached, with an error
 *  there: a scenario's files are read under the caps and the time limit of the run. */
typedef struct {
    double deadline;     /**< cs_now() past which reading stops (COSCHED_ETIMEOUT); 0: none */
    long max_rows;       /**< most data records (header excluded); 0: no cap (COSCHED_EINPUT) */
    const char *what;    /**< what a record is, for the message ("orders"); NULL: "records" */
} cs_csvtab_bounds;

/** cs_csvtab_load() within @p b (NULL: only the size cap every read has).
 *  @return as cs_csvtab_load(), or COSCHED_ETIMEOUT (the deadline passed; diagnostic added). */
cosched_status cs_csvtab_load_bounded(const char *path, const char *display,
                                      const cs_csvtab_bounds *b, cosched_diags *d,
                                      cs_csvtab **out);
/** cs_csvtab_load_buffer() within @p b (NULL: none). */
cosched_status cs_csvtab_load_buffer_bounded(const char *buf, size_t len, const char *display,
                                             const cs_csvtab_bounds *b, cosched_diags *d,
                                             cs_csvtab **out);

const char *cs_csvtab_display(const cs_csvtab *t);
/** Add @p t to the scenario's input digest @p acc as `sha256sum` prints a file: "HEX  NAME\n",
 *  HEX the SHA-256 of the bytes read (a BOM included), NAME @p name. A NULL table (a file
 *  not read) adds nothing. Added in a fixed order, the tables give a digest that
 *  `sha256sum FILES | sha256sum` run in the scenario folder reproduces. */
void cs_csvtab_digest_add(cs_sha256 *acc, const cs_csvtab *t, const char *name);
int cs_csvtab_n_rows(const cs_csvtab *t);   /* data records, header excluded */
int cs_csvtab_n_cols(const cs_csvtab *t);
const char *cs_csvtab_col_name(const cs_csvtab *t, int col);
/** Column index by exact name, -1 when absent. */
int cs_csvtab_col(const cs_csvtab *t, const char *name);
/** Field text ("" when col < 0 or the record is short). Borrowed. */
const char *cs_csvtab_get(const cs_csvtab *t, int row, int col);
/** Physical line where data record @p row starts (header = line 1). */
long cs_csvtab_line(const cs_csvtab *t, int row);
/** Number of fields the record really had (to report short or long records). */
int cs_csvtab_row_width(const cs_csvtab *t, int row);

#endif
