package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.lines;
import static org.tabphone.sip.SipText.utf8;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.SipText;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;

/** Stream framing (RFC 3261 §18.3), through {@link SipMessages#frame}. */
class MessageFramerTest {
    private static final SipLimits LIMITS = SipLimits.DEFAULT;

    private static int frame(byte[] b) throws SipParseException {
        return SipMessages.frame(b, 0, b.length, LIMITS);
    }

    private static int frame(String s) throws SipParseException {
        return frame(utf8(s));
    }

    @Test
    void rfc3261_18_3_needsMoreOctetsUntilTheLastOneArrivesAtEveryByteBoundary() throws SipParseException {
        byte[] all = utf8(SipText.INVITE);
        for (int n = 0; n < all.length; n++) {
            assertEquals(-1, SipMessages.frame(all, 0, n, LIMITS), "prefix of " + n + " octets");
        }
        assertEquals(all.length, frame(all));
    }

    @Test
    void rfc3261_18_3_framesTwoPipelinedMessagesByContentLength() throws SipParseException {
        byte[] two = utf8(SipText.INVITE + SipText.OPTIONS);
        int first = frame(two);
        assertEquals(utf8(SipText.INVITE).length, first);
        int second = SipMessages.frame(two, first, two.length - first, LIMITS);
        assertEquals(two.length - first, second);
        SipRequest options = (SipRequest) SipMessages.parse(two, first, second);
        assertEquals("OPTIONS", options.method().name());
        assertEquals("v=0\n", SipText.text(SipMessages.parse(two, 0, first).body()));
    }

    @Test
    void rfc3261_7_5_countsLeadingCrlfsWithTheMessageAndWaitsOnCrlfsAlone() throws SipParseException {
        assertEquals(-1, frame("\r\n\r\n"));
        assertEquals(-1, frame("\r\n\r\n\r"));
        assertEquals(4 + utf8(SipText.OPTIONS).length, frame("\r\n\r\n" + SipText.OPTIONS));
    }

    @Test
    void rfc3261_18_3_readsCompactAndFoldedContentLength() throws SipParseException {
        String head = lines("MESSAGE sip:a@example.com SIP/2.0", "l:", "  5", "");
        assertEquals(utf8(head).length + 5, frame(head + "hello" + "trailing"));
        assertEquals(-1, frame(head + "hell"));
    }

    @Test
    void rfc3261_18_3_messageWithoutContentLengthHasNoBodyOnAStream() throws SipParseException {
        String head = lines("OPTIONS sip:a@example.com SIP/2.0", "Call-ID: x", "");
        assertEquals(utf8(head).length, frame(head + "OPTIONS sip:next"));
    }

    @Test
    void rfc4475_3_1_2_3_negativeContentLengthCannotBeFramed() {
        SipParseException e = assertThrows(SipParseException.class,
                () -> frame(lines("INVITE sip:a@example.com SIP/2.0", "Content-Length: -999", "")));
        assertEquals(400, e.statusCode());
        assertEquals("Bad Content-Length header: negative value", e.reason());
    }

    @Test
    void rfc3261_18_3_overflowingContentLengthCannotBeFramed() {
        SipParseException e = assertThrows(SipParseException.class,
                () -> frame(lines("INVITE sip:a@example.com SIP/2.0", "Content-Length: 99999999999999999999", "")));
        assertEquals("Bad Content-Length header: value too large", e.reason());
        assertThrows(SipParseException.class,
                () -> frame(lines("INVITE sip:a@example.com SIP/2.0", "Content-Length: 12x", "")));
    }

    @Test
    void rfc4475_3_3_9_conflictingContentLengthsCannotBeFramed() throws SipParseException {
        assertThrows(SipParseException.class,
                () -> frame(lines("OPTIONS sip:a@example.com SIP/2.0", "Content-Length: 13", "l: 5", "")));
        String same = lines("OPTIONS sip:a@example.com SIP/2.0", "Content-Length: 2", "l: 2", "");
        assertEquals(utf8(same).length + 2, frame(same + "ok"));
    }

    @Test
    void rejectsBodyOverTheLimit() {
        SipLimits small = new SipLimits(64, 256, 8, 10);
        byte[] b = utf8(lines("MESSAGE sip:a@example.com SIP/2.0", "l: 11", ""));
        SipParseException e = assertThrows(SipParseException.class, () -> SipMessages.frame(b, 0, b.length, small));
        assertEquals(413, e.statusCode());
    }

    @Test
    void rejectsOversizeStartLineEvenBeforeItsEnd() {
        SipLimits small = new SipLimits(64, 256, 8, 10);
        byte[] longLine = utf8("OPTIONS sip:" + "a".repeat(100));
        SipParseException e = assertThrows(SipParseException.class,
                () -> SipMessages.frame(longLine, 0, longLine.length, small));
        assertEquals("Start line too long", e.reason());
    }

    @Test
    void rejectsOversizeHeaderSectionAndTooManyHeaders() {
        SipLimits small = new SipLimits(64, 256, 8, 10);
        byte[] big = utf8(lines("OPTIONS sip:a@example.com SIP/2.0", "X-Big: " + "b".repeat(300)));
        assertEquals("Header section too large",
                assertThrows(SipParseException.class, () -> SipMessages.frame(big, 0, big.length, small)).reason());
        byte[] many = utf8(lines("OPTIONS sip:a@example.com SIP/2.0", "A: 1", "A: 2", "A: 3", "A: 4", "A: 5", "A: 6",
                "A: 7", "A: 8", "A: 9", ""));
        assertEquals("Too many header lines",
                assertThrows(SipParseException.class, () -> SipMessages.frame(many, 0, many.length, small)).reason());
    }

    @Test
    void flagsFramingErrorsOfResponses() {
        SipParseException e = assertThrows(SipParseException.class,
                () -> frame(lines("SIP/2.0 200 OK", "Content-Length: -1", "")));
        assertTrue(e.isResponse());
    }

    @Test
    void framedMessageOnTheStreamAfterAnErrorIsStillFramed() throws SipParseException {
        // a transport closes the connection on a framing error; a new connection starts clean
        assertThrows(SipParseException.class, () -> frame(lines("OPTIONS sip:a SIP/2.0", "l: -1", "")));
        assertEquals(utf8(SipText.OPTIONS).length, frame(SipText.OPTIONS));
    }
}
