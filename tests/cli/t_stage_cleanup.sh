# A run killed while writing leaves its staging directory, next to --out or inside it (when
# it wrote in place). The next run into that --out removes those of dead runs, and only
# those: a live run's, a symlink, another name, or a file of the user stay.
source "$(dirname "$0")/lib.sh"

base="$COSCHED_SRC/tests/data/hand2x5"
sleep 0 &
dead=$!
wait "$dead"
kill -0 "$dead" 2>/dev/null && { echo "skipped: pid $dead was reused at once"; exit 0; }
# stages DIR -- plant stale and live staging directories in and next to DIR.
stages() {
    local out=$1 parent name
    parent=$(dirname "$out")
    name=$(basename "$out")
    mkdir -p "$parent/.$name.cosched-$dead-0a1b2c" "$out/cosched-$dead-0a1b2c" \
        "$out/cosched-$$-0a1b2c" "$out/cosched-$dead-keepme" "$parent/.$name.cosched-$$-00ff00"
    touch "$parent/.$name.cosched-$dead-0a1b2c/plan.csv" "$out/cosched-$dead-0a1b2c/plan.csv"
    ln -sfn "$TMP/elsewhere" "$out/cosched-$dead-123456"
    mkdir -p "$TMP/elsewhere"
    touch "$TMP/elsewhere/precious"
}
# cleaned DIR WHAT -- the dead runs' stages are gone, everything else is there.
cleaned() {
    local out=$1 parent name
    parent=$(dirname "$out")
    name=$(basename "$out")
    [[ ! -e "$parent/.$name.cosched-$dead-0a1b2c" ]] && pass || fail "$2: stale stage next to DIR left"
    [[ ! -e "$out/cosched-$dead-0a1b2c" ]] && pass || fail "$2: stale stage inside DIR left"
    [[ -d "$out/cosched-$$-0a1b2c" && -d "$parent/.$name.cosched-$$-00ff00" ]] && pass ||
        fail "$2: a live run's stage was removed"
    [[ -d "$out/cosched-$dead-keepme" ]] && pass || fail "$2: a directory of another name was removed"
    [[ -L "$out/cosched-$dead-123456" && -f "$TMP/elsewhere/precious" ]] && pass ||
        fail "$2: a symlink, or what it points to, was removed"
}

# A run that swaps a new directory in.
expect_exit 0 "a first plan" -- "$COSCHED" plan "$base" --out "$TMP/out" --time-limit 1 --quiet
stages "$TMP/out"
expect_exit 0 "a plan after killed runs" -- "$COSCHED" plan "$base" --out "$TMP/out" --time-limit 1 --quiet --seed 3
cleaned "$TMP/out" "swapped"
expect_exit 0 "swapped: check" -- "$COSCHED" check "$base" "$TMP/out"

# A run that writes in place (a folder of more than 1,000 other files).
expect_exit 0 "a first plan in a crowded folder" -- "$COSCHED" plan "$base" --out "$TMP/crowded" --time-limit 1 --quiet
(cd "$TMP/crowded" && seq 1500 | sed 's/^/user-/' | xargs touch)
stages "$TMP/crowded"
expect_exit 0 "in place after killed runs" -- "$COSCHED" plan "$base" --out "$TMP/crowded" --time-limit 1 --quiet --seed 3
cleaned "$TMP/crowded" "in place"
[[ $(find "$TMP/crowded" -maxdepth 1 -name 'user-*' | wc -l) -eq 1500 ]] && pass || fail "in place: user files lost"
expect_exit 0 "in place: check" -- "$COSCHED" check "$base" "$TMP/crowded"
finish
