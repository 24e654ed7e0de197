/* validate.c -- checks that need several files at once, run after every loader: the run
 * minutes of each order on each line (filled here), an order no line can make, and run times
 * the engine cannot represent (CS_MAX_MINUTES), which are errors rather than wrap-arounds.
 * The same goes for the plan as a whole: a scenario whose plan could need more blocks than
 * memory allows, or end beyond what a plan file can hold, is refused before any search. */
#include "model/scenario.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>

static double max_batch_at(const cosched_scenario *sc, int product, int line)
{
    return sc->max_batch != NULL ? sc->max_batch[(size_t)product * sc->n_lines + line] : 0.0;
}

/* A split order's blocks hold at least min_split units each, and on a line no more than its
 * batch limit (max_batch, and what one sanitation interval holds). The planner keeps such an
 * order off lines whose batches would be smaller (as cs_sol_part_fits judges), so at least
 * one line must cut the whole order into batches of at least min_split (one batch when
 * nothing divides it). */
static void check_min_split(const cosched_scenario *sc, const cs_order *od,
                            const char *orders_file, cosched_diags *d)
{
    int o = (int)(od - sc->orders);
    bool whole = fabs(od->quantity - floor(od->quantity + 0.5)) < 1e-9;
    int worst_line = -1;
    double worst_smallest = 0.0;
    for (int l = 0; l < sc->n_lines; l++) {
        if (cs_run_minutes(sc, o, l) < 0)
            continue;
        double mb = cs_scenario_batch_limit(sc, o, l, od->quantity);
        if (mb > 0.0 && od->quantity / mb > CS_MAX_BLOCKS_PER_ORDER)
            continue; /* too many batches: check_plan_size() says so */
        double largest;
        int n = cs_scenario_batch_count(od->quantity, mb, &largest);
        double smallest = n <= 1 ? od->quantity
                                 : whole ? floor(floor(od->quantity + 0.5) / n)
                                         : od->quantity / n;
        if (smallest >= od->min_split * (1.0 - 1e-9))
            return;
        if (worst_line < 0) {
            worst_line = l;
            worst_smallest = smallest;
        }
    }
    if (worst_line < 0)
        return; /* no line can make it: reported already */
    cs_diag_addc(d, "E_BAD_VALUE", COSCHED_SEV_ERROR, orders_file, od->src_line, "min_split",
                "column 'min_split': order '%s' must be made in blocks of at least this many "
                "units, but every line that can make '%s' cuts it into smaller batches "
                "under its max_batch or sanitation interval (line '%s': %.15g units), got "
                "'%.15g'",
                od->id, sc->products[od->product].id, sc->lines[worst_line].id,
                worst_smallest, od->min_split);
}

/* What order @p od needs at most on line @p l, where its whole run takes @p run minutes:
 * its blocks (batches under max_batch as plan.c cuts them, and with a sanitation interval
 * the parts between cleanings and the cleanings; a generous count, since the exact one
 * depends on what ran before) and its working minutes (run, a minute of rounding per block,
 * the dearest changeover into its product, the cleanings). */
static void order_needs(const cosched_scenario *sc, const cs_order *od, int l, int32_t run,
                        int32_t co_in, double *blocks, double *minutes)
{
    const cs_line *ln = &sc->lines[l];
    double q = od->quantity;
    double mb = max_batch_at(sc, od->product, l);
    double batches = 1.0;
    if (mb > 0.0 && q > mb) {
        bool whole = fabs(q - floor(q + 0.5)) < 1e-9 && mb >= 1.0;
        batches = ceil(q / (whole ? floor(mb) : mb));
    }
    double cleanings = 0.0;
    if (ln->max_run_minutes > 0)
        cleanings = ceil((double)run / ln->max_run_minutes) + batches;
    *blocks = batches + 2.0 * cleanings;
    *minutes = (double)run + *blocks + (double)co_in + cleanings * ln->cleaning_minutes;
}

/* The latest minute anything in the scenario is fixed at: after it, a plan only works. */
static int32_t last_fixed_minute(const cosched_scenario *sc)
{
    int32_t t = 0;
    for (int l = 0; l < sc->n_lines; l++) {
        const cs_line *ln = &sc->lines[l];
        if (ln->available_at > t)
            t = ln->available_at;
        if (ln->n_downtime > 0 && ln->downtime[ln->n_downtime - 1].end_at > t)
            t = ln->downtime[ln->n_downtime - 1].end_at;
    }
    for (int o = 0; o < sc->n_orders; o++)
        if (sc->orders[o].release_at > t)
            t = sc->orders[o].release_at;
    return t;
}

/* The plan must fit in memory and its times in int32_t: every order's blocks on its worst
 * line are counted, and its work added to the latest fixed minute; no plan, however bad,
 * ends later than that sum (a line idles only before that minute or while others'
 * changeovers hold the crews). Reported at the order where a limit is passed. Whether the
 * plan found ends within what a plan file holds is the writer's check. */
static cosched_status check_plan_size(const cosched_scenario *sc, const char *orders_file,
                                      double deadline, cosched_diags *d)
{
    size_t nl = (size_t)sc->n_lines;
    size_t np = (size_t)sc->n_products;
    /* [line * n_products + product]: the dearest changeover into the product on the line. */
    int32_t *co_in = cs_calloc(nl * np, sizeof *co_in);
    if (co_in == NULL)
        return COSCHED_ENOMEM;
    for (size_t l = 0; l < nl && sc->co_minutes != NULL; l++) {
        if (deadline > 0.0 && cs_now() > deadline) {
            free(co_in);
            return COSCHED_ETIMEOUT;
        }
        for (size_t f = 0; f < np; f++)
            for (size_t p = 0; p < np; p++) {
                int32_t m = sc->co_minutes[(l * np + f) * np + p];
                if (m > co_in[l * np + p])
                    co_in[l * np + p] = m;
            }
    }
    double end = (double)last_fixed_minute(sc);
    double all_blocks = 0.0;
    for (int o = 0; o < sc->n_orders && !cs_diag_full(d); o++) {
        const cs_order *od = &sc->orders[o];
        double worst_blocks = 0.0, worst_minutes = 0.0;
        int worst_line = -1;
        for (size_t l = 0; l < nl; l++) {
            int32_t run = cs_run_minutes(sc, o, (int)l);
            if (run < 0)
                continue;
            double blocks, minutes;
            order_needs(sc, od, (int)l, run, co_in[l * np + (size_t)od->product], &blocks,
                        &minutes);
            if (blocks > worst_blocks) {
                worst_blocks = blocks;
                worst_line = (int)l;
            }
            if (minutes > worst_minutes)
                worst_minutes = minutes;
        }
        if (worst_blocks > CS_MAX_BLOCKS_PER_ORDER) {
            cs_diag_addc(d, "E_TOO_LARGE", COSCHED_SEV_ERROR, orders_file, od->src_line, "quantity",
                         "column 'quantity': order '%s' would need about %.0f blocks on line "
                         "'%s' (max_batch, max_run_minutes), more than the %d one order may "
                         "have, got '%.15g'", od->id, worst_blocks, sc->lines[worst_line].id,
                         CS_MAX_BLOCKS_PER_ORDER, od->quantity);
            continue;
        }
        all_blocks += worst_blocks;
        end += worst_minutes;
        if (all_blocks > CS_MAX_BLOCKS) {
            cs_diag_addc(d, "E_TOO_LARGE", COSCHED_SEV_ERROR, orders_file, od->src_line, "quantity",
                         "column 'quantity': up to order '%s' the orders could need %.0f plan "
                         "blocks (batches, parts, cleanings), more than the %d a plan may "
                         "have, got '%.15g'", od->id, all_blocks, CS_MAX_BLOCKS, od->quantity);
            break;
        }
        if (end > (double)CS_MAX_WORK_MINUTES) {
            cs_diag_addc(d, "E_TOO_LARGE", COSCHED_SEV_ERROR, orders_file, od->src_line, "quantity",
                         "column 'quantity': with the orders up to '%s', a plan could end "
                         "%.0f minutes after horizon_start (runs, changeovers and cleanings "
                         "one after another), more than the %d the engine can time; got "
                         "'%.15g'", od->id, end, CS_MAX_WORK_MINUTES, od->quantity);
            break;
        }
    }
    free(co_in);
    return COSCHED_OK;
}

cosched_status cs_scenario_validate(cosched_scenario *sc, bool report_unmade,
                                    const char *orders_file, double deadline, cosched_diags *d)
{
    size_t nl = (size_t)sc->n_lines;
    int32_t *rm = cs_calloc((size_t)sc->n_orders * nl, sizeof *rm);
    if (rm == NULL)
        return COSCHED_ENOMEM;
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *od = &sc->orders[o];
        const cs_product *pr = &sc->products[od->product];
        bool any = false, too_long = false;
        for (size_t l = 0; l < nl; l++) {
            size_t k = (size_t)od->product * nl + l;
            int32_t m = -1;
            if (sc->units_per_hour[k] > 0) {
                m = cs_scenario_run_minutes_for(sc, od->product, (int)l, od->quantity);
                if (m < 0)
                    too_long = true;
            }
            rm[(size_t)o * nl + l] = m;
            any |= m >= 0;
        }
        if (too_long)
            cs_diag_addc(d, "E_TOO_LARGE", COSCHED_SEV_ERROR, orders_file, od->src_line, "quantity",
                         "column 'quantity': order '%s' of product '%s' would run more than %d "
                         "minutes on a line that can make it, got '%g'",
                         od->id, pr->id, CS_MAX_MINUTES, od->quantity);
        else if (!any && report_unmade)
            cs_diag_addc(d, "E_NO_CAPABLE_LINE", COSCHED_SEV_ERROR, orders_file, od->src_line,
                         "product_id",
                         "column 'product_id': no line can make product '%s' of order '%s' "
                         "(capabilities.csv has no row for it)", pr->id, od->id);
        if (cs_diag_full(d))
            break;
    }
    free(sc->run_minutes);
    sc->run_minutes = rm;
    for (int o = 0; o < sc->n_orders && !cs_diag_full(d); o++)
        if (sc->orders[o].split)
            check_min_split(sc, &sc->orders[o], orders_file, d);
    /* Sizes of a plan are only worth judging on a scenario that is otherwise right. */
    if (cosched_diags_n_errors(d) == 0)
        return check_plan_size(sc, orders_file, deadline, d);
    return COSCHED_OK;
}
