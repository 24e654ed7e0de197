/* scenario_load.c -- reads the files of a scenario directory, runs the loaders in dependency
 * order (settings, lines, products, orders, capabilities, changeovers, calendar) and the
 * checks across files, and gathers every problem in the diagnostics sink. A what-if scenario
 * names a `base` in settings.csv and holds only the files it changes: each other file is read
 * from the nearest base that has it, and messages name the file actually read. The value
 * readers the loaders share are load_values.c's. */
#include "input/input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- running the loaders ---- */

enum { F_SETTINGS, F_LINES, F_PRODUCTS, F_ORDERS, F_CAPABILITIES, F_CHANGEOVERS, F_CALENDAR,
       N_FILES };

static const struct {
    const char *name;
    bool required;
} files[N_FILES] = {
    [F_SETTINGS] = {"settings.csv", true},       [F_LINES] = {"lines.csv", true},
    [F_PRODUCTS] = {"products.csv", false},      [F_ORDERS] = {"orders.csv", true},
    [F_CAPABILITIES] = {"capabilities.csv", true}, [F_CHANGEOVERS] = {"changeovers.csv", true},
    [F_CALENDAR] = {"calendar.csv", false},
};

static void loader_free(cs_loader *L)
{
    cs_strmap_free(L->line_map);
    cs_strmap_free(L->product_map);
    cs_strmap_free(L->order_map);
    cs_strmap_free(L->family_map);
    cs_strmap_free(L->master_map);
    cs_strmap_free(L->actual_map);
    cs_strmap_free(L->done_map);
    if (L->initial_names != NULL && L->sc != NULL) {
        for (int i = 0; i < L->sc->n_lines; i++)
            free(L->initial_names[i]);
    }
    free(L->initial_names);
    free(L->initial_rows);
    free(L->master_family);
    free(L->master_line);
    free(L->rules);
}

/* A sanitation interval shorter than one unit of a product the line makes would cut every
 * unit into fractions between cleanings: an error at the line's row of lines.csv. */
static void check_interval_holds_a_unit(cs_loader *L)
{
    const cosched_scenario *sc = L->sc;
    for (int l = 0; l < sc->n_lines && !cs_diag_full(L->d); l++) {
        const cs_line *ln = &sc->lines[l];
        if (ln->max_run_minutes <= 0)
            continue;
        for (int p = 0; p < sc->n_products; p++) {
            if (!sc->products[p].has_orders ||
                !(sc->units_per_hour[(size_t)p * sc->n_lines + l] > 0))
                continue;
            int32_t unit = cs_scenario_run_minutes_for(sc, p, l, 1.0);
            if (unit > ln->max_run_minutes) {
                cs_diag_add(L->d, COSCHED_SEV_ERROR, L->lines_file, ln->src_line,
                            "max_run_minutes",
                            "column 'max_run_minutes': line '%s' needs %ld minutes for one unit "
                            "of '%s', more than its sanitation interval, got '%ld'",
                            ln->id, (long)unit, sc->products[p].id, (long)ln->max_run_minutes);
                break;
            }
        }
    }
}

/* Every loader returns OK or ENOMEM; input errors only go to the sink. Between the steps,
 * and inside the long ones, the load's deadline is checked (COSCHED_ETIMEOUT). */
static cosched_status run_loaders(cs_loader *L, cs_csvtab **tab, cs_csvtab *const *settings,
                                  int n_settings, bool all_read, const char *orders_file,
                                  const char *changeovers_file)
{
    if (tab[F_SETTINGS] != NULL)
        CS_TRY(cs_load_settings_chain(L, (const cs_csvtab *const *)settings, n_settings));
    cs_load_now_override(L);
    if (tab[F_LINES] != NULL)
        CS_TRY(cs_load_lines(L, tab[F_LINES]));
    cs_load_apply_now(L);
    if (tab[F_PRODUCTS] != NULL)
        CS_TRY(cs_load_products(L, tab[F_PRODUCTS]));
    if (tab[F_ORDERS] != NULL)
        CS_TRY(cs_load_orders(L, tab[F_ORDERS]));
    CS_TRY(cs_load_initial_products(L));
    CS_TRY(cs_load_check_deadline(L, "reading the orders"));
    /* Without lines.csv every line id elsewhere would be reported as unknown: skip the files
     * that refer to lines rather than flood the caller. */
    if (tab[F_LINES] == NULL)
        return COSCHED_OK;
    /* A rejected capability or rule row would reappear as "no line can make" or "no rule"
     * errors: those are reported only when their file was clean. */
    int before = cosched_diags_n_errors(L->d);
    if (tab[F_CAPABILITIES] != NULL)
        CS_TRY(cs_load_capabilities(L, tab[F_CAPABILITIES]));
    bool caps_clean = cosched_diags_n_errors(L->d) == before;
    if (tab[F_CAPABILITIES] != NULL && caps_clean)
        cs_load_actuals_check(L, orders_file);
    before = cosched_diags_n_errors(L->d);
    if (tab[F_CHANGEOVERS] != NULL)
        CS_TRY(cs_load_changeovers(L, tab[F_CHANGEOVERS]));
    bool rules_clean = cosched_diags_n_errors(L->d) == before;
    if (tab[F_CALENDAR] != NULL)
        CS_TRY(cs_load_calendar(L, tab[F_CALENDAR]));
    CS_TRY(cs_load_check_deadline(L, "reading capabilities, changeovers and calendar"));
    /* Checks across files need every required file; with one missing they would only repeat
     * its absence in other words. */
    if (!all_read)
        return COSCHED_OK;
    cosched_status st = cs_changeover_resolve(L->sc, L->rules, L->n_rules,
                                              rules_clean && caps_clean, changeovers_file,
                                              L->deadline, L->d);
    CS_TRY(st == COSCHED_ETIMEOUT ? cs_load_check_deadline(L, "resolving the changeover rules")
                                  : st);
    cs_load_check_factors(L, settings, n_settings, orders_file, changeovers_file);
    if (caps_clean)
        check_interval_holds_a_unit(L);
    st = cs_scenario_validate(L->sc, caps_clean, orders_file, L->deadline, L->d);
    CS_TRY(st == COSCHED_ETIMEOUT ? cs_load_check_deadline(L, "checking the orders' sizes") : st);
    if (caps_clean)
        CS_TRY(cs_load_pins(L->sc, orders_file, L->d));
    if (cosched_diags_n_errors(L->d) == 0)
        cs_priorities_apply(L->sc);
    return COSCHED_OK;
}

/* Copy the warnings of this load (entries @p from.. of @p d) into the scenario. */
static cosched_status keep_warnings(cosched_scenario *sc, const cosched_diags *d, int from)
{
    for (int i = from; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (g == NULL || g->severity != COSCHED_SEV_WARNING)
            continue;
        char **grown = cs_reallocarray(sc->load_warnings, (size_t)sc->n_load_warnings + 1,
                                       sizeof *grown);
        if (grown == NULL)
            return COSCHED_ENOMEM;
        sc->load_warnings = grown;
        int n = g->line > 0 ? snprintf(NULL, 0, "%s:%ld: %s", g->file, g->line, g->message)
                            : snprintf(NULL, 0, "%s: %s", g->file, g->message);
        char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (text == NULL)
            return COSCHED_ENOMEM;
        if (g->line > 0)
            snprintf(text, (size_t)n + 1, "%s:%ld: %s", g->file, g->line, g->message);
        else
            snprintf(text, (size_t)n + 1, "%s: %s", g->file, g->message);
        sc->load_warnings[sc->n_load_warnings++] = text;
    }
    return COSCHED_OK;
}

/* 0 when @p path is a directory, else why not: ENOENT, ENOTDIR (a file), ELOOP, EACCES... */
static int dir_error(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return errno;
    return S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;
}

/* The end of "directory 'X' ..." for dir_error()'s answer; @p buf holds it if needed. */
static const char *dir_problem(int err, char *buf, size_t size)
{
    if (err == ENOENT)
        return "is missing";
    if (err == ENOTDIR)
        return "is not a directory";
    snprintf(buf, size, "cannot be read: %s", strerror(err));
    return buf;
}

/* ---- what-if chains ---- */

enum { MAX_BASES = 16 };

typedef struct {
    char *dir[MAX_BASES + 1];          /* dir[0]: the scenario; dir[i + 1]: base of dir[i] */
    cs_csvtab *settings[MAX_BASES + 1]; /* their settings.csv; the chain ends at a NULL */
    int n;                             /* directories in the chain */
    int n_settings;                    /* leading entries of settings that were read */
    cosched_status settings_st;        /* how reading the scenario's own settings.csv went */
    bool missing;                      /* a base directory does not exist */
    bool broken;                       /* an empty base, a cycle or too many bases */
} chain;

static void chain_free(chain *c)
{
    for (int i = 0; i < c->n; i++) {
        cs_csvtab_free(c->settings[i]);
        free(c->dir[i]);
    }
}

static bool same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Follow `base` from @p dir. Broken links are input errors at the settings.csv line that
 * names them; the chain then ends there. Only ENOMEM is returned as an error. */
static cosched_status chain_build(chain *c, const char *dir, const char *ovr_name,
                                  const char *ovr_buf, size_t ovr_len, cosched_diags *d)
{
    char *cur = cs_strdup(dir);
    if (cur == NULL)
        return COSCHED_ENOMEM;
    for (;;) {
        int i = c->n;
        c->dir[i] = cur;
        c->n++;
        char *path = cs_path_join(cur, "settings.csv");
        if (path == NULL)
            return COSCHED_ENOMEM;
        cosched_status st;
        if (i == 0 && ovr_name != NULL && strcmp(ovr_name, "settings.csv") == 0)
            st = cs_csvtab_load_buffer(ovr_buf, ovr_len, path, d, &c->settings[i]);
        else
            st = cs_csvtab_load(path, path, d, &c->settings[i]);
        if (i == 0)
            c->settings_st = st;
        if (st == COSCHED_ENOMEM) {
            free(path);
            return st;
        }
        if (st != COSCHED_OK) {
            free(path);
            return COSCHED_OK;
        }
        c->n_settings++;
        const char *base;
        long line;
        if (!cs_load_settings_base(c->settings[i], &base, &line)) {
            free(path);
            return COSCHED_OK;
        }
        char q[128];
        if (*base == '\0') {
            cs_diag_addc(d, "E_BAD_BASE", COSCHED_SEV_ERROR, path, line, "value",
                         "setting 'base': expected the directory of a base scenario, got ''");
            c->broken = true;
            free(path);
            return COSCHED_OK;
        }
        char *next = base[0] == '/' ? cs_strdup(base) : cs_path_join(cur, base);
        if (next == NULL) {
            free(path);
            return COSCHED_ENOMEM;
        }
        int k = -1;
        for (int j = 0; j <= i && k < 0; j++) {
            if (same_dir(next, c->dir[j]))
                k = j;
        }
        int err = dir_error(next);
        char why[128];
        if (err != 0) {
            cs_diag_addc(d, "E_FILE_MISSING", COSCHED_SEV_ERROR, path, line, "value",
                         "setting 'base': base scenario directory '%s' %s",
                         cs_load_quote(next, q, sizeof q), dir_problem(err, why, sizeof why));
            c->missing = true;
        } else if (k >= 0) {
            cs_diag_addc(d, "E_BAD_BASE", COSCHED_SEV_ERROR, path, line, "value",
                         "setting 'base': '%s' leads back to '%s': the bases form a cycle",
                         cs_load_quote(base, q, sizeof q), c->dir[k]);
            c->broken = true;
        } else if (c->n > MAX_BASES) {
            cs_diag_addc(d, "E_BAD_BASE", COSCHED_SEV_ERROR, path, line, "value",
                         "setting 'base': more than %d bases in a row", MAX_BASES);
            c->broken = true;
        } else {
            free(path);
            cur = next;
            continue;
        }
        free(next);
        free(path);
        return COSCHED_OK;
    }
}

/* The directory of the chain that holds @p name: the scenario's own, else the nearest base
 * with it; the scenario's own when none has it (it is then reported missing there). */
static const char *chain_find(const chain *c, const char *name, bool overridden)
{
    if (overridden)
        return c->dir[0];
    for (int i = 0; i < c->n; i++) {
        char *p = cs_path_join(c->dir[i], name);
        struct stat sb;
        bool found = p != NULL && stat(p, &sb) == 0;
        free(p);
        if (found)
            return c->dir[i];
    }
    return c->dir[0];
}

/* True when @p dir holds a written plan (summary.json) and no settings.csv: a plan
 * directory given where a scenario is expected, e.g. the arguments of check swapped. */
static bool is_plan_dir(const char *dir)
{
    char *settings = cs_path_join(dir, "settings.csv");
    char *summary = cs_path_join(dir, "summary.json");
    struct stat sb;
    bool plan = settings != NULL && summary != NULL && stat(settings, &sb) != 0 &&
                stat(summary, &sb) == 0;
    free(settings);
    free(summary);
    return plan;
}

static cosched_status load_scenario(const char *dir, const cosched_load_options *lo,
                                    const char *ovr_name, const char *ovr_buf, size_t ovr_len,
                                    cosched_diags *d, cosched_scenario **out)
{
    if (dir == NULL || d == NULL || out == NULL)
        return COSCHED_EINVAL;
    int err = dir_error(dir);
    if (err == ENOTDIR) {
        cs_diag_addc(d, "E_NOT_A_DIRECTORY", COSCHED_SEV_ERROR, dir, 0, NULL,
                     "is a file, not a scenario directory: give the directory that holds "
                     "settings.csv, orders.csv and the other files");
        return COSCHED_ENOENT;
    }
    if (err != 0) {
        char why[128];
        cs_diag_addc(d, "E_FILE_MISSING", COSCHED_SEV_ERROR, dir, 0, NULL,
                     "scenario directory %s", dir_problem(err, why, sizeof why));
        return COSCHED_ENOENT;
    }
    if (is_plan_dir(dir)) {
        cs_diag_addc(d, "E_NOT_A_SCENARIO", COSCHED_SEV_ERROR, dir, 0, NULL,
                     "is a plan directory, not a scenario directory (it holds summary.json "
                     "and no settings.csv)");
        return COSCHED_ENOENT;
    }
    int errors_before = cosched_diags_n_errors(d);
    int diags_before = cosched_diags_count(d);
    cosched_status st = COSCHED_OK;
    cs_csvtab *tab[N_FILES] = {0};
    char *path[N_FILES] = {0};
    cs_loader L = {.started = cs_now()};
    chain ch;
    memset(&ch, 0, sizeof ch);
    cosched_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL)
        return COSCHED_ENOMEM;
    L.sc = sc;
    L.d = d;
    L.lo = lo;
    sc->dir = cs_strdup(dir);
    L.line_map = cs_strmap_create();
    L.product_map = cs_strmap_create();
    L.order_map = cs_strmap_create();
    L.family_map = cs_strmap_create();
    L.master_map = cs_strmap_create();
    if (sc->dir == NULL || L.line_map == NULL || L.product_map == NULL || L.order_map == NULL ||
        L.family_map == NULL || L.master_map == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }

    bool missing = false, all_read = true;
    CS_TRY_GOTO(st, chain_build(&ch, dir, ovr_name, ovr_buf, ovr_len, d), cleanup);
    if (ch.missing || ch.broken) {
        /* Without its bases the scenario is incomplete: its other files would only report
         * as missing what the broken link should have supplied. */
        st = ch.missing ? COSCHED_ENOENT : COSCHED_EINPUT;
        goto cleanup;
    }
    cs_load_deadline_init(&L, ch.settings, ch.n_settings);
    for (int f = 0; f < N_FILES; f++) {
        bool overridden = ovr_name != NULL && strcmp(ovr_name, files[f].name) == 0;
        path[f] = cs_path_join(f == F_SETTINGS ? dir : chain_find(&ch, files[f].name, overridden),
                               files[f].name);
        if (path[f] == NULL) {
            st = COSCHED_ENOMEM;
            goto cleanup;
        }
        cosched_status fst;
        if (f == F_SETTINGS) {
            fst = ch.settings_st; /* read while following the bases */
            tab[f] = ch.settings[0];
        } else {
            cs_csvtab_bounds b = cs_load_file_bounds(&L, files[f].name);
            fst = overridden ? cs_csvtab_load_buffer_bounded(ovr_buf, ovr_len, path[f], &b, d,
                                                             &tab[f])
                             : cs_csvtab_load_bounded(path[f], path[f], &b, d, &tab[f]);
        }
        if (fst == COSCHED_ENOMEM || fst == COSCHED_ETIMEOUT) {
            st = fst;
            goto cleanup;
        }
        if (fst == COSCHED_ENOENT && files[f].required) {
            if (ch.n > 1)
                cs_diag_addc(d, "E_FILE_MISSING", COSCHED_SEV_ERROR, path[f], 0, NULL,
                             "required file is missing (and no base scenario has it)");
            else
                cs_diag_addc(d, "E_FILE_MISSING", COSCHED_SEV_ERROR, path[f], 0, NULL,
                             "required file is missing");
            missing = true;
        } else if (fst == COSCHED_EIO && files[f].required) {
            missing = true;
        }
        if (fst != COSCHED_OK && files[f].required)
            all_read = false;
    }
    L.lines_file = path[F_LINES];
    st = run_loaders(&L, tab, ch.settings, ch.n_settings, all_read, path[F_ORDERS],
                     path[F_CHANGEOVERS]);
    if (st == COSCHED_OK && L.oom)
        st = COSCHED_ENOMEM;
    if (st != COSCHED_OK)
        goto cleanup;
    if (missing)
        st = COSCHED_ENOENT;
    else if (cosched_diags_n_errors(d) > errors_before)
        st = COSCHED_EINPUT;
    if (st == COSCHED_OK)
        st = keep_warnings(sc, d, diags_before);
    if (st == COSCHED_OK) {
        /* The input digest: the files in their fixed order, the bases' settings last. */
        cs_sha256 in;
        cs_sha256_init(&in);
        for (int f = 0; f < N_FILES; f++)
            cs_csvtab_digest_add(&in, tab[f], files[f].name);
        for (int i = 1; i < ch.n_settings; i++)
            cs_csvtab_digest_add(&in, ch.settings[i], "settings.csv");
        cs_sha256_end(&in, sc->input_sha256);
        /* The maps move into the scenario. */
        sc->line_index = L.line_map;
        sc->product_index = L.product_map;
        sc->order_index = L.order_map;
        sc->done_index = L.done_map;
        L.line_map = L.product_map = L.order_map = L.done_map = NULL;
        *out = sc;
        sc = NULL;
    }

cleanup:
    loader_free(&L);
    for (int f = N_FILES - 1; f >= 0; f--) {
        if (f != F_SETTINGS) /* the chain owns the settings tables */
            cs_csvtab_free(tab[f]);
        free(path[f]);
    }
    chain_free(&ch);
    cosched_scenario_free(sc);
    return st;
}

cosched_status cosched_scenario_load(const char *dir, cosched_diags *diags,
                                     cosched_scenario **out)
{
    return load_scenario(dir, NULL, NULL, NULL, 0, diags, out);
}

void cosched_load_options_init(cosched_load_options *lo)
{
    memset(lo, 0, sizeof *lo);
}

cosched_status cosched_scenario_load_with(const char *dir, const cosched_load_options *lo,
                                          cosched_diags *diags, cosched_scenario **out)
{
    return load_scenario(dir, lo, NULL, NULL, 0, diags, out);
}

cosched_status cs_scenario_load_with_override(const char *dir, const char *name,
                                              const char *buf, size_t len,
                                              cosched_diags *diags, cosched_scenario **out)
{
    return load_scenario(dir, NULL, name, buf != NULL ? buf : "", buf != NULL ? len : 0, diags, out);
}

