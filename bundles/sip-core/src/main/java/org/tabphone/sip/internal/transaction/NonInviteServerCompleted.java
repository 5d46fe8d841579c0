package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.2.2 Completed: what is left of a non-INVITE server transaction after its final
 * response. Each retransmitted request gets the response again until Timer J (64*T1 over UDP, 0 on
 * reliable paths, where nothing is retransmitted and so no copy is kept). Keeps the response's octets.
 */
final class NonInviteServerCompleted extends Transaction {
    private final TimerSlot timerJ = new TimerSlot();
    /** Guarded by this; null on reliable paths. */
    private WireCopy response;

    NonInviteServerCompleted(TransactionContext ctx, TransactionKey key, SipPath path) {
        super(ctx, key, path, TransactionState.COMPLETED);
    }

    synchronized void start(SipResponse last) {
        send(last);
        if (state != TransactionState.COMPLETED) {
            return; // the send failed
        }
        if (!path.isReliable()) {
            response = WireCopy.of(last);
        }
        timerJ.start(ctx.timer(), path.isReliable() ? 0 : sixtyFourT1(), this::timerJ);
    }

    @Override
    synchronized void onRetransmission() {
        if (state == TransactionState.COMPLETED && response != null) {
            send(response.message());
        }
    }

    private synchronized void timerJ() {
        terminate();
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        timerJ.cancel();
    }
}
