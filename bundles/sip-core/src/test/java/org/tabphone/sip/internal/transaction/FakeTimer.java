package org.tabphone.sip.internal.transaction;

import java.util.PriorityQueue;

import org.tabphone.sip.api.transaction.SipTimer;

/** A clock that only moves when the test says so; tasks run on the test thread, in time order. */
final class FakeTimer implements SipTimer {
    private record Task(long due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
        (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + delayMillis, seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Moves time forward, running every task that falls due. */
    void advance(long millis) {
        long target = now + millis;
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            now = t.due;
            if (!t.cancelled[0]) {
                t.run.run();
            }
        }
        now = target;
    }
}
