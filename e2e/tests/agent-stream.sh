#!/usr/bin/env bash
# A stream agent (type = stream): the test is the agent, a WebSocket server the gateway connects to
# per call. It adds org.tabphone.agent-stream.cfg (number 801) live; JsSIP "Bob" calls 801 and the
# test checks the protocol (start, L16 audio both ways, played, error, dtmf, transfer 100/200,
# stop "transferred") and that SIP.js "Alice" gets Bob with audio both ways. The cfg file is
# removed at the end whatever happened.
# Logic in e2e/browser/tests/agent-stream.mjs; log in $E2E_OUT/browser/agent-stream.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox, for the tone file; GATEWAY_HOME
rc=0
run_browser_test agent-stream || rc=$?
# the test removes it itself; this is for a test killed by its watchdog
rm -f "$GATEWAY_HOME/etc/org.tabphone.agent-stream.cfg"
exit $rc
