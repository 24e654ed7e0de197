/* write_html.c -- report.html: one self-contained page for planners (inline CSS, an inline
 * SVG Gantt chart and a few lines of inline script to sort the order table; nothing is
 * fetched). Every plan.csv row becomes one element carrying data-block="KIND", so tests can
 * count blocks in the rendered page. The chart widens with the number of blocks per line so
 * that labels stay legible; the page then scrolls sideways inside the chart frame. This file
 * is the page's skeleton and the helpers its parts share (write_html.h). */
#include "output/write_html.h"

#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
    "#9c755f", "#ff9da7", "#86bcb6", "#a0cbe8", "#8cd17d", "#d4a6c8",
};
enum { N_PALETTE = (int)(sizeof palette / sizeof palette[0]) };

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

const char *cs_html_product_colour(const cosched_scenario *sc, int product)
{
    if (product < 0 || product >= sc->n_products)
        return "#9aa5b1";
    int f = sc->products[product].family;
    /* Products without a family get a colour of their own, after the families'. */
    int k = f >= 0 ? f : sc->n_families + product;
    return palette[k % N_PALETTE];
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
    cs_output_buf b = { 0 };
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
    cs_html_gantt(sc, p, &b, late);
    cs_html_order_table(sc, p, &b, late);
    cs_html_changeover_table(sc, p, &b);
    put(&b, "<footer>Written by cosched " COSCHED_VERSION ". Hover a block for its details; "
            "times are plant-local. Printing fits the chart to the page width.</footer>\n");
    PUT(&b, "<script>\n");
    put_asset(&b, cs_asset_report_js, cs_asset_report_js_len);
    PUT(&b, "</script>\n");
    put(&b, "</body></html>\n");
    cs_output_late_ctx_free(own);
    return cs_output_buf_finish(&b);
}
