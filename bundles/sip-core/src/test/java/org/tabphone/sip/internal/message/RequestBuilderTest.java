package org.tabphone.sip.internal.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.request;
import static org.tabphone.sip.SipText.text;
import static org.tabphone.sip.SipText.utf8;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.SipText;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.uri.SipUri;

class RequestBuilderTest {

    @Test
    void rfc3261_16_6_proxyEditsLeaveTheReceivedMessageUntouched() throws SipParseException {
        SipRequest in = request(SipText.INVITE);
        byte[] before = in.toBytes();
        Via ours = Via.of("UDP", "203.0.113.7", 5060, Parameters.empty().with("branch", "z9hG4bKp1"));
        SipRequest out = in.toBuilder()
                .addVia(ours)
                .maxForwards(in.maxForwards().getAsInt() - 1)
                .addFirst(HeaderName.RECORD_ROUTE, "<sip:203.0.113.7;lr>")
                .build();
        assertArrayEquals(before, in.toBytes());
        assertEquals(List.of(ours, in.topVia()), out.vias());
        assertEquals(69, out.maxForwards().getAsInt());
        assertTrue(((SipUri) out.recordRoutes().get(0).uri()).lr());
        String wire = text(out.toBytes());
        assertTrue(wire.startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bKp1\r\nVia: SIP/2.0/WSS"), wire);
        assertTrue(wire.contains("Max-Forwards: 69\r\n"), wire);
        assertTrue(wire.contains("Content-Length: 4\r\nRecord-Route: <sip:203.0.113.7;lr>\r\n\r\nv=0"), wire);
        SipText.request(wire); // and it parses
    }

    @Test
    void rfc3261_16_7_removeFirstPopsOneValueOfAListHeader() throws SipParseException {
        SipRequest in = request(SipText.OPTIONS.replace("Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877",
                "Via: SIP/2.0/UDP p1;branch=z9hG4bK1 , SIP/2.0/TCP p2;branch=z9hG4bK2\r\nVia: SIP/2.0/TCP p3"));
        SipRequest popped = in.toBuilder().removeFirst(HeaderName.VIA).build();
        assertEquals(List.of("p2", "p3"), popped.vias().stream().map(Via::host).toList());
        assertEquals(List.of("p3"), popped.toBuilder().removeFirst(HeaderName.VIA).build().vias().stream()
                .map(Via::host).toList());
        assertEquals(Optional.of("SIP/2.0/TCP p2;branch=z9hG4bK2"), popped.header(HeaderName.VIA));
    }

    @Test
    void builderMakesANewRequest() {
        SipUri bob = SipUri.parse("sip:bob@biloxi.example.com");
        SipRequest r = SipRequest.builder(SipMethod.OPTIONS, bob)
                .addVia(Via.parse("SIP/2.0/UDP h;branch=z9hG4bK9"))
                .from(NameAddress.parse("<sip:alice@atlanta.example.com>;tag=88"))
                .to(NameAddress.of(bob))
                .callId("c-1")
                .cseq(new CSeq(1, SipMethod.OPTIONS))
                .maxForwards(70)
                .add(HeaderName.of("X-Flow"), "f1")
                .build();
        assertEquals(String.join("\r\n", "OPTIONS sip:bob@biloxi.example.com SIP/2.0",
                "Via: SIP/2.0/UDP h;branch=z9hG4bK9", "From: sip:alice@atlanta.example.com;tag=88",
                "To: sip:bob@biloxi.example.com", "Call-ID: c-1", "CSeq: 1 OPTIONS", "Max-Forwards: 70", "X-Flow: f1",
                "Content-Length: 0", "", ""), text(r.toBytes()));
        assertEquals(Optional.of("88"), r.from().tag());
        assertEquals("c-1", r.callId());
    }

    @Test
    void changingMethodOrUriComposesTheRequestLine() throws SipParseException {
        SipRequest in = request(SipText.OPTIONS);
        SipRequest out = in.toBuilder().requestUri(SipUri.parse("sip:carol@192.0.2.9:5070")).build();
        assertTrue(text(out.toBytes()).startsWith("OPTIONS sip:carol@192.0.2.9:5070 SIP/2.0\r\n"));
        assertEquals("carol", ((SipUri) out.requestUri()).user().orElseThrow());
    }

    @Test
    void invalidValuesAreRefusedWhenBuilt() throws SipParseException {
        SipRequest in = request(SipText.OPTIONS);
        assertThrows(IllegalArgumentException.class, () -> in.toBuilder().set(HeaderName.VIA, "garbage").build());
        assertThrows(IllegalArgumentException.class, () -> in.toBuilder().set(HeaderName.CSEQ, "1 INVITE").build());
        assertThrows(IllegalArgumentException.class, () -> in.toBuilder().add(HeaderName.SUBJECT, "a\r\nVia: x"));
        assertThrows(IllegalArgumentException.class,
                () -> in.toBuilder().requestUri(SipUri.parse("sip:a@h?Route=x")).build());
    }

    @Test
    void extensionHeadersAreMatchedCaseInsensitively() throws SipParseException {
        SipRequest in = request(SipText.OPTIONS.replace("Max-Forwards", "X-Thing: 1\r\nMax-Forwards"));
        SipRequest out = in.toBuilder().set(HeaderName.of("x-THING"), "2").build();
        assertEquals(List.of("2"), out.headers(HeaderName.of("X-Thing")));
        assertEquals(Optional.empty(), out.toBuilder().remove(HeaderName.of("X-THING")).build()
                .header(HeaderName.of("x-thing")));
    }

    @Test
    void bodyAndContentTypeGoTogether() throws SipParseException {
        SipRequest in = request(SipText.INVITE);
        SipRequest noBody = in.toBuilder().body(new byte[0], null).build();
        assertEquals(0, noBody.bodyLength());
        assertEquals(Optional.empty(), noBody.contentType());
        byte[] sdp = utf8("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        SipRequest other = in.toBuilder().body(sdp, "application/sdp").build();
        assertArrayEquals(sdp, other.body());
        assertArrayEquals(sdp, request(text(other.toBytes())).body());
    }
}
