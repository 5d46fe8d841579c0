package org.tabphone.call.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: told about every call event. Runs on I/O threads: must not block (queue slow work).
 *
 * <p>A listener registered with {@link #SINK}{@code =true} (the CDR writer) is a sink: while no
 * sink is bound, the call bundle holds {@link CallEvent.Type#ENDED} events (bounded, oldest
 * dropped first) and hands them to the next sink that binds, before any newer event, so a
 * restarted or updated CDR bundle loses no call.
 */
@ConsumerType
public interface CallEventListener {
    /** Service property marking a listener that must see every ENDED event. */
    String SINK = "call.event.sink";

    void onCallEvent(CallEvent event);
}
