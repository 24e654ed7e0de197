# The demo scenario: a plan is written, passes the checker, stdout is clean without --json.
source "$(dirname "$0")/lib.sh"
sc="$COSCHED_SRC/scenarios/demo"
expect_exit 0 "plan demo" -- "$COSCHED" plan "$sc" --out "$TMP/p" --time-limit 3
[[ ! -s "$TMP/stdout" ]] && pass || fail "plan printed to stdout without --json"
expect_grep "objective" "$TMP/stderr" "summary on stderr"
for f in plan.csv order_schedule.csv summary.json report.html; do
    [[ -s "$TMP/p/$f" ]] && pass || fail "$f missing"
done
[[ -z "$(find "$TMP/p" -name '.*' -o -name '*.tmp*')" ]] && pass || fail "temporary files left behind"
head -1 "$TMP/p/plan.csv" | grep -qx "line_id,seq,kind,order_id,product_id,from_product_id,quantity,start,end,minutes,cost" && pass || fail "plan.csv header"
head -1 "$TMP/p/order_schedule.csv" | grep -qx "order_id,line_id,start,end,due,tardiness_minutes,status,reason" && pass || fail "order_schedule.csv header"
orders=$(($(wc -l <"$sc/orders.csv") - 1))
rows=$(($(wc -l <"$TMP/p/order_schedule.csv") - 1))
[[ $orders -eq $rows ]] && pass || fail "order_schedule has $rows rows for $orders orders"
expect_exit 0 "check demo plan" -- "$COSCHED" check "$sc" "$TMP/p"
status=$(json_field "$TMP/p/summary.json" status)
[[ "$status" == feasible || "$status" == optimal ]] && pass || fail "status '$status'"
finish
