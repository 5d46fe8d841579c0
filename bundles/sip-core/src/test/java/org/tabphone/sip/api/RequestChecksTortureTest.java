package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.api.TortureCorpus.request;
import static org.tabphone.sip.api.TortureCorpus.response;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.uri.AbsoluteUri;
import org.tabphone.sip.api.uri.SipUri;

/**
 * RFC 4475 §3.2-3.4: valid but tricky messages parse, and {@link RequestChecks} gives the answer the
 * RFC expects wherever it is a generic UAS check.
 */
class RequestChecksTortureTest {
    private static final Set<String> OPTION_TAGS = Set.of("100rel", "replaces", "timer", "path", "outbound");
    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");
    private static final Set<String> TYPES = Set.of("application/sdp", "text/plain");

    private static Optional<Rejection> check(String file) throws SipParseException {
        return RequestChecks.check(request(file), OPTION_TAGS, SCHEMES, TYPES);
    }

    @Test
    void rfc4475_3_2_1_parsesBareMagicCookieBranchAsNotRfc3261() throws SipParseException {
        SipRequest m = request("badbranch.dat");
        assertEquals(Optional.of("z9hG4bK"), m.topVia().branch());
        assertFalse(m.topVia().isRfc3261Branch());
    }

    @Test
    void rfc4475_3_3_1_missingToFromCallIdIs400() throws SipParseException {
        SipRequest m = request("insuf.dat");
        assertNull(m.to());
        assertNull(m.from());
        assertNull(m.callId());
        Rejection r = check("insuf.dat").orElseThrow();
        assertEquals(400, r.code());
        assertEquals("Missing To, From, Call-ID headers", r.reason());
    }

    @Test
    void rfc4475_3_3_2_unknownRequestUriSchemeIs416() throws SipParseException {
        assertEquals("nobodyknowsthisscheme", request("unkscm.dat").requestUri().scheme());
        assertEquals(416, check("unkscm.dat").orElseThrow().code());
    }

    @Test
    void rfc4475_3_3_3_atypicalSchemeIs416WhenNotSupported() throws SipParseException {
        SipRequest m = request("novelsc.dat");
        assertEquals("soap.beep", m.requestUri().scheme());
        assertEquals("soap.beep://192.0.2.103:3002", m.requestUri().toString());
        assertEquals(416, check("novelsc.dat").orElseThrow().code());
    }

    @Test
    void rfc4475_3_3_4_nonSipUrisInHeadersParse() throws SipParseException {
        SipRequest m = request("unksm2.dat");
        assertEquals(AbsoluteUri.of("isbn:2983792873"), m.to().uri());
        assertEquals("http://www.example.com", m.from().uri().toString());
        assertEquals(Optional.of("3234233"), m.from().tag());
        assertEquals("name:John_Smith", m.contacts().get(0).uri().toString());
    }

    @Test
    void rfc4475_3_3_5_unsupportedRequireAndProxyRequireAre420ListingThem() throws SipParseException {
        Rejection r = check("bext01.dat").orElseThrow();
        assertEquals(420, r.code());
        assertEquals(List.of(new Header(HeaderName.UNSUPPORTED, "nothingSupportsThis, nothingSupportsThisEither, "
                + "noProxiesSupportThis, norDoAnyProxiesSupportThis")), r.headers());
        SipResponse answer = r.toResponse(request("bext01.dat"));
        assertEquals(420, answer.statusCode());
        assertEquals(4, answer.headers(HeaderName.UNSUPPORTED).size());
    }

    @Test
    void rfc4475_3_3_6_unknownContentTypeIs415WithAccept() throws SipParseException {
        Rejection r = check("invut.dat").orElseThrow();
        assertEquals(415, r.code());
        assertEquals(HeaderName.ACCEPT, r.headers().get(0).name());
        assertTrue(r.headers().get(0).value().contains("application/sdp"));
    }

    @Test
    void rfc4475_3_3_7_unknownAuthorizationSchemeParsesAndPassesChecks() throws SipParseException {
        assertEquals(Optional.of("NoOneKnowsThisScheme opaque-data=here"),
                request("regaut01.dat").header(HeaderName.AUTHORIZATION));
        assertEquals(Optional.empty(), check("regaut01.dat"));
    }

    @Test
    void rfc4475_3_3_8_repeatedSingleValueHeadersAre400() throws SipParseException {
        SipRequest m = request("multi01.dat");
        assertEquals(5, m.cseq().number()); // the first one is kept
        Rejection r = check("multi01.dat").orElseThrow();
        assertEquals(400, r.code());
        assertTrue(r.reason().startsWith("Multiple "), r.reason());
    }

    @Test
    void rfc4475_3_3_9_conflictingContentLengthsAre400() throws SipParseException {
        assertEquals(List.of("13", "5"), request("mcl01.dat").headers(HeaderName.CONTENT_LENGTH));
        Rejection r = check("mcl01.dat").orElseThrow();
        assertEquals(400, r.code());
        assertEquals("Conflicting Content-Length values", r.reason());
    }

    @Test
    void rfc4475_3_3_10_parsesResponseWithBroadcastVia() throws SipParseException {
        SipResponse m = response("bcast.dat");
        assertEquals(200, m.statusCode());
        assertEquals("255.255.255.255", m.vias().get(1).host());
    }

    @Test
    void rfc4475_3_3_11_maxForwardsZeroIsHandledByTheUas() throws SipParseException {
        assertEquals(0, request("zeromf.dat").maxForwards().getAsInt());
        assertEquals(Optional.empty(), check("zeromf.dat"));
    }

    @Test
    void rfc4475_3_3_12_paramAfterBareContactUriIsAHeaderParam() throws SipParseException {
        var contact = request("cparam01.dat").contacts().get(0);
        assertTrue(contact.params().isFlag("unknownparam"));
        assertTrue(((SipUri) contact.uri()).params().isEmpty());
        assertEquals(Optional.empty(), check("cparam01.dat"));
    }

    @Test
    void rfc4475_3_3_13_paramInsideAngleBracketsIsAUriParam() throws SipParseException {
        var contact = request("cparam02.dat").contacts().get(0);
        assertTrue(contact.params().isEmpty());
        assertTrue(((SipUri) contact.uri()).params().isFlag("unknownparam"));
        assertEquals("sip:+19725552222@gw1.example.net;unknownparam", contact.uri().toString());
    }

    @Test
    void rfc4475_3_3_14_keepsEscapedHeaderInContactUri() throws SipParseException {
        SipUri uri = (SipUri) request("regescrt.dat").contacts().get(0).uri();
        assertEquals(Optional.of("%3Csip:sip.example.com%3E"), uri.headers().get("Route"));
        assertEquals("sip:user@example.com?Route=%3Csip:sip.example.com%3E", uri.toString());
        assertEquals(Optional.empty(), check("regescrt.dat"));
    }

    @Test
    void rfc4475_3_3_15_inviteWhoseAcceptExcludesSdpIs406() throws SipParseException {
        assertEquals(406, check("sdp01.dat").orElseThrow().code());
    }

    @Test
    void rfc4475_3_4_1_acceptsRfc2543Invite() throws SipParseException {
        SipRequest m = request("inv2543.dat");
        assertTrue(m.maxForwards().isEmpty());
        assertTrue(m.topVia().branch().isEmpty());
        assertFalse(m.topVia().isRfc3261Branch());
        assertEquals(105, m.bodyLength()); // no Content-Length: the rest of the datagram
        assertEquals("sip:UserB@example.com;maddr=ss1.example.com", m.recordRoutes().get(0).uri().toString());
        assertEquals(Optional.empty(), check("inv2543.dat"));
    }
}
