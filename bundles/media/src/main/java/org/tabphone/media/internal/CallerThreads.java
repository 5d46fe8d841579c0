package org.tabphone.media.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;

/**
 * Which media thread a new session runs on. A session's legs are served by one thread, and an
 * attended transfer joins two calls of the same person in place only when both run on the same
 * one — the transferor may have placed or received either call (a receptionist is called, holds,
 * calls a colleague). So a session goes on the thread of the first of its parties (the caller,
 * then the callee as dialled) that already has live sessions there, and counts as one of theirs;
 * each party's first few live sessions share its thread. A trunk, a load generator or a popular
 * number has many calls under one name: those beyond the first few don't count for it and go
 * round the threads, so one name never piles its load on one core.
 */
final class CallerThreads {
    static final int CALLS_ON_ONE_THREAD = 4;

    /** A session's thread, and what to run once when the session is gone. */
    record Lease(EventLoop loop, Runnable release) {
    }

    /** A party's thread and how many of its live sessions run there; changed only inside the map's compute. */
    private static final class Shared {
        final EventLoop loop;
        int live;

        Shared(EventLoop loop) {
            this.loop = loop;
        }
    }

    private final Map<String, Shared> byParty = new ConcurrentHashMap<>();

    /**
     * A party's name for the choice: tenant and the URI's user part (its host when it has none),
     * so {@code sip:1002@demo.example} as a From and {@code sip:1002@10.0.0.5;transport=udp} as a
     * Request-URI are one person. Empty for an empty URI.
     */
    static String party(String tenant, String uri) {
        if (uri == null || uri.isEmpty()) {
            return "";
        }
        String rest = uri.substring(uri.indexOf(':') + 1); // past sip:, sips:, tel:
        int at = rest.indexOf('@');
        String name = at >= 0 ? rest.substring(0, at) : rest;
        int end = name.length();
        for (char c : new char[] {';', '?', at >= 0 ? '\0' : ':'}) {
            int i = name.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        name = name.substring(0, end);
        return name.isEmpty() ? "" : tenant + "|" + name;
    }

    /**
     * A thread for a new session between {@code parties} (names from {@link #party}, the caller's
     * first; empty ones are nobody); {@code next} picks round the threads.
     */
    Lease lease(List<String> parties, Supplier<EventLoop> next) {
        List<String> names = parties.stream().filter(p -> !p.isEmpty()).distinct().toList();
        EventLoop chosen = null;
        for (String n : names) {
            Shared s = byParty.get(n);
            if (s != null && s.live < CALLS_ON_ONE_THREAD) {
                chosen = s.loop;
                break;
            }
        }
        EventLoop loop = chosen != null ? chosen : next.get();
        List<String> counted = new ArrayList<>(names.size());
        for (String n : names) {
            boolean[] took = new boolean[1];
            byParty.compute(n, (k, shared) -> {
                Shared s = shared != null ? shared : new Shared(loop);
                if (s.loop == loop && s.live < CALLS_ON_ONE_THREAD) { // a party already on another thread stays there
                    s.live++;
                    took[0] = true;
                }
                return s;
            });
            if (took[0]) {
                counted.add(n);
            }
        }
        if (counted.isEmpty()) {
            return new Lease(loop, () -> { });
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Lease(loop, () -> {
            if (released.compareAndSet(false, true)) {
                counted.forEach(n -> byParty.computeIfPresent(n, (k, s) -> --s.live == 0 ? null : s));
            }
        });
    }
}
