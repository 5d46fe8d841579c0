package org.tabphone.transport.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.uri.SipUri;

/** Sends SIP. Safe from any thread; the work is handed to the flow's event loop. */
@ProviderType
public interface SipTransport {

    /** Sends on exactly this flow (responses on stream transports, anything toward a WebSocket peer). */
    CompletionStage<Flow> sendOn(FlowId flow, SipMessage message);

    /**
     * Sends to an address: UDP from our listener, or TCP or TLS on an open flow to that address
     * (opening one if there is none). A TLS peer is verified against
     * {@link InetSocketAddress#getHostString()} of {@code destination}. WebSocket peers cannot be
     * reached this way.
     */
    CompletionStage<Flow> sendTo(TransportKind kind, InetSocketAddress destination, SipMessage message);

    /**
     * As {@link #sendTo(TransportKind, InetSocketAddress, SipMessage)}, for a peer reached by the name
     * {@code serverName}: a TLS connection sends it as SNI and, with {@code verify}, checks the chain
     * against the trusted CAs and the certificate against the name. The stage fails when the
     * connection or its handshake does (the reason names the peer and the certificate problem);
     * nothing waits longer than the connect and handshake timeouts.
     *
     * @since 0.3.0
     */
    default CompletionStage<Flow> sendTo(TransportKind kind, InetSocketAddress destination, String serverName,
                                         boolean verify, SipMessage message) {
        return java.util.concurrent.CompletableFuture.failedFuture(
            new UnsupportedOperationException("this SipTransport opens no named TLS connections"));
    }

    Optional<Flow> flow(FlowId id);

    List<Flow> flows();

    /** The address we are listening on for a transport, as it should appear in Via/Contact. */
    Optional<InetSocketAddress> listenAddress(TransportKind kind);

    TransportStatistics statistics();

    /**
     * Our Contact URI on the listener of {@code kind} (the UDP one when there is none): {@code user}
     * (none when empty) at the advertised address, with a transport parameter except for UDP —
     * where requests for a dialog or a registration should come back.
     */
    default SipUri contactUri(TransportKind kind, String user) {
        InetSocketAddress addr = listenAddress(kind).or(() -> listenAddress(TransportKind.UDP))
            .orElseThrow(() -> new IllegalStateException("no SIP listener"));
        SipUri.Builder uri = SipUri.builder(addr.getHostString()).port(addr.getPort());
        if (!user.isEmpty()) {
            uri.user(user);
        }
        if (kind != TransportKind.UDP) {
            uri.param("transport", kind.viaToken().toLowerCase(java.util.Locale.ROOT));
        }
        return uri.build();
    }
}
