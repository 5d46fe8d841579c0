#!/usr/bin/env bash
# kill -9 of Karaf while calls are up loses no finished CDR and leaves no torn record behind.
# Runs its own gateway (the built assembly unpacked under $E2E_OUT/cdr-kill9, on free ports, so it
# does not disturb the one e2e/run.sh started): two UDP callers call 1002 in a loop
# (e2e/cdr-kill9-calls.py) and the JVM is SIGKILLed mid-call, twice. After each restart every call
# whose BYE was answered at least $MARGIN_MS before the kill has its record (a call's record is
# queued when it ends and fsynced a moment later), tabphone:cdr-verify passes and the chain goes on.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="${E2E_OUT:-$ROOT/e2e/target}/cdr-kill9"
MARGIN_MS=${MARGIN_MS:-50}
TAR=$(ls "$ROOT"/karaf-assembly/target/tabphone-karaf-*.tar.gz | head -1)
rm -rf "$OUT" && mkdir -p "$OUT" && tar xzf "$TAR" -C "$OUT"
GW=$(echo "$OUT"/tabphone-karaf-*)

free_port() { python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.$1); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
UDP=$(free_port SOCK_DGRAM) SSH=$(free_port SOCK_STREAM) RMI1=$(free_port SOCK_STREAM) RMI2=$(free_port SOCK_STREAM)
set_key() { sed -i "s|^$2 *=.*|$2 = $3|" "$GW/etc/$1"; }
set_key org.tabphone.transport.cfg bind.address 127.0.0.1
set_key org.tabphone.transport.cfg udp.port "$UDP"
for k in tcp.port tls.port ws.port wss.port; do set_key org.tabphone.transport.cfg $k 0; done
set_key org.tabphone.media.cfg stun.port 0 # the gateway of the other e2e tests has 3478
set_key org.tabphone.agents.cfg stream.port 0 # and 8095
set_key org.apache.karaf.shell.cfg sshPort "$SSH"
set_key org.apache.karaf.management.cfg rmiRegistryPort "$RMI1"
set_key org.apache.karaf.management.cfg rmiServerPort "$RMI2"

shell() {
  sshpass -p admin ssh -q -p "$SSH" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@"
}
pid() { cat "$GW/karaf.pid" 2>/dev/null || true; }
stop() { local p; p=$(pid); [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; }
trap stop EXIT

start() {
  KARAF_OPTS="${KARAF_OPTS:-}" "$GW/bin/start"
  for _ in $(seq 1 120); do
    if shell "tabphone:cdrs -n 1" >/dev/null 2>&1 && ss -Hlun "sport = :$UDP" | grep -q .; then
      sleep 1 # the registrar and the call bundle come up around the listener
      return 0
    fi
    sleep 0.5
  done
  echo "cdr-kill9: FAIL — the gateway did not come up"; tail -50 "$GW/data/log/karaf.log"; exit 1
}

# the caller user parts of the records whose caller starts with $1-
# (ssh may end 255, "closed by remote host", after printing everything: the lists decide, not its status)
recorded() { { shell "tabphone:cdrs --caller $1- -n 1000000" 2>/dev/null || true; } | { grep -o "sip:$1-[0-9]*@" || true; } \
  | sed 's/^sip://; s/@$//' | sort -u; }

start
for round in 1 2; do
  calls="$OUT/finished-$round.txt"
  python3 "$ROOT/e2e/cdr-kill9-calls.py" "$UDP" "$(pid)" 3 "$calls" "k9r$round"
  for _ in $(seq 1 50); do kill -0 "$(pid)" 2>/dev/null || break; sleep 0.1; done
  start
  recorded "k9r$round" >"$OUT/recorded-$round.txt"
  awk -v m="$MARGIN_MS" '$2 >= m { print $1 }' "$calls" | sort -u >"$OUT/must-$round.txt"
  missing=$(comm -23 "$OUT/must-$round.txt" "$OUT/recorded-$round.txt")
  late=$(awk -v m="$MARGIN_MS" '$2 < m { print $1 }' "$calls" | sort -u | comm -12 - "$OUT/recorded-$round.txt" | wc -l)
  within=$(awk -v m="$MARGIN_MS" '$2 < m' "$calls" | wc -l)
  n=$(wc -l <"$calls")
  echo "cdr-kill9 round $round: $n calls finished before the kill, $(wc -l <"$OUT/recorded-$round.txt") of them in the store;" \
    "$late of the $within that finished less than $MARGIN_MS ms before the kill made it too"
  if [ -n "$missing" ]; then
    echo "cdr-kill9: FAIL — finished calls without a record: $(echo $missing | head -c 400)"; exit 1
  fi
  verify=$(shell "tabphone:cdr-verify" 2>/dev/null || true)
  echo "$verify" | grep -q "CDR store OK" || { echo "cdr-kill9: FAIL — $verify"; exit 1; }
done
grep -h "torn last record" "$GW"/data/log/karaf.log* || echo "cdr-kill9: (no torn last line this time: each record is one write, a kill lands between them)"
# the chain goes on after the kills: more calls, still intact
python3 "$ROOT/e2e/cdr-kill9-calls.py" "$UDP" 0 1 "$OUT/finished-after.txt" k9after >/dev/null
sleep 1
[ "$(recorded k9after | wc -l)" -ge "$(wc -l <"$OUT/finished-after.txt")" ] || { echo "cdr-kill9: FAIL — calls after the restarts without records"; exit 1; }
verify=$(shell "tabphone:cdr-verify" 2>/dev/null || true)
echo "$verify" | grep -q "CDR store OK" || { echo "cdr-kill9: FAIL after the restarts — $verify"; exit 1; }
echo "cdr-kill9: $verify"
