# Every JSON object cosched writes follows the JSON Schemas (draft 2020-12) in docs/schema/:
# summary.json, the one --json envelope of every command (on success and failure; plan's
# with its summary, and with --json=full its blocks and orders; compare's with its
# comparison), and `compare --format json`, each with schema_version and cosched_version. Validated
# here: a set made by this test (every command, success and failure), and everything the
# other CLI tests left in $COSCHED_BUILD/json-log/ (CTest runs this test after them).
# Needs Debian's python3 with python3-jsonschema (tools/setup --test); skips without it.
source "$(dirname "$0")/lib.sh"
py=/usr/bin/python3 # Debian's, where python3-jsonschema installs; not another on PATH
schemas="$COSCHED_SRC/docs/schema"
check="$COSCHED_SRC/tests/cli/validate_json.py"
if [[ ! -x $py ]] || ! $py -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null; then
    echo "SKIP: $py with the jsonschema module (Debian python3-jsonschema) is not installed"
    exit 0
fi
sc="$COSCHED_SRC/tests/data/hand2x5"
n=0
run() { # EXIT -- cosched args...: the --json output of one command, kept in $TMP/j/
    local want=$1
    shift 2
    expect_exit "$want" "$*" -- "$COSCHED" "$@" --json || return
    n=$((n + 1))
    cp "$TMP/stdout" "$TMP/j/$n.json"
}
mkdir "$TMP/j"
run 0 -- plan "$sc" --out "$TMP/p" --time-limit 5 --quiet
cp "$TMP/p/summary.json" "$TMP/j/summary.json"
run 0 -- plan "$sc" --out "$TMP/f" --time-limit 5 --quiet --json=full
"$COSCHED" compare "$TMP/p" "$TMP/f" --format json >"$TMP/j/comparison.json" && pass ||
    fail "compare --format json failed"
run 0 -- plan "$sc" --out "$TMP/r" --previous "$TMP/p" --now 2027-03-01T07:00 \
    --actuals-from-previous --time-limit 5 --quiet
cp "$TMP/r/summary.json" "$TMP/j/summary-replan.json"
run 0 -- validate "$sc"
run 65 -- validate "$COSCHED_SRC/tests/data/bad/qty_nan"
run 66 -- validate "$TMP/nowhere"
run 0 -- check "$sc" "$TMP/p"
cp -r "$TMP/p" "$TMP/c" && sed -i 's/"objective": [0-9.]*/"objective": 1/' "$TMP/c/summary.json"
run 1 -- check "$sc" "$TMP/c"
run 0 -- compare "$TMP/p" "$TMP/r"
run 64 -- plan "$sc" --bogus
run 64 -- plan "$sc" --out -
touch "$TMP/file"
run 73 -- plan "$sc" --out "$TMP/file/x"
run 0 -- --version

# every file names both versions; the validator itself rejects what breaks the schema
for f in "$TMP"/j/*.json; do
    grep -q '"schema_version": *1' "$f" && grep -q '"cosched_version": *"' "$f" && pass ||
        fail "$(basename "$f") lacks schema_version or cosched_version"
done
$py "$check" "$schemas" "$TMP"/j/*.json >"$TMP/own.out" 2>&1 && pass ||
    fail "JSON of this test does not follow the schema: $(head -5 "$TMP/own.out")"
cat "$TMP/own.out"
sed 's/"schema_version": 1,//' "$TMP/p/summary.json" >"$TMP/bad1.json"
sed 's/"status": "[a-z]*"/"status": "great"/' "$TMP/p/summary.json" >"$TMP/bad2.json"
echo '{"ok":true,"exit_code":65,"schema_version":1,"cosched_version":"0.1.0","error":null,"errors":0,"diagnostics":[]}' >"$TMP/bad3.json"
for f in bad1 bad2 bad3; do
    $py "$check" "$schemas" "$TMP/$f.json" >"$TMP/$f.out" 2>&1
    [[ $? -eq 1 ]] && pass || fail "$f.json passes the schema: $(cat "$TMP/$f.out")"
done

# what the other CLI tests produced
logged=("$COSCHED_BUILD"/json-log/*.json)
if [[ -e "${logged[0]}" ]]; then
    $py "$check" "$schemas" "${logged[@]}" >"$TMP/log.out" 2>&1 && pass ||
        fail "JSON of the CLI tests does not follow the schema: $(head -10 "$TMP/log.out")"
    tail -1 "$TMP/log.out"
else
    echo "note: no JSON from other CLI tests in $COSCHED_BUILD/json-log (run the whole suite)"
fi
finish
