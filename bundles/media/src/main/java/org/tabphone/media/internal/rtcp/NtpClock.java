package org.tabphone.media.internal.rtcp;

/**
 * The wallclock of RTCP sender reports as a 64-bit NTP timestamp (RFC 3550 §4: seconds since
 * 1900 in the high word, the fraction in the low word), read from {@link System#nanoTime()}
 * anchored once to the system clock: monotonic within a call (an NTP step of the host would
 * otherwise show up as a jump in the round trip a leg computes from our SRs) and free of
 * allocation, unlike {@code Instant.now()}.
 */
public final class NtpClock {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;
    private static final long NANOS = 1_000_000_000L;

    private final long unixNanosAtAnchor;
    private final long nanoTimeAtAnchor;

    public NtpClock(long unixNanosAtAnchor, long nanoTimeAtAnchor) {
        this.unixNanosAtAnchor = unixNanosAtAnchor;
        this.nanoTimeAtAnchor = nanoTimeAtAnchor;
    }

    /** Anchored to the system clock now. */
    public static NtpClock system() {
        return new NtpClock(System.currentTimeMillis() * 1_000_000L, System.nanoTime());
    }

    /** The NTP timestamp of the {@link System#nanoTime()} reading {@code nanoTime}. */
    public long ntp(long nanoTime) {
        return fromUnixNanos(unixNanosAtAnchor + (nanoTime - nanoTimeAtAnchor));
    }

    /** NTP timestamp of a Unix time in nanoseconds. */
    static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS) + UNIX_TO_NTP_SECONDS;
        long rest = Math.floorMod(unixNanos, NANOS);
        return (seconds << 32) | ((rest << 32) / NANOS);
    }

    /** The middle 32 bits of an NTP timestamp: the "compact" form of LSR (RFC 3550 §6.4.1), in 1/65536 s. */
    public static int middle32(long ntp) {
        return (int) (ntp >>> 16);
    }

    /** A duration in units of 1/65536 s (DLSR, round trip), from nanoseconds; never negative. */
    public static long toCompact(long nanos) {
        return nanos <= 0 ? 0 : (nanos / 1000) * 65536 / 1_000_000;
    }

    /** A duration in 1/65536 s as milliseconds. */
    public static double compactToMillis(long compact) {
        return compact * 1000.0 / 65536.0;
    }
}
