/* plan.c -- a plan's sequences and everything derived from them: timed blocks, order
 * completions, KPIs and the objective. The timing rule of plan.h lives in the shape helpers
 * (changeovers, batches, cleanings) and the timing helpers below, shared by cs_plan_build
 * and by cs_line_evaluate (the local search's hot path), so the search, the MIP start and
 * the written plan can never disagree. */
#include "plan/plan.h"

#include "base/base.h"

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
            return COSCHED_EINVAL;
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
                return COSCHED_EINVAL;
        }
        if (part > 0.0) {
            int32_t pm = cs_scenario_run_minutes_for(x->sc, product, x->line, part);
            if (pm < 0)
                return COSCHED_EINVAL;
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
        return COSCHED_EINVAL;
    const cs_order *o = &sc->orders[order];
    if (x->product >= 0 && x->product != o->product) {
        int32_t m = cs_co_minutes(sc, x->line, x->product, o->product);
        if (m < 0)
            return COSCHED_EINVAL;
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
            return COSCHED_EINVAL;
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
    if (b->kind == CS_BLOCK_PRODUCTION) {
        int32_t rel = sc->orders[b->order].release_at;
        return cs_calendar_next_working(ln, rel > t ? rel : t);
    }
    return cs_calendar_next_working(ln, t);
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
        int32_t e = cs_calendar_advance(ln, s, minutes);
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
        s = cs_calendar_next_working(ln, next);
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
    b->end_at = cs_calendar_advance(c->ln, s, b->minutes);
    c->t = b->end_at;
    if (crew)
        return crew_book_add(cb, b->start_at, b->end_at);
    return COSCHED_OK;
}

/* ---- lifecycle ------------------------------------------------------------------------- */

cosched_plan *cs_plan_create(const cosched_scenario *sc)
{
    cosched_plan *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->n_lines = sc->n_lines;
    p->n_orders = sc->n_orders;
    p->seq = cs_calloc((size_t)(p->n_lines > 0 ? p->n_lines : 1), sizeof *p->seq);
    p->orders = cs_calloc((size_t)(p->n_orders > 0 ? p->n_orders : 1), sizeof *p->orders);
    p->utilization = cs_calloc((size_t)(p->n_lines > 0 ? p->n_lines : 1),
                               sizeof *p->utilization);
    if (p->seq == NULL || p->orders == NULL || p->utilization == NULL) {
        cosched_plan_free(p);
        return NULL;
    }
    p->result.outcome = COSCHED_OUTCOME_NO_SOLUTION;
    p->result.method = p->method;
    p->seed = -1;
    p->time_limit_s = -1.0;
    p->mip_gap = -1.0;
    return p;
}

void cosched_plan_free(cosched_plan *p)
{
    if (p == NULL)
        return;
    if (p->seq != NULL) {
        for (int l = 0; l < p->n_lines; l++)
            free(p->seq[l].jobs);
    }
    free(p->seq);
    free(p->blocks);
    free(p->orders);
    free(p->utilization);
    cs_replan_info_free(p->replan);
    for (int i = 0; i < p->n_warnings; i++)
        free(p->warnings[i]);
    free(p->warnings);
    free(p);
}

void cs_replan_info_free(cs_replan_info *ri)
{
    if (ri == NULL)
        return;
    free(ri->previous_dir);
    free(ri->frozen);
    free(ri->prev_line);
    free(ri);
}

cs_replan_info *cs_replan_info_clone(const cs_replan_info *ri, int n_orders)
{
    if (ri == NULL)
        return NULL;
    cs_replan_info *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    *c = *ri;
    size_t n = (size_t)(n_orders > 0 ? n_orders : 1);
    c->prev_line = cs_calloc(n, sizeof *c->prev_line);
    c->frozen = cs_calloc(n, sizeof *c->frozen);
    c->previous_dir = ri->previous_dir != NULL ? cs_strdup(ri->previous_dir) : NULL;
    if (c->prev_line == NULL || c->frozen == NULL ||
        (ri->previous_dir != NULL && c->previous_dir == NULL)) {
        cs_replan_info_free(c);
        return NULL;
    }
    if (n_orders > 0) {
        memcpy(c->prev_line, ri->prev_line, (size_t)n_orders * sizeof *c->prev_line);
        memcpy(c->frozen, ri->frozen, (size_t)n_orders * sizeof *c->frozen);
    }
    return c;
}

cosched_plan *cs_plan_clone(const cosched_plan *src)
{
    cosched_plan *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    *p = *src;
    p->seq = NULL;
    p->blocks = NULL;
    p->orders = NULL;
    p->utilization = NULL;
    p->replan = NULL;
    p->warnings = NULL;
    p->n_warnings = 0;
    p->cap_warnings = 0;
    p->cap_blocks = 0;
    p->n_blocks = 0;
    p->seq = cs_calloc((size_t)(p->n_lines > 0 ? p->n_lines : 1), sizeof *p->seq);
    p->orders = cs_calloc((size_t)(p->n_orders > 0 ? p->n_orders : 1), sizeof *p->orders);
    p->utilization = cs_calloc((size_t)(p->n_lines > 0 ? p->n_lines : 1),
                               sizeof *p->utilization);
    if (p->seq == NULL || p->orders == NULL || p->utilization == NULL)
        goto fail;
    if (src->replan != NULL && (p->replan = cs_replan_info_clone(src->replan,
                                                                  src->n_orders)) == NULL)
        goto fail;
    for (int l = 0; l < p->n_lines; l++) {
        const cs_seq *s = &src->seq[l];
        if (s->n > 0) {
            p->seq[l].jobs = cs_reallocarray(NULL, (size_t)s->n, sizeof *s->jobs);
            if (p->seq[l].jobs == NULL)
                goto fail;
            memcpy(p->seq[l].jobs, s->jobs, (size_t)s->n * sizeof *s->jobs);
            p->seq[l].cap = (size_t)s->n;
        }
        p->seq[l].n = s->n;
    }
    if (src->n_blocks > 0) {
        p->blocks = cs_reallocarray(NULL, (size_t)src->n_blocks, sizeof *p->blocks);
        if (p->blocks == NULL)
            goto fail;
        memcpy(p->blocks, src->blocks, (size_t)src->n_blocks * sizeof *p->blocks);
        p->cap_blocks = (size_t)src->n_blocks;
        p->n_blocks = src->n_blocks;
    }
    if (src->n_orders > 0)
        memcpy(p->orders, src->orders, (size_t)src->n_orders * sizeof *p->orders);
    if (src->n_lines > 0)
        memcpy(p->utilization, src->utilization, (size_t)src->n_lines * sizeof *p->utilization);
    if (cs_plan_copy_warnings(p, src) != COSCHED_OK)
        goto fail;
    p->result.method = p->method;
    return p;
fail:
    cosched_plan_free(p);
    return NULL;
}

static cosched_status add_warning(cosched_plan *p, const char *text)
{
    char *copy = cs_strdup(text);
    char **w = copy != NULL ? cs_grow(p->warnings, sizeof *w, (size_t)p->n_warnings + 1,
                                      &p->cap_warnings, 4)
                            : NULL;
    if (w == NULL) {
        free(copy);
        return COSCHED_ENOMEM;
    }
    p->warnings = w;
    p->warnings[p->n_warnings++] = copy;
    return COSCHED_OK;
}

cosched_status cs_plan_warn(cosched_plan *p, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf) {
        /* Cut where a character starts: summary.json takes only whole UTF-8. */
        size_t end = sizeof buf - 1;
        size_t k = end - 1;
        while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80)
            k--;
        unsigned char lead = (unsigned char)buf[k];
        size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (k + len > end)
            buf[k] = '\0';
    }
    return add_warning(p, buf);
}

cosched_status cs_plan_copy_warnings(cosched_plan *dst, const cosched_plan *src)
{
    for (int i = 0; i < src->n_warnings; i++)
        if (add_warning(dst, src->warnings[i]) != COSCHED_OK)
            return COSCHED_ENOMEM;
    return COSCHED_OK;
}

int cosched_plan_n_warnings(const cosched_plan *plan)
{
    return plan != NULL ? plan->n_warnings : 0;
}

const char *cosched_plan_warning(const cosched_plan *plan, int i)
{
    return plan != NULL && i >= 0 && i < plan->n_warnings ? plan->warnings[i] : NULL;
}

cosched_status cs_plan_append(cosched_plan *p, int line, int order, double quantity)
{
    if (line < 0 || line >= p->n_lines || order < 0 || order >= p->n_orders ||
        !(quantity > 0.0))
        return COSCHED_EINVAL;
    cs_seq *s = &p->seq[line];
    cs_job *jobs = cs_grow(s->jobs, sizeof *jobs, (size_t)s->n + 1, &s->cap, 8);
    if (jobs == NULL)
        return COSCHED_ENOMEM;
    s->jobs = jobs;
    s->jobs[s->n].order = order;
    s->jobs[s->n].quantity = quantity;
    s->n++;
    return COSCHED_OK;
}

void cs_plan_clear(cosched_plan *p)
{
    for (int l = 0; l < p->n_lines; l++)
        p->seq[l].n = 0;
    p->n_blocks = 0;
}

void cs_plan_set_method(cosched_plan *p, const char *method)
{
    size_t n = method ? strlen(method) : 0;
    if (n >= sizeof p->method)
        n = sizeof p->method - 1;
    if (n > 0)
        memcpy(p->method, method, n);
    p->method[n] = '\0';
    p->result.method = p->method;
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
        CS_TRY_GOTO(st, time_block(sc, &clk[best], &cb, &p->blocks[next[best]]), cleanup);
        next[best]++;
    }
cleanup:
    free(cb.iv);
    free(next);
    free(clk);
    return st;
}

static double objective_from(const cs_settings *set, const cosched_kpis *k)
{
    double v = set->weight_tardiness * k->weighted_tardiness_minutes +
               set->weight_changeover_minutes *
                   (double)(k->changeover_minutes + k->cleaning_minutes) +
               set->weight_changeover_cost * (k->changeover_cost + k->cleaning_cost) +
               set->weight_makespan * (double)k->makespan_minutes;
    /* Added only when it counts, so a plan made from scratch keeps the contract's sum
     * exactly as before. */
    if (set->weight_stability > 0.0 && k->orders_moved > 0)
        v += set->weight_stability * (double)k->orders_moved;
    return v;
}

/* An order is moved when some production block of it stands on a line other than its
 * previous line; orders without a previous line never count. */
static cosched_status count_moved(const cosched_plan *p, const int *prev_line, int *moved)
{
    *moved = 0;
    if (prev_line == NULL)
        return COSCHED_OK;
    bool *seen = cs_calloc((size_t)(p->n_orders > 0 ? p->n_orders : 1), sizeof *seen);
    if (seen == NULL)
        return COSCHED_ENOMEM;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *b = &p->blocks[i];
        if (b->kind != CS_BLOCK_PRODUCTION || seen[b->order])
            continue;
        if (prev_line[b->order] >= 0 && prev_line[b->order] != b->line) {
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
        return COSCHED_EINVAL;
    cosched_status st = COSCHED_OK;
    p->n_blocks = 0;
    memset(&p->kpis, 0, sizeof p->kpis);
    for (int o = 0; o < p->n_orders; o++)
        memset(&p->orders[o], 0, sizeof p->orders[o]);

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
    CS_TRY(count_moved(p, p->replan != NULL ? p->replan->prev_line : sc->prev_line,
                       &k->orders_moved));
    p->objective = objective_from(&sc->set, k);
    p->result.objective = p->objective;
    p->result.method = p->method;
    return COSCHED_OK;
fail:
    free(first);
    p->n_blocks = 0;
    return st;
}

/* ---- accessors ------------------------------------------------------------------------- */

const cosched_result *cosched_plan_result(const cosched_plan *p)
{
    return &p->result;
}

const cosched_kpis *cosched_plan_kpis(const cosched_plan *p)
{
    return &p->kpis;
}

bool cosched_plan_gap(const cosched_plan *p, double *gap)
{
    const cosched_result *r = &p->result;
    if (!r->has_bound || r->outcome == COSCHED_OUTCOME_INFEASIBLE ||
        r->outcome == COSCHED_OUTCOME_NO_SOLUTION)
        return false;
    double obj = r->objective;
    double den = fabs(obj) > 1e-9 ? fabs(obj) : 1e-9;
    double g = (obj - r->bound) / den;
    *gap = g > 0.0 ? g : 0.0;
    return true;
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
    if (end > o->due_at)
        out->weighted_tardiness += o->weight * (double)((int64_t)end - o->due_at);
}

/* An order on another line than its previous one; an order split over several lines may
 * count on each of them here, cs_plan_build counts it once. */
static void add_moved(const cosched_scenario *sc, int order, int line, cs_line_eval *out)
{
    if (sc->prev_line != NULL && sc->prev_line[order] >= 0 && sc->prev_line[order] != line)
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
        k.changeover_minutes += lines[l].changeover_minutes;
        k.changeover_cost += lines[l].changeover_cost;
        k.cleaning_minutes += lines[l].cleaning_minutes;
        k.cleaning_cost += lines[l].cleaning_cost;
        if (lines[l].last_end_at > k.makespan_minutes)
            k.makespan_minutes = lines[l].last_end_at;
        k.orders_moved += lines[l].moved;
    }
    return objective_from(&sc->set, &k);
}
