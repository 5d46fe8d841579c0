package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.SipResponse;

/** What a client transaction tells its user. Calls come from I/O or timer threads: don't block. */
@ConsumerType
public interface ClientTransactionListener {
    /**
     * A response for the request: every provisional, the final one, and for an INVITE every 2xx
     * that arrives while the transaction is Accepted (RFC 6026 §8.4: each must be ACKed by the TU).
     * ACK for a non-2xx final response is sent by the transaction itself (§17.1.1.3).
     */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** Timer B or F fired: no final response (treat as 408, RFC 3261 §8.1.3.1). */
    void onTimeout(ClientTransaction transaction);

    /** The path failed (treat as 503, RFC 3261 §8.1.3.1). */
    void onTransportError(ClientTransaction transaction, Throwable cause);

    /** For requests nobody waits on (a BYE, a CANCEL): the far end's answer changes nothing. */
    ClientTransactionListener IGNORE = new ClientTransactionListener() {
        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
        }

        @Override
        public void onTimeout(ClientTransaction transaction) {
        }

        @Override
        public void onTransportError(ClientTransaction transaction, Throwable cause) {
        }
    };
}
