/* calendar.c -- working-minute arithmetic on a line's downtime calendar.
 * A line's downtime windows are sorted and merged, so every query binary-searches the first
 * window that ends after a time and then walks forward: a long horizon with hundreds of
 * night shifts costs O(log n) plus the windows a block actually spans. Work pauses over a
 * window and resumes at its end; arithmetic is done in int64_t and clamped to int32_t. */
#include "model/scenario.h"

#include <stddef.h>

/* Index of the first window whose end_at > t (n when none). */
static int first_ending_after(const cs_line *line, int64_t t)
{
    int lo = 0;
    int hi = line->n_downtime;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (line->downtime[mid].end_at > t)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static int32_t clamp32(int64_t v)
{
    if (v > INT32_MAX)
        return INT32_MAX;
    if (v < INT32_MIN)
        return INT32_MIN;
    return (int32_t)v;
}

/* Skip windows that contain t; touching windows are walked too, in case a caller built a
 * calendar without merging. Returns the new time and leaves *idx at the first window that
 * ends after it. */
static int64_t skip_downtime(const cs_line *line, int64_t t, int *idx)
{
    int i = first_ending_after(line, t);
    while (i < line->n_downtime && line->downtime[i].start_at <= t) {
        t = line->downtime[i].end_at;
        i++;
    }
    *idx = i;
    return t;
}

int32_t cs_calendar_next_working(const cs_line *line, int32_t t)
{
    int idx;
    return clamp32(skip_downtime(line, t, &idx));
}

int32_t cs_calendar_advance(const cs_line *line, int32_t start, int32_t minutes)
{
    if (minutes <= 0)
        return start;
    int idx;
    int64_t t = skip_downtime(line, start, &idx);
    int64_t left = minutes;
    /* Invariant: t is a working minute and window idx (if any) starts after t. */
    while (idx < line->n_downtime) {
        const cs_window *w = &line->downtime[idx];
        int64_t avail = (int64_t)w->start_at - t;
        if (left <= avail)
            return clamp32(t + left);
        left -= avail;
        t = w->end_at;
        idx++;
        while (idx < line->n_downtime && line->downtime[idx].start_at <= t) {
            t = line->downtime[idx].end_at;
            idx++;
        }
    }
    return clamp32(t + left);
}

int32_t cs_calendar_working_between(const cs_line *line, int32_t from, int32_t to)
{
    if (to <= from)
        return 0;
    int64_t total = (int64_t)to - from;
    for (int i = first_ending_after(line, from); i < line->n_downtime; i++) {
        const cs_window *w = &line->downtime[i];
        if (w->start_at >= to)
            break;
        int64_t a = w->start_at > from ? w->start_at : from;
        int64_t b = w->end_at < to ? w->end_at : to;
        if (b > a)
            total -= b - a;
    }
    return clamp32(total);
}
