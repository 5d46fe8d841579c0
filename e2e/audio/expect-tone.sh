#!/usr/bin/env bash
# Checks that a WAV file carries a tone: the dominant frequency between 100 and 4000 Hz, after
# the first 0.5 s, is within ±5 % of HZ and at least MIN_DB loud (default -40 dBFS).
#   expect-tone.sh FILE HZ [MIN_DB]
# Prints what it found; exits 0 when it matches, 1 when not (the reason on stderr), 2 when the
# file cannot be read. The analysis is dominant.py beside this script (python3, no numpy).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
file=$1 hz=$2 min_db=${3:--40}
echo -n "$file: "
exec python3 "$(dirname "$0")/dominant.py" "$file" --skip 0.5 --expect "$hz" --tolerance 0.05 --min-db "$min_db"
