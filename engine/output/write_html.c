/* write_html.c -- report.html: one self-contained page for planners (inline CSS, an inline
 * SVG Gantt chart and a few lines of inline script to sort the order table; nothing is
 * fetched). Every plan.csv row becomes one element carrying data-block="KIND", so tests can
 * count blocks in the rendered page. The chart widens with the number of blocks per line so
 * that labels stay legible; the page then scrolls sideways inside the chart frame. */
#include "output/output.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    LABEL_W = 170,  /* line names left of the chart */
    AXIS_H = 46,    /* date row and hour row */
    ROW_H = 46,
    BAR_Y = 7,      /* bar offset inside a row; changeover minutes stand below the bar */
    BAR_H = 24,
    MIN_CHART_W = 1090,
    MAX_CHART_W = 9000,
    PX_PER_BLOCK = 80 /* the chart is at least this wide per production block of the busiest line */
};

static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
    "#9c755f", "#ff9da7", "#86bcb6", "#a0cbe8", "#8cd17d", "#d4a6c8",
};
enum { N_PALETTE = (int)(sizeof palette / sizeof palette[0]) };
static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const day_names[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };

typedef struct {
    const cosched_scenario *sc;
    const cosched_plan *p;
    cs_output_buf *b;
    int32_t t0, t1; /* the chart's time range */
    double ppm;     /* pixels per minute */
    int label_line; /* line and right end of the last changeover label, to avoid overlaps */
    double label_end;
    int *part;      /* [n_blocks] 1-based part number of a production block of its order */
    int *n_parts;   /* [n_orders] production blocks of the order (divided by max_batch,
                     * cleanings or split) */
    cs_late_ctx *late;
} chart;

static void put(cs_output_buf *b, const char *s)
{
    cs_output_buf_str(b, s);
}

static void put_n(cs_output_buf *b, const char *s, size_t n)
{
    cs_output_buf_add(b, s, n);
}

/* A string literal, without measuring it at run time. */
#define PUT(b, lit) put_n((b), (lit), sizeof(lit) - 1)

static void esc(cs_output_buf *b, const char *s)
{
    cs_output_buf_html(b, s);
}

static void put_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at)
{
    cs_output_buf_datetime(b, sc->horizon_epoch_min + at, ' ');
}

static void put_long(cs_output_buf *b, long long v)
{
    cs_output_buf_long(b, v);
}

/* "%.1f", the precision of every coordinate */
static void put_f1(cs_output_buf *b, double v)
{
    cs_output_buf_fixed(b, v, 1);
}

/* "1,234" or "1,234.5": grouped digits read faster on a KPI card. */
static void put_number(cs_output_buf *b, double v)
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

static void put_duration(cs_output_buf *b, int64_t minutes)
{
    if (minutes < 60)
        cs_output_buf_printf(b, "%lld min", (long long)minutes);
    else if (minutes < 48 * 60)
        cs_output_buf_printf(b, "%lld h %02lld min", (long long)(minutes / 60),
                             (long long)(minutes % 60));
    else
        cs_output_buf_printf(b, "%.1f days", (double)minutes / 1440.0);
}

static const char *family_colour(const cosched_scenario *sc, int product)
{
    if (product < 0 || product >= sc->n_products)
        return "#9aa5b1";
    int f = sc->products[product].family;
    /* Products without a family get a colour of their own, after the families'. */
    int k = f >= 0 ? f : sc->n_families + product;
    return palette[k % N_PALETTE];
}

static const char *family_name(const cosched_scenario *sc, int product)
{
    if (product < 0 || product >= sc->n_products || sc->products[product].family < 0)
        return NULL;
    return sc->families[sc->products[product].family];
}

static double xpos(const chart *c, int32_t t)
{
    return LABEL_W + (double)(t - c->t0) * c->ppm;
}

static bool order_late(const cosched_plan *p, int o)
{
    return p->orders[o].scheduled && p->orders[o].tardiness > 0;
}

/* ---- KPI cards ---- */

static void card_begin(cs_output_buf *b, const char *label, const char *cls)
{
    cs_output_buf_printf(b, "<div class=\"card%s%s\"><div class=\"k\">", cls ? " " : "",
                         cls ? cls : "");
    put(b, label);
    put(b, "</div><div class=\"v\">");
}

static void card_end(cs_output_buf *b, const char *sub_open)
{
    put(b, "</div>");
    if (sub_open != NULL)
        put(b, sub_open);
    put(b, "</div>\n");
}

/* What the objective is made of: each term that adds something, its share as a bar, and
 * with priorities the levels in their order (a planner reads ranks, not the weighted sum). */
static void write_terms_card(cs_output_buf *b, const cosched_scenario *sc,
                             const cosched_plan *p)
{
    card_begin(b, "Objective made of", "wide");
    put(b, "</div><div class=\"util terms\" data-terms=\"1\">");
    for (int t = 0; t < CS_N_TERMS; t++) {
        double c = cs_term_contribution(&sc->set, &p->kpis, (cs_term)t);
        if (c == 0.0)
            continue;
        double share = p->objective > 0.0 ? c / p->objective : 0.0;
        put(b, "<div class=\"u\" data-term=\"");
        put(b, cs_term_names[t]);
        put(b, "\"><span class=\"ul\">");
        for (const char *q = cs_term_names[t]; *q != '\0'; q++)
            put_n(b, *q == '_' ? " " : q, 1);
        cs_output_buf_printf(b, "</span><span class=\"ub\"><i style=\"width:%.1f%%\"></i></span>"
                                "<span class=\"uv\">%.0f%%</span></div>",
                             fmin(100.0, fmax(0.0, 100.0 * share)), 100.0 * share);
    }
    if (sc->set.n_levels > 0) {
        put(b, "<div class=\"s\" data-levels=\"1\">priorities: ");
        for (int l = 0; l < sc->set.n_levels; l++) {
            int t = sc->set.level_term[l];
            cs_output_buf_printf(b, "%s%s ", l > 0 ? " &gt; " : "", cs_level_term_name(t));
            put_number(b, cs_term_value(&p->kpis, (cs_term)t));
        }
        put(b, "</div>");
    }
    card_end(b, NULL);
}

/* Re-plan facts, when the plan starts from the plant's state or a previous plan: when it
 * starts (now), what it started from, and what stayed fixed. */
static void write_replan_card(cs_output_buf *b, const cosched_scenario *sc,
                              const cosched_plan *p)
{
    int n_running = 0;
    for (int o = 0; o < sc->n_orders; o++)
        n_running += sc->orders[o].status == CS_ORDER_IN_PROGRESS;
    if (!sc->set.has_now && p->replan == NULL && sc->n_done == 0 && n_running == 0)
        return;
    card_begin(b, "Re-plan", "wide");
    put_time(b, sc, sc->set.now_at);
    put(b, "<span class=\"unit\"> now</span></div><div class=\"s\" data-replan=\"1\">");
    if (p->replan != NULL && p->replan->previous_dir != NULL) {
        put(b, "from ");
        esc(b, p->replan->previous_dir);
        put(b, " &middot; ");
    }
    cs_output_buf_printf(b, "%d done &middot; %d in progress", sc->n_done, n_running);
    if (p->replan != NULL) {
        cs_output_buf_printf(b, " &middot; %d frozen", p->replan->n_frozen);
        if (p->replan->has_frozen_until) {
            put(b, " until ");
            put_time(b, sc, p->replan->frozen_until_at);
        }
        cs_output_buf_printf(b, " &middot; %d moved to another line", p->kpis.orders_moved);
    }
    card_end(b, NULL);
}

static void write_cards(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p)
{
    const cosched_result *r = &p->result;
    const cosched_kpis *k = &p->kpis;
    double gap;

    put(b, "<section class=\"cards\">\n");
    card_begin(b, "Objective", NULL);
    put_number(b, p->objective);
    put(b, "</div><div class=\"s\">");
    esc(b, cosched_outcome_str(r->outcome));
    if (r->method != NULL && r->method[0] != '\0') {
        put(b, " &middot; ");
        esc(b, r->method);
    }
    cs_output_buf_printf(b, " &middot; %.1f s", r->solve_seconds);
    card_end(b, NULL);

    write_terms_card(b, sc, p);

    card_begin(b, "Bound / gap", NULL);
    if (r->has_bound)
        put_number(b, r->bound);
    else
        put(b, "&ndash;");
    put(b, "</div><div class=\"s\">");
    if (cosched_plan_gap(p, &gap))
        cs_output_buf_printf(b, "gap %.1f%%", 100.0 * gap);
    else
        put(b, "gap unknown");
    if (r->has_bound && r->bound > 0.0) {
        /* What the gap means, in the planner's words: above the bound, not of the plan. */
        put(b, "<br>the best possible plan is at least ");
        put_number(b, r->bound >= 10.0 ? floor(r->bound) : r->bound); /* never rounded up */
        put(b, "; this plan is at most ");
        put_f1(b, fmax(0.0, 100.0 * (p->objective - r->bound) / r->bound));
        put(b, " % above it");
    }
    /* Where the gap lies: each weighted term's bound beside the plan's value of it. */
    static const char *const term_label[CS_N_TERMS] = {
        [CS_TERM_LATE_ORDERS] = "late orders", [CS_TERM_TARDINESS] = "tardiness", [CS_TERM_CO_MINUTES] = "changeover minutes",
        [CS_TERM_CO_COST] = "changeover cost", [CS_TERM_MAKESPAN] = "makespan",
        [CS_TERM_STABILITY] = "moves",
    };
    for (int t = 0; t < CS_N_TERMS; t++) {
        if (!p->has_term_bound[t] || cs_term_weight(&sc->set, (cs_term)t) <= 0.0)
            continue;
        put(b, "<br>");
        put(b, term_label[t]);
        put(b, " ");
        put_number(b, cs_term_value(k, (cs_term)t));
        put(b, " &ge; ");
        put_number(b, round(p->term_bound[t]));
    }
    card_end(b, NULL);

    card_begin(b, "Late orders", k->late_orders > 0 ? "bad" : "good");
    cs_output_buf_printf(b, "%d", k->late_orders);
    cs_output_buf_printf(b, "</div><div class=\"s\">of %d orders", sc->n_orders);
    card_end(b, NULL);

    card_begin(b, "Weighted tardiness", k->weighted_tardiness_minutes > 0 ? "bad" : NULL);
    put_number(b, k->weighted_tardiness_minutes);
    put(b, "</div><div class=\"s\">order weight &times; minutes late");
    card_end(b, NULL);

    card_begin(b, "Changeovers", NULL);
    cs_output_buf_printf(b, "%d", k->changeovers);
    put(b, "</div><div class=\"s\">");
    put_duration(b, k->changeover_minutes);
    if (k->changeover_cost > 0) {
        put(b, " &middot; cost ");
        put_number(b, k->changeover_cost);
    }
    if (k->cleanings > 0)
        cs_output_buf_printf(b, " &middot; %d cleanings (%lld min)", k->cleanings,
                             (long long)k->cleaning_minutes);
    card_end(b, NULL);

    card_begin(b, "Makespan", NULL);
    put_duration(b, k->makespan_minutes);
    put(b, "</div><div class=\"s\">ends ");
    put_time(b, sc, (int32_t)k->makespan_minutes);
    card_end(b, NULL);

    double sum = 0, lo = 1e300, hi = -1e300;
    for (int l = 0; l < sc->n_lines; l++) {
        sum += p->utilization[l];
        lo = fmin(lo, p->utilization[l]);
        hi = fmax(hi, p->utilization[l]);
    }
    write_replan_card(b, sc, p);

    card_begin(b, "Utilisation", sc->n_lines > 6 ? "full" : "wide");
    cs_output_buf_printf(b, "%.0f%%", sc->n_lines > 0 ? 100.0 * sum / sc->n_lines : 0.0);
    cs_output_buf_printf(b, "<span class=\"unit\"> average, %.0f&ndash;%.0f%%</span>",
                         sc->n_lines > 0 ? 100.0 * lo : 0.0, sc->n_lines > 0 ? 100.0 * hi : 0.0);
    put(b, "</div><div class=\"util\">");
    for (int l = 0; l < sc->n_lines; l++) {
        double u = p->utilization[l];
        put(b, "<div class=\"u\"><span class=\"ul\">");
        esc(b, sc->lines[l].id);
        cs_output_buf_printf(b, "</span><span class=\"ub\"><i style=\"width:%.1f%%\"></i></span>"
                                "<span class=\"uv\">%.0f%%</span></div>",
                             fmin(100.0, fmax(0.0, 100.0 * u)), 100.0 * u);
    }
    put(b, "</div>");
    card_end(b, NULL);
    put(b, "</section>\n");
}

/* ---- the Gantt chart ---- */

static void chart_range(chart *c)
{
    const cosched_plan *p = c->p;
    int32_t t1 = 60;
    int32_t t0 = 0;
    for (int i = 0; i < p->n_blocks; i++) {
        if (p->blocks[i].end_at > t1)
            t1 = p->blocks[i].end_at;
        if (p->blocks[i].start_at < t0)
            t0 = p->blocks[i].start_at;
    }
    /* Whole hours of plant time on both ends, and a little room after the last block. */
    int64_t e0 = c->sc->horizon_epoch_min + t0;
    int64_t start = e0 - (((e0 % 60) + 60) % 60);
    int64_t e1 = c->sc->horizon_epoch_min + t1 + (t1 - t0) / 50;
    int64_t end = e1 + (60 - ((e1 % 60) + 60) % 60) % 60;
    c->t0 = (int32_t)(start - c->sc->horizon_epoch_min);
    c->t1 = (int32_t)(end - c->sc->horizon_epoch_min);
    if (c->t1 <= c->t0)
        c->t1 = c->t0 + 60;

    int busiest = 0;
    int *count = cs_calloc((size_t)(c->sc->n_lines > 0 ? c->sc->n_lines : 1), sizeof *count);
    if (count != NULL) {
        for (int i = 0; i < p->n_blocks; i++) {
            if (p->blocks[i].kind == CS_BLOCK_PRODUCTION &&
                ++count[p->blocks[i].line] > busiest)
                busiest = count[p->blocks[i].line];
        }
        free(count);
    }
    double w = (double)busiest * PX_PER_BLOCK;
    w = fmax(MIN_CHART_W, fmin(MAX_CHART_W, w));
    c->ppm = w / (double)(c->t1 - c->t0);
}

static void write_defs(cs_output_buf *b)
{
    put(b, "<defs>"
           "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f3f4f6\"/>"
           "<rect width=\"2.6\" height=\"6\" fill=\"#6b7280\"/></pattern>"
           "<pattern id=\"clean\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"#ecfeff\"/>"
           "<rect width=\"2.6\" height=\"6\" fill=\"#0e7490\"/></pattern>"
           "<pattern id=\"down\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#e5e7eb\"/>"
           "<rect width=\"1\" height=\"8\" fill=\"#cbd0d6\"/></pattern>"
           "</defs>\n");
}

/* Date row and hour row, day boundaries and hour grid lines across all rows. */
static void write_axis(const chart *c, int height)
{
    cs_output_buf *b = c->b;
    static const int steps[] = { 1, 2, 3, 4, 6, 12, 24 };
    int step = 24;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if ((double)steps[i] * 60.0 * c->ppm >= 44.0) {
            step = steps[i];
            break;
        }
    }
    int64_t e0 = c->sc->horizon_epoch_min + c->t0;
    int64_t e1 = c->sc->horizon_epoch_min + c->t1;
    put(b, "<g class=\"axis\">");
    /* hour ticks: multiples of step hours of plant time */
    int64_t first = (e0 + 59) / 60 * 60;
    for (int64_t e = first; e <= e1; e += 60) {
        int hour = (int)(((e / 60) % 24 + 24) % 24);
        if (hour % step != 0 || hour == 0)
            continue;
        double x = xpos(c, (int32_t)(e - c->sc->horizon_epoch_min));
        cs_output_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                                "<text class=\"hour\" x=\"%.1f\" y=\"%d\">%02d:00</text>",
                             x, AXIS_H, x, height, x, AXIS_H - 8, hour);
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

/* A label that fits in @p w pixels, or nothing. About 6.2 px per character at 11 px. */
static void bar_label(cs_output_buf *b, double x, double y, double w, const char *a,
                      const char *bb, const char *fill)
{
    double per = 6.4;
    double need_ab = (double)(strlen(a) + (bb ? strlen(bb) + 3 : 0)) * per + 8;
    double need_a = (double)strlen(a) * per + 8;
    if (w < need_a)
        return;
    PUT(b, "<text x=\"");
    put_f1(b, x + 4);
    PUT(b, "\" y=\"");
    put_f1(b, y);
    PUT(b, "\" fill=\"");
    put(b, fill);
    PUT(b, "\">");
    esc(b, a);
    if (bb != NULL && w >= need_ab) {
        put(b, " &middot; ");
        esc(b, bb);
    }
    put(b, "</text>");
}

/* Dark or light text on a family colour, by its luminance. */
static const char *ink_for(const char *hex)
{
    unsigned r = 0, g = 0, bl = 0;
    if (strlen(hex) == 7) {
        char part[3] = { 0 };
        memcpy(part, hex + 1, 2);
        r = (unsigned)strtoul(part, NULL, 16);
        memcpy(part, hex + 3, 2);
        g = (unsigned)strtoul(part, NULL, 16);
        memcpy(part, hex + 5, 2);
        bl = (unsigned)strtoul(part, NULL, 16);
    }
    return 0.299 * r + 0.587 * g + 0.114 * bl > 150 ? "#1f2937" : "#ffffff";
}

/* "running" for an order in progress at now, "frozen" for one kept from the previous plan. */
static const char *block_state(const chart *c, const cs_block *k)
{
    if (k->kind != CS_BLOCK_PRODUCTION)
        return NULL;
    if (c->sc->orders[k->order].status == CS_ORDER_IN_PROGRESS)
        return "running";
    if (c->p->replan != NULL && c->p->replan->frozen[k->order])
        return "frozen";
    return NULL;
}

/* "A → B" inside a changeover bar wide enough for it (white behind the text, over the
 * hatching, so that it reads on paper). @return whether it was drawn. */
static bool changeover_label(cs_output_buf *b, double x, double y, double w, const char *from,
                             const char *to)
{
    double need = (double)(strlen(from) + strlen(to) + 3) * 5.6 + 8;
    if (w < need)
        return false;
    PUT(b, "<rect class=\"colbl\" x=\"");
    put_f1(b, x + w / 2 - need / 2 + 2);
    PUT(b, "\" y=\"");
    put_f1(b, y + 5);
    PUT(b, "\" width=\"");
    put_f1(b, need - 4);
    PUT(b, "\" height=\"14\"/><text class=\"cofrom\" x=\"");
    put_f1(b, x + w / 2);
    PUT(b, "\" y=\"");
    put_f1(b, y + 16);
    PUT(b, "\">");
    esc(b, from);
    PUT(b, " \xe2\x86\x92 ");
    esc(b, to);
    PUT(b, "</text>");
    return true;
}

/* The downtime windows that interrupt block @p k, drawn over its bar: a run that pauses
 * shows the pause. */
static void write_pauses(const chart *c, const cs_block *k, double y)
{
    const cs_line *ln = &c->sc->lines[k->line];
    for (int w = 0; w < ln->n_downtime; w++) {
        const cs_window *d = &ln->downtime[w];
        if (d->end_at <= k->start_at || d->start_at >= k->end_at)
            continue;
        int32_t s = d->start_at > k->start_at ? d->start_at : k->start_at;
        int32_t e = d->end_at < k->end_at ? d->end_at : k->end_at;
        cs_output_buf_printf(c->b, "<rect class=\"pause\" x=\"%.1f\" y=\"%.1f\" "
                                   "width=\"%.1f\" height=\"%d\"><title>paused: downtime ",
                             xpos(c, s), y - 2, (double)(e - s) * c->ppm, BAR_H + 4);
        put_time(c->b, c->sc, d->start_at);
        put(c->b, " \xe2\x86\x92 ");
        put_time(c->b, c->sc, d->end_at);
        put(c->b, "</title></rect>");
    }
}

static void write_block(chart *c, const cs_block *k, int row_y)
{
    cs_output_buf *b = c->b;
    const cosched_scenario *sc = c->sc;
    double x = xpos(c, k->start_at);
    double w = fmax(1.0, (double)(k->end_at - k->start_at) * c->ppm);
    double y = row_y + BAR_Y;
    const char *kind = k->kind == CS_BLOCK_PRODUCTION   ? "production"
                       : k->kind == CS_BLOCK_CHANGEOVER ? "changeover"
                                                        : "cleaning";
    const char *prod = k->product >= 0 ? sc->products[k->product].id : "";
    const char *from = k->from_product >= 0 ? sc->products[k->from_product].id : "";
    PUT(b, "<g class=\"blk ");
    put(b, kind);
    bool late = k->kind == CS_BLOCK_PRODUCTION && order_late(c->p, k->order);
    if (late)
        PUT(b, " late");
    const char *state = block_state(c, k);
    if (state != NULL) {
        PUT(b, " ");
        put(b, state);
    }
    PUT(b, "\" data-block=\"");
    put(b, kind);
    PUT(b, "\" data-line=\"");
    esc(b, sc->lines[k->line].id);
    PUT(b, "\" data-seq=\"");
    put_long(b, k->seq);
    PUT(b, "\"");
    int n_parts = 1;
    int part = 1;
    if (k->kind == CS_BLOCK_PRODUCTION) {
        PUT(b, " data-order=\"");
        esc(b, sc->orders[k->order].id);
        PUT(b, "\"");
        if (c->n_parts != NULL) {
            n_parts = c->n_parts[k->order];
            part = c->part[k - c->p->blocks];
        }
        if (n_parts > 1) {
            PUT(b, " data-part=\"");
            put_long(b, part);
            PUT(b, "/");
            put_long(b, n_parts);
            PUT(b, "\"");
        }
    }
    PUT(b, "><title>");
    if (k->kind == CS_BLOCK_PRODUCTION) {
        const cs_order *o = &sc->orders[k->order];
        const cs_order_result *r = &c->p->orders[k->order];
        esc(b, o->id);
        PUT(b, " \xe2\x80\x94 ");
        esc(b, prod);
        const char *fam = family_name(sc, k->product);
        if (fam != NULL) {
            PUT(b, " (");
            esc(b, fam);
            PUT(b, ")");
        }
        PUT(b, "\nquantity ");
        put_number(b, k->quantity);
        if (n_parts > 1) {
            PUT(b, " (part ");
            put_long(b, part);
            PUT(b, " of ");
            put_long(b, n_parts);
            PUT(b, ", order ");
            put_number(b, o->quantity);
            PUT(b, " units)");
        }
        PUT(b, " on ");
        esc(b, sc->lines[k->line].id);
        PUT(b, "\n");
        put_time(b, sc, k->start_at);
        PUT(b, " \xe2\x86\x92 ");
        put_time(b, sc, k->end_at);
        PUT(b, " (");
        put_long(b, k->minutes);
        PUT(b, " working min)\ndue ");
        put_time(b, sc, o->due_at);
        if (late) {
            PUT(b, " \xe2\x80\x94 LATE by ");
            put_long(b, r->tardiness);
            PUT(b, " min");
            const char *why = c->late != NULL ? cs_output_late_ctx_reason(c->late, k->order)
                                              : NULL;
            if (why != NULL) {
                PUT(b, "\n");
                esc(b, why);
            }
        } else {
            PUT(b, " \xe2\x80\x94 on time");
        }
    } else {
        put(b, k->kind == CS_BLOCK_CHANGEOVER ? "Changeover " : "Cleaning ");
        esc(b, from);
        if (k->kind == CS_BLOCK_CHANGEOVER) {
            PUT(b, " \xe2\x86\x92 ");
            esc(b, prod);
        }
        PUT(b, "\n");
        put_long(b, k->minutes);
        PUT(b, " working min");
        if (k->cost > 0) {
            PUT(b, ", cost ");
            put_number(b, k->cost);
        }
        PUT(b, "\n");
        put_time(b, sc, k->start_at);
        PUT(b, " \xe2\x86\x92 ");
        put_time(b, sc, k->end_at);
    }
    PUT(b, "</title>");
    bool labelled = false;
    if (k->kind == CS_BLOCK_PRODUCTION) {
        const char *fill = family_colour(sc, k->product);
        PUT(b, "<rect x=\"");
        put_f1(b, x);
        PUT(b, "\" y=\"");
        put_f1(b, y);
        PUT(b, "\" width=\"");
        put_f1(b, w);
        PUT(b, "\" height=\"");
        put_long(b, BAR_H);
        PUT(b, "\" rx=\"3\" fill=\"");
        put(b, fill);
        PUT(b, "\"/>");
        char label[96];
        if (n_parts > 1)
            snprintf(label, sizeof label, "%s %d/%d", sc->orders[k->order].id, part, n_parts);
        else
            snprintf(label, sizeof label, "%s", sc->orders[k->order].id);
        bar_label(b, x, y + 16, w, label, prod, ink_for(fill));
    } else {
        labelled = k->kind == CS_BLOCK_CHANGEOVER && changeover_label(b, x, y, w, from, prod);
        PUT(b, "<rect x=\"");
        put_f1(b, x);
        PUT(b, "\" y=\"");
        put_f1(b, y + 3);
        PUT(b, "\" width=\"");
        put_f1(b, w);
        PUT(b, "\" height=\"");
        put_long(b, BAR_H - 6);
        PUT(b, "\" fill=\"url(#");
        put(b, k->kind == CS_BLOCK_CHANGEOVER ? "hatch" : "clean");
        PUT(b, ")\"/>");
        char mins[16];
        int len = cs_output_fmt_long(mins, (long)k->minutes);
        mins[len++] = '\'';
        mins[len] = '\0';
        double half = 2.8 * len + 1;
        if (!labelled && (c->label_line != k->line || x + w / 2 - half > c->label_end)) {
            PUT(b, "<text class=\"co\" x=\"");
            put_f1(b, x + w / 2);
            PUT(b, "\" y=\"");
            put_f1(b, y + BAR_H + 11);
            PUT(b, "\">");
            put_n(b, mins, (size_t)len);
            PUT(b, "</text>");
            c->label_line = k->line;
            c->label_end = x + w / 2 + half;
        }
    }
    write_pauses(c, k, y);
    PUT(b, "</g>\n");
}

/* The frozen window of a re-plan, shaded across all lines behind the blocks. */
static void write_frozen_window(const chart *c, int y, int h)
{
    const cs_replan_info *ri = c->p->replan;
    if (ri == NULL || !ri->has_frozen_until)
        return;
    int32_t s = c->sc->set.now_at > c->t0 ? c->sc->set.now_at : c->t0;
    int32_t e = ri->frozen_until_at < c->t1 ? ri->frozen_until_at : c->t1;
    if (e <= s)
        return;
    cs_output_buf_printf(c->b, "<rect class=\"frozenwin\" data-frozen=\"1\" x=\"%.1f\" "
                               "y=\"%d\" width=\"%.1f\" height=\"%d\"><title>frozen until ",
                         xpos(c, s), y, (double)(e - s) * c->ppm, h);
    put_time(c->b, c->sc, ri->frozen_until_at);
    put(c->b, "</title></rect>\n");
}

/* A vertical line at now, over the blocks, when the plan starts later than horizon_start. */
static void write_now_line(const chart *c, int y0, int y1)
{
    if (!c->sc->set.has_now || c->sc->set.now_at < c->t0 || c->sc->set.now_at > c->t1)
        return;
    double x = xpos(c, c->sc->set.now_at);
    cs_output_buf_printf(c->b, "<g class=\"now\" data-now=\"1\"><line x1=\"%.1f\" y1=\"%d\" "
                               "x2=\"%.1f\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\">now</text>"
                               "<title>now ",
                         x, y0 - 6, x, y1, x + 3, y0 - 8);
    put_time(c->b, c->sc, c->sc->set.now_at);
    put(c->b, "</title></g>\n");
}

static void write_gantt(const cosched_scenario *sc, const cosched_plan *p, cs_output_buf *b,
                        cs_late_ctx *late_ctx)
{
    chart c = { sc, p, b, 0, 0, 0, -1, 0, NULL, NULL, late_ctx };
    chart_range(&c);
    /* Part numbers of divided orders, in plan order (lines, then seq). Without memory the
     * chart is still drawn, just without them. */
    c.part = cs_calloc((size_t)(p->n_blocks > 0 ? p->n_blocks : 1), sizeof *c.part);
    c.n_parts = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *c.n_parts);
    if (c.part == NULL || c.n_parts == NULL) {
        free(c.part);
        free(c.n_parts);
        c.part = c.n_parts = NULL;
    } else {
        for (int i = 0; i < p->n_blocks; i++)
            if (p->blocks[i].kind == CS_BLOCK_PRODUCTION)
                c.part[i] = ++c.n_parts[p->blocks[i].order];
    }
    int height = AXIS_H + sc->n_lines * ROW_H + 4;
    double width = xpos(&c, c.t1) + 12;

    put(b, "<section class=\"panel\"><h2>Schedule</h2>\n<div class=\"legend\">");
    for (int f = 0; f < sc->n_families && f < 24; f++) {
        put(b, "<span><i style=\"background:");
        put(b, palette[f % N_PALETTE]);
        put(b, "\"></i>");
        esc(b, sc->families[f]);
        put(b, "</span>");
    }
    put(b, "<span><i class=\"lg-co\"></i>changeover (minutes)</span>");
    if (p->kpis.cleanings > 0)
        put(b, "<span><i class=\"lg-clean\"></i>cleaning (minutes)</span>");
    put(b, "<span><i class=\"lg-down\"></i>downtime</span>"
           "<span><i class=\"lg-due\"></i>due date</span>"
           "<span><i class=\"lg-late\"></i>late order</span>");
    if (cs_scenario_has_in_progress(sc))
        put(b, "<span><i class=\"lg-running\"></i>in progress at now</span>");
    if (p->replan != NULL && p->replan->n_frozen > 0)
        put(b, "<span><i class=\"lg-frozen\"></i>frozen</span>");
    put(b, "</div>\n<div class=\"zoom noprint\">Zoom: <button type=\"button\" data-z=\"fit\">"
           "Fit to width</button><button type=\"button\" data-z=\"out\">&minus;</button>"
           "<button type=\"button\" data-z=\"in\">+</button><button type=\"button\" "
           "data-z=\"1\">100%</button></div>\n");
    cs_output_buf_printf(b, "<div class=\"gantt\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                            "width=\"%.0f\" height=\"%d\" viewBox=\"0 0 %.0f %d\" "
                            "role=\"img\" aria-label=\"Gantt chart\">\n",
                         width, height, width, height);
    write_defs(b);
    for (int l = 0; l < sc->n_lines; l++) {
        int y = AXIS_H + l * ROW_H;
        cs_output_buf_printf(b, "<rect class=\"row%s\" x=\"0\" y=\"%d\" width=\"%.0f\" "
                                "height=\"%d\"/>",
                             l % 2 ? " odd" : "", y, width, ROW_H);
    }
    write_axis(&c, height - 4);
    for (int l = 0; l < sc->n_lines; l++) {
        const cs_line *line = &sc->lines[l];
        int y = AXIS_H + l * ROW_H;
        put(b, "<g class=\"down\">");
        if (line->available_at > c.t0) {
            cs_output_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                                    "<title>",
                                 LABEL_W, y + 2, xpos(&c, line->available_at) - LABEL_W,
                                 ROW_H - 4);
            esc(b, line->id);
            put(b, " not available before ");
            put_time(b, sc, line->available_at);
            put(b, "</title></rect>");
        }
        for (int w = 0; w < line->n_downtime; w++) {
            int32_t s = line->downtime[w].start_at, e = line->downtime[w].end_at;
            if (e <= c.t0 || s >= c.t1)
                continue;
            s = s < c.t0 ? c.t0 : s;
            e = e > c.t1 ? c.t1 : e;
            cs_output_buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                                    "<title>downtime ",
                                 xpos(&c, s), y + 2, (double)(e - s) * c.ppm, ROW_H - 4);
            put_time(b, sc, line->downtime[w].start_at);
            put(b, " \xe2\x86\x92 ");
            put_time(b, sc, line->downtime[w].end_at);
            put(b, "</title></rect>");
        }
        put(b, "</g>\n");
        /* the line's label, with its name and utilisation */
        cs_output_buf_printf(b, "<text class=\"lid\" x=\"10\" y=\"%d\">", y + 20);
        esc(b, line->id);
        cs_output_buf_printf(b, "</text><text class=\"lsub\" x=\"10\" y=\"%d\">%.0f%% busy",
                             y + 34, 100.0 * p->utilization[l]);
        if (line->name != NULL && line->name[0] != '\0') {
            put(b, "<title>");
            esc(b, line->name);
            put(b, "</title>");
        }
        put(b, "</text>\n");
    }
    /* due dates, before the blocks so that a late order's due line runs behind its bar: a
     * tick at the top of the row of the line that makes the order */
    put(b, "<g class=\"dues\">");
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind != CS_BLOCK_PRODUCTION || p->orders[k->order].end_at != k->end_at)
            continue;
        int32_t due = sc->orders[k->order].due_at;
        if (due > c.t1)
            continue;
        double x = xpos(&c, due < c.t0 ? c.t0 : due);
        int y = AXIS_H + k->line * ROW_H + 1;
        bool late = order_late(p, k->order);
        PUT(b, "<path class=\"");
        put(b, late ? "due late" : "due");
        PUT(b, "\" d=\"M");
        put_f1(b, x);
        PUT(b, " ");
        put_long(b, y);
        PUT(b, " l-4 -0 l4 6 l4 -6 z\"><title>");
        esc(b, sc->orders[k->order].id);
        PUT(b, " due ");
        put_time(b, sc, sc->orders[k->order].due_at);
        put(b, late ? " (late)" : "");
        PUT(b, "</title></path>");
        if (late) {
            PUT(b, "<line class=\"dueline\" x1=\"");
            put_f1(b, x);
            PUT(b, "\" y1=\"");
            put_long(b, y + 6);
            PUT(b, "\" x2=\"");
            put_f1(b, x);
            PUT(b, "\" y2=\"");
            put_long(b, y + ROW_H - 4);
            PUT(b, "\"/>");
        }
    }
    put(b, "</g>\n");
    write_frozen_window(&c, AXIS_H, height - 4 - AXIS_H);
    for (int i = 0; i < p->n_blocks; i++)
        write_block(&c, &p->blocks[i], AXIS_H + p->blocks[i].line * ROW_H);
    write_now_line(&c, AXIS_H, height - 4);
    put(b, "</svg></div></section>\n");
    free(c.part);
    free(c.n_parts);
}

/* ---- changeovers and cleanings as text (a printed chart has no hover titles) ---- */

static void write_changeover_table(const cosched_scenario *sc, const cosched_plan *p,
                                   cs_output_buf *b)
{
    if (p->kpis.changeovers == 0 && p->kpis.cleanings == 0)
        return;
    put(b, "<section class=\"panel\"><h2>Changeovers and cleanings</h2>\n"
           "<table class=\"cos\"><thead><tr><th>Line</th><th>Start</th><th>End</th>"
           "<th>What</th><th>From</th><th>To</th><th class=\"num\">Minutes</th>"
           "<th class=\"num\">Cost</th></tr></thead><tbody>\n");
    for (int i = 0; i < p->n_blocks; i++) {
        const cs_block *k = &p->blocks[i];
        if (k->kind == CS_BLOCK_PRODUCTION)
            continue;
        PUT(b, "<tr data-co=\"");
        esc(b, sc->lines[k->line].id);
        PUT(b, ":");
        put_long(b, k->seq);
        PUT(b, "\"><td>");
        esc(b, sc->lines[k->line].id);
        PUT(b, "</td><td>");
        put_time(b, sc, k->start_at);
        PUT(b, "</td><td>");
        put_time(b, sc, k->end_at);
        PUT(b, "</td><td>");
        put(b, k->kind == CS_BLOCK_CHANGEOVER ? "changeover" : "cleaning");
        PUT(b, "</td><td>");
        esc(b, k->from_product >= 0 ? sc->products[k->from_product].id : "");
        PUT(b, "</td><td>");
        esc(b, k->product >= 0 ? sc->products[k->product].id : "");
        PUT(b, "</td><td class=\"num\">");
        put_long(b, k->minutes);
        PUT(b, "</td><td class=\"num\">");
        put_number(b, k->cost);
        PUT(b, "</td></tr>\n");
    }
    put(b, "</tbody></table></section>\n");
}

/* ---- the order table ---- */

static void td_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at, bool present)
{
    if (!present) {
        PUT(b, "<td data-v=\"\"></td>");
        return;
    }
    PUT(b, "<td data-v=\"");
    put_long(b, at);
    PUT(b, "\">");
    put_time(b, sc, at);
    PUT(b, "</td>");
}

/* The lines that make order @p o, in plan order, separated by '|' as in order_schedule.csv. */
static void put_order_lines(cs_output_buf *b, const cosched_scenario *sc,
                            const cs_order_lines *ol, int o)
{
    for (int j = ol->first[o]; j < ol->first[o + 1]; j++) {
        if (j > ol->first[o])
            put(b, "|");
        esc(b, sc->lines[ol->used[j]].id);
    }
}

typedef struct {
    int32_t tardiness;
    int32_t start_at;
    int order;
} table_key;

static int table_key_cmp(const void *a, const void *b)
{
    const table_key *x = a;
    const table_key *y = b;
    if (x->tardiness != y->tardiness)
        return x->tardiness > y->tardiness ? -1 : 1;
    if (x->start_at != y->start_at)
        return x->start_at < y->start_at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static void write_table(const cosched_scenario *sc, const cosched_plan *p, cs_output_buf *b,
                        cs_late_ctx *late_ctx)
{
    int *rank = cs_calloc((size_t)(sc->n_orders > 0 ? sc->n_orders : 1), sizeof *rank);
    if (rank == NULL) {
        b->failed = true;
        return;
    }
    /* Late orders first, most tardy first; then by start (then scenario order). */
    int n = sc->n_orders;
    table_key *keys = cs_calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
    if (keys == NULL) {
        free(rank);
        b->failed = true;
        return;
    }
    for (int o = 0; o < n; o++)
        keys[o] = (table_key){p->orders[o].tardiness, p->orders[o].start_at, o};
    qsort(keys, (size_t)n, sizeof *keys, table_key_cmp);
    for (int i = 0; i < n; i++)
        rank[i] = keys[i].order;
    free(keys);
    cs_order_lines ol;
    if (cs_output_order_lines(sc, p, &ol) != COSCHED_OK) {
        free(rank);
        b->failed = true;
        return;
    }

    put(b, "<section class=\"panel\"><h2>Orders</h2>\n<p class=\"hint\">Click a column "
           "heading to sort. Late orders are listed first, with the reason they are late.</p>\n"
           "<table id=\"orders\"><thead><tr>"
           "<th data-t=\"s\">Order</th><th data-t=\"s\">Product</th><th data-t=\"s\">Family</th>"
           "<th data-t=\"n\" class=\"num\">Quantity</th><th data-t=\"s\">Line</th>"
           "<th data-t=\"n\">Start</th><th data-t=\"n\">End</th><th data-t=\"n\">Due</th>"
           "<th data-t=\"n\" class=\"num\">Late (min)</th><th data-t=\"n\" class=\"num\">"
           "Weight</th><th data-t=\"s\">Why late</th></tr></thead><tbody>\n");
    for (int i = 0; i < n; i++) {
        int o = rank[i];
        const cs_order *ord = &sc->orders[o];
        const cs_order_result *r = &p->orders[o];
        bool late = order_late(p, o);
        put(b, late ? "<tr class=\"late\" data-order=\"" : "<tr data-order=\"");
        esc(b, ord->id);
        PUT(b, "\"><td>");
        esc(b, ord->id);
        PUT(b, "</td><td>");
        esc(b, sc->products[ord->product].id);
        PUT(b, "</td><td>");
        const char *fam = family_name(sc, ord->product);
        if (fam != NULL) {
            PUT(b, "<i class=\"sw\" style=\"background:");
            put(b, family_colour(sc, ord->product));
            PUT(b, "\"></i>");
            esc(b, fam);
        }
        PUT(b, "</td><td class=\"num\" data-v=\"");
        cs_output_buf_g17(b, ord->quantity);
        PUT(b, "\">");
        put_number(b, ord->quantity);
        PUT(b, "</td><td>");
        put_order_lines(b, sc, &ol, o);
        PUT(b, "</td>");
        td_time(b, sc, r->start_at, r->scheduled);
        td_time(b, sc, r->end_at, r->scheduled);
        td_time(b, sc, ord->due_at, true);
        PUT(b, "<td class=\"num\" data-v=\"");
        put_long(b, r->tardiness);
        PUT(b, "\">");
        if (late) {
            PUT(b, "<span class=\"pill\">");
            put_long(b, r->tardiness);
            PUT(b, "</span>");
        } else {
            PUT(b, "0");
        }
        PUT(b, "</td><td class=\"num\" data-v=\"");
        cs_output_buf_g17(b, ord->weight);
        PUT(b, "\">");
        put_number(b, ord->weight);
        PUT(b, "</td><td class=\"why\">");
        if (late) {
            const char *why = cs_output_late_ctx_reason(late_ctx, o);
            if (why == NULL)
                b->failed = true;
            esc(b, why);
        }
        PUT(b, "</td></tr>\n");
    }
    put(b, "</tbody></table></section>\n");
    cs_output_order_lines_free(&ol);
    free(rank);
}

/* Two pieces: ISO C only promises string literals of 4095 bytes. */
static const char style_page[] =
    "<style>\n"
    ":root{--ink:#1f2937;--mute:#6b7280;--line:#e5e7eb;--bad:#dc2626;--good:#15803d}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;padding:24px 28px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',"
    "Roboto,'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:var(--ink);"
    "background:#f5f6f8}\n"
    "header{display:flex;align-items:baseline;gap:16px;flex-wrap:wrap;margin-bottom:16px}\n"
    "h1{font-size:22px;margin:0;font-weight:650}\n"
    "h2{font-size:15px;margin:0 0 10px;font-weight:650}\n"
    ".meta{color:var(--mute)}\n"
    ".badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;"
    "font-weight:600;background:#e0e7ff;color:#3730a3;text-transform:uppercase;"
    "letter-spacing:.04em}\n"
    ".badge.optimal{background:#dcfce7;color:#166534}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;"
    "margin-bottom:16px}\n"
    ".card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px;"
    "box-shadow:0 1px 2px rgba(0,0,0,.04)}\n"
    ".card.wide{grid-column:span 2}.card.full{grid-column:1/-1}\n"
    ".card .k{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--mute);"
    "font-weight:600}\n"
    ".card .v{font-size:24px;font-weight:650;margin-top:2px;font-variant-numeric:tabular-nums}\n"
    ".card .s,.unit{font-size:12px;color:var(--mute);font-weight:400}\n"
    ".card.bad .v{color:var(--bad)}.card.good .v{color:var(--good)}\n"
    ".util{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));"
    "gap:2px 14px;margin-top:6px}\n"
    ".u{display:flex;align-items:center;gap:6px;font-size:12px}\n"
    ".ul{width:52px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
    ".util.terms{grid-template-columns:1fr}.util.terms .ul{width:140px}\n"
    ".ub{flex:1;height:7px;background:#eef0f3;border-radius:4px;overflow:hidden}\n"
    ".ub i{display:block;height:100%;background:#4e79a7}\n"
    ".uv{width:34px;text-align:right;color:var(--mute);font-variant-numeric:tabular-nums}\n"
    ".panel{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;"
    "margin-bottom:16px}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:12px;color:var(--mute);"
    "margin-bottom:8px}\n"
    ".legend i{display:inline-block;width:14px;height:10px;border-radius:2px;"
    "margin-right:5px;vertical-align:-1px}\n"
    ".legend .lg-co{background:repeating-linear-gradient(45deg,#6b7280 0 2px,#f3f4f6 2px 4px)}\n"
    ".legend .lg-clean{background:repeating-linear-gradient(-45deg,#0e7490 0 2px,#ecfeff 2px "
    "4px)}\n"
    ".legend .lg-down{background:#e5e7eb;border:1px solid #cbd0d6}\n"
    ".legend .lg-due{width:0;height:0;border-left:5px solid transparent;border-right:5px solid "
    "transparent;border-top:7px solid #111827;border-radius:0}\n"
    ".legend .lg-late{background:#fff;border:2px solid var(--bad)}\n"
    ".legend .lg-running{background:#fff;border:2px solid #1d4ed8}\n"
    ".legend .lg-frozen{background:#dbeafe;border:1px dashed #1e3a8a}\n";
static const char style_chart[] =
    ".gantt{overflow-x:auto;border:1px solid var(--line);border-radius:6px}\n"
    "svg{display:block;font-size:11px}\n"
    "svg .row{fill:#fff}svg .row.odd{fill:#fafbfc}\n"
    "svg .grid{stroke:#eef0f3}svg .day{stroke:#c4c9d0}svg .base{stroke:#9ca3af}\n"
    "svg .date{font-weight:600;text-anchor:middle;fill:#374151;font-size:12px}\n"
    "svg .hour{text-anchor:middle;fill:#9ca3af;font-size:10px}\n"
    "svg .down rect{fill:url(#down)}\n"
    "svg .lid{font-weight:600;font-size:12.5px;fill:#111827}\n"
    "svg .lsub{font-size:10.5px;fill:#6b7280}\n"
    "svg .blk rect{stroke:rgba(0,0,0,.18);stroke-width:.6}\n"
    "svg .blk.late rect{stroke:var(--bad);stroke-width:2.2}\n"
    "svg .blk text{pointer-events:none;font-size:10.5px;font-weight:500}\n"
    "svg .blk text.co{fill:#4b5563;font-size:9.5px;text-anchor:middle}\n"
    "svg .blk:hover rect{filter:brightness(1.1);stroke:#111827;stroke-width:1.5}\n"
    "svg .due{fill:#111827}svg .due.late{fill:var(--bad)}\n"
    "svg .dueline{stroke:var(--bad);stroke-width:1.2;stroke-dasharray:3 2}\n"
    "svg .blk.running rect{stroke:#1d4ed8;stroke-width:2.4}\n"
    "svg .blk.frozen rect{stroke:#1e3a8a;stroke-width:1.4;stroke-dasharray:4 2}\n"
    "svg .frozenwin{fill:#dbeafe;opacity:.45}\n"
    "svg .now line{stroke:#1d4ed8;stroke-width:2}\n"
    "svg .now text{fill:#1d4ed8;font-weight:700;font-size:11px}\n"
    ".hint{color:var(--mute);font-size:12px;margin:-4px 0 8px}\n"
    "table{border-collapse:collapse;width:100%;font-size:12.5px}\n"
    "th{position:sticky;top:0;background:#f9fafb;text-align:left;font-weight:600;"
    "padding:7px 8px;border-bottom:1px solid #d1d5db;cursor:pointer;white-space:nowrap;"
    "user-select:none}\n"
    "th::after{content:' \\2195';color:#c0c5cc;font-size:11px}\n"
    "th.asc::after{content:' \\25B2';color:var(--ink)}th.desc::after{content:' \\25BC';"
    "color:var(--ink)}\n"
    "td{padding:5px 8px;border-bottom:1px solid #f0f1f3;white-space:nowrap;"
    "font-variant-numeric:tabular-nums}\n"
    "td.why{white-space:normal;color:#7f1d1d;min-width:280px}\n"
    "tr:hover td{background:#f9fafb}\n"
    "tr.late td:first-child{border-left:3px solid var(--bad);font-weight:600}\n"
    ".warnings{border-left:4px solid var(--bad)}.warnings li{margin:4px 0}\n"
    ".num{text-align:right}\n"
    ".pill{background:#fee2e2;color:#991b1b;border-radius:999px;padding:1px 8px;"
    "font-weight:600}\n"
    ".sw{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:6px}\n"
    "footer{color:var(--mute);font-size:12px}\n"
    "</style>\n";

/* Screen zoom controls, pauses and changeover labels; on paper the chart is fitted to the
 * page width (the viewBox scales it), nothing scrolls, and tables wrap. */
static const char style_print[] =
    "<style>\n"
    ".zoom{font-size:12px;color:var(--mute);margin:0 0 6px}\n"
    ".zoom button{font:inherit;margin-left:4px;padding:1px 8px;border:1px solid #d1d5db;"
    "border-radius:4px;background:#fff;cursor:pointer}\n"
    "svg .pause{fill:url(#down);stroke:#9ca3af;stroke-width:.6}\n"
    "svg .colbl{fill:#fff;opacity:.9}\n"
    "svg .blk text.cofrom{fill:#111827;font-size:9.5px;text-anchor:middle}\n"
    "table.cos td{white-space:nowrap}\n"
    "@page{size:A4 landscape;margin:10mm}\n"
    "@media print{"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{background:#fff;padding:0;font-size:11px}"
    ".noprint,.hint{display:none}"
    ".panel,.card{box-shadow:none}"
    ".panel{padding:8px 10px;margin-bottom:10px}"
    ".gantt{overflow:visible;border:none;break-inside:avoid}"
    ".gantt svg{width:100%!important;height:auto!important}"
    "table{font-size:10px}"
    "th{position:static;cursor:auto;white-space:normal}th::after{content:none!important}"
    "td,table.cos td{white-space:normal}td:first-child{white-space:nowrap}"
    "td.why{overflow-wrap:anywhere}"
    "td.why{min-width:0}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "}\n"
    "</style>\n";

/* Sorting by a column; cells carry data-v with a sortable value where text would not do. */
static const char script[] =
    "<script>\n"
    "(function(){var t=document.getElementById('orders');if(!t)return;"
    "var hs=t.tHead.rows[0].cells;"
    "for(var i=0;i<hs.length;i++)(function(c,th){th.addEventListener('click',function(){"
    "var asc=!th.classList.contains('asc');"
    "for(var k=0;k<hs.length;k++)hs[k].classList.remove('asc','desc');"
    "th.classList.add(asc?'asc':'desc');var num=th.getAttribute('data-t')==='n';"
    "var rows=Array.prototype.slice.call(t.tBodies[0].rows);"
    "function val(r){var d=r.cells[c];var v=d.getAttribute('data-v');"
    "if(v===null)v=d.textContent;return num?(v===''?Infinity:parseFloat(v)):v;}"
    "rows.sort(function(a,b){var x=val(a),y=val(b);"
    "var r=num?(x-y||0):String(x).localeCompare(String(y),undefined,{numeric:true});"
    "return asc?r:-r;});"
    "rows.forEach(function(r){t.tBodies[0].appendChild(r);});});})(i,hs[i]);})();\n"
    "(function(){var g=document.querySelector('.gantt svg');if(!g)return;"
    "var W=+g.getAttribute('width'),H=+g.getAttribute('height'),z=1;"
    "function set(v){z=Math.max(0.05,Math.min(4,v));g.style.width=(W*z)+'px';"
    "g.style.height=(H*z)+'px';}"
    "var bs=document.querySelectorAll('.zoom button');"
    "for(var i=0;i<bs.length;i++)bs[i].addEventListener('click',function(){"
    "var k=this.getAttribute('data-z');"
    "if(k==='fit')set(g.parentNode.clientWidth/W);else if(k==='in')set(z*1.25);"
    "else if(k==='out')set(z/1.25);else set(1);});})();\n"
    "</script>\n";

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
    put(&b, style_page);
    put(&b, style_chart);
    put(&b, style_print);
    put(&b, "</head><body>\n<header><h1>Production plan \xe2\x80\x94 ");
    esc(&b, title);
    cs_output_buf_printf(&b, "</h1><span class=\"badge %s\">%s</span><span class=\"meta\">",
                         cosched_outcome_str(p->result.outcome),
                         cosched_outcome_str(p->result.outcome));
    cs_output_buf_printf(&b, "%d orders on %d lines &middot; horizon from ", sc->n_orders,
                         sc->n_lines);
    put_time(&b, sc, 0);
    put(&b, "</span></header>\n");
    write_cards(&b, sc, p);
    write_warnings(&b, sc, p);
    write_gantt(sc, p, &b, late);
    write_table(sc, p, &b, late);
    write_changeover_table(sc, p, &b);
    put(&b, "<footer>Written by cosched " COSCHED_VERSION ". Hover a block for its details; "
            "times are plant-local. Printing fits the chart to the page width.</footer>\n");
    put(&b, script);
    put(&b, "</body></html>\n");
    cs_output_late_ctx_free(own);
    return cs_output_buf_finish(&b);
}
