#!/usr/bin/env bash
# A recorded browser ↔ baresip call: recording is switched on from the shell (tabphone:recording-set,
# through Config Admin, applied live), then JsSIP 1001 in Chromium (fake microphone 440 Hz) calls
# baresip 1002 on PCMA (1 kHz; the gateway transcodes PCMU↔PCMA) — e2e/browser/tests/baresip-browser-call.mjs,
# which checks the call and each side's tone. Then: the call's WAV is stereo 8 kHz 16-bit with 440 Hz
# in the left channel (the caller) and 1 kHz in the right (the callee); the call's CDR names that
# file, tabphone:recordings lists it, tabphone:cdr-verify still passes and the Recording MBean counts it. The policy is put back
# (recording off) whatever happened. Files: $E2E_OUT/recording/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"
OUT="$E2E_OUT/recording"
rm -rf "$OUT" && mkdir -p "$OUT"
CDR_DIR="$GATEWAY_HOME/data/tabphone/cdr"
say() { echo "recording-e2e: $*"; }
T0=$(date +%s%N)
fail() { echo "recording-e2e: FAIL — $*"; exit 1; }

policy_off() { karaf_ssh 'tabphone:recording-set enabled=false "rules=record any"' >/dev/null || echo "recording-e2e: could not switch recording off again" >&2; }
trap 'rc=$?; policy_off; baresip_tenant remove || rc=1; "$BROWSER_DIR/netns.sh" down || true; exit $rc' EXIT

# 1. the policy, from the shell: only calls of user 1001 (a rule before it that matches nothing here)
karaf_ssh 'tabphone:recording-set enabled=true "rules=skip number +99*, record user 1001"' | tee "$OUT/set.txt"
grep -q "Recording policy updated" "$OUT/set.txt" || fail "tabphone:recording-set did not update the policy"
bad=$(karaf_ssh 'tabphone:recording-rule-add record everyone' || true)
grep -q "^Error: " <<<"$bad" || fail "a bad rule was not refused: $bad"
for _ in $(seq 1 40); do
  karaf_ssh tabphone:recording-policy >"$OUT/policy.txt" 2>/dev/null || true
  grep -q "Recording: on" "$OUT/policy.txt" && grep -q "2. record user 1001" "$OUT/policy.txt" && break
  sleep 0.25
done
grep -q "Recording: on" "$OUT/policy.txt" || { cat "$OUT/policy.txt"; fail "the policy never showed recording on"; }
say "policy applied: $(grep -c '^  [0-9]\.' "$OUT/policy.txt") rules, $(grep '^Directory' "$OUT/policy.txt")"
before=$(karaf_ssh "tabphone:recordings -n 1000" | grep -c '\.wav' || true)

# 2. the call (its own checks: signalling, SDP, each side hears the other's tone)
baresip_tenant add
BARESIP_CODEC=pcma run_browser_test baresip-browser-call

# 3. the CDR of that call names its recording (the newest record from 1001 to 1002@baresip)
rec=""
for _ in $(seq 1 20); do
  rec=$(python3 - "$CDR_DIR" <<'PY'
import glob, json, sys
rows = []
for f in sorted(glob.glob(sys.argv[1] + '/*.jsonl')):
    for line in open(f, encoding='utf-8'):
        if line.strip():
            try: rows.append(json.loads(line))
            except ValueError: pass
mine = [r for r in rows if r.get('caller', '').startswith('sip:1001@') and '1002@baresip' in r.get('callee', '')]
if mine: print(mine[-1]['call'], mine[-1].get('recording', ''))
PY
)
  [ -n "$rec" ] && break
  sleep 0.25
done
read -r call wav <<<"$rec"
[ -n "${call:-}" ] || fail "no CDR for the call from 1001 to 1002@baresip in $CDR_DIR"
[ -n "${wav:-}" ] || fail "the CDR of call $call names no recording"
say "CDR of call $call: recording $wav"
for _ in $(seq 1 20); do karaf_ssh "tabphone:recordings -c $call" >"$OUT/recordings.txt"; grep -q " done " "$OUT/recordings.txt" && break; sleep 0.25; done
grep -qF "$wav" "$OUT/recordings.txt" && grep -q " done " "$OUT/recordings.txt" \
  || { cat "$OUT/recordings.txt"; fail "tabphone:recordings does not list $wav as done"; }
after=$(karaf_ssh "tabphone:recordings -n 1000" | grep -c '\.wav' || true)
[ "$after" -eq $((before + 1)) ] || fail "$((after - before)) new recordings for one recorded call"
karaf_ssh tabphone:cdr-verify | tee "$OUT/verify.txt" | grep -q "CDR store OK" || { cat "$OUT/verify.txt"; fail "tabphone:cdr-verify"; }

# 4. the WAV: stereo 8 kHz 16 bit, the caller's 440 Hz left, the callee's 1 kHz right
cp "$wav" "$OUT/call.wav"
"$HERE/audio/split-stereo.py" "$OUT/call.wav" "$OUT" || fail "the recording is not an 8 kHz 16-bit stereo WAV of over a second"
"$HERE/audio/expect-tone.sh" "$OUT/left.wav" 440 || fail "the left channel (the caller, the browser's 440 Hz) is wrong"
"$HERE/audio/expect-tone.sh" "$OUT/right.wav" 1000 || fail "the right channel (the callee, baresip's 1 kHz) is wrong"
karaf_ssh tabphone:recording-policy | grep "^Active recordings" | sed 's/^/recording-e2e: /'
# 5. the MBean org.tabphone:type=Recording, as the Prometheus endpoint reads it from JMX
m=$(curl -s --max-time 5 "${METRICS_URL:-http://127.0.0.1:8181/metrics}" | grep -E '^tabphone_recording_(files_written|frames_dropped|active_recordings)' || true)
[ "$(awk '$1 ~ /^tabphone_recording_files_written/ {print int($2)}' <<<"$m")" -ge 1 ] 2>/dev/null \
  || fail "JMX: org.tabphone:type=Recording FilesWritten not at least 1 in /metrics: '$m'"
say "JMX via /metrics: $(tr '\n' ' ' <<<"$m")"
say "PASS in $(( ($(date +%s%N) - T0) / 1000000 )) ms: the recorded call's WAV has the caller's tone left and the callee's right; its CDR names it"
