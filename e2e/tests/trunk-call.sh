#!/usr/bin/env bash
# Calls and registration through SIP trunks (BYOC). trunk-call: a browser dials a national number
# out through a trunk whose "provider" is baresip on 127.0.0.2 (PCMA, tone both ways), the provider
# calls a DID that rings SIP.js, and a sipp provider on 127.0.0.3 challenges the INVITE (401).
# trunk-register: the gateway registers to a sipp registrar with digest, refreshes, and uses a
# password changed on the console at once. Trunks are added and removed from the console. Logic in
# e2e/browser/tests/trunk-*.mjs; logs $E2E_OUT/browser/trunk-call.log, $E2E_OUT/sipp/trunk-*.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"
run_browser_test trunk-call
run_browser_test trunk-register
