#!/usr/bin/env bash
# Repeated wrong passwords ban the source (the registrar's max.auth.failures / auth.ban.seconds,
# checked here across addresses): from 198.18.10.12 (a network namespace of this test) 20 REGISTERs
# with a wrong password; after max.auth.failures (5) the source gets 403, even with the right
# password, while 198.18.10.13 registers the same user with digest. tabphone:bans lists the ban and
# tabphone:ban-lift lets the source in again at once.
set -euo pipefail
E2E=$(cd "$(dirname "$0")/.." && pwd)
OUT="$E2E_OUT/acl-auth-ban"
rm -rf "$OUT"; mkdir -p "$OUT"
# own addresses: the guesser stays banned for auth.ban.seconds, and the other acl tests use .2/.3
export TABPHONE_NETNS=tabphone-acl TABPHONE_NETNS_HOST_IP=198.18.10.1 TABPHONE_NETNS_PEER_IP=198.18.10.12 \
       TABPHONE_NETNS_HOST_IF=tpacl-host TABPHONE_NETNS_PEER_IF=tpacl-ns
GW=198.18.10.1 GUESSER=198.18.10.12 CLIENT=198.18.10.13
register() { ip netns exec "$TABPHONE_NETNS" python3 "$E2E/digest-register.py" "$@"; }
cleanup() {
  "$E2E/browser/netns.sh" down || true
  rm -f "$GATEWAY_HOME/etc/org.tabphone.tenant-bane2e.cfg"
}
trap cleanup EXIT

"$E2E/browser/netns.sh" up
ip -n "$TABPHONE_NETNS" addr add "$CLIENT/24" dev "$TABPHONE_NETNS_PEER_IF"
"$E2E/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" bane2e ban.tabphone.test 3400 1 "$OUT/users.csv"
for i in $(seq 1 50); do # live once its own realm answers (until then the fallback tenant takes the domain)
  [ "$(ip netns exec "$TABPHONE_NETNS" python3 "$E2E/acl-probe.py" udp "$CLIENT" "$GW" REGISTER ban.tabphone.test realm)" \
    = "401 ban.tabphone.test" ] && break
  sleep 0.2
done

codes=()
for i in $(seq 1 20); do codes+=("$(register "$GUESSER" "$GW" 3400 wrong"$i" ban.tabphone.test)"); done
echo "acl-auth-ban: 20 wrong passwords from $GUESSER got: ${codes[*]}"
[ "${codes[0]}" = 401 ] || { echo "the first wrong password got ${codes[0]}, expected 401"; exit 1; }
[ "${codes[19]}" = 403 ] || { echo "the 20th wrong password got ${codes[19]}, expected 403 (banned)"; exit 1; }
got=$(register "$GUESSER" "$GW" 3400 pw3400 ban.tabphone.test)
[ "$got" = 403 ] || { echo "the banned source with the right password got $got, expected 403"; exit 1; }
echo "acl-auth-ban: $GUESSER is banned (403 even with the right password)"
got=$(register "$CLIENT" "$GW" 3400 pw3400 ban.tabphone.test)
[ "$got" = 200 ] || { echo "another source registering the same user got $got, expected 200"; exit 1; }
echo "acl-auth-ban: $CLIENT still registers the same user (200)"

# the operator sees the ban and lifts it: the source registers again at once
bans=$(karaf_ssh "tabphone:bans")
echo "$bans" | grep -Eq "^ *$GUESSER +\| +[0-9]+ +\| +yes" || { echo "tabphone:bans does not show $GUESSER banned:"; echo "$bans"; exit 1; }
echo "acl-auth-ban: tabphone:bans shows $GUESSER banned"
karaf_ssh "tabphone:ban-lift $GUESSER" | grep -q "may register again" || { echo "tabphone:ban-lift $GUESSER failed"; exit 1; }
got=$(register "$GUESSER" "$GW" 3400 pw3400 ban.tabphone.test)
[ "$got" = 200 ] || { echo "after tabphone:ban-lift the source with the right password got $got, expected 200"; exit 1; }
echo "acl-auth-ban: after tabphone:ban-lift $GUESSER registers again (200)"
karaf_ssh "tabphone:bans" | grep -q "$GUESSER" && { echo "tabphone:bans still lists $GUESSER after the lift and a success"; exit 1; }
true
