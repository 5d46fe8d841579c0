package org.tabphone.trunk.manager.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.tabphone.trunk.api.Capacity;
import org.tabphone.trunk.api.TrunkCall;
import org.tabphone.trunk.api.TrunkInfo;
import org.tabphone.trunk.api.TrunkLine;
import org.tabphone.trunk.api.TrunkSettings;
import org.tabphone.trunk.api.TrunkStatus;

/**
 * One trunk as the manager keeps it: the settings of the moment, the driver's connection, and
 * the lines in use. The line counts outlive reloads and driver swaps, so raising a limit never
 * forgets the calls already up.
 */
final class ManagedTrunk {
    private volatile TrunkSettings settings;
    /** Null while no driver of the trunk's type is installed. */
    private volatile TrunkLine line;
    private int inbound;
    private int outbound;
    final LongAdder held = new LongAdder();
    final LongAdder refused = new LongAdder();

    ManagedTrunk(TrunkSettings settings) {
        this.settings = settings;
    }

    TrunkSettings settings() {
        return settings;
    }

    void settings(TrunkSettings s) {
        settings = s;
    }

    TrunkLine line() {
        return line;
    }

    /** Installs a new connection and returns the one it replaces (for the caller to close). */
    TrunkLine line(TrunkLine l) {
        TrunkLine before = line;
        line = l;
        return before;
    }

    /** A line for a call in {@code direction}, if the capacity of the moment allows it. */
    synchronized Optional<TrunkCall> seize(TrunkCall.Direction direction) {
        TrunkLine l = line;
        Capacity c = settings.capacity();
        boolean in = direction == TrunkCall.Direction.INBOUND;
        if (l == null || !(in ? c.allowsInbound(inbound, outbound) : c.allowsOutbound(inbound, outbound))) {
            return Optional.empty();
        }
        if (in) {
            inbound++;
        } else {
            outbound++;
        }
        return Optional.of(new Seized(direction, settings, l));
    }

    private synchronized void release(TrunkCall.Direction direction) {
        if (direction == TrunkCall.Direction.INBOUND) {
            inbound--;
        } else {
            outbound--;
        }
    }

    synchronized TrunkInfo info() {
        TrunkLine l = line;
        TrunkStatus status = l == null ? TrunkStatus.of(TrunkStatus.State.NO_DRIVER,
            "no '" + settings.driver() + "' driver installed") : l.status();
        return new TrunkInfo(settings, status, inbound, outbound, held.sum(), refused.sum());
    }

    /** A seized line: the call keeps these settings and this connection whatever happens to the trunk. */
    private final class Seized implements TrunkCall {
        private final Direction direction;
        private final TrunkSettings settings;
        private final TrunkLine line;
        private final AtomicBoolean released = new AtomicBoolean();

        Seized(Direction direction, TrunkSettings settings, TrunkLine line) {
            this.direction = direction;
            this.settings = settings;
            this.line = line;
        }

        @Override
        public Direction direction() {
            return direction;
        }

        @Override
        public TrunkSettings settings() {
            return settings;
        }

        @Override
        public TrunkLine line() {
            return line;
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                ManagedTrunk.this.release(direction);
            }
        }

        @Override
        public String toString() {
            return direction.name().toLowerCase(java.util.Locale.ROOT) + " line on trunk " + settings.name();
        }
    }
}
