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
# KPIs: the earliest-due-date rule's figures beside the plan's, with the difference; the run
# record and how the search ended, each a row of its own (read back with Python's zipfile)
cat >"$TMP/kpis.py" <<'PY'
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = [re.sub(r'<[^>]+>', '', si) for si in
           re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
rows = {}
for r in re.findall(r'<row [^>]*>(.*?)</row>', z.read('xl/worksheets/sheet3.xml').decode(), re.S):
    cells = {}
    for col, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', r):
        cells[col] = strings[int(v)] if 't="s"' in attrs else (v == '1' if 't="b"' in attrs else float(v))
    rows[cells.get('A')] = cells
s = json.load(open(sys.argv[2]))
bad = []
hdr = rows.get('kpi', {})
if (hdr.get('C'), hdr.get('D')) != ('edd rule', 'difference'):
    bad.append('header %r' % hdr)
for key, plan, edd in [('objective', s['objective'], s['edd']['objective'])] + \
        [(k, s['kpis'][k], s['edd'][k]) for k in ('late_orders', 'weighted_tardiness_minutes',
                                                    'changeover_minutes', 'makespan_minutes')]:
    c = rows.get(key, {})
    if abs(c.get('B', 1e300) - plan) > 1e-6 or abs(c.get('C', 1e300) - edd) > 1e-6 or \
            abs(c.get('D', 1e300) - (plan - edd)) > 1e-6:
        bad.append('%s: %r, expected %r %r %r' % (key, c, plan, edd, plan - edd))
want = {'run input_sha256': s['run']['input_sha256'], 'run started_at': s['run']['started_at'],
        'run options seed': s['run']['options']['seed'],
        'run options work_limit': s['run']['options']['work_limit'],
        'search stopped_by': s['search']['stopped_by'],
        'search repeatable': s['search']['repeatable'],
        'search work_units': s['search']['work_units']}
for k, v in want.items():
    got = rows.get(k, {}).get('B')
    if got != v and not (isinstance(v, float) and isinstance(got, float) and abs(got - v) < 1e-9):
        bad.append('%s: %r, expected %r' % (k, got, v))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
python3 "$TMP/kpis.py" "$TMP/plan.xlsx" "$TMP/p/summary.json" >"$TMP/kpis.out" && pass ||
    fail "KPIs sheet: $(cat "$TMP/kpis.out")"
# each line's sheet holds that line's rows only
n1=$(awk -F, 'NR > 1 && $1 == "LIP1"' "$TMP/p/plan.csv" | wc -l)
rows=$(x xl/worksheets/sheet4.xml | grep -o '<row ' | wc -l)
[[ $rows -eq $((n1 + 1)) ]] && pass || fail "Line LIP1 sheet has $rows rows for $n1 blocks"

expect_exit 66 "missing plan" -- "$ex" "$TMP/nowhere" "$TMP/x.xlsx"
touch "$TMP/file"
expect_exit 73 "unwritable output" -- "$ex" "$TMP/p" "$TMP/file/x.xlsx"
expect_exit 64 "usage" -- "$ex" "$TMP/p"
finish
