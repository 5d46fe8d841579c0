package org.tabphone.call.internal.b2bua;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallEventListener;
import org.tabphone.call.api.CallInfo;
import org.tabphone.sip.api.header.Via;
import org.tabphone.transport.api.TransportKind;

/**
 * Fans call events out to the listeners and keeps the counters. A failing listener is logged, never fatal.
 *
 * <p>Sinks ({@link CallEventListener#SINK}, the CDR writer) get every event under one lock, and
 * while none is bound the ENDED events are held (at most {@link #MAX_HELD}) and replayed to the
 * next sink before anything newer: a CDR bundle being restarted or updated loses no call. Sinks
 * only queue (they must not block), so the lock is held for microseconds.
 */
final class CallEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);
    /** ENDED events held while no sink is bound: about 2 MB, a minute at 150 calls/s. */
    static final int MAX_HELD = 10_000;

    private final List<CallEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Object sinkLock = new Object();
    private final List<CallEventListener> sinks = new ArrayList<>();
    private final ArrayDeque<CallEvent> held = new ArrayDeque<>();
    final LongAdder attempts = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failed = new LongAdder();
    /** ENDED events dropped because more than {@link #MAX_HELD} waited for a sink. */
    final LongAdder heldDropped = new LongAdder();

    void add(CallEventListener l) {
        add(l, Map.of());
    }

    void add(CallEventListener l, Map<String, ?> properties) {
        if (!isSink(properties)) {
            listeners.add(l);
            return;
        }
        synchronized (sinkLock) {
            sinks.add(l);
            if (!held.isEmpty()) {
                LOG.info("call event sink bound: replaying {} held call ends", held.size());
            }
            while (!held.isEmpty()) {
                deliver(l, held.poll());
            }
        }
    }

    void remove(CallEventListener l) {
        listeners.remove(l);
        synchronized (sinkLock) {
            sinks.remove(l);
        }
    }

    private static boolean isSink(Map<String, ?> properties) {
        Object v = properties.get(CallEventListener.SINK);
        return Boolean.TRUE.equals(v) || "true".equals(v);
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
        CallInfo info = call.info();
        CallMedia.MediaReport m = type == CallEvent.Type.ENDED || type == CallEvent.Type.TRANSFERRED
            ? call.mediaReport() : CallMedia.MediaReport.NONE;
        CallEvent e = new CallEvent(type, call.id(), call.tenant(), call.caller(), call.callee(), Instant.now(), cause,
            endedBy == null ? "" : endedBy, call.segmentStarted(), info.answered(), direction(call), call.trunk(),
            m.callerCodec(), m.calleeCodec(), m.callerRtp(), m.calleeRtp());
        LOG.debug("call {} {} {} -> {}{}", e.call(), type, e.caller(), e.callee(),
            e.isSegmentEnd() ? " cause " + cause + " by " + e.endedBy() : "");
        publish(e);
    }

    /** To the sinks (or held for the next one), then to the other listeners. */
    void publish(CallEvent e) {
        toSinks(e);
        for (CallEventListener l : listeners) {
            deliver(l, e);
        }
    }

    private void toSinks(CallEvent e) {
        synchronized (sinkLock) {
            if (!sinks.isEmpty()) {
                sinks.forEach(s -> deliver(s, e));
            } else if (e.isSegmentEnd()) {
                if (held.size() >= MAX_HELD) {
                    held.poll();
                    heldDropped.increment();
                    if (heldDropped.sum() % 1000 == 1) { // one line per thousand, not per call
                        LOG.warn("no call event sink (CDR) bound for {} call ends: dropping the oldest ({} so far)",
                            MAX_HELD, heldDropped.sum());
                    }
                }
                held.add(e);
            }
        }
    }

    /** Held ENDED events (none while a sink is bound). */
    int held() {
        synchronized (sinkLock) {
            return held.size();
        }
    }

    private static void deliver(CallEventListener l, CallEvent e) {
        try {
            l.onCallEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("call event listener failed on {}", e, ex);
        }
    }

    /**
     * {@code browser->phone} etc.: the caller's side (a trunk's provider, else by transport) and the
     * answering one ({@code none} while nobody answered).
     */
    private static String direction(Call call) {
        Via via = call.callerTransaction().request().topVia();
        String moved = call.callerKind();
        String from = moved != null ? moved : call.fromTrunk() ? "trunk" : kind(via == null ? null : TransportKind.fromToken(via.transport()).orElse(null));
        return from + "->" + calleeKind(call.answeredTarget());
    }

    static String calleeKind(CalleeBranch.Target answered) {
        if (answered == null) {
            return "none";
        }
        if (answered instanceof CalleeBranch.Trunk) {
            return "trunk";
        }
        return answered instanceof CalleeBranch.Endpoint ? "agent" : kind(answered.transport());
    }

    /** {@code browser} or {@code phone}: how an INVITE's sender reached the gateway (its top Via). */
    static String callerKind(org.tabphone.sip.api.SipRequest invite) {
        Via via = invite.topVia();
        return kind(via == null ? null : TransportKind.fromToken(via.transport()).orElse(null));
    }

    private static String kind(TransportKind t) {
        return t == null ? "unknown" : t.isWebSocket() ? "browser" : "phone";
    }
}
