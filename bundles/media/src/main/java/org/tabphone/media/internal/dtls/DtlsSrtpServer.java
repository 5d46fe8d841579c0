package org.tabphone.media.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * Bouncy Castle DTLS 1.2 server for DTLS-SRTP: ECDHE_ECDSA suites only, requires and verifies the
 * client certificate against the SDP fingerprint (RFC 5763 5), and answers use_srtp with our most
 * preferred profile the client offered, without MKI (RFC 5764 4.1.1).
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    private final DtlsCertificate certificate;
    private final List<SrtpProfile> profiles;
    private final PeerCertificateVerifier verifier;
    private final int handshakeTimeoutMillis;
    private final DtlsSrtpNegotiation negotiation;

    DtlsSrtpServer(BcTlsCrypto crypto, DtlsEndpointConfig config, PeerCertificateVerifier verifier, String logId) {
        super(crypto);
        this.certificate = config.certificate();
        this.profiles = config.profiles();
        this.verifier = verifier;
        this.handshakeTimeoutMillis = (int) config.handshakeTimeout().toMillis();
        this.negotiation = new DtlsSrtpNegotiation(logId, "server");
    }

    DtlsSrtpNegotiation negotiation() {
        return negotiation;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        negotiation.complete(context);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsSrtpPolicy.ECDSA_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw negotiation.fail(AlertDescription.handshake_failure,
                "client did not offer the use_srtp extension (RFC 5764)");
        }
        SrtpProfile selected = DtlsSrtpPolicy.chooseProfile(profiles, offered.getProtectionProfiles());
        if (selected == null) {
            throw negotiation.fail(AlertDescription.handshake_failure,
                "no common SRTP protection profile: client offered "
                + DtlsSrtpPolicy.describeIds(offered.getProtectionProfiles()) + ", we accept " + profiles);
        }
        negotiation.select(selected);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {negotiation.selectedProfile().id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
            TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        verifier.verify(clientCertificate);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
            certificate.tlsCertificate(crypto),
            DtlsSrtpPolicy.ecdsaSignatureAlgorithm(context.getSecurityParametersHandshake().getClientSigAlgs()));
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        negotiation.alertRaised(alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        negotiation.alertReceived(alertDescription);
    }

}
