package org.tabphone.transport.api;

import java.net.InetSocketAddress;

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
}
