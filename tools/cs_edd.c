/* cs_edd.c -- the earliest-due-date dispatch baseline of the benchmarks, written apart from
 * the engine's heuristics so the comparison does not lean on the code it measures: orders by
 * due date (then release, then id order) go one by one to the end of the eligible line where
 * they would finish first, changeovers and downtime included. The plan is built, written and
 * reported through the library, so `cosched check` can verify it like any other plan. */
#include "cosched_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t due_at;
    int32_t release_at;
    int order;
} due_key;

static int due_cmp(const void *a, const void *b)
{
    const due_key *x = a;
    const due_key *y = b;
    if (x->due_at != y->due_at)
        return x->due_at < y->due_at ? -1 : 1;
    if (x->release_at != y->release_at)
        return x->release_at < y->release_at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* State of a line while dispatching: the end of its last block and the product on it. */
typedef struct {
    int32_t free_at;
    int product; /* -1: clean */
} line_state;

/* End of @p order appended to a line in state @p st, by the contract's timing rule: the
 * changeover starts when the line is free, production at the first working minute at or after
 * both the changeover's end and the release; both pause over downtime. */
static int32_t finish_at(const cosched_scenario *sc, int l, const line_state *st, int order)
{
    const cs_order *o = &sc->orders[order];
    const cs_line *line = &sc->lines[l];
    int32_t t = st->free_at;
    int32_t co = cs_co_minutes(sc, l, st->product, o->product);
    if (co > 0)
        t = cs_calendar_advance(line, cs_calendar_next_working(line, t), co);
    int32_t start = cs_calendar_next_working(line, t > o->release_at ? t : o->release_at);
    return cs_calendar_advance(line, start, cs_run_minutes(sc, order, l));
}

static int run(const char *dir, const char *out_dir, bool json)
{
    int rc = 70;
    cosched_diags *diags = cosched_diags_create(50);
    cosched_scenario *sc = NULL;
    cosched_plan *plan = NULL;
    due_key *keys = NULL;
    line_state *lines = NULL;
    if (diags == NULL)
        goto done;
    double t0 = cs_now();
    cosched_status st = cosched_scenario_load(dir, diags, &sc);
    if (st != COSCHED_OK) {
        cosched_diags_print(diags, stderr);
        fprintf(stderr, "cs_edd: %s: %s\n", dir, cosched_status_str(st));
        rc = st == COSCHED_ENOENT ? 66 : st == COSCHED_EINPUT ? 65 : 70;
        goto done;
    }
    keys = cs_calloc((size_t)sc->n_orders + 1, sizeof *keys);
    lines = cs_calloc((size_t)sc->n_lines, sizeof *lines);
    plan = cs_plan_create(sc);
    if (keys == NULL || lines == NULL || plan == NULL)
        goto done;
    for (int o = 0; o < sc->n_orders; o++) {
        keys[o].due_at = sc->orders[o].due_at;
        keys[o].release_at = sc->orders[o].release_at;
        keys[o].order = o;
    }
    qsort(keys, (size_t)sc->n_orders, sizeof *keys, due_cmp);
    for (int l = 0; l < sc->n_lines; l++) {
        lines[l].free_at = sc->lines[l].available_at;
        lines[l].product = sc->lines[l].initial_product;
    }
    for (int i = 0; i < sc->n_orders; i++) {
        int o = keys[i].order;
        int best = -1;
        int32_t best_end = 0;
        for (int l = 0; l < sc->n_lines; l++) {
            if (cs_run_minutes(sc, o, l) < 0)
                continue;
            int32_t end = finish_at(sc, l, &lines[l], o);
            if (best < 0 || end < best_end) {
                best = l;
                best_end = end;
            }
        }
        /* the loader guarantees every order has an eligible line */
        if (best < 0 || cs_plan_append(plan, best, o, sc->orders[o].quantity) != COSCHED_OK)
            goto done;
        lines[best].free_at = best_end;
        lines[best].product = sc->orders[o].product;
    }
    if (cs_plan_build(sc, plan) != COSCHED_OK)
        goto done;
    plan->result.outcome = COSCHED_OUTCOME_FEASIBLE;
    plan->result.objective = plan->objective;
    plan->result.has_bound = false;
    plan->result.solve_seconds = cs_now() - t0;
    cs_plan_set_method(plan, "edd-baseline");
    if (out_dir != NULL) {
        st = cosched_plan_write(sc, plan, out_dir, diags);
        if (st != COSCHED_OK) {
            cosched_diags_print(diags, stderr);
            rc = 73;
            goto done;
        }
    }
    if (json) {
        char *text = cosched_plan_summary_json(sc, plan);
        if (text == NULL)
            goto done;
        printf("%s\n", text);
        free(text);
    } else {
        printf("%.15g\n", plan->objective);
    }
    rc = 0;
done:
    if (rc == 70)
        fprintf(stderr, "cs_edd: out of memory or internal error\n");
    free(keys);
    free(lines);
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
    cosched_diags_free(diags);
    return rc;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    const char *out = NULL;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: cs_edd SCENARIO [--out DIR] [--json]\n"
                   "Earliest-due-date dispatch: prints the plan's objective (or summary.json with\n"
                   "--json) and writes the plan files to DIR when given.\n");
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (argv[i][0] != '-' && dir == NULL) {
            dir = argv[i];
        } else {
            fprintf(stderr, "cs_edd: unexpected argument '%s'\ntry 'cs_edd --help'\n", argv[i]);
            return 64;
        }
    }
    if (dir == NULL) {
        fprintf(stderr, "cs_edd: no scenario given\ntry 'cs_edd --help'\n");
        return 64;
    }
    return run(dir, out, json);
}
