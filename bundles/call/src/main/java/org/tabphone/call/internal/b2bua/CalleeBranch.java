package org.tabphone.call.internal.b2bua;

import org.tabphone.registrar.api.Binding;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * One forked INVITE toward one registered contact. Its fields are guarded by the call's lock;
 * transaction callbacks go straight to the call.
 */
final class CalleeBranch implements ClientTransactionListener {
    final Call call;
    /** The branch's key in the call's media session. */
    final String key;
    final Binding target;
    final SipPath path;
    final SipRequest invite;
    /** A provisional arrived, so a CANCEL may be sent (RFC 3261 §9.1). */
    boolean provisional;
    /** The caller cancelled before any provisional: send the CANCEL when one arrives. */
    boolean cancelPending;
    /** Cancelled, failed or answered: no more to do on the INVITE. */
    boolean done;
    Dialog dialog;
    /** Rings a transfer target (RFC 3515), not the original callee. */
    boolean transfer;

    CalleeBranch(Call call, String key, Binding target, SipPath path, SipRequest invite) {
        this.call = call;
        this.key = key;
        this.target = target;
        this.path = path;
        this.invite = invite;
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        call.onBranchResponse(this, response);
    }

    @Override
    public void onTimeout(ClientTransaction transaction) {
        call.onBranchFailure(this, 408, "Request Timeout");
    }

    @Override
    public void onTransportError(ClientTransaction transaction, Throwable cause) {
        call.onBranchFailure(this, 480, "Contact unreachable");
    }

    @Override
    public String toString() {
        return target.user() + "@" + target.contact();
    }
}
