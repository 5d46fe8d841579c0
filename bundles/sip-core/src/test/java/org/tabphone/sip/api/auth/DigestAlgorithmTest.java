package org.tabphone.sip.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

    @Test
    void rfc2617_3_5_theRfcExampleResponse() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        String response = DigestAlgorithm.MD5.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b",
            "auth", "GET", "/dir/index.html");
        assertEquals("6629fae49393a05397450978507c4ef1", response);
    }

    @Test
    void rfc2617_3_2_2_credentialsParseAndMatchTheStoredHa1() {
        DigestCredentials c = DigestCredentials.parse("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001, "
            + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
            .orElseThrow();
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertTrue(c.matches(DigestAlgorithm.MD5, ha1, "GET"));
        assertFalse(c.matches(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "wrong"), "GET"));
        assertTrue(DigestCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").isEmpty(), "another scheme");
        assertThrows(IllegalArgumentException.class, () -> DigestCredentials.parse("Digest username=\"a\", realm=\"b\""));
    }

    @Test
    void rfc8760_configuredListsKeepTheirOrder() {
        assertEquals(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), DigestAlgorithm.parseList(" SHA-256 , md5,MD5"));
        assertEquals(List.of(), DigestAlgorithm.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> DigestAlgorithm.parseList("MD5, SHA-512-256"));
    }
}
