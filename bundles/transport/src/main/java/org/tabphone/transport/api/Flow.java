package org.tabphone.transport.api;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.transaction.SipPath;

/**
 * A path to one peer; what a binding remembers so a browser's {@code .invalid} Contact can be
 * reached. As a {@link SipPath} it sends on exactly this connection (or UDP peer).
 */
@ProviderType
public interface Flow extends SipPath {
    FlowId id();

    TransportKind kind();

    /** The peer's address as seen on the socket (for WS: the TCP peer). */
    InetSocketAddress remote();

    /** Our listener address the flow arrived on. */
    InetSocketAddress local();

    /** False once the connection closed (never false for UDP). */
    boolean isOpen();

    /**
     * For a WebSocket: the {@code X-Forwarded-For} header of its handshake, as sent (a proxy in
     * front of the gateway names the client there). Only meaningful when {@link #remote()} is a
     * proxy you trust; access control decides that. Empty for other transports.
     */
    default Optional<String> forwardedFor() {
        return Optional.empty();
    }
}
