#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): SIP.js (UserAgent + Registerer) registers 1002 over WSS and WS and unregisters.
# Logic in e2e/browser/tests/sipjs-register.mjs; browser log in $E2E_OUT/browser/browser-sipjs-register.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test sipjs-register
