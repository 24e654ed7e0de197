/* plan_check.c -- the independent plan checker (the test oracle): re-reads plan.csv,
 * order_schedule.csv and summary.json from a plan directory and verifies them against the
 * scenario and the contract. It deliberately shares no code with cs_plan_build: it replays
 * each line's blocks as written (changeovers, sanitation intervals, batch limits, splits),
 * sweeps all lines for the cleaning-crew limit, and recomputes every figure from them.
 * Each violation is an error diagnostic naming the file and line; the count goes on past
 * the sink's cap. Re-planning: pinned lines and starts are checked per row; a summary with a
 * "replan" object has orders_moved and the stability term recomputed from its previous
 * lines, and its frozen orders must stand on their previous line. */
#include "plan/plan.h"

#include "base/base.h"
#include "base/csvtab.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REL_TOL 1e-6

typedef struct {
    const cosched_scenario *sc;
    cosched_diags *diags;
    int n;
} checker;

static void violation(checker *c, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void violation(checker *c, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vaddc(c->diags, "E_PLAN_VIOLATION", COSCHED_SEV_ERROR, file, line, NULL, fmt, ap);
    va_end(ap);
    c->n++;
}

static bool close_enough(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= REL_TOL * scale;
}

/* A plan datetime as minutes from horizon_start; false when it does not parse or does not
 * fit the engine's range. */
static bool parse_at(const cosched_scenario *sc, const char *s, int32_t *at)
{
    int64_t epoch;
    int sec;
    if (!cs_datetime_parse(s, &epoch, &sec) || sec != 0)
        return false;
    int64_t m = epoch - sc->horizon_epoch_min;
    if (m < -(int64_t)4 * CS_MAX_MINUTES || m > (int64_t)4 * CS_MAX_MINUTES)
        return false;
    *at = (int32_t)m;
    return true;
}

static const char *pid(const cosched_scenario *sc, int product)
{
    return product >= 0 ? sc->products[product].id : "(none)";
}

/* ---- plan.csv -------------------------------------------------------------------------- */

enum { KIND_BAD = -1 };

typedef struct {
    long src;         /* physical line in plan.csv */
    int line;         /* -1: unknown */
    long seq;         /* -1: unreadable */
    int kind;         /* cs_block_kind or KIND_BAD */
    int order;        /* -1: none or unknown */
    int product;      /* -1: empty or unknown */
    int from_product; /* -1: empty or unknown */
    double quantity;
    bool timed;       /* start and end parsed */
    int32_t start_at;
    int32_t end_at;
    long minutes;     /* -1: unreadable */
    double cost;
    bool continues;   /* production that resumes the line's previous production block's
                       * order after cleanings only (a run divided by sanitation) */
} row;

static const char *const plan_cols[] = { "line_id", "seq", "kind", "order_id", "product_id",
                                          "from_product_id", "quantity", "start", "end",
                                          "minutes", "cost" };
enum { N_PLAN_COLS = (int)(sizeof plan_cols / sizeof plan_cols[0]) };

static const char *const sched_cols[] = { "order_id", "line_id", "start", "end", "due",
                                           "tardiness_minutes" };
enum { N_SCHED_COLS = (int)(sizeof sched_cols / sizeof sched_cols[0]) };

/* Column indices of @p names, or false (with a violation) when one is missing. */
static bool find_columns(checker *c, const cs_csvtab *t, const char *file,
                         const char *const *names, int n, int *col)
{
    bool ok = true;
    for (int i = 0; i < n; i++) {
        col[i] = cs_csvtab_col(t, names[i]);
        if (col[i] < 0) {
            violation(c, file, 1, "required column '%s' is missing", names[i]);
            ok = false;
        }
    }
    return ok;
}

static int parse_kind(const char *s)
{
    if (strcmp(s, "production") == 0)
        return CS_BLOCK_PRODUCTION;
    if (strcmp(s, "changeover") == 0)
        return CS_BLOCK_CHANGEOVER;
    if (strcmp(s, "cleaning") == 0)
        return CS_BLOCK_CLEANING;
    return KIND_BAD;
}

/* Reads one row and checks what can be checked from the row alone. */
static void read_row(checker *c, const cs_csvtab *t, int r, const int *col, const char *file,
                     row *w)
{
    const cosched_scenario *sc = c->sc;
    const char *f[N_PLAN_COLS];
    for (int i = 0; i < N_PLAN_COLS; i++)
        f[i] = cs_csvtab_get(t, r, col[i]);
    memset(w, 0, sizeof *w);
    w->src = cs_csvtab_line(t, r);
    w->order = w->product = w->from_product = -1;
    w->minutes = -1;
    long ln = w->src;

    w->line = cs_scenario_find_line(sc, f[0]);
    if (w->line < 0)
        violation(c, file, ln, "line '%s' is not in lines.csv", f[0]);
    if (!cs_parse_long(f[1], 1, 100000000L, &w->seq)) {
        violation(c, file, ln, "seq '%s' is not a whole number >= 1", f[1]);
        w->seq = -1;
    }
    w->kind = parse_kind(f[2]);
    if (w->kind == KIND_BAD)
        violation(c, file, ln, "kind '%s' is not production, changeover or cleaning", f[2]);
    if (f[4][0] != '\0') {
        w->product = cs_scenario_find_product(sc, f[4]);
        if (w->product < 0)
            violation(c, file, ln, "product '%s' is not in the scenario", f[4]);
    }
    if (f[5][0] != '\0') {
        w->from_product = cs_scenario_find_product(sc, f[5]);
        if (w->from_product < 0)
            violation(c, file, ln, "from_product '%s' is not in the scenario", f[5]);
    }
    if (!cs_parse_double(f[6], &w->quantity)) {
        violation(c, file, ln, "quantity '%s' is not a number", f[6]);
        w->quantity = 0.0;
    }
    bool s_ok = parse_at(sc, f[7], &w->start_at);
    bool e_ok = parse_at(sc, f[8], &w->end_at);
    if (!s_ok)
        violation(c, file, ln, "start '%s' is not a datetime YYYY-MM-DDTHH:MM", f[7]);
    if (!e_ok)
        violation(c, file, ln, "end '%s' is not a datetime YYYY-MM-DDTHH:MM", f[8]);
    w->timed = s_ok && e_ok;
    if (!cs_parse_long(f[9], 0, CS_MAX_MINUTES, &w->minutes)) {
        violation(c, file, ln, "minutes '%s' is not a whole number >= 0", f[9]);
        w->minutes = -1;
    }
    if (!cs_parse_double(f[10], &w->cost)) {
        violation(c, file, ln, "cost '%s' is not a number", f[10]);
        w->cost = 0.0;
    }

    if (w->timed) {
        if (w->start_at < 0)
            violation(c, file, ln, "starts %s, before horizon_start", f[7]);
        else if (w->start_at < sc->set.now_at)
            violation(c, file, ln, "starts %s, before now", f[7]);
        else if (w->line >= 0 && w->start_at < sc->lines[w->line].available_at)
            violation(c, file, ln, "starts %s, before line '%s' is available", f[7], f[0]);
        if (w->end_at < w->start_at) {
            violation(c, file, ln, "ends (%s) before it starts (%s)", f[8], f[7]);
            w->timed = false;
        } else if (w->line >= 0 && w->minutes >= 0) {
            int32_t work =
                cs_calendar_working_between(&sc->lines[w->line], w->start_at, w->end_at);
            if (work != w->minutes)
                violation(c, file, ln,
                          "minutes is %ld but the line works %d minutes from %s to %s",
                          w->minutes, (int)work, f[7], f[8]);
        }
    }

    if (w->kind == CS_BLOCK_PRODUCTION) {
        if (f[3][0] == '\0') {
            violation(c, file, ln, "production block without order_id");
        } else {
            w->order = cs_scenario_find_order(sc, f[3]);
            if (w->order < 0 && sc->done_index != NULL &&
                cs_strmap_get(sc->done_index, f[3]) >= 0)
                violation(c, file, ln, "order '%s' is done; it must not be planned again",
                          f[3]);
            else if (w->order < 0)
                violation(c, file, ln, "order '%s' is not in orders.csv", f[3]);
        }
        if (f[5][0] != '\0')
            violation(c, file, ln, "production block has from_product_id '%s'", f[5]);
        if (w->cost != 0.0)
            violation(c, file, ln, "production block has cost %s (expected 0)", f[10]);
        if (!(w->quantity > 0.0))
            violation(c, file, ln, "production quantity '%s' is not > 0", f[6]);
        if (w->order >= 0) {
            const cs_order *o = &sc->orders[w->order];
            if (w->product != o->product)
                violation(c, file, ln, "order '%s' is product '%s', not '%s'", o->id,
                          pid(sc, o->product), f[4]);
            if (w->timed && o->has_pinned_start && w->start_at < o->pinned_start_at)
                violation(c, file, ln, "order '%s' starts %s, before its pinned_start", o->id,
                          f[7]);
            else if (w->timed && w->start_at < o->release_at)
                violation(c, file, ln, "order '%s' starts %s, before its release", o->id,
                          f[7]);
            if (w->line >= 0 && o->has_pinned_line && w->line != o->pinned_line)
                violation(c, file, ln, "order '%s' is pinned to line '%s', not '%s'", o->id,
                          sc->lines[o->pinned_line].id, f[0]);
            if (w->line >= 0 && w->quantity > 0.0) {
                int32_t run = cs_scenario_run_minutes_for(sc, o->product, w->line,
                                                          w->quantity);
                if (run < 0)
                    violation(c, file, ln, "line '%s' cannot make product '%s'", f[0],
                              pid(sc, o->product));
                else if (w->minutes >= 0 && w->minutes != run)
                    violation(c, file, ln,
                              "minutes is %ld but %s units of '%s' take %d minutes on '%s'",
                              w->minutes, f[6], pid(sc, o->product), (int)run, f[0]);
            }
        }
    } else if (w->kind != KIND_BAD) {
        if (f[3][0] != '\0')
            violation(c, file, ln, "%s block has order_id '%s'", f[2], f[3]);
        if (w->quantity != 0.0)
            violation(c, file, ln, "%s block has quantity %s (expected 0)", f[2], f[6]);
        if (f[4][0] == '\0' || f[5][0] == '\0')
            violation(c, file, ln, "%s block needs product_id and from_product_id", f[2]);
    }
    if (w->kind == CS_BLOCK_CLEANING && w->line >= 0) {
        const cs_line *l = &sc->lines[w->line];
        if (l->max_run_minutes <= 0)
            violation(c, file, ln, "line '%s' has no sanitation interval, so no cleaning",
                      l->id);
        if (w->minutes >= 0 && w->minutes != l->cleaning_minutes)
            violation(c, file, ln, "cleaning takes %ld minutes, line '%s' needs %d",
                      w->minutes, l->id, (int)l->cleaning_minutes);
        if (!close_enough(w->cost, l->cleaning_cost))
            violation(c, file, ln, "cleaning cost is %s, line '%s' charges %.15g", f[10],
                      l->id, l->cleaning_cost);
        if (w->product != w->from_product)
            violation(c, file, ln, "cleaning block's product_id and from_product_id differ");
    }
}

static double max_batch_of(const cosched_scenario *sc, int product, int line)
{
    return sc->max_batch != NULL ? sc->max_batch[(size_t)product * sc->n_lines + line] : 0.0;
}

/* True when max_batch forces order @p o into several blocks on @p line. */
static bool batch_limited(const cosched_scenario *sc, int o, int line)
{
    double mb = max_batch_of(sc, sc->orders[o].product, line);
    return mb > 0.0 && sc->orders[o].quantity > mb * (1 + 1e-9);
}

/* Replays the blocks of one line in seq order: overlaps, changeover placement, sanitation
 * interval. @p idx lists the line's rows in file order. */
/* An order in progress at now goes on first on its line, at the line's first working minute
 * from now, with no changeover or cleaning before it (the line is set up for it). Its
 * quantity, the rest of what it must make, is checked with every order's. */
static void check_in_progress(checker *c, const char *file, int l, const row *rows,
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
        violation(c, file, n > 0 ? rows[idx[0]].src : 0,
                  "order '%s' is in progress on line '%s', so it must be the line's first block",
                  id, ln->id);
        return;
    }
    const row *w = &rows[idx[0]];
    int32_t at = cs_calendar_next_working(ln, ln->available_at);
    if (w->timed && w->start_at != at) {
        char want[32];
        cs_datetime_format(sc->horizon_epoch_min + at, want, sizeof want);
        violation(c, file, w->src, "order '%s' is in progress on line '%s', so it goes on at %s",
                  id, ln->id, want);
    }
}

static void check_line(checker *c, const char *file, int l, row *rows, const int *idx,
                       int n)
{
    const cosched_scenario *sc = c->sc;
    const cs_line *ln = &sc->lines[l];
    int cur = ln->initial_product;
    const row *pending = NULL; /* changeover not yet followed by production */
    const row *prev_timed = NULL;
    int64_t run_since_clean = 0;
    const row *prev_prod = NULL;  /* the line's last production block */
    int cleanings_since_prod = 0; /* cleanings since it, when nothing else stood between */
    int64_t stretch_at_clean = 0; /* production count when the last cleaning began */
    bool over_reported = false;   /* the current stretch was already reported too long */

    for (int k = 0; k < n; k++) {
        row *w = &rows[idx[k]];
        if (w->seq != k + 1)
            violation(c, file, w->src, "seq is %ld, expected %d (seq counts 1, 2, ... per line)",
                      w->seq, k + 1);
        if (w->timed) {
            if (prev_timed != NULL && w->start_at < prev_timed->end_at)
                violation(c, file, w->src,
                          "overlaps the block on line %ld (starts before it ends)",
                          prev_timed->src);
            prev_timed = w;
        }
        switch (w->kind) {
        case CS_BLOCK_CHANGEOVER: {
            if (pending != NULL)
                violation(c, file, w->src,
                          "second changeover in a row on line '%s' (line %ld has one)", ln->id,
                          pending->src);
            if (w->from_product != cur)
                violation(c, file, w->src,
                          "changeover from '%s', but line '%s' is set up for '%s'",
                          pid(sc, w->from_product), ln->id, pid(sc, cur));
            if (w->from_product >= 0 && w->product >= 0) {
                if (w->from_product == w->product) {
                    violation(c, file, w->src, "changeover from '%s' to itself is not needed",
                              pid(sc, w->product));
                } else {
                    int32_t need = cs_co_minutes(sc, l, w->from_product, w->product);
                    double cost = cs_co_cost(sc, l, w->from_product, w->product);
                    if (need < 0)
                        violation(c, file, w->src, "no changeover rule from '%s' to '%s' on '%s'",
                                  pid(sc, w->from_product), pid(sc, w->product), ln->id);
                    else if (w->minutes >= 0 && w->minutes < need)
                        violation(c, file, w->src,
                                  "changeover '%s' -> '%s' lasts %ld minutes, the rule needs %d",
                                  pid(sc, w->from_product), pid(sc, w->product), w->minutes,
                                  (int)need);
                    if (need >= 0 && !close_enough(w->cost, cost))
                        violation(c, file, w->src,
                                  "changeover '%s' -> '%s' costs %.15g, the rule says %.15g",
                                  pid(sc, w->from_product), pid(sc, w->product), w->cost, cost);
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
                violation(c, file, w->src, "cleaning between a changeover and its production");
            if (w->product != cur)
                violation(c, file, w->src, "cleaning of '%s', but line '%s' is set up for '%s'",
                          pid(sc, w->product), ln->id, pid(sc, cur));
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
                    violation(c, file, pending->src,
                              "changeover to '%s', but the next production is '%s'",
                              pid(sc, pending->product), pid(sc, pr));
            } else if (cur >= 0 && pr >= 0 && cur != pr) {
                violation(c, file, w->src,
                          "missing changeover on line '%s' from '%s' to '%s' before this block",
                          ln->id, pid(sc, cur), pid(sc, pr));
            }
            pending = NULL;
            if (pr >= 0)
                cur = pr;
            if (w->minutes > 0)
                run_since_clean += w->minutes;
            if (ln->max_run_minutes > 0 && run_since_clean > ln->max_run_minutes &&
                !over_reported) {
                violation(c, file, w->src,
                          "line '%s' runs %lld minutes of production without a cleaning or "
                          "changeover (max_run_minutes %d)",
                          ln->id, (long long)run_since_clean, (int)ln->max_run_minutes);
                over_reported = true;
            }
            w->continues = prev_prod != NULL && cleanings_since_prod > 0 && w->order >= 0 &&
                           prev_prod->order == w->order;
            /* A run of an order that may not be split is divided by sanitation only where
             * the limit falls inside it. */
            if (w->continues && !sc->orders[w->order].split && !batch_limited(sc, w->order, l) &&
                ln->max_run_minutes > 0 && w->minutes >= 0 &&
                stretch_at_clean + w->minutes <= ln->max_run_minutes)
                violation(c, file, w->src,
                          "order '%s' is divided by a cleaning although the line's limit (%d "
                          "minutes) is not reached: %lld + %ld minutes fit",
                          sc->orders[w->order].id, (int)ln->max_run_minutes,
                          (long long)stretch_at_clean, w->minutes);
            prev_prod = w;
            cleanings_since_prod = 0;
            break;
        }
        default:
            break;
        }
    }
    if (pending != NULL)
        violation(c, file, pending->src, "changeover is not followed by production");
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
static cosched_status check_crews(checker *c, const char *file, const row *rows, int n)
{
    int crews = c->sc->set.cleaning_crews;
    if (crews <= 0)
        return COSCHED_OK;
    crew_event *ev = cs_calloc((size_t)(2 * n > 0 ? 2 * n : 1), sizeof *ev);
    if (ev == NULL)
        return COSCHED_ENOMEM;
    int ne = 0;
    for (int r = 0; r < n; r++) {
        const row *w = &rows[r];
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
            const row *w = &rows[ev[i].r];
            long other = 0;
            for (int j = 0; j < n; j++) {
                const row *u = &rows[j];
                if (j != ev[i].r && u->timed && u->start_at <= w->start_at &&
                    u->end_at > w->start_at &&
                    (u->kind == CS_BLOCK_CHANGEOVER || u->kind == CS_BLOCK_CLEANING) &&
                    u->end_at > u->start_at)
                    other = u->src;
            }
            violation(c, file, w->src,
                      "%d changeover/cleaning blocks are in progress at once (e.g. with line "
                      "%ld), but cleaning_crews is %d",
                      busy, other, crews);
        }
    }
    free(ev);
    return COSCHED_OK;
}

/* ---- figures recomputed from the blocks ------------------------------------------------ */

typedef struct {
    int n_blocks;
    double qty;
    int32_t start_at;
    int32_t end_at;
    long first_src;
    bool timed;      /* every block timed */
    int32_t tardiness;
} order_fig;

typedef struct {
    cosched_kpis k;
    double *prod_minutes; /* [n_lines] */
    order_fig *of;        /* [n_orders] */
    int *by_order;        /* production rows grouped by order: rows of o are */
    int *by_order_first;  /* by_order[by_order_first[o] .. by_order_first[o + 1]) */
} figures;

static cosched_status compute_figures(const cosched_scenario *sc, const row *rows, int n,
                                      figures *fg)
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
        const row *w = &rows[i];
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
            order_fig *f = &fg->of[w->order];
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
        const row *w = &rows[i];
        if (w->kind == CS_BLOCK_PRODUCTION && w->order >= 0)
            fg->by_order[fg->by_order_first[w->order] + fill[w->order]++] = i;
    }
    free(fill);
    for (int o = 0; o < no; o++) {
        order_fig *f = &fg->of[o];
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

static void free_figures(figures *fg)
{
    free(fg->prod_minutes);
    free(fg->of);
    free(fg->by_order);
    free(fg->by_order_first);
}

/* Every order produced, in full, on lines allowed to divide it. */
static void check_orders(checker *c, const char *file, const row *rows, const figures *fg)
{
    const cosched_scenario *sc = c->sc;
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *ord = &sc->orders[o];
        const order_fig *f = &fg->of[o];
        if (f->n_blocks == 0) {
            /* No row to point at: the header line stands for the file as a whole. */
            violation(c, file, 1, "order '%s' (orders.csv:%ld) is not produced", ord->id,
                      ord->src_line);
            continue;
        }
        if (!close_enough(f->qty, ord->quantity))
            violation(c, file, f->first_src,
                      "order '%s' is produced %.15g units in all, it asks for %.15g", ord->id,
                      f->qty, ord->quantity);
        if (ord->split || f->n_blocks == 1)
            continue;
        /* Without split, only max_batch (blocks anywhere on the line) or a sanitation
         * interval (the run resumed right after a cleaning) may divide an order, and only
         * on one line. */
        const int *ix = &fg->by_order[fg->by_order_first[o]];
        int line0 = rows[ix[0]].line;
        for (int j = 1; j < f->n_blocks; j++) {
            const row *w = &rows[ix[j]];
            bool may_divide = w->line >= 0 && (batch_limited(sc, o, w->line) || w->continues);
            if (w->line != line0)
                violation(c, file, w->src,
                          "order '%s' is not splittable but is also produced on line %ld",
                          ord->id, rows[ix[0]].src);
            else if (!may_divide)
                violation(c, file, w->src,
                          "order '%s' is produced twice (also on line %ld), but it is not "
                          "splittable, within max_batch, and not resumed after a cleaning",
                          ord->id, rows[ix[0]].src);
        }
    }
    for (int i = 0; i < fg->by_order_first[sc->n_orders]; i++) {
        const row *w = &rows[fg->by_order[i]];
        const cs_order *ord = &sc->orders[w->order];
        if (w->line < 0)
            continue;
        double mb = max_batch_of(sc, ord->product, w->line);
        if (mb > 0 && w->quantity > mb * (1 + 1e-9))
            violation(c, file, w->src, "block of %.15g units exceeds max_batch %.15g",
                      w->quantity, mb);
        if (ord->split && w->quantity < ord->min_split * (1 - 1e-9) &&
            !close_enough(w->quantity, ord->quantity))
            violation(c, file, w->src, "block of %.15g units is below min_split %.15g",
                      w->quantity, ord->min_split);
    }
}

/* ---- order_schedule.csv ---------------------------------------------------------------- */

/* True when the '|'-separated line ids in @p s name exactly the lines of order @p o. */
static bool same_lines(const cosched_scenario *sc, const row *rows, const figures *fg, int o,
                       const char *s)
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

static cosched_status check_schedule(checker *c, const cs_csvtab *t, const char *file,
                                     const row *rows, const figures *fg)
{
    const cosched_scenario *sc = c->sc;
    int col[N_SCHED_COLS];
    if (!find_columns(c, t, file, sched_cols, N_SCHED_COLS, col))
        return COSCHED_OK;
    /* status and reason: written by every plan, verified when present (plans of older
     * versions and published solutions lack them) */
    int status_col = cs_csvtab_col(t, "status");
    int reason_col = cs_csvtab_col(t, "reason");
    long *seen = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *seen);
    if (seen == NULL)
        return COSCHED_ENOMEM;
    for (int r = 0; r < cs_csvtab_n_rows(t); r++) {
        long ln = cs_csvtab_line(t, r);
        const char *f[N_SCHED_COLS];
        for (int i = 0; i < N_SCHED_COLS; i++)
            f[i] = cs_csvtab_get(t, r, col[i]);
        int o = cs_scenario_find_order(sc, f[0]);
        if (o < 0) {
            violation(c, file, ln, "order '%s' is not in orders.csv", f[0]);
            continue;
        }
        if (seen[o] != 0) {
            violation(c, file, ln, "order '%s' is listed twice (also on line %ld)", f[0],
                      seen[o]);
            continue;
        }
        seen[o] = ln;
        const cs_order *ord = &sc->orders[o];
        int32_t due;
        if (!parse_at(sc, f[4], &due))
            violation(c, file, ln, "due '%s' is not a datetime YYYY-MM-DDTHH:MM", f[4]);
        else if (due != ord->due_at)
            violation(c, file, ln, "due %s differs from orders.csv:%ld", f[4], ord->src_line);
        if (status_col >= 0) {
            const char *want = ord->status == CS_ORDER_IN_PROGRESS ? "in_progress" : "open";
            const char *got = cs_csvtab_get(t, r, status_col);
            if (strcmp(got, want) != 0)
                violation(c, file, ln, "status '%s' of '%s', expected '%s'", got, ord->id,
                          want);
        }
        const order_fig *g = &fg->of[o];
        if (reason_col >= 0 && g->n_blocks > 0 && g->timed) {
            bool has_reason = cs_csvtab_get(t, r, reason_col)[0] != '\0';
            if (has_reason != (g->tardiness > 0))
                violation(c, file, ln, "reason of '%s' is %s but the order is %s", ord->id,
                          has_reason ? "given" : "empty", g->tardiness > 0 ? "late" : "on time");
        }
        if (g->n_blocks == 0 || !g->timed)
            continue; /* reported with plan.csv */
        if (!same_lines(sc, rows, fg, o, f[1]))
            violation(c, file, ln, "line_id '%s' does not match the lines producing '%s'",
                      f[1], ord->id);
        int32_t at;
        if (!parse_at(sc, f[2], &at))
            violation(c, file, ln, "start '%s' is not a datetime YYYY-MM-DDTHH:MM", f[2]);
        else if (at != g->start_at)
            violation(c, file, ln, "start %s is not the start of the order's first block",
                      f[2]);
        if (!parse_at(sc, f[3], &at))
            violation(c, file, ln, "end '%s' is not a datetime YYYY-MM-DDTHH:MM", f[3]);
        else if (at != g->end_at)
            violation(c, file, ln, "end %s is not the end of the order's last block", f[3]);
        long tard;
        if (!cs_parse_long(f[5], 0, 4L * CS_MAX_MINUTES, &tard))
            violation(c, file, ln, "tardiness_minutes '%s' is not a whole number >= 0", f[5]);
        else if (tard != g->tardiness)
            violation(c, file, ln, "tardiness_minutes is %ld, expected max(0, end - due) = %d",
                      tard, (int)g->tardiness);
    }
    for (int o = 0; o < sc->n_orders; o++) {
        if (seen[o] == 0)
            violation(c, file, 1, "order '%s' has no row", sc->orders[o].id);
    }
    free(seen);
    return COSCHED_OK;
}

/* ---- summary.json ---------------------------------------------------------------------- */

/* Line of the first occurrence of "key" at or after @p from in the JSON text (1 when not
 * found): jansson keeps no positions of values, the text does. */
static long key_line(const char *text, const char *key, const char **from)
{
    if (text == NULL)
        return 1;
    char pat[160];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *start = (from != NULL && *from != NULL) ? *from : text;
    const char *hit = strstr(start, pat);
    if (hit == NULL)
        return 1;
    if (from != NULL)
        *from = hit;
    long line = 1;
    for (const char *p = text; p < hit; p++)
        line += *p == '\n';
    return line;
}

typedef struct {
    checker *c;
    const char *file;
    const char *text;
    json_t *obj;
} json_ctx;

/* The number under @p key; false (with a violation) when missing or not a number. */
static bool json_num(json_ctx *j, json_t *obj, const char *key, const char *where,
                     double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v)) {
        violation(j->c, j->file, key_line(j->text, where ? where : key, NULL),
                  "\"%s\" is missing or not a number", key);
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static void expect_num(json_ctx *j, json_t *obj, const char *key, double want)
{
    double got;
    if (json_num(j, obj, key, NULL, &got) && !close_enough(got, want))
        violation(j->c, j->file, key_line(j->text, key, NULL),
                  "\"%s\" is %.15g, the plan gives %.15g", key, got, want);
}

static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    size_t cap = 4096;
    size_t len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        if (len + 1 >= cap) {
            char *b = realloc(buf, cap * 2);
            if (b == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, fp);
        len += n;
        if (n == 0)
            break;
    }
    fclose(fp);
    if (buf != NULL)
        buf[len] = '\0';
    return buf;
}

/* Orders moved off their previous line, from the summary's "replan" object; frozen orders
 * must all stand on their previous line. */
static int replan_moved(json_ctx *j, json_t *rp, const row *rows, const figures *fg)
{
    checker *c = j->c;
    const cosched_scenario *sc = c->sc;
    json_t *prev = json_object_get(rp, "previous_lines");
    if (!json_is_object(prev)) {
        violation(c, j->file, key_line(j->text, "replan", NULL),
                  "\"replan\" has no \"previous_lines\" object");
        return 0;
    }
    int moved = 0;
    const char *key;
    json_t *v;
    json_object_foreach(prev, key, v) {
        int o = cs_scenario_find_order(sc, key);
        const char *lid = json_string_value(v);
        int pl = lid != NULL ? cs_scenario_find_line(sc, lid) : -1;
        if (o < 0 || pl < 0) {
            violation(c, j->file, key_line(j->text, key, NULL),
                      "previous line of '%s': unknown order or line", key);
            continue;
        }
        for (int i = fg->by_order_first[o]; i < fg->by_order_first[o + 1]; i++) {
            if (rows[fg->by_order[i]].line != pl) {
                moved++;
                break;
            }
        }
    }
    json_t *frozen = json_object_get(rp, "frozen");
    size_t k;
    json_array_foreach(frozen, k, v) {
        const char *id = json_string_value(v);
        int o = id != NULL ? cs_scenario_find_order(sc, id) : -1;
        const char *lid = id != NULL ? json_string_value(json_object_get(prev, id)) : NULL;
        int pl = lid != NULL ? cs_scenario_find_line(sc, lid) : -1;
        if (o < 0 || pl < 0) {
            violation(c, j->file, key_line(j->text, "frozen", NULL),
                      "frozen order '%s' has no previous line", id != NULL ? id : "?");
            continue;
        }
        for (int i = fg->by_order_first[o]; i < fg->by_order_first[o + 1]; i++) {
            const row *w = &rows[fg->by_order[i]];
            if (w->line != pl) {
                violation(c, j->file, key_line(j->text, "frozen", NULL),
                          "frozen order '%s' moved from line '%s' to '%s' (plan.csv line %ld)",
                          id, lid, w->line >= 0 ? sc->lines[w->line].id : "?", w->src);
                break;
            }
        }
    }
    return moved;
}

/* objective_terms, when present: every term's value and weight as the plan and the
 * settings give them, and contributions that add up to the objective. */
static void check_terms(json_ctx *j, json_t *root, const cs_settings *set,
                        const cosched_kpis *k, int moved)
{
    json_t *terms = json_object_get(root, "objective_terms");
    if (terms == NULL)
        return;
    if (!json_is_object(terms)) {
        violation(j->c, j->file, key_line(j->text, "objective_terms", NULL),
                  "\"objective_terms\" is not an object");
        return;
    }
    cosched_kpis km = *k;
    km.orders_moved = moved;
    for (int t = 0; t < CS_N_TERMS; t++) {
        json_t *e = json_object_get(terms, cs_term_names[t]);
        if (!json_is_object(e)) {
            violation(j->c, j->file, key_line(j->text, "objective_terms", NULL),
                      "objective_terms.%s is missing", cs_term_names[t]);
            continue;
        }
        expect_num(j, e, "value", cs_term_value(&km, (cs_term)t));
        expect_num(j, e, "weight", cs_term_weight(set, (cs_term)t));
        expect_num(j, e, "contribution", cs_term_contribution(set, &km, (cs_term)t));
    }
    /* With priorities, each level's value is its term's. */
    json_t *levels = json_object_get(root, "levels");
    if (set->n_levels > 0 && (!json_is_array(levels) ||
                              json_array_size(levels) != (size_t)set->n_levels)) {
        violation(j->c, j->file, 1, "\"levels\" must list the %d priority levels",
                  set->n_levels);
        return;
    }
    for (int l = 0; l < set->n_levels; l++) {
        json_t *e = json_array_get(levels, (size_t)l);
        const char *term = json_string_value(json_object_get(e, "term"));
        int t = set->level_term[l];
        if (term == NULL || strcmp(term, cs_level_term_name(t)) != 0)
            violation(j->c, j->file, key_line(j->text, "levels", NULL),
                      "level %d must be '%s'", l + 1, cs_level_term_name(t));
        else
            expect_num(j, e, "value", cs_term_value(&km, (cs_term)t));
    }
}

/* The parts of summary.json that are not single numbers: "late" names exactly the late
 * orders, "gap" follows from objective and bound, "warnings" is a list of sentences, and
 * "utilization" names no line the scenario lacks. */
static void check_summary_lists(json_ctx *j, json_t *root, const figures *fg, bool with_plan,
                                double objective)
{
    checker *c = j->c;
    const cosched_scenario *sc = c->sc;
    /* Optional (plans converted from elsewhere lack it), but right when present. */
    json_t *late = json_object_get(root, "late");
    if (late != NULL && !json_is_array(late)) {
        violation(c, j->file, key_line(j->text, "late", NULL), "\"late\" is not a list");
    } else if (late != NULL && with_plan) {
        char *named = cs_calloc((size_t)sc->n_orders + 1, 1);
        for (size_t i = 0; named != NULL && i < json_array_size(late); i++) {
            const char *id = json_string_value(json_array_get(late, i));
            int o = id != NULL ? cs_scenario_find_order(sc, id) : -1;
            if (o < 0 || fg->of[o].tardiness <= 0 || named[o])
                violation(c, j->file, key_line(j->text, "late", NULL),
                          "\"late\" lists '%s', which is %s", id != NULL ? id : "(not a string)",
                          o < 0 ? "no order of the scenario"
                                : named[o] ? "listed twice" : "not late in plan.csv");
            else
                named[o] = 1;
        }
        for (int o = 0; named != NULL && o < sc->n_orders; o++)
            if (fg->of[o].tardiness > 0 && !named[o])
                violation(c, j->file, key_line(j->text, "late", NULL),
                          "\"late\" does not list '%s', which is %ld minutes late",
                          sc->orders[o].id, (long)fg->of[o].tardiness);
        free(named);
    }
    json_t *jg = json_object_get(root, "gap");
    json_t *jb = json_object_get(root, "bound");
    if (with_plan && json_is_number(jg)) {
        if (!json_is_number(jb)) {
            violation(c, j->file, key_line(j->text, "gap", NULL),
                      "\"gap\" is a number but \"bound\" is null");
        } else {
            double g = (objective - json_number_value(jb)) / fmax(fabs(objective), 1e-9);
            g = g > 0.0 ? g : 0.0;
            if (!close_enough(json_number_value(jg), g))
                violation(c, j->file, key_line(j->text, "gap", NULL),
                          "\"gap\" is %.15g, objective and bound give %.15g",
                          json_number_value(jg), g);
        }
    } else if (with_plan && json_is_null(jg) && json_is_number(jb)) {
        violation(c, j->file, key_line(j->text, "gap", NULL),
                  "\"gap\" is null but \"bound\" is a number");
    }
    json_t *w = json_object_get(root, "warnings");
    if (w != NULL) {
        bool ok = json_is_array(w);
        for (size_t i = 0; ok && i < json_array_size(w); i++)
            ok = json_is_string(json_array_get(w, i));
        if (!ok)
            violation(c, j->file, key_line(j->text, "warnings", NULL),
                      "\"warnings\" is not a list of strings");
    }
    json_t *u = json_object_get(json_object_get(root, "kpis"), "utilization");
    const char *key;
    json_t *value;
    json_object_foreach(u, key, value) {
        (void)value;
        if (cs_scenario_find_line(sc, key) < 0) {
            const char *from = strstr(j->text, "\"utilization\"");
            violation(c, j->file, key_line(j->text, key, &from),
                      "utilization names line '%s', which the scenario does not have", key);
        }
    }
}

static void check_summary(checker *c, const char *path, const row *rows, const figures *fg,
                          bool has_blocks)
{
    const cosched_scenario *sc = c->sc;
    char *text = read_text(path);
    json_error_t err;
    json_t *root = text != NULL ? json_loads(text, 0, &err) : NULL;
    json_ctx j = { c, path, text, root };
    if (root == NULL || !json_is_object(root)) {
        if (text == NULL)
            violation(c, path, 0, "cannot be read");
        else if (root == NULL)
            violation(c, path, err.line > 0 ? err.line : 0, "not valid JSON: %s", err.text);
        else
            violation(c, path, 1, "is not a JSON object");
        json_decref(root);
        free(text);
        return;
    }

    const char *status = json_string_value(json_object_get(root, "status"));
    bool with_plan = true;
    if (status == NULL || (strcmp(status, "optimal") != 0 && strcmp(status, "feasible") != 0 &&
                           strcmp(status, "infeasible") != 0 &&
                           strcmp(status, "no_solution") != 0)) {
        violation(c, path, key_line(text, "status", NULL),
                  "\"status\" must be \"optimal\", \"feasible\", \"infeasible\" or "
                  "\"no_solution\"");
    } else if (strcmp(status, "infeasible") == 0 || strcmp(status, "no_solution") == 0) {
        with_plan = false;
        if (has_blocks)
            violation(c, path, key_line(text, "status", NULL),
                      "status \"%s\" but plan.csv has blocks", status);
    }

    const cs_settings *set = &sc->set;
    const cosched_kpis *k = &fg->k;
    double obj = set->weight_late_orders * (double)k->late_orders +
                 set->weight_tardiness * k->weighted_tardiness_minutes +
                 set->weight_changeover_minutes *
                     (double)(k->changeover_minutes + k->cleaning_minutes) +
                 set->weight_changeover_cost * (k->changeover_cost + k->cleaning_cost) +
                 set->weight_makespan * (double)k->makespan_minutes;
    json_t *rp = json_object_get(root, "replan");
    if (rp != NULL && !json_is_object(rp))
        violation(c, path, key_line(text, "replan", NULL), "\"replan\" is not an object");
    int moved = 0;
    if (with_plan && json_is_object(rp)) {
        moved = replan_moved(&j, rp, rows, fg);
        if (set->weight_stability > 0.0 && moved > 0)
            obj += set->weight_stability * (double)moved;
    }
    if (with_plan) {
        expect_num(&j, root, "objective", obj);
        check_terms(&j, root, set, k, moved);
        json_t *kp = json_object_get(root, "kpis");
        if (!json_is_object(kp)) {
            violation(c, path, key_line(text, "kpis", NULL), "\"kpis\" is missing");
        } else {
            expect_num(&j, kp, "weighted_tardiness_minutes", k->weighted_tardiness_minutes);
            expect_num(&j, kp, "late_orders", k->late_orders);
            expect_num(&j, kp, "changeovers", k->changeovers);
            expect_num(&j, kp, "changeover_minutes", (double)k->changeover_minutes);
            expect_num(&j, kp, "changeover_cost", k->changeover_cost);
            expect_num(&j, kp, "makespan_minutes", (double)k->makespan_minutes);
            if (json_is_object(rp) || json_object_get(kp, "orders_moved") != NULL)
                expect_num(&j, kp, "orders_moved", moved);
            if (json_object_get(kp, "done_orders") != NULL || sc->n_done > 0)
                expect_num(&j, kp, "done_orders", sc->n_done);
            /* Extension KPIs are optional, but must be right when present. */
            if (json_object_get(kp, "cleanings") != NULL || k->cleanings > 0)
                expect_num(&j, kp, "cleanings", k->cleanings);
            if (json_object_get(kp, "cleaning_minutes") != NULL || k->cleanings > 0)
                expect_num(&j, kp, "cleaning_minutes", (double)k->cleaning_minutes);
            if (json_object_get(kp, "cleaning_cost") != NULL)
                expect_num(&j, kp, "cleaning_cost", k->cleaning_cost);
            json_t *u = json_object_get(kp, "utilization");
            if (!json_is_object(u)) {
                violation(c, path, key_line(text, "utilization", NULL),
                          "\"utilization\" is missing or not an object");
            } else {
                for (int l = 0; l < sc->n_lines; l++) {
                    int32_t span = (int32_t)k->makespan_minutes;
                    int32_t avail = cs_calendar_working_between(&sc->lines[l], 0, span);
                    double want = avail > 0 ? fg->prod_minutes[l] / avail : 0.0;
                    const char *from = strstr(text, "\"utilization\"");
                    double got;
                    json_t *v = json_object_get(u, sc->lines[l].id);
                    long at = key_line(text, sc->lines[l].id, &from);
                    if (!json_is_number(v)) {
                        violation(c, path, at, "utilization of line '%s' is missing",
                                  sc->lines[l].id);
                        continue;
                    }
                    got = json_number_value(v);
                    if (!close_enough(got, want))
                        violation(c, path, at,
                                  "utilization of line '%s' is %.15g, the plan gives %.15g",
                                  sc->lines[l].id, got, want);
                }
            }
        }
    }

    json_t *jb = json_object_get(root, "bound");
    double objective = obj;
    json_t *jo = json_object_get(root, "objective");
    if (json_is_number(jo))
        objective = json_number_value(jo);
    bool has_bound = json_is_number(jb);
    if (jb != NULL && !json_is_null(jb) && !has_bound)
        violation(c, path, key_line(text, "bound", NULL), "\"bound\" must be a number or null");
    if (jb == NULL)
        violation(c, path, 1, "\"bound\" is missing (null when unknown)");
    if (with_plan && has_bound) {
        double bound = json_number_value(jb);
        if (bound > objective + REL_TOL * fmax(1.0, fabs(objective)))
            violation(c, path, key_line(text, "bound", NULL),
                      "bound %.15g exceeds the objective %.15g", bound, objective);
    }
    json_t *jg = json_object_get(root, "gap");
    if (jg == NULL)
        violation(c, path, 1, "\"gap\" is missing (null when unknown)");
    else if (!json_is_null(jg) && !json_is_number(jg))
        violation(c, path, key_line(text, "gap", NULL), "\"gap\" must be a number or null");
    json_t *js = json_object_get(root, "solve_seconds");
    if (!json_is_number(js))
        violation(c, path, key_line(text, "solve_seconds", NULL),
                  "\"solve_seconds\" is missing or not a number");

    if (with_plan && status != NULL && strcmp(status, "optimal") == 0) {
        /* The run's own mip_gap when it reports one (a command-line override), else the
         * scenario's. */
        double mip_gap = set->mip_gap;
        json_t *jm = json_object_get(root, "mip_gap");
        if (json_is_number(jm) && json_number_value(jm) >= 0)
            mip_gap = json_number_value(jm);
        if (!has_bound) {
            violation(c, path, key_line(text, "status", NULL),
                      "status \"optimal\" without a bound");
        } else {
            double bound = json_number_value(jb);
            double gap = (objective - bound) / fmax(fabs(objective), 1e-9);
            if (gap > mip_gap + REL_TOL)
                violation(c, path, key_line(text, "status", NULL),
                          "status \"optimal\" but the gap is %.6g (mip_gap %.6g)", gap, mip_gap);
        }
    }
    check_summary_lists(&j, root, fg, with_plan, objective);
    json_decref(root);
    free(text);
}

/* ---- driver ---------------------------------------------------------------------------- */

static cosched_status load_table(const char *dir, const char *name, cosched_diags *diags,
                                 char **path, cs_csvtab **t)
{
    *path = cs_path_join(dir, name);
    if (*path == NULL)
        return COSCHED_ENOMEM;
    cosched_status st = cs_csvtab_load(*path, *path, diags, t);
    if (st == COSCHED_ENOENT)
        cs_diag_addc(diags, "E_FILE_MISSING", COSCHED_SEV_ERROR, *path, 0, NULL, "file is missing");
    return st;
}

cosched_status cosched_plan_check(const cosched_scenario *sc, const char *plan_dir,
                                  cosched_diags *diags, int *n_violations)
{
    checker c = { sc, diags, 0 };
    cosched_status st = COSCHED_OK;
    char *plan_path = NULL;
    char *sched_path = NULL;
    char *sum_path = NULL;
    cs_csvtab *plan = NULL;
    cs_csvtab *sched = NULL;
    row *rows = NULL;
    int *idx = NULL;
    int *line_first = NULL;
    int *line_fill = NULL;
    figures fg;
    memset(&fg, 0, sizeof fg);

    CS_TRY_GOTO(st, load_table(plan_dir, "plan.csv", diags, &plan_path, &plan), cleanup);
    CS_TRY_GOTO(st, load_table(plan_dir, "order_schedule.csv", diags, &sched_path, &sched),
                cleanup);
    sum_path = cs_path_join(plan_dir, "summary.json");
    if (sum_path == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    struct stat sum_st;
    if (stat(sum_path, &sum_st) != 0) {
        cs_diag_addc(diags, "E_FILE_MISSING", COSCHED_SEV_ERROR, sum_path, 0, NULL,
                     "file is missing");
        st = COSCHED_ENOENT;
        goto cleanup;
    }
    if (!S_ISREG(sum_st.st_mode)) {
        /* A FIFO or a device would block the read, or never end it. */
        cs_diag_add(diags, COSCHED_SEV_ERROR, sum_path, 0, NULL,
                    "not a regular file (a directory, a FIFO or a device): refused");
        st = COSCHED_EIO;
        goto cleanup;
    }
    if (sum_st.st_size > 128L * 1024 * 1024) {
        cs_diag_add(diags, COSCHED_SEV_ERROR, sum_path, 0, NULL,
                    "the file has %lld bytes, more than the %ld an input file may have",
                    (long long)sum_st.st_size, 128L * 1024 * 1024);
        st = COSCHED_EINPUT;
        goto cleanup;
    }

    int col[N_PLAN_COLS];
    int n = 0;
    bool readable = find_columns(&c, plan, plan_path, plan_cols, N_PLAN_COLS, col);
    if (readable) {
        n = cs_csvtab_n_rows(plan);
        rows = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *rows);
        idx = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *idx);
        line_first = cs_calloc((size_t)sc->n_lines + 1, sizeof *line_first);
        line_fill = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *line_fill);
        if (rows == NULL || idx == NULL || line_first == NULL || line_fill == NULL) {
            st = COSCHED_ENOMEM;
            goto cleanup;
        }
        for (int r = 0; r < n; r++)
            read_row(&c, plan, r, col, plan_path, &rows[r]);

        /* Rows of one line must stand together; group them (stable) to replay each line. */
        int prev_line = -2;
        for (int r = 0; r < n; r++) {
            int l = rows[r].line;
            if (l >= 0) {
                if (l != prev_line && line_first[l + 1] > 0)
                    violation(&c, plan_path, rows[r].src,
                              "rows of line '%s' are not together (order rows by line, then "
                              "seq)",
                              sc->lines[l].id);
                line_first[l + 1]++;
            }
            prev_line = l;
        }
        for (int l = 0; l < sc->n_lines; l++)
            line_first[l + 1] += line_first[l];
        for (int r = 0; r < n; r++) {
            int l = rows[r].line;
            if (l >= 0)
                idx[line_first[l] + line_fill[l]++] = r;
        }
        for (int l = 0; l < sc->n_lines; l++) {
            check_line(&c, plan_path, l, rows, &idx[line_first[l]],
                       line_first[l + 1] - line_first[l]);
            check_in_progress(&c, plan_path, l, rows, &idx[line_first[l]],
                              line_first[l + 1] - line_first[l]);
        }
        CS_TRY_GOTO(st, check_crews(&c, plan_path, rows, n), cleanup);
    }
    CS_TRY_GOTO(st, compute_figures(sc, rows, n, &fg), cleanup);
    bool has_blocks = n > 0;
    {
        bool status_has_plan = true;
        /* An infeasible/no_solution summary with an empty plan is consistent: no order
         * checks then. The summary check reports the other mismatch. */
        char *text = read_text(sum_path);
        json_t *root = text != NULL ? json_loads(text, 0, NULL) : NULL;
        const char *s = json_string_value(json_object_get(root, "status"));
        if (s != NULL && (strcmp(s, "infeasible") == 0 || strcmp(s, "no_solution") == 0))
            status_has_plan = false;
        json_decref(root);
        free(text);
        if (status_has_plan && readable) {
            check_orders(&c, plan_path, rows, &fg);
            CS_TRY_GOTO(st, check_schedule(&c, sched, sched_path, rows, &fg), cleanup);
        }
    }
    check_summary(&c, sum_path, rows, &fg, has_blocks);

cleanup:
    free_figures(&fg);
    free(line_fill);
    free(line_first);
    free(idx);
    free(rows);
    cs_csvtab_free(sched);
    cs_csvtab_free(plan);
    free(sum_path);
    free(sched_path);
    free(plan_path);
    if (st == COSCHED_OK)
        *n_violations = c.n;
    return st;
}
