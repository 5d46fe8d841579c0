#!/usr/bin/env bash
# The demo receptionist on 800: JsSIP "Bob" calls it, hears the greeting, presses 3 (Carol, not
# registered: he stays with the receptionist and hears "not available"), then 1: SIP.js "Alice"
# rings, answers, and the two hear each other's tones; the agent has left the call.
# Logic in e2e/browser/tests/agent-receptionist.mjs; log in $E2E_OUT/browser/agent-receptionist.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox, for the tone file
# the receptionist speaks with espeak-ng (./tabphone test installs it); without it, beeps
command -v espeak-ng >/dev/null || { echo "agent-e2e: installing espeak-ng (Debian)"; _browser_apt espeak-ng; }
run_browser_test agent-receptionist
