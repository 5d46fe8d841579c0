package org.tabphone.transport.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls.trust.file / tls.trust.dir: where the keys point, what is read, and what is refused (naming the key). */
class TrustSettingsTest {
    @TempDir
    Path dir;

    @Test
    void emptyKeysMeanTheJdksCasOnly() {
        TrustSettings s = TrustSettings.of("", "  ");
        assertNull(s.file());
        assertNull(s.dir());
        assertEquals(TrustSettings.JDK_ONLY, TrustSettings.of(null, null));
        assertEquals(TrustAnchors.jdkDefaults().size(), size(TrustAnchors.load(s)));
        assertTrue(TrustAnchors.jdkDefaults().size() > 10, "the JDK ships public CAs");
    }

    @Test
    void aRelativePathIsInsideKarafsEtc() {
        String before = System.getProperty("karaf.etc");
        System.setProperty("karaf.etc", dir.toString());
        try {
            TrustSettings s = TrustSettings.of("tabphone/trust/providers.pem", "tabphone/trust");
            assertEquals(dir.resolve("tabphone/trust/providers.pem"), s.file());
            assertEquals(dir.resolve("tabphone/trust"), s.dir());
            assertEquals(Path.of("/abs/ca.pem"), TrustSettings.of("/abs/ca.pem", "").file());
        } finally {
            if (before == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", before);
            }
        }
    }

    @Test
    void aBundleWithCommentsAddsEveryCertificateInIt() throws Exception {
        X509Certificate a = TestCertificates.ca("Provider A CA").cert();
        X509Certificate b = TestCertificates.ca("Provider B CA").cert();
        Path bundle = Files.writeString(dir.resolve("providers.pem"),
            "# Provider A\n" + TestCertificates.pem(a) + "\n# Provider B\n" + TestCertificates.pem(b), StandardCharsets.US_ASCII);
        KeyStore ks = TrustAnchors.load(TrustSettings.of(bundle.toString(), ""));
        assertEquals(TrustAnchors.jdkDefaults().size() + 2, size(ks));
        assertTrue(contains(ks, a) && contains(ks, b));
    }

    @Test
    void aFolderAddsItsPemFilesAndIgnoresOthers() throws Exception {
        X509Certificate a = TestCertificates.ca("A").cert();
        X509Certificate b = TestCertificates.ca("B").cert();
        Files.writeString(dir.resolve("a.crt"), TestCertificates.pem(a));
        Files.writeString(dir.resolve("b.pem"), TestCertificates.pem(b));
        Files.writeString(dir.resolve("README.txt"), "not a certificate");
        KeyStore ks = TrustAnchors.load(TrustSettings.of("", dir.toString()));
        assertEquals(TrustAnchors.jdkDefaults().size() + 2, size(ks));
        assertTrue(contains(ks, a) && contains(ks, b));
    }

    @Test
    void aMissingOrEmptyFileIsRefusedNamingTheKey() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> ClientTls.of(TrustSettings.of(dir.resolve("nope.pem").toString(), "")));
        assertTrue(missing.getMessage().startsWith("tls.trust.file ") && missing.getMessage().contains("does not exist"),
            missing.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> TrustAnchors.load(TrustSettings.of(garbage.toString(), "")));
        assertTrue(empty.getMessage().contains("no CERTIFICATE"), empty.getMessage());
    }

    @Test
    void aFolderThatIsNoneOrHoldsABadFileIsRefusedNamingTheKey() throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
            () -> TrustAnchors.load(TrustSettings.of("", dir.resolve("absent").toString())));
        assertTrue(none.getMessage().startsWith("tls.trust.dir "), none.getMessage());
        Files.writeString(dir.resolve("half-copied.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> TrustAnchors.load(TrustSettings.of("", dir.toString())));
        assertTrue(bad.getMessage().startsWith("tls.trust.dir") && bad.getMessage().contains("half-copied.pem"),
            bad.getMessage());
    }

    @Test
    void ipLiteralsAreNeverSentAsSni() {
        assertTrue(ClientTls.isIpLiteral("127.0.0.1"));
        assertTrue(ClientTls.isIpLiteral("::1"));
        assertTrue(!ClientTls.isIpLiteral("localhost") && !ClientTls.isIpLiteral("sip.provider.example"));
    }

    private static int size(KeyStore ks) {
        try {
            return Collections.list(ks.aliases()).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(KeyStore ks, X509Certificate c) throws Exception {
        return ks.getCertificateAlias(c) != null;
    }
}
