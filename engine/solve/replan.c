/* replan.c -- re-planning from last night's plan. cosched_previous_load reads plan.csv (through
 * plan/plan_file.h) into per-line job lists (consecutive production blocks of one order, cleanings
 * between them included, make one job); a duplicate seq is an error, an order that may not be split
 * planned twice a warning the new plan keeps. cs_replan_solve freezes on each line the leading jobs
 * that start before the frozen horizon, solves a derived scenario (model/derive.c) holding the
 * other orders, whose lines start where their frozen prefix ends, in its last product, and builds
 * prefix + solution on the original scenario. The derived lines start with a fresh sanitation count
 * and ignore the crews the prefix uses; the final build applies both. Orders in progress at `now`
 * head their line's prefix, with or without a previous plan. Only jobs that start at or after `now`
 * in the previous plan can be frozen: what it planned before now has happened or not, and the
 * scenario's statuses say which. */
#include "solve/replan.h"

#include "base/base.h"
#include "heur/heur.h"
#include "plan/plan.h"
#include "plan/plan_file.h"
#include "solve/solve.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cosched_previous_free(cosched_previous *prev)
{
    if (prev == NULL)
        return;
    if (prev->lines != NULL)
        for (int l = 0; l < prev->n_lines; l++)
            free(prev->lines[l].v);
    free(prev->lines);
    free(prev->rows);
    free(prev->done);
    free(prev->end_at);
    free(prev->start_at);
    free(prev->line);
    for (int i = 0; i < prev->n_warnings; i++)
        free(prev->warnings[i]);
    free(prev->warnings);
    free(prev->dir);
    free(prev);
}


static int cmp_row(const void *a, const void *b)
{
    const prev_row *x = a;
    const prev_row *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->seq != y->seq)
        return (x->seq > y->seq) - (x->seq < y->seq);
    return (x->src > y->src) - (x->src < y->src);
}

/* A note about the previous plan: a warning on stderr now and in the new plan's warnings
 * (so summary.json keeps it) as "FILE:LINE: message". */
static cosched_status note(cosched_previous *p, cosched_diags *d, const char *file, long line,
                           const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static cosched_status note(cosched_previous *p, cosched_diags *d, const char *file, long line,
                           const char *column, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cs_diag_addc(d, "W_PREVIOUS_PLAN", COSCHED_SEV_WARNING, file, line, column, "%s", msg);
    size_t len = strlen(file) + strlen(msg) + 32;
    char *text = malloc(len);
    char **grown = cs_reallocarray(p->warnings, (size_t)p->n_warnings + 1, sizeof *grown);
    if (text == NULL || grown == NULL) {
        free(text);
        return COSCHED_ENOMEM;
    }
    p->warnings = grown;
    snprintf(text, len, "%s:%ld: %s", file, line, msg);
    p->warnings[p->n_warnings++] = text;
    return COSCHED_OK;
}

/* Read the production rows of plan.csv into @p rows (and every row's line and seq into
 * @p seqs); a value of the wrong form is an error at its line, an order or line the scenario
 * no longer has a warning. */
static cosched_status read_rows(cosched_previous *p, const cosched_scenario *sc,
                                const cs_plan_table *pt, cosched_diags *d, prev_row *rows,
                                int *n_rows, prev_row *seqs, int *n_seqs)
{
    const char *file = pt->path;
    cs_plan_report rep = { d, NULL, 0 };
    int n = 0;
    int ns = 0;
    for (int r = 0; r < cs_plan_table_n_rows(pt); r++) {
        cs_plan_record rec;
        (void)cs_plan_record_read(pt, sc->horizon_epoch_min, r, &rep, &rec);
        long ln = rec.src;
        const char *lid = rec.f[CS_PC_LINE];
        const char *oid = rec.f[CS_PC_ORDER];
        int line = cs_scenario_find_line(sc, lid);
        if (line >= 0 && rec.seq > 0)
            seqs[ns++] = (prev_row){.line = line, .seq = rec.seq, .src = ln};
        if (rec.kind != CS_BLOCK_PRODUCTION)
            continue;
        double q;
        if (cs_parse_double(rec.f[CS_PC_QUANTITY], &q) && !(q > 0.0)) {
            cs_diag_addc(d, "E_BAD_VALUE", COSCHED_SEV_ERROR, file, ln, "quantity",
                         "column 'quantity': expected a number > 0, got '%s'",
                         rec.f[CS_PC_QUANTITY]);
            rep.n++;
        }
        if (*oid == '\0') {
            cs_diag_addc(d, "E_BAD_VALUE", COSCHED_SEV_ERROR, file, ln, "order_id",
                         "column 'order_id': a production block needs an order");
            rep.n++;
            continue;
        }
        int order = cs_scenario_find_order(sc, oid);
        if (order < 0) {
            if (sc->done_index == NULL || cs_strmap_get(sc->done_index, oid) < 0)
                CS_TRY(note(p, d, file, ln, "order_id",
                            "order '%s' is no longer in the scenario; dropped", oid));
            continue;
        }
        if (line < 0) {
            CS_TRY(note(p, d, file, ln, "line_id",
                        "line '%s' is no longer in the scenario; order '%s' is planned anew",
                        lid, oid));
            continue;
        }
        rows[n++] = (prev_row){line, rec.seq, order, rec.quantity, rec.start_at, rec.end_at, ln};
    }
    *n_rows = n;
    *n_seqs = ns;
    return rep.n > 0 ? COSCHED_EINPUT : COSCHED_OK;
}

/* Two rows of one line with the same seq leave the sequence undefined: an error at the
 * later row, naming the earlier. @p seqs is sorted by line, seq and file line. */
static bool has_duplicate_seq(const cosched_scenario *sc, const char *file, cosched_diags *d,
                              const prev_row *seqs, int n)
{
    bool dup = false;
    for (int i = 1; i < n; i++) {
        if (seqs[i].line == seqs[i - 1].line && seqs[i].seq == seqs[i - 1].seq) {
            cs_diag_addc(d, "E_BAD_VALUE", COSCHED_SEV_ERROR, file, seqs[i].src, "seq",
                         "column 'seq': line '%s' has seq %ld twice (also on line %ld)",
                         sc->lines[seqs[i].line].id, seqs[i].seq, seqs[i - 1].src);
            dup = true;
        }
    }
    return dup;
}

/* Group sorted rows into jobs per line and note each order's earliest job. */
static cosched_status make_jobs(cosched_previous *p, const prev_row *rows, int n)
{
    for (int i = 0; i < n;) {
        int l = rows[i].line;
        int j = i;
        while (j < n && rows[j].line == l)
            j++;
        prev_job *jobs = cs_calloc((size_t)(j - i), sizeof *jobs);
        if (jobs == NULL)
            return COSCHED_ENOMEM;
        p->lines[l].v = jobs;
        int k = 0;
        for (int r = i; r < j; r++) {
            prev_job *last = k > 0 ? &jobs[k - 1] : NULL;
            if (last != NULL && last->order == rows[r].order) {
                last->quantity += rows[r].quantity;
                if (rows[r].end_at > last->end_at)
                    last->end_at = rows[r].end_at;
                continue;
            }
            jobs[k++] = (prev_job){rows[r].order, rows[r].quantity, rows[r].start_at,
                                   rows[r].end_at, rows[r].src};
        }
        p->lines[l].n = k;
        for (int q = 0; q < k; q++) {
            const prev_job *jb = &jobs[q];
            if (p->line[jb->order] < 0 || jb->start_at < p->start_at[jb->order]) {
                p->line[jb->order] = l;
                p->start_at[jb->order] = jb->start_at;
            }
            if (jb->end_at > p->end_at[jb->order])
                p->end_at[jb->order] = jb->end_at;
        }
        i = j;
    }
    return COSCHED_OK;
}

/* An order that may not be split but stands in the previous plan more than once (on two
 * lines, or twice on one with other orders between) was planned twice: a warning at each
 * later run, naming the first. Only one run can stay frozen; make_prefix keeps the first. */
static cosched_status warn_duplicate_orders(cosched_previous *p, const cosched_scenario *sc,
                                            const char *file, cosched_diags *d)
{
    long *first = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *first);
    if (first == NULL)
        return COSCHED_ENOMEM;
    cosched_status st = COSCHED_OK;
    for (int l = 0; l < p->n_lines && st == COSCHED_OK; l++) {
        for (int k = 0; k < p->lines[l].n && st == COSCHED_OK; k++) {
            const prev_job *jb = &p->lines[l].v[k];
            if (sc->orders[jb->order].split)
                continue;
            if (first[jb->order] == 0)
                first[jb->order] = jb->src;
            else
                st = note(p, d, file, jb->src, "order_id",
                          "order '%s' is planned again here (also on line %ld), but it may "
                          "not be split: only one of its runs can stay frozen",
                          sc->orders[jb->order].id, first[jb->order]);
        }
    }
    free(first);
    return st;
}

/* The orders that the previous plan's summary.json lists as done (a plan of the nightly
 * loop carries them on, so that an order finished two nights ago stays done). A missing or
 * unreadable summary.json just lists none: plan.csv is what re-planning needs. */
static cosched_status read_done(const cosched_scenario *sc, const char *plan_dir, bool *done)
{
    cs_plan_summary sum;
    cosched_status st = cs_plan_summary_load(plan_dir, NULL, &sum);
    if (st == COSCHED_OK) {
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(sum.root, "done"), i, v) {
            int o = json_is_string(v) ? cs_scenario_find_order(sc, json_string_value(v)) : -1;
            if (o >= 0)
                done[o] = true;
        }
    }
    cs_plan_summary_clear(&sum);
    return st == COSCHED_ENOMEM ? st : COSCHED_OK;
}

cosched_status cosched_previous_load(const cosched_scenario *sc, const char *plan_dir,
                                     cosched_diags *diags, cosched_previous **out)
{
    if (sc == NULL || plan_dir == NULL || diags == NULL || out == NULL)
        return COSCHED_EINVAL;
    cosched_status st;
    cs_plan_table pt;
    memset(&pt, 0, sizeof pt);
    prev_row *rows = NULL;
    prev_row *seqs = NULL;
    cosched_previous *p = calloc(1, sizeof *p);
    if (p == NULL)
        return COSCHED_ENOMEM;
    p->n_orders = sc->n_orders;
    p->n_lines = sc->n_lines;
    size_t no = (size_t)(sc->n_orders > 0 ? sc->n_orders : 1);
    size_t nl = (size_t)(sc->n_lines > 0 ? sc->n_lines : 1);
    p->dir = cs_strdup(plan_dir);
    p->line = cs_calloc(no, sizeof *p->line);
    p->start_at = cs_calloc(no, sizeof *p->start_at);
    p->end_at = cs_calloc(no, sizeof *p->end_at);
    p->done = cs_calloc(no, sizeof *p->done);
    p->lines = cs_calloc(nl, sizeof *p->lines);
    if (p->dir == NULL || p->line == NULL || p->start_at == NULL || p->end_at == NULL ||
        p->done == NULL || p->lines == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    for (int o = 0; o < sc->n_orders; o++) {
        p->line[o] = -1;
        p->end_at[o] = INT32_MIN;
    }
    cs_plan_report rep = { diags, NULL, 0 };
    CS_TRY_GOTO(st, cs_plan_table_load(plan_dir, CS_PLAN_CSV, CS_PC_PREVIOUS, &rep, &pt),
                cleanup);
    if (!pt.complete) {
        st = COSCHED_EINPUT;
        goto cleanup;
    }
    int n_rows = cs_plan_table_n_rows(&pt);
    rows = cs_calloc((size_t)(n_rows > 0 ? n_rows : 1), sizeof *rows);
    seqs = cs_calloc((size_t)(n_rows > 0 ? n_rows : 1), sizeof *seqs);
    if (rows == NULL || seqs == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    int n = 0;
    int n_seqs = 0;
    CS_TRY_GOTO(st, read_rows(p, sc, &pt, diags, rows, &n, seqs, &n_seqs), cleanup);
    qsort(seqs, (size_t)n_seqs, sizeof *seqs, cmp_row);
    if (has_duplicate_seq(sc, pt.path, diags, seqs, n_seqs)) {
        st = COSCHED_EINPUT;
        goto cleanup;
    }
    qsort(rows, (size_t)n, sizeof *rows, cmp_row);
    CS_TRY_GOTO(st, make_jobs(p, rows, n), cleanup);
    CS_TRY_GOTO(st, warn_duplicate_orders(p, sc, pt.path, diags), cleanup);
    CS_TRY_GOTO(st, read_done(sc, plan_dir, p->done), cleanup);
    p->rows = rows;
    p->n_rows = n;
    rows = NULL;
    *out = p;
    p = NULL;
cleanup:
    free(seqs);
    free(rows);
    cs_plan_table_clear(&pt);
    cosched_previous_free(p);
    return st;
}

/* ---- solving ---------------------------------------------------------------------------- */

typedef struct {
    cs_job *v; /* frozen prefix of the line */
    int n;
} prefix_line;

typedef struct {
    prefix_line *lines; /* [n_lines] */
    double *remain;  /* [n_orders] quantity left to plan */
    bool *frozen;    /* [n_orders] some part of it is frozen */
    int n_frozen;
} prefix_set;

static void prefix_free(prefix_set *ps, int n_lines)
{
    if (ps->lines != NULL)
        for (int l = 0; l < n_lines; l++)
            free(ps->lines[l].v);
    free(ps->lines);
    free(ps->remain);
    free(ps->frozen);
}

/* Why job @p jb cannot stay frozen on line @p l, or NULL when it can (@p q: its quantity). */
static const char *unfreezable(const cosched_scenario *sc, const prefix_set *ps, int l,
                               const prev_job *jb, double *q)
{
    const cs_order *od = &sc->orders[jb->order];
    if (cs_run_minutes(sc, jb->order, l) < 0)
        return od->has_pinned_line ? "it is pinned to another line"
                                   : "its line can no longer make it";
    if (od->has_pinned_start && jb->start_at < od->pinned_start_at)
        return "its pinned_start is later";
    double left = ps->remain[jb->order];
    *q = od->split ? fmin(jb->quantity, left) : left;
    if (!(*q > 1e-9) || (!od->split && ps->frozen[jb->order]))
        return "it already stands earlier in the previous plan";
    return NULL;
}

static cosched_status make_prefix(const cosched_scenario *sc, const cosched_previous *prev,
                                  bool freezing, int32_t horizon, prefix_set *ps,
                                  cosched_plan *plan)
{
    size_t nl = (size_t)(sc->n_lines > 0 ? sc->n_lines : 1);
    size_t no = (size_t)(sc->n_orders > 0 ? sc->n_orders : 1);
    ps->lines = cs_calloc(nl, sizeof *ps->lines);
    ps->remain = cs_calloc(no, sizeof *ps->remain);
    ps->frozen = cs_calloc(no, sizeof *ps->frozen);
    if (ps->lines == NULL || ps->remain == NULL || ps->frozen == NULL)
        return COSCHED_ENOMEM;
    for (int o = 0; o < sc->n_orders; o++)
        ps->remain[o] = sc->orders[o].quantity;
    for (int l = 0; l < sc->n_lines; l++) {
        int nj = freezing ? prev->lines[l].n : 0;
        prefix_line *pl = &ps->lines[l];
        pl->v = cs_calloc((size_t)nj + 1, sizeof *pl->v);
        if (pl->v == NULL)
            return COSCHED_ENOMEM;
    }
    /* An order in progress goes on first on its line, for what is left of it. */
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *od = &sc->orders[o];
        if (od->status != CS_ORDER_IN_PROGRESS)
            continue;
        prefix_line *pl = &ps->lines[od->progress_line];
        pl->v[pl->n++] = (cs_job){o, od->quantity};
        ps->remain[o] = 0.0;
    }
    if (!freezing)
        return COSCHED_OK;
    int32_t now_at = sc->set.now_at;
    for (int l = 0; l < sc->n_lines; l++) {
        int nj = prev->lines[l].n;
        const prev_job *pj = prev->lines[l].v;
        prefix_line *pl = &ps->lines[l];
        for (int k = 0; k < nj && pj[k].start_at < horizon; k++) {
            const prev_job *jb = &pj[k];
            /* Before now the previous plan is history, and an order in progress already
             * heads its line. */
            if (jb->start_at < now_at ||
                sc->orders[jb->order].status == CS_ORDER_IN_PROGRESS)
                continue;
            double q = 0.0;
            const char *why = unfreezable(sc, ps, l, jb, &q);
            if (why != NULL) {
                /* The rest of the line is planned again, so the frozen part keeps its
                 * times exactly. */
                int rest = 0;
                for (int r = k; r < nj && pj[r].start_at < horizon; r++)
                    rest += pj[r].start_at >= now_at;
                cosched_status st = cs_plan_warn(
                    plan, "line %s: order %s starts before the frozen horizon but is planned "
                          "again (%s), with %d more after it",
                    sc->lines[l].id, sc->orders[jb->order].id, why, rest - 1);
                if (st != COSCHED_OK)
                    return st;
                break;
            }
            pl->v[pl->n++] = (cs_job){jb->order, q};
            ps->remain[jb->order] -= q;
            if (ps->remain[jb->order] < 1e-9 * fmax(1.0, sc->orders[jb->order].quantity))
                ps->remain[jb->order] = 0.0;
            if (!ps->frozen[jb->order])
                ps->n_frozen++;
            ps->frozen[jb->order] = true;
        }
    }
    return COSCHED_OK;
}

static cosched_status make_info(const cosched_scenario *sc, const cosched_previous *prev,
                                const prefix_set *ps, bool freezing, int32_t horizon,
                                cs_replan_info **out)
{
    cs_replan_info *ri = calloc(1, sizeof *ri);
    if (ri == NULL)
        return COSCHED_ENOMEM;
    size_t no = (size_t)(sc->n_orders > 0 ? sc->n_orders : 1);
    ri->prev_line = cs_calloc(no, sizeof *ri->prev_line);
    ri->frozen = cs_calloc(no, sizeof *ri->frozen);
    ri->previous_dir = cs_strdup(prev->dir);
    if (ri->prev_line == NULL || ri->frozen == NULL || ri->previous_dir == NULL) {
        cs_replan_info_free(ri);
        return COSCHED_ENOMEM;
    }
    for (int o = 0; o < sc->n_orders; o++) {
        ri->prev_line[o] = prev->line[o];
        ri->frozen[o] = ps->frozen[o];
    }
    ri->n_frozen = ps->n_frozen;
    ri->has_frozen_until = freezing;
    ri->frozen_until_at = horizon;
    *out = ri;
    return COSCHED_OK;
}

/* Times of frozen orders against the previous plan; a difference means the scenario changed
 * under them (calendar, rates, releases): they keep line and sequence, and a warning says so. */
static cosched_status compare_times(const cosched_scenario *sc, const cosched_previous *prev,
                                    cosched_plan *plan)
{
    for (int o = 0; o < sc->n_orders; o++) {
        if (!plan->replan->frozen[o] || !plan->orders[o].scheduled)
            continue;
        if (plan->orders[o].start_at != prev->start_at[o]) {
            plan->replan->n_retimed++;
            cosched_status st = cs_plan_warn(
                plan, "frozen order %s keeps its line and place but now starts %+ld minutes "
                      "from its previous start (the scenario changed under it)",
                sc->orders[o].id, (long)plan->orders[o].start_at - prev->start_at[o]);
            if (st != COSCHED_OK)
                return st;
        }
    }
    return COSCHED_OK;
}

/* An order that is open in the scenario although the previous plan had finished it by now
 * is planned again, but never silently: the plant may have forgotten to report it done. */
static cosched_status warn_still_open(const cosched_scenario *sc, const cosched_previous *prev,
                                      cosched_plan *plan)
{
    char when[32];
    for (int o = 0; o < sc->n_orders; o++) {
        if (sc->orders[o].status != CS_ORDER_OPEN || prev->line[o] < 0 ||
            prev->end_at[o] > sc->set.now_at)
            continue;
        cs_datetime_format(sc->horizon_epoch_min + prev->end_at[o], when, sizeof when);
        CS_TRY(cs_plan_warn(plan, "order %s ended before now in the previous plan (at %s) but "
                                  "is still open; it is planned again",
                            sc->orders[o].id, when));
    }
    return COSCHED_OK;
}

/* The earliest-due-date rule in a re-plan, as a planner would apply it tonight: the same
 * frozen and in-progress prefix, then the rule on the rest (derived scenario @p dsc, whose
 * order j is @p orig_of[j]), built as a plan of the whole scenario so that its figures
 * compare with the plan's. */
static cosched_status keep_edd_rule(const cosched_scenario *sc, const prefix_set *ps,
                                    const cosched_scenario *dsc, const int *orig_of,
                                    cosched_plan *plan)
{
    cs_sol rule = {0};
    cosched_plan *whole = cs_plan_create(sc);
    cosched_status st = whole != NULL ? cs_sol_init(&rule, dsc) : COSCHED_ENOMEM;
    if (st == COSCHED_OK)
        st = cs_heur_edd_run(dsc, &rule);
    for (int l = 0; st == COSCHED_OK && l < sc->n_lines; l++) {
        for (int k = 0; st == COSCHED_OK && k < ps->lines[l].n; k++)
            st = cs_plan_append(whole, l, ps->lines[l].v[k].order, ps->lines[l].v[k].quantity);
        const int *q = cs_sol_line(&rule, l);
        for (int k = 0; st == COSCHED_OK && k < rule.len[l]; k++)
            st = cs_plan_append(whole, l, orig_of[q[k]], dsc->orders[q[k]].quantity);
    }
    if (st == COSCHED_OK)
        st = cs_plan_build(sc, whole);
    if (st == COSCHED_OK) {
        plan->edd_kpis = whole->kpis;
        plan->edd_objective = whole->objective;
        plan->has_edd = true;
    }
    cs_sol_destroy(&rule);
    cosched_plan_free(whole);
    return st;
}

cosched_status cs_replan_solve(const cosched_scenario *sc, const cosched_options *opt,
                               cosched_plan **out)
{
    const cosched_previous *prev = opt->previous;
    if (prev != NULL && (prev->n_orders != sc->n_orders || prev->n_lines != sc->n_lines))
        return COSCHED_EINVAL;
    double t0 = cs_now();
    /* Freezing needs a previous plan; --freeze-hours counts from now. */
    bool freezing = prev != NULL && (opt->freeze_hours >= 0.0 || sc->set.has_frozen_until);
    int32_t horizon = opt->freeze_hours >= 0.0
                          ? sc->set.now_at + (int32_t)lround(opt->freeze_hours * 60.0)
                          : sc->set.frozen_until_at;
    cosched_status st;
    prefix_set ps;
    memset(&ps, 0, sizeof ps);
    cosched_plan *head = NULL;
    cosched_plan *sub = NULL;
    cosched_plan *plan = NULL;
    cosched_scenario *dsc = NULL;
    int *orig_of = NULL;
    int32_t *avail = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *avail);
    int *init = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *init);
    bool *keep = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *keep);
    plan = cs_plan_create(sc);
    if (avail == NULL || init == NULL || keep == NULL || plan == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    if (prev != NULL) {
        for (int i = 0; i < prev->n_warnings; i++)
            CS_TRY_GOTO(st, cs_plan_warn(plan, "previous plan: %s", prev->warnings[i]), cleanup);
        CS_TRY_GOTO(st, warn_still_open(sc, prev, plan), cleanup);
    }
    CS_TRY_GOTO(st, make_prefix(sc, prev, freezing, horizon, &ps, plan), cleanup);
    /* The record first: the derived scenario reads the previous lines from it. */
    if (prev != NULL)
        CS_TRY_GOTO(st, make_info(sc, prev, &ps, freezing, horizon, &plan->replan), cleanup);

    /* Each line's state after its frozen prefix, timed by the one timing rule. */
    head = cs_plan_create(sc);
    if (head == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    for (int l = 0; l < sc->n_lines; l++)
        for (int k = 0; k < ps.lines[l].n; k++)
            CS_TRY_GOTO(st, cs_plan_append(head, l, ps.lines[l].v[k].order,
                                           ps.lines[l].v[k].quantity), cleanup);
    CS_TRY_GOTO(st, cs_plan_build(sc, head), cleanup);
    for (int l = 0; l < sc->n_lines; l++) {
        avail[l] = sc->lines[l].available_at;
        init[l] = sc->lines[l].initial_product;
    }
    for (int i = 0; i < head->n_blocks; i++) {
        const cs_block *b = &head->blocks[i];
        if (b->kind == CS_BLOCK_PRODUCTION) {
            avail[b->line] = b->end_at;
            init[b->line] = b->product;
        }
    }
    for (int o = 0; o < sc->n_orders; o++)
        keep[o] = ps.remain[o] > 0.0;
    cs_derive_spec spec = {
        .keep = keep,
        .quantity = ps.remain,
        .available_at = avail,
        .initial_product = init,
        .prev_line = plan->replan != NULL ? plan->replan->prev_line : NULL,
    };
    CS_TRY_GOTO(st, cs_scenario_derive(sc, &spec, &dsc, &orig_of), cleanup);

    CS_TRY_GOTO(st, cs_solve_model(dsc, opt, &sub), cleanup);

    CS_TRY_GOTO(st, cs_plan_copy_warnings(plan, sub), cleanup);
    const cosched_result *sr = &sub->result;
    bool has_plan = sr->outcome == COSCHED_OUTCOME_OPTIMAL ||
                    sr->outcome == COSCHED_OUTCOME_FEASIBLE;
    if (has_plan) {
        for (int l = 0; l < sc->n_lines; l++) {
            for (int k = 0; k < ps.lines[l].n; k++)
                CS_TRY_GOTO(st, cs_plan_append(plan, l, ps.lines[l].v[k].order,
                                               ps.lines[l].v[k].quantity), cleanup);
            for (int k = 0; k < sub->seq[l].n; k++)
                CS_TRY_GOTO(st, cs_plan_append(plan, l, orig_of[sub->seq[l].jobs[k].order],
                                               sub->seq[l].jobs[k].quantity), cleanup);
        }
    }
    CS_TRY_GOTO(st, cs_plan_build(sc, plan), cleanup);
    if (has_plan && prev != NULL)
        CS_TRY_GOTO(st, compare_times(sc, prev, plan), cleanup);
    if (has_plan)
        CS_TRY_GOTO(st, keep_edd_rule(sc, &ps, dsc, orig_of, plan), cleanup);
    plan->result = *sr;
    plan->result.objective = plan->objective;
    plan->seed = sub->seed;
    plan->time_limit_s = sub->time_limit_s;
    plan->mip_gap = sub->mip_gap;
    cs_plan_set_method(plan, sr->method);
    plan->result.solve_seconds = cs_now() - t0;
    if (ps.n_frozen > 0) {
        /* Frozen orders restrict the model: a bound of the rest is none for the whole
         * scenario, and optimality cannot be claimed. */
        plan->result.has_bound = false;
        plan->result.bound = 0.0;
        plan->result.mip_complete = false;
        memset(plan->has_term_bound, 0, sizeof plan->has_term_bound);
        if (plan->result.outcome == COSCHED_OUTCOME_OPTIMAL)
            plan->result.outcome = COSCHED_OUTCOME_FEASIBLE;
    } else if (plan->result.has_bound) {
        /* The rest's bound plus what the orders in progress add for certain (their
         * tardiness: they run first, so nothing can make them earlier). The rest was
         * planned with fresh sanitation counts and without the prefix's crews, a
         * relaxation, so its bound stays valid under them. */
        double fixed = sc->set.weight_late_orders * (double)head->kpis.late_orders +
                       sc->set.weight_tardiness * head->kpis.weighted_tardiness_minutes;
        plan->result.bound = fmin(plan->result.bound + fixed, plan->objective);
        /* The rest's term bounds hold for the whole plan too: the prefix only adds. */
        memcpy(plan->has_term_bound, sub->has_term_bound, sizeof plan->has_term_bound);
        memcpy(plan->term_bound, sub->term_bound, sizeof plan->term_bound);
        plan->term_bound[CS_TERM_TARDINESS] += head->kpis.weighted_tardiness_minutes;
        double tol = 1e-6 * fmax(1.0, fabs(plan->objective));
        if (plan->result.outcome == COSCHED_OUTCOME_OPTIMAL &&
            plan->objective - plan->result.bound > tol)
            plan->result.outcome = COSCHED_OUTCOME_FEASIBLE;
    }
    *out = plan;
    plan = NULL;
cleanup:
    cosched_plan_free(sub);
    cs_scenario_derived_free(dsc); /* before plan: it borrows plan->replan->prev_line */
    cosched_plan_free(plan);
    free(orig_of);
    cosched_plan_free(head);
    free(keep);
    free(init);
    free(avail);
    prefix_free(&ps, sc->n_lines);
    return st;
}
