#!/usr/bin/env python3
"""The dominant tone of a WAV file, with the standard library only (no numpy).

    dominant.py FILE [--skip 0.5] [--min-hz 100] [--max-hz 4000] [--json]
                     [--expect HZ [--tolerance 0.05] [--min-db -40]]

Prints "<hz> Hz <tone dBFS> dBFS (rms <dBFS>, <share> % of the power, <seconds> s analysed)"
or, with --json, one JSON object {hz, db, rms_db, share, seconds, rate, channels}.
With --expect it also judges: exit 0 when the dominant tone is within the tolerance of HZ and
at least --min-db loud, 1 when not (the reason on stderr), 2 for an unreadable file.

How: the first --skip seconds are left out (a call's first packets, jitter buffer fill). A
coarse pass runs Goertzel filters every 10 Hz over short Hann-windowed blocks spread over the
file (power averaged, so a burst does not win), a fine pass every 1 Hz around the coarse peak
over one long block, and the peak is refined by parabolic interpolation. The tone's level is its
sine amplitude in dBFS (0 dBFS = full-scale sine); `share` is the part of the signal's power
within that tone's lobe, so a clean tone reads near 100 % and noise far less.
"""
import argparse
import json
import math
import struct
import sys
import wave


def read_wav(path):
    """Mono samples as floats in [-1, 1), the sample rate, the channel count."""
    with wave.open(path, 'rb') as w:
        ch, width, rate, n = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
        if w.getcomptype() != 'NONE':
            raise ValueError(f'{path}: compressed WAV ({w.getcomptype()}) is not supported')
        raw = w.readframes(n)
    if width == 2:
        vals = struct.unpack(f'<{len(raw) // 2}h', raw)
        scale = 32768.0
    elif width == 1:
        vals = [b - 128 for b in raw]
        scale = 128.0
    elif width == 4:
        vals = struct.unpack(f'<{len(raw) // 4}i', raw)
        scale = 2147483648.0
    elif width == 3:
        vals = [int.from_bytes(raw[i:i + 3], 'little', signed=True) for i in range(0, len(raw), 3)]
        scale = 8388608.0
    else:
        raise ValueError(f'{path}: {width}-byte samples are not supported')
    if ch == 1:
        mono = [v / scale for v in vals]
    else:
        mono = [sum(vals[i:i + ch]) / (ch * scale) for i in range(0, len(vals) - ch + 1, ch)]
    return mono, rate, ch


def hann(n):
    return [0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1)) for i in range(n)] if n > 1 else [1.0]


def goertzel_power(block, rate, hz):
    """|X(hz)|^2 of an already windowed block."""
    coeff = 2.0 * math.cos(2.0 * math.pi * hz / rate)
    s1 = s2 = 0.0
    for x in block:
        s1, s2 = x + coeff * s1 - s2, s1
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


def peak(freqs, powers):
    """Index of the largest power, and the frequency refined by a parabola through its neighbours."""
    i = max(range(len(powers)), key=powers.__getitem__)
    hz = freqs[i]
    if 0 < i < len(powers) - 1:
        a, b, c = (10 * math.log10(p + 1e-30) for p in powers[i - 1:i + 2])
        d = a - 2 * b + c
        if d < 0:
            hz += 0.5 * (a - c) / d * (freqs[i + 1] - freqs[i])
    return i, hz


def analyse(samples, rate, min_hz=100.0, max_hz=4000.0):
    n = len(samples)
    if n < rate * 0.05:
        raise ValueError(f'only {n} samples ({n / rate:.3f} s) left to analyse')
    max_hz = min(max_hz, rate / 2 - 50)
    # coarse: up to 8 blocks of 40 ms spread over the signal, power averaged per frequency
    nc = int(rate * 0.04)
    k = max(1, min(8, n // nc))
    win_c = hann(nc)
    blocks = []
    for j in range(k):
        start = (n - nc) * j // max(1, k - 1) if k > 1 else 0
        blocks.append([x * w for x, w in zip(samples[start:start + nc], win_c)])
    freqs = [min_hz + 10 * i for i in range(int((max_hz - min_hz) / 10) + 1)]
    coarse = [sum(goertzel_power(b, rate, f) for b in blocks) / k for f in freqs]
    ci, _ = peak(freqs, coarse)
    # fine: one long block (up to 0.5 s, from the middle of the signal), 1 Hz steps around the peak
    nf = min(n, int(rate * 0.5))
    start = (n - nf) // 2
    win_f = hann(nf)
    block = [x * w for x, w in zip(samples[start:start + nf], win_f)]
    lo, hi = max(min_hz, freqs[ci] - 25), min(max_hz, freqs[ci] + 25)
    ffreqs = [lo + i for i in range(int(hi - lo) + 1)]
    fine = [goertzel_power(block, rate, f) for f in ffreqs]
    fi, hz = peak(ffreqs, fine)
    # a sine of amplitude A gives |X| = A * sum(w) / 2 at its frequency
    amp = 2 * math.sqrt(max(fine[fi], 0.0)) / sum(win_f)
    seg = samples[start:start + nf]
    ms = sum(x * x for x in seg) / len(seg)
    db = 20 * math.log10(amp + 1e-12)                    # dBFS of the tone (full-scale sine = 0)
    rms_db = 10 * math.log10(2 * ms + 1e-24)             # the whole signal, on the same scale
    share = min(1.0, (amp * amp / 2) / ms) if ms > 0 else 0.0
    return {'hz': round(hz, 1), 'db': round(db, 1), 'rms_db': round(rms_db, 1), 'share': round(share, 3)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('file')
    ap.add_argument('--skip', type=float, default=0.5, help='seconds left out at the start (default 0.5)')
    ap.add_argument('--min-hz', type=float, default=100.0)
    ap.add_argument('--max-hz', type=float, default=4000.0)
    ap.add_argument('--json', action='store_true')
    ap.add_argument('--expect', type=float, help='the tone that must dominate, Hz')
    ap.add_argument('--tolerance', type=float, default=0.05, help='relative, default 0.05 (±5 %%)')
    ap.add_argument('--min-db', type=float, default=-40.0, help='the least tone level in dBFS (default -40)')
    a = ap.parse_args(argv)
    try:
        samples, rate, ch = read_wav(a.file)
        skip = int(a.skip * rate)
        r = analyse(samples[skip:], rate, a.min_hz, a.max_hz)
    except (OSError, ValueError, EOFError, wave.Error) as e:
        print(f'dominant.py: {a.file}: {e}', file=sys.stderr)
        return 2
    r.update({'seconds': round(max(0, len(samples) - skip) / rate, 2), 'rate': rate, 'channels': ch})
    if a.json:
        print(json.dumps(r))
    else:
        print(f"{r['hz']} Hz {r['db']} dBFS (rms {r['rms_db']} dBFS, {round(100 * r['share'])} % of the power, "
              f"{r['seconds']} s analysed, {rate} Hz {ch} ch)")
    if a.expect is None:
        return 0
    if r['db'] < a.min_db:
        print(f'dominant.py: {a.file}: no tone: the strongest ({r["hz"]} Hz) is at {r["db"]} dBFS, below {a.min_db:g} dBFS '
              f'(rms {r["rms_db"]} dBFS)', file=sys.stderr)
        return 1
    if abs(r['hz'] - a.expect) > a.tolerance * a.expect:
        print(f'dominant.py: {a.file}: the dominant tone is {r["hz"]} Hz ({r["db"]} dBFS), not {a.expect:g} Hz ±{a.tolerance * 100:g} %',
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
