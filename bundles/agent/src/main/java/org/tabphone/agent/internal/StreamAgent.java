package org.tabphone.agent.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.Agents;
import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.codec.api.AudioCodec;

/**
 * The audio stream bridge ({@code type = stream}): each call opens a WebSocket to the agent's
 * {@code url} — or, for an agent with a {@code token} and no url, takes a socket the agent opened
 * to the gateway ({@link StreamAgentServer}) — and speaks the protocol in {@link StreamSession}:
 * the caller's audio and digits out, the agent's audio and commands (play, transfer, hangup) in,
 * as L16 or, with {@code stream.encoding = pcmu|pcma}, G.711 through the gateway's codec of that name.
 */
@Component(service = {VoiceAgent.class, StreamListenerState.class}, property = VoiceAgent.TYPE + "=stream", configurationPid = "org.tabphone.agents")
public final class StreamAgent implements VoiceAgent, StreamListenerState {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAgent.class);
    private static final AgentSession NOTHING = new AgentSession() {
    };

    @Reference
    private Speech speech;

    private final Map<String, AudioCodec> codecs = new ConcurrentHashMap<>();
    private final List<AgentSource> sources = new CopyOnWriteArrayList<>();

    private volatile StreamAgentServer server;
    private InetSocketAddress listening;

    private HttpClient http;
    private ExecutorService voice;

    @Activate
    void activate(AgentsConfig config) {
        voice = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tabphone-agent-stream");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(voice).build();
        listen(config);
    }

    /** A new port or address: the listener moves (sockets waiting on the old one are closed). */
    @Modified
    synchronized void listen(AgentsConfig config) {
        if (config.stream_port() > 65535) {
            LOG.error("stream agents: stream.port {} is no TCP port; keeping the previous listener", config.stream_port());
            return;
        }
        InetSocketAddress want = config.stream_port() <= 0 ? null
            : new InetSocketAddress(config.stream_bind_address(), config.stream_port());
        if (Objects.equals(want, listening) && (want == null || server != null)) {
            return;
        }
        stopListening();
        listening = want;
        if (want == null) {
            return;
        }
        if (want.isUnresolved()) {
            LOG.error("stream agents: cannot listen on {}:{}: unknown address; agents with a token cannot connect",
                config.stream_bind_address(), config.stream_port());
            return;
        }
        try {
            server = StreamAgentServer.start(want, this::tokenOf);
            LOG.info("stream agents connect to ws://{}:{}{}<agent name>", want.getHostString(), server.address().getPort(),
                StreamAgentServer.PATH);
        } catch (IllegalStateException e) {
            LOG.error("stream agents: {}; agents with a token cannot connect", e.getMessage());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopListening();
        voice.shutdownNow();
    }

    private void stopListening() {
        StreamAgentServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(AgentSource source) {
        sources.add(source);
    }

    void removeSource(AgentSource source) {
        sources.remove(source);
    }

    @Override
    public Agents.StreamListener streamListener() {
        StreamAgentServer s = server;
        if (s == null) {
            return new Agents.StreamListener("", Map.of(), Map.of());
        }
        InetSocketAddress a = s.address();
        return new Agents.StreamListener("ws://" + a.getAddress().getHostAddress() + ":" + a.getPort() + StreamAgentServer.PATH,
            s.connected(), s.waiting());
    }

    /** The token of a stream agent that takes connections (no url), by name. */
    private Optional<String> tokenOf(String agent) {
        return sources.stream().map(AgentSource::current)
            .filter(d -> d.name().equals(agent) && "stream".equals(d.type()))
            .map(d -> d.settings().getOrDefault("token", ""))
            .filter(t -> !t.isBlank()).findFirst();
    }


    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodec(AudioCodec codec) {
        codecs.put(codec.encodingName().toUpperCase(Locale.ROOT), codec);
    }

    void removeCodec(AudioCodec codec) {
        codecs.remove(codec.encodingName().toUpperCase(Locale.ROOT), codec);
    }

    @Override
    public AgentSession answer(AgentCall call) {
        StreamAudio audio;
        try {
            audio = audioFor(call);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("stream agent for {}: {}; hanging up call {}", call.number(), e.getMessage(), call.id());
            call.hangup();
            return NOTHING;
        }
        StreamSession s = new StreamSession(call, audio, speech, voice);
        String url = call.settings().getOrDefault("url", "").trim();
        if (!url.isEmpty()) {
            dial(s, call, url);
        } else {
            String name = call.settings().getOrDefault("name", "");
            StreamAgentServer srv = server;
            Optional<InboundAgentSocket> socket = srv == null ? Optional.empty() : srv.take(name);
            if (socket.isPresent()) {
                s.attach(socket.get());
            } else {
                s.failed(srv == null ? "no url, and stream.port (org.tabphone.agents.cfg) is off"
                    : "no socket of agent " + name + " is waiting at " + StreamAgentServer.PATH + name);
            }
        }
        return s;
    }

    private void dial(StreamSession s, AgentCall call, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            s.failed("url '" + url + "' is not a URI");
            return;
        }
        OutboundAgentSocket socket = OutboundAgentSocket.connect(http, uri, s);
        socket.connected().whenComplete((ws, error) -> {
            if (error != null) {
                s.failed("cannot connect to " + url + ": " + error.getMessage());
            }
        });
        s.attach(socket);
    }

    /** The agent's {@code stream.encoding}: L16, or G.711 when that codec is installed. */
    private StreamAudio audioFor(AgentCall call) {
        StreamEncoding e = StreamEncoding.parse(call.settings().get(StreamEncoding.KEY));
        if (e == StreamEncoding.L16) {
            return StreamAudio.l16();
        }
        AudioCodec codec = codecs.get(e.wireName());
        if (codec == null) {
            throw new IllegalStateException(StreamEncoding.KEY + " " + e.wireName() + " needs the " + e.wireName()
                + " codec, which is not installed");
        }
        return StreamAudio.g711(e, codec);
    }
}
