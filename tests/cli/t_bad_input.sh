# Bad input: exit 65 (or 66 for a missing file), FILE:LINE on stderr, and an existing plan in
# the output directory is left exactly as it was.
source "$(dirname "$0")/lib.sh"
good="$COSCHED_SRC/tests/data/hand2x5"
expect_exit 0 "a previous plan" -- "$COSCHED" plan "$good" --out "$TMP/p" --time-limit 5 --quiet
cp -r "$TMP/p" "$TMP/before"

mk() { rm -rf "$TMP/s"; cp -r "$good" "$TMP/s"; }
try() { # WHAT CODE PATTERN
    expect_exit "$2" "$1" -- "$COSCHED" plan "$TMP/s" --out "$TMP/p" --time-limit 2
    expect_grep "$3" "$TMP/stderr" "$1 message"
    diff -r "$TMP/before" "$TMP/p" >/dev/null && pass || fail "$1: previous plan was touched"
    expect_exit "$2" "$1 (validate)" -- "$COSCHED" validate "$TMP/s"
}
mk; sed -i 's/^o3,A,30,/o3,A,-30,/' "$TMP/s/orders.csv"
try "negative quantity" 65 "orders.csv:4: error: .*quantity.*'-30'"
mk; sed -i 's/^o2,B,60,2027-03-01T07:40/o2,B,60,2027-02-30T07:40/' "$TMP/s/orders.csv"
try "impossible date" 65 "orders.csv:3: error: .*due.*2027-02-30"
mk; echo 'o1,A,5,2027-03-01T08:00,lipstick' >>"$TMP/s/orders.csv"
try "duplicate order id" 65 "orders.csv:7: error: .*o1"
mk; sed -i 's/^o4,C,/o4,Z,/' "$TMP/s/orders.csv"
try "order no line can make" 65 "orders.csv:5: error: .*Z"
mk; rm "$TMP/s/orders.csv"
try "missing orders.csv" 66 "orders.csv"
mk; printf 'line_id,from,to,minutes,cost\n,A,B,10,0\n,B,A,40,0\n' >"$TMP/s/changeovers.csv"
try "missing changeover rule" 65 "changeovers.csv.*error"
mk; printf 'line_id,from,to,minutes,cost\n,A,*,10,0\n,*,B,40,0\n*,*,*,30,0\n' >"$TMP/s/changeovers.csv"
try "ambiguous changeover rule" 65 "changeovers.csv:[23]: error: .*ambiguous"
mk; printf 'order_id,product_id,quantity,due\no1,A,"60,2027-03-01T08:00\n' >"$TMP/s/orders.csv"
try "unterminated quote" 65 "orders.csv:2: error"
finish
