# Command-line usage: help, version, misuse exit codes.
source "$(dirname "$0")/lib.sh"
expect_exit 0 "--help" -- "$COSCHED" --help && expect_grep "cosched plan SCENARIO" "$TMP/stdout" "help text"
expect_exit 0 "--version" -- "$COSCHED" --version && expect_grep "^cosched [0-9]+\.[0-9]+" "$TMP/stdout" "version"
expect_exit 64 "no command" -- "$COSCHED"
expect_exit 64 "unknown command" -- "$COSCHED" frobnicate
expect_exit 64 "unknown option" -- "$COSCHED" plan x --out y --bogus
expect_grep "unknown option '--bogus'" "$TMP/stderr" "unknown option message"
expect_exit 64 "plan without --out" -- "$COSCHED" plan "$COSCHED_SRC/scenarios/demo"
expect_exit 64 "bad time limit" -- "$COSCHED" plan "$COSCHED_SRC/scenarios/demo" --out "$TMP/o" --time-limit=abc
expect_grep "abc" "$TMP/stderr" "bad value named"
[[ ! -e "$TMP/o" ]] && pass || fail "misuse created the output directory"
expect_exit 66 "missing scenario" -- "$COSCHED" plan "$TMP/nope" --out "$TMP/o"
expect_exit 66 "check of a missing plan dir" -- "$COSCHED" check "$COSCHED_SRC/tests/data/hand2x5" "$TMP/nope"
finish
