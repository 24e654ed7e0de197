/* plan.c -- a plan's sequences and everything derived from them: timed blocks, order
 * completions, KPIs and the objective. The timing rule of plan.h lives in the two step
 * helpers below, shared by cs_plan_build and by cs_line_evaluate (the local search's hot
 * path), so the search, the MIP start and the written plan can never disagree. */
#include "plan/plan.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the timing rule ------------------------------------------------------------------- */

/* Where a line stands after its last block: the time t and the product it is set up for. */
typedef struct {
    const cs_line *ln;
    int32_t t;
    int product; /* -1: clean */
} line_state;

static inline void state_init(line_state *s, const cs_line *ln)
{
    s->ln = ln;
    s->t = ln->available_at;
    s->product = ln->initial_product;
}

static inline bool needs_changeover(const line_state *s, int product)
{
    return s->product >= 0 && s->product != product;
}

/* A block of @p minutes working minutes that may start at @p earliest. */
static inline void state_run(line_state *s, int32_t earliest, int32_t minutes, int32_t *start,
                             int32_t *end)
{
    *start = cs_calendar_next_working(s->ln, earliest > s->t ? earliest : s->t);
    *end = cs_calendar_advance(s->ln, *start, minutes);
    s->t = *end;
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
    free(p);
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
    p->cap_blocks = 0;
    p->n_blocks = 0;
    p->seq = cs_calloc((size_t)(p->n_lines > 0 ? p->n_lines : 1), sizeof *p->seq);
    p->orders = cs_calloc((size_t)(p->n_orders > 0 ? p->n_orders : 1), sizeof *p->orders);
    p->utilization = cs_calloc((size_t)(p->n_lines > 0 ? p->n_lines : 1),
                               sizeof *p->utilization);
    if (p->seq == NULL || p->orders == NULL || p->utilization == NULL)
        goto fail;
    for (int l = 0; l < p->n_lines; l++) {
        const cs_seq *s = &src->seq[l];
        if (s->n > 0) {
            p->seq[l].jobs = cs_reallocarray(NULL, (size_t)s->n, sizeof *s->jobs);
            if (p->seq[l].jobs == NULL)
                goto fail;
            memcpy(p->seq[l].jobs, s->jobs, (size_t)s->n * sizeof *s->jobs);
            p->seq[l].cap = s->n;
        }
        p->seq[l].n = s->n;
    }
    if (src->n_blocks > 0) {
        p->blocks = cs_reallocarray(NULL, (size_t)src->n_blocks, sizeof *p->blocks);
        if (p->blocks == NULL)
            goto fail;
        memcpy(p->blocks, src->blocks, (size_t)src->n_blocks * sizeof *p->blocks);
        p->cap_blocks = src->n_blocks;
        p->n_blocks = src->n_blocks;
    }
    if (src->n_orders > 0)
        memcpy(p->orders, src->orders, (size_t)src->n_orders * sizeof *p->orders);
    if (src->n_lines > 0)
        memcpy(p->utilization, src->utilization, (size_t)src->n_lines * sizeof *p->utilization);
    p->result.method = p->method;
    return p;
fail:
    cosched_plan_free(p);
    return NULL;
}

cosched_status cs_plan_append(cosched_plan *p, int line, int order, double quantity)
{
    if (line < 0 || line >= p->n_lines || order < 0 || order >= p->n_orders ||
        !(quantity > 0.0))
        return COSCHED_EINVAL;
    cs_seq *s = &p->seq[line];
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        cs_job *jobs = cs_reallocarray(s->jobs, (size_t)cap, sizeof *jobs);
        if (jobs == NULL)
            return COSCHED_ENOMEM;
        s->jobs = jobs;
        s->cap = cap;
    }
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
    if (p->n_blocks == p->cap_blocks) {
        int cap = p->cap_blocks ? 2 * p->cap_blocks : 32;
        cs_block *b = cs_reallocarray(p->blocks, (size_t)cap, sizeof *b);
        if (b == NULL)
            return NULL;
        p->blocks = b;
        p->cap_blocks = cap;
    }
    cs_block *b = &p->blocks[p->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->line = line;
    b->seq = ++*seq;
    b->order = -1;
    b->from_product = -1;
    return b;
}

/* Run minutes of a job: the precomputed table for a whole order, else from the rate. */
static int32_t job_run_minutes(const cosched_scenario *sc, int line, const cs_job *j)
{
    const cs_order *o = &sc->orders[j->order];
    if (j->quantity == o->quantity)
        return cs_run_minutes(sc, j->order, line);
    return cs_scenario_run_minutes_for(sc, o->product, line, j->quantity);
}

/* Blocks of one line. Adding an extension block kind (cleaning when max_run_minutes would
 * be passed) means one more step here before the production block. */
static cosched_status build_line(const cosched_scenario *sc, cosched_plan *p, int l,
                                 int64_t *prod_minutes)
{
    line_state st;
    int seq = 0;
    state_init(&st, &sc->lines[l]);
    *prod_minutes = 0;
    for (int k = 0; k < p->seq[l].n; k++) {
        const cs_job *j = &p->seq[l].jobs[k];
        if (j->order < 0 || j->order >= sc->n_orders || !(j->quantity > 0.0))
            return COSCHED_EINVAL;
        const cs_order *o = &sc->orders[j->order];
        if (needs_changeover(&st, o->product)) {
            int32_t m = cs_co_minutes(sc, l, st.product, o->product);
            if (m < 0)
                return COSCHED_EINVAL;
            cs_block *b = push_block(p, CS_BLOCK_CHANGEOVER, l, &seq);
            if (b == NULL)
                return COSCHED_ENOMEM;
            b->product = o->product;
            b->from_product = st.product;
            b->minutes = m;
            b->cost = cs_co_cost(sc, l, st.product, o->product);
            state_run(&st, st.t, m, &b->start_at, &b->end_at);
        }
        st.product = o->product;
        int32_t run = job_run_minutes(sc, l, j);
        if (run < 0)
            return COSCHED_EINVAL;
        cs_block *b = push_block(p, CS_BLOCK_PRODUCTION, l, &seq);
        if (b == NULL)
            return COSCHED_ENOMEM;
        b->order = j->order;
        b->product = o->product;
        b->quantity = j->quantity;
        b->minutes = run;
        state_run(&st, o->release_at, run, &b->start_at, &b->end_at);
        *prod_minutes += run;
    }
    return COSCHED_OK;
}

static double objective_from(const cs_settings *set, const cosched_kpis *k)
{
    return set->weight_tardiness * k->weighted_tardiness_minutes +
           set->weight_changeover_minutes *
               (double)(k->changeover_minutes + k->cleaning_minutes) +
           set->weight_changeover_cost * (k->changeover_cost + k->cleaning_cost) +
           set->weight_makespan * (double)k->makespan_minutes;
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

    /* utilization[] holds production minutes until the makespan is known. */
    for (int l = 0; l < sc->n_lines; l++) {
        int64_t prod = 0;
        CS_TRY_GOTO(st, build_line(sc, p, l, &prod), fail);
        p->utilization[l] = (double)prod;
    }

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
    p->objective = objective_from(&sc->set, k);
    p->result.objective = p->objective;
    p->result.method = p->method;
    return COSCHED_OK;
fail:
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

void cs_line_evaluate(const cosched_scenario *sc, int line, const int *orders, int n,
                      cs_line_eval *out)
{
    line_state st;
    double wt = 0.0;
    int changeovers = 0;
    int64_t co_minutes = 0;
    double co_cost = 0.0;
    int32_t last_end = -1;
    state_init(&st, &sc->lines[line]);
    for (int k = 0; k < n; k++) {
        const cs_order *o = &sc->orders[orders[k]];
        int32_t start;
        int32_t end;
        if (needs_changeover(&st, o->product)) {
            int32_t m = cs_co_minutes(sc, line, st.product, o->product);
            changeovers++;
            co_minutes += m;
            co_cost += cs_co_cost(sc, line, st.product, o->product);
            state_run(&st, st.t, m, &start, &end);
        }
        st.product = o->product;
        state_run(&st, o->release_at, cs_run_minutes(sc, orders[k], line), &start, &end);
        last_end = end;
        if (end > o->due_at)
            wt += o->weight * (double)((int64_t)end - o->due_at);
    }
    out->weighted_tardiness = wt;
    out->changeovers = changeovers;
    out->changeover_minutes = co_minutes;
    out->changeover_cost = co_cost;
    out->last_end_at = last_end;
}

double cs_objective_of(const cosched_scenario *sc, const cs_line_eval *lines, int n_lines)
{
    cosched_kpis k;
    memset(&k, 0, sizeof k);
    for (int l = 0; l < n_lines; l++) {
        k.weighted_tardiness_minutes += lines[l].weighted_tardiness;
        k.changeover_minutes += lines[l].changeover_minutes;
        k.changeover_cost += lines[l].changeover_cost;
        if (lines[l].last_end_at > k.makespan_minutes)
            k.makespan_minutes = lines[l].last_end_at;
    }
    return objective_from(&sc->set, &k);
}
