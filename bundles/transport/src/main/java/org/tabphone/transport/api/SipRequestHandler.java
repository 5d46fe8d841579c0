package org.tabphone.transport.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.ServerTransaction;

/**
 * Whiteboard: takes new requests of the methods listed in its {@value #METHODS} service
 * property (e.g. {@code sip.methods=REGISTER}); for a method several handlers claim, the
 * highest {@code service.ranking} wins. Requests no handler claims get 405 (OPTIONS: 200).
 * Calls come from I/O threads: don't block.
 */
@ConsumerType
public interface SipRequestHandler {
    /** Service property: the methods this handler takes. */
    String METHODS = "sip.methods";

    void onRequest(ServerTransaction transaction);

    /** An ACK for a 2xx, for handlers that list {@code ACK}. */
    default void onAck(SipRequest ack, SipPath path) {
    }

    /** For the INVITE handler: our 2xx was never ACKed (RFC 3261 §13.3.1.4); end the session. */
    default void onAckTimeout(ServerTransaction invite) {
    }

    /**
     * A request whose From tag, Call-ID and CSeq match a transaction in progress that arrived by
     * another path (RFC 3261 §8.2.2.2): true takes it as a new request, false (the default)
     * answers 482 Loop Detected. The call handler takes an INVITE a PBX forked to us over two
     * trunks, to hold the sibling at 180.
     */
    default boolean takesMergedRequest(SipRequest request, java.net.InetSocketAddress source) {
        return false;
    }
}
