# Actuals: `now`, order status/produced/line_id. Bad values are input errors at FILE:LINE
# with nothing written; a valid state plans done orders out, in-progress orders first on
# their line with what is left, and --actuals-from-previous derives the same state from the
# previous plan that an independent reading of it (mes_night.awk's rule, no disturbances)
# gives; --previous warns about orders the previous plan had finished by now that are still
# open; check rejects a plan that ignores the state.
source "$(dirname "$0")/lib.sh"
good="$COSCHED_SRC/tests/data/hand2x5"
run=(--time-limit 3 --iteration-limit 2000 --quiet)
expect_exit 0 "a previous plan" -- "$COSCHED" plan "$good" --out "$TMP/p" "${run[@]}"
cp -r "$TMP/p" "$TMP/before"

mk() { # ORDERS_CSV_BODY: hand2x5 with the status columns
    rm -rf "$TMP/s"; cp -r "$good" "$TMP/s"
    printf 'order_id,product_id,quantity,due,family,status,produced,line_id\n%s' "$1" \
        >"$TMP/s/orders.csv"
}
base='o1,A,60,2027-03-01T08:00,lipstick,,,
o2,B,60,2027-03-01T07:40,lipstick,,,
o3,A,30,2027-03-01T07:00,lipstick,,,
o4,C,60,2027-03-01T09:00,cream,,,
o5,C,30,2027-03-01T11:00,cream,,,
'
try() { # WHAT PATTERN [plan options...]
    local what=$1 pat=$2
    shift 2
    expect_exit 65 "$what" -- "$COSCHED" plan "$TMP/s" --out "$TMP/p" --time-limit 2 "$@"
    expect_grep "$pat" "$TMP/stderr" "$what message"
    diff -r "$TMP/before" "$TMP/p" >/dev/null && pass || fail "$what: previous plan was touched"
}
mk "${base/o1,A,60,2027-03-01T08:00,lipstick,,,/o1,A,60,2027-03-01T08:00,lipstick,in_progress,10,}"
try "in_progress without line_id" "orders.csv:2: error: column 'line_id': an in_progress order needs"
mk "${base/o4,C,60,2027-03-01T09:00,cream,,,/o4,C,60,2027-03-01T09:00,cream,in_progress,,L1}"
try "in_progress on a line that cannot make it" "orders.csv:5: error: column 'line_id': line 'L1' cannot make product 'C'"
mk "${base/o3,A,30,2027-03-01T07:00,lipstick,,,/o3,A,30,2027-03-01T07:00,lipstick,in_progress,,L1}"
sed -i 's/^o1,A,60,2027-03-01T08:00,lipstick,,,/o1,A,60,2027-03-01T08:00,lipstick,in_progress,,L1/' "$TMP/s/orders.csv"
try "two in progress on one line" "orders.csv:4: error: column 'line_id': line 'L1' already runs in-progress order 'o1'"
mk "${base/o2,B,60,2027-03-01T07:40,lipstick,,,/o2,B,60,2027-03-01T07:40,lipstick,open,60,}"
try "produced = quantity" "orders.csv:3: error: column 'produced': expected a number < the quantity 60.*got '60'"
mk "${base/o2,B,60,2027-03-01T07:40,lipstick,,,/o2,B,60,2027-03-01T07:40,lipstick,open,-1,}"
try "produced < 0" "orders.csv:3: error: column 'produced': expected a number >= 0, got '-1'"
mk "${base/o2,B,60,2027-03-01T07:40,lipstick,,,/o2,B,60,2027-03-01T07:40,lipstick,finished,,}"
try "unknown status" "orders.csv:3: error: column 'status': expected open, in_progress or done, got 'finished'"
mk "${base/o2,B,60,2027-03-01T07:40,lipstick,,,/o2,B,60,2027-03-01T07:40,lipstick,in_progress,,L9}"
try "in_progress on an unknown line" "orders.csv:3: error: column 'line_id': expected a line_id of lines.csv, got 'L9'"
mk "$base"; echo "now,2027-03-01T05:59" >>"$TMP/s/settings.csv"
try "now before horizon_start" "settings.csv:8: error: column 'value': now lies before horizon_start"
mk "$base"
try "--now before horizon_start" "^--now: error: now lies before horizon_start" --now 2027-02-28T06:00
try "--now not a datetime" "^--now: error: expected a datetime" --now tomorrow
expect_exit 64 "--actuals-from-previous without --previous" -- "$COSCHED" plan "$good" \
    --out "$TMP/q" --actuals-from-previous

# A valid state: o3 done, o1 in progress on L1 with 20 of 60 made, o5 stopped with 10 made,
# now at 07:00 (L1 was set up for nothing: now for A, without a changeover).
mk 'o1,A,60,2027-03-01T08:00,lipstick,in_progress,20,L1
o2,B,60,2027-03-01T07:40,lipstick,,,
o3,A,30,2027-03-01T07:00,lipstick,done,,
o4,C,60,2027-03-01T09:00,cream,,,
o5,C,30,2027-03-01T11:00,cream,open,10,
'
expect_exit 0 "plan from actuals" -- "$COSCHED" plan "$TMP/s" --out "$TMP/a" --now 2027-03-01T07:00 "${run[@]}"
expect_exit 0 "check plan from actuals" -- "$COSCHED" check "$TMP/s" "$TMP/a"
expect_grep '^L1,1,production,o1,A,,40,2027-03-01T07:00,' "$TMP/a/plan.csv" "o1 goes on first on L1 at now with 40 left"
grep -q ',o3,' "$TMP/a/plan.csv" && fail "done o3 is planned" || pass
expect_grep '^L2,[0-9]+,production,o5,C,,20,' "$TMP/a/plan.csv" "stopped o5 plans its 20 remaining units"
awk -F, 'NR > 1 && $8 < "2027-03-01T07:00" { bad = 1 } END { exit bad }' "$TMP/a/plan.csv" && pass ||
    fail "a block starts before now"
expect_grep '"now": "2027-03-01T07:00"' "$TMP/a/summary.json" "summary.json now"
expect_grep '"done_orders": 1,' "$TMP/a/summary.json" "kpis.done_orders"
expect_grep '"o1": "L1"' "$TMP/a/summary.json" "summary.json in_progress"
expect_grep '^o1,L1,.*,in_progress' "$TMP/a/order_schedule.csv" "order_schedule.csv status column"
# The checker holds the plan to the state: checked without --now (the summary's now is used)
# it passes; at a later --now its blocks start too early; with o3 open it misses o3.
expect_exit 1 "check at a later now" -- "$COSCHED" check "$TMP/s" "$TMP/a" --now 2027-03-01T08:00
expect_grep "before now" "$TMP/stderr" "violation names now"
cp -r "$TMP/s" "$TMP/s-open"; sed -i 's/^o3,A,30,2027-03-01T07:00,lipstick,done,,/o3,A,30,2027-03-01T07:00,lipstick,,,/' "$TMP/s-open/orders.csv"
expect_exit 1 "check with o3 open" -- "$COSCHED" check "$TMP/s-open" "$TMP/a"
expect_grep "o3" "$TMP/stderr" "violation names o3"
# A plan that plans a done order again, and one that does not continue o1 first, are rejected.
cp -r "$TMP/a" "$TMP/bad"
sed -i 's/^o3,A,30,2027-03-01T07:00,lipstick,done,,/o3,A,30,2027-03-01T07:00,lipstick,,,/' "$TMP/s/orders.csv"
expect_exit 0 "plan with o3 open" -- "$COSCHED" plan "$TMP/s" --out "$TMP/a3" --now 2027-03-01T07:00 "${run[@]}"
sed -i 's/^o3,A,30,2027-03-01T07:00,lipstick,,,/o3,A,30,2027-03-01T07:00,lipstick,done,,/' "$TMP/s/orders.csv"
expect_exit 1 "check: done order planned" -- "$COSCHED" check "$TMP/s" "$TMP/a3"
expect_grep "order 'o3' is done; it must not be planned again" "$TMP/stderr" "done order named"
awk -F, 'BEGIN { OFS = "," } $1 == "L1" && $2 == 1 { $8 = "2027-03-01T07:05"; $9 = "2027-03-01T07:45" } { print }' \
    "$TMP/a/plan.csv" >"$TMP/bad/plan.csv"
expect_exit 1 "check: in-progress order late to go on" -- "$COSCHED" check "$TMP/s" "$TMP/bad"
expect_grep "order 'o1' is in progress on line 'L1', so it goes on at 2027-03-01T07:00" "$TMP/stderr" \
    "in-progress violation"

# --actuals-from-previous: the state at now of the previous plan, read independently.
demo="$COSCHED_SRC/scenarios/demo"
expect_exit 0 "demo night 0" -- "$COSCHED" plan "$demo" --out "$TMP/d0" "${run[@]}"
now=2027-03-02T06:00
awk -v now="$now" -v plain=1 -f "$(dirname "$0")/mes_night.awk" "$demo/calendar.csv" "$TMP/d0/plan.csv" \
    "$demo/orders.csv" >"$TMP/state.csv" 2>/dev/null
expect_exit 0 "demo night 1 from the previous plan" -- "$COSCHED" plan "$demo" --out "$TMP/d1" \
    --now "$now" --previous "$TMP/d0" --freeze-hours 8 --actuals-from-previous "${run[@]}"
expect_exit 0 "check night 1" -- "$COSCHED" check "$demo" "$TMP/d1"
want_done=$(awk -F, '$7 == "done" { print $1 }' "$TMP/state.csv" | sort | tr '\n' ' ')
got_done=$(sed -n '/"done": \[/,/\]/p' "$TMP/d1/summary.json" | grep -o '"ORD-[0-9]*"' | tr -d '"' | sort | tr '\n' ' ')
[[ -n $want_done && $want_done == "$got_done" ]] && pass ||
    fail "done orders: engine '$got_done', independent reading '$want_done'"
want_run=$(awk -F, '$7 == "in_progress" { print $1 ":" $9 ":" $8 }' "$TMP/state.csv" | sort | tr '\n' ' ')
got_run=$(awk -F, '$2 == 1 && $3 == "production" { print $4 ":" $1 }' "$TMP/d1/plan.csv" | sort |
    while IFS=: read -r o l; do
        grep -q "\"$o\": \"$l\"" <(sed -n '/"in_progress": {/,/}/p' "$TMP/d1/summary.json") || continue
        q=$(awk -F, -v o="$o" '$1 == o { print $3 }' "$demo/orders.csv")
        left=$(awk -F, -v o="$o" '$4 == o { s += $7 } END { print s }' "$TMP/d1/plan.csv")
        echo "$o:$l:$((q - left))"
    done | tr '\n' ' ')
[[ -n $want_run && $want_run == "$got_run" ]] && pass ||
    fail "in progress (order:line:produced): engine '$got_run', independent reading '$want_run'"
expect_grep '"source": "previous_plan"' "$TMP/d1/summary.json" "statuses from the previous plan listed"
# The report shows the re-plan: a now line, the frozen window, frozen and in-progress blocks,
# the re-plan card; one running block per in-progress order.
expect_grep 'data-now="1"' "$TMP/d1/report.html" "report: now line"
expect_grep 'class="frozenwin" data-frozen="1"' "$TMP/d1/report.html" "report: frozen window"
expect_grep 'class="blk production( late)? frozen"' "$TMP/d1/report.html" "report: frozen blocks"
expect_grep 'data-replan="1">from [^<]*d0 &middot; [1-9][0-9]* done &middot; [1-9] in progress' \
    "$TMP/d1/report.html" "report: re-plan card"
n_blk=$(grep -oE 'class="blk production( late)? running"' "$TMP/d1/report.html" | wc -l)
n_run=$(sed -n '/"in_progress": {/,/}/p' "$TMP/d1/summary.json" | grep -c '"ORD-')
(( n_run > 0 && n_blk >= n_run )) && pass || fail "report: $n_blk running blocks for $n_run orders in progress"
# Late reasons: an order due before now is "already late at now"; one behind frozen orders
# names them.
late_at_now=$(awk -F, -v now="$now" 'NR > 1 && $5 < now && $1 ~ /^ORD/ { print $1; exit }' "$TMP/d1/order_schedule.csv")
expect_grep "^$late_at_now,.*already late at now: due [0-9T:-]+, the plan starts $now" \
    "$TMP/d1/order_schedule.csv" "reason: already late at now"
cp -r "$good" "$TMP/f"; echo "r1,B,10,2027-03-01T06:30,lipstick" >>"$TMP/f/orders.csv"
expect_exit 0 "re-plan a rush order behind frozen ones" -- "$COSCHED" plan "$TMP/f" --out "$TMP/fq" \
    --previous "$TMP/before" --freeze-hours 24 "${run[@]}"
expect_grep '^r1,L1,.*"line L1: waits for frozen orders o3, o1, o2; ' "$TMP/fq/order_schedule.csv" \
    "reason: waits for frozen orders"
# compare reads the state: done orders are "done in B", not gone; in-progress ones are said.
expect_exit 0 "compare night 0 and night 1" -- "$COSCHED" compare "$TMP/d0" "$TMP/d1"
expect_grep "^\| ${want_done%% *} \|.*\| done in B \|" "$TMP/stdout" "compare: done in B"
grep -q "only in A" "$TMP/stdout" && fail "compare lists done orders as only in A" || pass
expect_grep "^\| done_orders \| 0 \| [1-9][0-9]* \|" "$TMP/stdout" "compare: done_orders KPI"
# Without the actuals, the orders the previous plan finished by now are open: a warning.
expect_exit 0 "demo night 1, orders.csv not updated" -- "$COSCHED" plan "$demo" --out "$TMP/d1w" \
    --now "$now" --previous "$TMP/d0" --freeze-hours 8 "${run[@]}"
first_done=${want_done%% *}
expect_grep "order $first_done ended before now in the previous plan \(at [0-9T:-]+\) but is still open" \
    "$TMP/d1w/summary.json" "still-open warning"
finish
