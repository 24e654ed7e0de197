# kill -9 at random moments while `plan` rewrites a folder: afterwards the folder must hold
# either the complete previous plan or the complete new one. Two settings give two different
# reference plans (A and B); runs alternate between them, so after each kill every plan file
# must match the same reference, and `cosched check` must pass. COSCHED_KILL_RUNS sets the
# number of kills (default 30).
source "$(dirname "$0")/lib.sh"
skip_under_wrapper "kill timing"
# A generated plant of 60 orders: too big for the MIP, so with an iteration limit both
# settings give the same plan on any machine (the time limit is only a safety net).
scen="$TMP/plant"
"$COSCHED_BUILD/cs_generate" --orders 60 --lines 4 --seed 5 "$scen" >/dev/null
runs=${COSCHED_KILL_RUNS:-30}
# Sanitized runs are several times slower: fewer kills keep the test time reasonable.
grep -q '^COSCHED_SANITIZE:BOOL=ON' "$COSCHED_BUILD/CMakeCache.txt" 2>/dev/null &&
    runs=${COSCHED_KILL_RUNS:-10}
settings_a=(--seed 1 --iteration-limit 0 --time-limit 60)
settings_b=(--seed 2 --iteration-limit 100 --time-limit 60)
files=(plan.csv order_schedule.csv summary.json)

# summary.json without its timing fields
norm() { grep -v -e '"solve_seconds"' -e '"started_at"' "$1"; }
same_as() { # DIR REF
    for f in "${files[@]}"; do
        if [[ $f == summary.json ]]; then
            cmp -s <(norm "$1/$f") <(norm "$2/$f") || return 1
        else
            cmp -s "$1/$f" "$2/$f" || return 1
        fi
    done
}

expect_exit 0 "reference A" -- "$COSCHED" plan "$scen" --out "$TMP/A" --quiet "${settings_a[@]}"
expect_exit 0 "reference B" -- "$COSCHED" plan "$scen" --out "$TMP/B" --quiet "${settings_b[@]}"
if cmp -s "$TMP/A/plan.csv" "$TMP/B/plan.csv"; then
    fail "the two settings give the same plan; the test cannot tell runs apart"
fi
cp -a "$TMP/A" "$TMP/out"

# How long one run takes, to spread the kills over the whole of it (and past its end).
t0=$(date +%s%N)
"$COSCHED" plan "$scen" --out "$TMP/timing" --quiet "${settings_b[@]}"
run_ms=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
old=0 new=0 bad=0
for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then settings=("${settings_b[@]}"); else settings=("${settings_a[@]}"); fi
    "$COSCHED" plan "$scen" --out "$TMP/out" --quiet "${settings[@]}" >/dev/null 2>&1 &
    pid=$!
    # Most kills land in the last fifth of a run, where the files are written.
    if ((RANDOM % 3 == 0)); then delay=$((RANDOM % run_ms)); else
        delay=$((run_ms * 4 / 5 + RANDOM % (run_ms / 3 + 1))); fi
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if same_as "$TMP/out" "$TMP/A"; then
        state=A
    elif same_as "$TMP/out" "$TMP/B"; then
        state=B
    else
        state=mixed
    fi
    if "$COSCHED" check "$scen" "$TMP/out" >"$TMP/check" 2>&1; then pass; else
        fail "kill $i after ${delay} ms: cosched check fails"; sed 's/^/    /' "$TMP/check" | head >&2
    fi
    case $state in
        mixed) bad=$((bad + 1)); fail "kill $i after ${delay} ms: files of different runs" ;;
        *) pass
           # Which one is there says whether the kill came before or after the swap.
           if ((i % 2 == 0)); then want=B; else want=A; fi
           if [[ $state == "$want" ]]; then new=$((new + 1)); else old=$((old + 1)); fi ;;
    esac
    # Leave the folder in the state the next run expects to replace (the other reference).
    if ((i % 2 == 0)); then cp -a "$TMP/B/." "$TMP/out/"; else cp -a "$TMP/A/." "$TMP/out/"; fi
done
echo "kills: $runs (run takes ~${run_ms} ms): $old left the previous plan, $new the new one, $bad mixed"
# Staging directories of killed runs are cleaned by the next run.
"$COSCHED" plan "$scen" --out "$TMP/out" --quiet "${settings_a[@]}"
[[ -z "$(ls -A "$TMP" | grep '^\.out\.cosched-')" ]] && pass || fail "stale staging left: $(ls -A "$TMP")"
finish
