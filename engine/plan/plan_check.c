/* plan_check.c -- the independent plan checker (the test oracle): re-reads plan.csv,
 * order_schedule.csv and summary.json from a plan directory (through plan_file.h) and
 * verifies them against the scenario and the contract. It deliberately shares no code with
 * cs_plan_build: it replays each line's blocks as written (plan_check_blocks.c), recomputes
 * every figure from them (plan_check_orders.c) and checks the summary against them
 * (plan_check_summary.c). Each violation is an error diagnostic naming the file and line;
 * the count goes on past the sink's cap. This file holds the driver and the helpers the
 * parts share. */
#include "plan/plan_check_impl.h"

#include "base/base.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cs_check_violation(cs_checker *c, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cs_diag_vaddc(c->diags, "E_PLAN_VIOLATION", COSCHED_SEV_ERROR, file, line, NULL, fmt, ap);
    va_end(ap);
    c->n++;
}

bool cs_check_close_enough(double a, double b)
{
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= CS_CHECK_REL_TOL * scale;
}

const char *cs_check_pid(const cosched_scenario *sc, int product)
{
    return product >= 0 ? sc->products[product].id : "(none)";
}

double cs_check_max_batch_of(const cosched_scenario *sc, int product, int line)
{
    return sc->max_batch != NULL ? sc->max_batch[(size_t)product * sc->n_lines + line] : 0.0;
}

bool cs_check_batch_limited(const cosched_scenario *sc, int o, int line)
{
    double mb = cs_check_max_batch_of(sc, sc->orders[o].product, line);
    return mb > 0.0 && sc->orders[o].quantity > mb * (1 + 1e-9);
}

/* Rows of one line must stand together; group them (stable) into @p idx, line l's rows at
 * idx[first[l] .. first[l + 1]), to replay each line. */
static void group_by_line(cs_checker *c, const char *file, const cs_check_row *rows, int n,
                          int *first, int *fill, int *idx)
{
    const cosched_scenario *sc = c->sc;
    int prev_line = -2;
    for (int r = 0; r < n; r++) {
        int l = rows[r].line;
        if (l >= 0) {
            if (l != prev_line && first[l + 1] > 0)
                cs_check_violation(c, file, rows[r].src,
                                   "rows of line '%s' are not together (order rows by line, "
                                   "then seq)",
                                   sc->lines[l].id);
            first[l + 1]++;
        }
        prev_line = l;
    }
    for (int l = 0; l < sc->n_lines; l++)
        first[l + 1] += first[l];
    for (int r = 0; r < n; r++) {
        int l = rows[r].line;
        if (l >= 0)
            idx[first[l] + fill[l]++] = r;
    }
}

cosched_status cosched_plan_check(const cosched_scenario *sc, const char *plan_dir,
                                  cosched_diags *diags, int *n_violations)
{
    cs_checker c = { sc, diags, 0 };
    cs_plan_report rep = { diags, "E_PLAN_VIOLATION", 0 };
    cosched_status st = COSCHED_OK;
    cs_plan_table plan;
    cs_plan_table sched;
    cs_plan_summary sum;
    memset(&plan, 0, sizeof plan);
    memset(&sched, 0, sizeof sched);
    memset(&sum, 0, sizeof sum);
    cs_check_row *rows = NULL;
    int *idx = NULL;
    int *line_first = NULL;
    int *line_fill = NULL;
    cs_check_figures fg;
    memset(&fg, 0, sizeof fg);

    /* A file that is missing or cannot be read at all is an input problem (a status, not a
     * violation); a missing column is a violation. */
    CS_TRY_GOTO(st, cs_plan_table_load(plan_dir, CS_PLAN_CSV, CS_PC_ALL, &rep, &plan), cleanup);
    CS_TRY_GOTO(st,
                cs_plan_table_load(plan_dir, CS_ORDER_SCHEDULE_CSV, CS_SC_REQUIRED, &rep, &sched),
                cleanup);
    CS_TRY_GOTO(st, cs_plan_summary_load(plan_dir, &rep, &sum), cleanup);
    c.n += rep.n;

    int n = 0;
    if (plan.complete) {
        n = cs_plan_table_n_rows(&plan);
        rows = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *rows);
        idx = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *idx);
        line_first = cs_calloc((size_t)sc->n_lines + 1, sizeof *line_first);
        line_fill = cs_calloc((size_t)(sc->n_lines > 0 ? sc->n_lines : 1), sizeof *line_fill);
        if (rows == NULL || idx == NULL || line_first == NULL || line_fill == NULL) {
            st = COSCHED_ENOMEM;
            goto cleanup;
        }
        for (int r = 0; r < n; r++)
            cs_check_read_row(&c, &plan, r, &rows[r]);
        group_by_line(&c, plan.path, rows, n, line_first, line_fill, idx);
        for (int l = 0; l < sc->n_lines; l++) {
            int first = line_first[l];
            int count = line_first[l + 1] - first;
            cs_check_line(&c, plan.path, l, rows, &idx[first], count);
            cs_check_in_progress(&c, plan.path, l, rows, &idx[first], count);
        }
        CS_TRY_GOTO(st, cs_check_crews(&c, plan.path, rows, n), cleanup);
    }
    CS_TRY_GOTO(st, cs_check_figures_compute(sc, rows, n, &fg), cleanup);
    if (cs_check_summary_has_plan(&sum) && plan.complete) {
        cs_check_orders(&c, plan.path, rows, &fg);
        CS_TRY_GOTO(st, cs_check_schedule(&c, &sched, rows, &fg), cleanup);
    }
    cs_check_summary(&c, &sum, rows, &fg, n > 0);

cleanup:
    cs_check_figures_free(&fg);
    free(line_fill);
    free(line_first);
    free(idx);
    free(rows);
    cs_plan_summary_clear(&sum);
    cs_plan_table_clear(&sched);
    cs_plan_table_clear(&plan);
    if (st == COSCHED_OK)
        *n_violations = c.n;
    return st;
}
