/* check_hints.c -- the "hints" suite: the messages for the common mistakes of people who
 * edit scenarios in a spreadsheet (a semicolon-separated or UTF-16 export, a file given for a
 * folder, a mistyped column name), "did you mean" suggestions, and the stable codes of the
 * diagnostics. Each names the mistake once instead of a flood of follow-on errors. */
#include "base/csvtab.h"
#include "test_util.h"

#include <check.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* A valid scenario in a fresh directory; tests overwrite single files. */
static char *write_base(void)
{
    char *dir = test_tmpdir();
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\n");
    test_write_file(dir, "lines.csv", "line_id,name,initial_product\nL1,Line one,P1\n");
    test_write_file(dir, "capabilities.csv",
                    "line_id,product_id,units_per_hour,minutes_per_unit\nL1,P1,60,\n");
    test_write_file(dir, "changeovers.csv", "line_id,from,to,minutes,cost\n,*,*,30,5\n");
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due\n"
                                       "O1,P1,60,2027-01-04T12:00\n");
    return dir;
}

static void write_bytes(const char *dir, const char *name, const char *bytes, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(bytes, 1, len, fp), len);
    fclose(fp);
}

/* @p text (ASCII) as UTF-16, little- or big-endian, with or without a byte order mark. */
static size_t utf16(const char *text, bool little, bool bom, char *out, size_t size)
{
    size_t k = 0;
    if (bom) {
        out[k++] = little ? '\xFF' : '\xFE';
        out[k++] = little ? '\xFE' : '\xFF';
    }
    for (const char *c = text; *c && k + 2 <= size; c++) {
        out[k++] = little ? *c : '\0';
        out[k++] = little ? '\0' : *c;
    }
    return k;
}

static cosched_diags *load_dir(const char *dir, cosched_status want)
{
    cosched_diags *d = cosched_diags_create(100);
    cosched_scenario *sc = NULL;
    cosched_status st = cosched_scenario_load(dir, d, &sc);
    if (st != want)
        cosched_diags_print(d, stderr);
    ck_assert_msg(st == want, "status %s, expected %s", cosched_status_str(st),
                  cosched_status_str(want));
    cosched_scenario_free(sc);
    return d;
}

/* The only diagnostic of @p sev in @p d; fails unless there is exactly one. */
static const cosched_diag *only(const cosched_diags *d, cosched_severity sev)
{
    const cosched_diag *found = NULL;
    int n = 0;
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (g->severity == sev) {
            found = g;
            n++;
        }
    }
    if (n != 1)
        cosched_diags_print(d, stderr);
    ck_assert_int_eq(n, 1);
    return found;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ---- spreadsheet exports ---- */

START_TEST(test_semicolon_csv_is_one_error)
{
    char *dir = write_base();
    test_write_file(dir, "orders.csv", "order_id;product_id;quantity;due\n"
                                       "O1;P1;60;2027-01-04T12:00\n");
    cosched_diags *d = load_dir(dir, COSCHED_EINPUT);
    const cosched_diag *g = only(d, COSCHED_SEV_ERROR);
    ck_assert_str_eq(base_name(g->file), "orders.csv");
    ck_assert_int_eq(g->line, 1);
    ck_assert_ptr_nonnull(strstr(g->message,
                                 "looks semicolon-separated; save as comma-separated CSV"));
    ck_assert_int_eq(cosched_diags_count(d), 1); /* no unknown-column warning either */
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* A header with a semicolon inside one name is not taken for a semicolon export. */
START_TEST(test_comma_csv_with_a_semicolon_is_not_flagged)
{
    char *dir = write_base();
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,\"a;b\"\n"
                                       "O1,P1,60,x\n");
    cosched_diags *d = load_dir(dir, COSCHED_EINPUT);
    const cosched_diag *g = only(d, COSCHED_SEV_ERROR);
    ck_assert_ptr_null(strstr(g->message, "semicolon"));
    ck_assert_ptr_nonnull(strstr(g->message, "column 'due': required column is missing"));
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_utf16_is_one_error)
{
    static const struct {
        bool little, bom;
    } cases[] = {{true, true}, {false, true}, {true, false}, {false, false}};
    char *dir = write_base();
    char buf[512];
    size_t n = utf16("order_id,product_id,quantity,due\nO1,P1,60,2027-01-04T12:00\n",
                     cases[_i].little, cases[_i].bom, buf, sizeof buf);
    write_bytes(dir, "orders.csv", buf, n);
    cosched_diags *d = load_dir(dir, COSCHED_EINPUT);
    const cosched_diag *g = only(d, COSCHED_SEV_ERROR);
    ck_assert_str_eq(base_name(g->file), "orders.csv");
    ck_assert_ptr_nonnull(strstr(g->message, "UTF-16"));
    ck_assert_ptr_nonnull(strstr(g->message, "save as UTF-8"));
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* One stray NUL in a UTF-8 file is still reported at its line, not as UTF-16. */
START_TEST(test_single_nul_is_not_utf16)
{
    char msg[256];
    cosched_diags *d = cosched_diags_create(20);
    cs_csvtab *t = NULL;
    const char text[] = "a,b\n1,2\n3,\0\n";
    ck_assert_int_eq(cs_csvtab_load_buffer(text, sizeof text - 1, "t.csv", d, &t),
                     COSCHED_EINPUT);
    const cosched_diag *g = cosched_diags_get(d, 0);
    snprintf(msg, sizeof msg, "%s", g->message);
    ck_assert_int_eq(g->line, 3);
    ck_assert_ptr_null(strstr(msg, "UTF-16"));
    cosched_diags_free(d);
}
END_TEST

START_TEST(test_file_instead_of_directory)
{
    char *dir = write_base();
    char path[4096];
    snprintf(path, sizeof path, "%s/orders.csv", dir);
    cosched_diags *d = load_dir(path, COSCHED_ENOENT);
    const cosched_diag *g = only(d, COSCHED_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(g->message, "is a file, not a scenario directory"));
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* A plan directory given for a scenario is named as such, not as five missing files. */
START_TEST(test_plan_directory_instead_of_scenario)
{
    char *dir = test_tmpdir();
    test_write_file(dir, "summary.json", "{}\n");
    test_write_file(dir, "plan.csv", "line_id\n");
    cosched_diags *d = load_dir(dir, COSCHED_ENOENT);
    const cosched_diag *g = only(d, COSCHED_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(g->message, "is a plan directory, not a scenario directory"));
    ck_assert_str_eq(g->code, "E_NOT_A_SCENARIO");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* ---- did you mean ---- */

START_TEST(test_suggest)
{
    const char *options[] = {"out", "time-limit", "seed", "mip-gap", "iteration-limit"};
    const char *commands[] = {"plan", "check", "validate", "compare"};
    const char *columns[] = {"order_id", "product_id", "quantity", "due", "release"};
    ck_assert_str_eq(cosched_suggest("time-limt", options, 5), "time-limit");
    ck_assert_str_eq(cosched_suggest("pln", commands, 4), "plan");
    ck_assert_str_eq(cosched_suggest("chek", commands, 4), "check");
    ck_assert_str_eq(cosched_suggest("Order_ID", columns, 5), "order_id");
    ck_assert_str_eq(cosched_suggest("Product ID", columns, 5), "product_id");
    ck_assert_str_eq(cosched_suggest("relese", columns, 5), "release");
    ck_assert_str_eq(cosched_suggest("due_date", columns, 5), "due");
    ck_assert_ptr_null(cosched_suggest("colour", columns, 5));
    ck_assert_ptr_null(cosched_suggest("frobnicate", commands, 4));
    ck_assert_ptr_null(cosched_suggest("id", columns, 5)); /* too short to guess from */
    ck_assert_ptr_null(cosched_suggest("x", options, 5));
    ck_assert_ptr_null(cosched_suggest("plan", commands, 0));
    ck_assert_ptr_null(cosched_suggest(NULL, commands, 4));
}
END_TEST

START_TEST(test_missing_column_suggests_the_unknown_one)
{
    char *dir = write_base();
    test_write_file(dir, "orders.csv", "Order_ID,product_id,quantity,due_date\n"
                                       "O1,P1,60,2027-01-04T12:00\n");
    cosched_diags *d = load_dir(dir, COSCHED_EINPUT);
    ck_assert_int_eq(cosched_diags_n_errors(d), 2);
    const cosched_diag *g = cosched_diags_get(d, 0);
    ck_assert_str_eq(g->message,
                     "column 'order_id': required column is missing; did you mean 'Order_ID'?");
    g = cosched_diags_get(d, 1);
    ck_assert_str_eq(g->message,
                     "column 'due': required column is missing; did you mean 'due_date'?");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_unknown_column_suggests_a_known_one)
{
    char *dir = write_base();
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due,relese,colour\n"
                                       "O1,P1,60,2027-01-04T12:00,,red\n");
    cosched_diags *d = load_dir(dir, COSCHED_OK);
    ck_assert_int_eq(cosched_diags_count(d), 2);
    ck_assert_str_eq(cosched_diags_get(d, 0)->message,
                     "column 'relese': unknown column, ignored; did you mean 'release'?");
    ck_assert_str_eq(cosched_diags_get(d, 1)->message, "column 'colour': unknown column, ignored");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_unknown_setting_suggests_a_key)
{
    char *dir = write_base();
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\n"
                                         "weigth_tardiness,2\ncolour,red\n");
    cosched_diags *d = load_dir(dir, COSCHED_OK);
    ck_assert_int_eq(cosched_diags_count(d), 2);
    ck_assert_str_eq(cosched_diags_get(d, 0)->message,
                     "column 'key': unknown setting 'weigth_tardiness', ignored; did you mean "
                     "'weight_tardiness'?");
    ck_assert_str_eq(cosched_diags_get(d, 1)->message,
                     "column 'key': unknown setting 'colour', ignored");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* ---- due dates in the past ---- */

/* The warnings of @p d, each "LINE:COLUMN:MESSAGE" joined by '\n', into @p buf. */
static const char *warnings(const cosched_diags *d, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < cosched_diags_count(d) && k < size; i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (g->severity == COSCHED_SEV_WARNING)
            k += (size_t)snprintf(buf + k, size - k, "%ld:%s:%s\n", g->line,
                                  g->column ? g->column : "", g->message);
    }
    return buf;
}

START_TEST(test_due_before_horizon_start_is_a_warning)
{
    char *dir = write_base();
    /* horizon_start is 2027-01-04T06:00: O1 is due a day before, O2 at the very start (not
     * late yet), O3 is in progress (its due date passed while it ran: no news), O4 is done. */
    test_write_file(dir, "orders.csv",
                    "order_id,product_id,quantity,due,status,produced,line_id\n"
                    "O1,P1,60,2027-01-03T06:00,,,\n"
                    "O2,P1,60,2027-01-04T06:00,,,\n"
                    "O3,P1,60,2027-01-03T06:00,in_progress,10,L1\n"
                    "O4,P1,60,2027-01-03T06:00,done,,\n");
    cosched_diags *d = load_dir(dir, COSCHED_OK);
    char buf[2048];
    ck_assert_str_eq(warnings(d, buf, sizeof buf),
                     "2:due:column 'due': '2027-01-03T06:00' lies before horizon_start "
                     "'2027-01-04T06:00': the order is late before the plan begins\n");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_due_before_now_is_a_warning)
{
    char *dir = write_base();
    test_write_file(dir, "settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\n"
                                         "now,2027-01-04T12:00\n");
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due\n"
                                       "O1,P1,60,2027-01-04T10:00\n"
                                       "O2,P1,60,2027-01-04T12:00\n"
                                       "O3,P1,60,2026-12-31T06:00\n");
    cosched_diags *d = load_dir(dir, COSCHED_OK);
    char buf[2048];
    ck_assert_str_eq(warnings(d, buf, sizeof buf),
                     "2:due:column 'due': '2027-01-04T10:00' lies before now "
                     "'2027-01-04T12:00': the order is late before the plan begins\n"
                     "4:due:column 'due': '2026-12-31T06:00' lies before horizon_start "
                     "'2027-01-04T06:00': the order is late before the plan begins\n");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* A due date so far back that the engine cannot hold it stays an error, with no warning. */
START_TEST(test_far_past_due_stays_an_error)
{
    char *dir = write_base();
    test_write_file(dir, "orders.csv", "order_id,product_id,quantity,due\n"
                                       "O1,P1,60,1990-01-01T00:00\n");
    cosched_diags *d = load_dir(dir, COSCHED_EINPUT);
    const cosched_diag *g = only(d, COSCHED_SEV_ERROR);
    ck_assert_ptr_nonnull(strstr(g->message, "more than"));
    ck_assert_int_eq(cosched_diags_count(d), 1);
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* ---- stable codes ---- */

/* The code of the first diagnostic of @p d whose message contains @p text. */
static const char *code_of(const cosched_diags *d, const char *text)
{
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (strstr(g->message, text) != NULL)
            return g->code;
    }
    cosched_diags_print(d, stderr);
    ck_abort_msg("no diagnostic says '%s'", text);
    return NULL;
}

START_TEST(test_codes_of_common_problems)
{
    static const struct {
        const char *file, *text, *message, *code;
    } cases[] = {
        {"orders.csv", "order_id;product_id;quantity;due\n", "semicolon", "E_SEMICOLON_CSV"},
        {"orders.csv", "order_id,product_id,quantity\nO1,P1,3\n", "required column",
         "E_MISSING_COLUMN"},
        {"orders.csv", "order_id,product_id,quantity,due,colour\nO1,P1,3,2027-01-05T00:00,r\n",
         "unknown column", "W_UNKNOWN_COLUMN"},
        {"orders.csv", "order_id,product_id,quantity,due\nO1,P1,-3,2027-01-05T00:00\n",
         "expected a number > 0", "E_BAD_VALUE"},
        {"orders.csv", "order_id,product_id,quantity,due\nO1,P1,3,2027-01-05T00:00\n"
                       "O1,P1,3,2027-01-05T00:00\n", "defined twice", "E_DUPLICATE_ID"},
        {"orders.csv", "order_id,product_id,quantity,due\nO1,P1,3,2027-01-05T00:00,x\n",
         "fields, the header has", "E_RECORD_WIDTH"},
        {"orders.csv", "order_id,product_id,quantity,due\nO1,P1,3,2027-01-01T00:00\n",
         "lies before horizon_start", "W_DUE_IN_PAST"},
        {"orders.csv", "order_id,product_id,quantity,due\nO1,P1,3,1990-01-01T00:00\n",
         "more than", "E_OUT_OF_RANGE"},
        {"orders.csv", "order_id,product_id,quantity,due\n\"O1,P1,3,2027-01-05T00:00\n",
         "malformed CSV", "E_MALFORMED_CSV"},
        {"orders.csv", "", "file is empty", "E_EMPTY_FILE"},
        {"orders.csv", "order_id,order_id\n", "appears twice", "E_DUPLICATE_COLUMN"},
        {"orders.csv", "order_id,product_id,quantity,due\nO1,P1,3,2027-01-05T00:00\xFF\n",
         "not valid UTF-8", "E_ENCODING"},
        {"settings.csv", "key,value\nhorizon_start,2027-01-04T06:00\nfoo,1\n",
         "unknown setting", "W_UNKNOWN_SETTING"},
    };
    char *dir = write_base();
    test_write_file(dir, cases[_i].file, cases[_i].text);
    cosched_diags *d = cosched_diags_create(100);
    cosched_scenario *sc = NULL;
    (void)cosched_scenario_load(dir, d, &sc);
    ck_assert_str_eq(code_of(d, cases[_i].message), cases[_i].code);
    cosched_scenario_free(sc);
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

START_TEST(test_codes_of_files)
{
    char *dir = write_base();
    char path[4096];
    snprintf(path, sizeof path, "%s/orders.csv", dir);
    cosched_diags *d = load_dir(path, COSCHED_ENOENT);
    ck_assert_str_eq(only(d, COSCHED_SEV_ERROR)->code, "E_NOT_A_DIRECTORY");
    cosched_diags_free(d);
    snprintf(path, sizeof path, "%s/nope", dir);
    d = load_dir(path, COSCHED_ENOENT);
    ck_assert_str_eq(only(d, COSCHED_SEV_ERROR)->code, "E_FILE_MISSING");
    cosched_diags_free(d);
    char buf[64];
    size_t n = utf16("order_id\n", true, true, buf, sizeof buf);
    write_bytes(dir, "orders.csv", buf, n);
    d = load_dir(dir, COSCHED_EINPUT);
    ck_assert_str_eq(only(d, COSCHED_SEV_ERROR)->code, "E_UTF16");
    cosched_diags_free(d);
    snprintf(path, sizeof path, "%s/orders.csv", dir);
    ck_assert_int_eq(remove(path), 0);
    d = load_dir(dir, COSCHED_ENOENT);
    ck_assert_str_eq(only(d, COSCHED_SEV_ERROR)->code, "E_FILE_MISSING");
    cosched_diags_free(d);
    test_remove_dir(dir);
}
END_TEST

/* Every diagnostic of every scenario of tests/data/bad/ has a code: E_ for an error, W_ for
 * a warning, then capitals and '_'. */
START_TEST(test_every_diagnostic_has_a_code)
{
    regex_t re;
    ck_assert_int_eq(regcomp(&re, "^[EW]_[A-Z0-9_]+$", REG_EXTENDED | REG_NOSUB), 0);
    const char *root = test_path("tests/data/bad");
    DIR *dr = opendir(root);
    ck_assert_ptr_nonnull(dr);
    int n_seen = 0;
    for (struct dirent *e; (e = readdir(dr)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", root, e->d_name);
        cosched_diags *d = cosched_diags_create(100);
        cosched_scenario *sc = NULL;
        (void)cosched_scenario_load(path, d, &sc);
        for (int i = 0; i < cosched_diags_count(d); i++) {
            const cosched_diag *g = cosched_diags_get(d, i);
            ck_assert_msg(g->code != NULL && regexec(&re, g->code, 0, NULL, 0) == 0,
                          "%s: '%s' has code %s", e->d_name, g->message,
                          g->code ? g->code : "NULL");
            ck_assert_int_eq(g->code[0], g->severity == COSCHED_SEV_ERROR ? 'E' : 'W');
            n_seen++;
        }
        cosched_scenario_free(sc);
        cosched_diags_free(d);
    }
    closedir(dr);
    regfree(&re);
    ck_assert_int_ge(n_seen, 60);
}
END_TEST

/* ---- the settings table, as help texts show it ---- */

START_TEST(test_setting_docs)
{
    int n = cosched_settings_count();
    ck_assert_int_ge(n, 10);
    bool saw_horizon = false, saw_time_limit = false, saw_iterations = false;
    for (int i = 0; i < n; i++) {
        cosched_setting_doc doc;
        ck_assert_int_eq(cosched_setting_doc_get(i, &doc), COSCHED_OK);
        ck_assert(doc.key != NULL && doc.key[0] != '\0');
        ck_assert(doc.help != NULL && doc.help[0] != '\0');
        ck_assert(doc.range[0] != '\0');
        if (strcmp(doc.key, "horizon_start") == 0) {
            saw_horizon = true;
            ck_assert(doc.in_file && !doc.in_options);
            ck_assert_str_eq(doc.dflt, "");
            ck_assert_ptr_nonnull(strstr(doc.range, "datetime"));
        } else if (strcmp(doc.key, "time_limit_s") == 0) {
            saw_time_limit = true;
            ck_assert(doc.in_file && doc.in_options);
            ck_assert_str_eq(doc.dflt, "10");
            ck_assert_str_eq(doc.range, "a number in [0, 604800]");
        } else if (strcmp(doc.key, "iteration_limit") == 0) {
            saw_iterations = true;
            ck_assert(!doc.in_file && doc.in_options);
            ck_assert_str_eq(doc.dflt, ""); /* no limit */
        }
    }
    ck_assert(saw_horizon && saw_time_limit && saw_iterations);
    cosched_setting_doc doc;
    ck_assert_int_eq(cosched_setting_doc_get(n, &doc), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_setting_doc_get(-1, &doc), COSCHED_EINVAL);
    ck_assert_int_eq(cosched_setting_doc_get(0, NULL), COSCHED_EINVAL);
}
END_TEST

Suite *hints_suite(void)
{
    Suite *s = suite_create("hints");
    TCase *tc = tcase_create("exports");
    tcase_add_test(tc, test_semicolon_csv_is_one_error);
    tcase_add_test(tc, test_comma_csv_with_a_semicolon_is_not_flagged);
    tcase_add_loop_test(tc, test_utf16_is_one_error, 0, 4);
    tcase_add_test(tc, test_single_nul_is_not_utf16);
    tcase_add_test(tc, test_file_instead_of_directory);
    tcase_add_test(tc, test_plan_directory_instead_of_scenario);
    suite_add_tcase(s, tc);
    tc = tcase_create("suggest");
    tcase_add_test(tc, test_suggest);
    tcase_add_test(tc, test_missing_column_suggests_the_unknown_one);
    tcase_add_test(tc, test_unknown_column_suggests_a_known_one);
    tcase_add_test(tc, test_unknown_setting_suggests_a_key);
    suite_add_tcase(s, tc);
    tc = tcase_create("due");
    tcase_add_test(tc, test_due_before_horizon_start_is_a_warning);
    tcase_add_test(tc, test_due_before_now_is_a_warning);
    tcase_add_test(tc, test_far_past_due_stays_an_error);
    suite_add_tcase(s, tc);
    tc = tcase_create("codes");
    tcase_add_loop_test(tc, test_codes_of_common_problems, 0, 13);
    tcase_add_test(tc, test_codes_of_files);
    tcase_add_test(tc, test_every_diagnostic_has_a_code);
    suite_add_tcase(s, tc);
    tc = tcase_create("help");
    tcase_add_test(tc, test_setting_docs);
    suite_add_tcase(s, tc);
    return s;
}
