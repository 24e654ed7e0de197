/* write_html_run.c -- report.html's comparison with the earliest-due-date rule (what a
 * planner's rule of thumb gives for the same scenario, so the plan's value shows at a
 * glance) and the run record in the footer (which inputs, when, with which limits, and
 * whether another run would give the same plan). */
#include "output/write_html.h"

#include <math.h>

/* One figure of both plans: the rule's, this plan's, and the difference, marked better or
 * worse (every figure here is better lower). */
static void edd_row(cs_output_buf *b, const char *key, const char *label, double edd,
                    double plan)
{
    double d = plan - edd;
    if (fabs(d) < 1e-9)
        d = 0.0;
    cs_output_buf_printf(b, "<tr data-edd-row=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">",
                         key, label);
    cs_html_number(b, edd);
    put(b, "</td><td class=\"num\">");
    cs_html_number(b, plan);
    cs_output_buf_printf(b, "</td><td class=\"num %s\">",
                         d < 0.0 ? "better" : d > 0.0 ? "worse" : "same");
    if (d > 0.0)
        put(b, "+");
    else if (d < 0.0)
        put(b, "&minus;");
    cs_html_number(b, fabs(d));
    put(b, "</td></tr>\n");
}

void cs_html_edd_card(cs_output_buf *b, const cosched_plan *p)
{
    if (!p->has_edd)
        return;
    const cosched_kpis *e = &p->edd_kpis, *k = &p->kpis;
    put(b, "<div class=\"card full edd\" data-edd=\"1\"><div class=\"k\">EDD rule vs this plan"
           "</div><div class=\"s\">");
    if (p->edd_objective > 0.0 && p->objective < p->edd_objective)
        cs_output_buf_printf(b, "the objective is %.1f %% below the earliest-due-date rule's",
                             100.0 * (p->edd_objective - p->objective) / p->edd_objective);
    else if (p->objective > p->edd_objective)
        put(b, "the earliest-due-date rule's plan is better on the objective");
    else
        put(b, "the same objective as the earliest-due-date rule's plan");
    put(b, "</div>\n<table class=\"edd\"><thead><tr><th></th><th class=\"num\">EDD rule</th>"
           "<th class=\"num\">this plan</th><th class=\"num\">difference</th></tr></thead>"
           "<tbody>\n");
    edd_row(b, "late_orders", "late orders", e->late_orders, k->late_orders);
    edd_row(b, "weighted_tardiness_minutes", "weighted tardiness", e->weighted_tardiness_minutes,
            k->weighted_tardiness_minutes);
    edd_row(b, "changeover_minutes", "changeover minutes", (double)e->changeover_minutes,
            (double)k->changeover_minutes);
    edd_row(b, "makespan_minutes", "makespan minutes", (double)e->makespan_minutes,
            (double)k->makespan_minutes);
    edd_row(b, "objective", "objective", p->edd_objective, p->objective);
    put(b, "</tbody></table></div>\n");
}

/* "search stopped by the work limit", from what stopped the search. */
static const char *stop_phrase(cosched_stop s)
{
    switch (s) {
    case COSCHED_STOP_COMPLETE: return "search complete";
    case COSCHED_STOP_WORK_LIMIT: return "search stopped by the work limit";
    case COSCHED_STOP_ITERATION_LIMIT: return "search stopped by the iteration limit";
    case COSCHED_STOP_TIME_LIMIT: return "search stopped by the time limit";
    case COSCHED_STOP_INTERRUPTED: return "search interrupted";
    }
    return "search stopped";
}

void cs_html_run_record(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p)
{
    cs_run_record rr;
    cs_output_run_record(sc, p, &rr);
    const cosched_result *r = &p->result;
    put(b, "<div class=\"run\" data-run=\"1\">scenario ");
    esc(b, sc->dir != NULL ? sc->dir : "(in memory)");
    if (rr.has_digest) {
        /* 12 hex digits tell runs apart by eye; the title holds the whole digest */
        cs_output_buf_printf(b, " &middot; input <code title=\"sha256 %s\">%.12s</code>",
                             rr.digest, rr.digest);
    }
    if (rr.has_started) {
        put(b, " &middot; started ");
        put_n(b, rr.started_at, 10);
        put(b, " ");
        put_n(b, rr.started_at + 11, 8);
        put(b, " UTC");
    }
    put(b, " &middot; time limit ");
    cs_html_number(b, rr.time_limit_s);
    put(b, " s");
    if (rr.has_work_limit) {
        put(b, " &middot; work limit ");
        cs_html_number(b, rr.work_limit);
        put(b, " units");
    }
    cs_output_buf_printf(b, " &middot; seed %ld</div>\n", rr.seed);
    cs_output_buf_printf(b, "<div class=\"repeat %s\" data-repeatable=\"%s\">%s: %s</div>\n",
                         r->repeatable ? "good" : "may-differ", r->repeatable ? "true" : "false",
                         stop_phrase(r->stopped_by),
                         r->repeatable ? "the same plan on any machine" : "a re-run may differ");
}
