package org.tabphone.sip.internal.transaction;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.2.2 (Figure 8), as its user sees it: Trying → Proceeding (1xx; a retransmitted
 * request gets it again) → final response, which hands Completed (Timer J) to
 * {@link NonInviteServerCompleted}. A user that never answers would leave the transaction in the
 * table forever: after 64*T1 (when the client has long given up, Timer F) it is answered 500.
 */
final class NonInviteServerTransaction extends Transaction implements ServerTransaction {
    private final SipRequest request;
    private final ServerTransaction cancelled;
    private final TimerSlot unanswered = new TimerSlot();
    /** Guarded by this. */
    private SipResponse lastProvisional;

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
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            throw new IllegalStateException(request.method() + " transaction is " + state() + ": no more responses");
        }
        if (response.statusCode() < 200) {
            lastProvisional = response;
            state = TransactionState.PROCEEDING;
            send(response);
            return;
        }
        lastProvisional = null;
        state = TransactionState.COMPLETED;
        handOff(new NonInviteServerCompleted(ctx, key, path)).start(response);
    }

    @Override
    synchronized void onRetransmission() {
        if (state == TransactionState.PROCEEDING && lastProvisional != null) {
            send(lastProvisional); // in Trying it is absorbed
        }
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        unanswered.cancel();
    }
}
