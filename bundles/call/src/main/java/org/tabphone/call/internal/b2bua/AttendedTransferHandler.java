package org.tabphone.call.internal.b2bua;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaSession;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.TrunkCall;

/**
 * A call's part in attended transfers: a REFER with Replaces that joins this call's staying party
 * with the party of another call (RFC 5589 §7), and lending this call's staying party to such a
 * join ({@link ReplacingInvite} handles an INVITE with Replaces). The call's lock guards this
 * state: the call's methods call in holding it, and the answers to the re-INVITEs take it.
 */
final class AttendedTransferHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AttendedTransferHandler.class);

    private final Call call;
    private final TransferHandler transfers;
    /** This call's remaining party is lent to another call joining it, or its callee moves for a Replaces. */
    private volatile boolean lent;

    AttendedTransferHandler(Call call, TransferHandler transfers) {
        this.call = call;
        this.transfers = transfers;
    }

    boolean lent() {
        return lent;
    }

    /**
     * The party of this call that stays when the other one transfers it (RFC 5589 §7): the callee
     * when the caller's leg refers, else the caller side. {@code sdp} is the message with its SDP
     * (null: not known), {@code address} its address of record.
     */
    private record Staying(SipPath path, SipMessage sdp, String address, boolean webSocket) {
    }

    private Staying staying(boolean byCaller) {
        if (byCaller) {
            CalleeBranch b = call.answered;
            return new Staying(b.path, b.answer, b.address(), b.transport().isWebSocket());
        }
        return new Staying(call.callerPath, call.callerSdp(), call.caller(), call.callerTransport().isWebSocket());
    }

    /**
     * A new media session for the staying party of an attended join (it is re-INVITEd onto it):
     * its SDP (the answer it gave us, or its INVITE's offer) is the offer it is anchored on; passed
     * through when the call's media is. Its identity is the next segment's: the party calling the other one.
     */
    private CallMedia reanchorMedia(Staying stays, String targetAddress) throws MediaException {
        if (!call.media.anchored()) {
            return CallMedia.none();
        }
        if (stays.sdp() == null) {
            throw new MediaException(488, "the staying party's SDP is not known");
        }
        return CallMedia.open(call.ctx.media().get(), new CallIdentity(call.id(), call.tenant, stays.address(), targetAddress),
            stays.sdp(), stays.path());
    }

    /**
     * RFC 5589 §7 attended transfer, the gateway being the transfer target's side: a leg's REFER
     * names with Replaces the referrer's own leg in {@code join}'s call, so the party that stays
     * here and the party that stays there are joined, without the transferor — who may have
     * placed or received either call (a receptionist is called, holds, calls a colleague and
     * transfers). With both calls anchored, the media service joins the two sessions in place
     * ({@link #joinInPlace}: no re-INVITE, so browsers work). Otherwise — media passed through, or
     * sessions that can't be joined — both move to a new media session: the party there by a
     * re-INVITE offering it, then the party here by one with the other's answer (488 when either
     * is a browser, which can't move its DTLS). The transferor hears NOTIFY 200 and both its legs
     * are released. {@code join} is null when the other call can't lend its party (no such
     * dialog, not answered, busy) and the REFER then ends in NOTIFY 481.
     */
    void referJoin(ServerTransaction tx, DialogId id, AttendedJoin join) {
        SipRequest refer = tx.request();
        boolean answered = call.state == Call.State.ANSWERED;
        boolean byCaller = answered && call.callerDialog.id().equals(id);
        Dialog from = byCaller ? call.callerDialog
            : answered && call.answered.dialog.id().equals(id) ? call.answered.dialog : null;
        SipPath fromPath = byCaller ? call.callerPath : from == null ? null : call.answered.path;
        String refuse = null;
        int code = 0;
        if (from == null) {
            code = 481;
            refuse = "No such call leg";
        } else if (!from.acceptRemote(refer)) {
            code = 500;
            refuse = "CSeq out of order";
        } else if (call.transferBusy()) {
            code = 491;
            refuse = "A transfer is in progress";
        } else if (join != null && call.media.anchored() && join.media().anchored()) {
            String why = joinInPlace(tx, from, fromPath, byCaller, join);
            if (why == null) {
                return; // joined without re-INVITEs
            }
            if (staying(byCaller).webSocket() || join.party().transport().isWebSocket()) {
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
        Staying stays = staying(byCaller);
        CalleeBranch party = join == null ? null : join.party();
        String partyAddress = party == null ? "" : party.address();
        CallMedia joinMedia;
        byte[] offer;
        try {
            joinMedia = join == null ? null : reanchorMedia(stays, partyAddress);
            offer = join == null ? null : offerTo(joinMedia, party, stays.sdp() == null ? null : stays.sdp().body());
        } catch (MediaException e) {
            LOG.info("call {}: no media session for the attended transfer: {}", call.id(), e.getMessage());
            join.giveBack();
            tx.respond(SipResponse.replyTo(refer, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(call.ctx.stack(), from, fromPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        if (join == null) {
            notifier.outcome(481, "Call/Transaction Does Not Exist"); // what the replaced dialog's owner would say
            return;
        }
        Transfer t = new Transfer(from, fromPath, byCaller, notifier, partyAddress, joinMedia);
        t.joining = join;
        t.reanchoring = party;
        transfers.start(t);
        LOG.info("call {}: attended transfer by the {}: {} joins {} of call {}", call.id(), byCaller ? "caller" : "callee",
            stays.address(), party, join.other().id());
        LegReinvite.send(call.ctx.stack(), call.requests, party.dialog, party.path, offer,
            (status, reason, r) -> partyReinvited(t, status, reason, r));
    }

    /**
     * The join without re-INVITEs: the other call's staying party takes the transferor's place in
     * this call's media session on the leg it has (a browser keeps ICE and DTLS), the staying party
     * here keeps its own; 202, NOTIFY 100 and 200 at once, and both of the transferor's legs are
     * released. Returns null when joined, else why the media couldn't be joined (nothing has changed then).
     */
    private String joinInPlace(ServerTransaction tx, Dialog from, SipPath fromPath, boolean byCaller, AttendedJoin join) {
        CalleeBranch party = join.party();
        CallMedia.MediaReport mine = call.media.report(call.answered.key);
        CallMedia.MediaReport theirs = join.media().report(join.calleeKey());
        try {
            call.media.join(byCaller ? MediaSession.Party.CALLEE : MediaSession.Party.CALLER, join.media(),
                join.partyIsCaller() ? MediaSession.Party.CALLER : MediaSession.Party.CALLEE, party.key);
        } catch (MediaException e) {
            LOG.info("call {}: {} can't join in place ({} {})", call.id(), party, e.sipStatus(), e.getMessage());
            return e.getMessage();
        }
        SipRequest refer = tx.request();
        tx.respond(SipResponse.replyTo(refer, 202).build());
        ReferNotifier notifier = new ReferNotifier(call.ctx.stack(), from, fromPath, refer.cseq().number());
        notifier.progress(100, "Trying");
        Transfer t = new Transfer(from, fromPath, byCaller, notifier, party.address(), call.media);
        t.joining = join;
        t.inPlace = true;
        t.reportBefore = mine;
        t.otherReportBefore = theirs;
        transfers.start(t);
        LOG.info("call {}: attended transfer by the {}: {} joins {} of call {} in place", call.id(),
            byCaller ? "caller" : "callee", staying(byCaller).address(), party, join.other().id());
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
    void resume(boolean toCaller, Dialog dialog, SipPath path) {
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
    static byte[] offerTo(CallMedia m, CalleeBranch party, byte[] passThrough) throws MediaException {
        if (party.target instanceof CalleeBranch.Contact c) {
            return m.offerFor(party.key, c.binding(), passThrough);
        }
        return m.offerForRtpPeer(party.key, null, passThrough);
    }

    /** The other call's party answered its move: the staying party here moves next, with the party's answer. */
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
        byte[] forStaying = null;
        if (moved) {
            try {
                forStaying = t.media.anchored() ? t.media.answerFrom(t.reanchoring.key, r) : r.body();
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
        transfers.reinviteStaying(t, t.reanchoring, forStaying);
    }

    /**
     * Another call asks for this call's party that stays, to join it with its own (attended
     * transfer): lent when this call is answered and quiet (no transfer) and {@code named} is one
     * of its legs — the transferor's: its caller's (the party is the callee) or its callee's (the
     * party is the caller side, lent as a {@link CalleeBranch#calledIn} branch). Null otherwise.
     */
    AttendedJoin lendForJoin(DialogId named) {
        if (call.state != Call.State.ANSWERED || call.transferBusy()) {
            return null;
        }
        if (call.callerDialog.id().equals(named)) {
            lent = true;
            return new AttendedJoin(call, call.answered, false, call.callerDialog, call.callerPath, call.media,
                call.answered.key);
        }
        if (!call.answered.dialog.id().equals(named)) {
            return null;
        }
        lent = true;
        return new AttendedJoin(call, callerAsBranch(), true, call.answered.dialog, call.answered.path, call.media,
            call.answered.key);
    }

    /** The caller side as the callee branch it becomes in the joining call; a trunk caller takes its line along. */
    private CalleeBranch callerAsBranch() {
        TransportKind transport = call.callerTransport();
        TrunkCall line = call.inboundTrunkLine();
        CalleeBranch.Target target = line != null ? new CalleeBranch.Trunk(line, transport) : new CalleeBranch.Caller(transport);
        return CalleeBranch.calledIn(call, "j" + call.id(), target, call.callerPath, call.invite, call.callerDialog,
            call.callerParty(), call.callerSdp());
    }

    void giveBackJoin() {
        lent = false;
    }

    /** An INVITE with Replaces moves this call's callee: no transfer or second Replaces meanwhile. */
    void lendForReplaces() {
        lent = true;
    }

    /** The lent party now talks in the joining call: this call's segment ends ("transfer"), with no BYE to it. */
    void joinedAway(CalleeBranch party, boolean wasCaller, CallMedia.MediaReport report) {
        lent = false;
        if (call.state != Call.State.ANSWERED) {
            return;
        }
        if (wasCaller) {
            call.handOverInboundTrunk(); // its trunk line, if any, goes on with it
        } else {
            call.branches.remove(party); // likewise
        }
        call.state = Call.State.ENDED;
        call.end(200, "transfer", report);
    }
}
