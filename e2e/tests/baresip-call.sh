#!/usr/bin/env bash
# Two baresip phones (Debian's baresip-core 1.0, SIP over UDP) call each other through the gateway
# with direct media, each sending its own tone (1 kHz, 600 Hz) and recording what it hears; PCMU
# then PCMA; registrations and the live call checked in the console. Logic in
# e2e/browser/tests/baresip-call.mjs (no browser); log $E2E_OUT/baresip/baresip-call.log,
# each phone's config, log (SIP trace) and recordings in $E2E_OUT/baresip/call-<user>-<codec>/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/baresip/prepare.sh"
rc=0
{ baresip_tenant add && node "$HERE/browser/tests/baresip-call.mjs"; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
