/* plan_blocks.c -- a program outside the project that uses only the installed libcosched:
 * it plans a scenario through the public API and prints the plan's blocks and order results
 * as read through the getters, in the columns of plan.csv and order_schedule.csv (without
 * the late reason), so that tests/cli/t_install.sh can compare them with the files the
 * cosched program writes for the same scenario and options.
 * Usage: plan_blocks SCENARIO BLOCKS_CSV ORDERS_CSV SEED ITERATION_LIMIT TIME_LIMIT */
#include <cosched.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shortest form that reads back to the same value, as the plan files write numbers. */
static void put_number(FILE *fp, double v)
{
    char buf[40];
    if (v == 0.0)
        v = 0.0;
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, sizeof buf, "%.17g", v);
    fputs(buf, fp);
}

static const char *kind_name(cosched_block_kind k)
{
    switch (k) {
    case COSCHED_BLOCK_CHANGEOVER: return "changeover";
    case COSCHED_BLOCK_PRODUCTION: return "production";
    case COSCHED_BLOCK_CLEANING: return "cleaning";
    }
    return "?";
}

static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

static int write_blocks(const cosched_scenario *sc, const cosched_plan *plan, FILE *fp)
{
    fputs("line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,minutes,"
          "cost\n", fp);
    for (int i = 0; i < cosched_plan_n_blocks(plan); i++) {
        cosched_block b;
        if (cosched_plan_get_block(sc, plan, i, &b) != COSCHED_OK) {
            fprintf(stderr, "plan_blocks: block %d unreadable\n", i);
            return 1;
        }
        fprintf(fp, "%s,%d,%s,%s,%s,%s,", b.line_id, b.seq, kind_name(b.kind),
                or_empty(b.order_id), or_empty(b.product_id), or_empty(b.from_product_id));
        put_number(fp, b.quantity);
        fprintf(fp, ",%s,%s,%ld,", b.start, b.end, (long)b.minutes);
        put_number(fp, b.cost);
        fputc('\n', fp);
    }
    return 0;
}

static int write_orders(const cosched_scenario *sc, const cosched_plan *plan, FILE *fp)
{
    fputs("order_id,line_id,start,end,due,tardiness_minutes\n", fp);
    for (int i = 0; i < cosched_plan_n_orders(plan); i++) {
        cosched_order_result o;
        if (cosched_plan_get_order(sc, plan, i, &o) != COSCHED_OK) {
            fprintf(stderr, "plan_blocks: order %d unreadable\n", i);
            return 1;
        }
        fprintf(fp, "%s,", o.order_id);
        for (int j = 0; j < o.n_lines; j++)
            fprintf(fp, "%s%s", j > 0 ? "|" : "", cosched_plan_order_line(sc, plan, i, j));
        fprintf(fp, ",%s,%s,%s,", o.start, o.end, o.due);
        if (o.scheduled)
            fprintf(fp, "%ld", (long)o.tardiness_minutes);
        fputc('\n', fp);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: plan_blocks SCENARIO BLOCKS_CSV ORDERS_CSV SEED "
                        "ITERATION_LIMIT TIME_LIMIT\n");
        return 2;
    }
    int rc = 1;
    cosched_scenario *sc = NULL;
    cosched_plan *plan = NULL;
    FILE *blocks = NULL;
    FILE *orders = NULL;
    cosched_diags *diags = cosched_diags_create(20);
    if (diags == NULL)
        return 1;
    cosched_status st = cosched_scenario_load(argv[1], diags, &sc);
    if (st != COSCHED_OK) {
        cosched_diags_print(diags, stderr);
        fprintf(stderr, "plan_blocks: %s\n", cosched_status_str(st));
        goto done;
    }
    cosched_options opt;
    cosched_options_init(&opt);
    if (cosched_options_set(&opt, "seed", argv[4]) != COSCHED_OK ||
        cosched_options_set(&opt, "iteration_limit", argv[5]) != COSCHED_OK ||
        cosched_options_set(&opt, "time_limit_s", argv[6]) != COSCHED_OK) {
        fprintf(stderr, "plan_blocks: bad option value\n");
        goto done;
    }
    st = cosched_solve(sc, &opt, &plan);
    if (st != COSCHED_OK) {
        fprintf(stderr, "plan_blocks: %s\n", cosched_status_str(st));
        goto done;
    }
    /* Out of range is refused, not read. */
    cosched_block b;
    if (cosched_plan_get_block(sc, plan, cosched_plan_n_blocks(plan), &b) != COSCHED_EINVAL ||
        cosched_plan_get_block(sc, plan, -1, &b) != COSCHED_EINVAL) {
        fprintf(stderr, "plan_blocks: a block out of range was not refused\n");
        goto done;
    }
    blocks = fopen(argv[2], "w");
    orders = fopen(argv[3], "w");
    if (blocks == NULL || orders == NULL) {
        perror("plan_blocks");
        goto done;
    }
    if (write_blocks(sc, plan, blocks) != 0 || write_orders(sc, plan, orders) != 0)
        goto done;
    printf("%s %d blocks %d orders objective %.17g\n",
           cosched_outcome_str(cosched_plan_result(plan)->outcome), cosched_plan_n_blocks(plan),
           cosched_plan_n_orders(plan), cosched_plan_result(plan)->objective);
    rc = 0;
done:
    if (orders != NULL && fclose(orders) != 0)
        rc = 1;
    if (blocks != NULL && fclose(blocks) != 0)
        rc = 1;
    cosched_plan_free(plan);
    cosched_scenario_free(sc);
    cosched_diags_free(diags);
    return rc;
}
