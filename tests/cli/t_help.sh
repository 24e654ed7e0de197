# Per-command help: `cosched CMD --help` prints that command's usage, its options and an
# example (plan also the settings keys), not the global text.
source "$(dirname "$0")/lib.sh"
expect_exit 0 "plan --help" -- "$COSCHED" plan --help
expect_grep "^usage: cosched plan SCENARIO --out DIR" "$TMP/stdout" "plan usage"
expect_grep "^ +-t, --time-limit S" "$TMP/stdout" "plan options"
expect_grep "^example:" "$TMP/stdout" "plan example"
expect_grep "^ +horizon_start +" "$TMP/stdout" "settings keys"
expect_grep "^ +time_limit_s +.*default 10" "$TMP/stdout" "a setting's default"
grep -q "cosched compare" "$TMP/stdout" && fail "plan --help shows compare" || pass
grep -q -- "--format" "$TMP/stdout" && fail "plan --help shows compare's --format" || pass

expect_exit 0 "check --help" -- "$COSCHED" check --help
expect_grep "^usage: cosched check SCENARIO PLAN_DIR" "$TMP/stdout" "check usage"
expect_grep "^example:" "$TMP/stdout" "check example"
grep -q -- "--time-limit" "$TMP/stdout" && fail "check --help shows plan options" || pass

expect_exit 0 "validate --help" -- "$COSCHED" validate --help
expect_grep "^usage: cosched validate SCENARIO" "$TMP/stdout" "validate usage"
expect_exit 0 "compare -h" -- "$COSCHED" compare -h
expect_grep "^usage: cosched compare A B" "$TMP/stdout" "compare usage"
expect_grep "--format FMT" "$TMP/stdout" "compare options"

# Help wins over missing arguments, wherever it stands.
expect_exit 0 "help after arguments" -- "$COSCHED" plan scenarios/x --help
expect_grep "^usage: cosched plan" "$TMP/stdout" "help after arguments"
expect_exit 0 "global help" -- "$COSCHED" --help
expect_grep "cosched compare A B" "$TMP/stdout" "global help lists every command"
expect_grep "cosched COMMAND --help" "$TMP/stdout" "global help points to command help"
expect_exit 64 "help of an unknown command" -- "$COSCHED" pln --help
expect_grep "did you mean 'plan'" "$TMP/stderr" "unknown command with --help"
finish
