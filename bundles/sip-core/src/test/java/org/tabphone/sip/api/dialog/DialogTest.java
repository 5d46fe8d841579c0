package org.tabphone.sip.api.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.Via;

/** RFC 3261 §12 with an INVITE that crossed two record-routing proxies. */
class DialogTest {
    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP proxy2.example.com;branch=z9hG4bK2\r\n"
        + "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK1\r\n"
        + "Record-Route: <sip:proxy2.example.com;lr>\r\n"
        + "Record-Route: <sip:proxy1.example.com;lr>\r\n"
        + "Max-Forwards: 68\r\n"
        + "To: Bob <sip:bob@biloxi.example.com>\r\n"
        + "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
        + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n"
        + "Content-Length: 0\r\n\r\n";

    static SipRequest parse(String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return (SipRequest) SipMessages.parse(b, 0, b.length);
    }

    static SipResponse ok(SipRequest invite, String contact) {
        SipResponse.Builder b = SipResponse.replyTo(invite, 200).toTag("8321234356");
        b.add(HeaderName.RECORD_ROUTE, "<sip:proxy2.example.com;lr>");
        b.add(HeaderName.RECORD_ROUTE, "<sip:proxy1.example.com;lr>");
        return b.add(HeaderName.CONTACT, contact).build();
    }

    @Test
    void rfc3261_12_1_1_uasRouteSetKeepsTheOrderAndTargetsTheCallersContact() throws Exception {
        SipRequest invite = parse(INVITE);
        Dialog d = Dialog.asUas(invite, ok(invite, "<sip:bob@192.0.2.4>"));
        assertEquals(new DialogId("3848276298220188511@atlanta.example.com", "8321234356", "9fxced76sl"), d.id());
        assertEquals(DialogState.CONFIRMED, d.state());
        assertEquals("sip:alice@client.atlanta.example.com;transport=tcp", d.remoteTarget().toString());
        assertEquals(List.of("sip:proxy2.example.com;lr", "sip:proxy1.example.com;lr"),
            d.routeSet().stream().map(r -> r.uri().toString()).toList());
        assertEquals(1, d.remoteSeq());

        SipRequest bye = d.newRequest(SipMethod.BYE)
            .addVia(Via.parse("SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds7")).build();
        assertEquals("sip:alice@client.atlanta.example.com;transport=tcp", bye.requestUri().toString());
        assertEquals("9fxced76sl", bye.to().tag().orElseThrow());
        assertEquals("8321234356", bye.from().tag().orElseThrow());
        assertEquals(List.of("sip:proxy2.example.com;lr", "sip:proxy1.example.com;lr"),
            bye.routes().stream().map(r -> r.uri().toString()).toList());
        assertEquals(1, bye.cseq().number());
    }

    @Test
    void rfc3261_12_1_2_uacRouteSetIsReversedAndTargetsTheAnswerersContact() throws Exception {
        SipRequest invite = parse(INVITE);
        Dialog d = Dialog.asUac(invite, ok(invite, "<sip:bob@192.0.2.4>"));
        assertEquals(new DialogId("3848276298220188511@atlanta.example.com", "9fxced76sl", "8321234356"), d.id());
        assertEquals("sip:bob@192.0.2.4", d.remoteTarget().toString());
        assertEquals(List.of("sip:proxy1.example.com;lr", "sip:proxy2.example.com;lr"),
            d.routeSet().stream().map(r -> r.uri().toString()).toList());
        SipRequest ack = d.ack(1).addVia(Via.parse("SIP/2.0/TCP client;branch=z9hG4bKack")).build();
        assertEquals(1, ack.cseq().number());
        assertEquals(SipMethod.ACK, ack.cseq().method());
        SipRequest bye = d.newRequest(SipMethod.BYE).addVia(Via.parse("SIP/2.0/TCP client;branch=z9hG4bKbye")).build();
        assertEquals(2, bye.cseq().number(), "CSeq goes up for each new request");
        assertThrows(IllegalArgumentException.class, () -> d.newRequest(SipMethod.ACK));
    }

    @Test
    void rfc3261_12_2_2_lowerRemoteCseqIsOutOfOrder_andReInviteRefreshesTheTarget() throws Exception {
        SipRequest invite = parse(INVITE);
        Dialog d = Dialog.asUas(invite, ok(invite, "<sip:bob@192.0.2.4>"));
        SipRequest reinvite = parse(INVITE.replace("CSeq: 1 INVITE", "CSeq: 5 INVITE")
            .replace("To: Bob <sip:bob@biloxi.example.com>", "To: Bob <sip:bob@biloxi.example.com>;tag=8321234356")
            .replace("<sip:alice@client.atlanta.example.com;transport=tcp>", "<sip:alice@198.51.100.7>"));
        assertTrue(d.acceptRemote(reinvite));
        assertEquals("sip:alice@198.51.100.7", d.remoteTarget().toString());
        SipRequest stale = parse(INVITE.replace("CSeq: 1 INVITE", "CSeq: 3 INFO").replace("INVITE sip:", "INFO sip:"));
        assertFalse(d.acceptRemote(stale), "CSeq 3 after 5: answer 500");
    }

    @Test
    void rfc3261_12_1_earlyDialogIsConfirmedByThe2xxAndTakesItsContact() throws Exception {
        SipRequest invite = parse(INVITE);
        SipResponse ringing = SipResponse.replyTo(invite, 180).toTag("8321234356")
            .add(HeaderName.CONTACT, "<sip:bob@10.0.0.9>").build();
        Dialog d = Dialog.asUac(invite, ringing);
        assertEquals(DialogState.EARLY, d.state());
        d.confirm(ok(invite, "<sip:bob@192.0.2.4>"));
        assertEquals(DialogState.CONFIRMED, d.state());
        assertEquals("sip:bob@192.0.2.4", d.remoteTarget().toString());
    }
}
