#!/usr/bin/env bash
# REGISTER-with-digest rate over UDP: sipp (e2e/sipp/register-digest.xml: REGISTER, 401 with an
# MD5 qop=auth challenge, REGISTER with credentials, 200) against a private gateway with one
# tenant of USERS users. Steps the offered rate up and prints, per step: registrations/s achieved,
# failed %, the CPU the gateway and sipp used (100% = one core), and the load. The answer is the
# highest step with < 1% failed registrations.
#
# Usage: bench/registrar/register-rate.sh [rate ...]        (default: 1000 2000 4000 6000 8000)
# Environment: USERS (10000), STEP_SECONDS (10), WARMUP_RATE (1000/s for 10 s; 0 = none), DRAIN_WAIT (40),
#   PROFILE_RATE=<rate>: record JFR on the gateway during that step and print where the time goes,
#   KEEP_GATEWAY=1: leave the gateway running; see gateway.sh for GW_*, SIP_MAX_TRANSACTIONS,
#   REGISTRAR_LOG_LEVEL.
#
# sipp runs on the same 2 cores as the gateway, so every figure here is a floor.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
. "$BENCH_DIR/gateway.sh"

RATES=("$@")
[[ ${#RATES[@]} -gt 0 ]] || RATES=(1000 2000 4000 6000 8000)
USERS=${USERS:-10000}
STEP_SECONDS=${STEP_SECONDS:-10}
WARMUP_RATE=${WARMUP_RATE:-1000}
DRAIN_WAIT=${DRAIN_WAIT:-40}
SCENARIO=$REPO_DIR/e2e/sipp/register-digest.xml
DOMAIN=rate.bench.test
SIPP_PORT=15070 # sipp's one UDP socket (-t u1); fixed so its kernel drop counter can be read
OUT=$BENCH_DIR/target/register-rate/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 2; }
raise_nofile 65536
gw_prepare
gw_tenant rate "$DOMAIN" 100000 "$USERS" "$BENCH_DIR/target/rate-users.csv" $((USERS * 2))
gw_start
[[ ${KEEP_GATEWAY:-0} == 1 ]] || trap gw_stop EXIT
GW_PID=$(gw_pid)

# run_sipp <name> <rate> <calls>: one sipp run, its CPU (children ticks of this shell) in SIPP_TICKS
run_sipp() {
  local name=$1 rate=$2 calls=$3 before after limit
  limit=$((rate * 5 + 100)) # concurrent calls: 5 s worth, but below the open files limit (sipp warns otherwise)
  [[ $limit -lt $(($(ulimit -n) - 200)) ]] || limit=$(($(ulimit -n) - 200))
  before=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' /proc/$$/stat)
  (cd "$OUT" && timeout $((STEP_SECONDS * 4 + 60)) sipp 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $SIPP_PORT -t u1 -nd \
      -sf "$SCENARIO" -inf "$BENCH_DIR/target/rate-users.csv" -r "$rate" -m "$calls" -l "$limit" \
      -nostdin -recv_timeout 5s -timeout $((STEP_SECONDS * 4 + 30))s -max_recv_loops 10000 -max_sched_loops 10000 \
      -buff_size 8388608 -trace_stat -stf "$name.stats.csv" -fd 1 -trace_err -error_file "$name.errors.log" \
      >"$name.out" 2>&1) || true
  after=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' /proc/$$/stat)
  SIPP_TICKS=$((after - before))
}

# the last line of sipp's statistics: cumulative successful / failed calls and elapsed seconds
# (elapsed = CurrentTime - StartTime of that line; both are "date<TAB>time<TAB>epoch")
final_stats() { # final_stats <stats csv> -> "successful failed elapsed_seconds"
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { last = $0 }
    END { split(last, f, ";")
          split(f[col["StartTime"]], s, "\t"); split(f[col["CurrentTime"]], c, "\t")
          printf "%d %d %.3f\n", f[col["SuccessfulCall(C)"]], f[col["FailedCall(C)"]], c[3] - s[3] }' "$1"
}

# per-thread CPU ticks of the gateway: "tid|name|ticks" (the name is the 15-char kernel comm)
thread_ticks() {
  awk '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2)
         split(substr($0, RSTART + RLENGTH + 1), f, " "); t = FILENAME; sub(/\/stat$/, "", t); sub(/.*\//, "", t)
         print t "|" name "|" f[12] + f[13] }' /proc/"$1"/task/*/stat 2>/dev/null || true
}

# thread_cpu <before file> <after file> <wall ms>: CPU% per thread group (digits folded to N), top 8
thread_cpu() {
  awk -F'|' -v hz="$CLK_TCK" -v wall="$3" 'FNR == NR { b[$1] = $3; next }
    { g = $2; gsub(/[0-9]+/, "N", g); d[g] += $3 - b[$1] }
    END { for (g in d) if (d[g] > 0) printf "%.0f%%|%s\n", 100 * d[g] / hz / (wall / 1000), g }' "$1" "$2" \
    | sort -t'|' -k1,1 -rn | awk -F'|' 'NR <= 8 { printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}

# datagrams the kernel dropped on a UDP socket bound to this port (receive buffer full): the
# "drops" column of /proc/net/udp, summed over sockets with that local port
udp_drops() {
  awk -v port="$(printf '%04X' "$1")" 'NR > 1 { split($2, a, ":"); if (a[2] == port) d += $NF } END { print d + 0 }' /proc/net/udp
}

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

wait_drain() { # UDP non-INVITE transactions linger 64*T1 = 32 s (Timer J): let the previous step's go
  local i n
  for ((i = 0; i < DRAIN_WAIT; i += 2)); do
    n=$(gw_jmx Transports.Transactions | cut -d= -f2)
    [[ $n -lt 1000 ]] && return 0
    sleep 2
  done
  log "still $n live transactions after ${DRAIN_WAIT}s"
}

for ((i = 0; i < 30; i++)); do # the tenant is live once FileInstall has read it
  printf 'SEQUENTIAL\n100000;[authentication username=100000 password=pw100000];%s\n' "$DOMAIN" >"$OUT/one.csv"
  if (cd "$OUT" && timeout 20 sipp 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p 0 -t u1 -sf "$SCENARIO" -inf one.csv -m 1 \
      -nostdin -recv_timeout 2s -timeout 10s >probe.out 2>&1); then break; fi
  [[ $i -eq 29 ]] && { echo "tenant 'rate' never became live (see $OUT/probe.out)" >&2; exit 1; }
  sleep 1
done

if [[ $WARMUP_RATE -gt 0 ]]; then
  log "warm-up (JIT): $WARMUP_RATE/s for 10 s, not reported"
  run_sipp warmup "$WARMUP_RATE" $((WARMUP_RATE * 10))
fi

{
  echo "# register-rate $(date -Is) on $(nproc) cores; gateway pid $GW_PID; $USERS users; ${STEP_SECONDS}s per step"
  echo "# gateway JVM: $GW_HEAP ${GW_JAVA_OPTS:-}; max.transactions = $(sed -nE 's/^max\.transactions *= *//p' "$GW_HOME/etc/org.tabphone.sip.cfg"); registrar log level ${REGISTRAR_LOG_LEVEL:-INFO (shipped)}"
  printf '%-8s %8s %8s %8s %9s %8s %8s %8s %8s %9s  %s\n' offered/s calls ok failed achieved/s failed% gwCPU% sippCPU% otherCPU% "UDP drops" "load (1 5 15 min, after step)"
} | tee "$OUT/summary.txt"

for rate in "${RATES[@]}"; do
  wait_drain
  calls=$((rate * STEP_SECONDS))
  jfr=""
  if [[ ${PROFILE_RATE:-} == "$rate" ]]; then
    jfr=$OUT/gateway-$rate.jfr
    jcmd "$GW_PID" JFR.start name=bench settings=profile duration=$((STEP_SECONDS + 5))s filename="$jfr" >/dev/null
  fi
  thread_ticks "$GW_PID" >"$OUT/threads-$rate.before"
  gw0=$(cpu_ticks "$GW_PID"); all0=$(busy_ticks); d0=$(udp_drops $SIP_PORT); s0=$(udp_drops $SIPP_PORT); t0=$(date +%s%N)
  run_sipp "step-$rate" "$rate" "$calls"
  t1=$(date +%s%N); gw1=$(cpu_ticks "$GW_PID"); all1=$(busy_ticks); d1=$(udp_drops $SIP_PORT); s1=$(udp_drops $SIPP_PORT)
  thread_ticks "$GW_PID" >"$OUT/threads-$rate.after"
  wall=$(((t1 - t0) / 1000000))
  read -r ok failed elapsed < <(final_stats "$OUT/step-$rate.stats.csv")
  awk -v rate="$rate" -v calls="$calls" -v ok="$ok" -v failed="$failed" -v el="$elapsed" -v wall="$wall" \
      -v gw=$((gw1 - gw0)) -v sipp="$SIPP_TICKS" -v all=$((all1 - all0)) -v hz="$CLK_TCK" -v load="$(loadavg)" \
      -v drops="$((d1 - d0))/$((s1 - s0))" 'BEGIN {
    secs = wall / 1000
    other = all - gw - sipp; if (other < 0) other = 0
    printf "%-8d %8d %8d %8d %9.0f %7.2f%% %7.0f%% %7.0f%% %8.0f%% %9s  %s\n", rate, calls, ok, calls - ok, ok / el,
      100 * (calls - ok) / calls, 100 * gw / hz / secs, 100 * sipp / hz / secs, 100 * other / hz / secs, drops, load
  }' | tee -a "$OUT/summary.txt"
  echo "$rate|$(thread_cpu "$OUT/threads-$rate.before" "$OUT/threads-$rate.after" "$wall")" >>"$OUT/threads.txt"
  if [[ -n $jfr ]]; then
    sleep 6
    java "$BENCH_DIR/JfrTop.java" "$jfr" 25 >"$OUT/profile-$rate.txt" 2>&1 || true
  fi
done

{
  echo "# achieved/s = successful registrations / sipp's elapsed time; failed% counts calls that never got their 200"
  echo "# CPU% = CPU time / wall time of the step (100% = one core of $(nproc)); otherCPU% = the rest of the machine"
  echo "# UDP drops = datagrams the kernel dropped, receive buffer full: gateway socket / sipp socket"
  awk '$1 ~ /^[0-9]+$/ && $6 + 0 < 1 { best = $1 } END { if (best) print "# highest step with < 1% failed: " best "/s"; else print "# no step stayed under 1% failed" }' "$OUT/summary.txt"
  echo "# gateway CPU by thread (% of one core over the step; kernel thread names, 15 chars):"
  awk -F'|' '{ printf "#   %6s/s: %s\n", $1, $2 }' "$OUT/threads.txt"
  echo "# gateway bindings now: $(gw_jmx Registrations.Count | cut -d= -f2); sipp output, stats and errors in $OUT"
  wait_drain
  jcmd "$GW_PID" GC.class_histogram >"$OUT/histo-end.txt"
  echo "# after the run, transactions drained ($(gw_jmx Transports.Transactions)): live heap $(awk '$1 == "Total" { printf "%.1f MB", $3 / 1048576 }' "$OUT/histo-end.txt"); $(awk '$4 ~ /TransactionKey$/ { n += $2 } END { print n + 0 }' "$OUT/histo-end.txt") TransactionKey objects still live"
} | tee -a "$OUT/summary.txt"
for f in "$OUT"/step-*.errors.log; do # what went wrong, by kind (sipp's error log has no line per event)
  [[ -s $f ]] || continue
  echo "# $(basename "$f"):"
  { grep -o 'receive timeout on message [^:]*:[0-9]*' "$f" | sed 's/receive timeout on message register with digest:1/timeout: no 401 within 5 s (incl. retransmissions)/; s/receive timeout on message register with digest:3/timeout: no 200 within 5 s (incl. retransmissions)/' || true
    grep -o "while expecting '[0-9]*' (index [0-9]*), received 'SIP/2.0 [0-9]* [^'$]*" "$f" | tr -d '\r' \
      | sed -E "s/while expecting '([0-9]+)' \(index [0-9]+\), received 'SIP\/2.0 /unexpected answer (sipp waited for \1; with -nd it keeps retransmitting, one call may get several): /" || true
    grep -o "Dead call [^ ]* ([^)]*), received 'SIP/2.0 [0-9]* [^'$]*" "$f" | tr -d '\r' \
      | sed -E "s/Dead call [^ ]* \(([^)]*)\), received 'SIP\/2.0 /answer after the call ended (\1): /" || true
  } | sort | uniq -c | sort -rn | sed 's/^/#   /' || true
done | tee -a "$OUT/summary.txt"
ls "$OUT"/profile-*.txt >/dev/null 2>&1 && echo "# JFR summaries: $(ls "$OUT"/profile-*.txt)"
exit 0
