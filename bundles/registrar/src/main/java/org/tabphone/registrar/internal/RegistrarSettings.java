package org.tabphone.registrar.internal;

import java.util.List;

import org.tabphone.sip.api.auth.DigestAlgorithm;

/** A validated {@link RegistrarConfig}. */
record RegistrarSettings(int minExpires, int maxExpires, int defaultExpires, int maxContactsPerAor,
                         int nonceLifetimeSeconds, int maxAuthFailures, int authBanSeconds,
                         List<DigestAlgorithm> digestAlgorithms) {

    static RegistrarSettings from(RegistrarConfig c) {
        if (c.min_expires() < 1 || c.max_expires() < c.min_expires()) {
            throw new IllegalArgumentException("need 1 <= min.expires <= max.expires: " + c.min_expires() + "/" + c.max_expires());
        }
        if (c.default_expires() < c.min_expires() || c.default_expires() > c.max_expires()) {
            throw new IllegalArgumentException("default.expires must lie in [min.expires, max.expires]: " + c.default_expires());
        }
        if (c.max_contacts_per_aor() < 1 || c.nonce_lifetime_seconds() < 10 || c.max_auth_failures() < 1
                || c.auth_ban_seconds() < 0) {
            throw new IllegalArgumentException("max.contacts.per.aor >= 1, nonce.lifetime.seconds >= 10,"
                + " max.auth.failures >= 1, auth.ban.seconds >= 0");
        }
        List<DigestAlgorithm> algorithms;
        try {
            algorithms = DigestAlgorithm.parseList(c.digest_algorithms());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digest.algorithms: " + e.getMessage());
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("digest.algorithms must name MD5 and/or SHA-256");
        }
        return new RegistrarSettings(c.min_expires(), c.max_expires(), c.default_expires(), c.max_contacts_per_aor(),
            c.nonce_lifetime_seconds(), c.max_auth_failures(), c.auth_ban_seconds(), algorithms);
    }
}
