#!/usr/bin/env bash
# Access rules on every transport. A network namespace (198.18.10.0/24, its own, beside the
# browser tests' one) gives two source addresses: 198.18.10.2 gets denied, 198.18.10.3 stays
# allowed. A rule added with tabphone:acl-add must apply within 2 s; then REGISTER and INVITE from
# the denied address get 403 on UDP, TCP, TLS, WS and WSS while the allowed address reaches the
# registrar (401 challenge) and the B2BUA (407); the denied address still reaches a tenant without
# the rule, and sipp registers from the allowed one; behind a trusted proxy the X-Forwarded-For
# client is judged (and only then); a scanner's User-Agent gets no answer;
# tabphone:acl-remove lets the first address in again.
set -euo pipefail
E2E=$(cd "$(dirname "$0")/.." && pwd)
OUT="$E2E_OUT/acl"
rm -rf "$OUT"; mkdir -p "$OUT"
export TABPHONE_NETNS=tabphone-acl TABPHONE_NETNS_HOST_IP=198.18.10.1 TABPHONE_NETNS_PEER_IP=198.18.10.2 \
       TABPHONE_NETNS_HOST_IF=tpacl-host TABPHONE_NETNS_PEER_IF=tpacl-ns
GW=198.18.10.1 DENIED=198.18.10.2 ALLOWED=198.18.10.3
in_ns() { ip netns exec "$TABPHONE_NETNS" "$@"; }
probe() { in_ns python3 "$E2E/acl-probe.py" "$@"; } # probe <transport> <source> <gateway> <method>

rule_position() { # the position of our rule in the demo tenant's list, if it is there
  karaf_ssh "tabphone:acl-list demo" | tr -d '\r' | awk -F'|' -v ip="$DENIED/32" \
    '$4 ~ ip {gsub(/ /, "", $2); print $2; exit}'
}
cleanup() {
  local p
  karaf_ssh "config:property-set -p org.tabphone.acl trusted.proxies ''" >/dev/null 2>&1 || true
  p=$(rule_position 2>/dev/null || true)
  [ -n "$p" ] && karaf_ssh "tabphone:acl-remove demo $p" >/dev/null 2>&1 || true
  "$E2E/browser/netns.sh" down || true
  rm -f "$GATEWAY_HOME/etc/org.tabphone.tenant-acle2e.cfg"
}
trap cleanup EXIT

"$E2E/browser/netns.sh" up
ip -n "$TABPHONE_NETNS" addr add "$ALLOWED/24" dev "$TABPHONE_NETNS_PEER_IF"

# before any rule, the first address is served like any other
got=$(probe udp "$DENIED" "$GW" REGISTER)
[ "$got" = 401 ] || { echo "before the rule, REGISTER from $DENIED got $got (expected the registrar's 401)"; exit 1; }

karaf_ssh "tabphone:acl-add demo deny $DENIED/32" | tr -d '\r' | tee "$OUT/acl-add.txt"
start=$(date +%s%N)
until [ "$(probe udp "$DENIED" "$GW" REGISTER)" = 403 ]; do
  [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 2000 ] || { echo "the rule added in the shell did not apply within 2 s"; exit 1; }
  sleep 0.1
done
echo "acl: a rule added with tabphone:acl-add applied after $(( ($(date +%s%N) - start) / 1000000 )) ms"

for t in udp tcp tls ws wss; do
  for m in REGISTER INVITE; do
    got=$(probe "$t" "$DENIED" "$GW" "$m")
    [ "$got" = 403 ] || { echo "$m over $t from denied $DENIED got $got, expected 403"; exit 1; }
  done
  got=$(probe "$t" "$ALLOWED" "$GW" REGISTER)
  [ "$got" = 401 ] || { echo "REGISTER over $t from allowed $ALLOWED got $got, expected 401"; exit 1; }
  got=$(probe "$t" "$ALLOWED" "$GW" INVITE)
  [ "$got" = 407 ] || { echo "INVITE over $t from allowed $ALLOWED got $got, expected 407"; exit 1; }
  echo "acl: $t: REGISTER and INVITE from $DENIED get 403; from $ALLOWED they reach the registrar (401) and the B2BUA (407)"
done

# rules are per tenant: the denied address still reaches another tenant, and sipp (a peer nobody
# here wrote; it answers only MD5, hence its own tenant) registers with digest from the allowed one
"$E2E/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" acle2e acl.tabphone.test 3000 1 "$OUT/user.csv"
# live once its own realm answers (until then the fallback tenant, demo, takes the domain)
for i in $(seq 1 50); do [ "$(probe udp "$ALLOWED" "$GW" REGISTER acl.tabphone.test realm)" = "401 acl.tabphone.test" ] && break; sleep 0.2; done
got=$(probe udp "$DENIED" "$GW" REGISTER acl.tabphone.test)
[ "$got" = 401 ] || { echo "REGISTER from $DENIED to tenant acle2e (no rules) got $got, expected 401"; exit 1; }
echo "acl: $DENIED, denied by tenant demo, still reaches tenant acle2e"
(cd "$OUT" && timeout 30 ip netns exec "$TABPHONE_NETNS" sipp "$GW:$SIP_UDP_PORT" -i "$ALLOWED" -p 0 \
  -sf "$E2E/sipp/register-digest.xml" -inf "$OUT/user.csv" -t u1 -m 1 -nostdin -timeout 20s -recv_timeout 5s \
  -trace_err -error_file "$OUT/sipp-allowed.errors.log" >"$OUT/sipp-allowed.out" 2>&1) \
  || { echo "sipp could not register from the allowed address"; tail -20 "$OUT/sipp-allowed.errors.log" 2>/dev/null; exit 1; }
echo "acl: sipp registered with digest from $ALLOWED"

# behind a trusted proxy (here: this host, 127.0.0.1) the client named in X-Forwarded-For is judged
karaf_ssh "config:property-set -p org.tabphone.acl trusted.proxies 127.0.0.1/32" >/dev/null
for t in ws wss; do
  for i in $(seq 1 20); do [ "$(ACL_PROBE_XFF="$DENIED" python3 "$E2E/acl-probe.py" "$t" 127.0.0.1 127.0.0.1 REGISTER)" = 403 ] && break; sleep 0.1; done
  got=$(ACL_PROBE_XFF="$DENIED" python3 "$E2E/acl-probe.py" "$t" 127.0.0.1 127.0.0.1 REGISTER)
  [ "$got" = 403 ] || { echo "$t via trusted proxy 127.0.0.1 for $DENIED got $got, expected 403"; exit 1; }
  got=$(ACL_PROBE_XFF="$ALLOWED" python3 "$E2E/acl-probe.py" "$t" 127.0.0.1 127.0.0.1 REGISTER)
  [ "$got" = 401 ] || { echo "$t via trusted proxy 127.0.0.1 for $ALLOWED got $got, expected 401"; exit 1; }
done
karaf_ssh "config:property-set -p org.tabphone.acl trusted.proxies ''" >/dev/null
for i in $(seq 1 20); do [ "$(ACL_PROBE_XFF="$DENIED" python3 "$E2E/acl-probe.py" ws 127.0.0.1 127.0.0.1 REGISTER)" = 401 ] && break; sleep 0.1; done
got=$(ACL_PROBE_XFF="$DENIED" python3 "$E2E/acl-probe.py" ws 127.0.0.1 127.0.0.1 REGISTER)
[ "$got" = 401 ] || { echo "without trusted proxies X-Forwarded-For still counted ($got)"; exit 1; }
echo "acl: X-Forwarded-For is judged only from a trusted proxy (WS and WSS)"

# a scanner's User-Agent gets no answer at all, even from an allowed address
got=$(ACL_PROBE_UA="friendly-scanner" probe udp "$ALLOWED" "$GW" REGISTER)
[ "$got" = timeout ] || { echo "a friendly-scanner REGISTER got $got, expected no answer"; exit 1; }
echo "acl: a REGISTER with User-Agent friendly-scanner is dropped unanswered"

list=$(karaf_ssh "tabphone:acl-list" | tr -d '\r'); echo "$list" >"$OUT/acl-list.txt"
grep -Eq "demo +\| 1 +\| deny +\| $DENIED/32" <<<"$list" || { echo "tabphone:acl-list does not show the rule:"; echo "$list"; exit 1; }
grep -Eq "denied by scope: \{.*demo=[1-9]" <<<"$list" || { echo "tabphone:acl-list shows no denials for demo:"; echo "$list"; exit 1; }
grep -q "ACL denied (403) REGISTER from /$DENIED" "$GATEWAY_HOME/data/log/karaf.log" \
  || { echo "no decision log line for $DENIED"; exit 1; }
grep -q "deny $DENIED/32" "$GATEWAY_HOME/etc/org.tabphone.tenant-demo.cfg" \
  || { echo "the rule was not stored in the tenant's configuration file"; exit 1; }

karaf_ssh "tabphone:acl-remove demo $(rule_position)" | tr -d '\r' | tee "$OUT/acl-remove.txt"
start=$(date +%s%N)
until [ "$(probe udp "$DENIED" "$GW" REGISTER)" = 401 ]; do
  [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 2000 ] || { echo "removing the rule did not apply within 2 s"; exit 1; }
  sleep 0.1
done
echo "acl: after tabphone:acl-remove, $DENIED is served again"
