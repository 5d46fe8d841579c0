package org.tabphone.routing.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides where a new call goes. The call bundle uses the registered router with the highest
 * {@code service.ranking} (rebinding live); a call keeps the router it started with.
 * Runs on an I/O thread: must not block — a slow lookup completes the stage later.
 */
@ConsumerType
public interface CallRouter {
    CompletionStage<RouteDecision> route(RouteRequest request);
}
