/* load_settings.c -- settings.csv (key,value): the keys, types, ranges and defaults of the
 * settings table (model/settings.c): horizon_start, objective weights, solver limits, the
 * cleaning_crews extension, the re-planning keys weight_stability, frozen_until and now, and
 * `base` (the scenario a what-if variant builds on).
 * Unknown keys are warnings; a key given twice in one file is an error, since which one wins
 * would be a guess. Along a chain of base scenarios the files merge key by key: a variant's
 * value replaces its base's. */
#include "input/input.h"

#include <string.h>

/* frozen_until and now are datetimes relative to horizon_start, which a later row or a base
 * may give: they are converted once all settings are read. */
typedef struct {
    const cs_csvtab *frozen_tab;
    int frozen_row;
    const cs_csvtab *now_tab;
    int now_row;
} pending_times;

/* One row: numbers by the settings table (model/settings.c), datetimes here. */
static void set_value(cs_loader *L, const cs_csvtab *t, int row, const cs_setting_spec *spec,
                      int vcol, pending_times *pending)
{
    const char *v = cs_csvtab_get(t, row, vcol);
    char what[96];
    double x;
    switch (spec->type) {
    case CS_SETTING_REAL:
    case CS_SETTING_LONG:
    case CS_SETTING_INT:
        if (cs_setting_parse(spec, v, &x))
            cs_setting_store(spec, &L->sc->set, x);
        else
            cs_load_bad(L, t, row, "value", cs_setting_expected(spec, what, sizeof what), v);
        return;
    case CS_SETTING_TEXT:
        if (strcmp(spec->key, "priorities") == 0) {
            char err[256];
            if (!cs_priorities_parse(v, &L->sc->set, err, sizeof err))
                cs_load_errorc(L, "E_BAD_VALUE", t, row, "value", "column 'value': priorities: %s",
                               err);
        }
        return; /* base: followed by scenario_load.c before any file is read */
    case CS_SETTING_DATETIME:
        break;
    }
    if (strcmp(spec->key, "horizon_start") == 0) {
        int64_t m;
        int sec;
        if (!cs_datetime_parse(v, &m, &sec)) {
            cs_load_bad(L, t, row, "value", "a datetime YYYY-MM-DDTHH:MM[:SS]", v);
            return;
        }
        /* Minute 0 is a whole minute; seconds round up, since nothing may be scheduled
         * before horizon_start. */
        L->sc->horizon_epoch_min = m + (sec > 0);
        L->have_horizon = true;
    } else if (strcmp(spec->key, "frozen_until") == 0) {
        pending->frozen_row = row;
        pending->frozen_tab = t;
    } else {
        pending->now_row = row;
        pending->now_tab = t;
    }
}

/* `now` rounds up (nothing starts before the minute it names) and may not lie before
 * horizon_start: a plan cannot start in a past that the horizon already left behind. */
static void settings_now(cs_loader *L, const cs_csvtab *t, int row)
{
    const cs_colspec vc = {"value", true};
    int vcol = cs_csvtab_col(t, "value");
    bool present = false;
    int64_t at = 0;
    if (!cs_load_time(L, t, row, &vc, vcol, true, &present, &at) || !present)
        return;
    if (at < 0) {
        char q[128];
        cs_load_errorc(L, "E_BAD_VALUE", t, row, "value",
                       "column 'value': now lies before horizon_start, "
                       "got '%s'", cs_load_quote(cs_csvtab_get(t, row, vcol), q, sizeof q));
        return;
    }
    L->sc->set.has_now = true;
    L->sc->set.now_at = (int32_t)at;
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

/* The settings.csv key @p key most likely mistypes, or NULL. */
static const char *suggest_key(const char *key)
{
    const char *keys[CS_MAX_SETTINGS];
    int n = 0;
    for (int i = 0; i < cs_n_settings; i++) {
        if (cs_settings_table[i].in_file)
            keys[n++] = cs_settings_table[i].key;
    }
    return cosched_suggest(key, keys, n);
}

cosched_status cs_load_settings_chain(cs_loader *L, const cs_csvtab *const *tabs, int n)
{
    static const cs_colspec spec[] = {{"key", true}, {"value", true}};
    int col[2];
    cs_settings *s = &L->sc->set;
    cs_settings_init(s);
    pending_times pending = {NULL, -1, NULL, -1};
    bool any_horizon = false;
    bool all_readable = true;
    /* The deepest base first, so that each variant's values replace those before it. */
    for (int i = n - 1; i >= 0; i--) {
        const cs_csvtab *t = tabs[i];
        if (!cs_load_columns(L, t, spec, 2, col)) {
            all_readable = false;
            continue;
        }
        long seen[CS_MAX_SETTINGS] = {0}; /* by index in the settings table */
        for (int r = 0; r < cs_csvtab_n_rows(t); r++) {
            const char *k = cs_csvtab_get(t, r, col[0]);
            const cs_setting_spec *set = cs_setting_find(k);
            if (set == NULL || !set->in_file) {
                char q[128];
                const char *guess = suggest_key(k);
                cs_diag_addc(L->d, "W_UNKNOWN_SETTING", COSCHED_SEV_WARNING, cs_csvtab_display(t),
                             cs_csvtab_line(t, r), "key",
                             "column 'key': unknown setting '%s', ignored%s%s%s",
                             cs_load_quote(k, q, sizeof q), guess ? "; did you mean '" : "",
                             guess ? guess : "", guess ? "'?" : "");
                continue;
            }
            int key = (int)(set - cs_settings_table);
            if (seen[key] != 0) {
                cs_load_errorc(L, "E_DUPLICATE_ID", t, r, "key",
                               "column 'key': setting '%s' is given twice (first at line %ld)",
                               k, seen[key]);
                continue;
            }
            seen[key] = cs_csvtab_line(t, r);
            set_value(L, t, r, set, col[1], &pending);
        }
        any_horizon = any_horizon ||
                      seen[cs_setting_find("horizon_start") - cs_settings_table] != 0;
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
    if (pending.now_tab != NULL && L->have_horizon)
        settings_now(L, pending.now_tab, pending.now_row);
    if (!any_horizon && all_readable && n > 0)
        cs_diag_addc(L->d, "E_MISSING_SETTING", COSCHED_SEV_ERROR, cs_csvtab_display(tabs[0]), 0,
                     "key",
                     "required setting 'horizon_start' is missing");
    return COSCHED_OK;
}
