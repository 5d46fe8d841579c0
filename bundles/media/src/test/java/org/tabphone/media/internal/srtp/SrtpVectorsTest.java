package org.tabphone.media.internal.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tabphone.media.internal.stun.TestVectors.hex;
import static org.tabphone.media.internal.stun.TestVectors.object;
import static org.tabphone.media.internal.stun.TestVectors.string;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tabphone.media.internal.stun.TestVectors;

/**
 * RFC 3711 Appendix B vectors (shared/testdata/vectors/srtp/rfc3711.json), first against the plain-JCE
 * {@link SrtpReference}, then jitsi-srtp (through {@link SrtpSession}) against the session keys the
 * RFC prints: jitsi's key derivation and packet transform must produce exactly those bytes.
 */
class SrtpVectorsTest {
    static final Map<String, Object> JSON = TestVectors.json("vectors/srtp/rfc3711.json");
    static final Map<String, Object> B2 = object(JSON, "B.2_aes_cm_keystream");
    static final Map<String, Object> B3 = object(JSON, "B.3_key_derivation");

    @Test
    void rfc3711_B2_aesCmKeystream() throws Exception {
        byte[] key = hex(string(B2, "session_key"));
        Map<String, Object> blocks = object(B2, "blocks");
        for (String counter : blocks.keySet()) {
            Map<String, Object> block = object(blocks, counter);
            byte[] iv = hex(string(block, "iv"));
            assertEquals(Integer.parseInt(counter, 16), ((iv[14] & 0xFF) << 8) | (iv[15] & 0xFF));
            assertArrayEquals(hex(string(block, "keystream")), SrtpReference.keystream(key, iv, 16), counter);
        }
        // and the IV base is the session salt shifted left 16 bits (SSRC = index = 0)
        byte[] base = hex(string(B2, "session_salt_iv_base"));
        assertEquals(0, base[14] | base[15]);
    }

    @Test
    void rfc3711_B3_keyDerivation() throws Exception {
        byte[] masterKey = hex(string(B3, "master_key"));
        byte[] masterSalt = hex(string(B3, "master_salt"));
        assertArrayEquals(hex(string(B3, "cipher_key")),
                SrtpReference.deriveKey(masterKey, masterSalt, SrtpReference.LABEL_RTP_ENCRYPTION, 16));
        assertArrayEquals(hex(string(B3, "cipher_salt")),
                SrtpReference.deriveKey(masterKey, masterSalt, SrtpReference.LABEL_RTP_SALT, 14));
        assertArrayEquals(hex(string(B3, "auth_key_94")),
                SrtpReference.deriveKey(masterKey, masterSalt, SrtpReference.LABEL_RTP_AUTH, 94));
        assertArrayEquals(hex(string(B3, "auth_key_hmac_sha1_20")),
                Arrays.copyOf(hex(string(B3, "auth_key_94")), 20));
    }

    /** jitsi-srtp keyed with the B.3 master key must encrypt and tag with the B.3 session keys. */
    @Test
    void rfc3711_B3_protectUsesTheRfcSessionKeys() throws Exception {
        byte[] masterKey = hex(string(B3, "master_key"));
        byte[] masterSalt = hex(string(B3, "master_salt"));
        for (int seq : new int[] {0, 1, 0x1234, 0xFFFF}) {
            SrtpSession session = new SrtpSession(SrtpProfile.AES128_CM_HMAC_SHA1_80, masterKey, masterSalt,
                    masterKey, masterSalt, 4);
            byte[] rtp = SrtpSessionTest.rtp(seq, 0xCAFEBABE, 160);
            byte[] expected = SrtpReference.protectAesCm(rtp, 12, hex(string(B3, "cipher_key")),
                    hex(string(B3, "cipher_salt")), hex(string(B3, "auth_key_hmac_sha1_20")), 10);
            byte[] buf = Arrays.copyOf(rtp, rtp.length + 10);
            assertEquals(rtp.length + 10, session.protectRtp(buf, 0, rtp.length));
            assertArrayEquals(expected, buf, "seq " + seq);
            assertEquals(rtp.length, session.unprotectRtp(buf, 0, buf.length));
            assertArrayEquals(rtp, Arrays.copyOf(buf, rtp.length));
        }
    }

    /** RFC 7714: GCM uses the same KDF with a 12-byte salt; checked against the JCE reference. */
    @Test
    void rfc7714_8_gcmProtectMatchesReference() throws Exception {
        byte[] masterKey = hex(string(B3, "master_key"));
        byte[] masterSalt = Arrays.copyOf(hex(string(B3, "master_salt")), 12);
        byte[] sessionKey = SrtpReference.deriveKey(masterKey, masterSalt, SrtpReference.LABEL_RTP_ENCRYPTION, 16);
        byte[] sessionSalt = SrtpReference.deriveKey(masterKey, masterSalt, SrtpReference.LABEL_RTP_SALT, 12);
        SrtpSession session = new SrtpSession(SrtpProfile.AEAD_AES_128_GCM, masterKey, masterSalt,
                masterKey, masterSalt, 4);
        for (int seq = 100; seq < 110; seq++) {
            byte[] rtp = SrtpSessionTest.rtp(seq, 0x01020304, 160);
            byte[] buf = Arrays.copyOf(rtp, rtp.length + 16);
            assertEquals(rtp.length + 16, session.protectRtp(buf, 0, rtp.length));
            assertArrayEquals(SrtpReference.protectGcm(rtp, 12, sessionKey, sessionSalt), buf, "seq " + seq);
        }
    }
}
