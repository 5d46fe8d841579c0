package org.tabphone.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tabphone.registrar.api.Binding;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.sip.api.auth.DigestChallenge;
import org.tabphone.sip.api.auth.DigestCredentials;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.transport.api.TransportKind;

/** RFC 3261 §10.3 and digest (RFC 2617, RFC 8760) through the handler, on a fake clock. */
class RegisterHandlerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RegistrarSettings settings = new RegistrarSettings(60, 3600, 3600, 10, 300, 5, 300,
        List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
    private final RegistrarComponent registrar = new RegistrarComponent(new TestTenants(5), settings, clock::get);
    private final TestFlow ws = new TestFlow(7, TransportKind.WS, "198.51.100.2", 40000);
    private final TestFlow udp = new TestFlow(8, TransportKind.UDP, "198.51.100.3", 5062);
    private int cseq = 1;

    @AfterEach
    void stop() {
        registrar.deactivate();
    }

    static SipRequest register(String user, String contact, String extra, int cseq, String callId) {
        String text = "REGISTER sip:demo.test SIP/2.0\r\n"
            + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK" + cseq + callId.hashCode() + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:" + user + "@demo.test>\r\n"
            + "From: <sip:" + user + "@demo.test>;tag=ft" + cseq + "\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "CSeq: " + cseq + " REGISTER\r\n"
            + (contact == null ? "" : "Contact: " + contact + "\r\n")
            + extra
            + "Content-Length: 0\r\n\r\n";
        try {
            return (SipRequest) SipMessages.parse(text.getBytes(StandardCharsets.UTF_8), 0, text.length());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SipResponse send(SipRequest r, TestFlow flow) {
        return registrar.handler().process(r, flow);
    }

    /** Answers the challenge in {@code challenge401} as a client with this password would. */
    static String authorization(SipResponse challenge401, DigestAlgorithm alg, String user, String password, String method) {
        DigestChallenge c = challenge401.headers(HeaderName.WWW_AUTHENTICATE).stream()
            .map(v -> DigestChallenge.parse(v).orElseThrow())
            .filter(ch -> ch.algorithm() == alg).findFirst().orElseThrow();
        String uri = "sip:demo.test";
        String ha1 = alg.ha1(user, c.realm(), password);
        String response = alg.response(ha1, c.nonce(), "00000001", "abc123", "auth", method, uri);
        return new DigestCredentials(user, c.realm(), c.nonce(), uri, response, alg.token(), "auth", "00000001",
            "abc123", null).toString();
    }

    private SipResponse registerWithAuth(String user, String password, DigestAlgorithm alg, String contact,
                                         String extra, TestFlow flow) {
        String callId = "reg-" + user + "@test";
        SipResponse challenge = send(register(user, contact, extra, cseq++, callId), flow);
        assertEquals(401, challenge.statusCode());
        String auth = "Authorization: " + authorization(challenge, alg, user, password, "REGISTER") + "\r\n";
        return send(register(user, contact, extra + auth, cseq++, callId), flow);
    }

    @Test
    void rfc8760_2_4_challengeOffersTheConfiguredAlgorithmsInOrderWithQopAuth() {
        SipResponse r = send(register("1001", "<sip:x@a.invalid;transport=ws>", "", 1, "c1"), ws);
        assertEquals(401, r.statusCode());
        List<String> challenges = r.headers(HeaderName.WWW_AUTHENTICATE);
        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).contains("algorithm=SHA-256"), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=MD5"), challenges.get(1));
        assertTrue(challenges.get(0).contains("realm=\"demo.test\"") && challenges.get(0).contains("qop=\"auth\""));
        assertTrue(r.to().tag().isPresent(), "a 401 carries a To tag");
    }

    @Test
    void rfc3261_10_3_md5RegistrationBindsTheContactToItsFlow() {
        SipResponse ok = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5,
            "<sip:abc@df7jal23ls0d.invalid;transport=ws>;expires=600", "", ws);
        assertEquals(200, ok.statusCode());
        assertEquals(1, ok.contacts().size());
        assertEquals("600", ok.contacts().get(0).params().get("expires").orElseThrow());
        List<Binding> b = registrar.lookup("demo", "1001");
        assertEquals(1, b.size());
        assertEquals(ws.id(), b.get(0).flow());
        assertTrue(b.get(0).reachableOnlyByFlow(), ".invalid contact over WS");
    }

    @Test
    void rfc8760_sha256CredentialsWork() {
        SipResponse ok = registerWithAuth("1002", "pw1002", DigestAlgorithm.SHA_256, "<sip:1002@198.51.100.3:5062>", "", udp);
        assertEquals(200, ok.statusCode());
        assertFalse(registrar.lookup("demo", "1002").get(0).reachableOnlyByFlow());
    }

    @Test
    void wrongPasswordIsChallengedAgainThenTheSourceIsRefused() {
        for (int i = 1; i < 5; i++) {
            assertEquals(401, registerWithAuth("1001", "wrong", DigestAlgorithm.MD5, "<sip:a@b.invalid>", "", ws)
                .statusCode(), "attempt " + i);
        }
        assertEquals(403, registerWithAuth("1001", "wrong", DigestAlgorithm.MD5, "<sip:a@b.invalid>", "", ws)
            .statusCode(), "5th failure");
        SipResponse banned = send(register("1001", "<sip:a@b.invalid>", "", cseq++, "c9"), ws);
        assertEquals(403, banned.statusCode(), "the source stays refused, even before a challenge");
        assertEquals(401, send(register("1001", "<sip:a@b.invalid>", "", cseq++, "c9"), udp).statusCode(),
            "another source is unaffected");
        clock.addAndGet(301_000);
        assertEquals(401, send(register("1001", "<sip:a@b.invalid>", "", cseq++, "c9"), ws).statusCode(),
            "the ban lapses");
    }

    @Test
    void rfc2617_3_2_1_anExpiredNonceWithTheRightPasswordGetsStaleTrue() {
        SipResponse challenge = send(register("1001", "<sip:a@b.invalid>", "", 1, "c2"), ws);
        clock.addAndGet(301_000);
        String auth = "Authorization: " + authorization(challenge, DigestAlgorithm.MD5, "1001", "pw1001", "REGISTER") + "\r\n";
        SipResponse again = send(register("1001", "<sip:a@b.invalid>", auth, 2, "c2"), ws);
        assertEquals(401, again.statusCode());
        assertTrue(again.headers(HeaderName.WWW_AUTHENTICATE).get(0).contains("stale=true"));
    }

    @Test
    void rfc3261_10_3_step4_aUserMayOnlyRegisterItsOwnAddress() {
        String callId = "c3";
        SipResponse challenge = send(register("1002", "<sip:a@b.invalid>", "", 1, callId), ws);
        String auth = "Authorization: " + authorization(challenge, DigestAlgorithm.MD5, "1001", "pw1001", "REGISTER") + "\r\n";
        assertEquals(403, send(register("1002", "<sip:a@b.invalid>", auth, 2, callId), ws).statusCode());
    }

    @Test
    void rfc3261_10_3_step7_expiryBounds() {
        SipResponse brief = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>;expires=30", "", ws);
        assertEquals(423, brief.statusCode());
        assertEquals("60", brief.header(HeaderName.MIN_EXPIRES).orElseThrow());
        SipResponse capped = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>",
            "Expires: 999999\r\n", ws);
        assertEquals("3600", capped.contacts().get(0).params().get("expires").orElseThrow());
    }

    @Test
    void rfc3261_10_3_expiresZeroAndWildcardRemoveBindings() {
        registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>", "", ws);
        registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:c@d.invalid>", "", ws);
        assertEquals(2, registrar.lookup("demo", "1001").size());
        SipResponse one = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>;expires=0", "", ws);
        assertEquals(200, one.statusCode());
        assertEquals(1, registrar.lookup("demo", "1001").size());
        SipResponse bad = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "*", "", ws);
        assertEquals(400, bad.statusCode(), "* needs Expires: 0");
        SipResponse all = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "*", "Expires: 0\r\n", ws);
        assertEquals(200, all.statusCode());
        assertTrue(registrar.lookup("demo", "1001").isEmpty());
    }

    @Test
    void bindingsLapseWithTime() {
        registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>;expires=60", "", ws);
        clock.addAndGet(61_000);
        assertTrue(registrar.lookup("demo", "1001").isEmpty());
    }

    @Test
    void rfc7118_5_aClosedWebSocketTakesItsBindingsAlong() {
        registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>", "", ws);
        registerWithAuth("1002", "pw1002", DigestAlgorithm.MD5, "<sip:1002@198.51.100.3:5062>", "", udp);
        registrar.onFlowClosed(ws);
        assertTrue(registrar.lookup("demo", "1001").isEmpty());
        assertEquals(1, registrar.lookup("demo", "1002").size());
        registrar.onFlowClosed(udp);
        assertEquals(1, registrar.lookup("demo", "1002").size(), "UDP bindings don't depend on a connection");
    }

    @Test
    void rfc5626_6_instanceAndRegIdKeyTheBindingAndGetRequireOutbound() {
        String instance = "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"";
        SipResponse first = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5,
            "<sip:a@one.invalid;transport=ws>;+sip.instance=" + instance + ";reg-id=1", "Supported: outbound, path\r\n", ws);
        assertEquals(200, first.statusCode());
        assertEquals("outbound", first.header(HeaderName.REQUIRE).orElseThrow());
        TestFlow reconnected = new TestFlow(9, TransportKind.WS, "198.51.100.2", 40001);
        registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5,
            "<sip:b@two.invalid;transport=ws>;+sip.instance=" + instance + ";reg-id=1", "", reconnected);
        List<Binding> b = registrar.lookup("demo", "1001");
        assertEquals(1, b.size(), "same instance and reg-id: the binding moved to the new flow");
        assertEquals(reconnected.id(), b.get(0).flow());
    }

    @Test
    void rfc3261_10_3_step7_anOutOfOrderCseqChangesNothing() {
        registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>", "", ws);
        cseq = 1;
        SipResponse old = registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:a@b.invalid>;expires=0", "", ws);
        assertEquals(400, old.statusCode());
        assertEquals(1, registrar.lookup("demo", "1001").size());
    }

    @Test
    void unknownDomainGets404AndNonSipToGets400() {
        String text = "REGISTER sip:other.test SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nMax-Forwards: 70\r\n"
            + "To: <sip:1001@other.test>\r\nFrom: <sip:1001@other.test>;tag=1\r\nCall-ID: u1\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: <sip:a@b>\r\nContent-Length: 0\r\n\r\n";
        SipResponse r = send(parse(text), udp);
        assertEquals(404, r.statusCode());
        String tel = text.replace("sip:other.test", "sip:demo.test").replace("To: <sip:1001@other.test>", "To: <tel:+15551234>");
        assertEquals(400, send(parse(tel), udp).statusCode());
    }

    @Test
    void theTenantRegistrationLimitHolds() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:c" + i + "@b.invalid>", "", ws)
                .statusCode());
        }
        SipResponse over = registerWithAuth("1002", "pw1002", DigestAlgorithm.MD5, "<sip:x@b.invalid>", "", ws);
        assertEquals(403, over.statusCode());
        assertEquals(200, registerWithAuth("1001", "pw1001", DigestAlgorithm.MD5, "<sip:c0@b.invalid>", "", ws)
            .statusCode(), "a refresh is not a new registration");
    }

    private static SipRequest parse(String text) {
        try {
            return (SipRequest) SipMessages.parse(text.getBytes(StandardCharsets.UTF_8), 0, text.length());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
