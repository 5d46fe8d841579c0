#!/usr/bin/env bash
# Hawtio (feature tabphone-hawtio) on Karaf's HTTP port 8181: installs the feature over the
# console, signs in to http://127.0.0.1:8181/hawtio as admin in Chromium and finds the
# org.tabphone MBeans with their values in the JMX tree. The browser runs on the host (no network
# namespace: it only talks to 127.0.0.1). Logic in e2e/browser/tests/hawtio-jmx.mjs; screenshot
# in $E2E_OUT/hawtio/hawtio-tabphone-calls.png. Uninstalls the feature again at the end.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"      # chromium, node, npm ci (and the namespace, unused here)
cleanup() { karaf_ssh "feature:uninstall tabphone-hawtio" >/dev/null 2>&1 || true; }
trap 'rc=$?; cleanup; "$BROWSER_DIR/netns.sh" down >/dev/null 2>&1 || true; exit $rc' EXIT
node "$BROWSER_DIR/tests/hawtio-jmx.mjs"
