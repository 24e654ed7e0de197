#!/usr/bin/env bash
# The progress lines show the objective of the plan that would be written: on plants with
# fewer cleaning crews than lines (where the whole-order search leaves crew waits out) the
# objectives on the progress lines never rise, and the last one is the written plan's, in
# summary.json. The plans pass `cosched check`, and the same work limit gives the same plan.
source "$(dirname "$0")/lib.sh"
"$COSCHED_BUILD/cs_generate" --orders 60 --lines 4 --seed 11 --extensions "$TMP/g60" >/dev/null
grep -q '^cleaning_crews,1$' "$TMP/g60/settings.csv" && pass || fail "g60 has no crew limit"

# progress_agrees NAME DIR -- planned into $TMP/NAME-1; stderr in $TMP/stderr
progress_agrees() {
    local name=$1 dir=$2
    expect_exit 0 "plan $name" -- "$COSCHED" plan "$dir" --out "$TMP/$name-1" \
        --work-limit 0.4 --time-limit 300
    expect_exit 0 "check $name" -- "$COSCHED" check "$dir" "$TMP/$name-1"
    "$COSCHED" plan "$dir" --out "$TMP/$name-1" --work-limit 0.4 --time-limit 300 2>"$TMP/progress" ||
        fail "$name: second plan"
    local objs
    objs=$(sed -n 's/.* obj \([0-9.e+-]*\)  bound .*/\1/p' "$TMP/progress")
    [[ $(wc -l <<<"$objs") -ge 3 ]] && pass || fail "$name: fewer than three progress lines"
    awk 'NR > 1 && $1 > prev + 1e-6 { bad = 1 } { prev = $1 } END { exit bad }' <<<"$objs" &&
        pass || fail "$name: a progress line's objective rose: $(tr '\n' ' ' <<<"$objs")"
    local last written
    last=$(tail -1 <<<"$objs")
    written=$(sed -n 's/^  "objective": \([0-9.e+-]*\),$/\1/p' "$TMP/$name-1/summary.json")
    awk -v a="$last" -v b="$written" 'BEGIN { exit !(a - b < 1e-6 && b - a < 1e-6) }' &&
        pass || fail "$name: last progress obj $last, summary.json objective $written"
}

progress_agrees g60 "$TMP/g60"
progress_agrees plant-ext "$COSCHED_SRC/scenarios/plant-ext"
"$COSCHED" plan "$TMP/g60" --out "$TMP/g60-2" --work-limit 0.4 --time-limit 300 --quiet ||
    fail "g60: third plan"
cmp -s "$TMP/g60-1/plan.csv" "$TMP/g60-2/plan.csv" && pass || fail "g60: plans differ"
finish
