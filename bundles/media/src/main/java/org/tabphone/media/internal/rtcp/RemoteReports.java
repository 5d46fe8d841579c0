package org.tabphone.media.internal.rtcp;

/**
 * What one leg told us in its RTCP: its last sender report (the LSR/DLSR we echo in our report
 * block about its stream), its last report block about the stream we send it (its view of
 * our loss and jitter, and the round trip it lets us compute), whether it said BYE, and how many
 * packets of each other kind it sent (feedback, XR, …), which the gateway terminates. Filled by
 * {@link RtcpReader} on the session's event loop (the only writer); the counters are read by the
 * shell from another thread, hence volatile where a torn or stale read would mislead.
 */
public final class RemoteReports {
    /** Compound RTCP packets read (valid ones). */
    volatile long packets;

    // the leg's last SR
    boolean haveSenderReport;
    int senderReportSsrc;
    /** Middle 32 bits of the SR's NTP timestamp: the LSR of our next report block about that source. */
    int senderReportNtpMiddle;
    /** When it arrived (System.nanoTime), for DLSR. */
    long senderReportArrivalNanos;

    // the leg's last report block about our stream
    volatile boolean haveReport;
    volatile int fractionLost;
    volatile int cumulativeLost;
    volatile long extendedHighestSeq;
    /** Interarrival jitter of our stream as the leg measures it, in RTP ticks. */
    volatile long jitter;
    /** Round trip gateway→leg→gateway from the last block with an LSR, in 1/65536 s; -1 until known. */
    volatile long roundTripCompact = -1;

    // what else the leg sent: counted, never forwarded
    /** BYE packets (RFC 3550 §6.6), and the SSRC the last one named (its first). */
    volatile long byes;
    volatile int byeSsrc;
    /** Compounds that did not start with an SR or RR (RFC 5506 reduced-size). */
    volatile long reducedSize;
    /** RTPFB with FMT 15: transport-wide congestion control feedback (what Chrome sends most). */
    volatile long transportCc;
    /** Other RTPFB (RFC 4585 §6.2: generic NACK; RFC 5104 TMMBR/TMMBN …). */
    volatile long transportFeedback;
    /** PSFB (RFC 4585 §6.3: PLI, SLI, RPSI, AFB such as REMB; RFC 5104 FIR …). */
    volatile long payloadFeedback;
    /** XR (RFC 3611). */
    volatile long extendedReports;
    /** APP and packet types we do not know. */
    volatile long otherPackets;

    public long packets() {
        return packets;
    }

    public boolean haveReport() {
        return haveReport;
    }

    public int fractionLost() {
        return fractionLost;
    }

    public int cumulativeLost() {
        return cumulativeLost;
    }

    public long extendedHighestSeq() {
        return extendedHighestSeq;
    }

    public long jitter() {
        return jitter;
    }

    /** The fraction of our packets the leg reports lost since its previous report, 0..1; -1 before its first. */
    public double fractionLostRatio() {
        return haveReport ? fractionLost / 256.0 : -1;
    }

    public long byes() {
        return byes;
    }

    /** Whether the leg said BYE for {@code ssrc} (RFC 3550 §6.6: that source left the session). */
    public boolean saidBye(int ssrc) {
        return byes > 0 && byeSsrc == ssrc;
    }

    public long reducedSize() {
        return reducedSize;
    }

    public long transportCc() {
        return transportCc;
    }

    public long transportFeedback() {
        return transportFeedback;
    }

    public long payloadFeedback() {
        return payloadFeedback;
    }

    /** All RFC 4585 feedback packets (RTPFB and PSFB). */
    public long feedback() {
        return transportCc + transportFeedback + payloadFeedback;
    }

    public long extendedReports() {
        return extendedReports;
    }

    public long otherPackets() {
        return otherPackets;
    }

    public long roundTripCompact() {
        return roundTripCompact;
    }

    /** Round trip in milliseconds, or -1 when no report block echoed one of our SRs yet. */
    public double roundTripMillis() {
        long rtt = roundTripCompact;
        return rtt < 0 ? -1 : NtpClock.compactToMillis(rtt);
    }

    /**
     * The LSR for a report block about {@code source}: the middle of its last SR's NTP time, or 0
     * when it sent none (RFC 3550 §6.4.1) — an SR of another SSRC is not that source's.
     */
    public int lastSenderReport(int source) {
        return haveSenderReport && senderReportSsrc == source ? senderReportNtpMiddle : 0;
    }

    /** DLSR for a block about {@code source} sent at {@code nowNanos}, in 1/65536 s; 0 without an SR. */
    public int delaySinceLastSenderReport(int source, long nowNanos) {
        if (lastSenderReport(source) == 0) {
            return 0;
        }
        return (int) Math.min(0xFFFFFFFFL, NtpClock.toCompact(nowNanos - senderReportArrivalNanos));
    }
}
