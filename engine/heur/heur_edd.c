/* heur_edd.c -- earliest-due-date dispatch, the baseline every solve must match or beat.
 * Orders are taken by due (then release, then index) and each goes to the end of the eligible
 * line where it would finish first under the plan timing rule (changeovers and downtime
 * included); ties go to the lower line index. A splittable order skips lines where min_split
 * cannot be kept (cs_sol_part_fits) unless no line can keep it. */
#include "heur/heur.h"

#include "base/base.h"
#include "model/timing.h"

#include <stdlib.h>

typedef struct {
    int32_t due_at;
    int32_t release_at;
    int order;
} edd_key;

static int edd_cmp(const void *a, const void *b)
{
    const edd_key *x = a;
    const edd_key *y = b;
    if (x->due_at != y->due_at)
        return x->due_at < y->due_at ? -1 : 1;
    if (x->release_at != y->release_at)
        return x->release_at < y->release_at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Keys are copied out so the comparison needs no global (the library may run in threads). */
static cosched_status sort_by_due(const cosched_scenario *sc, int *idx, int n)
{
    edd_key *keys = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
    if (keys == NULL)
        return COSCHED_ENOMEM;
    for (int i = 0; i < n; i++) {
        keys[i].due_at = sc->orders[i].due_at;
        keys[i].release_at = sc->orders[i].release_at;
        keys[i].order = i;
    }
    qsort(keys, (size_t)n, sizeof *keys, edd_cmp);
    for (int i = 0; i < n; i++)
        idx[i] = keys[i].order;
    free(keys);
    return COSCHED_OK;
}

cosched_status cs_heur_edd_run(const cosched_scenario *sc, cs_sol *out)
{
    int n = sc->n_orders;
    int *idx = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *idx);
    if (idx == NULL)
        return COSCHED_ENOMEM;
    if (sort_by_due(sc, idx, n) != COSCHED_OK) {
        free(idx);
        return COSCHED_ENOMEM;
    }

    cs_sol_clear(out);
    /* Each line's end and product so far: appending an order is a single timing step, so
     * dispatch costs orders x lines steps however long the lines grow. */
    int L = sc->n_lines;
    int32_t *t_end = cs_calloc((size_t)(L > 0 ? L : 1), sizeof *t_end);
    int *cur = cs_calloc((size_t)(L > 0 ? L : 1), sizeof *cur);
    if (t_end == NULL || cur == NULL) {
        free(t_end);
        free(cur);
        free(idx);
        return COSCHED_ENOMEM;
    }
    for (int k = 0; k < L; k++) {
        t_end[k] = sc->lines[k].available_at;
        cur[k] = sc->lines[k].initial_product;
    }
    for (int i = 0; i < n; i++) {
        int o = idx[i];
        const cs_order *od = &sc->orders[o];
        int best_line = -1;
        int32_t best_end = 0;
        /* A split order avoids lines that would cut it below min_split, if it can. */
        bool fits_somewhere = false;
        for (int k = 0; k < L && od->split && !fits_somewhere; k++)
            fits_somewhere = cs_sol_part_fits(sc, o, k, od->quantity);
        for (int k = 0; k < L; k++) {
            int32_t run = cs_run_minutes(sc, o, k);
            if (run < 0 || (fits_somewhere && !cs_sol_part_fits(sc, o, k, od->quantity)))
                continue;
            const cs_line *ln = &sc->lines[k];
            int32_t end = cs_timing_step(ln, t_end[k], cs_co_minutes(sc, k, cur[k], od->product),
                                         od->release_at, run);
            if (best_line < 0 || end < best_end) {
                best_line = k;
                best_end = end;
            }
        }
        /* The loader guarantees an eligible line; keep going defensively if not. */
        if (best_line >= 0) {
            cs_sol_line(out, best_line)[out->len[best_line]++] = o;
            t_end[best_line] = best_end;
            cur[best_line] = od->product;
        }
    }
    free(cur);
    free(t_end);
    free(idx);
    cs_sol_eval(sc, out);
    return COSCHED_OK;
}

cosched_status cs_heur_edd_keep(const cosched_scenario *sc, const cs_sol *edd, cosched_plan *p)
{
    /* Built as a plan of its own, so that its figures follow the timing rule exactly (crew
     * waits and splits included), as the final plan's do. */
    cosched_plan *rule = cs_plan_create(sc);
    if (rule == NULL)
        return COSCHED_ENOMEM;
    cosched_status st = cs_sol_to_plan(sc, edd, rule);
    if (st == COSCHED_OK)
        st = cs_plan_build(sc, rule);
    if (st == COSCHED_OK) {
        p->edd_kpis = rule->kpis;
        p->edd_objective = rule->objective;
        p->has_edd = true;
    }
    cosched_plan_free(rule);
    return st;
}
