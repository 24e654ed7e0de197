# dispatch.csv and dispatch.html: written with every plan; every plan.csv block is exactly
# one dispatch row; shifts never span a downtime window or midnight; one HTML section per
# line, and printed (headless Chromium, when installed) a page per line with every order.
source "$(dirname "$0")/lib.sh"
sc="$COSCHED_SRC/scenarios/demo"
expect_exit 0 "plan demo" -- "$COSCHED" plan "$sc" --out "$TMP/p" --iteration-limit 2000 \
    --time-limit 20 --quiet
expect_exit 0 "check" -- "$COSCHED" check "$sc" "$TMP/p"
d="$TMP/p/dispatch.csv"
h="$TMP/p/dispatch.html"
[[ -s "$d" && -s "$h" ]] && pass || fail "dispatch files missing"
[[ $(head -1 "$d") == "line_id,shift,shift_start,shift_end,step,seq,kind,start,end,minutes,order_id,product_id,quantity,from_product_id,to_product_id,due,note" ]] &&
    pass || fail "dispatch.csv header: $(head -1 "$d")"

# Every block once: the key line,seq,kind,start,end,minutes,order of plan.csv rows against
# the same fields of dispatch.csv rows (no field of the demo holds a comma).
awk -F, 'NR > 1 { print $1, $2, $3, $8, $9, $10, $4 }' "$TMP/p/plan.csv" | sort >"$TMP/plan.keys"
awk -F, 'NR > 1 { print $1, $6, $7, $8, $9, $10, $11 }' "$d" | sort >"$TMP/disp.keys"
[[ -s "$TMP/plan.keys" ]] && pass || fail "plan.csv has no blocks"
diff "$TMP/plan.keys" "$TMP/disp.keys" >"$TMP/diff" && pass ||
    fail "dispatch.csv rows differ from plan.csv blocks: $(head -5 "$TMP/diff")"
[[ -z "$(uniq -d "$TMP/disp.keys")" ]] && pass || fail "a block appears twice in dispatch.csv"

# Shifts: each row starts inside its shift; a shift is at most a day and ends at midnight or
# at a downtime start of its line (calendar.csv, '*' for all lines); shifts are numbered
# 1, 2, ... per line and steps 1, 2, ... per shift.
awk -F, -v cal="$sc/calendar.csv" '
    BEGIN { while ((getline l < cal) > 0) { split(l, f, ","); down[f[1] "," f[2]] = 1 } }
    NR == 1 { next }
    {
        if ($8 < $3 || $8 >= $4) { print "row " NR ": start " $8 " outside " $3 "-" $4; bad++ }
        if (substr($4, 12) != "00:00" && !down[$1 "," $4] && !down["*," $4]) {
            print "row " NR ": shift end " $4 " is neither midnight nor a downtime"; bad++ }
        if (substr($3, 1, 10) != substr($4, 1, 10) && substr($4, 12) != "00:00") {
            print "row " NR ": shift " $3 "-" $4 " longer than a day"; bad++ }
        if ($1 != line) { line = $1; shift = 0 }
        if ($2 != shift) {
            if ($2 != shift + 1) { print "row " NR ": shift " $2 " after " shift; bad++ }
            shift = $2; step = 0
        }
        if ($5 != ++step) { print "row " NR ": step " $5 ", expected " step; bad++ }
    }
    END { exit bad > 0 }' "$d" >"$TMP/shifts" && pass || fail "shifts: $(head -5 "$TMP/shifts")"
# LIP2 is down every night: its blocks that run over a night say they pause.
paused=$(awk -F, '$1 == "LIP2" && NR > 1 && substr($8, 1, 10) != substr($9, 1, 10)' "$d" | wc -l)
noted=$(awk -F, '$1 == "LIP2" && NR > 1 && substr($8, 1, 10) != substr($9, 1, 10) && /paused for downtime/' "$d" | wc -l)
[[ $paused -gt 0 && $paused -eq $noted ]] && pass || fail "$paused LIP2 blocks run over a night, $noted say they pause"

# HTML: one section per line of lines.csv, one row per block
n_lines=$(($(grep -c . "$sc/lines.csv") - 1))
[[ $(grep -o '<section class="line"' "$h" | wc -l) -eq $n_lines ]] && pass ||
    fail "dispatch.html has $(grep -o '<section class="line"' "$h" | wc -l) sections for $n_lines lines"
rows=$(($(wc -l <"$TMP/p/plan.csv") - 1))
[[ $(grep -o 'data-block="' "$h" | wc -l) -eq $rows ]] && pass || fail "dispatch.html rows != $rows"
if grep -qiE '<link|<img|<script|src=|url\(' "$h"; then fail "dispatch.html is not self-contained"
else pass; fi

# A scenario without downtime is listed by day.
expect_exit 0 "plan hand2x5" -- "$COSCHED" plan "$COSCHED_SRC/tests/data/hand2x5" \
    --out "$TMP/h" --time-limit 5 --quiet
awk -F, 'NR > 1 && substr($4, 12) != "00:00" { bad++ } END { exit bad > 0 }' "$TMP/h/dispatch.csv" &&
    pass || fail "hand2x5: a shift does not end at midnight"

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [[ -z "$browser" ]] || ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
    echo "SKIP: no Chromium or poppler-utils (tools/setup --test installs them); print not tested"
    finish
    exit $?
fi
rm -rf "$TMP/profile"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-extensions --user-data-dir="$TMP/profile" --print-to-pdf="$TMP/dispatch.pdf" \
    "file://$h" >/dev/null 2>"$TMP/print.log"
pages=$(pdfinfo "$TMP/dispatch.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[[ -n "$pages" && $pages -ge $n_lines ]] && pass || fail "dispatch.pdf has '$pages' pages for $n_lines lines"
pdftotext -layout "$TMP/dispatch.pdf" "$TMP/dispatch.txt"
missing=0
for id in $(awk -F, 'NR > 1 && $11 != "" { print $11 }' "$d" | sort -u); do
    grep -q -- "$id" "$TMP/dispatch.txt" || { missing=$((missing + 1)); echo "not printed: $id" >&2; }
done
[[ $missing -eq 0 ]] && pass || fail "$missing orders missing from the printed dispatch lists"
# each line starts a page: the page of the line's heading is one more than the last's
for ((pg = 1; pg <= pages; pg++)); do pdftotext -f $pg -l $pg "$TMP/dispatch.pdf" - | grep -o '^Line [A-Z0-9]*' ; done >"$TMP/heads"
[[ $(wc -l <"$TMP/heads") -eq $n_lines ]] && pass || fail "line headings on pages: $(tr '\n' ' ' <"$TMP/heads")"
first_pages=$(for ((pg = 1; pg <= pages; pg++)); do pdftotext -f $pg -l $pg "$TMP/dispatch.pdf" - | grep -c '^Line '; done | tr '\n' ' ')
[[ "$first_pages" != *2* ]] && pass || fail "two lines share a page: $first_pages"
finish
