/* validate.c -- checks that need several files at once, run after every loader: the run
 * minutes of each order on each line (filled here), an order no line can make, and run times
 * the engine cannot represent (CS_MAX_MINUTES), which are errors rather than wrap-arounds. */
#include "model/scenario.h"

#include "base/base.h"

#include <math.h>
#include <stdlib.h>

cosched_status cs_scenario_validate(cosched_scenario *sc, bool report_unmade,
                                    const char *orders_file, cosched_diags *d)
{
    size_t nl = (size_t)sc->n_lines;
    int32_t *rm = cs_calloc((size_t)sc->n_orders * nl, sizeof *rm);
    if (rm == NULL)
        return COSCHED_ENOMEM;
    for (int o = 0; o < sc->n_orders; o++) {
        const cs_order *od = &sc->orders[o];
        const cs_product *pr = &sc->products[od->product];
        bool any = false, too_long = false;
        for (size_t l = 0; l < nl; l++) {
            size_t k = (size_t)od->product * nl + l;
            int32_t m = -1;
            if (sc->units_per_hour[k] > 0) {
                m = cs_scenario_run_minutes_for(sc, od->product, (int)l, od->quantity);
                if (m < 0)
                    too_long = true;
            }
            rm[(size_t)o * nl + l] = m;
            any |= m >= 0;
        }
        if (too_long)
            cs_diag_add(d, COSCHED_SEV_ERROR, orders_file, od->src_line, "quantity",
                        "column 'quantity': order '%s' of product '%s' would run more than %d "
                        "minutes on a line that can make it, got '%g'",
                        od->id, pr->id, CS_MAX_MINUTES, od->quantity);
        else if (!any && report_unmade)
            cs_diag_add(d, COSCHED_SEV_ERROR, orders_file, od->src_line, "product_id",
                        "column 'product_id': no line can make product '%s' of order '%s' "
                        "(capabilities.csv has no row for it)", pr->id, od->id);
        if (cs_diag_full(d))
            break;
    }
    free(sc->run_minutes);
    sc->run_minutes = rm;
    return COSCHED_OK;
}
