package org.tabphone.tenant.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN and TURN servers a tenant's browsers use. TURN credentials are ephemeral (the TURN
 * REST API convention coturn implements with {@code use-auth-secret}): user name
 * {@code <expiry unix time>:<user>}, password Base64(HMAC-SHA1(secret, user name)), so the
 * gateway and the TURN server share only the secret.
 *
 * @param stunUrls       {@code stun:} / {@code stuns:} URLs
 * @param turnUrls       {@code turn:} / {@code turns:} URLs; empty: no TURN
 * @param turnSecret     the shared secret (coturn's {@code static-auth-secret})
 * @param turnTtlSeconds how long a handed-out credential is valid
 */
public record IceServers(List<String> stunUrls, List<String> turnUrls, String turnSecret, int turnTtlSeconds) {
    public static final IceServers NONE = new IceServers(List.of(), List.of(), "", 3600);

    public IceServers {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
        for (String u : stunUrls) {
            if (!u.startsWith("stun:") && !u.startsWith("stuns:")) {
                throw new IllegalArgumentException("not a stun: or stuns: URL: '" + u + "'");
            }
        }
        for (String u : turnUrls) {
            if (!u.startsWith("turn:") && !u.startsWith("turns:")) {
                throw new IllegalArgumentException("not a turn: or turns: URL: '" + u + "'");
            }
        }
        if (!turnUrls.isEmpty() && turnSecret.isEmpty()) {
            throw new IllegalArgumentException("TURN URLs need a shared secret");
        }
        if (turnTtlSeconds < 60) {
            throw new IllegalArgumentException("TURN credential lifetime below 60 s: " + turnTtlSeconds);
        }
    }

    /** A TURN user name and password. */
    public record TurnCredential(String username, String password, Instant expires) {
    }

    /** The credential for {@code user} from {@code now}, or empty when the tenant has no TURN server. */
    public Optional<TurnCredential> turnCredential(String user, Instant now) {
        if (turnUrls.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = now.plusSeconds(turnTtlSeconds);
        String username = expires.getEpochSecond() + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(turnSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return Optional.of(new TurnCredential(username, password, expires));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "IceServers[stun=" + stunUrls + ", turn=" + turnUrls + ", ttl=" + turnTtlSeconds + " s]"; // never the secret
    }
}
