#!/usr/bin/env bash
# Call rate through the B2BUA over UDP, no RTP (the SDP still goes through the media bundle, which
# anchors every call: two RTP port pairs bound per call): a sipp UAC (uac-call.xml: INVITE with SDP,
# 100/180, 200, ACK, BYE at once, 200) calls one user of a make-tenant.sh tenant; that user is a
# sipp UAS (uas-answer.xml: 180, 200 with SDP, ACK from the gateway, BYE, 200) registered with an
# MD5 digest (e2e/sipp/register-digest.xml) from the UAS's own port first, so the binding points at
# the UAS socket. Steps the offered rate up and prints, per step: calls/s achieved, failed %, the
# CPU of the gateway, of both sipps and of the rest (100% = one core), UDP drops, the load, and the
# gateway's own counters (tabphone:calls). The answer is the highest step with < 1% failed calls.
#
# Usage: bench/calls/call-rate.sh [rate ...]        (default: 200 500 1000 1500 2000)
# Environment: STEP_SECONDS (10), WARMUP_RATE (300/s for 10 s; 0 = none), DRAIN_WAIT (60),
#   PROFILE_RATE=<rate>: JFR on the gateway (started before the warm-up: starting it mid-run sets off seconds of
#   recompilation that two cores can't hide) and a summary of that step's part (registrar/JfrTop.java),
#   KEEP_GATEWAY=1: leave the gateway running; gateway.sh's GW_*, SIP_MAX_TRANSACTIONS, ...
#
# Uses bench/registrar/gateway.sh (same private gateway, ports and home as the registrar benchmarks).
# Both sipps run on the same 2 cores as the gateway, so every figure here is a floor.
set -euo pipefail
CALLS_DIR=$(cd "$(dirname "$0")" && pwd)
. "$CALLS_DIR/../registrar/gateway.sh"

RATES=("$@")
[[ ${#RATES[@]} -gt 0 ]] || RATES=(200 500 1000 1500 2000)
STEP_SECONDS=${STEP_SECONDS:-10}
WARMUP_RATE=${WARMUP_RATE:-300}
DRAIN_WAIT=${DRAIN_WAIT:-60}
DOMAIN=calls.bench.test
CALLEE=500000
UAS_PORT=15080 # the callee's one UDP socket (REGISTER source, then the UAS)
UAC_PORT=15090 # the caller's one UDP socket
OUT=$CALLS_DIR/target/call-rate/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 2; }
raise_nofile 65536
gw_prepare
gw_tenant callsbench "$DOMAIN" "$CALLEE" 1 "$CALLS_DIR/target/callee.csv" 10
gw_start
GW_PID=$(gw_pid)
KLOG=$GW_HOME/data/log/karaf.log
KLOG_START=$(wc -l <"$KLOG" 2>/dev/null || echo 0)
UAS_PID=""
cleanup() {
  [[ -n $UAS_PID ]] && kill "$UAS_PID" 2>/dev/null || true
  [[ ${KEEP_GATEWAY:-0} == 1 ]] || gw_stop
}
trap cleanup EXIT

# register the callee from UAS_PORT (retried: the tenant is live once FileInstall has read it)
for ((i = 0; i < 30; i++)); do
  if (cd "$OUT" && timeout 20 sipp 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $UAS_PORT -t u1 \
      -sf "$REPO_DIR/e2e/sipp/register-digest.xml" -inf "$CALLS_DIR/target/callee.csv" -m 1 \
      -nostdin -recv_timeout 2s -timeout 10s >register.out 2>&1); then break; fi
  [[ $i -eq 29 ]] && { echo "callee $CALLEE never registered (see $OUT/register.out)" >&2; exit 1; }
  sleep 1
done
log "callee $CALLEE@$DOMAIN registered from 127.0.0.1:$UAS_PORT"

# the callee: one sipp UAS for the whole run, on the port the binding points at
(cd "$OUT" && exec sipp -sf "$CALLS_DIR/uas-answer.xml" -s "$CALLEE" -i 127.0.0.1 -p $UAS_PORT -t u1 -nd \
    -nostdin -l $(( $(ulimit -n) - 200 < 60000 ? $(ulimit -n) - 200 : 60000 )) -max_recv_loops 10000 -max_sched_loops 10000 -buff_size 8388608 \
    -trace_stat -stf uas.stats.csv -fd 5 -trace_err -error_file uas.errors.log >uas.out 2>&1) &
UAS_PID=$!
sleep 1 # the subshell execs sipp: its pid is sipp's
UAS_SIPP=$(ps -o comm= -p "$UAS_PID" | grep -qx sipp && echo "$UAS_PID" || true)
[[ -n $UAS_SIPP ]] || { echo "UAS sipp did not start (see $OUT/uas.out)" >&2; cat "$OUT/uas.out" >&2; exit 1; }
log "UAS sipp pid $UAS_SIPP on 127.0.0.1:$UAS_PORT"

# run_uac <name> <rate> <calls>: one caller run; its CPU (children ticks of this shell) in UAC_TICKS
run_uac() {
  local name=$1 rate=$2 calls=$3 before after limit
  limit=$((rate * 5 + 100))
  [[ $limit -lt $(($(ulimit -n) - 200)) ]] || limit=$(($(ulimit -n) - 200))
  before=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' /proc/$$/stat)
  (cd "$OUT" && timeout $((STEP_SECONDS * 4 + 60)) sipp 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $UAC_PORT -t u1 -nd \
      -sf "$CALLS_DIR/uac-call.xml" -s "$CALLEE" -key domain "$DOMAIN" -r "$rate" -m "$calls" -l "$limit" \
      -nostdin -recv_timeout 5s -timeout $((STEP_SECONDS * 4 + 30))s -max_recv_loops 10000 -max_sched_loops 10000 \
      -buff_size 8388608 -trace_stat -stf "$name.stats.csv" -fd 1 -trace_err -error_file "$name.errors.log" \
      >"$name.out" 2>&1) || true
  after=$(awk '{ sub(/^.*\) /, ""); print $14 + $15 }' /proc/$$/stat)
  UAC_TICKS=$((after - before))
}

final_stats() { # final_stats <stats csv> -> "successful failed elapsed_seconds" (sipp's last line)
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
    END { split(last, f, ";"); split(f[col["StartTime"]], s, "\t"); split(f[col["CurrentTime"]], c, "\t")
          printf "%d %d %.3f\n", f[col["SuccessfulCall(C)"]], f[col["FailedCall(C)"]], c[3] - s[3] }' "$1"
}
thread_ticks() { # "tid|name|ticks" per gateway thread
  awk '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2)
         split(substr($0, RSTART + RLENGTH + 1), f, " "); t = FILENAME; sub(/\/stat$/, "", t); sub(/.*\//, "", t)
         print t "|" name "|" f[12] + f[13] }' /proc/"$1"/task/*/stat 2>/dev/null || true
}
thread_cpu() { # <before> <after> <wall ms>: CPU% per thread group (digits folded to N), top 8
  awk -F'|' -v hz="$CLK_TCK" -v wall="$3" 'FNR == NR { b[$1] = $3; next }
    { g = $2; gsub(/[0-9]+/, "N", g); d[g] += $3 - b[$1] }
    END { for (g in d) if (d[g] > 0) printf "%.0f%%|%s\n", 100 * d[g] / hz / (wall / 1000), g }' "$1" "$2" \
    | sort -t'|' -k1,1 -rn | awk -F'|' 'NR <= 8 { printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}
udp_drops() { awk -v port="$(printf '%04X' "$1")" 'NR > 1 { split($2, a, ":"); if (a[2] == port) d += $NF } END { print d + 0 }' /proc/net/udp; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
wait_drain() { # non-INVITE transactions (BYE both legs) linger 64*T1 = 32 s over UDP
  local i n
  for ((i = 0; i < DRAIN_WAIT; i += 2)); do
    n=$(gw_jmx Transports.Transactions | cut -d= -f2)
    [[ $n -lt 1000 ]] && return 0
    sleep 2
  done
  log "still $n live transactions after ${DRAIN_WAIT}s"
}
gw_calls() { gw_shell tabphone:calls 2>/dev/null | tr -d '\r' | grep -m1 'live' || echo "?"; }

if [[ -n ${PROFILE_RATE:-} ]]; then
  jcmd "$GW_PID" JFR.start name=bench settings=profile maxage=30m >/dev/null
  log "JFR recording on the gateway; step $PROFILE_RATE/s will be summarised"
fi
if [[ $WARMUP_RATE -gt 0 ]]; then
  log "warm-up (JIT): $WARMUP_RATE/s for 10 s, not reported"
  run_uac warmup "$WARMUP_RATE" $((WARMUP_RATE * 10))
  read -r ok failed _ < <(final_stats "$OUT/warmup.stats.csv")
  log "warm-up: $ok ok, $failed failed; gateway: $(gw_calls)"
fi

{
  echo "# call-rate $(date -Is) on $(nproc) cores; gateway pid $GW_PID; callee $CALLEE@$DOMAIN; ${STEP_SECONDS}s per step"
  echo "# gateway JVM: $GW_HEAP ${GW_JAVA_OPTS:-}; max.transactions = $(sed -nE 's/^max\.transactions *= *//p' "$GW_HOME/etc/org.tabphone.sip.cfg")"
  printf '%-8s %8s %8s %8s %9s %8s %7s %7s %7s %8s %11s  %s\n' offered/s calls ok failed achieved/s failed% gwCPU% uacCPU% uasCPU% otherCPU% "UDP drops" "load (1 5 15 min, after step)"
} | tee "$OUT/summary.txt"

for rate in "${RATES[@]}"; do
  wait_drain
  calls=$((rate * STEP_SECONDS))
  jfr=""
  [[ ${PROFILE_RATE:-} == "$rate" ]] && jfr=$OUT/gateway-$rate.jfr
  thread_ticks "$GW_PID" >"$OUT/threads-$rate.before"
  gw0=$(cpu_ticks "$GW_PID"); uas0=$(cpu_ticks "$UAS_SIPP"); all0=$(busy_ticks); t0=$(date +%s%N)
  d0="$(udp_drops $SIP_PORT) $(udp_drops $UAC_PORT) $(udp_drops $UAS_PORT)"
  run_uac "step-$rate" "$rate" "$calls"
  t1=$(date +%s%N); gw1=$(cpu_ticks "$GW_PID"); uas1=$(cpu_ticks "$UAS_SIPP"); all1=$(busy_ticks)
  d1="$(udp_drops $SIP_PORT) $(udp_drops $UAC_PORT) $(udp_drops $UAS_PORT)"
  thread_ticks "$GW_PID" >"$OUT/threads-$rate.after"
  wall=$(((t1 - t0) / 1000000))
  read -r ok failed elapsed < <(final_stats "$OUT/step-$rate.stats.csv")
  drops=$(paste -d' ' <(tr ' ' '\n' <<<"$d0") <(tr ' ' '\n' <<<"$d1") | awk '{ printf "%s%d", (NR > 1 ? "/" : ""), $2 - $1 }')
  awk -v rate="$rate" -v calls="$calls" -v ok="$ok" -v el="$elapsed" -v wall="$wall" \
      -v gw=$((gw1 - gw0)) -v uac="$UAC_TICKS" -v uas=$((uas1 - uas0)) -v all=$((all1 - all0)) -v hz="$CLK_TCK" \
      -v load="$(loadavg)" -v drops="$drops" 'BEGIN {
    secs = wall / 1000; other = all - gw - uac - uas; if (other < 0) other = 0
    printf "%-8d %8d %8d %8d %9.0f %7.2f%% %6.0f%% %6.0f%% %6.0f%% %7.0f%% %11s  %s\n", rate, calls, ok, calls - ok,
      (el > 0 ? ok / el : 0), 100 * (calls - ok) / calls, 100 * gw / hz / secs, 100 * uac / hz / secs,
      100 * uas / hz / secs, 100 * other / hz / secs, drops, load
  }' | tee -a "$OUT/summary.txt"
  echo "$rate|$(thread_cpu "$OUT/threads-$rate.before" "$OUT/threads-$rate.after" "$wall")" >>"$OUT/threads.txt"
  echo "$rate|$(gw_calls); live transactions right after the step: $(gw_jmx Transports.Transactions | cut -d= -f2)" >>"$OUT/gw-calls.txt"
  if [[ -n $jfr ]]; then
    jcmd "$GW_PID" JFR.dump name=bench filename="$jfr" >/dev/null
    java "$CALLS_DIR/../registrar/JfrTop.java" "$jfr" 25 $((t0 / 1000000)) $((t1 / 1000000)) >"$OUT/profile-$rate.txt" 2>&1 || true
  fi
done

{
  echo "# achieved/s = successful calls (INVITE..BYE's 200) / the caller sipp's elapsed time; failed% = calls without it"
  echo "# CPU% = CPU time / wall time of the step (100% = one core of $(nproc)); otherCPU% = the rest of the machine"
  echo "# UDP drops = datagrams the kernel dropped, receive buffer full: gateway / caller / callee socket"
  awk '$1 ~ /^[0-9]+$/ && $6 + 0 < 1 { best = $1 } END { if (best) print "# highest step with < 1% failed: " best "/s"; else print "# no step stayed under 1% failed" }' "$OUT/summary.txt"
  echo "# gateway CPU by thread (% of one core over the step; kernel thread names, 15 chars):"
  awk -F'|' '{ printf "#   %6s/s: %s\n", $1, $2 }' "$OUT/threads.txt"
  echo "# gateway tabphone:calls after each step (cumulative), and its live SIP transactions:"
  awk -F'|' '{ printf "#   %6s/s: %s\n", $1, $2 }' "$OUT/gw-calls.txt"
  echo "# karaf.log since start: $(tail -n +$((KLOG_START + 1)) "$KLOG" 2>/dev/null | grep -c -E '\| (WARN|ERROR) ' || true) WARN/ERROR lines; by logger and message:"
  tail -n +$((KLOG_START + 1)) "$KLOG" 2>/dev/null | grep -E '\| (WARN|ERROR) ' | awk -F'|' '{ print $2 "|" $4 "|" substr($NF, 1, 100) }' \
    | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -10 | sed 's/^/#   /' || true
} | tee -a "$OUT/summary.txt"
for f in "$OUT"/step-*.errors.log "$OUT"/uas.errors.log; do # what went wrong, by kind
  [[ -s $f ]] || continue
  echo "# $(basename "$f"):"
  { grep -oE 'receive timeout on message [^:]*:[0-9]*|Aborting call on unexpected message[^:]*|while expecting [^,]*\(index [0-9]+\), received .SIP/2.0 [0-9]+ [A-Za-z ]*|Dead call [^ ]* \([^)]*\), received .[A-Z]+ |Retransmission timeout[^.]*|Dead call[^,]*' "$f" \
      | sed -E 's/call-id [^ ]+//; s/Dead call [^ ]* /Dead call /' || true
  } | sort | uniq -c | sort -rn | head -12 | sed 's/^/#   /' || true
done | tee -a "$OUT/summary.txt"
ls "$OUT"/profile-*.txt >/dev/null 2>&1 && echo "# JFR summaries: $(ls "$OUT"/profile-*.txt)"
echo "# output in $OUT"
exit 0
