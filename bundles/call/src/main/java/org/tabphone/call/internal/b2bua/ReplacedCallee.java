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
import org.tabphone.sip.api.transaction.ServerTransaction;

/**
 * An INVITE with Replaces naming the gateway's leg toward the callee (RFC 3891 §3): the callee's UA
 * did an attended transfer itself — Bob, called by Alice, called Carol and had her INVITE the
 * gateway with Replaces naming his leg — so the new party takes the callee's place. With media
 * anchored its leg joins the call's session in place, the caller keeping its own (port, ICE, DTLS:
 * no re-INVITE, so a browser caller works; one taking it off hold if the callee had held it).
 * Passed through, the caller is re-INVITEd with the new party's offer. The new party gets 200, the
 * replaced leg a BYE, and the segment ends "transfer" with the new party as the next one's callee.
 * The call's lock guards this state: the call calls in holding it, the caller's answer takes it.
 */
final class ReplacedCallee {
    private static final Logger LOG = LoggerFactory.getLogger(ReplacedCallee.class);

    private final Call call;
    private final TransferHandler transfers;
    private final AttendedTransferHandler attended;
    /** Parties that took the callee's place so far: each one's media branch key is new. */
    private int taken;

    ReplacedCallee(Call call, TransferHandler transfers, AttendedTransferHandler attended) {
        this.call = call;
        this.transfers = transfers;
        this.attended = attended;
    }

    /** The checks of {@link ReplacingInvite#replacedBy} passed: the callee's leg is confirmed and the call quiet. */
    void replacedBy(ServerTransaction tx) {
        SipRequest inv = tx.request();
        String key = "r" + (++taken);
        CalleeBranch replaced = call.answered;
        if (!call.media.anchored()) {
            reinviteCaller(tx, key, replaced);
            return;
        }
        CallMedia.MediaReport before = call.media.report(replaced.key);
        byte[] answer;
        try {
            answer = call.media.replaceCallee(call.ctx.media().get(),
                new CallIdentity(call.id() + ".replaces", call.tenant, call.caller(), call.callee()), inv, tx.path(), key);
        } catch (MediaException e) {
            LOG.info("call {}: INVITE with Replaces from {} for the callee's leg refused: {} {}", call.id(),
                inv.from().uri(), e.sipStatus(), e.getMessage());
            tx.respond(SipResponse.uasReplyTo(inv, e.sipStatus()).reasonPhrase(e.getMessage()).build());
            return;
        }
        LOG.info("call {}: INVITE with Replaces from {} takes the callee's leg ({}), joined in place", call.id(),
            inv.from().uri(), replaced);
        taken(tx, key, replaced, answer, before);
        attended.resume(true, call.callerDialog, call.callerPath); // the callee may have held the caller while it called the new party
    }

    /** Media passed through: the caller gets the new party's offer; its answer goes to the new party. */
    private void reinviteCaller(ServerTransaction tx, String key, CalleeBranch replaced) {
        if (!CallMedia.isSdp(tx.request())) { // the caller's offer would come back in its 200, with nowhere to go
            tx.respond(SipResponse.uasReplyTo(tx.request(), 488).reasonPhrase("An INVITE with Replaces must offer SDP here")
                .build());
            return;
        }
        attended.lendForReplaces(); // no transfer or second Replaces while the caller's answer is out
        LOG.info("call {}: INVITE with Replaces from {} takes the callee's leg ({}); re-INVITE to the caller", call.id(),
            tx.request().from().uri(), replaced);
        LegReinvite.send(call.ctx.stack(), call.requests, call.callerDialog, call.callerPath, tx.request().body(),
            (code, reason, r) -> {
                synchronized (call) {
                    callerAnswered(tx, key, replaced, code, reason, r);
                }
            });
    }

    private void callerAnswered(ServerTransaction tx, String key, CalleeBranch replaced, int code, String reason,
                                SipResponse r) {
        attended.giveBackJoin();
        if (code < 300 && (r == null || call.state != Call.State.ANSWERED || call.answered != replaced)) {
            code = 481;
            reason = "Replaced call has ended";
        }
        if (code >= 300) {
            LOG.info("call {}: the caller refused the new party's media ({} {}); the callee stays", call.id(), code, reason);
            tx.respond(SipResponse.uasReplyTo(tx.request(), code).reasonPhrase(reason).build());
            return;
        }
        taken(tx, key, replaced, r.body(), call.media.report(replaced.key));
    }

    /**
     * The new party is the callee from now on: the segment with the replaced one ends (its media
     * {@code before}), the new party gets 200 with {@code sdp} and its dialog is the callee's leg,
     * the replaced leg gets BYE (RFC 3891 §3) and lets go of any trunk line it held.
     */
    private void taken(ServerTransaction tx, String key, CalleeBranch replaced, byte[] sdp, CallMedia.MediaReport before) {
        SipRequest inv = tx.request();
        call.mediaReport = before;
        call.ctx.events().emit(CallEvent.Type.TRANSFERRED, call, 200, "transfer"); // the segment that ends, as it was
        call.segmentStarted = Instant.now();
        call.answeredAt = call.segmentStarted;
        call.calleeAddress = inv.from().uri().toString();
        SipResponse.Builder ok = call.requests.toCaller(inv, 200, LegRequests.newTag(), tx.path());
        if (sdp != null && sdp.length > 0) {
            ok.body(sdp, "application/sdp");
        }
        SipResponse okToNew = ok.build();
        Dialog dialog = Dialog.asUas(inv, okToNew);
        CalleeBranch party = CalleeBranch.calledIn(call, key, new CalleeBranch.Caller(Call.transportOf(tx.path(), inv)),
            tx.path(), inv, dialog, inv.from().withoutParam("tag"), inv);
        call.answered = party;
        call.branches.remove(replaced);
        call.branches.add(party);
        call.ctx.table().dialog(dialog.id(), call); // findable before the 200 leaves: its ACK may come at once
        tx.respond(okToNew);
        call.bye(replaced.dialog, replaced.path);
        transfers.released(replaced.dialog);
        replaced.releaseLine();
    }
}
