/* run_record.c -- the run record one plan's files share (summary.json's "run", report.html's
 * footer, and through summary.json the Excel export), so that they cannot disagree. */
#include "output/output.h"

#include "base/base.h"

#include <stdio.h>
#include <time.h>

void cs_output_run_record(const cosched_scenario *sc, const cosched_plan *p, cs_run_record *out)
{
    *out = (cs_run_record){ 0 };
    /* An all-zero digest means no file was read (a scenario built in memory). */
    for (size_t i = 0; i < sizeof sc->input_sha256; i++)
        out->has_digest = out->has_digest || sc->input_sha256[i] != 0;
    cs_sha256_hex(sc->input_sha256, out->digest);
    time_t t = (time_t)p->started_unix_s;
    struct tm tm;
    out->has_started = p->started_unix_s > 0 && gmtime_r(&t, &tm) != NULL &&
                       strftime(out->started_at, sizeof out->started_at, "%Y-%m-%dT%H:%M:%SZ",
                                &tm) > 0;
    out->time_limit_s = p->time_limit_s >= 0 ? p->time_limit_s : sc->set.time_limit_s;
    out->has_work_limit = p->result.work_limit_units >= 0.0;
    out->work_limit = p->result.work_limit_units;
    out->seed = p->seed >= 0 ? p->seed : sc->set.seed;
}
