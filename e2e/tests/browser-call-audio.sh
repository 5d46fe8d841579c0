#!/usr/bin/env bash
# Two Chromium processes, each with its own fake-microphone tone (440 Hz, 1 kHz): JsSIP 1001 calls
# SIP.js 1002 through the gateway, and each side's remote stream carries the other's tone.
# Logic in e2e/browser/tests/call-audio.mjs; log in $E2E_OUT/browser/browser-call-audio.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox, for the tone files
run_browser_test call-audio
