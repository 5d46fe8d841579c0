package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;

/**
 * Receives what the transaction layer does not absorb (RFC 3261 §17). Calls come from I/O
 * threads: don't block.
 */
@ConsumerType
public interface TransactionUser {
    /**
     * A new request, with its server transaction (never a retransmission). For INVITE the
     * layer has already sent 100 Trying. A CANCEL arrives here too, with
     * {@link ServerTransaction#cancelledInvite()} set when it matched an INVITE still waiting for
     * its final response; a CANCEL for an INVITE that has its final response has no effect
     * (RFC 3261 §9.2), so the layer answers it 200 itself and it does not arrive here.
     */
    void onRequest(ServerTransaction transaction);

    /** An ACK for a 2xx (end to end, outside any transaction, RFC 3261 §13.3.1.4/§17.1.1.3). */
    void onAck(SipRequest ack, SipPath path);

    /** A response that matches no client transaction (e.g. a 2xx retransmission after Timer M). */
    void onStrayResponse(SipResponse response, SipPath path);

    /**
     * Our 2xx to this INVITE was retransmitted for 64*T1 and no ACK came (RFC 3261 §13.3.1.4):
     * the session should be ended with a BYE.
     */
    default void onAckTimeout(ServerTransaction invite) {
    }

    /**
     * RFC 3261 §8.2.2.2 leaves merged requests (same From tag, Call-ID and CSeq as a transaction
     * in progress, another branch) to the UAS core: true takes this one as a new request, false
     * (the default) answers 482 Loop Detected.
     */
    default boolean takesMergedRequest(SipRequest request, SipPath path) {
        return false;
    }
}
