#!/usr/bin/env bash
# The demo receptionist on 800 when the colleague declines: JsSIP "Bob" presses 1, SIP.js "Alice"
# rings and answers 486; Bob is back with the receptionist ("not available" and the menu), presses
# 1 again, and this time Alice answers and the two hear each other's tones.
# Logic in e2e/browser/tests/agent-receptionist-declined.mjs; log in
# $E2E_OUT/browser/agent-receptionist-declined.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox, for the tone file
# the receptionist speaks with espeak-ng (./tabphone test installs it); without it, beeps
command -v espeak-ng >/dev/null || { echo "agent-e2e: installing espeak-ng (Debian)"; _browser_apt espeak-ng; }
run_browser_test agent-receptionist-declined
