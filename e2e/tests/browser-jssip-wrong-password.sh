#!/usr/bin/env bash
# Real browser (Debian's Chromium, in a network namespace): JsSIP with a wrong password gets registrationFailed (401, Authentication Error), then the right one registers.
# Logic in e2e/browser/tests/jssip-wrong-password.mjs; browser log in $E2E_OUT/browser/browser-jssip-wrong-password.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test jssip-wrong-password
