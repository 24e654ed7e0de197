/* base.h -- helpers without domain knowledge: diagnostics sink, datetimes, numbers.
 * Times inside the engine are int32_t minutes from horizon_start ("*_at"); datetimes in
 * files are plant-local "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T). */
#ifndef CS_BASE_H
#define CS_BASE_H

#include "cosched.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#define CS_TRY(expr)                                                                           \
    do {                                                                                       \
        cosched_status cs_try_st_ = (expr);                                                    \
        if (cs_try_st_ != COSCHED_OK)                                                          \
            return cs_try_st_;                                                                 \
    } while (0)
#define CS_TRY_GOTO(st, expr, label)                                                           \
    do {                                                                                       \
        if (((st) = (expr)) != COSCHED_OK)                                                     \
            goto label;                                                                        \
    } while (0)

/* ---- diagnostics (diag.c) ---- */

/** Add an entry. @p column may be NULL; @p line 0 means the whole file. Formats like printf.
 *  Never fails: on ENOMEM the entry is dropped and the sink remembers it was truncated. */
void cs_diag_add(cosched_diags *d, cosched_severity sev, const char *file, long line,
                 const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void cs_diag_vadd(cosched_diags *d, cosched_severity sev, const char *file, long line,
                  const char *column, const char *fmt, va_list ap);
/** True once the sink holds its maximum number of errors: loaders may stop early. */
bool cs_diag_full(const cosched_diags *d);
/** cs_diag_add() with the stable code @p code (static storage; NULL: the generic E_OTHER or
 *  W_OTHER). The codes are listed in the README ("Diagnostic codes"). */
void cs_diag_addc(cosched_diags *d, const char *code, cosched_severity sev, const char *file,
                  long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void cs_diag_vaddc(cosched_diags *d, const char *code, cosched_severity sev, const char *file,
                   long line, const char *column, const char *fmt, va_list ap);

/* ---- datetimes (datetime.c) ---- */

/** Minutes since 1970-01-01T00:00 of a plant-local civil datetime. Seconds are returned
 *  apart in @p sec (0..59) so callers can round up or down. Accepts YYYY-MM-DDTHH:MM,
 *  a space for T, and :SS. Rejects impossible dates (2027-02-30, month 13, hour 24).
 *  @return true on success. */
bool cs_datetime_parse(const char *s, int64_t *epoch_min, int *sec);
/** Format epoch minutes as "YYYY-MM-DDTHH:MM" into @p buf (at least 20 bytes). */
void cs_datetime_format(int64_t epoch_min, char *buf, size_t size);

/* ---- numbers and strings (util.c) ---- */

/** Parse a finite decimal number (no hex, no inf/nan, nothing after it). */
bool cs_parse_double(const char *s, double *out);
/** Parse a decimal integer in [lo, hi]. */
bool cs_parse_long(const char *s, long lo, long hi, long *out);
/** strdup that returns NULL on ENOMEM (C11 has no strdup). */
char *cs_strdup(const char *s);
/** malloc/calloc/realloc wrappers that check for size overflow. */
void *cs_calloc(size_t n, size_t size);
void *cs_reallocarray(void *p, size_t n, size_t size);
/** Room for at least @p need elements of @p size bytes in @p arr, which has *cap: the
 *  capacity doubles (from @p first) so that appending one by one stays linear.
 *  @return the array, moved or not, with *cap updated; NULL on ENOMEM, leaving @p arr and
 *          *cap as they were. */
void *cs_grow(void *arr, size_t size, size_t need, size_t *cap, size_t first);
/** "dir/name" in a new string. */
char *cs_path_join(const char *dir, const char *name);
/** Seconds of a monotonic clock. */
double cs_now(void);

/* ---- string -> int hash map (strmap.c) ---- */

/** Open-addressing hash map from strings to non-negative ints, for O(1) id lookups.
 *  The map copies its keys. */
typedef struct cs_strmap cs_strmap;

/** A new empty map. NULL on ENOMEM. */
cs_strmap *cs_strmap_create(void);
void cs_strmap_free(cs_strmap *m);
/** Set @p key to @p value (>= 0), replacing an earlier value.
 *  @return COSCHED_OK or COSCHED_ENOMEM (the map is unchanged then). */
cosched_status cs_strmap_put(cs_strmap *m, const char *key, int value);
/** The value of @p key, or -1 when absent (also when @p m is NULL). */
int cs_strmap_get(const cs_strmap *m, const char *key);
/** Number of keys. */
int cs_strmap_count(const cs_strmap *m);

/* ---- SHA-256 (sha256.c) ---- */

#define CS_SHA256_BYTES 32

/** A running SHA-256: cs_sha256_init, any number of cs_sha256_add, then cs_sha256_end. */
typedef struct {
    uint32_t h[8];
    uint64_t n_bytes;
    uint8_t buf[64];
} cs_sha256;

void cs_sha256_init(cs_sha256 *s);
void cs_sha256_add(cs_sha256 *s, const void *data, size_t len);
/** The digest of everything added; @p s must be initialised again before reuse. */
void cs_sha256_end(cs_sha256 *s, uint8_t out[CS_SHA256_BYTES]);
/** @p digest as 64 lower-case hex digits and a NUL. */
void cs_sha256_hex(const uint8_t digest[CS_SHA256_BYTES], char hex[2 * CS_SHA256_BYTES + 1]);

#endif
