#!/usr/bin/env bash
# RTP relay load: N concurrent calls (default 200) from a sipp UAC through the gateway to a sipp UAS,
# both sending G.711 for the whole call toward the address and port in the SDP the gateway gave them,
# so every packet is relayed by the media bundle (RTP/AVP legs, PCMU both sides: payload type and
# SSRC/sequence/timestamp rewritten, no transcoding unless CALLEE_CODEC=PCMA). Once all N media
# sessions exist and have settled, MediaLoad.java reads org.tabphone:type=Media (PacketsRelayed,
# PacketsDropped, ActiveSessions) over JMX once a second for WINDOW seconds, with the CPU time
# (utime + stime from /proc) of the gateway JVM and its threads, of both sipps and of the machine,
# and prints packets/s relayed, the gateway's CPU in % of a core and in cores, CPU per 1,000
# packets/s and per packet. Then `tabphone:media` shows that every leg both received and sent, the
# calls end with BYE, and the sessions and ports must all be gone.
#
# Usage: bench/media/relay-load.sh [calls]                 (default 200)
# Environment:
#   MEDIA_MODE    stream (default): sipp's rtp_stream, a headerless G.711 tone looped from sipp's one
#                 media socket (the port in its SDP), 20 ms packets on a 20 ms clock;
#                 pcap: sipp's play_pcap_audio of a PCMU pcap made by make-audio.py (sipp 3.6 sends it
#                 through one raw socket per call, and Linux hands every raw UDP socket bound to
#                 127.0.0.1 a copy of each UDP datagram to that address, which costs every sender on
#                 the host, the gateway included, CPU per packet per call: see bench/README.md);
#                 none: the same calls with no RTP (the gateway's cost of N idle calls).
#   CALLEE_CODEC  PCMU (default) or PCMA: the UAS answers PCMA, so the gateway transcodes both ways.
#   CALL_RATE (50 calls/s to set the calls up), SETTLE (20 s), WINDOW (30 s), INTERVAL (5 s between JMX
#   readings), HOLD (call length in
#   seconds, default ramp + SETTLE + WINDOW + 25), PROFILE=1 (JFR over the window, summarised by
#   registrar/JfrTop.java), KEEP_GATEWAY=1, and gateway.sh's GW_* knobs.
#
# Uses bench/registrar/gateway.sh: the same private gateway, home and ports as the other benchmarks
# (its media ports are the shipped 20000-29999). sipp shares the 2 cores with the gateway, and
# loopback delivery is charged to the sender, so the gateway's figure includes the kernel's work of
# handing its packets to sipp's sockets: a floor for a real network, not a ceiling.
set -euo pipefail
MEDIA_DIR=$(cd "$(dirname "$0")" && pwd)
. "$MEDIA_DIR/../registrar/gateway.sh"

CALLS=${1:-200}
CALL_RATE=${CALL_RATE:-50}
SETTLE=${SETTLE:-20}
WINDOW=${WINDOW:-30}
MEDIA_MODE=${MEDIA_MODE:-stream}
CALLEE_CODEC=${CALLEE_CODEC:-PCMU}
HOLD=${HOLD:-$(((CALLS + CALL_RATE - 1) / CALL_RATE + SETTLE + WINDOW + 25))}
DOMAIN=media.bench.test
CALLEE=600000
UAS_PORT=15082  # the callee's SIP socket (REGISTER source, then the UAS)
UAC_PORT=15092  # the caller's SIP socket
UAS_MEDIA=16100 # sipp's media socket (and +2 for video, unused)
UAC_MEDIA=16000
OUT=$MEDIA_DIR/target/relay-load/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

case $MEDIA_MODE in stream | pcap | none) ;; *) echo "MEDIA_MODE must be stream, pcap or none" >&2; exit 2 ;; esac
case $CALLEE_CODEC in PCMU) PT=0 ;; PCMA) PT=8 ;; *) echo "CALLEE_CODEC must be PCMU or PCMA" >&2; exit 2 ;; esac
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 2; }
[[ $MEDIA_MODE != pcap || $(id -u) == 0 ]] || { echo "MEDIA_MODE=pcap needs root (sipp sends through raw sockets)" >&2; exit 2; }

# media: the caller sends a 440 Hz tone, the callee 1 kHz (tell them apart in a capture)
lower() { tr '[:upper:]' '[:lower:]' <<<"$1"; }
if [[ $MEDIA_MODE == pcap ]]; then
  secs=$((HOLD + 15))
  UAC_FILE=$MEDIA_DIR/target/tone-440-pcmu-${secs}s.pcap
  UAS_FILE=$MEDIA_DIR/target/tone-1000-$(lower $CALLEE_CODEC)-${secs}s.pcap
  [[ -f $UAC_FILE ]] || python3 "$MEDIA_DIR/make-audio.py" pcap pcmu 440 "$secs" "$UAC_FILE"
  [[ -f $UAS_FILE ]] || python3 "$MEDIA_DIR/make-audio.py" pcap "$(lower $CALLEE_CODEC)" 1000 "$secs" "$UAS_FILE"
  UAC_STREAM=$UAC_FILE
  UAS_STREAM=$UAS_FILE
else
  UAC_FILE=$MEDIA_DIR/target/tone-440-pcmu-1s.raw
  UAS_FILE=$MEDIA_DIR/target/tone-1000-$(lower $CALLEE_CODEC)-1s.raw
  [[ -f $UAC_FILE ]] || python3 "$MEDIA_DIR/make-audio.py" raw pcmu 440 1 "$UAC_FILE"
  [[ -f $UAS_FILE ]] || python3 "$MEDIA_DIR/make-audio.py" raw "$(lower $CALLEE_CODEC)" 1000 1 "$UAS_FILE"
  UAC_STREAM="$UAC_FILE,-1,0" # loop for ever, payload type 0
  UAS_STREAM="$UAS_FILE,-1,$PT"
fi
# the scenarios as run: rtp_stream as written, play_pcap_audio for pcap, no media action for none
for side in uac uas; do
  case $MEDIA_MODE in
    stream) cp "$MEDIA_DIR/$side-media.xml" "$OUT/$side.xml" ;;
    pcap) sed 's/rtp_stream="\[stream\]"/play_pcap_audio="[stream]"/' "$MEDIA_DIR/$side-media.xml" >"$OUT/$side.xml" ;;
    none) sed '/<nop>/,/<\/nop>/d' "$MEDIA_DIR/$side-media.xml" >"$OUT/$side.xml" ;;
  esac
done

raise_nofile 65536
gw_prepare
gw_tenant mediabench "$DOMAIN" "$CALLEE" 1 "$MEDIA_DIR/target/callee.csv" 10
gw_start
GW_PID=$(gw_pid)
KLOG=$GW_HOME/data/log/karaf.log
KLOG_START=$(wc -l <"$KLOG" 2>/dev/null || echo 0)
PORT_MIN=$(sed -nE 's/^port\.min *= *([0-9]+).*/\1/p' "$GW_HOME/etc/org.tabphone.media.cfg")
PORT_MAX=$(sed -nE 's/^port\.max *= *([0-9]+).*/\1/p' "$GW_HOME/etc/org.tabphone.media.cfg")
UAS_PID=""
UAC_PID=""
cleanup() {
  [[ -n $UAC_PID ]] && kill "$UAC_PID" 2>/dev/null || true
  [[ -n $UAS_PID ]] && kill "$UAS_PID" 2>/dev/null || true
  [[ ${KEEP_GATEWAY:-0} == 1 ]] || gw_stop
}
trap cleanup EXIT

for ((i = 0; i < 30; i++)); do
  if (cd "$OUT" && timeout 20 sipp 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $UAS_PORT -t u1 \
      -sf "$REPO_DIR/e2e/sipp/register-digest.xml" -inf "$MEDIA_DIR/target/callee.csv" -m 1 \
      -nostdin -recv_timeout 2s -timeout 10s >register.out 2>&1); then break; fi
  [[ $i -eq 29 ]] && { echo "callee $CALLEE never registered (see $OUT/register.out)" >&2; exit 1; }
  sleep 1
done
log "callee $CALLEE@$DOMAIN registered from 127.0.0.1:$UAS_PORT"

# the gateway with nothing to do, for reference
idle0=$(cpu_ticks "$GW_PID"); sleep 5; idle1=$(cpu_ticks "$GW_PID")
IDLE_CPU=$(awk -v t=$((idle1 - idle0)) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", 100 * t / hz / 5 }')

sipp_pid() { # the subshell execs sipp: its pid is sipp's
  ps -o comm= -p "$1" | grep -qx sipp && echo "$1" || true
}
# -nd: a retransmitted INVITE (the gateway's 500 ms timer ran out before the 180 got through) is
# ignored rather than aborting the call (the 200 is retransmitted anyway), so that callee still streams
(cd "$OUT" && exec sipp -sf "$OUT/uas.xml" -s "$CALLEE" -i 127.0.0.1 -p $UAS_PORT -t u1 -mi 127.0.0.1 -mp $UAS_MEDIA \
    -key pt "$PT" -key codec "$CALLEE_CODEC" -key stream "$UAS_STREAM" -nd -nostdin -l $((CALLS * 2 + 100)) \
    -trace_stat -stf uas.stats.csv -fd 5 -trace_err -error_file uas.errors.log >uas.out 2>&1) &
UAS_PID=$!
sleep 1
[[ -n $(sipp_pid $UAS_PID) ]] || { echo "UAS sipp did not start (see $OUT/uas.out)" >&2; cat "$OUT/uas.out" >&2; exit 1; }
(cd "$OUT" && exec sipp 127.0.0.1:$SIP_PORT -sf "$OUT/uac.xml" -s "$CALLEE" -key domain "$DOMAIN" -i 127.0.0.1 -p $UAC_PORT \
    -t u1 -mi 127.0.0.1 -mp $UAC_MEDIA -key stream "$UAC_STREAM" -r "$CALL_RATE" -m "$CALLS" -l "$CALLS" -d $((HOLD * 1000)) \
    -nostdin -recv_timeout 10s -trace_stat -stf uac.stats.csv -fd 5 -trace_err -error_file uac.errors.log >uac.out 2>&1) &
UAC_PID=$!
sleep 1
[[ -n $(sipp_pid $UAC_PID) ]] || { echo "UAC sipp did not start (see $OUT/uac.out)" >&2; cat "$OUT/uac.out" >&2; exit 1; }
log "UAC sipp pid $UAC_PID → gateway → UAS sipp pid $UAS_PID: $CALLS calls at $CALL_RATE/s, ${HOLD}s each, media $MEDIA_MODE"

{
  echo "# relay-load $(date -Is) on $(nproc) cores; $CALLS calls, media $MEDIA_MODE (caller PCMU, callee $CALLEE_CODEC), ${WINDOW}s window after ${SETTLE}s settling"
  echo "# gateway pid $GW_PID, JVM $GW_HEAP ${GW_JAVA_OPTS:-}; media ports $PORT_MIN-$PORT_MAX; media bundle jar $(ls "$GW_HOME"/system/org/tabphone/org.tabphone.media/*/*.jar | xargs md5sum | cut -c1-12) (md5) built $(ls "$GW_HOME"/system/org/tabphone/org.tabphone.media/*/*.jar | xargs stat -c %y | cut -c1-16)"
  echo "# gateway CPU with no calls (5 s, just after start): $IDLE_CPU% of one core; load before: $(loadavg)"
} | tee "$OUT/summary.txt"

jfr_arg=()
[[ ${PROFILE:-0} == 1 ]] && jfr_arg=(jfr="$OUT/gateway.jfr")
# the gateway's RSS while the calls are set up and relayed (VmRSS every 2 s; report.sh's "under load" row)
(while sleep 2; do awk '/^VmRSS/ { print $2 }' "/proc/$GW_PID/status" 2>/dev/null || exit 0; done >"$OUT/rss-kb.txt") &
RSS_PID=$!
java "$MEDIA_DIR/MediaLoad.java" jmx="service:jmx:rmi:///jndi/rmi://127.0.0.1:$RMI_REGISTRY_PORT/karaf-root" \
  gw="$GW_PID" uac="$UAC_PID" uas="$UAS_PID" calls="$CALLS" settle="$SETTLE" window="$WINDOW" hz="$CLK_TCK" \
  gwPorts="$PORT_MIN-$PORT_MAX" uacMedia=$UAC_MEDIA uasMedia=$UAS_MEDIA wait=$((CALLS / CALL_RATE + 60)) interval="${INTERVAL:-5}" "${jfr_arg[@]}" \
  | tee -a "$OUT/summary.txt"

kill "$RSS_PID" 2>/dev/null || true
awk 'NR == 1 { first = $1 } { if ($1 > max) max = $1; last = $1 }
  END { if (NR) printf "# gateway RSS under load: %.0f MB at most, %.0f MB at the end of the window (%.0f MB as the calls began; VmRSS every 2 s, %d samples)\n",
        max / 1024, last / 1024, first / 1024, NR }' "$OUT/rss-kb.txt" | tee -a "$OUT/summary.txt"

# every leg should have received and sent packets (Pkts in / Pkts out of tabphone:media)
gw_shell tabphone:media 2>/dev/null | tr -d '\r' >"$OUT/media-sessions.txt" || true
awk -F'|' 'NF >= 13 && $1 ~ /m[0-9]/ {
    for (i = 1; i <= NF; i++) gsub(/^ +| +$/, "", $i)
    legs++; if ($10 > 0 && $11 > 0) both++; else if ($10 > 0) inonly++; else if ($11 > 0) outonly++; else none++
    if ($8 == "true") tc++; lost += $12; dropped += $13; pin += $10; pout += $11
  } END { printf "# tabphone:media: %d legs; %d received and sent, %d only received, %d only sent, %d neither; %d transcoding; packets in %d, out %d, lost %d, dropped %d\n",
          legs, both, inonly, outonly, none, tc, pin, pout, lost, dropped }' "$OUT/media-sessions.txt" | tee -a "$OUT/summary.txt"
grep -E 'sessions;' "$OUT/media-sessions.txt" | sed 's/^/# tabphone:media: /' | tee -a "$OUT/summary.txt" || true

log "waiting for the calls to end (BYE after ${HOLD}s)"
for ((i = 0; i < HOLD + 60; i++)); do
  kill -0 "$UAC_PID" 2>/dev/null || break
  sleep 1
done
UAC_PID=""
sleep 2
{
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { last = $0 }
    END { split(last, f, ";"); printf "# UAC: %d calls successful, %d failed, %d retransmissions\n",
          f[col["SuccessfulCall(C)"]], f[col["FailedCall(C)"]], f[col["Retransmissions(C)"]] }' "$OUT/uac.stats.csv"
  echo "# gateway after the calls ended: $(gw_jmx Media.ActiveSessions Media.PortPairsInUse Media.SessionsOpened Media.PacketsDropped | tr '\n' ' ')"
  echo "# karaf.log since start: $(tail -n +$((KLOG_START + 1)) "$KLOG" 2>/dev/null | grep -c -E '\| (WARN|ERROR) ' || true) WARN/ERROR lines"
  tail -n +$((KLOG_START + 1)) "$KLOG" 2>/dev/null | grep -E '\| (WARN|ERROR) ' | awk -F'|' '{ print $2 "|" $4 "|" substr($NF, 1, 100) }' \
    | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -5 | sed 's/^/#   /' || true
  for f in uac.errors.log uas.errors.log; do
    if [[ -s $OUT/$f ]]; then
      echo "# $f: $(grep -c -E '^[0-9]{4}-' "$OUT/$f" || true) events, e.g. $(grep -m1 -oE '(Aborting|Continuing|Dead call|receive timeout)[^:]*' "$OUT/$f" || true)"
    fi
  done
} | tee -a "$OUT/summary.txt"
if [[ ${PROFILE:-0} == 1 && -f $OUT/gateway.jfr ]]; then
  java "$MEDIA_DIR/../registrar/JfrTop.java" "$OUT/gateway.jfr" 25 >"$OUT/profile.txt" 2>&1 || true
  echo "# JFR summary: $OUT/profile.txt" | tee -a "$OUT/summary.txt"
fi
echo "# output in $OUT"
