/* plan_check_orders.c -- the checker's rules for orders: the figures recomputed from the
 * blocks (KPIs, each order's blocks, start, end and tardiness), every order produced in full
 * and divided only where allowed, and order_schedule.csv row by row against those figures. */
#include "plan/plan_check_impl.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

cosched_status cs_check_figures_compute(const cosched_scenario *sc, const cs_check_row *rows, int n,
                                        cs_check_figures *fg)
{
    int no = sc->n_orders;
    memset(&fg->k, 0, sizeof fg->k);
    fg->prod_minutes = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof(double));
    fg->of = cs_calloc((size_t)(no > 0 ? no : 1), sizeof *fg->of);
    fg->by_order = cs_calloc((size_t)(n > 0 ? n : 1), sizeof(int));
    fg->by_order_first = cs_calloc((size_t)no + 1, sizeof(int));
    if (fg->prod_minutes == NULL || fg->of == NULL || fg->by_order == NULL ||
        fg->by_order_first == NULL)
        return COSCHED_ENOMEM;
    for (int i = 0; i < n; i++) {
        const cs_check_row *w = &rows[i];
        long m = w->minutes > 0 ? w->minutes : 0;
        if (w->kind == CS_BLOCK_CHANGEOVER) {
            fg->k.changeovers++;
            fg->k.changeover_minutes += m;
            fg->k.changeover_cost += w->cost;
        } else if (w->kind == CS_BLOCK_CLEANING) {
            fg->k.cleanings++;
            fg->k.cleaning_minutes += m;
            fg->k.cleaning_cost += w->cost;
        } else if (w->kind == CS_BLOCK_PRODUCTION) {
            if (w->line >= 0)
                fg->prod_minutes[w->line] += (double)m;
            if (w->timed && w->end_at > fg->k.makespan_minutes)
                fg->k.makespan_minutes = w->end_at;
            if (w->order < 0)
                continue;
            cs_check_order_fig *f = &fg->of[w->order];
            if (f->n_blocks == 0) {
                f->first_src = w->src;
                f->timed = true;
            }
            f->n_blocks++;
            f->qty += w->quantity;
            if (!w->timed) {
                f->timed = false;
            } else {
                if (f->n_blocks == 1 || w->start_at < f->start_at)
                    f->start_at = w->start_at;
                if (f->n_blocks == 1 || w->end_at > f->end_at)
                    f->end_at = w->end_at;
            }
            fg->by_order_first[w->order + 1]++;
        }
    }
    for (int o = 0; o < no; o++)
        fg->by_order_first[o + 1] += fg->by_order_first[o];
    int *fill = cs_calloc((size_t)(no > 0 ? no : 1), sizeof(int));
    if (fill == NULL)
        return COSCHED_ENOMEM;
    for (int i = 0; i < n; i++) {
        const cs_check_row *w = &rows[i];
        if (w->kind == CS_BLOCK_PRODUCTION && w->order >= 0)
            fg->by_order[fg->by_order_first[w->order] + fill[w->order]++] = i;
    }
    free(fill);
    for (int o = 0; o < no; o++) {
        cs_check_order_fig *f = &fg->of[o];
        if (f->n_blocks == 0 || !f->timed)
            continue;
        int64_t late = (int64_t)f->end_at - sc->orders[o].due_at;
        f->tardiness = late > 0 ? (int32_t)late : 0;
        if (late > 0) {
            fg->k.late_orders++;
            fg->k.weighted_tardiness_minutes += sc->orders[o].weight * (double)late;
        }
    }
    return COSCHED_OK;
}

void cs_check_figures_free(cs_check_figures *fg)
{
    free(fg->prod_minutes);
    free(fg->of);
    free(fg->by_order);
    free(fg->by_order_first);
}

void cs_check_orders(cs_checker *c, const char *file, const cs_check_row *rows,
                     const cs_check_figures *fg)
{
    const cosched_scenario *sc = c->sc;
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *ord = &sc->orders[o];
        const cs_check_order_fig *f = &fg->of[o];
        if (f->n_blocks == 0) {
            /* No row to point at: the header line stands for the file as a whole. */
            cs_check_violation(c, file, 1, "order '%s' (orders.csv:%ld) is not produced", ord->id,
                               ord->src_line);
            continue;
        }
        if (!cs_check_close_enough(f->qty, ord->quantity))
            cs_check_violation(c, file, f->first_src,
                               "order '%s' is produced %.15g units in all, it asks for %.15g",
                               ord->id, f->qty, ord->quantity);
        if (ord->split || f->n_blocks == 1)
            continue;
        /* Without split, only max_batch (blocks anywhere on the line) or a sanitation
         * interval (the run resumed right after a cleaning) may divide an order, and only
         * on one line. */
        const int *ix = &fg->by_order[fg->by_order_first[o]];
        int line0 = rows[ix[0]].line;
        for (int j = 1; j < f->n_blocks; j++) {
            const cs_check_row *w = &rows[ix[j]];
            bool may_divide =
                w->line >= 0 && (cs_check_batch_limited(sc, o, w->line) || w->continues);
            if (w->line != line0)
                cs_check_violation(c, file, w->src,
                                   "order '%s' is not splittable but is also produced on line %ld",
                                   ord->id, rows[ix[0]].src);
            else if (!may_divide)
                cs_check_violation(c, file, w->src,
                                   "order '%s' is produced twice (also on line %ld), but it is not "
                                   "splittable, within max_batch, and not resumed after a cleaning",
                                   ord->id, rows[ix[0]].src);
        }
    }
    for (int i = 0; i < fg->by_order_first[sc->n_orders]; i++) {
        const cs_check_row *w = &rows[fg->by_order[i]];
        const cs_order *ord = &sc->orders[w->order];
        if (w->line < 0)
            continue;
        double mb = cs_check_max_batch_of(sc, ord->product, w->line);
        if (mb > 0 && w->quantity > mb * (1 + 1e-9))
            cs_check_violation(c, file, w->src, "block of %.15g units exceeds max_batch %.15g",
                               w->quantity, mb);
        if (ord->split && w->quantity < ord->min_split * (1 - 1e-9) &&
            !cs_check_close_enough(w->quantity, ord->quantity))
            cs_check_violation(c, file, w->src, "block of %.15g units is below min_split %.15g",
                               w->quantity, ord->min_split);
    }
}

/* ---- order_schedule.csv ---------------------------------------------------------------- */

/* True when the '|'-separated line ids in @p s name exactly the lines of order @p o. */
static bool same_lines(const cosched_scenario *sc, const cs_check_row *rows,
                       const cs_check_figures *fg, int o, const char *s)
{
    int n_listed = 0;
    const char *p = s;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char id[128];
        if (len == 0 || len >= sizeof id)
            return false;
        memcpy(id, p, len);
        id[len] = '\0';
        int l = cs_scenario_find_line(sc, id);
        bool used = false;
        for (int j = fg->by_order_first[o]; j < fg->by_order_first[o + 1] && !used; j++)
            used = rows[fg->by_order[j]].line == l;
        if (l < 0 || !used)
            return false;
        n_listed++;
        if (bar == NULL)
            break;
        p = bar + 1;
    }
    /* Every line used must be listed: count the distinct lines used. */
    int n_used = 0;
    for (int j = fg->by_order_first[o]; j < fg->by_order_first[o + 1]; j++) {
        int l = rows[fg->by_order[j]].line;
        bool seen = false;
        for (int i = fg->by_order_first[o]; i < j && !seen; i++)
            seen = rows[fg->by_order[i]].line == l;
        n_used += !seen;
    }
    return n_listed == n_used;
}

cosched_status cs_check_schedule(cs_checker *c, const cs_plan_table *pt, const cs_check_row *rows,
                                 const cs_check_figures *fg)
{
    const cosched_scenario *sc = c->sc;
    const char *file = pt->path;
    if (!pt->complete)
        return COSCHED_OK;
    long *seen = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *seen);
    if (seen == NULL)
        return COSCHED_ENOMEM;
    int64_t h = sc->horizon_epoch_min;
    for (int r = 0; r < cs_plan_table_n_rows(pt); r++) {
        cs_plan_report rep = { c->diags, "E_PLAN_VIOLATION", 0 };
        cs_sched_record w;
        (void)cs_sched_record_read(pt, r, &rep, &w);
        c->n += rep.n;
        long ln = w.src;
        const char *const *f = w.f;
        int o = cs_scenario_find_order(sc, f[CS_SC_ORDER]);
        if (o < 0) {
            cs_check_violation(c, file, ln, "order '%s' is not in orders.csv", f[CS_SC_ORDER]);
            continue;
        }
        if (seen[o] != 0) {
            cs_check_violation(c, file, ln, "order '%s' is listed twice (also on line %ld)",
                               f[CS_SC_ORDER], seen[o]);
            continue;
        }
        seen[o] = ln;
        const cs_order *ord = &sc->orders[o];
        if (w.has_due && w.due - h != ord->due_at)
            cs_check_violation(c, file, ln, "due %s differs from orders.csv:%ld", f[CS_SC_DUE],
                               ord->src_line);
        /* status and reason: written by every plan, verified when present (plans of older
         * versions and published solutions lack them) */
        if (pt->col[CS_SC_STATUS] >= 0) {
            const char *want =
                cs_order_status_name(ord->status == CS_ORDER_IN_PROGRESS ? COSCHED_ORDER_IN_PROGRESS
                                                                         : COSCHED_ORDER_OPEN);
            if (strcmp(f[CS_SC_STATUS], want) != 0)
                cs_check_violation(c, file, ln, "status '%s' of '%s', expected '%s'",
                                   f[CS_SC_STATUS], ord->id, want);
        }
        const cs_check_order_fig *g = &fg->of[o];
        if (pt->col[CS_SC_REASON] >= 0 && g->n_blocks > 0 && g->timed) {
            bool has_reason = f[CS_SC_REASON][0] != '\0';
            if (has_reason != (g->tardiness > 0))
                cs_check_violation(c, file, ln, "reason of '%s' is %s but the order is %s", ord->id,
                                   has_reason ? "given" : "empty",
                                   g->tardiness > 0 ? "late" : "on time");
        }
        if (g->n_blocks == 0 || !g->timed)
            continue; /* reported with plan.csv */
        if (!same_lines(sc, rows, fg, o, f[CS_SC_LINE]))
            cs_check_violation(c, file, ln, "line_id '%s' does not match the lines producing '%s'",
                               f[CS_SC_LINE], ord->id);
        /* An empty field is an order not scheduled, but this one is produced. */
        if (w.has_start && w.start - h != g->start_at)
            cs_check_violation(c, file, ln, "start %s is not the start of the order's first block",
                               f[CS_SC_START]);
        else if (f[CS_SC_START][0] == '\0')
            cs_check_violation(c, file, ln, "start is empty, but '%s' is produced", ord->id);
        if (w.has_end && w.end - h != g->end_at)
            cs_check_violation(c, file, ln, "end %s is not the end of the order's last block",
                               f[CS_SC_END]);
        else if (f[CS_SC_END][0] == '\0')
            cs_check_violation(c, file, ln, "end is empty, but '%s' is produced", ord->id);
        if (w.has_tardiness && w.tardiness != g->tardiness)
            cs_check_violation(c, file, ln,
                               "tardiness_minutes is %ld, expected max(0, end - due) = %d",
                               w.tardiness, (int)g->tardiness);
        else if (f[CS_SC_TARDINESS][0] == '\0')
            cs_check_violation(c, file, ln, "tardiness_minutes is empty, but '%s' is produced",
                               ord->id);
    }
    for (int o = 0; o < sc->n_orders; o++) {
        if (seen[o] == 0)
            cs_check_violation(c, file, 1, "order '%s' has no row", sc->orders[o].id);
    }
    free(seen);
    return COSCHED_OK;
}
