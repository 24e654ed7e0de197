/* write_html_gantt.c -- report.html's Gantt chart: its time range and scale, the axis, one
 * row per line with its downtime, due-date markers, the frozen window and now; the blocks
 * themselves are write_html_blocks.c. */
#include "output/write_html.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>

static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const day_names[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };

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

/* Date row and hour row, day boundaries and hour grid lines across all rows. */
static void write_axis(const chart *c, int height)
{
    cs_output_buf *b = c->b;
    static const int steps[] = { 1, 2, 3, 4, 6, 12, 24 };
    int step = 24;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if ((double)steps[i] * 60.0 * c->ppm >= 44.0) {
            step = steps[i];
            break;
        }
    }
    int64_t e0 = c->sc->horizon_epoch_min + c->t0;
    int64_t e1 = c->sc->horizon_epoch_min + c->t1;
    put(b, "<g class=\"axis\">");
    /* hour ticks: multiples of step hours of plant time */
    int64_t first = (e0 + 59) / 60 * 60;
    for (int64_t e = first; e <= e1; e += 60) {
        int hour = (int)(((e / 60) % 24 + 24) % 24);
        if (hour % step != 0 || hour == 0)
            continue;
        double x = xpos(c, (int32_t)(e - c->sc->horizon_epoch_min));
        cs_output_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                                "<text class=\"hour\" x=\"%.1f\" y=\"%d\">%02d:00</text>",
                             x, AXIS_H, x, height, x, AXIS_H - 8, hour);
    }
    /* days: boundary line and a label centred on the visible part of the day */
    int64_t day0 = (e0 >= 0 ? e0 : e0 - 1439) / 1440;
    for (int64_t d = day0; d * 1440 <= e1; d++) {
        int64_t ds = d * 1440, de = ds + 1440;
        int64_t vs = ds > e0 ? ds : e0, ve = de < e1 ? de : e1;
        if (ds > e0) {
            double x = xpos(c, (int32_t)(ds - c->sc->horizon_epoch_min));
            cs_output_buf_printf(b, "<line class=\"day\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" "
                                    "y2=\"%d\"/>",
                                 x, x, height);
        }
        if (ve - vs < 120 && ve < e1)
            continue;
        char buf[32];
        cs_datetime_format(ds, buf, sizeof buf);
        int month = atoi(buf + 5);
        int dom = atoi(buf + 8);
        double xs = xpos(c, (int32_t)(vs - c->sc->horizon_epoch_min));
        double xe = xpos(c, (int32_t)(ve - c->sc->horizon_epoch_min));
        cs_output_buf_printf(b, "<text class=\"date\" x=\"%.1f\" y=\"16\">%s %d %s %.4s</text>",
                             (xs + xe) / 2, day_names[((d % 7) + 7) % 7], dom,
                             month >= 1 && month <= 12 ? month_names[month - 1] : "", buf);
    }
    cs_output_buf_printf(b, "<line class=\"base\" x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                         LABEL_W, AXIS_H, xpos(c, c->t1), AXIS_H);
    put(b, "</g>\n");
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

void cs_html_gantt(const cosched_scenario *sc, const cosched_plan *p, cs_output_buf *b,
                        cs_late_ctx *late_ctx)
{
    chart c = { sc, p, b, 0, 0, 0, -1, 0, NULL, NULL, late_ctx };
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
    int height = AXIS_H + sc->n_lines * ROW_H + 4;
    double width = xpos(&c, c.t1) + 12;

    put(b, "<section class=\"panel\"><h2>Schedule</h2>\n<div class=\"legend\">");
    for (int f = 0; f < sc->n_families && f < 24; f++) {
        put(b, "<span><i style=\"background:");
        put(b, cs_html_family_colour(f));
        put(b, "\"></i>");
        esc(b, sc->families[f]);
        put(b, "</span>");
    }
    put(b, "<span><i class=\"lg-co\"></i>changeover (minutes)</span>");
    if (p->kpis.cleanings > 0)
        put(b, "<span><i class=\"lg-clean\"></i>cleaning (minutes)</span>");
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
           "data-z=\"1\">100%</button></div>\n");
    cs_output_buf_printf(b, "<div class=\"gantt\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                            "width=\"%.0f\" height=\"%d\" viewBox=\"0 0 %.0f %d\" "
                            "role=\"img\" aria-label=\"Gantt chart\">\n",
                         width, height, width, height);
    write_defs(b);
    for (int l = 0; l < sc->n_lines; l++) {
        int y = AXIS_H + l * ROW_H;
        cs_output_buf_printf(b, "<rect class=\"row%s\" x=\"0\" y=\"%d\" width=\"%.0f\" "
                                "height=\"%d\"/>",
                             l % 2 ? " odd" : "", y, width, ROW_H);
    }
    write_axis(&c, height - 4);
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
        /* the line's label, with its name and utilisation */
        cs_output_buf_printf(b, "<text class=\"lid\" x=\"10\" y=\"%d\">", y + 20);
        esc(b, line->id);
        cs_output_buf_printf(b, "</text><text class=\"lsub\" x=\"10\" y=\"%d\">%.0f%% busy",
                             y + 34, 100.0 * p->utilization[l]);
        if (line->name != NULL && line->name[0] != '\0') {
            put(b, "<title>");
            esc(b, line->name);
            put(b, "</title>");
        }
        put(b, "</text>\n");
    }
    /* due dates, before the blocks so that a late order's due line runs behind its bar: a
     * tick at the top of the row of the line that makes the order */
    put(b, "<g class=\"dues\">");
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind != CS_BLOCK_PRODUCTION || p->orders[k->order].end_at != k->end_at)
            continue;
        int32_t due = sc->orders[k->order].due_at;
        if (due > c.t1)
            continue;
        double x = xpos(&c, due < c.t0 ? c.t0 : due);
        int y = AXIS_H + k->line * ROW_H + 1;
        bool late = cs_html_order_late(p, k->order);
        PUT(b, "<path class=\"");
        put(b, late ? "due late" : "due");
        PUT(b, "\" d=\"M");
        put_f1(b, x);
        PUT(b, " ");
        put_long(b, y);
        PUT(b, " l-4 -0 l4 6 l4 -6 z\"><title>");
        esc(b, sc->orders[k->order].id);
        PUT(b, " due ");
        put_time(b, sc, sc->orders[k->order].due_at);
        put(b, late ? " (late)" : "");
        PUT(b, "</title></path>");
        if (late) {
            PUT(b, "<line class=\"dueline\" x1=\"");
            put_f1(b, x);
            PUT(b, "\" y1=\"");
            put_long(b, y + 6);
            PUT(b, "\" x2=\"");
            put_f1(b, x);
            PUT(b, "\" y2=\"");
            put_long(b, y + ROW_H - 4);
            PUT(b, "\"/>");
        }
    }
    put(b, "</g>\n");
    write_frozen_window(&c, AXIS_H, height - 4 - AXIS_H);
    for (int i = 0; i < p->n_blocks; i++)
        cs_html_block(&c, &p->blocks[i], AXIS_H + p->blocks[i].line * ROW_H);
    write_now_line(&c, AXIS_H, height - 4);
    put(b, "</svg></div></section>\n");
    free(c.part);
    free(c.n_parts);
}
