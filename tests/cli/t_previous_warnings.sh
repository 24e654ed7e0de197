# What re-planning says about the previous plan (an order the scenario no longer has) reaches
# summary.json and the --json result, not only stderr, and stderr says it once.
source "$(dirname "$0")/lib.sh"

s="$TMP/scen"
cp -r "$COSCHED_SRC/tests/data/hand2x5" "$s"
expect_exit 0 "a previous plan" -- "$COSCHED" plan "$s" --out "$TMP/prev" --time-limit 1 --quiet
expect_exit 0 "the previous plan: check" -- "$COSCHED" check "$s" "$TMP/prev"
sed -i '/^o3,/d' "$s/orders.csv"
expect_exit 0 "re-plan without o3" -- "$COSCHED" plan "$s" --out "$TMP/next" --previous "$TMP/prev" --time-limit 1
expect_grep "plan.csv:[0-9]+: warning: order 'o3' is no longer in the scenario; dropped" "$TMP/stderr" \
    "the warning on stderr"
[[ $(grep -c "order 'o3' is no longer" "$TMP/stderr") -eq 1 ]] && pass || fail "the warning is not said once"
expect_grep "prev/plan.csv:[0-9]+: order 'o3' is no longer in the scenario; dropped" "$TMP/next/summary.json" \
    "the warning in summary.json"
expect_exit 0 "re-plan without o3: check" -- "$COSCHED" check "$s" "$TMP/next"
expect_exit 0 "re-plan without o3, --json --quiet" -- "$COSCHED" plan "$s" --out "$TMP/next2" --previous "$TMP/prev" --time-limit 1 --json --quiet
expect_grep "order 'o3' is no longer in the scenario" "$TMP/stdout" "the warning in the --json result"
finish
