#!/usr/bin/env bash
# The tenant the baresip phones register in: baresip 1.0 (libre 1.1) stops at the first
# WWW-Authenticate whose algorithm is not MD5 ("Register: Function not implemented") instead of
# answering the next one, and the demo tenant challenges SHA-256 first, so baresip cannot
# register there. This tenant is MD5-only (digest.algorithms = MD5), users 1001-1004 with
# passwords pw1001-pw1004 (e2e/sipp/make-tenant.sh), domain baresip.tabphone.test. It is written
# into the running gateway's etc/ (FileInstall applies it live) and removed again.
#   tenant.sh add      write it and wait until tabphone:tenants lists its 4 users
#   tenant.sh remove   delete it and wait until the gateway has dropped it (else it comes back
#                      at the next start with 0 users)
# Needs GATEWAY_HOME (e2e/run.sh exports it) and the Karaf console on SSH_PORT (8101).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${GATEWAY_HOME:?GATEWAY_HOME is not set (the running gateway directory, e.g. run/)}"
TENANT=${BARESIP_TENANT:-baresip} DOMAIN=${BARESIP_DOMAIN:-baresip.tabphone.test} FIRST=1001 COUNT=4
OUT="${E2E_OUT:-$HERE/../target}/baresip"
CFG="$GATEWAY_HOME/etc/org.tabphone.tenant-$TENANT.cfg" USERS="$GATEWAY_HOME/etc/tabphone/$TENANT.users"
type karaf_ssh >/dev/null 2>&1 || karaf_ssh() {
  sshpass -p admin ssh -q -p "${SSH_PORT:-8101}" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o ConnectTimeout=3 admin@127.0.0.1 "$@"
}
# the Users column of the tenant in tabphone:tenants (empty when there is no such tenant)
users_of() { karaf_ssh tabphone:tenants 2>/dev/null | awk -F'|' -v t="$TENANT" '$1 ~ "^ *"t" *$" { gsub(/ /, "", $5); print $5 }'; }
case "${1:-}" in
  add)
    mkdir -p "$OUT"
    "$HERE/../sipp/make-tenant.sh" "$GATEWAY_HOME/etc" "$TENANT" "$DOMAIN" "$FIRST" "$COUNT" "$OUT/tenant-users.csv"
    for _ in $(seq 1 40); do [ "$(users_of)" = "$COUNT" ] && exit 0; sleep 0.5; done
    echo "tenant.sh: tenant '$TENANT' never listed its $COUNT users in tabphone:tenants"; karaf_ssh tabphone:tenants || true
    exit 1 ;;
  remove)
    rm -f "$CFG" "$USERS"
    for _ in $(seq 1 20); do [ -z "$(users_of)" ] && exit 0; sleep 0.5; done
    echo "tenant.sh: the gateway still lists tenant '$TENANT' 10 s after its .cfg was removed"; exit 1 ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
