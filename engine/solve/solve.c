/* solve.c -- cosched_solve and the solve strategy, keeping the best plan. The phases, in
 * order (cs_solve_model_with): the earliest-due-date plan and the term bounds; the exact DP
 * on small scenarios (which settles them); insertion and regret insertion; for the makespan
 * alone the assignment LP's bound; the iterated local search until its work limit; a second
 * round of the bounds; the sequencing MIP warm-started with the incumbent when the model is
 * small enough; more local search while the limits leave some; the split and crew step and
 * the plan, rebuilt with downtime. Their tunables are cs_solve_params (solve.h).
 * "optimal" is claimed only when a valid bound proves it. */
#include "base/base.h"
#include "heur/heur.h"
#include "plan/plan.h"
#include "solve/backend.h"
#include "solve/bound.h"
#include "solve/replan.h"
#include "solve/solve.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cs_solve_params_init(cs_solve_params *par)
{
    par->default_time_limit_s = 10.0;
    /* The term bounds' models (bound_*.c): the tardiness LP takes most of the time (tens of
     * thousands of columns), the changeover models of tens of products on a few lines take
     * GLPK milliseconds. */
    par->bound_share = 0.1;
    par->bound_max_seconds = 2.0;
    /* One work unit is about a second of search on the reference machine: the searches'
     * steps per CPU second there, over the benchmark groups (docs/benchmarks.md, "Work
     * units"). */
    par->work_steps_per_unit = 3.5e7;
    /* Without a work limit of its own a run gets this share of its time limit as work
     * units: the rest covers the bounds, the MIP and finishing the plan, and a machine
     * somewhat slower than the reference still stops on its work limit, not on the clock. */
    par->work_share_of_limit = 0.6;
    /* Finishing the plan costs about what the EDD plan did; a caller's reserve comes on
     * top. The search always keeps at least half the limit. */
    par->finish_max_share = 0.25;
    par->reserve_max_share = 0.5;
    /* Exact DP: work counts label extensions and line combinations (about 3^n times the
     * lines for makespan alone); 5e7 runs in well under a second, labels cost 24 bytes. */
    par->exact_max_orders = 16;
    par->exact_max_work = 50000000L;
    par->exact_max_labels = 2000000L;
    /* Insertion costs about n^3 / lines line steps (regret n^4 / lines): on large
     * scenarios it would delay the first good plan by minutes, the local search does
     * better there. */
    par->insert_max_orders = 400;
    par->regret_max_orders = 150;
    /* The makespan bound's LP has about two columns per (order, line) pair: 1000 orders on
     * 20 lines took GLPK about a second on a loaded 2-core machine, 100 on 30 lines
     * 0.1-0.4 s. */
    par->cmax_lp_max_cells = 20000L;
    par->cmax_lp_max_seconds = 2.0;
    par->cmax_lp_share = 0.2;
    /* Measured with GLPK 5.0: near 2000 arcs a single node LP can overrun the time limit by
     * a second or more (GLPK checks the clock only between nodes), and the big-M bound
     * there is already close to zero. */
    par->mip_max_arcs = 1000L;
    /* Job evaluations and built blocks. */
    par->split_max_work = 20000000L;
    /* Most of the gain on plants with limited crews comes from keeping the best built plan
     * of the whole-order search; a tenth of the work for the built search repairs what
     * that misses and costs the whole-order search least (0.1-0.5 measured on ten
     * generated plants, docs/benchmarks.md, "Limited cleaning crews"). crew_max_steps:
     * about half a second. */
    par->crew_work_share = 0.1;
    par->crew_max_steps = 1.5e7;
}

/* One solve: what the phases share. */
typedef struct {
    const cosched_scenario *sc;
    const cosched_options *opt;
    const cs_solve_params *par;
    cosched_plan *plan;     /* the result, built by the last phase */
    cs_sol best;            /* the incumbent */
    cs_sol cand;            /* a phase's candidate */
    double limit;           /* the time limit, seconds */
    long iter_limit;        /* < 0: none */
    bool split_ext;         /* cs_scenario_has_split_extensions */
    bool delay_ext;         /* cs_scenario_has_delay_extensions */
    bool solved;            /* a phase settled the plan: the rest is skipped */
    bool mip_complete;      /* the MIP covered the whole model */
    double finish_cost;     /* seconds kept for finishing the plan */
    long used;              /* local-search iterations so far */
    cs_rng rng;
    cs_ls_params lp;
    double t0;
    double deadline;        /* the time limit: the plan must be finished by then */
    double search_deadline; /* where the searches stop, leaving time to finish the plan */
    double mip_gap;
    bool has_bound;
    double bound;
    double best_obj;
    char method[32];
    cs_term_bounds terms; /* what c.bound is made of, term by term */
    cs_work work;         /* the searches' effort, shared by all of them */
    cosched_stop stopped_by;
    /* Fewer cleaning crews than lines: the searches' figures leave out crew waits, so each
     * better plan is built (scratch) and the best built one kept (written); best_obj is
     * then the built objective, the one the plan file will have. */
    bool crews;
    cosched_plan *scratch;
    cs_sol written;
    double crew_steps;      /* the built search's share of the work limit, in steps */
    cosched_status cb_status; /* an error inside a search's callback */
} solve_ctx;

static void logf_(const solve_ctx *c, cosched_log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void logf_(const solve_ctx *c, cosched_log_level lvl, const char *fmt, ...)
{
    if (c->opt->log == NULL || lvl > c->opt->log_level)
        return;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    c->opt->log(c->opt->log_ud, lvl, buf);
}

static void log_progress(const solve_ctx *c, const char *what)
{
    double t = cs_now() - c->t0;
    if (c->has_bound) {
        double gap = (c->best_obj - c->bound) / fmax(fabs(c->best_obj), 1e-9);
        logf_(c, COSCHED_LOG_INFO, "%6.2fs  obj %.10g  bound %.10g  gap %.1f%%  %s", t,
              c->best_obj, c->bound, 100.0 * (gap > 0.0 ? gap : 0.0), what);
    } else {
        logf_(c, COSCHED_LOG_INFO, "%6.2fs  obj %.10g  bound -  gap -  %s", t, c->best_obj,
              what);
    }
}

static void set_method(solve_ctx *c, const char *m)
{
    snprintf(c->method, sizeof c->method, "%s", m);
}

static bool stop_requested(const solve_ctx *c)
{
    return c->opt->should_stop != NULL && c->opt->should_stop(c->opt->stop_ud) != 0;
}

static double tol_of(double v)
{
    return 1e-6 * fmax(1.0, fabs(v));
}

/* Proven optimal (within mip_gap) by the bound, for whatever model the bound is valid for. */
static bool proven(const solve_ctx *c)
{
    if (!c->has_bound)
        return false;
    /* With priorities the levels are proven one step at a time: no relative gap. */
    if (c->sc->set.n_levels > 0)
        return c->best_obj - c->bound <= cs_improvement_tol(&c->sc->set, c->best_obj);
    return c->best_obj - c->bound <=
           c->mip_gap * fmax(fabs(c->best_obj), 1e-9) + tol_of(c->best_obj);
}

/* A better plan @p s from a phase @p what: the progress line shows the objective of the
 * plan that would be written, so with limited crews the plan is built first (and kept only
 * when the built plan is better than the best built one). */
static cosched_status note_incumbent(solve_ctx *c, const cs_sol *s, const char *what)
{
    if (!c->crews) {
        c->best_obj = s->objective;
        set_method(c, what);
        log_progress(c, what);
        return COSCHED_OK;
    }
    CS_TRY(cs_sol_to_plan(c->sc, s, c->scratch));
    CS_TRY(cs_plan_build(c->sc, c->scratch));
    double v = c->scratch->objective;
    bool first = !isfinite(c->best_obj);
    if (first || cs_is_improvement(&c->sc->set, v, c->best_obj)) {
        cs_sol_copy(&c->written, s);
        c->best_obj = v;
        set_method(c, what);
        log_progress(c, what);
    }
    return COSCHED_OK;
}

static void on_improve_as(solve_ctx *c, const cs_sol *best, const char *what)
{
    if (c->cb_status != COSCHED_OK)
        return;
    if (c->crews || best->objective < c->best_obj)
        c->cb_status = note_incumbent(c, best, what);
}

static void on_ls_improve(void *ud, const cs_sol *best)
{
    on_improve_as(ud, best, "local-search");
}

static void on_crew_improve(void *ud, const cs_sol *best)
{
    on_improve_as(ud, best, "crew-search");
}

/* Record what ended a local-search run. A search that stops on the clock before its work
 * or iteration limit leaves a plan that another run may not reproduce. */
static void note_search_stop(solve_ctx *c)
{
    if (stop_requested(c))
        c->stopped_by = COSCHED_STOP_INTERRUPTED;
    else if (cs_work_spent(&c->work))
        c->stopped_by = COSCHED_STOP_WORK_LIMIT;
    else if (c->iter_limit >= 0 && c->used >= c->iter_limit)
        c->stopped_by = COSCHED_STOP_ITERATION_LIMIT;
    else if (!proven(c))
        c->stopped_by = COSCHED_STOP_TIME_LIMIT;
}

static cosched_status take_if_better(solve_ctx *c, cs_sol *best, const cs_sol *cand,
                                     const char *what)
{
    if (cs_is_improvement(&c->sc->set, cand->objective, best->objective)) {
        cs_sol_copy(best, cand);
        return note_incumbent(c, best, what);
    }
    return COSCHED_OK;
}

/* Another round of the term bounds with @p budget seconds, when the first ran out of time:
 * each term keeps the stronger of the two, and the progress line shows a bound that rose. */
static cosched_status bound_round(solve_ctx *c, bool split, double budget, cosched_plan *plan)
{
    if (!c->terms.cut_short || budget <= 0.0 || proven(c) || stop_requested(c))
        return COSCHED_OK;
    cs_term_bounds more;
    cosched_status st = cs_bound_terms(c->sc, split, budget, false, &more);
    if (st == COSCHED_ENOMEM)
        return st;
    if (st != COSCHED_OK)
        return cs_plan_warn(plan, "GLPK failed on a bound's model in the second round; the "
                                  "bound comes from the first");
    cs_bound_merge(&c->terms, &more);
    double b = cs_bound_objective(c->sc, &c->terms);
    if (b > c->bound + tol_of(b)) {
        c->bound = b;
        log_progress(c, "term bounds, more time");
    }
    return COSCHED_OK;
}

static cosched_status finish_plan(const cosched_scenario *sc, solve_ctx *c, const cs_sol *best,
                                  bool mip_complete, cosched_plan *plan)
{
    if (best != NULL)
        CS_TRY(cs_sol_to_plan(sc, best, plan));
    CS_TRY(cs_plan_build(sc, plan));
    c->best_obj = plan->objective;
    if (c->has_bound && c->bound > c->best_obj) {
        /* A lower bound above a feasible objective by more than noise would be a bug in a
         * bound; never report it. */
        if (c->bound - c->best_obj <= tol_of(c->best_obj))
            c->bound = c->best_obj;
        else
            c->bound = 0.0;
    }
    cosched_result *r = &plan->result;
    r->outcome = proven(c) ? COSCHED_OUTCOME_OPTIMAL : COSCHED_OUTCOME_FEASIBLE;
    r->objective = plan->objective;
    r->has_bound = c->has_bound;
    r->bound = c->has_bound ? c->bound : 0.0;
    r->solve_seconds = cs_now() - c->t0;
    r->mip_complete = mip_complete;
    r->stopped_by = proven(c)            ? COSCHED_STOP_COMPLETE
                    : stop_requested(c) ? COSCHED_STOP_INTERRUPTED
                                        : c->stopped_by;
    r->repeatable = r->stopped_by != COSCHED_STOP_TIME_LIMIT &&
                    r->stopped_by != COSCHED_STOP_INTERRUPTED;
    r->work_units = c->work.done / c->par->work_steps_per_unit;
    r->work_limit_units =
        c->work.limit >= 0.0 ? c->work.limit / c->par->work_steps_per_unit : -1.0;
    cs_plan_set_method(plan, c->method);
    for (int t = 0; t < CS_N_TERMS; t++) {
        plan->has_term_bound[t] = c->has_bound && c->terms.has[t];
        plan->term_bound[t] = plan->has_term_bound[t] ? c->terms.value[t] : 0.0;
    }
    /* The plan as it will be written, crew waits and splits included. */
    log_progress(c, "plan");
    return COSCHED_OK;
}

/* The public entry point only dispatches: re-planning and orders in progress go through a
 * fixed prefix per line (replan.c), which plans the rest with cs_solve_model. */
cosched_status cosched_solve(const cosched_scenario *sc, const cosched_options *opt,
                             cosched_plan **out)
{
    if (sc == NULL || out == NULL)
        return COSCHED_EINVAL;
    cosched_options defaults;
    if (opt == NULL) {
        cosched_options_init(&defaults);
        opt = &defaults;
    }
    int64_t started = (int64_t)time(NULL);
    cosched_status st = opt->previous != NULL || cs_scenario_has_in_progress(sc)
                            ? cs_replan_solve(sc, opt, out)
                            : cs_solve_model(sc, opt, out);
    if (st == COSCHED_OK)
        cs_plan_set_run(*out, opt, started);
    /* With priorities, a plan whose weighted sum outgrows a double's steps was compared
     * with others only roughly on its lowest levels: it is not called optimal. */
    if (st == COSCHED_OK && !cs_priorities_exact(&sc->set, (*out)->objective) &&
        (*out)->result.outcome == COSCHED_OUTCOME_OPTIMAL) {
        (*out)->result.outcome = COSCHED_OUTCOME_FEASIBLE;
        st = cs_plan_warn(*out, "priorities: the plan's weighted sum passes what a double "
                                "holds step by step, so its lowest levels are not proven");
    }
    return st;
}


/* ---- the phases, in the order cs_solve_model_with runs them --------------------------- */

/* Limits of the run: time, MIP gap, and the work limit that makes the plan
 * independent of the machine (an iteration limit alone does that too, and then keeps its
 * meaning). */
static void setup_limits(solve_ctx *c)
{
    const cosched_options *opt = c->opt;
    const cosched_scenario *sc = c->sc;
    c->t0 = cs_now();
    c->limit = opt->time_limit_s >= 0.0 ? opt->time_limit_s : sc->set.time_limit_s;
    if (!(c->limit >= 0.0))
        c->limit = c->par->default_time_limit_s;
    c->deadline = c->t0 + c->limit;
    c->mip_gap = opt->mip_gap >= 0.0 ? opt->mip_gap : sc->set.mip_gap;
    if (!(c->mip_gap >= 0.0))
        c->mip_gap = 0.0;
    c->iter_limit = opt->iteration_limit;
    double units = opt->work_limit >= 0.0 ? opt->work_limit : sc->set.work_limit;
    if (!(units >= 0.0))
        units = c->iter_limit >= 0 ? -1.0 : c->par->work_share_of_limit * c->limit;
    c->work.limit = units >= 0.0 ? units * c->par->work_steps_per_unit : -1.0;
    /* The built search's share is kept back from the whole-order searches. */
    c->crew_steps = !c->crews          ? 0.0
                    : c->work.limit >= 0.0 ? c->par->crew_work_share * c->work.limit
                                         : c->par->crew_max_steps;
    if (c->crews && c->work.limit >= 0.0)
        c->work.limit -= c->crew_steps;
    c->stopped_by = COSCHED_STOP_COMPLETE;
}

/* The first plan (earliest due date, kept for the summary as the planner's rule of thumb)
 * and the term bounds; then where the searches must stop to leave time to finish. */
static cosched_status phase_first_plan(solve_ctx *c)
{
    const cosched_scenario *sc = c->sc;
    CS_TRY(cs_heur_edd_run(sc, &c->best));
    CS_TRY(cs_heur_edd_keep(sc, &c->best, c->plan));
    c->best_obj = c->crews ? INFINITY : c->best.objective;
    CS_TRY(note_incumbent(c, &c->best, "edd"));
    /* A stop request leaves the models no time: the cheap bounds only. */
    double budget = stop_requested(c) ? 0.0
                                      : fmin(c->par->bound_max_seconds,
                                             c->par->bound_share * c->limit);
    cosched_status st = cs_bound_terms(sc, c->split_ext, budget, c->iter_limit >= 0, &c->terms);
    if (st == COSCHED_ENOMEM)
        return st;
    if (st != COSCHED_OK)
        CS_TRY(cs_plan_warn(c->plan, "GLPK failed on the changeover bound's model; the bound "
                                     "comes from the other steps"));
    c->bound = cs_bound_objective(sc, &c->terms);
    log_progress(c, "term bounds");
    /* Finishing the plan (the split and crew step builds it twice, then the result is
     * built) costs about what the EDD plan did: on 100,000 orders that is a tenth of a
     * second or more, so the searches stop that much earlier. */
    c->finish_cost = fmin(cs_now() - c->t0, c->par->finish_max_share * c->limit);
    double reserve = c->opt->reserve_s > 0.0 ? c->opt->reserve_s : 0.0;
    c->search_deadline =
        c->deadline - fmin(c->finish_cost + reserve, c->par->reserve_max_share * c->limit);
    return COSCHED_OK;
}

/* Small scenarios without extensions: the exact DP settles them, for the whole model. */
static cosched_status phase_exact(solve_ctx *c)
{
    const cosched_scenario *sc = c->sc;
    if (c->split_ext || c->delay_ext || sc->n_orders > c->par->exact_max_orders ||
        stop_requested(c))
        return COSCHED_OK;
    bool solved = false;
    long work = 0;
    cs_exact_params ep = {
        .deadline = c->search_deadline,
        .max_work = c->par->exact_max_work,
        .max_labels = c->par->exact_max_labels,
        .work_done = &work,
    };
    CS_TRY(cs_heur_exact_run(sc, &ep, &c->cand, &solved));
    logf_(c, COSCHED_LOG_DEBUG, "exact-dp: %s after %ld steps", solved ? "solved" : "gave up",
          work);
    if (!solved)
        return COSCHED_OK;
    if (c->cand.objective <= c->best.objective) {
        cs_sol_copy(&c->best, &c->cand);
        c->best_obj = c->best.objective;
        set_method(c, "exact-dp");
    }
    c->bound = c->cand.objective;
    log_progress(c, "exact-dp");
    c->solved = true;
    return finish_plan(sc, c, &c->best, true, c->plan);
}

/* Insertion and regret insertion, where they do not delay the first good plan. */
static cosched_status phase_insertion(solve_ctx *c)
{
    const cosched_scenario *sc = c->sc;
    if (sc->n_orders <= c->par->insert_max_orders && !stop_requested(c)) {
        CS_TRY(cs_heur_insert_run(sc, &c->cand, false));
        CS_TRY(take_if_better(c, &c->best, &c->cand, "insertion"));
    }
    if (sc->n_orders <= c->par->regret_max_orders && !stop_requested(c)) {
        CS_TRY(cs_heur_insert_run(sc, &c->cand, true));
        CS_TRY(take_if_better(c, &c->best, &c->cand, "regret-insertion"));
    }
    return COSCHED_OK;
}

/* For the makespan alone, the assignment LP's bound: after the first plans, so the LP never
 * delays them. */
static cosched_status phase_makespan_lp(solve_ctx *c)
{
    const cosched_scenario *sc = c->sc;
    if (c->split_ext || !cs_heur_cmax_applies(sc) ||
        (long)sc->n_orders * sc->n_lines > c->par->cmax_lp_max_cells || proven(c) ||
        stop_requested(c))
        return COSCHED_OK;
    bool lp_ok = false;
    double lp_cmax = 0.0;
    double lp_limit = fmin(c->par->cmax_lp_max_seconds,
                           c->par->cmax_lp_share * (c->search_deadline - cs_now()));
    cosched_status st = cs_backend_cmax_bound(sc, lp_limit, &lp_ok, &lp_cmax);
    if (st == COSCHED_ENOMEM)
        return st;
    if (st == COSCHED_ESOLVER)
        CS_TRY(cs_plan_warn(c->plan, "GLPK failed on the makespan bound's LP; the bound comes "
                                     "from the other steps"));
    if (st == COSCHED_OK && lp_ok && lp_cmax > c->terms.value[CS_TERM_MAKESPAN]) {
        c->terms.value[CS_TERM_MAKESPAN] = lp_cmax;
        double b = cs_bound_objective(sc, &c->terms);
        if (b > c->bound) {
            c->bound = b;
            log_progress(c, "assignment-lp");
        }
    }
    logf_(c, COSCHED_LOG_DEBUG, "assignment LP: %s, makespan >= %.10g",
          lp_ok ? "solved" : "not solved", lp_cmax);
    return COSCHED_OK;
}

/* The local search, until its work or iteration limit. Whichever limit the run has makes
 * the plan independent of the machine: all local search runs before the MIP, whose
 * sequences are taken only from a finished MIP. */
static cosched_status phase_local_search(solve_ctx *c)
{
    cs_rng_seed(&c->rng, (uint64_t)c->plan->seed);
    c->lp = (cs_ls_params){
        .work = &c->work,
        .should_stop = c->opt->should_stop,
        .stop_ud = c->opt->stop_ud,
        .on_improve = on_ls_improve,
        .improve_ud = c,
    };
    if (proven(c) || stop_requested(c))
        return COSCHED_OK;
    c->lp.deadline = c->search_deadline;
    c->lp.iteration_limit = c->iter_limit;
    CS_TRY(cs_heur_ls_run(c->sc, &c->best, &c->rng, &c->lp, &c->used));
    CS_TRY(c->cb_status);
    note_search_stop(c);
    return COSCHED_OK;
}

/* The term bounds' models again with twice the time, if they ran out of it: after the
 * search, so that they never take the time its work limit was given; at most half of what
 * is left, the MIP gets the rest. */
static cosched_status phase_bound_round(solve_ctx *c)
{
    double budget = fmin(fmin(2.0 * c->par->bound_max_seconds, 2.0 * c->par->bound_share * c->limit),
                         0.5 * (c->search_deadline - cs_now()));
    return bound_round(c, c->split_ext, budget, c->plan);
}

/* The sequencing MIP warm-started with the incumbent, when the model is small enough. */
static cosched_status phase_mip(solve_ctx *c)
{
    const cosched_scenario *sc = c->sc;
    bool use_mip = !c->split_ext && cs_backend_n_arcs(sc) <= c->par->mip_max_arcs;
    if (!use_mip || proven(c) || stop_requested(c) || cs_now() >= c->search_deadline)
        return COSCHED_OK;
    cs_backend_params bp = {
        .time_limit_s = c->search_deadline - cs_now(),
        .mip_gap = c->mip_gap,
        .should_stop = c->opt->should_stop,
        .stop_ud = c->opt->stop_ud,
        .start = &c->best,
    };
    cs_backend_result br;
    cosched_status st = cs_backend_solve(sc, &bp, &c->cand, &br);
    if (st == COSCHED_ENOMEM)
        return st;
    if (st != COSCHED_OK)
        return cs_plan_warn(c->plan, "GLPK failed on the MIP; the plan comes from the "
                                     "heuristics and their bound");
    c->mip_complete = !cs_scenario_has_downtime(sc) && !c->delay_ext;
    if (br.has_bound && br.bound > c->bound)
        c->bound = br.bound > 1e-9 ? br.bound : 0.0; /* LP noise around zero */
    if (br.has_solution && br.finished && cs_sol_is_complete(sc, &c->cand)) {
        cs_sol_eval(sc, &c->cand);
        CS_TRY(take_if_better(c, &c->best, &c->cand, "mip"));
    }
    logf_(c, COSCHED_LOG_DEBUG, "mip: %ld arcs, %s, bound %.10g", br.n_arcs,
          br.finished ? "finished" : "stopped", br.bound);
    log_progress(c, br.finished ? "mip finished" : "mip stopped");
    return COSCHED_OK;
}

/* More local search, from the MIP's plan, while the limits leave some. */
static cosched_status phase_more_search(solve_ctx *c)
{
    if (!proven(c) && !stop_requested(c) && cs_now() < c->search_deadline &&
        !cs_work_spent(&c->work) && (c->iter_limit < 0 || c->used < c->iter_limit)) {
        long more = 0;
        c->lp.deadline = c->search_deadline;
        c->lp.iteration_limit = c->iter_limit >= 0 ? c->iter_limit - c->used : -1;
        CS_TRY(cs_heur_ls_run(c->sc, &c->best, &c->rng, &c->lp, &more));
        CS_TRY(c->cb_status);
        c->used += more;
        note_search_stop(c);
    }
    logf_(c, COSCHED_LOG_DEBUG, "local search: %ld iterations, %.3g work units, done at %.2fs",
          c->used, c->work.done / c->par->work_steps_per_unit, cs_now() - c->t0);
    return COSCHED_OK;
}

/* With limited crews: the search on the built objective, from the best built plan, on the
 * share of the work limit kept for it (or its own steps under an iteration limit). */
static cosched_status phase_crew_search(solve_ctx *c)
{
    if (!c->crews || !cs_sol_is_complete(c->sc, &c->written))
        return COSCHED_OK;
    /* Starts: the best built plan and the search's own best (crew waits can be repaired
     * from either; which gives the better plan differs from plant to plant). */
    cs_sol_copy(&c->cand, &c->best);
    cs_sol_copy(&c->best, &c->written);
    cs_sol_eval(c->sc, &c->best);
    logf_(c, COSCHED_LOG_DEBUG, "crew search: from the best built plan, %.10g, and the "
          "search's best (%.10g without crew waits)", c->best_obj, c->cand.objective);
    if (proven(c) || stop_requested(c) || cs_now() >= c->search_deadline)
        return COSCHED_OK;
    cs_work own = { 0.0, c->crew_steps };
    bool shared = c->work.limit >= 0.0;
    if (shared)
        c->work.limit += c->crew_steps;
    cs_ls_params lp = c->lp;
    lp.work = shared ? &c->work : &own;
    lp.deadline = c->search_deadline;
    lp.iteration_limit = -1;
    lp.on_improve = on_crew_improve;
    lp.improve_ud = c;
    double built = 0.0;
    CS_TRY(cs_heur_crew_run(c->sc, &c->best, &c->cand, &built, &c->rng, &lp));
    CS_TRY(c->cb_status);
    if (!shared)
        c->work.done += own.done;
    if (stop_requested(c))
        c->stopped_by = COSCHED_STOP_INTERRUPTED;
    else if (!cs_work_spent(lp.work))
        c->stopped_by = COSCHED_STOP_TIME_LIMIT;
    else if (shared)
        c->stopped_by = COSCHED_STOP_WORK_LIMIT;
    logf_(c, COSCHED_LOG_DEBUG, "crew search: built objective %.10g, %.3g work units, done at %.2fs",
          built, c->work.done / c->par->work_steps_per_unit, cs_now() - c->t0);
    return COSCHED_OK;
}

/* Split orders, min_split and crew waits, which the whole-order search does not see; then
 * the plan. Its own work limit keeps the step repeatable; the deadline is only a safety
 * net. */
static cosched_status phase_finish(solve_ctx *c)
{
    bool split_timed_out = false;
    cs_split_params sp = { c->par->split_max_work, true, c->deadline - c->finish_cost, NULL,
                           &split_timed_out };
    const char *polish = NULL;
    CS_TRY(cs_heur_split_run(c->sc, &c->best, &sp, c->plan, &polish));
    if (polish != NULL)
        set_method(c, polish);
    if (split_timed_out)
        c->stopped_by = COSCHED_STOP_TIME_LIMIT;
    logf_(c, COSCHED_LOG_DEBUG, "split and crew step done at %.2fs", cs_now() - c->t0);
    return finish_plan(c->sc, c, NULL, c->mip_complete, c->plan);
}

cosched_status cs_solve_model(const cosched_scenario *sc, const cosched_options *opt,
                              cosched_plan **out)
{
    cs_solve_params par;
    cs_solve_params_init(&par);
    return cs_solve_model_with(sc, opt, &par, out);
}

cosched_status cs_solve_model_with(const cosched_scenario *sc, const cosched_options *opt,
                                   const cs_solve_params *par, cosched_plan **out)
{
    typedef cosched_status (*phase_fn)(solve_ctx *);
    static const phase_fn phases[] = {
        phase_first_plan, phase_exact, phase_insertion, phase_makespan_lp,
        phase_local_search, phase_bound_round, phase_mip, phase_more_search,
        phase_crew_search, phase_finish,
    };
    solve_ctx c;
    memset(&c, 0, sizeof c);
    c.sc = sc;
    c.opt = opt;
    c.par = par;
    c.crews = sc->set.cleaning_crews > 0 && sc->set.cleaning_crews < sc->n_lines;
    setup_limits(&c);
    c.plan = cs_plan_create(sc);
    if (c.plan == NULL)
        return COSCHED_ENOMEM;
    /* The values this run used, for summary.json (command-line overrides included). */
    c.plan->seed = opt->seed >= 0 ? opt->seed : sc->set.seed;
    c.plan->time_limit_s = c.limit;
    c.plan->mip_gap = c.mip_gap;
    cosched_status st = COSCHED_OK;
    c.has_bound = true;
    c.bound = 0.0;
    if (sc->n_orders == 0) {
        set_method(&c, "empty");
        CS_TRY_GOTO(st, finish_plan(sc, &c, NULL, true, c.plan), fail);
        *out = c.plan;
        return COSCHED_OK;
    }
    CS_TRY_GOTO(st, cs_sol_init(&c.best, sc), fail);
    CS_TRY_GOTO(st, cs_sol_init(&c.cand, sc), fail);
    if (c.crews) {
        CS_TRY_GOTO(st, cs_sol_init(&c.written, sc), fail);
        c.scratch = cs_plan_create(sc);
        if (c.scratch == NULL) {
            st = COSCHED_ENOMEM;
            goto fail;
        }
    }
    c.split_ext = cs_scenario_has_split_extensions(sc);
    c.delay_ext = cs_scenario_has_delay_extensions(sc);
    for (size_t i = 0; i < sizeof phases / sizeof phases[0] && !c.solved; i++)
        CS_TRY_GOTO(st, phases[i](&c), fail);
    cs_sol_destroy(&c.written);
    cosched_plan_free(c.scratch);
    cs_sol_destroy(&c.cand);
    cs_sol_destroy(&c.best);
    *out = c.plan;
    return COSCHED_OK;
fail:
    cs_sol_destroy(&c.written);
    cosched_plan_free(c.scratch);
    cs_sol_destroy(&c.cand);
    cs_sol_destroy(&c.best);
    cosched_plan_free(c.plan);
    return st;
}
