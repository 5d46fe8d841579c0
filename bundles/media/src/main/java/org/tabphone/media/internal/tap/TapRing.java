package org.tabphone.media.internal.tap;

import java.util.concurrent.atomic.AtomicLong;

import org.tabphone.media.api.TapSide;

/**
 * The hand-over from one call's media event loop (the only producer) to the tap thread (the only
 * consumer): a fixed ring of preallocated slots, so the relay copies a packet and stores a few
 * fields — no allocation, no lock, no wait. A full ring or an oversize packet is a counted drop.
 */
final class TapRing {
    private final int mask;
    private final int slotBytes;
    private final byte[][] data;
    private final int[] length;
    private final TapSide[] side;
    private final long[] nanos;
    private final int[] audioPt;
    private final String[] encoding;
    private final int[] clockRate;
    /** Next slot the producer fills; published with lazySet after the slot is written. */
    private final AtomicLong tail = new AtomicLong();
    /** Next slot the consumer reads; published after the slot is read, which frees it. */
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** @param slots a power of two */
    TapRing(int slots, int slotBytes) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.mask = slots - 1;
        this.slotBytes = slotBytes;
        this.data = new byte[slots][slotBytes];
        this.length = new int[slots];
        this.side = new TapSide[slots];
        this.nanos = new long[slots];
        this.audioPt = new int[slots];
        this.encoding = new String[slots];
        this.clockRate = new int[slots];
    }

    /**
     * Producer (the media event loop): copies the RTP packet at {@code p[off..off+len)}. Returns
     * false, counting a drop, when the ring is full or the packet is larger than a slot.
     *
     * @param pt       the leg's audio payload type (-1 unknown)
     * @param enc      its encoding name, e.g. {@code PCMU} (null unknown)
     * @param rate     its clock rate
     */
    boolean offer(TapSide who, byte[] p, int off, int len, long arrivalNanos, int pt, String enc, int rate) {
        long t = tail.get();
        if (t - head.get() > mask || len > slotBytes) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (int) t & mask;
        System.arraycopy(p, off, data[i], 0, len);
        length[i] = len;
        side[i] = who;
        nanos[i] = arrivalNanos;
        audioPt[i] = pt;
        encoding[i] = enc;
        clockRate[i] = rate;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer: how many slots are ready. */
    int available() {
        return (int) (tail.get() - head.get());
    }

    /** Consumer: the slot {@code k} positions after the head (k &lt; available()). */
    int slot(int k) {
        return (int) (head.get() + k) & mask;
    }

    /** Consumer: frees the first {@code n} ready slots. */
    void release(int n) {
        head.lazySet(head.get() + n);
    }

    long dropped() {
        return dropped.get();
    }

    byte[] data(int slot) {
        return data[slot];
    }

    int length(int slot) {
        return length[slot];
    }

    TapSide side(int slot) {
        return side[slot];
    }

    long nanos(int slot) {
        return nanos[slot];
    }

    int audioPt(int slot) {
        return audioPt[slot];
    }

    String encoding(int slot) {
        return encoding[slot];
    }

    int clockRate(int slot) {
        return clockRate[slot];
    }
}
