package org.tabphone.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.Agents;
import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.sdp.api.SdpParseException;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionLayer;
import org.tabphone.sip.api.transaction.TransactionLayers;
import org.tabphone.sip.api.transaction.TransactionTimers;
import org.tabphone.sip.api.transaction.TransactionUser;
import org.tabphone.sip.api.uri.SipUri;

/**
 * The SIP user agent the gateway reaches its agents at: one UDP socket on loopback, RFC 3261
 * transactions from sip-core, one {@link AgentLeg} per answered INVITE. The gateway calls
 * {@code sip:<agent name>@127.0.0.1:<port>} like any other endpoint, and the agent's transfer
 * is a real REFER — so an in-process agent and a voice-AI platform on the network look the
 * same to the B2BUA. All SIP state lives on one signalling thread: no locks.
 */
final class AgentUserAgent implements TransactionUser, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentUserAgent.class);
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, NOTIFY";

    private final AgentDirectory directory;
    private final MediaClock clock;
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final ScheduledExecutorService signalling = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tabphone-agent-sip");
        t.setDaemon(true);
        return t;
    });
    private final TransactionLayer layer;
    private final Thread receiver;
    /** By the Call-ID the gateway gave the leg (a B2BUA makes a new one per leg); signalling thread only. */
    private final Map<String, AgentLeg> legs = new HashMap<>();
    private volatile boolean closed;

    private AgentUserAgent(AgentDirectory directory, MediaClock clock, DatagramChannel channel) throws IOException {
        this.directory = directory;
        this.clock = clock;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.layer = TransactionLayers.create(this, new ExecutorSipTimer(signalling), TransactionTimers.DEFAULT);
        this.receiver = new Thread(this::receive, "tabphone-agent-sip-in");
        this.receiver.setDaemon(true);
    }

    static AgentUserAgent start(InetSocketAddress bind, AgentDirectory directory, MediaClock clock) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(bind);
            AgentUserAgent ua = new AgentUserAgent(directory, clock, ch);
            ua.receiver.start();
            return ua;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** The SIP URI the gateway calls for agent {@code name}. */
    SipUri uriOf(String name) {
        return SipUri.builder(address.getAddress().getHostAddress()).port(address.getPort()).user(name).build();
    }

    /** Live legs, for the shell and JMX (a snapshot taken on the signalling thread). */
    List<Agents.AgentCallInfo> calls() {
        try {
            return signalling.submit(() -> legs.values().stream().map(AgentLeg::info).toList()).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return List.of();
        }
    }

    // ---- transaction user (signalling thread) ----

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequest r = tx.request();
        AgentLeg leg = legs.get(r.callId());
        if (r.method().equals(SipMethod.INVITE) && leg == null && r.to().tag().isEmpty()) {
            answer(tx);
        } else if (r.method().equals(SipMethod.OPTIONS)) {
            tx.respond(SipResponse.replyTo(r, 200).set(HeaderName.ALLOW, ALLOW).build());
        } else if (r.method().equals(SipMethod.CANCEL)) {
            tx.respond(SipResponse.replyTo(r, tx.cancelledInvite().isPresent() ? 200 : 481).build());
        } else if (leg == null || !leg.owns(r)) {
            tx.respond(SipResponse.replyTo(r, 481).reasonPhrase("Call/Transaction Does Not Exist").build());
        } else {
            leg.onRequest(tx);
        }
    }

    @Override
    public void onAck(SipRequest ack, SipPath path) {
        AgentLeg leg = legs.get(ack.callId());
        if (leg != null) {
            leg.onAck();
        }
    }

    @Override
    public void onStrayResponse(SipResponse response, SipPath path) {
        LOG.debug("agent UA: stray {} for {}", response.statusCode(), response.callId());
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
        AgentLeg leg = legs.get(invite.request().callId());
        if (leg != null) {
            LOG.info("agent call {}: the gateway never ACKed our 200; hanging up", invite.request().callId());
            leg.hangup();
        }
    }

    /** An INVITE for an agent: 200 with our SDP when the agent, its type and a codec are there, else why not. */
    private void answer(ServerTransaction tx) {
        SipRequest invite = tx.request();
        String name = invite.requestUri() instanceof SipUri u ? u.userDecoded().orElse("") : "";
        Optional<AgentDefinition> def = directory.byName(name).filter(d -> !d.external());
        if (def.isEmpty()) {
            tx.respond(SipResponse.uasReplyTo(invite, 404).reasonPhrase("No such agent").build());
            return;
        }
        Optional<VoiceAgent> agent = directory.agentOfType(def.get().type());
        if (agent.isEmpty()) {
            LOG.warn("agent {}: no agent of type '{}' is installed: call {} refused", name, def.get().type(),
                invite.callId());
            tx.respond(SipResponse.uasReplyTo(invite, 503).reasonPhrase("Agent not available").build());
            return;
        }
        Optional<AgentSdp.Choice> choice;
        try {
            choice = AgentSdp.choose(SessionDescription.parse(invite.body()), enc -> directory.codec(enc).isPresent());
        } catch (SdpParseException e) {
            tx.respond(SipResponse.uasReplyTo(invite, 400).reasonPhrase("Bad SDP").build());
            return;
        }
        if (choice.isEmpty()) {
            tx.respond(SipResponse.uasReplyTo(invite, 488).reasonPhrase("Not Acceptable Here").build());
            return;
        }
        AudioCodec codec = directory.codec(choice.get().encoding()).orElseThrow();
        AgentRtp rtp;
        try {
            rtp = AgentRtp.open(address, choice.get(), codec.newEncoder(), codec.newDecoder());
        } catch (IOException e) {
            LOG.warn("agent {}: no RTP port for call {}: {}", name, invite.callId(), e.toString());
            tx.respond(SipResponse.uasReplyTo(invite, 503).reasonPhrase("No media port").build());
            return;
        }
        AgentLeg leg = new AgentLeg(this, def.get(), directory.domainOf(def.get().tenant()).orElse(address.getHostString()),
            invite, tx.path(), rtp, choice.get());
        legs.put(invite.callId(), leg);
        clock.add(rtp);
        leg.answer(tx, agent.get());
    }

    // ---- for legs ----

    void send(SipRequest request, SipPath path, ClientTransactionListener listener) {
        layer.sendRequest(request, path, listener);
    }

    Via newVia() {
        return Via.of("UDP", address.getAddress().getHostAddress(), address.getPort(),
            Parameters.builder().add("branch", layer.newBranch()).add("rport", null).build());
    }

    void execute(Runnable task) {
        if (!closed) {
            signalling.execute(task);
        }
    }

    MediaClock clock() {
        return clock;
    }

    void ended(AgentLeg leg) {
        legs.remove(leg.callId());
        clock.remove(leg.rtp());
    }

    // ---- network ----

    /** Datagrams in, on their own thread; each is parsed and handed to the signalling thread. */
    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(65_535);
        while (!closed) {
            try {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                byte[] datagram = new byte[buf.position()]; // the parsed message is a view over it
                buf.flip().get(datagram);
                SipMessage m = SipMessages.parse(datagram, 0, datagram.length);
                UdpPath path = new UdpPath(channel, (InetSocketAddress) from);
                signalling.execute(() -> layer.onMessage(m, path));
            } catch (AsynchronousCloseException e) {
                return;
            } catch (SipParseException e) {
                LOG.debug("agent UA: unreadable datagram: {}", e.getMessage());
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("agent UA: receive failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        try { // BYE each leg first, on the signalling thread: no call is left with a silent agent
            signalling.submit(() -> List.copyOf(legs.values()).forEach(AgentLeg::bye)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("agent UA: closing: {}", e.toString());
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("agent UA: closing socket: {}", e.toString());
        }
        signalling.shutdown();
        layer.close();
    }
}
