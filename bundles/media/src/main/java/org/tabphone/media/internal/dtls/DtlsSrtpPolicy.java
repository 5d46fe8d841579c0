package org.tabphone.media.internal.dtls;

import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.tabphone.media.internal.srtp.SrtpProfile;

/** Cipher suites, signature and profile choices shared by {@link DtlsSrtpServer} and {@link DtlsSrtpClient}. */
final class DtlsSrtpPolicy {

    /** Our certificate is ECDSA: as server we offer only ECDHE_ECDSA suites (STACK.md). */
    static final int[] ECDSA_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    };

    /** As client the suite follows the server's certificate, so RSA servers are accepted too. */
    static final int[] CLIENT_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    };

    private DtlsSrtpPolicy() {
    }

    /** Our first profile the peer offered, or null (RFC 5764 4.1.1: the server chooses). */
    static SrtpProfile chooseProfile(List<SrtpProfile> ours, int[] offered) {
        for (SrtpProfile p : ours) {
            for (int id : offered) {
                if (id == p.id()) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * The use_srtp protection profile numbers to put on the wire. {@link SrtpProfile#id()} is the
     * RFC 5764 4.1.2 / RFC 7714 14.2 number, equal to Bouncy Castle's {@code SRTPProtectionProfile}
     * constants (SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001, SRTP_AEAD_AES_128_GCM = 0x0007).
     */
    static int[] ids(List<SrtpProfile> profiles) {
        return profiles.stream().mapToInt(SrtpProfile::id).toArray();
    }

    static String describeIds(int[] ids) {
        List<String> s = new ArrayList<>();
        for (int id : ids) {
            SrtpProfile p = SrtpProfile.fromId(id);
            s.add(p != null ? p.name() : String.format("0x%04X", id));
        }
        return s.toString();
    }

    /**
     * The ECDSA signature/hash to sign with, from the peer's signature_algorithms: SHA-256 if
     * offered, else the first ECDSA entry; SHA-1 if the peer sent none (RFC 5246 7.4.1.4.1).
     */
    @SuppressWarnings("rawtypes")
    static SignatureAndHashAlgorithm ecdsaSignatureAlgorithm(Vector peerSigAlgs) {
        if (peerSigAlgs == null) {
            return SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, SignatureAlgorithm.ecdsa);
        }
        SignatureAndHashAlgorithm first = null;
        for (Object o : peerSigAlgs) {
            SignatureAndHashAlgorithm a = (SignatureAndHashAlgorithm) o;
            if (a.getSignature() == SignatureAlgorithm.ecdsa) {
                if (a.getHash() == HashAlgorithm.sha256) {
                    return a;
                }
                if (first == null) {
                    first = a;
                }
            }
        }
        return first != null ? first : SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    }

    /** A readable name for the suites we use, else hex. */
    static String cipherSuiteName(int suite) {
        switch (suite) {
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
                return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: return "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: return "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
            case CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
                return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: return "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: return "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";
            default: return String.format("0x%04X", suite);
        }
    }
}
