package org.tabphone.transport.internal.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * Says in operator words why an outbound TLS handshake failed — what to fix, rather than the
 * JDK's "PKIX path building failed: …" — for the log and a trunk's status detail.
 */
public final class HandshakeFailures {

    private HandshakeFailures() {
    }

    public static String describe(Throwable failure, String serverName) {
        for (Throwable c = failure; c != null; c = c.getCause()) { // the most precise reason is the innermost
            if (c instanceof CertificateExpiredException) {
                return "certificate expired (" + c.getMessage() + ")";
            }
            if (c instanceof CertificateNotYetValidException) {
                return "certificate not yet valid (" + c.getMessage() + ")";
            }
        }
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof CertPathValidatorException v
                && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "certificate expired (" + v.getMessage() + ")";
            }
            if (c instanceof CertPathBuilderException) {
                return "certificate not trusted: its chain leads to no trusted CA (add the CA to tls.trust.file or"
                    + " tls.trust.dir, or set tls.verify = false on the trunk for a lab peer)";
            }
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("matching")
                && (m.startsWith("No subject alternative") || m.startsWith("No name matching"))) {
                return "certificate does not name " + serverName + " (" + m + ")";
            }
            if (c instanceof SslHandshakeTimeoutException) {
                return "no TLS handshake within " + ClientTls.HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return "TLS handshake failed: " + (m == null ? root.getClass().getSimpleName() : m);
    }
}
