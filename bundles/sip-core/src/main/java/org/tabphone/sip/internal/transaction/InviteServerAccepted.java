package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 6026 §7.1 Accepted: what is left of an INVITE server transaction after its 2xx. Over UDP the
 * 2xx is resent, T1 doubling to T2, until its ACK arrives on a branch of its own (RFC 3261
 * §13.3.1.4, done here for the user); retransmitted INVITEs are absorbed; Timer L (64*T1) ends it,
 * telling the user if no ACK came. Until the ACK it keeps the 2xx's octets and the transaction the
 * user knows (to name it in {@code onAckTimeout}); after the ACK only its key.
 */
final class InviteServerAccepted extends Transaction implements AnsweredInvite {
    private final TimerSlot retransmit = new TimerSlot();
    private final TimerSlot timerL = new TimerSlot();
    private final String toTag;
    /** Guarded by this; all three dropped with the ACK. */
    private ServerTransaction unacked;
    private WireCopy response;
    private String dialogKey;
    private long interval;

    InviteServerAccepted(TransactionContext ctx, TransactionKey key, SipPath path, ServerTransaction owner,
                         String dialogKey, String toTag) {
        super(ctx, key, path, TransactionState.ACCEPTED);
        this.unacked = owner;
        this.dialogKey = dialogKey;
        this.toTag = toTag;
    }

    /**
     * Sends the 2xx and starts the timers. Call after {@code TransactionTable.accepted}: on another I/O
     * thread the ACK can come back before this method returns.
     */
    synchronized void start(SipResponse ok) {
        send(ok);
        if (state != TransactionState.ACCEPTED) {
            return; // the send failed
        }
        if (unacked != null && !path.isReliable()) { // the ACK may have beaten us here
            response = WireCopy.of(ok);
            interval = t1();
            retransmit.start(ctx.timer(), interval, this::retransmit2xx);
        }
        timerL.start(ctx.timer(), sixtyFourT1(), this::timerL);
    }

    @Override
    public String toTag() {
        return toTag;
    }

    /** The ACK for the 2xx (RFC 3261 §17.1.1.3: its own branch): stop resending, keep only the key. */
    synchronized void on2xxAck() {
        if (unacked == null) {
            return; // a retransmitted ACK
        }
        unacked = null;
        response = null;
        retransmit.cancel();
        leaveAcceptedIndex(); // later ACKs (for 2xx retransmissions we no longer send) go to the user all the same
    }

    private void leaveAcceptedIndex() {
        if (dialogKey != null) {
            ctx.table().notAccepted(dialogKey, this);
            dialogKey = null;
        }
    }

    @Override
    protected void terminate() {
        leaveAcceptedIndex();
        super.terminate();
    }

    private synchronized void retransmit2xx() {
        if (state == TransactionState.ACCEPTED && response != null) {
            send(response.message());
            interval = Math.min(2 * interval, t2());
            retransmit.start(ctx.timer(), interval, this::retransmit2xx);
        }
    }

    private void timerL() {
        ServerTransaction noAck;
        synchronized (this) {
            if (state != TransactionState.ACCEPTED) {
                return;
            }
            noAck = unacked;
            terminate();
        }
        if (noAck != null) {
            ctx.user().onAckTimeout(noAck); // outside the lock, like every callback to the user
        }
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate(); // §17.2.4: the dialog layer notices the flow
    }

    @Override
    protected void cancelTimers() {
        retransmit.cancel();
        timerL.cancel();
    }
}
