package org.tabphone.media.internal;

import java.util.concurrent.atomic.LongAdder;

/** Totals across sessions, for JMX and the shell. */
final class RelayCounters {
    final LongAdder opened = new LongAdder();
    final LongAdder relayed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder dtlsFailures = new LongAdder();
    final LongAdder stunAnswered = new LongAdder();
}
