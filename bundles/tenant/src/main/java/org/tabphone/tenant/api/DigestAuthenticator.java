package org.tabphone.tenant.api;

import java.util.List;
import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.sip.api.auth.DigestChallenge;
import org.tabphone.sip.api.auth.DigestCredentials;
import org.tabphone.sip.api.header.HeaderName;

/**
 * Digest authentication of a request against a tenant's users (RFC 3261 §22.4, RFC 2617,
 * RFC 8760): finds the credentials for the tenant's realm, checks the nonce and the response
 * with the stored HA1. Challenges list the configured algorithms in order (RFC 8760 §2.4), with qop=auth.
 */
public final class DigestAuthenticator {
    /** What a request's credentials amount to. */
    public sealed interface Outcome {
        /** Valid credentials of this user. */
        record Authenticated(SipUser user) implements Outcome {
        }

        /** No usable credentials (none, other scheme or realm, unknown nonce): challenge. */
        record Challenge(boolean stale) implements Outcome {
        }

        /** Credentials that don't match: a wrong password (or unknown user). Challenge again, count it. */
        record WrongCredentials(String username) implements Outcome {
        }

        /** Credentials that can't be read: 400. */
        record Malformed(String reason) implements Outcome {
        }
    }

    private final DigestNonces nonces;

    public DigestAuthenticator(DigestNonces nonces) {
        this.nonces = nonces;
    }

    /**
     * Checks the credentials in {@code header} ({@code Authorization} for a registrar's 401,
     * {@code Proxy-Authorization} for a 407, RFC 3261 §22.3).
     */
    public Outcome check(SipRequest request, HeaderName header, Tenant tenant, long nowMillis, long nonceLifetimeMillis) {
        for (String value : request.headers(header)) {
            Optional<DigestCredentials> parsed;
            try {
                parsed = DigestCredentials.parse(value);
            } catch (IllegalArgumentException e) {
                return new Outcome.Malformed("Bad " + header + " header: " + e.getMessage());
            }
            if (parsed.isEmpty() || !parsed.get().realm().equals(tenant.realm())) {
                continue; // another scheme (RFC 4475 §3.3.7) or another realm's credentials
            }
            return verify(parsed.get(), request, tenant, nowMillis, nonceLifetimeMillis);
        }
        return new Outcome.Challenge(false);
    }

    private Outcome verify(DigestCredentials c, SipRequest request, Tenant tenant, long now, long lifetime) {
        Optional<DigestAlgorithm> alg = DigestAlgorithm.fromToken(c.algorithm());
        if (alg.isEmpty()) {
            return new Outcome.Challenge(false);
        }
        DigestNonces.Verdict nonce = nonces.check(c.nonce(), tenant.realm(), now, lifetime);
        if (nonce == DigestNonces.Verdict.INVALID) {
            return new Outcome.Challenge(false);
        }
        Optional<SipUser> user = tenant.user(c.username());
        Optional<String> ha1 = user.flatMap(u -> u.ha1(alg.get()));
        if (ha1.isEmpty()) {
            return user.isEmpty() ? new Outcome.WrongCredentials(c.username()) : new Outcome.Challenge(false);
        }
        if (!c.matches(alg.get(), ha1.get(), request.method().name())) {
            return new Outcome.WrongCredentials(c.username());
        }
        // right password with an expired nonce: ask again without bothering the user (RFC 2617 §3.2.1)
        return nonce == DigestNonces.Verdict.STALE ? new Outcome.Challenge(true) : new Outcome.Authenticated(user.get());
    }

    /** The WWW-/Proxy-Authenticate values, one per algorithm in the order given (RFC 8760 §2.4). */
    public List<String> challenges(Tenant tenant, boolean stale, long nowMillis, List<DigestAlgorithm> algorithms) {
        String nonce = nonces.create(tenant.realm(), nowMillis);
        return algorithms.stream()
            .map(a -> new DigestChallenge(tenant.realm(), nonce, a, true, stale, null).toString())
            .toList();
    }
}
