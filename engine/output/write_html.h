/* write_html.h -- what the parts of report.html share (write_html*.c only): the output
 * shorthands, the colours, the chart's geometry and the sections each file writes. The page
 * skeleton is write_html.c, the KPI cards write_html_cards.c, the Gantt chart
 * write_html_gantt.c (frame, axis, rows) and write_html_blocks.c (one plan block), the
 * tables write_html_tables.c, the EDD comparison and run record write_html_run.c; the
 * stylesheet and script are engine/output/assets/, embedded
 * at build time (cmake/embed_assets.cmake). */
#ifndef CS_WRITE_HTML_H
#define CS_WRITE_HTML_H

#include "output/output.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    LABEL_W = 170,  /* line names left of the chart */
    AXIS_H = 46,    /* date row and hour row */
    ROW_H = 54,
    DUE_H = 13,     /* the due lane at the top of a row: markers, order names, whiskers */
    BAR_Y = 15,     /* bar offset inside a row; changeover minutes stand below the bar */
    BAR_H = 24,
    MIN_CHART_W = 1090,
    MAX_CHART_W = 9000,
    PX_PER_BLOCK = 80, /* the chart is at least this wide per production block of the busiest line */
    CREW_ROW_H = 34
};
/* Width of a character of a due marker's label (9 px type), to keep labels apart. */
#define DUE_CHAR_W 5.3
/* Width of the chart on an A4 landscape page in CSS pixels (277 mm less the panel's
 * padding), to choose the printed time scale. */
#define PRINT_WIDTH_PX 1000.0

/* The embedded assets (generated from engine/output/assets/ by cmake/embed_assets.cmake). */
extern const unsigned char cs_asset_report_css[];
extern const size_t cs_asset_report_css_len;
extern const unsigned char cs_asset_report_print_css[];
extern const size_t cs_asset_report_print_css_len;
extern const unsigned char cs_asset_report_js[];
extern const size_t cs_asset_report_js_len;

typedef struct {
    char hex[8]; /* "#rrggbb" */
} cs_html_colour;

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
    const cs_html_colour *shades; /* [n_products] */
} chart;

static inline void put(cs_output_buf *b, const char *s)
{
    cs_output_buf_str(b, s);
}

static inline void put_n(cs_output_buf *b, const char *s, size_t n)
{
    cs_output_buf_add(b, s, n);
}

/* A string literal, without measuring it at run time. */
#define PUT(b, lit) put_n((b), (lit), sizeof(lit) - 1)

static inline void esc(cs_output_buf *b, const char *s)
{
    cs_output_buf_html(b, s);
}

static inline void put_time(cs_output_buf *b, const cosched_scenario *sc, int32_t at)
{
    cs_output_buf_datetime(b, sc->horizon_epoch_min + at, ' ');
}

static inline void put_long(cs_output_buf *b, long long v)
{
    cs_output_buf_long(b, v);
}

/* "%.1f", the precision of every coordinate */
static inline void put_f1(cs_output_buf *b, double v)
{
    cs_output_buf_fixed(b, v, 1);
}

static inline double xpos(const chart *c, int32_t t)
{
    return LABEL_W + (double)(t - c->t0) * c->ppm;
}

/* "1,234" or "1,234.5": grouped digits read faster on a KPI card. */
void cs_html_number(cs_output_buf *b, double v);
/* "45 min", "3 h 05 min" or "2.5 days" */
void cs_html_duration(cs_output_buf *b, int64_t minutes);
/* Each product's own shade of its family's hue, light to dark as the changeover matrix
 * runs (see lightness_score); [n_products], to free; NULL on ENOMEM. */
cs_html_colour *cs_html_shades(const cosched_scenario *sc);
/* The fill of @p product's bars; grey for no product (or no @p shades). */
cs_html_colour cs_html_product_colour(const cs_html_colour *shades, int product);
/* The colour of family @p f in the legend. */
const char *cs_html_family_colour(int f);
/* @p product's family name, or NULL */
const char *cs_html_family_name(const cosched_scenario *sc, int product);
bool cs_html_order_late(const cosched_plan *p, int o);

/* The sections, in page order. */
void cs_html_cards(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p);
/* The earliest-due-date rule's figures beside the plan's, when the plan has them
 * (write_html_run.c). */
void cs_html_edd_card(cs_output_buf *b, const cosched_plan *p);
/* The run record and whether the plan is repeatable, for the footer (write_html_run.c). */
void cs_html_run_record(cs_output_buf *b, const cosched_scenario *sc, const cosched_plan *p);
void cs_html_gantt(const cosched_scenario *sc, const cosched_plan *p,
                   const cs_html_colour *shades, cs_output_buf *b, cs_late_ctx *late_ctx);
void cs_html_order_table(const cosched_scenario *sc, const cosched_plan *p,
                         const cs_html_colour *shades, cs_output_buf *b, cs_late_ctx *late_ctx);
void cs_html_changeover_table(const cosched_scenario *sc, const cosched_plan *p,
                              cs_output_buf *b);
/* The time scale over rows down to @p height (write_html_axis.c). */
void cs_html_axis(const chart *c, int height);
/* "hour", "h2", "shift" or "day": the level of hour labels legible at @p px_per_hour. */
const char *cs_html_scale_for(double px_per_hour);
/* The due-date markers, in the due lane of each line's row (write_html_marks.c). */
void cs_html_dues(const chart *c);
/* Which cleaning crew does each changeover and cleaning, with settings cleaning_crews > 0. */
typedef struct {
    int *crew;  /* [n_blocks] 0-based crew of a block, -1 for production (NULL: no crews) */
    int n_rows; /* crews the plan uses at once at most */
} cs_html_crews;
cosched_status cs_html_crews_assign(const cosched_scenario *sc, const cosched_plan *p,
                                    cs_html_crews *out);
void cs_html_crews_free(cs_html_crews *cr);
/* The crews' rows below the lines (none without limited crews): their backgrounds, their
 * labels, and their blocks with each line's waits for a crew on its own row. */
void cs_html_crew_backgrounds(const chart *c, const cs_html_crews *cr);
void cs_html_crew_labels(const chart *c, const cs_html_crews *cr);
void cs_html_crew_blocks(const chart *c, const cs_html_crews *cr);
/* One plan block of the chart in the row starting at @p row_y. */
void cs_html_block(chart *c, const cs_block *k, int row_y);

#endif
