/* write_dispatch.c -- dispatch.csv and dispatch.html: the plan as a line operator reads it,
 * one sequence per line and shift (see shift_of()). A block belongs to the shift in which it
 * starts; one that a downtime window pauses says so in its note. Every plan.csv block is one
 * row of each file, in plan order (line, then seq). */
#include "output/output.h"

#include "base/base.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MINUTES_PER_DAY = 1440 };

/* The shift a block starts in. */
typedef struct {
    int period;       /* working periods of the line: how many downtime windows lie before */
    int64_t day;      /* calendar day (days since 1970, plant-local) */
    int32_t start_at; /* first minute of the shift */
    int32_t end_at;   /* first minute after it */
} shift;

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* A shift is the working period between two downtime windows of the line (plants enter
 * nights, weekends and maintenance as downtime), cut at midnight: a line without downtime,
 * or with a period longer than a day, gets one list per day. */
static void shift_of(const cosched_scenario *sc, int line, int32_t at, shift *out)
{
    const cs_line *ln = &sc->lines[line];
    /* windows are sorted and disjoint: lo = how many of them ended at or before @p at */
    int lo = 0;
    int hi = ln->n_downtime;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (ln->downtime[mid].end_at <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    out->period = lo;
    out->day = floor_div(sc->horizon_epoch_min + at, MINUTES_PER_DAY);
    int64_t day_start = out->day * MINUTES_PER_DAY - sc->horizon_epoch_min;
    int64_t start = lo > 0 ? ln->downtime[lo - 1].end_at : 0; /* from horizon_start */
    int64_t end = lo < ln->n_downtime ? ln->downtime[lo].start_at : INT64_MAX;
    out->start_at = (int32_t)(start > day_start ? start : day_start);
    out->end_at = (int32_t)(end < day_start + MINUTES_PER_DAY ? end : day_start + MINUTES_PER_DAY);
}

static bool same_shift(const shift *a, const shift *b)
{
    return a->period == b->period && a->day == b->day;
}

/* What the plan says about each production block beyond its row: which part of its order it
 * is (orders divided by batches, cleanings or splits). */
typedef struct {
    int *part;    /* [n_blocks] 1-based part of a production block, 0 otherwise */
    int *n_parts; /* [n_orders] */
} parts;

static cosched_status parts_find(const cosched_scenario *sc, const cosched_plan *p, parts *out)
{
    out->part = cs_calloc((size_t)(p->n_blocks > 0 ? p->n_blocks : 1), sizeof *out->part);
    out->n_parts = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1),
                             sizeof *out->n_parts);
    if (out->part == NULL || out->n_parts == NULL) {
        free(out->part);
        free(out->n_parts);
        return COSCHED_ENOMEM;
    }
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind == CS_BLOCK_PRODUCTION)
            out->part[i] = ++out->n_parts[k->order];
    }
    return COSCHED_OK;
}

static void parts_free(parts *pt)
{
    free(pt->part);
    free(pt->n_parts);
}

static const char *product_id(const cosched_scenario *sc, int product)
{
    return product >= 0 && product < sc->n_products ? sc->products[product].id : "";
}

static void put_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at, char sep)
{
    cs_output_buf_datetime(b, sc->horizon_epoch_min + at, sep);
}

/* "; " before every fact but the first of a note */
static void next_fact(cs_output_buf *b, bool *first)
{
    if (!*first)
        cs_output_buf_add(b, "; ", 2);
    *first = false;
}

/* The note of block @p i: whether the order was running at now, which part of its order it
 * is, whether the order is late, and where downtime pauses it; "; " between facts. Written
 * straight into @p b: it is made of fixed words, numbers and datetimes only, so it needs
 * neither CSV quoting nor HTML escaping. */
static void write_note(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p,
                       const parts *pt, int i)
{
    const cs_block *k = &p->blocks[i];
    const cs_line *ln = &sc->lines[k->line];
    bool first = true;
    if (k->kind == CS_BLOCK_PRODUCTION) {
        const cs_order *o = &sc->orders[k->order];
        if (o->status == CS_ORDER_IN_PROGRESS && pt->part[i] == 1) {
            next_fact(b, &first);
            cs_output_buf_str(b, "in progress: continue it");
        }
        if (pt->n_parts[k->order] > 1) {
            next_fact(b, &first);
            cs_output_buf_str(b, "part ");
            cs_output_buf_long(b, pt->part[i]);
            cs_output_buf_str(b, " of ");
            cs_output_buf_long(b, pt->n_parts[k->order]);
        }
        const cs_order_result *r = &p->orders[k->order];
        if (r->scheduled && r->tardiness > 0 && pt->part[i] == pt->n_parts[k->order]) {
            next_fact(b, &first);
            cs_output_buf_str(b, "late by ");
            cs_output_buf_long(b, r->tardiness);
            cs_output_buf_str(b, " min");
        }
    }
    /* the windows that start inside the block: binary search for the first at or after its
     * start (windows are sorted and disjoint) */
    int lo = 0;
    int hi = ln->n_downtime;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (ln->downtime[mid].start_at < k->start_at)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int w = lo; w < ln->n_downtime && ln->downtime[w].start_at < k->end_at; w++) {
        next_fact(b, &first);
        cs_output_buf_str(b, "paused for downtime ");
        put_time(b, sc, ln->downtime[w].start_at, ' ');
        cs_output_buf_str(b, " to ");
        put_time(b, sc, ln->downtime[w].end_at, ' ');
    }
}

char *cs_output_dispatch_csv(const cosched_scenario *sc, const cosched_plan *p)
{
    cs_output_buf b = { 0 };
    parts pt;
    if (parts_find(sc, p, &pt) != COSCHED_OK) {
        b.failed = true;
        return cs_output_buf_finish(&b);
    }
    cs_output_buf_str(&b, "line_id,shift,shift_start,shift_end,step,seq,kind,start,end,minutes,"
                          "order_id,product_id,quantity,from_product_id,to_product_id,due,"
                          "note\n");
    int n_shift = 0;
    int step = 0;
    shift cur = { 0 };
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        shift s;
        shift_of(sc, k->line, k->start_at, &s);
        bool new_line = i == 0 || k->line != p->blocks[i - 1].line;
        if (new_line || !same_shift(&s, &cur)) {
            cur = s;
            n_shift = new_line ? 1 : n_shift + 1;
            step = 0;
        }
        step++;
        cs_output_buf_csv_field(&b, sc->lines[k->line].id);
        cs_output_buf_add(&b, ",", 1);
        cs_output_buf_long(&b, n_shift);
        cs_output_buf_add(&b, ",", 1);
        put_time(&b, sc, cur.start_at, 'T');
        cs_output_buf_add(&b, ",", 1);
        put_time(&b, sc, cur.end_at, 'T');
        cs_output_buf_add(&b, ",", 1);
        cs_output_buf_long(&b, step);
        cs_output_buf_add(&b, ",", 1);
        cs_output_buf_long(&b, k->seq);
        cs_output_buf_add(&b, ",", 1);
        switch (k->kind) {
        case CS_BLOCK_PRODUCTION: cs_output_buf_str(&b, "production,"); break;
        case CS_BLOCK_CHANGEOVER: cs_output_buf_str(&b, "changeover,"); break;
        case CS_BLOCK_CLEANING: cs_output_buf_str(&b, "cleaning,"); break;
        }
        put_time(&b, sc, k->start_at, 'T');
        cs_output_buf_add(&b, ",", 1);
        put_time(&b, sc, k->end_at, 'T');
        cs_output_buf_add(&b, ",", 1);
        cs_output_buf_long(&b, k->minutes);
        cs_output_buf_add(&b, ",", 1);
        if (k->kind == CS_BLOCK_PRODUCTION) {
            char qty[40];
            cs_output_format_number(k->quantity, qty, sizeof qty);
            cs_output_buf_csv_field(&b, sc->orders[k->order].id);
            cs_output_buf_add(&b, ",", 1);
            cs_output_buf_csv_field(&b, product_id(sc, k->product));
            cs_output_buf_add(&b, ",", 1);
            cs_output_buf_str(&b, qty);
            cs_output_buf_add(&b, ",,,", 3);
            put_time(&b, sc, sc->orders[k->order].due_at, 'T');
        } else if (k->kind == CS_BLOCK_CHANGEOVER) {
            cs_output_buf_str(&b, ",,,");
            cs_output_buf_csv_field(&b, product_id(sc, k->from_product));
            cs_output_buf_add(&b, ",", 1);
            cs_output_buf_csv_field(&b, product_id(sc, k->product));
            cs_output_buf_add(&b, ",", 1);
        } else {
            cs_output_buf_add(&b, ",", 1);
            cs_output_buf_csv_field(&b, product_id(sc, k->product));
            cs_output_buf_str(&b, ",,,,");
        }
        cs_output_buf_add(&b, ",", 1);
        write_note(&b, sc, p, &pt, i);
        cs_output_buf_add(&b, "\n", 1);
    }
    parts_free(&pt);
    return cs_output_buf_finish(&b);
}

/* ---- dispatch.html ---- */

static const char *const weekday[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };

/* "Mon 2027-03-01 06:00" */
static void put_day_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at)
{
    int64_t epoch = sc->horizon_epoch_min + at;
    int64_t day = floor_div(epoch, MINUTES_PER_DAY);
    cs_output_buf_str(b, weekday[(int)(((day % 7) + 7) % 7)]);
    cs_output_buf_add(b, " ", 1);
    cs_output_buf_datetime(b, epoch, ' ');
}

/* "06:00", or "Tue 04:40" when @p at falls on another day than @p ref (the shift's start) */
static void put_clock(cs_output_buf *b, const cosched_scenario *sc, int32_t at, int32_t ref)
{
    int64_t e = sc->horizon_epoch_min + at;
    int64_t day = floor_div(e, MINUTES_PER_DAY);
    if (day != floor_div(sc->horizon_epoch_min + ref, MINUTES_PER_DAY)) {
        cs_output_buf_str(b, weekday[(int)(((day % 7) + 7) % 7)]);
        cs_output_buf_add(b, " ", 1);
    }
    int64_t m = e - day * MINUTES_PER_DAY;
    char hhmm[5] = { (char)('0' + m / 600), (char)('0' + m / 60 % 10), ':',
                     (char)('0' + m % 60 / 10), (char)('0' + m % 10) };
    cs_output_buf_add(b, hhmm, sizeof hhmm);
}

static const char style[] =
    "body{font:14px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;"
    "margin:16px 24px}\n"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 6px;"
    "border-bottom:2px solid #333}h3{font-size:15px;margin:14px 0 4px}\n"
    ".meta{color:#555;margin:0 0 8px}\n"
    "table{border-collapse:collapse;width:100%;margin-bottom:8px;table-layout:fixed}\n"
    "th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}\n"
    "th{background:#eee}td.n{text-align:right;white-space:nowrap}td.t{white-space:nowrap}\n"
    "tr.changeover td{background:#f3f3f3}tr.cleaning td{background:#e8f4f8}\n"
    "tr.late td.order{color:#b00;font-weight:600}\n"
    "td{overflow-wrap:anywhere}td.order{white-space:nowrap;overflow-wrap:normal}\n"
    "@page{size:A4 landscape;margin:10mm}\n"
    "@media print{body{margin:0;font-size:9pt}"
    "section.line{break-before:page;page-break-before:always}"
    "section.line:first-of-type{break-before:auto;page-break-before:auto}"
    "h2,h3{break-after:avoid;page-break-after:avoid}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "th{background:none}tr.changeover td,tr.cleaning td{background:none}}\n";

static void write_row(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p,
                      const parts *pt, int i, int step, int32_t shift_start)
{
    const cs_block *k = &p->blocks[i];
    bool late = k->kind == CS_BLOCK_PRODUCTION && p->orders[k->order].scheduled &&
                p->orders[k->order].tardiness > 0;
    static const char *const kind_class[] = { [CS_BLOCK_PRODUCTION] = "production",
                                              [CS_BLOCK_CHANGEOVER] = "changeover",
                                              [CS_BLOCK_CLEANING] = "cleaning" };
    cs_output_buf_printf(b, "<tr class=\"%s%s\" data-block=\"%s\" data-seq=\"%d\"><td class=n>%d"
                            "</td><td class=t>",
                         kind_class[k->kind], late ? " late" : "", kind_class[k->kind], k->seq,
                         step);
    put_clock(b, sc, k->start_at, shift_start);
    cs_output_buf_str(b, "</td><td class=t>");
    put_clock(b, sc, k->end_at, shift_start);
    cs_output_buf_str(b, "</td><td class=n>");
    cs_output_buf_long(b, k->minutes);
    cs_output_buf_str(b, "</td>");
    if (k->kind == CS_BLOCK_PRODUCTION) {
        char qty[40];
        cs_output_format_number(k->quantity, qty, sizeof qty);
        cs_output_buf_str(b, "<td>Produce</td><td class=order>");
        cs_output_buf_html(b, sc->orders[k->order].id);
        cs_output_buf_str(b, "</td><td>");
        cs_output_buf_html(b, product_id(sc, k->product));
        cs_output_buf_printf(b, "</td><td class=n>%s</td><td class=t>", qty);
        put_day_time(b, sc, sc->orders[k->order].due_at);
        cs_output_buf_str(b, "</td>");
    } else if (k->kind == CS_BLOCK_CHANGEOVER) {
        cs_output_buf_str(b, "<td>Changeover</td><td></td><td>");
        cs_output_buf_html(b, product_id(sc, k->from_product));
        cs_output_buf_str(b, " &rarr; ");
        cs_output_buf_html(b, product_id(sc, k->product));
        cs_output_buf_str(b, "</td><td></td><td></td>");
    } else {
        cs_output_buf_str(b, "<td>Cleaning</td><td></td><td>");
        cs_output_buf_html(b, product_id(sc, k->product));
        cs_output_buf_str(b, "</td><td></td><td></td>");
    }
    cs_output_buf_str(b, "<td>");
    write_note(b, sc, p, pt, i);
    cs_output_buf_str(b, "</td><td class=done></td></tr>\n");
}

static void write_shift_head(cs_output_buf *b, const cosched_scenario *sc, int n, const shift *s)
{
    cs_output_buf_printf(b, "<h3 data-shift=\"%d\">Shift %d: ", n, n);
    put_day_time(b, sc, s->start_at);
    cs_output_buf_str(b, " &ndash; ");
    put_clock(b, sc, s->end_at, s->start_at);
    /* fixed column widths: every shift's table lines up, on screen and on paper */
    cs_output_buf_str(b, "</h3>\n<table><colgroup><col style=\"width:3%\"><col style=\"width:7%\">"
                         "<col style=\"width:8%\"><col style=\"width:5%\">"
                         "<col style=\"width:9%\"><col style=\"width:10%\">"
                         "<col style=\"width:16%\"><col style=\"width:6%\">"
                         "<col style=\"width:14%\"><col style=\"width:16%\">"
                         "<col style=\"width:6%\"></colgroup><thead><tr><th>#</th>"
                         "<th>Start</th><th>End</th><th>Min</th><th>Do</th><th>Order</th>"
                         "<th>Product</th><th>Qty</th><th>Due</th><th>Note</th><th>Done</th>"
                         "</tr></thead><tbody>\n");
}

char *cs_output_dispatch_html(const cosched_scenario *sc, const cosched_plan *p)
{
    cs_output_buf b = { 0 };
    parts pt;
    if (parts_find(sc, p, &pt) != COSCHED_OK) {
        b.failed = true;
        return cs_output_buf_finish(&b);
    }
    cs_output_buf_str(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>Dispatch lists &ndash; ");
    cs_output_buf_html(&b, sc->dir);
    cs_output_buf_printf(&b, "</title>\n<style>\n%s</style></head><body>\n<header><h1>Dispatch "
                             "lists</h1><p class=meta>",
                         style);
    cs_output_buf_html(&b, sc->dir);
    cs_output_buf_printf(&b, " &middot; %s &middot; %d lines, %d orders &middot; one page per "
                             "line; a shift runs from one downtime of the line to the next, "
                             "at most to midnight</p></header>\n",
                         cosched_outcome_str(p->result.outcome), sc->n_lines, sc->n_orders);
    int i = 0;
    for (int l = 0; l < sc->n_lines; l++) {
        const cs_line *ln = &sc->lines[l];
        cs_output_buf_str(&b, "<section class=\"line\" data-line=\"");
        cs_output_buf_html(&b, ln->id);
        cs_output_buf_str(&b, "\"><h2>Line ");
        cs_output_buf_html(&b, ln->id);
        if (ln->name != NULL && ln->name[0] != '\0') {
            cs_output_buf_str(&b, " &ndash; ");
            cs_output_buf_html(&b, ln->name);
        }
        cs_output_buf_str(&b, "</h2>\n");
        /* blocks are ordered by line; skip those of lines before l (none in a built plan) */
        while (i < p->n_blocks && p->blocks[i].line < l)
            i++;
        if (i == p->n_blocks || p->blocks[i].line != l)
            cs_output_buf_str(&b, "<p>Nothing planned on this line.</p>\n");
        int n_shift = 0;
        int step = 0;
        shift cur = { 0 };
        for (; i < p->n_blocks && p->blocks[i].line == l; i++) {
            shift s;
            shift_of(sc, l, p->blocks[i].start_at, &s);
            if (n_shift == 0 || !same_shift(&s, &cur)) {
                if (n_shift > 0)
                    cs_output_buf_str(&b, "</tbody></table>\n");
                cur = s;
                step = 0;
                write_shift_head(&b, sc, ++n_shift, &cur);
            }
            write_row(&b, sc, p, &pt, i, ++step, cur.start_at);
        }
        if (n_shift > 0)
            cs_output_buf_str(&b, "</tbody></table>\n");
        cs_output_buf_str(&b, "</section>\n");
    }
    cs_output_buf_str(&b, "</body></html>\n");
    parts_free(&pt);
    return cs_output_buf_finish(&b);
}
