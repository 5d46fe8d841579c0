package org.tabphone.tenant.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless digest nonces (RFC 2617 §3.2.1 suggests time-stamp ":" H(time-stamp ":" private-key)):
 * {@code <hex millis>.<HMAC-SHA256(secret, millis ":" realm)>}. Nothing is stored per challenge;
 * a nonce past its lifetime is {@link Verdict#STALE} (challenge again with {@code stale=true},
 * RFC 2617 §3.2.1), a forged or foreign-realm one is {@link Verdict#INVALID}. The secret lives
 * in memory: a restart makes old nonces stale, which clients handle without asking the user.
 * Each user of it (registrar, calls) keeps its own.
 */
public final class DigestNonces {
    public enum Verdict { VALID, STALE, INVALID }

    private final SecretKeySpec key;
    /** Mac.getInstance is costly (a provider lookup): one initialised Mac per I/O thread. */
    private final ThreadLocal<Mac> macs;

    public DigestNonces() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
            }
        });
    }

    public String create(String realm, long nowMillis) {
        String stamp = Long.toHexString(nowMillis);
        return stamp + "." + mac(stamp, realm);
    }

    public Verdict check(String nonce, String realm, long nowMillis, long lifetimeMillis) {
        int dot = nonce.indexOf('.');
        if (dot <= 0 || dot > 16) {
            return Verdict.INVALID;
        }
        String stamp = nonce.substring(0, dot);
        long issued;
        try {
            issued = Long.parseUnsignedLong(stamp, 16);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        byte[] expected = mac(stamp, realm).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        long age = nowMillis - issued;
        return age < 0 || age > lifetimeMillis ? Verdict.STALE : Verdict.VALID;
    }

    private String mac(String stamp, String realm) {
        byte[] out = macs.get().doFinal((stamp + ":" + realm).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
