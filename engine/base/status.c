/* status.c -- names of statuses, outcomes and what stopped a search. */
#include "cosched.h"

const char *cosched_status_str(cosched_status st)
{
    switch (st) {
    case COSCHED_OK: return "ok";
    case COSCHED_ENOMEM: return "out of memory";
    case COSCHED_EIO: return "cannot read input";
    case COSCHED_ENOENT: return "input missing";
    case COSCHED_EINPUT: return "input has errors";
    case COSCHED_EWRITE: return "cannot write output";
    case COSCHED_ESOLVER: return "solver failure";
    case COSCHED_EINVAL: return "invalid argument";
    case COSCHED_EINTERNAL: return "internal error";
    case COSCHED_ETIMEOUT: return "time limit reached";
    }
    return "unknown status";
}

const char *cosched_outcome_str(cosched_outcome oc)
{
    switch (oc) {
    case COSCHED_OUTCOME_OPTIMAL: return "optimal";
    case COSCHED_OUTCOME_FEASIBLE: return "feasible";
    case COSCHED_OUTCOME_INFEASIBLE: return "infeasible";
    case COSCHED_OUTCOME_NO_SOLUTION: return "no_solution";
    }
    return "no_solution";
}

const char *cosched_stop_name(cosched_stop stop)
{
    switch (stop) {
    case COSCHED_STOP_COMPLETE: return "complete";
    case COSCHED_STOP_WORK_LIMIT: return "work_limit";
    case COSCHED_STOP_ITERATION_LIMIT: return "iteration_limit";
    case COSCHED_STOP_TIME_LIMIT: return "time_limit";
    case COSCHED_STOP_INTERRUPTED: return "interrupted";
    }
    return "complete";
}
