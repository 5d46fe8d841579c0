package org.tabphone.tenant.api;

import java.util.Optional;

import org.tabphone.sip.api.auth.DigestAlgorithm;

/**
 * A user of a tenant and the digest secrets it is checked against. Only HA1 values are held,
 * never a clear password: HA1 = H(username ":" realm ":" password) with H = MD5 or SHA-256
 * (RFC 2617 §3.2.2.2, RFC 8760 §2).
 *
 * @param username    the user part of its address of record, e.g. {@code 1001}
 * @param displayName shown to callers and used to find colleagues by name ("transfer to Alice")
 * @param ha1Md5      lower-case hex, or null when the user has no MD5 credential
 * @param ha1Sha256   lower-case hex, or null when the user has no SHA-256 credential
 */
public record SipUser(String username, String displayName, String ha1Md5, String ha1Sha256) {

    public Optional<String> ha1(DigestAlgorithm algorithm) {
        return Optional.ofNullable(algorithm == DigestAlgorithm.MD5 ? ha1Md5 : ha1Sha256);
    }

    @Override
    public String toString() {
        return "SipUser[" + username + ", " + displayName + "]"; // never print secrets
    }
}
