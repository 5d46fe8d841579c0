package org.tabphone.trunk.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.Capacity;
import org.tabphone.trunk.api.NumberPlan;
import org.tabphone.trunk.api.OutboundLeg;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * The next hop's transport drives everything the trunk sends: the path, REGISTER's Via and
 * Contact, the outbound leg; the TLS name stays the configured host (RFC 5922 §4). A stub stack
 * records what would go out; DNS is a server on loopback.
 */
class SipTrunkLineTest {
    /** A path that only says its transport. */
    record KindPath(TransportKind kind) implements SipPath {
        @Override
        public boolean isReliable() {
            return kind.isStream();
        }

        @Override
        public void send(SipMessage message, SendFailureListener listener) {
        }
    }

    private final List<SipRequest> sent = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private FakeDnsServer dns;
    private ScheduledExecutorService timers;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDnsServer();
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        dns.close();
    }

    private final SipStack stack = stub(SipStack.class, (proxy, m, args) -> switch (m.getName()) {
        case "pathTo" -> {
            serverNames.add(args.length > 2 ? (String) args[2] : "");
            yield new KindPath((TransportKind) args[0]);
        }
        case "newVia" -> Via.of(((KindPath) args[0]).kind().viaToken(), "192.0.2.10", 5060,
            Parameters.builder().add("branch", "z9hG4bK-" + sent.size()).build());
        case "sendRequest" -> {
            sent.add((SipRequest) args[0]);
            yield null;
        }
        default -> throw new UnsupportedOperationException(m.getName());
    });

    private final SipTransport transport = stub(SipTransport.class, (proxy, m, args) -> switch (m.getName()) {
        case "listenAddress" -> Optional.of(new InetSocketAddress("192.0.2.10", args[0] == TransportKind.TLS ? 5061 : 5060));
        case "contactUri" -> InvocationHandler.invokeDefault(proxy, m, args);
        default -> throw new UnsupportedOperationException(m.getName());
    });

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, InvocationHandler h) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }

    private SipTrunkLine line(String host, int port, TransportKind transport, boolean auto) {
        TrunkSettings s = new TrunkSettings("acme", "demo", "sip", host, port, transport, host, "alice", "", "pw", true,
            600, List.of(), new Capacity(-1, -1, -1, 486), new NumberPlan("", "0", "00", NumberPlan.Format.E164),
            List.of(), 100, "", Map.of(), "", Map.of(), true, auto);
        DnsClient client = new DnsClient(dns.address());
        return new SipTrunkLine(s, stack, this.transport, timers, new RegistrationIds(),
            new SipServerLocator(new NaptrLookup(client), new SrvLookup(client)));
    }

    private SipRequest awaitRegister() throws InterruptedException {
        for (int i = 0; i < 100 && sent.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertFalse(sent.isEmpty(), "no REGISTER");
        return sent.get(0);
    }

    @Test
    void rfc3263_4_1_theTransportDnsChoseCarriesRegisterAndInvite() throws Exception {
        dns.naptr("acme.test", 10, 10, "s", "SIP+D2T", "", "_sip._tcp.acme.test")
            .naptr("acme.test", 20, 10, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .srv("_sip._tcp.acme.test", 10, 0, 5071, "localhost")
            .srv("_sip._udp.acme.test", 10, 0, 5072, "localhost");
        SipTrunkLine line = line("acme.test", 0, TransportKind.UDP, true);
        line.start();
        try {
            SipRequest register = awaitRegister();
            assertEquals("TCP", register.topVia().transport());
            assertTrue(register.header(HeaderName.CONTACT).orElseThrow().contains("transport=tcp"),
                register.header(HeaderName.CONTACT).toString());
            assertEquals("acme.test", serverNames.get(0), "RFC 5922: the configured host, not the SRV target");
            String detail = line.status().detail();
            assertTrue(detail.startsWith("REGISTER sent, via NAPTR: tcp ") && detail.endsWith(":5071"), detail);

            OutboundLeg leg = line.outbound("+15550100", "1001");
            assertEquals(TransportKind.TCP, leg.transport());
            assertEquals(5071, leg.proxy().getPort());
            assertEquals(TransportKind.TCP, ((KindPath) leg.path()).kind());
            assertTrue(leg.requestUri().toString().contains("transport=tcp"), leg.requestUri().toString());
        } finally {
            line.stop();
        }
    }

    @Test
    void aFixedTransportIsUsedAsConfiguredAndTheStatusStaysAsItWas() throws Exception {
        SipTrunkLine line = line("localhost", 5090, TransportKind.UDP, false);
        line.start();
        try {
            SipRequest register = awaitRegister();
            assertEquals("UDP", register.topVia().transport());
            assertFalse(register.header(HeaderName.CONTACT).orElseThrow().contains("transport="));
            assertEquals("REGISTER sent", line.status().detail());
            OutboundLeg leg = line.outbound("+15550100", "1001");
            assertEquals(TransportKind.UDP, leg.transport());
            assertEquals(5090, leg.proxy().getPort());
            assertTrue(dns.questions().isEmpty(), "a port: no DNS but the name's address");
        } finally {
            line.stop();
        }
    }
}
