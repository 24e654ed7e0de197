/* heur_ls.h -- what the iterated local search of the mixed plant (heur_localsearch.c)
 * shares with its prefix states and context (heur_ls_prefix.c). Private to those two. */
#ifndef CS_HEUR_LS_H
#define CS_HEUR_LS_H

#include "heur/heur.h"

#include <stddef.h>

typedef struct {
    const cosched_scenario *sc;
    const cs_ls_params *par;
    cs_sol *s;
    cs_sol *best;        /* the best plan, published during long descents */
    double next_publish; /* cs_now() value of the next look at s for that */
    bool published;      /* s was published during the current descent */
    int *a;              /* scratch line buffers */
    int *b;
    int *best_b;
    cs_line_eval *evs;   /* scratch copy of s->ev */
    int *where_line;     /* [order] */
    int *where_pos;      /* [order] */
    long evals;
    double eval_steps;   /* what one evaluation adds to par->work (see ctx_init) */
    bool stopped;
    bool big;            /* large scenario: restricted neighbourhoods (see LS_FULL_MAX) */
    /* Prefix states of the lines that the simple timing below covers (see pf_*). */
    unsigned char *simple; /* [line] */
    int32_t *pf_t;         /* [line * (n_orders + 1) + i]: time after the first i orders */
    double *pf_sum;        /* same layout: weighted sum-type objective terms so far */
    cs_line_eval *pf_ev;   /* same layout: figures so far (tardiness, changeovers, moved) */
    int *mid;              /* scratch: the orders a spliced evaluation inserts */
    unsigned char *cand; /* [n_orders + 1] scratch: candidate insertion positions */
    /* Don't-look bits: an order whose moves all failed is passed over until a move changes
     * the plan next to it, and a line's reversals are tried again only after it changed, so
     * a descent after a kick costs a fraction of a full pass (see descend()). */
    unsigned char *look;   /* [order] */
    unsigned char *dirty;  /* [line] */
} ls_ctx;

/* Above this many orders a full neighbourhood (every position of every line for each
 * order, every pair of orders) costs a pass of minutes, so the moves are restricted to
 * the positions that can matter most: next to an order of the same product (no changeover)
 * and around the place the order's due date calls for. */
#define LS_FULL_MAX 300
/* Positions tried on either side of the due-date position, and the reach of reversals
 * within a line, in restricted mode (swaps reach as far in every mode: LS_SWAP_REACH). */
#define LS_DUE_WINDOW 3
#define LS_NEAR 4
/* Longest run of consecutive orders moved together. */
#define LS_SEGMENT_MAX 3
/* Prefix states take about 80 bytes per (line, order) slot. */
#define LS_PREFIX_MAX_CELLS (1L << 21)

/* ---- context and prefix states (heur_ls_prefix.c) ---------------------------------------- */

/** The context of a run of @p sc: scratch buffers, and prefix states where they fit
 *  (LS_PREFIX_MAX_CELLS). @return COSCHED_OK or COSCHED_ENOMEM (then call destroy). */
cosched_status cs_ls_ctx_init(ls_ctx *c, const cosched_scenario *sc, const cs_ls_params *par);
void cs_ls_ctx_destroy(ls_ctx *c);

/** The objective's sum-type terms of line figures @p e (all but the makespan). */
double cs_ls_sum_terms(const cs_settings *set, const cs_line_eval *e);

/** Index of line @p k's prefix state after its first @p i orders. */
static inline size_t cs_ls_pf_at(const ls_ctx *c, int k, int i)
{
    return (size_t)k * ((size_t)c->sc->n_orders + 1) + (size_t)i;
}

/** True when line @p k's timing is the prefix walk (no cleanings, whole batches). */
static inline bool cs_ls_is_simple(const ls_ctx *c, int k)
{
    return c->simple != NULL && c->simple[k];
}

/** Rebuild line @p k's prefix states from the current solution (a simple line only). */
void cs_ls_pf_build(ls_ctx *c, int k);

/** Figures of line k when its first @p pre orders are kept, then mid[0..nmid-1] run, then
 *  the old orders from position @p from on. False (*out then holds the figures so far) when
 *  the line's sum-type terms reach @p limit first. */
bool cs_ls_pf_splice(ls_ctx *c, int k, int pre, const int *mid, int nmid, int from,
                     double limit, cs_line_eval *out);

/** Figures of line k running seq[0..n-1], a sequence of the line's own length that differs
 *  from the current one only at positions lo..hi. */
void cs_ls_eval_changed(ls_ctx *c, int k, const int *seq, int n, int lo, int hi,
                        cs_line_eval *out);

#endif
