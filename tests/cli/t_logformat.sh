# --log-format json: every line on stderr is one JSON object with time, level and message
# (diagnostics add file, line, column and code; progress lines their figures); stdout is
# left to --json. The default text keeps GNU-style diagnostics.
source "$(dirname "$0")/lib.sh"
good="$COSCHED_SRC/tests/data/hand2x5"
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 0; }
# json_lines FILE WHAT [KEY=VALUE...] -- every line of FILE is a JSON object with time, level
# and message, and some line has every KEY=VALUE given (VALUE compared as text).
json_lines() {
    local file=$1 what=$2
    shift 2
    if python3 - "$file" "$@" <<'PY'; then pass; else fail "$what"; fi
import json, re, sys
want = dict(a.split("=", 1) for a in sys.argv[2:])
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
if not lines:
    sys.exit("no lines")
found = not want
for ln in lines:
    o = json.loads(ln)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", o["time"]), ln
    assert o["level"] in ("error", "warning", "info", "debug"), ln
    assert isinstance(o["message"], str), ln
    if all(str(o.get(k)) == v for k, v in want.items()):
        found = True
if not found:
    sys.exit("no line with %s" % want)
PY
}

expect_exit 0 "plan --log-format json" -- "$COSCHED" plan "$good" --out "$TMP/p" --iteration-limit 200 --log-format json
json_lines "$TMP/stderr" "plan: progress as JSON lines" method=edd level=info
json_lines "$TMP/stderr" "plan: the summary as JSON lines" "message=plan written to $TMP/p/"
[[ ! -s "$TMP/stdout" ]] && pass || fail "--log-format json wrote to stdout"
python3 -c '
import json, sys
p = [json.loads(l) for l in open(sys.argv[1])]
p = [o for o in p if "objective" in o]
assert len(p) >= 2 and all(isinstance(o["elapsed_s"], float) for o in p)
assert all(a["objective"] >= b["objective"] for a, b in zip(p, p[1:]))
' "$TMP/stderr" && pass || fail "progress lines lack figures"

expect_exit 0 "check --log-format=json" -- "$COSCHED" check "$good" "$TMP/p" --log-format=json
json_lines "$TMP/stderr" "check: result line" "message=$TMP/p: plan is valid"

rm -rf "$TMP/s"; cp -r "$good" "$TMP/s"; sed -i 's/,due,/,due_date,/' "$TMP/s/orders.csv"
expect_exit 65 "bad input --log-format json" -- "$COSCHED" validate "$TMP/s" --log-format json
json_lines "$TMP/stderr" "diagnostics as JSON lines" level=error code=E_MISSING_COLUMN line=1 \
    column=due "file=$TMP/s/orders.csv"

# With --json too: the result object on stdout, JSON lines on stderr.
expect_exit 65 "bad input --json --log-format json" -- "$COSCHED" validate "$TMP/s" --json --log-format json
json_lines "$TMP/stderr" "stderr with --json" code=E_MISSING_COLUMN
expect_grep '^\{"ok":false,"exit_code":65' "$TMP/stdout" "the result object on stdout"

expect_exit 64 "usage error --log-format json" -- "$COSCHED" plan "$good" --log-format json
json_lines "$TMP/stderr" "usage error as a JSON line" level=error
expect_exit 64 "bad --log-format" -- "$COSCHED" plan "$good" --out "$TMP/x" --log-format yaml
expect_grep "expected text or json, got 'yaml'" "$TMP/stderr" "bad log format named"

# Text: progress lines start with a UTC timestamp; diagnostics stay GNU style.
expect_exit 65 "bad input, text" -- "$COSCHED" validate "$TMP/s" --log-format text
expect_grep "^$TMP/s/orders.csv:1: error: column 'due'" "$TMP/stderr" "GNU style in text"
finish
