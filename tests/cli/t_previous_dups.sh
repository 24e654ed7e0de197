# A previous plan with duplicates. Two rows of one line with the same seq leave the sequence
# undefined: an error at the later row (exit 65, nothing written). An order that may not be
# split but stands twice in the previous plan: a warning at FILE:LINE, on stderr and in the
# new plan's summary.json warnings; the plan is made and passes the checker.
source "$(dirname "$0")/lib.sh"
src="$COSCHED_SRC/scenarios"
run=(--time-limit 3 --iteration-limit 200 --quiet)

expect_exit 0 "plan demo" -- "$COSCHED" plan "$src/demo" --out "$TMP/night" "${run[@]}"
line2=$(sed -n 2p "$TMP/night/plan.csv")
line3=$(sed -n 3p "$TMP/night/plan.csv")
l2=${line2%%,*}
seq2=$(cut -d, -f2 <<<"$line2")
[[ ${line3%%,*} == "$l2" ]] && pass || fail "rows 2 and 3 are not on one line"

# Duplicate seq: row 3 takes row 2's seq.
mkdir -p "$TMP/dupseq"
cp "$TMP/night/summary.json" "$TMP/dupseq/"
awk -F, -v OFS=, -v s="$seq2" 'NR == 3 { $2 = s } { print }' "$TMP/night/plan.csv" \
    >"$TMP/dupseq/plan.csv"
expect_exit 65 "duplicate seq" -- "$COSCHED" plan "$src/demo" --out "$TMP/x" \
    --previous "$TMP/dupseq" "${run[@]}"
expect_grep "dupseq/plan.csv:3: error: column 'seq': line '$l2' has seq $seq2 twice \(also on line 2\)" \
    "$TMP/stderr" "duplicate seq named at its line"
[[ ! -e "$TMP/x" ]] && pass || fail "a plan was written after a duplicate seq"

# Duplicate order: the first order of the plan again at the end of its line (other orders
# stand between, so it is a second run, not the same one continued).
order=$(cut -d, -f4 <<<"$line2")
last=$(awk -F, -v l="$l2" '$1 == l { n = $2 } END { print n }' "$TMP/night/plan.csv")
mkdir -p "$TMP/duporder"
cp "$TMP/night/summary.json" "$TMP/duporder/"
{ cat "$TMP/night/plan.csv"
  awk -F, -v OFS=, -v s="$((last + 1))" 'NR == 2 { $2 = s; print }' "$TMP/night/plan.csv"
} >"$TMP/duporder/plan.csv"
dup_line=$(wc -l <"$TMP/duporder/plan.csv")
expect_exit 0 "duplicate order" -- "$COSCHED" plan "$src/demo" --out "$TMP/y" \
    --previous "$TMP/duporder" --freeze-hours 24 "${run[@]}"
msg="duporder/plan.csv:$dup_line: warning: order '$order' is planned again here \(also on line 2\)"
expect_grep "$msg" "$TMP/stderr" "duplicate order named at its line"
expect_grep "\"previous plan: [^\"]*duporder/plan.csv:$dup_line: order '$order' is planned again" \
    "$TMP/y/summary.json" "duplicate order in summary.json warnings"
expect_exit 0 "check the plan made from it" -- "$COSCHED" check "$src/demo" "$TMP/y"
n=$(awk -F, -v o="$order" '$3 == "production" && $4 == o' "$TMP/y/plan.csv" | wc -l)
[[ $n -eq 1 ]] && pass || fail "order $order produced $n times"

# The same plan without duplicates warns of none.
expect_exit 0 "clean previous plan" -- "$COSCHED" plan "$src/demo" --out "$TMP/z" \
    --previous "$TMP/night" "${run[@]}"
grep -q "planned again here" "$TMP/stderr" "$TMP/z/summary.json" &&
    fail "a clean previous plan reported duplicates" || pass

finish
