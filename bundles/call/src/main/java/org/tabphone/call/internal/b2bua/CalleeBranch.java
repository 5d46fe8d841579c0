package org.tabphone.call.internal.b2bua;

import org.tabphone.registrar.api.Binding;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.TrunkCall;

/**
 * One forked INVITE toward one registered contact, or toward a trunk's provider. Its fields are
 * guarded by the call's lock; transaction callbacks go straight to the call.
 */
final class CalleeBranch implements ClientTransactionListener {
    final Call call;
    /** The branch's key in the call's media session. */
    final String key;
    /** The registered contact rung, or null for a trunk. */
    final Binding target;
    /** The trunk line seized for this branch, or null for a registered contact. */
    final TrunkCall trunk;
    final SipPath path;
    /** The INVITE of the branch's current transaction: a new one after a trunk's 401/407 was answered. */
    SipRequest invite;
    /** Credentials were sent (one answer per challenge, RFC 3261 §22.2). */
    boolean authorized;
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
        this(call, key, target, null, path, invite);
    }

    CalleeBranch(Call call, String key, TrunkCall trunk, SipPath path, SipRequest invite) {
        this(call, key, null, trunk, path, invite);
    }

    private CalleeBranch(Call call, String key, Binding target, TrunkCall trunk, SipPath path, SipRequest invite) {
        this.call = call;
        this.key = key;
        this.target = target;
        this.trunk = trunk;
        this.path = path;
        this.invite = invite;
    }

    TransportKind transport() {
        return target != null ? target.transport() : trunk.settings().transport();
    }

    /** Frees the trunk line, if this branch holds one. */
    void releaseLine() {
        if (trunk != null) {
            trunk.release();
        }
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
        return target != null ? target.user() + "@" + target.contact()
            : "trunk " + trunk.settings().name() + " " + invite.requestUri();
    }
}
