package org.tabphone.sip.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.request;
import static org.tabphone.sip.SipText.text;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.SipText;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;

class ResponseBuilderTest {
    private static final String TWO_VIAS = SipText.INVITE.replace("Max-Forwards: 70",
            "Via: SIP/2.0/UDP p2.example.com;branch=z9hG4bK22;received=192.0.2.2\r\nMax-Forwards: 70\r\n"
                    + "Timestamp: 54\r\nRecord-Route: <sip:p2.example.com;lr>");

    @Test
    void rfc3261_8_2_6_2_copiesViaFromToCallIdAndCSeqExactly() throws SipParseException {
        SipRequest req = request(TWO_VIAS);
        SipResponse r = SipResponse.replyTo(req, 486).build();
        assertEquals(486, r.statusCode());
        assertEquals("Busy Here", r.reasonPhrase());
        assertEquals(req.vias(), r.vias());
        assertEquals(req.from(), r.from());
        assertEquals(req.to(), r.to());
        assertEquals(req.callId(), r.callId());
        assertEquals(req.cseq(), r.cseq());
        assertEquals(List.of("Via", "Via", "To", "From", "Call-ID", "CSeq", "Content-Length"),
                r.headers().stream().map(h -> h.name().name()).toList());
        assertEquals(0, r.bodyLength());
        assertTrue(r.recordRoutes().isEmpty());
        String wire = text(r.toBytes());
        assertTrue(wire.contains("\r\nVia: SIP/2.0/UDP p2.example.com;branch=z9hG4bK22;received=192.0.2.2\r\n"), wire);
        assertEquals(r.vias(), SipText.response(wire).vias());
    }

    @Test
    void rfc3261_8_2_6_1_trying100CopiesTimestamp() throws SipParseException {
        SipRequest req = request(TWO_VIAS);
        assertEquals(Optional.of("54"), SipResponse.replyTo(req, 100).build().header(HeaderName.TIMESTAMP));
        assertEquals(Optional.empty(), SipResponse.replyTo(req, 180).build().header(HeaderName.TIMESTAMP));
    }

    @Test
    void rfc3261_8_2_6_2_uasAddsToTag() throws SipParseException {
        SipResponse r = SipResponse.replyTo(request(SipText.INVITE), 200).toTag("a6c85cf").build();
        assertEquals(Optional.of("a6c85cf"), r.to().tag());
        assertEquals("sip:bob@biloxi.example.com", r.to().uri().toString());
        assertEquals(Optional.of("Bob"), r.to().displayName());
    }

    @Test
    void responsesCanBeReworded() throws SipParseException {
        SipResponse r = SipResponse.replyTo(request(SipText.INVITE), 503).reasonPhrase("Overloaded")
                .add(HeaderName.RETRY_AFTER, "30").build();
        assertTrue(text(r.toBytes()).startsWith("SIP/2.0 503 Overloaded\r\n"));
        SipResponse again = r.toBuilder().statusCode(500).build();
        assertEquals(500, again.statusCode());
        assertEquals("Overloaded", again.reasonPhrase());
        assertThrows(IllegalArgumentException.class, () -> r.toBuilder().statusCode(700));
        assertThrows(IllegalArgumentException.class, () -> r.toBuilder().reasonPhrase("a\nb"));
        assertThrows(IllegalStateException.class, () -> SipResponse.builder(200, "OK").toTag("x"));
    }

    /** Found by SipMessageParserFuzzTest: the phrase used to be decoded and re-encoded (U+FFFD). */
    @Test
    void rfc3261_25_1_unchangedBuilderKeepsAReasonPhraseThatIsNotUtf8() throws SipParseException {
        byte[] in = new byte[] {'S', 'I', 'P', '/', '2', '.', '0', ' ', '2', '0', '0', ' ', 'O', (byte) 0xFF, 'K',
            '\r', '\n', 'C', 'a', 'l', 'l', '-', 'I', 'D', ':', ' ', 'x', '\r', '\n', 'l', ':', ' ', '0', '\r', '\n', '\r',
            '\n'};
        SipResponse r = (SipResponse) org.tabphone.sip.api.SipMessages.parse(in, 0, in.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(r.toBytes(), r.toBuilder().build().toBytes());
        assertEquals("SIP/2.0 200 O\uFFFDK", text(r.toBuilder().add(HeaderName.SUBJECT, "s").build().toBytes())
                .split("\r\n")[0]);
        assertTrue(text(r.toBuilder().statusCode(202).build().toBytes()).startsWith("SIP/2.0 202 O\uFFFDK\r\n"));
    }

    @Test
    void parsedResponseKeepsItsStatusLine() throws SipParseException {
        SipResponse r = SipText.response("SIP/2.0 180 Ringing  and more\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n");
        assertEquals("Ringing  and more", r.reasonPhrase());
        assertTrue(text(r.toBytes()).startsWith("SIP/2.0 180 Ringing  and more\r\n"));
    }
}
