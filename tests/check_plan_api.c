/* check_plan_api.c -- the public getters over a plan's blocks and order results, on the
 * hand-built reference plan of plan_fixture.h (every figure worked out there) and on an
 * order split over three lines of a scenario loaded from CSV. */
#include "plan_fixture.h"

#include <stdio.h>

START_TEST(test_blocks_of_reference_plan)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    ck_assert_int_eq(cosched_plan_n_blocks(p), 7);
    cosched_block b;

    /* L1 seq 2: changeover A->B 60-70, 10 minutes, cost 5. */
    ck_assert_int_eq(cosched_plan_get_block(sc, p, 1, &b), COSCHED_OK);
    ck_assert_str_eq(b.line_id, "L1");
    ck_assert_int_eq(b.seq, 2);
    ck_assert_int_eq(b.kind, COSCHED_BLOCK_CHANGEOVER);
    ck_assert_ptr_null(b.order_id);
    ck_assert_str_eq(b.product_id, "B");
    ck_assert_str_eq(b.from_product_id, "A");
    ck_assert_double_eq(b.quantity, 0.0);
    ck_assert_int_eq(b.start_minutes, 60);
    ck_assert_int_eq(b.end_minutes, 70);
    ck_assert_str_eq(b.start, "2027-03-01T07:00");
    ck_assert_str_eq(b.end, "2027-03-01T07:10");
    ck_assert_int_eq(b.minutes, 10);
    ck_assert_double_eq(b.cost, 5.0);

    /* L1 seq 6: o5 from its release over the night downtime into the next day. */
    ck_assert_int_eq(cosched_plan_get_block(sc, p, 5, &b), COSCHED_OK);
    ck_assert_int_eq(b.kind, COSCHED_BLOCK_PRODUCTION);
    ck_assert_str_eq(b.order_id, "o5");
    ck_assert_str_eq(b.product_id, "A");
    ck_assert_ptr_null(b.from_product_id);
    ck_assert_double_eq(b.quantity, 180.0);
    ck_assert_int_eq(b.start_minutes, 840);
    ck_assert_int_eq(b.end_minutes, 1500);
    ck_assert_str_eq(b.start, "2027-03-01T20:00");
    ck_assert_str_eq(b.end, "2027-03-02T07:00");
    ck_assert_int_eq(b.minutes, 180);
    ck_assert_double_eq(b.cost, 0.0);

    ck_assert_int_eq(cosched_plan_get_block(sc, p, 6, &b), COSCHED_OK);
    ck_assert_str_eq(b.line_id, "L2");
    ck_assert_int_eq(b.seq, 1);
    ck_assert_str_eq(b.order_id, "o3");

    /* Refused: out of range, NULL arguments; *out is left alone. */
    b.seq = -7;
    ck_assert_int_eq(cosched_plan_get_block(sc, p, 7, &b), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_get_block(sc, p, -1, &b), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_get_block(NULL, p, 0, &b), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_get_block(sc, NULL, 0, &b), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_get_block(sc, p, 0, NULL), COSCHED_EINVAL);
    ck_assert_int_eq(b.seq, -7);
    ck_assert_int_eq(cosched_plan_n_blocks(NULL), 0);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_orders_of_reference_plan)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    ck_assert_int_eq(cosched_plan_n_orders(p), 5);
    cosched_order_result o;
    /* o2: 70-130 on L1, due 100 (07:40): 30 minutes late. */
    ck_assert_int_eq(cosched_plan_get_order(sc, p, FX_O2, &o), COSCHED_OK);
    ck_assert_str_eq(o.order_id, "o2");
    ck_assert(o.scheduled);
    ck_assert_int_eq(o.n_lines, 1);
    ck_assert_str_eq(o.line_id, "L1");
    ck_assert_str_eq(cosched_plan_order_line(sc, p, FX_O2, 0), "L1");
    ck_assert_ptr_null(cosched_plan_order_line(sc, p, FX_O2, 1));
    ck_assert_int_eq(o.start_minutes, 70);
    ck_assert_int_eq(o.end_minutes, 130);
    ck_assert_int_eq(o.due_minutes, 100);
    ck_assert_str_eq(o.start, "2027-03-01T07:10");
    ck_assert_str_eq(o.end, "2027-03-01T08:10");
    ck_assert_str_eq(o.due, "2027-03-01T07:40");
    ck_assert_int_eq(o.tardiness_minutes, 30);
    ck_assert_int_eq(cosched_plan_get_order(sc, p, FX_O3, &o), COSCHED_OK);
    ck_assert_str_eq(o.line_id, "L2");
    ck_assert_int_eq(o.tardiness_minutes, 0);
    ck_assert_int_eq(cosched_plan_get_order(sc, p, 5, &o), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_get_order(sc, p, -1, &o), COSCHED_EINVAL);
    ck_assert_ptr_null(cosched_plan_order_line(sc, p, 5, 0));
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_order_in_parts_and_unscheduled)
{
    cosched_scenario *sc = fx_scenario();
    /* o1 in two parts: 20 units on L1, 40 on L2 (80 min at 30 u/h from 60); o3 nowhere. */
    static const fx_step steps[] = { { FX_L1, FX_O1, 20 }, { FX_L2, FX_O1, 40 } };
    cosched_plan *p = fx_build(sc, steps, TEST_COUNT(steps));
    cosched_order_result o;
    ck_assert_int_eq(cosched_plan_get_order(sc, p, FX_O1, &o), COSCHED_OK);
    ck_assert_int_eq(o.n_lines, 2);
    ck_assert_str_eq(o.line_id, "L1");
    ck_assert_str_eq(cosched_plan_order_line(sc, p, FX_O1, 0), "L1");
    ck_assert_str_eq(cosched_plan_order_line(sc, p, FX_O1, 1), "L2");
    ck_assert_ptr_null(cosched_plan_order_line(sc, p, FX_O1, 2));
    ck_assert_int_eq(o.start_minutes, 0);
    ck_assert_int_eq(o.end_minutes, 140);

    ck_assert_int_eq(cosched_plan_get_order(sc, p, FX_O3, &o), COSCHED_OK);
    ck_assert(!o.scheduled);
    ck_assert_int_eq(o.n_lines, 0);
    ck_assert_ptr_null(o.line_id);
    ck_assert_str_eq(o.start, "");
    ck_assert_str_eq(o.end, "");
    ck_assert_str_eq(o.due, "2027-03-01T09:00");
    ck_assert_int_eq(o.tardiness_minutes, 0);
    ck_assert_ptr_null(cosched_plan_order_line(sc, p, FX_O3, 0));
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

/* Lines listed in the scenario's order although the parts were appended out of it; the
 * middle one of three is found by walking the blocks. */
START_TEST(test_order_on_three_lines)
{
    char *dir = test_tmpdir();
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-03-01T06:00\n");
    test_write_file(dir, "lines.csv", "line_id,initial_product\nK1,P\nK2,P\nK3,P\n");
    test_write_file(dir, "capabilities.csv",
                    "line_id,product_id,units_per_hour\nK1,P,60\nK2,P,60\nK3,P,60\n");
    test_write_file(dir, "changeovers.csv", "line_id,from,to,minutes,cost\n,*,*,20,0\n");
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due,split,min_split\n"
                                       "X,P,10,2027-03-01T08:00,0,1\n"
                                       "S,P,300,2027-03-01T08:00,1,50\n");
    cosched_diags *d = cosched_diags_create(10);
    cosched_scenario *sc = NULL;
    ck_assert_int_eq(cosched_scenario_load(dir, d, &sc), COSCHED_OK);
    cosched_plan *p = cs_plan_create(sc);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(cs_plan_append(p, 2, 1, 100), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, 1, 0, 10), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, 1, 1, 100), COSCHED_OK);
    ck_assert_int_eq(cs_plan_append(p, 0, 1, 100), COSCHED_OK);
    ck_assert_int_eq(cs_plan_build(sc, p), COSCHED_OK);
    cosched_order_result o;
    ck_assert_int_eq(cosched_plan_get_order(sc, p, 1, &o), COSCHED_OK);
    ck_assert_str_eq(o.order_id, "S");
    ck_assert_int_eq(o.n_lines, 3);
    ck_assert_str_eq(o.line_id, "K1");
    ck_assert_str_eq(cosched_plan_order_line(sc, p, 1, 0), "K1");
    ck_assert_str_eq(cosched_plan_order_line(sc, p, 1, 1), "K2");
    ck_assert_str_eq(cosched_plan_order_line(sc, p, 1, 2), "K3");
    ck_assert_ptr_null(cosched_plan_order_line(sc, p, 1, 3));
    /* On K2, after X (10 minutes): 10-110, the latest end of the three parts. */
    ck_assert_int_eq(o.start_minutes, 0);
    ck_assert_int_eq(o.end_minutes, 110);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* A plan is read only with a scenario of its own shape. */
START_TEST(test_other_scenario_refused)
{
    cosched_scenario *sc = fx_scenario();
    cosched_plan *p = fx_plan(sc);
    cosched_scenario *other = test_load("scenarios/demo");
    cosched_block b;
    cosched_order_result o;
    ck_assert_int_eq(cosched_plan_get_block(other, p, 0, &b), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_plan_get_order(other, p, 0, &o), COSCHED_EINVAL);
    ck_assert_ptr_null(cosched_plan_order_line(other, p, 0, 0));
    cosched_scenario_free(other);
    cosched_plan_free(p);
    cosched_scenario_free(sc);
}
END_TEST

Suite *plan_api_suite(void)
{
    Suite *s = suite_create("plan_api");
    TCase *tc = tcase_create("getters");
    tcase_add_test(tc, test_blocks_of_reference_plan);
    tcase_add_test(tc, test_orders_of_reference_plan);
    tcase_add_test(tc, test_order_in_parts_and_unscheduled);
    tcase_add_test(tc, test_order_on_three_lines);
    tcase_add_test(tc, test_other_scenario_refused);
    suite_add_tcase(s, tc);
    return s;
}
