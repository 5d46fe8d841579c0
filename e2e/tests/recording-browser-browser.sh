#!/usr/bin/env bash
# A recorded browser ↔ browser call on Opus (issue 10: such calls were recorded as silence): recording
# switched on from the shell for user 1001, then JsSIP 1001 in Chromium (fake microphone 440 Hz) calls
# SIP.js 1002 in another Chromium (1 kHz) — e2e/browser/tests/call-audio.mjs, which checks the call and
# each side hearing the other's tone. Then: the call's CDR says both legs spoke opus/48000/2 (the SDP
# the gateway passed through, no transcoding), and its WAV is stereo 8 kHz with 440 Hz in the left
# channel (the caller) and 1 kHz in the right (the callee): the tap decoded Opus with the codec-opus
# bundle. The policy is put back (recording off) whatever happened. Files: $E2E_OUT/recording-opus/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/browser/prepare.sh"
. "$HERE/baresip/prepare.sh"    # sox, for the tone files
OUT="$E2E_OUT/recording-opus"
rm -rf "$OUT" && mkdir -p "$OUT"
CDR_DIR="$GATEWAY_HOME/data/tabphone/cdr"
say() { echo "recording-opus-e2e: $*"; }
T0=$(date +%s%N)
fail() { echo "recording-opus-e2e: FAIL — $*"; exit 1; }

policy_off() { karaf_ssh 'tabphone:recording-set enabled=false "rules=record any"' >/dev/null || echo "recording-opus-e2e: could not switch recording off again" >&2; }
trap 'rc=$?; policy_off; "$BROWSER_DIR/netns.sh" down || true; exit $rc' EXIT

karaf_ssh 'tabphone:recording-set enabled=true "rules=record user 1001"' | grep -q "Recording policy updated" \
  || fail "tabphone:recording-set did not update the policy"
for _ in $(seq 1 40); do
  karaf_ssh tabphone:recording-policy >"$OUT/policy.txt" 2>/dev/null || true
  grep -q "Recording: on" "$OUT/policy.txt" && grep -q "1. record user 1001" "$OUT/policy.txt" && break
  sleep 0.25
done
grep -q "Recording: on" "$OUT/policy.txt" || { cat "$OUT/policy.txt"; fail "the policy never showed recording on"; }
seq_before=$(cat "$CDR_DIR"/*.jsonl 2>/dev/null | wc -l)

run_browser_test call-audio

# the CDR of that call (the newest from 1001 to 1002 after the test started): codecs and recording
rec=""
for _ in $(seq 1 20); do
  rec=$(python3 - "$CDR_DIR" "$seq_before" <<'PY'
import glob, json, sys
rows = []
for f in sorted(glob.glob(sys.argv[1] + '/*.jsonl')):
    for line in open(f, encoding='utf-8'):
        if line.strip():
            try: rows.append(json.loads(line))
            except ValueError: pass
mine = [r for r in rows[int(sys.argv[2]):] if r.get('caller', '').startswith('sip:1001@')
        and r.get('callee', '').startswith('sip:1002@') and r.get('recording')]
if mine: print(mine[-1]['call'], mine[-1]['callerCodec'] or '-', mine[-1]['calleeCodec'] or '-', mine[-1]['recording'])
PY
)
  [ -n "$rec" ] && break
  sleep 0.25
done
read -r call callerCodec calleeCodec wav <<<"$rec"
[ -n "${call:-}" ] || fail "no recorded CDR for a call from 1001 to 1002 in $CDR_DIR"
say "CDR of call $call: caller $callerCodec, callee $calleeCodec, recording $wav"
[ "$callerCodec" = "opus/48000/2" ] && [ "$calleeCodec" = "opus/48000/2" ] \
  || fail "the browsers did not agree on Opus through the gateway (caller $callerCodec, callee $calleeCodec)"
for _ in $(seq 1 20); do karaf_ssh "tabphone:recordings -c $call" >"$OUT/recordings.txt"; grep -q " done " "$OUT/recordings.txt" && break; sleep 0.25; done
grep -q " done " "$OUT/recordings.txt" || { cat "$OUT/recordings.txt"; fail "tabphone:recordings does not list $wav as done"; }

cp "$wav" "$OUT/call.wav"
"$HERE/audio/split-stereo.py" "$OUT/call.wav" "$OUT" || fail "the recording is not an 8 kHz 16-bit stereo WAV of over a second"
"$HERE/audio/expect-tone.sh" "$OUT/left.wav" 440 || fail "the left channel (the caller, JsSIP's 440 Hz) is wrong"
"$HERE/audio/expect-tone.sh" "$OUT/right.wav" 1000 || fail "the right channel (the callee, SIP.js's 1 kHz) is wrong"
say "PASS in $(( ($(date +%s%N) - T0) / 1000000 )) ms: the Opus call's WAV has the caller's tone left and the callee's right"
