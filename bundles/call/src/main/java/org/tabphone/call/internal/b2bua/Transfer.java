package org.tabphone.call.internal.b2bua;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * One blind transfer (RFC 3515) in progress, whichever leg sent the REFER: the referrer's dialog
 * (it gets the NOTIFYs and is let go at the end), the target's ringing branches, and the media
 * session they are offered from. A callee's REFER keeps the caller, whose leg anchors the call's
 * media session, so the targets are new branches of that session. A caller's REFER keeps the
 * callee: the targets are offered from the callee's side of the same session, and the one that
 * answers replaces the caller's leg (with media passed through, the callee is re-INVITEd with its
 * SDP instead: {@link #reanchor}). State is guarded by the call's lock.
 */
final class Transfer {
    /** The leg that sent the REFER. */
    final Dialog referrer;
    final SipPath referrerPath;
    /** The caller's leg referred: the callee stays and its media moves to {@link #media}. */
    final boolean byCaller;
    final ReferNotifier notifier;
    /** The target's address of record, for the records of the next segment. */
    final String targetAddress;
    /** Where the targets' offers come from: the call's session, or a new one anchored on the callee. */
    final CallMedia media;
    final List<CalleeBranch> targets = new ArrayList<>();
    /** When the REFER came: the start of the segment the transfer makes. */
    final Instant started = Instant.now();
    /** The referrer hung up before the transfer ended. */
    boolean referrerGone;
    int bestFailure;
    String bestReason;
    /** The target (or an attended transfer's other party) that answered while the staying party's re-INVITE is out. */
    CalleeBranch reanchoring;
    /** An attended transfer: the other call, whose remaining party is the target. */
    AttendedJoin joining;
    /** An attended transfer whose media joined in place (no re-INVITE): the call's session already bridges the parties. */
    boolean inPlace;
    /** Taken before an in-place join changed the sessions: this call's and the other call's media as their segments end. */
    CallMedia.MediaReport reportBefore;
    CallMedia.MediaReport otherReportBefore;

    Transfer(Dialog referrer, SipPath referrerPath, boolean byCaller, ReferNotifier notifier, String targetAddress,
             CallMedia media) {
        this.referrer = referrer;
        this.referrerPath = referrerPath;
        this.byCaller = byCaller;
        this.notifier = notifier;
        this.targetAddress = targetAddress;
        this.media = media;
    }

    /**
     * The callee must be re-INVITEd once a target answers: a caller's REFER with media passed
     * through (the target's SDP), or an attended join onto a new session. With the call's own
     * session the target simply replaces the caller's leg ({@link CallMedia#replacingCaller}).
     */
    boolean reanchor() {
        return byCaller && !media.replacesCaller();
    }

    /** Remembers a target's failure; true when it was the last target still ringing. */
    boolean failed(int code, String reason) {
        if (bestFailure == 0 || Call.better(code, bestFailure)) {
            bestFailure = code;
            bestReason = reason == null || reason.isEmpty() ? org.tabphone.sip.api.SipStatus.reasonPhrase(code) : reason;
        }
        return targets.stream().allMatch(x -> x.done);
    }
}
