#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): calls that are never answered. JsSIP (1001) calls SIP.js (1002) and cancels while it rings (CANCEL to SIP.js, 487 to JsSIP); SIP.js rejects with 486; calls to an unregistered (480) and an unknown user (404).
# Logic in e2e/browser/tests/call-unanswered.mjs; browser log in $E2E_OUT/browser/browser-call-unanswered.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test call-unanswered
