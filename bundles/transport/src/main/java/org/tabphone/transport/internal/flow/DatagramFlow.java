package org.tabphone.transport.internal.flow;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;

import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/** A UDP peer seen on one of our UDP listeners: the listener channel plus the peer's address. */
public final class DatagramFlow extends NettyFlow {
    private volatile long lastSeenNanos;

    DatagramFlow(FlowId id, Channel listener, InetSocketAddress remote, long nowNanos) {
        super(id, TransportKind.UDP, listener, remote);
        this.lastSeenNanos = nowNanos;
    }

    void touch(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    @Override
    public ChannelFuture write(ByteBuf message) {
        return channel().writeAndFlush(new DatagramPacket(message, remote()));
    }
}
