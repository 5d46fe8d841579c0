#!/usr/bin/env bash
# Hold and unhold through the gateway's media bridge: JsSIP holds (re-INVITE sendonly), SIP.js gets
# the gateway's re-INVITE with ICE credentials and candidates, RTP toward JsSIP stops, and after
# unhold both hear each other again. Logic in e2e/browser/tests/call-hold.mjs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
run_browser_test call-hold
