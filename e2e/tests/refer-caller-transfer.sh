#!/usr/bin/env bash
# Blind transfer by the caller's leg, real peers: a sipp office phone calls baresip 1002, REFERs it
# to baresip 1003 and leaves; Bob and Carol talk (tones both ways). Logic in
# e2e/browser/tests/refer-caller-transfer.mjs (no browser) and e2e/sipp/refer-caller.xml; logs in
# $E2E_OUT/baresip/refer-caller-transfer.log, $E2E_OUT/sipp/refer-caller.*, $E2E_OUT/baresip/refer-caller-*/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/baresip/prepare.sh"
rc=0
{ baresip_tenant add && node "$HERE/browser/tests/refer-caller-transfer.mjs"; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
