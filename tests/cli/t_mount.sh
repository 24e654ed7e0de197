# --out on a mount point (a tmpfs, a bind mount: where an MES container writes) and --out
# holding a mounted subdirectory: the plan is written in place, file by file, and nothing
# mounted is lost. Needs root and a private mount namespace (unshare -m); skipped otherwise.
if [[ -z "${COSCHED_MOUNT_NS:-}" ]]; then
    if [[ $(id -u) -eq 0 ]] && unshare -m --propagation private true 2>/dev/null; then
        COSCHED_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
    fi
    echo "skipped: needs root and unshare -m to mount a tmpfs"
    exit 0
fi
source "$(dirname "$0")/lib.sh"
sc="$COSCHED_SRC/tests/data/hand2x5"

# no_stage DIR -- no staging directory of a run is left in DIR or next to it.
no_stage() {
    local left
    left=$(find "$1" "$(dirname "$1")" -mindepth 1 -maxdepth 1 -name '*cosched-[0-9]*' | head -3)
    [[ -z "$left" ]] && pass || fail "staging left behind: $left"
}

# DIR is itself a tmpfs, empty at first, then holding a plan and a file of the user.
mkdir -p "$TMP/mnt"
mount -t tmpfs tmpfs "$TMP/mnt" || { echo "skipped: mount failed"; exit 0; }
expect_exit 0 "--out on an empty tmpfs" -- "$COSCHED" plan "$sc" --out "$TMP/mnt" --time-limit 2 --quiet
expect_exit 0 "--out on an empty tmpfs: check" -- "$COSCHED" check "$sc" "$TMP/mnt"
echo keep >"$TMP/mnt/notes.txt"
expect_exit 0 "--out on a tmpfs with a plan" -- "$COSCHED" plan "$sc" --out "$TMP/mnt" --time-limit 2 --quiet --seed 2
expect_exit 0 "--out on a tmpfs with a plan: check" -- "$COSCHED" check "$sc" "$TMP/mnt"
[[ $(cat "$TMP/mnt/notes.txt" 2>/dev/null) == keep ]] && pass || fail "tmpfs: the user's file is gone"
mountpoint -q "$TMP/mnt" && pass || fail "tmpfs: no longer mounted"
no_stage "$TMP/mnt"
umount "$TMP/mnt"

# DIR is a bind mount of a directory on the same file system (rename fails with EXDEV there).
mkdir -p "$TMP/src" "$TMP/bind"
mount --bind "$TMP/src" "$TMP/bind"
expect_exit 0 "--out on a bind mount" -- "$COSCHED" plan "$sc" --out "$TMP/bind" --time-limit 2 --quiet
expect_exit 0 "--out on a bind mount: check" -- "$COSCHED" check "$sc" "$TMP/src"
no_stage "$TMP/bind"
umount "$TMP/bind"

# A tmpfs mounted inside DIR stays there, with its files, after the plan is replaced.
expect_exit 0 "a plan with a subdirectory" -- "$COSCHED" plan "$sc" --out "$TMP/out" --time-limit 2 --quiet
mkdir -p "$TMP/out/archive"
mount -t tmpfs tmpfs "$TMP/out/archive"
echo old >"$TMP/out/archive/monday.csv"
expect_exit 0 "--out holding a mount" -- "$COSCHED" plan "$sc" --out "$TMP/out" --time-limit 2 --quiet --seed 3
expect_exit 0 "--out holding a mount: check" -- "$COSCHED" check "$sc" "$TMP/out"
mountpoint -q "$TMP/out/archive" && pass || fail "the mounted subdirectory is no longer in --out"
[[ $(cat "$TMP/out/archive/monday.csv" 2>/dev/null) == old ]] && pass ||
    fail "the mounted subdirectory lost its file"
no_stage "$TMP/out"
umount "$TMP/out/archive"
finish
