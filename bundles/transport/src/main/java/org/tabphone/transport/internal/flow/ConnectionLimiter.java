package org.tabphone.transport.internal.flow;

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
 * Caps the connections we accept on a group of listeners (TCP and TLS, or WS and WSS): per peer
 * address, and together with every other group in an {@link OpenConnections} total. The
 * connection over a cap is closed as soon as it is accepted, before any TLS or HTTP work. First in
 * the pipeline; shared by the group's channels. Caps change live; connections already open are
 * never closed by a lower cap.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final String transports;
    private final String perAddressKey;
    private final OpenConnections total;
    private final AttributeKey<InetAddress> counted;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile int perAddressMax;

    /**
     * @param transports    what the group is, for the log ("WebSocket", "TCP/TLS")
     * @param perAddressKey the configuration key of the per-address cap, for the log
     * @param total         the count every group shares
     */
    public ConnectionLimiter(String transports, String perAddressKey, OpenConnections total) {
        this.transports = transports;
        this.perAddressKey = perAddressKey;
        this.total = total;
        this.counted = AttributeKey.valueOf("tabphone.counted." + perAddressKey);
    }

    /** 0 = no cap. */
    public void perAddressMax(int max) {
        this.perAddressMax = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (!total.tryOpen()) {
            refuse(ctx, remote, "the gateway has " + total.open() + " open, max.connections is " + total.max());
            return;
        }
        ctx.channel().closeFuture().addListener(f -> total.closed());
        int cap = perAddressMax;
        if (cap > 0 && remote instanceof InetSocketAddress isa) {
            InetAddress peer = isa.getAddress();
            int n = open.merge(peer, 1, Integer::sum); // atomic per address
            ctx.channel().attr(counted).set(peer);
            if (n > cap) {
                refuse(ctx, remote, "it has " + (n - 1) + " open, " + perAddressKey + " is " + cap);
                return;
            }
        }
        super.channelActive(ctx);
    }

    private void refuse(ChannelHandlerContext ctx, SocketAddress remote, String why) {
        refused.increment();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) { // a flood logs once in 10 s
            LOG.warn("{} connection from {} refused: {} ({} refused so far)", transports, remote, why, refused.sum());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress peer = ctx.channel().attr(counted).getAndSet(null);
        if (peer != null) {
            open.computeIfPresent(peer, (p, n) -> n <= 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }

    /** Connections this group closed at once for a cap. */
    public long refused() {
        return refused.sum();
    }
}
