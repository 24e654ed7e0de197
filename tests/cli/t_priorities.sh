# Planner priorities: on tests/data/priorities (worked by hand in its README) the weighted sum
# makes b1 late to save a changeover; `late_orders > weighted_tardiness > changeover_minutes`
# keeps every order on time at the cost of a second changeover, proven level by level. A
# price per late order does the same without levels. Bad priorities are input errors at
# their line; the checker recomputes the levels.
source "$(dirname "$0")/lib.sh"
data="$COSCHED_SRC/tests/data/priorities"
run=(--time-limit 5 --quiet)

expect_exit 0 "weighted sum" -- "$COSCHED" plan "$data" --out "$TMP/w" "${run[@]}"
expect_exit 0 "check weighted sum" -- "$COSCHED" check "$data" "$TMP/w"
expect_grep '"status": "optimal"' "$TMP/w/summary.json" "weighted sum proven"
expect_grep '"objective": 150.0' "$TMP/w/summary.json" "weighted optimum 150"
expect_grep '^b1,L1,.*,2027-03-01T04:40,2027-03-01T03:50,50,' "$TMP/w/order_schedule.csv" "b1 50 min late"

cp -r "$data" "$TMP/p"
echo "priorities,late_orders > weighted_tardiness > changeover_minutes" >>"$TMP/p/settings.csv"
expect_exit 0 "priorities" -- "$COSCHED" plan "$TMP/p" --out "$TMP/pp" "${run[@]}"
expect_exit 0 "check priorities" -- "$COSCHED" check "$TMP/p" "$TMP/pp"
expect_grep '"status": "optimal"' "$TMP/pp/summary.json" "priorities proven"
expect_grep '"late_orders": 0,' "$TMP/pp/summary.json" "no order late"
expect_grep '"changeover_minutes": 200,' "$TMP/pp/summary.json" "two changeovers"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/pp/summary.json" <<'PY' && pass || fail "levels with their proven bounds"
import json, sys
d = json.load(open(sys.argv[1]))
lv = [(x["term"], x["value"], x["bound"]) for x in d["levels"]]
assert lv == [("late_orders", 0, 0), ("weighted_tardiness", 0, 0), ("changeover_minutes", 200, 200)], lv
PY
fi
# The report says what the objective is made of, and the levels.
expect_grep 'data-term="changeover_minutes"' "$TMP/pp/report.html" "report: objective made of"
grep -q 'data-term="weighted_tardiness"' "$TMP/pp/report.html" &&
    fail "report lists a term that adds nothing" || pass
expect_grep 'data-levels="1">priorities: late_orders 0 &gt; weighted_tardiness 0 &gt; changeover_minutes 200' \
    "$TMP/pp/report.html" "report: levels"
# The checker recomputes the levels.
cp -r "$TMP/pp" "$TMP/bad"
sed -i '0,/"value": 200.0/s//"value": 100.0/' "$TMP/bad/summary.json"
expect_exit 1 "check: a level's value edited" -- "$COSCHED" check "$TMP/p" "$TMP/bad"

# A price per late order, without levels.
cp -r "$data" "$TMP/l"
echo "weight_late_orders,1000" >>"$TMP/l/settings.csv"
expect_exit 0 "weight_late_orders" -- "$COSCHED" plan "$TMP/l" --out "$TMP/lp" "${run[@]}"
expect_exit 0 "check weight_late_orders" -- "$COSCHED" check "$TMP/l" "$TMP/lp"
expect_grep '"late_orders": 0,' "$TMP/lp/summary.json" "late orders priced away"
expect_grep '"objective": 200.0' "$TMP/lp/summary.json" "objective 200"

# Bad priorities.
cp -r "$data" "$TMP/e"
echo "priorities,late_orders > lateness" >>"$TMP/e/settings.csv"
expect_exit 65 "unknown term" -- "$COSCHED" validate "$TMP/e"
expect_grep "settings.csv:7: error: column 'value': priorities: 'lateness' is not a term" "$TMP/stderr" \
    "unknown term named"
sed -i 's/^priorities,.*/priorities,makespan > makespan/' "$TMP/e/settings.csv"
expect_exit 65 "term twice" -- "$COSCHED" validate "$TMP/e"
expect_grep "priorities: 'makespan' is named twice" "$TMP/stderr" "duplicate named"
finish
