package org.tabphone.transport.internal.tls;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in memory with Bouncy Castle, written as the files an operator drops in the folder. */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private static final AtomicLong SERIAL = new AtomicLong(1);

    public record Issued(KeyPair keys, X509Certificate cert) {
    }

    private TestCertificates() {
    }

    public static Issued ec(String cn, Instant notBefore, Instant notAfter, String... dnsNames) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return sign(g.generateKeyPair(), "SHA256withECDSA", cn, notBefore, notAfter, dnsNames);
    }

    public static Issued rsa(String cn, String... dnsNames) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return sign(g.generateKeyPair(), "SHA256withRSA", cn, Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(30)), dnsNames);
    }

    public static Issued valid(String... dnsNames) throws Exception {
        return ec(dnsNames.length == 0 ? "nobody" : dnsNames[0], Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(30)), dnsNames);
    }

    /** A CA certificate (basicConstraints CA:true, keyCertSign) to issue others with {@link #issuedBy}. */
    public static Issued ca(String cn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        X500Name subject = new X500Name("CN=" + cn);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(30))), subject,
            kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate cert = new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        return new Issued(kp, cert);
    }

    /** A server certificate for {@code dnsNames} signed by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    public static Issued issuedBy(Issued ca, Instant notBefore, Instant notAfter, String... dnsNames) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
            new X500Name(ca.cert().getSubjectX500Principal().getName()), BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + dnsNames[0]), kp.getPublic());
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        X509Certificate cert = new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate())));
        return new Issued(kp, cert);
    }

    public static Issued issuedBy(Issued ca, String... dnsNames) throws Exception {
        return issuedBy(ca, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), dnsNames);
    }

    private static Issued sign(KeyPair kp, String alg, String cn, Instant notBefore, Instant notAfter, String... dnsNames)
            throws Exception {
        X500Name subject = new X500Name("CN=" + cn);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(notBefore), Date.from(notAfter), subject, kp.getPublic());
        if (dnsNames.length > 0) {
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        X509Certificate cert = new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(kp.getPrivate())));
        return new Issued(kp, cert);
    }

    public static String pem(Object... objects) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                if (o instanceof PemObjectGenerator g) {
                    pw.writeObject(g);
                } else {
                    pw.writeObject(o);
                }
            }
        }
        return w.toString();
    }

    /**
     * {@code name.crt} + {@code name.key}: an RSA key in OpenSSL's traditional PKCS#1 format, an EC key as
     * PKCS#8 (Bouncy Castle's SEC1 output of a JDK key lacks the curve, which OpenSSL always writes).
     */
    public static Path writePair(Path dir, String name, Issued i) throws Exception {
        Object key = i.keys().getPrivate().getAlgorithm().equals("RSA") ? i.keys() : new JcaPKCS8Generator(i.keys().getPrivate(), null);
        Files.writeString(dir.resolve(name + ".key"), pem(key), StandardCharsets.US_ASCII);
        return Files.writeString(dir.resolve(name + ".crt"), pem(i.cert()), StandardCharsets.US_ASCII);
    }

    /** One {@code name.pem} with the certificate, then the PKCS#8 key. */
    public static Path writeCombined(Path dir, String name, Issued i) throws Exception {
        return Files.writeString(dir.resolve(name + ".pem"), pem(i.cert(), new JcaPKCS8Generator(i.keys().getPrivate(), null)), StandardCharsets.US_ASCII);
    }

    public static Path writePkcs12(Path dir, String name, Issued i, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", i.keys().getPrivate(), password.toCharArray(), new X509Certificate[] {i.cert()});
        Path p = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, password.toCharArray());
        }
        return p;
    }
}
