/* cs_convert.c -- turns public benchmark instances into scenario directories of the contract
 * format, into data files of the textbook MathProg model (tools/mip/textbook.mod), and
 * gives small reference evaluations (the published Vallada-Ruiz schedules as plan
 * directories, the EDD sequence of a Cicirello instance), so a benchmark can verify that a
 * converted scenario means exactly what the instance means. */
#include "cosched_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EXIT_USAGE 64
#define EXIT_DATAERR 65
#define EXIT_NOINPUT 66
#define EXIT_SOFTWARE 70
#define EXIT_CANTCREAT 73

/* Minute 0 of every converted scenario: a Monday, so generated and converted plans read alike. */
#define HORIZON_START "2027-01-04T00:00"
/* Vallada-Ruiz has no due dates: one year after the start lies far beyond any makespan. */
#define VR_DUE_MINUTES (365L * 1440L)
/* Largest processing/setup time accepted: keeps every sum well inside the engine's range. */
#define MAX_TIME 100000L
#define MAX_JOBS 2000L
#define MAX_MACHINES 200L

/* ---- whitespace tokenizer with token numbers for error messages ---- */

typedef struct {
    const char *path;
    FILE *fp;
    long n_tokens; /* tokens read so far; the current one is number n_tokens */
    char tok[128];
} tokreader;

static int fail_input(const tokreader *r, const char *expected)
{
    if (r->tok[0] == '\0')
        fprintf(stderr, "cs_convert: %s: unexpected end of file after token %ld, expected %s\n",
                r->path, r->n_tokens, expected);
    else
        fprintf(stderr, "cs_convert: %s: token %ld: expected %s, got '%s'\n", r->path,
                r->n_tokens, expected, r->tok);
    return EXIT_DATAERR;
}

/* Reads the next token; false at end of file (tok is then empty). */
static bool next_token(tokreader *r)
{
    int c;
    size_t len = 0;
    r->tok[0] = '\0';
    do {
        c = getc(r->fp);
    } while (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v');
    if (c == EOF)
        return false;
    while (c != EOF && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
        if (len + 1 < sizeof r->tok)
            r->tok[len++] = (char)c;
        c = getc(r->fp);
    }
    r->tok[len] = '\0';
    r->n_tokens++;
    return true;
}

/* Reads an integer in [lo, hi]; on failure prints the error and returns false. */
static bool read_long(tokreader *r, long lo, long hi, const char *what, long *out)
{
    char expected[160];
    snprintf(expected, sizeof expected, "%s (an integer in [%ld, %ld])", what, lo, hi);
    if (!next_token(r) || !cs_parse_long(r->tok, lo, hi, out)) {
        fail_input(r, expected);
        return false;
    }
    return true;
}

static bool expect_word(tokreader *r, const char *word)
{
    char expected[96];
    snprintf(expected, sizeof expected, "'%s'", word);
    if (!next_token(r) || strcmp(r->tok, word) != 0) {
        fail_input(r, expected);
        return false;
    }
    return true;
}

static bool expect_eof(tokreader *r)
{
    if (next_token(r)) {
        fail_input(r, "end of file");
        return false;
    }
    return true;
}

static int open_reader(tokreader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->fp = fopen(path, "r");
    if (r->fp == NULL) {
        fprintf(stderr, "cs_convert: %s: %s\n", path, strerror(errno));
        return EXIT_NOINPUT;
    }
    return 0;
}

/* ---- instances ---- */

/* Vallada-Ruiz: p[j*m+k], setup[(k*n+i)*n+j]. */
typedef struct {
    long n, m;
    long *p;
    long *setup;
} vr_instance;

/* Cicirello: setup[(i+1)*n+j], row 0 = setup of j as the first job. */
typedef struct {
    long n;
    long *p, *w, *d;
    long *setup;
} wt_instance;

static void vr_free(vr_instance *in)
{
    free(in->p);
    free(in->setup);
}

static void wt_free(wt_instance *in)
{
    free(in->p);
    free(in->w);
    free(in->d);
    free(in->setup);
}

static int vr_read(const char *path, vr_instance *in)
{
    tokreader r;
    int rc = open_reader(&r, path);
    if (rc != 0)
        return rc;
    memset(in, 0, sizeof *in);
    long one, m2;
    rc = EXIT_DATAERR;
    if (!read_long(&r, 1, MAX_JOBS, "number of jobs", &in->n) ||
        !read_long(&r, 1, MAX_MACHINES, "number of machines", &in->m) ||
        !read_long(&r, 0, 1000000, "a constant", &one) ||
        !read_long(&r, in->m, in->m, "number of machines again", &m2))
        goto done;
    in->p = cs_calloc((size_t)(in->n * in->m), sizeof *in->p);
    in->setup = cs_calloc((size_t)(in->m * in->n * in->n), sizeof *in->setup);
    if (in->p == NULL || in->setup == NULL) {
        fprintf(stderr, "cs_convert: out of memory\n");
        rc = EXIT_SOFTWARE;
        goto done;
    }
    for (long j = 0; j < in->n; j++) {
        for (long k = 0; k < in->m; k++) {
            long kk;
            if (!read_long(&r, k, k, "machine index", &kk) ||
                !read_long(&r, 1, MAX_TIME, "processing time", &in->p[j * in->m + k]))
                goto done;
        }
    }
    if (!expect_word(&r, "SSD"))
        goto done;
    for (long k = 0; k < in->m; k++) {
        char word[32];
        snprintf(word, sizeof word, "M%ld", k);
        if (!expect_word(&r, word))
            goto done;
        for (long i = 0; i < in->n * in->n; i++)
            if (!read_long(&r, 0, MAX_TIME, "setup time", &in->setup[k * in->n * in->n + i]))
                goto done;
    }
    if (!expect_eof(&r))
        goto done;
    rc = 0;
done:
    fclose(r.fp);
    if (rc != 0)
        vr_free(in);
    return rc;
}

/* Reads n integers of one section of a Cicirello file. */
static bool wt_read_list(tokreader *r, long n, long lo, long hi, const char *what, long *out)
{
    for (long j = 0; j < n; j++)
        if (!read_long(r, lo, hi, what, &out[j]))
            return false;
    return true;
}

static int wt_read(const char *path, wt_instance *in)
{
    tokreader r;
    int rc = open_reader(&r, path);
    if (rc != 0)
        return rc;
    memset(in, 0, sizeof *in);
    rc = EXIT_DATAERR;
    /* The header and the generator parameters are informative; the size is not. */
    while (next_token(&r) && strcmp(r.tok, "Size:") != 0) {
    }
    if (r.tok[0] == '\0') {
        fail_input(&r, "'Problem Size:'");
        goto done;
    }
    if (!read_long(&r, 1, MAX_JOBS, "number of jobs", &in->n))
        goto done;
    while (next_token(&r) && strcmp(r.tok, "Specification") != 0) {
    }
    if (r.tok[0] == '\0') {
        fail_input(&r, "'Begin Problem Specification'");
        goto done;
    }
    long n = in->n;
    in->p = cs_calloc((size_t)n, sizeof *in->p);
    in->w = cs_calloc((size_t)n, sizeof *in->w);
    in->d = cs_calloc((size_t)n, sizeof *in->d);
    in->setup = cs_calloc((size_t)((n + 1) * n), sizeof *in->setup);
    char *seen = cs_calloc((size_t)((n + 1) * n), 1);
    if (in->p == NULL || in->w == NULL || in->d == NULL || in->setup == NULL || seen == NULL) {
        free(seen);
        fprintf(stderr, "cs_convert: out of memory\n");
        rc = EXIT_SOFTWARE;
        goto done;
    }
    bool ok = expect_word(&r, "Process") && expect_word(&r, "Times:") &&
              wt_read_list(&r, n, 1, MAX_TIME, "processing time", in->p) &&
              expect_word(&r, "Weights:") &&
              wt_read_list(&r, n, 0, 1000000, "weight", in->w) &&
              expect_word(&r, "Duedates:") &&
              wt_read_list(&r, n, 0, MAX_TIME * 50, "due date", in->d) &&
              expect_word(&r, "Setup") && expect_word(&r, "Times:");
    long n_setups = 0;
    while (ok) {
        if (!next_token(&r)) {
            fail_input(&r, "a setup triple or 'End'");
            ok = false;
            break;
        }
        if (strcmp(r.tok, "End") == 0)
            break;
        long i, j, s;
        if (!cs_parse_long(r.tok, -1, n - 1, &i)) {
            char expected[80];
            snprintf(expected, sizeof expected, "a job index in [-1, %ld] or 'End'", n - 1);
            fail_input(&r, expected);
            ok = false;
            break;
        }
        if (!read_long(&r, 0, n - 1, "a job index", &j) ||
            !read_long(&r, 0, MAX_TIME, "setup time", &s)) {
            ok = false;
            break;
        }
        if (i == j || seen[(i + 1) * n + j]) {
            fprintf(stderr, "cs_convert: %s: token %ld: setup %ld -> %ld %s\n", path,
                    r.n_tokens - 2, i, j, i == j ? "from a job to itself" : "given twice");
            ok = false;
            break;
        }
        seen[(i + 1) * n + j] = 1;
        in->setup[(i + 1) * n + j] = s;
        n_setups++;
    }
    if (ok && n_setups != n * n) {
        fprintf(stderr, "cs_convert: %s: %ld setup times, expected %ld (n initial + n(n-1))\n",
                path, n_setups, n * n);
        ok = false;
    }
    ok = ok && expect_word(&r, "Problem") && expect_word(&r, "Specification") && expect_eof(&r);
    free(seen);
    if (ok)
        rc = 0;
done:
    fclose(r.fp);
    if (rc != 0)
        wt_free(in);
    return rc;
}

/* ---- output files ---- */

typedef struct {
    char *path;
    char *tmp;
    FILE *fp;
} outfile;

static int make_dir(const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "cs_convert: %s: %s\n", dir, strerror(errno));
        return EXIT_CANTCREAT;
    }
    return 0;
}

/* Files are written under a temporary name and renamed when complete, so a reader never
 * takes a half-written table for a whole one. */
static int out_open(outfile *f, const char *dir, const char *name)
{
    f->path = cs_path_join(dir, name);
    size_t len = f->path ? strlen(f->path) + 8 : 0;
    f->tmp = f->path ? malloc(len) : NULL;
    if (f->tmp == NULL) {
        free(f->path);
        fprintf(stderr, "cs_convert: out of memory\n");
        return EXIT_SOFTWARE;
    }
    snprintf(f->tmp, len, "%s.tmp", f->path);
    f->fp = fopen(f->tmp, "w");
    if (f->fp == NULL) {
        fprintf(stderr, "cs_convert: %s: %s\n", f->tmp, strerror(errno));
        free(f->path);
        free(f->tmp);
        return EXIT_CANTCREAT;
    }
    return 0;
}

static int out_close(outfile *f)
{
    int rc = 0;
    bool bad = ferror(f->fp) != 0;
    if (fclose(f->fp) != 0 || bad || rename(f->tmp, f->path) != 0) {
        fprintf(stderr, "cs_convert: %s: %s\n", f->path, strerror(errno));
        remove(f->tmp);
        rc = EXIT_CANTCREAT;
    }
    free(f->path);
    free(f->tmp);
    return rc;
}

static int64_t horizon_epoch(void)
{
    int64_t h = 0;
    cs_datetime_parse(HORIZON_START, &h, NULL);
    return h;
}

static void fmt_at(long minutes, char *buf, size_t size)
{
    cs_datetime_format(horizon_epoch() + minutes, buf, size);
}

static int write_settings(const char *dir, int w_tard, int w_makespan)
{
    outfile f;
    int rc = out_open(&f, dir, "settings.csv");
    if (rc != 0)
        return rc;
    fprintf(f.fp,
            "key,value\nhorizon_start,%s\nweight_tardiness,%d\nweight_changeover_minutes,0\n"
            "weight_changeover_cost,0\nweight_makespan,%d\n",
            HORIZON_START, w_tard, w_makespan);
    return out_close(&f);
}

static int vr_write_scenario(const vr_instance *in, const char *dir)
{
    int rc;
    outfile f;
    char due[32];
    fmt_at(VR_DUE_MINUTES, due, sizeof due);
    if ((rc = make_dir(dir)) != 0 || (rc = write_settings(dir, 0, 1)) != 0)
        return rc;

    if ((rc = out_open(&f, dir, "lines.csv")) != 0)
        return rc;
    fprintf(f.fp, "line_id,name,initial_product\n");
    for (long k = 0; k < in->m; k++)
        fprintf(f.fp, "M%ld,machine %ld,\n", k, k);
    if ((rc = out_close(&f)) != 0)
        return rc;

    if ((rc = out_open(&f, dir, "capabilities.csv")) != 0)
        return rc;
    fprintf(f.fp, "line_id,product_id,minutes_per_unit\n");
    for (long k = 0; k < in->m; k++)
        for (long j = 0; j < in->n; j++)
            fprintf(f.fp, "M%ld,P%ld,%ld\n", k, j, in->p[j * in->m + k]);
    if ((rc = out_close(&f)) != 0)
        return rc;

    /* Every ordered pair of distinct jobs can follow each other on every machine, so every
     * pair gets its own line-specific rule and no default is needed. */
    if ((rc = out_open(&f, dir, "changeovers.csv")) != 0)
        return rc;
    fprintf(f.fp, "line_id,from,to,minutes\n");
    for (long k = 0; k < in->m; k++)
        for (long i = 0; i < in->n; i++)
            for (long j = 0; j < in->n; j++)
                if (i != j)
                    fprintf(f.fp, "M%ld,P%ld,P%ld,%ld\n", k, i, j,
                            in->setup[(k * in->n + i) * in->n + j]);
    if ((rc = out_close(&f)) != 0)
        return rc;

    if ((rc = out_open(&f, dir, "orders.csv")) != 0)
        return rc;
    fprintf(f.fp, "order_id,product_id,quantity,due,weight\n");
    for (long j = 0; j < in->n; j++)
        fprintf(f.fp, "J%ld,P%ld,1,%s,1\n", j, j, due);
    return out_close(&f);
}

static int wt_write_scenario(const wt_instance *in, const char *dir)
{
    int rc;
    outfile f;
    long n = in->n;
    if ((rc = make_dir(dir)) != 0 || (rc = write_settings(dir, 1, 0)) != 0)
        return rc;

    /* INIT stands for the machine's state before the first job: the instance's "-1" row. */
    if ((rc = out_open(&f, dir, "lines.csv")) != 0)
        return rc;
    fprintf(f.fp, "line_id,name,initial_product\nM0,single machine,INIT\n");
    if ((rc = out_close(&f)) != 0)
        return rc;

    if ((rc = out_open(&f, dir, "capabilities.csv")) != 0)
        return rc;
    fprintf(f.fp, "line_id,product_id,minutes_per_unit\n");
    for (long j = 0; j < n; j++)
        fprintf(f.fp, "M0,P%ld,%ld\n", j, in->p[j]);
    if ((rc = out_close(&f)) != 0)
        return rc;

    if ((rc = out_open(&f, dir, "changeovers.csv")) != 0)
        return rc;
    fprintf(f.fp, "line_id,from,to,minutes\n");
    for (long j = 0; j < n; j++)
        fprintf(f.fp, "M0,INIT,P%ld,%ld\n", j, in->setup[j]);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++)
            if (i != j)
                fprintf(f.fp, "M0,P%ld,P%ld,%ld\n", i, j, in->setup[(i + 1) * n + j]);
    if ((rc = out_close(&f)) != 0)
        return rc;

    if ((rc = out_open(&f, dir, "orders.csv")) != 0)
        return rc;
    fprintf(f.fp, "order_id,product_id,quantity,due,weight\n");
    for (long j = 0; j < n; j++) {
        char due[32];
        fmt_at(in->d[j], due, sizeof due);
        fprintf(f.fp, "J%ld,P%ld,1,%s,%ld\n", j, j, due, in->w[j]);
    }
    return out_close(&f);
}

/* ---- data files of tools/mip/textbook.mod ---- */

/* Jobs are 1..n and machines 1..m in the model; job 0 is the dummy start whose "setup" to j
 * is the setup of j as the first job on a machine. */
static void dat_header(FILE *fp, const char *src, long n, long m, int w_tard, int w_makespan)
{
    fprintf(fp, "/* converted from %s by cs_convert */\ndata;\n", src);
    fprintf(fp, "param n := %ld;\nparam m := %ld;\n", n, m);
    fprintf(fp, "param wT := %d;\nparam wC := %d;\n", w_tard, w_makespan);
}

/* Close a .dat file, reporting any write error that happened on the way. */
static int close_dat(FILE *fp, const char *path)
{
    bool bad = ferror(fp) != 0;
    if (fclose(fp) != 0 || bad) {
        fprintf(stderr, "cs_convert: %s: write error\n", path);
        return EXIT_CANTCREAT;
    }
    return 0;
}

static int vr_write_dat(const vr_instance *in, const char *src, const char *path)
{
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        fprintf(stderr, "cs_convert: %s: %s\n", path, strerror(errno));
        return EXIT_CANTCREAT;
    }
    dat_header(fp, src, in->n, in->m, 0, 1);
    fprintf(fp, "param p :");
    for (long k = 0; k < in->m; k++)
        fprintf(fp, " %ld", k + 1);
    fprintf(fp, " :=\n");
    for (long j = 0; j < in->n; j++) {
        fprintf(fp, "  %ld", j + 1);
        for (long k = 0; k < in->m; k++)
            fprintf(fp, " %ld", in->p[j * in->m + k]);
        fprintf(fp, "\n");
    }
    fprintf(fp, ";\nparam s :=\n");
    for (long k = 0; k < in->m; k++) {
        fprintf(fp, "[%ld,*,*] :", k + 1);
        for (long j = 0; j < in->n; j++)
            fprintf(fp, " %ld", j + 1);
        fprintf(fp, " :=\n");
        for (long i = 0; i < in->n; i++) {
            fprintf(fp, "  %ld", i + 1);
            for (long j = 0; j < in->n; j++)
                fprintf(fp, " %ld", i == j ? 0 : in->setup[(k * in->n + i) * in->n + j]);
            fprintf(fp, "\n");
        }
    }
    fprintf(fp, ";\nend;\n");
    return close_dat(fp, path);
}

static int wt_write_dat(const wt_instance *in, const char *src, const char *path)
{
    long n = in->n;
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        fprintf(stderr, "cs_convert: %s: %s\n", path, strerror(errno));
        return EXIT_CANTCREAT;
    }
    dat_header(fp, src, n, 1, 1, 0);
    fprintf(fp, "param p : 1 :=\n");
    for (long j = 0; j < n; j++)
        fprintf(fp, "  %ld %ld\n", j + 1, in->p[j]);
    fprintf(fp, ";\nparam w :=");
    for (long j = 0; j < n; j++)
        fprintf(fp, "%s %ld %ld", j % 10 == 0 ? "\n " : "", j + 1, in->w[j]);
    fprintf(fp, ";\nparam d :=");
    for (long j = 0; j < n; j++)
        fprintf(fp, "%s %ld %ld", j % 10 == 0 ? "\n " : "", j + 1, in->d[j]);
    fprintf(fp, ";\nparam s :=\n[1,*,*] :");
    for (long j = 0; j < n; j++)
        fprintf(fp, " %ld", j + 1);
    fprintf(fp, " :=\n");
    for (long i = -1; i < n; i++) {
        fprintf(fp, "  %ld", i + 1);
        for (long j = 0; j < n; j++)
            fprintf(fp, " %ld", i == j ? 0 : in->setup[(i + 1) * n + j]);
        fprintf(fp, "\n");
    }
    fprintf(fp, ";\nend;\n");
    return close_dat(fp, path);
}

/* ---- reference evaluations ---- */

/* Earliest-due-date sequence (ties by job index) and its total weighted tardiness. */
static long wt_edd(const wt_instance *in)
{
    long n = in->n;
    long *ord = malloc((size_t)n * sizeof *ord);
    if (ord == NULL)
        return -1;
    for (long j = 0; j < n; j++)
        ord[j] = j;
    for (long a = 1; a < n; a++) { /* insertion sort: stable, n is small */
        long x = ord[a], b = a;
        while (b > 0 && in->d[ord[b - 1]] > in->d[x]) {
            ord[b] = ord[b - 1];
            b--;
        }
        ord[b] = x;
    }
    long t = 0, prev = -1, total = 0;
    for (long a = 0; a < n; a++) {
        long j = ord[a];
        t += in->setup[(prev + 1) * n + j] + in->p[j];
        if (t > in->d[j])
            total += in->w[j] * (t - in->d[j]);
        prev = j;
    }
    free(ord);
    return total;
}

/* A published Vallada-Ruiz schedule ("m", then per machine "count job job ..."; the block may
 * repeat, only the first counts) written as a plan directory of the converted scenario, with
 * the figures of summary.json computed by the contract's rules. */
static int vr_write_plan(const vr_instance *in, const char *sol_path, const char *dir)
{
    tokreader r;
    int rc = open_reader(&r, sol_path);
    if (rc != 0)
        return rc;
    long n = in->n, m = in->m, mm;
    long *seq = malloc((size_t)n * sizeof *seq);
    long *count = calloc((size_t)m, sizeof *count);
    char *used = calloc((size_t)n, 1);
    long *end_at = calloc((size_t)n, sizeof *end_at);
    long *start_at = calloc((size_t)n, sizeof *start_at);
    long *machine = calloc((size_t)n, sizeof *machine);
    long *busy = calloc((size_t)m, sizeof *busy);
    long *prod = calloc((size_t)m, sizeof *prod);
    outfile f;
    rc = EXIT_SOFTWARE;
    if (seq == NULL || count == NULL || used == NULL || end_at == NULL || start_at == NULL ||
        machine == NULL || busy == NULL || prod == NULL) {
        fprintf(stderr, "cs_convert: out of memory\n");
        goto done;
    }
    rc = EXIT_DATAERR;
    if (!read_long(&r, m, m, "number of machines", &mm))
        goto done;
    long total = 0;
    for (long k = 0; k < m; k++) {
        if (!read_long(&r, 0, n - total, "number of jobs on the machine", &count[k]))
            goto done;
        for (long a = 0; a < count[k]; a++) {
            long j;
            if (!read_long(&r, 0, n - 1, "a job index", &j))
                goto done;
            if (used[j]) {
                fprintf(stderr, "cs_convert: %s: token %ld: job %ld scheduled twice\n", sol_path,
                        r.n_tokens, j);
                goto done;
            }
            used[j] = 1;
            seq[total + a] = j;
            machine[j] = k;
        }
        total += count[k];
    }
    if (total != n) {
        fprintf(stderr, "cs_convert: %s: %ld of %ld jobs scheduled\n", sol_path, total, n);
        goto done;
    }
    rc = make_dir(dir);
    if (rc != 0 || (rc = out_open(&f, dir, "plan.csv")) != 0)
        goto done;
    fprintf(f.fp, "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,"
                  "minutes,cost\n");
    long makespan = 0, n_changeovers = 0, co_minutes = 0;
    long pos = 0;
    for (long k = 0; k < m; k++) {
        long t = 0, row = 0;
        for (long a = 0; a < count[k]; a++, pos++) {
            long j = seq[pos];
            char s[32], e[32];
            if (a > 0) {
                long i = seq[pos - 1];
                long st = in->setup[(k * n + i) * n + j];
                fmt_at(t, s, sizeof s);
                fmt_at(t + st, e, sizeof e);
                fprintf(f.fp, "M%ld,%ld,changeover,,P%ld,P%ld,0,%s,%s,%ld,0\n", k, ++row, j, i,
                        s, e, st);
                t += st;
                n_changeovers++;
                co_minutes += st;
            }
            long pj = in->p[j * m + k];
            fmt_at(t, s, sizeof s);
            fmt_at(t + pj, e, sizeof e);
            fprintf(f.fp, "M%ld,%ld,production,J%ld,P%ld,,1,%s,%s,%ld,0\n", k, ++row, j, j, s, e,
                    pj);
            start_at[j] = t;
            t += pj;
            end_at[j] = t;
            prod[k] += pj;
        }
        busy[k] = t;
        if (t > makespan)
            makespan = t;
    }
    if ((rc = out_close(&f)) != 0 || (rc = out_open(&f, dir, "order_schedule.csv")) != 0)
        goto done;
    fprintf(f.fp, "order_id,line_id,start,end,due,tardiness_minutes,status,reason\n");
    for (long j = 0; j < n; j++) {
        char s[32], e[32], due[32];
        fmt_at(start_at[j], s, sizeof s);
        fmt_at(end_at[j], e, sizeof e);
        fmt_at(VR_DUE_MINUTES, due, sizeof due);
        fprintf(f.fp, "J%ld,M%ld,%s,%s,%s,0,open,\n", j, machine[j], s, e, due);
    }
    if ((rc = out_close(&f)) != 0 || (rc = out_open(&f, dir, "summary.json")) != 0)
        goto done;
    fprintf(f.fp,
            "{\n  \"status\": \"feasible\",\n  \"objective\": %ld,\n  \"bound\": null,\n"
            "  \"gap\": null,\n  \"solve_seconds\": 0,\n  \"method\": \"published solution\",\n"
            "  \"kpis\": {\n    \"weighted_tardiness_minutes\": 0,\n    \"late_orders\": 0,\n"
            "    \"changeovers\": %ld,\n    \"changeover_minutes\": %ld,\n"
            "    \"changeover_cost\": 0,\n    \"cleanings\": 0,\n    \"cleaning_minutes\": 0,\n"
            "    \"makespan_minutes\": %ld,\n    \"utilization\": {",
            makespan, n_changeovers, co_minutes, makespan);
    for (long k = 0; k < m; k++)
        fprintf(f.fp, "%s\n      \"M%ld\": %.6g", k ? "," : "", k,
                makespan > 0 ? (double)prod[k] / (double)makespan : 0.0);
    fprintf(f.fp, "\n    }\n  }\n}\n");
    if ((rc = out_close(&f)) != 0)
        goto done;
    printf("%ld\n", makespan);
    rc = 0;
done:
    fclose(r.fp);
    free(seq);
    free(count);
    free(used);
    free(end_at);
    free(start_at);
    free(machine);
    free(busy);
    free(prod);
    return rc;
}

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: cs_convert vr INSTANCE.txt OUTDIR        Vallada-Ruiz instance -> scenario\n"
            "       cs_convert wt INSTANCE.instance OUTDIR   Cicirello instance -> scenario\n"
            "       cs_convert vr-dat INSTANCE.txt OUT.dat   data for tools/mip/textbook.mod\n"
            "       cs_convert wt-dat INSTANCE.instance OUT.dat\n"
            "       cs_convert vr-plan INSTANCE.txt SOLUTION.txt PLANDIR\n"
            "                 a published schedule as a plan of the converted scenario;\n"
            "                 prints its makespan\n"
            "       cs_convert wt-edd INSTANCE.instance      prints the weighted tardiness of\n"
            "                 the earliest-due-date sequence\n"
            "Converted scenarios start at " HORIZON_START ". Exit codes: 0 ok, 64 usage,\n"
            "65 malformed instance, 66 input missing, 73 output cannot be written.\n");
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    const char *mode = argc >= 2 ? argv[1] : "";
    int want = strcmp(mode, "vr-plan") == 0 ? 5 : strcmp(mode, "wt-edd") == 0 ? 3 : 4;
    bool vr = strncmp(mode, "vr", 2) == 0;
    bool known = strcmp(mode, "vr") == 0 || strcmp(mode, "wt") == 0 ||
                 strcmp(mode, "vr-dat") == 0 || strcmp(mode, "wt-dat") == 0 ||
                 strcmp(mode, "vr-plan") == 0 || strcmp(mode, "wt-edd") == 0;
    if (!known || argc != want) {
        fprintf(stderr, "cs_convert: %s\ntry 'cs_convert --help'\n",
                known ? "wrong number of arguments" : "unknown or missing mode");
        return EXIT_USAGE;
    }
    int rc;
    if (vr) {
        vr_instance in;
        if ((rc = vr_read(argv[2], &in)) != 0)
            return rc;
        if (strcmp(mode, "vr") == 0)
            rc = vr_write_scenario(&in, argv[3]);
        else if (strcmp(mode, "vr-dat") == 0)
            rc = vr_write_dat(&in, argv[2], argv[3]);
        else
            rc = vr_write_plan(&in, argv[3], argv[4]);
        vr_free(&in);
    } else {
        wt_instance in;
        if ((rc = wt_read(argv[2], &in)) != 0)
            return rc;
        if (strcmp(mode, "wt") == 0) {
            rc = wt_write_scenario(&in, argv[3]);
        } else if (strcmp(mode, "wt-dat") == 0) {
            rc = wt_write_dat(&in, argv[2], argv[3]);
        } else {
            long v = wt_edd(&in);
            if (v < 0) {
                fprintf(stderr, "cs_convert: out of memory\n");
                rc = EXIT_SOFTWARE;
            } else {
                printf("%ld\n", v);
            }
        }
        wt_free(&in);
    }
    return rc;
}
