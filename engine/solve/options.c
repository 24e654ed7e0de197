/* options.c -- cosched_options defaults and the text setter shared by the CLI and callers.
 * "Unset" is a negative value: the scenario's settings.csv value applies then. Keys, types
 * and ranges are those of the settings table (model/settings.c), so a value is valid on the
 * command line exactly when it is valid in settings.csv. The previous plan of a re-plan is
 * a loaded object (cosched_previous_load), so it has no text key. */
#include "base/base.h"
#include "model/scenario.h"

#include <string.h>

void cosched_options_init(cosched_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->time_limit_s = -1.0;
    opt->work_limit = -1.0;
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
    const cs_setting_spec *spec = cs_setting_find(key);
    double v;
    if (spec == NULL || !spec->in_options || !cs_setting_parse(spec, value, &v))
        return COSCHED_EINVAL;
    if (strcmp(key, "time_limit_s") == 0)
        opt->time_limit_s = v;
    else if (strcmp(key, "work_limit") == 0)
        opt->work_limit = v;
    else if (strcmp(key, "mip_gap") == 0)
        opt->mip_gap = v;
    else if (strcmp(key, "seed") == 0)
        opt->seed = (long)v;
    else if (strcmp(key, "iteration_limit") == 0)
        opt->iteration_limit = (long)v;
    else
        opt->freeze_hours = v;
    return COSCHED_OK;
}
