package org.tabphone.transport.internal.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/**
 * The CAs a TLS server we connect to must chain to: the JDK's defaults (its {@code cacerts}, or
 * {@code javax.net.ssl.trustStore} when set) plus the configured PEM certificates. Reading is
 * blocking file I/O: call {@link #load} on a configuration thread, never on an event loop.
 */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /**
     * A trust store with every anchor. Throws IllegalArgumentException naming the key and the file
     * when a configured file or folder is missing, unreadable or holds no certificate.
     */
    public static KeyStore load(TrustSettings settings) {
        List<X509Certificate> anchors = new ArrayList<>(jdkDefaults());
        if (settings.file() != null) {
            List<X509Certificate> read = readFile("tls.trust.file", settings.file());
            if (read.isEmpty()) {
                throw new IllegalArgumentException("tls.trust.file " + settings.file() + ": no CERTIFICATE block in it");
            }
            anchors.addAll(read);
        }
        if (settings.dir() != null) {
            anchors.addAll(readDir(settings.dir()));
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : anchors) {
                ks.setCertificateEntry("anchor-" + i++, c);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("trust store: " + e.getMessage(), e);
        }
    }

    /** The anchors the JDK trusts by default. */
    static List<X509Certificate> jdkDefaults() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return List.of(x.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store: " + e.getMessage(), e);
        }
    }

    /**
     * What the configured files look like on disk now (names, sizes, modification times), to
     * notice a replaced CA bundle or a file added to the folder without reading them. Blocking I/O.
     */
    static String stamp(TrustSettings settings) {
        StringBuilder b = new StringBuilder();
        if (settings.file() != null) {
            stampOf(settings.file(), b);
        }
        if (settings.dir() != null) {
            try (Stream<Path> files = Files.list(settings.dir())) {
                files.filter(f -> CertificateFolder.isPemCertificate(f.getFileName().toString())).sorted()
                    .forEach(f -> stampOf(f, b));
            } catch (IOException e) {
                b.append(settings.dir()).append(" unreadable;");
            }
        }
        return b.toString();
    }

    private static void stampOf(Path f, StringBuilder b) {
        b.append(f).append(' ');
        try {
            b.append(Files.size(f)).append(' ').append(Files.getLastModifiedTime(f).toMillis());
        } catch (IOException e) {
            b.append("missing");
        }
        b.append(';');
    }

    /** Every {@code .pem}/{@code .crt}/{@code .cer} file of the folder; one without certificates is an error. */
    private static List<X509Certificate> readDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("tls.trust.dir " + dir + " is not a folder");
        }
        List<X509Certificate> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> CertificateFolder.isPemCertificate(f.getFileName().toString())).sorted().toList()) {
                List<X509Certificate> read = readFile("tls.trust.dir", f);
                if (read.isEmpty()) {
                    throw new IllegalArgumentException("tls.trust.dir: " + f + " has no CERTIFICATE block");
                }
                all.addAll(read);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("tls.trust.dir " + dir + " unreadable: " + e.getMessage());
        }
        return all;
    }

    /** The certificates of a PEM file; text between the blocks (bundle comments) is skipped. */
    private static List<X509Certificate> readFile(String key, Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(converter.getCertificate(h));
                } else if (o instanceof X509TrustedCertificateBlock t) { // OpenSSL's "TRUSTED CERTIFICATE"
                    certs.add(converter.getCertificate(t.getCertificateHolder()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key + " " + file + " does not exist");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(key + " " + file + " unusable: " + e.getMessage());
        }
        return certs;
    }
}
