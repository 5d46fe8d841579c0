package org.tabphone.trunk.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipRequest;

/** One upstream call forked over two trunks rings once. */
class SiblingForksTest {
    private static final long MS = 1_000_000L;

    private static SipRequest invite(String callId, String fromTag, String pai, String to) {
        try {
            return parse(callId, fromTag, pai, to);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SipRequest parse(String callId, String fromTag, String pai, String to) throws Exception {
        String m = "INVITE sip:" + to + "@gw SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK-" + callId + fromTag
            + "\r\nMax-Forwards: 70\r\nFrom: <sip:+15550100@pbx>;tag=" + fromTag + "\r\nTo: <sip:" + to + "@gw>\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + (pai == null ? "" : "P-Asserted-Identity: " + pai + "\r\n")
            + "Content-Length: 0\r\n\r\n";
        byte[] b = m.getBytes(StandardCharsets.UTF_8);
        return (SipRequest) SipMessages.parse(b, 0, b.length);
    }

    @Test
    void sameCallIdAndFromTagWithinTheWindowIsASibling() {
        SiblingForks f = new SiblingForks(2000, SiblingForks.Correlation.CALL_ID);
        assertFalse(f.isSibling("demo", invite("c1", "t1", null, "+441"), 0));
        assertTrue(f.claim("demo", invite("c1", "t1", null, "+441"), 0));
        assertTrue(f.isSibling("demo", invite("c1", "t1", null, "+441"), 500 * MS));
        assertFalse(f.claim("demo", invite("c1", "t1", null, "+441"), 500 * MS), "claimed by the first copy");
        assertFalse(f.isSibling("demo", invite("c1", "t2", null, "+441"), 600 * MS), "another From tag: another call");
        assertFalse(f.isSibling("other", invite("c1", "t1", null, "+441"), 700 * MS), "another tenant");
        assertFalse(f.isSibling("demo", invite("c1", "t1", null, "+441"), 2600 * MS), "after the window: a new call");
        assertTrue(f.claim("demo", invite("c1", "t1", null, "+441"), 2600 * MS), "after the window: a new call rings");
    }

    @Test
    void aCopyThatDoesNotRingLeavesTheCallToItsSiblings() {
        // the first copy came over a trunk with max.inbound = 0 (held) or a full one (refused): it
        // only asked, so the copy over the open trunk 500 ms later rings, and a third one waits
        SiblingForks f = new SiblingForks(2000, SiblingForks.Correlation.CALL_ID);
        assertFalse(f.isSibling("demo", invite("c1", "t1", null, "+441"), 0));
        assertFalse(f.isSibling("demo", invite("c1", "t1", null, "+441"), 500 * MS));
        assertTrue(f.claim("demo", invite("c1", "t1", null, "+441"), 500 * MS));
        assertTrue(f.isSibling("demo", invite("c1", "t1", null, "+441"), 900 * MS));
    }

    @Test
    void paiAndCalledNumberCorrelateForksWithDifferentCallIds() {
        SiblingForks f = new SiblingForks(2000, SiblingForks.Correlation.PAI_TO);
        assertTrue(f.claim("demo", invite("a", "x", "<sip:+15550100@pbx>", "+441"), 0));
        assertTrue(f.isSibling("demo", invite("b", "y", "<sip:+15550100@pbx>", "+441"), 300 * MS));
        assertFalse(f.isSibling("demo", invite("c", "z", "<sip:+15550100@pbx>", "+442"), 400 * MS));
        SiblingForks byCallId = new SiblingForks(2000, SiblingForks.Correlation.CALL_ID);
        assertTrue(byCallId.claim("demo", invite("a", "x", "<sip:+15550100@pbx>", "+441"), 0));
        assertFalse(byCallId.isSibling("demo", invite("b", "y", "<sip:+15550100@pbx>", "+441"), 300 * MS));
    }

    @Test
    void oldEntriesArePurged() {
        SiblingForks f = new SiblingForks(2000, SiblingForks.Correlation.CALL_ID);
        for (int i = 0; i < 100; i++) {
            f.claim("demo", invite("c" + i, "t", null, "+441"), i * MS);
        }
        f.isSibling("demo", invite("late", "t", null, "+441"), 10_000 * MS);
        f.claim("demo", invite("late", "t", null, "+441"), 10_000 * MS);
        assertEquals(1, f.size());
    }
}
