#!/usr/bin/env bash
# Attended transfer between browsers: JsSIP calls a SIP.js tab, holds it, calls a second one and
# REFERs the first to the second with Replaces; the gateway joins the two calls' media in place
# (nobody's media moves; the held one is taken off hold on its own leg) and both hear each other's
# tone. Logic in e2e/browser/tests/attended-browsers.mjs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
run_browser_test attended-browsers
