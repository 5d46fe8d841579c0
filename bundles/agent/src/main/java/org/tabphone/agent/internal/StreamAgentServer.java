package org.tabphone.agent.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Stream agents that connect to the gateway instead of being dialled: a WebSocket listener at
 * {@code ws://<stream.bind.address>:<stream.port>/agents/<agent name>}, each connection
 * authenticated by the agent's {@code token} ({@code Authorization: Bearer <token>} or
 * {@code ?token=}). An open socket waits until a call to that agent takes it; one socket carries
 * one call, then the gateway closes it.
 */
final class StreamAgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAgentServer.class);
    static final String PATH = "/agents/";
    private static final AttributeKey<InboundAgentSocket> SOCKET = AttributeKey.valueOf("tabphone.agentSocket");

    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("tabphone-agent-ws", true));
    /** The configured token of a stream agent by name; empty: no such agent, or it takes no connections. */
    private final Function<String, Optional<String>> tokens;
    private final Map<String, Deque<InboundAgentSocket>> waiting = new ConcurrentHashMap<>();
    /** Every socket past its handshake and still open, waiting or carrying a call, per agent. */
    private final Map<String, Set<InboundAgentSocket>> connected = new ConcurrentHashMap<>();
    private final Channel server;

    private StreamAgentServer(InetSocketAddress bind, Function<String, Optional<String>> tokens) {
        this.tokens = tokens;
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new Upgrade(),
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath("/agents").checkStartsWith(true).maxFramePayloadLength(1 << 20).build()),
                        new WebSocketFrameAggregator(1 << 20), new Frames());
                }
            });
        // awaited, not sync(): sync rethrows a BindException (checked) that no caller expects
        ChannelFuture bound = b.bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + bind + ": " + bound.cause());
        }
        server = bound.channel();
    }

    static StreamAgentServer start(InetSocketAddress bind, Function<String, Optional<String>> tokens) {
        return new StreamAgentServer(bind, tokens);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** A socket of {@code agent} waiting for a call, now the caller's; empty when none is open. */
    Optional<InboundAgentSocket> take(String agent) {
        Deque<InboundAgentSocket> q = waiting.get(agent);
        for (InboundAgentSocket s; q != null && (s = q.pollFirst()) != null; ) {
            if (s.claim()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Open sockets waiting for a call, per agent. */
    Map<String, Integer> waiting() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        waiting.forEach((a, q) -> m.put(a, (int) q.stream().filter(InboundAgentSocket::open).count()));
        return m;
    }

    /** Open sockets, waiting for a call or carrying one, per agent (agents with none left out). */
    Map<String, Integer> connected() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        connected.forEach((a, set) -> {
            int n = (int) set.stream().filter(InboundAgentSocket::open).count();
            if (n > 0) {
                m.put(a, n);
            }
        });
        return m;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    static boolean sameToken(String configured, String offered) {
        return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }

    /** The upgrade request: a known stream agent and its token, else 404 / 401 and the connection closes. */
    private final class Upgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
        Upgrade() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String agent = uri.path().startsWith(PATH) ? uri.path().substring(PATH.length()) : "";
            Optional<String> token = agent.isEmpty() ? Optional.empty() : tokens.apply(agent);
            if (token.isEmpty()) {
                refuse(ctx, req, HttpResponseStatus.NOT_FOUND, "no stream agent '" + agent + "' takes connections");
                return;
            }
            String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
            List<String> q = uri.parameters().getOrDefault("token", List.of());
            String offered = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim()
                : q.isEmpty() ? "" : q.get(0);
            if (!sameToken(token.get(), offered)) {
                refuse(ctx, req, HttpResponseStatus.UNAUTHORIZED, "agent " + agent + ": wrong or missing token");
                return;
            }
            ctx.channel().attr(SOCKET).set(new InboundAgentSocket(ctx.channel(), agent));
            ctx.fireChannelRead(req);
        }

        private void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String why) {
            LOG.warn("stream agents: refused a connection from {}: {}", ctx.channel().remoteAddress(), why);
            req.release();
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(why + "\n", StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** After the handshake: the socket waits for a call; frames go to whichever call has it. */
    private final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                InboundAgentSocket s = ctx.channel().attr(SOCKET).get();
                connected.computeIfAbsent(s.agent(), a -> ConcurrentHashMap.newKeySet()).add(s);
                waiting.computeIfAbsent(s.agent(), a -> new ConcurrentLinkedDeque<>()).addLast(s);
                LOG.info("stream agents: {} is waiting for a call", s.describe());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            InboundAgentSocket s = ctx.channel().attr(SOCKET).get();
            if (frame instanceof TextWebSocketFrame t) {
                s.onText(t.text());
            } else if (frame instanceof BinaryWebSocketFrame b) {
                s.onBinary(b.content());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            InboundAgentSocket s = ctx.channel().attr(SOCKET).get();
            if (s != null) {
                Deque<InboundAgentSocket> q = waiting.get(s.agent());
                if (q != null) {
                    q.remove(s);
                }
                Set<InboundAgentSocket> c = connected.get(s.agent());
                if (c != null) {
                    c.remove(s);
                }
                s.onClosed();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.info("stream agents: connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
