package org.tabphone.media.internal.rtcp;

/**
 * Reads a compound RTCP packet a leg sent (after SRTCP on WebRTC legs) into its
 * {@link RemoteReports}: from an SR (RFC 3550 §6.4.1) the middle 32 bits of its NTP time and when
 * it arrived; from SR and RR report blocks about our SSRC (§6.4.2) the loss, jitter and the round
 * trip A − LSR − DLSR. Every other packet type (SDES, BYE, APP, RTPFB/PSFB feedback, XR) is skipped:
 * the gateway terminates RTCP and answers for itself.
 *
 * <p>The whole compound is checked first (version 2, each length inside the datagram, the
 * lengths adding up exactly; §6.1 / A.2 without insisting on SR/RR first, so a reduced-size
 * feedback packet is skipped rather than refused) and nothing is taken from an invalid one.
 * No allocation.
 */
public final class RtcpReader {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    private static final int HEADER = 4;
    private static final int SR_FIXED = 28;
    private static final int RR_FIXED = 8;
    private static final int BLOCK = 24;

    private RtcpReader() {
    }

    /**
     * Reads {@code len} bytes at {@code off}.
     *
     * @param ourSsrc   the SSRC we send the leg: only report blocks about it are taken
     * @param nowNanos  arrival time (System.nanoTime)
     * @param nowNtp    arrival time as NTP (for the round trip)
     * @return false (and {@code into} untouched) when the packet is not a valid compound RTCP packet
     */
    public static boolean read(byte[] p, int off, int len, int ourSsrc, long nowNanos, long nowNtp,
                               RemoteReports into) {
        if (!valid(p, off, len)) {
            return false;
        }
        int end = off + len;
        for (int at = off; at < end; at += size(p, at)) {
            int pt = p[at + 1] & 0xFF;
            int count = p[at] & 0x1F;
            if (pt == SR) {
                into.haveSenderReport = true;
                into.senderReportSsrc = readInt(p, at + 4);
                into.senderReportNtpMiddle = readInt(p, at + 10); // bytes 2..5 of the 8-byte NTP time
                into.senderReportArrivalNanos = nowNanos;
                blocks(p, at + SR_FIXED, count, ourSsrc, nowNtp, into);
            } else if (pt == RR) {
                blocks(p, at + RR_FIXED, count, ourSsrc, nowNtp, into);
            }
        }
        into.packets++;
        return true;
    }

    /** The structural checks of RFC 3550 A.2 (types other than SR/RR allowed first, see above). */
    static boolean valid(byte[] p, int off, int len) {
        if (len < RR_FIXED || off < 0 || off + len > p.length) {
            return false;
        }
        int end = off + len;
        int at = off;
        while (at < end) {
            if (end - at < HEADER || (p[at] & 0xC0) != 0x80) {
                return false;
            }
            int size = size(p, at);
            if (size > end - at) {
                return false;
            }
            boolean last = at + size == end;
            if ((p[at] & 0x20) != 0 && !last) {
                return false; // only the last packet of a compound may be padded (§6.4.1 P bit)
            }
            int pt = p[at + 1] & 0xFF;
            int count = p[at] & 0x1F;
            int padding = (p[at] & 0x20) != 0 ? p[at + size - 1] & 0xFF : 0;
            if (pt == SR && size - padding < SR_FIXED + count * BLOCK
                || pt == RR && size - padding < RR_FIXED + count * BLOCK) {
                return false;
            }
            at += size;
        }
        return true;
    }

    private static int size(byte[] p, int at) {
        return (((p[at + 2] & 0xFF) << 8 | (p[at + 3] & 0xFF)) + 1) * 4;
    }

    private static void blocks(byte[] p, int at, int count, int ourSsrc, long nowNtp, RemoteReports into) {
        for (int i = 0; i < count; i++, at += BLOCK) {
            if (readInt(p, at) != ourSsrc) {
                continue;
            }
            into.fractionLost = p[at + 4] & 0xFF;
            into.cumulativeLost = (readInt(p, at + 4) << 8) >> 8; // 24-bit two's complement
            into.extendedHighestSeq = readInt(p, at + 8) & 0xFFFFFFFFL;
            into.jitter = readInt(p, at + 12) & 0xFFFFFFFFL;
            long lsr = readInt(p, at + 16) & 0xFFFFFFFFL;
            long dlsr = readInt(p, at + 20) & 0xFFFFFFFFL;
            if (lsr != 0) {
                long rtt = roundTrip(NtpClock.middle32(nowNtp) & 0xFFFFFFFFL, lsr, dlsr);
                if (rtt >= 0) {
                    into.roundTripCompact = rtt;
                }
            }
            into.haveReport = true;
        }
    }

    /**
     * RFC 3550 §6.4.1: round trip = A − LSR − DLSR in 1/65536 s, modulo 2^32; -1 when that comes
     * out "negative" (more than half the range: a clock step or a forged block).
     */
    static long roundTrip(long arrivalCompact, long lsr, long dlsr) {
        long rtt = (arrivalCompact - lsr - dlsr) & 0xFFFFFFFFL;
        return rtt < 0x80000000L ? rtt : -1;
    }

    static int readInt(byte[] p, int i) {
        return ((p[i] & 0xFF) << 24) | ((p[i + 1] & 0xFF) << 16) | ((p[i + 2] & 0xFF) << 8) | (p[i + 3] & 0xFF);
    }
}
