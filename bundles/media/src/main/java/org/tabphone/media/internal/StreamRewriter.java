package org.tabphone.media.internal;

/**
 * Gives the packets sent toward one leg one continuous stream (RFC 3550 §8.2 style SSRC, with
 * sequence numbers and timestamps that never jump) whatever feeds it: a fork switch, a
 * transfer or a re-INVITE changes the source SSRC, and a browser's jitter buffer would reset on
 * the jump. When the source changes, or packets were held back because the leg said it won't
 * receive (hold), numbering continues from the last packet sent: the next sequence number, the
 * timestamp advanced by the wall-clock time that passed, and the marker bit set (RFC 3551 §4.1:
 * the first packet after a stretch not sent contiguously starts a talkspurt). Event-loop confined.
 */
final class StreamRewriter {
    private final int ssrc;
    private boolean started;
    private int sourceSsrc;
    private int seqDelta;
    private int tsDelta;
    private int lastSeq;
    private int lastTs;
    private long lastNanos;
    /** When the packet carrying {@code lastTs} went, and the stream's clock: the SR's RTP time. */
    private long lastTsNanos;
    private int clockRate = 8000;
    /** Packets of the current source were held back: the next one sent starts afresh. */
    private boolean resync;

    StreamRewriter(int ssrc) {
        this.ssrc = ssrc;
    }

    int ssrc() {
        return ssrc;
    }

    /** Whether any packet went out: an SR needs a stream. */
    boolean started() {
        return started;
    }

    /**
     * The RTP timestamp of the instant {@code nowNanos} on this stream's clock (RFC 3550 §6.4.1: the
     * SR's RTP time is the NTP time's instant, not the last packet's), extrapolated from the newest
     * packet sent, so a receiver can line the stream up with the wallclock.
     */
    int timestampAt(long nowNanos) {
        return lastTs + (int) ((nowNanos - lastTsNanos) * clockRate / 1_000_000_000L);
    }

    /**
     * A packet for this stream was not sent (the leg won't receive): the receiver must not take
     * the ones held back for lost, so the next one sent continues our numbering.
     */
    void heldBack() {
        resync = started;
    }

    /** Rewrites SSRC, sequence number and timestamp of the RTP packet at {@code off} in place. */
    void rewrite(byte[] p, int off, int clockRate, long nowNanos) {
        int source = RtpHeader.ssrc(p, off);
        int seq = RtpHeader.sequence(p, off);
        int ts = RtpHeader.timestamp(p, off);
        boolean first = !started;
        if (first || source != sourceSsrc || resync) {
            if (!first) {
                long ticks = Math.max(1, (nowNanos - lastNanos) * clockRate / 1_000_000_000L);
                seqDelta = lastSeq + 1 - seq;
                tsDelta = (int) (lastTs + ticks - ts);
                RtpHeader.marker(p, off, true);
            }
            started = true;
            sourceSsrc = source;
            resync = false;
        }
        int outSeq = (seq + seqDelta) & 0xFFFF;
        int outTs = ts + tsDelta;
        RtpHeader.ssrc(p, off, ssrc);
        RtpHeader.sequence(p, off, outSeq);
        RtpHeader.timestamp(p, off, outTs);
        if (first || ((outSeq - lastSeq) & 0xFFFF) < 0x8000) { // newer (mod 2^16): reordered packets don't move the base back
            lastSeq = outSeq;
            lastTs = outTs;
            lastTsNanos = nowNanos;
            this.clockRate = clockRate;
        }
        lastNanos = nowNanos;
    }
}
