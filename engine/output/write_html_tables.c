/* write_html_tables.c -- report.html's tables: the orders (late first, with the reason, sortable
 * in the browser) and the changeovers and cleanings as text, since a printed chart has no
 * hover titles. */
#include "output/write_html.h"

#include "base/base.h"

#include <stdlib.h>

/* ---- changeovers and cleanings as text (a printed chart has no hover titles) ---- */

void cs_html_changeover_table(const cosched_scenario *sc, const cosched_plan *p,
                                   cs_output_buf *b)
{
    if (p->kpis.changeovers == 0 && p->kpis.cleanings == 0)
        return;
    put(b, "<section class=\"panel\"><h2>Changeovers and cleanings</h2>\n"
           "<table class=\"cos\"><thead><tr><th>Line</th><th>Start</th><th>End</th>"
           "<th>What</th><th>From</th><th>To</th><th class=\"num\">Minutes</th>"
           "<th class=\"num\">Cost</th></tr></thead><tbody>\n");
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind == CS_BLOCK_PRODUCTION)
            continue;
        PUT(b, "<tr data-co=\"");
        esc(b, sc->lines[k->line].id);
        PUT(b, ":");
        put_long(b, k->seq);
        PUT(b, "\"><td>");
        esc(b, sc->lines[k->line].id);
        PUT(b, "</td><td>");
        put_time(b, sc, k->start_at);
        PUT(b, "</td><td>");
        put_time(b, sc, k->end_at);
        PUT(b, "</td><td>");
        put(b, k->kind == CS_BLOCK_CHANGEOVER ? "changeover" : "cleaning");
        PUT(b, "</td><td>");
        esc(b, k->from_product >= 0 ? sc->products[k->from_product].id : "");
        PUT(b, "</td><td>");
        esc(b, k->product >= 0 ? sc->products[k->product].id : "");
        PUT(b, "</td><td class=\"num\">");
        put_long(b, k->minutes);
        PUT(b, "</td><td class=\"num\">");
        cs_html_number(b, k->cost);
        PUT(b, "</td></tr>\n");
    }
    put(b, "</tbody></table></section>\n");
}

/* ---- the order table ---- */

static void td_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at, bool present)
{
    if (!present) {
        PUT(b, "<td data-v=\"\"></td>");
        return;
    }
    PUT(b, "<td data-v=\"");
    put_long(b, at);
    PUT(b, "\">");
    put_time(b, sc, at);
    PUT(b, "</td>");
}

/* The lines that make order @p o, in plan order, separated by '|' as in order_schedule.csv. */
static void put_order_lines(cs_output_buf *b, const cosched_scenario *sc,
                            const cs_order_lines *ol, int o)
{
    for (int j = ol->first[o]; j < ol->first[o + 1]; j++) {
        if (j > ol->first[o])
            put(b, "|");
        esc(b, sc->lines[ol->used[j]].id);
    }
}

typedef struct {
    int32_t tardiness;
    int32_t start_at;
    int order;
} table_key;

static int table_key_cmp(const void *a, const void *b)
{
    const table_key *x = a;
    const table_key *y = b;
    if (x->tardiness != y->tardiness)
        return x->tardiness > y->tardiness ? -1 : 1;
    if (x->start_at != y->start_at)
        return x->start_at < y->start_at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

void cs_html_order_table(const cosched_scenario *sc, const cosched_plan *p,
                         const cs_html_colour *shades, cs_output_buf *b, cs_late_ctx *late_ctx)
{
    int *rank = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *rank);
    if (rank == NULL) {
        b->failed = true;
        return;
    }
    /* Late orders first, most tardy first; then by start (then scenario order). */
    int n = sc->n_orders;
    table_key *keys = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
    if (keys == NULL) {
        free(rank);
        b->failed = true;
        return;
    }
    for (int o = 0; o < n; o++)
        keys[o] = (table_key){p->orders[o].tardiness, p->orders[o].start_at, o};
    qsort(keys, (size_t)n, sizeof *keys, table_key_cmp);
    for (int i = 0; i < n; i++)
        rank[i] = keys[i].order;
    free(keys);
    cs_order_lines ol;
    if (cs_output_order_lines(sc, p, &ol) != COSCHED_OK) {
        free(rank);
        b->failed = true;
        return;
    }

    put(b, "<section class=\"panel\"><h2>Orders</h2>\n<p class=\"hint\">Click a column "
           "heading to sort. Late orders are listed first, with the reason they are late.</p>\n"
           "<table id=\"orders\"><thead><tr>"
           "<th data-t=\"s\">Order</th><th data-t=\"s\">Product</th><th data-t=\"s\">Family</th>"
           "<th data-t=\"n\" class=\"num\">Quantity</th><th data-t=\"s\">Line</th>"
           "<th data-t=\"n\">Start</th><th data-t=\"n\">End</th><th data-t=\"n\">Due</th>"
           "<th data-t=\"n\" class=\"num\">Late (min)</th><th data-t=\"n\" class=\"num\">"
           "Weight</th><th data-t=\"s\">Why late</th></tr></thead><tbody>\n");
    for (int i = 0; i < n; i++) {
        int o = rank[i];
        const cs_order *ord = &sc->orders[o];
        const cs_order_result *r = &p->orders[o];
        bool late = cs_html_order_late(p, o);
        put(b, late ? "<tr class=\"late\" data-order=\"" : "<tr data-order=\"");
        esc(b, ord->id);
        PUT(b, "\" id=\"order-"); /* the target of the order's due marker */
        put_long(b, o);
        PUT(b, "\"><td>");
        esc(b, ord->id);
        PUT(b, "</td><td><i class=\"sw\" style=\"background:"); /* the bars' shade */
        put(b, cs_html_product_colour(shades, ord->product).hex);
        PUT(b, "\"></i>");
        esc(b, sc->products[ord->product].id);
        PUT(b, "</td><td>");
        const char *fam = cs_html_family_name(sc, ord->product);
        if (fam != NULL)
            esc(b, fam);
        PUT(b, "</td><td class=\"num\" data-v=\"");
        cs_output_buf_g17(b, ord->quantity);
        PUT(b, "\">");
        cs_html_number(b, ord->quantity);
        PUT(b, "</td><td>");
        put_order_lines(b, sc, &ol, o);
        PUT(b, "</td>");
        td_time(b, sc, r->start_at, r->scheduled);
        td_time(b, sc, r->end_at, r->scheduled);
        td_time(b, sc, ord->due_at, true);
        PUT(b, "<td class=\"num\" data-v=\"");
        put_long(b, r->tardiness);
        PUT(b, "\">");
        if (late) {
            PUT(b, "<span class=\"pill\">");
            put_long(b, r->tardiness);
            PUT(b, "</span>");
        } else {
            PUT(b, "0");
        }
        PUT(b, "</td><td class=\"num\" data-v=\"");
        cs_output_buf_g17(b, ord->weight);
        PUT(b, "\">");
        cs_html_number(b, ord->weight);
        PUT(b, "</td><td class=\"why\">");
        if (late) {
            const char *why = cs_output_late_ctx_reason(late_ctx, o);
            if (why == NULL)
                b->failed = true;
            esc(b, why);
        }
        PUT(b, "</td></tr>\n");
    }
    put(b, "</tbody></table></section>\n");
    cs_output_order_lines_free(&ol);
    free(rank);
}
