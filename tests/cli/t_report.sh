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

# The EDD rule's figures beside the plan's (from summary.json's "edd") and the run record in
# the footer, with the digest's first 12 digits and whether the plan is repeatable.
edd_obj=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["edd"]["objective"])' "$TMP/p/summary.json")
[[ -n "$edd_obj" && "$edd_obj" != "None" ]] && pass || fail "summary.json has no edd figures"
[[ $(grep -o '<tr data-edd-row=' "$r" | wc -l) -eq 5 ]] && pass || fail "EDD card lacks its 5 rows"
edd_late=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["edd"]["late_orders"])' "$TMP/p/summary.json")
grep -qF "<tr data-edd-row=\"late_orders\"><th scope=\"row\">late orders</th><td class=\"num\">$edd_late</td><td class=\"num\">$late</td>" "$r" &&
    pass || fail "EDD card's late orders are not $edd_late against $late"
digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"]["input_sha256"])' "$TMP/p/summary.json")
grep -qF ">${digest:0:12}</code>" "$r" && pass || fail "input digest ${digest:0:12} not in the footer"
repeatable=$(python3 -c 'import json,sys; print(str(json.load(open(sys.argv[1]))["search"]["repeatable"]).lower())' "$TMP/p/summary.json")
grep -qE "data-repeatable=\"$repeatable\">search [a-z ]*: (the same plan on any machine|a re-run may differ)</div>" "$r" &&
    pass || fail "footer does not say repeatable=$repeatable"

# Each product its own shade of its family's hue, light to dark as the changeover matrix
# runs (demo's lipsticks: nude to plum), in the bars, the legend and the table; blocks wide
# enough carry their label (report_check.py checks each against plan.csv).
rc() { python3 "$COSCHED_SRC/tests/cli/report_check.py" "$@" >"$TMP/check.out" 2>&1; }
rc shades "$r" "$TMP/p/plan.csv" && pass || { fail "shades"; cat "$TMP/check.out" >&2; }
grep -qx 'lipstick: LS-NUDE LS-PINK LS-CORAL LS-RED LS-BERRY LS-PLUM' "$TMP/check.out" && pass ||
    fail "lipstick shades not light to dark: $(grep lipstick "$TMP/check.out")"
# Same scenario, same colours.
expect_exit 0 "plan demo again" -- "$COSCHED" plan "$sc" --out "$TMP/p2" --time-limit 2 --quiet
diff <(grep -o 'data-legend-product="[^"]*"><i style="[^"]*"' "$r") \
    <(grep -o 'data-legend-product="[^"]*"><i style="[^"]*"' "$TMP/p2/report.html") >/dev/null &&
    pass || fail "product shades differ between two plans of demo"
# One due marker per order, on the row of the line that finishes it, joined to the end of
# its last block, linked to its table row, late exactly when the row is; most labelled.
rc dues "$r" "$TMP/p/plan.csv" && pass || { fail "due markers"; cat "$TMP/check.out" >&2; }
# Crews: none without limited crews; with cleaning_crews 1 and 2 (plant-ext), every
# changeover and cleaning on a crew row, no crew in two places at once, and each line's
# wait for a crew shown where every crew is busy.
rc crews "$r" "$TMP/p/plan.csv" 0 && pass || { fail "crew rows in demo"; cat "$TMP/check.out" >&2; }
ext="$COSCHED_SRC/scenarios/plant-ext"
expect_exit 0 "plan plant-ext" -- "$COSCHED" plan "$ext" --out "$TMP/ext" --time-limit 2 --quiet
rc crews "$TMP/ext/report.html" "$TMP/ext/plan.csv" 1 && pass ||
    { fail "crew row of plant-ext"; cat "$TMP/check.out" >&2; }
mkdir -p "$TMP/ext2" && cp "$ext"/*.csv "$TMP/ext2/" &&
    printf 'key,value\nbase,%s\ncleaning_crews,2\n' "$COSCHED_SRC/scenarios/demo" >"$TMP/ext2/settings.csv"
expect_exit 0 "plan plant-ext, 2 crews" -- "$COSCHED" plan "$TMP/ext2" --out "$TMP/ext2p" --time-limit 2 --quiet
expect_exit 0 "check plant-ext, 2 crews" -- "$COSCHED" check "$TMP/ext2" "$TMP/ext2p"
rc crews "$TMP/ext2p/report.html" "$TMP/ext2p/plan.csv" 2 && pass ||
    { fail "crew rows with 2 crews"; cat "$TMP/check.out" >&2; }
# The time scale: hour labels carry their level (e: even hours, sh: the shift changes at
# 06, 14 and 22), and the level shown follows the pixels per hour.
bad=$(grep -o '<text class="hour hr[^"]*"[^>]*>[0-9]*:00' "$r" | awk '{
    h = $0; sub(/.*>/, "", h); h = h + 0; sh = (h == 6 || h == 14 || h == 22); e = (h % 2 == 0)
    if ((index($0, " sh\"") > 0) != sh || (index($0, " e") > 0) != e) print }' | head -3)
[[ -z "$bad" ]] && pass || fail "hour labels with the wrong level: $bad"
scale_for() { awk -v p="$1" 'BEGIN { print (p >= 36 ? "hour" : p >= 18 ? "h2" : p * 8 >= 36 ? "shift" : "day") }'; }
pph=$(grep -o 'data-px-per-hour="[0-9.]*"' "$r" | grep -o '[0-9.]*')
grep -q "data-scale=\"$(scale_for "$pph")\"" "$r" && pass || fail "scale at 100% is not $(scale_for "$pph")"

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
# Zooming changes the time scale (#zoom=N zooms on opening); #order=ID picks out that
# order's blocks, due marker and table row, as hovering does.
for z in 0.2 1 4; do
    render "$r#zoom=$z" "zoom-$z"
    want=$(scale_for "$(awk -v p="$pph" -v z="$z" 'BEGIN { print p * z }')")
    grep -o '<svg[^>]*>' "$TMP/zoom-$z.dom" | grep -q "data-scale=\"$want\"" && pass ||
        fail "zoom $z: scale is not $want"
done
[[ $(scale_for "$(awk -v p="$pph" 'BEGIN { print p * 0.2 }')") != $(scale_for "$(awk -v p="$pph" 'BEGIN { print p * 4 }')") ]] &&
    pass || fail "zoom 0.2 and 4 show the same scale"
lo=$(sed -n '/"late": \[/,/\]/p' "$TMP/p/summary.json" | grep -o '"ORD-[^"]*"' | tr -d '"' | head -1)
lo=${lo:-$(awk -F, 'NR == 2 { print $4 }' "$TMP/p/plan.csv")}
render "$r#order=$lo" lit
rc lit "$TMP/lit.dom" "$lo" && pass || { fail "#order=$lo"; cat "$TMP/check.out" >&2; }

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
    grep -qiF "EDDrulevsthisplan" "$TMP/report.txt" && pass || fail "EDD card not printed"
    grep -qE "searchcomplete|searchstoppedby|searchinterrupted" "$TMP/report.txt" && pass ||
        fail "run record not printed"
    # changeovers from and to are printed as text
    # (a row cut by a page break reads out of order: any changeover read whole will do)
    found=""
    while read -r co; do
        grep -qF -- "changeover$co" "$TMP/report.txt" && { found=$co; break; }
    done < <(awk -F, '$3 == "changeover" { print $6 "" $5 }' "$TMP/p/plan.csv")
    [[ -n "$found" ]] && pass || fail "no changeover printed with its from and to as text"
    # The printed time scale is the level for the page width (data-print-scale): the hour
    # labels of the printed axis (on the page with the chart's first date) only at the
    # levels it shows.
    first_day=$(grep -o '<text class="date"[^>]*>[^<]*' "$r" | sed 's/.*>//' | head -1)
    page=$(for i in $(seq 1 "$pages"); do
        pdftotext -f "$i" -l "$i" "$art/report-demo.pdf" - | grep -qF -- "$first_day" && { echo "$i"; break; }
    done)
    pdftotext -bbox -f "${page:-1}" -l "${page:-1}" "$art/report-demo.pdf" "$TMP/chart.bbox" 2>/dev/null
    hours=$(python3 "$COSCHED_SRC/tests/cli/report_check.py" hours "$TMP/chart.bbox")
    ps=$(grep -o 'data-print-scale="[a-z0-9]*"' "$r" | grep -o '"[a-z0-9]*"' | tr -d '"')
    case $ps in
        shift) [[ -n "$hours" && -z "$(tr ' ' '\n' <<<"$hours" | grep -vxE '06:00|14:00|22:00')" ]] ;;
        h2) [[ -n "$hours" && -z "$(tr ' ' '\n' <<<"$hours" | grep -E '^[0-9][13579]:00$')" ]] ;;
        hour) [[ $(wc -w <<<"$hours") -ge 12 ]] ;;
        day) [[ -z "$hours" ]] ;;
        *) false ;;
    esac && pass || fail "print scale '$ps' but the printed axis has: $hours"
    # Due labels are printed on the chart's page.
    pdftotext -f "${page:-1}" -l "${page:-1}" "$art/report-demo.pdf" - | tr -d ' \n' >"$TMP/chart.txt"
    n_due=0
    while read -r id; do
        n_due=$((n_due + 1))
        grep -qF -- "$id" "$TMP/chart.txt" || fail "due label $id not on the printed chart"
    done < <(grep -o '<text class="duel"[^>]*>[^<]*' "$r" | sed 's/.*>//')
    [[ $n_due -ge 1 ]] && pass || fail "no due labels to print"
    # The crew row is printed.
    rm -rf "$TMP/profile"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --user-data-dir="$TMP/profile" --print-to-pdf="$art/report-ext.pdf" \
        "file://$TMP/ext/report.html" >/dev/null 2>"$TMP/print-ext.log"
    pdftotext "$art/report-ext.pdf" - | grep -q '^Crew 1' && pass || fail "crew row not printed"
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
