/* textbook.mod -- a textbook MIP of scheduling jobs on unrelated parallel machines with
 * machine- and sequence-dependent setups, for comparing cosched with general MIP solvers
 * (glpsol, and CBC through an MPS file that glpsol writes).
 *
 * Jobs 1..n, machines 1..m, job 0 is a dummy that starts every machine's sequence: s[k,0,j]
 * is the setup of j when it is first on k (0 for Vallada-Ruiz, the initial setup for
 * Cicirello). x[k,i,j] = 1 when j directly follows i on k; completion times with big-M
 * constraints order the sequence and also break subtours (p >= 1).
 * Objective: wT * sum w_j T_j + wC * Cmax, so one model serves both benchmark families
 * (makespan: wT = 0, wC = 1; weighted tardiness: wT = 1, wC = 0).
 * Data: tools/cs_convert vr-dat / wt-dat. */

param n, integer, >= 1;
param m, integer, >= 1;
set J := 1..n;
set J0 := 0..n;
set M := 1..m;

param p{j in J, k in M}, >= 0;
param s{k in M, i in J0, j in J}, >= 0, default 0;
param w{j in J}, >= 0, default 1;
param d{j in J}, default 0;
param wT, >= 0, default 0;
param wC, >= 0, default 1;

/* Big-M of machine k: no job on k completes later than all jobs with their largest setups. */
param big{k in M} := sum{j in J} (p[j,k] + max{i in J0: i != j} s[k,i,j]);

var x{k in M, i in J0, j in J: i != j}, binary;
var y{j in J, k in M}, binary;
var C{j in J}, >= 0;
var T{j in J}, >= 0;
var Cmax, >= 0;

minimize total: wT * sum{j in J} w[j] * T[j] + wC * Cmax;

s.t. assign{j in J}: sum{k in M} y[j,k] = 1;
/* every job on k has exactly one predecessor there (a job or the dummy start) ... */
s.t. pred{j in J, k in M}: sum{i in J0: i != j} x[k,i,j] = y[j,k];
/* ... and at most one successor, on its own machine */
s.t. succ{i in J, k in M}: sum{j in J: j != i} x[k,i,j] <= y[i,k];
s.t. start{k in M}: sum{j in J} x[k,0,j] <= 1;
s.t. first{k in M, j in J}: C[j] >= (s[k,0,j] + p[j,k]) * x[k,0,j];
s.t. chain{k in M, i in J, j in J: i != j}:
    C[j] >= C[i] + s[k,i,j] + p[j,k] - big[k] * (1 - x[k,i,j]);
s.t. late{j in J}: T[j] >= C[j] - d[j];
s.t. span{j in J}: Cmax >= C[j];
/* the load of a machine (its runs and setups, no idle time needed) bounds the makespan:
 * valid for every schedule and much tighter in the LP than the big-M chain alone */
s.t. load{k in M}: Cmax >= sum{j in J} p[j,k] * y[j,k]
    + sum{i in J0, j in J: i != j} s[k,i,j] * x[k,i,j];

solve;

printf "objective %g\n", total;
printf "makespan %g\n", Cmax;
printf "weighted_tardiness %g\n", sum{j in J} w[j] * T[j];
end;
