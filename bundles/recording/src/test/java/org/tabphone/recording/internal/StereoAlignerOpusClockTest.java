package org.tabphone.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * An Opus side: its PCM arrives at 8 kHz but its RTP timestamps run at 48 kHz (RFC 7587), so a
 * 20 ms packet moves them by 960. Its frames must land 160 frames apart, as a G.711 side's do.
 */
class StereoAlignerOpusClockTest {
    private static final long MS = 1_000_000L;

    private final short[][] out = new short[20_000][2];
    private int written;
    private final StereoAligner aligner = new StereoAligner((s, off, frames) -> {
        for (int i = 0; i < frames; i++) {
            out[written][0] = s[off + 2 * i];
            out[written][1] = s[off + 2 * i + 1];
            written++;
        }
    });

    @Test
    void opusTimestampsAt48kHzPlaceEightKilohertzFramesBackToBack() throws Exception {
        short[] frame = new short[160];
        for (int i = 0; i < 50; i++) {
            Arrays.fill(frame, (short) (100 + i));
            long arrival = (20L * (i + 1)) * MS;
            aligner.add(0, arrival, 0x0A, 123_456 + 960 * i, 48000, frame, 0, 160); // Opus caller
            Arrays.fill(frame, (short) (-100 - i));
            aligner.add(1, arrival, 0x0B, 7_000 + 160 * i, 8000, frame, 0, 160);  // G.711 callee
        }
        aligner.finish();
        assertEquals(50 * 160, written, "one second, no gaps and no overlap");
        for (int i = 0; i < 50; i++) {
            assertEquals(100 + i, out[i * 160 + 80][0], "caller packet " + i + " where its timestamp puts it");
            assertEquals(-100 - i, out[i * 160 + 80][1], "callee packet " + i);
        }
    }
}
