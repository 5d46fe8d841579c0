package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.2.1 Completed and Confirmed: what is left of an INVITE server transaction after a
 * final response of 300-699. Completed: Timer G resends the response over UDP (T1 doubling to T2)
 * and so does each retransmitted INVITE, until the ACK; Timer H (64*T1) gives up on it. The ACK
 * moves it to Confirmed, which absorbs further ACKs and INVITEs until Timer I (T4; 0 on reliable
 * paths). Keeps the response's octets while Completed, nothing but its key once Confirmed.
 */
final class InviteServerCompleted extends Transaction implements AnsweredInvite {
    private final TimerSlot timerG = new TimerSlot();
    private final TimerSlot timerH = new TimerSlot();  // also Timer I in Confirmed
    private final String toTag;
    /** Guarded by this. */
    private WireCopy response;
    private long interval;

    InviteServerCompleted(TransactionContext ctx, TransactionKey key, SipPath path, SipResponse failure, String toTag) {
        super(ctx, key, path, TransactionState.COMPLETED);
        this.response = WireCopy.of(failure); // before the table finds this: a retransmission may come at once
        this.toTag = toTag;
    }

    /** Sends the response (the one copied) and starts the timers. */
    synchronized void start(SipResponse failure) {
        send(failure);
        if (state != TransactionState.COMPLETED) {
            return; // the send failed, or an ACK with our branch beat the response out: nothing to wait for here
        }
        interval = t1();
        if (!path.isReliable()) {
            timerG.start(ctx.timer(), interval, this::timerG);
        }
        timerH.start(ctx.timer(), sixtyFourT1(), this::timerH);
    }

    @Override
    public String toTag() {
        return toTag;
    }

    /** The INVITE again: the final response again while Completed (§17.2.1), absorbed once Confirmed. */
    @Override
    synchronized void onRetransmission() {
        if (state == TransactionState.COMPLETED) {
            send(response.message());
        }
    }

    /** An ACK with this transaction's branch: the ACK for the non-2xx, never passed to the user. */
    synchronized void onAck() {
        if (state == TransactionState.COMPLETED) {
            state = TransactionState.CONFIRMED;
            response = null;
            timerG.cancel();
            timerH.start(ctx.timer(), path.isReliable() ? 0 : t4(), this::timerI);
        }
    }

    private synchronized void timerG() {
        if (state == TransactionState.COMPLETED) {
            send(response.message());
            interval = Math.min(2 * interval, t2());
            timerG.start(ctx.timer(), interval, this::timerG);
        }
    }

    private synchronized void timerH() {
        if (state == TransactionState.COMPLETED) {
            terminate(); // no ACK ever came (§17.2.1)
        }
    }

    private synchronized void timerI() {
        terminate();
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        timerG.cancel();
        timerH.cancel();
    }
}
