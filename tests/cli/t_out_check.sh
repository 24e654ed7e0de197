# --out is checked before the solve: an output that cannot be written fails at once with exit
# 73 and a message naming the path, even with a long time limit; `--out -` is a usage error.
source "$(dirname "$0")/lib.sh"
demo="$COSCHED_SRC/scenarios/demo"

# demo uses its whole time limit, so a check made only after the solve would take 600 s
# (bounded here by timeout, which exits 124).
touch "$TMP/file"
t0=$(date +%s)
expect_exit 73 "out below a file" -- timeout 60 "$COSCHED" plan "$demo" --out "$TMP/file/out" \
    --time-limit 600 --quiet
t1=$(date +%s)
(( t1 - t0 < 10 )) && pass || fail "unwritable out found after $((t1 - t0)) s, not before the solve"
expect_grep "file(/out)?: error: cannot (create directory|write into): Not a directory" "$TMP/stderr" "path named"
expect_grep "cannot be written.*nothing planned" "$TMP/stderr" "said before planning"

expect_exit 73 "out is a file" -- timeout 60 "$COSCHED" plan "$demo" --out "$TMP/file" \
    --time-limit 600 --quiet
expect_grep "file: error: cannot write into: Not a directory" "$TMP/stderr" "file named"
[[ -f "$TMP/file" && ! -s "$TMP/file" ]] && pass || fail "the file given as --out changed"

expect_exit 73 "unwritable out, --json" -- timeout 60 "$COSCHED" plan "$demo" \
    --out "$TMP/file/out" --time-limit 600 --quiet --json
expect_grep '"exit_code": ?73' "$TMP/stdout" "JSON error object with exit code 73"

# the probe leaves nothing behind: no staging folder next to the plan, no probe file in it
expect_exit 0 "plan" -- "$COSCHED" plan "$COSCHED_SRC/tests/data/hand2x5" --out "$TMP/p" \
    --time-limit 5 --quiet
[[ -z "$(find "$TMP" -mindepth 1 -name '*cosched-*' -o -mindepth 1 -name '*probe*')" ]] && pass ||
    fail "probe left behind: $(find "$TMP" -mindepth 1 -name '*cosched-*' -o -mindepth 1 -name '*probe*')"

for cmd in plan compare; do
    args=("$COSCHED_SRC/tests/data/hand2x5"); [[ $cmd == compare ]] && args+=("$TMP/p")
    expect_exit 64 "$cmd --out -" -- "$COSCHED" $cmd "${args[@]}" --out - --time-limit 5 --quiet
    expect_grep "out needs a directory" "$TMP/stderr" "$cmd --out - says why"
    [[ ! -e ./- && ! -e "$TMP/-" ]] && pass || fail "$cmd --out - created a folder '-'"
done
finish
