package org.tabphone.media.internal.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our DTLS identity: an ECDSA certificate and its private key, advertised in SDP as
 * {@code a=fingerprint:sha-256 ...} (RFC 5763 5, RFC 8122). Because the key is ECDSA, endpoints
 * offer only ECDHE_ECDSA cipher suites when they are the DTLS server.
 *
 * <p>Create one per installation or per process in the owning component ({@link #generateSelfSigned()}
 * or {@link #loadPkcs12}) and share it across endpoints; instances are immutable and thread-safe.
 * Generation and loading are blocking (key generation, file I/O): not on an event loop.
 */
public final class DtlsCertificate {

    /** Default common name of a generated certificate. */
    public static final String DEFAULT_COMMON_NAME = "tabphone";
    /** A generated certificate is valid from this long before its creation ... */
    public static final Duration DEFAULT_BACKDATE = Duration.ofDays(30);
    /** ... to this long after it. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);

    private final Certificate certificate;
    private final byte[] encoded;
    private final AsymmetricKeyParameter privateKey;
    private final DtlsFingerprint sha256;

    private DtlsCertificate(Certificate certificate, AsymmetricKeyParameter privateKey) throws IOException {
        this.certificate = certificate;
        this.encoded = certificate.getEncoded();
        this.privateKey = privateKey;
        this.sha256 = DtlsFingerprint.of("sha-256", encoded);
    }

    /** A fresh self-signed P-256 certificate, CN=tabphone, valid 30 days back and 1 year forward. */
    public static DtlsCertificate generateSelfSigned() {
        Instant now = Instant.now();
        return generateSelfSigned(DEFAULT_COMMON_NAME, now.minus(DEFAULT_BACKDATE), now.plus(DEFAULT_LIFETIME),
            new SecureRandom());
    }

    /** A fresh self-signed ECDSA P-256 / SHA-256 certificate with the given subject CN and validity. */
    public static DtlsCertificate generateSelfSigned(String commonName, Instant notBefore, Instant notAfter,
                                                     SecureRandom random) {
        ECNamedDomainParameters p256 = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(p256, random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial, Date.from(notBefore),
                Date.from(notAfter), name, SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
            Certificate cert = builder.build(new BcECContentSignerBuilder(sigAlg, digAlg).build(keyPair.getPrivate()))
                .toASN1Structure();
            return new DtlsCertificate(cert, keyPair.getPrivate());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a self-signed DTLS certificate", e);
        }
    }

    /** {@link #loadPkcs12(Path, char[], String, Instant)} with the first key entry, checked against now. */
    public static DtlsCertificate loadPkcs12(Path file, char[] password) throws DtlsCertificateException {
        return loadPkcs12(file, password, null, Instant.now());
    }

    /**
     * Loads an EC private key and its certificate from a PKCS#12 file; see
     * {@link DtlsCertificateStore#load(Path, char[], String, Instant)}.
     */
    public static DtlsCertificate loadPkcs12(Path file, char[] password, String alias, Instant now)
            throws DtlsCertificateException {
        return DtlsCertificateStore.load(file, password, alias, now);
    }

    /** Writes this certificate and key as a PKCS#12 file; see {@link DtlsCertificateStore#store}. */
    public void storePkcs12(Path file, char[] password) throws DtlsCertificateException {
        DtlsCertificateStore.store(this, file, password);
    }

    /** Wraps a parsed certificate and its (already matched) private key. */
    static DtlsCertificate of(Certificate certificate, AsymmetricKeyParameter privateKey) throws IOException {
        return new DtlsCertificate(certificate, privateKey);
    }

    /** The SHA-256 fingerprint for {@code a=fingerprint}; {@code fingerprint().toSdpValue()} is "sha-256 AB:...". */
    public DtlsFingerprint fingerprint() {
        return sha256;
    }

    /** The fingerprint with another hash function ("sha-1", "sha-384", ...). */
    public DtlsFingerprint fingerprint(String hashFunction) {
        return DtlsFingerprint.of(hashFunction, encoded);
    }

    public Instant notBefore() {
        return certificate.getStartDate().getDate().toInstant();
    }

    public Instant notAfter() {
        return certificate.getEndDate().getDate().toInstant();
    }

    /** The subject, e.g. "CN=tabphone". */
    public String subject() {
        return certificate.getSubject().toString();
    }

    /** DER encoding (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The certificate chain (just this one) for a handshake using {@code crypto}. */
    org.bouncycastle.tls.Certificate tlsCertificate(BcTlsCrypto crypto) {
        return new org.bouncycastle.tls.Certificate(new TlsCertificate[] {new BcTlsCertificate(crypto, certificate)});
    }

    @Override
    public String toString() {
        return subject() + " " + sha256.toSdpValue() + " valid until " + notAfter();
    }
}
