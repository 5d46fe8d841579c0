package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.media.internal.RtpRelayTest.rtp;

import org.junit.jupiter.api.Test;

/**
 * The numbering of the one stream the gateway sends a leg (issue 6): within a source the
 * source's own spacing is kept (its losses stay visible), and after a stretch the receiver got
 * nothing of — a new source, or packets held back while the leg was on hold — the next packet
 * follows on: the next sequence number, the timestamp advanced by the wall-clock time that
 * passed, and the marker bit set as for the first packet of a talkspurt (RFC 3551 §4.1).
 */
class StreamRewriterTest {
    private static final long MS = 1_000_000L;
    private static final int OUR_SSRC = 0x5A5A5A5A;
    private final StreamRewriter rewriter = new StreamRewriter(OUR_SSRC);

    /** One 20 ms PCMU packet of {@code ssrc} through the rewriter at {@code atMs}. */
    private byte[] send(int ssrc, int seq, int ts, long atMs) {
        byte[] p = rtp(0, seq, ts, ssrc, (byte) 0xFF, 160);
        rewriter.rewrite(p, 0, 8000, atMs * MS);
        return p;
    }

    @Test
    void aSourceKeepsItsOwnSpacingSoItsLossesStayVisibleAndNoMarkerIsAdded() {
        byte[] a = send(0x11, 1000, 50_000, 0);
        byte[] b = send(0x11, 1003, 50_480, 60); // two packets lost on the way to us
        assertEquals(OUR_SSRC, RtpHeader.ssrc(b, 0));
        assertEquals(3, RtpHeader.sequence(b, 0) - RtpHeader.sequence(a, 0));
        assertEquals(480, RtpHeader.timestamp(b, 0) - RtpHeader.timestamp(a, 0));
        assertFalse(RtpHeader.marker(b, 0));
    }

    @Test
    void afterPacketsHeldBackForThreeSecondsTheNextFollowsOnWithThreeSecondsOfTicksAndTheMarker() {
        byte[] last = send(0x11, 1000, 50_000, 0);
        for (int i = 1; i < 150; i++) {
            rewriter.heldBack(); // the leg was on hold: 149 packets of a source that kept sending
        }
        // the source is a sender that paused (a browser made recvonly): its timestamp moved 20 ms only
        byte[] next = send(0x11, 1001, 50_160, 3000);
        assertEquals((RtpHeader.sequence(last, 0) + 1) & 0xFFFF, RtpHeader.sequence(next, 0), "no gap the receiver counts as loss");
        assertEquals(24_000, RtpHeader.timestamp(next, 0) - RtpHeader.timestamp(last, 0), "3 s at 8 kHz");
        assertTrue(RtpHeader.marker(next, 0), "a new talkspurt");
        assertEquals(0, RtpHeader.payloadType(next, 0), "the payload type is untouched by the marker");
        byte[] after = send(0x11, 1002, 50_320, 3020);
        assertEquals(160, RtpHeader.timestamp(after, 0) - RtpHeader.timestamp(next, 0), "then the source's spacing again");
        assertFalse(RtpHeader.marker(after, 0));
    }

    @Test
    void aNewSourceAfterAGapContinuesTheStreamWithTheMarker() {
        byte[] last = send(0x11, 1000, 50_000, 0);
        byte[] next = send(0x22, 7, 900_000, 3000); // a transfer target, its own numbering
        assertEquals(OUR_SSRC, RtpHeader.ssrc(next, 0));
        assertEquals((RtpHeader.sequence(last, 0) + 1) & 0xFFFF, RtpHeader.sequence(next, 0));
        assertEquals(24_000, RtpHeader.timestamp(next, 0) - RtpHeader.timestamp(last, 0));
        assertTrue(RtpHeader.marker(next, 0));
    }

    @Test
    void theFirstPacketKeepsItsMarkerAsItCameAndHoldingBackBeforeAnyPacketChangesNothing() {
        rewriter.heldBack();
        byte[] first = send(0x11, 1000, 50_000, 0);
        assertFalse(RtpHeader.marker(first, 0));
        byte[] second = send(0x11, 1001, 50_160, 20);
        assertEquals(1, RtpHeader.sequence(second, 0) - RtpHeader.sequence(first, 0));
        assertFalse(RtpHeader.marker(second, 0));
    }
}
