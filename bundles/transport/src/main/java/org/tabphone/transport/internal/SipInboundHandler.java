package org.tabphone.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.transport.internal.flow.NettyFlow;
import org.tabphone.transport.internal.stream.KeepAlivePing;

/**
 * Last handler of every connection pipeline: takes what the decoders made and hands it to the
 * {@link InboundDispatcher} with the channel's flow. Answers keep-alive pings with a CRLF pong
 * (RFC 5626 §4.4.1).
 */
@Sharable
public final class SipInboundHandler extends ChannelInboundHandlerAdapter {
    /** The flow of a connection, set once it carries SIP (for WebSocket: after the upgrade). */
    public static final AttributeKey<NettyFlow> FLOW = AttributeKey.valueOf("tabphone.flow");
    private static final Logger LOG = LoggerFactory.getLogger(SipInboundHandler.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final InboundDispatcher dispatcher;

    public SipInboundHandler(InboundDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        NettyFlow flow = ctx.channel().attr(FLOW).get();
        if (flow == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof SipMessage m) {
            dispatcher.onMessage(m, flow);
        } else if (msg instanceof MalformedSip bad) {
            dispatcher.onMalformed(bad, flow);
        } else if (msg == KeepAlivePing.INSTANCE) {
            flow.write(Unpooled.wrappedBuffer(PONG));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyFlow flow = ctx.channel().attr(FLOW).get();
        LOG.info("{} closing {}: {}", flow == null ? "-" : flow.id(), ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
