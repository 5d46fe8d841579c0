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
 * A call's part in attended transfers: a REFER with Replaces that joins this call's callee with
 * the party of another call (RFC 5589 §7), lending this call's callee to such a join, and an
 * INVITE with Replaces taking over this call's caller leg (RFC 3891). The call's lock guards this
 * state: the call's methods call in holding it, and the answers to the re-INVITEs take it.
 */
final class AttendedTransferHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AttendedTransferHandler.class);

    private final Call call;
    private final TransferHandler transfers;
    /** This call's remaining party is lent to another call joining it, or its callee moves for a Replaces. */
    private boolean lent;

    AttendedTransferHandler(Call call, TransferHandler transfers) {
        this.call = call;
        this.transfers = transfers;
    }

    boolean lent() {
        return lent;
    }

    /**
     * A new media session for the callee of an attended join (it is re-INVITEd onto it): its SDP
     * (the answer it gave us) is the offer it is anchored on; passed through when the call's media
     * is. Its identity is the next segment's: the callee calling the other party.
     */
    private CallMedia reanchorMedia(String targetAddress) throws MediaException {
        if (!call.media.anchored()) {
            return CallMedia.none();
        }
        return CallMedia.open(call.ctx.media().get(),
            new CallIdentity(call.id(), call.tenant, call.answered.invite.to().uri().toString(), targetAddress), call.answered.answer, call.answered.path);
    }

    /**
     * RFC 5589 §7 attended transfer, the gateway being the transfer target's side: the caller's
     * REFER names with Replaces its own leg in {@code join}'s call, so the callee here and the
     * party there are joined, without the transferor. With both calls anchored, the media
     * service joins the two sessions in place ({@link #joinInPlace}: no re-INVITE, so browsers
     * work). Otherwise — media passed through, or sessions that can't be joined — both move to a
     * new media session: the party there by a re-INVITE offering it, then the callee here by one
     * with the party's answer (488 when either is a browser, which can't move its DTLS). The
     * transferor hears NOTIFY 200 and both its legs are released. Only for calls the transferor
     * placed (its legs are the callers' of both); {@code join} is null when the other call can't
     * lend its party (no such dialog, not answered, busy) and the REFER then ends in NOTIFY 481.
     */
    void referJoin(ServerTransaction tx, DialogId id, AttendedJoin join) {
        SipRequest refer = tx.request();
        boolean byCaller = call.state == Call.State.ANSWERED && call.callerDialog.id().equals(id);
        String refuse = null;
        int code = 0;
        if (!byCaller) {
            boolean byCallee = call.state == Call.State.ANSWERED && call.answered.dialog.id().equals(id);
            code = byCallee ? 501 : 481;
            refuse = byCallee ? "Attended transfer only by the party that placed both calls" : "No such call leg";
        } else if (!call.callerDialog.acceptRemote(refer)) {
            code = 500;
            refuse = "CSeq out of order";
        } else if (call.transferBusy()) {
            code = 491;
            refuse = "A transfer is in progress";
        } else if (join != null && call.media.anchored() && join.media().anchored()) {
            String why = joinInPlace(tx, join);
            if (why == null) {
                return; // joined without re-INVITEs
            }
            if (call.answered.transport().isWebSocket() || join.party().transport().isWebSocket()) {
                code = 488; // a browser keeps its DTLS association: it can't be moved by a re-INVITE
                refuse = "Attended transfer between these calls' media is not possible: " + why;
            }
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
            offer = join == null ? null : offerTo(joinMedia, party, call.answered.answer.body());
        } catch (MediaException e) {
            LOG.info("call {}: no media session for the attended transfer: {}", call.id(), e.getMessage());
            join.giveBack();
            tx.respond(SipResponse.replyTo(refer, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(call.ctx.stack(), call.callerDialog, call.callerPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        if (join == null) {
            notifier.outcome(481, "Call/Transaction Does Not Exist"); // what the replaced dialog's owner would say
            return;
        }
        Transfer t = new Transfer(call.callerDialog, call.callerPath, true, notifier, partyAddress, joinMedia);
        t.joining = join;
        t.reanchoring = party;
        transfers.start(t);
        LOG.info("call {}: attended transfer: {} joins {} of call {}", call.id(), call.answered, party, join.other().id());
        LegReinvite.send(call.ctx.stack(), call.requests, party.dialog, party.path, offer,
            (status, reason, r) -> partyReinvited(t, status, reason, r));
    }

    /**
     * The join without re-INVITEs: the other call's party takes the transferor's place in this
     * call's media session on the leg it has (a browser keeps ICE and DTLS), the callee here keeps
     * its own; 202, NOTIFY 100 and 200 at once, and both of the transferor's legs are released.
     * Returns null when joined, else why the media couldn't be joined (nothing has changed then).
     */
    private String joinInPlace(ServerTransaction tx, AttendedJoin join) {
        CalleeBranch party = join.party();
        CallMedia.MediaReport mine = call.media.report(call.answered.key);
        CallMedia.MediaReport theirs = join.media().report(party.key);
        try {
            call.media.joinCalleeOf(join.media(), party.key);
        } catch (MediaException e) {
            LOG.info("call {}: {} can't join in place ({} {})", call.id(), party, e.sipStatus(), e.getMessage());
            return e.getMessage();
        }
        SipRequest refer = tx.request();
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(call.ctx.stack(), call.callerDialog, call.callerPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        Transfer t = new Transfer(call.callerDialog, call.callerPath, true, notifier, party.invite.to().uri().toString(),
            call.media);
        t.joining = join;
        t.inPlace = true;
        t.reportBefore = mine;
        t.otherReportBefore = theirs;
        transfers.start(t);
        LOG.info("call {}: attended transfer: {} joins {} of call {} in place", call.id(), call.answered, party,
            join.other().id());
        transfers.completeTransfer(t, party, null);
        resume(true, call.callerDialog, call.callerPath);
        resume(false, call.answered.dialog, call.answered.path);
        return null;
    }

    /**
     * A party the transferor had put on hold (typically the one it held while it called the
     * other) is taken off hold by a re-INVITE on its own leg: sendrecv, same ICE and DTLS, so a
     * browser accepts it; its answer says what it wants. A failure leaves the call as it is.
     */
    private void resume(boolean toCaller, Dialog dialog, SipPath path) {
        byte[] offer;
        try {
            offer = call.media.resumeOffer(toCaller);
        } catch (MediaException e) {
            LOG.info("call {}: no re-offer to take the {} off hold: {}", call.id(), toCaller ? "caller" : "callee", e.getMessage());
            return;
        }
        if (offer == null) {
            return;
        }
        CallMedia m = call.media;
        LegReinvite.send(call.ctx.stack(), call.requests, dialog, path, offer, (code, reason, r) -> {
            synchronized (call) {
                if (code >= 300 || r == null || call.media != m) {
                    LOG.info("call {}: taking the {} off hold: {} {}", call.id(), toCaller ? "caller" : "callee", code, reason);
                    return;
                }
                try {
                    m.resumeAnswer(toCaller, r);
                } catch (MediaException e) {
                    LOG.info("call {}: the {} answered its resume with unusable media: {}", call.id(),
                        toCaller ? "caller" : "callee", e.getMessage());
                }
            }
        });
    }

    /** The offer that moves a party of another call to {@code m}: as to its contact, or to a plain RTP peer. */
    private static byte[] offerTo(CallMedia m, CalleeBranch party, byte[] passThrough) throws MediaException {
        if (party.target instanceof CalleeBranch.Contact c) {
            return m.offerFor(party.key, c.binding(), passThrough);
        }
        return m.offerForRtpPeer(party.key, null, passThrough);
    }

    /** The other call's party answered its move: the callee here moves next, with the party's answer. */
    private void partyReinvited(Transfer t, int code, String reason, SipResponse r) {
        synchronized (call) {
            partyReinvitedLocked(t, code, reason, r);
        }
    }

    private void partyReinvitedLocked(Transfer t, int code, String reason, SipResponse r) {
        if (transfers.current() != t || call.state != Call.State.ANSWERED) {
            LOG.info("call {}: attended transfer over before {} answered its move ({})", call.id(), t.reanchoring, code);
            return; // end() gave the party back
        }
        boolean moved = code < 300 && r != null;
        byte[] forCallee = null;
        if (moved) {
            try {
                forCallee = t.media.anchored() ? t.media.answerFrom(t.reanchoring.key, r) : r.body();
                t.reanchoring.answer = r;
            } catch (MediaException e) {
                LOG.warn("call {}: {} moved with unusable media: {}", call.id(), t.reanchoring, e.getMessage());
                moved = false;
                code = e.sipStatus();
                reason = e.getMessage();
            }
        }
        if (!moved) {
            LOG.info("call {}: attended transfer failed: {} refused the move ({} {})", call.id(), t.reanchoring, code, reason);
            transfers.abandon();
            t.media.close();
            t.joining.giveBack();
            t.notifier.outcome(code, reason);
            return;
        }
        transfers.reinviteCallee(t, t.reanchoring, forCallee);
    }

    /**
     * Another call asks for this call's callee, to join it with its own (attended transfer): lent
     * when this call is answered, quiet (no transfer) and {@code named} is its caller's leg, the
     * transferor's. Null otherwise.
     */
    AttendedJoin lendForJoin(DialogId named) {
        if (call.state != Call.State.ANSWERED || call.transferBusy() || !call.callerDialog.id().equals(named)) {
            return null;
        }
        lent = true;
        return new AttendedJoin(call, call.answered, call.callerDialog, call.callerPath, call.media);
    }

    void giveBackJoin() {
        lent = false;
    }

    /** The lent party now talks in the joining call: this call's segment ends ("transfer"), with no BYE to it. */
    void joinedAway(CalleeBranch party, CallMedia.MediaReport report) {
        lent = false;
        if (call.state != Call.State.ANSWERED) {
            return;
        }
        call.branches.remove(party); // its trunk line, if any, goes on with it
        call.state = Call.State.ENDED;
        call.end(200, "transfer", report);
    }

    /**
     * RFC 3891 §3: an INVITE with Replaces naming a leg of this call. A leg already transferred
     * away gets 603, a confirmed one with early-only 486. Replacing the caller's leg (a UA doing
     * attended transfer itself hands its call over): the new party is anchored on a new media
     * session from its offer, the callee is re-INVITEd onto it, the new party gets 200 with the
     * callee's answer and the replaced leg a BYE. Replacing the callee's leg is not done (501).
     */
    void replacedBy(ServerTransaction tx, Replaces replaces) {
        SipRequest inv = tx.request();
        DialogId named = replaces.dialogId();
        boolean isCaller = call.callerDialog != null && call.callerDialog.id().equals(named);
        int code = 0;
        String reason = null;
        if (call.state != Call.State.ANSWERED || transfers.isReleased(named)
            || isCaller && call.callerDialog.state() == org.tabphone.sip.api.dialog.DialogState.TERMINATED) {
            code = 603;
            reason = "Replaced dialog has ended";
        } else if (replaces.earlyOnly()) {
            code = 486;
            reason = "Replaced dialog is confirmed";
        } else if (!isCaller) {
            code = 501;
            reason = "Replacing the callee's leg is not supported";
        } else if (call.transferBusy()) {
            code = 491;
            reason = "A transfer is in progress";
        } else if (call.media.anchored() && call.answered.transport().isWebSocket()) {
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
            next = CallMedia.open(call.media.anchored() ? call.ctx.media().get() : null,
                new CallIdentity(call.id(), call.tenant, inv.from().uri().toString(), call.callee()), inv, tx.path());
            offer = offerTo(next, call.answered, inv.body());
        } catch (MediaException e) {
            tx.respond(SipResponse.uasReplyTo(inv, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        lent = true; // no transfer or second Replaces while the callee moves
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
        lent = false;
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
        call.callerAddress = inv.from().uri().toString();
        call.callerKind = CallEvents.callerKind(inv);
        call.ctx.table().dialog(call.callerDialog.id(), call);
        tx.respond(okToNew);
        call.media.close();
        call.media = next;
        call.media.select(callee.key);
        call.media.onTimeout(call::mediaTimedOut);
        call.stopSessionTimer();
        call.bye(replaced, replacedPath); // RFC 3891 §3: the replaced dialog ends
        call.ctx.table().removeDialog(replaced.id(), call);
    }

}
