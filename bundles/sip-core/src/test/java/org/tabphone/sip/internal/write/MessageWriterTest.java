package org.tabphone.sip.internal.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.lines;
import static org.tabphone.sip.SipText.parse;
import static org.tabphone.sip.SipText.request;
import static org.tabphone.sip.SipText.text;
import static org.tabphone.sip.SipText.utf8;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.SipText;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.uri.SipUri;

class MessageWriterTest {
    private static final String UTF8_BODY = "héllo → ☎"; // 14 octets, 9 chars

    private static List<String> contentLengthLines(byte[] wire) {
        return Arrays.stream(text(wire).split("\r\n\r\n", 2)[0].split("\r\n"))
                .filter(l -> l.regionMatches(true, 0, "Content-Length", 0, 14)).toList();
    }

    @Test
    void rfc3261_18_3_writesContentLengthOfUtf8BodyInOctetsWhenHeaderWasAbsent() throws SipParseException {
        SipMessage m = parse(lines("MESSAGE sip:bob@example.com SIP/2.0", "Via: SIP/2.0/WSS h.invalid;branch=z9hG4bK1",
                "From: <sip:a@example.com>;tag=1", "To: <sip:bob@example.com>", "Call-ID: c1", "CSeq: 1 MESSAGE",
                "Content-Type: text/plain;charset=utf-8", "") + UTF8_BODY);
        assertEquals(14, m.bodyLength());
        byte[] wire = m.toBytes();
        assertEquals(List.of("Content-Length: 14"), contentLengthLines(wire));
        assertTrue(text(wire).endsWith("\r\n\r\n" + UTF8_BODY));
    }

    /** A sender that counted characters (9) instead of octets (14): the datagram's body is 9 octets. */
    @Test
    void rfc3261_18_3_contentLengthCountsOctetsNotCharacters() throws SipParseException {
        SipMessage m = parse(lines("MESSAGE sip:bob@example.com SIP/2.0", "Call-ID: c2", "Content-Length: 9", "")
                + UTF8_BODY);
        assertEquals(9, m.bodyLength());
        assertArrayEquals(Arrays.copyOf(utf8(UTF8_BODY), 9), m.body());
        assertEquals(List.of("Content-Length: 9"), contentLengthLines(m.toBytes()));
        SipMessage fixed = ((SipRequest) m).toBuilder().body(utf8(UTF8_BODY), "text/plain").build();
        assertEquals(List.of("Content-Length: 14"), contentLengthLines(fixed.toBytes()));
    }

    @Test
    void rfc3261_20_14_builtBodyGetsItsOctetCountWhateverContentLengthWasSet() throws SipParseException {
        SipRequest m = request(SipText.INVITE).toBuilder()
                .set(HeaderName.CONTENT_LENGTH, "3")
                .body(utf8(UTF8_BODY), "text/plain")
                .add(HeaderName.CONTENT_LENGTH, "99")
                .build();
        byte[] wire = m.toBytes();
        assertEquals(List.of("Content-Length: 14"), contentLengthLines(wire));
        assertEquals(List.of("14"), m.headers(HeaderName.CONTENT_LENGTH));
        assertEquals(UTF8_BODY, text(SipText.request(text(wire)).body()));
    }

    @Test
    void rfc3261_20_14_builderMadeMessageCarriesExactlyOneContentLength() {
        SipRequest m = SipRequest.builder(SipMethod.MESSAGE, SipUri.parse("sip:bob@example.com"))
                .callId("abc").body(utf8(UTF8_BODY), "text/plain").build();
        assertEquals(List.of("Content-Length: 14"), contentLengthLines(m.toBytes()));
    }

    @Test
    void rfc4475_3_3_9_duplicateContentLengthsAreWrittenOnceAtTheFirstPosition() throws SipParseException {
        SipMessage m = parse(lines("OPTIONS sip:a@example.com SIP/2.0", "Content-Length: 5", "Call-ID: x",
                "Content-Length: 13", "") + "hello, world!");
        String wire = text(m.toBytes());
        assertEquals(List.of("Content-Length: 5"), contentLengthLines(m.toBytes()));
        assertTrue(wire.startsWith(lines("OPTIONS sip:a@example.com SIP/2.0", "Content-Length: 5", "Call-ID: x", "")));
        assertTrue(wire.endsWith("\r\n\r\nhello"));
    }

    @Test
    void rfc3261_7_3_3_writesCompactAndOddlySpelledNamesInCanonicalForm() throws SipParseException {
        SipMessage m = parse(lines("OPTIONS sip:a@example.com SIP/2.0", "v: SIP/2.0/UDP h;branch=z9hG4bK1",
                "f: <sip:a@example.com>;tag=1", "TO : <sip:b@example.com>", "i: call-1", "cseq:  1 OPTIONS",
                "k: timer", "c: text/plain", "MaX-fOrWaRdS: 7", "X-Custom-Thing: kept as is", "l: 0", ""));
        assertEquals(lines("OPTIONS sip:a@example.com SIP/2.0", "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
                "From: <sip:a@example.com>;tag=1", "To: <sip:b@example.com>", "Call-ID: call-1", "CSeq: 1 OPTIONS",
                "Supported: timer", "Content-Type: text/plain", "Max-Forwards: 7", "X-Custom-Thing: kept as is",
                "Content-Length: 0", ""), text(m.toBytes()));
    }

    @Test
    void rfc3261_7_3_keepsHeaderOrderAndUnknownHeaders() throws SipParseException {
        SipMessage m = parse(SipText.OPTIONS.replace("Max-Forwards: 70\r\n", "B-Second: 2\r\nMax-Forwards: 70\r\nA-First: 1\r\n"));
        List<String> names = m.headers().stream().map(h -> h.name().name()).toList();
        assertEquals(List.of("Via", "B-Second", "Max-Forwards", "A-First", "To", "From", "Call-ID", "CSeq",
                "Content-Length"), names);
        assertEquals(names, parse(text(m.toBytes())).headers().stream().map(h -> h.name().name()).toList());
    }

    @Test
    void rfc3261_7_writesCrlfLineEndsOnlyAndKeepsFoldedValuesParseable() throws SipParseException {
        SipMessage m = parse(lines("OPTIONS sip:a@example.com SIP/2.0", "Subject: first", "  second", "l: 0", ""));
        String wire = text(m.toBytes());
        Matcher bare = Pattern.compile("(?<!\r)\n|\r(?!\n)").matcher(wire);
        assertTrue(!bare.find(), "bare CR or LF in " + wire);
        assertEquals("first second", parse(wire).header(HeaderName.SUBJECT).orElseThrow());
    }

    @Test
    void copiesCanonicalLinesInRunsAndRewritesTheOthers() throws SipParseException {
        String in = SipText.INVITE.replace("Call-ID: ", "i:   ").replace("Content-Length: 4", "Content-Length: 04")
                .replace("Max-Forwards: 70", "Max-Forwards: 70 ");
        SipMessage m = parse(in);
        assertEquals(SipText.INVITE, text(m.toBytes()));
        assertEquals(m.encodedLength(), m.toBytes().length);
        SipMessage edited = ((SipRequest) m).toBuilder().add(HeaderName.SUBJECT, "hi").build();
        assertEquals(SipText.INVITE.replace("Content-Length: 4\r\n", "Content-Length: 4\r\nSubject: hi\r\n"),
                text(edited.toBytes()));
    }

    @Test
    void writesAtOffsetAndReportsItsLength() throws SipParseException {
        SipMessage m = parse(SipText.INVITE);
        byte[] dst = new byte[m.encodedLength() + 10];
        assertEquals(m.encodedLength(), m.writeTo(dst, 7));
        assertArrayEquals(m.toBytes(), Arrays.copyOfRange(dst, 7, 7 + m.encodedLength()));
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeTo(new byte[m.encodedLength() - 1], 0));
    }

    @Test
    void writesTheReceivedStartLineAndHeaderValuesOctetForOctet() throws SipParseException {
        byte[] in = utf8(SipText.INVITE);
        assertArrayEquals(in, parse(SipText.INVITE).toBytes());
    }

    @Test
    void writesComposedStatusLineForBuiltResponse() throws SipParseException {
        SipResponse r = SipResponse.replyTo(request(SipText.INVITE), 486).build();
        assertTrue(text(r.toBytes()).startsWith("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/WSS df7jal23ls0d.invalid;"));
    }
}
