/* cosched.c -- the command line program: parses arguments, calls libcosched, prints
 * diagnostics and maps statuses to the documented exit codes (README "Exit codes").
 * Human text goes to stderr; stdout carries only what --json asks for. */
#include "cosched.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    EXIT_PLAN_OK = 0,
    EXIT_VIOLATIONS = 1,  /* check: the plan breaks the contract */
    EXIT_NO_PLAN = 10,    /* no feasible plan exists or none was found */
    EXIT_USAGE = 64,      /* EX_USAGE */
    EXIT_DATAERR = 65,    /* EX_DATAERR: input has errors */
    EXIT_NOINPUT = 66,    /* EX_NOINPUT: scenario or plan files missing */
    EXIT_SOFTWARE = 70,   /* EX_SOFTWARE: internal error, out of memory */
    EXIT_CANTCREAT = 73,  /* EX_CANTCREAT: output cannot be written */
    EXIT_INTERRUPTED = 75 /* EX_TEMPFAIL: stopped by a signal; best plan so far written */
};

typedef struct {
    const char *long_name;
    char short_name;
    const char *arg; /* NULL: a flag */
    const char *help;
} option_spec;

static const option_spec options[] = {
    {"out", 'o', "DIR", "plan: directory to write plan.csv, order_schedule.csv, summary.json"},
    {"time-limit", 't', "S", "plan: wall-clock budget in seconds (overrides time_limit_s)"},
    {"seed", 's', "N", "plan: seed of the randomised search (overrides seed)"},
    {"mip-gap", 'g', "G", "plan: relative gap at which the MIP may stop (overrides mip_gap)"},
    {"iteration-limit", 'i', "N",
     "plan: local-search iterations; with it, results do not depend on machine speed"},
    {"json", 'j', NULL, "print summary.json (plan) or the result (check, validate) on stdout"},
    {"quiet", 'q', NULL, "no progress lines and no summary on stderr"},
    {"verbose", 'v', NULL, "more detail on stderr"},
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

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: cosched plan SCENARIO --out DIR [options]\n"
            "       cosched check SCENARIO PLAN_DIR [--json]\n"
            "       cosched validate SCENARIO [--json]\n"
            "       cosched --help | --version\n\n"
            "Plans production on changeover-sensitive lines from the CSV files of a scenario\n"
            "directory and writes a checked plan.\n\noptions:\n");
    for (int i = 0; i < N_OPTIONS; i++) {
        char left[64];
        snprintf(left, sizeof left, "-%c, --%s%s%s", options[i].short_name, options[i].long_name,
                 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
        fprintf(fp, "  %-26s %s\n", left, options[i].help);
    }
    fprintf(fp, "\nexit codes: 0 ok; 1 check found violations; 10 no feasible plan; 64 usage;\n"
                "65 input errors; 66 input missing; 70 internal error; 73 cannot write output;\n"
                "75 interrupted (best plan so far written)\n");
}

static int usage_error(const char *fmt, const char *what)
{
    fprintf(stderr, "cosched: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\ntry 'cosched --help'\n");
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
                return usage_error("unknown option '%s'", s);
            if (options[idx].arg) {
                if (inline_value == NULL) {
                    if (k + 1 >= argc)
                        return usage_error("option '%s' needs a value", s);
                    inline_value = argv[++k];
                }
                a->value[idx] = inline_value;
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

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    if (stop_requested)
        _exit(128 + sig); /* second signal: leave at once, previous plan files untouched */
    stop_requested = 1;
}

static int should_stop(void *ud)
{
    (void)ud;
    return stop_requested != 0;
}

static void log_to_stderr(void *ud, cosched_log_level level, const char *msg)
{
    (void)ud;
    (void)level;
    fprintf(stderr, "%s\n", msg);
}

/* Load a scenario and print its diagnostics; returns 0 or an exit code. */
static int load_scenario(const char *dir, cosched_scenario **sc, int quiet)
{
    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return EXIT_SOFTWARE;
    cosched_status st = cosched_scenario_load(dir, d, sc);
    if (st != COSCHED_OK || !quiet)
        cosched_diags_print(d, stderr);
    cosched_diags_free(d);
    switch (st) {
    case COSCHED_OK: return 0;
    case COSCHED_ENOENT: return EXIT_NOINPUT;
    case COSCHED_EINPUT: return EXIT_DATAERR;
    case COSCHED_EIO: return EXIT_NOINPUT;
    default:
        fprintf(stderr, "cosched: %s: %s\n", dir, cosched_status_str(st));
        return EXIT_SOFTWARE;
    }
}

static int set_option(cosched_options *opt, const cli_args *a, const char *cli_name,
                      const char *key)
{
    const char *v = opt_value(a, cli_name);
    if (v == NULL)
        return 0;
    if (cosched_options_set(opt, key, v) != COSCHED_OK) {
        fprintf(stderr, "cosched: option '--%s': invalid value '%s'\ntry 'cosched --help'\n",
                cli_name, v);
        return EXIT_USAGE;
    }
    return 0;
}

static int cmd_plan(const cli_args *a)
{
    if (a->n_positional != 1)
        return usage_error("%s", "plan needs exactly one SCENARIO directory");
    const char *out_dir = opt_value(a, "out");
    if (out_dir == NULL || *out_dir == '\0')
        return usage_error("%s", "plan needs --out DIR");
    int quiet = opt_flag(a, "quiet");

    cosched_options opt;
    cosched_options_init(&opt);
    int rc;
    if ((rc = set_option(&opt, a, "time-limit", "time_limit_s")) ||
        (rc = set_option(&opt, a, "seed", "seed")) ||
        (rc = set_option(&opt, a, "mip-gap", "mip_gap")) ||
        (rc = set_option(&opt, a, "iteration-limit", "iteration_limit")))
        return rc;
    if (!quiet) {
        opt.log = log_to_stderr;
        opt.log_level = opt_flag(a, "verbose") ? COSCHED_LOG_DEBUG : COSCHED_LOG_INFO;
    }
    opt.should_stop = should_stop;

    cosched_scenario *sc = NULL;
    if ((rc = load_scenario(a->positional[0], &sc, quiet)) != 0)
        return rc;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    cosched_plan *plan = NULL;
    cosched_status st = cosched_solve(sc, &opt, &plan);
    if (st != COSCHED_OK) {
        fprintf(stderr, "cosched: solve failed: %s\n", cosched_status_str(st));
        cosched_scenario_free(sc);
        return st == COSCHED_EINVAL ? EXIT_USAGE : EXIT_SOFTWARE;
    }
    const cosched_result *res = cosched_plan_result(plan);
    if (res->outcome == COSCHED_OUTCOME_INFEASIBLE || res->outcome == COSCHED_OUTCOME_NO_SOLUTION) {
        fprintf(stderr, "cosched: no feasible plan (%s); %s left as it was\n",
                cosched_outcome_str(res->outcome), out_dir);
        rc = EXIT_NO_PLAN;
    } else {
        cosched_diags *d = cosched_diags_create(20);
        st = d ? cosched_plan_write(sc, plan, out_dir, d) : COSCHED_ENOMEM;
        if (d)
            cosched_diags_print(d, stderr);
        cosched_diags_free(d);
        if (st != COSCHED_OK) {
            fprintf(stderr, "cosched: plan not written: %s\n", cosched_status_str(st));
            rc = st == COSCHED_EWRITE ? EXIT_CANTCREAT : EXIT_SOFTWARE;
        } else {
            if (!quiet) {
                cosched_plan_print_summary(sc, plan, stderr);
                fprintf(stderr, "plan written to %s/\n", out_dir);
            }
            rc = stop_requested ? EXIT_INTERRUPTED : EXIT_PLAN_OK;
        }
    }
    if (rc == EXIT_PLAN_OK || rc == EXIT_INTERRUPTED || rc == EXIT_NO_PLAN) {
        if (opt_flag(a, "json")) {
            char *json = cosched_plan_summary_json(sc, plan);
            if (json) {
                fputs(json, stdout);
                fputc('\n', stdout);
                free(json);
            }
        }
    }
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
    return rc;
}

static void print_json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(fp, "\\%c", *c);
        else if (*c < 0x20)
            fprintf(fp, "\\u%04x", *c);
        else
            fputc(*c, fp);
    }
    fputc('"', fp);
}

/* {"ok":bool,"violations":N,"diagnostics":[{file,line,column,severity,message}...]} */
static void print_diags_json(const cosched_diags *d, int ok, int count)
{
    printf("{\"ok\":%s,\"errors\":%d,\"diagnostics\":[", ok ? "true" : "false", count);
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        printf("%s{\"severity\":\"%s\",\"file\":", i ? "," : "",
               g->severity == COSCHED_SEV_ERROR ? "error" : "warning");
        print_json_string(stdout, g->file);
        printf(",\"line\":%ld,\"column\":", g->line);
        if (g->column)
            print_json_string(stdout, g->column);
        else
            printf("null");
        printf(",\"message\":");
        print_json_string(stdout, g->message);
        printf("}");
    }
    printf("]}\n");
}

static int cmd_validate(const cli_args *a)
{
    if (a->n_positional != 1)
        return usage_error("%s", "validate needs exactly one SCENARIO directory");
    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return EXIT_SOFTWARE;
    cosched_scenario *sc = NULL;
    cosched_status st = cosched_scenario_load(a->positional[0], d, &sc);
    cosched_diags_print(d, stderr);
    int rc = st == COSCHED_OK       ? 0
             : st == COSCHED_ENOENT ? EXIT_NOINPUT
             : st == COSCHED_EINPUT ? EXIT_DATAERR
             : st == COSCHED_EIO    ? EXIT_NOINPUT
                                    : EXIT_SOFTWARE;
    if (opt_flag(a, "json"))
        print_diags_json(d, rc == 0, cosched_diags_n_errors(d));
    if (rc == 0 && !opt_flag(a, "quiet"))
        fprintf(stderr, "%s: valid: %d orders on %d lines\n", a->positional[0],
                cosched_scenario_n_orders(sc), cosched_scenario_n_lines(sc));
    cosched_scenario_free(sc);
    cosched_diags_free(d);
    return rc;
}

static int cmd_check(const cli_args *a)
{
    if (a->n_positional != 2)
        return usage_error("%s", "check needs a SCENARIO directory and a PLAN_DIR");
    cosched_scenario *sc = NULL;
    int rc = load_scenario(a->positional[0], &sc, opt_flag(a, "quiet"));
    if (rc != 0)
        return rc;
    cosched_diags *d = cosched_diags_create(200);
    int n_violations = 0;
    cosched_status st = d ? cosched_plan_check(sc, a->positional[1], d, &n_violations)
                          : COSCHED_ENOMEM;
    if (d)
        cosched_diags_print(d, stderr);
    switch (st) {
    case COSCHED_OK: rc = n_violations == 0 ? 0 : EXIT_VIOLATIONS; break;
    case COSCHED_ENOENT: rc = EXIT_NOINPUT; break;
    case COSCHED_EINPUT: rc = EXIT_DATAERR; break;
    default: rc = EXIT_SOFTWARE; break;
    }
    if (opt_flag(a, "json") && d)
        print_diags_json(d, rc == 0, st == COSCHED_OK ? n_violations : cosched_diags_n_errors(d));
    if (!opt_flag(a, "quiet")) {
        if (rc == 0)
            fprintf(stderr, "%s: plan is valid\n", a->positional[1]);
        else if (rc == EXIT_VIOLATIONS)
            fprintf(stderr, "%s: %d violation%s\n", a->positional[1], n_violations,
                    n_violations == 1 ? "" : "s");
    }
    cosched_diags_free(d);
    cosched_scenario_free(sc);
    return rc;
}

int main(int argc, char **argv)
{
    cli_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc;
    if (opt_flag(&a, "help")) {
        usage(stdout);
        return 0;
    }
    if (opt_flag(&a, "version")) {
        printf("cosched %s\n", COSCHED_VERSION);
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
    return usage_error("unknown command '%s'", a.command);
}
