package org.tabphone.routing.defaults.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tabphone.routing.api.CallRouter;
import org.tabphone.routing.api.RouteDecision;
import org.tabphone.routing.api.RouteRequest;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.trunk.api.OutboundRoute;
import org.tabphone.trunk.api.TrunkService;

/**
 * The router that ships. A call from a trunk rings the user its number maps to (else the
 * dialled number as a user). A call to a user of the tenant (an extension such as 1002) rings
 * it. Any other number goes out on the tenant's trunks that take it — only for a caller who
 * proved to be a user of the tenant (no toll fraud by anonymous callers). Else 404. Ranking 0,
 * so an integrator router with a higher {@code service.ranking} takes over.
 */
@Component(service = CallRouter.class, property = "service.ranking:Integer=0")
public final class DefaultCallRouter implements CallRouter {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrunkService trunks;

    @Override
    public CompletionStage<RouteDecision> route(RouteRequest request) {
        return CompletableFuture.completedFuture(decide(request));
    }

    private RouteDecision decide(RouteRequest request) {
        if (request.trunk().isPresent()) {
            RouteRequest.FromTrunk from = request.trunk().get();
            String user = from.user().orElse(from.number());
            return request.tenant().user(user).isPresent() ? new RouteDecision.RingUsers(List.of(user))
                : new RouteDecision.Reject(404, "Number not assigned");
        }
        if (!(request.invite().requestUri() instanceof SipUri uri) || uri.user().isEmpty()) {
            return new RouteDecision.Reject(404, "No user in the Request-URI");
        }
        String dialled = uri.userDecoded().orElseThrow();
        if (request.tenant().user(dialled).isPresent()) {
            return new RouteDecision.RingUsers(List.of(dialled));
        }
        TrunkService t = trunks;
        List<OutboundRoute> routes = t == null ? List.of() : t.outboundRoutes(request.tenant().name(), dialled);
        if (routes.isEmpty()) {
            return new RouteDecision.Reject(404, "No such user");
        }
        if (request.caller().isEmpty()) {
            return new RouteDecision.Reject(403, "Calls to the network need an authenticated caller");
        }
        return new RouteDecision.ViaTrunks(routes.stream()
            .map(r -> new RouteDecision.TrunkRoute(r.trunk(), r.e164())).toList());
    }
}
