/* fuzz_csv.c -- libFuzzer target for the CSV layer: any bytes go through
 * cs_csvtab_load_buffer, and every accessor is exercised on what it accepts, so out-of-range
 * reads, bad line numbers and leaks show up under ASan/UBSan. */
#include "base/csvtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cosched_diags *d = cosched_diags_create(100);
    if (d == NULL)
        return 0;
    cs_csvtab *t = NULL;
    cosched_status st = cs_csvtab_load_buffer((const char *)data, size, "fuzz.csv", d, &t);
    if (st == COSCHED_OK) {
        int rows = cs_csvtab_n_rows(t), cols = cs_csvtab_n_cols(t);
        long prev = 1;
        size_t sum = 0;
        for (int c = 0; c < cols; c++) {
            const char *name = cs_csvtab_col_name(t, c);
            /* Non-empty header names are unique (empty ones, from trailing commas, may
             * repeat). */
            if (name[0] != '\0' && cs_csvtab_col(t, name) != c)
                abort();
        }
        for (int r = 0; r < rows; r++) {
            long line = cs_csvtab_line(t, r);
            /* Records start after the header, in order. Not strictly: a bare CR ends a
             * record without starting a physical line, so two records may share one. */
            if (line < prev)
                abort();
            prev = line;
            for (int c = -1; c <= cs_csvtab_row_width(t, r) + 1; c++)
                sum += strlen(cs_csvtab_get(t, r, c));
        }
        (void)sum;
        (void)cs_csvtab_get(t, rows, 0);
        cs_csvtab_free(t);
    } else if (t != NULL) {
        abort(); /* out parameters are written only on success */
    } else if (st == COSCHED_EINPUT && cosched_diags_n_errors(d) == 0) {
        abort(); /* a rejected input always says why */
    }
    for (int i = 0; i < cosched_diags_count(d); i++) {
        const cosched_diag *g = cosched_diags_get(d, i);
        if (g->message == NULL || g->line < 0)
            abort();
    }
    cosched_diags_free(d);
    return 0;
}
