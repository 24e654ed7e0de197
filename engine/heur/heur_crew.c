/* heur_crew.c -- a local search on the built objective, for plants with fewer cleaning crews
 * than lines. The whole-order searches time each line alone; with limited crews a
 * changeover or cleaning waits for a free crew, and the wait delays every later order of its
 * line, so their best plan can lose much once built: on a generated plant with one crew for
 * four lines the whole-order search's best, 55,536, built to 71,703. This search sees the
 * waits: every move is evaluated by building the plan (cs_plan_build, the timing of every
 * written plan), which costs O(blocks x crew blocks) instead of the whole-order search's
 * O(block). So it runs after that search, from its best plan, on its own share of the work
 * limit, and its neighbourhood is kept near each order: an order moves (or swaps) within a
 * few places on its line, or to the places on another line that start near its own start.
 * The descent takes the cheapest neighbourhood first (see the levels below). When no move
 * improves, a few random short moves kick the best plan and the descent runs again; a
 * result no worse than the best becomes the best. */
#include "heur/heur.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Places an order is tried at on its own line, either side, and on another line around the
 * place nearest its start in time. Chosen, not tuned: each build costs O(blocks), so the
 * reach is kept to a few places; other reaches have not been measured. */
#define CREW_REACH_OWN 6
#define CREW_REACH_OTHER 3
/* Random short moves per kick, and how far each reaches. */
#define CREW_KICK_MOVES 3
#define CREW_KICK_REACH 4
/* Work steps charged per build, per block built (one work unit is about a CPU second,
 * see cs_solve_params). */
#define CREW_STEPS_PER_BLOCK 7.0

typedef struct {
    const cosched_scenario *sc;
    const cs_ls_params *par;
    cosched_plan *p;   /* scratch: each candidate is built here */
    cs_sol *cur;       /* the walk's plan */
    double cur_value;  /* its built objective */
    long evals;
    bool stopped;
    int *start_on;     /* [n_orders] built start of each order */
} crew_ctx;

/* Build @p s in the scratch plan; its objective in *v. Counts one evaluation. */
static cosched_status build_value(crew_ctx *c, const cs_sol *s, double *v)
{
    CS_TRY(cs_sol_to_plan(c->sc, s, c->p));
    CS_TRY(cs_plan_build(c->sc, c->p));
    *v = c->p->objective;
    cs_ls_stop(c->par, &c->evals, 0, &c->stopped,
               CREW_STEPS_PER_BLOCK * (double)(c->p->n_blocks + 1));
    return COSCHED_OK;
}

static bool better(const crew_ctx *c, double v, double ref)
{
    return cs_is_improvement(&c->sc->set, v, ref);
}

/* Try order @p o (now at @p at on @p k) at place @p to of line @p k2; keep it when the built
 * plan improves. */
static cosched_status try_move(crew_ctx *c, int k, int at, int k2, int to, bool *kept)
{
    cs_sol *s = c->cur;
    *kept = false;
    int o = cs_sol_take(s, k, at);
    if (to > s->len[k2] || (k2 == k && to == at)) {
        cs_sol_put(s, k, at, o);
        return COSCHED_OK;
    }
    cs_sol_put(s, k2, to, o);
    double v;
    CS_TRY(build_value(c, s, &v));
    if (better(c, v, c->cur_value)) {
        c->cur_value = v;
        *kept = true;
        return COSCHED_OK;
    }
    cs_sol_take(s, k2, to);
    cs_sol_put(s, k, at, o);
    return COSCHED_OK;
}

/* Exchange the orders at @p a on @p k and @p b on @p k2; keep it when the plan improves. */
static cosched_status try_swap(crew_ctx *c, int k, int a, int k2, int b, bool *kept)
{
    cs_sol *s = c->cur;
    int *ra = cs_sol_line(s, k);
    int *rb = cs_sol_line(s, k2);
    int oa = ra[a];
    int ob = rb[b];
    *kept = false;
    if (k != k2 && (cs_run_minutes(c->sc, oa, k2) < 0 || cs_run_minutes(c->sc, ob, k) < 0))
        return COSCHED_OK;
    ra[a] = ob;
    rb[b] = oa;
    double v;
    CS_TRY(build_value(c, s, &v));
    if (better(c, v, c->cur_value)) {
        c->cur_value = v;
        *kept = true;
        return COSCHED_OK;
    }
    ra[a] = oa;
    rb[b] = ob;
    return COSCHED_OK;
}

/* The place on line @p k2 whose order starts nearest @p t. */
static int place_near(const crew_ctx *c, int k2, int32_t t)
{
    const int *row = cs_sol_line(c->cur, k2);
    int n = c->cur->len[k2];
    int at = 0;
    while (at < n && c->start_on[row[at]] < t)
        at++;
    return at;
}

static void note_starts(crew_ctx *c)
{
    for (int o = 0; o < c->sc->n_orders; o++)
        c->start_on[o] = c->p->orders[o].start_at;
}

/* The neighbourhoods, cheapest first: the swap of an order with the next on its line (it
 * moves a changeover past another and often ends a wait), moves and swaps within a few
 * places on its line, moves and swaps to another line near the order's start. */
enum { CREW_ADJACENT, CREW_OWN_LINE, CREW_OTHER_LINES, CREW_N_LEVELS };

/* Every move of @p level near order @p o; true in *moved once one improved (first
 * improvement). */
static cosched_status moves_of(crew_ctx *c, int o, int level, bool *moved)
{
    const cosched_scenario *sc = c->sc;
    cs_sol *s = c->cur;
    *moved = false;
    int k;
    int at;
    if (!cs_sol_find(s, o, &k, &at))
        return COSCHED_OK;
    if (level == CREW_ADJACENT) {
        if (at + 1 < s->len[k])
            CS_TRY(try_swap(c, k, at, k, at + 1, moved));
        return COSCHED_OK;
    }
    if (level == CREW_OWN_LINE) {
        for (int d = -CREW_REACH_OWN; d <= CREW_REACH_OWN && !c->stopped; d++) {
            int to = at + d;
            if (d == 0 || to < 0 || to >= s->len[k])
                continue;
            if (d != 1 && d != -1) {
                CS_TRY(try_move(c, k, at, k, to, moved));
                if (*moved)
                    return COSCHED_OK;
            }
            if (d != 1) {
                CS_TRY(try_swap(c, k, at, k, to, moved));
                if (*moved)
                    return COSCHED_OK;
            }
        }
        return COSCHED_OK;
    }
    for (int k2 = 0; k2 < s->n_lines && !c->stopped; k2++) {
        if (k2 == k || cs_run_minutes(sc, o, k2) < 0)
            continue;
        int near = place_near(c, k2, c->start_on[o]);
        for (int d = -CREW_REACH_OTHER; d <= CREW_REACH_OTHER && !c->stopped; d++) {
            int to = near + d;
            if (to < 0 || to > s->len[k2])
                continue;
            CS_TRY(try_move(c, k, at, k2, to, moved));
            if (*moved)
                return COSCHED_OK;
            if (to < s->len[k2]) {
                CS_TRY(try_swap(c, k, at, k2, to, moved));
                if (*moved)
                    return COSCHED_OK;
            }
        }
    }
    return COSCHED_OK;
}

/* Variable neighbourhood descent: the next neighbourhood only when the cheaper ones find
 * nothing, back to the first after any gain (or until the budget ends). */
static cosched_status descend(crew_ctx *c, int levels)
{
    const cosched_scenario *sc = c->sc;
    CS_TRY(cs_sol_to_plan(sc, c->cur, c->p));
    CS_TRY(cs_plan_build(sc, c->p));
    note_starts(c);
    int level = CREW_ADJACENT;
    while (level < levels && !c->stopped) {
        bool improved = false;
        for (int o = 0; o < sc->n_orders && !c->stopped; o++) {
            bool moved = false;
            CS_TRY(moves_of(c, o, level, &moved));
            if (moved) {
                improved = true;
                note_starts(c); /* the scratch plan holds the kept move's timing */
            }
        }
        level = improved ? CREW_ADJACENT : level + 1;
    }
    return COSCHED_OK;
}

/* A few random short moves on lines of at least two orders; eligibility is kept. */
static void kick(crew_ctx *c, cs_rng *rng)
{
    cs_sol *s = c->cur;
    for (int m = 0; m < CREW_KICK_MOVES; m++) {
        int k = cs_rng_below(rng, s->n_lines);
        if (s->len[k] < 2)
            continue;
        int at = cs_rng_below(rng, s->len[k]);
        int to = at + cs_rng_below(rng, 2 * CREW_KICK_REACH + 1) - CREW_KICK_REACH;
        if (to < 0 || to >= s->len[k] || to == at)
            continue;
        cs_sol_put(s, k, to, cs_sol_take(s, k, at));
    }
}

/* Descend from @p start into c->cur with the first @p levels neighbourhoods; its built
 * objective in c->cur_value. */
static cosched_status descend_from(crew_ctx *c, const cs_sol *start, int levels)
{
    cs_sol_copy(c->cur, start);
    CS_TRY(build_value(c, c->cur, &c->cur_value));
    return descend(c, levels);
}

static void report(const crew_ctx *c, cs_sol *best)
{
    if (c->par->on_improve == NULL)
        return;
    cs_sol_eval(c->sc, best);
    c->par->on_improve(c->par->improve_ud, best);
}

cosched_status cs_heur_crew_run(const cosched_scenario *sc, cs_sol *best, const cs_sol *alt,
                                double *built, cs_rng *rng, const cs_ls_params *par)
{
    crew_ctx c;
    memset(&c, 0, sizeof c);
    c.sc = sc;
    c.par = par;
    cs_sol cur = { 0 };
    cs_sol other = { 0 };
    cosched_status st = COSCHED_ENOMEM;
    c.p = cs_plan_create(sc);
    c.start_on = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *c.start_on);
    if (c.p == NULL || c.start_on == NULL)
        goto cleanup;
    CS_TRY_GOTO(st, cs_sol_init(&cur, sc), cleanup);
    CS_TRY_GOTO(st, cs_sol_init(&other, sc), cleanup);
    c.cur = &cur;
    /* Both starts are descended with adjacent swaps (on a few hundred orders the wider
     * neighbourhoods take seconds); the walk goes on from the better. */
    CS_TRY_GOTO(st, descend_from(&c, best, CREW_ADJACENT + 1), cleanup);
    cs_sol_copy(best, &cur);
    *built = c.cur_value;
    if (alt != NULL && !c.stopped) {
        cs_sol_copy(&other, alt);
        CS_TRY_GOTO(st, descend_from(&c, &other, CREW_ADJACENT + 1), cleanup);
        if (better(&c, c.cur_value, *built)) {
            cs_sol_copy(best, &cur);
            *built = c.cur_value;
        }
    }
    CS_TRY_GOTO(st, descend_from(&c, best, CREW_N_LEVELS), cleanup);
    if (better(&c, c.cur_value, *built)) {
        cs_sol_copy(best, &cur);
        *built = c.cur_value;
    }
    report(&c, best);
    while (!c.stopped && !cs_ls_budget_spent(par)) {
        cs_sol_copy(&cur, best);
        kick(&c, rng);
        CS_TRY_GOTO(st, build_value(&c, &cur, &c.cur_value), cleanup);
        CS_TRY_GOTO(st, descend(&c, CREW_N_LEVELS), cleanup);
        if (c.cur_value <= *built) {
            bool gain = better(&c, c.cur_value, *built);
            cs_sol_copy(best, &cur);
            *built = c.cur_value;
            if (gain)
                report(&c, best);
        }
    }
    cs_sol_eval(sc, best);
    st = COSCHED_OK;
cleanup:
    cs_sol_destroy(&other);
    cs_sol_destroy(&cur);
    free(c.start_on);
    cosched_plan_free(c.p);
    return st;
}
