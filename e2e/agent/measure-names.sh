#!/usr/bin/env bash
# How well pocketsphinx hears names over the phone (README "Names by voice"): espeak-ng says each
# word, sox takes it through G.711 μ-law at 8 kHz and back up to 16 kHz with 0.3 s of silence
# around it, and pocketsphinx_batch decodes all of them against a JSGF grammar of NAMES, with
# the receptionist's filler words unless FILLERS=no. Prints, per voice and rate, names right and
# non-names taken for a name.
#   measure-names.sh [VOICES [RATES [NAMES [OTHERS]]]]
# Defaults: "en-us en-us+m3 en-us+f3 en-us+m7", "120 130 150", "alice bob carol dave",
# "hello operator yes nothing". Takes about 1 s a word.
set -euo pipefail
voices=${1:-"en-us en-us+m3 en-us+f3 en-us+m7"} rates=${2:-"120 130 150"}
names=${3:-"alice bob carol dave"} others=${4:-"hello operator yes nothing"}
model=/usr/share/pocketsphinx/model/en-us
for c in espeak-ng sox pocketsphinx_batch; do command -v $c >/dev/null || { echo "measure-names.sh: $c is missing" >&2; exit 1; }; done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/wav"
fillers="no | help | thanks | sorry | please | reception | sales | support | today | morning | person | someone"
{
  echo "#JSGF V1.0;"; echo "grammar names;"
  if [ "${FILLERS:-yes}" = no ]; then echo "public <utterance> = <name>;"; else echo "public <utterance> = <name> | <filler>;"; echo "<filler> = $fillers;"; fi
  echo "<name> = $(echo $names | sed 's/ / | /g');"
} >"$tmp/names.gram"
for v in $voices; do for r in $rates; do for w in $names $others; do
  id="$(echo "$v" | tr '+' '_')-$r-$w"
  espeak-ng -v "$v" -s "$r" -w "$tmp/said.wav" -- "$w"
  sox -q "$tmp/said.wav" -r 8000 -e u-law -t wav "$tmp/ulaw.wav"
  sox -q "$tmp/ulaw.wav" -e signed -b 16 -r 16000 "$tmp/wav/$id.wav" pad 0.3 0.3
  echo "$id" >>"$tmp/ctl"
done; done; done
pocketsphinx_batch -hmm "$model/en-us" -dict "$model/cmudict-en-us.dict" -jsgf "$tmp/names.gram" \
  -adcin yes -adchdr 44 -cepdir "$tmp/wav" -cepext .wav -ctl "$tmp/ctl" -hyp "$tmp/hyp" -dither yes -seed 1 2>/dev/null
python3 - "$tmp/hyp" "$names" <<'PY'
import re, sys, collections
names = set(sys.argv[2].split()); rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    m = re.match(r"^(.*?)\s*\((\S+) (-?\d+)\)\s*$", line)
    if m:
        v, r, w = m.group(2).rsplit("-", 2)
        rows.setdefault(f"{v}/{r}", []).append((w, m.group(1).strip()))
for k, ws in rows.items():
    ok = sum(w in names and h == w for w, h in ws); nn = [w for w, _ in ws if w not in names]
    fp = sum(w not in names and h in names for w, h in ws)
    print(f"{k}: names {ok}/{len(ws) - len(nn)}, non-names taken for a name {fp}/{len(nn)}: " + " ".join(f"{w}={h or '_'}" for w, h in ws))
PY
