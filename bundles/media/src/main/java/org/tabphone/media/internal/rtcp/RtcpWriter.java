package org.tabphone.media.internal.rtcp;

/**
 * Writes the gateway's compound RTCP packet toward a leg (RFC 3550 §6.1: an SR or RR first, then
 * an SDES with the CNAME): an SR (§6.4.1) when the gateway sent that leg RTP since its last report,
 * else an RR (§6.4.2), each with at most one report block about the stream the leg sends us; then
 * SDES CNAME (§6.5.1), null-terminated and padded to 32 bits; and when the leg goes, a BYE (§6.6)
 * last in that compound. Each method writes at {@code off} and returns the number of bytes
 * written; the caller provides the room. No allocation.
 */
public final class RtcpWriter {
    public static final int SR_LENGTH = 28;
    public static final int RR_LENGTH = 8;
    public static final int BLOCK_LENGTH = 24;
    /** The longest BYE we write: one SSRC and a reason of up to 255 bytes. */
    public static final int MAX_BYE = byeLength(255);
    /** Room for the longest compound we write with a CNAME of up to 255 bytes, BYE included. */
    public static final int MAX_COMPOUND = SR_LENGTH + BLOCK_LENGTH + sdesLength(255) + MAX_BYE;
    private static final int SDES_CNAME = 1;

    private RtcpWriter() {
    }

    /**
     * SR header and sender info; {@code blocks} report blocks must follow.
     *
     * @param ntp     64-bit NTP time the report is sent at
     * @param rtpTime the same instant on the stream's RTP clock
     * @param packets RTP packets sent since the stream started
     * @param octets  payload octets sent since the stream started (no headers, no padding)
     */
    public static int writeSenderReport(byte[] p, int off, int ssrc, long ntp, int rtpTime, long packets,
                                        long octets, int blocks) {
        header(p, off, blocks, RtcpReader.SR, SR_LENGTH + blocks * BLOCK_LENGTH);
        writeInt(p, off + 4, ssrc);
        writeInt(p, off + 8, (int) (ntp >>> 32));
        writeInt(p, off + 12, (int) ntp);
        writeInt(p, off + 16, rtpTime);
        writeInt(p, off + 20, (int) packets); // both counts wrap modulo 2^32 (§6.4.1)
        writeInt(p, off + 24, (int) octets);
        return SR_LENGTH;
    }

    /** RR header; {@code blocks} report blocks must follow (none is a valid, empty RR). */
    public static int writeReceiverReport(byte[] p, int off, int ssrc, int blocks) {
        header(p, off, blocks, RtcpReader.RR, RR_LENGTH + blocks * BLOCK_LENGTH);
        writeInt(p, off + 4, ssrc);
        return RR_LENGTH;
    }

    /**
     * One report block (§6.4.1).
     *
     * @param fractionLost   8-bit fixed point (A.3)
     * @param cumulativeLost 24-bit signed, already clamped
     * @param lsr            middle 32 bits of the source's last SR's NTP time, or 0
     * @param dlsr           1/65536 s since that SR arrived, or 0
     */
    public static int writeReportBlock(byte[] p, int off, int source, int fractionLost, int cumulativeLost,
                                       long extendedHighestSeq, long jitter, int lsr, int dlsr) {
        writeInt(p, off, source);
        writeInt(p, off + 4, (fractionLost & 0xFF) << 24 | cumulativeLost & 0xFFFFFF);
        writeInt(p, off + 8, (int) extendedHighestSeq);
        writeInt(p, off + 12, (int) Math.min(jitter, 0xFFFFFFFFL));
        writeInt(p, off + 16, lsr);
        writeInt(p, off + 20, dlsr);
        return BLOCK_LENGTH;
    }

    /** SDES with one chunk: our SSRC and a CNAME item (US-ASCII, at most 255 bytes). */
    public static int writeSdesCname(byte[] p, int off, int ssrc, byte[] cname) {
        int length = sdesLength(cname.length);
        header(p, off, 1, RtcpReader.SDES, length);
        writeInt(p, off + 4, ssrc);
        p[off + 8] = SDES_CNAME;
        p[off + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, p, off + 10, cname.length);
        // the item list ends with a null octet, then nulls up to the next 32-bit boundary (§6.5)
        for (int i = off + 10 + cname.length; i < off + length; i++) {
            p[i] = 0;
        }
        return length;
    }

    /**
     * BYE for our one SSRC (§6.6), with an optional reason (US-ASCII, at most 255 bytes, null for
     * none) padded with nulls to 32 bits.
     */
    public static int writeBye(byte[] p, int off, int ssrc, byte[] reason) {
        int length = byeLength(reason == null ? -1 : reason.length);
        header(p, off, 1, RtcpReader.BYE, length);
        writeInt(p, off + 4, ssrc);
        if (reason != null) {
            p[off + 8] = (byte) reason.length;
            System.arraycopy(reason, 0, p, off + 9, reason.length);
            for (int i = off + 9 + reason.length; i < off + length; i++) {
                p[i] = 0;
            }
        }
        return length;
    }

    /** BYE length with one SSRC and a reason of {@code n} bytes (-1: no reason). */
    public static int byeLength(int n) {
        return n < 0 ? 8 : 8 + (1 + n + 3) / 4 * 4;
    }

    /** SDES packet length for a CNAME of {@code n} bytes: header, SSRC, item, at least one null, padded to 4. */
    public static int sdesLength(int n) {
        int items = 2 + n + 1;
        return 8 + (items + 3) / 4 * 4;
    }

    private static void header(byte[] p, int off, int count, int type, int bytes) {
        p[off] = (byte) (0x80 | count);
        p[off + 1] = (byte) type;
        int words = bytes / 4 - 1;
        p[off + 2] = (byte) (words >>> 8);
        p[off + 3] = (byte) words;
    }

    private static void writeInt(byte[] p, int i, int v) {
        p[i] = (byte) (v >>> 24);
        p[i + 1] = (byte) (v >>> 16);
        p[i + 2] = (byte) (v >>> 8);
        p[i + 3] = (byte) v;
    }
}
