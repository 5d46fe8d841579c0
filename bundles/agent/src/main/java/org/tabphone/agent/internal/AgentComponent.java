package org.tabphone.agent.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.Agents;
import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.routing.api.VirtualNumbers;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.TenantDirectory;

/**
 * Agents on virtual numbers: owns the numbers the agent configurations name (the router rings
 * them), runs the SIP user agent the in-process agents answer on, and keeps the installed
 * {@link VoiceAgent} types and codecs it answers with.
 */
@Component(service = {VirtualNumbers.class, Agents.class}, configurationPid = "org.tabphone.agents", immediate = true)
@Designate(ocd = AgentsConfig.class)
public final class AgentComponent implements VirtualNumbers, AgentDirectory, Agents {
    private static final Logger LOG = LoggerFactory.getLogger(AgentComponent.class);

    private final List<AgentSource> sources = new CopyOnWriteArrayList<>();
    /** Per type, by service ranking then id: the highest-ranked service of a type answers. */
    private final Map<String, ConcurrentSkipListMap<Long, VoiceAgent>> agents = new ConcurrentHashMap<>();
    private final Map<String, AudioCodec> codecs = new ConcurrentHashMap<>();

    @Reference
    private TenantDirectory tenants;

    @Reference
    private NameRecognizer recognizer;

    /** The stream bridge's listener; absent while the stream agent type is not active. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StreamListenerState streamListener;

    private MediaClock clock;
    private AgentUserAgent ua;

    @Activate
    void activate(AgentsConfig config) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(config.bind_address()), config.sip_port());
        clock = new MediaClock();
        try {
            ua = AgentUserAgent.start(bind, this, clock);
        } catch (IOException e) {
            clock.close();
            throw new IOException("agents: cannot bind SIP on " + bind + ": " + e.getMessage(), e);
        }
        LOG.info("agents answer SIP on udp {}:{}", ua.address().getAddress().getHostAddress(), ua.address().getPort());
    }

    @Deactivate
    void deactivate() {
        ua.close();
        clock.close();
    }

    // ---- whiteboard ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(AgentSource source) {
        sources.add(source);
    }

    void removeSource(AgentSource source) {
        sources.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void addAgent(VoiceAgent agent, Map<String, Object> props) {
        if (props.get(VoiceAgent.TYPE) instanceof String type && !type.isBlank()) {
            agents.computeIfAbsent(type, t -> new ConcurrentSkipListMap<>()).put(order(props), agent);
        } else {
            LOG.warn("a VoiceAgent without the {} property is ignored: {}", VoiceAgent.TYPE, agent);
        }
    }

    void removeAgent(VoiceAgent agent, Map<String, Object> props) {
        if (props.get(VoiceAgent.TYPE) instanceof String type) {
            Map<Long, VoiceAgent> m = agents.get(type);
            if (m != null) {
                m.values().remove(agent);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void addCodec(AudioCodec codec) {
        codecs.put(codec.encodingName().toUpperCase(Locale.ROOT), codec);
    }

    void removeCodec(AudioCodec codec) {
        codecs.remove(codec.encodingName().toUpperCase(Locale.ROOT), codec);
    }

    /** Highest ranking first, then the oldest service: the key order of the skip list. */
    private static long order(Map<String, Object> props) {
        int ranking = props.get("service.ranking") instanceof Integer r ? r : 0;
        long id = props.get("service.id") instanceof Long l ? l : 0;
        return -(((long) ranking) << 32) + id;
    }

    // ---- VirtualNumbers ----

    @Override
    public Optional<SipUri> endpoint(String tenant, String number) {
        for (AgentSource s : sources) {
            AgentDefinition d = s.current();
            if (d.answers(tenant, number)) {
                return Optional.of(endpointOf(d));
            }
        }
        return Optional.empty();
    }

    // ---- AgentDirectory ----

    @Override
    public Optional<AgentDefinition> byName(String name) {
        return sources.stream().map(AgentSource::current).filter(d -> d.name().equals(name)).findFirst();
    }

    @Override
    public Optional<VoiceAgent> agentOfType(String type) {
        ConcurrentSkipListMap<Long, VoiceAgent> m = agents.get(type);
        return m == null || m.isEmpty() ? Optional.empty() : Optional.ofNullable(m.firstEntry()).map(Map.Entry::getValue);
    }

    @Override
    public Optional<AudioCodec> codec(String encoding) {
        return Optional.ofNullable(codecs.get(encoding.toUpperCase(Locale.ROOT)));
    }

    @Override
    public Optional<String> domainOf(String tenant) {
        return tenants.byName(tenant).map(t -> t.domains().isEmpty() ? null : t.domains().get(0));
    }

    // ---- Agents ----

    @Override
    public List<AgentInfo> agents() {
        return sources.stream().map(AgentSource::current).map(d -> new AgentInfo(d.name(), d.tenant(), d.numbers(),
            d.type(), endpointOf(d).toString(), d.external() || agentOfType(d.type()).isPresent())).toList();
    }

    /** Where the gateway rings an agent: the external endpoint, or our user agent for an in-process one. */
    private SipUri endpointOf(AgentDefinition d) {
        return d.external() ? d.uri().orElseThrow() : ua.uriOf(d.name());
    }

    @Override
    public List<AgentCallInfo> calls() {
        return ua.calls();
    }

    @Override
    public Recognition recognition() {
        return recognizer.status();
    }

    @Override
    public StreamListener streamListener() {
        StreamListenerState s = streamListener;
        return s == null ? new StreamListener("", Map.of(), Map.of()) : s.streamListener();
    }

    @Override
    public String sipAddress() {
        return "udp " + ua.address().getAddress().getHostAddress() + ":" + ua.address().getPort();
    }
}
