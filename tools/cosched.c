/* cosched.c -- the command line program: parses arguments, calls libcosched, prints
 * diagnostics and maps statuses to the documented exit codes (README "Exit codes").
 * Human text goes to stderr. stdout carries only what is asked for: with --json exactly one
 * JSON object, whatever happens, in one envelope for every command ({"ok", "exit_code",
 * versions, "error", "errors", "diagnostics", then the command's result); compare's table
 * without it. */
#include "cosched.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

/* The exit codes (README "Exit codes"): sysexits.h's, plus two of the program's own. */
enum {
    EXIT_PLAN_OK = EX_OK,
    EXIT_VIOLATIONS = 1,             /* check: the plan breaks the contract */
    EXIT_NO_PLAN = 10,               /* no feasible plan exists or none was found (in time) */
    EXIT_USAGE = EX_USAGE,           /* bad command or option */
    EXIT_DATAERR = EX_DATAERR,       /* input has errors */
    EXIT_NOINPUT = EX_NOINPUT,       /* scenario or plan files missing */
    EXIT_SOFTWARE = EX_SOFTWARE,     /* internal error, out of memory */
    EXIT_CANTCREAT = EX_CANTCREAT,   /* output cannot be written */
    EXIT_INTERRUPTED = EX_TEMPFAIL   /* stopped by a signal; best plan so far written */
};

typedef struct {
    const char *long_name;
    char short_name;
    const char *arg; /* NULL: a flag */
    const char *help;
} option_spec;

static const option_spec options[] = {
    {"out", 'o', "DIR", "plan: directory for the plan files; compare: keep its plans in DIR/a, DIR/b"},
    {"time-limit", 't', "S", "plan: wall-clock budget in seconds (overrides time_limit_s)"},
    {"seed", 's', "N", "plan: seed of the randomised search (overrides seed)"},
    {"mip-gap", 'g', "G", "plan: relative gap at which the MIP may stop (overrides mip_gap)"},
    {"work-limit", 'w', "U",
     "plan: search effort in machine-independent work units (overrides work_limit; "
     "default 0.6 x the time limit)"},
    {"iteration-limit", 'i', "N",
     "plan: local-search iterations; with it, results do not depend on machine speed"},
    {"previous", 'p', "DIR",
     "plan: re-plan from the plan in DIR (keeps frozen orders, counts orders moved)"},
    {"freeze-hours", 'F', "H",
     "plan with --previous: orders starting in the first H hours keep line, place and times"},
    {"now", 'N', "DATETIME",
     "plan, check, validate: the moment of the re-plan (overrides settings now); nothing "
     "starts before it, --freeze-hours counts from it"},
    {"actuals-from-previous", 'A', NULL,
     "plan with --previous: take each open order's status from the previous plan as if it "
     "ran exactly (done, in progress with what it produced, or open)"},
    {"format", 'f', "FMT", "compare: md (default), csv or json"},
    {"json", 'j', NULL,
     "print exactly one JSON object on stdout: ok, exit_code, diagnostics and the result "
     "(--json=full: plan also embeds its blocks and orders)"},
    {"quiet", 'q', NULL, "no progress lines and no summary on stderr"},
    {"verbose", 'v', NULL, "more detail on stderr"},
    {"log-format", 'L', "FMT",
     "text (default; progress lines start with a UTC timestamp) or json (every line on "
     "stderr a JSON object: time, level, message)"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 'V', NULL, "show the version and exit"},
};
#define N_OPTIONS ((int)(sizeof options / sizeof options[0]))

typedef struct {
    const char *command;
    const char *positional[2];
    int n_positional;
    const char *value[N_OPTIONS];
    int set[N_OPTIONS];
} cli_args;

/* One option's line of a help text. */
static void print_option(FILE *fp, const option_spec *o)
{
    char left[64];
    snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->long_name,
             o->arg ? " " : "", o->arg ? o->arg : "");
    fprintf(fp, "  %-26s %s\n", left, o->help);
}

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: cosched plan SCENARIO --out DIR [--now DATETIME] [--previous PLAN_DIR\n"
            "                    [--freeze-hours H] [--actuals-from-previous]] [options]\n"
            "       cosched check SCENARIO PLAN_DIR [--json]\n"
            "       cosched validate SCENARIO [--json]\n"
            "       cosched compare A B [--format md|csv|json] [--out DIR] [plan options]\n"
            "       cosched COMMAND --help | --help | --version\n\n"
            "Plans production on changeover-sensitive lines from the CSV files of a scenario\n"
            "directory and writes a checked plan. compare takes two plan directories, or two\n"
            "scenarios that it plans first.\n\noptions:\n");
    for (int i = 0; i < N_OPTIONS; i++)
        print_option(fp, &options[i]);
    fprintf(fp, "\nexit codes: 0 ok; 1 check found violations; 10 no feasible plan; 64 usage;\n"
                "65 input errors; 66 input missing; 70 internal error; 73 cannot write output;\n"
                "75 interrupted (best plan so far written)\n");
}

/* Each command's help: its usage, what it does, the options it reads (by long name) and an
 * example. */
static const struct {
    const char *name;
    const char *usage;
    const char *about;
    const char *options; /* long names, space-separated */
    const char *example;
} commands[] = {
    {"plan",
     "cosched plan SCENARIO --out DIR [--now DATETIME] [--previous PLAN_DIR\n"
     "                    [--freeze-hours H] [--actuals-from-previous]] [options]",
     "Reads and validates the scenario, solves it within the time limit and writes plan.csv,\n"
     "order_schedule.csv, report.html and summary.json into DIR. Options override the\n"
     "scenario's settings.csv.",
     "out time-limit work-limit seed mip-gap iteration-limit previous freeze-hours now "
     "actuals-from-previous json quiet verbose log-format help",
     "cosched plan scenarios/demo --out plans/demo --time-limit 30"},
    {"check", "cosched check SCENARIO PLAN_DIR [--now DATETIME] [--json]",
     "Re-reads the plan in PLAN_DIR and checks it against the scenario, independently of the\n"
     "planner: each violation as PLAN_DIR/FILE:LINE: error: ...; exit 1 when there is one.",
     "now json quiet log-format help", "cosched check scenarios/demo plans/demo"},
    {"validate", "cosched validate SCENARIO [--now DATETIME] [--json]",
     "Checks the scenario's input files only, with the same messages and exit codes as plan.",
     "now json quiet log-format help", "cosched validate scenarios/demo"},
    {"compare", "cosched compare A B [--format md|csv|json] [--out DIR] [plan options]",
     "Puts two plans side by side: A and B are plan directories, or scenarios it plans first\n"
     "(with --out DIR their plans are kept in DIR/a and DIR/b).",
     "format out time-limit work-limit seed mip-gap iteration-limit now json quiet verbose log-format help",
     "cosched compare plans/monday plans/tuesday --format md"},
};
#define N_COMMANDS ((int)(sizeof commands / sizeof commands[0]))

/* The settings keys, as plan's help lists them. */
static void print_settings(FILE *fp)
{
    fprintf(fp, "\nsettings (settings.csv key,value rows; * also an option above):\n");
    for (int i = 0; i < cosched_settings_count(); i++) {
        cosched_setting_doc s;
        if (cosched_setting_doc_get(i, &s) != COSCHED_OK || !s.in_file)
            continue;
        fprintf(fp, "  %-26s %s%s; %s%s%s\n", s.key, s.help, s.in_options ? " *" : "", s.range,
                s.dflt[0] != '\0' ? ", default " : "", s.dflt);
    }
}

static void command_help(FILE *fp, int c)
{
    fprintf(fp, "usage: %s\n\n%s\n\noptions:\n", commands[c].usage, commands[c].about);
    for (int i = 0; i < N_OPTIONS; i++) {
        const char *list = commands[c].options;
        size_t len = strlen(options[i].long_name);
        for (const char *p = strstr(list, options[i].long_name); p != NULL;
             p = strstr(p + 1, options[i].long_name)) {
            if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0')) {
                print_option(fp, &options[i]);
                break;
            }
        }
    }
    if (strcmp(commands[c].name, "plan") == 0)
        print_settings(fp);
    fprintf(fp, "\nexample:\n  %s\n", commands[c].example);
}

/* ---- --json: exactly one object on stdout ---- */

static struct {
    int on;                /* --json was given */
    int full;              /* --json=full: plan embeds its blocks and orders */
    int printed;           /* the object is out */
    char error[512];       /* the last error message, for the error object */
    cosched_diags *diags;  /* diagnostics to include (owned) */
    json_t *extra;         /* more members for the result object (owned), or NULL */
} jout;

/* Seconds on a monotonic clock, and when the process started: --time-limit bounds the
 * whole `plan` run, loading and writing included. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double started_at;

/* Writing a plan costs about 12 microseconds per order on a 2-core machine (plan.csv,
 * order_schedule.csv, report.html and their fsync; 1.15 s for 100,000 orders). The dispatch
 * lists add 60% to the instructions of writing (callgrind, 5,000 orders on 20 lines: 65 of
 * 173 million), so about 19 microseconds per order now. */
#define WRITE_SECONDS_PER_ORDER 1.9e-5

/* A JSON string of @p s, or null for NULL. Text that is not UTF-8 (a path given so) has
 * each byte above 0x7F shown as '?', as JSON holds only UTF-8. */
static json_t *json_text(const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *j = json_string(s);
    if (j != NULL)
        return j;
    char *ascii = strdup(s);
    if (ascii == NULL)
        return NULL;
    for (char *c = ascii; *c != '\0'; c++) {
        if ((unsigned char)*c > 0x7F)
            *c = '?';
    }
    j = json_string(ascii);
    free(ascii);
    return j;
}

/* Print @p obj (consumed) compactly on one line of stdout; false on ENOMEM. */
static bool print_json_object(json_t *obj)
{
    /* 15 significant digits, as summary.json: the summary embedded reads the same. */
    char *text = obj != NULL ? json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                                   JSON_REAL_PRECISION(15))
                             : NULL;
    json_decref(obj);
    if (text == NULL)
        return false;
    puts(text);
    free(text);
    return true;
}

/* ---- stderr: text, or JSON lines with --log-format json ---- */

static int log_json; /* --log-format json */

/* The current UTC time as 2026-03-01T06:00:00.123Z. */
static void utc_timestamp(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, size - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

/* One JSON line on stderr: time, level and message, then the members of @p extra
 * (consumed; may be NULL). */
static void emit_json(const char *level, const char *msg, json_t *extra)
{
    char at[40];
    utc_timestamp(at, sizeof at);
    json_t *obj = json_pack("{s:s,s:s,s:o}", "time", at, "level", level, "message",
                            json_text(msg));
    if (obj != NULL && extra != NULL)
        json_object_update(obj, extra);
    json_decref(extra);
    char *text = obj != NULL ? json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(obj);
    if (text != NULL)
        fprintf(stderr, "%s\n", text);
    free(text);
}

/* A line of human text on stderr; with --log-format json a JSON line of @p level. */
static void say(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const char *level, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (log_json)
        emit_json(level, msg, NULL);
    else
        fprintf(stderr, "%s\n", msg);
}

/* The diagnostics of @p d on stderr: GNU style, or one JSON line each. */
static void print_diags(const cosched_diags *d)
{
    if (!log_json) {
        cosched_diags_print(d, stderr);
        return;
    }
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        emit_json(g->severity == COSCHED_SEV_ERROR ? "error" : "warning", g->message,
                  json_pack("{s:o,s:I,s:o,s:s}", "file", json_text(g->file), "line",
                            (json_int_t)g->line, "column", json_text(g->column), "code",
                            g->code));
    }
    if (cosched_diags_truncated(d))
        emit_json("error", "more diagnostics than are kept; only the first are shown", NULL);
}

/* The plan's human summary on stderr; with --log-format json one info line per line. */
static void print_summary(const cosched_scenario *sc, const cosched_plan *plan)
{
    if (!log_json) {
        cosched_plan_print_summary(sc, plan, stderr);
        return;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (fp == NULL)
        return;
    cosched_plan_print_summary(sc, plan, fp);
    fclose(fp);
    for (char *line = text, *nl; line != NULL && *line != '\0'; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl != NULL)
            *nl = '\0';
        emit_json("info", line, NULL);
    }
    free(text);
}

/* The envelope of every command: {"ok":bool,"exit_code":N,"schema_version":1,
 * "cosched_version":"...","error":"..."|null,"errors":N,"diagnostics":[...]}, then the
 * command's own members (jout.extra). */
static void print_result_json(int rc)
{
    const cosched_diags *d = jout.diags;
    json_t *obj = json_object();
    json_t *diags = json_array();
    bool ok = obj != NULL && diags != NULL;
    ok = ok && json_object_set_new(obj, "ok", json_boolean(rc == 0)) == 0;
    ok = ok && json_object_set_new(obj, "exit_code", json_integer(rc)) == 0;
    ok = ok && json_object_set_new(obj, "schema_version",
                                   json_integer(COSCHED_SCHEMA_VERSION)) == 0;
    ok = ok && json_object_set_new(obj, "cosched_version", json_string(COSCHED_VERSION)) == 0;
    ok = ok && json_object_set_new(obj, "error",
                                   json_text(jout.error[0] != '\0' ? jout.error : NULL)) == 0;
    ok = ok && json_object_set_new(obj, "errors",
                                   json_integer(d ? cosched_diags_n_errors(d) : 0)) == 0;
    for (int i = 0; ok && d != NULL && i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        const char *severity = g->severity == COSCHED_SEV_ERROR ? "error" : "warning";
        json_t *e = json_object();
        ok = e != NULL && json_array_append_new(diags, e) == 0;
        ok = ok && json_object_set_new(e, "severity", json_string(severity)) == 0;
        ok = ok && json_object_set_new(e, "file", json_text(g->file ? g->file : "")) == 0;
        ok = ok && json_object_set_new(e, "line", json_integer(g->line)) == 0;
        ok = ok && json_object_set_new(e, "column", json_text(g->column)) == 0;
        ok = ok && json_object_set_new(e, "message", json_text(g->message)) == 0;
        ok = ok && json_object_set_new(e, "code", json_text(g->code)) == 0;
    }
    if (ok) {
        ok = json_object_set_new(obj, "diagnostics", diags) == 0;
        diags = NULL;
    }
    if (ok && jout.extra != NULL)
        ok = json_object_update(obj, jout.extra) == 0;
    json_decref(diags);
    if (!ok) {
        json_decref(obj);
        obj = NULL;
    }
    if (!print_json_object(obj)) /* out of memory: still one object, from fixed parts */
        printf("{\"ok\":false,\"exit_code\":%d,\"schema_version\":%d,"
               "\"cosched_version\":\"%s\",\"error\":\"out of memory\",\"errors\":0,"
               "\"diagnostics\":[]}\n",
               rc, COSCHED_SCHEMA_VERSION, COSCHED_VERSION);
    jout.printed = 1;
}

/* Keep @p d for the JSON object (it replaces any kept before). */
static void keep_diags(cosched_diags *d)
{
    if (jout.diags != d)
        cosched_diags_free(jout.diags);
    jout.diags = d;
}

/* "cosched: MESSAGE" on stderr, remembered for the JSON error object. */
static void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(jout.error, sizeof jout.error, fmt, ap);
    va_end(ap);
    say("error", "cosched: %s", jout.error);
}

static int usage_error(const char *fmt, const char *what)
{
    char msg[400];
    snprintf(msg, sizeof msg, fmt, what);
    errorf("%s", msg);
    if (!log_json)
        fprintf(stderr, "try 'cosched --help'\n");
    return EXIT_USAGE;
}

static int find_option(const char *name, size_t len, char short_name)
{
    for (int i = 0; i < N_OPTIONS; i++) {
        if (short_name ? options[i].short_name == short_name
                       : (strlen(options[i].long_name) == len &&
                          strncmp(options[i].long_name, name, len) == 0))
            return i;
    }
    return -1;
}

/* The usage error for the unknown option @p s, with the option it most likely mistypes. */
static int unknown_option(const char *s)
{
    const char *names[N_OPTIONS];
    for (int i = 0; i < N_OPTIONS; i++)
        names[i] = options[i].long_name;
    char word[128];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(s + 2, "="), s + 2);
    const char *guess = s[1] == '-' ? cosched_suggest(word, names, N_OPTIONS) : NULL;
    if (guess == NULL)
        return usage_error("unknown option '%s'", s);
    char msg[300];
    snprintf(msg, sizeof msg, "unknown option '%.100s'; did you mean '--%s'?", s, guess);
    return usage_error("%s", msg);
}

/* Accepts --opt=v, --opt v and -o v. Returns 0 or an exit code. */
static int parse_args(int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof *a);
    for (int k = 1; k < argc; k++) {
        const char *s = argv[k];
        if (s[0] == '-' && s[1] != '\0') {
            int idx;
            const char *inline_value = NULL;
            if (s[1] == '-') {
                const char *name = s + 2;
                const char *eq = strchr(name, '=');
                size_t len = eq ? (size_t)(eq - name) : strlen(name);
                idx = find_option(name, len, 0);
                if (eq)
                    inline_value = eq + 1;
            } else {
                idx = s[2] == '\0' ? find_option(NULL, 0, s[1]) : -1;
            }
            if (idx < 0)
                return unknown_option(s);
            if (options[idx].arg) {
                if (inline_value == NULL) {
                    if (k + 1 >= argc)
                        return usage_error("option '%s' needs a value", s);
                    inline_value = argv[++k];
                }
                a->value[idx] = inline_value;
            } else if (inline_value && strcmp(options[idx].long_name, "json") == 0) {
                if (strcmp(inline_value, "full") != 0)
                    return usage_error("option '--json': expected no value or 'full', got "
                                       "'%s'", inline_value);
                jout.full = 1;
            } else if (inline_value) {
                return usage_error("option '%s' takes no value", s);
            }
            a->set[idx] = 1;
        } else if (a->command == NULL) {
            a->command = s;
        } else if (a->n_positional < 2) {
            a->positional[a->n_positional++] = s;
        } else {
            return usage_error("unexpected argument '%s'", s);
        }
    }
    return 0;
}

static int opt_index(const char *long_name)
{
    return find_option(long_name, strlen(long_name), 0);
}
static const char *opt_value(const cli_args *a, const char *long_name)
{
    int i = opt_index(long_name);
    return a->set[i] ? a->value[i] : NULL;
}
static int opt_flag(const cli_args *a, const char *long_name)
{
    return a->set[opt_index(long_name)];
}

/* The number of the first stop signal (SIGINT or SIGTERM), 0 before one came. */
static volatile sig_atomic_t stop_requested;
/* When the first one came: only on_signal() reads and writes it, with both signals blocked. */
static struct timespec stop_requested_at;
/* A repeat of the first signal within this many seconds is the same request: coreutils
 * `timeout` sends SIGTERM to the child and then to its whole process group, and a shell or a
 * supervisor may do the same, so one request often arrives twice. */
#define SAME_REQUEST_SECONDS 1.0

static void on_signal(int sig)
{
    int saved_errno = errno;
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
        now = stop_requested_at;
    if (stop_requested == 0) {
        stop_requested_at = now;
        stop_requested = sig;
        errno = saved_errno;
        return;
    }
    double since = (double)(now.tv_sec - stop_requested_at.tv_sec) +
                   (double)(now.tv_nsec - stop_requested_at.tv_nsec) / 1e9;
    if (sig != stop_requested || since >= SAME_REQUEST_SECONDS)
        _exit(128 + sig); /* a second request: leave at once, previous plan files untouched */
    errno = saved_errno;
}

/* Catch SIGINT and SIGTERM from now on; each handler runs with both blocked. */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static int should_stop(void *ud)
{
    (void)ud;
    return stop_requested != 0;
}

/* The figures of a progress line ("  1.25s  obj 2042  bound 1262  gap 38.2%  local-search",
 * README "Command line") as JSON members, or NULL for another message. */
static json_t *progress_fields(const char *msg)
{
    double elapsed, obj;
    char bound[32], gap[32], method[32];
    int end = 0;
    if (sscanf(msg, " %lfs obj %lf bound %31s gap %31s %31s%n", &elapsed, &obj, bound, gap,
               method, &end) != 5 || msg[end] != '\0')
        return NULL;
    char *stop;
    double b = strtod(bound, &stop);
    json_t *jb = *stop == '\0' ? json_real(b) : json_null();
    double g = strtod(gap, &stop);
    json_t *jg = strcmp(stop, "%") == 0 ? json_real(g) : json_null();
    return json_pack("{s:f,s:f,s:o,s:o,s:s}", "elapsed_s", elapsed, "objective", obj, "bound",
                     jb, "gap_percent", jg, "method", method);
}

static void log_to_stderr(void *ud, cosched_log_level level, const char *msg)
{
    (void)ud;
    const char *name = level == COSCHED_LOG_ERROR ? "error"
                       : level == COSCHED_LOG_INFO ? "info" : "debug";
    if (log_json) {
        emit_json(name, msg + strspn(msg, " "), progress_fields(msg));
    } else {
        char at[40];
        utc_timestamp(at, sizeof at);
        fprintf(stderr, "%s %s\n", at, msg);
    }
}

static int status_exit(cosched_status st)
{
    switch (st) {
    case COSCHED_OK: return 0;
    case COSCHED_ENOENT: return EXIT_NOINPUT;
    case COSCHED_EINPUT: return EXIT_DATAERR;
    case COSCHED_EIO: return EXIT_NOINPUT;
    case COSCHED_EWRITE: return EXIT_CANTCREAT;
    case COSCHED_EINVAL: return EXIT_USAGE;
    case COSCHED_EINTERNAL: return EXIT_SOFTWARE;
    case COSCHED_ETIMEOUT: return EXIT_NO_PLAN; /* the time limit passed while loading */
    default: return EXIT_SOFTWARE;
    }
}

/* Load a scenario and print its diagnostics; returns 0 or an exit code. */
static int load_scenario(const char *dir, const cosched_load_options *lo,
                         cosched_scenario **sc, int quiet)
{
    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return EXIT_SOFTWARE;
    cosched_status st = cosched_scenario_load_with(dir, lo, d, sc);
    if (st != COSCHED_OK || !quiet)
        print_diags(d);
    keep_diags(d);
    int rc = status_exit(st);
    if (rc == EXIT_DATAERR)
        snprintf(jout.error, sizeof jout.error, "%s: %d input error%s", dir,
                 cosched_diags_n_errors(d), cosched_diags_n_errors(d) == 1 ? "" : "s");
    else if (rc == EXIT_NOINPUT)
        snprintf(jout.error, sizeof jout.error, "%s: input missing", dir);
    else if (st == COSCHED_ETIMEOUT)
        errorf("%s: time limit reached while loading the scenario; nothing planned", dir);
    else if (rc != 0)
        errorf("%s: %s", dir, cosched_status_str(st));
    return rc;
}

/* How cosched_solve prefixes the previous plan's warnings among a re-plan's. */
#define PREVIOUS_PLAN_WARNING "previous plan: "

/* Read the previous plan of a re-plan; its warnings (orders dropped) are printed too. */
static int load_previous(const cosched_scenario *sc, const char *dir, cosched_previous **prev)
{
    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return EXIT_SOFTWARE;
    cosched_status st = cosched_previous_load(sc, dir, d, prev);
    /* Its warnings are printed now, as FILE:LINE diagnostics; cosched_solve also adds them
     * to the new plan's warnings (prefixed "previous plan: "), for summary.json. */
    print_diags(d);
    if (st != COSCHED_OK)
        keep_diags(d);
    else
        cosched_diags_free(d);
    int rc = status_exit(st);
    if (rc == EXIT_DATAERR)
        snprintf(jout.error, sizeof jout.error, "%s: previous plan has errors", dir);
    else if (rc == EXIT_NOINPUT)
        snprintf(jout.error, sizeof jout.error, "%s: previous plan missing", dir);
    else if (rc != 0)
        errorf("%s: %s", dir, cosched_status_str(st));
    return rc;
}

static int set_option(cosched_options *opt, const cli_args *a, const char *cli_name,
                      const char *key)
{
    const char *v = opt_value(a, cli_name);
    if (v == NULL)
        return 0;
    if (cosched_options_set(opt, key, v) != COSCHED_OK) {
        errorf("option '--%s': invalid value '%s'", cli_name, v);
        if (!log_json)
            fprintf(stderr, "try 'cosched --help'\n");
        return EXIT_USAGE;
    }
    return 0;
}

static int plan_options(const cli_args *a, cosched_options *opt)
{
    cosched_options_init(opt);
    int rc;
    if ((rc = set_option(opt, a, "time-limit", "time_limit_s")) ||
        (rc = set_option(opt, a, "seed", "seed")) ||
        (rc = set_option(opt, a, "mip-gap", "mip_gap")) ||
        (rc = set_option(opt, a, "work-limit", "work_limit")) ||
        (rc = set_option(opt, a, "iteration-limit", "iteration_limit")) ||
        (rc = set_option(opt, a, "freeze-hours", "freeze_hours")))
        return rc;
    if (!opt_flag(a, "quiet")) {
        opt->log = log_to_stderr;
        opt->log_level = opt_flag(a, "verbose") ? COSCHED_LOG_DEBUG : COSCHED_LOG_INFO;
    }
    opt->should_stop = should_stop;
    return 0;
}

/* What is left of the run's time limit @p limit (the option's value) for loading: the
 * scenario's own time_limit_s when the command line gives none (< 0), no bound for a limit
 * of 0 (the first plan found), else the rest, and a moment at least, so that a load that
 * comes too late stops at once rather than without a bound. */
static double load_time_left(double limit)
{
    if (limit <= 0.0)
        return limit;
    double left = limit - (now_s() - started_at);
    return left > 1e-3 ? left : 1e-3;
}

/* Load @p scenario with --now, and the previous plan @p prev_dir (NULL: none) against it.
 * With --actuals-from-previous the statuses the previous plan implies at now are applied to
 * the orders the scenario leaves open, which needs the scenario loaded once without them. */
static int load_with_previous(const cli_args *a, const char *scenario, const char *prev_dir,
                              double time_limit_s, cosched_scenario **sc,
                              cosched_previous **prev)
{
    int quiet = opt_flag(a, "quiet");
    cosched_load_options lo;
    cosched_load_options_init(&lo);
    lo.now = opt_value(a, "now");
    lo.time_limit_s = load_time_left(time_limit_s);
    int rc = load_scenario(scenario, &lo, sc, quiet);
    if (rc == 0 && prev_dir != NULL)
        rc = load_previous(*sc, prev_dir, prev);
    if (rc != 0 || !opt_flag(a, "actuals-from-previous")) {
        if (rc != 0)
            cosched_scenario_free(*sc);
        return rc;
    }
    cosched_actual *acts = NULL;
    int n_acts = 0;
    cosched_status st = cosched_previous_actuals(*sc, *prev, &acts, &n_acts);
    cosched_previous_free(*prev);
    cosched_scenario_free(*sc);
    *prev = NULL;
    *sc = NULL;
    if (st != COSCHED_OK) {
        errorf("actuals from %s: %s", prev_dir, cosched_status_str(st));
        return status_exit(st);
    }
    lo.actuals = acts;
    lo.n_actuals = n_acts;
    lo.time_limit_s = load_time_left(time_limit_s);
    rc = load_scenario(scenario, &lo, sc, 1);
    cosched_actuals_free(acts, n_acts);
    if (rc == 0 && (rc = load_previous(*sc, prev_dir, prev)) != 0)
        cosched_scenario_free(*sc);
    return rc;
}

/* The plan's blocks as plan.csv has them, one object per row with its column names. */
static json_t *blocks_json(const cosched_scenario *sc, const cosched_plan *plan)
{
    static const char *const kinds[] = {"changeover", "production", "cleaning"};
    json_t *a = json_array();
    for (int i = 0; a != NULL && i < cosched_plan_n_blocks(plan); i++) {
        cosched_block b;
        if (cosched_plan_get_block(sc, plan, i, &b) != COSCHED_OK) {
            json_decref(a);
            return NULL;
        }
        json_t *o = json_pack("{s:o,s:i,s:s,s:o,s:o,s:o,s:f,s:s,s:s,s:i,s:f}", "line_id",
                              json_text(b.line_id), "seq", b.seq, "kind", kinds[b.kind],
                              "order_id", json_text(b.order_id), "product_id",
                              json_text(b.product_id), "from_product_id",
                              json_text(b.from_product_id), "quantity", b.quantity, "start",
                              b.start, "end", b.end, "minutes", (int)b.minutes, "cost", b.cost);
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* The orders as order_schedule.csv has them; line_ids lists every line an order runs on. */
static json_t *orders_json(const cosched_scenario *sc, const cosched_plan *plan)
{
    json_t *a = json_array();
    for (int i = 0; a != NULL && i < cosched_plan_n_orders(plan); i++) {
        cosched_order_result r;
        json_t *lines = json_array();
        if (lines == NULL || cosched_plan_get_order(sc, plan, i, &r) != COSCHED_OK) {
            json_decref(lines);
            json_decref(a);
            return NULL;
        }
        for (int j = 0; j < r.n_lines; j++)
            json_array_append_new(lines, json_text(cosched_plan_order_line(sc, plan, i, j)));
        json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:s,s:o}", "order_id", json_text(r.order_id),
                              "line_ids", lines, "start",
                              r.scheduled ? json_string(r.start) : json_null(), "end",
                              r.scheduled ? json_string(r.end) : json_null(), "due", r.due,
                              "tardiness_minutes",
                              r.scheduled ? json_integer(r.tardiness_minutes) : json_null());
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* plan's result members: "out" (the plan folder, null when nothing was written), "summary"
 * (summary.json) and, with --json=full, "plan" (its blocks and orders). NULL on ENOMEM. */
static json_t *plan_result_json(const cosched_scenario *sc, const cosched_plan *plan,
                                const char *out_dir)
{
    char *text = cosched_plan_summary_json(sc, plan);
    json_t *summary = text != NULL ? json_loads(text, 0, NULL) : NULL;
    free(text);
    json_t *res = json_pack("{s:o,s:o}", "out", json_text(out_dir), "summary", summary);
    if (res == NULL || !jout.full || out_dir == NULL)
        return res;
    json_t *full = json_pack("{s:o,s:o}", "blocks", blocks_json(sc, plan), "orders",
                             orders_json(sc, plan));
    if (full == NULL || json_object_set_new(res, "plan", full) != 0) {
        json_decref(res);
        return NULL;
    }
    return res;
}

/* Plan @p scenario into @p out_dir; with @p print_json, the result object gets the summary
 * (and with --json=full the plan). */
static int plan_scenario(const cli_args *a, const char *scenario, const char *out_dir,
                         int print_json)
{
    int quiet = opt_flag(a, "quiet");
    cosched_options opt;
    int rc = plan_options(a, &opt);
    if (rc != 0)
        return rc;
    /* From here on a stop request gives a plan: one during loading stops the search at
     * once, and the first heuristic's plan is written. */
    catch_stop_signals();
    cosched_scenario *sc = NULL;
    cosched_previous *prev = NULL;
    const char *prev_dir = opt_value(a, "previous");
    if ((rc = load_with_previous(a, scenario, prev_dir, opt.time_limit_s, &sc, &prev)) != 0)
        return rc;
    opt.previous = prev;
    /* What loading took, and what writing will take, come out of the solve's time. */
    opt.reserve_s = (now_s() - started_at) +
                    WRITE_SECONDS_PER_ORDER * cosched_scenario_n_orders(sc);

    /* An output that cannot be written is found now, not after the whole solve. */
    cosched_diags *wd = cosched_diags_create(5);
    cosched_status wst = wd ? cosched_plan_dir_check(out_dir, wd) : COSCHED_ENOMEM;
    if (wd)
        cosched_diags_print(wd, stderr);
    keep_diags(wd);
    if (wst != COSCHED_OK) {
        errorf("%s cannot be written: %s; nothing planned", out_dir, cosched_status_str(wst));
        cosched_previous_free(prev);
        cosched_scenario_free(sc);
        return wst == COSCHED_EWRITE ? EXIT_CANTCREAT : EXIT_SOFTWARE;
    }

    cosched_plan *plan = NULL;
    cosched_status st = cosched_solve(sc, &opt, &plan);
    /* The run's warnings are printed after the plan, but for the previous plan's: those
     * were printed when it was read. */
    int own_warnings = st == COSCHED_OK ? cosched_plan_n_warnings(plan) : 0;
    if (st != COSCHED_OK) {
        errorf("solve failed: %s", cosched_status_str(st));
        cosched_plan_free(plan);
        cosched_previous_free(prev);
        cosched_scenario_free(sc);
        return EXIT_SOFTWARE; /* every option was checked before: a failure here is ours */
    }
    const cosched_result *res = cosched_plan_result(plan);
    if (res->outcome == COSCHED_OUTCOME_INFEASIBLE || res->outcome == COSCHED_OUTCOME_NO_SOLUTION) {
        errorf("no feasible plan (%s); %s left as it was", cosched_outcome_str(res->outcome),
               out_dir);
        rc = EXIT_NO_PLAN;
    } else {
        cosched_diags *d = cosched_diags_create(20);
        st = d ? cosched_plan_write(sc, plan, out_dir, d) : COSCHED_ENOMEM;
        if (d)
            print_diags(d);
        keep_diags(d);
        if (st != COSCHED_OK) {
            errorf("plan not written: %s", cosched_status_str(st));
            rc = st == COSCHED_EWRITE ? EXIT_CANTCREAT
                 : st == COSCHED_EINPUT ? EXIT_DATAERR /* the plan would end too late */
                                        : EXIT_SOFTWARE;
        } else {
            if (!quiet) {
                print_summary(sc, plan);
                for (int i = 0; i < own_warnings; i++)
                    if (strncmp(cosched_plan_warning(plan, i), PREVIOUS_PLAN_WARNING,
                                strlen(PREVIOUS_PLAN_WARNING)) != 0)
                        say("warning", "cosched: warning: %s", cosched_plan_warning(plan, i));
                if (prev != NULL)
                    say("info", "orders moved to another line than in %s: %d",
                            prev_dir, cosched_plan_kpis(plan)->orders_moved);
                say("info", "plan written to %s/", out_dir);
            }
            rc = stop_requested ? EXIT_INTERRUPTED : EXIT_PLAN_OK;
        }
    }
    if (print_json && (rc == EXIT_PLAN_OK || rc == EXIT_INTERRUPTED || rc == EXIT_NO_PLAN)) {
        jout.extra = plan_result_json(sc, plan, rc == EXIT_NO_PLAN ? NULL : out_dir);
        if (jout.extra == NULL && rc != EXIT_NO_PLAN) {
            errorf("%s", "out of memory");
            rc = EXIT_SOFTWARE;
        }
    }
    cosched_plan_free(plan);
    cosched_previous_free(prev);
    cosched_scenario_free(sc);
    return rc;
}

static int cmd_plan(const cli_args *a)
{
    if (a->n_positional != 1)
        return usage_error("%s", "plan needs exactly one SCENARIO directory");
    if (opt_value(a, "freeze-hours") != NULL && opt_value(a, "previous") == NULL)
        return usage_error("%s", "--freeze-hours needs --previous PLAN_DIR");
    if (opt_value(a, "previous") != NULL && *opt_value(a, "previous") == '\0')
        return usage_error("%s", "--previous needs a plan directory");
    if (opt_flag(a, "actuals-from-previous") && opt_value(a, "previous") == NULL)
        return usage_error("%s", "--actuals-from-previous needs --previous PLAN_DIR");
    const char *out_dir = opt_value(a, "out");
    if (out_dir == NULL || *out_dir == '\0')
        return usage_error("%s", "plan needs --out DIR");
    if (strcmp(out_dir, "-") == 0)
        return usage_error("%s", "--out needs a directory; a plan is several files, not a stream");
    return plan_scenario(a, a->positional[0], out_dir, opt_flag(a, "json"));
}

static int cmd_validate(const cli_args *a)
{
    if (a->n_positional != 1)
        return usage_error("%s", "validate needs exactly one SCENARIO directory");
    cosched_scenario *sc = NULL;
    cosched_load_options lo;
    cosched_load_options_init(&lo);
    lo.now = opt_value(a, "now");
    int rc = load_scenario(a->positional[0], &lo, &sc, 0);
    if (rc == 0) {
        jout.extra = json_pack("{s:i,s:i}", "orders", cosched_scenario_n_orders(sc), "lines",
                               cosched_scenario_n_lines(sc));
        if (!opt_flag(a, "quiet"))
            say("info", "%s: valid: %d orders on %d lines", a->positional[0],
                    cosched_scenario_n_orders(sc), cosched_scenario_n_lines(sc));
    }
    cosched_scenario_free(sc);
    return rc;
}

static int is_file(const char *dir, const char *name);

static int cmd_check(const cli_args *a)
{
    if (a->n_positional != 2)
        return usage_error("%s", "check needs a SCENARIO directory and a PLAN_DIR");
    if (is_file(a->positional[0], "summary.json") && !is_file(a->positional[1], "summary.json"))
        return usage_error("check takes SCENARIO, then PLAN_DIR: the arguments look swapped "
                           "('%s' is a plan directory)", a->positional[0]);
    /* The plan was made at its summary's `now` and with the statuses it lists as taken
     * from a previous plan: the scenario is checked as the plan saw it (--now overrides). */
    cosched_scenario *sc = NULL;
    cosched_load_options lo;
    cosched_diags *d = cosched_diags_create(200);
    if (d == NULL)
        return EXIT_SOFTWARE;
    cosched_status st = cosched_plan_load_options(a->positional[1], d, &lo);
    if (st != COSCHED_OK) {
        print_diags(d);
        keep_diags(d);
        errorf("%s: summary.json: %s", a->positional[1], cosched_status_str(st));
        return status_exit(st);
    }
    char *plan_now = (char *)lo.now;
    if (opt_value(a, "now") != NULL)
        lo.now = opt_value(a, "now");
    int rc = load_scenario(a->positional[0], &lo, &sc, opt_flag(a, "quiet"));
    lo.now = plan_now;
    cosched_load_options_clear(&lo);
    if (rc != 0) {
        cosched_diags_free(d);
        return rc;
    }
    int n_violations = 0;
    st = cosched_plan_check(sc, a->positional[1], d, &n_violations);
    print_diags(d);
    keep_diags(d);
    switch (st) {
    case COSCHED_OK: rc = n_violations == 0 ? 0 : EXIT_VIOLATIONS; break;
    case COSCHED_ENOENT: rc = EXIT_NOINPUT; break;
    case COSCHED_EIO: rc = EXIT_NOINPUT; break; /* unreadable, or not a regular file */
    case COSCHED_EINPUT: rc = EXIT_DATAERR; break;
    default: rc = EXIT_SOFTWARE; break;
    }
    jout.extra = json_pack("{s:i}", "violations", n_violations);
    if (rc == EXIT_VIOLATIONS)
        snprintf(jout.error, sizeof jout.error, "%s: %d violation%s", a->positional[1],
                 n_violations, n_violations == 1 ? "" : "s");
    else if (rc != 0)
        snprintf(jout.error, sizeof jout.error, "%s: plan files missing or unreadable",
                 a->positional[1]);
    if (!opt_flag(a, "quiet")) {
        if (rc == 0)
            say("info", "%s: plan is valid", a->positional[1]);
        else if (rc == EXIT_VIOLATIONS)
            say("info", "%s: %d violation%s", a->positional[1], n_violations,
                    n_violations == 1 ? "" : "s");
    }
    cosched_scenario_free(sc);
    return rc;
}

/* ---- compare ---- */

static int is_file(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Remove a plan directory this run made (its files, then the directory). */
static void remove_plan_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n > 0 && (size_t)n < sizeof path)
            (void)unlink(path);
    }
    closedir(d);
    (void)rmdir(dir);
}

/* The local-search iterations of a scenario planned for compare when the caller sets no
 * --iteration-limit (a few seconds on a few hundred orders). */
#define COMPARE_ITERATIONS "20000"

static int cmd_compare(const cli_args *a)
{
    if (a->n_positional != 2)
        return usage_error("%s", "compare needs two plan directories or two scenarios");
    cosched_format fmt = COSCHED_FORMAT_MD;
    const char *f = opt_value(a, "format");
    /* --json: the comparison goes into the result object; --format json alone prints the
     * comparison document by itself, a format like md and csv. */
    if (opt_flag(a, "json") || (f != NULL && strcmp(f, "json") == 0))
        fmt = COSCHED_FORMAT_JSON;
    else if (f != NULL && strcmp(f, "csv") == 0)
        fmt = COSCHED_FORMAT_CSV;
    else if (f != NULL && strcmp(f, "md") != 0)
        return usage_error("option '--format': expected md, csv or json, got '%s'", f);
    if (opt_value(a, "previous") != NULL || opt_value(a, "freeze-hours") != NULL)
        return usage_error("%s", "--previous and --freeze-hours work with plan only");

    char made[2][4096] = { "", "" };
    char tmp_root[1024] = "";
    const char *dir[2];
    const char *scenario[2] = { NULL, NULL };
    int rc = 0;
    /* Two scenarios are planned with the same seed and, unless the caller sets one, the same
     * work limit, so that search noise does not show up as orders moved. */
    cli_args pa = *a;
    int il = opt_index("iteration-limit");
    if (!pa.set[il]) {
        pa.value[il] = COMPARE_ITERATIONS;
        pa.set[il] = 1;
    }
    for (int side = 0; side < 2 && rc == 0; side++) {
        const char *in = a->positional[side];
        if (is_file(in, "summary.json")) {
            dir[side] = in;
            continue;
        }
        if (!is_file(in, "settings.csv")) {
            errorf("%s: neither a plan directory (summary.json) nor a scenario (settings.csv)",
                   in);
            rc = EXIT_NOINPUT;
            break;
        }
        const char *out = opt_value(a, "out");
        if (out != NULL && strcmp(out, "-") == 0)
            return usage_error("%s", "--out needs a directory; a plan is several files, not a stream");
        if (out == NULL && tmp_root[0] == '\0') {
            const char *t = getenv("TMPDIR");
            snprintf(tmp_root, sizeof tmp_root, "%.900s/cosched-compare-XXXXXX",
                     t != NULL && *t != '\0' ? t : "/tmp");
            if (mkdtemp(tmp_root) == NULL) {
                errorf("cannot create a temporary directory: %s", strerror(errno));
                tmp_root[0] = '\0';
                rc = EXIT_CANTCREAT;
                break;
            }
        }
        snprintf(made[side], sizeof made[side], "%.4000s/%s", out != NULL ? out : tmp_root,
                 side == 0 ? "a" : "b");
        if (!opt_flag(a, "quiet"))
            say("info", "planning %s into %s", in, made[side]);
        started_at = now_s(); /* each plan has the whole time limit */
        rc = plan_scenario(&pa, in, made[side], 0);
        if (rc == EXIT_INTERRUPTED) {
            /* A plan cut short, set against one that had its time (or that is cut short
             * too), would show differences that are the signal's, not the scenarios'. */
            errorf("interrupted while planning %s: no comparison", in);
            break;
        }
        dir[side] = made[side];
        scenario[side] = in;
    }
    /* Search noise: A planned again with another seed; orders that change there too may
     * change between A and B for no reason of the what-if. */
    char noise_dir[4096] = "";
    if (rc == 0 && scenario[0] != NULL && scenario[1] != NULL) {
        cli_args pn = pa;
        int is = opt_index("seed");
        long seed = pn.set[is] ? strtol(pn.value[is], NULL, 10) : 1;
        char seed_text[32];
        snprintf(seed_text, sizeof seed_text, "%ld", seed + 1);
        pn.value[is] = seed_text;
        pn.set[is] = 1;
        snprintf(noise_dir, sizeof noise_dir, "%.4000s/a-reseeded",
                 opt_value(a, "out") != NULL ? opt_value(a, "out") : tmp_root);
        started_at = now_s();
        if (plan_scenario(&pn, scenario[0], noise_dir, 0) != 0)
            noise_dir[0] = '\0'; /* no noise probe: the comparison stands without it */
    }
    cosched_comparison *cmp = NULL;
    if (rc == 0) {
        cosched_diags *d = cosched_diags_create(50);
        cosched_status st = d ? cosched_compare_plans(dir[0], dir[1], d, &cmp) : COSCHED_ENOMEM;
        if (st == COSCHED_OK && (scenario[0] != NULL || scenario[1] != NULL))
            st = cosched_comparison_set_inputs(cmp, scenario[0], scenario[1],
                                               opt_value(a, "out") != NULL, d);
        if (st == COSCHED_OK && noise_dir[0] != '\0') {
            cosched_comparison *noise = NULL;
            st = cosched_compare_plans(dir[0], noise_dir, d, &noise);
            if (st == COSCHED_OK)
                st = cosched_comparison_set_noise(cmp, noise);
            cosched_comparison_free(noise);
        }
        if (d)
            print_diags(d);
        keep_diags(d);
        rc = status_exit(st);
        if (rc != 0)
            errorf("cannot compare %s and %s: %s", dir[0], dir[1], cosched_status_str(st));
    }
    if (rc == 0) {
        char *text = cosched_comparison_format(cmp, fmt);
        if (text == NULL) {
            errorf("%s", "out of memory");
            rc = EXIT_SOFTWARE;
        } else if (opt_flag(a, "json")) {
            json_t *doc = json_loads(text, 0, NULL);
            jout.extra = doc != NULL ? json_pack("{s:o}", "comparison", doc) : NULL;
            free(text);
            if (jout.extra == NULL) {
                errorf("%s", "out of memory");
                rc = EXIT_SOFTWARE;
            }
        } else {
            fputs(text, stdout);
            free(text);
        }
    }
    cosched_comparison_free(cmp);
    if (tmp_root[0] != '\0') {
        for (int side = 0; side < 2; side++) {
            if (made[side][0] != '\0')
                remove_plan_dir(made[side]);
        }
        if (noise_dir[0] != '\0')
            remove_plan_dir(noise_dir);
        (void)rmdir(tmp_root);
    }
    if (stop_requested && rc == 0)
        rc = EXIT_INTERRUPTED;
    return rc;
}

static int unknown_command(const char *command)
{
    const char *names[N_COMMANDS];
    for (int c = 0; c < N_COMMANDS; c++)
        names[c] = commands[c].name;
    const char *guess = cosched_suggest(command, names, N_COMMANDS);
    if (guess == NULL)
        return usage_error("unknown command '%s'", command);
    char msg[300];
    snprintf(msg, sizeof msg, "unknown command '%.100s'; did you mean '%s'?", command, guess);
    return usage_error("%s", msg);
}

static int run(int argc, char **argv)
{
    cli_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc;
    const char *log_format = opt_value(&a, "log-format");
    if (log_format != NULL && strcmp(log_format, "text") != 0 && strcmp(log_format, "json") != 0)
        return usage_error("option '--log-format': expected text or json, got '%s'", log_format);
    if (opt_flag(&a, "help")) {
        int c = 0;
        while (a.command != NULL && c < N_COMMANDS && strcmp(commands[c].name, a.command) != 0)
            c++;
        if (a.command != NULL && c == N_COMMANDS)
            return unknown_command(a.command);
        FILE *fp = jout.on ? stderr : stdout;
        if (a.command != NULL)
            command_help(fp, c);
        else
            usage(fp);
        return 0;
    }
    if (opt_flag(&a, "version")) {
        if (jout.on) {
            jout.extra = json_pack("{s:s}", "version", COSCHED_VERSION);
        } else {
            printf("cosched %s\n", COSCHED_VERSION);
        }
        return 0;
    }
    if (a.command == NULL)
        return usage_error("%s", "no command given");
    if (strcmp(a.command, "plan") == 0)
        return cmd_plan(&a);
    if (strcmp(a.command, "check") == 0)
        return cmd_check(&a);
    if (strcmp(a.command, "validate") == 0)
        return cmd_validate(&a);
    if (strcmp(a.command, "compare") == 0)
        return cmd_compare(&a);
    return unknown_command(a.command);
}

int main(int argc, char **argv)
{
    started_at = now_s();
    /* Known before parsing, so that even a usage error answers in JSON. */
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--json") == 0 || strcmp(argv[k], "-j") == 0 ||
            strncmp(argv[k], "--json=", 7) == 0)
            jout.on = 1;
        if (strcmp(argv[k], "--log-format=json") == 0 ||
            ((strcmp(argv[k], "--log-format") == 0 || strcmp(argv[k], "-L") == 0) &&
             k + 1 < argc && strcmp(argv[k + 1], "json") == 0))
            log_json = 1;
    }
    int rc = run(argc, argv);
    if (jout.on && !jout.printed)
        print_result_json(rc);
    /* A result that could not be delivered (stdout closed, a full disk, /dev/full) is a
     * failure, not success: a caller reading stdout would get nothing or half an object. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0) {
        fprintf(stderr, "cosched: error: cannot write to standard output: %s\n",
                strerror(errno));
        rc = EXIT_CANTCREAT;
    }
    cosched_diags_free(jout.diags);
    json_decref(jout.extra);
    return rc;
}
