/* textbuf.c -- a growable NUL-terminated text buffer for the report and reason builders.
 * An allocation failure is remembered instead of reported at every call: the builder goes
 * on appending (ignored) and cs_output_buf_finish() then returns NULL. */
#include "output/output.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_output_buf_add(cs_output_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
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
    if (!b->failed && b->s == NULL)
        cs_output_buf_add(b, "", 0);
    if (b->failed) {
        free(b->s);
        b->s = NULL;
        return NULL;
    }
    return b->s;
}
