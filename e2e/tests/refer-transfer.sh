#!/usr/bin/env bash
# Blind transfer by name: JsSIP "Bob" calls a sipp receptionist, which REFERs him to "alice";
# SIP.js "Alice" answers and the two talk (tones both ways), the receptionist has left. Runs in a
# tenant "refer" (MD5 digest for sipp; users 1001-1004 named Alice Bob Carol Dave) added live.
# Logic in e2e/browser/tests/refer-transfer.mjs; logs in $E2E_OUT/browser/refer-transfer.log and
# $E2E_OUT/sipp/refer-agent*.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
OUT="$E2E_OUT/sipp"
mkdir -p "$OUT"
export REFER_DOMAIN=refer.tabphone.test REFER_CSV="$OUT/refer-agent.csv"
rc=0
BARESIP_TENANT=refer BARESIP_DOMAIN=$REFER_DOMAIN NAMES="Alice Bob Carol Dave" "$HERE/baresip/tenant.sh" add || rc=$?
if [ $rc = 0 ]; then
  printf 'SEQUENTIAL\n1004;[authentication username=1004 password=pw1004];%s\n' "$REFER_DOMAIN" >"$REFER_CSV"
  run_browser_test refer-transfer || rc=$?
fi
BARESIP_TENANT=refer BARESIP_DOMAIN=$REFER_DOMAIN "$HERE/baresip/tenant.sh" remove || rc=1
exit $rc
