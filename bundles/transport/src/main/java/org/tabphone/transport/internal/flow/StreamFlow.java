package org.tabphone.transport.internal.flow;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/** A TCP (later TLS) connection: messages are written back to back, framed by Content-Length. */
public final class StreamFlow extends NettyFlow {
    StreamFlow(FlowId id, TransportKind kind, Channel channel) {
        super(id, kind, channel, (InetSocketAddress) channel.remoteAddress());
    }

    @Override
    public ChannelFuture write(ByteBuf message) {
        return channel().writeAndFlush(message);
    }
}
