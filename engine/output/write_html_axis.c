/* write_html_axis.c -- report.html's time scale: a date row, and below it hour labels at three
 * levels (every hour, every second hour, the shift changes at 06:00, 14:00 and 22:00) with
 * their grid lines. All levels are drawn; the chart's data-scale attribute says which the
 * stylesheet shows, chosen from the pixels per hour: the page sets it at 100 %, the script
 * again at every zoom step, and data-print-scale is the level for the chart fitted to a
 * printed page. */
#include "output/write_html.h"

#include "base/base.h"

#include <stdlib.h>

static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const day_names[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };

/* The three shift changes of a three-shift plant (early, late, night). */
static bool shift_change(int hour)
{
    return hour == 6 || hour == 14 || hour == 22;
}

const char *cs_html_scale_for(double px_per_hour)
{
    /* an "06:00" label needs about 36 px; the same thresholds are in report.js */
    if (px_per_hour >= 36.0)
        return "hour";
    if (px_per_hour >= 18.0)
        return "h2";
    if (px_per_hour * 8.0 >= 36.0)
        return "shift";
    return "day";
}

void cs_html_axis(const chart *c, int height)
{
    cs_output_buf *b = c->b;
    int64_t e0 = c->sc->horizon_epoch_min + c->t0;
    int64_t e1 = c->sc->horizon_epoch_min + c->t1;
    put(b, "<g class=\"axis\">");
    /* hour ticks of plant time; classes: hr (every hour), e (even hours), sh (shift change) */
    int64_t first = (e0 + 59) / 60 * 60;
    for (int64_t e = first; e <= e1; e += 60) {
        int hour = (int)(((e / 60) % 24 + 24) % 24);
        if (hour == 0)
            continue; /* the day line is there */
        const char *cls = shift_change(hour) ? " e sh" : hour % 2 == 0 ? " e" : "";
        double x = xpos(c, (int32_t)(e - c->sc->horizon_epoch_min));
        cs_output_buf_printf(b, "<line class=\"grid hr%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                                "y2=\"%d\"/><text class=\"hour hr%s\" x=\"%.1f\" y=\"%d\">"
                                "%02d:00</text>",
                             cls, x, AXIS_H, x, height, cls, x, AXIS_H - 8, hour);
    }
    /* days: boundary line and a label centred on the visible part of the day */
    int64_t day0 = (e0 >= 0 ? e0 : e0 - 1439) / 1440;
    for (int64_t d = day0; d * 1440 <= e1; d++) {
        int64_t ds = d * 1440, de = ds + 1440;
        int64_t vs = ds > e0 ? ds : e0, ve = de < e1 ? de : e1;
        if (ds > e0) {
            double x = xpos(c, (int32_t)(ds - c->sc->horizon_epoch_min));
            cs_output_buf_printf(b, "<line class=\"day\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" "
                                    "y2=\"%d\"/>",
                                 x, x, height);
        }
        if (ve - vs < 120 && ve < e1)
            continue;
        char buf[32];
        cs_datetime_format(ds, buf, sizeof buf);
        int month = atoi(buf + 5);
        int dom = atoi(buf + 8);
        double xs = xpos(c, (int32_t)(vs - c->sc->horizon_epoch_min));
        double xe = xpos(c, (int32_t)(ve - c->sc->horizon_epoch_min));
        cs_output_buf_printf(b, "<text class=\"date\" x=\"%.1f\" y=\"16\">%s %d %s %.4s</text>",
                             (xs + xe) / 2, day_names[((d % 7) + 7) % 7], dom,
                             month >= 1 && month <= 12 ? month_names[month - 1] : "", buf);
    }
    cs_output_buf_printf(b, "<line class=\"base\" x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                         LABEL_W, AXIS_H, xpos(c, c->t1), AXIS_H);
    put(b, "</g>\n");
}
