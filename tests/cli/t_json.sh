# --json: every command, on success and on failure, prints exactly one JSON object on stdout
# and nothing else, in one envelope (ok, exit_code, versions, error, errors, diagnostics,
# then the command's result); human text goes to stderr. --quiet silences the progress lines, which
# otherwise report every improvement (elapsed, objective, bound, gap, method).
source "$(dirname "$0")/lib.sh"
src="$COSCHED_SRC/scenarios"
bad="$COSCHED_SRC/tests/data/bad/qty_zero"

# one_object DESCRIPTION [KEY=VALUE...] -- stdout is one JSON object in the envelope (ok,
# exit_code, schema_version, cosched_version, error, errors, diagnostics first, in this
# order) whose top-level members have these values (compared as JSON text: true, 65, "x").
one_object() {
    local what=$1
    shift
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$TMP/stdout" "$@" <<'PY' && pass || fail "$what: stdout is not the expected JSON object"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
obj, end = json.JSONDecoder().raw_decode(text)
assert isinstance(obj, dict), "not an object"
assert text[end:].strip() == "", "more than one value: %r" % text[end:end + 40]
head = ["ok", "exit_code", "schema_version", "cosched_version", "error", "errors", "diagnostics"]
assert list(obj)[:7] == head, "envelope starts %s" % list(obj)[:7]
assert obj["ok"] == (obj["exit_code"] == 0), "ok and exit_code disagree"
for kv in sys.argv[2:]:
    k, v = kv.split("=", 1)
    assert json.dumps(obj.get(k)) == v, "%s is %s, expected %s" % (k, json.dumps(obj.get(k)), v)
PY
    else
        [[ $(head -c1 "$TMP/stdout") == "{" && $(tail -c2 "$TMP/stdout" | head -c1) == "}" ]] &&
            pass || fail "$what: stdout is not one JSON object"
    fi
}

expect_exit 0 "plan --json" -- "$COSCHED" plan "$src/demo" --out "$TMP/p" --time-limit 1 --json
one_object "plan ok" ok=true exit_code=0 out='"'"$TMP/p"'"'
# the result's summary is summary.json, number for number; no plan without --json=full
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/stdout" "$TMP/p/summary.json" <<'PY' && pass || fail "plan --json: summary differs from summary.json"
import json, sys
env = json.load(open(sys.argv[1]))
assert env["summary"] == json.load(open(sys.argv[2])), "summary differs"
assert "plan" not in env, "plan without --json=full"
PY
fi
expect_grep "objective" "$TMP/stderr" "summary still on stderr"

# --json=full embeds the plan: the rows of plan.csv and order_schedule.csv, value for value.
expect_exit 0 "plan --json=full" -- "$COSCHED" plan "$src/demo" --out "$TMP/pf" --iteration-limit 50 --quiet --json=full
one_object "plan full" ok=true exit_code=0
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/stdout" "$TMP/pf" <<'PY' && pass || fail "plan --json=full: blocks or orders differ from the CSV files"
import csv, json, sys
env = json.load(open(sys.argv[1]))
blocks, orders = env["plan"]["blocks"], env["plan"]["orders"]
rows = list(csv.DictReader(open(sys.argv[2] + "/plan.csv")))
assert len(blocks) == len(rows) > 0, (len(blocks), len(rows))
for b, r in zip(blocks, rows):
    for k, v in r.items():
        got = b[k]
        if isinstance(got, float) or isinstance(got, int):
            assert abs(got - float(v)) < 1e-9, (k, got, v)
        else:
            assert (got or "") == v, (k, got, v)
sched = list(csv.DictReader(open(sys.argv[2] + "/order_schedule.csv")))
assert [o["order_id"] for o in orders] == [r["order_id"] for r in sched]
for o, r in zip(orders, sched):
    assert "|".join(o["line_ids"]) == r["line_id"], (o, r)
    assert (o["start"], o["end"], o["due"]) == (r["start"], r["end"], r["due"]), (o, r)
    assert str(o["tardiness_minutes"]) == r["tardiness_minutes"], (o, r)
assert env["summary"] == json.load(open(sys.argv[2] + "/summary.json"))
PY
fi
expect_exit 64 "plan --json=other" -- "$COSCHED" plan "$src/demo" --out "$TMP/x" --json=all
one_object "json value" ok=false exit_code=64 error='"'"option '--json': expected no value or 'full', got 'all'"'"'

expect_exit 65 "plan bad input --json" -- "$COSCHED" plan "$bad" --out "$TMP/x" --json
one_object "plan input errors" ok=false exit_code=65
grep -q '"file":"[^"]*orders.csv","line":[0-9]' "$TMP/stdout" && pass || fail "diagnostics in the object"
expect_exit 66 "plan missing --json" -- "$COSCHED" plan "$TMP/none" --out "$TMP/x" --json
one_object "plan missing" ok=false exit_code=66
expect_exit 64 "plan usage --json" -- "$COSCHED" plan "$src/demo" --json
one_object "plan usage" ok=false exit_code=64
expect_exit 64 "bad option value --json" -- "$COSCHED" plan "$src/demo" --out "$TMP/x" --time-limit=abc --json
one_object "bad option value" ok=false exit_code=64
expect_exit 64 "unknown option --json" -- "$COSCHED" plan --bogus --json
one_object "unknown option" ok=false exit_code=64
expect_exit 64 "unknown command --json" -- "$COSCHED" frobnicate --json
one_object "unknown command" ok=false exit_code=64

expect_exit 0 "validate --json" -- "$COSCHED" validate "$src/demo" --json
one_object "validate ok" ok=true exit_code=0 orders=42 lines=4
expect_exit 65 "validate bad --json" -- "$COSCHED" validate "$bad" --json
one_object "validate bad" ok=false exit_code=65
expect_exit 0 "check --json" -- "$COSCHED" check "$src/demo" "$TMP/p" --json
one_object "check ok" ok=true violations=0
cp -r "$TMP/p" "$TMP/c"
sed -i 's/"objective": [0-9.]*/"objective": 1/' "$TMP/c/summary.json"
expect_exit 1 "check violations --json" -- "$COSCHED" check "$src/demo" "$TMP/c" --json
one_object "check violations" ok=false exit_code=1
expect_exit 66 "check missing plan --json" -- "$COSCHED" check "$src/demo" "$TMP/none" --json
one_object "check missing plan" ok=false exit_code=66
expect_exit 0 "compare --json" -- "$COSCHED" compare "$TMP/p" "$TMP/c" --json
one_object "compare" ok=true exit_code=0
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/stdout" <<'PY' && pass || fail "compare --json: no comparison in the result"
import json, sys
c = json.load(open(sys.argv[1]))["comparison"]
assert c["n_orders"] == 42 and c["n_changed"] == 0, c
PY
fi
# --format json alone prints the comparison document itself
expect_exit 0 "compare --format json" -- "$COSCHED" compare "$TMP/p" "$TMP/c" --format json
grep -q '"verdict"' "$TMP/stdout" && ! grep -q '"exit_code"' "$TMP/stdout" && pass ||
    fail "compare --format json is not the bare comparison"
expect_exit 66 "compare missing --json" -- "$COSCHED" compare "$TMP/p" "$TMP/none" --json
one_object "compare missing" ok=false exit_code=66
expect_exit 0 "version --json" -- "$COSCHED" --version --json
one_object "version" ok=true exit_code=0 version='"'"$("$COSCHED" --version | cut -d' ' -f2)"'"'
expect_exit 0 "help --json" -- "$COSCHED" --help --json
one_object "help" ok=true
expect_grep "usage: cosched plan" "$TMP/stderr" "help text on stderr with --json"
# A path that is not UTF-8 and holds a quote and a line break still gives valid JSON: the
# byte 0xFF shows as '?', the rest is escaped.
odd="$TMP/odd"$'\xff'"\"q"$'\n'"dir"
expect_exit 66 "validate odd path --json" -- "$COSCHED" validate "$odd" --json
one_object "odd path" ok=false exit_code=66 error='"'"$TMP/odd?\\\"q\\ndir: input missing"'"'

# Progress lines: one per improvement, each with a UTC timestamp, elapsed, objective, bound,
# gap, method.
expect_exit 0 "plan with progress" -- "$COSCHED" plan "$src/demo" --out "$TMP/p2" --time-limit 1
grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z +[0-9]+\.[0-9]+s +obj [0-9.e+-]+ +bound ([0-9.e+-]+|-|none) +gap ([0-9.]+%|-|none) +[a-z]' \
    "$TMP/stderr" >"$TMP/progress"
[[ $(wc -l <"$TMP/progress") -ge 2 ]] && pass || fail "fewer than two progress lines"
# objectives of the progress lines never get worse
awk '{ o = $4 + 0; if (NR > 1 && o > prev + 1e-9) bad = 1; prev = o } END { exit bad }' \
    "$TMP/progress" && pass || fail "progress objectives increase"
expect_exit 0 "plan --quiet" -- "$COSCHED" plan "$src/demo" --out "$TMP/p3" --time-limit 1 --quiet
[[ ! -s "$TMP/stderr" && ! -s "$TMP/stdout" ]] && pass || fail "--quiet still printed something"
expect_exit 0 "plan --quiet --json" -- "$COSCHED" plan "$src/demo" --out "$TMP/p4" --time-limit 1 --quiet --json
[[ ! -s "$TMP/stderr" ]] && pass || fail "--quiet --json printed to stderr"
one_object "quiet json"
finish
