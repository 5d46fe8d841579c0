#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): JsSIP (1001) calls SIP.js (1002) over WSS through the B2BUA: ringing, answer, ICE between the tabs, a tone each way, hangup by the callee then by the caller.
# Logic in e2e/browser/tests/call.mjs; browser log in $E2E_OUT/browser/browser-call.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test call
