package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.lines;
import static org.tabphone.sip.SipText.parse;
import static org.tabphone.sip.SipText.utf8;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.SipText;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;

/** Datagram / WebSocket-frame parsing (RFC 3261 §7, §18.3), through {@link SipMessages#parse}. */
class MessageParserTest {

    private static SipParseException rejected(String message) {
        return assertThrows(SipParseException.class, () -> parse(message));
    }

    @Test
    void rfc3261_7_5_ignoresCrlfsBeforeTheStartLine() throws SipParseException {
        assertEquals("OPTIONS", ((SipRequest) parse("\r\n\r\n" + SipText.OPTIONS)).method().name());
    }

    @Test
    void rfc3261_18_3_parsesFromTheMiddleOfABufferAndIgnoresTrailingOctets() throws SipParseException {
        byte[] inner = utf8(SipText.INVITE);
        byte[] buf = new byte[inner.length + 20];
        Arrays.fill(buf, (byte) 'x');
        System.arraycopy(inner, 0, buf, 7, inner.length);
        SipMessage m = SipMessages.parse(buf, 7, inner.length + 5);
        assertArrayEquals(utf8("v=0\n"), m.body());
        assertArrayEquals(inner, m.toBytes());
    }

    @Test
    void rfc3261_18_3_bodyIsTheRestOfTheDatagramWithoutContentLength() throws SipParseException {
        SipMessage m = parse(lines("MESSAGE sip:a@example.com SIP/2.0", "Call-ID: x", "") + "rest of it");
        assertEquals(10, m.bodyLength());
    }

    @Test
    void rfc3261_18_3_contentLengthLargerThanTheDatagramIs400() {
        SipParseException e = rejected(lines("MESSAGE sip:a@example.com SIP/2.0", "Content-Length: 11", "") + "short");
        assertEquals(400, e.statusCode());
        assertEquals("Content-Length larger than the message", e.reason());
    }

    /** The contract of SipMessages.parse: a view, no copy; what is written is a copy. */
    @Test
    void messageIsAViewOverTheReceivedOctetsAndWritingCopies() throws SipParseException {
        byte[] b = utf8(SipText.INVITE);
        SipMessage m = SipMessages.parse(b, 0, b.length);
        byte[] written = m.toBytes();
        assertArrayEquals(b, written);
        b[b.length - 2] = '1'; // the body "v=0\n" becomes "v=1\n": the view sees it, the copy does not
        assertArrayEquals(utf8("v=1\n"), m.body());
        assertArrayEquals(utf8(SipText.INVITE), written);
        assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.callId()); // parsed eagerly
    }

    @Test
    void rfc4475_baddn_headerSectionEndsWhereTheDatagramEnds() throws SipParseException {
        SipMessage m = parse(lines("OPTIONS sip:a@example.com SIP/2.0", "Call-ID: x", "l: 0"));
        assertEquals("x", m.callId());
        assertEquals(0, m.bodyLength());
    }

    @Test
    void rejectsBareLineFeedsAndCarriageReturns() {
        assertEquals("Bare LF in header section", rejected("OPTIONS sip:a SIP/2.0\r\nCall-ID: x\nl: 0\r\n\r\n").reason());
        assertEquals("Bare CR in header line", rejected("OPTIONS sip:a SIP/2.0\r\nCall-ID: x\rl: 0\r\n\r\n").reason());
        assertEquals("Bare LF in start line", rejected("OPTIONS sip:a SIP/2.0\nCall-ID: x\r\n\r\n").reason());
    }

    @Test
    void rejectsHeaderLinesWithoutColonOrName() {
        assertEquals("Header line without ':'", rejected(lines("OPTIONS sip:a SIP/2.0", "Foobar roobar", "")).reason());
        assertEquals("Bad header name", rejected(lines("OPTIONS sip:a SIP/2.0", ": x", "")).reason());
        assertEquals("First header line starts with whitespace",
                rejected(lines("OPTIONS sip:a SIP/2.0", " Call-ID: x", "")).reason());
        assertEquals("Header line without CRLF", rejected("OPTIONS sip:a SIP/2.0\r\nCall-ID: x").reason());
    }

    @Test
    void rejectsEmptyAndUnterminatedStartLines() {
        assertEquals("Empty message", rejected("\r\n\r\n").reason());
        assertEquals("Start line without CRLF", rejected("OPTIONS sip:a SIP/2.0").reason());
    }

    @Test
    void appliesLimits() {
        SipLimits small = new SipLimits(32, 64, 3, 4);
        byte[] many = utf8(lines("OPTIONS sip:a SIP/2.0", "A: 1", "B: 2", "C: 3", "D: 4", ""));
        assertEquals("Too many header lines",
                assertThrows(SipParseException.class, () -> SipMessages.parse(many, 0, many.length, small)).reason());
        byte[] body = utf8(lines("OPTIONS sip:a SIP/2.0", "") + "12345");
        assertEquals(413, assertThrows(SipParseException.class,
                () -> SipMessages.parse(body, 0, body.length, small)).statusCode());
        byte[] line = utf8(lines("OPTIONS sip:" + "a".repeat(40) + " SIP/2.0", ""));
        assertEquals("Start line too long",
                assertThrows(SipParseException.class, () -> SipMessages.parse(line, 0, line.length, small)).reason());
    }

    @Test
    void rfc3261_7_3_1_unfoldsValuesAndExpandsCompactNames() throws SipParseException {
        SipMessage m = parse(lines("OPTIONS sip:a@example.com SIP/2.0", "s:   hello", " \t world  ", "i: abc", ""));
        assertEquals(Optional.of("hello world"), m.header(HeaderName.SUBJECT));
        assertEquals(HeaderName.CALL_ID, m.headers().get(1).name());
        assertEquals("abc", m.callId());
    }

    @Test
    void rfc3261_20_headersOfAListHeaderAreSplitOnCommasOutsideQuotesAndBrackets() throws SipParseException {
        SipMessage m = parse(lines("OPTIONS sip:a@example.com SIP/2.0",
                "Contact: \"A, B\" <sip:a,1@h;x=1>, <sip:b@h>", "Contact: sip:c@h", "Subject: a, b", ""));
        assertEquals(List.of("\"A, B\" <sip:a,1@h;x=1>", "<sip:b@h>", "sip:c@h"), m.headers(HeaderName.CONTACT));
        assertEquals(List.of("a, b"), m.headers(HeaderName.SUBJECT));
        assertEquals(3, m.contacts().size());
    }

    @Test
    void rfc3261_20_eagerHeaderErrorsNameTheHeader() {
        assertEquals("Bad Via header: empty value", rejected(lines("OPTIONS sip:a SIP/2.0", "Via:", "")).reason());
        assertEquals("Bad Max-Forwards header: Max-Forwards too large",
                rejected(lines("OPTIONS sip:a SIP/2.0", "Max-Forwards: 256", "")).reason());
        assertEquals("Bad Expires header: Expires value too large",
                rejected(lines("REGISTER sip:a SIP/2.0", "Expires: 4294967296", "")).reason());
        assertEquals("Bad Contact header: bad expires parameter",
                rejected(lines("REGISTER sip:a SIP/2.0", "Contact: <sip:a@h>;expires=4294967296", "")).reason());
        assertEquals("Bad Contact header: '*' mixed with addresses",
                rejected(lines("REGISTER sip:a SIP/2.0", "Contact: *", "Contact: <sip:a@h>", "")).reason());
        assertEquals("Bad Route header: address must be in <>",
                rejected(lines("INVITE sip:a SIP/2.0", "Route: sip:p.example.com;lr", "")).reason());
        assertEquals("Bad Call-ID header: bad character",
                rejected(lines("INVITE sip:a SIP/2.0", "Call-ID: a b", "")).reason());
    }

    @Test
    void rfc3261_10_3_wildcardContact() throws SipParseException {
        SipMessage m = parse(lines("REGISTER sip:a SIP/2.0", "Contact: *", "Expires: 0", ""));
        assertTrue(m.isWildcardContact());
        assertTrue(m.contacts().isEmpty());
        assertFalse(parse(SipText.INVITE).isWildcardContact());
    }

    @Test
    void responseErrorsAreFlaggedSoTheyAreDropped() {
        SipParseException e = rejected(lines("SIP/2.0 200 OK", "CSeq: x INVITE", ""));
        assertTrue(e.isResponse());
        assertEquals("Bad CSeq header: sequence number is not a number", e.reason());
        assertFalse(rejected(lines("OPTIONS sip:a SIP/2.0", "CSeq: x OPTIONS", "")).isResponse());
    }

    @Test
    void rfc3261_8_1_1_5_cseqMethodMustMatchTheRequestMethod() {
        assertEquals(400, rejected(lines("BYE sip:a SIP/2.0", "CSeq: 1 INVITE", "")).statusCode());
        assertEquals(501, rejected(lines("FOO sip:a SIP/2.0", "CSeq: 1 INVITE", "")).statusCode());
    }
}
