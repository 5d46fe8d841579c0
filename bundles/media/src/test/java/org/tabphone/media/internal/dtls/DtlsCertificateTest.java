package org.tabphone.media.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtlsCertificateTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void generatedCertificateIsSelfSignedP256WithCnTabphone() throws Exception {
        Instant before = Instant.now();
        DtlsCertificate cert = DtlsCertificate.generateSelfSigned();
        X509Certificate x509 = toX509(cert.encoded());
        assertEquals("CN=tabphone", cert.subject());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.verify(x509.getPublicKey());                                    // self-signed
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        assertEquals("EC", x509.getPublicKey().getAlgorithm());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(x509.getPublicKey().getEncoded());
        assertEquals(SECObjectIdentifiers.secp256r1, spki.getAlgorithm().getParameters(), "named curve, not explicit");
        assertTrue(Duration.between(cert.notBefore(), before).toDays() >= 29);
        assertTrue(Duration.between(before, cert.notAfter()).toDays() >= 364);
        assertTrue(cert.toString().contains("sha-256 "));
    }

    @Test
    void pkcs12RoundTripKeepsTheFingerprint() throws Exception {
        DtlsCertificate cert = DtlsTestSupport.TABPHONE;
        Path p12 = writePkcs12(cert, "dtls.p12");
        DtlsCertificate loaded = DtlsCertificate.loadPkcs12(p12, PASSWORD);
        assertEquals(cert.fingerprint(), loaded.fingerprint());
        assertEquals(cert.notAfter(), loaded.notAfter());
    }

    @Test
    void expiredPkcs12IsRefused() throws Exception {
        Instant now = Instant.now();
        DtlsCertificate old = DtlsCertificate.generateSelfSigned("tabphone", now.minus(Duration.ofDays(400)),
            now.minus(Duration.ofDays(35)), new SecureRandom());
        Path p12 = writePkcs12(old, "expired.p12");
        DtlsCertificateException e = assertThrows(DtlsCertificateException.class,
            () -> DtlsCertificate.loadPkcs12(p12, PASSWORD));
        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
        assertTrue(e.getMessage().contains(p12.toString()), e.getMessage());
    }

    @Test
    void notYetValidPkcs12IsRefused() throws Exception {
        Path p12 = writePkcs12(DtlsTestSupport.TABPHONE, "early.p12");
        DtlsCertificateException e = assertThrows(DtlsCertificateException.class,
            () -> DtlsCertificate.loadPkcs12(p12, PASSWORD, null, Instant.now().minus(Duration.ofDays(60))));
        assertTrue(e.getMessage().contains("not valid before"), e.getMessage());
    }

    @Test
    void unreadablePkcs12IsRefused() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertTrue(assertThrows(DtlsCertificateException.class, () -> DtlsCertificate.loadPkcs12(missing, PASSWORD))
            .getMessage().contains("does not exist"));

        Path garbage = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3, 4});
        assertTrue(assertThrows(DtlsCertificateException.class, () -> DtlsCertificate.loadPkcs12(garbage, PASSWORD))
            .getMessage().startsWith("cannot read DTLS certificate file"));

        Path p12 = writePkcs12(DtlsTestSupport.TABPHONE, "dtls.p12");
        String wrong = assertThrows(DtlsCertificateException.class,
            () -> DtlsCertificate.loadPkcs12(p12, "wrong".toCharArray())).getMessage();
        assertTrue(wrong.contains("wrong password"), wrong);
    }

    @Test
    void rsaPkcs12IsRefusedBecauseOnlyEcdsaSuitesAreOffered() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=rsa");
        Instant now = Instant.now();
        X509Certificate x509 = toX509(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
            Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(10))), name, kp.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())).getEncoded());
        Path p12 = store(kp.getPrivate(), x509, "rsa.p12");
        String message = assertThrows(DtlsCertificateException.class, () -> DtlsCertificate.loadPkcs12(p12, PASSWORD))
            .getMessage();
        assertTrue(message.contains("RSA key"), message);
    }

    @Test
    void keyNotMatchingTheCertificateIsRefused() throws Exception {
        PrivateKey otherKey = jcaKey(DtlsTestSupport.STRANGER);
        Path p12 = store(otherKey, toX509(DtlsTestSupport.TABPHONE.encoded()), "mismatch.p12");
        String message = assertThrows(DtlsCertificateException.class, () -> DtlsCertificate.loadPkcs12(p12, PASSWORD))
            .getMessage();
        assertTrue(message.contains("does not match"), message);
    }

    @Test
    void perInstallationCertificateIsGeneratedOnceAndKept() throws Exception {
        Path file = dir.resolve("data/tabphone/dtls.p12");
        Instant now = Instant.now();
        DtlsCertificate first = DtlsCertificateStore.loadOrGenerate(file, PASSWORD, now, Duration.ofDays(7));
        assertTrue(Files.exists(file));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
        }
        DtlsCertificate again = DtlsCertificateStore.loadOrGenerate(file, PASSWORD, now, Duration.ofDays(7));
        assertEquals(first.fingerprint(), again.fingerprint(), "same fingerprint across restarts");

        DtlsCertificate nearExpiry = DtlsCertificateStore.loadOrGenerate(file, PASSWORD,
            first.notAfter().minus(Duration.ofDays(3)), Duration.ofDays(7));
        assertTrue(!first.fingerprint().equals(nearExpiry.fingerprint()), "renewed a week before expiry");
        assertEquals(nearExpiry.fingerprint(), DtlsCertificate.loadPkcs12(file, PASSWORD,
            null, first.notAfter()).fingerprint());

        assertThrows(DtlsCertificateException.class,
            () -> DtlsCertificateStore.loadOrGenerate(file, "wrong".toCharArray(), now, Duration.ofDays(7)),
            "an unreadable file is reported, not silently replaced");
    }

    /** Writes a certificate and its key as PKCS#12, the way an operator's file would look. */
    Path writePkcs12(DtlsCertificate cert, String name) throws Exception {
        Path file = dir.resolve(name);
        cert.storePkcs12(file, PASSWORD);
        return file;
    }

    private Path store(PrivateKey key, X509Certificate x509, String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("dtls", key, PASSWORD, new java.security.cert.Certificate[] {x509});
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    static PrivateKey jcaKey(DtlsCertificate cert) throws Exception {
        byte[] pkcs8 = PrivateKeyInfoFactory.createPrivateKeyInfo(cert.privateKey()).getEncoded();
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static X509Certificate toX509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
