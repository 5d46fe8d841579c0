#!/usr/bin/env bash
# Blind transfer by the caller's leg, real peers: a sipp office phone calls baresip 1002, REFERs it
# to baresip 1003 and leaves; Bob and Carol talk (tones both ways). Logic in
# e2e/browser/tests/refer-caller-transfer.mjs (no browser) and e2e/sipp/refer-caller.xml; logs in
# $E2E_OUT/baresip/refer-caller-transfer.log, $E2E_OUT/sipp/refer-caller.*, $E2E_OUT/baresip/refer-caller-*/.
# The call is recorded (policy from the shell, put back afterwards): one WAV across the transfer in
# which each party keeps its channel (issue 10) — Bob, who stays, the callee's right channel to the
# end; Carol, who replaced the caller, the caller's left. Files: $E2E_OUT/recording-transfer/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/baresip/prepare.sh"
OUT="$E2E_OUT/recording-transfer"
rm -rf "$OUT" && mkdir -p "$OUT"
fail() { echo "refer-caller-transfer: FAIL — $*"; return 1; }
policy_off() { karaf_ssh 'tabphone:recording-set enabled=false "rules=record any"' >/dev/null || echo "refer-caller-transfer: could not switch recording off again" >&2; }

check_recording() {
  local row wav after
  after=$(karaf_ssh "tabphone:recordings -t baresip -n 1000" | grep -c '\.wav' || true)
  [ "$after" -eq $((before + 1)) ] || { fail "$((after - before)) new recordings for the transferred call, not one"; return 1; }
  for _ in $(seq 1 20); do
    row=$(karaf_ssh "tabphone:recordings -t baresip -n 1" | grep '\.wav' || true)
    grep -q " done " <<<"$row" && break
    sleep 0.25
  done
  grep -q " done " <<<"$row" || { fail "no finished recording of the transferred call: '$row'"; return 1; }
  wav=$(awk -F'|' '{gsub(/ /, "", $NF); print $NF}' <<<"$row")
  cp "$wav" "$OUT/call.wav"
  # the last 2 s (less the hang-up's last 0.1 s) are after the transfer: Bob and Carol talking
  "$HERE/audio/split-stereo.py" "$OUT/call.wav" "$OUT" --min-seconds 3 --last 2 --suffix=-after \
    || { fail "the recording is not an 8 kHz 16-bit stereo WAV of over 3 s"; return 1; }
  "$HERE/audio/expect-tone.sh" "$OUT/left-after.wav" 1600 \
    || { fail "after the transfer the left channel (the caller's side, now Carol's 1600 Hz) is wrong"; return 1; }
  "$HERE/audio/expect-tone.sh" "$OUT/right-after.wav" 1000 \
    || { fail "after the transfer the right channel (the callee's side, Bob's 1 kHz all along) is wrong"; return 1; }
  echo "refer-caller-transfer: one recording across the transfer; Bob stayed right, Carol took the caller's left"
}

recording_on() {
  karaf_ssh 'tabphone:recording-set enabled=true "rules=record tenant baresip"' | grep -q "Recording policy updated" \
    || { fail "tabphone:recording-set did not switch recording on"; return 1; }
  before=$(karaf_ssh "tabphone:recordings -t baresip -n 1000" | grep -c '\.wav' || true)
  for _ in $(seq 1 40); do # Config Admin applies it a moment later
    karaf_ssh tabphone:recording-policy 2>/dev/null | grep -q "Recording: on" && return 0
    sleep 0.25
  done
  fail "the recording policy never showed recording on"
}

rc=0
trap 'policy_off' EXIT
{ baresip_tenant add && recording_on && node "$HERE/browser/tests/refer-caller-transfer.mjs" && check_recording; } || rc=$?
baresip_tenant remove || rc=1
exit $rc
