# Size: 100,000 orders are read and validated with memory in proportion to the input (peak RSS
# from /usr/bin/time -v: 100k orders may take at most 15x what 10k take, and under 200 MB on
# 20 lines); in the sanitizer build this runs under UBSan, so no count, time or sum overflows.
# The extremes of the number and time ranges are input errors, never wrapped values.
source "$(dirname "$0")/lib.sh"
skip_under_wrapper "100,000 orders under valgrind take too long"
sanitized=0
grep -q '^COSCHED_SANITIZE:BOOL=ON' "$COSCHED_BUILD/CMakeCache.txt" 2>/dev/null && sanitized=1
declare -A rss
for n in 10000 100000; do
    "$COSCHED_BUILD/cs_generate" --orders $n --lines 20 --seed 4 "$TMP/g$n" >/dev/null
    if [[ -x /usr/bin/time ]]; then
        expect_exit 0 "validate $n orders" -- /usr/bin/time -v "$COSCHED" validate "$TMP/g$n"
        rss[$n]=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMP/stderr")
        echo "validate $n orders: peak RSS ${rss[$n]} KB"
    else
        expect_exit 0 "validate $n orders" -- "$COSCHED" validate "$TMP/g$n"
    fi
    expect_grep "valid: $n orders on 20 lines" "$TMP/stderr" "validate $n orders message"
done
if [[ $sanitized -eq 0 && -n "${rss[10000]:-}" ]]; then
    ((rss[100000] <= 15 * rss[10000])) && pass ||
        fail "100k orders take ${rss[100000]} KB, 10k ${rss[10000]} KB: not in proportion"
    ((rss[100000] <= 200000)) && pass || fail "100k orders take ${rss[100000]} KB"
elif [[ ! -x /usr/bin/time ]]; then
    echo "skipped the memory measurement: /usr/bin/time is missing (Debian package time)"
fi

# 100,000 orders with extreme but valid values: huge weights, the far end of the time range.
awk -F, 'NR == 1 { print; next } { $6 = "1e12"; print }' OFS=, "$TMP/g100000/orders.csv" \
    >"$TMP/o.csv" && mv "$TMP/o.csv" "$TMP/g100000/orders.csv"
head -2 "$TMP/g100000/orders.csv" | tail -1 | grep -q ',1e12$' && pass || fail "weights not set"
expect_exit 0 "validate 100k orders with weight 1e12" -- "$COSCHED" validate "$TMP/g100000"

# Range ends are errors with FILE:LINE, not wraps.
base="$COSCHED_SRC/tests/data/hand2x5"
mk() { rm -rf "$TMP/s"; cp -r "$base" "$TMP/s"; }
try() { # WHAT PATTERN
    expect_exit 65 "$1" -- "$COSCHED" validate "$TMP/s"
    expect_grep "$2" "$TMP/stderr" "$1 message"
}
mk; sed -i 's/^o3,A,30,/o3,A,1e15,/' "$TMP/s/orders.csv"
try "run longer than the time range" "orders.csv:4: error: column 'quantity'"
mk; sed -i 's/^o3,A,30,2027-03-01T[0-9:]*/o3,A,30,9999-12-31T23:59/' "$TMP/s/orders.csv"
# The usual "no due date": accepted, it can never make the order late.
expect_exit 0 "due at the end of the calendar" -- "$COSCHED" validate "$TMP/s"
mk; sed -i 's/^o3,A,30,2027-03-01T[0-9:]*/o3,A,30,0001-01-01T00:00/' "$TMP/s/orders.csv"
try "due at the start of the calendar" "orders.csv:4: error: column 'due'"
mk; printf 'line_id,start,end\nL1,2027-03-01T08:00,9999-12-31T23:59\n' >"$TMP/s/calendar.csv"
try "downtime to the end of the calendar" "calendar.csv:2: error: column 'end'"
mk; printf 'key,value\nhorizon_start,2027-03-01T06:00\nseed,99999999999999999999\n' \
    >"$TMP/s/settings.csv"
try "seed beyond long" "settings.csv:3: error: column 'value'"
finish
