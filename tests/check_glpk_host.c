/* check_glpk_host.c -- the library leaves a host program's GLPK alone: a program that uses
 * GLPK itself keeps its environment, its problem objects and its terminal flag across a
 * solve that runs GLPK, also when GLPK fails inside it (the fault hook of the test build);
 * without a host environment the library frees the one it created. */
#include "solve/backend.h"
#include "test_util.h"

#include <check.h>
#include <glpk.h>
#include <stdlib.h>

/* A host problem object with something in it to look at afterwards. */
static glp_prob *host_prob(void)
{
    glp_prob *p = glp_create_prob();
    glp_set_prob_name(p, "host");
    glp_add_rows(p, 3);
    glp_add_cols(p, 2);
    glp_set_col_bnds(p, 2, GLP_DB, 1.0, 4.0);
    return p;
}

static void assert_host_intact(glp_prob *p)
{
    /* 1: the environment was there already, so it is the host's, not a new one. */
    ck_assert_int_eq(glp_init_env(), 1);
    ck_assert_str_eq(glp_get_prob_name(p), "host");
    ck_assert_int_eq(glp_get_num_rows(p), 3);
    ck_assert_int_eq(glp_get_num_cols(p), 2);
    ck_assert_double_eq(glp_get_col_ub(p, 2), 4.0);
    /* The terminal flag the host had (GLPK's default, on). */
    ck_assert_int_eq(glp_term_out(GLP_ON), GLP_ON);
}

START_TEST(test_host_environment_kept)
{
    int init = glp_init_env();
    ck_assert(init == 0 || init == 1);
    glp_prob *p = host_prob();
    cosched_scenario *sc = test_load("tests/data/hand2x5");
    bool has_bound = false;
    double bound = 0.0;
    ck_assert_int_eq(cs_backend_cmax_bound(sc, 10.0, &has_bound, &bound), COSCHED_OK);
    ck_assert(has_bound); /* GLPK did run */
    assert_host_intact(p);
    glp_delete_prob(p);
    cosched_scenario_free(sc);
    ck_assert_int_eq(glp_free_env(), 0);
}
END_TEST

START_TEST(test_host_environment_kept_after_glpk_error)
{
    ck_assert(glp_init_env() <= 1);
    glp_prob *p = host_prob();
    cosched_scenario *sc = test_load("tests/data/hand2x5");
    bool has_bound = false;
    double bound = 0.0;
    ck_assert_int_eq(setenv("COSCHED_FAULT", "glpk", 1), 0);
    ck_assert_int_eq(cs_backend_cmax_bound(sc, 10.0, &has_bound, &bound), COSCHED_ESOLVER);
    unsetenv("COSCHED_FAULT");
    assert_host_intact(p);
    /* GLPK still works for the host and for the library. */
    ck_assert_int_eq(cs_backend_cmax_bound(sc, 10.0, &has_bound, &bound), COSCHED_OK);
    ck_assert(has_bound);
    assert_host_intact(p);
    glp_delete_prob(p);
    cosched_scenario_free(sc);
    ck_assert_int_eq(glp_free_env(), 0);
}
END_TEST

START_TEST(test_own_environment_freed)
{
    cosched_scenario *sc = test_load("tests/data/hand2x5");
    bool has_bound = false;
    double bound = 0.0;
    ck_assert_int_eq(cs_backend_cmax_bound(sc, 10.0, &has_bound, &bound), COSCHED_OK);
    ck_assert(has_bound);
    ck_assert_int_eq(setenv("COSCHED_FAULT", "glpk", 1), 0);
    ck_assert_int_eq(cs_backend_cmax_bound(sc, 10.0, &has_bound, &bound), COSCHED_ESOLVER);
    unsetenv("COSCHED_FAULT");
    /* No environment is left behind: GLPK reports it has none to free. */
    ck_assert_int_eq(glp_free_env(), 1);
    cosched_scenario_free(sc);
}
END_TEST

Suite *glpk_host_suite(void)
{
    Suite *s = suite_create("glpk_host");
    TCase *tc = tcase_create("environment");
    tcase_add_test(tc, test_host_environment_kept);
    tcase_add_test(tc, test_host_environment_kept_after_glpk_error);
    tcase_add_test(tc, test_own_environment_freed);
    suite_add_tcase(s, tc);
    return s;
}
