package org.tabphone.call.internal.b2bua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.media.api.MediaException;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.BindingPaths;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * A call's transfers (RFC 3515): a REFER from either leg, its NOTIFYs (sipfrag), the target's
 * ringing branches and — once one answers — the swap of the call's legs, then the referrer's
 * release. The call's lock guards this state: the call's methods call in holding it, and the
 * answers that come back later (re-INVITEs, the referrer's grace timer) take it.
 */
final class TransferHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TransferHandler.class);

    /** How long a referrer may take to hang up after a successful transfer before the gateway BYEs it. */
    private static final long REFERRER_GRACE_MILLIS = 2000;

    private final Call call;
    /** A transfer in progress: its target branches ring (or the callee moves) while the referrer's leg stays up. */
    private Transfer transfer;
    private int transfers;
    /** Legs that transferred the call away; a BYE from one is answered and goes no further. */
    private final List<Dialog> released = new ArrayList<>();

    TransferHandler(Call call) {
        this.call = call;
    }

    /** The transfer in progress, or null. */
    Transfer current() {
        return transfer;
    }

    /** An attended transfer starts (the join does its own offers): it is the one in progress. */
    void start(Transfer t) {
        transfer = t;
        transfers++;
    }

    /** The transfer in progress failed before any target was connected: nothing is in progress. */
    void abandon() {
        transfer = null;
    }

    /**
     * A BYE in {@code dialog} that belongs to the transfer: a leg that transferred the call away,
     * or a referrer that hangs up before the transfer ended. Answered here; true when it was one.
     */
    boolean byeFromReferrer(ServerTransaction byeTx, DialogId dialog) {
        for (Dialog gone : released) {
            if (gone.id().equals(dialog)) { // the transferor leaves: nothing to pass on
                byeTx.respond(SipResponse.replyTo(byeTx.request(), 200).build());
                gone.terminate();
                call.ctx.table().removeDialog(dialog, call);
                return true;
            }
        }
        if (transfer != null && transfer.referrer.id().equals(dialog)) {
            // a transferor that hangs up right after 202 (many do): the caller waits for the target
            byeTx.respond(SipResponse.replyTo(byeTx.request(), 200).build());
            transfer.referrer.terminate();
            transfer.referrerGone = true;
            transfer.notifier.stop();
            call.ctx.table().removeDialog(dialog, call);
            return true;
        }
        return false;
    }

    /**
     * {@code leg} left the call (an INVITE with Replaces took its place; the gateway BYEs it): its
     * own late BYE is answered here, and a Replaces naming it is declined with 603 (RFC 3891 §3).
     */
    void released(Dialog leg) {
        released.add(leg);
    }

    /** Whether {@code dialog} is a leg that transferred the call away. */
    boolean isReleased(DialogId dialog) {
        return released.stream().anyMatch(d -> d.id().equals(dialog));
    }

    /** The call ends while a transfer is in progress: targets cancelled, a lent party given back, the referrer told. */
    void callEnded() {
        if (transfer == null) {
            return;
        }
        transfer.targets.forEach(call::cancelBranch);
        if (transfer.joining != null) {
            transfer.joining.giveBack(); // the other call keeps its party
        } else if (transfer.reanchoring != null) {
            call.bye(transfer.reanchoring.dialog, transfer.reanchoring.path);
        }
        closeIfOwn(transfer.media);
        transfer.notifier.outcome(487, "Request Terminated");
        transfer = null;
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
    void referReceived(ServerTransaction tx, DialogId id,
                                    Optional<org.tabphone.tenant.api.SipUser> target, List<Binding> bindings) {
        SipRequest refer = tx.request();
        boolean byCaller = call.state == Call.State.ANSWERED && call.callerDialog.id().equals(id);
        if (call.state != Call.State.ANSWERED || !byCaller && !call.answered.dialog.id().equals(id)) {
            tx.respond(SipResponse.replyTo(refer, 481).reasonPhrase("No such call leg").build());
            return;
        }
        Dialog from = byCaller ? call.callerDialog : call.answered.dialog;
        SipPath fromPath = byCaller ? call.callerPath : call.answered.path;
        if (!from.acceptRemote(refer)) {
            tx.respond(SipResponse.replyTo(refer, 500).reasonPhrase("CSeq out of order").build());
            return;
        }
        if (call.transferBusy()) {
            tx.respond(SipResponse.replyTo(refer, 491).reasonPhrase("A transfer is in progress").build());
            return;
        }
        String targetAddress = target.map(u -> "sip:" + u.username() + "@" + call.tenantDomain).orElse("");
        // the callee stays on its own leg (a browser keeps its DTLS): the targets replace the caller's
        CallMedia targetMedia = byCaller ? call.media.replacingCaller() : call.media;
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(call.ctx.stack(), from, fromPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        if (target.isEmpty()) {
            closeIfOwn(targetMedia);
            notifier.outcome(404, "Not Found");
            return;
        }
        Transfer t = new Transfer(from, fromPath, byCaller, notifier, targetAddress, targetMedia);
        transfers++;
        // the party that stays "calls" the target: the caller side as it is now (an earlier caller's
        // transfer or Replaces may have put someone else there), or the callee as it was dialled
        org.tabphone.sip.api.header.NameAddress stays = byCaller ? call.answered.party() : call.callerParty();
        org.tabphone.sip.api.SipMessage staysMessage = byCaller ? call.answered.answer : call.callerSdp();
        byte[] staysSdp = staysMessage == null ? null : staysMessage.body();
        for (Binding b : bindings) {
            Optional<SipPath> path = BindingPaths.pathOf(b, call.ctx.transport(), call.ctx.stack());
            if (path.isEmpty()) {
                continue;
            }
            String key = "t" + transfers + "-" + (t.targets.size() + 1);
            try {
                byte[] offer = targetMedia.offerFor(key, b, staysSdp);
                CalleeBranch branch = new CalleeBranch(call, key, new CalleeBranch.Contact(b), path.get(),
                    call.requests.calleeInvite(call.invite, stays, call.tenantDomain, b, path.get(), offer));
                branch.transfer = true;
                t.targets.add(branch);
            } catch (MediaException e) {
                LOG.info("call {}: no media for transfer target {}: {}", call.id(), b.contact(), e.getMessage());
            }
        }
        if (t.targets.isEmpty()) {
            closeIfOwn(targetMedia);
            notifier.outcome(480, "Temporarily Unavailable");
            return;
        }
        transfer = t;
        LOG.info("call {}: the {} ({}) transfers the {} to {} ({} contacts)", call.id(), byCaller ? "caller" : "callee",
            byCaller ? call.caller() : call.answered, byCaller ? "callee" : "caller", target.get().username(), t.targets.size());
        for (CalleeBranch b : t.targets) {
            call.ctx.stack().sendRequest(b.invite, b.path, b);
        }
    }

    private void closeIfOwn(CallMedia m) {
        if (m != call.media) {
            m.close();
        }
    }

    void onTargetResponse(CalleeBranch b, SipResponse r) {
        int code = r.statusCode();
        if (code < 200) {
            b.provisional = true;
            if (b.cancelPending) {
                call.sendCancel(b);
            }
            return; // the referrer heard "100 Trying"; it hears the outcome next
        }
        if (code >= 300) {
            onTargetFailure(b, code, r.reasonPhrase());
            return;
        }
        if (call.reAcked(b, r)) {
            return;
        }
        Transfer t = transfer;
        if (t == null || b.done || call.state != Call.State.ANSWERED || t.reanchoring != null) {
            call.ackAndBye(b, r); // the call or the transfer is over already, or another target won
            return;
        }
        byte[] sdp;
        try {
            sdp = t.media.anchored() ? t.media.answerFrom(b.key, r) : r.body();
        } catch (MediaException e) {
            LOG.info("call {}: transfer target {} answered with unusable media: {}", call.id(), b, e.getMessage());
            call.ackAndBye(b, r);
            transferTargetFailed(b, e.sipStatus(), e.getMessage());
            return;
        }
        b.done = true;
        b.answer = r;
        b.dialog = Dialog.asUac(b.invite, r);
        b.dialog.confirm(r);
        call.sendAck(b);
        for (CalleeBranch other : t.targets) {
            if (other != b) {
                call.cancelBranch(other);
            }
        }
        if (t.reanchor()) {
            t.reanchoring = b;
            reinviteStaying(t, b, sdp);
        } else {
            completeTransfer(t, b, sdp);
        }
    }

    /**
     * The target answered on a new session (a caller's transfer with media passed through, or an
     * attended one whose media couldn't be joined in place), so the party that stays — the callee
     * when the caller referred, else the caller — gets a re-INVITE offering it (RFC 3261 §14.1);
     * its 2xx completes the transfer, a failure ends the target's leg (unless it is the other
     * call's party of an attended transfer, which goes back to its call) and the staying party
     * goes on with the referrer on the old session.
     */
    void reinviteStaying(Transfer t, CalleeBranch target, byte[] offer) {
        org.tabphone.sip.api.dialog.Dialog dialog = t.byCaller ? call.answered.dialog : call.callerDialog;
        SipPath path = t.byCaller ? call.answered.path : call.callerPath;
        LegReinvite.send(call.ctx.stack(), call.requests, dialog, path, offer,
            (code, reason, r) -> calleeReinvited(t, target, code, reason));
    }

    private void calleeReinvited(Transfer t, CalleeBranch target, int code, String reason) {
        synchronized (call) {
            calleeReinvitedLocked(t, target, code, reason);
        }
    }

    private void calleeReinvitedLocked(Transfer t, CalleeBranch target, int code, String reason) {
        if (transfer != t || call.state != Call.State.ANSWERED) {
            letGoOf(t, target); // the call ended meanwhile
            return;
        }
        if (code < 300) {
            completeTransfer(t, target, null);
            return;
        }
        String who = t.byCaller ? "callee" : "caller";
        LOG.info("call {}: the {} refused the move to the transfer target ({} {})", call.id(), who, code, reason);
        letGoOf(t, target);
        transfer = null;
        t.media.close();
        if (t.referrerGone) {
            endWithStayingParty(t, code, who);
            return;
        }
        t.notifier.outcome(code, reason);
    }

    /** The transfer failed after the referrer left: nobody can take the staying party back, so it gets BYE and the call ends. */
    private void endWithStayingParty(Transfer t, int code, String side) {
        if (t.byCaller) {
            call.bye(call.answered.dialog, call.answered.path);
        } else {
            call.bye(call.callerDialog, call.callerPath);
        }
        call.state = Call.State.ENDED;
        call.end(code, side);
    }

    /** A target that won't be connected: BYE, or back to its own call for an attended transfer's party. */
    private void letGoOf(Transfer t, CalleeBranch target) {
        if (t.joining != null) {
            t.joining.giveBack();
        } else {
            call.bye(target.dialog, target.path);
        }
    }

    /**
     * The target is connected: the party that stayed now talks to it; the referrer hears 200 and
     * is let go. A caller's transfer makes the callee the caller of the next segment.
     */
    void completeTransfer(Transfer t, CalleeBranch b, byte[] stayingSdp) {
        transfer = null;
        call.mediaReport = t.reportBefore != null ? t.reportBefore : call.media.report(call.answered.key);
        call.ctx.events().emit(CallEvent.Type.TRANSFERRED, call, 200, "transfer"); // the segment that ends, as it was
        call.segmentStarted = t.started;
        call.answeredAt = Instant.now();
        call.calleeAddress = t.targetAddress;
        if (t.byCaller) {
            call.callerIs(call.answered.party(), call.answered.answer, CallEvents.calleeKind(call.answered.target));
            call.callerDialog = call.answered.dialog;
            call.callerPath = call.answered.path;
            call.stopSessionTimer(); // the caller that refreshed it is gone
        }
        if (t.inPlace) {
            LOG.debug("call {}: media joined in place", call.id()); // the session bridges the parties already
        } else if (t.media.replacesCaller()) {
            t.media.select(b.key); // the callee's leg now anchors the session, bridged to the target
        } else if (t.media != call.media || t.byCaller || t.joining != null) {
            call.media.close(); // the old legs; the staying party was re-INVITEd onto t.media (passed through: a no-op)
            call.media = t.media;
            call.media.onTimeout(call::mediaTimedOut);
        } else if (!call.media.anchored()) {
            LOG.warn("call {}: transferred without a media service: the caller's media still points at {}", call.id(), call.answered);
        } else if (stayingSdp != null && !java.util.Arrays.equals(stayingSdp, call.lastCallerSdp)) {
            LOG.info("call {}: the transfer target needs a different codec; the caller keeps its own", call.id());
        }
        call.answered = b;
        call.branches.add(b);
        call.ctx.table().dialog(b.dialog.id(), call);
        call.media.select(b.key);
        if (!t.referrerGone) {
            t.notifier.outcome(200, "OK");
            released.add(t.referrer);
            call.ctx.timers().schedule(() -> releaseReferrer(t.referrer, t.referrerPath), REFERRER_GRACE_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (t.joining != null) { // the transferor's leg in the other call: released here too
            AttendedJoin j = t.joining;
            call.ctx.table().dialog(j.transferorLeg().id(), call);
            released.add(j.transferorLeg());
            call.ctx.timers().schedule(() -> releaseReferrer(j.transferorLeg(), j.transferorPath()), REFERRER_GRACE_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
            j.joined(t.otherReportBefore);
        }
        LOG.info("call {}: transferred to {}", call.id(), b);
    }

    /** The referrer didn't hang up after its NOTIFY 200 (RFC 5589 §6 expects it to): BYE it. */
    private void releaseReferrer(Dialog referrer, SipPath path) {
        synchronized (call) {
            if (referrer.state() != org.tabphone.sip.api.dialog.DialogState.TERMINATED) {
                call.bye(referrer, path);
                call.ctx.table().removeDialog(referrer.id(), call);
            }
        }
    }

    void onTargetFailure(CalleeBranch b, int code, String reason) {
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
            call.media.select(call.answered.key); // the referrer's leg keeps the caller; the targets' legs go
        }
        if (t.referrerGone) {
            endWithStayingParty(t, t.bestFailure, t.byCaller ? "caller" : "callee");
            return;
        }
        t.notifier.outcome(t.bestFailure, t.bestReason);
        LOG.info("call {}: transfer to {} failed ({}); the call goes on", call.id(), t.targetAddress, t.bestFailure);
    }

}
