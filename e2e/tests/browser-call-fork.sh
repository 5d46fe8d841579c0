#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): a forked call. 1002 registered from two SIP.js tabs (WSS and WS) both ring when JsSIP (1001) calls; the first answers, the second gets a CANCEL; the caller's hangup BYEs the answering tab.
# Logic in e2e/browser/tests/call-fork.mjs; browser log in $E2E_OUT/browser/browser-call-fork.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test call-fork
