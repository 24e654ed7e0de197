# lib.sh -- helpers of the end-to-end CLI tests (sourced). CTest sets COSCHED (the binary),
# COSCHED_SRC (the source tree) and COSCHED_BUILD.
set -u
: "${COSCHED:?}" "${COSCHED_SRC:?}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cosched-cli-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# COSCHED_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs every cosched call under it.
if [[ -n "${COSCHED_WRAPPER:-}" ]]; then
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$COSCHED_WRAPPER" "$COSCHED" >"$TMP/cosched"
    chmod +x "$TMP/cosched"
    COSCHED_REAL=$COSCHED
    COSCHED=$TMP/cosched
fi
# skip_under_wrapper WHY -- timing-dependent tests make no sense under valgrind
skip_under_wrapper() {
    if [[ -n "${COSCHED_WRAPPER:-}" ]]; then echo "skipped under COSCHED_WRAPPER: $1"; exit 0; fi
}
failures=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
    local want=$1 what=$2
    shift 3
    "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    local got=$?
    if [[ $got -ne $want ]]; then
        fail "$what: exit $got, expected $want"
        sed 's/^/    stderr: /' "$TMP/stderr" | head -20 >&2
        return 1
    fi
    pass
}

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() {
    if grep -qE -- "$1" "$2"; then pass; else
        fail "$3: /$1/ not found in $(basename "$2")"
        head -20 "$2" | sed 's/^/    /' >&2
    fi
}

# json_field FILE KEY -- the value of a top-level scalar "KEY": VALUE in a JSON file
json_field() {
    sed -n "s/^  \"$2\": *\\([^,]*\\),\\{0,1\\}\$/\\1/p" "$1" | head -1 | tr -d '"'
}

finish() {
    echo "$passes passed, $failures failed"
    [[ $failures -eq 0 ]]
}
