# Sourced by the tests that use baresip (e2e/tests/baresip-*.sh, browser-baresip-*.sh): installs
# baresip-core and sox when missing (as ./tabphone test does), and defines
#   baresip_tenant add|remove   the MD5-only tenant the phones register in (tenant.sh)
# Run the test between the two, removing the tenant whatever the test did:
#   rc=0; { baresip_tenant add && node ...; } || rc=$?; baresip_tenant remove || rc=1; exit $rc
BARESIP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export E2E_OUT=${E2E_OUT:-$(cd "$BARESIP_DIR/.." && pwd)/target}
export GATEWAY_HOME=${GATEWAY_HOME:-$(cd "$BARESIP_DIR/../.." && pwd)/run}
mkdir -p "$E2E_OUT/baresip"
_baresip_missing=()
command -v baresip >/dev/null || _baresip_missing+=(baresip-core)
command -v sox >/dev/null || _baresip_missing+=(sox)
command -v python3 >/dev/null || _baresip_missing+=(python3)
if [ ${#_baresip_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "baresip-e2e: needs ${_baresip_missing[*]} (apt-get, as root)"; exit 1; fi
  echo "baresip-e2e: installing ${_baresip_missing[*]} (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${_baresip_missing[@]}" >/dev/null
fi
baresip_tenant() { "$BARESIP_DIR/tenant.sh" "$@"; }
