package org.tabphone.media.internal.rtcp;

import java.util.random.RandomGenerator;

/**
 * When the gateway reports to a leg next (RFC 3550 §6.2, §6.3.1): a call has two participants
 * and audio's RTCP bandwidth share would allow a report every few hundred milliseconds, so the
 * 5-second minimum always decides; the interval is randomised to 0.5–1.5 times that so the
 * reports of many calls set up at once (a trunk's burst) do not stay in step, and the first one is
 * half of it, as §6.2 allows, so a new call's endpoints get a round trip soon. The §6.3.1
 * compensation factor (divide by e − 3/2) exists for timer reconsideration in large groups,
 * which two endpoints never need, so it is left out and the mean stays at 5 s.
 */
public final class RtcpInterval {
    public static final long MINIMUM_NANOS = 5_000_000_000L;

    private RtcpInterval() {
    }

    /** Delay before the next report, in nanoseconds. */
    public static long next(boolean first, RandomGenerator random) {
        long base = first ? MINIMUM_NANOS / 2 : MINIMUM_NANOS;
        return (long) (base * (0.5 + random.nextDouble()));
    }
}
