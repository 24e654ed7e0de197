/* status.c -- names of statuses and outcomes. */
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
