package org.tabphone.sip.internal.transaction;

import java.util.PriorityQueue;

import org.tabphone.sip.api.transaction.SipTimer;

/**
 * A clock that only moves when the test says so; tasks run on the test thread, in time order. A
 * cancelled task leaves the queue at once, as a wheel timer drops it at its next tick, so what the
 * queue holds is what the gateway's timer holds.
 */
final class FakeTimer implements SipTimer {
    private record Task(long due, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
        (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        Task t = new Task(now + delayMillis, seq++, task);
        queue.add(t);
        return () -> queue.remove(t);
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
            t.run.run();
        }
        now = target;
    }
}
