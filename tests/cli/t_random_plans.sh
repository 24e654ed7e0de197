# Plans for scenarios the engine has never seen: generated cosmetics plants of many shapes
# and objective weightings. Every plan must pass 'cosched check' and never be worse than
# earliest-due-date dispatch onto the line that finishes first (cs_edd, written apart from
# the engine's heuristics).
source "$(dirname "$0")/lib.sh"
gen="$COSCHED_BUILD/cs_generate"
edd="$COSCHED_BUILD/cs_edd"
weights=("1 1 0 0" "1 0 0 0" "0 1 1 0" "0 0 0 1" "2 1 0.5 0.1")
for seed in $(seq 1 20); do
    n=$((3 + (seed * 7) % 38))
    m=$((1 + seed % 5))
    sc="$TMP/s$seed"
    "$gen" --orders "$n" --lines "$m" --seed "$seed" "$sc" >/dev/null 2>&1 || { fail "generate seed $seed"; continue; }
    read -r wt wc wcc wm <<<"${weights[$((seed % ${#weights[@]}))]}"
    sed -i -e "/^weight_/d" "$sc/settings.csv"
    printf 'weight_tardiness,%s\nweight_changeover_minutes,%s\nweight_changeover_cost,%s\nweight_makespan,%s\n' \
        "$wt" "$wc" "$wcc" "$wm" >>"$sc/settings.csv"
    what="seed $seed ($n orders, $m lines, weights $wt/$wc/$wcc/$wm)"
    expect_exit 0 "plan $what" -- "$COSCHED" plan "$sc" --out "$TMP/p$seed" --time-limit 2 --iteration-limit 3000 --quiet || continue
    expect_exit 0 "check $what" -- "$COSCHED" check "$sc" "$TMP/p$seed"
    obj=$(json_field "$TMP/p$seed/summary.json" objective)
    base=$("$edd" "$sc" 2>/dev/null | tail -1)
    if [[ -z "$base" ]]; then fail "$what: no EDD objective"; continue; fi
    awk -v a="$obj" -v b="$base" 'BEGIN { exit !(a <= b + 1e-6 * (b > 1 ? b : 1)) }' && pass ||
        fail "$what: objective $obj worse than EDD $base"
done
finish
