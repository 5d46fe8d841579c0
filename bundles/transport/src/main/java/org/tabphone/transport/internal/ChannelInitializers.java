package org.tabphone.transport.internal;

import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;

import org.tabphone.sip.api.SipLimits;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.flow.ConnectionLimiter;
import org.tabphone.transport.internal.flow.FlowRegistry;
import org.tabphone.transport.internal.flow.NettyFlow;
import org.tabphone.transport.internal.stream.SipStreamDecoder;
import org.tabphone.transport.internal.ws.SipSubprotocolGuard;
import org.tabphone.transport.internal.ws.StaticRoutes;
import org.tabphone.transport.internal.ws.SipWebSocketFrameHandler;

/** Composes the pipelines; the handlers themselves each do one thing. */
final class ChannelInitializers {
    private static final long TLS_HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private ChannelInitializers() {
    }

    /**
     * TCP or TLS (accepted or connected): Content-Length framing, then dispatch. {@code limiter}
     * caps accepted connections; null for the ones we open.
     */
    static ChannelInitializer<Channel> stream(TransportKind kind, FlowRegistry flows, SipInboundHandler inbound,
                                              SipLimits limits, Mapping<String, SslContext> ssl, ConnectionLimiter limiter) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (limiter != null) {
                    ch.pipeline().addLast("limit", limiter); // before TLS: a refused peer costs no handshake
                }
                if (ssl != null) {
                    ch.pipeline().addLast("tls", tls(ssl));
                }
                ch.pipeline()
                    .addLast("sip-stream", new SipStreamDecoder(limits))
                    .addLast("flow", new FlowOnActive(kind, flows))
                    .addLast("sip-inbound", inbound);
            }
        };
    }

    /** Outbound TLS: our client handshake (verifying the server as {@code tls} was made to), then as {@link #stream}. */
    static ChannelInitializer<Channel> clientTls(FlowRegistry flows, SipInboundHandler inbound, SipLimits limits,
                                                 Function<Channel, SslHandler> tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                    .addLast("tls", tls.apply(ch))
                    .addLast("tls-refused", new HandshakeFailed())
                    .addLast("sip-stream", new SipStreamDecoder(limits))
                    .addLast("flow", new FlowOnActive(TransportKind.TLS, flows))
                    .addLast("sip-inbound", inbound);
            }
        };
    }

    /** WS or WSS: HTTP upgrade with the sip subprotocol on the configured path, then one message per frame. */
    static ChannelInitializer<Channel> webSocket(TransportKind kind, String path, FlowRegistry flows,
                                                 SipInboundHandler inbound, int maxMessageBytes,
                                                 Mapping<String, SslContext> ssl,
                                                 StaticRoutes statics, ConnectionLimiter limiter) {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(path)
            .subprotocols(SipSubprotocolGuard.SUBPROTOCOL)
            .maxFramePayloadLength(maxMessageBytes)
            .handshakeTimeoutMillis(10_000)
            .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("limit", limiter); // before TLS: a refused peer costs no handshake
                if (ssl != null) {
                    ch.pipeline().addLast("tls", tls(ssl));
                }
                ch.pipeline()
                    .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                    .addLast("http-aggregate", new HttpObjectAggregator(8192))
                    .addLast("sip-guard", new SipSubprotocolGuard(path, statics))
                    .addLast("ws", new WebSocketServerProtocolHandler(ws))
                    .addLast("ws-aggregate", new WebSocketFrameAggregator(maxMessageBytes))
                    .addLast("sip-ws", new SipWebSocketFrameHandler(flows, kind))
                    .addLast("sip-inbound", inbound);
            }
        };
    }

    /** Server TLS: the certificate is chosen by the ClientHello's SNI name, then the handshake runs. */
    private static SniHandler tls(Mapping<String, SslContext> certificates) {
        return new SniHandler(certificates, TLS_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * The flow of a connected stream channel, registered on first use. Runs on the channel's
     * event loop: a connect listener can see the channel before channelActive has fired.
     */
    static NettyFlow flowOf(Channel channel, TransportKind kind, FlowRegistry flows) {
        NettyFlow flow = channel.attr(SipInboundHandler.FLOW).get();
        if (flow == null) {
            flow = flows.connected(kind, channel);
            channel.attr(SipInboundHandler.FLOW).set(flow);
        }
        return flow;
    }

    /**
     * Closes a client connection whose handshake failed without passing the exception on: the
     * {@link TlsConnector} has logged the reason once for the peer, SipInboundHandler would log
     * it again on every attempt.
     */
    private static final class HandshakeFailed extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl != null && ssl.handshakeFuture().isDone() && !ssl.handshakeFuture().isSuccess()) {
                ctx.close();
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }

    /** Makes a stream connection a flow as soon as it is up. */
    private static final class FlowOnActive extends ChannelInboundHandlerAdapter {
        private final TransportKind kind;
        private final FlowRegistry flows;

        FlowOnActive(TransportKind kind, FlowRegistry flows) {
            this.kind = kind;
            this.flows = flows;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            flowOf(ctx.channel(), kind, flows);
            ctx.pipeline().remove(this);
            super.channelActive(ctx);
        }
    }
}
