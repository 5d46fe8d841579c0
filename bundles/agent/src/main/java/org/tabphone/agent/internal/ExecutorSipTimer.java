package org.tabphone.agent.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.tabphone.sip.api.transaction.SipTimer;

/** Transaction timers on the agents' signalling thread, so SIP state needs no locks. */
record ExecutorSipTimer(ScheduledExecutorService executor) implements SipTimer {

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> f = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }
}
