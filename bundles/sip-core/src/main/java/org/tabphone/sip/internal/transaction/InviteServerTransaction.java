package org.tabphone.sip.internal.transaction;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.2.1 (Figure 7) with RFC 6026 §7.1: Proceeding → Completed (non-2xx: Timer G
 * retransmits the final response over UDP until the ACK, Timer H gives up; Confirmed absorbs
 * ACKs until Timer I) or Accepted (2xx: retransmitted with T1 doubling to T2 until the ACK
 * arrives, RFC 3261 §13.3.1.4, which this transaction does for its user; Timer L ends it).
 * A 100 Trying goes out as soon as the transaction exists.
 */
final class InviteServerTransaction extends Transaction implements ServerTransaction {
    private final SipRequest request;
    private final TimerSlot timerG = new TimerSlot();  // also the 2xx retransmission in Accepted
    private final TimerSlot timerH = new TimerSlot();  // also Timer L in Accepted
    private final TimerSlot timerI = new TimerSlot();
    /** Guarded by this. */
    private SipResponse last;
    private long retransmitInterval;
    private boolean ackReceived;

    InviteServerTransaction(TransactionContext ctx, TransactionKey key, SipRequest request, SipPath path) {
        super(ctx, key, path, TransactionState.PROCEEDING);
        this.request = request;
    }

    /** Sends 100 Trying (RFC 3261 §17.2.1: we don't know the user will answer within 200 ms). */
    void start() {
        respond(SipResponse.replyTo(request, 100).build());
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Optional<ServerTransaction> cancelledInvite() {
        return Optional.empty();
    }

    @Override
    public void respond(SipResponse response) {
        synchronized (this) {
            if (state != TransactionState.PROCEEDING) {
                throw new IllegalStateException("INVITE transaction is " + state + ": no more responses");
            }
            last = response;
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                // findable by its ACK before the 2xx leaves: on another I/O thread the ACK can beat the next line
                state = TransactionState.ACCEPTED;
                ctx.table().accepted(this);
            }
            send(response);
            if (code < 200) {
                return;
            }
            retransmitInterval = t1();
            if (code < 300) {
                if (!path.isReliable()) {
                    timerG.start(ctx.timer(), retransmitInterval, this::retransmit2xx);
                }
                timerH.start(ctx.timer(), sixtyFourT1(), this::timerL);
            } else {
                state = TransactionState.COMPLETED;
                if (!path.isReliable()) {
                    timerG.start(ctx.timer(), retransmitInterval, this::timerG);
                }
                timerH.start(ctx.timer(), sixtyFourT1(), this::timerH);
            }
        }
    }

    /** The same INVITE again: answer with the latest response (§17.2.1); absorbed once Accepted. */
    synchronized void onRetransmission() {
        if ((state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) && last != null) {
            send(last);
        }
    }

    /** ACK with this transaction's branch: the ACK for a non-2xx final response. */
    synchronized void onNon2xxAck() {
        if (state == TransactionState.COMPLETED) {
            state = TransactionState.CONFIRMED;
            timerG.cancel();
            timerH.cancel();
            timerI.start(ctx.timer(), path.isReliable() ? 0 : t4(), this::timerI);
        }
    }

    /** The ACK for our 2xx arrived (it has its own branch, RFC 3261 §17.1.1.3): stop retransmitting. */
    synchronized void on2xxAck() {
        ackReceived = true;
        timerG.cancel();
    }

    synchronized boolean ackReceived() {
        return ackReceived;
    }

    private synchronized void timerG() {
        if (state == TransactionState.COMPLETED) {
            send(last);
            retransmitInterval = Math.min(2 * retransmitInterval, t2());
            timerG.start(ctx.timer(), retransmitInterval, this::timerG);
        }
    }

    private synchronized void retransmit2xx() {
        if (state == TransactionState.ACCEPTED && !ackReceived) {
            send(last);
            retransmitInterval = Math.min(2 * retransmitInterval, t2());
            timerG.start(ctx.timer(), retransmitInterval, this::retransmit2xx);
        }
    }

    private synchronized void timerH() {
        if (state == TransactionState.COMPLETED) {
            terminate(); // no ACK ever came (§17.2.1)
        }
    }

    private void timerL() {
        boolean noAck;
        synchronized (this) {
            if (state != TransactionState.ACCEPTED) {
                return;
            }
            noAck = !ackReceived;
            terminate();
        }
        if (noAck) {
            ctx.user().onAckTimeout(this); // outside the lock, like every callback to the user
        }
    }

    private synchronized void timerI() {
        terminate();
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate(); // §17.2.4: tell the TU? It learns nothing useful; the dialog layer notices the flow
    }

    @Override
    protected void cancelTimers() {
        timerG.cancel();
        timerH.cancel();
        timerI.cancel();
    }

    String dialogKey() {
        return ctx.table().dialogKey(request);
    }
}
