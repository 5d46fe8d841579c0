package org.tabphone.media.internal.srtp;

import org.jitsi.srtp.SrtpPolicy;

/**
 * DTLS-SRTP protection profiles (RFC 5764 §4.1.2, RFC 7714 §14.2) with their key, salt and tag
 * lengths in bytes.
 */
public enum SrtpProfile {
    /** SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, 80-bit HMAC-SHA1 tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
    /** SRTP_AES128_CM_HMAC_SHA1_32: as above but a 32-bit RTP tag; SRTCP keeps 80 bits (RFC 5764 §4.1.2). */
    AES128_CM_HMAC_SHA1_32(0x0002, 16, 14, 4, 10),
    /** SRTP_AEAD_AES_128_GCM (RFC 7714): 16-byte key, 12-byte salt, 16-byte tag. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    /** SRTP_AEAD_AES_256_GCM (RFC 7714). */
    AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int rtpTagLength, int rtcpTagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The profile for a {@code use_srtp} protection profile id, or null if we do not support it. */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    public int id() {
        return id;
    }

    /** The RFC name, e.g. {@code SRTP_AES128_CM_HMAC_SHA1_80}, {@code SRTP_AEAD_AES_128_GCM}. */
    public String rfcName() {
        return "SRTP_" + name();
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    public boolean isAead() {
        return this == AEAD_AES_128_GCM || this == AEAD_AES_256_GCM;
    }

    /** Bytes protect adds to an RTP packet (the tag). */
    public int rtpOverhead() {
        return rtpTagLength;
    }

    /** Bytes protect adds to an RTCP packet: E flag + SRTCP index (4) and the tag. */
    public int rtcpOverhead() {
        return 4 + rtcpTagLength;
    }

    /** RFC 5764 §4.2: the exporter output is 2 * (key + salt) bytes. */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    SrtpPolicy rtpPolicy() {
        return policy(rtpTagLength);
    }

    SrtpPolicy rtcpPolicy() {
        return policy(rtcpTagLength);
    }

    private SrtpPolicy policy(int tagLength) {
        if (isAead()) {
            return new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, keyLength,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, tagLength, saltLength);
        }
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyLength,
                SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, tagLength, saltLength);
    }
}
