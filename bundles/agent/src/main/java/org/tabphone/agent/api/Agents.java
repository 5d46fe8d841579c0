package org.tabphone.agent.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The configured agents and their live calls, for the shell and JMX. */
@ProviderType
public interface Agents {

    List<AgentInfo> agents();

    List<AgentCallInfo> calls();

    /** Where the in-process agents answer SIP ({@code udp host:port}). */
    String sipAddress();

    /**
     * One configured agent.
     *
     * @param endpoint  the SIP URI the gateway rings for it
     * @param available false when its type has no installed {@link VoiceAgent} (calls get 503)
     */
    record AgentInfo(String name, String tenant, List<String> numbers, String type, String endpoint,
                     boolean available) {
        public AgentInfo {
            numbers = List.copyOf(numbers);
        }
    }

    /**
     * One call an agent has.
     *
     * @param transfer "" or "to &lt;target&gt;" while a transfer is under way
     */
    record AgentCallInfo(String agent, String tenant, String number, String caller, String callId, Instant answered,
                         String transfer, long packetsIn, long packetsOut) {
    }
}
