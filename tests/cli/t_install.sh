# The installed library is usable by others: `cmake --install` into a temporary prefix gives
# the shared and the static library, cosched.h, cosched.pc and the CMake package; the shared
# library exports only cosched_* symbols; a program outside the project (tests/install/)
# builds with `pkg-config --cflags --libs cosched` and with find_package(cosched), plans
# scenarios/demo through the API, and the blocks and order results it reads through the
# getters are exactly the plan.csv and order_schedule.csv the cosched program writes.
source "$(dirname "$0")/lib.sh"
: "${COSCHED_BUILD:?}"
prefix=$TMP/prefix
expect_exit 0 "cmake --install" -- cmake --install "$COSCHED_BUILD" --prefix "$prefix"
pc=$(find "$prefix" -name cosched.pc | head -1)
[[ -n $pc ]] && pass || { fail "no cosched.pc installed"; finish; exit; }
libdir=$(dirname "$(dirname "$pc")")
for f in "$prefix/include/cosched.h" "$libdir/libcosched.a" "$libdir/libcosched.so" \
    "$libdir/cmake/cosched/coschedConfig.cmake" \
    "$libdir/cmake/cosched/coschedConfigVersion.cmake" "$prefix/bin/cosched"; do
    [[ -e $f ]] && pass || fail "not installed: ${f#"$prefix"/}"
done

# Only the public API is exported.
nm -D --defined-only "$libdir/libcosched.so" | awk '{ print $NF }' >"$TMP/exports"
grep -qx cosched_solve "$TMP/exports" && grep -qx cosched_plan_get_block "$TMP/exports" &&
    pass || fail "cosched_solve or cosched_plan_get_block not exported"
if grep -v '^cosched_' "$TMP/exports" >"$TMP/others"; then
    fail "libcosched.so exports more than cosched_*: $(head -5 "$TMP/others" | tr '\n' ' ')"
else pass; fi
# ... and exactly the functions the installed header declares.
grep -o 'cosched_[a-z_0-9]* *(' "$prefix/include/cosched.h" | sed 's/ *($//' | sort -u \
    >"$TMP/declared"
if diff <(sort -u "$TMP/exports") "$TMP/declared" >"$TMP/diff"; then pass; else
    fail "exported symbols and cosched.h's functions differ"; head -10 "$TMP/diff" >&2
fi

# A sanitizer build installs instrumented libraries: the program needs the same runtime.
san=()
if nm -D "$libdir/libcosched.so" | grep -q ' __asan_init'; then
    san=(-fsanitize=address,undefined)
fi

opts=(3 30 60) # seed, iteration limit, time limit: a deterministic plan
expect_exit 0 "the cosched program plans demo" -- "$COSCHED" plan "$COSCHED_SRC/scenarios/demo" \
    --out "$TMP/cli" --seed "${opts[0]}" --iteration-limit "${opts[1]}" \
    --time-limit "${opts[2]}" --quiet
cut -d, -f1-6 "$TMP/cli/order_schedule.csv" >"$TMP/cli/orders6.csv"

compare_run() { # NAME PROGRAM
    local name=$1 prog=$2
    expect_exit 0 "$name: plans demo through the API" -- ${COSCHED_WRAPPER:-} "$prog" \
        "$COSCHED_SRC/scenarios/demo" "$TMP/$name-blocks.csv" "$TMP/$name-orders.csv" \
        "${opts[@]}" || return
    expect_grep '^feasible|^optimal' "$TMP/stdout" "$name: outcome"
    if diff "$TMP/cli/plan.csv" "$TMP/$name-blocks.csv" >"$TMP/diff"; then pass; else
        fail "$name: the blocks read differ from plan.csv"; head -10 "$TMP/diff" >&2
    fi
    if diff "$TMP/cli/orders6.csv" "$TMP/$name-orders.csv" >"$TMP/diff"; then pass; else
        fail "$name: the order results read differ from order_schedule.csv"
        head -10 "$TMP/diff" >&2
    fi
}

# pkg-config: links the shared library.
export PKG_CONFIG_PATH=$libdir/pkgconfig
read -r -a flags <<<"$(pkg-config --cflags --libs cosched)"
expect_exit 0 "pkg-config --cflags --libs cosched" -- pkg-config --cflags --libs cosched
expect_exit 0 "build with pkg-config" -- cc -std=c11 -Wall -Wextra -Werror "${san[@]}" \
    -o "$TMP/plan_blocks" "$COSCHED_SRC/tests/install/plan_blocks.c" "${flags[@]}"
LD_LIBRARY_PATH=$libdir ldd "$TMP/plan_blocks" >"$TMP/ldd"
expect_grep "libcosched\\.so\\.0 => $libdir/" "$TMP/ldd" "pkg-config build uses the shared library"
LD_LIBRARY_PATH=$libdir compare_run pkgconfig "$TMP/plan_blocks"

# The CMake package: one program with the static library, one with the shared one (found
# through the run path CMake sets).
if expect_exit 0 "configure with find_package(cosched)" -- cmake -S "$COSCHED_SRC/tests/install" \
    -B "$TMP/ext" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="${san[*]}"; then
    expect_exit 0 "build with the CMake package" -- cmake --build "$TMP/ext"
    ldd "$TMP/ext/plan_blocks" >"$TMP/ldd"
    grep -q libcosched "$TMP/ldd" && fail "the static build needs libcosched.so" || pass
    compare_run cmake "$TMP/ext/plan_blocks"
    ldd "$TMP/ext/plan_blocks_shared" >"$TMP/ldd"
    expect_grep "libcosched\\.so\\.0 => $libdir/" "$TMP/ldd" "CMake build uses the shared library"
    compare_run cmake-shared "$TMP/ext/plan_blocks_shared"
fi
finish
