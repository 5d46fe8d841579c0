package org.tabphone.call.internal.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.TransportKind;

class EndpointLocatorTest {
    /** Holds tasks instead of running them: proves what runs on the caller's (I/O) thread and what does not. */
    private final List<Runnable> queued = new ArrayList<>();
    private final EndpointLocator locator = new EndpointLocator(queued::add);

    private EndpointLocator.Location locateNow(String uri) {
        CompletableFuture<EndpointLocator.Location> f = locator.locate(SipUri.parse(uri)).toCompletableFuture();
        assertTrue(f.isDone(), "completed on the calling thread: " + uri);
        return f.join();
    }

    @Test
    void rfc3261_19_1_2_anIpAddressNeedsNoLookup_udpAnd5060WhenTheUriSaysNothing() {
        var at = (EndpointLocator.Located) locateNow("sip:bot@127.0.0.1");
        assertEquals(new InetSocketAddress("127.0.0.1", 5060), at.address());
        assertEquals(TransportKind.UDP, at.endpoint().transport());
        assertEquals(SipUri.parse("sip:bot@127.0.0.1"), at.endpoint().uri());
        assertTrue(queued.isEmpty());
    }

    @Test
    void rfc3261_19_1_2_theTransportParameterAndPortChooseTheHop_tlsDefaultsTo5061() {
        var tcp = (EndpointLocator.Located) locateNow("sip:bot@10.1.2.3:5080;transport=tcp");
        assertEquals(TransportKind.TCP, tcp.endpoint().transport());
        assertEquals(new InetSocketAddress("10.1.2.3", 5080), tcp.address());
        var tls = (EndpointLocator.Located) locateNow("sip:bot@[::1];transport=TLS");
        assertEquals(TransportKind.TLS, tls.endpoint().transport());
        assertEquals(5061, tls.address().getPort());
        assertEquals(TransportKind.TLS, ((EndpointLocator.Located) locateNow("sips:bot@10.1.2.3")).endpoint().transport());
    }

    @Test
    void rfc7118_5_aWebSocketOrUnknownTransportIsRefusedAtOnce() {
        assertEquals(502, ((EndpointLocator.Unreachable) locateNow("sip:bot@10.1.2.3;transport=ws")).code());
        assertEquals(502, ((EndpointLocator.Unreachable) locateNow("sip:bot@10.1.2.3;transport=sctp")).code());
        assertTrue(queued.isEmpty());
    }

    @Test
    void aHostNameIsLookedUpOnTheResolverNeverOnTheCallingThread() {
        CompletableFuture<EndpointLocator.Location> f = locator.locate(SipUri.parse("sip:bot@localhost:5070"))
            .toCompletableFuture();
        assertEquals(1, queued.size());
        assertTrue(!f.isDone(), "waits for the resolver");
        queued.get(0).run();
        var at = (EndpointLocator.Located) f.join();
        assertTrue(at.address().getAddress().isLoopbackAddress());
        assertEquals(5070, at.address().getPort());
    }

    @Test
    void anUnresolvableNameIsA503WithItsName() {
        CompletableFuture<EndpointLocator.Location> f = locator.locate(SipUri.parse("sip:bot@no-such-host.invalid"))
            .toCompletableFuture();
        queued.get(0).run();
        var no = (EndpointLocator.Unreachable) f.join();
        assertEquals(503, no.code());
        assertTrue(no.reason().contains("no-such-host.invalid"), no.reason());
    }

    @Test
    void aNearLiteralIsNotTakenForAnAddress() {
        assertTrue(EndpointLocator.ipLiteral("999.1.1.1").isEmpty());
        assertTrue(EndpointLocator.ipLiteral("bot.example.com").isEmpty());
        assertEquals("192.0.2.1", EndpointLocator.ipLiteral("192.0.2.1").orElseThrow().getHostAddress());
    }
}
