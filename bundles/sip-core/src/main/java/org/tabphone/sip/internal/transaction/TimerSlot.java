package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.transaction.SipTimer;

/** One named timer of a transaction (A, B, ...): at most one pending task, replaced or cancelled as a unit. */
final class TimerSlot {
    private SipTimer.Cancellable pending;

    void start(SipTimer timer, long delayMillis, Runnable task) {
        cancel();
        pending = timer.schedule(task, delayMillis);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
