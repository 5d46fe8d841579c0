package org.tabphone.call.internal.b2bua;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * An INVITE with Replaces naming a leg of this call (RFC 3891): a UA doing an attended transfer
 * itself hands its call over to the new party — the caller's leg here, the callee's in
 * {@link ReplacedCallee}. The call's lock guards this state: the call calls
 * in holding it, and the callee's answer to its re-INVITE takes it.
 */
final class ReplacingInvite {
    private static final Logger LOG = LoggerFactory.getLogger(ReplacingInvite.class);

    private final Call call;
    private final TransferHandler transfers;
    private final AttendedTransferHandler attended;
    /** The callee's leg replaced. */
    private final ReplacedCallee calleeLeg;

    ReplacingInvite(Call call, TransferHandler transfers, AttendedTransferHandler attended) {
        this.call = call;
        this.transfers = transfers;
        this.attended = attended;
        this.calleeLeg = new ReplacedCallee(call, transfers, attended);
    }

    /**
     * RFC 3891 §3: an INVITE with Replaces naming a leg of this call. A leg that has ended (or was
     * transferred away) is declined with 603, as §3 says for a terminated dialog (481 is for no
     * match: CallComponent's answer when no call has the dialog); a confirmed one with early-only
     * gets 486. Replacing the caller's leg (a UA doing attended transfer itself hands its call
     * over): the new party is anchored on a new media session from its offer, the callee is
     * re-INVITEd onto it, the new party gets 200 with the callee's answer and the replaced leg a
     * BYE. Replacing the callee's leg: see {@link ReplacedCallee}.
     */
    void replacedBy(ServerTransaction tx, Replaces replaces) {
        SipRequest inv = tx.request();
        DialogId named = replaces.dialogId();
        boolean answered = call.state == Call.State.ANSWERED;
        boolean isCaller = answered && call.callerDialog.id().equals(named);
        boolean isCallee = answered && !isCaller && call.answered.dialog.id().equals(named);
        Dialog leg = isCaller ? call.callerDialog : isCallee ? call.answered.dialog : null;
        int code = 0;
        String reason = null;
        if (!answered || transfers.isReleased(named)
            || leg != null && leg.state() == org.tabphone.sip.api.dialog.DialogState.TERMINATED) {
            code = 603;
            reason = "Replaced dialog has ended";
        } else if (leg == null) {
            code = 481;
            reason = "Replaces names no leg of this call";
        } else if (replaces.earlyOnly()) {
            code = 486;
            reason = "Replaced dialog is confirmed";
        } else if (call.transferBusy()) {
            code = 491;
            reason = "A transfer is in progress";
        } else if (isCaller && call.media.anchored() && call.answered.transport().isWebSocket()) {
            code = 488;
            reason = "The other party is a browser: its media can't move";
        }
        if (code != 0) {
            tx.respond(SipResponse.uasReplyTo(inv, code).reasonPhrase(reason).build());
            return;
        }
        if (isCallee) {
            calleeLeg.replacedBy(tx);
            return;
        }
        CallMedia next;
        byte[] offer;
        try {
            next = CallMedia.open(call.media.anchored() ? call.ctx.media().get() : null,
                new CallIdentity(call.id(), call.tenant, inv.from().uri().toString(), call.callee()), inv, tx.path());
            offer = AttendedTransferHandler.offerTo(next, call.answered, inv.body());
        } catch (MediaException e) {
            tx.respond(SipResponse.uasReplyTo(inv, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        attended.lendForReplaces();
        CalleeBranch callee = call.answered;
        LOG.info("call {}: INVITE with Replaces from {} takes the caller's leg", call.id(), inv.from().uri());
        LegReinvite.send(call.ctx.stack(), call.requests, callee.dialog, callee.path, offer,
            (status, why, r) -> replacingAnswered(tx, next, callee, status, why, r));
    }

    private void replacingAnswered(ServerTransaction tx, CallMedia next, CalleeBranch callee, int code,
                                   String reason, SipResponse r) {
        synchronized (call) {
            replacingAnsweredLocked(tx, next, callee, code, reason, r);
        }
    }

    private void replacingAnsweredLocked(ServerTransaction tx, CallMedia next, CalleeBranch callee, int code,
                                         String reason, SipResponse r) {
        attended.giveBackJoin();
        SipRequest inv = tx.request();
        byte[] sdp = null;
        if (code < 300 && r != null && call.state == Call.State.ANSWERED && call.answered == callee) {
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
        call.mediaReport = call.media.report(callee.key);
        call.ctx.events().emit(CallEvent.Type.TRANSFERRED, call, 200, "transfer");
        call.segmentStarted = Instant.now();
        call.answeredAt = call.segmentStarted;
        SipResponse.Builder ok = call.requests.toCaller(inv, 200, LegRequests.newTag(), tx.path());
        if (sdp != null && sdp.length > 0) {
            ok.body(sdp, "application/sdp");
        }
        SipResponse okToNew = ok.build();
        Dialog replaced = call.callerDialog;
        SipPath replacedPath = call.callerPath;
        call.callerDialog = Dialog.asUas(inv, okToNew);
        call.callerPath = tx.path();
        call.callerIs(inv.from(), inv, CallEvents.callerKind(inv));
        call.ctx.table().dialog(call.callerDialog.id(), call);
        tx.respond(okToNew);
        call.media.close();
        call.media = next;
        call.media.select(callee.key);
        call.media.onTimeout(call::mediaTimedOut);
        call.stopSessionTimer();
        call.bye(replaced, replacedPath); // RFC 3891 §3: the replaced dialog ends
        transfers.released(replaced);
    }
}
