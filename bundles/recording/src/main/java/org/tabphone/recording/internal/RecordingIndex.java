package org.tabphone.recording.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which file records which call: every running recording and the last {@code keep} that ended,
 * so a call's CDR — written as the call ends, or later if the CDR bundle was restarting — can
 * name its file without touching the disk. Thread-safe.
 */
final class RecordingIndex {
    /** A call's recording: its file, tenant and start; active until the call's media ended. */
    record Entry(String call, String tenant, String path, Instant started, boolean active) {
    }

    private final int keep;
    private final Map<String, Entry> byCall = new ConcurrentHashMap<>();
    private final ArrayDeque<String> ended = new ArrayDeque<>();

    RecordingIndex(int keep) {
        this.keep = keep;
    }

    void started(String call, String tenant, String path, Instant at) {
        byCall.put(call, new Entry(call, tenant, path, at, true));
    }

    /** The recording of {@code call} to {@code path} is finished (a call re-anchored by a transfer may have a newer one). */
    void ended(String call, String path) {
        Entry e = byCall.get(call);
        if (e == null || !e.path().equals(path)) {
            return;
        }
        byCall.put(call, new Entry(e.call(), e.tenant(), e.path(), e.started(), false));
        synchronized (ended) {
            ended.add(call);
            while (ended.size() > keep) {
                String old = ended.poll();
                Entry o = byCall.get(old);
                if (o != null && !o.active()) {
                    byCall.remove(old);
                }
            }
        }
    }

    Optional<String> pathOf(String call) {
        Entry e = byCall.get(call);
        return e == null ? Optional.empty() : Optional.of(e.path());
    }

    /** Running recordings' files, for the listing. */
    java.util.Set<String> activePaths() {
        java.util.Set<String> out = new java.util.HashSet<>();
        byCall.values().forEach(e -> {
            if (e.active()) {
                out.add(e.path());
            }
        });
        return out;
    }

    Optional<Entry> byPath(String path) {
        return byCall.values().stream().filter(e -> e.path().equals(path)).findFirst();
    }
}
