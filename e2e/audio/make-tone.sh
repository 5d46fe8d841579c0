#!/usr/bin/env bash
# A sine tone as a 16-bit PCM WAV, made with sox.
#   make-tone.sh OUT.wav HZ [RATE [CHANNELS [SECONDS [AMPLITUDE]]]]
# Defaults: 8000 Hz, 1 channel, 30 s, amplitude 0.5 (-6 dBFS). Does nothing when OUT.wav was made
# with the same parameters (OUT.wav.params; tests call it every run). Examples:
#   make-tone.sh /tmp/1k.wav 1000              # baresip's aufile source (8 kHz mono, as PCMU/PCMA)
#   make-tone.sh /tmp/440.wav 440 48000 1 10   # Chromium's --use-file-for-fake-audio-capture (it loops)
# baresip's aufile source ends the call when its file runs out: make it longer than the call.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
out=$1 hz=$2 rate=${3:-8000} ch=${4:-1} secs=${5:-30} amp=${6:-0.5}
command -v sox >/dev/null || { echo "make-tone.sh: sox is missing (apt-get install sox)" >&2; exit 1; }
params="$hz Hz $rate Hz $ch ch $secs s amplitude $amp"
# made before with the same parameters (and by this version of the script): nothing to do
if [ -s "$out" ] && [ "$out" -nt "$0" ] && [ "$(cat "$out.params" 2>/dev/null)" = "$params" ]; then exit 0; fi
mkdir -p "$(dirname "$out")"
tmp="$out.$$.tmp.wav"   # two phones may make the same tone at once
sox -q -n -r "$rate" -c "$ch" -b 16 -e signed-integer "$tmp" synth "$secs" sine "$hz" vol "$amp"
mv -f "$tmp" "$out"
echo "$params" >"$out.params"
