package org.tabphone.media.internal.dtls;

import java.io.IOException;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * What one DTLS-SRTP handshake settled, whichever side we played: the use_srtp profile, the
 * RFC 5764 4.2 keying material and cipher suite, or why the negotiation failed. The Bouncy Castle
 * client and server each own one (they extend different base classes, so they share this by
 * composition); {@link DtlsEndpoint} reads it after the handshake. Written on the handshake thread.
 */
final class DtlsSrtpNegotiation {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsSrtpNegotiation.class);

    private final String logId;
    private final String side;
    private volatile SrtpProfile selected;
    private volatile String failureDetail;
    private volatile byte[] keyingMaterial;
    private volatile int cipherSuite = -1;

    DtlsSrtpNegotiation(String logId, String side) {
        this.logId = logId;
        this.side = side;
    }

    /** The negotiated profile, or null before the hello exchange. */
    SrtpProfile selectedProfile() {
        return selected;
    }

    void select(SrtpProfile profile) {
        selected = profile;
    }

    /**
     * The RFC 5764 4.2 keying material, exported in {@code notifyHandshakeComplete()} (the only
     * place Bouncy Castle allows it); null before.
     */
    byte[] keyingMaterial() {
        return keyingMaterial;
    }

    /** The negotiated cipher suite, captured with the keying material; -1 before. */
    int cipherSuite() {
        return cipherSuite;
    }

    /** A use_srtp negotiation failure explained, or null. */
    String failureDetail() {
        return failureDetail;
    }

    /** Called from {@code notifyHandshakeComplete()}: captures the suite and exports the keys. */
    void complete(TlsContext context) throws IOException {
        cipherSuite = context.getSecurityParametersConnection().getCipherSuite();
        keyingMaterial = SrtpKeyExporter.export(context, selected);
    }

    /** Remembers why the negotiation failed and returns the alert to throw. */
    TlsFatalAlert fail(short alert, String detail) {
        failureDetail = detail;
        return new TlsFatalAlert(alert, detail);
    }

    void alertRaised(short alertDescription, String message) {
        LOG.debug("{}: DTLS {} raised {} {}", logId, side, AlertDescription.getText(alertDescription), message);
    }

    void alertReceived(short alertDescription) {
        LOG.debug("{}: DTLS {} received {}", logId, side, AlertDescription.getText(alertDescription));
    }
}
