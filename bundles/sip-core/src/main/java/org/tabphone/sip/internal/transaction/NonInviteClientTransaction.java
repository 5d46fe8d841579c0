package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.1.2 (Figure 6): Trying (Timer E retransmits over UDP, T1 doubling to T2; Timer F
 * gives up) → Proceeding (1xx; retransmits every T2) → final response, which hands Completed
 * (absorbing retransmitted responses until Timer K) to {@link NonInviteClientCompleted}.
 */
final class NonInviteClientTransaction extends ClientTransactionBase {
    private final TimerSlot timerE = new TimerSlot();
    private final TimerSlot timerF = new TimerSlot();
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
                return; // Completed: its successor absorbs retransmissions
            }
            if (response.statusCode() < 200) {
                state = TransactionState.PROCEEDING;
            } else {
                state = TransactionState.COMPLETED;
                handOff(new NonInviteClientCompleted(ctx, key, path)).start();
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

    @Override
    protected void cancelTimers() {
        timerE.cancel();
        timerF.cancel();
    }
}
