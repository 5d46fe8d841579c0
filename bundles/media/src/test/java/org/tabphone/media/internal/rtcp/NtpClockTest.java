package org.tabphone.media.internal.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** RFC 3550 §4 NTP timestamps, the compact LSR form and the report interval of §6.2. */
class NtpClockTest {
    @Test
    void rfc3550_4_unixEpochIsNtpSecond2208988800() {
        assertEquals(2_208_988_800L << 32, NtpClock.fromUnixNanos(0));
        assertEquals((2_208_988_800L << 32) | 0x80000000L, NtpClock.fromUnixNanos(500_000_000L), "half a second");
    }

    @Test
    void readsNanoTimeFromItsAnchor() {
        NtpClock c = new NtpClock(1_000_000_000L, 5000);
        assertEquals((2_208_988_801L << 32) | 0x40000000L, c.ntp(5000 + 250_000_000L));
    }

    @Test
    void rfc3550_6_4_1_middle32AndCompactUnits() {
        assertEquals(0x56789ABC, NtpClock.middle32(0x123456789ABCDEF0L));
        assertEquals(65536, NtpClock.toCompact(1_000_000_000L));
        assertEquals(32768, NtpClock.toCompact(500_000_000L));
        assertEquals(0, NtpClock.toCompact(-5));
        assertEquals(1000.0, NtpClock.compactToMillis(65536), 1e-9);
    }

    @Test
    void rfc3550_6_2_intervalIsFiveSecondsRandomisedAndTheFirstHalf() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            long next = RtcpInterval.next(false, random);
            assertTrue(next >= 2_500_000_000L && next < 7_500_000_000L, Long.toString(next));
            long first = RtcpInterval.next(true, random);
            assertTrue(first >= 1_250_000_000L && first < 3_750_000_000L, Long.toString(first));
        }
    }
}
