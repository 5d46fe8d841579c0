package org.tabphone.call.internal.b2bua;

import org.tabphone.registrar.api.Binding;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.TrunkCall;

/**
 * One forked INVITE toward one {@link Target}: a registered contact, a trunk's provider, or an
 * endpoint by SIP URI. Its fields are guarded by the call's lock; transaction callbacks go
 * straight to the call.
 */
final class CalleeBranch implements ClientTransactionListener {

    /** Whom a branch rings. */
    sealed interface Target {
        /** The transport its INVITE goes on. */
        TransportKind transport();
    }

    /** A registered contact of a user of the tenant. */
    record Contact(Binding binding) implements Target {
        @Override
        public TransportKind transport() {
            return binding.transport();
        }

        @Override
        public String toString() {
            return binding.user() + "@" + binding.contact();
        }
    }

    /**
     * A line seized on a trunk: freed when the branch is over. {@code transport} is the one the
     * trunk's driver chose for this call (with {@code transport = auto}, DNS's: not the settings').
     */
    record Trunk(TrunkCall line, TransportKind transport) implements Target {

        @Override
        public String toString() {
            return "trunk " + line.settings().name();
        }
    }

    /**
     * A party that called in — another call's caller side — joined to this call as its callee by
     * an attended transfer whose transferor it had called.
     */
    record Caller(TransportKind transport) implements Target {
        @Override
        public String toString() {
            return "caller over " + transport;
        }
    }

    /** An endpoint that is not a registered user, by its SIP URI (RouteDecision.RingUri): an agent, a device. */
    record Endpoint(SipUri uri, TransportKind transport) implements Target {
        @Override
        public String toString() {
            return "endpoint " + uri;
        }
    }

    final Call call;
    /** The branch's key in the call's media session. */
    final String key;
    final Target target;
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
    /**
     * The 2xx it answered with: its SDP anchors a new media session when the caller transfers it
     * away. For a caller joined by an attended transfer: its INVITE (null when that is not known).
     */
    SipMessage answer;
    /** Who the party is, when not its INVITE's To: a caller joined by an attended transfer. */
    private NameAddress calledIn;
    /** The to-tags of its provisional responses: its early dialogs, which an INVITE with Replaces may pick up. */
    final java.util.Set<String> earlyTags = new java.util.HashSet<>(2);
    /** Rings a transfer target (RFC 3515), not the original callee. */
    boolean transfer;

    CalleeBranch(Call call, String key, Target target, SipPath path, SipRequest invite) {
        this.call = call;
        this.key = key;
        this.target = target;
        this.path = path;
        this.invite = invite;
    }

    /**
     * Another call's caller side as a branch of the call an attended transfer joins it to: {@code
     * who} as it called, its dialog and path, {@code sdp} the message with its SDP (or null).
     */
    static CalleeBranch calledIn(Call call, String key, Target target, SipPath path, SipRequest invite, Dialog dialog,
                                 NameAddress who, SipMessage sdp) {
        CalleeBranch b = new CalleeBranch(call, key, target, path, invite);
        b.done = true;
        b.dialog = dialog;
        b.answer = sdp;
        b.calledIn = who;
        return b;
    }

    /** The party: as the INVITE addressed it, or as it called. */
    NameAddress party() {
        return calledIn != null ? calledIn : invite.to();
    }

    /** The party's address of record, for the call records. */
    String address() {
        return party().uri().toString();
    }

    TransportKind transport() {
        return target.transport();
    }

    /** The trunk line this branch holds, or null when it rings no trunk. */
    TrunkCall trunkLine() {
        return target instanceof Trunk t ? t.line() : null;
    }

    /** Frees the trunk line, if this branch holds one. */
    void releaseLine() {
        if (target instanceof Trunk t) {
            t.line().release();
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
        if (calledIn != null) {
            return address() + " (" + target + ")";
        }
        return target instanceof Trunk ? target + " " + invite.requestUri() : target.toString();
    }
}
