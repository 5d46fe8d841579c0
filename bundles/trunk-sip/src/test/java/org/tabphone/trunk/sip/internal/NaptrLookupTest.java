package org.tabphone.trunk.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.TransportKind;

/** RFC 3403 NAPTR records as the JDK's DNS client decodes them, from a DNS server on loopback. */
class NaptrLookupTest {
    private FakeDnsServer dns;

    @BeforeEach
    void startDns() throws Exception {
        dns = new FakeDnsServer();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private NaptrLookup lookup() {
        return new NaptrLookup(new DnsClient(dns.address()));
    }

    @Test
    void rfc3403_4_1_everyFieldOfTheRdata() throws Exception {
        dns.naptr("acme.test", 10, 20, "s", "SIP+D2T", "", "_sip._tcp.acme.test");
        List<NaptrLookup.Naptr> r = lookup().lookup("acme.test");
        assertEquals(List.of(new NaptrLookup.Naptr(10, 20, "s", "SIP+D2T", "", "_sip._tcp.acme.test")), r);
        assertTrue(r.get(0).isSrvRule());
        assertEquals(Optional.of(TransportKind.TCP), r.get(0).sipTransport());
    }

    @Test
    void rfc3403_byOrderThenPreference() throws Exception {
        dns.naptr("acme.test", 20, 1, "s", "SIP+D2U", "", "_sip._udp.acme.test")
            .naptr("acme.test", 10, 50, "s", "SIP+D2T", "", "_sip._tcp.acme.test")
            .naptr("acme.test", 10, 5, "s", "SIPS+D2T", "", "_sips._tcp.acme.test");
        assertEquals(List.of("SIPS+D2T", "SIP+D2T", "SIP+D2U"),
            lookup().lookup("acme.test").stream().map(NaptrLookup.Naptr::service).toList());
    }

    @Test
    void noRecordsIsAnEmptyListNotAFailure() throws Exception {
        assertTrue(lookup().lookup("nothing.test").isEmpty(), "NXDOMAIN");
        dns.srv("_sip._udp.only-srv.test", 1, 1, 5060, "localhost").naptr("only-srv.test", 1, 1, "s", "SIP+D2U", "", "x.test");
        assertTrue(lookup().lookup("_sip._udp.only-srv.test").isEmpty(), "NODATA: the name has SRV records only");
    }

    @Test
    void quotedFieldsWithBlanksAndEscapesAreRead() {
        assertEquals(Optional.of(new NaptrLookup.Naptr(100, 10, "u", "E2U+sip", "!^.*$!sip:info@x y!", "")),
            NaptrLookup.parse("100 10 u E2U+sip \"!^.*$!sip:info@x y!\" ."));
        assertEquals("a\"b\\c", NaptrLookup.parse("1 1 \"\" x \"a\\\"b\\\\c\" .").orElseThrow().regexp());
        assertEquals("", NaptrLookup.parse("1 1 \"\" x \"\" .").orElseThrow().flags());
    }

    @Test
    void malformedTextIsSkipped() {
        assertFalse(NaptrLookup.parse("10 20 s SIP+D2T").isPresent(), "too few fields");
        assertFalse(NaptrLookup.parse("ten 20 s SIP+D2T \"\" x.test.").isPresent(), "order not a number");
        assertFalse(NaptrLookup.parse("10 70000 s SIP+D2T \"\" x.test.").isPresent(), "preference over 16 bits");
        assertFalse(NaptrLookup.parse("10 20 s SIP+D2T \"open x.test.").isPresent(), "a quote left open");
        assertFalse(NaptrLookup.parse("10 20 s SIP+D2T \"\" x.test. extra").isPresent(), "too many fields");
    }

    @Test
    void rfc3263_4_1_whatASipClientMayFollow() {
        NaptrLookup.Naptr uri = new NaptrLookup.Naptr(1, 1, "u", "SIP+D2T", "!^.*$!sip:a@b!", "");
        NaptrLookup.Naptr regexpWithS = new NaptrLookup.Naptr(1, 1, "s", "SIP+D2T", "!x!y!", "_sip._tcp.a.test");
        NaptrLookup.Naptr noReplacement = new NaptrLookup.Naptr(1, 1, "s", "SIP+D2T", "", "");
        NaptrLookup.Naptr upperS = new NaptrLookup.Naptr(1, 1, "S", "sip+d2u", "", "_sip._udp.a.test");
        assertFalse(uri.isSrvRule());
        assertFalse(regexpWithS.isSrvRule());
        assertFalse(noReplacement.isSrvRule());
        assertTrue(upperS.isSrvRule(), "flags and services are case-insensitive");
        assertEquals(Optional.of(TransportKind.UDP), upperS.sipTransport());
        assertEquals(Optional.empty(), new NaptrLookup.Naptr(1, 1, "s", "SIP+D2S", "", "x").sipTransport(), "SCTP");
        assertEquals(Optional.empty(), new NaptrLookup.Naptr(1, 1, "s", "SIPS+D2S", "", "x").sipTransport());
        assertEquals(Optional.of(TransportKind.TLS), new NaptrLookup.Naptr(1, 1, "s", "SIPS+D2T", "", "x").sipTransport());
    }
}
