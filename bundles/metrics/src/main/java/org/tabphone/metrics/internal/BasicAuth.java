package org.tabphone.metrics.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HTTP Basic authentication of scrapes (RFC 7617), as Prometheus' {@code basic_auth} sends it.
 * The configuration holds the password's SHA-256, never the password; the check compares digests
 * in constant time. {@link #NONE} lets every scrape in.
 */
record BasicAuth(String user, byte[] passwordSha256) {
    static final BasicAuth NONE = new BasicAuth("", new byte[0]);

    /** From the configuration: both empty is NONE; a user needs a 64-hex-digit SHA-256. */
    static BasicAuth of(String user, String sha256Hex) {
        String u = user == null ? "" : user.trim();
        String h = sha256Hex == null ? "" : sha256Hex.trim().toLowerCase(java.util.Locale.ROOT);
        if (u.isEmpty() && h.isEmpty()) {
            return NONE;
        }
        if (u.isEmpty() || u.contains(":") || !h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("auth.user needs auth.password.sha256 (64 hex digits:"
                + " printf '%s' secret | sha256sum), and a user name without ':'");
        }
        return new BasicAuth(u, HexFormat.of().parseHex(h));
    }

    boolean allows(String authorization) {
        if (this == NONE) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String plain;
        try {
            plain = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = plain.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(sha256(plain.substring(0, colon)), sha256(user));
        boolean passwordOk = MessageDigest.isEqual(sha256(plain.substring(colon + 1)), passwordSha256);
        return userOk & passwordOk; // both compared, whatever the first gave
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return this == NONE ? "no authentication" : "Basic user " + user; // never the digest
    }
}
