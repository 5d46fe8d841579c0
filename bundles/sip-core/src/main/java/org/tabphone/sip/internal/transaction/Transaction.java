package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * What all state machines share: key, path, state and the end of life. State changes happen
 * under the transaction's own lock; callbacks to the transaction user are made after the lock is
 * released, so a user may call straight back into any transaction.
 *
 * <p>Once a final response is in, a transaction only waits out its last timer to absorb
 * retransmissions (RFC 3261 §17, RFC 6026). For that wait it {@linkplain #handOff hands} its table
 * entry and timers to a small successor ({@code InviteServerAccepted}, {@code InviteServerCompleted},
 * {@code NonInviteServerCompleted}, {@code InviteClientCompleted}, {@code NonInviteClientCompleted})
 * that keeps only what the RFC needs for the wait, e.g. the final response's octets. The object the
 * user holds keeps its request (the API promises it) but is no longer reachable from the layer, so
 * the parsed messages, listeners and whatever the user hung on them are freed with the user's
 * call, not 32 s later. Lock order: a transaction, then its successor; never the other way.
 */
abstract class Transaction {
    protected final TransactionContext ctx;
    protected final TransactionKey key;
    protected final SipPath path;
    /** Guarded by this. */
    protected TransactionState state;
    /** Guarded by this: set by {@link #handOff}; its state is this transaction's state from then on. */
    private Transaction successor;

    Transaction(TransactionContext ctx, TransactionKey key, SipPath path, TransactionState initial) {
        this.ctx = ctx;
        this.key = key;
        this.path = path;
        this.state = initial;
    }

    public synchronized TransactionState state() {
        return successor != null ? successor.state() : state;
    }

    public SipPath path() {
        return path;
    }

    TransactionKey key() {
        return key;
    }

    /** Server side: a request matched this transaction again (§17.2.3), i.e. a retransmission. */
    void onRetransmission() {
    }

    /** Client side: a response matched this transaction (§17.1.3). */
    void onResponse(SipResponse response) {
    }

    /** Sends on the path; a failure ends the transaction (RFC 3261 §17.1.4, §17.2.4). */
    protected void send(SipMessage message) {
        path.send(message, this::onSendFailed);
    }

    protected abstract void onSendFailed(Throwable cause);

    /**
     * Puts {@code next} in this transaction's place in the table and stops this one's timers: from
     * now on the table and the timer reach only {@code next}. Call with the lock held, before
     * {@code next} sends anything (a response's ACK can come back at once).
     */
    protected <T extends Transaction> T handOff(T next) {
        cancelTimers();
        successor = next;
        ctx.table().replace(this, next);
        return next;
    }

    /** Cancels the timers and leaves the table (the successor too, if any). Call with the lock held. */
    protected void terminate() {
        if (state != TransactionState.TERMINATED) {
            state = TransactionState.TERMINATED;
            cancelTimers();
            ctx.table().remove(this);
        }
        if (successor != null) {
            successor.end(); // a late send failure of this transaction's messages ends the wait too
        }
    }

    private synchronized void end() {
        terminate();
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
