# A GLPK failure is caught and stepped around: with COSCHED_FAULT=glpk the engine hands GLPK a
# malformed matrix (a duplicate element), GLPK raises its fatal error, and cosched still writes
# the heuristics' plan, valid under `cosched check`, with the failure in its warnings (stderr,
# summary.json and report.html). Under COSCHED_WRAPPER=valgrind this also shows that the jump
# out of GLPK leaks nothing. Both GLPK users are covered: the sequencing MIP and the makespan bound's LP.
# The hook exists only in the test program cosched-fault (the CLI built with
# COSCHED_FAULT_INJECTION); the cosched program ignores COSCHED_FAULT, as shown last.
COSCHED_PLAIN=${COSCHED:?}
COSCHED=${COSCHED_FAULTY:?}
source "$(dirname "$0")/lib.sh"
"$COSCHED_BUILD/cs_generate" --orders 20 --lines 2 --seed 3 "$TMP/mip" >/dev/null
# The same plant scored by makespan alone: the assignment LP bounds it.
cp -r "$TMP/mip" "$TMP/cmax"
cat >"$TMP/cmax/settings.csv" <<'EOF'
key,value
horizon_start,2027-03-01T06:00
weight_tardiness,0
weight_changeover_minutes,0
weight_changeover_cost,0
weight_makespan,1
time_limit_s,30
mip_gap,0
seed,3
EOF
# Under valgrind every step runs some twenty times slower: the MIP must still get its turn.
limits=(--time-limit "$([[ -n ${COSCHED_WRAPPER:-} ]] && echo 30 || echo 3)" --iteration-limit 30)

check_case() { # NAME DIR GLPK_STEP_PATTERN WARNING_PATTERN
    local name=$1 dir=$2 step=$3 warning=$4
    # Without the fault, GLPK really runs on this scenario (else the fault proves nothing).
    expect_exit 0 "$name: plan" -- "$COSCHED" plan "$dir" --out "$TMP/$name-ok" "${limits[@]}" \
        --verbose --json
    cp "$TMP/stdout" "$TMP/$name-ok.json"
    expect_grep "$step" "$TMP/stderr" "$name: GLPK step ran"
    expect_grep '"warnings": ?\[\]' "$TMP/$name-ok.json" "$name: no warnings without a fault"

    expect_exit 0 "$name: plan with GLPK failing" -- env COSCHED_FAULT=glpk \
        "$COSCHED" plan "$dir" --out "$TMP/$name-fault" "${limits[@]}" --json
    cp "$TMP/stdout" "$TMP/$name-fault.json"
    expect_grep "^cosched: warning: $warning" "$TMP/stderr" "$name: warning on stderr"
    expect_grep "\"$warning" "$TMP/$name-fault.json" "$name: warning in --json"
    expect_grep "\"$warning" "$TMP/$name-fault/summary.json" "$name: warning in summary.json"
    # (up to an apostrophe, which the page escapes)
    expect_grep "<li>${warning%%\'*}" "$TMP/$name-fault/report.html" "$name: warning in report.html"
    grep -q "<h2>Warnings</h2>" "$TMP/$name-ok/report.html" &&
        fail "$name: a warnings panel without a warning" || pass
    local status
    status=$(json_field "$TMP/$name-fault/summary.json" status)
    [[ $status == feasible ]] && pass || fail "$name: status '$status', expected feasible"
    expect_exit 0 "$name: the fallback plan is valid" -- \
        "$COSCHED" check "$dir" "$TMP/$name-fault"
}

check_case mip "$TMP/mip" '^[0-9TZ:.-]+ mip: [0-9]+ arcs' 'GLPK failed on the MIP'
check_case cmax "$TMP/cmax" '^[0-9TZ:.-]+ assignment LP: solved' "GLPK failed on the makespan bound's LP"
# The fallback is no worse than the plant's dispatch rule.
expect_exit 0 "EDD plan" -- "$COSCHED_BUILD/cs_edd" "$TMP/mip" --out "$TMP/edd"
expect_exit 0 "EDD plan valid" -- "$COSCHED" check "$TMP/mip" "$TMP/edd"
edd=$(json_field "$TMP/edd/summary.json" objective)
got=$(json_field "$TMP/mip-fault/summary.json" objective)
awk -v a="$got" -v b="$edd" 'BEGIN { exit !(a <= b + 1e-6) }' && pass ||
    fail "fallback objective $got above EDD's $edd"
# The production program has no hook: with COSCHED_FAULT=glpk it plans as without.
expect_exit 0 "plan, production program, COSCHED_FAULT set" -- env COSCHED_FAULT=glpk \
    "$COSCHED_PLAIN" plan "$TMP/mip" --out "$TMP/mip-plain" "${limits[@]}" --json
expect_grep '"warnings": ?\[\]' "$TMP/stdout" "production program: no GLPK failure"
finish
