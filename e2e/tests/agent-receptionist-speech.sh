#!/usr/bin/env bash
# The demo receptionist on 800 by voice: JsSIP "Bob" calls it and his (fake) microphone says
# "Alice" (espeak-ng); the receptionist recognises the name with pocketsphinx and transfers him:
# SIP.js "Alice" rings, answers, the two hear each other's tones; the agent has left the call.
# Skipped, saying why, when pocketsphinx and its en-us model cannot be installed.
# Logic in e2e/browser/tests/agent-receptionist-speech.mjs; log in $E2E_OUT/browser/agent-receptionist-speech.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox
command -v espeak-ng >/dev/null || { echo "agent-e2e: installing espeak-ng (Debian)"; _browser_apt espeak-ng; }
model=/usr/share/pocketsphinx/model/en-us/en-us/mdef
if ! command -v pocketsphinx_batch >/dev/null || [ ! -f "$model" ]; then
  echo "agent-e2e: installing pocketsphinx and pocketsphinx-en-us (Debian)"
  _browser_apt pocketsphinx pocketsphinx-en-us || true
fi
if ! command -v pocketsphinx_batch >/dev/null || [ ! -f "$model" ]; then
  echo "agent-receptionist-speech: SKIPPED — pocketsphinx_batch or its en-us model ($model) is not installed"
  exit 0
fi
run_browser_test agent-receptionist-speech
