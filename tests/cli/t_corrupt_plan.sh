# A corrupted plan fails 'cosched check' with exit 1 and names the file and line.
source "$(dirname "$0")/lib.sh"
sc="$COSCHED_SRC/tests/data/hand2x5"
expect_exit 0 "plan" -- "$COSCHED" plan "$sc" --out "$TMP/p" --time-limit 5 --quiet
expect_exit 0 "check the good plan" -- "$COSCHED" check "$sc" "$TMP/p"

corrupt() { # NAME SED-SCRIPT FILE
    rm -rf "$TMP/c"; cp -r "$TMP/p" "$TMP/c"
    sed -i "$2" "$TMP/c/$3"
    if cmp -s "$TMP/p/$3" "$TMP/c/$3"; then fail "$1: corruption changed nothing"; return; fi
    expect_exit 1 "$1" -- "$COSCHED" check "$sc" "$TMP/c"
    expect_grep "$3:[0-9]+: error" "$TMP/stderr" "$1 names file and line"
}
# drop the last production row of the plan (an order goes missing)
corrupt "order missing" '$d' plan.csv
# change the first production row's minutes
corrupt "wrong run minutes" '0,/,production,/s/\(,production,[^\n]*,\)\([0-9][0-9]*\),\([0-9.]*\)$/\1999,\3/' plan.csv
# claim a smaller objective
corrupt "wrong objective" 's/"objective": [0-9.]*/"objective": 1/' summary.json
# an order that is late claims no tardiness
corrupt "wrong tardiness" '2s/^\(\([^,]*,\)\{5\}\)[0-9][0-9]*/\112345/' order_schedule.csv
# the fixed columns: a status that is not the order's, a reason for an order on time, a late
# order without one
expect_grep '^order_id,line_id,start,end,due,tardiness_minutes,status,reason$' \
    "$TMP/p/order_schedule.csv" "order_schedule.csv has the eight fixed columns"
corrupt "wrong status" '2s/,open,/,in_progress,/' order_schedule.csv
expect_grep "status 'in_progress' of .*expected 'open'" "$TMP/stderr" "wrong status named"
corrupt "reason when on time" '0,/,0,open,$/s/,0,open,$/,0,open,just because/' order_schedule.csv
expect_grep "reason of .* is given but the order is on time" "$TMP/stderr" "reason when on time named"
corrupt "late without reason" 's/^\(\([^,]*,\)\{5\}[1-9][0-9]*,open,\).*/\1/' order_schedule.csv
expect_grep "reason of .* is empty but the order is late" "$TMP/stderr" "missing reason named"
finish
