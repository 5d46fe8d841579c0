#!/usr/bin/env bash
# End-to-end tests against the real gateway, started the way the README says (./tabphone start).
#   e2e/run.sh            boot check, then every e2e/tests/*.sh in name order
#   e2e/run.sh sipp-      only the tests whose file name starts with "sipp-"
# Each test gets GATEWAY_HOME (the running gateway's directory), SIP ports and karaf_ssh, and
# fails by exiting non-zero. The gateway is stopped at the end whatever happens.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export GATEWAY_HOME="$ROOT/run"
export SIP_UDP_PORT=5060 SIP_TCP_PORT=5060 SIP_TLS_PORT=5061 SIP_WS_PORT=8080 SIP_WSS_PORT=8443 SSH_PORT=8101
export E2E_OUT="$ROOT/e2e/target"
BOOT_LIMIT_SECONDS=15
filter=${1:-}
mkdir -p "$E2E_OUT"
LOG="$E2E_OUT/gateway-console.log"

# karaf_ssh <command...>: the command's status decides, not ssh's (which can end 255 after the output)
. "$ROOT/e2e/lib/karaf-ssh.sh"
export -f karaf_ssh

stop_gateway() {
  if [ -f "$GATEWAY_HOME/karaf.pid" ]; then kill "$(cat "$GATEWAY_HOME/karaf.pid")" 2>/dev/null || true; fi
  [ -n "${START_PID:-}" ] && kill "$START_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_gateway EXIT

for port in "$SSH_PORT" "$SIP_WS_PORT" "$SIP_WSS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "e2e: port $port is already in use (a gateway running?); stop it first" >&2
    exit 1
  fi
done
if ss -Hlun "sport = :$SIP_UDP_PORT" 2>/dev/null | grep -q .; then
  echo "e2e: UDP port $SIP_UDP_PORT is already in use (a gateway or a sipp without -p?); stop it first" >&2
  exit 1
fi

"$ROOT/tabphone" start </dev/null >"$LOG" 2>&1 &
START_PID=$!
# the boot clock starts when ./tabphone hands over to Karaf (after any build it had to do)
for i in $(seq 1 3000); do grep -q "Tabphone is starting" "$LOG" 2>/dev/null && break; sleep 0.1; done
begin=$(date +%s%N)

elapsed_ms() { echo $(( ($(date +%s%N) - begin) / 1000000 )); }
all_active() { # every Tabphone bundle listed, and all of them Active
  grep -q org.tabphone.registrar <<<"$1" && [ -z "$(grep org.tabphone <<<"$1" | grep -v ' Active ')" ]
}
bundles=""
while :; do
  if bundles=$(karaf_ssh "bundle:list -s" 2>/dev/null) && all_active "$bundles"; then
    break
  fi
  if [ "$(elapsed_ms)" -gt 60000 ]; then
    echo "e2e boot: FAIL — no console with Active bundles after 60 s"; cat "$LOG"; echo "$bundles"; exit 1
  fi
  sleep 0.5
done
ms=$(elapsed_ms)
echo "e2e boot: ./tabphone start reached a console with every Tabphone bundle Active in $((ms / 1000)).$(( (ms % 1000) / 100 )) s (limit $BOOT_LIMIT_SECONDS s)"
karaf_ssh "feature:list -i" | grep -q "tabphone-core" || { echo "e2e boot: FAIL — tabphone-core not installed"; exit 1; }
[ "$ms" -le $((BOOT_LIMIT_SECONDS * 1000)) ] || { echo "e2e boot: FAIL — boot took longer than $BOOT_LIMIT_SECONDS s"; exit 1; }
# listeners open a moment after the bundles go Active
for i in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SIP_WSS_PORT") 2>/dev/null && break; sleep 0.2; done

failed=()
for t in "$ROOT"/e2e/tests/*.sh; do
  [ -e "$t" ] || continue
  name=$(basename "$t" .sh)
  [[ -z "$filter" || "$name" == "$filter"* ]] || continue
  echo "── e2e $name"
  if bash "$t"; then echo "── e2e $name: PASS"; else echo "── e2e $name: FAIL"; failed+=("$name"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "e2e: FAILED: ${failed[*]}  (gateway log: $GATEWAY_HOME/data/log/karaf.log)"
  exit 1
fi
echo "e2e: all passed"
