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
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
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

    /** How long a referrer may take to hang up after a successful transfer before the gateway BYEs it. */
    private static final long REFERRER_GRACE_MILLIS = 2000;

    private final String id = LegRequests.newTag();
    private final CallContext ctx;
    private final LegRequests requests;
    private final String tenant;
    private final String tenantDomain;
    private final ServerTransaction callerTx;
    private final SipRequest invite;
    private final String callerTag = LegRequests.newTag();
    private final Instant started = Instant.now();
    /** When the current segment began: the INVITE, then each completed transfer's REFER (the records' start). */
    private Instant segmentStarted = started;
    /** Whom the current segment calls: the Request-URI, then each transfer target's address of record. */
    private String calleeAddress;
    /** Media as the next segment-end event reports it, taken before the legs it describes are released. */
    private CallMedia.MediaReport mediaReport = CallMedia.MediaReport.NONE;
    private final List<CalleeBranch> branches = new ArrayList<>();
    private State state = State.ROUTING;
    private CalleeBranch answered;
    private Dialog callerDialog;
    /** Where the caller's leg is reached: its INVITE's path; after a caller's transfer, the callee's (now the caller side). */
    private SipPath callerPath;
    /** After a caller's transfer: the staying callee's address and kind, as the next segment's caller. */
    private String callerAddress;
    private String callerKind;
    private Instant answeredAt;
    private SipResponse bestFailure;
    private java.util.concurrent.ScheduledFuture<?> ringTimer;
    /** SDP handling: anchored through the media service, or passed through. */
    private CallMedia media = CallMedia.none();
    /** A blind transfer in progress: its target branches ring while the referrer's leg stays up. */
    private Transfer transfer;
    private int transfers;
    /** This call's remaining party is lent to another call joining it (attended transfer). */
    private boolean lent;
    /** Legs that transferred the call away; a BYE from one is answered and goes no further. */
    private final List<Dialog> released = new ArrayList<>();
    /** The SDP the caller got in our 200. */
    private byte[] lastCallerSdp;
    /** RFC 4028 interval the caller refreshes at (s), 0 = no session timer. */
    private int sessionExpires;
    private java.util.concurrent.ScheduledFuture<?> sessionTimer;
    /** The trunk line this call came in on, or null. */
    private TrunkCall inboundTrunk;

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
        return callerAddress != null ? callerAddress : invite.from().uri().toString();
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
            onTransferResponse(b, r);
            return;
        }
        int code = r.statusCode();
        if (code < 200) {
            b.provisional = true;
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
            transferBranchFailed(b, code, reason);
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
        state = State.ANSWERED;
        ringTimer.cancel(false);
        answered = b;
        answeredAt = Instant.now();
        b.done = true;
        b.answer = r;
        b.dialog = Dialog.asUac(b.invite, r);
        b.dialog.confirm(r);
        sendAck(b);
        SipResponse.Builder ok = requests.toCaller(invite, 200, callerTag, callerTx.path());
        if (sdp != null && sdp.length > 0) {
            ok.body(sdp, r.contentType().orElse("application/sdp"));
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

    /**
     * A retransmission of the 2xx that made this branch's dialog (RFC 6026 §8.4 hands each one up):
     * ACKed again (RFC 3261 §13.2.2.4), nothing more — only a 2xx of another dialog is BYEd.
     */
    private boolean reAcked(CalleeBranch b, SipResponse r) {
        if (b.dialog == null || !r.to().tag().orElse("").equals(b.dialog.id().remoteTag())) {
            return false;
        }
        sendAck(b);
        return true;
    }

    private void sendAck(CalleeBranch b) {
        SipRequest ack = b.dialog.ack(b.invite.cseq().number()).addVia(ctx.stack().newVia(b.path)).build();
        b.path.send(ack, e -> LOG.info("call {}: ACK to {} failed: {}", id, b, e.toString()));
    }

    private void ackAndBye(CalleeBranch b, SipResponse r) {
        b.done = true;
        b.dialog = Dialog.asUac(b.invite, r);
        b.dialog.confirm(r);
        sendAck(b);
        bye(b.dialog, b.path);
    }

    private void cancelBranch(CalleeBranch b) {
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

    private void sendCancel(CalleeBranch b) {
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
        for (Dialog gone : released) {
            if (gone.id().equals(dialog)) { // the transferor leaves: nothing to pass on
                byeTx.respond(SipResponse.replyTo(byeTx.request(), 200).build());
                gone.terminate();
                ctx.table().removeDialog(dialog, this);
                return;
            }
        }
        if (transfer != null && transfer.referrer.id().equals(dialog)) {
            // a transferor that hangs up right after 202 (many do): the caller waits for the target
            byeTx.respond(SipResponse.replyTo(byeTx.request(), 200).build());
            transfer.referrer.terminate();
            transfer.referrerGone = true;
            transfer.notifier.stop();
            ctx.table().removeDialog(dialog, this);
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

    /**
     * A REFER in the call (RFC 3515) from either leg: 202, NOTIFY 100 Trying, and INVITEs to every
     * contact of the target while the referrer's leg stays up. When a target answers, the other
     * party is bridged to it, the referrer gets NOTIFY 200 and — unless it hangs up itself first —
     * a BYE. When none answers, the referrer gets the failure in a NOTIFY and the call goes on (an
     * agent can try again or speak to the caller). The callee referring keeps the caller on the
     * call's media session; the caller referring keeps the callee, which is moved to a new session
     * with a re-INVITE once the target answered (see {@link Transfer}).
     */
    synchronized void referReceived(ServerTransaction tx, org.tabphone.sip.api.dialog.DialogId id,
                                    Optional<org.tabphone.tenant.api.SipUser> target, List<Binding> bindings) {
        SipRequest refer = tx.request();
        boolean byCaller = state == State.ANSWERED && callerDialog.id().equals(id);
        if (state != State.ANSWERED || !byCaller && !answered.dialog.id().equals(id)) {
            tx.respond(SipResponse.replyTo(refer, 481).reasonPhrase("No such call leg").build());
            return;
        }
        Dialog from = byCaller ? callerDialog : answered.dialog;
        SipPath fromPath = byCaller ? callerPath : answered.path;
        if (!from.acceptRemote(refer)) {
            tx.respond(SipResponse.replyTo(refer, 500).reasonPhrase("CSeq out of order").build());
            return;
        }
        if (transfer != null || lent) {
            tx.respond(SipResponse.replyTo(refer, 491).reasonPhrase("A transfer is in progress").build());
            return;
        }
        String targetAddress = target.map(u -> "sip:" + u.username() + "@" + tenantDomain).orElse("");
        // the callee stays on its own leg (a browser keeps its DTLS): the targets replace the caller's
        CallMedia targetMedia = byCaller ? media.replacingCaller() : media;
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(ctx.stack(), from, fromPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        if (target.isEmpty()) {
            closeIfOwn(targetMedia);
            notifier.outcome(404, "Not Found");
            return;
        }
        Transfer t = new Transfer(from, fromPath, byCaller, notifier, targetAddress, targetMedia);
        transfers++;
        // the party that stays "calls" the target: the caller as it called, or the callee as it was dialled
        org.tabphone.sip.api.header.NameAddress stays = byCaller ? answered.invite.to() : invite.from();
        byte[] staysSdp = byCaller ? answered.answer.body() : invite.body();
        for (Binding b : bindings) {
            Optional<SipPath> path = BindingPaths.pathOf(b, ctx.transport(), ctx.stack());
            if (path.isEmpty()) {
                continue;
            }
            String key = "t" + transfers + "-" + (t.targets.size() + 1);
            try {
                byte[] offer = targetMedia.offerFor(key, b, staysSdp);
                CalleeBranch branch = new CalleeBranch(this, key, new CalleeBranch.Contact(b), path.get(),
                    requests.calleeInvite(invite, stays, tenantDomain, b, path.get(), offer));
                branch.transfer = true;
                t.targets.add(branch);
            } catch (MediaException e) {
                LOG.info("call {}: no media for transfer target {}: {}", this.id, b.contact(), e.getMessage());
            }
        }
        if (t.targets.isEmpty()) {
            closeIfOwn(targetMedia);
            notifier.outcome(480, "Temporarily Unavailable");
            return;
        }
        transfer = t;
        LOG.info("call {}: the {} ({}) transfers the {} to {} ({} contacts)", this.id, byCaller ? "caller" : "callee",
            byCaller ? caller() : answered, byCaller ? "callee" : "caller", target.get().username(), t.targets.size());
        for (CalleeBranch b : t.targets) {
            ctx.stack().sendRequest(b.invite, b.path, b);
        }
    }

    /**
     * A new media session for the callee of an attended join (it is re-INVITEd onto it): its SDP
     * (the answer it gave us) is the offer it is anchored on; passed through when the call's media
     * is. Its identity is the next segment's: the callee calling the other party.
     */
    private CallMedia reanchorMedia(String targetAddress) throws MediaException {
        if (!media.anchored()) {
            return CallMedia.none();
        }
        return CallMedia.open(ctx.media().get(),
            new CallIdentity(id, tenant, answered.invite.to().uri().toString(), targetAddress), answered.answer, answered.path);
    }

    private void closeIfOwn(CallMedia m) {
        if (m != media) {
            m.close();
        }
    }

    private void onTransferResponse(CalleeBranch b, SipResponse r) {
        int code = r.statusCode();
        if (code < 200) {
            b.provisional = true;
            if (b.cancelPending) {
                sendCancel(b);
            }
            return; // the referrer heard "100 Trying"; it hears the outcome next
        }
        if (code >= 300) {
            transferBranchFailed(b, code, r.reasonPhrase());
            return;
        }
        if (reAcked(b, r)) {
            return;
        }
        Transfer t = transfer;
        if (t == null || b.done || state != State.ANSWERED || t.reanchoring != null) {
            ackAndBye(b, r); // the call or the transfer is over already, or another target won
            return;
        }
        byte[] sdp;
        try {
            sdp = t.media.anchored() ? t.media.answerFrom(b.key, r) : r.body();
        } catch (MediaException e) {
            LOG.info("call {}: transfer target {} answered with unusable media: {}", id, b, e.getMessage());
            ackAndBye(b, r);
            transferTargetFailed(b, e.sipStatus(), e.getMessage());
            return;
        }
        b.done = true;
        b.answer = r;
        b.dialog = Dialog.asUac(b.invite, r);
        b.dialog.confirm(r);
        sendAck(b);
        for (CalleeBranch other : t.targets) {
            if (other != b) {
                cancelBranch(other);
            }
        }
        if (t.reanchor()) {
            t.reanchoring = b;
            reinviteCallee(t, b, sdp);
        } else {
            completeTransfer(t, b, sdp);
        }
    }

    /**
     * The caller's transfer: the target answered on the new session, so the callee gets a re-INVITE
     * offering it (RFC 3261 §14.1); its 2xx completes the transfer, a failure ends the target's leg
     * (unless it is the other call's party of an attended transfer, which goes back to its call)
     * and the callee stays with the caller on the old session.
     */
    private void reinviteCallee(Transfer t, CalleeBranch target, byte[] offer) {
        LegReinvite.send(ctx.stack(), requests, answered.dialog, answered.path, offer,
            (code, reason, r) -> calleeReinvited(t, target, code, reason));
    }

    private synchronized void calleeReinvited(Transfer t, CalleeBranch target, int code, String reason) {
        if (transfer != t || state != State.ANSWERED) {
            letGoOf(t, target); // the call ended meanwhile
            return;
        }
        if (code < 300) {
            completeTransfer(t, target, null);
            return;
        }
        LOG.info("call {}: the callee refused the move to the transfer target ({} {})", id, code, reason);
        letGoOf(t, target);
        transfer = null;
        t.media.close();
        if (t.referrerGone) { // nobody left to take the callee back
            bye(answered.dialog, answered.path);
            state = State.ENDED;
            end(code, "callee");
            return;
        }
        t.notifier.outcome(code, reason);
    }

    /** A target that won't be connected: BYE, or back to its own call for an attended transfer's party. */
    private void letGoOf(Transfer t, CalleeBranch target) {
        if (t.joining != null) {
            t.joining.giveBack();
        } else {
            bye(target.dialog, target.path);
        }
    }

    /**
     * The target is connected: the party that stayed now talks to it; the referrer hears 200 and
     * is let go. A caller's transfer makes the callee the caller of the next segment.
     */
    private void completeTransfer(Transfer t, CalleeBranch b, byte[] stayingSdp) {
        transfer = null;
        mediaReport = media.report(answered.key);
        ctx.events().emit(CallEvent.Type.TRANSFERRED, this, 200, "transfer"); // the segment that ends, as it was
        segmentStarted = t.started;
        answeredAt = Instant.now();
        calleeAddress = t.targetAddress;
        if (t.byCaller) {
            callerAddress = answered.invite.to().uri().toString();
            callerKind = CallEvents.calleeKind(answered.target);
            callerDialog = answered.dialog;
            callerPath = answered.path;
            if (t.media.replacesCaller()) {
                t.media.select(b.key); // the callee's leg now anchors the session, bridged to the target
            } else {
                media.close(); // the caller's leg and the callee's old one; the callee is on t.media now
                media = t.media;
                media.onTimeout(this::mediaTimedOut);
            }
            stopSessionTimer(); // the caller that refreshed it is gone
        } else if (!media.anchored()) {
            LOG.warn("call {}: transferred without a media service: the caller's media still points at {}", id, answered);
        } else if (stayingSdp != null && !java.util.Arrays.equals(stayingSdp, lastCallerSdp)) {
            LOG.info("call {}: the transfer target needs a different codec; the caller keeps its own", id);
        }
        answered = b;
        branches.add(b);
        ctx.table().dialog(b.dialog.id(), this);
        media.select(b.key);
        if (!t.referrerGone) {
            t.notifier.outcome(200, "OK");
            released.add(t.referrer);
            ctx.timers().schedule(() -> releaseReferrer(t.referrer, t.referrerPath), REFERRER_GRACE_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (t.joining != null) { // the transferor's leg in the other call: released here too
            AttendedJoin j = t.joining;
            ctx.table().dialog(j.transferorLeg().id(), this);
            released.add(j.transferorLeg());
            ctx.timers().schedule(() -> releaseReferrer(j.transferorLeg(), j.transferorPath()), REFERRER_GRACE_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
            j.joined();
        }
        LOG.info("call {}: transferred to {}", id, b);
    }

    /** The referrer didn't hang up after its NOTIFY 200 (RFC 5589 §6 expects it to): BYE it. */
    private synchronized void releaseReferrer(Dialog referrer, SipPath path) {
        if (referrer.state() != org.tabphone.sip.api.dialog.DialogState.TERMINATED) {
            bye(referrer, path);
            ctx.table().removeDialog(referrer.id(), this);
        }
    }

    private void transferBranchFailed(CalleeBranch b, int code, String reason) {
        boolean cancelled = b.done;
        b.done = true;
        if (!cancelled) {
            transferTargetFailed(b, code, reason);
        }
    }

    /** A transfer target that was ringing is over: the transfer fails when none is left. */
    private void transferTargetFailed(CalleeBranch b, int code, String reason) {
        Transfer t = transfer;
        if (t == null || !t.targets.contains(b) || t.reanchoring != null || !t.failed(code, reason)) {
            return;
        }
        transfer = null;
        if (t.byCaller) {
            t.media.close(); // the callee never left the call's own session
        } else {
            media.select(answered.key); // the referrer's leg keeps the caller; the targets' legs go
        }
        if (t.referrerGone) { // nobody left to take the staying party back
            if (t.byCaller) {
                bye(answered.dialog, answered.path);
            } else {
                bye(callerDialog, callerPath);
            }
            state = State.ENDED;
            end(t.bestFailure, t.byCaller ? "caller" : "callee");
            return;
        }
        t.notifier.outcome(t.bestFailure, t.bestReason);
        LOG.info("call {}: transfer to {} failed ({}); the call goes on", id, t.targetAddress, t.bestFailure);
    }

    /**
     * RFC 5589 §7 attended transfer, the gateway being the transfer target's side: the caller's
     * REFER names with Replaces its own leg in {@code join}'s call, so the callee here and the
     * party there are joined, without the transferor. Both move to a new media session: the party
     * there by a re-INVITE offering it, then the callee here by one with the party's answer; the
     * transferor hears NOTIFY 200 and both its legs are released. Only for calls the transferor
     * placed (its legs are the callers' of both); {@code join} is null when the other call can't
     * lend its party (no such dialog, not answered, busy) and the REFER then ends in NOTIFY 481.
     */
    synchronized void referJoin(ServerTransaction tx, org.tabphone.sip.api.dialog.DialogId id, AttendedJoin join) {
        SipRequest refer = tx.request();
        boolean byCaller = state == State.ANSWERED && callerDialog.id().equals(id);
        String refuse = null;
        int code = 0;
        if (!byCaller) {
            boolean byCallee = state == State.ANSWERED && answered.dialog.id().equals(id);
            code = byCallee ? 501 : 481;
            refuse = byCallee ? "Attended transfer only by the party that placed both calls" : "No such call leg";
        } else if (!callerDialog.acceptRemote(refer)) {
            code = 500;
            refuse = "CSeq out of order";
        } else if (transfer != null || lent) {
            code = 491;
            refuse = "A transfer is in progress";
        } else if (join != null && media.anchored()
            && (answered.transport().isWebSocket() || join.party().transport().isWebSocket())) {
            code = 488;
            refuse = "Attended transfer between browser legs is not supported";
        }
        if (refuse != null) {
            if (join != null) {
                join.giveBack();
            }
            tx.respond(SipResponse.replyTo(refer, code).reasonPhrase(refuse).build());
            return;
        }
        CalleeBranch party = join == null ? null : join.party();
        String partyAddress = party == null ? "" : party.invite.to().uri().toString();
        CallMedia joinMedia;
        byte[] offer;
        try {
            joinMedia = join == null ? null : reanchorMedia(partyAddress);
            offer = join == null ? null : offerTo(joinMedia, party, answered.answer.body());
        } catch (MediaException e) {
            LOG.info("call {}: no media session for the attended transfer: {}", id, e.getMessage());
            join.giveBack();
            tx.respond(SipResponse.replyTo(refer, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(ctx.stack(), callerDialog, callerPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        if (join == null) {
            notifier.outcome(481, "Call/Transaction Does Not Exist"); // what the replaced dialog's owner would say
            return;
        }
        Transfer t = new Transfer(callerDialog, callerPath, true, notifier, partyAddress, joinMedia);
        t.joining = join;
        t.reanchoring = party;
        transfer = t;
        transfers++;
        LOG.info("call {}: attended transfer: {} joins {} of call {}", id, answered, party, join.other().id());
        LegReinvite.send(ctx.stack(), requests, party.dialog, party.path, offer,
            (status, reason, r) -> partyReinvited(t, status, reason, r));
    }

    /** The offer that moves a party of another call to {@code m}: as to its contact, or to a plain RTP peer. */
    private static byte[] offerTo(CallMedia m, CalleeBranch party, byte[] passThrough) throws MediaException {
        if (party.target instanceof CalleeBranch.Contact c) {
            return m.offerFor(party.key, c.binding(), passThrough);
        }
        return m.offerForRtpPeer(party.key, null, passThrough);
    }

    /** The other call's party answered its move: the callee here moves next, with the party's answer. */
    private synchronized void partyReinvited(Transfer t, int code, String reason, SipResponse r) {
        if (transfer != t || state != State.ANSWERED) {
            LOG.info("call {}: attended transfer over before {} answered its move ({})", id, t.reanchoring, code);
            return; // end() gave the party back
        }
        boolean moved = code < 300 && r != null;
        byte[] forCallee = null;
        if (moved) {
            try {
                forCallee = t.media.anchored() ? t.media.answerFrom(t.reanchoring.key, r) : r.body();
                t.reanchoring.answer = r;
            } catch (MediaException e) {
                LOG.warn("call {}: {} moved with unusable media: {}", id, t.reanchoring, e.getMessage());
                moved = false;
                code = e.sipStatus();
                reason = e.getMessage();
            }
        }
        if (!moved) {
            LOG.info("call {}: attended transfer failed: {} refused the move ({} {})", id, t.reanchoring, code, reason);
            transfer = null;
            t.media.close();
            t.joining.giveBack();
            t.notifier.outcome(code, reason);
            return;
        }
        reinviteCallee(t, t.reanchoring, forCallee);
    }

    /**
     * Another call asks for this call's callee, to join it with its own (attended transfer): lent
     * when this call is answered, quiet (no transfer) and {@code named} is its caller's leg, the
     * transferor's. Null otherwise.
     */
    synchronized AttendedJoin lendForJoin(org.tabphone.sip.api.dialog.DialogId named) {
        if (state != State.ANSWERED || transfer != null || lent || !callerDialog.id().equals(named)) {
            return null;
        }
        lent = true;
        return new AttendedJoin(this, answered, callerDialog, callerPath);
    }

    synchronized void giveBackJoin() {
        lent = false;
    }

    /** The lent party now talks in the joining call: this call's segment ends ("transfer"), with no BYE to it. */
    synchronized void joinedAway(CalleeBranch party) {
        lent = false;
        if (state != State.ANSWERED) {
            return;
        }
        branches.remove(party); // its trunk line, if any, goes on with it
        state = State.ENDED;
        end(200, "transfer");
    }

    /**
     * RFC 3891 §3: an INVITE with Replaces naming a leg of this call. A leg already transferred
     * away gets 603, a confirmed one with early-only 486. Replacing the caller's leg (a UA doing
     * attended transfer itself hands its call over): the new party is anchored on a new media
     * session from its offer, the callee is re-INVITEd onto it, the new party gets 200 with the
     * callee's answer and the replaced leg a BYE. Replacing the callee's leg is not done (501).
     */
    synchronized void replacedBy(ServerTransaction tx, Replaces replaces) {
        SipRequest inv = tx.request();
        org.tabphone.sip.api.dialog.DialogId named = replaces.dialogId();
        boolean isCaller = callerDialog != null && callerDialog.id().equals(named);
        int code = 0;
        String reason = null;
        if (state != State.ANSWERED || released.stream().anyMatch(d -> d.id().equals(named))
            || isCaller && callerDialog.state() == org.tabphone.sip.api.dialog.DialogState.TERMINATED) {
            code = 603;
            reason = "Replaced dialog has ended";
        } else if (replaces.earlyOnly()) {
            code = 486;
            reason = "Replaced dialog is confirmed";
        } else if (!isCaller) {
            code = 501;
            reason = "Replacing the callee's leg is not supported";
        } else if (transfer != null || lent) {
            code = 491;
            reason = "A transfer is in progress";
        } else if (media.anchored() && answered.transport().isWebSocket()) {
            code = 488;
            reason = "The other party is a browser: its media can't move";
        }
        if (code != 0) {
            tx.respond(SipResponse.uasReplyTo(inv, code).reasonPhrase(reason).build());
            return;
        }
        CallMedia next;
        byte[] offer;
        try {
            next = CallMedia.open(media.anchored() ? ctx.media().get() : null,
                new CallIdentity(id, tenant, inv.from().uri().toString(), callee()), inv, tx.path());
            offer = offerTo(next, answered, inv.body());
        } catch (MediaException e) {
            tx.respond(SipResponse.uasReplyTo(inv, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        lent = true; // no transfer or second Replaces while the callee moves
        CalleeBranch callee = answered;
        LOG.info("call {}: INVITE with Replaces from {} takes the caller's leg", id, inv.from().uri());
        LegReinvite.send(ctx.stack(), requests, callee.dialog, callee.path, offer,
            (status, why, r) -> replacingAnswered(tx, next, callee, status, why, r));
    }

    private synchronized void replacingAnswered(ServerTransaction tx, CallMedia next, CalleeBranch callee, int code,
                                                String reason, SipResponse r) {
        lent = false;
        SipRequest inv = tx.request();
        byte[] sdp = null;
        if (code < 300 && r != null && state == State.ANSWERED && answered == callee) {
            try {
                sdp = next.anchored() ? next.answerFrom(callee.key, r) : r.body();
            } catch (MediaException e) {
                code = e.sipStatus();
                reason = e.getMessage();
            }
        } else if (code < 300) {
            code = 481;
            reason = "Replaced call has ended";
        }
        if (code >= 300) {
            next.close();
            tx.respond(SipResponse.uasReplyTo(inv, code).reasonPhrase(reason).build());
            return;
        }
        callee.answer = r;
        mediaReport = media.report(callee.key);
        ctx.events().emit(CallEvent.Type.TRANSFERRED, this, 200, "transfer");
        segmentStarted = Instant.now();
        answeredAt = segmentStarted;
        SipResponse.Builder ok = requests.toCaller(inv, 200, LegRequests.newTag(), tx.path());
        if (sdp != null && sdp.length > 0) {
            ok.body(sdp, "application/sdp");
        }
        SipResponse okToNew = ok.build();
        Dialog replaced = callerDialog;
        SipPath replacedPath = callerPath;
        callerDialog = Dialog.asUas(inv, okToNew);
        callerPath = tx.path();
        callerAddress = inv.from().uri().toString();
        callerKind = CallEvents.callerKind(inv);
        ctx.table().dialog(callerDialog.id(), this);
        tx.respond(okToNew);
        media.close();
        media = next;
        media.select(callee.key);
        media.onTimeout(this::mediaTimedOut);
        stopSessionTimer();
        bye(replaced, replacedPath); // RFC 3891 §3: the replaced dialog ends
        ctx.table().removeDialog(replaced.id(), this);
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
    private void stopSessionTimer() {
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
    private synchronized void mediaTimedOut(String silentLeg) {
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

    private void bye(Dialog dialog, SipPath path) {
        dialog.terminate();
        SipRequest bye = dialog.newRequest(SipMethod.BYE).addVia(ctx.stack().newVia(path)).build();
        ctx.stack().sendRequest(bye, path, ClientTransactionListener.IGNORE);
    }

    private void fail(int code, String reason, String by) {
        state = State.ENDED;
        callerTx.respond(requests.toCaller(invite, code, callerTag, callerTx.path()).reasonPhrase(reason).build());
        end(code, by);
    }

    private void end(int cause, String by) {
        if (ringTimer != null) {
            ringTimer.cancel(false);
        }
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        if (transfer != null) { // the call ended while a transfer target rang
            transfer.targets.forEach(this::cancelBranch);
            if (transfer.joining != null) {
                transfer.joining.giveBack(); // the other call keeps its party
            } else if (transfer.reanchoring != null) {
                bye(transfer.reanchoring.dialog, transfer.reanchoring.path);
            }
            closeIfOwn(transfer.media);
            transfer.notifier.outcome(487, "Request Terminated");
            transfer = null;
        }
        mediaReport = media.report(answered == null ? null : answered.key);
        media.close();
        branches.forEach(CalleeBranch::releaseLine);
        if (inboundTrunk != null) {
            inboundTrunk.release();
        }
        ctx.table().remove(this);
        ctx.events().emit(CallEvent.Type.ENDED, this, cause, by);
    }

    synchronized CallInfo info() {
        return new CallInfo(id, tenant, caller(), callee(), state.name(), branches.size(), started, answeredAt);
    }
}
