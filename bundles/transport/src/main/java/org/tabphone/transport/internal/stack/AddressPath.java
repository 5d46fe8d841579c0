package org.tabphone.transport.internal.stack;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;

/**
 * A next hop given by address (RFC 3261 §18.1.1): each send goes through the transport's connection
 * reuse. {@code serverName} and {@code verify} are what a TLS connection is checked against (RFC 5922).
 */
record AddressPath(SipTransport transport, TransportKind kind, InetSocketAddress destination, String serverName,
                   boolean verify) implements SipPath {

    @Override
    public boolean isReliable() {
        return kind.isStream();
    }

    @Override
    public void send(SipMessage message, SendFailureListener listener) {
        var sent = kind == TransportKind.TLS
            ? transport.sendTo(kind, destination, serverName, verify, message)
            : transport.sendTo(kind, destination, message);
        sent.whenComplete((flow, error) -> {
            if (error != null) {
                // the stage's own wrapper says nothing: the listener (a transaction, then a trunk's status) wants the reason
                listener.onSendFailed(error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
            }
        });
    }

    @Override
    public String toString() {
        return kind + ":" + (kind == TransportKind.TLS ? serverName + "/" : "") + destination;
    }
}
