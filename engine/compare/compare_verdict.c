/* compare_verdict.c -- the first line of a comparison: which plan is better, by how much, and
 * what makes the difference. Objectives are only compared under one set of weights: when A
 * and B were made with different weights, each is scored under the other's weights too,
 * since the raw difference of two objectives with different weights means nothing. */
#include "compare/compare_impl.h"

#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double cs_compare_score(const side_terms *weights, const side_terms *values)
{
    double v = 0.0;
    for (int k = 0; k < CS_N_TERMS; k++)
        if (weights->weight[k] != 0.0)
            v += weights->weight[k] * values->value[k];
    return v;
}

bool cs_compare_same_weights(const cosched_comparison *c)
{
    if (!c->terms[0].has || !c->terms[1].has)
        return false;
    for (int k = 0; k < CS_N_TERMS; k++) {
        double a = c->terms[0].weight[k], b = c->terms[1].weight[k];
        if (fabs(a - b) > 1e-12 * fmax(1.0, fabs(a)))
            return false;
    }
    return true;
}

static const kpi_row *kpi(const cosched_comparison *c, const char *name)
{
    for (int i = 0; i < c->n_kpis; i++)
        if (strcmp(c->kpis[i].name, name) == 0 && c->kpis[i].has[0] && c->kpis[i].has[1])
            return &c->kpis[i];
    return NULL;
}

/* "B is better by 3,650 (12.3 %)" for objectives @p a (A's) and @p b (B's). */
static int say_better(char *buf, size_t size, double a, double b)
{
    double d = b - a;
    if (fabs(d) <= 1e-9 * fmax(1.0, fabs(a)))
        return snprintf(buf, size, "equally good (%.10g)", a);
    return snprintf(buf, size, "%s by %.10g (%.1f %%)", d < 0 ? "better" : "worse", fabs(d),
                    100.0 * fabs(d) / fmax(fabs(a), 1e-9));
}

/* The differences that make the verdict: late orders, then each term's value, B - A. */
static size_t say_reasons(const cosched_comparison *c, char *buf, size_t size)
{
    static const char *const words[CS_N_TERMS] = {
        [CS_TERM_TARDINESS] = "weighted tardiness %+.10g min",
        [CS_TERM_CO_MINUTES] = "changeover minutes %+.10g",
        [CS_TERM_CO_COST] = "changeover cost %+.10g",
        [CS_TERM_MAKESPAN] = "makespan %+.10g min",
        [CS_TERM_STABILITY] = "orders moved %+.10g",
    };
    size_t n = 0;
    const char *sep = ": ";
    const kpi_row *late = kpi(c, "late_orders");
    if (late != NULL && late->v[1] != late->v[0]) {
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%slate orders %+.0f", sep,
                              late->v[1] - late->v[0]);
        sep = ", ";
    }
    for (int k = 0; k < CS_N_TERMS; k++) {
        double d = c->terms[1].value[k] - c->terms[0].value[k];
        if (fabs(d) <= 1e-9 * fmax(1.0, fabs(c->terms[0].value[k])))
            continue;
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s", sep);
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, words[k], d);
        sep = ", ";
    }
    return n;
}

cosched_status cs_compare_verdict(cosched_comparison *c)
{
    char text[1024];
    char x[160], y[160];
    size_t n;
    const side_terms *a = &c->terms[0], *b = &c->terms[1];
    if (!a->has || !b->has) {
        const kpi_row *o = kpi(c, "objective");
        if (o == NULL)
            n = (size_t)snprintf(text, sizeof text, "no verdict: a plan has no objective");
        else {
            say_better(x, sizeof x, o->v[0], o->v[1]);
            n = (size_t)snprintf(text, sizeof text, "B is %s (a plan does not list its "
                                 "objective terms, so the weights may differ)", x);
        }
    } else if (cs_compare_same_weights(c)) {
        say_better(x, sizeof x, cs_compare_score(a, a), cs_compare_score(a, b));
        n = (size_t)snprintf(text, sizeof text, "B is %s", x);
        n += say_reasons(c, text + n, n < sizeof text ? sizeof text - n : 0);
    } else {
        say_better(x, sizeof x, cs_compare_score(a, a), cs_compare_score(a, b));
        say_better(y, sizeof y, cs_compare_score(b, a), cs_compare_score(b, b));
        n = (size_t)snprintf(text, sizeof text, "A and B use different weights: under A's "
                             "weights B is %s; under B's weights B is %s", x, y);
        n += say_reasons(c, text + n, n < sizeof text ? sizeof text - n : 0);
    }
    (void)n;
    c->verdict = cs_strdup(text);
    return c->verdict != NULL ? COSCHED_OK : COSCHED_ENOMEM;
}
