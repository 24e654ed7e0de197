# Loading stays within the limits the user gave: each input file has a record cap, checked
# while it is read (exit 65 at the first record beyond it), a plan may have at most 500,000
# blocks, and the time limit bounds loading and the scenario's checks (exit 10, nothing
# written). Each case used to load for seconds and gigabytes, or to plan past the limit.
source "$(dirname "$0")/lib.sh"

base="$COSCHED_SRC/tests/data/hand2x5"
expect_exit 0 "a previous plan" -- "$COSCHED" plan "$base" --out "$TMP/prev" --time-limit 2 --quiet
cp -r "$TMP/prev" "$TMP/prev.orig"
untouched() {
    diff -r "$TMP/prev.orig" "$TMP/prev" >/dev/null && pass || fail "$1: previous plan touched"
}
# mk DIR LINES -- a scenario skeleton of LINES lines; the caller writes capabilities and orders.
mk() {
    rm -rf "$1"
    mkdir -p "$1"
    printf 'key,value\nhorizon_start,2027-03-01T06:00\n' >"$1/settings.csv"
    printf 'line_id,from,to,minutes\n,*,*,20\n' >"$1/changeovers.csv"
    awk -v n="$2" 'BEGIN { print "line_id,name"; for (l = 1; l <= n; l++) print "L" l ",x" }' \
        >"$1/lines.csv"
}

# Record caps, at the first record beyond them.
s="$TMP/many-orders"
mk "$s" 1
printf 'line_id,product_id,units_per_hour\nL1,A,60\n' >"$s/capabilities.csv"
awk 'BEGIN { print "order_id,product_id,quantity,due"
             for (o = 1; o <= 200001; o++) print "O" o ",A,1,2027-03-09T06:00" }' >"$s/orders.csv"
expect_exit 65 "200,001 orders" -- "$COSCHED" plan "$s" --out "$TMP/prev" --quiet
expect_grep "orders.csv:200002: error: more than 200000 orders, the most the engine takes" \
    "$TMP/stderr" "200,001 orders: message"
untouched "200,001 orders"
sed -i '$d' "$s/orders.csv"
expect_exit 0 "200,000 orders (validate)" -- "$COSCHED" validate "$s"
s="$TMP/many-lines"
mk "$s" 1001
printf 'line_id,product_id,units_per_hour\nL1,A,60\n' >"$s/capabilities.csv"
printf 'order_id,product_id,quantity,due\nO1,A,1,2027-03-09T06:00\n' >"$s/orders.csv"
expect_exit 65 "1,001 lines" -- "$COSCHED" validate "$s"
expect_grep "lines.csv:1002: error: more than 1000 lines" "$TMP/stderr" "1,001 lines: message"

# A plan of more than 500,000 blocks (10,000 orders of 51 batches) is refused before any
# search: writing one of 5,000,000 took 53 s and 5 GB at --time-limit 2.
s="$TMP/many-blocks"
mk "$s" 20
awk 'BEGIN { print "line_id,product_id,units_per_hour,max_batch"
             for (l = 1; l <= 20; l++) for (p = 1; p <= 20; p++) print "L" l ",P" p ",600,10" }' \
    >"$s/capabilities.csv"
awk 'BEGIN { print "order_id,product_id,quantity,due"
             for (o = 1; o <= 10000; o++) print "O" o ",P" (o % 20 + 1) ",510,2027-06-01T06:00" }' \
    >"$s/orders.csv"
expect_exit 65 "510,000 blocks" -- "$COSCHED" plan "$s" --out "$TMP/prev" --time-limit 2 --quiet
expect_grep "orders.csv:[0-9]+: error: column 'quantity': up to order .* more than the 500000 a plan may have" \
    "$TMP/stderr" "510,000 blocks: message"
untouched "510,000 blocks"

# The time limit covers loading: 20 lines x 1,580 products (the largest changeover tables
# allowed) take more than a second to derive; at --time-limit 0.3 the load stops at the
# limit with exit 10 and nothing written.
s="$TMP/large-tables"
mk "$s" 20
awk 'BEGIN { print "line_id,product_id,units_per_hour"
             for (l = 1; l <= 20; l++) for (p = 1; p <= 1580; p++) print "L" l ",P" p ",60" }' \
    >"$s/capabilities.csv"
awk 'BEGIN { print "order_id,product_id,quantity,due"
             for (p = 1; p <= 1580; p++) print "O" p ",P" p ",10,2027-03-09T06:00" }' >"$s/orders.csv"
start=$(date +%s.%N)
expect_exit 10 "loading past --time-limit 0.3" -- "$COSCHED" plan "$s" --out "$TMP/prev" --time-limit 0.3 --quiet
took=$(echo "$(date +%s.%N) - $start" | bc)
# Natively the limit passes while the tables are derived; under valgrind, while a file is read.
expect_grep "error: the time limit passed (after [0-9.]+ s of loading, while|while this file was read)" \
    "$TMP/stderr" "loading past --time-limit 0.3: message"
expect_grep "time limit reached while loading the scenario; nothing planned" "$TMP/stderr" \
    "loading past --time-limit 0.3: summary line"
untouched "loading past --time-limit 0.3"
# Exit 10 at the limit is what the old loader never gave; the wall time only guards against
# a hang, with room for a loaded machine or the sanitizers.
if [[ -z "${COSCHED_WRAPPER:-}" ]]; then
    (($(echo "$took < 5" | bc))) && pass || fail "loading past --time-limit 0.3: took $took s"
fi
expect_exit 10 "loading past --time-limit 0.3, --json" -- "$COSCHED" plan "$s" --out "$TMP/prev" --time-limit 0.3 --quiet --json
expect_grep '"code":"E_TIME_LIMIT"' "$TMP/stdout" "loading past --time-limit 0.3: code in --json"
# The same limit from settings.csv.
printf 'time_limit_s,0.3\n' >>"$s/settings.csv"
expect_exit 10 "loading past time_limit_s 0.3" -- "$COSCHED" plan "$s" --out "$TMP/prev" --quiet
untouched "loading past time_limit_s 0.3"
# validate has no time limit: the same scenario is valid.
expect_exit 0 "validate has no time limit" -- "$COSCHED" validate "$s"
# A large file is stopped while it is read: a million downtime rows at --time-limit 0.05.
s="$TMP/long-calendar"
rm -rf "$s"
cp -r "$base" "$s"
awk 'BEGIN { print "line_id,start,end,reason"
             for (i = 0; i < 1000000; i++) print "L1,2027-03-01T06:00,2027-03-01T06:01,x" }' \
    >"$s/calendar.csv"
expect_exit 10 "a million downtime rows at --time-limit 0.05" -- "$COSCHED" plan "$s" --out "$TMP/prev" --time-limit 0.05 --quiet
expect_grep "error: the time limit passed" "$TMP/stderr" "a million downtime rows: message"
untouched "a million downtime rows"
# One field of 100 MB (below the file size cap) is read in pieces, the clock looked at between
# them: it used to take 2.5 s and 370 MB at --time-limit 0.5.
s2="$TMP/long-field"
rm -rf "$s2"
cp -r "$base" "$s2"
{ printf 'o9,A,10,2027-03-02T06:00,'; head -c 100000000 /dev/zero | tr '\0' x; echo; } >>"$s2/orders.csv"
start=$(date +%s.%N)
expect_exit 10 "a 100 MB field at --time-limit 0.2" -- "$COSCHED" plan "$s2" --out "$TMP/prev" --time-limit 0.2 --quiet
took=$(echo "$(date +%s.%N) - $start" | bc)
untouched "a 100 MB field"
if [[ -z "${COSCHED_WRAPPER:-}" ]]; then
    (($(echo "$took < 5" | bc))) && pass || fail "a 100 MB field at --time-limit 0.2: took $took s"
fi
rm -rf "$s2"
echo 'L1,2027-03-01T06:00,2027-03-01T06:01,x' >>"$s/calendar.csv"
expect_exit 65 "1,000,001 downtime rows" -- "$COSCHED" validate "$s"
expect_grep "calendar.csv:1000002: error: more than 1000000 downtime rows" "$TMP/stderr" \
    "1,000,001 downtime rows: message"
finish
