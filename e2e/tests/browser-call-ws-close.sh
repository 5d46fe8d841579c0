#!/usr/bin/env bash
# Real browser: a leg's tab closes mid-call (caller, then callee) and while ringing; the other leg must
# get BYE / a final response, and tabphone:calls says "0 live".
# Logic in e2e/browser/tests/call-ws-close.mjs; browser log in $E2E_OUT/browser/browser-call-ws-close.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test call-ws-close
