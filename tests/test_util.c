/* test_util.c -- shared helpers of the Check suites. */
#include "test_util.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *test_path(const char *rel)
{
    static char bufs[8][4096];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", COSCHED_SOURCE_DIR, rel);
    return b;
}

char *test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/cosched-test-XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    ck_assert_ptr_nonnull(d);
    char *copy = malloc(strlen(d) + 1);
    ck_assert_ptr_nonnull(copy);
    strcpy(copy, d);
    return copy;
}

cosched_scenario *test_load(const char *rel_dir)
{
    cosched_diags *d = cosched_diags_create(50);
    cosched_scenario *sc = NULL;
    cosched_status st = cosched_scenario_load(test_path(rel_dir), d, &sc);
    if (st != COSCHED_OK)
        cosched_diags_print(d, stderr);
    cosched_diags_free(d);
    ck_assert_msg(st == COSCHED_OK, "loading %s: %s", rel_dir, cosched_status_str(st));
    return sc;
}

void test_write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
}

char *test_read_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    size_t cap = 1 << 16;
    size_t n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    for (size_t got; (got = fread(buf + n, 1, cap - n - 1, fp)) > 0;) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

void test_replace_in_file(const char *dir, const char *name, const char *old, const char *repl)
{
    char *text = test_read_file(dir, name);
    char *hit = strstr(text, old);
    ck_assert_msg(hit != NULL, "'%s' not in %s", old, name);
    size_t head = (size_t)(hit - text);
    size_t tail = strlen(hit + strlen(old));
    char *out = malloc(head + strlen(repl) + tail + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, text, head);
    memcpy(out + head, repl, strlen(repl));
    memcpy(out + head + strlen(repl), hit + strlen(old), tail + 1);
    test_write_file(dir, name, out);
    free(out);
    free(text);
}

char *test_write_checked(const cosched_scenario *sc, const cosched_plan *plan)
{
    char *dir = test_tmpdir();
    cosched_diags *d = cosched_diags_create(50);
    ck_assert_int_eq(cosched_plan_write(sc, plan, dir, d), COSCHED_OK);
    int nv = -1;
    ck_assert_int_eq(cosched_plan_check(sc, dir, d, &nv), COSCHED_OK);
    if (nv != 0)
        cosched_diags_print(d, stderr);
    ck_assert_int_eq(nv, 0);
    cosched_diags_free(d);
    return dir;
}

void test_remove_dir(char *dir)
{
    DIR *dp = opendir(dir);
    if (dp != NULL) {
        char path[4096];
        for (struct dirent *e; (e = readdir(dp)) != NULL;) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(dp);
    }
    rmdir(dir);
    free(dir);
}
