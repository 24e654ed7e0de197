/* write_html_marks.c -- what report.html's Gantt chart draws besides blocks and downtime: the
 * due date of each order, tied to the order, and the cleaning crews' row.
 *
 * A due marker stands in the due lane at the top of the row of the line that finishes the
 * order, at its due time. A whisker joins it to the end of the order's last block (slack
 * when the order is on time, lateness in red when it is late), its label names the order
 * where there is room, and it links to the order's row in the table (a link survives
 * printing to PDF); the page's script highlights the marker, the blocks and the row of one
 * order together on hover.
 *
 * With cleaning_crews = c > 0 the plan keeps at most c changeovers and cleanings in
 * progress at any minute, without naming the crew. The chart names one: blocks in order of
 * start each take the lowest-numbered crew free at their start (interval partitioning, so
 * a valid plan needs exactly as many rows as blocks ever overlap, never more than c). Each
 * crew's row shows when it is busy and on which line; a line that idles because every crew
 * is busy shows the wait on its own row. */
#include "output/write_html.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

/* ---- due dates ---- */

typedef struct {
    double x;     /* due time */
    double x_end; /* end of the order's last block */
    int order;
    int line;
} due_mark;

static int due_mark_cmp(const void *a, const void *b)
{
    const due_mark *x = a;
    const due_mark *y = b;
    if (x->line != y->line)
        return x->line - y->line;
    if (x->x != y->x)
        return x->x < y->x ? -1 : 1;
    return x->order - y->order;
}

/* One marker; @p label_end: the right end of the last label in this row, updated. */
static void write_due(const chart *c, const due_mark *m, double *label_end)
{
    cs_output_buf *b = c->b;
    const cosched_scenario *sc = c->sc;
    const cs_order *o = &sc->orders[m->order];
    bool late = cs_html_order_late(c->p, m->order);
    int y = AXIS_H + m->line * ROW_H;
    PUT(b, "<g class=\"due");
    put(b, late ? " late" : "");
    PUT(b, "\" data-due=\"");
    esc(b, o->id);
    PUT(b, "\"><a href=\"#order-");
    put_long(b, m->order);
    PUT(b, "\"><title>");
    esc(b, o->id);
    PUT(b, " due ");
    put_time(b, sc, o->due_at);
    if (late) {
        PUT(b, " \xe2\x80\x94 late by ");
        put_long(b, c->p->orders[m->order].tardiness);
        PUT(b, " min");
    } else {
        PUT(b, " \xe2\x80\x94 on time");
    }
    PUT(b, "</title>");
    if (m->x_end - m->x > 1.0 || m->x - m->x_end > 1.0)
        cs_output_buf_printf(b, "<path class=\"whisk\" d=\"M%.1f %d V%d H%.1f V%d\"/>", m->x,
                             y + 7, y + DUE_H - 1, m->x_end, y + BAR_Y);
    cs_output_buf_printf(b, "<path class=\"mark\" d=\"M%.1f %d l-4.5 0 l4.5 7 l4.5 -7 z\"/>",
                         m->x, y + 1);
    if (late)
        cs_output_buf_printf(b, "<line class=\"dueline\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                                "y2=\"%d\"/>",
                             m->x, y + DUE_H, m->x, y + ROW_H - 4);
    /* the order's name right of the marker, else left of it, else none (hover and link
     * still tie it to its order) */
    double w = (double)strlen(o->id) * DUE_CHAR_W;
    double right = xpos(c, c->t1);
    const char *anchor = NULL;
    double tx = 0;
    if (m->x + 6 > *label_end + 3 && m->x + 6 + w <= right) {
        anchor = "start";
        tx = m->x + 6;
        *label_end = tx + w;
    } else if (m->x - 6 - w > *label_end + 3 && m->x - 6 - w >= LABEL_W) {
        anchor = "end";
        tx = m->x - 6;
        *label_end = m->x + 5;
    }
    if (anchor != NULL) {
        cs_output_buf_printf(b, "<text class=\"duel\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">",
                             tx, y + 9, anchor);
        esc(b, o->id);
        PUT(b, "</text>");
    }
    PUT(b, "</a></g>");
}

void cs_html_dues(const chart *c)
{
    const cosched_plan *p = c->p;
    cs_output_buf *b = c->b;
    due_mark *m = cs_calloc((size_t)(p->n_blocks > 0 ? p->n_blocks : 1), sizeof *m);
    if (m == NULL) {
        b->failed = true;
        return;
    }
    int n = 0;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind != CS_BLOCK_PRODUCTION || p->orders[k->order].end_at != k->end_at)
            continue;
        int32_t due = c->sc->orders[k->order].due_at;
        if (due > c->t1)
            continue;
        m[n++] = (due_mark){ xpos(c, due < c->t0 ? c->t0 : due), xpos(c, k->end_at), k->order,
                             k->line };
    }
    qsort(m, (size_t)n, sizeof *m, due_mark_cmp);
    put(b, "<g class=\"dues\">");
    double label_end = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || m[i].line != m[i - 1].line)
            label_end = 0;
        write_due(c, &m[i], &label_end);
    }
    put(b, "</g>\n");
    free(m);
}

/* ---- cleaning crews ---- */

static bool needs_crew(const cs_block *k)
{
    return k->kind != CS_BLOCK_PRODUCTION && k->minutes > 0 && k->end_at > k->start_at;
}

typedef struct {
    int32_t start_at;
    int block;
} crew_job;

static int crew_job_cmp(const void *a, const void *b)
{
    const crew_job *x = a;
    const crew_job *y = b;
    if (x->start_at != y->start_at)
        return x->start_at < y->start_at ? -1 : 1;
    return x->block - y->block;
}

cosched_status cs_html_crews_assign(const cosched_scenario *sc, const cosched_plan *p,
                                    cs_html_crews *out)
{
    memset(out, 0, sizeof *out);
    if (sc->set.cleaning_crews <= 0)
        return COSCHED_OK;
    size_t n_alloc = (size_t)(p->n_blocks > 0 ? p->n_blocks : 1);
    out->crew = cs_calloc(n_alloc, sizeof *out->crew);
    crew_job *idx = cs_calloc(n_alloc, sizeof *idx);
    int32_t *free_at = cs_calloc(n_alloc, sizeof *free_at);
    if (out->crew == NULL || idx == NULL || free_at == NULL) {
        free(idx);
        free(free_at);
        cs_html_crews_free(out);
        return COSCHED_ENOMEM;
    }
    int n = 0;
    for (int i = 0; i < p->n_blocks; i++) {
        out->crew[i] = -1;
        if (needs_crew(&p->blocks[i]))
            idx[n++] = (crew_job){ p->blocks[i].start_at, i };
    }
    qsort(idx, (size_t)n, sizeof *idx, crew_job_cmp);
    for (int j = 0; j < n; j++) {
        const cs_block *k = &p->blocks[idx[j].block];
        int crew = 0;
        while (crew < out->n_rows && free_at[crew] > k->start_at)
            crew++;
        if (crew == out->n_rows)
            out->n_rows++;
        free_at[crew] = k->end_at;
        out->crew[idx[j].block] = crew;
    }
    free(idx);
    free(free_at);
    return COSCHED_OK;
}

void cs_html_crews_free(cs_html_crews *cr)
{
    free(cr->crew);
    cr->crew = NULL;
    cr->n_rows = 0;
}

/* Where block @p i of a line waits for a crew: from the first working minute after the
 * line's previous block to the block's start. */
static void write_crew_wait(const chart *c, int i)
{
    const cs_block *k = &c->p->blocks[i];
    if (i == 0 || c->p->blocks[i - 1].line != k->line)
        return;
    const cs_line *ln = &c->sc->lines[k->line];
    int32_t ready = c->p->blocks[i - 1].end_at;
    if (c->sc->set.has_now && ready < c->sc->set.now_at)
        ready = c->sc->set.now_at; /* nothing starts before now */
    ready = cs_calendar_next_working(ln, ready);
    if (ready >= k->start_at)
        return;
    int y = AXIS_H + k->line * ROW_H + BAR_Y;
    PUT(c->b, "<g class=\"wait\" data-wait=\"");
    esc(c->b, ln->id);
    cs_output_buf_printf(c->b, ":%d\"><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>"
                               "<title>",
                         k->seq, xpos(c, ready), y + 3, (double)(k->start_at - ready) * c->ppm,
                         BAR_H - 6);
    esc(c->b, ln->id);
    PUT(c->b, " waits for a cleaning crew ");
    put_time(c->b, c->sc, ready);
    PUT(c->b, " \xe2\x86\x92 ");
    put_time(c->b, c->sc, k->start_at);
    PUT(c->b, "</title></g>");
}

/* Busy share of crew @p r over the chart's time range. */
static double crew_busy(const chart *c, const cs_html_crews *cr, int r)
{
    int64_t busy = 0;
    for (int i = 0; i < c->p->n_blocks; i++)
        busy += cr->crew[i] == r ? c->p->blocks[i].end_at - c->p->blocks[i].start_at : 0;
    return (double)busy / (double)(c->t1 - c->t0);
}

void cs_html_crew_backgrounds(const chart *c, const cs_html_crews *cr)
{
    int y0 = AXIS_H + c->sc->n_lines * ROW_H;
    for (int r = 0; r < cr->n_rows; r++)
        cs_output_buf_printf(c->b, "<rect class=\"crewrow\" x=\"0\" y=\"%d\" width=\"100%%\" "
                                   "height=\"%d\"/>",
                             y0 + r * CREW_ROW_H, CREW_ROW_H);
}

void cs_html_crew_labels(const chart *c, const cs_html_crews *cr)
{
    int y0 = AXIS_H + c->sc->n_lines * ROW_H;
    for (int r = 0; r < cr->n_rows; r++) {
        int y = y0 + r * CREW_ROW_H;
        cs_output_buf_printf(c->b, "<text class=\"lid\" x=\"10\" y=\"%d\" "
                                   "data-crew-row=\"%d\">Crew %d</text><text class=\"lsub\" "
                                   "x=\"10\" y=\"%d\">%.0f%% busy</text>\n",
                             y + 15, r + 1, r + 1, y + 28, 100.0 * crew_busy(c, cr, r));
    }
}

void cs_html_crew_blocks(const chart *c, const cs_html_crews *cr)
{
    if (cr->n_rows == 0)
        return;
    cs_output_buf *b = c->b;
    const cosched_scenario *sc = c->sc;
    const cosched_plan *p = c->p;
    int y0 = AXIS_H + sc->n_lines * ROW_H;
    put(b, "<g class=\"crews\">");
    for (int i = 0; i < p->n_blocks; i++) {
        if (cr->crew[i] < 0)
            continue;
        const cs_block *k = &p->blocks[i];
        const char *line = sc->lines[k->line].id;
        int y = y0 + cr->crew[i] * CREW_ROW_H + 6;
        double x = xpos(c, k->start_at);
        double w = (double)(k->end_at - k->start_at) * c->ppm;
        PUT(b, "<g class=\"crewblk\" data-crew=\"");
        put_long(b, cr->crew[i] + 1);
        PUT(b, "\" data-crew-block=\"");
        esc(b, line);
        PUT(b, ":");
        put_long(b, k->seq);
        cs_output_buf_printf(b, "\"><title>Crew %d: %s ", cr->crew[i] + 1,
                             k->kind == CS_BLOCK_CHANGEOVER ? "changeover" : "cleaning");
        esc(b, k->from_product >= 0 ? sc->products[k->from_product].id : "");
        if (k->kind == CS_BLOCK_CHANGEOVER) {
            PUT(b, " \xe2\x86\x92 ");
            esc(b, k->product >= 0 ? sc->products[k->product].id : "");
        }
        PUT(b, " on ");
        esc(b, line);
        PUT(b, "\n");
        put_time(b, sc, k->start_at);
        PUT(b, " \xe2\x86\x92 ");
        put_time(b, sc, k->end_at);
        cs_output_buf_printf(b, "</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                                "fill=\"url(#%s)\"/>",
                             x, y, w < 1.0 ? 1.0 : w, CREW_ROW_H - 12,
                             k->kind == CS_BLOCK_CHANGEOVER ? "hatch" : "clean");
        /* the line it works on, where the bar is wide enough */
        double need = (double)strlen(line) * 6.2 + 8;
        if (w >= need) {
            cs_output_buf_printf(b, "<rect class=\"colbl\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                                    "height=\"14\"/><text class=\"crewl\" x=\"%.1f\" y=\"%d\">",
                                 x + w / 2 - need / 2 + 2, y + 4, need - 4, x + w / 2, y + 15);
            esc(b, line);
            PUT(b, "</text>");
        }
        PUT(b, "</g>\n");
        write_crew_wait(c, i);
    }
    put(b, "</g>\n");
}
