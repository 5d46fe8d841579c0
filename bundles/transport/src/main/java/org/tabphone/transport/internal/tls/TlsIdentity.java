package org.tabphone.transport.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import org.tabphone.transport.api.TlsCertificate;

/**
 * The gateway's default TLS certificate: a PKCS#12 keystore path and password, plus the file's
 * modification time so a renewed file counts as a change. {@link #of} validates by loading it; a
 * bad keystore is a configuration error. Handshakes whose SNI names no certificate of the
 * certificates folder (or that send none) get this one.
 */
public record TlsIdentity(Path keystore, String password, long modifiedMillis) {

    /** Null when no keystore is configured. */
    public static TlsIdentity of(String keystore, String password) {
        if (keystore == null || keystore.isBlank()) {
            return null;
        }
        Path path = Path.of(keystore.trim());
        String pw = password == null ? "" : password;
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            TlsIdentity id = new TlsIdentity(path, pw, modified);
            id.keyManagers(); // fail now, with the reason, rather than at the first handshake
            return id;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.keystore " + path + " unusable: " + e.getMessage());
        }
    }

    /** A server context with the gateway's {@link TlsPolicy}. */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(keyManagers()).protocols(TlsPolicy.PROTOCOLS)
                .ciphers(TlsPolicy.CIPHERS, SupportedCipherSuiteFilter.INSTANCE).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLS context from " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file was replaced since this identity was read. */
    boolean changedOnDisk() {
        try {
            return Files.getLastModifiedTime(keystore).toMillis() != modifiedMillis;
        } catch (IOException e) {
            return false; // gone for a moment (being replaced): look again next time
        }
    }

    /** This identity, marked as having seen the file's current version. */
    TlsIdentity seenOnDisk() {
        try {
            return new TlsIdentity(keystore, password, Files.getLastModifiedTime(keystore).toMillis());
        } catch (IOException e) {
            return this;
        }
    }

    /** For {@code tabphone:certs}: the keystore's certificate, its names and validity. */
    TlsCertificate describe() {
        try {
            KeyStore ks = load();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (ks.isKeyEntry(alias) && c instanceof X509Certificate x) {
                    Instant notAfter = x.getNotAfter().toInstant();
                    boolean expired = Instant.now().isAfter(notAfter);
                    return new TlsCertificate(keystore.toString(), SubjectNames.of(x), Optional.of(notAfter),
                        expired ? TlsCertificate.Status.EXPIRED : TlsCertificate.Status.OK,
                        expired ? "default, expired: clients will refuse it" : "default");
                }
            }
            return new TlsCertificate(keystore.toString(), List.of(), Optional.empty(), TlsCertificate.Status.INVALID,
                "default, no key entry");
        } catch (IOException | GeneralSecurityException e) {
            return new TlsCertificate(keystore.toString(), List.of(), Optional.empty(), TlsCertificate.Status.INVALID,
                "default: " + e.getMessage());
        }
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private KeyManagerFactory keyManagers() throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(), password.toCharArray());
        return kmf;
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + keystore + "]"; // never the password
    }
}
