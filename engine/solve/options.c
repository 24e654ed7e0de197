/* options.c -- cosched_options defaults and the text setter shared by the CLI and callers.
 * "Unset" is a negative value: the scenario's settings.csv value applies then. The previous
 * plan of a re-plan is a loaded object (cosched_previous_load), so it has no text key. */
#include "base/base.h"

#include <math.h>
#include <string.h>

void cosched_options_init(cosched_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->time_limit_s = -1.0;
    opt->mip_gap = -1.0;
    opt->seed = -1;
    opt->iteration_limit = -1;
    opt->freeze_hours = -1.0;
    opt->log_level = COSCHED_LOG_INFO;
}

cosched_status cosched_options_set(cosched_options *opt, const char *key, const char *value)
{
    if (opt == NULL || key == NULL || value == NULL)
        return COSCHED_EINVAL;
    if (strcmp(key, "time_limit_s") == 0) {
        double v;
        /* A week is far beyond any sensible budget and keeps millisecond counts in int. */
        if (!cs_parse_double(value, &v) || !(v >= 0.0) || v > 7.0 * 86400.0)
            return COSCHED_EINVAL;
        opt->time_limit_s = v;
        return COSCHED_OK;
    }
    if (strcmp(key, "mip_gap") == 0) {
        double v;
        if (!cs_parse_double(value, &v) || !(v >= 0.0) || v > 1.0)
            return COSCHED_EINVAL;
        opt->mip_gap = v;
        return COSCHED_OK;
    }
    if (strcmp(key, "seed") == 0) {
        long v;
        if (!cs_parse_long(value, 0, 2147483647L, &v))
            return COSCHED_EINVAL;
        opt->seed = v;
        return COSCHED_OK;
    }
    if (strcmp(key, "iteration_limit") == 0) {
        long v;
        if (!cs_parse_long(value, 0, 2147483647L, &v))
            return COSCHED_EINVAL;
        opt->iteration_limit = v;
        return COSCHED_OK;
    }
    if (strcmp(key, "freeze_hours") == 0) {
        double v;
        /* Within the engine's time range (CS_MAX_MINUTES is about 166,000 hours). */
        if (!cs_parse_double(value, &v) || !(v >= 0.0) || v > 100000.0)
            return COSCHED_EINVAL;
        opt->freeze_hours = v;
        return COSCHED_OK;
    }
    return COSCHED_EINVAL;
}
