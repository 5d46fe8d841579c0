package org.tabphone.call.internal.b2bua;

import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * The other call of an attended transfer (RFC 5589 §7: a REFER whose Refer-To carries Replaces
 * naming the transferor's leg in another call of the gateway): the party that stays there, lent
 * to the call that joins it, and the transferor's leg there, which the joining call releases.
 * The transferor may have placed that call ({@code partyIsCaller} false: the party is its callee)
 * or received it (the party is its caller, as a {@link CalleeBranch#calledIn} branch).
 * {@link #giveBack} when the join fails, {@link #joined} when the party talks to the joining call.
 * {@code media}: the other call's, whose party's leg an anchored join takes over in place;
 * {@code calleeKey} its callee's branch, for the report of its last segment.
 *
 * <p>Neither takes the other call's lock while the joining call holds its own: a call never waits
 * for a second call's lock, so two transfers crossing each other can't deadlock.
 */
record AttendedJoin(Call other, CalleeBranch party, boolean partyIsCaller, Dialog transferorLeg, SipPath transferorPath,
                    CallMedia media, String calleeKey) {

    void giveBack() {
        other.giveBackJoin();
    }

    /**
     * {@code report}: the other call's media as its last segment ends, taken before the join (null:
     * as it is now). The other call ends on the timer thread, after the joining call let go of its lock.
     */
    void joined(CallMedia.MediaReport report) {
        try {
            other.ctx.timers().execute(() -> other.joinedAway(party, partyIsCaller, report));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            other.joinedAway(party, partyIsCaller, report); // the component is going away: no transfer to cross
        }
    }
}
