package org.tabphone.media.internal.dtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * PKCS#12 files for {@link DtlsCertificate}: an operator-supplied file (optional configuration),
 * or the per-installation certificate kept under the data directory so the fingerprint survives
 * restarts. Blocking file I/O: call from a component's activation or an executor, not an event loop.
 */
public final class DtlsCertificateStore {

    private DtlsCertificateStore() {
    }

    /**
     * Loads an EC private key and its certificate from a PKCS#12 file.
     *
     * @param alias the key entry to use, or {@code null} for the first key entry
     * @param now   the certificate must be valid at this instant
     * @throws DtlsCertificateException if the file is missing or unreadable, the password is wrong,
     *         there is no key entry, the key isn't EC, the key doesn't match the certificate, or
     *         the certificate is expired or not yet valid
     */
    public static DtlsCertificate load(Path file, char[] password, String alias, Instant now)
            throws DtlsCertificateException {
        DtlsCertificate certificate = loadAnyValidity(file, password, alias);
        if (now.isAfter(certificate.notAfter())) {
            throw new DtlsCertificateException("DTLS certificate in " + file + " (" + certificate.subject()
                + ") expired on " + certificate.notAfter() + "; replace it or remove the setting to use a generated one");
        }
        if (now.isBefore(certificate.notBefore())) {
            throw new DtlsCertificateException("DTLS certificate in " + file + " is not valid before "
                + certificate.notBefore());
        }
        return certificate;
    }

    private static DtlsCertificate loadAnyValidity(Path file, char[] password, String alias)
            throws DtlsCertificateException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new DtlsCertificateException("DTLS certificate file " + file + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new DtlsCertificateException("cannot read DTLS certificate file " + file
                + " as PKCS#12 (wrong password or corrupt file?): " + e.getMessage(), e);
        }
        try {
            String entry = alias != null ? alias : firstKeyAlias(store, file);
            if (!store.isKeyEntry(entry)) {
                throw new DtlsCertificateException("DTLS certificate file " + file + " has no key entry '" + entry + "'");
            }
            Key key = store.getKey(entry, password);
            java.security.cert.Certificate jcaCert = store.getCertificate(entry);
            if (!(jcaCert instanceof java.security.cert.X509Certificate)) {
                throw new DtlsCertificateException("DTLS certificate file " + file + ": entry '" + entry
                    + "' has no X.509 certificate");
            }
            if (!"EC".equals(key.getAlgorithm())) {
                throw new DtlsCertificateException("DTLS certificate file " + file + " holds a " + key.getAlgorithm()
                    + " key; only EC (ECDSA) keys are supported");
            }
            AsymmetricKeyParameter privateKey = PrivateKeyFactory.createKey(key.getEncoded());
            Certificate certificate = Certificate.getInstance(jcaCert.getEncoded());
            checkKeyMatches(privateKey, certificate, file);
            return DtlsCertificate.of(certificate, privateKey);
        } catch (UnrecoverableKeyException e) {
            throw new DtlsCertificateException("cannot recover the private key in " + file + " (wrong password?)", e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new DtlsCertificateException("cannot use DTLS certificate file " + file + ": " + e, e);
        }
    }

    /**
     * Writes the certificate and key as PKCS#12 (alias "dtls"), atomically where the file system
     * allows, readable by the owner only where POSIX permissions exist.
     */
    public static void store(DtlsCertificate certificate, Path file, char[] password) throws DtlsCertificateException {
        try {
            byte[] pkcs8 = PrivateKeyInfoFactory.createPrivateKeyInfo(certificate.privateKey()).getEncoded();
            Key key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            java.security.cert.Certificate x509 = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.encoded()));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("dtls", key, password, new java.security.cert.Certificate[] {x509});

            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: rely on the data directory's ACL
                }
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    ks.store(out, password);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new DtlsCertificateException("cannot write DTLS certificate file " + file + ": " + e, e);
        }
    }

    /**
     * The per-installation certificate: loads {@code file} if it exists and stays valid for at
     * least {@code minRemaining}; otherwise (absent, expiring or not yet valid) generates a fresh one
     * (CN=tabphone, 30 days back, one year forward) and stores it there. An unreadable existing
     * file is an error and is not replaced.
     */
    public static DtlsCertificate loadOrGenerate(Path file, char[] password, Instant now, Duration minRemaining)
            throws DtlsCertificateException {
        if (Files.exists(file)) {
            DtlsCertificate existing = loadAnyValidity(file, password, null);
            if (!now.isBefore(existing.notBefore()) && now.plus(minRemaining).isBefore(existing.notAfter())) {
                return existing;
            }
        }
        DtlsCertificate fresh = DtlsCertificate.generateSelfSigned(DtlsCertificate.DEFAULT_COMMON_NAME,
            now.minus(DtlsCertificate.DEFAULT_BACKDATE), now.plus(DtlsCertificate.DEFAULT_LIFETIME),
            new java.security.SecureRandom());
        store(fresh, file, password);
        return fresh;
    }

    private static String firstKeyAlias(KeyStore store, Path file) throws GeneralSecurityException,
            DtlsCertificateException {
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                return a;
            }
        }
        throw new DtlsCertificateException("DTLS certificate file " + file + " contains no private key entry");
    }

    private static void checkKeyMatches(AsymmetricKeyParameter privateKey, Certificate certificate, Path file)
            throws IOException, DtlsCertificateException {
        AsymmetricKeyParameter publicKey = PublicKeyFactory.createKey(certificate.getSubjectPublicKeyInfo());
        if (!(privateKey instanceof ECPrivateKeyParameters) || !(publicKey instanceof ECPublicKeyParameters)) {
            throw new DtlsCertificateException("DTLS certificate file " + file + ": certificate is not an EC certificate");
        }
        ECPrivateKeyParameters d = (ECPrivateKeyParameters) privateKey;
        ECPublicKeyParameters q = (ECPublicKeyParameters) publicKey;
        if (!new FixedPointCombMultiplier().multiply(d.getParameters().getG(), d.getD()).normalize()
                .equals(q.getQ().normalize())) {
            throw new DtlsCertificateException("DTLS certificate file " + file
                + ": private key does not match the certificate");
        }
    }
}
