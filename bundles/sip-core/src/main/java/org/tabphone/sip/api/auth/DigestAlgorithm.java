package org.tabphone.sip.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The digest hash functions SIP allows (RFC 8760 §2: MD5, SHA-256; SHA-512-256 is not offered). */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm} parameter value, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** Case-insensitive; an absent algorithm parameter means MD5 (RFC 2617 §3.2.1). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * A configured list such as {@code "SHA-256, MD5"}: tokens in order, duplicates dropped, blank
     * items skipped. An empty list when the text is blank.
     *
     * @throws IllegalArgumentException naming the first unknown algorithm
     */
    public static java.util.List<DigestAlgorithm> parseList(String csv) {
        java.util.List<DigestAlgorithm> out = new java.util.ArrayList<>();
        for (String token : (csv == null ? "" : csv).split(",")) {
            if (token.isBlank()) {
                continue;
            }
            DigestAlgorithm a = fromToken(token.trim())
                .orElseThrow(() -> new IllegalArgumentException("unknown digest algorithm '" + token.trim() + "'"));
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return java.util.List.copyOf(out);
    }

    /** Lower-case hex of H(text), text in UTF-8. */
    public String hashHex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    /** HA1 = H(username:realm:password) (RFC 2617 §3.2.2.2). */
    public String ha1(String username, String realm, String password) {
        return hashHex(username + ":" + realm + ":" + password);
    }

    /**
     * The request-digest for a stored HA1 (RFC 2617 §3.2.2.1, RFC 7616 §3.4.1): with
     * {@code qop=auth}, H(HA1:nonce:nc:cnonce:qop:HA2), else H(HA1:nonce:HA2), where
     * HA2 = H(method:digest-uri).
     */
    public String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        String ha2 = hashHex(method + ":" + uri);
        return qop == null
            ? hashHex(ha1 + ":" + nonce + ":" + ha2)
            : hashHex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
