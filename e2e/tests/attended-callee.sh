#!/usr/bin/env bash
# Attended transfer by the party that was called (the receptionist flow): JsSIP calls a SIP.js tab,
# which holds the caller, calls a third tab and REFERs from its leg of the first call with Replaces
# naming the second; the gateway joins the caller and the third tab in place and both hear each
# other's tone. Logic in e2e/browser/tests/attended-callee.mjs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
run_browser_test attended-callee
