package org.tabphone.media.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * Bouncy Castle DTLS 1.2 client for DTLS-SRTP: offers use_srtp with our profiles and no MKI,
 * accepts exactly one of them back (RFC 5764 4.1.1), verifies the server certificate against the
 * SDP fingerprint and always presents our certificate (RFC 5763 5).
 */
final class DtlsSrtpClient extends DefaultTlsClient {

    private final DtlsCertificate certificate;
    private final List<SrtpProfile> profiles;
    private final PeerCertificateVerifier verifier;
    private final int handshakeTimeoutMillis;
    private final DtlsSrtpNegotiation negotiation;

    DtlsSrtpClient(BcTlsCrypto crypto, DtlsEndpointConfig config, PeerCertificateVerifier verifier, String logId) {
        super(crypto);
        this.certificate = config.certificate();
        this.profiles = config.profiles();
        this.verifier = verifier;
        this.handshakeTimeoutMillis = (int) config.handshakeTimeout().toMillis();
        this.negotiation = new DtlsSrtpNegotiation(logId, "client");
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
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsSrtpPolicy.CLIENT_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions,
            new UseSRTPData(DtlsSrtpPolicy.ids(profiles), TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData answer = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (answer == null) {
            throw negotiation.fail(AlertDescription.handshake_failure, "server did not accept the use_srtp extension (RFC 5764)");
        }
        int[] chosen = answer.getProtectionProfiles();
        SrtpProfile profile = chosen.length == 1 ? SrtpProfile.fromId(chosen[0]) : null;
        if (profile == null || !profiles.contains(profile)) {
            throw negotiation.fail(AlertDescription.illegal_parameter, "server chose SRTP profile(s) "
                + DtlsSrtpPolicy.describeIds(chosen) + ", we offered " + profiles);
        }
        if (answer.getMki().length != 0) {
            throw negotiation.fail(AlertDescription.illegal_parameter, "server sent an SRTP MKI we did not offer");
        }
        negotiation.select(profile);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                verifier.verify(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                    certificate.privateKey(), certificate.tlsCertificate(crypto),
                    DtlsSrtpPolicy.ecdsaSignatureAlgorithm(request.getSupportedSignatureAlgorithms()));
            }
        };
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
