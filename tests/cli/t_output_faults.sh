# Output faults: an unwritable, read-only or full output location gives a clear error and exit
# 73, leaves no plan files (or staging directories) behind and leaves a previous plan intact;
# files that are not plan files survive a rewrite of the folder; a bad input never touches
# the folder (checked end to end for a sample of the bad-input corpus).
source "$(dirname "$0")/lib.sh"
good="$COSCHED_SRC/tests/data/hand2x5"
plan() { "$COSCHED" plan "$good" --iteration-limit 200 --time-limit 5 --quiet "$@"; }

# The output path runs through a regular file.
touch "$TMP/file"
expect_exit 73 "out below a file" -- plan --out "$TMP/file/out"
expect_grep "file.*error: .*Not a directory" "$TMP/stderr" "out below a file message"
[[ -z "$(ls -A "$TMP" | grep -vE '^(file|stdout|stderr|cosched)$')" ]] && pass ||
    fail "out below a file: something was left behind"

# The output path is a plan file name taken by a directory of the user's.
mkdir -p "$TMP/blocked/plan.csv" && touch "$TMP/blocked/plan.csv/keep"
expect_exit 73 "plan.csv is a directory" -- plan --out "$TMP/blocked"
expect_grep "blocked/plan.csv: error: .*Is a directory" "$TMP/stderr" "plan.csv is a directory"
[[ "$(ls -A "$TMP/blocked")" == "plan.csv" && -f "$TMP/blocked/plan.csv/keep" ]] && pass ||
    fail "plan.csv is a directory: folder changed"

# Files that are not plan files stay; the folder keeps its permissions.
expect_exit 0 "first plan" -- plan --out "$TMP/p"
echo "notes" >"$TMP/p/notes.txt"; mkdir "$TMP/p/sub"; echo x >"$TMP/p/sub/x"; chmod 750 "$TMP/p"
expect_exit 0 "second plan" -- plan --out "$TMP/p" --seed 7
[[ -f "$TMP/p/notes.txt" && -f "$TMP/p/sub/x" && $(stat -c %a "$TMP/p") == 750 ]] && pass ||
    fail "rewrite lost files that are not plan files, or the folder's mode"
[[ -z "$(ls -A "$TMP" | grep '^\..*cosched')" ]] && pass || fail "staging directory left behind"
expect_exit 0 "check after rewrite" -- "$COSCHED" check "$good" "$TMP/p"

# A symlinked output folder is written through (the link stays a link).
mkdir "$TMP/real"; ln -s real "$TMP/link"
expect_exit 0 "symlinked out" -- plan --out "$TMP/link"
[[ -L "$TMP/link" && -f "$TMP/real/summary.json" ]] && pass || fail "symlinked out replaced"

# Bad input leaves an existing plan exactly as it was (a sample of tests/data/bad).
cp -a "$TMP/p" "$TMP/before"
for bad in qty_nan nul_byte invalid_utf8 ambiguous_rule missing_orders dup_header; do
    want=65; [[ $bad == missing_orders ]] && want=66
    expect_exit $want "bad input $bad" -- "$COSCHED" plan "$COSCHED_SRC/tests/data/bad/$bad" \
        --out "$TMP/p" --time-limit 1
    diff -r "$TMP/before" "$TMP/p" >/dev/null && pass || fail "$bad: the previous plan changed"
    expect_exit $want "bad input $bad, new folder" -- "$COSCHED" plan \
        "$COSCHED_SRC/tests/data/bad/$bad" --out "$TMP/new-$bad" --time-limit 1
    [[ ! -e "$TMP/new-$bad" ]] && pass || fail "$bad: an output folder was created"
done

# Read-only and full file systems: a tmpfs mount needs root or a user namespace.
mnt=$TMP/mnt
mkdir "$mnt"
mount_tmpfs() { # OPTIONS
    if [[ $(id -u) -eq 0 ]] && mount -t tmpfs -o "$1" tmpfs "$mnt" 2>/dev/null; then
        echo direct
    fi
}
how=$(mount_tmpfs size=64k)
if [[ -z "$how" ]]; then
    echo "skipped: cannot mount a tmpfs here (needs root); read-only and full tests not run"
else
    # Full: 64 KiB cannot hold the plan of a 120-order plant.
    "$COSCHED_BUILD/cs_generate" --orders 120 --lines 4 --seed 3 "$TMP/big" >/dev/null
    head -c 60000 /dev/zero >"$mnt/filler" 2>/dev/null || true
    expect_exit 73 "full file system" -- "$COSCHED" plan "$TMP/big" --out "$mnt/p" \
        --iteration-limit 0 --time-limit 5 --quiet
    expect_grep "error: .*No space left on device" "$TMP/stderr" "full file system message"
    [[ "$(ls -A "$mnt")" == "filler" ]] && pass || fail "full file system: left $(ls -A "$mnt")"
    # Full, with a previous plan in place: it stays intact.
    rm "$mnt/filler"
    expect_exit 0 "plan that fits" -- plan --out "$mnt/p"
    cp -a "$mnt/p" "$TMP/fits"
    head -c 65536 /dev/zero >"$mnt/filler" 2>/dev/null || true
    expect_exit 73 "full file system over a plan" -- "$COSCHED" plan "$TMP/big" \
        --out "$mnt/p" --iteration-limit 0 --time-limit 5 --quiet
    diff -r "$TMP/fits" "$mnt/p" >/dev/null && pass || fail "full: previous plan changed"
    [[ "$(ls -A "$mnt" | sort | tr '\n' ' ')" == "filler p " ]] && pass ||
        fail "full: left $(ls -A "$mnt")"
    # Read-only.
    rm "$mnt/filler"
    mount -o remount,ro "$mnt"
    expect_exit 73 "read-only file system" -- plan --out "$mnt/p"
    expect_grep "error: .*Read-only file system" "$TMP/stderr" "read-only message"
    expect_exit 73 "read-only file system, new folder" -- plan --out "$mnt/q"
    diff -r "$TMP/fits" "$mnt/p" >/dev/null && pass || fail "read-only: previous plan changed"
    umount "$mnt"
fi

# A folder the user may not write (as an unprivileged user when we are root).
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
    mkdir -p "$TMP/locked" && chmod 755 "$TMP/locked" "$TMP"
    chmod o+rx "$TMP"
    expect_exit 73 "folder without write permission" -- setpriv --reuid=65534 --regid=65534 \
        --clear-groups "${COSCHED_REAL:-$COSCHED}" plan "$good" --out "$TMP/locked/p" --quiet \
        --iteration-limit 10
    expect_grep "locked.*error: .*Permission denied" "$TMP/stderr" "permission message"
    [[ -z "$(ls -A "$TMP/locked")" ]] && pass || fail "no-permission: left files"
    # The folder is writable but its parent is not: no sibling for the swap, so the files
    # are staged inside the folder and renamed one by one; nothing else is left there.
    mkdir "$TMP/locked/mine" && chown 65534:65534 "$TMP/locked/mine"
    expect_exit 0 "folder writable, parent not" -- setpriv --reuid=65534 --regid=65534 \
        --clear-groups "${COSCHED_REAL:-$COSCHED}" plan "$good" --out "$TMP/locked/mine" \
        --quiet --iteration-limit 10
    expect_exit 0 "check, parent not writable" -- "$COSCHED" check "$good" "$TMP/locked/mine"
    [[ -z "$(ls -A "$TMP/locked/mine" | grep '^\.')" ]] && pass || fail "staging left inside"
elif [[ $(id -u) -ne 0 ]]; then
    mkdir -p "$TMP/locked" && chmod 555 "$TMP/locked"
    expect_exit 73 "folder without write permission" -- plan --out "$TMP/locked/p"
    expect_grep "error: .*Permission denied" "$TMP/stderr" "permission message"
    chmod 755 "$TMP/locked"
fi
finish
