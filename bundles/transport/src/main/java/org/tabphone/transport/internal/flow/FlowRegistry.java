package org.tabphone.transport.internal.flow;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.channel.Channel;

import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/**
 * Every live flow, by id, plus the lookups senders need: UDP flows by peer address and stream
 * flows by peer address (to reuse a connection, RFC 3261 §18.1.1) — for outbound TLS by address,
 * server name and verification. Thread-safe; all locking stays inside these methods.
 */
public final class FlowRegistry {
    private static final long FULL_SWEEP_EVERY_NANOS = 1_000_000_000L;
    private static final long FULL_SWEEP_IDLE_NANOS = 60_000_000_000L;
    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong lastFullSweep = new AtomicLong(NEVER);
    private final Map<FlowId, NettyFlow> byId = new ConcurrentHashMap<>();
    private final Map<UdpPeer, DatagramFlow> udpByPeer = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, NettyFlow> tcpByRemote = new ConcurrentHashMap<>();
    /** Only connections we opened and whose handshake passed: an accepted TLS connection proves nothing of the peer. */
    private final Map<TlsPeer, NettyFlow> tlsByPeer = new ConcurrentHashMap<>();
    private final Consumer<Flow> onClosed;

    /** @param onClosed told once for every flow that ends */
    public FlowRegistry(Consumer<Flow> onClosed) {
        this.onClosed = onClosed;
    }

    /**
     * The UDP flow of a peer whose datagram just arrived, created on its first one unless
     * {@code max} UDP flows exist already (0 = no cap). Datagrams from spoofed sources cost a flow
     * each until it idles out, so the count is capped: when full, flows silent for a minute are
     * forgotten at once (at most once a second) to make room; if that frees none, null, and the
     * datagram is dropped.
     */
    public DatagramFlow udpInbound(Channel listener, InetSocketAddress remote, long nowNanos, int max) {
        DatagramFlow known = udpByPeer.get(new UdpPeer(listener, remote));
        if (known != null) {
            known.touch(nowNanos);
            return known;
        }
        if (max > 0 && udpByPeer.size() >= max) {
            long last = lastFullSweep.get();
            boolean due = last == NEVER || nowNanos - last >= FULL_SWEEP_EVERY_NANOS;
            if (due && lastFullSweep.compareAndSet(last, nowNanos)) {
                expireUdp(nowNanos - FULL_SWEEP_IDLE_NANOS);
            }
            if (udpByPeer.size() >= max) {
                return null;
            }
        }
        return udp(listener, remote, nowNanos);
    }

    /** The UDP flow for a peer on one of our UDP listeners (one we send to, or one that sent), created if new. */
    public DatagramFlow udp(Channel listener, InetSocketAddress remote, long nowNanos) {
        DatagramFlow flow = udpByPeer.computeIfAbsent(new UdpPeer(listener, remote), k -> {
            DatagramFlow created = new DatagramFlow(newId(), listener, remote, nowNanos);
            byId.put(created.id(), created);
            return created;
        });
        flow.touch(nowNanos);
        return flow;
    }

    /** The UDP flow of a peer that sent SIP here before, touched (a keep-alive keeps it); empty if none. */
    public Optional<DatagramFlow> existingUdp(Channel listener, InetSocketAddress remote, long nowNanos) {
        DatagramFlow flow = udpByPeer.get(new UdpPeer(listener, remote));
        if (flow != null) {
            flow.touch(nowNanos);
        }
        return Optional.ofNullable(flow);
    }

    /** Registers a connection that just became active; the flow ends when the channel closes. */
    public NettyFlow connected(TransportKind kind, Channel channel) {
        NettyFlow flow = kind.isWebSocket()
            ? new WebSocketFlow(newId(), kind, channel)
            : new StreamFlow(newId(), kind, channel);
        byId.put(flow.id(), flow);
        if (kind == TransportKind.TCP) {
            tcpByRemote.put(flow.remote(), flow);
        }
        channel.closeFuture().addListener(f -> remove(flow));
        return flow;
    }

    public Optional<NettyFlow> get(FlowId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<NettyFlow> openTcpTo(InetSocketAddress remote) {
        NettyFlow f = tcpByRemote.get(remote);
        return f != null && f.isOpen() ? Optional.of(f) : Optional.empty();
    }

    /** Makes an outbound TLS flow whose handshake passed reusable for {@code peer}. */
    public void handshaken(TlsPeer peer, NettyFlow flow) {
        tlsByPeer.put(peer, flow);
        if (!flow.isOpen()) {
            tlsByPeer.remove(peer, flow); // closed meanwhile: remove() may have run before the put
        }
    }

    public Optional<NettyFlow> openTlsTo(TlsPeer peer) {
        NettyFlow f = tlsByPeer.get(peer);
        return f != null && f.isOpen() ? Optional.of(f) : Optional.empty();
    }

    public List<Flow> all() {
        return new ArrayList<>(byId.values());
    }

    public int size() {
        return byId.size();
    }

    /** Forgets UDP flows idle since before {@code cutoffNanos}. */
    public int expireUdp(long cutoffNanos) {
        int n = 0;
        for (Map.Entry<UdpPeer, DatagramFlow> e : udpByPeer.entrySet()) {
            if (e.getValue().lastSeenNanos() - cutoffNanos < 0 && udpByPeer.remove(e.getKey(), e.getValue())) {
                remove(e.getValue());
                n++;
            }
        }
        return n;
    }

    /** Forgets the UDP flows of a listener that was closed. */
    public void listenerClosed(Channel listener) {
        udpByPeer.entrySet().removeIf(e -> {
            if (e.getKey().listener() != listener) {
                return false;
            }
            remove(e.getValue());
            return true;
        });
    }

    private void remove(NettyFlow flow) {
        if (byId.remove(flow.id(), flow)) {
            tcpByRemote.remove(flow.remote(), flow);
            if (flow.kind() == TransportKind.TLS) {
                tlsByPeer.values().remove(flow);
            }
            onClosed.accept(flow);
        }
    }

    /** UDP flows are keyed by listener and peer: the same peer on two listeners is two flows. */
    private record UdpPeer(Channel listener, InetSocketAddress remote) {
    }

    private FlowId newId() {
        return new FlowId(nextId.getAndIncrement());
    }
}
