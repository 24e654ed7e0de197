/* plan_check_blocks.c -- the checker's rules for plan.csv: each row on its own (known ids,
 * times against horizon, now and availability, working minutes, run minutes, pins, costs),
 * each line replayed in seq order (overlaps, changeovers where the product changes, with
 * their rule's minutes and cost, sanitation intervals, the order in progress first), and
 * the cleaning crews swept over all lines. */
#include "plan/plan_check_impl.h"

#include "base/base.h"

#include <stdlib.h>
#include <string.h>

void cs_check_read_row(cs_checker *c, const cs_plan_table *pt, int r, cs_check_row *w)
{
    const cosched_scenario *sc = c->sc;
    const char *file = pt->path;
    cs_plan_report rep = { c->diags, "E_PLAN_VIOLATION", 0 };
    cs_plan_record rec;
    (void)cs_plan_record_read(pt, sc->horizon_epoch_min, r, &rep, &rec);
    c->n += rep.n;
    const char *const *f = rec.f;
    memset(w, 0, sizeof *w);
    w->src = rec.src;
    w->seq = rec.seq;
    w->kind = rec.kind;
    w->quantity = rec.quantity;
    w->timed = rec.timed;
    w->start_at = rec.start_at;
    w->end_at = rec.end_at;
    w->minutes = rec.minutes;
    w->cost = rec.cost;
    w->order = w->product = w->from_product = -1;
    long ln = w->src;

    w->line = cs_scenario_find_line(sc, f[CS_PC_LINE]);
    if (w->line < 0)
        cs_check_violation(c, file, ln, "line '%s' is not in lines.csv", f[CS_PC_LINE]);
    if (f[CS_PC_PRODUCT][0] != '\0') {
        w->product = cs_scenario_find_product(sc, f[CS_PC_PRODUCT]);
        if (w->product < 0)
            cs_check_violation(c, file, ln, "product '%s' is not in the scenario",
                               f[CS_PC_PRODUCT]);
    }
    if (f[CS_PC_FROM_PRODUCT][0] != '\0') {
        w->from_product = cs_scenario_find_product(sc, f[CS_PC_FROM_PRODUCT]);
        if (w->from_product < 0)
            cs_check_violation(c, file, ln, "from_product '%s' is not in the scenario",
                               f[CS_PC_FROM_PRODUCT]);
    }

    if (w->timed) {
        if (w->start_at < 0)
            cs_check_violation(c, file, ln, "starts %s, before horizon_start", f[CS_PC_START]);
        else if (w->start_at < sc->set.now_at)
            cs_check_violation(c, file, ln, "starts %s, before now", f[CS_PC_START]);
        else if (w->line >= 0 && w->start_at < sc->lines[w->line].available_at)
            cs_check_violation(c, file, ln, "starts %s, before line '%s' is available",
                               f[CS_PC_START], f[CS_PC_LINE]);
        if (w->line >= 0 && w->minutes >= 0) {
            int32_t work = cs_calendar_working_between(&sc->lines[w->line], w->start_at, w->end_at);
            if (work != w->minutes)
                cs_check_violation(c, file, ln,
                                   "minutes is %ld but the line works %d minutes from %s to %s",
                                   w->minutes, (int)work, f[CS_PC_START], f[CS_PC_END]);
        }
    }

    if (w->kind == CS_BLOCK_PRODUCTION) {
        if (f[CS_PC_ORDER][0] == '\0') {
            cs_check_violation(c, file, ln, "production block without order_id");
        } else {
            w->order = cs_scenario_find_order(sc, f[CS_PC_ORDER]);
            if (w->order < 0 && sc->done_index != NULL &&
                cs_strmap_get(sc->done_index, f[CS_PC_ORDER]) >= 0)
                cs_check_violation(c, file, ln, "order '%s' is done; it must not be planned again",
                                   f[CS_PC_ORDER]);
            else if (w->order < 0)
                cs_check_violation(c, file, ln, "order '%s' is not in orders.csv", f[CS_PC_ORDER]);
        }
        if (f[CS_PC_FROM_PRODUCT][0] != '\0')
            cs_check_violation(c, file, ln, "production block has from_product_id '%s'",
                               f[CS_PC_FROM_PRODUCT]);
        if (w->cost != 0.0)
            cs_check_violation(c, file, ln, "production block has cost %s (expected 0)",
                               f[CS_PC_COST]);
        if (!(w->quantity > 0.0))
            cs_check_violation(c, file, ln, "production quantity '%s' is not > 0",
                               f[CS_PC_QUANTITY]);
        if (w->order >= 0) {
            const cs_order *o = &sc->orders[w->order];
            if (w->product != o->product)
                cs_check_violation(c, file, ln, "order '%s' is product '%s', not '%s'", o->id,
                                   cs_check_pid(sc, o->product), f[CS_PC_PRODUCT]);
            if (w->timed && o->has_pinned_start && w->start_at < o->pinned_start_at)
                cs_check_violation(c, file, ln, "order '%s' starts %s, before its pinned_start",
                                   o->id, f[CS_PC_START]);
            else if (w->timed && w->start_at < o->release_at)
                cs_check_violation(c, file, ln, "order '%s' starts %s, before its release", o->id,
                                   f[CS_PC_START]);
            if (w->line >= 0 && o->has_pinned_line && w->line != o->pinned_line)
                cs_check_violation(c, file, ln, "order '%s' is pinned to line '%s', not '%s'",
                                   o->id, sc->lines[o->pinned_line].id, f[CS_PC_LINE]);
            if (w->line >= 0 && w->quantity > 0.0) {
                int32_t run = cs_scenario_run_minutes_for(sc, o->product, w->line, w->quantity);
                if (run < 0)
                    cs_check_violation(c, file, ln, "line '%s' cannot make product '%s'",
                                       f[CS_PC_LINE], cs_check_pid(sc, o->product));
                else if (w->minutes >= 0 && w->minutes != run)
                    cs_check_violation(
                        c, file, ln, "minutes is %ld but %s units of '%s' take %d minutes on '%s'",
                        w->minutes, f[CS_PC_QUANTITY], cs_check_pid(sc, o->product), (int)run,
                        f[CS_PC_LINE]);
            }
        }
    } else if (w->kind != -1) {
        if (f[CS_PC_ORDER][0] != '\0')
            cs_check_violation(c, file, ln, "%s block has order_id '%s'", f[CS_PC_KIND],
                               f[CS_PC_ORDER]);
        if (w->quantity != 0.0)
            cs_check_violation(c, file, ln, "%s block has quantity %s (expected 0)", f[CS_PC_KIND],
                               f[CS_PC_QUANTITY]);
        if (f[CS_PC_PRODUCT][0] == '\0' || f[CS_PC_FROM_PRODUCT][0] == '\0')
            cs_check_violation(c, file, ln, "%s block needs product_id and from_product_id",
                               f[CS_PC_KIND]);
    }
    if (w->kind == CS_BLOCK_CLEANING && w->line >= 0) {
        const cs_line *l = &sc->lines[w->line];
        if (l->max_run_minutes <= 0)
            cs_check_violation(c, file, ln, "line '%s' has no sanitation interval, so no cleaning",
                               l->id);
        if (w->minutes >= 0 && w->minutes != l->cleaning_minutes)
            cs_check_violation(c, file, ln, "cleaning takes %ld minutes, line '%s' needs %d",
                               w->minutes, l->id, (int)l->cleaning_minutes);
        if (!cs_check_close_enough(w->cost, l->cleaning_cost))
            cs_check_violation(c, file, ln, "cleaning cost is %s, line '%s' charges %.15g",
                               f[CS_PC_COST], l->id, l->cleaning_cost);
        if (w->product != w->from_product)
            cs_check_violation(c, file, ln,
                               "cleaning block's product_id and from_product_id differ");
    }
}

/* An order in progress at now goes on first on its line, at the line's first working minute
 * from now, with no changeover or cleaning before it (the line is set up for it). Its
 * quantity, the rest of what it must make, is checked with every order's. */
void cs_check_in_progress(cs_checker *c, const char *file, int l, const cs_check_row *rows,
                          const int *idx, int n)
{
    const cosched_scenario *sc = c->sc;
    const cs_line *ln = &sc->lines[l];
    int o = -1;
    for (int k = 0; k < sc->n_orders && o < 0; k++)
        if (sc->orders[k].status == CS_ORDER_IN_PROGRESS && sc->orders[k].progress_line == l)
            o = k;
    if (o < 0)
        return;
    const char *id = sc->orders[o].id;
    if (n == 0 || rows[idx[0]].kind != CS_BLOCK_PRODUCTION || rows[idx[0]].order != o) {
        cs_check_violation(
            c, file, n > 0 ? rows[idx[0]].src : 0,
            "order '%s' is in progress on line '%s', so it must be the line's first block", id,
            ln->id);
        return;
    }
    const cs_check_row *w = &rows[idx[0]];
    int32_t at = cs_calendar_next_working(ln, ln->available_at);
    if (w->timed && w->start_at != at) {
        char want[32];
        cs_datetime_format(sc->horizon_epoch_min + at, want, sizeof want);
        cs_check_violation(c, file, w->src,
                           "order '%s' is in progress on line '%s', so it goes on at %s", id,
                           ln->id, want);
    }
}

/* Replays the blocks of one line in seq order: overlaps, changeover placement, sanitation
 * interval. @p idx lists the line's rows in file order. */
void cs_check_line(cs_checker *c, const char *file, int l, cs_check_row *rows, const int *idx,
                   int n)
{
    const cosched_scenario *sc = c->sc;
    const cs_line *ln = &sc->lines[l];
    int cur = ln->initial_product;
    const cs_check_row *pending = NULL; /* changeover not yet followed by production */
    const cs_check_row *prev_timed = NULL;
    int64_t run_since_clean = 0;
    const cs_check_row *prev_prod = NULL; /* the line's last production block */
    int cleanings_since_prod = 0;         /* cleanings since it, when nothing else stood between */
    int64_t stretch_at_clean = 0;         /* production count when the last cleaning began */
    bool over_reported = false;           /* the current stretch was already reported too long */

    for (int k = 0; k < n; k++) {
        cs_check_row *w = &rows[idx[k]];
        if (w->seq != k + 1)
            cs_check_violation(c, file, w->src,
                               "seq is %ld, expected %d (seq counts 1, 2, ... per line)", w->seq,
                               k + 1);
        if (w->timed) {
            if (prev_timed != NULL && w->start_at < prev_timed->end_at)
                cs_check_violation(c, file, w->src,
                                   "overlaps the block on line %ld (starts before it ends)",
                                   prev_timed->src);
            prev_timed = w;
        }
        switch (w->kind) {
        case CS_BLOCK_CHANGEOVER: {
            if (pending != NULL)
                cs_check_violation(c, file, w->src,
                                   "second changeover in a row on line '%s' (line %ld has one)",
                                   ln->id, pending->src);
            if (w->from_product != cur)
                cs_check_violation(
                    c, file, w->src, "changeover from '%s', but line '%s' is set up for '%s'",
                    cs_check_pid(sc, w->from_product), ln->id, cs_check_pid(sc, cur));
            if (w->from_product >= 0 && w->product >= 0) {
                if (w->from_product == w->product) {
                    cs_check_violation(c, file, w->src,
                                       "changeover from '%s' to itself is not needed",
                                       cs_check_pid(sc, w->product));
                } else {
                    int32_t need = cs_co_minutes(sc, l, w->from_product, w->product);
                    double cost = cs_co_cost(sc, l, w->from_product, w->product);
                    if (need < 0)
                        cs_check_violation(c, file, w->src,
                                           "no changeover rule from '%s' to '%s' on '%s'",
                                           cs_check_pid(sc, w->from_product),
                                           cs_check_pid(sc, w->product), ln->id);
                    else if (w->minutes >= 0 && w->minutes < need)
                        cs_check_violation(
                            c, file, w->src,
                            "changeover '%s' -> '%s' lasts %ld minutes, the rule needs %d",
                            cs_check_pid(sc, w->from_product), cs_check_pid(sc, w->product),
                            w->minutes, (int)need);
                    if (need >= 0 && !cs_check_close_enough(w->cost, cost))
                        cs_check_violation(
                            c, file, w->src,
                            "changeover '%s' -> '%s' costs %.15g, the rule says %.15g",
                            cs_check_pid(sc, w->from_product), cs_check_pid(sc, w->product),
                            w->cost, cost);
                }
            }
            pending = w;
            run_since_clean = 0;
            over_reported = false;
            cleanings_since_prod = -1;
            if (w->product >= 0)
                cur = w->product;
            break;
        }
        case CS_BLOCK_CLEANING:
            if (pending != NULL)
                cs_check_violation(c, file, w->src,
                                   "cleaning between a changeover and its production");
            if (w->product != cur)
                cs_check_violation(c, file, w->src,
                                   "cleaning of '%s', but line '%s' is set up for '%s'",
                                   cs_check_pid(sc, w->product), ln->id, cs_check_pid(sc, cur));
            if (cleanings_since_prod >= 0)
                cleanings_since_prod++;
            stretch_at_clean = run_since_clean;
            run_since_clean = 0;
            over_reported = false;
            break;
        case CS_BLOCK_PRODUCTION: {
            int pr = w->product;
            if (pending != NULL) {
                if (pending->product != pr)
                    cs_check_violation(c, file, pending->src,
                                       "changeover to '%s', but the next production is '%s'",
                                       cs_check_pid(sc, pending->product), cs_check_pid(sc, pr));
            } else if (cur >= 0 && pr >= 0 && cur != pr) {
                cs_check_violation(
                    c, file, w->src,
                    "missing changeover on line '%s' from '%s' to '%s' before this block", ln->id,
                    cs_check_pid(sc, cur), cs_check_pid(sc, pr));
            }
            pending = NULL;
            if (pr >= 0)
                cur = pr;
            if (w->minutes > 0)
                run_since_clean += w->minutes;
            if (ln->max_run_minutes > 0 && run_since_clean > ln->max_run_minutes &&
                !over_reported) {
                cs_check_violation(
                    c, file, w->src,
                    "line '%s' runs %lld minutes of production without a cleaning or "
                    "changeover (max_run_minutes %d)",
                    ln->id, (long long)run_since_clean, (int)ln->max_run_minutes);
                over_reported = true;
            }
            w->continues = prev_prod != NULL && cleanings_since_prod > 0 && w->order >= 0 &&
                           prev_prod->order == w->order;
            /* A run of an order that may not be split is divided by sanitation only where
             * the limit falls inside it. */
            if (w->continues && !sc->orders[w->order].split &&
                !cs_check_batch_limited(sc, w->order, l) && ln->max_run_minutes > 0 &&
                w->minutes >= 0 && stretch_at_clean + w->minutes <= ln->max_run_minutes)
                cs_check_violation(
                    c, file, w->src,
                    "order '%s' is divided by a cleaning although the line's limit (%d "
                    "minutes) is not reached: %lld + %ld minutes fit",
                    sc->orders[w->order].id, (int)ln->max_run_minutes, (long long)stretch_at_clean,
                    w->minutes);
            prev_prod = w;
            cleanings_since_prod = 0;
            break;
        }
        default:
            break;
        }
    }
    if (pending != NULL)
        cs_check_violation(c, file, pending->src, "changeover is not followed by production");
}

/* ---- cleaning crews ------------------------------------------------------------------------ */

typedef struct {
    int32_t at;
    int delta; /* +1: a crew block starts, -1: one ends */
    int r;     /* row index */
} crew_event;

static int cmp_crew_event(const void *a, const void *b)
{
    const crew_event *x = a;
    const crew_event *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->delta != y->delta)
        return x->delta < y->delta ? -1 : 1; /* ends first: [start, end) */
    return x->r - y->r;
}

/* At most cleaning_crews changeover and cleaning blocks in progress at any minute, over all
 * lines: a sweep over their starts and ends. A block is in progress over [start, end). */
cosched_status cs_check_crews(cs_checker *c, const char *file, const cs_check_row *rows, int n)
{
    int crews = c->sc->set.cleaning_crews;
    if (crews <= 0)
        return COSCHED_OK;
    crew_event *ev = cs_calloc((size_t)(2 * n > 0 ? 2 * n : 1), sizeof *ev);
    if (ev == NULL)
        return COSCHED_ENOMEM;
    int ne = 0;
    for (int r = 0; r < n; r++) {
        const cs_check_row *w = &rows[r];
        if ((w->kind != CS_BLOCK_CHANGEOVER && w->kind != CS_BLOCK_CLEANING) || !w->timed ||
            w->end_at <= w->start_at)
            continue;
        ev[ne++] = (crew_event){ w->start_at, +1, r };
        ev[ne++] = (crew_event){ w->end_at, -1, r };
    }
    qsort(ev, (size_t)ne, sizeof *ev, cmp_crew_event);
    int busy = 0;
    for (int i = 0; i < ne; i++) {
        busy += ev[i].delta;
        if (ev[i].delta > 0 && busy > crews) {
            /* Name one block it overlaps: the latest-starting other one in progress. */
            const cs_check_row *w = &rows[ev[i].r];
            long other = 0;
            for (int j = 0; j < n; j++) {
                const cs_check_row *u = &rows[j];
                if (j != ev[i].r && u->timed && u->start_at <= w->start_at &&
                    u->end_at > w->start_at &&
                    (u->kind == CS_BLOCK_CHANGEOVER || u->kind == CS_BLOCK_CLEANING) &&
                    u->end_at > u->start_at)
                    other = u->src;
            }
            cs_check_violation(
                c, file, w->src,
                "%d changeover/cleaning blocks are in progress at once (e.g. with line "
                "%ld), but cleaning_crews is %d",
                busy, other, crews);
        }
    }
    free(ev);
    return COSCHED_OK;
}
