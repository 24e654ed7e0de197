/* cs_generate.c -- seeded generator of realistic cosmetics plant scenarios for tests and
 * benchmarks: lipstick shades (light to dark is a short wipe, dark to light a long wash),
 * creams with allergen products that need sanitation afterwards, shampoos; lipstick lines and
 * fillers with eligibility and different speeds; night shifts off, maintenance windows,
 * releases, and due dates set from the work ahead so that the plant runs at about 80 % load.
 * With --extensions it adds the contract's extensions: sanitation intervals on the fillers,
 * a limit on cleaning crews, mixing-vessel batch limits for creams and splittable big orders.
 * The same arguments give byte-identical files on every platform (own PRNG, integer maths
 * where the output depends on it). */
#include "cosched_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HORIZON_START "2027-03-01T06:00" /* a Monday, morning shift */
#define MAX_ORDERS 100000
#define MAX_LINES 200
#define TARGET_LOAD_PCT 80

/* ---- PRNG: splitmix64, so a seed means the same scenario everywhere ---- */

typedef struct {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform integer in [lo, hi]. */
static long rng_range(rng *r, long lo, long hi)
{
    return lo + (long)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability pct / 100. */
static bool rng_pct(rng *r, int pct)
{
    return (long)(rng_next(r) % 100) < pct;
}

/* ---- the plant ---- */

enum { FAM_LIPSTICK = 0, FAM_CREAM, FAM_SHAMPOO, N_FAM };
static const char *const fam_name[N_FAM] = {"lipstick", "cream", "shampoo"};

/* a line type has the number of the family it mainly makes */
enum { LINE_LIP = FAM_LIPSTICK, LINE_TUBE = FAM_CREAM, LINE_BOTTLE = FAM_SHAMPOO };

typedef struct {
    char id[16];
    int family;
    int shade;        /* lipstick: 0 = lightest */
    bool allergen;    /* cream with a nut oil: sanitation after it */
    bool metallic;    /* lipstick: only the newer moulding lines run it */
    long popularity;  /* relative order frequency */
} product;

typedef struct {
    char id[16];
    char name[64];
    int type;
    bool universal;  /* a small plant: the line also runs what no other line can */
    bool modern;     /* lipstick: can run metallic shades */
    bool nights_off;
    int speed_pct;   /* throughput relative to the type's base rate */
    bool fills_other; /* tube filler that also fills shampoo, bottle filler that also fills cream */
    int initial;     /* product index or -1 */
    long available_min;
} line;

typedef struct {
    int product;
    long quantity;
    long due_min;
    long release_min; /* -1: none */
    int weight;
    long min_split;   /* --extensions: > 0 marks a splittable order */
} order;

/* Base throughput of a line type for a family, units per hour; 0 = cannot. */
static long base_rate(const line *l, int family)
{
    if (l->universal)
        return family == FAM_LIPSTICK ? 500 : family == FAM_CREAM ? 1000 : 1800;
    switch (l->type) {
    case LINE_LIP:
        return family == FAM_LIPSTICK ? 600 : 0;
    case LINE_TUBE:
        return family == FAM_CREAM ? 1200 : (family == FAM_SHAMPOO && l->fills_other) ? 900 : 0;
    default:
        return family == FAM_SHAMPOO ? 2400 : (family == FAM_CREAM && l->fills_other) ? 700 : 0;
    }
}

static long rate_of(const line *l, const product *p)
{
    if (p->family == FAM_LIPSTICK && p->metallic && !l->modern && !l->universal)
        return 0;
    return base_rate(l, p->family) * l->speed_pct / 100;
}

/* ---- output ---- */

typedef struct {
    char *path;
    char *tmp;
    FILE *fp;
} outfile;

static bool out_open(outfile *f, const char *dir, const char *name)
{
    f->path = cs_path_join(dir, name);
    size_t len = f->path ? strlen(f->path) + 8 : 0;
    f->tmp = f->path ? malloc(len) : NULL;
    if (f->tmp == NULL) {
        free(f->path);
        fprintf(stderr, "cs_generate: out of memory\n");
        return false;
    }
    snprintf(f->tmp, len, "%s.tmp", f->path);
    f->fp = fopen(f->tmp, "w");
    if (f->fp == NULL) {
        fprintf(stderr, "cs_generate: %s: %s\n", f->tmp, strerror(errno));
        free(f->path);
        free(f->tmp);
        return false;
    }
    return true;
}

/* Complete files are renamed into place, so a reader never sees a half-written table. */
static bool out_close(outfile *f)
{
    bool ok = ferror(f->fp) == 0;
    ok = fclose(f->fp) == 0 && ok;
    if (!ok || rename(f->tmp, f->path) != 0) {
        fprintf(stderr, "cs_generate: %s: write error\n", f->path);
        remove(f->tmp);
        ok = false;
    }
    free(f->path);
    free(f->tmp);
    return ok;
}

static int64_t g_horizon;

static void fmt_at(long minutes, char *buf, size_t size)
{
    cs_datetime_format(g_horizon + minutes, buf, size);
}

/* ---- generation ---- */

typedef struct {
    int n_orders, n_lines, days;
    uint64_t seed;
    product *prod;
    int n_prod;
    int n_per_family[N_FAM];
    line *lines;
    order *orders;
    bool ext;              /* --extensions */
    long est_work_min;     /* estimate of production + changeover minutes */
    long capacity_per_day; /* working minutes of all lines per day */
} plant;

static void make_products(plant *pl, rng *r)
{
    int n = 12 + pl->n_orders / 25;
    if (n > 180)
        n = 180;
    int n_lip = n * 4 / 10;
    if (n_lip > 80)
        n_lip = 80;
    int n_cream = (n - n_lip) / 2;
    int n_sham = n - n_lip - n_cream;
    pl->n_per_family[FAM_LIPSTICK] = n_lip;
    pl->n_per_family[FAM_CREAM] = n_cream;
    pl->n_per_family[FAM_SHAMPOO] = n_sham;
    pl->n_prod = n;
    int k = 0;
    for (int i = 0; i < n_lip; i++, k++) {
        product *p = &pl->prod[k];
        snprintf(p->id, sizeof p->id, "LS-%03d", i + 1); /* the number is the shade rank */
        p->family = FAM_LIPSTICK;
        p->shade = i;
        p->metallic = i % 5 == 4;
    }
    for (int i = 0; i < n_cream; i++, k++) {
        product *p = &pl->prod[k];
        p->family = FAM_CREAM;
        p->allergen = i % 12 == 3;
        snprintf(p->id, sizeof p->id, p->allergen ? "CR-NUT%03d" : "CR-%03d", i + 1);
    }
    for (int i = 0; i < n_sham; i++, k++) {
        product *p = &pl->prod[k];
        p->family = FAM_SHAMPOO;
        snprintf(p->id, sizeof p->id, "SH-%03d", i + 1);
    }
    /* a few best sellers and a long tail: campaigns of one product are worth building */
    for (int i = 0; i < n; i++)
        pl->prod[i].popularity = rng_pct(r, 20) ? rng_range(r, 6, 12) : rng_range(r, 1, 4);
}

static void make_lines(plant *pl, rng *r)
{
    static const char *const type_name[] = {"Lipstick moulding line", "Tube and jar filler",
                                            "Bottle filler"};
    static const char *const type_id[] = {"LIP", "TUBE", "BOT"};
    int count[3] = {0, 0, 0};
    for (int i = 0; i < pl->n_lines; i++) {
        line *l = &pl->lines[i];
        l->type = i % 3;
        l->universal = pl->n_lines < 3 && i == pl->n_lines - 1;
        count[l->type]++;
        snprintf(l->id, sizeof l->id, "%s%d", type_id[l->type], count[l->type]);
        l->modern = count[l->type] % 2 == 1; /* the odd-numbered moulding lines are the new ones */
        l->nights_off = i % 4 == 1;
        l->speed_pct = (int)rng_range(r, 70, 130);
        l->fills_other = l->type != LINE_LIP && count[l->type] % 2 == 0;
        snprintf(l->name, sizeof l->name, "%s %d%s%s", type_name[l->type], count[l->type],
                 l->universal ? " (all products)" : "", l->nights_off ? " (day shifts)" : "");
        l->available_min = rng_pct(r, 25) ? 120 : 0;
        l->initial = -1;
        if (rng_pct(r, 60)) { /* set up for what ran last night */
            for (int tries = 0; tries < 50 && l->initial < 0; tries++) {
                int p = (int)rng_range(r, 0, pl->n_prod - 1);
                if (rate_of(l, &pl->prod[p]) > 0)
                    l->initial = p;
            }
        }
    }
}

/* Average run minutes of q units of product p over its eligible lines (-1: none). */
static long avg_run(const plant *pl, int p, long q)
{
    long sum = 0, n = 0;
    for (int i = 0; i < pl->n_lines; i++) {
        long rate = rate_of(&pl->lines[i], &pl->prod[p]);
        if (rate > 0) {
            sum += (q * 60 + rate - 1) / rate;
            n++;
        }
    }
    return n > 0 ? sum / n : -1;
}

static bool make_orders(plant *pl, rng *r)
{
    /* Orders of a family come in proportion to the orders a day its lines can absorb (a line
     * that makes two families gives a quarter of its time to the second), so no kind of line
     * is loaded far above the rest. Weights are integers so the draw is exact everywhere. */
    static const long mean_qty[N_FAM] = {2750, 7000, 11500};
    long fam_weight[N_FAM] = {0, 0, 0}, fam_pop[N_FAM] = {0, 0, 0}, all_weight = 0;
    for (int i = 0; i < pl->n_lines; i++) {
        const line *l = &pl->lines[i];
        int n_fam = 0;
        for (int fam = 0; fam < N_FAM; fam++)
            n_fam += base_rate(l, fam) > 0;
        for (int fam = 0; fam < N_FAM; fam++) {
            long rate = base_rate(l, fam) * l->speed_pct / 100;
            if (rate <= 0)
                continue;
            long share = n_fam == 1 ? 100 : l->universal ? 100 / n_fam
                         : (int)l->type == fam ? 75 : 25;
            long day_min = l->nights_off ? 16 * 60 : 24 * 60;
            /* orders a day x 1000 */
            fam_weight[fam] += day_min * share * 10 * rate / (mean_qty[fam] * 60);
        }
    }
    for (int p = 0; p < pl->n_prod; p++)
        fam_pop[pl->prod[p].family] += pl->prod[p].popularity;
    for (int fam = 0; fam < N_FAM; fam++) {
        if (fam_pop[fam] == 0)
            fam_weight[fam] = 0;
        all_weight += fam_weight[fam];
    }
    long *work = cs_calloc((size_t)pl->n_orders, sizeof *work);
    int *perm = cs_calloc((size_t)pl->n_orders, sizeof *perm);
    if (work == NULL || perm == NULL) {
        free(work);
        free(perm);
        return false;
    }
    pl->est_work_min = 0;
    for (int o = 0; o < pl->n_orders; o++) {
        order *od = &pl->orders[o];
        long pick = rng_range(r, 0, all_weight - 1);
        int fam = 0;
        while (pick >= fam_weight[fam])
            pick -= fam_weight[fam++];
        pick = rng_range(r, 0, fam_pop[fam] - 1);
        int p = 0;
        while (pl->prod[p].family != fam || pick >= pl->prod[p].popularity) {
            if (pl->prod[p].family == fam)
                pick -= pl->prod[p].popularity;
            p++;
        }
        od->product = p;
        switch (pl->prod[p].family) {
        case FAM_LIPSTICK:
            od->quantity = rng_range(r, 2, 20) * 250;
            break;
        case FAM_CREAM:
            od->quantity = rng_range(r, 4, 24) * 500;
            break;
        default:
            od->quantity = rng_range(r, 3, 20) * 1000;
            break;
        }
        int w = (int)rng_range(r, 1, 10);
        od->weight = w <= 6 ? 1 : w <= 9 ? 2 : 3;
        /* an order's share of the plant: its run plus a typical changeover */
        work[o] = avg_run(pl, p, od->quantity) + 35;
        pl->est_work_min += work[o];
        perm[o] = o;
    }
    /* working minutes per day: day-shift lines lose 8 night hours, maintenance ~1 % */
    pl->capacity_per_day = 0;
    for (int i = 0; i < pl->n_lines; i++)
        pl->capacity_per_day += pl->lines[i].nights_off ? 16 * 60 : 24 * 60;
    pl->capacity_per_day = pl->capacity_per_day * 99 / 100;
    if (pl->days <= 0) {
        long need = pl->est_work_min * 100 / TARGET_LOAD_PCT;
        pl->days = (int)((need + pl->capacity_per_day - 1) / pl->capacity_per_day);
        if (pl->days < 2)
            pl->days = 2;
    }
    long horizon_min = (long)pl->days * 1440;
    /* Due dates follow the work in a random order of urgency: the k-th order is due when the
     * work of orders 1..k fills the horizon at the target load, give or take -45 %..+25 %;
     * so some orders are tight and a planner has to trade lateness against changeovers. */
    for (int i = pl->n_orders - 1; i > 0; i--) {
        int j = (int)rng_range(r, 0, i);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    long cum = 0;
    for (int i = 0; i < pl->n_orders; i++) {
        order *od = &pl->orders[perm[i]];
        cum += work[perm[i]];
        long at = (long)((double)cum / (double)pl->est_work_min * (double)horizon_min *
                         TARGET_LOAD_PCT / 100.0);
        at = at * rng_range(r, 55, 125) / 100 + 4 * 60;
        if (at > horizon_min + 3 * 1440)
            at = horizon_min + 3 * 1440;
        od->due_min = at - at % 60; /* due on the hour, as customers book them */
        od->release_min = -1;
        if (rng_pct(r, 30)) { /* material arrives some days before it is due */
            long rel = od->due_min - work[perm[i]] - rng_range(r, 1, 4) * 1440;
            if (rel > 0)
                od->release_min = rel - rel % 60;
        }
    }
    free(work);
    free(perm);
    return true;
}

/* Big orders may be split: about a third of those of at least 8000 units, each part at
 * least a quarter of the order (whole hundreds). A separate stream leaves the rest of the
 * scenario as it is without --extensions. */
static void make_splits(plant *pl)
{
    rng r = {.s = pl->seed * 0x9E3779B97F4A7C15ULL + 777};
    for (int o = 0; o < pl->n_orders; o++) {
        order *od = &pl->orders[o];
        if (od->quantity >= 8000 && rng_pct(&r, 35))
            od->min_split = od->quantity / 4 / 100 * 100;
    }
}

/* ---- writers ---- */

static bool write_settings(const plant *pl, const char *dir)
{
    outfile f;
    if (!out_open(&f, dir, "settings.csv"))
        return false;
    fprintf(f.fp,
            "key,value\nhorizon_start,%s\nweight_tardiness,1\nweight_changeover_minutes,1\n"
            "weight_changeover_cost,0.5\nweight_makespan,0\ntime_limit_s,30\nmip_gap,0\n"
            "seed,%llu\n",
            HORIZON_START, (unsigned long long)pl->seed);
    if (pl->ext) /* one crew for every three lines */
        fprintf(f.fp, "cleaning_crews,%d\n", pl->n_lines / 3 > 0 ? pl->n_lines / 3 : 1);
    return out_close(&f);
}

static bool write_products(const plant *pl, const char *dir)
{
    outfile f;
    if (!out_open(&f, dir, "products.csv"))
        return false;
    fprintf(f.fp, "product_id,family\n");
    for (int p = 0; p < pl->n_prod; p++)
        fprintf(f.fp, "%s,%s\n", pl->prod[p].id, fam_name[pl->prod[p].family]);
    return out_close(&f);
}

static bool write_lines(const plant *pl, const char *dir)
{
    outfile f;
    if (!out_open(&f, dir, "lines.csv"))
        return false;
    fprintf(f.fp, "line_id,name,available_from,initial_product%s\n",
            pl->ext ? ",max_run_minutes,cleaning_minutes,cleaning_cost" : "");
    for (int i = 0; i < pl->n_lines; i++) {
        const line *l = &pl->lines[i];
        char at[32];
        fmt_at(l->available_min, at, sizeof at);
        fprintf(f.fp, "%s,%s,%s,%s", l->id, l->name, at,
                l->initial >= 0 ? pl->prod[l->initial].id : "");
        /* fillers hold product in open hoppers: a validated clean every shift or so */
        if (pl->ext && l->type == LINE_TUBE && !l->universal)
            fprintf(f.fp, ",480,45,60");
        else if (pl->ext && l->type == LINE_BOTTLE && !l->universal)
            fprintf(f.fp, ",600,30,40");
        else if (pl->ext)
            fprintf(f.fp, ",,,");
        fprintf(f.fp, "\n");
    }
    return out_close(&f);
}

static bool write_capabilities(const plant *pl, const char *dir)
{
    outfile f;
    if (!out_open(&f, dir, "capabilities.csv"))
        return false;
    fprintf(f.fp, "line_id,product_id,units_per_hour%s\n", pl->ext ? ",max_batch" : "");
    for (int i = 0; i < pl->n_lines; i++) {
        const line *l = &pl->lines[i];
        for (int fam = 0; fam < N_FAM; fam++) {
            long rate = base_rate(l, fam) * l->speed_pct / 100;
            if (rate <= 0)
                continue;
            if (fam == FAM_LIPSTICK && !l->modern && !l->universal) {
                /* older moulding lines: every shade but the metallic ones */
                for (int p = 0; p < pl->n_prod; p++)
                    if (rate_of(l, &pl->prod[p]) > 0 && pl->prod[p].family == fam)
                        fprintf(f.fp, "%s,%s,%ld%s\n", l->id, pl->prod[p].id, rate,
                                pl->ext ? "," : "");
            } else if (pl->ext && fam == FAM_CREAM) {
                /* creams come from a mixing vessel of 8000 units */
                fprintf(f.fp, "%s,family:%s,%ld,8000\n", l->id, fam_name[fam], rate);
            } else {
                fprintf(f.fp, "%s,family:%s,%ld%s\n", l->id, fam_name[fam], rate,
                        pl->ext ? "," : "");
            }
        }
    }
    return out_close(&f);
}

static bool write_changeovers(const plant *pl, const char *dir)
{
    outfile f;
    if (!out_open(&f, dir, "changeovers.csv"))
        return false;
    fprintf(f.fp, "line_id,from,to,minutes,cost\n");
    /* between families: strip down and clean the whole line */
    fprintf(f.fp, ",*,*,120,200\n");
    /* lipstick: a darker shade after a lighter one needs a wipe; the other way round the
     * mould and the tank must be washed, or the lighter shade is tinted */
    fprintf(f.fp, ",family:lipstick,family:lipstick,60,80\n");
    for (int a = 0; a < pl->n_prod; a++)
        for (int b = 0; b < pl->n_prod; b++)
            if (pl->prod[a].family == FAM_LIPSTICK && pl->prod[b].family == FAM_LIPSTICK &&
                pl->prod[a].shade < pl->prod[b].shade)
                fprintf(f.fp, ",%s,%s,15,10\n", pl->prod[a].id, pl->prod[b].id);
    /* creams: a rinse between recipes; after a nut-oil cream a validated sanitation */
    fprintf(f.fp, ",family:cream,family:cream,30,40\n");
    for (int a = 0; a < pl->n_prod; a++) {
        if (!pl->prod[a].allergen)
            continue;
        fprintf(f.fp, ",%s,family:cream,90,150\n", pl->prod[a].id);
        fprintf(f.fp, ",%s,family:shampoo,150,250\n", pl->prod[a].id);
    }
    /* shampoos: a flush; bottle fillers have a clean-in-place loop and are quicker */
    fprintf(f.fp, ",family:shampoo,family:shampoo,25,30\n");
    for (int i = 0; i < pl->n_lines; i++)
        if (pl->lines[i].type == LINE_BOTTLE && !pl->lines[i].universal)
            fprintf(f.fp, "%s,family:shampoo,family:shampoo,15,20\n", pl->lines[i].id);
    return out_close(&f);
}

static bool write_calendar(const plant *pl, const char *dir, rng *r)
{
    outfile f;
    if (!out_open(&f, dir, "calendar.csv"))
        return false;
    fprintf(f.fp, "line_id,start,end,reason\n");
    char s[32], e[32];
    /* minute 0 is 06:00, so nights run from 16 h to 24 h after each day's start */
    for (int i = 0; i < pl->n_lines; i++) {
        const line *l = &pl->lines[i];
        if (l->nights_off) {
            for (int d = 0; d < pl->days + 3; d++) {
                fmt_at(d * 1440L + 16 * 60, s, sizeof s);
                fmt_at(d * 1440L + 24 * 60, e, sizeof e);
                fprintf(f.fp, "%s,%s,%s,night shift off\n", l->id, s, e);
            }
        }
        /* a maintenance window of 4-8 hours every two weeks or so, on some lines */
        if (rng_pct(r, 50)) {
            for (int d = (int)rng_range(r, 1, 7); d < pl->days; d += 14) {
                long start = d * 1440L + 2 * 60; /* 08:00 */
                fmt_at(start, s, sizeof s);
                fmt_at(start + rng_range(r, 4, 8) * 60, e, sizeof e);
                fprintf(f.fp, "%s,%s,%s,planned maintenance\n", l->id, s, e);
            }
        }
    }
    /* a plant-wide safety briefing on the first Wednesday */
    fmt_at(2 * 1440L + 6 * 60, s, sizeof s);
    fmt_at(2 * 1440L + 6 * 60 + 30, e, sizeof e);
    fprintf(f.fp, "*,%s,%s,plant safety briefing\n", s, e);
    return out_close(&f);
}

static bool write_orders(const plant *pl, const char *dir)
{
    outfile f;
    if (!out_open(&f, dir, "orders.csv"))
        return false;
    fprintf(f.fp, "order_id,product_id,quantity,due,release,weight%s\n",
            pl->ext ? ",split,min_split" : "");
    int width = pl->n_orders >= 10000 ? 5 : 4;
    for (int o = 0; o < pl->n_orders; o++) {
        const order *od = &pl->orders[o];
        char due[32], rel[32] = "";
        fmt_at(od->due_min, due, sizeof due);
        if (od->release_min >= 0)
            fmt_at(od->release_min, rel, sizeof rel);
        fprintf(f.fp, "ORD-%0*d,%s,%ld,%s,%s,%d", width, o + 1, pl->prod[od->product].id,
                od->quantity, due, rel, od->weight);
        if (od->min_split > 0)
            fprintf(f.fp, ",1,%ld", od->min_split);
        else if (pl->ext)
            fprintf(f.fp, ",,");
        fprintf(f.fp, "\n");
    }
    return out_close(&f);
}

static int usage_error(const char *msg, const char *what)
{
    fprintf(stderr, "cs_generate: %s%s\ntry 'cs_generate --help'\n", msg, what);
    return 64;
}

int main(int argc, char **argv)
{
    long n_orders = -1, n_lines = -1, seed = -1, days = 0;
    bool ext = false;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long *dst = strcmp(a, "--orders") == 0  ? &n_orders
                    : strcmp(a, "--lines") == 0 ? &n_lines
                    : strcmp(a, "--seed") == 0  ? &seed
                    : strcmp(a, "--days") == 0  ? &days
                                                : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            printf("usage: cs_generate --orders N --lines L --seed S OUTDIR [--days D] "
                   "[--extensions]\n"
                   "Writes a cosmetics plant scenario (lipsticks, creams, shampoos) into OUTDIR.\n"
                   "Without --days the horizon is sized for about %d %% load. --extensions\n"
                   "adds sanitation intervals on the fillers, one cleaning crew per three\n"
                   "lines, max_batch 8000 for creams and splittable big orders. The same\n"
                   "arguments always give the same files.\n",
                   TARGET_LOAD_PCT);
            return 0;
        }
        if (strcmp(a, "--extensions") == 0) {
            ext = true;
        } else if (dst != NULL) {
            long hi = dst == &n_orders ? MAX_ORDERS : dst == &n_lines ? MAX_LINES
                      : dst == &days   ? 3650 : 2147483647L;
            long lo = dst == &seed ? 0 : 1;
            if (i + 1 >= argc)
                return usage_error("missing value of ", a);
            if (!cs_parse_long(argv[++i], lo, hi, dst))
                return usage_error("bad value of ", a);
        } else if (a[0] != '-' && dir == NULL) {
            dir = a;
        } else {
            return usage_error("unexpected argument ", a);
        }
    }
    if (n_orders < 0 || n_lines < 0 || seed < 0 || dir == NULL)
        return usage_error("--orders, --lines, --seed and OUTDIR are required", "");

    cs_datetime_parse(HORIZON_START, &g_horizon, NULL);
    plant pl = {.n_orders = (int)n_orders, .n_lines = (int)n_lines, .days = (int)days,
                .seed = (uint64_t)seed, .ext = ext};
    rng r = {.s = (uint64_t)seed * 0x2545F4914F6CDD1DULL + 12345};
    pl.prod = cs_calloc(200, sizeof *pl.prod);
    pl.lines = cs_calloc((size_t)n_lines, sizeof *pl.lines);
    pl.orders = cs_calloc((size_t)n_orders, sizeof *pl.orders);
    int rc = 70;
    if (pl.prod == NULL || pl.lines == NULL || pl.orders == NULL)
        goto done;
    make_products(&pl, &r);
    make_lines(&pl, &r);
    if (!make_orders(&pl, &r))
        goto done;
    if (pl.ext)
        make_splits(&pl);
    rc = 73;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "cs_generate: %s: %s\n", dir, strerror(errno));
        goto done;
    }
    if (!write_settings(&pl, dir) || !write_products(&pl, dir) || !write_lines(&pl, dir) ||
        !write_capabilities(&pl, dir) || !write_changeovers(&pl, dir) ||
        !write_calendar(&pl, dir, &r) || !write_orders(&pl, dir))
        goto done;
    printf("%s: %d orders, %d lines, %d products, %d days, estimated load %ld %%\n", dir,
           pl.n_orders, pl.n_lines, pl.n_prod, pl.days,
           pl.est_work_min * 100 / (pl.capacity_per_day * pl.days));
    rc = 0;
done:
    if (rc == 70)
        fprintf(stderr, "cs_generate: out of memory\n");
    free(pl.prod);
    free(pl.lines);
    free(pl.orders);
    return rc;
}
