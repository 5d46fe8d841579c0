package org.tabphone.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Where each side's frames land in the stereo stream: by RTP time from the side's first arrival, silence between. */
class StereoAlignerTest {
    private static final long MS = 1_000_000L;
    private static final int CALLER = 0;
    private static final int CALLEE = 1;

    /** Everything written, as [frame][channel]. */
    private final short[][] out = new short[200_000][2];
    private int written;
    private final StereoAligner aligner = new StereoAligner((s, off, frames) -> {
        for (int i = 0; i < frames; i++) {
            out[written][0] = s[off + 2 * i];
            out[written][1] = s[off + 2 * i + 1];
            written++;
        }
    });

    private static short[] frame(int value) {
        short[] f = new short[160];
        Arrays.fill(f, (short) value);
        return f;
    }

    /** A packet as the tap thread hands it over. */
    private record Packet(int side, long arrivalNanos, int ssrc, int ts, int value) {
    }

    private final java.util.List<Packet> pending = new java.util.ArrayList<>();

    /** 20 ms packets of {@code value} from t ms on, RTP time from ts, arriving on time (fed by {@link #play}). */
    private void talk(int side, int fromMs, int packets, int ts, int ssrc, int value) {
        for (int i = 0; i < packets; i++) {
            pending.add(new Packet(side, (fromMs + 20L * (i + 1)) * MS, ssrc, ts + 160 * i, value));
        }
    }

    /** Feeds what both sides said in arrival order, as the tap hands it over, and ends the call. */
    private void play() throws Exception {
        pending.sort(java.util.Comparator.comparingLong(Packet::arrivalNanos));
        for (Packet p : pending) {
            aligner.add(p.side(), p.arrivalNanos(), p.ssrc(), p.ts(), frame(p.value()), 0, 160);
        }
        pending.clear();
        aligner.finish();
    }

    private short at(int ms, int channel) {
        return out[ms * 8][channel];
    }

    @Test
    void bothSidesTalkingTogetherStaySampleAlignedInTheirOwnChannels() throws Exception {
        for (int i = 0; i < 100; i++) { // two seconds, interleaved as they arrive
            aligner.add(CALLER, 20L * (i + 1) * MS, 1, 1000 + 160 * i, frame(100), 0, 160);
            aligner.add(CALLEE, 20L * (i + 1) * MS + 3 * MS, 2, 77_000 + 160 * i, frame(-200), 0, 160);
        }
        aligner.finish();
        assertEquals(16_000, written, "two seconds of stereo frames");
        for (int f = 0; f < written; f++) {
            assertEquals(100, out[f][0], "left is the caller at frame " + f);
            assertEquals(-200, out[f][1], "right is the callee at frame " + f);
        }
    }

    @Test
    void aSideThatStartsLaterIsSilentUntilItsFirstPacketArrived() throws Exception {
        talk(CALLER, 0, 50, 0, 1, 100);             // 0..1 s
        talk(CALLEE, 500, 25, 9999, 2, 300);         // first packet arrives at 520 ms: its audio is 500..1000 ms
        play();
        assertEquals(8000, written);
        assertEquals(0, at(250, CALLEE), "the callee said nothing before 500 ms");
        assertEquals(300, at(510, CALLEE));
        assertEquals(100, at(250, CALLER));
        assertEquals(100, at(990, CALLER));
    }

    @Test
    void aGapInRtpTimeIsSilenceInThatChannelOnly() throws Exception {
        talk(CALLEE, 0, 100, 0, 2, 300);                 // the callee talks for 2 s
        talk(CALLER, 0, 25, 0, 1, 100);                  // the caller 0..0.5 s,
        talk(CALLER, 1500, 25, 1500 * 8, 1, 100);        // stops (DTX), and talks again 1.5..2 s
        play();
        assertEquals(100, at(250, CALLER));
        assertEquals(0, at(1000, CALLER), "silence where the caller sent nothing");
        assertEquals(100, at(1750, CALLER));
        assertEquals(300, at(1000, CALLEE), "the other channel is untouched");
        assertEquals(16_000, written);
    }

    @Test
    void aReorderedPacketGoesWhereItsTimestampSays() throws Exception {
        aligner.add(CALLER, 20 * MS, 1, 0, frame(1), 0, 160);
        aligner.add(CALLER, 60 * MS, 1, 320, frame(3), 0, 160);  // the third before the second
        aligner.add(CALLER, 61 * MS, 1, 160, frame(2), 0, 160);
        aligner.finish();
        assertEquals(1, at(10, CALLER));
        assertEquals(2, at(30, CALLER));
        assertEquals(3, at(50, CALLER));
        assertEquals(0, aligner.lateFrames());
    }

    @Test
    void aNewSsrcOrAnUnbelievableTimestampIsPlacedByItsArrival() throws Exception {
        talk(CALLEE, 0, 50, 0, 2, 300);                  // first callee, 0..1 s
        talk(CALLEE, 2000, 50, 123_456, 3, 400);         // after a transfer: new SSRC, own RTP time, 2..3 s
        talk(CALLER, 0, 150, 0, 1, 100);                 // the caller throughout
        play();
        assertEquals(300, at(500, CALLEE));
        assertEquals(0, at(1500, CALLEE), "nobody on the callee side in between");
        assertEquals(400, at(2500, CALLEE));
    }

    @Test
    void aSideThatNeverSendsIsSilenceAndTheFileIsAsLongAsTheOther() throws Exception {
        talk(CALLER, 0, 150, 0, 1, 100);
        play();
        assertEquals(24_000, written);
        for (int f = 0; f < written; f++) {
            assertEquals(0, out[f][1]);
        }
    }

    @Test
    void framesArrivingAfterTheirPlaceWasWrittenAreDroppedAndCounted() throws Exception {
        pending.add(new Packet(CALLEE, 20 * MS, 2, 0, 5));           // the callee's first packet
        talk(CALLER, 0, 95, 0, 1, 100);                              // the caller talks on to 1.9 s
        pending.add(new Packet(CALLEE, 1901 * MS, 2, 8000, 6));      // RTP time 1 s, arriving 0.9 s late
        play();
        assertEquals(1, aligner.lateFrames(), "its place was written (as silence) already");
        assertEquals(5, at(10, CALLEE));
        assertEquals(0, at(1005, CALLEE));
        assertEquals(100, at(1005, CALLER));
    }
}
