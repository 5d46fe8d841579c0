package org.tabphone.call.internal.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.api.TransportStatistics;

class LegRequestsTest {
    private static final byte[] SDP = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
    private final LegRequests requests = new LegRequests(new FakeStack(), new FakeTransport());

    private static SipRequest callerInvite() {
        return SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:800@demo.tabphone.test"))
            .addVia(Via.of("UDP", "127.0.0.1", 5999, Parameters.empty().with("branch", "z9hG4bK-a")))
            .maxForwards(70)
            .from(NameAddress.parse("\"Office\" <sip:office@127.0.0.1>;tag=caller"))
            .to(NameAddress.parse("<sip:800@demo.tabphone.test>"))
            .callId("caller-call")
            .cseq(new CSeq(7, SipMethod.INVITE))
            .build();
    }

    @Test
    void rfc3261_8_1_1_theInviteToAnEndpointByUriIsANewDialogToThatUri_withTheDialledNumberInTo() {
        SipUri bot = SipUri.parse("sip:bot@10.0.0.7:5080;transport=tcp");
        SipRequest inv = requests.uriInvite(callerInvite(), "demo.tabphone.test", bot, TransportKind.TCP, null, SDP);
        assertEquals(bot, inv.requestUri());
        assertEquals(SipUri.parse("sip:800@demo.tabphone.test"), inv.to().uri(),
            "To keeps the number the caller dialled, at the tenant's domain; the Request-URI is the endpoint");
        assertTrue(inv.to().tag().isEmpty(), "no To tag: a new dialog");
        assertEquals("Office", inv.from().displayName().orElse(null));
        assertEquals(SipUri.parse("sip:office@127.0.0.1"), inv.from().uri());
        assertNotEquals(Optional.of("caller"), inv.from().tag());
        assertTrue(inv.from().tag().isPresent());
        assertNotEquals("caller-call", inv.callId());
        assertEquals(new CSeq(1, SipMethod.INVITE), inv.cseq());
        assertEquals(69, inv.maxForwards().orElseThrow());
        assertEquals(Optional.of("<sip:gw@192.0.2.10:5060;transport=tcp>"), inv.header(HeaderName.CONTACT));
        assertEquals(Optional.of("application/sdp"), inv.contentType());
    }

    @Test
    void rfc3261_8_1_1_2_withoutAUserInTheCallersRequestUriToIsTheEndpointUri() {
        SipRequest noUser = callerInvite().toBuilder().requestUri(SipUri.parse("sip:demo.tabphone.test")).build();
        SipUri bot = SipUri.parse("sip:bot@10.0.0.7");
        assertEquals(bot, requests.uriInvite(noUser, "demo.tabphone.test", bot, TransportKind.UDP, null, SDP).to().uri());
    }

    @Test
    void rfc3515_everyCalleeLegIsToldItMayReferAndUpdate() {
        String allow = requests.uriInvite(callerInvite(), "demo.tabphone.test", SipUri.parse("sip:bot@10.0.0.7"), TransportKind.UDP, null, SDP)
            .header(HeaderName.ALLOW).orElseThrow();
        for (String method : List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "INFO", "MESSAGE", "REFER")) {
            assertTrue(allow.contains(method), allow);
        }
        assertTrue(!allow.contains("NOTIFY"), "the gateway sends NOTIFYs, it takes none: " + allow);
    }

    private static final class FakeStack implements SipStack {
        @Override
        public ClientTransaction sendRequest(SipRequest request, SipPath path, ClientTransactionListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Via newVia(SipPath path) {
            return Via.of("UDP", "192.0.2.10", 5060, Parameters.empty().with("branch", "z9hG4bK-gw"));
        }

        @Override
        public SipPath pathTo(TransportKind kind, InetSocketAddress destination) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int transactions() {
            return 0;
        }

        @Override
        public SipResponse capabilities(SipRequest options) {
            throw new UnsupportedOperationException();
        }
    }

    /** Listens on 192.0.2.10:5060 for every transport. */
    private static final class FakeTransport implements SipTransport {
        @Override
        public CompletionStage<Flow> sendOn(FlowId flow, SipMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Flow> sendTo(TransportKind kind, InetSocketAddress destination, SipMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Flow> flow(FlowId id) {
            return Optional.empty();
        }

        @Override
        public List<Flow> flows() {
            return List.of();
        }

        @Override
        public Optional<InetSocketAddress> listenAddress(TransportKind kind) {
            return Optional.of(new InetSocketAddress("192.0.2.10", 5060));
        }

        @Override
        public TransportStatistics statistics() {
            throw new UnsupportedOperationException();
        }
    }
}
