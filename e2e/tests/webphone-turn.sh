#!/usr/bin/env bash
# A relay-only WebRTC call through coturn with the gateway's ephemeral TURN credentials (issue 9):
# installs coturn when missing (Debian), runs turnserver on the namespace's host side
# (198.51.100.1:3479, TURN REST API: use-auth-secret with the secret the demo tenant gets), then
# e2e/browser/tests/turn-relay.mjs. Logs: $E2E_OUT/browser/turn-relay.log, $E2E_OUT/coturn.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
if ! command -v turnserver >/dev/null; then
  echo "webphone-turn: installing coturn (Debian)"
  _browser_apt coturn
fi
export TURN_HOST=198.51.100.1 TURN_SECRET=e2e-north
turnserver -n --listening-ip="$TURN_HOST" --relay-ip="$TURN_HOST" --listening-port=3479 \
  --min-port=49160 --max-port=49200 --use-auth-secret --static-auth-secret="$TURN_SECRET" \
  --realm=tabphone.test --fingerprint --no-tls --no-dtls --no-cli --no-tcp-relay \
  --log-file=stdout --simple-log --pidfile="$E2E_OUT/coturn.pid" >"$E2E_OUT/coturn.log" 2>&1 &
turn_pid=$!
trap 'rc=$?; kill $turn_pid 2>/dev/null || true; "$BROWSER_DIR/netns.sh" down || true; exit $rc' EXIT
for _ in $(seq 50); do
  grep -q "listener opened on\|Total UDP servers" "$E2E_OUT/coturn.log" 2>/dev/null && break
  kill -0 $turn_pid 2>/dev/null || { echo "webphone-turn: turnserver exited:"; cat "$E2E_OUT/coturn.log"; exit 1; }
  sleep 0.1
done
rc=0
run_browser_test turn-relay || rc=$?
grep -E "session .*(new|closed)|ALLOCATE|relay" "$E2E_OUT/coturn.log" | tail -5 || true
exit $rc
