# SIGINT or SIGTERM during a solve: the search stops, the best plan so far is written and
# checked valid, exit 75. A second signal exits at once and leaves the previous plan as it was.
source "$(dirname "$0")/lib.sh"
"$COSCHED_BUILD/cs_generate" --orders 300 --lines 12 --seed 5 "$TMP/sc" >/dev/null 2>&1
sc="$TMP/sc"

# start_plan DIR -- plan in the background with a long time limit; sets $pid once the solve
# has started (its first progress line is out). Each run has its own stderr file: a shared
# one could still hold the previous run's progress line before the new run truncates it, and
# the signal would then come before the new run is ready for it.
runs=0
start_plan() {
    runs=$((runs + 1))
    local err="$TMP/bg-$runs.err"
    "$COSCHED" plan "$sc" --out "$1" --time-limit 120 >"$TMP/bg.out" 2>"$err" &
    pid=$!
    for _ in $(seq 300); do
        grep -q ' obj ' "$err" 2>/dev/null && return 0
        sleep 0.1
    done
    fail "the solve never reported progress"
    return 1
}

# wait_for PID SECONDS -- exit code of PID, or 124 when it is still running after SECONDS.
wait_for() {
    for _ in $(seq $(($2 * 10))); do
        kill -0 "$1" 2>/dev/null || { wait "$1"; return $?; }
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    return 124
}

for sig in INT TERM; do
    start_plan "$TMP/p-$sig" || continue
    kill -"$sig" "$pid"
    wait_for "$pid" 60
    rc=$?
    [[ $rc -eq 75 ]] && pass || fail "SIG$sig: exit $rc, expected 75"
    [[ -s "$TMP/p-$sig/summary.json" && -s "$TMP/p-$sig/report.html" ]] && pass ||
        fail "SIG$sig: plan not written"
    expect_exit 0 "SIG$sig: the interrupted plan is valid" -- "$COSCHED" check "$sc" "$TMP/p-$sig"
done

# One request sent twice, as coreutils `timeout` does (to the child, then to its process
# group): the same signal again within a second is the same request, so the plan is written.
# A plant of 3,000 orders takes long enough to write that the repeat lands while the first
# request is being served.
"$COSCHED_BUILD/cs_generate" --orders 3000 --lines 12 --seed 5 "$TMP/big" >/dev/null 2>&1
small_sc=$sc
sc="$TMP/big"
for try in TERM:0 TERM:0.01 INT:0.01; do
    sig=${try%%:*}
    start_plan "$TMP/twice-$sig" || continue
    kill -"$sig" "$pid"
    sleep "${try#*:}"
    kill -"$sig" "$pid" 2>/dev/null
    wait_for "$pid" 60
    rc=$?
    [[ $rc -eq 75 ]] && pass || fail "SIG$sig twice ${try#*:} s apart: exit $rc, expected 75"
    [[ -s "$TMP/twice-$sig/summary.json" ]] && pass || fail "SIG$sig twice: plan not written"
    rm -rf "$TMP/twice-$sig"
done
sc=$small_sc
if command -v timeout >/dev/null; then
    rc=0
    # Under valgrind, starting up and loading alone can take longer than 3 s on a busy
    # machine, and a signal before the plan command has begun is the default kill.
    after=3
    [[ -n "${COSCHED_WRAPPER:-}" ]] && after=30
    timeout --preserve-status "$after" "$COSCHED" plan "$sc" --out "$TMP/timeout" --time-limit 120 \
        --quiet --json >"$TMP/timeout.json" 2>"$TMP/timeout.err" || rc=$?
    [[ $rc -eq 75 ]] && pass || fail "timeout: exit $rc, expected 75"
    expect_grep '"status"' "$TMP/timeout.json" "timeout: summary on stdout"
    expect_exit 0 "timeout: the plan is valid" -- "$COSCHED" check "$sc" "$TMP/timeout"
fi

# compare stopped by a signal while it plans: no table that would set a cut-short plan
# against another, but the reason and exit 75.
"$COSCHED" compare "$sc" "$sc" --time-limit 120 >"$TMP/cmp.out" 2>"$TMP/cmp.err" &
pid=$!
for _ in $(seq 300); do
    grep -q ' obj ' "$TMP/cmp.err" 2>/dev/null && break
    sleep 0.1
done
kill -TERM "$pid"
wait_for "$pid" 60
rc=$?
[[ $rc -eq 75 ]] && pass || fail "compare, SIGTERM: exit $rc, expected 75"
[[ ! -s "$TMP/cmp.out" ]] && pass || fail "compare, SIGTERM: a table was printed"
expect_grep "interrupted while planning" "$TMP/cmp.err" "compare, SIGTERM: says so"

# A second signal: exit at once, the previous plan untouched. The two signals are sent one
# after the other; on a loaded machine the first can win the race and finish the plan
# (exit 75, a complete new plan, which is also correct), so that case is tried again.
expect_exit 0 "a previous plan" -- "$COSCHED" plan "$sc" --out "$TMP/prev" --time-limit 1 --quiet
second_signal_seen=0
for attempt in 1 2 3 4 5; do
    (cd "$TMP/prev" && ls -A | sort && cat ./*) | cksum >"$TMP/before"
    start_plan "$TMP/prev" || break
    kill -INT "$pid"
    kill -TERM "$pid"
    wait_for "$pid" 10
    rc=$?
    expect_exit 0 "attempt $attempt: the plan folder is valid" -- "$COSCHED" check "$sc" "$TMP/prev"
    if [[ $rc -eq 75 ]]; then
        echo "attempt $attempt: the first signal finished the plan before the second came"
        continue
    fi
    [[ $rc -eq 143 || $rc -eq 130 ]] && pass || fail "second signal: exit $rc, expected 130 or 143"
    (cd "$TMP/prev" && ls -A | sort && cat ./*) | cksum >"$TMP/after"
    cmp -s "$TMP/before" "$TMP/after" && pass || fail "second signal changed the previous plan"
    second_signal_seen=1
    break
done
[[ $second_signal_seen -eq 1 ]] && pass || fail "the second signal never came before the plan was written"
finish
