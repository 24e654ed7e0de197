# bound_report.awk -- the proven bounds and gaps of tools/bench's results.csv, per group and
# solver (run with awk -F,): how far each plan is at most from the best possible one.
# gap = (objective - bound) / max(|objective|, 1e-9), as cosched reports it; runs without a
# plan or without a bound count in "runs" only.
function fmt(x, d) { return x == "" ? "-" : sprintf("%." d "f", x) }
NR == 1 { next }
$1 != "scale" {
    k = $1 SUBSEP $3
    if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    runs[k]++
    if ($5 == "" || $6 == "") next
    o = $5 + 0; b = $6 + 0
    d = o < 0 ? -o : o
    gap = (o - b) / (d > 1e-9 ? d : 1e-9)
    if (gap < 0) gap = 0
    nb[k]++; sb[k] += b; sg[k] += gap
    if (!(k in mg) || gap > mg[k]) mg[k] = gap
}
END {
    print "## Bounds and gaps"
    print ""
    print "| group | solver | runs | with bound | mean bound | mean gap % | max gap % |"
    print "|---|---|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
        k = order[i]; split(k, a, SUBSEP)
        if (a[2] == "edd") continue
        printf "| %s | %s | %d | %d | %s | %s | %s |\n", a[1], a[2], runs[k], nb[k] + 0,
            nb[k] ? fmt(sb[k] / nb[k], 1) : "-", nb[k] ? fmt(100 * sg[k] / nb[k], 1) : "-",
            nb[k] ? fmt(100 * mg[k], 1) : "-"
    }
}
