#!/usr/bin/env python3
"""split-stereo.py WAV OUTDIR [--min-seconds S] [--last S] [--suffix=X]

Checks that WAV is a recording as the gateway writes it (stereo, 16-bit, 8 kHz, longer than
--min-seconds, default 1) and writes its channels as OUTDIR/left{X}.wav and OUTDIR/right{X}.wav
(mono, same rate). --last S keeps only the last S seconds, less the final 0.1 s (the hang-up).
Exit 1 with the reason when the file is not such a recording."""
import argparse, sys, wave

ap = argparse.ArgumentParser()
ap.add_argument('wav'); ap.add_argument('outdir')
ap.add_argument('--min-seconds', type=float, default=1.0)
ap.add_argument('--last', type=float)
ap.add_argument('--suffix', default='')
a = ap.parse_args()
with wave.open(a.wav) as w:
    ch, width, rate, n = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
    frames = w.readframes(n)
print(f"split-stereo: {a.wav}: {ch} channels, {rate} Hz, {8 * width} bit, {n / rate:.2f} s")
if (ch, width, rate) != (2, 2, 8000) or n <= a.min_seconds * rate:
    sys.exit(f"split-stereo: {a.wav} is not an 8 kHz 16-bit stereo WAV of over {a.min_seconds} s")
if a.last:
    frames = frames[4 * (n - int(a.last * rate)):4 * (n - rate // 10)]
for i, name in enumerate(('left', 'right')):
    with wave.open(f"{a.outdir}/{name}{a.suffix}.wav", 'wb') as o:
        o.setnchannels(1); o.setsampwidth(2); o.setframerate(rate)
        o.writeframes(b''.join(frames[k + 2 * i:k + 2 * i + 2] for k in range(0, len(frames), 4)))
