package org.tabphone.media.internal.rtcp;

/**
 * Reads a compound RTCP packet a leg sent (after SRTCP on WebRTC legs) into its
 * {@link RemoteReports}: from an SR (RFC 3550 §6.4.1) the middle 32 bits of its NTP time and when
 * it arrived; from SR and RR report blocks about our SSRC (§6.4.2) the loss, jitter and the round
 * trip A − LSR − DLSR; from a BYE (§6.6) the SSRC that left. Feedback (RFC 4585 RTPFB/PSFB:
 * NACK, transport-cc, PLI, REMB …), XR (RFC 3611), APP and types we do not know are counted and
 * skipped: the gateway terminates RTCP per leg and answers for itself, so nothing is forwarded.
 *
 * <p>The whole compound is checked first (version 2, each length inside the datagram, the
 * lengths adding up exactly, each SR/RR/BYE/feedback packet long enough for what its header
 * announces; §6.1 / A.2 without insisting on SR/RR first, so a reduced-size packet of RFC 5506 —
 * a lone feedback message — is read rather than refused) and nothing is taken from an invalid
 * one. No allocation.
 */
public final class RtcpReader {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    static final int APP = 204;
    /** RFC 4585 §6.1: transport layer feedback (generic NACK, transport-cc …). */
    static final int RTPFB = 205;
    /** RFC 4585 §6.1: payload-specific feedback (PLI, FIR, REMB …). */
    static final int PSFB = 206;
    /** RFC 3611 extended reports. */
    static final int XR = 207;
    /** RFC 4585 §6.1: common header, SSRC of the sender, SSRC of the media source. */
    private static final int FB_FIXED = 12;
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
        int first = p[off + 1] & 0xFF;
        if (first != SR && first != RR) {
            into.reducedSize++; // RFC 5506: not a full compound (we never offer rtcp-rsize, but a leg may send it)
        }
        for (int at = off; at < end; at += size(p, at)) {
            int pt = p[at + 1] & 0xFF;
            int count = p[at] & 0x1F;
            switch (pt) {
                case SR -> {
                    into.haveSenderReport = true;
                    into.senderReportSsrc = readInt(p, at + 4);
                    into.senderReportNtpMiddle = readInt(p, at + 10); // bytes 2..5 of the 8-byte NTP time
                    into.senderReportArrivalNanos = nowNanos;
                    blocks(p, at + SR_FIXED, count, ourSsrc, nowNtp, into);
                }
                case RR -> blocks(p, at + RR_FIXED, count, ourSsrc, nowNtp, into);
                case SDES -> { } // the leg's CNAME: the gateway has its own, nothing to take
                case BYE -> {
                    if (count > 0) {
                        into.byeSsrc = readInt(p, at + 4); // a leg has one source; the first is it
                    }
                    into.byes++;
                }
                case RTPFB -> {
                    if (count == 15) {
                        into.transportCc++; // draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1
                    } else {
                        into.transportFeedback++;
                    }
                }
                case PSFB -> into.payloadFeedback++;
                case XR -> into.extendedReports++;
                default -> into.otherPackets++; // APP and any type we do not know
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
            if (size - padding < minimumSize(pt, count)) {
                return false;
            }
            at += size;
        }
        return true;
    }

    /** The least a packet of type {@code pt} with {@code count} in its header needs, padding excluded. */
    private static int minimumSize(int pt, int count) {
        return switch (pt) {
            case SR -> SR_FIXED + count * BLOCK;
            case RR -> RR_FIXED + count * BLOCK;
            case BYE -> HEADER + count * 4; // §6.6: SC SSRCs (a reason may follow)
            case RTPFB, PSFB -> FB_FIXED; // RFC 4585 §6.1
            case APP -> 12; // §6.7: SSRC and a 4-octet name
            default -> HEADER;
        };
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
