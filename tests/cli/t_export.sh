# cs_export: a plan directory as an Excel workbook (libxlsxwriter), read back from the .xlsx
# (a zip of XML): sheets Plan, Orders, KPIs and one per line; every plan row, real Excel
# dates, every order; clear exit codes for a missing plan and an unwritable output.
# Skips where cs_export was not built (no libxlsxwriter-dev) or unzip is missing.
source "$(dirname "$0")/lib.sh"
ex="$COSCHED_BUILD/cs_export"
if [[ ! -x "$ex" ]] || ! command -v unzip >/dev/null; then
    echo "SKIP: cs_export not built (libxlsxwriter-dev missing) or no unzip"
    exit 0
fi
sc="$COSCHED_SRC/scenarios/demo"
expect_exit 0 "plan demo" -- "$COSCHED" plan "$sc" --out "$TMP/p" --time-limit 3 --quiet
expect_exit 0 "export" -- "$ex" "$TMP/p" "$TMP/plan.xlsx"
[[ -s "$TMP/plan.xlsx" ]] && pass || fail "plan.xlsx missing"
[[ -z "$(ls "$TMP" | grep 'plan.xlsx.tmp')" ]] && pass || fail "temporary file left"
x() { unzip -p "$TMP/plan.xlsx" "$1"; }
sheets=$(x xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' | tr '\n' ',')
lines=$(awk -F, 'NR > 1 && !seen[$1]++ { printf "Line %s,", $1 }' "$TMP/p/plan.csv")
[[ "$sheets" == "Plan,Orders,KPIs,$lines" ]] && pass || fail "sheets '$sheets', expected Plan,Orders,KPIs,$lines"

# Plan: a header row and one row per plan.csv row; the first block's start as an Excel date
# (days since 1899-12-30, a style with a date format)
rows=$(x xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
[[ $rows -eq $(wc -l <"$TMP/p/plan.csv") ]] && pass || fail "Plan sheet has $rows rows"
start=$(awk -F, 'NR == 2 { print $8 }' "$TMP/p/plan.csv")
serial=$(awk -v s="$(date -u -d "${start/T/ } UTC" +%s)" 'BEGIN { printf "%.10g", s / 86400 + 25569 }')
cell=$(x xl/worksheets/sheet1.xml | grep -o '<c r="H2"[^/]*</v>')
[[ "$cell" =~ s=\"[0-9]+\"\>\<v\>([0-9.]+)\</v\> ]] && v=${BASH_REMATCH[1]} || v=""
awk -v a="$v" -v b="$serial" 'BEGIN { exit !(a != "" && a - b < 1e-6 && b - a < 1e-6) }' && pass ||
    fail "start $start written as '$cell', expected the date serial $serial"
x xl/styles.xml | grep -q 'formatCode="yyyy-mm-dd hh:mm"' && pass || fail "no date format"
# every order and line id is in the workbook's strings; the Orders sheet has every order
x xl/sharedStrings.xml >"$TMP/strings.xml"
for id in $(awk -F, 'NR > 1 { print $1 }' "$TMP/p/order_schedule.csv"); do
    grep -qF ">$id<" "$TMP/strings.xml" || fail "order $id not in the workbook"
done
rows=$(x xl/worksheets/sheet2.xml | grep -o '<row ' | wc -l)
[[ $rows -eq $(wc -l <"$TMP/p/order_schedule.csv") ]] && pass || fail "Orders sheet has $rows rows"
# KPIs: the objective of summary.json as a number
obj=$(json_field "$TMP/p/summary.json" objective)
x xl/worksheets/sheet3.xml | grep -qE "<v>${obj%.0}(\\.0*)?</v>" && pass || fail "objective $obj not in KPIs"
# each line's sheet holds that line's rows only
n1=$(awk -F, 'NR > 1 && $1 == "LIP1"' "$TMP/p/plan.csv" | wc -l)
rows=$(x xl/worksheets/sheet4.xml | grep -o '<row ' | wc -l)
[[ $rows -eq $((n1 + 1)) ]] && pass || fail "Line LIP1 sheet has $rows rows for $n1 blocks"

expect_exit 66 "missing plan" -- "$ex" "$TMP/nowhere" "$TMP/x.xlsx"
touch "$TMP/file"
expect_exit 73 "unwritable output" -- "$ex" "$TMP/p" "$TMP/file/x.xlsx"
expect_exit 64 "usage" -- "$ex" "$TMP/p"
finish
