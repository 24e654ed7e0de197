/* datetime.c -- plant-local civil datetimes <-> minutes since 1970-01-01T00:00.
 * Proleptic Gregorian calendar, no time zones and no leap seconds: the engine only needs
 * differences between plant-local times, so every day has 1440 minutes. Years 1900..9999. */
#include "base/base.h"

#include <stdio.h>

/* Days since 1970-01-01 of a civil date: the era-based algorithm (400-year cycles of
 * 146097 days), exact for every year of the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Exactly @p n ASCII digits at *s; advances *s. */
static bool digits(const char **s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*s)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *s += n;
    *out = v;
    return true;
}

/* The character @p c at *s; advances *s (never past the terminator). */
static bool lit(const char **s, char c)
{
    if (**s != c)
        return false;
    (*s)++;
    return true;
}

bool cs_datetime_parse(const char *s, int64_t *epoch_min, int *sec)
{
    if (s == NULL)
        return false;
    int y, mo, d, h, mi, se = 0;
    const char *p = s;
    if (!digits(&p, 4, &y) || !lit(&p, '-') || !digits(&p, 2, &mo) || !lit(&p, '-') ||
        !digits(&p, 2, &d))
        return false;
    if (!lit(&p, 'T') && !lit(&p, ' '))
        return false;
    if (!digits(&p, 2, &h) || !lit(&p, ':') || !digits(&p, 2, &mi))
        return false;
    if (lit(&p, ':') && !digits(&p, 2, &se))
        return false;
    if (*p != '\0')
        return false;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
        mi > 59 || se > 59)
        return false;
    if (epoch_min != NULL)
        *epoch_min = days_from_civil(y, mo, d) * 1440 + h * 60 + mi;
    if (sec != NULL)
        *sec = se;
    return true;
}

void cs_datetime_format(int64_t epoch_min, char *buf, size_t size)
{
    int64_t days = epoch_min >= 0 ? epoch_min / 1440 : -((-epoch_min + 1439) / 1440);
    int64_t rem = epoch_min - days * 1440;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d", (long long)y, m, d, (int)(rem / 60),
             (int)(rem % 60));
}
