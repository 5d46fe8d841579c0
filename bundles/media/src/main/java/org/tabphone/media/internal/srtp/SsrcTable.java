package org.tabphone.media.internal.srtp;

/**
 * A tiny SSRC → crypto context map with a hard size limit, for the one or two SSRCs an audio leg has.
 * Linear scan over an {@code int[]}, with the last hit remembered; no boxing, no allocation on lookup.
 * Not thread-safe.
 */
final class SsrcTable<T> {
    private final int[] ssrcs;
    private final Object[] values;
    private int size;
    private int last;

    SsrcTable(int capacity) {
        ssrcs = new int[capacity];
        values = new Object[capacity];
    }

    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        if (size > 0 && ssrcs[last] == ssrc) {
            return (T) values[last];
        }
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                last = i;
                return (T) values[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size == ssrcs.length;
    }

    int size() {
        return size;
    }

    /** Adds a mapping for an SSRC that is not present; the caller checked {@link #isFull()}. */
    void put(int ssrc, T value) {
        ssrcs[size] = ssrc;
        values[size] = value;
        last = size;
        size++;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            values[i] = null;
        }
        size = 0;
        last = 0;
    }
}
