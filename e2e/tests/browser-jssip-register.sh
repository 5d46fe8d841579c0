#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): JsSIP registers 1001 over WSS and WS, the gateway holds the binding, unregister removes it.
# Logic in e2e/browser/tests/jssip-register.mjs; browser log in $E2E_OUT/browser/browser-jssip-register.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test jssip-register
