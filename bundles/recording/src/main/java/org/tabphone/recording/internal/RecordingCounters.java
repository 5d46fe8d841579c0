package org.tabphone.recording.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.tabphone.recording.api.RecordingStats;

/** The recorder's counters (JMX, the shell). */
final class RecordingCounters {
    final AtomicInteger active = new AtomicInteger();
    final LongAdder filesWritten = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder failures = new LongAdder();

    RecordingStats snapshot() {
        return new RecordingStats(active.get(), filesWritten.sum(), framesDropped.sum(), failures.sum());
    }
}
