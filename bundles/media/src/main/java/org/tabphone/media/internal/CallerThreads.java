package org.tabphone.media.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;

/**
 * Which media thread a new session runs on. A session's legs are served by one thread, and an
 * attended transfer joins two calls of the same caller in place only when both run on the same
 * one; so a caller's (tenant + caller URI) first few live sessions share a thread — a person
 * holds one call and places another. A trunk or a load generator under one name has many calls:
 * those beyond the first few go round the threads, so one name never piles its load on one core.
 */
final class CallerThreads {
    static final int CALLS_ON_ONE_THREAD = 4;

    /** A session's thread, and what to run once when the session is gone. */
    record Lease(EventLoop loop, Runnable release) {
    }

    /** A caller's thread and how many of its live sessions run there; changed only inside the map's compute. */
    private static final class Shared {
        final EventLoop loop;
        int live;

        Shared(EventLoop loop) {
            this.loop = loop;
        }
    }

    private final Map<String, Shared> byCaller = new ConcurrentHashMap<>();

    /** A thread for a new session of {@code caller} (an empty caller: any thread); {@code next} picks round the threads. */
    Lease lease(String caller, Supplier<EventLoop> next) {
        if (caller.isEmpty()) {
            return new Lease(next.get(), () -> { });
        }
        EventLoop[] chosen = new EventLoop[1];
        byCaller.compute(caller, (k, shared) -> {
            Shared s = shared != null ? shared : new Shared(next.get());
            if (s.live < CALLS_ON_ONE_THREAD) {
                s.live++;
                chosen[0] = s.loop;
            }
            return s;
        });
        if (chosen[0] == null) {
            return new Lease(next.get(), () -> { });
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Lease(chosen[0], () -> {
            if (released.compareAndSet(false, true)) {
                byCaller.computeIfPresent(caller, (k, s) -> --s.live == 0 ? null : s);
            }
        });
    }
}
