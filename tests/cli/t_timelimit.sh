# The time limit is kept: `plan --time-limit 2` ends within 3 s of wall time and writes a plan
# that `cosched check` accepts, on the demo, a MIP-sized test scenario and generated plants.
# COSCHED_TIMELIMIT_ORDERS adds a generated plant of that many orders (on 20 lines).
source "$(dirname "$0")/lib.sh"
skip_under_wrapper "wall-clock limits"
"$COSCHED_BUILD/cs_generate" --orders 150 --lines 8 --seed 2 "$TMP/g150" >/dev/null
scens=("$COSCHED_SRC/scenarios/demo" "$COSCHED_SRC/tests/data/solve_mid_down" "$TMP/g150")
if [[ -n "${COSCHED_TIMELIMIT_ORDERS:-}" ]]; then
    "$COSCHED_BUILD/cs_generate" --orders "$COSCHED_TIMELIMIT_ORDERS" --lines 20 --seed 2 \
        "$TMP/gbig" >/dev/null
    scens+=("$TMP/gbig")
fi
for scen in "${scens[@]}"; do
    name=$(basename "$scen")
    t0=$(date +%s%N)
    expect_exit 0 "$name: plan" -- "$COSCHED" plan "$scen" --out "$TMP/out-$name" --time-limit 2
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    echo "$name: --time-limit 2 took $ms ms"
    ((ms <= 3000)) && pass || fail "$name: --time-limit 2 took $ms ms (limit 3000)"
    expect_exit 0 "$name: check" -- "$COSCHED" check "$scen" "$TMP/out-$name"
done
finish
