# Benchmark converters (tools/cs_convert.c) end to end: converted Vallada-Ruiz and Cicirello
# instances load, have the expected tables, and mean what the instances mean -- a published
# Vallada-Ruiz schedule, written as a plan of the converted scenario, passes the plan checker
# with the published makespan, and two independent EDD evaluations of a Cicirello instance agree.
# Needs the public instances in ../shared/bench (or COSCHED_BENCH_DIR); skips without them.
source "$(dirname "$0")/lib.sh"
bench=${COSCHED_BENCH_DIR:-$COSCHED_SRC/../shared/bench}
vr=$bench/vallada-ruiz-2011-upmsp-sdst
wt=$bench/cicirello-2003-wtsds
if [[ ! -d $vr || ! -d $wt ]]; then
    echo "SKIP: benchmark instances not found in $bench (set COSCHED_BENCH_DIR)"
    finish
    exit 0
fi
conv=${COSCHED_BUILD:-$(dirname "$COSCHED")}/cs_convert
edd=${COSCHED_BUILD:-$(dirname "$COSCHED")}/cs_edd

rows() { echo $(($(wc -l <"$1") - 1)); }
bks_of() { awk -F, -v i="$1" '$1 == i { print $10 }' "$vr/bks.csv"; }

# --- Vallada-Ruiz: n=6 jobs, m=2 machines, and a 12 x 5 one for the published plan ---------
for inst in I_6_2_S_1-9_1 I_12_5_S_1-124_1; do
    n=$(echo "$inst" | cut -d_ -f2)
    m=$(echo "$inst" | cut -d_ -f3)
    sc=$TMP/$inst
    expect_exit 0 "convert $inst" -- "$conv" vr "$vr/small/$inst.txt" "$sc" || continue
    expect_exit 0 "validate $inst" -- "$COSCHED" validate "$sc"
    [[ $(rows "$sc/orders.csv") -eq $n ]] && pass || fail "$inst: $(rows "$sc/orders.csv") orders, expected $n"
    [[ $(rows "$sc/lines.csv") -eq $m ]] && pass || fail "$inst: $(rows "$sc/lines.csv") lines, expected $m"
    [[ $(rows "$sc/capabilities.csv") -eq $((n * m)) ]] && pass || fail "$inst: capabilities rows"
    [[ $(rows "$sc/changeovers.csv") -eq $((m * n * (n - 1))) ]] && pass ||
        fail "$inst: $(rows "$sc/changeovers.csv") changeover rules, expected $((m * n * (n - 1)))"
    grep -qx 'weight_makespan,1' "$sc/settings.csv" && grep -qx 'weight_tardiness,0' "$sc/settings.csv" &&
        pass || fail "$inst: makespan-only weights"

    # The published schedule as a plan of the converted scenario: the checker recomputes its
    # timing under the contract's rules, so its makespan equal to the published one shows the
    # scenario's makespan is the instance's Cmax.
    bks=$(bks_of "$inst")
    expect_exit 0 "published plan of $inst" -- "$conv" vr-plan "$vr/small/$inst.txt" \
        "$vr/solutions/$inst.txt" "$TMP/pub-$inst"
    pub=$(cat "$TMP/stdout")
    [[ $pub -eq $bks ]] && pass || fail "$inst: published makespan $pub, bks $bks"
    expect_exit 0 "check published plan of $inst" -- "$COSCHED" check "$sc" "$TMP/pub-$inst"

    # cosched's own plan: valid, and no better than the best known (optimal for these sizes).
    expect_exit 0 "plan $inst" -- "$COSCHED" plan "$sc" --out "$TMP/plan-$inst" --time-limit 3 --quiet
    expect_exit 0 "check plan of $inst" -- "$COSCHED" check "$sc" "$TMP/plan-$inst"
    obj=$(json_field "$TMP/plan-$inst/summary.json" objective)
    awk -v o="$obj" -v b="$bks" 'BEGIN { exit !(o != "" && o + 1e-6 >= b) }' && pass ||
        fail "$inst: cosched objective '$obj' below the best known $bks"
done

# A plan that misses the published makespan by a changeover must be caught: swap the first
# two jobs of the longest machine's sequence in the published solution (a different schedule
# with a different makespan), and the checker must disagree with the original figures.
inst=I_6_2_S_1-9_1
awk 'NR == 2 { t = $2; $2 = $3; $3 = t } { print }' "$vr/solutions/$inst.txt" >"$TMP/swapped.txt"
expect_exit 0 "plan of a swapped schedule" -- "$conv" vr-plan "$vr/small/$inst.txt" "$TMP/swapped.txt" "$TMP/swapped"
swapped=$(cat "$TMP/stdout")
[[ $swapped -ne $(bks_of "$inst") ]] && pass || fail "swapping two jobs kept the makespan $swapped"
cp "$TMP/pub-$inst/summary.json" "$TMP/swapped/summary.json"
expect_exit 1 "checker rejects the swapped plan with the published figures" -- \
    "$COSCHED" check "$TMP/$inst" "$TMP/swapped"

# --- Cicirello: 60 jobs on one machine, weighted tardiness ----------------------------------
sc=$TMP/wt1
expect_exit 0 "convert wt_sds_1" -- "$conv" wt "$wt/wt_sds_1.instance" "$sc"
expect_exit 0 "validate wt_sds_1" -- "$COSCHED" validate "$sc"
[[ $(rows "$sc/orders.csv") -eq 60 ]] && pass || fail "wt_sds_1: $(rows "$sc/orders.csv") orders"
# 60 initial setups from INIT plus 60 x 59 pairs
[[ $(rows "$sc/changeovers.csv") -eq 3600 ]] && pass || fail "wt_sds_1: changeover rows"
grep -q '^M0,.*,INIT$' "$sc/lines.csv" && pass || fail "wt_sds_1: line not set up for INIT"
# first job of the instance: p=81 w=4 d=4925 -> due 2027-01-04T00:00 + 4925 min = 2027-01-07T10:05
grep -qx 'J0,P0,1,2027-01-07T10:05,4' "$sc/orders.csv" && pass || fail "wt_sds_1: J0 due or weight"
expect_exit 0 "EDD of the instance" -- "$conv" wt-edd "$wt/wt_sds_1.instance"
edd_instance=$(cat "$TMP/stdout")
if [[ -x $edd ]]; then
    # cs_edd dispatches the converted scenario by due date under the contract's timing rules
    expect_exit 0 "EDD of the scenario" -- "$edd" "$sc" --out "$TMP/edd-wt1"
    edd_scenario=$(json_field "$TMP/edd-wt1/summary.json" objective)
    awk -v a="$edd_instance" -v b="$edd_scenario" 'BEGIN { exit !(a == b) }' && pass ||
        fail "EDD on the instance $edd_instance, on the scenario $edd_scenario"
    expect_exit 0 "check EDD plan" -- "$COSCHED" check "$sc" "$TMP/edd-wt1"
fi
expect_exit 0 "plan wt_sds_1" -- "$COSCHED" plan "$sc" --out "$TMP/plan-wt1" --time-limit 3 --quiet
expect_exit 0 "check plan of wt_sds_1" -- "$COSCHED" check "$sc" "$TMP/plan-wt1"
obj=$(json_field "$TMP/plan-wt1/summary.json" objective)
awk -v o="$obj" -v e="$edd_instance" 'BEGIN { exit !(o != "" && o <= e + 1e-6) }' && pass ||
    fail "wt_sds_1: cosched objective '$obj' worse than EDD $edd_instance"

# --- malformed input: exit 65 with the file and token number ------------------------------
head -c 60 "$vr/small/I_6_2_S_1-9_1.txt" >"$TMP/cut.txt"
expect_exit 65 "truncated VR instance" -- "$conv" vr "$TMP/cut.txt" "$TMP/cut"
expect_grep 'cut.txt: unexpected end of file after token [0-9]+' "$TMP/stderr" "truncation message"
sed '20s/.*/abc/' "$wt/wt_sds_1.instance" >"$TMP/bad.instance"
expect_exit 65 "bad Cicirello token" -- "$conv" wt "$TMP/bad.instance" "$TMP/bad"
expect_grep "bad.instance: token [0-9]+: expected processing time .*got 'abc'" "$TMP/stderr" "bad token message"
[[ ! -e $TMP/bad/orders.csv ]] && pass || fail "a malformed instance left files behind"
expect_exit 64 "unknown mode" -- "$conv" nonsense a b
finish
