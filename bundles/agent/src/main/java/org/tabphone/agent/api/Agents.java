package org.tabphone.agent.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The configured agents and their live calls, for the shell and JMX. */
@ProviderType
public interface Agents {

    List<AgentInfo> agents();

    List<AgentCallInfo> calls();

    /** Where the in-process agents answer SIP ({@code udp host:port}). */
    String sipAddress();

    /** Speech recognition of colleagues' names (the receptionist's pocketsphinx): installed?, and how it went. */
    Recognition recognition();

    /** The listener stream agents with a token connect to, and their open sockets. */
    StreamListener streamListener();

    /**
     * Names by voice since the gateway started.
     *
     * @param available  pocketsphinx_batch and its model are installed (else callers choose by DTMF only)
     * @param state      "" when available, else why not (e.g. "pocketsphinx_batch not found ...")
     * @param done       recognitions that ran to the end, a name heard or not
     * @param heard      of those, the ones that heard a name on the menu
     * @param failed     recognitions that failed: the program's error, or its deadline passed
     * @param meanMillis mean wall time of a recognition that ran to the end; 0 before the first
     */
    record Recognition(boolean available, String state, long done, long heard, long failed, double meanMillis) {
    }

    /**
     * The inbound agent socket listener ({@code stream.port} of org.tabphone.agents.cfg).
     *
     * @param address   {@code ws://host:port/agents/}, or "" when there is none (port 0, or it could not bind)
     * @param connected open sockets per agent name, waiting for a call or carrying one
     * @param waiting   of those, the ones waiting for a call (a call to the agent takes one)
     */
    record StreamListener(String address, Map<String, Integer> connected, Map<String, Integer> waiting) {
        public StreamListener {
            connected = Map.copyOf(connected);
            waiting = Map.copyOf(waiting);
        }

        public int connectedTotal() {
            return connected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

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
