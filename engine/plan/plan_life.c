/* plan_life.c -- a plan's lifecycle and what a caller reads of it without the timing rule:
 * create, clone and free, the job sequences the searches fill, warnings, the method, the
 * result, the KPIs and the gap. plan.c derives the blocks and figures from the sequences. */
#include "plan/plan.h"

#include "base/base.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    /* No search yet: nothing that depends on the machine (stopped_by is "complete"), no
     * work limit. The solver sets both when it searched. */
    p->result.repeatable = true;
    p->result.work_limit_units = -1.0;
    p->seed = -1;
    p->time_limit_s = -1.0;
    p->mip_gap = -1.0;
    p->iteration_limit = -1;
    p->freeze_hours = -1.0;
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

cosched_status cosched_plan_add_warnings(cosched_plan *plan, const cosched_diags *diags)
{
    if (plan == NULL || diags == NULL)
        return COSCHED_EINVAL;
    for (int i = 0; i < cosched_diags_count(diags); i++) {
        const cosched_diag *g = cosched_diags_get(diags, i);
        if (g == NULL || g->severity != COSCHED_SEV_WARNING)
            continue;
        cosched_status st = g->line > 0 ? cs_plan_warn(plan, "%s:%ld: %s", g->file, g->line,
                                                       g->message)
                                        : cs_plan_warn(plan, "%s: %s", g->file, g->message);
        if (st != COSCHED_OK)
            return st;
    }
    return COSCHED_OK;
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
        return COSCHED_EINTERNAL;
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

void cs_plan_set_run(cosched_plan *p, const cosched_options *opt, int64_t started_unix_s)
{
    p->started_unix_s = started_unix_s;
    p->iteration_limit = opt->iteration_limit >= 0 ? opt->iteration_limit : -1;
    p->freeze_hours = opt->freeze_hours >= 0.0 ? opt->freeze_hours : -1.0;
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

