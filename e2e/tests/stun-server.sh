#!/usr/bin/env bash
# The gateway's own STUN server (media stun.port, 3478): a Binding request gets back the address
# and port it came from (XOR-MAPPED-ADDRESS), and the demo tenant's ICE servers for a signed-in
# phone point at it under the name the page used (ice.stun.urls = stun:{host}:3478).
set -euo pipefail
E2E=$(cd "$(dirname "$0")/.." && pwd)
mapped=$(python3 "$E2E/stun/binding.py" 127.0.0.1 3478 127.0.0.1 2>"$E2E_OUT/stun-local.txt")
local=$(sed 's/^local //' "$E2E_OUT/stun-local.txt")
echo "stun-server: binding request from $local → XOR-MAPPED-ADDRESS $mapped"
[ "$mapped" = "$local" ] || { echo "stun-server: FAIL — mapped address $mapped is not the sender $local"; exit 1; }
karaf_ssh "tabphone:media" | grep -Eq "[1-9][0-9]* STUN binding requests answered" \
  || { echo "stun-server: FAIL — tabphone:media does not count the answered request"; exit 1; }
ice=$(curl -sk -u '1001@demo.tabphone.test:demo1001' -H 'Host: phone.example.test:8443' \
  "https://127.0.0.1:$SIP_WSS_PORT/phone/ice.json")
echo "stun-server: ice.json for Host phone.example.test: $ice"
grep -q '"stun:phone.example.test:3478"' <<<"$ice" || { echo "stun-server: FAIL — ice.json does not name the gateway's STUN server"; exit 1; }

# RFC 5626 §4.4.2: the SIP UDP port answers STUN keep-alives of peers that sent SIP from there
keepalive=$(python3 "$E2E/stun/sip-keepalive.py" 127.0.0.1 "$SIP_UDP_PORT")
echo "stun-server: SIP port keep-alive: $keepalive"
[[ "$keepalive" == ok* ]] || { echo "stun-server: FAIL — $keepalive"; exit 1; }
karaf_ssh "tabphone:flows" | grep -Eq "[1-9][0-9]* STUN keep-alives answered" \
  || { echo "stun-server: FAIL — tabphone:flows does not count the keep-alive"; exit 1; }
