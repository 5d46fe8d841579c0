package org.tabphone.transport.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads one certificate source of the certificates folder: a PKCS#12 file, a PEM file with the
 * chain and the key, or a PEM chain with its key beside it ({@code name.key}). Never throws: a
 * problem becomes an {@link org.tabphone.transport.api.TlsCertificate.Status#INVALID} entry whose
 * detail says what to fix. Blocking file I/O: call it off the event loops.
 */
final class CertificateLoader {
    private final char[] password;

    CertificateLoader(String password) {
        this.password = (password == null ? "" : password).toCharArray();
    }

    LoadedCertificate load(Path file, Instant now) {
        String source = file.getFileName().toString();
        try {
            KeyAndChain kc = CertificateFolder.isPkcs12(source) ? readPkcs12(file) : readPem(file);
            X509Certificate leaf = kc.chain()[0];
            checkKeyMatches(kc.key(), leaf);
            return LoadedCertificate.usable(source, SubjectNames.of(leaf), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), TlsPolicy.serverContext(kc.key(), kc.chain()), now);
        } catch (NoSuchFileException e) {
            return LoadedCertificate.invalid(source, "file missing: " + e.getFile());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return LoadedCertificate.invalid(source, reason(e));
        }
    }

    private record KeyAndChain(PrivateKey key, X509Certificate[] chain) {
    }

    private KeyAndChain readPkcs12(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new IOException("not a PKCS#12 file, or wrong tls.certificates.password (" + e.getMessage() + ")", e);
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                Key key = ks.getKey(alias, password);
                Certificate[] chain = ks.getCertificateChain(alias);
                if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
                    return new KeyAndChain(pk, x509(chain));
                }
            }
        }
        throw new GeneralSecurityException("no private key with a certificate chain in it");
    }

    private KeyAndChain readPem(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = readPemObjects(file, chain);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no CERTIFICATE block in it");
        }
        if (key == null) {
            Path keyFile = CertificateFolder.keyFileOf(file);
            if (!Files.exists(keyFile)) {
                throw new GeneralSecurityException("no private key: neither in the file nor in " + keyFile.getFileName());
            }
            key = readPemObjects(keyFile, new ArrayList<>());
            if (key == null) {
                throw new GeneralSecurityException("no PRIVATE KEY block in " + keyFile.getFileName());
            }
        }
        return new KeyAndChain(key, chain.toArray(new X509Certificate[0]));
    }

    /** Adds the file's certificates to {@code chain} (in file order: leaf first) and returns its key, if any. */
    private PrivateKey readPemObjects(Path file, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
        PrivateKey key = null;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(certs.getCertificate(h));
                } else if (o instanceof PrivateKeyInfo info) {
                    key = keys.getPrivateKey(info);
                } else if (o instanceof PEMKeyPair pair) {
                    key = keys.getPrivateKey(pair.getPrivateKeyInfo()); // SEC1 keys may carry no public key
                } else if (o instanceof PEMEncryptedKeyPair enc) {
                    key = keys.getPrivateKey(enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().build(password)).getPrivateKeyInfo());
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    try {
                        key = keys.getPrivateKey(enc.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password)));
                    } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.pkcs.PKCSException e) {
                        throw new GeneralSecurityException("encrypted key: wrong tls.certificates.password? " + e.getMessage(), e);
                    }
                }
            }
        }
        return key;
    }

    /** A key that does not belong to the certificate would fail every handshake: refuse it now. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return;
        }
        byte[] probe = {'t', 'a', 'b', 'p', 'h', 'o', 'n', 'e'};
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(cert.getPublicKey());
        v.update(probe);
        if (!v.verify(sig)) {
            throw new GeneralSecurityException("the private key does not belong to the certificate");
        }
    }

    private static X509Certificate[] x509(Certificate[] chain) throws GeneralSecurityException {
        X509Certificate[] out = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate x)) {
                throw new GeneralSecurityException("not an X.509 certificate");
            }
            out[i] = x;
        }
        return out;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
