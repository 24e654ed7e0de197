# Re-planning: --previous PLAN_DIR starts from last night's plan. Orders starting before the
# frozen horizon keep line, sequence and times; pins in orders.csv hold; weight_stability
# keeps orders on their previous line; summary.json counts the orders moved.
source "$(dirname "$0")/lib.sh"
src="$COSCHED_SRC/scenarios"
data="$COSCHED_SRC/tests/data"
run=(--time-limit 3 --iteration-limit 2000 --quiet)

expect_exit 0 "plan demo" -- "$COSCHED" plan "$src/demo" --out "$TMP/night" "${run[@]}"
expect_exit 0 "re-plan rush order" -- "$COSCHED" plan "$src/demo-rush-order" --out "$TMP/re" \
    --previous "$TMP/night" --freeze-hours 12 "${run[@]}"
expect_exit 0 "check re-plan" -- "$COSCHED" check "$src/demo-rush-order" "$TMP/re"
expect_grep '"orders_moved": [0-9]+' "$TMP/re/summary.json" "orders_moved reported"
expect_grep '"frozen_until": "2027-03-01T18:00"' "$TMP/re/summary.json" "frozen horizon reported"

# Frozen: every order whose production started before 18:00 (12 h after horizon_start) keeps
# its rows (line, seq, times) exactly; the rush order is new, so it stands after them.
awk -F, 'NR > 1 && $3 == "production" && $8 < "2027-03-01T18:00" { print $1","$2","$4","$8","$9 }' \
    "$TMP/night/plan.csv" | sort >"$TMP/frozen"
[[ -s "$TMP/frozen" ]] && pass || fail "no order starts before the frozen horizon"
awk -F, 'NR > 1 && $3 == "production" { print $1","$2","$4","$8","$9 }' "$TMP/re/plan.csv" |
    sort >"$TMP/after"
missing=$(comm -23 "$TMP/frozen" "$TMP/after")
[[ -z "$missing" ]] && pass || fail "frozen rows changed: $missing"
n_frozen=$(wc -l <"$TMP/frozen")
grep -q "\"frozen_orders\": $n_frozen," "$TMP/re/summary.json" && pass ||
    fail "frozen_orders is not $n_frozen"
# The checker rejects a summary that moves a frozen order: claim RUSH-001's previous line
# was another one and that it was frozen.
cp -r "$TMP/re" "$TMP/bad"
rush_line=$(awk -F, '$4 == "RUSH-001" { print $1; exit }' "$TMP/re/plan.csv")
other=LIP1; [[ $rush_line == LIP1 ]] && other=LIP2
sed -i "s/\"previous_lines\": {/\"previous_lines\": {\n      \"RUSH-001\": \"$other\",/; s/\"frozen\": \[/\"frozen\": [\n      \"RUSH-001\",/" \
    "$TMP/bad/summary.json"
expect_exit 1 "checker: frozen order moved" -- "$COSCHED" check "$src/demo-rush-order" "$TMP/bad"
expect_grep "frozen order 'RUSH-001' moved" "$TMP/stderr" "message names the frozen order"
expect_grep "orders_moved" "$TMP/stderr" "orders_moved recomputed"

# The scenario changed under a frozen order (new downtime where it runs): it keeps its line
# and place, is timed anew, and a warning in summary.json and on stderr says so.
first=$(awk -F, 'NR > 1 && $3 == "production" && $2 == 1 { print $1","$4","$8; exit }' \
    "$TMP/night/plan.csv")
IFS=, read -r fline forder fstart <<<"$first"
cp -r "$src/demo" "$TMP/down"
echo "$fline,$fstart,${fstart%T*}T07:00,stop" >>"$TMP/down/calendar.csv"
expect_exit 0 "re-plan with new downtime" -- "$COSCHED" plan "$TMP/down" --out "$TMP/downp" \
    --previous "$TMP/night" --freeze-hours 12 --time-limit 3 --iteration-limit 2000
expect_grep "^cosched: warning: frozen order $forder keeps its line and place but now starts" \
    "$TMP/stderr" "retimed frozen order warned on stderr"
expect_grep "\"frozen order $forder keeps its line" "$TMP/downp/summary.json" \
    "retimed frozen order warned in summary.json"
expect_exit 0 "check re-plan with new downtime" -- "$COSCHED" check "$TMP/down" "$TMP/downp"

# The setting frozen_until does the same without --freeze-hours (which overrides it).
mkdir -p "$TMP/fz"
printf 'key,value\nbase,%s\nfrozen_until,2027-03-01T14:00\n' "$src/demo-rush-order" >"$TMP/fz/settings.csv"
expect_exit 0 "re-plan with frozen_until" -- "$COSCHED" plan "$TMP/fz" --out "$TMP/fzp" \
    --previous "$TMP/night" "${run[@]}"
expect_grep '"frozen_until": "2027-03-01T14:00"' "$TMP/fzp/summary.json" "frozen_until setting used"
n14=$(awk -F, 'NR > 1 && $3 == "production" && $8 < "2027-03-01T14:00" { print $4 }' \
    "$TMP/night/plan.csv" | sort -u | wc -l)
grep -q "\"frozen_orders\": $n14," "$TMP/fzp/summary.json" && pass ||
    fail "frozen_orders is not $n14 with frozen_until 14:00"
printf 'key,value\nbase,%s\nfrozen_until,soon\n' "$src/demo-rush-order" >"$TMP/fz/settings.csv"
expect_exit 65 "bad frozen_until" -- "$COSCHED" validate "$TMP/fz"
expect_grep "fz/settings.csv:3: error: column 'value'" "$TMP/stderr" "bad frozen_until named"

# weight_stability: without freezing, a high weight moves fewer orders than none. The
# previous plan is the search's start without any rounds (--iteration-limit 0): moving
# orders improves on it, so a re-plan without the weight has a reason to move some (from a
# good plan it may keep every order where it was).
expect_exit 0 "rough plan demo" -- "$COSCHED" plan "$src/demo" --out "$TMP/rough" \
    --time-limit 3 --iteration-limit 0 --quiet
mkdir -p "$TMP/stable"
printf 'key,value\nbase,%s\nweight_stability,1000\n' "$src/demo-rush-order" >"$TMP/stable/settings.csv"
expect_exit 0 "re-plan, weight 0" -- "$COSCHED" plan "$src/demo-rush-order" --out "$TMP/w0" \
    --previous "$TMP/rough" "${run[@]}"
expect_exit 0 "re-plan, weight 1000" -- "$COSCHED" plan "$TMP/stable" --out "$TMP/w1" \
    --previous "$TMP/rough" "${run[@]}"
expect_exit 0 "check weight 1000" -- "$COSCHED" check "$TMP/stable" "$TMP/w1"
m0=$(sed -n 's/.*"orders_moved": \([0-9]*\).*/\1/p' "$TMP/w0/summary.json")
m1=$(sed -n 's/.*"orders_moved": \([0-9]*\).*/\1/p' "$TMP/w1/summary.json")
[[ -n "$m0" && -n "$m1" && $m1 -lt $m0 ]] && pass || fail "moved: weight 1000 $m1, weight 0 $m0"
# The stability term is in the objective the checker recomputes: a wrong count fails it.
sed -i "s/\"orders_moved\": $m1/\"orders_moved\": $((m1 + 1))/" "$TMP/w1/summary.json"
expect_exit 1 "checker: wrong orders_moved" -- "$COSCHED" check "$TMP/stable" "$TMP/w1"

# Pins: o1 is pinned to the slow line L2, o3 may not start before 10:00.
expect_exit 0 "plan pins" -- "$COSCHED" plan "$data/replan_pins" --out "$TMP/pins" "${run[@]}"
expect_exit 0 "check pins" -- "$COSCHED" check "$data/replan_pins" "$TMP/pins"
awk -F, '$4 == "o1" && $1 != "L2" { bad++ } END { exit bad > 0 }' "$TMP/pins/plan.csv" &&
    pass || fail "o1 not on its pinned line L2"
awk -F, '$4 == "o3" { n++; if ($8 < "2027-03-01T10:00") bad++ } END { exit bad > 0 || n == 0 }' \
    "$TMP/pins/plan.csv" && pass || fail "o3 starts before its pinned_start"
# The same orders without pins plan o1 on the fast line and o3 early: the checker rejects
# that plan against the pinned scenario, naming both pins.
mkdir -p "$TMP/nopin"
cp "$data"/replan_pins/*.csv "$TMP/nopin/"
cut -d, -f1-6 "$data/replan_pins/orders.csv" >"$TMP/nopin/orders.csv"
expect_exit 0 "plan without pins" -- "$COSCHED" plan "$TMP/nopin" --out "$TMP/free" "${run[@]}"
expect_exit 1 "checker: pins broken" -- "$COSCHED" check "$data/replan_pins" "$TMP/free"
expect_grep "pinned to line 'L2'" "$TMP/stderr" "pinned line checked"
expect_grep "before its pinned_start" "$TMP/stderr" "pinned start checked"

# Bad pins are input errors at their line of orders.csv.
expect_exit 65 "bad pins" -- "$COSCHED" validate "$data/replan_badpin"
expect_grep "orders.csv:2: error: column 'pinned_line'.*'L9'" "$TMP/stderr" "unknown pinned line"
expect_grep "orders.csv:3: error: column 'pinned_line': line 'L2' cannot make product 'C'" \
    "$TMP/stderr" "pinned line that cannot make the product"
expect_grep "orders.csv:4: error: column 'pinned_start'" "$TMP/stderr" "bad pinned_start"
grep -q "orders.csv:5:" "$TMP/stderr" && fail "valid pins reported" || pass

# A broken previous plan: missing (66), malformed (65, FILE:LINE); unknown orders are dropped.
expect_exit 66 "previous missing" -- "$COSCHED" plan "$src/demo" --out "$TMP/x" \
    --previous "$TMP/nowhere" "${run[@]}"
mkdir -p "$TMP/broken"
cp "$TMP/night/plan.csv" "$TMP/broken/"
sed -i '3s/,2027-03-0[0-9]T[0-9:]*,/,yesterday,/' "$TMP/broken/plan.csv"
expect_exit 65 "previous malformed" -- "$COSCHED" plan "$src/demo" --out "$TMP/x" \
    --previous "$TMP/broken" "${run[@]}"
expect_grep "broken/plan.csv:3: error: column 'start'" "$TMP/stderr" "bad start named"
[[ ! -e "$TMP/x" ]] && pass || fail "a plan was written after a bad previous plan"
expect_exit 0 "previous with a dropped order" -- "$COSCHED" plan "$src/demo" --out "$TMP/y" \
    --previous "$TMP/re" "${run[@]}"
expect_grep "warning: order 'RUSH-001' is no longer in the scenario" "$TMP/stderr" "dropped order"
expect_exit 64 "--freeze-hours without --previous" -- "$COSCHED" plan "$src/demo" \
    --out "$TMP/z" --freeze-hours 8
expect_exit 64 "bad --freeze-hours" -- "$COSCHED" plan "$src/demo" --out "$TMP/z" \
    --previous "$TMP/night" --freeze-hours -3

finish
