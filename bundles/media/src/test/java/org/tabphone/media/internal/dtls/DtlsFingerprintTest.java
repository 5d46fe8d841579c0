package org.tabphone.media.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DtlsFingerprintTest {

    private static final byte[] DER = "not really a certificate".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc8122_5_sdpValueIsHashNameSpaceUpperHexPairsSeparatedByColons() {
        String sdp = DtlsTestSupport.TABPHONE.fingerprint().toSdpValue();
        assertTrue(sdp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), sdp);
        assertTrue(DtlsTestSupport.TABPHONE.fingerprint("sha-1").toSdpValue()
            .matches("sha-1 ([0-9A-F]{2}:){19}[0-9A-F]{2}"));
    }

    @Test
    void knownDigestIsFormatted() {
        // SHA-256("abc") from FIPS 180-2
        DtlsFingerprint fp = DtlsFingerprint.of("SHA-256", "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
            fp.toSdpValue());
    }

    @Test
    void parseRoundTripsAndIgnoresCase() {
        DtlsFingerprint fp = DtlsFingerprint.of("sha-256", DER);
        assertEquals(fp, DtlsFingerprint.parse(fp.toSdpValue()));
        assertEquals(fp, DtlsFingerprint.parse("  SHA-256 " + fp.toSdpValue().substring(8).toLowerCase() + " "));
        assertArrayEquals(fp.value(), DtlsFingerprint.parse(fp.toSdpValue()).value());
        assertTrue(DtlsFingerprint.parse(fp.toSdpValue()).matches(DER));
        assertFalse(fp.matches("other".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void certificateFingerprintMatchesItsOwnEncoding() {
        DtlsCertificate cert = DtlsTestSupport.TABPHONE;
        assertTrue(cert.fingerprint().matches(cert.encoded()));
        assertTrue(DtlsFingerprint.parse(cert.fingerprint("sha-512").toSdpValue()).matches(cert.encoded()));
    }

    @Test
    void rfc8122_5_malformedOrWeakFingerprintsAreRejected() {
        String good = DtlsFingerprint.of("sha-1", DER).toSdpValue();
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse("md5 " + good.substring(6, 53)));
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(good.substring(0, good.length() - 3)));
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(good.replace(':', '-')));
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(good.replace(good.charAt(6), 'G')));
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse("sha-256"));
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(null));
    }
}
