package org.tabphone.media.internal;

import io.netty.channel.socket.DatagramPacket;

/**
 * RTP a leg sent before it was connected: an answerer may send as soon as it has sent its answer
 * (RFC 3264 §6.1), so a callee's first packets can reach the gateway before the gateway has read
 * the 200 carrying that answer. The newest few are held (retained pooled buffers, no copy) and
 * relayed once the route exists; anything older than {@link #MAX_AGE_NANOS} by then is stale
 * (ringback sent before answering, say) and dropped. Event-loop confined; the slots are made on
 * the first early packet, once per leg.
 */
final class EarlyPackets {
    /** 160 ms of 20 ms packets. */
    static final int SLOTS = 8;
    /** What is older when the route comes would only add delay. */
    static final long MAX_AGE_NANOS = 100_000_000L;

    private final DatagramPacket[] packets = new DatagramPacket[SLOTS];
    private final long[] arrived = new long[SLOTS];
    /** Oldest held packet's slot, and how many are held. */
    private int head;
    private int count;

    /** Takes ownership of {@code p}; returns the packet it pushed out (the oldest), or null. */
    DatagramPacket hold(DatagramPacket p, long nowNanos) {
        DatagramPacket out = null;
        if (count == SLOTS) {
            out = packets[head];
            packets[head] = null;
            head = (head + 1) % SLOTS;
            count--;
        }
        int slot = (head + count) % SLOTS;
        packets[slot] = p;
        arrived[slot] = nowNanos;
        count++;
        return out;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The oldest held packet, handed over to the caller, or null when none is left. */
    DatagramPacket poll() {
        if (count == 0) {
            return null;
        }
        DatagramPacket p = packets[head];
        packets[head] = null;
        head = (head + 1) % SLOTS;
        count--;
        return p;
    }

    /** When the packet {@link #poll()} returns next arrived. */
    long oldestArrival() {
        return arrived[head];
    }
}
