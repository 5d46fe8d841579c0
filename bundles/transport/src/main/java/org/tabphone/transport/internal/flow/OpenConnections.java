package org.tabphone.transport.internal.flow;

import java.util.concurrent.atomic.AtomicInteger;

/** How many accepted connections are open on every stream listener together, against max.connections. */
public final class OpenConnections {
    private final AtomicInteger open = new AtomicInteger();
    private volatile int max;

    /** 0 = no cap. */
    public void max(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    public int open() {
        return open.get();
    }

    /** Counts one more unless that would pass the cap. */
    boolean tryOpen() {
        while (true) {
            int n = open.get();
            int cap = max;
            if (cap > 0 && n >= cap) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void closed() {
        open.decrementAndGet();
    }
}
