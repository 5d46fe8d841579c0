package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.ConsumerType;

/** The clock and scheduler transactions use: a wheel timer in the gateway, a fake clock in tests. */
@ConsumerType
public interface SipTimer {
    /** Runs {@code task} once after {@code delayMillis}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** Monotonic milliseconds. */
    long nowMillis();

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
