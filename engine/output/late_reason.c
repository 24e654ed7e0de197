/* late_reason.c -- why an order is late. Lateness no plan could avoid (even alone on the
 * fastest eligible line, with the least changeover it could ever need, the order ends after
 * its due date) is told apart from lateness caused by the plan's choices on a busy line,
 * which names the line and the orders run ahead of the late one, and from waits for a
 * cleaning crew (a changeover or cleaning that starts later than its line is ready). */
#include "output/output.h"

#include "base/base.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NAMED = 8 }; /* orders named in a reason; more are elided in the middle */

/* The least changeover minutes production of @p product on @p line can be preceded by:
 * from the line's initial setup (when first) or from any other product that runs there. */
static int32_t least_changeover(const cosched_scenario *sc, int order, int line)
{
    int product = sc->orders[order].product;
    int32_t best = cs_co_minutes(sc, line, sc->lines[line].initial_product, product);
    /* Over products rather than orders: plans with thousands of late orders stay linear. */
    for (int q = 0; q < sc->n_products && best > 0; q++) {
        /* the same product costs nothing when another order of it can run before */
        if ((q == product && sc->products[q].n_orders < 2) || !sc->products[q].has_orders ||
            cs_scenario_run_minutes_for(sc, q, line, 1.0) < 0)
            continue;
        int32_t m = cs_co_minutes(sc, line, q, product);
        if (m >= 0 && m < best)
            best = m;
    }
    return best;
}

/* First block of @p line, or of the first line after it (blocks are ordered by line). */
static int line_begin(const cosched_plan *p, int line)
{
    int lo = 0;
    int hi = p->n_blocks;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (p->blocks[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The order's last production block: it ends at the order's completion on one of the lines
 * that can make it, and a line's blocks are ordered by time, so a binary search per line
 * finds it. -1 when the order has no block. */
static int last_block(const cosched_scenario *sc, const cosched_plan *p, int order)
{
    int32_t end = p->orders[order].end_at;
    int found = -1;
    for (int l = 0; l < sc->n_lines; l++) {
        if (cs_run_minutes(sc, order, l) < 0)
            continue;
        int lo = line_begin(p, l);
        int hi = line_begin(p, l + 1);
        while (lo < hi) { /* first block of the line ending after `end` */
            int mid = lo + (hi - lo) / 2;
            if (p->blocks[mid].end_at <= end)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (int i = lo - 1; i >= 0 && p->blocks[i].line == l && p->blocks[i].end_at == end;
             i--) {
            const cs_block *k = &p->blocks[i];
            if (k->kind == CS_BLOCK_PRODUCTION && k->order == order) {
                if (i > found)
                    found = i;
                break;
            }
        }
    }
    return found;
}

static void earliest_end(const cosched_scenario *sc, int order, cs_late_info *info)
{
    const cs_order *ord = &sc->orders[order];
    for (int l = 0; l < sc->n_lines; l++) {
        int32_t run = cs_run_minutes(sc, order, l);
        if (run < 0)
            continue;
        const cs_line *line = &sc->lines[l];
        int32_t t = cs_calendar_next_working(line, line->available_at);
        int32_t co_end = cs_calendar_advance(line, t, least_changeover(sc, order, l));
        int32_t start = cs_calendar_next_working(line, co_end > ord->release_at ? co_end
                                                                                 : ord->release_at);
        int32_t end = cs_calendar_advance(line, start, run);
        if (end < info->earliest_end_at) {
            info->earliest_end_at = end;
            info->earliest_line = l;
        }
    }
}

void cs_output_late_info(const cosched_scenario *sc, const cosched_plan *p, int order,
                         cs_late_info *out)
{
    memset(out, 0, sizeof *out);
    out->earliest_end_at = INT32_MAX;
    out->earliest_line = -1;
    out->line = -1;
    const cs_order_result *r = &p->orders[order];
    if (!r->scheduled)
        return;
    int last = last_block(sc, p, order);
    if (last >= 0) {
        out->line = p->blocks[last].line;
        /* Orders produced on that line before the order's last block; the blocks of an
         * order divided by a cleaning follow each other and count once. */
        int prev = -1;
        for (int i = line_begin(p, out->line); i < last; i++) {
            const cs_block *k = &p->blocks[i];
            if (k->line != out->line || k->kind != CS_BLOCK_PRODUCTION)
                continue;
            if (k->order != order && k->order != prev)
                out->n_ahead++;
            prev = k->order;
        }
    }
    if (out->line >= 0) {
        const cs_line *line = &sc->lines[out->line];
        int32_t ready = sc->orders[order].release_at > line->available_at
                            ? sc->orders[order].release_at
                            : line->available_at;
        out->waited = r->start_at > cs_calendar_next_working(line, ready);
    }
    earliest_end(sc, order, out);
    out->late = r->tardiness > 0;
    out->unavoidable = out->late && !sc->orders[order].split && out->earliest_line >= 0 &&
                       out->earliest_end_at > sc->orders[order].due_at;
}

static void add_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at)
{
    char buf[32];
    cs_datetime_format(sc->horizon_epoch_min + at, buf, sizeof buf);
    cs_output_buf_str(b, buf);
}

/* Names of the orders ahead of @p order on @p line (counted as in cs_output_late_info), the
 * nearest last; the middle of a long list is elided so the reason stays one sentence. */
static void add_orders_ahead(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p,
                             int order, int line, int n_ahead)
{
    int k = 0;
    int last = last_block(sc, p, order);
    int prev = -1;
    for (int i = line_begin(p, line); i < last; i++) {
        const cs_block *bl = &p->blocks[i];
        if (bl->line != line || bl->kind != CS_BLOCK_PRODUCTION)
            continue;
        bool counted = bl->order != order && bl->order != prev;
        prev = bl->order;
        if (!counted)
            continue;
        bool head = k < MAX_NAMED / 2;
        bool tail = k >= n_ahead - MAX_NAMED / 2;
        if (n_ahead <= MAX_NAMED || head || tail) {
            if (k > 0)
                cs_output_buf_str(b, ", ");
            cs_output_buf_str(b, sc->orders[bl->order].id);
        } else if (k == MAX_NAMED / 2) {
            cs_output_buf_str(b, ", ...");
        }
        k++;
    }
}

/* Minutes the changeovers and cleanings of @p line ahead of @p order's last block there
 * waited for a free cleaning crew: each starts later than the first working minute after
 * the line's previous block, and only a crew holds such a block back. */
static int64_t crew_wait_minutes(const cosched_scenario *sc, const cosched_plan *p, int order,
                                 int line)
{
    if (sc->set.cleaning_crews <= 0)
        return 0;
    int last = last_block(sc, p, order);
    const cs_line *ln = &sc->lines[line];
    int32_t t = ln->available_at;
    int64_t wait = 0;
    for (int i = line_begin(p, line); i < last; i++) {
        const cs_block *b = &p->blocks[i];
        if (b->line != line)
            continue;
        if (b->kind != CS_BLOCK_PRODUCTION && b->minutes > 0) {
            int32_t ready = cs_calendar_next_working(ln, t);
            if (b->start_at > ready)
                wait += cs_calendar_working_between(ln, ready, b->start_at);
        }
        t = b->end_at;
    }
    return wait;
}

char *cs_output_late_reason(const cosched_scenario *sc, const cosched_plan *p, int order)
{
    cs_late_info in;
    cs_output_buf b = { 0 };
    cs_output_late_info(sc, p, order, &in);
    if (!in.late)
        return cs_output_buf_finish(&b);
    const cs_order *o = &sc->orders[order];
    if (in.unavoidable) {
        const cs_line *l = &sc->lines[in.earliest_line];
        cs_output_buf_str(&b, "unavoidable: even alone on its fastest line ");
        cs_output_buf_str(&b, l->id);
        cs_output_buf_str(&b, " it cannot end before ");
        add_time(&b, sc, in.earliest_end_at);
        cs_output_buf_printf(&b, " (%ld run minutes", (long)cs_run_minutes(sc, order,
                                                                             in.earliest_line));
        if (o->release_at > 0) {
            cs_output_buf_str(&b, ", released ");
            add_time(&b, sc, o->release_at);
        }
        cs_output_buf_str(&b, ")");
        return cs_output_buf_finish(&b);
    }
    const char *line_id = in.line >= 0 ? sc->lines[in.line].id : "?";
    int64_t crew_wait = in.line >= 0 ? crew_wait_minutes(sc, p, order, in.line) : 0;
    if (in.n_ahead > 0 && in.waited) {
        cs_output_buf_printf(&b, "line %s is busy: %d order%s ahead of it: ", line_id,
                             in.n_ahead, in.n_ahead == 1 ? "" : "s");
        add_orders_ahead(&b, sc, p, order, in.line, in.n_ahead);
        if (crew_wait > 0)
            cs_output_buf_printf(&b, "; the line also waited %lld minutes for a cleaning crew",
                                 (long long)crew_wait);
    } else if (crew_wait > 0) {
        cs_output_buf_printf(&b, "line %s waited %lld minutes for a cleaning crew "
                                 "(cleaning_crews is %d)",
                             line_id, (long long)crew_wait, sc->set.cleaning_crews);
    } else {
        cs_output_buf_printf(&b, "line %s is a poor choice: started there as early as it could, "
                                 "it still ends after its due date",
                             line_id);
    }
    if (in.earliest_line >= 0) {
        cs_output_buf_str(&b, "; it could end by ");
        add_time(&b, sc, in.earliest_end_at);
        cs_output_buf_str(&b, " on ");
        cs_output_buf_str(&b, sc->lines[in.earliest_line].id);
    }
    return cs_output_buf_finish(&b);
}
