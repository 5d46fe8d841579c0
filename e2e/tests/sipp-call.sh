#!/usr/bin/env bash
# Calls between sipp (UDP) and browsers (Debian's Chromium in a network namespace) through the
# B2BUA: sipp calls SIP.js 1003 and hangs up; JsSIP 1004 calls a sipp desk phone registered in a
# tenant added live ("calls", MD5 digest for sipp), once hanging up itself, once hung up on.
# Logic in e2e/browser/tests/sipp-call.mjs; logs in $E2E_OUT/browser/sipp-call.log and $E2E_OUT/sipp/call-*.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
OUT="$E2E_OUT/sipp"
mkdir -p "$OUT"
export CALLS_DOMAIN=calls.tabphone.test CALLS_CSV="$OUT/calls-users.csv"
CFG="$GATEWAY_HOME/etc/org.tabphone.tenant-calls.cfg" USERS="$GATEWAY_HOME/etc/tabphone/calls.users"
type karaf_ssh >/dev/null 2>&1 || karaf_ssh() { # e2e/run.sh exports it; by hand, the same
  sshpass -p admin ssh -q -p "${SSH_PORT:-8101}" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@"
}
# the Users column of tenant "calls" in tabphone:tenants (empty when there is no such tenant)
calls_users() { karaf_ssh tabphone:tenants 2>/dev/null | awk -F'|' '$1 ~ /^ *calls *$/ { gsub(/ /, "", $5); print $5 }'; }

# Waits for the tenant's users to be read rather than probing with REGISTERs: the registrar bans a
# source address after 5 wrong passwords (auth.ban.seconds), and a tenant left in Karaf's config
# cache by an earlier run is there at once with 0 users until the users file is read again.
add_tenant() {
  "$HERE/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" calls "$CALLS_DOMAIN" 3000 1 "$CALLS_CSV"
  for _ in $(seq 1 40); do
    [ "$(calls_users)" = 1 ] && return 0
    sleep 0.5
  done
  echo "sipp-call: tenant 'calls' never listed its user in tabphone:tenants"; karaf_ssh tabphone:tenants || true
  return 1
}
# Removes the tenant and waits until the gateway has dropped it: were the gateway stopped before
# FileInstall saw the file go, the tenant would come back at the next start (with 0 users).
remove_tenant() {
  rm -f "$CFG" "$USERS"
  for _ in $(seq 1 20); do
    [ -z "$(calls_users)" ] && return 0
    sleep 0.5
  done
  echo "sipp-call: the gateway still lists tenant 'calls' 10 s after its .cfg was removed"
}

rc=0
{ add_tenant && run_browser_test sipp-call; } || rc=$?
remove_tenant
exit $rc
