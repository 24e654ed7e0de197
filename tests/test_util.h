/* test_util.h -- shared helpers of the Check suites. */
#ifndef CS_TEST_UTIL_H
#define CS_TEST_UTIL_H

#include "cosched.h"

/** The number of elements of the array @p a (an int, for loops and tcase_add_loop_test). */
#define TEST_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/** Absolute path of a file in the source tree: test_path("tests/data/x") (static buffer,
 *  rotated over 8 calls). */
const char *test_path(const char *rel);
/** A new temporary directory (mkdtemp under $TMPDIR or /tmp); caller frees the string. */
char *test_tmpdir(void);
/** Load a scenario, failing the test (with its diagnostics printed) when it does not load. */
cosched_scenario *test_load(const char *rel_dir);
/** Write @p text to @p dir/@p name (creating the file). */
void test_write_file(const char *dir, const char *name, const char *text);

/** The whole of @p dir/@p name as a NUL-terminated string (caller frees); fails the test
 *  when the file cannot be read. */
char *test_read_file(const char *dir, const char *name);
/** Replace the first occurrence of @p old in @p dir/@p name by @p repl (fails the test when
 *  @p old is not there). */
void test_replace_in_file(const char *dir, const char *name, const char *old, const char *repl);

/** Write @p plan into a new temporary directory and run the independent checker on it, failing
 *  the test (with the checker's diagnostics printed) unless it finds no violation; returns the
 *  directory (remove it with test_remove_dir()). */
char *test_write_checked(const cosched_scenario *sc, const cosched_plan *plan);
/** Remove the plain files directly in @p dir, then @p dir itself, and free the string. */
void test_remove_dir(char *dir);

#endif
