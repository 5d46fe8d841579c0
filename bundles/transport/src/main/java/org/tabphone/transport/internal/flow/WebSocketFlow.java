package org.tabphone.transport.internal.flow;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/**
 * A WebSocket connection carrying SIP (RFC 7118): one message per frame. Text frames when the
 * message is valid UTF-8 (what browsers' SIP stacks expect), binary frames otherwise (§5.1).
 */
public final class WebSocketFlow extends NettyFlow {
    private volatile String forwardedFor;

    WebSocketFlow(FlowId id, TransportKind kind, Channel channel) {
        super(id, kind, channel, (InetSocketAddress) channel.remoteAddress());
    }

    /** Set once, from the handshake, before the first message is read. */
    public void forwardedFor(String header) {
        forwardedFor = header == null || header.isBlank() ? null : header.trim();
    }

    @Override
    public Optional<String> forwardedFor() {
        return Optional.ofNullable(forwardedFor);
    }

    @Override
    public ChannelFuture write(ByteBuf message) {
        boolean utf8 = io.netty.buffer.ByteBufUtil.isText(message, java.nio.charset.StandardCharsets.UTF_8);
        return channel().writeAndFlush(utf8 ? new TextWebSocketFrame(message) : new BinaryWebSocketFrame(message));
    }
}
