# report.html: written with every plan, self-contained, and rendered by a real browser
# (headless Chromium) with one element per plan.csv row. Screenshots are kept in
# $COSCHED_BUILD/artifacts/. Without Chromium the browser part is skipped, not failed.
source "$(dirname "$0")/lib.sh"
sc="$COSCHED_SRC/scenarios/demo"
art="${COSCHED_BUILD:-$TMP}/artifacts"
mkdir -p "$art"

expect_exit 0 "plan demo" -- "$COSCHED" plan "$sc" --out "$TMP/p" --time-limit 2 --quiet
r="$TMP/p/report.html"
[[ -s "$r" ]] && pass || fail "report.html missing"
rows=$(($(wc -l <"$TMP/p/plan.csv") - 1))
n=$(grep -o 'data-block="' "$r" | wc -l)
[[ $n -eq $rows ]] && pass || fail "report.html has $n blocks for $rows plan rows"
# Self-contained: nothing to fetch (the SVG namespace URI is a name, not a request).
if grep -qiE '<link|<img|<iframe|@import|src=|url\((https?:)?//|@font-face' "$r"; then
    fail "report.html refers to something outside itself"
else pass; fi
[[ $(grep -oE 'https?://[^" ]*' "$r" | sort -u) == "http://www.w3.org/2000/svg" ]] && pass ||
    fail "report.html names an URL other than the SVG namespace"
# Every late order of summary.json is flagged and explained, in the table and the chart.
late=$(sed -n 's/^ *"late_orders": \([0-9][0-9]*\),.*/\1/p' "$TMP/p/summary.json" | head -1)
[[ $(grep -c '<tr class="late"' "$r") -eq $late ]] && pass || fail "late rows != $late"
for id in $(sed -n '/"late": \[/,/\]/p' "$TMP/p/summary.json" | grep -o '"ORD-[^"]*"' | tr -d '"'); do
    grep -q "class=\"blk production late\" data-block=\"production\" data-line=\"[^\"]*\" data-seq=\"[0-9]*\" data-order=\"$id\"" "$r" &&
        pass || fail "block of late order $id not flagged"
    reason=$(grep "^$id," "$TMP/p/order_schedule.csv" |
        awk -F'"' 'NF > 1 { print $2; next } { split($0, f, ","); print f[7] }' | cut -c1-50)
    [[ -n "$reason" ]] && pass || fail "order_schedule.csv gives no reason for $id"
    grep -qF "$reason" "$r" && pass || fail "reason of $id not in the report"
done

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [[ -z "$browser" ]]; then
    echo "SKIP: no Chromium (tools/setup --test installs it); browser checks not run"
    finish
    exit $?
fi

# render FILE NAME -- dump the DOM to $TMP/NAME.dom and a screenshot to $art/NAME.png
render() {
    local flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
                 --disable-component-update --disable-sync --no-first-run --disable-quic
                 --disable-extensions --hide-scrollbars --window-size=1400,1100)
    rm -rf "$TMP/profile"
    timeout 120 "$browser" "${flags[@]}" --user-data-dir="$TMP/profile" --dump-dom \
        "file://$1" >"$TMP/$2.dom" 2>"$TMP/$2.log"
    rm -rf "$TMP/profile"
    timeout 120 "$browser" "${flags[@]}" --user-data-dir="$TMP/profile" \
        --screenshot="$art/$2.png" "file://$1" >/dev/null 2>>"$TMP/$2.log"
}

render "$r" report-demo
n=$(grep -o 'data-block="' "$TMP/report-demo.dom" | wc -l)
[[ $n -eq $rows ]] && pass || fail "rendered DOM has $n blocks for $rows plan rows"
[[ $(grep -o '<tr class="late"' "$TMP/report-demo.dom" | wc -l) -eq $late ]] && pass ||
    fail "rendered DOM lost the late rows"
[[ -s "$art/report-demo.png" ]] && pass || fail "no screenshot"

# Printed (A4 landscape, print CSS): the chart is fitted to the page width, so every day of
# its axis is on paper (a chart cut at the page edge loses the last days); the order table
# wraps, so every late order's whole reason is printed; nothing is left out.
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
    rm -rf "$TMP/profile"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --user-data-dir="$TMP/profile" --print-to-pdf="$art/report-demo.pdf" \
        "file://$r" >/dev/null 2>"$TMP/print.log"
    pages=$(pdfinfo "$art/report-demo.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    size=$(pdfinfo "$art/report-demo.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p')
    [[ -n "$pages" && $pages -ge 2 && $pages -le 12 ]] && pass || fail "report.pdf has '$pages' pages"
    awk -v s="$size" 'BEGIN { split(s, a, " "); exit !(a[1] > a[2]) }' && pass ||
        fail "report.pdf is not landscape: $size"
    pdftotext "$art/report-demo.pdf" - | tr -d ' \n' >"$TMP/report.txt"
    n_days=0
    while read -r day; do
        n_days=$((n_days + 1))
        grep -qF -- "$(tr -d ' ' <<<"$day")" "$TMP/report.txt" || fail "chart day '$day' not printed"
    done < <(grep -o '<text class="date"[^>]*>[^<]*' "$r" | sed 's/.*>//')
    [[ $n_days -ge 3 ]] && pass || fail "only $n_days day labels in the chart"
    for id in $(awk -F, 'NR > 1 && $4 != "" { print $4 }' "$TMP/p/plan.csv" | sort -u); do
        grep -qF -- "$id" "$TMP/report.txt" || fail "order $id not printed"
    done
    for id in $(sed -n '/"late": \[/,/\]/p' "$TMP/p/summary.json" | grep -o '"ORD-[^"]*"' | tr -d '"'); do
        why=$(grep "^$id," "$TMP/p/order_schedule.csv" | awk -F'"' 'NF > 1 { print $2 }' | tr -d ' ')
        [[ -n "$why" ]] && grep -qF -- "$why" "$TMP/report.txt" && pass ||
            fail "reason of late order $id not printed whole"
    done
    # changeovers from and to are printed as text
    # (a row cut by a page break reads out of order: any changeover read whole will do)
    found=""
    while read -r co; do
        grep -qF -- "changeover$co" "$TMP/report.txt" && { found=$co; break; }
    done < <(awk -F, '$3 == "changeover" { print $6 "" $5 }' "$TMP/p/plan.csv")
    [[ -n "$found" ]] && pass || fail "no changeover printed with its from and to as text"
else
    echo "SKIP: no poppler-utils (tools/setup --test installs it); printing not tested"
fi

# Readable at scale: 500 orders on 20 lines.
"$COSCHED_BUILD/cs_generate" --orders 500 --lines 20 --seed 3 "$TMP/big" >/dev/null 2>&1
expect_exit 0 "plan 500x20" -- "$COSCHED" plan "$TMP/big" --out "$TMP/bp" --time-limit 3 --quiet
rows=$(($(wc -l <"$TMP/bp/plan.csv") - 1))
render "$TMP/bp/report.html" report-500x20
n=$(grep -o 'data-block="' "$TMP/report-500x20.dom" | wc -l)
[[ $n -eq $rows && $rows -ge 500 ]] && pass || fail "500x20: $n blocks rendered for $rows rows"
[[ $(grep -o '<tr data-order=\|<tr class="late" data-order=' "$TMP/report-500x20.dom" | wc -l) -eq 500 ]] &&
    pass || fail "500x20: order table does not hold 500 rows"
[[ -s "$art/report-500x20.png" ]] && pass || fail "no screenshot of 500x20"
echo "screenshots: $art/report-demo.png $art/report-500x20.png"
finish
