# Hints for common mistakes: a mistyped option, command or column gets "did you mean"; a
# semicolon-separated or UTF-16 export, a file for a folder and swapped check arguments each
# get one clear message instead of a flood of follow-on errors.
source "$(dirname "$0")/lib.sh"
good="$COSCHED_SRC/tests/data/hand2x5"
mk() { rm -rf "$TMP/s"; cp -r "$good" "$TMP/s"; }
n_errors() { grep -c ': error: ' "$TMP/stderr"; }

expect_exit 64 "mistyped option" -- "$COSCHED" plan "$good" --out "$TMP/o" --time-limt 5
expect_grep "unknown option '--time-limt'; did you mean '--time-limit'\?" "$TMP/stderr" "option hint"
expect_exit 64 "mistyped option with a value" -- "$COSCHED" plan "$good" --out "$TMP/o" --sed=3
expect_grep "did you mean '--seed'\?" "$TMP/stderr" "option=value hint"
expect_exit 64 "mistyped command" -- "$COSCHED" pln "$good" --out "$TMP/o"
expect_grep "unknown command 'pln'; did you mean 'plan'\?" "$TMP/stderr" "command hint"
expect_exit 64 "unrelated command" -- "$COSCHED" frobnicate
grep -q "did you mean" "$TMP/stderr" && fail "a guess for an unrelated command" || pass
[[ ! -e "$TMP/o" ]] && pass || fail "misuse created the output directory"

mk; sed -i 's/,due,/,due_date,/' "$TMP/s/orders.csv"
expect_exit 65 "misnamed column" -- "$COSCHED" validate "$TMP/s"
expect_grep "orders.csv:1: error: column 'due': required column is missing; did you mean 'due_date'\?" \
    "$TMP/stderr" "column hint"

mk; sed -i 's/,/;/g' "$TMP/s/orders.csv"
expect_exit 65 "semicolon-separated orders.csv" -- "$COSCHED" validate "$TMP/s"
expect_grep "orders.csv:1: error: .*looks semicolon-separated; save as comma-separated CSV" \
    "$TMP/stderr" "semicolon hint"
[[ $(n_errors) -eq 1 ]] && pass || fail "semicolon CSV: $(n_errors) errors, expected 1"

mk; iconv -f UTF-8 -t UTF-16 "$good/orders.csv" >"$TMP/s/orders.csv"
expect_exit 65 "UTF-16 orders.csv" -- "$COSCHED" validate "$TMP/s"
expect_grep "orders.csv:1: error: .*UTF-16.*save as UTF-8" "$TMP/stderr" "UTF-16 hint"
[[ $(n_errors) -eq 1 ]] && pass || fail "UTF-16: $(n_errors) errors, expected 1"

expect_exit 66 "a file for the scenario" -- "$COSCHED" validate "$good/orders.csv"
expect_grep "is a file, not a scenario directory" "$TMP/stderr" "file hint"
[[ $(n_errors) -eq 1 ]] && pass || fail "file for a folder: $(n_errors) errors, expected 1"

# Every diagnostic in --json carries its stable code.
mk; sed -i 's/,due,/,due_date,/' "$TMP/s/orders.csv"
expect_exit 65 "misnamed column --json" -- "$COSCHED" validate "$TMP/s" --json
expect_grep '"message":"column .due.: required column is missing; did you mean .due_date.\?","code":"E_MISSING_COLUMN"' \
    "$TMP/stdout" "code of a missing column"
expect_grep '"code":"W_UNKNOWN_COLUMN"' "$TMP/stdout" "code of an unknown column"
expect_exit 66 "missing scenario --json" -- "$COSCHED" validate "$TMP/nope" --json
expect_grep '"code":"E_FILE_MISSING"' "$TMP/stdout" "code of a missing scenario"

expect_exit 0 "a plan" -- "$COSCHED" plan "$good" --out "$TMP/p" --iteration-limit 100 --quiet
expect_exit 64 "swapped check arguments" -- "$COSCHED" check "$TMP/p" "$good"
expect_grep "arguments look swapped" "$TMP/stderr" "swap hint"
[[ $(n_errors) -eq 0 ]] && pass || fail "swapped check: $(n_errors) file errors"
expect_exit 0 "check in the right order" -- "$COSCHED" check "$good" "$TMP/p" --quiet
expect_exit 66 "a plan directory for the scenario" -- "$COSCHED" validate "$TMP/p"
expect_grep "is a plan directory, not a scenario directory" "$TMP/stderr" "plan dir hint"
[[ $(n_errors) -eq 1 ]] && pass || fail "plan dir for a scenario: $(n_errors) errors, expected 1"

# The README lists every code the engine can give.
for code in $(grep -rhoE '"[EW]_[A-Z0-9_]+"' "$COSCHED_SRC/engine" | tr -d '"' | sort -u); do
    grep -q "^| \`$code\` |" "$COSCHED_SRC/README.md" && pass || fail "README lacks $code"
done
finish
