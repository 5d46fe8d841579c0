#!/usr/bin/env bash
# Per-source rate limit: sipp floods REGISTER at 2000/s from 198.18.10.2 (a network namespace of
# this test); the gateway lets the source's rate through (100/s, bursts of 200 by default), tells it
# 503 once a second and drops the rest, while sipp registers with digest from 198.18.10.3 during
# the flood. A second after the flood the flooder is served again.
set -euo pipefail
E2E=$(cd "$(dirname "$0")/.." && pwd)
OUT="$E2E_OUT/acl-rate-limit"
rm -rf "$OUT"; mkdir -p "$OUT"
export TABPHONE_NETNS=tabphone-acl TABPHONE_NETNS_HOST_IP=198.18.10.1 TABPHONE_NETNS_PEER_IP=198.18.10.2 \
       TABPHONE_NETNS_HOST_IF=tpacl-host TABPHONE_NETNS_PEER_IF=tpacl-ns
GW=198.18.10.1 FLOODER=198.18.10.2 CLIENT=198.18.10.3
in_ns() { ip netns exec "$TABPHONE_NETNS" "$@"; }
probe() { in_ns python3 "$E2E/acl-probe.py" "$@"; }
cleanup() {
  [ -n "${flood_pid:-}" ] && kill "$flood_pid" 2>/dev/null || true
  "$E2E/browser/netns.sh" down || true
  rm -f "$GATEWAY_HOME/etc/org.tabphone.tenant-floode2e.cfg"
}
trap cleanup EXIT

"$E2E/browser/netns.sh" up
ip -n "$TABPHONE_NETNS" addr add "$CLIENT/24" dev "$TABPHONE_NETNS_PEER_IF"
"$E2E/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" floode2e flood.tabphone.test 3100 1 "$OUT/user.csv"
# live once its own realm answers (until then the fallback tenant, demo, takes the domain)
for i in $(seq 1 50); do [ "$(probe udp "$CLIENT" "$GW" REGISTER flood.tabphone.test realm)" = "401 flood.tabphone.test" ] && break; sleep 0.2; done
printf 'SEQUENTIAL\n3199;x;flood.tabphone.test\n' >"$OUT/flood.csv"
before=$(karaf_ssh "tabphone:acl-list" | tr -d '\r' | grep -o '[0-9]* rate-limited' | cut -d' ' -f1)

(cd "$OUT" && in_ns timeout 60 sipp "$GW:$SIP_UDP_PORT" -i "$FLOODER" -p 0 -sf "$E2E/sipp/flood-register.xml" \
  -inf "$OUT/flood.csv" -t u1 -r 2000 -m 8000 -l 8000 -recv_timeout 500 -nostdin -timeout 30s \
  -trace_stat -stf flood.stats.csv >flood.out 2>&1) &
flood_pid=$!
sleep 1
# a legitimate client registers with digest while the flood goes on
(cd "$OUT" && in_ns timeout 20 sipp "$GW:$SIP_UDP_PORT" -i "$CLIENT" -p 0 -sf "$E2E/sipp/register-digest.xml" \
  -inf "$OUT/user.csv" -t u1 -m 1 -nostdin -timeout 15s -recv_timeout 5s -trace_err -error_file client.errors.log \
  >client.out 2>&1) || { echo "the legitimate client could not register during the flood"; tail -20 "$OUT/client.errors.log"; exit 1; }
kill -0 "$flood_pid" 2>/dev/null || { echo "the flood was over before the client registered; raise -m"; exit 1; }
echo "acl-rate-limit: $CLIENT registered with digest while $FLOODER flooded"
wait "$flood_pid" || true
flood_pid=

after=$(karaf_ssh "tabphone:acl-list" | tr -d '\r' | tee "$OUT/acl-list.txt" | grep -o '[0-9]* rate-limited' | cut -d' ' -f1)
limited=$(( after - ${before:-0} ))
[ "$limited" -gt 5000 ] || { echo "only $limited of 8000 flood requests were rate-limited"; cat "$OUT/acl-list.txt"; exit 1; }
grep -q "rate limit: REGISTER from /$FLOODER" "$GATEWAY_HOME/data/log/karaf.log" \
  || { echo "no rate-limit log line for $FLOODER"; exit 1; }
echo "acl-rate-limit: $limited of 8000 flood REGISTERs rate-limited (503 once a second, the rest dropped)"

sleep 2.5 # a full bucket again (burst 200 at 100/s)
got=$(probe udp "$FLOODER" "$GW" REGISTER flood.tabphone.test)
[ "$got" = 401 ] || { echo "after the flood, $FLOODER got $got, expected to be served (401)"; exit 1; }
echo "acl-rate-limit: after the flood $FLOODER is served again"
