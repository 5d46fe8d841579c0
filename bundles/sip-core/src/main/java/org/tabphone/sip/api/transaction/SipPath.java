package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.SipMessage;

/**
 * Somewhere a message can be sent: the flow a request arrived on (where its responses go,
 * RFC 3261 §18.2.2) or the next hop of a request we send. Implemented by the transport.
 */
@ConsumerType
public interface SipPath {
    /**
     * Reliable paths (TCP, TLS, WS, WSS) get no retransmissions and zero-length wait timers
     * (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
     */
    boolean isReliable();

    /** Sends without blocking. A failure is reported to {@code listener} (RFC 3261 §18.4, §17.1.4). */
    void send(SipMessage message, SendFailureListener listener);

    /** Told when a send failed (connection refused, flow closed, ...). */
    @FunctionalInterface
    interface SendFailureListener {
        void onSendFailed(Throwable cause);
    }
}
