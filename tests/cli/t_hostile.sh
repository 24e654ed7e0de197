# Hostile inputs inside the contract's ranges: whatever gets through validation must give a plan
# that `cosched check` accepts, or be refused with exit 65 at FILE:LINE and nothing written.
source "$(dirname "$0")/lib.sh"

# mk DIR [HORIZON] -- a one-line scenario skeleton; the caller writes lines, capabilities and
# orders.
mk() {
    rm -rf "$1"
    mkdir -p "$1"
    printf 'key,value\nhorizon_start,%s\n' "${2:-2027-03-01T06:00}" >"$1/settings.csv"
    printf 'line_id,from,to,minutes\n,*,*,20\n' >"$1/changeovers.csv"
    printf 'line_id,name\nL1,a\n' >"$1/lines.csv"
}
# refused WHAT SCENARIO PATTERN -- plan exits 65 with PATTERN on stderr, and the previous
# plan in $TMP/prev is left as it was.
expect_exit 0 "a previous plan" -- "$COSCHED" plan "$COSCHED_SRC/tests/data/hand2x5" \
    --out "$TMP/prev" --time-limit 2 --quiet
cp -r "$TMP/prev" "$TMP/prev.orig"
refused() {
    expect_exit 65 "$1" -- "$COSCHED" plan "$2" --out "$TMP/prev" --time-limit 5 --quiet
    expect_grep "$3" "$TMP/stderr" "$1: message"
    diff -r "$TMP/prev.orig" "$TMP/prev" >/dev/null && pass || fail "$1: previous plan touched"
}

# A max_batch so small that the order would need billions of blocks: an input error at the
# order's line, found at once (it used to drop the order, or eat gigabytes).
s="$TMP/tiny-batch"
mk "$s"
printf 'line_id,product_id,units_per_hour,max_batch\nL1,A,60,0.000001\n' >"$s/capabilities.csv"
printf 'order_id,product_id,quantity,due\nO1,A,6000,2027-03-02T06:00\n' >"$s/orders.csv"
refused "max_batch 0.000001" "$s" "orders.csv:2: error: column 'quantity': order 'O1' would need about 6000000000 blocks"
sed -i 's/0\.000001/0.0001/' "$s/capabilities.csv"
start=$(date +%s)
refused "max_batch 0.0001" "$s" "orders.csv:2: error: column 'quantity'.*blocks"
(($(date +%s) - start < 30)) && pass || fail "max_batch 0.0001: refused only after $(($(date +%s) - start)) s"
# Just inside the cap: planned, every order present, and the plan checks.
sed -i 's/0\.0001/1/; s/,6000,/,9000,/' "$s/capabilities.csv" "$s/orders.csv"
expect_exit 0 "9,000 batches" -- "$COSCHED" plan "$s" --out "$TMP/p1" --time-limit 5 --quiet
expect_exit 0 "9,000 batches: check" -- "$COSCHED" check "$s" "$TMP/p1"

# Sanitation every minute with 10,000,000-minute cleanings: the times could not be held.
s="$TMP/long-cleaning"
mk "$s"
printf 'line_id,name,max_run_minutes,cleaning_minutes\nL1,a,1,10000000\n' >"$s/lines.csv"
printf 'line_id,product_id,minutes_per_unit\nL1,A,1\n' >"$s/capabilities.csv"
printf 'order_id,product_id,quantity,due\nO1,A,300,2027-03-02T06:00\n' >"$s/orders.csv"
refused "cleanings past the int32 range" "$s" "orders.csv:2: error: column 'quantity': .*could end"

# 216 orders of 9,999,999 minutes each, every one inside the documented range.
s="$TMP/long-orders"
mk "$s"
printf 'line_id,product_id,minutes_per_unit\nL1,A,9999999\n' >"$s/capabilities.csv"
{
    echo 'order_id,product_id,quantity,due'
    for i in $(seq 216); do echo "O$i,A,1,2027-03-02T06:00"; done
} >"$s/orders.csv"
refused "216 orders of 9,999,999 minutes" "$s" "orders.csv:[0-9]+: error: column 'quantity': .*could end"
# 5 of them fit the engine's arithmetic but not a plan file (40,000,000 minutes): refused by
# the writer, nothing written.
sed -i '7,$d' "$s/orders.csv"
refused "a plan of 50,000,000 minutes" "$s" "error: the plan ends at .*nothing written"

# A horizon in the year 9999 whose plan would end in the year 10000.
s="$TMP/year-9999"
mk "$s" 9999-12-31T00:00
printf 'line_id,product_id,minutes_per_unit\nL1,A,1\n' >"$s/capabilities.csv"
printf 'order_id,product_id,quantity,due\nO1,A,2000,9999-12-31T20:00\n' >"$s/orders.csv"
refused "a plan ending in the year 10000" "$s" "error: the plan ends at 10000-01-01T"
sed -i 's/,2000,/,500,/' "$s/orders.csv"
expect_exit 0 "a plan ending in the year 9999" -- "$COSCHED" plan "$s" --out "$TMP/p2" --quiet --time-limit 2
expect_exit 0 "a plan ending in the year 9999: check" -- "$COSCHED" check "$s" "$TMP/p2"

# A split order whose min_split is above a line's max_batch: no block there could honour both.
s="$TMP/min-split"
mk "$s"
printf 'line_id,name\nL1,a\nL2,b\n' >"$s/lines.csv"
printf 'line_id,product_id,units_per_hour,max_batch\nL1,P,60,100\nL2,P,60,400\n' >"$s/capabilities.csv"
printf 'order_id,product_id,quantity,due,split,min_split\nA,P,2000,2027-03-01T10:30,1,500\nB,P,300,2027-03-01T10:30,1,100\n' >"$s/orders.csv"
refused "min_split above max_batch" "$s" "orders.csv:2: error: column 'min_split': order 'A' .*every line that can make .P. cuts it"
expect_exit 65 "min_split above max_batch (validate)" -- "$COSCHED" validate "$s"
# 101 units under max_batch 100 are two batches of 51 and 50, below a min_split of 60.
printf 'order_id,product_id,quantity,due,split,min_split\nA,P,101,2027-03-01T10:30,1,60\n' >"$s/orders.csv"
sed -i 's/^L2,P,60,400$/L2,P,60,100/' "$s/capabilities.csv"
refused "batches below min_split" "$s" "orders.csv:2: error: column 'min_split'.*line 'L1': 50 units"
# With one line that holds it whole, the order goes there and the plan checks.
sed -i 's/^L2,P,60,100$/L2,P,30,/' "$s/capabilities.csv"
expect_exit 0 "one line fits min_split" -- "$COSCHED" plan "$s" --out "$TMP/p4" --quiet --time-limit 2
expect_exit 0 "one line fits min_split: check" -- "$COSCHED" check "$s" "$TMP/p4"
sed -i 's/^L2,P,30,$/L2,P,60,400/' "$s/capabilities.csv"
printf 'order_id,product_id,quantity,due,split,min_split\nA,P,2000,2027-03-01T10:30,1,100\nB,P,300,2027-03-01T10:30,1,100\n' >"$s/orders.csv"
# At max_batch it is planned and checks.
expect_exit 0 "min_split at max_batch" -- "$COSCHED" plan "$s" --out "$TMP/p3" --quiet --time-limit 2
expect_exit 0 "min_split at max_batch: check" -- "$COSCHED" check "$s" "$TMP/p3"
# Inputs that are not regular files could block or never end: refused at once with exit 66.
# A file above the size cap (128 MiB) is refused before it is read (exit 65).
base="$COSCHED_SRC/tests/data/hand2x5"
for kind in fifo zero urandom dir; do
    s="$TMP/in-$kind"
    rm -rf "$s"
    cp -r "$base" "$s"
    rm "$s/orders.csv"
    case $kind in
    fifo) mkfifo "$s/orders.csv" ;;
    zero) ln -s /dev/zero "$s/orders.csv" ;;
    urandom) ln -s /dev/urandom "$s/orders.csv" ;;
    dir) mkdir "$s/orders.csv" ;;
    esac
    start=$(date +%s)
    expect_exit 66 "orders.csv a $kind" -- timeout 60 "$COSCHED" validate "$s"
    expect_grep "orders.csv: error: not a regular file" "$TMP/stderr" "orders.csv a $kind: message"
    (($(date +%s) - start < 30)) && pass || fail "orders.csv a $kind: took $(($(date +%s) - start)) s"
done
s="$TMP/in-huge"
rm -rf "$s"
cp -r "$base" "$s"
truncate -s 200M "$s/calendar.csv"
expect_exit 65 "a 200 MB calendar.csv" -- "$COSCHED" validate "$s"
expect_grep "calendar.csv: error: the file has 209715200 bytes" "$TMP/stderr" "a 200 MB calendar.csv: message"
# The plan directory is input too: check refuses a FIFO plan.csv.
expect_exit 0 "a plan to check" -- "$COSCHED" plan "$base" --out "$TMP/p5" --time-limit 2 --quiet
rm "$TMP/p5/plan.csv"
mkfifo "$TMP/p5/plan.csv"
expect_exit 66 "plan.csv a fifo" -- timeout 60 "$COSCHED" check "$base" "$TMP/p5"
expect_exit 0 "a plan to check" -- "$COSCHED" plan "$base" --out "$TMP/p5" --time-limit 2 --quiet
rm "$TMP/p5/summary.json"
mkfifo "$TMP/p5/summary.json"
expect_exit 66 "summary.json a fifo" -- timeout 60 "$COSCHED" check "$base" "$TMP/p5"
expect_grep "summary.json: error: not a regular file" "$TMP/stderr" "summary.json a fifo: message"
rm "$TMP/p5/summary.json"
# 3,000 products with orders on 20 lines: 180 million changeover pairs, refused at once
# instead of 2 GB and half a minute of loading.
s="$TMP/many-products"
mk "$s"
awk 'BEGIN { print "line_id,name"; for (l = 1; l <= 20; l++) print "L" l ",x" }' >"$s/lines.csv"
awk 'BEGIN { print "line_id,product_id,units_per_hour"
             for (l = 1; l <= 20; l++) for (p = 1; p <= 3000; p++) print "L" l ",P" p ",60" }' \
    >"$s/capabilities.csv"
awk 'BEGIN { print "order_id,product_id,quantity,due"
             for (p = 1; p <= 3000; p++) print "O" p ",P" p ",10,2027-03-09T06:00" }' >"$s/orders.csv"
start=$(date +%s)
expect_exit 65 "180 million changeover pairs" -- "$COSCHED" validate "$s"
expect_grep "changeovers.csv: error: scenario too large: 20 lines x 3000 products" "$TMP/stderr" \
    "180 million changeover pairs: message"
(($(date +%s) - start < 20)) && pass || fail "180 million changeover pairs: took $(($(date +%s) - start)) s"
# An --out folder crowded with other files (more than 1,000) is written in place: linking
# every one of them into a new directory would take longer than a short time limit allows.
expect_exit 0 "a plan in a crowded folder" -- "$COSCHED" plan "$base" --out "$TMP/crowded" --time-limit 1 --quiet
(cd "$TMP/crowded" && seq 3000 | sed 's/^/user-/' | xargs touch)
inode=$(stat -c %i "$TMP/crowded")
expect_exit 0 "a crowded folder" -- "$COSCHED" plan "$base" --out "$TMP/crowded" --time-limit 1 --quiet --seed 4
[[ $(stat -c %i "$TMP/crowded") == "$inode" ]] && pass || fail "a crowded folder was swapped, not written in place"
[[ $(find "$TMP/crowded" -name 'user-*' | wc -l) -eq 3000 ]] && pass || fail "a crowded folder lost files"
expect_exit 0 "a crowded folder: check" -- "$COSCHED" check "$base" "$TMP/crowded"
[[ -z $(find "$TMP" -maxdepth 2 -name '*cosched-[0-9]*') ]] && pass || fail "a crowded folder: staging left"
# Identifiers that tools re-reading the plan would see differently, and a short record.
s="$TMP/ids"
for case in 'quoted spaces|"  O2 "|orders.csv:3: error: column .order_id.' \
            'all spaces|"   "|orders.csv:3: error: column .order_id.' \
            'line separator|O\xe2\x80\xa82|orders.csv:3: error: column .order_id.' \
            'next line|O\xc2\x852|orders.csv:3: error: column .order_id.'; do
    IFS='|' read -r what id pattern <<<"$case"
    rm -rf "$s"
    cp -r "$base" "$s"
    printf "order_id,product_id,quantity,due\nO1,A,10,2027-03-02T06:00\n$id,A,10,2027-03-02T06:00\n" \
        >"$s/orders.csv"
    expect_exit 65 "id with $what" -- "$COSCHED" plan "$s" --out "$TMP/p6" --quiet
    expect_grep "$pattern" "$TMP/stderr" "id with $what: message"
done
printf 'order_id,product_id,quantity,due,weight\nO1,A,10,2027-03-02T06:00,1\nO2,A,10\n' >"$s/orders.csv"
expect_exit 65 "a short record" -- "$COSCHED" validate "$s"
expect_grep "orders.csv:3: error: record has 3 fields, the header has 5" "$TMP/stderr" "a short record: message"
# Due dates that mean "no due date": accepted, never late, and the plan checks.
s="$TMP/far-due"
rm -rf "$s"
cp -r "$base" "$s"
sed -i 's/^o1,A,60,2027-03-01T08:00/o1,A,60,9999-12-31T23:59/; s/^o2,B,60,2027-03-01T07:40/o2,B,60,2099-12-31T00:00/' \
    "$s/orders.csv"
expect_exit 0 "due dates 2099-12-31 and 9999-12-31" -- "$COSCHED" plan "$s" --out "$TMP/p7" --quiet --time-limit 2
expect_exit 0 "due dates 2099-12-31 and 9999-12-31: check" -- "$COSCHED" check "$s" "$TMP/p7"
expect_grep '^o2,L[12],.*,2099-12-31T00:00,0' "$TMP/p7/order_schedule.csv" "due 2099-12-31 kept"
expect_grep '^o1,L[12],.*,0,open,$' "$TMP/p7/order_schedule.csv" "due 9999-12-31 never late"
# Weights and costs that would make the objective infinite: input errors at their rows.
s="$TMP/huge-weights"
rm -rf "$s"
cp -r "$base" "$s"
sed -i '1s/$/,weight/; 2,$s/$/,1e308/' "$s/orders.csv"
sed -i 's/^weight_changeover_cost,0/weight_changeover_cost,1e300/' "$s/settings.csv"
sed -i 's/^,A,B,10,0/,A,B,10,1e308/' "$s/changeovers.csv"
expect_exit 65 "weights of 1e308" -- "$COSCHED" plan "$s" --out "$TMP/p8" --quiet
expect_grep "orders.csv:2: error: column 'weight': expected a number <= 1e\\+12" "$TMP/stderr" "order weight 1e308"
expect_grep "settings.csv:[0-9]+: error: column 'value': expected a number in \\[0, 1e\\+12\\]" "$TMP/stderr" "setting 1e300"
expect_grep "changeovers.csv:2: error: column 'cost'" "$TMP/stderr" "changeover cost 1e308"
expect_exit 65 "weights of 1e308 (validate)" -- "$COSCHED" validate "$s"
# A misspelt column: a warning with the likely column, also in --json and in summary.json
# when --quiet hides stderr.
s="$TMP/typo"
rm -rf "$s"
cp -r "$base" "$s"
sed -i '1s/$/,relese/; 2s/$/,2027-03-01T09:00/; 3,$s/$/,/' "$s/orders.csv"
expect_exit 0 "a misspelt column" -- "$COSCHED" validate "$s"
expect_grep "orders.csv:1: warning: column 'relese': unknown column, ignored; did you mean 'release'\\?" \
    "$TMP/stderr" "a misspelt column: did you mean"
expect_exit 0 "a misspelt column, --quiet --json" -- "$COSCHED" plan "$s" --out "$TMP/p9" --quiet --json
expect_grep "orders.csv:1: column 'relese': unknown column" "$TMP/stdout" "a misspelt column: in the --json result"
expect_grep "orders.csv:1: column 'relese': unknown column" "$TMP/p9/summary.json" "a misspelt column: in summary.json"
expect_grep "column [^ ]*relese" "$TMP/p9/report.html" "a misspelt column: in report.html"
expect_exit 0 "a misspelt column: check" -- "$COSCHED" check "$s" "$TMP/p9"
# A result that cannot be delivered on stdout is no success.
if [[ -w /dev/full ]]; then
    "$COSCHED" validate "$base" --json >/dev/full 2>"$TMP/stderr"
    rc=$?
    [[ $rc -eq 73 ]] && pass || fail "--json >/dev/full: exit $rc, expected 73"
    expect_grep "cannot write to standard output" "$TMP/stderr" "--json >/dev/full: message"
fi
"$COSCHED" validate "$base" --json >&- 2>"$TMP/stderr"
rc=$?
[[ $rc -eq 73 ]] && pass || fail "--json with stdout closed: exit $rc, expected 73"
# --out through a symlink loop names the loop.
ln -s "$TMP/loop-b" "$TMP/loop-a"
ln -s "$TMP/loop-a" "$TMP/loop-b"
expect_exit 73 "--out a symlink loop" -- "$COSCHED" plan "$base" --out "$TMP/loop-a" --quiet
expect_grep "Too many levels of symbolic links" "$TMP/stderr" "--out a symlink loop: message"
# A what-if base that is a file or a symlink loop says what it is, not "is missing".
mkdir -p "$TMP/whatif"
printf 'key,value\nbase,../base-file\n' >"$TMP/whatif/settings.csv"
touch "$TMP/base-file"
expect_exit 66 "a base that is a file" -- "$COSCHED" validate "$TMP/whatif"
expect_grep "settings.csv:2: error: setting 'base': .* is not a directory" "$TMP/stderr" "a base that is a file: message"
printf 'key,value\nbase,%s\n' "$TMP/loop-a" >"$TMP/whatif/settings.csv"
expect_exit 66 "a base in a symlink loop" -- "$COSCHED" validate "$TMP/whatif"
expect_grep "settings.csv:2: error: setting 'base': .* cannot be read: Too many levels of symbolic links" \
    "$TMP/stderr" "a base in a symlink loop: message"
expect_exit 66 "a scenario that is a file" -- "$COSCHED" validate "$TMP/base-file"
expect_grep "is a file, not a scenario directory" "$TMP/stderr" "a scenario that is a file: message"
# time_limit_s in settings.csv takes what --time-limit takes: 0 (the first heuristic's plan)
# up to a week.
s="$TMP/time-limit"
rm -rf "$s"
cp -r "$base" "$s"
sed -i 's/^time_limit_s,.*/time_limit_s,0/' "$s/settings.csv"
expect_exit 0 "time_limit_s 0" -- "$COSCHED" plan "$s" --out "$TMP/p10" --quiet
expect_exit 0 "time_limit_s 0: check" -- "$COSCHED" check "$s" "$TMP/p10"
sed -i 's/^time_limit_s,.*/time_limit_s,1e300/' "$s/settings.csv"
expect_exit 65 "time_limit_s 1e300" -- "$COSCHED" validate "$s"
expect_exit 64 "--time-limit 1e300" -- "$COSCHED" plan "$base" --out "$TMP/p10" --time-limit 1e300
# A horizon_start with seconds: nothing is scheduled before it (it rounds up to the minute).
sed -i 's/^time_limit_s,.*/time_limit_s,2/; s/^horizon_start,.*/horizon_start,2027-03-01T06:00:30/' "$s/settings.csv"
expect_exit 0 "horizon_start with seconds" -- "$COSCHED" plan "$s" --out "$TMP/p11" --quiet
[[ -z $(grep -E ',2027-03-01T06:00,' "$TMP/p11/plan.csv") ]] && pass ||
    fail "horizon_start with seconds: a block starts before it"
expect_exit 0 "horizon_start with seconds: check" -- "$COSCHED" check "$s" "$TMP/p11"
# A sanitation interval shorter than one unit would cut every unit into fractions.
s="$TMP/short-interval"
mk "$s"
printf 'line_id,name,max_run_minutes,cleaning_minutes\nL1,a,1,10\n' >"$s/lines.csv"
printf 'line_id,product_id,minutes_per_unit\nL1,A,5\n' >"$s/capabilities.csv"
printf 'order_id,product_id,quantity,due\nO1,A,3,2027-03-02T06:00\n' >"$s/orders.csv"
refused "an interval shorter than a unit" "$s" "lines.csv:2: error: column 'max_run_minutes': line 'L1' needs 5 minutes for one unit"
# A split order whose min_split fits no line's sanitation interval (60 units here): no plan
# could keep it, so it is an input error rather than a plan with a short part.
s="$TMP/min-split-interval"
rm -rf "$s"
cp -r "$COSCHED_SRC/tests/data/ext_min_split" "$s"
printf 'line_id,product_id,units_per_hour\nM1,P,60\n' >"$s/capabilities.csv"
refused "min_split beyond every interval" "$s" "orders.csv:2: error: column 'min_split'.*sanitation interval \\(line 'M1': 50 units\\)"
# With a line that holds it (the test data's M2), it plans and checks.
expect_exit 0 "min_split held by one line" -- "$COSCHED" plan "$COSCHED_SRC/tests/data/ext_min_split" --out "$TMP/p12" --quiet --time-limit 2
expect_exit 0 "min_split held by one line: check" -- "$COSCHED" check "$COSCHED_SRC/tests/data/ext_min_split" "$TMP/p12"
finish
