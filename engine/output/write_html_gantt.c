/* write_html_gantt.c -- report.html's Gantt chart: its time range and scale, the axis, one
 * row per line with its downtime, due-date markers, the frozen window and now; the blocks
 * themselves are write_html_blocks.c. */
#include "output/write_html.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>

static void chart_range(chart *c)
{
    const cosched_plan *p = c->p;
    int32_t t1 = 60;
    int32_t t0 = 0;
    for (int i = 0; i < p->n_blocks; i++) {
        if (p->blocks[i].end_at > t1)
            t1 = p->blocks[i].end_at;
        if (p->blocks[i].start_at < t0)
            t0 = p->blocks[i].start_at;
    }
    /* Whole hours of plant time on both ends, and a little room after the last block. */
    int64_t e0 = c->sc->horizon_epoch_min + t0;
    int64_t start = e0 - (((e0 % 60) + 60) % 60);
    int64_t e1 = c->sc->horizon_epoch_min + t1 + (t1 - t0) / 50;
    int64_t end = e1 + (60 - ((e1 % 60) + 60) % 60) % 60;
    c->t0 = (int32_t)(start - c->sc->horizon_epoch_min);
    c->t1 = (int32_t)(end - c->sc->horizon_epoch_min);
    if (c->t1 <= c->t0)
        c->t1 = c->t0 + 60;

    int busiest = 0;
    int *count = cs_calloc((size_t)(c->sc->n_lines > 0 ? c->sc->n_lines : 1), sizeof *count);
    if (count != NULL) {
        for (int i = 0; i < p->n_blocks; i++) {
            if (p->blocks[i].kind == CS_BLOCK_PRODUCTION &&
                ++count[p->blocks[i].line] > busiest)
                busiest = count[p->blocks[i].line];
        }
        free(count);
    }
    double w = (double)busiest * PX_PER_BLOCK;
    w = fmax(MIN_CHART_W, fmin(MAX_CHART_W, w));
    c->ppm = w / (double)(c->t1 - c->t0);
}

static void write_defs(cs_output_buf *b)
{
    put(b, "<defs>"
           "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f3f4f6\"/>"
           "<rect width=\"2.6\" height=\"6\" fill=\"#6b7280\"/></pattern>"
           "<pattern id=\"clean\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"#ecfeff\"/>"
           "<rect width=\"2.6\" height=\"6\" fill=\"#0e7490\"/></pattern>"
           "<pattern id=\"down\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#e5e7eb\"/>"
           "<rect width=\"1\" height=\"8\" fill=\"#cbd0d6\"/></pattern>"
           "</defs>\n");
}


/* The frozen window of a re-plan, shaded across all lines behind the blocks. */
static void write_frozen_window(const chart *c, int y, int h)
{
    const cs_replan_info *ri = c->p->replan;
    if (ri == NULL || !ri->has_frozen_until)
        return;
    int32_t s = c->sc->set.now_at > c->t0 ? c->sc->set.now_at : c->t0;
    int32_t e = ri->frozen_until_at < c->t1 ? ri->frozen_until_at : c->t1;
    if (e <= s)
        return;
    cs_output_buf_printf(c->b, "<rect class=\"frozenwin\" data-frozen=\"1\" x=\"%.1f\" "
                               "y=\"%d\" width=\"%.1f\" height=\"%d\"><title>frozen until ",
                         xpos(c, s), y, (double)(e - s) * c->ppm, h);
    put_time(c->b, c->sc, ri->frozen_until_at);
    put(c->b, "</title></rect>\n");
}

/* A vertical line at now, over the blocks, when the plan starts later than horizon_start. */
static void write_now_line(const chart *c, int y0, int y1)
{
    if (!c->sc->set.has_now || c->sc->set.now_at < c->t0 || c->sc->set.now_at > c->t1)
        return;
    double x = xpos(c, c->sc->set.now_at);
    cs_output_buf_printf(c->b, "<g class=\"now\" data-now=\"1\"><line x1=\"%.1f\" y1=\"%d\" "
                               "x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\">now</text>"
                               "<title>now ",
                         x, y0 - 6, x, y1, x + 3, y0 - 8);
    put_time(c->b, c->sc, c->sc->set.now_at);
    put(c->b, "</title></g>\n");
}

typedef struct {
    int light; /* r + g + b of the shade: within a family's hue, the lighter the higher */
    int product;
} legend_entry;

static int legend_entry_cmp(const void *a, const void *b)
{
    const legend_entry *x = a;
    const legend_entry *y = b;
    if (x->light != y->light)
        return x->light > y->light ? -1 : 1;
    return x->product - y->product;
}

static int shade_light(const cs_html_colour *c)
{
    unsigned v = (unsigned)strtoul(c->hex + 1, NULL, 16);
    return (int)(((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff));
}

/* Each product the plan makes, in its own shade, grouped by family and light to dark, so
 * that a block too short for a label is read by its colour. */
static void write_product_legend(const cosched_scenario *sc, const cosched_plan *p,
                                 const cs_html_colour *shades, cs_output_buf *b)
{
    size_t n_alloc = (size_t)(sc->n_products > 0 ? sc->n_products : 1);
    bool *made = cs_calloc(n_alloc, sizeof *made);
    legend_entry *e = cs_calloc(n_alloc, sizeof *e);
    if (made == NULL || e == NULL) {
        free(made);
        free(e);
        b->failed = true;
        return;
    }
    for (int i = 0; i < p->n_blocks; i++)
        if (p->blocks[i].kind == CS_BLOCK_PRODUCTION && p->blocks[i].product >= 0)
            made[p->blocks[i].product] = true;
    /* families in their order, then the products without a family */
    for (int f = 0; f <= sc->n_families; f++) {
        int g = f < sc->n_families ? f : -1;
        int n = 0;
        for (int q = 0; q < sc->n_products; q++) {
            if (made[q] && sc->products[q].family == g) {
                cs_html_colour c = cs_html_product_colour(shades, q);
                e[n++] = (legend_entry){ g >= 0 ? shade_light(&c) : 0, q };
            }
        }
        if (n == 0)
            continue;
        qsort(e, (size_t)n, sizeof *e, legend_entry_cmp);
        put(b, "<span class=\"lgf\">");
        if (g >= 0) {
            put(b, "<b>");
            esc(b, sc->families[g]);
            put(b, "</b>");
        }
        for (int i = 0; i < n; i++) {
            put(b, "<span data-legend-product=\"");
            esc(b, sc->products[e[i].product].id);
            put(b, "\"><i style=\"background:");
            put(b, cs_html_product_colour(shades, e[i].product).hex);
            put(b, "\"></i>");
            esc(b, sc->products[e[i].product].id);
            put(b, "</span>");
        }
        put(b, "</span>");
    }
    free(made);
    free(e);
}

void cs_html_gantt(const cosched_scenario *sc, const cosched_plan *p,
                   const cs_html_colour *shades, cs_output_buf *b, cs_late_ctx *late_ctx)
{
    chart c = { sc, p, b, 0, 0, 0, -1, 0, NULL, NULL, late_ctx, shades };
    chart_range(&c);
    /* Part numbers of divided orders, in plan order (lines, then seq). Without memory the
     * chart is still drawn, just without them. */
    c.part = cs_calloc((size_t)(p->n_blocks > 0 ? p->n_blocks : 1), sizeof *c.part);
    c.n_parts = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *c.n_parts);
    if (c.part == NULL || c.n_parts == NULL) {
        free(c.part);
        free(c.n_parts);
        c.part = c.n_parts = NULL;
    } else {
        for (int i = 0; i < p->n_blocks; i++)
            if (p->blocks[i].kind == CS_BLOCK_PRODUCTION)
                c.part[i] = ++c.n_parts[p->blocks[i].order];
    }
    cs_html_crews crews;
    if (cs_html_crews_assign(sc, p, &crews) != COSCHED_OK)
        b->failed = true;
    int height = AXIS_H + sc->n_lines * ROW_H + crews.n_rows * CREW_ROW_H + 4;
    double width = xpos(&c, c.t1) + 12;

    put(b, "<section class=\"panel\"><h2>Schedule</h2>\n<div class=\"legend\">");
    write_product_legend(sc, p, shades, b);
    put(b, "<span><i class=\"lg-co\"></i>changeover (minutes)</span>");
    if (p->kpis.cleanings > 0)
        put(b, "<span><i class=\"lg-clean\"></i>cleaning (minutes)</span>");
    if (crews.n_rows > 0)
        put(b, "<span><i class=\"lg-wait\"></i>waits for a cleaning crew</span>");
    put(b, "<span><i class=\"lg-down\"></i>downtime</span>"
           "<span><i class=\"lg-due\"></i>due date</span>"
           "<span><i class=\"lg-late\"></i>late order</span>");
    if (cs_scenario_has_in_progress(sc))
        put(b, "<span><i class=\"lg-running\"></i>in progress at now</span>");
    if (p->replan != NULL && p->replan->n_frozen > 0)
        put(b, "<span><i class=\"lg-frozen\"></i>frozen</span>");
    put(b, "</div>\n<div class=\"zoom noprint\">Zoom: <button type=\"button\" data-z=\"fit\">"
           "Fit to width</button><button type=\"button\" data-z=\"out\">&minus;</button>"
           "<button type=\"button\" data-z=\"in\">+</button><button type=\"button\" "
           "data-z=\"1\">100%</button><span class=\"scale\"></span></div>\n");
    cs_output_buf_printf(b, "<div class=\"gantt\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                            "width=\"%.0f\" height=\"%d\" viewBox=\"0 0 %.0f %d\" "
                            "data-label-w=\"%d\" data-px-per-hour=\"%.3f\" data-scale=\"%s\" "
                            "data-print-scale=\"%s\" role=\"img\" "
                            "aria-label=\"Gantt chart\">\n",
                         width, height, width, height, LABEL_W, 60.0 * c.ppm,
                         cs_html_scale_for(60.0 * c.ppm),
                         cs_html_scale_for(60.0 * c.ppm * PRINT_WIDTH_PX / width));
    write_defs(b);
    /* Row backgrounds span the chart at any zoom (100 % of the viewBox). */
    for (int l = 0; l < sc->n_lines; l++) {
        int y = AXIS_H + l * ROW_H;
        cs_output_buf_printf(b, "<rect class=\"row%s\" x=\"0\" y=\"%d\" width=\"100%%\" "
                                "height=\"%d\"/>",
                             l % 2 ? " odd" : "", y, ROW_H);
    }
    cs_html_crew_backgrounds(&c, &crews);
    /* Everything placed in time, in one group that the zoom stretches sideways about the
     * chart's left edge (report.css, report.js); its text keeps its width. */
    put(b, "<g class=\"tl\">\n");
    cs_html_axis(&c, height - 4);
    for (int l = 0; l < sc->n_lines; l++) {
        const cs_line *line = &sc->lines[l];
        int y = AXIS_H + l * ROW_H;
        put(b, "<g class=\"down\">");
        if (line->available_at > c.t0) {
            cs_output_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                                    "<title>",
                                 LABEL_W, y + 2, xpos(&c, line->available_at) - LABEL_W,
                                 ROW_H - 4);
            esc(b, line->id);
            put(b, " not available before ");
            put_time(b, sc, line->available_at);
            put(b, "</title></rect>");
        }
        for (int w = 0; w < line->n_downtime; w++) {
            int32_t s = line->downtime[w].start_at, e = line->downtime[w].end_at;
            if (e <= c.t0 || s >= c.t1)
                continue;
            s = s < c.t0 ? c.t0 : s;
            e = e > c.t1 ? c.t1 : e;
            cs_output_buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                                    "<title>downtime ",
                                 xpos(&c, s), y + 2, (double)(e - s) * c.ppm, ROW_H - 4);
            put_time(b, sc, line->downtime[w].start_at);
            put(b, " \xe2\x86\x92 ");
            put_time(b, sc, line->downtime[w].end_at);
            put(b, "</title></rect>");
        }
        put(b, "</g>\n");
    }
    /* due dates before the blocks, so that a late order's due line runs behind its bar */
    cs_html_dues(&c);
    write_frozen_window(&c, AXIS_H, height - 4 - AXIS_H);
    for (int i = 0; i < p->n_blocks; i++)
        cs_html_block(&c, &p->blocks[i], AXIS_H + p->blocks[i].line * ROW_H);
    cs_html_crew_blocks(&c, &crews);
    write_now_line(&c, AXIS_H, height - 4);
    put(b, "</g>\n");
    /* the lines' and crews' labels, left of the time axis */
    for (int l = 0; l < sc->n_lines; l++) {
        const cs_line *line = &sc->lines[l];
        int y = AXIS_H + l * ROW_H;
        cs_output_buf_printf(b, "<text class=\"lid\" x=\"10\" y=\"%d\">", y + 26);
        esc(b, line->id);
        cs_output_buf_printf(b, "</text><text class=\"lsub\" x=\"10\" y=\"%d\">%.0f%% busy",
                             y + 41, 100.0 * p->utilization[l]);
        if (line->name != NULL && line->name[0] != '\0') {
            put(b, "<title>");
            esc(b, line->name);
            put(b, "</title>");
        }
        put(b, "</text>\n");
    }
    cs_html_crew_labels(&c, &crews);
    put(b, "</svg></div></section>\n");
    free(c.part);
    free(c.n_parts);
    cs_html_crews_free(&crews);
}
