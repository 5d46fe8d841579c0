package org.tabphone.transport.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.FlowListener;
import org.tabphone.transport.api.SipInboundListener;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.StaticResources;
import org.tabphone.transport.api.TlsCertificate;
import org.tabphone.transport.api.TlsCertificates;
import org.tabphone.transport.api.TransportStatistics;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.flow.ConnectionLimiter;
import org.tabphone.transport.internal.flow.FlowRegistry;
import org.tabphone.transport.internal.flow.OpenConnections;
import org.tabphone.transport.internal.flow.NettyFlow;
import org.tabphone.transport.internal.flow.TlsPeer;
import org.tabphone.transport.internal.tls.CertificateWatcher;
import org.tabphone.transport.internal.tls.ClientTls;
import org.tabphone.transport.internal.tls.SniCertificateMapping;
import org.tabphone.transport.internal.udp.SipDatagramHandler;
import org.tabphone.transport.internal.ws.StaticRoutes;

/**
 * Wiring only: owns the event loops, the listeners and the flow registry, and follows
 * {@code org.tabphone.transport} live. A bad configuration is logged and the last good one
 * stays in force.
 */
@Component(service = {SipTransport.class, TlsCertificates.class}, configurationPid = "org.tabphone.transport", immediate = true)
@Designate(ocd = TransportConfig.class)
public final class TransportComponent implements SipTransport, TlsCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(TransportComponent.class);

    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final List<FlowListener> flowListeners = new CopyOnWriteArrayList<>();
    private final FlowRegistry flows = new FlowRegistry(this::flowClosed);
    private final SipInboundHandler inbound = new SipInboundHandler(dispatcher);
    private final SipDatagramHandler datagrams = new SipDatagramHandler(flows, dispatcher);
    private final StaticRoutes statics = new StaticRoutes();
    private final SniCertificateMapping certificates = new SniCertificateMapping();
    private final OpenConnections connections = new OpenConnections();
    private final ConnectionLimiter wsLimiter =
        new ConnectionLimiter("WebSocket", "ws.max.connections.per.address", connections);
    private final ConnectionLimiter streamLimiter =
        new ConnectionLimiter("TCP/TLS", "tcp.max.connections.per.address", connections);
    private final TlsConnector tlsConnector = new TlsConnector(flows, inbound);

    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private ListenerSet listeners;
    private ScheduledFuture<?> udpSweep;
    private CertificateWatcher certificateWatcher;
    private volatile TransportSettings settings;
    private volatile AdvertisedAddress advertised;

    @Activate
    void activate(TransportConfig config) {
        TransportSettings first = TransportSettings.from(config, true); // no last good one yet: fail activation
        acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("tabphone-accept"));
        workers = new NioEventLoopGroup(first.ioThreads(), new DefaultThreadFactory("tabphone-io"));
        listeners = new ListenerSet(this::bind, flows::listenerClosed);
        certificateWatcher = new CertificateWatcher(certificates, Clock.systemUTC());
        certificateWatcher.alsoScan(this::renewTrustIfChanged);
        udpSweep = workers.next().scheduleAtFixedRate(this::sweepUdpFlows, 60, 60, TimeUnit.SECONDS);
        install(first);
    }

    @Modified
    void modified(TransportConfig config, Map<String, Object> raw) {
        TransportSettings next;
        try {
            ConfigNumbers.check(TransportConfig.class, raw);
            next = TransportSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.transport rejected, keeping the previous configuration: {}", e.getMessage());
            return;
        }
        install(next);
    }

    /**
     * A trust file replaced or a CA added to the folder: the next outbound TLS connection trusts
     * what is there now; open connections keep theirs. A bad change is logged once and the trust in
     * force stays. On the certificate watcher's thread (file I/O).
     */
    private synchronized void renewTrustIfChanged() {
        TransportSettings s = settings;
        if (s == null || !s.clientTls().changedOnDisk()) {
            return;
        }
        try {
            ClientTls renewed = ClientTls.of(s.clientTls().settings());
            settings = s.withClientTls(renewed);
            LOG.info("outbound TLS trust files changed: now trusts {} CAs", renewed.anchors());
        } catch (IllegalArgumentException e) {
            settings = s.withClientTls(s.clientTls().seenOnDisk());
            LOG.error("outbound TLS trust files changed but unusable, the trust in force stays: {}", e.getMessage());
        }
    }

    private synchronized void install(TransportSettings next) {
        TransportSettings before = settings;
        if (before == null || !before.clientTls().settings().equals(next.clientTls().settings())) {
            LOG.info("outbound TLS trusts {} CAs (the JDK's{}{})", next.clientTls().anchors(),
                next.clientTls().settings().file() == null ? "" : ", " + next.clientTls().settings().file(),
                next.clientTls().settings().dir() == null ? "" : ", " + next.clientTls().settings().dir());
        }
        settings = next;
        advertised = AdvertisedAddress.of(next);
        wsLimiter.perAddressMax(next.wsMaxConnectionsPerAddress());
        streamLimiter.perAddressMax(next.tcpMaxConnectionsPerAddress());
        connections.max(next.maxConnections());
        datagrams.maxFlows(next.udpMaxFlows());
        certificateWatcher.configure(next.tls(), next.certificates()); // before a TLS listener opens
        listeners.apply(next.listeners());
    }

    @Deactivate
    void deactivate() {
        udpSweep.cancel(false);
        listeners.closeAll();
        certificateWatcher.close();
        for (Flow f : flows.all()) {
            if (f instanceof NettyFlow nf && f.kind().isStream()) {
                nf.channel().close();
            }
        }
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void bindInbound(SipInboundListener listener) {
        dispatcher.consumer(listener);
    }

    void unbindInbound(SipInboundListener listener) {
        dispatcher.consumer(null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFlowListener(FlowListener listener) {
        flowListeners.add(listener);
    }

    void removeFlowListener(FlowListener listener) {
        flowListeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStaticResources(StaticResources provider, Map<String, Object> properties) {
        statics.add(String.valueOf(properties.getOrDefault(StaticResources.PATH, "/")), provider);
    }

    void removeStaticResources(StaticResources provider) {
        statics.remove(provider);
    }

    private ChannelFuture bind(ListenerSpec spec) {
        SipLimits limits = limits(spec.maxMessageBytes());
        return switch (spec.kind()) {
            case UDP -> new Bootstrap().group(workers).channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(datagrams)
                .bind(spec.bind());
            case TCP -> server(ChannelInitializers.stream(TransportKind.TCP, flows, inbound, limits, null, streamLimiter))
                .bind(spec.bind());
            case TLS -> server(ChannelInitializers.stream(TransportKind.TLS, flows, inbound, limits, certificates, streamLimiter))
                .bind(spec.bind());
            case WS, WSS -> server(ChannelInitializers.webSocket(spec.kind(), spec.path(), flows, inbound,
                spec.maxMessageBytes(), spec.kind() == TransportKind.WSS ? certificates : null, statics, wsLimiter))
                .bind(spec.bind());
        };
    }

    private ServerBootstrap server(io.netty.channel.ChannelHandler childInitializer) {
        return new ServerBootstrap().group(acceptors, workers).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(childInitializer);
    }

    private static SipLimits limits(int maxMessageBytes) {
        SipLimits d = SipLimits.DEFAULT;
        return new SipLimits(d.maxStartLineBytes(), Math.min(maxMessageBytes, d.maxHeaderSectionBytes()),
            d.maxHeaderCount(), maxMessageBytes);
    }

    @Override
    public CompletionStage<Flow> sendOn(FlowId id, SipMessage message) {
        Optional<NettyFlow> flow = flows.get(id);
        if (flow.isEmpty() || !flow.get().isOpen()) {
            return CompletableFuture.failedFuture(new IllegalStateException(id + " is closed"));
        }
        return write(flow.get(), message);
    }

    @Override
    public CompletionStage<Flow> sendTo(TransportKind kind, InetSocketAddress destination, SipMessage message) {
        switch (kind) {
            case UDP: {
                var udp = listeners.channel(TransportKind.UDP);
                if (udp.isEmpty()) {
                    return CompletableFuture.failedFuture(new IllegalStateException("no UDP listener"));
                }
                return write(flows.udp(udp.get(), destination, System.nanoTime()), message);
            }
            case TCP: {
                Optional<NettyFlow> open = flows.openTcpTo(destination);
                if (open.isPresent()) {
                    return write(open.get(), message);
                }
                return connectTcp(destination).thenCompose(f -> write(f, message));
            }
            case TLS:
                return sendTo(kind, destination, destination.getHostString(), true, message);
            default:
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                    kind + " peers are reached only through their flow (RFC 7118 section 5)"));
        }
    }

    @Override
    public CompletionStage<Flow> sendTo(TransportKind kind, InetSocketAddress destination, String serverName,
                                        boolean verify, SipMessage message) {
        if (kind != TransportKind.TLS) {
            return sendTo(kind, destination, message);
        }
        String name = serverName == null || serverName.isBlank() ? destination.getHostString() : serverName.trim();
        TransportSettings s = settings;
        return tlsConnector.flowTo(new TlsPeer(destination, name, verify), workers, s.clientTls(), limits(s.maxMessageBytes()))
            .thenCompose(f -> write(f, message));
    }

    private CompletionStage<NettyFlow> connectTcp(InetSocketAddress destination) {
        CompletableFuture<NettyFlow> result = new CompletableFuture<>();
        TransportSettings s = settings;
        new Bootstrap().group(workers).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
            .handler(ChannelInitializers.stream(TransportKind.TCP, flows, inbound, limits(s.maxMessageBytes()), null, null))
            .connect(destination)
            .addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    result.complete(ChannelInitializers.flowOf(f.channel(), TransportKind.TCP, flows));
                } else {
                    result.completeExceptionally(f.cause());
                }
            });
        return result;
    }

    private static CompletionStage<Flow> write(NettyFlow flow, SipMessage message) {
        CompletableFuture<Flow> result = new CompletableFuture<>();
        flow.write(Unpooled.wrappedBuffer(message.toBytes())).addListener(f -> {
            if (f.isSuccess()) {
                result.complete(flow);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    @Override
    public Optional<Flow> flow(FlowId id) {
        return flows.get(id).map(f -> f);
    }

    @Override
    public List<Flow> flows() {
        return flows.all();
    }

    @Override
    public Optional<InetSocketAddress> listenAddress(TransportKind kind) {
        return listeners.localAddress(kind).map(local -> advertised.withPort(local.getPort()));
    }

    @Override
    public TransportStatistics statistics() {
        return new TransportStatistics(dispatcher.received(), dispatcher.malformed(), dispatcher.unserved(), flows.size(),
            datagrams.stunAnswered(), connections.open(), wsLimiter.refused() + streamLimiter.refused(),
            datagrams.refusedPeers());
    }

    @Override
    public List<TlsCertificate> certificates() {
        return certificateWatcher.certificates();
    }

    private void sweepUdpFlows() {
        long idle = TimeUnit.SECONDS.toNanos(settings.udpFlowIdleSeconds());
        flows.expireUdp(System.nanoTime() - idle);
    }

    private void flowClosed(Flow flow) {
        for (FlowListener l : flowListeners) {
            try {
                l.onFlowClosed(flow);
            } catch (RuntimeException e) {
                LOG.warn("{} flow listener failed", flow.id(), e);
            }
        }
    }
}
