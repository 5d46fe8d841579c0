package org.tabphone.media.internal.dtls;

import java.io.IOException;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Checks the peer's end-entity certificate against the {@code a=fingerprint} values from its SDP
 * (RFC 5763 5, RFC 8122 5: a match of any one fingerprint is enough). The certificate is
 * self-signed, so no chain or name validation happens; possession of the key is proven by the
 * handshake signature that Bouncy Castle verifies.
 */
final class PeerCertificateVerifier {

    private final List<DtlsFingerprint> expected;
    private volatile DtlsFingerprint matched;
    private volatile String failure;

    PeerCertificateVerifier(List<DtlsFingerprint> expected) {
        this.expected = List.copyOf(expected);
    }

    void verify(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw fail(AlertDescription.handshake_failure, "peer sent no certificate (RFC 5763 requires one)");
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        for (DtlsFingerprint fp : expected) {
            if (fp.matches(der)) {
                matched = fp;
                return;
            }
        }
        String actual = expected.isEmpty() ? DtlsFingerprint.of("sha-256", der).toSdpValue()
            : DtlsFingerprint.of(expected.get(0).hashFunction(), der).toSdpValue();
        throw fail(AlertDescription.bad_certificate,
            "remote certificate fingerprint mismatch: SDP a=fingerprint " + expected + ", certificate has " + actual);
    }

    /** The SDP fingerprint that matched, or null before verification. */
    DtlsFingerprint matched() {
        return matched;
    }

    /** Why verification failed, or null. */
    String failure() {
        return failure;
    }

    private TlsFatalAlert fail(short alert, String reason) {
        failure = reason;
        return new TlsFatalAlert(alert, reason);
    }
}
