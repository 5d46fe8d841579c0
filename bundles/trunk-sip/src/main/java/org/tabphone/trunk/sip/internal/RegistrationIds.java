package org.tabphone.trunk.sip.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.tabphone.sip.api.header.Tags;

/**
 * One Call-ID and one rising CSeq per trunk for as long as the driver runs (RFC 3261 §10.2: the
 * same Call-ID for all registrations of a UA in a boot cycle, CSeq increasing), so a trunk that
 * reconnects with new credentials keeps refreshing the same registration.
 */
final class RegistrationIds {
    /** A trunk's registration identity. */
    record Identity(String callId, String fromTag, AtomicInteger cseq) {
    }

    private final String boot = Tags.newTag();
    private final Map<String, Identity> byTrunk = new ConcurrentHashMap<>();

    Identity of(String trunk) {
        return byTrunk.computeIfAbsent(trunk, t -> new Identity(t + "-" + boot + "@tabphone", Tags.newTag(),
            new AtomicInteger()));
    }
}
