package org.tabphone.transport.internal;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.transport.api.TransportKind;

/**
 * The open listeners, one per transport. {@link #apply} reopens only the listeners whose spec
 * changed, binding the new socket before closing the old one, so a failed bind (port in use)
 * leaves the previous listener serving. Called from configuration threads, never an event loop.
 */
final class ListenerSet {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerSet.class);
    private static final long BIND_TIMEOUT_SECONDS = 10;

    private record Bound(ListenerSpec spec, Channel channel) {
    }

    private final Map<TransportKind, Bound> bound = new EnumMap<>(TransportKind.class);
    private final Function<ListenerSpec, ChannelFuture> binder;
    private final Consumer<Channel> onClosed;

    /**
     * @param binder   opens a listener for a spec
     * @param onClosed told about each listener channel this set closes
     */
    ListenerSet(Function<ListenerSpec, ChannelFuture> binder, Consumer<Channel> onClosed) {
        this.binder = binder;
        this.onClosed = onClosed;
    }

    /** Makes the open listeners match {@code wanted}; returns false if any listener could not be opened. */
    synchronized boolean apply(Map<TransportKind, ListenerSpec> wanted) {
        boolean allOk = true;
        for (ListenerSpec spec : wanted.values()) {
            Bound current = bound.get(spec.kind());
            if (current != null && current.spec().equals(spec)) {
                continue;
            }
            if (!spec.enabled()) {
                if (current != null) {
                    close(current);
                    bound.remove(spec.kind());
                    LOG.info("{} listener closed (port 0)", spec.kind());
                }
                continue;
            }
            // same socket address (only path or limits changed): the old socket must go first
            boolean sameSocket = current != null && current.spec().bind().equals(spec.bind());
            if (sameSocket) {
                close(current);
                bound.remove(spec.kind());
            }
            Optional<Channel> opened = open(spec);
            if (opened.isEmpty()) {
                allOk = false;
                if (sameSocket) {
                    open(current.spec()).ifPresent(c -> bound.put(spec.kind(), new Bound(current.spec(), c)));
                }
                Bound still = bound.get(spec.kind());
                LOG.error("{} listener on {} not opened{}", spec.kind(), spec.bind(),
                    still == null ? "" : "; still listening on " + still.channel().localAddress());
                continue;
            }
            if (current != null && !sameSocket) {
                close(current);
            }
            bound.put(spec.kind(), new Bound(spec, opened.get()));
            LOG.info("{} listening on {}", spec.kind(), opened.get().localAddress());
        }
        return allOk;
    }

    private Optional<Channel> open(ListenerSpec spec) {
        ChannelFuture f = binder.apply(spec);
        if (f.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS) && f.isSuccess()) {
            return Optional.of(f.channel());
        }
        LOG.error("{} bind to {} failed: {}", spec.kind(), spec.bind(),
            f.cause() == null ? "timed out" : f.cause().toString());
        f.channel().close();
        return Optional.empty();
    }

    synchronized Optional<Channel> channel(TransportKind kind) {
        Bound b = bound.get(kind);
        return b == null ? Optional.empty() : Optional.of(b.channel());
    }

    synchronized Optional<InetSocketAddress> localAddress(TransportKind kind) {
        return channel(kind).map(c -> (InetSocketAddress) c.localAddress());
    }

    synchronized void closeAll() {
        bound.values().forEach(this::close);
        bound.clear();
    }

    private void close(Bound b) {
        b.channel().close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        onClosed.accept(b.channel());
    }
}
