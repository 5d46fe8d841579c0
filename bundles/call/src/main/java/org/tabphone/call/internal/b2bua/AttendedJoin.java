package org.tabphone.call.internal.b2bua;

import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * The other call of an attended transfer (RFC 5589 §7: a REFER whose Refer-To carries Replaces
 * naming the transferor's leg in another call of the gateway): the party that stays there, lent
 * to the call that joins it, and the transferor's leg there, which the joining call releases.
 * {@link #giveBack} when the join fails, {@link #joined} when the party talks to the joining call.
 * {@code media}: the other call's, whose callee leg an anchored join takes over in place.
 */
record AttendedJoin(Call other, CalleeBranch party, Dialog transferorLeg, SipPath transferorPath, CallMedia media) {

    void giveBack() {
        other.giveBackJoin();
    }

    /** {@code report}: the other call's media as its last segment ends, taken before the join (null: as it is now). */
    void joined(CallMedia.MediaReport report) {
        other.joinedAway(party, report);
    }
}
