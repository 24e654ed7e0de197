/* check_report.c -- why orders are late (late_reason.c) and report.html (write_html.c), on the
 * hand-built plan of plan_fixture.h, whose figures are worked out in its header comment. */
#include "output/output.h"
#include "output/write_html.h"
#include "plan_fixture.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

START_TEST(test_late_info_busy_line)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    cs_late_info in;
    cs_output_late_info(sc, p, FX_O2, &in);
    ck_assert(in.late);
    ck_assert(!in.unavoidable);
    ck_assert(in.waited);           /* it started at 70, after o1 and a changeover */
    ck_assert_int_eq(in.line, FX_L1);
    ck_assert_int_eq(in.n_ahead, 1); /* o1 */
    ck_assert_int_eq(in.earliest_line, FX_L1);
    ck_assert_int_eq(in.earliest_end_at, 70); /* A->B 10 min, then 60 min */
    cs_output_late_info(sc, p, FX_O1, &in);
    ck_assert(!in.late);
    char *s = cs_output_late_reason(sc, p, FX_O1);
    ck_assert_str_eq(s, "");
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_late_info_poor_line_choice)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    cs_late_info in;
    cs_output_late_info(sc, p, FX_O5, &in);
    ck_assert(in.late && !in.unavoidable && !in.waited);
    ck_assert_int_eq(in.n_ahead, 3);
    /* on L2: clean, 360 minutes from its release at 840, no night downtime */
    ck_assert_int_eq(in.earliest_line, FX_L2);
    ck_assert_int_eq(in.earliest_end_at, 1200);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_late_reason_unavoidable)
{
    cosched_scenario *sc = fx_scenario();
    sc->orders[FX_O2].due_at = 65; /* before its earliest possible end, 70 */
    cosched_plan *p = fx_plan(sc);
    cs_late_info in;
    cs_output_late_info(sc, p, FX_O2, &in);
    ck_assert(in.late && in.unavoidable);
    char *s = cs_output_late_reason(sc, p, FX_O2);
    ck_assert_str_eq(s, "unavoidable: even alone on its fastest line L1 it cannot end before "
                        "2027-03-01T07:10 (60 run minutes)");
    free(s);
    /* A due date just at the earliest end can be met: not unavoidable. */
    cosched_plan_free(p);
    sc->orders[FX_O2].due_at = 70;
    p = fx_plan(sc);
    cs_output_late_info(sc, p, FX_O2, &in);
    ck_assert(in.late && !in.unavoidable);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_report_html)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char *saved = sc->orders[FX_O3].id;
    sc->orders[FX_O3].id = "<o3 & \"x\">";
    char *h = cs_output_report_html(sc, p);
    sc->orders[FX_O3].id = saved;
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(count(h, "data-block=\""), p->n_blocks);
    ck_assert_int_eq(count(h, "data-block=\"changeover\""), 2);
    ck_assert_int_eq(count(h, "<tr class=\"late\""), 2);
    ck_assert_int_eq(count(h, "class=\"blk production late\""), 2);
    ck_assert_ptr_null(strstr(h, "<o3"));
    ck_assert_ptr_nonnull(strstr(h, "&lt;o3 &amp; &quot;x&quot;&gt;"));
    /* the reason text, and the night downtime of L1 as a shaded window */
    ck_assert_ptr_nonnull(strstr(h, "line L1 is busy: 1 order ahead of it: o1"));
    ck_assert_ptr_nonnull(strstr(h, "downtime 2027-03-01 22:00"));
    ck_assert_ptr_null(strstr(h, "src="));
    ck_assert_ptr_null(strstr(h, "<link"));
    /* o5 pauses for L1's night: the pause is drawn inside (over) o5's block, and nowhere
     * else (no other block spans a downtime) */
    ck_assert_int_eq(count(h, "<rect class=\"pause\""), 1);
    const char *o5 = strstr(h, "data-order=\"o5\"");
    ck_assert_ptr_nonnull(o5);
    const char *pause = strstr(o5, "<rect class=\"pause\"");
    ck_assert_ptr_nonnull(pause);
    ck_assert(pause < strstr(o5, "</g>")); /* before o5's group ends */
    ck_assert_ptr_nonnull(strstr(pause, "paused: downtime 2027-03-01 22:00"));
    /* changeovers from and to as text, one table row each */
    ck_assert_int_eq(count(h, "<tr data-co=\""), 2);
    ck_assert_ptr_nonnull(strstr(h, "<tr data-co=\"L1:2\"><td>L1</td><td>2027-03-01 07:00</td>"
                                    "<td>2027-03-01 07:10</td><td>changeover</td><td>A</td>"
                                    "<td>B</td><td class=\"num\">10</td>"));
    /* print layout and the screen zoom */
    ck_assert_ptr_nonnull(strstr(h, "@media print{"));
    ck_assert_ptr_nonnull(strstr(h, ".gantt svg{width:100%!important;height:auto!important}"));
    ck_assert_ptr_nonnull(strstr(h, "data-z=\"fit\""));
    /* one due marker per order, linked to its table row; no crew rows (crews unlimited) */
    ck_assert_int_eq(count(h, "data-due=\""), sc->n_orders);
    ck_assert_int_eq(count(h, "<a href=\"#order-"), sc->n_orders);
    ck_assert_ptr_nonnull(strstr(h, "<tr data-order=\"o1\" id=\"order-0\">"));
    ck_assert_ptr_nonnull(strstr(h, "data-due=\"o1\"><a href=\"#order-0\">"));
    ck_assert_int_eq(count(h, "data-crew"), 0);
    free(h);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

static int shade_sum(const cs_html_colour *c)
{
    unsigned v = (unsigned)strtoul(c->hex + 1, NULL, 16);
    return (int)(((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff));
}

/* Products of one family: a shade each, the one cheap to leave and dear to enter lightest,
 * the one dear to leave and cheap to enter darkest. */
START_TEST(test_report_shades)
{
    cosched_scenario *sc = fx_scenario();
    sc->families = calloc(1, sizeof *sc->families);
    ck_assert_ptr_nonnull(sc->families);
    sc->families[0] = strdup("f");
    sc->n_families = 1;
    for (int q = 0; q < sc->n_products; q++)
        sc->products[q].family = 0;
    fx_set_co(sc, FX_C, FX_A, 1, 0);
    fx_set_co(sc, FX_C, FX_B, 1, 0);
    fx_set_co(sc, FX_A, FX_C, 90, 0);
    fx_set_co(sc, FX_B, FX_C, 90, 0);
    fx_set_co(sc, FX_A, FX_B, 5, 0);
    fx_set_co(sc, FX_B, FX_A, 60, 0);
    cs_html_colour *sh = cs_html_shades(sc);
    ck_assert_ptr_nonnull(sh);
    ck_assert_int_gt(shade_sum(&sh[FX_C]), shade_sum(&sh[FX_A]));
    ck_assert_int_gt(shade_sum(&sh[FX_A]), shade_sum(&sh[FX_B]));
    ck_assert_str_eq(cs_html_product_colour(sh, -1).hex, "#9aa5b1");
    free(sh);
    cosched_scenario_free(sc);
}
END_TEST

/* Crews: blocks that overlap in time go to different crews, the lowest free one first. */
START_TEST(test_report_crews)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    cs_html_crews cr;
    ck_assert_int_eq(cs_html_crews_assign(sc, p, &cr), COSCHED_OK);
    ck_assert_ptr_null(cr.crew);
    ck_assert_int_eq(cr.n_rows, 0);
    sc->set.cleaning_crews = 2;
    ck_assert_int_eq(cs_html_crews_assign(sc, p, &cr), COSCHED_OK);
    ck_assert_ptr_nonnull(cr.crew);
    int n_crew = 0;
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *a = &p->blocks[i];
        ck_assert_int_eq(cr.crew[i] >= 0, a->kind != CS_BLOCK_PRODUCTION && a->minutes > 0);
        n_crew += cr.crew[i] >= 0;
        for (int j = 0; j < i; j++) {
            const cs_block *b = &p->blocks[j];
            if (cr.crew[i] >= 0 && cr.crew[i] == cr.crew[j])
                ck_assert(a->end_at <= b->start_at || b->end_at <= a->start_at);
        }
    }
    ck_assert_int_gt(n_crew, 0);
    ck_assert_int_ge(cr.n_rows, 1);
    cs_html_crews_free(&cr);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* The earliest-due-date rule's figures beside the plan's (fixture: tardiness 90, 2 late,
 * 50 changeover minutes, makespan 1500, objective 302.5), and the run record in the footer:
 * a plan stopped by its work limit is repeatable, one stopped by the clock may differ. */
START_TEST(test_report_edd_and_run)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char *h = cs_output_report_html(sc, p);
    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_null(strstr(h, "data-edd=")); /* no EDD figures, no card */
    ck_assert_ptr_null(strstr(h, "input <code")); /* no digest of files read */
    free(h);

    p->has_edd = true;
    p->edd_kpis = p->kpis;
    p->edd_kpis.late_orders = 3;
    p->edd_kpis.weighted_tardiness_minutes = 150;
    p->edd_kpis.changeover_minutes = 80;
    p->edd_kpis.changeover_cost = 40;
    p->edd_kpis.makespan_minutes = 1400;
    p->edd_objective = cs_objective_from_kpis(&sc->set, &p->edd_kpis);
    ck_assert(fabs(p->edd_objective - 390.0) < 1e-9);
    for (int i = 0; i < 32; i++)
        sc->input_sha256[i] = (uint8_t)(0xa0 + i);
    p->started_unix_s = 1796302800; /* 2026-12-03T13:00:00Z */
    p->result.stopped_by = COSCHED_STOP_WORK_LIMIT;
    p->result.repeatable = true;
    p->result.work_limit_units = 5;
    h = cs_output_report_html(sc, p);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(count(h, "data-edd=\"1\""), 1);
    ck_assert_int_eq(count(h, "<tr data-edd-row="), 5);
    ck_assert_ptr_nonnull(strstr(h, "<tr data-edd-row=\"late_orders\"><th scope=\"row\">late "
                                    "orders</th><td class=\"num\">3</td><td class=\"num\">2</td>"
                                    "<td class=\"num better\">&minus;1</td></tr>"));
    ck_assert_ptr_nonnull(strstr(h, "<td class=\"num\">150</td><td class=\"num\">90</td>"
                                    "<td class=\"num better\">&minus;60</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<td class=\"num\">80</td><td class=\"num\">50</td>"
                                    "<td class=\"num better\">&minus;30</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<td class=\"num\">1,400</td><td class=\"num\">1,500</td>"
                                    "<td class=\"num worse\">+100</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<td class=\"num\">390</td><td class=\"num\">302.50</td>"
                                    "<td class=\"num better\">&minus;87.50</td>"));
    ck_assert_ptr_nonnull(strstr(h, "the objective is 22.4 % below the earliest-due-date"));
    /* the card stands among the KPI cards, the run record in the footer */
    ck_assert(strstr(h, "data-edd=") < strstr(h, "</section>"));
    const char *footer = strstr(h, "<footer>");
    ck_assert_ptr_nonnull(footer);
    ck_assert_ptr_nonnull(strstr(footer, "<div class=\"run\" data-run=\"1\">scenario fixture "
                                         "&middot; input <code title=\"sha256 a0a1a2a3"));
    ck_assert_ptr_nonnull(strstr(footer, ">a0a1a2a3a4a5</code> &middot; started 2026-12-03 "
                                         "13:00:00 UTC &middot; time limit 10 s &middot; work "
                                         "limit 5 units &middot; seed 7</div>"));
    ck_assert_ptr_nonnull(strstr(footer, "data-repeatable=\"true\">search stopped by the work "
                                         "limit: the same plan on any machine</div>"));
    free(h);

    p->result.stopped_by = COSCHED_STOP_TIME_LIMIT;
    p->result.repeatable = false;
    p->result.work_limit_units = -1;
    p->edd_objective = 302.5;
    h = cs_output_report_html(sc, p);
    ck_assert_ptr_nonnull(h);
    ck_assert_ptr_null(strstr(h, "work limit"));
    ck_assert_ptr_nonnull(strstr(h, "data-repeatable=\"false\">search stopped by the time "
                                    "limit: a re-run may differ</div>"));
    ck_assert_ptr_nonnull(strstr(h, "<td class=\"num same\">0</td></tr>\n</tbody>"));
    ck_assert_ptr_nonnull(strstr(h, "the same objective as the earliest-due-date"));
    free(h);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, test_late_info_busy_line);
    tcase_add_test(tc, test_late_info_poor_line_choice);
    tcase_add_test(tc, test_late_reason_unavoidable);
    tcase_add_test(tc, test_report_html);
    tcase_add_test(tc, test_report_shades);
    tcase_add_test(tc, test_report_crews);
    tcase_add_test(tc, test_report_edd_and_run);
    suite_add_tcase(s, tc);
    return s;
}
