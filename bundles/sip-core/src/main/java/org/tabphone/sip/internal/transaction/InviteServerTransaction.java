package org.tabphone.sip.internal.transaction;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.2.1 (Figure 7) with RFC 6026 §7.1, as its user sees it. A 100 Trying goes out as
 * soon as the transaction exists; in Proceeding a retransmitted INVITE gets the latest provisional
 * response again. The final response hands the rest to {@link InviteServerAccepted} (2xx: resent
 * until the ACK, Timer L) or {@link InviteServerCompleted} (300-699: Timers G, H, Confirmed, I),
 * which keep neither the request nor this object.
 */
final class InviteServerTransaction extends Transaction implements ServerTransaction {
    private final SipRequest request;
    /** Guarded by this: sent again for a retransmitted INVITE while Proceeding. */
    private SipResponse lastProvisional;

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
    public synchronized void respond(SipResponse response) {
        if (state != TransactionState.PROCEEDING) {
            throw new IllegalStateException("INVITE transaction is " + state() + ": no more responses");
        }
        int code = response.statusCode();
        if (code < 200) {
            lastProvisional = response;
            send(response);
            return;
        }
        lastProvisional = null;
        String toTag = response.to() == null ? null : response.to().tag().orElse(null);
        if (code < 300) {
            state = TransactionState.ACCEPTED;
            String dialogKey = TransactionTable.dialogKey(request);
            InviteServerAccepted accepted = handOff(new InviteServerAccepted(ctx, key, path, this, dialogKey, toTag));
            ctx.table().accepted(dialogKey, accepted); // findable by its ACK before the 2xx leaves
            accepted.start(response);
        } else {
            state = TransactionState.COMPLETED;
            handOff(new InviteServerCompleted(ctx, key, path, response, toTag)).start(response);
        }
    }

    /** The same INVITE again while Proceeding: the latest provisional response again (§17.2.1). */
    @Override
    synchronized void onRetransmission() {
        if (state == TransactionState.PROCEEDING && lastProvisional != null) {
            send(lastProvisional);
        }
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate(); // §17.2.4: tell the TU? It learns nothing useful; the dialog layer notices the flow
    }

    @Override
    protected void cancelTimers() {
        // none while Proceeding: the user owns the pace
    }
}
