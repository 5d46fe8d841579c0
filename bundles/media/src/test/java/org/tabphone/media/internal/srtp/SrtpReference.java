package org.tabphone.media.internal.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately naive SRTP written from the RFCs with plain JCE, to check jitsi-srtp's
 * output: RFC 3711 §4.3 key derivation (KDR 0), §4.1.1 AES-CM, §4.2 HMAC-SHA1, and RFC 7714 §8
 * AES-GCM. Its own correctness is pinned by the RFC 3711 Appendix B vectors.
 */
final class SrtpReference {
    static final int LABEL_RTP_ENCRYPTION = 0;
    static final int LABEL_RTP_AUTH = 1;
    static final int LABEL_RTP_SALT = 2;
    static final int LABEL_RTCP_ENCRYPTION = 3;
    static final int LABEL_RTCP_AUTH = 4;
    static final int LABEL_RTCP_SALT = 5;

    private SrtpReference() {
    }

    /** AES-CTR keystream of {@code length} bytes from a 16-byte IV (RFC 3711 §4.1.1). */
    static byte[] keystream(byte[] key, byte[] iv, int length) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(new byte[length]);
    }

    /** RFC 3711 §4.3.1 with r = 0: x = (label at byte 7) XOR master salt, IV = x * 2^16. */
    static byte[] deriveKey(byte[] masterKey, byte[] masterSalt, int label, int length)
            throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length); // a 12-byte GCM salt is zero-padded
        iv[7] ^= (byte) label;
        return keystream(masterKey, iv, length);
    }

    /** SRTP AES-CM + HMAC-SHA1 of an RTP packet with ROC 0, from session keys. */
    static byte[] protectAesCm(byte[] rtp, int headerLength, byte[] sessionKey, byte[] sessionSalt,
            byte[] authKey, int tagLength) throws GeneralSecurityException {
        int ssrc = readInt(rtp, 8);
        long index = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        byte[] ks = keystream(sessionKey, iv, rtp.length - headerLength);
        byte[] out = Arrays.copyOf(rtp, rtp.length + tagLength);
        for (int i = headerLength; i < rtp.length; i++) {
            out[i] ^= ks[i - headerLength];
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        mac.update(out, 0, rtp.length);
        mac.update(new byte[4]); // ROC 0
        System.arraycopy(mac.doFinal(), 0, out, rtp.length, tagLength);
        return out;
    }

    /** RFC 7714 §8.1: SRTP AEAD_AES_128_GCM of an RTP packet with ROC 0. */
    static byte[] protectGcm(byte[] rtp, int headerLength, byte[] sessionKey, byte[] sessionSalt)
            throws GeneralSecurityException {
        byte[] iv = new byte[12];
        System.arraycopy(rtp, 8, iv, 2, 4); // SSRC
        iv[10] = rtp[2];
        iv[11] = rtp[3]; // ROC (bytes 6..9) is 0
        for (int i = 0; i < 12; i++) {
            iv[i] ^= sessionSalt[i];
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtp, 0, headerLength);
        byte[] sealed = c.doFinal(rtp, headerLength, rtp.length - headerLength);
        byte[] out = Arrays.copyOf(rtp, headerLength + sealed.length);
        System.arraycopy(sealed, 0, out, headerLength, sealed.length);
        return out;
    }

    static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
