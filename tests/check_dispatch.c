/* check_dispatch.c -- dispatch.csv and dispatch.html (write_dispatch.c) on the hand-built plan
 * of plan_fixture.h: L1 is down 22:00-06:00, so its shift on the first day is 06:00-22:00 and
 * o5, started at 20:00, pauses for the night; L2 has no downtime and is split by day. */
#include "output/output.h"
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

#define FX_SHIFT_L1 "L1,1,2027-03-01T06:00,2027-03-01T22:00,"
#define FX_SHIFT_L2 "L2,1,2027-03-01T06:00,2027-03-02T00:00,"

START_TEST(test_dispatch_csv_text)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    char *s = cs_output_dispatch_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(
        s, "line_id,shift,shift_start,shift_end,step,seq,kind,start,end,minutes,order_id,"
           "product_id,quantity,from_product_id,to_product_id,due,note\n"
           FX_SHIFT_L1 "1,1,production,2027-03-01T06:00,2027-03-01T07:00,60,o1,A,60,,,"
           "2027-03-01T08:00,\n"
           FX_SHIFT_L1 "2,2,changeover,2027-03-01T07:00,2027-03-01T07:10,10,,,,A,B,,\n"
           FX_SHIFT_L1 "3,3,production,2027-03-01T07:10,2027-03-01T08:10,60,o2,B,30,,,"
           "2027-03-01T07:40,late by 30 min\n"
           FX_SHIFT_L1 "4,4,changeover,2027-03-01T08:10,2027-03-01T08:50,40,,,,B,A,,\n"
           FX_SHIFT_L1 "5,5,production,2027-03-01T08:50,2027-03-01T09:20,30,o4,A,30,,,"
           "2027-03-01T22:40,\n"
           FX_SHIFT_L1 "6,6,production,2027-03-01T20:00,2027-03-02T07:00,180,o5,A,180,,,"
           "2027-03-02T06:00,late by 60 min; paused for downtime 2027-03-01 22:00 to "
           "2027-03-02 06:00\n"
           FX_SHIFT_L2 "1,1,production,2027-03-01T07:40,2027-03-01T08:40,60,o3,C,60,,,"
           "2027-03-01T09:00,\n");
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* Shifts change at downtime and at midnight, steps restart in each shift, and a divided
 * order names its parts. */
START_TEST(test_dispatch_csv_shifts_and_parts)
{
    cosched_scenario *sc = fx_scenario();
    /* L2 has no downtime: o1 07:00-09:00, then o4 (may be split) from its release 23:30
     * in two parts of 15 units (30 min each): 23:30-00:00 on the first day, 00:00-00:30 as
     * step 1 of the next day's list. */
    sc->orders[FX_O4].split = true;
    sc->orders[FX_O4].min_split = 1;
    sc->orders[FX_O4].release_at = 1050;
    static const fx_step steps[] = {
        { FX_L2, FX_O1, 60 }, { FX_L2, FX_O4, 15 }, { FX_L2, FX_O4, 15 },
    };
    cosched_plan *p = fx_build(sc, steps, TEST_COUNT(steps));
    char *s = cs_output_dispatch_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(strstr(s, "\nL2,1,2027-03-01T06:00,2027-03-02T00:00,1,1,production,"
                                    "2027-03-01T07:00,2027-03-01T09:00,120,o1,"));
    ck_assert_ptr_nonnull(strstr(s, "\nL2,1,2027-03-01T06:00,2027-03-02T00:00,2,2,production,"
                                    "2027-03-01T23:30,2027-03-02T00:00,30,o4,A,15,,,"
                                    "2027-03-01T22:40,part 1 of 2\n"));
    ck_assert_ptr_nonnull(strstr(s, "\nL2,2,2027-03-02T00:00,2027-03-03T00:00,1,3,production,"
                                    "2027-03-02T00:00,2027-03-02T00:30,30,o4,A,15,,,"
                                    "2027-03-01T22:40,part 2 of 2; late by 110 min\n"));
    free(s);
    cosched_plan_free(p);

    /* L1: o5 from its release 20:00 over the night, then o1 on the next day: the shift after
     * the downtime is number 2, 06:00-22:00, and its steps start again at 1. */
    static const fx_step steps1[] = { { FX_L1, FX_O5, 180 }, { FX_L1, FX_O1, 60 } };
    sc->orders[FX_O4].split = false;
    p = fx_build(sc, steps1, TEST_COUNT(steps1));
    s = cs_output_dispatch_csv(sc, p);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(strstr(s, "\nL1,1,2027-03-01T06:00,2027-03-01T22:00,1,1,production,"
                                    "2027-03-01T20:00,2027-03-02T07:00,180,o5,"));
    ck_assert_ptr_nonnull(strstr(s, "\nL1,2,2027-03-02T06:00,2027-03-02T22:00,1,2,production,"
                                    "2027-03-02T07:00,2027-03-02T08:00,60,o1,"));
    free(s);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_dispatch_html)
{
    cosched_scenario *sc = fx_scenario();
    free(sc->orders[FX_O3].id);
    sc->orders[FX_O3].id = fx_dup("<o3 & \"x\">");
    cosched_plan *p = fx_plan(sc);
    char *h = cs_output_dispatch_html(sc, p);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(count(h, "<section class=\"line\""), sc->n_lines);
    ck_assert_int_eq(count(h, "data-block=\""), p->n_blocks);
    ck_assert_int_eq(count(h, "data-block=\"changeover\""), 2);
    ck_assert_int_eq(count(h, "<h3 data-shift="), 2); /* one shift on each line */
    ck_assert_ptr_nonnull(strstr(h, "Shift 1: Mon 2027-03-01 06:00 &ndash; 22:00"));
    ck_assert_ptr_nonnull(strstr(h, "<td>A &rarr; B</td>"));
    ck_assert_ptr_nonnull(strstr(h, "&lt;o3 &amp; &quot;x&quot;&gt;"));
    ck_assert_ptr_null(strstr(h, "<o3"));
    /* o5 ends on the next day: the weekday is given with the time */
    ck_assert_ptr_nonnull(strstr(h, "<td class=t>20:00</td><td class=t>Tue 07:00</td>"));
    ck_assert_ptr_nonnull(strstr(h, "paused for downtime 2027-03-01 22:00 to 2027-03-02 06:00"));
    /* printing: a page per line, table heads repeated */
    ck_assert_ptr_nonnull(strstr(h, "section.line{break-before:page"));
    ck_assert_ptr_nonnull(strstr(h, "thead{display:table-header-group}"));
    free(h);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

Suite *dispatch_suite(void)
{
    Suite *s = suite_create("dispatch");
    TCase *tc = tcase_create("dispatch");
    tcase_add_test(tc, test_dispatch_csv_text);
    tcase_add_test(tc, test_dispatch_csv_shifts_and_parts);
    tcase_add_test(tc, test_dispatch_html);
    suite_add_tcase(s, tc);
    return s;
}
