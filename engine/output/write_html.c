/* write_html.c -- report.html: one self-contained page for planners (inline CSS, an inline
 * SVG Gantt chart and a few lines of inline script to sort the order table; nothing is
 * fetched). Every plan.csv row becomes one element carrying data-block="KIND", so tests can
 * count blocks in the rendered page. The chart widens with the number of blocks per line so
 * that labels stay legible; the page then scrolls sideways inside the chart frame. This file
 * is the page's skeleton and the helpers its parts share (write_html.h). */
#include "output/write_html.h"

#include "base/base.h"
#include "model/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
    "#9c755f", "#ff9da7", "#86bcb6", "#a0cbe8", "#8cd17d", "#d4a6c8",
};
enum { N_PALETTE = (int)(sizeof palette / sizeof palette[0]) };
/* Lightness of a family's first and last product: light enough for dark text, dark enough
 * for white text, apart enough to tell six shades apart. */
#define SHADE_LIGHTEST 0.80
#define SHADE_DARKEST 0.30

/* "1,234" or "1,234.5": grouped digits read faster on a KPI card. */
void cs_html_number(cs_output_buf *b, double v)
{
    char raw[64];
    char out[64 + 64 / 3 + 2];
    size_t n = 0;
    bool whole = fabs(v - round(v)) < 1e-9 || fabs(v) >= 1e6;
    cs_output_fmt_fixed(raw, sizeof raw, v, whole ? 0 : 2);
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    const char *dot = strchr(digits, '.');
    size_t n_int = dot ? (size_t)(dot - digits) : strlen(digits);
    if (raw[0] == '-')
        out[n++] = '-';
    for (size_t i = 0; i < n_int; i++) {
        if (i > 0 && (n_int - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = digits[i];
    }
    put_n(b, out, n);
    if (dot != NULL)
        put(b, dot);
}

void cs_html_duration(cs_output_buf *b, int64_t minutes)
{
    if (minutes < 60)
        cs_output_buf_printf(b, "%lld min", (long long)minutes);
    else if (minutes < 48 * 60)
        cs_output_buf_printf(b, "%lld h %02lld min", (long long)(minutes / 60),
                             (long long)(minutes % 60));
    else
        cs_output_buf_printf(b, "%.1f days", (double)minutes / 1440.0);
}

/* "#rrggbb" of @p r, @p g, @p b in [0, 1] */
static cs_html_colour colour_rgb(double r, double g, double b)
{
    cs_html_colour c;
    snprintf(c.hex, sizeof c.hex, "#%02x%02x%02x", (unsigned)lround(fmin(1, fmax(0, r)) * 255),
             (unsigned)lround(fmin(1, fmax(0, g)) * 255),
             (unsigned)lround(fmin(1, fmax(0, b)) * 255));
    return c;
}

static double hue_channel(double p, double q, double t)
{
    t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (t < 1.0 / 6)
        return p + (q - p) * 6 * t;
    if (t < 0.5)
        return q;
    if (t < 2.0 / 3)
        return p + (q - p) * (2.0 / 3 - t) * 6;
    return p;
}

/* @p hex (a palette colour) with its hue and saturation kept and lightness @p l. */
static cs_html_colour colour_with_lightness(const char *hex, double l)
{
    unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
    double r = ((v >> 16) & 0xff) / 255.0, g = ((v >> 8) & 0xff) / 255.0, b = (v & 0xff) / 255.0;
    double hi = fmax(r, fmax(g, b)), lo = fmin(r, fmin(g, b));
    double l0 = (hi + lo) / 2, d = hi - lo;
    double h = 0, s = 0;
    if (d > 0) {
        s = l0 > 0.5 ? d / (2 - hi - lo) : d / (hi + lo);
        h = hi == r ? (g - b) / d + (g < b ? 6 : 0) : hi == g ? (b - r) / d + 2 : (r - g) / d + 4;
        h /= 6;
    }
    s = fmax(s, 0.35); /* light shades stay tinted */
    double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    double p = 2 * l - q;
    return colour_rgb(hue_channel(p, q, h + 1.0 / 3), hue_channel(p, q, h),
                      hue_channel(p, q, h - 1.0 / 3));
}

/* How light product @p p is drawn within family @p f, from the changeover matrix: light
 * products are cheap to leave and dear to enter (light to dark needs no wash), so the
 * higher the minutes into p less the minutes out of it, over the family and all lines, the
 * lighter p. */
static int64_t lightness_score(const cosched_scenario *sc, int p, int f)
{
    int64_t score = 0;
    for (int q = 0; q < sc->n_products; q++) {
        if (q == p || sc->products[q].family != f)
            continue;
        for (int l = 0; l < sc->n_lines; l++)
            score += (int64_t)cs_co_minutes(sc, l, q, p) - cs_co_minutes(sc, l, p, q);
    }
    return score;
}

cs_html_colour *cs_html_shades(const cosched_scenario *sc)
{
    int n = sc->n_products;
    cs_html_colour *shade = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *shade);
    int64_t *score = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *score);
    if (shade == NULL || score == NULL) {
        free(shade);
        free(score);
        return NULL;
    }
    for (int p = 0; p < n; p++)
        score[p] = sc->products[p].family >= 0 ? lightness_score(sc, p, sc->products[p].family)
                                               : 0;
    for (int p = 0; p < n; p++) {
        int f = sc->products[p].family;
        if (f < 0) {
            /* products without a family get a colour of their own, after the families' */
            snprintf(shade[p].hex, sizeof shade[p].hex, "%s",
                     palette[(sc->n_families + p) % N_PALETTE]);
            continue;
        }
        /* rank within the family: lightest first, ties by id (deterministic) */
        int rank = 0, n_family = 0;
        for (int q = 0; q < n; q++) {
            if (sc->products[q].family != f)
                continue;
            n_family++;
            if (q != p && (score[q] > score[p] ||
                           (score[q] == score[p] &&
                            strcmp(sc->products[q].id, sc->products[p].id) < 0)))
                rank++;
        }
        if (n_family <= 1)
            snprintf(shade[p].hex, sizeof shade[p].hex, "%s", palette[f % N_PALETTE]);
        else
            shade[p] = colour_with_lightness(palette[f % N_PALETTE],
                                             SHADE_LIGHTEST - (SHADE_LIGHTEST - SHADE_DARKEST) *
                                                                  rank / (n_family - 1));
    }
    free(score);
    return shade;
}

cs_html_colour cs_html_product_colour(const cs_html_colour *shades, int product)
{
    cs_html_colour grey = { "#9aa5b1" };
    return shades != NULL && product >= 0 ? shades[product] : grey;
}

const char *cs_html_family_colour(int f)
{
    return palette[f % N_PALETTE];
}

const char *cs_html_family_name(const cosched_scenario *sc, int product)
{
    if (product < 0 || product >= sc->n_products || sc->products[product].family < 0)
        return NULL;
    return sc->families[sc->products[product].family];
}

bool cs_html_order_late(const cosched_plan *p, int o)
{
    return p->orders[o].scheduled && p->orders[o].tardiness > 0;
}

static void put_asset(cs_output_buf *b, const unsigned char *text, size_t len)
{
    put_n(b, (const char *)text, len);
}

/* What went wrong on the way (an input warning, a solver step stepped around, orders
 * re-planning could not keep frozen): a planner reads the report, not summary.json. */
static void write_warnings(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p)
{
    if (p->n_warnings == 0 && sc->n_load_warnings == 0)
        return;
    put(b, "<section class=\"panel warnings\"><h2>Warnings</h2>\n<ul>\n");
    for (int i = 0; i < sc->n_load_warnings; i++) {
        put(b, "<li>");
        esc(b, sc->load_warnings[i]);
        put(b, "</li>\n");
    }
    for (int i = 0; i < p->n_warnings; i++) {
        put(b, "<li>");
        esc(b, p->warnings[i]);
        put(b, "</li>\n");
    }
    put(b, "</ul></section>\n");
}

char *cs_output_report_html(const cosched_scenario *sc, const cosched_plan *p)
{
    return cs_output_report_html_late(sc, p, NULL);
}

char *cs_output_report_html_late(const cosched_scenario *sc, const cosched_plan *p,
                                 cs_late_ctx *late)
{
    cs_late_ctx *own = NULL;
    if (late == NULL && (late = own = cs_output_late_ctx_new(sc, p)) == NULL)
        return NULL;
    cs_html_colour *shades = cs_html_shades(sc);
    cs_output_buf b = { 0 };
    if (shades == NULL)
        b.failed = true;
    const char *name = sc->dir != NULL ? sc->dir : "scenario";
    size_t len = strlen(name);
    while (len > 1 && name[len - 1] == '/')
        len--;
    const char *base = name;
    for (size_t i = 0; i + 1 < len; i++) {
        if (name[i] == '/')
            base = name + i + 1;
    }
    char title[160];
    snprintf(title, sizeof title, "%.*s", (int)(len - (size_t)(base - name)), base);

    put(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
            "<title>Production plan \xe2\x80\x94 ");
    esc(&b, title);
    put(&b, "</title>\n");
    PUT(&b, "<style>\n");
    put_asset(&b, cs_asset_report_css, cs_asset_report_css_len);
    PUT(&b, "</style>\n<style>\n");
    put_asset(&b, cs_asset_report_print_css, cs_asset_report_print_css_len);
    PUT(&b, "</style>\n");
    put(&b, "</head><body>\n<header><h1>Production plan \xe2\x80\x94 ");
    esc(&b, title);
    cs_output_buf_printf(&b, "</h1><span class=\"badge %s\">%s</span><span class=\"meta\">",
                         cosched_outcome_str(p->result.outcome),
                         cosched_outcome_str(p->result.outcome));
    cs_output_buf_printf(&b, "%d orders on %d lines &middot; horizon from ", sc->n_orders,
                         sc->n_lines);
    put_time(&b, sc, 0);
    put(&b, "</span></header>\n");
    cs_html_cards(&b, sc, p);
    write_warnings(&b, sc, p);
    cs_html_gantt(sc, p, shades, &b, late);
    cs_html_order_table(sc, p, shades, &b, late);
    cs_html_changeover_table(sc, p, &b);
    put(&b, "<footer>");
    cs_html_run_record(&b, sc, p);
    put(&b, "Written by cosched " COSCHED_VERSION ". Hover a block for its details; "
            "times are plant-local. Printing fits the chart to the page width.</footer>\n");
    PUT(&b, "<script>\n");
    put_asset(&b, cs_asset_report_js, cs_asset_report_js_len);
    PUT(&b, "</script>\n");
    put(&b, "</body></html>\n");
    cs_output_late_ctx_free(own);
    free(shades);
    return cs_output_buf_finish(&b);
}
