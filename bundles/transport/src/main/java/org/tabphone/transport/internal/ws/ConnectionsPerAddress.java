package org.tabphone.transport.internal.ws;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the WebSocket connections one peer address may hold (WS and WSS together): the
 * connection over the cap is closed as soon as it is accepted, before any TLS or HTTP work.
 * First in the pipeline; shared by every WS/WSS channel. The cap can change live; connections
 * already open are never closed by a lower cap.
 */
@ChannelHandler.Sharable
public final class ConnectionsPerAddress extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("tabphone.ws.counted");
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile int max;

    /** 0 = no cap. */
    public void max(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        int cap = max;
        if (cap > 0 && remote instanceof InetSocketAddress isa) {
            InetAddress peer = isa.getAddress();
            int n = open.merge(peer, 1, Integer::sum); // atomic per address
            ctx.channel().attr(COUNTED).set(peer);
            if (n > cap) {
                refused.increment();
                long now = System.nanoTime();
                long last = lastLog.get();
                if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) { // a flood logs once in 10 s
                    LOG.warn("WebSocket connection from {} refused: it has {} open, ws.max.connections.per.address is {}"
                        + " ({} refused so far)", peer, n - 1, cap, refused.sum());
                }
                ctx.close();
                return;
            }
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress peer = ctx.channel().attr(COUNTED).getAndSet(null);
        if (peer != null) {
            open.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }

    public long refused() {
        return refused.sum();
    }

    int openFrom(InetAddress peer) {
        return open.getOrDefault(peer, 0);
    }
}
