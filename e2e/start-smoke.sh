#!/usr/bin/env bash
# The README's first command, for real: `./tabphone start` (no terminal, so Karaf runs in server
# mode) must boot within 15 s to an SSH console where admin/admin sees every Tabphone bundle
# Active and tabphone-core installed. Prints the boot time. Needs sshpass (./tabphone test installs it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SSH_PORT=8101
LIMIT=15
LOG=$(mktemp)

karaf_ssh() {
  sshpass -p admin ssh -q -p "$SSH_PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@"
}

stop_gateway() {
  if [ -f "$ROOT/run/karaf.pid" ]; then kill "$(cat "$ROOT/run/karaf.pid")" 2>/dev/null || true; fi
  [ -n "${START_PID:-}" ] && kill "$START_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_gateway EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null; then
  echo "start-smoke: port $SSH_PORT is already in use (a gateway running?); stop it first" >&2
  exit 1
fi

# build first, so the timing below is boot time, not build time
"$ROOT/tabphone" build >/dev/null
begin=$(date +%s%N)
"$ROOT/tabphone" start </dev/null >"$LOG" 2>&1 &
START_PID=$!

elapsed_ms() { echo $(( ($(date +%s%N) - begin) / 1000000 )); }
all_active() { # every Tabphone bundle listed, and all of them Active
  grep -q org.tabphone.transport <<<"$1" && [ -z "$(grep org.tabphone <<<"$1" | grep -v ' Active ')" ]
}

while :; do
  if bundles=$(karaf_ssh "bundle:list -s" 2>/dev/null) && all_active "$bundles"; then
    break
  fi
  if [ "$(elapsed_ms)" -gt 60000 ]; then
    echo "start-smoke: FAIL — no console with Active bundles after 60 s"; cat "$LOG"; echo "$bundles"; exit 1
  fi
  sleep 0.5
done
ms=$(elapsed_ms)
echo "start-smoke: console with every Tabphone bundle Active after $((ms / 1000)).$(( (ms % 1000) / 100 )) s (limit $LIMIT s)"
grep org.tabphone <<<"$bundles"
karaf_ssh "feature:list -i" | grep -q "tabphone-core" || { echo "start-smoke: FAIL — tabphone-core not installed"; exit 1; }
[ "$ms" -le $((LIMIT * 1000)) ] || { echo "start-smoke: FAIL — boot took longer than $LIMIT s"; exit 1; }
echo "start-smoke: PASS"
