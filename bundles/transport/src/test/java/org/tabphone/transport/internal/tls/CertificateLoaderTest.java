package org.tabphone.transport.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.transport.api.TlsCertificate.Status;

/** Reading the files an operator drops into the certificates folder. */
class CertificateLoaderTest {
    @TempDir
    Path dir;

    private final CertificateLoader loader = new CertificateLoader(TestCertificates.PASSWORD);

    private LoadedCertificate load(Path file) {
        return loader.load(file, Instant.now());
    }

    @Test
    void pemCertificateWithItsKeyBesideIt() throws Exception {
        LoadedCertificate c = load(TestCertificates.writePair(dir, "a", TestCertificates.valid("a.tabphone.test", "sip.a.tabphone.test")));
        assertTrue(c.served(), c.info().detail());
        assertEquals(List.of("a.tabphone.test", "sip.a.tabphone.test"), c.info().names());
        assertEquals("a.crt", c.info().source());
    }

    @Test
    void rsaPemPairInTraditionalFormat() throws Exception {
        LoadedCertificate c = load(TestCertificates.writePair(dir, "r", TestCertificates.rsa("r", "r.tabphone.test")));
        assertTrue(c.served(), c.info().detail());
    }

    @Test
    void combinedPemWithPkcs8Key() throws Exception {
        LoadedCertificate c = load(TestCertificates.writeCombined(dir, "b", TestCertificates.valid("*.b.tabphone.test")));
        assertTrue(c.served(), c.info().detail());
        assertEquals(List.of("*.b.tabphone.test"), c.info().names());
    }

    @Test
    void pkcs12WithThePassword() throws Exception {
        LoadedCertificate c = load(TestCertificates.writePkcs12(dir, "c", TestCertificates.valid("c.tabphone.test"),
            TestCertificates.PASSWORD));
        assertTrue(c.served(), c.info().detail());
        assertEquals(List.of("c.tabphone.test"), c.info().names());
    }

    @Test
    void pkcs12WithAnotherPasswordIsInvalidAndSaysWhy() throws Exception {
        LoadedCertificate c = load(TestCertificates.writePkcs12(dir, "c", TestCertificates.valid("c.tabphone.test"), "other"));
        assertFalse(c.served());
        assertEquals(Status.INVALID, c.info().status());
        assertTrue(c.info().detail().contains("tls.certificates.password"), c.info().detail());
    }

    @Test
    void withoutSubjectAltNameTheCommonNameCounts() throws Exception {
        LoadedCertificate c = load(TestCertificates.writeCombined(dir, "cn",
            TestCertificates.ec("Old.Tabphone.Test", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)))));
        assertEquals(List.of("old.tabphone.test"), c.info().names());
    }

    @Test
    void expiredIsListedButNotServed() throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(2));
        LoadedCertificate c = load(TestCertificates.writeCombined(dir, "old",
            TestCertificates.ec("x", past.minus(Duration.ofDays(30)), past, "old.tabphone.test")));
        assertFalse(c.served());
        assertEquals(Status.EXPIRED, c.info().status());
        assertEquals(List.of("old.tabphone.test"), c.info().names());
        assertEquals(past.getEpochSecond(), c.info().notAfter().orElseThrow().getEpochSecond());
    }

    @Test
    void notYetValidIsNotServedUntilItIs() throws Exception {
        Instant soon = Instant.now().plus(Duration.ofHours(1));
        LoadedCertificate c = load(TestCertificates.writeCombined(dir, "soon",
            TestCertificates.ec("x", soon, soon.plus(Duration.ofDays(30)), "soon.tabphone.test")));
        assertEquals(Status.NOT_YET_VALID, c.info().status());
        assertTrue(c.at(soon.plusSeconds(1)).served());
    }

    @Test
    void garbageIsInvalid() throws Exception {
        Path p = Files.writeString(dir.resolve("junk.pem"), "this is not PEM\n-----BEGIN CERTIFICATE-----\nzzzz\n-----END CERTIFICATE-----\n");
        LoadedCertificate c = load(p);
        assertEquals(Status.INVALID, c.info().status());
        assertFalse(c.info().detail().isBlank());
        Path p12 = Files.write(dir.resolve("junk.p12"), new byte[] {1, 2, 3, 4});
        assertEquals(Status.INVALID, load(p12).info().status());
    }

    @Test
    void certificateWithoutKeyIsInvalidAndNamesTheMissingFile() throws Exception {
        TestCertificates.Issued i = TestCertificates.valid("a.tabphone.test");
        Path crt = Files.writeString(dir.resolve("a.crt"), TestCertificates.pem(i.cert()));
        LoadedCertificate c = load(crt);
        assertEquals(Status.INVALID, c.info().status());
        assertTrue(c.info().detail().contains("a.key"), c.info().detail());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificates.Issued i = TestCertificates.valid("a.tabphone.test");
        TestCertificates.Issued other = TestCertificates.valid("a.tabphone.test");
        Files.writeString(dir.resolve("a.crt"), TestCertificates.pem(i.cert()));
        Files.writeString(dir.resolve("a.key"), TestCertificates.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
            other.keys().getPrivate(), null)));
        LoadedCertificate c = load(dir.resolve("a.crt"));
        assertEquals(Status.INVALID, c.info().status());
        assertTrue(c.info().detail().contains("does not belong"), c.info().detail());
    }
}
