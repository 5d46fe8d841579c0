package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/**
 * RFC 3261 §17.1.1.2 Completed: what is left of an INVITE client transaction after a final response
 * of 300-699. Its ACK (§17.1.1.3, sent here) is sent again for each retransmission of that response,
 * which is not passed up, until Timer D (at least 32 s over UDP, 0 on reliable paths, where no copy
 * is kept). Keeps the ACK's octets.
 */
final class InviteClientCompleted extends Transaction {
    private final TimerSlot timerD = new TimerSlot();
    /** Guarded by this; null on reliable paths. */
    private WireCopy ack;

    InviteClientCompleted(TransactionContext ctx, TransactionKey key, SipPath path) {
        super(ctx, key, path, TransactionState.COMPLETED);
    }

    synchronized void start(SipRequest ackRequest) {
        send(ackRequest);
        if (state != TransactionState.COMPLETED) {
            return; // the send failed
        }
        if (!path.isReliable()) {
            ack = WireCopy.of(ackRequest);
        }
        timerD.start(ctx.timer(), path.isReliable() ? 0 : Math.max(32_000, sixtyFourT1()), this::timerD);
    }

    @Override
    synchronized void onResponse(SipResponse response) {
        if (state == TransactionState.COMPLETED && response.statusCode() >= 300 && ack != null) {
            send(ack.message()); // the final response again: our ACK was lost
        }
    }

    private synchronized void timerD() {
        terminate();
    }

    @Override
    protected synchronized void onSendFailed(Throwable cause) {
        terminate();
    }

    @Override
    protected void cancelTimers() {
        timerD.cancel();
    }
}
