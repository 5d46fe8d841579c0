package org.tabphone.sdp.api;

import java.util.List;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * A {@code t=} line and the {@code r=} lines after it (RFC 8866 §5.9, §5.10). Calls use
 * {@code t=0 0}; the repeat lines are kept as written.
 *
 * @param start   NTP start time, 0 for unbounded
 * @param stop    NTP stop time, 0 for unbounded
 * @param repeats the values of the {@code r=} lines that follow, without {@code r=}: each at least
 *                three fields (interval, duration, offsets); trailing spaces are dropped
 */
public record Timing(long start, long stop, List<String> repeats) {
    /** {@code t=0 0}: a permanent session, as SIP calls use. */
    public static final Timing PERMANENT = new Timing(0, 0, List.of());

    /**
     * @throws IllegalArgumentException if a time is negative, or a repeat value holds NUL, CR or LF
     *                                  or has fewer than three fields
     */
    public Timing {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("Negative time");
        }
        List<String> checked = new java.util.ArrayList<>(repeats.size());
        for (String r : repeats) {
            String t = SdpChars.text(java.util.Objects.requireNonNull(r));
            if (SdpChars.fields(t).length < 3) {
                throw new IllegalArgumentException("r= needs an interval, a duration and offsets");
            }
            checked.add(t);
        }
        repeats = List.copyOf(checked);
    }

    /** A timing without repeats. */
    public Timing(long start, long stop) {
        this(start, stop, List.of());
    }

    /** The {@code t=} line value, without {@code t=}. */
    public String encode() {
        return start + " " + stop;
    }

    @Override
    public String toString() {
        return "t=" + encode();
    }
}
