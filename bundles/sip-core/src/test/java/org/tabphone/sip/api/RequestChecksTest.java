package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tabphone.sip.SipText.request;
import static org.tabphone.sip.SipText.withHeader;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.SipText;

class RequestChecksTest {
    private static final Set<String> TAGS = Set.of("replaces", "100rel");
    private static final Set<String> SCHEMES = Set.of("sip", "sips");
    private static final Set<String> TYPES = Set.of("application/sdp");

    private static Optional<Rejection> check(String message) throws SipParseException {
        return RequestChecks.check(request(message), TAGS, SCHEMES, TYPES);
    }

    @Test
    void acceptsAWellFormedInvite() throws SipParseException {
        assertEquals(Optional.empty(), check(SipText.INVITE));
        assertEquals(Optional.empty(), check(SipText.INVITE.replace("Max-Forwards: 70", "Require: 100REL")));
        assertEquals(Optional.empty(), check(SipText.INVITE.replace("Max-Forwards: 70", "Accept: application/*")));
        assertEquals(Optional.empty(), check(withHeader(SipText.INVITE, "Content-Type",
                "Content-Type: Application/SDP; charset=utf-8")));
    }

    @Test
    void rfc3261_8_2_mandatoryHeadersAndSingleValues() throws SipParseException {
        assertEquals("Missing Via header", check(withHeader(SipText.INVITE, "Via", null)).orElseThrow().reason());
        assertEquals("Missing CSeq header", check(withHeader(SipText.OPTIONS, "CSeq", null)).orElseThrow().reason());
        assertEquals("Multiple Max-Forwards headers",
                check(SipText.OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: 70\r\nMax-Forwards: 69"))
                        .orElseThrow().reason());
        assertEquals(Optional.empty(), check(withHeader(SipText.OPTIONS, "Max-Forwards", null)));
    }

    @Test
    void rfc3261_8_2_3_bodyWithoutContentTypeIs400() throws SipParseException {
        Rejection r = check(withHeader(SipText.INVITE, "Content-Type", null)).orElseThrow();
        assertEquals(400, r.code());
        assertEquals("Body without Content-Type", r.reason());
    }

    @Test
    void rfc3261_8_2_2_3_ackAndCancelSkipExtensionAndContentChecks() throws SipParseException {
        String ack = SipText.INVITE.replace("INVITE sip", "ACK sip").replace("314159 INVITE", "314159 ACK")
                .replace("Content-Type: application/sdp", "Content-Type: text/weird")
                .replace("Max-Forwards: 70", "Require: unknown");
        assertEquals(Optional.empty(), check(ack));
        assertEquals(416, RequestChecks.check(request(ack.replace("ACK sip:bob@biloxi.example.com", "ACK tel:+1")), TAGS, SCHEMES, TYPES)
                .orElseThrow().code());
    }

    @Test
    void rfc3261_20_1_emptyAcceptMeansNoBodyIsAcceptable() throws SipParseException {
        assertEquals(406, check(SipText.INVITE.replace("Max-Forwards: 70", "Accept:")).orElseThrow().code());
        assertEquals(Optional.empty(), check(SipText.OPTIONS.replace("Max-Forwards: 70", "Accept:")));
    }

    @Test
    void rejectionBecomesAResponse() throws SipParseException {
        SipRequest req = request(SipText.INVITE.replace("Max-Forwards: 70", "Proxy-Require: foo"));
        SipResponse resp = RequestChecks.check(req, TAGS, SCHEMES, TYPES).orElseThrow().toResponse(req);
        assertEquals(420, resp.statusCode());
        assertEquals(Optional.of("foo"), resp.header(org.tabphone.sip.api.header.HeaderName.UNSUPPORTED));
        assertEquals(req.callId(), resp.callId());
    }
}
