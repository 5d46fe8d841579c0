#!/usr/bin/env bash
# Inbound SIP trunk behaviour with sipp as the provider and baresip phones as the users (issue 7):
# capacity raised live while a call keeps its audio (RTP captured on lo: no gap over 100 ms),
# sibling-fork collapse, max.inbound = 0 holding at 180 until the provider's CANCEL. No browser.
# Logic in e2e/trunk/trunk-sipp.mjs; log $E2E_OUT/trunk/trunk-sipp.log (and trunk-capacity.pcap),
# sipp traces $E2E_OUT/sipp/trunk-*, phones $E2E_OUT/baresip/trunk-*.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/baresip/prepare.sh"
# dumpcap and tshark time the RTP on lo (Debian's tshark; dumpcap comes with it)
command -v dumpcap >/dev/null && command -v tshark >/dev/null \
  || { echo "trunk-sipp: needs dumpcap and tshark (Debian's tshark; ./tabphone test installs it)"; exit 1; }
command -v sipp >/dev/null || { echo "trunk-sipp: needs sipp (Debian's sip-tester)"; exit 1; }
mkdir -p "$E2E_OUT/trunk"
rc=0
{ baresip_tenant add && node "$HERE/trunk/trunk-sipp.mjs"; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
