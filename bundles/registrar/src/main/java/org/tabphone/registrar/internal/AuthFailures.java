package org.tabphone.registrar.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tabphone.registrar.api.AuthBans;

/**
 * Counts wrong passwords per source address. After {@code maxFailures} within a ban period the
 * source is refused (403) until the period has passed since its last failure. A success clears
 * the count. Thread-safe.
 */
final class AuthFailures {
    private record Count(int failures, long lastMillis) {
    }

    private final Map<InetAddress, Count> counts = new ConcurrentHashMap<>();

    /** Records a failure; returns the failures counted for this source so far. */
    int fail(InetAddress source, long nowMillis, long banMillis) {
        return counts.merge(source, new Count(1, nowMillis), (old, one) ->
            nowMillis - old.lastMillis() > banMillis ? one : new Count(old.failures() + 1, nowMillis)).failures();
    }

    boolean isBanned(InetAddress source, long nowMillis, int maxFailures, long banMillis) {
        Count c = counts.get(source);
        if (c == null) {
            return false;
        }
        if (nowMillis - c.lastMillis() > banMillis) {
            counts.remove(source, c);
            return false;
        }
        return c.failures() >= maxFailures;
    }

    void succeeded(InetAddress source) {
        counts.remove(source);
    }

    /** Sources with failures counted, as the shell shows them. */
    List<AuthBans.Ban> snapshot(long nowMillis, int maxFailures, long banMillis) {
        List<AuthBans.Ban> out = new ArrayList<>();
        counts.forEach((source, c) -> {
            long left = banMillis - (nowMillis - c.lastMillis());
            if (left > 0) {
                out.add(new AuthBans.Ban(source, c.failures(), c.failures() >= maxFailures, (left + 999) / 1000));
            }
        });
        out.sort(Comparator.comparing(AuthBans.Ban::banned).reversed()
            .thenComparing(Comparator.comparingInt(AuthBans.Ban::failures).reversed()));
        return out;
    }

    boolean lift(InetAddress source) {
        return counts.remove(source) != null;
    }

    /** Forgets sources whose last failure is older than the ban period. */
    void sweep(long nowMillis, long banMillis) {
        counts.entrySet().removeIf(e -> nowMillis - e.getValue().lastMillis() > banMillis);
    }
}
