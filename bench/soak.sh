#!/usr/bin/env bash
# Soak (issue 12): calls with RTP both ways through the gateway for a long time at half the rate the
# machine can take, then asserts that nothing grew or stuck: heap after a full GC, CDRs, calls,
# media sessions, SIP transactions.
#
#   1. Max rate (skipped with --rate N): a sipp UAC calls a sipp UAS through the gateway (media
#      anchored, media/uac-media.xml and media/uas-media.xml: each side streams G.711 toward the port
#      in the SDP the gateway gave it, so every packet is relayed), each call HOLD seconds long, in
#      steps of STEP_SECONDS at rising rates; it stops at the first step with >= 1 % failed calls or
#      that sipp could not place at the offered rate. The soak rate is half the best good step.
#   2. Soak: --duration seconds (default 3600) at that rate. Every SAMPLE seconds: heap after a full
#      GC (jcmd GC.run, then GC.heap_info), RSS (/proc/<pid>/status VmRSS), the gateway's CPU since
#      the last sample, calls up (org.tabphone:type=Calls Active), media sessions, CDRs written, live
#      SIP transactions. The baseline is the heap once WARM seconds have passed (JIT, pools and
#      caches warm): the median of the first three samples from then on, so one GC-timing outlier
#      neither makes nor breaks it; "at the end" is the median of the last three under load.
#   3. After the last call, wait for the longest SIP timer (64*T1 = 32 s for the transactions and
#      an unacknowledged 2xx) and check: heap after GC under load at the end and after the drain
#      <= baseline * 1.05; one CDR for every call the gateway took during the soak (its
#      Calls.Attempts; a call whose INVITE never reached it — lost in a full socket buffer — is one
#      of sipp's failed calls, not a lost CDR), none lost; 0 calls,
#      0 media sessions, 0 port pairs in use, 0 SIP transactions; < 1 % failed calls.
# Prints a table and one PASS/FAIL line (the exit status follows it) and appends a markdown block to
# bench/SOAK.md.
#
# Usage: bench/soak.sh [--duration S] [--rate N] [--hold S] [--no-record]
#   --duration S  soak length in seconds (default 3600)
#   --rate N      soak at N calls/s; no ramp
#   --hold S      call length in seconds (default 4): concurrent calls = rate * (hold + ~0.1)
#   --no-record   do not write bench/SOAK.md
# Environment: RAMP_RATES ("25 50 100 200 300 400 500 600"; with 4 s calls the shipped media ports
#   20000-29999, 2,500 calls at a time, run out above ~600/s), STEP_SECONDS (20), WARM (300 s, a third
#   of the duration when that is shorter), SAMPLE (60 s, a sixth of the duration when that is
#   shorter), DRAIN_MAX (120 s), KEEP_GATEWAY=1, and gateway.sh's GW_HEAP / GW_JAVA_OPTS.
# The gateway is a fresh unpack of the built assembly in bench/target/soak/gateway (build it first;
# nothing here builds), on the benchmark ports of registrar/gateway.sh. Run it on a quiet machine and
# under the gateway lock: flock /tmp/tabphone-gateway.lock bench/soak.sh. Needs sipp (sip-tester), sshpass,
# a JDK (jcmd), python3.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
MEDIA_DIR=$BENCH/media
GW_HOME=${GW_HOME:-$BENCH/target/soak/gateway}
GW_FRESH=${GW_FRESH:-1}
. "$BENCH/registrar/gateway.sh"

DURATION=3600 RATE="" HOLD=4 RECORD=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --hold) HOLD=$2; shift 2 ;;
    --no-record) RECORD=0; shift ;;
    *) echo "usage: bench/soak.sh [--duration S] [--rate N] [--hold S] [--no-record]" >&2; exit 2 ;;
  esac
done
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 60 ]] || { echo "--duration must be at least 60 s" >&2; exit 2; }
[[ -z $RATE || $RATE =~ ^[0-9]+$ ]] || { echo "--rate must be calls/s (a whole number)" >&2; exit 2; }
[[ $HOLD =~ ^[0-9]+$ && $HOLD -ge 1 ]] || { echo "--hold must be whole seconds >= 1" >&2; exit 2; }
read -r -a RAMP <<<"${RAMP_RATES:-25 50 100 200 300 400 500 600}"
STEP_SECONDS=${STEP_SECONDS:-20}
WARM=${WARM:-$((DURATION / 3 < 300 ? DURATION / 3 : 300))}
SAMPLE=${SAMPLE:-$((DURATION / 6 < 60 ? DURATION / 6 : 60))}
DRAIN_MAX=${DRAIN_MAX:-120}
DOMAIN=soak.bench.test
CALLEE=700000
UAS_PORT=15084 UAC_PORT=15094 UAS_MEDIA=16300 UAC_MEDIA=16200
OUT=$BENCH/target/soak/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
cd "$OUT" # sipp writes its files here
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "jcmd missing: a JDK is needed" >&2; exit 2; }

UAC_TONE=$MEDIA_DIR/target/tone-440-pcmu-1s.raw
UAS_TONE=$MEDIA_DIR/target/tone-1000-pcmu-1s.raw
mkdir -p "$MEDIA_DIR/target"
[[ -f $UAC_TONE ]] || python3 "$MEDIA_DIR/make-audio.py" raw pcmu 440 1 "$UAC_TONE"
[[ -f $UAS_TONE ]] || python3 "$MEDIA_DIR/make-audio.py" raw pcmu 1000 1 "$UAS_TONE"

raise_nofile 65536
gw_prepare
# The callee registers once, from the port its sipp then answers on (over UDP the gateway reaches a
# binding at the address it registered from), and sipp's UAS can't refresh it: so it asks for a
# binding that outlives the run, which the registrar's max.expires must allow. With the shipped
# 3600 s the first soak's callee expired after 57 minutes and the rest of its calls got 480.
REG_EXPIRES=$((DURATION + 1800 > 3600 ? DURATION + 1800 : 3600)) # never under the shipped default.expires
gw_set "$GW_HOME/etc/org.tabphone.registrar.cfg" max.expires "$REG_EXPIRES"
sed -E "s/^([[:space:]]*Expires:).*/\1 $REG_EXPIRES/" "$BENCH/../e2e/sipp/register-digest.xml" >"$OUT/register-callee.xml"
gw_tenant soakbench "$DOMAIN" "$CALLEE" 1 "$OUT/../callee.csv" 10
gw_start
GW_PID=$(gw_pid)
KLOG=$GW_HOME/data/log/karaf.log
UAS_PID="" UAC_PID=""
cleanup() {
  [[ -n $UAC_PID ]] && kill "$UAC_PID" 2>/dev/null || true
  [[ -n $UAS_PID ]] && kill "$UAS_PID" 2>/dev/null || true
  [[ ${KEEP_GATEWAY:-0} == 1 ]] || gw_stop
}
trap cleanup EXIT

for ((i = 0; i < 30; i++)); do # the tenant is live once FileInstall has read it
  if (cd "$OUT" && timeout 20 sipp 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $UAS_PORT -t u1 \
      -sf "$OUT/register-callee.xml" -inf "$OUT/../callee.csv" -m 1 \
      -nostdin -recv_timeout 2s -timeout 10s >register.out 2>&1); then break; fi
  [[ $i -eq 29 ]] && { echo "callee $CALLEE never registered (see $OUT/register.out)" >&2; exit 1; }
  sleep 1
done
granted=$(gw_shell tabphone:registrations 2>/dev/null | tr -d '\r' | grep -m1 "$CALLEE" || true)
log "callee $CALLEE@$DOMAIN registered from 127.0.0.1:$UAS_PORT for ${REG_EXPIRES}s: $granted"

# the callee: one sipp for the whole run, answering PCMU and streaming until the BYE (-nd: a
# retransmitted INVITE is ignored, not a reason to abort the call)
(cd "$OUT" && exec sipp -sf "$MEDIA_DIR/uas-media.xml" -s "$CALLEE" -i 127.0.0.1 -p $UAS_PORT -t u1 -mi 127.0.0.1 \
    -mp $UAS_MEDIA -key pt 0 -key codec PCMU -key stream "$UAS_TONE,-1,0" -nd -nostdin -l 30000 \
    -trace_stat -stf uas.stats.csv -fd 10 -trace_err -error_file uas.errors.log >uas.out 2>&1) &
UAS_PID=$!
sleep 1
ps -o comm= -p "$UAS_PID" | grep -qx sipp || { echo "UAS sipp did not start (see $OUT/uas.out)" >&2; cat "$OUT/uas.out" >&2; exit 1; }

# uac <name> <rate> <calls>: starts the caller (HOLD s per call, streaming 440 Hz until its BYE) in the
# background; its pid (timeout's, which passes a kill on to sipp) in UAC_PID
uac() {
  local name=$1 rate=$2 calls=$3
  local limit=$((rate * (HOLD + 10) + 100))
  timeout $((calls / rate + HOLD + 120)) sipp 127.0.0.1:$SIP_PORT -sf "$MEDIA_DIR/uac-media.xml" -s "$CALLEE" \
      -key domain "$DOMAIN" -i 127.0.0.1 -p $UAC_PORT -t u1 -mi 127.0.0.1 -mp $UAC_MEDIA -key stream "$UAC_TONE,-1,0" \
      -r "$rate" -m "$calls" -l "$limit" -d $((HOLD * 1000)) -nd -nostdin -recv_timeout 10s \
      -trace_stat -stf "$OUT/$name.stats.csv" -fd 10 -trace_err -error_file "$OUT/$name.errors.log" >"$OUT/$name.out" 2>&1 &
  UAC_PID=$!
}
stats() { # stats <csv> -> "created successful failed retransmissions" (zeros when sipp wrote none)
  [[ -s $1 ]] || { echo "0 0 0 0"; return; }
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
    END { split(last, f, ";"); printf "%d %d %d %d\n", f[col["TotalCallCreated"]], f[col["SuccessfulCall(C)"]],
          f[col["FailedCall(C)"]], f[col["Retransmissions(C)"]] }' "$1"
}
jmx() { gw_jmx "$@" | cut -d= -f2 | paste -sd' '; } # values on one line, in the order asked
# heap used after a full GC, in KB (G1: "garbage-first heap   total 1048576K, used 53212K [...")
heap_after_gc() {
  jcmd "$GW_PID" GC.run >/dev/null
  jcmd "$GW_PID" GC.heap_info | sed -nE 's/.* heap +total [0-9]+K, used ([0-9]+)K.*/\1/p' | head -1
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$GW_PID/status"; }
wait_no_calls() { # up to $1 s until no call is up
  local i
  for ((i = 0; i < $1; i++)); do [[ $(jmx Calls.Active) == 0 ]] && return 0; sleep 1; done
  return 1
}

RAMP_NOTE=""
if [[ -z $RATE ]]; then
  log "max rate: steps of ${STEP_SECONDS}s at ${RAMP[*]} calls/s, ${HOLD}s calls with RTP both ways"
  printf '%-9s %7s %7s %7s %10s %8s %7s\n' offered/s calls ok failed placed/s failed% gwCPU% | tee "$OUT/ramp.txt"
  best=0
  for r in "${RAMP[@]}"; do
    wait_no_calls 60 || log "calls still up before step $r/s: $(jmx Calls.Active)"
    c0=$(cpu_ticks "$GW_PID"); t0=$(date +%s%N)
    uac "ramp-$r" "$r" $((r * STEP_SECONDS))
    wait "$UAC_PID" || true
    UAC_PID=""
    t1=$(date +%s%N); c1=$(cpu_ticks "$GW_PID")
    read -r created ok failed _ < <(stats "$OUT/ramp-$r.stats.csv")
    # placed/s: calls over the time sipp needed to place them (the run less one call's length)
    line=$(awk -v r="$r" -v n=$((r * STEP_SECONDS)) -v ok="$ok" -v created="$created" -v wall=$(((t1 - t0) / 1000000)) \
        -v hold="$HOLD" -v cpu=$((c1 - c0)) -v hz="$CLK_TCK" 'BEGIN {
      placing = wall / 1000 - hold; if (placing < 1) placing = 1
      failedp = 100 * (n - ok) / n; placed = created / placing
      printf "%-9d %7d %7d %7d %10.1f %7.2f%% %6.0f%% %s\n", r, n, ok, n - ok, placed, failedp, 100 * cpu / hz / (wall / 1000),
        (failedp < 1 && placed >= 0.95 * r) ? "good" : "bad" }')
    echo "${line% *}" | tee -a "$OUT/ramp.txt"
    [[ ${line##* } == good ]] || break
    best=$r
  done
  [[ $best -gt 0 ]] || { echo "soak: FAIL — not even ${RAMP[0]} calls/s with < 1 % failed (see $OUT)"; exit 1; }
  [[ $best == "${RAMP[-1]}" ]] && log "every step was good: the max rate is above ${best}/s (add RAMP_RATES)"
  RATE=$(((best + 1) / 2))
  RAMP_NOTE="max rate measured: best good step ${best}/s of ${RAMP[*]} (${STEP_SECONDS}s each); soak at half"
  log "$RAMP_NOTE: $RATE calls/s"
  wait_no_calls 60 || true
else
  RAMP_NOTE="rate given (--rate $RATE); no ramp"
fi

# drain <max s>: after the longest timers (64*T1 = 32 s: non-INVITE transactions, an unacknowledged
# 2xx) until no call, session, transaction or queued CDR is left, up to <max> s
drain() {
  local i up sessions tx queue
  sleep 35
  for ((i = 35; i < $1; i += 2)); do
    read -r up sessions tx queue _ < <(jmx Calls.Active Media.ActiveSessions Transports.Transactions Cdr.QueueLength)
    [[ $up == 0 && $sessions == 0 && $tx == 0 && $queue == 0 ]] && return 0
    sleep 2
  done
  return 1
}

# ---- the soak ----
if [[ -f $OUT/ramp.txt ]]; then
  log "waiting for the ramp's transactions to expire (idle heap before the soak)"
  drain "$DRAIN_MAX" || log "not drained after ${DRAIN_MAX}s: $(jmx Calls.Active Media.ActiveSessions Transports.Transactions)"
fi
log "soak: $RATE calls/s for ${DURATION}s, ${HOLD}s calls (about $((RATE * HOLD)) up at once), sample every ${SAMPLE}s, baseline from ${WARM}s"
read -r cdr0 lost0 attempts0 _ < <(jmx Cdr.RecordsWritten Cdr.RecordsLost Calls.Attempts)
heap_idle=$(heap_after_gc)
rss_idle=$(rss_kb)
SAMPLES=$OUT/samples.txt
printf '%6s %9s %8s %9s %11s %8s %7s %10s %12s\n' t/s calls-up sessions heap-MB rss-MB gwCPU% cdrs transactions note | tee "$SAMPLES"
uac soak "$RATE" $((RATE * DURATION))
start=$(date +%s)
c_prev=$(cpu_ticks "$GW_PID"); t_prev=$start
LOAD_T=() LOAD_HEAP=() # the samples under load
sample() { # sample <note>: one row; sets HEAP_KB
  local now c cpu
  now=$(date +%s); c=$(cpu_ticks "$GW_PID")
  cpu=$(awk -v d=$((c - c_prev)) -v s=$((now - t_prev)) -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", (s > 0 ? 100 * d / hz / s : 0) }')
  c_prev=$c; t_prev=$now
  read -r up sessions cdrs tx _ < <(jmx Calls.Active Media.ActiveSessions Cdr.RecordsWritten Transports.Transactions)
  HEAP_KB=$(heap_after_gc)
  printf '%6d %9s %8s %9.1f %11.1f %8s %7s %10s %12s\n' $((now - start)) "$up" "$sessions" "$(awk -v k="$HEAP_KB" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$(rss_kb)" 'BEGIN { print k / 1024 }')" "$cpu" $((cdrs - cdr0)) "$tx" "$1" | tee -a "$SAMPLES"
}
next=$SAMPLE
while kill -0 "$UAC_PID" 2>/dev/null; do
  sleep 1
  t=$(($(date +%s) - start))
  [[ $t -ge $next ]] || continue
  next=$((next + SAMPLE))
  if [[ $t -gt $((DURATION - HOLD - 2)) ]]; then continue; fi # the calls are winding down: not "under load"
  n_warm=0
  for x in "${LOAD_T[@]}"; do [[ $x -ge $WARM ]] && n_warm=$((n_warm + 1)); done
  sample "$([[ $t -ge $WARM && $n_warm -lt 3 ]] && echo baseline || true)"
  LOAD_T+=("$t") LOAD_HEAP+=("$HEAP_KB")
done
wait "$UAC_PID" || true
UAC_PID=""
read -r created ok failed retrans < <(stats "$OUT/soak.stats.csv")
log "soak traffic over: $created calls placed, $ok ok, $failed failed, $retrans retransmissions; draining"

drain "$DRAIN_MAX" || true
sample "drained"
heap_drained=$HEAP_KB
read -r up sessions ports tx cdr1 lost1 attempts _ < <(jmx Calls.Active Media.ActiveSessions Media.PortPairsInUse \
  Transports.Transactions Cdr.RecordsWritten Cdr.RecordsLost Calls.Attempts)
gw_shell tabphone:calls 2>/dev/null | tr -d '\r' >"$OUT/calls-after.txt" || true
warns=$(grep -cE '\| (WARN|ERROR) ' "$KLOG" 2>/dev/null || true)

# ---- verdict ----
CHECKS=$OUT/checks.txt
: >"$CHECKS"
verdict=PASS
check() { # check <ok 0|1> <text>
  if [[ $1 == 1 ]]; then echo "ok   $2"; else echo "FAIL $2"; verdict=FAIL; fi >>"$CHECKS"
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'; }
warm=()
for i in "${!LOAD_T[@]}"; do [[ ${LOAD_T[$i]} -ge $WARM && ${#warm[@]} -lt 3 ]] && warm+=("${LOAD_HEAP[$i]}"); done
n=${#LOAD_HEAP[@]}
[[ $n -gt 0 ]] || LOAD_HEAP=(0)
if [[ ${#warm[@]} -eq 0 ]]; then
  warm=("${LOAD_HEAP[@]:$((n > 1 ? n - 1 : 0))}")
  echo "note: no sample after ${WARM}s; baseline = the last sample under load" >>"$CHECKS"
fi
baseline=$(median "${warm[@]}")
last_load=$(median "${LOAD_HEAP[@]:$((n > 3 ? n - 3 : 0))}")
check "$([[ $n -gt 0 ]] && echo 1 || echo 0)" "$n heap samples under load"
limit=$(awk -v b="${baseline:-0}" 'BEGIN { printf "%d", b * 1.05 }')
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
check "$(le "${last_load:-0}" "$limit")" "heap after GC under load at the end $(mb "${last_load:-0}") <= baseline $(mb "$baseline") + 5 % ($(mb "$limit")) (medians of three samples)"
check "$(le "$heap_drained" "$limit")" "heap after GC once drained $(mb "$heap_drained") <= baseline + 5 % ($(mb "$limit"))"
echo "info heap after GC idle: $(mb "$heap_idle") before the soak, $(mb "$heap_drained") after it (not checked: caches may fill once)" >>"$CHECKS"
taken=$((attempts - attempts0))
check "$([[ $((cdr1 - cdr0)) == "$taken" ]] && echo 1 || echo 0)" "CDRs written during the soak $((cdr1 - cdr0)) = calls the gateway took $taken (Calls.Attempts)"
echo "info calls sipp placed $created, of which never reached the gateway $((created - taken)) (counted in sipp's failed calls)" >>"$CHECKS"
check "$([[ $((lost1 - lost0)) == 0 ]] && echo 1 || echo 0)" "CDRs lost during the soak: $((lost1 - lost0))"
check "$([[ $up == 0 ]] && echo 1 || echo 0)" "calls up after the drain: $up"
check "$([[ $sessions == 0 && $ports == 0 ]] && echo 1 || echo 0)" "media sessions / port pairs in use after the drain: $sessions / $ports"
check "$([[ $tx == 0 ]] && echo 1 || echo 0)" "SIP transactions after the drain: $tx"
check "$(awk -v f="$failed" -v c="$created" 'BEGIN { print (c > 0 && 100 * f / c < 1) ? 1 : 0 }')" "failed calls $failed of $created (< 1 %)"
{
  echo "# soak $(date -Is): $RATE calls/s for ${DURATION}s, ${HOLD}s calls with RTP both ways (PCMU, relayed); $RAMP_NOTE"
  echo "# gateway pid $GW_PID, $GW_HEAP ${GW_JAVA_OPTS:-}; RSS idle before the soak $(mb "$rss_idle"); karaf.log WARN/ERROR lines: $warns"
  echo "# sipp: $created calls placed, $ok ok, $failed failed, $retrans retransmissions; gateway Calls.Attempts during the soak $taken"
  cat "$CHECKS"
  echo "soak: $verdict — $RATE calls/s, ${DURATION}s, heap after GC $(mb "$baseline") → $(mb "${last_load:-0}") under load, $(mb "$heap_drained") drained; $((cdr1 - cdr0)) CDRs for $taken calls taken; stuck: $up calls, $sessions sessions, $tx transactions"
} | tee "$OUT/summary.txt"

if [[ $RECORD == 1 ]]; then
  {
    echo
    echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$BENCH/.." rev-parse --short HEAD 2>/dev/null)$(git -C "$BENCH/.." diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes'): $verdict"
    echo
    echo "\`bench/soak.sh --duration $DURATION$([[ $RAMP_NOTE == rate* ]] && echo " --rate $RATE") --hold $HOLD\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
    echo "$(java -version 2>&1 | head -1), gateway \`$GW_HEAP ${GW_JAVA_OPTS:-}\`, load before the soak $(loadavg)."
    echo "$RAMP_NOTE: **$RATE calls/s**, ${HOLD}s calls, about $((RATE * HOLD)) up at once, RTP both ways."
    [[ -f $OUT/ramp.txt ]] && { echo; echo '```'; cat "$OUT/ramp.txt"; echo '```'; }
    echo
    echo '```'
    cat "$SAMPLES"
    echo '```'
    echo
    sed 's/^/    /' "$CHECKS"
    echo
    echo "sipp: $created calls placed, $ok ok, $failed failed, $retrans retransmissions. RSS idle before the soak $(mb "$rss_idle"). Output: \`bench/${OUT#"$BENCH/"}\`."
  } >>"$BENCH/SOAK.md"
  log "appended to bench/SOAK.md"
fi
echo "# output in $OUT"
[[ $verdict == PASS ]]
