package org.tabphone.transport.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipMessage;

/** Sends SIP. Safe from any thread; the work is handed to the flow's event loop. */
@ProviderType
public interface SipTransport {

    /** Sends on exactly this flow (responses on stream transports, anything toward a WebSocket peer). */
    CompletionStage<Flow> sendOn(FlowId flow, SipMessage message);

    /**
     * Sends to an address: UDP from our listener, or TCP on an open flow to that address
     * (opening one if there is none). WebSocket peers cannot be reached this way.
     */
    CompletionStage<Flow> sendTo(TransportKind kind, InetSocketAddress destination, SipMessage message);

    Optional<Flow> flow(FlowId id);

    List<Flow> flows();

    /** The address we are listening on for a transport, as it should appear in Via/Contact. */
    Optional<InetSocketAddress> listenAddress(TransportKind kind);

    TransportStatistics statistics();
}
