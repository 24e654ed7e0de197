# The contract's extensions end to end: scenarios/plant-ext (sanitation intervals, one
# cleaning crew, max_batch, a splittable order) and generated plants with the extensions
# added are planned and must pass `cosched check`; the plans are also read with awk, apart
# from the checker, for cleanings, batch limits and crew overlaps.
source "$(dirname "$0")/lib.sh"
src="$COSCHED_SRC/scenarios"

# crew_peak PLAN -- the most changeover/cleaning blocks in progress at one minute.
# ISO datetimes sort as text; at equal times an end (-1) sorts before a start (+1).
crew_peak() {
    awk -F, 'NR > 1 && ($3 == "changeover" || $3 == "cleaning") && $8 < $9 {
                 print $8 ",1"; print $9 ",0" }' "$1" |
        sort -t, -k1,1 -k2,2n |
        awk -F, '{ busy += ($2 == 1 ? 1 : -1); if (busy > peak) peak = busy } END { print peak + 0 }'
}

# The shipped scenario, exactly as the README shows it.
expect_exit 0 "plan plant-ext" -- "$COSCHED" plan "$src/plant-ext" --out "$TMP/x" --time-limit 5 --quiet
expect_exit 0 "check plant-ext" -- "$COSCHED" check "$src/plant-ext" "$TMP/x"
expect_grep '^FILL[12],[0-9]+,cleaning,,([A-Z-]+),\1,0,' "$TMP/x/plan.csv" "cleaning blocks on the fillers"
[[ $(crew_peak "$TMP/x/plan.csv") -le 1 ]] && pass || fail "plant-ext: more than one crew busy"
# CR-ALMOND on FILL1 holds at most 4000 units a block.
awk -F, '$1 == "FILL1" && $3 == "production" && $5 == "CR-ALMOND" && $7 > 4000 { bad++ }
         END { exit bad > 0 }' "$TMP/x/plan.csv" && pass || fail "a CR-ALMOND block exceeds max_batch"
# No filler stretch of production longer than its max_run_minutes.
awk -F, 'NR > 1 { if ($1 != line) { line = $1; run = 0 }
                  if ($3 != "production") run = 0; else run += $10
                  if (($1 == "FILL1" && run > 480) || ($1 == "FILL2" && run > 600)) bad++ }
         END { exit bad > 0 }' "$TMP/x/plan.csv" && pass || fail "a stretch exceeds max_run_minutes"
expect_grep '^ORD-043,' "$TMP/x/order_schedule.csv" "the splittable order is scheduled"
expect_grep '"cleanings": [1-9]' "$TMP/x/summary.json" "summary counts cleanings"
"$COSCHED" plan "$src/plant-ext" --out "$TMP/x2" --time-limit 1 2>"$TMP/err" >/dev/null
expect_grep 'cleanings: [1-9]' "$TMP/err" "the human summary shows cleanings"

# Generated plants with every extension: short limits, small batches, crews, splits.
"$COSCHED_BUILD/cs_generate" --orders 40 --lines 4 --seed 21 "$TMP/g" >/dev/null
add_extensions() { # DIR MAXRUN CLEAN CREWS BATCH
    local d=$1
    awk -F, -v m="$2" -v c="$3" 'NR == 1 { print $0 ",max_run_minutes,cleaning_minutes,cleaning_cost"; next }
                                { print $0 "," m "," c ",25" }' "$d/lines.csv" >"$d/l" && mv "$d/l" "$d/lines.csv"
    awk -F, -v b="$5" 'NR == 1 { print $0 ",max_batch"; next } { print $0 "," b }' \
        "$d/capabilities.csv" >"$d/c" && mv "$d/c" "$d/capabilities.csv"
    awk -F, 'NR == 1 { print $0 ",split,min_split"; next }
             { if (NR % 3 == 0) print $0 ",1,500"; else print $0 ",," }' \
        "$d/orders.csv" >"$d/o" && mv "$d/o" "$d/orders.csv"
    printf 'cleaning_crews,%s\n' "$4" >>"$d/settings.csv"
}
for v in "240 20 1 3000" "90 15 2 1200" "600 45 1 100000"; do
    read -r maxrun clean crews batch <<<"$v"
    d="$TMP/g-$maxrun"
    cp -r "$TMP/g" "$d"
    add_extensions "$d" "$maxrun" "$clean" "$crews" "$batch"
    expect_exit 0 "validate variant $v" -- "$COSCHED" validate "$d"
    expect_exit 0 "plan variant $v" -- "$COSCHED" plan "$d" --out "$d.plan" --time-limit 2 --quiet
    expect_exit 0 "check variant $v" -- "$COSCHED" check "$d" "$d.plan"
    [[ $(crew_peak "$d.plan/plan.csv") -le $crews ]] && pass || fail "variant $v: crews exceeded"
    awk -F, -v b="$batch" '$3 == "production" && $7 > b { bad++ } END { exit bad > 0 }' \
        "$d.plan/plan.csv" && pass || fail "variant $v: a block exceeds max_batch"
done
# The shortest interval needs cleanings.
grep -q ',cleaning,' "$TMP/g-90.plan/plan.csv" && pass || fail "no cleaning with max_run_minutes 90"

finish
