#!/usr/bin/env bash
# The Prometheus endpoint (feature tabphone-metrics, a boot feature) on Karaf's HTTP port:
# scrapes http://127.0.0.1:8181/metrics, checks the text format 0.0.4 (content type, a HELP and
# a TYPE line before each family's samples, sample syntax), a few series the org.tabphone MBeans
# give (calls, media, registrations per tenant, transports), that they agree with the Karaf
# console, and that a counter moves: one SIP OPTIONS over UDP raises
# tabphone_transports_messages_received_total. Then auth.user/auth.password.sha256 set live make a
# scrape need HTTP Basic credentials. The scrapes are kept in $E2E_OUT/metrics/.
set -euo pipefail
OUT="$E2E_OUT/metrics"
mkdir -p "$OUT"
URL=${METRICS_URL:-http://127.0.0.1:8181/metrics}

scrape() { # scrape <file>: body to <file>, prints the content type
  curl -sS --max-time 5 -o "$1" -w '%{content_type}' "$URL"
}
# Karaf's HTTP service may be restarting (a test before this one installed and removed Hawtio's war)
for _ in $(seq 100); do
  curl -s --max-time 2 -o /dev/null "$URL" && break
  sleep 0.2
done
ctype=$(scrape "$OUT/before.txt")
[[ "$ctype" == "text/plain; version=0.0.4"* ]] || { echo "metrics: FAIL — content type '$ctype'"; exit 1; }

calls=$(karaf_ssh "tabphone:calls" | tr -d '\r')
python3 - "$OUT/before.txt" "$calls" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
calls = sys.argv[2]
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?|NaN|[+-]Inf)$')
helped, typed, values = set(), {}, {}
assert text.endswith("\n"), "the body must end with a newline"
for n, line in enumerate(text.splitlines(), 1):
    if line.startswith("# HELP "):
        name = line.split(" ")[2]
        assert name not in helped, f"line {n}: second HELP for {name}"
        helped.add(name)
    elif line.startswith("# TYPE "):
        _, _, name, kind = line.split(" ")
        assert kind in ("counter", "gauge"), f"line {n}: type {kind}"
        assert name in helped and name not in typed, f"line {n}: TYPE of {name} not right after its HELP"
        typed[name] = kind
    else:
        m = sample.match(line)
        assert m, f"line {n} is no sample: {line!r}"
        assert m.group(1) in typed, f"line {n}: {m.group(1)} has no TYPE line before it"
        assert typed[m.group(1)] != "counter" or m.group(1).endswith("_total"), f"line {n}: counter without _total"
        values[line.rsplit(" ", 1)[0]] = float(line.rsplit(" ", 1)[1])
need = ["tabphone_calls_active", "tabphone_calls_attempts_total", "tabphone_media_port_pairs_free",
        "tabphone_media_active_sessions", 'tabphone_registrations_count_by_tenant{tenant="demo"}',
        "tabphone_transports_messages_received_total", "tabphone_trunks_count", "tabphone_cdr_records_written_total"]
missing = [s for s in need if s not in values]
assert not missing, f"series missing: {missing}"
assert typed["tabphone_calls_active"] == "gauge" and typed["tabphone_calls_attempts_total"] == "counter"
assert values["tabphone_media_port_pairs_free"] > 0, "no free media ports?"
m = re.search(r"(\d+) live; (\d+) attempts", calls)
assert m, f"tabphone:calls printed no counters: {calls}"
assert values["tabphone_calls_attempts_total"] == int(m.group(2)), \
    f"attempts {values['tabphone_calls_attempts_total']} vs tabphone:calls {m.group(2)}"
print(f"metrics: {len(typed)} families, {len(values)} series, format ok; calls attempts agree with tabphone:calls ({m.group(2)})")
PY

python3 - "$SIP_UDP_PORT" <<'PY'
import socket, sys, uuid
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); s.settimeout(3)
lp = s.getsockname()[1]; tag = uuid.uuid4().hex[:8]
msg = (f"OPTIONS sip:demo.tabphone.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK{tag};rport\r\n"
       f"Max-Forwards: 70\r\nFrom: <sip:probe@demo.tabphone.test>;tag={tag}\r\nTo: <sip:demo.tabphone.test>\r\n"
       f"Call-ID: metrics-{tag}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
s.sendto(msg.encode(), ("127.0.0.1", port))
print("metrics: OPTIONS answered", s.recv(2048).split(b"\r\n", 1)[0].decode())
PY
before=$(awk '$1 == "tabphone_transports_messages_received_total" {print $2}' "$OUT/before.txt")
scrape "$OUT/after.txt" >/dev/null
after=$(awk '$1 == "tabphone_transports_messages_received_total" {print $2}' "$OUT/after.txt")
if [ "$after" -le "$before" ]; then
  echo "metrics: FAIL — tabphone_transports_messages_received_total stayed at $before after an OPTIONS"; exit 1
fi
echo "metrics: tabphone_transports_messages_received_total $before → $after after one OPTIONS"

# with auth.user set, a scrape needs its Basic credentials (401 without, or with a wrong password)
karaf_ssh "config:property-set -p org.tabphone.metrics auth.user prometheus; config:property-set -p org.tabphone.metrics auth.password.sha256 $(printf '%s' 's3cret' | sha256sum | cut -d' ' -f1)" >/dev/null
trap 'karaf_ssh "config:delete org.tabphone.metrics" >/dev/null 2>&1 || true' EXIT
code() { curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$@" "$URL"; }
for _ in $(seq 50); do [ "$(code)" = 401 ] && break; sleep 0.1; done
[ "$(code)" = 401 ] || { echo "metrics: FAIL — with auth.user set, a scrape without credentials got $(code), not 401"; exit 1; }
[ "$(code -u prometheus:wrong)" = 401 ] || { echo "metrics: FAIL — a wrong password was let in"; exit 1; }
[ "$(code -u prometheus:s3cret)" = 200 ] || { echo "metrics: FAIL — the right credentials got $(code -u prometheus:s3cret)"; exit 1; }
echo "metrics: with auth.user set: 401 without credentials or with a wrong password, 200 with them"
karaf_ssh "config:delete org.tabphone.metrics" >/dev/null
for _ in $(seq 50); do [ "$(code)" = 200 ] && break; sleep 0.1; done
[ "$(code)" = 200 ] || { echo "metrics: FAIL — auth stayed on after its configuration was deleted"; exit 1; }
