package org.tabphone.routing.api;

import java.util.List;

import org.tabphone.sip.api.uri.SipUri;

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

    /**
     * Ring one endpoint that is not a registered user, by its SIP URI: an agent on a virtual
     * number, a voice-AI platform, a fixed device. The URI's host (an IP address, or a name the
     * gateway resolves off its I/O threads), its port (5060 when absent, 5061 for TLS) and its
     * {@code transport} parameter (UDP when absent) say where the INVITE goes; its user part is
     * the Request-URI's. The call's records name the callee kind {@code agent}.
     */
    record RingUri(SipUri uri) implements RouteDecision {
        public RingUri {
            java.util.Objects.requireNonNull(uri, "uri");
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
