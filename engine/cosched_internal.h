/* cosched_internal.h -- the engine's internal interface, for the project's own benchmark
 * and data tools (tools/cs_*.c): the helpers of base/ (the CSV reader among them), the
 * scenario tables of model/ and plans of plan/. It is not installed and promises no stability; the cosched program and
 * programs outside the project use include/cosched.h only. The shared library does not
 * export these cs_* symbols, so the tools link the static library. */
#ifndef COSCHED_INTERNAL_H
#define COSCHED_INTERNAL_H

#include "cosched.h"

#include "base/base.h"
#include "base/csvtab.h"
#include "model/scenario.h"
#include "plan/plan.h"

#endif
