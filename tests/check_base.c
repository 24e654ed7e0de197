/* check_base.c -- the "base" suite: datetimes, number parsing, the string map, array growth. */
#include "base/base.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_datetime_epoch_and_known_days)
{
    int64_t m;
    int sec;
    ck_assert(cs_datetime_parse("1970-01-01T00:00", &m, &sec));
    ck_assert_int_eq(m, 0);
    ck_assert_int_eq(sec, 0);
    /* 2000-03-01 is 11017 days after 1970-01-01 (30 years, 7 leap days, plus Jan+Feb 2000). */
    ck_assert(cs_datetime_parse("2000-03-01T00:00", &m, NULL));
    ck_assert_int_eq(m, 11017LL * 1440);
    ck_assert(cs_datetime_parse("1969-12-31T23:59", &m, NULL));
    ck_assert_int_eq(m, -1);
    /* Space separator and seconds, returned apart. */
    ck_assert(cs_datetime_parse("2027-03-01 06:30:45", &m, &sec));
    ck_assert_int_eq(sec, 45);
    int64_t m2;
    ck_assert(cs_datetime_parse("2027-03-01T06:30", &m2, NULL));
    ck_assert_int_eq(m, m2);
    /* Consecutive days across a month end differ by 1440 minutes. */
    ck_assert(cs_datetime_parse("2027-02-28T00:00", &m, NULL));
    ck_assert(cs_datetime_parse("2027-03-01T00:00", &m2, NULL));
    ck_assert_int_eq(m2 - m, 1440);
    ck_assert(cs_datetime_parse("2028-02-28T00:00", &m, NULL));
    ck_assert(cs_datetime_parse("2028-03-01T00:00", &m2, NULL));
    ck_assert_int_eq(m2 - m, 2 * 1440);
}
END_TEST

START_TEST(test_datetime_leap_days)
{
    ck_assert(cs_datetime_parse("2028-02-29T00:00", NULL, NULL));
    ck_assert(cs_datetime_parse("2000-02-29T00:00", NULL, NULL)); /* divisible by 400 */
    ck_assert(!cs_datetime_parse("2027-02-29T00:00", NULL, NULL));
    ck_assert(!cs_datetime_parse("2100-02-29T00:00", NULL, NULL)); /* century, not leap */
    ck_assert(!cs_datetime_parse("1900-02-29T00:00", NULL, NULL));
}
END_TEST

static const char *const bad_datetimes[] = {
    "2027-02-30T00:00", "2027-13-01T00:00", "2027-00-10T00:00", "2027-04-31T00:00",
    "2027-01-01T24:00", "2027-01-01T23:60", "2027-01-01T23:59:60", "2027-01-00T00:00",
    "2027-01-01T00:00Z", "2027-01-01T00:00 ", "2027-01-01", "2027-1-01T00:00",
    "2027-01-01X00:00", "2027-01-01T00:00:", "2027-01-01T0:00", "", "abcd-ef-ghTij:kl",
    "1899-12-31T23:59", "2027-01-01T00:00:5",
};

START_TEST(test_datetime_rejects)
{
    ck_assert_msg(!cs_datetime_parse(bad_datetimes[_i], NULL, NULL), "accepted '%s'",
                  bad_datetimes[_i]);
}
END_TEST

START_TEST(test_datetime_round_trip)
{
    /* Every minute-of-day pattern on a sample of days over several centuries. */
    char buf[32];
    for (int64_t day = -25000; day < 2900000; day += 997) {
        int64_t m = day * 1440 + (day % 1440 + 1440) % 1440;
        if (m < -36000000) /* before 1900 */
            continue;
        cs_datetime_format(m, buf, sizeof buf);
        int64_t back;
        int sec;
        ck_assert_msg(cs_datetime_parse(buf, &back, &sec), "cannot parse '%s'", buf);
        ck_assert_int_eq(back, m);
        ck_assert_int_eq(sec, 0);
    }
    cs_datetime_format(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "1970-01-01T00:00");
    cs_datetime_format(-1, buf, sizeof buf);
    ck_assert_str_eq(buf, "1969-12-31T23:59");
    int64_t m;
    ck_assert(cs_datetime_parse("2028-02-29T13:07", &m, NULL));
    cs_datetime_format(m, buf, sizeof buf);
    ck_assert_str_eq(buf, "2028-02-29T13:07");
}
END_TEST

START_TEST(test_parse_double)
{
    double x;
    ck_assert(cs_parse_double("1e308", &x));
    ck_assert(x > 9e307);
    ck_assert(cs_parse_double("-2.5", &x));
    ck_assert(x == -2.5);
    ck_assert(cs_parse_double("0.125", &x));
    ck_assert(x == 0.125);
    ck_assert(!cs_parse_double("nan", &x));
    ck_assert(!cs_parse_double("inf", &x));
    ck_assert(!cs_parse_double("-inf", &x));
    ck_assert(!cs_parse_double("0x10", &x));
    ck_assert(!cs_parse_double("1e999", &x));
    ck_assert(!cs_parse_double("", &x));
    ck_assert(!cs_parse_double("1,5", &x));
    ck_assert(!cs_parse_double("12abc", &x));
    long n;
    ck_assert(cs_parse_long("42", 0, 100, &n));
    ck_assert_int_eq(n, 42);
    ck_assert(!cs_parse_long("101", 0, 100, &n));
    ck_assert(!cs_parse_long("1.5", 0, 100, &n));
}
END_TEST

START_TEST(test_strmap)
{
    cs_strmap *m = cs_strmap_create();
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(cs_strmap_get(m, "x"), -1);
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "ORD-%06d", i);
        ck_assert_int_eq(cs_strmap_put(m, key, i), COSCHED_OK);
    }
    ck_assert_int_eq(cs_strmap_count(m), 100000);
    for (int i = 0; i < 100000; i += 7) {
        snprintf(key, sizeof key, "ORD-%06d", i);
        ck_assert_int_eq(cs_strmap_get(m, key), i);
    }
    ck_assert_int_eq(cs_strmap_get(m, "ORD-100000"), -1);
    ck_assert_int_eq(cs_strmap_get(m, ""), -1);
    ck_assert_int_eq(cs_strmap_put(m, "ORD-000003", 7), COSCHED_OK); /* replaces */
    ck_assert_int_eq(cs_strmap_get(m, "ORD-000003"), 7);
    ck_assert_int_eq(cs_strmap_count(m), 100000);
    cs_strmap_free(m);
    cs_strmap_free(NULL);
    ck_assert_int_eq(cs_strmap_get(NULL, "a"), -1);
}
END_TEST

/* Appending one by one through cs_grow keeps every element and doubles the capacity; a
 * request it cannot meet leaves the array and capacity as they were. */
START_TEST(test_grow)
{
    int *v = NULL;
    size_t cap = 0;
    size_t reallocs = 0;
    for (int i = 0; i < 10000; i++) {
        size_t before = cap;
        int *w = cs_grow(v, sizeof *w, (size_t)i + 1, &cap, 4);
        ck_assert_ptr_nonnull(w);
        if (cap != before) {
            reallocs++;
            ck_assert_uint_eq(cap, before ? 2 * before : 4);
        }
        v = w;
        v[i] = i;
    }
    ck_assert_uint_eq(cap, 16384); /* 4 * 2^12 */
    ck_assert_uint_eq(reallocs, 13);
    for (int i = 0; i < 10000; i++)
        ck_assert_int_eq(v[i], i);
    /* A jump past twice the capacity grows to the first doubling that holds it. */
    int *w = cs_grow(v, sizeof *w, 40000, &cap, 4);
    ck_assert_ptr_nonnull(w);
    v = w;
    ck_assert_uint_eq(cap, 65536);
    ck_assert_int_eq(v[9999], 9999);
    ck_assert_ptr_eq(cs_grow(v, sizeof *v, 100, &cap, 4), v); /* enough room: unchanged */
    ck_assert_ptr_null(cs_grow(v, sizeof *v, SIZE_MAX / 2, &cap, 4)); /* too big */
    ck_assert_uint_eq(cap, 65536);
    ck_assert_int_eq(v[9999], 9999);
    free(v);
}
END_TEST

/* FIPS 180-4 / NIST CAVP vectors: the empty message, "abc", the two-block 448-bit message,
 * one million 'a' (fed in uneven pieces, so that every buffering path runs), and messages
 * of 55, 56 and 64 bytes, where the padding takes one block or spills into a second. */
static const struct {
    const char *text;
    int repeat;
    const char *hex;
} sha256_vectors[] = {
    {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    {"a", 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
    {"a", 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
    {"a", 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
};

START_TEST(test_sha256_vectors)
{
    cs_sha256 s;
    cs_sha256_init(&s);
    size_t len = strlen(sha256_vectors[_i].text);
    if (sha256_vectors[_i].repeat == 1) {
        cs_sha256_add(&s, sha256_vectors[_i].text, len);
    } else {
        /* pieces of 1, 2, ... 100 bytes, then the rest */
        size_t total = (size_t)sha256_vectors[_i].repeat, done = 0;
        char piece[128];
        memset(piece, sha256_vectors[_i].text[0], sizeof piece);
        for (size_t k = 1; done < total; k = k % 100 + 1) {
            size_t n = k < total - done ? k : total - done;
            cs_sha256_add(&s, piece, n);
            done += n;
        }
    }
    uint8_t digest[CS_SHA256_BYTES];
    char hex[2 * CS_SHA256_BYTES + 1];
    cs_sha256_end(&s, digest);
    cs_sha256_hex(digest, hex);
    ck_assert_str_eq(hex, sha256_vectors[_i].hex);
}
END_TEST

Suite *base_suite(void)
{
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("datetime");
    tcase_add_test(tc, test_datetime_epoch_and_known_days);
    tcase_add_test(tc, test_datetime_leap_days);
    tcase_add_loop_test(tc, test_datetime_rejects, 0,
                        (int)(sizeof bad_datetimes / sizeof bad_datetimes[0]));
    tcase_add_test(tc, test_datetime_round_trip);
    suite_add_tcase(s, tc);
    tc = tcase_create("numbers");
    tcase_add_test(tc, test_parse_double);
    tcase_add_test(tc, test_strmap);
    tcase_add_test(tc, test_grow);
    tcase_add_loop_test(tc, test_sha256_vectors, 0,
                        (int)(sizeof sha256_vectors / sizeof sha256_vectors[0]));
    suite_add_tcase(s, tc);
    return s;
}
