package org.tabphone.agent.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An agent kind, registered as a service with property {@value #TYPE} (e.g.
 * {@code agent.type=receptionist}); agent configurations ({@code org.tabphone.agent-<name>.cfg})
 * name the type that answers their numbers. Of several services of a type the one with the highest
 * {@code service.ranking} answers (equal rankings: the first registered), from the next call on;
 * calls in progress keep the session they started with.
 */
@ConsumerType
public interface VoiceAgent {
    /** Service property: the type name agent configurations refer to. */
    String TYPE = "agent.type";

    /**
     * A call to one of the agent's numbers was answered. Called on the agent's signalling
     * thread: return at once (start work elsewhere); the session then hears the call's events.
     */
    AgentSession answer(AgentCall call);
}
