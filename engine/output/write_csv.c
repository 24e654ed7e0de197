/* write_csv.c -- plan.csv and order_schedule.csv as text, columns in the contract's order
 * (order_schedule.csv adds a trailing `reason` column when some order is late).
 * Datetimes are "YYYY-MM-DDTHH:MM"; numbers use the shortest %.15g-style form that reads back
 * to the same value; a field holding a comma, quote or line break is quoted (RFC 4180). */
#include "output/output.h"

#include "base/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *s;
    size_t n;
    size_t cap;
    bool failed;
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
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

static void sb_str(strbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

static char *sb_finish(strbuf *b)
{
    if (!b->failed && b->s == NULL)
        sb_add(b, "", 0);
    if (b->failed) {
        free(b->s);
        return NULL;
    }
    return b->s;
}

/* One field, quoted when it would otherwise change the record's structure. */
static void sb_field(strbuf *b, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        sb_str(b, s);
        return;
    }
    sb_add(b, "\"", 1);
    for (const char *q = s; *q != '\0'; q++) {
        if (*q == '"')
            sb_add(b, "\"\"", 2);
        else
            sb_add(b, q, 1);
    }
    sb_add(b, "\"", 1);
}

void cs_output_format_number(double v, char *buf, size_t size)
{
    if (v == 0.0)
        v = 0.0; /* turns -0 into 0 */
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

static void sb_number(strbuf *b, double v)
{
    char buf[40];
    cs_output_format_number(v, buf, sizeof buf);
    sb_str(b, buf);
}

static void sb_long(strbuf *b, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    sb_str(b, buf);
}

static void sb_time(strbuf *b, const cosched_scenario *sc, int32_t at)
{
    char buf[32];
    cs_datetime_format(sc->horizon_epoch_min + at, buf, sizeof buf);
    sb_str(b, buf);
}

static const char *product_id(const cosched_scenario *sc, int product)
{
    return product >= 0 && product < sc->n_products ? sc->products[product].id : "";
}

static const char *kind_name(cs_block_kind k)
{
    switch (k) {
    case CS_BLOCK_CHANGEOVER:
        return "changeover";
    case CS_BLOCK_PRODUCTION:
        return "production";
    case CS_BLOCK_CLEANING:
        return "cleaning";
    }
    return "";
}

char *cs_output_plan_csv(const cosched_scenario *sc, const cosched_plan *p)
{
    strbuf b = { 0 };
    sb_str(&b, "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,minutes,"
               "cost\n");
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        sb_field(&b, sc->lines[k->line].id);
        sb_add(&b, ",", 1);
        sb_long(&b, k->seq);
        sb_add(&b, ",", 1);
        sb_str(&b, kind_name(k->kind));
        sb_add(&b, ",", 1);
        if (k->kind == CS_BLOCK_PRODUCTION)
            sb_field(&b, sc->orders[k->order].id);
        sb_add(&b, ",", 1);
        sb_field(&b, product_id(sc, k->product));
        sb_add(&b, ",", 1);
        if (k->kind != CS_BLOCK_PRODUCTION)
            sb_field(&b, product_id(sc, k->from_product));
        sb_add(&b, ",", 1);
        sb_number(&b, k->kind == CS_BLOCK_PRODUCTION ? k->quantity : 0.0);
        sb_add(&b, ",", 1);
        sb_time(&b, sc, k->start_at);
        sb_add(&b, ",", 1);
        sb_time(&b, sc, k->end_at);
        sb_add(&b, ",", 1);
        sb_long(&b, k->minutes);
        sb_add(&b, ",", 1);
        sb_number(&b, k->kind == CS_BLOCK_PRODUCTION ? 0.0 : k->cost);
        sb_add(&b, "\n", 1);
    }
    return sb_finish(&b);
}

char *cs_output_order_schedule_csv(const cosched_scenario *sc, const cosched_plan *p)
{
    /* Lines used by each order, in line order (blocks are ordered by line), as compressed
     * rows: the lines of order o are used[first[o] .. first[o + 1]). */
    int n = sc->n_orders;
    int *first = cs_calloc((size_t)n + 1, sizeof *first);
    int *used = cs_calloc((size_t)(p->n_blocks > 0 ? p->n_blocks : 1), sizeof *used);
    int *last = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *last);
    int *fill = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *fill);
    strbuf b = { 0 };
    if (first == NULL || used == NULL || last == NULL || fill == NULL) {
        b.failed = true;
        goto done;
    }
    for (int o = 0; o < n; o++)
        last[o] = -1;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind == CS_BLOCK_PRODUCTION && last[k->order] != k->line) {
            last[k->order] = k->line;
            first[k->order + 1]++;
        }
    }
    for (int o = 0; o < n; o++)
        first[o + 1] += first[o];
    for (int o = 0; o < n; o++)
        last[o] = -1;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind == CS_BLOCK_PRODUCTION && last[k->order] != k->line) {
            last[k->order] = k->line;
            used[first[k->order] + fill[k->order]++] = k->line;
        }
    }

    /* The optional column `reason` is added only when some order is late, so a plan
     * without late orders keeps the contract's six columns. */
    bool any_late = false;
    for (int o = 0; o < n && !any_late; o++)
        any_late = p->orders[o].scheduled && p->orders[o].tardiness > 0;
    sb_str(&b, any_late ? "order_id,line_id,start,end,due,tardiness_minutes,reason\n"
                        : "order_id,line_id,start,end,due,tardiness_minutes\n");
    for (int o = 0; o < n; o++) {
        const cs_order_result *r = &p->orders[o];
        sb_field(&b, sc->orders[o].id);
        sb_add(&b, ",", 1);
        if (first[o + 1] - first[o] == 1) {
            sb_field(&b, sc->lines[used[first[o]]].id);
        } else {
            strbuf ids = { 0 };
            for (int j = first[o]; j < first[o + 1]; j++) {
                if (j > first[o])
                    sb_add(&ids, "|", 1);
                sb_str(&ids, sc->lines[used[j]].id);
            }
            char *s = sb_finish(&ids);
            if (s == NULL)
                b.failed = true;
            sb_field(&b, s);
            free(s);
        }
        sb_add(&b, ",", 1);
        if (r->scheduled)
            sb_time(&b, sc, r->start_at);
        sb_add(&b, ",", 1);
        if (r->scheduled)
            sb_time(&b, sc, r->end_at);
        sb_add(&b, ",", 1);
        sb_time(&b, sc, sc->orders[o].due_at);
        sb_add(&b, ",", 1);
        if (r->scheduled)
            sb_long(&b, r->tardiness);
        if (any_late) {
            sb_add(&b, ",", 1);
            char *why = r->scheduled && r->tardiness > 0 ? cs_output_late_reason(sc, p, o)
                                                         : cs_strdup("");
            if (why == NULL)
                b.failed = true;
            sb_field(&b, why);
            free(why);
        }
        sb_add(&b, "\n", 1);
    }
done:
    free(fill);
    free(last);
    free(used);
    free(first);
    return sb_finish(&b);
}
