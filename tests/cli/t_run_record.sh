# summary.json's run record and the earliest-due-date rule beside the plan: the scenario as
# named, an input digest that `sha256sum` reproduces and that changes with any input byte,
# the start time, every option used; "edd" equal to the independent dispatch baseline
# (cs_edd) and the same figures in the stderr summary; in a re-plan the rule applied after the
# same frozen prefix, checked by `check`; `check` warns
# (W_INPUT_CHANGED) when the plan's digest is not that of the files it checks against.
source "$(dirname "$0")/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 is needed to read the JSON"
    exit 0
fi
src="$COSCHED_SRC/scenarios"
cp -r "$src/demo" "$TMP/demo"
sc="$TMP/demo"
before=$(date -u +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 "plan demo" -- "$COSCHED" plan "$sc" --out "$TMP/p" --iteration-limit 100 --seed 3 --mip-gap 0.01 --json
after=$(date -u +%Y-%m-%dT%H:%M:%SZ)
expect_grep "^EDD rule: 23 late, tardiness 20240 min, changeovers 1545 min, makespan 6297 min, objective 22930 -> plan: [0-9]+ late," \
    "$TMP/stderr" "EDD rule beside the plan on stderr"
expect_exit 0 "plan demo is valid with the new keys" -- "$COSCHED" check "$sc" "$TMP/p"
digest=$(cd "$sc" && sha256sum settings.csv lines.csv products.csv orders.csv capabilities.csv \
    changeovers.csv calendar.csv | sha256sum | cut -d' ' -f1)
edd=$("$COSCHED_BUILD/cs_edd" "$sc")
python3 - "$TMP/p/summary.json" "$sc" "$digest" "$before" "$after" "$edd" <<'PY' && pass || fail "run record or edd wrong"
import json, sys
s = json.load(open(sys.argv[1]))
run, opt = s["run"], s["run"]["options"]
assert run["scenario"] == sys.argv[2], run
assert run["input_sha256"] == sys.argv[3], (run["input_sha256"], sys.argv[3])
assert sys.argv[4] <= run["started_at"] <= sys.argv[5], (sys.argv[4], run["started_at"], sys.argv[5])
assert opt == {"time_limit_s": s["time_limit_s"], "seed": 3, "mip_gap": 0.01,
               "iteration_limit": 100, "work_limit": None, "now": s["now"], "previous": None,
               "freeze_hours": None, "actuals_from_previous": False}, opt
e = s["edd"]
assert abs(e["objective"] - float(sys.argv[6])) < 1e-6, (e["objective"], sys.argv[6])
assert s["objective"] <= e["objective"] and e["late_orders"] == 23, e
assert set(e) == {"objective", "weighted_tardiness_minutes", "late_orders", "changeovers",
                  "changeover_minutes", "changeover_cost", "cleanings", "cleaning_minutes",
                  "cleaning_cost", "makespan_minutes"}, sorted(e)
PY

# One more byte in one input file, or a file more, gives another digest; the same inputs
# in another folder the same one.
digest_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["run"]["input_sha256"])' "$1"; }
echo >>"$sc/calendar.csv"
expect_exit 0 "plan, calendar.csv one byte longer" -- "$COSCHED" plan "$sc" --out "$TMP/p2" --iteration-limit 10 --quiet
[[ $(digest_of "$TMP/p2/summary.json") != "$digest" ]] && pass || fail "digest unchanged by an input byte"
# The first plan, checked against the changed files: still valid (exit 0), with a warning
# that its inputs were other files; the new plan checks without one.
expect_exit 0 "older plan against changed files" -- "$COSCHED" check "$sc" "$TMP/p"
expect_grep "summary.json:[0-9]+: warning: .*run.input_sha256 is ${digest:0:12}\.\.\., the scenario's files give [0-9a-f]{12}\.\.\.: the plan was made from other input files" \
    "$TMP/stderr" "W_INPUT_CHANGED warning for the older plan"
expect_exit 0 "new plan against its files" -- "$COSCHED" check "$sc" "$TMP/p2"
! grep -q "input_sha256" "$TMP/stderr" && pass || fail "warning for a plan of the same files"
cp -r "$src/demo" "$TMP/same"
expect_exit 0 "plan a copy" -- "$COSCHED" plan "$TMP/same" --out "$TMP/p3" --iteration-limit 10 --quiet
[[ $(digest_of "$TMP/p3/summary.json") == "$digest" ]] && pass || fail "same inputs, another digest"

# A re-plan names its previous plan and options; its rule figures are those of the rule
# applied after the same frozen prefix, a whole plan (check verifies them against its weights).
expect_exit 0 "re-plan" -- "$COSCHED" plan "$TMP/same" --out "$TMP/r" --previous "$TMP/p3" \
    --now 2027-03-01T10:00 --freeze-hours 4 --actuals-from-previous --iteration-limit 10
cp "$TMP/stderr" "$TMP/replan.stderr"
expect_exit 0 "re-plan is valid" -- "$COSCHED" check "$TMP/same" "$TMP/r"
! grep -q "input_sha256" "$TMP/stderr" && pass || fail "re-plan: warning for its own files"
python3 - "$TMP/r/summary.json" "$TMP/p3" <<'PY' && pass || fail "re-plan run record wrong"
import json, sys
s = json.load(open(sys.argv[1]))
opt = s["run"]["options"]
assert opt["previous"] == sys.argv[2] and opt["freeze_hours"] == 4 and opt["actuals_from_previous"], opt
assert opt["now"] == "2027-03-01T10:00", opt
e = s["edd"]
assert e is not None and e["objective"] >= 0 and e["makespan_minutes"] > 0, e
# the plan is no worse than the rule it starts from, which it could have kept
assert s["objective"] <= e["objective"] + 1e-6, (s["objective"], e["objective"])
PY
grep -q "^EDD rule: .* -> plan: " "$TMP/replan.stderr" && pass || fail "no EDD line in a re-plan's summary"
finish
