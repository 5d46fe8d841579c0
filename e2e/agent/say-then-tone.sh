#!/usr/bin/env bash
# A caller's microphone for Chromium's --use-file-for-fake-audio-capture (48 kHz mono WAV, looped):
# silence, TEXT spoken by espeak-ng (en-us, WPM words per minute) REPEAT times with a pause after
# each, then a sine tone of HZ for the rest of the call (so the far side can be told by its tone).
#   say-then-tone.sh OUT.wav TEXT HZ [WPM [REPEAT [LEAD_SECONDS [TONE_SECONDS]]]]
# Defaults: 130 wpm, said 2 times, 2 s of silence first, 30 s of tone. Remade only when the
# parameters change (OUT.wav.params).
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
out=$1 text=$2 hz=$3 wpm=${4:-130} repeat=${5:-2} lead=${6:-2} tone=${7:-30}
for c in espeak-ng sox; do command -v $c >/dev/null || { echo "say-then-tone.sh: $c is missing" >&2; exit 1; }; done
params="$text|$hz|$wpm|$repeat|$lead|$tone"
if [ -s "$out" ] && [ "$out" -nt "$0" ] && [ "$(cat "$out.params" 2>/dev/null)" = "$params" ]; then exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -s "$wpm" -w "$tmp/said.wav" -- "$text"
sox -q "$tmp/said.wav" -r 48000 -c 1 -b 16 "$tmp/word.wav" pad 0 1.5          # the word and a pause
sox -q -n -r 48000 -c 1 -b 16 "$tmp/lead.wav" trim 0 "$lead"
sox -q -n -r 48000 -c 1 -b 16 "$tmp/tone.wav" synth "$tone" sine "$hz" vol 0.5
parts=("$tmp/lead.wav")
for _ in $(seq 1 "$repeat"); do parts+=("$tmp/word.wav"); done
mkdir -p "$(dirname "$out")"
sox -q "${parts[@]}" "$tmp/tone.wav" "$out.$$.tmp.wav"
mv -f "$out.$$.tmp.wav" "$out"
echo "$params" >"$out.params"
