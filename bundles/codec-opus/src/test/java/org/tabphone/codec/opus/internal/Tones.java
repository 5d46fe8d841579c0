package org.tabphone.codec.opus.internal;

/** Test tones and a Goertzel detector: how much of a signal's power sits at one frequency. */
final class Tones {
    private Tones() {
    }

    /** {@code n} samples of a sine at {@code hz}, amplitude 10,000, starting at sample {@code start}. */
    static short[] sine(double hz, int rate, int start, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * hz * (start + i) / rate));
        }
        return s;
    }

    /** Power at {@code hz} over the samples, normalised so a pure sine of that frequency gives its mean power. */
    static double goertzel(short[] x, int off, int n, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = x[off + i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - c * s1 * s2;
        return 2 * power / ((double) n * n);
    }

    static double meanPower(short[] x, int off, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) x[off + i] * x[off + i];
        }
        return sum / n;
    }
}
