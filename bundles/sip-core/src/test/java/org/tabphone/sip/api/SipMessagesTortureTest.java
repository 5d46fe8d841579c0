package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tabphone.sip.api.TortureCorpus.bytes;
import static org.tabphone.sip.api.TortureCorpus.request;
import static org.tabphone.sip.api.TortureCorpus.response;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.uri.SipUri;

/**
 * RFC 4475 §3.1.1 (valid) messages and the manifest-wide verdicts. Invalid messages are in
 * {@link SipMessagesTortureRejectTest}, the §3.2-3.4 ones in {@link RequestChecksTortureTest}.
 */
class SipMessagesTortureTest {

    static Stream<TortureCorpus.Entry> corpus() {
        return TortureCorpus.manifest().stream();
    }

    @Test
    void corpusHas49MessagesAndTheExtraFile() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(TortureCorpus.dir())) {
            assertEquals(49, files.filter(p -> p.toString().endsWith(".dat")).count());
        }
        assertEquals(50, TortureCorpus.manifest().size());
        assertEquals(13, corpus().filter(e -> e.verdict().equals("valid")).count());
        assertEquals(19, corpus().filter(e -> e.verdict().equals("invalid-must-reject")).count());
        assertEquals(17, corpus().filter(e -> e.verdict().equals("valid-but-tricky")).count());
    }

    /** Every manifest verdict: valid and valid-but-tricky parse, the others are rejected. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rfc4475_verdictHolds(TortureCorpus.Entry e) {
        byte[] b = bytes(e);
        switch (e.verdict()) {
            case "valid", "valid-but-tricky" -> {
                try {
                    SipMessage m = SipMessages.parse(b, 0, b.length);
                    assertNotNull(m);
                } catch (SipParseException ex) {
                    fail(e + " must parse but was rejected: " + ex.getMessage());
                }
            }
            case "invalid-must-reject", "not-rfc4475" -> {
                SipParseException ex = assertThrows(SipParseException.class, () -> SipMessages.parse(b, 0, b.length),
                        e + " must be rejected");
                assertTrue(ex.statusCode() >= 400, ex.getMessage());
                assertFalse(ex.reason().isBlank());
            }
            default -> fail("Unknown verdict " + e.verdict());
        }
    }

    /** Parse, write, parse again: the values every element reads survive a round trip. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rfc3261_7_writtenMessageReparsesToTheSameValues(TortureCorpus.Entry e) throws SipParseException {
        if (!e.verdict().startsWith("valid")) {
            return;
        }
        byte[] b = bytes(e);
        SipMessage first = SipMessages.parse(b, 0, b.length);
        byte[] written = first.toBytes();
        SipMessage again = SipMessages.parse(written, 0, written.length);
        assertSameValues(first, again);
        assertArrayEquals(written, again.toBytes(), "writing is idempotent");
    }

    static void assertSameValues(SipMessage a, SipMessage b) {
        if (a instanceof SipRequest ra) {
            SipRequest rb = (SipRequest) b;
            assertEquals(ra.method(), rb.method());
            assertEquals(ra.requestUri().toString(), rb.requestUri().toString());
        } else {
            assertEquals(((SipResponse) a).statusCode(), ((SipResponse) b).statusCode());
            assertEquals(((SipResponse) a).reasonPhrase(), ((SipResponse) b).reasonPhrase());
        }
        assertEquals(a.callId(), b.callId());
        assertEquals(a.cseq(), b.cseq());
        assertEquals(a.vias(), b.vias());
        assertEquals(a.from(), b.from());
        assertEquals(a.to(), b.to());
        assertEquals(a.contacts(), b.contacts());
        assertEquals(a.routes(), b.routes());
        assertEquals(a.recordRoutes(), b.recordRoutes());
        assertEquals(a.maxForwards(), b.maxForwards());
        assertArrayEquals(a.body(), b.body());
        assertEquals(withoutContentLength(a), withoutContentLength(b));
    }

    private static List<?> withoutContentLength(SipMessage m) {
        return m.headers().stream().filter(h -> !h.name().equals(HeaderName.CONTENT_LENGTH)).toList();
    }

    @Test
    void rfc4475_3_1_1_1_parsesShortTortuousInvite() throws SipParseException {
        SipRequest m = request("wsinv.dat");
        assertEquals(SipMethod.INVITE, m.method());
        assertEquals("sip:vivekg@chair-dnrc.example.com;unknownparam", m.requestUri().toString());
        assertEquals(Optional.of("1918181833n"), m.to().tag());
        assertEquals(Optional.empty(), m.to().displayName());
        assertEquals(Optional.of("J Rosenberg \\\""), m.from().displayName());
        assertEquals(Optional.of("98asjd8"), m.from().tag());
        assertEquals(68, m.maxForwards().getAsInt());
        assertEquals("wsinv.ndaksdj@192.0.2.1", m.callId());
        assertEquals(9, m.cseq().number());
        assertEquals(SipMethod.INVITE, m.cseq().method());
        assertEquals(List.of("UDP", "TCP", "UDP"), m.vias().stream().map(Via::transport).toList());
        assertEquals(List.of("390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"),
                m.vias().stream().map(v -> v.branch().orElseThrow()).toList());
        assertEquals("192.168.255.111", m.vias().get(2).host());
        assertEquals(Optional.of(""), m.header(HeaderName.SUBJECT));
        assertEquals(Optional.of("newfangled value continued newfangled value"),
                m.header(HeaderName.of("NewFangledHeader")));
        assertEquals(Optional.of(";;,,;;,;"), m.header(HeaderName.of("UnknownHeaderWithUnusualValue")));
        assertTrue(((SipUri) m.routes().get(0).uri()).lr());
        NameAddress contact = m.contacts().get(0);
        assertEquals(Optional.of("Quoted string \"\""), contact.displayName());
        assertEquals(Optional.of("newvalue"), contact.params().get("newparam"));
        assertTrue(contact.params().isFlag("secondparam"));
        assertEquals(Optional.of("0.33"), contact.params().get("q"));
        assertEquals(150, m.bodyLength());
        assertEquals(Optional.of("application/sdp"), m.contentType());
    }

    @Test
    void rfc4475_3_1_1_2_acceptsEveryTokenCharacterAndAnExtensionMethod() throws SipParseException {
        SipRequest m = request("intmeth.dat");
        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        assertEquals(method, m.method().name());
        assertFalse(m.method().isStandard());
        assertEquals(SipMethod.of(method), m.cseq().method());
        assertEquals(139122385, m.cseq().number());
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals(Optional.of("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"), ruri.user());
        assertEquals(Optional.of("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"), ruri.password());
        assertEquals("example.com", ruri.host());
        assertEquals(Optional.of("z9hG4bK-.!%66*_+`'~"), m.topVia().branch());
        assertEquals(Optional.of("BEL:\u0007 NUL:\u0000 DEL:\u007F"), m.to().displayName());
        assertEquals(Optional.of("token1~` token2'+_ token3*%!.-"), m.from().displayName());
        assertEquals(Optional.of("_token~1'+`*%!-."), m.from().tag());
        assertEquals(Optional.of("\"работающий\""), m.from().params().get("fromParam''~+*_!.-%"));
        assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.callId());
        assertEquals(255, m.maxForwards().getAsInt());
        assertEquals(Optional.of("\uFEFF大停電"), m.header(HeaderName.of("extensionHeader-!.%*+_`'~")));
    }

    @Test
    void rfc4475_3_1_1_3_escapedAndUnescapedUrisCompareEqual() throws SipParseException {
        SipRequest m = request("esc01.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals(Optional.of("sips%3Auser%40example.com"), ruri.user());
        assertEquals(Optional.of("sips:user@example.com"), ruri.userDecoded());
        assertEquals("example.net", ruri.host());
        assertEquals(SipUri.parse("sip:user@example.com"), m.to().uri());
        assertEquals(Optional.of("I have spaces"), ((SipUri) m.from().uri()).userDecoded());
        assertEquals(SipUri.parse("sip:caller@host5.example.net;lr;name=value%2541"), m.contacts().get(0).uri());
        assertEquals("esc01.239409asdfakjkn23onasd0-3234", m.callId());
        assertEquals(Optional.of("application/sdp"), m.contentType());
    }

    @Test
    void rfc4475_3_1_1_4_keepsEscapedNullsInUserParts() throws SipParseException {
        SipRequest m = request("escnull.dat");
        String user = ((SipUri) m.to().uri()).userDecoded().orElseThrow();
        assertEquals("null-\u0000-null", user);
        assertEquals(11, user.length());
        assertEquals(Optional.of("null-%00-null"), ((SipUri) m.from().uri()).user());
        assertEquals(List.of(Optional.of("\u0000"), Optional.of("\u0000\u0000")),
                m.contacts().stream().map(c -> ((SipUri) c.uri()).userDecoded()).toList());
    }

    @Test
    void rfc4475_3_1_1_5_doesNotUnescapeMethodTokens() throws SipParseException {
        SipRequest m = request("esc02.dat");
        assertEquals("RE%47IST%45R", m.method().name());
        assertFalse(m.method().equals(SipMethod.REGISTER));
        assertEquals(Optional.of("%Z%45"), m.to().displayName());
        // C%6Fntact is an extension header, not Contact: two Contacts remain
        assertEquals(2, m.contacts().size());
        assertEquals(Optional.of("<sip:alias2@host2.example.com>"), m.header(HeaderName.of("C%6Fntact")));
        assertEquals(Optional.of("z9hG4bK209%fzsnel234"), m.topVia().branch());
    }

    @Test
    void rfc4475_3_1_1_6_acceptsDisplayNameWithoutLwsBeforeLaquot() throws SipParseException {
        SipRequest m = request("lwsdisp.dat");
        assertEquals(Optional.of("caller"), m.from().displayName());
        assertEquals(Optional.of("323"), m.from().tag());
    }

    @Test
    void rfc4475_3_1_1_7_parsesLongValuesWithoutFixedBuffers() throws SipParseException {
        SipRequest m = request("longreq.dat");
        assertEquals(Optional.of("I have a user name of " + "extreme".repeat(10) + " proportion"),
                m.to().displayName());
        SipUri to = (SipUri) m.to().uri();
        assertEquals(6000, to.port().getAsInt());
        assertEquals(Optional.of("very" + "long".repeat(20) + "value"), to.params().get("unknownparam1"));
        assertEquals(Optional.of("shortvalue"), to.params().get("longparam" + "name".repeat(25)));
        assertTrue(to.params().isFlag("very" + "long".repeat(25) + "ParameterNameWithNoValue"));
        assertEquals(Optional.of("1" + "298".repeat(50) + "2424"), m.from().tag());
        assertEquals("longreq.one" + "really".repeat(20) + "longcallid", m.callId());
        assertEquals(34, m.vias().size());
        assertEquals("sip33.example.com", m.topVia().host());
        Via last = m.vias().get(33);
        assertEquals(Optional.of("192.0.2.5"), last.received());
        assertEquals(Optional.of("very" + "long".repeat(50) + "branchvalue"), last.branch());
        assertEquals(Optional.of("amazinglylongcallername".repeat(5)), ((SipUri) m.contacts().get(0).uri()).user());
        assertEquals(150, m.bodyLength());
    }

    @Test
    void rfc4475_3_1_1_8_ignoresTrailingOctetsInDatagram() throws SipParseException {
        SipRequest m = request("dblreq.dat");
        assertEquals(SipMethod.REGISTER, m.method());
        assertEquals("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.callId());
        assertEquals(0, m.bodyLength());
        assertFalse(new String(m.toBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("INVITE"));
    }

    @Test
    void rfc4475_3_1_1_9_keepsSemicolonsInTheUserPart() throws SipParseException {
        SipRequest m = request("semiuri.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals(Optional.of("user;par=u%40example.net"), ruri.user());
        assertEquals("example.com", ruri.host());
        assertTrue(ruri.params().isEmpty());
        assertEquals(List.of("application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed",
                "message/sip", "message/sipfrag"), m.headers(HeaderName.ACCEPT));
    }

    @Test
    void rfc4475_3_1_1_10_acceptsUnknownTransports() throws SipParseException {
        SipRequest m = request("transports.dat");
        assertEquals(List.of("UDP", "SCTP", "TLS", "UNKNOWN", "TCP"),
                m.vias().stream().map(Via::transport).toList());
        assertEquals("transports.kijh4akdnaqjkwendsasfdj", m.callId());
    }

    @Test
    void rfc4475_3_1_1_11_keepsBinaryMultipartBodyByteExact() throws SipParseException {
        byte[] raw = bytes("mpart01.dat");
        SipRequest m = request("mpart01.dat");
        byte[] expected = Arrays.copyOfRange(raw, raw.length - 553, raw.length);
        assertEquals(553, m.bodyLength());
        assertArrayEquals(expected, m.body());
        assertEquals(Optional.of("multipart/mixed;boundary=7a9cbec02ceef655"), m.contentType());
        assertTrue(m.topVia().hasRport());
        assertTrue(m.topVia().rport().isEmpty());
        byte[] written = m.toBytes();
        assertArrayEquals(expected, Arrays.copyOfRange(written, written.length - 553, written.length));
    }

    @Test
    void rfc4475_3_1_1_12_decodesUtf8ReasonPhrase() throws SipParseException {
        SipResponse m = response("unreason.dat");
        assertEquals(200, m.statusCode());
        assertEquals("= 2**3 * 5**2 но сто девяносто девять - простое", m.reasonPhrase());
        assertEquals(154, m.bodyLength());
    }

    @Test
    void rfc4475_3_1_1_13_acceptsEmptyReasonPhrase() throws SipParseException {
        SipResponse m = response("noreason.dat");
        assertEquals(100, m.statusCode());
        assertEquals("", m.reasonPhrase());
        assertEquals("noreason.asndj203insdf99223ndf", m.callId());
    }
}
