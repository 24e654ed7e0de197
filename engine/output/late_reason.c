/* late_reason.c -- why an order is late. Lateness no plan could avoid (even alone on the
 * fastest eligible line, with the least changeover it could ever need, the order ends after
 * its due date) is told apart from lateness caused by the plan's choices on a busy line,
 * which names the line and the orders run ahead of the late one, and from waits for a
 * cleaning crew (a changeover or cleaning that starts later than its line is ready). */
#include "output/output.h"

#include "base/base.h"
#include "model/timing.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NAMED = 8 }; /* orders named in a reason; more are elided in the middle */

/* Products that may run before one of @p product on @p line: any with orders that the line
 * makes, the product itself when another order of it can run before. */
typedef struct {
    const cosched_scenario *sc;
    int line;
    int product;
} precede_arg;

static bool may_precede(const void *ud, int q)
{
    const precede_arg *a = ud;
    const cosched_scenario *sc = a->sc;
    return !(q == a->product && sc->products[q].n_orders < 2) && sc->products[q].has_orders &&
           cs_scenario_run_minutes_for(sc, q, a->line, 1.0) >= 0;
}

/* The least changeover minutes production of @p order on @p line can be preceded by: from
 * the line's initial setup (when first) or from any product that runs there. */
static int32_t least_changeover(const cosched_scenario *sc, int order, int line)
{
    precede_arg a = {sc, line, sc->orders[order].product};
    return (int32_t)cs_least_changeover_into(sc, line, a.product, true, may_precede, &a, 1.0,
                                             0.0);
}

struct cs_late_ctx {
    const cosched_scenario *sc;
    const cosched_plan *p;
    int *last;          /* [n_orders] the order's last production block, -1 when none */
    int *n_ahead;       /* [n_orders] orders produced before it on the line of that block */
    int *runs_end;      /* [n_orders] end in `runs` of the runs before that block */
    int64_t *crew_wait; /* [n_orders] crew wait ahead of that block; NULL without crews */
    int *runs;          /* production blocks starting a run of one order, by line and seq */
    int *line_runs;     /* [n_lines + 1] each line's part of `runs` */
    int32_t *co_end;    /* [n_products * n_lines] earliest end of the least changeover to
                         * the product on the line; INT32_MIN until needed */
    char **reason;      /* [n_orders] texts written so far */
    cs_output_buf text; /* where a reason is put together, kept for its date cache */
};

/* The order's last production block: it ends at the order's completion, on a line that can
 * make it; the last such block in plan order. One pass fills it for every order. */
static void find_last_blocks(const cosched_scenario *sc, const cosched_plan *p, int *last)
{
    for (int o = 0; o < sc->n_orders; o++)
        last[o] = -1;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind == CS_BLOCK_PRODUCTION && k->order >= 0 && k->order < sc->n_orders &&
            k->end_at == p->orders[k->order].end_at &&
            cs_run_minutes(sc, k->order, k->line) >= 0)
            last[k->order] = i;
    }
}

/* Runs (consecutive production blocks of one order on a line, a cleaning between them
 * included), the orders ahead of each order's last block and the crew waits before it.
 * An order ahead is a run of another order that starts before that block, so the count is
 * the runs started before it less the order's own. A changeover or cleaning waited for a
 * crew when it starts later than the first working minute after the line's previous
 * block, as only a crew holds such a block back. */
static void scan_lines(cs_late_ctx *c, int *own_runs, int *own_line)
{
    const cosched_scenario *sc = c->sc;
    const cosched_plan *p = c->p;
    int n_runs = 0;
    int line = -1;
    int prev = -1;
    int32_t t = 0;
    int64_t wait = 0;
    for (int o = 0; o < sc->n_orders; o++)
        own_line[o] = -1;
    for (int l = 0; l <= sc->n_lines; l++)
        c->line_runs[l] = 0;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->line != line) {
            for (int l = line + 1; l <= k->line; l++)
                c->line_runs[l] = n_runs;
            line = k->line;
            prev = -1;
            t = sc->lines[line].available_at;
            wait = 0;
        }
        if (k->kind == CS_BLOCK_PRODUCTION) {
            int o = k->order;
            if (own_line[o] != line) {
                own_line[o] = line;
                own_runs[o] = 0;
            }
            if (c->last[o] == i) {
                int before = n_runs - c->line_runs[line];
                c->n_ahead[o] = before - own_runs[o];
                c->runs_end[o] = n_runs;
                if (c->crew_wait != NULL)
                    c->crew_wait[o] = wait;
            }
            if (o != prev) {
                c->runs[n_runs++] = i;
                own_runs[o]++;
            }
            prev = o;
        } else if (c->crew_wait != NULL && k->minutes > 0) {
            const cs_line *ln = &sc->lines[line];
            int32_t ready = cs_timing_setup_start(ln, t);
            if (k->start_at > ready)
                wait += cs_calendar_working_between(ln, ready, k->start_at);
        }
        t = k->end_at;
    }
    for (int l = line + 1; l <= sc->n_lines; l++)
        c->line_runs[l] = n_runs;
}

cs_late_ctx *cs_output_late_ctx_new(const cosched_scenario *sc, const cosched_plan *p)
{
    cs_late_ctx *c = cs_calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    size_t n = (size_t)(sc->n_orders > 0 ? sc->n_orders : 1);
    size_t nb = (size_t)(p->n_blocks > 0 ? p->n_blocks : 1);
    size_t npl = (size_t)(sc->n_products > 0 ? sc->n_products : 1) *
                 (size_t)(sc->n_lines > 0 ? sc->n_lines : 1);
    c->sc = sc;
    c->p = p;
    c->last = cs_calloc(n, sizeof *c->last);
    c->n_ahead = cs_calloc(n, sizeof *c->n_ahead);
    c->runs_end = cs_calloc(n, sizeof *c->runs_end);
    c->runs = cs_calloc(nb, sizeof *c->runs);
    c->line_runs = cs_calloc((size_t)sc->n_lines + 1, sizeof *c->line_runs);
    c->co_end = cs_calloc(npl, sizeof *c->co_end);
    c->reason = cs_calloc(n, sizeof *c->reason);
    if (sc->set.cleaning_crews > 0)
        c->crew_wait = cs_calloc(n, sizeof *c->crew_wait);
    int *own_runs = cs_calloc(n, sizeof *own_runs);
    int *own_line = cs_calloc(n, sizeof *own_line);
    if (c->last == NULL || c->n_ahead == NULL || c->runs_end == NULL || c->runs == NULL ||
        c->line_runs == NULL || c->co_end == NULL || c->reason == NULL ||
        (sc->set.cleaning_crews > 0 && c->crew_wait == NULL) || own_runs == NULL ||
        own_line == NULL) {
        free(own_runs);
        free(own_line);
        cs_output_late_ctx_free(c);
        return NULL;
    }
    for (size_t i = 0; i < npl; i++)
        c->co_end[i] = INT32_MIN;
    find_last_blocks(sc, p, c->last);
    scan_lines(c, own_runs, own_line);
    free(own_runs);
    free(own_line);
    return c;
}

void cs_output_late_ctx_free(cs_late_ctx *c)
{
    if (c == NULL)
        return;
    if (c->reason != NULL) {
        for (int o = 0; o < c->sc->n_orders; o++)
            free(c->reason[o]);
    }
    free(c->reason);
    free(cs_output_buf_finish(&c->text));
    free(c->co_end);
    free(c->line_runs);
    free(c->runs);
    free(c->crew_wait);
    free(c->runs_end);
    free(c->n_ahead);
    free(c->last);
    free(c);
}

/* The earliest end of the least changeover to the order's product on line @p l, from the
 * line's first working minute; the same for every order of the product, so kept. */
static int32_t least_co_end(cs_late_ctx *c, int order, int l)
{
    const cosched_scenario *sc = c->sc;
    int32_t *slot = &c->co_end[(size_t)sc->orders[order].product * (size_t)sc->n_lines +
                               (size_t)l];
    if (*slot == INT32_MIN) {
        const cs_line *line = &sc->lines[l];
        int32_t t = cs_timing_setup_start(line, line->available_at);
        *slot = cs_timing_end(line, t, least_changeover(sc, order, l));
    }
    return *slot;
}

static void earliest_end(cs_late_ctx *c, int order, cs_late_info *info)
{
    const cosched_scenario *sc = c->sc;
    const cs_order *ord = &sc->orders[order];
    for (int l = 0; l < sc->n_lines; l++) {
        int32_t run = cs_run_minutes(sc, order, l);
        if (run < 0)
            continue;
        const cs_line *line = &sc->lines[l];
        int32_t co_end = least_co_end(c, order, l);
        int32_t start = cs_timing_production_start(line, co_end, ord->release_at);
        int32_t end = cs_timing_end(line, start, run);
        if (end < info->earliest_end_at) {
            info->earliest_end_at = end;
            info->earliest_line = l;
        }
    }
}

void cs_output_late_ctx_info(cs_late_ctx *c, int order, cs_late_info *out)
{
    const cosched_scenario *sc = c->sc;
    const cosched_plan *p = c->p;
    memset(out, 0, sizeof *out);
    out->earliest_end_at = INT32_MAX;
    out->earliest_line = -1;
    out->line = -1;
    const cs_order_result *r = &p->orders[order];
    if (!r->scheduled)
        return;
    int last = c->last[order];
    if (last >= 0) {
        out->line = p->blocks[last].line;
        /* the blocks of an order divided by a cleaning follow each other and count once */
        out->n_ahead = c->n_ahead[order];
    }
    if (out->line >= 0) {
        const cs_line *line = &sc->lines[out->line];
        out->waited = r->start_at > cs_timing_production_start(line, line->available_at,
                                                               sc->orders[order].release_at);
    }
    earliest_end(c, order, out);
    out->late = r->tardiness > 0;
    out->unavoidable = out->late && !sc->orders[order].split && out->earliest_line >= 0 &&
                       out->earliest_end_at > sc->orders[order].due_at;
}

void cs_output_late_info(const cosched_scenario *sc, const cosched_plan *p, int order,
                         cs_late_info *out)
{
    cs_late_ctx *c = cs_output_late_ctx_new(sc, p);
    if (c == NULL) {
        /* without memory only what needs none is told */
        memset(out, 0, sizeof *out);
        out->earliest_end_at = INT32_MAX;
        out->earliest_line = -1;
        out->line = -1;
        out->late = p->orders[order].scheduled && p->orders[order].tardiness > 0;
        return;
    }
    cs_output_late_ctx_info(c, order, out);
    cs_output_late_ctx_free(c);
}

static void add_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at)
{
    cs_output_buf_datetime(b, sc->horizon_epoch_min + at, 'T');
}

static void add_order_id(cs_output_buf *b, const cosched_scenario *sc, int k, int order)
{
    if (k > 0)
        cs_output_buf_add(b, ", ", 2);
    cs_output_buf_str(b, sc->orders[order].id);
}

/* Names of the orders ahead of @p order (counted as in cs_output_late_info), the nearest
 * last; the middle of a long list is elided so the reason stays one sentence. The names
 * are the runs of other orders before its last block: the first few from the line's start,
 * the last few back from that block. */
static void add_orders_ahead(cs_output_buf *b, cs_late_ctx *c, int order, int line, int n_ahead)
{
    const cosched_plan *p = c->p;
    int begin = c->line_runs[line];
    int end = c->runs_end[order];
    int head = n_ahead <= MAX_NAMED ? n_ahead : MAX_NAMED / 2;
    int k = 0;
    for (int q = begin; q < end && k < head; q++) {
        int o = p->blocks[c->runs[q]].order;
        if (o != order)
            add_order_id(b, c->sc, k++, o);
    }
    if (n_ahead <= MAX_NAMED)
        return;
    cs_output_buf_str(b, ", ...");
    int tail[MAX_NAMED / 2];
    int n_tail = 0;
    for (int q = end - 1; q >= begin && n_tail < MAX_NAMED / 2; q--) {
        int o = p->blocks[c->runs[q]].order;
        if (o != order)
            tail[n_tail++] = o;
    }
    while (n_tail > 0)
        add_order_id(b, c->sc, k++, tail[--n_tail]);
}

/* An order the plan could not move: frozen from the previous plan, or in progress at now. */
static bool is_fixed(const cs_late_ctx *c, int order)
{
    const cosched_plan *p = c->p;
    return c->sc->orders[order].status == CS_ORDER_IN_PROGRESS ||
           (p->replan != NULL && p->replan->frozen[order]);
}

/* The fixed orders among those ahead of @p order on @p line, named into @p b (up to
 * MAX_NAMED, then "..."); returns how many there are. With @p b NULL it only counts. */
static int add_fixed_ahead(cs_output_buf *b, cs_late_ctx *c, int order, int line)
{
    const cosched_plan *p = c->p;
    int n = 0;
    for (int q = c->line_runs[line]; q < c->runs_end[order]; q++) {
        int o = p->blocks[c->runs[q]].order;
        if (o == order || !is_fixed(c, o))
            continue;
        if (b != NULL && n < MAX_NAMED)
            add_order_id(b, c->sc, n, o);
        else if (b != NULL && n == MAX_NAMED)
            cs_output_buf_str(b, ", ...");
        n++;
    }
    return n;
}

static void add_reason(cs_late_ctx *c, int order, cs_output_buf *b)
{
    const cosched_scenario *sc = c->sc;
    cs_late_info in;
    cs_output_late_ctx_info(c, order, &in);
    if (!in.late)
        return;
    const cs_order *o = &sc->orders[order];
    if (sc->set.has_now && o->due_at <= sc->set.now_at) {
        /* Nothing the plan does can help an order whose due date has passed. */
        cs_output_buf_str(b, "already late at now: due ");
        add_time(b, sc, o->due_at);
        cs_output_buf_str(b, ", the plan starts ");
        add_time(b, sc, sc->set.now_at);
        return;
    }
    if (in.unavoidable) {
        const cs_line *l = &sc->lines[in.earliest_line];
        cs_output_buf_str(b, "unavoidable: even alone on its fastest line ");
        cs_output_buf_str(b, l->id);
        cs_output_buf_str(b, " it cannot end before ");
        add_time(b, sc, in.earliest_end_at);
        cs_output_buf_str(b, " (");
        cs_output_buf_long(b, (long)cs_run_minutes(sc, order, in.earliest_line));
        cs_output_buf_str(b, " run minutes");
        if (o->release_at > 0) {
            cs_output_buf_str(b, ", released ");
            add_time(b, sc, o->release_at);
        }
        cs_output_buf_str(b, ")");
        return;
    }
    const char *line_id = in.line >= 0 ? sc->lines[in.line].id : "?";
    int64_t crew_wait = in.line >= 0 && c->crew_wait != NULL && c->last[order] >= 0
                            ? c->crew_wait[order]
                            : 0;
    int n_fixed = in.n_ahead > 0 && in.waited ? add_fixed_ahead(NULL, c, order, in.line) : 0;
    if (n_fixed > 0 && n_fixed == in.n_ahead) {
        cs_output_buf_str(b, "line ");
        cs_output_buf_str(b, line_id);
        cs_output_buf_str(b, ": waits for frozen orders ");
        add_fixed_ahead(b, c, order, in.line);
    } else if (in.n_ahead > 0 && in.waited) {
        cs_output_buf_str(b, "line ");
        cs_output_buf_str(b, line_id);
        cs_output_buf_str(b, " is busy: ");
        cs_output_buf_long(b, in.n_ahead);
        cs_output_buf_str(b, in.n_ahead == 1 ? " order ahead of it: " : " orders ahead of it: ");
        add_orders_ahead(b, c, order, in.line, in.n_ahead);
        if (n_fixed > 0) {
            cs_output_buf_str(b, "; it waits for frozen orders ");
            add_fixed_ahead(b, c, order, in.line);
        }
        if (crew_wait > 0)
            cs_output_buf_printf(b, "; the line also waited %lld minutes for a cleaning crew",
                                 (long long)crew_wait);
    } else if (crew_wait > 0) {
        cs_output_buf_printf(b, "line %s waited %lld minutes for a cleaning crew "
                                 "(cleaning_crews is %d)",
                             line_id, (long long)crew_wait, sc->set.cleaning_crews);
    } else {
        cs_output_buf_str(b, "line ");
        cs_output_buf_str(b, line_id);
        cs_output_buf_str(b, " is a poor choice: started there as early as it could, "
                              "it still ends after its due date");
    }
    if (in.earliest_line >= 0) {
        cs_output_buf_str(b, "; it could end by ");
        add_time(b, sc, in.earliest_end_at);
        cs_output_buf_str(b, " on ");
        cs_output_buf_str(b, sc->lines[in.earliest_line].id);
    }
}

/* The reason, in an allocation of its own size. */
static char *write_reason(cs_late_ctx *c, int order)
{
    cs_output_buf *b = &c->text;
    b->n = 0;
    add_reason(c, order, b);
    if (b->failed)
        return NULL;
    char *s = malloc(b->n + 1);
    if (s != NULL) {
        memcpy(s, b->s != NULL ? b->s : "", b->n);
        s[b->n] = '\0';
    }
    return s;
}

const char *cs_output_late_ctx_reason(cs_late_ctx *c, int order)
{
    if (c->reason[order] == NULL)
        c->reason[order] = write_reason(c, order);
    return c->reason[order];
}

char *cs_output_late_reason(const cosched_scenario *sc, const cosched_plan *p, int order)
{
    cs_late_ctx *c = cs_output_late_ctx_new(sc, p);
    if (c == NULL)
        return NULL;
    char *s = write_reason(c, order);
    cs_output_late_ctx_free(c);
    return s;
}
