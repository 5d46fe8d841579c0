package org.tabphone.trunk.api;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.Header;

/**
 * One trunk as its driver runs it: registration (if any), how outbound calls reach the
 * provider, and which sources are the provider. Safe from any thread; never blocks.
 */
@ConsumerType
public interface TrunkLine {

    TrunkStatus status();

    /**
     * An outbound call to {@code e164} (with '+') from {@code callerNumber} (the caller-id the
     * call bundle chose).
     */
    OutboundLeg outbound(String e164, String callerNumber);

    /**
     * The Authorization/Proxy-Authorization header answering a 401/407 to {@code request},
     * or empty when the trunk has no credentials or cannot answer that challenge.
     */
    Optional<Header> authorize(SipResponse challenge, SipRequest request);

    /** Whether a request from {@code source} comes from this trunk's provider. */
    boolean accepts(InetSocketAddress source);

    /** Stops registering (unregisters, best effort). Calls in progress are the call bundle's and stay up. */
    void close();

    /**
     * Stops refreshing without unregistering: a new connection of the same account at the same
     * registrar (new credentials, new Expires) takes the binding over, and an un-REGISTER of the
     * same Contact would remove it.
     */
    void stop();
}
