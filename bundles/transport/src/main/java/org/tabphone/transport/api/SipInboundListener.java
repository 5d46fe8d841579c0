package org.tabphone.transport.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The one consumer of inbound SIP (the transaction layer). Registered as an OSGi service;
 * while none is registered the transport answers requests 503 itself.
 * Runs on the flow's event loop: must not block.
 */
@ConsumerType
public interface SipInboundListener {
    void onSip(InboundSip inbound);
}
