package org.tabphone.routing.defaults.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.routing.api.CallRouter;
import org.tabphone.routing.api.RouteDecision;
import org.tabphone.routing.api.RouteRequest;
import org.tabphone.routing.api.VirtualNumbers;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.trunk.api.OutboundRoute;
import org.tabphone.trunk.api.TrunkService;

/**
 * The router that ships. A virtual number (one a {@link VirtualNumbers} service owns, e.g. an
 * agent's 800) rings its endpoint, for any caller and from a trunk too. A call from a trunk rings
 * the user its number maps to (else the dialled number as a user). A call to a user of the tenant
 * (an extension such as 1002) rings it. Any other number goes out on the tenant's trunks that
 * take it — only for a caller who proved to be a user of the tenant (no toll fraud by anonymous
 * callers). Else 404. Ranking 0, so an integrator router with a higher {@code service.ranking}
 * takes over.
 */
@Component(service = CallRouter.class, property = "service.ranking:Integer=0")
public final class DefaultCallRouter implements CallRouter {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCallRouter.class);

    /** Highest {@code service.ranking} first, then the oldest: when two claim a number, that one wins. */
    private static final Comparator<Ranked> BEST_FIRST =
        Comparator.comparingInt(Ranked::ranking).reversed().thenComparingLong(Ranked::serviceId);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrunkService trunks;

    private final List<Ranked> virtualNumbers = new CopyOnWriteArrayList<>();

    private record Ranked(VirtualNumbers service, int ranking, long serviceId) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addVirtualNumbers(VirtualNumbers service, Map<String, Object> properties) {
        virtualNumbers.add(new Ranked(service, ranking(properties), serviceId(properties)));
        virtualNumbers.sort(BEST_FIRST);
    }

    synchronized void removeVirtualNumbers(VirtualNumbers service) {
        virtualNumbers.removeIf(r -> r.service() == service);
    }

    @Override
    public CompletionStage<RouteDecision> route(RouteRequest request) {
        return CompletableFuture.completedFuture(decide(request));
    }

    private RouteDecision decide(RouteRequest request) {
        String tenant = request.tenant().name();
        if (request.trunk().isPresent()) {
            RouteRequest.FromTrunk from = request.trunk().get();
            String user = from.user().orElse(from.number());
            Optional<SipUri> endpoint = virtualNumber(tenant, user);
            if (endpoint.isPresent()) {
                return new RouteDecision.RingUri(endpoint.get());
            }
            return request.tenant().user(user).isPresent() ? new RouteDecision.RingUsers(List.of(user))
                : new RouteDecision.Reject(404, "Number not assigned");
        }
        if (!(request.invite().requestUri() instanceof SipUri uri) || uri.user().isEmpty()) {
            return new RouteDecision.Reject(404, "No user in the Request-URI");
        }
        String dialled = uri.userDecoded().orElseThrow();
        Optional<SipUri> endpoint = virtualNumber(tenant, dialled); // like a user: anonymous callers may call it
        if (endpoint.isPresent()) {
            return new RouteDecision.RingUri(endpoint.get());
        }
        if (request.tenant().user(dialled).isPresent()) {
            return new RouteDecision.RingUsers(List.of(dialled));
        }
        TrunkService t = trunks;
        List<OutboundRoute> routes = t == null ? List.of() : t.outboundRoutes(tenant, dialled);
        if (routes.isEmpty()) {
            return new RouteDecision.Reject(404, "No such user");
        }
        if (request.caller().isEmpty()) {
            return new RouteDecision.Reject(403, "Calls to the network need an authenticated caller");
        }
        return new RouteDecision.ViaTrunks(routes.stream()
            .map(r -> new RouteDecision.TrunkRoute(r.trunk(), r.e164())).toList());
    }

    /** The endpoint of the first (best-ranked) service that owns the number; one that throws is skipped. */
    private Optional<SipUri> virtualNumber(String tenant, String number) {
        for (Ranked r : virtualNumbers) {
            try {
                Optional<SipUri> endpoint = r.service().endpoint(tenant, number);
                if (endpoint != null && endpoint.isPresent()) {
                    return endpoint;
                }
            } catch (RuntimeException e) {
                LOG.warn("virtual numbers service {} failed for {} in tenant {}; skipped", r.service(), number, tenant, e);
            }
        }
        return Optional.empty();
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get("service.ranking") instanceof Integer i ? i : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get("service.id") instanceof Long l ? l : Long.MAX_VALUE;
    }
}
