package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;

/**
 * RFC 3261 §17 for one SIP element. Feed it every message that arrives; it answers
 * retransmissions itself and hands the rest to its {@link TransactionUser}. Create one with
 * {@code TransactionLayers.create(...)}.
 */
@ProviderType
public interface TransactionLayer {
    /** A message from the network, with the path it arrived on. */
    void onMessage(SipMessage message, SipPath path);

    /**
     * Sends a request in a new client transaction. The request's top Via must carry an
     * RFC 3261 branch (see {@link #newBranch()}). ACK is not sent this way: a 2xx ACK goes
     * straight on a path (it has no transaction), a non-2xx ACK is the transaction's own.
     */
    ClientTransaction sendRequest(SipRequest request, SipPath path, ClientTransactionListener listener);

    /** A fresh branch: the magic cookie {@code z9hG4bK} plus a random, unguessable part. */
    String newBranch();

    /** Live transactions (client + server), for limits and the admin view. */
    int size();

    /** Stops all timers; transactions stop retransmitting. */
    void close();

}
