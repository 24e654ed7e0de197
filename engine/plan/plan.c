/* plan.c -- a plan's sequences and everything derived from them: timed blocks, order
 * completions, KPIs and the objective. The timing rule of plan.h lives in the shape helpers
 * (changeovers, batches, cleanings) and the timing helpers below, shared by cs_plan_build
 * and by cs_line_evaluate (the local search's hot path), so the search, the MIP start and
 * the written plan can never disagree. */
#include "plan/plan.h"

#include "base/base.h"
#include "model/timing.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the timing rule: step 1, the shape of a line's blocks --------------------------------- */

/* Receives each block of a line's shape in order (times not yet set). */
typedef cosched_status (*emit_fn)(void *ud, const cs_block *shape);

/* Where a line's shape stands: the product it is set up for and the production count. */
typedef struct {
    const cosched_scenario *sc;
    int line;
    const cs_line *ln;
    int product;   /* -1: clean */
    int64_t since; /* production minutes since available_at, changeover or cleaning */
    emit_fn emit;
    void *ud;
} shaper;

static void shaper_init(shaper *x, const cosched_scenario *sc, int line, emit_fn emit, void *ud)
{
    x->sc = sc;
    x->line = line;
    x->ln = &sc->lines[line];
    x->product = x->ln->initial_product;
    x->since = 0;
    x->emit = emit;
    x->ud = ud;
}

static bool is_whole(double q)
{
    return fabs(q - floor(q + 0.5)) < 1e-9;
}

int cs_plan_batches(const cosched_scenario *sc, int order, int line, double quantity,
                    double *largest)
{
    double big;
    int n = cs_scenario_batch_count(quantity, cs_scenario_batch_limit(sc, order, line, quantity), &big);
    if (largest != NULL)
        *largest = big;
    return n;
}

static cosched_status emit_production(shaper *x, int order, double q, int32_t minutes)
{
    cs_block b;
    memset(&b, 0, sizeof b);
    b.kind = CS_BLOCK_PRODUCTION;
    b.line = x->line;
    b.order = order;
    b.product = x->sc->orders[order].product;
    b.from_product = -1;
    b.quantity = q;
    b.minutes = minutes;
    x->since += minutes;
    return x->emit(x->ud, &b);
}

static cosched_status emit_cleaning(shaper *x)
{
    cs_block b;
    memset(&b, 0, sizeof b);
    b.kind = CS_BLOCK_CLEANING;
    b.line = x->line;
    b.order = -1;
    b.product = x->product;
    b.from_product = x->product;
    b.minutes = x->ln->cleaning_minutes;
    b.cost = x->ln->cleaning_cost;
    x->since = 0;
    return x->emit(x->ud, &b);
}

/* One batch of @p q units (run minutes @p run, -1: compute), divided by cleanings where the
 * sanitation interval needs it. @p min_part: the smallest part to cut (split orders). */
static cosched_status shape_batch(shaper *x, int order, double q, int32_t run, double min_part)
{
    const cs_line *ln = x->ln;
    int product = x->sc->orders[order].product;
    bool whole = is_whole(q);
    double rem = q;
    for (;;) {
        int32_t m = run >= 0 ? run : cs_scenario_run_minutes_for(x->sc, product, x->line, rem);
        run = -1;
        if (m < 0)
            return COSCHED_EINTERNAL;
        if (ln->max_run_minutes <= 0 || x->since + m <= ln->max_run_minutes)
            return emit_production(x, order, rem, m);
        int32_t allow = (int32_t)(ln->max_run_minutes - x->since);
        double part = cs_scenario_fit_units(x->sc, x->line, product, rem, allow, whole);
        if (part > 0.0 && min_part > 0.0) {
            if (rem - part < min_part)
                part = rem - min_part;
            if (part < min_part * (1.0 - 1e-9))
                part = 0.0;
        }
        if (part <= 0.0 && x->since == 0) {
            /* Not even a clean line holds a part of min_split units: cut what fits. */
            part = cs_scenario_fit_units(x->sc, x->line, product, rem, allow, whole);
            if (part <= 0.0)
                part = cs_scenario_fit_units(x->sc, x->line, product, rem, allow, false);
            if (part <= 0.0)
                return COSCHED_EINTERNAL;
        }
        if (part > 0.0) {
            int32_t pm = cs_scenario_run_minutes_for(x->sc, product, x->line, part);
            if (pm < 0)
                return COSCHED_EINTERNAL;
            CS_TRY(emit_production(x, order, part, pm));
            rem -= part;
        }
        CS_TRY(emit_cleaning(x));
    }
}

/* One job: the changeover it needs, then its batches. */
static cosched_status shape_job(shaper *x, int order, double quantity)
{
    const cosched_scenario *sc = x->sc;
    if (order < 0 || order >= sc->n_orders || !(quantity > 0.0))
        return COSCHED_EINTERNAL;
    const cs_order *o = &sc->orders[order];
    if (x->product >= 0 && x->product != o->product) {
        int32_t m = cs_co_minutes(sc, x->line, x->product, o->product);
        if (m < 0)
            return COSCHED_EINTERNAL;
        cs_block b;
        memset(&b, 0, sizeof b);
        b.kind = CS_BLOCK_CHANGEOVER;
        b.line = x->line;
        b.order = -1;
        b.product = o->product;
        b.from_product = x->product;
        b.minutes = m;
        b.cost = cs_co_cost(sc, x->line, x->product, o->product);
        x->since = 0;
        CS_TRY(x->emit(x->ud, &b));
    }
    x->product = o->product;
    double min_part = o->split ? o->min_split : 0.0;
    double largest;
    int n = cs_plan_batches(sc, order, x->line, quantity, &largest);
    if (n == 1) {
        /* The precomputed table covers a whole order; parts use the formula. */
        int32_t run = quantity == o->quantity ? cs_run_minutes(sc, order, x->line) : -1;
        if (run < 0 && quantity == o->quantity)
            return COSCHED_EINTERNAL;
        return shape_batch(x, order, quantity, run, min_part);
    }
    double rem = quantity;
    if (is_whole(quantity) && largest == floor(largest)) {
        double total = floor(quantity + 0.5);
        int n_big = (int)(total - (largest - 1.0) * n);
        for (int i = 0; i < n; i++) {
            double q = i < n_big ? largest : largest - 1.0;
            CS_TRY(shape_batch(x, order, q, -1, min_part));
        }
        return COSCHED_OK;
    }
    for (int i = 0; i < n; i++) {
        double q = i + 1 < n ? quantity / n : rem;
        rem -= q;
        CS_TRY(shape_batch(x, order, q, -1, min_part));
    }
    return COSCHED_OK;
}

/* ---- the timing rule: step 2, time ------------------------------------------------------ */

/* Where a line's timing stands: the end of its previous block. */
typedef struct {
    const cs_line *ln;
    int32_t t;
} line_clock;

/* Earliest start of @p b on a line whose previous block ends at @p t, crews ignored. */
static int32_t earliest_start(const cosched_scenario *sc, const cs_line *ln, int32_t t,
                              const cs_block *b)
{
    if (b->kind == CS_BLOCK_PRODUCTION)
        return cs_timing_production_start(ln, t, sc->orders[b->order].release_at);
    return cs_timing_setup_start(ln, t);
}

/* Crew-busy intervals [start, end) of the changeovers and cleanings placed so far. */
typedef struct {
    cs_window *iv;
    int n;
    size_t cap;
    int crews; /* > 0 */
} crew_book;

/* The earliest start >= @p s (a working minute of @p ln) for a crew block of @p minutes.
 * Between two ends of busy intervals, moving later only adds overlap, so the candidates
 * are @p s and the ends of intervals that block it. */
static int32_t crew_start(const crew_book *cb, const cs_line *ln, int32_t s, int32_t minutes)
{
    for (;;) {
        int32_t e = cs_timing_end(ln, s, minutes);
        int32_t next = INT32_MAX;
        bool blocked = false;
        for (int i = 0; i < cb->n; i++) {
            const cs_window *a = &cb->iv[i];
            if (a->start_at >= e || a->end_at <= s)
                continue;
            if (a->end_at < next)
                next = a->end_at;
            /* In progress at the later of the two starts: count the intervals there. */
            int32_t x = a->start_at > s ? a->start_at : s;
            int busy = 0;
            for (int j = 0; j < cb->n; j++)
                busy += cb->iv[j].start_at <= x && cb->iv[j].end_at > x;
            if (busy >= cb->crews)
                blocked = true;
        }
        if (!blocked)
            return s;
        s = cs_timing_setup_start(ln, next);
    }
}

static cosched_status crew_book_add(crew_book *cb, int32_t start, int32_t end)
{
    cs_window *iv = cs_grow(cb->iv, sizeof *iv, (size_t)cb->n + 1, &cb->cap, 32);
    if (iv == NULL)
        return COSCHED_ENOMEM;
    cb->iv = iv;
    cb->iv[cb->n].start_at = start;
    cb->iv[cb->n].end_at = end;
    cb->n++;
    return COSCHED_OK;
}

/* Time @p b on line clock @p c; @p cb: the crews (NULL: unlimited). */
static cosched_status time_block(const cosched_scenario *sc, line_clock *c, crew_book *cb,
                                 cs_block *b)
{
    int32_t s = earliest_start(sc, c->ln, c->t, b);
    bool crew = b->kind != CS_BLOCK_PRODUCTION && b->minutes > 0 && cb != NULL;
    if (crew)
        s = crew_start(cb, c->ln, s, b->minutes);
    b->start_at = s;
    b->end_at = cs_timing_end(c->ln, s, b->minutes);
    c->t = b->end_at;
    if (crew)
        return crew_book_add(cb, b->start_at, b->end_at);
    return COSCHED_OK;
}

/* ---- building blocks ------------------------------------------------------------------- */

static cs_block *push_block(cosched_plan *p, cs_block_kind kind, int line, int *seq)
{
    cs_block *grown = cs_grow(p->blocks, sizeof *grown, (size_t)p->n_blocks + 1,
                              &p->cap_blocks, 32);
    if (grown == NULL)
        return NULL;
    p->blocks = grown;
    cs_block *b = &p->blocks[p->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->line = line;
    b->seq = ++*seq;
    b->order = -1;
    b->from_product = -1;
    return b;
}

/* Step 1 for a plan: blocks of line @p line appended in order, times not yet set. */
typedef struct {
    cosched_plan *p;
    int seq;
} push_ctx;

static cosched_status push_shape(void *ud, const cs_block *shape)
{
    push_ctx *c = ud;
    cs_block *b = push_block(c->p, shape->kind, shape->line, &c->seq);
    if (b == NULL)
        return COSCHED_ENOMEM;
    int seq = b->seq;
    *b = *shape;
    b->seq = seq;
    return COSCHED_OK;
}

static cosched_status shape_line(const cosched_scenario *sc, cosched_plan *p, int l)
{
    push_ctx pc = { p, 0 };
    shaper x;
    shaper_init(&x, sc, l, push_shape, &pc);
    for (int k = 0; k < p->seq[l].n; k++)
        CS_TRY(shape_job(&x, p->seq[l].jobs[k].order, p->seq[l].jobs[k].quantity));
    return COSCHED_OK;
}

/* Step 2 for a plan. Blocks of line l are blocks[first[l] .. first[l + 1]). */
static cosched_status time_lines(const cosched_scenario *sc, cosched_plan *p, const int *first)
{
    int nl = sc->n_lines;
    cosched_status st = COSCHED_OK;
    line_clock *clk = cs_calloc((size_t)(nl > 0 ? nl : 1), sizeof *clk);
    int *next = cs_calloc((size_t)(nl > 0 ? nl : 1), sizeof *next);
    crew_book cb = { NULL, 0, 0, sc->set.cleaning_crews };
    if (clk == NULL || next == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    for (int l = 0; l < nl; l++) {
        clk[l].ln = &sc->lines[l];
        clk[l].t = sc->lines[l].available_at;
        next[l] = first[l];
    }
    if (cb.crews <= 0) {
        for (int l = 0; l < nl; l++)
            for (int i = first[l]; i < first[l + 1]; i++)
                CS_TRY_GOTO(st, time_block(sc, &clk[l], NULL, &p->blocks[i]), cleanup);
        goto cleanup;
    }
    /* Limited crews: the line whose next block could start earliest goes next. */
    for (;;) {
        int best = -1;
        int32_t best_at = 0;
        for (int l = 0; l < nl; l++) {
            if (next[l] >= first[l + 1])
                continue;
            int32_t at = earliest_start(sc, clk[l].ln, clk[l].t, &p->blocks[next[l]]);
            if (best < 0 || at < best_at) {
                best = l;
                best_at = at;
            }
        }
        if (best < 0)
            break;
        /* The lines go in order of earliest start, so no later block starts before
         * best_at: intervals that end by then can block nothing any more. Dropping them
         * keeps the book as short as the crew blocks in progress. */
        int kept = 0;
        for (int i = 0; i < cb.n; i++)
            if (cb.iv[i].end_at > best_at)
                cb.iv[kept++] = cb.iv[i];
        cb.n = kept;
        CS_TRY_GOTO(st, time_block(sc, &clk[best], &cb, &p->blocks[next[best]]), cleanup);
        next[best]++;
    }
cleanup:
    free(cb.iv);
    free(next);
    free(clk);
    return st;
}

/* An order is moved when some production block of it stands on a line other than its
 * previous line; orders without a previous line never count. A plan of a re-plan keeps the
 * previous lines in its record; a plan of the derived scenario finds them there. */
static cosched_status count_moved(const cosched_scenario *sc, const cosched_plan *p,
                                  int *moved)
{
    *moved = 0;
    const int *own = p->replan != NULL ? p->replan->prev_line : NULL;
    if (own == NULL && sc->prev_line == NULL)
        return COSCHED_OK;
    bool *seen = cs_calloc((size_t)(p->n_orders > 0 ? p->n_orders : 1), sizeof *seen);
    if (seen == NULL)
        return COSCHED_ENOMEM;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *b = &p->blocks[i];
        if (b->kind != CS_BLOCK_PRODUCTION || seen[b->order])
            continue;
        int prev_line = own != NULL ? own[b->order] : cs_scenario_prev_line(sc, b->order);
        if (prev_line >= 0 && prev_line != b->line) {
            seen[b->order] = true;
            (*moved)++;
        }
    }
    free(seen);
    return COSCHED_OK;
}

cosched_status cs_plan_build(const cosched_scenario *sc, cosched_plan *p)
{
    if (p->n_lines != sc->n_lines || p->n_orders != sc->n_orders)
        return COSCHED_EINTERNAL;
    cosched_status st = COSCHED_OK;
    p->n_blocks = 0;
    memset(&p->kpis, 0, sizeof p->kpis);
    for (int o = 0; o < p->n_orders; o++) {
        memset(&p->orders[o], 0, sizeof p->orders[o]);
        p->orders[o].first_line = p->orders[o].last_line = -1;
    }

    int *first = cs_calloc((size_t)sc->n_lines + 1, sizeof *first);
    if (first == NULL)
        return COSCHED_ENOMEM;
    for (int l = 0; l < sc->n_lines; l++) {
        first[l] = p->n_blocks;
        CS_TRY_GOTO(st, shape_line(sc, p, l), fail);
    }
    first[sc->n_lines] = p->n_blocks;
    CS_TRY_GOTO(st, time_lines(sc, p, first), fail);
    free(first);
    first = NULL;

    /* utilization[] holds production minutes until the makespan is known. */
    for (int l = 0; l < sc->n_lines; l++)
        p->utilization[l] = 0.0;

    cosched_kpis *k = &p->kpis;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *b = &p->blocks[i];
        switch (b->kind) {
        case CS_BLOCK_CHANGEOVER:
            k->changeovers++;
            k->changeover_minutes += b->minutes;
            k->changeover_cost += b->cost;
            break;
        case CS_BLOCK_CLEANING:
            k->cleanings++;
            k->cleaning_minutes += b->minutes;
            k->cleaning_cost += b->cost;
            break;
        case CS_BLOCK_PRODUCTION: {
            cs_order_result *r = &p->orders[b->order];
            p->utilization[b->line] += (double)b->minutes;
            if (!r->scheduled || b->start_at < r->start_at)
                r->start_at = b->start_at;
            if (!r->scheduled || b->end_at > r->end_at)
                r->end_at = b->end_at;
            /* Blocks come line by line, so each new line of the order is a higher one. */
            if (!r->scheduled) {
                r->first_line = b->line;
                r->n_lines = 1;
            } else if (b->line != r->last_line) {
                r->n_lines++;
            }
            r->last_line = b->line;
            r->scheduled = true;
            if (b->end_at > k->makespan_minutes)
                k->makespan_minutes = b->end_at;
            break;
        }
        }
    }
    for (int o = 0; o < p->n_orders; o++) {
        cs_order_result *r = &p->orders[o];
        if (!r->scheduled)
            continue;
        int64_t late = (int64_t)r->end_at - sc->orders[o].due_at;
        r->tardiness = late > 0 ? (int32_t)(late > INT32_MAX ? INT32_MAX : late) : 0;
        if (r->tardiness > 0) {
            k->late_orders++;
            k->weighted_tardiness_minutes += sc->orders[o].weight * (double)r->tardiness;
        }
    }
    for (int l = 0; l < sc->n_lines; l++) {
        int32_t span = (int32_t)k->makespan_minutes;
        int32_t avail = cs_calendar_working_between(&sc->lines[l], 0, span);
        p->utilization[l] = avail > 0 ? p->utilization[l] / (double)avail : 0.0;
    }
    CS_TRY(count_moved(sc, p, &k->orders_moved));
    p->objective = cs_objective_from_kpis(&sc->set, k);
    p->result.objective = p->objective;
    p->result.method = p->method;
    return COSCHED_OK;
fail:
    free(first);
    p->n_blocks = 0;
    return st;
}

/* ---- evaluation without allocation (local search) -------------------------------------- */

/* Step 1 and 2 at once for one line, crews ignored, summing the figures. */
typedef struct {
    const cosched_scenario *sc;
    line_clock clk;
    cs_line_eval *out;
} eval_ctx;

static cosched_status eval_shape(void *ud, const cs_block *shape)
{
    eval_ctx *c = ud;
    cs_block b = *shape;
    time_block(c->sc, &c->clk, NULL, &b);
    cs_line_eval *e = c->out;
    switch (b.kind) {
    case CS_BLOCK_CHANGEOVER:
        e->changeovers++;
        e->changeover_minutes += b.minutes;
        e->changeover_cost += b.cost;
        break;
    case CS_BLOCK_CLEANING:
        e->cleanings++;
        e->cleaning_minutes += b.minutes;
        e->cleaning_cost += b.cost;
        break;
    case CS_BLOCK_PRODUCTION:
        e->last_end_at = b.end_at;
        break;
    }
    return COSCHED_OK;
}

static void eval_begin(const cosched_scenario *sc, int line, cs_line_eval *out, eval_ctx *c,
                       shaper *x)
{
    memset(out, 0, sizeof *out);
    out->last_end_at = -1;
    c->sc = sc;
    c->clk.ln = &sc->lines[line];
    c->clk.t = sc->lines[line].available_at;
    c->out = out;
    shaper_init(x, sc, line, eval_shape, c);
}

static void add_tardiness(const cs_order *o, int32_t end, cs_line_eval *out)
{
    if (end > o->due_at) {
        out->weighted_tardiness += o->weight * (double)((int64_t)end - o->due_at);
        out->late++;
    }
}

/* An order on another line than its previous one; an order split over several lines may
 * count on each of them here, cs_plan_build counts it once. */
static void add_moved(const cosched_scenario *sc, int order, int line, cs_line_eval *out)
{
    int prev_line = cs_scenario_prev_line(sc, order);
    if (prev_line >= 0 && prev_line != line)
        out->moved++;
}

void cs_line_evaluate(const cosched_scenario *sc, int line, const int *orders, int n,
                      cs_line_eval *out)
{
    eval_ctx c;
    shaper x;
    eval_begin(sc, line, out, &c, &x);
    for (int k = 0; k < n; k++) {
        const cs_order *o = &sc->orders[orders[k]];
        /* Evaluation never allocates, so only invalid input could fail; callers pass
         * orders the line can make. */
        if (shape_job(&x, orders[k], o->quantity) != COSCHED_OK)
            continue;
        add_tardiness(o, out->last_end_at, out);
        add_moved(sc, orders[k], line, out);
    }
}

void cs_line_evaluate_jobs(const cosched_scenario *sc, int line, const cs_job *jobs, int n,
                           cs_line_eval *out)
{
    eval_ctx c;
    shaper x;
    eval_begin(sc, line, out, &c, &x);
    for (int k = 0; k < n; k++) {
        if (shape_job(&x, jobs[k].order, jobs[k].quantity) != COSCHED_OK)
            continue;
        bool later = false;
        for (int j = k + 1; j < n && !later; j++)
            later = jobs[j].order == jobs[k].order;
        if (!later) {
            add_tardiness(&sc->orders[jobs[k].order], out->last_end_at, out);
            add_moved(sc, jobs[k].order, line, out);
        }
    }
}

double cs_objective_of(const cosched_scenario *sc, const cs_line_eval *lines, int n_lines)
{
    cosched_kpis k;
    memset(&k, 0, sizeof k);
    for (int l = 0; l < n_lines; l++) {
        k.weighted_tardiness_minutes += lines[l].weighted_tardiness;
        k.late_orders += lines[l].late;
        k.changeover_minutes += lines[l].changeover_minutes;
        k.changeover_cost += lines[l].changeover_cost;
        k.cleaning_minutes += lines[l].cleaning_minutes;
        k.cleaning_cost += lines[l].cleaning_cost;
        if (lines[l].last_end_at > k.makespan_minutes)
            k.makespan_minutes = lines[l].last_end_at;
        k.orders_moved += lines[l].moved;
    }
    return cs_objective_from_kpis(&sc->set, &k);
}
