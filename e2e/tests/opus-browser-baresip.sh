#!/usr/bin/env bash
# Opus ↔ G.711 on the wire: JsSIP in Chromium offering only Opus (440 Hz) calls baresip limited to
# PCMU (1 kHz); the gateway transcodes Opus ↔ PCMU (codec-opus) and each side hears the other's tone.
# Logic in e2e/browser/tests/opus-browser-baresip.mjs; log in $E2E_OUT/browser/opus-browser-baresip.log.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"
trap 'rc=$?; baresip_tenant remove || rc=1; "$BROWSER_DIR/netns.sh" down || true; exit $rc' EXIT
baresip_tenant add
run_browser_test opus-browser-baresip
