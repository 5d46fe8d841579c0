package org.tabphone.sip.api.transaction;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;

/** A request received, as its transaction user sees it (RFC 3261 §17.2). Safe from any thread. */
@ProviderType
public interface ServerTransaction {
    SipRequest request();

    /** The path the request arrived on; responses go back on it. */
    SipPath path();

    TransactionState state();

    /**
     * Sends a response through the transaction: provisional responses any number of times, one
     * final response. Retransmissions (of the final response to an INVITE over UDP, of the last
     * response to a retransmitted non-INVITE request) are the transaction's job.
     *
     * @throws IllegalStateException after the final response
     */
    void respond(SipResponse response);

    /** For a CANCEL: the INVITE server transaction it cancels (RFC 3261 §9.2), if one matched. */
    Optional<ServerTransaction> cancelledInvite();
}
