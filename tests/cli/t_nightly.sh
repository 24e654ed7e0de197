# The nightly loop: a week of nights on a generated plant (160 orders, 6 lines, shift
# calendar). Each night `now` moves on 24 hours; an MES stand-in (mes_night.awk) reports what
# the previous plan did by then, with a late finisher, a stopped order and two cancellations;
# a line breaks down for four hours from now and ten new orders arrive. The engine re-plans
# with --previous --freeze-hours 8. Every plan must pass `cosched check`, plan no done order
# again, continue every in-progress order first on its line at the first working minute from
# now, and keep orders on their lines (weight_stability): the orders moved are printed.
source "$(dirname "$0")/lib.sh"
gen="${COSCHED_BUILD:?}/cs_generate"
here="$(dirname "$0")"
run=(--time-limit 3 --iteration-limit 3000 --quiet)

s="$TMP/plant"
"$gen" --orders 160 --lines 6 --seed 11 "$s" >/dev/null || { fail "cs_generate"; finish; exit; }
echo "weight_stability,60" >>"$s/settings.csv"
h0=$(awk -F, '$1 == "horizon_start" { print $2 }' "$s/settings.csv")
minutes_after() { date -u -d "${1/T/ } UTC + $2 minutes" +%Y-%m-%dT%H:%M; }

expect_exit 0 "night 0: plan" -- "$COSCHED" plan "$s" --out "$TMP/p0" "${run[@]}"
expect_exit 0 "night 0: check" -- "$COSCHED" check "$s" "$TMP/p0"
products=($(awk -F, 'NR > 1 { print $2 }' "$s/orders.csv" | sort -u))
lines=($(awk -F, 'NR > 1 { print $1 }' "$s/lines.csv"))

for k in 1 2 3 4 5 6 7; do
    now=$(minutes_after "$h0" $((k * 1440)))
    prev="$TMP/p$((k - 1))"
    out="$TMP/p$k"
    # What happened: the MES's orders.csv, a breakdown, ten new orders.
    awk -v now="$now" -f "$here/mes_night.awk" "$s/calendar.csv" "$prev/plan.csv" "$s/orders.csv" \
        >"$TMP/orders.new" 2>"$TMP/mes.log" || fail "night $k: mes stand-in"
    mv "$TMP/orders.new" "$s/orders.csv"
    down=${lines[$((k % ${#lines[@]}))]}
    echo "$down,$now,$(minutes_after "$now" 240),breakdown night $k" >>"$s/calendar.csv"
    for i in 0 1 2 3 4 5 6 7 8 9; do
        p=${products[$(((k * 10 + i) % ${#products[@]}))]}
        echo "NEW-$k-$i,$p,$((1000 + 250 * i)),$(minutes_after "$now" $((2880 + 720 * i))),,1,,," \
            >>"$s/orders.csv"
    done

    expect_exit 0 "night $k: plan" -- "$COSCHED" plan "$s" --out "$out" --now "$now" \
        --previous "$prev" --freeze-hours 8 "${run[@]}" || continue
    expect_exit 0 "night $k: check" -- "$COSCHED" check "$s" "$out" ||
        sed 's/^/    /' "$TMP/stderr" | head >&2

    # No done order is planned again; a cancelled order is gone.
    awk -F, 'NR > 1 && $7 == "done" { print $1 }' "$s/orders.csv" | sort >"$TMP/done"
    awk -F, 'NR > 1 && $3 == "production" { print $4 }' "$out/plan.csv" | sort -u >"$TMP/planned"
    again=$(comm -12 "$TMP/done" "$TMP/planned")
    [[ -z "$again" ]] && pass || fail "night $k: done orders planned again: $again"
    n_done=$(wc -l <"$TMP/done")
    grep -q "\"done_orders\": $n_done," "$out/summary.json" && pass ||
        fail "night $k: kpis.done_orders is not $n_done"
    for c in $(sed -n 's/^mes: \(.*\) cancelled$/\1/p' "$TMP/mes.log"); do
        grep -q ",$c," "$out/plan.csv" && fail "night $k: cancelled $c is planned" || pass
    done

    # Every in-progress order goes on first on its line, at now or, when the line is down
    # at now, when the downtime ends.
    n_running=0
    while IFS=, read -r o l; do
        n_running=$((n_running + 1))
        first=$(awk -F, -v l="$l" '$1 == l { print $3 "," $4 "," $8; exit }' "$out/plan.csv")
        at=$(awk -F, -v l="$l" -v now="$now" '
            ($1 == l || $1 == "*") && $2 <= t && t < $3 { t = $3; again = 1 }
            BEGIN { t = now } END { print t }' "$s/calendar.csv")
        # Windows that chain (a breakdown running into a night shift) need a second pass.
        at=$(awk -F, -v l="$l" -v now="$at" '
            ($1 == l || $1 == "*") && $2 <= t && t < $3 { t = $3 }
            BEGIN { t = now } END { print t }' "$s/calendar.csv")
        [[ $first == "production,$o,$at" ]] && pass ||
            fail "night $k: in-progress $o should go on first on $l at $at, plan has '$first'"
    done < <(awk -F, 'NR > 1 && $7 == "in_progress" { print $1 "," $9 }' "$s/orders.csv")
    (( n_running > 0 )) && pass || fail "night $k: no order in progress"

    moved=$(sed -n 's/.*"orders_moved": \([0-9]*\).*/\1/p' "$out/summary.json")
    frozen=$(sed -n 's/.*"frozen_orders": \([0-9]*\).*/\1/p' "$out/summary.json")
    planned=$(wc -l <"$TMP/planned")
    echo "night $k ($now): $planned orders planned, $n_done done, $n_running in progress," \
         "$frozen frozen, ${moved:-?} moved to another line"
    # How few move is a matter of search time, which valgrind takes away: asserted without it.
    [[ -n "$moved" ]] && { [[ -n ${COSCHED_WRAPPER:-} ]] || (( moved * 10 <= planned )); } && pass ||
        fail "night $k: ${moved:-?} of $planned orders moved to another line (more than 10 %)"
done

# tools/nightly keeps a dated history for a plant without an MES: three nights of the demo,
# the third run again and then the second (each replans that night in place from the night
# before it); every plan is checked, `latest` points to the newest, done orders accumulate.
ny="$TMP/history"
for d in 2027-03-01T06:00 2027-03-02T06:00 2027-03-03T06:00 2027-03-03T06:00 2027-03-02T06:00; do
    expect_exit 0 "tools/nightly $d" -- env COSCHED="$COSCHED" "$COSCHED_SRC/tools/nightly" \
        "$COSCHED_SRC/scenarios/demo" "$ny" --now "$d" "${run[@]}"
done
[[ $(readlink "$ny/latest") == 2027-03-03T06-00 ]] && pass || fail "latest is $(readlink "$ny/latest")"
for d in 2027-03-01T06-00 2027-03-02T06-00 2027-03-03T06-00; do
    expect_exit 0 "check $d" -- "$COSCHED" check "$COSCHED_SRC/scenarios/demo" "$ny/$d"
done
awk -F, 'NR == 4 && $3 == "2027-03-02T06-00" && $7 > 0 { ok = 1 } END { exit !ok }' "$ny/history.csv" &&
    pass || fail "history.csv: night 3 does not start from night 2 with done orders"
d2=$(awk -F, 'NR == 3 { print $7 }' "$ny/history.csv"); d3=$(awk -F, 'NR == 4 { print $7 }' "$ny/history.csv")
(( d2 > 0 && d3 > d2 )) && pass || fail "done orders do not accumulate: night 2 $d2, night 3 $d3"
d2again=$(awk -F, 'NR == 6 { print $3 "," $7 }' "$ny/history.csv")
[[ $d2again == "2027-03-01T06-00,$d2" ]] && pass ||
    fail "night 2 run again: previous,done is '$d2again', expected '2027-03-01T06-00,$d2'"
expect_exit 64 "tools/nightly without --now" -- env COSCHED="$COSCHED" "$COSCHED_SRC/tools/nightly" \
    "$COSCHED_SRC/scenarios/demo" "$ny"
finish
