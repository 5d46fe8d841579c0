package org.tabphone.media.internal.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 3550 A.1 (sequence and cycles), A.3 (expected, lost, fraction lost) and A.8 (jitter). */
class ReceptionStatsTest {
    private static final int SSRC = 0x1234;

    private static void packets(ReceptionStats s, int ssrc, int... seqs) {
        for (int seq : seqs) {
            s.onPacket(ssrc, seq, seq * 160, seq * 160L, 8000); // on time: no jitter
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = (from + i) & 0xFFFF;
        }
        return r;
    }

    @Test
    void rfc3550_A3_gapOfFiveIn25() {
        ReceptionStats s = new ReceptionStats();
        assertFalse(s.started());
        packets(s, SSRC, range(1, 10));
        packets(s, SSRC, range(16, 25));
        assertTrue(s.started());
        assertEquals(SSRC, s.ssrc());
        assertEquals(25, s.expected());
        assertEquals(20, s.received());
        assertEquals(5, s.lost());
        assertEquals(5, s.cumulativeLostField());
        assertEquals(25, s.extendedHighestSeq());
        assertEquals(51, s.takeFractionLost(), "5 × 256 / 25 = 51.2, truncated");
        packets(s, SSRC, range(26, 35));
        assertEquals(0, s.takeFractionLost(), "nothing lost since the last report");
        assertEquals(5, s.lost(), "cumulative stays");
        assertEquals(0, s.takeFractionLost(), "an interval without packets");
        assertEquals(0.0, s.jitter(), 1e-9);
    }

    @Test
    void rfc3550_A1_sequenceWrapCountsACycle() {
        ReceptionStats s = new ReceptionStats();
        packets(s, SSRC, range(65530, 65535));
        packets(s, SSRC, range(0, 4));
        assertEquals(65536 + 4, s.extendedHighestSeq());
        assertEquals(11, s.expected());
        assertEquals(0, s.lost());
    }

    @Test
    void rfc3550_A3_duplicatesMakeLossNegativeAndTheFractionZero() {
        ReceptionStats s = new ReceptionStats();
        packets(s, SSRC, 1, 2, 2, 3);
        assertEquals(-1, s.lost());
        assertEquals(-1, s.cumulativeLostField());
        assertEquals(0, s.totalLost(), "LegInfo never shows negative loss");
        assertEquals(0, s.takeFractionLost());
    }

    @Test
    void rfc3550_A1_reorderingIsNotLoss() {
        ReceptionStats s = new ReceptionStats();
        packets(s, SSRC, 1, 3, 2, 4);
        assertEquals(0, s.lost());
        assertEquals(4, s.extendedHighestSeq(), "a late packet doesn't move the highest back");
    }

    @Test
    void aNewSsrcStartsANewSourceAndKeepsTheLegsTotal() {
        ReceptionStats s = new ReceptionStats();
        packets(s, SSRC, 1, 2, 8); // 5 lost
        packets(s, 0x9999, range(40000, 40009));
        assertEquals(0x9999, s.ssrc());
        assertEquals(0, s.lost());
        assertEquals(40009, s.extendedHighestSeq());
        assertEquals(5, s.totalLost());
    }

    @Test
    void rfc3550_A1_aBigJumpRestartsAfterTwoSequentialPackets() {
        ReceptionStats s = new ReceptionStats();
        packets(s, SSRC, range(1, 10));
        packets(s, SSRC, 30000);
        assertEquals(10, s.extendedHighestSeq(), "one packet after a jump is not believed");
        assertEquals(10, s.received());
        packets(s, SSRC, 30001, 30002);
        assertEquals(30002, s.extendedHighestSeq(), "the second one in sequence restarts the numbering");
        assertEquals(2, s.expected());
        assertEquals(0, s.totalLost());
    }

    @Test
    void rfc3550_A8_jitterMovesBySixteenthsOfTheTransitDifference() {
        ReceptionStats s = new ReceptionStats();
        s.onPacket(SSRC, 1, 0, 1000, 8000);
        s.onPacket(SSRC, 2, 160, 1160 + 32, 8000); // 32 ticks late
        assertEquals(2.0, s.jitter(), 1e-9);
        s.onPacket(SSRC, 3, 320, 1320, 8000); // back on time: |D| = 32 again
        assertEquals(2.0 + (32 - 2.0) / 16, s.jitter(), 1e-9);
        s.onPacket(SSRC, 4, 480, 1480 + 8000, 8000); // a second's pause: not jitter
        assertEquals(2.0 + (32 - 2.0) / 16, s.jitter(), 1e-9);
    }
}
