# mes_night.awk -- what an MES reports after a night of production, for the nightly-loop test:
# the orders of the previous night's orders.csv with status, produced and line_id as if the
# previous plan (plan.csv) had run until `now`, with disturbances a plant knows:
#   - the order that finished last before now on some line ran two hours late: it is still in
#     progress (90 % made), and what the plan had after it on that line has not started;
#   - a running order on another line was stopped: open again with what it made;
#   - the two untouched open orders last in the file are cancelled (left out).
# Independent of the engine: the test checks the engine against it.
# A running block's share is that of its working minutes (downtime windows of calendar.csv,
# assumed not to overlap one another, pause it).
# usage: awk -v now=YYYY-MM-DDTHH:MM [-v plain=1] -f mes_night.awk CALENDAR.csv PLAN.csv \
#            ORDERS.csv > new.csv
# With plain=1 there are no disturbances: the previous plan as if it ran exactly.
# Prints what it did to stderr as "mes: ..." lines.
function tomin(s,    y, m, d, hh, mi, a, yy, mm, era, yoe, doy, doe) {
    y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
    hh = substr(s, 12, 2) + 0; mi = substr(s, 15, 2) + 0
    # days from civil (proleptic Gregorian), shifted so that March starts the year
    yy = (m <= 2) ? y - 1 : y
    era = int(yy / 400)
    yoe = yy - era * 400
    mm = (m > 2) ? m - 3 : m + 9
    doy = int((153 * mm + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return ((era * 146097 + doe) * 24 + hh) * 60 + mi
}
# Working minutes of line l in [a, b).
function working(l, a, b,    k, lo, hi, w) {
    w = b - a
    for (k = 1; k <= n_down; k++) {
        if (down_line[k] != l && down_line[k] != "*") continue
        lo = down_from[k] > a ? down_from[k] : a
        hi = down_to[k] < b ? down_to[k] : b
        if (hi > lo) w -= hi - lo
    }
    return w
}
BEGIN { FS = ","; now_m = tomin(now) }
FNR == 1 { file++ }
file == 1 && FNR > 1 {
    n_down++; down_line[n_down] = $1; down_from[n_down] = tomin($2); down_to[n_down] = tomin($3)
    next
}
file == 2 && FNR > 1 && $3 == "production" {
    o = $4; s = tomin($8); e = tomin($9)
    planned[o] += $7
    if (e <= now_m) made[o] += $7
    else if (s < now_m) { made[o] += $7 * working($1, s, now_m) / working($1, s, e); run_line[o] = $1 }
    if (!(o in last_end) || e > last_end[o]) { last_end[o] = e; last_line[o] = $1 }
    if (!(o in first_start) || s < first_start[o]) first_start[o] = s
    next
}
file == 3 && FNR == 1 {
    for (i = 1; i <= NF; i++) col[$i] = i
    next
}
file == 3 {
    n++
    id[n] = $col["order_id"]
    base[n] = $col["order_id"] "," $col["product_id"] "," $col["quantity"] "," $col["due"] "," \
              $col["release"] "," $col["weight"]
    q[n] = $col["quantity"] + 0
    st0[n] = ("status" in col && $col["status"] != "") ? $col["status"] : "open"
    pr0[n] = ("produced" in col && $col["produced"] != "") ? $col["produced"] + 0 : 0
    st[n] = st0[n]; pr[n] = pr0[n]; ln[n] = ""
    o = id[n]
    if (st[n] == "done" || !(o in planned)) next
    # What the plan still had to make after now, against the whole quantity; rounded down.
    p = int(q[n] - (planned[o] - made[o]) + 1e-9)
    if (p < pr0[n]) p = pr0[n]
    if (last_end[o] <= now_m) { st[n] = "done"; pr[n] = 0 }
    else if (o in run_line) { st[n] = "in_progress"; ln[n] = run_line[o]; pr[n] = (p < q[n]) ? p : q[n] - 1 }
    else { st[n] = "open"; pr[n] = (p < q[n]) ? p : q[n] - 1 }
}
END {
    if (plain) n_late_checks = 0; else n_late_checks = 1
    # The late finisher: the order done last within the two hours before now.
    late = 0
    for (i = 1; i <= n && n_late_checks; i++) {
        o = id[i]
        if (st[i] == "done" && st0[i] != "done" && (o in last_end) && last_end[o] > now_m - 120 &&
            (late == 0 || last_end[o] > last_end[id[late]]))
            late = i
    }
    if (late > 0) {
        L = last_line[id[late]]
        st[late] = "in_progress"; ln[late] = L; pr[late] = int(q[late] * 0.9)
        printf "mes: %s finished two hours late: still in progress on %s\n", id[late], L > "/dev/stderr"
        for (i = 1; i <= n; i++) {
            o = id[i]
            if (i != late && st0[i] != "done" && (o in first_start) && last_line[o] == L &&
                first_start[o] >= last_end[id[late]] && first_start[o] < now_m) {
                st[i] = st0[i] == "in_progress" ? "open" : st0[i]; pr[i] = pr0[i]; ln[i] = ""
                printf "mes: %s did not start on %s\n", o, L > "/dev/stderr"
            }
        }
    }
    # A stopped order: the first one running on another line.
    for (i = 1; i <= n && !plain; i++) {
        if (st[i] == "in_progress" && i != late && ln[i] != L) {
            st[i] = "open"; ln[i] = ""
            printf "mes: %s stopped with %d made\n", id[i], pr[i] > "/dev/stderr"
            break
        }
    }
    # Two cancellations: the last two untouched open orders.
    cancelled = 0
    for (i = n; i >= 1 && cancelled < 2 && !plain; i--) {
        if (st[i] == "open" && pr[i] == 0 && !(id[i] in planned && first_start[id[i]] < now_m)) {
            drop[i] = 1; cancelled++
            printf "mes: %s cancelled\n", id[i] > "/dev/stderr"
        }
    }
    print "order_id,product_id,quantity,due,release,weight,status,produced,line_id"
    for (i = 1; i <= n; i++)
        if (!(i in drop))
            printf "%s,%s,%s,%s\n", base[i], st[i], (st[i] == "done" ? "" : pr[i]), ln[i]
}
