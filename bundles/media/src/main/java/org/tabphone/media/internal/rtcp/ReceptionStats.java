package org.tabphone.media.internal.rtcp;

/**
 * Reception statistics of the RTP stream one leg sends us, as RFC 3550 appendix A keeps them for
 * each source: the extended highest sequence number with its cycles (A.1), expected and received
 * packets and the loss derived from them (A.3), and interarrival jitter (A.8). They feed the report
 * block the gateway sends that leg and the leg's loss and jitter for the shell and CDRs.
 *
 * <p>Unlike A.1 a new source needs no probation: the gateway already accepted the leg by its
 * signalling and ICE/latching. A new SSRC (a re-INVITE, a transfer on the far side of that phone)
 * starts a new source; the loss counted on the previous ones is kept for {@link #totalLost()}.
 * Event-loop confined; no allocation.
 */
public final class ReceptionStats {
    /** A.1: a forward jump of this many or more is not a gap but a restart (or a new source). */
    static final int MAX_DROPOUT = 3000;
    /** A.1: a backward step of at most this many is reordering, not a restart. */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private boolean started;
    private int ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    /** Loss counted on earlier sources (and before a restart), for the leg's total. */
    private long lostBefore;
    /** A.8: the previous packet's relative transit time, and the jitter estimate, in RTP ticks. */
    private long lastTransit = Long.MIN_VALUE;
    private double jitter;

    /**
     * Counts a packet of SSRC {@code ssrc} with sequence number {@code seq} and RTP timestamp
     * {@code ts} that arrived at {@code arrivalTicks} (arrival time on the stream's clock).
     *
     * @param clockRate ticks per second of the stream (a transit step of a second or more is a
     *                  pause or a new timeline, not jitter)
     */
    public void onPacket(int ssrc, int seq, int ts, long arrivalTicks, int clockRate) {
        if (!started || ssrc != this.ssrc) {
            if (started) {
                lostBefore += Math.max(0, lost());
            }
            started = true;
            this.ssrc = ssrc;
            restart(seq);
        } else if (!updateSeq(seq)) {
            return;
        }
        received++;
        long transit = arrivalTicks - (ts & 0xFFFFFFFFL);
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(transit - lastTransit);
            if (d < clockRate) {
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
    }

    /** A.1 update_seq: false when the packet is the first of a suspected restart (not counted yet). */
    private boolean updateSeq(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // two sequential packets after a big jump: the source restarted its numbering
                lostBefore += Math.max(0, lost());
                restart(seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else a duplicate or a reordered packet: counted as received, as A.1 does
        return true;
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        lastTransit = Long.MIN_VALUE;
    }

    /** Whether any packet arrived: a report block needs a source. */
    public boolean started() {
        return started;
    }

    /** The SSRC the report block is about. */
    public int ssrc() {
        return ssrc;
    }

    /** Extended highest sequence number received (A.1: cycles + max_seq). */
    public long extendedHighestSeq() {
        return cycles + maxSeq;
    }

    /** A.3: packets expected from the current source. */
    public long expected() {
        return extendedHighestSeq() - baseSeq + 1;
    }

    public long received() {
        return received;
    }

    /** A.3: cumulative packets lost of the current source, expected − received (negative with duplicates). */
    public long lost() {
        return started ? expected() - received : 0;
    }

    /** A.3 as the report block carries it: 24-bit signed, clamped. */
    public int cumulativeLostField() {
        return (int) Math.max(-0x800000L, Math.min(0x7FFFFFL, lost()));
    }

    /** Loss over all sources of this leg, never negative: the leg's {@code packetsLost}. */
    public long totalLost() {
        return lostBefore + Math.max(0, lost());
    }

    /**
     * A.3: the fraction lost since the previous call, as an 8-bit fixed point fraction (lost × 256 /
     * expected, 0 when none were lost or duplicates outnumber losses). Moves the interval on: call
     * once per report sent.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /** A.8 interarrival jitter in RTP ticks. */
    public double jitter() {
        return jitter;
    }
}
