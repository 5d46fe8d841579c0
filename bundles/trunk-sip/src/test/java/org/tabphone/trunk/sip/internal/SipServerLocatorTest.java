package org.tabphone.trunk.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.trunk.sip.internal.SrvLookupTest.ALL;
import static org.tabphone.trunk.sip.internal.SrvLookupTest.trunk;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.TransportKind;

/**
 * RFC 3263 §4.1 transport selection ({@code transport = auto}) against a DNS server on loopback
 * that answers NAPTR (RFC 3403) and SRV (RFC 2782) queries; every SRV target is localhost.
 */
class SipServerLocatorTest {
    private FakeDnsServer dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = new FakeDnsServer();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private SipServerLocator.Located locate(String host, int port, Set<TransportKind> supported) throws Exception {
        DnsClient client = new DnsClient(dns.address());
        return new SipServerLocator(new NaptrLookup(client), new SrvLookup(client))
            .locate(trunk(host, port, TransportKind.UDP, true), supported);
    }

    private static void assertHop(NextHop hop, TransportKind transport, int port, String how) {
        assertEquals(transport, hop.transport(), hop.toString());
        assertEquals(port, hop.address().getPort(), hop.toString());
        assertTrue(hop.address().getAddress().isLoopbackAddress(), hop.toString());
        assertEquals(how, hop.how());
    }

    @Test
    void rfc3263_4_1_naptrPicksByOrderThenPreference() throws Exception {
        dns.naptr("acme.test", 10, 20, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .naptr("acme.test", 10, 10, "s", "SIP+D2T", "", "_sip._tcp.acme.test")
            .naptr("acme.test", 20, 0, "s", "SIPS+D2T", "", "_sips._tcp.acme.test")
            .srv("_sip._udp.acme.test", 10, 0, 5072, "localhost")
            .srv("_sip._tcp.acme.test", 10, 0, 5071, "localhost")
            .srv("_sips._tcp.acme.test", 10, 0, 5073, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.TCP, 5071, "NAPTR");
        assertEquals(List.of("NAPTR acme.test", "SRV _sip._tcp.acme.test"), dns.questions());
    }

    @Test
    void rfc3263_4_1_theReplacementIsLookedUpAsSrvAndItsTargetsAreTheProvider() throws Exception {
        dns.naptr("acme.test", 50, 50, "S", "SIPS+D2T", "", "edge.tls.acme.test")
            .srv("edge.tls.acme.test", 20, 0, 5082, "localhost")
            .srv("edge.tls.acme.test", 10, 0, 5081, "localhost");
        SipServerLocator.Located l = locate("acme.test", 0, ALL);
        assertHop(l.hop(), TransportKind.TLS, 5081, "NAPTR");
        assertTrue(l.addresses().contains(l.hop().address().getAddress()), "accepted as the provider");
        ProviderAddresses provider = new ProviderAddresses(trunk("acme.test", 0, TransportKind.UDP, true),
            new SipServerLocator(new NaptrLookup(new DnsClient(dns.address())), new SrvLookup(new DnsClient(dns.address()))));
        NextHop hop = provider.resolve(ALL);
        assertTrue(provider.accepts(new InetSocketAddress(hop.address().getAddress(), 40000)));
    }

    @Test
    void rfc3263_4_1_withoutNaptrSrvOfTlsThenTcpThenUdp() throws Exception {
        dns.srv("_sip._udp.acme.test", 10, 0, 5092, "localhost")
            .srv("_sip._tcp.acme.test", 10, 0, 5091, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.TCP, 5091, "SRV");
        assertEquals(List.of("NAPTR acme.test", "SRV _sips._tcp.acme.test", "SRV _sip._tcp.acme.test"), dns.questions());

        dns.srv("_sips._tcp.acme.test", 10, 0, 5093, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.TLS, 5093, "SRV");
    }

    @Test
    void onlyTransportsTheGatewayListensOnAreChosen() throws Exception {
        dns.naptr("acme.test", 10, 10, "s", "SIPS+D2T", "", "_sips._tcp.acme.test")
            .naptr("acme.test", 20, 10, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .srv("_sips._tcp.acme.test", 10, 0, 5061, "localhost")
            .srv("_sip._udp.acme.test", 10, 0, 5062, "localhost");
        assertHop(locate("acme.test", 0, Set.of(TransportKind.UDP, TransportKind.TCP)).hop(), TransportKind.UDP, 5062,
            "NAPTR");
    }

    @Test
    void rfc3263_4_1_nothingInDnsMeansUdpTo5060AtTheNamesAddress() throws Exception {
        SipServerLocator.Located l = locate("localhost", 0, ALL);
        assertHop(l.hop(), TransportKind.UDP, 5060, "A/AAAA");
        assertEquals(List.of("NAPTR localhost", "SRV _sips._tcp.localhost", "SRV _sip._tcp.localhost",
            "SRV _sip._udp.localhost"), dns.questions());
    }

    @Test
    void rfc3263_4_2_naptrWithoutSrvRecordsKeepsItsTransportAtTheDefaultPort() throws Exception {
        dns.naptr("localhost", 10, 10, "s", "SIPS+D2T", "", "_sips._tcp.gone.test");
        assertHop(locate("localhost", 0, ALL).hop(), TransportKind.TLS, 5061, "NAPTR, A/AAAA");
    }

    @Test
    void rfc3263_4_1_aNaptrOfAnUnsupportedServiceIsSkipped() throws Exception {
        dns.naptr("acme.test", 10, 10, "s", "SIP+D2S", "", "_sip._sctp.acme.test")
            .naptr("acme.test", 15, 10, "u", "E2U+sip", "!^.*$!sip:info@acme.test!", ".")
            .naptr("acme.test", 20, 10, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .srv("_sip._sctp.acme.test", 10, 0, 5099, "localhost")
            .srv("_sip._udp.acme.test", 10, 0, 5098, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.UDP, 5098, "NAPTR");
        assertTrue(dns.questions().stream().noneMatch(q -> q.contains("sctp")), dns.questions().toString());
    }

    @Test
    void malformedNaptrRecordsAreSkippedNotFatal() throws Exception {
        dns.naptr("acme.test", 1, 1, "s", "SIP+D2T", "!^.*$!_sip._tcp.evil.test!", "_sip._tcp.evil.test") // s with a regexp
            .naptr("acme.test", 2, 1, "s", "SIP+D2T", "", ".") // s without a name
            .naptr("acme.test", 3, 1, "a", "SIP+D2T", "", "acme.test") // A flag: not RFC 3263's
            .naptr("acme.test", 4, 1, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .srv("_sip._tcp.evil.test", 10, 0, 5097, "localhost")
            .srv("_sip._udp.acme.test", 10, 0, 5096, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.UDP, 5096, "NAPTR");
    }

    @Test
    void aNaptrWhoseSrvHasNoTargetGivesWayToTheNext() throws Exception {
        dns.naptr("acme.test", 10, 10, "s", "SIP+D2T", "", "_sip._tcp.acme.test")
            .naptr("acme.test", 20, 10, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .srv("_sip._tcp.acme.test", 0, 0, 0, ".") // RFC 2782: the service is not offered here
            .srv("_sip._udp.acme.test", 10, 0, 5095, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.UDP, 5095, "NAPTR");
    }

    @Test
    void rfc3263_4_1_aPortOrAnAddressMeansNoNaptrAndUdp() throws Exception {
        dns.naptr("localhost", 10, 10, "s", "SIP+D2T", "", "_sip._tcp.acme.test")
            .srv("_sip._tcp.acme.test", 10, 0, 5071, "localhost");
        assertHop(locate("localhost", 5090, ALL).hop(), TransportKind.UDP, 5090, "address");
        NextHop literal = locate("127.0.0.2", 0, ALL).hop();
        assertEquals("udp 127.0.0.2:5060", literal.toString());
        assertEquals(List.of(), dns.questions(), "no DNS at all");
    }

    @Test
    void aNaptrRecordTheJdkCannotDecodeIsNotFatal() throws Exception {
        // RDATA cut short after ORDER, PREFERENCE and a FLAGS length: the JDK reads past it and makes a record of
        // garbage, which is no SIP rule; with no usable NAPTR, SRV is asked instead
        dns.add("acme.test", FakeDnsServer.NAPTR, new byte[] {0, 10, 0, 10, 1})
            .srv("_sip._udp.acme.test", 10, 0, 5094, "localhost");
        assertHop(locate("acme.test", 0, ALL).hop(), TransportKind.UDP, 5094, "SRV");
    }
}
