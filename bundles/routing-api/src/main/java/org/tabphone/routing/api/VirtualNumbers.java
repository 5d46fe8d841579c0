package org.tabphone.routing.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.uri.SipUri;

/**
 * Whiteboard: numbers of a tenant that belong to an endpoint, not to a user — an agent on a
 * virtual number. The default router asks every registered {@code VirtualNumbers} before it
 * looks for a user, and rings the endpoint with {@link RouteDecision.RingUri}; an integrator's
 * router may ask them too. Lookups run on I/O threads: answer from memory.
 */
@ConsumerType
public interface VirtualNumbers {
    /** The endpoint that answers {@code number} (a dialled user part) in {@code tenant}, if this service owns it. */
    Optional<SipUri> endpoint(String tenant, String number);
}
