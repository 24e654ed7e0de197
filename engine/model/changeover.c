/* changeover.c -- resolves changeover rules into the dense per-line (from, to) tables.
 * Precedence (the contract): a rule naming the line beats one for all lines; then the sum of
 * the from and to specificities (product 2, family 1, '*' 0). Rules are indexed by their exact
 * key (line-or-all, from token, to token), so each pair probes at most 2 x 3 x 3 = 18 keys
 * instead of scanning every rule: 30 lines x 250 products with line-specific rules is ~1.9M.
 * Ties: two rules with the same best specificity that both match are fine when they give the
 * same minutes and cost (a repeated row, or two rules that agree), and an error otherwise. */
#include "model/scenario.h"

#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int line, from, to; /* -1 = all lines / '*' */
    int kinds;          /* from_kind * 3 + to_kind */
    int rule;           /* -1 = empty slot */
} key_slot;

typedef struct {
    key_slot *slots;
    size_t mask;
    /* [for one line (0) or all lines (1)][from kind][to kind]: some rule has that shape. */
    bool shape[2][3][3];
    /* The shapes present, most specific first ({level, from kind, to kind}): most rule sets
     * use few (a '*,*' default alone uses one), so a pair needs a lookup or two instead of
     * a walk over all eighteen. */
    unsigned char order[18][3];
    int n_order;
} rule_index;

static uint64_t key_hash(int line, int kinds, int from, int to)
{
    uint64_t h = (uint64_t)(uint32_t)line * 0x9E3779B97F4A7C15ULL;
    h ^= ((uint64_t)(uint32_t)from << 32 | (uint32_t)to) * 0xC2B2AE3D27D4EB4FULL;
    h ^= (uint64_t)kinds * 0x165667B19E3779F9ULL;
    return h ^ (h >> 31);
}

static key_slot *probe(const rule_index *ix, int line, int kinds, int from, int to)
{
    size_t i = (size_t)key_hash(line, kinds, from, to) & ix->mask;
    for (;;) {
        key_slot *s = &ix->slots[i];
        if (s->rule < 0 || (s->line == line && s->kinds == kinds && s->from == from &&
                            s->to == to))
            return s;
        i = (i + 1) & ix->mask;
    }
}

static int lookup(const rule_index *ix, int line, cs_token_kind fk, int from, cs_token_kind tk,
                  int to)
{
    return probe(ix, line, (int)fk * 3 + (int)tk, from, to)->rule;
}

static void token_text(const cosched_scenario *sc, cs_token_kind k, int idx, char *buf,
                       size_t size)
{
    if (k == CS_TOK_ANY)
        snprintf(buf, size, "*");
    else if (k == CS_TOK_FAMILY)
        snprintf(buf, size, "family:%s", sc->families[idx]);
    else
        snprintf(buf, size, "%s", sc->products[idx].id);
}

static bool same_effect(const cs_co_rule *a, const cs_co_rule *b)
{
    return a->minutes == b->minutes && a->cost == b->cost;
}

/* Reports rules @p a and @p b (equal specificity, different effect) once per pair. */
static cosched_status report_ambiguous(const cosched_scenario *sc, const cs_co_rule *rules,
                                       int a, int b, int line, int from, int to,
                                       cs_strmap *reported, const char *file, cosched_diags *d)
{
    const cs_co_rule *ra = &rules[a], *rb = &rules[b];
    if (ra->src_line > rb->src_line) {
        const cs_co_rule *tmp = ra;
        ra = rb;
        rb = tmp;
    }
    char key[48];
    snprintf(key, sizeof key, "%ld,%ld", ra->src_line, rb->src_line);
    if (cs_strmap_get(reported, key) >= 0)
        return COSCHED_OK;
    CS_TRY(cs_strmap_put(reported, key, 1));
    char ft[96], tt[96];
    token_text(sc, CS_TOK_PRODUCT, from, ft, sizeof ft);
    token_text(sc, CS_TOK_PRODUCT, to, tt, sizeof tt);
    cs_diag_addc(d, "E_AMBIGUOUS_RULE", COSCHED_SEV_ERROR, file, rb->src_line, NULL,
                 "ambiguous changeover rule: it and the rule at line %ld match line '%s' from "
                 "'%s' to '%s' with the same specificity but give different minutes or cost",
                 ra->src_line, sc->lines[line].id, ft, tt);
    return COSCHED_OK;
}

/* The rule for (line, from, to), -1 when none matches; an ambiguity is reported. */
static cosched_status resolve_pair(const cosched_scenario *sc, const cs_co_rule *rules,
                                   const rule_index *ix, int line, int from, int to,
                                   cs_strmap *reported, const char *file, cosched_diags *d,
                                   int *out)
{
    int ff = sc->products[from].family, tf = sc->products[to].family;
    int fidx[3] = {-1, ff, from}, tidx[3] = {-1, tf, to};
    int found = -1;
    int group = -1; /* level and specificity: rules of one group are equally specific */
    for (int i = 0; i < ix->n_order; i++) {
        int level = ix->order[i][0], fk = ix->order[i][1], tk = ix->order[i][2];
        int g = level * 5 + (4 - fk - tk);
        if (g != group) {
            if (found >= 0)
                break;
            group = g;
        }
        if ((fk == 1 && ff < 0) || (tk == 1 && tf < 0))
            continue;
        int r = lookup(ix, level == 0 ? line : -1, (cs_token_kind)fk, fidx[fk],
                       (cs_token_kind)tk, tidx[tk]);
        if (r < 0)
            continue;
        if (found < 0)
            found = r;
        else if (!same_effect(&rules[found], &rules[r]))
            CS_TRY(report_ambiguous(sc, rules, found, r, line, from, to, reported, file, d));
    }
    *out = found;
    return COSCHED_OK;
}

cosched_status cs_changeover_resolve(cosched_scenario *sc, const cs_co_rule *rules,
                                     int n_rules, bool report_missing, const char *file,
                                     double deadline, cosched_diags *d)
{
    size_t np = (size_t)sc->n_products, nl = (size_t)sc->n_lines;
    /* The tables are dense (12 bytes a pair): refuse sizes whose tables alone would take
     * more than 600 MB and many seconds to resolve, rather than exhaust memory and time. */
    if (np > 0 && nl > 0 && np * np > (size_t)CS_MAX_CHANGEOVER_PAIRS / nl) {
        cs_diag_addc(d, "E_TOO_LARGE", COSCHED_SEV_ERROR, file, 0, NULL,
                     "scenario too large: %zu lines x %zu products x %zu products are %.0f "
                     "changeover pairs, more than the %d the engine holds (fewer products "
                     "with orders, or plan the lines in groups)", nl, np, np,
                     (double)nl * (double)np * (double)np, CS_MAX_CHANGEOVER_PAIRS);
        return COSCHED_OK;
    }
    size_t cells = nl * np * np;
    int32_t *com = cs_calloc(cells, sizeof *com);
    double *coc = cs_calloc(cells, sizeof *coc);
    size_t cap = 16;
    while (cap < 2 * (size_t)n_rules + 2)
        cap *= 2;
    rule_index ix;
    memset(&ix, 0, sizeof ix);
    ix.slots = cs_calloc(cap, sizeof(key_slot));
    ix.mask = cap - 1;
    cs_strmap *reported = cs_strmap_create();
    bool *can_to = cs_calloc(np, sizeof *can_to);
    cosched_status st = COSCHED_OK;
    if (com == NULL || coc == NULL || ix.slots == NULL || reported == NULL || can_to == NULL) {
        st = COSCHED_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < cap; i++)
        ix.slots[i].rule = -1;

    for (int r = 0; r < n_rules; r++) {
        const cs_co_rule *ru = &rules[r];
        ix.shape[ru->line < 0][ru->from_kind][ru->to_kind] = true;
        key_slot *s = probe(&ix, ru->line, (int)ru->from_kind * 3 + (int)ru->to_kind, ru->from,
                            ru->to);
        if (s->rule < 0) {
            *s = (key_slot){ru->line, ru->from, ru->to, (int)ru->from_kind * 3 + (int)ru->to_kind,
                            r};
        } else if (!same_effect(&rules[s->rule], ru)) {
            char ft[96], tt[96];
            token_text(sc, ru->from_kind, ru->from, ft, sizeof ft);
            token_text(sc, ru->to_kind, ru->to, tt, sizeof tt);
            cs_diag_addc(d, "E_AMBIGUOUS_RULE", COSCHED_SEV_ERROR, file, ru->src_line, NULL,
                         "ambiguous changeover rule: the rule at line %ld has the same line, "
                         "from '%s' and to '%s' but different minutes or cost",
                         rules[s->rule].src_line, ft, tt);
        }
    }

    for (int level = 0; level < 2; level++)
        for (int sum = 4; sum >= 0; sum--)
            for (int fk = 2; fk >= 0; fk--) {
                int tk = sum - fk;
                if (tk >= 0 && tk <= 2 && ix.shape[level][fk][tk]) {
                    ix.order[ix.n_order][0] = (unsigned char)level;
                    ix.order[ix.n_order][1] = (unsigned char)fk;
                    ix.order[ix.n_order][2] = (unsigned char)tk;
                    ix.n_order++;
                }
            }
    for (int l = 0; l < sc->n_lines && st == COSCHED_OK; l++) {
        /* Each line's slab is marked "no rule" here, not all at once before: with the
         * largest tables that alone is a good part of a second, which the deadline sees. */
        if (deadline > 0.0 && cs_now() > deadline) {
            st = COSCHED_ETIMEOUT;
            break;
        }
        for (size_t i = 0; i < np * np; i++)
            com[(size_t)l * np * np + i] = -1;
        for (size_t p = 0; p < np; p++)
            can_to[p] = sc->products[p].has_orders && sc->units_per_hour[p * nl + l] > 0;
        int init = sc->lines[l].initial_product;
        for (int a = 0; a < (int)np && st == COSCHED_OK; a++) {
            if (!can_to[a] && a != init)
                continue;
            /* A row of the table is at most a few thousand pairs: a look at the clock each
             * row keeps the time limit to within milliseconds. */
            if (deadline > 0.0 && cs_now() > deadline) {
                st = COSCHED_ETIMEOUT;
                break;
            }
            for (int b = 0; b < (int)np && st == COSCHED_OK; b++) {
                size_t k = ((size_t)l * np + (size_t)a) * np + (size_t)b;
                if (a == b) {
                    com[k] = 0;
                    continue;
                }
                if (!can_to[b])
                    continue;
                int r = -1;
                st = resolve_pair(sc, rules, &ix, l, a, b, reported, file, d, &r);
                if (r >= 0) {
                    com[k] = rules[r].minutes;
                    coc[k] = rules[r].cost;
                } else if (report_missing && !cs_diag_full(d)) {
                    /* Reported against the whole file (line 0): the fix is a row to add. */
                    cs_diag_addc(d, "E_MISSING_RULE", COSCHED_SEV_ERROR, file, 0, NULL,
                                 "no changeover rule for line '%s' from '%s' to '%s' (add a "
                                 "rule, or a '*,*' default)",
                                 sc->lines[l].id, sc->products[a].id, sc->products[b].id);
                }
            }
        }
    }
    if (st == COSCHED_OK) {
        free(sc->co_minutes);
        free(sc->co_cost);
        sc->co_minutes = com;
        sc->co_cost = coc;
        com = NULL;
        coc = NULL;
    }

cleanup:
    free(can_to);
    cs_strmap_free(reported);
    free(ix.slots);
    free(coc);
    free(com);
    return st;
}
