package org.tabphone.call.internal.b2bua;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.transaction.ServerTransaction;

/**
 * Directed call pickup: an INVITE with Replaces naming the early dialog of a ringing branch — one
 * the gateway initiated — is accepted with 200 and the replaced dialog is shut down with CANCEL
 * (RFC 3891 §3); the other branches are cancelled too and the caller gets its 200, talking to the
 * new party. Both offered (the caller its INVITE, the new party its own), so only anchored media
 * can answer both; passed through it is 488. An early dialog the gateway did not initiate (the
 * caller's, still ringing) is never matched: 481 (CallComponent). The call's lock guards this.
 */
final class CallPickup {
    private static final Logger LOG = LoggerFactory.getLogger(CallPickup.class);

    private final Call call;

    CallPickup(Call call) {
        this.call = call;
    }

    /**
     * The ringing branch whose early dialog (RFC 3261 §12.1: a provisional with a to-tag) is {@code
     * early}, as an INVITE with Replaces names it (our tag is the to-tag), or null.
     */
    CalleeBranch ringingBranch(DialogId early) {
        if (call.state != Call.State.RINGING) {
            return null;
        }
        for (CalleeBranch b : call.branches) {
            if (!b.done && !b.transfer && b.invite.callId().equals(early.callId())
                && b.invite.from().tag().orElse("").equals(early.localTag()) && b.earlyTags.contains(early.remoteTag())) {
                return b;
            }
        }
        return null;
    }

    /** {@code rung}: the ringing branch the INVITE's Replaces names, null when it stopped ringing meanwhile. */
    void pickUp(ServerTransaction tx, CalleeBranch rung) {
        SipRequest inv = tx.request();
        if (rung == null) {
            refuse(tx, 481, "Replaced early dialog has ended");
            return;
        }
        if (!call.media.anchored()) {
            refuse(tx, 488, "Picking up a ringing call needs anchored media");
            return;
        }
        String key = "p" + call.branches.size();
        byte[][] answers;
        try {
            answers = call.media.pickUp(call.ctx.media().get(),
                new CallIdentity(call.id() + ".pickup", call.tenant, call.caller(), call.callee()), inv, tx.path(),
                call.invite, key);
        } catch (CallMedia.PickupRefused e) {
            refuse(tx, e.refusal().sipStatus(), e.getMessage());
            return;
        } catch (MediaException e) {
            LOG.warn("call {}: pickup by {} failed after the ringing branches' media was released: {}", call.id(),
                inv.from().uri(), e.getMessage());
            refuse(tx, e.sipStatus(), e.getMessage());
            call.pickupFailed(500, "Call pickup failed");
            return;
        }
        LOG.info("call {}: {} picks up the call ringing at {}", call.id(), inv.from().uri(), rung);
        SipResponse.Builder ok = call.requests.toCaller(inv, 200, LegRequests.newTag(), tx.path())
            .body(answers[1], "application/sdp");
        SipResponse okToNew = ok.build();
        Dialog dialog = Dialog.asUas(inv, okToNew);
        CalleeBranch party = CalleeBranch.calledIn(call, key, new CalleeBranch.Caller(Call.transportOf(tx.path(), inv)),
            tx.path(), inv, dialog, inv.from().withoutParam("tag"), inv);
        call.branches.add(party);
        call.calleeAddress = party.address();
        call.ctx.table().dialog(dialog.id(), call); // findable before the 200 leaves: its ACK may come at once
        tx.respond(okToNew);
        call.connect(party, answers[0], "application/sdp"); // 200 to the caller, CANCEL to every branch (the replaced one too)
    }

    private void refuse(ServerTransaction tx, int code, String reason) {
        LOG.info("call {}: INVITE with Replaces for a ringing branch refused: {} {}", call.id(), code, reason);
        tx.respond(SipResponse.uasReplyTo(tx.request(), code).reasonPhrase(reason).build());
    }
}
