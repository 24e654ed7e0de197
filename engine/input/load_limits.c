/* load_limits.c -- what a scenario may hold, and how long loading it may take. Each input
 * file has a cap on its records, checked while the file is read (an error at the first
 * record beyond it), and the run's time limit bounds the reading and the checks after it:
 * a scenario the engine could not plan in reasonable memory and time is refused at once,
 * never loaded for minutes. Weights and costs have their cap here too. */
#include "input/input.h"

#include "base/base.h"

#include <string.h>

/* Records each file may have. 200,000 orders load in about a second and plan within a short
 * limit (tools/bench-large measures 100,000); lines and products beyond these would fill
 * the dense changeover tables long before (CS_MAX_CHANGEOVER_PAIRS); the other files are
 * per line and product, or per rule, and a million records of them load in about two
 * seconds. See docs/benchmarks.md, "Loading". */
static const struct {
    const char *file;
    long max_rows;
    const char *what;
} file_caps[] = {
    {"orders.csv", CS_MAX_ORDERS, "orders"},
    {"lines.csv", CS_MAX_LINES, "lines"},
    {"products.csv", CS_MAX_PRODUCTS, "products"},
    {"capabilities.csv", CS_MAX_TABLE_ROWS, "capability rows"},
    {"changeovers.csv", CS_MAX_TABLE_ROWS, "changeover rules"},
    {"calendar.csv", CS_MAX_TABLE_ROWS, "downtime rows"},
};

cs_csvtab_bounds cs_load_file_bounds(const cs_loader *L, const char *file)
{
    cs_csvtab_bounds b = {.deadline = L->deadline};
    for (size_t i = 0; i < sizeof file_caps / sizeof file_caps[0]; i++)
        if (strcmp(file_caps[i].file, file) == 0) {
            b.max_rows = file_caps[i].max_rows;
            b.what = file_caps[i].what;
        }
    return b;
}

void cs_load_deadline_init(cs_loader *L, cs_csvtab *const *settings, int n_settings)
{
    double limit = L->lo != NULL ? L->lo->time_limit_s : 0.0;
    if (limit < 0.0) {
        /* The scenario's own limit: read here, before the large files, not by the settings
         * loader, which runs after them. A bad value is that loader's error; meanwhile the
         * default applies. */
        const cs_setting_spec *spec = cs_setting_find("time_limit_s");
        const cs_csvtab *t;
        int row;
        limit = spec->dflt;
        if (cs_load_find_setting(settings, n_settings, "time_limit_s", &t, &row)) {
            double v;
            if (cs_setting_parse(spec, cs_csvtab_get(t, row, cs_csvtab_col(t, "value")), &v))
                limit = v;
        }
    }
    /* A limit of 0 asks for the first plan found, which needs the whole scenario. */
    L->deadline = limit > 0.0 ? L->started + limit : 0.0;
}

cosched_status cs_load_check_deadline(cs_loader *L, const char *doing)
{
    if (L->deadline <= 0.0 || cs_now() <= L->deadline)
        return COSCHED_OK;
    cs_diag_addc(L->d, "E_TIME_LIMIT", COSCHED_SEV_ERROR, L->sc->dir, 0, NULL,
                 "the time limit passed after %.2f s of loading, while %s; nothing planned "
                 "(give a longer --time-limit or time_limit_s)", cs_now() - L->started, doing);
    return COSCHED_ETIMEOUT;
}

/* Largest weight or cost accepted. The objective adds products of one weight, one cost or
 * weight and at most CS_MAX_PLAN_MINUTES minutes over at most CS_MAX_BLOCKS blocks, so with
 * factors below this it stays far inside a double (1e308 would make it infinite, and the
 * plan could not be written). */
#define CS_MAX_FACTOR 1e12

bool cs_load_find_setting(cs_csvtab *const *settings, int n, const char *key,
                          const cs_csvtab **t, int *row)
{
    for (int i = 0; i < n; i++) {
        int kc = cs_csvtab_col(settings[i], "key");
        for (int r = 0; kc >= 0 && r < cs_csvtab_n_rows(settings[i]); r++)
            if (strcmp(cs_csvtab_get(settings[i], r, kc), key) == 0) {
                *t = settings[i];
                *row = r;
                return true;
            }
    }
    return false;
}

static void too_large(cosched_diags *d, const char *file, long line, const char *col,
                      double v)
{
    cs_diag_addc(d, "E_OUT_OF_RANGE", COSCHED_SEV_ERROR, file, line, col,
                 "column '%s': expected a number <= %g, got '%.15g'", col, CS_MAX_FACTOR, v);
}

void cs_load_check_factors(cs_loader *L, cs_csvtab *const *settings, int n_settings,
                           const char *orders_file, const char *changeovers_file)
{
    const cosched_scenario *sc = L->sc;
    const struct {
        const char *key;
        double v;
    } keys[] = {
        {"weight_tardiness", sc->set.weight_tardiness},
        {"weight_changeover_minutes", sc->set.weight_changeover_minutes},
        {"weight_changeover_cost", sc->set.weight_changeover_cost},
        {"weight_makespan", sc->set.weight_makespan},
        {"weight_stability", sc->set.weight_stability},
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const cs_csvtab *t;
        int row;
        if (keys[k].v > CS_MAX_FACTOR && cs_load_find_setting(settings, n_settings, keys[k].key, &t, &row))
            too_large(L->d, cs_csvtab_display(t), cs_csvtab_line(t, row), "value", keys[k].v);
    }
    for (int o = 0; o < sc->n_orders && !cs_diag_full(L->d); o++)
        if (sc->orders[o].weight > CS_MAX_FACTOR)
            too_large(L->d, orders_file, sc->orders[o].src_line, "weight", sc->orders[o].weight);
    for (int l = 0; l < sc->n_lines && !cs_diag_full(L->d); l++)
        if (sc->lines[l].cleaning_cost > CS_MAX_FACTOR)
            too_large(L->d, L->lines_file, sc->lines[l].src_line, "cleaning_cost",
                      sc->lines[l].cleaning_cost);
    for (int r = 0; r < L->n_rules && !cs_diag_full(L->d); r++)
        if (L->rules[r].cost > CS_MAX_FACTOR)
            too_large(L->d, changeovers_file, L->rules[r].src_line, "cost", L->rules[r].cost);
}

