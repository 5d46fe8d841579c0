package org.tabphone.codec.opus.internal;

/**
 * Takes 48 kHz mono PCM down to {@code 48000 / factor} Hz: a windowed-sinc low-pass (Blackman,
 * 16 taps per output sample, cut-off at 45 % of the output rate) evaluated only at the kept
 * samples. Keeps the last input samples between frames, so a stream is filtered without seams.
 * One per stream; allocates only when built.
 */
final class Decimator {
    private static final int TAPS_PER_FACTOR = 16;

    private final int factor;
    private final float[] taps;
    /** The filter's history (taps - 1 samples), then room for one packet's samples. */
    private final short[] x;
    private final int history;

    Decimator(int factor, int maxInput) {
        this.factor = factor;
        int n = TAPS_PER_FACTOR * factor;
        this.taps = lowPass(n, 0.45 / factor);
        this.history = n - 1;
        this.x = new short[history + maxInput];
    }

    /** Where the caller writes the next 48 kHz samples (up to {@code maxInput} of them). */
    short[] input() {
        return x;
    }

    int inputOffset() {
        return history;
    }

    /**
     * Filters {@code n} new input samples (a multiple of the factor) into {@code n / factor}
     * samples at {@code out[outOffset]}.
     */
    int filter(int n, short[] out, int outOffset) {
        int produced = n / factor;
        float[] h = taps;
        for (int k = 0; k < produced; k++) {
            int newest = history + k * factor + factor - 1;
            float acc = 0;
            for (int j = 0; j < h.length; j++) {
                acc += h[j] * x[newest - j];
            }
            int s = Math.round(acc);
            out[outOffset + k] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
        }
        System.arraycopy(x, n, x, 0, history); // the newest samples are the next frame's history
        return produced;
    }

    /** Blackman-windowed sinc with cut-off {@code fc} (cycles per input sample), unity gain at DC. */
    private static float[] lowPass(int n, double fc) {
        double[] h = new double[n];
        double sum = 0;
        double mid = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            double t = i - mid;
            double sinc = t == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
            double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (n - 1));
            h[i] = sinc * w;
            sum += h[i];
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (h[i] / sum);
        }
        return out;
    }
}
