package org.tabphone.sip.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The client side of digest: what the gateway sends a trunk provider that challenged it. */
class DigestAnswerTest {

    @Test
    void rfc2617_answerVerifiesAgainstTheServersHa1() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"sip.example\", nonce=\"n1\", qop=\"auth\", "
            + "algorithm=SHA-256, opaque=\"o\"").orElseThrow();
        DigestCredentials a = DigestCredentials.answer(c, "trunk1", "s3cret", "INVITE", "sip:+441@sip.example");
        DigestCredentials back = DigestCredentials.parse(a.toString()).orElseThrow(); // what the provider reads
        String ha1 = DigestAlgorithm.SHA_256.ha1("trunk1", "sip.example", "s3cret");
        assertTrue(back.matches(DigestAlgorithm.SHA_256, ha1, "INVITE"));
        assertFalse(back.matches(DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256.ha1("trunk1", "sip.example", "x"), "INVITE"));
        assertEquals("o", back.opaque());
        assertEquals("auth", back.qop());
    }

    @Test
    void rfc2069_answerWithoutQop() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"").orElseThrow();
        DigestCredentials a = DigestCredentials.answer(c, "u", "p", "REGISTER", "sip:r");
        assertEquals(null, a.qop());
        assertTrue(a.matches(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("u", "r", "p"), "REGISTER"));
    }

    @Test
    void rfc8760_firstSupportedSkipsUnknownAndMalformedChallenges() {
        DigestChallenge c = DigestChallenge.firstSupported(List.of("Basic realm=\"x\"", "Digest nonce=\"no realm\"",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", "Digest realm=\"r\", nonce=\"n\", algorithm=MD5"))
            .orElseThrow();
        assertEquals(DigestAlgorithm.MD5, c.algorithm());
    }
}
