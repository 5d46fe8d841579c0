package org.tabphone.transport.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLHandshakeException;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.flow.FlowRegistry;
import org.tabphone.transport.internal.flow.NettyFlow;
import org.tabphone.transport.internal.flow.TlsPeer;
import org.tabphone.transport.internal.tls.ClientTls;
import org.tabphone.transport.internal.tls.HandshakeFailures;

/**
 * Opens outbound TLS connections (RFC 3261 §26.3.1, RFC 5922 §4) and shares them. A send to a
 * peer with an open, handshaken connection uses it; sends while one is being opened wait for
 * that one (nothing is written before the handshake passed); a failed connect or handshake fails
 * all of them. Nothing blocks: the connect and the handshake complete on the channel's event loop,
 * bounded by their timeouts. A handshake failure is logged once per peer and reason (WARN), and
 * once more when the peer is reachable again.
 */
final class TlsConnector {
    private static final Logger LOG = LoggerFactory.getLogger(TlsConnector.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** Peers remembered as failing; beyond it the memory starts over (a repeat is logged again). */
    private static final int MAX_FAILING = 1024;

    private final FlowRegistry flows;
    private final SipInboundHandler inbound;
    private final Map<TlsPeer, CompletableFuture<NettyFlow>> connecting = new ConcurrentHashMap<>();
    private final Map<TlsPeer, String> failing = new ConcurrentHashMap<>();

    TlsConnector(FlowRegistry flows, SipInboundHandler inbound) {
        this.flows = flows;
        this.inbound = inbound;
    }

    /** The flow to {@code peer}: an open one, the one being opened, or a new one. Any thread. */
    CompletionStage<NettyFlow> flowTo(TlsPeer peer, EventLoopGroup group, ClientTls tls, SipLimits limits) {
        Optional<NettyFlow> open = flows.openTlsTo(peer);
        if (open.isPresent()) {
            return CompletableFuture.completedFuture(open.get());
        }
        CompletableFuture<NettyFlow> mine = new CompletableFuture<>();
        CompletableFuture<NettyFlow> theirs = connecting.putIfAbsent(peer, mine);
        if (theirs != null) {
            return theirs;
        }
        mine.whenComplete((f, e) -> connecting.remove(peer, mine));
        connect(peer, mine, group, tls, limits);
        return mine;
    }

    private void connect(TlsPeer peer, CompletableFuture<NettyFlow> result, EventLoopGroup group, ClientTls tls,
                         SipLimits limits) {
        new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .handler(ChannelInitializers.clientTls(flows, inbound, limits,
                ch -> tls.newHandler(ch.alloc(), peer.serverName(), peer.remote().getPort(), peer.verify())))
            .connect(peer.remote())
            .addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(f.cause()); // as for TCP: the sender reports it
                    return;
                }
                SslHandler ssl = f.channel().pipeline().get(SslHandler.class);
                if (ssl == null) { // closed and torn down before we looked
                    result.completeExceptionally(new SSLHandshakeException("TLS to " + peer + ": connection closed"));
                    return;
                }
                ssl.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        handshaken(peer, f.channel(), result);
                    } else {
                        refused(peer, f.channel(), h.cause(), result);
                    }
                });
            });
    }

    private void handshaken(TlsPeer peer, Channel channel, CompletableFuture<NettyFlow> result) {
        NettyFlow flow = ChannelInitializers.flowOf(channel, TransportKind.TLS, flows);
        flows.handshaken(peer, flow);
        if (failing.remove(peer) != null) {
            LOG.info("TLS to {}: handshake passed again ({})", peer, flow.id());
        }
        result.complete(flow);
    }

    private void refused(TlsPeer peer, Channel channel, Throwable cause, CompletableFuture<NettyFlow> result) {
        String why = HandshakeFailures.describe(cause, peer.serverName());
        if (failing.size() >= MAX_FAILING) {
            failing.clear();
        }
        if (!why.equals(failing.put(peer, why))) {
            LOG.warn("TLS to {} failed: {}", peer, why);
        }
        channel.close();
        SSLHandshakeException e = new SSLHandshakeException("TLS to " + peer + ": " + why);
        e.initCause(cause);
        result.completeExceptionally(e);
    }
}
