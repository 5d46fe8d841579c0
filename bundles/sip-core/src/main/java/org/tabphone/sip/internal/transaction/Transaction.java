package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * What all four state machines share: key, path, state and the end of life. State changes
 * happen under the transaction's own lock; callbacks to the transaction user are made after
 * the lock is released, so a user may call straight back into any transaction.
 */
abstract class Transaction {
    protected final TransactionContext ctx;
    protected final TransactionKey key;
    protected final SipPath path;
    /** Guarded by this. */
    protected TransactionState state;

    Transaction(TransactionContext ctx, TransactionKey key, SipPath path, TransactionState initial) {
        this.ctx = ctx;
        this.key = key;
        this.path = path;
        this.state = initial;
    }

    public synchronized TransactionState state() {
        return state;
    }

    public SipPath path() {
        return path;
    }

    TransactionKey key() {
        return key;
    }

    /** Sends on the path; a failure ends the transaction (RFC 3261 §17.1.4, §17.2.4). */
    protected void send(SipMessage message) {
        path.send(message, this::onSendFailed);
    }

    protected abstract void onSendFailed(Throwable cause);

    /** Cancels the timers and leaves the table. Call with the lock held. */
    protected void terminate() {
        if (state != TransactionState.TERMINATED) {
            state = TransactionState.TERMINATED;
            cancelTimers();
            ctx.table().remove(this);
        }
    }

    protected abstract void cancelTimers();

    /** Stops timers without leaving the table's bookkeeping half-done (layer shutdown). */
    synchronized void close() {
        cancelTimers();
    }

    protected long t1() {
        return ctx.timers().t1Millis();
    }

    protected long t2() {
        return ctx.timers().t2Millis();
    }

    protected long t4() {
        return ctx.timers().t4Millis();
    }

    protected long sixtyFourT1() {
        return ctx.timers().timeoutMillis();
    }
}
