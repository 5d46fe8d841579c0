package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.1.1 (Figure 5) with RFC 6026 §7.2: Calling (Timer A retransmits over UDP, Timer B
 * gives up) → Proceeding (1xx) → Completed (non-2xx: the ACK is built here and
 * {@link InviteClientCompleted} sends it, again for each retransmitted final response, until
 * Timer D) or Accepted (2xx: every 2xx goes to the listener, who ACKs it, until Timer M; so this
 * transaction, its request and its listener stay in the table for 64*T1 after the 2xx). Once a
 * CANCEL for it has been sent, a peer that never sends the final response no longer holds it
 * forever: RFC 3261 §9.1 gives up 64*T1 later.
 */
final class InviteClientTransaction extends ClientTransactionBase {
    private final TimerSlot timerA = new TimerSlot();
    private final TimerSlot timerB = new TimerSlot();  // also Timer M
    /** Guarded by this. */
    private long interval;

    InviteClientTransaction(TransactionContext ctx, TransactionKey key, SipRequest request, SipPath path,
                            ClientTransactionListener listener) {
        super(ctx, key, request, path, listener, TransactionState.CALLING);
    }

    @Override
    synchronized void start() {
        send(request);
        interval = t1();
        if (!path.isReliable()) {
            timerA.start(ctx.timer(), interval, this::timerA);
        }
        timerB.start(ctx.timer(), sixtyFourT1(), this::timerB);
    }

    @Override
    void onResponse(SipResponse response) {
        int code = response.statusCode();
        boolean deliver;
        synchronized (this) {
            switch (state) {
                case CALLING, PROCEEDING -> {
                    deliver = true;
                    if (code < 200) {
                        state = TransactionState.PROCEEDING;
                        timerA.cancel();
                        timerB.cancel();
                    } else if (code < 300) {
                        state = TransactionState.ACCEPTED;
                        timerA.cancel();
                        timerB.start(ctx.timer(), sixtyFourT1(), this::timerM);
                    } else {
                        state = TransactionState.COMPLETED;
                        handOff(new InviteClientCompleted(ctx, key, path)).start(ackFor(response));
                    }
                }
                case ACCEPTED -> deliver = code >= 200 && code < 300; // RFC 6026 §8.4: each 2xx to the TU
                default -> deliver = false; // Completed: its successor has it
            }
        }
        if (deliver) {
            listener.onResponse(this, response);
        }
    }

    /** RFC 3261 §17.1.1.3: the ACK for a non-2xx response, part of this transaction. */
    private SipRequest ackFor(SipResponse response) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.ACK, request.requestUri())
            .addVia(request.topVia())
            .maxForwards(70)
            .from(request.from())
            .to(response.to())
            .callId(request.callId())
            .cseq(new CSeq(request.cseq().number(), SipMethod.ACK));
        for (String route : request.headers(HeaderName.ROUTE)) {
            b.add(HeaderName.ROUTE, route);
        }
        return b.build();
    }

    /**
     * RFC 3261 §9.1: "If no final response is received for the INVITE within 64*T1 seconds after the
     * CANCEL was sent, the client SHOULD consider the INVITE transaction cancelled and destroy it."
     * In Proceeding no timer runs (Timer B stopped at the 1xx), so one is armed here; in Calling,
     * Timer B already ends it in time.
     */
    synchronized void onCancelSent() {
        if (state == TransactionState.PROCEEDING) {
            timerB.start(ctx.timer(), sixtyFourT1(), this::cancelUnanswered);
        }
    }

    private void cancelUnanswered() {
        synchronized (this) {
            if (state != TransactionState.PROCEEDING) {
                return;
            }
            terminate();
        }
        timedOut();
    }

    private synchronized void timerA() {
        if (state == TransactionState.CALLING) {
            send(request);
            interval *= 2;
            timerA.start(ctx.timer(), interval, this::timerA);
        }
    }

    private void timerB() {
        synchronized (this) {
            if (state != TransactionState.CALLING) {
                return;
            }
            terminate();
        }
        timedOut();
    }

    private synchronized void timerM() {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        timerA.cancel();
        timerB.cancel();
    }
}
