package org.tabphone.agent.internal;

/**
 * 8 kHz to 16 kHz PCM for the 16 kHz speech model: zero-stuffing and a 31-tap
 * Hamming-windowed sinc low-pass at 4 kHz, so the model hears nothing above the telephone band
 * (linear interpolation leaves images there that it takes for fricatives).
 */
final class Upsampler {
    private static final int TAPS = 31;
    private static final double[] H = taps();

    private Upsampler() {
    }

    static short[] twice(short[] in) {
        int n = in.length * 2;
        short[] out = new short[n];
        int half = (TAPS - 1) / 2;
        for (int i = 0; i < n; i++) {
            double acc = 0;
            // only the even positions of the zero-stuffed signal carry samples
            for (int k = 0; k < TAPS; k++) {
                int j = i - k + half;
                if (j >= 0 && j < n && (j & 1) == 0) {
                    acc += H[k] * in[j >> 1];
                }
            }
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
        }
        return out;
    }

    private static double[] taps() {
        double[] h = new double[TAPS];
        for (int i = 0; i < TAPS; i++) {
            double m = i - (TAPS - 1) / 2.0;
            double sinc = m == 0 ? 1 : Math.sin(Math.PI * m / 2) / (Math.PI * m / 2);
            h[i] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (TAPS - 1)));
        }
        return h;
    }
}
