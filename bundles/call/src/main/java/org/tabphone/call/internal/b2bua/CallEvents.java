package org.tabphone.call.internal.b2bua;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallEventListener;

/** Fans call events out to the listeners and keeps the counters. A failing listener is logged, never fatal. */
final class CallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);

    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    final LongAdder attempts = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failed = new LongAdder();

    void add(CallEventListener l) {
        listeners.add(l);
    }

    void remove(CallEventListener l) {
        listeners.remove(l);
    }

    void emit(CallEvent.Type type, Call call, int cause, String endedBy) {
        switch (type) {
            case STARTED -> attempts.increment();
            case ANSWERED -> answered.increment();
            case ENDED -> {
                if (cause >= 300 && cause != 487) {
                    failed.increment();
                }
            }
            default -> { }
        }
        CallEvent e = new CallEvent(type, call.id(), call.tenant(), call.caller(), call.callee(), Instant.now(), cause,
            endedBy == null ? "" : endedBy);
        LOG.debug("call {} {} {} -> {}{}", e.call(), type, e.caller(), e.callee(),
            type == CallEvent.Type.ENDED ? " cause " + cause + " by " + e.endedBy() : "");
        for (CallEventListener l : listeners) {
            try {
                l.onCallEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("call event listener failed on {}", e, ex);
            }
        }
    }
}
