package org.tabphone.acl.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.tabphone.transport.api.SipRequestFilter.Verdict;

/**
 * Per-source token buckets: each source address may send {@code perSecond} requests a second,
 * with bursts up to {@code burst}. Over the limit a source is told 503 with Retry-After at most
 * once a second, and the rest of its flood is dropped, so a flood is never answered at its own
 * rate. Exempt networks (loopback by default) are not counted. Thread-safe; a bucket is only
 * contended by its own source.
 */
final class SourceRateLimiter {
    static final Verdict SLOW_DOWN = Verdict.reject(503, "Too many requests from your address");
    private static final long SECOND = 1_000_000_000L;
    /** Beyond this many tracked sources (a spoofed-source flood), idle ones are swept at once. */
    private static final int MAX_SOURCES = 100_000;

    private static final class Bucket {
        double tokens;
        long lastNanos;
        long lastToldNanos = Long.MIN_VALUE / 2;
        volatile long lastUsedNanos;
    }

    /** Immutable limits; {@code perSecond == 0} turns the limiter off. */
    record Limits(int perSecond, int burst, List<Cidr> exempt) {
        static final Limits OFF = new Limits(0, 0, List.of());
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    /** An address as map key (byte arrays compare by identity). */
    private record Key(long high, long low) {
        static Key of(byte[] a) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < a.length; i++) {
                if (i < 8) {
                    hi = hi << 8 | (a[i] & 0xff);
                } else {
                    lo = lo << 8 | (a[i] & 0xff);
                }
            }
            return new Key(a.length == 4 ? hi | 1L << 40 : hi, lo); // IPv4 never equals an IPv6 prefix
        }
    }
    private final LongSupplier nanos;
    private volatile Limits limits = Limits.OFF;

    SourceRateLimiter(LongSupplier nanos) {
        this.nanos = nanos;
    }

    void limits(Limits next) {
        limits = next;
        buckets.clear();
    }

    /** PASS while within the limit; else 503 (once a second) or DROP. */
    Verdict check(byte[] address) {
        Limits l = limits;
        if (l.perSecond() <= 0) {
            return Verdict.PASS;
        }
        for (int i = 0; i < l.exempt().size(); i++) {
            if (l.exempt().get(i).matches(address)) {
                return Verdict.PASS;
            }
        }
        long now = nanos.getAsLong();
        if (buckets.size() > MAX_SOURCES) {
            sweep(now);
        }
        Bucket b = buckets.computeIfAbsent(Key.of(address), k -> newBucket(l, now));
        synchronized (b) {
            b.tokens = Math.min(l.burst(), b.tokens + (now - b.lastNanos) * (double) l.perSecond() / SECOND);
            b.lastNanos = now;
            b.lastUsedNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Verdict.PASS;
            }
            if (now - b.lastToldNanos >= SECOND) {
                b.lastToldNanos = now;
                return SLOW_DOWN;
            }
            return Verdict.DROP;
        }
    }

    private static Bucket newBucket(Limits l, long now) {
        Bucket b = new Bucket();
        b.tokens = l.burst();
        b.lastNanos = now;
        b.lastUsedNanos = now;
        return b;
    }

    /** Forgets sources quiet for longer than a full bucket takes to refill (they would start full anyway). */
    void sweep(long now) {
        Limits l = limits;
        long refill = l.perSecond() <= 0 ? 0 : (long) l.burst() * SECOND / l.perSecond() + SECOND;
        buckets.entrySet().removeIf(e -> now - e.getValue().lastUsedNanos > refill);
    }

    void sweep() {
        sweep(nanos.getAsLong());
    }

    int sources() {
        return buckets.size();
    }
}
