package org.tabphone.transport.internal.stack;

import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.tabphone.sip.api.transaction.SipTimer;

/** Transaction timers on one component-owned wheel (10 ms ticks): cheap to schedule and cancel by the thousand. */
final class WheelSipTimer implements SipTimer, AutoCloseable {
    private final HashedWheelTimer wheel =
        new HashedWheelTimer(new DefaultThreadFactory("tabphone-sip-timer", true), 10, TimeUnit.MILLISECONDS, 1024);

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        Timeout t = wheel.newTimeout(timeout -> task.run(), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return t::cancel;
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public void close() {
        wheel.stop();
    }
}
