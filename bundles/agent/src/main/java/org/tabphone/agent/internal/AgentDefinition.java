package org.tabphone.agent.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tabphone.sip.api.uri.SipUri;

/**
 * One configured agent: the numbers of a tenant it answers and who answers them — a
 * {@code VoiceAgent} of {@link #type} inside the gateway, or, for type {@value #EXTERNAL}, the
 * SIP endpoint at {@link #uri} (a voice-AI platform the gateway only routes to).
 *
 * @param settings every key of the configuration, for the agent to read its own (url, greeting, ...)
 */
record AgentDefinition(String name, String tenant, List<String> numbers, String type, Optional<SipUri> uri,
                       Map<String, String> settings) {
    static final String EXTERNAL = "sip";

    AgentDefinition {
        numbers = List.copyOf(numbers);
        settings = Map.copyOf(settings);
    }

    boolean answers(String tenantName, String number) {
        return tenant.equals(tenantName) && numbers.contains(number);
    }

    boolean external() {
        return EXTERNAL.equals(type);
    }
}
