package org.tabphone.transport.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The gateway's TLS certificate: a PKCS#12 keystore path and password, plus the file's
 * modification time so a renewed file counts as a change (and reopens TLS listeners).
 * {@link #of} validates by loading it; a bad keystore is a configuration error.
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

    /** A server context: TLS 1.2 and 1.3 only, the JDK's modern default suites. */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(keyManagers()).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLS context from " + keystore + ": " + e.getMessage(), e);
        }
    }

    private KeyManagerFactory keyManagers() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        return kmf;
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + keystore + "]"; // never the password
    }
}
