package org.tabphone.trunk.api;

/**
 * Concurrent-line limits of one trunk; {@link #UNLIMITED} lifts one. {@code maxInbound == 0} is
 * not a refusal: new inbound calls are held silently at 180 so an upstream fork arbitration can
 * cancel them cleanly.
 *
 * @param overCapacityStatus what an inbound call gets when the inbound or total limit is reached (486 or 503)
 */
public record Capacity(int maxInbound, int maxOutbound, int maxTotal, int overCapacityStatus) {
    public static final int UNLIMITED = -1;

    public Capacity {
        for (int limit : new int[] {maxInbound, maxOutbound, maxTotal}) {
            if (limit < UNLIMITED) {
                throw new IllegalArgumentException("a line limit is -1 (unlimited) or >= 0: " + limit);
            }
        }
        if (overCapacityStatus != 486 && overCapacityStatus != 503) {
            throw new IllegalArgumentException("over-capacity status is 486 or 503: " + overCapacityStatus);
        }
    }

    static boolean allows(int limit, int inUse) {
        return limit == UNLIMITED || inUse < limit;
    }

    public boolean allowsInbound(int inbound, int outbound) {
        return allows(maxInbound, inbound) && allows(maxTotal, inbound + outbound);
    }

    public boolean allowsOutbound(int inbound, int outbound) {
        return allows(maxOutbound, outbound) && allows(maxTotal, inbound + outbound);
    }
}
