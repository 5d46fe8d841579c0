package org.tabphone.media.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.tabphone.media.api.DropReason;

/** Totals across sessions, for JMX and the shell. */
final class RelayCounters {
    private static final DropReason[] REASONS = DropReason.values();

    final LongAdder opened = new LongAdder();
    final LongAdder relayed = new LongAdder();
    final LongAdder dtlsFailures = new LongAdder();
    final LongAdder stunAnswered = new LongAdder();
    /** Dropped packets, one adder per reason (by ordinal): made once, nothing allocated per packet. */
    private final LongAdder[] dropped = new LongAdder[REASONS.length];

    RelayCounters() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    void dropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    /** Every reason, in declaration order, zeros included. */
    Map<DropReason, Long> droppedByReason() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            out.put(r, dropped[r.ordinal()].sum());
        }
        return out;
    }
}
