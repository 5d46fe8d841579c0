package org.tabphone.transport.internal.flow;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/** A flow backed by a Netty channel; subclasses know how a SIP message is put on their wire. */
public abstract class NettyFlow implements Flow {
    private final FlowId id;
    private final TransportKind kind;
    private final Channel channel;
    private final InetSocketAddress remote;

    protected NettyFlow(FlowId id, TransportKind kind, Channel channel, InetSocketAddress remote) {
        this.id = id;
        this.kind = kind;
        this.channel = channel;
        this.remote = remote;
    }

    @Override
    public FlowId id() {
        return id;
    }

    @Override
    public TransportKind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public boolean isReliable() {
        return kind.isStream();
    }

    @Override
    public void send(SipMessage message, SendFailureListener listener) {
        write(Unpooled.wrappedBuffer(message.toBytes())).addListener(f -> {
            if (!f.isSuccess()) {
                listener.onSendFailed(f.cause());
            }
        });
    }

    /** Writes one encoded SIP message; takes ownership of {@code message}. */
    public abstract ChannelFuture write(ByteBuf message);

    @Override
    public String toString() {
        return id + "/" + kind + "/" + remote;
    }
}
