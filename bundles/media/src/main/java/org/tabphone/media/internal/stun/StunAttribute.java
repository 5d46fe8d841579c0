package org.tabphone.media.internal.stun;

/**
 * STUN attribute types used by an ICE-Lite responder (RFC 8489 §14 and §18.3, RFC 8445 §16.1).
 * Types below 0x8000 are comprehension-required: a request carrying one we do not know gets a
 * 420 (Unknown Attribute) answer (RFC 8489 §6.3.1).
 */
public final class StunAttribute {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int PASSWORD_ALGORITHM = 0x001D;
    public static final int USERHASH = 0x001E;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    public static final int ALTERNATE_DOMAIN = 0x8003;
    public static final int SOFTWARE = 0x8022;
    public static final int ALTERNATE_SERVER = 0x8023;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    /** Attribute header: 16-bit type, 16-bit value length. */
    public static final int HEADER_LENGTH = 4;
    public static final int MESSAGE_INTEGRITY_LENGTH = 20;
    public static final int FINGERPRINT_LENGTH = 4;
    /** RFC 8489 §14.3: USERNAME is less than 509 bytes. */
    public static final int MAX_USERNAME_LENGTH = 508;

    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    private StunAttribute() {
    }

    /** RFC 8489 §14: 0x0000-0x7FFF are comprehension-required. */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** Comprehension-required attributes this codec understands in a Binding request. */
    static boolean isKnownComprehensionRequired(int type) {
        switch (type) {
            case MAPPED_ADDRESS:
            case USERNAME:
            case MESSAGE_INTEGRITY:
            case MESSAGE_INTEGRITY_SHA256: // parsed and ignored: ICE uses MESSAGE-INTEGRITY (HMAC-SHA1)
            case ERROR_CODE:
            case UNKNOWN_ATTRIBUTES:
            case REALM:
            case NONCE:
            case XOR_MAPPED_ADDRESS:
            case PRIORITY:
            case USE_CANDIDATE:
                return true;
            default:
                return false;
        }
    }

    /** Value length rounded up to the 4-byte boundary (RFC 8489 §14). */
    public static int padded(int valueLength) {
        return (valueLength + 3) & ~3;
    }
}
