#!/usr/bin/env bash
# Real browsers (Chromium in a network namespace): JsSIP 1001 calls SIP.js 1002 through the gateway,
# which terminates RTCP per leg; each browser's getStats() must show a remote-inbound-rtp report for its
# outbound audio (Chromium makes it only from RR/SR report blocks about that SSRC) with a round trip,
# and a remote-outbound-rtp made from the gateway's SRs.
# Logic in e2e/browser/tests/call-rtcp.mjs; browser log in $E2E_OUT/browser/browser-call-rtcp.log.
set -euo pipefail
. "$(dirname "$0")/../browser/prepare.sh"
run_browser_test call-rtcp
