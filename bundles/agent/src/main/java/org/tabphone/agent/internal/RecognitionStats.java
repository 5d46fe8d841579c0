package org.tabphone.agent.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counts of name recognitions for the shell and JMX; recognitions run on several threads at once. */
final class RecognitionStats {
    private final LongAdder done = new LongAdder();
    private final LongAdder heard = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder doneNanos = new LongAdder();

    void done(long nanos, boolean heardAName) {
        done.increment();
        doneNanos.add(nanos);
        if (heardAName) {
            heard.increment();
        }
    }

    void failed() {
        failed.increment();
    }

    long done() {
        return done.sum();
    }

    long heard() {
        return heard.sum();
    }

    long failedCount() {
        return failed.sum();
    }

    /** Mean milliseconds of a recognition that ran to the end; 0 before the first. */
    double meanMillis() {
        long n = done.sum();
        return n == 0 ? 0 : doneNanos.sum() / 1e6 / n;
    }
}
