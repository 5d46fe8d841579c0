#!/usr/bin/env bash
# Issue 12 resource limits: memory returns to baseline after 10,000 calls. A sipp UAC calls a sipp
# UAS registered (MD5 digest) as the one user of a tenant added live, through the B2BUA over UDP,
# SDP anchored as always (two media port pairs bound per call, no RTP): INVITE, 180, 200, ACK, BYE
# at once, 200 (bench/calls/uac-call.xml and uas-answer.xml). 500 calls warm up the JIT and the
# pools; once every transaction of theirs has expired (non-INVITE server transactions linger
# 64*T1 = 32 s over UDP, RFC 3261 Timer J), the gateway's live heap is the baseline: two full GCs
# (jcmd GC.run), then jcmd GC.class_histogram's total (the live objects only: it forces a full
# GC itself). Then 10,000 calls at RATE/s, every one successful; live calls, media sessions and
# SIP transactions must return to 0 within their timers, and the live heap measured the same way
# must be within the bound below of the baseline. Prints both figures and, on failure, the classes
# that grew most. Logs in $E2E_OUT/memory/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT="$E2E_OUT/memory"
rm -rf "$OUT" && mkdir -p "$OUT"
CALLS=${CALLS:-10000}
WARMUP_CALLS=${WARMUP_CALLS:-500}
RATE=${RATE:-400}
# The bound: 5 % of the baseline live heap, and never under 4 MB. What legitimately moves the live
# heap between two idle moments: Netty's pooled buffer arenas and per-thread caches (chunks are
# kept once allocated, a few MB at most, and already sized by the warm-up), JIT-side Java objects
# (MethodHandles, lambda forms) and Karaf's log buffers. A leak of one small object per call
# (~100 B: a map entry, a timer task) is 1 MB over 10,000 calls, and a leaked call (its legs,
# dialogs, SDP and transaction state, several kB) is tens of MB: both exceed the bound or show up
# as a class growing by ~10,000 instances in the printed histogram.
MIN_BOUND_BYTES=$((4 * 1024 * 1024))
DOMAIN=memory.tabphone.test CALLEE=7000
UAS_PORT=15180 UAC_PORT=15190 # outside the gateway's media range (20000-29999)
CFG="$GATEWAY_HOME/etc/org.tabphone.tenant-memory.cfg" USERS="$GATEWAY_HOME/etc/tabphone/memory.users"
type karaf_ssh >/dev/null 2>&1 || karaf_ssh() {
  sshpass -p admin ssh -q -p "${SSH_PORT:-8101}" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@"
}
say() { echo "calls-memory: $*"; }
fail() { say "FAIL — $*"; exit 1; }
command -v sipp >/dev/null || fail "sipp missing (apt-get install sip-tester)"
command -v jcmd >/dev/null || fail "jcmd missing (a JDK, not a JRE)"
GW_PID=$(cat "$GATEWAY_HOME/karaf.pid" 2>/dev/null) && kill -0 "$GW_PID" 2>/dev/null || fail "no gateway pid in $GATEWAY_HOME/karaf.pid"

# JMX attributes of org.tabphone:type=... through Karaf's RMI connector (JmxGet compiled once)
JMX_URL="service:jmx:rmi:///jndi/rmi://127.0.0.1:$(sed -nE 's/^rmiRegistryPort *= *//p' "$GATEWAY_HOME/etc/org.apache.karaf.management.cfg")/karaf-root"
javac -d "$OUT/classes" "$ROOT/bench/registrar/JmxGet.java"
jmx() { java -cp "$OUT/classes" JmxGet "$JMX_URL" "$@" | cut -d= -f2 | tr '\n' ' ' | sed 's/ $//'; }

UAS_PID=""
memory_users() { karaf_ssh tabphone:tenants 2>/dev/null | awk -F'|' '$1 ~ /^ *memory *$/ { gsub(/ /, "", $5); print $5 }'; }
cleanup() {
  [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null || true
  rm -f "$CFG" "$USERS"
  for _ in $(seq 1 20); do [ -z "$(memory_users)" ] && break; sleep 0.5; done
}
trap cleanup EXIT

"$HERE/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" memory "$DOMAIN" "$CALLEE" 1 "$OUT/callee.csv"
for i in $(seq 1 40); do [ "$(memory_users)" = 1 ] && break; [ "$i" = 40 ] && fail "tenant memory never listed its user"; sleep 0.5; done
(cd "$OUT" && timeout 20 sipp 127.0.0.1:"$SIP_UDP_PORT" -i 127.0.0.1 -p $UAS_PORT -t u1 -sf "$HERE/sipp/register-digest.xml" \
  -inf "$OUT/callee.csv" -m 1 -nostdin -recv_timeout 2s -timeout 10s >register.out 2>&1) || fail "callee did not register (see $OUT/register.out)"
(cd "$OUT" && exec sipp -sf "$ROOT/bench/calls/uas-answer.xml" -s "$CALLEE" -i 127.0.0.1 -p $UAS_PORT -t u1 -nd -nostdin \
  -max_recv_loops 10000 -max_sched_loops 10000 -buff_size 8388608 -trace_err -error_file uas.errors.log >uas.out 2>&1) &
UAS_PID=$!
sleep 0.5
kill -0 "$UAS_PID" 2>/dev/null || fail "the UAS sipp did not start (see $OUT/uas.out)"

# run_calls <name> <calls>: sipp's final counts in "ok failed seconds"
run_calls() {
  local name=$1 calls=$2
  (cd "$OUT" && timeout $((calls / RATE + 90)) sipp 127.0.0.1:"$SIP_UDP_PORT" -i 127.0.0.1 -p $UAC_PORT -t u1 -nd -nostdin \
    -sf "$ROOT/bench/calls/uac-call.xml" -s "$CALLEE" -key domain "$DOMAIN" -r "$RATE" -m "$calls" -l 2000 \
    -recv_timeout 5s -timeout $((calls / RATE + 60))s -max_recv_loops 10000 -max_sched_loops 10000 -buff_size 8388608 \
    -trace_stat -stf "$name.stats.csv" -fd 1 -trace_err -error_file "$name.errors.log" >"$name.out" 2>&1) || true
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
    END { split(last, f, ";"); split(f[col["StartTime"]], s, "\t"); split(f[col["CurrentTime"]], c, "\t")
          printf "%d %d %.1f\n", f[col["SuccessfulCall(C)"]], f[col["FailedCall(C)"]], c[3] - s[3] }' "$OUT/$name.stats.csv"
}

# drained <seconds>: waits until no call or media session is live and the SIP transactions are back to
# what was live before this test's calls ($TX_BEFORE: what earlier tests on this gateway left
# running); prints how long it took
drained() {
  local limit=$1 start=$SECONDS state
  while :; do
    state=$(jmx Calls.Active Media.ActiveSessions Transports.Transactions)
    read -r c m t <<<"$state"
    [ "$c" = 0 ] && [ "$m" = 0 ] && [ "$t" -le "$TX_BEFORE" ] && { echo $((SECONDS - start)); return 0; }
    if [ $((SECONDS - start)) -ge "$limit" ]; then
      say "after ${limit}s: live calls / media sessions / transactions = $state; tabphone:calls and tabphone:media:" >&2
      karaf_ssh tabphone:calls 2>/dev/null | tr -d '\r' | head -20 | sed 's/^/calls-memory:   /' >&2 || true
      karaf_ssh tabphone:media 2>/dev/null | tr -d '\r' | head -20 | sed 's/^/calls-memory:   /' >&2 || true
      return 1
    fi
    sleep 2
  done
}

# live_heap <name>: two full GCs, then the histogram of live objects; prints its total bytes
live_heap() {
  jcmd "$GW_PID" GC.run >/dev/null
  jcmd "$GW_PID" GC.run >/dev/null
  jcmd "$GW_PID" GC.class_histogram >"$OUT/$1.histo"
  jcmd "$GW_PID" GC.heap_info >"$OUT/$1.heap_info"
  awk '$1 == "Total" { print $3 }' "$OUT/$1.histo"
}

TX_BEFORE=$(jmx Transports.Transactions)
[ "$TX_BEFORE" -eq 0 ] || say "note: $TX_BEFORE SIP transactions were live before this test's calls (earlier tests')"
read -r ok failed secs < <(run_calls warmup "$WARMUP_CALLS")
say "warm-up: $ok calls ok, $failed failed in ${secs}s"
[ "$ok" -eq "$WARMUP_CALLS" ] || fail "warm-up: only $ok of $WARMUP_CALLS calls succeeded (see $OUT/warmup.errors.log)"
took=$(drained "${DRAIN_LIMIT:-45}") || fail "the warm-up's calls, media sessions or transactions were still live after ${DRAIN_LIMIT:-45} s"
say "warm-up drained: 0 live calls, media sessions and transactions ${took}s after the last call"
base=$(live_heap baseline)

t0=$SECONDS
read -r ok failed secs < <(run_calls load "$CALLS")
rate=$(awk -v n="$ok" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
say "$ok calls ok, $failed failed in ${secs}s ($rate calls/s); gateway: $(karaf_ssh tabphone:calls 2>/dev/null | tr -d '\r' | grep 'live;' || true)"
[ "$ok" -eq "$CALLS" ] && [ "$failed" -eq 0 ] || fail "not every call succeeded (see $OUT/load.errors.log)"
state=$(jmx Calls.Active Media.ActiveSessions)
say "right after the last call: live calls / media sessions = $state; live transactions $(jmx Transports.Transactions)"
took=$(drained 45) || fail "calls, media sessions or transactions still live 45 s after the last call"
say "drained: 0 live calls, media sessions and transactions ${took}s after the last call (Timer J: 32 s)"
after=$(live_heap after)

bound=$((base / 20 > MIN_BOUND_BYTES ? base / 20 : MIN_BOUND_BYTES))
growth=$((after - base))
say "live heap after full GC: baseline $((base / 1024)) kB after $WARMUP_CALLS calls, $((after / 1024)) kB after $CALLS more;" \
  "growth $((growth / 1024)) kB ($(awk -v g="$growth" -v b="$base" 'BEGIN { printf "%.2f", 100 * g / b }') %), bound $((bound / 1024)) kB;" \
  "heap used: $(grep -o 'used [0-9]*K' "$OUT/baseline.heap_info" | head -1) → $(grep -o 'used [0-9]*K' "$OUT/after.heap_info" | head -1)"
say "$((SECONDS - t0))s from the start of the load to the second measurement; ${SECONDS}s in all"
if [ "$growth" -gt "$bound" ]; then
  say "classes that grew most (instances, bytes):"
  awk 'FNR == NR { if ($1 ~ /^[0-9]+:$/) { n[$4] = $2; b[$4] = $3 } next }
       $1 ~ /^[0-9]+:$/ { d = $3 - b[$4]; if (d > 0) printf "%12d %8d %s\n", d, $2 - n[$4], $4 }' \
    "$OUT/baseline.histo" "$OUT/after.histo" | sort -rn | head -15 | sed 's/^/calls-memory:   /'
  fail "the live heap grew by $((growth / 1024)) kB over $CALLS calls (bound $((bound / 1024)) kB)"
fi
say "memory returned to baseline"
