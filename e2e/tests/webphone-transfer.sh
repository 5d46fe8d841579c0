#!/usr/bin/env bash
# Blind transfer from the softphone that placed the call: each PWA (SIP.js, then JsSIP) calls
# baresip 1002, clicks Transfer to baresip 1003; Bob and Carol end up talking (tones both ways),
# the PWA's call ends. Logic in e2e/browser/tests/webphone-transfer.mjs; logs in
# $E2E_OUT/browser/webphone-transfer-*.log and $E2E_OUT/baresip/transfer-*/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"
rc=0
{ baresip_tenant add && WEBPHONE_APP=sipjs run_browser_test webphone-transfer \
    && WEBPHONE_APP=jssip run_browser_test webphone-transfer; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
