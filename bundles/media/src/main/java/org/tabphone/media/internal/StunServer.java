package org.tabphone.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.internal.stun.StunFingerprint;
import org.tabphone.media.internal.stun.StunMessageView;
import org.tabphone.media.internal.stun.StunMessageWriter;
import org.tabphone.media.internal.stun.StunPacket;
import org.tabphone.media.internal.stun.StunParseResult;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The gateway's own STUN server (RFC 8489 §12, the "binding usage" of RFC 5389 without
 * authentication): a Binding request gets a success response with the request's source in
 * XOR-MAPPED-ADDRESS, SOFTWARE and FINGERPRINT, so a browser learns its public address
 * (a server-reflexive candidate) from the gateway it talks to, with no third-party STUN server.
 * Anything else — other methods, indications, responses, malformed datagrams — is dropped.
 */
final class StunServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StunServer.class);
    private static final String SOFTWARE = "Tabphone";

    private final Channel channel;
    private final LongAdder answered;

    private StunServer(Channel channel, LongAdder answered) {
        this.channel = channel;
        this.answered = answered;
    }

    /**
     * Binds UDP {@code address}:{@code port} on one of {@code loops}; blocks until bound (a
     * configuration step, never on an event loop).
     *
     * @throws IllegalStateException when the port can't be bound (e.g. another STUN server has it)
     */
    static StunServer start(EventLoopGroup loops, InetAddress address, int port, LongAdder answered) {
        ChannelFuture bound = new Bootstrap().group(loops).channel(NioDatagramChannel.class)
            .handler(new Responder(answered))
            .bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) { // not syncUninterruptibly(): it rethrows the checked BindException unannounced
            throw new IllegalStateException(String.valueOf(bound.cause()), bound.cause());
        }
        Channel ch = bound.channel();
        LOG.info("STUN server on udp {}:{}", address.getHostAddress(), port);
        return new StunServer(ch, answered);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    long answered() {
        return answered.sum();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** One per channel: its view and fingerprint are reused for every datagram on the channel's loop. */
    private static final class Responder extends SimpleChannelInboundHandler<DatagramPacket> {
        private final StunMessageView request = new StunMessageView();
        private final StunFingerprint fingerprint = new StunFingerprint();
        private final LongAdder answered;

        Responder(LongAdder answered) {
            this.answered = answered;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (request.parse(packet.content()) != StunParseResult.OK || !request.isBindingRequest()) {
                return;
            }
            InetSocketAddress sender = packet.sender();
            if (sender.getAddress() == null) {
                return;
            }
            ByteBuf out = ctx.alloc().buffer(StunPacket.HEADER_LENGTH + 48);
            int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_SUCCESS_RESPONSE, request);
            StunMessageWriter.writeXorMappedAddress(out, start, sender.getAddress().getAddress(), sender.getPort());
            StunMessageWriter.writeSoftware(out, start, SOFTWARE);
            StunMessageWriter.writeFingerprint(out, start, fingerprint);
            answered.increment(); // before the send: whoever reads the counter after the answer sees it
            ctx.writeAndFlush(new DatagramPacket(out, sender));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("STUN server: {}", cause.toString()); // a bad datagram never closes the socket
        }
    }
}
