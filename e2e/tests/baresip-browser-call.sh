#!/usr/bin/env bash
# A browser calls a real SIP phone through the gateway's media bridge: JsSIP (Chromium in the
# namespace, fake microphone 440 Hz, DTLS-SRTP) calls baresip 1002 (plain RTP, 1 kHz) — once with
# baresip on PCMU (pass-through), once on PCMA only (the gateway transcodes); each side hears the
# other's tone; then baresip (PCMU, then PCMA) calls SIP.js (e2e/browser/tests/baresip-calls-sipjs.mjs).
# Logic in e2e/browser/tests/baresip-browser-call.mjs; logs in
# $E2E_OUT/browser/baresip-browser-call*.log and $E2E_OUT/baresip/browser-1002-*/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"
rc=0
{ baresip_tenant add && BARESIP_CODEC=pcmu run_browser_test baresip-browser-call \
    && BARESIP_CODEC=pcma run_browser_test baresip-browser-call \
    && BARESIP_CODEC=pcmu run_browser_test baresip-calls-sipjs \
    && BARESIP_CODEC=pcma run_browser_test baresip-calls-sipjs; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
