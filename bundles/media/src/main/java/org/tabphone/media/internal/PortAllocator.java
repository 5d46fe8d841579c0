package org.tabphone.media.internal;

import java.util.BitSet;

/**
 * Hands out even media ports from the configured range (RTP on the even port, RTCP on the odd
 * one above it, RFC 3550 §11), round-robin so a port just released isn't reused at once (late
 * packets of the old call would land in the new one). Thread-safe.
 */
final class PortAllocator {
    private final int min;
    private final int max;
    private final BitSet used = new BitSet();
    private int next;

    /** {@code min} is rounded up to even; pairs that don't fit below {@code max} are not used. */
    PortAllocator(int min, int max) {
        if (min < 1024 || max > 65535 || max - min < 3) {
            throw new IllegalArgumentException("media port range " + min + "-" + max
                + " must lie within 1024-65535 and hold at least two port pairs");
        }
        this.min = (min + 1) & ~1;
        this.max = max;
        this.next = this.min;
    }

    int capacity() {
        return (max - min + 1) / 2;
    }

    synchronized int inUse() {
        return used.cardinality();
    }

    /** The next free even port, or -1 when every pair is taken. */
    synchronized int take() {
        int pairs = capacity();
        for (int i = 0; i < pairs; i++) {
            int port = next;
            next = next + 2 > max - 1 ? min : next + 2;
            int slot = (port - min) / 2;
            if (!used.get(slot)) {
                used.set(slot);
                return port;
            }
        }
        return -1;
    }

    synchronized void release(int port) {
        if (port >= min && port <= max) {
            used.clear((port - min) / 2);
        }
    }

    boolean contains(int port) {
        return port >= min && port <= max;
    }
}
