/* suggest.c -- "did you mean": the candidate a mistyped word most likely stands for. Used
 * for columns (the loaders) and for options and commands (the command line), so a guess is
 * made by one rule everywhere. */
#include "cosched.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Longest word compared; longer ones are names nobody mistypes into a column or option. */
enum { MAX_WORD = 64 };

/* @p s lower-cased without '_', '-' and ' ' into @p out: "Order_ID" and "order id" are
 * "orderid". */
static void fold(const char *s, char out[MAX_WORD + 1])
{
    size_t k = 0;
    for (; *s != '\0' && k < MAX_WORD; s++) {
        if (*s != '_' && *s != '-' && *s != ' ')
            out[k++] = (char)tolower((unsigned char)*s);
    }
    out[k] = '\0';
}

/* Levenshtein distance of @p a and @p b, each at most MAX_WORD bytes. */
static size_t distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    size_t row[MAX_WORD + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* True when @p longer is @p shorter and one more word, joined by '_', '-' or ' ' on either
 * side ("due_date" for "due", "order_due" for "due"). */
static bool adds_a_word(const char *longer, const char *shorter)
{
    size_t nl = strlen(longer), ns = strlen(shorter);
    if (ns < 3 || nl <= ns + 1) /* "id" would match every "*_id" */
        return false;
    const char *sep = "_- ";
    if (strncmp(longer, shorter, ns) == 0 && strchr(sep, longer[ns]) != NULL &&
        strpbrk(longer + ns + 1, sep) == NULL)
        return true;
    const char *tail = longer + nl - ns;
    return strcmp(tail, shorter) == 0 && strchr(sep, tail[-1]) != NULL &&
           memchr(longer, '_', nl - ns - 1) == NULL && memchr(longer, '-', nl - ns - 1) == NULL &&
           memchr(longer, ' ', nl - ns - 1) == NULL;
}

/* How far @p word is from @p cand: 0 = the same but for case and separators, 1..2 = edits,
 * 3 = one more word; -1 = too far to guess. Short words allow one edit only, or any
 * two-letter word would suggest any other. */
static int score(const char *word, const char *cand)
{
    if (strlen(word) > MAX_WORD || strlen(cand) > MAX_WORD || strcmp(word, cand) == 0)
        return -1;
    char fw[MAX_WORD + 1] = {0}, fc[MAX_WORD + 1] = {0};
    fold(word, fw);
    fold(cand, fc);
    if (fw[0] != '\0' && strcmp(fw, fc) == 0)
        return 0;
    size_t shorter = strlen(fw) < strlen(fc) ? strlen(fw) : strlen(fc);
    size_t limit = shorter <= 2 ? 0 : shorter <= 4 ? 1 : 2;
    size_t dist = distance(fw, fc);
    if (dist <= limit)
        return (int)dist;
    if (adds_a_word(word, cand) || adds_a_word(cand, word))
        return 3;
    return -1;
}

const char *cosched_suggest(const char *word, const char *const *candidates, int n)
{
    if (word == NULL || candidates == NULL)
        return NULL;
    const char *best = NULL;
    int best_score = 4;
    for (int i = 0; i < n; i++) {
        if (candidates[i] == NULL)
            continue;
        int s = score(word, candidates[i]);
        if (s >= 0 && s < best_score) {
            best = candidates[i];
            best_score = s;
        }
    }
    return best;
}
