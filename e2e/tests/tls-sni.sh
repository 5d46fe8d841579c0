#!/usr/bin/env bash
# Per-tenant certificates chosen by SNI, on WSS ($SIP_WSS_PORT) and SIP over TLS ($SIP_TLS_PORT).
# A test CA (openssl) issues a.tabphone.test (PEM pair) and *.b.tabphone.test (PKCS#12); both are
# dropped into the running gateway's certificates folder with a garbage file beside them. Each name
# gets its certificate (verified against the CA), an unknown name the default one; tabphone:certs
# lists all three with their status. Then a.tabphone.test is renewed: the next handshake gets the
# new certificate within 10 s, and a TLS connection opened before still carries SIP. Chromium (in
# the browser tests' namespace) registers over WSS to a tenant on each name, trusting only that
# tenant's certificate (tls-sni-browser.mjs).
set -euo pipefail
E2E=$(cd "$(dirname "$0")/.." && pwd)
. "$E2E/browser/prepare.sh"   # the browser tests' namespace and page (its EXIT trap is replaced below)
OUT="$E2E_OUT/tls-sni"
CERTS="$GATEWAY_HOME/etc/tabphone/certs"
PROBE="$E2E/tls-sni-probe.py"
rm -rf "$OUT"; mkdir -p "$OUT" "$CERTS"
cleanup() {
  local rc=$?
  rm -f "$CERTS"/e2e-sni-* "$GATEWAY_HOME"/etc/org.tabphone.tenant-snie2e-*.cfg
  [ -n "${probe_pid:-}" ] && kill "$probe_pid" 2>/dev/null || true
  "$E2E/browser/netns.sh" down || true
  exit $rc
}
trap cleanup EXIT
cd "$OUT"

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ec_key ca.key
openssl req -x509 -new -key ca.key -subj "/CN=Tabphone e2e test CA" -days 2 -out ca.crt 2>/dev/null
issue() { # issue <name> <dns name>: name.key + name.crt signed by the test CA
  ec_key "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$2" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}
issue a a.tabphone.test
issue b '*.b.tabphone.test'
openssl pkcs12 -export -inkey b.key -in b.crt -certfile ca.crt -passout pass:changeit -out b.p12

serial_of() { openssl x509 -noout -serial -in "$1" | cut -d= -f2; }
# served <port> [sni]: the serial of the certificate a handshake gets ("none" when it fails)
served() {
  local sni=(-noservername); [ -n "${2:-}" ] && sni=(-servername "$2")
  echo | timeout 5 openssl s_client -connect "127.0.0.1:$1" "${sni[@]}" 2>/dev/null \
    | openssl x509 -noout -serial 2>/dev/null | cut -d= -f2 | grep . || echo none
}
default_serial=$(served "$SIP_TLS_PORT")
[ "$default_serial" != none ] || { echo "no TLS handshake on $SIP_TLS_PORT"; exit 1; }

# the PEM pair goes in key first, so the certificate never waits for its key
cp a.key "$CERTS/e2e-sni-a.key"; cp a.crt "$CERTS/e2e-sni-a.crt"
cp b.p12 "$CERTS/e2e-sni-b.p12"
printf 'not a certificate\n' >"$CERTS/e2e-sni-broken.pem"
a_serial=$(serial_of a.crt); b_serial=$(serial_of b.crt)
start=$(date +%s%N)
until [ "$(served "$SIP_TLS_PORT" a.tabphone.test)" = "$a_serial" ]; do
  [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 10000 ] || { echo "a.tabphone.test not served within 10 s"; exit 1; }
  sleep 0.2
done
echo "tls-sni: new certificates served $(( ($(date +%s%N) - start) / 1000000 )) ms after they were dropped in"

for port in "$SIP_WSS_PORT" "$SIP_TLS_PORT"; do
  check() { # check <sni> <expected serial> <what>
    local got; got=$(served "$port" "$1")
    [ "$got" = "$2" ] || { echo "port $port, SNI $1: got serial $got, expected $3 ($2)"; exit 1; }
  }
  check a.tabphone.test "$a_serial" "tenant a's certificate"
  check phone.b.tabphone.test "$b_serial" "tenant b's wildcard certificate"
  check unknown.tabphone.test "$default_serial" "the default certificate"
  # the chain verifies against the test CA for the name asked (what a browser trusting the CA does)
  for name in a.tabphone.test phone.b.tabphone.test; do
    echo | timeout 5 openssl s_client -connect "127.0.0.1:$port" -servername "$name" -CAfile ca.crt \
      -verify_hostname "$name" -verify_return_error >"verify-$port-$name.txt" 2>&1 \
      || { echo "port $port: $name does not verify against the test CA"; tail -5 "verify-$port-$name.txt"; exit 1; }
  done
  # TLS 1.1 is refused
  if echo | timeout 5 openssl s_client -connect "127.0.0.1:$port" -tls1_1 >/dev/null 2>&1; then
    echo "port $port accepted TLS 1.1"; exit 1
  fi
  echo "tls-sni: port $port: a.tabphone.test, *.b.tabphone.test and the default chosen by SNI; TLS 1.1 refused"
done

certs=$(karaf_ssh "tabphone:certs" | tr -d '\r')
echo "$certs" >certs.txt
grep -E 'e2e-sni-a\.crt.*a\.tabphone\.test.*OK' <<<"$certs" >/dev/null || { echo "tabphone:certs misses a:"; echo "$certs"; exit 1; }
grep -E 'e2e-sni-b\.p12.*\*\.b\.tabphone\.test.*OK' <<<"$certs" >/dev/null || { echo "tabphone:certs misses b:"; echo "$certs"; exit 1; }
grep -E 'e2e-sni-broken\.pem.*INVALID' <<<"$certs" >/dev/null || { echo "tabphone:certs misses the broken file:"; echo "$certs"; exit 1; }
echo "tls-sni: tabphone:certs lists both tenants OK and the garbage file INVALID"

# renewal: a connection opened now must survive it
python3 "$PROBE" "$SIP_TLS_PORT" a.tabphone.test "$OUT/go" >probe.txt 2>&1 &
probe_pid=$!
for i in $(seq 1 50); do grep -q connected probe.txt 2>/dev/null && break; sleep 0.1; done
issue a2 a.tabphone.test
cp a2.crt "$CERTS/.e2e-sni-a.crt.tmp" && cp a2.key "$CERTS/.e2e-sni-a.key.tmp"
mv -f "$CERTS/.e2e-sni-a.key.tmp" "$CERTS/e2e-sni-a.key"; mv -f "$CERTS/.e2e-sni-a.crt.tmp" "$CERTS/e2e-sni-a.crt"
a2_serial=$(serial_of a2.crt)
start=$(date +%s%N)
until [ "$(served "$SIP_WSS_PORT" a.tabphone.test)" = "$a2_serial" ] && [ "$(served "$SIP_TLS_PORT" a.tabphone.test)" = "$a2_serial" ]; do
  [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 10000 ] || { echo "the renewed a.tabphone.test certificate was not served within 10 s"; exit 1; }
  sleep 0.2
done
echo "tls-sni: renewed certificate served on both ports $(( ($(date +%s%N) - start) / 1000000 )) ms after the file was replaced"
touch "$OUT/go"
wait "$probe_pid" || { echo "the connection opened before the renewal broke:"; cat probe.txt; exit 1; }
probe_pid=
grep -q '^SIP/2.0 ' probe.txt || { cat probe.txt; exit 1; }
echo "tls-sni: the TLS connection opened before the renewal still carries SIP ($(tail -1 probe.txt))"

# a browser registers over WSS to a tenant on each name, trusting only that tenant's key
"$E2E/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" snie2e-a a.tabphone.test 3201 1 "$OUT/a-users.csv"
"$E2E/sipp/make-tenant.sh" "$GATEWAY_HOME/etc" snie2e-b phone.b.tabphone.test 3301 1 "$OUT/b-users.csv"
for d in a.tabphone.test phone.b.tabphone.test; do # live once its own realm answers
  for i in $(seq 1 50); do
    [ "$(python3 "$E2E/acl-probe.py" udp 127.0.0.1 127.0.0.1 REGISTER "$d" realm)" = "401 $d" ] && break; sleep 0.2
  done
done
spki() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64; }
TLS_SNI_TENANTS=$(printf '[{"host":"a.tabphone.test","spki":"%s","uri":"sip:3201@a.tabphone.test","password":"pw3201"},
  {"host":"phone.b.tabphone.test","spki":"%s","uri":"sip:3301@phone.b.tabphone.test","password":"pw3301"}]' \
  "$(spki a2.crt)" "$(spki b.crt)") node "$E2E/tls-sni-browser.mjs"
