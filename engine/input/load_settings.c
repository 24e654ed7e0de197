/* load_settings.c -- settings.csv (key,value): horizon_start, objective weights, solver
 * limits, the cleaning_crews extension, the re-planning keys weight_stability and
 * frozen_until, and `base` (the scenario a what-if variant builds on).
 * Unknown keys are warnings; a key given twice in one file is an error, since which one wins
 * would be a guess. Along a chain of base scenarios the files merge key by key: a variant's
 * value replaces its base's. */
#include "input/input.h"

#include <string.h>

enum { K_HORIZON, K_W_TARD, K_W_COMIN, K_W_COCOST, K_W_MAKESPAN, K_TIME, K_GAP, K_SEED,
       K_CREWS, K_BASE, K_W_STABILITY, K_FROZEN, N_KEYS };

static const char *const key_names[N_KEYS] = {
    "horizon_start", "weight_tardiness", "weight_changeover_minutes", "weight_changeover_cost",
    "weight_makespan", "time_limit_s", "mip_gap", "seed", "cleaning_crews", "base",
    "weight_stability", "frozen_until",
};

/* frozen_until is a datetime relative to horizon_start, which a later row or a base may
 * give: it is converted once all settings are read. */
typedef struct {
    const cs_csvtab *frozen_tab;
    int frozen_row;
} pending_times;

static void set_value(cs_loader *L, const cs_csvtab *t, int row, int key, const cs_colspec *vc,
                      int vcol, pending_times *pending)
{
    cs_settings *s = &L->sc->set;
    double x;
    long n;
    switch (key) {
    case K_HORIZON: {
        const char *v = cs_csvtab_get(t, row, vcol);
        int64_t m;
        int sec;
        if (!cs_datetime_parse(v, &m, &sec)) {
            cs_load_bad(L, t, row, vc->name, "a datetime YYYY-MM-DDTHH:MM[:SS]", v);
            return;
        }
        /* Minute 0 is a whole minute; seconds round up, since nothing may be scheduled
         * before horizon_start. */
        L->sc->horizon_epoch_min = m + (sec > 0);
        L->have_horizon = true;
        return;
    }
    case K_W_TARD:
    case K_W_COMIN:
    case K_W_COCOST:
    case K_W_MAKESPAN:
    case K_GAP:
        if (!cs_load_number(L, t, row, vc, vcol, false, 0, &x))
            return;
        if (key == K_W_TARD)
            s->weight_tardiness = x;
        else if (key == K_W_COMIN)
            s->weight_changeover_minutes = x;
        else if (key == K_W_COCOST)
            s->weight_changeover_cost = x;
        else if (key == K_W_MAKESPAN)
            s->weight_makespan = x;
        else
            s->mip_gap = x;
        return;
    case K_TIME:
        /* The range of --time-limit (cosched_options_set): 0 plans with the first heuristic
         * only, a week is far beyond any sensible budget. */
        if (!cs_load_number(L, t, row, vc, vcol, false, 0, &x))
            return;
        if (x > 7.0 * 86400.0)
            cs_load_bad(L, t, row, vc->name, "a number of seconds from 0 to 604800",
                        cs_csvtab_get(t, row, vcol));
        else
            s->time_limit_s = x;
        return;
    case K_SEED:
        if (cs_load_integer(L, t, row, vc, vcol, 0, 2147483647L, 0, &n))
            s->seed = n;
        return;
    case K_CREWS:
        if (cs_load_integer(L, t, row, vc, vcol, 1, 1000000L, 0, &n))
            s->cleaning_crews = (int)n;
        return;
    case K_BASE:
        return; /* followed by scenario_load.c before any file is read */
    case K_W_STABILITY:
        if (cs_load_number(L, t, row, vc, vcol, false, 0, &x))
            s->weight_stability = x;
        return;
    case K_FROZEN:
        pending->frozen_row = row;
        pending->frozen_tab = t;
        return;
    }
}

bool cs_load_settings_base(const cs_csvtab *t, const char **value, long *line)
{
    int kc = cs_csvtab_col(t, "key");
    int vc = cs_csvtab_col(t, "value");
    if (kc < 0 || vc < 0)
        return false;
    for (int r = 0; r < cs_csvtab_n_rows(t); r++) {
        if (strcmp(cs_csvtab_get(t, r, kc), "base") == 0) {
            *value = cs_csvtab_get(t, r, vc);
            *line = cs_csvtab_line(t, r);
            return true;
        }
    }
    return false;
}

cosched_status cs_load_settings(cs_loader *L, const cs_csvtab *t)
{
    return cs_load_settings_chain(L, &t, 1);
}

cosched_status cs_load_settings_chain(cs_loader *L, const cs_csvtab *const *tabs, int n)
{
    static const cs_colspec spec[] = {{"key", true}, {"value", true}};
    int col[2];
    cs_settings *s = &L->sc->set;
    s->weight_tardiness = 1;
    s->weight_changeover_minutes = 1;
    s->weight_changeover_cost = 0;
    s->weight_makespan = 0;
    s->time_limit_s = 10;
    s->mip_gap = 0;
    s->seed = 1;
    s->cleaning_crews = 0;
    s->weight_stability = 0;
    s->has_frozen_until = false;
    s->frozen_until_at = 0;
    pending_times pending = {NULL, -1};
    bool any_horizon = false;
    bool all_readable = true;
    /* The deepest base first, so that each variant's values replace those before it. */
    for (int i = n - 1; i >= 0; i--) {
        const cs_csvtab *t = tabs[i];
        if (!cs_load_columns(L, t, spec, 2, col)) {
            all_readable = false;
            continue;
        }
        long seen[N_KEYS] = {0};
        for (int r = 0; r < cs_csvtab_n_rows(t); r++) {
            const char *k = cs_csvtab_get(t, r, col[0]);
            int key = -1;
            for (int j = 0; j < N_KEYS && key < 0; j++) {
                if (strcmp(k, key_names[j]) == 0)
                    key = j;
            }
            if (key < 0) {
                char q[128];
                cs_diag_add(L->d, COSCHED_SEV_WARNING, cs_csvtab_display(t),
                            cs_csvtab_line(t, r), "key",
                            "column 'key': unknown setting '%s', ignored",
                            cs_load_quote(k, q, sizeof q));
                continue;
            }
            if (seen[key] != 0) {
                cs_load_error(L, t, r, "key",
                              "column 'key': setting '%s' is given twice (first at line %ld)",
                              k, seen[key]);
                continue;
            }
            seen[key] = cs_csvtab_line(t, r);
            /* A setting's value is required even though the column of settings.csv is
             * generic. */
            const cs_colspec vc = {"value", true};
            set_value(L, t, r, key, &vc, col[1], &pending);
        }
        any_horizon = any_horizon || seen[K_HORIZON] != 0;
    }
    if (pending.frozen_tab != NULL) {
        const cs_colspec vc = {"value", true};
        int vcol = cs_csvtab_col(pending.frozen_tab, "value");
        bool present = false;
        int64_t at = 0;
        /* Rounded down: a frozen horizon never reaches past what the planner wrote. */
        if (cs_load_time(L, pending.frozen_tab, pending.frozen_row, &vc, vcol, false, &present,
                         &at) &&
            present && L->have_horizon) {
            s->has_frozen_until = true;
            s->frozen_until_at = (int32_t)at;
        }
    }
    if (!any_horizon && all_readable && n > 0)
        cs_diag_add(L->d, COSCHED_SEV_ERROR, cs_csvtab_display(tabs[0]), 0, "key",
                    "required setting 'horizon_start' is missing");
    return COSCHED_OK;
}
