#!/usr/bin/env bash
# The gateway's two softphones (/phone/jssip/ and /phone/sipjs/) in Debian's Chromium, used
# through their pages only: PWA manifest and service worker, settings kept across a reload,
# calls both ways with audio, hold, mute, DTMF, blind transfer, click to call, a wrong password,
# a refused microphone, the shell offline, no console errors or warnings.
# Logic in e2e/browser/tests/webphone-pwa.mjs; log in $E2E_OUT/browser/webphone-pwa.log,
# screenshots in $E2E_OUT/webphone/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox, for the fake-microphone tone files
run_browser_test webphone-pwa
