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

    /** Refuse the call with this status (e.g. 404, 403, 486). */
    record Reject(int code, String reason) implements RouteDecision {
        public Reject {
            if (code < 400 || code > 699) {
                throw new IllegalArgumentException("a rejection is 400-699: " + code);
            }
        }
    }
}
