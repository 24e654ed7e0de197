/* write_html_cards.c -- report.html's KPI cards: objective and what it is made of, bound and
 * gap, late orders, tardiness, changeovers, makespan, re-plan facts, utilisation and the
 * comparison with the earliest-due-date rule (write_html_run.c). */
#include "output/write_html.h"

#include <math.h>

static void card_begin(cs_output_buf *b, const char *label, const char *cls)
{
    cs_output_buf_printf(b, "<div class=\"card%s%s\"><div class=\"k\">", cls ? " " : "",
                         cls ? cls : "");
    put(b, label);
    put(b, "</div><div class=\"v\">");
}

static void card_end(cs_output_buf *b, const char *sub_open)
{
    put(b, "</div>");
    if (sub_open != NULL)
        put(b, sub_open);
    put(b, "</div>\n");
}

/* What the objective is made of: each term that adds something, its share as a bar, and
 * with priorities the levels in their order (a planner reads ranks, not the weighted sum). */
static void write_terms_card(cs_output_buf *b, const cosched_scenario *sc,
                             const cosched_plan *p)
{
    card_begin(b, "Objective made of", "wide");
    put(b, "</div><div class=\"util terms\" data-terms=\"1\">");
    for (int t = 0; t < CS_N_TERMS; t++) {
        double c = cs_term_contribution(&sc->set, &p->kpis, (cs_term)t);
        if (c == 0.0)
            continue;
        double share = p->objective > 0.0 ? c / p->objective : 0.0;
        put(b, "<div class=\"u\" data-term=\"");
        put(b, cs_term_names[t]);
        put(b, "\"><span class=\"ul\">");
        for (const char *q = cs_term_names[t]; *q != '\0'; q++)
            put_n(b, *q == '_' ? " " : q, 1);
        cs_output_buf_printf(b, "</span><span class=\"ub\"><i style=\"width:%.1f%%\"></i></span>"
                                "<span class=\"uv\">%.0f%%</span></div>",
                             fmin(100.0, fmax(0.0, 100.0 * share)), 100.0 * share);
    }
    if (sc->set.n_levels > 0) {
        put(b, "<div class=\"s\" data-levels=\"1\">priorities: ");
        for (int l = 0; l < sc->set.n_levels; l++) {
            int t = sc->set.level_term[l];
            cs_output_buf_printf(b, "%s%s ", l > 0 ? " &gt; " : "", cs_level_term_name(t));
            cs_html_number(b, cs_term_value(&p->kpis, (cs_term)t));
        }
        put(b, "</div>");
    }
    card_end(b, NULL);
}

/* Re-plan facts, when the plan starts from the plant's state or a previous plan: when it
 * starts (now), what it started from, and what stayed fixed. */
static void write_replan_card(cs_output_buf *b, const cosched_scenario *sc,
                              const cosched_plan *p)
{
    int n_running = 0;
    for (int o = 0; o < sc->n_orders; o++)
        n_running += sc->orders[o].status == CS_ORDER_IN_PROGRESS;
    if (!sc->set.has_now && p->replan == NULL && sc->n_done == 0 && n_running == 0)
        return;
    card_begin(b, "Re-plan", "wide");
    put_time(b, sc, sc->set.now_at);
    put(b, "<span class=\"unit\"> now</span></div><div class=\"s\" data-replan=\"1\">");
    if (p->replan != NULL && p->replan->previous_dir != NULL) {
        put(b, "from ");
        esc(b, p->replan->previous_dir);
        put(b, " &middot; ");
    }
    cs_output_buf_printf(b, "%d done &middot; %d in progress", sc->n_done, n_running);
    if (p->replan != NULL) {
        cs_output_buf_printf(b, " &middot; %d frozen", p->replan->n_frozen);
        if (p->replan->has_frozen_until) {
            put(b, " until ");
            put_time(b, sc, p->replan->frozen_until_at);
        }
        cs_output_buf_printf(b, " &middot; %d moved to another line", p->kpis.orders_moved);
    }
    card_end(b, NULL);
}

void cs_html_cards(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p)
{
    const cosched_result *r = &p->result;
    const cosched_kpis *k = &p->kpis;
    double gap;

    put(b, "<section class=\"cards\">\n");
    card_begin(b, "Objective", NULL);
    cs_html_number(b, p->objective);
    put(b, "</div><div class=\"s\">");
    esc(b, cosched_outcome_str(r->outcome));
    if (r->method != NULL && r->method[0] != '\0') {
        put(b, " &middot; ");
        esc(b, r->method);
    }
    cs_output_buf_printf(b, " &middot; %.1f s", r->solve_seconds);
    card_end(b, NULL);

    write_terms_card(b, sc, p);

    card_begin(b, "Bound / gap", NULL);
    if (r->has_bound)
        cs_html_number(b, r->bound);
    else
        put(b, "&ndash;");
    put(b, "</div><div class=\"s\">");
    if (cosched_plan_gap(p, &gap))
        cs_output_buf_printf(b, "gap %.1f%%", 100.0 * gap);
    else
        put(b, "gap unknown");
    if (r->has_bound && r->bound > 0.0) {
        /* What the gap means, in the planner's words: above the bound, not of the plan. */
        put(b, "<br>the best possible plan is at least ");
        cs_html_number(b, r->bound >= 10.0 ? floor(r->bound) : r->bound); /* never rounded up */
        put(b, "; this plan is at most ");
        put_f1(b, fmax(0.0, 100.0 * (p->objective - r->bound) / r->bound));
        put(b, " % above it");
    }
    /* Where the gap lies: each weighted term's bound beside the plan's value of it. */
    static const char *const term_label[CS_N_TERMS] = {
        [CS_TERM_LATE_ORDERS] = "late orders", [CS_TERM_TARDINESS] = "tardiness", [CS_TERM_CO_MINUTES] = "changeover minutes",
        [CS_TERM_CO_COST] = "changeover cost", [CS_TERM_MAKESPAN] = "makespan",
        [CS_TERM_STABILITY] = "moves",
    };
    for (int t = 0; t < CS_N_TERMS; t++) {
        if (!p->has_term_bound[t] || cs_term_weight(&sc->set, (cs_term)t) <= 0.0)
            continue;
        put(b, "<br>");
        put(b, term_label[t]);
        put(b, " ");
        cs_html_number(b, cs_term_value(k, (cs_term)t));
        put(b, " &ge; ");
        cs_html_number(b, round(p->term_bound[t]));
    }
    card_end(b, NULL);

    card_begin(b, "Late orders", k->late_orders > 0 ? "bad" : "good");
    cs_output_buf_printf(b, "%d", k->late_orders);
    cs_output_buf_printf(b, "</div><div class=\"s\">of %d orders", sc->n_orders);
    card_end(b, NULL);

    card_begin(b, "Weighted tardiness", k->weighted_tardiness_minutes > 0 ? "bad" : NULL);
    cs_html_number(b, k->weighted_tardiness_minutes);
    put(b, "</div><div class=\"s\">order weight &times; minutes late");
    card_end(b, NULL);

    card_begin(b, "Changeovers", NULL);
    cs_output_buf_printf(b, "%d", k->changeovers);
    put(b, "</div><div class=\"s\">");
    cs_html_duration(b, k->changeover_minutes);
    if (k->changeover_cost > 0) {
        put(b, " &middot; cost ");
        cs_html_number(b, k->changeover_cost);
    }
    if (k->cleanings > 0)
        cs_output_buf_printf(b, " &middot; %d cleanings (%lld min)", k->cleanings,
                             (long long)k->cleaning_minutes);
    card_end(b, NULL);

    card_begin(b, "Makespan", NULL);
    cs_html_duration(b, k->makespan_minutes);
    put(b, "</div><div class=\"s\">ends ");
    put_time(b, sc, (int32_t)k->makespan_minutes);
    card_end(b, NULL);

    double sum = 0, lo = 1e300, hi = -1e300;
    for (int l = 0; l < sc->n_lines; l++) {
        sum += p->utilization[l];
        lo = fmin(lo, p->utilization[l]);
        hi = fmax(hi, p->utilization[l]);
    }
    write_replan_card(b, sc, p);

    card_begin(b, "Utilisation", sc->n_lines > 6 ? "full" : "wide");
    cs_output_buf_printf(b, "%.0f%%", sc->n_lines > 0 ? 100.0 * sum / sc->n_lines : 0.0);
    cs_output_buf_printf(b, "<span class=\"unit\"> average, %.0f&ndash;%.0f%%</span>",
                         sc->n_lines > 0 ? 100.0 * lo : 0.0, sc->n_lines > 0 ? 100.0 * hi : 0.0);
    put(b, "</div><div class=\"util\">");
    for (int l = 0; l < sc->n_lines; l++) {
        double u = p->utilization[l];
        put(b, "<div class=\"u\"><span class=\"ul\">");
        esc(b, sc->lines[l].id);
        cs_output_buf_printf(b, "</span><span class=\"ub\"><i style=\"width:%.1f%%\"></i></span>"
                                "<span class=\"uv\">%.0f%%</span></div>",
                             fmin(100.0, fmax(0.0, 100.0 * u)), 100.0 * u);
    }
    put(b, "</div>");
    card_end(b, NULL);
    cs_html_edd_card(b, p);
    put(b, "</section>\n");
}
