# The hand-solved instance (tests/data/hand2x5/README.md): proven optimum 70.
source "$(dirname "$0")/lib.sh"
sc="$COSCHED_SRC/tests/data/hand2x5"
expect_exit 0 "plan hand2x5" -- "$COSCHED" plan "$sc" --out "$TMP/p" --time-limit 10 --json
cp "$TMP/stdout" "$TMP/json"
[[ "$(json_field "$TMP/p/summary.json" status)" == optimal ]] && pass || fail "status is not optimal"
obj=$(json_field "$TMP/p/summary.json" objective)
awk -v o="$obj" 'BEGIN { exit !(o > 69.999 && o < 70.001) }' && pass || fail "objective $obj, expected 70"
# --json's summary is summary.json
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["summary"] != json.load(open(sys.argv[2])))' \
        "$TMP/json" "$TMP/p/summary.json" && pass || fail "--json's summary differs from summary.json"
fi
expect_exit 0 "check hand2x5 plan" -- "$COSCHED" check "$sc" "$TMP/p"
finish
