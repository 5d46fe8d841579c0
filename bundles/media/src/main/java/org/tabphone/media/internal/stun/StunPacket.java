package org.tabphone.media.internal.stun;

import io.netty.buffer.ByteBuf;

/**
 * STUN constants (RFC 8489 §5, §14, §18) and the RFC 7983 §7 first-byte demultiplexer for a media
 * port that carries STUN, DTLS and SRTP/SRTCP.
 *
 * <pre>
 *   first byte   0..3   STUN          16..19  ZRTP        20..63  DTLS
 *               64..79  TURN channel 128..191 RTP / RTCP  other   drop
 * </pre>
 *
 * <p>We write our own small codec instead of using ice4j (see {@code package-info.java}): ice4j drags in
 * Kotlin and its own jitsi-utils version and brings an agent with its own sockets and threads.
 */
public final class StunPacket {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;
    /** RFC 8489 §14.7: FINGERPRINT = CRC-32 of the message XOR this value. */
    public static final int FINGERPRINT_XOR = 0x5354554E;
    /** Largest message we accept or build (a UDP datagram that fits an Ethernet MTU). */
    public static final int MAX_MESSAGE_LENGTH = 1280;

    public static final int METHOD_BINDING = 0x001;
    public static final int CLASS_REQUEST = 0x000;
    public static final int CLASS_INDICATION = 0x010;
    public static final int CLASS_SUCCESS_RESPONSE = 0x100;
    public static final int CLASS_ERROR_RESPONSE = 0x110;
    private static final int CLASS_MASK = 0x110;

    public static final int BINDING_REQUEST = METHOD_BINDING | CLASS_REQUEST;
    public static final int BINDING_INDICATION = METHOD_BINDING | CLASS_INDICATION;
    public static final int BINDING_SUCCESS_RESPONSE = METHOD_BINDING | CLASS_SUCCESS_RESPONSE;
    public static final int BINDING_ERROR_RESPONSE = METHOD_BINDING | CLASS_ERROR_RESPONSE;

    /** What a datagram on the media port is, by its first byte (RFC 7983 §7). */
    public enum Kind { STUN, ZRTP, DTLS, TURN_CHANNEL, RTP_RTCP, UNKNOWN }

    private StunPacket() {
    }

    /** RFC 7983 §7 classification of a datagram by its first byte (0..255). */
    public static Kind classify(int firstByte) {
        int b = firstByte & 0xFF;
        if (b <= 3) {
            return Kind.STUN;
        }
        if (b >= 16 && b <= 19) {
            return Kind.ZRTP;
        }
        if (b >= 20 && b <= 63) {
            return Kind.DTLS;
        }
        if (b >= 64 && b <= 79) {
            return Kind.TURN_CHANNEL;
        }
        if (b >= 128 && b <= 191) {
            return Kind.RTP_RTCP;
        }
        return Kind.UNKNOWN;
    }

    public static boolean isStun(int firstByte) {
        return (firstByte & 0xFF) <= 3;
    }

    public static boolean isDtls(int firstByte) {
        int b = firstByte & 0xFF;
        return b >= 20 && b <= 63;
    }

    public static boolean isRtpOrRtcp(int firstByte) {
        int b = firstByte & 0xFF;
        return b >= 128 && b <= 191;
    }

    /** First readable byte of {@code buf} says STUN. Does not move the reader index. */
    public static boolean isStun(ByteBuf buf) {
        return buf.isReadable() && isStun(buf.getByte(buf.readerIndex()));
    }

    public static boolean isStun(byte[] buf, int off, int len) {
        return len > 0 && isStun(buf[off]);
    }

    /** The class bits of a message type ({@link #CLASS_REQUEST}, ...). */
    public static int messageClass(int messageType) {
        return messageType & CLASS_MASK;
    }

    /** The method bits of a message type ({@link #METHOD_BINDING}, ...). */
    public static int method(int messageType) {
        return messageType & ~CLASS_MASK & 0x3FFF;
    }
}
