package org.tabphone.sip.api.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code Authorization} or {@code Proxy-Authorization} value with the Digest scheme
 * (RFC 3261 §22.4, RFC 2617 §3.2.2). {@link #parse} returns empty for another scheme, so the
 * caller can challenge with one it supports (RFC 4475 §3.3.7).
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String qop, String nc, String cnonce, String opaque) {

    /** @throws IllegalArgumentException for a Digest value that is malformed or lacks a required parameter */
    public static Optional<DigestCredentials> parse(String headerValue) {
        String v = headerValue.trim();
        int sp = v.indexOf(' ');
        String scheme = sp < 0 ? v : v.substring(0, sp);
        if (!scheme.equalsIgnoreCase("Digest")) {
            return Optional.empty();
        }
        Map<String, String> p = DigestParams.parse(sp < 0 ? "" : v.substring(sp + 1));
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
            if (!p.containsKey(required)) {
                throw new IllegalArgumentException("Digest credentials without " + required);
            }
        }
        String qop = p.get("qop");
        if (qop != null && (p.get("nc") == null || p.get("cnonce") == null)) {
            throw new IllegalArgumentException("qop without nc and cnonce");
        }
        return Optional.of(new DigestCredentials(p.get("username"), p.get("realm"), p.get("nonce"), p.get("uri"),
            p.get("response").toLowerCase(Locale.ROOT), p.get("algorithm"), qop, p.get("nc"), p.get("cnonce"),
            p.get("opaque")));
    }

    /**
     * A client's answer to {@code challenge} (RFC 2617 §3.2.2, RFC 8760): the gateway registering
     * to a trunk or answering a provider's 407. With qop=auth it is the first use of a fresh cnonce.
     */
    public static DigestCredentials answer(DigestChallenge challenge, String username, String password, String method,
                                           String uri) {
        DigestAlgorithm alg = challenge.algorithm();
        String ha1 = alg.ha1(username, challenge.realm(), password);
        String qop = challenge.qopAuth() ? "auth" : null;
        String nc = qop == null ? null : "00000001";
        String cnonce = qop == null ? null : Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        String response = alg.response(ha1, challenge.nonce(), nc, cnonce, qop, method, uri);
        return new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, response, alg.token(), qop, nc,
            cnonce, challenge.opaque());
    }

    /** Checks {@link #response()} against a stored HA1, for a request of {@code method}. */
    public boolean matches(DigestAlgorithm alg, String ha1, String method) {
        String expected = alg.response(ha1, nonce, nc, cnonce, qop, method, uri);
        return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            response.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Writes the header value, e.g. for a client answering a trunk's 407. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Digest username=").append(DigestParams.quote(username))
            .append(", realm=").append(DigestParams.quote(realm))
            .append(", nonce=").append(DigestParams.quote(nonce))
            .append(", uri=").append(DigestParams.quote(uri))
            .append(", response=").append(DigestParams.quote(response));
        if (algorithm != null) {
            s.append(", algorithm=").append(algorithm);
        }
        if (qop != null) {
            s.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=").append(DigestParams.quote(cnonce));
        }
        if (opaque != null) {
            s.append(", opaque=").append(DigestParams.quote(opaque));
        }
        return s.toString();
    }
}
