/* check_input.c -- the "input" suite: CSV reading (quotes, BOM, CRLF, blank lines, line
 * numbers), scenario semantics (rates, times, downtime, changeover rule resolution), and a
 * table of bad scenarios under tests/data/bad/, each with one defect and the exact file,
 * line and column its first error must name. */
#include "input/input.h"
#include "model/scenario.h"
#include "test_util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ---- */

static cs_csvtab *tab_ok(const char *text, size_t len)
{
    cosched_diags *d = cosched_diags_create(20);
    cs_csvtab *t = NULL;
    cosched_status st = cs_csvtab_load_buffer(text, len, "t.csv", d, &t);
    if (st != COSCHED_OK)
        cosched_diags_print(d, stderr);
    ck_assert_int_eq(st, COSCHED_OK);
    cosched_diags_free(d);
    return t;
}

/* Loads a buffer that must fail; returns the first diagnostic's line and copies its text. */
static long tab_fails(const char *text, size_t len, char *msg, size_t size)
{
    cosched_diags *d = cosched_diags_create(20);
    cs_csvtab *t = NULL;
    ck_assert_int_eq(cs_csvtab_load_buffer(text, len, "t.csv", d, &t), COSCHED_EINPUT);
    ck_assert_ptr_null(t);
    ck_assert_int_ge(cosched_diags_n_errors(d), 1);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_str_eq(g->file, "t.csv");
    long line = g->line;
    snprintf(msg, size, "%s", g->message);
    cosched_diags_free(d);
    return line;
}

/* The valid base scenario of tests/data/bad/, written into a fresh directory; callers then
 * overwrite single files. */
static char *write_base(void)
{
    char *dir = test_tmpdir();
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\n");
    test_write_file(dir, "lines.csv",
                    "line_id,name,initial_product\nL1,Line one,P1\nL2,Line two,\n");
    test_write_file(dir, "capabilities.csv", "line_id,product_id,units_per_hour,minutes_per_unit\n"
                                             "L1,P1,60,\nL1,P2,,2\nL2,family:F,30,\n");
    test_write_file(dir, "changeovers.csv", "line_id,from,to,minutes,cost\n,*,*,30,5\n");
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due,release,weight,family\n"
                                       "O1,P1,60,2027-01-04T12:00,,1,F\n"
                                       "O2,P2,30,2027-01-05T06:00,,2,F\n"
                                       "O3,P1,10,2027-01-05T06:00,,1,F\n");
    return dir;
}

/* Loads the scenario in @p dir, which must end in @p want (its diagnostics printed when it
 * does not); returns the scenario (none unless COSCHED_OK) and leaves the diagnostics in
 * *@p out for the caller to inspect and free. */
static cosched_scenario *load_expect(const char *dir, cosched_status want, cosched_diags **out)
{
    cosched_diags *d = cosched_diags_create(50);
    cosched_scenario *sc = NULL;
    cosched_status st = cosched_scenario_load(dir, d, &sc);
    if (st != want)
        cosched_diags_print(d, stderr);
    ck_assert_msg(st == want, "%s: status %s, expected %s", dir, cosched_status_str(st),
                  cosched_status_str(want));
    if (want != COSCHED_OK)
        ck_assert_ptr_null(sc);
    *out = d;
    return sc;
}

static cosched_scenario *load_dir_ok(const char *dir)
{
    cosched_diags *d;
    cosched_scenario *sc = load_expect(dir, COSCHED_OK, &d);
    ck_assert_int_eq(cosched_diags_n_errors(d), 0);
    cosched_diags_free(d);
    return sc;
}

static const cosched_diag *first_error(const cosched_diags *d)
{
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (g->severity == COSCHED_SEV_ERROR)
            return g;
    }
    return NULL;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ---- CSV ---- */

START_TEST(test_csv_quotes_commas_newlines)
{
    const char *text = "a,b,c\n"
                       "1,\"x, y\",\"say \"\"hi\"\"\"\n"
                       "2,\"two\nlines\",z\n"
                       "3,  padded  ,\"  kept  \"\n";
    cs_csvtab *t = tab_ok(text, strlen(text));
    ck_assert_int_eq(cs_csvtab_n_rows(t), 3);
    ck_assert_int_eq(cs_csvtab_n_cols(t), 3);
    ck_assert_str_eq(cs_csvtab_get(t, 0, 1), "x, y");
    ck_assert_str_eq(cs_csvtab_get(t, 0, 2), "say \"hi\"");
    ck_assert_str_eq(cs_csvtab_get(t, 1, 1), "two\nlines");
    ck_assert_str_eq(cs_csvtab_get(t, 2, 1), "padded");
    ck_assert_str_eq(cs_csvtab_get(t, 2, 2), "  kept  ");
    /* Physical start lines: the record after the two-line field starts on line 5. */
    ck_assert_int_eq(cs_csvtab_line(t, 0), 2);
    ck_assert_int_eq(cs_csvtab_line(t, 1), 3);
    ck_assert_int_eq(cs_csvtab_line(t, 2), 5);
    cs_csvtab_free(t);
}
END_TEST

START_TEST(test_csv_bom_crlf_blank_lines)
{
    const char text[] = "\xEF\xBB\xBFid,qty\r\nA,1\r\n\r\n   \r\nB,2\r\n\r\n\r\n";
    cs_csvtab *t = tab_ok(text, sizeof text - 1);
    ck_assert_int_eq(cs_csvtab_col(t, "id"), 0); /* the BOM is not part of the name */
    ck_assert_int_eq(cs_csvtab_n_rows(t), 2);
    ck_assert_str_eq(cs_csvtab_get(t, 0, 1), "1"); /* no stray CR */
    ck_assert_str_eq(cs_csvtab_get(t, 1, 0), "B");
    ck_assert_int_eq(cs_csvtab_line(t, 1), 5);
    cs_csvtab_free(t);
}
END_TEST

START_TEST(test_csv_columns_by_name_short_and_long_records)
{
    const char *text = "qty,id,extra\n5,A\n6,B,x,y\n,,,\n7,C,z"; /* no final newline */
    cs_csvtab *t = tab_ok(text, strlen(text));
    ck_assert_int_eq(cs_csvtab_col(t, "id"), 1);
    ck_assert_int_eq(cs_csvtab_col(t, "nope"), -1);
    ck_assert_int_eq(cs_csvtab_n_rows(t), 3); /* the ",,," row counts as blank */
    ck_assert_str_eq(cs_csvtab_get(t, 0, 2), ""); /* short record: missing reads as "" */
    ck_assert_int_eq(cs_csvtab_row_width(t, 0), 2);
    ck_assert_int_eq(cs_csvtab_row_width(t, 1), 4);
    ck_assert_str_eq(cs_csvtab_get(t, 2, 2), "z");
    ck_assert_int_eq(cs_csvtab_line(t, 2), 5);
    ck_assert_str_eq(cs_csvtab_get(t, 0, -1), "");
    ck_assert_str_eq(cs_csvtab_get(t, 9, 0), "");
    cs_csvtab_free(t);
}
END_TEST

START_TEST(test_csv_malformed)
{
    char msg[512];
    const char *unclosed = "a,b\n1,2\n3,\"never\nclosed,4\n5,6\n";
    ck_assert_int_eq(tab_fails(unclosed, strlen(unclosed), msg, sizeof msg), 3);
    ck_assert_str_eq(msg, "malformed CSV: quoted field is never closed");
    ck_assert_int_eq(tab_fails("", 0, msg, sizeof msg), 1);
    ck_assert_int_eq(tab_fails("\n\n  \n", 4, msg, sizeof msg), 1);
    const char *dup = "a,b,a\n1,2,3\n";
    tab_fails(dup, strlen(dup), msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "'a'"));
    const char nul[] = "a,b\n1,2\n3,x\0y\n";
    ck_assert_int_eq(tab_fails(nul, sizeof nul - 1, msg, sizeof msg), 3);
    ck_assert_ptr_nonnull(strstr(msg, "NUL"));
    const char *utf = "a,b\n1,\xC3\xA9\n2,\xC3\n3,\xED\xA0\x80\n";
    ck_assert_int_eq(tab_fails(utf, strlen(utf), msg, sizeof msg), 3);
    ck_assert_ptr_nonnull(strstr(msg, "UTF-8"));
    const char *stray = "a,b\n1,2\n3,\"x\"y\n";
    ck_assert_int_eq(tab_fails(stray, strlen(stray), msg, sizeof msg), 3);
}
END_TEST

START_TEST(test_csv_long_field_is_truncated_in_messages)
{
    char *big = malloc(20001);
    memset(big, 'x', 20000);
    big[20000] = '\0';
    char buf[128];
    const char *q = cs_load_quote(big, buf, sizeof buf);
    ck_assert_uint_lt(strlen(q), 80);
    ck_assert_ptr_nonnull(strstr(q, "..."));
    ck_assert_str_eq(cs_load_quote("a\nb", buf, sizeof buf), "a\\x0Ab");
    free(big);
}
END_TEST

/* ---- scenario semantics ---- */

START_TEST(test_base_scenario_values)
{
    char *dir = write_base();
    cosched_scenario *sc = load_dir_ok(dir);
    ck_assert_int_eq(cosched_scenario_n_lines(sc), 2);
    ck_assert_int_eq(cosched_scenario_n_orders(sc), 3);
    int l1 = cs_scenario_find_line(sc, "L1"), l2 = cs_scenario_find_line(sc, "L2");
    int o1 = cs_scenario_find_order(sc, "O1"), o2 = cs_scenario_find_order(sc, "O2");
    int p1 = cs_scenario_find_product(sc, "P1"), p2 = cs_scenario_find_product(sc, "P2");
    ck_assert_int_ge(l1, 0);
    ck_assert_int_ge(o2, 0);
    ck_assert_int_eq(cs_scenario_find_order(sc, "O9"), -1);
    /* 60 units at 60/h on L1 = 60 min; at 30/h (family row) on L2 = 120 min. */
    ck_assert_int_eq(cs_run_minutes(sc, o1, l1), 60);
    ck_assert_int_eq(cs_run_minutes(sc, o1, l2), 120);
    /* 30 units at 2 minutes per unit on L1 = 60 min. */
    ck_assert_int_eq(cs_run_minutes(sc, o2, l1), 60);
    /* due 2027-01-04T12:00 is 6 h after horizon_start. */
    ck_assert_int_eq(sc->orders[o1].due_at, 360);
    ck_assert_int_eq(sc->orders[o2].due_at, 1440);
    ck_assert(sc->orders[o2].weight == 2.0);
    ck_assert_int_eq(sc->lines[l1].initial_product, p1);
    ck_assert_int_eq(sc->lines[l2].initial_product, -1);
    ck_assert_int_eq(cs_co_minutes(sc, l1, p1, p2), 30);
    ck_assert(cs_co_cost(sc, l1, p2, p1) == 5.0);
    ck_assert_int_eq(cs_co_minutes(sc, l1, p1, p1), 0);
    ck_assert(sc->set.time_limit_s == 10.0 && sc->set.weight_tardiness == 1.0);
    ck_assert_int_eq(sc->set.seed, 1);
    cosched_scenario_free(sc);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_minutes_per_unit_rounding)
{
    char *dir = write_base();
    /* 0.1 min/unit x 30 units is 3.0000000000000004 in floating point: the contract's
     * ceil(q * mpu - 1e-6) gives 3, not 4. 7 units at 60/h rounds 7 up to 7; 7 units at
     * 45/h = 9.33 min rounds up to 10. */
    test_write_file(dir, "capabilities.csv", "line_id,product_id,units_per_hour,minutes_per_unit\n"
                                             "L1,P1,,0.1\nL1,P2,45,\nL2,P2,60,\n");
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due\n"
                                       "O1,P1,30,2027-01-04T12:00\nO2,P2,7,2027-01-04T12:00\n"
                                       "O3,P2,7,2027-01-04T12:00\n");
    cosched_scenario *sc = load_dir_ok(dir);
    ck_assert_int_eq(cs_run_minutes(sc, 0, 0), 3);
    ck_assert_int_eq(cs_run_minutes(sc, 1, 0), 10);
    ck_assert_int_eq(cs_run_minutes(sc, 1, 1), 7);
    ck_assert_int_eq(cs_scenario_run_minutes_for(sc, 0, 0, 10), 1);
    cosched_scenario_free(sc);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_product_row_beats_family_row)
{
    char *dir = write_base();
    /* The product row comes after the family row and must still win for P2 on L2. */
    test_write_file(dir, "capabilities.csv", "line_id,product_id,units_per_hour\n"
                                             "L1,P1,60\nL2,family:F,30\nL2,P2,120\n");
    cosched_scenario *sc = load_dir_ok(dir);
    int o1 = cs_scenario_find_order(sc, "O1"), o2 = cs_scenario_find_order(sc, "O2");
    ck_assert_int_eq(cs_run_minutes(sc, o2, 1), 15);  /* 30 units at 120/h */
    ck_assert_int_eq(cs_run_minutes(sc, o1, 1), 120); /* family rate */
    ck_assert_int_eq(cs_run_minutes(sc, o2, 0), -1);  /* L1 has no row for P2 */
    cosched_scenario_free(sc);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_times_rounding_and_downtime)
{
    char *dir = write_base();
    /* release with seconds rounds up, due with seconds rounds down; a release before the
     * horizon clamps to 0, a due before it stays negative. */
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due,release\n"
                                       "O1,P1,60,2027-01-04T12:00:59,2027-01-04T06:10:01\n"
                                       "O2,P2,30,2027-01-04T05:00,2027-01-03T00:00\n");
    test_write_file(dir, "calendar.csv",
                    "line_id,start,end,reason\n"
                    "L1,2027-01-04T08:00:30,2027-01-04T09:00:30,seconds\n"
                    "*,2027-01-04T09:00,2027-01-04T10:00,touches the first on L1\n"
                    "L2,2027-01-03T00:00,2027-01-04T07:00,clipped to minute 0\n"
                    "L2,2027-01-01T00:00,2027-01-02T00:00,wholly before the horizon\n"
                    "L2,2027-01-04T12:00,2027-01-04T13:00,\n"
                    "L2,2027-01-04T12:30,2027-01-04T12:45,inside the previous one\n");
    test_write_file(dir, "lines.csv", "line_id,available_from\nL1,2027-01-04T07:00:01\nL2,\n");
    cosched_scenario *sc = load_dir_ok(dir);
    ck_assert_int_eq(sc->orders[0].release_at, 11);
    ck_assert_int_eq(sc->orders[0].due_at, 360);
    ck_assert_int_eq(sc->orders[1].release_at, 0);
    ck_assert_int_eq(sc->orders[1].due_at, -60);
    ck_assert_int_eq(sc->lines[0].available_at, 61);
    ck_assert_int_eq(sc->lines[1].available_at, 0);
    const cs_line *l1 = &sc->lines[0], *l2 = &sc->lines[1];
    ck_assert_int_eq(l1->n_downtime, 1); /* [120, 181) and [180, 240) merge */
    ck_assert_int_eq(l1->downtime[0].start_at, 120);
    ck_assert_int_eq(l1->downtime[0].end_at, 240);
    ck_assert_int_eq(l2->n_downtime, 3);
    ck_assert_int_eq(l2->downtime[0].start_at, 0);
    ck_assert_int_eq(l2->downtime[0].end_at, 60);
    ck_assert_int_eq(l2->downtime[1].start_at, 180);
    ck_assert_int_eq(l2->downtime[1].end_at, 240);
    ck_assert_int_eq(l2->downtime[2].start_at, 360);
    ck_assert_int_eq(l2->downtime[2].end_at, 420);
    cosched_scenario_free(sc);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_changeover_rule_resolution)
{
    char *dir = write_base();
    test_write_file(dir, "products.csv", "product_id,family,colour\nP1,F,red\nP2,F,blue\n"
                                         "P3,G,white\nOLD,G,\n");
    test_write_file(dir, "lines.csv", "line_id,initial_product\nL1,OLD\nL2,P1\n");
    test_write_file(dir, "capabilities.csv", "line_id,product_id,units_per_hour\n"
                                             "L1,family:F,60\nL1,P3,60\nL2,family:F,60\n"
                                             "L2,P3,60\n");
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due\n"
                                       "O1,P1,60,2027-01-04T12:00\nO2,P2,60,2027-01-04T12:00\n"
                                       "O3,P3,60,2027-01-04T12:00\n");
    test_write_file(dir, "changeovers.csv",
                    "line_id,from,to,minutes,cost\n"
                    "*,*,*,100,1\n"               /* line 2: default */
                    ",family:F,family:F,10,2\n"   /* line 3: within family F */
                    ",P1,P2,5,3\n"                /* line 4: most specific for all lines */
                    "L2,*,*,50,4\n"               /* line 5: naming L2 beats every all-lines rule */
                    "L2,P2,*,40,5\n"              /* line 6 */
                    ",family:G,*,70,6\n"          /* line 7: specificity 1 */
                    ",*,family:F,80,7\n"          /* line 8: specificity 1 as well */
                    ",P1,P2,5,3\n");              /* line 9: identical duplicate: fine */
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\n");
    /* Lines 7 and 8 both match G -> F pairs on L1 (P3 -> P1, OLD -> P2, ...) with specificity
     * 1 and different values: ambiguous, reported once, at the later rule (8) naming line 7
     * and the first such pair met (products in order of appearance: P1 P2 P3 OLD). */
    cosched_diags *d;
    cosched_scenario *sc = load_expect(dir, COSCHED_EINPUT, &d);
    const cosched_diag *g = first_error(d);
    ck_assert_ptr_nonnull(g);
    ck_assert_str_eq(base_name(g->file), "changeovers.csv");
    ck_assert_int_eq(g->line, 8);
    ck_assert_ptr_nonnull(strstr(g->message, "line 7"));
    ck_assert_ptr_nonnull(strstr(g->message, "from 'P3' to 'P1'"));
    ck_assert_int_eq(cosched_diags_n_errors(d), 1);
    cosched_diags_free(d);

    /* Same costs make the tie harmless. */
    test_write_file(dir, "changeovers.csv",
                    "line_id,from,to,minutes,cost\n*,*,*,100,1\n,family:F,family:F,10,2\n"
                    ",P1,P2,5,3\nL2,*,*,50,4\nL2,P2,*,40,5\n,family:G,*,70,6\n,*,family:F,70,6\n"
                    ",P1,P2,5,3\n");
    sc = load_dir_ok(dir);
    int l1 = cs_scenario_find_line(sc, "L1"), l2 = cs_scenario_find_line(sc, "L2");
    int p1 = cs_scenario_find_product(sc, "P1"), p2 = cs_scenario_find_product(sc, "P2");
    int p3 = cs_scenario_find_product(sc, "P3"), old = cs_scenario_find_product(sc, "OLD");
    ck_assert_int_ge(old, 0);
    ck_assert(!sc->products[old].has_orders);
    ck_assert_int_eq(sc->products[old].family, sc->products[p3].family);
    ck_assert_int_eq(cs_co_minutes(sc, l1, p1, p2), 5);   /* product-product */
    ck_assert(cs_co_cost(sc, l1, p1, p2) == 3.0);
    ck_assert_int_eq(cs_co_minutes(sc, l1, p2, p1), 10);  /* family-family */
    ck_assert_int_eq(cs_co_minutes(sc, l1, p1, p3), 100); /* only the default matches */
    ck_assert_int_eq(cs_co_minutes(sc, l1, p3, p1), 70);  /* the two agreeing rules */
    ck_assert_int_eq(cs_co_minutes(sc, l1, old, p1), 70); /* initial product's family */
    ck_assert_int_eq(cs_co_minutes(sc, l2, p1, p2), 50);  /* line rule beats P1->P2 */
    ck_assert_int_eq(cs_co_minutes(sc, l2, p2, p1), 40);
    ck_assert_int_eq(cs_co_minutes(sc, l2, p2, p3), 40);
    ck_assert(cs_co_cost(sc, l2, p3, p1) == 4.0);
    ck_assert_int_eq(cs_co_minutes(sc, l1, -1, p1), 0);   /* clean line */
    cosched_scenario_free(sc);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_header_only_orders_and_unknown_initial_product)
{
    cosched_scenario *sc = test_load("tests/data/bad/header_only_orders");
    ck_assert_int_eq(cosched_scenario_n_orders(sc), 0);
    cosched_scenario_free(sc);
    sc = test_load("tests/data/bad/initial_product_unknown");
    int p = cs_scenario_find_product(sc, "LAST-NIGHT");
    ck_assert_int_ge(p, 0);
    ck_assert(!sc->products[p].has_orders);
    ck_assert_int_eq(sc->products[p].family, -1);
    ck_assert_int_eq(sc->lines[cs_scenario_find_line(sc, "L1")].initial_product, p);
    cosched_scenario_free(sc);
}
END_TEST

START_TEST(test_unknown_column_is_a_warning)
{
    char *dir = write_base();
    test_write_file(dir, "orders.csv", "order_id,colour,product_id,quantity,due\n"
                                       "O1,red,P1,60,2027-01-04T12:00\n");
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\nfoo,1\n");
    cosched_diags *d;
    cosched_scenario *sc = load_expect(dir, COSCHED_OK, &d);
    ck_assert_int_eq(cosched_diags_n_errors(d), 0);
    ck_assert_int_eq(cosched_diags_count(d), 2);
    const cosched_diag *g = cosched_diags_get(d, 1);
    ck_assert_int_eq(g->severity, COSCHED_SEV_WARNING);
    ck_assert_str_eq(base_name(g->file), "orders.csv");
    ck_assert_str_eq(g->column, "colour");
    cosched_diags_free(d);
    cosched_scenario_free(sc);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_override_reads_one_file_from_memory)
{
    const char *orders = "order_id,product_id,quantity,due\nO1,P1,-3,2027-01-04T12:00\n";
    cosched_diags *d = cosched_diags_create(50);
    cosched_scenario *sc = NULL;
    ck_assert_int_eq(cs_scenario_load_with_override(test_path("tests/data/bad/qty_zero"),
                                                    "orders.csv", orders, strlen(orders), d,
                                                    &sc),
                     COSCHED_EINPUT);
    const cosched_diag *g = first_error(d);
    ck_assert_int_eq(g->line, 2);
    ck_assert_ptr_nonnull(strstr(g->message, "column 'quantity': expected a number > 0, got '-3'"));
    cosched_diags_free(d);
    d = cosched_diags_create(50);
    const char *good = "order_id,product_id,quantity,due\nO1,P1,3,2027-01-04T12:00\n";
    ck_assert_int_eq(cs_scenario_load_with_override(test_path("tests/data/bad/qty_zero"),
                                                    "orders.csv", good, strlen(good), d, &sc),
                     COSCHED_OK);
    ck_assert_int_eq(cosched_scenario_n_orders(sc), 1);
    cosched_scenario_free(sc);
    cosched_diags_free(d);
}
END_TEST

START_TEST(test_many_errors_in_one_run)
{
    cosched_diags *d;
    load_expect(test_path("tests/data/bad/many_errors"), COSCHED_EINPUT, &d);
    /* lines.csv: L1 twice (so L2 is undefined); capabilities.csv: its L2 row; orders.csv:
     * quantity -1, quantity abc, due 2027-02-30, O1 twice, due 'nope'. */
    ck_assert_int_eq(cosched_diags_n_errors(d), 7);
    bool saw_lines = false, saw_orders = false;
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const char *f = base_name(cosched_diags_get(d, i)->file);
        saw_lines |= strcmp(f, "lines.csv") == 0;
        saw_orders |= strcmp(f, "orders.csv") == 0;
    }
    ck_assert(saw_lines && saw_orders);
    cosched_diags_free(d);
}
END_TEST

START_TEST(test_missing_directory)
{
    cosched_diags *d;
    load_expect(test_path("tests/data/bad/no_such_dir"), COSCHED_ENOENT, &d);
    ck_assert_int_eq(cosched_diags_n_errors(d), 1);
    cosched_diags_free(d);
}
END_TEST

START_TEST(test_demo_loads_cleanly)
{
    if (access(test_path("scenarios/demo/orders.csv"), R_OK) != 0)
        return;
    cosched_diags *d;
    cosched_scenario *sc = load_expect(test_path("scenarios/demo"), COSCHED_OK, &d);
    if (cosched_diags_count(d) > 0)
        cosched_diags_print(d, stderr);
    ck_assert_int_eq(cosched_diags_count(d), 0);
    ck_assert_int_gt(cosched_scenario_n_orders(sc), 0);
    cosched_scenario_free(sc);
    cosched_diags_free(d);
}
END_TEST

/* ---- the table of bad scenarios ---- */

static const struct {
    const char *dir;
    cosched_status status;
    const char *file;
    long line;
    const char *column; /* NULL: the message names no single column */
    const char *text;   /* a substring of the message, or NULL */
} bad[] = {
    {"missing_orders", COSCHED_ENOENT, "orders.csv", 0, NULL, "required file is missing"},
    {"missing_due_column", COSCHED_EINPUT, "orders.csv", 1, "due", "column 'due'"},
    {"qty_text", COSCHED_EINPUT, "orders.csv", 3, "quantity", "got 'abc'"},
    {"qty_negative", COSCHED_EINPUT, "orders.csv", 3, "quantity",
     "column 'quantity': expected a number > 0, got '-3'"},
    {"qty_zero", COSCHED_EINPUT, "orders.csv", 4, "quantity", "got '0'"},
    {"qty_nan", COSCHED_EINPUT, "orders.csv", 2, "quantity", "got 'nan'"},
    {"qty_inf", COSCHED_EINPUT, "orders.csv", 2, "quantity", "got 'inf'"},
    {"qty_huge", COSCHED_EINPUT, "orders.csv", 2, "quantity", "got '1e999'"},
    {"qty_hex", COSCHED_EINPUT, "orders.csv", 2, "quantity", "got '0x10'"},
    {"rate_nan", COSCHED_EINPUT, "capabilities.csv", 3, "minutes_per_unit", "got 'nan'"},
    {"rate_zero", COSCHED_EINPUT, "capabilities.csv", 4, "units_per_hour", "got '0'"},
    {"rate_both", COSCHED_EINPUT, "capabilities.csv", 2, "units_per_hour", "not both"},
    {"max_batch_zero", COSCHED_EINPUT, "capabilities.csv", 3, "max_batch", "got '0'"},
    {"bad_datetime", COSCHED_EINPUT, "orders.csv", 3, "due", "got '2027-02-30T06:00'"},
    {"cap_unknown_line", COSCHED_EINPUT, "capabilities.csv", 5, "line_id", "got 'L9'"},
    {"calendar_unknown_line", COSCHED_EINPUT, "calendar.csv", 3, "line_id", "got 'L7'"},
    {"changeover_unknown_line", COSCHED_EINPUT, "changeovers.csv", 3, "line_id", "got 'LX'"},
    {"downtime_end_before_start", COSCHED_EINPUT, "calendar.csv", 2, "end", NULL},
    {"dup_order", COSCHED_EINPUT, "orders.csv", 5, "order_id", "first at line 3"},
    {"dup_line", COSCHED_EINPUT, "lines.csv", 4, "line_id", "first at line 2"},
    {"ambiguous_rule", COSCHED_EINPUT, "changeovers.csv", 4, NULL, "line 3"},
    {"missing_rule", COSCHED_EINPUT, "changeovers.csv", 0, NULL,
     "line 'L1' from 'P2' to 'P1'"},
    {"no_line_can_make", COSCHED_EINPUT, "orders.csv", 5, "product_id", "'P3'"},
    {"unterminated_quote", COSCHED_EINPUT, "orders.csv", 3, NULL,
     "malformed CSV: quoted field is never closed"},
    {"stray_quote", COSCHED_EINPUT, "orders.csv", 3, NULL, "malformed CSV"},
    {"empty_orders", COSCHED_EINPUT, "orders.csv", 1, NULL, "empty"},
    {"negative_weight", COSCHED_EINPUT, "orders.csv", 4, "weight", "got '-1'"},
    {"bad_settings_value", COSCHED_EINPUT, "settings.csv", 3, "value", "got 'abc'"},
    {"missing_horizon", COSCHED_EINPUT, "settings.csv", 0, "key", "horizon_start"},
    {"split_not_01", COSCHED_EINPUT, "orders.csv", 2, "split", "got '2'"},
    {"min_split_gt_qty", COSCHED_EINPUT, "orders.csv", 3, "min_split", "got '31'"},
    {"max_run_without_cleaning", COSCHED_EINPUT, "lines.csv", 2, "cleaning_minutes", NULL},
    {"dup_header", COSCHED_EINPUT, "orders.csv", 1, "due", "twice"},
    {"long_record", COSCHED_EINPUT, "orders.csv", 3, NULL, "8 fields"},
    {"invalid_utf8", COSCHED_EINPUT, "orders.csv", 4, NULL, "UTF-8"},
    {"nul_byte", COSCHED_EINPUT, "orders.csv", 3, NULL, "NUL"},
    {"bad_id_comma", COSCHED_EINPUT, "orders.csv", 3, "order_id", "got 'O,2'"},
    {"family_conflict", COSCHED_EINPUT, "orders.csv", 4, "family", "got 'G'"},
    {"due_too_far", COSCHED_EINPUT, "orders.csv", 2, "due", NULL},
    {"run_too_long", COSCHED_EINPUT, "orders.csv", 3, "quantity", NULL},
    {"negative_changeover", COSCHED_EINPUT, "changeovers.csv", 2, "minutes", "got '-5'"},
    /* hostile and edge-case input */
    {"qty_1e308", COSCHED_EINPUT, "orders.csv", 3, "quantity", "more than 10000000 minutes"},
    {"qty_minus_zero", COSCHED_EINPUT, "orders.csv", 4, "quantity", "got '-0'"},
    {"rate_1e308", COSCHED_EINPUT, "orders.csv", 3, "quantity", "more than 10000000 minutes"},
    {"weight_inf", COSCHED_EINPUT, "orders.csv", 3, "weight", "got 'inf'"},
    {"date_month_13", COSCHED_EINPUT, "orders.csv", 3, "due", "got '2027-13-01T06:00'"},
    {"date_feb_30", COSCHED_EINPUT, "orders.csv", 4, "release", "got '2027-02-30T10:00'"},
    {"bad_available_from", COSCHED_EINPUT, "lines.csv", 3, "available_from",
     "got '2027-01-04T25:00'"},
    {"downtime_zero", COSCHED_EINPUT, "calendar.csv", 3, "end", "after start"},
    {"bom_middle", COSCHED_EINPUT, "orders.csv", 3, NULL, "byte order mark"},
    {"long_field", COSCHED_EINPUT, "orders.csv", 4, NULL, "5 fields"},
    {"long_id", COSCHED_EINPUT, "orders.csv", 3, "order_id", "1-64 bytes"},
    {"id_65_bytes", COSCHED_EINPUT, "lines.csv", 4, "line_id", "1-64 bytes"},
    {"empty_order_id", COSCHED_EINPUT, "orders.csv", 3, "order_id", "got ''"},
    {"id_control_char", COSCHED_EINPUT, "orders.csv", 3, "order_id", "got 'O\\x012'"},
    {"crlf_quoted_error", COSCHED_EINPUT, "orders.csv", 3, "order_id", "got 'O\\x0D\\x0A2'"},
    {"empty_lines", COSCHED_EINPUT, "lines.csv", 1, NULL, "empty"},
    {"empty_settings", COSCHED_EINPUT, "settings.csv", 1, NULL, "empty"},
    {"header_only_lines", COSCHED_EINPUT, "capabilities.csv", 2, "line_id", "got 'L1'"},
    {"missing_lines", COSCHED_ENOENT, "lines.csv", 0, NULL, "required file is missing"},
    {"capabilities_no_product_column", COSCHED_EINPUT, "capabilities.csv", 1, "product_id",
     "required column is missing"},
    {"co_minutes_fraction", COSCHED_EINPUT, "changeovers.csv", 3, "minutes", "got '12.5'"},
    {"co_cost_negative", COSCHED_EINPUT, "changeovers.csv", 3, "cost", "got '-1'"},
    {"dup_product", COSCHED_EINPUT, "products.csv", 4, "product_id", "first at line 2"},
    {"settings_dup_key", COSCHED_EINPUT, "settings.csv", 4, "key", "first at line 2"},
};

START_TEST(test_bad_input_has_location)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/data/bad/%s", bad[_i].dir);
    cosched_diags *d;
    load_expect(test_path(rel), bad[_i].status, &d);
    const cosched_diag *g = first_error(d);
    ck_assert_msg(g != NULL, "%s: no error reported", bad[_i].dir);
    ck_assert_str_eq(base_name(g->file), bad[_i].file);
    ck_assert_msg(g->line == bad[_i].line, "%s: line %ld, expected %ld (%s)", bad[_i].dir,
                  g->line, bad[_i].line, g->message);
    if (bad[_i].column != NULL) {
        ck_assert_ptr_nonnull(g->column);
        ck_assert_str_eq(g->column, bad[_i].column);
    } else {
        ck_assert_ptr_null(g->column);
    }
    if (bad[_i].text != NULL)
        ck_assert_msg(strstr(g->message, bad[_i].text) != NULL, "%s: message '%s' lacks '%s'",
                      bad[_i].dir, g->message, bad[_i].text);
    /* The file is named as the path the caller gave, under the scenario directory. */
    ck_assert_ptr_nonnull(strstr(g->file, bad[_i].dir));
    cosched_diags_free(d);
}
END_TEST

/* Legal but suspicious input is a warning with its location, and the scenario loads. */
START_TEST(test_line_without_capability_is_a_warning)
{
    cosched_diags *d;
    cosched_scenario *sc = load_expect(test_path("tests/data/bad/line_no_capability"),
                                       COSCHED_OK, &d);
    ck_assert_int_eq(cosched_diags_n_errors(d), 0);
    ck_assert_int_eq(cosched_diags_count(d), 1);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_int_eq(g->severity, COSCHED_SEV_WARNING);
    ck_assert_str_eq(base_name(g->file), "lines.csv");
    ck_assert_int_eq(g->line, 4);
    ck_assert_str_eq(g->column, "line_id");
    ck_assert_ptr_nonnull(strstr(g->message, "line 'L3' can make nothing"));
    ck_assert_int_eq(cosched_scenario_n_lines(sc), 3);
    cosched_scenario_free(sc);
    cosched_diags_free(d);
}
END_TEST

Suite *input_suite(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, test_csv_quotes_commas_newlines);
    tcase_add_test(tc, test_csv_bom_crlf_blank_lines);
    tcase_add_test(tc, test_csv_columns_by_name_short_and_long_records);
    tcase_add_test(tc, test_csv_malformed);
    tcase_add_test(tc, test_csv_long_field_is_truncated_in_messages);
    suite_add_tcase(s, tc);
    tc = tcase_create("scenario");
    tcase_add_test(tc, test_base_scenario_values);
    tcase_add_test(tc, test_minutes_per_unit_rounding);
    tcase_add_test(tc, test_product_row_beats_family_row);
    tcase_add_test(tc, test_times_rounding_and_downtime);
    tcase_add_test(tc, test_changeover_rule_resolution);
    tcase_add_test(tc, test_header_only_orders_and_unknown_initial_product);
    tcase_add_test(tc, test_unknown_column_is_a_warning);
    tcase_add_test(tc, test_override_reads_one_file_from_memory);
    tcase_add_test(tc, test_many_errors_in_one_run);
    tcase_add_test(tc, test_missing_directory);
    tcase_add_test(tc, test_demo_loads_cleanly);
    tcase_add_test(tc, test_line_without_capability_is_a_warning);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad");
    tcase_add_loop_test(tc, test_bad_input_has_location, 0, (int)(sizeof bad / sizeof bad[0]));
    suite_add_tcase(s, tc);
    return s;
}
