package org.tabphone.trunk.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.Capacity;
import org.tabphone.trunk.api.NumberPlan;
import org.tabphone.trunk.api.TrunkSettings;

/** RFC 3263 §4.2 for a trunk with a fixed transport, against a DNS server on loopback (RFC 2782 records). */
class SrvLookupTest {
    static final Set<TransportKind> ALL = Set.of(TransportKind.UDP, TransportKind.TCP, TransportKind.TLS);

    private FakeDnsServer dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = new FakeDnsServer()
            .srv("_sip._udp.acme.test", 20, 0, 5080, "localhost")
            .srv("_sip._udp.acme.test", 10, 5, 5070, "localhost")
            .srv("_sips._tcp.acme.test", 10, 0, 5061, "localhost");
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private SrvLookup lookup() {
        return new SrvLookup(new DnsClient(dns.address()));
    }

    private ProviderAddresses provider(TrunkSettings s) {
        DnsClient client = new DnsClient(dns.address());
        return new ProviderAddresses(s, new SipServerLocator(new NaptrLookup(client), new SrvLookup(client)));
    }

    static TrunkSettings trunk(String host, int port, TransportKind transport) {
        return trunk(host, port, transport, false);
    }

    static TrunkSettings trunk(String host, int port, TransportKind transport, boolean auto) {
        return new TrunkSettings("acme", "demo", "sip", host, port, transport, host, "", "", "", false, 600, List.of(),
            new Capacity(-1, -1, -1, 486), new NumberPlan("", "0", "00", NumberPlan.Format.E164), List.of(), 100, "",
            Map.of(), "", Map.of(), true, auto);
    }

    @Test
    void rfc2782_targetsByPriorityThenWeight() throws Exception {
        List<SrvLookup.Target> t = lookup().lookup("_sip._udp.acme.test");
        assertEquals(2, t.size());
        assertEquals(5070, t.get(0).port());
        assertEquals("localhost", t.get(0).host());
        assertTrue(lookup().lookup("_sip._udp.nothing.test").isEmpty(), "NXDOMAIN: no records");
    }

    @Test
    void rfc3263_aNameWithoutPortGoesToItsBestSrvTarget() throws Exception {
        ProviderAddresses udp = provider(trunk("acme.test", 0, TransportKind.UDP));
        NextHop hop = udp.resolve(ALL);
        assertEquals(5070, hop.address().getPort());
        assertEquals(TransportKind.UDP, hop.transport());
        assertTrue(hop.address().getAddress().isLoopbackAddress());
        assertTrue(udp.accepts(new InetSocketAddress(hop.address().getAddress(), 40000)), "SRV targets are the provider");

        ProviderAddresses tls = provider(trunk("acme.test", 0, TransportKind.TLS));
        assertEquals(5061, tls.resolve(ALL).address().getPort());
        assertEquals(TransportKind.TLS, tls.proxy().transport());
        assertFalse(dns.questions().stream().anyMatch(q -> q.startsWith("NAPTR")), "a fixed transport asks no NAPTR");
    }

    @Test
    void rfc3263_aGivenPortOrNoSrvMeansTheNamesOwnAddresses() throws Exception {
        ProviderAddresses withPort = provider(trunk("localhost", 5090, TransportKind.UDP));
        assertEquals(5090, withPort.resolve(ALL).address().getPort());
        ProviderAddresses noSrv = provider(trunk("localhost", 0, TransportKind.TCP));
        NextHop hop = noSrv.resolve(ALL);
        assertEquals(5060, hop.address().getPort());
        assertEquals(TransportKind.TCP, hop.transport());
        ProviderAddresses literal = provider(trunk("127.0.0.2", 0, TransportKind.UDP));
        assertFalse(literal.needsLookup());
        assertNull(literal.proxy());
        literal.resolve(ALL);
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 5060), literal.proxy().address());
        assertEquals("udp 127.0.0.2:5060", literal.proxy().toString());
    }

    @Test
    void hexLookingNamesAreNamesAndIpv6LiteralsAreAddresses() {
        assertFalse(SipServerLocator.isAddress("cafe"), "a name of hex letters only");
        assertFalse(SipServerLocator.isAddress("sip.acme.example"));
        assertTrue(SipServerLocator.isAddress("[2001:db8::1]"));
        assertTrue(SipServerLocator.isAddress("::1"));
        assertTrue(SipServerLocator.isAddress("192.0.2.1"));
    }
}
