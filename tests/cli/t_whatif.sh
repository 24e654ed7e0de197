# What-if scenarios: a directory that names a `base` in settings.csv and holds only the files
# it changes. Files come from the nearest base that has them, settings merge key by key,
# messages name the file actually read, and broken or cyclic bases are input errors.
source "$(dirname "$0")/lib.sh"
src="$COSCHED_SRC/scenarios"

# The shipped variants load, plan and pass the checker (which reads the same chain).
for v in demo-extra-line demo-half-cream-changeovers demo-rush-order; do
    expect_exit 0 "validate $v" -- "$COSCHED" validate "$src/$v"
    expect_exit 0 "plan $v" -- "$COSCHED" plan "$src/$v" --out "$TMP/$v" --time-limit 1 --quiet
    expect_exit 0 "check $v" -- "$COSCHED" check "$src/$v" "$TMP/$v"
done
"$COSCHED" validate "$src/demo-extra-line" 2>"$TMP/err"
expect_grep "42 orders on 5 lines" "$TMP/err" "extra line adds a line, keeps the orders"
"$COSCHED" validate "$src/demo-rush-order" 2>"$TMP/err"
expect_grep "43 orders on 4 lines" "$TMP/err" "rush order adds an order"
grep -q '^LIP3,' "$TMP/demo-extra-line/order_schedule.csv" "$TMP/demo-extra-line/plan.csv" &&
    pass || fail "the extra line LIP3 is not used"
# Halved cream changeovers: every cream->cream changeover in the plan takes 15 minutes.
awk -F, '$3 == "changeover" && $5 ~ /^CR-/ && $6 ~ /^CR-/ && $6 != "CR-ALMOND" && $10 != 15 { bad++ }
         END { exit bad > 0 }' "$TMP/demo-half-cream-changeovers/plan.csv" &&
    pass || fail "cream changeovers are not the variant's 15 minutes"

# Settings merge key by key: the variant sets the seed, the horizon comes from the base.
mkdir -p "$TMP/v1"
printf 'key,value\nbase,%s\nseed,7\n' "$src/demo" >"$TMP/v1/settings.csv"
expect_exit 0 "plan merged settings" -- "$COSCHED" plan "$TMP/v1" --out "$TMP/p1" \
    --time-limit 1 --quiet --json
[[ $(json_field "$TMP/p1/summary.json" seed) == 7 ]] && pass || fail "seed of the variant not used"
head -2 "$TMP/p1/plan.csv" | tail -1 | grep -q ',2027-03-01T' && pass || fail "horizon of the base not used"

# A base of a base, relative to the directory that names it.
mkdir -p "$TMP/chain/mid" "$TMP/chain/top"
cp -r "$src/demo" "$TMP/chain/root"
printf 'key,value\nbase,../root\nweight_makespan,1\n' >"$TMP/chain/mid/settings.csv"
printf 'key,value\nbase,../mid\n' >"$TMP/chain/top/settings.csv"
head -11 "$src/demo/orders.csv" >"$TMP/chain/top/orders.csv"
expect_exit 0 "plan a chain of bases" -- "$COSCHED" plan "$TMP/chain/top" --out "$TMP/p2" \
    --time-limit 1 --quiet
[[ $(($(wc -l <"$TMP/p2/order_schedule.csv") - 1)) -eq 10 ]] && pass || fail "top's orders.csv not used"
# weight_makespan 1 from mid: the objective includes the makespan.
obj=$(json_field "$TMP/p2/summary.json" objective)
mk=$(sed -n 's/^ *"makespan_minutes": \([0-9]*\).*/\1/p' "$TMP/p2/summary.json")
awk -v o="$obj" -v m="$mk" 'BEGIN { exit !(o >= m && m > 0) }' && pass ||
    fail "objective $obj does not include makespan $mk (weight from the middle base)"

# Errors name the file actually read: a broken orders.csv in the base.
cp -r "$src/demo" "$TMP/badbase"
sed -i '3s/,1250,/,-5,/' "$TMP/badbase/orders.csv"
mkdir -p "$TMP/v2"
printf 'key,value\nbase,../badbase\n' >"$TMP/v2/settings.csv"
expect_exit 65 "error in a base file" -- "$COSCHED" validate "$TMP/v2"
expect_grep "badbase/orders.csv:3: error: column 'quantity'" "$TMP/stderr" "error names the base's file"
# ...and the variant's own file when it overrides it.
cp "$TMP/badbase/orders.csv" "$TMP/v1/orders.csv"
expect_exit 65 "error in a variant file" -- "$COSCHED" validate "$TMP/v1"
expect_grep "v1/orders.csv:3: error" "$TMP/stderr" "error names the variant's file"

# Cycles are input errors, naming the settings line.
mkdir -p "$TMP/ca" "$TMP/cb" "$TMP/self"
printf 'key,value\nbase,../cb\n' >"$TMP/ca/settings.csv"
printf 'key,value\nbase,../ca\n' >"$TMP/cb/settings.csv"
printf 'key,value\nbase,.\n' >"$TMP/self/settings.csv"
expect_exit 65 "cycle of two" -- "$COSCHED" validate "$TMP/ca"
expect_grep "cb/settings.csv:2: error: .*cycle" "$TMP/stderr" "cycle reported at the closing link"
expect_exit 65 "scenario based on itself" -- "$COSCHED" validate "$TMP/self"
expect_grep "self/settings.csv:2: error: .*cycle" "$TMP/stderr" "self cycle reported"
# A missing base is missing input.
mkdir -p "$TMP/nobase"
printf 'key,value\nbase,../does-not-exist\n' >"$TMP/nobase/settings.csv"
expect_exit 66 "missing base" -- "$COSCHED" validate "$TMP/nobase"
expect_grep "nobase/settings.csv:2: error: setting 'base'.*missing" "$TMP/stderr" "missing base named"

# tools/sweep plans every scenario of a folder, variants included, into one KPI table.
mkdir -p "$TMP/folder"
cp -r "$src/demo" "$src/demo-rush-order" "$TMP/folder/"
expect_exit 0 "sweep" -- env COSCHED="$COSCHED" "$COSCHED_SRC/tools/sweep" "$TMP/folder" \
    "$TMP/sweep" -j 2 -- --time-limit 1
[[ $(wc -l <"$TMP/sweep/kpis.csv") -eq 3 ]] && pass || fail "sweep: kpis.csv should have 2 rows"
grep -qE '^demo-rush-order,0,(feasible|optimal),[0-9.]+,' "$TMP/sweep/kpis.csv" && pass ||
    fail "sweep: no KPI row for the variant"
[[ -s "$TMP/sweep/demo/report.html" ]] && pass || fail "sweep: plan of demo missing"
finish
