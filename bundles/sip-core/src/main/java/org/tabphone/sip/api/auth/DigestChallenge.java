package org.tabphone.sip.api.auth;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} / {@code Proxy-Authenticate} Digest challenge (RFC 3261 §22.4,
 * RFC 2617 §3.2.1, RFC 8760 §2.3: one challenge per algorithm, SHA-256 first).
 */
public record DigestChallenge(String realm, String nonce, DigestAlgorithm algorithm, boolean qopAuth, boolean stale,
                              String opaque) {

    public static Optional<DigestChallenge> parse(String headerValue) {
        String v = headerValue.trim();
        int sp = v.indexOf(' ');
        if (sp < 0 || !v.substring(0, sp).equalsIgnoreCase("Digest")) {
            return Optional.empty();
        }
        Map<String, String> p = DigestParams.parse(v.substring(sp + 1));
        if (p.get("realm") == null || p.get("nonce") == null) {
            throw new IllegalArgumentException("Digest challenge without realm or nonce");
        }
        Optional<DigestAlgorithm> alg = DigestAlgorithm.fromToken(p.get("algorithm"));
        if (alg.isEmpty()) {
            return Optional.empty(); // an algorithm we don't support: look for another challenge
        }
        String qop = p.get("qop");
        boolean auth = qop != null && java.util.Arrays.stream(qop.split(",")).anyMatch(q -> q.trim().equalsIgnoreCase("auth"));
        return Optional.of(new DigestChallenge(p.get("realm"), p.get("nonce"), alg.get(), auth,
            "true".equalsIgnoreCase(p.get("stale")), p.get("opaque")));
    }

    /** The first challenge among a response's header values that we can answer (RFC 8760 §2.4: in the server's order). */
    public static Optional<DigestChallenge> firstSupported(java.util.List<String> headerValues) {
        for (String v : headerValues) {
            try {
                Optional<DigestChallenge> c = parse(v);
                if (c.isPresent()) {
                    return c;
                }
            } catch (IllegalArgumentException e) {
                // a malformed challenge: try the next one
            }
        }
        return Optional.empty();
    }

    /** The header value. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Digest realm=").append(DigestParams.quote(realm))
            .append(", nonce=").append(DigestParams.quote(nonce))
            .append(", algorithm=").append(algorithm.token());
        if (qopAuth) {
            s.append(", qop=\"auth\"");
        }
        if (opaque != null) {
            s.append(", opaque=").append(DigestParams.quote(opaque));
        }
        if (stale) {
            s.append(", stale=true");
        }
        return s.toString();
    }
}
