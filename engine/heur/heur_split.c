/* heur_split.c -- the last step of a solve: what the whole-order search cannot see. Orders
 * on a line that cannot hold their min_split move to one that can; with limited cleaning
 * crews the candidate plans are compared by their built objective (crew waits included)
 * and improved by swaps; splittable orders that are late, or on the line that sets the
 * makespan, are spread over other lines where that lowers the exact objective. Only
 * improvements are kept, and every step is bounded by a work count, so it is deterministic. */
#include "heur/heur.h"

#include "base/base.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whole-order constructions are rerun for the crew comparison only up to this size. */
#define SPLIT_RERUN_MAX_ORDERS 150
#define SPLIT_MAX_PASSES 3

typedef struct {
    const cosched_scenario *sc;
    const cs_split_params *par;
    cosched_plan *p;
    int L;
    int N;
    cs_line_eval *ev;  /* [L] each line of p, crews ignored */
    cs_line_eval *evs; /* [L] scratch */
    int32_t *end_on;   /* [N * L] end of a multi-line order's last job on each line, -1 none */
    int *mlist;        /* orders standing on two or more lines */
    int n_m;
    cs_job *buf_a;     /* scratch lines, cap_buf jobs each */
    cs_job *buf_b;
    cs_job *save_a;
    cs_job *save_b;
    int cap_buf;
    int n_splits; /* kept so far: at most N, so a line never outgrows the scratch lines */
    long work;
    bool stopped;
    bool timed_out; /* stopped by the deadline, not by max_work */
} split_ctx;

static bool out_of_work(split_ctx *c)
{
    if (c->stopped)
        return true;
    if (c->work > c->par->max_work) {
        c->stopped = true;
    } else if (c->par->use_deadline && (c->work & 63) == 0 && cs_now() > c->par->deadline) {
        c->stopped = true;
        c->timed_out = true;
    }
    return c->stopped;
}

static void eval_jobs(split_ctx *c, int k, const cs_job *jobs, int n, cs_line_eval *out)
{
    c->work += n + 1;
    cs_line_evaluate_jobs(c->sc, k, jobs, n, out);
}

/* End of order @p o's last job in @p jobs on line @p k, -1 when it is not there. */
static int32_t order_end(split_ctx *c, int k, const cs_job *jobs, int n, int o)
{
    int last = -1;
    for (int j = 0; j < n; j++)
        if (jobs[j].order == o)
            last = j;
    if (last < 0)
        return -1;
    cs_line_eval e;
    eval_jobs(c, k, jobs, last + 1, &e);
    return e.last_end_at;
}

static double wtard(const cs_order *o, int32_t end)
{
    return end > o->due_at ? o->weight * (double)((int64_t)end - o->due_at) : 0.0;
}

/* The per-line figures count an order's tardiness (and that it is late) once per line it
 * stands on; the plan counts it once, at its latest end. Lines @p a and @p b are given by their jobs, the
 * others come from end_on; @p extra is an order that is multi-line in the candidate only. */
static double correction(split_ctx *c, int a, const cs_job *ja, int na, int b, const cs_job *jb,
                         int nb, int extra)
{
    double corr = 0.0;
    int late_corr = 0; /* late parts counted beyond one per order */
    for (int i = 0; i <= c->n_m; i++) {
        int m = i < c->n_m ? c->mlist[i] : extra;
        if (m < 0)
            continue;
        if (i == c->n_m) {
            bool listed = false;
            for (int j = 0; j < c->n_m && !listed; j++)
                listed = c->mlist[j] == m;
            if (listed)
                continue;
        }
        const cs_order *od = &c->sc->orders[m];
        double sum = 0.0;
        double top = 0.0;
        int late = 0;
        for (int k = 0; k < c->L; k++) {
            int32_t e = k == a   ? order_end(c, a, ja, na, m)
                        : k == b ? order_end(c, b, jb, nb, m)
                                 : c->end_on[(size_t)m * c->L + k];
            if (e < 0)
                continue;
            double t = wtard(od, e);
            sum += t;
            if (t > top)
                top = t;
            late += e > od->due_at;
        }
        corr += sum - top;
        late_corr += late > 1 ? late - 1 : 0;
    }
    return c->sc->set.weight_tardiness * corr +
           c->sc->set.weight_late_orders * (double)late_corr;
}

/* Re-evaluate every line, the multi-line orders and their ends; the exact objective with
 * crews ignored. */
static double refresh(split_ctx *c)
{
    cosched_plan *p = c->p;
    int *cnt = NULL;
    c->n_m = 0;
    for (int k = 0; k < c->L; k++)
        eval_jobs(c, k, p->seq[k].jobs, p->seq[k].n, &c->ev[k]);
    for (size_t i = 0; i < (size_t)c->N * c->L; i++)
        c->end_on[i] = -1;
    cnt = c->mlist; /* reused as a line count per order before it becomes the list */
    memset(cnt, 0, (size_t)c->N * sizeof *cnt);
    for (int k = 0; k < c->L; k++) {
        for (int j = 0; j < p->seq[k].n; j++) {
            int o = p->seq[k].jobs[j].order;
            bool first = true;
            for (int i = 0; i < j && first; i++)
                first = p->seq[k].jobs[i].order != o;
            cnt[o] += first;
        }
    }
    for (int o = 0; o < c->N; o++)
        if (cnt[o] > 1)
            cnt[c->n_m++] = o; /* c->n_m <= o, so unread counts are never overwritten */
    for (int i = 0; i < c->n_m; i++) {
        int m = c->mlist[i];
        for (int k = 0; k < c->L; k++)
            c->end_on[(size_t)m * c->L + k] = order_end(c, k, p->seq[k].jobs, p->seq[k].n, m);
    }
    return cs_objective_of(c->sc, c->ev, c->L) - correction(c, -1, NULL, 0, -1, NULL, 0, -1);
}

/* memcpy of jobs; an empty line may have no array at all. */
static void copy_jobs(cs_job *dst, const cs_job *src, int n)
{
    if (n > 0)
        memcpy(dst, src, (size_t)n * sizeof *dst);
}

static cosched_status seq_reserve(cs_seq *s, int n)
{
    if (n <= 0)
        return COSCHED_OK;
    cs_job *jobs = cs_grow(s->jobs, sizeof *jobs, (size_t)n, &s->cap, 8);
    if (jobs == NULL)
        return COSCHED_ENOMEM;
    s->jobs = jobs;
    return COSCHED_OK;
}

static cosched_status seq_insert(cs_seq *s, int pos, cs_job job)
{
    CS_TRY(seq_reserve(s, s->n + 1));
    memmove(s->jobs + pos + 1, s->jobs + pos, (size_t)(s->n - pos) * sizeof *s->jobs);
    s->jobs[pos] = job;
    s->n++;
    return COSCHED_OK;
}

/* Copy line @p k with job @p at holding @p qty units (or removed when qty <= 0) into dst. */
static int copy_line(const cs_seq *s, int at, double qty, cs_job *dst)
{
    int n = 0;
    for (int j = 0; j < s->n; j++) {
        if (j == at && !(qty > 0.0))
            continue;
        dst[n] = s->jobs[j];
        if (j == at)
            dst[n].quantity = qty;
        n++;
    }
    return n;
}

/* Best position for a part (o, x) on line b, with line a given by buf_a[0..na) and its
 * figures in evs[a]. Returns the objective (crews ignored), DBL_MAX when none. */
static double best_position(split_ctx *c, int o, double x, int a, int na, int b, int *pos_out)
{
    const cs_seq *sb = &c->p->seq[b];
    double best = DBL_MAX;
    for (int pos = 0; pos <= sb->n && !out_of_work(c); pos++) {
        copy_jobs(c->buf_b, sb->jobs, pos);
        c->buf_b[pos].order = o;
        c->buf_b[pos].quantity = x;
        if (pos < sb->n)
            copy_jobs(c->buf_b + pos + 1, sb->jobs + pos, sb->n - pos);
        eval_jobs(c, b, c->buf_b, sb->n + 1, &c->evs[b]);
        double v = cs_objective_of(c->sc, c->evs, c->L) -
                   correction(c, a, c->buf_a, na, b, c->buf_b, sb->n + 1, o);
        if (v < best) {
            best = v;
            *pos_out = pos;
        }
    }
    return best;
}

typedef struct {
    double value;
    int line;
    int pos;
    double x;
} split_move;

/* Objective of moving @p x of the @p q units of job (a, ja) of order @p o to line b. */
static double try_x(split_ctx *c, int o, int a, int ja, double q, int b, double x, int *pos)
{
    if (!cs_sol_part_fits(c->sc, o, a, q - x) || !cs_sol_part_fits(c->sc, o, b, x))
        return DBL_MAX;
    memcpy(c->evs, c->ev, (size_t)c->L * sizeof *c->evs);
    int na = copy_line(&c->p->seq[a], ja, q - x, c->buf_a);
    eval_jobs(c, a, c->buf_a, na, &c->evs[a]);
    return best_position(c, o, x, a, na, b, pos);
}

static void consider(split_ctx *c, split_move *m, int o, int a, int ja, double q, int b,
                     double x)
{
    int pos = -1;
    double v = try_x(c, o, a, ja, q, b, x, &pos);
    if (v < m->value) {
        m->value = v;
        m->line = b;
        m->pos = pos;
        m->x = x;
    }
}

/* The best split of job (a, ja) over the other lines: a grid of fractions, then a pattern
 * search around the best amount (the objective is often unimodal in it). */
static void best_split(split_ctx *c, int o, int a, int ja, split_move *m)
{
    const cs_order *od = &c->sc->orders[o];
    double q = c->p->seq[a].jobs[ja].quantity;
    bool whole = fabs(q - floor(q + 0.5)) < 1e-9;
    double unit = whole ? 1.0 : q / 256.0;
    double lo = fmax(od->min_split, unit);
    double hi = q - lo;
    if (lo > hi)
        return;
    static const double frac[] = { 0.25, 1.0 / 3.0, 0.5, 2.0 / 3.0, 0.75 };
    for (int b = 0; b < c->L && !out_of_work(c); b++) {
        if (b == a || cs_run_minutes(c->sc, o, b) < 0)
            continue;
        split_move here = { DBL_MAX, -1, -1, 0.0 };
        consider(c, &here, o, a, ja, q, b, lo);
        consider(c, &here, o, a, ja, q, b, hi);
        for (size_t i = 0; i < sizeof frac / sizeof frac[0]; i++) {
            double x = fmin(hi, fmax(lo, whole ? floor(q * frac[i] + 0.5) : q * frac[i]));
            consider(c, &here, o, a, ja, q, b, x);
        }
        if (here.line < 0)
            continue;
        double step = whole ? fmax(1.0, floor(q / 8.0)) : q / 8.0;
        for (int it = 0; it < 40 && step >= unit && !out_of_work(c); it++) {
            double center = here.x;
            double before = here.value;
            double up = fmin(hi, center + step);
            double down = fmax(lo, center - step);
            if (up != center)
                consider(c, &here, o, a, ja, q, b, up);
            if (down != center)
                consider(c, &here, o, a, ja, q, b, down);
            if (!(here.value < before))
                step = whole ? floor(step / 2.0) : step / 2.0;
        }
        if (here.value < m->value)
            *m = here;
    }
}

/* Built objective of c->p (crews included). */
static cosched_status built_value(split_ctx *c, double *v)
{
    CS_TRY(cs_plan_build(c->sc, c->p));
    *v = c->p->objective;
    return COSCHED_OK;
}

static bool better(const split_ctx *c, double v, double ref)
{
    return cs_is_improvement(&c->sc->set, v, ref);
}

/* Orders worth splitting, most weighted tardiness first. */
typedef struct {
    double key;
    int order;
} cand;

static int cand_cmp(const void *x, const void *y)
{
    const cand *a = x;
    const cand *b = y;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

static int collect_candidates(split_ctx *c, cand *out)
{
    const cosched_scenario *sc = c->sc;
    const cosched_plan *p = c->p;
    int crit = -1;
    for (int k = 0; k < c->L; k++)
        if (c->ev[k].last_end_at >= 0 && (crit < 0 || c->ev[k].last_end_at > c->ev[crit].last_end_at))
            crit = k;
    int n = 0;
    for (int o = 0; o < c->N; o++) {
        const cs_order *od = &sc->orders[o];
        if (!od->split || !p->orders[o].scheduled)
            continue;
        double key = wtard(od, p->orders[o].end_at);
        bool on_crit = false;
        if (sc->set.weight_makespan > 0.0 && crit >= 0)
            for (int j = 0; j < p->seq[crit].n && !on_crit; j++)
                on_crit = p->seq[crit].jobs[j].order == o;
        if (key > 0.0 || on_crit) {
            out[n].key = key;
            out[n].order = o;
            n++;
        }
    }
    qsort(out, (size_t)n, sizeof *out, cand_cmp);
    return n;
}

/* Apply a split move; with limited crews keep it only if the built plan improves.
 * @p kept tells which. */
static cosched_status apply_split(split_ctx *c, int o, int a, int ja, const split_move *m,
                                  double *cur_built, bool *kept)
{
    cosched_plan *p = c->p;
    cs_seq *sa = &p->seq[a];
    cs_seq *sb = &p->seq[m->line];
    int na = sa->n;
    int nb = sb->n;
    copy_jobs(c->save_a, sa->jobs, na);
    copy_jobs(c->save_b, sb->jobs, nb);
    sa->jobs[ja].quantity -= m->x;
    CS_TRY(seq_insert(sb, m->pos, (cs_job){ o, m->x }));
    double v;
    CS_TRY(built_value(c, &v));
    *kept = better(c, v, *cur_built);
    if (*kept) {
        *cur_built = v;
        return COSCHED_OK;
    }
    copy_jobs(sa->jobs, c->save_a, na);
    copy_jobs(sb->jobs, c->save_b, nb);
    sa->n = na;
    sb->n = nb;
    return built_value(c, &v);
}

static cosched_status split_search(split_ctx *c, double *cur_built, bool *changed)
{
    cand *cands = cs_calloc((size_t)c->N, sizeof *cands);
    if (cands == NULL)
        return COSCHED_ENOMEM;
    cosched_status st = COSCHED_OK;
    for (int pass = 0; pass < SPLIT_MAX_PASSES && !out_of_work(c); pass++) {
        bool improved = false;
        double cur = refresh(c);
        int n = collect_candidates(c, cands);
        for (int i = 0; i < n && !out_of_work(c) && c->n_splits < c->N; i++) {
            int o = cands[i].order;
            for (int a = 0; a < c->L && !out_of_work(c); a++) {
                for (int ja = 0; ja < c->p->seq[a].n; ja++) {
                    if (c->p->seq[a].jobs[ja].order != o)
                        continue;
                    split_move m = { DBL_MAX, -1, -1, 0.0 };
                    best_split(c, o, a, ja, &m);
                    if (m.line < 0 || !better(c, m.value, cur))
                        continue;
                    bool kept = false;
                    CS_TRY_GOTO(st, apply_split(c, o, a, ja, &m, cur_built, &kept), done);
                    if (kept) {
                        c->n_splits++;
                        improved = true;
                        *changed = true;
                        cur = refresh(c);
                    }
                    break; /* this line's jobs changed: go on with the next line */
                }
            }
        }
        if (!improved)
            break;
    }
done:
    free(cands);
    return st;
}

/* ---- whole orders: min_split repair and the comparison under limited crews -------------- */

/* Orders standing whole on a line that cannot hold them (see cs_sol_part_fits) move to the
 * best position on a line that can, when there is one. */
static void repair_min_split(const cosched_scenario *sc, cs_sol *s, int *buf)
{
    for (int o = 0; o < sc->n_orders; o++) {
        if (!sc->orders[o].split)
            continue;
        double q = sc->orders[o].quantity;
        int line;
        int at;
        if (!cs_sol_find(s, o, &line, &at) || cs_sol_part_fits(sc, o, line, q))
            continue;
        cs_sol_take(s, line, at);
        cs_sol_eval(sc, s);
        double best = DBL_MAX;
        int best_k = -1;
        int best_pos = -1;
        cs_line_eval keep;
        for (int k = 0; k < s->n_lines; k++) {
            if (!cs_sol_part_fits(sc, o, k, q))
                continue;
            keep = s->ev[k];
            const int *r = cs_sol_line(s, k);
            for (int pos = 0; pos <= s->len[k]; pos++) {
                memcpy(buf, r, (size_t)pos * sizeof *buf);
                buf[pos] = o;
                memcpy(buf + pos + 1, r + pos, (size_t)(s->len[k] - pos) * sizeof *buf);
                cs_line_evaluate(sc, k, buf, s->len[k] + 1, &s->ev[k]);
                double v = cs_objective_of(sc, s->ev, s->n_lines);
                if (v < best) {
                    best = v;
                    best_k = k;
                    best_pos = pos;
                }
            }
            s->ev[k] = keep;
        }
        if (best_k < 0) {
            best_k = line; /* no line holds it: put it back */
            best_pos = at;
        }
        cs_sol_put(s, best_k, best_pos, o);
        cs_sol_eval(sc, s);
    }
}

/* Adjacent swaps on each line, kept when the built plan (crew waits included) improves. */
static cosched_status crew_swaps(split_ctx *c, double *cur_built, bool *changed)
{
    cosched_plan *p = c->p;
    for (int pass = 0; pass < SPLIT_MAX_PASSES && !out_of_work(c); pass++) {
        bool improved = false;
        for (int k = 0; k < c->L && !out_of_work(c); k++) {
            cs_seq *s = &p->seq[k];
            for (int j = 0; j + 1 < s->n && !out_of_work(c); j++) {
                if (s->jobs[j].order == s->jobs[j + 1].order)
                    continue;
                cs_job t = s->jobs[j];
                s->jobs[j] = s->jobs[j + 1];
                s->jobs[j + 1] = t;
                double v;
                c->work += p->n_blocks + 1;
                CS_TRY(built_value(c, &v));
                if (better(c, v, *cur_built)) {
                    *cur_built = v;
                    *changed = true;
                    improved = true;
                } else {
                    s->jobs[j + 1] = s->jobs[j];
                    s->jobs[j] = t;
                }
            }
        }
        if (!improved)
            break;
    }
    return cs_plan_build(c->sc, p);
}

/* With limited crews the search's figures are optimistic: the whole-order constructions
 * compete with its result on their built objective. @p s holds the winner on return. */
static cosched_status crew_pick(split_ctx *c, cs_sol *s, bool *changed)
{
    const cosched_scenario *sc = c->sc;
    cs_sol alt = { 0 };
    double v;
    CS_TRY(cs_sol_to_plan(sc, s, c->p));
    CS_TRY(built_value(c, &v));
    cosched_status st = cs_sol_init(&alt, sc);
    if (st != COSCHED_OK)
        return st;
    int n_alt = sc->n_orders <= SPLIT_RERUN_MAX_ORDERS ? 3 : 1;
    for (int i = 0; i < n_alt && !out_of_work(c); i++) {
        if (i == 0)
            st = cs_heur_edd_run(sc, &alt);
        else
            st = cs_heur_insert_run(sc, &alt, i == 2);
        if (st != COSCHED_OK)
            break;
        st = cs_sol_to_plan(sc, &alt, c->p);
        double w = 0.0;
        if (st == COSCHED_OK)
            st = built_value(c, &w);
        if (st != COSCHED_OK)
            break;
        c->work += c->p->n_blocks + (long)sc->n_orders * sc->n_orders / (sc->n_lines + 1);
        if (better(c, w, v)) {
            v = w;
            cs_sol_copy(s, &alt);
            *changed = true;
        }
    }
    cs_sol_destroy(&alt);
    return st;
}

cosched_status cs_heur_split_run(const cosched_scenario *sc, const cs_sol *best,
                                 const cs_split_params *par, cosched_plan *plan,
                                 const char **what)
{
    split_ctx c;
    memset(&c, 0, sizeof c);
    c.sc = sc;
    c.par = par;
    c.p = plan;
    c.L = sc->n_lines;
    c.N = sc->n_orders;
    *what = NULL;
    cs_sol s = { 0 };
    cosched_status st = COSCHED_ENOMEM;
    size_t L1 = (size_t)(c.L > 0 ? c.L : 1);
    size_t N1 = (size_t)(c.N > 0 ? c.N : 1);
    /* All jobs: the N orders plus at most N kept splits, and one being tried. */
    c.cap_buf = 2 * c.N + 2;
    c.ev = cs_calloc(L1, sizeof *c.ev);
    c.evs = cs_calloc(L1, sizeof *c.evs);
    c.end_on = cs_calloc(N1 * L1, sizeof *c.end_on);
    c.mlist = cs_calloc(N1, sizeof *c.mlist);
    c.buf_a = cs_calloc((size_t)c.cap_buf, sizeof *c.buf_a);
    c.buf_b = cs_calloc((size_t)c.cap_buf, sizeof *c.buf_b);
    c.save_a = cs_calloc((size_t)c.cap_buf, sizeof *c.save_a);
    c.save_b = cs_calloc((size_t)c.cap_buf, sizeof *c.save_b);
    int *ibuf = cs_calloc(N1 + 1, sizeof *ibuf);
    if (c.ev == NULL || c.evs == NULL || c.end_on == NULL || c.mlist == NULL ||
        c.buf_a == NULL || c.buf_b == NULL || c.save_a == NULL || c.save_b == NULL ||
        ibuf == NULL)
        goto cleanup;
    CS_TRY_GOTO(st, cs_sol_init(&s, sc), cleanup);
    cs_sol_copy(&s, best);
    repair_min_split(sc, &s, ibuf);

    bool crew_changed = false;
    bool split_changed = false;
    double cur_built = 0.0;
    if (sc->set.cleaning_crews > 0)
        CS_TRY_GOTO(st, crew_pick(&c, &s, &crew_changed), cleanup);
    CS_TRY_GOTO(st, cs_sol_to_plan(sc, &s, plan), cleanup);
    CS_TRY_GOTO(st, built_value(&c, &cur_built), cleanup);

    bool any_split = false;
    for (int o = 0; o < c.N && !any_split; o++)
        any_split = sc->orders[o].split;
    if (any_split && c.L > 1)
        CS_TRY_GOTO(st, split_search(&c, &cur_built, &split_changed), cleanup);
    if (sc->set.cleaning_crews > 0)
        CS_TRY_GOTO(st, crew_swaps(&c, &cur_built, &crew_changed), cleanup);
    CS_TRY_GOTO(st, cs_plan_build(sc, plan), cleanup);
    if (split_changed)
        *what = "split";
    else if (crew_changed)
        *what = "crew-repair";
    if (par->work_done != NULL)
        *par->work_done = c.work;
    if (par->timed_out != NULL)
        *par->timed_out = c.timed_out;
    st = COSCHED_OK;
cleanup:
    cs_sol_destroy(&s);
    free(ibuf);
    free(c.save_b);
    free(c.save_a);
    free(c.buf_b);
    free(c.buf_a);
    free(c.mlist);
    free(c.end_on);
    free(c.evs);
    free(c.ev);
    return st;
}
