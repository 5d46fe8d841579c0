package org.tabphone.media.internal.srtp;

/** The few RTP/RTCP header reads SRTP needs before handing a packet to jitsi-srtp (RFC 3550 §5.1, §6.4). */
final class RtpHeaders {
    static final int RTP_FIXED_HEADER = 12;
    /** RTCP common header plus sender SSRC. */
    static final int RTCP_FIXED_HEADER = 8;

    private RtpHeaders() {
    }

    static boolean isVersion2(byte firstByte) {
        return (firstByte & 0xC0) == 0x80;
    }

    /**
     * Length of the RTP header (fixed part, CSRCs, extension) or -1 if the packet is not version 2 or
     * too short for what its header announces.
     */
    static int rtpHeaderLength(byte[] buf, int off, int len) {
        if (len < RTP_FIXED_HEADER || !isVersion2(buf[off])) {
            return -1;
        }
        int b0 = buf[off] & 0xFF;
        int length = RTP_FIXED_HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (length + 4 > len) {
                return -1;
            }
            int words = ((buf[off + length + 2] & 0xFF) << 8) | (buf[off + length + 3] & 0xFF);
            length += 4 + 4 * words;
        }
        return length <= len ? length : -1;
    }

    static int readInt(byte[] buf, int i) {
        return ((buf[i] & 0xFF) << 24) | ((buf[i + 1] & 0xFF) << 16) | ((buf[i + 2] & 0xFF) << 8) | (buf[i + 3] & 0xFF);
    }
}
