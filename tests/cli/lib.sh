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

# Every JSON object cosched prints here (--json), and the summary.json of every plan written
# by `cosched plan`, is kept in $COSCHED_BUILD/json-log/ for t_schema.sh, which runs after
# the other CLI tests and validates them all against docs/schema/.
json_log=""
if [[ -n "${COSCHED_BUILD:-}" && -d "$COSCHED_BUILD" ]]; then
    json_log="$COSCHED_BUILD/json-log"
    mkdir -p "$json_log" && rm -f "$json_log/$(basename "$0" .sh)"-*.json
fi
json_n=0
keep_json() { # command...
    [[ -n "$json_log" ]] || return 0
    local a prev="" out="" json=0 ours=0 plan=0
    for a in "$@"; do
        [[ $a == --json || $a == --json=* ]] && json=1
        [[ $a == "$COSCHED" ]] && ours=1
        [[ $ours -eq 1 && $a == plan ]] && plan=1
        [[ $prev == --out || $prev == -o ]] && out=$a
        prev=$a
    done
    [[ $ours -eq 1 ]] || return 0
    local tag
    tag="$json_log/$(basename "$0" .sh)"
    if [[ $json -eq 1 && -s "$TMP/stdout" ]]; then
        json_n=$((json_n + 1))
        cp "$TMP/stdout" "$tag-$json_n.json"
    fi
    if [[ $plan -eq 1 && -n "$out" && -f "$out/summary.json" ]]; then
        json_n=$((json_n + 1))
        cp "$out/summary.json" "$tag-$json_n.json"
    fi
}

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
    local want=$1 what=$2
    shift 3
    "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    local got=$?
    keep_json "$@"
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

# weighted_terms SUMMARY -- sum of weight x bound over bound_terms of a summary.json (null
# terms add 0): the bound the term bounds give together
weighted_terms() {
    awk '
        /^  "objective_terms": \{/ { sect = "o"; next }
        /^  "bound_terms": \{/ { sect = "b"; next }
        /^  [}]/ { sect = ""; next }
        sect == "o" && /^    "[a-z_]+": \{/ { t = $1; gsub(/[":{]/, "", t) }
        sect == "o" && /"weight":/ { v = $2; gsub(/,/, "", v); w[t] = v }
        sect == "b" && /^    "[a-z_]+":/ { t = $1; gsub(/[":]/, "", t); v = $2; gsub(/,/, "", v)
                                          if (v != "null") s += w[t] * v }
        END { printf "%.10g\n", s }' "$1"
}

finish() {
    echo "$passes passed, $failures failed"
    [[ $failures -eq 0 ]]
}
