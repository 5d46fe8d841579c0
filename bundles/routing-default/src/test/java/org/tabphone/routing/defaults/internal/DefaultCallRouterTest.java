package org.tabphone.routing.defaults.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tabphone.routing.api.RouteDecision;
import org.tabphone.routing.api.RouteRequest;
import org.tabphone.routing.api.VirtualNumbers;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.IceServers;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantLimits;

class DefaultCallRouterTest {
    private static final SipUri BOT = SipUri.parse("sip:bot@10.0.0.7:5080");
    private static final Tenant DEMO = new DemoTenant();
    /** Maps 800 of tenant demo to {@link #BOT}, nothing else. */
    private static final VirtualNumbers AGENT =
        (tenant, number) -> tenant.equals("demo") && number.equals("800") ? Optional.of(BOT) : Optional.empty();

    private static RouteRequest call(String dialled, Optional<String> caller) {
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:" + dialled + "@demo.tabphone.test")).build();
        return new RouteRequest(DEMO, invite, caller);
    }

    private static RouteRequest fromTrunk(String number, Optional<String> user) {
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:" + number + "@192.0.2.1")).build();
        return new RouteRequest(DEMO, invite, Optional.empty(),
            Optional.of(new RouteRequest.FromTrunk("carrier", number, user)));
    }

    private static RouteDecision route(DefaultCallRouter router, RouteRequest request) {
        return router.route(request).toCompletableFuture().join();
    }

    private static DefaultCallRouter withAgent() {
        DefaultCallRouter router = new DefaultCallRouter();
        router.addVirtualNumbers(AGENT, Map.of("service.id", 7L));
        return router;
    }

    @Test
    void aVirtualNumberRingsItsEndpointEvenForAnAnonymousCaller() {
        assertEquals(new RouteDecision.RingUri(BOT), route(withAgent(), call("800", Optional.empty())));
        assertEquals(new RouteDecision.RingUri(BOT), route(withAgent(), call("800", Optional.of("1001"))));
    }

    @Test
    void otherNumbersStillRingUsersOrAreRejected() {
        DefaultCallRouter router = withAgent();
        assertEquals(new RouteDecision.RingUsers(List.of("1002")), route(router, call("1002", Optional.empty())));
        assertEquals(404, ((RouteDecision.Reject) route(router, call("801", Optional.empty()))).code());
    }

    @Test
    void aVirtualNumberComesBeforeAUserOfTheSameNumber() {
        DefaultCallRouter router = new DefaultCallRouter();
        router.addVirtualNumbers((t, n) -> Optional.of(BOT), Map.of());
        assertEquals(new RouteDecision.RingUri(BOT), route(router, call("1002", Optional.empty())));
    }

    @Test
    void aTrunkCallToAVirtualNumberRingsTheEndpoint_byTheUserTheNumberMapsToElseTheNumber() {
        DefaultCallRouter router = withAgent();
        assertEquals(new RouteDecision.RingUri(BOT), route(router, fromTrunk("+4930800", Optional.of("800"))));
        assertEquals(new RouteDecision.RingUri(BOT), route(router, fromTrunk("800", Optional.empty())));
        assertEquals(new RouteDecision.RingUsers(List.of("1002")), route(router, fromTrunk("+4930123", Optional.of("1002"))));
    }

    @Test
    void theHighestRankedServiceThatOwnsTheNumberWinsAndAFailingOneIsSkipped() {
        SipUri other = SipUri.parse("sip:other@10.0.0.8");
        DefaultCallRouter router = new DefaultCallRouter();
        router.addVirtualNumbers(AGENT, Map.of("service.ranking", 0, "service.id", 1L));
        router.addVirtualNumbers((t, n) -> Optional.of(other), Map.of("service.ranking", 10, "service.id", 2L));
        router.addVirtualNumbers((t, n) -> {
            throw new IllegalStateException("database down");
        }, Map.of("service.ranking", 20, "service.id", 3L));
        assertEquals(new RouteDecision.RingUri(other), route(router, call("800", Optional.empty())));
    }

    @Test
    void anUnboundServiceIsNoLongerAsked() {
        DefaultCallRouter router = withAgent();
        router.removeVirtualNumbers(AGENT);
        assertEquals(404, ((RouteDecision.Reject) route(router, call("800", Optional.empty()))).code());
    }

    /** Tenant demo with user 1002 only. */
    private static final class DemoTenant implements Tenant {
        private final SipUser bob = new SipUser("1002", "Bob", null, null);

        @Override
        public String name() {
            return "demo";
        }

        @Override
        public List<String> domains() {
            return List.of("demo.tabphone.test");
        }

        @Override
        public String realm() {
            return "demo.tabphone.test";
        }

        @Override
        public boolean isFallback() {
            return false;
        }

        @Override
        public TenantLimits limits() {
            throw new UnsupportedOperationException();
        }

        @Override
        public IceServers iceServers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DigestAlgorithm> digestAlgorithms() {
            return List.of();
        }

        @Override
        public Optional<SipUser> user(String username) {
            return username.equals("1002") ? Optional.of(bob) : Optional.empty();
        }

        @Override
        public List<SipUser> users() {
            return List.of(bob);
        }
    }
}
