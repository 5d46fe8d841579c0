package org.tabphone.acl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.SipRequestFilter.Verdict;

/** A flooding source is throttled on a fake clock; other sources are not. */
class SourceRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final SourceRateLimiter limiter = new SourceRateLimiter(now::get);

    private Verdict from(String ip) throws Exception {
        return limiter.check(InetAddress.getByName(ip).getAddress());
    }

    @Test
    void aBurstPassesThenOne503ASecondAndTheRestIsDropped() throws Exception {
        limiter.limits(new SourceRateLimiter.Limits(10, 20, List.of()));
        for (int i = 0; i < 20; i++) {
            assertSame(Verdict.PASS, from("198.51.100.2"), "burst request " + i);
        }
        assertEquals(503, from("198.51.100.2").status());
        for (int i = 0; i < 100; i++) {
            assertSame(Verdict.DROP, from("198.51.100.2"));
        }
        assertSame(Verdict.PASS, from("198.51.100.3"), "another source has its own bucket");
        now.addAndGet(100_000_000L); // 0.1 s refills one token
        assertSame(Verdict.PASS, from("198.51.100.2"));
        assertSame(Verdict.DROP, from("198.51.100.2"));
        now.addAndGet(1_000_000_000L);
        int passed = 0;
        Verdict v;
        while ((v = from("198.51.100.2")).passes()) {
            passed++;
        }
        assertEquals(10, passed, "a second later: the rate's worth of requests");
        assertEquals(503, v.status(), "and a new 503 once the second has passed");
    }

    @Test
    void exemptNetworksAndAZeroRateAreNeverLimited() throws Exception {
        limiter.limits(new SourceRateLimiter.Limits(1, 1, List.of(Cidr.parse("127.0.0.0/8"))));
        for (int i = 0; i < 50; i++) {
            assertSame(Verdict.PASS, from("127.0.0.1"));
        }
        limiter.limits(SourceRateLimiter.Limits.OFF);
        for (int i = 0; i < 50; i++) {
            assertSame(Verdict.PASS, from("198.51.100.2"));
        }
    }

    @Test
    void quietSourcesAreForgotten() throws Exception {
        limiter.limits(new SourceRateLimiter.Limits(10, 20, List.of()));
        from("198.51.100.2");
        from("198.51.100.3");
        assertEquals(2, limiter.sources());
        now.addAndGet(10_000_000_000L);
        limiter.sweep();
        assertEquals(0, limiter.sources());
    }
}
