package org.tabphone.media.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * Opens media ports. The socket is bound by a plain (non-blocking) system call before Netty
 * registers it, so opening a leg never waits on an event loop. Packets are read into pooled
 * heap buffers: SRTP and transcoding work on the array in place.
 */
final class MediaSockets {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MediaSockets.class);
    /** Big enough for any RTP packet we relay plus SRTP's tag; larger datagrams are truncated and fail auth. */
    private static final int DATAGRAM_BUFFER = 2048;
    private final ByteBufAllocator heap = new PooledByteBufAllocator(false);

    /** A bound port pair's channels, or null when the range is exhausted. */
    record Bound(int port, Channel rtp, Channel rtcp) {
    }

    /**
     * Binds an even port from {@code ports} (and the odd one above when {@code withRtcp}) and
     * registers the channels on {@code loop} with the handlers made by {@code handlers}.
     */
    Bound bind(PortAllocator ports, InetAddress bindAddress, EventLoop loop, boolean withRtcp,
               java.util.function.IntFunction<ChannelHandler> handlers) throws IOException {
        IOException last = null;
        // ports another program holds are skipped: at worst one failed bind per pair of the range
        for (int attempt = 0; attempt < ports.capacity(); attempt++) {
            int port = ports.take();
            if (port < 0) {
                return null;
            }
            java.nio.channels.DatagramChannel rtp = null;
            java.nio.channels.DatagramChannel rtcp = null;
            try {
                rtp = open(bindAddress, port);
                if (withRtcp) {
                    rtcp = open(bindAddress, port + 1);
                }
                Channel rtpChannel = register(rtp, loop, handlers.apply(port));
                Channel rtcpChannel = rtcp == null ? null : register(rtcp, loop, handlers.apply(port + 1));
                return new Bound(port, rtpChannel, rtcpChannel);
            } catch (IOException e) { // taken by another program: try the next pair
                last = e;
                closeQuietly(rtp);
                closeQuietly(rtcp);
                ports.release(port);
            }
        }
        throw last;
    }

    private static java.nio.channels.DatagramChannel open(InetAddress bindAddress, int port) throws IOException {
        java.nio.channels.DatagramChannel ch = java.nio.channels.DatagramChannel.open(
            bindAddress instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(bindAddress, port));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private Channel register(java.nio.channels.DatagramChannel jdk, EventLoop loop, ChannelHandler handler) {
        NioDatagramChannel ch = new NioDatagramChannel(jdk);
        ch.config().setOption(ChannelOption.ALLOCATOR, heap);
        ch.config().setOption(ChannelOption.RCVBUF_ALLOCATOR, new HeapDatagramAllocator(DATAGRAM_BUFFER));
        ch.pipeline().addLast(handler);
        loop.register(ch).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn("media port {} could not be registered: {}", jdk.socket().getLocalPort(), f.cause().toString());
                ch.unsafe().closeForcibly();
            }
        });
        return ch;
    }

    private static void closeQuietly(java.nio.channels.DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a socket we just failed with
            }
        }
    }
}
