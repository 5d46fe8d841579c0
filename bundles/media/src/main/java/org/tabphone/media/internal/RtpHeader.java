package org.tabphone.media.internal;

/**
 * Reads and writes RTP/RTCP header fields in place (RFC 3550 §5.1, RFC 5761 §4). Static helpers
 * on a packet's bytes so the relay never copies or allocates per packet.
 */
public final class RtpHeader {
    /** The fixed RTP header. */
    public static final int MIN_LENGTH = 12;
    /** RTCP common header plus sender SSRC. */
    public static final int RTCP_MIN_LENGTH = 8;

    private RtpHeader() {
    }

    /** Version 2 and at least a fixed header. */
    static boolean isRtpOrRtcp(byte[] p, int off, int len) {
        return len >= MIN_LENGTH && isVersion2(p[off]);
    }

    public static boolean isVersion2(byte firstByte) {
        return (firstByte & 0xC0) == 0x80;
    }

    /**
     * Length of the RTP header (fixed part, CSRCs, extension), or -1 when the packet is not version
     * 2 or is shorter than its header says.
     */
    public static int headerLength(byte[] p, int off, int len) {
        return isRtpOrRtcp(p, off, len) ? payloadOffset(p, off, len) : -1;
    }

    /** The header extension's "defined by profile" field (RFC 3550 §5.3.1), or -1 when there is none. */
    public static int extensionProfile(byte[] p, int off, int len) {
        if (len < MIN_LENGTH || (p[off] & 0x10) == 0) {
            return -1;
        }
        int ext = off + MIN_LENGTH + 4 * (p[off] & 0x0F);
        return ext + 2 > off + len ? -1 : ((p[ext] & 0xFF) << 8) | (p[ext + 1] & 0xFF);
    }

    /** RFC 5761 §4: on a muxed port, packet types 192–223 (second byte) are RTCP. */
    static boolean isRtcp(byte[] p, int off) {
        int pt = p[off + 1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    static int payloadType(byte[] p, int off) {
        return p[off + 1] & 0x7F;
    }

    static void payloadType(byte[] p, int off, int pt) {
        p[off + 1] = (byte) ((p[off + 1] & 0x80) | (pt & 0x7F));
    }

    /** The marker bit (RFC 3550 §5.1; for audio, RFC 3551 §4.1: the first packet of a talkspurt). */
    static boolean marker(byte[] p, int off) {
        return (p[off + 1] & 0x80) != 0;
    }

    static void marker(byte[] p, int off, boolean set) {
        p[off + 1] = (byte) (set ? p[off + 1] | 0x80 : p[off + 1] & 0x7F);
    }

    static int sequence(byte[] p, int off) {
        return ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
    }

    static void sequence(byte[] p, int off, int seq) {
        p[off + 2] = (byte) (seq >>> 8);
        p[off + 3] = (byte) seq;
    }

    static int timestamp(byte[] p, int off) {
        return readInt(p, off + 4);
    }

    static void timestamp(byte[] p, int off, int ts) {
        writeInt(p, off + 4, ts);
    }

    static int ssrc(byte[] p, int off) {
        return readInt(p, off + 8);
    }

    static void ssrc(byte[] p, int off, int ssrc) {
        writeInt(p, off + 8, ssrc);
    }

    /**
     * Offset of the payload from the start of the packet (fixed header, CSRCs, header
     * extension), or -1 when the header claims more bytes than the packet has.
     */
    static int payloadOffset(byte[] p, int off, int len) {
        int cc = p[off] & 0x0F;
        int n = MIN_LENGTH + 4 * cc;
        if ((p[off] & 0x10) != 0) { // extension: 16-bit profile, 16-bit length in words
            if (n + 4 > len) {
                return -1;
            }
            n += 4 + 4 * (((p[off + n + 2] & 0xFF) << 8) | (p[off + n + 3] & 0xFF));
        }
        return n <= len ? n : -1;
    }

    /** Payload length without padding (RFC 3550 §5.1 P bit), or -1 when inconsistent. */
    static int payloadLength(byte[] p, int off, int len, int payloadOffset) {
        int pad = (p[off] & 0x20) != 0 ? p[off + len - 1] & 0xFF : 0;
        int n = len - payloadOffset - pad;
        return n >= 0 ? n : -1;
    }

    public static int readInt(byte[] p, int i) {
        return ((p[i] & 0xFF) << 24) | ((p[i + 1] & 0xFF) << 16) | ((p[i + 2] & 0xFF) << 8) | (p[i + 3] & 0xFF);
    }

    static void writeInt(byte[] p, int i, int v) {
        p[i] = (byte) (v >>> 24);
        p[i + 1] = (byte) (v >>> 16);
        p[i + 2] = (byte) (v >>> 8);
        p[i + 3] = (byte) v;
    }
}
