/* plan_api.c -- the public getters that walk a plan's blocks and order results, so that a
 * caller reads what plan.csv and order_schedule.csv hold without writing files. The ids
 * are borrowed from the scenario; datetimes are formatted as the plan files write them. */
#include "plan/plan.h"

#include "base/base.h"

#include <string.h>

/* True when @p plan has @p sc's shape (it was made from sc or from a scenario like it). */
static bool same_shape(const cosched_scenario *sc, const cosched_plan *plan)
{
    return sc != NULL && plan != NULL && plan->n_lines == sc->n_lines &&
           plan->n_orders == sc->n_orders;
}

static const char *product_id(const cosched_scenario *sc, int product)
{
    return product >= 0 && product < sc->n_products ? sc->products[product].id : NULL;
}

static void format_at(const cosched_scenario *sc, int32_t at, char *buf)
{
    cs_datetime_format(sc->horizon_epoch_min + at, buf, COSCHED_DATETIME_SIZE);
}

int cosched_plan_n_blocks(const cosched_plan *plan)
{
    return plan != NULL ? plan->n_blocks : 0;
}

cosched_status cosched_plan_get_block(const cosched_scenario *sc, const cosched_plan *plan,
                                      int i, cosched_block *out)
{
    if (!same_shape(sc, plan) || out == NULL || i < 0 || i >= plan->n_blocks)
        return COSCHED_EINVAL;
    const cs_block *b = &plan->blocks[i];
    cosched_block r = { 0 };
    r.line_id = sc->lines[b->line].id;
    r.seq = b->seq;
    switch (b->kind) {
    case CS_BLOCK_CHANGEOVER:
        r.kind = COSCHED_BLOCK_CHANGEOVER;
        break;
    case CS_BLOCK_PRODUCTION:
        r.kind = COSCHED_BLOCK_PRODUCTION;
        break;
    case CS_BLOCK_CLEANING:
        r.kind = COSCHED_BLOCK_CLEANING;
        break;
    }
    bool production = b->kind == CS_BLOCK_PRODUCTION;
    r.order_id = production ? sc->orders[b->order].id : NULL;
    r.product_id = product_id(sc, b->product);
    r.from_product_id = production ? NULL : product_id(sc, b->from_product);
    r.quantity = production ? b->quantity : 0.0;
    r.start_minutes = b->start_at;
    r.end_minutes = b->end_at;
    format_at(sc, b->start_at, r.start);
    format_at(sc, b->end_at, r.end);
    r.minutes = b->minutes;
    r.cost = production ? 0.0 : b->cost;
    *out = r;
    return COSCHED_OK;
}

int cosched_plan_n_orders(const cosched_plan *plan)
{
    return plan != NULL ? plan->n_orders : 0;
}

cosched_status cosched_plan_get_order(const cosched_scenario *sc, const cosched_plan *plan,
                                      int i, cosched_order_result *out)
{
    if (!same_shape(sc, plan) || out == NULL || i < 0 || i >= plan->n_orders)
        return COSCHED_EINVAL;
    const cs_order_result *o = &plan->orders[i];
    cosched_order_result r = { 0 };
    r.order_id = sc->orders[i].id;
    r.scheduled = o->scheduled;
    r.due_minutes = sc->orders[i].due_at;
    format_at(sc, r.due_minutes, r.due);
    if (o->scheduled) {
        r.n_lines = o->n_lines;
        r.line_id = sc->lines[o->first_line].id;
        r.start_minutes = o->start_at;
        r.end_minutes = o->end_at;
        format_at(sc, o->start_at, r.start);
        format_at(sc, o->end_at, r.end);
        r.tardiness_minutes = o->tardiness;
    }
    *out = r;
    return COSCHED_OK;
}

const char *cosched_plan_order_line(const cosched_scenario *sc, const cosched_plan *plan,
                                    int i, int j)
{
    if (!same_shape(sc, plan) || i < 0 || i >= plan->n_orders)
        return NULL;
    const cs_order_result *o = &plan->orders[i];
    if (!o->scheduled || j < 0 || j >= o->n_lines)
        return NULL;
    if (j == 0)
        return sc->lines[o->first_line].id;
    if (j == o->n_lines - 1)
        return sc->lines[o->last_line].id;
    /* A split order on three lines or more: count its lines in block order. */
    int seen = 0;
    int last = -1;
    for (int k = 0; k < plan->n_blocks; k++) {
        const cs_block *b = &plan->blocks[k];
        if (b->kind != CS_BLOCK_PRODUCTION || b->order != i || b->line == last)
            continue;
        if (seen++ == j)
            return sc->lines[b->line].id;
        last = b->line;
    }
    return NULL;
}
