/* write_csv.c -- plan.csv and order_schedule.csv as text, columns in the contract's order
 * (order_schedule.csv always ends with `status` and `reason`, so a fixed-column loader reads
 * every plan alike: `reason` is empty for an order on time). The columns are plan_file.h's,
 * which the readers of plans share.
 * Datetimes are "YYYY-MM-DDTHH:MM"; numbers use the shortest %.15g-style form that reads back
 * to the same value; a field holding a comma, quote or line break is quoted (RFC 4180). */
#include "output/output.h"

#include "base/base.h"
#include "plan/plan_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_output_buf_csv_field(cs_output_buf *b, const char *s)
{
    if (s == NULL)
        return;
    static const bool special[256] = {
        ['\0'] = true, [','] = true, ['"'] = true, ['\r'] = true, ['\n'] = true,
    };
    size_t n = 0;
    while (!special[(unsigned char)s[n]])
        n++;
    if (s[n] == '\0') {
        cs_output_buf_add(b, s, n);
        return;
    }
    cs_output_buf_add(b, "\"", 1);
    for (const char *q = s; *q != '\0'; q++) {
        if (*q == '"')
            cs_output_buf_add(b, "\"\"", 2);
        else
            cs_output_buf_add(b, q, 1);
    }
    cs_output_buf_add(b, "\"", 1);
}

void cs_output_format_number(double v, char *buf, size_t size)
{
    if (v == 0.0)
        v = 0.0; /* turns -0 into 0 */
    /* whole numbers of up to 15 digits are their own shortest form */
    if (size >= 24 && v == floor(v) && fabs(v) < 1e15) {
        cs_output_fmt_long(buf, (long long)v);
        return;
    }
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

static void sb_field(cs_output_buf *b, const char *s)
{
    cs_output_buf_csv_field(b, s);
}

static void sb_number(cs_output_buf *b, double v)
{
    char buf[40];
    cs_output_format_number(v, buf, sizeof buf);
    cs_output_buf_str(b, buf);
}

static void sb_long(cs_output_buf *b, long long v)
{
    cs_output_buf_long(b, v);
}

static void sb_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at)
{
    cs_output_buf_datetime(b, sc->horizon_epoch_min + at, 'T');
}

static const char *product_id(const cosched_scenario *sc, int product)
{
    return product >= 0 && product < sc->n_products ? sc->products[product].id : "";
}

/* The header of a plan file: its columns, as plan/plan_file.h names them. */
static void header(cs_output_buf *b, const char *const *names, int n)
{
    for (int i = 0; i < n; i++) {
        if (i > 0)
            cs_output_buf_add(b, ",", 1);
        cs_output_buf_str(b, names[i]);
    }
    cs_output_buf_add(b, "\n", 1);
}

char *cs_output_plan_csv(const cosched_scenario *sc, const cosched_plan *p)
{
    cs_output_buf b = { 0 };
    header(&b, cs_plan_col_names, CS_PC_N);
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        sb_field(&b, sc->lines[k->line].id);
        cs_output_buf_add(&b, ",", 1);
        sb_long(&b, k->seq);
        cs_output_buf_add(&b, ",", 1);
        cs_output_buf_str(&b, cs_plan_file_kind_name(k->kind));
        cs_output_buf_add(&b, ",", 1);
        if (k->kind == CS_BLOCK_PRODUCTION)
            sb_field(&b, sc->orders[k->order].id);
        cs_output_buf_add(&b, ",", 1);
        sb_field(&b, product_id(sc, k->product));
        cs_output_buf_add(&b, ",", 1);
        if (k->kind != CS_BLOCK_PRODUCTION)
            sb_field(&b, product_id(sc, k->from_product));
        cs_output_buf_add(&b, ",", 1);
        sb_number(&b, k->kind == CS_BLOCK_PRODUCTION ? k->quantity : 0.0);
        cs_output_buf_add(&b, ",", 1);
        sb_time(&b, sc, k->start_at);
        cs_output_buf_add(&b, ",", 1);
        sb_time(&b, sc, k->end_at);
        cs_output_buf_add(&b, ",", 1);
        sb_long(&b, k->minutes);
        cs_output_buf_add(&b, ",", 1);
        sb_number(&b, k->kind == CS_BLOCK_PRODUCTION ? 0.0 : k->cost);
        cs_output_buf_add(&b, "\n", 1);
    }
    return cs_output_buf_finish(&b);
}

char *cs_output_order_schedule_csv(const cosched_scenario *sc, const cosched_plan *p)
{
    return cs_output_order_schedule_csv_late(sc, p, NULL);
}

char *cs_output_order_schedule_csv_late(const cosched_scenario *sc, const cosched_plan *p,
                                        cs_late_ctx *late)
{
    int n = sc->n_orders;
    cs_order_lines ol;
    cs_output_buf b = { 0 };
    if (cs_output_order_lines(sc, p, &ol) != COSCHED_OK) {
        b.failed = true;
        return cs_output_buf_finish(&b);
    }
    cs_late_ctx *own = NULL;
    const int *first = ol.first;
    const int *used = ol.used;

    bool any_late = false;
    for (int o = 0; o < n && !any_late; o++)
        any_late = p->orders[o].scheduled && p->orders[o].tardiness > 0;
    if (any_late && late == NULL) {
        late = own = cs_output_late_ctx_new(sc, p);
        if (late == NULL) {
            cs_output_order_lines_free(&ol);
            b.failed = true;
            return cs_output_buf_finish(&b);
        }
    }
    header(&b, cs_sched_col_names, CS_SC_N);
    for (int o = 0; o < n; o++) {
        const cs_order_result *r = &p->orders[o];
        sb_field(&b, sc->orders[o].id);
        cs_output_buf_add(&b, ",", 1);
        if (first[o + 1] - first[o] == 1) {
            sb_field(&b, sc->lines[used[first[o]]].id);
        } else {
            cs_output_buf ids = { 0 };
            for (int j = first[o]; j < first[o + 1]; j++) {
                if (j > first[o])
                    cs_output_buf_add(&ids, "|", 1);
                cs_output_buf_str(&ids, sc->lines[used[j]].id);
            }
            char *s = cs_output_buf_finish(&ids);
            if (s == NULL)
                b.failed = true;
            sb_field(&b, s);
            free(s);
        }
        cs_output_buf_add(&b, ",", 1);
        if (r->scheduled)
            sb_time(&b, sc, r->start_at);
        cs_output_buf_add(&b, ",", 1);
        if (r->scheduled)
            sb_time(&b, sc, r->end_at);
        cs_output_buf_add(&b, ",", 1);
        sb_time(&b, sc, sc->orders[o].due_at);
        cs_output_buf_add(&b, ",", 1);
        if (r->scheduled)
            sb_long(&b, r->tardiness);
        /* done orders are left out of the scenario, so an order here is open or running */
        cs_output_buf_str(&b, sc->orders[o].status == CS_ORDER_IN_PROGRESS ? ",in_progress,"
                                                                           : ",open,");
        if (r->scheduled && r->tardiness > 0) {
            const char *why = cs_output_late_ctx_reason(late, o);
            if (why == NULL)
                b.failed = true;
            sb_field(&b, why);
        }
        cs_output_buf_add(&b, "\n", 1);
    }
    cs_output_late_ctx_free(own);
    cs_output_order_lines_free(&ol);
    return cs_output_buf_finish(&b);
}

cosched_status cs_output_order_lines(const cosched_scenario *sc, const cosched_plan *p,
                                     cs_order_lines *out)
{
    int n = sc->n_orders;
    int *first = cs_calloc((size_t)n + 1, sizeof *first);
    int *used = cs_calloc((size_t)(p->n_blocks > 0 ? p->n_blocks : 1), sizeof *used);
    int *last = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *last);
    int *fill = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *fill);
    if (first == NULL || used == NULL || last == NULL || fill == NULL) {
        free(fill);
        free(last);
        free(used);
        free(first);
        return COSCHED_ENOMEM;
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
    free(fill);
    free(last);
    out->first = first;
    out->used = used;
    return COSCHED_OK;
}

void cs_output_order_lines_free(cs_order_lines *ol)
{
    free(ol->first);
    free(ol->used);
    ol->first = ol->used = NULL;
}
