#!/usr/bin/env bash
# An INVITE with Replaces naming the gateway's leg toward the callee (RFC 3891 §3) while the caller
# is a browser: JsSIP calls a SIP.js tab, which holds the caller; a third tab INVITEs the gateway
# with Replaces naming that tab's leg and takes its place. The caller keeps its leg (ICE, DTLS):
# only the re-INVITE that takes it off hold, and both hear each other's tone. Logic in
# e2e/browser/tests/replaces-callee.mjs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
run_browser_test replaces-callee
