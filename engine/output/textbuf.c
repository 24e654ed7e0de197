/* textbuf.c -- a growable NUL-terminated text buffer for the report and reason builders,
 * with formatters for integers, fixed-point numbers and datetimes that give printf's bytes
 * without its cost (a plan of 100,000 orders writes millions of such fields). An allocation
 * failure is remembered instead of reported at every call: the builder goes on appending
 * (ignored) and cs_output_buf_finish() then returns NULL. */
#include "output/output.h"

#include "base/base.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DATE_SLOTS = 4096 }; /* eleven years of days, direct-mapped by day number */

/* "YYYY-MM-DD" of the days formatted lately, so that a datetime costs a lookup, not a
 * calendar conversion. */
struct cs_output_dates {
    int64_t day[DATE_SLOTS];
    char ymd[DATE_SLOTS][16];
    unsigned char len[DATE_SLOTS]; /* 0: slot empty */
};

bool cs_output_buf_grow(cs_output_buf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (p == NULL) {
            b->failed = true;
            return false;
        }
        b->s = p;
        b->cap = cap;
    }
    return true;
}

void cs_output_buf_str(cs_output_buf *b, const char *s)
{
    cs_output_buf_add(b, s, strlen(s));
}

void cs_output_buf_printf(cs_output_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        cs_output_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    cs_output_buf_add(b, big, (size_t)n);
    free(big);
}

char *cs_output_buf_finish(cs_output_buf *b)
{
    free(b->dates);
    b->dates = NULL;
    if (!b->failed && b->s == NULL)
        cs_output_buf_add(b, "", 0);
    if (b->failed) {
        free(b->s);
        b->s = NULL;
        return NULL;
    }
    return b->s;
}

/* ---- number formatting ---- */

/* Decimal digits of @p u, most significant first, into @p out; returns the count. */
static int put_digits(char *out, unsigned long long u)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

int cs_output_fmt_long(char *buf, long long v)
{
    int n = 0;
    unsigned long long u = (unsigned long long)v;
    if (v < 0) {
        buf[n++] = '-';
        u = 0ULL - u;
    }
    n += put_digits(buf + n, u);
    buf[n] = '\0';
    return n;
}

int cs_output_fmt_fixed(char *buf, size_t size, double v, int decimals)
{
    static const double scale[] = { 1.0, 10.0, 100.0, 1000.0 };
    if (decimals >= 0 && decimals <= 3 && size >= 32 && isfinite(v)) {
        double s = fabs(v) * scale[decimals];
        /* Below 1e9 the product is within 1e-7 of the exact one, so it rounds like the exact
         * decimal value unless that lies next to a tie: those are left to printf, which
         * resolves them on the exact binary value. */
        double fl = floor(s);
        if (s < 1e9 && fabs(s - fl - 0.5) > 1e-6) {
            unsigned long long u = (unsigned long long)fl + (s - fl > 0.5 ? 1u : 0u);
            int n = 0;
            if (signbit(v)) /* printf keeps the sign of a negative value rounded to zero */
                buf[n++] = '-';
            char dig[24];
            int nd = put_digits(dig, u);
            if (decimals == 0) {
                memcpy(buf + n, dig, (size_t)nd);
                n += nd;
            } else {
                int lead = nd - decimals; /* digits before the point */
                if (lead <= 0) {
                    buf[n++] = '0';
                    buf[n++] = '.';
                    for (int i = lead; i < 0; i++)
                        buf[n++] = '0';
                    memcpy(buf + n, dig, (size_t)nd);
                    n += nd;
                } else {
                    memcpy(buf + n, dig, (size_t)lead);
                    n += lead;
                    buf[n++] = '.';
                    memcpy(buf + n, dig + lead, (size_t)decimals);
                    n += decimals;
                }
            }
            buf[n] = '\0';
            return n;
        }
    }
    int n = snprintf(buf, size, "%.*f", decimals, v);
    return n < 0 ? 0 : (size_t)n >= size ? (int)size - 1 : n;
}

int cs_output_fmt_g17(char *buf, size_t size, double v)
{
    /* Whole numbers below 1e15 print as their digits (no exponent, no point). */
    if (size >= 24 && v == floor(v) && fabs(v) < 1e15 && !(v == 0.0 && signbit(v)))
        return cs_output_fmt_long(buf, (long long)v);
    int n = snprintf(buf, size, "%.17g", v);
    return n < 0 ? 0 : (size_t)n >= size ? (int)size - 1 : n;
}

void cs_output_buf_long(cs_output_buf *b, long long v)
{
    if (!cs_output_buf_grow(b, 24))
        return;
    b->n += (size_t)cs_output_fmt_long(b->s + b->n, v);
}

void cs_output_buf_fixed(cs_output_buf *b, double v, int decimals)
{
    char buf[400]; /* %.3f of the largest double */
    int n = cs_output_fmt_fixed(buf, sizeof buf, v, decimals);
    cs_output_buf_add(b, buf, (size_t)n);
}

void cs_output_buf_g17(cs_output_buf *b, double v)
{
    char buf[40];
    int n = cs_output_fmt_g17(buf, sizeof buf, v);
    cs_output_buf_add(b, buf, (size_t)n);
}

/* ---- datetimes ---- */

void cs_output_buf_datetime(cs_output_buf *b, int64_t epoch_min, char sep)
{
    int64_t day = epoch_min >= 0 ? epoch_min / 1440 : -((-epoch_min + 1439) / 1440);
    int64_t rem = epoch_min - day * 1440;
    if (b->dates == NULL && !b->failed) {
        b->dates = calloc(1, sizeof *b->dates);
        if (b->dates == NULL)
            b->failed = true;
    }
    if (b->failed)
        return;
    struct cs_output_dates *c = b->dates;
    size_t slot = (size_t)((uint64_t)day % DATE_SLOTS);
    if (c->len[slot] == 0 || c->day[slot] != day) {
        char full[48];
        cs_datetime_format(day * 1440, full, sizeof full);
        size_t n = strlen(full);
        /* the date is everything before the "THH:MM" the day's midnight ends with */
        if (n < 6 || n - 6 >= sizeof c->ymd[slot] || full[n - 6] != 'T') {
            cs_datetime_format(epoch_min, full, sizeof full);
            char *t = strchr(full, 'T');
            if (t != NULL)
                *t = sep;
            cs_output_buf_str(b, full);
            return;
        }
        memcpy(c->ymd[slot], full, n - 6);
        c->len[slot] = (unsigned char)(n - 6);
        c->day[slot] = day;
    }
    size_t n = c->len[slot];
    if (!cs_output_buf_grow(b, n + 6))
        return;
    char *o = b->s + b->n;
    memcpy(o, c->ymd[slot], n);
    int hh = (int)(rem / 60);
    int mm = (int)(rem % 60);
    o[n] = sep;
    o[n + 1] = (char)('0' + hh / 10);
    o[n + 2] = (char)('0' + hh % 10);
    o[n + 3] = ':';
    o[n + 4] = (char)('0' + mm / 10);
    o[n + 5] = (char)('0' + mm % 10);
    b->n += n + 6;
    b->s[b->n] = '\0';
}

/* Characters that end a run of plain text in cs_output_buf_html(): the NUL and the ones it
 * replaces. */
static const bool html_special[256] = {
    ['\0'] = true, ['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true, ['\''] = true,
};

/* Text for element content and attribute values alike; runs of plain characters are
 * copied at once. */
void cs_output_buf_html(cs_output_buf *b, const char *s)
{
    if (s == NULL)
        return;
    for (;;) {
        const char *q = s;
        while (!html_special[(unsigned char)*q])
            q++;
        cs_output_buf_add(b, s, (size_t)(q - s));
        switch (*q) {
        case '&': cs_output_buf_add(b, "&amp;", 5); break;
        case '<': cs_output_buf_add(b, "&lt;", 4); break;
        case '>': cs_output_buf_add(b, "&gt;", 4); break;
        case '"': cs_output_buf_add(b, "&quot;", 6); break;
        case '\'': cs_output_buf_add(b, "&#39;", 5); break;
        default: return; /* the NUL */
        }
        s = q + 1;
    }
}
