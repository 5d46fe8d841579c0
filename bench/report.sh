#!/usr/bin/env bash
# The benchmark set in one go: runs each benchmark of bench/ (and measures boot time, memory and
# how fast a .cfg change takes effect), then writes bench/RESULTS.md with the machine, the date and
# one row per figure against the goal of issue 12. Logs of every step: bench/target/report/.
#
# Usage: bench/report.sh                 everything (about 25 minutes on 2 cores)
#        ONLY="codec g711" bench/report.sh   some steps: codec g711 srtp boot register calls relay wss
#        ONLY=relay RESULTS=/tmp/r.md bench/report.sh   try a step without overwriting bench/RESULTS.md
# Run it on an otherwise idle machine: the load benchmarks share the cores with sipp and the gateway.
# Needs what `./tabphone test` installs (sipp, node for the WSS client); it stops any gateway it starts.
set -uo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
OUT="$BENCH/target/report"
RESULTS=${RESULTS:-$BENCH/RESULTS.md} # RESULTS=/tmp/x.md to try some steps without touching bench/RESULTS.md
STEPS=${ONLY:-codec g711 srtp boot register calls relay wss}
mkdir -p "$OUT"
ROWS="$OUT/rows.md"
MEMORY_ROWS="$OUT/memory-rows.md" # RSS idle and under load, printed together after the other rows
: >"$ROWS"
: >"$MEMORY_ROWS"

say() { echo "report: $*"; }
wants() { [[ " $STEPS " == *" $1 "* ]]; }
# row <what> <figure> <goal> <source>
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >>"$ROWS"; }
# run <name> <command...>: output to $OUT/<name>.log, echoed; never stops the report
run() {
  local name=$1; shift
  say "$name: $*"
  local t0=$SECONDS
  "$@" >"$OUT/$name.log" 2>&1
  local rc=$?
  say "$name: exit $rc after $((SECONDS - t0)) s (log: $OUT/$name.log)"
  return $rc
}
# last <regex> <log>: the last line of the log matching the regex
last() { grep -E "$1" "$2" | tail -1; }

if wants codec; then
  run sip-codec "$BENCH/sip-codec.sh"
  ns=$(last '^parseSerializeInvite ' "$OUT/sip-codec.log" | awk '{print $2}')
  row "SIP parse + serialize of a 979-octet INVITE, one core (JMH)" "${ns:-?} ns" "< 2,000 ns" "sip-codec.sh"
fi
if wants g711; then
  run g711 "$BENCH/g711.sh"
  # columns: name, ns/frame, (± CI), ns/sample, streams per core
  nsps=$(last '^transcodePcmaToPcmu ' "$OUT/g711.log" | awk '{print $5}')
  row "G.711 PCMA→PCMU transcoding via the codec SPI, one core (JMH)" "${nsps:-?} ns per sample" "≤ 2 ns" "g711.sh"
fi
if wants srtp; then
  run srtp "$BENCH/srtp.sh"
  worst=$(awk '$1 ~ /^(protect|unprotect)$/ { if ($4 + 0 > w) { w = $4 + 0; l = $1 " " $2 " " $3 } } END { printf "%.2f µs (%s)", w, l }' "$OUT/srtp.log")
  row "SRTP protect/unprotect of a 172-byte packet, worst of profiles and AES backends (JMH)" "$worst" "≤ 1 µs" "srtp.sh"
fi

if wants boot; then
  # ./tabphone start as a newcomer runs it; boot = until every Tabphone bundle is Active
  say "boot: ./tabphone start"
  ssh_karaf() { sshpass -p admin ssh -q -p 8101 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=3 admin@127.0.0.1 "$@"; }
  "$ROOT/tabphone" start </dev/null >"$OUT/boot.log" 2>&1 &
  start_pid=$!
  for _ in $(seq 1 3000); do grep -q "Tabphone is starting" "$OUT/boot.log" 2>/dev/null && break; sleep 0.1; done
  t0=$(date +%s%N); boot_ms=""
  for _ in $(seq 1 240); do
    b=$(ssh_karaf "bundle:list -s" 2>/dev/null)
    if grep -q org.tabphone.registrar <<<"$b" && [ -z "$(grep org.tabphone <<<"$b" | grep -v ' Active ')" ]; then
      boot_ms=$(( ($(date +%s%N) - t0) / 1000000 )); break
    fi
    sleep 0.25
  done
  row "Boot of \`./tabphone start\` to a console with every Tabphone bundle Active" "${boot_ms:-?} ms" "< 15,000 ms" "report.sh"
  sleep 20 # let the boot's JIT and class loading settle
  pid=$(cat "$ROOT/run/karaf.pid" 2>/dev/null)
  rss=$(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status" 2>/dev/null)
  ROWS=$MEMORY_ROWS row "RSS of the gateway JVM, idle after boot (demo configuration)" "${rss:-?}" "" "report.sh"
  # a .cfg save → its effect: the demo tenant's max.calls, read back through the shell
  cfg="$ROOT/run/etc/org.tabphone.tenant-demo.cfg"
  cp "$cfg" "$OUT/tenant-demo.cfg.orig"
  t0=$(date +%s%N); effect_ms=""
  sed -i 's/^max.registrations = .*/max.registrations = 1234/' "$cfg"
  for _ in $(seq 1 200); do
    if ssh_karaf "tabphone:tenants" 2>/dev/null | grep -q 1234; then effect_ms=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
    sleep 0.05
  done
  cp "$OUT/tenant-demo.cfg.orig" "$cfg"
  row "A \`.cfg\` saved → the change in effect (tenant max.registrations seen by \`tabphone:tenants\`)" "${effect_ms:-?} ms" "< 10,000 ms" "report.sh"
  kill "$pid" 2>/dev/null; kill "$start_pid" 2>/dev/null; wait "$start_pid" 2>/dev/null
  sleep 3
fi

if wants register; then
  run register-rate "$BENCH/registrar/register-rate.sh" 4000 6000 7000 8000
  best=$(last 'highest step with < 1% failed' "$OUT/register-rate.log" | sed 's/.*failed: //')
  achieved=$(awk -v b="${best%/s}" '$1 == b { print $5 "/s at " $7 " gateway CPU" }' "$OUT/register-rate.log" | tail -1)
  row "REGISTER with digest over UDP, < 1 % failed (sipp on the same cores)" "${achieved:-none under 1 %}" "≥ 6,000/s" "registrar/register-rate.sh"
fi
if wants calls; then
  run call-rate "$BENCH/calls/call-rate.sh" 1000 1500 2000
  best=$(last 'highest step with < 1% failed' "$OUT/call-rate.log" | sed 's/.*failed: //')
  achieved=$(awk -v b="${best%/s}" '$1 == b { print $5 "/s" }' "$OUT/call-rate.log" | tail -1)
  row "B2BUA calls, media anchored (SDP rewritten, ports bound), CDR + ACL + trunks in the path, < 1 % failed" "${achieved:-none under 1 %} (offered ${best:-?})" "≥ 1,200/s" "calls/call-rate.sh"
fi
if wants relay; then
  run relay-load "$BENCH/media/relay-load.sh" 200
  cores=$(last '^gateway CPU  ' "$OUT/relay-load.log" | grep -oE '[0-9.]+ cores' | head -1)
  pps=$(last '^packets relayed ' "$OUT/relay-load.log" | grep -oE '[0-9]+ packets/s' | head -1)
  us=$(last 'us CPU per relayed packet' "$OUT/relay-load.log" | grep -oE '[0-9.]+ us CPU per relayed packet')
  row "RTP relay of 200 G.711 calls (PCMU both legs, sipp ↔ gateway ↔ sipp)" "${cores:-?} for ${pps:-?} (${us:-?})" "≤ 0.6 core" "media/relay-load.sh"
  rss=$(last '^# gateway RSS under load' "$OUT/relay-load.log" | grep -oE '[0-9]+ MB at most' | sed 's/ at most//')
  ROWS=$MEMORY_ROWS row "RSS of the gateway JVM under load (the most while 200 G.711 calls were set up and relayed)" "${rss:-?}" "" "media/relay-load.sh"
fi
if wants wss; then
  run wss-idle-heap "$BENCH/registrar/wss-idle-heap.sh" 10000
  heap=$(last 'live heap \(class histogram\) before/after' "$OUT/wss-idle-heap.log" | grep -oE '[+-][0-9]+ B per idle registration')
  rss=$(last '^RSS before/after' "$OUT/wss-idle-heap.log" | grep -oE '[+-][0-9]+ B per idle registration')
  row "Heap per idle WSS registration, 10,000 connections" "${heap:-?} (RSS ${rss:-?})" "≤ 16 kB" "registrar/wss-idle-heap.sh"
fi

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/report.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM,"
  echo "$(java -version 2>&1 | head -1), $(uname -sr). Load generators (sipp, node) share the cores with the gateway,"
  echo "so the load figures are floors. Logs: \`bench/target/report/\`; how each benchmark works: \`bench/README.md\`."
  echo "Steps in this run: $STEPS (all: codec g711 srtp boot register calls relay wss)."
  echo
  echo "| what | figure | goal | benchmark |"
  echo "|---|---|---|---|"
  cat "$ROWS" "$MEMORY_ROWS"
} >"$RESULTS"
say "wrote $RESULTS"
cat "$RESULTS"
