/* settings.c -- the one table of settings: each key with its type, range and default, and
 * where it may be given (settings.csv, cosched_options_set() and so the command line).
 * settings.csv's loader, the options setter and the help follow it, so a value valid in one
 * place is valid in the other. */
#include "model/scenario.h"

#include "base/base.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Weights up to 10^12 (as every number of the input): far beyond any exchange rate a plant uses, and small enough that
 * a weighted sum of minutes over the engine's whole range stays exact in a double. */
#define MAX_WEIGHT 1e12
#define MAX_INT 2147483647.0

#define FIELD(f) offsetof(cs_settings, f)
#define WEIGHT(key, f, dflt, help)                                                             \
    {key, CS_SETTING_REAL, true, false, 0.0, MAX_WEIGHT, dflt, FIELD(f), help}

const cs_setting_spec cs_settings_table[] = {
    {"horizon_start", CS_SETTING_DATETIME, true, false, 0, 0, 0, 0,
     "minute 0 of the plan (required)"},
    WEIGHT("weight_late_orders", weight_late_orders, 0.0, "per order that ends late"),
    WEIGHT("weight_tardiness", weight_tardiness, 1.0, "per order weight x minute late"),
    WEIGHT("weight_changeover_minutes", weight_changeover_minutes, 1.0,
           "per changeover or cleaning minute"),
    WEIGHT("weight_changeover_cost", weight_changeover_cost, 0.0,
           "per unit of changeover or cleaning cost"),
    WEIGHT("weight_makespan", weight_makespan, 0.0, "per minute of makespan"),
    WEIGHT("weight_stability", weight_stability, 0.0,
           "re-planning: per order moved off its previous line"),
    /* A week is far beyond any sensible budget and keeps millisecond counts in int. */
    {"time_limit_s", CS_SETTING_REAL, true, true, 0.0, 7.0 * 86400.0, 10.0, FIELD(time_limit_s),
     "wall-clock budget of the whole plan run, seconds"},
    /* Work units are machine-independent: a run that stops on its work limit gives the same
     * plan on any machine. One unit is about a second of search on the reference machine
     * (docs/benchmarks.md), so a week's time limit is matched by 10^7 units. */
    {"work_limit", CS_SETTING_REAL, true, true, 0.0, 1e7, -1.0, FIELD(work_limit),
     "search effort in machine-independent units (default: from the time limit)"},
    {"mip_gap", CS_SETTING_REAL, true, true, 0.0, 1.0, 0.0, FIELD(mip_gap),
     "relative gap at which the MIP may stop"},
    {"seed", CS_SETTING_LONG, true, true, 0.0, MAX_INT, 1.0, FIELD(seed),
     "seed of the randomised search"},
    {"cleaning_crews", CS_SETTING_INT, true, false, 1.0, 1000000.0, 0.0, FIELD(cleaning_crews),
     "changeovers and cleanings in progress at once (default: no limit)"},
    {"frozen_until", CS_SETTING_DATETIME, true, false, 0, 0, 0, 0,
     "re-planning: orders starting before it keep line, place and times"},
    {"now", CS_SETTING_DATETIME, true, false, 0, 0, 0, 0,
     "re-planning: nothing starts before it (default horizon_start)"},
    {"priorities", CS_SETTING_TEXT, true, false, 0, 0, 0, 0,
     "levels, highest first: late_orders > weighted_tardiness > changeover_minutes"},
    {"base", CS_SETTING_TEXT, true, false, 0, 0, 0, 0, "what-if: the scenario this one changes"},
    {"iteration_limit", CS_SETTING_LONG, false, true, 0.0, MAX_INT, -1.0, 0,
     "local-search iterations, a machine-independent work limit"},
    /* Within the engine's time range (CS_MAX_MINUTES is about 166,000 hours). */
    {"freeze_hours", CS_SETTING_REAL, false, true, 0.0, 100000.0, -1.0, 0,
     "re-planning: hours from now whose orders stay frozen"},
};
#undef WEIGHT
#undef FIELD

const int cs_n_settings = (int)(sizeof cs_settings_table / sizeof cs_settings_table[0]);
_Static_assert(sizeof cs_settings_table / sizeof cs_settings_table[0] <= CS_MAX_SETTINGS,
               "loaders size their per-setting arrays by CS_MAX_SETTINGS");

const cs_setting_spec *cs_setting_find(const char *key)
{
    for (int i = 0; i < cs_n_settings; i++)
        if (strcmp(cs_settings_table[i].key, key) == 0)
            return &cs_settings_table[i];
    return NULL;
}

bool cs_setting_parse(const cs_setting_spec *s, const char *text, double *out)
{
    double v;
    if (s->type == CS_SETTING_REAL) {
        if (!cs_parse_double(text, &v))
            return false;
    } else if (s->type == CS_SETTING_LONG || s->type == CS_SETTING_INT) {
        long n;
        if (!cs_parse_long(text, (long)s->min, (long)s->max, &n))
            return false;
        v = (double)n;
    } else {
        return false;
    }
    if (!(v >= s->min && v <= s->max))
        return false;
    *out = v == 0.0 ? 0.0 : v; /* no negative zero */
    return true;
}

const char *cs_setting_expected(const cs_setting_spec *s, char *buf, size_t size)
{
    snprintf(buf, size, "%s in [%.10g, %.10g]",
             s->type == CS_SETTING_REAL ? "a number" : "a whole number", s->min, s->max);
    return buf;
}

void cs_setting_store(const cs_setting_spec *s, cs_settings *set, double v)
{
    char *at = (char *)set + s->field;
    if (s->type == CS_SETTING_REAL)
        memcpy(at, &v, sizeof v);
    else if (s->type == CS_SETTING_LONG) {
        long n = (long)v;
        memcpy(at, &n, sizeof n);
    } else if (s->type == CS_SETTING_INT) {
        int n = (int)v;
        memcpy(at, &n, sizeof n);
    }
}

void cs_settings_init(cs_settings *set)
{
    memset(set, 0, sizeof *set);
    for (int i = 0; i < cs_n_settings; i++) {
        const cs_setting_spec *s = &cs_settings_table[i];
        if (s->in_file && s->type != CS_SETTING_DATETIME && s->type != CS_SETTING_TEXT)
            cs_setting_store(s, set, s->dflt);
    }
}

int cosched_settings_count(void) { return cs_n_settings; }

cosched_status cosched_setting_doc_get(int i, cosched_setting_doc *out)
{
    if (i < 0 || i >= cs_n_settings || out == NULL)
        return COSCHED_EINVAL;
    const cs_setting_spec *s = &cs_settings_table[i];
    memset(out, 0, sizeof *out);
    out->key = s->key;
    out->help = s->help;
    out->in_file = s->in_file;
    out->in_options = s->in_options;
    if (s->type == CS_SETTING_DATETIME)
        snprintf(out->range, sizeof out->range, "a datetime YYYY-MM-DDTHH:MM");
    else if (s->type == CS_SETTING_TEXT)
        snprintf(out->range, sizeof out->range, "text");
    else
        cs_setting_expected(s, out->range, sizeof out->range);
    /* A default below the range stands for "none" (no limit, not given). */
    if (s->type != CS_SETTING_DATETIME && s->type != CS_SETTING_TEXT && s->dflt >= s->min)
        snprintf(out->dflt, sizeof out->dflt, "%.10g", s->dflt);
    return COSCHED_OK;
}
