/* csvtab.c -- a whole CSV file as a table of strings, each record tagged with the physical
 * line it starts on. The only user of libcsv. libcsv counts no lines, so the buffer is fed
 * one physical line at a time and the start line of the record in progress is noted when its
 * first non-blank line arrives; a quoted field that spans lines keeps that line.
 * Fields live in one string pool (offsets, not pointers, while it grows). */
#include "base/csvtab.h"

#include "base/base.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Largest input file read: 100,000 orders take about 6 MB, so this is far above any plant,
 * and low enough that a runaway file (a 1 GB field) cannot exhaust memory. */
#define CS_MAX_INPUT_BYTES (128L * 1024 * 1024)

typedef struct {
    size_t first; /* index of the record's first field in field_off */
    int width;
    long line;
} record;

struct cs_csvtab {
    char *display;
    char *pool;
    size_t pool_len, pool_cap;
    size_t *field_off;
    size_t n_fields, fields_cap;
    record *recs; /* recs[0] is the header */
    int n_recs, recs_cap;
    uint8_t sha256[CS_SHA256_BYTES]; /* of the bytes read, a BOM included */
};

typedef struct {
    cs_csvtab *t;
    long line;          /* physical line being fed */
    long rec_line;      /* start line of the record in progress */
    bool between;       /* no record in progress */
    size_t rec_first;   /* first field of the record in progress */
    size_t rec_pool;    /* pool length when it began */
    int rec_width;
    long max_rows;      /* 0: no cap */
    const char *what;   /* what a record is, for the message */
    bool over;          /* a record beyond max_rows arrived */
    bool nomem;
} cursor;

static bool pool_add(cs_csvtab *t, const char *s, size_t len)
{
    if (t->pool_len + len + 1 > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap : 4096;
        while (cap < t->pool_len + len + 1) {
            if (cap > SIZE_MAX / 2)
                return false;
            cap *= 2;
        }
        char *p = realloc(t->pool, cap);
        if (p == NULL)
            return false;
        t->pool = p;
        t->pool_cap = cap;
    }
    if (t->n_fields == t->fields_cap) {
        size_t cap = t->fields_cap ? 2 * t->fields_cap : 64;
        size_t *f = cs_reallocarray(t->field_off, cap, sizeof *f);
        if (f == NULL)
            return false;
        t->field_off = f;
        t->fields_cap = cap;
    }
    t->field_off[t->n_fields++] = t->pool_len;
    if (len > 0)
        memcpy(t->pool + t->pool_len, s, len);
    t->pool[t->pool_len + len] = '\0';
    t->pool_len += len + 1;
    return true;
}

/* libcsv reuses its field buffer: copy at once. */
static void on_field(void *s, size_t len, void *data)
{
    cursor *c = data;
    if (c->nomem)
        return;
    if (!pool_add(c->t, s, len))
        c->nomem = true;
    c->rec_width++;
}

static void on_record(int term, void *data)
{
    cursor *c = data;
    (void)term;
    if (c->nomem)
        return;
    cs_csvtab *t = c->t;
    /* A record whose fields are all empty (",,," as spreadsheets write below the data) is
     * treated like a blank line. */
    bool all_empty = true;
    for (size_t i = c->rec_first; i < t->n_fields && all_empty; i++)
        all_empty = t->pool[t->field_off[i]] == '\0';
    if (all_empty) {
        t->n_fields = c->rec_first;
        t->pool_len = c->rec_pool;
    } else {
        if (t->n_recs == t->recs_cap) {
            int cap = t->recs_cap ? 2 * t->recs_cap : 64;
            record *r = cs_reallocarray(t->recs, (size_t)cap, sizeof *r);
            if (r == NULL) {
                c->nomem = true;
                return;
            }
            t->recs = r;
            t->recs_cap = cap;
        }
        t->recs[t->n_recs++] = (record){c->rec_first, c->rec_width, c->rec_line};
        if (c->max_rows > 0 && t->n_recs - 1 > c->max_rows)
            c->over = true;
    }
    c->rec_first = t->n_fields;
    c->rec_pool = t->pool_len;
    c->rec_width = 0;
    c->between = true;
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    }
    return true;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 when invalid. Rejects
 * overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        if (s[0] == 0xE0)
            lo = 0xA0;
        else if (s[0] == 0xED)
            hi = 0x9F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        if (s[0] == 0xF0)
            lo = 0x90;
        else if (s[0] == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (len > n)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    }
    return len;
}

/* The record at @p line is one more than the cursor's cap: an error there. */
static cosched_status too_many_rows(const cursor *c, const char *display, long line,
                                    cosched_diags *d)
{
    cs_diag_addc(d, "E_TOO_LARGE", COSCHED_SEV_ERROR, display, line, NULL,
                 "more than %ld %s, the most the engine takes (see \"Limits today\" in the "
                 "README)", c->max_rows, c->what);
    return COSCHED_EINPUT;
}

/* How many physical lines, or bytes of one line, pass between two looks at the clock: a
 * look costs about 20 ns, 4,096 lines of CSV or a megabyte about a millisecond. */
enum { CLOCK_EVERY_LINES = 4096, CLOCK_EVERY_BYTES = 1 << 20 };

static bool past_deadline(const cs_csvtab_bounds *b, const char *display, long line,
                          cosched_diags *d)
{
    if (b == NULL || b->deadline <= 0.0 || cs_now() <= b->deadline)
        return false;
    cs_diag_addc(d, "E_TIME_LIMIT", COSCHED_SEV_ERROR, display, line, NULL,
                 "the time limit passed while this file was read, here; nothing planned "
                 "(give a longer --time-limit or time_limit_s)");
    return true;
}

/* Checks every physical line for NUL bytes and invalid UTF-8; reports each bad line. Past
 * the deadline of @p b (NULL: none) it stops with *timed_out set. */
static bool check_encoding(const char *buf, size_t len, const char *display,
                           const cs_csvtab_bounds *b, cosched_diags *d, bool *timed_out)
{
    bool ok = true;
    long line = 1;
    bool line_bad = false;
    size_t next_look = CLOCK_EVERY_BYTES;
    for (size_t i = 0; i < len;) {
        if (i >= next_look) {
            next_look = i + CLOCK_EVERY_BYTES;
            if (past_deadline(b, display, line, d)) {
                *timed_out = true;
                return false;
            }
        }
        unsigned char ch = (unsigned char)buf[i];
        if (ch == '\n') {
            line++;
            line_bad = false;
            i++;
            continue;
        }
        size_t n = ch == 0 ? 0 : utf8_len((const unsigned char *)buf + i, len - i);
        /* A byte order mark is only accepted at the very start; elsewhere (files pasted
         * together) it would hide inside an identifier, invisible in every message. */
        if (n == 3 && memcmp(buf + i, "\xEF\xBB\xBF", 3) == 0) {
            if (!line_bad)
                cs_diag_addc(d, "E_ENCODING", COSCHED_SEV_ERROR, display, line, NULL,
                             "line contains a byte order mark (U+FEFF) after the start of "
                             "the file");
            line_bad = true;
            ok = false;
            if (cs_diag_full(d))
                return false;
        } else if (n == 0) {
            if (!line_bad)
                cs_diag_addc(d, "E_ENCODING", COSCHED_SEV_ERROR, display, line, NULL,
                             ch == 0 ? "line contains a NUL byte"
                                     : "line is not valid UTF-8 (byte 0x%02X)", ch);
            line_bad = true;
            ok = false;
            if (cs_diag_full(d))
                return false;
            n = 1;
        }
        i += n;
    }
    return ok;
}

void cs_csvtab_free(cs_csvtab *t)
{
    if (t == NULL)
        return;
    free(t->display);
    free(t->pool);
    free(t->field_off);
    free(t->recs);
    free(t);
}

/* True when @p buf looks like UTF-16 (as Excel's "Unicode Text" and some exports write): a
 * UTF-16 byte order mark, or a start where every other byte is NUL (ASCII text in UTF-16
 * without one). Read as UTF-8 it would give a NUL-byte error on every line. */
static bool is_utf16(const char *buf, size_t len)
{
    if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0))
        return true;
    size_t n = len < 64 ? len & ~(size_t)1 : 64;
    if (n < 4)
        return false;
    size_t nul[2] = {0, 0};
    for (size_t i = 0; i < n; i++)
        nul[i % 2] += buf[i] == '\0';
    return (nul[0] == n / 2 && nul[1] == 0) || (nul[1] == n / 2 && nul[0] == 0);
}

cosched_status cs_csvtab_load_buffer(const char *buf, size_t len, const char *display,
                                     cosched_diags *d, cs_csvtab **out)
{
    return cs_csvtab_load_buffer_bounded(buf, len, display, NULL, d, out);
}

cosched_status cs_csvtab_load_buffer_bounded(const char *buf, size_t len, const char *display,
                                             const cs_csvtab_bounds *b, cosched_diags *d,
                                             cs_csvtab **out)
{
    uint8_t digest[CS_SHA256_BYTES];
    cs_sha256 sha;
    cs_sha256_init(&sha);
    /* In pieces, the clock looked at before each: hashing a file of a hundred megabytes
     * takes a second or more on a slow machine. */
    for (size_t off = 0; off < len; off += CLOCK_EVERY_BYTES) {
        if (off > 0 && past_deadline(b, display, 1, d))
            return COSCHED_ETIMEOUT;
        size_t n = len - off < CLOCK_EVERY_BYTES ? len - off : CLOCK_EVERY_BYTES;
        cs_sha256_add(&sha, buf + off, n);
    }
    cs_sha256_end(&sha, digest);
    if (is_utf16(buf, len)) {
        cs_diag_addc(d, "E_UTF16", COSCHED_SEV_ERROR, display, 1, NULL,
                     "the file is UTF-16 encoded; save as UTF-8 (in Excel: \"CSV UTF-8 (Comma "
                     "delimited)\")");
        return COSCHED_EINPUT;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    bool timed_out = false;
    if (!check_encoding(buf, len, display, b, d, &timed_out))
        return timed_out ? COSCHED_ETIMEOUT : COSCHED_EINPUT;

    cs_csvtab *t = calloc(1, sizeof *t);
    if (t == NULL)
        return COSCHED_ENOMEM;
    t->display = cs_strdup(display);
    if (t->display == NULL) {
        free(t);
        return COSCHED_ENOMEM;
    }
    memcpy(t->sha256, digest, sizeof digest);
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        cs_csvtab_free(t);
        return COSCHED_ENOMEM;
    }
    cursor c = {.t = t, .line = 0, .rec_line = 1, .between = true,
                .max_rows = b != NULL ? b->max_rows : 0,
                .what = b != NULL && b->what != NULL ? b->what : "records"};
    cosched_status st = COSCHED_OK;
    for (size_t off = 0; off < len && st == COSCHED_OK;) {
        if (c.line % CLOCK_EVERY_LINES == 0 && past_deadline(b, display, c.line + 1, d)) {
            st = COSCHED_ETIMEOUT;
            break;
        }
        const char *nl = memchr(buf + off, '\n', len - off);
        size_t n = nl ? (size_t)(nl - (buf + off)) + 1 : len - off;
        c.line++;
        if (c.between && !is_blank(buf + off, n)) {
            c.rec_line = c.line;
            c.between = false;
        }
        /* A long line (one field of megabytes) is fed in pieces, the clock looked at
         * before each. */
        size_t fed = 0;
        while (fed < n && st == COSCHED_OK) {
            size_t piece = n - fed < CLOCK_EVERY_BYTES ? n - fed : CLOCK_EVERY_BYTES;
            if (fed > 0 && past_deadline(b, display, c.line, d))
                st = COSCHED_ETIMEOUT;
            else if (csv_parse(&p, buf + off + fed, piece, on_field, on_record, &c) != piece)
                break;
            fed += piece;
        }
        if (st == COSCHED_OK && fed < n) {
            if (csv_error(&p) == CSV_ENOMEM || csv_error(&p) == CSV_ETOOBIG) {
                st = COSCHED_ENOMEM;
            } else {
                cs_diag_addc(d, "E_MALFORMED_CSV", COSCHED_SEV_ERROR, display, c.line, NULL,
                             "malformed CSV: stray '\"' (a quote inside an unquoted field, "
                             "or text after a closing quote)");
                st = COSCHED_EINPUT;
            }
        }
        if (c.nomem)
            st = COSCHED_ENOMEM;
        else if (c.over && st == COSCHED_OK)
            st = too_many_rows(&c, display, t->recs[t->n_recs - 1].line, d);
        off += n;
    }
    if (st == COSCHED_OK) {
        if (csv_fini(&p, on_field, on_record, &c) != 0) {
            cs_diag_addc(d, "E_MALFORMED_CSV", COSCHED_SEV_ERROR, display, c.rec_line, NULL,
                         "malformed CSV: quoted field is never closed");
            st = COSCHED_EINPUT;
        } else if (c.nomem) {
            st = COSCHED_ENOMEM;
        } else if (c.over) {
            st = too_many_rows(&c, display, t->recs[t->n_recs - 1].line, d);
        }
    }
    csv_free(&p);
    if (st == COSCHED_OK && t->n_recs == 0) {
        cs_diag_addc(d, "E_EMPTY_FILE", COSCHED_SEV_ERROR, display, 1, NULL,
                     "file is empty: expected a header");
        st = COSCHED_EINPUT;
    }
    if (st == COSCHED_OK) {
        /* Duplicate names would make "column by name" ambiguous. Nameless columns (a
         * trailing comma in the header) are left to the loaders' unknown-column warning. */
        const record *h = &t->recs[0];
        cs_strmap *seen = cs_strmap_create();
        if (seen == NULL)
            st = COSCHED_ENOMEM;
        for (int i = 0; i < h->width && st == COSCHED_OK; i++) {
            const char *name = t->pool + t->field_off[h->first + (size_t)i];
            if (*name == '\0')
                continue;
            if (cs_strmap_get(seen, name) >= 0) {
                cs_diag_addc(d, "E_DUPLICATE_COLUMN", COSCHED_SEV_ERROR, display, h->line, name,
                             "column '%s' appears twice in the header", name);
                st = COSCHED_EINPUT;
            } else if (cs_strmap_put(seen, name, i) != COSCHED_OK) {
                st = COSCHED_ENOMEM;
            }
        }
        cs_strmap_free(seen);
    }
    if (st != COSCHED_OK) {
        cs_csvtab_free(t);
        return st;
    }
    *out = t;
    return COSCHED_OK;
}

/* Open @p path for reading if it is a regular file: a FIFO, a device (/dev/zero,
 * /dev/urandom, a terminal) or a directory is refused, since reading it could block forever
 * or never end. O_NONBLOCK keeps the open itself from waiting for a FIFO's writer.
 * @return an open descriptor, or -1 with the reason in @p d (and *@p st set). */
static int open_regular(const char *path, const char *display, cosched_diags *d,
                        off_t *size, cosched_status *st)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            *st = COSCHED_ENOENT;
            return -1;
        }
        cs_diag_addc(d, "E_FILE_UNREADABLE", COSCHED_SEV_ERROR, display, 0, NULL,
                     "cannot open the file: %s",
                     strerror(errno));
        *st = COSCHED_EIO;
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        cs_diag_addc(d, "E_FILE_UNREADABLE", COSCHED_SEV_ERROR, display, 0, NULL,
                     "not a regular file (a directory, a FIFO or a device): refused");
        close(fd);
        *st = COSCHED_EIO;
        return -1;
    }
    if (sb.st_size > CS_MAX_INPUT_BYTES) {
        cs_diag_addc(d, "E_FILE_TOO_LARGE", COSCHED_SEV_ERROR, display, 0, NULL,
                     "the file has %lld bytes, more than the %ld an input file may have",
                     (long long)sb.st_size, CS_MAX_INPUT_BYTES);
        close(fd);
        *st = COSCHED_EINPUT;
        return -1;
    }
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    *size = sb.st_size;
    return fd;
}

cosched_status cs_csvtab_load(const char *path, const char *display, cosched_diags *d,
                              cs_csvtab **out)
{
    return cs_csvtab_load_bounded(path, display, NULL, d, out);
}

cosched_status cs_csvtab_load_bounded(const char *path, const char *display,
                                      const cs_csvtab_bounds *b, cosched_diags *d,
                                      cs_csvtab **out)
{
    off_t size = 0;
    cosched_status st = COSCHED_OK;
    int fd = open_regular(path, display, d, &size, &st);
    if (fd < 0)
        return st;
    /* One read for the size fstat gave; a file that grows meanwhile still stops at the cap. */
    size_t cap = (size_t)size + 1;
    size_t len = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        close(fd);
        return COSCHED_ENOMEM;
    }
    for (;;) {
        if (len == cap) {
            if (cap > (size_t)CS_MAX_INPUT_BYTES) {
                st = COSCHED_EINPUT;
                cs_diag_addc(d, "E_FILE_TOO_LARGE", COSCHED_SEV_ERROR, display, 0, NULL,
                             "the file grew past the %ld bytes an input file may have",
                             CS_MAX_INPUT_BYTES);
                break;
            }
            char *grown = realloc(buf, 2 * cap);
            if (grown == NULL) {
                st = COSCHED_ENOMEM;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        /* The loop condition tests buf before every use (cppcheck cannot see it). */
        // cppcheck-suppress nullPointerArithmeticRedundantCheck
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = COSCHED_EIO;
            cs_diag_addc(d, "E_FILE_UNREADABLE", COSCHED_SEV_ERROR, display, 0, NULL,
                         "cannot read the file: %s",
                         strerror(errno));
            break;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (st == COSCHED_OK && past_deadline(b, display, 1, d))
        st = COSCHED_ETIMEOUT;
    if (st == COSCHED_OK)
        st = cs_csvtab_load_buffer_bounded(buf, len, display, b, d, out);
    free(buf);
    return st;
}

const char *cs_csvtab_display(const cs_csvtab *t) { return t->display; }

void cs_csvtab_digest_add(cs_sha256 *acc, const cs_csvtab *t, const char *name)
{
    if (t == NULL)
        return;
    char hex[2 * CS_SHA256_BYTES + 1];
    cs_sha256_hex(t->sha256, hex);
    cs_sha256_add(acc, hex, strlen(hex));
    cs_sha256_add(acc, "  ", 2);
    cs_sha256_add(acc, name, strlen(name));
    cs_sha256_add(acc, "\n", 1);
}
int cs_csvtab_n_rows(const cs_csvtab *t) { return t->n_recs - 1; }
int cs_csvtab_n_cols(const cs_csvtab *t) { return t->recs[0].width; }

const char *cs_csvtab_col_name(const cs_csvtab *t, int col)
{
    if (col < 0 || col >= t->recs[0].width)
        return "";
    return t->pool + t->field_off[t->recs[0].first + (size_t)col];
}

int cs_csvtab_col(const cs_csvtab *t, const char *name)
{
    for (int i = 0; i < t->recs[0].width; i++) {
        if (strcmp(cs_csvtab_col_name(t, i), name) == 0)
            return i;
    }
    return -1;
}

const char *cs_csvtab_get(const cs_csvtab *t, int row, int col)
{
    if (row < 0 || row + 1 >= t->n_recs || col < 0)
        return "";
    const record *r = &t->recs[row + 1];
    if (col >= r->width || col >= t->recs[0].width)
        return "";
    return t->pool + t->field_off[r->first + (size_t)col];
}

long cs_csvtab_line(const cs_csvtab *t, int row)
{
    if (row < 0 || row + 1 >= t->n_recs)
        return 0;
    return t->recs[row + 1].line;
}

int cs_csvtab_row_width(const cs_csvtab *t, int row)
{
    if (row < 0 || row + 1 >= t->n_recs)
        return 0;
    return t->recs[row + 1].width;
}
