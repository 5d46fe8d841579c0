package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.1.2.2 Completed: what is left of a non-INVITE client transaction after its final
 * response. It absorbs retransmitted responses until Timer K (T4 over UDP, 0 on reliable paths)
 * and keeps nothing but its key.
 */
final class NonInviteClientCompleted extends Transaction {
    private final TimerSlot timerK = new TimerSlot();

    NonInviteClientCompleted(TransactionContext ctx, TransactionKey key, SipPath path) {
        super(ctx, key, path, TransactionState.COMPLETED);
    }

    synchronized void start() {
        timerK.start(ctx.timer(), path.isReliable() ? 0 : t4(), this::timerK);
    }

    private synchronized void timerK() {
        terminate();
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        timerK.cancel();
    }
}
