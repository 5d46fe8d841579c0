package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.1.2 (Figure 6): Trying (Timer E retransmits over UDP, T1 doubling to T2; Timer F
 * gives up) → Proceeding (1xx; retransmits every T2) → Completed (final; absorbs retransmitted
 * responses until Timer K) → Terminated.
 */
final class NonInviteClientTransaction extends ClientTransactionBase {
    private final TimerSlot timerE = new TimerSlot();
    private final TimerSlot timerF = new TimerSlot();  // also Timer K
    /** Guarded by this. */
    private long interval;

    NonInviteClientTransaction(TransactionContext ctx, TransactionKey key, SipRequest request, SipPath path,
                               ClientTransactionListener listener) {
        super(ctx, key, request, path, listener, TransactionState.TRYING);
    }

    @Override
    synchronized void start() {
        send(request);
        interval = t1();
        if (!path.isReliable()) {
            timerE.start(ctx.timer(), interval, this::timerE);
        }
        timerF.start(ctx.timer(), sixtyFourT1(), this::timerF);
    }

    @Override
    void onResponse(SipResponse response) {
        synchronized (this) {
            if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
                return; // Completed absorbs retransmissions
            }
            if (response.statusCode() < 200) {
                state = TransactionState.PROCEEDING;
            } else {
                state = TransactionState.COMPLETED;
                timerE.cancel();
                timerF.start(ctx.timer(), path.isReliable() ? 0 : t4(), this::timerK);
            }
        }
        listener.onResponse(this, response);
    }

    private synchronized void timerE() {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            send(request);
            interval = state == TransactionState.TRYING ? Math.min(2 * interval, t2()) : t2();
            timerE.start(ctx.timer(), interval, this::timerE);
        }
    }

    private void timerF() {
        synchronized (this) {
            if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
                return;
            }
            terminate();
        }
        timedOut();
    }

    private synchronized void timerK() {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        timerE.cancel();
        timerF.cancel();
    }
}
