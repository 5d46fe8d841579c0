#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): closing a tab's WebSocket removes that tab's binding and only that one.
# Logic in e2e/browser/tests/ws-close-drops-binding.mjs; browser log in $E2E_OUT/browser/browser-ws-close-drops-binding.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test ws-close-drops-binding
