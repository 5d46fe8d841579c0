package org.tabphone.call.internal.b2bua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallInfo;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaException;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.BindingPaths;
import org.tabphone.routing.api.RouteDecision;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.OutboundLeg;
import org.tabphone.trunk.api.TrunkCall;
import org.tabphone.trunk.api.TrunkService;

/**
 * One call: the caller's leg (its INVITE server transaction, then a UAS dialog) and the callee
 * leg, forked to every registered contact until one answers. 180 goes to the caller at once, the
 * 200 only when a callee answers (with the callee's SDP); the other branches are cancelled, a
 * late second 2xx is ACKed and BYEd. All state changes hold this call's lock.
 */
final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    enum State { ROUTING, RINGING, ANSWERED, ENDED }

    private final String id = LegRequests.newTag();
    final CallContext ctx;
    final LegRequests requests;
    final String tenant;
    final String tenantDomain;
    private final ServerTransaction callerTx;
    final SipRequest invite;
    private final String callerTag = LegRequests.newTag();
    private final Instant started = Instant.now();
    /** When the current segment began: the INVITE, then each completed transfer's REFER (the records' start). */
    Instant segmentStarted = started;
    /** Whom the current segment calls: the Request-URI, then each transfer target's address of record. */
    String calleeAddress;
    /** Media as the next segment-end event reports it, taken before the legs it describes are released. */
    CallMedia.MediaReport mediaReport = CallMedia.MediaReport.NONE;
    final List<CalleeBranch> branches = new ArrayList<>();
    State state = State.ROUTING;
    CalleeBranch answered;
    Dialog callerDialog;
    /** Where the caller's leg is reached: its INVITE's path; after a caller's transfer, the callee's (now the caller side). */
    SipPath callerPath;
    /**
     * Who the caller side is once it changed (a caller's transfer: the callee that stayed; an INVITE
     * with Replaces for the caller's leg: the new party), null while it is the INVITE's From; the
     * message with its SDP and its kind for the records go with it (see {@link #callerIs}).
     */
    private NameAddress callerParty;
    private SipMessage callerSdp;
    String callerKind;
    Instant answeredAt;
    private SipResponse bestFailure;
    private java.util.concurrent.ScheduledFuture<?> ringTimer;
    /** SDP handling: anchored through the media service, or passed through. */
    CallMedia media = CallMedia.none();
    /** REFERs from either leg and the legs they release. */
    private final TransferHandler transfers = new TransferHandler(this);
    /** Joins with other calls (REFER with Replaces). */
    private final AttendedTransferHandler attended = new AttendedTransferHandler(this, transfers);
    /** An INVITE with Replaces taking over the caller's or the callee's leg. */
    private final ReplacingInvite replacing = new ReplacingInvite(this, transfers, attended);
    /** An INVITE with Replaces naming a ringing branch's early dialog: directed call pickup. */
    private final CallPickup pickup = new CallPickup(this);
    /** The SDP the caller got in our 200. */
    byte[] lastCallerSdp;
    /** RFC 4028 interval the caller refreshes at (s), 0 = no session timer. */
    private int sessionExpires;
    private java.util.concurrent.ScheduledFuture<?> sessionTimer;
    /** The trunk line this call came in on, or null. */
    private TrunkCall inboundTrunk;
    /** The caller went on in another call (attended transfer) with its trunk line: that call frees it. */
    private boolean inboundTrunkHandedOver;

    Call(CallContext ctx, LegRequests requests, String tenant, String tenantDomain, ServerTransaction callerTx) {
        this.ctx = ctx;
        this.requests = requests;
        this.tenant = tenant;
        this.tenantDomain = tenantDomain;
        this.callerTx = callerTx;
        this.invite = callerTx.request();
        this.sessionExpires = SessionTimers.requested(invite);
        this.callerPath = callerTx.path();
    }

    String id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String caller() {
        return callerParty().uri().toString();
    }

    /**
     * The caller side as a transfer target or a joined call sees it (From): the INVITE's From, or
     * whoever took the caller's place since.
     */
    NameAddress callerParty() {
        return callerParty != null ? callerParty : invite.from();
    }

    /** The message with the caller side's SDP: its INVITE, or what the party in its place last gave (null: not known). */
    SipMessage callerSdp() {
        return callerParty != null ? callerSdp : invite;
    }

    /**
     * The caller side is now {@code party} (its tag is dropped: each leg it is used on gets its
     * own), {@code sdp} the message with its SDP, {@code kind} its kind for the records.
     */
    void callerIs(NameAddress party, SipMessage sdp, String kind) {
        callerParty = party.withoutParam("tag");
        callerSdp = sdp;
        callerKind = kind;
    }

    /** For the call events' direction: the caller side's kind once a caller's transfer made the callee it; else null. */
    synchronized String callerKind() {
        return callerKind;
    }

    String callee() {
        return calleeAddress != null ? calleeAddress : invite.requestUri().toString();
    }

    /** For the call events: media of the segment that just ended. */
    synchronized CallMedia.MediaReport mediaReport() {
        return mediaReport;
    }

    /** For the call events: when the segment they describe began. */
    synchronized Instant segmentStarted() {
        return segmentStarted;
    }

    /** For the call events' direction: whom the answering branch rang, null while nobody answered. */
    synchronized CalleeBranch.Target answeredTarget() {
        return answered == null ? null : answered.target;
    }

    /** The trunk the call came in on, else the one it went out on once answered; empty for neither. */
    synchronized String trunk() {
        if (inboundTrunk != null) {
            return inboundTrunk.settings().name();
        }
        TrunkCall outbound = answered == null ? null : answered.trunkLine();
        return outbound != null ? outbound.settings().name() : "";
    }

    synchronized boolean fromTrunk() {
        return inboundTrunk != null;
    }

    /** The trunk line the caller came in on (null: none), for an attended transfer that takes the caller to another call. */
    TrunkCall inboundTrunkLine() {
        return inboundTrunk;
    }

    /** The caller's line now belongs to another call: not freed when this one ends. */
    void handOverInboundTrunk() {
        inboundTrunkHandedOver = true;
    }

    /** How the caller side is reached: its flow's transport (a browser's WebSocket), else its INVITE's Via. */
    TransportKind callerTransport() {
        return transportOf(callerPath, invite);
    }

    /** How a party that sent {@code request} over {@code path} is reached: its flow's transport, else the request's Via. */
    static TransportKind transportOf(SipPath path, SipRequest request) {
        if (path instanceof Flow f) {
            return f.kind();
        }
        Via via = request.topVia();
        return via == null ? TransportKind.UDP : TransportKind.fromToken(via.transport()).orElse(TransportKind.UDP);
    }

    ServerTransaction callerTransaction() {
        return callerTx;
    }

    /** Rings every target at once (forking); 180 to the caller first. */
    synchronized void ring(List<Binding> targets) {
        if (state != State.ROUTING || !openMedia()) {
            return; // cancelled while the router thought, or media refused
        }
        for (Binding b : targets) {
            Optional<SipPath> path = BindingPaths.pathOf(b, ctx.transport(), ctx.stack());
            if (path.isEmpty()) {
                continue;
            }
            String key = "b" + (branches.size() + 1);
            try {
                byte[] offer = media.offerFor(key, b, invite.body());
                branches.add(new CalleeBranch(this, key, new CalleeBranch.Contact(b), path.get(),
                    requests.calleeInvite(invite, tenantDomain, b, path.get(), offer)));
            } catch (MediaException e) {
                LOG.info("call {}: no media for {}: {}", id, b.contact(), e.getMessage());
            }
        }
        if (branches.isEmpty()) {
            fail(480, "Temporarily Unavailable", "gateway");
            return;
        }
        startRinging();
    }

    /**
     * Calls out on the first trunk route with a free line (RFC 3261 §16.6-like serial choice by
     * priority: a trunk at capacity or with an unresolved provider passes to the next).
     */
    synchronized void ringTrunk(List<RouteDecision.TrunkRoute> routes, TrunkService trunks) {
        if (state != State.ROUTING || !openMedia()) {
            return;
        }
        String callerNumber = invite.from().uri() instanceof SipUri u ? u.userDecoded().orElse("anonymous") : "anonymous";
        for (RouteDecision.TrunkRoute route : routes) {
            Optional<TrunkCall> line = trunks.seizeOutbound(route.trunk());
            if (line.isEmpty()) {
                LOG.info("call {}: trunk {} has no free line", id, route.trunk());
                continue;
            }
            try {
                OutboundLeg leg = line.get().line().outbound(route.number(), callerNumber);
                String key = "b" + (branches.size() + 1);
                byte[] offer = media.offerForRtpPeer(key, leg.proxy(), invite.body());
                branches.add(new CalleeBranch(this, key, new CalleeBranch.Trunk(line.get(), leg.transport()), leg.path(),
                    requests.trunkInvite(invite, leg, leg.transport(), offer)));
                break;
            } catch (MediaException | RuntimeException e) {
                line.get().release();
                LOG.info("call {}: trunk {} unusable: {}", id, route.trunk(), e.getMessage());
            }
        }
        if (branches.isEmpty()) {
            fail(503, "No trunk line available", "gateway");
            return;
        }
        startRinging();
    }

    /**
     * Rings one endpoint by its SIP URI (RouteDecision.RingUri: an agent on a virtual number) at
     * {@code address}, already resolved, over {@code path}: a plain RTP/AVP offer, as to a trunk.
     */
    synchronized void ringUri(CalleeBranch.Endpoint endpoint, java.net.InetSocketAddress address, SipPath path) {
        if (state != State.ROUTING || !openMedia()) {
            return; // cancelled while the host name resolved, or media refused
        }
        String key = "b" + (branches.size() + 1);
        try {
            byte[] offer = media.offerForRtpPeer(key, address, invite.body());
            branches.add(new CalleeBranch(this, key, endpoint, path,
                requests.uriInvite(invite, tenantDomain, endpoint.uri(), endpoint.transport(), path, offer)));
        } catch (MediaException e) {
            LOG.info("call {}: no media for {}: {}", id, endpoint, e.getMessage());
            fail(e.sipStatus(), e.getMessage(), "gateway");
            return;
        }
        startRinging();
    }

    /**
     * An INVITE from a trunk that must not ring anyone (the trunk takes no inbound calls, or it is
     * a sibling fork of a call that already rings): 180 and nothing else, until the provider
     * CANCELs (487) or the ring timeout.
     */
    synchronized void hold() {
        state = State.RINGING;
        callerTx.respond(requests.toCaller(invite, 180, callerTag, callerTx.path()).build());
        ringTimer = ctx.timers().schedule(this::noAnswer, ctx.ringTimeoutMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** This call came in on a trunk line; it is freed when the call ends. */
    synchronized void fromTrunk(TrunkCall line) {
        inboundTrunk = line;
    }

    private boolean openMedia() {
        try {
            media = CallMedia.open(ctx.media().get(), new CallIdentity(id, tenant, caller(), callee()), invite,
                callerTx.path());
            return true;
        } catch (MediaException e) {
            LOG.info("call {}: media refused the caller's offer: {}", id, e.getMessage());
            fail(e.sipStatus(), e.getMessage(), "gateway");
            return false;
        }
    }

    private void startRinging() {
        state = State.RINGING;
        callerTx.respond(requests.toCaller(invite, 180, callerTag, callerTx.path()).build());
        ringTimer = ctx.timers().schedule(this::noAnswer, ctx.ringTimeoutMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
        for (CalleeBranch b : branches) {
            ctx.stack().sendRequest(b.invite, b.path, b);
        }
    }

    synchronized void reject(int code, String reason) {
        if (state == State.ROUTING) {
            fail(code, reason, "gateway");
        }
    }

    synchronized void onBranchResponse(CalleeBranch b, SipResponse r) {
        if (b.transfer) {
            transfers.onTargetResponse(b, r);
            return;
        }
        int code = r.statusCode();
        if (code < 200) {
            b.provisional = true;
            if (code > 100) {
                r.to().tag().ifPresent(b.earlyTags::add); // an early dialog (RFC 3261 §12.1): a pickup may name it
            }
            if (b.cancelPending) { // cancelled before this first provisional (RFC 3261 §9.1)
                sendCancel(b);
            } else if (code == 183 && r.bodyLength() > 0 && state == State.RINGING) {
                // early media: relay the callee's SDP (RFC 3261 §13.2.1 allows it in a 1xx)
                try {
                    byte[] sdp = media.answerFrom(b.key, r);
                    callerTx.respond(requests.toCaller(invite, 183, callerTag, callerTx.path())
                        .body(sdp, r.contentType().orElse("application/sdp")).build());
                } catch (MediaException e) {
                    LOG.info("call {}: early media from {} not usable: {}", id, b, e.getMessage());
                }
            }
            return;
        }
        if (code < 300) {
            if (reAcked(b, r)) {
                return;
            }
            if (state == State.RINGING && !b.done) {
                byte[] sdp;
                try {
                    sdp = media.anchored() || r.bodyLength() > 0 ? media.answerFrom(b.key, r) : null;
                } catch (MediaException e) {
                    // an answer the caller can't get: end that branch, the others may still answer
                    LOG.info("call {}: {} answered with unusable media: {}", id, b, e.getMessage());
                    ackAndBye(b, r);
                    branchFailed(b, e.sipStatus(), e.getMessage());
                    return;
                }
                answer(b, r, sdp);
            } else {
                ackAndBye(b, r); // another fork answered too, or the caller left: never leave it hanging
            }
            return;
        }
        if ((code == 401 || code == 407) && b.trunkLine() != null && !b.authorized && !b.done && state == State.RINGING) {
            Optional<Header> auth = b.trunkLine().line().authorize(r, b.invite);
            if (auth.isPresent()) {
                resendAuthorized(b, auth.get());
                return;
            }
        }
        onBranchFailure(b, code, r.reasonPhrase());
    }

    /** The provider challenged the INVITE: the same request with credentials, a new CSeq and branch (RFC 3261 §22.2). */
    private void resendAuthorized(CalleeBranch b, Header auth) {
        b.authorized = true;
        b.provisional = false;
        b.invite = b.invite.toBuilder()
            .remove(HeaderName.VIA).addVia(ctx.stack().newVia(b.path))
            .cseq(new CSeq(b.invite.cseq().number() + 1, SipMethod.INVITE))
            .set(auth.name(), auth.value())
            .build();
        ctx.stack().sendRequest(b.invite, b.path, b);
    }

    synchronized void onBranchFailure(CalleeBranch b, int code, String reason) {
        if (b.transfer) {
            transfers.onTargetFailure(b, code, reason);
            return;
        }
        boolean cancelled = b.done;
        b.done = true;
        if (state != State.RINGING || cancelled) {
            return;
        }
        branchFailed(b, code, reason);
    }

    /** A branch that was ringing is over: remember the best failure, and fail the call when none is left. */
    private void branchFailed(CalleeBranch b, int code, String reason) {
        b.releaseLine();
        if (bestFailure == null || better(code, bestFailure.statusCode())) {
            bestFailure = requests.toCaller(invite, code, callerTag, callerTx.path())
                .reasonPhrase(reason == null || reason.isEmpty() ? org.tabphone.sip.api.SipStatus.reasonPhrase(code) : reason)
                .build();
        }
        if (branches.stream().allMatch(x -> x.done)) {
            state = State.ENDED;
            callerTx.respond(bestFailure);
            end(bestFailure.statusCode(), "callee");
        }
    }

    /** RFC 3261 §16.7 step 6, simplified: a 6xx wins, else the lowest class, first come. */
    static boolean better(int candidate, int current) {
        if (current >= 600) {
            return false;
        }
        return candidate >= 600 || candidate / 100 < current / 100;
    }

    private void answer(CalleeBranch b, SipResponse r, byte[] sdp) {
        b.done = true;
        b.answer = r;
        b.dialog = Dialog.asUac(b.invite, r);
        b.dialog.confirm(r);
        sendAck(b);
        connect(b, sdp, r.contentType().orElse("application/sdp"));
    }

    /**
     * {@code b}'s dialog is confirmed: the caller gets 200 with {@code sdp} (of {@code contentType}),
     * the other branches are cancelled. Also for a party that picked up a ringing branch ({@link CallPickup}).
     */
    void connect(CalleeBranch b, byte[] sdp, String contentType) {
        state = State.ANSWERED;
        ringTimer.cancel(false);
        answered = b;
        answeredAt = Instant.now();
        SipResponse.Builder ok = requests.toCaller(invite, 200, callerTag, callerTx.path());
        if (sdp != null && sdp.length > 0) {
            ok.body(sdp, contentType);
        }
        if (sessionExpires > 0) { // RFC 4028 §9: the caller refreshes, the gateway watches
            ok.set(HeaderName.SESSION_EXPIRES, sessionExpires + ";refresher=uac").add(HeaderName.REQUIRE, "timer");
            sessionRefreshed();
        }
        media.select(b.key);
        media.onTimeout(this::mediaTimedOut);
        lastCallerSdp = sdp;
        SipResponse okToCaller = ok.build();
        callerDialog = Dialog.asUas(invite, okToCaller);
        // both dialogs findable before the 200 leaves: the caller's ACK and BYE may come at once, on another I/O thread
        ctx.table().dialog(callerDialog.id(), this);
        ctx.table().dialog(b.dialog.id(), this);
        callerTx.respond(okToCaller);
        for (CalleeBranch other : branches) {
            if (other != b) {
                cancelBranch(other);
            }
        }
        ctx.events().emit(CallEvent.Type.ANSWERED, this, 0, null);
    }

    /** A pickup failed after the ringing branches' media was released: the call can't go on ringing. */
    void pickupFailed(int code, String reason) {
        branches.forEach(this::cancelBranch);
        fail(code, reason, "gateway");
    }

    /** The ringing branch whose early dialog is {@code early}, or null: see {@link CallPickup#ringingBranch}. */
    synchronized CalleeBranch ringingBranch(org.tabphone.sip.api.dialog.DialogId early) {
        return pickup.ringingBranch(early);
    }

    /** An INVITE with Replaces naming a ringing branch's early dialog: see {@link CallPickup#pickUp}. */
    synchronized void pickedUpBy(ServerTransaction tx, Replaces replaces) {
        pickup.pickUp(tx, ringingBranch(replaces.dialogId()));
    }

    /**
     * A retransmission of the 2xx that made this branch's dialog (RFC 6026 §8.4 hands each one up):
     * ACKed again (RFC 3261 §13.2.2.4), nothing more — only a 2xx of another dialog is BYEd.
     */
    boolean reAcked(CalleeBranch b, SipResponse r) {
        if (b.dialog == null || !r.to().tag().orElse("").equals(b.dialog.id().remoteTag())) {
            return false;
        }
        sendAck(b);
        return true;
    }

    void sendAck(CalleeBranch b) {
        SipRequest ack = b.dialog.ack(b.invite.cseq().number()).addVia(ctx.stack().newVia(b.path)).build();
        b.path.send(ack, e -> LOG.info("call {}: ACK to {} failed: {}", id, b, e.toString()));
    }

    void ackAndBye(CalleeBranch b, SipResponse r) {
        b.done = true;
        b.dialog = Dialog.asUac(b.invite, r);
        b.dialog.confirm(r);
        sendAck(b);
        bye(b.dialog, b.path);
    }

    void cancelBranch(CalleeBranch b) {
        if (b.done) {
            return;
        }
        b.done = true;
        if (b.provisional) {
            sendCancel(b);
        } else {
            b.cancelPending = true; // RFC 3261 §9.1: not before a provisional response
        }
    }

    void sendCancel(CalleeBranch b) {
        b.cancelPending = false;
        ctx.stack().sendRequest(LegRequests.cancelFor(b.invite), b.path, ClientTransactionListener.IGNORE);
    }

    /** The caller's CANCEL (RFC 3261 §9.2): 200 to it, CANCEL to every branch, 487 to the INVITE. */
    synchronized void cancelledByCaller(ServerTransaction cancel) {
        cancel.respond(SipResponse.replyTo(cancel.request(), 200).toTag(callerTag).build()); // RFC 3261 §9.2
        if (state != State.ROUTING && state != State.RINGING) {
            return; // too late: answered already (the caller will BYE)
        }
        branches.forEach(this::cancelBranch);
        state = State.ENDED;
        callerTx.respond(requests.toCaller(invite, 487, callerTag, callerTx.path()).build());
        end(487, "caller");
    }

    /** A BYE on either leg (told apart by its dialog id): 200 to it, BYE to the other leg. */
    synchronized void byeReceived(ServerTransaction byeTx, org.tabphone.sip.api.dialog.DialogId dialog) {
        if (transfers.byeFromReferrer(byeTx, dialog)) {
            return;
        }
        boolean fromCaller = callerDialog != null && callerDialog.id().equals(dialog);
        Dialog on = fromCaller ? callerDialog : answered.dialog;
        if (!on.acceptRemote(byeTx.request())) {
            byeTx.respond(requests.toCaller(byeTx.request(), 500, null, byeTx.path()).reasonPhrase("CSeq out of order").build());
            return;
        }
        byeTx.respond(SipResponse.replyTo(byeTx.request(), 200).build());
        if (state != State.ANSWERED) {
            return;
        }
        if (fromCaller) {
            bye(answered.dialog, answered.path);
        } else {
            bye(callerDialog, callerPath);
        }
        state = State.ENDED;
        end(200, fromCaller ? "caller" : "callee");
    }

    /** The legs for a request that arrived in the dialog {@code id}, or null when the call isn't answered. */
    synchronized LegPair legsFor(org.tabphone.sip.api.dialog.DialogId id) {
        if (state != State.ANSWERED) {
            return null;
        }
        boolean fromCaller = callerDialog.id().equals(id);
        if (!fromCaller && !answered.dialog.id().equals(id)) {
            return null; // a leg that transferred the call away
        }
        return fromCaller
            ? new LegPair(callerDialog, answered.dialog, answered.path, true, media, this)
            : new LegPair(answered.dialog, callerDialog, callerPath, false, media, this);
    }

    /**
     * A connection the call depends on closed (RFC 7118 §5: a browser's WebSocket is its only
     * path): the caller's → the callee legs are cancelled or sent BYE; the answered callee's →
     * BYE to the caller; a ringing branch's → that branch failed.
     */
    synchronized void flowClosed(FlowId flow) {
        if (state == State.ENDED) {
            return;
        }
        if (isOn(callerPath, flow)) {
            boolean wasAnswered = state == State.ANSWERED;
            if (wasAnswered) {
                callerDialog.terminate();
                bye(answered.dialog, answered.path);
            } else {
                branches.forEach(this::cancelBranch);
                // the final response can't arrive, but sending it ends the INVITE transaction
                callerTx.respond(requests.toCaller(invite, 487, callerTag, callerTx.path()).build());
            }
            state = State.ENDED;
            end(wasAnswered ? 200 : 487, "caller");
            return;
        }
        for (CalleeBranch b : branches) {
            if (!isOn(b.path, flow)) {
                continue;
            }
            if (b == answered) {
                b.dialog.terminate();
                bye(callerDialog, callerPath);
                state = State.ENDED;
                end(200, "callee");
                return;
            }
            onBranchFailure(b, 480, "Callee connection closed");
        }
    }

    private static boolean isOn(SipPath path, FlowId flow) {
        return path instanceof Flow f && f.id().equals(flow);
    }

    /** The caller never ACKed our 200 (RFC 3261 §13.3.1.4): BYE both legs. */
    synchronized void ackTimedOut() {
        if (state == State.ANSWERED) {
            bye(answered.dialog, answered.path);
            bye(callerDialog, callerPath);
            state = State.ENDED;
            end(408, "gateway");
        }
    }

    /** Another call's transfer or join is busy with this call: no second one until it is over. */
    boolean transferBusy() {
        return transfers.current() != null || attended.lent();
    }

    /** A REFER without Replaces from either leg: see {@link TransferHandler#referReceived}. */
    synchronized void referReceived(ServerTransaction tx, org.tabphone.sip.api.dialog.DialogId id,
                                    Optional<org.tabphone.tenant.api.SipUser> target, List<Binding> bindings) {
        transfers.referReceived(tx, id, target, bindings);
    }

    /** A REFER with Replaces naming the referrer's leg in another call: see {@link AttendedTransferHandler#referJoin}. */
    synchronized void referJoin(ServerTransaction tx, org.tabphone.sip.api.dialog.DialogId id, AttendedJoin join) {
        attended.referJoin(tx, id, join);
    }

    /** See {@link AttendedTransferHandler#lendForJoin}. */
    synchronized AttendedJoin lendForJoin(org.tabphone.sip.api.dialog.DialogId named) {
        return attended.lendForJoin(named);
    }

    /** Without the lock: the joining call holds its own (see {@link AttendedJoin}). */
    void giveBackJoin() {
        attended.giveBackJoin();
    }

    synchronized void joinedAway(CalleeBranch party, boolean wasCaller, CallMedia.MediaReport report) {
        attended.joinedAway(party, wasCaller, report);
    }

    /** An INVITE with Replaces naming a leg of this call: see {@link ReplacingInvite#replacedBy}. */
    synchronized void replacedBy(ServerTransaction tx, Replaces replaces) {
        replacing.replacedBy(tx, replaces);
    }

    /** The session interval, for the answers to the caller's refreshes (0: none). */
    synchronized int sessionExpires() {
        return sessionExpires;
    }

    /** A re-INVITE or UPDATE in the call succeeded: the session timer starts again (RFC 4028 §10). */
    synchronized void sessionRefreshed() {
        if (sessionExpires <= 0 || state == State.ENDED) {
            return;
        }
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        sessionTimer = ctx.timers().schedule(this::sessionExpired, SessionTimers.expiryMillis(sessionExpires),
            java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The refresher left (a caller's transfer): no session timer from now on. */
    void stopSessionTimer() {
        sessionExpires = 0;
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
    }

    /** Nobody refreshed the session: it's gone (a vanished browser, a crashed phone). BYE both legs. */
    private synchronized void sessionExpired() {
        if (state == State.ANSWERED) {
            LOG.info("call {}: session timer expired ({} s without a refresh), ending the call", id, sessionExpires);
            bye(answered.dialog, answered.path);
            bye(callerDialog, callerPath);
            state = State.ENDED;
            end(408, "gateway");
        }
    }

    /** The media service saw no RTP from one side for its RTP timeout: the peer vanished without a BYE. BYE both legs. */
    synchronized void mediaTimedOut(String silentLeg) {
        if (state == State.ANSWERED) {
            LOG.info("call {}: no RTP from the {}: ending the call", id, silentLeg);
            bye(answered.dialog, answered.path);
            bye(callerDialog, callerPath);
            state = State.ENDED;
            end(408, "gateway");
        }
    }

    /** Nobody answered in time (a B2BUA's Timer C, RFC 3261 §16.8): cancel the branches, 480 to the caller. */
    private synchronized void noAnswer() {
        if (state == State.RINGING) {
            branches.forEach(this::cancelBranch);
            fail(480, "No answer", "gateway");
        }
    }

    /** Operator hang-up: CANCEL while ringing (the caller gets 480), BYE both legs when answered. */
    synchronized boolean hangup() {
        switch (state) {
            case ROUTING, RINGING -> {
                branches.forEach(this::cancelBranch);
                state = State.ENDED;
                callerTx.respond(requests.toCaller(invite, 480, callerTag, callerTx.path())
                    .reasonPhrase("Ended by the operator").build());
                end(480, "admin");
                return true;
            }
            case ANSWERED -> {
                bye(answered.dialog, answered.path);
                bye(callerDialog, callerPath);
                state = State.ENDED;
                end(200, "admin");
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    void bye(Dialog dialog, SipPath path) {
        dialog.terminate();
        SipRequest bye = dialog.newRequest(SipMethod.BYE).addVia(ctx.stack().newVia(path)).build();
        ctx.stack().sendRequest(bye, path, ClientTransactionListener.IGNORE);
    }

    private void fail(int code, String reason, String by) {
        state = State.ENDED;
        callerTx.respond(requests.toCaller(invite, code, callerTag, callerTx.path()).reasonPhrase(reason).build());
        end(code, by);
    }

    void end(int cause, String by) {
        end(cause, by, null);
    }

    /** {@code report}: the media of the segment that ends, when taken before its legs changed (null: as they are now). */
    void end(int cause, String by, CallMedia.MediaReport report) {
        if (ringTimer != null) {
            ringTimer.cancel(false);
        }
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        transfers.callEnded(); // a transfer target may still ring
        mediaReport = report != null ? report : media.report(answered == null ? null : answered.key);
        media.close();
        branches.forEach(CalleeBranch::releaseLine);
        if (inboundTrunk != null && !inboundTrunkHandedOver) {
            inboundTrunk.release();
        }
        ctx.table().remove(this);
        ctx.events().emit(CallEvent.Type.ENDED, this, cause, by);
    }

    synchronized CallInfo info() {
        return new CallInfo(id, tenant, caller(), callee(), state.name(), branches.size(), started, answeredAt);
    }
}
