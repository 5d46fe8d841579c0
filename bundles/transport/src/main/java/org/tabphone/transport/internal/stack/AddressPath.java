package org.tabphone.transport.internal.stack;

import java.net.InetSocketAddress;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;

/** A next hop given by address (RFC 3261 §18.1.1): each send goes through the transport's connection reuse. */
record AddressPath(SipTransport transport, TransportKind kind, InetSocketAddress destination) implements SipPath {

    @Override
    public boolean isReliable() {
        return kind.isStream();
    }

    @Override
    public void send(SipMessage message, SendFailureListener listener) {
        transport.sendTo(kind, destination, message).whenComplete((flow, error) -> {
            if (error != null) {
                listener.onSendFailed(error);
            }
        });
    }

    @Override
    public String toString() {
        return kind + ":" + destination;
    }
}
