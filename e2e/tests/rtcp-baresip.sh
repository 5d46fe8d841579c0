#!/usr/bin/env bash
# RTCP on the wire toward plain RTP phones: two baresip 1.0 (UDP, PCMU, RTCP on port + 1) call
# through the gateway while a raw-socket capture on lo records the gateway's RTCP to them: SR/RR +
# SDES to each, a round trip for both legs in tabphone:media --rtcp, reports (RR) going on to the
# phone that holds, a compound ending in BYE to each at hang-up, and the round trip in the CDR.
# Logic in e2e/rtcp/rtcp-baresip.mjs (no browser); log $E2E_OUT/rtcp/rtcp-baresip.log, the phones'
# logs in $E2E_OUT/baresip/rtcp-100[23]/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/baresip/prepare.sh"
rc=0
{ baresip_tenant add && node "$HERE/rtcp/rtcp-baresip.mjs"; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
