package org.tabphone.routing.api;

import java.util.List;

/** What a {@link CallRouter} decided. */
public sealed interface RouteDecision {

    /** Ring every registered contact of these users of the tenant, in parallel (forking). */
    record RingUsers(List<String> users) implements RouteDecision {
        public RingUsers {
            users = List.copyOf(users);
            if (users.isEmpty()) {
                throw new IllegalArgumentException("no users to ring");
            }
        }
    }

    /**
     * Send the call out on a trunk: the first route whose trunk has a free line takes it (a trunk
     * at capacity passes to the next); none free → 503.
     */
    record ViaTrunks(List<TrunkRoute> routes) implements RouteDecision {
        public ViaTrunks {
            routes = List.copyOf(routes);
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("no trunk routes");
            }
        }
    }

    /** A trunk by name and the number to call on it (E.164, with '+'). */
    record TrunkRoute(String trunk, String number) {
    }

    /** Refuse the call with this status (e.g. 404, 403, 486). */
    record Reject(int code, String reason) implements RouteDecision {
        public Reject {
            if (code < 400 || code > 699) {
                throw new IllegalArgumentException("a rejection is 400-699: " + code);
            }
        }
    }
}
