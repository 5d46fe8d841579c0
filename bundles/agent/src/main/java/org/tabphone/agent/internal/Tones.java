package org.tabphone.agent.internal;

import org.tabphone.agent.api.AgentCall;

/** Generated tones at 8 kHz: what a prompt sounds like when no speech engine is installed. */
final class Tones {
    private Tones() {
    }

    /** {@code samples} of a sine at {@code hz}, amplitude about -10 dBFS. */
    static short[] sine(double hz, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (10_000 * Math.sin(2 * Math.PI * hz * i / AgentCall.SAMPLE_RATE));
        }
        return s;
    }

    /** {@code count} beeps of 300 ms at 440 Hz, 300 ms apart. */
    static short[] beeps(int count) {
        int beep = AgentCall.SAMPLE_RATE * 3 / 10;
        short[] out = new short[count * beep * 2];
        short[] one = sine(440, beep);
        for (int i = 0; i < count; i++) {
            System.arraycopy(one, 0, out, i * beep * 2, beep);
        }
        return out;
    }

    static short[] silence(int millis) {
        return new short[AgentCall.SAMPLE_RATE * millis / 1000];
    }
}
