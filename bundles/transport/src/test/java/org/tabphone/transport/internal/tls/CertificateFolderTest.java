package org.tabphone.transport.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.transport.api.TlsCertificate;
import org.tabphone.transport.api.TlsCertificate.Status;

/** The folder is re-read live; one bad file never hides the others. */
class CertificateFolderTest {
    @TempDir
    Path dir;

    private CertificateFolder folder() {
        return new CertificateFolder(dir, new CertificateLoader(TestCertificates.PASSWORD));
    }

    private static Map<String, TlsCertificate> bySource(CertificateFolder f) {
        return f.certificates().stream().map(LoadedCertificate::info)
            .collect(Collectors.toMap(TlsCertificate::source, c -> c));
    }

    @Test
    void everySourceIsListedAndABadOneDoesNotHideTheOthers() throws Exception {
        TestCertificates.writePair(dir, "a", TestCertificates.valid("a.tabphone.test"));
        TestCertificates.writeCombined(dir, "b", TestCertificates.valid("*.b.tabphone.test"));
        TestCertificates.writePkcs12(dir, "c", TestCertificates.valid("c.tabphone.test"), TestCertificates.PASSWORD);
        Files.writeString(dir.resolve("broken.pem"), "garbage");
        Files.writeString(dir.resolve("orphan.key"), "whatever");
        Files.writeString(dir.resolve("README.txt"), "ignored");
        CertificateFolder f = folder();
        assertTrue(f.scan(Instant.now()));
        Map<String, TlsCertificate> s = bySource(f);
        assertEquals(List.of("a.crt", "b.pem", "broken.pem", "c.p12", "orphan.key"), s.keySet().stream().sorted().toList());
        assertEquals(Status.OK, s.get("a.crt").status());
        assertEquals(Status.OK, s.get("b.pem").status());
        assertEquals(Status.OK, s.get("c.p12").status());
        assertEquals(Status.INVALID, s.get("broken.pem").status());
        assertEquals(Status.INVALID, s.get("orphan.key").status());
        SniIndex index = SniIndex.of(f.certificates());
        assertTrue(index.find("a.tabphone.test") != null && index.find("x.b.tabphone.test") != null
            && index.find("c.tabphone.test") != null);
    }

    @Test
    void anUnchangedFolderIsNotReloaded() throws Exception {
        TestCertificates.writeCombined(dir, "a", TestCertificates.valid("a.tabphone.test"));
        CertificateFolder f = folder();
        assertTrue(f.scan(Instant.now()));
        LoadedCertificate first = f.certificates().get(0);
        assertFalse(f.scan(Instant.now()));
        assertTrue(first == f.certificates().get(0), "same object: the file was not read again");
    }

    @Test
    void aReplacedFileIsReloadedAndARemovedOneDropped() throws Exception {
        Path a = TestCertificates.writeCombined(dir, "a", TestCertificates.valid("a.tabphone.test"));
        CertificateFolder f = folder();
        f.scan(Instant.now());
        TestCertificates.writeCombined(dir, "a", TestCertificates.valid("a.tabphone.test", "a2.tabphone.test"));
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(5))); // coarse clocks
        assertTrue(f.scan(Instant.now()));
        assertEquals(List.of("a.tabphone.test", "a2.tabphone.test"), f.certificates().get(0).info().names());
        Files.delete(a);
        assertTrue(f.scan(Instant.now()));
        assertTrue(f.certificates().isEmpty());
    }

    @Test
    void aServedCertificateReplacedByGarbageKeepsServingThePreviousVersion() throws Exception {
        Path a = TestCertificates.writeCombined(dir, "a", TestCertificates.valid("a.tabphone.test"));
        CertificateFolder f = folder();
        f.scan(Instant.now());
        Files.writeString(a, "half-written");
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(f.scan(Instant.now()));
        LoadedCertificate c = f.certificates().get(0);
        assertTrue(c.served());
        assertTrue(c.info().detail().contains("still serving the previous version"), c.info().detail());
    }

    @Test
    void aCertificateThatExpiresWhileLoadedStopsBeingServed() throws Exception {
        Instant end = Instant.now().plus(Duration.ofHours(1));
        TestCertificates.writeCombined(dir, "a", TestCertificates.ec("a", Instant.now().minusSeconds(60), end, "a.tabphone.test"));
        CertificateFolder f = folder();
        f.scan(Instant.now());
        assertTrue(f.certificates().get(0).served());
        assertTrue(f.scan(end.plusSeconds(1)), "expiry is a change");
        assertEquals(Status.EXPIRED, f.certificates().get(0).info().status());
        assertFalse(f.certificates().get(0).served());
    }

    @Test
    void aMissingFolderServesNothingAndIsPickedUpWhenCreated() throws Exception {
        CertificateFolder f = new CertificateFolder(dir.resolve("later"), new CertificateLoader(TestCertificates.PASSWORD));
        assertFalse(f.scan(Instant.now()));
        Files.createDirectories(dir.resolve("later"));
        TestCertificates.writeCombined(dir.resolve("later"), "a", TestCertificates.valid("a.tabphone.test"));
        assertTrue(f.scan(Instant.now()));
        assertEquals(1, f.certificates().size());
    }
}
