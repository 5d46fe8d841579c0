package org.tabphone.routing.defaults.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Component;
import org.tabphone.routing.api.CallRouter;
import org.tabphone.routing.api.RouteDecision;
import org.tabphone.routing.api.RouteRequest;
import org.tabphone.sip.api.uri.SipUri;

/**
 * The router that ships: the Request-URI's user part is a user of the tenant (an extension such
 * as 1002) — ring it; anything else is 404. Ranking 0, so any integrator router with a higher
 * {@code service.ranking} takes over. Virtual numbers and trunk prefixes join it with the agent
 * and trunk bundles.
 */
@Component(service = CallRouter.class, property = "service.ranking:Integer=0")
public final class DefaultCallRouter implements CallRouter {

    @Override
    public CompletionStage<RouteDecision> route(RouteRequest request) {
        if (!(request.invite().requestUri() instanceof SipUri uri) || uri.user().isEmpty()) {
            return CompletableFuture.completedFuture(new RouteDecision.Reject(404, "No user in the Request-URI"));
        }
        String user = uri.userDecoded().orElseThrow();
        if (request.tenant().user(user).isEmpty()) {
            return CompletableFuture.completedFuture(new RouteDecision.Reject(404, "No such user"));
        }
        return CompletableFuture.completedFuture(new RouteDecision.RingUsers(List.of(user)));
    }
}
