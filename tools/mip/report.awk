# report.awk -- Markdown tables from tools/bench's results.csv (run with awk -F,).
# Columns: group,instance,solver,status,objective,bound,ref,rpd,wall_s,solve_s,
#          first_feasible_s,peak_rss_kb,valid
function fmt(x, d) { return x == "" ? "-" : sprintf("%." d "f", x) }
NR == 1 { next }
{
    g = $1; s = $3; k = g SUBSEP s
    if (g == "scale") next
    if (!(g in gseen)) { gseen[g] = 1; gorder[++ng] = g }
    if (!(k in seen)) { seen[k] = 1; sorder[g, ++ns[g]] = s }
    runs[k]++
    if ($5 != "") { plans[k]++; obj[g, $2, s] = $5 }
    if ($4 == "optimal") opt[k]++
    if ($8 != "") {
        nr[k]++; sr[k] += $8
        if (!(k in mr) || $8 + 0 > mr[k]) mr[k] = $8 + 0
        if ($8 + 0 <= 1e-9) atref[k]++
    }
    sw[k] += $9; if ($9 + 0 > mw[k]) mw[k] = $9 + 0
    if ($12 != "") { nm[k]++; sm[k] += $12; if ($12 + 0 > mm[k]) mm[k] = $12 + 0 }
    if ($13 != "") checked[k]++
    if ($13 == "no") invalid[k]++
    if (!((g, $2) in iseen)) { iseen[g, $2] = 1; ginst[g, ++ni[g]] = $2 }
}
END {
    print "## Per group and solver"
    print ""
    print "| group | solver | runs | with plan | proven optimal | at or below BKS | mean RPD % | max RPD % | mean wall s | max wall s | mean / max peak RSS MB | invalid of checked plans |"
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= ng; i++) {
        g = gorder[i]
        for (j = 1; j <= ns[g]; j++) {
            s = sorder[g, j]; k = g SUBSEP s
            printf "| %s | %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n",
                g, s, runs[k], plans[k], opt[k], nr[k] ? atref[k] + 0 : "-",
                nr[k] ? fmt(sr[k] / nr[k], 2) : "-", nr[k] ? fmt(mr[k], 2) : "-",
                fmt(sw[k] / runs[k], 2), fmt(mw[k], 2),
                nm[k] ? fmt(sm[k] / nm[k] / 1024, 1) " / " fmt(mm[k] / 1024, 1) : "-",
                checked[k] ? invalid[k] + 0 " of " checked[k] : "-"
        }
    }
    print ""
    print "## cosched against each other solver"
    print ""
    print "Over the instances where both have a plan: how often cosched's objective is lower, equal"
    print "or higher, and the ratio of the objective sums (cosched / other; below 1: cosched better)."
    print ""
    print "| group | other | both have a plan | cosched better | equal | cosched worse | sum ratio |"
    print "|---|---|---:|---:|---:|---:|---:|"
    for (i = 1; i <= ng; i++) {
        g = gorder[i]
        for (j = 1; j <= ns[g]; j++) {
            s = sorder[g, j]
            if (s == "cosched") continue
            both = better = equal = worse = 0; sa = sb = 0
            for (n = 1; n <= ni[g]; n++) {
                a = obj[g, ginst[g, n], "cosched"]; b = obj[g, ginst[g, n], s]
                if (a == "" || b == "") continue
                both++; sa += a; sb += b
                if (a + 1e-6 < b + 0) better++
                else if (a + 0 > b + 1e-6) worse++
                else equal++
            }
            printf("| %s | %s | %d | %d | %d | %d | %s |\n", g, s, both, better, equal, worse,
                (sb > 0 ? fmt(sa / sb, 3) : (both && sa == 0 ? "1.000" : "-")))
        }
    }
}
