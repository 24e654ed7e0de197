# cosched compare: KPI deltas and the orders that changed line, moved by more than an hour,
# or became late or on time, in md, csv and json; on plan directories and on scenarios.
source "$(dirname "$0")/lib.sh"
src="$COSCHED_SRC/scenarios"
export TMPDIR="$TMP"

expect_exit 0 "plan demo" -- "$COSCHED" plan "$src/demo" --out "$TMP/a" --time-limit 1 --quiet

# A plan compared with itself: nothing changed, every delta 0.
expect_exit 0 "compare a plan with itself" -- "$COSCHED" compare "$TMP/a" "$TMP/a"
expect_grep "^0 of 42 orders changed" "$TMP/stdout" "no order changed"
expect_grep "^\| objective \| [0-9.]+ \| [0-9.]+ \| 0 \|$" "$TMP/stdout" "objective delta 0"

# B: a copy of A with four known edits.
cp -r "$TMP/a" "$TMP/b"
sched="$TMP/b/order_schedule.csv"
ontime=$(awk -F, 'NR > 1 && $6 == 0 && $1 != "ORD-003" && $1 != "ORD-004" { print $1; exit }' "$sched")
late=$(awk -F, 'NR > 1 && $6 > 0 { print $1; exit }' "$sched")
[[ -n "$ontime" && -n "$late" ]] && pass || fail "demo plan lacks an on-time or a late order"
awk -F, -v OFS=, -v on="$ontime" -v lt="$late" '
    $1 == "ORD-003" { $2 = "FILL9" }
    $1 == "ORD-004" { $3 = "2027-03-05T06:00"; $4 = "2027-03-05T07:00" }
    $1 == on { $6 = 30 }
    $1 == lt { $6 = 0 }
    { print }' "$TMP/a/order_schedule.csv" >"$sched"
obj=$(json_field "$TMP/a/summary.json" objective)
newobj=$(awk -v o="$obj" 'BEGIN { printf "%.1f", o + 100 }')
sed -i "s/^  \"objective\": .*/  \"objective\": $newobj,/" "$TMP/b/summary.json"

expect_exit 0 "compare md" -- "$COSCHED" compare "$TMP/a" "$TMP/b" --format md
cp "$TMP/stdout" "$TMP/md"
expect_grep "^4 of 42 orders changed" "$TMP/md" "four orders changed"
expect_grep "^\| objective \| [0-9.]+ \| [0-9.]+ \| \+100 \|$" "$TMP/md" "objective delta +100"
expect_grep "^\| ORD-003 \| [A-Z0-9]+ \| FILL9 \|.*\| line \|$" "$TMP/md" "line change"
expect_grep "^\| ORD-004 \|.*\| 2027-03-05T06:00 \|.*\| moved \|$" "$TMP/md" "move"
expect_grep "^\| $ontime \|.*\| 0 \| 30 \| now late \|$" "$TMP/md" "became late"
expect_grep "^\| $late \|.*\| 0 \| now on time \|$" "$TMP/md" "became on time"

expect_exit 0 "compare csv" -- "$COSCHED" compare "$TMP/a" "$TMP/b" --format=csv
head -1 "$TMP/stdout" | grep -qx "kind,id,a,b,delta,a_line,b_line,a_start,b_start,a_tardiness,b_tardiness,change" &&
    pass || fail "csv header"
[[ $(grep -c '^order,' "$TMP/stdout") -eq 4 ]] && pass || fail "csv: 4 order rows"
grep -q '^kpi,objective,[0-9.]*,[0-9.]*,100,' "$TMP/stdout" && pass || fail "csv objective delta"

expect_exit 0 "compare json" -- "$COSCHED" compare "$TMP/a" "$TMP/b" --json
[[ $(wc -l <"$TMP/stderr") -eq 0 ]] && pass || fail "compare --json wrote to stderr"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/stdout" "$ontime" <<'PY' && pass || fail "compare json content"
import json, sys
d = json.load(open(sys.argv[1]))["comparison"]
assert d["n_orders"] == 42 and d["n_changed"] == 4, d
by = {o["order_id"]: o for o in d["orders"]}
assert by["ORD-003"]["changes"] == ["line"] and by["ORD-003"]["b"]["line_id"] == "FILL9"
assert by["ORD-004"]["changes"] == ["moved"]
assert by[sys.argv[2]]["changes"] == ["now late"]
obj = d["kpis"]["objective"]
assert abs(obj["delta"] - 100) < 1e-6, obj
assert set(d["kpis"]["utilization"]) == {"LIP1", "LIP2", "FILL1", "FILL2"}, d["kpis"]["utilization"]
assert d["a"]["plan"] and d["a"]["scenario"] is None and d["verdict"], d
# the order whose lateness changed most comes first
assert d["orders"][0]["changes"] in (["now late"], ["now on time"]), d["orders"][0]
PY
fi

# The verdict comes first and names what makes the difference; under other weights both
# plans are scored under each side's weights and the raw objective delta is not shown.
expect_exit 0 "compare a plan with a reweighted one" -- "$COSCHED" compare "$TMP/a" "$TMP/a"
expect_grep "^\*\*B is equally good" "$TMP/stdout" "verdict: equal"
cp -r "$src/demo" "$TMP/w100"; sed -i 's/^weight_tardiness,1$/weight_tardiness,100/' "$TMP/w100/settings.csv"
expect_exit 0 "plan with weight_tardiness 100" -- "$COSCHED" plan "$TMP/w100" --out "$TMP/w" --time-limit 1 --quiet
expect_exit 0 "compare under different weights" -- "$COSCHED" compare "$TMP/a" "$TMP/w"
expect_grep "^\*\*A and B use different weights: under A's weights B is .*; under B's weights B is " \
    "$TMP/stdout" "verdict under both weights"
expect_grep "^\| objective \| [0-9.]+ \| [0-9.]+ \| \(weights differ\) \|$" "$TMP/stdout" \
    "no raw objective delta under different weights"

# Two scenarios: planned first (into a temporary directory that is removed afterwards).
expect_exit 0 "compare two scenarios" -- "$COSCHED" compare "$src/demo" "$src/demo-rush-order" \
    --time-limit 1 --quiet
expect_grep "^\| RUSH-001 \| - \| [A-Z0-9]+ \|.*\| only in B \|$" "$TMP/stdout" "the rush order only in B"
expect_grep "^\*\*B is (better|worse|equally good)" "$TMP/stdout" "scenario verdict"
expect_grep "^- orders: RUSH-001 added$" "$TMP/stdout" "input change listed"
# A planned again with another seed shows which changes may be search noise.
expect_grep "orders changed( \([0-9]+ of them change too when A alone is planned again with another seed: those may be search noise, not the what-if\))?:" \
    "$TMP/stdout" "noise probe said when it finds some"
[[ -z "$(ls -d "$TMP"/cosched-compare-* 2>/dev/null)" ]] && pass || fail "noise probe left plans behind"
expect_exit 0 "compare two scenarios, json" -- "$COSCHED" compare "$src/demo" "$src/demo-half-cream-changeovers" \
    --time-limit 1 --quiet --json
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/stdout" <<'PY' && pass || fail "scenario compare json names its inputs"
import json, sys
d = json.load(open(sys.argv[1]))["comparison"]
assert d["a"]["scenario"].endswith("scenarios/demo") and d["a"]["plan"] is None, d["a"]
assert d["b"]["scenario"].endswith("demo-half-cream-changeovers"), d["b"]
assert any(x.startswith("changeovers: FILL1 ") for x in d["input_changes"]), d["input_changes"]
PY
fi
[[ -z "$(ls -d "$TMP"/cosched-compare-* 2>/dev/null)" ]] && pass || fail "temporary plans left behind"
expect_exit 0 "compare scenarios, keeping plans" -- "$COSCHED" compare "$src/demo" \
    "$src/demo-extra-line" --time-limit 1 --quiet --out "$TMP/kept"
[[ -s "$TMP/kept/a/summary.json" && -s "$TMP/kept/b/report.html" ]] && pass || fail "--out keeps both plans"
expect_grep "^\| utilization LIP3 \| - \| [0-9.]+% \|" "$TMP/stdout" "the extra line appears"

# Errors.
expect_exit 64 "one argument" -- "$COSCHED" compare "$TMP/a"
expect_exit 64 "bad format" -- "$COSCHED" compare "$TMP/a" "$TMP/b" --format xml
expect_exit 66 "neither plan nor scenario" -- "$COSCHED" compare "$TMP/a" "$TMP/nothing"
rm "$TMP/b/order_schedule.csv"
expect_exit 66 "plan directory without order_schedule.csv" -- "$COSCHED" compare "$TMP/a" "$TMP/b"
expect_grep "b/order_schedule.csv: error: file is missing" "$TMP/stderr" "missing file named"
finish
