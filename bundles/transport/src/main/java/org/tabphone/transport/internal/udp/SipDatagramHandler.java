package org.tabphone.transport.internal.udp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.transport.internal.InboundDispatcher;
import org.tabphone.transport.internal.MalformedSip;
import org.tabphone.transport.internal.flow.DatagramFlow;
import org.tabphone.transport.internal.flow.FlowRegistry;

/**
 * One datagram is one message (RFC 3261 §18.3; trailing octets after Content-Length are
 * ignored). Blank keep-alive datagrams (CRLFs) are dropped. STUN Binding requests, the RFC 5626
 * keep-alive, are answered for peers that already have a flow here (SIP came from that address
 * recently): the port is no STUN reflector for strangers. The bytes are copied once, into the
 * array the parsed message keeps as its own.
 */
@Sharable
public final class SipDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(SipDatagramHandler.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final FlowRegistry flows;
    private final InboundDispatcher dispatcher;
    private final LongAdder stunAnswered = new LongAdder();
    private final LongAdder stunIgnored = new LongAdder();
    private final LongAdder refusedPeers = new LongAdder();
    private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile int maxFlows;

    public SipDatagramHandler(FlowRegistry flows, InboundDispatcher dispatcher) {
        this.flows = flows;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (isBlank(content)) {
            return;
        }
        if (StunKeepAlive.isStun(content)) {
            answerKeepAlive(ctx, packet);
            return;
        }
        DatagramFlow flow = flows.udpInbound(ctx.channel(), packet.sender(), System.nanoTime(), maxFlows);
        if (flow == null) {
            refuseNewPeer(packet);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        try {
            dispatcher.onMessage(SipMessages.parse(bytes, 0, bytes.length), flow);
        } catch (SipParseException e) {
            dispatcher.onMalformed(new MalformedSip(bytes, e, false), flow);
        }
    }

    /** udp.max.flows, live; 0 = no cap. */
    public void maxFlows(int max) {
        this.maxFlows = max;
    }

    private void refuseNewPeer(DatagramPacket packet) {
        refusedPeers.increment();
        long now = System.nanoTime();
        long last = lastRefusalLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastRefusalLog.compareAndSet(last, now)) { // a flood logs once in 10 s
            LOG.warn("UDP datagram from new peer {} dropped: udp.max.flows ({}) peers are known ({} dropped so far)",
                packet.sender(), maxFlows, refusedPeers.sum());
        }
    }

    /** Datagrams dropped because they came from a new peer while udp.max.flows were known. */
    public long refusedPeers() {
        return refusedPeers.sum();
    }

    private void answerKeepAlive(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (!StunKeepAlive.isBindingRequest(packet.content())
                || flows.existingUdp(ctx.channel(), packet.sender(), System.nanoTime()).isEmpty()) {
            stunIgnored.increment();
            return;
        }
        stunAnswered.increment();
        ByteBuf reply = StunKeepAlive.bindingSuccess(packet.content(), packet.sender(), ctx.alloc());
        ctx.writeAndFlush(new DatagramPacket(reply, packet.sender()));
    }

    /** STUN keep-alives answered (RFC 5626 §4.4.2). */
    public long stunAnswered() {
        return stunAnswered.sum();
    }

    /** STUN messages dropped: not a Binding request, or from an address with no flow. */
    public long stunIgnored() {
        return stunIgnored.sum();
    }

    private static boolean isBlank(ByteBuf b) {
        for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
            byte c = b.getByte(i);
            if (c != '\r' && c != '\n' && c != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a UDP listener must survive anything one datagram does
        LOG.warn("UDP listener {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
