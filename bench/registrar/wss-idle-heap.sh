#!/usr/bin/env bash
# Heap per idle WSS registration: N WebSocket-over-TLS connections (subprotocol "sip"), each
# registering a different user with MD5 digest and then staying open and idle. Measures the
# gateway's live heap after a full GC before and after (GC.class_histogram total = live object
# bytes; GC.heap_info "used" as a cross-check), the RSS, and prints (after - before) / N.
# A warm-up of a few registrations on sockets that are then closed runs before the baseline, so
# one-time costs (TLS context, classes' static caches, JIT) stay out of the delta. At the end the
# client closes every socket and the live heap is measured once more: what is still held then
# (per registration) should be about zero. Also checks that N bindings are held (JMX and the shell).
#
# Usage: bench/registrar/wss-idle-heap.sh [N]          (default 10000)
# Environment: CONCURRENCY (100 registrations in flight), WARMUP (200), IDLE_SECONDS (10),
#   KEEP_GATEWAY=1, and GW_* from gateway.sh (GW_HEAP here: "-Xms1g -Xmx1g -XX:+AlwaysPreTouch").
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# A fixed, pre-touched heap: the RSS delta then shows memory outside the Java heap (direct buffers,
# native TLS state, malloc), not heap pages first touched during the run.
GW_HEAP=${GW_HEAP:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}
. "$BENCH_DIR/gateway.sh"

N=${1:-10000}
CONCURRENCY=${CONCURRENCY:-100}
WARMUP=${WARMUP:-200}
IDLE_SECONDS=${IDLE_SECONDS:-10}
DOMAIN=wss.bench.test
FIRST=200000
OUT=$BENCH_DIR/target/wss-idle-heap/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
URL="wss://127.0.0.1:$WSS_PORT/ws"

raise_nofile 65536
if [[ $(ulimit -n) -lt $((N + 2000)) ]]; then
  echo "open files limit $(ulimit -n) is too low for $N connections (client and gateway each need N + ~2000)" >&2
  exit 2
fi
[[ -d $BENCH_DIR/node_modules/ws ]] || (cd "$BENCH_DIR" && npm ci --no-audit --no-fund >/dev/null)

gw_prepare
gw_tenant wss "$DOMAIN" "$FIRST" "$N" "$BENCH_DIR/target/wss-users.csv" $((N * 2))
gw_start
CLIENT_PID=""
cleanup() {
  [[ -n $CLIENT_PID ]] && kill "$CLIENT_PID" 2>/dev/null || true
  [[ ${KEEP_GATEWAY:-0} == 1 ]] || gw_stop
}
trap cleanup EXIT
GW_PID=$(gw_pid)
log "gateway open files limit: $(awk '/Max open files/ { print $4 }' /proc/$GW_PID/limits)"

client() { node "$BENCH_DIR/wss-register.mjs" --url "$URL" --domain "$DOMAIN" --first "$FIRST" "$@"; }
tenant_count() { gw_jmx Registrations.CountByTenant | sed -nE 's/.*[{ ,]wss=([0-9]+).*/\1/p' | grep . || echo 0; }

# heap <label>: two full GCs, then live bytes by class histogram and G1's used figure, and RSS
heap() {
  local label=$1
  jcmd "$GW_PID" GC.run >/dev/null
  sleep 1
  jcmd "$GW_PID" GC.class_histogram >"$OUT/histo-$label.txt" # -all not given: forces a full GC, live objects only
  jcmd "$GW_PID" GC.heap_info >"$OUT/heap-$label.txt"
  LIVE=$(awk '$1 == "Total" { print $3 }' "$OUT/histo-$label.txt")
  USED=$(sed -nE 's/.*heap +total [0-9]+K, used ([0-9]+)K.*/\1/p' "$OUT/heap-$label.txt" | head -1)
  USED=$((USED * 1024))
  RSS=$(awk '/^VmRSS/ { print $2 * 1024 }' /proc/$GW_PID/status)
  log "$label: live objects $LIVE B, G1 used $USED B, RSS $RSS B, load $(loadavg)"
}

for ((i = 0; i < 30; i++)); do # the tenant is live once FileInstall has read it
  client --count 1 --no-hold >"$OUT/probe.out" 2>&1 && break
  [[ $i -eq 29 ]] && { echo "tenant 'wss' never became live: $(cat "$OUT/probe.out")" >&2; exit 1; }
  sleep 1
done
log "warm-up: $WARMUP registrations on sockets then closed"
client --count "$WARMUP" --concurrency "$CONCURRENCY" --no-hold >"$OUT/warmup.out" 2>&1 || { cat "$OUT/warmup.out" >&2; exit 1; }
for ((i = 0; i < 20; i++)); do [[ $(tenant_count) -eq 0 ]] && break; sleep 1; done
log "bindings of tenant wss after the warm-up sockets closed: $(tenant_count)"
sleep 2

heap before
LIVE0=$LIVE USED0=$USED RSS0=$RSS
LOAD0=$(loadavg)

log "opening $N WSS connections, $CONCURRENCY registrations in flight"
# node itself in the background (not the client function: $! would be a subshell, not node)
node "$BENCH_DIR/wss-register.mjs" --url "$URL" --domain "$DOMAIN" --first "$FIRST" --count "$N" \
  --concurrency "$CONCURRENCY" >"$OUT/client.out" 2>"$OUT/client.err" &
CLIENT_PID=$!
while ! grep -q '^READY' "$OUT/client.out"; do
  kill -0 "$CLIENT_PID" 2>/dev/null || { echo "client died: $(cat "$OUT/client.err")" >&2; exit 1; }
  sleep 1
done
READY=$(grep '^READY' "$OUT/client.out")
log "client: $READY; idling ${IDLE_SECONDS}s"
sleep "$IDLE_SECONDS"

COUNT=$(tenant_count)
FLOWS=$(gw_jmx Transports.Flows | cut -d= -f2)
heap after
LIVE1=$LIVE USED1=$USED RSS1=$RSS
LOAD1=$(loadavg)
SHELL_COUNT=$(gw_shell tabphone:registrations wss | tail -1 | tr -d '\r')

kill -TERM "$CLIENT_PID"
wait "$CLIENT_PID" 2>/dev/null || true
CLIENT_PID=""
CLOSING=$(grep '^CLOSING' "$OUT/client.out" || echo "CLOSING (no line)")
for ((i = 0; i < 20; i++)); do [[ $(tenant_count) -eq 0 ]] && break; sleep 1; done
AFTER_CLOSE=$(tenant_count)
sleep 2
heap closed # what stays once every socket is closed and every binding gone: should be back near "before"
LIVE2=$LIVE USED2=$USED RSS2=$RSS

registered=$(sed -nE 's/.*registered=([0-9]+).*/\1/p' <<<"$READY")
{
  echo "# wss-idle-heap $(date -Is) on $(nproc) cores; gateway pid $GW_PID, JVM $GW_HEAP ${GW_JAVA_OPTS:-} ($(java -version 2>&1 | head -1))"
  echo "connections / registrations asked      $N"
  echo "client                                  $READY"
  [[ -s $OUT/client.err ]] && sed 's/^/client stderr                           /' "$OUT/client.err"
  echo "bindings held (JMX CountByTenant wss)   $COUNT; tabphone:registrations wss says: $SHELL_COUNT"
  echo "gateway flows (JMX Transports.Flows)    $FLOWS"
  awk -v n="$registered" -v l0="$LIVE0" -v l1="$LIVE1" -v u0="$USED0" -v u1="$USED1" -v r0="$RSS0" -v r1="$RSS1" \
      -v l2="$LIVE2" 'BEGIN {
    if (n == 0) n = 1
    printf "live heap (class histogram) before/after %.1f / %.1f MB: %+d B per idle registration\n", l0 / 1048576, l1 / 1048576, (l1 - l0) / n
    printf "G1 used after full GC before/after      %.1f / %.1f MB: %+d B per idle registration\n", u0 / 1048576, u1 / 1048576, (u1 - u0) / n
    printf "RSS before/after                        %.1f / %.1f MB: %+d B per idle registration\n", r0 / 1048576, r1 / 1048576, (r1 - r0) / n
    printf "live heap once all sockets closed       %.1f MB: %+d B per registration still held\n", l2 / 1048576, (l2 - l0) / n
  }'
  echo "load (1 5 15 min) before / after        $LOAD0 / $LOAD1"
  echo "client at close                         $CLOSING"
  echo "bindings of tenant wss after the client closed its sockets: $AFTER_CLOSE"
  echo "# classes that grew most (live bytes after - before, instances after - before; per registration):"
  awk -v n="$registered" 'FNR == NR && $1 ~ /^[0-9]+:$/ && NF >= 4 { b[$4] += $3; c[$4] += $2; next }
    $1 ~ /^[0-9]+:$/ && NF >= 4 { a[$4] += $3; ai[$4] += $2 }
    END { for (k in a) { d = a[k] - b[k]; if (d > 0) printf "%12d %9d %8.1f  %s\n", d, ai[k] - c[k], d / (n ? n : 1), k } }' \
    "$OUT/histo-before.txt" "$OUT/histo-after.txt" | sort -rn | awk 'NR <= 20' | sed 's/^/#  /'
  echo "# classes still grown once all sockets closed (live bytes closed - before, instances):"
  awk -v n="$registered" 'FNR == NR && $1 ~ /^[0-9]+:$/ && NF >= 4 { b[$4] += $3; c[$4] += $2; next }
    $1 ~ /^[0-9]+:$/ && NF >= 4 { a[$4] += $3; ai[$4] += $2 }
    END { for (k in a) { d = a[k] - b[k]; if (d > 0) printf "%12d %9d %8.1f  %s\n", d, ai[k] - c[k], d / (n ? n : 1), k } }' \
    "$OUT/histo-before.txt" "$OUT/histo-closed.txt" | sort -rn | awk 'NR <= 8' | sed 's/^/#  /'
  echo "# histograms and client output in $OUT"
} | tee "$OUT/summary.txt"
