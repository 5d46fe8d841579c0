package org.tabphone.sip.internal.transaction;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.2.2 (Figure 8): Trying → Proceeding (1xx) → Completed (final; retransmitted
 * requests get the final response again until Timer J) → Terminated. A user that never answers
 * would leave the transaction in the table forever: after 64*T1 (when the client has long given
 * up, Timer F) it is answered 500 and ends.
 */
final class NonInviteServerTransaction extends Transaction implements ServerTransaction {
    private final SipRequest request;
    private final ServerTransaction cancelled;
    private final TimerSlot timerJ = new TimerSlot();
    private final TimerSlot unanswered = new TimerSlot();
    /** Guarded by this. */
    private SipResponse last;

    NonInviteServerTransaction(TransactionContext ctx, TransactionKey key, SipRequest request, SipPath path,
                               ServerTransaction cancelled) {
        super(ctx, key, path, TransactionState.TRYING);
        this.request = request;
        this.cancelled = cancelled;
    }

    /** Starts the guard against a user that never answers. */
    synchronized void start() {
        unanswered.start(ctx.timer(), sixtyFourT1(), this::unanswered);
    }

    private void unanswered() {
        try {
            respond(SipResponse.replyTo(request, 500).reasonPhrase("No answer from the application").build());
        } catch (IllegalStateException answeredMeanwhile) {
            // the user answered just in time
        }
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Optional<ServerTransaction> cancelledInvite() {
        return Optional.ofNullable(cancelled);
    }

    @Override
    public synchronized void respond(SipResponse response) {
        if (state == TransactionState.COMPLETED || state == TransactionState.TERMINATED) {
            throw new IllegalStateException(request.method() + " transaction is " + state + ": no more responses");
        }
        last = response;
        send(response);
        if (response.statusCode() < 200) {
            state = TransactionState.PROCEEDING;
            return;
        }
        state = TransactionState.COMPLETED;
        unanswered.cancel();
        timerJ.start(ctx.timer(), path.isReliable() ? 0 : sixtyFourT1(), this::timerJ);
    }

    synchronized void onRetransmission() {
        if (last != null && (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED)) {
            send(last);
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
        unanswered.cancel();
    }
}
