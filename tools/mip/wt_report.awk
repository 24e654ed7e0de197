# wt_report.awk -- the Cicirello group of tools/bench's results.csv against the proven optima
# (run with awk -F, -v table=FILE). Prints a summary per solver and writes the per-instance
# table (optimum, each solver's objective and deviation, cosched's time to the optimum) to FILE.
# The deviation is 100 (objective - optimum) / optimum; on the 22 instances whose optimum is 0
# it is undefined, so they count only as hits or misses.
function fmt(x, d) { return x == "" ? "-" : sprintf("%." d "f", x) }
NR == 1 { next }
$1 != "wt" { next }
{
    i = $2; s = $3
    if (!(s in sseen)) { sseen[s] = 1; solver[++ns] = s }
    if (!(i in iseen)) { iseen[i] = 1; inst[++ni] = i }
    if ($7 != "") ref[i] = $7
    obj[i, s] = $5
    if (s == "cosched") tto[i] = $14
}
END {
    print "## Cicirello against the proven optima"
    print ""
    print "| solver | instances | at the optimum | optimum 0 missed | mean deviation % (optimum > 0) | max deviation % | cosched: mean / max s to the optimum (hits) |"
    print "|---|---:|---:|---:|---:|---:|---:|"
    for (j = 1; j <= ns; j++) {
        s = solver[j]; n = hit = zmiss = nd = sd = md = nt = st = mt = 0
        for (k = 1; k <= ni; k++) {
            i = inst[k]
            if (!(i in ref) || obj[i, s] == "") continue
            n++
            if (obj[i, s] + 0 <= ref[i] + 1e-6) hit++
            else if (ref[i] + 0 == 0) zmiss++
            if (ref[i] + 0 > 0) {
                d = 100 * (obj[i, s] - ref[i]) / ref[i]
                nd++; sd += d; if (d > md) md = d
            }
            if (s == "cosched" && tto[i] != "") { nt++; st += tto[i]; if (tto[i] + 0 > mt) mt = tto[i] + 0 }
        }
        printf "| %s | %d | %d | %d | %s | %s | %s |\n", s, n, hit, zmiss,
            nd ? fmt(sd / nd, 3) : "-", nd ? fmt(md, 2) : "-",
            s == "cosched" && nt ? fmt(st / nt, 2) " / " fmt(mt, 2) : "-"
    }
    if (table == "") exit
    hdr = "| instance | optimum |"; sep = "|---|---:|"
    for (j = 1; j <= ns; j++) { hdr = hdr " " solver[j] " | dev % |"; sep = sep "---:|---:|" }
    print hdr " cosched s to the optimum |" >table
    print sep "---:|" >table
    for (k = 1; k <= ni; k++) {
        i = inst[k]; line = "| " i " | " (i in ref ? ref[i] : "-") " |"
        for (j = 1; j <= ns; j++) {
            o = obj[i, solver[j]]; d = "-"
            if (o != "" && (i in ref) && ref[i] + 0 > 0) d = fmt(100 * (o - ref[i]) / ref[i], 2)
            else if (o != "" && (i in ref)) d = o + 0 <= 1e-6 ? "0.00" : "(opt 0)"
            line = line " " (o == "" ? "-" : o) " | " d " |"
        }
        print line " " (tto[i] == "" ? "-" : tto[i]) " |" >table
    }
    print ""
    n = split(table, part, "/")
    print "Per-instance table: `" part[n] "` next to this report."
}
