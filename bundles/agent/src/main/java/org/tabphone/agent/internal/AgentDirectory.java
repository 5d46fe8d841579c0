package org.tabphone.agent.internal;

import java.util.Optional;

import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.codec.api.AudioCodec;

/** What the user agent needs to know to answer a call: read live, so changes apply to the next call. */
interface AgentDirectory {
    Optional<AgentDefinition> byName(String name);

    Optional<VoiceAgent> agentOfType(String type);

    Optional<AudioCodec> codec(String encoding);

    /** The tenant's first domain: the host of the Refer-To the gateway resolves colleagues in. */
    Optional<String> domainOf(String tenant);
}
