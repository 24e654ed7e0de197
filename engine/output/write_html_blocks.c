/* write_html_blocks.c -- one plan block in report.html's Gantt chart: its bar, its label when
 * the bar is wide enough, its hover title with every fact, and the pauses of a run
 * interrupted by downtime. */
#include "output/write_html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A label that fits in @p w pixels, or nothing. About 6.2 px per character at 11 px. */
static void bar_label(cs_output_buf *b, double x, double y, double w, const char *a,
                      const char *bb, const char *fill)
{
    double per = 6.4;
    double need_ab = (double)(strlen(a) + (bb ? strlen(bb) + 3 : 0)) * per + 8;
    double need_a = (double)strlen(a) * per + 8;
    if (w < need_a)
        return;
    PUT(b, "<text x=\"");
    put_f1(b, x + 4);
    PUT(b, "\" y=\"");
    put_f1(b, y);
    PUT(b, "\" fill=\"");
    put(b, fill);
    PUT(b, "\">");
    esc(b, a);
    if (bb != NULL && w >= need_ab) {
        put(b, " &middot; ");
        esc(b, bb);
    }
    put(b, "</text>");
}

/* Dark or light text on a family colour, by its luminance. */
static const char *ink_for(const char *hex)
{
    unsigned r = 0, g = 0, bl = 0;
    if (strlen(hex) == 7) {
        char part[3] = { 0 };
        memcpy(part, hex + 1, 2);
        r = (unsigned)strtoul(part, NULL, 16);
        memcpy(part, hex + 3, 2);
        g = (unsigned)strtoul(part, NULL, 16);
        memcpy(part, hex + 5, 2);
        bl = (unsigned)strtoul(part, NULL, 16);
    }
    return 0.299 * r + 0.587 * g + 0.114 * bl > 150 ? "#1f2937" : "#ffffff";
}

/* "running" for an order in progress at now, "frozen" for one kept from the previous plan. */
static const char *block_state(const chart *c, const cs_block *k)
{
    if (k->kind != CS_BLOCK_PRODUCTION)
        return NULL;
    if (c->sc->orders[k->order].status == CS_ORDER_IN_PROGRESS)
        return "running";
    if (c->p->replan != NULL && c->p->replan->frozen[k->order])
        return "frozen";
    return NULL;
}

/* "A → B" inside a changeover bar wide enough for it (white behind the text, over the
 * hatching, so that it reads on paper). @return whether it was drawn. */
static bool changeover_label(cs_output_buf *b, double x, double y, double w, const char *from,
                             const char *to)
{
    double need = (double)(strlen(from) + strlen(to) + 3) * 5.6 + 8;
    if (w < need)
        return false;
    PUT(b, "<rect class=\"colbl\" x=\"");
    put_f1(b, x + w / 2 - need / 2 + 2);
    PUT(b, "\" y=\"");
    put_f1(b, y + 5);
    PUT(b, "\" width=\"");
    put_f1(b, need - 4);
    PUT(b, "\" height=\"14\"/><text class=\"cofrom\" x=\"");
    put_f1(b, x + w / 2);
    PUT(b, "\" y=\"");
    put_f1(b, y + 16);
    PUT(b, "\">");
    esc(b, from);
    PUT(b, " \xe2\x86\x92 ");
    esc(b, to);
    PUT(b, "</text>");
    return true;
}

/* The downtime windows that interrupt block @p k, drawn over its bar: a run that pauses
 * shows the pause. */
static void write_pauses(const chart *c, const cs_block *k, double y)
{
    const cs_line *ln = &c->sc->lines[k->line];
    for (int w = 0; w < ln->n_downtime; w++) {
        const cs_window *d = &ln->downtime[w];
        if (d->end_at <= k->start_at || d->start_at >= k->end_at)
            continue;
        int32_t s = d->start_at > k->start_at ? d->start_at : k->start_at;
        int32_t e = d->end_at < k->end_at ? d->end_at : k->end_at;
        cs_output_buf_printf(c->b, "<rect class=\"pause\" x=\"%.1f\" y=\"%.1f\" "
                                   "width=\"%.1f\" height=\"%d\"><title>paused: downtime ",
                             xpos(c, s), y - 2, (double)(e - s) * c->ppm, BAR_H + 4);
        put_time(c->b, c->sc, d->start_at);
        put(c->b, " \xe2\x86\x92 ");
        put_time(c->b, c->sc, d->end_at);
        put(c->b, "</title></rect>");
    }
}

void cs_html_block(chart *c, const cs_block *k, int row_y)
{
    cs_output_buf *b = c->b;
    const cosched_scenario *sc = c->sc;
    double x = xpos(c, k->start_at);
    double w = fmax(1.0, (double)(k->end_at - k->start_at) * c->ppm);
    double y = row_y + BAR_Y;
    const char *kind = k->kind == CS_BLOCK_PRODUCTION   ? "production"
                       : k->kind == CS_BLOCK_CHANGEOVER ? "changeover"
                                                        : "cleaning";
    const char *prod = k->product >= 0 ? sc->products[k->product].id : "";
    const char *from = k->from_product >= 0 ? sc->products[k->from_product].id : "";
    PUT(b, "<g class=\"blk ");
    put(b, kind);
    bool late = k->kind == CS_BLOCK_PRODUCTION && cs_html_order_late(c->p, k->order);
    if (late)
        PUT(b, " late");
    const char *state = block_state(c, k);
    if (state != NULL) {
        PUT(b, " ");
        put(b, state);
    }
    PUT(b, "\" data-block=\"");
    put(b, kind);
    PUT(b, "\" data-line=\"");
    esc(b, sc->lines[k->line].id);
    PUT(b, "\" data-seq=\"");
    put_long(b, k->seq);
    PUT(b, "\"");
    int n_parts = 1;
    int part = 1;
    if (k->kind == CS_BLOCK_PRODUCTION) {
        PUT(b, " data-order=\"");
        esc(b, sc->orders[k->order].id);
        PUT(b, "\" data-product=\"");
        esc(b, prod);
        PUT(b, "\"");
        if (c->n_parts != NULL) {
            n_parts = c->n_parts[k->order];
            part = c->part[k - c->p->blocks];
        }
        if (n_parts > 1) {
            PUT(b, " data-part=\"");
            put_long(b, part);
            PUT(b, "/");
            put_long(b, n_parts);
            PUT(b, "\"");
        }
    }
    PUT(b, "><title>");
    if (k->kind == CS_BLOCK_PRODUCTION) {
        const cs_order *o = &sc->orders[k->order];
        const cs_order_result *r = &c->p->orders[k->order];
        esc(b, o->id);
        PUT(b, " \xe2\x80\x94 ");
        esc(b, prod);
        const char *fam = cs_html_family_name(sc, k->product);
        if (fam != NULL) {
            PUT(b, " (");
            esc(b, fam);
            PUT(b, ")");
        }
        PUT(b, "\nquantity ");
        cs_html_number(b, k->quantity);
        if (n_parts > 1) {
            PUT(b, " (part ");
            put_long(b, part);
            PUT(b, " of ");
            put_long(b, n_parts);
            PUT(b, ", order ");
            cs_html_number(b, o->quantity);
            PUT(b, " units)");
        }
        PUT(b, " on ");
        esc(b, sc->lines[k->line].id);
        PUT(b, "\n");
        put_time(b, sc, k->start_at);
        PUT(b, " \xe2\x86\x92 ");
        put_time(b, sc, k->end_at);
        PUT(b, " (");
        put_long(b, k->minutes);
        PUT(b, " working min)\ndue ");
        put_time(b, sc, o->due_at);
        if (late) {
            PUT(b, " \xe2\x80\x94 LATE by ");
            put_long(b, r->tardiness);
            PUT(b, " min");
            const char *why = c->late != NULL ? cs_output_late_ctx_reason(c->late, k->order)
                                              : NULL;
            if (why != NULL) {
                PUT(b, "\n");
                esc(b, why);
            }
        } else {
            PUT(b, " \xe2\x80\x94 on time");
        }
    } else {
        put(b, k->kind == CS_BLOCK_CHANGEOVER ? "Changeover " : "Cleaning ");
        esc(b, from);
        if (k->kind == CS_BLOCK_CHANGEOVER) {
            PUT(b, " \xe2\x86\x92 ");
            esc(b, prod);
        }
        PUT(b, "\n");
        put_long(b, k->minutes);
        PUT(b, " working min");
        if (k->cost > 0) {
            PUT(b, ", cost ");
            cs_html_number(b, k->cost);
        }
        PUT(b, "\n");
        put_time(b, sc, k->start_at);
        PUT(b, " \xe2\x86\x92 ");
        put_time(b, sc, k->end_at);
    }
    PUT(b, "</title>");
    bool labelled = false;
    if (k->kind == CS_BLOCK_PRODUCTION) {
        const cs_html_colour colour = cs_html_product_colour(c->shades, k->product);
        const char *fill = colour.hex;
        PUT(b, "<rect x=\"");
        put_f1(b, x);
        PUT(b, "\" y=\"");
        put_f1(b, y);
        PUT(b, "\" width=\"");
        put_f1(b, w);
        PUT(b, "\" height=\"");
        put_long(b, BAR_H);
        PUT(b, "\" rx=\"3\" fill=\"");
        put(b, fill);
        PUT(b, "\"/>");
        char label[96];
        if (n_parts > 1)
            snprintf(label, sizeof label, "%s %d/%d", sc->orders[k->order].id, part, n_parts);
        else
            snprintf(label, sizeof label, "%s", sc->orders[k->order].id);
        bar_label(b, x, y + 16, w, label, prod, ink_for(fill));
    } else {
        labelled = k->kind == CS_BLOCK_CHANGEOVER && changeover_label(b, x, y, w, from, prod);
        PUT(b, "<rect x=\"");
        put_f1(b, x);
        PUT(b, "\" y=\"");
        put_f1(b, y + 3);
        PUT(b, "\" width=\"");
        put_f1(b, w);
        PUT(b, "\" height=\"");
        put_long(b, BAR_H - 6);
        PUT(b, "\" fill=\"url(#");
        put(b, k->kind == CS_BLOCK_CHANGEOVER ? "hatch" : "clean");
        PUT(b, ")\"/>");
        char mins[16];
        int len = cs_output_fmt_long(mins, (long)k->minutes);
        mins[len++] = '\'';
        mins[len] = '\0';
        double half = 2.8 * len + 1;
        if (!labelled && (c->label_line != k->line || x + w / 2 - half > c->label_end)) {
            PUT(b, "<text class=\"co\" x=\"");
            put_f1(b, x + w / 2);
            PUT(b, "\" y=\"");
            put_f1(b, y + BAR_H + 11);
            PUT(b, "\">");
            put_n(b, mins, (size_t)len);
            PUT(b, "</text>");
            c->label_line = k->line;
            c->label_end = x + w / 2 + half;
        }
    }
    write_pauses(c, k, y);
    PUT(b, "</g>\n");
}
